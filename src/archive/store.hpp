// The storage core every service shares: one SQLite connection, its prepared statements, the
// handle's mutex, the event hub, and the rule that every public operation is one transaction.
#pragma once

#include "archive/events.hpp"
#include "archive/write_queue.hpp"
#include "snowball/archive.hpp"
#include "snowball/error.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <unordered_map>

namespace snowball::detail {

// Turns any exception from the storage layer into a snowball::Error; rethrows Error as is.
[[noreturn]] void rethrow_as_error(const std::string& archive_path);

class Store;

// Follows every write transaction of a handle (the group module's change capture, src/group):
// began() right after BEGIN IMMEDIATE, before_commit() just before COMMIT — what it writes is part
// of the transaction, and when it throws the transaction rolls back — and ended() after COMMIT or
// ROLLBACK. Nested writes (savepoints) are part of the outer transaction and not seen separately.
class WriteObserver {
public:
    virtual ~WriteObserver() = default;
    virtual void began() = 0;
    virtual void before_commit() = 0;
    virtual void ended() noexcept = 0;
};

// The actor named by `text`, checked against the archive (src/archive/actor.cpp).
Actor resolve_actor(Store& store, const std::string& text);

class Store {
public:
    Store(const std::string& path, const OpenOptions& options);
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const { return path_; }
    const OpenOptions& options() const { return options_; }
    // The actor every operation of this handle is done as (snowball/archive.hpp).
    const Actor& actor() const { return actor_; }
    bool acts_as_host() const { return actor_.kind == ActorKind::host; }
    // Status::forbidden (field "actor") unless this handle acts as the host system: "actor: <who>
    // may not <what>: <because>".
    void require_host(const std::string& what, const std::string& because) const;
    // Whether an operation of this handle is under way (only its lock holder asks).
    bool in_operation() const { return depth_ > 0; }
    SQLite::Database& db() { return db_; }

    // A prepared statement for a constant SQL text, prepared once per connection. Use it through
    // Query, which resets it afterwards.
    SQLite::Statement& cached(const char* sql);

    // The hub through which modules react to each other's changes (archive/events.hpp).
    Events& events() { return events_; }

    // Runs `body` as one write transaction (BEGIN IMMEDIATE ... COMMIT): all of it or, when it
    // throws, none of it. Serialised with every other operation on this handle, and with the
    // writes of every other handle of the archive through its write queue (archive/write_queue.hpp):
    // first come, first served.
    //
    // Called from inside another operation of this handle (a module using a lower module's public
    // service, an event handler), the body joins the operation under way: a write within a write is
    // a savepoint of it (all of the inner body or none of it, the outer one decides the commit),
    // a read within either reads the same snapshot. A write within a read is a bug: Status::error.
    template <class F>
    auto write(F&& body) -> decltype(body()) {
        if constexpr (std::is_void_v<decltype(body())>) {
            write_if([&] {
                body();
                return std::pair<bool, bool>{true, true};
            });
        } else {
            return write_if([&] { return std::pair<decltype(body()), bool>{body(), true}; });
        }
    }

    // As write(), for a body that decides at its end whether its work stands: it returns
    // {result, commit}; with commit false everything it wrote is rolled back (a rehearsal).
    template <class F>
    auto write_if(F&& body) -> decltype(body().first) {
        std::lock_guard<std::recursive_mutex> lock(mutex_);
        try {
            if (read_only_)
                throw Error(Status::storage, "the archive " + path_ + " is open read-only");
            if (depth_ > 0) {
                Savepoint sp(*this);
                auto outcome = body();
                if (outcome.second) sp.release();
                return std::move(outcome.first);
            }
            Transaction tx(*this);
            auto outcome = body();
            if (outcome.second) tx.commit();
            return std::move(outcome.first);
        } catch (...) {
            rethrow_as_error(path_);
        }
    }

