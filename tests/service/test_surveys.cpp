// Satisfaction surveys (MISSION §2 tactic 6): questionnaires and their versions, campaigns to
// an audience, responses (partial answers, links, one per customer per campaign), validation with
// nothing written, statistics checked against an independent computation in this file (and a
// hand-computed NPS interval), and closing the loop: a resolved complaint schedules a follow-up
// survey, a low score opens a ticket for the consultant's manager.
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using snowball::testing::ArchiveTest;
using snowball::testing::expect_error;

Date d(const char* iso) { return parse_date(iso); }

Question q(const char* key, QuestionType type, const char* topic, std::vector<std::string> options = {}) {
    Question x;
    x.key = key;
    x.text = std::string("问题 ") + key;
    x.type = type;
    x.topic = topic;
    for (const std::string& o : options) x.options.push_back({o, o + " 的说明"});
    return x;
}

std::vector<Question> delivery_questions() {
    return {q("quality", QuestionType::rating5, "property"),
            q("service", QuestionType::rating5, "service"),
            q("recommend", QuestionType::nps, "service"),
            q("heard", QuestionType::single, "marketing", {"ad", "friend", "web"}),
            q("liked", QuestionType::multi, "property", {"view", "layout", "school"}),
            q("comment", QuestionType::text, "general")};
}

// Sites XH (manager 周敏; 王芳 reports to 周敏; 赵强) and BJ (李强). Owners 张伟, 陈静 at XH; 刘洋 a
// prospect at XH; 孙丽 an owner at BJ.
class SurveyTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "西湖印象售楼处", ""});
        archive_.sites().add({"BJ", "北京朝阳售楼处", ""});
        manager_ = archive_.consultants().add({"XH", "周敏", "", ConsultantRole::manager}).id;
        wang_ = archive_.consultants().add({"XH", "王芳", "", ConsultantRole::consultant, manager_}).id;
        zhao_ = archive_.consultants().add({"XH", "赵强", ""}).id;
        li_ = archive_.consultants().add({"BJ", "李强", ""}).id;
        zhang_ = customer("XH", "张伟", "13800138000", wang_, "1-1-101");
        chen_ = customer("XH", "陈静", "13900139000", zhao_, "1-1-102");
        liu_ = customer("XH", "刘洋", "13700137000", wang_, nullptr);
        sun_ = customer("BJ", "孙丽", "13600136000", li_, "8-2-1501");
    }

    std::int64_t customer(const char* site, const char* name, const char* mobile, std::optional<std::int64_t> consultant,
                          const char* unit) {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::visit;
        c.name = name;
        c.mobile = mobile;
        c.consultant_id = consultant;
        c.first_contact = d("2024-03-01");
        c.filed_on = d("2024-03-01");
        const std::int64_t id = archive_.customers().add(c).id;
        if (unit) {
            NewDeal deal;
            deal.unit = unit;
            deal.area = 89;
            deal.price = 2100000;
            deal.date = d("2024-06-01");
            deals_[id] = archive_.customers().record_deal(id, deal).id;
        }
        return id;
    }

    Survey create(const char* site = "") {
        NewSurvey s;
        s.title = "交付满意度调查";
        s.questions = delivery_questions();
        s.site = site;
        return archive_.surveys().create(s);
    }

    NewResponse answer(std::int64_t survey, std::int64_t customer, std::map<std::string, AnswerValue> answers,
                       std::optional<SurveyChannel> channel = SurveyChannel::phone) {
        NewResponse r;
        r.survey_id = survey;
        r.customer_id = customer;
        r.answers = std::move(answers);
        r.channel = channel;
        return r;
    }

    void low_scores_off() {
        for (const char* site : {"XH", "BJ"}) {
            FeedbackSettingsUpdate u;
            u.low_rating5 = std::optional<int>();
            u.low_nps = std::optional<int>();
            archive_.feedback().update_settings(site, u);
        }
    }

    Surveys& surveys() { return archive_.surveys(); }

    std::int64_t manager_ = 0, wang_ = 0, zhao_ = 0, li_ = 0;
    std::int64_t zhang_ = 0, chen_ = 0, liu_ = 0, sun_ = 0;
    std::map<std::int64_t, std::int64_t> deals_;
};

// ---------------------------------------------------------------------------------------------
// NPS (pure)

