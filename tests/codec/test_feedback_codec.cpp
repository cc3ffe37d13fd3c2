// The codec of complaints and surveys: what the C API's documents and the stored JSON (a site's
// settings, a question's options, a multiple choice) read and write.
#include "test_support.hpp"

#include "codec/catalogue.hpp"
#include "codec/feedback.hpp"

using namespace snowball;
using namespace snowball::testing;
using snowball::codec::json;

namespace {

json doc(const char* text) { return codec::parse(text, "doc"); }

TEST(FeedbackCodec, ATicketSaysWhetherItIsOpenAndItsDueDatesFlat) {
    Ticket t;
    t.status = TicketStatus::in_progress;
    t.received_on = Date(2025, 9, 26);
    t.due = {Date(2025, 9, 30), false, Date(2025, 10, 17), true};
    json j = t;
    EXPECT_EQ(true, j["open"]);
    EXPECT_EQ("2025-09-30", j["acknowledge_due"]);
    EXPECT_EQ(false, j["acknowledge_due_estimated"]);
    EXPECT_EQ("2025-10-17", j["resolve_due"]);
    EXPECT_EQ(true, j["resolve_due_estimated"]);
    EXPECT_EQ(json(nullptr), j["site"]);   // group level
    EXPECT_FALSE(j.contains("due"));
    t.status = TicketStatus::resolved;
    EXPECT_EQ(false, json(t)["open"]);
}

TEST(FeedbackCodec, StoredSettingsRoundTripWithoutTheSiteAndKeepDefaultsForMissingKeys) {
    FeedbackSettings s = default_feedback_settings();
    s.site = "XH";
    s.deadlines[static_cast<int>(Severity::urgent)] = {0, 1};
    s.low_nps.reset();
    s.follow_up_survey_id = 4;
    const std::string stored = codec::stored_settings(s);
    EXPECT_FALSE(doc(stored.c_str()).contains("site"));
    const FeedbackSettings back = codec::read_stored_settings(stored, "XH");
    EXPECT_EQ(json(s), json(back));
    // An older row without some keys: the defaults.
    const FeedbackSettings partial = codec::read_stored_settings(R"({"deadlines": {"high": {"acknowledge_days": 2, "resolve_days": 4}}})", "BJ");
    EXPECT_EQ("BJ", partial.site);
    EXPECT_EQ(2, partial.deadline(Severity::high).acknowledge_days);
    EXPECT_EQ(10, partial.deadline(Severity::normal).resolve_days);
    EXPECT_EQ(2, *partial.low_rating5);
    // Read strictly: a stored key the library does not know is an error, not silence.
    SB_EXPECT_ERROR(codec::read_stored_settings(R"({"escalate_after": 3})", "XH"), invalid_argument, "settings.escalate_after",
                    "not a known key");
}

TEST(FeedbackCodec, ASettingsUpdateNamesTheSeverityAndTellsNullFromAbsent) {
    const auto u = codec::read<FeedbackSettingsUpdate>(
        doc(R"({"deadlines": {"紧急": {"acknowledge_days": 0, "resolve_days": 1}}, "low_nps": null, "follow_up_survey_id": 3})"), "");
    ASSERT_EQ(1u, u.deadlines.size());
    EXPECT_EQ(1, u.deadlines.at(Severity::urgent).resolve_days);
    ASSERT_TRUE(u.low_nps);
    EXPECT_FALSE(*u.low_nps);          // null: off
    EXPECT_FALSE(u.low_rating5);       // absent: unchanged
    EXPECT_EQ(3, **u.follow_up_survey_id);
    SB_EXPECT_ERROR(codec::read<FeedbackSettingsUpdate>(doc(R"({"deadlines": {"fatal": {}}})"), ""), invalid_argument,
                    "deadlines.fatal", "");
    SB_EXPECT_ERROR(codec::read<FeedbackSettingsUpdate>(doc(R"({"deadlines": {"high": {"acknowledge_days": 1}}})"), ""),
                    invalid_argument, "deadlines.high.resolve_days", "is required");
    SB_EXPECT_ERROR(codec::read<FeedbackSettingsUpdate>(doc(R"({"site": "XH"})"), ""), invalid_argument, "site", "not a known key");
}

TEST(FeedbackCodec, OptionsAreObjectsOrPlainTextsAndAreStoredAsObjects) {
    const auto q = codec::read<Question>(doc(R"({"key": "heard", "text": "渠道", "type": "single",
                                                 "options": ["ad", {"key": "web", "label": "网络"}, {"key": "tv"}]})"), "questions[0]");
    ASSERT_EQ(3u, q.options.size());
    EXPECT_EQ("ad", q.options[0].label);
    EXPECT_EQ("网络", q.options[1].label);
    EXPECT_EQ("", q.options[2].label);       // the core makes it the key
    EXPECT_EQ("general", q.topic);
    const std::string stored = codec::stored_options(q.options);
    EXPECT_EQ(R"([{"key":"ad","label":"ad"},{"key":"web","label":"网络"},{"key":"tv","label":""}])", stored);
    EXPECT_EQ(json(q.options), json(codec::read_stored_options(stored)));
    SB_EXPECT_ERROR(codec::read<Question>(doc(R"({"key": "h", "text": "t", "type": "single", "options": [3]})"), "questions[0]"),
                    invalid_argument, "questions[0].options[0]", "");
    SB_EXPECT_ERROR(codec::read<Question>(doc(R"({"key": "h", "text": "t"})"), "questions[2]"), invalid_argument,
                    "questions[2].type", "is required");
    EXPECT_EQ((std::vector<std::string>{"view", "school"}), codec::read_stored_choices(codec::stored_choices({"view", "school"})));
}

TEST(FeedbackCodec, AnswersAreReadByTheirJsonTypeAndWrittenByTheQuestionsType) {
    const auto r = codec::read<NewResponse>(
        doc(R"({"survey_id": 1, "customer_id": 2, "answers": {"q": 4, "r": 4.0, "h": "web", "l": ["a", "b"], "c": null}})"), "");
    EXPECT_EQ(std::int64_t{4}, std::get<std::int64_t>(r.answers.at("q")));
    EXPECT_EQ(4.0, std::get<double>(r.answers.at("r")));
    EXPECT_EQ("web", std::get<std::string>(r.answers.at("h")));
    EXPECT_EQ((std::vector<std::string>{"a", "b"}), std::get<std::vector<std::string>>(r.answers.at("l")));
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r.answers.at("c")));
    SB_EXPECT_ERROR(codec::read<NewResponse>(doc(R"({"survey_id": 1, "customer_id": 2, "answers": {"q": true}})"), "responses[3]"),
                    invalid_argument, "responses[3].answers.q", "an answer is");
    SB_EXPECT_ERROR(codec::read<NewResponse>(doc(R"({"survey_id": 1, "customer_id": 2, "answers": {"l": ["a", 2]}})"), ""),
                    invalid_argument, "answers.l", "list of option keys");
    SB_EXPECT_ERROR(codec::read<NewResponse>(doc(R"({"survey_id": 1, "answers": {}})"), ""), invalid_argument, "customer_id",
                    "is required");

    Response out;
    out.answers = {{"q", QuestionType::rating5, 2, {}, ""},
                   {"h", QuestionType::single, std::nullopt, {"web"}, ""},
                   {"l", QuestionType::multi, std::nullopt, {"a", "b"}, ""},
                   {"c", QuestionType::text, std::nullopt, {}, "很好"}};
    EXPECT_EQ(json({{"q", 2}, {"h", "web"}, {"l", {"a", "b"}}, {"c", "很好"}}), json(out)["answers"]);
}

