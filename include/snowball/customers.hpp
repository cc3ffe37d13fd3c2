// Customers: the archive of everyone who called, visited or came from a lead list (MISSION §1),
// their visits, their deals and the closed-deal archive of owners.
#pragma once

#include "snowball/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

struct Phone {
    PhoneKind kind = PhoneKind::other;
    std::string number;   // normal form (phone.hpp)
    bool operator==(const Phone& other) const { return kind == other.kind && number == other.number; }
};

struct Customer {
    std::int64_t id = 0;
    std::string archive_no;
    std::string site;                          // site code
    Channel channel = Channel::lead;
    std::string name;
    Gender gender = Gender::unknown;
    std::string mobile;                        // normal form; empty when unknown
    std::vector<Phone> phones;                 // other phones (home, office, other)
    std::optional<std::int64_t> consultant_id;
    Tier tier = Tier::ordinary;
    Stage stage = Stage::prospect;
    Date first_contact;
    std::string note;
    std::string filed_at;                      // UTC, ISO 8601
    std::string updated_at;
    std::optional<Birthday> birthday;          // Gregorian or lunar; the care calendar greets on it
    // Set by by_archive_no only: the number asked for when it was merged away (snowball/merge.hpp)
    // and this is the record it was merged into.
    std::optional<std::string> redirected_from;
};

struct NewCustomer {
    std::string site;
    Channel channel = Channel::lead;
    std::string name;
    Gender gender = Gender::unknown;
    std::string mobile;                        // any accepted form; empty when unknown
    std::vector<Phone> phones;                 // other phones, any accepted form
    std::optional<std::int64_t> consultant_id; // must be a consultant of the same site
    Tier tier = Tier::ordinary;
    std::optional<Date> first_contact;         // default: filed_on, else today (China time); never in the future
    std::string note;
    // The day the customer is filed, which picks the year of the archive number. Default today;
    // set it only when moving an older archive in.
    std::optional<Date> filed_on;
    std::optional<Birthday> birthday;
};

// Only the fields that are set change. The channel and the archive number never change; the
// stage follows visits and deals.
struct CustomerUpdate {
    std::optional<std::string> name;
    std::optional<Gender> gender;
    std::optional<std::string> mobile;                      // "" clears it
    std::optional<std::vector<Phone>> phones;               // replaces the other phones
    std::optional<std::optional<std::int64_t>> consultant_id; // {std::nullopt} unassigns
    std::optional<Tier> tier;
    std::optional<Date> first_contact;
    std::optional<std::string> note;
    std::optional<std::optional<Birthday>> birthday;          // {std::nullopt} clears it
    // Who makes the change: recorded in the profile history of the fields the profile shares
    // with the customer record (gender, mobile, home and office phone).
    std::optional<std::int64_t> by;
};

struct CustomerQuery {
    std::string site;                          // empty: every site
    std::optional<Channel> channel;
    std::optional<Stage> stage;
    std::optional<Tier> tier;
    std::optional<std::int64_t> consultant_id;
    std::optional<Date> first_contact_from;    // inclusive
    std::optional<Date> first_contact_to;      // inclusive
    std::string name_prefix;
    int limit = 50;                            // 1..10000
    std::int64_t offset = 0;
};

struct Visit {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    Date date;
    std::optional<std::int64_t> consultant_id;
    std::string note;
    std::string recorded_at;
    VisitPlace place = VisitPlace::sales_office;
};

struct NewVisit {
    std::optional<Date> date;                  // default today; never in the future
    std::optional<std::int64_t> consultant_id; // default: the customer's consultant
    std::string note;
    VisitPlace place = VisitPlace::sales_office;
};

struct Deal {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::string site;
    std::string unit;          // e.g. "3-1-1201" (building-entrance-room); unique per site while closed
    std::string layout;        // e.g. "3室2厅2卫"
    double area = 0;           // m²
    double price = 0;          // total price, yuan
    Date date;
    std::string bought_for;    // for whom (self, parents, a child, ...), free text
    std::optional<std::int64_t> consultant_id;
    bool cancelled = false;
    std::string cancel_reason;
    std::string recorded_at;
};

