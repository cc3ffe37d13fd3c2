// The group view on PostgreSQL: bundles from the sites applied, each in one transaction with the
// site's high-water mark.
//
// Layout: schema snowball_sites holds one table per captured archive table, with the archive's
// columns after origin_site (the site code), primary key (origin_site, the archive's key),
// partitioned by list of origin_site: one partition per site, named "<table>$<site>". Schema
// snowball_group holds the bookkeeping (site_state: each site's high-water mark) and the group's
// own tables and views. No foreign keys: a row never waits for another site's.
#include "snowball/group.hpp"

#include "group/analytics.hpp"
#include "group/bundle.hpp"
#include "group/patchset.hpp"
#include "group/pg.hpp"
#include "common/file.hpp"
#include "snowball/error.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <set>

namespace snowball {

namespace g = detail::group;
namespace pg = detail::pg;
using pg::ident;
using pg::literal;
using pg::Param;

namespace {

constexpr const char* ddl_lock = "SELECT pg_advisory_xact_lock(5377001)";   // 'S' 'w' 1: the group's DDL

const char* install_sql = R"sql(
CREATE SCHEMA IF NOT EXISTS snowball_group;
CREATE SCHEMA IF NOT EXISTS snowball_sites;
CREATE TABLE IF NOT EXISTS snowball_group.site_state (
    site            text PRIMARY KEY,
    high_water      bigint NOT NULL DEFAULT 0,
    schema_version  integer,
    snapshot_at     timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    entries_applied bigint NOT NULL DEFAULT 0
);
)sql";

std::string partition_name(const std::string& table, const std::string& site) {
    const std::string name = table + "$" + site;
    if (name.size() <= 63) return name;
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : name) h = (h ^ c) * 1099511628211ULL;
    return table.substr(0, 40) + "$" + std::to_string(h);
}

std::string sites_table(const std::string& table) { return "snowball_sites." + ident(table); }

// COPY's text format for one value.
void copy_value(std::string& out, const g::Value& v) {
    if (v.kind == g::Value::Kind::null) {
        out += "\\N";
        return;
    }
    for (char c : g::pg_text(v)) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
        }
    }
}

Param param(const g::Value& v) {
    if (v.kind == g::Value::Kind::null) return Param{true, {}};
    return Param{false, g::pg_text(v)};
}

// One table's part of a changeset, gathered before it is applied.
struct Batch {
    const g::Table* table = nullptr;
    std::vector<g::PgType> types;
    std::string copy;                        // full rows, COPY text form (origin_site first)
    std::int64_t copied = 0;
    std::vector<std::vector<g::Value>> deletes;                              // key values
    std::vector<std::pair<std::vector<g::Value>, std::vector<std::pair<int, g::Value>>>> updates;  // key, changed
};

// Consecutive outbox entries as few changesets as they combine into (SQLite's changegroup: a row
// inserted and then changed becomes one insert of its last values, inserted and deleted nothing).
// A table whose columns differ between entries (a migration between them) starts a new changeset,
// and so does an entry of the other form: sites write patchsets (keys and new values only), earlier
// builds wrote changesets (an erasure rewrites those still waiting as patchsets), and a changegroup
// holds one form.
std::vector<std::string> combined(const std::vector<const g::Entry*>& entries) {
    std::vector<std::string> out;
    if (entries.size() == 1) {
        out.push_back(entries.front()->changeset);
        return out;
    }
    sqlite3_changegroup* group = nullptr;
    auto output = [&] {
        int size = 0;
        void* bytes = nullptr;
        const int rc = sqlite3changegroup_output(group, &size, &bytes);
        sqlite3changegroup_delete(group);
        group = nullptr;
        if (rc != SQLITE_OK) throw Error(Status::invalid_argument, "bundle: its entries do not combine", "bundle");
        out.emplace_back(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
        sqlite3_free(bytes);
    };
    struct Delete {
        sqlite3_changegroup** g;
        ~Delete() {
            if (*g != nullptr) sqlite3changegroup_delete(*g);
        }
    } del{&group};
    char form = 0;   // 'T': changeset, 'P': patchset (the first byte of either)
    for (const auto* e : entries) {
        if (e->changeset.empty()) continue;   // every change of the entry was erased
        if (group != nullptr && e->changeset.front() != form) output();
        form = e->changeset.front();
        for (int attempt = 0;; ++attempt) {
            if (group == nullptr && sqlite3changegroup_new(&group) != SQLITE_OK)
                throw Error(Status::no_memory, "group view: cannot combine changesets");
            const int rc = sqlite3changegroup_add(group, static_cast<int>(e->changeset.size()),
                                                  const_cast<char*>(e->changeset.data()));
            if (rc == SQLITE_OK) break;
            if (rc != SQLITE_SCHEMA || attempt > 0)
                throw Error(Status::invalid_argument, "bundle: entry " + std::to_string(e->seq) + " is not a changeset",
                            "bundle");
            output();   // the entries before this one, in the columns they had
        }
    }
    if (group != nullptr) output();
    return out;
}

} // namespace

