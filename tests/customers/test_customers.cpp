// The customer archive: filing in all three channels, archive numbers, phone conflicts, lookups,
// listing, updates, visits, deals and the closed-deal archive, removal, reassignment and batches.
// Every rejected input is checked for its status, its field and that nothing was written.
#include "snowball/customers.hpp"

#include "snowball/archive.hpp"
#include "snowball/numbering.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using boost::gregorian::days;
using snowball::testing::ArchiveTest;
using snowball::testing::expect_error;

class CustomersTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "祥和花园", ""});
        archive_.sites().add({"BJ", "北京一期", ""});
        li_ = archive_.consultants().add({"XH", "李娜", ""}).id;
        wang_ = archive_.consultants().add({"XH", "王强", ""}).id;
        zhao_ = archive_.consultants().add({"BJ", "赵敏", ""}).id;
        chen_ = archive_.consultants().add({"XH", "陈静", ""}).id;
        ConsultantUpdate off;
        off.active = false;
        archive_.consultants().update(chen_, off);
    }

    Customers& customers() { return archive_.customers(); }

    static NewCustomer make(const std::string& site, Channel channel, const std::string& name,
                            const std::string& mobile = {}) {
        NewCustomer c;
        c.site = site;
        c.channel = channel;
        c.name = name;
        c.mobile = mobile;
        return c;
    }

    Customer add(const std::string& site, Channel channel, const std::string& name, const std::string& mobile = {}) {
        return customers().add(make(site, channel, name, mobile));
    }

    static std::string number(const std::string& site, Channel channel, int year, std::int64_t seq) {
        return numbering::render_archive_no(numbering::default_format, site, channel, year, seq);
    }

    static std::int64_t seq_of(const std::string& archive_no) {
        return numbering::parse_archive_no(archive_no).sequence;
    }

    // Checks that `f` fails as described and leaves the archive file exactly as it was.
    template <class F>
    std::optional<Error> expect_rejected(F&& f, Status status, const std::string& field, const std::string& fragment) {
        const std::string before = dump();
        auto e = expect_error(std::forward<F>(f), status, field, fragment);
        EXPECT_EQ(dump(), before) << "the archive changed although the operation failed";
        return e;
    }

    NewDeal deal(const std::string& unit, std::optional<Date> date = std::nullopt) {
        NewDeal d;
        d.unit = unit;
        d.layout = "3室2厅2卫";
        d.area = 128.5;
        d.price = 3280000;
        d.date = date;
        d.bought_for = "自住";
        return d;
    }

    const Date today_ = today_in_china();
    const int year_ = today_.year();
    std::int64_t li_ = 0, wang_ = 0, zhao_ = 0, chen_ = 0;
};

std::vector<std::int64_t> ids_of(const std::vector<Customer>& list) {
    std::vector<std::int64_t> out;
    for (const auto& c : list) out.push_back(c.id);
    return out;
}

std::vector<std::string> names_of(const std::vector<Customer>& list) {
    std::vector<std::string> out;
    for (const auto& c : list) out.push_back(c.name);
    return out;
}

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
// Phones: one customer per phone and site

TEST_F(CustomersTest, APhoneOnFileAtTheSiteIsAConflictNamingTheCustomer) {
    NewCustomer first = make("XH", Channel::call, "张伟", "13800138000");
    first.phones = {{PhoneKind::office, "010-65521234"}};
    const Customer a = customers().add(first);

    for (const char* same : {"13800138000", "+86 138 0013 8000", "0086-138-0013-8000", "１３８００１３８０００"}) {
        auto e = expect_rejected([&] { add("XH", Channel::visit, "张伟伟", same); }, Status::conflict, "mobile",
                                 "is already on file for 张伟 (" + a.archive_no + ")");
        if (e) {
            EXPECT_EQ(e->record_id(), a.id);
        }
    }
    // The new customer's other phone is the existing customer's mobile.
    NewCustomer b = make("XH", Channel::lead, "李四", "13900139000");
    b.phones = {{PhoneKind::home, "021-68888888"}, {PhoneKind::other, "138-0013-8000"}};
    auto e = expect_rejected([&] { customers().add(b); }, Status::conflict, "phones[1]", "张伟");
    if (e) {
        EXPECT_EQ(e->record_id(), a.id);
    }
    // The existing customer's office landline, given as the new customer's home phone.
    b.phones = {{PhoneKind::home, "(010) 6552-1234"}};
    e = expect_rejected([&] { customers().add(b); }, Status::conflict, "phones[0]", "01065521234 is already on file for 张伟");
    if (e) {
        EXPECT_EQ(e->record_id(), a.id);
    }

    // The same phone at another site is another site's customer.
    const Customer other = add("BJ", Channel::call, "张伟", "13800138000");
    EXPECT_NE(other.id, a.id);
    EXPECT_EQ(other.archive_no, number("BJ", Channel::call, year_, 1));
}

