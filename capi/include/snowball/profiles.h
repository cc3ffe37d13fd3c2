/* Snowball C API: profile templates, profiles, family members and the visit briefing.
 *
 * `by` parameters name the consultant who makes a change (recorded in the history); 0 = not said.
 * A field value in JSON: a string (text, long text, phone, a single choice's option key or label,
 * a date "YYYY-MM-DD"), an array of option keys (multiple choice), a number, true/false (yes/no),
 * or null (clears the field). A label is {"zh", "zh_hant", "en"} (a plain string means "zh"). */
#ifndef SNOWBALL_PROFILES_H
#define SNOWBALL_PROFILES_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* The default template: the 42 fields in 6 sections. Out: a template document
 * {"site", "version", "created_at", "sections": [{"key", "label"}], "fields": [{"key", "section",
 * "number", "label", "type", "options": [{"key", "label"}], "help", "weight", "sensitivity",
 * "in_briefing", "hidden", "bound_to", "family_link"}]}. */
SNOWBALL_EXTERN(int) snowball_template_default(char **out_json);
/* A site's template: its newest version when version < 0; 0 is the default it started from. */
SNOWBALL_EXTERN(int) snowball_template_get(char **out_json, snowball_archive *archive, const char *site, int version);
/* Out: [{"version", "created_at", "by", "note"}]. */
SNOWBALL_EXTERN(int) snowball_template_versions(char **out_json, snowball_archive *archive, const char *site);
/* edits_json: an array of {"op": "add_field", "field": {"key", "section", "label", "type"? (default "text"),
 * "options"?, "help"?, "weight"?, "sensitivity"?, "in_briefing"?}, "after"?} | {"op": "hide"|"show", "key"}
 * | {"op": "rename", "key", "label"} | {"op": "move", "key", "after"?} | {"op": "extend_options", "key",
 * "options": [{"key", "label"}]} | {"op": "set_weight", "key", "weight"} | {"op": "set_in_briefing",
 * "key", "in_briefing"} | {"op": "add_section", "key", "label"}, applied as one new version.
 * note may be NULL. Out: the new template. */
SNOWBALL_EXTERN(int) snowball_template_edit(char **out_json, snowball_archive *archive, const char *site,
                                            const char *edits_json, int64_t by, const char *note);

/* values_json: {"field key": value or null, ...}, all set in one transaction. */
SNOWBALL_EXTERN(int) snowball_profile_set(snowball_archive *archive, int64_t customer_id, const char *values_json,
                                          int64_t by);
/* values_json: {"field key": "text as a form holds it"} ("红酒、白酒", "是", "2026-03-05"; "" clears). */
SNOWBALL_EXTERN(int) snowball_profile_set_text(snowball_archive *archive, int64_t customer_id,
                                               const char *values_json, int64_t by);
/* updates_json: [{"customer_id", "values": {...}}], one transaction for all. */
SNOWBALL_EXTERN(int) snowball_profile_set_many(snowball_archive *archive, const char *updates_json, int64_t by);
/* options_json (nullable): {"as_of"?: date, "language"?: "zh" | "zh_hant" | "en", "reveal"?: bool,
 * "reason"?: text}.
 * Out: {"customer_id", "site", "template_version", "as_of", "values": {key: value},
 * "sections": [{"key", "label", "fields": [{"key", "label", "type", "value", "display", "help",
 * "hidden", "sensitivity", "updated_at", "updated_by", "masked"}]}]} — labels in the language asked
 * for. A sensitive value is withheld (value null, "masked" what may be shown, e.g. "浙A·****8")
 * unless "reveal" is true with a "reason" and the archive's actor may see it (SNOWBALL_EFORBIDDEN,
 * SNOWBALL_ECONSENT otherwise); a reveal is recorded in the audit log. */
SNOWBALL_EXTERN(int) snowball_profile_get(char **out_json, snowball_archive *archive, int64_t customer_id,
                                          const char *options_json);
/* field may be NULL (every field). Out: [{"id", "field", "type", "old", "new", "by", "at", "masked"}],
 * oldest first; "type" is the field's type in the site's template, which the values follow. A
 * sensitive field's values are withheld ("masked": true, both null); the _revealed form reads them,
 * with a reason (required) that the audit log records. */
