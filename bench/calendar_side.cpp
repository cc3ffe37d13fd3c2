// The Snowball side of the calendar benchmarks of `make bench` (bench/bench_calendar.py,
// docs/BENCHMARKS.md "The care calendar").
//
//   calendar_side lunar <dates.txt> <min_seconds> <results.txt>
//       Converts every date of <dates.txt> ("YYYY-MM-DD" lines, parsed before the clock starts)
//       with snowball::calendar::to_lunar, pass after pass until <min_seconds> have gone by (at
//       least 3 timed passes, after one untimed warm-up pass); writes each date's lunar date to
//       <results.txt> as year*100000 + month*1000 + leap*100 + day, the same code as the Node peers.
//   calendar_side build <db> <first> <count> <family_per_customer> <owner_share> <seed>
//       Files customers [first, first + count) of the synthetic archive (bench/synthetic_archive.hpp)
//       through Customers::add_many, their owners' deals through Customers::record_deal, then
//       <family_per_customer> family members per customer on average with plain SQL. With first = 0
//       the archive is created (site XH, six consultants). Not timed by the benchmark.
//   calendar_side agenda <db> <from> <to> <site|consultant id> <calls>
//       CareCalendar::agenda for the window and scope, <calls> times in a row; each call's wall and
//       CPU seconds, the tasks it returned and their occasions by kind.
//
// Results are printed as "RESULT key=value" lines for bench/bench_calendar.py.
#include "side_support.hpp"
#include "synthetic_archive.hpp"

#include <snowball/snowball.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using bench::Clock;
using bench::cpu_seconds;
using bench::seconds_since;

std::uint32_t code_of(const snowball::calendar::LunarDate& l) {
    return static_cast<std::uint32_t>(l.year * 100000 + l.month * 1000 + (l.leap ? 100 : 0) + l.day);
}

int lunar(const std::string& dates_path, double min_seconds, const std::string& results_path) {
    std::ifstream in(dates_path);
    if (!in) throw std::runtime_error("cannot read " + dates_path);
    std::vector<snowball::Date> dates;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) dates.push_back(snowball::parse_date(line));
    if (dates.empty()) throw std::runtime_error("no dates");

    std::uint32_t check = 0;
    for (const snowball::Date& d : dates) check = check * 31 + code_of(snowball::calendar::to_lunar(d));   // warm-up
    std::size_t passes = 0;
    std::uint32_t h = 0;
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    double elapsed = 0;
    while (passes < 3 || elapsed < min_seconds) {
        h = 0;
        for (const snowball::Date& d : dates) h = h * 31 + code_of(snowball::calendar::to_lunar(d));
        ++passes;
        elapsed = seconds_since(start);
    }
    const double cpu = cpu_seconds() - cpu_start;
    if (h != check) throw std::runtime_error("the passes disagree");

    std::ofstream out(results_path);
    for (const snowball::Date& d : dates) out << code_of(snowball::calendar::to_lunar(d)) << '\n';
    const double conversions = static_cast<double>(passes) * static_cast<double>(dates.size());
    std::printf("RESULT side=snowball\nRESULT dates=%zu\nRESULT passes=%zu\nRESULT seconds=%.6f\nRESULT cpu_seconds=%.6f\n",
                dates.size(), passes, elapsed, cpu);
    std::printf("RESULT rate=%.1f\nRESULT digest=%08" PRIx32 "\n", conversions / elapsed, h);
    return 0;
}

int build(const std::string& db, std::uint64_t first, std::uint64_t count, double family_per_customer,
          double owner_share, std::uint64_t seed) {
    bench::ArchiveShape shape;
    shape.seed = seed;
    shape.owner_share = owner_share;
    const auto start = Clock::now();
    std::int64_t first_id = 0, last_id = 0;
    bench::Filed filed;
    {
        snowball::Archive archive = snowball::Archive::open(db, bench::open_options(first == 0));
        if (first == 0) bench::add_site_and_consultants(archive);
        filed = bench::file_customers(archive, shape, first, count);
    }
    const double filing = seconds_since(start);
    bench::RawDb raw(db);
    {
        sqlite3_stmt* q = raw.prepare("SELECT max(id) FROM customers");
        sqlite3_step(q);
        last_id = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
        first_id = last_id - static_cast<std::int64_t>(filed.customers) + 1;
    }
    const std::uint64_t family = bench::add_family(raw, shape, first_id, last_id, family_per_customer);
    std::printf("RESULT customers=%" PRIu64 "\nRESULT deals=%" PRIu64 "\nRESULT family_members=%" PRIu64 "\n", filed.customers,
                filed.deals, family);
    std::printf("RESULT filing_seconds=%.3f\nRESULT seconds=%.3f\n", filing, seconds_since(start));
    return 0;
}

int agenda(const std::string& db, const std::string& from, const std::string& to, const std::string& scope, int calls) {
    using namespace snowball;
    Archive archive = Archive::open(db, bench::open_options(false));
    AgendaQuery q;
    q.from = parse_date(from);
    q.to = parse_date(to);
    if (scope == "site") q.site = bench::kSiteCode;
    else q.consultant_id = std::atoll(scope.c_str());
    for (int call = 1; call <= calls; ++call) {
        const auto start = Clock::now();
        const double cpu_start = cpu_seconds();
        const std::vector<CareTask> tasks = archive.calendar().agenda(q);
        const double elapsed = seconds_since(start), cpu = cpu_seconds() - cpu_start;
        std::map<std::string, std::size_t> kinds;
        std::uint64_t h = 1469598103934665603ULL;
        for (const CareTask& t : tasks) {
            for (const TaskOccasion& o : t.occasions) ++kinds[to_string(o.kind)];
            for (unsigned char c : std::to_string(t.customer_id) + to_iso(t.date)) h = (h ^ c) * 1099511628211ULL;
        }
        std::printf("RESULT call%d_seconds=%.6f\nRESULT call%d_cpu_seconds=%.6f\nRESULT call%d_tasks=%zu\n", call, elapsed,
                    call, cpu, call, tasks.size());
        std::printf("RESULT call%d_digest=%016" PRIx64 "\n", call, h);
        if (call == 1)
            for (const auto& [kind, n] : kinds) std::printf("RESULT occasions_%s=%zu\n", kind.c_str(), n);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> a(argv + 1, argv + argc);
        if (a.size() == 4 && a[0] == "lunar") return lunar(a[1], std::atof(a[2].c_str()), a[3]);
        if (a.size() == 7 && a[0] == "build")
            return build(a[1], std::strtoull(a[2].c_str(), nullptr, 10), std::strtoull(a[3].c_str(), nullptr, 10),
                         std::atof(a[4].c_str()), std::atof(a[5].c_str()), std::strtoull(a[6].c_str(), nullptr, 10));
        if (a.size() == 6 && a[0] == "agenda") return agenda(a[1], a[2], a[3], a[4], std::atoi(a[5].c_str()));
        std::cerr << "usage: calendar_side lunar <dates.txt> <min_seconds> <results.txt>\n"
                     "       calendar_side build <db> <first> <count> <family_per_customer> <owner_share> <seed>\n"
                     "       calendar_side agenda <db> <from> <to> <site|consultant id> <calls>\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "calendar_side: " << e.what() << '\n';
        return 1;
    }
}
