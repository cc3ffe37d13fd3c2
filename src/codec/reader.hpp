// The one strict reader of JSON objects given by callers and read back from storage: an unknown key
// (a typo such as "moblie"), a wrong type or a value out of range is invalid_argument naming the
// key by its whole path ("customers[2].phones[0].kind").
#pragma once

#include "codec/json.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball::codec {

// "a.b" from a path and a key; the key alone at the top.
std::string join(std::string_view path, std::string_view key);
// "a[3]".
std::string at_index(std::string_view path, std::size_t index);

class Reader {
public:
    // `object` must be a JSON object whose every key is in `known` (checked first, so that a typo is
    // named as such rather than as a missing key).
    Reader(const json& object, std::string path, std::initializer_list<std::string_view> known);
    Reader(const json& object, std::string path, const std::vector<std::string_view>& known);

    const std::string& path() const { return path_; }
    std::string field(std::string_view key) const { return join(path_, key); }

    // The value of `key` when present and not null.
    const json* get(std::string_view key) const;
    bool has(std::string_view key) const { return get(key) != nullptr; }
    // Present, even as null (an update's "clear this").
    bool given(std::string_view key) const { return object_.contains(key); }

    std::optional<std::string> text(std::string_view key) const;
    std::string required_text(std::string_view key) const;
    std::optional<std::int64_t> integer(std::string_view key) const;
    std::int64_t required_integer(std::string_view key) const;
    std::optional<int> int32(std::string_view key) const;
    // Absent: nullopt; null: {nullopt}; a number: {value}.
    std::optional<std::optional<std::int64_t>> nullable_integer(std::string_view key) const;
    std::optional<double> number(std::string_view key) const;
    std::optional<bool> boolean(std::string_view key) const;
    std::optional<Date> date(std::string_view key) const;
    Date required_date(std::string_view key) const;
    const json* array(std::string_view key) const;
    const json* object(std::string_view key) const;

private:
    void check_keys(const std::vector<std::string_view>& known) const;
    const json& object_;
    std::string path_;
};

// Checks that `value` is a JSON object with only the `known` keys (a value read back whole).
void only_keys(const json& value, const std::string& path, std::initializer_list<std::string_view> known);

// Typed reads of a single value, naming `field` when it has another type or range.
std::string text_value(const json& value, const std::string& field);
std::int64_t integer_value(const json& value, const std::string& field);
int int32_value(const json& value, const std::string& field);
// A whole number from 0 to 2^64 - 1 (a checksum).
std::uint64_t unsigned_value(const json& value, const std::string& field);
double number_value(const json& value, const std::string& field);
bool boolean_value(const json& value, const std::string& field);
const json& array_value(const json& value, const std::string& field);

} // namespace snowball::codec
