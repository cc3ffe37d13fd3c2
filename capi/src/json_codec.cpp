#include "json_codec.hpp"

#include "codec/archive.hpp"
#include "codec/customers.hpp"

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

json to_json(const Site& s) { return json(s); }
json to_json(const Consultant& c) { return json(c); }
json to_json(const Customer& c) { return json(c); }
json to_json(const Visit& v) { return json(v); }
json to_json(const Deal& d) { return json(d); }

} // namespace snowball::capi
