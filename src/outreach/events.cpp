// Site tours and owner events (the events work replaces this file).
#include "snowball/events.hpp"

namespace snowball {

SiteEvents::SiteEvents(detail::Store& store, Customers& customers, Consultants& consultants, Referrals& referrals, Surveys& surveys,
                       Outreach& outreach)
    : store_(store), customers_(customers), consultants_(consultants), referrals_(referrals), surveys_(surveys), outreach_(outreach) {}

} // namespace snowball
