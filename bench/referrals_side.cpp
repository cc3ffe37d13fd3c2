// The Snowball side of the referral-graph benchmark (bench/bench_referrals.py, docs/BENCHMARKS.md).
//
//   referrals_side build <db> <forest.tsv> <batch>
//       A fresh archive with one site; the forest's customers written straight into the customers
//       table with SQL (setup, not measured here: filing is what import_vs_* measures), then every
//       referral through Referrals::add_many, <batch> per call (one transaction each, every rule
//       checked). Timed: the add_many calls.
//   referrals_side analyse <db> <out.tsv>
//       A fresh process opens the archive (an empty cache) and computes PageRank
//       (Referrals::pagerank), descendant counts (Referrals::influence) and the social circles
//       (Referrals::circles); writes "customer_id, rank, descendants, circle" per node to out.tsv.
//       Timed: from the first call (which builds the graph from the archive) to the last result,
//       not opening the archive, not writing the file.
//
// forest.tsv: a line "#customers<TAB>N", then one line "referrer<TAB>referee" per referral, customers
// numbered 1..N (their row ids). Results are printed as "RESULT key=value" lines; the peak resident
// memory (VmHWM) as well.
#include "side_support.hpp"

#include <snowball/snowball.hpp>

#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using bench::Clock;
using bench::cpu_seconds;
using bench::seconds_since;

// The peak resident set of this process, in MB (VmHWM of /proc/self/status).
double peak_mb() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
    return 0;
}

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

// Writes customers 1..n of site 1 (the archive's only site) in one transaction.
void write_customers(const std::string& path, std::int64_t n) {
    sqlite3* db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db, "open");
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO customers(id, site_id, archive_no, channel, name, first_contact, filed_at, updated_at) "
                             "VALUES (?, 1, ?, 'visit', ?, date('now', '+8 hours'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
                             "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                             -1, &insert, nullptr),
          db, "prepare");
    char number[32], name[32];
    for (std::int64_t id = 1; id <= n; ++id) {
        std::snprintf(number, sizeof number, "XH-BENCH-%07lld", static_cast<long long>(id));
        std::snprintf(name, sizeof name, "客户%lld", static_cast<long long>(id));
        sqlite3_bind_int64(insert, 1, id);
        sqlite3_bind_text(insert, 2, number, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 3, name, -1, SQLITE_TRANSIENT);
        check(sqlite3_step(insert), db, "insert");
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    sqlite3_close(db);
}

int build(const std::string& path, const std::string& forest, std::size_t batch) {
    std::ifstream in(forest);
    if (!in) throw std::runtime_error("cannot read " + forest);
    std::int64_t customers = 0;
    std::vector<snowball::NewReferral> referrals;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("#customers\t", 0) == 0) {
            customers = std::atoll(line.c_str() + 11);
            continue;
        }
        if (line.empty() || line[0] == '#') continue;
        const std::size_t tab = line.find('\t');
        snowball::NewReferral r;
        r.referrer_id = std::atoll(line.c_str());
        r.referee_id = std::atoll(line.c_str() + tab + 1);
        r.method = snowball::ReferralMethod::chain;
        referrals.push_back(r);
    }
    if (customers <= 0) throw std::runtime_error("no #customers line in " + forest);
    {
        snowball::Archive archive = snowball::Archive::open(path, bench::open_options());
        archive.sites().add({"XH", "西湖印象售楼处", ""});
    }
    const auto setup = Clock::now();
    write_customers(path, customers);
    const double setup_seconds = seconds_since(setup);

    snowball::Archive archive = snowball::Archive::open(path, bench::open_options());
    std::size_t registered = 0;
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    for (std::size_t first = 0; first < referrals.size(); first += batch) {
        const std::vector<snowball::NewReferral> chunk(referrals.begin() + static_cast<std::ptrdiff_t>(first),
                                                       referrals.begin() + static_cast<std::ptrdiff_t>(std::min(referrals.size(), first + batch)));
        registered += archive.referrals().add_many(chunk).size();
    }
    const double elapsed = seconds_since(start), cpu = cpu_seconds() - cpu_start;
    std::printf("RESULT customers=%lld\nRESULT referrals=%zu\nRESULT setup_seconds=%.3f\n", static_cast<long long>(customers),
                registered, setup_seconds);
    std::printf("RESULT register_seconds=%.3f\nRESULT register_cpu_seconds=%.3f\nRESULT register_rate=%.1f\n", elapsed, cpu,
                static_cast<double>(registered) / elapsed);
    return 0;
}

int analyse(const std::string& path, const std::string& out_path) {
    snowball::OpenOptions options = bench::open_options();
    options.create = false;
    snowball::Archive archive = snowball::Archive::open(path, options);
    snowball::Referrals& referrals = archive.referrals();

    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    const std::vector<snowball::NodeScore> ranks = referrals.pagerank();   // builds the graph first
    const double pagerank_seconds = seconds_since(start);
    const std::vector<snowball::Influence> table = referrals.influence();
    const double influence_seconds = seconds_since(start) - pagerank_seconds;
    const std::vector<snowball::Circle> circles = referrals.circles({}, 1);
    const double elapsed = seconds_since(start), cpu = cpu_seconds() - cpu_start;
    const double peak = peak_mb();   // before the second handle below adds its own graph

    // The graph alone, rebuilt by a second handle (its cache is empty), for the "well under a
    // second" requirement: the smallest call that needs the whole graph.
    snowball::Archive other = snowball::Archive::open(path, options);
    const auto rebuild = Clock::now();
    (void)other.referrals().tree(ranks.empty() ? 1 : ranks.front().customer_id, 1);
    const double rebuild_seconds = seconds_since(rebuild);

    std::FILE* out = std::fopen(out_path.c_str(), "w");
    if (!out) throw std::runtime_error("cannot write " + out_path);
    for (std::size_t i = 0; i < ranks.size(); ++i)
        std::fprintf(out, "%lld\t%.17g\t%lld\t%lld\n", static_cast<long long>(ranks[i].customer_id), ranks[i].score,
                     static_cast<long long>(table[i].descendants), static_cast<long long>(table[i].circle));
    std::fclose(out);
    std::size_t members = 0;
    for (const snowball::Circle& c : circles) members += c.members.size();
    if (members != ranks.size()) throw std::runtime_error("the circles do not cover the graph");

    std::printf("RESULT nodes=%zu\nRESULT circles=%zu\n", ranks.size(), circles.size());
    std::printf("RESULT seconds=%.6f\nRESULT cpu_seconds=%.6f\n", elapsed, cpu);
    std::printf("RESULT pagerank_seconds=%.6f\nRESULT influence_seconds=%.6f\nRESULT circles_seconds=%.6f\n",
                pagerank_seconds, influence_seconds, elapsed - pagerank_seconds - influence_seconds);
    std::printf("RESULT rebuild_seconds=%.6f\nRESULT peak_mb=%.1f\n", rebuild_seconds, peak);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() == 4 && args[0] == "build") return build(args[1], args[2], static_cast<std::size_t>(std::atol(args[3].c_str())));
        if (args.size() == 3 && args[0] == "analyse") return analyse(args[1], args[2]);
        std::cerr << "usage: referrals_side build <db> <forest.tsv> <batch>\n"
                     "       referrals_side analyse <db> <out.tsv>\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "referrals_side: " << e.what() << "\n";
        return 1;
    }
}
