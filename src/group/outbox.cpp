#include "group/outbox.hpp"

#include "archive/store.hpp"
#include "group/bundle.hpp"
#include "group/patchset.hpp"
#include "snowball/error.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <unordered_map>

namespace snowball::detail::group {

namespace {

[[noreturn]] void storage(sqlite3* db, const std::string& what) {
    throw Error(Status::storage, "group: " + what + ": " + sqlite3_errmsg(db));
}

struct StmtDeleter {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

Stmt prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
        sqlite3_finalize(s);
        return nullptr;
    }
    return Stmt(s);
}

// A row's values as the archive holds them now, by key: one statement per table and column count.
class Current {
public:
    explicit Current(sqlite3* db) : db_(db) {
        for (auto& t : captured_tables(db)) tables_.emplace(t.name, std::move(t));
    }

    // The row's first `columns` columns, or nullptr when it is gone; a table the archive no longer
    // has (or columns it lost) gives nullptr with `known` false.
    sqlite3_stmt* find(const char* table, int columns, const std::vector<sqlite3_value*>& key, bool& known) {
        known = false;
        auto t = tables_.find(table);
        if (t == tables_.end() || columns > static_cast<int>(t->second.columns.size())) return nullptr;
        auto& slot = statements_[std::string(table) + '\0' + std::to_string(columns)];
        if (!slot) {
            std::string select, where;
            int param = 0;
            for (int i = 0; i < columns; ++i) {
                const Column& c = t->second.columns[static_cast<std::size_t>(i)];
                select += (select.empty() ? "" : ", ") + quoted(c.name);
                if (c.pk > 0) where += (where.empty() ? "" : " AND ") + quoted(c.name) + " = ?" + std::to_string(++param);
            }
            if (where.empty()) return nullptr;
            slot = prepare(db_, "SELECT " + select + " FROM " + quoted(table) + " WHERE " + where);
            if (!slot) storage(db_, "reading table " + std::string(table) + " for the outbox");
        }
        sqlite3_stmt* s = slot.get();
        sqlite3_reset(s);
        int param = 0;
        for (sqlite3_value* v : key)
            if (v != nullptr) sqlite3_bind_value(s, ++param, v);
        known = true;
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) return s;
        if (rc != SQLITE_DONE) storage(db_, "reading table " + std::string(table) + " for the outbox");
        return nullptr;
    }

    // The position of `column` in `table`; -1 when the archive has no such column.
    int column(const char* table, const char* column) const {
        auto t = tables_.find(table);
        if (t == tables_.end()) return -1;
        for (std::size_t i = 0; i < t->second.columns.size(); ++i)
            if (t->second.columns[i].name == column) return static_cast<int>(i);
        return -1;
    }

private:
    sqlite3* db_;
    std::map<std::string, Table> tables_;
    std::unordered_map<std::string, Stmt> statements_;
};

std::string blob(sqlite3_stmt* s, int column) {
    const void* p = sqlite3_column_blob(s, column);
    return std::string(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s, column)));
}

std::string text_of(sqlite3_value* v) {
    if (v == nullptr || sqlite3_value_type(v) != SQLITE_TEXT) return {};
    return std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)), static_cast<std::size_t>(sqlite3_value_bytes(v)));
}

// The rewrite of one run of entries, with what it learnt of them.
class Rewrite {
public:
    Rewrite(sqlite3* db, const Erased& erased) : current_(db), erased_(erased) {}

    // First pass, over every waiting entry in order and then the erasing transaction's own (seq
    // `own_seq`): the last entry changing each row, the last deleting it, and the phone rows that
    // belonged to an erased customer.
    void learn(std::string& bytes, std::int64_t seq) {
        if (!bytes.empty() && bytes.front() != 'P') stale_.insert(seq);   // a changeset of an earlier build
        ChangeReader changes(bytes, Status::storage, "group: an outbox entry");
        while (changes.next()) {
            const std::string row = changes.row();
            auto [last, first_time] = last_changed_.try_emplace(row, seq);
            if (!first_time && last->second != seq) {
                stale_.insert(last->second);   // that entry's values are not the row's any more
                last->second = seq;
            }
            if (changes.op == SQLITE_DELETE) {
                deleted_in_[row] = seq;
                if (erased_key(changes, row)) stale_.insert(seq);
                continue;
            }
            const PersonKeyed* keyed = person_keyed(changes.table);
            if (keyed == nullptr) continue;
            const int owner = current_.column(changes.table, keyed->owner_column);
            if (owner < 0 || owner >= changes.columns) continue;
            sqlite3_value* v = changes.new_value(owner);
            if (v != nullptr && sqlite3_value_type(v) == SQLITE_INTEGER && erased_.customers.count(sqlite3_value_int64(v)))
                erased_rows_.insert(row);
        }
    }

    // Whether the entry holds anything the rewrite changes (learnt in the first pass).
    bool stale(std::int64_t seq) const { return stale_.count(seq) > 0; }

