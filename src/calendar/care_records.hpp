// FORWARDING STUB, to be deleted: the briefing's occasions are the care calendar's
// (CareCalendar::upcoming; inside a transaction, care/upcoming.hpp). Kept only while the briefing
// module, which still includes this header, moves to the public service.
#pragma once

#include "care/upcoming.hpp"