TEST(NpsScore, AHandComputedInterval) {
    // 5 promoters, 3 passives, 2 detractors: NPS = 50 − 20 = 30;
    // Var = [.5·.5 + .2·.8 + 2·.5·.2] / 10 = .061, SE = 24.698 points, 1.96·SE = 48.408.
    const auto s = nps_score(5, 3, 2);
    ASSERT_TRUE(s);
    EXPECT_DOUBLE_EQ(30.0, s->nps);
    EXPECT_NEAR(24.698178, s->std_error, 1e-6);
    EXPECT_NEAR(-18.407540, s->ci_low, 1e-6);
    EXPECT_NEAR(78.407540, s->ci_high, 1e-6);
    EXPECT_EQ(10, s->answers);
    EXPECT_EQ(3, s->passives);
    // Clipped to the scale: 9 promoters and a detractor give 80 ± 37.2.
    const auto high = nps_score(9, 0, 1);
    EXPECT_NEAR(42.812298, high->ci_low, 1e-6);
    EXPECT_DOUBLE_EQ(100.0, high->ci_high);
    const auto all = nps_score(0, 0, 4);
    EXPECT_DOUBLE_EQ(-100.0, all->nps);
    EXPECT_DOUBLE_EQ(-100.0, all->ci_low);
    EXPECT_DOUBLE_EQ(-100.0, all->ci_high);
    EXPECT_FALSE(nps_score(0, 0, 0));
}

TEST(SurveyKeys, RoundTrip) {
    for (auto v : {SurveyChannel::letter, SurveyChannel::phone, SurveyChannel::online}) EXPECT_EQ(v, parse_survey_channel(to_string(v)));
    for (auto v : {QuestionType::rating5, QuestionType::nps, QuestionType::single, QuestionType::multi, QuestionType::text})
        EXPECT_EQ(v, parse_question_type(to_string(v)));
    for (auto v : {AudienceKind::site_owners, AudienceKind::consultant_customers, AudienceKind::ticket, AudienceKind::customers})
        EXPECT_EQ(v, parse_audience_kind(to_string(v)));
    EXPECT_EQ(SurveyChannel::letter, parse_survey_channel("信件"));
    expect_error([] { parse_survey_channel("face_to_face"); }, Status::invalid_argument, "channel", "letter, phone, online");
    expect_error([] { parse_question_type("stars"); }, Status::invalid_argument, "type", "rating5, nps, single, multi, text");
}

// ---------------------------------------------------------------------------------------------
// Questionnaires

TEST_F(SurveyTest, CreateAndRead) {
    const Survey s = create();
    EXPECT_GT(s.id, 0);
    EXPECT_EQ(32u, s.uid.size());
    EXPECT_EQ("", s.site);
    EXPECT_EQ(1, s.version);
    EXPECT_EQ(1, s.current_version);
    EXPECT_EQ("交付满意度调查", s.title);
    ASSERT_EQ(6u, s.questions.size());
    EXPECT_EQ("heard", s.questions[3].key);
    EXPECT_EQ(QuestionType::single, s.questions[3].type);
    EXPECT_EQ("marketing", s.questions[3].topic);
    ASSERT_EQ(3u, s.questions[3].options.size());
    EXPECT_EQ("friend", s.questions[3].options[1].key);
    EXPECT_EQ("friend 的说明", s.questions[3].options[1].label);
    EXPECT_TRUE(s.active);
    EXPECT_EQ(0, s.responses);
    const Survey xh = create("XH");
    EXPECT_EQ("XH", xh.site);
    EXPECT_EQ(2u, surveys().list("XH").size());   // its own and the group-wide one
    EXPECT_EQ(1u, surveys().list("BJ").size());
    EXPECT_EQ(2u, surveys().list().size());
    EXPECT_EQ(s.questions.size(), surveys().get(s.id).questions.size());
    // A question without a topic is "general"; an option without a label is labelled by its key.
    NewSurvey plain;
    plain.title = "简单";
    Question yes_no = q("ok", QuestionType::single, "");
    yes_no.options = {{"是", ""}, {"否", ""}};
    plain.questions = {yes_no};
    const Survey p = surveys().create(plain);
    EXPECT_EQ("general", p.questions[0].topic);
    EXPECT_EQ("是", p.questions[0].options[0].label);
}

TEST_F(SurveyTest, BadQuestionnairesAreRefusedAndNothingIsWritten) {
    const std::string before = dump();
    const auto refused = [&](std::vector<Question> questions, const std::string& field, const std::string& fragment,
                             const std::string& title = "标题", const std::string& site = "") {
        NewSurvey s;
        s.title = title;
        s.questions = std::move(questions);
        s.site = site;
        expect_error([&] { surveys().create(s); }, Status::invalid_argument, field, fragment);
    };
    refused({}, "questions", "at least one");
    refused({q("Quality", QuestionType::rating5, "x")}, "questions[0].key", "not a key");
    refused({q("a", QuestionType::rating5, "x"), q("a", QuestionType::nps, "x")}, "questions[1].key", "asked twice");
    refused({q("a", QuestionType::rating5, "x", {"a", "b"})}, "questions[0].options", "only single and multi");
    refused({q("a", QuestionType::single, "x", {"a"})}, "questions[0].options", "at least two");
    refused({q("a", QuestionType::multi, "x", {"a", "a"})}, "questions[0].options[1].key", "listed twice");
    refused({q("a", QuestionType::rating5, "Bad Topic")}, "questions[0].topic", "not a key");
    Question untitled = q("a", QuestionType::rating5, "x");
    untitled.text = " ";
    refused({untitled}, "questions[0].text", "required");
    refused({q("a", QuestionType::rating5, "x")}, "title", "required", "");
    NewSurvey s;
    s.title = "t";
    s.questions = {q("a", QuestionType::rating5, "x")};
    s.site = "ZZ";
    expect_error([&] { surveys().create(s); }, Status::not_found, "site");
    EXPECT_EQ(before, dump());
    expect_error([&] { surveys().get(99); }, Status::not_found, "survey_id");
}