struct GroupView::Impl {
    explicit Impl(const std::string& conninfo) : c(conninfo) {}
    std::mutex mutex;   // one caller at a time on the connection
    pg::Connection c;
    // What this connection knows exists: tables with their columns, and partitions. Forgotten
    // whenever a transaction that made them may have rolled back.
    std::map<std::string, std::set<std::string>> columns;
    std::set<std::string> partitions;

    void install() {
        c.exec("BEGIN");
        try {
            c.exec(ddl_lock);
            c.exec(install_sql);
            install_analytics(tables_present());
            c.exec("COMMIT");
        } catch (...) {
            rollback();
            throw;
        }
    }

    // After a failure: the transaction rolled back, keeping the failure's own error.
    void rollback() noexcept {
        try {
            c.wait();   // a statement still running: its error is the one already thrown, or moot
        } catch (...) {
        }
        try {
            if (c.in_transaction()) c.exec("ROLLBACK");
        } catch (...) {
        }
    }

    std::set<std::string> tables_present() {
        std::set<std::string> present;
        auto r = c.exec("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = 'snowball_sites' AND c.relkind = 'p'");
        for (int i = 0; i < r.rows(); ++i) present.insert(r.text(i, 0));
        return present;
    }

    // The analytics' aggregates, triggers, indexes and views whose tables are there (inside the DDL
    // transaction).
    void install_analytics(const std::set<std::string>& present) { g::install_analytics(c, present); }

    // Every table and column of the bundle, and the site's partitions, in their own transaction
    // before the data's (all of it idempotent: a crash between the two leaves empty tables).
    void ensure_tables(const g::Bundle& b) {
        bool all_known = true;
        for (const auto& t : b.tables) {
            auto it = columns.find(t.name);
            if (it == columns.end() || !partitions.count(partition_name(t.name, b.site))) {
                all_known = false;
                break;
            }
            for (const auto& col : t.columns)
                if (!it->second.count(col.name)) all_known = false;
        }
        if (all_known) return;
        c.exec("BEGIN");
        try {
            c.exec(ddl_lock);
            std::map<std::string, std::set<std::string>> existing;
            auto r = c.exec("SELECT table_name, column_name FROM information_schema.columns "
                            "WHERE table_schema = 'snowball_sites'");
            for (int i = 0; i < r.rows(); ++i) existing[r.text(i, 0)].insert(r.text(i, 1));
            std::set<std::string> parts;
            auto p = c.exec("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = 'snowball_sites' AND c.relispartition");
            for (int i = 0; i < p.rows(); ++i) parts.insert(p.text(i, 0));
            for (const auto& t : b.tables) {
                auto& have = existing[t.name];
                if (have.empty()) {
                    std::string cols = "origin_site text NOT NULL", keys = "origin_site";
                    std::vector<std::pair<int, std::string>> pk;
                    for (const auto& col : t.columns) {
                        cols += ", " + ident(col.name) + " " + g::pg_type_name(g::pg_type(col.declared));
                        if (col.pk > 0) pk.emplace_back(col.pk, col.name);
                    }
                    std::sort(pk.begin(), pk.end());
                    for (const auto& k : pk) keys += ", " + ident(k.second);
                    c.exec("CREATE TABLE " + sites_table(t.name) + " (" + cols + ", PRIMARY KEY (" + keys +
                           ")) PARTITION BY LIST (origin_site)");
                    have.insert("origin_site");
                    for (const auto& col : t.columns) have.insert(col.name);
                } else {
                    for (const auto& col : t.columns)
                        if (!have.count(col.name)) {
                            // A newer schema at this site: the column is added; older sites' rows leave it NULL.
                            c.exec("ALTER TABLE " + sites_table(t.name) + " ADD COLUMN " + ident(col.name) + " " +
                                   g::pg_type_name(g::pg_type(col.declared)));
                            have.insert(col.name);
                        }
                }
                const std::string part = partition_name(t.name, b.site);
                if (!parts.count(part)) {
                    c.exec("CREATE TABLE snowball_sites." + ident(part) + " PARTITION OF " + sites_table(t.name) +
                           " FOR VALUES IN (" + literal(b.site) + ")");
                    parts.insert(part);
                }
            }
            std::set<std::string> present;
            for (const auto& [name, cols] : existing)
                if (!cols.empty()) present.insert(name);
            install_analytics(present);
            c.exec("COMMIT");
            columns = std::move(existing);
            partitions = std::move(parts);
        } catch (...) {
            columns.clear();
            partitions.clear();
            rollback();
            throw;
        }
    }

