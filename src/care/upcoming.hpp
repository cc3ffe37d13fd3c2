// The occasions the briefing shows: one customer's coming birthdays, family birthdays, deal
// anniversaries and follow-ups and the festivals the site's policy greets them on, each with what
// the policy asks.
#pragma once

#include "archive/store.hpp"
#include "snowball/care.hpp"

#include <vector>

namespace snowball::detail {

// Inside a transaction of `store` (CareCalendar::upcoming opens one).
std::vector<UpcomingOccasion> upcoming_occasions(Store& store, const Customer& customer,
                                                 const std::vector<FamilyMember>& family, const std::vector<Deal>& deals,
                                                 Date from, Date to);

} // namespace snowball::detail
