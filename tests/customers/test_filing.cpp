// Filing customers in all three channels, their archive numbers (per site, channel and year, without
// gaps, never reused) and batches; every rejected input is checked for its status, its field and
// that nothing was written.
#include "customers_fixture.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

// ---------------------------------------------------------------------------------------------
// Filing

TEST_F(CustomersTest, AddPhoneInquiry) {
    NewCustomer in = make("xh", Channel::call, " 张伟 ", "+86 138-0013-8000");
    in.gender = Gender::male;
    in.tier = Tier::vip;
    in.consultant_id = li_;
    in.note = "想要三居室\n预算三百万";
    in.phones = {{PhoneKind::office, "010-6552 1234"}, {PhoneKind::home, "０２１－６８８８８８８８"}};
    const Customer c = customers().add(in);
    EXPECT_GT(c.id, 0);
    EXPECT_EQ(c.archive_no, number("XH", Channel::call, year_, 1));
    EXPECT_EQ(c.site, "XH");
    EXPECT_EQ(c.channel, Channel::call);
    EXPECT_EQ(c.name, "张伟");
    EXPECT_EQ(c.gender, Gender::male);
    EXPECT_EQ(c.tier, Tier::vip);
    EXPECT_EQ(c.mobile, "13800138000");
    EXPECT_EQ(c.phones, (std::vector<Phone>{{PhoneKind::home, "02168888888"}, {PhoneKind::office, "01065521234"}}));
    EXPECT_EQ(c.consultant_id, li_);
    EXPECT_EQ(c.stage, Stage::prospect);
    EXPECT_EQ(c.first_contact, today_);
    EXPECT_EQ(c.note, "想要三居室\n预算三百万");
    EXPECT_TRUE(std::regex_match(c.filed_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << c.filed_at;
    EXPECT_EQ(c.updated_at, c.filed_at);
    EXPECT_TRUE(customers().visits(c.id).empty());

    const Customer again = customers().get(c.id);
    EXPECT_EQ(again.archive_no, c.archive_no);
    EXPECT_EQ(again.phones, c.phones);
    EXPECT_EQ(again.note, c.note);
    EXPECT_EQ(raw().count("customer_phones", "customer_id = " + std::to_string(c.id)), 3);
}

TEST_F(CustomersTest, AddWalkInVisitLogsTheFirstVisit) {
    NewCustomer in = make("XH", Channel::visit, "王芳", "13900139000");
    in.consultant_id = wang_;
    in.first_contact = today_ - days(3);
    const Customer c = customers().add(in);
    EXPECT_EQ(c.archive_no, number("XH", Channel::visit, year_, 1));
    EXPECT_EQ(c.stage, Stage::visitor);
    EXPECT_EQ(c.first_contact, today_ - days(3));
    const auto visits = customers().visits(c.id);
    ASSERT_EQ(visits.size(), 1u);
    EXPECT_EQ(visits[0].customer_id, c.id);
    EXPECT_EQ(visits[0].date, today_ - days(3));
    EXPECT_EQ(visits[0].consultant_id, wang_);

    // Without a consultant, the visit has none.
    const Customer d = add("XH", Channel::visit, "赵六");
    const auto v = customers().visits(d.id);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].date, today_);
    EXPECT_FALSE(v[0].consultant_id.has_value());
}

TEST_F(CustomersTest, AddLeadListEntry) {
    const Customer c = add("XH", Channel::lead, "刘洋");   // a lead needs no phone
    EXPECT_EQ(c.archive_no, number("XH", Channel::lead, year_, 1));
    EXPECT_EQ(c.stage, Stage::prospect);
    EXPECT_EQ(c.mobile, "");
    EXPECT_TRUE(c.phones.empty());
    EXPECT_FALSE(c.consultant_id.has_value());
    EXPECT_TRUE(customers().visits(c.id).empty());
    // International mobiles are mobiles too.
    EXPECT_EQ(add("XH", Channel::lead, "陈港", "+852 9123 4567").mobile, "+85291234567");
}

