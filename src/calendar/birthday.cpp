#include "snowball/error.hpp"
#include "snowball/lunar.hpp"
#include "snowball/types.hpp"

#include "common/text.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cstdio>

namespace snowball {

void validate_birthday(const Birthday& b, const std::string& field) {
    const Date today = today_in_china();
    if (b.month < 1 || b.month > 12) throw_invalid(field, "month " + std::to_string(b.month) + " is not 1-12");
    if (b.year != 0 && (b.year < 1900 || b.year > today.year()))
        throw_invalid(field, "year " + std::to_string(b.year) + " is not between 1900 and this year");
    if (!b.lunar) {
        if (b.leap_month) throw_invalid(field, "only a lunar birthday can fall in a leap month");
        // Without a year, 29 February is a real birthday.
        const int year = b.year ? b.year : 2000;
        const int last = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                                                static_cast<unsigned short>(b.month));
        if (b.day < 1 || b.day > last)
            throw_invalid(field, "day " + std::to_string(b.day) + " does not exist in month " + std::to_string(b.month) +
                                     (b.year ? " of " + std::to_string(b.year) : std::string()));
        if (b.year && Date(static_cast<unsigned short>(b.year), static_cast<unsigned short>(b.month),
                           static_cast<unsigned short>(b.day)) > today)
            throw_invalid(field, "is in the future");
        return;
    }
    if (b.day < 1 || b.day > 30) throw_invalid(field, "lunar day " + std::to_string(b.day) + " is not 1-30");
    if (b.year) {
        // The Chinese calendar says whether that year had this (leap) month and this day 30.
        Date gregorian;
        try {
            gregorian = calendar::to_gregorian({b.year, b.month, b.leap_month, b.day});
        } catch (const Error& e) {
            throw_invalid(field, std::string("does not exist: ") + e.what());
        }
        if (gregorian > today) throw_invalid(field, "is in the future");
    }
}

std::string to_string(const Birthday& b) {
    char buf[48];
    const char* prefix = b.lunar ? "lunar:" : "";
    const char* leap = b.leap_month ? "L" : "";
    if (b.year)
        std::snprintf(buf, sizeof buf, "%s%04d-%s%02d-%02d", prefix, b.year, leap, b.month, b.day);
    else
        std::snprintf(buf, sizeof buf, "%s--%s%02d-%02d", prefix, leap, b.month, b.day);
    return buf;
}

Birthday parse_birthday(std::string_view input, const std::string& field) {
    std::string_view s = text::trim(input);
    Birthday b;
    if (s.substr(0, 6) == "lunar:") {
        b.lunar = true;
        s.remove_prefix(6);
    }
    const auto number = [&](std::string_view digits) {
        int v = 0;
        if (digits.empty()) return -1;
        for (char c : digits) {
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    };
    // [YYYY|-]-[L]MM-DD
    bool ok = false;
    std::string_view rest;
    if (s.substr(0, 2) == "--") {
        rest = s.substr(2);
        ok = true;
    } else if (s.size() > 5 && s[4] == '-') {
        b.year = number(s.substr(0, 4));
        rest = s.substr(5);
        ok = b.year > 0;
    }
    if (ok && !rest.empty() && rest[0] == 'L') {
        b.leap_month = true;
        rest.remove_prefix(1);
    }
    ok = ok && rest.size() == 5 && rest[2] == '-';
    if (ok) {
        b.month = number(rest.substr(0, 2));
        b.day = number(rest.substr(3, 2));
        ok = b.month > 0 && b.day > 0;
    }
    if (!ok)
        throw_invalid(field, "'" + std::string(input) +
                                 "' is not a birthday (1985-06-15, --06-15, lunar:1985-08-15, lunar:1985-L04-15)");
    validate_birthday(b, field);
    return b;
}

} // namespace snowball
