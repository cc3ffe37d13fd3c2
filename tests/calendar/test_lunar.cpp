// Tests of the Chinese lunisolar calendar: the reference vectors of /work/shared/calendar/vectors.md,
// exhaustive checks over the whole range, the generated vector files in tests/data and the errors.
// Needs SNOWBALL_TEST_DATA_DIR, the absolute path of tests/data, as a string literal macro.
#include "snowball/lunar.hpp"

#include <fstream>
#include <iterator>
#include <limits>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include "snowball/error.hpp"

#ifndef SNOWBALL_TEST_DATA_DIR
#error "define SNOWBALL_TEST_DATA_DIR as the quoted path of tests/data"
#endif

// Found by argument-dependent lookup, so that GoogleTest prints lunar dates readably.
namespace snowball::calendar {
std::ostream& operator<<(std::ostream& os, const LunarDate& d) {
    return os << d.year << "/" << (d.leap ? "leap " : "") << d.month << "/" << d.day;
}
} // namespace snowball::calendar

namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using snowball::calendar::LunarDate;
using snowball::calendar::SolarTerm;
namespace cal = snowball::calendar;

date ymd(const std::string& iso) { return boost::gregorian::from_simple_string(iso); }

// Expects f() to throw snowball::Error(invalid_argument) about `field` with `fragment` in its message.
template <typename F>
void expect_invalid(F&& f, const std::string& field, const std::string& fragment) {
    try {
        f();
        ADD_FAILURE() << "no exception; expected one about " << field << ": " << fragment;
    } catch (const snowball::Error& e) {
        EXPECT_EQ(e.status(), snowball::Status::invalid_argument) << e.what();
        EXPECT_EQ(e.field(), field) << e.what();
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

// Data lines of a generated vector file, without the # comments.
std::vector<std::string> data_lines(const std::string& name) {
    std::ifstream in(std::string(SNOWBALL_TEST_DATA_DIR) + "/" + name);
    EXPECT_TRUE(in) << "cannot open " << name;
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') lines.push_back(line);
    return lines;
}

// The month that follows `d`'s month.
LunarDate first_of_next_month(const LunarDate& d) {
    if (!d.leap && cal::leap_month(d.year) == d.month) return {d.year, d.month, true, 1};
    if (d.month == 12) return {d.year + 1, 1, false, 1};
    return {d.year, d.month + 1, false, 1};
}

// vectors.md: Chinese New Year and leap month, 1950-2060.
TEST(Lunar, NewYearAndLeapMonthVectors) {
    struct Row { int year; const char* new_year; int leap; };
    const Row rows[] = {
        {1950, "1950-02-17", 0}, {1951, "1951-02-06", 0}, {1952, "1952-01-27", 5}, {1953, "1953-02-14", 0},
        {1954, "1954-02-03", 0}, {1955, "1955-01-24", 3}, {1956, "1956-02-12", 0}, {1957, "1957-01-31", 8},
        {1958, "1958-02-18", 0}, {1959, "1959-02-08", 0}, {1960, "1960-01-28", 6}, {1961, "1961-02-15", 0},
        {1962, "1962-02-05", 0}, {1963, "1963-01-25", 4}, {1964, "1964-02-13", 0}, {1965, "1965-02-02", 0},
        {1966, "1966-01-21", 3}, {1967, "1967-02-09", 0}, {1968, "1968-01-30", 7}, {1969, "1969-02-17", 0},
        {1970, "1970-02-06", 0}, {1971, "1971-01-27", 5}, {1972, "1972-02-15", 0}, {1973, "1973-02-03", 0},
        {1974, "1974-01-23", 4}, {1975, "1975-02-11", 0}, {1976, "1976-01-31", 8}, {1977, "1977-02-18", 0},
        {1978, "1978-02-07", 0}, {1979, "1979-01-28", 6}, {1980, "1980-02-16", 0}, {1981, "1981-02-05", 0},
        {1982, "1982-01-25", 4}, {1983, "1983-02-13", 0}, {1984, "1984-02-02", 10}, {1985, "1985-02-20", 0},
        {1986, "1986-02-09", 0}, {1987, "1987-01-29", 6}, {1988, "1988-02-17", 0}, {1989, "1989-02-06", 0},
        {1990, "1990-01-27", 5}, {1991, "1991-02-15", 0}, {1992, "1992-02-04", 0}, {1993, "1993-01-23", 3},
        {1994, "1994-02-10", 0}, {1995, "1995-01-31", 8}, {1996, "1996-02-19", 0}, {1997, "1997-02-07", 0},
        {1998, "1998-01-28", 5}, {1999, "1999-02-16", 0}, {2000, "2000-02-05", 0}, {2001, "2001-01-24", 4},
        {2002, "2002-02-12", 0}, {2003, "2003-02-01", 0}, {2004, "2004-01-22", 2}, {2005, "2005-02-09", 0},
        {2006, "2006-01-29", 7}, {2007, "2007-02-18", 0}, {2008, "2008-02-07", 0}, {2009, "2009-01-26", 5},
        {2010, "2010-02-14", 0}, {2011, "2011-02-03", 0}, {2012, "2012-01-23", 4}, {2013, "2013-02-10", 0},
        {2014, "2014-01-31", 9}, {2015, "2015-02-19", 0}, {2016, "2016-02-08", 0}, {2017, "2017-01-28", 6},
        {2018, "2018-02-16", 0}, {2019, "2019-02-05", 0}, {2020, "2020-01-25", 4}, {2021, "2021-02-12", 0},
        {2022, "2022-02-01", 0}, {2023, "2023-01-22", 2}, {2024, "2024-02-10", 0}, {2025, "2025-01-29", 6},
        {2026, "2026-02-17", 0}, {2027, "2027-02-06", 0}, {2028, "2028-01-26", 5}, {2029, "2029-02-13", 0},
        {2030, "2030-02-03", 0}, {2031, "2031-01-23", 3}, {2032, "2032-02-11", 0}, {2033, "2033-01-31", 11},
        {2034, "2034-02-19", 0}, {2035, "2035-02-08", 0}, {2036, "2036-01-28", 6}, {2037, "2037-02-15", 0},
        {2038, "2038-02-04", 0}, {2039, "2039-01-24", 5}, {2040, "2040-02-12", 0}, {2041, "2041-02-01", 0},
        {2042, "2042-01-22", 2}, {2043, "2043-02-10", 0}, {2044, "2044-01-30", 7}, {2045, "2045-02-17", 0},
        {2046, "2046-02-06", 0}, {2047, "2047-01-26", 5}, {2048, "2048-02-14", 0}, {2049, "2049-02-02", 0},
        {2050, "2050-01-23", 3}, {2051, "2051-02-11", 0}, {2052, "2052-02-01", 8}, {2053, "2053-02-19", 0},
        {2054, "2054-02-08", 0}, {2055, "2055-01-28", 6}, {2056, "2056-02-15", 0}, {2057, "2057-02-04", 0},
        {2058, "2058-01-24", 4}, {2059, "2059-02-12", 0}, {2060, "2060-02-02", 0},
    };
    ASSERT_EQ(std::size(rows), 111u);
    for (const Row& row : rows) {
        SCOPED_TRACE(row.year);
        EXPECT_EQ(cal::new_year(row.year), ymd(row.new_year));
        EXPECT_EQ(cal::leap_month(row.year), row.leap);
        EXPECT_EQ(cal::to_lunar(ymd(row.new_year)), (LunarDate{row.year, 1, false, 1}));
        EXPECT_EQ(cal::to_lunar(ymd(row.new_year) - days(1)).year, row.year - 1);
    }
}

// vectors.md: single days that catch common bugs, both directions.
TEST(Lunar, SingleDayVectors) {
    struct Row { const char* gregorian; LunarDate lunar; };
    const Row rows[] = {
        {"1900-01-31", {1900, 1, false, 1}},  {"1917-03-23", {1917, 2, true, 1}},
        {"1933-07-22", {1933, 5, true, 30}},  {"1984-11-23", {1984, 10, true, 1}},
        {"1987-07-26", {1987, 6, true, 1}},   {"1987-08-24", {1987, 7, false, 1}},
        {"1996-07-15", {1996, 5, false, 30}}, {"1996-07-16", {1996, 6, false, 1}},
        {"2013-06-08", {2013, 5, false, 1}},  {"2014-10-24", {2014, 9, true, 1}},
        {"2018-11-07", {2018, 9, false, 30}}, {"2020-05-23", {2020, 4, true, 1}},
        {"2023-03-22", {2023, 2, true, 1}},   {"2025-07-25", {2025, 6, true, 1}},
        {"2027-02-06", {2027, 1, false, 1}},  {"2030-02-03", {2030, 1, false, 1}},
        {"2033-12-22", {2033, 11, true, 1}},  {"2034-01-19", {2033, 11, true, 29}},
        {"2034-01-20", {2033, 12, false, 1}}, {"2034-02-19", {2034, 1, false, 1}},
        {"2060-04-30", {2060, 4, false, 1}},  {"2100-12-31", {2100, 12, false, 1}},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.gregorian);
        EXPECT_EQ(cal::to_lunar(ymd(row.gregorian)), row.lunar);
        EXPECT_EQ(cal::to_gregorian(row.lunar), ymd(row.gregorian));
    }
    // One Gregorian year can hold the same lunar date twice.
    EXPECT_EQ(cal::to_gregorian({2021, 12, false, 1}), ymd("2022-01-03"));
    EXPECT_EQ(cal::to_gregorian({2022, 12, false, 1}), ymd("2022-12-23"));
}

// vectors.md: Qingming 1990-2040.
TEST(Lunar, QingmingVectors) {
    const int april_day[] = {5, 5, 4, 5, 5, 5, 4, 5, 5, 5, 4, 5, 5, 5, 4, 5, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5,
                             4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4};
    ASSERT_EQ(std::size(april_day), 51u);
    for (int year = 1990; year <= 2040; ++year) {
        const date expected(year, 4, april_day[year - 1990]);
        EXPECT_EQ(cal::solar_term(year, SolarTerm::qingming), expected) << year;
        EXPECT_EQ(cal::solar_term_on(expected), SolarTerm::qingming) << year;
    }
}

// vectors.md: lunar birthdays, as the pure conversions they reduce to.
TEST(Lunar, LunarBirthdayVectors) {
    // Leap 4th month, day 15 (born 2020-06-06): celebrated in the regular 4th month.
    EXPECT_EQ(cal::to_lunar(ymd("2020-06-06")), (LunarDate{2020, 4, true, 15}));
    EXPECT_EQ(cal::to_gregorian({2021, 4, false, 15}), ymd("2021-05-26"));
    EXPECT_EQ(cal::to_gregorian({2023, 4, false, 15}), ymd("2023-06-02"));
    // 8th month, day 30: day 29 when the month is short.
    EXPECT_EQ(cal::month_length(2021, 8, false), 29);
    EXPECT_EQ(cal::to_gregorian({2021, 8, false, 29}), ymd("2021-10-05"));
    EXPECT_EQ(cal::month_length(2022, 8, false), 30);
    EXPECT_EQ(cal::to_gregorian({2022, 8, false, 30}), ymd("2022-09-25"));
    // 12th month, day 30; the last day of month 12 is New Year's Eve.
    EXPECT_EQ(cal::month_length(2023, 12, false), 30);
    EXPECT_EQ(cal::to_gregorian({2023, 12, false, 30}), ymd("2024-02-09"));
    EXPECT_EQ(cal::new_year(2024), ymd("2024-02-10"));
    EXPECT_EQ(cal::month_length(2024, 12, false), 29);
    EXPECT_EQ(cal::to_gregorian({2024, 12, false, 29}), ymd("2025-01-28"));
    EXPECT_EQ(cal::new_year(2025), ymd("2025-01-29"));
    // Leap 6th month, day 1 (born 2025-07-25).
    EXPECT_EQ(cal::to_lunar(ymd("2025-07-25")), (LunarDate{2025, 6, true, 1}));
    EXPECT_EQ(cal::to_gregorian({2026, 6, false, 1}), ymd("2026-07-14"));
    EXPECT_EQ(cal::leap_month(2036), 6);
    EXPECT_EQ(cal::to_gregorian({2036, 6, false, 1}), ymd("2036-06-24"));
    EXPECT_EQ(cal::to_gregorian({2036, 6, true, 1}), ymd("2036-07-23"));
}

TEST(Lunar, RangeEnds) {
    EXPECT_EQ(cal::min_date(), ymd("1900-01-31"));
    EXPECT_EQ(cal::max_date(), ymd("2100-12-31"));
    EXPECT_EQ(cal::new_year(1900), cal::min_date());
    EXPECT_EQ(cal::to_lunar(cal::max_date()), (LunarDate{2100, 12, false, 1}));
    EXPECT_EQ(cal::month_length(2100, 12, false), 29); // known although it ends in 2101
}

// Every day of the range: the round trip is exact and consecutive days advance the lunar date by one.
TEST(Lunar, EveryDayRoundTripsAndAdvances) {
    LunarDate previous = cal::to_lunar(cal::min_date());
    ASSERT_EQ(previous, (LunarDate{1900, 1, false, 1}));
    int day_count = 1, month_count = 1, year_count = 1;
    for (date d = cal::min_date() + days(1); d <= cal::max_date(); d += days(1)) {
        const LunarDate lunar = cal::to_lunar(d);
        ASSERT_EQ(cal::to_gregorian(lunar), d) << lunar;
        if (lunar.day == previous.day + 1) {
            ASSERT_EQ(lunar, (LunarDate{previous.year, previous.month, previous.leap, previous.day + 1})) << d;
        } else {
            ASSERT_EQ(previous.day, cal::month_length(previous.year, previous.month, previous.leap)) << d;
            ASSERT_EQ(lunar, first_of_next_month(previous)) << d;
            ++month_count;
            if (lunar.month == 1 && !lunar.leap) {
                ASSERT_EQ(cal::new_year(lunar.year), d);
                ++year_count;
            }
        }
        previous = lunar;
        ++day_count;
    }
    EXPECT_EQ(day_count, (cal::max_date() - cal::min_date()).days() + 1);
    EXPECT_EQ(day_count, 73384);
    EXPECT_EQ(year_count, 201);
    EXPECT_EQ(month_count, 2486); // 2412 regular months + 74 leap months
}

TEST(Lunar, MonthLengthsAddUpToYears) {
    int leap_years = 0;
    for (int year = 1900; year <= 2100; ++year) {
        SCOPED_TRACE(year);
        const int leap = cal::leap_month(year);
        ASSERT_GE(leap, 0);
        ASSERT_LE(leap, 12);
        leap_years += leap != 0;
        int total = 0;
        for (int month = 1; month <= 12; ++month) {
            for (bool is_leap : {false, true}) {
                if (is_leap && month != leap) continue;
                const int length = cal::month_length(year, month, is_leap);
                EXPECT_TRUE(length == 29 || length == 30) << month;
                EXPECT_EQ(cal::to_gregorian({year, month, is_leap, 1}) + days(length),
                          month == 12 && year == 2100 ? ymd("2101-01-29")
                                                      : cal::to_gregorian(first_of_next_month({year, month, is_leap, 1})));
                total += length;
            }
        }
        EXPECT_EQ(cal::new_year(year) + days(total), year < 2100 ? cal::new_year(year + 1) : ymd("2101-01-29"));
        if (leap) {
            EXPECT_TRUE(total >= 383 && total <= 385) << total;
        } else {
            EXPECT_TRUE(total >= 353 && total <= 355) << total;
        }
    }
    EXPECT_EQ(leap_years, 74);
}

// tests/data/lunar_months.txt: every lunar month as the reference packages give it.
TEST(Lunar, EveryMonthMatchesGeneratedVectors) {
    const std::vector<std::string> lines = data_lines("lunar_months.txt");
    ASSERT_EQ(lines.size(), 2486u);
    std::set<int> leap_years;
    date expected_first = cal::min_date();
    for (const std::string& line : lines) {
        SCOPED_TRACE(line);
        std::istringstream in(line);
        int year = 0, month = 0, leap = 0, length = 0;
        std::string first;
        ASSERT_TRUE(in >> year >> month >> leap >> first >> length);
        const date first_day = ymd(first);
        ASSERT_EQ(first_day, expected_first); // the file has no gaps
        expected_first = first_day + days(length);
        EXPECT_EQ(cal::to_gregorian({year, month, leap != 0, 1}), first_day);
        EXPECT_EQ(cal::to_lunar(first_day), (LunarDate{year, month, leap != 0, 1}));
        EXPECT_EQ(cal::month_length(year, month, leap != 0), length);
        if (first_day + days(length - 1) <= cal::max_date()) {
            EXPECT_EQ(cal::to_lunar(first_day + days(length - 1)), (LunarDate{year, month, leap != 0, length}));
        }
        if (leap) {
            EXPECT_EQ(cal::leap_month(year), month);
            leap_years.insert(year);
        }
    }
    for (int year = 1900; year <= 2100; ++year)
        EXPECT_EQ(cal::leap_month(year) != 0, leap_years.count(year) == 1) << year;
}

// tests/data/solar_terms.txt: every solar term as the reference packages give it.
TEST(Lunar, EverySolarTermMatchesGeneratedVectors) {
    const std::vector<std::string> lines = data_lines("solar_terms.txt");
    ASSERT_EQ(lines.size(), 201u);
    for (const std::string& line : lines) {
        SCOPED_TRACE(line);
        std::istringstream in(line);
        int year = 0;
        ASSERT_TRUE(in >> year);
        for (int k = 0; k < 24; ++k) {
            std::string mmdd;
            ASSERT_TRUE(in >> mmdd);
            ASSERT_EQ(mmdd.size(), 4u);
            const date expected(year, std::stoi(mmdd.substr(0, 2)), std::stoi(mmdd.substr(2)));
            EXPECT_EQ(cal::solar_term(year, static_cast<SolarTerm>(k)), expected) << k;
        }
    }
}

TEST(Lunar, SolarTermsAreOrderedAndFoundByDay) {
    for (int year = 1900; year <= 2100; ++year) {
        SCOPED_TRACE(year);
        const date qingming = cal::solar_term(year, SolarTerm::qingming);
        EXPECT_TRUE(qingming >= date(year, 4, 4) && qingming <= date(year, 4, 6)) << qingming;
        date previous(year, 1, 1);
        for (int k = 0; k < 24; ++k) {
            const date term = cal::solar_term(year, static_cast<SolarTerm>(k));
            EXPECT_EQ(term.month(), k / 2 + 1) << k;
            EXPECT_GE((term - previous).days(), k == 0 ? 3 : 14) << k; // terms are 14-16 days apart
            EXPECT_LE((term - previous).days(), k == 0 ? 6 : 16) << k;
            EXPECT_EQ(cal::solar_term_on(term), static_cast<SolarTerm>(k));
            previous = term;
        }
        int term_days = 0;
        for (date d(year, 1, 1); d <= date(year, 12, 31); d += days(1)) term_days += cal::solar_term_on(d).has_value();
        EXPECT_EQ(term_days, 24);
    }
    EXPECT_EQ(cal::solar_term(2024, SolarTerm::dongzhi), ymd("2024-12-21"));
    EXPECT_EQ(cal::solar_term(2024, SolarTerm::lichun), ymd("2024-02-04"));
    EXPECT_EQ(cal::solar_term(1900, SolarTerm::xiaohan), ymd("1900-01-06"));
    EXPECT_EQ(cal::solar_term_on(ymd("2024-04-05")), std::nullopt);
}

TEST(Lunar, SolarTermKeysAndNames) {
    const char* keys[] = {"xiaohan", "dahan",  "lichun", "yushui", "jingzhe",     "chunfen", "qingming", "guyu",
                          "lixia",   "xiaoman", "mangzhong", "xiazhi", "xiaoshu", "dashu", "liqiu", "chushu",
                          "bailu",   "qiufen", "hanlu",  "shuangjiang", "lidong", "xiaoxue", "daxue", "dongzhi"};
    const char* names[] = {"小寒", "大寒", "立春", "雨水", "惊蛰", "春分", "清明", "谷雨", "立夏", "小满", "芒种", "夏至",
                           "小暑", "大暑", "立秋", "处暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至"};
    for (int k = 0; k < 24; ++k) {
        const auto term = static_cast<SolarTerm>(k);
        EXPECT_STREQ(cal::solar_term_key(term), keys[k]);
        EXPECT_STREQ(cal::solar_term_name_zh(term), names[k]);
        EXPECT_EQ(cal::solar_term_from_key(keys[k]), term);
    }
}

TEST(Lunar, DisplayHelpers) {
    const char* numbered[] = {"正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"};
    for (int month = 1; month <= 12; ++month) {
        EXPECT_EQ(cal::month_name_zh(month, false), numbered[month - 1]);
        EXPECT_EQ(cal::month_name_zh(month, true), std::string("闰") + numbered[month - 1]);
    }
    EXPECT_EQ(cal::month_name_zh(11, true), "闰十一月");
    EXPECT_EQ(cal::month_name_zh(1, false, cal::MonthNames::traditional), "正月");
    EXPECT_EQ(cal::month_name_zh(10, false, cal::MonthNames::traditional), "十月");
    EXPECT_EQ(cal::month_name_zh(11, false, cal::MonthNames::traditional), "冬月");
    EXPECT_EQ(cal::month_name_zh(12, false, cal::MonthNames::traditional), "腊月");
    EXPECT_EQ(cal::month_name_zh(11, true, cal::MonthNames::traditional), "闰冬月");

    const char* day_names[] = {"初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十",
                               "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
                               "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十"};
    for (int day = 1; day <= 30; ++day) EXPECT_EQ(cal::day_name_zh(day), day_names[day - 1]);

    EXPECT_EQ(cal::to_string_zh({2023, 2, true, 1}), "癸卯年闰二月初一");
    EXPECT_EQ(cal::to_string_zh(cal::to_lunar(ymd("2034-01-19"))), "癸丑年闰十一月廿九");
    EXPECT_EQ(cal::to_string_zh(cal::to_lunar(ymd("2026-02-17"))), "丙午年正月初一");
    EXPECT_EQ(cal::to_string_zh({2018, 9, false, 30}), "戊戌年九月三十");

    EXPECT_STREQ(cal::zodiac_zh(2026), "马");
    EXPECT_STREQ(cal::zodiac_en(2026), "horse");
    EXPECT_STREQ(cal::zodiac_zh(2024), "龙");
    EXPECT_STREQ(cal::zodiac_en(2024), "dragon");
    EXPECT_STREQ(cal::zodiac_en(2020), "rat");
    EXPECT_STREQ(cal::zodiac_en(2021), "ox");
    EXPECT_STREQ(cal::zodiac_en(2027), "goat");
    EXPECT_STREQ(cal::zodiac_en(2031), "pig");
    EXPECT_STREQ(cal::zodiac_zh(1900), "鼠");
    EXPECT_STREQ(cal::zodiac_zh(2100), "猴");
    EXPECT_EQ(cal::cyclical_year_zh(2026), "丙午");
    EXPECT_EQ(cal::cyclical_year_zh(2024), "甲辰");
    EXPECT_EQ(cal::cyclical_year_zh(1984), "甲子");
    EXPECT_EQ(cal::cyclical_year_zh(1983), "癸亥");
    EXPECT_EQ(cal::cyclical_year_zh(1900), "庚子");
    EXPECT_EQ(cal::cyclical_year_zh(2100), "庚申");
    EXPECT_EQ(cal::cyclical_year_zh(0), "庚申");  // 1 BCE
    EXPECT_EQ(cal::cyclical_year_zh(-57), "癸亥"); // 58 BCE, the year before 57 BCE (甲子)
    EXPECT_FALSE(cal::cyclical_year_zh(std::numeric_limits<int>::min()).empty());
    EXPECT_NE(cal::zodiac_en(std::numeric_limits<int>::max()), nullptr);
    // 60 consecutive years hold every stem-branch pair once; the animal follows the branch.
    std::set<std::string> cycle;
    for (int year = 1984; year < 2044; ++year) {
        cycle.insert(cal::cyclical_year_zh(year));
        EXPECT_STREQ(cal::zodiac_zh(year), cal::zodiac_zh(year + 12));
    }
    EXPECT_EQ(cycle.size(), 60u);
}

TEST(Lunar, OutOfRangeAndNonExistentInputsThrow) {
    using cal::to_gregorian;
    using cal::to_lunar;
    expect_invalid([] { to_lunar(ymd("1900-01-30")); }, "date", "1900-01-30 is outside the supported range 1900-01-31..2100-12-31");
    expect_invalid([] { to_lunar(ymd("2101-01-01")); }, "date", "2101-01-01 is outside the supported range");
    expect_invalid([] { to_lunar(date()); }, "date", "not a calendar date");
    expect_invalid([] { to_lunar(date(boost::gregorian::pos_infin)); }, "date", "not a calendar date");

    expect_invalid([] { to_gregorian({2024, 4, true, 1}); }, "month", "lunar year 2024 has no leap month 4 (it has no leap month)");
    expect_invalid([] { to_gregorian({2023, 3, true, 1}); }, "month", "has no leap month 3 (its leap month is 2)");
    expect_invalid([] { to_gregorian({2021, 8, false, 30}); }, "day", "day 30 does not exist: month 8 of lunar year 2021 has 29 days");
    expect_invalid([] { to_gregorian({2033, 11, true, 30}); }, "day", "leap month 11 of lunar year 2033 has 29 days");
    expect_invalid([] { to_gregorian({2022, 8, false, 0}); }, "day", "day 0 does not exist");
    expect_invalid([] { to_gregorian({2022, 8, false, 31}); }, "day", "day 31 does not exist");
    expect_invalid([] { to_gregorian({2022, 0, false, 1}); }, "month", "month 0 is not between 1 and 12");
    expect_invalid([] { to_gregorian({2022, 13, false, 1}); }, "month", "month 13 is not between 1 and 12");
    expect_invalid([] { to_gregorian({1899, 12, false, 1}); }, "year", "lunar year 1899 is outside the supported range 1900..2100");
    expect_invalid([] { to_gregorian({2101, 1, false, 1}); }, "year", "lunar year 2101 is outside");
    expect_invalid([] { to_gregorian({2100, 12, false, 2}); }, "date", "falls on 2101-01-01, after the supported range ends on 2100-12-31");
    expect_invalid([] { cal::to_string_zh({2026, 11, true, 1}); }, "month", "lunar year 2026 has no leap month 11");

    expect_invalid([] { cal::leap_month(1899); }, "year", "lunar year 1899 is outside");
    expect_invalid([] { cal::leap_month(2101); }, "year", "lunar year 2101 is outside");
    expect_invalid([] { cal::new_year(2101); }, "year", "lunar year 2101 is outside");
    expect_invalid([] { cal::month_length(2021, 8, true); }, "month", "lunar year 2021 has no leap month 8");
    expect_invalid([] { cal::month_length(2021, 13, false); }, "month", "month 13");
    expect_invalid([] { cal::month_length(1899, 1, false); }, "year", "lunar year 1899");

    expect_invalid([] { cal::solar_term(1899, SolarTerm::qingming); }, "year", "solar terms are known for 1900..2100, not 1899");
    expect_invalid([] { cal::solar_term(2101, SolarTerm::xiaohan); }, "year", "not 2101");
    expect_invalid([] { cal::solar_term(2024, static_cast<SolarTerm>(24)); }, "term", "not a solar term: 24");
    expect_invalid([] { cal::solar_term_key(static_cast<SolarTerm>(-1)); }, "term", "not a solar term: -1");
    expect_invalid([] { cal::solar_term_name_zh(static_cast<SolarTerm>(99)); }, "term", "not a solar term: 99");
    expect_invalid([] { cal::solar_term_on(ymd("1899-12-31")); }, "date", "1899-12-31 is outside the supported range 1900-01-01..2100-12-31");
    expect_invalid([] { cal::solar_term_on(ymd("2101-01-05")); }, "date", "2101-01-05 is outside");
    EXPECT_EQ(cal::solar_term_on(ymd("1900-01-06")), SolarTerm::xiaohan); // before min_date(), still covered
    expect_invalid([] { cal::solar_term_from_key("Qingming"); }, "term", "unknown solar term key \"Qingming\"");
    expect_invalid([] { cal::solar_term_from_key("清明"); }, "term", "unknown solar term key");
    expect_invalid([] { cal::solar_term_from_key(""); }, "term", "unknown solar term key \"\"");

    expect_invalid([] { cal::month_name_zh(0, false); }, "month", "month 0 is not between 1 and 12");
    expect_invalid([] { cal::month_name_zh(13, true); }, "month", "month 13");
    expect_invalid([] { cal::day_name_zh(0); }, "day", "day 0 is not between 1 and 30");
    expect_invalid([] { cal::day_name_zh(31); }, "day", "day 31");
}

} // namespace