TEST_F(SurveyTest, EditingASurveyWithResponsesMakesANewVersion) {
    low_scores_off();
    const Survey s = create();
    SurveyUpdate u;
    u.title = "交付满意度调查（修订）";
    const Survey same = surveys().update(s.id, u);
    EXPECT_EQ(1, same.current_version);   // nobody answered yet: changed in place
    EXPECT_EQ("交付满意度调查（修订）", same.title);

    const Response first = surveys().respond(answer(s.id, zhang_, {{"quality", std::int64_t{4}}}));
    EXPECT_EQ(1, first.version);
    std::vector<Question> v2 = delivery_questions();
    v2.erase(v2.begin() + 5);   // no comment box any more
    v2.push_back(q("parking", QuestionType::rating5, "property"));
    v2[3].options.push_back({"exhibition", "房展会"});
    SurveyUpdate edit;
    edit.questions = v2;
    const Survey next = surveys().update(s.id, edit);
    EXPECT_EQ(2, next.version);
    EXPECT_EQ(2, next.current_version);
    EXPECT_EQ("parking", next.questions.back().key);
    EXPECT_EQ(0, next.responses);
    // Version 1 is kept as it was, and its response with it.
    const Survey old = surveys().get(s.id, 1);
    EXPECT_EQ("comment", old.questions.back().key);
    EXPECT_EQ(1, old.responses);
    EXPECT_EQ(1, surveys().response(first.id).version);
    const Response second = surveys().respond(answer(s.id, chen_, {{"parking", std::int64_t{5}}}));
    EXPECT_EQ(2, second.version);
    // The retired question is not in version 2.
    expect_error([&] { surveys().respond(answer(s.id, chen_, {{"comment", std::string("好")}})); }, Status::invalid_argument,
                 "answers.comment", "version 2");
    // A key keeps its type.
    std::vector<Question> bad = v2;
    bad[0].type = QuestionType::nps;
    SurveyUpdate retype;
    retype.questions = bad;
    const std::string before = dump();
    expect_error([&] { surveys().update(s.id, retype); }, Status::invalid_argument, "questions[0].type", "keeps its type");
    expect_error([&] { surveys().get(s.id, 3); }, Status::not_found, "version");
    EXPECT_EQ(before, dump());
    // Retiring a survey: no more responses.
    SurveyUpdate off;
    off.active = false;
    EXPECT_FALSE(surveys().update(s.id, off).active);
    EXPECT_EQ(2, surveys().get(s.id).current_version);
    expect_error([&] { surveys().respond(answer(s.id, chen_, {{"quality", std::int64_t{5}}})); }, Status::invalid_state, "survey_id");
    EXPECT_TRUE(surveys().list().empty());
    EXPECT_EQ(s.id, surveys().list("", true).at(0).id);
}

// ---------------------------------------------------------------------------------------------
// Responses

