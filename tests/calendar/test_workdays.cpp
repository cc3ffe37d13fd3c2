// Tests of working days: the 2025 arrangement of /work/shared/calendar/vectors.md, the compiled-in
// arrangements 2004..2026, working-day arithmetic across holiday breaks (make-up Saturdays and Sundays
// count), unpublished years counted with weekends only and flagged, and text updates.
#include "snowball/workdays.hpp"

#include <climits>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include "snowball/error.hpp"

namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using snowball::Error;
using snowball::Status;
using snowball::calendar::ArrangedDay;
using snowball::calendar::WorkCalendar;
namespace cal = snowball::calendar;

date ymd(const std::string& iso) { return boost::gregorian::from_simple_string(iso); }

bool weekend(date d) { return d.day_of_week().as_number() == 0 || d.day_of_week().as_number() == 6; }

// Expects Error(invalid_argument) naming `field`; returns the message.
template <class F>
std::string expect_invalid(F&& f, const std::string& field) {
    try {
        f();
        ADD_FAILURE() << "no error; expected one naming " << field;
    } catch (const Error& e) {
        EXPECT_EQ(e.status(), Status::invalid_argument) << e.what();
        EXPECT_EQ(e.field(), field) << e.what();
        return e.what();
    }
    return {};
}

// The n-th working day after `from`, one day at a time.
date naive_add(const WorkCalendar& c, date from, int n) {
    date d = from;
    for (int found = 0; found < n;)
        if (c.is_working_day(d += days(1))) ++found;
    return d;
}

class Workdays : public ::testing::Test {
protected:
    WorkCalendar calendar;
};

TEST_F(Workdays, The2025ArrangementOfVectorsMd) {
    for (date d = ymd("2025-01-28"); d <= ymd("2025-02-04"); d += days(1)) {
        EXPECT_FALSE(calendar.is_working_day(d)) << d;
        EXPECT_EQ(calendar.holiday_name(d), std::optional<std::string>("春节")) << d;
    }
    for (date d = ymd("2025-05-01"); d <= ymd("2025-05-05"); d += days(1)) {
        EXPECT_FALSE(calendar.is_working_day(d)) << d;
        EXPECT_EQ(calendar.holiday_name(d), std::optional<std::string>("劳动节")) << d;
    }
    for (date d = ymd("2025-10-01"); d <= ymd("2025-10-08"); d += days(1)) {
        EXPECT_FALSE(calendar.is_working_day(d)) << d;
        EXPECT_EQ(calendar.holiday_name(d), std::optional<std::string>("国庆节、中秋节")) << d;
    }
    for (const char* iso : {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}) {
        EXPECT_TRUE(weekend(ymd(iso))) << iso;
        EXPECT_TRUE(calendar.is_working_day(ymd(iso))) << iso;
        EXPECT_EQ(calendar.holiday_name(ymd(iso)), std::nullopt) << iso;
    }
    // The days around the breaks are ordinary.
    EXPECT_TRUE(calendar.is_working_day(ymd("2025-01-27")));
    EXPECT_TRUE(calendar.is_working_day(ymd("2025-02-05")));
    EXPECT_FALSE(calendar.is_working_day(ymd("2025-02-09")));
    EXPECT_TRUE(calendar.is_working_day(ymd("2025-05-06")));
    EXPECT_TRUE(calendar.is_working_day(ymd("2025-10-09")));
    EXPECT_FALSE(calendar.is_working_day(ymd("2025-10-12")));
    EXPECT_EQ(calendar.holiday_name(ymd("2025-01-01")), std::optional<std::string>("元旦"));
    EXPECT_EQ(calendar.holiday_name(ymd("2025-03-03")), std::nullopt);
    EXPECT_EQ(calendar.holiday_name(ymd("2025-03-08")), std::nullopt); // a plain Saturday
}

