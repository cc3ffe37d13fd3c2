// Satisfaction surveys (MISSION §2 tactic 6): questionnaires, their keys, bad ones refused with
// nothing written, and the new version an edit makes once a survey has responses.
#include "surveys_fixture.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// Keys (pure)

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

} // namespace
