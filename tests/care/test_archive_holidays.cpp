// Working days through the archive: loaded holiday arrangements are published for every handle on
// the archive, and bad holiday text is refused with its line, storing nothing.
#include "snowball/festivals.hpp"
#include "snowball/workdays.hpp"
#include "care_fixture.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// Working days through the archive

TEST_F(CareTest, LoadedHolidaysArePublishedForEveryHandleOnTheArchive) {
    ASSERT_FALSE(care().work_calendar().is_published(2027));
    const Date sat = d("2027-02-20");
    EXPECT_FALSE(care().work_calendar().is_working_day(sat));
    const auto estimated = care().work_calendar().add_working_days(d("2027-02-05"), 1);
    EXPECT_TRUE(estimated.estimated);
    EXPECT_EQ(std::vector<int>{2027}, estimated.unpublished_years);
    const std::string text =
        "# 国务院办公厅关于2027年部分节假日安排的通知 (test data)\n"
        "2027-01-01 off 元旦\n"
        "2027-02-05 off 春节   # a Friday\n"
        "2027-02-08\tOFF\t春节\n"
        "2027-02-20 work 春节\n";
    EXPECT_EQ(std::vector<int>{2027}, care().load_holidays(text));
    EXPECT_EQ(4, raw().count("holiday_arrangements"));
    const calendar::WorkCalendar cal = care().work_calendar();
    EXPECT_TRUE(cal.is_published(2027));
    EXPECT_TRUE(cal.is_working_day(sat));
    EXPECT_FALSE(cal.is_working_day(d("2027-02-05")));
    EXPECT_EQ(std::optional<std::string>("春节"), cal.holiday_name(d("2027-02-08")));
    const auto counted = cal.add_working_days(d("2027-02-04"), 1);
    EXPECT_EQ(d("2027-02-09"), counted.date);   // Fri 5 off, weekend, Mon 8 off
    EXPECT_FALSE(counted.estimated);
    EXPECT_TRUE(counted.unpublished_years.empty());
    // The built-in years are still there.
    EXPECT_TRUE(cal.is_published(2025));
    EXPECT_EQ(d("2025-10-11"), cal.add_working_days(d("2025-09-30"), 3).date);
    // Another handle on the same file sees the update.
    {
        Archive second = Archive::open(path());
        EXPECT_TRUE(second.calendar().work_calendar().is_published(2027));
        EXPECT_TRUE(second.calendar().work_calendar().is_working_day(sat));
    }
    // Loading 2027 again replaces it whole.
    EXPECT_EQ(std::vector<int>{2027}, care().load_holidays("2027-01-01 off 元旦\n"));
    EXPECT_EQ(1, raw().count("holiday_arrangements"));
    EXPECT_FALSE(care().work_calendar().is_working_day(d("2027-01-01")));
    EXPECT_FALSE(care().work_calendar().is_working_day(sat));
    EXPECT_TRUE(care().work_calendar().is_working_day(d("2027-02-05")));
    // A correction of a built-in year wins over the compiled-in days of that year.
    EXPECT_EQ(std::vector<int>{2026}, care().load_holidays("2026-01-01 off 元旦\n"));
    EXPECT_TRUE(care().work_calendar().is_published(2026));
}

TEST_F(CareTest, BadHolidayTextIsRefusedWithItsLineAndStoresNothing) {
    care().load_holidays("2027-01-01 off 元旦\n");
    const std::string before = dump();
    expect_error([&] { care().load_holidays("2027-01-01 off 元旦\n2027-02-30 off 春节\n"); }, Status::invalid_argument,
                 "line 2", "2027-02-30");
    expect_error([&] { care().load_holidays("# a\n2027-02-10 work 春节\n"); }, Status::invalid_argument, "line 2", "");
    expect_error([&] { care().load_holidays("2027-02-06 off\n"); }, Status::invalid_argument, "line 1", "");
    expect_error([&] { care().load_holidays("2028-01-03 sleep 元旦\n"); }, Status::invalid_argument, "line 1", "");
    expect_error([&] { care().load_holidays("2028-01-03 off 元旦\n2028-01-03 off 元旦\n"); }, Status::invalid_argument,
                 "line 2", "");
    expect_error([&] { care().load_holidays(""); }, Status::invalid_argument, "text", "");
    expect_error([&] { care().load_holidays("# only a comment\n"); }, Status::invalid_argument, "text", "");
    EXPECT_EQ(before, dump());
    EXPECT_FALSE(care().work_calendar().is_published(2028));
}

} // namespace
