// The archive: opening and creating, refusing foreign and newer files, the connection settings,
// sites, consultants and the archive summary.
#include "snowball/archive.hpp"

#include "archive/schema.hpp"
#include "archive/store.hpp"
#include "snowball/customers.hpp"
#include "snowball/numbering.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

namespace {

using namespace snowball;
using snowball::testing::ArchiveTest;
using snowball::testing::dump_archive;
using snowball::testing::expect_error;
using snowball::testing::RawDb;
using snowball::testing::TempDir;

// ---------------------------------------------------------------------------------------------
// Opening

TEST(ArchiveOpen, CreatesANewArchive) {
    TempDir dir;
    const std::string path = dir.file("new.db");
    ASSERT_FALSE(std::filesystem::exists(path));
    {
        Archive a = Archive::open(path);
        EXPECT_EQ(a.path(), path);
        const ArchiveInfo info = a.info();
        EXPECT_EQ(info.path, path);
        EXPECT_GE(Archive::schema_version(), 1);
        EXPECT_EQ(info.schema_version, Archive::schema_version());
        EXPECT_FALSE(info.library_version.empty());
        EXPECT_EQ(info.sites, 0);
        EXPECT_EQ(info.consultants, 0);
        EXPECT_EQ(info.customers, 0);
        EXPECT_EQ(info.owners, 0);
    }
    EXPECT_TRUE(std::filesystem::exists(path));
    RawDb raw(path);
    EXPECT_EQ(raw.integer("PRAGMA application_id"), detail::application_id);
    EXPECT_EQ(raw.integer("PRAGMA user_version"), Archive::schema_version());
    EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(raw.count("archive_meta", "key IN ('created_at', 'created_by')"), 2);   // the identity, once
}

TEST(ArchiveOpen, MissingFileWithoutCreateIsNotFound) {
    TempDir dir;
    const std::string path = dir.file("missing.db");
    OpenOptions options;
    options.create = false;
    auto e = expect_error([&] { Archive::open(path, options); }, Status::not_found, "path", "no archive at " + path);
    EXPECT_FALSE(std::filesystem::exists(path));
    options.create = true;
    options.read_only = true;
    expect_error([&] { Archive::open(path, options); }, Status::not_found, "path", "no archive at");
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(ArchiveOpen, BadArguments) {
    expect_error([] { Archive::open(""); }, Status::invalid_argument, "path", "is empty");
    expect_error([] { Archive::open(std::string("a\0b.db", 6)); }, Status::invalid_argument, "path", "NUL");
    TempDir dir;
    OpenOptions options;
    options.busy_timeout_ms = -1;
    expect_error([&] { Archive::open(dir.file("a.db"), options); }, Status::invalid_argument, "busy_timeout_ms",
                 "must not be negative");
    EXPECT_FALSE(std::filesystem::exists(dir.file("a.db")));
    options.busy_timeout_ms = 0;
    for (int mib : {0, -5, 65537}) {
        options.cache_mib = mib;
        expect_error([&] { Archive::open(dir.file("a.db"), options); }, Status::invalid_argument, "cache_mib", "between 1 and 65536");
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("a.db")));
    options.cache_mib = 1;   // the smallest cache still opens and works
    EXPECT_EQ(0, Archive::open(dir.file("a.db"), options).customers().list({}).total);
    // A directory that does not exist: the file system fails.
    auto e = snowball::testing::catch_error([&] { Archive::open(dir.file("no/such/dir/a.db")); });
    ASSERT_TRUE(e);
    EXPECT_EQ(e->status(), Status::storage) << e->what();
}

TEST(ArchiveOpen, ReopeningKeepsEverything) {
    TempDir dir;
    const std::string path = dir.file("a.db");
    std::string archive_no;
    std::int64_t consultant_id = 0;
    {
        Archive a = Archive::open(path);
        a.sites().add({"XH", "祥和花园", ""});
        consultant_id = a.consultants().add({"XH", "李娜", "139 1234 5678"}).id;
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::call;
        c.name = "张伟";
        c.mobile = "13800138000";
        c.consultant_id = consultant_id;
        archive_no = a.customers().add(c).archive_no;
    }
    OpenOptions options;
    options.create = false;
    Archive a = Archive::open(path, options);
    EXPECT_EQ(a.sites().get("XH").name, "祥和花园");
    EXPECT_EQ(a.consultants().get(consultant_id).name, "李娜");
    EXPECT_EQ(a.consultants().get(consultant_id).phone, "13912345678");
    const auto c = a.customers().by_archive_no(archive_no);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->name, "张伟");
    EXPECT_EQ(c->consultant_id, consultant_id);
    // The sequence continues after the reopening.
    NewCustomer next;
    next.site = "XH";
    next.channel = Channel::call;
    next.name = "王芳";
    EXPECT_EQ(numbering::parse_archive_no(a.customers().add(next).archive_no).sequence, 2);
    EXPECT_EQ(a.info().customers, 2);
}

