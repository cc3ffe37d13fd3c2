// The JSON form of the calendar's records: festival rules, a lunar day with its names, the
// working-day answers, a year's festivals, occasion settings, a care task's occasions and actions.
#pragma once

#include "codec/types.hpp"
#include "snowball/festivals.hpp"
#include "snowball/lunar.hpp"
#include "snowball/occasions.hpp"
#include "snowball/workdays.hpp"

SNOWBALL_CODEC_ENUM(OccasionKind, parse_occasion_kind)

// {"gender": "female" | null, "relation": "mother" | "father" | "spouse" | "", "min_age", "max_age":
// int | null, "children": bool}; a key left out is no condition.
SNOWBALL_CODEC_BOTH(CareAudience)
// {"key", "name_zh", "name_zh_hant", "name_en", "date" ("lunar:08-15", "gregorian:12-25",
// "lunar_last:12", "weekday:05-2-sun", "solar_term:qingming"), "enabled", "audience"}; read strictly
// and validated (key, name_zh and date required; enabled true unless given; no audience: everyone).
SNOWBALL_CODEC_BOTH(calendar::FestivalRule)
// {"year", "month", "day", "leap", "month_name", "day_name", "text", "zodiac", "zodiac_en",
// "cyclical_year", "solar_term": key | null}.
SNOWBALL_CODEC_WRITES(calendar::LunarDay)
SNOWBALL_CODEC_WRITES(calendar::WorkdayResult)
SNOWBALL_CODEC_WRITES(calendar::WorkdayCount)
SNOWBALL_CODEC_WRITES(calendar::WorkingDay)
SNOWBALL_CODEC_WRITES(calendar::FestivalDay)
// {"leap_month_birthdays_twice", "deal_anniversaries", "follow_up": "7d,30d,90d,6m*"}; a key left
// out keeps its default.
SNOWBALL_CODEC_BOTH(OccasionSettings)
// {"kind", "key", "title", "family_member_id", "deal_id"}.
SNOWBALL_CODEC_BOTH(TaskOccasion)
// {"action", "channel", "lead_days", "start", "label"}.
SNOWBALL_CODEC_BOTH(TaskAction)

namespace snowball::codec {

// The stored text of a task's occasions: json(occasions) dumped, written directly (the care agenda
// writes one per task); equal to the codec's form, which reads it back.
std::string occasions_text(const std::vector<TaskOccasion>& occasions);

} // namespace snowball::codec
