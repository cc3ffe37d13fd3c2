// Birthdays as pure date rules (MISSION §2 tactics 4 and 9): lunar and Gregorian birthdays in a
// window, leap months, 29 February, windows across a year end.
#include "snowball/lunar.hpp"

#include "occasion_dates.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// Birthdays (pure)

TEST(BirthdayDates, TheLunarBirthdayTableOfTheVectors) {
    // Leap 4th month, day 15 (born 2020-06-06): the regular 4th month by default.
    const Birthday leap4 = lunar(2020, 4, 15, true);
    EXPECT_EQ(Strings{"2021-05-26"}, birthdays(leap4, "2021-01-01", "2021-12-31"));
    EXPECT_EQ(Strings{"2023-06-02"}, birthdays(leap4, "2023-01-01", "2023-12-31"));
    // 2023 repeats the 2nd month, not the 4th: celebrating twice changes nothing.
    EXPECT_EQ(Strings{"2023-06-02"}, birthdays(leap4, "2023-01-01", "2023-12-31", true));
    // 8th month, day 30: day 29 when the month has 29 days.
    const Birthday day30 = lunar(0, 8, 30);
    EXPECT_EQ(Strings{"2021-10-05"}, birthdays(day30, "2021-01-01", "2021-12-31"));
    EXPECT_EQ(Strings{"2022-09-25"}, birthdays(day30, "2022-01-01", "2022-12-31"));
    // 12th month, day 30: lunar 2023 ends on 2024-02-09 (30 days), lunar 2024 on 2025-01-28 (29).
    const Birthday eve = lunar(0, 12, 30);
    EXPECT_EQ(Strings{"2024-02-09"}, birthdays(eve, "2024-01-01", "2024-12-31"));
    EXPECT_EQ(Strings{"2025-01-28"}, birthdays(eve, "2025-01-01", "2025-12-31"));
    // Leap 6th month, day 1 (born 2025-07-25).
    const Birthday leap6 = lunar(2025, 6, 1, true);
    EXPECT_EQ(Strings{"2026-07-14"}, birthdays(leap6, "2026-01-01", "2026-12-31"));
    EXPECT_EQ(Strings{"2026-07-14"}, birthdays(leap6, "2026-01-01", "2026-12-31", true));
    EXPECT_EQ(Strings{"2036-06-24"}, birthdays(leap6, "2036-01-01", "2036-12-31"));
    EXPECT_EQ((Strings{"2036-06-24", "2036-07-23"}), birthdays(leap6, "2036-01-01", "2036-12-31", true));
    // The year of birth itself holds no celebration (the leap 6/1 of 2025 is the day of birth).
    EXPECT_EQ(Strings{}, birthdays(leap6, "2025-01-01", "2025-12-31", true));
    // Year unknown: lunar 2025 repeats the 6th month, so twice means both.
    const Birthday leap6_no_year = lunar(0, 6, 1, true);
    EXPECT_EQ(Strings{"2025-07-25"}, Strings{to_iso(calendar::to_gregorian({2025, 6, true, 1}))});
    EXPECT_EQ(Strings{to_iso(calendar::to_gregorian({2025, 6, false, 1}))},
              birthdays(leap6_no_year, "2025-01-01", "2025-12-31"));
    EXPECT_EQ((Strings{to_iso(calendar::to_gregorian({2025, 6, false, 1})), "2025-07-25"}),
              birthdays(leap6_no_year, "2025-01-01", "2025-12-31", true));
}

TEST(BirthdayDates, OnlyALeapMonthBirthdayIsCelebratedTwice) {
    // Born in the regular 4th month: one celebration in 2020, whose 4th month repeats.
    const Birthday regular4 = lunar(0, 4, 15);
    EXPECT_EQ(Strings{"2020-05-07"}, birthdays(regular4, "2020-01-01", "2020-12-31", true));
    // Born in the leap 4th month (year unknown): 2020 has it, so twice gives the regular and the leap date.
    EXPECT_EQ((Strings{"2020-05-07", "2020-06-06"}), birthdays(lunar(0, 4, 15, true), "2020-01-01", "2020-12-31", true));
    EXPECT_EQ(Strings{"2020-05-07"}, birthdays(lunar(0, 4, 15, true), "2020-01-01", "2020-12-31"));
}

TEST(BirthdayDates, TheTwenty9thOfFebruaryFallsOnThe28thInCommonYears) {
    EXPECT_EQ((Strings{"2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"}),
              birthdays(gregorian(1988, 2, 29), "2025-01-01", "2028-12-31"));
    EXPECT_EQ((Strings{"2100-02-28"}), birthdays(gregorian(0, 2, 29), "2100-01-01", "2100-12-31"));
    EXPECT_EQ((Strings{"2000-02-29"}), birthdays(gregorian(0, 2, 29), "2000-02-01", "2000-03-31"));
    // 28 February itself is untouched.
    EXPECT_EQ((Strings{"2024-02-28"}), birthdays(gregorian(0, 2, 28), "2024-02-01", "2024-03-31"));
}

