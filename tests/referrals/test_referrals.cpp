// The referral graph (MISSION §3): the graph analytics as pure functions checked against
// independent computations on small graphs (PageRank by a dense power iteration, betweenness by
// brute-force shortest paths, circles by breadth-first search, descendants by walking up), the
// keyword table, the intent signal, cooperation matching against a brute-force enumeration; then the
// service on a small archive: every rule with bad input and nothing written, trees, snowball
// metrics, rankings, circles, personal observation, cross cooperation and the reward ledger.
#include "snowball/customers.hpp"
#include "snowball/profiles.hpp"
#include "snowball/referrals.hpp"

#include "referrals/graph.hpp"
#include "referrals/matching.hpp"
#include "test_support.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/date_time/gregorian/gregorian.hpp>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
namespace rg = snowball::referral_graph;
using boost::gregorian::days;
using snowball::testing::ArchiveTest;
using snowball::testing::expect_error;

Date d(const char* iso) { return parse_date(iso); }

// ---------------------------------------------------------------------------------------------
// Independent computations on small graphs

// Random claims over customers with ids step, 2·step, ...: every claim goes from a smaller id to a
// larger one (so no cycle); about `credited` of the customers have a credited referrer, and some
// have secondary claims too.
std::vector<rg::Claim> random_claims(std::mt19937& rng, int n, double credited, double secondary, std::int64_t step = 1) {
    std::vector<rg::Claim> claims;
    std::uniform_real_distribution<double> coin(0, 1);
    for (int i = 1; i < n; ++i) {
        std::uniform_int_distribution<int> earlier(0, i - 1);
        std::set<int> used;
        if (coin(rng) < credited) {
            const int j = earlier(rng);
            used.insert(j);
            claims.push_back({(j + 1) * step, (i + 1) * step, true});
        }
        if (coin(rng) < secondary) {
            const int j = earlier(rng);
            if (used.insert(j).second) claims.push_back({(j + 1) * step, (i + 1) * step, false});
        }
    }
    std::shuffle(claims.begin(), claims.end(), rng);
    return claims;
}

// PageRank by the definition, with a dense matrix: x ← alpha·(M x + dangling/n) + (1 - alpha)/n.
std::map<std::int64_t, double> dense_pagerank(const std::vector<rg::Claim>& claims, double tolerance = 1e-15) {
    std::set<std::int64_t> ids;
    for (const auto& c : claims) ids.insert({c.referrer, c.referee});
    const std::vector<std::int64_t> nodes(ids.begin(), ids.end());
    const std::size_t n = nodes.size();
    const auto at = [&](std::int64_t id) { return std::lower_bound(nodes.begin(), nodes.end(), id) - nodes.begin(); };
    std::vector<std::vector<double>> m(n, std::vector<double>(n, 0));   // m[to][from]
    std::vector<int> out(n, 0);
    for (const auto& c : claims)
        if (c.credited) ++out[static_cast<std::size_t>(at(c.referee))];
    for (const auto& c : claims)
        if (c.credited) m[static_cast<std::size_t>(at(c.referrer))][static_cast<std::size_t>(at(c.referee))] += 1.0 / out[static_cast<std::size_t>(at(c.referee))];
    std::vector<double> x(n, 1.0 / static_cast<double>(n));
    for (int step = 0; step < 100000; ++step) {
        double dangling = 0;
        for (std::size_t j = 0; j < n; ++j)
            if (out[j] == 0) dangling += x[j];
        std::vector<double> y(n);
        double change = 0;
        for (std::size_t i = 0; i < n; ++i) {
            double sum = 0;
            for (std::size_t j = 0; j < n; ++j) sum += m[i][j] * x[j];
            y[i] = 0.85 * (sum + dangling / static_cast<double>(n)) + 0.15 / static_cast<double>(n);
            change += std::fabs(y[i] - x[i]);
        }
        x = y;
        if (change < tolerance) break;
    }
    std::map<std::int64_t, double> ranks;
    for (std::size_t i = 0; i < n; ++i) ranks[nodes[i]] = x[i];
    return ranks;
}

