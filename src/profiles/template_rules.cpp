#include "profiles/template_rules.hpp"

#include "codec/fields.hpp"
#include "codec/json.hpp"
#include "common/enum_names.hpp"
#include "common/text.hpp"
#include "snowball/error.hpp"
#include "snowball/phone.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace snowball {

namespace {

template <class E>
using Name = detail::EnumName<E>;

constexpr Name<FieldType> field_types[] = {
    {"text", FieldType::text},           {"long_text", FieldType::long_text},
    {"single_choice", FieldType::single_choice}, {"multi_choice", FieldType::multi_choice},
    {"date", FieldType::date},           {"phone", FieldType::phone},
    {"number", FieldType::number},       {"yes_no", FieldType::yes_no},
};
constexpr Name<Sensitivity> sensitivities[] = {
    {"none", Sensitivity::none},     {"contact", Sensitivity::contact},         {"family", Sensitivity::family},
    {"health", Sensitivity::health}, {"minors", Sensitivity::minors},           {"whereabouts", Sensitivity::whereabouts},
    {"financial", Sensitivity::financial},
};
constexpr Name<Language> languages[] = {{"zh", Language::zh}, {"zh_hant", Language::zh_hant}, {"en", Language::en}};
constexpr Name<TemplateEdit::Op> edit_ops[] = {
    {"add_field", TemplateEdit::Op::add_field},           {"hide", TemplateEdit::Op::hide},
    {"show", TemplateEdit::Op::show},                     {"rename", TemplateEdit::Op::rename},
    {"move", TemplateEdit::Op::move},                     {"extend_options", TemplateEdit::Op::extend_options},
    {"set_weight", TemplateEdit::Op::set_weight},         {"set_in_briefing", TemplateEdit::Op::set_in_briefing},
    {"add_section", TemplateEdit::Op::add_section},
};

} // namespace

const char* to_string(FieldType v) noexcept { return detail::key_of(field_types, v); }
const char* to_string(Sensitivity v) noexcept { return detail::key_of(sensitivities, v); }
const char* to_string(Language v) noexcept { return detail::key_of(languages, v); }
const char* to_string(TemplateEdit::Op v) noexcept { return detail::key_of(edit_ops, v); }
TemplateEdit::Op parse_template_edit_op(std::string_view t, const std::string& f) { return detail::parse_key(edit_ops, t, f); }
FieldType parse_field_type(std::string_view t, const std::string& f) { return detail::parse_key(field_types, t, f); }
Sensitivity parse_sensitivity(std::string_view t, const std::string& f) { return detail::parse_key(sensitivities, t, f); }
Language parse_language(std::string_view t, const std::string& f) {
    const std::string v = text::lower_ascii(text::trim(t));
    // Common spellings of the two Chinese scripts.
    if (v == "zh-hans" || v == "zh_hans" || v == "zh-cn") return Language::zh;
    if (v == "zh-hant" || v == "zh-tw" || v == "zh-hk") return Language::zh_hant;
    return detail::parse_key(languages, t, f);
}
const std::string& Label::in(Language language) const {
    const std::string& wanted = language == Language::en ? en : language == Language::zh_hant ? zh_hant : zh;
    if (!wanted.empty()) return wanted;
    // A site's own field may be labelled in one language only.
    return !zh.empty() ? zh : !en.empty() ? en : zh_hant;
}

const FieldOption* FieldDef::option(std::string_view wanted) const {
    for (const auto& o : options)
        if (o.key == wanted) return &o;
    return nullptr;
}

const FieldDef* Template::field(std::string_view wanted) const {
    for (const auto& f : fields)
        if (f.key == wanted) return &f;
    return nullptr;
}

const Section* Template::section(std::string_view wanted) const {
    for (const auto& s : sections)
        if (s.key == wanted) return &s;
    return nullptr;
}

