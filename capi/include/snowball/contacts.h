/* Snowball C API: the contact log and follow-up (跟进记录) — every call, message, letter and visit
 * with who, when, how and what came of it; the follow-up schedule it sets; the consultant's list of
 * the day; the customers not contacted for a while; do-not-contact; the manager's care report.
 *
 * Dates are "YYYY-MM-DD" (China time), timestamps UTC ISO 8601. Keys: channels "phone", "sms",
 * "wechat", "letter", "email", "visit_office", "visit_site", "home_visit", "event", "news" (or 电话,
 * 短信, 微信, 信函, 邮件, 案场来访, 工地参观, 上门拜访, 活动, 资讯); directions "out", "in" (去电, 来电);
 * outcomes "reached", "no_answer", "busy", "refused", "wrong_number", "left_message", "sent",
 * "undelivered" and a site's own; intent grades "A", "B", "C", "D" unless the site sets its own.
 * docs/C_API.md, "Contacts", has every document.
 *
 * An entry document: {"id", "customer_id", "site", "consultant_id" (who made it), "at", "day" (the
 * day of "at" in China), "channel", "direction", "duration_s", "outcome", "reached", "note",
 * "intent_before", "intent", "next_contact": {"date", "time", "channel", "purpose"} | null,
 * "care_task_id", "ticket_id", "campaign_id", "referral_id", "deal_id", "quiet_hours" (an outbound
 * call inside the site's quiet hours), "supersedes", "superseded_by", "recorded_by" (the actor),
 * "recorded_at"}. Entries are never changed: a correction is a new entry that supersedes one. */
