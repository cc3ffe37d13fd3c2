// The archive's working-day calendar inside a transaction: the compiled-in holiday arrangements plus
// those loaded into the archive (holiday_arrangements). Shared by the care calendar and the feedback
// deadlines; a service cannot call CareCalendar::work_calendar() from inside its own transaction.
#pragma once

#include "archive/store.hpp"
#include "snowball/workdays.hpp"

namespace snowball::detail {

calendar::WorkCalendar load_work_calendar(Store& store);

} // namespace snowball::detail