TEST_F(CustomersTest, NumbersRunPerSiteChannelAndYear) {
    const std::vector<std::pair<Channel, std::string>> order{
        {Channel::call, "XH"}, {Channel::call, "XH"}, {Channel::visit, "XH"}, {Channel::lead, "XH"},
        {Channel::call, "BJ"}, {Channel::call, "XH"}, {Channel::lead, "XH"}, {Channel::visit, "BJ"}};
    std::vector<std::string> got;
    for (std::size_t i = 0; i < order.size(); ++i)
        got.push_back(add(order[i].second, order[i].first, "客户" + std::to_string(i)).archive_no);
    EXPECT_EQ(got, (std::vector<std::string>{
                       number("XH", Channel::call, year_, 1), number("XH", Channel::call, year_, 2),
                       number("XH", Channel::visit, year_, 1), number("XH", Channel::lead, year_, 1),
                       number("BJ", Channel::call, year_, 1), number("XH", Channel::call, year_, 3),
                       number("XH", Channel::lead, year_, 2), number("BJ", Channel::visit, year_, 1)}));

    // Moving an older archive in: filed_on picks the year, and that year has its own sequence.
    NewCustomer old = make("XH", Channel::call, "老客户");
    old.filed_on = Date(static_cast<unsigned short>(year_ - 3), 6, 1);
    old.first_contact = Date(static_cast<unsigned short>(year_ - 3), 5, 20);
    const Customer o = customers().add(old);
    EXPECT_EQ(o.archive_no, number("XH", Channel::call, year_ - 3, 1));
    EXPECT_EQ(o.first_contact, *old.first_contact);
    old.name = "老客户二";
    EXPECT_EQ(customers().add(old).archive_no, number("XH", Channel::call, year_ - 3, 2));
    // ...and the current year's sequence goes on where it was.
    EXPECT_EQ(add("XH", Channel::call, "新客户").archive_no, number("XH", Channel::call, year_, 4));

    // One counter row per sequence, holding its last number.
    auto db = raw();
    EXPECT_EQ(db.count("number_sequences"), 6);
    EXPECT_EQ(db.integer("SELECT last_seq FROM number_sequences WHERE scope = 'XH-" + std::to_string(year_) + "C-{seq}'"), 4);
    EXPECT_EQ(db.integer("SELECT last_seq FROM number_sequences WHERE scope = 'XH-" + std::to_string(year_ - 3) + "C-{seq}'"), 2);
    // Every number is valid and self-checking, and they are all distinct.
    std::set<std::string> all;
    SQLite::Statement s(db.db(), "SELECT archive_no FROM customers");
    while (s.executeStep()) {
        EXPECT_TRUE(numbering::is_valid_archive_no(s.getColumn(0).getString()));
        all.insert(s.getColumn(0).getString());
    }
    EXPECT_EQ(all.size(), 11u);
}

TEST_F(CustomersTest, FailedFilingsLeaveNoGap) {
    std::int64_t expected = 0;
    for (int i = 0; i < 30; ++i) {
        const std::string mobile = "1380000" + std::to_string(1000 + i);
        EXPECT_EQ(seq_of(add("XH", Channel::call, "客户" + std::to_string(i), mobile).archive_no), ++expected);
        // A conflict, an invalid mobile and an inactive consultant in between take no number.
        EXPECT_THROW(add("XH", Channel::call, "重复", mobile), Error);
        EXPECT_THROW(add("XH", Channel::call, "坏号码", "12345"), Error);
        NewCustomer c = make("XH", Channel::call, "无效顾问");
        c.consultant_id = chen_;
        EXPECT_THROW(customers().add(c), Error);
    }
    EXPECT_EQ(raw().integer("SELECT max(last_seq) FROM number_sequences"), 30);
    EXPECT_EQ(raw().count("customers"), 30);
}

