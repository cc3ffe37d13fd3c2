// The service module inside a transaction: what Feedback, Surveys and the briefing share. Closing the
// loop crosses the two services (a resolved complaint schedules a survey, a low score opens a ticket)
// within one transaction, so these work on the Store directly.
#pragma once

#include "archive/store.hpp"
#include "snowball/archive.hpp"
#include "snowball/feedback.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace snowball::detail {

using nlohmann::json;

// Settings as JSON: the stored form and the C API's output (settings_json includes "site").
json settings_json(const FeedbackSettings& settings);
FeedbackSettings settings_from(const json& stored, const std::string& site);
void validate(const FeedbackSettings& settings);
// A site's settings (the defaults when it has none); a group-level ticket (no site) uses the defaults.
FeedbackSettings load_feedback_settings(Store& store, const std::optional<Site>& site);

// The categories a ticket of the site may take: the defaults, then the site's own.
std::vector<Category> categories_of(Store& store, const std::optional<Site>& site);

// Question options as stored (JSON [{"key", "label"}]).
json options_json(const std::vector<QuestionOption>& options);
std::vector<QuestionOption> options_from(const json& stored);

Ticket require_ticket(Store& store, std::int64_t id, const std::string& field = "ticket_id");
// Feedback::open inside the caller's transaction; `response_id`: the survey response whose low score
// opens it.
Ticket open_ticket(Store& store, const NewTicket& input, std::optional<std::int64_t> response_id = std::nullopt);
std::vector<Ticket> open_tickets_of(Store& store, std::int64_t customer_id);
// Who takes what a consultant cannot: their manager; else an active manager of the site (the lowest
// id); else nobody.
std::optional<std::int64_t> manager_for(Store& store, std::optional<std::int64_t> consultant_id,
                                        std::optional<std::int64_t> site_id);

// A day given for something that happened (default today, China): not in the future, not before 1990.
Date day_given(std::optional<Date> on, const std::string& field);

// Surveys::create_campaign inside the caller's transaction.
Campaign create_campaign(Store& store, const NewCampaign& input);

} // namespace snowball::detail
