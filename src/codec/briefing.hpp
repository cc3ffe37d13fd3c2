// The JSON form of the visit briefing.
#pragma once

#include "codec/archive.hpp"
#include "codec/care.hpp"
#include "codec/contacts.hpp"
#include "codec/customers.hpp"
#include "codec/feedback.hpp"
#include "codec/profiles.hpp"
#include "snowball/briefing.hpp"

// {"customer", "salutation", "consultant" (null when none), "family", "profile": [ProfileItem],
// "recent_visits", "visit_count", "deals", "completeness", "ask_next": [ProfileItem], "open_tickets",
// "upcoming"}.
SNOWBALL_CODEC_WRITES(Briefing)
