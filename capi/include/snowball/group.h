/* Snowball C API: the group view — a site's changes captured for the group, and the group's
 * PostgreSQL database they are applied to (docs/GROUP.md). Everything at a site is for the host
 * system only (another actor: SNOWBALL_EFORBIDDEN naming "actor"). docs/C_API.md ("Group") lists
 * every JSON key.
 *
 * A bundle is bytes (it holds NUL bytes): a pointer and a size, freed with snowball_string_free. */
#ifndef SNOWBALL_GROUP_H
#define SNOWBALL_GROUP_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* At a site. Out: {"enabled", "site", "enabled_at", "last_seq", "acknowledged", "pending",
 * "pending_bytes", "schema_version"}. */
SNOWBALL_EXTERN(int) snowball_group_status(char **out_json, snowball_archive *archive);
/* Switches capture on, the archive known to the group as `site` (letters, digits, '-', '_'; at most
 * 32). Another site code while the outbox holds entries: SNOWBALL_ECONFLICT naming "site".
 * Out (nullable): the status. */
SNOWBALL_EXTERN(int) snowball_group_enable(char **out_json, snowball_archive *archive, const char *site);
/* Switches capture off; the outbox stays. Out (nullable): the status. */
SNOWBALL_EXTERN(int) snowball_group_disable(char **out_json, snowball_archive *archive);
/* The outbox entries after `after` (at most max_entries; 0: 10,000) as one bundle. Capture never
 * switched on: SNOWBALL_ESTATE. */
SNOWBALL_EXTERN(int) snowball_group_outbox(char **out_bundle, size_t *out_size, snowball_archive *archive,
                                           int64_t after, int64_t max_entries);
/* Removes the entries up to `up_to` (the high-water mark the group reported); out_removed
 * (nullable): how many. Beyond the last entry: SNOWBALL_EINVALID naming "up_to". */
SNOWBALL_EXTERN(int) snowball_group_acknowledge(int64_t *out_removed, snowball_archive *archive, int64_t up_to);
/* The whole archive as one bundle, with the outbox entry it includes. */
SNOWBALL_EXTERN(int) snowball_group_snapshot(char **out_bundle, size_t *out_size, snowball_archive *archive);
/* The site's fingerprint: {"site", "high_water", "tables": [{"table", "columns", "rows",
 * "checksum"}]} — what snowball_group_view_reconcile takes. */
SNOWBALL_EXTERN(int) snowball_group_checksums(char **out_json, snowball_archive *archive);

/* The group's PostgreSQL database: one connection. Calls on a handle are serialised. */
typedef struct snowball_group_view snowball_group_view;

/* Connects (a libpq connection string, e.g. "host=127.0.0.1 port=5432 dbname=group user=snowball")
 * and installs the group's schemas when missing. No server: SNOWBALL_ESTORAGE. */
SNOWBALL_EXTERN(int) snowball_group_view_connect(snowball_group_view **out_view, const char *conninfo);
/* Closes the connection. NULL is allowed. */
SNOWBALL_EXTERN(void) snowball_group_view_free(snowball_group_view *view);
/* Applies one bundle in one PostgreSQL transaction with the site's high-water mark. A damaged
 * bundle: SNOWBALL_EINVALID naming "bundle"; changes of a site without a snapshot, or with entries
 * missing: SNOWBALL_ESTATE. Out (nullable): {"site", "kind", "entries_applied", "entries_skipped",
 * "rows_written", "rows_updated", "rows_deleted", "high_water", "schema_version"}. */
SNOWBALL_EXTERN(int) snowball_group_view_ingest(char **out_json, snowball_group_view *view, const char *bundle,
                                                size_t size);
/* The same for a bundle in a file. No file: SNOWBALL_ENOTFOUND naming "path". */
SNOWBALL_EXTERN(int) snowball_group_view_ingest_file(char **out_json, snowball_group_view *view, const char *path);
/* The site's high-water mark; a site the group does not know: SNOWBALL_ENOTFOUND naming "site". */
SNOWBALL_EXTERN(int) snowball_group_view_high_water(int64_t *out_high_water, snowball_group_view *view,
                                                    const char *site);
/* Compares a site's fingerprint (snowball_group_checksums) with the group's rows of the site. Out:
 * {"site", "same", "caught_up", "site_high_water", "group_high_water", "tables": [{"table",
 * "site_rows", "group_rows", "same"}]}. */
SNOWBALL_EXTERN(int) snowball_group_view_reconcile(char **out_json, snowball_group_view *view,
                                                   const char *checksums_json);
/* Out: the site codes the group knows, as a JSON array. */
SNOWBALL_EXTERN(int) snowball_group_view_sites(char **out_json, snowball_group_view *view);

SNOWBALL_END_DECL

#endif