TEST(ArchiveOpen, ReadOnly) {
    TempDir dir;
    const std::string path = dir.file("a.db");
    {
        Archive a = Archive::open(path);
        a.sites().add({"XH", "祥和花园", ""});
        a.consultants().add({"XH", "李娜", ""});
    }
    const std::string before = dump_archive(path);
    OpenOptions options;
    options.read_only = true;
    Archive a = Archive::open(path, options);
    EXPECT_EQ(a.sites().list().size(), 1u);
    EXPECT_EQ(a.consultants().list("XH").size(), 1u);
    EXPECT_EQ(a.info().sites, 1);
    expect_error([&] { a.sites().add({"BJ", "北京", ""}); }, Status::storage, "", "read-only");
    expect_error([&] { a.consultants().add({"XH", "王五", ""}); }, Status::storage, "", "read-only");
    NewCustomer c;
    c.site = "XH";
    c.name = "张伟";
    expect_error([&] { a.customers().add(c); }, Status::storage, "", "read-only");
    EXPECT_EQ(dump_archive(path), before);
}

TEST(ArchiveOpen, EmptyFileBecomesAnArchive) {
    TempDir dir;
    const std::string path = dir.file("empty.db");
    snowball::testing::write_file(path, "");
    Archive a = Archive::open(path);
    EXPECT_EQ(a.info().schema_version, Archive::schema_version());
}

TEST(ArchiveOpen, RefusesAFileThatIsNotSqlite) {
    TempDir dir;
    for (const std::string& content :
         {std::string("name,mobile\n张伟,13800138000\n"), std::string(8192, 'x'), std::string("SQLite format 2\0junk", 20)}) {
        const std::string path = dir.file("notes.csv");
        snowball::testing::write_file(path, content);
        expect_error([&] { Archive::open(path); }, Status::not_archive, "path", "is not a Snowball archive");
        OpenOptions options;
        options.read_only = true;
        expect_error([&] { Archive::open(path, options); }, Status::not_archive, "path", "is not a Snowball archive");
        EXPECT_EQ(snowball::testing::read_file(path), content);
        EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
    }
}

TEST(ArchiveOpen, RefusesAnotherApplicationsDatabase) {
    TempDir dir;
    const std::string path = dir.file("other.db");
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)");
        db.exec("INSERT INTO contacts(name) VALUES ('someone')");
    }
    const std::string before = dump_archive(path);
    expect_error([&] { Archive::open(path); }, Status::not_archive, "path",
                 "is an SQLite database but not a Snowball archive");
    OpenOptions options;
    options.read_only = true;
    expect_error([&] { Archive::open(path, options); }, Status::not_archive, "path", "not a Snowball archive");
    EXPECT_EQ(dump_archive(path), before);
    RawDb raw(path);
    EXPECT_EQ(raw.integer("PRAGMA user_version"), 0);
    EXPECT_EQ(raw.integer("PRAGMA application_id"), 0);
    EXPECT_EQ(raw.text("PRAGMA journal_mode"), "delete"); // not switched to WAL behind the owner's back
}

TEST(ArchiveOpen, RefusesEmptyDatabasesMarkedByOthers) {
    TempDir dir;
    for (const char* pragma : {"PRAGMA application_id = 1234", "PRAGMA user_version = 1"}) {
        const std::string path = dir.file(std::string("marked-") + std::to_string(std::hash<std::string>{}(pragma)) + ".db");
        {
            SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            db.exec(pragma);
        }
        expect_error([&] { Archive::open(path); }, Status::not_archive, "path", "not a Snowball archive");
        RawDb raw(path);
        EXPECT_EQ(raw.count("sqlite_master"), 0) << pragma;
    }
}

