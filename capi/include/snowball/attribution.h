/* Snowball C API: registration and protection (报备, 判客, 保护期) — channel partners (分销, 中介,
 * 全民经纪人), registrations of customers before their visit (a full phone, or a partial mobile as
 * agents send it: "138****8000"), judging a walk-in (who owns them now, by rule), the public pool
 * (公海) and claims, disputes and their decisions, the attribution history of each customer. The
 * rules are in include/snowball/attribution.hpp; docs/C_API.md, "Attribution", has every document.
 *
 * A partner: {"id", "site", "kind" ("distributor" | "agency" | "broker"), "name", "company", "phone",
 * "active", "created_at", "updated_at"}.
 * A registration: {"id", "site", "phone" (full, or the pattern while partial), "partial", "name",
 * "channel" ("phone_inquiry" | "walk_in" | "distributor" | "agency" | "broker"), "consultant_id",
 * "partner_id", "customer_id", "status" ("active" | "confirmed" | "void"), "registered_at",
 * "registered_on", "expires" (the protection's last day, renewals included), "renewed_on",
 * "confirmed_on", "note", "created_by"}.
 * An attribution: {"customer_id", "site", "consultant_id", "partner_id", "registration_id", "source",
 * "since", "expires", "in_pool"}.
 * A dispute: {"id", "site", "customer_id", "claimant_consultant_id", "claimant_partner_id",
 * "registration_id", "note", "status" ("open" | "decided"), "winner_consultant_id",
 * "winner_partner_id", "decided_by", "decision_note", "created_at", "created_by", "decided_at"}. */
#ifndef SNOWBALL_ATTRIBUTION_H
#define SNOWBALL_ATTRIBUTION_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* partner_json: {"site", "kind"? ("agency"; also 分销, 中介, 全民经纪人), "name", "company"?, "phone"?}. */
SNOWBALL_EXTERN(int) snowball_partner_add(char **out_json, snowball_archive *archive, const char *partner_json);
/* update_json: {"kind"?, "name"?, "company"?, "phone"?, "active"?}. */
SNOWBALL_EXTERN(int) snowball_partner_update(char **out_json, snowball_archive *archive, int64_t partner_id,
                                             const char *update_json);
SNOWBALL_EXTERN(int) snowball_partner_deactivate(char **out_json, snowball_archive *archive, int64_t partner_id);
SNOWBALL_EXTERN(int) snowball_partner_get(char **out_json, snowball_archive *archive, int64_t partner_id);
/* A site's partners by id; include_inactive non-zero for the inactive ones too. Out: [partner]. */
SNOWBALL_EXTERN(int) snowball_partner_list(char **out_json, snowball_archive *archive, const char *site,
                                           int include_inactive);

/* Registers a customer (报备). registration_json: {"site", "phone", "name"?, "consultant_id"?,
 * "partner_id"?, "channel"?, "note"?, "at"?}. SNOWBALL_ECONFLICT when the phone is validly registered
 * to, or owned by, someone else: the message names the owner, the error's record id is the
 * registration. Out: the registration. */
SNOWBALL_EXTERN(int) snowball_registration_add(char **out_json, snowball_archive *archive, const char *registration_json);
SNOWBALL_EXTERN(int) snowball_registration_get(char **out_json, snowball_archive *archive, int64_t registration_id);
/* query_json: {"site", "consultant_id"?, "partner_id"?, "status"?, "valid_only"?, "as_of"?,
 * "limit"? (100)}. Out: [registration], newest first. */
SNOWBALL_EXTERN(int) snowball_registration_list(char **out_json, snowball_archive *archive, const char *query_json);
/* The registrations of a site a full phone matches, oldest first. Out: [registration]. */
SNOWBALL_EXTERN(int) snowball_registration_matching(char **out_json, snowball_archive *archive, const char *site,
                                                    const char *phone);
