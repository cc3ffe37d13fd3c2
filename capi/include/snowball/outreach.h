/* Snowball C API: outreach — news items (资讯), message templates with placeholders, and deliveries:
 * an item sent to an audience through the host's own sender, one delivery per customer and channel,
 * never twice, honouring do-not-contact, quiet hours and the site's weekly cap; each delivery made
 * is an entry of the contact log (snowball/contacts.h). The library sends nothing itself.
 *
 * Channels of deliveries: "sms", "wechat", "letter", "email". Placeholders: {salutation} (张先生;
 * the name alone when the gender is unknown), {name}, {site}, {consultant}, {consultant_phone},
 * {archive_no} from the archive; {festival}, {event}, {date}, {time}, {place}, {title}, {body},
 * {link} from the send ("values", a news item, an event). "{{" and "}}" are literal braces.
 * docs/C_API.md, "Outreach", has every document.
 *
 * A delivery document: {"id", "key" (the item), "customer_id", "site", "channel", "status" ("queued",
 * "sending", "sent", "delivered", "read", "failed", "skipped"), "reason" (why skipped or queued:
 * "already_sent", "sending", "do_not_contact", "no_address", "too_long", "weekly_cap", "attempts",
 * "off_file", "quiet_hours"), "text", "subject", "segments", "message_id", "attempts", "error",
 * "queued_at", "sent_at", "delivered_at", "read_at", "contact_id", "news_id", "event_id",
 * "care_task_id"}. */
#ifndef SNOWBALL_OUTREACH_H
#define SNOWBALL_OUTREACH_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* A sender: called once per message, one at a time, on a worker thread of the library (never the
 * caller's thread). message_json: {"delivery_id", "key", "customer_id", "channel", "to" (the mobile
 * for sms and wechat), "subject", "text", "segments"}. Returns 0 having written the channel's
 * message id (NUL-terminated UTF-8, at most 200 characters, may be empty) into id_out, or non-zero
 * having written what went wrong into error_out. A call that does not return within the site's
 * timeout_ms leaves its delivery "sending" (never handed over again by itself; a receipt settles
 * it) and the batch goes on on a new worker — so the sender may be called again while the hung
 * call still runs; its late answer is dropped, so `user` must stay valid until it returns. */
typedef int (*snowball_sender_fn)(void *user, const char *message_json, char *id_out, size_t id_capacity,
                                  char *error_out, size_t error_capacity);

/* The sender of a channel for every send of this handle that names none; fn NULL removes it. */
SNOWBALL_EXTERN(int) snowball_outreach_register_sender(snowball_archive *archive, const char *channel,
                                                       snowball_sender_fn fn, void *user);
/* Sends an item. sending_json: {"key" (the item: 1-100 of A-Z a-z 0-9 _ . : -), "audience": [{"scope"
 * ("customers" | "site_owners" | "site_vips" | "site_customers" | "consultant_customers" |
 * "intent_grade" | "event_attendees" | "referral_circle"), "site"?, "consultant_id"?, "grade"?,
 * "event_id"?, "customer_id"?, "customer_ids"?}], "channel"? ("sms"), "text" | "template_id",
 * "subject"?, "values"? {placeholder: text}, "news_id"?, "event_id"?, "at"? (the moment: China time or
 * with Z/offset; default now), "by"?, "dry_run"?}. fn NULL: the channel's registered sender. Out:
 * {"key", "recipients", "sent", "failed", "held", "skipped", "timed_out", "reasons": {reason: n},
 * "deliveries": [delivery] (those this call touched, up to 10,000)}. */
SNOWBALL_EXTERN(int) snowball_outreach_send(char **out_json, snowball_archive *archive, const char *sending_json,
                                            snowball_sender_fn fn, void *user);
/* Tries the item's failed and held deliveries again. at: NULL for now. Out: as send. */
SNOWBALL_EXTERN(int) snowball_outreach_retry(char **out_json, snowball_archive *archive, const char *key,
                                             snowball_sender_fn fn, void *user, const char *at);
/* The care agenda's greetings of a day as one batch. batch_json: {"site", "date", "channel"? ("sms"),
 * "text"? | "template_id"? (default the site's festival and birthday templates), "key"?
 * ("greetings:<site>:<date>"), "at"?}. A task sent is done. Out: as send. */
SNOWBALL_EXTERN(int) snowball_outreach_send_greetings(char **out_json, snowball_archive *archive,
                                                      const char *batch_json, snowball_sender_fn fn, void *user);
/* A delivery receipt. receipt_json: {"delivery_id"? | "message_id" + "channel", "status" ("sent",
 * "delivered", "read", "failed"), "error"?, "at"?}. Out: the delivery. */
