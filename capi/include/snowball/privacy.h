/* Snowball C API: personal information protection — the audit log. docs/C_API.md ("Privacy") lists
 * every JSON key; docs/PRIVACY.md maps the PIPL articles to the calls. */
#ifndef SNOWBALL_PRIVACY_H
#define SNOWBALL_PRIVACY_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* Audit entries, oldest first. query_json (nullable): {"subject_id", "actor", "action", "from", "to"
 * (UTC days, inclusive), "limit" (1-10000, default 100), "offset"}.
 * Out: {"items": [{"id", "at", "actor", "action", "subject_id", "detail", "hash"}], "total"}. */
SNOWBALL_EXTERN(int) snowball_audit_list(char **out_json, snowball_archive *archive, const char *query_json);

/* Checks the audit chain from its first entry to its last. expected_head (nullable): the "head" of an
 * earlier check, kept outside the archive; entries removed after it are then found too.
 * Out: {"ok", "entries", "first_bad" (null when ok), "problem", "head"}. A broken chain is a result
 * (ok false), not an error. */
SNOWBALL_EXTERN(int) snowball_audit_verify(char **out_json, snowball_archive *archive, const char *expected_head);

SNOWBALL_END_DECL

#endif
