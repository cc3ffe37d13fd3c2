// The catalogue of every record type the codec writes: its name, its keys, a sample. The layers'
// round-trip test (C++ → JSON → Python → JSON) and the documents' key lists are checked against it.
#pragma once

#include "codec/fields.hpp"

#include <vector>

namespace snowball::codec {

// Each codec source file's part (SNOWBALL_CODEC_MODULE).
void catalogue_types(std::vector<RecordType>& all);
void catalogue_archive(std::vector<RecordType>& all);
void catalogue_customers(std::vector<RecordType>& all);
void catalogue_label(std::vector<RecordType>& all);
void catalogue_calendar(std::vector<RecordType>& all);
void catalogue_care(std::vector<RecordType>& all);
void catalogue_feedback(std::vector<RecordType>& all);
void catalogue_referrals(std::vector<RecordType>& all);
void catalogue_profiles(std::vector<RecordType>& all);
void catalogue_briefing(std::vector<RecordType>& all);
void catalogue_privacy(std::vector<RecordType>& all);
void catalogue_contacts(std::vector<RecordType>& all);
void catalogue_outreach(std::vector<RecordType>& all);
void catalogue_events(std::vector<RecordType>& all);
void catalogue_attribution(std::vector<RecordType>& all);
void catalogue_merge(std::vector<RecordType>& all);
void catalogue_formats(std::vector<RecordType>& all);
void catalogue_maintenance(std::vector<RecordType>& all);
void catalogue_group(std::vector<RecordType>& all);

// Every record type, by name.
std::vector<RecordType> catalogue();

} // namespace snowball::codec
