// FORWARDING STUB, to be deleted: the care calendar's JSON is the codec's now (codec/calendar.hpp,
// codec/care.hpp). Kept only while the referral and profile modules, which still include this
// header for only_keys and the briefing's occasions, move to the codec.
#pragma once

#include "codec/calendar.hpp"
#include "codec/reader.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace snowball::detail {

using nlohmann::json;

inline json occasions_json(const std::vector<TaskOccasion>& occasions) { return json(occasions); }
inline json actions_json(const std::vector<TaskAction>& actions) { return json(actions); }

inline void only_keys(const json& j, const std::string& field, std::initializer_list<const char*> known) {
    const std::vector<std::string_view> keys(known.begin(), known.end());
    codec::Reader(j, field, keys);
}

} // namespace snowball::detail
