// The referral service's analytics on a small archive: PageRank, key persons, circles and influence
// follow the definitions (graph_oracles.hpp), a site's view, and the snowball metrics per month.
#include "referrals/graph.hpp"
#include "graph_oracles.hpp"
#include "referrals_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;
namespace rg = snowball::referral_graph;

// ---------------------------------------------------------------------------------------------
// The service's analytics

TEST_F(ReferralsTest, PageRankKeyPersonsCirclesAndInfluenceFollowTheDefinitions) {
    std::mt19937 rng(13);
    const auto c = customers(40);
    std::vector<rg::Claim> claims;
    for (std::size_t i = 1; i < c.size(); ++i) {
        if (rng() % 4 == 0) continue;
        const std::size_t j = rng() % i;
        refer(c[j], c[i]);
        claims.push_back({c[j], c[i], true});
        if (i > 2 && rng() % 3 == 0) {
            const std::size_t k = rng() % i;
            if (k != j) {
                refer(c[k], c[i]);
                claims.push_back({c[k], c[i], false});
            }
        }
    }
    int unit = 0;
    std::map<std::int64_t, int> deals;
    for (std::size_t i = 0; i < c.size(); i += 3) {
        deal(c[i], "2-" + std::to_string(++unit), "2025-06-01");
        ++deals[c[i]];
    }

    const auto expected = dense_pagerank(claims);
    const auto ranks = referrals().pagerank();
    ASSERT_EQ(expected.size(), ranks.size());
    for (const NodeScore& s : ranks) EXPECT_NEAR(expected.at(s.customer_id), s.score, 1e-12);

    // descendant_deals: Σ over descendants of deals × 0.5^(generation - 1), by walking up.
    const auto parent = credited_parents(claims);
    std::map<std::int64_t, double> weighted;
    for (const auto& [id, n] : deals) {
        int generation = 0;
        for (auto it = parent.find(id); it != parent.end(); it = parent.find(it->second))
            weighted[it->second] += n * std::pow(0.5, generation++);
    }
    std::vector<std::pair<double, std::int64_t>> order;
    for (const auto& [id, w] : weighted) order.push_back({-w, id});
    std::sort(order.begin(), order.end());
    KeyPersonQuery q;
    q.limit = 5;
    const KeyPersonRanking by_deals = referrals().key_persons(q);
    ASSERT_EQ(std::min<std::size_t>(5, order.size()), by_deals.people.size());
    for (std::size_t i = 0; i < by_deals.people.size(); ++i) {
        EXPECT_EQ(order[i].second, by_deals.people[i].customer_id) << i;
        EXPECT_NEAR(-order[i].first, by_deals.people[i].score, 1e-12);
        EXPECT_FALSE(by_deals.people[i].name.empty());
    }

    q.by = KeyPersonMeasure::pagerank;
    q.limit = 3;
    const auto by_rank = referrals().key_persons(q);
    std::vector<std::pair<double, std::int64_t>> rank_order;
    for (const auto& [id, x] : expected) rank_order.push_back({-x, id});
    std::sort(rank_order.begin(), rank_order.end());
    ASSERT_EQ(3u, by_rank.people.size());
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(rank_order[i].second, by_rank.people[i].customer_id);

    q.by = KeyPersonMeasure::betweenness;
    q.limit = 10000;
    const auto by_bridges = referrals().key_persons(q);
    EXPECT_TRUE(by_bridges.exact);
    const auto brute = brute_betweenness(claims);
    for (const KeyPerson& p : by_bridges.people) EXPECT_NEAR(brute.at(p.customer_id), p.score, 1e-9);
    std::size_t positive = 0;
    for (const auto& [id, b] : brute) positive += b > 0 ? 1 : 0;
    EXPECT_EQ(positive, by_bridges.people.size());

    const auto circles = bfs_circles(claims);
    const auto found = referrals().circles({}, 1);
    std::size_t members = 0;
    for (const Circle& circle : found) {
        members += circle.members.size();
        for (std::int64_t m : circle.members) EXPECT_EQ(circle.id, circles.at(m));
        std::int64_t circle_deals = 0;
        for (std::int64_t m : circle.members) circle_deals += deals.count(m) ? deals[m] : 0;
        EXPECT_EQ(circle_deals, circle.deals);
    }
    EXPECT_EQ(circles.size(), members);
    for (std::size_t i = 1; i < found.size(); ++i) EXPECT_GE(found[i - 1].members.size(), found[i].members.size());

    for (const Influence& i : referrals().influence()) {
        EXPECT_EQ(circles.at(i.customer_id), i.circle);
        const auto p = parent.find(i.customer_id);
        EXPECT_EQ(p == parent.end() ? std::nullopt : std::optional<std::int64_t>(p->second), i.referrer_id);
        EXPECT_NEAR(weighted[i.customer_id], i.weighted_deals, 1e-12);
    }
}

