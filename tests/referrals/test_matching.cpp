// The intent signal, the industry keyword table and cooperation matching: as pure functions (the
// documented formula, a brute-force ranking), then through the service (repeat visitors ranked,
// complementary businesses paired, a site's own industry field).
#include "snowball/profiles.hpp"

#include "referrals/graph.hpp"
#include "referrals/matching.hpp"
#include "referrals_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

// ---------------------------------------------------------------------------------------------
// The intent signal, industries, matching

TEST(IntentSignal, TheDocumentedFormula) {
    // Visits on days 0, 14, 24, 27 (gaps 14, 10, 3), as of day 29.
    const Date start = d("2026-03-01");
    const std::vector<Date> visits{start, start + days(14), start + days(24), start + days(27)};
    const IntentSignal s = intent_signal(visits, start + days(29));
    EXPECT_EQ(4, s.visit_days);
    EXPECT_DOUBLE_EQ(0.75, s.frequency);
    EXPECT_NEAR(std::pow(0.5, 2.0 / 14), s.recency, 1e-12);
    ASSERT_TRUE(s.gap_trend);
    EXPECT_NEAR(3.0 / 12.0, *s.gap_trend, 1e-12);
    EXPECT_NEAR(1 - 0.125, s.acceleration, 1e-12);
    EXPECT_NEAR(0.4 * 0.75 + 0.35 * std::pow(0.5, 2.0 / 14) + 0.25 * 0.875, s.score, 1e-12);

    // Two visit days: no trend (0.5); lengthening gaps: no acceleration.
    const IntentSignal two = intent_signal({start, start + days(7)}, start + days(7));
    EXPECT_FALSE(two.gap_trend);
    EXPECT_DOUBLE_EQ(0.5, two.acceleration);
    EXPECT_DOUBLE_EQ(1.0, two.recency);
    const IntentSignal slowing = intent_signal({start, start + days(2), start + days(12)}, start + days(12));
    EXPECT_DOUBLE_EQ(0.0, slowing.acceleration);
    EXPECT_GT(s.score, slowing.score);

    SB_EXPECT_ERROR(intent_signal({start + days(1), start}, start + days(3)), invalid_argument, "days", "ascending");
    SB_EXPECT_ERROR(intent_signal({start}, start - days(1)), invalid_argument, "as_of", "before");
    EXPECT_EQ(0.0, intent_signal({}, start).score);
}

TEST(Industries, TheKeywordTableClassifiesOccupations) {
    const auto industry = [](const char* company, const char* position) {
        const auto m = classify_industry(company, position);
        return m ? m->industry + "/" + m->keyword + "/" + m->source : std::string("none");
    };
    EXPECT_EQ("finance/建设银行/company", industry("中国建设银行杭州分行", "客户经理"));   // over 建设
    EXPECT_EQ("construction/中建/company", industry("中建三局", "项目经理"));
    EXPECT_EQ("home/建材/company", industry("杭州某某建材科技有限公司", ""));             // 建材 before 科技
    EXPECT_EQ("legal/律师/position", industry("", "执业律师"));
    EXPECT_EQ("real_estate/地产/company", industry("链家地产", "律师"));                  // a tie: the company
    EXPECT_EQ("legal/律师事务所/company", industry("浙江天册律师事务所", "合伙人"));
    EXPECT_EQ("government/教育局/company", industry("西湖区教育局", "科员"));            // over 教育
    EXPECT_EQ("accounting/会计师事务所/company", industry("天健会计师事务所", "审计经理"));
    EXPECT_EQ("automotive/4S店/company", industry("宝马４ｓ店", "销售"));                 // full-width, any case
    EXPECT_EQ("medical/主任医师/position", industry("", "浙大一院主任医师"));
    EXPECT_EQ("none", industry("个体", "老板"));
    EXPECT_EQ("none", industry("", ""));
    std::set<std::string> keys;
    for (const Industry& i : industries()) {
        EXPECT_TRUE(keys.insert(i.key).second) << i.key;
        EXPECT_FALSE(i.name_zh.empty());
    }
    for (const AffinityRule& r : default_affinities()) {
        EXPECT_TRUE(keys.count(r.a) && keys.count(r.b)) << r.a << " " << r.b;
        EXPECT_FALSE(r.reason.empty());
    }
    EXPECT_NO_THROW(validate(default_affinities()));
}

