/* Snowball C API: a deal's stages after it is recorded (snowball_deal_record, customers.h), its step
 * history, the sites' sales settings, and customers lost to a competitor.
 *
 * Stages: "reservation" (认筹, with a deposit), "subscription" (认购), "contract" (签约). A deal only
 * moves forward (steps may be skipped); it counts as closed only at contract. A deal document has,
 * beside the keys in customers.h, "stage", "reserved_on", "subscribed_on", "contracted_on",
 * "cancelled_on" (dates or null) and "deposit" (the reservation's amount or null); its "date" is the
 * date of its current stage (the contract date once contracted).
 * A step document: {"id", "deal_id", "step": "reservation"|"subscription"|"contract"|"cancellation",
 * "date", "amount" (null for a cancellation), "by" (consultant id or null), "reason", "recorded_at"}. */
#ifndef SNOWBALL_DEALS_H
#define SNOWBALL_DEALS_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* Moves an open deal forward to `stage`. step_json: {"date"?, "amount"?, "by"} (by: a consultant of
 * the deal's site; a contract's amount is its price, default the deal's price). Moving back, or a
 * cancelled deal: SNOWBALL_ESTATE. A date before the previous step or in the future: SNOWBALL_EINVALID. */
SNOWBALL_EXTERN(int) snowball_deal_advance(char **out_json, snowball_archive *archive, int64_t deal_id,
                                           const char *stage, const char *step_json);
/* Cancels an open deal (退房 / 退订) with a reason; by: the consultant, 0 = not said. */
SNOWBALL_EXTERN(int) snowball_deal_cancel_by(char **out_json, snowball_archive *archive, int64_t deal_id,
                                             const char *reason, int64_t by);
/* Out: the deal's steps in order. */
SNOWBALL_EXTERN(int) snowball_deal_steps(char **out_json, snowball_archive *archive, int64_t deal_id);

/* A site's sales settings. Out: {"site", "owner_stage", "updated_at" ("" = the defaults)}. */
SNOWBALL_EXTERN(int) snowball_sales_settings(char **out_json, snowball_archive *archive, const char *site);
/* The stage at which a buyer becomes an owner (default "contract"); the site's buyers follow at once. */
SNOWBALL_EXTERN(int) snowball_sales_set_owner_stage(char **out_json, snowball_archive *archive, const char *site,
                                                    const char *owner_stage);

/* Lost customers. mark_json: {"reason": "bought_elsewhere"|"price"|"location"|"layout"|"financing"|"other",
 * "note"?, "competitor"?, "date"?, "by"?}. Out: {"id", "customer_id", "site", "reason", "note", "competitor",
 * "date", "by", "recorded_at", "undone_at" ("" while in force), "undone_by"}. An open deal: SNOWBALL_ESTATE;
 * already lost: SNOWBALL_ECONFLICT (record_id = the mark). */
SNOWBALL_EXTERN(int) snowball_customer_mark_lost(char **out_json, snowball_archive *archive, int64_t customer_id,
                                                 const char *mark_json);
/* Undoes the mark in force (by: 0 = not said); none: SNOWBALL_ESTATE. */
SNOWBALL_EXTERN(int) snowball_customer_undo_lost(char **out_json, snowball_archive *archive, int64_t customer_id,
                                                 int64_t by);
/* Out: the customer's marks, newest first. */
SNOWBALL_EXTERN(int) snowball_customer_lost_marks(char **out_json, snowball_archive *archive, int64_t customer_id);
/* Out: [{"reason", "count"}] of the site's customers lost now, most first. */
SNOWBALL_EXTERN(int) snowball_lost_counts(char **out_json, snowball_archive *archive, const char *site);

SNOWBALL_END_DECL

#endif
