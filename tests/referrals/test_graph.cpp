// The referral graph's analytics (MISSION §3) as pure functions, checked against independent
// computations on small graphs (graph_oracles.hpp): nodes, the rules, PageRank, descendants and
// weighted deals, generations, circles, betweenness (exact and estimated).
#include "referrals/graph.hpp"
#include "graph_oracles.hpp"
#include "test_support.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;
namespace rg = snowball::referral_graph;

// ---------------------------------------------------------------------------------------------
// Pure analytics

TEST(ReferralGraph, NodesAreTheCustomersInAClaimInIdOrder) {
    const rg::Graph g = rg::build({{30, 10, true}, {30, 20, false}, {10, 40, true}});
    EXPECT_EQ((std::vector<std::int64_t>{10, 20, 30, 40}), g.ids);
    EXPECT_EQ(rg::none, g.index(25));
    EXPECT_EQ(2u, g.index(30));
    EXPECT_EQ(g.index(30), g.parent[g.index(10)]);
    EXPECT_EQ(rg::none, g.parent[g.index(20)]);   // a secondary claim credits nobody
    EXPECT_EQ((std::vector<int>{1, 0, 0, 2}), g.depth);
    EXPECT_EQ(3u, g.claims);
    EXPECT_EQ(0u, rg::build({}).size());
}

TEST(ReferralGraph, RefusesWhatTheRulesForbid) {
    EXPECT_THROW(rg::build({{1, 2, true}, {3, 2, true}}), Error);   // two credited referrers
    EXPECT_THROW(rg::build({{1, 2, true}, {2, 1, true}}), Error);   // a cycle
    EXPECT_THROW(rg::build({{1, 1, true}}), Error);
}

TEST(ReferralGraph, PageRankEqualsADensePowerIterationOfTheDefinition) {
    std::mt19937 rng(6);
    for (int round = 0; round < 12; ++round) {
        const auto claims = random_claims(rng, 5 + round * 7, 0.3 + 0.05 * round, 0.2, 1 + round % 3);
        const rg::Graph g = rg::build(claims);
        const auto pr = rg::pagerank(g.up);
        const auto expected = dense_pagerank(claims);
        ASSERT_EQ(expected.size(), pr.rank.size());
        double sum = 0;
        for (rg::Index v = 0; v < g.size(); ++v) {
            EXPECT_NEAR(expected.at(g.ids[v]), pr.rank[v], 1e-12) << "round " << round << " customer " << g.ids[v];
            sum += pr.rank[v];
        }
        EXPECT_NEAR(1.0, sum, 1e-12);
        EXPECT_LT(pr.change, 1e-12);
    }
}

TEST(ReferralGraph, PageRankOfTwoCustomersSolvedByHand) {
    // b → a: x_a = 0.85·(x_b + x_a/2) + 0.075, x_b = 0.85·x_a/2 + 0.075, x_a + x_b = 1.
    const auto pr = rg::pagerank(rg::build({{1, 2, true}}).up);
    // From x_b = 0.425·x_a + 0.075 and x_a + x_b = 1: x_a = 0.925 / 1.425.
    EXPECT_NEAR(0.925 / 1.425, pr.rank[0], 1e-12);
    EXPECT_NEAR(1 - 0.925 / 1.425, pr.rank[1], 1e-12);
}

TEST(ReferralGraph, PageRankOnAnyBoostGraphWithSeveralOutEdges) {
    // The definition spreads a node's rank over its out-edges; the referral forest has one at most,
    // but the function is the definition on any graph: check it on one with several.
    using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    G g(4);
    boost::add_edge(0, 1, g);
    boost::add_edge(0, 2, g);
    boost::add_edge(1, 2, g);
    boost::add_edge(2, 0, g);   // node 3 is dangling
    const auto pr = rg::pagerank(g);
    // Dense reference.
    std::vector<double> x(4, 0.25);
    for (int step = 0; step < 2000; ++step) {
        const double dangling = x[3];
        std::vector<double> y(4, 0.85 * dangling / 4 + 0.15 / 4);
        y[1] += 0.85 * x[0] / 2;
        y[2] += 0.85 * x[0] / 2 + 0.85 * x[1];
        y[0] += 0.85 * x[2];
        x = y;
    }
    for (int v = 0; v < 4; ++v) EXPECT_NEAR(x[static_cast<std::size_t>(v)], pr.rank[static_cast<std::size_t>(v)], 1e-12);
}

TEST(ReferralGraph, DescendantsAndWeightedDealsEqualWalkingUpFromEveryCustomer) {
    std::mt19937 rng(7);
    for (int round = 0; round < 8; ++round) {
        const auto claims = random_claims(rng, 40 + 20 * round, 0.7, 0.3, 2);
        const rg::Graph g = rg::build(claims);
        std::vector<int> deals(g.size());
        for (auto& x : deals) x = static_cast<int>(rng() % 3);
        const double decay = 0.5 + 0.1 * (round % 5);
        const rg::Reach r = rg::reach(g, deals, decay);
        const auto parent = credited_parents(claims);
        std::map<std::int64_t, std::int64_t> descendants, descendant_deals;
        std::map<std::int64_t, double> weighted;
        for (rg::Index v = 0; v < g.size(); ++v) {
            int generation = 0;
            for (auto it = parent.find(g.ids[v]); it != parent.end(); it = parent.find(it->second)) {
                ++generation;
                descendants[it->second] += 1;
                descendant_deals[it->second] += deals[v];
                weighted[it->second] += deals[v] * std::pow(decay, generation - 1);
            }
            EXPECT_EQ(generation, g.depth[v]);
        }
        for (rg::Index v = 0; v < g.size(); ++v) {
            EXPECT_EQ(descendants[g.ids[v]], r.descendants[v]);
            EXPECT_EQ(descendant_deals[g.ids[v]], r.descendant_deals[v]);
            EXPECT_NEAR(weighted[g.ids[v]], r.weighted_deals[v], 1e-9);
        }
    }
}

