/* The raw-SQLite peer of the duplicates benchmark (bench/bench_duplicates.py): the same duplicate
 * candidates as Merges::duplicates, by a hand-written SQL self-join on the SQLite C API — the same
 * name and birthday, the same name and phones ending in the same 4 digits, one's phone on file as
 * the other's family member's phone — grouped by pair with their reasons, scored with the same
 * weights (0.5, 0.8, 0.9, combined as independent evidence), best first, with both archive numbers.
 *
 *   duplicates_sqlite_side index <db>
 *       The index a fair peer would create for its joins (the site, name and birthday of the
 *       customers on file), and ANALYZE; not timed. The phone joins use the schema's own indexes
 *       (customer_phones by customer and by phone, family_members by phone).
 *   duplicates_sqlite_side find <db> <out> <runs>
 *       The query <runs> times, every row read into memory (ids, archive numbers, reasons, score);
 *       the best time is reported. Then the rows of the last run go to <out> as Snowball's side
 *       writes them ("id id reasons score").
 *
 * Prints "RESULT key=value" lines. */
#define _POSIX_C_SOURCE 200809L
#define PEER_NAME "duplicates_sqlite_side"
#include "sqlite_peer.h"

static const char *const find_sql =
    /* every phone of every named customer on file, with its last 4 digits; those sharing a name
       and a tail with another */
    "WITH tails AS (SELECT c.id, c.name, substr(p.phone, -4) AS tail FROM customers c"
    "  JOIN customer_phones p ON p.customer_id = c.id"
    "  WHERE c.site_id = ?1 AND c.deleted_at IS NULL AND c.name <> ''),"
    " shared_tails AS MATERIALIZED (SELECT id, name, tail FROM"
    "  (SELECT id, name, tail, count(*) OVER (PARTITION BY name, tail) AS n FROM tails) WHERE n > 1),"
    " pairs(a, b, why) AS ("
    /* the same name and birthday: each customer's later namesakes born the same day, by index */
    " SELECT x.id, y.id, 4 FROM customers x INDEXED BY bench_customers_site_name_birthday"
    " CROSS JOIN customers y INDEXED BY bench_customers_site_name_birthday"
    "  ON y.site_id = x.site_id AND y.name = x.name AND y.birth_calendar = x.birth_calendar"
    "  AND y.birth_year IS x.birth_year AND y.birth_month IS x.birth_month AND y.birth_day IS x.birth_day"
    "  AND y.birth_leap = x.birth_leap AND y.deleted_at IS NULL AND y.id > x.id"
    " WHERE x.site_id = ?1 AND x.deleted_at IS NULL AND x.name <> '' AND x.birth_calendar IS NOT NULL"
    " UNION ALL"
    /* the same name, phones ending in the same 4 digits */
    " SELECT x.id, y.id, 2 FROM shared_tails x JOIN shared_tails y"
    "  ON y.name = x.name AND y.tail = x.tail AND y.id > x.id"
    " UNION ALL"
    /* one's phone is the other's family member's phone */
    " SELECT min(f.customer_id, p.customer_id), max(f.customer_id, p.customer_id), 1"
    " FROM family_members f JOIN customer_phones p ON p.phone = f.phone AND p.site_id = ?1"
    " JOIN customers cf ON cf.id = f.customer_id JOIN customers cp ON cp.id = p.customer_id"
    " WHERE f.phone <> '' AND p.customer_id <> f.customer_id AND cf.site_id = ?1"
    "  AND cf.deleted_at IS NULL AND cp.deleted_at IS NULL"
    "), found AS (SELECT a, b, sum(DISTINCT why) AS reasons FROM pairs GROUP BY a, b)"
    " SELECT f.a, f.b, x.archive_no, y.archive_no, f.reasons,"
    "  round(1 - (CASE WHEN f.reasons & 1 THEN 0.5 ELSE 1 END) * (CASE WHEN f.reasons & 2 THEN 0.2 ELSE 1 END)"
    "          * (CASE WHEN f.reasons & 4 THEN 0.1 ELSE 1 END), 3) AS score"
    " FROM found f JOIN customers x ON x.id = f.a JOIN customers y ON y.id = f.b"
    " ORDER BY score DESC, f.a, f.b";

