// Profile templates, profiles, family members and the visit briefing.
#include "documents.hpp"

#include "codec/briefing.hpp"
#include "codec/profiles.hpp"

#include "snowball/briefing.hpp"
#include "snowball/profiles.hpp"

using namespace snowball;
using namespace snowball::capi;

namespace {

// A language parameter: NULL leaves the library's default.
std::optional<Language> language_of(const char* language) {
    if (!language) return std::nullopt;
    return parse_language(language, "language");
}

} // namespace

extern "C" {

int snowball_template_default(char** out_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, default_template());
    SNOWBALL_API_END
}

int snowball_template_get(char** out_json, snowball_archive* archive, const char* site, int version) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.templates().get(s, version < 0 ? std::nullopt : std::optional<int>(version)));
    SNOWBALL_API_END
}

int snowball_template_versions(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.templates().versions(required_text(site, "site")));
    SNOWBALL_API_END
}

int snowball_template_edit(char** out_json, snowball_archive* archive, const char* site, const char* edits_json,
                           int64_t by, const char* note) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const auto edits = input_list<TemplateEdit>(edits_json, "edits_json", "edits", "edits");
    give_json(out_json, a.templates().edit(s, edits, optional_consultant(by), optional_text(note)));
    SNOWBALL_API_END
}

int snowball_profile_set(snowball_archive* archive, int64_t customer_id, const char* values_json, int64_t by) {
    SNOWBALL_API_BEGIN
    Archive& a = archive_of(archive);
    const auto values = input<std::map<std::string, FieldValue>>(values_json, "values_json");
    a.profiles().set(customer_id, values, optional_consultant(by));
    SNOWBALL_API_END
}

int snowball_profile_set_text(snowball_archive* archive, int64_t customer_id, const char* values_json, int64_t by) {
    SNOWBALL_API_BEGIN
    Archive& a = archive_of(archive);
    const auto values = input<std::map<std::string, std::string>>(values_json, "values_json");
    a.profiles().set_text(customer_id, values, optional_consultant(by));
    SNOWBALL_API_END
}

int snowball_profile_set_many(snowball_archive* archive, const char* updates_json, int64_t by) {
    SNOWBALL_API_BEGIN
    Archive& a = archive_of(archive);
    std::vector<std::pair<std::int64_t, std::map<std::string, FieldValue>>> updates;
    for (codec::ProfileValues& u : input_list<codec::ProfileValues>(updates_json, "updates_json", "updates",
                                                                    "{customer_id, values}"))
        updates.emplace_back(u.customer_id, std::move(u.values));
    a.profiles().set_many(updates, optional_consultant(by));
    SNOWBALL_API_END
}

int snowball_profile_get(char** out_json, snowball_archive* archive, int64_t customer_id, const char* options_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const auto options = input_or_default<codec::ProfileOptions>(options_json, "options_json");
    give_json(out_json, codec::view(a.profiles().get(customer_id, options.as_of, Reveal{options.reveal, options.reason}),
                                    options.language));
    SNOWBALL_API_END
}

int snowball_profile_history(char** out_json, snowball_archive* archive, int64_t customer_id, const char* field) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.profiles().history(customer_id, optional_text(field)));
    SNOWBALL_API_END
}

int snowball_profile_history_revealed(char** out_json, snowball_archive* archive, int64_t customer_id, const char* field,
                                      const char* reason) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.profiles().history(customer_id, optional_text(field), Reveal{true, required_text(reason, "reason")}));
    SNOWBALL_API_END
}

int snowball_profile_completeness(char** out_json, snowball_archive* archive, int64_t customer_id, int ask_next) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Profiles& profiles = archive_of(archive).profiles();
    give_json(out_json, ask_next < 0 ? profiles.completeness(customer_id) : profiles.completeness(customer_id, ask_next));
    SNOWBALL_API_END
}

int snowball_profile_site_completeness(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.profiles().site_completeness(required_text(site, "site")));
    SNOWBALL_API_END
}

int snowball_profile_distribution(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.profiles().distribution(input<DistributionQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_family_add(char** out_json, snowball_archive* archive, int64_t customer_id, const char* member_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.family().add(customer_id, input<NewFamilyMember>(member_json, "member_json")));
    SNOWBALL_API_END
}

int snowball_family_get(char** out_json, snowball_archive* archive, int64_t id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).family().get(id));
    SNOWBALL_API_END
}

int snowball_family_update(char** out_json, snowball_archive* archive, int64_t id, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.family().update(id, input<FamilyMemberUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

int snowball_family_remove(snowball_archive* archive, int64_t id) {
    SNOWBALL_API_BEGIN
    archive_of(archive).family().remove(id);
    SNOWBALL_API_END
}

int snowball_family_list(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).family().list(customer_id));
    SNOWBALL_API_END
}

int snowball_briefing_by_phone(char** out_json, snowball_archive* archive, const char* phone, const char* site,
                               const char* language) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Briefings& briefings = archive_of(archive).briefings();
    const std::string p = required_text(phone, "phone");
    const std::string s = optional_text(site);
    const auto lang = language_of(language);
    const auto briefing = lang ? briefings.by_phone(p, s, *lang) : briefings.by_phone(p, s);
    give_json(out_json, found(briefing, "phone", "no customer on file has the phone " + p));
    SNOWBALL_API_END
}

int snowball_briefing_get(char** out_json, snowball_archive* archive, int64_t customer_id, const char* language) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Briefings& briefings = archive_of(archive).briefings();
    const auto lang = language_of(language);
    give_json(out_json, lang ? briefings.for_customer(customer_id, *lang) : briefings.for_customer(customer_id));
    SNOWBALL_API_END
}

} // extern "C"

int snowball_encryption_status(char** out_json, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).encryption().status());
    SNOWBALL_API_END
}

int snowball_encryption_rotate(snowball_archive* archive, const char* new_key, int64_t* out_resealed) {
    SNOWBALL_API_BEGIN
    if (out_resealed) *out_resealed = 0;
    const std::int64_t count = archive_of(archive).encryption().rotate(required_text(new_key, "new_key"));
    if (out_resealed) *out_resealed = count;
    SNOWBALL_API_END
}
