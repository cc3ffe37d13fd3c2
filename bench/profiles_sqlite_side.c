/* The raw-SQLite peer of the profile and briefing benchmarks of `make bench`
 * (bench/bench_profiles.py, docs/BENCHMARKS.md "Profiles"): what a competent C programmer writes on
 * the SQLite C API for the same jobs as bench/profiles_side.cpp does through Snowball.
 *
 *   profiles_sqlite_side write <db> <values.tsv> <batch> <by>
 *       Sets the profile values of <values.tsv> (bench/profiles_side.cpp "values") in a database that
 *       holds the same customers (a copy of Snowball's archive file, so the schema is the one
 *       Snowball writes, every migration). For each customer and field, in key order, what
 *       Snowball's Profiles::set writes: the current value read, and when it differs the value
 *       upserted into profile_values and a profile_history row (customer, field, old, new, by, at).
 *       Multiple-choice values are stored as Snowball stores them, a JSON array of option keys.
 *       One BEGIN IMMEDIATE ... COMMIT per <batch> customers; prepared statements. Same settings
 *       as Snowball's side: WAL, synchronous=NORMAL, foreign_keys=ON, the default page cache.
 *   profiles_sqlite_side digest <db>
 *       Digests of profile_values and profile_history without their timestamps, so that the
 *       driver can check that both sides wrote the same rows.
 *   profiles_sqlite_side brief <db> <phones.txt> <warmup>
 *       The indexed lookups a visit briefing needs (src/briefing/briefing.cpp), each copied into C
 *       structs: the customer by phone (with its other phones), its consultant, its family members,
 *       its profile values, its last 3 visits and its visit count, its closed deals. One read
 *       transaction per briefing, like Snowball's (a consistent picture of one customer).
 *
 * Results are printed as "RESULT key=value" lines. Timed: the write transactions (first BEGIN to
 * last COMMIT; reading and splitting the input file is not) and the lookup loop.
 */
#define _POSIX_C_SOURCE 200809L

#define PEER_NAME "profiles_sqlite_side"
#include "sqlite_peer.h"

static void step_done(sqlite3_stmt *s, sqlite3 *db) {
    if (sqlite3_step(s) != SQLITE_DONE) die("write", db);
    sqlite3_reset(s);
}

/* ---- write ------------------------------------------------------------------------------------- */

enum { MAX_FIELDS = 16 };
enum { TYPE_TEXT, TYPE_MULTI };

struct field {
    char key[64];
    int key_len;
    int type;
};

/* Encodes a multiple-choice cell ("wine,beer") as Snowball stores it: ["wine","beer"]. */
static int encode_multi(const char *cell, int len, char *out) {
    int n = 0;
    out[n++] = '[';
    out[n++] = '"';
    for (int i = 0; i < len; ++i) {
        if (cell[i] == ',') {
            memcpy(out + n, "\",\"", 3);
            n += 3;
        } else {
            out[n++] = cell[i];
        }
    }
    out[n++] = '"';
    out[n++] = ']';
    return n;
}

