// Errors of the Snowball C++ API.
//
// Every failure is a snowball::Error carrying one Status from a single enum, a message that says
// what went wrong, and where: the input field it concerns and, for conflicts, the id of the
// existing record. The C API maps Status one to one onto its negative status codes.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace snowball {

enum class Status : int {
    ok = 0,
    error = -1,            // internal error: a bug or an unexpected condition
    invalid_argument = -2, // bad input: malformed, out of range, unknown key
    not_found = -3,        // the record or file named does not exist
    conflict = -4,         // the input clashes with an existing record (e.g. a phone already on file)
    busy = -5,             // the archive stayed locked by another process beyond the busy timeout
    not_archive = -6,      // the file is not a Snowball archive
    version = -7,          // the archive was written by a newer Snowball
    storage = -8,          // the database or the file system failed (disk full, I/O error, read-only)
    no_memory = -9,        // allocation failed
    cancelled = -10,       // the caller cancelled the operation (e.g. from a progress callback)
    invalid_state = -11,   // the operation is not allowed in the record's current state
    consent_required = -12, // the customer has not given the consent this needs (snowball/privacy.hpp)
    forbidden = -13,       // the archive's actor may not do this (a consultant, another's customer)
};

// The stable lower-case name of a status ("invalid_argument", ...).
const char* status_name(Status status) noexcept;

class Error : public std::runtime_error {
public:
    Error(Status status, const std::string& message, std::string field = {},
          std::int64_t record_id = 0);

    Status status() const noexcept { return status_; }
    // The input field (or CSV column, JSON key, ...) the error is about; empty when none.
    const std::string& field() const noexcept { return field_; }
    // The id of the existing record a conflict is about; 0 when none.
    std::int64_t record_id() const noexcept { return record_id_; }

private:
    Status status_;
    std::string field_;
    std::int64_t record_id_;
};

// Shorthand for the most common error: bad input in a named field.
[[noreturn]] void throw_invalid(const std::string& field, const std::string& message);

} // namespace snowball
