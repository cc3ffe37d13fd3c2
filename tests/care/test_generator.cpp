// The task generator as a pure function: driven from an in-memory reader (no database), it finds a
// window's occasions for the customers of a scope under a site's settings, and asks the reader only
// for what the policy can act on.
#include "care/generator.hpp"

#include "occasion_dates.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::detail;
using namespace snowball::testing;

struct CustomerRow {
    std::int64_t id;
    Person person;
    std::optional<Birthday> birthday;
    bool removed = false;
};
struct MemberRow {
    std::int64_t id;
    std::int64_t customer;
    std::string name;
    std::string relation;
    Birthday birthday;
};
struct DealRow {
    std::int64_t id;
    std::int64_t customer;
    Date date;
    bool cancelled = false;
};

bool on(const Birthday& b, bool lunar, const MonthDays& days) {
    return b.lunar == lunar && b.month == days.month && b.day >= days.first && b.day <= days.last;
}

// The archive's facts, from memory; it also notes what the generator asked.
class MemoryReader final : public OccasionReader {
public:
    std::optional<std::int64_t> scope;
    std::vector<CustomerRow> people;
    std::vector<MemberRow> family;
    std::vector<DealRow> deals;
    std::vector<int> birthday_stages;   // the stage masks birthdays were asked for with
    int customer_lookups = 0;
    std::map<std::int64_t, CareAudienceFacts> facts;
    int audience_reads = 0;

    std::optional<std::int64_t> consultant() const override { return scope; }
    void owners(Visit<std::int64_t, const Person&> visit) override {
        for (const CustomerRow& c : people)
            if (!c.removed && c.person.stage == Stage::owner) visit(c.id, c.person);
    }
    void birthdays(bool lunar, const MonthDays& days, int stages,
                   Visit<std::int64_t, const Person&, const Birthday&> visit) override {
        birthday_stages.push_back(stages);
        for (const CustomerRow& c : people)
            if (fits(c, stages) && c.birthday && on(*c.birthday, lunar, days)) visit(c.id, c.person, *c.birthday);
    }
    void customers_of_stage(Stage stage, Visit<std::int64_t> visit) override {
        for (const CustomerRow& c : people)
            if (c.person.stage == stage) visit(c.id);
    }
    void family_birthdays(bool lunar, const MonthDays& days, Visit<std::int64_t, std::int64_t> visit) override {
        for (const MemberRow& m : family)
            if (on(m.birthday, lunar, days)) visit(m.id, m.customer);
    }
    std::optional<FamilyMember> family_member(std::int64_t id) override {
        for (const MemberRow& m : family)
            if (m.id == id) return FamilyMember{m.name, m.relation, m.customer, m.birthday};
        return std::nullopt;
    }
    std::optional<Person> customer(std::int64_t id, int stages) override {
        ++customer_lookups;
        for (const CustomerRow& c : people)
            if (c.id == id && fits(c, stages)) return c.person;
        return std::nullopt;
    }
    void deals_on(const MonthDays& days, Visit<std::int64_t, Date, std::int64_t> visit) override {
        for (const DealRow& d : deals)
            if (!d.cancelled && d.date.month() == days.month && d.date.day() >= days.first && d.date.day() <= days.last)
                visit(d.id, d.date, d.customer);
    }
    void deals_between(std::optional<Date> from, Date to, Visit<std::int64_t, Date, std::int64_t> visit) override {
        for (const DealRow& d : deals)
            if (!d.cancelled && (!from || d.date >= *from) && d.date <= to) visit(d.id, d.date, d.customer);
    }
    void customers(std::optional<Stage> stage, Visit<std::int64_t, const Person&> visit) override {
        for (const CustomerRow& c : people)
            if (fits(c, every_stage) && (!stage || c.person.stage == *stage)) visit(c.id, c.person);
    }
    void audience_facts(std::optional<Stage> stage, const std::vector<std::string>&,
                        Visit<std::int64_t, const CareAudienceFacts&> visit) override {
        ++audience_reads;
        for (const CustomerRow& c : people)
            if (fits(c, every_stage) && (!stage || c.person.stage == *stage) && facts.count(c.id)) visit(c.id, facts.at(c.id));
    }

private:
    bool fits(const CustomerRow& c, int stages) const {
        return !c.removed && (stages & stage_bit(c.person.stage)) && (!scope || c.person.consultant_id == scope);
    }
};

