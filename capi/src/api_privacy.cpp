// Personal information protection at the C boundary: JSON in, the C++ service, JSON out.
#include "documents.hpp"

#include "codec/privacy.hpp"

using namespace snowball;
using namespace snowball::capi;

namespace {

Purpose purpose_of(const char* text) { return parse_purpose(required_text(text, "purpose"), "purpose"); }

// The sweep's day: NULL or "" for today.
std::optional<Date> sweep_day(const char* text, const char* name) { return text && *text ? optional_date(text, name) : std::nullopt; }

} // namespace

extern "C" {

int snowball_consent_grant(char** out_json, snowball_archive* archive, int64_t customer_id, const char* grant_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.consents().grant(customer_id, input<ConsentGrant>(grant_json, "grant_json")));
    SNOWBALL_API_END
}

int snowball_consent_object(char** out_json, snowball_archive* archive, int64_t customer_id, const char* purpose,
                            const char* channel, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.consents().object(customer_id, purpose_of(purpose), optional_text(channel), optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_consent_withdraw(int* out_count, snowball_archive* archive, int64_t customer_id, const char* purpose,
                              int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_count, "out_count");
    Archive& a = archive_of(archive);
    *out_count = a.consents().withdraw(customer_id, purpose_of(purpose), optional_consultant(by));
    SNOWBALL_API_END
}

int snowball_consent_list(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).consents().of(customer_id));
    SNOWBALL_API_END
}

int snowball_consent_allows(int* out_allowed, snowball_archive* archive, int64_t customer_id, const char* purpose,
                            const char* channel) {
    SNOWBALL_API_BEGIN
    init_out(out_allowed, "out_allowed");
    Archive& a = archive_of(archive);
    *out_allowed = a.consents().allows(customer_id, purpose_of(purpose), optional_text(channel)) ? 1 : 0;
    SNOWBALL_API_END
}

int snowball_privacy_erase(snowball_archive* archive, int64_t customer_id, int64_t by) {
    SNOWBALL_API_BEGIN
    archive_of(archive).privacy().erase(customer_id, optional_consultant(by));
    SNOWBALL_API_END
}

int snowball_privacy_export(char** out, snowball_archive* archive, int64_t customer_id, const char* format, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out, "out");
    Archive& a = archive_of(archive);
    const std::string f = optional_text(format);
    if (f.empty() || f == "json") give(out, a.privacy().personal_copy(customer_id, optional_consultant(by)));
    else if (f == "html") give(out, a.privacy().personal_copy_html(customer_id, optional_consultant(by)));
    else throw_invalid("format", "'" + f + "' is not json or html");
    SNOWBALL_API_END
}

int snowball_access_grant(snowball_archive* archive, int64_t customer_id, int64_t consultant_id, int64_t by) {
    SNOWBALL_API_BEGIN
    archive_of(archive).privacy().grant_access(customer_id, consultant_id, optional_consultant(by));
    SNOWBALL_API_END
}

int snowball_access_revoke(snowball_archive* archive, int64_t customer_id, int64_t consultant_id, int64_t by) {
    SNOWBALL_API_BEGIN
    archive_of(archive).privacy().revoke_access(customer_id, consultant_id, optional_consultant(by));
    SNOWBALL_API_END
}

int snowball_retention_set(snowball_archive* archive, const char* site, const char* stage, int days) {
    SNOWBALL_API_BEGIN
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const Stage st = parse_stage(required_text(stage, "stage"), "stage");
    if (days < 0) throw_invalid("days", "must not be negative (0 removes the period)");
    a.privacy().set_retention(s, st, days == 0 ? std::nullopt : std::optional<int>(days));
    SNOWBALL_API_END
}

int snowball_retention_list(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).privacy().retention(optional_text(site)));
    SNOWBALL_API_END
}

int snowball_legal_hold(char** out_json, snowball_archive* archive, int64_t customer_id, const char* reason, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.privacy().hold(customer_id, required_text(reason, "reason"), optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_legal_release(snowball_archive* archive, int64_t customer_id, int64_t by) {
    SNOWBALL_API_BEGIN
    archive_of(archive).privacy().release(customer_id, optional_consultant(by));
    SNOWBALL_API_END
}

int snowball_legal_holds(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).privacy().holds(optional_text(site)));
    SNOWBALL_API_END
}

int snowball_retention_sweep(char** out_json, snowball_archive* archive, const char* on, int rehearsal) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.privacy().sweep(sweep_day(on, "on"), rehearsal != 0));
    SNOWBALL_API_END
}

int snowball_audit_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.audit().list(input_or_default<AuditQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_audit_export(char** out_lines, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_lines, "out_lines");
    Archive& a = archive_of(archive);
    give(out_lines, a.audit().export_lines(input_or_default<AuditQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_audit_verify(char** out_json, snowball_archive* archive, const char* expected_head) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.audit().verify(optional_text(expected_head)));
    SNOWBALL_API_END
}

} // extern "C"