SNOWBALL_EXTERN(int) snowball_profile_history_revealed(char **out_json, snowball_archive *archive,
                                                       int64_t customer_id, const char *field, const char *reason);
SNOWBALL_EXTERN(int) snowball_profile_history(char **out_json, snowball_archive *archive, int64_t customer_id,
                                              const char *field);
/* ask_next: how many unfilled fields to name (0..100); negative: the default, 3.
 * Out: {"customer_id", "score", "sections": [{"section", "score", "filled", "fields"}], "ask_next": [keys]}. */
SNOWBALL_EXTERN(int) snowball_profile_completeness(char **out_json, snowball_archive *archive, int64_t customer_id,
                                                   int ask_next);
/* Out: {"site", "customers", "mean", "leaderboard": [{"rank", "consultant_id", "name", "customers", "mean"}]}. */
SNOWBALL_EXTERN(int) snowball_profile_site_completeness(char **out_json, snowball_archive *archive, const char *site);
/* query_json: {"field", "site", "from"?, "to"?, "language"?}. Out: {"field", "label", "options":
 * [{"key", "label", "total", "share", "by_stage": {"prospect", "visitor", "owner"}}], "answered":
 * {stage: n}, "customers": {stage: n}}. */
SNOWBALL_EXTERN(int) snowball_profile_distribution(char **out_json, snowball_archive *archive, const char *query_json);

/* Encryption of the sensitive profile values at rest. Out: {"enabled", "key_held", "key_id" (names
 * the key in force; not the key), "since", "sealed_values", "keys_retired"}. */
SNOWBALL_EXTERN(int) snowball_encryption_status(char **out_json, snowball_archive *archive);
/* Re-seals every sealed value under new_key (64 hexadecimal digits) in one transaction and puts it in
 * force; the handle uses it at once, other handles must be opened again with it. The host actor only
 * (SNOWBALL_EFORBIDDEN), on a handle opened with the key in force. out_resealed (nullable): how many
 * values were re-sealed. */
SNOWBALL_EXTERN(int) snowball_encryption_rotate(snowball_archive *archive, const char *new_key, int64_t *out_resealed);

/* Family members. member_json: {"relation": "spouse"|"father"|"mother"|"child"|"other", "name",
 * "gender"?, "birthday"?, "phone"?, "employer"?, "education"?, "interests"?, "school"?, "closest"?,
 * "note"?}; a birthday is {"lunar": bool, "year": int|null, "month", "day", "leap_month"?} or a text
 * "1985-06-15", "--06-15", "lunar:1985-08-15", "lunar:1985-L04-15". Out: the member with "id",
 * "customer_id", "created_at", "updated_at". */
SNOWBALL_EXTERN(int) snowball_family_add(char **out_json, snowball_archive *archive, int64_t customer_id,
                                         const char *member_json);
SNOWBALL_EXTERN(int) snowball_family_get(char **out_json, snowball_archive *archive, int64_t id);
/* update_json: any member key; "birthday": null clears it. */
SNOWBALL_EXTERN(int) snowball_family_update(char **out_json, snowball_archive *archive, int64_t id,
                                            const char *update_json);
SNOWBALL_EXTERN(int) snowball_family_remove(snowball_archive *archive, int64_t id);
SNOWBALL_EXTERN(int) snowball_family_list(char **out_json, snowball_archive *archive, int64_t customer_id);

/* The visit briefing. language may be NULL ("zh"). By phone: SNOWBALL_ENOTFOUND when the phone is
 * not on file; site may be NULL. Out: {"customer", "salutation", "consultant", "family",
 * "profile": [{"key", "label", "value"}], "recent_visits", "visit_count", "deals", "completeness",
 * "ask_next": [{"key", "label", "value" (the field's help note)}], "open_tickets", "upcoming",
 * "recent_contacts" (the contact log's latest entries), "follow_up" (snowball/contacts.h)}. */
SNOWBALL_EXTERN(int) snowball_briefing_by_phone(char **out_json, snowball_archive *archive, const char *phone,
                                                const char *site, const char *language);
SNOWBALL_EXTERN(int) snowball_briefing_get(char **out_json, snowball_archive *archive, int64_t customer_id,
                                           const char *language);

SNOWBALL_END_DECL

#endif
