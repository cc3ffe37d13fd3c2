// Helpers of the occasion date tests (tests/calendar) and the care calendar's (tests/care):
// birthdays made in one line, dates as ISO text.
#pragma once

#include "snowball/occasions.hpp"

#include "test_support.hpp"

#include <string>
#include <vector>

namespace snowball::testing {

using Strings = std::vector<std::string>;

inline Birthday gregorian(int year, int month, int day) {
    Birthday b;
    b.year = year;
    b.month = month;
    b.day = day;
    return b;
}

inline Birthday lunar(int year, int month, int day, bool leap = false) {
    Birthday b = gregorian(year, month, day);
    b.lunar = true;
    b.leap_month = leap;
    return b;
}

inline Strings isos(const std::vector<Date>& dates) {
    Strings out;
    for (Date x : dates) out.push_back(to_iso(x));
    return out;
}

// "2025-09-07 7d"
inline Strings isos(const std::vector<FollowUpDate>& dates) {
    Strings out;
    for (const FollowUpDate& f : dates) out.push_back(to_iso(f.date) + " " + f.step);
    return out;
}

inline Strings birthdays(const Birthday& b, const char* from, const char* to, bool twice = false) {
    return isos(birthday_dates(b, d(from), d(to), twice));
}

} // namespace snowball::testing
