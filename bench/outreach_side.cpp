// The Snowball side of the outreach benchmark (bench/bench_outreach.py, docs/BENCHMARKS.md
// "Outreach"); bench/outreach_sqlite_side.c is its raw-SQLite peer.
//
//   outreach_side build <db> <customers> <seed>
//       A new archive (WAL, synchronous_full = false): the site XH, six consultants, <customers>
//       customers through Customers::add_many (10,000 per call) and the owners' deals (30 % of the
//       customers) through Customers::record_deal (bench/synthetic_archive.hpp); then a
//       do-not-contact objection for one customer in 2,000 through Consents::object (every channel,
//       SMS, calls or WeChat). Not timed by the benchmark.
//   outreach_side send <db> <key> <text> <festival> <at>
//       One Outreach::send: the item <key> to the owners of XH by SMS, <text> rendered per owner
//       with {festival} = <festival>, at the moment <at>, through a sender that counts its calls
//       and returns "SMS<delivery id>". Timed: the call.
//
// Results are printed as "RESULT key=value" lines.
#include "side_support.hpp"
#include "synthetic_archive.hpp"

#include <snowball/snowball.hpp>

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using bench::Clock;
using bench::cpu_seconds;
using bench::seconds_since;

constexpr double kOwnerShare = 0.30;

int build(const std::string& db, std::uint64_t customers, std::uint64_t seed) {
    bench::ArchiveShape shape;
    shape.seed = seed;
    shape.owner_share = kOwnerShare;
    const auto start = Clock::now();
    snowball::Archive archive = snowball::Archive::open(db, bench::open_options(true));
    bench::add_site_and_consultants(archive);
    const bench::Filed filed = bench::file_customers(archive, shape, 0, customers);
    const double filing = seconds_since(start);
    // Customers who asked not to be contacted: every channel 40 %, SMS 10 %, calls 35 %, WeChat 15 %
    // (only the first two keep a festival SMS from them).
    static const char* const channels[] = {"", "sms", "phone", "wechat"};
    const std::uint64_t objections = std::max<std::uint64_t>(5, customers / 2000);
    for (std::uint64_t k = 0; k < objections; ++k) {
        bench::Rng r(seed, 30, k);
        const double u = r.real();
        const char* channel = channels[u < 0.40 ? 0 : u < 0.50 ? 1 : u < 0.85 ? 2 : 3];
        const std::int64_t customer = static_cast<std::int64_t>(k * (customers / objections) + r.below(customers / objections)) + 1;
        archive.consents().object(customer, snowball::Purpose::service, channel);
    }
    const snowball::ArchiveInfo info = archive.info();
    std::printf("RESULT customers=%" PRIu64 "\nRESULT deals=%" PRIu64 "\nRESULT owners=%lld\nRESULT objections=%" PRIu64
                "\nRESULT filing_seconds=%.1f\nRESULT seconds=%.1f\n",
                filed.customers, filed.deals, static_cast<long long>(info.owners), objections, filing, seconds_since(start));
    return 0;
}

int send(const std::string& db, const std::string& key, const std::string& text, const std::string& festival, const std::string& at) {
    snowball::Archive archive = snowball::Archive::open(db, bench::open_options(false));
    std::atomic<std::int64_t> calls{0};
    snowball::Sending s;
    s.key = key;
    snowball::Recipients owners;
    owners.scope = snowball::AudienceScope::site_owners;
    owners.site = bench::kSiteCode;
    s.audience = {owners};
    s.channel = snowball::ContactChannel::sms;
    s.text = text;
    s.values = {{"festival", festival}};
    s.at = at;
    s.sender = [&calls](const snowball::OutgoingMessage& m) {
        ++calls;
        return "SMS" + std::to_string(m.delivery_id);
    };
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    const snowball::SendResult r = archive.outreach().send(s);
    const double elapsed = seconds_since(start), cpu = cpu_seconds() - cpu_start;
    std::printf("RESULT side=snowball\nRESULT recipients=%lld\nRESULT sent=%lld\nRESULT skipped=%lld\nRESULT failed=%lld\n"
                "RESULT held=%lld\nRESULT timed_out=%lld\nRESULT sender_calls=%lld\n",
                static_cast<long long>(r.recipients), static_cast<long long>(r.sent), static_cast<long long>(r.skipped),
                static_cast<long long>(r.failed), static_cast<long long>(r.held), static_cast<long long>(r.timed_out),
                static_cast<long long>(calls.load()));
    for (const auto& [reason, n] : r.reasons) std::printf("RESULT reason_%s=%lld\n", reason.c_str(), static_cast<long long>(n));
    std::printf("RESULT seconds=%.6f\nRESULT cpu_seconds=%.6f\nRESULT rate=%.1f\n", elapsed, cpu,
                static_cast<double>(r.recipients) / elapsed);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    return bench::side_main(argc, argv, "outreach_side",
                            "usage: outreach_side build <db> <customers> <seed>\n"
                            "       outreach_side send <db> <key> <text> <festival> <at>\n",
                            [](const std::vector<std::string>& a) {
                                if (a.size() == 4 && a[0] == "build")
                                    return build(a[1], std::strtoull(a[2].c_str(), nullptr, 10), std::strtoull(a[3].c_str(), nullptr, 10));
                                if (a.size() == 6 && a[0] == "send") return send(a[1], a[2], a[3], a[4], a[5]);
                                return -1;
                            });
}
