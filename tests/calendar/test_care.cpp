// The care calendar (MISSION §2 tactics 4 and 9): occasions as pure date rules (lunar and
// Gregorian birthdays, deal anniversaries, the follow-up cadence), the care policy, the agenda on a
// small archive (merging, idempotent generation, completion, overdue tasks, scopes, site settings),
// the iCalendar export and the archive's working-day updates. The lunar engine, the festival rules
// and the working-day calendar have their own suites; only their use by the care calendar is here.
#include "snowball/care.hpp"
#include "snowball/customers.hpp"
#include "snowball/festivals.hpp"
#include "snowball/lunar.hpp"
#include "snowball/profiles.hpp"
#include "snowball/workdays.hpp"

#include "calendar/care_json.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using boost::gregorian::days;
using snowball::testing::ArchiveTest;
using snowball::testing::expect_error;
using Strings = std::vector<std::string>;

Date d(const char* iso) { return parse_date(iso); }

Birthday gregorian(int year, int month, int day) {
    Birthday b;
    b.year = year;
    b.month = month;
    b.day = day;
    return b;
}

Birthday lunar(int year, int month, int day, bool leap = false) {
    Birthday b = gregorian(year, month, day);
    b.lunar = true;
    b.leap_month = leap;
    return b;
}

Strings isos(const std::vector<Date>& dates) {
    Strings out;
    for (Date x : dates) out.push_back(to_iso(x));
    return out;
}

// "2025-09-07 7d"
Strings isos(const std::vector<FollowUpDate>& dates) {
    Strings out;
    for (const FollowUpDate& f : dates) out.push_back(to_iso(f.date) + " " + f.step);
    return out;
}

Strings birthdays(const Birthday& b, const char* from, const char* to, bool twice = false) {
    return isos(birthday_dates(b, d(from), d(to), twice));
}

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

// ---------------------------------------------------------------------------------------------
// The policy (pure)

const CareRule* find_rule(const std::vector<CareRule>& rules, OccasionKind kind, std::optional<Tier> tier,
                          std::optional<Stage> stage, const std::string& action) {
    for (const CareRule& r : rules)
        if (r.occasion == kind && r.tier == tier && r.stage == stage && r.action == action) return &r;
    return nullptr;
}

TEST(CarePolicy, TheDefaultPolicyIsTheSources) {
    const auto& rules = default_care_policy();
    EXPECT_EQ(&rules, &default_care_policy());
    for (std::size_t i = 0; i < rules.size(); ++i) {
        SCOPED_TRACE(i);
        validate(rules[i]);
        EXPECT_FALSE(rules[i].label.zh.empty());
        EXPECT_FALSE(rules[i].label.en.empty());
    }
    // VIP owners' birthdays, the customer's or a family member's: flowers or a cake two days ahead,
    // and a call.
    for (OccasionKind k : {OccasionKind::birthday, OccasionKind::family_birthday}) {
        const CareRule* gift = find_rule(rules, k, Tier::vip, Stage::owner, "flowers_or_cake");
        ASSERT_NE(nullptr, gift) << to_string(k);
        EXPECT_EQ("gift", gift->channel);
        EXPECT_EQ(2, gift->lead_days);
        const CareRule* call = find_rule(rules, k, Tier::vip, Stage::owner, "call");
        ASSERT_NE(nullptr, call) << to_string(k);
        EXPECT_EQ("phone", call->channel);
        EXPECT_EQ(0, call->lead_days);
    }
    // Owners: a call or an SMS on every festival.
    const CareRule* festival = find_rule(rules, OccasionKind::festival, std::nullopt, Stage::owner, "call_or_sms");
    ASSERT_NE(nullptr, festival);
    EXPECT_EQ("", festival->festival);
    // Ordinary owners' birthdays: a call, no gift.
    EXPECT_NE(nullptr, find_rule(rules, OccasionKind::birthday, Tier::ordinary, Stage::owner, "call"));
    EXPECT_EQ(nullptr, find_rule(rules, OccasionKind::birthday, Tier::ordinary, Stage::owner, "flowers_or_cake"));
    // Nothing for prospects and visitors, VIPs or not: every rule is for owners.
    for (const CareRule& r : rules) EXPECT_EQ(Stage::owner, r.stage) << r.action << " for " << to_string(r.occasion);
}

TEST(CarePolicy, ValidateNamesTheFieldAtFault) {
    CareRule good;
    good.occasion = OccasionKind::festival;
    good.festival = "spring_festival";
    good.stage = Stage::prospect;
    good.action = "sms";
    good.channel = "sms";
    good.lead_days = 1;
    good.label = {"春节短信问候", "春節短信問候", "Spring Festival SMS"};
    validate(good);
    const auto bad = [&](auto change, const char* field) {
        CareRule r = good;
        change(r);
        SCOPED_TRACE(field);
        expect_error([&] { validate(r, "policy[3]"); }, Status::invalid_argument, field, "");
    };
    bad([](CareRule& r) { r.action = ""; }, "policy[3].action");
    bad([](CareRule& r) { r.action = "Call"; }, "policy[3].action");
    bad([](CareRule& r) { r.action = "send flowers"; }, "policy[3].action");
    bad([](CareRule& r) { r.action = "1call"; }, "policy[3].action");
    bad([](CareRule& r) { r.channel = "fax"; }, "policy[3].channel");
    bad([](CareRule& r) { r.channel = ""; }, "policy[3].channel");
    bad([](CareRule& r) { r.lead_days = -1; }, "policy[3].lead_days");
    bad([](CareRule& r) { r.lead_days = 61; }, "policy[3].lead_days");
    bad([](CareRule& r) { r.festival = "Spring Festival"; }, "policy[3].festival");
    bad([](CareRule& r) { r.occasion = OccasionKind::birthday; }, "policy[3].festival");
    bad([](CareRule& r) { r.label.zh = "两行\n文字"; }, "policy[3].label");
    bad([](CareRule& r) { r.label.en = std::string(101, 'x'); }, "policy[3].label");
    CareRule edge = good;
    edge.lead_days = 60;
    validate(edge);
    edge.lead_days = 0;
    edge.label = {};
    validate(edge);
}

// ---------------------------------------------------------------------------------------------
// The agenda on a small archive

class CareTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "西湖印象", ""});
        archive_.sites().add({"BJ", "北京朝阳", ""});
        wang_ = archive_.consultants().add({"XH", "王芳", ""}).id;
        zhou_ = archive_.consultants().add({"XH", "周杰", ""}).id;
        li_ = archive_.consultants().add({"BJ", "李强", ""}).id;
    }

    CareCalendar& care() { return archive_.calendar(); }

    std::int64_t customer(const std::string& name, std::optional<std::int64_t> consultant, Tier tier,
                          std::optional<Birthday> birthday = std::nullopt, const std::string& site = "XH") {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.consultant_id = consultant;
        c.tier = tier;
        c.birthday = birthday;
        c.filed_on = d("2020-01-06");
        c.first_contact = d("2020-01-06");
        return archive_.customers().add(c).id;
    }

    std::int64_t deal(std::int64_t customer_id, const std::string& unit, const char* date) {
        NewDeal n;
        n.unit = unit;
        n.area = 89.5;
        n.price = 1200000;
        n.date = d(date);
        return archive_.customers().record_deal(customer_id, n).id;
    }

    std::int64_t family(std::int64_t customer_id, Relation relation, const std::string& name, Birthday birthday) {
        NewFamilyMember m;
        m.relation = relation;
        m.name = name;
        m.birthday = birthday;
        return archive_.family().add(customer_id, m).id;
    }

    void set_birthday(std::int64_t customer_id, Birthday birthday) {
        CustomerUpdate u;
        u.birthday = std::optional<Birthday>(birthday);
        archive_.customers().update(customer_id, u);
    }

    std::vector<CareTask> agenda(const char* from, const char* to, const std::string& site = "XH",
                                 std::optional<std::int64_t> consultant = std::nullopt, bool include_closed = true) {
        AgendaQuery q;
        q.from = d(from);
        q.to = d(to);
        q.site = site;
        q.consultant_id = consultant;
        q.include_closed = include_closed;
        return care().agenda(q);
    }

    static const CareTask* task_of(const std::vector<CareTask>& tasks, std::int64_t customer_id, const char* date) {
        for (const CareTask& t : tasks)
            if (t.customer_id == customer_id && t.date == d(date)) return &t;
        return nullptr;
    }

    // "birthday:birthday", "festival:mid_autumn", ...
    static Strings occasions(const CareTask& t) {
        Strings out;
        for (const TaskOccasion& o : t.occasions) out.push_back(std::string(to_string(o.kind)) + ":" + o.key);
        return out;
    }
    static Strings actions(const CareTask& t) {
        Strings out;
        for (const TaskAction& a : t.actions) out.push_back(a.action + "/" + a.channel);
        return out;
    }
    // customer id and date of every task: "3 2026-09-25"
    static Strings keys(const std::vector<CareTask>& tasks) {
        Strings out;
        for (const CareTask& t : tasks) out.push_back(std::to_string(t.customer_id) + " " + to_iso(t.date));
        return out;
    }
    static std::string key(std::int64_t customer_id, const char* date) { return std::to_string(customer_id) + " " + date; }

    // The stored tasks: rows, and the members of the groups that keep the festival greetings.
    std::int64_t task_rows() { return raw().count("care_tasks") + raw().count("care_task_members"); }

    // XH also calls its prospects and visitors (VIPs or not) on their and their families' birthdays.
    void greet_every_birthday() {
        std::vector<CareRule> policy = default_care_policy();
        for (OccasionKind k : {OccasionKind::birthday, OccasionKind::family_birthday})
            for (Stage stage : {Stage::prospect, Stage::visitor}) {
                CareRule r;
                r.occasion = k;
                r.stage = stage;
                r.action = "call";
                r.channel = "phone";
                r.label = {"致电祝贺生日", "致電祝賀生日", "Birthday call"};
                policy.push_back(r);
            }
        care().set_policy("XH", policy);
    }

    std::int64_t wang_ = 0, zhou_ = 0, li_ = 0;
};

// Mid-Autumn 2026 is lunar 2026-08-15 = 2026-09-25; no other default festival falls in 09-20..09-30.
TEST_F(CareTest, FactsTheseTestsRelyOn) {
    EXPECT_EQ(d("2026-09-25"), calendar::to_gregorian({2026, 8, false, 15}));
    const auto days_ = calendar::festivals_between(d("2026-09-20"), d("2026-09-30"), calendar::default_festivals());
    ASSERT_EQ(1u, days_.size());
    EXPECT_EQ("mid_autumn", days_[0].key);
    EXPECT_EQ(d("2026-02-17"), calendar::new_year(2026));
    EXPECT_FALSE(care().work_calendar().is_published(2027)) << "the 2027 arrangement is built in now: update the tests";
}