TEST_F(CustomersTest, ByPhone) {
    NewCustomer in = make("XH", Channel::call, "张伟", "13800138000");
    in.phones = {{PhoneKind::home, "010-65521234"}};
    const Customer a = customers().add(in);
    for (const char* form : {"13800138000", "+86 138 0013 8000", "138-0013-8000"}) {
        const auto found = customers().by_phone(form, "XH");
        ASSERT_TRUE(found) << form;
        EXPECT_EQ(found->id, a.id);
        const auto anywhere = customers().by_phone(form);
        ASSERT_TRUE(anywhere) << form;
        EXPECT_EQ(anywhere->id, a.id);
    }
    ASSERT_TRUE(customers().by_phone("+86 10 6552 1234", "xh"));
    EXPECT_EQ(customers().by_phone("+86 10 6552 1234", "xh").value_or(Customer{}).id, a.id);
    EXPECT_FALSE(customers().by_phone("13900139000", "XH").has_value());
    EXPECT_FALSE(customers().by_phone("13900139000").has_value());
    EXPECT_FALSE(customers().by_phone("13800138000", "BJ").has_value());
    expect_error([&] { customers().by_phone("13800138000", "SH"); }, Status::not_found, "site", "no site with code 'SH'");
    expect_error([&] { customers().by_phone("1380013800"); }, Status::invalid_argument, "phone", "has 10 digits");
    expect_error([&] { customers().by_phone(""); }, Status::invalid_argument, "phone", "is empty");

    // Two sites have it: without a site the lookup is ambiguous.
    const Customer b = add("BJ", Channel::visit, "张伟", "+86 13800138000");
    expect_error([&] { customers().by_phone("138 0013 8000"); }, Status::conflict, "site",
                          "13800138000 is on file at 2 sites (BJ, XH); name the site");
    EXPECT_EQ(customers().by_phone("13800138000", "BJ").value_or(Customer{}).id, b.id);
    EXPECT_EQ(customers().by_phone("13800138000", "XH").value_or(Customer{}).id, a.id);
    EXPECT_EQ(ids_of(customers().find_by_phone("13800138000")), (std::vector<std::int64_t>{b.id, a.id}));
    EXPECT_EQ(ids_of(customers().find_by_phone("010-65521234")), (std::vector<std::int64_t>{a.id}));
    EXPECT_TRUE(customers().find_by_phone("13700000000").empty());
}

TEST_F(CustomersTest, ByArchiveNo) {
    const Customer a = add("XH", Channel::call, "张伟");
    const Customer b = add("XH", Channel::lead, "王芳");
    std::string lower = a.archive_no;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const std::string& form : {a.archive_no, lower, "  " + a.archive_no + "\xE3\x80\x80"}) {
        const auto found = customers().by_archive_no(form);
        ASSERT_TRUE(found) << form;
        EXPECT_EQ(found->id, a.id);
    }
    EXPECT_EQ(customers().by_archive_no(b.archive_no).value_or(Customer{}).name, "王芳");
    // A well-formed number nobody has.
    EXPECT_FALSE(customers().by_archive_no(number("XH", Channel::call, year_, 99)).has_value());
    EXPECT_FALSE(customers().by_archive_no(number("BJ", Channel::call, year_, 1)).has_value());
    // A mistyped one is an error, not "not found".
    std::string wrong = a.archive_no;
    std::swap(wrong[3], wrong[4]);
    expect_error([&] { customers().by_archive_no(wrong); }, Status::invalid_argument, "archive_no",
                 "wrong check character");
    expect_error([&] { customers().by_archive_no(""); }, Status::invalid_argument, "archive_no", "too short");
}

