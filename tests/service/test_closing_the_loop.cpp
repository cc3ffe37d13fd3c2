// Closing the loop between surveys and complaints: a low score opens a ticket for the consultant's
// manager, and resolving a complaint schedules the follow-up survey.
#include "surveys_fixture.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// Closing the loop

TEST_F(SurveyTest, ALowScoreOpensATicketForTheConsultantsManager) {
    const Survey s = create();
    // 王芳's customer rates the service 2: a complaint for 周敏, her manager.
    Response r = surveys().respond(answer(s.id, zhang_, {{"quality", std::int64_t{4}}, {"service", std::int64_t{2}},
                                                         {"comment", std::string("销售承诺未兑现")}},
                                          SurveyChannel::letter));
    ASSERT_TRUE(r.opened_ticket_id);
    const Ticket t = archive_.feedback().get(*r.opened_ticket_id);
    EXPECT_EQ(FeedbackKind::complaint, t.kind);
    EXPECT_EQ(FeedbackChannel::letter, t.channel);
    EXPECT_EQ("service", t.category);   // the topic of the lowest answer
    EXPECT_EQ(Severity::normal, t.severity);
    EXPECT_EQ(zhang_, t.customer_id);
    EXPECT_EQ(manager_, t.assignee_id);
    EXPECT_EQ(r.id, t.response_id);
    EXPECT_NE(std::string::npos, t.text.find("问题 service 2/5")) << t.text;
    EXPECT_NE(std::string::npos, t.text.find("销售承诺未兑现")) << t.text;
    EXPECT_EQ(std::string::npos, t.text.find("问题 quality")) << t.text;
    // 赵强 has no manager: the site's manager takes it; a "property" topic is a property-quality complaint.
    r = surveys().respond(answer(s.id, chen_, {{"quality", std::int64_t{1}}}));
    EXPECT_EQ(manager_, archive_.feedback().get(*r.opened_ticket_id).assignee_id);
    EXPECT_EQ("property_quality", archive_.feedback().get(*r.opened_ticket_id).category);
    // A detractor (0-6 by default) too; BJ has no manager: the consultant keeps it.
    r = surveys().respond(answer(s.id, sun_, {{"recommend", std::int64_t{6}}}));
    ASSERT_TRUE(r.opened_ticket_id);
    EXPECT_EQ(li_, archive_.feedback().get(*r.opened_ticket_id).assignee_id);
    // Good scores open nothing; the thresholds are per site.
    EXPECT_FALSE(surveys().respond(answer(s.id, zhang_, {{"quality", std::int64_t{3}}, {"recommend", std::int64_t{7}}})).opened_ticket_id);
    FeedbackSettingsUpdate u;
    u.low_rating5 = std::optional<int>(3);
    u.low_nps = std::optional<int>();
    u.low_score_severity = Severity::high;
    archive_.feedback().update_settings("XH", u);
    r = surveys().respond(answer(s.id, zhang_, {{"quality", std::int64_t{3}}, {"recommend", std::int64_t{0}}}));
    ASSERT_TRUE(r.opened_ticket_id);
    EXPECT_EQ(Severity::high, archive_.feedback().get(*r.opened_ticket_id).severity);
    EXPECT_FALSE(surveys().respond(answer(s.id, zhang_, {{"recommend", std::int64_t{0}}})).opened_ticket_id);
    EXPECT_EQ("received", archive_.feedback().history(*r.opened_ticket_id).front().action);
}

