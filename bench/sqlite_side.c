/* The raw-SQLite side of `make bench` (docs/BENCHMARKS.md): what a competent C programmer writes
 * for the same job as Snowball, straight on the SQLite C API.
 *
 *   sqlite_side import <db> <schema.sql> <data.tsv> <batch>
 *       Creates <db> with the schema Snowball writes (bench/run.py extracts it from
 *       src/archive/schema.cpp), the site and the consultants of the data file, then files every
 *       customer of <data.tsv>: the customer row with its archive number, one customer_phones row
 *       per phone, a visits row for a walk-in, and the number_sequences counters; one
 *       BEGIN IMMEDIATE ... COMMIT per <batch> customers, written table by table, prepared
 *       statements, no per-row allocation. Same settings as Snowball: WAL, synchronous=NORMAL,
 *       foreign_keys=ON, SQLite's default page cache.
 *   sqlite_side lookup <db> <phones.txt> <warmup>
 *       Recognises callers: for each phone, the customer at the site holding it, with its other
 *       phones, copied out into a C struct (the same answer Snowball's by_phone gives).
 *
 * Results are printed as "RESULT key=value" lines for bench/run.py. The timed sections cover the
 * filing loop (first BEGIN to last COMMIT) and the lookup loop only: not reading the data file,
 * not creating the schema, not closing the database.
 */
#define _POSIX_C_SOURCE 200809L

#define PEER_NAME "sqlite_side"
#include "sqlite_peer.h"

/* Splits `line` at tabs in place; returns the number of fields (at most `max`). */
static int split_tabs(char *line, char **fields, int max) {
    int n = 0;
    fields[n++] = line;
    for (char *p = line; *p && n < max; ++p)
        if (*p == '\t') {
            *p = '\0';
            fields[n++] = p + 1;
        }
    return n;
}

/* ---- archive numbers: {site}-{yyyy}{channel}-{seq:5}{check}, ISO 7064 MOD 37-2 ---------------- */

static int char_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 36; /* '-' */
}

struct sequence {
    char prefix[32];    /* "XH-2026C-" */
    char scope[40];     /* "XH-2026C-{seq}", the number_sequences key */
    size_t prefix_len;
    int prefix_sum;     /* the check recurrence over the prefix, computed once */
    int64_t last;
    int stored;         /* a number_sequences row exists */
    int dirty;
};

static void sequence_init(struct sequence *s, const char *site, int year, char channel) {
    snprintf(s->prefix, sizeof s->prefix, "%s-%04d%c-", site, year, channel);
    s->prefix_len = strlen(s->prefix);
    memcpy(s->scope, s->prefix, s->prefix_len);
    memcpy(s->scope + s->prefix_len, "{seq}", 6);
    int p = 0;
    for (size_t i = 0; i < s->prefix_len; ++i) p = ((p + char_value(s->prefix[i])) * 2) % 37;
    s->prefix_sum = p;
    s->last = 0;
    s->stored = 0;
    s->dirty = 0;
}

