// The group view's benchmark side (bench/bench_group.py): filing with capture on or off, the
// bundles of a site, applying them to PostgreSQL with one ingester, and the group's analytics —
// answered by the views on PostgreSQL, or by reading every site's file in C++.
//
//   group_side file ARCHIVE CUSTOMERS CAPTURE(0|1) SITE    files the customers (add_many, 10,000 per call)
//   group_side bundles ARCHIVE DIR                         DIR/snapshot.bundle and DIR/outbox.bundle
//   group_side apply CONNINFO BUNDLE...                    one GroupView, the bundles in order
//   group_side files-analytics ARCHIVE...                  the analytics from the site files
//   group_side pg-analytics CONNINFO                       the same from the group's views
//
// Results are printed as "RESULT key=value" lines.
#include "side_support.hpp"
#include "synthetic_archive.hpp"

#include "snowball/group.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

using namespace snowball;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

int file(const std::string& path, std::uint64_t customers, bool capture, const std::string& site) {
    Archive archive = Archive::open(path, bench::open_options(true));
    bench::add_site_and_consultants(archive);
    if (capture) archive.group().enable(site);
    bench::ArchiveShape shape;
    shape.owner_share = 0;   // filing only: the customers and their phones
    // Each site its own customers; some share a phone with another site's (a mobile's last 8 digits
    // follow the index, its prefix the seed).
    for (char ch : site) shape.seed += static_cast<unsigned char>(ch);
    const auto t0 = Clock::now();
    const bench::Filed filed = bench::file_customers(archive, shape, 0, customers);
    const double seconds = std::max(since(t0), 1e-6);
    std::printf("RESULT customers=%" PRIu64 "\nRESULT seconds=%.3f\nRESULT rate=%.1f\nRESULT pending=%" PRId64 "\n",
                filed.customers, seconds, static_cast<double>(filed.customers) / seconds,
                archive.group().status().pending);
    return 0;
}

void write(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

int bundles(const std::string& path, const std::string& dir) {
    OpenOptions options;
    options.create = false;
    Archive archive = Archive::open(path, options);
    write(dir + "/outbox.bundle", archive.group().outbox(0, 1000000));
    write(dir + "/snapshot.bundle", archive.group().snapshot());
    std::printf("RESULT entries=%" PRId64 "\n", archive.group().status().pending);
    return 0;
}

int apply(const std::string& conninfo, int count, char** files) {
    GroupView view = GroupView::connect(conninfo);
    std::int64_t rows = 0;
    const auto t0 = Clock::now();
    for (int i = 0; i < count; ++i) {
        const GroupIngestReport r = view.ingest_file(files[i]);
        rows += r.rows_written + r.rows_updated + r.rows_deleted;
    }
    const double seconds = since(t0);
    std::printf("RESULT rows=%" PRId64 "\nRESULT seconds=%.3f\nRESULT rate=%.1f\n", rows, seconds,
                static_cast<double>(rows) / seconds);
    return 0;
}

// An order-independent digest of answer rows: the sum of each row's FNV-1a 64 (both sides hash the
// same text for the same row).
struct Digest {
    std::uint64_t sum = 0;
    void add(const std::string& row) {
        std::uint64_t h = 1469598103934665603ULL;
        for (unsigned char ch : row) h = (h ^ ch) * 1099511628211ULL;
        sum += h;
    }
};

// The questions both sides answer: customers per site, project, channel and stage; people (phones)
// on file at several sites, with on how many; open complaints. Digests of the answers' rows make
// the two sides' answers comparable row for row, not only in number.
int files_analytics(int count, char** paths) {
    const auto t0 = Clock::now();
    std::map<std::string, std::int64_t> groups;   // site|project|channel|stage → customers
    std::unordered_map<std::string, std::set<std::string>> sites_of;   // phone → sites
    std::int64_t open_complaints = 0;
    for (int k = 0; k < count; ++k) {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(paths[k], &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return 1;
        sqlite3_stmt* s = nullptr;
        // The site's code in the group, as the file holds it.
        std::string site;
        sqlite3_prepare_v2(db, "SELECT site FROM group_settings WHERE id = 1", -1, &s, nullptr);
        if (sqlite3_step(s) == SQLITE_ROW) site = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        sqlite3_prepare_v2(db, "SELECT s.code, c.channel, c.stage, count(*) FROM customers c JOIN sites s ON s.id = c.site_id "
                               "WHERE c.deleted_at IS NULL GROUP BY 1, 2, 3", -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW)
            groups[site + "|" + reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) + "|" +
                   reinterpret_cast<const char*>(sqlite3_column_text(s, 1)) + "|" +
                   reinterpret_cast<const char*>(sqlite3_column_text(s, 2))] += sqlite3_column_int64(s, 3);
        sqlite3_finalize(s);
        sqlite3_prepare_v2(db, "SELECT p.phone FROM customer_phones p JOIN customers c ON c.id = p.customer_id "
                               "WHERE c.deleted_at IS NULL", -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW) sites_of[reinterpret_cast<const char*>(sqlite3_column_text(s, 0))].insert(site);
        sqlite3_finalize(s);
        sqlite3_prepare_v2(db, "SELECT count(*) FROM feedback_tickets WHERE status NOT IN ('resolved', 'closed')", -1, &s,
                           nullptr);
        if (sqlite3_step(s) == SQLITE_ROW) open_complaints += sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        sqlite3_close(db);
    }
    std::int64_t people = 0, customers = 0;
    Digest groups_digest, people_digest;
    for (const auto& [phone, sites] : sites_of)
        if (sites.size() > 1) {
            ++people;
            people_digest.add(phone + "|" + std::to_string(sites.size()));
        }
    for (const auto& [key, n] : groups) {
        customers += n;
        groups_digest.add(key + "|" + std::to_string(n));
    }
    const double seconds = since(t0);
    std::printf("RESULT seconds=%.3f\nRESULT groups=%zu\nRESULT customers=%" PRId64 "\nRESULT people=%" PRId64
                "\nRESULT open_complaints=%" PRId64 "\nRESULT groups_digest=%016" PRIx64 "\nRESULT people_digest=%016" PRIx64 "\n",
                seconds, groups.size(), customers, people, open_complaints, groups_digest.sum, people_digest.sum);
    return 0;
}

std::int64_t scalar(PGconn* c, const char* sql, std::int64_t* rows = nullptr) {
    PGresult* r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        std::fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
        std::exit(1);
    }
    std::int64_t v = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? std::strtoll(PQgetvalue(r, 0, 0), nullptr, 10) : 0;
    if (rows) *rows = PQntuples(r);
    PQclear(r);
    return v;
}

