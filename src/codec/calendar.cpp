#include "codec/calendar.hpp"

#include "codec/catalogue.hpp"

#include <cstdio>

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(calendar)

namespace snowball::codec {

// The samples of the values written as text.
template <>
struct Samples<calendar::FestivalDateSpec> {
    static calendar::FestivalDateSpec make(bool) { return {}; }
};
template <>
struct Samples<FollowUpStep> {
    static FollowUpStep make(bool engaged) { return {0, 6, engaged}; }
};

template <>
struct Record<CareAudience> {
    using A = CareAudience;
    static auto fields() {
        return std::make_tuple(field("gender", &A::gender), field("relation", &A::relation), field("min_age", &A::min_age),
                               field("max_age", &A::max_age), field("children", &A::children),
                               field("unit_prefix", &A::unit_prefix), field("profile_field", &A::profile_field),
                               field("profile_value", &A::profile_value));
    }
};

template <>
struct Record<calendar::FestivalRule> {
    using R = calendar::FestivalRule;
    static auto fields() {
        return std::make_tuple(
            required("key", &R::key), required("name_zh", &R::name_zh), field("name_zh_hant", &R::name_zh_hant),
            field("name_en", &R::name_en),
            custom("date", &R::date, [](const calendar::FestivalDateSpec& d) { return json(calendar::to_string(d)); },
                   [](const json& j, const std::string& f, calendar::FestivalDateSpec& d) {
                       d = calendar::parse_festival_date(text_value(j, f), f);
                   },
                   Use::required),
            field("enabled", &R::enabled), field("audience", &R::audience));
    }
};

template <>
struct Record<calendar::LunarDay> {
    using L = calendar::LunarDay;
    static auto fields() {
        return std::make_tuple(out("year", &L::year), out("month", &L::month), out("day", &L::day), out("leap", &L::leap),
                               out("month_name", &L::month_name), out("day_name", &L::day_name), out("text", &L::text),
                               out("zodiac", &L::zodiac), out("zodiac_en", &L::zodiac_en),
                               out("cyclical_year", &L::cyclical_year), out("solar_term", &L::solar_term));
    }
};

template <>
struct Record<calendar::WorkdayResult> {
    using W = calendar::WorkdayResult;
    static auto fields() {
        return std::make_tuple(out("date", &W::date), out("estimated", &W::estimated),
                               out("unpublished_years", &W::unpublished_years));
    }
};

template <>
struct Record<calendar::WorkdayCount> {
    using W = calendar::WorkdayCount;
    static auto fields() {
        return std::make_tuple(out("days", &W::days), out("estimated", &W::estimated),
                               out("unpublished_years", &W::unpublished_years));
    }
};

template <>
struct Record<calendar::WorkingDay> {
    using W = calendar::WorkingDay;
    static auto fields() {
        return std::make_tuple(out("date", &W::date), out("working", &W::working), out("holiday", &W::holiday),
                               out("published", &W::published));
    }
};

template <>
struct Record<calendar::FestivalDay> {
    using F = calendar::FestivalDay;
    static auto fields() {
        return std::make_tuple(out("key", &F::key), out("date", &F::date), out("name_zh", &F::name_zh),
                               out("name_en", &F::name_en));
    }
};

template <>
struct Record<OccasionSettings> {
    using O = OccasionSettings;
    static auto fields() {
        return std::make_tuple(
            field("leap_month_birthdays_twice", &O::leap_month_birthdays_twice),
            field("deal_anniversaries", &O::deal_anniversaries),
            custom("follow_up", &O::follow_up, [](const std::vector<FollowUpStep>& c) { return json(to_string(c)); },
                   [](const json& j, const std::string& f, std::vector<FollowUpStep>& c) { c = parse_cadence(text_value(j, f), f); }));
    }
};

template <>
struct Record<TaskOccasion> {
    static auto fields() {
        return std::make_tuple(field("kind", &TaskOccasion::kind), field("key", &TaskOccasion::key),
                               field("title", &TaskOccasion::title), field("family_member_id", &TaskOccasion::family_member_id),
                               field("deal_id", &TaskOccasion::deal_id));
    }
};

template <>
struct Record<TaskAction> {
    static auto fields() {
        return std::make_tuple(field("action", &TaskAction::action), field("channel", &TaskAction::channel),
                               field("lead_days", &TaskAction::lead_days), field("start", &TaskAction::start),
                               field("label", &TaskAction::label));
    }
};

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
    // The keys in dump()'s order (sorted).
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

} // namespace snowball::codec

void snowball::codec::Reads<calendar::FestivalRule>::read(const json& j, const std::string& field,
                                                          calendar::FestivalRule& value) {
    value = calendar::FestivalRule{};
    read_fields(j, field, value);
    try {
        calendar::validate(value);
    } catch (const Error& e) {
        // The rule's own field ("name_zh"), named by its whole path.
        std::string message = e.what();
        if (!field.empty()) message = field + "." + message;
        throw Error(e.status(), message, join(field, e.field()));
    }
}

SNOWBALL_CODEC_WRITER(CareAudience)
SNOWBALL_CODEC_READER(CareAudience)
SNOWBALL_CODEC_WRITER(calendar::FestivalRule)
SNOWBALL_CODEC_WRITER(calendar::LunarDay)
SNOWBALL_CODEC_WRITER(calendar::WorkdayResult)
SNOWBALL_CODEC_WRITER(calendar::WorkdayCount)
SNOWBALL_CODEC_WRITER(calendar::WorkingDay)
SNOWBALL_CODEC_WRITER(calendar::FestivalDay)
SNOWBALL_CODEC_WRITER(OccasionSettings)
SNOWBALL_CODEC_READER(OccasionSettings)
SNOWBALL_CODEC_WRITER(TaskOccasion)
SNOWBALL_CODEC_READER(TaskOccasion)
SNOWBALL_CODEC_WRITER(TaskAction)
SNOWBALL_CODEC_READER(TaskAction)
