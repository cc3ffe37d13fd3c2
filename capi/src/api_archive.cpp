#include "guard.hpp"
#include "json_codec.hpp"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_archive_open(snowball_archive** out, const char* path, const char* options_json) {
    SNOWBALL_API_BEGIN
    init_out(out, "out");
    const std::string p = required_text(path, "path");
    const OpenOptions options = open_options_from(options_json);
    *out = new snowball_archive{Archive::open(p, options)};
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
    give(out_json, dump(to_json(archive_of(archive).info())));
    SNOWBALL_API_END
}

int snowball_site_add(char** out_json, snowball_archive* archive, const char* site_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.sites().add(new_site_from(site_json)))));
    SNOWBALL_API_END
}

int snowball_site_get(char** out_json, snowball_archive* archive, const char* code) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.sites().get(required_text(code, "code")))));
    SNOWBALL_API_END
}

int snowball_site_list(char** out_json, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    json list = json::array();
    for (const Site& s : archive_of(archive).sites().list()) list.push_back(to_json(s));
    give(out_json, dump(list));
    SNOWBALL_API_END
}

int snowball_site_update(char** out_json, snowball_archive* archive, const char* code, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string c = required_text(code, "code");
    give(out_json, dump(to_json(a.sites().update(c, site_update_from(update_json)))));
    SNOWBALL_API_END
}

int snowball_consultant_add(char** out_json, snowball_archive* archive, const char* consultant_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.consultants().add(new_consultant_from(consultant_json)))));
    SNOWBALL_API_END
}

int snowball_consultant_get(char** out_json, snowball_archive* archive, int64_t id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).consultants().get(id))));
    SNOWBALL_API_END
}

int snowball_consultant_list(char** out_json, snowball_archive* archive, const char* site, int include_inactive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    if (include_inactive != 0 && include_inactive != 1) throw_invalid("include_inactive", "must be 0 or 1");
    json list = json::array();
    for (const Consultant& c : archive_of(archive).consultants().list(optional_text(site), include_inactive != 0))
        list.push_back(to_json(c));
    give(out_json, dump(list));
    SNOWBALL_API_END
}

int snowball_consultant_update(char** out_json, snowball_archive* archive, int64_t id, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.consultants().update(id, consultant_update_from(update_json)))));
    SNOWBALL_API_END
}

} // extern "C"
