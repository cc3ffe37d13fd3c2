// Archive numbers under concurrency: many processes and threads filing into one archive file get
// every number of the sequence exactly once (no duplicate, no gap).
#include "snowball/archive.hpp"
#include "snowball/customers.hpp"
#include "snowball/numbering.hpp"
#include "concurrent_filing.hpp"
#include "processes.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

// The lock protocol is what these tests prove, not durability: commits without fsync keep the
// runs short, and a generous busy timeout keeps a loaded CI machine (other tests writing, two
// cores) from starving one writer past the default 10 s.
snowball::OpenOptions contended() {
    snowball::OpenOptions o;
    o.synchronous_full = false;
    o.busy_timeout_ms = 60000;
    return o;
}


using namespace snowball;
using namespace snowball::testing;

constexpr int filings_per_worker = 1000;

void create_archive(const std::string& path) {
    Archive a = Archive::open(path, contended());
    a.sites().add({"XH", "祥和花园", ""});
}

// Files `count` customers for `worker`; returns an error message, empty on success.
std::string file_many(Archive& archive, int worker, int count) {
    try {
        for (int i = 0; i < count; ++i) {
            const Customer c = archive.customers().add(filing(worker, i));
            if (!numbering::is_valid_archive_no(c.archive_no)) return "invalid number " + c.archive_no;
            if (c.mobile != mobile_of(worker, i)) return "wrong customer back for " + mobile_of(worker, i);
        }
        return {};
    } catch (const Error& e) {
        return std::string(status_name(e.status())) + ": " + e.what();
    } catch (const std::exception& e) {
        return std::string("exception: ") + e.what();
    }
}

TEST(Concurrency, EightProcessesFilingIntoOneArchive) {
    TempDir dir;
    const std::string path = dir.file("archive.db");
    create_archive(path);   // closed again before the fork: no connection crosses it
    run_processes(8, [&](int w) {
        Archive archive = Archive::open(path, contended());
        const std::string error = file_many(archive, w, filings_per_worker);
        if (!error.empty()) {
            std::fprintf(stderr, "worker %d: %s\n", w, error.c_str());
            return 1;
        }
        return 0;
    });
    expect_complete_sequence(path, 8 * filings_per_worker);
    // Each worker's filings are all there.
    EXPECT_EQ(RawDb(path).count("customers", "mobile = '" + mobile_of(7, filings_per_worker - 1) + "'"), 1);
    Archive archive = Archive::open(path, contended());
    EXPECT_EQ(archive.info().customers, 8 * filings_per_worker);
}

TEST(Concurrency, FourThreadsSharingOneHandle) {
    TempDir dir;
    const std::string path = dir.file("archive.db");
    create_archive(path);
    Archive archive = Archive::open(path, contended());
    std::mutex mutex;
    std::vector<std::string> errors;
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w)
        threads.emplace_back([&, w] {
            const std::string error = file_many(archive, w, filings_per_worker);
            std::lock_guard<std::mutex> lock(mutex);
            if (!error.empty()) errors.push_back("thread " + std::to_string(w) + ": " + error);
        });
    for (auto& t : threads) t.join();
    EXPECT_TRUE(errors.empty()) << errors.front();
    expect_complete_sequence(path, 4 * filings_per_worker);
    EXPECT_EQ(archive.info().customers, 4 * filings_per_worker);
}

TEST(Concurrency, FourThreadsWithTheirOwnHandles) {
    TempDir dir;
    const std::string path = dir.file("archive.db");
    create_archive(path);
    std::mutex mutex;
    std::vector<std::string> errors;
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w)
        threads.emplace_back([&, w] {
            std::string error;
            try {
                Archive archive = Archive::open(path, contended());
                error = file_many(archive, w, filings_per_worker);
            } catch (const Error& e) {
                error = e.what();
            }
            std::lock_guard<std::mutex> lock(mutex);
            if (!error.empty()) errors.push_back("thread " + std::to_string(w) + ": " + error);
        });
    for (auto& t : threads) t.join();
    EXPECT_TRUE(errors.empty()) << errors.front();
    expect_complete_sequence(path, 4 * filings_per_worker);
}

// Several processes creating the same new archive at once: one migrates, the others wait and
// find it migrated; none fails.
TEST(Concurrency, ProcessesCreatingTheSameArchive) {
    TempDir dir;
    const std::string path = dir.file("fresh.db");
    run_processes(8, [&](int w) {
        try {
            Archive archive = Archive::open(path, contended());
            const std::string code = std::string("S") + std::to_string(w);
            archive.sites().add({code, "site " + code, ""});
            for (int i = 0; i < 50; ++i) {
                NewCustomer c = filing(w, i);
                c.site = code;
                archive.customers().add(c);
            }
            return 0;
        } catch (const Error& e) {
            std::fprintf(stderr, "worker %d: %s: %s\n", w, status_name(e.status()), e.what());
            return 1;
        }
    });
    RawDb db(path);
    EXPECT_EQ(db.integer("PRAGMA user_version"), Archive::schema_version());
    EXPECT_EQ(db.count("sites"), 8);
    EXPECT_EQ(db.count("customers"), 8 * 50);
    EXPECT_EQ(db.count("archive_meta", "key IN ('created_at', 'created_by')"), 2);   // the identity, once
    EXPECT_EQ(db.integer("SELECT count(*) FROM number_sequences WHERE last_seq = 50"), 8);
}

} // namespace
