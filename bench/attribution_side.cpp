// The Snowball side of the judging benchmark (bench/bench_attribution.py, docs/BENCHMARKS.md
// "Attribution") and the builder of its archive.
//
//   attribution_side build <db> <customers> <registrations> <seed>
//       A new archive through Archive::open (the real schema, version 15): the site XH, six
//       consultants and three channel partners through the API; then, with plain SQL on the closed
//       file, <customers> customers (each with their mobile in customer_phones, filed by a phone
//       inquiry in the last 5 days: protected) and <registrations> registrations spread over the
//       two years before the last 60 days (so all expired): one on each customer's phone (confirmed,
//       linked), the rest on other phones, 10 % of those partial ("138****8000"), by consultants and
//       partners. Not timed.
//   attribution_side judge <db> <count> <seed>
//       Judges <count> walk-ins by phone through Registrations::judge: a third customers on file, a
//       third phones only registered (expired: the pool, not on file), a third phones nobody knows;
//       after 1,000 judgings to warm the cache. Timed: the calls. Checks that nothing was written.
//
// Results are printed as "RESULT key=value" lines.
#include <snowball/snowball.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

const char* const prefixes[] = {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                                "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "180",
                                "181", "182", "185", "186", "187", "188"};
constexpr int n_prefixes = 30;

// A distinct mobile for each index of a family (0: customers, 1: other registrations, 2: unknown).
std::string phone(long long i, int family) {
    const long long multiplier[] = {48271, 69621, 16807};
    const long long offset[] = {12345, 777777, 31415926};
    const long long tail = (i * multiplier[family] + offset[family]) % 100000000LL;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%08lld", prefixes[(i + family * 7) % n_prefixes], tail);
    return buf;
}

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

struct Rng {
    unsigned long long s;
    unsigned long long next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
};

std::string day_text(snowball::Date d) { return snowball::to_iso(d); }