// Undirected adjacency of every claim, by customer id.
std::map<std::int64_t, std::set<std::int64_t>> adjacency(const std::vector<rg::Claim>& claims) {
    std::map<std::int64_t, std::set<std::int64_t>> adj;
    for (const auto& c : claims) {
        adj[c.referrer].insert(c.referee);
        adj[c.referee].insert(c.referrer);
    }
    return adj;
}

// Betweenness by brute force: for every unordered pair {s, t}, the shortest-path counts from both
// ends; v lies on σ_sv·σ_vt of the σ_st shortest paths when d(s,v) + d(v,t) = d(s,t).
std::map<std::int64_t, double> brute_betweenness(const std::vector<rg::Claim>& claims) {
    const auto adj = adjacency(claims);
    std::map<std::int64_t, std::map<std::int64_t, std::pair<int, double>>> bfs;   // s → v → (distance, paths)
    for (const auto& [s, ignored] : adj) {
        auto& found = bfs[s];
        found[s] = {0, 1};
        std::deque<std::int64_t> queue{s};
        while (!queue.empty()) {
            const std::int64_t v = queue.front();
            queue.pop_front();
            for (std::int64_t w : adj.at(v)) {
                if (!found.count(w)) {
                    found[w] = {found[v].first + 1, 0};
                    queue.push_back(w);
                }
                if (found[w].first == found[v].first + 1) found[w].second += found[v].second;
            }
        }
    }
    std::map<std::int64_t, double> score;
    for (const auto& [v, ignored] : adj) score[v] = 0;
    for (const auto& [s, from_s] : bfs)
        for (const auto& [t, st] : from_s) {
            if (t <= s) continue;
            for (const auto& [v, sv] : from_s) {
                if (v == s || v == t) continue;
                const auto vt = bfs[v].find(t);
                if (vt != bfs[v].end() && sv.first + vt->second.first == st.first)
                    score[v] += sv.second * vt->second.second / st.second;
            }
        }
    return score;
}

// Circles by breadth-first search: customer id → the smallest id of its circle.
std::map<std::int64_t, std::int64_t> bfs_circles(const std::vector<rg::Claim>& claims) {
    const auto adj = adjacency(claims);
    std::map<std::int64_t, std::int64_t> circle;
    for (const auto& [start, ignored] : adj) {
        if (circle.count(start)) continue;
        std::vector<std::int64_t> queue{start};
        circle[start] = start;
        for (std::size_t i = 0; i < queue.size(); ++i)
            for (std::int64_t w : adj.at(queue[i]))
                if (!circle.count(w)) {
                    circle[w] = start;   // ids ascend in the map: `start` is the smallest
                    queue.push_back(w);
                }
    }
    return circle;
}

std::map<std::int64_t, std::int64_t> credited_parents(const std::vector<rg::Claim>& claims) {
    std::map<std::int64_t, std::int64_t> parent;
    for (const auto& c : claims)
        if (c.credited) parent[c.referee] = c.referrer;
    return parent;
}

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
// The service

class ReferralsTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "西湖印象", ""});
        archive_.sites().add({"BJ", "北京朝阳", ""});
        wang_ = archive_.consultants().add({"XH", "王芳", ""}).id;
        li_ = archive_.consultants().add({"BJ", "李强", ""}).id;
    }

    Referrals& referrals() { return archive_.referrals(); }

    std::int64_t customer(const std::string& name, const std::string& site = "XH", Tier tier = Tier::ordinary) {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::visit;
        c.name = name;
        c.tier = tier;
        c.consultant_id = site == "XH" ? wang_ : li_;
        c.first_contact = d("2024-01-02");
        return archive_.customers().add(c).id;
    }

    // Files customers "C1".."Cn"; returns their ids.
    std::vector<std::int64_t> customers(int n, const std::string& site = "XH") {
        std::vector<std::int64_t> ids;
        for (int i = 1; i <= n; ++i) ids.push_back(customer("客户" + std::to_string(i), site));
        return ids;
    }

    Referral refer(std::int64_t referrer, std::int64_t referee, ReferralMethod method = ReferralMethod::chain,
                   std::optional<Date> date = std::nullopt) {
        NewReferral r;
        r.referrer_id = referrer;
        r.referee_id = referee;
        r.method = method;
        r.date = date;
        return referrals().add(r);
    }

    std::int64_t deal(std::int64_t customer_id, const std::string& unit, const char* date) {
        NewDeal n;
        n.unit = unit;
        n.area = 89;
        n.price = 2000000;
        n.date = d(date);
        return archive_.customers().record_deal(customer_id, n).id;
    }

    // Another connection changes what only the past could have written: when a customer was filed.
    void filed_on(std::int64_t customer_id, const char* utc) {
        SQLite::Database db(path(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE customers SET filed_at = '" + std::string(utc) + "' WHERE id = " + std::to_string(customer_id));
    }

    std::vector<std::vector<std::int64_t>> ids(const ReferralTree& t) {
        std::vector<std::vector<std::int64_t>> out;
        for (const auto& g : t.generations) {
            out.emplace_back();
            for (const auto& m : g) out.back().push_back(m.customer_id);
        }
        return out;
    }

    std::int64_t wang_ = 0, li_ = 0;
};

TEST_F(ReferralsTest, ARegisteredReferralReadsBackWithEverything) {
    const std::int64_t zhang = customer("张伟"), li = customer("李娜");
    NewReferral n;
    n.referrer_id = zhang;
    n.referee_id = li;
    n.method = ReferralMethod::key_person;
    n.materials = {{MaterialKind::letter, 1}, {MaterialKind::brochure, 3}};
    n.note = "业主会上介绍";
    const Referral r = referrals().add(n);
    EXPECT_GT(r.id, 0);
    EXPECT_EQ("XH", r.site);
    EXPECT_EQ(zhang, r.referrer_id);
    EXPECT_EQ("张伟", r.referrer_name);
    EXPECT_EQ(li, r.referee_id);
    EXPECT_EQ("李娜", r.referee_name);
    EXPECT_FALSE(r.referee_archive_no.empty());
    EXPECT_EQ(ReferralMethod::key_person, r.method);
    EXPECT_EQ(today_in_china(), r.date);
    EXPECT_TRUE(r.credited);
    EXPECT_EQ((std::vector<Material>{{MaterialKind::brochure, 3}, {MaterialKind::letter, 1}}), r.materials);
    EXPECT_EQ(wang_, r.consultant_id);   // the referee's consultant registered it
    EXPECT_EQ("业主会上介绍", r.note);
    EXPECT_EQ(r.materials, referrals().get(r.id).materials);
    EXPECT_EQ(1, raw().count("referrals"));
    EXPECT_EQ(2, raw().count("referral_materials"));
    EXPECT_EQ("key_person", raw().text("SELECT method FROM referrals"));
}

TEST_F(ReferralsTest, MethodsAndMaterialsHaveKeysAndChineseAliases) {
    EXPECT_EQ(ReferralMethod::chain, parse_referral_method("连锁介绍"));
    EXPECT_EQ(ReferralMethod::key_person, parse_referral_method("权威介绍"));
    EXPECT_EQ(ReferralMethod::cooperation, parse_referral_method("交叉合作"));
    EXPECT_EQ(ReferralMethod::event_guest, parse_referral_method("EVENT_GUEST"));
    EXPECT_EQ(ReferralMethod::observation, parse_referral_method("个人观察"));
    EXPECT_EQ(MaterialKind::business_card, parse_material_kind("名片"));
    for (auto m : {ReferralMethod::chain, ReferralMethod::key_person, ReferralMethod::cooperation,
                   ReferralMethod::event_guest, ReferralMethod::observation})
        EXPECT_EQ(m, parse_referral_method(to_string(m)));
    SB_EXPECT_ERROR(parse_referral_method("friend"), invalid_argument, "method",
                    "chain, key_person, cooperation, event_guest, observation");
}

TEST_F(ReferralsTest, TheFirstRegistrationIsCreditedLaterClaimsAreSecondary) {
    const auto c = customers(3);
    EXPECT_TRUE(refer(c[0], c[2]).credited);
    const Referral second = refer(c[1], c[2], ReferralMethod::event_guest);
    EXPECT_FALSE(second.credited);
    const CustomerReferrals of = referrals().of(c[2]);
    ASSERT_TRUE(of.referred_by);
    EXPECT_EQ(c[0], of.referred_by->referrer_id);
    ASSERT_EQ(1u, of.other_claims.size());
    EXPECT_EQ(c[1], of.other_claims[0].referrer_id);
    EXPECT_EQ(1u, referrals().of(c[0]).referred.size());
    EXPECT_EQ(1, raw().count("referrals", "credited = 1"));
    // The tree follows the credited referrer only; the circle holds every claim.
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[2]}}), ids(referrals().tree(c[0])));
    EXPECT_TRUE(referrals().tree(c[1]).generations.empty());
    const auto circles = referrals().circles();
    ASSERT_EQ(1u, circles.size());
    EXPECT_EQ(c, circles[0].members);
    EXPECT_EQ(2, circles[0].referrals);
}

