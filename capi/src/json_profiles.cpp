// JSON documents of templates, profiles, family members and the briefing.
#include "json_codec.hpp"

#include "codec/feedback.hpp"
#include "codec/types.hpp"

#include "calendar/care_json.hpp"

#include "snowball/error.hpp"

namespace snowball::capi {

namespace {

json optional_id(const std::optional<std::int64_t>& id) { return id ? json(*id) : json(nullptr); }

template <class T>
json list_of(const std::vector<T>& items) {
    json out = json::array();
    for (const T& item : items) out.push_back(to_json(item));
    return out;
}

json by_stage(const std::map<Stage, std::int64_t>& counts) {
    json out = json::object();
    for (Stage s : {Stage::prospect, Stage::visitor, Stage::owner}) {
        auto it = counts.find(s);
        out[to_string(s)] = it == counts.end() ? 0 : it->second;
    }
    return out;
}

Label label_from(const json& j, const std::string& field) {
    if (j.is_string()) return {j.get<std::string>(), "", ""};
    ObjectReader r(j, field, {"zh", "zh_hant", "en"});
    return {r.text("zh").value_or(""), r.text("zh_hant").value_or(""), r.text("en").value_or("")};
}

std::vector<FieldOption> options_from(const json* array, const std::string& field) {
    std::vector<FieldOption> out;
    if (!array) return out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string at = field + "[" + std::to_string(i) + "]";
        ObjectReader r((*array)[i], at, {"key", "label"});
        FieldOption o;
        o.key = r.required_text("key");
        const json* label = r.any("label");
        if (!label) throw_invalid(at + ".label", "is required");
        o.label = label_from(*label, at + ".label");
        out.push_back(std::move(o));
    }
    return out;
}

FieldDef field_from(const json& j, const std::string& at) {
    ObjectReader r(j, at, {"key", "section", "label", "type", "options", "help", "weight", "sensitivity", "in_briefing"});
    FieldDef f;
    f.key = r.required_text("key");
    f.section = r.required_text("section");
    const json* label = r.any("label");
    if (!label) throw_invalid(at + ".label", "is required");
    f.label = label_from(*label, at + ".label");
    f.type = parse_field_type(r.required_text("type"), at + ".type");
    f.options = options_from(r.array("options"), at + ".options");
    if (const json* help = r.any("help")) f.help = label_from(*help, at + ".help");
    f.weight = r.number("weight").value_or(1);
    if (auto s = r.text("sensitivity")) f.sensitivity = parse_sensitivity(*s, at + ".sensitivity");
    f.in_briefing = r.boolean("in_briefing").value_or(false);
    return f;
}

} // namespace

json to_json(const Label& l) { return {{"zh", l.zh}, {"zh_hant", l.zh_hant}, {"en", l.en}}; }

json to_json(const Template& t) {
    json sections = json::array();
    for (const Section& s : t.sections) sections.push_back({{"key", s.key}, {"label", to_json(s.label)}});
    json fields = json::array();
    for (const FieldDef& f : t.fields) {
        json options = json::array();
        for (const FieldOption& o : f.options) options.push_back({{"key", o.key}, {"label", to_json(o.label)}});
        fields.push_back({{"key", f.key},
                          {"section", f.section},
                          {"number", f.number},
                          {"label", to_json(f.label)},
                          {"type", to_string(f.type)},
                          {"options", options},
                          {"help", to_json(f.help)},
                          {"weight", f.weight},
                          {"sensitivity", to_string(f.sensitivity)},
                          {"in_briefing", f.in_briefing},
                          {"hidden", f.hidden},
                          {"bound_to", f.bound_to},
                          {"family_link", f.family_link}});
    }
    return {{"site", t.site.empty() ? json(nullptr) : json(t.site)},
            {"version", t.version},
            {"created_at", t.created_at.empty() ? json(nullptr) : json(t.created_at)},
            {"sections", sections},
            {"fields", fields}};
}

json value_json(const FieldValue& v) {
    if (auto s = std::get_if<std::string>(&v)) return *s;
    if (auto list = std::get_if<std::vector<std::string>>(&v)) return *list;
    if (auto d = std::get_if<Date>(&v)) return to_iso(*d);
    if (auto n = std::get_if<double>(&v)) return *n;
    if (auto b = std::get_if<bool>(&v)) return *b;
    return nullptr;
}

