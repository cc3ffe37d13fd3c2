// iCalendar (RFC 5545) documents of all-day events, for phone and desktop calendars.
#pragma once

#include "snowball/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace snowball::calendar {

struct IcsEvent {
    std::string uid;              // globally unique and stable: re-importing updates the event
    Date date;                    // an all-day event on this day
    std::string summary;
    std::string description;
    std::string categories;
    std::optional<int> alarm_days_before;   // an alarm at 09:00 that many days before
    bool cancelled = false;                 // STATUS:CANCELLED (a task skipped)
};

// The calendar: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), text
// escaped. `stamp` is the DTSTAMP, UTC "YYYYMMDDTHHMMSSZ".
std::string ics_calendar(const std::string& name, const std::vector<IcsEvent>& events, const std::string& stamp);

} // namespace snowball::calendar