static void utc_now(char *buf, size_t size) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int write_values(const char *db_path, const char *values_path, int batch, int64_t by) {
    char *text = read_file(values_path);
    /* The header: "#fields\tkey:type\t..." */
    char *line = strtok(text, "\n");
    if (!line || strncmp(line, "#fields\t", 8) != 0) die("the values file has no #fields header", NULL);
    struct field fields[MAX_FIELDS];
    int nfields = 0;
    {
        char *p = line + 8;
        while (*p && nfields < MAX_FIELDS) {
            char *end = strchr(p, '\t');
            if (!end) end = p + strlen(p);
            char *colon = memchr(p, ':', (size_t)(end - p));
            if (!colon) die("malformed #fields header", NULL);
            struct field *f = &fields[nfields++];
            f->key_len = (int)(colon - p);
            memcpy(f->key, p, (size_t)f->key_len);
            f->key[f->key_len] = '\0';
            f->type = (end - colon - 1 == 5 && memcmp(colon + 1, "multi", 5) == 0) ? TYPE_MULTI : TYPE_TEXT;
            p = *end ? end + 1 : end;
        }
    }
    /* The rows, split in place: the id and one pointer and length per value. */
    size_t capacity = 1 << 20, count = 0;
    int64_t *ids = malloc(capacity * sizeof *ids);
    const char **cells = malloc(capacity * MAX_FIELDS * sizeof *cells);
    int *lengths = malloc(capacity * MAX_FIELDS * sizeof *lengths);
    if (!ids || !cells || !lengths) die("out of memory", NULL);
    for (line = strtok(NULL, "\n"); line; line = strtok(NULL, "\n")) {
        if (count == capacity) {
            capacity *= 2;
            ids = realloc(ids, capacity * sizeof *ids);
            cells = realloc(cells, capacity * MAX_FIELDS * sizeof *cells);
            lengths = realloc(lengths, capacity * MAX_FIELDS * sizeof *lengths);
            if (!ids || !cells || !lengths) die("out of memory", NULL);
        }
        char *p = line;
        ids[count] = strtoll(p, &p, 10);
        for (int k = 0; k < nfields; ++k) {
            if (*p != '\t') die("malformed values line", NULL);
            ++p;
            char *end = strchr(p, '\t');
            if (!end) end = p + strlen(p);
            cells[count * MAX_FIELDS + (size_t)k] = p;
            lengths[count * MAX_FIELDS + (size_t)k] = (int)(end - p);
            p = end;
        }
        ++count;
    }

    sqlite3 *db = open_db(db_path, 0);
    sqlite3_stmt *begin = prepare(db, "BEGIN IMMEDIATE");
    sqlite3_stmt *commit = prepare(db, "COMMIT");
    sqlite3_stmt *current = prepare(db, "SELECT value FROM profile_values WHERE customer_id = ? AND field = ?");
    sqlite3_stmt *upsert = prepare(db, "INSERT INTO profile_values(customer_id, field, value, updated_at, updated_by) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (customer_id, field) DO UPDATE SET "
                                       "value = ?3, updated_at = ?4, updated_by = ?5");
    sqlite3_stmt *history = prepare(db, "INSERT INTO profile_history(customer_id, field, old_value, new_value, changed_by, "
                                        "changed_at) VALUES (?, ?, ?, ?, ?, ?)");
    static char value[16384], old[16384];
    char now[32];
    size_t values_set = 0;
    const double start = now_seconds(), cpu_start = cpu_seconds();
    for (size_t first = 0; first < count; first += (size_t)batch) {
        const size_t last = first + (size_t)batch < count ? first + (size_t)batch : count;
        utc_now(now, sizeof now);
        step_done(begin, db);
        for (size_t i = first; i < last; ++i) {
            for (int k = 0; k < nfields; ++k) {
                const char *cell = cells[i * MAX_FIELDS + (size_t)k];
                int len = lengths[i * MAX_FIELDS + (size_t)k];
                if (fields[k].type == TYPE_MULTI) {
                    len = encode_multi(cell, len, value);
                } else {
                    memcpy(value, cell, (size_t)len);
                }
                sqlite3_bind_int64(current, 1, ids[i]);
                sqlite3_bind_text(current, 2, fields[k].key, fields[k].key_len, SQLITE_STATIC);
                int has_old = 0, old_len = 0;
                if (sqlite3_step(current) == SQLITE_ROW) {
                    has_old = 1;
                    old_len = sqlite3_column_bytes(current, 0);
                    memcpy(old, sqlite3_column_text(current, 0), (size_t)old_len);
                }
                sqlite3_reset(current);
                if (has_old && old_len == len && memcmp(old, value, (size_t)len) == 0) continue;
                sqlite3_bind_int64(upsert, 1, ids[i]);
                sqlite3_bind_text(upsert, 2, fields[k].key, fields[k].key_len, SQLITE_STATIC);
                sqlite3_bind_text(upsert, 3, value, len, SQLITE_STATIC);
                sqlite3_bind_text(upsert, 4, now, -1, SQLITE_STATIC);
                sqlite3_bind_int64(upsert, 5, by);
                step_done(upsert, db);
                sqlite3_bind_int64(history, 1, ids[i]);
                sqlite3_bind_text(history, 2, fields[k].key, fields[k].key_len, SQLITE_STATIC);
                if (has_old) sqlite3_bind_text(history, 3, old, old_len, SQLITE_STATIC);
                else sqlite3_bind_null(history, 3);
                sqlite3_bind_text(history, 4, value, len, SQLITE_STATIC);
                sqlite3_bind_int64(history, 5, by);
                sqlite3_bind_text(history, 6, now, -1, SQLITE_STATIC);
                step_done(history, db);
                ++values_set;
            }
        }
        step_done(commit, db);
    }
    const double elapsed = now_seconds() - start, cpu = cpu_seconds() - cpu_start;
    printf("RESULT side=sqlite\nRESULT customers=%zu\nRESULT values=%zu\nRESULT batch=%d\n", count, values_set, batch);
    printf("RESULT seconds=%.6f\nRESULT cpu_seconds=%.6f\nRESULT rate=%.1f\n", elapsed, cpu, (double)count / elapsed);
    sqlite3_finalize(begin);
    sqlite3_finalize(commit);
    sqlite3_finalize(current);
    sqlite3_finalize(upsert);
    sqlite3_finalize(history);
    if (sqlite3_close(db) != SQLITE_OK) die("close", db);
    free(ids);
    free(cells);
    free(lengths);
    free(text);
    return 0;
}

