// Cross cooperation as a pure function: the best pairs of customers whose industries an affinity
// rule joins, excluding pairs in one social circle.
#pragma once

#include "snowball/referrals.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace snowball::detail {

struct Candidate {
    std::int64_t id = 0;
    std::string industry;
    double standing = 1;         // 1, + 0.5 for an owner, + 0.25 for a VIP
    std::int64_t circle = -1;    // the social circle, -1: in none
};

// The standing of a customer as a partner: owners have proven their trust in the site.
double standing(bool owner, Tier tier);

struct Match {
    std::size_t a = 0;           // indices into the candidates; a's industry is the rule's `a`
    std::size_t b = 0;
    std::size_t rule = 0;
    double score = 0;            // weight × standing(a) × standing(b)
};

// The `limit` best pairs: highest score first; ties by the rule's place in the table, then by the
// partners' places in their industry (standing, then id). Each rule's grid of pairs is walked best
// first (a k-best search), so the work grows with `limit`, not with the product of the industries.
// Pairs in `excluded` (customer ids, the smaller first: introduced already) are not proposed.
std::vector<Match> match_pairs(const std::vector<Candidate>& candidates, const std::vector<AffinityRule>& rules,
                               std::size_t limit,
                               const std::set<std::pair<std::int64_t, std::int64_t>>& excluded = {});

// What a site's introductions of one industry pair came to, and the factor the pair's rule weight is
// multiplied by: 2 (worked + 1) / (worked + no_result + 2) — Laplace's rule of succession over the
// outcomes, scaled so that a pair without outcomes keeps its weight (1); it lies in (0, 2).
struct PairHistory {
    std::int64_t worked = 0;
    std::int64_t no_result = 0;
};
double learned_factor(const PairHistory& history);
// The rules with their weights multiplied by their industry pair's factor (the pair unordered).
std::vector<AffinityRule> learned_rules(const std::vector<AffinityRule>& rules,
                                        const std::map<std::pair<std::string, std::string>, PairHistory>& history);

} // namespace snowball::detail
