/* Snowball version: compile-time macros. The runtime version of the loaded library is
 * snowball_version() / snowball_version_number() (snowball/common.h). */
#ifndef SNOWBALL_VERSION_H
#define SNOWBALL_VERSION_H

#define SNOWBALL_VERSION_MAJOR 0
#define SNOWBALL_VERSION_MINOR 1
#define SNOWBALL_VERSION_PATCH 0
#define SNOWBALL_VERSION "0.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH */
#define SNOWBALL_VERSION_NUMBER \
    (SNOWBALL_VERSION_MAJOR * 10000 + SNOWBALL_VERSION_MINOR * 100 + SNOWBALL_VERSION_PATCH)

#endif
