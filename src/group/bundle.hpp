// What the site and the group view share: which tables are captured, the types the group stores
// their columns as, a value as the group stores it (and its place in a row's checksum), and the
// bundle — the bytes a host carries from a site to the group.
//
// A bundle:
//   SNOWBALL-GROUP-BUNDLE 1\n
//   {header, JSON on one line}\n
//   for each entry: "<seq> <schema_version> <bytes>\n" and that many bytes of changeset
//   END <entries> <FNV-1a 64 of every entry's bytes, 16 hex digits>\n
// The header names the site, the kind ("changes" or "snapshot"), the archive's schema version,
// the high-water mark the bundle brings the group to, and every captured table's columns as the
// archive has them now: [name, declared type, position in the primary key (0: not in it)].
// Changesets written under an older schema version have the first columns of the table only
// (migrations add columns at the end).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3_value;
struct sqlite3;

namespace snowball::detail::group {

// Whether the group receives a table's rows: every table but the group module's own, SQLite's,
// and the sealed fields' key material (which never leaves the site).
bool captured(std::string_view table) noexcept;

// The column types of the group view: an SQLite declared type with INT in it is bigint, with
// REAL, FLOA or DOUB double precision; anything else text.
enum class PgType { bigint, float8, text };
PgType pg_type(std::string_view declared) noexcept;
const char* pg_type_name(PgType type) noexcept;

// A value as the group stores it.
struct Value {
    enum class Kind { null, integer, real, text } kind = Kind::null;
    std::int64_t i = 0;
    double r = 0;
    std::string t;
};

// An SQLite value converted to the column's group type: an integer or a real written as text in a
// text column (shortest round-trip form), a blob as "\x" and hex. Invalid_argument, naming
// table.column (never the value), when it cannot be: text in a number column.
Value to_group(PgType type, sqlite3_value* value, const std::string& table, const std::string& column);

// The value in PostgreSQL's text form (what a parameter or COPY takes).
std::string pg_text(const Value& value);

// One row's checksum, from its values in column order: FNV-1a 64 over each value's kind and bytes,
// then mixed, so that a table's checksum can be the sum of its rows' (order does not matter).
class RowHash {
public:
    void add(const Value& value);
    std::uint64_t done() const noexcept;

private:
    void bytes(const void* p, std::size_t n);
    std::uint64_t h_ = 1469598103934665603ULL;
};

struct Column {
    std::string name;
    std::string declared;
    int pk = 0;               // position in the primary key, from 1; 0: not in it
};

struct Table {
    std::string name;
    std::vector<Column> columns;
};

// The one captured table whose key holds a person's data: a phone row is keyed by the phone. An
// erasure's changes cannot delete such rows by their key without naming the phone again, so they
// are deleted by their owner instead: the site leaves the erased person's deletes of these rows out
// of its outbox (group/outbox.hpp), and the group deletes the owner's rows when it applies the
// erasure's record in the audit log (action erasure_action, the customer in subject_id).
struct PersonKeyed {
    const char* table;
    const char* key_column;     // the personal value in the key
    const char* owner_column;   // the customer the row belongs to
};
const std::vector<PersonKeyed>& person_keyed_tables();
// The erasure's record: a row of this table, this action, the customer in this column.
constexpr const char* erasure_log = "audit_log";
constexpr const char* erasure_action_column = "action";
constexpr const char* erasure_action = "customer.erase";
constexpr const char* erasure_subject = "subject_id";

// A table or column name as SQL writes it: in double quotes, a quote inside doubled.
std::string quoted(const std::string& name);

// Every captured table of the archive open on `db`, with its columns (PRAGMA table_info).
std::vector<Table> captured_tables(sqlite3* db);

struct Entry {
    std::int64_t seq = 0;             // the outbox entry (0 in a snapshot)
    int schema_version = 0;
    std::string changeset;
};

struct Bundle {
    std::string site;
    std::string kind;                 // "changes" or "snapshot"
    int schema_version = 0;
    std::int64_t high_water = 0;      // changes: the last entry's seq; snapshot: the entry it includes
    std::string created_at;
    std::vector<Table> tables;
    std::vector<Entry> entries;
};

std::string encode(const Bundle& bundle);
// Invalid_argument, saying what and where (field "bundle"), for anything that is not a whole bundle.
Bundle decode(std::string_view bytes);

// A site code: letters, digits, '-' and '_', 1 to 32 of them. Invalid_argument naming `field`.
void check_site(const std::string& site, const std::string& field);

} // namespace snowball::detail::group