TEST_F(SurveyTest, AResponseWithPartialAnswersAndLinks) {
    low_scores_off();
    const Survey s = create();
    NewTicket t;
    t.channel = FeedbackChannel::phone;
    t.kind = FeedbackKind::complaint;
    t.category = "delivery";
    t.text = "交房延期";
    t.customer_id = zhang_;
    const Ticket ticket = archive_.feedback().open(t);
    NewResponse r = answer(s.id, zhang_,
                           {{"quality", std::int64_t{4}}, {"recommend", 9.0}, {"heard", std::string(" friend ")},
                            {"liked", std::vector<std::string>{"school", "view"}}, {"comment", std::string("物业很好")},
                            {"service", std::monostate{}}},
                           SurveyChannel::letter);
    r.ticket_id = ticket.id;
    r.deal_id = deals_[zhang_];
    r.event = "2025业主答谢会";
    r.date = d("2025-05-06");
    r.by = wang_;
    const Response x = surveys().respond(r);
    EXPECT_EQ(s.id, x.survey_id);
    EXPECT_EQ(zhang_, x.customer_id);
    EXPECT_EQ("XH", x.site);
    EXPECT_EQ(wang_, x.consultant_id);
    EXPECT_EQ(SurveyChannel::letter, x.channel);
    EXPECT_EQ("2025-05-06", to_iso(x.date));
    EXPECT_FALSE(x.complete);   // "service" unanswered
    EXPECT_EQ(ticket.id, x.ticket_id);
    EXPECT_EQ(deals_[zhang_], x.deal_id);
    EXPECT_EQ("2025业主答谢会", x.event);
    EXPECT_EQ(wang_, x.recorded_by);
    EXPECT_FALSE(x.opened_ticket_id);
    ASSERT_EQ(5u, x.answers.size());   // in question order
    EXPECT_EQ("quality", x.answers[0].question);
    EXPECT_EQ(4, x.answers[0].score);
    EXPECT_EQ("recommend", x.answers[1].question);
    EXPECT_EQ(9, x.answers[1].score);
    EXPECT_EQ(std::vector<std::string>{"friend"}, x.answers[2].choices);
    EXPECT_EQ((std::vector<std::string>{"view", "school"}), x.answers[3].choices);   // the options' order
    EXPECT_EQ("物业很好", x.answers[4].text);
    // Everything answered: complete.
    EXPECT_TRUE(surveys().respond(answer(s.id, chen_, {{"quality", std::int64_t{5}}, {"service", std::int64_t{5}},
                                                      {"recommend", std::int64_t{10}}, {"heard", std::string("ad")},
                                                      {"liked", std::vector<std::string>{"layout"}}, {"comment", std::string("无")}}))
                    .complete);
    ResponseQuery rq;
    rq.customer_id = zhang_;
    EXPECT_EQ(1, surveys().responses(rq).total);
    rq = {};
    rq.survey_id = s.id;
    EXPECT_EQ(2, surveys().responses(rq).total);
}

TEST_F(SurveyTest, BadAnswersAreRefusedNamingTheQuestionAndNothingIsWritten) {
    const Survey s = create();
    const std::string before = dump();
    const auto refused = [&](std::map<std::string, AnswerValue> answers, const std::string& field, const std::string& fragment) {
        expect_error([&] { surveys().respond(answer(s.id, zhang_, answers)); }, Status::invalid_argument, field, fragment);
    };
    refused({{"quality", std::int64_t{6}}}, "answers.quality", "6 is out of range 1..5");
    refused({{"quality", std::int64_t{0}}}, "answers.quality", "out of range 1..5");
    refused({{"quality", 4.5}}, "answers.quality", "whole number 1..5");
    refused({{"quality", std::string("5")}}, "answers.quality", "whole number");
    refused({{"recommend", std::int64_t{11}}}, "answers.recommend", "11 is out of range 0..10");
    refused({{"recommend", std::int64_t{-1}}}, "answers.recommend", "0..10");
    refused({{"heard", std::string("tv")}}, "answers.heard", "'tv' is not an option (ad, friend, web)");
    refused({{"heard", std::int64_t{1}}}, "answers.heard", "one option key");
    refused({{"liked", std::vector<std::string>{"view", "pool"}}}, "answers.liked", "'pool' is not an option");
    refused({{"liked", std::vector<std::string>{"view", "view"}}}, "answers.liked", "chosen twice");
    refused({{"liked", std::string("view")}}, "answers.liked", "list of option keys");
    refused({{"comment", std::int64_t{3}}}, "answers.comment", "a text");
    refused({{"comment", std::string(2001, 'x')}}, "answers.comment", "");
    refused({{"quality", std::int64_t{5}}, {"mood", std::int64_t{5}}}, "answers.mood", "has no question 'mood'");
    refused({}, "answers", "no question is answered");
    refused({{"quality", std::monostate{}}, {"comment", std::string("  ")}}, "answers", "no question is answered");
    expect_error([&] { surveys().respond(answer(s.id, zhang_, {{"quality", std::int64_t{5}}}, std::nullopt)); },
                 Status::invalid_argument, "channel", "required");
    expect_error([&] { surveys().respond(answer(s.id, 999, {{"quality", std::int64_t{5}}})); }, Status::not_found, "customer_id");
    expect_error([&] { surveys().respond(answer(77, zhang_, {{"quality", std::int64_t{5}}})); }, Status::not_found, "survey_id");
    NewResponse r = answer(s.id, zhang_, {{"quality", std::int64_t{5}}});
    r.deal_id = deals_[sun_];
    expect_error([&] { surveys().respond(r); }, Status::invalid_argument, "deal_id", "not customer");
    r.deal_id = 4242;
    expect_error([&] { surveys().respond(r); }, Status::not_found, "deal_id");
    r.deal_id.reset();
    r.ticket_id = 4242;
    expect_error([&] { surveys().respond(r); }, Status::not_found, "ticket_id");
    r.ticket_id.reset();
    r.date = today_in_china() + boost::gregorian::days(1);
    expect_error([&] { surveys().respond(r); }, Status::invalid_argument, "date", "future");
    r.date.reset();
    r.event = std::string(101, 'e');
    expect_error([&] { surveys().respond(r); }, Status::invalid_argument, "event");
    // A site's survey takes its own customers only.
    const Survey xh = create("XH");
    const std::string with_xh = dump();
    expect_error([&] { surveys().respond(answer(xh.id, sun_, {{"quality", std::int64_t{5}}})); }, Status::invalid_argument,
                 "customer_id", "for site XH");
    EXPECT_EQ(with_xh, dump());
    // A batch is all or nothing, and says which response failed.
    const std::vector<NewResponse> batch{answer(s.id, zhang_, {{"quality", std::int64_t{5}}}),
                                         answer(s.id, chen_, {{"quality", std::int64_t{4}}}),
                                         answer(s.id, liu_, {{"quality", std::int64_t{9}}})};
    expect_error([&] { surveys().respond_many(batch); }, Status::invalid_argument, "responses[2].answers.quality", "out of range");
    EXPECT_EQ(with_xh, dump());
    EXPECT_NE(before, with_xh);
}

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

