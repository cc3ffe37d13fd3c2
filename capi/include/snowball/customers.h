/* Snowball C API: the customer archive, visits, deals and the closed-deal archive.
 *
 * A customer document:
 *   {"id", "archive_no", "site", "channel": "call"|"visit"|"lead", "name",
 *    "gender": "unknown"|"male"|"female", "mobile", "phones": [{"kind": "home"|"office"|"other"|"mobile",
 *    "number"}], "consultant_id": int|null, "tier": "ordinary"|"vip",
 *    "stage": "prospect"|"visitor"|"owner", "first_contact": "YYYY-MM-DD", "note", "filed_at", "updated_at"}
 * Input documents use the same keys; unknown keys are an error (a typo is never ignored). */
#ifndef SNOWBALL_CUSTOMERS_H
#define SNOWBALL_CUSTOMERS_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* customer_json: {"site", "channel", "name", "gender"?, "mobile"?, "phones"?, "consultant_id"?,
 * "tier"?, "first_contact"?, "note"?, "filed_on"?}. Out: the customer with its archive number.
 * A phone already on file at the site: SNOWBALL_ECONFLICT, record_id = the existing customer. */
SNOWBALL_EXTERN(int) snowball_customer_add(char **out_json, snowball_archive *archive, const char *customer_json);
/* customers_json: an array of customer inputs, filed in one transaction (all or none).
 * Out: an array of customers. */
SNOWBALL_EXTERN(int) snowball_customer_add_many(char **out_json, snowball_archive *archive, const char *customers_json);
SNOWBALL_EXTERN(int) snowball_customer_get(char **out_json, snowball_archive *archive, int64_t id);
/* update_json: any of "name", "gender", "mobile" ("" clears), "phones", "consultant_id" (null
 * unassigns), "tier", "first_contact", "note". */
SNOWBALL_EXTERN(int) snowball_customer_update(char **out_json, snowball_archive *archive, int64_t id,
                                              const char *update_json);
/* Removes a customer; the archive number stays retired. */
SNOWBALL_EXTERN(int) snowball_customer_remove(snowball_archive *archive, int64_t id);

/* Lookups: SNOWBALL_ENOTFOUND when nobody matches. */
SNOWBALL_EXTERN(int) snowball_customer_by_archive_no(char **out_json, snowball_archive *archive,
                                                     const char *archive_no);
/* site may be NULL: then a phone on file at several sites is SNOWBALL_ECONFLICT. */
SNOWBALL_EXTERN(int) snowball_customer_by_phone(char **out_json, snowball_archive *archive, const char *phone,
                                                const char *site);
/* Out: an array (possibly empty) of the customers with this phone, one per site at most. */
SNOWBALL_EXTERN(int) snowball_customer_find_by_phone(char **out_json, snowball_archive *archive, const char *phone);
/* Out: an array of customers whose name starts with prefix; site may be NULL; limit 1..1000, or 0
 * for the default (20). */
SNOWBALL_EXTERN(int) snowball_customer_find_by_name(char **out_json, snowball_archive *archive, const char *prefix,
                                                    const char *site, int limit);
/* query_json (NULL: all): {"site"?, "channel"?, "stage"?, "tier"?, "consultant_id"?,
 * "first_contact_from"?, "first_contact_to"?, "name_prefix"?, "limit"? (1..10000, default 50),
 * "offset"?}. Out: {"total": n, "items": [customers...]}. */
SNOWBALL_EXTERN(int) snowball_customer_list(char **out_json, snowball_archive *archive, const char *query_json);
/* Moves every customer of one consultant to another of the same site. */
SNOWBALL_EXTERN(int) snowball_customer_reassign(int64_t *out_moved, snowball_archive *archive,
                                                int64_t from_consultant, int64_t to_consultant);

/* Visits. visit_json may be NULL: {"date"?, "consultant_id"?, "note"?, "place"? ("sales_office", the
 * default, or "construction_site")}. Each visit is an entry of the contact log too (snowball/contacts.h).
 * Out: {"id", "customer_id", "date", "consultant_id", "note", "recorded_at", "place"}. */
SNOWBALL_EXTERN(int) snowball_visit_record(char **out_json, snowball_archive *archive, int64_t customer_id,
                                           const char *visit_json);
/* Out: an array of visits by date. */
SNOWBALL_EXTERN(int) snowball_visit_list(char **out_json, snowball_archive *archive, int64_t customer_id);

/* Deals. deal_json: {"unit", "layout"?, "area" (m²), "price" (yuan), "date"?, "bought_for"?,
 * "consultant_id"?, "stage"? ("reservation"|"subscription"|"contract", the default), "amount"? (the
 * first step's: a reservation's deposit; a contract's is its price), "by"?}. Out: {"id", "customer_id",
 * "site", "unit", "layout", "area", "price", "date", "bought_for", "consultant_id", "cancelled",
 * "cancel_reason", "recorded_at", "stage", "reserved_on", "subscribed_on", "contracted_on",
 * "cancelled_on", "deposit"} (snowball/deals.h: advancing, cancelling with `by`, the steps). A unit held
 * by an open deal at any stage: SNOWBALL_ECONFLICT. */
SNOWBALL_EXTERN(int) snowball_deal_record(char **out_json, snowball_archive *archive, int64_t customer_id,
                                          const char *deal_json);
SNOWBALL_EXTERN(int) snowball_deal_cancel(char **out_json, snowball_archive *archive, int64_t deal_id,
                                          const char *reason);
SNOWBALL_EXTERN(int) snowball_deal_get(char **out_json, snowball_archive *archive, int64_t deal_id);
SNOWBALL_EXTERN(int) snowball_deal_list(char **out_json, snowball_archive *archive, int64_t customer_id);
/* The closed-deal archive (contracted deals). query_json (NULL: all): {"site"?, "consultant_id"?, "from"?, "to"?,
 * "include_cancelled"?, "limit"?, "offset"?}. Out: {"total", "items": [{"deal", "customer"}]}. */
SNOWBALL_EXTERN(int) snowball_deal_archive(char **out_json, snowball_archive *archive, const char *query_json);

SNOWBALL_END_DECL

#endif