/* Judges a walk-in (判客). request_json: {"site", "phone" (full), "consultant_id"? (the receiving
 * consultant), "name"?, "at"?}. Out: {"site", "phone", "owner_consultant_id" (null: the pool or
 * nobody), "owner_consultant", "owner_partner_id", "owner_partner", "registration", "customer_id",
 * "family_of", "reason" ("registration" | "protected" | "family" | "pool" | "walk_in" |
 * "unregistered"), "explanation", "expires", "in_pool"}. */
SNOWBALL_EXTERN(int) snowball_registration_judge(char **out_json, snowball_archive *archive, const char *request_json);

/* Who owns a customer; as_of NULL for today. Out: an attribution. */
SNOWBALL_EXTERN(int) snowball_attribution_get(char **out_json, snowball_archive *archive, int64_t customer_id,
                                              const char *as_of);
/* The public pool of a site. Out: [{"customer_id", "site", "archive_no", "since",
 * "previous_consultant_id", "registration_id"}]. */
SNOWBALL_EXTERN(int) snowball_attribution_pool(char **out_json, snowball_archive *archive, const char *site);
/* Puts the site's customers whose protection ended into the pool; as_of NULL for today. Out:
 * {"released": n}. */
SNOWBALL_EXTERN(int) snowball_attribution_release_expired(char **out_json, snowball_archive *archive, const char *site,
                                                          const char *as_of);
/* A consultant (0: the handle's) claims a customer from the pool; at NULL for now. Out: the attribution. */
SNOWBALL_EXTERN(int) snowball_attribution_claim(char **out_json, snowball_archive *archive, int64_t customer_id,
                                                int64_t consultant_id, const char *at);
/* A manager (by) gives a customer to a consultant; note may be NULL. Out: the attribution. */
SNOWBALL_EXTERN(int) snowball_attribution_reassign(char **out_json, snowball_archive *archive, int64_t customer_id,
                                                   int64_t consultant_id, int64_t by, const char *note);
/* Every change of the customer's owner, oldest first. Out: [{"id", "customer_id", "site", "reason"
 * ("registration" | "judge" | "pool" | "claim" | "dispute" | "reassign"), "consultant_id",
 * "partner_id", "previous_consultant_id", "previous_partner_id", "registration_id", "dispute_id",
 * "note", "at", "by"}]. */
SNOWBALL_EXTERN(int) snowball_attribution_history(char **out_json, snowball_archive *archive, int64_t customer_id);
/* Out: {"site", "phone_inquiry_days", "walk_in_days", "distributor_days", "agency_days",
 * "broker_days", "claim_days", "family_follows"}. */
SNOWBALL_EXTERN(int) snowball_attribution_settings(char **out_json, snowball_archive *archive, const char *site);
/* update_json: any of the settings' keys but "site" (days 1-365). Out: the settings. */
SNOWBALL_EXTERN(int) snowball_attribution_update_settings(char **out_json, snowball_archive *archive, const char *site,
                                                          const char *update_json);

/* dispute_json: {"customer_id", "consultant_id"? | "partner_id"?, "registration_id"?, "note"}. */
SNOWBALL_EXTERN(int) snowball_dispute_open(char **out_json, snowball_archive *archive, const char *dispute_json);
/* decision_json: {"consultant_id"?, "partner_id"? (the winner), "by" (a manager of the site), "note"?}.
 * The winner becomes the customer's owner. Out: the dispute. */
SNOWBALL_EXTERN(int) snowball_dispute_decide(char **out_json, snowball_archive *archive, int64_t dispute_id,
                                             const char *decision_json);
SNOWBALL_EXTERN(int) snowball_dispute_get(char **out_json, snowball_archive *archive, int64_t dispute_id);
/* A site's disputes by id; status NULL for all. Out: [dispute]. */
SNOWBALL_EXTERN(int) snowball_dispute_list(char **out_json, snowball_archive *archive, const char *site,
                                           const char *status);

SNOWBALL_END_DECL

#endif