TEST_F(CustomersTest, FindByNamePrefix) {
    const Customer zw = add("XH", Channel::call, "张伟");
    const Customer zsf = add("XH", Channel::call, "张三丰");
    add("XH", Channel::call, "章子怡");
    const Customer z = add("XH", Channel::call, "张");
    add("XH", Channel::call, "王芳");
    const Customer zm = add("BJ", Channel::call, "张明");
    const Customer gone = add("XH", Channel::call, "张没了");
    customers().remove(gone.id);

    // Ordered by name (code points), then id; 章 is another character.
    EXPECT_EQ(names_of(customers().find_by_name("张")), (std::vector<std::string>{"张", "张三丰", "张伟", "张明"}));
    EXPECT_EQ(ids_of(customers().find_by_name("张", "XH")), (std::vector<std::int64_t>{z.id, zsf.id, zw.id}));
    EXPECT_EQ(ids_of(customers().find_by_name("张", "BJ")), (std::vector<std::int64_t>{zm.id}));
    EXPECT_EQ(names_of(customers().find_by_name("张三")), (std::vector<std::string>{"张三丰"}));
    EXPECT_EQ(names_of(customers().find_by_name(" 张伟 ")), (std::vector<std::string>{"张伟"}));
    EXPECT_EQ(names_of(customers().find_by_name("章")), (std::vector<std::string>{"章子怡"}));
    EXPECT_EQ(names_of(customers().find_by_name("张", "", 2)), (std::vector<std::string>{"张", "张三丰"}));
    EXPECT_TRUE(customers().find_by_name("李").empty());
    EXPECT_TRUE(customers().find_by_name("张伟伟").empty());

    expect_error([&] { customers().find_by_name(""); }, Status::invalid_argument, "prefix", "required");
    expect_error([&] { customers().find_by_name("张", "", 0); }, Status::invalid_argument, "limit", "between 1 and 1000");
    expect_error([&] { customers().find_by_name("张", "", 1001); }, Status::invalid_argument, "limit", "between 1");
    expect_error([&] { customers().find_by_name("张", "SH"); }, Status::not_found, "site", "no site with code 'SH'");
}

// ---------------------------------------------------------------------------------------------
// Listing

TEST_F(CustomersTest, ListFiltersAndPaging) {
    const auto on = [](int yy, int mm, int dd) {
        return Date(static_cast<unsigned short>(yy), static_cast<unsigned short>(mm), static_cast<unsigned short>(dd));
    };
    const int y = year_ - 1;
    struct Row {
        std::string site;
        Channel channel;
        std::string name;
        std::optional<std::int64_t> consultant;
        Tier tier;
        Date first;
    };
    const std::vector<Row> rows{
        {"XH", Channel::call, "张伟", li_, Tier::vip, on(y, 1, 10)},
        {"XH", Channel::visit, "王芳", li_, Tier::ordinary, on(y, 2, 1)},
        {"XH", Channel::lead, "张三丰", wang_, Tier::ordinary, on(y, 2, 15)},
        {"BJ", Channel::call, "赵四", zhao_, Tier::vip, on(y, 3, 1)},
        {"XH", Channel::call, "李雷", std::nullopt, Tier::ordinary, on(y, 3, 31)},
        {"XH", Channel::visit, "韩梅梅", wang_, Tier::vip, on(y, 4, 1)},
    };
    std::vector<std::int64_t> id;
    for (const Row& r : rows) {
        NewCustomer c = make(r.site, r.channel, r.name);
        c.consultant_id = r.consultant;
        c.tier = r.tier;
        c.first_contact = r.first;
        id.push_back(customers().add(c).id);
    }
    customers().record_deal(id[1], deal("1-1-101"));
    const Customer gone = add("XH", Channel::call, "张走了");
    customers().remove(gone.id);

    const auto run = [&](CustomerQuery q) {
        const Page<Customer> page = customers().list(q);
        return std::make_pair(ids_of(page.items), page.total);
    };
    using Ids = std::vector<std::int64_t>;
    CustomerQuery q;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[0], id[1], id[2], id[3], id[4], id[5]}, std::int64_t{6}));
    q.site = "xh";
    EXPECT_EQ(run(q), std::make_pair(Ids{id[0], id[1], id[2], id[4], id[5]}, std::int64_t{5}));
    q.channel = Channel::call;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[0], id[4]}, std::int64_t{2}));
    q = {};
    q.stage = Stage::owner;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[1]}, std::int64_t{1}));
    q.stage = Stage::visitor;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[5]}, std::int64_t{1}));
    q.stage = Stage::prospect;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[0], id[2], id[3], id[4]}, std::int64_t{4}));
    q = {};
    q.tier = Tier::vip;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[0], id[3], id[5]}, std::int64_t{3}));
    q = {};
    q.consultant_id = wang_;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[2], id[5]}, std::int64_t{2}));
    q = {};
    q.first_contact_from = on(y, 2, 1);
    q.first_contact_to = on(y, 3, 31);
    EXPECT_EQ(run(q), std::make_pair(Ids{id[1], id[2], id[3], id[4]}, std::int64_t{4}));   // both ends inclusive
    q.first_contact_to.reset();
    EXPECT_EQ(run(q), std::make_pair(Ids{id[1], id[2], id[3], id[4], id[5]}, std::int64_t{5}));
    q = {};
    q.name_prefix = "张";
    EXPECT_EQ(run(q), std::make_pair(Ids{id[0], id[2]}, std::int64_t{2}));
    q = {};
    q.site = "XH";
    q.tier = Tier::vip;
    q.channel = Channel::visit;
    q.consultant_id = wang_;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[5]}, std::int64_t{1}));

    // Paging: items of one page, the total of all.
    q = {};
    q.limit = 4;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[0], id[1], id[2], id[3]}, std::int64_t{6}));
    q.offset = 4;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[4], id[5]}, std::int64_t{6}));
    q.offset = 6;
    EXPECT_EQ(run(q), std::make_pair(Ids{}, std::int64_t{6}));
    q = {};
    q.site = "XH";
    q.limit = 2;
    q.offset = 1;
    EXPECT_EQ(run(q), std::make_pair(Ids{id[1], id[2]}, std::int64_t{5}));

    q = {};
    q.limit = 0;
    expect_error([&] { customers().list(q); }, Status::invalid_argument, "limit", "between 1 and 10000");
    q.limit = 10001;
    expect_error([&] { customers().list(q); }, Status::invalid_argument, "limit", "between 1 and 10000");
    q.limit = 10000;
    EXPECT_EQ(customers().list(q).total, 6);
    q.offset = -1;
    expect_error([&] { customers().list(q); }, Status::invalid_argument, "offset", "must not be negative");
    q = {};
    q.first_contact_from = on(y, 3, 2);
    q.first_contact_to = on(y, 3, 1);
    expect_error([&] { customers().list(q); }, Status::invalid_argument, "first_contact_from", "is after");
    q = {};
    q.site = "SH";
    expect_error([&] { customers().list(q); }, Status::not_found, "site", "no site with code 'SH'");
    q = {};
    q.name_prefix = "\xFF";
    expect_error([&] { customers().list(q); }, Status::invalid_argument, "name_prefix", "not valid UTF-8");
}

