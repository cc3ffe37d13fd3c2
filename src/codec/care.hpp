// The JSON form of the care calendar's records: the care policy's rules, a site's care settings,
// care tasks, the occasions the briefing shows, the agenda's and the overdue list's queries.
#pragma once

#include "codec/calendar.hpp"
#include "codec/label.hpp"
#include "snowball/care.hpp"

SNOWBALL_CODEC_ENUM(TaskStatus, parse_task_status)

// {"occasion", "festival", "tier": key | null, "stage": key | null, "action", "channel", "lead_days",
// "label": {"zh", "zh_hant", "en"}}; read with the label as that object or as its Chinese text, a
// tier or stage "any" (or null) meaning any, and validated.
SNOWBALL_CODEC_BOTH(CareRule)
// {"tier", "monthly"}: a site's monthly gift budget for a tier, in yuan.
SNOWBALL_CODEC_BOTH(GiftBudget)
// {"site", "festivals", "policy", "occasions", "gift_budgets"}.
SNOWBALL_CODEC_WRITES(CareSettings)
// {"task_id"?, "customer_id"?, "item", "cost", "supplier"?, "given_on"?, "given_by"?, "note"?}.
SNOWBALL_CODEC_READS(NewGift)
// {"id", "site", "customer_id", "task_id", "tier", "item", "cost", "supplier", "given_on", "given_by",
// "note", "recorded_at"}.
SNOWBALL_CODEC_WRITES(Gift)
// {"site", "from"?, "to"?, "customer_id"?, "task_id"?}.
SNOWBALL_CODEC_READS(GiftQuery)
// {"month", "tier", "gifts", "cost", "budget", "remaining"}.
SNOWBALL_CODEC_WRITES(GiftTotal)
// {"leap_month_birthdays_twice"?, "deal_anniversaries"?, "follow_up"?}: what is given changes.
SNOWBALL_CODEC_READS(OccasionSettingsUpdate)
// A task, with what its day holds at a glance: "occasion" (the kinds joined by "+"), "action" (the
// actions joined by "+") and "family_member_ids".
SNOWBALL_CODEC_WRITES(CareTask)
// {"from", "to", "site"?, "consultant_id"?, "include_closed"?: true}.
SNOWBALL_CODEC_READS(AgendaQuery)
// {"on"?, "site"?, "consultant_id"?}.
SNOWBALL_CODEC_READS(CareOverdueQuery)
// The occasion's keys beside its "date" and "actions": {"date", "kind", "key", "title",
// "family_member_id", "deal_id", "actions"}.
SNOWBALL_CODEC_WRITES(UpcomingOccasion)
