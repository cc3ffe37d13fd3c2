/* Snowball: the customer-care library for real-estate sales offices. The C API's umbrella header.
 * See docs/C_API.md for the contract. */
#ifndef SNOWBALL_H
#define SNOWBALL_H

#include "snowball/version.h"
#include "snowball/common.h"
#include "snowball/archive.h"
#include "snowball/attribution.h"
#include "snowball/calendar.h"
#include "snowball/contacts.h"
#include "snowball/customers.h"
#include "snowball/deals.h"
#include "snowball/events.h"
#include "snowball/feedback.h"
#include "snowball/formats.h"
#include "snowball/group.h"
#include "snowball/leads.h"
#include "snowball/maintenance.h"
#include "snowball/merge.h"
#include "snowball/numbering.h"
#include "snowball/outreach.h"
#include "snowball/privacy.h"
#include "snowball/profiles.h"
#include "snowball/referrals.h"

#endif
