// Load: many processes filing into one archive while others read it and checkpoint its log. The
// test asserts what must hold under any load — every filing succeeds (no busy error reaches a
// caller), every archive number is unique and the sequence has no gap — and prints the latency of
// a filing (p50, p99, worst); it asserts no time (speed is for the benchmarks).
//
// Sizes: SNOWBALL_LOAD_WRITERS (default 16) processes × SNOWBALL_LOAD_FILINGS (default 300)
// filings each; `make test-long` runs 16 × 5,000. Writers take turns in the archive's write queue
// (src/archive/write_queue.hpp), so a filing waits for the writers ahead of it, not for luck: at
// 16 × 5,000 on 2 shared cores (2026-12-03), 0 busy errors, p50 46 ms, p99 292 ms, worst 0.9 s,
// where SQLite's unfair lock alone gave 272 busy errors and waits past the 10 s busy timeout
// (docs/TESTING.md, "Load").
#include "snowball/archive.hpp"
#include "snowball/customers.hpp"
#include "concurrent_filing.hpp"
#include "processes.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace snowball;
using namespace snowball::testing;

namespace {

using Clock = std::chrono::steady_clock;

int env_size(const char* name, int fallback) {
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') return fallback;
    const int value = std::atoi(text);
    return value > 0 ? value : fallback;
}

// What the processes share: a start line and how many writers are done (an anonymous shared
// mapping made before the fork).
struct Shared {
    std::atomic<int> ready{0};
    std::atomic<int> writers_done{0};
};

Shared* make_shared_state() {
    void* memory = mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) return nullptr;
    return new (memory) Shared;
}

