// Maintenance at the C boundary: the C++ service, JSON out. No rule lives here.
#include "documents.hpp"

#include "codec/maintenance.hpp"
#include "snowball/maintenance.hpp"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_maintenance_verify(char** out_json, snowball_archive* archive) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).maintenance().verify());
    SNOWBALL_API_END
}

int snowball_maintenance_backup(char** out_json, snowball_archive* archive, const char* destination, int replace) {
    SNOWBALL_API_BEGIN
    if (out_json) *out_json = nullptr;
    Archive& a = archive_of(archive);
    const BackupReport report = a.maintenance().backup(required_text(destination, "destination"), replace != 0);
    if (out_json) give_json(out_json, report);
    SNOWBALL_API_END
}

} // extern "C"
