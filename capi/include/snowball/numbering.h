/* Snowball C API: archive numbers and phone numbers, without an archive. */
#ifndef SNOWBALL_NUMBERING_H
#define SNOWBALL_NUMBERING_H

#include "snowball/common.h"

SNOWBALL_BEGIN_DECL

/* The format a site's numbers take unless it chooses another: "{site}-{yyyy}{channel}-{seq:5}{check}".
 * Never NULL; owned by the library. */
SNOWBALL_EXTERN(const char *) snowball_archive_no_default_format(void);

/* SNOWBALL_OK when `text` is a well-formed archive number with the right check character;
 * SNOWBALL_EINVALID (and a message saying why) otherwise. */
SNOWBALL_EXTERN(int) snowball_archive_no_validate(const char *text);

/* Splits a number by a site's format (NULL: the default format).
 * Out: {"text", "site", "channel": key|null, "year": int|null, "sequence", "check"}. */
SNOWBALL_EXTERN(int) snowball_archive_no_parse(char **out_json, const char *text, const char *format);

/* Renders the number a format gives (a preview for whoever sets a site's format).
 * channel: "call"|"visit"|"lead". */
SNOWBALL_EXTERN(int) snowball_archive_no_render(char **out, const char *format, const char *site,
                                                const char *channel, int year, int64_t sequence);

/* Out: {"number", "mainland_mobile", "international"}. */
SNOWBALL_EXTERN(int) snowball_phone_normalize(char **out_json, const char *phone);

SNOWBALL_END_DECL

#endif
