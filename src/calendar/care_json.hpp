// Care settings and tasks as JSON: the form they are stored in and the form the C API speaks,
// written once here.
#pragma once

#include "snowball/care.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace snowball::detail {

using nlohmann::json;

json festival_json(const calendar::FestivalRule& rule);
calendar::FestivalRule festival_from(const json& j, const std::string& field);
json rule_json(const CareRule& rule);
CareRule rule_from(const json& j, const std::string& field);
json occasion_settings_json(const OccasionSettings& s);
OccasionSettings occasion_settings_from(const json& j, const std::string& field);

json occasions_json(const std::vector<TaskOccasion>& occasions);
// occasions_json(occasions).dump(), written directly: the care agenda writes one per task.
std::string occasions_text(const std::vector<TaskOccasion>& occasions);
std::vector<TaskOccasion> occasions_from(const json& j);
json actions_json(const std::vector<TaskAction>& actions);
std::vector<TaskAction> actions_from(const json& j);

// A JSON object's keys must all be known: a typo is an error naming it.
void only_keys(const json& j, const std::string& field, std::initializer_list<const char*> known);

} // namespace snowball::detail
