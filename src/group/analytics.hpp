// The group's analytics: SQL views over every site's rows in the group view (snowball_group.*),
// installed as soon as the tables they read exist. docs/GROUP.md lists them.
//
// The views that would otherwise group every row of the group on each query read aggregates
// instead, kept in the same transaction as the rows they summarise: customers per site, project,
// channel and stage (customer_counts), each phone's sites (persons) and the people on file at
// several sites (people_several). Statement-level triggers with transition tables on
// snowball_sites.customers and customer_phones keep them; the ingester defers the per-phone part to
// the end of its data transaction (one pass over the phones it touched) and, around a snapshot
// (TRUNCATE and COPY straight into the site's partitions, which fire no trigger of the parent),
// recomputes the site's share. Nothing is merged or kept past an erasure: the aggregates move with
// the rows, in the transaction that moves the site's high-water mark.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace snowball::detail::pg {
class Connection;
}

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

// Inside the group's DDL transaction: the aggregate tables and their functions (always), the
// triggers once snowball_sites.customers and customer_phones both exist (filling the aggregates
// from the rows already there when the triggers are new), then the indexes and views whose tables
// are `present`.
void install_analytics(pg::Connection& c, const std::set<std::string>& present);

// In the ingester's data transaction: right after BEGIN (the per-phone work waits for the end);
// before a snapshot removes the site's rows ($1 the site: its phones are noted); and just before the
// high-water mark moves, with $1 the site and $2 whether the bundle was a snapshot (then the site's
// counts are recomputed from its rows).
extern const char* const analytics_defer_sql;
extern const char* const analytics_before_snapshot_sql;
extern const char* const analytics_settle_sql;

} // namespace snowball::detail::group