/* ---- digest ------------------------------------------------------------------------------------ */

static int digest(const char *db_path) {
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) die("cannot open the database", db);
    long long values = 0, history = 0;
    const uint64_t v = table_digest(db, "SELECT customer_id, field, value, updated_by FROM profile_values "
                                        "ORDER BY customer_id, field", &values);
    const uint64_t h = table_digest(db, "SELECT id, customer_id, field, old_value, new_value, changed_by "
                                        "FROM profile_history ORDER BY id", &history);
    printf("RESULT values=%lld\nRESULT values_digest=%016llx\nRESULT history=%lld\nRESULT history_digest=%016llx\n", values,
           (unsigned long long)v, history, (unsigned long long)h);
    sqlite3_close(db);
    return 0;
}

/* ---- brief ------------------------------------------------------------------------------------- */

/* What a briefing reads, as a C program holds it: every column copied out. */
struct phone {
    char kind[8];
    char number[24];
};
struct customer {
    int64_t id;
    char archive_no[48];
    char channel[8];
    char name[208];
    char gender[8];
    char mobile[24];
    struct phone phones[10];
    int phone_count;
    int64_t consultant_id; /* 0: none */
    char tier[12];
    char stage[12];
    char first_contact[16];
    char note[8004];
    char filed_at[24];
    char updated_at[24];
    char birth_calendar[12]; /* "": none */
    int birth_year, birth_month, birth_day, birth_leap;
};
struct consultant {
    int64_t id;
    char uid[40];
    char site[16];
    char name[208];
    char phone[24];
    int active;
    char created_at[24];
};
struct member {
    int64_t id;
    char relation[8];
    char name[208];
    char gender[8];
    char phone[24];
    char employer[804];
    char education[804];
    char interests[2004];
    char school[804];
    int closest;
    char note[8004];
    char created_at[24];
    char updated_at[24];
    char birth_calendar[12];
    int birth_year, birth_month, birth_day, birth_leap;
};
struct value {
    char field[64];
    char value[8004];
    char updated_at[24];
    int64_t updated_by;
};
struct visit {
    int64_t id;
    char date[16];
    int64_t consultant_id;
    char note[8004];
    char recorded_at[24];
};
struct deal {
    int64_t id;
    char site[16];
    char unit[204];
    char layout[204];
    double area, price;
    char date[16];
    char bought_for[404];
    int64_t consultant_id;
    int cancelled;
    char cancel_reason[804];
    char recorded_at[24];
};
enum { MAX_MEMBERS = 32, MAX_VALUES = 128, MAX_DEALS = 16 };
struct briefing {
    struct customer customer;
    int has_consultant;
    struct consultant consultant;
    struct member family[MAX_MEMBERS];
    int family_count;
    struct value values[MAX_VALUES];
    int value_count;
    struct visit visits[3];
    int visit_rows;
    int64_t visit_count;
    struct deal deals[MAX_DEALS];
    int deal_count;
};

