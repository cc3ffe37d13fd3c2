// The Chinese calendar (农历) and the solar terms. The input gives a lunar date (year, month, leap
// flag, day), a Gregorian day (as an offset within the supported range and a little beyond) and a
// solar term. Properties: a lunar date that exists converts to a Gregorian day and back to itself;
// every supported Gregorian day converts to a lunar date and back to itself; names and the C API
// agree with those conversions; a solar term's day is found again by solar_term_on.
#include "fuzz_support.hpp"

#include "snowball/error.hpp"
#include "snowball/lunar.hpp"
#include "snowball/types.hpp"

#include <optional>

namespace {

namespace calendar = snowball::calendar;
using snowball::fuzz::attempt;
using snowball::fuzz::require;

std::string text_of(const calendar::LunarDate& d) {
    return std::to_string(d.year) + (d.leap ? "-L" : "-") + std::to_string(d.month) + "-" + std::to_string(d.day);
}

void check_lunar(const calendar::LunarDate& lunar) {
    const auto day = attempt("to_gregorian", [&] { return calendar::to_gregorian(lunar); });
    snowball::fuzz::Out out;
    const int rc = snowball_calendar_to_gregorian(out.ptr(), lunar.year, lunar.month, lunar.day, lunar.leap ? 1 : 0);
    snowball::fuzz::check_call("snowball_calendar_to_gregorian", rc, out.str(), true, false);
    require((rc == SNOWBALL_OK) == day.has_value(), "the C API converts the lunar dates C++ converts", text_of(lunar));
    if (!day) return;
    require(std::string(out.str()) == snowball::to_iso(*day), "the C API gives the C++ day",
            text_of(lunar));
    require(*day >= calendar::min_date() && *day <= calendar::max_date(), "a converted day is in the range",
            text_of(lunar));
    require(calendar::to_lunar(*day) == lunar, "lunar to solar and back is the same lunar date", text_of(lunar));
    require(lunar.day <= calendar::month_length(lunar.year, lunar.month, lunar.leap), "the day is within its month",
            text_of(lunar));
    require(!lunar.leap || calendar::leap_month(lunar.year) == lunar.month, "a leap month is the year's leap month",
            text_of(lunar));
    require(snowball::fuzz::is_utf8(calendar::to_string_zh(lunar)), "the Chinese name is UTF-8", text_of(lunar));
}

void check_day(snowball::Date day) {
    const auto lunar = attempt("to_lunar", [&] { return calendar::to_lunar(day); });
    require(lunar.has_value() == (day >= calendar::min_date() && day <= calendar::max_date()),
            "every day of the range, and no other, has a lunar date", snowball::to_iso(day));
    if (!lunar) return;
    require(calendar::to_gregorian(*lunar) == day, "solar to lunar and back is the same day", text_of(*lunar));
    const calendar::LunarDay named = calendar::lunar_day(day);
    require(named.year == lunar->year && named.month == lunar->month && named.day == lunar->day &&
                named.leap == lunar->leap && named.text == calendar::to_string_zh(*lunar),
            "the named lunar day is the lunar date", text_of(*lunar));
}

void check_solar_term(int year, int index) {
    const auto term = static_cast<calendar::SolarTerm>(index);
    const auto day = attempt("solar_term", [&] { return calendar::solar_term(year, term); });
    require(day.has_value() == (year >= 1900 && year <= 2100), "solar terms are known for 1900..2100",
            std::to_string(year));
    if (!day) return;
    require(static_cast<int>(day->month()) == index / 2 + 1 && day->year() == year,
            "the Nth pair of terms falls in month N", std::to_string(year));
    require(calendar::solar_term_on(*day) == term, "a term's day names the term", std::to_string(year));
    require(calendar::solar_term_from_key(calendar::solar_term_key(term)) == term, "a term's key names it");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    snowball::fuzz::Input in(data, size);
    calendar::LunarDate lunar{};
    lunar.year = in.integer(1890, 2110);
    lunar.month = in.byte() % 14;
    lunar.leap = (in.byte() & 1) != 0;
    lunar.day = in.byte() % 32;
    check_lunar(lunar);

    const int span = (calendar::max_date() - calendar::min_date()).days();
    check_day(calendar::min_date() + boost::gregorian::days(in.integer(-40, span + 40)));
    check_solar_term(in.integer(1895, 2105), in.byte() % 24);
    return 0;
}
