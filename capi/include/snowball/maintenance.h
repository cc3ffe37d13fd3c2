/* Snowball C API: maintenance — checking that the archive file is whole, and copying it while
 * other connections write. The host system only (another actor: SNOWBALL_EFORBIDDEN naming "actor").
 * docs/C_API.md ("Maintenance") lists every JSON key. */
#ifndef SNOWBALL_MAINTENANCE_H
#define SNOWBALL_MAINTENANCE_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* Checks the archive in one read snapshot, changing nothing. Out: {"ok", "path", "checks": [{"name"
 * ("integrity", "foreign_keys", "number_sequences", "audit_chain"), "ok", "examined", "problems":
 * [text]}]}. A failed check is a result (ok false), not an error. */
SNOWBALL_EXTERN(int) snowball_maintenance_verify(char **out_json, snowball_archive *archive);

/* Copies the archive to `destination` with SQLite's online backup API: written to
 * "<destination>.partial", checked, then renamed. An existing destination: SNOWBALL_ECONFLICT naming
 * "destination" unless `replace` is non-zero. Out (nullable): {"path", "pages", "bytes", "schema_version"}. */
SNOWBALL_EXTERN(int) snowball_maintenance_backup(char **out_json, snowball_archive *archive, const char *destination,
                                                 int replace);

SNOWBALL_END_DECL

#endif
