// Tests of the festival rules: the vectors of /work/shared/calendar/vectors.md (Mother's and Father's
// Day, Qingming, New Year's Eve, leap months, one lunar date twice in a Gregorian year), festival dates
// known independently of the lunar engine, every rule kind, the text form and validation errors.
#include "snowball/festivals.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include "snowball/error.hpp"
#include "snowball/lunar.hpp"

// Found by argument-dependent lookup, so that GoogleTest prints festival days readably.
namespace snowball::calendar {
std::ostream& operator<<(std::ostream& os, const FestivalDate& f) { return os << f.key << "@" << to_iso(f.date); }
} // namespace snowball::calendar

namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using snowball::Error;
using snowball::Status;
using snowball::calendar::FestivalDate;
using snowball::calendar::FestivalDateSpec;
using snowball::calendar::FestivalKind;
using snowball::calendar::FestivalRule;
using snowball::calendar::SolarTerm;
using snowball::CareAudience;
using snowball::CareAudienceFacts;
using snowball::Gender;
namespace cal = snowball::calendar;

date ymd(const std::string& iso) { return boost::gregorian::from_simple_string(iso); }

// The days of one festival key in a Gregorian year, with the default rules.
std::vector<date> days_of(const std::string& key, int year, const std::vector<FestivalRule>& rules = cal::default_festivals()) {
    std::vector<date> out;
    for (const FestivalDate& f : cal::festivals_in(year, rules))
        if (f.key == key) out.push_back(f.date);
    return out;
}

FestivalRule custom(const std::string& key, const std::string& spec) {
    return {key, "测试", "", "", cal::parse_festival_date(spec), true};
}

// The days a single custom rule falls on in a Gregorian year.
std::vector<date> days_of_spec(const std::string& spec, int year) {
    return days_of("custom", year, {custom("custom", spec)});
}

// Expects Error(invalid_argument) naming `field`.
template <class F>
void expect_invalid(F&& f, const std::string& field) {
    try {
        f();
        ADD_FAILURE() << "no error; expected one naming " << field;
    } catch (const Error& e) {
        EXPECT_EQ(e.status(), Status::invalid_argument) << e.what();
        EXPECT_EQ(e.field(), field) << e.what();
    }
}

// vectors.md, "Chinese New Year (正月初一) and leap month of that lunar year, 1950-2060".
const std::map<int, std::string> kNewYear = {
    {1950, "1950-02-17"}, {1951, "1951-02-06"}, {1952, "1952-01-27"}, {1953, "1953-02-14"}, {1954, "1954-02-03"},
    {1955, "1955-01-24"}, {1956, "1956-02-12"}, {1957, "1957-01-31"}, {1958, "1958-02-18"}, {1959, "1959-02-08"},
    {1960, "1960-01-28"}, {1961, "1961-02-15"}, {1962, "1962-02-05"}, {1963, "1963-01-25"}, {1964, "1964-02-13"},
    {1965, "1965-02-02"}, {1966, "1966-01-21"}, {1967, "1967-02-09"}, {1968, "1968-01-30"}, {1969, "1969-02-17"},
    {1970, "1970-02-06"}, {1971, "1971-01-27"}, {1972, "1972-02-15"}, {1973, "1973-02-03"}, {1974, "1974-01-23"},
    {1975, "1975-02-11"}, {1976, "1976-01-31"}, {1977, "1977-02-18"}, {1978, "1978-02-07"}, {1979, "1979-01-28"},
    {1980, "1980-02-16"}, {1981, "1981-02-05"}, {1982, "1982-01-25"}, {1983, "1983-02-13"}, {1984, "1984-02-02"},
    {1985, "1985-02-20"}, {1986, "1986-02-09"}, {1987, "1987-01-29"}, {1988, "1988-02-17"}, {1989, "1989-02-06"},
    {1990, "1990-01-27"}, {1991, "1991-02-15"}, {1992, "1992-02-04"}, {1993, "1993-01-23"}, {1994, "1994-02-10"},
    {1995, "1995-01-31"}, {1996, "1996-02-19"}, {1997, "1997-02-07"}, {1998, "1998-01-28"}, {1999, "1999-02-16"},
    {2000, "2000-02-05"}, {2001, "2001-01-24"}, {2002, "2002-02-12"}, {2003, "2003-02-01"}, {2004, "2004-01-22"},
    {2005, "2005-02-09"}, {2006, "2006-01-29"}, {2007, "2007-02-18"}, {2008, "2008-02-07"}, {2009, "2009-01-26"},
    {2010, "2010-02-14"}, {2011, "2011-02-03"}, {2012, "2012-01-23"}, {2013, "2013-02-10"}, {2014, "2014-01-31"},
    {2015, "2015-02-19"}, {2016, "2016-02-08"}, {2017, "2017-01-28"}, {2018, "2018-02-16"}, {2019, "2019-02-05"},
    {2020, "2020-01-25"}, {2021, "2021-02-12"}, {2022, "2022-02-01"}, {2023, "2023-01-22"}, {2024, "2024-02-10"},
    {2025, "2025-01-29"}, {2026, "2026-02-17"}, {2027, "2027-02-06"}, {2028, "2028-01-26"}, {2029, "2029-02-13"},
    {2030, "2030-02-03"}, {2031, "2031-01-23"}, {2032, "2032-02-11"}, {2033, "2033-01-31"}, {2034, "2034-02-19"},
    {2035, "2035-02-08"}, {2036, "2036-01-28"}, {2037, "2037-02-15"}, {2038, "2038-02-04"}, {2039, "2039-01-24"},
    {2040, "2040-02-12"}, {2041, "2041-02-01"}, {2042, "2042-01-22"}, {2043, "2043-02-10"}, {2044, "2044-01-30"},
    {2045, "2045-02-17"}, {2046, "2046-02-06"}, {2047, "2047-01-26"}, {2048, "2048-02-14"}, {2049, "2049-02-02"},
    {2050, "2050-01-23"}, {2051, "2051-02-11"}, {2052, "2052-02-01"}, {2053, "2053-02-19"}, {2054, "2054-02-08"},
    {2055, "2055-01-28"}, {2056, "2056-02-15"}, {2057, "2057-02-04"}, {2058, "2058-01-24"}, {2059, "2059-02-12"},
    {2060, "2060-02-02"},
};

