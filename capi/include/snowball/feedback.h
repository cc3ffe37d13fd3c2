/* Snowball C API: complaints, suggestions and praise; satisfaction surveys.
 *
 * Dates are "YYYY-MM-DD" (China time), timestamps UTC ISO 8601. Keys: channels "phone", "letter",
 * "face_to_face", "online"; kinds "complaint", "suggestion", "praise"; categories
 * "property_quality", "service", "contract", "delivery", "property_management", "other" and a site's
 * own; severities "low", "normal", "high", "urgent"; statuses "received", "acknowledged",
 * "in_progress", "resolved", "closed". docs/C_API.md, "Complaints, suggestions and surveys", has every document.
 *
 * A ticket document: {"id", "uid", "number" ("XH-F2025-00001"), "site" (null: group level),
 * "channel", "kind", "category", "severity", "text", "customer_id", "name", "phone", "status", "open"
 * (true while received, acknowledged or in progress), "assignee_id", "received_on", "received_by",
 * "acknowledge_due", "acknowledge_due_estimated", "resolve_due", "resolve_due_estimated",
 * "acknowledged_on", "resolved_on", "closed_on", "resolution", "reopened", "response_id",
 * "follow_up_campaign_id", "created_at", "updated_at"}. */
#ifndef SNOWBALL_FEEDBACK_H
#define SNOWBALL_FEEDBACK_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* Takes in a complaint, suggestion or praise; never refused for want of a customer.
 * ticket_json: {"channel", "kind", "category", "severity"? ("normal"), "text", "customer_id"?,
 * "name"?, "phone"? (a phone on file for exactly one customer links the ticket), "site"? (default:
 * the customer's, else the archive's only site, else none), "received_on"? (today), "received_by"?,
 * "assignee_id"? (default: the customer's consultant)}. Out: the ticket. */
SNOWBALL_EXTERN(int) snowball_feedback_open(char **out_json, snowball_archive *archive, const char *ticket_json);
SNOWBALL_EXTERN(int) snowball_feedback_get(char **out_json, snowball_archive *archive, int64_t ticket_id);
/* By its number as a person types it (lower case, full-width and surrounding blanks are the same
 * number); SNOWBALL_ENOTFOUND (field "number") when there is none. */
SNOWBALL_EXTERN(int) snowball_feedback_by_number(char **out_json, snowball_archive *archive, const char *number);
/* query_json (nullable): {"site"?, "status"?, "open_only"?, "customer_id"?, "assignee_id"?, "kind"?,
 * "category"?, "severity"?, "from"?, "to"? (received on), "limit"? (50), "offset"?}.
 * Out: {"total", "items": [ticket]}, newest first. */
SNOWBALL_EXTERN(int) snowball_feedback_list(char **out_json, snowball_archive *archive, const char *query_json);
/* Moves a ticket along received → acknowledged → in_progress → resolved → closed; "in_progress" from
 * resolved or closed reopens it. Any other move is SNOWBALL_ESTATE (field "status") naming both
 * statuses. by: the consultant (required); note and on ("YYYY-MM-DD", default today) may be NULL.
 * Out: the ticket. */
SNOWBALL_EXTERN(int) snowball_feedback_transition(char **out_json, snowball_archive *archive, int64_t ticket_id,
                                                  const char *status, int64_t by, const char *note, const char *on);
/* assignee_id: an active consultant or manager of the ticket's site; 0 unassigns. note may be NULL. */
SNOWBALL_EXTERN(int) snowball_feedback_assign(char **out_json, snowball_archive *archive, int64_t ticket_id,
                                              int64_t assignee_id, int64_t by, const char *note);
SNOWBALL_EXTERN(int) snowball_feedback_note(char **out_json, snowball_archive *archive, int64_t ticket_id,
                                            const char *note, int64_t by);
/* Links the ticket to a customer on file (a caller recognised later). */
SNOWBALL_EXTERN(int) snowball_feedback_link(char **out_json, snowball_archive *archive, int64_t ticket_id,
                                            int64_t customer_id, int64_t by);
/* Out: [{"id", "ticket_id", "action" (received, acknowledged, in_progress, resolved, closed, reopened,
 * assigned, linked, note), "from", "to", "by", "note", "assignee_id", "customer_id", "on", "at"}],
 * oldest first. */
SNOWBALL_EXTERN(int) snowball_feedback_history(char **out_json, snowball_archive *archive, int64_t ticket_id);
/* query_json (nullable): {"on"? (today), "site"?, "assignee_id"?}. Out: [ticket], open tickets past a
 * deadline on that day, the most overdue first. */
SNOWBALL_EXTERN(int) snowball_feedback_overdue(char **out_json, snowball_archive *archive, const char *query_json);
/* As overdue, for tickets past a deadline by the site's escalate_after_days working days or more.
 * Out: [{"ticket", "deadline" ("acknowledge" | "resolve"), "due", "working_days_overdue",
 * "escalate_to" (a manager's id or null)}]. */
SNOWBALL_EXTERN(int) snowball_feedback_escalations(char **out_json, snowball_archive *archive, const char *query_json);
/* A customer's open tickets, newest first. Out: [ticket]. */
SNOWBALL_EXTERN(int) snowball_feedback_open_tickets(char **out_json, snowball_archive *archive, int64_t customer_id);
/* site may be NULL (the defaults). Out: [{"key", "label", "builtin"}]. */
SNOWBALL_EXTERN(int) snowball_feedback_categories(char **out_json, snowball_archive *archive, const char *site);
/* category_json: {"key", "label"}. Out: the site's categories. */
SNOWBALL_EXTERN(int) snowball_feedback_add_category(char **out_json, snowball_archive *archive, const char *site,
                                                    const char *category_json);
/* Out: {"site", "deadlines": {"low" | "normal" | "high" | "urgent": {"acknowledge_days",
 * "resolve_days"}}, "escalate_after_days", "follow_up_survey_id", "follow_up_channel",
 * "follow_up_after_days", "low_rating5", "low_nps", "low_score_severity"}. */
SNOWBALL_EXTERN(int) snowball_feedback_settings(char **out_json, snowball_archive *archive, const char *site);
/* settings_json: the keys to change, as in the output ("site" excepted; a deadline gives both of its
 * keys; null for follow_up_survey_id, low_rating5, low_nps switches them off). Out: the settings. */
SNOWBALL_EXTERN(int) snowball_feedback_update_settings(char **out_json, snowball_archive *archive, const char *site,
                                                       const char *settings_json);

/* Surveys. A survey document: {"id", "uid", "site" (null: group-wide), "version", "current_version",
 * "title", "questions": [{"key", "text", "type" ("rating5" | "nps" | "single" | "multi" | "text"),
 * "topic", "options": [{"key", "label"}]}], "active", "responses", "created_at", "created_by"}.
 * survey_json: {"title", "questions": [...] (options may be plain texts), "site"?, "by"?}. */
SNOWBALL_EXTERN(int) snowball_survey_create(char **out_json, snowball_archive *archive, const char *survey_json);
/* version 0: the current one. */
SNOWBALL_EXTERN(int) snowball_survey_get(char **out_json, snowball_archive *archive, int64_t survey_id, int version);
/* site may be NULL (every survey); include_inactive: 0 or 1. Out: [survey]. */
SNOWBALL_EXTERN(int) snowball_survey_list(char **out_json, snowball_archive *archive, const char *site,
                                          int include_inactive);
/* update_json: {"title"?, "questions"?, "active"?, "by"?}. A version that has responses or a campaign
 * is never changed: the edit becomes the next version. Out: the survey (current version). */
SNOWBALL_EXTERN(int) snowball_survey_update(char **out_json, snowball_archive *archive, int64_t survey_id,
                                            const char *update_json);
/* campaign_json: {"survey_id", "channel" ("letter" | "phone" | "online"), "audience": {"kind":
 * "site_owners", "site"} | {"kind": "consultant_customers", "consultant_id"} | {"kind": "ticket",
 * "ticket_id"} | {"kind": "customers", "customer_ids": [...]}, "name"?, "send_on"?, "allow_multiple"?,
 * "by"?}. Out: {"id", "uid", "survey_id", "version", "site", "name", "channel", "audience",
 * "send_on", "allow_multiple", "invited": [customer ids], "responded", "response_rate" (responded /
 * invited, or null), "created_at", "created_by"}. */
SNOWBALL_EXTERN(int) snowball_survey_campaign_create(char **out_json, snowball_archive *archive,
                                                     const char *campaign_json);
SNOWBALL_EXTERN(int) snowball_survey_campaign_get(char **out_json, snowball_archive *archive, int64_t campaign_id);
/* Out: [campaign] of the survey, by send date. */
SNOWBALL_EXTERN(int) snowball_survey_campaign_list(char **out_json, snowball_archive *archive, int64_t survey_id);
/* response_json: {"survey_id", "customer_id", "answers": {question key: 1-5 | 0-10 | "option" |
 * ["option", ...] | "text" | null}, "channel"? (required without a campaign), "campaign_id"?,
 * "ticket_id"?, "deal_id"?, "event"?, "date"?, "by"?}. A bad answer is SNOWBALL_EINVALID with field
 * "answers.<key>", and nothing is written. Out: {"id", "survey_id", "version", "campaign_id",
 * "customer_id", "site", "consultant_id", "channel", "date", "answers", "complete", "ticket_id",
 * "deal_id", "event", "opened_ticket_id", "recorded_at", "recorded_by"}. */
SNOWBALL_EXTERN(int) snowball_survey_respond(char **out_json, snowball_archive *archive, const char *response_json);
/* responses_json: an array of responses, recorded in one transaction (all or none; errors name
 * "responses[i]..."). Out: their ids, [id, ...]. */
SNOWBALL_EXTERN(int) snowball_survey_respond_many(char **out_json, snowball_archive *archive,
                                                  const char *responses_json);
SNOWBALL_EXTERN(int) snowball_survey_response_get(char **out_json, snowball_archive *archive, int64_t response_id);
/* query_json (nullable): {"survey_id"?, "customer_id"?, "campaign_id"?, "limit"?, "offset"?}.
 * Out: {"total", "items": [response]}, newest first. */
SNOWBALL_EXTERN(int) snowball_survey_response_list(char **out_json, snowball_archive *archive, const char *query_json);
/* query_json (nullable): {"site"?, "consultant_id"?, "topic"?, "from"?, "to"?, "version"?}.
 * Out: {"survey_id", "responses", "csat" (% of 1-5 answers that are 4-5, or null), "csat_answers",
 * "nps" (−100..100 or null), "nps_ci" ([low, high], 95 %), "nps_std_error", "nps_counts": {"answers",
 * "promoters", "passives", "detractors"}, "questions": [{"key", "text", "type", "topic", "answered",
 * "mean", "distribution": [{"value", "count"}], "csat", "nps", "nps_ci", ...}], "topics": [{"topic",
 * "answers", "csat", "nps", "nps_ci", ...}], "trend": [{"month" ("2025-10"), "responses", "csat",
 * "nps"}], "channels": [{"channel", "responses", "invited", "responded", "rate"}]}. */
SNOWBALL_EXTERN(int) snowball_survey_stats(char **out_json, snowball_archive *archive, int64_t survey_id,
                                           const char *query_json);

SNOWBALL_END_DECL

#endif
