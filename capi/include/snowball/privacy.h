/* Snowball C API: personal information protection — consent, the person's rights, retention, the
 * audit log. docs/C_API.md ("Privacy") lists
 * every JSON key; docs/PRIVACY.md maps the PIPL articles to the calls. */
#ifndef SNOWBALL_PRIVACY_H
#define SNOWBALL_PRIVACY_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* ---- Consent (docs/PRIVACY.md). `by` is the consultant who records it for a host handle, 0 for the
 * handle's actor. purpose: "service" | "marketing" | "referral" | "research". */

/* grant_json: {"purpose", "sensitive"?: bool, "guardian"?, "scope"?, "notice_version"?, "channel"?,
 * "proof"?, "by"?}. Out: the consent {"id", "customer_id", "purpose", "objection", "sensitive",
 * "guardian", "scope", "notice_version", "channel", "proof", "recorded_by", "recorded_at",
 * "withdrawn_at", "withdrawn_by"}. */
SNOWBALL_EXTERN(int) snowball_consent_grant(char **out_json, snowball_archive *archive, int64_t customer_id,
                                            const char *grant_json);
/* The customer objects to `channel` (NULL or "": every channel) of `purpose`. Out: the entry. */
SNOWBALL_EXTERN(int) snowball_consent_object(char **out_json, snowball_archive *archive, int64_t customer_id,
                                             const char *purpose, const char *channel, int64_t by);
/* Withdraws every consent of the purpose in force; *out_count: how many (0: none was). */
SNOWBALL_EXTERN(int) snowball_consent_withdraw(int *out_count, snowball_archive *archive, int64_t customer_id,
                                               const char *purpose, int64_t by);
/* Out: the customer's ledger, oldest first, withdrawn entries included. */
SNOWBALL_EXTERN(int) snowball_consent_list(char **out_json, snowball_archive *archive, int64_t customer_id);
/* The one check of a purpose: *out_allowed 1 or 0. channel may be NULL (any). */
SNOWBALL_EXTERN(int) snowball_consent_allows(int *out_allowed, snowball_archive *archive, int64_t customer_id,
                                             const char *purpose, const char *channel);

/* ---- The person's rights and retention. */

/* Erases the person (every module's step, one transaction, the file scrubbed before it returns).
 * The site's manager or administrator, or the host (SNOWBALL_EFORBIDDEN otherwise). */
SNOWBALL_EXTERN(int) snowball_privacy_erase(snowball_archive *archive, int64_t customer_id, int64_t by);
/* The person's copy: format NULL or "json" (one JSON document: "customer", "visits", "deals",
 * "profile", "profile_history", "family", "tickets", "survey_responses", "referrals", "contacts",
 * "consents", "audit") or "html" (a readable page in Chinese). Audited. */
SNOWBALL_EXTERN(int) snowball_privacy_export(char **out, snowball_archive *archive, int64_t customer_id,
                                             const char *format, int64_t by);
/* Lets a consultant of the customer's site see a customer who is not theirs, or stops it (manager,
 * administrator or host). Revoking a grant that does not exist is SNOWBALL_ENOTFOUND. */
SNOWBALL_EXTERN(int) snowball_access_grant(snowball_archive *archive, int64_t customer_id, int64_t consultant_id,
                                           int64_t by);
SNOWBALL_EXTERN(int) snowball_access_revoke(snowball_archive *archive, int64_t customer_id, int64_t consultant_id,
                                            int64_t by);
/* A site's retention period for a stage ("prospect" | "visitor" | "owner"); days 0 removes it. */
SNOWBALL_EXTERN(int) snowball_retention_set(snowball_archive *archive, const char *site, const char *stage, int days);
/* Out: [{"site", "stage", "days"}]; site NULL: every site. */
SNOWBALL_EXTERN(int) snowball_retention_list(char **out_json, snowball_archive *archive, const char *site);
/* A legal hold stops the sweep for the customer. Out: {"customer_id", "reason", "held_by", "held_at"}. */
SNOWBALL_EXTERN(int) snowball_legal_hold(char **out_json, snowball_archive *archive, int64_t customer_id,
                                         const char *reason, int64_t by);
SNOWBALL_EXTERN(int) snowball_legal_release(snowball_archive *archive, int64_t customer_id, int64_t by);
/* Out: [hold]; site NULL: every site. */
SNOWBALL_EXTERN(int) snowball_legal_holds(char **out_json, snowball_archive *archive, const char *site);
/* Erases the customers past their period on `on` (NULL: today in China); rehearsal nonzero: report
 * only. Out: {"on", "rehearsal", "erased": [id], "held": [id], "owners_kept": [id]}. */
SNOWBALL_EXTERN(int) snowball_retention_sweep(char **out_json, snowball_archive *archive, const char *on,
                                              int rehearsal);

/* ---- The audit log. */

/* Audit entries, oldest first. query_json (nullable): {"subject_id", "actor", "action", "from", "to"
 * (UTC days, inclusive), "limit" (1-10000, default 100), "offset"}.
 * Out: {"items": [{"id", "at", "actor", "action", "subject_id", "detail", "prev_hash", "hash"}], "total"}. */
SNOWBALL_EXTERN(int) snowball_audit_list(char **out_json, snowball_archive *archive, const char *query_json);
/* Every entry matching query_json (nullable; as above, "limit" and "offset" aside), oldest first, as
 * JSON lines: one entry per line, in the form above, for an auditor to keep and check outside. */
SNOWBALL_EXTERN(int) snowball_audit_export(char **out_lines, snowball_archive *archive, const char *query_json);

/* Checks the audit chain from its first entry to its last. expected_head (nullable): the "head" of an
 * earlier check, kept outside the archive; entries removed after it are then found too.
 * Out: {"ok", "entries", "first_bad" (null when ok), "problem", "head"}. A broken chain is a result
 * (ok false), not an error. */
SNOWBALL_EXTERN(int) snowball_audit_verify(char **out_json, snowball_archive *archive, const char *expected_head);

SNOWBALL_END_DECL

#endif
