// Change capture at a site: SQLite's session extension follows each write transaction of the
// handle, and its patchset (the rows' keys and new values, never their old ones: group/patchset.hpp)
// goes into group_outbox just before COMMIT, in the same transaction. An erasure rewrites the
// entries still waiting for the group, in the erasing transaction (group/outbox.hpp).
// (Built with SQLITE_ENABLE_SESSION and SQLITE_ENABLE_PREUPDATE_HOOK, src/CMakeLists.txt: the
// session API of sqlite3.h is declared only then; Debian's SQLite has it compiled in.)
#include "snowball/group.hpp"

#include "archive/events.hpp"
#include "archive/schema.hpp"
#include "archive/store.hpp"
#include "common/text.hpp"
#include "group/bundle.hpp"
#include "group/outbox.hpp"

#include <sqlite3.h>

namespace snowball {

using detail::Query;
namespace g = detail::group;

namespace {

const std::string host_only = "the group view holds every record of the archive; only the host system may";

int filter(void*, const char* table) { return g::captured(table) ? 1 : 0; }

int schema_version(detail::Store& store) { return store.db().execAndGet("PRAGMA user_version").getInt(); }

// The last outbox entry ever recorded (AUTOINCREMENT keeps it after pruning).
std::int64_t last_seq(detail::Store& store) {
    Query q(store, "SELECT seq FROM sqlite_sequence WHERE name = 'group_outbox'");
    return q->executeStep() ? q->getColumn(0).getInt64() : 0;
}

} // namespace

struct Group::Capture final : detail::WriteObserver {
    explicit Capture(detail::Store& s) : store(s) {}
    ~Capture() override { ended(); }

    void began() override {
        erased = {};
        Query q(store, "SELECT 1 FROM group_settings WHERE id = 1 AND enabled = 1");
        if (!q->executeStep()) return;
        sqlite3* db = store.db().getHandle();
        int rc = sqlite3session_create(db, "main", &session);
        if (rc == SQLITE_OK) {
            sqlite3session_table_filter(session, filter, nullptr);
            rc = sqlite3session_attach(session, nullptr);
        }
        if (rc != SQLITE_OK) {
            ended();
            throw Error(Status::storage, "group: cannot start capturing this write: " + std::string(sqlite3_errstr(rc)));
        }
    }