TEST_F(CareTest, AVipOwnersBirthdayOnMidAutumnIsOneTaskWithEveryAction) {
    const auto zhang = customer("张伟", wang_, Tier::vip, lunar(1980, 8, 15));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto li_na = customer("李娜", wang_, Tier::ordinary, gregorian(1990, 9, 25));
    deal(li_na, "3-1-1202", "2024-05-11");
    const auto zhao = customer("赵六", zhou_, Tier::ordinary, gregorian(1985, 9, 25));     // a prospect
    const auto qian = customer("钱七", zhou_, Tier::ordinary, gregorian(1986, 9, 24));     // a visitor
    archive_.customers().record_visit(qian);
    const auto bj = customer("孙八", li_, Tier::vip, gregorian(1970, 9, 25), "BJ");
    deal(bj, "1-1-101", "2024-05-12");
    const auto vip_prospect = customer("周九", zhou_, Tier::vip, gregorian(1975, 9, 25));
    family(vip_prospect, Relation::spouse, "吴十", gregorian(1976, 9, 26));
    const auto vip_visitor = customer("郑十一", zhou_, Tier::vip, gregorian(1977, 9, 25));
    archive_.customers().record_visit(vip_visitor);

    const auto tasks = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ((Strings{key(zhang, "2026-09-25"), key(li_na, "2026-09-25")}), keys(tasks));
    const CareTask& t = tasks[0];
    EXPECT_GT(t.id, 0);
    EXPECT_EQ("张伟", t.customer_name);
    EXPECT_EQ(archive_.customers().get(zhang).archive_no, t.archive_no);
    EXPECT_EQ("XH", t.site);
    EXPECT_EQ(std::optional<std::int64_t>(wang_), t.consultant_id);
    EXPECT_EQ(d("2026-09-25"), t.date);
    EXPECT_EQ(d("2026-09-23"), t.prepare_from);   // the cake is ordered two days ahead
    EXPECT_EQ((Strings{"birthday:birthday", "festival:mid_autumn"}), occasions(t));
    EXPECT_EQ("张伟生日", t.occasions[0].title);
    EXPECT_EQ("中秋节", t.occasions[1].title);
    EXPECT_FALSE(t.occasions[0].family_member_id);
    EXPECT_EQ((Strings{"flowers_or_cake/gift", "call/phone", "call_or_sms/phone"}), actions(t));
    EXPECT_EQ(2, t.actions[0].lead_days);
    EXPECT_EQ(d("2026-09-23"), t.actions[0].start);
    EXPECT_EQ(d("2026-09-25"), t.actions[1].start);
    EXPECT_EQ(d("2026-09-25"), t.actions[2].start);
    for (const TaskAction& a : t.actions) EXPECT_FALSE(a.label.empty());
    EXPECT_EQ(TaskStatus::open, t.status);
    EXPECT_EQ("", t.outcome);
    EXPECT_EQ("", t.note);
    EXPECT_EQ("", t.done_at);
    EXPECT_FALSE(t.done_by);
    // An ordinary owner: a birthday call and the festival greeting, no gift.
    EXPECT_EQ((Strings{"birthday:birthday", "festival:mid_autumn"}), occasions(tasks[1]));
    EXPECT_EQ((Strings{"call/phone", "call_or_sms/phone"}), actions(tasks[1]));
    EXPECT_EQ(d("2026-09-25"), tasks[1].prepare_from);
    // Prospects and visitors: nothing by default. BJ's customers are BJ's.
    EXPECT_FALSE(task_of(tasks, zhao, "2026-09-25"));
    EXPECT_FALSE(task_of(tasks, qian, "2026-09-24"));
    EXPECT_FALSE(task_of(tasks, vip_prospect, "2026-09-25"));
    EXPECT_FALSE(task_of(tasks, vip_prospect, "2026-09-26"));
    EXPECT_FALSE(task_of(tasks, vip_visitor, "2026-09-25"));
    EXPECT_EQ((Strings{key(bj, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30", "BJ")));
    EXPECT_EQ(3, task_rows());
    // get() returns the stored task.
    const CareTask again = care().get(t.id);
    EXPECT_EQ(occasions(t), occasions(again));
    EXPECT_EQ(actions(t), actions(again));
    EXPECT_EQ(t.prepare_from, again.prepare_from);
}

TEST_F(CareTest, GeneratingTwiceStoresNothingTwice) {
    const auto zhang = customer("张伟", wang_, Tier::vip, lunar(1980, 8, 15));
    deal(zhang, "3-1-1201", "2025-08-31");
    const auto li_na = customer("李娜", zhou_, Tier::ordinary, gregorian(1990, 3, 14));
    deal(li_na, "3-1-1202", "2024-02-29");
    const auto first = agenda("2026-01-01", "2026-12-31");
    ASSERT_GT(first.size(), 20u);
    const std::string before = dump();
    const std::int64_t rows = task_rows();
    EXPECT_EQ(static_cast<std::int64_t>(first.size()), rows);
    const auto second = agenda("2026-01-01", "2026-12-31");
    EXPECT_EQ(before, dump());   // not even updated_at changed
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].id, second[i].id);
        EXPECT_EQ(occasions(first[i]), occasions(second[i]));
    }
    // Overlapping windows and the consultant's view find the same stored tasks.
    const auto part = agenda("2026-02-01", "2026-03-31", "", wang_);
    for (const CareTask& t : part) {
        EXPECT_EQ(zhang, t.customer_id);
        const CareTask* same = task_of(first, t.customer_id, to_iso(t.date).c_str());
        ASSERT_NE(nullptr, same) << to_iso(t.date);
        EXPECT_EQ(same->id, t.id);
    }
    EXPECT_EQ(before, dump());
    // Tasks are ordered by date, then customer.
    for (std::size_t i = 1; i < first.size(); ++i)
        EXPECT_TRUE(first[i - 1].date < first[i].date ||
                    (first[i - 1].date == first[i].date && first[i - 1].customer_id < first[i].customer_id));
}

TEST_F(CareTest, TheYearOfAnOwnerWithTheDefaultCadence) {
    // An ordinary owner, deal on 31 August 2025, born 29 February 1988 (Gregorian).
    const auto li_na = customer("李娜", wang_, Tier::ordinary, gregorian(1988, 2, 29));
    deal(li_na, "3-1-1202", "2025-08-31");
    std::map<std::string, Strings> by_day;
    for (const CareTask& t : agenda("2025-09-01", "2026-08-31")) {
        ASSERT_EQ(li_na, t.customer_id);
        for (const TaskOccasion& o : t.occasions)
            if (o.kind != OccasionKind::festival) by_day[to_iso(t.date)].push_back(o.key + " " + o.title);
    }
    const std::map<std::string, Strings> expected{
        {"2025-09-07", {"follow_up:7d 成交后7天回访"}},
        {"2025-09-30", {"follow_up:30d 成交后30天回访"}},
        {"2025-11-29", {"follow_up:90d 成交后90天回访"}},
        // Her birthday and the 6-month follow-up share 28 February 2026: one task.
        {"2026-02-28", {"birthday 李娜生日", "follow_up:6m 成交后6个月回访"}},
        {"2026-08-31", {"anniversary:1 成交1周年", "follow_up:12m 成交后12个月回访"}},
    };
    EXPECT_EQ(expected, by_day);
    const auto tasks = agenda("2026-02-28", "2026-02-28");
    ASSERT_EQ(1u, tasks.size());
    EXPECT_EQ((Strings{"call/phone", "follow_up_call/phone"}), actions(tasks[0]));
    const auto year_one = agenda("2026-08-31", "2026-08-31");
    ASSERT_EQ(1u, year_one.size());
    EXPECT_EQ((Strings{"deal_anniversary:anniversary:1", "follow_up:follow_up:12m"}), occasions(year_one[0]));
}

TEST_F(CareTest, AnOpenTaskTakesInANewFamilyMembersBirthday) {
    const auto zhang = customer("张伟", wang_, Tier::vip, lunar(1980, 8, 15));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto before = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ(1u, before.size());
    const std::int64_t rows = task_rows();
    const auto wife = family(zhang, Relation::spouse, "李娜", gregorian(1982, 9, 25));
    const auto son = family(zhang, Relation::child, "张小明", lunar(0, 8, 12));   // 2026-09-22
    const auto after = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ((Strings{key(zhang, "2026-09-22"), key(zhang, "2026-09-25")}), keys(after));
    const CareTask& mid_autumn = after[1];
    EXPECT_EQ(before[0].id, mid_autumn.id);   // the same task, not a second one
    EXPECT_EQ((Strings{"birthday:birthday", "family_birthday:family_birthday", "festival:mid_autumn"}),
              occasions(mid_autumn));
    EXPECT_EQ(std::optional<std::int64_t>(wife), mid_autumn.occasions[1].family_member_id);
    EXPECT_EQ("配偶李娜生日", mid_autumn.occasions[1].title);
    // One gift and one call are enough for two birthdays on one day.
    EXPECT_EQ((Strings{"flowers_or_cake/gift", "call/phone", "call_or_sms/phone"}), actions(mid_autumn));
    const CareTask& son_task = after[0];
    EXPECT_EQ((Strings{"family_birthday:family_birthday"}), occasions(son_task));
    EXPECT_EQ(std::optional<std::int64_t>(son), son_task.occasions[0].family_member_id);
    EXPECT_EQ("子女张小明生日", son_task.occasions[0].title);
    EXPECT_EQ((Strings{"flowers_or_cake/gift", "call/phone"}), actions(son_task));
    EXPECT_EQ(d("2026-09-20"), son_task.prepare_from);
    EXPECT_EQ(rows + 1, task_rows());
}

TEST_F(CareTest, ACorrectedBirthdayRemovesTheStaleOpenTaskButNotACompletedOne) {
    const auto li_na = customer("李娜", wang_, Tier::ordinary, gregorian(1990, 3, 14));
    deal(li_na, "3-1-1202", "2024-05-10");
    const auto first = agenda("2026-03-10", "2026-03-25");
    ASSERT_EQ((Strings{key(li_na, "2026-03-14")}), keys(first));
    const std::int64_t stale = first[0].id;
    set_birthday(li_na, gregorian(1990, 3, 16));
    const auto second = agenda("2026-03-10", "2026-03-25");
    ASSERT_EQ((Strings{key(li_na, "2026-03-16")}), keys(second));
    expect_error([&] { care().get(stale); }, Status::not_found, "task_id", std::to_string(stale));
    EXPECT_EQ(1, task_rows());
    // Done is done: correcting the birthday again leaves the completed task as it was.
    const CareTask done = care().complete(second[0].id, "已致电祝贺", "", wang_);
    set_birthday(li_na, gregorian(1990, 3, 20));
    const auto third = agenda("2026-03-10", "2026-03-25");
    ASSERT_EQ((Strings{key(li_na, "2026-03-16"), key(li_na, "2026-03-20")}), keys(third));
    EXPECT_EQ(done.id, third[0].id);
    EXPECT_EQ(TaskStatus::done, third[0].status);
    EXPECT_EQ((Strings{"birthday:birthday"}), occasions(third[0]));
    EXPECT_EQ(TaskStatus::open, third[1].status);
    // Without closed tasks.
    EXPECT_EQ((Strings{key(li_na, "2026-03-20")}), keys(agenda("2026-03-10", "2026-03-25", "XH", std::nullopt, false)));
    // Tasks outside the window generated are not touched by it.
    set_birthday(li_na, gregorian(1990, 3, 22));
    agenda("2026-03-21", "2026-03-25");
    EXPECT_EQ(TaskStatus::open, care().get(third[1].id).status);
}

TEST_F(CareTest, CompleteSkipAndReopen) {
    const auto zhang = customer("张伟", wang_, Tier::vip, lunar(1980, 8, 15));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto li_na = customer("李娜", wang_, Tier::ordinary, gregorian(1990, 9, 25));
    deal(li_na, "3-1-1202", "2024-05-11");
    const auto tasks = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ(2u, tasks.size());
    const std::int64_t a = tasks[0].id, b = tasks[1].id;

    const CareTask done = care().complete(a, "  已送蛋糕并致电  ", "客户很高兴\n下次送花", wang_);
    EXPECT_EQ(TaskStatus::done, done.status);
    EXPECT_EQ("已送蛋糕并致电", done.outcome);
    EXPECT_EQ("客户很高兴\n下次送花", done.note);
    EXPECT_TRUE(std::regex_match(done.done_at, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"))) << done.done_at;
    EXPECT_EQ(std::optional<std::int64_t>(wang_), done.done_by);
    EXPECT_EQ(occasions(tasks[0]), occasions(done));
    const CareTask read = care().get(a);
    EXPECT_EQ(TaskStatus::done, read.status);
    EXPECT_EQ(done.outcome, read.outcome);
    EXPECT_EQ(done.note, read.note);

    const CareTask skipped = care().skip(b, "客户出国，联系不上");
    EXPECT_EQ(TaskStatus::skipped, skipped.status);
    EXPECT_EQ("客户出国，联系不上", skipped.outcome);
    EXPECT_FALSE(skipped.done_by);
    EXPECT_FALSE(skipped.done_at.empty());

    // Closed tasks refuse to be closed again, and nothing is written.
    std::string before = dump();
    auto e = expect_error([&] { care().complete(a, "again"); }, Status::invalid_state, "task_id", "done");
    if (e) {
        EXPECT_EQ(a, e->record_id());
    }
    expect_error([&] { care().skip(a, "again"); }, Status::invalid_state, "task_id", "done");
    expect_error([&] { care().complete(b, "again"); }, Status::invalid_state, "task_id", "skipped");
    // Bad input and unknown records.
    expect_error([&] { care().complete(424242, "x"); }, Status::not_found, "task_id", "424242");
    expect_error([&] { care().skip(424242, "x"); }, Status::not_found, "task_id", "424242");
    expect_error([&] { care().reopen(424242); }, Status::not_found, "task_id", "424242");
    expect_error([&] { care().get(424242); }, Status::not_found, "task_id", "424242");
    EXPECT_EQ(before, dump());

    // Reopened: open again, without who and when; then it can be completed again.
    const CareTask reopened = care().reopen(a, zhou_);
    EXPECT_EQ(TaskStatus::open, reopened.status);
    EXPECT_EQ("", reopened.done_at);
    EXPECT_FALSE(reopened.done_by);
    expect_error([&] { care().reopen(a); }, Status::invalid_state, "task_id", "open");
    before = dump();
    expect_error([&] { care().complete(a, ""); }, Status::invalid_argument, "outcome", "");
    expect_error([&] { care().complete(a, "   "); }, Status::invalid_argument, "outcome", "");
    expect_error([&] { care().complete(a, "两行\n结果"); }, Status::invalid_argument, "outcome", "");
    expect_error([&] { care().complete(a, std::string(201, 'x')); }, Status::invalid_argument, "outcome", "");
    expect_error([&] { care().complete(a, "ok", std::string(2001, 'x')); }, Status::invalid_argument, "note", "");
    expect_error([&] { care().complete(a, "ok", "\xff"); }, Status::invalid_argument, "note", "");
    expect_error([&] { care().complete(a, "ok", "", 9999); }, Status::not_found, "by", "9999");
    expect_error([&] { care().skip(a, ""); }, Status::invalid_argument, "reason", "");
    expect_error([&] { care().skip(a, "x", 9999); }, Status::not_found, "by", "9999");
    expect_error([&] { care().reopen(b, 9999); }, Status::not_found, "by", "9999");
    EXPECT_EQ(before, dump());
    const CareTask again = care().complete(a, "已补送鲜花", "", zhou_);
    EXPECT_EQ(TaskStatus::done, again.status);
    EXPECT_EQ("已补送鲜花", again.outcome);
    EXPECT_EQ(std::optional<std::int64_t>(zhou_), again.done_by);
    // Regeneration leaves closed tasks as they are.
    const auto regenerated = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ(2u, regenerated.size());
    EXPECT_EQ(TaskStatus::done, regenerated[0].status);
    EXPECT_EQ("已补送鲜花", regenerated[0].outcome);
    EXPECT_EQ(TaskStatus::skipped, regenerated[1].status);
}

TEST_F(CareTest, OverdueListsOpenTasksBeforeADayOldestFirst) {
    const auto zhang = customer("张伟", wang_, Tier::vip, gregorian(1980, 9, 22));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto li_na = customer("李娜", zhou_, Tier::ordinary, gregorian(1990, 9, 21));
    deal(li_na, "3-1-1202", "2024-05-11");
    const auto sun = customer("孙八", li_, Tier::vip, gregorian(1970, 9, 21), "BJ");
    deal(sun, "1-1-101", "2024-05-12");
    ASSERT_EQ(4u, agenda("2026-09-20", "2026-09-30").size());   // 21st, 22nd, and Mid-Autumn for both
    ASSERT_EQ(2u, agenda("2026-09-20", "2026-09-30", "BJ").size());
    const auto ids = [](const std::vector<CareTask>& tasks) { return keys(tasks); };
    // Before 25 September: the birthdays, oldest first, every site.
    EXPECT_EQ((Strings{key(li_na, "2026-09-21"), key(sun, "2026-09-21"), key(zhang, "2026-09-22")}),
              ids(care().overdue(d("2026-09-25"))));
    EXPECT_EQ((Strings{key(li_na, "2026-09-21"), key(zhang, "2026-09-22")}), ids(care().overdue(d("2026-09-25"), "XH")));
    EXPECT_EQ((Strings{key(zhang, "2026-09-22")}), ids(care().overdue(d("2026-09-25"), "", wang_)));
    EXPECT_EQ((Strings{key(zhang, "2026-09-22")}), ids(care().overdue(d("2026-09-25"), "XH", wang_)));
    // The day itself is not overdue.
    EXPECT_EQ((Strings{key(li_na, "2026-09-21"), key(sun, "2026-09-21")}), ids(care().overdue(d("2026-09-22"))));
    EXPECT_EQ(Strings{}, ids(care().overdue(d("2026-09-21"))));
    EXPECT_EQ(6u, care().overdue(d("2026-10-01")).size());
    // Closed tasks are not overdue.
    const auto open = care().overdue(d("2026-09-25"), "XH");
    care().complete(open[0].id, "已致电");
    care().skip(open[1].id, "出差");
    EXPECT_EQ(Strings{}, ids(care().overdue(d("2026-09-25"), "XH")));
    // Without a day: today, in China; these tasks are in the past or the future of it, as it may be.
    const auto today = today_in_china();
    for (const CareTask& t : care().overdue()) EXPECT_LT(t.date, today);
    expect_error([&] { care().overdue(d("2026-09-25"), "ZZ"); }, Status::not_found, "site", "ZZ");
    expect_error([&] { care().overdue(d("2026-09-25"), "", 9999); }, Status::not_found, "consultant_id", "9999");
}

TEST_F(CareTest, ConsultantScopeAndSiteScope) {
    const auto zhang = customer("张伟", wang_, Tier::vip, gregorian(1980, 9, 22));
    const auto li_na = customer("李娜", zhou_, Tier::vip, gregorian(1990, 9, 22));
    const auto nobody = customer("无人跟进", std::nullopt, Tier::vip, gregorian(1991, 9, 22));
    deal(zhang, "3-1-1201", "2024-05-10");
    deal(li_na, "3-1-1202", "2024-05-10");
    deal(nobody, "3-1-1203", "2024-05-10");
    // (The window ends before Mid-Autumn: only the birthdays.)
    const auto wang_tasks = agenda("2026-09-20", "2026-09-23", "", wang_);
    EXPECT_EQ((Strings{key(zhang, "2026-09-22")}), keys(wang_tasks));
    EXPECT_EQ((Strings{key(zhang, "2026-09-22")}), keys(agenda("2026-09-20", "2026-09-23", "XH", wang_)));
    EXPECT_EQ((Strings{key(zhang, "2026-09-22")}), keys(agenda("2026-09-20", "2026-09-23", "xh", wang_)));
    EXPECT_EQ((Strings{key(li_na, "2026-09-22")}), keys(agenda("2026-09-20", "2026-09-23", "", zhou_)));
    // The site sees everyone's, the unassigned customer's too.
    const auto site = agenda("2026-09-20", "2026-09-23");
    EXPECT_EQ((Strings{key(zhang, "2026-09-22"), key(li_na, "2026-09-22"), key(nobody, "2026-09-22")}), keys(site));
    EXPECT_EQ(wang_tasks[0].id, site[0].id);
    // A consultant of another site, unknown ones, no scope at all: errors, nothing written.
    const std::string before = dump();
    expect_error([&] { agenda("2026-09-20", "2026-09-23", "XH", li_); }, Status::invalid_argument, "consultant_id", "BJ");
    expect_error([&] { agenda("2026-09-20", "2026-09-23", "", 9999); }, Status::not_found, "consultant_id", "9999");
    expect_error([&] { agenda("2026-09-20", "2026-09-23", "ZZ"); }, Status::not_found, "site", "ZZ");
    expect_error([&] { agenda("2026-09-20", "2026-09-23", ""); }, Status::invalid_argument, "site", "");
    expect_error([&] { agenda("2026-09-20", "2026-09-23", "  "); }, Status::invalid_argument, "site", "");
    EXPECT_EQ(before, dump());
    // The other site's consultant sees their own site only.
    EXPECT_EQ(Strings{}, keys(agenda("2026-09-20", "2026-09-23", "", li_)));
    // A customer handed to another consultant: the task follows the customer.
    CustomerUpdate u;
    u.consultant_id = std::optional<std::int64_t>(zhou_);
    archive_.customers().update(zhang, u);
    EXPECT_EQ(Strings{}, keys(agenda("2026-09-20", "2026-09-23", "", wang_)));
    const auto moved = agenda("2026-09-20", "2026-09-23", "", zhou_);
    ASSERT_EQ(2u, moved.size());
    EXPECT_EQ(wang_tasks[0].id, moved[0].id);
    EXPECT_EQ(std::optional<std::int64_t>(zhou_), moved[0].consultant_id);
}

TEST_F(CareTest, TheWindowIsValidated) {
    customer("张伟", wang_, Tier::vip, gregorian(1980, 9, 22));
    const std::string before = dump();
    expect_error([&] { agenda("2026-09-30", "2026-09-20"); }, Status::invalid_argument, "to", "before");
    expect_error([&] { agenda("2026-01-01", "2027-01-02"); }, Status::invalid_argument, "to", "year");
    expect_error([&] { agenda("1900-01-01", "1900-02-15"); }, Status::invalid_argument, "from", "1900-01-31");
    expect_error([&] { agenda("2100-12-01", "2101-01-05"); }, Status::invalid_argument, "to", "2100-12-31");
    AgendaQuery special;
    special.site = "XH";
    special.to = d("2026-01-01");
    expect_error([&] { care().agenda(special); }, Status::invalid_argument, "from", "");
    expect_error([&] { care().export_ics(d("2026-09-30"), d("2026-09-20"), wang_); }, Status::invalid_argument, "to", "");
    expect_error([&] { care().export_ics(d("2026-01-01"), d("2027-06-30"), wang_); }, Status::invalid_argument, "to", "");
    EXPECT_EQ(before, dump());
    // A whole leap year is allowed (366 days), as are one day and the calendar's last days.
    EXPECT_NO_THROW(agenda("2028-01-01", "2028-12-31"));
    EXPECT_NO_THROW(agenda("2026-09-22", "2026-09-22"));
    EXPECT_NO_THROW(agenda("2100-06-01", "2100-12-31"));
    // The range starts on 1900-01-31; festival rules start in 1901: birthdays, but no festivals, before.
    const auto early = customer("早期", wang_, Tier::vip, gregorian(0, 2, 15));
    deal(early, "3-1-1201", "2024-05-10");
    EXPECT_EQ((Strings{key(early, "1900-02-15")}), keys(agenda("1900-01-31", "1900-12-31")));
    EXPECT_EQ((Strings{key(early, "1901-01-01")}), keys(agenda("1900-12-01", "1901-01-10")));
}

TEST_F(CareTest, LunarBirthdaysThroughTheAgenda) {
    // Prospects whose birthdays XH greets: their birthdays (and nothing else) give tasks.
    greet_every_birthday();
    const auto day30 = customer("八月三十", wang_, Tier::vip, lunar(0, 8, 30));
    const auto eve = customer("腊月三十", wang_, Tier::vip, lunar(0, 12, 30));
    const auto first = customer("腊月初一", wang_, Tier::vip, lunar(0, 12, 1));
    const auto leap = customer("闰四月", wang_, Tier::vip, lunar(2020, 4, 15, true));
    const auto feb29 = customer("二月廿九", wang_, Tier::vip, gregorian(1988, 2, 29));
    EXPECT_EQ((Strings{key(day30, "2021-10-05")}), keys(agenda("2021-09-25", "2021-10-10")));
    EXPECT_EQ((Strings{key(day30, "2022-09-25")}), keys(agenda("2022-09-20", "2022-09-30")));
    EXPECT_EQ((Strings{key(eve, "2024-02-09")}), keys(agenda("2024-02-01", "2024-02-15")));
    EXPECT_EQ((Strings{key(eve, "2025-01-28")}), keys(agenda("2025-01-20", "2025-02-05")));
    // (Lunar 2021's 12th month has 29 days: the 12/30 birthday is on its last day, 2022-01-31.)
    EXPECT_EQ((Strings{key(first, "2022-01-03"), key(eve, "2022-01-31"), key(feb29, "2022-02-28"), key(leap, "2022-05-15"),
                       key(day30, "2022-09-25"), key(first, "2022-12-23")}),
              keys(agenda("2022-01-01", "2022-12-31")));
    EXPECT_EQ(to_iso(calendar::to_gregorian({2022, 4, false, 15})), "2022-05-15");
    EXPECT_EQ((Strings{key(leap, "2021-05-26")}), keys(agenda("2021-05-01", "2021-06-30")));
    EXPECT_EQ((Strings{key(feb29, "2028-02-29")}), keys(agenda("2028-02-27", "2028-03-01")));
}

TEST_F(CareTest, FestivalsSwitchedOffAndASitesOwnFestival) {
    const auto zhang = customer("张伟", wang_, Tier::ordinary);
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto prospect = customer("赵六", wang_, Tier::ordinary);
    ASSERT_EQ(1u, agenda("2026-09-20", "2026-09-30").size());
    // Mid-Autumn switched off: its open task goes.
    auto festivals = care().settings("XH").festivals;
    ASSERT_EQ(calendar::default_festivals().size(), festivals.size());
    for (auto& f : festivals)
        if (f.key == "mid_autumn") f.enabled = false;
    // The project's owners' day, 18 June (a site's own festival).
    calendar::FestivalRule owners_day;
    owners_day.key = "owners_day";
    owners_day.name_zh = "业主节";
    owners_day.date = calendar::parse_festival_date("gregorian:06-18");
    festivals.push_back(owners_day);
    const CareSettings s = care().set_festivals("XH", festivals);
    EXPECT_EQ(festivals.size(), s.festivals.size());
    EXPECT_EQ("owners_day", s.festivals.back().key);
    EXPECT_EQ(Strings{}, keys(agenda("2026-09-20", "2026-09-30")));
    // (Dragon Boat 2026 is 19 June: the window stops before it.)
    const auto june = agenda("2026-06-16", "2026-06-18");
    ASSERT_EQ((Strings{key(zhang, "2026-06-18")}), keys(june));
    EXPECT_EQ((Strings{"festival:owners_day"}), occasions(june[0]));
    EXPECT_EQ("业主节", june[0].occasions[0].title);
    EXPECT_EQ((Strings{"call_or_sms/phone"}), actions(june[0]));
    EXPECT_FALSE(task_of(june, prospect, "2026-06-18"));
    // The other site keeps the defaults.
    EXPECT_EQ(calendar::default_festivals().size(), care().settings("BJ").festivals.size());
    // The owners' day removed again, Mid-Autumn back on.
    festivals.pop_back();
    for (auto& f : festivals) f.enabled = true;
    care().set_festivals("XH", festivals);
    EXPECT_EQ(Strings{}, keys(agenda("2026-06-16", "2026-06-18")));
    EXPECT_EQ((Strings{key(zhang, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30")));
    // Every festival off: no festival tasks at all.
    for (auto& f : festivals) f.enabled = false;
    care().set_festivals("XH", festivals);
    for (const CareTask& t : agenda("2026-01-01", "2026-12-31"))
        for (const TaskOccasion& o : t.occasions) EXPECT_NE(OccasionKind::festival, o.kind) << o.key;
    // Invalid festival lists are refused whole.
    const std::string before = dump();
    auto twice = calendar::default_festivals();
    twice.push_back(twice.front());
    expect_error([&] { care().set_festivals("XH", twice); }, Status::invalid_argument, "key", "");
    auto bad = calendar::default_festivals();
    bad[0].name_zh = "";
    expect_error([&] { care().set_festivals("XH", bad); }, Status::invalid_argument, "name_zh", "");
    expect_error([&] { care().set_festivals("ZZ", calendar::default_festivals()); }, Status::not_found, "site", "");
    EXPECT_EQ(before, dump());
}

TEST_F(CareTest, ASitesOwnPolicyChangesTheAgenda) {
    const auto owner = customer("张伟", wang_, Tier::ordinary);
    deal(owner, "3-1-1201", "2024-05-10");
    const auto prospect = customer("赵六", wang_, Tier::ordinary);
    const auto visitor = customer("钱七", wang_, Tier::ordinary);
    archive_.customers().record_visit(visitor);
    // Spring Festival 2026 is 17 February: by default only the owner is greeted.
    EXPECT_EQ((Strings{key(owner, "2026-02-17")}), keys(agenda("2026-02-17", "2026-02-17")));
    // XH also sends its prospects an SMS on Spring Festival, prepared a day ahead.
    std::vector<CareRule> policy = default_care_policy();
    CareRule sms;
    sms.occasion = OccasionKind::festival;
    sms.festival = "spring_festival";
    sms.stage = Stage::prospect;
    sms.action = "sms";
    sms.channel = "sms";
    sms.lead_days = 1;
    sms.label = {"春节短信问候", "春節短信問候", "Spring Festival SMS"};
    policy.push_back(sms);
    const CareSettings s = care().set_policy("XH", policy);
    ASSERT_EQ(policy.size(), s.policy.size());
    EXPECT_EQ("spring_festival", s.policy.back().festival);
    EXPECT_EQ(std::optional<Stage>(Stage::prospect), s.policy.back().stage);
    EXPECT_FALSE(s.policy.back().tier);
    const auto tasks = agenda("2026-02-17", "2026-02-17");
    ASSERT_EQ((Strings{key(owner, "2026-02-17"), key(prospect, "2026-02-17")}), keys(tasks));
    EXPECT_EQ((Strings{"sms/sms"}), actions(tasks[1]));
    EXPECT_EQ(d("2026-02-16"), tasks[1].prepare_from);
    EXPECT_EQ("春节短信问候", tasks[1].actions[0].label);
    // Only on Spring Festival: no prospect task on the Lantern Festival (2026-03-03).
    const auto lantern = agenda("2026-03-03", "2026-03-03");
    EXPECT_EQ((Strings{key(owner, "2026-03-03")}), keys(lantern));
    // BJ keeps the source's policy.
    EXPECT_EQ(default_care_policy().size(), care().settings("BJ").policy.size());
    // An empty policy: nothing to do, and the open tasks go.
    care().set_policy("XH", {});
    EXPECT_EQ(Strings{}, keys(agenda("2026-02-17", "2026-02-17")));
    // Invalid rules are refused, naming the rule.
    const std::string before = dump();
    std::vector<CareRule> bad = default_care_policy();
    bad[4].channel = "pigeon";
    expect_error([&] { care().set_policy("XH", bad); }, Status::invalid_argument, "policy[4].channel", "pigeon");
    expect_error([&] { care().set_policy("ZZ", default_care_policy()); }, Status::not_found, "site", "");
    EXPECT_EQ(before, dump());
}

// A policy that greets the family birthdays of some stages only: the agenda finds them through the
// customers of those stages, and finds nobody else's.
TEST_F(CareTest, FamilyBirthdaysOfTheStagesThePolicyGreets) {
    const auto owner = customer("张伟", wang_, Tier::ordinary);
    deal(owner, "3-1-1201", "2024-05-10");
    const auto prospect = customer("赵六", wang_, Tier::ordinary);
    const auto visitor = customer("钱七", zhou_, Tier::ordinary);
    archive_.customers().record_visit(visitor);
    const Birthday oct3{false, 1980, 10, 3, false};
    for (auto id : {owner, prospect, visitor}) family(id, Relation::spouse, "配偶" + std::to_string(id), oct3);
    set_birthday(visitor, {false, 1979, 10, 3, false});
    // By default: the owner's family only.
    EXPECT_EQ((Strings{key(owner, "2026-10-03")}), keys(agenda("2026-10-03", "2026-10-03")));
    // Visitors only (their own birthdays too), the owners' rules dropped.
    std::vector<CareRule> policy;
    for (OccasionKind k : {OccasionKind::birthday, OccasionKind::family_birthday}) {
        CareRule r;
        r.occasion = k;
        r.stage = Stage::visitor;
        r.action = "call";
        r.channel = "phone";
        r.label = {"致电祝贺", "致電祝賀", "Call"};
        policy.push_back(r);
    }
    care().set_policy("XH", policy);
    auto tasks = agenda("2026-10-03", "2026-10-03");
    ASSERT_EQ((Strings{key(visitor, "2026-10-03")}), keys(tasks));
    EXPECT_EQ((Strings{"birthday:birthday", "family_birthday:family_birthday"}), occasions(tasks[0]));
    EXPECT_EQ("钱七", tasks[0].customer_name);
    EXPECT_EQ(std::optional<std::int64_t>(zhou_), tasks[0].consultant_id);
    // One consultant's agenda: the visitor is 周杰's, not 王芳's.
    EXPECT_EQ(Strings{}, keys(agenda("2026-10-03", "2026-10-03", "", wang_)));
    EXPECT_EQ((Strings{key(visitor, "2026-10-03")}), keys(agenda("2026-10-03", "2026-10-03", "", zhou_)));
    // Visitors and owners: both families, and the owner's open task is back.
    CareRule owners = policy[1];
    owners.stage = Stage::owner;
    policy.push_back(owners);
    care().set_policy("XH", policy);
    tasks = agenda("2026-10-03", "2026-10-03");
    EXPECT_EQ((Strings{key(owner, "2026-10-03"), key(visitor, "2026-10-03")}), keys(tasks));
    EXPECT_EQ((Strings{"family_birthday:family_birthday"}), occasions(tasks[0]));
    // Every stage (a rule without a stage): the prospect's family too, by the birthday index.
    owners.stage = std::nullopt;
    policy.back() = owners;
    care().set_policy("XH", policy);
    EXPECT_EQ((Strings{key(owner, "2026-10-03"), key(prospect, "2026-10-03"), key(visitor, "2026-10-03")}),
              keys(agenda("2026-10-03", "2026-10-03")));
}

TEST_F(CareTest, OccasionSettingsLeapBirthdaysAnniversariesAndTheCadence) {
    // A VIP prospect's child born in the leap 6th month of 2025 (vectors: 2036-06-24, and 2036-07-23 twice).
    greet_every_birthday();
    const auto baby_parent = customer("张伟", wang_, Tier::vip);
    family(baby_parent, Relation::child, "张小宝", lunar(2025, 6, 1, true));
    EXPECT_EQ((Strings{key(baby_parent, "2036-06-24")}), keys(agenda("2036-06-01", "2036-07-31")));
    OccasionSettings o;
    o.leap_month_birthdays_twice = true;
    const CareSettings s = care().set_occasion_settings("XH", o);
    EXPECT_TRUE(s.occasions.leap_month_birthdays_twice);
    EXPECT_EQ((Strings{key(baby_parent, "2036-06-24"), key(baby_parent, "2036-07-23")}),
              keys(agenda("2036-06-01", "2036-07-31")));
    EXPECT_FALSE(care().settings("BJ").occasions.leap_month_birthdays_twice);

    // Anniversaries off and a site cadence of 14 days then every 3 months.
    const auto owner = customer("李娜", wang_, Tier::ordinary);
    deal(owner, "3-1-1202", "2025-08-31");
    o.deal_anniversaries = false;
    o.follow_up = parse_cadence("14d,3m*");
    care().set_occasion_settings("XH", o);
    EXPECT_EQ("14d,3m*", to_string(care().settings("XH").occasions.follow_up));
    Strings seen;
    for (const CareTask& t : agenda("2025-09-01", "2026-08-31"))
        for (const TaskOccasion& x : t.occasions)
            if (x.kind != OccasionKind::festival && t.customer_id == owner) seen.push_back(to_iso(t.date) + " " + x.key);
    EXPECT_EQ((Strings{"2025-09-14 follow_up:14d", "2025-11-30 follow_up:3m", "2026-02-28 follow_up:6m",
                       "2026-05-31 follow_up:9m", "2026-08-31 follow_up:12m"}),
              seen);
    // Bad settings are refused.
    const std::string before = dump();
    OccasionSettings bad;
    bad.follow_up = {{7, 0, true}, {30, 0, false}};
    expect_error([&] { care().set_occasion_settings("XH", bad); }, Status::invalid_argument, "follow_up", "last");
    bad.follow_up = {{7, 1, false}};
    expect_error([&] { care().set_occasion_settings("XH", bad); }, Status::invalid_argument, "follow_up", "");
    bad.follow_up = {{0, 0, false}};
    expect_error([&] { care().set_occasion_settings("XH", bad); }, Status::invalid_argument, "follow_up", "");
    bad.follow_up = {{-7, 0, false}};
    expect_error([&] { care().set_occasion_settings("XH", bad); }, Status::invalid_argument, "follow_up", "");
    expect_error([&] { care().set_occasion_settings("ZZ", OccasionSettings{}); }, Status::not_found, "site", "");
    EXPECT_EQ(before, dump());
}

TEST_F(CareTest, DefaultSettings) {
    const CareSettings s = care().settings("xh");
    EXPECT_EQ("XH", s.site);
    ASSERT_EQ(calendar::default_festivals().size(), s.festivals.size());
    for (std::size_t i = 0; i < s.festivals.size(); ++i) {
        EXPECT_EQ(calendar::default_festivals()[i].key, s.festivals[i].key);
        EXPECT_TRUE(s.festivals[i].enabled);
    }
    ASSERT_EQ(default_care_policy().size(), s.policy.size());
    EXPECT_FALSE(s.occasions.leap_month_birthdays_twice);
    EXPECT_TRUE(s.occasions.deal_anniversaries);
    EXPECT_EQ("7d,30d,90d,6m*", to_string(s.occasions.follow_up));
    expect_error([&] { care().settings("ZZ"); }, Status::not_found, "site", "ZZ");
    // Setting one part keeps the others.
    OccasionSettings o;
    o.deal_anniversaries = false;
    care().set_occasion_settings("XH", o);
    auto festivals = calendar::default_festivals();
    festivals[0].enabled = false;
    care().set_festivals("XH", festivals);
    const CareSettings after = care().settings("XH");
    EXPECT_FALSE(after.occasions.deal_anniversaries);
    EXPECT_FALSE(after.festivals[0].enabled);
    EXPECT_EQ(default_care_policy().size(), after.policy.size());
}

TEST_F(CareTest, RemovedCustomersGetNoTasks) {
    greet_every_birthday();   // owners cannot be removed: prospects with tasks
    const auto zhang = customer("张伟", wang_, Tier::vip, gregorian(1980, 9, 22));
    const auto li_na = customer("李娜", wang_, Tier::vip, gregorian(1990, 9, 23));
    family(li_na, Relation::spouse, "王五", gregorian(1988, 9, 24));
    ASSERT_EQ((Strings{key(zhang, "2026-09-22"), key(li_na, "2026-09-23"), key(li_na, "2026-09-24")}),
              keys(agenda("2026-09-20", "2026-09-30")));
    const auto done = agenda("2026-09-20", "2026-09-30")[1];
    care().complete(done.id, "已送花", "她喜欢百合");
    archive_.customers().remove(zhang);
    archive_.customers().remove(li_na);
    // Nothing of theirs is listed: not in the agenda, not as overdue, not even the completed task.
    EXPECT_EQ(Strings{}, keys(agenda("2026-09-20", "2026-09-30")));
    EXPECT_EQ(Strings{}, keys(care().overdue(d("2026-10-31"), "XH")));
    EXPECT_EQ(Strings{}, keys(care().overdue(d("2026-10-31"))));
    // Removing a customer deletes personal data: the task titles and notes hold it.
    EXPECT_EQ(0, task_rows());
    EXPECT_EQ(std::string::npos, dump().find("百合"));
    EXPECT_EQ(std::string::npos, dump().find("张伟生日"));
}

TEST_F(CareTest, CancelledDealsGiveNoAnniversariesOrFollowUps) {
    const auto zhang = customer("张伟", wang_, Tier::ordinary);
    const auto kept = deal(zhang, "3-1-1201", "2025-03-10");
    const auto cancelled = deal(zhang, "3-1-1202", "2025-03-12");
    Strings before;
    for (const CareTask& t : agenda("2026-03-01", "2026-03-31"))
        for (const TaskOccasion& o : t.occasions)
            if (o.kind != OccasionKind::festival) before.push_back(to_iso(t.date) + " " + o.key);
    EXPECT_EQ((Strings{"2026-03-10 anniversary:1", "2026-03-10 follow_up:12m", "2026-03-12 anniversary:1",
                       "2026-03-12 follow_up:12m"}),
              before);
    archive_.customers().cancel_deal(cancelled, "退房");
    Strings after;
    for (const CareTask& t : agenda("2026-03-01", "2026-03-31"))
        for (const TaskOccasion& o : t.occasions)
            if (o.kind != OccasionKind::festival) after.push_back(to_iso(t.date) + " " + o.key);
    EXPECT_EQ((Strings{"2026-03-10 anniversary:1", "2026-03-10 follow_up:12m"}), after);
    // The last deal cancelled: a visitor again, and no owner's festivals either.
    archive_.customers().cancel_deal(kept, "退房");
    EXPECT_EQ(Strings{}, keys(agenda("2026-03-01", "2026-03-31")));
    EXPECT_EQ(0, task_rows());
}

// ---------------------------------------------------------------------------------------------
// iCalendar

bool valid_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

struct IcsEvent {
    std::map<std::string, std::string> props;   // name (with parameters) → value, as written
    std::vector<std::string> alarm;              // the VALARM's lines
};

struct Ics {
    std::vector<std::string> lines;              // unfolded content lines
    std::vector<IcsEvent> events;
};

// Checks the RFC 5545 framing (CRLF, 75 octets, folding, UTF-8, BEGIN/END) and parses the events.
Ics parse_ics(const std::string& text) {
    Ics out;
    EXPECT_TRUE(valid_utf8(text));
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            EXPECT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
        }
        if (text[i] == '\r') {
            EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR at " << i;
        }
    }
    EXPECT_GE(text.size(), 2u);
    EXPECT_EQ("\r\n", text.substr(text.size() - 2));
    std::vector<std::string> physical;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = text.find("\r\n", start);
        if (end == std::string::npos) break;
        physical.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    for (const std::string& line : physical) {
        EXPECT_LE(line.size(), 75u) << line;
        EXPECT_TRUE(valid_utf8(line)) << "folded inside a character: " << line;
        EXPECT_FALSE(line.empty());
        if (!line.empty() && line[0] == ' ') {
            if (out.lines.empty()) {
                ADD_FAILURE() << "a continuation line first";
                continue;
            }
            out.lines.back() += line.substr(1);
        } else {
            out.lines.push_back(line);
        }
    }
    std::vector<std::string> stack;
    IcsEvent* event = nullptr;
    for (const std::string& line : out.lines) {
        const std::size_t colon = line.find(':');
        EXPECT_NE(std::string::npos, colon) << line;
        if (colon == std::string::npos) continue;
        const std::string name = line.substr(0, colon), value = line.substr(colon + 1);
        if (name == "BEGIN") {
            if (stack.empty()) {
                EXPECT_EQ("VCALENDAR", value);
            }
            stack.push_back(value);
            if (value == "VEVENT") {
                out.events.emplace_back();
                event = &out.events.back();
            }
            continue;
        }
        if (name == "END") {
            EXPECT_FALSE(stack.empty());
            if (!stack.empty()) {
                EXPECT_EQ(stack.back(), value);
                stack.pop_back();
            }
            if (value == "VEVENT") event = nullptr;
            continue;
        }
        if (event && !stack.empty() && stack.back() == "VALARM") event->alarm.push_back(line);
        else if (event) {
            EXPECT_FALSE(event->props.count(name)) << "repeated " << name;
            event->props[name] = value;
        }
    }
    EXPECT_TRUE(stack.empty());
    return out;
}

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char c = s[++i];
            out += c == 'n' || c == 'N' ? '\n' : c;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Text values: every ',' ';' and '\' is escaped, and no raw newline.
bool escaped(const std::string& value) {
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\') {
            if (i + 1 >= value.size() || std::string(",;\\nN").find(value[i + 1]) == std::string::npos) return false;
            ++i;
        } else if (value[i] == ',' || value[i] == ';' || value[i] == '\n') {
            return false;
        }
    }
    return true;
}

std::string basic(const char* iso) {
    std::string s = iso;
    s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
    return s;
}

TEST_F(CareTest, TheIcsExportIsValidRfc5545) {
    const auto zhang = customer("张伟", wang_, Tier::vip, lunar(1980, 8, 15));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto li_na = customer("李娜", wang_, Tier::ordinary, gregorian(1990, 9, 22));
    deal(li_na, "3-1-1202", "2024-05-11");
    const auto other = customer("赵六", zhou_, Tier::vip, gregorian(1990, 9, 22));   // not wang's
    family(zhang, Relation::mother, "王秀英", lunar(0, 8, 20));   // lunar 2026-08-20 = 2026-09-30
    // A site festival and a policy label with characters iCalendar escapes.
    auto festivals = calendar::default_festivals();
    calendar::FestivalRule own;
    own.key = "owners_day";
    own.name_zh = "业主节,感恩;回馈\\";
    own.date = calendar::parse_festival_date("gregorian:09-21");
    festivals.push_back(own);
    care().set_festivals("XH", festivals);
    std::vector<CareRule> policy = default_care_policy();
    CareRule visit;
    visit.occasion = OccasionKind::festival;
    visit.festival = "owners_day";
    visit.stage = Stage::owner;
    visit.action = "visit_with_gift";
    visit.channel = "visit";
    visit.lead_days = 7;
    visit.label = {"上门拜访,带礼品;提前一周预约，确认业主在家、准备伴手礼和业主节邀请函", "", "Visit"};
    policy.push_back(visit);
    care().set_policy("XH", policy);

    const std::string ics = care().export_ics(d("2026-09-20"), d("2026-09-30"), wang_);
    const auto tasks = agenda("2026-09-20", "2026-09-30", "", wang_);
    ASSERT_EQ((Strings{key(zhang, "2026-09-21"), key(li_na, "2026-09-21"), key(li_na, "2026-09-22"),
                       key(zhang, "2026-09-25"), key(li_na, "2026-09-25"), key(zhang, "2026-09-30")}),
              keys(tasks));
    EXPECT_EQ(std::string::npos, ics.find("赵六"));
    (void)other;
    const Ics doc = parse_ics(ics);
    ASSERT_FALSE(doc.lines.empty());
    EXPECT_EQ("BEGIN:VCALENDAR", doc.lines.front());
    EXPECT_EQ("END:VCALENDAR", doc.lines.back());
    EXPECT_NE(doc.lines.end(), std::find(doc.lines.begin(), doc.lines.end(), "VERSION:2.0"));
    EXPECT_NE(doc.lines.end(), std::find_if(doc.lines.begin(), doc.lines.end(),
                                            [](const std::string& l) { return l.rfind("PRODID:", 0) == 0; }));
    EXPECT_EQ(std::string::npos, ics.find("RRULE"));
    // Some line was long enough to be folded, and folding kept characters whole (checked above).
    EXPECT_NE(std::string::npos, ics.find("\r\n "));
    ASSERT_EQ(tasks.size(), doc.events.size());
    std::set<std::string> uids;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        SCOPED_TRACE(i);
        const CareTask& t = tasks[i];
        const IcsEvent& e = doc.events[i];
        ASSERT_TRUE(e.props.count("UID"));
        EXPECT_TRUE(uids.insert(e.props.at("UID")).second);
        EXPECT_NE(std::string::npos, e.props.at("UID").find(std::to_string(t.id)));
        ASSERT_TRUE(e.props.count("DTSTAMP"));
        EXPECT_TRUE(std::regex_match(e.props.at("DTSTAMP"), std::regex(R"(\d{8}T\d{6}Z)"))) << e.props.at("DTSTAMP");
        EXPECT_EQ(basic(to_iso(t.date).c_str()), e.props.at("DTSTART;VALUE=DATE"));
        EXPECT_EQ(basic(to_iso(t.date + days(1)).c_str()), e.props.at("DTEND;VALUE=DATE"));
        ASSERT_TRUE(e.props.count("SUMMARY"));
        for (const auto& [name, value] : e.props)
            if (name == "SUMMARY" || name == "DESCRIPTION") {
                EXPECT_TRUE(escaped(value)) << name << ":" << value;
            }
        const std::string summary = unescape(e.props.at("SUMMARY"));
        EXPECT_NE(std::string::npos, summary.find(t.customer_name)) << summary;
        for (const TaskOccasion& o : t.occasions) EXPECT_NE(std::string::npos, summary.find(o.title)) << summary;
        ASSERT_TRUE(e.props.count("DESCRIPTION"));
        const std::string description = unescape(e.props.at("DESCRIPTION"));
        for (const TaskAction& a : t.actions) EXPECT_NE(std::string::npos, description.find(a.label)) << description;
        // The alarm rings at 09:00 on the day preparation starts.
        const long lead = (t.date - t.prepare_from).days();
        const std::string trigger = lead == 0 ? "TRIGGER:PT9H" : lead == 1 ? "TRIGGER:-PT15H"
                                                                           : "TRIGGER:-P" + std::to_string(lead - 1) + "DT15H";
        EXPECT_NE(e.alarm.end(), std::find(e.alarm.begin(), e.alarm.end(), trigger)) << trigger;
        EXPECT_NE(e.alarm.end(), std::find(e.alarm.begin(), e.alarm.end(), "ACTION:DISPLAY"));
        EXPECT_NE(e.alarm.end(), std::find_if(e.alarm.begin(), e.alarm.end(),
                                              [](const std::string& l) { return l.rfind("DESCRIPTION:", 0) == 0; }));
    }
    // The owners' day: escaped name, a visit a week ahead (alarm 7 days before at 09:00).
    const IcsEvent& owners = doc.events[0];
    EXPECT_NE(std::string::npos, owners.props.at("SUMMARY").find("业主节\\,感恩\\;回馈\\\\"));
    EXPECT_NE(std::string::npos, unescape(owners.props.at("DESCRIPTION")).find("上门拜访,带礼品;提前一周预约"));
    EXPECT_NE(owners.alarm.end(), std::find(owners.alarm.begin(), owners.alarm.end(), "TRIGGER:-P6DT15H"));
    EXPECT_NE(std::string::npos, owners.props.at("DESCRIPTION").find("\\n"));
    // The lunar birthday on Mid-Autumn is a dated event with a two-day alarm for the cake.
    const IcsEvent& birthday = doc.events[3];
    EXPECT_EQ("20260925", birthday.props.at("DTSTART;VALUE=DATE"));
    EXPECT_NE(birthday.alarm.end(), std::find(birthday.alarm.begin(), birthday.alarm.end(), "TRIGGER:-P1DT15H"));
    // The mother's lunar birthday too.
    EXPECT_EQ(basic("2026-09-30"), doc.events[5].props.at("DTSTART;VALUE=DATE"));
    EXPECT_NE(std::string::npos, unescape(doc.events[5].props.at("SUMMARY")).find("母亲王秀英生日"));
    // A festival call alone: the alarm on the day.
    const IcsEvent& festival = doc.events[4];
    EXPECT_NE(festival.alarm.end(), std::find(festival.alarm.begin(), festival.alarm.end(), "TRIGGER:PT9H"));
    // Exporting again gives the same events (same UIDs).
    const Ics again = parse_ics(care().export_ics(d("2026-09-20"), d("2026-09-30"), wang_));
    ASSERT_EQ(doc.events.size(), again.events.size());
    for (std::size_t i = 0; i < doc.events.size(); ++i) EXPECT_EQ(doc.events[i].props.at("UID"), again.events[i].props.at("UID"));
    // A task done stays, without its alarm; a task skipped is cancelled, without an alarm either.
    care().complete(tasks[0].id, "已上门");
    care().skip(tasks[4].id, "客户出国");
    const Ics closed = parse_ics(care().export_ics(d("2026-09-20"), d("2026-09-30"), wang_));
    ASSERT_EQ(doc.events.size(), closed.events.size());
    for (std::size_t i = 0; i < closed.events.size(); ++i) {
        SCOPED_TRACE(i);
        const IcsEvent& e = closed.events[i];
        EXPECT_EQ(doc.events[i].props.at("UID"), e.props.at("UID"));
        EXPECT_EQ(i == 0 || i == 4, e.alarm.empty());
        EXPECT_EQ(i == 4, e.props.count("STATUS") && e.props.at("STATUS") == "CANCELLED");
    }
    EXPECT_NE(std::string::npos, unescape(closed.events[0].props.at("DESCRIPTION")).find("已完成：已上门"));
    EXPECT_NE(std::string::npos, unescape(closed.events[4].props.at("DESCRIPTION")).find("已跳过：客户出国"));
    // A consultant with nothing to do: an empty but valid calendar.
    const Ics empty = parse_ics(care().export_ics(d("2026-09-20"), d("2026-09-30"), li_));
    EXPECT_TRUE(empty.events.empty());
    EXPECT_EQ("BEGIN:VCALENDAR", empty.lines.front());
    expect_error([&] { care().export_ics(d("2026-09-20"), d("2026-09-30"), 9999); }, Status::not_found, "consultant_id", "");
}

TEST_F(CareTest, IcsFoldingNeverSplitsACharacter) {
    // Labels of every length from 20 to 60 characters, mixing 1-, 3- and 4-byte characters, so that
    // the 75-octet boundary falls at every offset inside a character.
    const auto owner = customer("张伟", wang_, Tier::ordinary);
    deal(owner, "3-1-1201", "2024-05-10");
    std::vector<CareRule> policy;
    auto festivals = calendar::default_festivals();
    for (auto& f : festivals) f.enabled = false;
    for (int n = 0; n < 40; ++n) {
        calendar::FestivalRule f;
        f.key = "day_" + std::to_string(n);
        f.name_zh = std::string(static_cast<std::size_t>(n % 7), 'a') + "节日";
        f.date = calendar::parse_festival_date("gregorian:07-" + std::to_string(1 + n % 28));
        festivals.push_back(f);
        CareRule r;
        r.occasion = OccasionKind::festival;
        r.festival = f.key;
        r.action = "greet_" + std::to_string(n);
        r.channel = "wechat";
        std::string label(static_cast<std::size_t>(n % 4), 'x');
        for (int k = 0; k < 20 + n % 30; ++k) label += k % 5 == 4 ? "\xF0\x9F\x8E\x82" : "问";   // 🎂 and 问
        r.label.zh = label;
        policy.push_back(r);
    }
    care().set_festivals("XH", festivals);
    care().set_policy("XH", policy);
    const std::string ics = care().export_ics(d("2026-07-01"), d("2026-07-31"), wang_);
    const Ics doc = parse_ics(ics);
    EXPECT_EQ(28u, doc.events.size());
    // Unfolded, every label is there whole.
    std::string all;
    for (const auto& l : doc.lines) all += unescape(l) + "\n";
    for (const CareRule& r : policy) EXPECT_NE(std::string::npos, all.find(r.label.zh)) << r.label.zh;
}

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

namespace {

using namespace snowball;

// A cancelled deal takes its open follow-ups with it at once: the overdue list does not wait for
// the window to be generated again; the other deal's tasks stay.
TEST_F(CareTest, CancellingADealDropsItsOpenTasksAtOnce) {
    const auto zhang = customer("张伟", wang_, Tier::ordinary);
    const auto kept = deal(zhang, "3-1-1201", "2025-03-10");
    const auto cancelled = deal(zhang, "3-1-1202", "2025-03-12");
    const auto tasks = agenda("2026-03-01", "2026-03-31");
    std::map<std::string, std::optional<std::int64_t>> deal_of;
    for (const CareTask& t : tasks)
        for (const TaskOccasion& o : t.occasions)
            if (o.kind == OccasionKind::deal_anniversary) deal_of[to_iso(t.date)] = o.deal_id;
    EXPECT_EQ(std::optional<std::int64_t>(kept), deal_of["2026-03-10"]);
    EXPECT_EQ(std::optional<std::int64_t>(cancelled), deal_of["2026-03-12"]);
    const auto deal_days = [&] {
        Strings out;
        for (const CareTask& t : care().overdue(d("2027-01-01"), "XH"))
            if (t.occasions.front().kind != OccasionKind::festival) out.push_back(to_iso(t.date));
        return out;
    };
    EXPECT_EQ((Strings{"2026-03-10", "2026-03-12"}), deal_days());
    archive_.customers().cancel_deal(cancelled, "退房");
    EXPECT_EQ(Strings{"2026-03-10"}, deal_days());
}

// Reopening takes the outcome back (it belonged to the closing); the note stays.
TEST_F(CareTest, ReopeningClearsTheOutcomeAndKeepsTheNote) {
    const auto zhang = customer("张伟", wang_, Tier::vip, gregorian(1980, 9, 25));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto tasks = agenda("2026-09-25", "2026-09-25");
    ASSERT_EQ(1u, tasks.size());
    care().complete(tasks[0].id, "已送花", "客户喜欢百合");
    const CareTask reopened = care().reopen(tasks[0].id);
    EXPECT_EQ(TaskStatus::open, reopened.status);
    EXPECT_EQ("", reopened.outcome);
    EXPECT_EQ("客户喜欢百合", reopened.note);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// How tasks are kept: a festival greeting shared by many customers is stored once per site, day
// and content; acting on one customer's greeting gives it a row of its own, under the same id.

TEST_F(CareTest, FestivalGreetingsAreKeptOncePerDayAndActingOnOneGivesItARow) {
    const auto zhang = customer("张伟", wang_, Tier::ordinary);
    const auto li_na = customer("李娜", wang_, Tier::ordinary);
    const auto zhao = customer("赵六", zhou_, Tier::ordinary);
    const auto cancelled = deal(li_na, "3-1-1202", "2024-05-11");
    for (auto [c, unit] : {std::pair{zhang, "3-1-1201"}, std::pair{zhao, "3-1-1203"}}) deal(c, unit, "2024-05-10");
    const auto groups = [&] { return raw().count("care_task_groups"); };
    const auto rows = [&] { return raw().count("care_tasks"); };
    const auto members = [&] { return raw().count("care_task_members"); };

    // Mid-Autumn 2026 (25 September): one group of three members, no row.
    const auto first = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ((Strings{key(zhang, "2026-09-25"), key(li_na, "2026-09-25"), key(zhao, "2026-09-25")}), keys(first));
    EXPECT_EQ(1, groups());
    EXPECT_EQ(3, members());
    EXPECT_EQ(0, rows());
    // A task's id: the customer's id times 2^17 plus the day's number from 1900-01-01.
    for (const CareTask& t : first) EXPECT_EQ(t.customer_id * 131072 + (t.date - d("1900-01-01")).days(), t.id);
    const CareTask got = care().get(first[1].id);
    EXPECT_EQ(li_na, got.customer_id);
    EXPECT_EQ("李娜", got.customer_name);
    EXPECT_EQ(wang_, got.consultant_id);
    EXPECT_EQ("XH", got.site);
    EXPECT_EQ(Strings{"festival:mid_autumn"}, occasions(got));
    EXPECT_EQ(Strings{"call_or_sms/phone"}, actions(got));
    EXPECT_EQ(TaskStatus::open, got.status);
    // A day without a task, or a customer without one, is not found.
    expect_error([&] { care().get(first[1].id + 1); }, Status::not_found, "task_id");
    expect_error([&] { care().get((zhao + 1) * 131072 + (d("2026-09-25") - d("1900-01-01")).days()); },
                 Status::not_found, "task_id");

    // Completing Zhang's greeting gives it a row with the same id; the group keeps the others.
    const CareTask done = care().complete(first[0].id, "已发短信", "回复了谢谢");
    EXPECT_EQ(first[0].id, done.id);
    EXPECT_EQ(TaskStatus::done, done.status);
    EXPECT_EQ(Strings{"festival:mid_autumn"}, occasions(done));
    EXPECT_EQ(1, rows());
    EXPECT_EQ(2, members());
    auto again = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ(keys(first), keys(again));
    for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].id, again[i].id);
    EXPECT_EQ(TaskStatus::done, again[0].status);
    EXPECT_EQ("已发短信", again[0].outcome);
    EXPECT_EQ("回复了谢谢", again[0].note);
    EXPECT_EQ(zhang, again[0].customer_id);
    EXPECT_EQ(2u, agenda("2026-09-20", "2026-09-30", "XH", std::nullopt, false).size());
    const std::string stored = dump();
    agenda("2026-09-20", "2026-09-30");
    EXPECT_EQ(stored, dump());   // generating again stores nothing

    // Li Na's birthday on the festival: her task has both occasions, in a row of its own, same id.
    set_birthday(li_na, gregorian(1990, 9, 25));
    again = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ(keys(first), keys(again));
    EXPECT_EQ(first[1].id, again[1].id);
    EXPECT_EQ((Strings{"birthday:birthday", "festival:mid_autumn"}), occasions(again[1]));
    EXPECT_EQ(2, rows());
    EXPECT_EQ(1, members());
    // Corrected to another day: the untouched row goes, and she is a member of the group again.
    set_birthday(li_na, gregorian(1990, 3, 14));
    again = agenda("2026-09-20", "2026-09-30");
    EXPECT_EQ(Strings{"festival:mid_autumn"}, occasions(again[1]));
    EXPECT_EQ(1, rows());
    EXPECT_EQ(2, members());

    // One consultant's agenda leaves the other consultants' greetings as they are.
    const std::string before = dump();
    EXPECT_EQ((Strings{key(zhao, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30", "", zhou_)));
    EXPECT_EQ((Strings{key(zhang, "2026-09-25"), key(li_na, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30", "", wang_)));
    EXPECT_EQ(before, dump());

    // Overdue: the open greetings, whether a group or a row keeps them.
    EXPECT_EQ((Strings{key(li_na, "2026-09-25"), key(zhao, "2026-09-25")}), keys(care().overdue(d("2026-10-01"), "XH")));
    EXPECT_EQ((Strings{key(zhao, "2026-09-25")}), keys(care().overdue(d("2026-10-01"), "", zhou_)));
    const CareTask skipped = care().skip(first[2].id, "出差");
    EXPECT_EQ(TaskStatus::skipped, skipped.status);
    EXPECT_EQ(first[2].id, skipped.id);
    EXPECT_EQ(TaskStatus::open, care().reopen(first[2].id).status);
    EXPECT_EQ(first[2].id, care().get(first[2].id).id);
    EXPECT_EQ(2, rows());
    EXPECT_EQ(1, members());
    EXPECT_EQ((Strings{key(li_na, "2026-09-25"), key(zhao, "2026-09-25")}), keys(care().overdue(d("2026-10-01"), "XH")));

    // Li Na's only deal cancelled: a visitor, no greeting. Zhao's reopened greeting has nothing
    // of anyone's acting left (no outcome, no note): it goes back to the group.
    archive_.customers().cancel_deal(cancelled, "退房");
    EXPECT_EQ((Strings{key(zhang, "2026-09-25"), key(zhao, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30")));
    expect_error([&] { care().get(first[1].id); }, Status::not_found, "task_id");
    EXPECT_EQ(1, members());
    EXPECT_EQ(1, rows());
    // Its last member acted on, the group goes.
    care().complete(first[2].id, "已致电");
    EXPECT_EQ(0, members());
    EXPECT_EQ(0, groups());
    EXPECT_EQ(2, rows());
    EXPECT_EQ(first[2].id, agenda("2026-09-20", "2026-09-30")[1].id);
}

TEST_F(CareTest, RemovingACustomerTakesItsFestivalGreetingsOutOfTheirGroups) {
    // XH greets prospects on every festival too.
    std::vector<CareRule> policy = default_care_policy();
    CareRule r;
    r.occasion = OccasionKind::festival;
    r.stage = Stage::prospect;
    r.action = "sms";
    r.channel = "sms";
    policy.push_back(r);
    care().set_policy("XH", policy);
    const auto zhang = customer("张伟", wang_, Tier::ordinary);
    const auto li_na = customer("李娜", wang_, Tier::ordinary);
    const auto tasks = agenda("2026-09-20", "2026-10-05");   // Mid-Autumn, National Day
    ASSERT_EQ((Strings{key(zhang, "2026-09-25"), key(li_na, "2026-09-25"), key(zhang, "2026-10-01"), key(li_na, "2026-10-01")}),
              keys(tasks));
    EXPECT_EQ(2, raw().count("care_task_groups"));
    EXPECT_EQ(4, raw().count("care_task_members"));
    archive_.customers().remove(zhang);
    EXPECT_EQ(2, raw().count("care_task_members"));
    expect_error([&] { care().get(tasks[0].id); }, Status::not_found, "task_id");
    EXPECT_EQ(li_na, care().get(tasks[1].id).customer_id);
    EXPECT_EQ((Strings{key(li_na, "2026-09-25"), key(li_na, "2026-10-01")}), keys(care().overdue(d("2026-10-31"), "XH")));
    archive_.customers().remove(li_na);
    EXPECT_EQ(0, raw().count("care_task_members"));
    EXPECT_EQ(0, raw().count("care_task_groups"));
    EXPECT_EQ(Strings{}, keys(agenda("2026-09-20", "2026-10-05")));
}

TEST(CareJson, OccasionsTextIsTheJsonDumpWrittenDirectly) {
    const std::vector<TaskOccasion> occasions{
        {OccasionKind::birthday, "birthday", "张伟生日", std::nullopt, std::nullopt},
        {OccasionKind::family_birthday, "family_birthday", "配偶\"王\\五\"\b\f\n\r\t\x01\x1f\x7f生日", 42, std::nullopt},
        {OccasionKind::deal_anniversary, "anniversary:3", "成交3周年", std::nullopt, 9007199254740993},
        {OccasionKind::festival, "mid_autumn", "中秋节", std::nullopt, std::nullopt},
    };
    for (std::size_t n = 0; n <= occasions.size(); ++n) {
        const std::vector<TaskOccasion> some(occasions.begin(), occasions.begin() + static_cast<std::ptrdiff_t>(n));
        EXPECT_EQ(detail::occasions_json(some).dump(), detail::occasions_text(some));
    }
}

// An archive of schema 6 — task rows numbered in order, no groups — opened by this version: every
// task keeps its customer, day, status and outcome under its computed id, and the next agenda
// moves the untouched festival greeting into a group.
TEST(CareMigration, Schema7KeepsTheTasksOfAnOlderArchive) {
    snowball::testing::TempDir dir;
    const std::string path = dir.file("archive.db");
    std::int64_t zhang = 0;
    {
        Archive a = Archive::open(path);
        a.sites().add({"XH", "西湖印象", ""});
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::call;
        c.name = "张伟";
        c.consultant_id = a.consultants().add({"XH", "王芳", ""}).id;
        c.filed_on = d("2020-01-06");
        c.first_contact = d("2020-01-06");
        zhang = a.customers().add(c).id;
        NewDeal deal;
        deal.unit = "3-1-1201";
        deal.area = 89.5;
        deal.price = 1200000;
        deal.date = d("2024-05-10");
        a.customers().record_deal(zhang, deal);
    }
    const std::string greeting = R"([{"deal_id":null,"family_member_id":null,"key":"%s","kind":"festival","title":"%s"}])";
    const std::string call = R"([{"action":"call_or_sms","channel":"phone","label":"节日电话或短信问候","lead_days":0,"start":"%s"}])";
    const auto fill = [](std::string text, const std::string& a, const std::string& b) {
        text.replace(text.find("%s"), 2, a);
        if (!b.empty()) text.replace(text.find("%s"), 2, b);
        return text;
    };
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.exec("DROP TABLE care_task_members; DROP TABLE care_task_groups; DROP TABLE care_tasks; "
                "DROP INDEX customers_owners; DROP INDEX family_members_birthday; "
                "CREATE INDEX family_members_birthday ON family_members(birth_calendar, birth_month, birth_day) "
                "WHERE birth_calendar IS NOT NULL; "
                "CREATE TABLE care_tasks (id INTEGER PRIMARY KEY, site_id INTEGER NOT NULL REFERENCES sites(id), "
                "customer_id INTEGER NOT NULL REFERENCES customers(id), task_date TEXT NOT NULL, prepare_from TEXT NOT NULL, "
                "occasions TEXT NOT NULL, actions TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', "
                "outcome TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', done_at TEXT, "
                "done_by INTEGER REFERENCES consultants(id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
                "UNIQUE (customer_id, task_date)); "
                "PRAGMA user_version = 6;");
        SQLite::Statement q(db, "INSERT INTO care_tasks(id, site_id, customer_id, task_date, prepare_from, occasions, actions, "
                                "status, outcome, note, done_at, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                "'2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z')");
        const auto row = [&](int id, const char* day, const char* key, const char* title, const char* status,
                             const char* outcome, const char* note) {
            q.bind(1, id);
            q.bind(2, zhang);
            q.bind(3, day);
            q.bind(4, day);
            q.bind(5, fill(greeting, key, title));
            q.bind(6, fill(call, day, ""));
            q.bind(7, status);
            q.bind(8, outcome);
            q.bind(9, note);
            if (*outcome) q.bind(10, "2026-09-25T02:00:00Z");
            else q.bind(10);
            q.exec();
            q.reset();
        };
        row(1, "2026-09-25", "mid_autumn", "中秋节", "done", "已致电", "问候了家人");
        row(2, "2026-10-01", "national_day", "国庆节", "open", "", "");
    }
    Archive a = Archive::open(path);
    EXPECT_EQ(Archive::schema_version(), a.info().schema_version);
    const auto id_of = [&](const char* day) { return zhang * 131072 + (d(day) - d("1900-01-01")).days(); };
    const CareTask done = a.calendar().get(id_of("2026-09-25"));
    EXPECT_EQ(zhang, done.customer_id);
    EXPECT_EQ(TaskStatus::done, done.status);
    EXPECT_EQ("已致电", done.outcome);
    EXPECT_EQ("问候了家人", done.note);
    EXPECT_EQ("中秋节", done.occasions.at(0).title);
    EXPECT_EQ(TaskStatus::open, a.calendar().get(id_of("2026-10-01")).status);
    expect_error([&] { a.calendar().get(1); }, Status::not_found, "task_id");
    // The agenda finds both where they are; the untouched greeting joins its day's group.
    AgendaQuery q;
    q.from = d("2026-09-20");
    q.to = d("2026-10-05");
    q.site = "XH";
    const std::vector<CareTask> tasks = a.calendar().agenda(q);
    ASSERT_EQ(2u, tasks.size());
    EXPECT_EQ(id_of("2026-09-25"), tasks[0].id);
    EXPECT_EQ(TaskStatus::done, tasks[0].status);
    EXPECT_EQ(id_of("2026-10-01"), tasks[1].id);
    EXPECT_EQ(TaskStatus::open, tasks[1].status);
    snowball::testing::RawDb raw(path);
    EXPECT_EQ(1, raw.count("care_tasks"));
    EXPECT_EQ(1, raw.count("care_task_members"));
    EXPECT_EQ(1, raw.integer("SELECT count(*) FROM sqlite_master WHERE name = 'customers_owners'"));
}
