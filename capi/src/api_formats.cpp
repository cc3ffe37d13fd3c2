// vCards, CSV tables and the archive as JSON lines.
#include "documents.hpp"

#include "codec/contacts.hpp"
#include "codec/customers.hpp"
#include "codec/feedback.hpp"
#include "codec/formats.hpp"
#include "snowball/contacts.hpp"
#include "snowball/feedback.hpp"
#include "snowball/formats.h"
#include "snowball/formats.hpp"

using namespace snowball;
using namespace snowball::capi;

namespace {

std::string_view bytes(const char* data, size_t size) {
    if (!data && size > 0) throw_invalid("data", "is NULL");
    return std::string_view(data ? data : "", size);
}

} // namespace

extern "C" {

int snowball_vcard_export(char** out_vcf, snowball_archive* archive, const char* options_json) {
    SNOWBALL_API_BEGIN
    init_out(out_vcf, "out_vcf");
    Archive& a = archive_of(archive);
    give(out_vcf, a.formats().export_vcard(input_or_default<VcardExport>(options_json, "options_json")));
    SNOWBALL_API_END
}

int snowball_vcard_import(char** out_json, snowball_archive* archive, const char* data, size_t size,
                          const char* options_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string_view text = bytes(data, size);
    give_json(out_json, a.formats().import_vcard(text, input<VcardImport>(options_json, "options_json")));
    SNOWBALL_API_END
}

int snowball_archive_export(char** out_jsonl, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    init_out(out_jsonl, "out_jsonl");
    give(out_jsonl, archive_of(archive).formats().export_archive());
    SNOWBALL_API_END
}

int snowball_archive_export_file(snowball_archive* archive, const char* path) {
    SNOWBALL_API_BEGIN
    Archive& a = archive_of(archive);
    a.formats().export_archive(required_text(path, "path"));
    SNOWBALL_API_END
}

int snowball_archive_import(char** out_json, snowball_archive* archive, const char* data, size_t size) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.formats().import_archive(bytes(data, size)));
    SNOWBALL_API_END
}

int snowball_archive_import_file(char** out_json, snowball_archive* archive, const char* path) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.formats().import_archive_file(required_text(path, "path")));
    SNOWBALL_API_END
}

int snowball_to_csv(char** out_csv, size_t* out_size, const char* table_json, const char* options_json) {
    SNOWBALL_API_BEGIN
    init_out(out_csv, "out_csv");
    init_out(out_size, "out_size");
    *out_size = 0;
    const Table table = input<Table>(table_json, "table_json");
    const std::string csv = to_csv(table, input_or_default<CsvOptions>(options_json, "options_json"));
    give(out_csv, csv);
    *out_size = csv.size();
    SNOWBALL_API_END
}

int snowball_customer_table(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.formats().customer_table(input_or_default<CustomerQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_survey_stats_table(char** out_json, snowball_archive* archive, int64_t survey_id, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, to_table(a.surveys().stats(survey_id, input_or_default<StatsQuery>(query_json, "query_json"))));
    SNOWBALL_API_END
}

int snowball_report_care_table(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, to_table(a.contacts().care_report(input<CareReportQuery>(query_json, "query_json"))));
    SNOWBALL_API_END
}

} // extern "C"
