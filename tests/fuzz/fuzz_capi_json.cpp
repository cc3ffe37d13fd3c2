// Every C API function that reads a JSON document, on the seeded archive. The input's first line
// names the function ("customer_add"; the "snowball_" prefix left out) and the rest is the document;
// when the line names no function, the first byte chooses one and the rest of the input is the
// document. Each call must return OK with a JSON output, or a documented error status with a
// message and no output; it never crashes, and never reports an internal error.
#include "fuzz_support.hpp"

#include <cstring>
#include <iterator>

namespace {

// The other arguments are records of the seeded archive: site XH, manager 1, consultant 2,
// customers 1 and 2, deal 1, family member 1, survey 1.
struct Reader {
    const char* name;
    int (*call)(char** out, snowball_archive* archive, const char* json);
    bool has_out = true;
};

const char* const lead_list = "姓名,手机,备注\n王五,137 0013 7000,\"看过样板间, 喜欢三居\"\n";

const Reader readers[] = {
    {"archive_open",
     [](char**, snowball_archive*, const char* json) {
         snowball_archive* opened = nullptr;
         const int rc = snowball_archive_open(&opened, ":memory:", json);
         if (rc == SNOWBALL_OK) snowball_archive_free(opened);   // which clears the last error
         return rc;
     },
     false},
    {"site_add", [](char** o, snowball_archive* a, const char* j) { return snowball_site_add(o, a, j); }},
    {"site_update", [](char** o, snowball_archive* a, const char* j) { return snowball_site_update(o, a, "SH", j); }},
    {"consultant_add", [](char** o, snowball_archive* a, const char* j) { return snowball_consultant_add(o, a, j); }},
    {"consultant_update", [](char** o, snowball_archive* a, const char* j) { return snowball_consultant_update(o, a, 2, j); }},
    {"care_set_festivals", [](char** o, snowball_archive* a, const char* j) { return snowball_care_set_festivals(o, a, "XH", j); }},
    {"care_set_policy", [](char** o, snowball_archive* a, const char* j) { return snowball_care_set_policy(o, a, "XH", j); }},
    {"care_set_occasions", [](char** o, snowball_archive* a, const char* j) { return snowball_care_set_occasions(o, a, "XH", j); }},
    {"care_add_festival", [](char** o, snowball_archive* a, const char* j) { return snowball_care_add_festival(o, a, "XH", j); }},
    {"care_update_occasions",
     [](char** o, snowball_archive* a, const char* j) { return snowball_care_update_occasions(o, a, "XH", j); }},
    {"care_agenda", [](char** o, snowball_archive* a, const char* j) { return snowball_care_agenda(o, a, j); }},
    {"care_overdue", [](char** o, snowball_archive* a, const char* j) { return snowball_care_overdue(o, a, j); }},
    {"customer_add", [](char** o, snowball_archive* a, const char* j) { return snowball_customer_add(o, a, j); }},
    {"customer_add_many", [](char** o, snowball_archive* a, const char* j) { return snowball_customer_add_many(o, a, j); }},
    {"customer_update", [](char** o, snowball_archive* a, const char* j) { return snowball_customer_update(o, a, 2, j); }},
    {"customer_list", [](char** o, snowball_archive* a, const char* j) { return snowball_customer_list(o, a, j); }},
    {"visit_record", [](char** o, snowball_archive* a, const char* j) { return snowball_visit_record(o, a, 2, j); }},
    {"deal_record", [](char** o, snowball_archive* a, const char* j) { return snowball_deal_record(o, a, 2, j); }},
    {"deal_archive", [](char** o, snowball_archive* a, const char* j) { return snowball_deal_archive(o, a, j); }},
    {"feedback_open", [](char** o, snowball_archive* a, const char* j) { return snowball_feedback_open(o, a, j); }},
    {"feedback_list", [](char** o, snowball_archive* a, const char* j) { return snowball_feedback_list(o, a, j); }},
    {"feedback_overdue", [](char** o, snowball_archive* a, const char* j) { return snowball_feedback_overdue(o, a, j); }},
    {"feedback_escalations", [](char** o, snowball_archive* a, const char* j) { return snowball_feedback_escalations(o, a, j); }},
    {"feedback_add_category",
     [](char** o, snowball_archive* a, const char* j) { return snowball_feedback_add_category(o, a, "XH", j); }},
    {"feedback_update_settings",
     [](char** o, snowball_archive* a, const char* j) { return snowball_feedback_update_settings(o, a, "XH", j); }},
    {"survey_create", [](char** o, snowball_archive* a, const char* j) { return snowball_survey_create(o, a, j); }},
    {"survey_update", [](char** o, snowball_archive* a, const char* j) { return snowball_survey_update(o, a, 1, j); }},
    {"survey_campaign_create",
     [](char** o, snowball_archive* a, const char* j) { return snowball_survey_campaign_create(o, a, j); }},
    {"survey_respond", [](char** o, snowball_archive* a, const char* j) { return snowball_survey_respond(o, a, j); }},
    {"survey_respond_many", [](char** o, snowball_archive* a, const char* j) { return snowball_survey_respond_many(o, a, j); }},
    {"survey_response_list", [](char** o, snowball_archive* a, const char* j) { return snowball_survey_response_list(o, a, j); }},
    {"survey_stats", [](char** o, snowball_archive* a, const char* j) { return snowball_survey_stats(o, a, 1, j); }},
    {"lead_import_data",
     [](char** o, snowball_archive* a, const char* j) {
         return snowball_lead_import_data(o, a, lead_list, std::strlen(lead_list), j, nullptr, nullptr);
     }},
    {"audit_list", [](char** o, snowball_archive* a, const char* j) { return snowball_audit_list(o, a, j); }},
    {"template_edit", [](char** o, snowball_archive* a, const char* j) { return snowball_template_edit(o, a, "XH", j, 1, "模板调整"); }},
    {"profile_set", [](char**, snowball_archive* a, const char* j) { return snowball_profile_set(a, 1, j, 2); }, false},
    {"profile_set_text", [](char**, snowball_archive* a, const char* j) { return snowball_profile_set_text(a, 1, j, 2); }, false},
    {"profile_set_many", [](char**, snowball_archive* a, const char* j) { return snowball_profile_set_many(a, j, 2); }, false},
    {"profile_get", [](char** o, snowball_archive* a, const char* j) { return snowball_profile_get(o, a, 1, j); }},
    {"profile_distribution", [](char** o, snowball_archive* a, const char* j) { return snowball_profile_distribution(o, a, j); }},
    {"family_add", [](char** o, snowball_archive* a, const char* j) { return snowball_family_add(o, a, 1, j); }},
    {"family_update", [](char** o, snowball_archive* a, const char* j) { return snowball_family_update(o, a, 1, j); }},
    {"referral_add", [](char** o, snowball_archive* a, const char* j) { return snowball_referral_add(o, a, j); }},
    {"referral_add_many", [](char** o, snowball_archive* a, const char* j) { return snowball_referral_add_many(o, a, j); }},
    {"referral_list", [](char** o, snowball_archive* a, const char* j) { return snowball_referral_list(o, a, j); }},
    {"referral_metrics", [](char** o, snowball_archive* a, const char* j) { return snowball_referral_metrics(o, a, j); }},
    {"referral_key_persons", [](char** o, snowball_archive* a, const char* j) { return snowball_referral_key_persons(o, a, j); }},
    {"referral_repeat_visitors",
     [](char** o, snowball_archive* a, const char* j) { return snowball_referral_repeat_visitors(o, a, j); }},
    {"referral_set_affinities",
     [](char** o, snowball_archive* a, const char* j) { return snowball_referral_set_affinities(o, a, "XH", j); }},
    {"referral_set_reward_rule",
     [](char** o, snowball_archive* a, const char* j) { return snowball_referral_set_reward_rule(o, a, "XH", j); }},
    {"reward_ledger", [](char** o, snowball_archive* a, const char* j) { return snowball_reward_ledger(o, a, j); }},
};

const Reader* reader_named(const std::string& name) {
    for (const Reader& r : readers)
        if (name == r.name) return &r;
    return nullptr;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    snowball::fuzz::Input in(data, size);
    const Reader* reader = reader_named(in.line());
    std::string json;
    if (reader) {
        json = in.rest();
    } else {
        reader = &readers[data[0] % std::size(readers)];
        json.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
    }
    snowball_archive* archive = snowball::fuzz::SeededArchive::next();
    char* out = nullptr;
    const int rc = reader->call(&out, archive, json.c_str());
    snowball::fuzz::check_call(reader->name, rc, out, reader->has_out);
    snowball_string_free(out);
    return 0;
}
