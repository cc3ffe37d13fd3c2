// Deadlines, settings, overdue tickets and escalation: deadlines per site, due dates estimated in an
// unpublished year, the overdue list on a day, escalations to the manager, and a customer's open
// tickets in the visit briefing.
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
// Deadlines, settings, overdue and escalation

TEST_F(FeedbackTest, DeadlinesAreConfigurablePerSite) {
    FeedbackSettingsUpdate u;
    u.deadlines[Severity::urgent] = {0, 1};
    u.escalate_after_days = 1;
    const FeedbackSettings s = feedback().update_settings("XH", u);
    EXPECT_EQ("XH", s.site);
    EXPECT_EQ(0, s.deadline(Severity::urgent).acknowledge_days);
    EXPECT_EQ(1, s.deadline(Severity::urgent).resolve_days);
    EXPECT_EQ(10, s.deadline(Severity::normal).resolve_days);   // untouched
    EXPECT_EQ(1, feedback().settings("XH").escalate_after_days);
    EXPECT_EQ(2, feedback().settings("BJ").escalate_after_days);

    const Ticket xh = open(complaint(zhang_, Severity::urgent));
    EXPECT_EQ("2025-09-30", to_iso(xh.due.acknowledge));   // the same day
    EXPECT_EQ("2025-10-09", to_iso(xh.due.resolve));
    const Ticket bj = open(complaint(sun_, Severity::urgent));
    EXPECT_EQ("2025-10-09", to_iso(bj.due.acknowledge));
    EXPECT_EQ("2025-10-11", to_iso(bj.due.resolve));

    const std::string before = dump();
    FeedbackSettingsUpdate bad;
    bad.deadlines[Severity::high] = {5, 3};
    expect_error([&] { feedback().update_settings("XH", bad); }, Status::invalid_argument, "deadlines.high.resolve_days", "5..250");
    bad = {};
    bad.deadlines[Severity::low] = {61, 100};
    expect_error([&] { feedback().update_settings("XH", bad); }, Status::invalid_argument, "deadlines.low.acknowledge_days");
    bad = {};
    bad.escalate_after_days = 0;
    expect_error([&] { feedback().update_settings("XH", bad); }, Status::invalid_argument, "escalate_after_days");
    bad = {};
    bad.low_rating5 = std::optional<int>(5);
    expect_error([&] { feedback().update_settings("XH", bad); }, Status::invalid_argument, "low_rating5");
    bad = {};
    bad.low_nps = std::optional<int>(10);
    expect_error([&] { feedback().update_settings("XH", bad); }, Status::invalid_argument, "low_nps");
    bad = {};
    bad.follow_up_survey_id = std::optional<std::int64_t>(77);
    expect_error([&] { feedback().update_settings("XH", bad); }, Status::not_found, "follow_up_survey_id");
    expect_error([&] { feedback().update_settings("QQ", {}); }, Status::not_found, "site");
    EXPECT_EQ(before, dump());
}

TEST_F(FeedbackTest, DueDatesInAnUnpublishedYearAreEstimatedUntilTheArchiveLearnsTheYear) {
    FeedbackSettingsUpdate u;
    u.deadlines[Severity::low] = {3, 250};
    feedback().update_settings("XH", u);
    // 250 working days after 2026-11-20 fall in late 2027, whose arrangement is not compiled in.
    const Ticket t = open(complaint(zhang_, Severity::low, "2026-11-20"));
    EXPECT_FALSE(t.due.acknowledge_estimated);
    EXPECT_TRUE(t.due.resolve_estimated);
    EXPECT_EQ(2027, t.due.resolve.year());
    // Once the archive has the 2027 arrangement, new deadlines count it.
    archive_.calendar().load_holidays("2027-01-01 off 元旦\n2027-10-01 off 国庆节\n2027-10-04 off 国庆节\n");
    const Ticket later = open(complaint(zhang_, Severity::low, "2026-11-20"));
    EXPECT_FALSE(later.due.resolve_estimated);
    EXPECT_GT(later.due.resolve, t.due.resolve);   // three more days off
}

