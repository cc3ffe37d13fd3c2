// The merge journal: how two customer records become one in a way that can be undone.
//
// A merge (src/merge, snowball/merge.hpp) publishes CustomersMerged with a journal; every module
// moves its own rows through it. The journal writes what it does to the table merge_journal (one
// entry per row touched, in order): a row moved from one customer to the other (its key after the
// move), a row deleted (its whole content), a value changed (its old value), a row inserted (its
// key). Undoing replays the entries backwards. The journal knows tables only by their schema: the
// key of a row is its rowid, or the primary key of a WITHOUT ROWID table.
#pragma once

#include "archive/store.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace snowball::detail {

class MergeJournal {
public:
    MergeJournal(Store& store, std::int64_t merge_id) : store_(store), merge_id_(merge_id) {}

    std::int64_t merge_id() const { return merge_id_; }

    // Moves the rows of `table` whose `column` is `from` (and that meet `condition`, an SQL
    // expression over the table's columns; empty: all) to `to`. Returns how many moved.
    std::int64_t move(const std::string& table, const std::string& column, std::int64_t from, std::int64_t to,
                      const std::string& condition = {});
    // Deletes the rows of `table` that meet `condition`, keeping their content. Returns how many.
    std::int64_t remove(const std::string& table, const std::string& condition);
    // Sets `column` to `value` (an SQL expression, evaluated per row) in the rows that meet
    // `condition`, keeping the old values. Returns how many rows changed.
    std::int64_t update(const std::string& table, const std::string& column, const std::string& value,
                        const std::string& condition);
    // Sets `column` of one row (found by `condition`) to a blob or text value given in C++.
    void update_value(const std::string& table, const std::string& column, const std::string& condition,
                      const std::string& value, bool blob);
    // Rewrites the rows of `table` that meet `condition` with new values for some columns (SQL
    // expressions over the old row, evaluated before anything changes), as a removal and an
    // insertion of the same row (its key kept unless rewritten): for changes that a CHECK or UNIQUE
    // constraint would refuse column by column, and for a key that names the customer. Returns how many.
    std::int64_t rewrite(const std::string& table, const std::vector<std::pair<std::string, std::string>>& values,
                         const std::string& condition);
    // Records the row of `table` with this rowid as inserted by the merge (undo deletes it).
    void inserted(const std::string& table, std::int64_t rowid);
    // Rows touched per table (moved, removed, changed or inserted), for the merge's record.
    const std::map<std::string, std::int64_t>& counts() const { return counts_; }

    // Replays the journal of `merge_id` backwards and deletes it.
    static void undo(Store& store, std::int64_t merge_id);

    // A digest per table of every row that names `customer_id` (its record included), over every
    // table of the schema with a customer column (found by walking the schema, so that tables added
    // later count too). What changed between two digests names the tables written.
    static std::map<std::string, std::string> fingerprint(Store& store, std::int64_t customer_id);

    // The (table, column) pairs of the schema that name a customer: a foreign key to customers, or
    // a column named customer_id, guest_of, referrer_id or referee_id; the merge's own tables and
    // the audit log left out.
    static std::vector<std::pair<std::string, std::string>> customer_columns(Store& store);

private:
    void record(const std::string& table, const char* op, const std::string& key, const std::string& data);
    std::int64_t next_seq();

    Store& store_;
    std::int64_t merge_id_;
    std::int64_t seq_ = -1;
    std::map<std::string, std::int64_t> counts_;
};

} // namespace snowball::detail