TEST(ReferralGraph, GenerationsAreTheCustomersAtEachDistance) {
    std::mt19937 rng(8);
    const auto claims = random_claims(rng, 120, 0.9, 0.2);
    const rg::Graph g = rg::build(claims);
    const auto parent = credited_parents(claims);
    for (rg::Index root = 0; root < g.size(); root += 7) {
        std::map<int, std::vector<std::int64_t>> expected;
        for (rg::Index v = 0; v < g.size(); ++v) {
            int distance = 0;
            for (auto it = parent.find(g.ids[v]); it != parent.end(); it = parent.find(it->second)) {
                ++distance;
                if (it->second == g.ids[root]) {
                    expected[distance].push_back(g.ids[v]);
                    break;
                }
            }
        }
        const auto found = rg::generations(g, root);
        ASSERT_EQ(expected.size(), found.size());
        for (std::size_t i = 0; i < found.size(); ++i) {
            std::vector<std::int64_t> ids;
            for (rg::Index v : found[i]) ids.push_back(g.ids[v]);
            EXPECT_EQ(expected[static_cast<int>(i) + 1], ids);
        }
        if (found.size() > 1) {
            EXPECT_EQ(1u, rg::generations(g, root, 1).size());
        }
    }
}

TEST(ReferralGraph, CirclesEqualABreadthFirstSearchOverEveryClaim) {
    std::mt19937 rng(9);
    for (int round = 0; round < 6; ++round) {
        const auto claims = random_claims(rng, 60 + 30 * round, 0.4, 0.15, 3);
        const rg::Graph g = rg::build(claims);
        const rg::Components c = rg::components(g);
        const auto expected = bfs_circles(claims);
        std::set<std::int64_t> distinct;
        for (rg::Index v = 0; v < g.size(); ++v) {
            distinct.insert(expected.at(g.ids[v]));
            // Same circle in both ⇔ same circle in the reference.
            const rg::Index first = g.index(expected.at(g.ids[v]));
            EXPECT_EQ(c.of[first], c.of[v]);
        }
        EXPECT_EQ(distinct.size(), c.count);
        for (rg::Index v = 1; v < g.size(); ++v) EXPECT_LE(c.of[v], *std::max_element(c.of.begin(), c.of.begin() + v) + 1);
    }
}

TEST(ReferralGraph, BetweennessEqualsBruteForceShortestPaths) {
    std::mt19937 rng(10);
    for (int round = 0; round < 8; ++round) {
        const auto claims = random_claims(rng, 8 + 6 * round, 0.6, 0.5, 1 + round % 2);
        const rg::Graph g = rg::build(claims);
        const auto b = rg::betweenness(g, rg::components(g));
        EXPECT_TRUE(b.exact);
        const auto expected = brute_betweenness(claims);
        for (rg::Index v = 0; v < g.size(); ++v)
            EXPECT_NEAR(expected.at(g.ids[v]), b.score[v], 1e-9) << "round " << round << " customer " << g.ids[v];
    }
}

TEST(ReferralGraph, BetweennessEqualsBoostBrandesOnTheUndirectedGraph) {
    std::mt19937 rng(11);
    const auto claims = random_claims(rng, 80, 0.7, 0.4);
    const rg::Graph g = rg::build(claims);
    const auto mine = rg::betweenness(g, rg::components(g));
    // Boost's Brandes on an undirected graph counts each unordered pair once, as ours does.
    using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    G u(g.size());
    for (const auto& c : claims) boost::add_edge(g.index(c.referrer), g.index(c.referee), u);
    std::vector<double> centrality(g.size());
    boost::brandes_betweenness_centrality(
        u, boost::make_iterator_property_map(centrality.begin(), boost::get(boost::vertex_index, u)));
    for (rg::Index v = 0; v < g.size(); ++v) EXPECT_NEAR(centrality[v], mine.score[v], 1e-9);
}

TEST(ReferralGraph, BetweennessBeyondTheBudgetIsEstimatedAndSaysSo) {
    // A star of 400 leaves around customer 1, plus a path 1000-1001-1002.
    std::vector<rg::Claim> claims;
    for (int leaf = 2; leaf <= 401; ++leaf) claims.push_back({1, leaf, true});
    claims.push_back({1000, 1001, true});
    claims.push_back({1001, 1002, true});
    const rg::Graph g = rg::build(claims);
    rg::BetweennessOptions small;
    small.budget = 40 * 1000;   // about 40 searches of the star
    small.min_sources = 16;
    const auto estimate = rg::betweenness(g, rg::components(g), small);
    EXPECT_FALSE(estimate.exact);
    EXPECT_LT(estimate.sources, 404);
    EXPECT_GE(estimate.sources, 16);
    const double exact_center = 400.0 * 399 / 2;
    EXPECT_NEAR(exact_center, estimate.score[g.index(1)], exact_center * 0.1);
    EXPECT_DOUBLE_EQ(1.0, estimate.score[g.index(1001)]);   // a small circle stays exact
    EXPECT_DOUBLE_EQ(0.0, estimate.score[g.index(2)]);
    // The same seed, the same sources, the same scores.
    EXPECT_EQ(estimate.score, rg::betweenness(g, rg::components(g), small).score);
    const auto exact = rg::betweenness(g, rg::components(g));
    EXPECT_TRUE(exact.exact);
    EXPECT_DOUBLE_EQ(exact_center, exact.score[g.index(1)]);
}

} // namespace
