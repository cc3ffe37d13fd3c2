/* Snowball C API: the referral graph (老带新) — referrals, their analytics, personal observation,
 * cross cooperation and the reward ledger. docs/C_API.md ("The referral graph") lists every JSON key;
 * docs/DATA_MODEL.md defines every metric.
 *
 * Sites are named by code; `site` may be NULL (or "") where the whole archive is meant. `by` is the
 * consultant who acts, 0 when not said. Dates are "YYYY-MM-DD" (China time). */
#ifndef SNOWBALL_REFERRALS_H
#define SNOWBALL_REFERRALS_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* Registers a referral claim. referral_json: {"referrer_id", "referee_id", "method"? ("chain" by
 * default, "key_person", "cooperation", "event_guest", "observation"), "date"? (default today; on or before
 * the day the referee was filed), "materials"?: {"brochure": 3, "business_card": 2, "letter": 1,
 * "invitation": 1}, "consultant_id"?, "note"?}. No self-referral, no cycle, the referee new to the
 * site: SNOWBALL_EINVALID naming the field; the same pair twice: SNOWBALL_ECONFLICT naming the
 * referral. The referee's first claim is credited, later ones secondary.
 * Out: a referral {"id", "site", "referrer_id", "referrer_name", "referrer_archive_no", "referee_id",
 * "referee_name", "referee_archive_no", "method", "date", "credited", "materials", "consultant_id",
 * "note", "recorded_at"}. */
SNOWBALL_EXTERN(int) snowball_referral_add(char **out_json, snowball_archive *archive, const char *referral_json);
/* A JSON array of referrals in one transaction, all or none; errors name "referrals[i].field".
 * Out: the array of referrals. */
SNOWBALL_EXTERN(int) snowball_referral_add_many(char **out_json, snowball_archive *archive, const char *referrals_json);
SNOWBALL_EXTERN(int) snowball_referral_get(char **out_json, snowball_archive *archive, int64_t referral_id);
/* query_json (nullable): {"site", "referrer_id", "referee_id", "method", "from", "to", "credited_only",
 * "limit" (1-10000, default 50), "offset"}. Out: {"items": [referral], "total"}, by date. */
SNOWBALL_EXTERN(int) snowball_referral_list(char **out_json, snowball_archive *archive, const char *query_json);
/* Out: {"customer_id", "referred_by": referral or null, "other_claims": [referral],
 * "referred": [referral]}. */
SNOWBALL_EXTERN(int) snowball_referral_of_customer(char **out_json, snowball_archive *archive, int64_t customer_id);
/* Withdraws a claim registered in error; the referee's next claim becomes credited. A referral with a
 * reward in the ledger stays (SNOWBALL_ESTATE). */
SNOWBALL_EXTERN(int) snowball_referral_remove(snowball_archive *archive, int64_t referral_id);

/* A customer's referral tree along credited referrals; max_generations 0 = all.
 * Out: {"root", "descendants", "generations": [[{"customer_id", "referrer_id", "generation", "name",
 * "archive_no", "site", "stage", "deals"}]], "deals": [deal]}. */
SNOWBALL_EXTERN(int) snowball_referral_tree(char **out_json, snowball_archive *archive, int64_t customer_id,
                                            int max_generations);
/* Snowball metrics per month. query_json: {"site", "from", "to"} (dates; the months containing them,
 * at most 120). Out: [{"month" ("2026-03"), "new_customers", "deals", "referred_deals",
 * "referral_share", "referrals", "secondary_claims", "referrers", "mean_chain_depth",
 * "growth_factor", "materials": {kind: count}}]; a ratio without a denominator is null. */
SNOWBALL_EXTERN(int) snowball_referral_metrics(char **out_json, snowball_archive *archive, const char *query_json);
/* PageRank as docs/DATA_MODEL.md defines it. Out: [[customer_id, rank], ...] by id. */
SNOWBALL_EXTERN(int) snowball_referral_pagerank(char **out_json, snowball_archive *archive, const char *site);
/* query_json (nullable): {"site", "by" ("descendant_deals", "pagerank", "betweenness"), "limit"
 * (default 10), "decay" (default 0.5)}. Out: {"by", "exact", "nodes", "sources", "people":
 * [{"customer_id", "score", "name", "archive_no", "site", "referees", "descendants",
 * "descendant_deals"}]}; betweenness on a large graph is estimated: "exact": false. */
SNOWBALL_EXTERN(int) snowball_referral_key_persons(char **out_json, snowball_archive *archive, const char *query_json);
/* Social circles of at least min_size members, largest first. Out: [{"id", "members": [ids],
 * "referrals", "owners", "deals", "hub"}]. */
SNOWBALL_EXTERN(int) snowball_referral_circles(char **out_json, snowball_archive *archive, const char *site,
                                               int min_size);