TEST_F(ReferralsTest, ASiteViewHoldsTheReferralsOfItsReferees) {
    const auto xh = customers(3);
    const auto bj = customers(2, "BJ");
    refer(xh[0], xh[1]);
    refer(xh[1], bj[0]);   // an XH customer brings a friend to BJ
    refer(bj[0], bj[1]);
    refer(xh[0], xh[2]);
    const auto at_bj = referrals().pagerank("BJ");
    std::set<std::int64_t> nodes;
    for (const auto& s : at_bj) nodes.insert(s.customer_id);
    EXPECT_EQ((std::set<std::int64_t>{xh[1], bj[0], bj[1]}), nodes);
    EXPECT_EQ(5u, referrals().pagerank().size());
    EXPECT_EQ(3u, referrals().pagerank("xh").size());
    SB_EXPECT_ERROR(referrals().pagerank("NONE"), not_found, "site", "");
    KeyPersonQuery q;
    q.limit = 0;
    SB_EXPECT_ERROR(referrals().key_persons(q), invalid_argument, "limit", "");
    q.limit = 5;
    q.decay = 0;
    SB_EXPECT_ERROR(referrals().key_persons(q), invalid_argument, "decay", "");
    SB_EXPECT_ERROR(parse_key_person_measure("degree"), invalid_argument, "by", "descendant_deals, pagerank, betweenness");
    SB_EXPECT_ERROR(referrals().circles({}, 0), invalid_argument, "min_size", "");
}

TEST_F(ReferralsTest, SnowballMetricsPerMonth) {
    const auto c = customers(8);
    // March: c0 brings c1 and c2; c1 brings c3 (chain depth 2). April: c3 brings c4. May: nothing.
    NewReferral n;
    n.referrer_id = c[0];
    n.referee_id = c[1];
    n.date = d("2025-03-05");
    n.materials = {{MaterialKind::brochure, 2}};
    referrals().add(n);
    refer(c[0], c[2], ReferralMethod::chain, d("2025-03-10"));
    refer(c[1], c[3], ReferralMethod::chain, d("2025-03-20"));
    refer(c[3], c[4], ReferralMethod::chain, d("2025-04-02"));
    refer(c[5], c[4], ReferralMethod::chain, d("2025-04-03"));   // secondary
    refer(c[6], c[7], ReferralMethod::chain, d("2025-02-27"));   // February, before the range
    // Deals: March c1 (referred before) and c5 (not referred); April c4; May c0.
    deal(c[1], "3-1", "2025-03-25");
    deal(c[5], "3-2", "2025-03-26");
    deal(c[4], "3-3", "2025-04-20");
    deal(c[0], "3-4", "2025-05-01");
    const auto months = referrals().metrics({"XH", d("2025-03-15"), d("2025-05-31")});
    ASSERT_EQ(3u, months.size());
    const MonthMetrics &march = months[0], &april = months[1], &may = months[2];
    EXPECT_EQ(2025, march.year);
    EXPECT_EQ(3, march.month);
    EXPECT_EQ(2, march.deals);
    EXPECT_EQ(1, march.referred_deals);
    EXPECT_DOUBLE_EQ(0.5, *march.referral_share);
    EXPECT_EQ(3, march.referrals);
    EXPECT_EQ(2, march.referrers);
    EXPECT_DOUBLE_EQ((1 + 1 + 2) / 3.0, *march.mean_chain_depth);
    EXPECT_DOUBLE_EQ(3.0, *march.growth_factor);   // February had one
    EXPECT_EQ(2, march.materials.at(MaterialKind::brochure));
    EXPECT_EQ(1, april.referrals);
    EXPECT_EQ(1, april.secondary_claims);
    EXPECT_DOUBLE_EQ(3.0, *april.mean_chain_depth);
    EXPECT_DOUBLE_EQ(1.0 / 3.0, *april.growth_factor);
    EXPECT_DOUBLE_EQ(1.0, *april.referral_share);
    EXPECT_EQ(0, may.referrals);
    EXPECT_FALSE(may.mean_chain_depth);
    EXPECT_DOUBLE_EQ(0.0, *may.growth_factor);
    EXPECT_DOUBLE_EQ(0.0, *may.referral_share);
    EXPECT_EQ(0, may.new_customers);
    const auto january = referrals().metrics({"XH", d("2024-01-01"), d("2024-01-31")});
    EXPECT_EQ(8, january[0].new_customers);   // first contact 2024-01-02
    EXPECT_FALSE(january[0].referral_share);
    EXPECT_FALSE(january[0].growth_factor);
    SB_EXPECT_ERROR(referrals().metrics({"XH", d("2025-05-01"), d("2025-03-01")}), invalid_argument, "from", "after");
    SB_EXPECT_ERROR(referrals().metrics({"XH", d("2015-01-01"), d("2025-03-01")}), invalid_argument, "to", "120");
    SB_EXPECT_ERROR(referrals().metrics({"", d("2025-01-01"), d("2025-03-01")}), invalid_argument, "site", "");
}

} // namespace
