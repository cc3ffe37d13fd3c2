// The outbox after an erasure: the entries still waiting for the group hold nothing of the erased
// person (not the name they had, not a phone removed before, not a note), hold the other
// customers as before, and still bring a copy of the archive to exactly the archive's rows —
// replayed from the start, or after a prefix the group already had. Also: the outbox's entries
// are patchsets written byte for byte as SQLite writes them.
//
// sqlite3.h declares the session extension only with these (Debian's SQLite has it compiled in).
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include "postgres.hpp"
#include "test_support.hpp"

#include "group/bundle.hpp"
#include "group/patchset.hpp"
#include "snowball/customers.hpp"
#include "snowball/group.hpp"

#include <cctype>
#include <cstring>

using namespace snowball;
using namespace snowball::testing;
namespace g = snowball::detail::group;

namespace {

const std::string name = "甄嬛";
const std::string renamed = "甄玉嬛";
const std::string mobile = "13912345678";
const std::string removed_phone = "057188886666";   // on file for a while, removed before the erasure
const std::string marker = "甄氏绝密ZXQ";
const std::vector<std::string> traces = {name, renamed, mobile, removed_phone, marker, "ZXQ"};
const std::string other_name = "沈眉庄";

// A raw SQLite connection, closed on scope exit.
struct Db {
    explicit Db(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) ADD_FAILURE() << "cannot open " << path;
    }
    ~Db() { sqlite3_close_v2(db); }
    void exec(const std::string& sql) {
        char* message = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            ADD_FAILURE() << sql << ": " << (message ? message : "");
            sqlite3_free(message);
        }
    }
    std::int64_t integer(const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
        std::int64_t v = -1;
        if (s != nullptr && sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int64(s, 0);
        else ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
        sqlite3_finalize(s);
        return v;
    }
    sqlite3* db = nullptr;
};

// What applying the entries met: rows an update or delete did not find (expected where an
// erasure left an insert out) and anything else (never expected).
struct Applied {
    int not_found = 0;
    int other_conflicts = 0;
};

int on_conflict(void* context, int kind, sqlite3_changeset_iter*) {
    auto* applied = static_cast<Applied*>(context);
    if (kind == SQLITE_CHANGESET_NOTFOUND) ++applied->not_found;
    else ++applied->other_conflicts;
    return SQLITE_CHANGESET_OMIT;
}

class OutboxErasureTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.group().enable("XH-01");   // before anything: the outbox holds the archive's whole history
        start_ = copy_now("group.db");
        archive_.sites().add({"XH", "祥和花园", ""});
        li_ = archive_.consultants().add({"XH", "李娜", ""}).id;
    }

    std::int64_t file(const std::string& who, const std::string& phone, const std::string& note = {}) {
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::visit;
        c.name = who;
        c.mobile = phone;
        c.note = note;
        c.consultant_id = li_;
        return archive_.customers().add(c).id;
    }

    // The person's history before the erasure: filed, renamed, a home phone added and removed.
    std::int64_t person() {
        const std::int64_t id = file(name, mobile, "客户备注 " + marker);
        CustomerUpdate rename;
        rename.name = renamed;
        archive_.customers().update(id, rename);
        CustomerUpdate phones;
        phones.phones = std::vector<Phone>{{PhoneKind::home, removed_phone}};
        archive_.customers().update(id, phones);
        phones.phones = std::vector<Phone>{};
        archive_.customers().update(id, phones);
        return id;
    }

    struct Entry {
        std::int64_t seq;
        std::string bytes;
    };
    std::vector<Entry> entries() {
        std::vector<Entry> out;
        RawDb db = raw();
        SQLite::Statement q(db.db(), "SELECT seq, changeset FROM group_outbox ORDER BY seq");
        while (q.executeStep()) {
            const auto blob = q.getColumn(1);
            out.push_back({q.getColumn(0).getInt64(),
                           std::string(static_cast<const char*>(blob.getBlob()), static_cast<std::size_t>(blob.getBytes()))});
        }
        return out;
    }

    std::vector<std::string> traces_in(const std::vector<Entry>& list, const std::vector<std::string>& what) {
        std::vector<std::string> found;
        for (const auto& e : list)
            for (const auto& t : what)
                if (e.bytes.find(t) != std::string::npos) found.push_back("entry " + std::to_string(e.seq) + " holds " + t);
        return found;
    }

    // A copy of every captured table (columns and key only, and the rows they hold now) in a
    // new file: what the group has when capture is switched on.
    std::string copy_now(const std::string& file) {
        const std::string copy = dir_.file(file);
        Db db(copy);
        db.exec("ATTACH DATABASE '" + path() + "' AS site");
        RawDb site = raw();
        for (const auto& t : g::captured_tables(site.db().getHandle())) {
            std::string columns, keys;
            for (const auto& c : t.columns) {
                columns += (columns.empty() ? "" : ", ") + g::quoted(c.name);
                if (c.pk > 0) keys += (keys.empty() ? "" : ", ") + g::quoted(c.name);
            }
            db.exec("CREATE TABLE main." + g::quoted(t.name) + " (" + columns + ", PRIMARY KEY (" + keys + "))");
            db.exec("INSERT INTO main." + g::quoted(t.name) + " SELECT " + columns + " FROM site." + g::quoted(t.name));
        }
        return copy;
    }

    // Applies the entries as the group does: in order, then the phone rows of every customer the
    // audit log records as erased are deleted by their owner (the erased person's deletes of them
    // are not in the outbox: their keys are phones).
    static Applied apply(const std::string& copy, const std::vector<Entry>& list) {
        Applied applied;
        Db db(copy);
        for (const auto& e : list) {
            std::string bytes = e.bytes;
            const int rc = sqlite3changeset_apply(db.db, static_cast<int>(bytes.size()), bytes.data(), nullptr,
                                                  on_conflict, &applied);
            EXPECT_EQ(SQLITE_OK, rc) << "entry " << e.seq << ": " << sqlite3_errmsg(db.db);
        }
        for (const auto& k : g::person_keyed_tables())
            db.exec(std::string("DELETE FROM ") + k.table + " WHERE " + k.owner_column +
                    " IN (SELECT " + g::erasure_subject + " FROM " + g::erasure_log + " WHERE " + g::erasure_action_column +
                    " = '" + g::erasure_action + "')");
        return applied;
    }

    // The rows in which `copy` and the archive differ, table by table.
    std::vector<std::string> differences(const std::string& copy) {
        std::vector<std::string> out;
        Db db(copy);
        db.exec("ATTACH DATABASE '" + path() + "' AS site");
        RawDb site = raw();
        for (const auto& t : g::captured_tables(site.db().getHandle())) {
            const std::string q = g::quoted(t.name);
            const auto missing = db.integer("SELECT count(*) FROM (SELECT * FROM site." + q + " EXCEPT SELECT * FROM main." + q + ")");
            const auto extra = db.integer("SELECT count(*) FROM (SELECT * FROM main." + q + " EXCEPT SELECT * FROM site." + q + ")");
            if (missing != 0 || extra != 0)
                out.push_back(t.name + ": " + std::to_string(missing) + " rows missing, " + std::to_string(extra) + " extra");
        }
        return out;
    }

    std::string start_;   // the group's copy, as it was when capture was switched on
    std::int64_t li_ = 0;
};

TEST_F(OutboxErasureTest, TheWaitingEntriesHoldNothingOfTheErasedPerson) {
    const std::int64_t other = file(other_name, "13800001111");
    const std::int64_t id = person();
    // Before: the outbox holds every trace (their absence afterwards proves something).
    const auto before = entries();
    for (const auto& t : traces)
        EXPECT_FALSE(traces_in(before, {t}).empty()) << t << " never reached the outbox";

    archive_.customers().remove(id);
    const auto after = entries();
    ASSERT_EQ(before.size() + 1, after.size()) << "the erasure is one more entry; the others keep their numbers";
    for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(before[i].seq, after[i].seq);
    for (const auto& found : traces_in(after, traces)) ADD_FAILURE() << found;
    // Nobody else is forgotten.
    EXPECT_FALSE(traces_in(after, {other_name}).empty());
    EXPECT_FALSE(traces_in(after, {"13800001111"}).empty());
    (void)other;
}

