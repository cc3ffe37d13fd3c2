// Opening an archive; sites and consultants.
#include "documents.hpp"

#include "codec/archive.hpp"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_archive_open(snowball_archive** out, const char* path, const char* options_json) {
    SNOWBALL_API_BEGIN
    init_out(out, "out");
    const std::string p = required_text(path, "path");
    const auto options = input_or_default<OpenOptions>(options_json, "options_json");
    *out = new snowball_archive{Archive::open(p, options)};
    SNOWBALL_API_END
}

int snowball_archive_as(snowball_archive** out, snowball_archive* archive, const char* actor) {
    SNOWBALL_API_BEGIN
    init_out(out, "out");
    Archive& a = archive_of(archive);
    const std::string who = required_text(actor, "actor");
    *out = new snowball_archive{a.as(who)};
    SNOWBALL_API_END
}

int snowball_archive_actor(char** out_json, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).actor());
    SNOWBALL_API_END
}

void snowball_archive_free(snowball_archive* archive) {
    clear_error();
    try {
        delete archive;
    } catch (...) {
        fail_from_current_exception();
    }
}

int snowball_archive_info(char** out_json, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).info());
    SNOWBALL_API_END
}

int snowball_site_add(char** out_json, snowball_archive* archive, const char* site_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.sites().add(input<NewSite>(site_json, "site_json")));
    SNOWBALL_API_END
}

int snowball_site_get(char** out_json, snowball_archive* archive, const char* code) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.sites().get(required_text(code, "code")));
    SNOWBALL_API_END
}

int snowball_site_list(char** out_json, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).sites().list());
    SNOWBALL_API_END
}

int snowball_site_update(char** out_json, snowball_archive* archive, const char* code, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string c = required_text(code, "code");
    give_json(out_json, a.sites().update(c, input<SiteUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

int snowball_consultant_add(char** out_json, snowball_archive* archive, const char* consultant_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.consultants().add(input<NewConsultant>(consultant_json, "consultant_json")));
    SNOWBALL_API_END
}

int snowball_consultant_get(char** out_json, snowball_archive* archive, int64_t id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).consultants().get(id));
    SNOWBALL_API_END
}

int snowball_consultant_list(char** out_json, snowball_archive* archive, const char* site, int include_inactive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    if (include_inactive != 0 && include_inactive != 1) throw_invalid("include_inactive", "must be 0 or 1");
    give_json(out_json, archive_of(archive).consultants().list(optional_text(site), include_inactive != 0));
    SNOWBALL_API_END
}

int snowball_consultant_update(char** out_json, snowball_archive* archive, int64_t id, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.consultants().update(id, input<ConsultantUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

} // extern "C"
