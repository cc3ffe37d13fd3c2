// Taking in feedback from anyone (never refused): a known customer, an unknown caller, a phone on
// file at two sites, a single site, bad intake refused with nothing written, a site's own categories.
#include "complaints_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// Intake

TEST_F(FeedbackTest, AComplaintOfAKnownCustomer) {
    const Ticket t = open(complaint(zhang_, Severity::high));
    EXPECT_GT(t.id, 0);
    EXPECT_EQ(32u, t.uid.size());
    EXPECT_EQ("XH-F2025-00001", t.number);
    EXPECT_EQ("XH", t.site);
    EXPECT_EQ(FeedbackChannel::phone, t.channel);
    EXPECT_EQ(FeedbackKind::complaint, t.kind);
    EXPECT_EQ("property_quality", t.category);
    EXPECT_EQ(Severity::high, t.severity);
    EXPECT_EQ(TicketStatus::received, t.status);
    EXPECT_EQ(zhang_, t.customer_id);
    EXPECT_EQ("张伟", t.name);
    EXPECT_EQ(wang_, t.assignee_id);   // the customer's consultant
    EXPECT_EQ("2025-09-30", to_iso(t.received_on));
    EXPECT_EQ("2025-10-09", to_iso(t.due.acknowledge));
    EXPECT_EQ("2025-10-14", to_iso(t.due.resolve));
    EXPECT_FALSE(t.due.acknowledge_estimated);
    // Numbers count per site and year.
    EXPECT_EQ("XH-F2025-00002", open(complaint(chen_)).number);
    EXPECT_EQ("XH-F2024-00001", open(complaint(chen_, Severity::low, "2024-12-31")).number);
    EXPECT_EQ("BJ-F2025-00001", open(complaint(sun_)).number);
    EXPECT_EQ(t.id, feedback().by_number(" xh-f2025-00001 ")->id);
    EXPECT_EQ(t.id, feedback().by_number("ｘｈ－ｆ２０２５－００００１")->id);
    EXPECT_FALSE(feedback().by_number("XH-F2025-09999"));

    const auto history = feedback().history(t.id);
    ASSERT_EQ(2u, history.size());
    EXPECT_EQ("received", history[0].action);
    EXPECT_EQ(TicketStatus::received, history[0].to);
    EXPECT_EQ(zhang_, history[0].customer_id);
    EXPECT_EQ("assigned", history[1].action);
    EXPECT_EQ(wang_, history[1].assignee_id);
}

TEST_F(FeedbackTest, AnUnknownCallerIsNeverRefused) {
    // A phone on file at the site links the ticket to its customer.
    NewTicket by_phone = complaint(std::nullopt);
    by_phone.phone = "+86 139-0013-9000";
    const Ticket linked = open(by_phone);
    EXPECT_EQ(chen_, linked.customer_id);
    EXPECT_EQ("13900139000", linked.phone);
    EXPECT_EQ("XH", linked.site);
    EXPECT_EQ(zhao_, linked.assignee_id);

    // An unknown phone and a name: kept as given, no customer; with two sites, taken at group level.
    NewTicket stranger = complaint(std::nullopt);
    stranger.phone = "021 6543 2100";
    stranger.name = "路人甲";
    stranger.kind = FeedbackKind::suggestion;
    stranger.category = "service";
    const Ticket s = open(stranger);
    EXPECT_FALSE(s.customer_id);
    EXPECT_EQ("02165432100", s.phone);
    EXPECT_EQ("路人甲", s.name);
    EXPECT_EQ("", s.site);
    EXPECT_EQ("F2025-00001", s.number);
    EXPECT_FALSE(s.assignee_id);
    EXPECT_EQ("2025-10-10", to_iso(s.due.acknowledge));   // the default normal deadline, 2 working days

    // An anonymous letter.
    NewTicket anonymous = complaint(std::nullopt);
    anonymous.channel = FeedbackChannel::letter;
    const Ticket a = open(anonymous);
    EXPECT_EQ("", a.name);
    EXPECT_EQ("", a.phone);
    EXPECT_EQ("F2025-00002", a.number);

    // Named site: the phone is looked up there only.
    NewTicket at_bj = complaint(std::nullopt);
    at_bj.phone = "13900139000";
    at_bj.site = "BJ";
    const Ticket b = open(at_bj);
    EXPECT_FALSE(b.customer_id);
    EXPECT_EQ("BJ", b.site);
}

