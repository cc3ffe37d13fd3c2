// The JSON form of the contact log's records: entries and what is logged, the follow-up state,
// contact frequency, the due list, the quiet customers, the sites' settings and the care report.
#pragma once

#include "codec/types.hpp"
#include "snowball/contacts.hpp"

SNOWBALL_CODEC_ENUM(ContactChannel, parse_contact_channel)
SNOWBALL_CODEC_ENUM(ContactDirection, parse_contact_direction)
SNOWBALL_CODEC_ENUM(DueKind, parse_due_kind)
SNOWBALL_CODEC_ENUM(ReportPeriod, parse_report_period)

// {"key", "label", "reached", "builtin"}.
SNOWBALL_CODEC_BOTH(ContactOutcome)
// {"key", "label", "every_days": n | null}.
SNOWBALL_CODEC_BOTH(IntentGrade)
// {"from": "HH:MM", "to": "HH:MM"}.
SNOWBALL_CODEC_BOTH(QuietHours)
// {"site", "grades", "owner_every_days", "outcomes", "quiet_hours"}; read back from storage.
SNOWBALL_CODEC_BOTH(ContactSettings)
// {"grades"?, "owner_every_days"?, "quiet_hours"?}: what is given replaces (null clears).
SNOWBALL_CODEC_READS(ContactSettingsUpdate)
// {"date", "time", "channel", "purpose"}.
SNOWBALL_CODEC_BOTH(NextContact)
// {"channel", "direction"?, "outcome", "note"?, "intent"?, "next_contact"?, "at"?, "duration_s"?, "by"?,
//  "care_task_id"?, "ticket_id"?, "campaign_id"?, "referral_id"?, "deal_id"?}.
SNOWBALL_CODEC_READS(NewContact)
SNOWBALL_CODEC_WRITES(ContactEntry)
SNOWBALL_CODEC_WRITES(FollowUp)
SNOWBALL_CODEC_WRITES(ContactWindow)
SNOWBALL_CODEC_WRITES(ContactFrequency)
// {"customer_id"?, "consultant_id"?, "site"?, "as_of"?}.
SNOWBALL_CODEC_READS(FrequencyQuery)
SNOWBALL_CODEC_WRITES(DueItem)
// {"on"?, "consultant_id"?, "site"?, "include_overdue"?}.
SNOWBALL_CODEC_READS(DueQuery)
SNOWBALL_CODEC_WRITES(QuietCustomer)
// {"site", "days"?, "stage"?, "tier"?, "consultant_id"?, "as_of"?, "limit"?, "offset"?}.
SNOWBALL_CODEC_READS(NotContactedQuery)
SNOWBALL_CODEC_WRITES(CareReportRow)
SNOWBALL_CODEC_WRITES(CareReport)
// {"site", "start", "end", "period"?, "consultant_id"?, "as_of"?}.
SNOWBALL_CODEC_READS(CareReportQuery)