// Every process opens its archive, then waits for all the others (a minute at most: one may have
// failed to open): the load starts at once.
void start_together(Shared& shared, int processes) {
    ++shared.ready;
    const auto give_up = Clock::now() + std::chrono::minutes(1);
    while (shared.ready.load() < processes && Clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// A writer: files `count` customers, each its own call, and writes the latency of each (µs) to
// `latencies`, failed calls included. Any error is a failure.
int writer(const std::string& path, Shared& shared, int processes, int w, int count, const std::string& latencies) {
    struct Done {
        Shared& shared;
        ~Done() { ++shared.writers_done; }
    } done{shared};
    int errors = 0;
    std::vector<std::int64_t> micros;
    try {
        Archive archive = Archive::open(path);
        micros.reserve(count);
        start_together(shared, processes);
        for (int i = 0; i < count; ++i) {
            const auto t0 = Clock::now();
            try {
                const Customer c = archive.customers().add(filing(w, i));
                if (c.mobile != mobile_of(w, i)) {
                    std::fprintf(stderr, "writer %d: wrong customer back for %s\n", w, mobile_of(w, i).c_str());
                    ++errors;
                }
            } catch (const Error& e) {
                std::fprintf(stderr, "writer %d, filing %d: %s: %s\n", w, i, status_name(e.status()), e.what());
                ++errors;
            }
            micros.push_back(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count());
        }
    } catch (const Error& e) {
        std::fprintf(stderr, "writer %d: %s: %s\n", w, status_name(e.status()), e.what());
        ++errors;
    }
    std::ofstream out(latencies, std::ios::binary);
    out.write(reinterpret_cast<const char*>(micros.data()), static_cast<std::streamsize>(micros.size() * sizeof(std::int64_t)));
    return out && errors == 0 ? 0 : 1;
}

// A reader: looks customers up by phone and lists the newest until every writer is done.
int reader(const std::string& path, Shared& shared, int processes, int writers, int count, int r) {
    try {
        Archive archive = Archive::open(path);
        start_together(shared, processes);
        std::mt19937 random(static_cast<unsigned>(r));
        std::int64_t lookups = 0, found = 0;
        while (shared.writers_done.load() < writers) {
            const int w = static_cast<int>(random() % static_cast<unsigned>(writers));
            const int i = static_cast<int>(random() % static_cast<unsigned>(count));
            if (archive.customers().by_phone(mobile_of(w, i), "XH")) ++found;
            CustomerQuery newest;
            newest.site = "XH";
            newest.limit = 20;
            archive.customers().list(newest);
            lookups += 2;
        }
        std::printf("LOAD reader %d: %lld lookups, %lld customers found\n", r, static_cast<long long>(lookups),
                    static_cast<long long>(found));
        return 0;
    } catch (const Error& e) {
        std::fprintf(stderr, "reader %d: %s: %s\n", r, status_name(e.status()), e.what());
        return 1;
    }
}

// A checkpointer, as a host's maintenance job would run one from its own connection (docs/DESIGN.md,
// "Write queue"): every 20 ms a PASSIVE checkpoint (copies the log into the file, waits for no
// one), and every second a TRUNCATE (empties the log) with a short busy timeout, 100 ms: it takes
// SQLite's write lock outside Snowball's write queue and keeps it while it waits for readers, so
// every writer waits as long as it does. Until every writer is done.
int checkpointer(const std::string& path, Shared& shared, int processes, int writers) {
    try {
        SQLite::Database db(path, SQLite::OPEN_READWRITE, 100);
        start_together(shared, processes);
        std::int64_t passive = 0, truncated = 0, incomplete = 0;
        for (int round = 1; shared.writers_done.load() < writers; ++round) {
            const bool truncate = round % 50 == 0;
            SQLite::Statement q(db, truncate ? "PRAGMA wal_checkpoint(TRUNCATE)" : "PRAGMA wal_checkpoint(PASSIVE)");
            q.executeStep();
            if (!truncate) ++passive;
            else ++(q.getColumn(0).getInt() == 0 ? truncated : incomplete);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        std::printf("LOAD checkpointer: %lld passive checkpoints, %lld logs emptied (TRUNCATE), %lld left to a "
                    "reader or writer\n",
                    static_cast<long long>(passive), static_cast<long long>(truncated), static_cast<long long>(incomplete));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "checkpointer: %s\n", e.what());
        return 1;
    }
}

double percentile_ms(const std::vector<std::int64_t>& sorted, double p) {
    const std::size_t at = std::min(sorted.size() - 1, static_cast<std::size_t>(p * static_cast<double>(sorted.size())));
    return static_cast<double>(sorted[at]) / 1000.0;
}

} // namespace

TEST(Load, WritersReadersAndCheckpointsOnOneArchive) {
    const int writers = env_size("SNOWBALL_LOAD_WRITERS", 16);
    const int count = env_size("SNOWBALL_LOAD_FILINGS", 300);
    constexpr int readers = 2;
    const int processes = writers + readers + 1;
    TempDir dir;
    const std::string path = dir.file("archive.db");
    {
        Archive archive = Archive::open(path);
        archive.sites().add({"XH", "祥和花园", ""});
    }   // closed before the fork
    Shared* shared = make_shared_state();
    ASSERT_NE(shared, nullptr);
    const auto latencies = [&](int w) { return dir.file("latencies-" + std::to_string(w)); };

    const auto t0 = Clock::now();
    run_processes(processes, [&](int p) {
        if (p < writers) return writer(path, *shared, processes, p, count, latencies(p));
        if (p < writers + readers) return reader(path, *shared, processes, writers, count, p - writers);
        return checkpointer(path, *shared, processes, writers);
    });
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    munmap(shared, sizeof(Shared));

    std::vector<std::int64_t> all;
    for (int w = 0; w < writers; ++w) {
        const std::string bytes = read_file(latencies(w));
        const auto* begin = reinterpret_cast<const std::int64_t*>(bytes.data());
        all.insert(all.end(), begin, begin + bytes.size() / sizeof(std::int64_t));
    }
    ASSERT_EQ(all.size(), static_cast<std::size_t>(writers * count)) << "a writer's latencies are missing";
    std::sort(all.begin(), all.end());
    std::printf("LOAD filings=%zu writers=%d readers=%d seconds=%.1f rate=%.0f/s p50=%.1fms p90=%.1fms p99=%.1fms "
                "p99.9=%.1fms worst=%.1fms\n",
                all.size(), writers, readers, seconds, static_cast<double>(all.size()) / seconds,
                percentile_ms(all, 0.50), percentile_ms(all, 0.90), percentile_ms(all, 0.99), percentile_ms(all, 0.999),
                static_cast<double>(all.back()) / 1000.0);
    expect_complete_sequence(path, writers * count);
    for (int w = 0; w < writers; ++w)
        EXPECT_EQ(RawDb(path).count("customers", "mobile = '" + mobile_of(w, count - 1) + "'"), 1) << "writer " << w;
    EXPECT_EQ(Archive::open(path).info().customers, writers * count);
}
