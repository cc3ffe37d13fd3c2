// The JSON form of complaints (tickets, their history, settings and categories) and of surveys
// (questionnaires, campaigns, responses, statistics): the C API's documents, the settings stored in
// feedback_settings and the options stored in survey_questions.
#pragma once

#include "codec/types.hpp"
#include "snowball/feedback.hpp"

#include <string>
#include <string_view>

SNOWBALL_CODEC_ENUM(FeedbackChannel, parse_feedback_channel)
SNOWBALL_CODEC_ENUM(FeedbackKind, parse_feedback_kind)
SNOWBALL_CODEC_ENUM(Severity, parse_severity)
SNOWBALL_CODEC_ENUM(TicketStatus, parse_ticket_status)
SNOWBALL_CODEC_ENUM(SurveyChannel, parse_survey_channel)
SNOWBALL_CODEC_ENUM(QuestionType, parse_question_type)
SNOWBALL_CODEC_ENUM(AudienceKind, parse_audience_kind)

namespace snowball::codec {

// The counts of an NPS, as every statistics object carries them ("nps_counts", always present:
// zeros without answers).
struct NpsCounts {
    std::int64_t answers = 0;
    std::int64_t promoters = 0;
    std::int64_t passives = 0;
    std::int64_t detractors = 0;
};

// A site's settings as stored in feedback_settings.settings: the JSON form without "site"; read back
// strictly, a key missing keeping its default (default_feedback_settings()).
std::string stored_settings(const FeedbackSettings& settings);
FeedbackSettings read_stored_settings(std::string_view text, const std::string& site);

// A question's options as stored in survey_questions.options: [{"key", "label"}].
std::string stored_options(const std::vector<QuestionOption>& options);
std::vector<QuestionOption> read_stored_options(std::string_view text);

// A multiple-choice answer as stored in survey_answers.choice: the option keys, ["a", "b"].
std::string stored_choices(const std::vector<std::string>& choices);
std::vector<std::string> read_stored_choices(std::string_view text);

} // namespace snowball::codec

SNOWBALL_CODEC_BOTH(codec::NpsCounts)
SNOWBALL_CODEC_BOTH(Deadline)
SNOWBALL_CODEC_BOTH(Category)
// Output with "site"; read (from storage: see stored_settings) without it.
SNOWBALL_CODEC_BOTH(FeedbackSettings)
// {"deadlines"?: {severity: {"acknowledge_days", "resolve_days"}}, "escalate_after_days"?,
// "follow_up_survey_id"? (null: none), "follow_up_channel"?, "follow_up_after_days"?, "low_rating5"?
// (null: off), "low_nps"? (null: off), "low_score_severity"?}
SNOWBALL_CODEC_READS(FeedbackSettingsUpdate)
SNOWBALL_CODEC_READS(NewTicket)
// Its due dates flat ("acknowledge_due", "acknowledge_due_estimated", "resolve_due",
// "resolve_due_estimated") and whether it is open ("open", is_open(status)).
SNOWBALL_CODEC_WRITES(Ticket)
// "from" and "to": the statuses of a status change, else null.
SNOWBALL_CODEC_WRITES(TicketEvent)
SNOWBALL_CODEC_READS(TicketQuery)
SNOWBALL_CODEC_READS(OverdueQuery)
SNOWBALL_CODEC_WRITES(Escalation)
// {"key", "label"}; read also from a plain text (the key, and the label).
SNOWBALL_CODEC_BOTH(QuestionOption)
SNOWBALL_CODEC_BOTH(Question)
SNOWBALL_CODEC_WRITES(Survey)
SNOWBALL_CODEC_READS(NewSurvey)
SNOWBALL_CODEC_READS(SurveyUpdate)
SNOWBALL_CODEC_BOTH(Audience)
SNOWBALL_CODEC_READS(NewCampaign)
// With "response_rate" (response_rate(responded, invited)).
SNOWBALL_CODEC_WRITES(Campaign)
// An answer as given: null, a number, a text or a list of texts.
SNOWBALL_CODEC_READS(AnswerValue)
// "answers": {question key: answer}.
SNOWBALL_CODEC_READS(NewResponse)
SNOWBALL_CODEC_WRITES(Response)
SNOWBALL_CODEC_READS(ResponseQuery)
SNOWBALL_CODEC_WRITES(ValueCount)
// Each with its NPS flat: "nps", "nps_ci" ([low, high]), "nps_std_error" (null without nps answers)
// and "nps_counts".
SNOWBALL_CODEC_WRITES(QuestionStats)
SNOWBALL_CODEC_WRITES(TopicStats)
SNOWBALL_CODEC_WRITES(MonthStats)
SNOWBALL_CODEC_WRITES(ChannelStats)
SNOWBALL_CODEC_READS(StatsQuery)
SNOWBALL_CODEC_WRITES(SurveyStats)

// An answer's JSON form is its value: the score (rating5, nps), the option key (single), the option
// keys (multi), the text (text). Response writes them by question key.
template <>
struct nlohmann::adl_serializer<snowball::Answer> {
    static void to_json(nlohmann::json& j, const snowball::Answer& answer);
};
