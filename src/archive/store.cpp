#include "archive/store.hpp"

#include "archive/schema.hpp"
#include "common/text.hpp"
#include "snowball/version.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

namespace snowball::detail {

void rethrow_as_error(const std::string& archive_path) {
    try {
        throw;
    } catch (const Error&) {
        throw;
    } catch (const SQLite::Exception& e) {
        const std::string what = "archive " + archive_path + ": " + e.what();
        switch (e.getErrorCode() & 0xFF) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw Error(Status::busy, what + " (another process held the write lock beyond the busy timeout)");
        case SQLITE_NOTADB:
            throw Error(Status::not_archive, archive_path + " is not a Snowball archive (not an SQLite database)",
                        "path");
        case SQLITE_NOMEM:
            throw Error(Status::no_memory, what);
        case SQLITE_CONSTRAINT:
            throw Error(Status::conflict, what);
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_CORRUPT:
            throw Error(Status::storage, what);
        default:
            throw Error(Status::error, what);
        }
    } catch (const std::bad_alloc&) {
        throw Error(Status::no_memory, "out of memory");
    } catch (const std::exception& e) {
        throw Error(Status::error, std::string("internal error: ") + e.what());
    } catch (...) {
        throw Error(Status::error, "internal error: unknown exception");
    }
}

namespace {

using Clock = WriteQueue::Clock;

// SQLite's automatic checkpoint size (frames in the log), which Store::end_write() keeps.
constexpr int checkpoint_frames = 1000;

// A busy handler that looks at SQLite's lock every millisecond (every 10 ms after the first
// second) until a deadline (a Clock::time_point). SQLite's own sleeps grow to 100 ms steps, in
// which a holder can come and go unseen; a writer waits here only when a connection outside the
// write queue holds the lock (another program, a checkpoint of another tool).
int poll_until(void* deadline, int count) {
    if (Clock::now() >= *static_cast<const Clock::time_point*>(deadline)) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(count < 1000 ? 1 : 10));
    return 1;
}

// SQLite's WAL hook: how many frames the log holds after a commit of this connection.
int note_log_size(void* frames, sqlite3*, const char*, int log_frames) {
    *static_cast<int*>(frames) = log_frames;
    return SQLITE_OK;
}

int open_flags(const OpenOptions& options) {
    if (options.read_only) return SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX;
    return SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX | (options.create ? SQLite::OPEN_CREATE : 0);
}

std::string checked_path(const std::string& path, const OpenOptions& options) {
    if (path.empty()) throw_invalid("path", "is empty");
    if (path.find('\0') != std::string::npos) throw_invalid("path", "contains a NUL character");
    if ((!options.create || options.read_only) && !std::filesystem::exists(path))
        throw Error(Status::not_found, "no archive at " + path, "path");
    if (options.busy_timeout_ms < 0) throw_invalid("busy_timeout_ms", "must not be negative");
    if (options.cache_mib < 1 || options.cache_mib > 65536) throw_invalid("cache_mib", "must be between 1 and 65536 (MiB)");
    return path;
}

SQLite::Database open_database(const std::string& path, const OpenOptions& options) {
    try {
        return SQLite::Database(checked_path(path, options), open_flags(options), options.busy_timeout_ms);
    } catch (...) {
        rethrow_as_error(path);
    }
}

} // namespace

Store::Store(const std::string& path, const OpenOptions& options)
    : path_(path), options_(options), db_(open_database(path, options)), read_only_(options.read_only) {
    // While other processes create or recover the same file, SQLite answers some of these steps
    // (switching to WAL, reading the schema during recovery) with SQLITE_BUSY at once, without
    // its busy handler: wait and try again for as long as the busy timeout allows.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busy_timeout_ms);
    for (int attempt = 0;; ++attempt) {
        try {
            configure(options);
            if (!read_only_) migrate();
            if (!options.actor.empty()) {
                ReadTransaction tx(*this);
                actor_ = resolve_actor(*this, options.actor);
            }
            return;
        } catch (const SQLite::Exception& e) {
            const int code = e.getErrorCode() & 0xFF;
            if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || std::chrono::steady_clock::now() >= deadline)
                rethrow_as_error(path_);
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(5 * (attempt + 1), 50)));
        } catch (...) {
            rethrow_as_error(path_);
        }
    }
}

