// Survey campaigns: to their audiences, bad ones refused with nothing written, one response per
// customer per campaign unless allowed, and a campaign keeps its version after the survey changes.
#include "surveys_fixture.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// Campaigns

TEST_F(SurveyTest, CampaignsToTheirAudiences) {
    low_scores_off();
    const Survey s = create();
    NewCampaign owners;
    owners.survey_id = s.id;
    owners.channel = SurveyChannel::letter;
    owners.audience.kind = AudienceKind::site_owners;
    owners.audience.site = "XH";
    owners.name = "2025 年度业主满意度";
    owners.send_on = d("2025-03-01");
    owners.by = manager_;
    const Campaign c = surveys().create_campaign(owners);
    EXPECT_EQ((std::vector<std::int64_t>{zhang_, chen_}), c.invited);   // owners only: not the prospect 刘洋
    EXPECT_EQ("XH", c.site);
    EXPECT_EQ(1, c.version);
    EXPECT_EQ(SurveyChannel::letter, c.channel);
    EXPECT_EQ("2025-03-01", to_iso(c.send_on));
    EXPECT_EQ(0, c.responded);
    EXPECT_EQ(manager_, c.created_by);

    NewCampaign mine = owners;
    mine.channel = SurveyChannel::phone;
    mine.audience = {};
    mine.audience.kind = AudienceKind::consultant_customers;
    mine.audience.consultant_id = wang_;
    EXPECT_EQ((std::vector<std::int64_t>{zhang_, liu_}), surveys().create_campaign(mine).invited);

    NewCampaign list = owners;
    list.channel = SurveyChannel::online;
    list.audience = {};
    list.audience.kind = AudienceKind::customers;
    list.audience.customer_ids = {sun_, zhang_, sun_};
    const Campaign l = surveys().create_campaign(list);
    EXPECT_EQ((std::vector<std::int64_t>{zhang_, sun_}), l.invited);
    EXPECT_EQ("", l.site);   // two sites

    // The customer of a ticket, once it is resolved.
    NewTicket t;
    t.channel = FeedbackChannel::phone;
    t.kind = FeedbackKind::complaint;
    t.category = "service";
    t.text = "顾问态度差";
    t.customer_id = chen_;
    const Ticket ticket = archive_.feedback().open(t);
    NewCampaign follow = owners;
    follow.channel = SurveyChannel::phone;
    follow.audience = {};
    follow.audience.kind = AudienceKind::ticket;
    follow.audience.ticket_id = ticket.id;
    const std::string before = dump();
    expect_error([&] { surveys().create_campaign(follow); }, Status::invalid_state, "audience.ticket_id", "is received");
    EXPECT_EQ(before, dump());
    for (TicketStatus next : {TicketStatus::acknowledged, TicketStatus::in_progress, TicketStatus::resolved})
        archive_.feedback().transition(ticket.id, next, zhao_);
    const Campaign f = surveys().create_campaign(follow);
    EXPECT_EQ(std::vector<std::int64_t>{chen_}, f.invited);
    EXPECT_EQ(ticket.id, f.audience.ticket_id);
    EXPECT_EQ(4u, surveys().campaigns(s.id).size());
    EXPECT_EQ(c.id, surveys().campaigns(s.id).front().id);
}

TEST_F(SurveyTest, BadCampaignsAreRefusedAndNothingIsWritten) {
    const Survey s = create();
    const Survey xh = create("XH");
    const std::string before = dump();
    NewCampaign c;
    c.survey_id = s.id;
    c.audience.kind = AudienceKind::site_owners;
    expect_error([&] { surveys().create_campaign(c); }, Status::invalid_argument, "audience.site", "required");
    c.audience.site = "ZZ";
    expect_error([&] { surveys().create_campaign(c); }, Status::not_found, "audience.site");
    c.audience = {};
    c.audience.kind = AudienceKind::consultant_customers;
    expect_error([&] { surveys().create_campaign(c); }, Status::invalid_argument, "audience.consultant_id", "required");
    c.audience.consultant_id = manager_;   // nobody's consultant
    expect_error([&] { surveys().create_campaign(c); }, Status::invalid_argument, "audience", "no customer to invite");
    c.audience = {};
    c.audience.kind = AudienceKind::customers;
    c.audience.customer_ids = {zhang_, 999};
    expect_error([&] { surveys().create_campaign(c); }, Status::not_found, "audience.customer_ids[1]");
    c.audience.customer_ids = {};
    expect_error([&] { surveys().create_campaign(c); }, Status::invalid_argument, "audience", "no customer");
    c.audience.kind = AudienceKind::ticket;
    expect_error([&] { surveys().create_campaign(c); }, Status::invalid_argument, "audience.ticket_id", "required");
    c.audience.ticket_id = 5;
    expect_error([&] { surveys().create_campaign(c); }, Status::not_found, "audience.ticket_id");
    // A site's survey goes to its own customers.
    c = {};
    c.survey_id = xh.id;
    c.audience.kind = AudienceKind::site_owners;
    c.audience.site = "BJ";
    expect_error([&] { surveys().create_campaign(c); }, Status::invalid_argument, "audience", "for site XH");
    c.survey_id = 404;
    expect_error([&] { surveys().create_campaign(c); }, Status::not_found, "survey_id");
    EXPECT_EQ(before, dump());
}

