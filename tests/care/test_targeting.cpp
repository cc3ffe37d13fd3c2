// Sharper care targeting: festival audiences (gender, relation, age band, children), 清明 off by
// default, and gift records with the sites' monthly budgets per tier.
#include "care_fixture.hpp"

#include <algorithm>

using namespace snowball;
using namespace snowball::testing;

namespace {

class TargetingTest : public CareTest {
protected:
    std::int64_t owner(const std::string& name, Gender gender, Tier tier = Tier::ordinary,
                       std::optional<Birthday> birthday = std::nullopt) {
        const auto id = customer(name, wang_, tier, birthday);
        CustomerUpdate u;
        u.gender = gender;
        archive_.customers().update(id, u);
        deal(id, "1-1-" + std::to_string(100 + ++units_), "2024-01-10");
        return id;
    }
    // The festival occasions of the window's tasks: "id key title".
    Strings greetings(const char* from, const char* to) {
        Strings out;
        for (const CareTask& t : agenda(from, to))
            for (const TaskOccasion& o : t.occasions)
                if (o.kind == OccasionKind::festival) out.push_back(std::to_string(t.customer_id) + " " + o.key + " " + o.title);
        std::sort(out.begin(), out.end());
        return out;
    }
    int units_ = 0;
};

TEST_F(TargetingTest, MothersDayGreetsMothersAndTheCustomersWhoseMotherIsOnFile) {
    const auto mother = owner("王芳", Gender::female);
    family(mother, Relation::child, "王小宝", gregorian(2015, 3, 3));
    const auto son = owner("张伟", Gender::male);
    family(son, Relation::mother, "张母", gregorian(1950, 2, 2));
    const auto woman = owner("李娜", Gender::female);   // no child on file
    const auto man = owner("赵六", Gender::male);
    (void)woman;
    (void)man;
    EXPECT_EQ((Strings{std::to_string(mother) + " mothers_day 母亲节", std::to_string(son) + " mothers_day:family 母亲节·问候母亲"}),
              greetings("2026-05-10", "2026-05-10"));
    // The family greeting asks what the policy asks on the festival.
    const auto tasks = agenda("2026-05-10", "2026-05-10");
    ASSERT_EQ(2u, tasks.size());
    for (const CareTask& t : tasks) EXPECT_EQ((Strings{"call_or_sms/phone"}), actions(t));
    // Father's Day: the customer whose father is on file? None: no one here is a father.
    EXPECT_EQ(Strings{}, greetings("2026-06-21", "2026-06-21"));
}

TEST_F(TargetingTest, WomensDayGreetsWomenChildrensDayFamiliesWithChildrenAndQingmingNobody) {
    const auto mother = owner("王芳", Gender::female);
    family(mother, Relation::child, "王小宝", gregorian(2015, 3, 3));
    const auto woman = owner("李娜", Gender::female);
    const auto father = owner("张伟", Gender::male);
    family(father, Relation::child, "张小宝", gregorian(2016, 4, 4));
    owner("赵六", Gender::unknown);
    EXPECT_EQ((Strings{std::to_string(mother) + " womens_day 妇女节", std::to_string(woman) + " womens_day 妇女节"}),
              greetings("2026-03-08", "2026-03-08"));
    EXPECT_EQ((Strings{std::to_string(mother) + " childrens_day 儿童节", std::to_string(father) + " childrens_day 儿童节"}),
              greetings("2026-06-01", "2026-06-01"));
    EXPECT_EQ((Strings{std::to_string(father) + " fathers_day 父亲节"}), greetings("2026-06-21", "2026-06-21"));
    // 清明 (2026-04-05): off by default; a site switches it on with its own wording in its policy.
    EXPECT_EQ(Strings{}, greetings("2026-04-05", "2026-04-05"));
    care().switch_festival("XH", "qingming", true);
    std::vector<CareRule> policy = default_care_policy();
    CareRule qingming;
    qingming.festival = "qingming";
    qingming.stage = Stage::owner;
    qingming.action = "wechat_regards";
    qingming.channel = "wechat";
    qingming.label = {"清明时节，问候安康（不说“快乐”）", "", ""};
    policy.push_back(qingming);
    care().set_policy("XH", policy);
    const auto tasks = agenda("2026-04-05", "2026-04-05");
    EXPECT_EQ(4u, tasks.size());
    for (const CareTask& t : tasks) {
        EXPECT_EQ((Strings{"festival:qingming"}), occasions(t));
        EXPECT_EQ((Strings{"call_or_sms/phone", "wechat_regards/wechat"}), actions(t));
    }
}

TEST_F(TargetingTest, ASitesOwnFestivalWithAnAgeBandAndTheBriefingsUpcomingOccasions) {
    const auto senior = owner("王老", Gender::male, Tier::ordinary, gregorian(1950, 1, 1));
    const auto young = owner("小李", Gender::female, Tier::ordinary, gregorian(1995, 1, 1));
    owner("无名", Gender::male);   // age unknown: left out
    calendar::FestivalRule tea{"seniors_tea", "长者茶话会", "", "", calendar::parse_festival_date("gregorian:10-20"), true, {}};
    tea.audience.min_age = 60;
    care().add_festival("XH", tea);
    EXPECT_EQ((Strings{std::to_string(senior) + " seniors_tea 长者茶话会"}), greetings("2026-10-20", "2026-10-20"));
    // The same rule in the briefing's upcoming occasions.
    const auto upcoming = [&](std::int64_t id) {
        Strings out;
        const Customer c = archive_.customers().get(id);
        for (const UpcomingOccasion& o : care().upcoming(c, archive_.family().list(id), archive_.customers().deals(id),
                                                         d("2026-10-20"), d("2026-10-20")))
            out.push_back(o.occasion.key);
        return out;
    };
    EXPECT_EQ(Strings{"seniors_tea"}, upcoming(senior));
    EXPECT_EQ(Strings{}, upcoming(young));
}

// A building's 交房日 and its anniversaries for that building's owners, a tasting for those whose
// profile chose the cuisine; the briefing's upcoming occasions know the same.
TEST_F(TargetingTest, ABuildingsHandoverDayItsAnniversariesAndAProfileChoice) {
    const auto first = owner("王芳", Gender::female);   // building 1
    const auto third = customer("张伟", wang_, Tier::ordinary, std::nullopt);
    deal(third, "3-2-1201", "2025-03-01");
    const auto cancelled = customer("李娜", wang_, Tier::ordinary, std::nullopt);
    const auto gone = deal(cancelled, "3-1-0901", "2025-04-01");
    archive_.customers().cancel_deal(gone, "退房");
    calendar::FestivalRule handover{"handover_b3", "3号楼交房", "", "", calendar::parse_festival_date("once:2026-06-30"), true, {}};
    handover.audience.unit_prefix = "3-";
    care().add_festival("XH", handover);
    calendar::FestivalRule yearly{"handover_b3_yearly", "3号楼交房周年", "", "", calendar::parse_festival_date("yearly:2026-06-30"),
                                  true, {}};
    yearly.audience.unit_prefix = "3-";
    care().add_festival("XH", yearly);
    EXPECT_EQ((Strings{std::to_string(third) + " handover_b3 3号楼交房"}), greetings("2026-06-30", "2026-06-30"));
    EXPECT_EQ((Strings{std::to_string(third) + " handover_b3_yearly 3号楼交房周年"}), greetings("2027-06-30", "2027-06-30"));
    EXPECT_EQ(Strings{}, greetings("2025-06-30", "2025-06-30"));

    archive_.profiles().set_text(first, {{"favourite_cuisine", "川菜, 粤菜"}}, wang_);
    archive_.profiles().set_text(third, {{"favourite_cuisine", "粤菜"}}, wang_);
    calendar::FestivalRule tasting{"sichuan_dinner", "川菜品鉴会", "", "", calendar::parse_festival_date("once:2026-09-12"), true, {}};
    tasting.audience.profile_field = "favourite_cuisine";
    tasting.audience.profile_value = "sichuan";   // a choice by its key
    care().add_festival("XH", tasting);
    EXPECT_EQ((Strings{std::to_string(first) + " sichuan_dinner 川菜品鉴会"}), greetings("2026-09-12", "2026-09-12"));

    const auto upcoming = [&](std::int64_t id, const char* day) {
        Strings out;
        const Customer c = archive_.customers().get(id);
        for (const UpcomingOccasion& o : care().upcoming(c, archive_.family().list(id), archive_.customers().deals(id), d(day), d(day)))
            out.push_back(o.occasion.key);
        return out;
    };
    EXPECT_EQ(Strings{"handover_b3"}, upcoming(third, "2026-06-30"));
    EXPECT_EQ(Strings{}, upcoming(first, "2026-06-30"));
    EXPECT_EQ(Strings{"sichuan_dinner"}, upcoming(first, "2026-09-12"));
    EXPECT_EQ(Strings{}, upcoming(third, "2026-09-12"));
}

TEST_F(TargetingTest, BadAudiencesNameTheirField) {
    calendar::FestivalRule f{"my_day", "我的节日", "", "", calendar::parse_festival_date("gregorian:10-20"), true, {}};
    f.audience.relation = "aunt";
    SB_EXPECT_ERROR(care().add_festival("XH", f), invalid_argument, "audience.relation", "not one of mother, father, spouse");
    f.audience.relation = "";
    f.audience.min_age = 60;
    f.audience.max_age = 40;
    SB_EXPECT_ERROR(care().add_festival("XH", f), invalid_argument, "audience.max_age", "from 60 down to 40");
    f.audience.max_age = 151;
    SB_EXPECT_ERROR(care().add_festival("XH", f), invalid_argument, "audience.max_age", "0..150");
    f.audience.max_age.reset();
    f.audience.min_age = -1;
    SB_EXPECT_ERROR(care().add_festival("XH", f), invalid_argument, "audience.min_age", "0..150");
    f.audience.min_age.reset();
    f.audience.gender = Gender::unknown;
    SB_EXPECT_ERROR(care().set_festivals("XH", {f}), invalid_argument, "audience.gender", "male or female");
    f.audience.gender.reset();
    f.audience.unit_prefix = "3-1-1201-and-then-some";
    SB_EXPECT_ERROR(care().add_festival("XH", f), invalid_argument, "audience.unit_prefix", "20");
    f.audience.unit_prefix = " 3-";
    SB_EXPECT_ERROR(care().add_festival("XH", f), invalid_argument, "audience.unit_prefix", "white space");
    f.audience.unit_prefix.clear();
    f.audience.profile_field = "favourite_cuisine";
    SB_EXPECT_ERROR(care().add_festival("XH", f), invalid_argument, "audience.profile_value", "a field and a value");
    f.audience.profile_field = "Cuisine";
    f.audience.profile_value = "川菜";
    SB_EXPECT_ERROR(care().add_festival("XH", f), invalid_argument, "audience.profile_field", "a-z");
    // Nothing was stored.
    EXPECT_EQ(calendar::default_festivals().size(), care().settings("XH").festivals.size());
}

// ---------------------------------------------------------------------------------------------
// Gifts and budgets

TEST_F(TargetingTest, GiftsAreRecordedTotalledPerMonthAndTierAndTheBudgetMarksTheAgenda) {
    // A VIP owner born 20 May: flowers or a cake two days ahead, and a call (the default policy).
    const auto vip = owner("张伟", Gender::male, Tier::vip, gregorian(1980, 5, 20));
    const auto other_vip = owner("刘洋", Gender::male, Tier::vip, gregorian(1982, 5, 25));
    const auto ordinary = owner("李娜", Gender::female, Tier::ordinary);
    auto tasks = agenda("2026-05-18", "2026-05-26");
    const CareTask* birthday = task_of(tasks, vip, "2026-05-20");
    ASSERT_NE(nullptr, birthday);
    EXPECT_FALSE(birthday->over_budget);   // no budget set
    const std::int64_t birthday_task = birthday->id;   // `tasks` is listed again below

    // The budget: 300 yuan a month for VIPs.
    CareSettings s = care().set_gift_budget("XH", Tier::vip, 300);
    ASSERT_EQ(1u, s.gift_budgets.size());
    EXPECT_EQ(Tier::vip, s.gift_budgets[0].tier);
    EXPECT_DOUBLE_EQ(300, s.gift_budgets[0].monthly);

    NewGift g;
    g.task_id = birthday_task;
    g.item = "鲜花一束";
    g.cost = 199.5;
    g.supplier = "花语花店";
    g.given_on = d("2026-05-19");
    g.given_by = wang_;
    const Gift flowers = care().record_gift(g);
    EXPECT_EQ(vip, flowers.customer_id);
    EXPECT_EQ(Tier::vip, flowers.tier);
    EXPECT_EQ("XH", flowers.site);
    EXPECT_DOUBLE_EQ(199.5, flowers.cost);
    EXPECT_EQ(flowers.id, care().gift(flowers.id).id);
    // Under budget still: the other VIP's gift task is not marked.
    tasks = agenda("2026-05-18", "2026-05-26");
    ASSERT_NE(nullptr, task_of(tasks, other_vip, "2026-05-25"));
    EXPECT_FALSE(task_of(tasks, other_vip, "2026-05-25")->over_budget);

    NewGift cake;
    cake.customer_id = vip;
    cake.item = "生日蛋糕";
    cake.cost = 120;
    cake.given_on = d("2026-05-20");
    care().record_gift(cake);
    NewGift june = cake;
    june.given_on = d("2026-06-02");
    june.cost = 50;
    care().record_gift(june);
    NewGift small;
    small.customer_id = ordinary;
    small.item = "月饼";
    small.cost = 30.25;
    small.given_on = d("2026-05-03");
    care().record_gift(small);

    // 319.5 of 300 spent in May: the other VIP's open gift task is over budget; the ordinary owner's
    // tasks have no gift, and no budget.
    tasks = agenda("2026-05-18", "2026-05-26");
    EXPECT_TRUE(task_of(tasks, other_vip, "2026-05-25")->over_budget);
    EXPECT_TRUE(task_of(tasks, vip, "2026-05-20")->over_budget);
    care().complete(task_of(tasks, vip, "2026-05-20")->id, "送花并致电");
    tasks = agenda("2026-05-18", "2026-05-26");
    EXPECT_FALSE(task_of(tasks, vip, "2026-05-20")->over_budget);   // closed: nothing to decide
    // A raised budget lifts the mark.
    care().set_gift_budget("XH", Tier::vip, 500);
    EXPECT_FALSE(task_of(agenda("2026-05-18", "2026-05-26"), other_vip, "2026-05-25")->over_budget);

    const auto totals = care().gift_totals("XH", d("2026-05-01"), d("2026-06-30"));
    ASSERT_EQ(4u, totals.size());
    EXPECT_EQ("2026-05", totals[0].month);
    EXPECT_EQ(Tier::ordinary, totals[0].tier);
    EXPECT_EQ(1, totals[0].gifts);
    EXPECT_DOUBLE_EQ(30.25, totals[0].cost);
    EXPECT_FALSE(totals[0].budget);
    EXPECT_FALSE(totals[0].remaining);
    EXPECT_EQ(Tier::vip, totals[1].tier);
    EXPECT_EQ(2, totals[1].gifts);
    EXPECT_DOUBLE_EQ(319.5, totals[1].cost);
    EXPECT_DOUBLE_EQ(500, *totals[1].budget);
    EXPECT_DOUBLE_EQ(180.5, *totals[1].remaining);
    EXPECT_EQ("2026-06", totals[3].month);
    EXPECT_EQ(1, totals[3].gifts);
    EXPECT_DOUBLE_EQ(450, *totals[3].remaining);
    EXPECT_EQ(0, totals[2].gifts);

    GiftQuery q;
    q.site = "XH";
    q.from = d("2026-05-01");
    q.to = d("2026-05-31");
    const auto may = care().gifts(q);
    ASSERT_EQ(3u, may.size());
    EXPECT_EQ("月饼", may[0].item);   // by day given
    q.customer_id = vip;
    EXPECT_EQ(2u, care().gifts(q).size());
    q.customer_id.reset();
    q.task_id = birthday_task;
    EXPECT_EQ(1u, care().gifts(q).size());

    // Removing the budget: no budget in the totals, no mark.
    s = care().set_gift_budget("XH", Tier::vip, std::nullopt);
    EXPECT_TRUE(s.gift_budgets.empty());
    EXPECT_FALSE(care().gift_totals("XH", d("2026-05-01"), d("2026-05-31"))[1].budget);
}

TEST_F(TargetingTest, BadGiftsAndBudgetsNameTheirField) {
    const auto vip = owner("张伟", Gender::male, Tier::vip, gregorian(1980, 5, 20));
    const auto other = owner("刘洋", Gender::male, Tier::vip, gregorian(1982, 5, 25));
    const auto tasks = agenda("2026-05-18", "2026-05-26");
    const CareTask* others_task = task_of(tasks, other, "2026-05-25");
    ASSERT_NE(nullptr, others_task);
    NewGift g;
    g.customer_id = vip;
    g.item = "鲜花";
    g.cost = -1;
    SB_EXPECT_ERROR(care().record_gift(g), invalid_argument, "cost", "a sum of 0 to");
    g.cost = 10.005;
    SB_EXPECT_ERROR(care().record_gift(g), invalid_argument, "cost", "to the fen");
    g.cost = 10;
    g.item = " ";
    SB_EXPECT_ERROR(care().record_gift(g), invalid_argument, "item", "");
    g.item = "鲜花";
    g.given_on = today_in_china() + boost::gregorian::days(1);
    SB_EXPECT_ERROR(care().record_gift(g), invalid_argument, "given_on", "in the future");
    g.given_on.reset();
    g.task_id = others_task->id;
    SB_EXPECT_ERROR(care().record_gift(g), invalid_argument, "task_id", "is not customer");
    g.task_id = 12345;
    SB_EXPECT_ERROR(care().record_gift(g), not_found, "task_id", "");
    g.task_id.reset();
    g.customer_id.reset();
    SB_EXPECT_ERROR(care().record_gift(g), invalid_argument, "customer_id", "give one");
    g.customer_id = 999999;
    SB_EXPECT_ERROR(care().record_gift(g), not_found, "customer_id", "no customer");
    g.customer_id = vip;
    g.given_by = li_;   // 李强 works at BJ
    SB_EXPECT_ERROR(care().record_gift(g), invalid_argument, "given_by", "");
    EXPECT_EQ(0, raw().count("care_gifts"));

    SB_EXPECT_ERROR(care().set_gift_budget("XH", Tier::vip, -5), invalid_argument, "monthly", "a sum of 0 to");
    SB_EXPECT_ERROR(care().set_gift_budget("XH", static_cast<Tier>(7), 5), invalid_argument, "tier", "not a tier");
    SB_EXPECT_ERROR(care().set_gift_budget("ZZ", Tier::vip, 5), not_found, "site", "");
    SB_EXPECT_ERROR(care().gift(77), not_found, "gift_id", "no gift 77");
    SB_EXPECT_ERROR(care().gift_totals("XH", d("2024-01-01"), d("2027-01-01")), invalid_argument, "to", "36 months");
    SB_EXPECT_ERROR(care().gift_totals("XH", d("2026-02-01"), d("2026-01-01")), invalid_argument, "to", "before");
    GiftQuery q;
    q.site = "XH";
    q.from = d("2026-02-01");
    q.to = d("2026-01-01");
    SB_EXPECT_ERROR(care().gifts(q), invalid_argument, "to", "before from");
}

} // namespace