// ---------------------------------------------------------------------------------------------
// Statistics against an independent computation

struct Given {
    std::string site;
    std::int64_t consultant = 0;
    std::string date;
    std::string channel;
    std::map<std::string, AnswerValue> answers;
};

class SurveyStatsTest : public SurveyTest {
protected:
    void SetUp() override {
        SurveyTest::SetUp();
        low_scores_off();
        survey_ = create();
        std::uint64_t seed = 20251001;
        const auto next = [&](int n) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            return static_cast<int>((seed >> 33) % static_cast<std::uint64_t>(n));
        };
        const std::vector<std::pair<std::int64_t, std::int64_t>> people{{zhang_, wang_}, {chen_, zhao_}, {liu_, wang_}, {sun_, li_}};
        const char* channels[] = {"letter", "phone", "online"};
        const std::vector<std::string> options{"view", "layout", "school"};
        std::vector<NewResponse> batch;
        for (int i = 0; i < 360; ++i) {
            const auto& [customer, consultant] = people[static_cast<std::size_t>(next(4))];
            Given g;
            g.site = customer == sun_ ? "BJ" : "XH";
            g.consultant = consultant;
            char date[32];   // room for any int, so the compiler sees no truncation
            std::snprintf(date, sizeof date, "2025-%02d-%02d", 1 + next(6), 1 + next(28));
            g.date = date;
            g.channel = channels[next(3)];
            if (next(10) < 9) g.answers["quality"] = std::int64_t{1 + next(5)};
            if (next(10) < 8) g.answers["service"] = std::int64_t{1 + next(5)};
            if (next(10) < 9) g.answers["recommend"] = std::int64_t{next(11)};
            if (next(10) < 7) g.answers["heard"] = std::string(next(2) ? "ad" : next(2) ? "friend" : "web");
            if (next(10) < 6) {
                std::vector<std::string> chosen;
                for (const std::string& o : options)
                    if (next(2)) chosen.push_back(o);
                if (!chosen.empty()) g.answers["liked"] = chosen;
            }
            if (next(10) < 3) g.answers["comment"] = std::string("意见") + std::to_string(i);
            if (g.answers.empty()) g.answers["quality"] = std::int64_t{3};
            NewResponse r = answer(survey_.id, customer, g.answers, parse_survey_channel(g.channel));
            r.date = d(g.date.c_str());
            batch.push_back(r);
            given_.push_back(std::move(g));
        }
        EXPECT_EQ(360u, surveys().respond_many(batch).size());
    }

    // The expected statistics, computed here from what was given.
    struct Expected {
        std::int64_t responses = 0;
        std::map<std::string, std::int64_t> answered;
        std::map<std::string, double> sum;
        std::map<std::string, std::map<std::string, std::int64_t>> counts;
        std::int64_t rating5 = 0, satisfied = 0, promoters = 0, passives = 0, detractors = 0;
        std::map<std::string, std::int64_t> month_responses, month_rating5, month_satisfied, month_promoters, month_nps;
        std::map<std::string, std::int64_t> by_channel;
    };

    Expected expected(const std::string& site, std::int64_t consultant, const std::string& topic, const std::string& from,
                      const std::string& to) {
        const std::map<std::string, std::string> topics{{"quality", "property"}, {"service", "service"}, {"recommend", "service"},
                                                        {"heard", "marketing"}, {"liked", "property"}, {"comment", "general"}};
        Expected e;
        for (const Given& g : given_) {
            if (!site.empty() && g.site != site) continue;
            if (consultant && g.consultant != consultant) continue;
            if ((!from.empty() && g.date < from) || (!to.empty() && g.date > to)) continue;
            bool any = false;
            const std::string month = g.date.substr(0, 7);
            for (const auto& [key, value] : g.answers) {
                if (!topic.empty() && topics.at(key) != topic) continue;
                any = true;
                ++e.answered[key];
                if (const auto* score = std::get_if<std::int64_t>(&value)) {
                    e.sum[key] += static_cast<double>(*score);
                    ++e.counts[key][std::to_string(*score)];
                    if (key == "recommend") {
                        ++e.month_nps[month];
                        if (*score >= 9) ++e.promoters, ++e.month_promoters[month];
                        else if (*score >= 7) ++e.passives;
                        else ++e.detractors, --e.month_promoters[month];
                    } else {
                        ++e.rating5;
                        ++e.month_rating5[month];
                        if (*score >= 4) ++e.satisfied, ++e.month_satisfied[month];
                    }
                } else if (const auto* s = std::get_if<std::string>(&value)) {
                    if (key == "heard") ++e.counts[key][*s];
                } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
                    for (const std::string& o : *list) ++e.counts[key][o];
                }
            }
            if (any) {
                ++e.responses;
                ++e.month_responses[month];
                ++e.by_channel[g.channel];
            }
        }
        return e;
    }

    void check(const StatsQuery& query, const std::string& site, std::int64_t consultant, const std::string& topic,
               const std::string& from, const std::string& to) {
        const Expected e = expected(site, consultant, topic, from, to);
        const SurveyStats s = surveys().stats(survey_.id, query);
        ASSERT_GT(e.responses, 10) << "a scope too small to mean anything";
        EXPECT_EQ(e.responses, s.responses);
        for (const QuestionStats& q : s.questions) {
            SCOPED_TRACE(q.key);
            EXPECT_EQ(e.answered.count(q.key) ? e.answered.at(q.key) : 0, q.answered);
            if (q.type == QuestionType::rating5 || q.type == QuestionType::nps) {
                ASSERT_TRUE(q.mean);
                EXPECT_NEAR(e.sum.at(q.key) / static_cast<double>(e.answered.at(q.key)), *q.mean, 1e-12);
                EXPECT_EQ(q.type == QuestionType::nps ? 11u : 5u, q.distribution.size());
            } else {
                EXPECT_FALSE(q.mean);
            }
            std::int64_t total = 0;
            for (const ValueCount& v : q.distribution) {
                const auto& c = e.counts.count(q.key) ? e.counts.at(q.key) : std::map<std::string, std::int64_t>{};
                EXPECT_EQ(c.count(v.value) ? c.at(v.value) : 0, v.count) << v.value;
                total += v.count;
            }
            if (q.type == QuestionType::rating5 || q.type == QuestionType::nps || q.type == QuestionType::single) {
                EXPECT_EQ(q.answered, total);
            }
            if (q.type == QuestionType::rating5) {
                const auto& c = e.counts.at(q.key);
                const double high = static_cast<double>((c.count("4") ? c.at("4") : 0) + (c.count("5") ? c.at("5") : 0));
                EXPECT_NEAR(100.0 * high / static_cast<double>(q.answered), *q.csat, 1e-9);
            }
        }
        if (e.rating5) {
            ASSERT_TRUE(s.csat);
            EXPECT_NEAR(100.0 * static_cast<double>(e.satisfied) / static_cast<double>(e.rating5), *s.csat, 1e-9);
            EXPECT_EQ(e.rating5, s.csat_answers);
        } else {
            EXPECT_FALSE(s.csat);
        }
        const std::int64_t n = e.promoters + e.passives + e.detractors;
        if (n) {
            ASSERT_TRUE(s.nps);
            const double p = static_cast<double>(e.promoters) / static_cast<double>(n);
            const double dd = static_cast<double>(e.detractors) / static_cast<double>(n);
            const double se = 100 * std::sqrt((p * (1 - p) + dd * (1 - dd) + 2 * p * dd) / static_cast<double>(n));
            EXPECT_NEAR(100 * (p - dd), s.nps->nps, 1e-9);
            EXPECT_NEAR(std::max(-100.0, 100 * (p - dd) - 1.96 * se), s.nps->ci_low, 0.01);
            EXPECT_NEAR(std::min(100.0, 100 * (p - dd) + 1.96 * se), s.nps->ci_high, 0.01);
            EXPECT_EQ(e.promoters, s.nps->promoters);
            EXPECT_EQ(e.detractors, s.nps->detractors);
        } else {
            EXPECT_FALSE(s.nps);
        }
        ASSERT_EQ(e.month_responses.size(), s.trend.size());
        for (const MonthStats& m : s.trend) {
            SCOPED_TRACE(m.month);
            EXPECT_EQ(e.month_responses.at(m.month), m.responses);
            if (e.month_rating5.count(m.month)) {
                EXPECT_NEAR(100.0 * static_cast<double>(e.month_satisfied.count(m.month) ? e.month_satisfied.at(m.month) : 0) /
                                static_cast<double>(e.month_rating5.at(m.month)),
                            *m.csat, 1e-9);
            }
            if (e.month_nps.count(m.month)) {
                EXPECT_NEAR(100.0 * static_cast<double>(e.month_promoters.count(m.month) ? e.month_promoters.at(m.month) : 0) /
                                static_cast<double>(e.month_nps.at(m.month)),
                            *m.nps, 1e-9);
            }
        }
        for (const ChannelStats& c : s.channels) {
            const auto it = e.by_channel.find(to_string(c.channel));
            EXPECT_EQ(it == e.by_channel.end() ? 0 : it->second, c.responses) << to_string(c.channel);
        }
    }

    Survey survey_;
    std::vector<Given> given_;
};