TEST_F(SurveyTest, OneResponsePerCustomerPerCampaignUnlessAllowed) {
    low_scores_off();
    const Survey s = create();
    NewCampaign c;
    c.survey_id = s.id;
    c.channel = SurveyChannel::phone;
    c.audience.kind = AudienceKind::site_owners;
    c.audience.site = "XH";
    const Campaign once = surveys().create_campaign(c);
    NewResponse r = answer(s.id, zhang_, {{"quality", std::int64_t{5}}}, std::nullopt);
    r.campaign_id = once.id;
    const Response first = surveys().respond(r);
    EXPECT_EQ(SurveyChannel::phone, first.channel);   // the campaign's
    EXPECT_EQ(once.id, first.campaign_id);
    const Survey other = create();
    const std::string before = dump();
    const auto e = expect_error([&] { surveys().respond(r); }, Status::conflict, "campaign_id", "already responded");
    if (e) {
        EXPECT_EQ(first.id, e->record_id());
    }
    // Only the invited respond to a campaign; a campaign belongs to its survey.
    NewResponse stranger = answer(s.id, liu_, {{"quality", std::int64_t{5}}}, std::nullopt);
    stranger.campaign_id = once.id;
    expect_error([&] { surveys().respond(stranger); }, Status::invalid_argument, "customer_id", "was not invited");
    NewResponse wrong = answer(other.id, zhang_, {{"quality", std::int64_t{5}}}, std::nullopt);
    wrong.campaign_id = once.id;
    expect_error([&] { surveys().respond(wrong); }, Status::invalid_argument, "campaign_id", "sends survey");
    wrong.campaign_id = 31337;
    expect_error([&] { surveys().respond(wrong); }, Status::not_found, "campaign_id");
    EXPECT_EQ(before, dump());
    EXPECT_EQ(1, surveys().campaign(once.id).responded);

    c.allow_multiple = true;
    const Campaign many = surveys().create_campaign(c);
    r.campaign_id = many.id;
    surveys().respond(r);
    surveys().respond(r);
    EXPECT_EQ(1, surveys().campaign(many.id).responded);   // one customer, twice
    ResponseQuery q;
    q.campaign_id = many.id;
    EXPECT_EQ(2, surveys().responses(q).total);
}

TEST_F(SurveyTest, ACampaignKeepsItsVersionAfterTheSurveyChanges) {
    low_scores_off();
    const Survey s = create();
    NewCampaign c;
    c.survey_id = s.id;
    c.channel = SurveyChannel::letter;
    c.audience.kind = AudienceKind::site_owners;
    c.audience.site = "XH";
    const Campaign letters = surveys().create_campaign(c);
    // The campaign froze version 1: the edit makes version 2 although nobody answered yet.
    SurveyUpdate u;
    u.questions = std::vector<Question>{q("quality", QuestionType::rating5, "property")};
    EXPECT_EQ(2, surveys().update(s.id, u).current_version);
    NewResponse late = answer(s.id, chen_, {{"comment", std::string("信已寄回")}}, std::nullopt);
    late.campaign_id = letters.id;
    const Response r = surveys().respond(late);
    EXPECT_EQ(1, r.version);
    EXPECT_EQ(SurveyChannel::letter, r.channel);
}

} // namespace
