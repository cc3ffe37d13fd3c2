/* Snowball C API: opening an archive; sites and consultants. */
#ifndef SNOWBALL_ARCHIVE_H
#define SNOWBALL_ARCHIVE_H

#include "snowball/common.h"

SNOWBALL_BEGIN_DECL

/* An open archive file. A handle may be shared between threads (calls on it are serialised);
 * for parallel work open one handle per thread. */
typedef struct snowball_archive snowball_archive;

/* Opens the archive at `path` (UTF-8), creating and migrating it as needed.
 * options_json may be NULL, or {"create": true, "read_only": false, "busy_timeout_ms": 10000,
 * "synchronous": "full" | "normal", "cache_mib": 64, "actor": "host"}. "actor" is who every call on
 * the handle is done as: "host" (the default: the host system, which may do everything),
 * "admin:<site>", "manager:<id>" or "consultant:<id>" (docs/PRIVACY.md, "Actors").
 * "encryption_key": 64 hexadecimal digits, the key that seals the sensitive profile values at rest
 * (docs/PRIVACY.md, "Encryption at rest"); the first open with a key seals the values already there,
 * and from then on another key is SNOWBALL_EINVALID ("encryption_key"). No message ever contains it. */
SNOWBALL_EXTERN(int) snowball_archive_open(snowball_archive **out, const char *path, const char *options_json);

/* Another handle on the same file with the same options, acting as `actor` (the forms above). Free
 * it with snowball_archive_free. Out: {"actor"} is what snowball_archive_actor gives. */
SNOWBALL_EXTERN(int) snowball_archive_as(snowball_archive **out, snowball_archive *archive, const char *actor);
/* The handle's actor: {"kind": "host" | "admin" | "manager" | "consultant", "consultant_id", "site",
 * "text"}. */
SNOWBALL_EXTERN(int) snowball_archive_actor(char **out_json, snowball_archive *archive);

/* Closes the archive. NULL is allowed. */
SNOWBALL_EXTERN(void) snowball_archive_free(snowball_archive *archive);

/* {"path", "schema_version", "library_version", "sites", "consultants", "customers", "owners"} */
SNOWBALL_EXTERN(int) snowball_archive_info(char **out_json, snowball_archive *archive);

/* Sites. site_json: {"code": "XH", "name": "...", "number_format": "..." (optional)}.
 * Out: a site {"id", "code", "name", "number_format", "created_at"}. */
SNOWBALL_EXTERN(int) snowball_site_add(char **out_json, snowball_archive *archive, const char *site_json);
SNOWBALL_EXTERN(int) snowball_site_get(char **out_json, snowball_archive *archive, const char *code);
/* Out: an array of sites, by code. */
SNOWBALL_EXTERN(int) snowball_site_list(char **out_json, snowball_archive *archive);
/* update_json: {"name"?, "number_format"?} */
SNOWBALL_EXTERN(int) snowball_site_update(char **out_json, snowball_archive *archive, const char *code,
                                          const char *update_json);

/* Consultants. consultant_json: {"site": "XH", "name": "...", "phone": "..." (optional),
 * "role": "consultant" | "manager" (optional), "manager_id": an active manager of the site (optional)}.
 * Out: {"id", "uid", "site", "name", "phone", "active", "created_at", "role", "manager_id"}. */
SNOWBALL_EXTERN(int) snowball_consultant_add(char **out_json, snowball_archive *archive, const char *consultant_json);
SNOWBALL_EXTERN(int) snowball_consultant_get(char **out_json, snowball_archive *archive, int64_t id);
/* site may be NULL (every site); include_inactive: 0 or 1. Out: an array, by id. */
SNOWBALL_EXTERN(int) snowball_consultant_list(char **out_json, snowball_archive *archive, const char *site,
                                              int include_inactive);
/* update_json: {"name"?, "phone"?, "active"?, "role"?, "manager_id"? (null: no manager)} */
SNOWBALL_EXTERN(int) snowball_consultant_update(char **out_json, snowball_archive *archive, int64_t id,
                                                const char *update_json);

SNOWBALL_END_DECL

#endif