Person person(const char* name, Tier tier, Stage stage, std::int64_t consultant) {
    return {name, tier, stage, std::string("XH-") + name, consultant};
}

CareSettings defaults() { return {"XH", calendar::default_festivals(), default_care_policy(), OccasionSettings{}}; }

// The West Lake facts of September 2026: 张伟 (VIP owner, 王芳's) born 22 September, his wife born
// on lunar 8/15 (Mid-Autumn, 2026-09-25), his deal of 2025-09-25; 李娜 (owner, 周杰's); 赵六 (a
// prospect born 23 September); 钱七 (an owner since removed).
MemoryReader west_lake() {
    MemoryReader r;
    r.people = {{1, person("张伟", Tier::vip, Stage::owner, 10), gregorian(1980, 9, 22)},
                {2, person("李娜", Tier::ordinary, Stage::owner, 11), std::nullopt},
                {3, person("赵六", Tier::vip, Stage::prospect, 10), gregorian(1990, 9, 23)},
                {4, person("钱七", Tier::ordinary, Stage::owner, 10), gregorian(1970, 9, 24), true}};
    r.family = {{7, 1, "王丽", "spouse", lunar(1982, 8, 15)}, {8, 3, "赵小六", "child", gregorian(2015, 9, 26)}};
    r.deals = {{5, 1, d("2025-09-25")}, {6, 2, d("2024-03-27"), true}};
    return r;
}

using Found = std::map<std::pair<std::int64_t, std::string>, Strings>;

Found found(const WindowOccasions& w) {
    Found out;
    for (const auto& [key, occasions] : w.found)
        for (const TaskOccasion& o : occasions) out[{key.first, to_iso(key.second)}].push_back(o.key + " " + o.title);
    return out;
}

std::vector<std::pair<std::string, std::vector<std::int64_t>>> greeted(const WindowOccasions& w) {
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> out;
    for (std::size_t day = 0; day < w.greeting_days.size(); ++day) {
        std::vector<std::int64_t> ids;
        for (const auto& [id, index] : w.greeted[day]) ids.push_back(id);
        out.emplace_back(to_iso(w.greeting_days[day].date), ids);
    }
    return out;
}

TEST(Generator, AWindowsOccasionsFromAnInMemoryReader) {
    MemoryReader r = west_lake();
    const WindowOccasions w = generate_occasions(d("2026-09-20"), d("2026-09-30"), defaults(), r);
    EXPECT_EQ((Found{{{1, "2026-09-22"}, {"birthday 张伟生日"}},
                     {{1, "2026-09-25"},
                      {"family_birthday 配偶王丽生日", "anniversary:1 成交1周年", "follow_up:12m 成交后12个月回访", "mid_autumn 中秋节"}}}),
              found(w));
    // Mid-Autumn greets the other owner; the prospect and the removed owner get nothing.
    EXPECT_EQ((std::vector<std::pair<std::string, std::vector<std::int64_t>>>{{"2026-09-25", {2}}}), greeted(w));
    ASSERT_TRUE(w.people.find(2));
    EXPECT_EQ("李娜", w.people.list[*w.people.find(2)].name);
    EXPECT_EQ((std::vector<std::vector<std::size_t>>{{0}}), w.greetings_of(w.people.list[*w.people.find(2)]));
    // The default policy acts on owners' birthdays only: the reader is asked for those alone.
    ASSERT_FALSE(r.birthday_stages.empty());
    for (int stages : r.birthday_stages) EXPECT_EQ(stage_bit(Stage::owner), stages);
}

