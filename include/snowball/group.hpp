// The group view: every site's archive flowing into one PostgreSQL database of the group.
//
// At a site (Group, from Archive::group()): once switched on, every write transaction's changes
// are recorded, by SQLite's session extension, into an outbox table of the archive in the same
// transaction. The host carries the outbox to the group as a bundle of bytes (outbox()) by any
// transport it has — HTTP, a message queue, a file share; the library does no networking — and
// prunes it once the group has acknowledged it (acknowledge()). A new site, or one whose outbox was
// lost, is loaded with a snapshot of the whole archive (snapshot()). Erasing a customer rewrites
// the entries still waiting so that none holds what the archive no longer does (docs/GROUP.md).
//
// At the group (GroupView): bundles from any number of sites are applied to PostgreSQL 15, one
// PostgreSQL transaction each, together with the site's high-water mark: exactly once, resumable
// after a crash, idempotent on replay. Every row's global identity is its site plus its key at the
// site, so no two sites ever write the same row. reconcile() compares a site's row counts and
// checksums with the group's, table by table.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

// Where capture stands at a site.
struct GroupStatus {
    bool enabled = false;
    std::string site;                 // the site code the group knows this archive by ("" before enable)
    std::string enabled_at;           // UTC, ISO 8601, when capture was last switched on
    std::int64_t last_seq = 0;        // the last outbox entry recorded (0: none yet)
    std::int64_t acknowledged = 0;    // entries up to this one were pruned after the group had them
    std::int64_t pending = 0;         // entries in the outbox
    std::int64_t pending_bytes = 0;   // their size (SQLite patchsets)
    int schema_version = 0;           // the archive's schema version
};

// One table's fingerprint: its row count and an order-independent checksum of its rows, computed
// the same way at the site and in the group view (the values as the group stores them).
struct GroupTableSum {
    std::string table;
    std::vector<std::string> columns; // the columns summed, in order (the site's columns)
    std::int64_t rows = 0;
    std::uint64_t checksum = 0;
};

// A site's fingerprint at one moment: every captured table, and the outbox entry it includes.
struct GroupChecksums {
    std::string site;
    std::int64_t high_water = 0;      // the archive as of outbox entry high_water
    std::vector<GroupTableSum> tables;
};

// Change capture at a site. Everything here is for the host system only (forbidden otherwise).
class Group {
public:
    Group(detail::Store& store);
    ~Group();
    Group(const Group&) = delete;
    Group& operator=(const Group&) = delete;

    GroupStatus status() const;

    // Switches capture on, the archive known to the group as `site` (letters, digits, '-' and '_',
    // at most 32). Changing the site code of an archive whose outbox holds entries is a conflict:
    // acknowledge them first. Capture starts with the next write transaction of every handle.
    GroupStatus enable(const std::string& site);
    // Switches capture off; the outbox stays until acknowledged.
    GroupStatus disable();

    // The outbox entries after `after` (at most max_entries), as one bundle for the group view.
    // An empty bundle (no entries) when there is nothing new. Capture must have been enabled.
    std::string outbox(std::int64_t after = 0, std::int64_t max_entries = 10000) const;
    // Removes the outbox entries up to `up_to` (the high-water mark the group view reported).
    // Returns how many were removed; `up_to` beyond the last entry is invalid.
    std::int64_t acknowledge(std::int64_t up_to);

    // The whole archive as one bundle (every captured table's rows), with the outbox entry it
    // includes: the group view replaces the site's rows with it, and applies later entries on top.
    std::string snapshot() const;

    // The site's fingerprint, for GroupView::reconcile.
    GroupChecksums checksums() const;

private:
    detail::Store& store_;
    struct Capture;
    std::unique_ptr<Capture> capture_;
};

// What applying one bundle did.
struct GroupIngestReport {
    std::string site;
    std::string kind;                 // "changes" or "snapshot"
    std::int64_t entries_applied = 0; // outbox entries applied now
    std::int64_t entries_skipped = 0; // entries the group had already (a replay)
    std::int64_t rows_written = 0;    // rows inserted or replaced
    std::int64_t rows_updated = 0;    // rows changed in place
    std::int64_t rows_deleted = 0;
    std::int64_t high_water = 0;      // the site's high-water mark after this bundle: acknowledge up to it
    int schema_version = 0;
};

// One table's comparison.
struct GroupTableDrift {
    std::string table;
    std::int64_t site_rows = 0;
    std::int64_t group_rows = 0;
    bool same = true;                 // same count and checksum
};

struct GroupReconcileReport {
    std::string site;
    bool caught_up = true;            // the group has applied every entry the fingerprint includes
    std::int64_t site_high_water = 0;
    std::int64_t group_high_water = 0;
    bool same = true;                 // caught up, and every table the same
    std::vector<GroupTableDrift> tables;
};

// The group's PostgreSQL database. Opens one connection (a libpq connection string, e.g.
// "host=127.0.0.1 port=5432 dbname=group user=snowball"); installs its schemas on first use.
class GroupView {
public:
    static GroupView connect(const std::string& conninfo);
    GroupView(GroupView&&) noexcept;
    GroupView& operator=(GroupView&&) noexcept;
    ~GroupView();

    // Applies one bundle (outbox or snapshot), in one PostgreSQL transaction with the site's
    // high-water mark: entries the group already has are skipped. Changes for a site the group has
    // no snapshot of are refused (invalid_state): load its snapshot first.
    GroupIngestReport ingest(std::string_view bundle);
    // The same for a bundle in a file.
    GroupIngestReport ingest_file(const std::string& path);

    // The site's high-water mark; nothing when the group does not know the site.
    std::optional<std::int64_t> high_water(const std::string& site);

    // Compares a site's fingerprint (Group::checksums) with the site's rows in the group.
    GroupReconcileReport reconcile(const GroupChecksums& site);

    // The sites the group knows.
    std::vector<std::string> sites();

private:
    struct Impl;
    explicit GroupView(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace snowball
