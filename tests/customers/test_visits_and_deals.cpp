// Visits, deals (owners, cancelling, input checks) and the closed-deal archive.
#include "customers_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

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

TEST_F(CustomersTest, RecentVisitsAndWhoIsOnFile) {
    NewCustomer in = make("XH", Channel::call, "张伟");
    in.first_contact = today_ - days(30);
    const Customer a = customers().add(in);
    const Customer b = customers().add(make("XH", Channel::call, "李娜"));
    EXPECT_TRUE(customers().on_file(a.id));
    EXPECT_FALSE(customers().on_file(9999));
    const Page<Visit> none = customers().recent_visits(a.id);
    EXPECT_TRUE(none.items.empty());
    EXPECT_EQ(0, none.total);
    for (int ago : {20, 3, 12, 7}) {
        NewVisit v;
        v.date = today_ - days(ago);
        customers().record_visit(a.id, v);
    }
    const Page<Visit> latest = customers().recent_visits(a.id);   // three by default, newest first
    ASSERT_EQ(3u, latest.items.size());
    EXPECT_EQ(4, latest.total);
    EXPECT_EQ(today_ - days(3), latest.items[0].date);
    EXPECT_EQ(today_ - days(7), latest.items[1].date);
    EXPECT_EQ(today_ - days(12), latest.items[2].date);
    EXPECT_EQ(1u, customers().recent_visits(a.id, 1).items.size());
    EXPECT_EQ(4u, customers().recent_visits(a.id, 100).items.size());
    for (int limit : {0, 101})
        expect_rejected([&] { customers().recent_visits(a.id, limit); }, Status::invalid_argument, "limit");
    expect_error([&] { customers().recent_visits(9999); }, Status::not_found, "customer_id", "no customer with id 9999");
    expect_error([&] { customers().deals(9999); }, Status::not_found, "customer_id", "no customer with id 9999");
    // A removed customer is on file no more.
    customers().remove(b.id);
    EXPECT_FALSE(customers().on_file(b.id));
    expect_error([&] { customers().recent_visits(b.id); }, Status::not_found, "customer_id");
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

} // namespace