static void copy_text(sqlite3_stmt *s, int col, char *out, size_t size) {
    const unsigned char *t = sqlite3_column_text(s, col);
    size_t n = (size_t)sqlite3_column_bytes(s, col);
    if (n >= size) n = size - 1;
    if (t) memcpy(out, t, n);
    out[n] = '\0';
}

static int64_t column_id(sqlite3_stmt *s, int col) {
    return sqlite3_column_type(s, col) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, col);
}

struct statements {
    sqlite3_stmt *begin, *commit, *customer, *consultant, *family, *values, *visits, *visit_count, *deals;
    int64_t site_id;
};

/* The briefing of the customer at the site holding `phone`; 0 when there is none. */
static int brief_one(struct statements *q, const char *phone, int phone_len, struct briefing *b) {
    sqlite3_step(q->begin);
    sqlite3_reset(q->begin);
    sqlite3_stmt *s = q->customer;
    sqlite3_bind_text(s, 1, phone, phone_len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, q->site_id);
    int found = 0;
    struct customer *c = &b->customer;
    if (sqlite3_step(s) == SQLITE_ROW) {
        found = 1;
        c->id = sqlite3_column_int64(s, 0);
        copy_text(s, 1, c->archive_no, sizeof c->archive_no);
        copy_text(s, 2, c->channel, sizeof c->channel);
        copy_text(s, 3, c->name, sizeof c->name);
        copy_text(s, 4, c->gender, sizeof c->gender);
        copy_text(s, 5, c->mobile, sizeof c->mobile);
        c->phone_count = 0;
        const char *list = (const char *)sqlite3_column_text(s, 6); /* "kind:number,kind:number" */
        while (list && *list && c->phone_count < 10) {
            const char *colon = strchr(list, ':');
            if (!colon) break;
            const char *end = strchr(colon, ',');
            if (!end) end = colon + strlen(colon);
            struct phone *p = &c->phones[c->phone_count++];
            size_t k = (size_t)(colon - list);
            if (k >= sizeof p->kind) k = sizeof p->kind - 1;
            memcpy(p->kind, list, k);
            p->kind[k] = '\0';
            size_t n = (size_t)(end - colon - 1);
            if (n >= sizeof p->number) n = sizeof p->number - 1;
            memcpy(p->number, colon + 1, n);
            p->number[n] = '\0';
            list = *end ? end + 1 : end;
        }
        c->consultant_id = column_id(s, 7);
        copy_text(s, 8, c->tier, sizeof c->tier);
        copy_text(s, 9, c->stage, sizeof c->stage);
        copy_text(s, 10, c->first_contact, sizeof c->first_contact);
        copy_text(s, 11, c->note, sizeof c->note);
        copy_text(s, 12, c->filed_at, sizeof c->filed_at);
        copy_text(s, 13, c->updated_at, sizeof c->updated_at);
        copy_text(s, 14, c->birth_calendar, sizeof c->birth_calendar);
        c->birth_year = sqlite3_column_int(s, 15);
        c->birth_month = sqlite3_column_int(s, 16);
        c->birth_day = sqlite3_column_int(s, 17);
        c->birth_leap = sqlite3_column_int(s, 18);
    }
    sqlite3_reset(s);
    if (found) {
        b->has_consultant = 0;
        if (c->consultant_id) {
            s = q->consultant;
            sqlite3_bind_int64(s, 1, c->consultant_id);
            if (sqlite3_step(s) == SQLITE_ROW) {
                struct consultant *k = &b->consultant;
                b->has_consultant = 1;
                k->id = sqlite3_column_int64(s, 0);
                copy_text(s, 1, k->uid, sizeof k->uid);
                copy_text(s, 2, k->site, sizeof k->site);
                copy_text(s, 3, k->name, sizeof k->name);
                copy_text(s, 4, k->phone, sizeof k->phone);
                k->active = sqlite3_column_int(s, 5);
                copy_text(s, 6, k->created_at, sizeof k->created_at);
            }
            sqlite3_reset(s);
        }
        s = q->family;
        sqlite3_bind_int64(s, 1, c->id);
        b->family_count = 0;
        while (sqlite3_step(s) == SQLITE_ROW && b->family_count < MAX_MEMBERS) {
            struct member *m = &b->family[b->family_count++];
            m->id = sqlite3_column_int64(s, 0);
            copy_text(s, 1, m->relation, sizeof m->relation);
            copy_text(s, 2, m->name, sizeof m->name);
            copy_text(s, 3, m->gender, sizeof m->gender);
            copy_text(s, 4, m->phone, sizeof m->phone);
            copy_text(s, 5, m->employer, sizeof m->employer);
            copy_text(s, 6, m->education, sizeof m->education);
            copy_text(s, 7, m->interests, sizeof m->interests);
            copy_text(s, 8, m->school, sizeof m->school);
            m->closest = sqlite3_column_int(s, 9);
            copy_text(s, 10, m->note, sizeof m->note);
            copy_text(s, 11, m->created_at, sizeof m->created_at);
            copy_text(s, 12, m->updated_at, sizeof m->updated_at);
            copy_text(s, 13, m->birth_calendar, sizeof m->birth_calendar);
            m->birth_year = sqlite3_column_int(s, 14);
            m->birth_month = sqlite3_column_int(s, 15);
            m->birth_day = sqlite3_column_int(s, 16);
            m->birth_leap = sqlite3_column_int(s, 17);
        }
        sqlite3_reset(s);
        s = q->values;
        sqlite3_bind_int64(s, 1, c->id);
        b->value_count = 0;
        while (sqlite3_step(s) == SQLITE_ROW && b->value_count < MAX_VALUES) {
            struct value *v = &b->values[b->value_count++];
            copy_text(s, 0, v->field, sizeof v->field);
            copy_text(s, 1, v->value, sizeof v->value);
            copy_text(s, 2, v->updated_at, sizeof v->updated_at);
            v->updated_by = column_id(s, 3);
        }
        sqlite3_reset(s);
        s = q->visits;
        sqlite3_bind_int64(s, 1, c->id);
        b->visit_rows = 0;
        while (sqlite3_step(s) == SQLITE_ROW && b->visit_rows < 3) {
            struct visit *v = &b->visits[b->visit_rows++];
            v->id = sqlite3_column_int64(s, 0);
            copy_text(s, 1, v->date, sizeof v->date);
            v->consultant_id = column_id(s, 2);
            copy_text(s, 3, v->note, sizeof v->note);
            copy_text(s, 4, v->recorded_at, sizeof v->recorded_at);
        }
        sqlite3_reset(s);
        s = q->visit_count;
        sqlite3_bind_int64(s, 1, c->id);
        b->visit_count = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        sqlite3_reset(s);
        s = q->deals;
        sqlite3_bind_int64(s, 1, c->id);
        b->deal_count = 0;
        while (sqlite3_step(s) == SQLITE_ROW && b->deal_count < MAX_DEALS) {
            struct deal *d = &b->deals[b->deal_count++];
            d->id = sqlite3_column_int64(s, 0);
            copy_text(s, 1, d->site, sizeof d->site);
            copy_text(s, 2, d->unit, sizeof d->unit);
            copy_text(s, 3, d->layout, sizeof d->layout);
            d->area = sqlite3_column_double(s, 4);
            d->price = sqlite3_column_double(s, 5);
            copy_text(s, 6, d->date, sizeof d->date);
            copy_text(s, 7, d->bought_for, sizeof d->bought_for);
            d->consultant_id = column_id(s, 8);
            d->cancelled = sqlite3_column_int(s, 9);
            copy_text(s, 10, d->cancel_reason, sizeof d->cancel_reason);
            copy_text(s, 11, d->recorded_at, sizeof d->recorded_at);
        }
        sqlite3_reset(s);
    }
    sqlite3_step(q->commit);
    sqlite3_reset(q->commit);
    return found;
}

