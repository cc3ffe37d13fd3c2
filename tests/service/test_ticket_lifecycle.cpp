// A ticket's lifecycle: the whole of it in the history, every forbidden transition, reopening, who
// and when, assignment, notes and links, a group-level ticket's site, and the list.
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
// The lifecycle

TEST_F(FeedbackTest, TheWholeLifecycleIsInTheHistory) {
    const Ticket t = open(complaint(zhang_));
    Ticket x = feedback().transition(t.id, TicketStatus::acknowledged, wang_, "已致电业主", d("2025-10-09"));
    EXPECT_EQ(TicketStatus::acknowledged, x.status);
    EXPECT_EQ("2025-10-09", to_iso(*x.acknowledged_on));
    x = feedback().transition(t.id, TicketStatus::in_progress, wang_, "工程部上门", d("2025-10-10"));
    x = feedback().add_note(t.id, "防水层需重做", manager_);
    x = feedback().transition(t.id, TicketStatus::resolved, manager_, "已重做防水并闭水试验", d("2025-10-15"));
    EXPECT_EQ(TicketStatus::resolved, x.status);
    EXPECT_EQ("2025-10-15", to_iso(*x.resolved_on));
    EXPECT_EQ("已重做防水并闭水试验", x.resolution);
    x = feedback().transition(t.id, TicketStatus::closed, manager_, "", d("2025-10-16"));
    EXPECT_EQ(TicketStatus::closed, x.status);
    EXPECT_EQ("2025-10-16", to_iso(*x.closed_on));

    const auto h = feedback().history(t.id);
    std::vector<std::string> actions;
    for (const auto& e : h) actions.push_back(e.action);
    EXPECT_EQ((std::vector<std::string>{"received", "assigned", "acknowledged", "in_progress", "note", "resolved", "closed"}), actions);
    EXPECT_EQ(TicketStatus::received, h[2].from);
    EXPECT_EQ(TicketStatus::acknowledged, h[2].to);
    EXPECT_EQ(wang_, h[2].by);
    EXPECT_EQ("已致电业主", h[2].note);
    EXPECT_EQ("2025-10-09", to_iso(h[2].on));
    EXPECT_EQ(20u, h[2].at.size());   // 2026-11-27T08:30:00Z
    EXPECT_EQ(manager_, h[4].by);
    EXPECT_EQ("防水层需重做", h[4].note);
    EXPECT_FALSE(h[4].to);
    EXPECT_EQ(manager_, h[6].by);
}

TEST_F(FeedbackTest, EveryForbiddenTransitionIsInvalidStateNamingBothStatuses) {
    for (TicketStatus from : all_statuses) {
        const Ticket t = open(complaint(zhang_));
        walk(t.id, from);
        ASSERT_EQ(from, feedback().get(t.id).status);
        for (TicketStatus to : all_statuses) {
            if (transition_allowed(from, to)) continue;
            SCOPED_TRACE(std::string(to_string(from)) + " → " + to_string(to));
            const std::string before = dump();
            const auto e = expect_error([&] { feedback().transition(t.id, to, wang_); }, Status::invalid_state, "status",
                                        std::string("from ") + to_string(from) + " to " + to_string(to));
            if (e) {
                EXPECT_EQ(t.id, e->record_id());
            }
            EXPECT_EQ(before, dump());
        }
    }
}

TEST_F(FeedbackTest, ReopeningStartsTheResolveDeadlineAgain) {
    const Ticket t = open(complaint(zhang_, Severity::high));
    walk(t.id, TicketStatus::resolved, d("2025-10-15"));
    Ticket r = feedback().transition(t.id, TicketStatus::in_progress, wang_, "业主反映仍渗水", d("2025-10-20"));
    EXPECT_EQ(TicketStatus::in_progress, r.status);
    EXPECT_EQ(1, r.reopened);
    EXPECT_FALSE(r.resolved_on);
    EXPECT_EQ("", r.resolution);
    EXPECT_EQ("2025-10-27", to_iso(r.due.resolve));   // 5 working days after Monday Oct 20
    EXPECT_EQ("2025-10-09", to_iso(r.due.acknowledge));
    walk(t.id, TicketStatus::closed, d("2025-10-20"));
    r = feedback().transition(t.id, TicketStatus::in_progress, wang_, "", d("2025-10-21"));
    EXPECT_EQ(2, r.reopened);
    EXPECT_FALSE(r.closed_on);
    EXPECT_EQ("reopened", feedback().history(t.id).back().action);
    EXPECT_EQ(TicketStatus::closed, feedback().history(t.id).back().from);
}

TEST_F(FeedbackTest, TransitionsNameWhoAndAPlausibleDay) {
    const Ticket t = open(complaint(zhang_));
    const std::string before = dump();
    expect_error([&] { feedback().transition(t.id, TicketStatus::acknowledged, 0); }, Status::invalid_argument, "by", "required");
    expect_error([&] { feedback().transition(t.id, TicketStatus::acknowledged, 424242); }, Status::not_found, "by");
    expect_error([&] { feedback().transition(9999, TicketStatus::acknowledged, wang_); }, Status::not_found, "ticket_id");
    expect_error([&] { feedback().transition(t.id, TicketStatus::acknowledged, wang_, "", d("2025-09-29")); },
                 Status::invalid_argument, "on", "before the ticket's last change");
    expect_error([&] { feedback().transition(t.id, TicketStatus::acknowledged, wang_, "", today_in_china() + boost::gregorian::days(2)); },
                 Status::invalid_argument, "on", "future");
    expect_error([&] { feedback().transition(t.id, TicketStatus::acknowledged, wang_, std::string(2001, 'x')); },
                 Status::invalid_argument, "note");
    EXPECT_EQ(before, dump());
    // Without a day: today.
    EXPECT_EQ(today_in_china(), *feedback().transition(t.id, TicketStatus::acknowledged, wang_).acknowledged_on);
}

