// JSON documents at the C boundary: a caller's document read strictly as a record of the codec, a
// record handed back as JSON. Nothing here knows a record's fields; the codec does (src/codec).
#pragma once

#include "guard.hpp"

#include "codec/fields.hpp"
#include "codec/json.hpp"
#include "snowball/outreach.h"
#include "snowball/outreach.hpp"

#include <optional>
#include <string>
#include <vector>

namespace snowball::capi {

using codec::json;

// The caller's JSON text (`name` is the parameter: "customer_json"): NULL or bad JSON is
// invalid_argument naming it.
json document(const char* text, const char* name);
// As document(), for a parameter documented as nullable: NULL reads as {} (every default).
json document_or_empty(const char* text, const char* name);

// The record T from a required JSON object parameter; errors name its keys ("name", "phones[1]").
template <class T>
T input(const char* text, const char* name) {
    const json doc = document(text, name);
    if (!doc.is_object()) throw_invalid(name, "must be a JSON object");
    return codec::read<T>(doc, "");
}

// As input(), for a nullable parameter: NULL gives every default.
template <class T>
T input_or_default(const char* text, const char* name) {
    const json doc = document_or_empty(text, name);
    if (!doc.is_object()) throw_invalid(name, "must be a JSON object");
    return codec::read<T>(doc, "");
}

// Records from a JSON array parameter; the errors name each by `items` and position
// ("customers[2].mobile").
template <class T>
std::vector<T> input_list(const char* text, const char* name, const char* items, const char* what) {
    const json doc = document(text, name);
    if (!doc.is_array()) throw_invalid(name, std::string("must be a JSON array of ") + what);
    std::vector<T> out;
    out.reserve(doc.size());
    for (std::size_t i = 0; i < doc.size(); ++i) out.push_back(codec::read<T>(doc[i], codec::at_index(items, i)));
    return out;
}

// Hands `value` (a record, a list of records, a page, ...) to the caller as JSON.
template <class T>
void give_json(char** out, const T& value) {
    give(out, codec::dump(json(value)));
}

// "Nothing found" has one form at the C boundary (docs/C_API.md): SNOWBALL_ENOTFOUND, with the
// error's field naming the argument whose value matched nothing.
template <class T>
const T& found(const std::optional<T>& value, const char* key, const std::string& message) {
    if (!value) throw Error(Status::not_found, std::string(key) + ": " + message, key);
    return *value;
}

// A C sender (snowball/outreach.h) as the core's: the message as JSON in, the id or the error out;
// NULL: none (the channel's registered sender).
Sender sender_from_c(snowball_sender_fn fn, void* user);

// A nullable date parameter: NULL for none, else "YYYY-MM-DD" (invalid_argument naming `name`).
std::optional<Date> optional_date(const char* text, const char* name);

// A consultant given as an id, 0 for none (the C form of an optional actor).
std::optional<std::int64_t> optional_consultant(int64_t id, const char* name = "by");

} // namespace snowball::capi