TEST_F(OutboxErasureTest, ReplayedFromTheStartTheEntriesGiveTheArchivesRows) {
    file(other_name, "13800001111");
    const std::int64_t id = person();
    file("端妃", "13600002222");
    archive_.customers().remove(id);
    const Applied applied = apply(start_, entries());
    EXPECT_EQ(0, applied.other_conflicts);
    for (const auto& d : differences(start_)) ADD_FAILURE() << d;
}

TEST_F(OutboxErasureTest, AfterAPrefixTheGroupHadTheRestStillGiveTheArchivesRows) {
    // The group applied some entries before the erasure (sent, not acknowledged yet): it has the
    // person's old rows; the rewritten rest and the erasure bring it to the archive's rows.
    const std::int64_t id = person();
    file(other_name, "13800001111");
    const std::string copy = start_;
    const auto had = entries();
    const std::size_t prefix = had.size() / 2;
    EXPECT_EQ(0, apply(copy, {had.begin(), had.begin() + static_cast<std::ptrdiff_t>(prefix)}).other_conflicts);

    archive_.customers().remove(id);
    const auto now = entries();
    EXPECT_EQ(0, apply(copy, {now.begin() + static_cast<std::ptrdiff_t>(prefix), now.end()}).other_conflicts);
    for (const auto& d : differences(copy)) ADD_FAILURE() << d;
}

TEST_F(OutboxErasureTest, EntriesWaitingWhileCaptureIsOffAreRewrittenToo) {
    const std::int64_t id = person();
    archive_.group().disable();
    archive_.customers().remove(id);
    const auto after = entries();
    EXPECT_FALSE(after.empty());
    for (const auto& found : traces_in(after, traces)) ADD_FAILURE() << found;
    EXPECT_EQ(archive_.group().status().pending, static_cast<std::int64_t>(after.size()));
}

TEST_F(OutboxErasureTest, AcknowledgedEntriesAreGoneAndTheRestStillApply) {
    const std::int64_t id = person();
    const auto first = entries();
    archive_.group().acknowledge(first.back().seq);
    file(other_name, "13800001111");
    archive_.customers().remove(id);
    for (const auto& found : traces_in(entries(), traces)) ADD_FAILURE() << found;
}

// The whole path, in PostgreSQL: the group applied part of the outbox (not acknowledged) before
// the erasure, the rest after it; the group ends equal to the site, without the person.
TEST_F(OutboxErasureTest, TheGroupEndsEqualToTheSiteWithoutThePerson) {
    static TempPostgres server;
    if (!server.ok()) GTEST_SKIP() << "PostgreSQL cannot run here, so the group side is not tested: " << server.why();
    ASSERT_TRUE(server.psql("CREATE DATABASE outbox_erasure"));
    GroupView view = GroupView::connect(server.conninfo("outbox_erasure"));
    const std::int64_t mark = view.ingest(archive_.group().snapshot()).high_water;   // before the person
    const std::int64_t id = person();
    file(other_name, "13800001111");
    const auto first = view.ingest(archive_.group().outbox(mark, 3));   // their filing and renaming, and more
    EXPECT_EQ(3, first.entries_applied);
    EXPECT_EQ("1", server.value("SELECT count(*) FROM snowball_sites.customers WHERE name = '" + renamed + "'",
                                "outbox_erasure"));

    archive_.customers().remove(id);
    const std::string rest = archive_.group().outbox(first.high_water);
    for (const auto& t : traces) EXPECT_EQ(std::string::npos, rest.find(t)) << "the bundle after the erasure holds " << t;
    const auto second = view.ingest(rest);
    EXPECT_EQ(archive_.group().status().last_seq, second.high_water);
    // And a replay of everything from the start changes nothing.
    EXPECT_EQ(0, view.ingest(archive_.group().outbox(0)).entries_applied);

    const auto report = view.reconcile(archive_.group().checksums());
    for (const auto& t : report.tables)
        EXPECT_TRUE(t.same) << t.table << ": " << t.site_rows << " rows at the site, " << t.group_rows << " in the group";
    EXPECT_TRUE(report.same);
    for (const auto& t : traces) {
        const std::string found = server.value(
            "SELECT count(*) FROM snowball_sites.customers WHERE name = '" + t + "' OR note LIKE '%" + t + "%'",
            "outbox_erasure");
        EXPECT_EQ("0", found) << t << " is still in the group's customers";
        EXPECT_EQ("0", server.value("SELECT count(*) FROM snowball_sites.customer_phones WHERE phone LIKE '%" + t + "%'",
                                    "outbox_erasure"))
            << t << " is still in the group's phones";
    }
    EXPECT_EQ("1", server.value("SELECT count(*) FROM snowball_sites.customers WHERE name = '" + other_name + "'",
                                "outbox_erasure"));
}