TEST_F(SurveyStatsTest, EverythingMatchesAnIndependentCount) {
    check({}, "", 0, "", "", "");
}

TEST_F(SurveyStatsTest, BySite) {
    StatsQuery q;
    q.site = "XH";
    check(q, "XH", 0, "", "", "");
}

TEST_F(SurveyStatsTest, ByConsultant) {
    StatsQuery q;
    q.consultant_id = wang_;
    check(q, "", wang_, "", "", "");
}

TEST_F(SurveyStatsTest, ByTopic) {
    StatsQuery q;
    q.topic = "Service";
    check(q, "", 0, "service", "", "");
    const SurveyStats s = surveys().stats(survey_.id, q);
    ASSERT_EQ(2u, s.questions.size());
    EXPECT_EQ("service", s.questions[0].key);
    EXPECT_EQ("recommend", s.questions[1].key);
    ASSERT_EQ(1u, s.topics.size());
    EXPECT_EQ("service", s.topics[0].topic);
    q.topic = "weather";
    expect_error([&] { surveys().stats(survey_.id, q); }, Status::invalid_argument, "topic", "marketing");
}

TEST_F(SurveyStatsTest, ByPeriod) {
    StatsQuery q;
    q.from = d("2025-02-10");
    q.to = d("2025-04-20");
    check(q, "", 0, "", "2025-02-10", "2025-04-20");
    StatsQuery both = q;
    both.site = "XH";
    both.topic = "property";
    check(both, "XH", 0, "property", "2025-02-10", "2025-04-20");
}