/* The same digest as profiles_side.cpp: each item's bytes and '|', ';' after each briefing. */
static uint64_t add(uint64_t h, const char *s) {
    for (; *s; ++s) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ (unsigned char)'|') * 1099511628211ULL;
}

/* The fields of the default template shown in a briefing (FieldDef::in_briefing). */
static const char *const briefing_fields[] = {
    "native_place", "marital_status", "spouse_interests", "closest_family_member", "favourite_restaurants",
    "favourite_cuisine", "drinking", "smoking", "social_organisations", "sociability", "ideal_residence",
    "purchase_reason", "cares_about_neighbours", "position", "car_brand", "independent_minded"};

static uint64_t digest_briefing(uint64_t h, int found, const struct briefing *b) {
    if (!found) return add(h, "-;");
    h = add(h, b->customer.archive_no);
    h = add(h, b->customer.name);
    for (int i = 0; i < b->customer.phone_count; ++i) h = add(h, b->customer.phones[i].number);
    h = add(h, b->has_consultant ? b->consultant.name : "");
    h = add(h, "F");
    for (int i = 0; i < b->family_count; ++i) h = add(h, b->family[i].name);
    h = add(h, "V");
    for (int i = 0; i < b->visit_rows; ++i) h = add(h, b->visits[i].date);
    char count[24];
    snprintf(count, sizeof count, "%lld", (long long)b->visit_count);
    h = add(h, count);
    h = add(h, "D");
    for (int i = 0; i < b->deal_count; ++i) h = add(h, b->deals[i].unit);
    h = add(h, "P");
    /* The values come in key order (the primary key's). */
    for (int i = 0; i < b->value_count; ++i)
        for (size_t k = 0; k < sizeof briefing_fields / sizeof *briefing_fields; ++k)
            if (strcmp(b->values[i].field, briefing_fields[k]) == 0) h = add(h, b->values[i].field);
    return add(h, ";");
}