    // Runs `body` as one read: a single snapshot of the archive (BEGIN ... COMMIT) when
    // `snapshot`, else the single statement it runs is its own snapshot.
    template <class F>
    auto read(F&& body, bool snapshot = true) -> decltype(body()) {
        std::lock_guard<std::recursive_mutex> lock(mutex_);
        try {
            if (!snapshot || depth_ > 0) return body();
            ReadTransaction tx(*this);
            return body();
        } catch (...) {
            rethrow_as_error(path_);
        }
    }

    // The one observer of this handle's write transactions (nullptr: none). Set while the archive
    // opens, by the module that follows the writes; it outlives the store's transactions.
    void observe_writes(WriteObserver* observer) { observer_ = observer; }

    // Copies every page of the write-ahead log into the database file and empties the log
    // (PRAGMA wal_checkpoint(TRUNCATE)), so that no earlier version of a page stays in the -wal
    // file. Outside any operation of this handle. It takes its turn in the write queue like a
    // write, and holds it for a short attempt at a time (writers go on between attempts), for
    // as long as the busy timeout; false when other connections' readers kept the log from being
    // emptied all that time.
    bool checkpoint();

private:
    class Transaction {
    public:
        explicit Transaction(Store& store);
        ~Transaction();
        void commit();

    private:
        Store& store_;
        bool done_ = false;
    };
    // This handle's turn in the archive's write queue, then SQLite's write lock (BEGIN IMMEDIATE),
    // both waited for until `deadline`: Status::busy when it comes first.
    void begin_write(WriteQueue::Clock::time_point deadline);
    // After COMMIT or ROLLBACK: the turn to the next writer, then the log copied into the file
    // when it has grown (what SQLite's automatic checkpoint did inside COMMIT, now outside the
    // turn so that the next writer does not wait for it).
    void end_write() noexcept;
    WriteQueue* queue();
    class ReadTransaction {
    public:
        explicit ReadTransaction(Store& store);
        ~ReadTransaction();

    private:
        Store& store_;
    };
    // A write nested in a write: SAVEPOINT ... RELEASE, or ROLLBACK TO when the body throws.
    class Savepoint {
    public:
        explicit Savepoint(Store& store);
        ~Savepoint();
        void release();

    private:
        Store& store_;
        bool done_ = false;
    };

    void run(const char* sql);
    void try_run(const char* sql) noexcept;
    void configure(const OpenOptions& options);
    void migrate();

    std::string path_;
    OpenOptions options_;
    Actor actor_;
    SQLite::Database db_;
    bool read_only_;
    // Recursive: an operation may call another service of the same handle (see write()).
    std::recursive_mutex mutex_;
    int depth_ = 0;          // operations under way on this handle (only its lock holder reads it)
    bool writing_ = false;   // the outermost one is a write
    std::unique_ptr<WriteQueue> queue_;   // opened at the first write (read-only handles need none)
    bool queue_opened_ = false;
    int wal_frames_ = 0;     // frames in the log after this handle's last commit (SQLite's WAL hook)
    Events events_;
    WriteObserver* observer_ = nullptr;
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
};

// A cached statement in use: bind, step, read; reset and unbound when it goes out of scope.
class Query {
public:
    Query(Store& store, const char* sql) : stmt_(store.cached(sql)) {}
    ~Query() {
        stmt_.tryReset();
        try {
            stmt_.clearBindings(); // sqlite3_clear_bindings cannot fail; SQLiteCpp still declares a throw
        } catch (...) {
        }
    }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    SQLite::Statement* operator->() { return &stmt_; }
    SQLite::Statement& operator*() { return stmt_; }

private:
    SQLite::Statement& stmt_;
};

// Binding helpers for optional values.
template <class T>
void bind_optional(SQLite::Statement& s, int index, const std::optional<T>& value) {
    if (value) s.bind(index, *value);
    else s.bind(index);
}

} // namespace snowball::detail
