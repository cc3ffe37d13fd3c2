// The audit log: an erasure leaves an entry naming who and whose id, never the person's data; the
// entries cannot be changed through SQLite, and an entry changed or removed by other means (the
// triggers dropped by someone holding the file) is found by verify().
#include "test_support.hpp"

#include "privacy/audit.hpp"
#include "snowball/customers.hpp"
#include "snowball/privacy.hpp"

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <vector>

using namespace snowball;
using namespace snowball::testing;

namespace {

class AuditTest : public ArchiveTest {
protected:
    void SetUp() override { archive_.sites().add({"XH", "祥和花园", ""}); }

    std::int64_t file_and_erase(const std::string& name, const std::string& mobile) {
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::call;
        c.name = name;
        c.mobile = mobile;
        const std::int64_t id = archive_.customers().add(c).id;
        archive_.customers().remove(id);
        return id;
    }

    // n customers filed and erased: n entries.
    void erase_several(int n) {
        for (int i = 0; i < n; ++i) file_and_erase("客户" + std::to_string(i), "1391234567" + std::to_string(i));
    }

    // What someone holding the file could do: drop the guards and write by SQL.
    void tamper(const std::string& sql) {
        SQLite::Database db(path(), SQLite::OPEN_READWRITE);
        db.exec("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");
        db.exec(sql);
    }
};

TEST_F(AuditTest, AnErasureIsRecordedWithoutThePersonsData) {
    const std::int64_t id = file_and_erase("甄嬛", "13912345678");
    const auto page = archive_.audit().list();
    ASSERT_EQ(page.total, 1);
    const AuditEntry& e = page.items[0];
    EXPECT_EQ(e.id, 1);
    EXPECT_EQ(e.actor, "host");
    EXPECT_EQ(e.action, "customer.erase");
    EXPECT_EQ(e.subject_id, id);
    EXPECT_EQ(e.hash.size(), 64u);
    EXPECT_EQ(e.at.size(), 20u);   // 2026-12-03T06:50:20Z
    // No trace of the person in any entry.
    const std::string all = raw().dump();
    const auto log = all.substr(all.find("[audit_log]"));
    EXPECT_EQ(log.find("甄嬛"), std::string::npos);
    EXPECT_EQ(log.find("13912345678"), std::string::npos);
}

TEST_F(AuditTest, EntriesCannotBeChangedOrRemovedThroughSqlite) {
    file_and_erase("甄嬛", "13912345678");
    SQLite::Database db(path(), SQLite::OPEN_READWRITE);
    EXPECT_THROW(db.exec("UPDATE audit_log SET actor = 'consultant:1'"), SQLite::Exception);
    EXPECT_THROW(db.exec("DELETE FROM audit_log"), SQLite::Exception);
    EXPECT_EQ(RawDb(path()).count("audit_log"), 1);
}

TEST_F(AuditTest, AnIntactChainVerifies) {
    auto empty = archive_.audit().verify();
    EXPECT_TRUE(empty.ok);
    EXPECT_EQ(empty.entries, 0);
    EXPECT_EQ(empty.head, "");
    erase_several(5);
    const auto v = archive_.audit().verify();
    EXPECT_TRUE(v.ok) << v.problem;
    EXPECT_EQ(v.entries, 5);
    EXPECT_FALSE(v.first_bad);
    EXPECT_EQ(v.head, archive_.audit().list().items.back().hash);
    // Each entry links to the one before it.
    EXPECT_TRUE(archive_.audit().verify(v.head).ok);
}

TEST_F(AuditTest, AChangedEntryIsFound) {
    erase_several(4);
    tamper("UPDATE audit_log SET actor = 'consultant:7' WHERE id = 3");
    const auto v = archive_.audit().verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 3);
    EXPECT_NE(v.problem.find("entry 3 was changed"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, AnEntryWhoseHashWasRecomputedBreaksTheNextLink) {
    erase_several(4);
    // Whoever changes entry 2 and writes its new hash still leaves entry 3 pointing at the old one.
    const auto entries = archive_.audit().list().items;
    const AuditEntry& second = entries[1];
    const std::string forged = detail::audit_hash(second.id, second.at, "consultant:9", second.action,
                                                  second.subject_id, second.detail, entries[0].hash);
    tamper("UPDATE audit_log SET actor = 'consultant:9', hash = '" + forged + "' WHERE id = 2");
    const auto v = archive_.audit().verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 3);
    EXPECT_NE(v.problem.find("does not link"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, ARemovedEntryIsFound) {
    erase_several(4);
    tamper("DELETE FROM audit_log WHERE id = 2");
    const auto v = archive_.audit().verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 2);
    EXPECT_NE(v.problem.find("entry 2 is missing"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, EntriesRemovedFromTheEndAreFoundWithAKeptHead) {
    erase_several(4);
    const std::string kept = archive_.audit().verify().head;
    tamper("DELETE FROM audit_log WHERE id >= 3");
    // The chain that is left is consistent in itself...
    EXPECT_TRUE(archive_.audit().verify().ok);
    // ...but the head kept outside the archive is gone from it.
    const auto v = archive_.audit().verify(kept);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 3);
    EXPECT_NE(v.problem.find("no longer in the chain"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, EntriesAreListedBySubjectActionAndDay) {
    const std::int64_t first = file_and_erase("甲", "13900000001");
    const std::int64_t second = file_and_erase("乙", "13900000002");
    AuditQuery q;
    q.subject_id = second;
    auto page = archive_.audit().list(q);
    ASSERT_EQ(page.total, 1);
    EXPECT_EQ(page.items[0].subject_id, second);
    q = {};
    q.action = "customer.erase";
    q.limit = 1;
    q.offset = 1;
    page = archive_.audit().list(q);
    EXPECT_EQ(page.total, 2);
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].subject_id, second);
    q = {};
    q.from = today_in_china() + boost::gregorian::days(2);
    EXPECT_EQ(archive_.audit().list(q).total, 0);
    q = {};
    q.actor = "consultant:1";
    EXPECT_EQ(archive_.audit().list(q).total, 0);
    q = {};
    q.subject_id = first;
    q.from = today_in_china() - boost::gregorian::days(2);
    q.to = today_in_china() + boost::gregorian::days(1);
    EXPECT_EQ(archive_.audit().list(q).total, 1);
    q.to = *q.from - boost::gregorian::days(1);
    expect_error([&] { archive_.audit().list(q); }, Status::invalid_argument, "to", "before from");
    q = {};
    q.limit = 0;
    expect_error([&] { archive_.audit().list(q); }, Status::invalid_argument, "limit");
}

} // namespace

namespace {

TEST_F(AuditTest, TheExportIsEveryMatchingEntryAsJsonLinesWithItsLinks) {
    erase_several(3);
    const std::int64_t first = archive_.audit().list().items.front().subject_id.value();
    const std::string lines = archive_.audit().export_lines();
    std::vector<nlohmann::json> entries;
    std::size_t start = 0;
    for (std::size_t end; (end = lines.find('\n', start)) != std::string::npos; start = end + 1)
        entries.push_back(nlohmann::json::parse(lines.substr(start, end - start)));
    EXPECT_EQ(lines.size(), start);   // every line ends with a line break
    ASSERT_EQ(3u, entries.size());
    EXPECT_EQ(detail::genesis_hash(), entries[0]["prev_hash"]);
    for (std::size_t i = 1; i < entries.size(); ++i) EXPECT_EQ(entries[i - 1]["hash"], entries[i]["prev_hash"]);
    EXPECT_EQ(lines.find("客户"), std::string::npos);   // never a personal value
    // The query's filters apply; its page does not.
    AuditQuery one;
    one.subject_id = first;
    one.limit = 1;
    one.offset = 5;
    const std::string mine = archive_.audit().export_lines(one);
    EXPECT_EQ(1, std::count(mine.begin(), mine.end(), '\n'));
    EXPECT_EQ(first, nlohmann::json::parse(mine)["subject_id"]);
    AuditQuery none;
    none.action = "profile.reveal";
    EXPECT_EQ("", archive_.audit().export_lines(none));
}

} // namespace
