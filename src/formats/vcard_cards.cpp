#include "formats/vcard.hpp"

#include "common/chinese_name.hpp"
#include "common/content_line.hpp"
#include "common/text.hpp"
#include "snowball/error.hpp"
#include "snowball/lunar.hpp"
#include "snowball/phone.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cstdio>

namespace snowball::detail::vcard {

namespace {

constexpr std::string_view lunar_property = "X-SNOWBALL-LUNAR-BDAY";
constexpr std::string_view relation_property = "X-SNOWBALL-RELATION";

void line(std::string& out, const std::string& content) { text::append_content_line(out, content); }

std::string two(int n) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

// BDAY: the Gregorian day of birth (YYYYMMDD, or --MMDD without the year); for a lunar birthday
// with its year, the Gregorian day it fell on. None for a lunar birthday without a year.
std::optional<std::string> bday(const Birthday& b) {
    if (!b.lunar) return (b.year ? std::to_string(b.year) : std::string("--")) + two(b.month) + two(b.day);
    if (!b.year) return std::nullopt;
    const Date d = calendar::to_gregorian({b.year, b.month, b.leap_month, b.day});
    return boost::gregorian::to_iso_string(d);
}

// "1985-08-15", "1985-L04-15", "--08-15": the lunar birthday's text form without its "lunar:" prefix.
std::string lunar_bday(const Birthday& b) { return to_string(b).substr(6); }

// Parses one unfolded content line: [group.]NAME *(;PARAM[=value[,value]]) : value.
bool parse_property(const text::ContentLine& cl, Property& p) {
    const std::string& s = cl.text;
    std::size_t i = 0;
    while (i < s.size() && s[i] != ';' && s[i] != ':') ++i;
    if (i == s.size()) return false;
    std::string name = s.substr(0, i);
    if (const std::size_t dot = name.rfind('.'); dot != std::string::npos) name.erase(0, dot + 1);
    if (name.empty()) return false;
    p.line = cl.line;
    p.name = text::upper_ascii(name);
    while (s[i] == ';') {
        const std::size_t start = ++i;
        bool quoted = false;
        while (i < s.size() && (quoted || (s[i] != ';' && s[i] != ':'))) {
            if (s[i] == '"') quoted = !quoted;
            ++i;
        }
        if (i == s.size()) return false;
        std::string param = s.substr(start, i - start);
        std::string key = "TYPE", value = param;
        if (const std::size_t eq = param.find('='); eq != std::string::npos) {
            key = param.substr(0, eq);
            value = param.substr(eq + 1);
        }
        std::string unquoted;
        for (char c : value)
            if (c != '"') unquoted += c;
        p.params.emplace_back(text::upper_ascii(key), unquoted);
    }
    p.value = s.substr(i + 1);
    return true;
}

// BDAY as RFC 6350 writes a date (19850615, 1985-06-15, --0615, --06-15; a time after T ignored).
Birthday parse_bday(std::string value, const std::string& field) {
    if (const std::size_t t = value.find('T'); t != std::string::npos) value.erase(t);
    std::string digits;
    for (char c : value)
        if (c != '-') digits += c;
    const bool no_year = value.rfind("--", 0) == 0;
    Birthday b;
    bool ok = true;
    for (char c : digits) ok = ok && c >= '0' && c <= '9';
    if (ok && no_year && digits.size() == 4) {
        b.month = std::stoi(digits.substr(0, 2));
        b.day = std::stoi(digits.substr(2, 2));
    } else if (ok && !no_year && digits.size() == 8) {
        b.year = std::stoi(digits.substr(0, 4));
        b.month = std::stoi(digits.substr(4, 2));
        b.day = std::stoi(digits.substr(6, 2));
    } else {
        throw_invalid(field, "'" + value + "' is not a date (YYYYMMDD, YYYY-MM-DD or --MMDD)");
    }
    validate_birthday(b, field);
    return b;
}

} // namespace

bool Property::has_type(std::string_view type) const {
    const std::string wanted = text::lower_ascii(type);
    for (const auto& [key, types] : params) {
        if (key != "TYPE") continue;
        for (std::size_t start = 0; start <= types.size();) {
            std::size_t end = types.find(',', start);
            if (end == std::string::npos) end = types.size();
            if (text::lower_ascii(text::trim(std::string_view(types).substr(start, end - start))) == wanted) return true;
            start = end + 1;
        }
    }
    return false;
}

std::string Property::param(std::string_view key) const {
    for (const auto& [k, v] : params)
        if (k == key) return v;
    return "";
}

const Property* Card::first(std::string_view name) const {
    for (const Property& p : properties)
        if (p.name == name) return &p;
    return nullptr;
}

std::vector<Card> parse(std::string_view text) {
    std::vector<Card> cards;
    bool open = false;
    for (const text::ContentLine& cl : text::unfold(text)) {
        const std::string upper = text::upper_ascii(text::trim(cl.text));
        if (upper == "BEGIN:VCARD") {
            if (open && cards.back().error.empty()) {
                cards.back().error_line = cl.line;
                cards.back().error = "a card begins before the one above ends (END:VCARD missing)";
            }
            cards.push_back({});
            cards.back().line = cl.line;
            open = true;
            continue;
        }
        if (!open) continue;
        if (upper == "END:VCARD") {
            open = false;
            continue;
        }
        Property p;
        if (!parse_property(cl, p)) {
            if (cards.back().error.empty()) {
                cards.back().error_line = cl.line;
                cards.back().error = "the line is not a property (NAME:value)";
            }
            continue;
        }
        cards.back().properties.push_back(std::move(p));
    }
    if (open && cards.back().error.empty()) {
        cards.back().error_line = cards.back().line;
        cards.back().error = "the card has no END:VCARD";
    }
    return cards;
}

const char* related_type(Relation member) {
    switch (member) {
        case Relation::spouse: return "spouse";
        case Relation::father:
        case Relation::mother: return "parent";
        case Relation::child: return "child";
        case Relation::other: return "kin";
    }
    return "kin";
}

const char* inverse_related_type(Relation member) {
    switch (member) {
        case Relation::spouse: return "spouse";
        case Relation::father:
        case Relation::mother: return "child";
        case Relation::child: return "parent";
        case Relation::other: return "kin";
    }
    return "kin";
}

void write(std::string& out, const Person& p) {
    using text::escape_value;
    line(out, "BEGIN:VCARD");
    line(out, "VERSION:4.0");
    line(out, "PRODID:-//Snowball//Customer archive//ZH");
    line(out, "UID:" + p.uid);
    line(out, "KIND:individual");
    line(out, "FN:" + escape_value(p.name));
    const text::NameParts n = text::split_name(p.name);
    line(out, "N:" + escape_value(n.family) + ";" + escape_value(n.given) + ";;;");
    if (p.gender != Gender::unknown) line(out, p.gender == Gender::male ? "GENDER:M" : "GENDER:F");
    if (!p.mobile.empty()) line(out, "TEL;TYPE=cell:" + escape_value(p.mobile));
    for (const Phone& phone : p.phones) {
        const char* type = phone.kind == PhoneKind::home     ? "home"
                           : phone.kind == PhoneKind::office ? "work"
                           : phone.kind == PhoneKind::mobile ? "cell"
                                                             : "voice";
        line(out, std::string("TEL;TYPE=") + type + ":" + escape_value(phone.number));
    }
    if (p.birthday) {
        if (const auto d = bday(*p.birthday)) line(out, "BDAY:" + *d);
        if (p.birthday->lunar) line(out, std::string(lunar_property) + ":" + lunar_bday(*p.birthday));
    }
    if (!p.org.empty()) line(out, "ORG:" + escape_value(p.org));
    if (!p.title.empty()) line(out, "TITLE:" + escape_value(p.title));
    if (!p.note.empty()) line(out, "NOTE:" + escape_value(p.note));
    if (p.relation) line(out, std::string(relation_property) + ":" + to_string(*p.relation));
    for (const auto& [type, uid] : p.related) line(out, "RELATED;TYPE=" + type + ":" + uid);
    line(out, "END:VCARD");
}

std::optional<Person> read(const Card& card, Problem& problem) {
    if (!card.error.empty()) {
        problem = {card.error_line, "", card.error};
        return std::nullopt;
    }
    Person person;
    const Property* at = nullptr;
    try {
        std::string family, given;
        for (const Property& p : card.properties) {
            at = &p;
            if (p.name == "UID") {
                person.uid = text::unescape_value(p.value);
            } else if (p.name == "FN") {
                if (person.name.empty()) person.name = text::clean(text::unescape_value(p.value), "FN", 100, false);
            } else if (p.name == "N") {
                const std::vector<std::string> parts = text::split_value(p.value, ';');
                family = parts.empty() ? "" : std::string(text::trim(parts[0]));
                given = parts.size() < 2 ? "" : std::string(text::trim(parts[1]));
            } else if (p.name == "GENDER") {
                const std::string sex = text::upper_ascii(text::trim(text::split_value(p.value, ';')[0]));
                person.gender = sex == "M" ? Gender::male : sex == "F" ? Gender::female : Gender::unknown;
            } else if (p.name == "TEL") {
                std::string raw = text::unescape_value(p.value);
                if (text::lower_ascii(raw.substr(0, 4)) == "tel:") raw.erase(0, 4);
                if (const std::size_t ext = raw.find(';'); ext != std::string::npos) raw.erase(ext);
                const PhoneNumber number = normalize_phone(raw, "TEL");
                const bool mobile_number = number.mainland_mobile || number.international;
                if (p.has_type("home")) {
                    person.phones.push_back({PhoneKind::home, number.number});
                } else if (p.has_type("work")) {
                    person.phones.push_back({PhoneKind::office, number.number});
                } else if (person.mobile.empty() && mobile_number) {
                    person.mobile = number.number;
                } else {
                    person.phones.push_back({PhoneKind::other, number.number});
                }
            } else if (p.name == "BDAY") {
                if (text::lower_ascii(p.param("VALUE")) == "text") continue;   // "circa 1800": no date
                if (!person.birthday || !person.birthday->lunar) person.birthday = parse_bday(p.value, "BDAY");
            } else if (p.name == lunar_property) {
                person.birthday = parse_birthday("lunar:" + std::string(text::trim(p.value)), std::string(lunar_property));
            } else if (p.name == "ORG") {
                person.org = text::clean(text::split_value(p.value, ';')[0], "ORG", 200, false);
            } else if (p.name == "TITLE") {
                person.title = text::clean(text::unescape_value(p.value), "TITLE", 200, false);
            } else if (p.name == "NOTE") {
                person.note = text::clean(text::unescape_value(p.value), "NOTE", 2000, false, text::Lines::multi);
            } else if (p.name == relation_property) {
                person.relation = parse_relation(text::trim(p.value), std::string(relation_property));
            } else if (p.name == "RELATED") {
                std::string type = text::lower_ascii(p.param("TYPE"));
                person.related.emplace_back(type, std::string(text::trim(text::unescape_value(p.value))));
            }
        }
        at = nullptr;
        if (person.name.empty())   // FN is required; a card that has only N is read by it
            person.name = text::is_chinese_name(family) || family.empty() || given.empty() ? family + given
                                                                                          : given + " " + family;
        if (person.name.empty()) {
            problem = {card.line, "FN", "the card has no name (FN or N)"};
            return std::nullopt;
        }
    } catch (const Error& e) {
        problem = {at ? at->line : card.line, at ? at->name : e.field(), e.what()};
        return std::nullopt;
    }
    return person;
}

} // namespace snowball::detail::vcard
