// Surveys inside a transaction: what the survey, response and statistics code share.
#pragma once

#include "archive/store.hpp"
#include "snowball/feedback.hpp"

#include <string>
#include <vector>

namespace snowball::detail {

// The questions made safe to store (keys, texts, topics, options), or invalid_argument naming
// "questions[i]...".
std::vector<Question> checked_questions(const std::vector<Question>& questions);
std::vector<Question> questions_of(Store& store, std::int64_t survey_id, int version);
// version 0: the current one. not_found naming `field` (or "version"). `with_count`: whether to
// count the version's responses (Survey::responses, else 0) — a visit of every response of the survey,
// which callers that only need the survey's head (its site, versions, questions) skip.
Survey require_survey(Store& store, std::int64_t id, int version, const std::string& field, bool with_count = true);

} // namespace snowball::detail