// vectors.md, "Qingming (清明, a solar term) in April": the day of April, 1990..2040.
const int kQingmingDay[51] = {5, 5, 4, 5, 5, 5, 4, 5, 5, 5, 4, 5, 5, 5, 4, 5, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5,
                              4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4};

TEST(DefaultFestivals, HaveTheRequiredKeysAndValidate) {
    const auto& rules = cal::default_festivals();
    EXPECT_NO_THROW(cal::validate(rules));
    for (const char* key : {"new_year", "spring_festival", "lantern", "qingming", "labour_day", "dragon_boat", "qixi",
                            "mid_autumn", "national_day", "double_ninth", "laba", "new_years_eve", "christmas",
                            "mothers_day", "fathers_day"}) {
        const auto it = std::find_if(rules.begin(), rules.end(), [&](const FestivalRule& r) { return r.key == key; });
        ASSERT_NE(it, rules.end()) << key;
        // 清明 is a day of mourning: kept, but not greeted unless a site switches it on.
        EXPECT_EQ(std::string(key) != "qingming", it->enabled) << key;
        EXPECT_FALSE(it->name_zh.empty() || it->name_zh_hant.empty() || it->name_en.empty()) << key;
    }
    EXPECT_EQ(&rules, &cal::default_festivals());
}

TEST(DefaultFestivals, AudiencesAsDocumented) {
    std::map<std::string, CareAudience> audience;
    for (const FestivalRule& rule : cal::default_festivals()) audience[rule.key] = rule.audience;
    EXPECT_EQ(Gender::female, audience["womens_day"].gender);
    EXPECT_EQ("mother", audience["mothers_day"].relation);
    EXPECT_EQ("father", audience["fathers_day"].relation);
    EXPECT_TRUE(audience["childrens_day"].children);
    for (const char* everyone : {"new_year", "spring_festival", "mid_autumn", "national_day", "qingming"})
        EXPECT_TRUE(audience[everyone].empty()) << everyone;
}

TEST(Audience, WhoIsInIt) {
    CareAudience mothers;
    mothers.relation = "mother";
    CareAudienceFacts f;
    f.gender = Gender::female;
    EXPECT_FALSE(audience_includes(mothers, f, 2026));   // no child on file
    f.child = true;
    EXPECT_TRUE(audience_includes(mothers, f, 2026));
    EXPECT_FALSE(audience_includes_family(mothers, f));
    CareAudienceFacts son;
    son.gender = Gender::male;
    son.mother = true;
    EXPECT_FALSE(audience_includes(mothers, son, 2026));
    EXPECT_TRUE(audience_includes_family(mothers, son));
    CareAudience band;
    band.min_age = 30;
    band.max_age = 40;
    CareAudienceFacts age;
    EXPECT_FALSE(audience_includes(band, age, 2026));   // unknown age
    age.birth_year = 1986;
    EXPECT_TRUE(audience_includes(band, age, 2026));    // 40
    EXPECT_FALSE(audience_includes(band, age, 2027));   // 41
    age.birth_year = 1997;
    EXPECT_FALSE(audience_includes(band, age, 2026));   // 29
    EXPECT_FALSE(audience_includes_family(band, age));  // no relation: nobody on another's behalf
    CareAudience spouses;
    spouses.relation = "spouse";
    EXPECT_FALSE(audience_includes(spouses, age, 2026));
    age.spouse = true;
    EXPECT_TRUE(audience_includes(spouses, age, 2026));
    EXPECT_TRUE(audience_includes(CareAudience{}, CareAudienceFacts{}, 2026));
}

