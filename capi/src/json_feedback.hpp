// JSON documents of tickets, surveys, campaigns, responses and statistics (capi/include/snowball/feedback.h).
#pragma once

#include "json_codec.hpp"

#include "snowball/feedback.hpp"

#include <string>
#include <vector>

namespace snowball::capi {

json to_json(const Ticket& ticket);
json to_json(const TicketEvent& event);
json to_json(const Escalation& escalation);
json to_json(const Category& category);
json to_json(const Question& question);
json to_json(const Survey& survey);
json to_json(const Campaign& campaign);
json to_json(const Response& response);
json to_json(const SurveyStats& stats);

NewTicket new_ticket_from(const char* text);
TicketQuery ticket_query_from(const char* text);
OverdueQuery overdue_query_from(const char* text);
Category category_from(const char* text);
FeedbackSettingsUpdate settings_update_from(const char* text);
NewSurvey new_survey_from(const char* text);
SurveyUpdate survey_update_from(const char* text);
NewCampaign new_campaign_from(const char* text);
NewResponse new_response_from(const json& object, const std::string& path);
ResponseQuery response_query_from(const char* text);
StatsQuery stats_query_from(const char* text);

} // namespace snowball::capi