int build(const std::string& path, long long customers, long long registrations, unsigned long long seed) {
    using namespace snowball;
    const auto t0 = std::chrono::steady_clock::now();
    {
        Archive a = Archive::open(path);
        a.sites().add({"XH", "西湖印象售楼处", ""});
        for (const char* n : {"王芳", "李娜", "张磊", "刘洋", "陈静", "杨帆"}) a.consultants().add({"XH", n, ""});
        for (const char* n : {"链家", "我爱我家", "房多多"}) {
            NewPartner p;
            p.site = "XH";
            p.name = n;
            a.registrations().add_partner(p);
        }
    }
    sqlite3* db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db, "open");
    check(sqlite3_exec(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* c = nullptr;
    sqlite3_stmt* p = nullptr;
    sqlite3_stmt* r = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO customers(id, site_id, archive_no, channel, name, mobile, consultant_id, first_contact, "
                                 "filed_at, updated_at) VALUES (?, 1, ?, 'call', ?, ?, ?, ?, ?, ?)", -1, &c, nullptr), db, "prepare");
    check(sqlite3_prepare_v2(db, "INSERT INTO customer_phones(phone, site_id, customer_id, kind) VALUES (?, 1, ?, 'mobile')", -1, &p,
                             nullptr), db, "prepare");
    check(sqlite3_prepare_v2(db, "INSERT INTO registrations(site_id, phone, partial, prefix, suffix, match_key, name, channel, "
                                 "consultant_id, partner_id, customer_id, status, registered_at, day, expires, confirmed_on, created_by) "
                                 "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'host')", -1, &r, nullptr), db, "prepare");
    const Date today = today_in_china();
    const std::string now = day_text(today) + "T02:00:00Z";
    for (long long i = 1; i <= customers; ++i) {
        const std::string ph = phone(i, 0), no = "XH-C-" + std::to_string(i), name = "客户" + std::to_string(i);
        const std::string first = day_text(today - boost::gregorian::days(i % 5));
        sqlite3_bind_int64(c, 1, i);
        sqlite3_bind_text(c, 2, no.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c, 3, name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c, 4, ph.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(c, 5, 1 + i % 6);
        sqlite3_bind_text(c, 6, first.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c, 7, now.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c, 8, now.c_str(), -1, SQLITE_TRANSIENT);
        check(sqlite3_step(c), db, "customer");
        sqlite3_reset(c);
        sqlite3_bind_text(p, 1, ph.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(p, 2, i);
        check(sqlite3_step(p), db, "phone");
        sqlite3_reset(p);
    }
    Rng rng{seed | 1};
    for (long long j = 1; j <= registrations; ++j) {
        const bool on_customer = j <= customers;
        std::string ph = on_customer ? phone(j, 0) : phone(j, 1);
        const bool partial = !on_customer && rng.next() % 10 == 0;
        const std::string key = ph.substr(0, 3) + ph.substr(7, 4);
        std::string prefix = ph, suffix;
        if (partial) {
            prefix = ph.substr(0, 3);
            suffix = ph.substr(7);
            ph = prefix + "****" + suffix;
        }
        const Date day = today - boost::gregorian::days(60 + static_cast<long>(rng.next() % 670));
        const bool by_partner = rng.next() % 3 == 0;
        const std::string channel = by_partner ? "agency" : "phone_inquiry";
        const Date expires = day + boost::gregorian::days(by_partner ? 30 : 7);
        const std::string at = day_text(day) + "T02:00:00Z", d = day_text(day), e = day_text(expires);
        sqlite3_bind_text(r, 1, ph.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(r, 2, partial ? 1 : 0);
        sqlite3_bind_text(r, 3, prefix.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(r, 4, suffix.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(r, 5, key.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(r, 6, "报备客户", -1, SQLITE_STATIC);
        sqlite3_bind_text(r, 7, channel.c_str(), -1, SQLITE_TRANSIENT);
        if (by_partner) sqlite3_bind_null(r, 8);
        else sqlite3_bind_int64(r, 8, 1 + static_cast<long long>(rng.next() % 6));
        if (by_partner) sqlite3_bind_int64(r, 9, 1 + static_cast<long long>(rng.next() % 3));
        else sqlite3_bind_null(r, 9);
        if (on_customer) sqlite3_bind_int64(r, 10, j);
        else sqlite3_bind_null(r, 10);
        sqlite3_bind_text(r, 11, on_customer ? "confirmed" : "active", -1, SQLITE_STATIC);
        sqlite3_bind_text(r, 12, at.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(r, 13, d.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(r, 14, e.c_str(), -1, SQLITE_TRANSIENT);
        if (on_customer) sqlite3_bind_text(r, 15, d.c_str(), -1, SQLITE_TRANSIENT);
        else sqlite3_bind_null(r, 15);
        check(sqlite3_step(r), db, "registration");
        sqlite3_reset(r);
    }
    sqlite3_finalize(c);
    sqlite3_finalize(p);
    sqlite3_finalize(r);
    check(sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE); ANALYZE", nullptr, nullptr, nullptr), db, "commit");
    sqlite3_close(db);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("RESULT customers=%lld\nRESULT registrations=%lld\nRESULT seconds=%.1f\n", customers, registrations, s);
    return 0;
}

int judge(const std::string& path, long long count, unsigned long long seed, long long customers, long long registrations) {
    using namespace snowball;
    Archive a = Archive::open(path);
    Rng rng{seed | 1};
    const auto pick = [&](long long k) {
        const int kind = static_cast<int>(k % 3);
        if (kind == 0) return phone(1 + static_cast<long long>(rng.next() % customers), 0);
        if (kind == 1) return phone(customers + 1 + static_cast<long long>(rng.next() % (registrations - customers)), 1);
        return phone(1 + static_cast<long long>(rng.next() % 100000000), 2);
    };
    std::map<std::string, long long> reasons;
    JudgeRequest j;
    j.site = "XH";
    for (long long k = 0; k < 1000; ++k) {
        j.phone = pick(k);
        a.registrations().judge(j);
    }
    rng = Rng{seed | 1};
    std::vector<std::string> phones;
    for (long long k = 0; k < count; ++k) phones.push_back(pick(k));
    const auto t0 = std::chrono::steady_clock::now();
    for (const std::string& ph : phones) {
        j.phone = ph;
        ++reasons[a.registrations().judge(j).reason];
    }
    const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / count;
    if (!a.registrations().pool("XH").empty()) throw std::runtime_error("judging wrote to the pool");
    std::printf("RESULT us=%.2f\n", us);
    for (const auto& [k, v] : reasons) std::printf("RESULT reason_%s=%lld\n", k.c_str(), v);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::string mode = argc > 1 ? argv[1] : "";
        if (mode == "build" && argc == 6) return build(argv[2], std::atoll(argv[3]), std::atoll(argv[4]), std::strtoull(argv[5], nullptr, 10));
        if (mode == "judge" && argc == 7)
            return judge(argv[2], std::atoll(argv[3]), std::strtoull(argv[4], nullptr, 10), std::atoll(argv[5]), std::atoll(argv[6]));
        std::fprintf(stderr, "usage: attribution_side build <db> <customers> <registrations> <seed> | "
                             "judge <db> <count> <seed> <customers> <registrations>\n");
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "attribution_side: %s\n", e.what());
        return 1;
    }
}