TEST(Audience, ValidateNamesTheField) {
    CareAudience a;
    a.relation = "uncle";
    expect_invalid([&] { snowball::validate(a); }, "audience.relation");
    a.relation.clear();
    a.min_age = 50;
    a.max_age = 20;
    expect_invalid([&] { snowball::validate(a); }, "audience.max_age");
    a.max_age = 200;
    expect_invalid([&] { snowball::validate(a); }, "audience.max_age");
    a.max_age.reset();
    a.gender = Gender::unknown;
    expect_invalid([&] { snowball::validate(a); }, "audience.gender");
    // A list with more festivals with an audience than the care calendar can tell apart.
    std::vector<FestivalRule> many;
    for (std::size_t i = 0; i <= cal::kMaxAudienceFestivals; ++i) {
        FestivalRule r = custom("f" + std::to_string(i), "gregorian:01-01");
        r.audience.children = true;
        many.push_back(r);
    }
    expect_invalid([&] { cal::validate(many); }, "audience");
}

TEST(DefaultFestivals, SpecsAsDocumented) {
    const std::map<std::string, std::string> expected = {
        {"new_year", "gregorian:01-01"},   {"spring_festival", "lunar:01-01"},  {"lantern", "lunar:01-15"},
        {"qingming", "solar_term:qingming"}, {"labour_day", "gregorian:05-01"}, {"dragon_boat", "lunar:05-05"},
        {"qixi", "lunar:07-07"},           {"mid_autumn", "lunar:08-15"},      {"national_day", "gregorian:10-01"},
        {"double_ninth", "lunar:09-09"},   {"laba", "lunar:12-08"},            {"new_years_eve", "lunar_last:12"},
        {"christmas", "gregorian:12-25"},  {"mothers_day", "weekday:05-2-sun"}, {"fathers_day", "weekday:06-3-sun"},
        {"womens_day", "gregorian:03-08"}, {"childrens_day", "gregorian:06-01"},
    };
    EXPECT_EQ(cal::default_festivals().size(), expected.size());
    for (const FestivalRule& rule : cal::default_festivals()) {
        ASSERT_TRUE(expected.count(rule.key)) << rule.key;
        EXPECT_EQ(cal::to_string(rule.date), expected.at(rule.key)) << rule.key;
    }
}

TEST(Vectors, MothersAndFathersDay) {
    EXPECT_EQ(days_of("mothers_day", 2024), std::vector<date>{ymd("2024-05-12")});
    EXPECT_EQ(days_of("mothers_day", 2025), std::vector<date>{ymd("2025-05-11")});
    EXPECT_EQ(days_of("mothers_day", 2026), std::vector<date>{ymd("2026-05-10")});
    EXPECT_EQ(days_of("fathers_day", 2024), std::vector<date>{ymd("2024-06-16")});
    EXPECT_EQ(days_of("fathers_day", 2025), std::vector<date>{ymd("2025-06-15")});
    EXPECT_EQ(days_of("fathers_day", 2026), std::vector<date>{ymd("2026-06-21")});
}

TEST(Vectors, Qingming1990To2040) {
    for (int year = 1990; year <= 2040; ++year)
        EXPECT_EQ(days_of_spec("solar_term:qingming", year),
                  std::vector<date>{date(static_cast<unsigned short>(year), 4,
                                         static_cast<unsigned short>(kQingmingDay[year - 1990]))})
            << year;
}

TEST(Vectors, SpringFestivalFromTheNewYearTable) {
    for (const auto& [year, iso] : kNewYear) EXPECT_EQ(days_of("spring_festival", year), std::vector<date>{ymd(iso)});
}