TEST_F(CustomersTest, NumbersAreNeverReused) {
    const Customer a = add("XH", Channel::call, "甲", "13800000001");
    const Customer b = add("XH", Channel::call, "乙", "13800000002");
    const Customer c = add("XH", Channel::call, "丙", "13800000003");
    customers().remove(c.id);   // the last one
    customers().remove(a.id);
    const Customer d = add("XH", Channel::call, "丁", "13800000003");   // the removed customer's phone is free
    EXPECT_EQ(seq_of(d.archive_no), 4);
    EXPECT_EQ(seq_of(b.archive_no), 2);
    // The removed customers keep their numbers, retired.
    auto db = raw();
    EXPECT_EQ(db.count("customers"), 4);
    EXPECT_EQ(db.count("customers", "archive_no = '" + c.archive_no + "' AND deleted_at IS NOT NULL"), 1);
    EXPECT_FALSE(customers().by_archive_no(c.archive_no).has_value());
}

TEST_F(CustomersTest, AFormatThatWouldRepeatAnOldNumberIsAConflict) {
    archive_.sites().update("XH", SiteUpdate{std::nullopt, std::string("{site}-{seq:2}{check}")});
    for (int i = 1; i <= 11; ++i) add("XH", Channel::call, "客户" + std::to_string(i));
    // The new format's first number, XH-11, was issued under the old one.
    archive_.sites().update("XH", SiteUpdate{std::nullopt, std::string("{site}-1{seq:1}{check}")});
    expect_rejected([&] { add("XH", Channel::call, "新客户"); }, Status::conflict, "number_format",
                    "was issued before under another number format");
}

// ---------------------------------------------------------------------------------------------
// Bad input: status, field, and nothing written

TEST_F(CustomersTest, BadInputWritesNothing) {
    expect_rejected([&] { add("SH", Channel::call, "张伟"); }, Status::not_found, "site", "no site with code 'SH'");
    expect_rejected([&] { add("", Channel::call, "张伟"); }, Status::invalid_argument, "site", "required");
    expect_rejected([&] { add("XH", Channel::call, ""); }, Status::invalid_argument, "name", "required");
    expect_rejected([&] { add("XH", Channel::call, "\xE3\x80\x80 "); }, Status::invalid_argument, "name", "required");
    expect_rejected([&] { add("XH", Channel::call, std::string(51 * 3, 'a')); }, Status::invalid_argument, "name",
                    "the limit is 50");
    expect_rejected([&] { add("XH", Channel::call, "张\xFF伟"); }, Status::invalid_argument, "name", "not valid UTF-8");
    expect_rejected([&] { add("XH", Channel::call, "张\x01伟"); }, Status::invalid_argument, "name", "control character");
    expect_rejected([&] { add("XH", Channel::call, "张伟", "1380013800"); }, Status::invalid_argument, "mobile",
                    "has 10 digits");
    expect_rejected([&] { add("XH", Channel::call, "张伟", "12012345678"); }, Status::invalid_argument, "mobile",
                    "starting with 12");
    expect_rejected([&] { add("XH", Channel::call, "张伟", "010-65521234"); }, Status::invalid_argument, "mobile",
                    "is a landline");
    expect_rejected([&] { add("XH", Channel::call, "张伟", "abc"); }, Status::invalid_argument, "mobile", "holds 'a'");
    expect_rejected([&] { add("XH", Channel::call, "张伟", "\xFF"); }, Status::invalid_argument, "mobile",
                    "not valid UTF-8");

    NewCustomer c = make("XH", Channel::call, "张伟", "13800138000");
    c.phones = {{PhoneKind::home, "010-65521234"}, {PhoneKind::office, "6552"}};
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "phones[1]", "phones[1]:");
    c.phones = {{PhoneKind::home, "+86 138 0013 8000"}};
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "phones[0]", "listed twice");
    c.phones = {{PhoneKind::home, "010-65521234"}, {PhoneKind::office, "(010) 6552 1234"}};
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "phones[1]", "listed twice");
    c.phones = std::vector<Phone>(11, Phone{PhoneKind::other, "010-65521234"});
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "phones", "the limit is 10");

    c = make("XH", Channel::call, "张伟");
    c.consultant_id = 9999;
    expect_rejected([&] { customers().add(c); }, Status::not_found, "consultant_id", "no consultant with id 9999");
    c.consultant_id = zhao_;
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "consultant_id", "works at another site");
    c.consultant_id = chen_;
    expect_rejected([&] { customers().add(c); }, Status::invalid_state, "consultant_id", "is no longer active");

    c = make("XH", Channel::call, "张伟");
    c.note = std::string(2001, 'x');
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "note", "the limit is 2000");
    c.note = "ok\x07";
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "note", "control character");
    EXPECT_EQ(raw().count("customers"), 0);
    EXPECT_EQ(raw().count("number_sequences"), 0);
}

