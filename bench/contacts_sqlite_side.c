/* The raw-SQLite peer of the contact-log write benchmark (bench/bench_contacts.py,
 * docs/BENCHMARKS.md "Contacts"): a plain C program on the SQLite C API doing the writes
 * Contacts::log makes, on a copy of the same archive.
 *
 *   contacts_sqlite_side log <db> <sample.tsv> <consultant>
 *       For each contact of the sample (bench/contacts_side.cpp sample), one transaction: read the
 *       customer's site and stage and their follow-up row, insert the contact's row into `contacts`
 *       (its grade before and after, who made and who recorded it), upsert the customer's
 *       `contact_followups` row as Contacts::log does (the latest contact, the latest day that
 *       reached them, the grade, the next contact: planned, else the site's default policy — A
 *       every 3 days, B every 7, C every 30, D and owners none). Opened as Snowball opens an
 *       archive: WAL, foreign keys on, secure_delete on, synchronous=NORMAL, a 64 MiB page cache.
 *       Timed: the loop of transactions (the sample is parsed before).
 *   contacts_sqlite_side digest <db> <first_id>
 *       A digest of the contacts with ids from <first_id> (every column but recorded_at) and of
 *       their customers' contact_followups rows (every column), to check that both sides wrote
 *       the same rows.
 *
 * Results are printed as "RESULT key=value" lines. */
#define _POSIX_C_SOURCE 200809L

#define PEER_NAME "contacts_sqlite_side"
#include "sqlite_peer.h"

/* One contact of the sample: 12 tab-separated fields, split in place. */
enum { F_CUSTOMER, F_AT, F_CHANNEL, F_DIRECTION, F_OUTCOME, F_DURATION, F_NOTE, F_INTENT, F_NEXT_ON, F_NEXT_TIME,
       F_NEXT_CHANNEL, F_NEXT_PURPOSE, F_COUNT };

static size_t read_sample(const char *path, char **text, char ****rows) {
    *text = read_file(path);
    size_t capacity = 1024, count = 0;
    *rows = malloc(capacity * sizeof **rows);
    if (!*rows) die("out of memory", NULL);
    char *line = *text;
    while (*line) {
        char *end = strchr(line, '\n');
        if (end) *end = '\0';
        if (line[0] != '#' && line[0] != '\0') {
            char **f = malloc(F_COUNT * sizeof *f);
            if (!f) die("out of memory", NULL);
            int n = 0;
            char *p = line;
            for (;;) {
                if (n == F_COUNT) die("a sample line has too many fields", NULL);
                f[n++] = p;
                char *tab = strchr(p, '\t');
                if (!tab) break;
                *tab = '\0';
                p = tab + 1;
            }
            if (n != F_COUNT) die("a sample line has too few fields", NULL);
            if (count == capacity) {
                capacity *= 2;
                *rows = realloc(*rows, capacity * sizeof **rows);
                if (!*rows) die("out of memory", NULL);
            }
            (*rows)[count++] = f;
        }
        if (!end) break;
        line = end + 1;
    }
    return count;
}

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *v) {
    if (v && *v) sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(s, i);
}

