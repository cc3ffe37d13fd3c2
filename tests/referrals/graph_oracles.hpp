// Independent computations on small referral graphs, the yardsticks of the graph analytics: random
// claims, PageRank by a dense power iteration of the definition, betweenness by brute-force
// shortest paths, circles by breadth-first search, and the credited parent of every customer.
#pragma once

#include "referrals/graph.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <vector>

namespace snowball::testing {

namespace rg = snowball::referral_graph;

// Random claims over customers with ids step, 2·step, ...: every claim goes from a smaller id to a
// larger one (so no cycle); about `credited` of the customers have a credited referrer, and some
// have secondary claims too.
inline std::vector<rg::Claim> random_claims(std::mt19937& rng, int n, double credited, double secondary, std::int64_t step = 1) {
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
inline std::map<std::int64_t, double> dense_pagerank(const std::vector<rg::Claim>& claims, double tolerance = 1e-15) {
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
inline std::map<std::int64_t, std::set<std::int64_t>> adjacency(const std::vector<rg::Claim>& claims) {
    std::map<std::int64_t, std::set<std::int64_t>> adj;
    for (const auto& c : claims) {
        adj[c.referrer].insert(c.referee);
        adj[c.referee].insert(c.referrer);
    }
    return adj;
}

// Betweenness by brute force: for every unordered pair {s, t}, the shortest-path counts from both
// ends; v lies on σ_sv·σ_vt of the σ_st shortest paths when d(s,v) + d(v,t) = d(s,t).
inline std::map<std::int64_t, double> brute_betweenness(const std::vector<rg::Claim>& claims) {
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
inline std::map<std::int64_t, std::int64_t> bfs_circles(const std::vector<rg::Claim>& claims) {
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

inline std::map<std::int64_t, std::int64_t> credited_parents(const std::vector<rg::Claim>& claims) {
    std::map<std::int64_t, std::int64_t> parent;
    for (const auto& c : claims)
        if (c.credited) parent[c.referee] = c.referrer;
    return parent;
}

} // namespace snowball::testing