    // An entry rewritten; `own` is the erasing transaction's own (its values are the current ones).
    // `thorough`: every row is read again, not only those changed later (when the erasing
    // transaction's own changes are unknown: capture is off).
    std::string entry(std::string& bytes, std::int64_t seq, bool own, bool thorough, std::int64_t& dropped) {
        PatchsetWriter out;
        ChangeReader changes(bytes, Status::storage, "group: an outbox entry");
        while (changes.next()) {
            out.table(changes.table, changes.key_flags);
            const auto key = changes.key();
            const std::string row = changes.row();
            const bool indirect = changes.indirect != 0;
            if (changes.op == SQLITE_DELETE) {
                if (erased_key(changes, row)) ++dropped;
                else out.remove(key, indirect);
                continue;
            }
            std::vector<sqlite3_value*> values(static_cast<std::size_t>(changes.columns), nullptr);
            if (own) {
                for (int i = 0; i < changes.columns; ++i) values[static_cast<std::size_t>(i)] = changes.new_value(i);
            } else if (!thorough && last_changed_.at(row) == seq) {
                // Nothing changed the row since (not the erasure either): its values are the
                // archive's now.
                for (int i = 0; i < changes.columns; ++i) values[static_cast<std::size_t>(i)] = changes.new_value(i);
            } else {
                auto later = deleted_in_.find(row);
                if (later != deleted_in_.end() && later->second > seq) {
                    ++dropped;   // a later entry deletes the row
                    continue;
                }
                bool known = false;
                sqlite3_stmt* now = current_.find(changes.table, changes.columns, key, known);
                if (!known) {
                    // A table the archive no longer has: the change stays as it was written.
                    for (int i = 0; i < changes.columns; ++i) values[static_cast<std::size_t>(i)] = changes.new_value(i);
                } else if (now == nullptr) {
                    ++dropped;   // the row is gone (the erasure deleted it)
                    continue;
                } else {
                    for (int i = 0; i < changes.columns; ++i)
                        if (changes.op == SQLITE_INSERT || changes.new_value(i) != nullptr)
                            values[static_cast<std::size_t>(i)] = sqlite3_column_value(now, i);
                }
            }
            if (changes.op == SQLITE_INSERT) {
                out.insert(values, indirect);
            } else {
                for (int i = 0; i < changes.columns; ++i)
                    if (changes.key_flags[static_cast<std::size_t>(i)]) values[static_cast<std::size_t>(i)] = nullptr;
                out.update(key, values, indirect);
            }
        }
        return out.bytes();
    }

private:
    static const PersonKeyed* person_keyed(const char* table) {
        for (const auto& k : person_keyed_tables())
            if (std::strcmp(k.table, table) == 0) return &k;
        return nullptr;
    }

    // A delete that would name an erased person's phone.
    bool erased_key(ChangeReader& changes, const std::string& row) {
        const PersonKeyed* keyed = person_keyed(changes.table);
        if (keyed == nullptr) return false;
        if (erased_rows_.count(row)) return true;
        const int column = current_.column(changes.table, keyed->key_column);
        return column >= 0 && column < changes.columns && erased_.phones.count(text_of(changes.old_value(column)));
    }

    Current current_;
    const Erased& erased_;
    std::unordered_map<std::string, std::int64_t> last_changed_, deleted_in_;
    std::set<std::string> erased_rows_;
    std::set<std::int64_t> stale_;
};

} // namespace

OutboxRewrite forget_in_outbox(Store& store, const Erased& erased, const std::string& own_entry) {
    sqlite3* db = store.db().getHandle();
    OutboxRewrite done;
    Rewrite rewrite(db, erased);
    std::vector<std::int64_t> waiting;
    {
        Stmt list = prepare(db, "SELECT seq, changeset FROM group_outbox ORDER BY seq");
        if (!list) storage(db, "reading the outbox");
        int rc;
        while ((rc = sqlite3_step(list.get())) == SQLITE_ROW) {
            waiting.push_back(sqlite3_column_int64(list.get(), 0));
            std::string bytes = blob(list.get(), 1);
            rewrite.learn(bytes, waiting.back());
        }
        if (rc != SQLITE_DONE) storage(db, "reading the outbox");
    }
    constexpr std::int64_t own_seq = INT64_MAX;
    std::string own = own_entry;
    if (!own.empty()) rewrite.learn(own, own_seq);
    const bool thorough = own_entry.empty();
    Stmt read = prepare(db, "SELECT changeset FROM group_outbox WHERE seq = ?1");
    Stmt write = prepare(db, "UPDATE group_outbox SET changeset = ?2 WHERE seq = ?1");
    if (!read || !write) storage(db, "rewriting the outbox");
    for (const std::int64_t seq : waiting) {
        if (!thorough && !rewrite.stale(seq)) continue;
        sqlite3_reset(read.get());
        sqlite3_bind_int64(read.get(), 1, seq);
        if (sqlite3_step(read.get()) != SQLITE_ROW) storage(db, "reading the outbox");
        std::string bytes = blob(read.get(), 0);
        const std::string out = rewrite.entry(bytes, seq, false, thorough, done.changes_dropped);
        if (out == bytes) continue;
        sqlite3_reset(write.get());
        sqlite3_bind_int64(write.get(), 1, seq);
        sqlite3_bind_blob(write.get(), 2, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(write.get()) != SQLITE_DONE) storage(db, "rewriting the outbox");
        ++done.entries;
    }
    if (!own.empty()) done.own_entry = rewrite.entry(own, own_seq, true, false, done.changes_dropped);
    return done;
}

} // namespace snowball::detail::group