TEST(Vectors, NewYearsEveIsTheDayBeforeTheNextNewYear) {
    // The last day of month 12 of lunar year Y is the eve of Y+1's 正月初一, whether month 12 has 29 or 30 days.
    int short_months = 0;
    for (const auto& [year, iso] : kNewYear) {
        if (year == kNewYear.begin()->first) continue;
        const date eve = ymd(iso) - days(1);
        EXPECT_EQ(days_of("new_years_eve", year), std::vector<date>{eve}) << year;
        if (cal::month_length(year - 1, 12, false) == 29) ++short_months;
    }
    EXPECT_GT(short_months, 20); // the table covers many 29-day 12th months
    // vectors.md birthdays: 12th month day 30 → 2024-02-09 (lunar 2023, 30 days), 2025-01-28 (lunar 2024, 29 days).
    EXPECT_EQ(days_of("new_years_eve", 2024), std::vector<date>{ymd("2024-02-09")});
    EXPECT_EQ(days_of("new_years_eve", 2025), std::vector<date>{ymd("2025-01-28")});
    EXPECT_EQ(cal::month_length(2024, 12, false), 29);
    // Not "12/30": lunar:12-30 is clamped to the same day, but lunar_last needs no such reading.
    EXPECT_EQ(days_of_spec("lunar:12-30", 2025), std::vector<date>{ymd("2025-01-28")});
}

TEST(Vectors, SameLunarDateTwiceInOneGregorianYear) {
    EXPECT_EQ(days_of("laba", 2022), (std::vector<date>{ymd("2022-01-10"), ymd("2022-12-30")}));
    // vectors.md: 12th month day 1 fell on 2022-01-03 and 2022-12-23.
    EXPECT_EQ(days_of_spec("lunar:12-01", 2022), (std::vector<date>{ymd("2022-01-03"), ymd("2022-12-23")}));
    // The engine agrees that these are lunar 12/8 of two lunar years.
    EXPECT_EQ(cal::to_lunar(ymd("2022-01-10")), (cal::LunarDate{2021, 12, false, 8}));
    EXPECT_EQ(cal::to_lunar(ymd("2022-12-30")), (cal::LunarDate{2022, 12, false, 8}));
    // ... and a year with none: lunar 2024 12/8 is 2025-01-07, lunar 2025 12/8 is 2026-01-26.
    EXPECT_EQ(days_of("laba", 2025), std::vector<date>{ymd("2025-01-07")});
    EXPECT_EQ(days_of("new_years_eve", 2023), std::vector<date>{ymd("2023-01-21")});
}

TEST(Vectors, LunarFestivalsNeverInALeapMonth) {
    // 2025 has a leap 6th month (from 2025-07-25): the 6th month's first day is the regular one.
    EXPECT_EQ(days_of_spec("lunar:06-01", 2025), std::vector<date>{ymd("2025-06-25")});
    EXPECT_EQ(days_of_spec("lunar_last:06", 2025), std::vector<date>{ymd("2025-07-24")});
    // 2020 has a leap 4th month (from 2020-05-23); 2033 a leap 11th month (from 2033-12-22).
    EXPECT_EQ(days_of_spec("lunar:04-15", 2020), std::vector<date>{ymd("2020-05-07")});
    EXPECT_EQ(days_of_spec("lunar:11-01", 2033), std::vector<date>{ymd("2033-11-22")});
    // Every lunar festival of every year falls on its regular month and day.
    for (int year = cal::kFirstFestivalYear; year <= cal::kLastFestivalYear; ++year) {
        for (const FestivalDate& f : cal::festivals_in(year, cal::default_festivals())) {
            const auto& rules = cal::default_festivals();
            const auto& rule = *std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r.key == f.key; });
            if (rule.date.kind != FestivalKind::lunar && rule.date.kind != FestivalKind::lunar_last) continue;
            const cal::LunarDate lunar = cal::to_lunar(f.date);
            EXPECT_FALSE(lunar.leap) << f;
            EXPECT_EQ(lunar.month, rule.date.month) << f;
            const int length = cal::month_length(lunar.year, lunar.month, false);
            EXPECT_EQ(lunar.day, rule.date.kind == FestivalKind::lunar_last ? length : rule.date.day) << f;
        }
    }
}