// Every row of a query, its columns joined by '|', into a digest; the number of rows.
std::int64_t digest_rows(PGconn* c, const char* sql, Digest& digest) {
    PGresult* r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        std::fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
        std::exit(1);
    }
    for (int row = 0; row < PQntuples(r); ++row) {
        std::string text;
        for (int col = 0; col < PQnfields(r); ++col) text += (col ? "|" : "") + std::string(PQgetvalue(r, row, col));
        digest.add(text);
    }
    const std::int64_t rows = PQntuples(r);
    PQclear(r);
    return rows;
}

int pg_analytics(const std::string& conninfo) {
    PGconn* c = PQconnectdb(conninfo.c_str());
    if (PQstatus(c) != CONNECTION_OK) return 1;
    const auto t0 = Clock::now();
    Digest groups_digest, people_digest;
    const std::int64_t groups = digest_rows(
        c, "SELECT origin_site, project, channel, stage, customers FROM snowball_group.customers_by_site", groups_digest);
    const std::int64_t customers = scalar(c, "SELECT sum(customers) FROM snowball_group.customers_by_site");
    const std::int64_t people =
        digest_rows(c, "SELECT person, sites FROM snowball_group.people_at_several_sites", people_digest);
    const std::int64_t open = scalar(c, "SELECT count(*) FROM snowball_group.complaint_deadlines");
    const double seconds = since(t0);
    PQfinish(c);
    std::printf("RESULT seconds=%.3f\nRESULT groups=%" PRId64 "\nRESULT customers=%" PRId64 "\nRESULT people=%" PRId64
                "\nRESULT open_complaints=%" PRId64 "\nRESULT groups_digest=%016" PRIx64 "\nRESULT people_digest=%016" PRIx64 "\n",
                seconds, groups, customers, people, open, groups_digest.sum, people_digest.sum);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::string mode = argc > 1 ? argv[1] : "";
        if (mode == "file" && argc == 6) return file(argv[2], std::stoull(argv[3]), std::string(argv[4]) == "1", argv[5]);
        if (mode == "bundles" && argc == 4) return bundles(argv[2], argv[3]);
        if (mode == "apply" && argc >= 4) return apply(argv[2], argc - 3, argv + 3);
        if (mode == "files-analytics" && argc >= 3) return files_analytics(argc - 2, argv + 2);
        if (mode == "pg-analytics" && argc == 3) return pg_analytics(argv[2]);
        std::fprintf(stderr, "usage: group_side file|bundles|apply|files-analytics|pg-analytics ... (see the source)\n");
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "group_side: %s\n", e.what());
        return 1;
    }
}