TEST_F(FeedbackTest, AssignmentNotesAndLinks) {
    const Ticket t = open(complaint(zhang_));
    Ticket a = feedback().assign(t.id, manager_, wang_, "需经理协调");
    EXPECT_EQ(manager_, a.assignee_id);
    a = feedback().assign(t.id, std::nullopt, manager_);
    EXPECT_FALSE(a.assignee_id);
    EXPECT_EQ("assigned", feedback().history(t.id).back().action);
    EXPECT_FALSE(feedback().history(t.id).back().assignee_id);

    const std::string before = dump();
    expect_error([&] { feedback().assign(t.id, li_, wang_); }, Status::invalid_argument, "assignee_id", "BJ");
    expect_error([&] { feedback().assign(t.id, 5555, wang_); }, Status::not_found, "assignee_id");
    expect_error([&] { feedback().add_note(t.id, "  ", wang_); }, Status::invalid_argument, "note", "required");
    expect_error([&] { feedback().add_note(t.id, "x", 0); }, Status::invalid_argument, "by");
    expect_error([&] { feedback().link(t.id, sun_, wang_); }, Status::invalid_argument, "customer_id", "belongs to site XH");
    expect_error([&] { feedback().link(t.id, 9999, wang_); }, Status::not_found, "customer_id");
    EXPECT_EQ(before, dump());

    walk(t.id, TicketStatus::closed);
    expect_error([&] { feedback().assign(t.id, wang_, wang_); }, Status::invalid_state, "ticket_id", "closed");
    // A note is welcome whatever the status.
    feedback().add_note(t.id, "业主致谢", wang_);
    EXPECT_EQ("note", feedback().history(t.id).back().action);
}

TEST_F(FeedbackTest, AGroupLevelTicketTakesTheSiteOfTheCustomerItIsLinkedTo) {
    NewTicket n = complaint(std::nullopt);
    n.phone = "18600000000";
    const Ticket t = open(n);
    ASSERT_EQ("", t.site);
    const Ticket l = feedback().link(t.id, chen_, manager_);
    EXPECT_EQ(chen_, l.customer_id);
    EXPECT_EQ("XH", l.site);
    EXPECT_EQ("F2025-00001", l.number);   // numbers never change
    EXPECT_EQ(zhao_, l.assignee_id);      // unassigned: the customer's consultant
    EXPECT_EQ("陈静", feedback().get(t.id).name);
    const auto h = feedback().history(t.id);
    EXPECT_EQ("linked", h[h.size() - 2].action);
    EXPECT_EQ(chen_, h[h.size() - 2].customer_id);
    EXPECT_EQ("assigned", h.back().action);
    // Linking the same customer again changes nothing.
    const std::size_t events = feedback().history(t.id).size();
    feedback().link(t.id, chen_, manager_);
    EXPECT_EQ(events, feedback().history(t.id).size());
    // The next group ticket continues the group numbering.
    EXPECT_EQ("F2025-00002", open(n).number);
}

TEST_F(FeedbackTest, ListingFiltersAndPages) {
    open(complaint(zhang_));
    NewTicket s = complaint(chen_, Severity::low, "2025-08-01");
    s.kind = FeedbackKind::suggestion;
    s.category = "service";
    open(s);
    open(complaint(sun_, Severity::urgent));
    const Ticket done = open(complaint(liu_, Severity::normal, "2025-07-01"));
    walk(done.id, TicketStatus::resolved);

    TicketQuery q;
    EXPECT_EQ(4, feedback().list(q).total);
    q.site = "XH";
    EXPECT_EQ(3, feedback().list(q).total);
    q.open_only = true;
    EXPECT_EQ(2, feedback().list(q).total);
    q = {};
    q.kind = FeedbackKind::suggestion;
    EXPECT_EQ(chen_, feedback().list(q).items.at(0).customer_id);
    q = {};
    q.status = TicketStatus::resolved;
    EXPECT_EQ(done.id, feedback().list(q).items.at(0).id);
    q = {};
    q.severity = Severity::urgent;
    EXPECT_EQ(sun_, feedback().list(q).items.at(0).customer_id);
    q = {};
    q.from = d("2025-08-01");
    q.to = d("2025-08-31");
    EXPECT_EQ(1, feedback().list(q).total);
    q = {};
    q.assignee_id = wang_;
    EXPECT_EQ(1, feedback().list(q).total);
    q = {};
    q.limit = 2;
    q.offset = 1;
    const auto page = feedback().list(q);
    EXPECT_EQ(4, page.total);
    ASSERT_EQ(2u, page.items.size());
    EXPECT_EQ(chen_, page.items[1].customer_id);   // newest first: 09-30, 09-30, 08-01, 07-01
    q = {};
    q.limit = 0;
    expect_error([&] { feedback().list(q); }, Status::invalid_argument, "limit");
}

} // namespace
