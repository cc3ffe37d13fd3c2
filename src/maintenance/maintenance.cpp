// Checking the archive file and copying it while in use (snowball/maintenance.hpp).
#include "snowball/maintenance.hpp"

#include "archive/store.hpp"
#include "snowball/numbering.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

namespace snowball {

namespace {

void require_host(const detail::Store& store, const std::string& what) {
    store.require_host(what, "it reads every site's records and takes the host system");
}

// Adds a problem, or past max_problems counts it; done() adds the count as a closing line.
class Problems {
public:
    explicit Problems(MaintenanceCheck& check) : check_(check) {}
    MaintenanceCheck done() {
        if (dropped_ > 0)
            check_.problems.push_back("... and " + std::to_string(dropped_) + " more problem(s) of this kind");
        return std::move(check_);
    }
    void add(std::string problem) {
        check_.ok = false;
        if (check_.problems.size() < Maintenance::max_problems) check_.problems.push_back(std::move(problem));
        else ++dropped_;
    }

private:
    MaintenanceCheck& check_;
    std::int64_t dropped_ = 0;
};

MaintenanceCheck integrity(SQLite::Database& db) {
    MaintenanceCheck check{"integrity", true, 0, {}};
    check.examined = db.execAndGet("PRAGMA page_count").getInt64();
    SQLite::Statement s(db, "PRAGMA integrity_check");
    Problems problems(check);
    while (s.executeStep()) {
        const std::string row = s.getColumn(0).getString();
        if (row != "ok") problems.add(row);
    }
    return problems.done();
}

MaintenanceCheck foreign_keys(SQLite::Database& db) {
    MaintenanceCheck check{"foreign_keys", true, 0, {}};
    check.examined = db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").getInt64();
    SQLite::Statement s(db, "PRAGMA foreign_key_check");
    Problems problems(check);
    while (s.executeStep()) {
        const std::string table = s.getColumn(0).getString();
        const std::string row = s.getColumn(1).isNull() ? std::string("?") : s.getColumn(1).getString();
        problems.add("table " + table + ", row " + row + ": refers to a " + s.getColumn(2).getString() +
                     " row that does not exist");
    }
    return problems.done();
}

// A sequence's numbers are prefix + digits + suffix + check character (numbering::NumberFormat::scope
// renders "XH-2026C-{seq}"): read from the counter rows, so numbers issued under a site's earlier
// format are checked too.
struct Sequence {
    std::string scope;
    std::int64_t site_id = 0;
    std::int64_t last = 0;
    std::string prefix, suffix;
    std::map<std::int64_t, std::string> numbers;   // sequence → archive number
};

std::optional<std::int64_t> sequence_of(const Sequence& q, const std::string& number) {
    if (number.size() < q.prefix.size() + q.suffix.size() + 2 || number.compare(0, q.prefix.size(), q.prefix) != 0)
        return std::nullopt;
    const std::size_t digits_end = number.size() - 1 - q.suffix.size();
    if (number.compare(digits_end, q.suffix.size(), q.suffix) != 0 || digits_end <= q.prefix.size())
        return std::nullopt;
    std::int64_t value = 0;
    for (std::size_t i = q.prefix.size(); i < digits_end; ++i) {
        const char c = number[i];
        if (c < '0' || c > '9' || value > (INT64_MAX - 9) / 10) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

MaintenanceCheck number_sequences(SQLite::Database& db) {
    MaintenanceCheck check{"number_sequences", true, 0, {}};
    Problems problems(check);
    std::multimap<std::int64_t, Sequence> by_site;
    {
        SQLite::Statement s(db, "SELECT scope, site_id, last_seq FROM number_sequences ORDER BY scope");
        while (s.executeStep()) {
            Sequence q;
            q.scope = s.getColumn(0).getString();
            q.site_id = s.getColumn(1).getInt64();
            q.last = s.getColumn(2).getInt64();
            const std::size_t at = q.scope.find("{seq}");
            if (at == std::string::npos) {
                problems.add("sequence " + q.scope + ": its name has no {seq} place");
                continue;
            }
            q.prefix = q.scope.substr(0, at);
            q.suffix = q.scope.substr(at + 5);
            by_site.emplace(q.site_id, std::move(q));
        }
    }
    SQLite::Statement s(db, "SELECT id, site_id, archive_no FROM customers ORDER BY id");
    while (s.executeStep()) {
        ++check.examined;
        const std::int64_t id = s.getColumn(0).getInt64();
        const std::string number = s.getColumn(2).getString();
        if (!numbering::is_valid_archive_no(number))
            problems.add("customer " + std::to_string(id) + ": archive number " + number +
                         " has a wrong check character or characters outside 0-9 A-Z '-'");
        // The longest matching sequence: a site's formats may share a prefix.
        Sequence* home = nullptr;
        std::int64_t seq = 0;
        const auto [first, last] = by_site.equal_range(s.getColumn(1).getInt64());
        for (auto it = first; it != last; ++it) {
            const auto value = sequence_of(it->second, number);
            if (value && (!home || it->second.scope.size() > home->scope.size())) {
                home = &it->second;
                seq = *value;
            }
        }
        if (!home) {
            problems.add("customer " + std::to_string(id) + ": archive number " + number +
                         " belongs to no number sequence of its site");
            continue;
        }
        const auto [at, fresh] = home->numbers.emplace(seq, number);
        if (!fresh)
            problems.add("sequence " + home->scope + ": number " + std::to_string(seq) + " was issued twice (" +
                         at->second + " and " + number + ")");
        if (seq < 1 || seq > home->last)
            problems.add("sequence " + home->scope + ": " + number + " lies beyond its counter (" +
                         std::to_string(home->last) + "): it would be issued again");
    }
    for (const auto& [site_id, q] : by_site) {
        std::int64_t missing = 0;
        std::int64_t first_missing = 0;
        for (std::int64_t n = 1; n <= q.last; ++n)
            if (!q.numbers.count(n) && missing++ == 0) first_missing = n;
        if (missing > 0)
            problems.add("sequence " + q.scope + ": " + std::to_string(missing) + " of its numbers 1.." +
                         std::to_string(q.last) + " are on no record (the first: " + std::to_string(first_missing) +
                         ")");
    }
    return problems.done();
}

MaintenanceCheck audit_chain(const Audit& audit) {
    const AuditVerification v = audit.verify();
    MaintenanceCheck check{"audit_chain", v.ok, v.entries, {}};
    if (!v.ok) check.problems.push_back(v.problem);
    return check;
}

// Closes a raw connection however the scope is left.
struct Connection {
    sqlite3* db = nullptr;
    ~Connection() { sqlite3_close_v2(db); }
};

[[noreturn]] void throw_storage(sqlite3* db, const std::string& what) {
    throw Error(Status::storage, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"), "destination");
}

// The copy at `path` read back: integrity_check "ok" and the same schema version.
void check_copy(const std::string& path, int schema_version) {
    Connection copy;
    if (sqlite3_open_v2(path.c_str(), &copy.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        throw_storage(copy.db, "the copy " + path + " cannot be opened");
    const auto single = [&](const char* sql) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(copy.db, sql, -1, &s, nullptr) != SQLITE_OK)
            throw_storage(copy.db, "the copy " + path + " cannot be read");
        std::string value;
        if (sqlite3_step(s) == SQLITE_ROW) value = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        return value;
    };
    const std::string integrity = single("PRAGMA integrity_check");
    if (integrity != "ok")
        throw Error(Status::storage, "the copy " + path + " failed its integrity check: " + integrity, "destination");
    if (single("PRAGMA user_version") != std::to_string(schema_version))
        throw Error(Status::storage, "the copy " + path + " does not have the archive's schema version", "destination");
}

} // namespace

VerifyReport Maintenance::verify() const {
    require_host(store_, "verify the archive");
    return store_.read([&] {
        VerifyReport report;
        report.path = store_.path();
        auto& db = store_.db();
        report.checks.push_back(integrity(db));
        report.checks.push_back(foreign_keys(db));
        report.checks.push_back(number_sequences(db));
        report.checks.push_back(audit_chain(audit_));
        report.ok = std::all_of(report.checks.begin(), report.checks.end(), [](const auto& c) { return c.ok; });
        return report;
    });
}

BackupReport Maintenance::backup(const std::string& destination, bool replace) {
    require_host(store_, "back up the archive");
    if (destination.empty()) throw_invalid("destination", "is empty: name the file to write the copy to");
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path target(destination);
    if (fs::exists(target, ec) && fs::equivalent(target, fs::path(store_.path()), ec))
        throw Error(Status::invalid_argument, "destination: " + destination + " is the archive itself", "destination");
    if (!replace && fs::exists(target, ec))
        throw Error(Status::conflict, "destination: " + destination + " exists already; remove it or ask to replace it",
                    "destination");
    const std::string partial = destination + ".partial";
    for (const char* leftover : {"", "-wal", "-shm", "-journal"}) fs::remove(partial + leftover, ec);

    BackupReport report;
    store_.read([&] {
        report.schema_version = store_.db().execAndGet("PRAGMA user_version").getInt();
        Connection copy;
        if (sqlite3_open_v2(partial.c_str(), &copy.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            throw_storage(copy.db, "the copy " + partial + " cannot be created");
        sqlite3_backup* backup = sqlite3_backup_init(copy.db, "main", store_.db().getHandle(), "main");
        if (!backup) throw_storage(copy.db, "the backup to " + partial + " cannot start");
        // All pages in one step, inside this read snapshot: writers of other connections go on in
        // the log and the copy is the archive as of the snapshot (a stepwise copy would restart at
        // each of their commits).
        const int stepped = sqlite3_backup_step(backup, -1);
        report.pages = sqlite3_backup_pagecount(backup);
        const int finished = sqlite3_backup_finish(backup);
        if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
            const Error failure(Status::storage, "the backup to " + partial + " failed: " + sqlite3_errstr(stepped == SQLITE_DONE ? finished : stepped),
                                "destination");
            sqlite3_close_v2(copy.db);
            copy.db = nullptr;
            fs::remove(partial, ec);
            throw failure;
        }
        // The copy stands alone: no log beside it.
        sqlite3_exec(copy.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    });
    try {
        check_copy(partial, report.schema_version);
    } catch (...) {
        fs::remove(partial, ec);
        throw;
    }
    fs::rename(partial, target, ec);
    if (ec)
        throw Error(Status::storage, "the copy " + partial + " cannot be renamed to " + destination + ": " + ec.message(),
                    "destination");
    report.path = destination;
    report.bytes = static_cast<std::int64_t>(fs::file_size(target, ec));
    return report;
}

} // namespace snowball