TEST(ArchiveOpen, RefusesANewerArchive) {
    TempDir dir;
    const std::string path = dir.file("newer.db");
    {
        Archive a = Archive::open(path);
        a.sites().add({"XH", "祥和花园", ""});
    }
    const int newer = Archive::schema_version() + 1;
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.exec("PRAGMA user_version = " + std::to_string(newer));
    }
    const std::string before = dump_archive(path);
    auto e = expect_error([&] { Archive::open(path); }, Status::version, "path", "written by a newer Snowball");
    if (e) {
        EXPECT_NE(std::string(e->what()).find("schema version " + std::to_string(newer)), std::string::npos) << e->what();
    }
    OpenOptions options;
    options.read_only = true;
    expect_error([&] { Archive::open(path, options); }, Status::version, "path", "newer");
    EXPECT_EQ(dump_archive(path), before);
    EXPECT_EQ(RawDb(path).integer("PRAGMA user_version"), newer);
}

TEST(ArchiveOpen, ConnectionSettings) {
    TempDir dir;
    const std::string path = dir.file("a.db");
    {
        detail::Store store(path, OpenOptions{});
        auto& db = store.db();
        EXPECT_EQ(db.execAndGet("PRAGMA foreign_keys").getInt(), 1);
        EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
        EXPECT_EQ(db.execAndGet("PRAGMA busy_timeout").getInt(), 10000);
        EXPECT_EQ(db.execAndGet("PRAGMA synchronous").getInt(), 2); // FULL
        // Foreign keys are enforced: a consultant of a site that does not exist.
        EXPECT_THROW(db.exec("INSERT INTO consultants(uid, site_id, name, created_at) VALUES ('u', 999, 'x', 'now')"),
                     SQLite::Exception);
        EXPECT_EQ(db.execAndGet("SELECT count(*) FROM consultants").getInt(), 0);
    }
    OpenOptions options;
    options.busy_timeout_ms = 250;
    options.synchronous_full = false;
    detail::Store store(path, options);
    EXPECT_EQ(store.db().execAndGet("PRAGMA busy_timeout").getInt(), 250);
    EXPECT_EQ(store.db().execAndGet("PRAGMA synchronous").getInt(), 1); // NORMAL
    EXPECT_EQ(store.db().execAndGet("PRAGMA foreign_keys").getInt(), 1);
}

TEST(ArchiveOpen, AWriteLockHeldTooLongIsBusy) {
    TempDir dir;
    const std::string path = dir.file("a.db");
    OpenOptions options;
    options.busy_timeout_ms = 100;
    Archive a = Archive::open(path, options);
    a.sites().add({"XH", "祥和花园", ""});
    const std::string before = dump_archive(path);
    {
        SQLite::Database other(path, SQLite::OPEN_READWRITE);
        other.exec("BEGIN IMMEDIATE");   // another process is writing
        NewCustomer c;
        c.site = "XH";
        c.name = "张伟";
        expect_error([&] { a.customers().add(c); }, Status::busy, "", "beyond the busy timeout");
        expect_error([&] { a.sites().add({"BJ", "北京", ""}); }, Status::busy, "", "");
        // Reading is not blocked by a writer (WAL).
        EXPECT_EQ(a.sites().list().size(), 1u);
        other.exec("ROLLBACK");
    }
    EXPECT_EQ(dump_archive(path), before);
    NewCustomer c;
    c.site = "XH";
    c.name = "张伟";
    EXPECT_EQ(numbering::parse_archive_no(a.customers().add(c).archive_no).sequence, 1);
}

// ---------------------------------------------------------------------------------------------
// Sites

class SitesTest : public ArchiveTest {};

