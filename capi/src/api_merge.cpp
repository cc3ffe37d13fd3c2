// Duplicates and merge at the C boundary: JSON in, the C++ service, JSON out. No rule lives here.
#include "documents.hpp"

#include "codec/merge.hpp"
#include "snowball/merge.hpp"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_customer_duplicates(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.merges().duplicates(input<DuplicateQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_customer_merge(char** out_json, snowball_archive* archive, int64_t keep, int64_t merged, int64_t by,
                            const char* options_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const auto options = input_or_default<MergeOptions>(options_json, "options_json");
    give_json(out_json, a.merges().merge(keep, merged, optional_consultant(by), options));
    SNOWBALL_API_END
}

int snowball_customer_undo_merge(char** out_json, snowball_archive* archive, int64_t merge_id, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.merges().undo(merge_id, optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_customer_merge_get(char** out_json, snowball_archive* archive, int64_t merge_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).merges().get(merge_id));
    SNOWBALL_API_END
}

int snowball_customer_merge_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.merges().list(input_or_default<MergeQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

} // extern "C"