TEST_F(Workdays, StatutoryDaysPerYear) {
    // Off weekdays minus make-up days = the statutory holidays: 11 until 2024, 13 from 2025 (vectors.md).
    for (const auto& [year, statutory] : std::vector<std::pair<int, int>>{{2024, 11}, {2025, 13}, {2026, 13}}) {
        const date last_of_previous(static_cast<unsigned short>(year - 1), 12, 31);
        const date last(static_cast<unsigned short>(year), 12, 31);
        int weekdays = 0;
        for (date d = last_of_previous + days(1); d <= last; d += days(1)) weekdays += weekend(d) ? 0 : 1;
        const auto count = calendar.working_days_between(last_of_previous, last);
        EXPECT_EQ(count.days, weekdays - statutory) << year;
        EXPECT_FALSE(count.estimated);
    }
}

TEST_F(Workdays, PublishedYears) {
    std::vector<int> expected;
    for (int year = 2004; year <= 2026; ++year) expected.push_back(year);
    EXPECT_EQ(calendar.published_years(), expected);
    EXPECT_TRUE(calendar.is_published(2004));
    EXPECT_TRUE(calendar.is_published(2026));
    EXPECT_FALSE(calendar.is_published(2003));
    EXPECT_FALSE(calendar.is_published(2027));
    EXPECT_FALSE(calendar.is_published(INT_MIN));
    EXPECT_TRUE(calendar.arrangement(2027).empty());
    // 28 off-days in 2025: 1 + 8 + 3 + 5 + 3 + 8; 5 make-up days.
    int off = 0, work = 0;
    for (const ArrangedDay& day : calendar.arrangement(2025)) (day.work ? work : off) += 1;
    EXPECT_EQ(off, 28);
    EXPECT_EQ(work, 5);
}

TEST_F(Workdays, NewYearBreakStartingInDecember) {
    // The 2019 notice: 2018-12-30..2019-01-01 off, Saturday 2018-12-29 worked.
    EXPECT_TRUE(calendar.is_working_day(ymd("2018-12-29")));
    EXPECT_FALSE(calendar.is_working_day(ymd("2018-12-31")));
    EXPECT_EQ(calendar.holiday_name(ymd("2018-12-31")), std::optional<std::string>("元旦"));
    const auto in = [&](int year, const char* iso) {
        for (const ArrangedDay& day : calendar.arrangement(year))
            if (day.date == ymd(iso)) return true;
        return false;
    };
    EXPECT_TRUE(in(2019, "2018-12-29"));
    EXPECT_FALSE(in(2018, "2018-12-29"));
    EXPECT_EQ(cal::arrangement_year({ymd("2018-12-29"), true, "元旦"}), 2019);
    EXPECT_EQ(cal::arrangement_year({ymd("2018-12-29"), true, "国庆节"}), 2018);
    EXPECT_EQ(cal::arrangement_year({ymd("2019-01-01"), false, "元旦"}), 2019);
}

TEST_F(Workdays, DaysTheTwoSourcePackagesDisagreeOn) {
    // Settled against the State Council's notices (see ERRATA in generate_holidays.mjs).
    EXPECT_TRUE(calendar.is_working_day(ymd("2005-12-31"))); // Saturday, worked for the 2006 New Year
    EXPECT_TRUE(calendar.is_working_day(ymd("2013-04-07"))); // Sunday, worked for Qingming
    EXPECT_TRUE(calendar.is_working_day(ymd("2013-10-12"))); // Saturday, worked for National Day
    EXPECT_EQ(calendar.holiday_name(ymd("2015-09-03")),
              std::optional<std::string>("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"));
}

TEST_F(Workdays, AcrossThe2025SpringFestival) {
    const date friday = ymd("2025-01-24");
    const std::vector<std::string> expected = {"2025-01-26", "2025-01-27", "2025-02-05", "2025-02-06",
                                               "2025-02-07", "2025-02-08", "2025-02-10"};
    for (int n = 1; n <= 7; ++n) {
        const auto result = calendar.add_working_days(friday, n);
        EXPECT_EQ(result.date, ymd(expected[n - 1])) << n;
        EXPECT_FALSE(result.estimated);
        EXPECT_TRUE(result.unpublished_years.empty());
    }
    EXPECT_EQ(calendar.add_working_days(ymd("2025-01-28"), 1).date, ymd("2025-02-05"));
    EXPECT_EQ(calendar.working_days_between(friday, ymd("2025-02-10")).days, 7);
    EXPECT_EQ(calendar.working_days_between(ymd("2025-01-27"), ymd("2025-02-04")).days, 0);
}