TEST(BirthdayDates, WindowsSpanningAYearEnd) {
    EXPECT_EQ(Strings{"2026-01-01"}, birthdays(gregorian(0, 1, 1), "2025-12-30", "2026-01-02"));
    EXPECT_EQ(Strings{"2025-12-31"}, birthdays(gregorian(0, 12, 31), "2025-12-30", "2026-01-02"));
    EXPECT_EQ(Strings{}, birthdays(gregorian(0, 12, 29), "2025-12-30", "2026-01-02"));
    // Lunar 12/1 of lunar 2021 fell on 2022-01-03; 正月初一 of 2022 on 2022-02-01.
    EXPECT_EQ(Strings{"2022-01-03"}, birthdays(lunar(0, 12, 1), "2021-12-25", "2022-01-05"));
    EXPECT_EQ(Strings{"2022-02-01"}, birthdays(lunar(0, 1, 1), "2022-01-20", "2022-02-10"));
    // The window's ends count.
    EXPECT_EQ(Strings{"2022-01-03"}, birthdays(lunar(0, 12, 1), "2022-01-03", "2022-01-03"));
    EXPECT_EQ(Strings{}, birthdays(lunar(0, 12, 1), "2022-01-04", "2022-01-04"));
}

TEST(BirthdayDates, AWindowCanHoldTwoLunarYearsDates) {
    // "12th month day 1 fell on 2022-01-03 and 2022-12-23".
    EXPECT_EQ((Strings{"2022-01-03", "2022-12-23"}), birthdays(lunar(0, 12, 1), "2022-01-01", "2022-12-31"));
    EXPECT_EQ((Strings{"2022-01-03", "2022-12-23"}), birthdays(lunar(1980, 12, 1), "2022-01-01", "2022-12-31"));
    // At the end of the range: lunar 2099 12/1 in January 2100, lunar 2100 12/1 on 2100-12-31.
    EXPECT_EQ(2u, birthdays(lunar(0, 12, 1), "2100-01-01", "2100-12-31").size());
    EXPECT_EQ("2100-12-31", birthdays(lunar(0, 12, 1), "2100-01-01", "2100-12-31").back());
    // Lunar 2100's 12/15 is past the calendar's range: nothing, not an error.
    EXPECT_EQ(Strings{}, birthdays(lunar(0, 12, 15), "2100-12-01", "2100-12-31"));
    // At the start of the range.
    EXPECT_EQ(Strings{"1900-01-31"}, birthdays(lunar(0, 1, 1), "1900-01-01", "1900-02-28"));
}

TEST(BirthdayDates, AKnownYearOfBirthGivesNoDateBeforeTheFirstBirthday) {
    EXPECT_EQ((Strings{"2001-05-10", "2002-05-10"}), birthdays(gregorian(2000, 5, 10), "1999-01-01", "2002-12-31"));
    EXPECT_EQ(Strings{}, birthdays(gregorian(2000, 5, 10), "2000-01-01", "2000-12-31"));
    const std::string first = to_iso(calendar::to_gregorian({2001, 3, false, 3}));
    const std::string second = to_iso(calendar::to_gregorian({2002, 3, false, 3}));
    EXPECT_EQ((Strings{first, second}), birthdays(lunar(2000, 3, 3), "1999-01-01", "2002-12-31"));
    // Born in January 2000 before 正月初一 (lunar 1999, 12th month): lunar 2000's 12th month
    // (January 2001) is the first birthday.
    const std::string jan2001 = to_iso(calendar::to_gregorian({2000, 12, false, 14}));
    EXPECT_EQ(Strings{jan2001}, birthdays(lunar(1999, 12, 14), "2000-01-01", "2001-02-28"));
}

TEST(BirthdayDates, AWindowEndingBeforeItStartsIsAnError) {
    expect_error([] { birthday_dates(gregorian(0, 5, 1), d("2025-05-02"), d("2025-05-01")); }, Status::invalid_argument,
                 "to", "before");
    expect_error([] { anniversary_dates(d("2020-05-01"), d("2025-05-02"), d("2025-05-01")); }, Status::invalid_argument,
                 "to", "before");
    expect_error([] { follow_up_dates(d("2020-05-01"), OccasionSettings{}.follow_up, d("2025-05-02"), d("2025-05-01")); },
                 Status::invalid_argument, "to", "before");
    expect_error([] { birthday_dates(gregorian(0, 5, 1), Date(boost::gregorian::not_a_date_time), d("2025-05-01")); },
                 Status::invalid_argument, "from", "");
}

} // namespace