static int log_sample(const char *path, const char *sample_path, long long consultant) {
    char *text;
    char ***rows;
    const size_t count = read_sample(sample_path, &text, &rows);
    sqlite3 *db = open_db(path, 0);
    exec_sql(db, "PRAGMA secure_delete = ON");
    exec_sql(db, "PRAGMA cache_size = -65536");
    sqlite3_stmt *begin = prepare(db, "BEGIN IMMEDIATE");
    sqlite3_stmt *commit = prepare(db, "COMMIT");
    sqlite3_stmt *read = prepare(db, "SELECT c.site_id, c.stage, f.intent, f.last_at, f.last_reached_day FROM customers c "
                                     "LEFT JOIN contact_followups f ON f.customer_id = c.id WHERE c.id = ?");
    sqlite3_stmt *insert = prepare(db,
        "INSERT INTO contacts(customer_id, site_id, consultant_id, at, day, channel, direction, duration_s, outcome, reached, "
        "note, intent_before, intent, next_on, next_time, next_channel, next_purpose, quiet_hours, recorded_by, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 0, ?18, ?19)");
    sqlite3_stmt *upsert = prepare(db,
        "INSERT INTO contact_followups(customer_id, site_id, last_at, last_day, last_channel, last_reached_day, intent, "
        "next_on, next_time, next_channel, next_purpose, next_source) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) "
        "ON CONFLICT (customer_id) DO UPDATE SET site_id = ?2, last_at = ?3, last_day = ?4, last_channel = ?5, "
        "last_reached_day = ?6, intent = ?7, next_on = ?8, next_time = ?9, next_channel = ?10, next_purpose = ?11, "
        "next_source = ?12");
    char recorded_by[32];
    snprintf(recorded_by, sizeof recorded_by, "consultant:%lld", consultant);
    long long first_id = 0, last_id = 0;

    const double start = now_seconds(), cpu_start = cpu_seconds();
    for (size_t k = 0; k < count; ++k) {
        char **f = rows[k];
        const long long customer = atoll(f[F_CUSTOMER]);
        char day[16], now[21], reached_day[16] = "", next_on[16] = "";
        china_day(f[F_AT], day);
        now_utc(now);
        const int reached = strcmp(f[F_OUTCOME], "reached") == 0 || strcmp(f[F_OUTCOME], "sent") == 0;

        check(sqlite3_step(begin), SQLITE_DONE, "begin", db);
        sqlite3_reset(begin);
        sqlite3_bind_int64(read, 1, customer);
        check(sqlite3_step(read), SQLITE_ROW, "no such customer", db);
        const long long site = sqlite3_column_int64(read, 0);
        const int owner = strcmp((const char *)sqlite3_column_text(read, 1), "owner") == 0;
        char before[16] = "";
        if (sqlite3_column_type(read, 2) != SQLITE_NULL) {
            snprintf(before, sizeof before, "%s", (const char *)sqlite3_column_text(read, 2));
            if (strcmp(f[F_AT], (const char *)sqlite3_column_text(read, 3)) < 0)
                die("a contact logged before the customer's latest one (not in this benchmark)", NULL);
            if (sqlite3_column_type(read, 4) != SQLITE_NULL)
                snprintf(reached_day, sizeof reached_day, "%s", (const char *)sqlite3_column_text(read, 4));
        }
        check(sqlite3_step(read), SQLITE_DONE, "read", db);
        sqlite3_reset(read);
        const char *intent = *f[F_INTENT] ? f[F_INTENT] : before;
        if (reached && (!*reached_day || strcmp(day, reached_day) > 0)) memcpy(reached_day, day, sizeof day);

        sqlite3_bind_int64(insert, 1, customer);
        sqlite3_bind_int64(insert, 2, site);
        sqlite3_bind_int64(insert, 3, consultant);
        sqlite3_bind_text(insert, 4, f[F_AT], -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 5, day, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 6, f[F_CHANNEL], -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 7, f[F_DIRECTION], -1, SQLITE_STATIC);
        if (*f[F_DURATION]) sqlite3_bind_int(insert, 8, atoi(f[F_DURATION]));
        else sqlite3_bind_null(insert, 8);
        sqlite3_bind_text(insert, 9, f[F_OUTCOME], -1, SQLITE_STATIC);
        sqlite3_bind_int(insert, 10, reached);
        sqlite3_bind_text(insert, 11, f[F_NOTE], -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 12, before, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 13, intent, -1, SQLITE_STATIC);
        bind_text_or_null(insert, 14, f[F_NEXT_ON]);
        sqlite3_bind_text(insert, 15, f[F_NEXT_TIME], -1, SQLITE_STATIC);
        bind_text_or_null(insert, 16, f[F_NEXT_CHANNEL]);
        sqlite3_bind_text(insert, 17, f[F_NEXT_PURPOSE], -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 18, recorded_by, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 19, now, -1, SQLITE_STATIC);
        check(sqlite3_step(insert), SQLITE_DONE, "insert", db);
        sqlite3_reset(insert);
        last_id = sqlite3_last_insert_rowid(db);
        if (!first_id) first_id = last_id;

        /* The next contact: planned, else the policy's interval from the day. */
        const char *source = "";
        int every = 0;
        if (*f[F_NEXT_ON]) {
            source = "planned";
        } else if (!owner && intent[0] && !intent[1] && intent[0] >= 'A' && intent[0] <= 'C') {
            every = intent[0] == 'A' ? 3 : intent[0] == 'B' ? 7 : 30;
            civil_from_days(days_of(day) + every, next_on);
            source = "policy";
        }
        sqlite3_bind_int64(upsert, 1, customer);
        sqlite3_bind_int64(upsert, 2, site);
        sqlite3_bind_text(upsert, 3, f[F_AT], -1, SQLITE_STATIC);
        sqlite3_bind_text(upsert, 4, day, -1, SQLITE_STATIC);
        sqlite3_bind_text(upsert, 5, f[F_CHANNEL], -1, SQLITE_STATIC);
        bind_text_or_null(upsert, 6, reached_day);
        sqlite3_bind_text(upsert, 7, intent, -1, SQLITE_STATIC);
        if (*f[F_NEXT_ON]) {
            sqlite3_bind_text(upsert, 8, f[F_NEXT_ON], -1, SQLITE_STATIC);
            sqlite3_bind_text(upsert, 9, f[F_NEXT_TIME], -1, SQLITE_STATIC);
            sqlite3_bind_text(upsert, 10, *f[F_NEXT_CHANNEL] ? f[F_NEXT_CHANNEL] : f[F_CHANNEL], -1, SQLITE_STATIC);
            sqlite3_bind_text(upsert, 11, f[F_NEXT_PURPOSE], -1, SQLITE_STATIC);
        } else {
            bind_text_or_null(upsert, 8, next_on);
            sqlite3_bind_text(upsert, 9, "", -1, SQLITE_STATIC);
            sqlite3_bind_null(upsert, 10);
            sqlite3_bind_text(upsert, 11, "", -1, SQLITE_STATIC);
        }
        sqlite3_bind_text(upsert, 12, source, -1, SQLITE_STATIC);
        check(sqlite3_step(upsert), SQLITE_DONE, "upsert", db);
        sqlite3_reset(upsert);
        check(sqlite3_step(commit), SQLITE_DONE, "commit", db);
        sqlite3_reset(commit);
    }
    const double elapsed = now_seconds() - start, cpu = cpu_seconds() - cpu_start;

    printf("RESULT side=sqlite\nRESULT logged=%zu\nRESULT first_id=%lld\nRESULT last_id=%lld\n", count, first_id, last_id);
    printf("RESULT seconds=%.6f\nRESULT cpu_seconds=%.6f\nRESULT rate=%.1f\n", elapsed, cpu, (double)count / elapsed);
    sqlite3_finalize(begin);
    sqlite3_finalize(commit);
    sqlite3_finalize(read);
    sqlite3_finalize(insert);
    sqlite3_finalize(upsert);
    sqlite3_close(db);
    for (size_t k = 0; k < count; ++k) free(rows[k]);
    free(rows);
    free(text);
    return 0;
}

