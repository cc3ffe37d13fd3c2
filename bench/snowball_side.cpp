// The Snowball side of `make bench` (docs/BENCHMARKS.md): the same job as bench/sqlite_side.c,
// through the public C++ API.
//
//   snowball_side import <db> <data.tsv> <batch>
//       Archive::open (WAL, synchronous_full = false, i.e. synchronous=NORMAL), the site and the
//       consultants of the data file, then every customer through Customers::add_many, <batch>
//       customers per call (one transaction each).
//   snowball_side lookup <db> <phones.txt> <warmup>
//       Customers::by_phone(phone, site) for each phone.
//
// Results are printed as "RESULT key=value" lines for bench/run.py. The timed sections cover the
// add_many calls and the lookup loop only: not reading the data file, not building the
// NewCustomer values, not opening or closing the archive.
#include "side_support.hpp"

#include <snowball/snowball.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using bench::Clock;
using bench::cpu_seconds;
using bench::seconds_since;

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) return out;
        start = tab + 1;
    }
}

int import_archive(const std::string& db, const std::string& data_path, std::size_t batch) {
    using namespace snowball;
    std::ifstream in(data_path);
    if (!in) throw std::runtime_error("cannot read " + data_path);
    std::string site_code, site_name, today;
    std::vector<NewConsultant> consultants;
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> f = split_tabs(line);
        if (f[0] == "#site" && f.size() == 3) {
            site_code = f[1];
            site_name = f[2];
        } else if (f[0] == "#today" && f.size() == 2) {
            today = f[1];
        } else if (f[0] == "#consultant" && f.size() == 3) {
            consultants.push_back({site_code, f[1], f[2]});
        } else if (!f[0].empty() && f[0][0] != '#') {
            if (f.size() != 9) throw std::runtime_error("malformed data line: " + line);
            rows.push_back(std::move(f));
        }
    }
    // The data file's today is the day the peers file under; Snowball files under its own today.
    if (today != to_iso(today_in_china()))
        throw std::runtime_error("the data file was made for " + today + " but today in China is " +
                                 to_iso(today_in_china()) + "; run the benchmark again");

    Archive archive = Archive::open(db, bench::open_options());
    archive.sites().add({site_code, site_name, ""});
    std::vector<std::int64_t> consultant_ids;
    for (const NewConsultant& c : consultants) consultant_ids.push_back(archive.consultants().add(c).id);

    // The input, as an application holds it before filing: NewCustomer values in chunks.
    std::vector<std::vector<NewCustomer>> chunks;
    for (std::size_t first = 0; first < rows.size(); first += batch) {
        std::vector<NewCustomer>& chunk = chunks.emplace_back();
        const std::size_t last = std::min(rows.size(), first + batch);
        chunk.reserve(last - first);
        for (std::size_t i = first; i < last; ++i) {
            const std::vector<std::string>& f = rows[i];
            NewCustomer c;
            c.site = site_code;
            c.channel = parse_channel(f[0]);
            c.name = f[1];
            c.gender = parse_gender(f[2]);
            c.mobile = f[3];
            const long consultant = std::atol(f[4].c_str());
            if (consultant > 0) c.consultant_id = consultant_ids.at(static_cast<std::size_t>(consultant - 1));
            c.tier = parse_tier(f[5]);
            if (!f[7].empty()) c.phones.push_back({parse_phone_kind(f[6]), f[7]});
            c.note = f[8];
            chunk.push_back(std::move(c));
        }
    }
    rows.clear();
    rows.shrink_to_fit();

    std::size_t filed = 0;
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    for (const auto& chunk : chunks) filed += archive.customers().add_many(chunk).size();
    const double elapsed = seconds_since(start), cpu = cpu_seconds() - cpu_start;

    std::printf("RESULT side=snowball\nRESULT customers=%zu\nRESULT batch=%zu\nRESULT seconds=%.6f\nRESULT rate=%.1f\n",
                filed, batch, elapsed, static_cast<double>(filed) / elapsed);
    std::printf("RESULT cpu_seconds=%.6f\nRESULT snowball_version=%s\n", cpu, SNOWBALL_VERSION);
    return 0;
}

std::uint64_t fnv(std::uint64_t h, const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return h;
}

// The same digest as sqlite_side.c: the answers of both sides must agree.
std::uint64_t digest(std::uint64_t h, const std::optional<snowball::Customer>& c) {
    if (!c) return fnv(h, "-;");
    h = fnv(h, c->archive_no);
    h = fnv(h, "|");
    h = fnv(h, c->name);
    for (const snowball::Phone& p : c->phones) {
        h = fnv(h, "|");
        h = fnv(h, p.number);
    }
    return fnv(h, ";");
}

int lookup(const std::string& db, const std::string& phones_path, int warmup) {
    using namespace snowball;
    std::ifstream in(phones_path);
    if (!in) throw std::runtime_error("cannot read " + phones_path);
    std::vector<std::string> phones;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) phones.push_back(line);
    if (phones.empty()) throw std::runtime_error("no phones to look up");
    const std::string site = "XH";

    OpenOptions options = bench::open_options();
    options.create = false;
    Archive archive = Archive::open(db, options);
    Customers& customers = archive.customers();
    for (int i = 0; i < warmup; ++i) (void)customers.by_phone(phones[static_cast<std::size_t>(i) % phones.size()], site);

    // Pass 1: the mean, timed over the whole loop.
    std::uint64_t h = 1469598103934665603ULL;
    std::size_t found = 0;
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    for (const std::string& phone : phones) {
        const std::optional<Customer> c = customers.by_phone(phone, site);
        found += c ? 1 : 0;
        h = digest(h, c);
    }
    const double elapsed = seconds_since(start), cpu = cpu_seconds() - cpu_start;

    // Pass 2: the same lookups timed one by one, for the percentiles.
    std::vector<double> each;
    each.reserve(phones.size());
    for (const std::string& phone : phones) {
        const auto t0 = Clock::now();
        (void)customers.by_phone(phone, site);
        each.push_back(seconds_since(t0));
    }
    std::printf("RESULT side=snowball\nRESULT lookups=%zu\nRESULT found=%zu\nRESULT seconds=%.6f\n", phones.size(), found,
                elapsed);
    std::printf("RESULT cpu_seconds=%.6f\n", cpu);
    bench::print_latencies(std::move(each), elapsed, h);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() == 4 && args[0] == "import") {
            const long batch = std::atol(args[3].c_str());
            if (batch < 1) throw std::runtime_error("batch must be positive");
            return import_archive(args[1], args[2], static_cast<std::size_t>(batch));
        }
        if (args.size() == 4 && args[0] == "lookup") return lookup(args[1], args[2], std::atoi(args[3].c_str()));
        std::cerr << "usage: snowball_side import <db> <data.tsv> <batch>\n"
                     "       snowball_side lookup <db> <phones.txt> <warmup>\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "snowball_side: " << e.what() << '\n';
        return 1;
    }
}
