// The outbox's entries are SQLite patchsets (sqlite3session_patchset): each change carries its
// row's key and the values it writes, never the values the row had before — an update does not
// carry the old name, a delete only the key. What a site keeps of a person in its outbox is
// therefore only what its rows hold after each write, and the erasure step (group/outbox.hpp) can
// rewrite that.
//
// PatchsetWriter writes the same bytes sqlite3session_patchset does, change by change, from the
// values a changeset iterator (or a query) gives. The format is SQLite's, stable and documented
// beside the session extension's source (ext/session/sqlite3session.c, "CHANGESET FORMAT"):
//   a table:  'P', varint column count, one byte per column (its place in the primary key, 0 if
//             none), the table's name and a NUL; then its changes:
//   a change: op (SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE), the indirect flag (0/1), then
//             insert: every column's value; delete: the key columns' values;
//             update: every column: its key value, its new value, or 0x00 when unchanged;
//   a value:  a type byte (0x00 undefined, 1 integer, 2 real, 3 text, 4 blob, 5 NULL); integers
//             and reals 8 bytes big-endian, text and blobs a varint length and the bytes.
// A test (tests/group/test_outbox_erasure.cpp) re-writes SQLite's own patchsets and compares bytes.
#pragma once

#include "snowball/error.hpp"

#include <string>
#include <vector>

struct sqlite3_value;
struct sqlite3_changeset_iter;

namespace snowball::detail::group {

// A changeset's or patchset's changes in order (sqlite3changeset_start / next), the iterator
// finalised on scope exit. Bytes that are not one, or are damaged, throw `status` with `what`
// ("bundle: an entry") saying so, and `field`.
class ChangeReader {
public:
    ChangeReader(const std::string& bytes, Status status, std::string what, std::string field = {});
    ~ChangeReader();
    ChangeReader(const ChangeReader&) = delete;
    ChangeReader& operator=(const ChangeReader&) = delete;

    // The next change (its table, columns, op, indirect flag and key flags below), or false at the end.
    bool next();
    // Column i's value before (the key, in a patchset) or after the change; nullptr when absent.
    sqlite3_value* old_value(int i);
    sqlite3_value* new_value(int i);
    // The row's key values (nullptr outside the key), from the side of the change that has them.
    std::vector<sqlite3_value*> key();
    // The row's identity: its table and key values, as bytes.
    std::string row();

    const char* table = nullptr;
    int columns = 0, op = 0, indirect = 0;
    std::vector<unsigned char> key_flags;

private:
    sqlite3_changeset_iter* it_ = nullptr;
    Status status_;
    std::string what_, field_;
};

class PatchsetWriter {
public:
    // The table the next changes are to; its header is written before its first change only, so
    // a table whose every change was left out leaves nothing. `pk` has one byte per column.
    void table(const std::string& name, const std::vector<unsigned char>& pk);

    // `values` has one entry per column of the table (as table() gave them).
    void insert(const std::vector<sqlite3_value*>& values, bool indirect);
    // `key`: the key columns' values (others ignored); `changed`: the new value of each column it
    // writes, nullptr for the others (key columns included).
    void update(const std::vector<sqlite3_value*>& key, const std::vector<sqlite3_value*>& changed, bool indirect);
    void remove(const std::vector<sqlite3_value*>& key, bool indirect);

    // The patchset written so far.
    const std::string& bytes() const { return out_; }

    // One value as the record format writes it (a key's bytes, to compare keys with).
    static void append_value(std::string& out, sqlite3_value* value);

private:
    void change(int op, bool indirect);

    std::string out_;
    std::string name_;
    std::vector<unsigned char> pk_;
    bool header_written_ = false;
};

} // namespace snowball::detail::group
