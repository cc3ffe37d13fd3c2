// Filing customers: the one path by which a customer enters the archive, shared by
// Customers::add, Customers::add_many and the lead import. Used inside a write transaction.
//
// The order matters for "unique, gap-free, never half-written": validate every field, check the
// phones against the site's archive, and only then take the archive number and write.
#pragma once

#include "archive/store.hpp"
#include "common/text.hpp"
#include "customers/allocator.hpp"
#include "snowball/customers.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snowball::detail {

struct SiteNumbering {
    std::int64_t id;
    std::string code;
    numbering::NumberFormat format;
};

// A customer whose every field has been checked and normalised.
struct CustomerDraft {
    const SiteNumbering* site = nullptr;
    Channel channel = Channel::lead;
    std::string name;
    Gender gender = Gender::unknown;
    std::string mobile;
    std::vector<Phone> phones;
    std::optional<std::int64_t> consultant_id;
    Tier tier = Tier::ordinary;
    Date first_contact;
    std::string note;
    Date filed_on;
    std::optional<Birthday> birthday;
};

// The existing customer a phone belongs to.
struct PhoneOwner {
    std::int64_t customer_id;
    std::string name;
    std::string archive_no;
};

class Filing {
public:
    explicit Filing(Store& store) : store_(store), numbers_(store) {}

    // Checks and normalises `input`; throws invalid_argument / not_found naming the field.
    CustomerDraft prepare(const NewCustomer& input);
    // Throws conflict naming the customer that already has one of the draft's phones.
    void check_phones(const CustomerDraft& draft);
    // Takes the archive numbers and writes the customers, in multi-row statements; returns the
    // records as filed. A phone repeated within the drafts or on file already is a conflict thrown
    // after rows were written: the caller's transaction must then roll back (add, add_many), or
    // the caller checks the phones first (the lead import, which goes on with the next row).
    // `batch` names the drafts in errors ("customers" → "customers[2].mobile"); null for one.
    std::vector<Customer> file(const std::vector<CustomerDraft>& drafts, const char* batch = nullptr);

    const SiteNumbering& site(std::string_view code, const std::string& field);
    // The consultant's site id, checking that they exist and are still active.
    void check_consultant(std::int64_t consultant_id, std::int64_t site_id, const std::string& field);

private:
    Store& store_;
    NumberAllocator numbers_;
    std::map<std::string, SiteNumbering, std::less<>> sites_;
    std::map<std::int64_t, std::int64_t> consultant_sites_;
    Date today_ = today_in_china();
    std::string now_ = text::now_utc();   // one transaction, one timestamp
};

// Shared rules of customer fields, used by filing and by updates.
std::string clean_customer_name(std::string_view name);
std::string clean_customer_note(std::string_view note);
std::vector<Phone> normalize_phones(const std::vector<Phone>& phones, const std::string& mobile);
Date checked_past_date(const Date& date, const std::string& field, const Date& today);
// The order of a customer's other phones: by kind, then number.
bool phone_order(const Phone& a, const Phone& b);
// The customer at `site_id` holding `phone`, if any.
std::optional<PhoneOwner> phone_owner(Store& store, const std::string& phone, std::int64_t site_id);
// Writes the phone index rows of a customer (mobile first); a phone on file already at the site is
// a conflict naming its owner.
void insert_phones(Store& store, std::int64_t customer_id, std::int64_t site_id, const std::string& mobile,
                   const std::vector<Phone>& phones);
[[noreturn]] void throw_phone_conflict(const std::string& field, const std::string& phone,
                                       const PhoneOwner& owner);

} // namespace snowball::detail
