// The JSON form of the events records: kinds, events and their series, invitations and answers,
// check-ins and what an event brought.
#pragma once

#include "codec/outreach.hpp"
#include "codec/types.hpp"
#include "snowball/events.hpp"

SNOWBALL_CODEC_ENUM(EventStatus, parse_event_status)
SNOWBALL_CODEC_ENUM(RsvpAnswer, parse_rsvp_answer)
SNOWBALL_CODEC_ENUM(Attendance, parse_attendance)

// {"key", "label", "at_construction_site"?, "builtin" (written only)}.
SNOWBALL_CODEC_BOTH(EventKind)
// {"site", "kind"?, "title", "start", "duration_minutes"?, "place"?, "capacity"?, "host"?, "description"?}.
SNOWBALL_CODEC_READS(NewEvent)
// {"first": new event, "every_weeks"?, "until"? | "count"?}.
SNOWBALL_CODEC_READS(NewEventSeries)
SNOWBALL_CODEC_WRITES(Event)
// {"title"?, "start"?, "duration_minutes"?, "place"?, "capacity"? (null: no limit), "host"? (null: none),
//  "description"?}.
SNOWBALL_CODEC_READS(EventUpdate)
// {"site", "from"?, "to"?, "kind"?, "include_cancelled"?}.
SNOWBALL_CODEC_READS(EventQuery)
SNOWBALL_CODEC_WRITES(Invitation)
// {"audience": [recipients], "channel"?, "text"?, "at"?, "by"?}; the sender is handed over beside it.
SNOWBALL_CODEC_READS(InviteRequest)
SNOWBALL_CODEC_WRITES(InviteResult)
SNOWBALL_CODEC_WRITES(RsvpResult)
// {"customer_id"? | "name" + "phone", "guest_of"?, "gender"?, "at"?, "by"?}.
SNOWBALL_CODEC_READS(CheckIn)
SNOWBALL_CODEC_WRITES(CheckInResult)
SNOWBALL_CODEC_WRITES(EventOutcome)