TEST_F(SitesTest, Add) {
    const Site s = archive_.sites().add({" xh ", " 祥和花园 ", ""});
    EXPECT_GT(s.id, 0);
    EXPECT_EQ(s.code, "XH");
    EXPECT_EQ(s.name, "祥和花园");
    EXPECT_EQ(s.number_format, numbering::default_format);
    EXPECT_TRUE(std::regex_match(s.created_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << s.created_at;
    const Site t = archive_.sites().add({"BJ01", "北京一期", "{site}-{yy}{channel:DLK}{seq:4}{check}"});
    EXPECT_EQ(t.number_format, "{site}-{yy}{channel:DLK}{seq:4}{check}");
    EXPECT_EQ(archive_.sites().get("bj01").id, t.id);
    EXPECT_EQ(archive_.sites().get(" XH ").name, "祥和花园");
    EXPECT_EQ(raw().count("sites"), 2);
}

TEST_F(SitesTest, BadInputWritesNothing) {
    archive_.sites().add({"XH", "祥和花园", ""});
    const std::string before = dump();
    for (const char* code : {"1AB", "ABCDEFGHI", "A-B", "祥和", "A B"})
        expect_error([&] { archive_.sites().add({code, "x", ""}); }, Status::invalid_argument, "code",
                     "is not a site code");
    expect_error([&] { archive_.sites().add({"", "x", ""}); }, Status::invalid_argument, "code", "required");
    expect_error([&] { archive_.sites().add({"BJ", "", ""}); }, Status::invalid_argument, "name", "required");
    expect_error([&] { archive_.sites().add({"BJ", "\xE3\x80\x80", ""}); }, Status::invalid_argument, "name",
                 "required");
    expect_error([&] { archive_.sites().add({"BJ", std::string(101, 'a'), ""}); }, Status::invalid_argument, "name",
                 "the limit is 100");
    expect_error([&] { archive_.sites().add({"BJ", "北京\xFF", ""}); }, Status::invalid_argument, "name",
                 "not valid UTF-8");
    expect_error([&] { archive_.sites().add({"BJ", "北京", "{site}{seq:5}{check}"}); }, Status::invalid_argument,
                 "number_format", "must be followed by '-'");
    expect_error([&] { archive_.sites().add({"BJ", "北京", "{seq:5}{check}"}); }, Status::invalid_argument,
                 "number_format", "lacks {site}");
    // Duplicates, whatever the case and blanks.
    for (const char* code : {"XH", "xh", " Xh "})
        expect_error([&] { archive_.sites().add({code, "另一个", ""}); }, Status::conflict, "code",
                     "a site with code 'XH' already exists");
    EXPECT_EQ(dump(), before);
}

TEST_F(SitesTest, GetFindList) {
    expect_error([&] { archive_.sites().get("XH"); }, Status::not_found, "code", "no site with code 'XH'");
    expect_error([&] { archive_.sites().get(""); }, Status::invalid_argument, "code", "required");
    EXPECT_FALSE(archive_.sites().find("XH").has_value());
    EXPECT_TRUE(archive_.sites().list().empty());
    for (const char* code : {"ZB", "AA", "M1", "XH", "A"}) archive_.sites().add({code, std::string("site ") + code, ""});
    std::vector<std::string> codes;
    for (const Site& s : archive_.sites().list()) codes.push_back(s.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"A", "AA", "M1", "XH", "ZB"}));
    ASSERT_TRUE(archive_.sites().find("m1"));
    EXPECT_EQ(archive_.sites().find("m1").value_or(Site{}).name, "site M1");
}

