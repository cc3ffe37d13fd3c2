// The JSON form of Snowball's records: the one codec that the stored JSON (settings, task contents)
// and the C API both speak. A record's fields are listed once, in its field table (codec/fields.hpp);
// writing, strict reading and the samples the layers' round-trip test uses all follow that table.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace snowball::codec {

using json = nlohmann::json;

// Parses a JSON text a caller gave. Bad syntax, and a key given twice in one object (which parsers
// disagree on), are invalid_argument naming `what`.
json parse(std::string_view text, const std::string& what);
// As parse, for a document that must be a JSON object.
json parse_object(std::string_view text, const std::string& what);

// The document as compact UTF-8 text (invalid bytes, which no record holds, become U+FFFD).
std::string dump(const json& document);

// A text for a caller that was promised UTF-8 (an error message echoing their bytes): each byte
// that does not start a well-formed sequence becomes U+FFFD.
std::string valid_utf8(std::string_view text);

} // namespace snowball::codec