TEST_F(CustomersTest, DatesInTheFutureAreRejected) {
    NewCustomer c = make("XH", Channel::visit, "张伟", "13800138000");
    c.first_contact = today_ + days(1);
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "first_contact", "is in the future");
    c.first_contact = Date(1899, 12, 31);
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "first_contact", "before 1900");
    c.first_contact = Date(boost::gregorian::not_a_date_time);
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "first_contact", "is not a date");
    c.first_contact.reset();
    c.filed_on = today_ + days(1);
    expect_rejected([&] { customers().add(c); }, Status::invalid_argument, "filed_on", "is in the future");

    const Customer ok = add("XH", Channel::call, "王芳");
    NewVisit v;
    v.date = today_ + days(1);
    expect_rejected([&] { customers().record_visit(ok.id, v); }, Status::invalid_argument, "date", "is in the future");
    expect_rejected([&] { customers().record_deal(ok.id, deal("1-1-101", today_ + days(1))); }, Status::invalid_argument,
                    "date", "is in the future");
    CustomerUpdate u;
    u.first_contact = today_ + days(1);
    expect_rejected([&] { customers().update(ok.id, u); }, Status::invalid_argument, "first_contact", "is in the future");
}

TEST_F(CustomersTest, AVisitBeforeTheFirstContactIsRejected) {
    NewCustomer in = make("XH", Channel::call, "张伟");
    in.first_contact = today_ - days(10);
    const Customer c = customers().add(in);
    NewVisit v;
    v.date = today_ - days(11);
    expect_rejected([&] { customers().record_visit(c.id, v); }, Status::invalid_argument, "date",
                    "is before the customer's first contact");
    v.date = today_ - days(10);   // the same day is fine
    EXPECT_EQ(customers().record_visit(c.id, v).date, today_ - days(10));
    // Nor can the first contact move past a logged visit.
    CustomerUpdate u;
    u.first_contact = today_ - days(9);
    expect_rejected([&] { customers().update(c.id, u); }, Status::invalid_argument, "first_contact",
                    "is after the customer's first visit");
    u.first_contact = today_ - days(20);
    EXPECT_EQ(customers().update(c.id, u).first_contact, today_ - days(20));
}

TEST_F(CustomersTest, ADealBeforeTheFirstContactIsRejected) {
    NewCustomer in = make("XH", Channel::call, "张伟");
    in.first_contact = today_ - days(10);
    const Customer c = customers().add(in);
    NewDeal d;
    d.unit = "1-1-101";
    d.area = 90;
    d.price = 1000000;
    d.date = today_ - days(11);
    expect_rejected([&] { customers().record_deal(c.id, d); }, Status::invalid_argument, "date",
                    "is before the customer's first contact");
    EXPECT_EQ(raw().count("deals"), 0);
    EXPECT_EQ(customers().get(c.id).stage, Stage::prospect);
    d.date = today_ - days(10);
    EXPECT_EQ(customers().record_deal(c.id, d).date, today_ - days(10));
}

