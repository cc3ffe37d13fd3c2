#include "snowball/lunar.hpp"

#include <bitset>
#include <cstdint>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "snowball/error.hpp"

namespace snowball::calendar {

namespace {

#include "lunar_table.inc"

using boost::gregorian::date;
using boost::gregorian::days;

constexpr int kMaxMonths = 13;

constexpr const char* kTermKeys[24] = {
    "xiaohan", "dahan",  "lichun", "yushui", "jingzhe", "chunfen", "qingming", "guyu",
    "lixia",   "xiaoman", "mangzhong", "xiazhi", "xiaoshu", "dashu", "liqiu", "chushu",
    "bailu",   "qiufen", "hanlu",  "shuangjiang", "lidong", "xiaoxue", "daxue", "dongzhi",
};
constexpr const char* kTermNames[24] = {
    "小寒", "大寒", "立春", "雨水", "惊蛰", "春分", "清明", "谷雨", "立夏", "小满", "芒种", "夏至",
    "小暑", "大暑", "立秋", "处暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至",
};
constexpr const char* kNumerals[11] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
constexpr const char* kStems[10] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
constexpr const char* kBranches[12] = {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"};
constexpr const char* kAnimalsZh[12] = {"鼠", "牛", "虎", "兔", "龙", "蛇", "马", "羊", "猴", "鸡", "狗", "猪"};
constexpr const char* kAnimalsEn[12] = {"rat",  "ox",   "tiger",  "rabbit",  "dragon", "snake",
                                        "horse", "goat", "monkey", "rooster", "dog",    "pig"};

std::string iso(date d) { return boost::gregorian::to_iso_extended_string(d); }

void check_year(int lunar_year) {
    if (lunar_year < kFirstYear || lunar_year > kLastYear)
        throw_invalid("year", "lunar year " + std::to_string(lunar_year) + " is outside the supported range " +
                                  std::to_string(kFirstYear) + ".." + std::to_string(kLastYear));
}

// The packed word of a lunar year already checked by check_year (layout in lunar_table.inc).
std::uint32_t year_word(int lunar_year) { return kLunarYears[lunar_year - kFirstYear]; }
int leap_of(std::uint32_t word) { return static_cast<int>(word >> 13 & 15); }
int length_of(std::uint32_t word, int index) { return word >> index & 1 ? 30 : 29; }
date first_day_of(int lunar_year, std::uint32_t word) {
    return date(static_cast<unsigned short>(lunar_year), 1, 1) + days(word >> 17 & 63);
}
// Days from 正月初一 to the first day of the month at `index` in year order.
int days_before(std::uint32_t word, int index) {
    return 29 * index + static_cast<int>(std::bitset<kMaxMonths>(word & ((1u << index) - 1)).count());
}

// Position of the month in year order (0-based): a leap month follows the regular month of its number.
// Throws if the year has no such month.
int month_index(int lunar_year, int month, bool leap) {
    check_year(lunar_year);
    if (month < 1 || month > 12)
        throw_invalid("month", "month " + std::to_string(month) + " is not between 1 and 12");
    const int year_leap = leap_of(year_word(lunar_year));
    if (leap && year_leap != month)
        throw_invalid("month", "lunar year " + std::to_string(lunar_year) + " has no leap month " +
                                   std::to_string(month) +
                                   (year_leap ? " (its leap month is " + std::to_string(year_leap) + ")"
                                               : " (it has no leap month)"));
    return month - 1 + (year_leap != 0 && (month > year_leap || leap) ? 1 : 0);
}

void check_date(date d, date first, date last) {
    if (d.is_special()) throw_invalid("date", "not a calendar date (" + boost::gregorian::to_simple_string(d) + ")");
    if (d < first || d > last)
        throw_invalid("date", iso(d) + " is outside the supported range " + iso(first) + ".." + iso(last));
}

int term_index(SolarTerm term) {
    const int index = static_cast<int>(term);
    if (index < 0 || index >= 24) throw_invalid("term", "not a solar term: " + std::to_string(index));
    return index;
}

date term_date(int gregorian_year, int index) {
    const int day = kSolarTermFirstDay[index] +
                    static_cast<int>(kSolarTerms[gregorian_year - kFirstYear] >> (2 * index) & 3);
    return date(static_cast<unsigned short>(gregorian_year), static_cast<unsigned short>(index / 2 + 1),
                static_cast<unsigned short>(day));
}

// Position of a year in a cycle of n years that starts with 4 CE (甲子, a year of the rat). Floor
// modulo, without overflow, so that every int is accepted.
int cycle_position(int year, int n) { return ((year % n - 4) % n + n) % n; }

} // namespace

date min_date() { return first_day_of(kFirstYear, year_word(kFirstYear)); }
date max_date() { return date(kLastYear, 12, 31); }

LunarDate to_lunar(date d) {
    check_date(d, min_date(), max_date());
    int year = d.year();
    if (d < first_day_of(year, year_word(year))) --year; // before 正月初一: still last year's lunar year
    const std::uint32_t word = year_word(year);
    const int year_leap = leap_of(word);
    int offset = static_cast<int>((d - first_day_of(year, word)).days());
    int index = 0;
    while (offset >= length_of(word, index)) offset -= length_of(word, index++); // at most 12 steps
    const bool leap = year_leap != 0 && index == year_leap;
    return {year, year_leap != 0 && index >= year_leap ? index : index + 1, leap, offset + 1};
}

date to_gregorian(const LunarDate& d) {
    const int index = month_index(d.year, d.month, d.leap);
    const std::uint32_t word = year_word(d.year);
    const int length = length_of(word, index);
    if (d.day < 1 || d.day > length)
        throw_invalid("day", "day " + std::to_string(d.day) + " does not exist: " + (d.leap ? "leap " : "") +
                                 "month " + std::to_string(d.month) + " of lunar year " + std::to_string(d.year) +
                                 " has " + std::to_string(length) + " days");
    const date result = first_day_of(d.year, word) + days(days_before(word, index) + d.day - 1);
    if (result > max_date())
        throw_invalid("date", "lunar " + std::to_string(d.year) + ", month " + std::to_string(d.month) + ", day " +
                                  std::to_string(d.day) + " falls on " + iso(result) +
                                  ", after the supported range ends on " + iso(max_date()));
    return result;
}

int leap_month(int lunar_year) {
    check_year(lunar_year);
    return leap_of(year_word(lunar_year));
}

int month_length(int lunar_year, int month, bool leap) {
    return length_of(year_word(lunar_year), month_index(lunar_year, month, leap));
}

date new_year(int lunar_year) {
    check_year(lunar_year);
    return first_day_of(lunar_year, year_word(lunar_year));
}

date solar_term(int gregorian_year, SolarTerm term) {
    const int index = term_index(term);
    if (gregorian_year < kFirstYear || gregorian_year > kLastYear)
        throw_invalid("year", "solar terms are known for " + std::to_string(kFirstYear) + ".." +
                                  std::to_string(kLastYear) + ", not " + std::to_string(gregorian_year));
    return term_date(gregorian_year, index);
}

std::optional<SolarTerm> solar_term_on(date d) {
    check_date(d, date(kFirstYear, 1, 1), date(kLastYear, 12, 31));
    // Gregorian month N holds exactly terms 2N-2 and 2N-1.
    const int first = 2 * (d.month() - 1);
    for (int index = first; index < first + 2; ++index)
        if (term_date(d.year(), index) == d) return static_cast<SolarTerm>(index);
    return std::nullopt;
}

const char* solar_term_key(SolarTerm term) { return kTermKeys[term_index(term)]; }

const char* solar_term_name_zh(SolarTerm term) { return kTermNames[term_index(term)]; }

SolarTerm solar_term_from_key(std::string_view key) {
    for (int index = 0; index < 24; ++index)
        if (key == kTermKeys[index]) return static_cast<SolarTerm>(index);
    throw_invalid("term", "unknown solar term key \"" + std::string(key) +
                              "\" (expected a lower-case pinyin key such as \"qingming\")");
}

std::string month_name_zh(int month, bool leap, MonthNames names) {
    if (month < 1 || month > 12)
        throw_invalid("month", "month " + std::to_string(month) + " is not between 1 and 12");
    std::string name = leap ? "闰" : "";
    if (month == 1)
        name += "正";
    else if (names == MonthNames::traditional && month >= 11)
        name += month == 11 ? "冬" : "腊";
    else
        name += month <= 10 ? std::string(kNumerals[month]) : std::string("十") + kNumerals[month - 10];
    return name + "月";
}

std::string day_name_zh(int day) {
    if (day < 1 || day > 30) throw_invalid("day", "day " + std::to_string(day) + " is not between 1 and 30");
    if (day <= 10) return std::string("初") + kNumerals[day];
    if (day == 20) return "二十";
    if (day == 30) return "三十";
    return std::string(day < 20 ? "十" : "廿") + kNumerals[day % 10];
}

std::string to_string_zh(const LunarDate& d) {
    to_gregorian(d); // only to reject dates that do not exist
    return cyclical_year_zh(d.year) + "年" + month_name_zh(d.month, d.leap) + day_name_zh(d.day);
}

const char* zodiac_zh(int lunar_year) { return kAnimalsZh[cycle_position(lunar_year, 12)]; }

const char* zodiac_en(int lunar_year) { return kAnimalsEn[cycle_position(lunar_year, 12)]; }

std::string cyclical_year_zh(int lunar_year) {
    return std::string(kStems[cycle_position(lunar_year, 10)]) + kBranches[cycle_position(lunar_year, 12)];
}

LunarDay lunar_day(boost::gregorian::date d) {
    const LunarDate l = to_lunar(d);
    const auto term = solar_term_on(d);
    return {l.year,
            l.month,
            l.day,
            l.leap,
            month_name_zh(l.month, l.leap),
            day_name_zh(l.day),
            to_string_zh(l),
            zodiac_zh(l.year),
            zodiac_en(l.year),
            cyclical_year_zh(l.year),
            term ? std::optional<std::string>(solar_term_key(*term)) : std::nullopt};
}

} // namespace snowball::calendar
