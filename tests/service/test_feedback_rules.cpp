// Complaints, suggestions and praise (MISSION §2 tactic 5): their keys and Chinese terms, the
// lifecycle's allowed steps, deadlines in working days (across the 2025 National Day holiday), and
// consultants' roles and managers.
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

TEST(FeedbackRules, TicketNumbersAreReadAsPeopleTypeThem) {
    EXPECT_EQ("XH-F2025-00001", normalize_ticket_number("XH-F2025-00001"));
    EXPECT_EQ("XH-F2025-00001", normalize_ticket_number(" xh-f2025-00001\t"));
    EXPECT_EQ("XH-F2025-00001", normalize_ticket_number("ｘｈ－Ｆ２０２５－００００１"));
    EXPECT_EQ("F2025-00012", normalize_ticket_number("f2025-00012"));
    EXPECT_EQ("", normalize_ticket_number("　"));   // an ideographic space only
}

TEST(SurveyRules, AResponseRateIsAShareOfTheInvited) {
    EXPECT_FALSE(response_rate(0, 0));
    EXPECT_DOUBLE_EQ(0.0, *response_rate(0, 4));
    EXPECT_DOUBLE_EQ(0.75, *response_rate(3, 4));
    EXPECT_DOUBLE_EQ(1.0, *response_rate(4, 4));
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

} // namespace
