/* Snowball C API: the Chinese calendar, festivals, working days and the care calendar.
 *
 * Dates are "YYYY-MM-DD" (China time). */
#ifndef SNOWBALL_CALENDAR_H
#define SNOWBALL_CALENDAR_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

/* The lunar date of a Gregorian day (1900-01-31 .. 2100-12-31). Out: {"year", "month", "day",
 * "leap", "month_name" ("闰四月"), "day_name" ("十五"), "text" ("丙午年闰四月十五"), "zodiac" ("马"),
 * "zodiac_en" ("horse"), "cyclical_year" ("丙午"), "solar_term" (a key or null)}. */
SNOWBALL_EXTERN(int) snowball_calendar_to_lunar(char **out_json, const char *date);
/* The Gregorian day of a lunar date (leap: 0 or 1). Out: "YYYY-MM-DD". */
SNOWBALL_EXTERN(int) snowball_calendar_to_gregorian(char **out_date, int year, int month, int day, int leap);
/* The day a solar term begins in a Gregorian year; name in pinyin ("lichun", "qingming", ...). */
SNOWBALL_EXTERN(int) snowball_calendar_solar_term(char **out_date, int year, const char *name);
/* The default festivals falling in a Gregorian year, by date. Out: [{"key", "date", "name_zh", "name_en"}]. */
SNOWBALL_EXTERN(int) snowball_calendar_festivals(char **out_json, int year);

/* Working days under the State Council's holiday arrangements: the built-in years, plus those
 * loaded into `archive` (which may be NULL: built-in only).
 * Out: {"date", "estimated": bool, "unpublished_years": [...]}: estimated when a year involved has
 * no published arrangement (weekends only were used). n >= 0; the start day does not count. */
SNOWBALL_EXTERN(int) snowball_workdays_add(char **out_json, snowball_archive *archive, const char *date, int n);
/* The working days in (from, to]. Out: {"days", "estimated", "unpublished_years"}. */
SNOWBALL_EXTERN(int) snowball_workdays_between(char **out_json, snowball_archive *archive, const char *from,
                                               const char *to);
/* Out: {"date", "working": bool, "holiday": name or null, "published": bool}. */
SNOWBALL_EXTERN(int) snowball_workdays_day(char **out_json, snowball_archive *archive, const char *date);
/* Loads arrangement lines ("2027-01-01 off 元旦", "2027-02-07 work 春节") into the archive; each year
 * named replaces that year. Out: the years loaded, [2027]. */
SNOWBALL_EXTERN(int) snowball_workdays_load(char **out_json, snowball_archive *archive, const char *text);

/* A site's care settings. Out: {"site", "festivals": [{"key", "name_zh", "name_zh_hant", "name_en",
 * "date" ("lunar:08-15", "gregorian:12-25", "lunar_last:12", "weekday:05-2-sun",
 * "solar_term:qingming"), "enabled", "audience": {"gender": "female" | "male" | null, "relation":
 * "mother" | "father" | "spouse" | "", "min_age", "max_age": int | null, "children": bool}}],
 * "policy": [{"occasion", "festival", "tier", "stage", "action", "channel", "lead_days", "label"}],
 * "occasions": {"leap_month_birthdays_twice", "deal_anniversaries", "follow_up" ("7d,30d,90d,6m*")},
 * "gift_budgets": [{"tier", "monthly"}]}. A festival's audience may be left out (everyone); 清明
 * (qingming) is off by default. */
SNOWBALL_EXTERN(int) snowball_care_settings(char **out_json, snowball_archive *archive, const char *site);
/* Replace one part of the settings: festivals_json is the festivals array, policy_json the policy
 * array, occasions_json the occasions object. Out: the settings. */
SNOWBALL_EXTERN(int) snowball_care_set_festivals(char **out_json, snowball_archive *archive, const char *site,
                                                 const char *festivals_json);
SNOWBALL_EXTERN(int) snowball_care_set_policy(char **out_json, snowball_archive *archive, const char *site,
                                              const char *policy_json);
SNOWBALL_EXTERN(int) snowball_care_set_occasions(char **out_json, snowball_archive *archive, const char *site,
                                                 const char *occasions_json);
/* One change each, read and written in one transaction. Out: the settings.
 * switch_festival: the site's festival whose key is `festival` on (enabled 1) or off (0);
 * SNOWBALL_ENOTFOUND naming "festival" when the site has no such festival.
 * add_festival: festival_json is one festival rule of the site's own; SNOWBALL_ECONFLICT naming
 * "key" when the site has a festival of that key.
 * update_occasions: update_json holds the occasion settings to change ({"leap_month_birthdays_twice"?,
 * "deal_anniversaries"?, "follow_up"?}); the others keep their value. */
