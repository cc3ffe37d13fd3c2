#include "calendar/care_json.hpp"

#include "snowball/error.hpp"

#include <cstdio>

namespace snowball::detail {

namespace {

std::string text_of(const json& j, const char* key, const std::string& field, bool required) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) throw_invalid(field + "." + key, "is required");
        return {};
    }
    if (!it->is_string()) throw_invalid(field + "." + key, "must be a string");
    return it->get<std::string>();
}

bool flag_of(const json& j, const char* key, const std::string& field, bool fallback) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) throw_invalid(field + "." + key, "must be true or false");
    return it->get<bool>();
}

int int_of(const json& j, const char* key, const std::string& field, int fallback) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_number_integer() || it->get<long long>() < -1000000 || it->get<long long>() > 1000000)
        throw_invalid(field + "." + key, "must be an integer");
    return it->get<int>();
}

} // namespace

void only_keys(const json& j, const std::string& field, std::initializer_list<const char*> known) {
    if (!j.is_object()) throw_invalid(field, "must be a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool ok = false;
        for (const char* k : known) ok = ok || it.key() == k;
        if (!ok) throw_invalid(field + "." + it.key(), "is not a known key here");
    }
}

json festival_json(const calendar::FestivalRule& r) {
    return {{"key", r.key}, {"name_zh", r.name_zh}, {"name_zh_hant", r.name_zh_hant}, {"name_en", r.name_en},
            {"date", calendar::to_string(r.date)}, {"enabled", r.enabled}};
}

calendar::FestivalRule festival_from(const json& j, const std::string& field) {
    only_keys(j, field, {"key", "name_zh", "name_zh_hant", "name_en", "date", "enabled"});
    calendar::FestivalRule r;
    r.key = text_of(j, "key", field, true);
    r.name_zh = text_of(j, "name_zh", field, true);
    r.name_zh_hant = text_of(j, "name_zh_hant", field, false);
    r.name_en = text_of(j, "name_en", field, false);
    r.date = calendar::parse_festival_date(text_of(j, "date", field, true), field + ".date");
    r.enabled = flag_of(j, "enabled", field, true);
    try {
        calendar::validate(r);
    } catch (const Error& e) {
        throw Error(e.status(), field + "." + e.what(), field + "." + e.field());
    }
    return r;
}

json rule_json(const CareRule& r) {
    return {{"occasion", to_string(r.occasion)},
            {"festival", r.festival},
            {"tier", r.tier ? json(to_string(*r.tier)) : json(nullptr)},
            {"stage", r.stage ? json(to_string(*r.stage)) : json(nullptr)},
            {"action", r.action},
            {"channel", r.channel},
            {"lead_days", r.lead_days},
            {"label", {{"zh", r.label.zh}, {"zh_hant", r.label.zh_hant}, {"en", r.label.en}}}};
}

CareRule rule_from(const json& j, const std::string& field) {
    only_keys(j, field, {"occasion", "festival", "tier", "stage", "action", "channel", "lead_days", "label"});
    CareRule r;
    r.occasion = parse_occasion_kind(text_of(j, "occasion", field, true), field + ".occasion");
    r.festival = text_of(j, "festival", field, false);
    const std::string tier = text_of(j, "tier", field, false);
    if (!tier.empty() && tier != "any") r.tier = parse_tier(tier, field + ".tier");
    const std::string stage = text_of(j, "stage", field, false);
    if (!stage.empty() && stage != "any") r.stage = parse_stage(stage, field + ".stage");
    r.action = text_of(j, "action", field, true);
    r.channel = text_of(j, "channel", field, true);
    r.lead_days = int_of(j, "lead_days", field, 0);
    if (auto it = j.find("label"); it != j.end() && !it->is_null()) {
        if (it->is_string()) {
            r.label.zh = it->get<std::string>();
        } else {
            only_keys(*it, field + ".label", {"zh", "zh_hant", "en"});
            r.label = {text_of(*it, "zh", field + ".label", false), text_of(*it, "zh_hant", field + ".label", false),
                       text_of(*it, "en", field + ".label", false)};
        }
    }
    validate(r, field);
    return r;
}

json occasion_settings_json(const OccasionSettings& s) {
    return {{"leap_month_birthdays_twice", s.leap_month_birthdays_twice},
            {"deal_anniversaries", s.deal_anniversaries},
            {"follow_up", to_string(s.follow_up)}};
}

OccasionSettings occasion_settings_from(const json& j, const std::string& field) {
    only_keys(j, field, {"leap_month_birthdays_twice", "deal_anniversaries", "follow_up"});
    OccasionSettings s;
    s.leap_month_birthdays_twice = flag_of(j, "leap_month_birthdays_twice", field, false);
    s.deal_anniversaries = flag_of(j, "deal_anniversaries", field, true);
    if (j.contains("follow_up")) s.follow_up = parse_cadence(text_of(j, "follow_up", field, false), field + ".follow_up");
    return s;
}

json occasions_json(const std::vector<TaskOccasion>& occasions) {
    json out = json::array();
    for (const TaskOccasion& o : occasions)
        out.push_back({{"kind", to_string(o.kind)},
                       {"key", o.key},
                       {"title", o.title},
                       {"family_member_id", o.family_member_id ? json(*o.family_member_id) : json(nullptr)},
                       {"deal_id", o.deal_id ? json(*o.deal_id) : json(nullptr)}});
    return out;
}

namespace {

// A JSON string as nlohmann::json::dump() writes it (UTF-8 kept, control characters escaped).
void append_string(std::string& out, const std::string& text) {
    out += '"';
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                out += escaped;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

void append_id(std::string& out, const std::optional<std::int64_t>& id) {
    out += id ? std::to_string(*id) : "null";
}

} // namespace

std::string occasions_text(const std::vector<TaskOccasion>& occasions) {
    std::string out = "[";
    for (const TaskOccasion& o : occasions) {
        if (out.size() > 1) out += ',';
        out += "{\"deal_id\":";
        append_id(out, o.deal_id);
        out += ",\"family_member_id\":";
        append_id(out, o.family_member_id);
        out += ",\"key\":";
        append_string(out, o.key);
        out += ",\"kind\":";
        append_string(out, to_string(o.kind));
        out += ",\"title\":";
        append_string(out, o.title);
        out += '}';
    }
    out += ']';
    return out;
}

std::vector<TaskOccasion> occasions_from(const json& j) {
    std::vector<TaskOccasion> out;
    for (const json& o : j) {
        TaskOccasion t;
        t.kind = parse_occasion_kind(o.at("kind").get<std::string>());
        t.key = o.at("key").get<std::string>();
        t.title = o.at("title").get<std::string>();
        if (!o.at("family_member_id").is_null()) t.family_member_id = o.at("family_member_id").get<std::int64_t>();
        if (auto it = o.find("deal_id"); it != o.end() && !it->is_null()) t.deal_id = it->get<std::int64_t>();
        out.push_back(std::move(t));
    }
    return out;
}

json actions_json(const std::vector<TaskAction>& actions) {
    json out = json::array();
    for (const TaskAction& a : actions)
        out.push_back({{"action", a.action}, {"channel", a.channel}, {"lead_days", a.lead_days},
                       {"start", to_iso(a.start)}, {"label", a.label}});
    return out;
}

std::vector<TaskAction> actions_from(const json& j) {
    std::vector<TaskAction> out;
    for (const json& a : j)
        out.push_back({a.at("action").get<std::string>(), a.at("channel").get<std::string>(), a.at("lead_days").get<int>(),
                       parse_date(a.at("start").get<std::string>()), a.at("label").get<std::string>()});
    return out;
}

} // namespace snowball::detail