static int brief(const char *db_path, const char *phones_path, int warmup) {
    char *text, **phones;
    int *lengths;
    const size_t count = read_phones(phones_path, &text, &phones, &lengths);

    sqlite3 *db = open_db(db_path, 0);
    struct statements q;
    sqlite3_stmt *site = prepare(db, "SELECT id FROM sites WHERE code = 'XH'");
    if (sqlite3_step(site) != SQLITE_ROW) die("the site", db);
    q.site_id = sqlite3_column_int64(site, 0);
    sqlite3_finalize(site);
    q.begin = prepare(db, "BEGIN");
    q.commit = prepare(db, "COMMIT");
    q.customer = prepare(
        db, "SELECT c.id, c.archive_no, c.channel, c.name, c.gender, c.mobile, "
            "(SELECT group_concat(o.kind || ':' || o.phone) FROM customer_phones o "
            "  WHERE o.customer_id = c.id AND o.phone <> c.mobile), "
            "c.consultant_id, c.tier, c.stage, c.first_contact, c.note, c.filed_at, c.updated_at, "
            "c.birth_calendar, c.birth_year, c.birth_month, c.birth_day, c.birth_leap "
            "FROM customer_phones p JOIN customers c ON c.id = p.customer_id "
            "WHERE p.phone = ? AND p.site_id = ? AND c.deleted_at IS NULL");
    q.consultant = prepare(db, "SELECT c.id, c.uid, s.code, c.name, c.phone, c.active, c.created_at "
                               "FROM consultants c JOIN sites s ON s.id = c.site_id WHERE c.id = ?");
    q.family = prepare(db, "SELECT id, relation, name, gender, phone, employer, education, interests, school, closest, "
                           "note, created_at, updated_at, birth_calendar, birth_year, birth_month, birth_day, birth_leap "
                           "FROM family_members WHERE customer_id = ? ORDER BY CASE relation WHEN 'spouse' THEN 0 "
                           "WHEN 'father' THEN 1 WHEN 'mother' THEN 2 WHEN 'child' THEN 3 ELSE 4 END, id");
    q.values = prepare(db, "SELECT field, value, updated_at, updated_by FROM profile_values WHERE customer_id = ?");
    q.visits = prepare(db, "SELECT id, visit_date, consultant_id, note, recorded_at FROM visits "
                           "WHERE customer_id = ? ORDER BY visit_date DESC, id DESC LIMIT 3");
    q.visit_count = prepare(db, "SELECT count(*) FROM visits WHERE customer_id = ?");
    q.deals = prepare(db, "SELECT d.id, s.code, d.unit, d.layout, d.area, d.price, d.deal_date, d.bought_for, "
                          "d.consultant_id, d.cancelled, d.cancel_reason, d.recorded_at FROM deals d "
                          "JOIN sites s ON s.id = d.site_id WHERE d.customer_id = ? AND d.cancelled = 0 "
                          "ORDER BY d.deal_date, d.id");
    static struct briefing b;
    for (int i = 0; i < warmup; ++i) brief_one(&q, phones[(size_t)i % count], lengths[(size_t)i % count], &b);

    uint64_t h = 1469598103934665603ULL;
    size_t found = 0, family = 0;
    const double start = now_seconds(), cpu_start = cpu_seconds();
    for (size_t i = 0; i < count; ++i) {
        const int f = brief_one(&q, phones[i], lengths[i], &b);
        if (f) {
            ++found;
            family += (size_t)b.family_count;
        }
        h = digest_briefing(h, f, &b);
    }
    const double elapsed = now_seconds() - start, cpu = cpu_seconds() - cpu_start;

    double *each = malloc(count * sizeof *each);
    if (!each) die("out of memory", NULL);
    for (size_t i = 0; i < count; ++i) {
        const double t0 = now_seconds();
        brief_one(&q, phones[i], lengths[i], &b);
        each[i] = now_seconds() - t0;
    }
    printf("RESULT side=sqlite\nRESULT lookups=%zu\nRESULT found=%zu\nRESULT family=%zu\n", count, found, family);
    printf("RESULT seconds=%.6f\nRESULT cpu_seconds=%.6f\n", elapsed, cpu);
    print_latencies(each, count, elapsed, h);
    sqlite3_stmt *all[] = {q.begin, q.commit, q.customer, q.consultant, q.family, q.values, q.visits, q.visit_count, q.deals};
    for (size_t i = 0; i < sizeof all / sizeof *all; ++i) sqlite3_finalize(all[i]);
    if (sqlite3_close(db) != SQLITE_OK) die("close", db);
    free(each);
    free(phones);
    free(lengths);
    free(text);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 6 && strcmp(argv[1], "write") == 0) {
        const int batch = atoi(argv[4]);
        if (batch < 1) die("batch must be positive", NULL);
        return write_values(argv[2], argv[3], batch, strtoll(argv[5], NULL, 10));
    }
    if (argc == 3 && strcmp(argv[1], "digest") == 0) return digest(argv[2]);
    if (argc == 5 && strcmp(argv[1], "brief") == 0) return brief(argv[2], argv[3], atoi(argv[4]));
    fprintf(stderr, "usage: profiles_sqlite_side write <db> <values.tsv> <batch> <by>\n"
                    "       profiles_sqlite_side digest <db>\n"
                    "       profiles_sqlite_side brief <db> <phones.txt> <warmup>\n");
    return 2;
}