TEST(FestivalsIn, KnownDates) {
    // Mid-Autumn and Dragon Boat are statutory holidays: their dates are in the State Council's notices.
    const std::map<int, std::pair<std::string, std::string>> statutory = {
        {2019, {"2019-06-07", "2019-09-13"}}, {2020, {"2020-06-25", "2020-10-01"}},
        {2021, {"2021-06-14", "2021-09-21"}}, {2022, {"2022-06-03", "2022-09-10"}},
        {2023, {"2023-06-22", "2023-09-29"}}, {2024, {"2024-06-10", "2024-09-17"}},
        {2025, {"2025-05-31", "2025-10-06"}}, {2026, {"2026-06-19", "2026-09-25"}},
    };
    for (const auto& [year, dates] : statutory) {
        EXPECT_EQ(days_of("dragon_boat", year), std::vector<date>{ymd(dates.first)}) << year;
        EXPECT_EQ(days_of("mid_autumn", year), std::vector<date>{ymd(dates.second)}) << year;
    }
    // The whole of 2025, in order.
    const std::vector<FestivalDate> expected = {
        {"new_year", ymd("2025-01-01")},      {"laba", ymd("2025-01-07")},
        {"new_years_eve", ymd("2025-01-28")}, {"spring_festival", ymd("2025-01-29")},
        {"lantern", ymd("2025-02-12")},       {"womens_day", ymd("2025-03-08")},
        {"labour_day", ymd("2025-05-01")},
        {"mothers_day", ymd("2025-05-11")},   {"dragon_boat", ymd("2025-05-31")},
        {"childrens_day", ymd("2025-06-01")}, {"fathers_day", ymd("2025-06-15")},
        {"qixi", ymd("2025-08-29")},          {"national_day", ymd("2025-10-01")},
        {"mid_autumn", ymd("2025-10-06")},    {"double_ninth", ymd("2025-10-29")},
        {"christmas", ymd("2025-12-25")},
    };
    EXPECT_EQ(cal::festivals_in(2025, cal::default_festivals()), expected);
}

TEST(FestivalsIn, SortedByDateThenRuleOrder) {
    // 2020-10-01 was both National Day and Mid-Autumn: mid_autumn comes first in default_festivals().
    const auto list = cal::festivals_in(2020, cal::default_festivals());
    const auto it = std::find_if(list.begin(), list.end(), [](const FestivalDate& f) { return f.date == ymd("2020-10-01"); });
    ASSERT_NE(it, list.end());
    EXPECT_EQ(it->key, "mid_autumn");
    EXPECT_EQ((it + 1)->key, "national_day");
    for (int year : {1901, 1950, 2000, 2022, 2033, 2100}) {
        const auto in_year = cal::festivals_in(year, cal::default_festivals());
        EXPECT_TRUE(std::is_sorted(in_year.begin(), in_year.end(),
                                   [](const FestivalDate& a, const FestivalDate& b) { return a.date < b.date; }))
            << year;
        for (const FestivalDate& f : in_year) EXPECT_EQ(f.date.year(), year) << f;
    }
}

TEST(FestivalsIn, DisabledAndCustomRules) {
    std::vector<FestivalRule> rules = cal::default_festivals();
    for (FestivalRule& r : rules) r.enabled = r.key == "christmas";
    rules.push_back({"opening", "开盘纪念日", "開盤紀念日", "Opening Day", cal::parse_festival_date("gregorian:09-18"), true});
    EXPECT_EQ(cal::festivals_in(2025, rules),
              (std::vector<FestivalDate>{{"opening", ymd("2025-09-18")}, {"christmas", ymd("2025-12-25")}}));
    for (FestivalRule& r : rules) r.enabled = false;
    EXPECT_TRUE(cal::festivals_in(2025, rules).empty());
    EXPECT_TRUE(cal::festivals_in(2025, {}).empty());
}

TEST(FestivalsIn, RangeEnds) {
    expect_invalid([] { cal::festivals_in(1900, cal::default_festivals()); }, "year");
    expect_invalid([] { cal::festivals_in(2101, cal::default_festivals()); }, "year");
    // 1901 starts in lunar 1900 (its laba and eve); 2100 ends in lunar 2100, whose 12th month reaches past the range.
    EXPECT_EQ(days_of("new_years_eve", 1901), std::vector<date>{ymd("1901-02-18")});
    EXPECT_EQ(days_of("laba", 2100), std::vector<date>{ymd("2100-01-17")});
    EXPECT_EQ(days_of("mid_autumn", 2100), std::vector<date>{ymd("2100-09-18")});
    // Lunar 2099's eve falls in 2100 (lunar 2100 starts on 2100-02-09); lunar 2100's in 2101.
    EXPECT_EQ(days_of("new_years_eve", 2100), std::vector<date>{ymd("2100-02-08")});
}