TEST_F(CustomersTest, FiledOnStandsForAMissingFirstContactAndMayNotPrecedeIt) {
    NewCustomer in = make("XH", Channel::lead, "王五");
    in.filed_on = Date(2024, 3, 6);
    const Customer moved_in = customers().add(in);
    EXPECT_EQ(moved_in.first_contact, Date(2024, 3, 6));
    EXPECT_EQ(moved_in.archive_no.substr(0, 8), "XH-2024L");
    NewCustomer bad = make("XH", Channel::lead, "赵六");
    bad.first_contact = Date(2024, 3, 7);
    bad.filed_on = Date(2024, 3, 6);
    expect_rejected([&] { customers().add(bad); }, Status::invalid_argument, "filed_on", "is before the first contact");
    EXPECT_EQ(raw().count("customers"), 1);
}

// ---------------------------------------------------------------------------------------------
// Batches

TEST_F(CustomersTest, AddManyFilesAll) {
    std::vector<NewCustomer> batch;
    for (int i = 0; i < 5; ++i)
        batch.push_back(make("XH", i % 2 ? Channel::visit : Channel::call, "客户" + std::to_string(i),
                             "1380000000" + std::to_string(i)));
    const auto filed = customers().add_many(batch);
    ASSERT_EQ(filed.size(), 5u);
    EXPECT_EQ(filed[0].archive_no, number("XH", Channel::call, year_, 1));
    EXPECT_EQ(filed[1].archive_no, number("XH", Channel::visit, year_, 1));
    EXPECT_EQ(filed[2].archive_no, number("XH", Channel::call, year_, 2));
    EXPECT_EQ(filed[4].archive_no, number("XH", Channel::call, year_, 3));
    EXPECT_EQ(filed[3].stage, Stage::visitor);
    EXPECT_EQ(customers().visits(filed[3].id).size(), 1u);
    EXPECT_TRUE(customers().add_many({}).empty());
    EXPECT_EQ(archive_.info().customers, 5);
}

TEST_F(CustomersTest, AddManyIsAllOrNothing) {
    std::vector<NewCustomer> batch{make("XH", Channel::call, "甲", "13800000001"),
                                   make("XH", Channel::call, "乙", "13800000002"),
                                   make("XH", Channel::call, "丙", "1380000003"),   // a digit short
                                   make("XH", Channel::call, "丁", "13800000004")};
    auto e = expect_rejected([&] { customers().add_many(batch); }, Status::invalid_argument, "customers[2].mobile",
                             "customers[2].");
    if (e) {
        EXPECT_NE(std::string(e->what()).find("has 10 digits"), std::string::npos) << e->what();
    }
    EXPECT_EQ(raw().count("customers"), 0);

    // Two entries with the same phone: the second is the conflict, and it names the first entry
    // (its customer is rolled back with the batch, so there is no record id to give).
    batch[2].mobile = "13800000001";
    e = expect_rejected([&] { customers().add_many(batch); }, Status::conflict, "customers[2].mobile",
                        "is in customers[0] of this batch");
    if (e) {
        EXPECT_EQ(e->record_id(), 0);
    }
    // An entry clashing with the archive.
    const Customer existing = add("XH", Channel::lead, "戊", "13800000004");
    batch[2].mobile = "13800000003";
    e = expect_rejected([&] { customers().add_many(batch); }, Status::conflict, "customers[3].mobile", "戊");
    if (e) {
        EXPECT_EQ(e->record_id(), existing.id);
    }
    batch[3].mobile = "13800000005";
    batch[1].site = "SH";
    expect_rejected([&] { customers().add_many(batch); }, Status::not_found, "customers[1].site", "customers[1].");

    // No number was consumed by the failed batches.
    batch[1].site = "XH";
    const auto filed = customers().add_many(batch);
    ASSERT_EQ(filed.size(), 4u);
    EXPECT_EQ(seq_of(filed[0].archive_no), 1);
    EXPECT_EQ(seq_of(filed[3].archive_no), 4);
}

} // namespace
