// The Chinese lunisolar calendar (农历) and the 24 solar terms (节气), in China time (UTC+8).
//
// Pure functions over a compiled-in table that agrees with the Hong Kong Observatory / Purple
// Mountain Observatory tables; every call takes constant time. Supported range: Gregorian days
// 1900-01-31 (lunar 1900, 正月初一) to 2100-12-31 (lunar 2100, 十二月初一); solar terms for the
// Gregorian years 1900..2100. Any input outside the range, or a lunar date that does not exist,
// throws snowball::Error with Status::invalid_argument; no other exception escapes.
//
// A lunar year is numbered by the Gregorian year in which its 正月初一 falls, so lunar 2033, month
// 12 (it starts on 2034-01-20) belongs to lunar year 2033.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace snowball::calendar {

struct LunarDate {
    int year;  // lunar year, numbered as above
    int month; // 1..12
    bool leap; // a leap month (闰月), which follows the regular month of the same number
    int day;   // 1..29 or 1..30
};

inline bool operator==(const LunarDate& a, const LunarDate& b) noexcept {
    return a.year == b.year && a.month == b.month && a.leap == b.leap && a.day == b.day;
}
inline bool operator!=(const LunarDate& a, const LunarDate& b) noexcept { return !(a == b); }

// First and last Gregorian day to_lunar() accepts and to_gregorian() can return.
boost::gregorian::date min_date(); // 1900-01-31
boost::gregorian::date max_date(); // 2100-12-31

// Throws for a special value (not_a_date_time, ...) or a day outside min_date()..max_date().
LunarDate to_lunar(boost::gregorian::date d);
// Throws if the lunar date does not exist (no such leap month that year, day 30 of a 29-day month,
// ...) or falls after max_date() (lunar 2100, month 12, day 2 and later).
boost::gregorian::date to_gregorian(const LunarDate& d);

// The following take a lunar year 1900..2100 and throw outside it.
int leap_month(int lunar_year); // the number of the month that is repeated, 0 when none
// 29 or 30; throws if the year has no such month. Lunar 2100, month 12 reports its full 29 days
// although only its first day is within the supported range.
int month_length(int lunar_year, int month, bool leap);
boost::gregorian::date new_year(int lunar_year); // 正月初一

// The 24 solar terms in the order they occur in a Gregorian year (小寒 early January ... 冬至 in
// December). The Nth pair falls in Gregorian month N.
enum class SolarTerm {
    xiaohan, dahan, lichun, yushui, jingzhe, chunfen, qingming, guyu, lixia, xiaoman, mangzhong, xiazhi,
    xiaoshu, dashu, liqiu, chushu, bailu, qiufen, hanlu, shuangjiang, lidong, xiaoxue, daxue, dongzhi,
};

// The day (China time) the term begins in the Gregorian year 1900..2100; throws outside it.
boost::gregorian::date solar_term(int gregorian_year, SolarTerm term);
// The term beginning on the day, if any; throws for a day outside 1900-01-01..2100-12-31.
std::optional<SolarTerm> solar_term_on(boost::gregorian::date d);
const char* solar_term_key(SolarTerm term);     // pinyin key: "qingming"
const char* solar_term_name_zh(SolarTerm term); // "清明"
SolarTerm solar_term_from_key(std::string_view key); // inverse of solar_term_key; throws for others

// Display helpers (UTF-8).
enum class MonthNames {
    numbered,    // 正月, 二月, ..., 十一月, 十二月
    traditional, // as numbered, but 冬月 and 腊月 for months 11 and 12
};
// "正月", "闰四月", "十二月"; throws for a month outside 1..12.
std::string month_name_zh(int month, bool leap, MonthNames names = MonthNames::numbered);
// "初一".."初十", "十一".."十九", "二十", "廿一".."廿九", "三十"; throws outside 1..30.
std::string day_name_zh(int day);
// "癸卯年闰二月初一": cyclical year, month and day. Throws if to_gregorian(d) would.
std::string to_string_zh(const LunarDate& d);
// Zodiac animal and cyclical (干支) year: arithmetic, so any lunar year is accepted.
const char* zodiac_zh(int lunar_year);          // "马"
const char* zodiac_en(int lunar_year);          // "horse"
std::string cyclical_year_zh(int lunar_year);   // "丙午"

// A Gregorian day in the lunar calendar with its names, as a calendar shows it.
struct LunarDay {
    int year = 0;
    int month = 0;
    int day = 0;
    bool leap = false;
    std::string month_name;              // "闰四月"
    std::string day_name;                // "十五"
    std::string text;                    // "丙午年闰四月十五"
    std::string zodiac;                  // "马"
    std::string zodiac_en;               // "horse"
    std::string cyclical_year;           // "丙午"
    std::optional<std::string> solar_term;   // the key of the term beginning that day
};
// Throws as to_lunar does.
LunarDay lunar_day(boost::gregorian::date d);

} // namespace snowball::calendar