void Store::configure(const OpenOptions& options) {
    // One statement, one snapshot: another process may be creating the archive meanwhile.
    SQLite::Statement identity(db_, "SELECT (SELECT application_id FROM pragma_application_id), "
                                    "(SELECT user_version FROM pragma_user_version), "
                                    "(SELECT count(*) FROM sqlite_master)");
    identity.executeStep();
    const int app_id = identity.getColumn(0).getInt();
    const int version = identity.getColumn(1).getInt();
    const bool empty = identity.getColumn(2).getInt() == 0;
    identity.reset();
    if (app_id != application_id) {
        if (app_id != 0 || version != 0 || !empty || read_only_)
            throw Error(Status::not_archive, path_ + " is an SQLite database but not a Snowball archive", "path");
    }
    if (version > latest_schema_version())
        throw Error(Status::version,
                    path_ + " has schema version " + std::to_string(version) + ", written by a newer Snowball; this library (" +
                        SNOWBALL_VERSION + ") reads versions up to " + std::to_string(latest_schema_version()),
                    "path");
    if (!read_only_) {
        db_.exec("PRAGMA journal_mode = WAL");
        // Instead of SQLite's automatic checkpoint inside COMMIT: end_write() runs the same one
        // after this handle's turn in the write queue has gone to the next writer.
        sqlite3_wal_hook(db_.getHandle(), note_log_size, &wal_frames_);
    }
    db_.exec("PRAGMA foreign_keys = ON");
    // Deleted content is overwritten with zeros, in the file and in the pages the log keeps: a
    // person's erased data leaves no bytes behind (privacy/erasure.hpp).
    db_.exec("PRAGMA secure_delete = ON");
    db_.exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    db_.exec("PRAGMA cache_size = -" + std::to_string(options.cache_mib * 1024));
}

void Store::migrate() {
    if (db_.execAndGet("PRAGMA user_version").getInt() == latest_schema_version()) return;
    // A migration may rebuild a table that others refer to: foreign keys are off while it runs
    // (the pragma has no effect inside a transaction) and checked before it commits.
    db_.exec("PRAGMA foreign_keys = OFF");
    struct KeysBackOn {
        SQLite::Database& db;
        ~KeysBackOn() { db.tryExec("PRAGMA foreign_keys = ON"); }
    } keys_back_on{db_};
    Transaction tx(*this);
    // Another process may have migrated while this one waited for the write lock.
    const int from = db_.execAndGet("PRAGMA user_version").getInt();
    for (const Migration& m : migrations()) {
        if (m.version <= from) continue;
        db_.exec(m.sql);
        db_.exec("PRAGMA user_version = " + std::to_string(m.version));
    }
    if (from == 0) {
        db_.exec("PRAGMA application_id = " + std::to_string(application_id));
        SQLite::Statement meta(db_, "INSERT INTO archive_meta(key, value) VALUES (?, ?)");
        for (const auto& [key, value] : {std::pair<std::string, std::string>{"created_at", text::now_utc()},
                                         {"created_by", std::string("snowball ") + SNOWBALL_VERSION}}) {
            meta.bind(1, key);
            meta.bind(2, value);
            meta.exec();
            meta.reset();
        }
    }
    SQLite::Statement violations(db_, "PRAGMA foreign_key_check");
    if (violations.executeStep())
        throw Error(Status::storage, path_ + ": migrating to schema " + std::to_string(latest_schema_version()) +
                                         " would break a reference of table " + violations.getColumn(0).getString(),
                    "path");
    violations.reset();
    tx.commit();
}

void Store::require_host(const std::string& what, const std::string& because) const {
    if (acts_as_host()) return;
    throw Error(Status::forbidden, "actor: " + actor_.text() + " may not " + what + ": " + because, "actor");
}

SQLite::Statement& Store::cached(const char* sql) {
    auto& slot = statements_[sql];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db_, sql);
    return *slot;
}

// Transaction control runs on every operation: prepared once, like every other statement.
void Store::run(const char* sql) {
    Query q(*this, sql);
    q->exec();
}

void Store::try_run(const char* sql) noexcept {
    try {
        run(sql);
    } catch (...) {
        db_.tryExec(sql);   // e.g. out of memory while preparing: the plain way
    }
}

WriteQueue* Store::queue() {
    if (!queue_opened_) {
        queue_opened_ = true;
        // The file SQLite opened (absolute, links resolved); "" for an in-memory archive.
        const char* file = sqlite3_db_filename(db_.getHandle(), "main");
        if (!read_only_ && file != nullptr && *file != '\0') queue_ = std::make_unique<WriteQueue>(file);
    }
    return queue_ && queue_->on() ? queue_.get() : nullptr;
}

