#include "referrals/matching.hpp"

#include <algorithm>
#include <map>
#include <queue>
#include <set>
#include <tuple>

namespace snowball::detail {

double standing(bool owner, Tier tier) { return 1 + (owner ? 0.5 : 0) + (tier == Tier::vip ? 0.25 : 0); }

namespace {

// A position in a rule's grid: row i of industry a, column j of industry b.
struct Cell {
    double score;
    std::size_t i;
    std::size_t j;
    // The priority queue pops the greatest: the highest score, then the smallest (i, j).
    bool operator<(const Cell& o) const {
        if (score != o.score) return score < o.score;
        return std::tie(i, j) > std::tie(o.i, o.j);
    }
};

} // namespace

double learned_factor(const PairHistory& h) {
    return 2.0 * static_cast<double>(h.worked + 1) / static_cast<double>(h.worked + h.no_result + 2);
}

std::vector<AffinityRule> learned_rules(const std::vector<AffinityRule>& rules,
                                        const std::map<std::pair<std::string, std::string>, PairHistory>& history) {
    std::vector<AffinityRule> out = rules;
    for (AffinityRule& r : out) {
        const auto it = history.find(std::minmax(r.a, r.b));
        if (it != history.end()) r.weight *= learned_factor(it->second);
    }
    return out;
}

std::vector<Match> match_pairs(const std::vector<Candidate>& candidates, const std::vector<AffinityRule>& rules,
                               std::size_t limit, const std::set<std::pair<std::int64_t, std::int64_t>>& excluded) {
    std::map<std::string, std::vector<std::size_t>> by_industry;
    for (std::size_t k = 0; k < candidates.size(); ++k) by_industry[candidates[k].industry].push_back(k);
    for (auto& [industry, list] : by_industry)
        std::sort(list.begin(), list.end(), [&](std::size_t x, std::size_t y) {
            const Candidate &p = candidates[x], &q = candidates[y];
            return p.standing != q.standing ? p.standing > q.standing : p.id < q.id;
        });
    static const std::vector<std::size_t> nobody;
    const auto members = [&](const std::string& industry) -> const std::vector<std::size_t>& {
        const auto it = by_industry.find(industry);
        return it == by_industry.end() ? nobody : it->second;
    };

    std::vector<Match> all;
    for (std::size_t r = 0; r < rules.size() && limit > 0; ++r) {
        const AffinityRule& rule = rules[r];
        const auto& rows = members(rule.a);
        const auto& cols = members(rule.b);
        const bool same = rule.a == rule.b;   // pairs within one industry: i < j
        if (rows.empty() || cols.empty() || (same && rows.size() < 2)) continue;
        std::priority_queue<Cell> frontier;
        std::set<std::pair<std::size_t, std::size_t>> seen;
        const auto push = [&](std::size_t i, std::size_t j) {
            if (i >= rows.size() || j >= cols.size() || (same && i >= j) || !seen.emplace(i, j).second) return;
            frontier.push({rule.weight * candidates[rows[i]].standing * candidates[cols[j]].standing, i, j});
        };
        push(0, same ? 1 : 0);
        std::size_t taken = 0;
        while (!frontier.empty() && taken < limit) {
            const Cell c = frontier.top();
            frontier.pop();
            push(c.i + 1, c.j);
            push(c.i, c.j + 1);
            const Candidate &a = candidates[rows[c.i]], &b = candidates[cols[c.j]];
            if (a.id == b.id || (a.circle >= 0 && a.circle == b.circle)) continue;   // already connected
            if (excluded.count(std::minmax(a.id, b.id))) continue;                    // introduced already
            all.push_back({rows[c.i], cols[c.j], r, c.score});
            ++taken;
        }
    }
    // Each rule's list is in order; merge them by score, then the rule's place.
    std::stable_sort(all.begin(), all.end(), [](const Match& x, const Match& y) {
        return x.score != y.score ? x.score > y.score : x.rule < y.rule;
    });
    if (all.size() > limit) all.resize(limit);
    return all;
}

} // namespace snowball::detail