FieldValue value_from(const json& j, const std::string& field) {
    if (j.is_null()) return std::monostate{};
    if (j.is_string()) return j.get<std::string>();
    if (j.is_boolean()) return j.get<bool>();
    if (j.is_number()) return j.get<double>();
    if (j.is_array()) {
        std::vector<std::string> out;
        for (const json& item : j) {
            if (!item.is_string()) throw_invalid(field, "a list of options holds strings only");
            out.push_back(item.get<std::string>());
        }
        return out;
    }
    throw_invalid(field, "must be a string, a list, a number, true/false or null");
}

json to_json(const Profile& p, Language language) {
    json values = json::object();
    json sections = json::array();
    for (const Section& s : p.sections) {
        json fields = json::array();
        for (const ProfileEntry& e : p.entries) {
            if (e.field.section != s.key) continue;
            fields.push_back({{"key", e.field.key},
                              {"label", e.field.label.in(language)},
                              {"type", to_string(e.field.type)},
                              {"value", value_json(e.value)},
                              {"display", display(e.field, e.value, language)},
                              {"help", e.field.help.in(language)},
                              {"hidden", e.field.hidden},
                              {"sensitivity", to_string(e.field.sensitivity)},
                              {"updated_at", e.updated_at.empty() ? json(nullptr) : json(e.updated_at)},
                              {"updated_by", optional_id(e.updated_by)}});
        }
        sections.push_back({{"key", s.key}, {"label", s.label.in(language)}, {"fields", fields}});
    }
    for (const ProfileEntry& e : p.entries) values[e.field.key] = value_json(e.value);
    return {{"customer_id", p.customer_id},
            {"site", p.site},
            {"template_version", p.template_version},
            {"as_of", p.as_of ? json(to_iso(*p.as_of)) : json(nullptr)},
            {"values", values},
            {"sections", sections}};
}

json to_json(const HistoryEntry& h) {
    return {{"id", h.id},       {"field", h.field},        {"old", value_json(h.old_value)},
            {"new", value_json(h.new_value)}, {"by", optional_id(h.by)}, {"at", h.at}};
}

json to_json(const Completeness& c) {
    json sections = json::array();
    for (const SectionScore& s : c.sections)
        sections.push_back({{"section", s.section}, {"score", s.score}, {"filled", s.filled}, {"fields", s.fields}});
    return {{"customer_id", c.customer_id}, {"score", c.score}, {"sections", sections}, {"ask_next", c.ask_next}};
}

json to_json(const SiteCompleteness& c) {
    json board = json::array();
    for (const ConsultantScore& s : c.leaderboard)
        board.push_back({{"rank", s.rank}, {"consultant_id", optional_id(s.consultant_id)}, {"name", s.name},
                         {"customers", s.customers}, {"mean", s.mean}});
    return {{"site", c.site}, {"customers", c.customers}, {"mean", c.mean}, {"leaderboard", board}};
}

json to_json(const Distribution& d) {
    json options = json::array();
    for (const OptionCount& o : d.options)
        options.push_back({{"key", o.key}, {"label", o.label}, {"total", o.total}, {"share", o.share},
                           {"by_stage", by_stage(o.by_stage)}});
    return {{"field", d.field}, {"label", d.label}, {"options", options}, {"answered", by_stage(d.answered)},
            {"customers", by_stage(d.customers)}};
}

json to_json(const FamilyMember& m) {
    return {{"id", m.id},
            {"customer_id", m.customer_id},
            {"relation", to_string(m.relation)},
            {"name", m.name},
            {"gender", to_string(m.gender)},
            {"birthday", json(m.birthday)},
            {"phone", m.phone},
            {"employer", m.employer},
            {"education", m.education},
            {"interests", m.interests},
            {"school", m.school},
            {"closest", m.closest},
            {"note", m.note},
            {"created_at", m.created_at},
            {"updated_at", m.updated_at}};
}

json to_json(const Briefing& b) {
    const auto items = [](const std::vector<BriefingItem>& list) {
        json out = json::array();
        for (const BriefingItem& i : list) out.push_back({{"key", i.key}, {"label", i.label}, {"value", i.value}});
        return out;
    };
    json upcoming = json::array();
    for (const UpcomingOccasion& u : b.upcoming) {
        json o = detail::occasions_json({u.occasion}).at(0);
        o["date"] = to_iso(u.date);
        o["actions"] = detail::actions_json(u.actions);
        upcoming.push_back(std::move(o));
    }
    return {{"customer", to_json(b.customer)},
            {"salutation", b.salutation},
            {"consultant", b.consultant ? to_json(*b.consultant) : json(nullptr)},
            {"family", list_of(b.family)},
            {"profile", items(b.profile)},
            {"recent_visits", list_of(b.recent_visits)},
            {"visit_count", b.visit_count},
            {"deals", list_of(b.deals)},
            {"completeness", b.completeness},
            {"ask_next", items(b.ask_next)},
            {"open_tickets", json(b.open_tickets)},
            {"upcoming", upcoming}};
}

