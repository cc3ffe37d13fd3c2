// Shared helpers of the C++ test suites: temporary directories, an archive fixture, error
// expectations and a raw view of the database file (to prove that nothing was written).
#pragma once

#include "snowball/archive.hpp"
#include "snowball/error.hpp"
#include "snowball/privacy.hpp"

#include "temp_dir.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace snowball::testing {

// A date from its ISO text: d("2025-09-30").
inline Date d(const char* iso) { return parse_date(iso); }

// The customer's separate consent to sensitive information, a guardian's for a minor's data
// included: what writing health, financial, whereabouts and children's fields needs.
inline void consent_to_sensitive(Archive& archive, std::int64_t customer_id) {
    ConsentGrant g;
    g.purpose = Purpose::service;
    g.sensitive = true;
    g.guardian = "张建国（父亲）";
    g.notice_version = "2026-01";
    g.channel = "paper";
    archive.consents().grant(customer_id, g);
}


inline void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs f and returns the snowball::Error it throws; a test failure (and nullopt) when it throws
// nothing or something else.
template <class F>
std::optional<Error> catch_error(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    } catch (const std::exception& e) {
        ADD_FAILURE() << "expected snowball::Error, got another exception: " << e.what();
        return std::nullopt;
    }
    ADD_FAILURE() << "expected snowball::Error, but nothing was thrown";
    return std::nullopt;
}

// Expects f() to throw Error(status) about `field` whose message holds `fragment`.
template <class F>
std::optional<Error> expect_error(F&& f, Status status, const std::string& field, const std::string& fragment = {}) {
    auto e = catch_error(std::forward<F>(f));
    if (!e) return e;
    EXPECT_EQ(status_name(e->status()), std::string(status_name(status))) << e->what();
    EXPECT_EQ(e->field(), field) << e->what();
    EXPECT_NE(std::string(e->what()).find(fragment), std::string::npos)
        << "message lacks '" << fragment << "': " << e->what();
    return e;
}

// SCOPED_TRACE names the failing statement; the helper checks the error.
#define SB_EXPECT_ERROR(statement, status, field, fragment)                                                      \
    do {                                                                                                         \
        SCOPED_TRACE(#statement);                                                                                \
        ::snowball::testing::expect_error([&] { (void)(statement); }, ::snowball::Status::status, field, fragment); \
    } while (0)

// A second, independent connection to an archive file, for looking at what is really stored.
class RawDb {
public:
    explicit RawDb(const std::string& path) : db_(path, SQLite::OPEN_READONLY) {}

    std::int64_t count(const std::string& table, const std::string& where = {}) {
        return db_.execAndGet("SELECT count(*) FROM " + table + (where.empty() ? "" : " WHERE " + where)).getInt64();
    }
    std::string text(const std::string& sql) { return db_.execAndGet(sql).getString(); }
    std::int64_t integer(const std::string& sql) { return db_.execAndGet(sql).getInt64(); }

    // Every row of every table, as text: equal dumps mean nothing was written in between.
    std::string dump() {
        std::vector<std::string> tables;
        SQLite::Statement list(db_, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        while (list.executeStep()) tables.push_back(list.getColumn(0).getString());
        std::string out;
        for (const auto& table : tables) {
            out += "[" + table + "]\n";
            SQLite::Statement rows(db_, "SELECT * FROM \"" + table + "\" ORDER BY 1");
            while (rows.executeStep()) {
                for (int i = 0; i < rows.getColumnCount(); ++i)
                    out += (rows.isColumnNull(i) ? std::string("NULL") : rows.getColumn(i).getString()) + "|";
                out += "\n";
            }
        }
        return out;
    }

    SQLite::Database& db() { return db_; }

private:
    SQLite::Database db_;
};

inline std::string dump_archive(const std::string& path) { return RawDb(path).dump(); }

// The archive's tables, SQLite's own left out.
inline std::vector<std::string> table_names(RawDb& db) {
    std::vector<std::string> out;
    SQLite::Statement q(db.db(), "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

// Every column that names a customer, as (table, column): a foreign key to customers, or a
// customer_id or subject_id column (found by walking the schema, so a new table is not missed).
inline std::vector<std::pair<std::string, std::string>> customer_columns(RawDb& db) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& table : table_names(db)) {
        std::vector<std::string> named;
        SQLite::Statement keys(db.db(), "SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE \"table\" = 'customers' "
                                        "UNION SELECT name FROM pragma_table_info(?) "
                                        "WHERE name = 'customer_id' OR name = 'subject_id'");
        keys.bind(1, table);
        keys.bind(2, table);
        while (keys.executeStep()) out.emplace_back(table, keys.getColumn(0).getString());
    }
    return out;
}

// A fresh archive in a temporary directory.
class ArchiveTest : public ::testing::Test {
protected:
    std::string path() const { return archive_.path(); }
    std::string dump() const { return dump_archive(archive_.path()); }
    RawDb raw() const { return RawDb(archive_.path()); }

    // Checks that `f` fails as described and leaves the archive file exactly as it was.
    template <class F>
    std::optional<Error> expect_rejected(F&& f, Status status, const std::string& field, const std::string& fragment = {}) {
        const std::string before = dump();
        auto e = expect_error(std::forward<F>(f), status, field, fragment);
        EXPECT_EQ(dump(), before) << "the archive changed although the operation failed";
        return e;
    }

    TempDir dir_;
    Archive archive_{Archive::open(dir_.file("archive.db"))};
};

} // namespace snowball::testing