TEST_F(ReferralsTest, EveryRuleRefusesBadInputAndWritesNothing) {
    const auto c = customers(4);
    const std::int64_t bj = customer("北京客户", "BJ");
    refer(c[0], c[1]);
    refer(c[1], c[2]);
    const std::int64_t removed = customer("已删除");
    archive_.customers().remove(removed);
    const std::int64_t old = customer("老客户");
    filed_on(old, "2025-03-01T02:00:00Z");
    const std::int64_t left = archive_.consultants().add({"XH", "离职", ""}).id;
    ConsultantUpdate leaves;
    leaves.active = false;
    archive_.consultants().update(left, leaves);
    const std::string before = dump();

    const auto bad = [&](NewReferral r, Status status, const std::string& field, const std::string& fragment) {
        SCOPED_TRACE(field + " / " + fragment);
        expect_error([&] { referrals().add(r); }, status, field, fragment);
        expect_error([&] { referrals().add_many({r}); }, status, "referrals[0]." + field, fragment);
        EXPECT_EQ(before, dump());
    };
    NewReferral base;
    base.referrer_id = c[0];
    base.referee_id = c[3];
    NewReferral r = base;
    r.referee_id = c[0];
    bad(r, Status::invalid_argument, "referee_id", "cannot refer themselves");
    r = base;
    r.referrer_id = c[2];
    r.referee_id = c[0];   // c0 → c1 → c2 → c0
    bad(r, Status::invalid_argument, "referee_id", "cycle");
    r.referrer_id = c[1];   // c0 → c1 → c0
    bad(r, Status::invalid_argument, "referee_id", "cycle");
    r = base;
    r.referee_id = c[1];   // the same pair twice
    {
        const auto e = expect_error([&] { referrals().add(r); }, Status::conflict, "referrer_id", "already on file");
        ASSERT_TRUE(e);
        EXPECT_EQ(raw().integer("SELECT id FROM referrals WHERE referee_id = " + std::to_string(c[1])), e->record_id());
    }
    r = base;
    r.referee_id = old;    // filed last year: not new
    bad(r, Status::invalid_argument, "date", "must be new to the site");
    r = base;
    r.date = today_in_china() + days(1);
    bad(r, Status::invalid_argument, "date", "in the future");
    r = base;
    r.referrer_id = 424242;
    bad(r, Status::not_found, "referrer_id", "no customer with id 424242");
    r = base;
    r.referee_id = removed;
    bad(r, Status::not_found, "referee_id", "no customer");
    r = base;
    r.referee_id = 0;
    bad(r, Status::invalid_argument, "referee_id", "customer id");
    r = base;
    r.materials = {{MaterialKind::brochure, 0}};
    bad(r, Status::invalid_argument, "materials.brochure", "between 1 and 10000");
    r.materials = {{MaterialKind::letter, 10001}};
    bad(r, Status::invalid_argument, "materials.letter", "between 1 and 10000");
    r.materials = {{MaterialKind::letter, 1}, {MaterialKind::letter, 2}};
    bad(r, Status::invalid_argument, "materials.letter", "twice");
    r = base;
    r.consultant_id = li_;
    bad(r, Status::invalid_argument, "consultant_id", "works at site BJ");
    r.consultant_id = left;
    bad(r, Status::invalid_state, "consultant_id", "no longer active");
    r.consultant_id = 9999;
    bad(r, Status::not_found, "consultant_id", "");
    r = base;
    r.note = std::string(501, 'x');
    bad(r, Status::invalid_argument, "note", "");
    r = base;
    r.note = "bad\x01";
    bad(r, Status::invalid_argument, "note", "");

    // A batch is all or nothing: the second claim's error names it, the first is not kept.
    NewReferral fine = base;
    NewReferral self = base;
    self.referee_id = c[3];
    self.referrer_id = c[3];
    SB_EXPECT_ERROR(referrals().add_many({fine, self}), invalid_argument, "referrals[1].referee_id", "themselves");
    EXPECT_EQ(before, dump());
    // A cycle inside the batch itself.
    NewReferral back = base;
    back.referrer_id = c[3];
    back.referee_id = c[0];
    SB_EXPECT_ERROR(referrals().add_many({fine, back}), invalid_argument, "referrals[1].referee_id", "cycle");
    EXPECT_EQ(before, dump());

    // Across sites a referral is fine: the referee's site is the referral's.
    NewReferral cross = base;
    cross.referee_id = bj;
    EXPECT_EQ("BJ", referrals().add(cross).site);
    // An older introduction date makes an old customer's referral acceptable.
    NewReferral dated = base;
    dated.referee_id = old;
    dated.date = d("2025-03-01");
    EXPECT_TRUE(referrals().add(dated).credited);
}

