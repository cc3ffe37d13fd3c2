// A site's referral settings as JSON: the form they are stored in and the form the C API speaks,
// written once here.
#pragma once

#include "snowball/referrals.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace snowball::detail {

using nlohmann::json;

json affinity_json(const AffinityRule& rule);
AffinityRule affinity_from(const json& j, const std::string& field);
// An array of rules, validated as a table.
std::vector<AffinityRule> affinities_from(const json& j, const std::string& field);
json reward_rule_json(const RewardRule& rule);
RewardRule reward_rule_from(const json& j, const std::string& field);

} // namespace snowball::detail
