// The group view at the C boundary: the C++ services, bundles as bytes, JSON out. No rule lives here.
#include "documents.hpp"

#include "codec/group.hpp"
#include "snowball/group.h"
#include "snowball/group.hpp"

#include <new>

struct snowball_group_view {
    snowball::GroupView view;
};

using namespace snowball;
using namespace snowball::capi;

namespace {

GroupView& view_of(snowball_group_view* handle) {
    if (!handle) throw_invalid("view", "is NULL; pass a handle from snowball_group_view_connect");
    return handle->view;
}

void give_bytes(char** out, size_t* out_size, const std::string& bytes) {
    give(out, bytes);
    *out_size = bytes.size();
}

} // namespace

extern "C" {

int snowball_group_status(char** out_json, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).group().status());
    SNOWBALL_API_END
}

int snowball_group_enable(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    if (out_json) *out_json = nullptr;
    const GroupStatus s = archive_of(archive).group().enable(required_text(site, "site"));
    if (out_json) give_json(out_json, s);
    SNOWBALL_API_END
}

int snowball_group_disable(char** out_json, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    if (out_json) *out_json = nullptr;
    const GroupStatus s = archive_of(archive).group().disable();
    if (out_json) give_json(out_json, s);
    SNOWBALL_API_END
}

int snowball_group_outbox(char** out_bundle, size_t* out_size, snowball_archive* archive, int64_t after,
                          int64_t max_entries) {
    SNOWBALL_API_BEGIN
    init_out(out_bundle, "out_bundle");
    init_out(out_size, "out_size");
    Archive& a = archive_of(archive);
    give_bytes(out_bundle, out_size, a.group().outbox(after, max_entries == 0 ? 10000 : max_entries));
    SNOWBALL_API_END
}

int snowball_group_acknowledge(int64_t* out_removed, snowball_archive* archive, int64_t up_to) {
    SNOWBALL_API_BEGIN
    if (out_removed) *out_removed = 0;
    const std::int64_t removed = archive_of(archive).group().acknowledge(up_to);
    if (out_removed) *out_removed = removed;
    SNOWBALL_API_END
}

int snowball_group_snapshot(char** out_bundle, size_t* out_size, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    init_out(out_bundle, "out_bundle");
    init_out(out_size, "out_size");
    Archive& a = archive_of(archive);
    give_bytes(out_bundle, out_size, a.group().snapshot());
    SNOWBALL_API_END
}

int snowball_group_checksums(char** out_json, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).group().checksums());
    SNOWBALL_API_END
}

int snowball_group_view_connect(snowball_group_view** out_view, const char* conninfo) {
    SNOWBALL_API_BEGIN
    init_out(out_view, "out_view");
    const std::string info = optional_text(conninfo);
    *out_view = new snowball_group_view{GroupView::connect(info)};
    SNOWBALL_API_END
}

void snowball_group_view_free(snowball_group_view* view) { delete view; }

int snowball_group_view_ingest(char** out_json, snowball_group_view* view, const char* bundle, size_t size) {
    SNOWBALL_API_BEGIN
    if (out_json) *out_json = nullptr;
    if (!bundle) throw_invalid("bundle", "is NULL; pass the bundle's bytes and their size");
    const GroupIngestReport r = view_of(view).ingest(std::string_view(bundle, size));
    if (out_json) give_json(out_json, r);
    SNOWBALL_API_END
}

int snowball_group_view_ingest_file(char** out_json, snowball_group_view* view, const char* path) {
    SNOWBALL_API_BEGIN
    if (out_json) *out_json = nullptr;
    GroupView& v = view_of(view);
    const GroupIngestReport r = v.ingest_file(required_text(path, "path"));
    if (out_json) give_json(out_json, r);
    SNOWBALL_API_END
}

int snowball_group_view_high_water(int64_t* out_high_water, snowball_group_view* view, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_high_water, "out_high_water");
    GroupView& v = view_of(view);
    *out_high_water = found(v.high_water(required_text(site, "site")), "site", "the group has no site of this code");
    SNOWBALL_API_END
}

int snowball_group_view_reconcile(char** out_json, snowball_group_view* view, const char* checksums_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    GroupView& v = view_of(view);
    give_json(out_json, v.reconcile(input<GroupChecksums>(checksums_json, "checksums_json")));
    SNOWBALL_API_END
}

int snowball_group_view_sites(char** out_json, snowball_group_view* view) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, codec::dump(json(view_of(view).sites())));
    SNOWBALL_API_END
}

} // extern "C"