SNOWBALL_EXTERN(int) snowball_outreach_receipt(char **out_json, snowball_archive *archive, const char *receipt_json);
SNOWBALL_EXTERN(int) snowball_outreach_delivery(char **out_json, snowball_archive *archive, int64_t delivery_id);
/* The item's deliveries by customer; status NULL for all. Out: [delivery]. */
SNOWBALL_EXTERN(int) snowball_outreach_deliveries(char **out_json, snowball_archive *archive, const char *key,
                                                  const char *status);
/* Failed and "sending" deliveries, oldest first; key NULL for every item. Out: [delivery]. */
SNOWBALL_EXTERN(int) snowball_outreach_failures(char **out_json, snowball_archive *archive, const char *key);
/* Out: {"key", "news_id", "event_id", "created_at", "channels": [counts], "total": counts} where counts
 * is {"channel", "recipients", "queued", "sending", "sent" (taken by the sender: sent, delivered,
 * read), "delivered" (delivered and read), "read", "failed", "skipped"}. */
SNOWBALL_EXTERN(int) snowball_outreach_stats(char **out_json, snowball_archive *archive, const char *key);
/* The items sent to a site's customers, created in [from, to] (NULL: open). Out: [stats]. */
SNOWBALL_EXTERN(int) snowball_outreach_items(char **out_json, snowball_archive *archive, const char *site,
                                             const char *from, const char *to);
/* What a customer was sent. query_json: {"customer_id", "from"?, "to"? (today; from: 30 days
 * earlier)}. Out: [delivery] oldest first. */
SNOWBALL_EXTERN(int) snowball_outreach_received(char **out_json, snowball_archive *archive, const char *query_json);
/* Out: {"site", "weekly_cap" (null: none), "max_attempts", "timeout_ms", "max_sms_segments"}. */
SNOWBALL_EXTERN(int) snowball_outreach_settings(char **out_json, snowball_archive *archive, const char *site);
/* update_json: {"weekly_cap"? (1-100, null: no cap), "max_attempts"? (1-10), "timeout_ms"? (10-600000),
 * "max_sms_segments"? (1-10)}. Out: the settings. */
SNOWBALL_EXTERN(int) snowball_outreach_update_settings(char **out_json, snowball_archive *archive, const char *site,
                                                       const char *update_json);

/* news_json: {"site", "kind"? ("progress" | "delivery" | "company" | "policy" | "other"), "title",
 * "body"?, "date"?, "attachments"? [URL or path], "by"?}. Out: {"id", "site", "kind", "title", "body",
 * "date", "attachments", "by", "created_at"}. */
SNOWBALL_EXTERN(int) snowball_news_add(char **out_json, snowball_archive *archive, const char *news_json);
SNOWBALL_EXTERN(int) snowball_news_get(char **out_json, snowball_archive *archive, int64_t news_id);
/* A site's news, newest first, dated in [from, to] (NULL: open). Out: [news]. */
SNOWBALL_EXTERN(int) snowball_news_list(char **out_json, snowball_archive *archive, const char *site, const char *from,
                                        const char *to);

/* template_json: {"site"? ("" for every site), "key", "purpose"? ("news" | "festival" | "birthday" |
 * "invitation" | "reminder" | "cancellation" | "other"), "channel"? ("sms"), "subject"?, "text",
 * "language"? ("zh-Hans")}. Out: {"id", "site", "key", "purpose", "channel", "subject", "text",
 * "language", "placeholders", "created_at", "updated_at"}. */
SNOWBALL_EXTERN(int) snowball_message_template_add(char **out_json, snowball_archive *archive, const char *template_json);
/* subject: NULL for none. */
SNOWBALL_EXTERN(int) snowball_message_template_update(char **out_json, snowball_archive *archive, int64_t template_id,
                                              const char *text, const char *subject);
SNOWBALL_EXTERN(int) snowball_message_template_get(char **out_json, snowball_archive *archive, int64_t template_id);
/* A site's templates and the group-wide ones (site NULL or "": the group-wide ones). Out: [template]. */
SNOWBALL_EXTERN(int) snowball_message_template_list(char **out_json, snowball_archive *archive, const char *site);
/* The text filled for one customer. values_json: NULL or {placeholder: text}. Out: a JSON string. */
SNOWBALL_EXTERN(int) snowball_message_template_render(char **out_json, snowball_archive *archive, const char *text,
                                              int64_t customer_id, const char *values_json);
/* The placeholders a text uses (an unknown one is SNOWBALL_EINVAL naming "text"). Out: [name]. */
SNOWBALL_EXTERN(int) snowball_message_template_check(char **out_json, const char *text);
/* Out: {"characters", "segments", "unicode"}: 70 Chinese characters in one SMS, 67 a segment beyond. */
SNOWBALL_EXTERN(int) snowball_sms_length(char **out_json, const char *text);

SNOWBALL_END_DECL

#endif
