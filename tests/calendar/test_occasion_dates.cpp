// The other occasions as pure date rules: deal anniversaries, the follow-up cadence and its text
// form, adding months, and the occasion kinds' keys.
#include "snowball/lunar.hpp"

#include "occasion_dates.hpp"

#include <gtest/gtest.h>


namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// Anniversaries, follow-ups, months (pure)

TEST(AnniversaryDates, YearsAfterTheDealWith29FebruaryOn28February) {
    EXPECT_EQ((Strings{"2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29", "2029-02-28"}),
              isos(anniversary_dates(d("2024-02-29"), d("2024-01-01"), d("2029-12-31"))));
    // The deal day itself is no anniversary; a 28 February deal never moves to the 29th.
    EXPECT_EQ((Strings{"2024-02-28"}), isos(anniversary_dates(d("2023-02-28"), d("2023-01-01"), d("2024-12-31"))));
    EXPECT_EQ(Strings{}, isos(anniversary_dates(d("2025-06-30"), d("2025-06-01"), d("2026-06-29"))));
    EXPECT_EQ((Strings{"2026-06-30"}), isos(anniversary_dates(d("2025-06-30"), d("2025-06-01"), d("2026-06-30"))));
}

TEST(FollowUpDates, TheDefaultCadenceWithItsLabelsAndMonthEnds) {
    const auto cadence = OccasionSettings{}.follow_up;
    // A deal on 31 August: the 6-month steps fall on the last day of February, every other one back
    // on 31 August (counted from the deal each time, never snapping to month ends).
    EXPECT_EQ((Strings{"2025-09-07 7d", "2025-09-30 30d", "2025-11-29 90d", "2026-02-28 6m", "2026-08-31 12m",
                       "2027-02-28 18m", "2027-08-31 24m", "2028-02-29 30m", "2028-08-31 36m"}),
              isos(follow_up_dates(d("2025-08-31"), cadence, d("2025-08-01"), d("2028-09-30"))));
    // The deal day itself is no follow-up; a window in the middle.
    EXPECT_EQ(Strings{}, isos(follow_up_dates(d("2025-08-31"), cadence, d("2025-08-31"), d("2025-09-06"))));
    EXPECT_EQ((Strings{"2027-02-28 18m", "2027-08-31 24m"}),
              isos(follow_up_dates(d("2025-08-31"), cadence, d("2027-01-01"), d("2027-12-31"))));
    // Ten years on the repetition still lands on the right step.
    EXPECT_EQ((Strings{"2030-01-31 120m", "2030-07-31 126m"}),
              isos(follow_up_dates(d("2020-01-31"), cadence, d("2030-01-01"), d("2030-12-31"))));
    EXPECT_EQ((Strings{"2030-07-31 126m"}), isos(follow_up_dates(d("2020-01-31"), cadence, d("2030-02-01"), d("2030-07-31"))));
    // A site's own cadence: 14 days, then every 30 days.
    EXPECT_EQ((Strings{"2025-01-15 14d", "2025-01-31 30d", "2025-03-02 60d", "2025-04-01 90d"}),
              isos(follow_up_dates(d("2025-01-01"), parse_cadence("14d,30d*"), d("2025-01-01"), d("2025-04-20"))));
    EXPECT_EQ(Strings{}, isos(follow_up_dates(d("2025-01-01"), {}, d("2025-01-01"), d("2025-12-31"))));
}

TEST(AddMonths, KeepsTheDayOrClampsToTheMonthEndWithoutSnapping) {
    EXPECT_EQ(d("2023-02-28"), add_months(d("2023-01-31"), 1));
    EXPECT_EQ(d("2024-02-29"), add_months(d("2024-01-31"), 1));
    EXPECT_EQ(d("2025-02-28"), add_months(d("2024-02-29"), 12));
    EXPECT_EQ(d("2024-02-28"), add_months(d("2023-02-28"), 12));   // Boost's months() gives 2024-02-29
    EXPECT_EQ(d("2023-03-28"), add_months(d("2023-02-28"), 1));    // not 03-31
    EXPECT_EQ(d("2024-12-15"), add_months(d("2024-01-15"), 11));
    EXPECT_EQ(d("2025-01-15"), add_months(d("2024-01-15"), 12));
    EXPECT_EQ(d("2023-12-15"), add_months(d("2024-01-15"), -1));
    EXPECT_EQ(d("2024-02-29"), add_months(d("2024-03-31"), -1));
    EXPECT_EQ(d("2024-01-15"), add_months(d("2024-01-15"), 0));
}

TEST(Cadence, TextFormRoundTripsAndRejectsNonsense) {
    const auto cadence = OccasionSettings{}.follow_up;
    ASSERT_EQ(4u, cadence.size());
    EXPECT_EQ("7d,30d,90d,6m*", to_string(cadence));
    const auto parsed = parse_cadence(" 7d, 30d ,90d,6m* ");
    ASSERT_EQ(4u, parsed.size());
    EXPECT_EQ(7, parsed[0].days);
    EXPECT_EQ(0, parsed[0].months);
    EXPECT_FALSE(parsed[0].repeat);
    EXPECT_EQ(90, parsed[2].days);
    EXPECT_EQ(0, parsed[3].days);
    EXPECT_EQ(6, parsed[3].months);
    EXPECT_TRUE(parsed[3].repeat);
    EXPECT_EQ("7d,30d,90d,6m*", to_string(parsed));
    EXPECT_EQ("", to_string(parse_cadence("")));   // no follow-ups
    EXPECT_TRUE(parse_cadence("  ").empty());
    EXPECT_EQ("3660d,120m", to_string(parse_cadence("3660d,120m")));
    EXPECT_EQ("14d*", to_string(parse_cadence("14d*")));
    for (const char* bad : {"7", "d", "0d", "7x", "7 d", "-7d", "3661d", "121m", "0m", "7d,,30d", "7d,", ",7d", "6m*,7d",
                            "7d*,30d", "7d**", "*", "12345d", "7天"}) {
        SCOPED_TRACE(bad);
        expect_error([&] { parse_cadence(bad); }, Status::invalid_argument, "follow_up", "");
    }
    expect_error([] { parse_cadence("6m*,7d", "occasions.follow_up"); }, Status::invalid_argument, "occasions.follow_up",
                 "last step");
}

TEST(OccasionKinds, KeysRoundTrip) {
    for (OccasionKind k : {OccasionKind::birthday, OccasionKind::family_birthday, OccasionKind::festival,
                           OccasionKind::deal_anniversary, OccasionKind::follow_up})
        EXPECT_EQ(k, parse_occasion_kind(to_string(k)));
    EXPECT_EQ(OccasionKind::festival, parse_occasion_kind(" Festival "));
    expect_error([] { parse_occasion_kind("holiday"); }, Status::invalid_argument, "occasion", "holiday");
    expect_error([] { parse_occasion_kind("", "policy[2].occasion"); }, Status::invalid_argument, "policy[2].occasion", "");
}

} // namespace