TEST(RuleKinds, Gregorian) {
    EXPECT_EQ(days_of_spec("gregorian:12-25", 2030), std::vector<date>{ymd("2030-12-25")});
    EXPECT_EQ(days_of_spec("gregorian:02-29", 2024), std::vector<date>{ymd("2024-02-29")});
    EXPECT_TRUE(days_of_spec("gregorian:02-29", 2025).empty()); // no 29 February: no festival, no error
    EXPECT_TRUE(days_of_spec("gregorian:02-29", 2100).empty()); // 2100 is not a leap year
}

TEST(RuleKinds, LunarDay30FallsOnDay29InAShortMonth) {
    // vectors.md: 8th month day 30 → 2021-10-05 (29-day month: day 29), 2022-09-25.
    EXPECT_EQ(days_of_spec("lunar:08-30", 2021), std::vector<date>{ymd("2021-10-05")});
    EXPECT_EQ(days_of_spec("lunar:08-30", 2022), std::vector<date>{ymd("2022-09-25")});
    EXPECT_EQ(days_of_spec("lunar_last:08", 2021), std::vector<date>{ymd("2021-10-05")});
    EXPECT_EQ(days_of_spec("lunar_last:08", 2022), std::vector<date>{ymd("2022-09-25")});
}

TEST(RuleKinds, NthWeekday) {
    EXPECT_EQ(days_of_spec("weekday:05-1-sun", 2024), std::vector<date>{ymd("2024-05-05")});
    EXPECT_EQ(days_of_spec("weekday:05-4-sun", 2024), std::vector<date>{ymd("2024-05-26")});
    // May 2024 has four Sundays: a 5th does not fall (Boost's `fifth` would give the last one).
    EXPECT_TRUE(days_of_spec("weekday:05-5-sun", 2024).empty());
    EXPECT_EQ(days_of_spec("weekday:06-5-sun", 2024), std::vector<date>{ymd("2024-06-30")});
    EXPECT_EQ(days_of_spec("weekday:05-last-mon", 2025), std::vector<date>{ymd("2025-05-26")});
    EXPECT_EQ(days_of_spec("weekday:02-last-thu", 2024), std::vector<date>{ymd("2024-02-29")});
    EXPECT_EQ(days_of_spec("weekday:11-4-thu", 2025), std::vector<date>{ymd("2025-11-27")});
    EXPECT_EQ(days_of_spec("weekday:09-1-sat", 2029), std::vector<date>{ymd("2029-09-01")});
    EXPECT_EQ(days_of_spec("weekday:03-last-sat", 2029), std::vector<date>{ymd("2029-03-31")});
    // Every nth weekday lands on that weekday in that month, and "last" is within its final week.
    for (int month = 1; month <= 12; ++month) {
        for (int wd = 0; wd < 7; ++wd) {
            for (int nth : {1, 2, 3, 4, 5, -1}) {
                FestivalDateSpec spec;
                spec.kind = FestivalKind::weekday;
                spec.month = month;
                spec.nth = nth;
                spec.weekday = wd;
                for (date d : days_of_spec(cal::to_string(spec), 2027)) {
                    EXPECT_EQ(d.day_of_week().as_number(), wd);
                    EXPECT_EQ(d.month(), month);
                    if (nth > 0) EXPECT_EQ((d.day() - 1) / 7 + 1, nth);
                    else EXPECT_GT(d.day() + 7, d.end_of_month().day());
                }
            }
        }
    }
}

TEST(RuleKinds, SolarTerm) {
    EXPECT_EQ(days_of_spec("solar_term:dongzhi", 2024), std::vector<date>{ymd("2024-12-21")});
    EXPECT_EQ(days_of_spec("solar_term:lichun", 2025), std::vector<date>{ymd("2025-02-03")});
    EXPECT_EQ(days_of_spec("solar_term:qingming", 2026), std::vector<date>{cal::solar_term(2026, SolarTerm::qingming)});
}

