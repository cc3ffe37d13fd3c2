// The group's analytics: SQL views over every site's rows in the group view (snowball_group.*),
// installed as soon as the tables they read exist, and kept current by PostgreSQL (plain views: an
// erasure at a site leaves nothing behind in a derived table). docs/GROUP.md lists them.
#pragma once

#include <vector>

namespace snowball::detail::group {

struct AnalyticsView {
    const char* name;                    // in schema snowball_group
    std::vector<const char*> tables;     // the snowball_sites tables it reads
    const char* sql;                     // CREATE OR REPLACE VIEW ...
};

const std::vector<AnalyticsView>& analytics_views();

// Indexes the views need on the sites' tables: {table, CREATE INDEX IF NOT EXISTS ...}.
struct AnalyticsIndex {
    const char* table;
    const char* sql;
};
const std::vector<AnalyticsIndex>& analytics_indexes();

} // namespace snowball::detail::group