    // The customers whose erasure records this ingest applied: their phone rows are deleted by
    // their owner (the site leaves those deletes out: their keys are phones; bundle.hpp).
    std::vector<std::int64_t> erased;

    template <class Value>
    void note_erasure(const std::vector<g::Column>& cols, int n, Value& value) {
        int action = -1, subject = -1;
        for (int i = 0; i < n; ++i) {
            if (cols[static_cast<std::size_t>(i)].name == g::erasure_action_column) action = i;
            if (cols[static_cast<std::size_t>(i)].name == g::erasure_subject) subject = i;
        }
        if (action < 0 || subject < 0) return;
        const g::Value a = value(true, action).second, who = value(true, subject).second;
        if (a.kind == g::Value::Kind::text && a.t == g::erasure_action && who.kind == g::Value::Kind::integer)
            erased.push_back(who.i);
    }

    void forget_erased(const std::string& site) {
        if (erased.empty()) return;
        std::string ids = "{";
        for (std::size_t i = 0; i < erased.size(); ++i) ids += (i ? "," : "") + std::to_string(erased[i]);
        ids += "}";
        for (const auto& k : g::person_keyed_tables())
            if (columns.count(k.table))
                c.exec("DELETE FROM " + sites_table(k.table) + " WHERE origin_site = $1 AND " + ident(k.owner_column) +
                           " = ANY($2::bigint[])",
                       {Param{false, site}, Param{false, ids}});
        erased.clear();
    }

    // Applies one changeset of the site's. `direct`: no row of the site is there yet (a snapshot
    // after its rows were removed): inserts go straight into the site's partition.
    void apply(const std::string& changeset, const g::Bundle& b, bool direct, GroupIngestReport& report) {
        std::map<std::string, const g::Table*> tables;
        for (const auto& t : b.tables) tables[t.name] = &t;
        // A changeset holds each table's changes together: a table's batch goes to the server as
        // soon as the next table's changes start, and the server writes it (flush() does not wait
        // for the INSERT) while the next batch is read here.
        Batch batch;
        g::ChangeReader changes(changeset, Status::invalid_argument, "bundle: an entry", "bundle");
        while (changes.next()) {
            const char* name = changes.table;
            const int n = changes.columns, op = changes.op;
            auto t = tables.find(name);
            if (t == tables.end() || n > static_cast<int>(t->second->columns.size()))
                throw Error(Status::invalid_argument,
                            std::string("bundle: a change to table ") + name + " that its header does not describe", "bundle");
            if (batch.table != t->second) {
                if (batch.table != nullptr) flush(batch, b.site, direct, report);
                batch = Batch{};
                batch.table = t->second;
                for (const auto& col : t->second->columns) batch.types.push_back(g::pg_type(col.declared));
            }
            const auto& cols = batch.table->columns;
            auto value = [&](bool newer, int i) -> std::pair<bool, g::Value> {
                sqlite3_value* v = newer ? changes.new_value(i) : changes.old_value(i);
                if (v == nullptr) return {false, {}};
                return {true, g::to_group(batch.types[static_cast<std::size_t>(i)], v, batch.table->name,
                                          cols[static_cast<std::size_t>(i)].name)};
            };
            if (op == SQLITE_INSERT && batch.table->name == g::erasure_log) note_erasure(cols, n, value);
            if (op == SQLITE_INSERT) {
                batch.copy += b.site;
                for (int i = 0; i < static_cast<int>(cols.size()); ++i) {
                    batch.copy += '\t';
                    // Columns the change predates (an older schema) stay NULL.
                    copy_value(batch.copy, i < n ? value(true, i).second : g::Value{});
                }
                batch.copy += '\n';
                ++batch.copied;
            } else {
                std::vector<g::Value> key;
                for (int i = 0; i < n; ++i)
                    if (cols[static_cast<std::size_t>(i)].pk > 0) key.push_back(value(false, i).second);
                if (op == SQLITE_DELETE) {
                    batch.deletes.push_back(std::move(key));
                } else {
                    std::vector<std::pair<int, g::Value>> changed;
                    for (int i = 0; i < n; ++i) {
                        auto [present, v] = value(true, i);
                        if (present) changed.emplace_back(i, std::move(v));
                    }
                    if (!changed.empty()) batch.updates.emplace_back(std::move(key), std::move(changed));
                }
            }
        }
        if (batch.table != nullptr) flush(batch, b.site, direct, report);
    }