TEST_F(SitesTest, Update) {
    archive_.sites().add({"XH", "祥和花园", ""});
    SiteUpdate u;
    u.name = " 祥和花园二期 ";
    Site s = archive_.sites().update("xh", u);
    EXPECT_EQ(s.name, "祥和花园二期");
    EXPECT_EQ(s.number_format, numbering::default_format);   // untouched

    SiteUpdate f;
    f.number_format = "{site}-{yy}{channel:DLK}{seq:4}{check}";
    s = archive_.sites().update("XH", f);
    EXPECT_EQ(s.name, "祥和花园二期");
    EXPECT_EQ(s.number_format, *f.number_format);
    // The next filing uses the new format.
    NewCustomer c;
    c.site = "XH";
    c.channel = Channel::visit;
    c.name = "张伟";
    const std::string no = archive_.customers().add(c).archive_no;
    const auto parts = numbering::NumberFormat::parse(*f.number_format).match(no);
    ASSERT_TRUE(parts.has_value()) << no;
    EXPECT_EQ(no.substr(0, 7), "XH-" + std::to_string(today_in_china().year() % 100) + "L0");
    EXPECT_EQ(parts->sequence, 1);

    const std::string before = dump();
    SiteUpdate bad;
    bad.number_format = "{site}-{seq:5}";
    expect_error([&] { archive_.sites().update("XH", bad); }, Status::invalid_argument, "number_format", "lacks {check}");
    SiteUpdate blank;
    blank.name = "  ";
    expect_error([&] { archive_.sites().update("XH", blank); }, Status::invalid_argument, "name", "required");
    expect_error([&] { archive_.sites().update("BJ", u); }, Status::not_found, "code", "no site with code 'BJ'");
    EXPECT_EQ(dump(), before);
    // An empty update changes nothing.
    EXPECT_EQ(archive_.sites().update("XH", SiteUpdate{}).name, "祥和花园二期");
}

// ---------------------------------------------------------------------------------------------
// Consultants

class ConsultantsTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "祥和花园", ""});
        archive_.sites().add({"BJ", "北京一期", ""});
    }
};

TEST_F(ConsultantsTest, Add) {
    const Consultant a = archive_.consultants().add({"xh", " 李娜 ", "+86 139-1234-5678"});
    EXPECT_GT(a.id, 0);
    EXPECT_TRUE(std::regex_match(a.uid, std::regex("[0-9a-f]{32}"))) << a.uid;
    EXPECT_EQ(a.site, "XH");
    EXPECT_EQ(a.name, "李娜");
    EXPECT_EQ(a.phone, "13912345678");
    EXPECT_TRUE(a.active);
    const Consultant b = archive_.consultants().add({"XH", "李娜", ""}); // same name: allowed, another person
    EXPECT_NE(b.id, a.id);
    EXPECT_NE(b.uid, a.uid);
    EXPECT_EQ(b.phone, "");
    const Consultant c = archive_.consultants().add({"XH", "王强", "010-6552 1234"}); // a desk phone is fine
    EXPECT_EQ(c.phone, "01065521234");
    EXPECT_EQ(archive_.consultants().get(a.id).uid, a.uid);
}

TEST_F(ConsultantsTest, BadInputWritesNothing) {
    const std::string before = dump();
    expect_error([&] { archive_.consultants().add({"SH", "李娜", ""}); }, Status::not_found, "site",
                 "no site with code 'SH'");
    expect_error([&] { archive_.consultants().add({"", "李娜", ""}); }, Status::invalid_argument, "site", "required");
    expect_error([&] { archive_.consultants().add({"XH", " ", ""}); }, Status::invalid_argument, "name", "required");
    expect_error([&] { archive_.consultants().add({"XH", std::string(51, 'a'), ""}); }, Status::invalid_argument,
                 "name", "the limit is 50");
    expect_error([&] { archive_.consultants().add({"XH", "李\n娜", ""}); }, Status::invalid_argument, "name",
                 "control character");
    expect_error([&] { archive_.consultants().add({"XH", "李娜", "6552 1234"}); }, Status::invalid_argument, "phone",
                 "lacks an area code");
    expect_error([&] { archive_.consultants().add({"XH", "李娜", "139abc"}); }, Status::invalid_argument, "phone",
                 "holds 'a'");
    EXPECT_EQ(dump(), before);
    expect_error([&] { archive_.consultants().get(42); }, Status::not_found, "id", "no consultant with id 42");
}

