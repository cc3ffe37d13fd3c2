// Records as JSON documents at the C boundary: a mechanical translation of the C++ value types,
// nothing more. Input documents are read strictly: a wrong type or an unknown key is an error
// naming the key.
#pragma once

#include "snowball/archive.hpp"
#include "snowball/briefing.hpp"
#include "snowball/customers.hpp"
#include "snowball/lead_import.hpp"
#include "snowball/numbering.hpp"
#include "snowball/phone.hpp"
#include "snowball/profiles.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <initializer_list>
#include <string>

namespace snowball::capi {

using nlohmann::json;

// Parses a JSON text given by the caller; throws invalid_argument naming `what` on bad syntax.
json parse_json(const char* text, const char* what);
// As parse_json, for a document that must be a JSON object.
json parse_object(const char* text, const char* what);
// The document as UTF-8 text for the caller.
std::string dump(const json& document);

// Reads one input object key by key. Keys outside `known` are rejected up front, naming the key.
class ObjectReader {
public:
    ObjectReader(const json& object, std::string path, std::initializer_list<const char*> known);
    std::optional<std::string> text(const char* key);
    std::string required_text(const char* key);
    std::optional<std::int64_t> integer(const char* key);
    std::optional<int> int32(const char* key);
    // Absent: nullopt; null: {nullopt}; a number: {value}.
    std::optional<std::optional<std::int64_t>> nullable_integer(const char* key);
    std::optional<double> number(const char* key);
    std::optional<bool> boolean(const char* key);
    std::optional<Date> date(const char* key);
    const json* array(const char* key);
    const json* any(const char* key);   // present and not null
    const json* object(const char* key);
    std::string field(const char* key) const;

private:
    const json* get(const char* key);
    [[noreturn]] void wrong_type(const char* key, const char* expected) const;
    const json& object_;
    std::string path_;
};

// The records of the codec (src/codec), for the documents not moved to it yet.
json to_json(const Site& site);
json to_json(const Consultant& consultant);
json to_json(const Customer& customer);
json to_json(const Visit& visit);
json to_json(const Deal& deal);

} // namespace snowball::capi
