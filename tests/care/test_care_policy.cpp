// The care policy and a site's care settings: the default policy of the sources and its validation,
// festivals switched off and a site's own festival, a site's own policy, the family birthdays of
// the stages it greets, the occasion settings and the defaults.
#include "snowball/festivals.hpp"
#include "snowball/workdays.hpp"
#include "care_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <optional>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

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
// A site's policy and settings on a small archive

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

// The one-change operations read and write the settings in one transaction.
TEST_F(CareTest, OneFestivalSwitchedOrAddedAndSomeOccasionSettingsChanged) {
    const auto zhang = customer("张伟", wang_, Tier::ordinary);
    deal(zhang, "3-1-1201", "2024-05-10");
    ASSERT_EQ((Strings{key(zhang, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30")));
    CareSettings s = care().switch_festival("xh", "mid_autumn", false);
    for (const auto& f : s.festivals) EXPECT_EQ(f.key != "mid_autumn" && f.key != "qingming", f.enabled) << f.key;
    EXPECT_EQ(Strings{}, keys(agenda("2026-09-20", "2026-09-30")));
    calendar::FestivalRule owners_day;
    owners_day.key = "owners_day";
    owners_day.name_zh = "业主节";
    owners_day.date = calendar::parse_festival_date("gregorian:06-18");
    s = care().add_festival("XH", owners_day);
    ASSERT_EQ(calendar::default_festivals().size() + 1, s.festivals.size());
    EXPECT_EQ("owners_day", s.festivals.back().key);
    EXPECT_FALSE(std::find_if(s.festivals.begin(), s.festivals.end(), [](const auto& f) { return f.key == "mid_autumn"; })->enabled);
    EXPECT_EQ((Strings{key(zhang, "2026-06-18")}), keys(agenda("2026-06-16", "2026-06-18")));
    s = care().switch_festival("XH", "mid_autumn", true);
    EXPECT_EQ((Strings{key(zhang, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30")));
    EXPECT_EQ(calendar::default_festivals().size(), care().settings("BJ").festivals.size());

    OccasionSettingsUpdate u;
    u.deal_anniversaries = false;
    s = care().update_occasion_settings("XH", u);
    EXPECT_FALSE(s.occasions.deal_anniversaries);
    EXPECT_EQ("7d,30d,90d,6m*", to_string(s.occasions.follow_up));
    u = {};
    u.follow_up = parse_cadence("14d");
    s = care().update_occasion_settings("XH", u);
    EXPECT_FALSE(s.occasions.deal_anniversaries);
    EXPECT_EQ("14d", to_string(s.occasions.follow_up));

    // Refused whole, naming what is at fault.
    const std::string before = dump();
    expect_error([&] { care().switch_festival("XH", "no_such_festival", false); }, Status::not_found, "festival", "no_such_festival");
    expect_error([&] { care().switch_festival("ZZ", "mid_autumn", false); }, Status::not_found, "site", "");
    expect_error([&] { care().add_festival("XH", owners_day); }, Status::conflict, "key", "owners_day");
    owners_day.key = "open_day";
    owners_day.name_zh = "";
    expect_error([&] { care().add_festival("XH", owners_day); }, Status::invalid_argument, "name_zh", "");
    u.follow_up = std::vector<FollowUpStep>{{7, 0, true}, {30, 0, false}};
    expect_error([&] { care().update_occasion_settings("XH", u); }, Status::invalid_argument, "follow_up", "last");
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
        EXPECT_EQ(s.festivals[i].key != "qingming", s.festivals[i].enabled) << s.festivals[i].key;
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

} // namespace
