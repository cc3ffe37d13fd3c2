// Personal information protection (PIPL): the audit log — who did what to whose data, and when.
//
// Every entry names the actor, the action and the customer it concerns (by id), never the personal
// values themselves. Entries are append-only (the archive refuses to change or delete one) and
// hash-chained: each carries the SHA-256 of its own content and of the entry before it, so that an
// entry altered or removed outside the library is found by verify(). docs/PRIVACY.md maps each
// PIPL article to the calls that serve it.
#pragma once

#include "snowball/types.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace snowball {

namespace detail {
class Store;
}

struct AuditEntry {
    std::int64_t id = 0;                       // 1, 2, 3, … without gaps
    std::string at;                            // UTC, ISO 8601
    std::string actor;                         // "host" (the host system), "consultant:12", …
    std::string action;                        // "customer.erase", …
    std::optional<std::int64_t> subject_id;    // the customer concerned
    std::string detail;                        // what was done, without personal values
    std::string hash;                          // SHA-256 (hex) of this entry and the previous hash
};

struct AuditQuery {
    std::optional<std::int64_t> subject_id;    // entries about one customer
    std::string actor;                         // one actor's entries ("" = everyone's)
    std::string action;                        // one action ("" = every action)
    std::optional<Date> from;                  // UTC day of the entry, inclusive
    std::optional<Date> to;
    int limit = 100;                           // 1..10000
    std::int64_t offset = 0;
};

// The audit chain checked from its first entry to its last.
struct AuditVerification {
    bool ok = true;
    std::int64_t entries = 0;                  // entries checked
    std::optional<std::int64_t> first_bad;     // the first entry whose content or link is wrong
    std::string problem;                       // what is wrong there ("" when ok)
    std::string head;                          // the last entry's hash: keep it outside the archive to
                                               // detect a removal of the newest entries later
};

class Audit {
public:
    explicit Audit(detail::Store& store) : store_(store) {}
    // Entries matching the query, oldest first.
    Page<AuditEntry> list(const AuditQuery& query = {}) const;
    // Recomputes every entry's hash and link. `expected_head`, when given, must be the hash of an
    // entry of the chain (one kept from an earlier verify): entries removed after it are then found.
    AuditVerification verify(const std::string& expected_head = {}) const;

private:
    detail::Store& store_;
};

} // namespace snowball