struct candidate {
    sqlite3_int64 a, b;
    char *no_a, *no_b;
    int reasons;
    double score;
};

static struct candidate *rows;
static size_t count, capacity;

static void clear_rows(void) {
    for (size_t i = 0; i < count; ++i) {
        free(rows[i].no_a);
        free(rows[i].no_b);
    }
    count = 0;
}

static char *copy_text(sqlite3_stmt *s, int column) {
    const char *t = (const char *)sqlite3_column_text(s, column);
    char *out = strdup(t ? t : "");
    if (!out) die("out of memory", NULL);
    return out;
}

static void find_once(sqlite3 *db, sqlite3_stmt *find) {
    int rc;
    clear_rows();
    exec_sql(db, "BEGIN");
    while ((rc = sqlite3_step(find)) == SQLITE_ROW) {
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 1 << 16;
            rows = realloc(rows, capacity * sizeof *rows);
            if (!rows) die("out of memory", NULL);
        }
        rows[count].a = sqlite3_column_int64(find, 0);
        rows[count].b = sqlite3_column_int64(find, 1);
        rows[count].no_a = copy_text(find, 2);
        rows[count].no_b = copy_text(find, 3);
        rows[count].reasons = sqlite3_column_int(find, 4);
        rows[count].score = sqlite3_column_double(find, 5);
        ++count;
    }
    if (rc != SQLITE_DONE) die("the candidates", db);
    sqlite3_reset(find);
    exec_sql(db, "COMMIT");
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "index") == 0) {
        sqlite3 *db = open_db(argv[2], 0);
        const double t0 = now_seconds();
        exec_sql(db, "CREATE INDEX IF NOT EXISTS bench_customers_site_name_birthday ON customers(site_id, name, "
                     "birth_calendar, birth_year, birth_month, birth_day, birth_leap, deleted_at)");
        exec_sql(db, "ANALYZE");
        printf("RESULT seconds=%.1f\n", now_seconds() - t0);
        sqlite3_close(db);
        return 0;
    }
    if (argc == 5 && strcmp(argv[1], "find") == 0) {
        sqlite3 *db = open_db(argv[2], 0);
        const int runs = atoi(argv[4]);
        double best = 0;
        exec_sql(db, "PRAGMA cache_size = -65536");   /* Snowball's page cache (OpenOptions::cache_mib) */
        exec_sql(db, "PRAGMA temp_store = MEMORY");
        sqlite3_stmt *site = prepare(db, "SELECT id FROM sites WHERE code = 'XH'");
        check(sqlite3_step(site), SQLITE_ROW, "the site", db);
        const sqlite3_int64 site_id = sqlite3_column_int64(site, 0);
        sqlite3_finalize(site);
        sqlite3_stmt *find = prepare(db, find_sql);
        sqlite3_bind_int64(find, 1, site_id);
        for (int run = 0; run < runs; ++run) {
            const double t0 = now_seconds();
            find_once(db, find);
            const double s = now_seconds() - t0;
            printf("RESULT run%d_ms=%.1f\n", run + 1, s * 1e3);
            if (run == 0 || s < best) best = s;
        }
        FILE *out = fopen(argv[3], "w");
        if (!out) die("cannot write the candidates", NULL);
        for (size_t i = 0; i < count; ++i)
            fprintf(out, "%lld %lld %d %.3f\n", (long long)rows[i].a, (long long)rows[i].b, rows[i].reasons, rows[i].score);
        if (fclose(out) != 0) die("cannot write the candidates", NULL);
        printf("RESULT ms=%.1f\nRESULT candidates=%zu\n", best * 1e3, count);
        sqlite3_finalize(find);
        clear_rows();
        free(rows);
        sqlite3_close(db);
        return 0;
    }
    fprintf(stderr, "usage: " PEER_NAME " index <db> | find <db> <out> <runs>\n");
    return 2;
}