    void flush(Batch& batch, const std::string& site, bool direct, GroupIngestReport& report) {
        const auto& t = *batch.table;
        std::vector<std::string> keys;   // in column order, as apply() gathers the key values
        for (const auto& col : t.columns)
            if (col.pk > 0) keys.push_back(col.name);
        auto key_match = [&](int first_param) {
            std::string w = "origin_site = $1";
            for (std::size_t i = 0; i < keys.size(); ++i)
                w += " AND " + ident(keys[i]) + " = $" + std::to_string(first_param + static_cast<int>(i));
            return w;
        };
        for (auto& key : batch.deletes) {
            std::vector<Param> params{Param{false, site}};
            for (auto& v : key) params.push_back(param(v));
            auto r = c.run_prepared("DELETE FROM " + sites_table(t.name) + " WHERE " + key_match(2), params);
            report.rows_deleted += 1;
        }
        if (batch.copied > 0) {
            std::string cols = "origin_site";
            for (const auto& col : t.columns) cols += ", " + ident(col.name);
            if (direct) {
                c.copy_in("COPY snowball_sites." + ident(partition_name(t.name, site)) + " (" + cols + ") FROM STDIN",
                          batch.copy);
            } else {
                c.exec("DROP TABLE IF EXISTS pg_temp.snowball_stage");
                c.exec("CREATE TEMP TABLE snowball_stage (LIKE " + sites_table(t.name) + ") ON COMMIT DROP");
                c.copy_in("COPY snowball_stage (" + cols + ") FROM STDIN", batch.copy);
                // The site inserted these rows: the group holds none of them, but for a hand edit in
                // the group or rows a snapshot brought that the site wrote again. Only then the
                // upsert (ON CONFLICT's speculative insertion costs ~75% more per row); the site's
                // row in site_state, locked, keeps other ingesters from its partition meanwhile.
                std::string match = "t.origin_site = $1", conflict = "origin_site";
                for (const auto& k : keys) {
                    match += " AND t." + ident(k) + " = s." + ident(k);
                    conflict += ", " + ident(k);
                }
                std::string insert = "INSERT INTO " + sites_table(t.name) + " (" + cols + ") SELECT " + cols + " FROM snowball_stage";
                if (c.exec("SELECT EXISTS (SELECT 1 FROM snowball_stage s JOIN " + sites_table(t.name) + " t ON " + match + ")",
                           {Param{false, site}})
                        .text(0, 0) == "t") {
                    std::string set;
                    for (const auto& col : t.columns)
                        if (col.pk == 0) set += (set.empty() ? "" : ", ") + ident(col.name) + " = EXCLUDED." + ident(col.name);
                    insert += " ON CONFLICT (" + conflict + ") DO " + (set.empty() ? "NOTHING" : "UPDATE SET " + set);
                }
                // Not waited for (the next statement waits); the stage goes at the next batch or COMMIT.
                c.send(insert);
            }
            report.rows_written += batch.copied;
        }
        for (auto& [key, changed] : batch.updates) {
            std::vector<Param> params{Param{false, site}};
            for (auto& v : key) params.push_back(param(v));
            std::string set;
            int next = static_cast<int>(params.size()) + 1;
            for (auto& [i, v] : changed) {
                set += (set.empty() ? "" : ", ") + ident(t.columns[static_cast<std::size_t>(i)].name) + " = $" +
                       std::to_string(next++);
                params.push_back(param(v));
            }
            c.run_prepared("UPDATE " + sites_table(t.name) + " SET " + set + " WHERE " + key_match(2), params);
            report.rows_updated += 1;
        }
    }