/* Every customer of the graph. Out: [{"customer_id", "referrer_id", "generation", "referees",
 * "descendants", "deals", "descendant_deals", "weighted_deals", "circle"}] by id. */
SNOWBALL_EXTERN(int) snowball_referral_influence(char **out_json, snowball_archive *archive, const char *site);

/* Personal observation. query_json: {"site", "since", "min_visits"? (default 2), "until"?,
 * "consultant_id"?, "limit"? (default 50)}. Out: [{"customer_id", "name", "archive_no", "mobile",
 * "consultant_id", "tier", "stage", "visit_days": [dates], "last_visit", "days_since_last",
 * "signal": {"score", "frequency", "recency", "acceleration", "gap_trend"}}], best first. */
SNOWBALL_EXTERN(int) snowball_referral_repeat_visitors(char **out_json, snowball_archive *archive,
                                                       const char *query_json);
/* Cross cooperation: pairs not introduced yet. Out: [{"a": party, "b": party, "score", "weight",
 * "reason", "explanation", "worked", "no_result", "learned"}] — "worked"/"no_result": the site's
 * introductions of the pair's industries and what came of them, "learned" the factor they put on the
 * weight (2 (worked + 1) / (worked + no_result + 2)); a party being {"customer_id", "name", "archive_no", "industry", "company", "position", "matched_by",
 * "owner", "tier"}. */
SNOWBALL_EXTERN(int) snowball_referral_cooperation_pairs(char **out_json, snowball_archive *archive, const char *site,
                                                         int limit);
/* The built-in industries: [{"key", "name_zh", "name_en"}]. */
SNOWBALL_EXTERN(int) snowball_referral_industries(char **out_json);
/* Classifies an occupation with the keyword table; company and position may be NULL (not both).
 * Out: {"industry", "keyword", "source"}. Nothing matches: SNOWBALL_ENOTFOUND with the error's field
 * "company" (the lookup's "nothing found", docs/C_API.md). */
SNOWBALL_EXTERN(int) snowball_referral_classify_industry(char **out_json, const char *company, const char *position);
/* The keys of the module's enums, each in order: {"methods", "materials", "measures" (key persons'
 * "by"), "reward_kinds", "approach_channels", "approach_outcomes", "introduction_outcomes"}. */
SNOWBALL_EXTERN(int) snowball_referral_keys(char **out_json);

/* A site's settings. Out: {"site", "affinities": [{"a", "b", "weight", "reason"}],
 * "default_affinities", "reward": {"enabled", "kind" ("points", "property_fee", "cash"), "amount",
 * "methods", "first_deal_only", "within_days", "note"}}. */
SNOWBALL_EXTERN(int) snowball_referral_settings(char **out_json, snowball_archive *archive, const char *site);
/* affinities_json: the site's affinity table (an array of rules), or null for the defaults. */
SNOWBALL_EXTERN(int) snowball_referral_set_affinities(char **out_json, snowball_archive *archive, const char *site,
                                                      const char *affinities_json);
SNOWBALL_EXTERN(int) snowball_referral_set_reward_rule(char **out_json, snowball_archive *archive, const char *site,
                                                       const char *rule_json);

/* The reward ledger. A check: {"deal_id", "eligible", "reasons": [{"code", "message"}], "referee_id",
 * "referral_id", "referrer_id", "kind", "amount", "entry_id"}. An entry: {"id", "site", "deal_id",
 * "unit", "deal_date", "deal_cancelled", "referral_id", "referrer_id", "referrer_name", "referee_id",
 * "referee_name", "kind", "amount", "status" ("granted", "revoked"), "granted_at", "granted_by",
 * "note", "revoked_at", "revoked_by", "revoke_reason"}. */
SNOWBALL_EXTERN(int) snowball_reward_check(char **out_json, snowball_archive *archive, int64_t deal_id);
/* Grants an eligible deal's reward: SNOWBALL_ECONFLICT (naming the entry) when the deal was rewarded
 * already, SNOWBALL_ESTATE when it is not eligible. note may be NULL. */
SNOWBALL_EXTERN(int) snowball_reward_grant(char **out_json, snowball_archive *archive, int64_t deal_id, int64_t by,
                                           const char *note);
/* Grants every eligible deal of the site not yet rewarded. Out: [entry]. */
SNOWBALL_EXTERN(int) snowball_reward_settle(char **out_json, snowball_archive *archive, const char *site, int64_t by);
SNOWBALL_EXTERN(int) snowball_reward_revoke(char **out_json, snowball_archive *archive, int64_t entry_id,
                                            const char *reason, int64_t by);
SNOWBALL_EXTERN(int) snowball_reward_get(char **out_json, snowball_archive *archive, int64_t entry_id);
/* query_json (nullable): {"site", "referrer_id", "include_revoked" (default true), "limit", "offset"}.
 * Out: {"items": [entry], "total"}. */
