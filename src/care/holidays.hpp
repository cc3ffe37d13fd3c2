// The holiday arrangements kept in the archive (holiday_arrangements): loaded once, seen by every
// process; with the compiled-in ones, the archive's working-day calendar.
#pragma once

#include "archive/store.hpp"
#include "snowball/workdays.hpp"

namespace snowball::detail {

// Inside a transaction of `store` (CareCalendar::work_calendar opens one).
calendar::WorkCalendar load_work_calendar(Store& store);

} // namespace snowball::detail
