// Complaints, suggestions and praise; satisfaction surveys, campaigns, responses and statistics.
#include "documents.hpp"

#include "codec/feedback.hpp"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_feedback_open(char** out_json, snowball_archive* archive, const char* ticket_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.feedback().open(input<NewTicket>(ticket_json, "ticket_json")));
    SNOWBALL_API_END
}

int snowball_feedback_get(char** out_json, snowball_archive* archive, int64_t ticket_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).feedback().get(ticket_id));
    SNOWBALL_API_END
}

int snowball_feedback_by_number(char** out_json, snowball_archive* archive, const char* number) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string n = required_text(number, "number");
    give_json(out_json, found(a.feedback().by_number(n), "number", "no ticket is numbered " + n));
    SNOWBALL_API_END
}

int snowball_feedback_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.feedback().list(input_or_default<TicketQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_feedback_transition(char** out_json, snowball_archive* archive, int64_t ticket_id, const char* status,
                                 int64_t by, const char* note, const char* on) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const TicketStatus to = parse_ticket_status(required_text(status, "status"), "status");
    give_json(out_json, a.feedback().transition(ticket_id, to, by, optional_text(note), optional_date(on, "on")));
    SNOWBALL_API_END
}

int snowball_feedback_assign(char** out_json, snowball_archive* archive, int64_t ticket_id, int64_t assignee_id, int64_t by,
                             const char* note) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::optional<std::int64_t> to = optional_consultant(assignee_id, "assignee_id");
    give_json(out_json, a.feedback().assign(ticket_id, to, by, optional_text(note)));
    SNOWBALL_API_END
}

int snowball_feedback_note(char** out_json, snowball_archive* archive, int64_t ticket_id, const char* note, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.feedback().add_note(ticket_id, required_text(note, "note"), by));
    SNOWBALL_API_END
}

int snowball_feedback_link(char** out_json, snowball_archive* archive, int64_t ticket_id, int64_t customer_id, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).feedback().link(ticket_id, customer_id, by));
    SNOWBALL_API_END
}

int snowball_feedback_history(char** out_json, snowball_archive* archive, int64_t ticket_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).feedback().history(ticket_id));
    SNOWBALL_API_END
}

int snowball_feedback_overdue(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.feedback().overdue(input_or_default<OverdueQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_feedback_escalations(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.feedback().escalations(input_or_default<OverdueQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_feedback_open_tickets(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).feedback().open_tickets(customer_id));
    SNOWBALL_API_END
}

int snowball_feedback_categories(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).feedback().categories(optional_text(site)));
    SNOWBALL_API_END
}

int snowball_feedback_add_category(char** out_json, snowball_archive* archive, const char* site, const char* category_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.feedback().add_category(s, input<Category>(category_json, "category_json")));
    SNOWBALL_API_END
}

int snowball_feedback_settings(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.feedback().settings(required_text(site, "site")));
    SNOWBALL_API_END
}

int snowball_feedback_update_settings(char** out_json, snowball_archive* archive, const char* site, const char* settings_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.feedback().update_settings(s, input<FeedbackSettingsUpdate>(settings_json, "settings_json")));
    SNOWBALL_API_END
}

int snowball_survey_create(char** out_json, snowball_archive* archive, const char* survey_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.surveys().create(input<NewSurvey>(survey_json, "survey_json")));
    SNOWBALL_API_END
}

int snowball_survey_get(char** out_json, snowball_archive* archive, int64_t survey_id, int version) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).surveys().get(survey_id, version));
    SNOWBALL_API_END
}

int snowball_survey_list(char** out_json, snowball_archive* archive, const char* site, int include_inactive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    if (include_inactive != 0 && include_inactive != 1) throw_invalid("include_inactive", "must be 0 or 1");
    give_json(out_json, a.surveys().list(optional_text(site), include_inactive != 0));
    SNOWBALL_API_END
}

int snowball_survey_update(char** out_json, snowball_archive* archive, int64_t survey_id, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.surveys().update(survey_id, input<SurveyUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

int snowball_survey_campaign_create(char** out_json, snowball_archive* archive, const char* campaign_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.surveys().create_campaign(input<NewCampaign>(campaign_json, "campaign_json")));
    SNOWBALL_API_END
}

int snowball_survey_campaign_get(char** out_json, snowball_archive* archive, int64_t campaign_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).surveys().campaign(campaign_id));
    SNOWBALL_API_END
}

int snowball_survey_campaign_list(char** out_json, snowball_archive* archive, int64_t survey_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).surveys().campaigns(survey_id));
    SNOWBALL_API_END
}

int snowball_survey_respond(char** out_json, snowball_archive* archive, const char* response_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.surveys().respond(input<NewResponse>(response_json, "response_json")));
    SNOWBALL_API_END
}

int snowball_survey_respond_many(char** out_json, snowball_archive* archive, const char* responses_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const auto responses = input_list<NewResponse>(responses_json, "responses_json", "responses", "responses");
    give_json(out_json, a.surveys().respond_many(responses));
    SNOWBALL_API_END
}

int snowball_survey_response_get(char** out_json, snowball_archive* archive, int64_t response_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).surveys().response(response_id));
    SNOWBALL_API_END
}

int snowball_survey_response_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.surveys().responses(input_or_default<ResponseQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_survey_stats(char** out_json, snowball_archive* archive, int64_t survey_id, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.surveys().stats(survey_id, input_or_default<StatsQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

} // extern "C"