// PatchsetWriter against SQLite's own patchsets: every change re-written from the iterator's
// values gives the same bytes (integers of every size, reals, text long enough for 2- and 3-byte
// lengths, blobs, NULLs, a two-column key; inserts, updates, deletes).
TEST(Patchset, WrittenByteForByteAsSQLiteWritesIt) {
    Db db(":memory:");
    db.exec("CREATE TABLE a (id INTEGER PRIMARY KEY, t TEXT, r REAL, b BLOB, n INTEGER)");
    db.exec("CREATE TABLE k (x TEXT, y INTEGER, v TEXT, PRIMARY KEY (x, y))");
    db.exec("INSERT INTO a VALUES (1, 'one', 1.5, x'00ff', 7), (2, 'two', NULL, NULL, -9000000000)");
    db.exec("INSERT INTO k VALUES ('p', 1, 'v1'), ('q', 2, 'v2')");
    sqlite3_session* session = nullptr;
    ASSERT_EQ(SQLITE_OK, sqlite3session_create(db.db, "main", &session));
    ASSERT_EQ(SQLITE_OK, sqlite3session_attach(session, nullptr));
    db.exec("INSERT INTO a VALUES (3, '" + std::string(200, 'x') + "', -0.25, x'" + std::string(40000, 'a') +
            "', 9223372036854775807)");
    db.exec("INSERT INTO a VALUES (4, '" + std::string(20000, 'y') + "', 3e300, NULL, -1)");
    db.exec("UPDATE a SET t = '改名', n = NULL WHERE id = 1");
    db.exec("DELETE FROM a WHERE id = 2");
    db.exec("UPDATE k SET v = 'w' WHERE x = 'q'");
    db.exec("DELETE FROM k WHERE x = 'p'");
    db.exec("INSERT INTO k VALUES ('r', 300, NULL)");
    int size = 0;
    void* bytes = nullptr;
    ASSERT_EQ(SQLITE_OK, sqlite3session_patchset(session, &size, &bytes));
    const std::string original(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
    sqlite3_free(bytes);
    sqlite3session_delete(session);

    std::string input = original;
    sqlite3_changeset_iter* it = nullptr;
    ASSERT_EQ(SQLITE_OK, sqlite3changeset_start(&it, size, input.data()));
    g::PatchsetWriter out;
    int changes = 0;
    while (sqlite3changeset_next(it) == SQLITE_ROW) {
        const char* table = nullptr;
        int n = 0, op = 0, indirect = 0;
        sqlite3changeset_op(it, &table, &n, &op, &indirect);
        unsigned char* pk = nullptr;
        sqlite3changeset_pk(it, &pk, &n);
        out.table(table, std::vector<unsigned char>(pk, pk + n));
        std::vector<sqlite3_value*> olds(static_cast<std::size_t>(n), nullptr), news(static_cast<std::size_t>(n), nullptr);
        for (int i = 0; i < n; ++i) {
            if (op != SQLITE_INSERT) sqlite3changeset_old(it, i, &olds[static_cast<std::size_t>(i)]);
            if (op != SQLITE_DELETE) sqlite3changeset_new(it, i, &news[static_cast<std::size_t>(i)]);
        }
        if (op == SQLITE_INSERT) out.insert(news, indirect != 0);
        else if (op == SQLITE_UPDATE) out.update(olds, news, indirect != 0);
        else out.remove(olds, indirect != 0);
        ++changes;
    }
    sqlite3changeset_finalize(it);
    EXPECT_EQ(7, changes);
    EXPECT_EQ(original.size(), out.bytes().size());
    EXPECT_TRUE(original == out.bytes()) << "the re-written patchset differs from SQLite's";
}

} // namespace
