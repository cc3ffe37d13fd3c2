// Care tasks inside a transaction, for the services whose changes make tasks stale.
#pragma once

#include "archive/store.hpp"
#include "snowball/care.hpp"
#include "snowball/customers.hpp"

#include <cstdint>
#include <vector>

namespace snowball::detail {

// A cancelled deal (退房) takes its anniversaries and follow-ups with it: removes the customer's
// open, untouched tasks made only of that deal's occasions. (Tasks with other occasions too are
// put right the next time their window is generated.)
void drop_deal_tasks(Store& store, std::int64_t customer_id, std::int64_t deal_id);

// Removes the customer's care tasks, stored as rows or as members of groups (a customer's
// personal data is removed).
void remove_customer_tasks(Store& store, std::int64_t customer_id);

// The customer's occasions in [from, to] (birthdays, the family's, deal anniversaries and
// follow-ups, the festivals the site's policy greets them on), by date, each with its actions.
std::vector<UpcomingOccasion> upcoming_occasions(Store& store, const Customer& customer,
                                                 const std::vector<FamilyMember>& family, const std::vector<Deal>& deals,
                                                 Date from, Date to);

} // namespace snowball::detail