// Mother's Day 2026 (10 May) and a window without an audience festival.
TEST(Generator, FestivalAudiencesGreetMothersAndTheCustomersOfMothers) {
    MemoryReader r;
    r.people = {{1, person("王芳", Tier::ordinary, Stage::owner, 10), std::nullopt},
                {2, person("张伟", Tier::ordinary, Stage::owner, 10), std::nullopt},
                {3, person("李雷", Tier::ordinary, Stage::owner, 10), std::nullopt},
                {4, person("韩梅", Tier::ordinary, Stage::owner, 10), std::nullopt}};
    CareAudienceFacts mother;   // a woman with a child on file
    mother.gender = Gender::female;
    mother.child = true;
    CareAudienceFacts son;      // a man whose mother is on file
    son.gender = Gender::male;
    son.mother = true;
    CareAudienceFacts woman;    // a woman without children on file
    woman.gender = Gender::female;
    r.facts = {{1, mother}, {2, son}, {4, woman}};
    const WindowOccasions w = generate_occasions(d("2026-05-09"), d("2026-05-11"), defaults(), r);
    EXPECT_EQ(1, r.audience_reads);   // the owners' facts, read once
    ASSERT_EQ(1u, w.greeting_days.size());
    const GreetingDay& day = w.greeting_days[0];
    ASSERT_EQ(2u, day.occasions.size());
    EXPECT_EQ("mothers_day", day.occasions[0].key);
    EXPECT_EQ("母亲节", day.occasions[0].title);
    EXPECT_EQ("mothers_day:family", day.occasions[1].key);
    EXPECT_EQ("母亲节·问候母亲", day.occasions[1].title);
    EXPECT_EQ((std::vector<std::pair<std::string, std::vector<std::int64_t>>>{{"2026-05-10", {1, 2}}}), greeted(w));
    EXPECT_EQ((std::vector<std::vector<std::size_t>>{{0}}), w.greetings_of(w.people.list[*w.people.find(1)]));
    EXPECT_EQ((std::vector<std::vector<std::size_t>>{{1}}), w.greetings_of(w.people.list[*w.people.find(2)]));

    // 妇女节: women only (4 without children too); 清明 is not greeted by default.
    const WindowOccasions march = generate_occasions(d("2026-03-07"), d("2026-04-06"), defaults(), r);
    EXPECT_EQ((std::vector<std::pair<std::string, std::vector<std::int64_t>>>{{"2026-03-08", {1, 4}}}), greeted(march));

    // No festival with an audience in the window: no facts read.
    r.audience_reads = 0;
    generate_occasions(d("2026-09-24"), d("2026-09-26"), defaults(), r);
    EXPECT_EQ(0, r.audience_reads);
}

TEST(Generator, AnAgeBandAndChildrenNarrowASitesOwnFestival) {
    MemoryReader r;
    r.people = {{1, person("王芳", Tier::ordinary, Stage::owner, 10), std::nullopt},
                {2, person("张伟", Tier::ordinary, Stage::owner, 10), std::nullopt},
                {3, person("李雷", Tier::ordinary, Stage::owner, 10), std::nullopt}};
    CareAudienceFacts old, young, unknown;
    old.birth_year = 1950;     // 76 in 2026
    young.birth_year = 1990;   // 36
    old.child = young.child = unknown.child = true;
    r.facts = {{1, old}, {2, young}, {3, unknown}};
    CareSettings settings = defaults();
    calendar::FestivalRule seniors{"seniors_tea", "长者茶会", "", "", calendar::parse_festival_date("gregorian:10-20"), true, {}};
    seniors.audience.min_age = 60;
    seniors.audience.children = true;
    settings.festivals.push_back(seniors);
    const WindowOccasions w = generate_occasions(d("2026-10-19"), d("2026-10-21"), settings, r);
    EXPECT_EQ((std::vector<std::pair<std::string, std::vector<std::int64_t>>>{{"2026-10-20", {1}}}), greeted(w));
}

TEST(Generator, OneConsultantsCustomersOnly) {
    MemoryReader r = west_lake();
    r.scope = 11;   // 周杰: 李娜 alone
    const WindowOccasions w = generate_occasions(d("2026-09-20"), d("2026-09-30"), defaults(), r);
    EXPECT_EQ(Found{}, found(w));
    EXPECT_EQ((std::vector<std::pair<std::string, std::vector<std::int64_t>>>{{"2026-09-25", {2}}}), greeted(w));
}