namespace detail {

namespace {

bool is_choice(FieldType t) { return t == FieldType::single_choice || t == FieldType::multi_choice; }

Label clean_label(const Label& l, const std::string& where, bool required) {
    Label out{text::clean(l.zh, where + ".zh", 100, false), text::clean(l.zh_hant, where + ".zh_hant", 100, false),
              text::clean(l.en, where + ".en", 100, false)};
    if (required && out.zh.empty() && out.en.empty() && out.zh_hant.empty())
        throw_invalid(where, "needs a Chinese or an English label");
    return out;
}

Label clean_help(const Label& l, const std::string& where) {
    return {text::clean(l.zh, where + ".zh", 500, false), text::clean(l.zh_hant, where + ".zh_hant", 500, false),
            text::clean(l.en, where + ".en", 500, false)};
}

void check_options(const std::vector<FieldOption>& options, const std::string& where) {
    std::set<std::string> keys;
    for (std::size_t i = 0; i < options.size(); ++i) {
        const std::string at = where + "[" + std::to_string(i) + "]";
        if (!text::is_key(options[i].key))
            throw_invalid(at + ".key", "'" + options[i].key + "' is not an option key ([a-z][a-z0-9_]*, at most 40)");
        if (!keys.insert(options[i].key).second) throw_invalid(at + ".key", "'" + options[i].key + "' is there twice");
        clean_label(options[i].label, at + ".label", true);
    }
}

void check_field(const Template& t, const FieldDef& f, const std::string& where) {
    if (!text::is_key(f.key)) throw_invalid(where + ".key", "'" + f.key + "' is not a field key ([a-z][a-z0-9_]*, at most 40)");
    if (!t.section(f.section)) throw_invalid(where + ".section", "'" + f.section + "' is not a section of this template");
    clean_label(f.label, where + ".label", true);
    clean_help(f.help, where + ".help");
    if (is_choice(f.type) && f.options.empty()) throw_invalid(where + ".options", "a choice field needs options");
    if (!is_choice(f.type) && !f.options.empty())
        throw_invalid(where + ".options", "only choice fields have options");
    check_options(f.options, where + ".options");
    if (!std::isfinite(f.weight) || f.weight < 0 || f.weight > 100)
        throw_invalid(where + ".weight", "must be between 0 and 100");
    static const std::set<std::string> bindings{"", "gender", "office_phone", "home_phone", "mobile"};
    static const std::set<std::string> links{"", "spouse", "spouse.education", "spouse.interests", "parent", "child",
                                             "closest"};
    if (!bindings.count(f.bound_to)) throw_invalid(where + ".bound_to", "'" + f.bound_to + "' is not a binding");
    if (!links.count(f.family_link)) throw_invalid(where + ".family_link", "'" + f.family_link + "' is not a family link");
}

// `field`: the input naming the key ("edits[0].key", "edits[0].after").
std::vector<FieldDef>::iterator find_field(Template& t, const std::string& key, const std::string& field) {
    auto it = std::find_if(t.fields.begin(), t.fields.end(), [&](const FieldDef& f) { return f.key == key; });
    if (it == t.fields.end())
        throw Error(Status::not_found, field + ": the template has no field '" + key + "'", field);
    return it;
}

// Where a field goes: after `after`, or at the end (or the start) of `section`.
std::size_t insert_position(Template& t, const std::string& after, const std::string& section, bool at_end,
                            const std::string& where) {
    if (!after.empty()) return static_cast<std::size_t>(find_field(t, after, where + ".after") - t.fields.begin()) + 1;
    std::size_t pos = at_end ? t.fields.size() : 0;
    bool seen = false;
    for (std::size_t i = 0; i < t.fields.size(); ++i) {
        if (t.fields[i].section != section) continue;
        if (!at_end) return i;
        seen = true;
        pos = i + 1;
    }
    if (!seen && at_end) {
        // An empty section: after the last field of the sections before it.
        pos = 0;
        for (const Section& s : t.sections) {
            if (s.key == section) break;
            for (std::size_t i = 0; i < t.fields.size(); ++i)
                if (t.fields[i].section == s.key) pos = std::max(pos, i + 1);
        }
    }
    return pos;
}

} // namespace

void check_template(const Template& t) {
    std::set<std::string> sections, fields;
    for (std::size_t i = 0; i < t.sections.size(); ++i) {
        const std::string where = "template.sections[" + std::to_string(i) + "]";
        if (!text::is_key(t.sections[i].key)) throw_invalid(where + ".key", "'" + t.sections[i].key + "' is not a section key");
        if (!sections.insert(t.sections[i].key).second) throw_invalid(where + ".key", "'" + t.sections[i].key + "' is there twice");
        clean_label(t.sections[i].label, where + ".label", true);
    }
    for (std::size_t i = 0; i < t.fields.size(); ++i) {
        const std::string where = "template.fields[" + std::to_string(i) + "]";
        check_field(t, t.fields[i], where);
        if (!fields.insert(t.fields[i].key).second) throw_invalid(where + ".key", "'" + t.fields[i].key + "' is there twice");
    }
}

void apply_edit(Template& t, const TemplateEdit& e, const std::string& where) {
    using Op = TemplateEdit::Op;
    switch (e.op) {
    case Op::add_section: {
        if (!text::is_key(e.key)) throw_invalid(where + ".key", "'" + e.key + "' is not a section key ([a-z][a-z0-9_]*)");
        if (t.section(e.key))
            throw Error(Status::conflict, where + ".key: the template has a section '" + e.key + "' already", where + ".key");
        t.sections.push_back({e.key, clean_label(e.label, where + ".label", true)});
        return;
    }
    case Op::add_field: {
        FieldDef f = e.field;
        if (t.field(f.key))
            throw Error(Status::conflict,
                        where + ".field.key: the template has a field '" + f.key + "' already (hidden fields keep their key)",
                        where + ".field.key");
        // What only the source template's fields have: a number, a binding, a family link. A new
        // field is shown (a "hide" edit hides it).
        if (f.number != 0) throw_invalid(where + ".field.number", "a site's own field has no number in the source template");
        if (!f.bound_to.empty()) throw_invalid(where + ".field.bound_to", "a site's own field cannot be bound to the customer record");
        if (!f.family_link.empty())
            throw_invalid(where + ".field.family_link", "a site's own field cannot be linked to family members");
        if (f.hidden) throw_invalid(where + ".field.hidden", "a new field is shown; hide it with a \"hide\" edit");
        f.label = clean_label(f.label, where + ".field.label", true);
        f.help = clean_help(f.help, where + ".field.help");
        check_field(t, f, where + ".field");
        const std::size_t pos = insert_position(t, e.after, f.section, true, where);
        if (!e.after.empty() && t.fields[pos - 1].section != f.section)
            throw_invalid(where + ".after", "'" + e.after + "' is in another section than the new field");
        t.fields.insert(t.fields.begin() + static_cast<std::ptrdiff_t>(pos), std::move(f));
        return;
    }
    case Op::hide:
    case Op::show:
        find_field(t, e.key, where + ".key")->hidden = e.op == Op::hide;
        return;
    case Op::rename: {
        auto it = find_field(t, e.key, where + ".key");
        const Label l = clean_label(e.label, where + ".label", true);
        if (!l.zh.empty()) it->label.zh = l.zh;
        if (!l.zh_hant.empty()) it->label.zh_hant = l.zh_hant;
        if (!l.en.empty()) it->label.en = l.en;
        return;
    }
    case Op::move: {
        auto it = find_field(t, e.key, where + ".key");
        if (e.after == e.key) throw_invalid(where + ".after", "a field cannot follow itself");
        FieldDef f = *it;
        t.fields.erase(it);
        if (!e.after.empty()) f.section = t.fields[insert_position(t, e.after, f.section, true, where) - 1].section;
        const std::size_t pos = insert_position(t, e.after, f.section, false, where);
        t.fields.insert(t.fields.begin() + static_cast<std::ptrdiff_t>(pos), std::move(f));
        return;
    }
    case Op::extend_options: {
        auto it = find_field(t, e.key, where + ".key");
        if (!is_choice(it->type)) throw_invalid(where + ".key", "'" + e.key + "' is not a choice field");
        if (!it->bound_to.empty())   // the customer record knows only its own values (male, female)
            throw_invalid(where + ".key", "'" + e.key + "' is kept in the customer record; its options cannot be extended");
        if (e.options.empty()) throw_invalid(where + ".options", "names no option to add");
        for (const FieldOption& o : e.options) {
            if (it->option(o.key))
                throw Error(Status::conflict, where + ".options: '" + e.key + "' has an option '" + o.key + "' already",
                            where + ".options");
            it->options.push_back({o.key, clean_label(o.label, where + ".options." + o.key, true)});
        }
        check_options(it->options, where + ".options");
        return;
    }
    case Op::set_weight: {
        auto it = find_field(t, e.key, where + ".key");
        if (!std::isfinite(e.weight) || e.weight < 0 || e.weight > 100)
            throw_invalid(where + ".weight", "must be between 0 and 100");
        it->weight = e.weight;
        return;
    }
    case Op::set_in_briefing:
        find_field(t, e.key, where + ".key")->in_briefing = e.flag;
        return;
    }
}

// ---------------------------------------------------------------------------------------------
// Values

namespace {

const std::string* as_text(const FieldValue& v) { return std::get_if<std::string>(&v); }

[[noreturn]] void wrong_kind(const FieldDef& f, const char* expected) {
    throw_invalid(f.key, std::string("takes ") + expected + " (a " + to_string(f.type) + " field)");
}

// An option named by its key or by one of its labels.
const FieldOption& choose(const FieldDef& f, const std::string& given) {
    const std::string wanted(text::trim(given));
    const std::string lower = text::lower_ascii(wanted);
    for (const FieldOption& o : f.options)
        if (o.key == lower || o.label.zh == wanted || o.label.zh_hant == wanted || text::lower_ascii(o.label.en) == lower)
            return o;
    std::string keys;
    for (const FieldOption& o : f.options) keys += (keys.empty() ? "" : ", ") + o.key;
    throw_invalid(f.key, "'" + given + "' is not an option (" + keys + ")");
}

std::string number_text(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

double parse_number(const FieldDef& f, const std::string& s) {
    const std::string t(text::trim(s));
    double v = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec != std::errc() || r.ptr != t.data() + t.size() || t.empty() || !std::isfinite(v))
        throw_invalid(f.key, "'" + s + "' is not a number");
    return v;
}

bool parse_yes_no(const FieldDef& f, const std::string& s) {
    const std::string v = text::lower_ascii(text::trim(s));
    if (v == "yes" || v == "y" || v == "true" || v == "是" || v == "有" || v == "在意") return true;
    if (v == "no" || v == "n" || v == "false" || v == "否" || v == "无" || v == "没有" || v == "不在意" || v == "無" ||
        v == "沒有")
        return false;
    throw_invalid(f.key, "'" + s + "' is not yes or no (yes/no, 是/否)");
}

} // namespace

bool is_set(const FieldValue& v) { return !std::holds_alternative<std::monostate>(v); }

FieldValue normalize_value(const FieldDef& f, const FieldValue& value) {
    if (!is_set(value)) return value;
    const std::string* s = as_text(value);
    switch (f.type) {
    case FieldType::text:
    case FieldType::long_text: {
        if (!s) wrong_kind(f, "text");
        std::string v = f.type == FieldType::text ? text::clean(*s, f.key, 200, false)
                                                  : text::clean(*s, f.key, 2000, false, text::Lines::multi);
        if (v.empty()) return std::monostate{};
        return v;
    }
    case FieldType::single_choice:
        if (!s) wrong_kind(f, "one option");
        if (text::trim(*s).empty()) return std::monostate{};
        return choose(f, *s).key;
    case FieldType::multi_choice: {
        std::vector<std::string> given;
        if (s) given.push_back(*s);
        else if (auto list = std::get_if<std::vector<std::string>>(&value)) given = *list;
        else wrong_kind(f, "a list of options");
        std::set<std::string> chosen;
        for (const auto& g : given)
            if (!text::trim(g).empty()) chosen.insert(choose(f, g).key);
        if (chosen.empty()) return std::monostate{};
        std::vector<std::string> out;
        for (const FieldOption& o : f.options)
            if (chosen.count(o.key)) out.push_back(o.key);
        return out;
    }
    case FieldType::date:
        if (auto d = std::get_if<Date>(&value)) {
            if (d->is_special()) throw_invalid(f.key, "is not a date");
            return *d;
        }
        if (!s) wrong_kind(f, "a date");
        return parse_date(text::trim(*s), f.key);
    case FieldType::phone:
        if (!s) wrong_kind(f, "a phone number");
        if (text::trim(*s).empty()) return std::monostate{};
        return normalize_phone(*s, f.key).number;
    case FieldType::number:
        if (auto d = std::get_if<double>(&value)) {
            if (!std::isfinite(*d)) throw_invalid(f.key, "must be a finite number");
            return *d;
        }
        if (!s) wrong_kind(f, "a number");
        return parse_number(f, *s);
    case FieldType::yes_no:
        if (auto b = std::get_if<bool>(&value)) return *b;
        if (!s) wrong_kind(f, "yes or no");
        return parse_yes_no(f, *s);
    }
    return value;
}

FieldValue parse_value_text(const FieldDef& f, const std::string& raw) {
    if (text::trim(raw).empty()) return std::monostate{};
    if (f.type != FieldType::multi_choice) return normalize_value(f, raw);
    // "红酒、白酒", "wine, baijiu", "红酒；白酒". An option's own label may hold a separator
    // ("不饮酒，不介意别人饮酒", "周边配套（学校、医院、商场等）", as display() writes them): a
    // label found whole, up to a separator or the end, is one part.
    const std::string s = text::to_halfwidth(raw);
    const auto separator_at = [&](std::size_t i) -> std::size_t {   // its length; 0: none
        if (s[i] == ',' || s[i] == ';' || s[i] == '/' || s[i] == '|') return 1;
        return s.compare(i, 3, "\xE3\x80\x81") == 0 ? 3 : 0;   // 、
    };
    std::vector<std::pair<std::string, const std::string*>> labels;   // lower-case half-width label, option key
    for (const FieldOption& o : f.options)
        for (const std::string* l : {&o.label.zh, &o.label.zh_hant, &o.label.en})
            if (!l->empty()) labels.emplace_back(text::lower_ascii(text::to_halfwidth(*l)), &o.key);
    std::vector<std::string> parts;
    std::string current;
    bool whole = false;   // `current` is an option matched by its whole label
    for (std::size_t i = 0; i < s.size();) {
        if (!whole && text::trim(current).empty()) {
            std::size_t longest = 0, end = 0;
            const std::string* key = nullptr;
            for (const auto& [label, option] : labels) {
                if (label.size() <= longest || text::lower_ascii(std::string_view(s).substr(i, label.size())) != label)
                    continue;
                std::size_t j = i + label.size();
                while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
                if (j < s.size() && !separator_at(j)) continue;
                longest = label.size();
                end = j;
                key = option;
            }
            if (key) {
                current = *key;
                whole = true;
                i = end;
                continue;
            }
        }
        if (const std::size_t n = separator_at(i)) {
            parts.push_back(current);
            current.clear();
            whole = false;
            i += n;
        } else {
            current += s[i++];
        }
    }
    parts.push_back(current);
    return normalize_value(f, parts);
}

std::optional<std::string> encode_value(const FieldDef& f, const FieldValue& v) {
    if (!is_set(v)) return std::nullopt;
    switch (f.type) {
    case FieldType::multi_choice: return codec::dump(codec::json(std::get<std::vector<std::string>>(v)));
    case FieldType::date: return to_iso(std::get<Date>(v));
    case FieldType::number: return number_text(std::get<double>(v));
    case FieldType::yes_no: return std::get<bool>(v) ? "yes" : "no";
    default: return std::get<std::string>(v);
    }
}

FieldValue decode_value(const FieldDef& f, const std::optional<std::string>& stored) {
    if (!stored) return std::monostate{};
    try {
        switch (f.type) {
        case FieldType::multi_choice:
            return codec::read<std::vector<std::string>>(codec::parse(*stored, f.key), f.key);
        case FieldType::date: return parse_date(*stored);
        case FieldType::number: return parse_number(f, *stored);
        case FieldType::yes_no: return *stored == "yes";
        default: return *stored;
        }
    } catch (...) {
        return *stored;   // shown as it was stored rather than lost
    }
}

} // namespace detail

std::string display(const FieldDef& f, const FieldValue& v, Language language) {
    if (!detail::is_set(v)) return {};
    const auto option_label = [&](const std::string& key) {
        const FieldOption* o = f.option(key);
        return o ? o->label.in(language) : key;
    };
    if (auto list = std::get_if<std::vector<std::string>>(&v)) {
        std::string out;
        for (const auto& key : *list) out += (out.empty() ? "" : (language == Language::en ? ", " : "、")) + option_label(key);
        return out;
    }
    if (auto d = std::get_if<Date>(&v)) return to_iso(*d);
    if (auto n = std::get_if<double>(&v)) {
        char buf[64];
        const auto r = std::to_chars(buf, buf + sizeof buf, *n);
        return std::string(buf, r.ptr);
    }
    if (auto b = std::get_if<bool>(&v)) return language == Language::en ? (*b ? "Yes" : "No") : (*b ? "是" : "否");
    const std::string& s = std::get<std::string>(v);
    return f.type == FieldType::single_choice ? option_label(s) : s;
}

} // namespace snowball
