// The care policy applied: which rules speak to a customer of a tier and stage, and what they ask
// on a day's occasions. Pure.
#pragma once

#include "snowball/care.hpp"

#include <string>
#include <vector>

namespace snowball::detail {

// The festival an occasion of kind festival is of: its key without ":family".
std::string festival_key(const TaskOccasion& occasion);

// Whether the policy greets a customer of this tier and stage on the festival `key`.
bool festival_applies(const std::vector<CareRule>& policy, const std::string& key, Tier tier, Stage stage);

// What the policy says to do about a day's occasions for a customer of this tier and stage: each
// action and channel once, by the day to start preparing.
std::vector<TaskAction> actions_for(const std::vector<CareRule>& policy, const std::vector<TaskOccasion>& occasions,
                                    Tier tier, Stage stage, Date day);

} // namespace snowball::detail
