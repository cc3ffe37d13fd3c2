/* Snowball C API: complaints, suggestions and praise; satisfaction surveys. */
#ifndef SNOWBALL_FEEDBACK_H
#define SNOWBALL_FEEDBACK_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

SNOWBALL_END_DECL

#endif