TEST_F(SurveyTest, ResolvingAComplaintSchedulesTheFollowUpSurvey) {
    low_scores_off();
    const Survey s = create();
    FeedbackSettingsUpdate u;
    u.follow_up_survey_id = std::optional<std::int64_t>(s.id);
    u.follow_up_after_days = 3;
    u.follow_up_channel = SurveyChannel::phone;
    EXPECT_EQ(s.id, archive_.feedback().update_settings("XH", u).follow_up_survey_id);

    NewTicket t;
    t.channel = FeedbackChannel::face_to_face;
    t.kind = FeedbackKind::complaint;
    t.category = "delivery";
    t.text = "交付延期";
    t.customer_id = zhang_;
    t.received_on = d("2025-09-25");
    const Ticket ticket = archive_.feedback().open(t);
    for (TicketStatus next : {TicketStatus::acknowledged, TicketStatus::in_progress})
        archive_.feedback().transition(ticket.id, next, wang_, "", d("2025-09-26"));
    const Ticket resolved = archive_.feedback().transition(ticket.id, TicketStatus::resolved, wang_, "已补偿", d("2025-09-30"));
    ASSERT_TRUE(resolved.follow_up_campaign_id);
    const Campaign c = surveys().campaign(*resolved.follow_up_campaign_id);
    EXPECT_EQ(s.id, c.survey_id);
    EXPECT_EQ(AudienceKind::ticket, c.audience.kind);
    EXPECT_EQ(ticket.id, c.audience.ticket_id);
    EXPECT_EQ(std::vector<std::int64_t>{zhang_}, c.invited);
    EXPECT_EQ(SurveyChannel::phone, c.channel);
    EXPECT_EQ("2025-10-11", to_iso(c.send_on));   // 3 working days after Sep 30, across National Day
    EXPECT_EQ(wang_, c.created_by);
    // The follow-up response is the ticket's.
    NewResponse follow = answer(s.id, zhang_, {{"service", std::int64_t{5}}}, std::nullopt);
    follow.campaign_id = c.id;
    follow.ticket_id = ticket.id;
    EXPECT_EQ(ticket.id, surveys().respond(follow).ticket_id);
    // Reopened and resolved again: no second survey.
    archive_.feedback().transition(ticket.id, TicketStatus::in_progress, wang_);
    EXPECT_EQ(c.id, archive_.feedback().transition(ticket.id, TicketStatus::resolved, wang_).follow_up_campaign_id);
    EXPECT_EQ(1u, surveys().campaigns(s.id).size());
    // A suggestion, or a caller not on file, is not surveyed.
    t.kind = FeedbackKind::suggestion;
    const Ticket idea = archive_.feedback().open(t);
    for (TicketStatus next : {TicketStatus::acknowledged, TicketStatus::in_progress, TicketStatus::resolved})
        archive_.feedback().transition(idea.id, next, wang_);
    EXPECT_FALSE(archive_.feedback().get(idea.id).follow_up_campaign_id);
    t.kind = FeedbackKind::complaint;
    t.customer_id.reset();
    t.site = "XH";
    const Ticket anonymous = archive_.feedback().open(t);
    for (TicketStatus next : {TicketStatus::acknowledged, TicketStatus::in_progress, TicketStatus::resolved})
        archive_.feedback().transition(anonymous.id, next, wang_);
    EXPECT_FALSE(archive_.feedback().get(anonymous.id).follow_up_campaign_id);
    // A retired survey: the complaint is resolved all the same, without a survey.
    SurveyUpdate off;
    off.active = false;
    surveys().update(s.id, off);
    t.customer_id = chen_;
    const Ticket later = archive_.feedback().open(t);
    for (TicketStatus next : {TicketStatus::acknowledged, TicketStatus::in_progress, TicketStatus::resolved})
        archive_.feedback().transition(later.id, next, zhao_);
    EXPECT_EQ(TicketStatus::resolved, archive_.feedback().get(later.id).status);
    EXPECT_FALSE(archive_.feedback().get(later.id).follow_up_campaign_id);
    // A site's follow-up survey must be group-wide or its own.
    const Survey bj = create("BJ");
    FeedbackSettingsUpdate wrong;
    wrong.follow_up_survey_id = std::optional<std::int64_t>(bj.id);
    expect_error([&] { archive_.feedback().update_settings("XH", wrong); }, Status::invalid_argument, "follow_up_survey_id", "another site");
}

} // namespace
