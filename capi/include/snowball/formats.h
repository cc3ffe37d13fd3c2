/* Snowball C API: formats in and out — customers and their family as vCard 4.0, any list or report
 * as CSV for Excel, the whole archive as JSON lines for backup and moving between machines.
 * docs/C_API.md, "Formats", has every document. */
#ifndef SNOWBALL_FORMATS_H
#define SNOWBALL_FORMATS_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* The customers as vCards (CRLF lines folded at 75 octets; UID urn:snowball:<archive number>,
 * X-SNOWBALL-LUNAR-BDAY for a lunar birthday, each family member a card of its own RELATED to the
 * customer). options_json (NULL: every customer): {"site"?, "customer_ids"? [id], "family"? (true)}. */
SNOWBALL_EXTERN(int) snowball_vcard_export(char **out_vcf, snowball_archive *archive, const char *options_json);
/* Files the cards of data[0..size) in one transaction: a new customer at the site, or the customer
 * of the site who has one of the card's phones (matched, unchanged); a family member's card joins the
 * customer it is RELATED to. A card that cannot be filed is skipped with its line and the reason.
 * options_json: {"site", "channel"? ("lead"), "consultant_id"?, "dry_run"?}.
 * Out: {"cards", "filed", "matched", "family", "skipped", "outcomes": [{"line", "action" ("filed",
 * "matched", "family", "skipped"), "uid", "customer_id", "family_member_id", "error_line", "field",
 * "reason"}], "dry_run"}. */
SNOWBALL_EXTERN(int) snowball_vcard_import(char **out_json, snowball_archive *archive, const char *data, size_t size,
                                           const char *options_json);

/* The whole archive as JSON lines (a header line with the schema version, then one line per row).
 * Host handles only (SNOWBALL_EFORBIDDEN otherwise). */
SNOWBALL_EXTERN(int) snowball_archive_export(char **out_jsonl, snowball_archive *archive);
SNOWBALL_EXTERN(int) snowball_archive_export_file(snowball_archive *archive, const char *path);
/* Loads an export into an empty archive of the same schema version (SNOWBALL_ECONFLICT when it is not
 * empty, SNOWBALL_EVERSION for another version, SNOWBALL_EINVALID naming "line N" for a bad line).
 * One transaction. Open a new handle on the archive afterwards. Out: {"schema_version", "rows",
 * "tables": {name: rows}}. */
SNOWBALL_EXTERN(int) snowball_archive_import(char **out_json, snowball_archive *archive, const char *data, size_t size);
SNOWBALL_EXTERN(int) snowball_archive_import_file(char **out_json, snowball_archive *archive, const char *path);

/* A table as CSV for Excel. table_json: {"columns": [{"key", "zh"?}], "rows": [[text]]};
 * options_json (NULL: the defaults): {"encoding"? ("utf-8-sig": UTF-8 with a byte-order mark, the
 * default; "utf-8"; "gb18030"), "english_headers"? (false: the Chinese headers), "header"? (true)}.
 * *out_size is the number of bytes (the text holds no NUL byte in any of the encodings). */
SNOWBALL_EXTERN(int) snowball_to_csv(char **out_csv, size_t *out_size, const char *table_json, const char *options_json);
/* The lists and reports as tables, for snowball_to_csv: the customers a query matches (every one, its
 * limit and offset ignored; query_json as snowball_customer_list), a survey's statistics (as
 * snowball_survey_stats), the managers' care report (as snowball_report_care). */
SNOWBALL_EXTERN(int) snowball_customer_table(char **out_json, snowball_archive *archive, const char *query_json);
SNOWBALL_EXTERN(int) snowball_survey_stats_table(char **out_json, snowball_archive *archive, int64_t survey_id,
                                                 const char *query_json);
SNOWBALL_EXTERN(int) snowball_report_care_table(char **out_json, snowball_archive *archive, const char *query_json);

SNOWBALL_END_DECL

#endif
