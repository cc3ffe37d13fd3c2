// The audit log: an append-only, hash-chained table (schema 9, src/privacy/schema.cpp).
#include "privacy/audit.hpp"

#include "common/paging.hpp"
#include "codec/privacy.hpp"
#include "common/text.hpp"
#include "snowball/privacy.hpp"

#include <sodium.h>

#include <array>

namespace snowball {

namespace detail {

namespace {

// Each field as its length, a colon and its bytes: no two different entries hash the same text.
void add_field(crypto_hash_sha256_state& state, std::string_view value) {
    const std::string length = std::to_string(value.size()) + ":";
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(length.data()), length.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(value.data()), value.size());
}

} // namespace

const std::string& genesis_hash() {
    static const std::string zeros(crypto_hash_sha256_BYTES * 2, '0');
    return zeros;
}

std::string audit_hash(std::int64_t id, std::string_view at, std::string_view actor, std::string_view action,
                       std::optional<std::int64_t> subject_id, std::string_view detail, std::string_view previous) {
    // sodium_init is idempotent and thread-safe; SHA-256 needs nothing it sets up but it is the rule.
    [[maybe_unused]] static const int ready = sodium_init();
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    add_field(state, "snowball-audit-1");
    add_field(state, std::to_string(id));
    add_field(state, at);
    add_field(state, actor);
    add_field(state, action);
    add_field(state, subject_id ? std::to_string(*subject_id) : std::string());
    add_field(state, detail);
    add_field(state, previous);
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

void audit(Store& store, std::string_view actor, std::string_view action, std::optional<std::int64_t> subject_id,
           std::string_view detail) {
    std::int64_t id = 1;
    std::string previous = genesis_hash();
    {
        Query last(store, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
        if (last->executeStep()) {
            id = last->getColumn(0).getInt64() + 1;
            previous = last->getColumn(1).getString();
        }
    }
    const std::string at = text::now_utc();
    Query q(store, "INSERT INTO audit_log(id, at, actor, action, subject_id, detail, prev_hash, hash) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind(1, id);
    q->bind(2, at);
    q->bind(3, std::string(actor));
    q->bind(4, std::string(action));
    bind_optional(*q, 5, subject_id);
    q->bind(6, std::string(detail));
    q->bind(7, previous);
    q->bind(8, audit_hash(id, at, actor, action, subject_id, detail, previous));
    q->exec();
}

} // namespace detail

using detail::Query;

namespace {

AuditEntry read_entry(SQLite::Statement& s) {
    AuditEntry e;
    e.id = s.getColumn(0).getInt64();
    e.at = s.getColumn(1).getString();
    e.actor = s.getColumn(2).getString();
    e.action = s.getColumn(3).getString();
    if (!s.getColumn(4).isNull()) e.subject_id = s.getColumn(4).getInt64();
    e.detail = s.getColumn(5).getString();
    e.prev_hash = s.getColumn(6).getString();
    e.hash = s.getColumn(7).getString();
    return e;
}

constexpr const char* entry_columns = "id, at, actor, action, subject_id, detail, prev_hash, hash";

// The WHERE clause of a query, and how to bind it (returns the next parameter's index).
struct Filter {
    const AuditQuery& query;
    std::string where() const {
        std::string w = " WHERE 1 = 1";
        if (query.subject_id) w += " AND subject_id = ?";
        if (!query.actor.empty()) w += " AND actor = ?";
        if (!query.action.empty()) w += " AND action = ?";
        if (query.from) w += " AND substr(at, 1, 10) >= ?";
        if (query.to) w += " AND substr(at, 1, 10) <= ?";
        if (query.from && query.to && *query.to < *query.from) throw_invalid("to", "is before from");
        return w;
    }
    int bind(SQLite::Statement& s) const {
        int i = 1;
        if (query.subject_id) s.bind(i++, *query.subject_id);
        if (!query.actor.empty()) s.bind(i++, query.actor);
        if (!query.action.empty()) s.bind(i++, query.action);
        if (query.from) s.bind(i++, to_iso(*query.from));
        if (query.to) s.bind(i++, to_iso(*query.to));
        return i;
    }
};

} // namespace

Page<AuditEntry> Audit::list(const AuditQuery& query) const {
    const Filter filter{query};
    const std::string where = filter.where();
    return store_.read(
        [&] {
            return detail::read_page<AuditEntry>(
                store_.db(), "SELECT count(*) FROM audit_log" + where,
                std::string("SELECT ") + entry_columns + " FROM audit_log" + where + " ORDER BY id LIMIT ? OFFSET ?",
                query.limit, query.offset, [&](SQLite::Statement& s) { return filter.bind(s); }, read_entry);
        },
        true);
}

std::string Audit::export_lines(const AuditQuery& query) const {
    const Filter filter{query};
    const std::string where = filter.where();
    return store_.read([&] {
        SQLite::Statement s(store_.db(), std::string("SELECT ") + entry_columns + " FROM audit_log" + where + " ORDER BY id");
        filter.bind(s);
        std::string out;
        while (s.executeStep()) out += codec::dump(codec::json(read_entry(s))) + "\n";
        return out;
    });
}

AuditVerification Audit::verify(const std::string& expected_head) const {
    return store_.read(
        [&] {
            AuditVerification v;
            std::string previous = detail::genesis_hash();
            bool head_seen = expected_head.empty();
            SQLite::Statement s(store_.db(), std::string("SELECT ") + entry_columns + " FROM audit_log ORDER BY id");
            std::int64_t expected_id = 1;
            const auto bad = [&](std::int64_t id, std::string problem) {
                v.ok = false;
                v.first_bad = id;
                v.problem = std::move(problem);
            };
            while (s.executeStep()) {
                const AuditEntry e = read_entry(s);
                const std::string link = s.getColumn(6).getString();
                ++v.entries;
                if (e.id != expected_id) {
                    bad(expected_id, "entry " + std::to_string(expected_id) + " is missing (the next one is " +
                                         std::to_string(e.id) + ")");
                    return v;
                }
                if (link != previous) {
                    bad(e.id, "entry " + std::to_string(e.id) + " does not link to the entry before it");
                    return v;
                }
                if (detail::audit_hash(e.id, e.at, e.actor, e.action, e.subject_id, e.detail, link) != e.hash) {
                    bad(e.id, "entry " + std::to_string(e.id) + " was changed after it was written");
                    return v;
                }
                if (!head_seen && e.hash == expected_head) head_seen = true;
                previous = e.hash;
                ++expected_id;
            }
            v.head = previous == detail::genesis_hash() ? std::string() : previous;
            if (!head_seen)
                bad(expected_id, "the entry whose hash was kept (" + expected_head +
                                     ") is no longer in the chain: entries were removed from its end");
            return v;
        },
        true);
}

} // namespace snowball
