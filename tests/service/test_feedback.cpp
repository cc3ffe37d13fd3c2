// Complaints, suggestions and praise (MISSION §2 tactic 5): keys, consultants' roles and
// managers, intake from anyone (never refused), the lifecycle and every forbidden transition,
// assignment, links, notes, history, deadlines in working days (across the 2025 National Day holiday,
// estimated in an unpublished year, per site), the overdue and escalation lists, categories and
// settings, the visit briefing. Bad input is refused with nothing written.
#include "snowball/briefing.hpp"
#include "snowball/care.hpp"
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"

#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using snowball::testing::ServiceOfficeTest;
using snowball::testing::expect_error;

Date d(const char* iso) { return parse_date(iso); }

constexpr TicketStatus all_statuses[] = {TicketStatus::received, TicketStatus::acknowledged, TicketStatus::in_progress,
                                         TicketStatus::resolved, TicketStatus::closed};

// Two sites: XH with a manager (经理 周敏), consultants 王芳 (reports to 周敏) and 赵强 (no manager), and
// BJ with 李强. Customers at XH: 张伟 (王芳's), 陈静 (赵强's), 刘洋 (nobody's); at BJ: 孙丽 (李强's).
class FeedbackTest : public ServiceOfficeTest {
protected:
    void SetUp() override {
        ServiceOfficeTest::SetUp();
        zhang_ = customer("XH", "张伟", "13800138000", wang_);
        chen_ = customer("XH", "陈静", "13900139000", zhao_);
        liu_ = customer("XH", "刘洋", "13700137000", std::nullopt);
        sun_ = customer("BJ", "孙丽", "13600136000", li_);
    }

    std::int64_t customer(const char* site, const char* name, const char* mobile, std::optional<std::int64_t> consultant) {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.mobile = mobile;
        c.consultant_id = consultant;
        c.first_contact = d("2025-01-10");
        c.filed_on = d("2025-01-10");
        return archive_.customers().add(c).id;
    }

    NewTicket complaint(std::optional<std::int64_t> customer, Severity severity = Severity::normal,
                        const char* received = "2025-09-30") {
        NewTicket t;
        t.channel = FeedbackChannel::phone;
        t.kind = FeedbackKind::complaint;
        t.category = "property_quality";
        t.severity = severity;
        t.text = "卫生间渗水，楼下邻居投诉";
        t.customer_id = customer;
        t.received_on = d(received);
        return t;
    }

    Ticket open(const NewTicket& t) { return archive_.feedback().open(t); }
    Feedback& feedback() { return archive_.feedback(); }

    // Walks a ticket to `status` along the lifecycle, each step on `on` (default today).
    Ticket walk(std::int64_t id, TicketStatus status, std::optional<Date> on = std::nullopt) {
        Ticket t = feedback().get(id);
        while (t.status != status && t.status != TicketStatus::closed)
            t = feedback().transition(id, static_cast<TicketStatus>(static_cast<int>(t.status) + 1), wang_, "", on);
        return t;
    }

