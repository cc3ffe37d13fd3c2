// An archive of schema version 13 (deals without stages) migrates to version 14: every deal on file
// was a contract (签约) and gets its contract step; a cancelled one its cancellation too.
#include "archive/schema.hpp"
#include "customers_fixture.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

namespace {

using namespace snowball;
using namespace snowball::testing;

TEST(DealMigration, AVersion13ArchiveGetsContractDealsWithOneStepEach) {
    TempDir dir;
    const std::string path = dir.file("v13.db");
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        for (const detail::Migration& m : detail::migrations())
            if (m.version <= 13) db.exec(m.sql);
        db.exec("PRAGMA user_version = 13");
        db.exec("PRAGMA application_id = " + std::to_string(detail::application_id));
        db.exec("INSERT INTO archive_meta(key, value) VALUES ('created_at', '2024-01-01T00:00:00Z')");
        db.exec("INSERT INTO sites(id, code, name, number_format, created_at) VALUES "
                "(1, 'XH', '祥和花园', '{site}-{yyyy}{channel}-{seq:5}{check}', '2024-01-01T00:00:00Z')");
        db.exec("INSERT INTO consultants(id, uid, site_id, name, created_at) VALUES "
                "(1, 'a1b2c3d4e5f60718', 1, '李娜', '2024-01-01T00:00:00Z')");
        for (int id : {1, 2})
            db.exec("INSERT INTO customers(id, site_id, archive_no, channel, name, gender, mobile, consultant_id, stage, "
                    "first_contact, filed_at, updated_at) VALUES (" + std::to_string(id) + ", 1, 'XH-2024V-0000" +
                    std::to_string(id) + "X', 'visit', '客户" + std::to_string(id) + "', 'male', '1380013800" +
                    std::to_string(id) + "', 1, '" + (id == 1 ? "owner" : "visitor") +
                    "', '2024-01-02', '2024-01-02T02:00:00Z', '2024-01-02T02:00:00Z')");
        db.exec("INSERT INTO deals(id, customer_id, site_id, unit, area, price, deal_date, consultant_id, recorded_at) "
                "VALUES (1, 1, 1, '1-1-101', 120, 3000000, '2024-03-05', 1, '2024-03-05T02:00:00Z')");
        db.exec("INSERT INTO deals(id, customer_id, site_id, unit, area, price, deal_date, consultant_id, recorded_at, "
                "cancelled, cancel_reason, cancelled_at) VALUES (2, 2, 1, '1-1-102', 90, 2000000, '2024-04-01', 1, "
                "'2024-04-01T02:00:00Z', 1, '退房', '2024-05-10T03:00:00Z')");
    }
    Archive archive = Archive::open(path);
    EXPECT_EQ(Archive::schema_version(), archive.info().schema_version);

    const Deal d = archive.deals().get(1);
    EXPECT_EQ(DealStage::contract, d.stage);
    EXPECT_EQ(parse_date("2024-03-05"), d.date);
    EXPECT_EQ(parse_date("2024-03-05"), d.contracted_on);
    EXPECT_EQ(std::nullopt, d.reserved_on);
    const std::vector<DealStep> steps = archive.deals().steps(1);
    ASSERT_EQ(1u, steps.size());
    EXPECT_EQ(DealStepKind::contract, steps[0].step);
    EXPECT_DOUBLE_EQ(3000000, *steps[0].amount);
    EXPECT_EQ(1, steps[0].by);

    const std::vector<DealStep> cancelled = archive.deals().steps(2);
    ASSERT_EQ(2u, cancelled.size());
    EXPECT_EQ(DealStepKind::cancellation, cancelled[1].step);
    EXPECT_EQ(parse_date("2024-05-10"), cancelled[1].date);
    EXPECT_EQ("退房", cancelled[1].reason);
    EXPECT_EQ(parse_date("2024-05-10"), archive.deals().get(2).cancelled_on);

    // The closed-deal archive and the owner stay as they were; the default owner stage is contract.
    DealQuery q;
    q.site = "XH";
    const auto closed = archive.customers().closed_deals(q);
    ASSERT_EQ(1, closed.total);
    EXPECT_EQ(1, closed.items[0].deal.id);
    EXPECT_EQ(DealStage::contract, archive.deals().settings("XH").owner_stage);
    EXPECT_EQ(Stage::owner, archive.customers().get(1).stage);
    // The unit held by the deal in force stays held.
    NewDeal again;
    again.unit = "1-1-101";
    again.area = 100;
    again.price = 100000;
    again.stage = DealStage::reservation;
    EXPECT_THROW(archive.customers().record_deal(2, again), Error);
}

} // namespace