    void before_commit() override {
        // After every module's erasure step: the waiting entries, and this write's own (its
        // deletes of the person's phone rows). Also when capture is off: entries written before
        // it was switched off still wait for the group.
        std::string entry;
        if (session != nullptr) {
            int size = 0;
            void* bytes = nullptr;
            const int rc = sqlite3session_patchset(session, &size, &bytes);
            if (bytes != nullptr) entry.assign(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
            sqlite3_free(bytes);
            if (rc != SQLITE_OK)
                throw Error(Status::storage, "group: cannot record this write for the group: " + std::string(sqlite3_errstr(rc)));
        }
        if (!erased.customers.empty()) entry = g::forget_in_outbox(store, erased, entry).own_entry;
        if (session == nullptr || entry.empty()) return;   // nothing the group receives changed
        Query q(store, "INSERT INTO group_outbox (schema_version, created_at, changeset) VALUES (?1, ?2, ?3)");
        q->bind(1, schema_version(store));
        q->bind(2, text::now_utc());
        q->bindNoCopy(3, entry.data(), static_cast<int>(entry.size()));
        q->exec();
    }

    void ended() noexcept override {
        if (session != nullptr) sqlite3session_delete(session);
        session = nullptr;
        erased = {};
    }

    detail::Store& store;
    sqlite3_session* session = nullptr;
    g::Erased erased;   // whom this transaction erases: the outbox's step runs before COMMIT
};

Group::Group(detail::Store& store) : store_(store), capture_(std::make_unique<Capture>(store)) {
    store_.observe_writes(capture_.get());
    // The outbox's erasure step runs once per transaction, after all the modules' steps (an
    // erasure's changes are only known then): this notes whom it erases.
    store_.events().subscribe<detail::CustomerErased>(
        "group", [capture = capture_.get()](detail::Store&, const detail::CustomerErased& e) {
            capture->erased.customers.insert(e.customer_id);
            capture->erased.phones.insert(e.phones.begin(), e.phones.end());
        });
}

Group::~Group() { store_.observe_writes(nullptr); }

GroupStatus Group::status() const {
    return store_.read([&] {
        GroupStatus s;
        s.schema_version = schema_version(store_);
        Query q(store_, "SELECT site, enabled, enabled_at, acknowledged FROM group_settings WHERE id = 1");
        if (q->executeStep()) {
            s.site = q->getColumn(0).getString();
            s.enabled = q->getColumn(1).getInt() == 1;
            s.enabled_at = q->getColumn(2).getString();
            s.acknowledged = q->getColumn(3).getInt64();
        }
        Query p(store_, "SELECT count(*), coalesce(sum(length(changeset)), 0) FROM group_outbox");
        p->executeStep();
        s.pending = p->getColumn(0).getInt64();
        s.pending_bytes = p->getColumn(1).getInt64();
        s.last_seq = last_seq(store_);
        return s;
    });
}

GroupStatus Group::enable(const std::string& site) {
    store_.require_host("switch on the group capture", host_only);
    g::check_site(site, "site");
    store_.write([&] {
        Query q(store_, "SELECT site FROM group_settings WHERE id = 1");
        if (q->executeStep() && q->getColumn(0).getString() != site) {
            Query pending(store_, "SELECT count(*) FROM group_outbox");
            pending->executeStep();
            if (pending->getColumn(0).getInt64() > 0)
                throw Error(Status::conflict, "site: the archive is known to the group as " + q->getColumn(0).getString() +
                                                  " and its outbox still holds entries: acknowledge them before renaming it",
                            "site");
        }
        Query up(store_, R"(INSERT INTO group_settings (id, site, enabled, enabled_at) VALUES (1, ?1, 1, ?2)
                            ON CONFLICT (id) DO UPDATE SET site = excluded.site, enabled = 1,
                                enabled_at = CASE WHEN enabled = 1 THEN enabled_at ELSE excluded.enabled_at END)");
        up->bind(1, site);
        up->bind(2, text::now_utc());
        up->exec();
    });
    return status();
}

GroupStatus Group::disable() {
    store_.require_host("switch off the group capture", host_only);
    store_.write([&] {
        Query q(store_, "UPDATE group_settings SET enabled = 0 WHERE id = 1");
        q->exec();
    });
    return status();
}

namespace {

// The bundle's header part, read in the caller's snapshot.
g::Bundle header(detail::Store& store, const char* kind) {
    Query q(store, "SELECT site FROM group_settings WHERE id = 1");
    if (!q->executeStep())
        throw Error(Status::invalid_state, "group: capture was never switched on for this archive (Group::enable)");
    g::Bundle b;
    b.site = q->getColumn(0).getString();
    b.kind = kind;
    b.schema_version = schema_version(store);
    b.created_at = text::now_utc();
    b.tables = g::captured_tables(store.db().getHandle());
    return b;
}

} // namespace

std::string Group::outbox(std::int64_t after, std::int64_t max_entries) const {
    store_.require_host("read the group outbox", host_only);
    if (after < 0) throw_invalid("after", "must not be negative");
    if (max_entries < 1) throw_invalid("max_entries", "must be at least 1");
    return store_.read([&] {
        g::Bundle b = header(store_, "changes");
        Query q(store_, "SELECT seq, schema_version, changeset FROM group_outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2");
        q->bind(1, after);
        q->bind(2, max_entries);
        while (q->executeStep()) {
            const auto blob = q->getColumn(2);
            b.entries.push_back(g::Entry{q->getColumn(0).getInt64(), q->getColumn(1).getInt(),
                                         std::string(static_cast<const char*>(blob.getBlob()),
                                                     static_cast<std::size_t>(blob.getBytes()))});
        }
        b.high_water = b.entries.empty() ? after : b.entries.back().seq;
        return g::encode(b);
    });
}

std::int64_t Group::acknowledge(std::int64_t up_to) {
    store_.require_host("prune the group outbox", host_only);
    return store_.write([&] {
        const std::int64_t last = last_seq(store_);
        if (up_to < 0 || up_to > last)
            throw_invalid("up_to", "the outbox's last entry is " + std::to_string(last) + ", not " + std::to_string(up_to));
        Query q(store_, "DELETE FROM group_outbox WHERE seq <= ?1");
        q->bind(1, up_to);
        const int removed = q->exec();
        Query s(store_, "UPDATE group_settings SET acknowledged = max(acknowledged, ?1) WHERE id = 1");
        s->bind(1, up_to);
        s->exec();
        return static_cast<std::int64_t>(removed);
    });
}

namespace {

// A second connection to the archive's file, with an empty copy of every captured table attached,
// for sqlite3session_diff: the changeset from empty tables to the archive's is every row inserted.
class SnapshotConnection {
public:
    explicit SnapshotConnection(const std::string& path) {
        if (path.empty() || path == ":memory:")
            throw Error(Status::invalid_state, "group: an archive in memory has no snapshot for the group");
        const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
        if (rc != SQLITE_OK) fail("cannot open the archive again for its snapshot");
        sqlite3_busy_timeout(db_, 10000);
        exec("ATTACH DATABASE ':memory:' AS group_empty");
    }
    ~SnapshotConnection() {
        if (session_ != nullptr) sqlite3session_delete(session_);
        sqlite3_close_v2(db_);
    }
    SnapshotConnection(const SnapshotConnection&) = delete;
    SnapshotConnection& operator=(const SnapshotConnection&) = delete;

