#include "guard.hpp"
#include "json_feedback.hpp"

#include "service/service_records.hpp"
#include "snowball/feedback.hpp"

using namespace snowball;
using namespace snowball::capi;

namespace {

template <class T>
json list_of(const std::vector<T>& items) {
    json out = json::array();
    for (const T& item : items) out.push_back(to_json(item));
    return out;
}

template <class T>
json page_of(const Page<T>& page) {
    return {{"total", page.total}, {"items", list_of(page.items)}};
}

std::optional<Date> date_or_today(const char* text, const char* name) {
    if (!text) return std::nullopt;
    return parse_date(text, name);
}

} // namespace

extern "C" {

int snowball_feedback_open(char** out_json, snowball_archive* archive, const char* ticket_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.feedback().open(new_ticket_from(ticket_json)))));
    SNOWBALL_API_END
}

int snowball_feedback_get(char** out_json, snowball_archive* archive, int64_t ticket_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).feedback().get(ticket_id))));
    SNOWBALL_API_END
}

int snowball_feedback_by_number(char** out_json, snowball_archive* archive, const char* number) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string n = required_text(number, "number");
    const auto t = a.feedback().by_number(n);
    if (!t) throw Error(Status::not_found, "number: no ticket numbered '" + n + "'", "number");
    give(out_json, dump(to_json(*t)));
    SNOWBALL_API_END
}

int snowball_feedback_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(page_of(a.feedback().list(ticket_query_from(query_json)))));
    SNOWBALL_API_END
}

int snowball_feedback_transition(char** out_json, snowball_archive* archive, int64_t ticket_id, const char* status,
                                 int64_t by, const char* note, const char* on) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const TicketStatus to = parse_ticket_status(required_text(status, "status"), "status");
    const std::optional<Date> day = date_or_today(on, "on");
    give(out_json, dump(to_json(a.feedback().transition(ticket_id, to, by, optional_text(note), day))));
    SNOWBALL_API_END
}

int snowball_feedback_assign(char** out_json, snowball_archive* archive, int64_t ticket_id, int64_t assignee_id, int64_t by,
                             const char* note) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    if (assignee_id < 0) throw_invalid("assignee_id", "must be a consultant id, or 0 to unassign");
    const std::optional<std::int64_t> to = assignee_id ? std::optional<std::int64_t>(assignee_id) : std::nullopt;
    give(out_json, dump(to_json(a.feedback().assign(ticket_id, to, by, optional_text(note)))));
    SNOWBALL_API_END
}

int snowball_feedback_note(char** out_json, snowball_archive* archive, int64_t ticket_id, const char* note, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.feedback().add_note(ticket_id, required_text(note, "note"), by))));
    SNOWBALL_API_END
}

int snowball_feedback_link(char** out_json, snowball_archive* archive, int64_t ticket_id, int64_t customer_id, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).feedback().link(ticket_id, customer_id, by))));
    SNOWBALL_API_END
}

int snowball_feedback_history(char** out_json, snowball_archive* archive, int64_t ticket_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(list_of(archive_of(archive).feedback().history(ticket_id))));
    SNOWBALL_API_END
}

int snowball_feedback_overdue(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(list_of(a.feedback().overdue(overdue_query_from(query_json)))));
    SNOWBALL_API_END
}

int snowball_feedback_escalations(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(list_of(a.feedback().escalations(overdue_query_from(query_json)))));
    SNOWBALL_API_END
}

int snowball_feedback_open_tickets(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(list_of(archive_of(archive).feedback().open_tickets(customer_id))));
    SNOWBALL_API_END
}

int snowball_feedback_categories(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(list_of(archive_of(archive).feedback().categories(optional_text(site)))));
    SNOWBALL_API_END
}

int snowball_feedback_add_category(char** out_json, snowball_archive* archive, const char* site, const char* category_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give(out_json, dump(list_of(a.feedback().add_category(s, category_from(category_json)))));
    SNOWBALL_API_END
}

int snowball_feedback_settings(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(detail::settings_json(a.feedback().settings(required_text(site, "site")))));
    SNOWBALL_API_END
}

int snowball_feedback_update_settings(char** out_json, snowball_archive* archive, const char* site, const char* settings_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give(out_json, dump(detail::settings_json(a.feedback().update_settings(s, settings_update_from(settings_json)))));
    SNOWBALL_API_END
}

int snowball_survey_create(char** out_json, snowball_archive* archive, const char* survey_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.surveys().create(new_survey_from(survey_json)))));
    SNOWBALL_API_END
}

int snowball_survey_get(char** out_json, snowball_archive* archive, int64_t survey_id, int version) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).surveys().get(survey_id, version))));
    SNOWBALL_API_END
}

int snowball_survey_list(char** out_json, snowball_archive* archive, const char* site, int include_inactive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    if (include_inactive != 0 && include_inactive != 1) throw_invalid("include_inactive", "must be 0 or 1");
    give(out_json, dump(list_of(a.surveys().list(optional_text(site), include_inactive != 0))));
    SNOWBALL_API_END
}

int snowball_survey_update(char** out_json, snowball_archive* archive, int64_t survey_id, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.surveys().update(survey_id, survey_update_from(update_json)))));
    SNOWBALL_API_END
}

int snowball_survey_campaign_create(char** out_json, snowball_archive* archive, const char* campaign_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.surveys().create_campaign(new_campaign_from(campaign_json)))));
    SNOWBALL_API_END
}

int snowball_survey_campaign_get(char** out_json, snowball_archive* archive, int64_t campaign_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).surveys().campaign(campaign_id))));
    SNOWBALL_API_END
}

int snowball_survey_campaign_list(char** out_json, snowball_archive* archive, int64_t survey_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(list_of(archive_of(archive).surveys().campaigns(survey_id))));
    SNOWBALL_API_END
}

int snowball_survey_respond(char** out_json, snowball_archive* archive, const char* response_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = parse_object(response_json, "response_json");
    give(out_json, dump(to_json(a.surveys().respond(new_response_from(doc, "")))));
    SNOWBALL_API_END
}

int snowball_survey_respond_many(char** out_json, snowball_archive* archive, const char* responses_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = parse_json(responses_json, "responses_json");
    if (!doc.is_array()) throw_invalid("responses_json", "must be a JSON array of responses");
    std::vector<NewResponse> responses;
    responses.reserve(doc.size());
    for (std::size_t i = 0; i < doc.size(); ++i) responses.push_back(new_response_from(doc[i], "responses[" + std::to_string(i) + "]"));
    give(out_json, dump(json(a.surveys().respond_many(responses))));
    SNOWBALL_API_END
}

int snowball_survey_response_get(char** out_json, snowball_archive* archive, int64_t response_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).surveys().response(response_id))));
    SNOWBALL_API_END
}

int snowball_survey_response_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(page_of(a.surveys().responses(response_query_from(query_json)))));
    SNOWBALL_API_END
}

int snowball_survey_stats(char** out_json, snowball_archive* archive, int64_t survey_id, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.surveys().stats(survey_id, stats_query_from(query_json)))));
    SNOWBALL_API_END
}

} // extern "C"
