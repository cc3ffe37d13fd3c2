#include "codec/reader.hpp"

#include "snowball/error.hpp"

#include <cstdint>

namespace snowball::codec {

std::string join(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

std::string at_index(std::string_view path, std::size_t index) {
    return std::string(path) + "[" + std::to_string(index) + "]";
}

Reader::Reader(const json& object, std::string path, std::initializer_list<std::string_view> known)
    : object_(object), path_(std::move(path)) {
    check_keys(std::vector<std::string_view>(known));
}

Reader::Reader(const json& object, std::string path, const std::vector<std::string_view>& known)
    : object_(object), path_(std::move(path)) {
    check_keys(known);
}

void Reader::check_keys(const std::vector<std::string_view>& known) const {
    if (!object_.is_object()) throw_invalid(path_, "must be a JSON object");
    for (auto it = object_.begin(); it != object_.end(); ++it) {
        bool found = false;
        for (std::string_view k : known) found = found || it.key() == k;
        if (found) continue;
        std::string list;
        for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        throw_invalid(field(it.key()), "is not a known key here (known: " + list + ")");
    }
}

const json* Reader::get(std::string_view key) const {
    const auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> Reader::text(std::string_view key) const {
    const json* v = get(key);
    if (!v) return std::nullopt;
    return text_value(*v, field(key));
}

std::string Reader::required_text(std::string_view key) const {
    auto v = text(key);
    if (!v) throw_invalid(field(key), "is required");
    return *v;
}

std::optional<std::int64_t> Reader::integer(std::string_view key) const {
    const json* v = get(key);
    if (!v) return std::nullopt;
    return integer_value(*v, field(key));
}

std::int64_t Reader::required_integer(std::string_view key) const {
    auto v = integer(key);
    if (!v) throw_invalid(field(key), "is required");
    return *v;
}

std::optional<int> Reader::int32(std::string_view key) const {
    const json* v = get(key);
    if (!v) return std::nullopt;
    return int32_value(*v, field(key));
}

std::optional<std::optional<std::int64_t>> Reader::nullable_integer(std::string_view key) const {
    if (!given(key)) return std::nullopt;
    const json* v = get(key);
    if (!v) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{integer_value(*v, field(key))};
}

std::optional<double> Reader::number(std::string_view key) const {
    const json* v = get(key);
    if (!v) return std::nullopt;
    return number_value(*v, field(key));
}

std::optional<bool> Reader::boolean(std::string_view key) const {
    const json* v = get(key);
    if (!v) return std::nullopt;
    return boolean_value(*v, field(key));
}

std::optional<Date> Reader::date(std::string_view key) const {
    auto v = text(key);
    if (!v) return std::nullopt;
    return parse_date(*v, field(key));
}

Date Reader::required_date(std::string_view key) const {
    auto v = date(key);
    if (!v) throw_invalid(field(key), "is required");
    return *v;
}

const json* Reader::array(std::string_view key) const {
    const json* v = get(key);
    return v ? &array_value(*v, field(key)) : nullptr;
}

const json* Reader::object(std::string_view key) const {
    const json* v = get(key);
    if (v && !v->is_object()) throw_invalid(field(key), "must be an object");
    return v;
}

void only_keys(const json& value, const std::string& path, std::initializer_list<std::string_view> known) {
    Reader(value, path, known);
}

std::string text_value(const json& value, const std::string& field) {
    if (!value.is_string()) throw_invalid(field, "must be a string");
    return value.get<std::string>();
}

std::int64_t integer_value(const json& value, const std::string& field) {
    if (!value.is_number_integer()) throw_invalid(field, "must be an integer");
    // Above INT64_MAX the parser keeps an unsigned value, which must not wrap around.
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        throw_invalid(field, "is out of range");
    return value.get<std::int64_t>();
}

std::uint64_t unsigned_value(const json& value, const std::string& field) {
    if (!value.is_number_integer() || (!value.is_number_unsigned() && value.get<std::int64_t>() < 0))
        throw_invalid(field, "must be a whole number from 0 to 18446744073709551615");
    return value.get<std::uint64_t>();
}

int int32_value(const json& value, const std::string& field) {
    const std::int64_t v = integer_value(value, field);
    if (v < INT32_MIN || v > INT32_MAX) throw_invalid(field, "is out of range");
    return static_cast<int>(v);
}

double number_value(const json& value, const std::string& field) {
    if (!value.is_number()) throw_invalid(field, "must be a number");
    return value.get<double>();
}

bool boolean_value(const json& value, const std::string& field) {
    if (!value.is_boolean()) throw_invalid(field, "must be true or false");
    return value.get<bool>();
}

const json& array_value(const json& value, const std::string& field) {
    if (!value.is_array()) throw_invalid(field, "must be an array");
    return value;
}

} // namespace snowball::codec