// ---------------------------------------------------------------------------------------------
// Updates

TEST_F(CustomersTest, UpdateChangesOnlyTheFieldsSet) {
    NewCustomer in = make("XH", Channel::call, "张伟", "13800138000");
    in.gender = Gender::male;
    in.consultant_id = li_;
    in.note = "备注";
    in.phones = {{PhoneKind::home, "010-65521234"}};
    in.first_contact = today_ - days(30);
    const Customer before = customers().add(in);

    CustomerUpdate u;
    u.name = "张伟强";
    Customer after = customers().update(before.id, u);
    EXPECT_EQ(after.name, "张伟强");
    EXPECT_EQ(after.gender, Gender::male);
    EXPECT_EQ(after.mobile, "13800138000");
    EXPECT_EQ(after.phones, before.phones);
    EXPECT_EQ(after.consultant_id, li_);
    EXPECT_EQ(after.note, "备注");
    EXPECT_EQ(after.first_contact, before.first_contact);
    EXPECT_EQ(after.archive_no, before.archive_no);
    EXPECT_EQ(after.channel, Channel::call);
    EXPECT_EQ(after.filed_at, before.filed_at);

    u = {};
    u.gender = Gender::female;
    u.tier = Tier::vip;
    u.note = "";
    u.first_contact = today_ - days(40);
    after = customers().update(before.id, u);
    EXPECT_EQ(after.gender, Gender::female);
    EXPECT_EQ(after.tier, Tier::vip);
    EXPECT_EQ(after.note, "");
    EXPECT_EQ(after.first_contact, today_ - days(40));
    EXPECT_EQ(after.name, "张伟强");
    EXPECT_EQ(customers().get(before.id).tier, Tier::vip);
}

