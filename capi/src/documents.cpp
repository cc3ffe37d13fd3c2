#include "documents.hpp"

namespace snowball::capi {

json document(const char* text, const char* name) {
    if (!text) throw_invalid(name, "is NULL");
    return codec::parse(text, name);
}

json document_or_empty(const char* text, const char* name) { return text ? document(text, name) : json::object(); }

std::optional<std::int64_t> optional_consultant(int64_t id, const char* name) {
    if (id < 0) throw_invalid(name, "must be a consultant id, or 0");
    return id ? std::optional<std::int64_t>(id) : std::nullopt;
}

} // namespace snowball::capi
