#include "codec/json.hpp"

#include "common/text.hpp"
#include "snowball/error.hpp"

#include <set>
#include <vector>

namespace snowball::codec {

json parse(std::string_view text, const std::string& what) {
    // The keys of each object being read, to find one given twice.
    std::vector<std::set<std::string, std::less<>>> open;
    std::string twice;
    const auto watch = [&](int, json::parse_event_t event, json& parsed) {
        switch (event) {
        case json::parse_event_t::object_start: open.emplace_back(); break;
        case json::parse_event_t::object_end: open.pop_back(); break;
        case json::parse_event_t::key:
            if (!open.back().insert(parsed.get<std::string>()).second && twice.empty()) twice = parsed.get<std::string>();
            break;
        default: break;
        }
        return true;
    };
    json document;
    try {
        document = json::parse(text.begin(), text.end(), watch);
    } catch (const json::parse_error& e) {
        throw_invalid(what, "is not valid JSON (byte " + std::to_string(e.byte) + "): " + e.what());
    } catch (const json::out_of_range& e) {   // a number beyond a double's range (1e400): the input's fault too
        throw_invalid(what, std::string("is not valid JSON: ") + e.what());
    }
    if (!twice.empty()) throw_invalid(what, "gives the key \"" + twice + "\" twice in one object");
    return document;
}

json parse_object(std::string_view text, const std::string& what) {
    json document = parse(text, what);
    if (!document.is_object()) throw_invalid(what, "must be a JSON object");
    return document;
}

std::string dump(const json& document) { return document.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string valid_utf8(std::string_view text) { return text::repair_utf8(text); }

} // namespace snowball::codec