TEST_F(Workdays, AcrossThe2025NationalDay) {
    const date friday = ymd("2025-09-26");
    const std::vector<std::string> expected = {"2025-09-28", "2025-09-29", "2025-09-30",
                                               "2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13"};
    for (int n = 1; n <= 7; ++n) EXPECT_EQ(calendar.add_working_days(friday, n).date, ymd(expected[n - 1])) << n;
    // The example of the header: 3 working days from 2025-09-30.
    EXPECT_EQ(calendar.add_working_days(ymd("2025-09-30"), 3).date, ymd("2025-10-11"));
    EXPECT_EQ(calendar.working_days_between(friday, ymd("2025-10-12")).days, 6);
    EXPECT_EQ(calendar.working_days_between(ymd("2025-10-12"), friday).days, -6);
    EXPECT_EQ(calendar.working_days_between(friday, friday).days, 0);
    // n = 0 is the start itself, even on a holiday.
    const auto zero = calendar.add_working_days(ymd("2025-10-03"), 0);
    EXPECT_EQ(zero.date, ymd("2025-10-03"));
    EXPECT_FALSE(zero.estimated);
}

TEST_F(Workdays, ArithmeticAgreesWithCountingDayByDay) {
    for (date from = ymd("2003-12-01"); from <= ymd("2027-01-31"); from += days(3)) {
        for (int n : {1, 2, 3, 5, 7, 10, 30}) {
            const auto result = calendar.add_working_days(from, n);
            ASSERT_EQ(result.date, naive_add(calendar, from, n)) << from << " + " << n;
            ASSERT_EQ(calendar.working_days_between(from, result.date).days, n) << from << " + " << n;
            ASSERT_EQ(calendar.working_days_between(result.date, from).days, -n) << from << " + " << n;
        }
    }
    // Long spans are as quick as short ones (binary search, no day loop).
    const auto far = calendar.add_working_days(ymd("2004-01-01"), 20000);
    EXPECT_EQ(calendar.working_days_between(ymd("2004-01-01"), far.date).days, 20000);
    EXPECT_TRUE(calendar.is_working_day(far.date));
    EXPECT_TRUE(far.estimated);
}

TEST_F(Workdays, UnpublishedYearsUseWeekendsOnlyAndAreFlagged) {
    // 2027 and later: no arrangement, so New Year's Day 2027 (a Friday) counts as a working day.
    EXPECT_TRUE(calendar.is_working_day(ymd("2027-01-01")));
    EXPECT_FALSE(calendar.is_working_day(ymd("2027-01-02")));
    EXPECT_EQ(calendar.holiday_name(ymd("2027-01-01")), std::nullopt);
    const auto into_2027 = calendar.add_working_days(ymd("2026-12-30"), 3);
    EXPECT_EQ(into_2027.date, ymd("2027-01-04"));
    EXPECT_TRUE(into_2027.estimated);
    EXPECT_EQ(into_2027.unpublished_years, std::vector<int>{2027});
    // 2003 and earlier: National Day 2003 (a Wednesday) counts as a working day.
    EXPECT_TRUE(calendar.is_working_day(ymd("2003-10-01")));
    const auto from_2003 = calendar.add_working_days(ymd("2003-12-30"), 2);
    EXPECT_EQ(from_2003.date, ymd("2004-01-02")); // 2004-01-01 is off (published)
    EXPECT_TRUE(from_2003.estimated);
    EXPECT_EQ(from_2003.unpublished_years, std::vector<int>{2003});
    // Only the years of the days counted are involved: (from, to].
    EXPECT_FALSE(calendar.add_working_days(ymd("2003-12-31"), 1).estimated);
    EXPECT_FALSE(calendar.working_days_between(ymd("2003-12-31"), ymd("2026-12-31")).estimated);
    const auto wide = calendar.working_days_between(ymd("2028-06-30"), ymd("2001-06-30"));
    EXPECT_TRUE(wide.estimated);
    EXPECT_EQ(wide.unpublished_years, (std::vector<int>{2001, 2002, 2003, 2027, 2028}));
    // Weekends only: 2027 has 261 Mondays..Fridays.
    EXPECT_EQ(calendar.working_days_between(ymd("2026-12-31"), ymd("2027-12-31")).days, 261);
}