static int digest(const char *path, long long first_id) {
    sqlite3 *db = open_db(path, 0);
    char contacts_sql[512], followups_sql[256];
    snprintf(contacts_sql, sizeof contacts_sql,
             "SELECT id, customer_id, site_id, consultant_id, at, day, channel, direction, duration_s, outcome, reached, note, "
             "intent_before, intent, next_on, next_time, next_channel, next_purpose, care_task_id, ticket_id, campaign_id, "
             "referral_id, deal_id, quiet_hours, supersedes, superseded_by, recorded_by FROM contacts WHERE id >= %lld ORDER BY id",
             first_id);
    snprintf(followups_sql, sizeof followups_sql,
             "SELECT * FROM contact_followups WHERE customer_id IN (SELECT customer_id FROM contacts WHERE id >= %lld) "
             "ORDER BY customer_id",
             first_id);
    long long contacts = 0, followups = 0;
    const uint64_t c = table_digest(db, contacts_sql, &contacts);
    const uint64_t f = table_digest(db, followups_sql, &followups);
    printf("RESULT contacts=%lld\nRESULT contacts_digest=%016llx\nRESULT followups=%lld\nRESULT followups_digest=%016llx\n",
           contacts, (unsigned long long)c, followups, (unsigned long long)f);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 5 && strcmp(argv[1], "log") == 0) return log_sample(argv[2], argv[3], atoll(argv[4]));
    if (argc == 4 && strcmp(argv[1], "digest") == 0) return digest(argv[2], atoll(argv[3]));
    fprintf(stderr, "usage: contacts_sqlite_side log <db> <sample.tsv> <consultant>\n"
                    "       contacts_sqlite_side digest <db> <first_id>\n");
    return 2;
}
