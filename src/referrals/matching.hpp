// Cross cooperation as a pure function: the best pairs of customers whose industries an affinity
// rule joins, excluding pairs in one social circle.
#pragma once

#include "snowball/referrals.hpp"

#include <cstdint>
#include <string>
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
std::vector<Match> match_pairs(const std::vector<Candidate>& candidates, const std::vector<AffinityRule>& rules,
                               std::size_t limit);

} // namespace snowball::detail