TEST_F(Workdays, LoadingAYearPublishesIt) {
    calendar.load("# 国务院办公厅关于2027年部分节假日安排的通知 (a made-up arrangement)\n"
                  "2027-01-01 off 元旦\n"
                  "\n"
                  "2027-02-05 off 春节   # a Friday\r\n"
                  "2027-02-06\toff\t春节\n"
                  "2027-02-07 OFF 春节\n"
                  "2027-02-08 off 春节\n"
                  "2027-02-20 work 春节\n"
                  "  2027-10-01 off National Day  \n");
    EXPECT_TRUE(calendar.is_published(2027));
    EXPECT_FALSE(calendar.is_working_day(ymd("2027-01-01")));
    EXPECT_FALSE(calendar.is_working_day(ymd("2027-02-08")));
    EXPECT_TRUE(calendar.is_working_day(ymd("2027-02-20")));
    EXPECT_EQ(calendar.holiday_name(ymd("2027-10-01")), std::optional<std::string>("National Day"));
    EXPECT_EQ(calendar.arrangement(2027).size(), 7u);
    const auto result = calendar.add_working_days(ymd("2026-12-30"), 3);
    EXPECT_EQ(result.date, ymd("2027-01-05"));
    EXPECT_FALSE(result.estimated);
    // Other years are kept.
    EXPECT_FALSE(calendar.is_working_day(ymd("2025-01-28")));
    EXPECT_EQ(calendar.published_years().size(), 24u);
}

TEST_F(Workdays, ALoadedYearReplacesTheWholeArrangement) {
    calendar.load("2025-01-01 off 元旦\n");
    EXPECT_TRUE(calendar.is_working_day(ymd("2025-01-28")));
    EXPECT_FALSE(calendar.is_working_day(ymd("2025-01-26")));
    EXPECT_EQ(calendar.arrangement(2025).size(), 1u);
    EXPECT_FALSE(calendar.is_working_day(ymd("2024-10-01")));
    // A second load of the same year replaces the first.
    calendar.load("2025-01-28 off 春节\n");
    EXPECT_TRUE(calendar.is_working_day(ymd("2025-01-01")));
    EXPECT_FALSE(calendar.is_working_day(ymd("2025-01-28")));
    // An empty text changes nothing.
    calendar.load("# nothing yet\n\n");
    EXPECT_EQ(calendar.arrangement(2025).size(), 1u);
}

TEST_F(Workdays, LateDecemberNewYearDaysBelongToTheNextArrangement) {
    calendar.load("2026-12-31 off 元旦\n2027-01-01 off 元旦\n2027-01-02 off 元旦\n");
    EXPECT_TRUE(calendar.is_published(2026));
    EXPECT_FALSE(calendar.is_working_day(ymd("2026-12-31")));
    EXPECT_EQ(calendar.arrangement(2027).front().date, ymd("2026-12-31"));
    EXPECT_FALSE(calendar.arrangement(2026).empty()); // the built-in 2026 arrangement is untouched
    calendar.load("2027-01-01 off 元旦\n");
    EXPECT_TRUE(calendar.is_working_day(ymd("2026-12-31")));
    // Where two arrangements name one day, the later one wins: 2022-12-31 is off in the 2023 notice.
    calendar.load("2022-12-31 work 测试\n");
    EXPECT_FALSE(calendar.is_working_day(ymd("2022-12-31")));
    EXPECT_EQ(calendar.holiday_name(ymd("2022-12-31")), std::optional<std::string>("元旦"));
    EXPECT_EQ(calendar.arrangement(2022).size(), 1u);
}

