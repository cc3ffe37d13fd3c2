// What the attribution module's files share inside a transaction: the sites' windows, reading
// registrations with their renewals, a customer's protection, recording a change of owner.
#pragma once

#include "archive/store.hpp"
#include "snowball/attribution.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snowball::detail {

AttributionSettings load_attribution_settings(Store& store, std::int64_t site_id, const std::string& site_code);
// The window of a registration channel, or of an attribution's channel key (also "claim").
int window_days(const AttributionSettings& settings, std::string_view channel);

// The day of the latest effective contact (reached, not superseded) the consultant made with the
// customer from `from` to `to`; nullopt when none.
std::optional<Date> last_effective_contact(Store& store, std::int64_t customer_id, std::int64_t consultant_id, Date from, Date to);

// The registration with this id (its expiry renewed as of `as_of`); not_found naming `field`.
Registration require_registration(Store& store, std::int64_t id, const std::string& field, Date as_of);
// The registrations of the site whose pattern can be `pattern` (status active or confirmed),
// oldest first, renewed as of `as_of`.
std::vector<Registration> matching_registrations(Store& store, std::int64_t site_id, const PhonePattern& pattern, Date as_of);
// A site's registrations (RegistrationQuery), newest first.
std::vector<Registration> query_registrations(Store& store, const RegistrationQuery& query, std::int64_t site_id, Date as_of);
// Whether a registration's protection holds on `day`.
inline bool holds(const Registration& r, Date day) { return r.status != RegistrationStatus::void_ && day <= r.expires; }

// The first 3 and last 4 digits of a mainland mobile (full or partial), else the phone itself.
std::string match_key(const PhonePattern& pattern);

// A customer's protection as of a day: the attribution as stored (in the pool, the owner before it;
// expires nullopt: nobody owns them) and the site's row id.
struct Ownership : Attribution {
    std::int64_t site_id = 0;
    bool holds(Date day) const { return !in_pool && (consultant_id || partner_id) && expires && day <= *expires; }
};
// The customer on file's protection; not_found naming `field` for one not on file.
Ownership ownership(Store& store, std::int64_t customer_id, Date as_of, const std::string& field = "customer_id");

// Who an owner is, in words: "consultant 王五", "partner 链家 (agency)".
std::string owner_words(Store& store, std::optional<std::int64_t> consultant_id, std::optional<std::int64_t> partner_id);
std::string consultant_name(Store& store, std::optional<std::int64_t> consultant_id);
std::string partner_name(Store& store, std::optional<std::int64_t> partner_id);

// The partner with this id; not_found naming `field`; an inactive one or one of another site is
// invalid_argument when `site_id` is given.
Partner require_partner(Store& store, std::int64_t id, const std::string& field, std::optional<std::int64_t> site_id = std::nullopt);

// A new owner of a customer: the attribution row, the pool row gone, the customer's consultant
// through `customers`, an entry of the history when the owner changes.
struct NewOwner {
    std::optional<std::int64_t> consultant_id;
    std::optional<std::int64_t> partner_id;
    std::optional<std::int64_t> registration_id;
    std::optional<std::int64_t> dispute_id;
    std::string source;            // registration, claim, dispute, reassign
    std::string channel;           // the window's channel key
    Date since;
    Date expires;
    std::string reason;            // the history's reason
    std::string note;
    std::string by;                // the actor's text
};
void set_owner(Store& store, Customers& customers, const Ownership& before, const NewOwner& owner);
// The customer into the pool (with its history entry); nothing when already there.
void put_in_pool(Store& store, const Ownership& before, Date day, std::optional<std::int64_t> registration_id,
                 const std::string& by);

void add_history(Store& store, const AttributionChange& change, std::int64_t site_id);

// An active consultant of the site (a code); not_found or invalid_argument naming `field`.
Consultant require_active_consultant_at(Store& store, std::int64_t id, const std::string& site, const std::string& field);

// The moment a caller gives: "YYYY-MM-DD" (that day, noon, China time) or any form text::parse_moment
// takes; "": now. invalid_argument naming "at".
std::int64_t moment_of(std::string_view at);


// The module's erasure step (src/attribution/erasure.cpp).
void subscribe_attribution_events(Store& store);

} // namespace snowball::detail
