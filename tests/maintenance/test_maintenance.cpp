// Maintenance: verify() passes a healthy archive and finds, each in its own check, a broken archive
// number sequence, a row pointing nowhere and a tampered audit entry; backup() writes a whole copy
// through a ".partial" file, also while another connection keeps writing, and refuses what it must.
#include "test_support.hpp"

#include "snowball/customers.hpp"
#include "snowball/maintenance.hpp"
#include "snowball/numbering.hpp"
#include "snowball/privacy.hpp"

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <filesystem>
#include <thread>

using namespace snowball;
using namespace snowball::testing;

namespace {

class MaintenanceTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "祥和花园", ""});
        for (int i = 0; i < 5; ++i) ids_.push_back(file(archive_, i));
        archive_.customers().remove(ids_[4]);   // an erasure: one audit entry, the number stays taken
    }

    static std::int64_t file(Archive& archive, int i) {
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::call;
        c.name = "客户" + std::to_string(i);
        c.mobile = "1391234" + std::to_string(1000 + i);
        return archive.customers().add(c).id;
    }

    static Archive open_existing(const std::string& file) {
        OpenOptions options;
        options.create = false;
        return Archive::open(file, options);
    }

    // What someone holding the file could do: write by SQL, past the triggers.
    void tamper(const std::string& sql) {
        SQLite::Database db(path(), SQLite::OPEN_READWRITE);
        db.exec("DROP TRIGGER IF EXISTS audit_log_no_update; " + sql);
    }

    static const MaintenanceCheck& check(const VerifyReport& report, const std::string& name) {
        for (const auto& c : report.checks)
            if (c.name == name) return c;
        throw std::runtime_error("no check " + name);
    }

    // Only the check named failed, with a problem containing `fragment`.
    static void only_failed(const VerifyReport& report, const std::string& name, const std::string& fragment) {
        EXPECT_FALSE(report.ok);
        for (const auto& c : report.checks) {
            SCOPED_TRACE(c.name);
            EXPECT_EQ(c.ok, c.name != name);
            if (c.name == name) {
                ASSERT_FALSE(c.problems.empty());
                EXPECT_NE(c.problems[0].find(fragment), std::string::npos) << c.problems[0];
            } else {
                EXPECT_TRUE(c.problems.empty());
            }
        }
    }

    std::vector<std::int64_t> ids_;
};

TEST_F(MaintenanceTest, AHealthyArchivePassesEveryCheck) {
    const VerifyReport report = archive_.maintenance().verify();
    EXPECT_TRUE(report.ok);
    EXPECT_EQ(report.path, path());
    ASSERT_EQ(report.checks.size(), 4u);
    EXPECT_EQ(report.checks[0].name, "integrity");
    EXPECT_EQ(report.checks[1].name, "foreign_keys");
    EXPECT_EQ(report.checks[2].name, "number_sequences");
    EXPECT_EQ(report.checks[3].name, "audit_chain");
    for (const auto& c : report.checks) {
        EXPECT_TRUE(c.ok) << c.name;
        EXPECT_TRUE(c.problems.empty()) << c.name;
        EXPECT_GT(c.examined, 0) << c.name;
    }
    EXPECT_EQ(check(report, "number_sequences").examined, 5);   // the erased customer's number too
    EXPECT_EQ(check(report, "audit_chain").examined, 1);
}

TEST_F(MaintenanceTest, AGapInANumberSequenceIsFound) {
    // The counter says 6 numbers were issued; the sixth is on no record.
    tamper("UPDATE number_sequences SET last_seq = last_seq + 1");
    only_failed(archive_.maintenance().verify(), "number_sequences", "1..6 are on no record (the first: 6)");
}

TEST_F(MaintenanceTest, ANumberBeyondItsCounterIsFound) {
    tamper("UPDATE number_sequences SET last_seq = 4");
    only_failed(archive_.maintenance().verify(), "number_sequences", "beyond its counter (4): it would be issued again");
}

TEST_F(MaintenanceTest, AWrongCheckCharacterIsFound) {
    RawDb db(path());
    const std::string first = db.text("SELECT archive_no FROM customers WHERE id = " + std::to_string(ids_[0]));
    const std::string wrong = first.substr(0, first.size() - 1) + (first.back() == 'A' ? "B" : "A");
    tamper("UPDATE customers SET archive_no = '" + wrong + "' WHERE id = " + std::to_string(ids_[0]));
    only_failed(archive_.maintenance().verify(), "number_sequences", "has a wrong check character");
}

TEST_F(MaintenanceTest, ANumberIssuedTwiceIsFound) {
    RawDb db(path());
    const std::string first = db.text("SELECT archive_no FROM customers WHERE id = " + std::to_string(ids_[0]));
    // The same sequence number written with one more leading zero: another text, the same number.
    const std::string body = first.substr(0, first.size() - 1);
    const std::string padded_body = body.substr(0, body.size() - 5) + "0" + body.substr(body.size() - 5);
    const std::string padded = padded_body + numbering::check_character(padded_body);
    tamper("UPDATE customers SET archive_no = '" + padded + "' WHERE id = " + std::to_string(ids_[1]));
    const VerifyReport report = archive_.maintenance().verify();
    const auto& numbers = check(report, "number_sequences");
    EXPECT_FALSE(numbers.ok);
    ASSERT_GE(numbers.problems.size(), 2u);
    EXPECT_NE(numbers.problems[0].find("number 1 was issued twice"), std::string::npos) << numbers.problems[0];
    EXPECT_NE(numbers.problems[1].find("the first: 2"), std::string::npos) << numbers.problems[1];
}

