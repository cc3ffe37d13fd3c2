/* What the raw-SQLite peers of `make bench` (sqlite_side.c, profiles_sqlite_side.c,
 * contacts_sqlite_side.c, outreach_sqlite_side.c) share: failing loudly, clocks, civil dates,
 * reading an input file, opening a database the way Snowball does, preparing statements, a digest
 * of a query's rows. Include after defining PEER_NAME (the program's name, for messages). */
#ifndef SNOWBALL_BENCH_SQLITE_PEER_H
#define SNOWBALL_BENCH_SQLITE_PEER_H

#include <sqlite3.h>

#include <sys/resource.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline void die(const char *what, sqlite3 *db) {
    fprintf(stderr, PEER_NAME ": %s%s%s\n", what, db ? ": " : "", db ? sqlite3_errmsg(db) : "");
    exit(1);
}

static inline void check(int rc, int expected, const char *what, sqlite3 *db) {
    if (rc != expected) die(what, db);
}

static inline double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* User + system CPU time of this process: less disturbed than the wall clock by other load. */
static inline double cpu_seconds(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/* The whole file, NUL-terminated. */
static inline char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    if (fseek(f, 0, SEEK_END) != 0) die("cannot seek the input file", NULL);
    long n = ftell(f);
    if (n < 0) die("cannot size the input file", NULL);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    if (!buf) die("out of memory", NULL);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) die("cannot read the input file", NULL);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* The lines of a file of phones, split in place in `*text` (free it when done), with their
 * lengths (free them too); at least one. */
static inline size_t read_phones(const char *path, char **text, char ***phones, int **lengths) {
    *text = read_file(path);
    size_t capacity = 1 << 16, count = 0;
    *phones = malloc(capacity * sizeof **phones);
    *lengths = malloc(capacity * sizeof **lengths);
    if (!*phones || !*lengths) die("out of memory", NULL);
    for (char *line = strtok(*text, "\n"); line; line = strtok(NULL, "\n")) {
        if (count == capacity) {
            capacity *= 2;
            *phones = realloc(*phones, capacity * sizeof **phones);
            *lengths = realloc(*lengths, capacity * sizeof **lengths);
            if (!*phones || !*lengths) die("out of memory", NULL);
        }
        (*phones)[count] = line;
        (*lengths)[count++] = (int)strlen(line);
    }
    if (count == 0) die("no phones to look up", NULL);
    return count;
}

static inline void exec_sql(sqlite3 *db, const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, PEER_NAME ": %s: %s\n", sql, err ? err : "?");
        exit(1);
    }
}

static inline sqlite3_stmt *prepare(sqlite3 *db, const char *sql) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) die(sql, db);
    return s;
}

/* Opens the archive the way Snowball does: read-write (created when `create`), no SQLite mutex
 * (one thread), the same busy timeout, WAL, foreign keys on, synchronous=NORMAL (Snowball's
 * synchronous_full=false). */
static inline sqlite3 *open_db(const char *path, int create) {
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK)
        die("cannot open the database", db);
    sqlite3_busy_timeout(db, 10000);
    exec_sql(db, "PRAGMA journal_mode = WAL");
    exec_sql(db, "PRAGMA foreign_keys = ON");
    exec_sql(db, "PRAGMA synchronous = NORMAL");
    return db;
}

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms). */
static inline long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static inline void civil_from_days(long z, char out[16]) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    const int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    const long y = yoe + era * 400 + (m <= 2);
    snprintf(out, 16, "%04d-%02d-%02d", (int)(y % 10000), m % 100, d % 100);
}

static inline long days_of(const char *iso) {
    int y, m, d;
    if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3) die("bad date", NULL);
    return days_from_civil(y, m, d);
}

/* The China day of a UTC "YYYY-MM-DDTHH:MM:SSZ". */
static inline void china_day(const char *utc, char out[16]) {
    int y, mo, d, h, mi, s;
    if (sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) != 6) die("bad time", NULL);
    const long long seconds = (long long)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s + 8 * 3600;
    civil_from_days((long)(seconds / 86400), out);
}

static inline void now_utc(char out[21]) {
    const time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static inline int compare_doubles(const void *a, const void *b) {
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The latency lines of a lookup loop: the mean over `elapsed` (the pass timed as a whole), the
 * median and 99th percentile of `each` (one lookup each; sorted here), and the sides' digest. */
static inline void print_latencies(double *each, size_t count, double elapsed, uint64_t digest) {
    qsort(each, count, sizeof *each, compare_doubles);
    printf("RESULT mean_us=%.3f\nRESULT p50_us=%.3f\nRESULT p99_us=%.3f\nRESULT digest=%016llx\n",
           elapsed / (double)count * 1e6, each[count / 2] * 1e6, each[count * 99 / 100] * 1e6, (unsigned long long)digest);
}

static inline uint64_t fnv_bytes(uint64_t h, const unsigned char *s, int n) {
    for (int i = 0; i < n; ++i) h = (h ^ s[i]) * 1099511628211ULL;
    return h;
}

/* Every column of every row, NULL told apart from text, in the query's order. */
static inline uint64_t table_digest(sqlite3 *db, const char *sql, long long *rows) {
    sqlite3_stmt *s = prepare(db, sql);
    uint64_t h = 1469598103934665603ULL;
    *rows = 0;
    const int columns = sqlite3_column_count(s);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int c = 0; c < columns; ++c) {
            if (sqlite3_column_type(s, c) == SQLITE_NULL) {
                h = fnv_bytes(h, (const unsigned char *)"\x01N", 2);
            } else {
                const unsigned char *t = sqlite3_column_text(s, c);
                h = fnv_bytes(h, t, sqlite3_column_bytes(s, c));
            }
            h = fnv_bytes(h, (const unsigned char *)"\x1f", 1);
        }
        h = fnv_bytes(h, (const unsigned char *)"\x1e", 1);
        ++*rows;
    }
    if (rc != SQLITE_DONE) die(sql, db);
    sqlite3_finalize(s);
    return h;
}

#endif