SNOWBALL_EXTERN(int) snowball_care_switch_festival(char **out_json, snowball_archive *archive, const char *site,
                                                   const char *festival, int enabled);
SNOWBALL_EXTERN(int) snowball_care_add_festival(char **out_json, snowball_archive *archive, const char *site,
                                                const char *festival_json);
SNOWBALL_EXTERN(int) snowball_care_update_occasions(char **out_json, snowball_archive *archive, const char *site,
                                                    const char *update_json);

/* The care agenda: generates (once per customer and day) and lists the tasks.
 * query_json: {"from", "to", "site"?, "consultant_id"?, "include_closed"?: true}.
 * Out: [task], a task being {"id", "customer_id", "customer_name", "archive_no", "site",
 * "consultant_id", "date", "prepare_from", "occasions": [{"kind", "key", "title",
 * "family_member_id", "deal_id"}], "actions": [{"action", "channel", "lead_days", "start", "label"}], "status",
 * "outcome", "note", "done_at", "done_by", "over_budget", "occasion" (the occasions' kinds joined by "+":
 * "birthday+festival"), "action" (the actions joined by "+": "flowers_or_cake+call"),
 * "family_member_ids"}. */
SNOWBALL_EXTERN(int) snowball_care_agenda(char **out_json, snowball_archive *archive, const char *query_json);
SNOWBALL_EXTERN(int) snowball_care_task_get(char **out_json, snowball_archive *archive, int64_t task_id);
/* by: the consultant, 0 = not said; note may be NULL. */
SNOWBALL_EXTERN(int) snowball_care_task_complete(char **out_json, snowball_archive *archive, int64_t task_id,
                                                 const char *outcome, const char *note, int64_t by);
SNOWBALL_EXTERN(int) snowball_care_task_skip(char **out_json, snowball_archive *archive, int64_t task_id,
                                             const char *reason, int64_t by);
SNOWBALL_EXTERN(int) snowball_care_task_reopen(char **out_json, snowball_archive *archive, int64_t task_id, int64_t by);
/* Open tasks dated before `on` (NULL: today). query_json (nullable): {"on"?, "site"?, "consultant_id"?}. */
SNOWBALL_EXTERN(int) snowball_care_overdue(char **out_json, snowball_archive *archive, const char *query_json);
/* Gifts given on care and the sites' monthly gift budgets per tier (yuan).
 * set_gift_budget: tier "ordinary" or "vip"; remove 1 removes the tier's budget (monthly unused),
 * 0 sets it to monthly (0 .. 100,000,000, to the fen). Out: the settings.
 * record_gift: gift_json {"task_id"?, "customer_id"? (one of the two; with both, the task must be the
 * customer's), "item", "cost" (yuan, >= 0), "supplier"?, "given_on"? (default today; not in the
 * future), "given_by"? (a consultant of the customer's site), "note"?}. Out: the gift {"id", "site",
 * "customer_id", "task_id", "tier", "item", "cost", "supplier", "given_on", "given_by", "note",
 * "recorded_at"}; the tier is the customer's when recorded.
 * gifts: query_json {"site", "from"?, "to"?, "customer_id"?, "task_id"?}. Out: [gift] by day given.
 * gift_totals: the months of from..to (at most 36), each with both tiers: [{"month": "2027-05",
 * "tier", "gifts", "cost", "budget": number | null, "remaining": number | null}].
 * The agenda marks an open task with a gift action "over_budget": true when its tier's gifts of
 * its month already cost the budget or more. */
SNOWBALL_EXTERN(int) snowball_care_set_gift_budget(char **out_json, snowball_archive *archive, const char *site,
                                                   const char *tier, double monthly, int remove);
SNOWBALL_EXTERN(int) snowball_care_record_gift(char **out_json, snowball_archive *archive, const char *gift_json);
SNOWBALL_EXTERN(int) snowball_care_gift_get(char **out_json, snowball_archive *archive, int64_t gift_id);
SNOWBALL_EXTERN(int) snowball_care_gifts(char **out_json, snowball_archive *archive, const char *query_json);
SNOWBALL_EXTERN(int) snowball_care_gift_totals(char **out_json, snowball_archive *archive, const char *site,
                                               const char *from, const char *to);

/* A consultant's agenda as an iCalendar (RFC 5545) document. */
SNOWBALL_EXTERN(int) snowball_care_export_ics(char **out_ics, snowball_archive *archive, const char *from,
                                              const char *to, int64_t consultant_id);

SNOWBALL_END_DECL

#endif
