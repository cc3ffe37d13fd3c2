// What the outreach and events share inside a transaction: audiences resolved, settings read, the
// module's event subscriptions.
#pragma once

#include "archive/store.hpp"
#include "snowball/outreach.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace snowball {
class Contacts;
class Referrals;
}

namespace snowball::detail {

// The distinct customers on file of the audience, ascending. Each part is checked (a site, a
// consultant, a grade of the site, an event, a customer that exist), failing as invalid_argument or
// not_found naming `field` ("audience[1].site"). A consultant's handle may address only their own
// customers; a manager their site's.
std::vector<std::int64_t> resolve_audience(Store& store, Referrals& referrals, Contacts& contacts,
                                           const std::vector<Recipients>& audience, const std::string& field = "audience");

OutreachSettings load_outreach_settings(Store& store, std::int64_t site_id, const std::string& site_code);

// A channel messages are sent on (sms, wechat, letter, email); invalid_argument naming `field` otherwise.
void require_delivery_channel(ContactChannel channel, const std::string& field = "channel");

// The erasure step of the module (src/outreach/erasure.cpp): an erased customer's deliveries and
// invitations go; a guest they brought keeps their record but no longer names them.
void subscribe_outreach_events(Store& store);

} // namespace snowball::detail
