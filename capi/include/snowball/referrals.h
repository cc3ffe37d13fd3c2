/* Snowball C API: the referral graph. */
#ifndef SNOWBALL_REFERRALS_H
#define SNOWBALL_REFERRALS_H

#include "snowball/archive.h"

SNOWBALL_BEGIN_DECL

SNOWBALL_END_DECL

#endif
