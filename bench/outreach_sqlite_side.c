/* The raw-SQLite peer of the outreach benchmark (bench/bench_outreach.py, docs/BENCHMARKS.md
 * "Outreach"): a plain C program on the SQLite C API sending a festival SMS to every owner of a
 * site the way Outreach::send records it, on a copy of the same archive.
 *
 *   outreach_sqlite_side send <db> <key> <text> <festival> <at>
 *       Selects the site's owners on file with their name, gender, mobile, site name and
 *       consultant (one statement, ordered by id). Then per batch of 5,000 owners two transactions,
 *       as the library does:
 *         1. claim: the item's row in `outreach_items` (found by its key, else inserted); per owner
 *            the text rendered ({salutation} 张先生 / 李女士 / the name alone when the gender is
 *            unknown, {festival}, {site}, {name}, {consultant}), the existing delivery of the item
 *            on SMS (one already sent is skipped: "already_sent"), the do-not-contact check
 *            (`consents`: an objection to service contacts on every channel or on SMS), the
 *            address, the SMS segments (at most 3), the weekly cap (3 messages sent in the 7 days
 *            to the day of <at>), then the delivery row inserted (status sending, or skipped with
 *            the reason; a skipped or failed one is decided again and updated);
 *         2. after "sending" each claimed message (the sender is a counter: the message id is
 *            "SMS<delivery id>"), record: per message the customer's follow-up row read, the
 *            contact inserted into `contacts` (the delivery's SMS, sent, reached, the text as the
 *            note, by the customer's consultant, recorded by the host), `contact_followups`
 *            upserted (an owner has no next contact under the default policy) and the delivery
 *            updated to sent with its message id, time and contact.
 *       Opened as Snowball opens an archive: WAL, foreign keys on, secure_delete on,
 *       synchronous=NORMAL, a 64 MiB page cache. Timed: everything after opening.
 *   outreach_sqlite_side digest <db>
 *       Row counts and digests of the deliveries (customer, channel, status, reason, text, segments,
 *       attempts, message id, contact), the contacts made by deliveries and the follow-up rows
 *       (every column but the times), to check that both sides recorded the same.
 *
 * Results are printed as "RESULT key=value" lines. */
#define _POSIX_C_SOURCE 200809L

#define PEER_NAME "outreach_sqlite_side"
#include "sqlite_peer.h"

enum { BATCH = 5000, WEEKLY_CAP = 3, MAX_SEGMENTS = 3, TEXT_MAX = 16384 };

/* The compound surnames Snowball knows (src/briefing/briefing.cpp), simplified forms. */
static const char *const compound_surnames[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门", "百里", "呼延", "万俟", "闻人", "澹台", "公冶",
    "太史", "申屠", "赫连", "拓跋"};

static size_t utf8_length(unsigned char b) { return b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4; }

/* 张先生, 李女士, the name alone when the gender is unknown (every synthetic name is Chinese). */
static void salutation(const char *name, const char *gender, char *out, size_t size) {
    if (strcmp(gender, "unknown") == 0 || !*name) {
        snprintf(out, size, "%s", name);
        return;
    }
    size_t surname = utf8_length((unsigned char)name[0]);
    for (size_t i = 0; i < sizeof compound_surnames / sizeof *compound_surnames; ++i)
        if (strncmp(name, compound_surnames[i], strlen(compound_surnames[i])) == 0) surname = strlen(compound_surnames[i]);
    snprintf(out, size, "%.*s%s", (int)surname, name, strcmp(gender, "male") == 0 ? "先生" : "女士");
}

/* SMS segments: 70 characters in one, 67 a segment beyond (160 and 153 for plain ASCII). */
static int sms_segments(const char *text) {
    int characters = 0, unicode = 0;
    for (size_t i = 0; text[i]; i += utf8_length((unsigned char)text[i])) {
        if ((unsigned char)text[i] >= 0x80) unicode = 1;
        characters += utf8_length((unsigned char)text[i]) == 4 ? 2 : 1;
    }
    if (!characters) return 0;
    const int single = unicode ? 70 : 160, part = unicode ? 67 : 153;
    return characters <= single ? 1 : (characters + part - 1) / part;
}

struct Owner {
    long long id, site_id, consultant_id; /* consultant 0: none */
    char *site_name, *name, *gender, *mobile, *consultant;
};

