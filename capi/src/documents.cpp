#include "documents.hpp"

#include "codec/outreach.hpp"

namespace snowball::capi {

json document(const char* text, const char* name) {
    if (!text) throw_invalid(name, "is NULL");
    return codec::parse(text, name);
}

json document_or_empty(const char* text, const char* name) { return text ? document(text, name) : json::object(); }

Sender sender_from_c(snowball_sender_fn fn, void* user) {
    if (!fn) return {};
    return [fn, user](const OutgoingMessage& m) -> std::string {
        const std::string message = codec::dump(json(m));
        char id[256] = {0};
        char error[512] = {0};
        const int rc = fn(user, message.c_str(), id, sizeof id, error, sizeof error);
        id[sizeof id - 1] = '\0';
        error[sizeof error - 1] = '\0';
        if (rc != 0) throw std::runtime_error(error[0] ? error : "the sender returned " + std::to_string(rc));
        return id;
    };
}

std::optional<Date> optional_date(const char* text, const char* name) {
    if (!text) return std::nullopt;
    return parse_date(text, name);
}

std::optional<std::int64_t> optional_consultant(int64_t id, const char* name) {
    if (id < 0) throw_invalid(name, "must be a consultant id, or 0");
    return id ? std::optional<std::int64_t>(id) : std::nullopt;
}

} // namespace snowball::capi