struct NewDeal {
    std::string unit;
    std::string layout;
    double area = 0;
    double price = 0;
    std::optional<Date> date;                  // default today; never in the future
    std::string bought_for;
    std::optional<std::int64_t> consultant_id; // default: the customer's consultant
};

struct DealQuery {
    std::string site;
    std::optional<std::int64_t> consultant_id;
    std::optional<Date> from;                  // deal date, inclusive
    std::optional<Date> to;
    bool include_cancelled = false;
    int limit = 50;
    std::int64_t offset = 0;
};

// One entry of the closed-deal archive: the owner and the deal.
struct ClosedDeal {
    Deal deal;
    Customer customer;
};

class Customers {
public:
    // Subscribes the customers' erasure step (see privacy/erasure.hpp).
    explicit Customers(detail::Store& store);

    // Files a customer and gives it its archive number. A phone already on file at the site is
    // a conflict naming the existing customer (Error::record_id is its id).
    Customer add(const NewCustomer& customer);
    // Files many customers in one transaction: all of them or, on the first error, none.
    std::vector<Customer> add_many(const std::vector<NewCustomer>& customers);

    Customer get(std::int64_t id) const;                        // throws not_found
    std::optional<Customer> find(std::int64_t id) const;
    // Whether a customer with this id is on file (not removed), without reading the record.
    bool on_file(std::int64_t id) const;
    Customer update(std::int64_t id, const CustomerUpdate& update);
    // Removes a customer from the archive: their personal data is erased from every part of the
    // archive (profile, family, visits, care tasks, complaints, survey answers, referrals: see
    // docs/DATA_MODEL.md, "Erasure"), the archive number stays retired. Owners with a closed deal
    // cannot be removed (invalid_state).
    // The site's manager or administrator, or the host, may do it (`by` names the consultant for
    // whom a host handle acts); it is audited as done by them.
    void remove(std::int64_t id, std::optional<std::int64_t> by = std::nullopt);

    // A number merged into another record (snowball/merge.hpp) finds that record, with
    // `redirected_from` set to the number asked for.
    std::optional<Customer> by_archive_no(std::string_view archive_no) const;
    // The customer with this phone at `site`. With no site: the only customer with the phone
    // in the whole archive; a conflict when several sites have it on file.
    std::optional<Customer> by_phone(std::string_view phone, std::string_view site = {}) const;
    // Every customer with this phone, one per site at most.
    std::vector<Customer> find_by_phone(std::string_view phone) const;
    // Customers whose name starts with `prefix` (Chinese names compare by code point).
    std::vector<Customer> find_by_name(std::string_view prefix, std::string_view site = {},
                                       int limit = 20) const;
    Page<Customer> list(const CustomerQuery& query) const;

    // Moves every customer of one consultant to another of the same site (a consultant
    // leaving); returns how many moved.
    std::int64_t reassign(std::int64_t from_consultant, std::int64_t to_consultant);

    // Visits, logged one by one. The first visit turns a prospect into a visitor. Each visit is also
    // an entry of the contact log (snowball/contacts.hpp).
    Visit record_visit(std::int64_t customer_id, const NewVisit& visit = {});
    std::vector<Visit> visits(std::int64_t customer_id) const;   // by date
    // The customer's latest visits, newest first, at most `limit` (1..100), and in `total` how many
    // visits they made in all (what the visit briefing shows).
    Page<Visit> recent_visits(std::int64_t customer_id, int limit = 3) const;

    // A closed deal turns the customer into an owner.
    Deal record_deal(std::int64_t customer_id, const NewDeal& deal);
    // A cancelled deal (退房) stays on file; an owner with no closed deal left is a visitor again.
    Deal cancel_deal(std::int64_t deal_id, const std::string& reason);
    Deal get_deal(std::int64_t deal_id) const;
    std::vector<Deal> deals(std::int64_t customer_id) const;     // by date
    // The closed-deal archive.
    Page<ClosedDeal> closed_deals(const DealQuery& query) const;

private:
    // The record as the handle's actor may read it (contact data masked for a customer it may not see).
    Customer shown(Customer c) const;

    detail::Store& store_;
};

} // namespace snowball