TEST_F(CustomersTest, UpdatePhones) {
    NewCustomer in = make("XH", Channel::call, "张伟", "13800138000");
    in.phones = {{PhoneKind::home, "010-65521234"}, {PhoneKind::office, "021-68888888"}};
    const Customer a = customers().add(in);

    // The other phones are replaced as a whole.
    CustomerUpdate u;
    u.phones = std::vector<Phone>{{PhoneKind::other, "0755-8888 1234"}};
    Customer c = customers().update(a.id, u);
    EXPECT_EQ(c.phones, (std::vector<Phone>{{PhoneKind::other, "075588881234"}}));
    EXPECT_EQ(c.mobile, "13800138000");
    EXPECT_FALSE(customers().by_phone("010-65521234", "XH").has_value());
    EXPECT_EQ(customers().by_phone("0755-88881234", "XH").value_or(Customer{}).id, a.id);
    // The freed phone can be filed for somebody else.
    NewCustomer other = make("XH", Channel::call, "邻居");
    other.phones = {{PhoneKind::home, "010-65521234"}};
    const Customer n = customers().add(other);

    // The mobile in another form is still the customer's own: no conflict.
    u = {};
    u.mobile = "+86 138 0013 8000";
    EXPECT_EQ(customers().update(a.id, u).mobile, "13800138000");
    // A new mobile.
    u.mobile = "139-0013-9000";
    c = customers().update(a.id, u);
    EXPECT_EQ(c.mobile, "13900139000");
    EXPECT_EQ(c.phones.size(), 1u);
    EXPECT_FALSE(customers().by_phone("13800138000", "XH").has_value());
    EXPECT_EQ(customers().by_phone("13900139000", "XH").value_or(Customer{}).id, a.id);
    // Cleared.
    u.mobile = "";
    c = customers().update(a.id, u);
    EXPECT_EQ(c.mobile, "");
    EXPECT_FALSE(customers().by_phone("13900139000", "XH").has_value());
    EXPECT_EQ(raw().count("customer_phones", "customer_id = " + std::to_string(a.id)), 1);
    u.phones = std::vector<Phone>{};
    c = customers().update(a.id, u);
    EXPECT_TRUE(c.phones.empty());
    EXPECT_EQ(raw().count("customer_phones", "customer_id = " + std::to_string(a.id)), 0);

    // Another customer's phone is a conflict naming them; nothing changes.
    u = {};
    u.phones = std::vector<Phone>{{PhoneKind::home, "010 6552 1234"}};
    auto e = expect_rejected([&] { customers().update(a.id, u); }, Status::conflict, "phones[0]", "邻居");
    if (e) {
        EXPECT_EQ(e->record_id(), n.id);
    }
    u = {};
    u.mobile = "1380013800";
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "mobile", "has 10 digits");
    u.mobile = "010-12345678";
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "mobile", "is a landline");
    u = {};
    u.mobile = "13700137000";
    u.phones = std::vector<Phone>{{PhoneKind::home, "137 0013 7000"}};
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "phones[0]", "listed twice");
}

TEST_F(CustomersTest, UpdateConsultant) {
    NewCustomer in = make("XH", Channel::call, "张伟");
    in.consultant_id = li_;
    const Customer a = customers().add(in);

    CustomerUpdate u;
    u.consultant_id = std::optional<std::int64_t>(wang_);
    EXPECT_EQ(customers().update(a.id, u).consultant_id, wang_);
    u.consultant_id.emplace(std::nullopt);   // unassign
    EXPECT_FALSE(customers().update(a.id, u).consultant_id.has_value());
    EXPECT_FALSE(customers().get(a.id).consultant_id.has_value());
    u.consultant_id = std::optional<std::int64_t>(li_);
    customers().update(a.id, u);

    u.consultant_id = std::optional<std::int64_t>(zhao_);
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "consultant_id",
                    "works at another site");
    u.consultant_id = std::optional<std::int64_t>(chen_);
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_state, "consultant_id", "no longer active");
    u.consultant_id = std::optional<std::int64_t>(4242);
    expect_rejected([&] { customers().update(a.id, u); }, Status::not_found, "consultant_id", "no consultant with id 4242");
    EXPECT_EQ(customers().get(a.id).consultant_id, li_);
}

TEST_F(CustomersTest, UpdateRejectsBadInput) {
    const Customer a = add("XH", Channel::call, "张伟");
    CustomerUpdate u;
    u.name = " ";
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "name", "required");
    u.name = std::string(51, 'x');
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "name", "the limit is 50");
    u = {};
    u.note = "\x1b";
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "note", "control character");
    u = {};
    u.name = "王芳";
    expect_rejected([&] { customers().update(a.id + 100, u); }, Status::not_found, "id", "no customer with id");
    customers().remove(a.id);
    expect_rejected([&] { customers().update(a.id, u); }, Status::not_found, "id", "no customer with id");
}

// ---------------------------------------------------------------------------------------------
// Visits

TEST_F(CustomersTest, Visits) {
    NewCustomer in = make("XH", Channel::call, "张伟");
    in.consultant_id = li_;
    in.first_contact = today_ - days(20);
    const Customer a = customers().add(in);
    EXPECT_EQ(a.stage, Stage::prospect);

    NewVisit v;
    v.date = today_ - days(5);
    v.note = "看了样板间";
    const Visit first = customers().record_visit(a.id, v);
    EXPECT_GT(first.id, 0);
    EXPECT_EQ(first.customer_id, a.id);
    EXPECT_EQ(first.date, today_ - days(5));
    EXPECT_EQ(first.consultant_id, li_);   // the customer's consultant by default
    EXPECT_EQ(first.note, "看了样板间");
    EXPECT_EQ(customers().get(a.id).stage, Stage::visitor);

    v = {};
    v.date = today_ - days(10);
    v.consultant_id = wang_;
    customers().record_visit(a.id, v);
    const Visit today_visit = customers().record_visit(a.id);
    EXPECT_EQ(today_visit.date, today_);

    const auto visits = customers().visits(a.id);
    ASSERT_EQ(visits.size(), 3u);
    EXPECT_EQ(visits[0].date, today_ - days(10));   // ordered by date
    EXPECT_EQ(visits[0].consultant_id, wang_);
    EXPECT_EQ(visits[1].date, today_ - days(5));
    EXPECT_EQ(visits[2].date, today_);

    v = {};
    v.consultant_id = zhao_;
    expect_rejected([&] { customers().record_visit(a.id, v); }, Status::invalid_argument, "consultant_id",
                    "works at another site");
    v.consultant_id = chen_;
    expect_rejected([&] { customers().record_visit(a.id, v); }, Status::invalid_state, "consultant_id", "no longer active");
    v = {};
    v.note = "\x01";
    expect_rejected([&] { customers().record_visit(a.id, v); }, Status::invalid_argument, "note", "control character");
    expect_rejected([&] { customers().record_visit(9999); }, Status::not_found, "customer_id", "no customer with id 9999");
    expect_error([&] { customers().visits(9999); }, Status::not_found, "customer_id", "no customer");
}

