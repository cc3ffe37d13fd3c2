// Birthdays in SQL: five columns (calendar, year, month, day, leap), so that the care calendar
// can find the birthdays of a date window through an index on (calendar, month, day).
#pragma once

#include "snowball/types.hpp"

#include <SQLiteCpp/Statement.h>

#include <optional>

namespace snowball::detail {

// Reads the columns first..first+4; nullopt when the calendar column is NULL.
inline std::optional<Birthday> read_birthday(SQLite::Statement& s, int first) {
    if (s.isColumnNull(first)) return std::nullopt;
    Birthday b;
    b.lunar = s.getColumn(first).getString() == "lunar";
    b.year = s.isColumnNull(first + 1) ? 0 : s.getColumn(first + 1).getInt();
    b.month = s.getColumn(first + 2).getInt();
    b.day = s.getColumn(first + 3).getInt();
    b.leap_month = s.getColumn(first + 4).getInt() != 0;
    return b;
}

// Binds the parameters first..first+4.
inline void bind_birthday(SQLite::Statement& s, int first, const std::optional<Birthday>& b) {
    if (!b) {
        for (int i = 0; i < 4; ++i) s.bind(first + i);
        s.bind(first + 4, 0);
        return;
    }
    s.bind(first, b->lunar ? "lunar" : "gregorian");
    if (b->year) s.bind(first + 1, b->year);
    else s.bind(first + 1);
    s.bind(first + 2, b->month);
    s.bind(first + 3, b->day);
    s.bind(first + 4, b->leap_month ? 1 : 0);
}

} // namespace snowball::detail
