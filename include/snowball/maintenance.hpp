// Looking after the archive file: checking that it is whole (verify) and copying it while it is in
// use (backup). What an administrator runs from cron or the `snowball` command; the host system only.
#pragma once

#include "snowball/privacy.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

// One check of verify(): its name, whether it passed, and what it found wrong (empty when ok).
// Problems name tables, row ids, sequences and archive numbers, never a person's name or phone.
struct MaintenanceCheck {
    std::string name;                    // "integrity", "foreign_keys", "number_sequences", "audit_chain"
    bool ok = true;
    std::int64_t examined = 0;           // what the check went through: pages' "ok" rows, rows, numbers, entries
    std::vector<std::string> problems;   // at most max_problems per check, the count in the last line beyond
};

struct VerifyReport {
    bool ok = true;                      // every check passed
    std::string path;
    std::vector<MaintenanceCheck> checks;
};

struct BackupReport {
    std::string path;                    // the finished copy
    std::int64_t pages = 0;
    std::int64_t bytes = 0;
    int schema_version = 0;
};

class Maintenance {
public:
    // The problems a check lists before it only counts the rest.
    static constexpr std::size_t max_problems = 50;

    Maintenance(detail::Store& store, Audit& audit) : store_(store), audit_(audit) {}

    // Checks the archive in one read snapshot: SQLite's integrity_check and foreign_key_check, every
    // archive-number sequence numbered 1..last without gaps, repeats or numbers beyond its counter,
    // and the audit chain (Audit::verify). Changes nothing. The host only (forbidden otherwise).
    VerifyReport verify() const;

    // Copies the archive to `destination` with SQLite's online backup API, in one read snapshot:
    // other connections go on writing meanwhile (WAL), the copy is the archive as of its start. The
    // copy is written to `destination` + ".partial", checked (integrity_check, schema version) and
    // only then renamed to `destination`, so a crash never leaves a half copy under the final name.
    // An existing `destination` is a conflict unless `replace`. The host only.
    BackupReport backup(const std::string& destination, bool replace = false);

private:
    detail::Store& store_;
    Audit& audit_;
};

} // namespace snowball
