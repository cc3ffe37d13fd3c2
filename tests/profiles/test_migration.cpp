// An archive of schema version 1 migrates to this version and keeps its customers.
#include "snowball/lunar.hpp"
#include "snowball/numbering.hpp"
#include "archive/schema.hpp"
#include "profiles_fixture.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// Migration from schema version 1

TEST(Migration, AVersion1ArchiveMigratesAndKeepsItsCustomers) {
    snowball::testing::TempDir dir;
    const std::string path = dir.file("v1.db");
    const std::string number = numbering::render_archive_no(numbering::default_format, "XH", Channel::call, 2024, 1);
    {
        // A file as Snowball with schema version 1 wrote it.
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        ASSERT_EQ(1, detail::migrations().at(0).version);
        db.exec(detail::migrations().at(0).sql);
        db.exec("PRAGMA user_version = 1");
        db.exec("PRAGMA application_id = " + std::to_string(detail::application_id));
        db.exec("INSERT INTO archive_meta(key, value) VALUES ('created_at', '2024-01-01T00:00:00Z')");
        db.exec("INSERT INTO sites(id, code, name, number_format, created_at) VALUES "
                "(1, 'XH', '祥和花园', '{site}-{yyyy}{channel}-{seq:5}{check}', '2024-01-01T00:00:00Z')");
        db.exec("INSERT INTO consultants(id, uid, site_id, name, created_at) VALUES "
                "(1, 'a1b2c3d4e5f60718', 1, '李娜', '2024-01-01T00:00:00Z')");
        db.exec("INSERT INTO customers(id, site_id, archive_no, channel, name, gender, mobile, consultant_id, "
                "first_contact, filed_at, updated_at) VALUES (1, 1, '" + number +
                "', 'call', '张伟', 'male', '13800138000', 1, '2024-01-02', '2024-01-02T02:00:00Z', "
                "'2024-01-02T02:00:00Z')");
        db.exec("INSERT INTO customer_phones(phone, site_id, customer_id, kind) VALUES ('13800138000', 1, 1, 'mobile')");
        db.exec("INSERT INTO visits(customer_id, visit_date, consultant_id, recorded_at) VALUES "
                "(1, '2024-01-03', 1, '2024-01-03T02:00:00Z')");
    }
    Archive archive = Archive::open(path);
    EXPECT_EQ(detail::migrations().back().version, Archive::schema_version());   // every migration ran (numbers may have gaps)
    EXPECT_EQ(Archive::schema_version(), archive.info().schema_version);
    EXPECT_EQ(1, archive.info().customers);
    const Customer c = archive.customers().get(1);
    EXPECT_EQ("张伟", c.name);
    EXPECT_EQ(number, c.archive_no);
    EXPECT_EQ(Gender::male, c.gender);
    EXPECT_FALSE(c.birthday);
    EXPECT_EQ(Stage::prospect, c.stage);
    EXPECT_EQ(1u, archive.customers().visits(1).size());
    // The new tables work for the old customers.
    archive.profiles().set(1, {{"position", std::string("经理")}}, 1);
    NewFamilyMember spouse;
    spouse.relation = Relation::spouse;
    spouse.name = "李娜";
    spouse.birthday = parse_birthday("lunar:--08-15");
    archive.family().add(1, spouse);
    CustomerUpdate u;
    u.birthday = parse_birthday("1980-05-06");
    archive.customers().update(1, u);
    const std::optional<Briefing> b = archive.briefings().by_phone("13800138000");
    ASSERT_TRUE(b);
    EXPECT_EQ("张先生", b->salutation);
    EXPECT_EQ(1u, b->family.size());
    EXPECT_EQ(1, b->visit_count);
    EXPECT_EQ("经理", std::get<std::string>(archive.profiles().get(1).entry("position")->value));
    EXPECT_EQ(1u, archive.templates().versions("XH").size());
    snowball::testing::RawDb raw(path);
    EXPECT_EQ(Archive::schema_version(), raw.integer("PRAGMA user_version"));
    EXPECT_EQ(detail::application_id, raw.integer("PRAGMA application_id"));
    EXPECT_EQ(1, raw.count("profile_values"));
    // Reopening does not migrate again.
    // New customers are filed as before.
    NewCustomer n;
    n.site = "XH";
    n.channel = Channel::visit;
    n.name = "李四";
    n.mobile = "13900139000";
    const Customer added = archive.customers().add(n);
    EXPECT_NE(number, added.archive_no);
    Archive again = Archive::open(path);
    EXPECT_EQ(2, again.info().customers);
    EXPECT_EQ("1980-05-06", to_string(*again.customers().get(1).birthday));
}

} // namespace