TEST_F(ConsultantsTest, Update) {
    const Consultant a = archive_.consultants().add({"XH", "李娜", "13912345678"});
    ConsultantUpdate u;
    u.name = "李娜娜";
    Consultant b = archive_.consultants().update(a.id, u);
    EXPECT_EQ(b.name, "李娜娜");
    EXPECT_EQ(b.phone, "13912345678");
    EXPECT_TRUE(b.active);
    EXPECT_EQ(b.uid, a.uid);

    ConsultantUpdate p;
    p.phone = "+86 137 0000 0000";
    EXPECT_EQ(archive_.consultants().update(a.id, p).phone, "13700000000");
    p.phone = "";
    EXPECT_EQ(archive_.consultants().update(a.id, p).phone, "");

    ConsultantUpdate off;
    off.active = false;
    b = archive_.consultants().update(a.id, off);
    EXPECT_FALSE(b.active);
    EXPECT_EQ(b.name, "李娜娜");
    ConsultantUpdate on;
    on.active = true;
    EXPECT_TRUE(archive_.consultants().update(a.id, on).active);

    const std::string before = dump();
    ConsultantUpdate bad_name;
    bad_name.name = "";
    expect_error([&] { archive_.consultants().update(a.id, bad_name); }, Status::invalid_argument, "name", "required");
    ConsultantUpdate bad_phone;
    bad_phone.phone = "12";
    expect_error([&] { archive_.consultants().update(a.id, bad_phone); }, Status::invalid_argument, "phone", "");
    expect_error([&] { archive_.consultants().update(a.id + 100, u); }, Status::not_found, "id", "no consultant");
    EXPECT_EQ(dump(), before);
}

TEST_F(ConsultantsTest, ListFilters) {
    const auto x1 = archive_.consultants().add({"XH", "李娜", ""});
    const auto b1 = archive_.consultants().add({"BJ", "赵敏", ""});
    const auto x2 = archive_.consultants().add({"XH", "王强", ""});
    const auto x3 = archive_.consultants().add({"XH", "陈静", ""});
    ConsultantUpdate off;
    off.active = false;
    archive_.consultants().update(x2.id, off);

    const auto ids = [](const std::vector<Consultant>& list) {
        std::vector<std::int64_t> out;
        for (const auto& c : list) out.push_back(c.id);
        return out;
    };
    EXPECT_EQ(ids(archive_.consultants().list("XH")), (std::vector<std::int64_t>{x1.id, x3.id}));
    EXPECT_EQ(ids(archive_.consultants().list("xh", true)), (std::vector<std::int64_t>{x1.id, x2.id, x3.id}));
    EXPECT_EQ(ids(archive_.consultants().list("BJ")), (std::vector<std::int64_t>{b1.id}));
    EXPECT_EQ(ids(archive_.consultants().list()), (std::vector<std::int64_t>{x1.id, b1.id, x3.id}));
    EXPECT_EQ(ids(archive_.consultants().list("", true)), (std::vector<std::int64_t>{x1.id, b1.id, x2.id, x3.id}));
    for (const auto& c : archive_.consultants().list("BJ", true)) EXPECT_EQ(c.site, "BJ");
    expect_error([&] { archive_.consultants().list("SH"); }, Status::not_found, "site", "no site with code 'SH'");
}

// ---------------------------------------------------------------------------------------------
// Summary

class ArchiveInfoTest : public ArchiveTest {};

TEST_F(ArchiveInfoTest, Counts) {
    archive_.sites().add({"XH", "祥和花园", ""});
    archive_.sites().add({"BJ", "北京一期", ""});
    const auto li = archive_.consultants().add({"XH", "李娜", ""});
    archive_.consultants().add({"BJ", "赵敏", ""});
    ConsultantUpdate off;
    off.active = false;
    archive_.consultants().update(archive_.consultants().add({"XH", "王强", ""}).id, off);

    std::vector<std::int64_t> ids;
    for (const char* mobile : {"13800000001", "13800000002", "13800000003"}) {
        NewCustomer c;
        c.site = "XH";
        c.name = "客户";
        c.mobile = mobile;
        c.consultant_id = li.id;
        ids.push_back(archive_.customers().add(c).id);
    }
    NewDeal d;
    d.unit = "3-1-1201";
    d.area = 120;
    d.price = 3000000;
    archive_.customers().record_deal(ids[0], d);
    archive_.customers().remove(ids[2]);

    const ArchiveInfo info = archive_.info();
    EXPECT_EQ(info.sites, 2);
    EXPECT_EQ(info.consultants, 3);   // inactive consultants stay on file
    EXPECT_EQ(info.customers, 2);     // removed customers are not counted
    EXPECT_EQ(info.owners, 1);
    EXPECT_EQ(info.schema_version, Archive::schema_version());
}

} // namespace