// A site's own dates: one day of one year (入伙, an open day), and the anniversaries of a day from
// the next year on (交房周年; 29 February on 28 February in common years).
TEST(RuleKinds, OnceAndYearly) {
    EXPECT_EQ(days_of_spec("once:2027-06-30", 2027), std::vector<date>{ymd("2027-06-30")});
    EXPECT_TRUE(days_of_spec("once:2027-06-30", 2026).empty());
    EXPECT_TRUE(days_of_spec("once:2027-06-30", 2028).empty());
    EXPECT_TRUE(days_of_spec("yearly:2027-06-30", 2027).empty());   // the day itself is not its anniversary
    EXPECT_EQ(days_of_spec("yearly:2027-06-30", 2028), std::vector<date>{ymd("2028-06-30")});
    EXPECT_EQ(days_of_spec("yearly:2027-06-30", 2040), std::vector<date>{ymd("2040-06-30")});
    EXPECT_EQ(days_of_spec("yearly:2024-02-29", 2025), std::vector<date>{ymd("2025-02-28")});
    EXPECT_EQ(days_of_spec("yearly:2024-02-29", 2028), std::vector<date>{ymd("2028-02-29")});
    EXPECT_EQ("once:2027-06-30", cal::to_string(cal::parse_festival_date(" ONCE:2027-6-30 ")));
    EXPECT_EQ("yearly:2024-02-29", cal::to_string(cal::parse_festival_date("yearly:2024-02-29")));
    EXPECT_NE(cal::parse_festival_date("once:2027-06-30"), cal::parse_festival_date("once:2028-06-30"));
    for (const char* bad : {"once:2027-02-29", "once:27-06-30", "yearly:1899-01-01", "once:2101-01-01", "once:2027-13-01",
                            "yearly:2027-06", "once:2027-06-30-1", "once:20x7-06-30"})
        expect_invalid([&] { cal::parse_festival_date(bad); }, "date");
}

TEST(TextForm, RoundTripsAndCanonicalForm) {
    for (const FestivalRule& rule : cal::default_festivals())
        EXPECT_EQ(cal::parse_festival_date(cal::to_string(rule.date)), rule.date) << rule.key;
    EXPECT_EQ(cal::to_string(cal::parse_festival_date("  Lunar:8-15 ")), "lunar:08-15");
    EXPECT_EQ(cal::to_string(cal::parse_festival_date("WEEKDAY:5-2-Sun")), "weekday:05-2-sun");
    EXPECT_EQ(cal::to_string(cal::parse_festival_date("weekday:05-last-mon")), "weekday:05-last-mon");
    EXPECT_EQ(cal::to_string(cal::parse_festival_date("lunar_last:12")), "lunar_last:12");
    EXPECT_EQ(cal::to_string(cal::parse_festival_date("solar_term:dongzhi")), "solar_term:dongzhi");
    const FestivalDateSpec spec = cal::parse_festival_date("weekday:06-3-sun");
    EXPECT_EQ(spec.kind, FestivalKind::weekday);
    EXPECT_EQ(spec.month, 6);
    EXPECT_EQ(spec.nth, 3);
    EXPECT_EQ(spec.weekday, 0);
    EXPECT_EQ(cal::parse_festival_date("weekday:06-last-sat").nth, -1);
    EXPECT_EQ(cal::parse_festival_date("solar_term:qingming").term, SolarTerm::qingming);
    EXPECT_STREQ(cal::to_string(FestivalKind::lunar_last), "lunar_last");
}

TEST(TextForm, Errors) {
    for (const char* text : {"", "12-25", "gregorian", "gregorian:", "gregorian:13-01", "gregorian:02-30", "gregorian:00-10",
                             "gregorian:1-1-1", "gregorian:012-01", "gregorian:+1-01", "lunar:01-31", "lunar:01-00",
                             "lunar_last:13", "lunar_last:12-30", "weekday:05-6-sun", "weekday:05-0-sun", "weekday:05--1-sun",
                             "weekday:05-2-sunday", "weekday:05-2", "weekday:05-x-sun", "solar_term:", "solar_term:foo",
                             "solar_term:qing ming", "easter:04-01", "gregorian :12-25", "lunar:\xff"}) {
        expect_invalid([&] { cal::parse_festival_date(text); }, "date");
    }
    expect_invalid([] { cal::parse_festival_date("lunar:02-31", "rules[3].date"); }, "rules[3].date");
}

TEST(Validation, Keys) {
    FestivalRule rule = custom("ok_key_2", "gregorian:01-02");
    EXPECT_NO_THROW(cal::validate(rule));
    for (const std::string& key :
         std::vector<std::string>{"", "Abc", "1abc", "_abc", "a-b", "a b", "中秋", "a\xff", std::string(33, 'a')}) {
        rule.key = key;
        expect_invalid([&] { cal::validate(rule); }, "key");
    }
    rule.key = std::string(32, 'a');
    EXPECT_NO_THROW(cal::validate(rule));
    expect_invalid([] { cal::validate({custom("twice", "gregorian:01-02"), custom("twice", "lunar:01-02")}); }, "key");
    expect_invalid([] { cal::festivals_in(2025, {custom("twice", "gregorian:01-02"), custom("twice", "lunar:01-02")}); },
                   "key");
}