TEST_F(SurveyStatsTest, TopicsAndDistributionsAreComplete) {
    const SurveyStats s = surveys().stats(survey_.id);
    std::vector<std::string> topics;
    for (const TopicStats& t : s.topics) topics.push_back(t.topic);
    EXPECT_EQ((std::vector<std::string>{"general", "marketing", "property", "service"}), topics);
    const TopicStats& service = s.topics[3];
    ASSERT_TRUE(service.nps);
    EXPECT_DOUBLE_EQ(s.nps->nps, service.nps->nps);   // the only nps question is about service
    EXPECT_EQ(s.questions[0].answered + s.questions[4].answered, s.topics[2].answers);
    ASSERT_EQ(6u, s.questions.size());
    EXPECT_EQ("1", s.questions[0].distribution.front().value);
    EXPECT_EQ("0", s.questions[2].distribution.front().value);
    EXPECT_EQ((std::vector<std::string>{"ad", "friend", "web"}),
              (std::vector<std::string>{s.questions[3].distribution[0].value, s.questions[3].distribution[1].value,
                                        s.questions[3].distribution[2].value}));
    EXPECT_TRUE(s.questions[5].distribution.empty());
    EXPECT_FALSE(s.questions[5].csat);
    EXPECT_EQ(6u, s.trend.size());
    EXPECT_EQ("2025-01", s.trend.front().month);
    EXPECT_EQ("2025-06", s.trend.back().month);
    ASSERT_EQ(3u, s.channels.size());
    EXPECT_EQ(SurveyChannel::letter, s.channels[0].channel);
    EXPECT_FALSE(s.channels[0].rate);   // no campaign
}

