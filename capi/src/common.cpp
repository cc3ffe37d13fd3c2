// The thread's last error, strings handed across, and the version: defined here and only here.
#include "guard.hpp"

#include <SQLiteCpp/Exception.h>

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

// Messages may echo the caller's bytes; the contract promises UTF-8, so each byte that does not
// start a well-formed sequence becomes U+FFFD.
std::string valid_utf8(std::string_view s) {
    static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000}; // by sequence length
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
        char32_t cp = len == 1 ? b : len == 2 ? b & 0x1Fu : len == 3 ? b & 0x0Fu : b & 0x07u;
        bool ok = len > 0 && i + len <= s.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            ok = (c & 0xC0) == 0x80;
            cp = (cp << 6) | (c & 0x3Fu);
        }
        if (ok && cp >= smallest[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

int record(int status, const char* message, const char* field, std::int64_t record_id) noexcept {
    LastError& e = last_error;
    e.pub.status = status;
    e.pub.record_id = record_id;
    try {
        e.message = valid_utf8(message);
        e.field = valid_utf8(field);
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
    if (status > 0 || status < SNOWBALL_ESTATE) return "unknown";
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