TEST_F(Workdays, ParseErrorsNameTheLine) {
    const auto bad = [&](const std::string& text, const std::string& field) {
        const std::string message = expect_invalid([&] { calendar.load(text); }, field);
        EXPECT_FALSE(calendar.is_published(2027)) << text; // nothing was loaded
        return message;
    };
    bad("2027-01-01 off 元旦\n2027-13-01 off 元旦\n", "line 2");
    bad("# header\n\n2027-01-01 holiday 元旦\n", "line 3");
    bad("2027-01-01 off\n", "line 1");
    bad("2027-01-01 off   # no holiday\n", "line 1");
    bad("2027-01-01\n", "line 1");
    bad("off 2027-01-01 元旦\n", "line 1");
    bad("2027/01/01 off 元旦\n", "line 1");
    EXPECT_NE(bad("2027-01-01 off 元旦\n2027-02-08 work 春节\n", "line 2").find("Monday"), std::string::npos);
    EXPECT_NE(bad("2027-01-02 off 元旦\n2027-01-01 off 元旦\n2027-01-02 work 元旦\n", "line 3").find("line 1"),
              std::string::npos);
    bad("2027-01-01 off 元旦\n2101-01-01 off 元旦\n", "line 2");
    bad("2100-12-31 off 元旦\n", "line 1"); // would belong to the 2101 arrangement
    bad("1899-12-31 off 元旦\n", "line 1");
    bad("2027-01-01 off " + std::string(41, 'x') + "\n", "line 1");
    bad("2027-01-01 off 元\x01旦\n", "line 1");
    bad("2027-01-01 off \xff\n", "line 1");
    const std::string message = bad("2027-01-01 off 元旦\n\n\n2027-13-40 off 元旦\n", "line 4");
    EXPECT_NE(message.find("2027-13-40"), std::string::npos) << message;
    // parse_arrangements alone, with the same errors.
    expect_invalid([] { cal::parse_arrangements("x\n"); }, "line 1");
}

TEST_F(Workdays, TextFormRoundTrips) {
    const std::vector<ArrangedDay> arranged = calendar.arrangement(2025);
    const std::string text = cal::format_arrangements(arranged);
    EXPECT_EQ(text.substr(0, text.find('\n')), "2025-01-01 off 元旦");
    EXPECT_NE(text.find("2025-01-26 work 春节\n"), std::string::npos);
    EXPECT_EQ(cal::parse_arrangements(text), arranged);
    // Every built-in year survives the trip.
    for (int year : calendar.published_years())
        EXPECT_EQ(cal::parse_arrangements(cal::format_arrangements(calendar.arrangement(year))), calendar.arrangement(year))
            << year;
    expect_invalid([] { cal::format_arrangements({{ymd("2027-02-08"), true, "春节"}}); }, "days[0]");
    expect_invalid([] { cal::format_arrangements({{ymd("2027-02-06"), false, "春节 # x"}}); }, "days[0]");
    expect_invalid([] { cal::format_arrangements({{ymd("2027-02-06"), false, "春节"}, {ymd("2027-02-06"), false, "春节"}}); },
                   "days[1]");
}

TEST_F(Workdays, RangeAndArgumentErrors) {
    expect_invalid([&] { calendar.is_working_day(ymd("1899-12-31")); }, "date");
    expect_invalid([&] { calendar.is_working_day(ymd("2101-01-01")); }, "date");
    expect_invalid([&] { calendar.holiday_name(date(boost::date_time::not_a_date_time)); }, "date");
    expect_invalid([&] { calendar.add_working_days(date(boost::date_time::pos_infin), 1); }, "from");
    expect_invalid([&] { calendar.add_working_days(ymd("2025-01-01"), -1); }, "n");
    expect_invalid([&] { calendar.add_working_days(ymd("2100-12-31"), 1); }, "n");
    expect_invalid([&] { calendar.add_working_days(ymd("2025-01-01"), INT_MAX); }, "n");
    expect_invalid([&] { calendar.working_days_between(ymd("2025-01-01"), ymd("2101-01-01")); }, "to");
    EXPECT_TRUE(calendar.is_working_day(ymd("1900-01-01")));  // the first day: a Monday
    EXPECT_TRUE(calendar.is_working_day(ymd("2100-12-31")));  // the last day: a Friday
    EXPECT_EQ(calendar.add_working_days(ymd("2100-12-30"), 1).date, ymd("2100-12-31"));
}

} // namespace
