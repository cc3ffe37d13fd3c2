// What the C++ sides of `make bench` share: the clocks they report, how they open an archive, how
// they split the lines of their input files, their main's frame.
#pragma once

#include <snowball/snowball.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// User + system CPU time of this process: less disturbed than the wall clock by other load.
inline double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// synchronous=NORMAL, as the raw-SQLite peers; `create`: the file may be made.
inline snowball::OpenOptions open_options(bool create = true) {
    snowball::OpenOptions o;
    o.synchronous_full = false;
    o.create = create;
    return o;
}

// The fields of a line of an input file.
inline std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = line.find(sep, start);
        out.push_back(line.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) return out;
        start = at + 1;
    }
}

// The latency lines of a lookup loop: the mean over `elapsed` (the pass timed as a whole), the
// median and 99th percentile of `each` (one lookup each), and the sides' shared digest.
inline void print_latencies(std::vector<double> each, double elapsed, std::uint64_t digest) {
    std::sort(each.begin(), each.end());
    const std::size_t n = each.size();
    std::printf("RESULT mean_us=%.3f\nRESULT p50_us=%.3f\nRESULT p99_us=%.3f\nRESULT digest=%016" PRIx64 "\n",
                elapsed / static_cast<double>(n) * 1e6, each[n / 2] * 1e6, each[n * 99 / 100] * 1e6, digest);
}

// A side's main: `run` gets the arguments after the program's name and returns the exit status, or
// -1 when it does not know them (then `usage` is printed and the status is 2); an exception is
// printed as "<name>: <what>" (status 1).
template <class Run>
int side_main(int argc, char** argv, const char* name, const char* usage, Run run) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        const int status = run(args);
        if (status >= 0) return status;
        std::cerr << usage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << name << ": " << e.what() << '\n';
        return 1;
    }
}

} // namespace bench
