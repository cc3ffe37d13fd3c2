#include "json_codec.hpp"

#include "snowball/error.hpp"

namespace snowball::capi {

json parse_json(const char* text, const char* what) {
    if (!text) throw_invalid(what, "is NULL");
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        throw_invalid(what, std::string("is not valid JSON (byte ") + std::to_string(e.byte) + "): " + e.what());
    }
}

json parse_object(const char* text, const char* what) {
    json doc = parse_json(text, what);
    if (!doc.is_object()) throw_invalid(what, "must be a JSON object");
    return doc;
}

std::string dump(const json& document) { return document.dump(-1, ' ', false, json::error_handler_t::replace); }

// ---------------------------------------------------------------------------------------------

ObjectReader::ObjectReader(const json& object, std::string path, std::initializer_list<const char*> known)
    : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) throw_invalid(path_, "must be a JSON object");
    // Unknown keys first: a typo such as "nmae" is named as such, not as a missing "name".
    for (auto it = object_.begin(); it != object_.end(); ++it) {
        bool found = false;
        for (const char* k : known) found = found || it.key() == k;
        if (!found) {
            std::string list;
            for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
            throw_invalid(field(it.key().c_str()), "is not a known key here (known: " + list + ")");
        }
    }
}

std::string ObjectReader::field(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

void ObjectReader::wrong_type(const char* key, const char* expected) const {
    throw_invalid(field(key), std::string("must be ") + expected);
}

const json* ObjectReader::get(const char* key) {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
}

std::optional<std::string> ObjectReader::text(const char* key) {
    const json* v = get(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) wrong_type(key, "a string");
    return v->get<std::string>();
}

std::string ObjectReader::required_text(const char* key) {
    auto v = text(key);
    if (!v) throw_invalid(field(key), "is required");
    return *v;
}

std::optional<std::int64_t> ObjectReader::integer(const char* key) {
    auto v = nullable_integer(key);
    return v ? *v : std::nullopt;
}

std::optional<std::optional<std::int64_t>> ObjectReader::nullable_integer(const char* key) {
    const json* v = get(key);
    if (!v) return std::nullopt;
    if (v->is_null()) return std::optional<std::int64_t>{};
    if (!v->is_number_integer()) wrong_type(key, "an integer");
    // Above INT64_MAX the parser keeps an unsigned value, which must not wrap around.
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        throw_invalid(field(key), "is out of range");
    return std::optional<std::int64_t>{v->get<std::int64_t>()};
}

std::optional<int> ObjectReader::int32(const char* key) {
    auto v = integer(key);
    if (!v) return std::nullopt;
    if (*v < INT32_MIN || *v > INT32_MAX) throw_invalid(field(key), "is out of range");
    return static_cast<int>(*v);
}

std::optional<double> ObjectReader::number(const char* key) {
    const json* v = get(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number()) wrong_type(key, "a number");
    return v->get<double>();
}

std::optional<bool> ObjectReader::boolean(const char* key) {
    const json* v = get(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_boolean()) wrong_type(key, "true or false");
    return v->get<bool>();
}

std::optional<Date> ObjectReader::date(const char* key) {
    auto v = text(key);
    if (!v) return std::nullopt;
    return parse_date(*v, field(key));
}

const json* ObjectReader::array(const char* key) {
    const json* v = get(key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_array()) wrong_type(key, "an array");
    return v;
}

const json* ObjectReader::any(const char* key) {
    const json* v = get(key);
    return v && !v->is_null() ? v : nullptr;
}

const json* ObjectReader::object(const char* key) {
    const json* v = get(key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_object()) wrong_type(key, "an object");
    return v;
}

// ---------------------------------------------------------------------------------------------
// Output

namespace {

json optional_id(const std::optional<std::int64_t>& id) { return id ? json(*id) : json(nullptr); }

} // namespace

json to_json(const Site& s) {
    return {{"id", s.id}, {"code", s.code}, {"name", s.name}, {"number_format", s.number_format},
            {"created_at", s.created_at}};
}

json to_json(const Consultant& c) {
    return {{"id", c.id}, {"uid", c.uid}, {"site", c.site}, {"name", c.name}, {"phone", c.phone},
            {"active", c.active}, {"created_at", c.created_at}, {"role", to_string(c.role)},
            {"manager_id", optional_id(c.manager_id)}};
}

json to_json(const Customer& c) {
    json phones = json::array();
    for (const Phone& p : c.phones) phones.push_back({{"kind", to_string(p.kind)}, {"number", p.number}});
    return {{"id", c.id},
            {"archive_no", c.archive_no},
            {"site", c.site},
            {"channel", to_string(c.channel)},
            {"name", c.name},
            {"gender", to_string(c.gender)},
            {"mobile", c.mobile},
            {"phones", phones},
            {"consultant_id", optional_id(c.consultant_id)},
            {"tier", to_string(c.tier)},
            {"stage", to_string(c.stage)},
            {"first_contact", to_iso(c.first_contact)},
            {"note", c.note},
            {"filed_at", c.filed_at},
            {"updated_at", c.updated_at},
            {"birthday", c.birthday ? to_json(*c.birthday) : json(nullptr)}};
}

json to_json(const Visit& v) {
    return {{"id", v.id}, {"customer_id", v.customer_id}, {"date", to_iso(v.date)},
            {"consultant_id", optional_id(v.consultant_id)}, {"note", v.note}, {"recorded_at", v.recorded_at}};
}

json to_json(const Deal& d) {
    return {{"id", d.id},
            {"customer_id", d.customer_id},
            {"site", d.site},
            {"unit", d.unit},
            {"layout", d.layout},
            {"area", d.area},
            {"price", d.price},
            {"date", to_iso(d.date)},
            {"bought_for", d.bought_for},
            {"consultant_id", optional_id(d.consultant_id)},
            {"cancelled", d.cancelled},
            {"cancel_reason", d.cancel_reason},
            {"recorded_at", d.recorded_at}};
}

json to_json(const ArchiveInfo& i) {
    return {{"path", i.path}, {"schema_version", i.schema_version}, {"library_version", i.library_version},
            {"sites", i.sites}, {"consultants", i.consultants}, {"customers", i.customers}, {"owners", i.owners}};
}

json to_json(const LeadImportReport& r) {
    json rejected = json::array();
    for (const auto& row : r.rejected)
        rejected.push_back({{"line", row.line}, {"field", row.field}, {"reason", row.reason}});
    return {{"rows", r.rows},
            {"imported", r.imported},
            {"rejected", rejected},
            {"customer_ids", r.customer_ids},
            {"encoding", r.encoding},
            {"columns", r.columns},
            {"ignored_columns", r.ignored_columns},
            {"dry_run", r.dry_run}};
}

json to_json(const numbering::ArchiveNumber& n) {
    return {{"text", n.text},
            {"site", n.site},
            {"channel", n.channel ? json(to_string(*n.channel)) : json(nullptr)},
            {"year", n.year ? json(*n.year) : json(nullptr)},
            {"sequence", n.sequence},
            {"check", std::string(1, n.check)}};
}

json to_json(const PhoneNumber& p) {
    return {{"number", p.number}, {"mainland_mobile", p.mainland_mobile}, {"international", p.international}};
}

// ---------------------------------------------------------------------------------------------
// Input

namespace {

// A NULL text reads as an empty object: every key takes its default.
json object_or_empty(const char* text, const char* what) {
    return text ? parse_object(text, what) : json::object();
}

std::vector<Phone> phones_from(const json* array, const std::string& path) {
    std::vector<Phone> out;
    if (!array) return out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        ObjectReader r((*array)[i], path + "[" + std::to_string(i) + "]", {"kind", "number"});
        Phone p;
        if (auto kind = r.text("kind")) p.kind = parse_phone_kind(*kind, r.field("kind"));
        p.number = r.required_text("number");
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

OpenOptions open_options_from(const char* text) {
    const json doc = object_or_empty(text, "options_json");
    ObjectReader r(doc, "", {"create", "read_only", "busy_timeout_ms", "synchronous", "cache_mib"});
    OpenOptions o;
    if (auto v = r.boolean("create")) o.create = *v;
    if (auto v = r.boolean("read_only")) o.read_only = *v;
    if (auto v = r.int32("busy_timeout_ms")) o.busy_timeout_ms = *v;
    if (auto v = r.int32("cache_mib")) o.cache_mib = *v;
    if (auto v = r.text("synchronous")) {
        if (*v != "full" && *v != "normal") throw_invalid("synchronous", "must be \"full\" or \"normal\"");
        o.synchronous_full = *v == "full";
    }
    return o;
}

NewSite new_site_from(const char* text) {
    const json doc = parse_object(text, "site_json");
    ObjectReader r(doc, "", {"code", "name", "number_format"});
    NewSite s;
    s.code = r.required_text("code");
    s.name = r.required_text("name");
    s.number_format = r.text("number_format").value_or("");
    return s;
}

SiteUpdate site_update_from(const char* text) {
    const json doc = parse_object(text, "update_json");
    ObjectReader r(doc, "", {"name", "number_format"});
    SiteUpdate u;
    u.name = r.text("name");
    u.number_format = r.text("number_format");
    return u;
}

NewConsultant new_consultant_from(const char* text) {
    const json doc = parse_object(text, "consultant_json");
    ObjectReader r(doc, "", {"site", "name", "phone", "role", "manager_id"});
    NewConsultant c;
    c.site = r.required_text("site");
    c.name = r.required_text("name");
    c.phone = r.text("phone").value_or("");
    if (auto v = r.text("role")) c.role = parse_consultant_role(*v, "role");
    c.manager_id = r.integer("manager_id");
    return c;
}

ConsultantUpdate consultant_update_from(const char* text) {
    const json doc = parse_object(text, "update_json");
    ObjectReader r(doc, "", {"name", "phone", "active", "role", "manager_id"});
    ConsultantUpdate u;
    u.name = r.text("name");
    u.phone = r.text("phone");
    u.active = r.boolean("active");
    if (auto v = r.text("role")) u.role = parse_consultant_role(*v, "role");
    u.manager_id = r.nullable_integer("manager_id");
    return u;
}

NewCustomer new_customer_from(const json& object, const std::string& path) {
    ObjectReader r(object, path, {"site", "channel", "name", "gender", "mobile", "phones", "consultant_id", "tier", "first_contact", "note", "filed_on", "birthday"});
    NewCustomer c;
    c.site = r.required_text("site");
    c.channel = parse_channel(r.required_text("channel"), r.field("channel"));
    c.name = r.required_text("name");
    if (auto v = r.text("gender")) c.gender = parse_gender(*v, r.field("gender"));
    c.mobile = r.text("mobile").value_or("");
    c.phones = phones_from(r.array("phones"), r.field("phones"));
    c.consultant_id = r.integer("consultant_id");
    if (auto v = r.text("tier")) c.tier = parse_tier(*v, r.field("tier"));
    c.first_contact = r.date("first_contact");
    c.note = r.text("note").value_or("");
    c.filed_on = r.date("filed_on");
    if (const json* b = r.any("birthday")) c.birthday = birthday_from(*b, r.field("birthday"));
    return c;
}

CustomerUpdate customer_update_from(const char* text) {
    const json doc = parse_object(text, "update_json");
    ObjectReader r(doc, "", {"name", "gender", "mobile", "phones", "consultant_id", "tier", "first_contact", "note", "birthday", "by"});
    CustomerUpdate u;
    u.name = r.text("name");
    if (auto v = r.text("gender")) u.gender = parse_gender(*v, "gender");
    u.mobile = r.text("mobile");
    if (const json* phones = r.array("phones")) u.phones = phones_from(phones, "phones");
    u.consultant_id = r.nullable_integer("consultant_id");
    if (auto v = r.text("tier")) u.tier = parse_tier(*v, "tier");
    u.first_contact = r.date("first_contact");
    u.note = r.text("note");
    if (doc.contains("birthday"))
        u.birthday = doc["birthday"].is_null() ? std::optional<Birthday>() : birthday_from(doc["birthday"], "birthday");
    u.by = r.integer("by");
    return u;
}

CustomerQuery customer_query_from(const char* text) {
    const json doc = object_or_empty(text, "query_json");
    ObjectReader r(doc, "", {"site", "channel", "stage", "tier", "consultant_id", "first_contact_from", "first_contact_to", "name_prefix", "limit", "offset"});
    CustomerQuery q;
    q.site = r.text("site").value_or("");
    if (auto v = r.text("channel")) q.channel = parse_channel(*v, "channel");
    if (auto v = r.text("stage")) q.stage = parse_stage(*v, "stage");
    if (auto v = r.text("tier")) q.tier = parse_tier(*v, "tier");
    q.consultant_id = r.integer("consultant_id");
    q.first_contact_from = r.date("first_contact_from");
    q.first_contact_to = r.date("first_contact_to");
    q.name_prefix = r.text("name_prefix").value_or("");
    if (auto v = r.int32("limit")) q.limit = *v;
    if (auto v = r.integer("offset")) q.offset = *v;
    return q;
}

NewVisit new_visit_from(const char* text) {
    const json doc = object_or_empty(text, "visit_json");
    ObjectReader r(doc, "", {"date", "consultant_id", "note"});
    NewVisit v;
    v.date = r.date("date");
    v.consultant_id = r.integer("consultant_id");
    v.note = r.text("note").value_or("");
    return v;
}

NewDeal new_deal_from(const char* text) {
    const json doc = parse_object(text, "deal_json");
    ObjectReader r(doc, "", {"unit", "layout", "area", "price", "date", "bought_for", "consultant_id"});
    NewDeal d;
    d.unit = r.required_text("unit");
    d.layout = r.text("layout").value_or("");
    const auto area = r.number("area");
    const auto price = r.number("price");
    if (!area) throw_invalid("area", "is required (m²)");
    if (!price) throw_invalid("price", "is required (yuan)");
    d.area = *area;
    d.price = *price;
    d.date = r.date("date");
    d.bought_for = r.text("bought_for").value_or("");
    d.consultant_id = r.integer("consultant_id");
    return d;
}

DealQuery deal_query_from(const char* text) {
    const json doc = object_or_empty(text, "query_json");
    ObjectReader r(doc, "", {"site", "consultant_id", "from", "to", "include_cancelled", "limit", "offset"});
    DealQuery q;
    q.site = r.text("site").value_or("");
    q.consultant_id = r.integer("consultant_id");
    q.from = r.date("from");
    q.to = r.date("to");
    q.include_cancelled = r.boolean("include_cancelled").value_or(false);
    if (auto v = r.int32("limit")) q.limit = *v;
    if (auto v = r.integer("offset")) q.offset = *v;
    return q;
}

LeadImportOptions lead_import_options_from(const char* text) {
    const json doc = parse_object(text, "options_json");
    ObjectReader r(doc, "", {"site", "channel", "mapping", "encoding", "delimiter", "consultant_id", "dry_run", "all_or_nothing", "progress_every"});
    LeadImportOptions o;
    o.site = r.required_text("site");
    if (auto v = r.text("channel")) o.channel = parse_channel(*v, "channel");
    if (const json* mapping = r.object("mapping")) {
        for (auto it = mapping->begin(); it != mapping->end(); ++it) {
            if (!it->is_string()) throw_invalid("mapping." + it.key(), "must be a field key (a string)");
            o.mapping[it.key()] = it->get<std::string>();
        }
    }
    o.encoding = r.text("encoding").value_or("auto");
    if (auto v = r.text("delimiter")) {
        if (v->size() != 1) throw_invalid("delimiter", "must be one character: \",\", \"\\t\" or \";\"");
        o.delimiter = (*v)[0];
    }
    o.consultant_id = r.integer("consultant_id");
    o.dry_run = r.boolean("dry_run").value_or(false);
    o.all_or_nothing = r.boolean("all_or_nothing").value_or(false);
    if (auto v = r.integer("progress_every")) o.progress_every = *v;
    return o;
}

} // namespace snowball::capi