    sqlite3* db() { return db_; }
    void exec(const std::string& sql) {
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail("snapshot");
    }
    [[noreturn]] void fail(const std::string& what) {
        throw Error(Status::storage, "group: " + what + ": " + sqlite3_errmsg(db_));
    }
    // Every row of `table` as one changeset of inserts.
    std::string rows(const g::Table& table) {
        if (session_ == nullptr && sqlite3session_create(db_, "main", &session_) != SQLITE_OK) fail("snapshot session");
        if (sqlite3session_attach(session_, table.name.c_str()) != SQLITE_OK ||
            sqlite3session_diff(session_, "group_empty", table.name.c_str(), nullptr) != SQLITE_OK)
            fail("the snapshot of table " + table.name);
        int size = 0;
        void* bytes = nullptr;
        if (sqlite3session_patchset(session_, &size, &bytes) != SQLITE_OK) fail("the snapshot of table " + table.name);
        std::string out(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
        sqlite3_free(bytes);
        sqlite3session_delete(session_);   // one table per changeset: each its own entry
        session_ = nullptr;
        return out;
    }

private:
    sqlite3* db_ = nullptr;
    sqlite3_session* session_ = nullptr;
};

} // namespace

std::string Group::snapshot() const {
    store_.require_host("take a snapshot for the group", host_only);
    g::Bundle b = store_.read([&] { return header(store_, "snapshot"); });
    SnapshotConnection c(store_.path());
    for (const auto& t : b.tables) {
        std::string columns, keys;
        for (const auto& col : t.columns) {
            columns += (columns.empty() ? "" : ", ") + g::quoted(col.name);
            if (col.pk > 0) keys += (keys.empty() ? "" : ", ") + g::quoted(col.name);
        }
        c.exec("CREATE TABLE group_empty." + g::quoted(t.name) + " (" + columns + ", PRIMARY KEY (" + keys + "))");
    }
    c.exec("BEGIN");   // one read snapshot: every table's rows and the outbox entry they include
    sqlite3_stmt* seq = nullptr;
    sqlite3_prepare_v2(c.db(), "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'group_outbox'), 0), "
                               "(SELECT count(*) FROM sqlite_master WHERE type = 'table')",
                       -1, &seq, nullptr);
    if (seq == nullptr || sqlite3_step(seq) != SQLITE_ROW) {
        sqlite3_finalize(seq);
        c.fail("reading the outbox's last entry");
    }
    b.high_water = sqlite3_column_int64(seq, 0);
    sqlite3_finalize(seq);
    for (const auto& t : b.tables) b.entries.push_back(g::Entry{0, b.schema_version, c.rows(t)});
    c.exec("COMMIT");
    return g::encode(b);
}

GroupChecksums Group::checksums() const {
    store_.require_host("fingerprint the archive for the group", host_only);
    return store_.read([&] {
        g::Bundle b = header(store_, "snapshot");
        GroupChecksums sums;
        sums.site = b.site;
        sums.high_water = last_seq(store_);
        sqlite3* db = store_.db().getHandle();
        for (const auto& t : b.tables) {
            GroupTableSum sum;
            sum.table = t.name;
            std::string columns;
            std::vector<g::PgType> types;
            for (const auto& col : t.columns) {
                columns += (columns.empty() ? "" : ", ") + g::quoted(col.name);
                sum.columns.push_back(col.name);
                types.push_back(g::pg_type(col.declared));
            }
            sqlite3_stmt* rows = nullptr;
            const std::string sql = "SELECT " + columns + " FROM " + g::quoted(t.name);
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &rows, nullptr) != SQLITE_OK)
                throw Error(Status::storage, "group: cannot read table " + t.name + ": " + sqlite3_errmsg(db));
            struct Finalize {
                sqlite3_stmt* s;
                ~Finalize() { sqlite3_finalize(s); }
            } finalize{rows};
            int rc;
            while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
                g::RowHash h;
                for (std::size_t i = 0; i < types.size(); ++i)
                    h.add(g::to_group(types[i], sqlite3_column_value(rows, static_cast<int>(i)), t.name, t.columns[i].name));
                sum.checksum += h.done();
                ++sum.rows;
            }
            if (rc != SQLITE_DONE) throw Error(Status::storage, "group: reading table " + t.name + ": " + sqlite3_errmsg(db));
            sums.tables.push_back(std::move(sum));
        }
        return sums;
    });
}

} // namespace snowball