TEST_F(FeedbackTest, APhoneOnFileAtTwoSitesLinksNobodyWithoutASite) {
    NewCustomer twin;
    twin.site = "BJ";
    twin.channel = Channel::visit;
    twin.name = "张伟";
    twin.mobile = "13800138000";
    archive_.customers().add(twin);
    NewTicket t = complaint(std::nullopt);
    t.phone = "13800138000";
    EXPECT_FALSE(open(t).customer_id);
    t.site = "XH";
    EXPECT_EQ(zhang_, open(t).customer_id);
}

TEST_F(FeedbackTest, WithOneSiteEveryTicketBelongsToIt) {
    snowball::testing::TempDir dir;
    Archive one = Archive::open(dir.file("one.db"));
    one.sites().add({"HZ", "杭州售楼处", ""});
    NewTicket t = complaint(std::nullopt);
    t.name = "匿名来电";
    EXPECT_EQ("HZ", one.feedback().open(t).site);
    EXPECT_EQ("HZ-F2025-00001", one.feedback().get(1).number);
}

TEST_F(FeedbackTest, BadIntakeIsRefusedAndNothingIsWritten) {
    const std::string before = dump();
    NewTicket t = complaint(zhang_);
    t.text = "  ";
    expect_error([&] { open(t); }, Status::invalid_argument, "text", "required");
    t = complaint(zhang_);
    t.category = "noise";
    expect_error([&] { open(t); }, Status::invalid_argument, "category", "property_quality, service, contract, delivery, property_management, other");
    t = complaint(std::nullopt);
    t.phone = "12";
    expect_error([&] { open(t); }, Status::invalid_argument, "phone");
    t = complaint(zhang_);
    t.received_on = today_in_china() + boost::gregorian::days(1);
    expect_error([&] { open(t); }, Status::invalid_argument, "received_on", "future");
    t = complaint(999);
    expect_error([&] { open(t); }, Status::not_found, "customer_id");
    t = complaint(zhang_);
    t.site = "BJ";
    expect_error([&] { open(t); }, Status::invalid_argument, "customer_id", "filed at site XH, not BJ");
    t = complaint(zhang_);
    t.site = "NOPE";
    expect_error([&] { open(t); }, Status::not_found, "site");
    t = complaint(zhang_);
    t.assignee_id = li_;
    expect_error([&] { open(t); }, Status::invalid_argument, "assignee_id", "works at site BJ, not XH");
    t = complaint(zhang_);
    t.received_by = 777;
    expect_error([&] { open(t); }, Status::not_found, "received_by");
    t = complaint(zhang_);
    t.text = std::string(4001, 'x');
    expect_error([&] { open(t); }, Status::invalid_argument, "text");
    EXPECT_EQ(before, dump());
}

TEST_F(FeedbackTest, ASiteExtendsItsCategories) {
    const auto list = feedback().add_category("XH", {"parking", "车位", false});
    ASSERT_EQ(7u, list.size());
    EXPECT_EQ("parking", list.back().key);
    EXPECT_FALSE(list.back().builtin);
    EXPECT_TRUE(list.front().builtin);
    NewTicket t = complaint(zhang_);
    t.category = "Parking";
    EXPECT_EQ("parking", open(t).category);
    // Not at BJ, not at group level.
    t.customer_id = sun_;
    expect_error([&] { open(t); }, Status::invalid_argument, "category", "'Parking' is not one of");
    EXPECT_EQ(6u, feedback().categories().size());
    EXPECT_EQ(6u, feedback().categories("BJ").size());
    const std::string before = dump();
    expect_error([&] { feedback().add_category("XH", {"parking", "停车", false}); }, Status::conflict, "key", "parking");
    expect_error([&] { feedback().add_category("XH", {"service", "服务", false}); }, Status::conflict, "key");
    expect_error([&] { feedback().add_category("XH", {"Bad Key", "x", false}); }, Status::invalid_argument, "key");
    expect_error([&] { feedback().add_category("XH", {"ok", "", false}); }, Status::invalid_argument, "label");
    expect_error([&] { feedback().add_category("ZZ", {"ok", "x", false}); }, Status::not_found, "site");
    EXPECT_EQ(before, dump());
}

} // namespace
