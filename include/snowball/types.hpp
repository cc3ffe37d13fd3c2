// Value types shared by the Snowball modules: dates, the customer classification enums and
// their stable keys. Every enum has one key per value ("call", "vip", ...) used alike in C++,
// SQL, JSON, the C API and Python; the parse_* functions also accept the Chinese terms of the
// source document (来电, 来访, 客资, 男, 女, 贵宾, ...) so that Excel lead lists import as they are.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

using Date = boost::gregorian::date;

// How the customer first reached the site (MISSION §1): 来电 phone inquiry, 来访 walk-in visit,
// 客资 lead list.
enum class Channel { call, visit, lead };
enum class Gender { unknown, male, female };
enum class Tier { ordinary, vip };
// prospect → visitor (has visited the site) → owner (has a closed deal).
enum class Stage { prospect, visitor, owner };
enum class PhoneKind { mobile, home, office, other };
// Where a visit took place: the sales office (案场) or the construction site (工地) — a customer who
// comes to see the building site is watching the project closely (MISSION §2, personal observation).
enum class VisitPlace { sales_office, construction_site };

const char* to_string(Channel value) noexcept;
const char* to_string(Gender value) noexcept;
const char* to_string(Tier value) noexcept;
const char* to_string(Stage value) noexcept;
const char* to_string(PhoneKind value) noexcept;
const char* to_string(VisitPlace value) noexcept;

// Parsers: the key, case-insensitive, or a documented Chinese alias. Anything else throws
// Error(invalid_argument) naming `field` and the accepted keys.
Channel parse_channel(std::string_view text, const std::string& field = "channel");
Gender parse_gender(std::string_view text, const std::string& field = "gender");
Tier parse_tier(std::string_view text, const std::string& field = "tier");
Stage parse_stage(std::string_view text, const std::string& field = "stage");
PhoneKind parse_phone_kind(std::string_view text, const std::string& field = "kind");
VisitPlace parse_visit_place(std::string_view text, const std::string& field = "place");

// Dates cross every boundary as ISO 8601 "YYYY-MM-DD". parse_date accepts exactly that form and
// a real calendar day; anything else throws Error(invalid_argument) naming `field`.
Date parse_date(std::string_view text, const std::string& field = "date");
std::string to_iso(Date date);

// Today's date in China (UTC+8), whatever the host's time zone.
Date today_in_china();

// A birthday in the Gregorian or the Chinese lunisolar calendar. The year may be unknown (0): a
// greeting needs only the month and the day.
struct Birthday {
    bool lunar = false;
    int year = 0;
    int month = 0;
    int day = 0;
    bool leap_month = false;   // lunar only: born in a leap month (闰月)
    bool operator==(const Birthday& o) const {
        return lunar == o.lunar && year == o.year && month == o.month && day == o.day && leap_month == o.leap_month;
    }
    bool operator!=(const Birthday& o) const { return !(*this == o); }
};
// Throws Error(invalid_argument) naming `field` when the day does not exist (a lunar date with a
// known year is checked against the Chinese calendar, e.g. that year's leap month).
void validate_birthday(const Birthday& birthday, const std::string& field = "birthday");
// "1985-06-15", "--06-15" (year unknown), "lunar:1985-08-15", "lunar:1985-L04-15" (leap 4th
// month), "lunar:--08-15": the text form used in JSON and SQL.
std::string to_string(const Birthday& birthday);
Birthday parse_birthday(std::string_view text, const std::string& field = "birthday");

// A page of results and the total number of matches (for "page 3 of 20").
template <class T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
};

} // namespace snowball
