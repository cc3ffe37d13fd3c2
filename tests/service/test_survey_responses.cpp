// Survey responses: partial answers and their links, and bad answers refused naming the question with
// nothing written.
#include "surveys_fixture.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

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

} // namespace
