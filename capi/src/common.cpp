// The thread's last error, strings handed across, and the version: defined here and only here.
#include "guard.hpp"

#include "codec/json.hpp"


#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>

namespace snowball::capi {

namespace {

struct LastError {
    snowball_error pub{SNOWBALL_OK, "", "", 0};
    std::string message;
    std::string field;
};

thread_local LastError last_error;

int record(int status, const char* message, const char* field, std::int64_t record_id) noexcept {
    LastError& e = last_error;
    e.pub.status = status;
    e.pub.record_id = record_id;
    try {
        // Messages may echo the caller's bytes; the contract promises UTF-8.
        e.message = codec::valid_utf8(message);
        e.field = codec::valid_utf8(field);
        e.pub.message = e.message.c_str();
        e.pub.field = e.field.c_str();
    } catch (...) {
        e.pub.message = "out of memory while recording an error";
        e.pub.field = "";
        e.pub.status = status = SNOWBALL_ENOMEM;
    }
    return status;
}

} // namespace

void clear_error() noexcept {
    LastError& e = last_error;
    e.pub.status = SNOWBALL_OK;
    e.pub.message = "";
    e.pub.field = "";
    e.pub.record_id = 0;
}

int fail_from_current_exception() noexcept {
    try {
        throw;
    } catch (const Error& e) {
        return record(static_cast<int>(e.status()), e.what(), e.field().c_str(), e.record_id());
    } catch (const std::bad_alloc&) {
        return record(SNOWBALL_ENOMEM, "out of memory", "", 0);
    } catch (const std::exception& e) {
        return record(SNOWBALL_ERROR, e.what(), "", 0);
    } catch (...) {
        return record(SNOWBALL_ERROR, "internal error: unknown exception", "", 0);
    }
}

Archive& archive_of(snowball_archive* handle) {
    if (!handle) throw_invalid("archive", "is NULL; open one with snowball_archive_open");
    return handle->archive;
}

std::string required_text(const char* text, const char* name) {
    if (!text) throw_invalid(name, "is NULL");
    return text;
}

std::string optional_text(const char* text) { return text ? std::string(text) : std::string(); }

void give(char** out, const std::string& text) {
    char* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (!copy) throw std::bad_alloc();
    std::memcpy(copy, text.c_str(), text.size() + 1);
    *out = copy;
}

} // namespace snowball::capi

extern "C" {

const snowball_error* snowball_error_last(void) { return &snowball::capi::last_error.pub; }

const char* snowball_status_name(int status) {
    if (status > 0 || status < SNOWBALL_EFORBIDDEN) return "unknown";
    return snowball::status_name(static_cast<snowball::Status>(status));
}

void snowball_string_free(char* str) { std::free(str); }

const char* snowball_version(void) { return SNOWBALL_VERSION; }

int snowball_version_number(void) { return SNOWBALL_VERSION_NUMBER; }

} // extern "C"

// The C status codes are the C++ Status values; the C API relies on it.
static_assert(static_cast<int>(snowball::Status::invalid_argument) == SNOWBALL_EINVALID);
static_assert(static_cast<int>(snowball::Status::not_found) == SNOWBALL_ENOTFOUND);
static_assert(static_cast<int>(snowball::Status::conflict) == SNOWBALL_ECONFLICT);
static_assert(static_cast<int>(snowball::Status::busy) == SNOWBALL_EBUSY);
static_assert(static_cast<int>(snowball::Status::not_archive) == SNOWBALL_ENOTARCHIVE);
static_assert(static_cast<int>(snowball::Status::version) == SNOWBALL_EVERSION);
static_assert(static_cast<int>(snowball::Status::storage) == SNOWBALL_ESTORAGE);
static_assert(static_cast<int>(snowball::Status::no_memory) == SNOWBALL_ENOMEM);
static_assert(static_cast<int>(snowball::Status::cancelled) == SNOWBALL_ECANCELLED);
static_assert(static_cast<int>(snowball::Status::invalid_state) == SNOWBALL_ESTATE);
static_assert(static_cast<int>(snowball::Status::consent_required) == SNOWBALL_ECONSENT);
static_assert(static_cast<int>(snowball::Status::forbidden) == SNOWBALL_EFORBIDDEN);