std::vector<TemplateEdit> template_edits_from(const char* text) {
    const json doc = parse_json(text, "edits_json");
    if (!doc.is_array()) throw_invalid("edits_json", "must be a JSON array of edits");
    using Op = TemplateEdit::Op;
    static const std::pair<const char*, Op> ops[] = {
        {"add_field", Op::add_field}, {"hide", Op::hide}, {"show", Op::show}, {"rename", Op::rename},
        {"move", Op::move}, {"extend_options", Op::extend_options}, {"set_weight", Op::set_weight},
        {"set_in_briefing", Op::set_in_briefing}, {"add_section", Op::add_section}};
    std::vector<TemplateEdit> out;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const std::string at = "edits[" + std::to_string(i) + "]";
        ObjectReader r(doc[i], at, {"op", "key", "field", "label", "after", "options", "weight", "in_briefing"});
        TemplateEdit e;
        const std::string op = r.required_text("op");
        bool known = false;
        for (const auto& [name, value] : ops)
            if (op == name) {
                e.op = value;
                known = true;
            }
        if (!known)
            throw_invalid(at + ".op", "'" + op + "' is not one of add_field, hide, show, rename, move, extend_options, "
                                                 "set_weight, set_in_briefing, add_section");
        if (e.op == Op::add_field) {
            const json* f = r.object("field");
            if (!f) throw_invalid(at + ".field", "is required");
            e.field = field_from(*f, at + ".field");
        } else {
            e.key = r.required_text("key");
        }
        if (const json* label = r.any("label")) e.label = label_from(*label, at + ".label");
        e.after = r.text("after").value_or("");
        e.options = options_from(r.array("options"), at + ".options");
        if (e.op == Op::set_weight) {
            const auto w = r.number("weight");
            if (!w) throw_invalid(at + ".weight", "is required");
            e.weight = *w;
        }
        if (e.op == Op::set_in_briefing) {
            const auto flag = r.boolean("in_briefing");
            if (!flag) throw_invalid(at + ".in_briefing", "is required");
            e.flag = *flag;
        }
        out.push_back(std::move(e));
    }
    return out;
}

NewFamilyMember new_family_member_from(const char* text) {
    const json doc = parse_object(text, "member_json");
    ObjectReader r(doc, "", {"relation", "name", "gender", "birthday", "phone", "employer", "education", "interests",
                             "school", "closest", "note"});
    NewFamilyMember m;
    m.relation = parse_relation(r.required_text("relation"));
    m.name = r.required_text("name");
    if (auto g = r.text("gender")) m.gender = parse_gender(*g);
    if (const json* b = r.any("birthday")) m.birthday = codec::read<Birthday>(*b, "birthday");
    m.phone = r.text("phone").value_or("");
    m.employer = r.text("employer").value_or("");
    m.education = r.text("education").value_or("");
    m.interests = r.text("interests").value_or("");
    m.school = r.text("school").value_or("");
    m.closest = r.boolean("closest").value_or(false);
    m.note = r.text("note").value_or("");
    return m;
}

FamilyMemberUpdate family_update_from(const char* text) {
    const json doc = parse_object(text, "update_json");
    ObjectReader r(doc, "", {"relation", "name", "gender", "birthday", "phone", "employer", "education", "interests",
                             "school", "closest", "note"});
    FamilyMemberUpdate u;
    if (auto v = r.text("relation")) u.relation = parse_relation(*v);
    u.name = r.text("name");
    if (auto g = r.text("gender")) u.gender = parse_gender(*g);
    if (doc.contains("birthday"))
        u.birthday = doc["birthday"].is_null() ? std::optional<Birthday>() : codec::read<Birthday>(doc["birthday"], "birthday");
    u.phone = r.text("phone");
    u.employer = r.text("employer");
    u.education = r.text("education");
    u.interests = r.text("interests");
    u.school = r.text("school");
    u.closest = r.boolean("closest");
    u.note = r.text("note");
    return u;
}

DistributionQuery distribution_query_from(const char* text) {
    const json doc = parse_object(text, "query_json");
    ObjectReader r(doc, "", {"field", "site", "from", "to", "language"});
    DistributionQuery q;
    q.field = r.required_text("field");
    q.site = r.required_text("site");
    q.from = r.date("from");
    q.to = r.date("to");
    if (auto l = r.text("language")) q.language = parse_language(*l);
    return q;
}

Language language_from(const char* text) { return text ? parse_language(text) : Language::zh; }

} // namespace snowball::capi
