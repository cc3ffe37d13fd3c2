// Snowball: the customer-care library for real-estate sales offices. The umbrella header of the
// C++ API; each module also has its own header.
#pragma once

#include "snowball/archive.hpp"
#include "snowball/briefing.hpp"
#include "snowball/care.hpp"
#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/error.hpp"
#include "snowball/feedback.hpp"
#include "snowball/festivals.hpp"
#include "snowball/lead_import.hpp"
#include "snowball/numbering.hpp"
#include "snowball/lunar.hpp"
#include "snowball/phone.hpp"
#include "snowball/privacy.hpp"
#include "snowball/profiles.hpp"
#include "snowball/referrals.hpp"
#include "snowball/rights.hpp"
#include "snowball/types.hpp"
#include "snowball/workdays.hpp"
#include "snowball/version.h"