/* The template with {name}-style placeholders filled; "{{" and "}}" are literal braces. */
static void render(const char *text, const char *const keys[][2], size_t nkeys, char *out) {
    size_t n = 0;
    for (const char *p = text; *p;) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            out[n++] = p[0];
            p += 2;
            continue;
        }
        if (*p == '{') {
            const char *end = strchr(p, '}');
            if (!end) die("a lone brace in the text", NULL);
            const size_t length = (size_t)(end - p - 1);
            size_t k = 0;
            while (k < nkeys && !(strlen(keys[k][0]) == length && strncmp(keys[k][0], p + 1, length) == 0)) ++k;
            if (k == nkeys) die("an unknown placeholder in the text", NULL);
            const size_t len = strlen(keys[k][1]);
            if (n + len >= TEXT_MAX) die("the text is too long", NULL);
            memcpy(out + n, keys[k][1], len);
            n += len;
            p = end + 1;
            continue;
        }
        if (n + 1 >= TEXT_MAX) die("the text is too long", NULL);
        out[n++] = *p++;
    }
    out[n] = '\0';
}

static char *copy_column(sqlite3_stmt *s, int i) {
    const char *t = (const char *)sqlite3_column_text(s, i);
    char *c = strdup(t ? t : "");
    if (!c) die("out of memory", NULL);
    return c;
}

static size_t select_owners(sqlite3 *db, struct Owner **out) {
    sqlite3_stmt *q = prepare(db, "SELECT c.id, c.site_id, coalesce(c.consultant_id, 0), s.name, c.name, c.gender, c.mobile, "
                                  "coalesce(k.name, '') FROM customers c JOIN sites s ON s.id = c.site_id "
                                  "LEFT JOIN consultants k ON k.id = c.consultant_id "
                                  "WHERE s.code = 'XH' AND c.stage = 'owner' AND c.deleted_at IS NULL ORDER BY c.id");
    size_t capacity = 1 << 16, count = 0;
    *out = malloc(capacity * sizeof **out);
    if (!*out) die("out of memory", NULL);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (count == capacity) {
            capacity *= 2;
            *out = realloc(*out, capacity * sizeof **out);
            if (!*out) die("out of memory", NULL);
        }
        struct Owner *o = &(*out)[count++];
        o->id = sqlite3_column_int64(q, 0);
        o->site_id = sqlite3_column_int64(q, 1);
        o->consultant_id = sqlite3_column_int64(q, 2);
        o->site_name = copy_column(q, 3);
        o->name = copy_column(q, 4);
        o->gender = copy_column(q, 5);
        o->mobile = copy_column(q, 6);
        o->consultant = copy_column(q, 7);
    }
    if (rc != SQLITE_DONE) die("select owners", db);
    sqlite3_finalize(q);
    return count;
}

static void step_done(sqlite3_stmt *s, const char *what, sqlite3 *db) {
    check(sqlite3_step(s), SQLITE_DONE, what, db);
    sqlite3_reset(s);
}

/* A claimed message, waiting for the sender. */
struct Claim {
    long long delivery_id;
    size_t owner;
    char *text;
};