void Store::begin_write(Clock::time_point deadline) {
    WriteQueue* const q = queue();
    if (q != nullptr && !q->take(deadline))
        throw Error(Status::busy, "archive " + path_ + ": other writers held the write lock beyond the busy timeout (" +
                                      std::to_string(options_.busy_timeout_ms) + " ms)");
    sqlite3* const handle = db_.getHandle();
    sqlite3_busy_handler(handle, poll_until, &deadline);
    try {
        run("BEGIN IMMEDIATE");
    } catch (...) {
        sqlite3_busy_timeout(handle, options_.busy_timeout_ms);
        if (q != nullptr) q->give_back();
        throw;
    }
    sqlite3_busy_timeout(handle, options_.busy_timeout_ms);
}

void Store::end_write() noexcept {
    if (queue_) queue_->give_back();
    if (wal_frames_ >= checkpoint_frames) {
        wal_frames_ = 0;
        // PASSIVE: copies what no reader still needs, waits for no one, never holds writers out.
        sqlite3_wal_checkpoint_v2(db_.getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
}

Store::Transaction::Transaction(Store& store) : store_(store) {
    store_.begin_write(Clock::now() + std::chrono::milliseconds(store_.options_.busy_timeout_ms));
    store_.depth_ = 1;
    store_.writing_ = true;
    if (store_.observer_ != nullptr) {
        try {
            store_.observer_->began();
        } catch (...) {
            store_.depth_ = 0;
            store_.writing_ = false;
            store_.observer_->ended();
            store_.try_run("ROLLBACK");
            store_.end_write();
            throw;
        }
    }
}

Store::Transaction::~Transaction() {
    store_.depth_ = 0;
    store_.writing_ = false;
    if (store_.observer_ != nullptr) store_.observer_->ended();
    if (!done_) store_.try_run("ROLLBACK");
    store_.end_write();
}

void Store::Transaction::commit() {
    if (store_.observer_ != nullptr) store_.observer_->before_commit();
    store_.run("COMMIT");
    done_ = true;
}

Store::ReadTransaction::ReadTransaction(Store& store) : store_(store) {
    store_.run("BEGIN");
    store_.depth_ = 1;
}

Store::ReadTransaction::~ReadTransaction() {
    store_.depth_ = 0;
    store_.try_run("COMMIT");
}

Store::Savepoint::Savepoint(Store& store) : store_(store) {
    if (!store_.writing_)
        throw Error(Status::error, "internal error: a write was started inside a read of the same handle");
    store_.run("SAVEPOINT nested");
    ++store_.depth_;
}

Store::Savepoint::~Savepoint() {
    --store_.depth_;
    if (done_) return;
    store_.try_run("ROLLBACK TO nested");
    store_.try_run("RELEASE nested");
}

void Store::Savepoint::release() {
    store_.run("RELEASE nested");
    done_ = true;
}

bool Store::checkpoint() {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    if (depth_ > 0) throw Error(Status::error, "internal error: a checkpoint inside an operation");
    try {
        sqlite3* const handle = db_.getHandle();
        const auto deadline = Clock::now() + std::chrono::milliseconds(options_.busy_timeout_ms);
        for (int attempt = 0;; ++attempt) {
            // Another connection's checkpoint under way answers at once: not a hot loop.
            if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            // Its turn in the write queue, as a write: no writer of the archive then waits on
            // SQLite's lock behind it. It holds the turn for one short attempt: a TRUNCATE keeps the
            // write lock while it waits for the readers of older snapshots to leave the log, and
            // the writers queued behind must not wait that long; they go on between attempts.
            WriteQueue* const q = queue();
            if (q != nullptr && !q->take(deadline)) return false;
            struct GiveBack {
                WriteQueue* q;
                ~GiveBack() {
                    if (q != nullptr) q->give_back();
                }
            } turn{q};
            Clock::time_point attempt_end = std::min(deadline, Clock::now() + std::chrono::milliseconds(100));
            sqlite3_busy_handler(handle, poll_until, &attempt_end);
            int log = -1, copied = -1;
            const int rc = sqlite3_wal_checkpoint_v2(handle, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log, &copied);
            sqlite3_busy_timeout(handle, options_.busy_timeout_ms);
            // An empty log (or none: an in-memory archive) when it worked.
            if (rc == SQLITE_OK && log <= 0) return true;
            if (rc != SQLITE_OK && (rc & 0xFF) != SQLITE_BUSY && (rc & 0xFF) != SQLITE_LOCKED)
                throw SQLite::Exception(handle, rc);
            if (Clock::now() >= deadline) return false;
        }
    } catch (...) {
        rethrow_as_error(path_);
    }
}

} // namespace snowball::detail