TEST(FeedbackCodec, StatisticsCarryTheirNpsFlatAndACampaignItsResponseRate) {
    QuestionStats q;
    q.key = "recommend";
    q.nps = nps_score(3, 1, 2);
    const json j = q;
    EXPECT_DOUBLE_EQ(100.0 / 6, j["nps"].get<double>());
    ASSERT_EQ(2u, j["nps_ci"].size());
    EXPECT_DOUBLE_EQ(q.nps->ci_low, j["nps_ci"][0].get<double>());
    EXPECT_EQ(json({{"answers", 6}, {"promoters", 3}, {"passives", 1}, {"detractors", 2}}), j["nps_counts"]);
    const json none = QuestionStats{};
    EXPECT_EQ(json(nullptr), none["nps"]);
    EXPECT_EQ(json(nullptr), none["nps_ci"]);
    EXPECT_EQ(json(nullptr), none["nps_std_error"]);
    EXPECT_EQ(json({{"answers", 0}, {"promoters", 0}, {"passives", 0}, {"detractors", 0}}), none["nps_counts"]);

    Campaign c;
    c.invited = {1, 2, 3, 4};
    c.responded = 3;
    EXPECT_DOUBLE_EQ(0.75, json(c)["response_rate"].get<double>());
    c.invited.clear();
    c.responded = 0;
    EXPECT_EQ(json(nullptr), json(c)["response_rate"]);
}

TEST(FeedbackCodec, EveryRecordOfTheCApiIsInTheCatalogue) {
    std::set<std::string> names;
    for (const auto& r : codec::catalogue()) names.insert(r.name);
    for (const char* name : {"Ticket", "TicketEvent", "Escalation", "Category", "Deadline", "FeedbackSettings", "QuestionOption",
                             "Question", "Survey", "Audience", "Campaign", "Response", "NpsCounts", "ValueCount", "QuestionStats",
                             "TopicStats", "MonthStats", "ChannelStats", "SurveyStats"})
        EXPECT_TRUE(names.count(name)) << name;
}

} // namespace