static int send(const char *path, const char *key, const char *text, const char *festival, const char *at) {
    sqlite3 *db = open_db(path, 0);
    exec_sql(db, "PRAGMA secure_delete = ON");
    exec_sql(db, "PRAGMA cache_size = -65536");
    /* The week of the weekly cap: the 7 days to the China day of <at> ("YYYY-MM-DDTHH:MM", China). */
    char day[16], week_start[16];
    snprintf(day, sizeof day, "%.10s", at);
    civil_from_days(days_of(day) - 6, week_start);

    sqlite3_stmt *begin = prepare(db, "BEGIN IMMEDIATE");
    sqlite3_stmt *commit = prepare(db, "COMMIT");
    sqlite3_stmt *find_item = prepare(db, "SELECT id FROM outreach_items WHERE key = ?");
    sqlite3_stmt *insert_item = prepare(db, "INSERT INTO outreach_items(key, created_at, created_by) VALUES (?, ?, 'host')");
    sqlite3_stmt *existing = prepare(db, "SELECT id, status FROM deliveries WHERE item_id = ? AND customer_id = ? AND channel = 'sms'");
    sqlite3_stmt *objected = prepare(db, "SELECT 1 FROM consents WHERE customer_id = ? AND purpose = 'service' AND objection = 1 "
                                         "AND withdrawn_at IS NULL AND (channel = '' OR channel = 'sms') LIMIT 1");
    sqlite3_stmt *week = prepare(db, "SELECT count(*) FROM deliveries WHERE customer_id = ? AND sent_day BETWEEN ? AND ? "
                                     "AND status IN ('sent', 'delivered', 'read')");
    sqlite3_stmt *insert_delivery = prepare(db,
        "INSERT INTO deliveries(item_id, customer_id, site_id, channel, status, reason, subject, body, segments, attempts, "
        "queued_at) VALUES (?1, ?2, ?3, 'sms', ?4, ?5, '', ?6, ?7, ?8, ?9)");
    sqlite3_stmt *update_delivery = prepare(db, "UPDATE deliveries SET status = ?1, reason = ?2, body = ?3, segments = ?4, "
                                                "attempts = attempts + ?5 WHERE id = ?6");
    sqlite3_stmt *read_followup = prepare(db, "SELECT intent, last_at FROM contact_followups WHERE customer_id = ?");
    sqlite3_stmt *insert_contact = prepare(db,
        "INSERT INTO contacts(customer_id, site_id, consultant_id, at, day, channel, direction, outcome, reached, note, "
        "intent_before, intent, next_time, next_purpose, quiet_hours, recorded_by, recorded_at, delivery_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, 'sms', 'out', 'sent', 1, ?6, ?7, ?7, '', '', 0, 'host', ?4, ?8)");
    sqlite3_stmt *upsert_followup = prepare(db,
        "INSERT INTO contact_followups(customer_id, site_id, last_at, last_day, last_channel, last_reached_day, intent, "
        "next_on, next_time, next_channel, next_purpose, next_source) VALUES (?1, ?2, ?3, ?4, 'sms', ?4, ?5, NULL, '', NULL, '', '') "
        "ON CONFLICT (customer_id) DO UPDATE SET site_id = ?2, last_at = ?3, last_day = ?4, last_channel = 'sms', "
        "last_reached_day = ?4, intent = ?5, next_on = NULL, next_time = '', next_channel = NULL, next_purpose = '', "
        "next_source = ''");
    sqlite3_stmt *mark_sent = prepare(db, "UPDATE deliveries SET status = 'sent', message_id = ?1, error = '', sent_at = ?2, "
                                          "sent_day = ?3, contact_id = ?4 WHERE id = ?5");

    struct Claim *claims = malloc(BATCH * sizeof *claims);
    char *rendered = malloc(TEXT_MAX);
    if (!claims || !rendered) die("out of memory", NULL);
    long long sent = 0, skipped = 0, already_sent = 0, do_not_contact = 0, other = 0;

    const double start = now_seconds(), cpu_start = cpu_seconds();
    struct Owner *owners;
    const size_t count = select_owners(db, &owners);
    for (size_t from = 0; from < count; from += BATCH) {
        const size_t to = from + BATCH < count ? from + BATCH : count;
        size_t claimed = 0;
        char now[21];
        now_utc(now);

        /* 1. Claim. */
        step_done(begin, "begin", db);
        long long item;
        sqlite3_bind_text(find_item, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(find_item) == SQLITE_ROW) {
            item = sqlite3_column_int64(find_item, 0);
        } else {
            sqlite3_bind_text(insert_item, 1, key, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert_item, 2, now, -1, SQLITE_STATIC);
            step_done(insert_item, "insert item", db);
            item = sqlite3_last_insert_rowid(db);
        }
        sqlite3_reset(find_item);
        for (size_t i = from; i < to; ++i) {
            const struct Owner *o = &owners[i];
            char greeting[128];
            salutation(o->name, o->gender, greeting, sizeof greeting);
            const char *const values[][2] = {{"salutation", greeting}, {"festival", festival}, {"site", o->site_name},
                                             {"name", o->name}, {"consultant", o->consultant}};
            render(text, values, sizeof values / sizeof *values, rendered);

            long long id = 0;
            sqlite3_bind_int64(existing, 1, item);
            sqlite3_bind_int64(existing, 2, o->id);
            if (sqlite3_step(existing) == SQLITE_ROW) {
                id = sqlite3_column_int64(existing, 0);
                const char *status = (const char *)sqlite3_column_text(existing, 1);
                if (strcmp(status, "sent") == 0 || strcmp(status, "delivered") == 0 || strcmp(status, "read") == 0 ||
                    strcmp(status, "sending") == 0) {
                    sqlite3_reset(existing);
                    ++skipped;
                    ++already_sent;
                    continue;
                }
            }
            sqlite3_reset(existing);

            const int segments = sms_segments(rendered);
            const char *reason = "";
            sqlite3_bind_int64(objected, 1, o->id);
            const int objects = sqlite3_step(objected) == SQLITE_ROW;
            sqlite3_reset(objected);
            if (objects) {
                reason = "do_not_contact";
            } else if (!*o->mobile) {
                reason = "no_address";
            } else if (segments > MAX_SEGMENTS) {
                reason = "too_long";
            } else {
                sqlite3_bind_int64(week, 1, o->id);
                sqlite3_bind_text(week, 2, week_start, -1, SQLITE_STATIC);
                sqlite3_bind_text(week, 3, day, -1, SQLITE_STATIC);
                check(sqlite3_step(week), SQLITE_ROW, "weekly count", db);
                if (sqlite3_column_int64(week, 0) >= WEEKLY_CAP) reason = "weekly_cap";
                sqlite3_reset(week);
            }
            const char *status = *reason ? "skipped" : "sending";
            if (id) {
                sqlite3_bind_text(update_delivery, 1, status, -1, SQLITE_STATIC);
                sqlite3_bind_text(update_delivery, 2, reason, -1, SQLITE_STATIC);
                sqlite3_bind_text(update_delivery, 3, rendered, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int(update_delivery, 4, segments);
                sqlite3_bind_int(update_delivery, 5, *reason ? 0 : 1);
                sqlite3_bind_int64(update_delivery, 6, id);
                step_done(update_delivery, "update delivery", db);
            } else {
                sqlite3_bind_int64(insert_delivery, 1, item);
                sqlite3_bind_int64(insert_delivery, 2, o->id);
                sqlite3_bind_int64(insert_delivery, 3, o->site_id);
                sqlite3_bind_text(insert_delivery, 4, status, -1, SQLITE_STATIC);
                sqlite3_bind_text(insert_delivery, 5, reason, -1, SQLITE_STATIC);
                sqlite3_bind_text(insert_delivery, 6, rendered, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int(insert_delivery, 7, segments);
                sqlite3_bind_int(insert_delivery, 8, *reason ? 0 : 1);
                sqlite3_bind_text(insert_delivery, 9, now, -1, SQLITE_STATIC);
                step_done(insert_delivery, "insert delivery", db);
                id = sqlite3_last_insert_rowid(db);
            }
            if (*reason) {
                ++skipped;
                if (strcmp(reason, "do_not_contact") == 0) ++do_not_contact;
                else ++other;
                continue;
            }
            claims[claimed].delivery_id = id;
            claims[claimed].owner = i;
            claims[claimed].text = strdup(rendered);
            if (!claims[claimed].text) die("out of memory", NULL);
            ++claimed;
        }
        step_done(commit, "commit", db);
        if (!claimed) continue;

        /* 2. The sender takes every message; 3. record. */
        char sent_at[21], sent_day[16];
        now_utc(sent_at);
        china_day(sent_at, sent_day);
        step_done(begin, "begin", db);
        for (size_t k = 0; k < claimed; ++k) {
            const struct Owner *o = &owners[claims[k].owner];
            char message_id[32], intent[16] = "";
            snprintf(message_id, sizeof message_id, "SMS%lld", claims[k].delivery_id);
            ++sent;
            sqlite3_bind_int64(read_followup, 1, o->id);
            if (sqlite3_step(read_followup) == SQLITE_ROW) {
                snprintf(intent, sizeof intent, "%s", (const char *)sqlite3_column_text(read_followup, 0));
                if (strcmp(sent_at, (const char *)sqlite3_column_text(read_followup, 1)) < 0)
                    die("a follow-up later than now (not in this benchmark)", NULL);
            }
            sqlite3_reset(read_followup);

            sqlite3_bind_int64(insert_contact, 1, o->id);
            sqlite3_bind_int64(insert_contact, 2, o->site_id);
            if (o->consultant_id) sqlite3_bind_int64(insert_contact, 3, o->consultant_id);
            else sqlite3_bind_null(insert_contact, 3);
            sqlite3_bind_text(insert_contact, 4, sent_at, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert_contact, 5, sent_day, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert_contact, 6, claims[k].text, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert_contact, 7, intent, -1, SQLITE_STATIC);
            sqlite3_bind_int64(insert_contact, 8, claims[k].delivery_id);
            step_done(insert_contact, "insert contact", db);
            const long long contact = sqlite3_last_insert_rowid(db);

            sqlite3_bind_int64(upsert_followup, 1, o->id);
            sqlite3_bind_int64(upsert_followup, 2, o->site_id);
            sqlite3_bind_text(upsert_followup, 3, sent_at, -1, SQLITE_STATIC);
            sqlite3_bind_text(upsert_followup, 4, sent_day, -1, SQLITE_STATIC);
            sqlite3_bind_text(upsert_followup, 5, intent, -1, SQLITE_STATIC);
            step_done(upsert_followup, "upsert follow-up", db);

            sqlite3_bind_text(mark_sent, 1, message_id, -1, SQLITE_STATIC);
            sqlite3_bind_text(mark_sent, 2, sent_at, -1, SQLITE_STATIC);
            sqlite3_bind_text(mark_sent, 3, sent_day, -1, SQLITE_STATIC);
            sqlite3_bind_int64(mark_sent, 4, contact);
            sqlite3_bind_int64(mark_sent, 5, claims[k].delivery_id);
            step_done(mark_sent, "mark sent", db);
            free(claims[k].text);
        }
        step_done(commit, "commit", db);
    }
    const double elapsed = now_seconds() - start, cpu = cpu_seconds() - cpu_start;

    printf("RESULT side=sqlite\nRESULT recipients=%zu\nRESULT sent=%lld\nRESULT skipped=%lld\nRESULT sender_calls=%lld\n", count,
           sent, skipped, sent);
    if (already_sent) printf("RESULT reason_already_sent=%lld\n", already_sent);
    if (do_not_contact) printf("RESULT reason_do_not_contact=%lld\n", do_not_contact);
    if (other) printf("RESULT reason_other=%lld\n", other);
    printf("RESULT seconds=%.6f\nRESULT cpu_seconds=%.6f\nRESULT rate=%.1f\n", elapsed, cpu, (double)count / elapsed);
    sqlite3_stmt *all[] = {begin, commit, find_item, insert_item, existing, objected, week, insert_delivery, update_delivery,
                           read_followup, insert_contact, upsert_followup, mark_sent};
    for (size_t i = 0; i < sizeof all / sizeof *all; ++i) sqlite3_finalize(all[i]);
    sqlite3_close(db);
    for (size_t i = 0; i < count; ++i) {
        free(owners[i].site_name);
        free(owners[i].name);
        free(owners[i].gender);
        free(owners[i].mobile);
        free(owners[i].consultant);
    }
    free(owners);
    free(claims);
    free(rendered);
    return 0;
}

static int digest(const char *path) {
    sqlite3 *db = open_db(path, 0);
    static const char *const parts[][2] = {
        {"items", "SELECT id, key, news_id, event_id, created_by FROM outreach_items ORDER BY id"},
        {"deliveries", "SELECT d.id, i.key, d.customer_id, d.site_id, d.channel, d.status, d.reason, d.subject, d.body, d.segments, "
                       "d.message_id, d.attempts, d.error, d.contact_id, d.care_task_id FROM deliveries d "
                       "JOIN outreach_items i ON i.id = d.item_id ORDER BY d.id"},
        {"contacts", "SELECT id, customer_id, site_id, consultant_id, channel, direction, duration_s, outcome, reached, note, "
                     "intent_before, intent, next_on, next_time, next_channel, next_purpose, care_task_id, quiet_hours, "
                     "supersedes, superseded_by, recorded_by, event_id, delivery_id FROM contacts "
                     "WHERE delivery_id IS NOT NULL ORDER BY id"},
        {"followups", "SELECT customer_id, site_id, last_channel, intent, next_on, next_time, next_channel, next_purpose, "
                      "next_source FROM contact_followups ORDER BY customer_id"},
        {"all_contacts", "SELECT id FROM contacts ORDER BY id"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; ++i) {
        long long rows = 0;
        const uint64_t h = table_digest(db, parts[i][1], &rows);
        printf("RESULT %s=%lld\nRESULT %s_digest=%016llx\n", parts[i][0], rows, parts[i][0], (unsigned long long)h);
    }
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 7 && strcmp(argv[1], "send") == 0) return send(argv[2], argv[3], argv[4], argv[5], argv[6]);
    if (argc == 3 && strcmp(argv[1], "digest") == 0) return digest(argv[2]);
    fprintf(stderr, "usage: outreach_sqlite_side send <db> <key> <text> <festival> <at>\n"
                    "       outreach_sqlite_side digest <db>\n");
    return 2;
}
