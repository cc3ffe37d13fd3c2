/* The raw-SQLite peer of the judging benchmark (bench/bench_attribution.py): the indexed lookups
 * judging a walk-in by phone needs, hand-coded on the SQLite C API, for the same phones as
 * attribution_side judges: the site; the phone's customer on file; that customer's owner (record,
 * attribution, pool), the site's windows and the owner's latest effective contact; the
 * registrations of the phone's match key, each checked against the phone (and, when linked to a
 * customer by a consultant, its renewal by an effective contact); for a phone not on file, the
 * family members with it; the owner's name.
 *
 *   attribution_sqlite_side judge <db> <count> <seed> <customers> <registrations>
 *
 * Prints "RESULT us=<mean microseconds per walk-in>". */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const prefixes[] = {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
                                       "151", "152", "153", "155", "156", "157", "158", "159", "166", "173",
                                       "175", "176", "177", "180", "181", "182", "185", "186", "187", "188"};

static void phone(long long i, int family, char *out) {
    static const long long multiplier[] = {48271, 69621, 16807};
    static const long long offset[] = {12345, 777777, 31415926};
    long long tail = (i * multiplier[family] + offset[family]) % 100000000LL;
    sprintf(out, "%s%08lld", prefixes[(i + family * 7) % 30], tail);
}

static unsigned long long rng_state;
static unsigned long long next(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static sqlite3 *db;
static sqlite3_stmt *prep(const char *sql) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
        fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db));
        exit(1);
    }
    return s;
}

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static sqlite3_stmt *site_q, *customer_q, *owner_q, *settings_q, *contact_q, *regs_q, *family_q, *name_q;
static char today[11];