TEST(Generator, TheSettingsDecideWhatIsFound) {
    MemoryReader r = west_lake();
    CareSettings s = defaults();
    // Prospects' birthdays and families too, no anniversaries, a 14-day follow-up; Mid-Autumn off.
    s.policy.push_back({OccasionKind::birthday, "", std::nullopt, Stage::prospect, "sms", "sms", 0, {"生日短信", "", ""}});
    s.policy.push_back({OccasionKind::family_birthday, "", std::nullopt, std::nullopt, "sms", "sms", 0, {"家人生日短信", "", ""}});
    s.occasions.deal_anniversaries = false;
    s.occasions.follow_up = parse_cadence("14d");
    for (auto& f : s.festivals)
        if (f.key == "mid_autumn") f.enabled = false;
    r.deals.push_back({9, 2, d("2026-09-12")});   // 李娜's new deal: its 14th day is 26 September
    const WindowOccasions w = generate_occasions(d("2026-09-20"), d("2026-09-30"), s, r);
    EXPECT_EQ((Found{{{1, "2026-09-22"}, {"birthday 张伟生日"}},
                     {{1, "2026-09-25"}, {"family_birthday 配偶王丽生日"}},
                     {{2, "2026-09-26"}, {"follow_up:14d 成交后14天回访"}},
                     {{3, "2026-09-23"}, {"birthday 赵六生日"}},
                     {{3, "2026-09-26"}, {"family_birthday 子女赵小六生日"}}}),
              found(w));
    EXPECT_TRUE(w.greeting_days.empty());
}

TEST(Generator, NothingToFindAsksForNothingMore) {
    MemoryReader r = west_lake();
    CareSettings s = defaults();
    s.policy.clear();
    const WindowOccasions w = generate_occasions(d("2026-09-20"), d("2026-09-30"), s, r);
    EXPECT_TRUE(w.found.empty());
    EXPECT_TRUE(r.birthday_stages.empty());
    EXPECT_EQ(0, r.customer_lookups);
}

// One check of a window for both kinds of caller: the date rules take any real window, the care
// calendar's windows keep within the lunar range and a year.
TEST(Window, OneCheckForTheDateRulesAndTheCareCalendar) {
    EXPECT_NO_THROW(check_window(d("1900-01-01"), d("2101-12-31")));
    EXPECT_NO_THROW(check_window(d("2026-01-01"), d("2026-01-01"), WindowUse::care));
    EXPECT_NO_THROW(check_window(d("2026-01-01"), d("2027-01-01"), WindowUse::care));   // 366 days
    for (WindowUse use : {WindowUse::dates, WindowUse::care}) {
        SB_EXPECT_ERROR(check_window(d("2026-09-30"), d("2026-09-20"), use), invalid_argument, "to", "is before from");
        SB_EXPECT_ERROR(check_window(Date(boost::gregorian::not_a_date_time), d("2026-09-20"), use), invalid_argument, "from",
                        "not a date");
        SB_EXPECT_ERROR(check_window(d("2026-09-20"), Date(boost::gregorian::pos_infin), use), invalid_argument, "to",
                        "not a date");
    }
    SB_EXPECT_ERROR(check_window(d("2026-01-01"), d("2027-01-02"), WindowUse::care), invalid_argument, "to", "longer than a year");
    SB_EXPECT_ERROR(check_window(d("1900-01-01"), d("1900-02-15"), WindowUse::care), invalid_argument, "from", "1900-01-31");
    SB_EXPECT_ERROR(check_window(d("2100-12-01"), d("2101-01-05"), WindowUse::care), invalid_argument, "to", "2100-12-31");
    // The date rules' callers: the same messages.
    SB_EXPECT_ERROR(birthday_dates(gregorian(0, 9, 22), d("2026-09-30"), d("2026-09-20")), invalid_argument, "to", "is before from");
    SB_EXPECT_ERROR(anniversary_dates(d("2025-09-25"), d("2026-09-20"), Date(boost::gregorian::not_a_date_time)),
                    invalid_argument, "to", "not a date");
}

} // namespace
