// The C boundary's guard: every exported function body runs between SNOWBALL_API_BEGIN and
// SNOWBALL_API_END, which clear the thread's last error on entry and turn any exception into a
// status code plus a recorded message. Nothing escapes extern "C".
#pragma once

#include "snowball.h"
#include "snowball/archive.hpp"
#include "snowball/error.hpp"

#include <cstdint>
#include <string>

struct snowball_archive {
    snowball::Archive archive;
};

namespace snowball::capi {

void clear_error() noexcept;
// Records the exception being handled as the thread's last error; returns its status code.
int fail_from_current_exception() noexcept;

// Argument checks: throw Error(invalid_argument) naming the parameter.
// Checks an out-parameter and empties it, so that a caller may free it after a failure too.
template <class T>
void init_out(T* out, const char* name) {
    if (!out) throw_invalid(name, "is NULL; pass the address of the variable that receives the result");
    *out = T{};
}
Archive& archive_of(snowball_archive* handle);
std::string required_text(const char* text, const char* name);
std::string optional_text(const char* text);   // NULL → ""

// Hands a string to the caller, to be freed with snowball_string_free.
void give(char** out, const std::string& text);

} // namespace snowball::capi

#define SNOWBALL_API_BEGIN                 \
    ::snowball::capi::clear_error();       \
    try {
#define SNOWBALL_API_END                                            \
    }                                                               \
    catch (...) {                                                   \
        return ::snowball::capi::fail_from_current_exception();     \
    }                                                               \
    return SNOWBALL_OK;