TEST_F(SurveyStatsTest, ResponseRatesPerChannel) {
    NewCampaign c;
    c.survey_id = survey_.id;
    c.channel = SurveyChannel::letter;
    c.audience.kind = AudienceKind::customers;
    c.audience.customer_ids = {zhang_, chen_, liu_, sun_};
    c.send_on = d("2025-07-01");
    const Campaign letters = surveys().create_campaign(c);
    c.channel = SurveyChannel::phone;
    c.audience.customer_ids = {zhang_, sun_};
    const Campaign calls = surveys().create_campaign(c);
    for (const auto& [campaign, customer] : std::vector<std::pair<std::int64_t, std::int64_t>>{
             {letters.id, zhang_}, {letters.id, liu_}, {letters.id, sun_}, {calls.id, sun_}}) {
        NewResponse r = answer(survey_.id, customer, {{"quality", std::int64_t{5}}}, std::nullopt);
        r.campaign_id = campaign;
        r.date = d("2025-07-05");
        surveys().respond(r);
    }
    SurveyStats s = surveys().stats(survey_.id);
    EXPECT_EQ(4, s.channels[0].invited);
    EXPECT_EQ(3, s.channels[0].responded);
    EXPECT_DOUBLE_EQ(0.75, *s.channels[0].rate);
    EXPECT_EQ(2, s.channels[1].invited);
    EXPECT_EQ(1, s.channels[1].responded);
    EXPECT_DOUBLE_EQ(0.5, *s.channels[1].rate);
    EXPECT_EQ(0, s.channels[2].invited);
    // Scoped to a site: the invitations of its customers.
    StatsQuery q;
    q.site = "BJ";
    s = surveys().stats(survey_.id, q);
    EXPECT_EQ(1, s.channels[0].invited);
    EXPECT_DOUBLE_EQ(1.0, *s.channels[1].rate);
    // Campaigns sent outside the period do not count.
    q = {};
    q.to = d("2025-06-30");
    EXPECT_EQ(0, surveys().stats(survey_.id, q).channels[0].invited);
    // A campaign of version 1 only, asked for version 1.
    q = {};
    q.version = 1;
    EXPECT_EQ(4, surveys().stats(survey_.id, q).channels[0].invited);
}

TEST_F(SurveyStatsTest, StatisticsOfOneVersionAndAcrossVersions) {
    std::vector<Question> v2 = delivery_questions();
    v2.insert(v2.begin(), q("parking", QuestionType::rating5, "property"));
    SurveyUpdate u;
    u.questions = v2;
    surveys().update(survey_.id, u);
    surveys().respond(answer(survey_.id, zhang_, {{"parking", std::int64_t{2}}, {"quality", std::int64_t{5}}}));
    StatsQuery one;
    one.version = 2;
    const SurveyStats s2 = surveys().stats(survey_.id, one);
    EXPECT_EQ(1, s2.responses);
    EXPECT_EQ("parking", s2.questions[0].key);
    EXPECT_DOUBLE_EQ(50.0, *s2.csat);
    const SurveyStats all = surveys().stats(survey_.id);
    EXPECT_EQ(361, all.responses);
    EXPECT_EQ("parking", all.questions[0].key);   // the current version's order
    EXPECT_EQ(1, all.questions[0].answered);
    one.version = 1;
    EXPECT_EQ(360, surveys().stats(survey_.id, one).responses);
    one.version = 3;
    expect_error([&] { surveys().stats(survey_.id, one); }, Status::not_found, "version");
    StatsQuery bad;
    bad.from = d("2025-05-01");
    bad.to = d("2025-04-01");
    expect_error([&] { surveys().stats(survey_.id, bad); }, Status::invalid_argument, "to", "before from");
    bad = {};
    bad.site = "NOPE";
    expect_error([&] { surveys().stats(survey_.id, bad); }, Status::not_found, "site");
    expect_error([&] { surveys().stats(999); }, Status::not_found, "survey_id");
}

// Surveys::stats reads a survey's responses in id order when they fill most of their id range, else
// through the (survey, date) index. Here the survey under test has a few responses after thousands
// of another survey's: the same numbers, counted the other way.
TEST_F(SurveyStatsTest, ASurveyWithFewResponsesAmongManyOthersCountsTheSame) {
    const Survey other = create();
    std::vector<NewResponse> many;
    for (int i = 0; i < 2400; ++i) {
        NewResponse r = answer(other.id, i % 2 ? zhang_ : sun_, {{"quality", std::int64_t{1 + i % 5}}}, SurveyChannel::online);
        r.date = d("2025-03-15");
        many.push_back(r);
    }
    ASSERT_EQ(2400u, surveys().respond_many(many).size());
    for (int i = 0; i < 5; ++i) {
        Given g;
        g.site = "XH";
        g.consultant = zhao_;
        g.date = "2025-06-2" + std::to_string(i);
        g.channel = "letter";
        g.answers["recommend"] = std::int64_t{2 * i};
        g.answers["heard"] = std::string("web");
        NewResponse r = answer(survey_.id, chen_, g.answers, SurveyChannel::letter);
        r.date = d(g.date.c_str());
        surveys().respond(r);
        given_.push_back(std::move(g));
    }
    check({}, "", 0, "", "", "");
    StatsQuery q;
    q.site = "XH";
    q.from = d("2025-03-01");
    check(q, "XH", 0, "", "2025-03-01", "");
    const SurveyStats theirs = surveys().stats(other.id);
    EXPECT_EQ(2400, theirs.responses);
    EXPECT_DOUBLE_EQ(40.0, *theirs.csat);   // 4 and 5: two of every five
    EXPECT_EQ(2400, surveys().get(other.id).responses);
    EXPECT_EQ(365, surveys().get(survey_.id).responses);
}

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
