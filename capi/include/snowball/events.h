/* Snowball C API: site tours and owner events — 工地开放日 tours of the construction site, owner
 * events (业主联谊, 酒会, 圣诞舞会, 业主节), product launches; invitations by audience, answers with a
 * waitlist, the day-before reminders, check-in at the door, guests who become prospects referred by
 * the attendee who brought them, and what an event brought.
 *
 * Times are "YYYY-MM-DDTHH:MM" China time (or with "Z" or an offset) on input, UTC ISO 8601 on
 * output beside the China day ("date") and time ("time"). Messages (invitations sent on a channel,
 * reminders, cancellation notices) go out through the outreach (snowball/outreach.h) with the sender
 * given (fn, user; fn NULL: the one registered for the channel), under the keys "event:<id>:invitation", "event:<id>:reminder" and
 * "event:<id>:cancelled": a repeated call reaches nobody twice. docs/C_API.md, "Events", has every
 * document.
 *
 * An event document: {"id", "site", "series_id", "kind", "title", "start" (UTC), "date", "time",
 * "duration_minutes", "place", "capacity" (null: no limit), "host", "description", "status"
 * ("scheduled" | "cancelled"), "cancel_reason", "changed" (an occurrence changed apart from its
 * series), "invited", "confirmed_people" (yes answers with their party), "waitlisted", "created_at"}.
 * An invitation: {"event_id", "customer_id", "answer" ("none" | "yes" | "no" | "maybe"), "party",
 * "waitlisted", "waitlist_position", "attendance" ("unknown" | "attended" | "no_show"), "guest_of",
 * "walk_in", "invited_at", "answered_at", "reminded_at", "checked_in_at" (null when not yet)}. */
#ifndef SNOWBALL_EVENTS_H
#define SNOWBALL_EVENTS_H

#include "snowball/archive.h"
#include "snowball/outreach.h"

SNOWBALL_BEGIN_DECL

/* The site's event kinds: the built-in ones (site_tour 工地开放日, owner_party 业主联谊, cocktail 酒会,
 * christmas_ball 圣诞舞会, owner_festival 业主节, product_launch 产品发布会), then its own.
 * Out: [{"key", "label", "at_construction_site", "builtin"}]. */
SNOWBALL_EXTERN(int) snowball_event_kinds(char **out_json, snowball_archive *archive, const char *site);
/* kind_json: {"key", "label", "at_construction_site"? (false)}: a kind of the site's own; a key in
 * use is SNOWBALL_ECONFLICT naming "key". Out: the site's kinds. */
SNOWBALL_EXTERN(int) snowball_event_add_kind(char **out_json, snowball_archive *archive, const char *site,
                                             const char *kind_json);
/* event_json: {"site", "kind"? ("site_tour"), "title", "start", "duration_minutes"? (120), "place"?,
 * "capacity"? (people; none: no limit), "host"? (a consultant of the site), "description"?}.
 * Out: the event. */
SNOWBALL_EXTERN(int) snowball_event_create(char **out_json, snowball_archive *archive, const char *event_json);
/* A recurring event: series_json {"first": an event_json, "every_weeks"? (2; 1-8), "until"? (the last
 * day, at most a year after the first) | "count"? (1-60)}. Out: [event], the occurrences by start. */
SNOWBALL_EXTERN(int) snowball_event_create_series(char **out_json, snowball_archive *archive, const char *series_json);
SNOWBALL_EXTERN(int) snowball_event_get(char **out_json, snowball_archive *archive, int64_t event_id);
/* query_json: {"site", "from"?, "to"? (days, inclusive), "kind"?, "include_cancelled"? (false)}.
 * Out: [event] by start. */
SNOWBALL_EXTERN(int) snowball_event_list(char **out_json, snowball_archive *archive, const char *query_json);
/* The occurrences of a series, by start. */
SNOWBALL_EXTERN(int) snowball_event_series(char **out_json, snowball_archive *archive, int64_t series_id);
/* update_json: {"title"?, "start"?, "duration_minutes"?, "place"?, "capacity"? (null: no limit),
 * "host"? (null: none), "description"?}: what is given changes; an occurrence of a series is marked
 * "changed". A larger capacity moves the waitlist up. A cancelled event is SNOWBALL_EINVALIDSTATE.
 * Out: the event. */
