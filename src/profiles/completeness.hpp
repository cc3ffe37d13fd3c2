// The completeness score (the source: "push consultants to collect more information"), as pure
// functions over a template and what is known of one customer.
#pragma once

#include "snowball/profiles.hpp"

#include <string>
#include <vector>

namespace snowball::detail {

// What a customer's family records tell, for the fields linked to family members.
struct FamilyFacts {
    bool spouse = false;
    bool spouse_education = false;
    bool spouse_interests = false;
    bool parent = false;
    bool child = false;
    bool closest = false;
    void add(Relation relation, bool has_education, bool has_interests, bool is_closest);
    bool satisfies(const std::string& family_link) const;
};

// `filled[i]`: whether the template's field i has a value (bound fields included).
Completeness score(const Template& t, const std::vector<bool>& filled, const FamilyFacts& family,
                   std::int64_t customer_id, int ask_next);

} // namespace snowball::detail
