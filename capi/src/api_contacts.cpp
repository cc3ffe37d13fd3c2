// The contact log and follow-up, the list of the day, do-not-contact and the care report.
#include "documents.hpp"

#include "codec/contacts.hpp"
#include "codec/privacy.hpp"

using namespace snowball;
using namespace snowball::capi;

namespace {

// A channel parameter that may be NULL for "any channel"; a text must be a channel.
std::optional<ContactChannel> optional_channel(const char* text) {
    if (!text) return std::nullopt;
    return parse_contact_channel(text, "channel");
}

} // namespace

extern "C" {

int snowball_contact_log(char** out_json, snowball_archive* archive, int64_t customer_id, const char* contact_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.contacts().log(customer_id, input<NewContact>(contact_json, "contact_json")));
    SNOWBALL_API_END
}

int snowball_contact_correct(char** out_json, snowball_archive* archive, int64_t entry_id, const char* contact_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.contacts().correct(entry_id, input<NewContact>(contact_json, "contact_json")));
    SNOWBALL_API_END
}

int snowball_contact_get(char** out_json, snowball_archive* archive, int64_t entry_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).contacts().get(entry_id));
    SNOWBALL_API_END
}

int snowball_contact_history(char** out_json, snowball_archive* archive, int64_t customer_id, int limit,
                             int include_superseded) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    if (include_superseded != 0 && include_superseded != 1) throw_invalid("include_superseded", "must be 0 or 1");
    // 0 asks for the default page: the last hundred contacts cover a customer's story at a glance.
    give_json(out_json, a.contacts().history(customer_id, limit == 0 ? 100 : limit, include_superseded != 0));
    SNOWBALL_API_END
}

int snowball_contact_follow_up(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).contacts().follow_up(customer_id));
    SNOWBALL_API_END
}

int snowball_contact_frequency(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.contacts().frequency(input<FrequencyQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_contact_due(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.contacts().due(input<DueQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_contact_not_contacted(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.contacts().not_contacted(input<NotContactedQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_contact_do_not_contact(char** out_json, snowball_archive* archive, int64_t customer_id, const char* channel,
                                    int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.contacts().do_not_contact(customer_id, optional_channel(channel), optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_contact_allow_contact(int* out_count, snowball_archive* archive, int64_t customer_id, const char* channel,
                                   int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_count, "out_count");
    Archive& a = archive_of(archive);
    *out_count = a.contacts().allow_contact(customer_id, optional_channel(channel), optional_consultant(by));
    SNOWBALL_API_END
}

int snowball_contact_may_contact(int* out_allowed, snowball_archive* archive, int64_t customer_id, const char* channel) {
    SNOWBALL_API_BEGIN
    init_out(out_allowed, "out_allowed");
    Archive& a = archive_of(archive);
    *out_allowed = a.contacts().may_contact(customer_id, optional_channel(channel)) ? 1 : 0;
    SNOWBALL_API_END
}

int snowball_contact_settings(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.contacts().settings(required_text(site, "site")));
    SNOWBALL_API_END
}

int snowball_contact_update_settings(char** out_json, snowball_archive* archive, const char* site, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.contacts().update_settings(s, input<ContactSettingsUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

int snowball_contact_add_outcome(char** out_json, snowball_archive* archive, const char* site, const char* outcome_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.contacts().add_outcome(s, input<ContactOutcome>(outcome_json, "outcome_json")));
    SNOWBALL_API_END
}

int snowball_report_care(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.contacts().care_report(input<CareReportQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_report_care_csv(char** out_csv, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_csv, "out_csv");
    Archive& a = archive_of(archive);
    give(out_csv, to_csv(a.contacts().care_report(input<CareReportQuery>(query_json, "query_json"))));
    SNOWBALL_API_END
}

int snowball_report_care_with_csv(char** out_json, char** out_csv, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    init_out(out_csv, "out_csv");
    Archive& a = archive_of(archive);
    const CareReport report = a.contacts().care_report(input<CareReportQuery>(query_json, "query_json"));
    std::string csv = to_csv(report);
    give_json(out_json, report);
    try {
        give(out_csv, csv);
    } catch (...) {
        // Both or neither: the JSON given a moment ago goes back.
        snowball_string_free(*out_json);
        *out_json = nullptr;
        throw;
    }
    SNOWBALL_API_END
}

} // extern "C"