TEST_F(MaintenanceTest, ATamperedAuditEntryIsFound) {
    tamper("UPDATE audit_log SET actor = 'consultant:1' WHERE id = 1");
    only_failed(archive_.maintenance().verify(), "audit_chain", "entry 1 was changed after it was written");
}

TEST_F(MaintenanceTest, ARowPointingNowhereIsFound) {
    tamper("PRAGMA foreign_keys = OFF; INSERT INTO visits(customer_id, visit_date, note, recorded_at) "
           "VALUES (424242, '2026-01-02', '', '2026-01-02T00:00:00Z')");
    only_failed(archive_.maintenance().verify(), "foreign_keys", "table visits, row");
}

TEST_F(MaintenanceTest, ProblemsAreCappedAndCounted) {
    tamper("UPDATE number_sequences SET last_seq = 5000");   // one problem per sequence: a count, not a list
    std::string sql = "PRAGMA foreign_keys = OFF;";
    for (std::size_t i = 0; i < Maintenance::max_problems + 7; ++i)
        sql += "INSERT INTO visits(customer_id, visit_date, note, recorded_at) VALUES (" + std::to_string(900000 + i) +
               ", '2026-01-02', '', '2026-01-02T00:00:00Z');";
    tamper(sql);
    const VerifyReport report = archive_.maintenance().verify();
    const auto& keys = check(report, "foreign_keys");
    ASSERT_EQ(keys.problems.size(), Maintenance::max_problems + 1);
    EXPECT_EQ(keys.problems.back(), "... and 7 more problem(s) of this kind");
    EXPECT_EQ(check(report, "number_sequences").problems.size(), 1u);
}

TEST_F(MaintenanceTest, OnlyTheHostMayVerifyOrBackUp) {
    const auto manager = archive_.consultants().add({"XH", "周敏", "", ConsultantRole::manager});
    Archive as_manager = archive_.as("manager:" + std::to_string(manager.id));
    SB_EXPECT_ERROR(as_manager.maintenance().verify(), forbidden, "actor", "takes the host system");
    SB_EXPECT_ERROR(as_manager.maintenance().backup(dir_.file("copy.db")), forbidden, "actor", "");
    EXPECT_FALSE(std::filesystem::exists(dir_.file("copy.db")));
}

TEST_F(MaintenanceTest, ABackupIsAWholeCopyWrittenThroughAPartialFile) {
    const std::string copy = dir_.file("copy.db");
    const BackupReport report = archive_.maintenance().backup(copy);
    EXPECT_EQ(report.path, copy);
    EXPECT_GT(report.pages, 0);
    EXPECT_EQ(report.bytes, static_cast<std::int64_t>(std::filesystem::file_size(copy)));
    EXPECT_EQ(report.schema_version, Archive::schema_version());
    EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));
    EXPECT_FALSE(std::filesystem::exists(copy + "-wal"));
    EXPECT_EQ(dump_archive(copy), dump());
    Archive reopened = open_existing(copy);
    EXPECT_TRUE(reopened.maintenance().verify().ok);
    EXPECT_EQ(reopened.info().customers, 4);
}

TEST_F(MaintenanceTest, ABackupRefusesToOverwriteUnlessAsked) {
    const std::string copy = dir_.file("copy.db");
    write_file(copy, "an earlier copy");
    SB_EXPECT_ERROR(archive_.maintenance().backup(copy), conflict, "destination", "exists already");
    EXPECT_EQ(read_file(copy), "an earlier copy");
    archive_.maintenance().backup(copy, true);
    EXPECT_EQ(dump_archive(copy), dump());
    SB_EXPECT_ERROR(archive_.maintenance().backup(path(), true), invalid_argument, "destination", "the archive itself");
    SB_EXPECT_ERROR(archive_.maintenance().backup(""), invalid_argument, "destination", "");
    SB_EXPECT_ERROR(archive_.maintenance().backup(dir_.file("no/such/dir/copy.db")), storage, "destination",
                    "cannot be created");
}

TEST_F(MaintenanceTest, ABackupWhileAnotherConnectionWritesIsConsistent) {
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread writer([&] {
        Archive other = Archive::open(path());
        for (int i = 100; !stop && i < 100000; ++i) {
            file(other, i);
            ++written;
        }
    });
    while (written < 20) std::this_thread::yield();
    std::vector<std::string> copies;
    for (int round = 0; round < 5; ++round) {
        copies.push_back(dir_.file("copy" + std::to_string(round) + ".db"));
        archive_.maintenance().backup(copies.back());
    }
    const int before_stop = written;
    stop = true;
    writer.join();
    EXPECT_GT(before_stop, 20);
    std::int64_t previous = 0;
    for (const auto& copy : copies) {
        SCOPED_TRACE(copy);
        Archive a = open_existing(copy);
        const VerifyReport report = a.maintenance().verify();
        EXPECT_TRUE(report.ok);   // every sequence whole: no half-written filing in the copy
        const std::int64_t customers = a.info().customers;
        EXPECT_GE(customers, previous);
        previous = customers;
    }
    EXPECT_TRUE(archive_.maintenance().verify().ok);
}

} // namespace