    // Removes every row of the site (before its snapshot).
    void clear_site(const std::string& site) {
        auto r = c.exec("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = 'snowball_sites' AND c.relkind = 'p'");
        std::string list;
        std::set<std::string> parts;
        auto p = c.exec("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = 'snowball_sites' AND c.relispartition");
        for (int i = 0; i < p.rows(); ++i) parts.insert(p.text(i, 0));
        for (int i = 0; i < r.rows(); ++i) {
            const std::string part = partition_name(r.text(i, 0), site);
            if (parts.count(part)) list += (list.empty() ? "" : ", ") + ("snowball_sites." + ident(part));
        }
        if (!list.empty()) c.exec("TRUNCATE " + list);
    }

    GroupIngestReport ingest(std::string_view bytes) {
        const g::Bundle b = g::decode(bytes);
        ensure_tables(b);
        GroupIngestReport report;
        report.site = b.site;
        report.kind = b.kind;
        report.schema_version = b.schema_version;
        erased.clear();
        c.exec("BEGIN");
        try {
            c.exec(g::analytics_defer_sql);   // the analytics' per-phone work once, at the end
            c.exec("INSERT INTO snowball_group.site_state (site) VALUES ($1) ON CONFLICT DO NOTHING", {Param{false, b.site}});
            auto state = c.exec("SELECT high_water, snapshot_at IS NOT NULL FROM snowball_group.site_state "
                                "WHERE site = $1 FOR UPDATE",
                                {Param{false, b.site}});
            std::int64_t hw = state.integer(0, 0);
            const bool has_snapshot = state.text(0, 1) == "t";
            if (b.kind == "snapshot") {
                c.exec(g::analytics_before_snapshot_sql, {Param{false, b.site}});
                clear_site(b.site);
                for (const auto& e : b.entries) apply(e.changeset, b, true, report);
                report.entries_applied = static_cast<std::int64_t>(b.entries.size());
                hw = b.high_water;
                // The partitions were truncated and filled without the tables' triggers: the site's
                // share of the analytics' aggregates from its rows, in this transaction.
                c.exec(g::analytics_settle_sql, {Param{false, b.site}, Param{false, "true"}});
                c.exec("UPDATE snowball_group.site_state SET high_water = $2, schema_version = $3, snapshot_at = now(), "
                       "updated_at = now() WHERE site = $1",
                       {Param{false, b.site}, Param{false, std::to_string(hw)}, Param{false, std::to_string(b.schema_version)}});
            } else {
                if (!has_snapshot)
                    throw Error(Status::invalid_state, "group view: site " + b.site +
                                                           " has no snapshot in the group yet: load its snapshot first");
                std::vector<const g::Entry*> run;
                auto flush_run = [&] {
                    if (run.empty()) return;
                    for (const auto& changeset : combined(run)) apply(changeset, b, false, report);
                    report.entries_applied += static_cast<std::int64_t>(run.size());
                    run.clear();
                };
                for (const auto& e : b.entries) {
                    if (e.seq <= hw) {
                        ++report.entries_skipped;
                        continue;
                    }
                    const std::int64_t expected = run.empty() ? hw + 1 : run.back()->seq + 1;
                    if (e.seq != expected)
                        throw Error(Status::invalid_state,
                                    "group view: site " + b.site + ": entries " + std::to_string(expected) + " to " +
                                        std::to_string(e.seq - 1) +
                                        " are missing (the group has " + std::to_string(hw) +
                                        "): send them, or the site's snapshot");
                    run.push_back(&e);
                }
                if (!run.empty()) hw = run.back()->seq;
                flush_run();
                forget_erased(b.site);
                // The aggregates of the phones these changes touched, with the rows and the mark.
                c.exec(g::analytics_settle_sql, {Param{false, b.site}, Param{false, "false"}});
                c.exec("UPDATE snowball_group.site_state SET high_water = $2, schema_version = greatest(schema_version, $3), "
                       "entries_applied = entries_applied + $4, updated_at = now() WHERE site = $1",
                       {Param{false, b.site}, Param{false, std::to_string(hw)}, Param{false, std::to_string(b.schema_version)},
                        Param{false, std::to_string(report.entries_applied)}});
            }
            c.exec("COMMIT");
            report.high_water = hw;
            return report;
        } catch (...) {
            rollback();
            throw;
        }
    }
};