TEST_F(FeedbackTest, TheOverdueListOnADay) {
    const Ticket high = open(complaint(zhang_, Severity::high));                   // ack 10-09, resolve 10-14
    const Ticket normal = open(complaint(chen_, Severity::normal));                // ack 10-10, resolve 10-21
    const Ticket low = open(complaint(sun_, Severity::low));                       // ack 10-11, resolve 10-28 (BJ)
    const Ticket done = open(complaint(liu_, Severity::high));
    walk(done.id, TicketStatus::resolved);

    const auto ids = [&](const char* on, std::string site = {}, std::optional<std::int64_t> assignee = std::nullopt) {
        OverdueQuery q;
        q.on = d(on);
        q.site = site;
        q.assignee_id = assignee;
        std::vector<std::int64_t> out;
        for (const Ticket& t : feedback().overdue(q)) out.push_back(t.id);
        return out;
    };
    EXPECT_EQ(std::vector<std::int64_t>{}, ids("2025-10-09"));   // due on the day: not yet late
    EXPECT_EQ(std::vector<std::int64_t>{high.id}, ids("2025-10-10"));
    EXPECT_EQ((std::vector<std::int64_t>{high.id, normal.id}), ids("2025-10-11"));
    EXPECT_EQ((std::vector<std::int64_t>{high.id, normal.id, low.id}), ids("2025-10-13"));
    EXPECT_EQ((std::vector<std::int64_t>{high.id, normal.id}), ids("2025-10-13", "XH"));
    EXPECT_EQ(std::vector<std::int64_t>{normal.id}, ids("2025-10-13", "", zhao_));

    // Acknowledged in time: late only once the resolve deadline passes.
    feedback().transition(normal.id, TicketStatus::acknowledged, zhao_, "", d("2025-10-10"));
    EXPECT_EQ((std::vector<std::int64_t>{high.id, low.id}), ids("2025-10-13"));
    EXPECT_EQ((std::vector<std::int64_t>{high.id, low.id, normal.id}), ids("2025-10-22"));
    feedback().transition(high.id, TicketStatus::acknowledged, wang_, "", d("2025-10-10"));
    feedback().transition(high.id, TicketStatus::in_progress, wang_, "", d("2025-10-10"));
    feedback().transition(high.id, TicketStatus::resolved, wang_, "", d("2025-10-10"));
    EXPECT_EQ((std::vector<std::int64_t>{low.id, normal.id}), ids("2025-10-22"));
}

TEST_F(FeedbackTest, EscalationsGoToTheManager) {
    const Ticket w = open(complaint(zhang_, Severity::high));   // 王芳's, who reports to 周敏; ack due 10-09
    const Ticket z = open(complaint(chen_, Severity::high));    // 赵强's, no manager: the site's manager
    const Ticket b = open(complaint(sun_, Severity::high));     // BJ has no manager
    const auto on = [&](const char* day) {
        OverdueQuery q;
        q.on = d(day);
        return feedback().escalations(q);
    };
    EXPECT_TRUE(on("2025-10-10").empty());   // 1 working day late; the default is 2
    const auto e = on("2025-10-11");         // Saturday Oct 11 is a working day
    ASSERT_EQ(3u, e.size());
    EXPECT_EQ(w.id, e[0].ticket.id);
    EXPECT_EQ("acknowledge", e[0].deadline);
    EXPECT_EQ("2025-10-09", to_iso(e[0].due));
    EXPECT_EQ(2, e[0].working_days_overdue);
    EXPECT_EQ(manager_, e[0].escalate_to);
    EXPECT_EQ(z.id, e[1].ticket.id);
    EXPECT_EQ(manager_, e[1].escalate_to);
    EXPECT_EQ(b.id, e[2].ticket.id);
    EXPECT_FALSE(e[2].escalate_to);
    // The manager's own ticket goes to another manager, or to nobody.
    feedback().assign(z.id, manager_, manager_);
    EXPECT_FALSE(on("2025-10-11")[1].escalate_to);
    // Acknowledged: escalated again only when the resolve deadline (10-14) is 2 working days behind.
    walk(w.id, TicketStatus::acknowledged);
    EXPECT_EQ(2u, on("2025-10-15").size());
    const auto later = on("2025-10-16");
    ASSERT_EQ(3u, later.size());
    EXPECT_EQ("resolve", later[2].deadline);
    EXPECT_EQ(w.id, later[2].ticket.id);
}

TEST_F(FeedbackTest, ACustomersOpenTicketsAreInTheVisitBriefing) {
    const Ticket open1 = open(complaint(zhang_));
    NewTicket s = complaint(zhang_, Severity::low, "2025-10-08");
    s.kind = FeedbackKind::suggestion;
    const Ticket open2 = open(s);
    const Ticket done = open(complaint(zhang_, Severity::low, "2025-09-01"));
    walk(done.id, TicketStatus::resolved);
    const Briefing b = archive_.briefings().for_customer(zhang_);
    ASSERT_EQ(2u, b.open_tickets.size());
    EXPECT_EQ(open2.id, b.open_tickets[0].id);   // newest first
    EXPECT_EQ(open1.id, b.open_tickets[1].id);
    EXPECT_EQ(2u, feedback().open_tickets(zhang_).size());
    EXPECT_TRUE(archive_.briefings().for_customer(chen_).open_tickets.empty());
    EXPECT_EQ(2u, archive_.briefings().by_phone("13800138000", "XH")->open_tickets.size());
    expect_error([&] { feedback().open_tickets(4242); }, Status::not_found, "customer_id");
}

} // namespace
