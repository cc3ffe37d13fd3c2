// Festival rules: when a festival falls, in the Gregorian or the Chinese lunisolar calendar.
//
// Pure functions over the lunar engine (snowball/lunar.hpp). A rule is a value: a stable key, its
// names, a date specification and an enabled flag; default_festivals() gives the festivals sales
// offices greet customers on, and a site may add its own rules or switch any off. Every failure throws
// snowball::Error with Status::invalid_argument naming the field; no other exception escapes.
//
// Date specifications and their text form (used for storage and the C API):
//   gregorian:MM-DD       a fixed Gregorian day. 02-29 falls only in leap years.
//   lunar:MM-DD           a day of the REGULAR lunar month MM, never of the leap month of that number.
//                         Day 30 in a 29-day month falls on day 29, as folk practice does.
//   lunar_last:MM         the last day (29 or 30) of the regular lunar month MM: 除夕 is lunar_last:12.
//   weekday:MM-N-DAY      the Nth (1..5, or "last") DAY (sun, mon, tue, wed, thu, fri, sat) of the
//                         Gregorian month MM: Mother's Day is weekday:05-2-sun. A 5th weekday the month
//                         lacks does not fall that year ("last" always does).
//   solar_term:KEY        the day a solar term begins, by its pinyin key: solar_term:qingming.
//   once:YYYY-MM-DD       one day of one year: a site's own date (an open day, 交房日 of a building).
//   yearly:YYYY-MM-DD     the anniversaries of a day, from the next year on (交房周年, 入伙周年);
//                         29 February falls on 28 February in common years. YYYY 1901..2100.
// Parsing is case-insensitive and accepts one- or two-digit numbers; to_string writes the canonical form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "snowball/lunar.hpp"
#include "snowball/occasions.hpp"
#include "snowball/types.hpp"

namespace snowball::calendar {

enum class FestivalKind { gregorian, lunar, lunar_last, weekday, solar_term, once, yearly };

// "gregorian", "lunar", "lunar_last", "weekday", "solar_term", "once", "yearly"
const char* to_string(FestivalKind kind) noexcept;

struct FestivalDateSpec {
    FestivalKind kind = FestivalKind::gregorian;
    int year = 0;                        // once and yearly: the year of the day
    int month = 1;                       // 1..12; unused for solar_term
    int day = 1;                         // gregorian, once, yearly 1..31, lunar 1..30; unused otherwise
    int nth = 1;                         // weekday: 1..5, or -1 for the last one
    int weekday = 0;                     // weekday: 0 = Sunday .. 6 = Saturday (as Boost's greg_weekday)
    SolarTerm term = SolarTerm::qingming; // solar_term
};

bool operator==(const FestivalDateSpec& a, const FestivalDateSpec& b) noexcept; // compares the used fields
inline bool operator!=(const FestivalDateSpec& a, const FestivalDateSpec& b) noexcept { return !(a == b); }

// The text form above. parse_festival_date throws naming `field` for anything else, including a
// well-formed spec that validate() rejects.
std::string to_string(const FestivalDateSpec& spec);
FestivalDateSpec parse_festival_date(std::string_view text, const std::string& field = "date");

struct FestivalRule {
    std::string key;          // [a-z][a-z0-9_]*, at most 32 characters, unique in a rule list
    std::string name_zh;      // simplified Chinese, required: "中秋节"
    std::string name_zh_hant; // traditional Chinese: "中秋節"; may be empty for a site's own festival
    std::string name_en;      // English: "Mid-Autumn Festival"; may be empty for a site's own festival
    FestivalDateSpec date;
    bool enabled = true;
    // Whom the care calendar greets on it (occasions.hpp); empty: everyone the site's policy greets
    // on festivals. The defaults: 妇女节 women, 母亲节 mothers, 父亲节 fathers, 儿童节 customers with
    // a child on file.
    CareAudience audience{};
};

// Throws Error(invalid_argument) naming the field: "key", "name_zh", "name_zh_hant", "name_en",
// "date.month", "date.day", "date.nth", "date.weekday", "date.term", "date.kind" or "audience.*". Names
// must be trimmed, single-line UTF-8 of at most 40 characters. The list form also rejects a repeated
// key and more than kMaxAudienceFestivals rules with an audience ("audience").
void validate(const FestivalRule& rule);
void validate(const std::vector<FestivalRule>& rules);

constexpr std::size_t kMaxAudienceFestivals = 32;

// The built-in festivals, in calendar order, all enabled but 清明 (a day of mourning, not of
// greetings: a site may switch it on, and word its greeting by its policy's label). The same object on every call.
const std::vector<FestivalRule>& default_festivals();

struct FestivalDate {
    std::string key;
    Date date;
};
inline bool operator==(const FestivalDate& a, const FestivalDate& b) { return a.key == b.key && a.date == b.date; }
inline bool operator!=(const FestivalDate& a, const FestivalDate& b) { return !(a == b); }

// A festival's day with its names (of the rule it comes from).
struct FestivalDay {
    std::string key;
    Date date;
    std::string name_zh;
    std::string name_en;
};

// First and last Gregorian year festivals_in() accepts. 1900 is left out: its January holds the end
// of lunar year 1899, which the lunar engine does not have.
constexpr int kFirstFestivalYear = 1901;
constexpr int kLastFestivalYear = 2100;

// The days the ENABLED rules fall on in the Gregorian year, sorted by date and, on one day, by the
// order of `rules`. A lunar festival may fall twice in one Gregorian year (lunar 12/8 fell on
// 2022-01-10 and 2022-12-30) or not at all. Validates `rules` (see validate) and throws for a year
// outside kFirstFestivalYear..kLastFestivalYear.
std::vector<FestivalDate> festivals_in(int gregorian_year, const std::vector<FestivalRule>& rules);
// The same, each day with its festival's names.
std::vector<FestivalDay> festival_days_in(int gregorian_year, const std::vector<FestivalRule>& rules);
// The same for the days from..to, both included; throws if from > to or either is outside
// 1901-01-01..2100-12-31.
std::vector<FestivalDate> festivals_between(Date from, Date to, const std::vector<FestivalRule>& rules);

} // namespace snowball::calendar
