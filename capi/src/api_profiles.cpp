#include "guard.hpp"
#include "json_codec.hpp"

#include "snowball/briefing.hpp"
#include "snowball/profiles.hpp"

using namespace snowball;
using namespace snowball::capi;

namespace {

// `by` at the C boundary: 0 means "not said".
std::optional<std::int64_t> by_from(int64_t by) {
    if (by < 0) throw_invalid("by", "must be a consultant id, or 0");
    return by ? std::optional<std::int64_t>(by) : std::nullopt;
}

std::map<std::string, FieldValue> values_from(const json& doc, const std::string& where) {
    if (!doc.is_object()) throw_invalid(where, "must be a JSON object of field keys and values");
    std::map<std::string, FieldValue> values;
    for (auto it = doc.begin(); it != doc.end(); ++it) values[it.key()] = value_from(*it, it.key());
    return values;
}

template <class T>
json list_of(const std::vector<T>& items) {
    json out = json::array();
    for (const T& item : items) out.push_back(to_json(item));
    return out;
}

} // namespace

extern "C" {

int snowball_template_default(char** out_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(default_template())));
    SNOWBALL_API_END
}

int snowball_template_get(char** out_json, snowball_archive* archive, const char* site, int version) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give(out_json, dump(to_json(a.templates().get(s, version < 0 ? std::nullopt : std::optional<int>(version)))));
    SNOWBALL_API_END
}

int snowball_template_versions(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    json out = json::array();
    for (const TemplateVersion& v : a.templates().versions(required_text(site, "site")))
        out.push_back({{"version", v.version}, {"created_at", v.created_at},
                       {"by", v.by ? json(*v.by) : json(nullptr)}, {"note", v.note}});
    give(out_json, dump(out));
    SNOWBALL_API_END
}

int snowball_template_edit(char** out_json, snowball_archive* archive, const char* site, const char* edits_json,
                           int64_t by, const char* note) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const std::vector<TemplateEdit> edits = template_edits_from(edits_json);
    give(out_json, dump(to_json(a.templates().edit(s, edits, by_from(by), optional_text(note)))));
    SNOWBALL_API_END
}

int snowball_profile_set(snowball_archive* archive, int64_t customer_id, const char* values_json, int64_t by) {
    SNOWBALL_API_BEGIN
    Archive& a = archive_of(archive);
    const auto values = values_from(parse_json(values_json, "values_json"), "values_json");
    a.profiles().set(customer_id, values, by_from(by));
    SNOWBALL_API_END
}

int snowball_profile_set_text(snowball_archive* archive, int64_t customer_id, const char* values_json, int64_t by) {
    SNOWBALL_API_BEGIN
    Archive& a = archive_of(archive);
    const json doc = parse_object(values_json, "values_json");
    std::map<std::string, std::string> values;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (!it->is_string()) throw_invalid(it.key(), "must be text here (snowball_profile_set takes typed values)");
        values[it.key()] = it->get<std::string>();
    }
    a.profiles().set_text(customer_id, values, by_from(by));
    SNOWBALL_API_END
}

int snowball_profile_set_many(snowball_archive* archive, const char* updates_json, int64_t by) {
    SNOWBALL_API_BEGIN
    Archive& a = archive_of(archive);
    const json doc = parse_json(updates_json, "updates_json");
    if (!doc.is_array()) throw_invalid("updates_json", "must be a JSON array of {customer_id, values}");
    std::vector<std::pair<std::int64_t, std::map<std::string, FieldValue>>> updates;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const std::string at = "updates[" + std::to_string(i) + "]";
        ObjectReader r(doc[i], at, {"customer_id", "values"});
        const auto id = r.integer("customer_id");
        if (!id) throw_invalid(at + ".customer_id", "is required");
        const json* values = r.object("values");
        if (!values) throw_invalid(at + ".values", "is required");
        updates.emplace_back(*id, values_from(*values, at + ".values"));
    }
    a.profiles().set_many(updates, by_from(by));
    SNOWBALL_API_END
}

int snowball_profile_get(char** out_json, snowball_archive* archive, int64_t customer_id, const char* options_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = options_json ? parse_object(options_json, "options_json") : json::object();
    ObjectReader r(doc, "", {"as_of", "language"});
    const auto as_of = r.date("as_of");
    const Language language = parse_language(r.text("language").value_or("zh"));
    give(out_json, dump(to_json(a.profiles().get(customer_id, as_of), language)));
    SNOWBALL_API_END
}

int snowball_profile_history(char** out_json, snowball_archive* archive, int64_t customer_id, const char* field) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(list_of(a.profiles().history(customer_id, optional_text(field)))));
    SNOWBALL_API_END
}

int snowball_profile_completeness(char** out_json, snowball_archive* archive, int64_t customer_id, int ask_next) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).profiles().completeness(customer_id, ask_next))));
    SNOWBALL_API_END
}

int snowball_profile_site_completeness(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.profiles().site_completeness(required_text(site, "site")))));
    SNOWBALL_API_END
}

int snowball_profile_distribution(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.profiles().distribution(distribution_query_from(query_json)))));
    SNOWBALL_API_END
}

int snowball_family_add(char** out_json, snowball_archive* archive, int64_t customer_id, const char* member_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.family().add(customer_id, new_family_member_from(member_json)))));
    SNOWBALL_API_END
}

int snowball_family_get(char** out_json, snowball_archive* archive, int64_t id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).family().get(id))));
    SNOWBALL_API_END
}

int snowball_family_update(char** out_json, snowball_archive* archive, int64_t id, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.family().update(id, family_update_from(update_json)))));
    SNOWBALL_API_END
}

int snowball_family_remove(snowball_archive* archive, int64_t id) {
    SNOWBALL_API_BEGIN
    archive_of(archive).family().remove(id);
    SNOWBALL_API_END
}

int snowball_family_list(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(list_of(archive_of(archive).family().list(customer_id))));
    SNOWBALL_API_END
}

int snowball_briefing_by_phone(char** out_json, snowball_archive* archive, const char* phone, const char* site,
                               const char* language) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string p = required_text(phone, "phone");
    const auto briefing = a.briefings().by_phone(p, optional_text(site), language_from(language));
    if (!briefing) throw Error(Status::not_found, "phone: no customer on file with phone " + p, "phone");
    give(out_json, dump(to_json(*briefing)));
    SNOWBALL_API_END
}

int snowball_briefing_get(char** out_json, snowball_archive* archive, int64_t customer_id, const char* language) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.briefings().for_customer(customer_id, language_from(language)))));
    SNOWBALL_API_END
}

} // extern "C"
