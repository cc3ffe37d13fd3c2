#include "snowball/error.hpp"

namespace snowball {

const char* status_name(Status status) noexcept {
    switch (status) {
    case Status::ok: return "ok";
    case Status::error: return "error";
    case Status::invalid_argument: return "invalid_argument";
    case Status::not_found: return "not_found";
    case Status::conflict: return "conflict";
    case Status::busy: return "busy";
    case Status::not_archive: return "not_archive";
    case Status::version: return "version";
    case Status::storage: return "storage";
    case Status::no_memory: return "no_memory";
    case Status::cancelled: return "cancelled";
    case Status::invalid_state: return "invalid_state";
    case Status::consent_required: return "consent_required";
    case Status::forbidden: return "forbidden";
    }
    return "unknown";
}

Error::Error(Status status, const std::string& message, std::string field, std::int64_t record_id)
    : std::runtime_error(message), status_(status), field_(std::move(field)), record_id_(record_id) {}

void throw_invalid(const std::string& field, const std::string& message) {
    throw Error(Status::invalid_argument, field.empty() ? message : field + ": " + message, field);
}

} // namespace snowball