TEST(Industries, AffinityTablesAreValidated) {
    const auto table = [](AffinityRule r) { return std::vector<AffinityRule>{{"finance", "real_estate", 1, "ok"}, r}; };
    SB_EXPECT_ERROR(validate(table({"Finance", "legal", 1, "x"})), invalid_argument, "affinities[1].a", "industry key");
    SB_EXPECT_ERROR(validate(table({"legal", "", 1, "x"})), invalid_argument, "affinities[1].b", "industry key");
    SB_EXPECT_ERROR(validate(table({"legal", "it", 0, "x"})), invalid_argument, "affinities[1].weight", "above 0");
    SB_EXPECT_ERROR(validate(table({"legal", "it", 1.5, "x"})), invalid_argument, "affinities[1].weight", "at most 1");
    SB_EXPECT_ERROR(validate(table({"legal", "it", 1, ""})), invalid_argument, "affinities[1].reason", "");
    SB_EXPECT_ERROR(validate(table({"real_estate", "finance", 0.5, "again"})), invalid_argument, "affinities[1]",
                    "second time");
}

TEST(Matching, TheBestPairsEqualABruteForceRanking) {
    std::mt19937 rng(12);
    const std::vector<std::string> kinds{"finance", "real_estate", "home", "legal"};
    const std::vector<AffinityRule> rules{{"finance", "real_estate", 1, "r0"}, {"home", "real_estate", 1, "r1"},
                                          {"legal", "legal", 0.4, "r2"}, {"legal", "finance", 0.6, "r3"}};
    for (int round = 0; round < 10; ++round) {
        std::vector<detail::Candidate> candidates;
        for (int i = 0; i < 30 + round * 5; ++i)
            candidates.push_back({100 + i, kinds[rng() % kinds.size()], detail::standing(rng() % 3 == 0, rng() % 5 == 0 ? Tier::vip : Tier::ordinary),
                                  static_cast<std::int64_t>(rng() % 4) - 1});
        // Brute force: every pair of every rule, ordered by score, rule, then standing and id of
        // each side as the documented order says.
        struct Row {
            double score;
            std::size_t rule;
            double sa;
            std::int64_t ia;
            double sb;
            std::int64_t ib;
        };
        std::vector<Row> rows;
        for (std::size_t r = 0; r < rules.size(); ++r)
            for (const auto& a : candidates)
                for (const auto& b : candidates) {
                    if (a.industry != rules[r].a || b.industry != rules[r].b || a.id == b.id) continue;
                    if (rules[r].a == rules[r].b &&
                        std::make_pair(-a.standing, a.id) > std::make_pair(-b.standing, b.id))
                        continue;   // each unordered pair once
                    if (a.circle >= 0 && a.circle == b.circle) continue;
                    rows.push_back({rules[r].weight * a.standing * b.standing, r, a.standing, a.id, b.standing, b.id});
                }
        std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
            return std::make_tuple(-x.score, x.rule, -x.sa, x.ia, -x.sb, x.ib) <
                   std::make_tuple(-y.score, y.rule, -y.sa, y.ia, -y.sb, y.ib);
        });
        const std::size_t limit = 25;
        const auto found = detail::match_pairs(candidates, rules, limit);
        ASSERT_EQ(std::min(limit, rows.size()), found.size());
        for (std::size_t k = 0; k < found.size(); ++k) {
            EXPECT_DOUBLE_EQ(rows[k].score, found[k].score) << k;
            EXPECT_EQ(rows[k].rule, found[k].rule) << k;
            EXPECT_EQ(rows[k].ia, candidates[found[k].a].id) << k;
            EXPECT_EQ(rows[k].ib, candidates[found[k].b].id) << k;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Through the service

TEST_F(ReferralsTest, RepeatVisitorsAreRankedByTheIntentSignal) {
    const Date today = today_in_china();
    const auto c = customers(5);
    const auto visit = [&](std::int64_t id, int days_ago) {
        NewVisit v;
        v.date = today - days(days_ago);
        archive_.customers().record_visit(id, v);
    };
    // c0: quickening, recent; c1: two visits long ago; c2: one visit; c3: an owner; c4: slowing.
    for (int ago : {40, 26, 16, 9, 1}) visit(c[0], ago);
    for (int ago : {60, 50}) visit(c[1], ago);
    visit(c[2], 3);
    for (int ago : {30, 20}) visit(c[3], ago);
    deal(c[3], "9-9", to_iso(today - days(2)).c_str());
    for (int ago : {45, 44, 20}) visit(c[4], ago);
    visit(c[4], 20);   // the same day twice counts once
    RepeatVisitorQuery q;
    q.site = "XH";
    q.min_visits = 2;
    q.since = today - days(90);
    const auto found = referrals().repeat_visitors(q);
    ASSERT_EQ(3u, found.size());
    EXPECT_EQ(c[0], found[0].customer_id);
    EXPECT_EQ(5, found[0].signal.visit_days);
    EXPECT_EQ(1, found[0].days_since_last);
    EXPECT_EQ(intent_signal(found[0].visit_days, today).score, found[0].signal.score);
    EXPECT_EQ(c[4], found[1].customer_id);
    EXPECT_EQ(3u, found[1].visit_days.size());
    EXPECT_EQ(c[1], found[2].customer_id);
    EXPECT_EQ("客户1", found[0].name);
    EXPECT_EQ(wang_, found[0].consultant_id);
    q.min_visits = 4;
    EXPECT_EQ(1u, referrals().repeat_visitors(q).size());
    q.min_visits = 2;
    q.since = today - days(20);   // inside the window only
    const auto recent = referrals().repeat_visitors(q);
    ASSERT_EQ(1u, recent.size());
    EXPECT_EQ(3, recent[0].signal.visit_days);
    q.limit = 1;
    q.since = today - days(90);
    EXPECT_EQ(1u, referrals().repeat_visitors(q).size());
    q.consultant_id = li_;
    SB_EXPECT_ERROR(referrals().repeat_visitors(q), invalid_argument, "consultant_id", "BJ");
    q.consultant_id.reset();
    q.min_visits = 0;
    SB_EXPECT_ERROR(referrals().repeat_visitors(q), invalid_argument, "min_visits", "");
    q.min_visits = 2;
    q.until = today + days(1);
    SB_EXPECT_ERROR(referrals().repeat_visitors(q), invalid_argument, "until", "future");
    q.until = today - days(100);
    SB_EXPECT_ERROR(referrals().repeat_visitors(q), invalid_argument, "since", "after until");
}

TEST_F(ReferralsTest, RepeatVisitorsTellTheConstructionSiteFromTheSalesOffice) {
    const Date today = today_in_china();
    const auto c = customers(2);
    const auto visit = [&](std::int64_t id, int days_ago, VisitPlace place) {
        NewVisit v;
        v.date = today - days(days_ago);
        v.place = place;
        archive_.customers().record_visit(id, v);
    };
    visit(c[0], 10, VisitPlace::sales_office);
    visit(c[0], 5, VisitPlace::construction_site);
    visit(c[0], 2, VisitPlace::construction_site);
    visit(c[0], 2, VisitPlace::sales_office);   // both on one day: one visit day, at the site too
    visit(c[1], 8, VisitPlace::sales_office);
    visit(c[1], 3, VisitPlace::sales_office);
    RepeatVisitorQuery q;
    q.site = "XH";
    q.since = today - days(30);
    const auto all = referrals().repeat_visitors(q);
    ASSERT_EQ(2u, all.size());
    for (const RepeatVisitor& r : all) EXPECT_EQ(r.customer_id == c[0] ? 2 : 0, r.construction_site_days);
    q.place = VisitPlace::construction_site;
    const auto watchers = referrals().repeat_visitors(q);
    ASSERT_EQ(1u, watchers.size());
    EXPECT_EQ(c[0], watchers[0].customer_id);
    EXPECT_EQ(2u, watchers[0].visit_days.size());
}

TEST_F(ReferralsTest, CooperationPairsComplementaryBusinessesNotYetConnected) {
    const std::int64_t banker = customer("王银行"), agent = customer("赵地产"), decorator = customer("钱装修"),
                       lawyer = customer("孙律师"), nobody = customer("周某"), banker2 = customer("吴银行");
    const std::int64_t bj_agent = customer("北京中介", "BJ");
    auto& profiles = archive_.profiles();
    profiles.set(banker, {{"company", std::string("招商银行西湖支行")}, {"position", std::string("客户经理")}});
    profiles.set(agent, {{"company", std::string("链家地产")}, {"position", std::string("店长")}});
    profiles.set(decorator, {{"company", std::string("东易日盛装饰")}});
    profiles.set(lawyer, {{"position", std::string("律师")}});
    profiles.set(nobody, {{"company", std::string("个体")}});
    profiles.set(banker2, {{"company", std::string("浙商证券")}});
    profiles.set(bj_agent, {{"company", std::string("我爱我家")}});
    deal(agent, "5-1", "2025-01-10");   // an owner: the better partner
    refer(banker2, lawyer);             // already in one circle: not suggested

    const auto pairs = referrals().cooperation_pairs("XH", 10);
    std::set<std::pair<std::int64_t, std::int64_t>> found;
    for (const auto& p : pairs) found.insert({p.a.customer_id, p.b.customer_id});
    EXPECT_TRUE(found.count({banker, agent}));
    EXPECT_TRUE(found.count({banker2, agent}));
    EXPECT_TRUE(found.count({decorator, agent}));
    EXPECT_TRUE(found.count({lawyer, agent}));
    EXPECT_TRUE(found.count({lawyer, banker}));     // legal – finance
    EXPECT_FALSE(found.count({lawyer, banker2}));   // one circle
    for (const auto& p : pairs) {
        EXPECT_NE(nobody, p.a.customer_id);
        EXPECT_NE(bj_agent, p.b.customer_id);   // another site
        EXPECT_FALSE(p.reason.empty());
        EXPECT_NE(std::string::npos, p.explanation.find(p.a.name));
        EXPECT_NE(std::string::npos, p.explanation.find(p.reason));
    }
    ASSERT_FALSE(pairs.empty());
    // finance – real estate (1.0) with an owner: 1 × 1 × 1.5 first.
    EXPECT_EQ(banker, pairs[0].a.customer_id);
    EXPECT_EQ(agent, pairs[0].b.customer_id);
    EXPECT_DOUBLE_EQ(1.5, pairs[0].score);
    EXPECT_EQ("finance", pairs[0].a.industry);
    EXPECT_EQ("company", pairs[0].a.matched_by);
    EXPECT_TRUE(pairs[0].b.owner);
    EXPECT_NE(std::string::npos, pairs[0].explanation.find("招商银行西湖支行"));
    for (std::size_t i = 1; i < pairs.size(); ++i) EXPECT_GE(pairs[i - 1].score, pairs[i].score);
    EXPECT_EQ(2u, referrals().cooperation_pairs("XH", 2).size());

    // The site's own affinity table.
    referrals().set_affinities("XH", {{"legal", "home", 0.9, "装修合同纠纷的法律服务"}});
    const auto own = referrals().cooperation_pairs("XH", 10);
    ASSERT_EQ(1u, own.size());
    EXPECT_EQ(lawyer, own[0].a.customer_id);
    EXPECT_EQ(decorator, own[0].b.customer_id);
    EXPECT_FALSE(referrals().settings("XH").default_affinities);
    EXPECT_TRUE(referrals().reset_affinities("XH").default_affinities);
    SB_EXPECT_ERROR(referrals().set_affinities("XH", {{"legal", "legal", 2, "x"}}), invalid_argument,
                    "affinities[0].weight", "");
    SB_EXPECT_ERROR(referrals().cooperation_pairs("XH", 0), invalid_argument, "limit", "");
    SB_EXPECT_ERROR(referrals().cooperation_pairs("", 5), invalid_argument, "site", "");
}

TEST_F(ReferralsTest, ASitesIndustryFieldTakesPrecedence) {
    FieldDef f;
    f.key = "industry";
    f.section = "standing";
    f.type = FieldType::single_choice;
    f.label = {"行业", "", "Industry"};
    f.options = {{"finance", {"金融", "", ""}}, {"fangchan", {"房地产开发", "", ""}}, {"tea", {"茶叶", "", ""}}};
    TemplateEdit e;
    e.op = TemplateEdit::Op::add_field;
    e.field = f;
    archive_.templates().edit("XH", {e});
    const std::int64_t a = customer("甲"), b = customer("乙"), t = customer("丙");
    // The company says construction, the site's field says finance: the field wins.
    archive_.profiles().set(a, {{"company", std::string("中建三局")}, {"industry", std::string("finance")}});
    archive_.profiles().set(b, {{"industry", std::string("fangchan")}});   // its label classifies as real estate
    archive_.profiles().set(t, {{"industry", std::string("tea")}});        // a key of the site's own
    auto pairs = referrals().cooperation_pairs("XH", 10);
    ASSERT_EQ(1u, pairs.size());
    EXPECT_EQ(a, pairs[0].a.customer_id);
    EXPECT_EQ("finance", pairs[0].a.industry);
    EXPECT_EQ("industry", pairs[0].a.matched_by);
    EXPECT_EQ("real_estate", pairs[0].b.industry);
    referrals().set_affinities("XH", {{"tea", "real_estate", 0.8, "茶室与会所"}});
    pairs = referrals().cooperation_pairs("XH", 10);
    ASSERT_EQ(1u, pairs.size());
    EXPECT_EQ(t, pairs[0].a.customer_id);
    EXPECT_EQ("tea", pairs[0].a.industry);
}

} // namespace