SNOWBALL_EXTERN(int) snowball_event_update(char **out_json, snowball_archive *archive, int64_t event_id,
                                           const char *update_json);
/* Cancels the event for `reason`. channel: "sms", "wechat", "letter" or "email" to notify everyone
 * invited who did not say no (NULL: nobody is notified). by: the consultant who cancels, 0 for none.
 * Out: the event. */
SNOWBALL_EXTERN(int) snowball_event_cancel(char **out_json, snowball_archive *archive, int64_t event_id,
                                           const char *reason, const char *channel, int64_t by, snowball_sender_fn fn,
                                           void *user);
/* Invites an audience. request_json: {"audience": [{"scope" ("customers" | "site_owners" |
 * "site_vips" | "site_customers" | "consultant_customers" | "intent_grade" | "event_attendees" |
 * "referral_circle"), "site"?, "consultant_id"?, "grade"?, "event_id"?, "customer_id"?,
 * "customer_ids"?}], "channel"? (none: invited in person, each a contact of channel "event"),
 * "text"? (the message; default the site's invitation template), "at"?, "by"?}. Customers of another
 * site and those who object to service contacts on the channel are skipped and listed.
 * Out: {"invited", "already", "skipped", "skipped_ids", "sent": the send's result}. */
SNOWBALL_EXTERN(int) snowball_event_invite(char **out_json, snowball_archive *archive, int64_t event_id,
                                           const char *request_json, snowball_sender_fn fn, void *user);
/* An invited customer's answer: "yes", "no" or "maybe", with the people coming (party, 1-20, the
 * customer included). A yes beyond the capacity is waitlisted; a place freed moves the waitlist up
 * in order. Out: {"invitation", "promoted": [customer ids moved up]}. */
SNOWBALL_EXTERN(int) snowball_event_rsvp(char **out_json, snowball_archive *archive, int64_t event_id,
                                         int64_t customer_id, const char *answer, int party);
/* The event's invitations (walk-ins and guests included), by customer id. */
SNOWBALL_EXTERN(int) snowball_event_invitations(char **out_json, snowball_archive *archive, int64_t event_id);
/* The day-before reminder to those who said yes (with a place) or maybe. channel: "sms", "wechat",
 * "letter" or "email"; text: NULL for the site's reminder template; at: NULL for now. Out: the send's
 * result. */
SNOWBALL_EXTERN(int) snowball_event_remind(char **out_json, snowball_archive *archive, int64_t event_id,
                                           const char *channel, const char *text, const char *at, snowball_sender_fn fn,
                                           void *user);
/* A check-in at the door. check_in_json: {"customer_id"? (invited, or walking in) | "name" + "phone"
 * (a guest), "guest_of"? (the attendee who brought them, checked in with them when not yet),
 * "gender"?, "at"? (now), "by"? (the consultant at the door)}. A guest whose phone is not on file at
 * the site is filed as a prospect (channel "visit") and referred by guest_of (method event_guest)
 * when the referral rules allow: "referral_note" says why not. Out: {"customer_id", "new_prospect",
 * "referral_id", "referral_note", "invitation"}. */
SNOWBALL_EXTERN(int) snowball_event_check_in(char **out_json, snowball_archive *archive, int64_t event_id,
                                             const char *check_in_json);
/* After the event: every yes that did not check in is a no-show. *out_count: how many. */
SNOWBALL_EXTERN(int) snowball_event_close(int64_t *out_count, snowball_archive *archive, int64_t event_id);
/* A post-event survey campaign (snowball/feedback.h): its responses count in the event's outcome. */
SNOWBALL_EXTERN(int) snowball_event_link_campaign(snowball_archive *archive, int64_t event_id, int64_t campaign_id);
/* What the event brought. Out: {"event_id", "invited", "answered_yes", "attended", "no_show",
 * "guests", "new_prospects", "attendance_rate" (attended invited ÷ invited; null without
 * invitations), "deals_90d_attendees", "deals_90d_guests" (closed deals dated within 90 days of the
 * event), "survey_responses", "csat" (% of 1-5 ratings 4 or 5), "average_rating"}. */
SNOWBALL_EXTERN(int) snowball_event_outcome(char **out_json, snowball_archive *archive, int64_t event_id);

SNOWBALL_END_DECL

#endif
