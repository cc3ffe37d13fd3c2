/* Snowball C API: importing a lead list (客资) from CSV. */
#ifndef SNOWBALL_LEADS_H
#define SNOWBALL_LEADS_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

typedef struct snowball_import_progress {
    int64_t rows_done;
    int64_t rows_total;
    int64_t imported;
    int64_t rejected;
} snowball_import_progress;

/* Called every "progress_every" rows and at the end; return nonzero to cancel the import
 * (nothing is imported and the call returns SNOWBALL_ECANCELLED). */
typedef int (*snowball_progress_cb)(const snowball_import_progress *progress, void *payload);

/* options_json: {"site" (required), "channel"?, "mapping"? {header: field}, "encoding"?
 * ("auto"|"utf-8"|"gb18030"|"utf-16"), "delimiter"? ("," "\t" ";"), "consultant_id"?, "dry_run"?,
 * "all_or_nothing"?, "progress_every"?}. progress may be NULL.
 * Out: {"rows", "imported", "rejected": [{"line", "field", "reason"}], "customer_ids": [...],
 * "encoding", "columns": {header: field}, "ignored_columns": [...], "dry_run"}. */
SNOWBALL_EXTERN(int) snowball_lead_import_file(char **out_json, snowball_archive *archive, const char *path,
                                               const char *options_json, snowball_progress_cb progress,
                                               void *payload);
SNOWBALL_EXTERN(int) snowball_lead_import_data(char **out_json, snowball_archive *archive, const char *data,
                                               size_t size, const char *options_json,
                                               snowball_progress_cb progress, void *payload);

SNOWBALL_END_DECL

#endif