TEST(Validation, Names) {
    FestivalRule rule = custom("k", "gregorian:01-02");
    rule.name_zh = "";
    expect_invalid([&] { cal::validate(rule); }, "name_zh");
    rule.name_zh = " 中秋";
    expect_invalid([&] { cal::validate(rule); }, "name_zh");
    rule.name_zh = "中秋";
    rule.name_en = "Mid\nAutumn";
    expect_invalid([&] { cal::validate(rule); }, "name_en");
    rule.name_en = "";
    rule.name_zh_hant = std::string("\xff\xfe");
    expect_invalid([&] { cal::validate(rule); }, "name_zh_hant");
    rule.name_zh_hant = "";
    rule.name_zh = std::string(41, 'x');
    expect_invalid([&] { cal::validate(rule); }, "name_zh");
    rule.name_zh = std::string(40, 'x');
    EXPECT_NO_THROW(cal::validate(rule));
}

TEST(Validation, DateFields) {
    const auto check = [](FestivalDateSpec spec, const std::string& field) {
        FestivalRule rule = custom("k", "gregorian:01-01");
        rule.date = spec;
        expect_invalid([&] { cal::validate(rule); }, field);
        expect_invalid([&] { cal::festivals_in(2025, {rule}); }, field);
        expect_invalid([&] { cal::to_string(spec); }, field);
    };
    FestivalDateSpec s;
    s.kind = FestivalKind::gregorian;
    s.month = 0;
    check(s, "date.month");
    s.month = 13;
    check(s, "date.month");
    s.month = 4;
    s.day = 31;
    check(s, "date.day");
    s.day = 0;
    check(s, "date.day");
    s.kind = FestivalKind::lunar;
    s.day = 31;
    check(s, "date.day");
    s.kind = FestivalKind::lunar_last;
    s.month = -1;
    check(s, "date.month");
    s.kind = FestivalKind::weekday;
    s.month = 5;
    s.nth = 6;
    check(s, "date.nth");
    s.nth = -2;
    check(s, "date.nth");
    s.nth = 0;
    check(s, "date.nth");
    s.nth = 2;
    s.weekday = 7;
    check(s, "date.weekday");
    s.weekday = -1;
    check(s, "date.weekday");
    s.kind = FestivalKind::solar_term;
    s.term = static_cast<SolarTerm>(24);
    check(s, "date.term");
    s.kind = static_cast<FestivalKind>(9);
    check(s, "date.kind");
}

TEST(FestivalsBetween, Window) {
    const auto& rules = cal::default_festivals();
    EXPECT_EQ(cal::festivals_between(ymd("2025-01-20"), ymd("2025-02-12"), rules),
              (std::vector<FestivalDate>{{"new_years_eve", ymd("2025-01-28")},
                                         {"spring_festival", ymd("2025-01-29")},
                                         {"lantern", ymd("2025-02-12")}}));
    EXPECT_EQ(cal::festivals_between(ymd("2025-12-25"), ymd("2025-12-25"), rules),
              (std::vector<FestivalDate>{{"christmas", ymd("2025-12-25")}}));
    EXPECT_TRUE(cal::festivals_between(ymd("2025-07-01"), ymd("2025-07-31"), rules).empty());
    // Across years: the concatenation of whole years.
    std::vector<FestivalDate> years;
    for (int year = 2021; year <= 2023; ++year) {
        const auto in_year = cal::festivals_in(year, rules);
        years.insert(years.end(), in_year.begin(), in_year.end());
    }
    EXPECT_EQ(cal::festivals_between(ymd("2021-01-01"), ymd("2023-12-31"), rules), years);
    // Every festival switched on once a year on average (清明 is off): lunar ones of lunar years 1900..2099 or 1901..2100.
    EXPECT_EQ(cal::festivals_between(ymd("1901-01-01"), ymd("2100-12-31"), rules).size(), 200u * 16u);
}

TEST(FestivalsBetween, Errors) {
    const auto& rules = cal::default_festivals();
    expect_invalid([&] { cal::festivals_between(ymd("2025-02-01"), ymd("2025-01-31"), rules); }, "to");
    expect_invalid([&] { cal::festivals_between(date(boost::date_time::not_a_date_time), ymd("2025-01-31"), rules); },
                   "from");
    expect_invalid([&] { cal::festivals_between(ymd("1900-12-31"), ymd("1901-01-31"), rules); }, "from");
    expect_invalid([&] { cal::festivals_between(ymd("2100-12-01"), ymd("2101-01-01"), rules); }, "to");
    FestivalRule bad = custom("Bad", "gregorian:01-01");
    expect_invalid([&] { cal::festivals_between(ymd("2025-01-01"), ymd("2025-01-31"), {bad}); }, "key");
}

} // namespace
