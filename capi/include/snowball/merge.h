/* Snowball C API: duplicates and merge — candidates for one person filed twice, merging two records
 * into one, undoing a merge. docs/C_API.md ("Duplicates and merge") lists every JSON key;
 * docs/DATA_MODEL.md ("Merging") says what moves where.
 *
 * `by` is the consultant who acts, 0 when not said. */
#ifndef SNOWBALL_MERGE_H
#define SNOWBALL_MERGE_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* Duplicate candidates at one site, best first. query_json: {"site", "min_score"? (0-1),
 * "limit"? (0: all)}. Out: [{"ids": [older, newer], "archive_nos": [...], "score" (0-1),
 * "reasons": [{"key" ("family_phone", "name_phone_tail", "name_birthday"), "text"}]}]. */
SNOWBALL_EXTERN(int) snowball_customer_duplicates(char **out_json, snowball_archive *archive, const char *query_json);

/* Merges customer `merged` into customer `keep` (one transaction). options_json (nullable):
 * {"newest_wins"? (profile values both have: the newer stays; default: the kept record's)}.
 * The same id twice or two sites: SNOWBALL_EINVALID naming "merge"; an id not on file:
 * SNOWBALL_ENOTFOUND naming "keep" or "merge"; a referral cycle: SNOWBALL_ECONFLICT naming the referral.
 * Out: a merge {"id", "site", "keep", "merged", "merged_archive_no", "by", "actor", "at",
 * "newest_wins", "counts": {table: rows}, "notes": [text], "undone_at", "undone_by", "undoable"}. */
SNOWBALL_EXTERN(int) snowball_customer_merge(char **out_json, snowball_archive *archive, int64_t keep, int64_t merged,
                                             int64_t by, const char *options_json);
/* Undoes a merge: both records as they were. Undone already, its journal gone, or the surviving record
 * written since: SNOWBALL_ESTATE naming "merge_id" (the message names the tables written). Out: the merge. */
SNOWBALL_EXTERN(int) snowball_customer_undo_merge(char **out_json, snowball_archive *archive, int64_t merge_id, int64_t by);
/* Out: the merge. */
SNOWBALL_EXTERN(int) snowball_customer_merge_get(char **out_json, snowball_archive *archive, int64_t merge_id);
/* query_json (nullable): {"site", "customer_id", "limit" (1-10000, default 50), "offset"}.
 * Out: {"items": [merge], "total"}, newest first. */
SNOWBALL_EXTERN(int) snowball_customer_merge_list(char **out_json, snowball_archive *archive, const char *query_json);

SNOWBALL_END_DECL

#endif