#ifndef SNOWBALL_CONTACTS_H
#define SNOWBALL_CONTACTS_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* Logs a contact and moves the customer's follow-up. contact_json: {"channel", "direction"? ("out"),
 * "outcome", "note"?, "intent"? (the grade after it; default unchanged), "next_contact"? {"date",
 * "time"? ("HH:MM"), "channel"? (default the entry's), "purpose"?}, "at"? ("YYYY-MM-DDTHH:MM[:SS]" China
 * time, or with "Z" or an offset; default now; at most a day ahead, never before the customer's first
 * contact), "duration_s"?, "by"? (the consultant who made it; default the handle's, for a host handle
 * the customer's consultant), "care_task_id"?, "ticket_id"?, "campaign_id"?, "referral_id"?,
 * "deal_id"? (each the customer's)}. An outbound contact, or a next one planned, on a channel the
 * customer objects to is SNOWBALL_ECONSENT naming "channel" or "next_contact.channel". Out: the entry. */
SNOWBALL_EXTERN(int) snowball_contact_log(char **out_json, snowball_archive *archive, int64_t customer_id,
                                          const char *contact_json);
/* Corrects an entry: a new entry of the same customer with the values of contact_json (as for log;
 * "at" defaults to the old entry's) that supersedes it. An entry corrected already is
 * SNOWBALL_ECONFLICT naming "entry_id" (record_id: the correction). Out: the new entry. */
SNOWBALL_EXTERN(int) snowball_contact_correct(char **out_json, snowball_archive *archive, int64_t entry_id,
                                              const char *contact_json);
SNOWBALL_EXTERN(int) snowball_contact_get(char **out_json, snowball_archive *archive, int64_t entry_id);
/* The customer's entries, newest first. limit: 1-10000, 0 for 100; include_superseded: 0 or 1.
 * Out: [entry]. */
SNOWBALL_EXTERN(int) snowball_contact_history(char **out_json, snowball_archive *archive, int64_t customer_id,
                                              int limit, int include_superseded);
/* Where the customer's follow-up stands. Out: {"customer_id", "last_contact_at", "last_contact_day",
 * "last_channel", "last_reached_day", "intent", "next_on", "next_time", "next_channel",
 * "next_purpose", "next_source" ("planned" | "policy" | "" when none)}. */
SNOWBALL_EXTERN(int) snowball_contact_follow_up(char **out_json, snowball_archive *archive, int64_t customer_id);
/* query_json: one of {"customer_id"}, {"consultant_id"} (the contacts they made), {"site"}, and
 * "as_of"? (today). Out: {"as_of", "last_contact_at", "windows": [{"days" (30, 90, 365), "contacts",
 * "reached", "customers", "by_channel": {channel: n}}]}. */
SNOWBALL_EXTERN(int) snowball_contact_frequency(char **out_json, snowball_archive *archive, const char *query_json);
/* The list of the day. query_json: {"on"? (today), "consultant_id"? | "site"?, "include_overdue"?
 * (true)}: a consultant's customers, or a whole site's. Out: [{"kind" ("contact" | "care_task"),
 * "due", "overdue", "customer_id", "customer_name", "archive_no", "tier", "stage", "consultant_id",
 * "intent", "channel", "time", "purpose", "source" ("planned" | "policy" | "care"), "care_task_id",
 * "occasion", "last_contact_day"}] by due day, then time; customers who object to the channel are
 * left out. Generates the care calendar's agenda of the day as needed (so it writes). */
SNOWBALL_EXTERN(int) snowball_contact_due(char **out_json, snowball_archive *archive, const char *query_json);
/* Customers not contacted for a while. query_json: {"site", "days"? (90; 1-3650), "stage"?, "tier"?,
 * "consultant_id"?, "as_of"? (today), "limit"? (1000; 1-100000), "offset"?}. Out: {"total", "items":
 * [{"customer_id", "name", "archive_no", "tier", "stage", "consultant_id", "last_contact_day" (null:
 * never contacted), "days_since"}]}, the longest quiet first. */
SNOWBALL_EXTERN(int) snowball_contact_not_contacted(char **out_json, snowball_archive *archive,
                                                    const char *query_json);
/* Do-not-contact (勿扰): the customer objects to being contacted on `channel` (NULL: any channel),
 * recorded in the consent ledger as an objection of the service purpose. by: the consultant who
 * records it, 0 for the handle's actor. Out: the consent entry (snowball/privacy.h). */
SNOWBALL_EXTERN(int) snowball_contact_do_not_contact(char **out_json, snowball_archive *archive, int64_t customer_id,
                                                     const char *channel, int64_t by);
/* The customer may be contacted on `channel` again (NULL: on every channel): lifts the objections
 * recorded by do_not_contact (audited). *out_count: how many were lifted (0: none). */
SNOWBALL_EXTERN(int) snowball_contact_allow_contact(int *out_count, snowball_archive *archive, int64_t customer_id,
                                                    const char *channel, int64_t by);
/* Whether a contact on `channel` (NULL: any) is allowed: *out_allowed 1 or 0. */
SNOWBALL_EXTERN(int) snowball_contact_may_contact(int *out_allowed, snowball_archive *archive, int64_t customer_id,
                                                  const char *channel);
/* A site's follow-up policy and contact settings. Out: {"site", "grades": [{"key", "label",
 * "every_days" (null: no follow-up from the policy)}], "owner_every_days" (null: the care calendar's
 * cadence only), "outcomes": [{"key", "label", "reached", "builtin"}], "quiet_hours": {"from", "to"} |
 * null}. */
SNOWBALL_EXTERN(int) snowball_contact_settings(char **out_json, snowball_archive *archive, const char *site);
/* update_json: {"grades"?, "owner_every_days"?, "quiet_hours"?}: what is given replaces, null clears
 * owner_every_days and quiet_hours. The policy's next contacts follow the new intervals. Out: the
 * settings. */
SNOWBALL_EXTERN(int) snowball_contact_update_settings(char **out_json, snowball_archive *archive, const char *site,
                                                      const char *update_json);
/* outcome_json: {"key", "label", "reached"? (false)}: an outcome of the site's own; a key in use is
 * SNOWBALL_ECONFLICT naming "key". Out: the settings. */
SNOWBALL_EXTERN(int) snowball_contact_add_outcome(char **out_json, snowball_archive *archive, const char *site,
                                                  const char *outcome_json);

/* The manager's care report. query_json: {"site", "start", "end" (inclusive, at most 366 days after
 * start), "period"? ("whole" | "day" | "week" | "month"), "consultant_id"?, "as_of"? (today)}.
 * Out: {"site", "start", "end", "period", "as_of", "rows": [row]}, by period, then consultant, the
 * site's total last; a row is in docs/C_API.md. */
SNOWBALL_EXTERN(int) snowball_report_care(char **out_json, snowball_archive *archive, const char *query_json);
/* The same report as CSV for Excel: UTF-8 with a byte-order mark, CRLF lines, Chinese headers. */
SNOWBALL_EXTERN(int) snowball_report_care_csv(char **out_csv, snowball_archive *archive, const char *query_json);
/* Both forms of one run of the report (the same numbers in each, whatever is written meanwhile):
 * *out_json as snowball_report_care, *out_csv as snowball_report_care_csv. On failure both are NULL. */
SNOWBALL_EXTERN(int) snowball_report_care_with_csv(char **out_json, char **out_csv, snowball_archive *archive,
                                                   const char *query_json);

SNOWBALL_END_DECL

#endif