    std::int64_t zhang_ = 0, chen_ = 0, liu_ = 0, sun_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Keys and rules (pure)

TEST(FeedbackKeys, RoundTripAndChineseTerms) {
    for (auto v : {FeedbackChannel::phone, FeedbackChannel::letter, FeedbackChannel::face_to_face, FeedbackChannel::online})
        EXPECT_EQ(v, parse_feedback_channel(to_string(v)));
    for (auto v : {FeedbackKind::complaint, FeedbackKind::suggestion, FeedbackKind::praise}) EXPECT_EQ(v, parse_feedback_kind(to_string(v)));
    for (auto v : {Severity::low, Severity::normal, Severity::high, Severity::urgent}) EXPECT_EQ(v, parse_severity(to_string(v)));
    for (auto v : all_statuses) EXPECT_EQ(v, parse_ticket_status(to_string(v)));
    EXPECT_STREQ("face_to_face", to_string(FeedbackChannel::face_to_face));
    EXPECT_STREQ("in_progress", to_string(TicketStatus::in_progress));
    EXPECT_EQ(FeedbackChannel::letter, parse_feedback_channel("书面"));
    EXPECT_EQ(FeedbackChannel::face_to_face, parse_feedback_channel("当面"));
    EXPECT_EQ(FeedbackKind::praise, parse_feedback_kind("表扬"));
    EXPECT_EQ(Severity::urgent, parse_severity(" URGENT "));
    EXPECT_EQ(TicketStatus::acknowledged, parse_ticket_status("已受理"));
    expect_error([] { parse_feedback_channel("fax"); }, Status::invalid_argument, "channel", "phone, letter, face_to_face, online");
    expect_error([] { parse_feedback_kind("rant", "kind"); }, Status::invalid_argument, "kind", "complaint, suggestion, praise");
    expect_error([] { parse_severity("critical"); }, Status::invalid_argument, "severity", "low, normal, high, urgent");
    expect_error([] { parse_ticket_status("done"); }, Status::invalid_argument, "status", "received, acknowledged");
}

TEST(FeedbackRules, OnlyTheLifecycleStepsAndReopeningAreAllowed) {
    using S = TicketStatus;
    const std::set<std::pair<S, S>> allowed{{S::received, S::acknowledged}, {S::acknowledged, S::in_progress},
                                            {S::in_progress, S::resolved},  {S::resolved, S::closed},
                                            {S::resolved, S::in_progress},  {S::closed, S::in_progress}};
    for (S from : all_statuses)
        for (S to : all_statuses)
            EXPECT_EQ(allowed.count({from, to}) == 1, transition_allowed(from, to)) << to_string(from) << " → " << to_string(to);
    EXPECT_TRUE(is_open(S::received));
    EXPECT_TRUE(is_open(S::in_progress));
    EXPECT_FALSE(is_open(S::resolved));
    EXPECT_FALSE(is_open(S::closed));
}

TEST(FeedbackRules, DefaultDeadlinesGrowWithSeverityDownwards) {
    EXPECT_EQ(1, default_deadline(Severity::urgent).acknowledge_days);
    EXPECT_EQ(3, default_deadline(Severity::urgent).resolve_days);
    EXPECT_EQ(5, default_deadline(Severity::high).resolve_days);
    EXPECT_EQ(2, default_deadline(Severity::normal).acknowledge_days);
    EXPECT_EQ(10, default_deadline(Severity::normal).resolve_days);
    EXPECT_EQ(15, default_deadline(Severity::low).resolve_days);
    ASSERT_EQ(6u, default_categories().size());
    EXPECT_EQ("property_quality", default_categories()[0].key);
    EXPECT_EQ("property_management", default_categories()[4].key);
}

TEST(FeedbackRules, DueDatesAcrossTheNationalDayHoliday2025) {
    // Oct 1-8 are off, Saturday Oct 11 is a make-up working day.
    const calendar::WorkCalendar c;
    const DueDates high = due_dates(c, d("2025-09-30"), {1, 5});
    EXPECT_EQ("2025-10-09", to_iso(high.acknowledge));
    EXPECT_EQ("2025-10-14", to_iso(high.resolve));   // 9, 10, 11 (Sat), 13, 14
    EXPECT_FALSE(high.acknowledge_estimated);
    EXPECT_FALSE(high.resolve_estimated);
    const DueDates same_day = due_dates(c, d("2025-10-03"), {0, 3});
    EXPECT_EQ("2025-10-03", to_iso(same_day.acknowledge));
    EXPECT_EQ("2025-10-11", to_iso(same_day.resolve));
}

// ---------------------------------------------------------------------------------------------
// Consultants: roles and managers

TEST_F(FeedbackTest, ConsultantsHaveARoleAndAManager) {
    const Consultant m = archive_.consultants().get(manager_);
    EXPECT_EQ(ConsultantRole::manager, m.role);
    EXPECT_FALSE(m.manager_id);
    const Consultant w = archive_.consultants().get(wang_);
    EXPECT_EQ(ConsultantRole::consultant, w.role);
    EXPECT_EQ(manager_, w.manager_id);
    EXPECT_EQ(ConsultantRole::manager, parse_consultant_role("案场经理"));
    expect_error([] { parse_consultant_role("boss"); }, Status::invalid_argument, "role", "consultant, manager");

    ConsultantUpdate u;
    u.manager_id = std::optional<std::int64_t>(manager_);
    EXPECT_EQ(manager_, archive_.consultants().update(zhao_, u).manager_id);
    u.manager_id = std::optional<std::int64_t>();
    EXPECT_FALSE(archive_.consultants().update(zhao_, u).manager_id);
}

TEST_F(FeedbackTest, AManagerMustBeAnActiveManagerOfTheSameSiteAndNoCycle) {
    const std::string before = dump();
    expect_error([&] { archive_.consultants().add({"XH", "新人", "", ConsultantRole::consultant, zhao_}); },
                 Status::invalid_argument, "manager_id", "is not a manager");
    expect_error([&] { archive_.consultants().add({"BJ", "新人", "", ConsultantRole::consultant, manager_}); },
                 Status::invalid_argument, "manager_id", "works at site XH, not BJ");
    expect_error([&] { archive_.consultants().add({"XH", "新人", "", ConsultantRole::consultant, 999}); },
                 Status::not_found, "manager_id");
    ConsultantUpdate self;
    self.manager_id = std::optional<std::int64_t>(manager_);
    expect_error([&] { archive_.consultants().update(manager_, self); }, Status::invalid_argument, "manager_id", "own manager");
    EXPECT_EQ(before, dump());

    // Two managers cannot manage each other.
    const std::int64_t regional = archive_.consultants().add({"XH", "区域经理", "", ConsultantRole::manager}).id;
    ConsultantUpdate up;
    up.manager_id = std::optional<std::int64_t>(regional);
    archive_.consultants().update(manager_, up);
    ConsultantUpdate loop;
    loop.manager_id = std::optional<std::int64_t>(manager_);
    expect_error([&] { archive_.consultants().update(regional, loop); }, Status::invalid_argument, "manager_id", "cycle");

    // A manager who manages someone stays a manager; one who left takes no new reports.
    ConsultantUpdate demote;
    demote.role = ConsultantRole::consultant;
    expect_error([&] { archive_.consultants().update(manager_, demote); }, Status::invalid_state, "role", "manages 1");
    ConsultantUpdate left;
    left.active = false;
    archive_.consultants().update(regional, left);
    expect_error([&] { archive_.consultants().add({"XH", "新人", "", ConsultantRole::consultant, regional}); },
                 Status::invalid_argument, "manager_id", "has left");
}

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
