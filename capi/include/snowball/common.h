/* Snowball C API: the conventions every function follows.
 *
 * - Every function that can fail returns int: SNOWBALL_OK (0) or a negative snowball_status.
 * - Results come back through out-parameters, which come first.
 * - After a failure, snowball_error_last() describes it: status, message, the input field it
 *   concerns and, for conflicts, the id of the existing record (for SNOWBALL_ESTATE, the record
 *   whose state forbids the call). The record is thread-local, never
 *   NULL, and cleared at the start of every call.
 * - Records cross the boundary as UTF-8 JSON documents (docs/C_API.md lists their keys).
 * - Strings the library returns through `char **out` belong to the caller, who frees them with
 *   snowball_string_free() and nothing else.
 * - No C++ exception ever leaves the library, and the library never aborts the process.
 */
#ifndef SNOWBALL_COMMON_H
#define SNOWBALL_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "snowball/version.h"

#ifdef __cplusplus
#define SNOWBALL_BEGIN_DECL extern "C" {
#define SNOWBALL_END_DECL }
#else
#define SNOWBALL_BEGIN_DECL
#define SNOWBALL_END_DECL
#endif

#if defined(_WIN32)
#if defined(SNOWBALL_BUILDING_C_API)
#define SNOWBALL_EXTERN(type) __declspec(dllexport) type
#else
#define SNOWBALL_EXTERN(type) __declspec(dllimport) type
#endif
#elif defined(__GNUC__)
#define SNOWBALL_EXTERN(type) __attribute__((visibility("default"))) type
#else
#define SNOWBALL_EXTERN(type) type
#endif

SNOWBALL_BEGIN_DECL

/* Status codes. Stable: new codes are only ever added. */
typedef enum snowball_status {
    SNOWBALL_OK = 0,
    SNOWBALL_ERROR = -1,       /* internal error */
    SNOWBALL_EINVALID = -2,    /* bad input: malformed, out of range, unknown key, NULL */
    SNOWBALL_ENOTFOUND = -3,   /* no such record or file */
    SNOWBALL_ECONFLICT = -4,   /* clashes with an existing record (e.g. a phone already on file) */
    SNOWBALL_EBUSY = -5,       /* another process held the archive's write lock too long */
    SNOWBALL_ENOTARCHIVE = -6, /* the file is not a Snowball archive */
    SNOWBALL_EVERSION = -7,    /* the archive was written by a newer Snowball */
    SNOWBALL_ESTORAGE = -8,    /* disk full, I/O error, read-only file */
    SNOWBALL_ENOMEM = -9,      /* out of memory */
    SNOWBALL_ECANCELLED = -10, /* the caller cancelled (e.g. from a progress callback) */
    SNOWBALL_ESTATE = -11,     /* not allowed in the record's current state */
    SNOWBALL_ECONSENT = -12,   /* the customer has not given the consent this needs */
    SNOWBALL_EFORBIDDEN = -13  /* the archive's actor may not do this */
} snowball_status;

/* The last error of the calling thread. */
typedef struct snowball_error {
    int status;          /* a snowball_status; SNOWBALL_OK when the last call succeeded */
    const char *message; /* UTF-8, never NULL ("" after a success) */
    const char *field;   /* the input field at fault, "" when none */
    int64_t record_id;   /* the existing record a conflict (or a state error) is about, 0 when none */
} snowball_error;

/* Never NULL. Valid until the calling thread's next Snowball call. */
SNOWBALL_EXTERN(const snowball_error *) snowball_error_last(void);

/* "ok", "invalid_argument", "not_found", ...; "unknown" for other values. Never NULL. */
SNOWBALL_EXTERN(const char *) snowball_status_name(int status);

/* Frees a string the library returned. NULL is allowed. */
SNOWBALL_EXTERN(void) snowball_string_free(char *str);

/* The version of the loaded library: "0.1.0" and SNOWBALL_VERSION_NUMBER's value. Compare them
 * with the compile-time macros to detect a mismatched shared library. */
SNOWBALL_EXTERN(const char *) snowball_version(void);
SNOWBALL_EXTERN(int) snowball_version_number(void);

SNOWBALL_END_DECL

#endif