// ---------------------------------------------------------------------------------------------
// Deals and the closed-deal archive

TEST_F(CustomersTest, DealsMakeOwnersAndCancellingUndoesIt) {
    NewCustomer in = make("XH", Channel::visit, "张伟", "13800138000");
    in.consultant_id = li_;
    in.first_contact = today_ - days(30);
    const Customer a = customers().add(in);
    EXPECT_EQ(a.stage, Stage::visitor);

    const Deal d = customers().record_deal(a.id, deal(" 3-1-1201 ", today_ - days(2)));
    EXPECT_GT(d.id, 0);
    EXPECT_EQ(d.customer_id, a.id);
    EXPECT_EQ(d.site, "XH");
    EXPECT_EQ(d.unit, "3-1-1201");
    EXPECT_EQ(d.layout, "3室2厅2卫");
    EXPECT_DOUBLE_EQ(d.area, 128.5);
    EXPECT_DOUBLE_EQ(d.price, 3280000);
    EXPECT_EQ(d.date, today_ - days(2));
    EXPECT_EQ(d.bought_for, "自住");
    EXPECT_EQ(d.consultant_id, li_);
    EXPECT_FALSE(d.cancelled);
    EXPECT_EQ(customers().get(a.id).stage, Stage::owner);
    EXPECT_EQ(customers().get_deal(d.id).unit, "3-1-1201");

    // The unit is sold: a second deal on it is a conflict naming the first.
    const Customer b = add("XH", Channel::call, "王芳");
    auto e = expect_rejected([&] { customers().record_deal(b.id, deal("3-1-1201")); }, Status::conflict, "unit",
                             "3-1-1201 is already sold to 张伟 (" + a.archive_no);
    if (e) {
        EXPECT_EQ(e->record_id(), d.id);
    }
    EXPECT_EQ(customers().get(b.id).stage, Stage::prospect);
    // The same unit number at another site is another flat.
    const Customer c = add("BJ", Channel::call, "赵四");
    EXPECT_NO_THROW(customers().record_deal(c.id, deal("3-1-1201")));

    // A second deal for the same owner; cancelling one leaves an owner.
    const Deal d2 = customers().record_deal(a.id, deal("3-1-1202"));
    Deal x = customers().cancel_deal(d2.id, "换房");
    EXPECT_TRUE(x.cancelled);
    EXPECT_EQ(x.cancel_reason, "换房");
    EXPECT_EQ(customers().get(a.id).stage, Stage::owner);
    // Cancelling the last closed deal: back to visitor (there are visits).
    x = customers().cancel_deal(d.id, "退房");
    EXPECT_TRUE(x.cancelled);
    EXPECT_EQ(customers().get(a.id).stage, Stage::visitor);
    // A prospect whose deal is cancelled is a prospect again.
    const Deal bd = customers().record_deal(b.id, deal("3-1-1201"));   // the unit is free again
    EXPECT_EQ(customers().get(b.id).stage, Stage::owner);
    customers().cancel_deal(bd.id, "贷款未批");
    EXPECT_EQ(customers().get(b.id).stage, Stage::prospect);

    // Cancelled deals stay on file.
    const auto all = customers().deals(a.id);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, d.id);   // by date
    EXPECT_TRUE(all[0].cancelled);
    EXPECT_TRUE(all[1].cancelled);

    expect_rejected([&] { customers().cancel_deal(d.id, "again"); }, Status::invalid_state, "deal_id", "already cancelled");
    expect_rejected([&] { customers().cancel_deal(d.id + 100, "x"); }, Status::not_found, "deal_id", "no deal with id");
    expect_rejected([&] { customers().cancel_deal(bd.id, " "); }, Status::invalid_argument, "reason", "required");
    expect_error([&] { customers().get_deal(9999); }, Status::not_found, "deal_id", "no deal with id 9999");
}

