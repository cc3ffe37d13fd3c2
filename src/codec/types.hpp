// The JSON form of the shared value types (snowball/types.hpp): the customer classification
// enums, birthdays, pages of results.
#pragma once

#include "codec/fields.hpp"
#include "snowball/types.hpp"

SNOWBALL_CODEC_ENUM(Channel, parse_channel)
SNOWBALL_CODEC_ENUM(Gender, parse_gender)
SNOWBALL_CODEC_ENUM(Tier, parse_tier)
SNOWBALL_CODEC_ENUM(Stage, parse_stage)
SNOWBALL_CODEC_ENUM(PhoneKind, parse_phone_kind)
SNOWBALL_CODEC_ENUM(VisitPlace, parse_visit_place)

// {"lunar", "year" (null when unknown), "month", "day", "leap_month", "text"}; read from that
// object (its "text" is ignored: the numbers decide) or from the text form ("--06-15",
// "lunar:1985-L04-15"), and validated.
SNOWBALL_CODEC_BOTH(Birthday)

// {"items": [...], "total": n}.
namespace nlohmann {
template <class T>
struct adl_serializer<snowball::Page<T>> {
    static void to_json(json& j, const snowball::Page<T>& page) { j = {{"items", page.items}, {"total", page.total}}; }
};
} // namespace nlohmann