TEST_F(ReferralsTest, TheNewRuleUsesTheFilingDayInChina) {
    const auto c = customers(3);
    // Filed at 17:00 UTC on 1 March = 2 March, 01:00 in China: a referral dated 2 March is in time.
    filed_on(c[1], "2025-03-01T17:00:00Z");
    EXPECT_NO_THROW(refer(c[0], c[1], ReferralMethod::chain, d("2025-03-02")));
    filed_on(c[2], "2025-03-01T15:59:59Z");   // still 1 March in China
    SB_EXPECT_ERROR(refer(c[0], c[2], ReferralMethod::chain, d("2025-03-02")), invalid_argument, "date", "2025-03-01");
}

TEST_F(ReferralsTest, RemovingTheCreditedClaimCreditsTheNextOne) {
    const auto c = customers(4);
    const Referral first = refer(c[0], c[3]);
    const Referral second = refer(c[1], c[3]);
    refer(c[2], c[3]);
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[3]}}), ids(referrals().tree(c[0])));
    referrals().remove(first.id);
    EXPECT_TRUE(referrals().get(second.id).credited);
    EXPECT_EQ(1, raw().count("referrals", "credited = 1"));
    EXPECT_TRUE(referrals().tree(c[0]).generations.empty());   // the cached graph followed
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[3]}}), ids(referrals().tree(c[1])));
    SB_EXPECT_ERROR(referrals().remove(first.id), not_found, "referral_id", "no referral");
}

TEST_F(ReferralsTest, TheTreeListsGenerationsAndTheirDeals) {
    const auto c = customers(7);
    refer(c[0], c[1]);
    refer(c[0], c[2]);
    refer(c[1], c[3]);
    refer(c[1], c[4]);
    refer(c[4], c[5]);
    refer(c[6], c[5]);   // secondary: not in c6's tree
    deal(c[3], "1-1-101", "2025-05-01");
    deal(c[5], "1-1-102", "2025-04-01");
    deal(c[0], "1-1-103", "2025-03-01");   // the root's own deal is not among the descendants'
    const ReferralTree t = referrals().tree(c[0]);
    EXPECT_EQ(c[0], t.root);
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[1], c[2]}, {c[3], c[4]}, {c[5]}}), ids(t));
    EXPECT_EQ(5, t.descendants);
    ASSERT_EQ(2u, t.deals.size());
    EXPECT_EQ("1-1-102", t.deals[0].unit);   // by date
    EXPECT_EQ("1-1-101", t.deals[1].unit);
    EXPECT_EQ(c[1], t.generations[1][0].referrer_id);
    EXPECT_EQ(1, t.generations[1][0].deals);
    EXPECT_EQ(Stage::owner, t.generations[1][0].stage);
    EXPECT_EQ(3, t.generations[2][0].generation);
    EXPECT_EQ("客户6", t.generations[2][0].name);
    EXPECT_EQ(2u, referrals().tree(c[0], 2).generations.size());
    EXPECT_TRUE(referrals().tree(c[6]).generations.empty());
    SB_EXPECT_ERROR(referrals().tree(424242), not_found, "customer_id", "");
    SB_EXPECT_ERROR(referrals().tree(c[0], -1), invalid_argument, "max_generations", "");
}