GroupView::GroupView(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GroupView::GroupView(GroupView&&) noexcept = default;
GroupView& GroupView::operator=(GroupView&&) noexcept = default;
GroupView::~GroupView() = default;

GroupView GroupView::connect(const std::string& conninfo) {
    auto impl = std::make_unique<Impl>(conninfo);
    impl->install();
    return GroupView(std::move(impl));
}

GroupIngestReport GroupView::ingest(std::string_view bundle) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->ingest(bundle);
}

GroupIngestReport GroupView::ingest_file(const std::string& path) {
    const std::string bytes = file::read_all(path);
    return ingest(bytes);
}

std::optional<std::int64_t> GroupView::high_water(const std::string& site) {
    g::check_site(site, "site");
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto r = impl_->c.exec("SELECT high_water FROM snowball_group.site_state WHERE site = $1", {Param{false, site}});
    if (r.rows() == 0) return std::nullopt;
    return r.integer(0, 0);
}

std::vector<std::string> GroupView::sites() {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto r = impl_->c.exec("SELECT site FROM snowball_group.site_state ORDER BY site");
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
}

namespace {

std::uint64_t big_endian(const char* p) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

// A value from a binary result, as the site's checksum reads it.
g::Value binary_value(const pg::Result& r, int row, int column) {
    g::Value v;
    if (r.null(row, column)) return v;
    const char* p = r.raw(row, column);
    switch (r.type(column)) {
    case 20:   // int8
        v.kind = g::Value::Kind::integer;
        v.i = static_cast<std::int64_t>(big_endian(p));
        break;
    case 701: {   // float8
        v.kind = g::Value::Kind::real;
        const std::uint64_t bits = big_endian(p);
        std::memcpy(&v.r, &bits, 8);
        break;
    }
    default:
        v.kind = g::Value::Kind::text;
        v.t.assign(p, static_cast<std::size_t>(r.length(row, column)));
    }
    return v;
}

} // namespace

GroupReconcileReport GroupView::reconcile(const GroupChecksums& site) {
    g::check_site(site.site, "site");
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto& c = impl_->c;
    GroupReconcileReport report;
    report.site = site.site;
    report.site_high_water = site.high_water;
    c.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
        auto hw = c.exec("SELECT high_water FROM snowball_group.site_state WHERE site = $1", {Param{false, site.site}});
        report.group_high_water = hw.rows() ? hw.integer(0, 0) : -1;
        report.caught_up = report.group_high_water == site.high_water;
        std::map<std::string, std::set<std::string>> existing;
        auto cols = c.exec("SELECT table_name, column_name FROM information_schema.columns "
                           "WHERE table_schema = 'snowball_sites'");
        for (int i = 0; i < cols.rows(); ++i) existing[cols.text(i, 0)].insert(cols.text(i, 1));
        for (const auto& t : site.tables) {
            GroupTableDrift d;
            d.table = t.table;
            d.site_rows = t.rows;
            std::uint64_t sum = 0;
            bool readable = existing.count(t.table) > 0;
            for (const auto& col : t.columns)
                if (readable && !existing[t.table].count(col)) readable = false;
            if (readable) {
                std::string list;
                for (const auto& col : t.columns) list += (list.empty() ? "" : ", ") + ident(col);
                c.exec("DECLARE snowball_rows NO SCROLL CURSOR FOR SELECT " + list + " FROM " + sites_table(t.table) +
                       " WHERE origin_site = " + literal(site.site));
                for (;;) {
                    auto r = c.exec("FETCH 10000 FROM snowball_rows", {}, true);
                    if (r.rows() == 0) break;
                    for (int row = 0; row < r.rows(); ++row) {
                        g::RowHash h;
                        for (int col = 0; col < r.columns(); ++col) h.add(binary_value(r, row, col));
                        sum += h.done();
                        ++d.group_rows;
                    }
                }
                c.exec("CLOSE snowball_rows");
            }
            d.same = readable ? d.group_rows == t.rows && sum == t.checksum : t.rows == 0;
            if (!d.same) report.same = false;
            report.tables.push_back(std::move(d));
        }
        c.exec("COMMIT");
    } catch (...) {
        impl_->rollback();
        throw;
    }
    if (!report.caught_up) report.same = false;
    return report;
}

} // namespace snowball
