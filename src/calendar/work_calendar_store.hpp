// FORWARDING STUB, to be deleted: the archive's working-day calendar is the care calendar's
// (CareCalendar::work_calendar(); inside a transaction, care/holidays.hpp). Kept only while the
// feedback module, which still includes this header, moves to the public service.
#pragma once

#include "care/holidays.hpp"