TEST_F(ReferralsTest, AnotherHandleSeesNewReferralsAtOnce) {
    const auto c = customers(3);
    refer(c[0], c[1]);
    Archive other = Archive::open(path());
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[1]}}), ids(other.referrals().tree(c[0])));
    refer(c[1], c[2]);   // through the first handle: the other's cached graph is stale now
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[1]}, {c[2]}}), ids(other.referrals().tree(c[0])));
    EXPECT_EQ(3u, other.referrals().pagerank().size());
}

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

TEST_F(ReferralsTest, TheRewardLedger) {
    const auto c = customers(6);
    const std::int64_t referral = refer(c[0], c[1]).id;
    refer(c[0], c[2], ReferralMethod::event_guest);
    refer(c[3], c[1]);   // a secondary claim earns nothing
    const std::int64_t d1 = deal(c[1], "6-1", to_iso(today_in_china()).c_str());
    const std::int64_t d2 = deal(c[2], "6-2", to_iso(today_in_china()).c_str());
    const std::int64_t d3 = deal(c[1], "6-3", to_iso(today_in_china()).c_str());   // the referee's second unit
    const std::int64_t d4 = deal(c[5], "6-4", to_iso(today_in_china()).c_str());   // not referred

    // No rule yet: not eligible, and it says why.
    RewardCheck check = referrals().check_reward(d1);
    EXPECT_FALSE(check.eligible);
    ASSERT_EQ(1u, check.reasons.size());
    EXPECT_EQ("rule_disabled", check.reasons[0].code);
    EXPECT_EQ(referral, check.referral_id);
    SB_EXPECT_ERROR(referrals().grant_reward(d1), invalid_state, "deal_id", "rule_disabled");

    RewardRule rule;
    rule.enabled = true;
    rule.kind = RewardKind::property_fee;
    rule.amount = 12;
    rule.methods = {ReferralMethod::chain, ReferralMethod::key_person};
    rule.note = "老带新成交，奖励老业主一年物业费";
    const ReferralSettings s = referrals().set_reward_rule("XH", rule);
    EXPECT_TRUE(s.reward.enabled);
    EXPECT_EQ(12, s.reward.amount);

    check = referrals().check_reward(d1);
    EXPECT_TRUE(check.eligible);
    EXPECT_EQ(c[0], check.referrer_id);
    EXPECT_EQ(RewardKind::property_fee, check.kind);
    const std::string before = dump();
    EXPECT_EQ("method_not_covered", referrals().check_reward(d2).reasons.at(0).code);
    EXPECT_EQ("no_credited_referral", referrals().check_reward(d4).reasons.at(0).code);
    SB_EXPECT_ERROR(referrals().grant_reward(d2), invalid_state, "deal_id", "method_not_covered");
    SB_EXPECT_ERROR(referrals().grant_reward(d4), invalid_state, "deal_id", "no_credited_referral");
    SB_EXPECT_ERROR(referrals().grant_reward(d1, li_), invalid_argument, "by", "works at site BJ");
    SB_EXPECT_ERROR(referrals().grant_reward(424242), not_found, "deal_id", "");
    EXPECT_EQ(before, dump());

    const RewardEntry entry = referrals().grant_reward(d1, wang_, "一年物业费");
    EXPECT_EQ(c[0], entry.referrer_id);
    EXPECT_EQ(c[1], entry.referee_id);
    EXPECT_EQ(d1, entry.deal_id);
    EXPECT_EQ("6-1", entry.unit);
    EXPECT_EQ(12, entry.amount);
    EXPECT_EQ(RewardStatus::granted, entry.status);
    EXPECT_EQ(wang_, entry.granted_by);
    // Never twice for one deal; a second deal of the same referee: first deal only.
    const auto twice = expect_error([&] { referrals().grant_reward(d1); }, Status::conflict, "deal_id", "rewarded already");
    ASSERT_TRUE(twice);
    EXPECT_EQ(entry.id, twice->record_id());
    EXPECT_EQ("referee_already_rewarded", referrals().check_reward(d3).reasons.at(0).code);
    SB_EXPECT_ERROR(referrals().remove(referral), invalid_state, "referral_id", "ledger");

    // Revoking: the entry stays, marked; never granted again for that deal.
    SB_EXPECT_ERROR(referrals().revoke_reward(entry.id, ""), invalid_argument, "reason", "");
    const RewardEntry revoked = referrals().revoke_reward(entry.id, "录入错误", wang_);
    EXPECT_EQ(RewardStatus::revoked, revoked.status);
    EXPECT_EQ("录入错误", revoked.revoke_reason);
    SB_EXPECT_ERROR(referrals().revoke_reward(entry.id, "again"), invalid_state, "entry_id", "revoked");
    EXPECT_EQ("already_rewarded", referrals().check_reward(d1).reasons.at(0).code);
    // With the first reward revoked, the referee's second deal may be rewarded: settle finds it.
    rule.methods.clear();
    rule.kind = RewardKind::points;
    rule.amount = 5000;
    referrals().set_reward_rule("XH", rule);
    const auto settled = referrals().settle_rewards("XH", wang_);
    ASSERT_EQ(2u, settled.size());   // d2 (event guest, now covered) and d3
    EXPECT_TRUE(referrals().settle_rewards("XH").empty());
    const auto totals = referrals().reward_totals("XH");
    ASSERT_EQ(1u, totals.size());
    EXPECT_EQ(c[0], totals[0].referrer_id);
    EXPECT_EQ(2, totals[0].entries);
    EXPECT_EQ(10000, totals[0].points);
    EXPECT_EQ(0, totals[0].property_fee_months);   // the revoked entry does not count
    LedgerQuery lq;
    lq.site = "XH";
    EXPECT_EQ(3, referrals().ledger(lq).total);
    lq.include_revoked = false;
    EXPECT_EQ(2, referrals().ledger(lq).total);
    EXPECT_EQ(3, raw().count("reward_entries"));

    // A rewarded deal cancelled afterwards is flagged for the manager.
    archive_.customers().cancel_deal(d3, "退房");
    bool flagged = false;
    lq.include_revoked = true;
    for (const RewardEntry& e : referrals().ledger(lq).items) flagged = flagged || (e.deal_id == d3 && e.deal_cancelled);
    EXPECT_TRUE(flagged);
    EXPECT_EQ("deal_cancelled", referrals().check_reward(d3).reasons.at(0).code);
}