static void effective_contact(sqlite3_int64 customer, sqlite3_int64 consultant, const char *from) {
    sqlite3_bind_int64(contact_q, 1, customer);
    sqlite3_bind_int64(contact_q, 2, consultant);
    sqlite3_bind_text(contact_q, 3, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(contact_q, 4, today, -1, SQLITE_STATIC);
    sqlite3_step(contact_q);
    sqlite3_reset(contact_q);
}

static void settings(sqlite3_int64 site) {
    sqlite3_bind_int64(settings_q, 1, site);
    sqlite3_step(settings_q);
    sqlite3_reset(settings_q);
}

static int judge_one(const char *ph) {
    sqlite3_int64 site, customer = 0, owner = 0;
    int found = 0, matches = 0;
    char key[8];
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_bind_text(site_q, 1, "XH", -1, SQLITE_STATIC);
    sqlite3_step(site_q);
    site = sqlite3_column_int64(site_q, 0);
    sqlite3_reset(site_q);
    sqlite3_bind_text(customer_q, 1, ph, -1, SQLITE_STATIC);
    sqlite3_bind_int64(customer_q, 2, site);
    if (sqlite3_step(customer_q) == SQLITE_ROW) {
        customer = sqlite3_column_int64(customer_q, 0);
        found = 1;
    }
    sqlite3_reset(customer_q);
    if (found) {
        char since[11];
        sqlite3_bind_int64(owner_q, 1, customer);
        sqlite3_step(owner_q);
        owner = sqlite3_column_int64(owner_q, 2);
        snprintf(since, sizeof since, "%s", (const char *)sqlite3_column_text(owner_q, 4));
        sqlite3_reset(owner_q);
        settings(site);
        if (owner) effective_contact(customer, owner, since);
    }
    memcpy(key, ph, 3);
    memcpy(key + 3, ph + 7, 4);
    key[7] = 0;
    sqlite3_bind_int64(regs_q, 1, site);
    sqlite3_bind_text(regs_q, 2, key, 7, SQLITE_STATIC);
    while (sqlite3_step(regs_q) == SQLITE_ROW) {
        const char *stored = (const char *)sqlite3_column_text(regs_q, 2);
        const char *prefix = (const char *)sqlite3_column_text(regs_q, 17);
        const char *suffix = (const char *)sqlite3_column_text(regs_q, 18);
        int partial = sqlite3_column_int(regs_q, 3);
        int ok = partial ? (strncmp(ph, prefix, strlen(prefix)) == 0 && strcmp(ph + 11 - strlen(suffix), suffix) == 0)
                         : strcmp(ph, stored) == 0;
        if (!ok) continue;
        ++matches;
        if (sqlite3_column_type(regs_q, 6) != SQLITE_NULL && sqlite3_column_type(regs_q, 8) != SQLITE_NULL) {
            settings(site);
            effective_contact(sqlite3_column_int64(regs_q, 8), sqlite3_column_int64(regs_q, 6),
                              (const char *)sqlite3_column_text(regs_q, 11));
        }
    }
    sqlite3_reset(regs_q);
    if (!found) {   /* nothing valid in this data: the family rule is asked */
        settings(site);
        sqlite3_bind_text(family_q, 1, ph, -1, SQLITE_STATIC);
        sqlite3_bind_int64(family_q, 2, site);
        while (sqlite3_step(family_q) == SQLITE_ROW) {
        }
        sqlite3_reset(family_q);
    }
    if (owner) {
        sqlite3_bind_int64(name_q, 1, owner);
        sqlite3_step(name_q);
        sqlite3_reset(name_q);
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    return found + matches;
}

int main(int argc, char **argv) {
    long long count, customers, registrations, k;
    unsigned long long seed;
    char **phones;
    double t0, us;
    time_t now;
    struct tm local;
    if (argc != 7 || strcmp(argv[1], "judge") != 0) {
        fprintf(stderr, "usage: attribution_sqlite_side judge <db> <count> <seed> <customers> <registrations>\n");
        return 2;
    }
    count = atoll(argv[3]);
    seed = strtoull(argv[4], NULL, 10);
    customers = atoll(argv[5]);
    registrations = atoll(argv[6]);
    now = time(NULL) + 8 * 3600;
    gmtime_r(&now, &local);
    strftime(today, sizeof today, "%Y-%m-%d", &local);
    if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) return 1;
    sqlite3_exec(db, "PRAGMA cache_size=-65536", NULL, NULL, NULL);
    site_q = prep("SELECT id, code, name, number_format, created_at FROM sites WHERE code = ?");
    customer_q = prep("SELECT p.customer_id FROM customer_phones p JOIN customers c ON c.id = p.customer_id "
                      "WHERE p.phone = ? AND p.site_id = ? AND c.deleted_at IS NULL");
    owner_q = prep("SELECT c.site_id, s.code, c.consultant_id, c.channel, c.first_contact, a.consultant_id, a.partner_id, "
                   "a.registration_id, a.source, a.channel, a.since, a.expires, p.since "
                   "FROM customers c JOIN sites s ON s.id = c.site_id LEFT JOIN attributions a ON a.customer_id = c.id "
                   "LEFT JOIN attribution_pool p ON p.customer_id = c.id WHERE c.id = ? AND c.deleted_at IS NULL");
    settings_q = prep("SELECT settings FROM attribution_settings WHERE site_id = ?");
    contact_q = prep("SELECT max(day) FROM contacts WHERE customer_id = ? AND consultant_id = ? AND reached = 1 "
                     "AND superseded_by IS NULL AND day >= ? AND day <= ?");
    regs_q = prep("SELECT r.id, s.code, r.phone, r.partial, r.name, r.channel, r.consultant_id, r.partner_id, r.customer_id, "
                  "r.status, r.registered_at, r.day, r.expires, r.confirmed_on, r.note, r.created_by, r.site_id, r.prefix, "
                  "r.suffix FROM registrations r JOIN sites s ON s.id = r.site_id "
                  "WHERE r.site_id = ? AND r.match_key = ? AND r.status <> 'void' ORDER BY r.registered_at, r.id");
    family_q = prep("SELECT DISTINCT f.customer_id FROM family_members f JOIN customers c ON c.id = f.customer_id "
                    "WHERE f.phone = ? AND f.phone <> '' AND (f.relation <> 'other' OR f.closest = 1) AND c.site_id = ? "
                    "AND c.deleted_at IS NULL ORDER BY f.customer_id");
    name_q = prep("SELECT name FROM consultants WHERE id = ?");
    phones = malloc(sizeof(char *) * (size_t)(count > 1000 ? count : 1000));
    rng_state = seed | 1;
    for (k = 0; k < (count > 1000 ? count : 1000); ++k) {
        int kind = (int)(k % 3);
        phones[k] = malloc(16);
        if (kind == 0) phone(1 + (long long)(next() % (unsigned long long)customers), 0, phones[k]);
        else if (kind == 1)
            phone(customers + 1 + (long long)(next() % (unsigned long long)(registrations - customers)), 1, phones[k]);
        else phone(1 + (long long)(next() % 100000000ULL), 2, phones[k]);
    }
    for (k = 0; k < 1000; ++k) judge_one(phones[k]);   /* warm the cache, as the Snowball side does */
    t0 = now_us();
    for (k = 0; k < count; ++k) judge_one(phones[k]);
    us = (now_us() - t0) / (double)count;
    printf("RESULT us=%.2f\n", us);
    sqlite3_close(db);
    return 0;
}