SNOWBALL_EXTERN(int) snowball_reward_ledger(char **out_json, snowball_archive *archive, const char *query_json);
/* Out: [{"referrer_id", "name", "archive_no", "entries", "points", "property_fee_months", "cash"}]. */
SNOWBALL_EXTERN(int) snowball_reward_totals(char **out_json, snowball_archive *archive, const char *site);

/* Key persons before they refer anyone (核心人物). query_json: {"site", "limit"? (1-10000, default 20),
 * "owners_only"? (default false)}. Out: [{"customer_id", "name", "archive_no", "stage", "tier",
 * "consultant_id", "score", "reasons": [{"code", "points", "message"}], "admired_by", "circle_size",
 * "family_members", "approaches": [approach]}], best first: the customers of the site who referred no
 * one yet, with a score above 0 (docs/DATA_MODEL.md, "Key-person candidates"). */
SNOWBALL_EXTERN(int) snowball_referral_key_person_candidates(char **out_json, snowball_archive *archive,
                                                             const char *query_json);
/* Records an approach to a customer and its contact-log entry. approach_json: {"customer_id", "date"?
 * (default today), "consultant_id"? (default the customer's consultant), "channel"? ("phone" by
 * default, "sms", "wechat", "letter", "email", "visit_office", "home_visit", "event"), "outcome"?
 * ("reached" by default, "no_answer", "interested", "agreed", "declined"), "note"?}.
 * Out: an approach {"id", "customer_id", "site", "date", "consultant_id", "channel", "outcome", "note",
 * "contact_id", "recorded_at"}. */
SNOWBALL_EXTERN(int) snowball_referral_approach(char **out_json, snowball_archive *archive, const char *approach_json);
/* The approaches made to a customer, by date. Out: [approach]. */
SNOWBALL_EXTERN(int) snowball_referral_approaches(char **out_json, snowball_archive *archive, int64_t customer_id);

/* Records that two customers of one site were introduced (交叉合作). introduction_json: {"a_id", "b_id",
 * "date"?, "consultant_id"?, "note"?}. The same pair twice: SNOWBALL_ECONFLICT naming the
 * introduction. Out: an introduction {"id", "site", "a_id", "a_name", "a_industry", "b_id", "b_name",
 * "b_industry", "date", "consultant_id", "outcome" ("pending", "worked", "no_result"), "outcome_date",
 * "outcome_by", "note", "recorded_at"}, the smaller customer id as "a". */
SNOWBALL_EXTERN(int) snowball_referral_introduce(char **out_json, snowball_archive *archive,
                                                 const char *introduction_json);
/* What came of an introduction. outcome_json: {"outcome", "date"? (default today), "by"?, "note"?
 * (replaces the note when given)}. Out: the introduction. */
SNOWBALL_EXTERN(int) snowball_referral_introduction_outcome(char **out_json, snowball_archive *archive,
                                                            int64_t introduction_id, const char *outcome_json);
SNOWBALL_EXTERN(int) snowball_referral_introduction_get(char **out_json, snowball_archive *archive,
                                                        int64_t introduction_id);
/* query_json: {"site", "customer_id"?, "outcome"?, "limit"?, "offset"?}. Out: {"items": [introduction],
 * "total"}, newest first. */
SNOWBALL_EXTERN(int) snowball_referral_introductions(char **out_json, snowball_archive *archive, const char *query_json);

/* Records material handed out to someone not on file yet (楼书, 名片, ...). handout_json: {"site",
 * "kind" ("brochure", "business_card", "letter", "invitation" or 楼书, 名片, ...), "count"? (default 1),
 * "name"?, "phone"? (a name, a phone or both; the phone may be a partial mobile "138****8000"),
 * "consultant_id"?, "referrer_id"? (a consultant of the site, a referring customer of the site, or
 * both), "date"?, "note"?}. Out: a handout {"id", "site", "kind", "count", "name", "phone",
 * "partial_phone", "consultant_id", "referrer_id", "referrer_name", "date", "note", "customer_id",
 * "customer_name", "customer_archive_no", "matched_at", "referral_id", "referral_suggested",
 * "recorded_at"}; matched at once when the full phone is on file at the site, else when a customer
 * with a phone that fits is filed. "referral_suggested": matched through a referring customer with no
 * referral registered yet (register it with snowball_referral_add). */
SNOWBALL_EXTERN(int) snowball_referral_hand_out(char **out_json, snowball_archive *archive, const char *handout_json);
SNOWBALL_EXTERN(int) snowball_referral_handout_get(char **out_json, snowball_archive *archive, int64_t handout_id);
/* query_json: {"site", "matched"? (true, false; absent: both), "referrer_id"?, "limit"?, "offset"?}.
 * Out: {"items": [handout], "total"}, newest first. */
SNOWBALL_EXTERN(int) snowball_referral_handouts(char **out_json, snowball_archive *archive, const char *query_json);

SNOWBALL_END_DECL

#endif