TEST_F(ReferralsTest, RewardRulesAreValidated) {
    RewardRule r;
    r.enabled = true;
    r.amount = 0;
    SB_EXPECT_ERROR(referrals().set_reward_rule("XH", r), invalid_argument, "rule.amount", "above 0");
    r.amount = 121;
    r.kind = RewardKind::property_fee;
    SB_EXPECT_ERROR(referrals().set_reward_rule("XH", r), invalid_argument, "rule.amount", "120 months");
    r.amount = 6;
    r.methods = {ReferralMethod::chain, ReferralMethod::chain};
    SB_EXPECT_ERROR(referrals().set_reward_rule("XH", r), invalid_argument, "rule.methods[1]", "twice");
    r.methods.clear();
    r.within_days = -1;
    SB_EXPECT_ERROR(referrals().set_reward_rule("XH", r), invalid_argument, "rule.within_days", "");
    r.within_days = 30;
    SB_EXPECT_ERROR(referrals().set_reward_rule("NOPE", r), not_found, "site", "");
    EXPECT_EQ(0, raw().count("referral_settings"));
    EXPECT_EQ(30, referrals().set_reward_rule("XH", r).reward.within_days);
    EXPECT_FALSE(referrals().settings("BJ").reward.enabled);   // the default: no reward

    // within_days: a deal closed too long after the referral is not rewarded.
    const auto c = customers(2);
    refer(c[0], c[1], ReferralMethod::chain, d("2024-01-02"));
    const std::int64_t late = deal(c[1], "7-1", "2024-03-01");
    EXPECT_EQ("too_late", referrals().check_reward(late).reasons.at(0).code);
}

} // namespace
