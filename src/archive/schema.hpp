// The archive's schema as a list of migrations. Version N's SQL turns a version N-1 archive into a
// version N archive; PRAGMA user_version records where a file stands. Migrations are only ever
// appended: a released one never changes.
#pragma once

#include <cstdint>
#include <vector>

namespace snowball::detail {

// "Snow": PRAGMA application_id of every Snowball archive.
inline constexpr std::int32_t application_id = 0x536E6F77;

struct Migration {
    int version;
    const char* sql;
};

const std::vector<Migration>& migrations();

// The migrations kept beside their modules.
extern const char* const feedback_schema;    // version 4: src/service/schema.cpp
extern const char* const referrals_schema;   // version 5: src/referrals/schema.cpp
extern const char* const surveys_anonymous_schema;   // version 8: src/service/schema.cpp
extern const char* const privacy_schema;     // version 9: src/privacy/schema.cpp
extern const char* const consent_schema;     // version 10: src/privacy/schema.cpp
extern const char* const sealing_schema;     // version 11: src/archive/sealing.cpp
extern const char* const contacts_schema;    // version 12: src/contacts/schema.cpp
extern const char* const outreach_schema;    // version 13: src/outreach/schema.cpp
extern const char* const deals_schema;       // version 14: src/customers/schema.cpp
extern const char* const referrals_followup_schema;   // version 18: src/referrals/schema.cpp
extern const char* const attribution_schema; // version 15: src/attribution/schema.cpp
extern const char* const care_gifts_schema;  // version 17: src/care/schema.cpp
extern const char* const merge_schema;       // version 16: src/merge/schema.cpp
extern const char* const group_schema;       // version 19: src/group/schema.cpp
int latest_schema_version();

} // namespace snowball::detail
