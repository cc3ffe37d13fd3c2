// Finding customers: one customer per phone and site (a conflict names the customer on file), by
// phone, by archive number, by name prefix, and the list with its filters and paging.
#include "customers_fixture.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

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

} // namespace
