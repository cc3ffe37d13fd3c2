// Attribution: channel partners, registrations (报备), judging (判客), the public pool, disputes,
// the attribution history and the sites' settings.
#include "documents.hpp"

#include "codec/attribution.hpp"
#include "snowball/attribution.h"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_partner_add(char** out_json, snowball_archive* archive, const char* partner_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.registrations().add_partner(input<NewPartner>(partner_json, "partner_json")));
    SNOWBALL_API_END
}

int snowball_partner_update(char** out_json, snowball_archive* archive, int64_t partner_id, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.registrations().update_partner(partner_id, input<PartnerUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

int snowball_partner_deactivate(char** out_json, snowball_archive* archive, int64_t partner_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).registrations().deactivate_partner(partner_id));
    SNOWBALL_API_END
}

int snowball_partner_get(char** out_json, snowball_archive* archive, int64_t partner_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).registrations().partner(partner_id));
    SNOWBALL_API_END
}

int snowball_partner_list(char** out_json, snowball_archive* archive, const char* site, int include_inactive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.registrations().partners(s, include_inactive != 0));
    SNOWBALL_API_END
}

int snowball_registration_add(char** out_json, snowball_archive* archive, const char* registration_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.registrations().register_customer(input<NewRegistration>(registration_json, "registration_json")));
    SNOWBALL_API_END
}

int snowball_registration_get(char** out_json, snowball_archive* archive, int64_t registration_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).registrations().registration(registration_id));
    SNOWBALL_API_END
}

int snowball_registration_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.registrations().registrations(input<RegistrationQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_registration_matching(char** out_json, snowball_archive* archive, const char* site, const char* phone) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site"), p = required_text(phone, "phone");
    give_json(out_json, a.registrations().matching(s, p));
    SNOWBALL_API_END
}

int snowball_registration_judge(char** out_json, snowball_archive* archive, const char* request_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.registrations().judge(input<JudgeRequest>(request_json, "request_json")));
    SNOWBALL_API_END
}

int snowball_attribution_get(char** out_json, snowball_archive* archive, int64_t customer_id, const char* as_of) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const auto day = optional_date(as_of, "as_of");
    give_json(out_json, a.registrations().attribution(customer_id, day));
    SNOWBALL_API_END
}

int snowball_attribution_pool(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.registrations().pool(s));
    SNOWBALL_API_END
}

int snowball_attribution_release_expired(char** out_json, snowball_archive* archive, const char* site, const char* as_of) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const auto day = optional_date(as_of, "as_of");
    give_json(out_json, json{{"released", a.registrations().release_expired(s, day)}});
    SNOWBALL_API_END
}

int snowball_attribution_claim(char** out_json, snowball_archive* archive, int64_t customer_id, int64_t consultant_id, const char* at) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.registrations().claim(customer_id, optional_consultant(consultant_id, "consultant_id"), optional_text(at)));
    SNOWBALL_API_END
}

int snowball_attribution_reassign(char** out_json, snowball_archive* archive, int64_t customer_id, int64_t consultant_id, int64_t by,
                                  const char* note) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.registrations().reassign(customer_id, consultant_id, by, optional_text(note)));
    SNOWBALL_API_END
}

int snowball_attribution_history(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).registrations().history(customer_id));
    SNOWBALL_API_END
}

int snowball_attribution_settings(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.registrations().settings(s));
    SNOWBALL_API_END
}

int snowball_attribution_update_settings(char** out_json, snowball_archive* archive, const char* site, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.registrations().update_settings(s, input<AttributionSettingsUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

int snowball_dispute_open(char** out_json, snowball_archive* archive, const char* dispute_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.registrations().open_dispute(input<NewDispute>(dispute_json, "dispute_json")));
    SNOWBALL_API_END
}

int snowball_dispute_decide(char** out_json, snowball_archive* archive, int64_t dispute_id, const char* decision_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.registrations().decide(dispute_id, input<Decision>(decision_json, "decision_json")));
    SNOWBALL_API_END
}

int snowball_dispute_get(char** out_json, snowball_archive* archive, int64_t dispute_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).registrations().dispute(dispute_id));
    SNOWBALL_API_END
}

int snowball_dispute_list(char** out_json, snowball_archive* archive, const char* site, const char* status) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    std::optional<DisputeStatus> st;
    if (status) st = parse_dispute_status(status, "status");
    give_json(out_json, a.registrations().disputes(s, st));
    SNOWBALL_API_END
}

} // extern "C"