TEST_F(CustomersTest, DealInputChecks) {
    const Customer a = add("XH", Channel::call, "张伟");
    NewDeal d = deal("");
    expect_rejected([&] { customers().record_deal(a.id, d); }, Status::invalid_argument, "unit", "required");
    for (double area : {0.0, -1.0, std::nan(""), std::numeric_limits<double>::infinity(), 1e6}) {
        d = deal("1-1-101");
        d.area = area;
        expect_rejected([&] { customers().record_deal(a.id, d); }, Status::invalid_argument, "area", "");
    }
    for (double price : {0.0, -5.0, std::nan(""), 1e13}) {
        d = deal("1-1-101");
        d.price = price;
        expect_rejected([&] { customers().record_deal(a.id, d); }, Status::invalid_argument, "price", "");
    }
    d = deal("1-1-101");
    d.consultant_id = zhao_;
    expect_rejected([&] { customers().record_deal(a.id, d); }, Status::invalid_argument, "consultant_id",
                    "works at another site");
    d.consultant_id = chen_;
    expect_rejected([&] { customers().record_deal(a.id, d); }, Status::invalid_state, "consultant_id", "no longer active");
    expect_rejected([&] { customers().record_deal(9999, deal("1-1-101")); }, Status::not_found, "customer_id",
                    "no customer with id 9999");
    EXPECT_EQ(customers().get(a.id).stage, Stage::prospect);
}

TEST_F(CustomersTest, ClosedDealArchive) {
    const auto on = [&](int back) { return today_ - days(back); };
    std::vector<Customer> c;
    for (int i = 0; i < 5; ++i) {
        NewCustomer in = make(i == 4 ? "BJ" : "XH", Channel::visit, "业主" + std::to_string(i));
        in.first_contact = on(100);
        in.consultant_id = i == 4 ? zhao_ : (i % 2 ? wang_ : li_);
        c.push_back(customers().add(in));
    }
    const Deal d0 = customers().record_deal(c[0].id, deal("A-101", on(50)));
    const Deal d1 = customers().record_deal(c[1].id, deal("A-102", on(40)));
    const Deal d2 = customers().record_deal(c[2].id, deal("A-103", on(40)));
    const Deal d3 = customers().record_deal(c[3].id, deal("A-104", on(10)));
    const Deal d4 = customers().record_deal(c[4].id, deal("B-101", on(20)));
    customers().cancel_deal(d3.id, "退房");

    const auto run = [&](const DealQuery& q) {
        const Page<ClosedDeal> page = customers().closed_deals(q);
        std::vector<std::int64_t> ids;
        for (const auto& item : page.items) {
            ids.push_back(item.deal.id);
            EXPECT_EQ(item.customer.id, item.deal.customer_id);
            EXPECT_EQ(item.customer.site, item.deal.site);
        }
        return std::make_pair(ids, page.total);
    };
    using Ids = std::vector<std::int64_t>;
    DealQuery q;
    // Newest first; same day: the later deal first. Cancelled deals are left out.
    EXPECT_EQ(run(q), std::make_pair(Ids{d4.id, d2.id, d1.id, d0.id}, std::int64_t{4}));
    q.include_cancelled = true;
    EXPECT_EQ(run(q), std::make_pair(Ids{d3.id, d4.id, d2.id, d1.id, d0.id}, std::int64_t{5}));
    q = {};
    q.site = "XH";
    EXPECT_EQ(run(q), std::make_pair(Ids{d2.id, d1.id, d0.id}, std::int64_t{3}));
    q.consultant_id = li_;
    EXPECT_EQ(run(q), std::make_pair(Ids{d2.id, d0.id}, std::int64_t{2}));
    q = {};
    q.from = on(40);
    q.to = on(20);
    EXPECT_EQ(run(q), std::make_pair(Ids{d4.id, d2.id, d1.id}, std::int64_t{3}));
    q = {};
    q.limit = 2;
    q.offset = 1;
    EXPECT_EQ(run(q), std::make_pair(Ids{d2.id, d1.id}, std::int64_t{4}));
    q.offset = 3;
    EXPECT_EQ(run(q), std::make_pair(Ids{d0.id}, std::int64_t{4}));

    const Page<ClosedDeal> page = customers().closed_deals(DealQuery{});
    EXPECT_EQ(page.items[0].customer.name, "业主4");
    EXPECT_EQ(page.items[0].customer.stage, Stage::owner);
    EXPECT_EQ(page.items[0].deal.unit, "B-101");

    q = {};
    q.from = on(1);
    q.to = on(2);
    expect_error([&] { customers().closed_deals(q); }, Status::invalid_argument, "from", "is after to");
    q = {};
    q.limit = 0;
    expect_error([&] { customers().closed_deals(q); }, Status::invalid_argument, "limit", "between 1 and");
    q = {};
    q.site = "SH";
    expect_error([&] { customers().closed_deals(q); }, Status::not_found, "site", "no site with code 'SH'");
}

