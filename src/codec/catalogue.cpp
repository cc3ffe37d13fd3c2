#include "codec/catalogue.hpp"

#include <algorithm>
#include <cstring>

namespace snowball::codec {

std::vector<RecordType> catalogue() {
    std::vector<RecordType> all;
    for (auto part : {catalogue_types, catalogue_archive, catalogue_customers, catalogue_label, catalogue_calendar,
                      catalogue_care, catalogue_feedback, catalogue_referrals, catalogue_profiles, catalogue_briefing, catalogue_privacy, catalogue_contacts,
                      catalogue_outreach, catalogue_events, catalogue_attribution, catalogue_merge, catalogue_formats,
                      catalogue_maintenance, catalogue_group})
        part(all);
    std::sort(all.begin(), all.end(), [](const RecordType& a, const RecordType& b) { return std::strcmp(a.name, b.name) < 0; });
    return all;
}

} // namespace snowball::codec
