// Lead lists imported from CSV files.
#include "documents.hpp"

#include "codec/customers.hpp"

using namespace snowball;
using namespace snowball::capi;

namespace {

// Bridges the C progress callback into the import's progress function.
void attach_progress(LeadImportOptions& options, snowball_progress_cb progress, void* payload) {
    if (!progress) return;
    options.progress = [progress, payload](const ImportProgress& p) {
        const snowball_import_progress c{p.rows_done, p.rows_total, p.imported, p.rejected};
        return progress(&c, payload) == 0;
    };
}

} // namespace

extern "C" {

int snowball_lead_import_file(char** out_json, snowball_archive* archive, const char* path, const char* options_json,
                              snowball_progress_cb progress, void* payload) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string p = required_text(path, "path");
    auto options = input<LeadImportOptions>(options_json, "options_json");
    attach_progress(options, progress, payload);
    give_json(out_json, a.leads().import_file(p, options));
    SNOWBALL_API_END
}

int snowball_lead_import_data(char** out_json, snowball_archive* archive, const char* data, size_t size,
                              const char* options_json, snowball_progress_cb progress, void* payload) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    if (!data && size > 0) throw_invalid("data", "is NULL");
    auto options = input<LeadImportOptions>(options_json, "options_json");
    attach_progress(options, progress, payload);
    give_json(out_json, a.leads().import_data(std::string_view(data ? data : "", size), options));
    SNOWBALL_API_END
}

} // extern "C"