// ---------------------------------------------------------------------------------------------
// Removal

TEST_F(CustomersTest, Remove) {
    NewCustomer in = make("XH", Channel::visit, "张伟", "13800138000");
    in.phones = {{PhoneKind::home, "010-65521234"}};
    in.note = "私人备注";
    in.consultant_id = li_;
    const Customer a = customers().add(in);
    const Deal d = customers().record_deal(a.id, deal("1-1-101"));

    // An owner with a closed deal cannot be removed.
    auto e = expect_rejected([&] { customers().remove(a.id); }, Status::invalid_state, "id", "is an owner");
    if (e) {
        EXPECT_EQ(e->record_id(), a.id);
    }
    customers().cancel_deal(d.id, "退房");
    customers().remove(a.id);

    expect_error([&] { customers().get(a.id); }, Status::not_found, "id", "no customer with id");
    EXPECT_FALSE(customers().find(a.id).has_value());
    EXPECT_FALSE(customers().by_phone("13800138000", "XH").has_value());
    EXPECT_FALSE(customers().by_phone("13800138000").has_value());
    EXPECT_FALSE(customers().by_phone("010-65521234", "XH").has_value());
    EXPECT_TRUE(customers().find_by_phone("13800138000").empty());
    EXPECT_FALSE(customers().by_archive_no(a.archive_no).has_value());
    EXPECT_TRUE(customers().find_by_name("张").empty());
    EXPECT_EQ(customers().list(CustomerQuery{}).total, 0);
    expect_error([&] { customers().visits(a.id); }, Status::not_found, "customer_id", "no customer");
    expect_rejected([&] { customers().remove(a.id); }, Status::not_found, "id", "no customer with id");

    // Personal data and phones are gone; the number stays taken.
    auto db = raw();
    EXPECT_EQ(db.count("customers", "id = " + std::to_string(a.id) + " AND name = '' AND mobile = '' AND note = '' "
                                     "AND consultant_id IS NULL AND deleted_at IS NOT NULL AND archive_no = '" +
                                     a.archive_no + "'"),
              1);
    EXPECT_EQ(db.count("customer_phones"), 0);
    EXPECT_EQ(db.count("visits"), 0);
    EXPECT_EQ(db.count("deals"), 0);

    // The phone can be filed again; the new customer gets a new number.
    const Customer b = add("XH", Channel::visit, "张伟", "+86 138 0013 8000");
    EXPECT_NE(b.archive_no, a.archive_no);
    EXPECT_EQ(seq_of(b.archive_no), 2);
    EXPECT_EQ(customers().by_phone("13800138000").value_or(Customer{}).id, b.id);
    EXPECT_EQ(archive_.info().customers, 1);
}

// ---------------------------------------------------------------------------------------------
// Reassignment

TEST_F(CustomersTest, Reassign) {
    std::vector<std::int64_t> of_li;
    for (int i = 0; i < 3; ++i) {
        NewCustomer in = make("XH", Channel::call, "客户" + std::to_string(i));
        in.consultant_id = li_;
        of_li.push_back(customers().add(in).id);
    }
    NewCustomer in = make("XH", Channel::call, "王的客户");
    in.consultant_id = wang_;
    const std::int64_t of_wang = customers().add(in).id;
    customers().remove(of_li[2]);

    EXPECT_EQ(customers().reassign(li_, wang_), 2);
    EXPECT_EQ(customers().get(of_li[0]).consultant_id, wang_);
    EXPECT_EQ(customers().get(of_li[1]).consultant_id, wang_);
    EXPECT_EQ(customers().get(of_wang).consultant_id, wang_);
    EXPECT_EQ(customers().reassign(li_, wang_), 0);

    expect_rejected([&] { customers().reassign(wang_, zhao_); }, Status::invalid_argument, "to_consultant",
                    "works at another site");
    expect_rejected([&] { customers().reassign(wang_, chen_); }, Status::invalid_state, "to_consultant", "no longer active");
    expect_rejected([&] { customers().reassign(wang_, 9999); }, Status::not_found, "to_consultant", "no consultant");
    expect_rejected([&] { customers().reassign(9999, wang_); }, Status::not_found, "from_consultant", "no consultant");
    // A consultant who left hands over their customers (that is what reassign is for).
    ConsultantUpdate off;
    off.active = false;
    archive_.consultants().update(wang_, off);
    EXPECT_EQ(customers().reassign(wang_, li_), 3);
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