/* Writes the next number of `s` into out; returns its length. */
static int next_number(struct sequence *s, char *out, size_t size) {
    static const char symbols[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
    ++s->last;
    s->dirty = 1;
    memcpy(out, s->prefix, s->prefix_len);
    int n = (int)s->prefix_len + snprintf(out + s->prefix_len, size - s->prefix_len - 1, "%05lld", (long long)s->last);
    int p = s->prefix_sum;
    for (size_t i = s->prefix_len; i < (size_t)n; ++i) p = ((p + (out[i] - '0')) * 2) % 37;
    out[n++] = symbols[(37 + 1 - p) % 37];
    out[n] = '\0';
    return n;
}

/* ---- import ------------------------------------------------------------------------------------ */

enum { F_CHANNEL, F_NAME, F_GENDER, F_MOBILE, F_CONSULTANT, F_TIER, F_OTHER_KIND, F_OTHER_PHONE, F_NOTE, F_COUNT };

struct row {
    char *f[F_COUNT];
    int len[F_COUNT];
    int channel;        /* 0 call, 1 visit, 2 lead */
    int64_t consultant; /* 0: none */
};

static int import_archive(const char *db_path, const char *schema_path, const char *data_path, int batch) {
    /* The data, parsed in memory before the clock starts. */
    char *data = read_file(data_path);
    char *schema = read_file(schema_path);
    char site_code[16] = "", site_name[256] = "", today[16] = "";
    char *consultant_names[64], *consultant_phones[64];
    int consultants = 0;
    size_t capacity = 1 << 20, count = 0;
    struct row *rows = malloc(capacity * sizeof *rows);
    if (!rows) die("out of memory", NULL);
    for (char *line = data; line && *line;) {
        char *end = strchr(line, '\n');
        if (end) *end = '\0';
        char *f[F_COUNT];
        if (line[0] == '#') {
            int n = split_tabs(line, f, 3);
            if (strcmp(f[0], "#site") == 0 && n == 3) {
                snprintf(site_code, sizeof site_code, "%s", f[1]);
                snprintf(site_name, sizeof site_name, "%s", f[2]);
            } else if (strcmp(f[0], "#today") == 0 && n == 2) {
                snprintf(today, sizeof today, "%s", f[1]);
            } else if (strcmp(f[0], "#consultant") == 0 && n == 3 && consultants < 64) {
                consultant_names[consultants] = f[1];
                consultant_phones[consultants++] = f[2];
            }
        } else {
            if (split_tabs(line, f, F_COUNT) != F_COUNT) die("malformed data line", NULL);
            if (count == capacity) {
                capacity *= 2;
                rows = realloc(rows, capacity * sizeof *rows);
                if (!rows) die("out of memory", NULL);
            }
            struct row *r = &rows[count++];
            for (int i = 0; i < F_COUNT; ++i) {
                r->f[i] = f[i];
                r->len[i] = (int)strlen(f[i]);
            }
            r->channel = f[F_CHANNEL][0] == 'c' ? 0 : f[F_CHANNEL][0] == 'v' ? 1 : 2;
            r->consultant = atoll(f[F_CONSULTANT]);
        }
        line = end ? end + 1 : NULL;
    }
    if (!site_code[0] || !today[0]) die("the data file lacks #site or #today", NULL);
    const int year = atoi(today);

    sqlite3 *db = open_db(db_path, 1);
    char now[32];
    {
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    /* Schema, site and consultants: set-up, not timed. */
    exec_sql(db, "BEGIN IMMEDIATE");
    exec_sql(db, schema);
    sqlite3_stmt *s = prepare(db, "INSERT INTO sites(code, name, number_format, created_at) VALUES (?, ?, ?, ?)");
    sqlite3_bind_text(s, 1, site_code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, site_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, "{site}-{yyyy}{channel}-{seq:5}{check}", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
    check(sqlite3_step(s), SQLITE_DONE, "insert site", db);
    sqlite3_finalize(s);
    const int64_t site_id = sqlite3_last_insert_rowid(db);
    int64_t consultant_ids[64];
    s = prepare(db, "INSERT INTO consultants(uid, site_id, name, phone, created_at) VALUES (?, ?, ?, ?, ?)");
    for (int i = 0; i < consultants; ++i) {
        char uid[40];
        snprintf(uid, sizeof uid, "%016llx%016llx", (unsigned long long)rand(), (unsigned long long)i);
        sqlite3_bind_text(s, 1, uid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, site_id);
        sqlite3_bind_text(s, 3, consultant_names[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, consultant_phones[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
        check(sqlite3_step(s), SQLITE_DONE, "insert consultant", db);
        sqlite3_reset(s);
        consultant_ids[i] = sqlite3_last_insert_rowid(db);
    }
    sqlite3_finalize(s);
    exec_sql(db, "COMMIT");

    sqlite3_stmt *ins_customer = prepare(
        db, "INSERT INTO customers(site_id, archive_no, channel, name, gender, mobile, consultant_id, tier, "
            "stage, first_contact, note, filed_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    sqlite3_stmt *ins_phone =
        prepare(db, "INSERT INTO customer_phones(phone, site_id, customer_id, kind) VALUES (?, ?, ?, ?)");
    sqlite3_stmt *ins_visit =
        prepare(db, "INSERT INTO visits(customer_id, visit_date, consultant_id, recorded_at) VALUES (?, ?, ?, ?)");
    sqlite3_stmt *ins_sequence =
        prepare(db, "INSERT INTO number_sequences(scope, site_id, last_seq) VALUES (?, ?, ?)");
    sqlite3_stmt *upd_sequence = prepare(db, "UPDATE number_sequences SET last_seq = ? WHERE scope = ?");
    static const char *const channel_keys[3] = {"call", "visit", "lead"};
    static const char channel_codes[3] = {'C', 'V', 'L'};
    struct sequence seq[3];
    for (int c = 0; c < 3; ++c) sequence_init(&seq[c], site_code, year, channel_codes[c]);

    int64_t *ids = malloc((size_t)batch * sizeof *ids);
    if (!ids) die("out of memory", NULL);
    const double start = now_seconds(), cpu_start = cpu_seconds();
    for (size_t first = 0; first < count; first += (size_t)batch) {
        const size_t last = first + (size_t)batch < count ? first + (size_t)batch : count;
        exec_sql(db, "BEGIN IMMEDIATE");
        {   /* one timestamp per transaction, as Snowball does */
            time_t t = time(NULL);
            struct tm tm;
            gmtime_r(&t, &tm);
            strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
        }
        /* Table by table: the batch's customers, then their phones, then the walk-ins' visits.
         * (The same rows as customer by customer, and faster: each index's pages stay in the page
         * cache while its inserts run. Python's executemany side writes in this order too.) */
        for (size_t i = first; i < last; ++i) {
            const struct row *r = &rows[i];
            char archive_no[48];
            const int archive_len = next_number(&seq[r->channel], archive_no, sizeof archive_no);
            const int64_t consultant = r->consultant > 0 ? consultant_ids[r->consultant - 1] : 0;
            sqlite3_bind_int64(ins_customer, 1, site_id);
            sqlite3_bind_text(ins_customer, 2, archive_no, archive_len, SQLITE_STATIC);
            sqlite3_bind_text(ins_customer, 3, channel_keys[r->channel], -1, SQLITE_STATIC);
            sqlite3_bind_text(ins_customer, 4, r->f[F_NAME], r->len[F_NAME], SQLITE_STATIC);
            sqlite3_bind_text(ins_customer, 5, r->f[F_GENDER], r->len[F_GENDER], SQLITE_STATIC);
            sqlite3_bind_text(ins_customer, 6, r->f[F_MOBILE], r->len[F_MOBILE], SQLITE_STATIC);
            if (consultant) sqlite3_bind_int64(ins_customer, 7, consultant);
            else sqlite3_bind_null(ins_customer, 7);
            sqlite3_bind_text(ins_customer, 8, r->f[F_TIER], r->len[F_TIER], SQLITE_STATIC);
            sqlite3_bind_text(ins_customer, 9, r->channel == 1 ? "visitor" : "prospect", -1, SQLITE_STATIC);
            sqlite3_bind_text(ins_customer, 10, today, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins_customer, 11, r->f[F_NOTE], r->len[F_NOTE], SQLITE_STATIC);
            sqlite3_bind_text(ins_customer, 12, now, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins_customer, 13, now, -1, SQLITE_STATIC);
            check(sqlite3_step(ins_customer), SQLITE_DONE, "insert customer", db);
            sqlite3_reset(ins_customer);
            ids[i - first] = sqlite3_last_insert_rowid(db);
        }
        for (size_t i = first; i < last; ++i) {
            const struct row *r = &rows[i];
            sqlite3_bind_text(ins_phone, 1, r->f[F_MOBILE], r->len[F_MOBILE], SQLITE_STATIC);
            sqlite3_bind_int64(ins_phone, 2, site_id);
            sqlite3_bind_int64(ins_phone, 3, ids[i - first]);
            sqlite3_bind_text(ins_phone, 4, "mobile", 6, SQLITE_STATIC);
            check(sqlite3_step(ins_phone), SQLITE_DONE, "insert phone", db);
            sqlite3_reset(ins_phone);
            if (r->len[F_OTHER_PHONE] > 0) {
                sqlite3_bind_text(ins_phone, 1, r->f[F_OTHER_PHONE], r->len[F_OTHER_PHONE], SQLITE_STATIC);
                sqlite3_bind_text(ins_phone, 4, r->f[F_OTHER_KIND], r->len[F_OTHER_KIND], SQLITE_STATIC);
                check(sqlite3_step(ins_phone), SQLITE_DONE, "insert phone", db);
                sqlite3_reset(ins_phone);
            }
        }
        for (size_t i = first; i < last; ++i) {
            const struct row *r = &rows[i];
            if (r->channel != 1) continue;
            const int64_t consultant = r->consultant > 0 ? consultant_ids[r->consultant - 1] : 0;
            sqlite3_bind_int64(ins_visit, 1, ids[i - first]);
            sqlite3_bind_text(ins_visit, 2, today, -1, SQLITE_STATIC);
            if (consultant) sqlite3_bind_int64(ins_visit, 3, consultant);
            else sqlite3_bind_null(ins_visit, 3);
            sqlite3_bind_text(ins_visit, 4, now, -1, SQLITE_STATIC);
            check(sqlite3_step(ins_visit), SQLITE_DONE, "insert visit", db);
            sqlite3_reset(ins_visit);
        }
        for (int c = 0; c < 3; ++c) {
            struct sequence *q = &seq[c];
            if (!q->dirty) continue;
            sqlite3_stmt *w = q->stored ? upd_sequence : ins_sequence;
            if (q->stored) {
                sqlite3_bind_int64(w, 1, q->last);
                sqlite3_bind_text(w, 2, q->scope, -1, SQLITE_STATIC);
            } else {
                sqlite3_bind_text(w, 1, q->scope, -1, SQLITE_STATIC);
                sqlite3_bind_int64(w, 2, site_id);
                sqlite3_bind_int64(w, 3, q->last);
            }
            check(sqlite3_step(w), SQLITE_DONE, "write number sequence", db);
            sqlite3_reset(w);
            q->stored = 1;
            q->dirty = 0;
        }
        exec_sql(db, "COMMIT");
    }
    const double elapsed = now_seconds() - start, cpu = cpu_seconds() - cpu_start;

    printf("RESULT side=sqlite\nRESULT customers=%zu\nRESULT batch=%d\nRESULT seconds=%.6f\nRESULT rate=%.1f\n", count,
           batch, elapsed, (double)count / elapsed);
    printf("RESULT cpu_seconds=%.6f\n", cpu);
    printf("RESULT sqlite_version=%s\n", sqlite3_libversion());
    sqlite3_finalize(ins_customer);
    sqlite3_finalize(ins_phone);
    sqlite3_finalize(ins_visit);
    sqlite3_finalize(ins_sequence);
    sqlite3_finalize(upd_sequence);
    check(sqlite3_close(db), SQLITE_OK, "close", db);
    free(ids);
    free(rows);
    free(schema);
    free(data);
    return 0;
}

/* ---- lookup ------------------------------------------------------------------------------------ */

enum { KIND_MOBILE, KIND_HOME, KIND_OFFICE, KIND_OTHER };

/* The customer as a C program holds it: every column of the record, the other phones split out. */
struct phone {
    int kind;
    char number[24];
};
struct customer {
    int64_t id;
    char archive_no[48];
    char channel;       /* 'c' 'v' 'l' */
    char name[208];     /* at most 50 code points */
    char gender;        /* 'u' 'm' 'f' */
    char mobile[24];
    struct phone phones[10];
    int phone_count;
    int64_t consultant_id; /* 0: none */
    char tier;
    char stage;
    char first_contact[16];
    char note[8004];    /* at most 2000 code points */
    char filed_at[24];
    char updated_at[24];
};

static void copy_text(sqlite3_stmt *s, int col, char *out, size_t size) {
    const unsigned char *t = sqlite3_column_text(s, col);
    size_t n = (size_t)sqlite3_column_bytes(s, col);
    if (n >= size) n = size - 1;
    if (t) memcpy(out, t, n);
    out[n] = '\0';
}

static int parse_kind(const char *k, size_t n) {
    if (n == 6 && memcmp(k, "mobile", 6) == 0) return KIND_MOBILE;
    if (n == 4 && memcmp(k, "home", 4) == 0) return KIND_HOME;
    if (n == 6 && memcmp(k, "office", 6) == 0) return KIND_OFFICE;
    return KIND_OTHER;
}

/* The customer at `site_id` holding `phone`; 0 when there is none. */
static int by_phone(sqlite3_stmt *s, const char *phone, int phone_len, int64_t site_id, struct customer *c) {
    sqlite3_bind_text(s, 1, phone, phone_len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, site_id);
    int found = 0;
    if (sqlite3_step(s) == SQLITE_ROW) {
        found = 1;
        c->id = sqlite3_column_int64(s, 0);
        copy_text(s, 1, c->archive_no, sizeof c->archive_no);
        c->channel = (char)sqlite3_column_text(s, 2)[0];
        copy_text(s, 3, c->name, sizeof c->name);
        c->gender = (char)sqlite3_column_text(s, 4)[0];
        copy_text(s, 5, c->mobile, sizeof c->mobile);
        c->phone_count = 0;
        const char *list = (const char *)sqlite3_column_text(s, 6); /* "kind:number,kind:number" */
        while (list && *list && c->phone_count < 10) {
            const char *colon = strchr(list, ':');
            if (!colon) break;
            const char *end = strchr(colon, ',');
            if (!end) end = colon + strlen(colon);
            struct phone *p = &c->phones[c->phone_count++];
            p->kind = parse_kind(list, (size_t)(colon - list));
            size_t n = (size_t)(end - colon - 1);
            if (n >= sizeof p->number) n = sizeof p->number - 1;
            memcpy(p->number, colon + 1, n);
            p->number[n] = '\0';
            list = *end ? end + 1 : end;
        }
        c->consultant_id = sqlite3_column_type(s, 7) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 7);
        c->tier = (char)sqlite3_column_text(s, 8)[0];
        c->stage = (char)sqlite3_column_text(s, 9)[0];
        copy_text(s, 10, c->first_contact, sizeof c->first_contact);
        copy_text(s, 11, c->note, sizeof c->note);
        copy_text(s, 12, c->filed_at, sizeof c->filed_at);
        copy_text(s, 13, c->updated_at, sizeof c->updated_at);
    }
    sqlite3_reset(s);
    return found;
}

/* FNV-1a over what was found, to show that both sides gave the same answers. */
static uint64_t fnv(uint64_t h, const char *s) {
    for (; *s; ++s) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static uint64_t digest(uint64_t h, int found, const struct customer *c) {
    if (!found) return fnv(h, "-;");
    h = fnv(h, c->archive_no);
    h = fnv(h, "|");
    h = fnv(h, c->name);
    for (int i = 0; i < c->phone_count; ++i) {
        h = fnv(h, "|");
        h = fnv(h, c->phones[i].number);
    }
    return fnv(h, ";");
}

static int lookup(const char *db_path, const char *phones_path, int warmup) {
    char *text, **phones;
    int *lengths;
    const size_t count = read_phones(phones_path, &text, &phones, &lengths);

    sqlite3 *db = open_db(db_path, 0);
    sqlite3_stmt *site = prepare(db, "SELECT id FROM sites WHERE code = 'XH'");
    check(sqlite3_step(site), SQLITE_ROW, "the site", db);
    const int64_t site_id = sqlite3_column_int64(site, 0);
    sqlite3_finalize(site);
    /* The phone index (customer_phones primary key) gives the customer; the other phones come from
     * the customer_phones_customer index in the same statement. */
    sqlite3_stmt *s = prepare(
        db, "SELECT c.id, c.archive_no, c.channel, c.name, c.gender, c.mobile, "
            "(SELECT group_concat(o.kind || ':' || o.phone) FROM customer_phones o "
            "  WHERE o.customer_id = c.id AND o.phone <> c.mobile), "
            "c.consultant_id, c.tier, c.stage, c.first_contact, c.note, c.filed_at, c.updated_at "
            "FROM customer_phones p JOIN customers c ON c.id = p.customer_id "
            "WHERE p.phone = ? AND p.site_id = ? AND c.deleted_at IS NULL");
    static struct customer c;
    size_t found = 0;
    for (int i = 0; i < warmup; ++i) by_phone(s, phones[(size_t)i % count], lengths[(size_t)i % count], site_id, &c);

    /* Pass 1: the mean, timed over the whole loop. */
    uint64_t h = 1469598103934665603ULL;
    double start = now_seconds(), cpu_start = cpu_seconds();
    for (size_t i = 0; i < count; ++i) {
        const int f = by_phone(s, phones[i], lengths[i], site_id, &c);
        found += (size_t)f;
        h = digest(h, f, &c);
    }
    const double elapsed = now_seconds() - start, cpu = cpu_seconds() - cpu_start;

    /* Pass 2: the same lookups timed one by one, for the percentiles. */
    double *each = malloc(count * sizeof *each);
    if (!each) die("out of memory", NULL);
    for (size_t i = 0; i < count; ++i) {
        const double t0 = now_seconds();
        by_phone(s, phones[i], lengths[i], site_id, &c);
        each[i] = now_seconds() - t0;
    }
    printf("RESULT side=sqlite\nRESULT lookups=%zu\nRESULT found=%zu\nRESULT seconds=%.6f\n", count, found, elapsed);
    printf("RESULT cpu_seconds=%.6f\n", cpu);
    print_latencies(each, count, elapsed, h);
    sqlite3_finalize(s);
    check(sqlite3_close(db), SQLITE_OK, "close", db);
    free(each);
    free(phones);
    free(lengths);
    free(text);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 6 && strcmp(argv[1], "import") == 0) {
        const int batch = atoi(argv[5]);
        if (batch < 1) die("batch must be positive", NULL);
        return import_archive(argv[2], argv[3], argv[4], batch);
    }
    if (argc == 5 && strcmp(argv[1], "lookup") == 0) return lookup(argv[2], argv[3], atoi(argv[4]));
    if (argc == 2 && strcmp(argv[1], "version") == 0) {
        printf("%s\n", sqlite3_libversion());
        return 0;
    }
    fprintf(stderr,
            "usage: sqlite_side import <db> <schema.sql> <data.tsv> <batch>\n"
            "       sqlite_side lookup <db> <phones.txt> <warmup>\n"
            "       sqlite_side version\n");
    return 2;
}
