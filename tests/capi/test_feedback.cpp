// Complaints and surveys through the C API: the happy paths, and every documented key of every
// document (capi/include/snowball/feedback.h, docs/C_API.md) present with the right type.
#include "capi_support.hpp"
#include "documents.hpp"

#include <set>
#include <string>

namespace {

using capi_test::json;
using capi_test::last_error_text;
using capi_test::Out;

// The keys of an object, exactly.
constexpr auto& keys = capi_test::keys_of;

const std::set<std::string> ticket_keys{"id", "uid", "number", "site", "channel", "kind", "category", "severity", "text",
                                        "customer_id", "name", "phone", "status", "open", "assignee_id", "received_on", "received_by",
                                        "acknowledge_due", "acknowledge_due_estimated", "resolve_due", "resolve_due_estimated",
                                        "acknowledged_on", "resolved_on", "closed_on", "resolution", "reopened", "response_id",
                                        "follow_up_campaign_id", "created_at", "updated_at"};
const std::set<std::string> nps_keys{"nps", "nps_ci", "nps_std_error", "nps_counts"};

class FeedbackApi : public capi_test::ArchiveTest {
protected:
    void SetUp() override {
        capi_test::ArchiveTest::SetUp();
        const json m = ok([&](char** out) { return snowball_consultant_add(out, archive_, R"({"site": "XH", "name": "周敏", "role": "manager"})"); });
        manager_ = m["id"].get<std::int64_t>();
        EXPECT_EQ("manager", m["role"]);
        EXPECT_TRUE(m["manager_id"].is_null());
        const json w = ok([&](char** out) {
            return snowball_consultant_update(out, archive_, xh_consultant_, json({{"manager_id", manager_}}).dump().c_str());
        });
        EXPECT_EQ(manager_, w["manager_id"]);
        EXPECT_EQ("consultant", w["role"]);
        zhang_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"},
                               {"consultant_id", xh_consultant_}})["id"]
                     .get<std::int64_t>();
    }

    json open(const json& doc) {
        return ok([&](char** out) { return snowball_feedback_open(out, archive_, doc.dump().c_str()); });
    }

    std::int64_t manager_ = 0, zhang_ = 0;
};

TEST_F(FeedbackApi, ATicketFromIntakeToClosing) {
    const json t = open({{"channel", "phone"}, {"kind", "complaint"}, {"category", "property_quality"}, {"severity", "high"},
                         {"text", "卫生间渗水"}, {"customer_id", zhang_}, {"received_on", "2025-09-30"}, {"received_by", xh_consultant_}});
    EXPECT_EQ(ticket_keys, keys(t));
    EXPECT_EQ("XH-F2025-00001", t["number"]);
    EXPECT_EQ("XH", t["site"]);
    EXPECT_EQ("received", t["status"]);
    EXPECT_EQ(true, t["open"]);   // the core's is_open(status): Python and C callers need not know which statuses are open
    EXPECT_EQ("high", t["severity"]);
    EXPECT_EQ("2025-10-09", t["acknowledge_due"]);
    EXPECT_EQ("2025-10-14", t["resolve_due"]);
    EXPECT_EQ(false, t["resolve_due_estimated"]);
    EXPECT_EQ(xh_consultant_, t["assignee_id"]);
    EXPECT_TRUE(t["acknowledged_on"].is_null());
    const std::int64_t id = t["id"].get<std::int64_t>();

    EXPECT_EQ(id, ok([&](char** out) { return snowball_feedback_get(out, archive_, id); })["id"]);
    EXPECT_EQ(id, ok([&](char** out) { return snowball_feedback_by_number(out, archive_, "XH-F2025-00001"); })["id"]);
    // As a person types it: lower case, full-width, blanks around.
    EXPECT_EQ(id, ok([&](char** out) { return snowball_feedback_by_number(out, archive_, " xh-f2025-00001 "); })["id"]);
    EXPECT_EQ(id, ok([&](char** out) { return snowball_feedback_by_number(out, archive_, "ｘｈ－ｆ２０２５－００００１"); })["id"]);

    json x = ok([&](char** out) { return snowball_feedback_transition(out, archive_, id, "acknowledged", xh_consultant_, "已回电", "2025-10-09"); });
    EXPECT_EQ("acknowledged", x["status"]);
    EXPECT_EQ("2025-10-09", x["acknowledged_on"]);
    x = ok([&](char** out) { return snowball_feedback_assign(out, archive_, id, manager_, xh_consultant_, "请经理协调"); });
    EXPECT_EQ(manager_, x["assignee_id"]);
    x = ok([&](char** out) { return snowball_feedback_note(out, archive_, id, "工程部已上门", manager_); });
    x = ok([&](char** out) { return snowball_feedback_transition(out, archive_, id, "in_progress", manager_, nullptr, nullptr); });
    x = ok([&](char** out) { return snowball_feedback_transition(out, archive_, id, "resolved", manager_, "已修复", nullptr); });
    EXPECT_EQ("已修复", x["resolution"]);
    x = ok([&](char** out) { return snowball_feedback_transition(out, archive_, id, "closed", manager_, nullptr, nullptr); });
    EXPECT_EQ("closed", x["status"]);
    EXPECT_EQ(false, x["open"]);
    EXPECT_TRUE(x["closed_on"].is_string());
    x = ok([&](char** out) { return snowball_feedback_transition(out, archive_, id, "in_progress", manager_, "业主不满意", nullptr); });
    EXPECT_EQ(1, x["reopened"]);
    EXPECT_EQ(true, x["open"]);

    const json history = ok([&](char** out) { return snowball_feedback_history(out, archive_, id); });
    ASSERT_EQ(9u, history.size());
    EXPECT_EQ((std::set<std::string>{"id", "ticket_id", "action", "from", "to", "by", "note", "assignee_id", "customer_id", "on", "at"}),
              keys(history[0]));
    std::vector<std::string> actions;
    for (const json& e : history) actions.push_back(e["action"]);
    EXPECT_EQ((std::vector<std::string>{"received", "assigned", "acknowledged", "assigned", "note", "in_progress", "resolved",
                                        "closed", "reopened"}),
              actions);
    EXPECT_EQ("received", history[2]["from"]);
    EXPECT_EQ("acknowledged", history[2]["to"]);
    EXPECT_EQ(xh_consultant_, history[2]["by"]);

    const json page = ok([&](char** out) { return snowball_feedback_list(out, archive_, R"({"site": "XH", "open_only": true})"); });
    EXPECT_EQ(1, page["total"]);
    EXPECT_EQ(ticket_keys, keys(page["items"][0]));
    EXPECT_EQ(0, ok([&](char** out) { return snowball_feedback_list(out, archive_, R"({"status": "closed"})"); })["total"]);
}

TEST_F(FeedbackApi, UnknownCallersOverdueEscalationsAndTheBriefing) {
    const json stranger = open({{"channel", "letter"}, {"kind", "suggestion"}, {"category", "other"}, {"text", "建议增加车位"},
                                {"name", "匿名业主"}, {"received_on", "2025-09-30"}});
    EXPECT_TRUE(stranger["site"].is_null());   // two sites, nobody known: group level
    EXPECT_TRUE(stranger["customer_id"].is_null());
    EXPECT_EQ("F2025-00001", stranger["number"]);
    const json known = open({{"channel", "online"}, {"kind", "complaint"}, {"category", "service"}, {"text", "电话打不通"},
                             {"phone", "138 0013 8000"}, {"received_on", "2025-09-30"}});
    EXPECT_EQ(zhang_, known["customer_id"]);
    const json linked = ok([&](char** out) {
        return snowball_feedback_link(out, archive_, stranger["id"].get<std::int64_t>(), zhang_, manager_);
    });
    EXPECT_EQ("XH", linked["site"]);

    const json overdue = ok([&](char** out) { return snowball_feedback_overdue(out, archive_, R"({"on": "2025-10-11"})"); });
    ASSERT_EQ(2u, overdue.size());
    EXPECT_EQ(ticket_keys, keys(overdue[0]));
    EXPECT_EQ(0u, ok([&](char** out) { return snowball_feedback_overdue(out, archive_, R"({"on": "2025-10-10"})"); }).size());
    EXPECT_EQ(2u, ok([&](char** out) { return snowball_feedback_overdue(out, archive_, R"({"on": "2025-10-11", "site": "XH"})"); }).size());
    const json escalations = ok([&](char** out) { return snowball_feedback_escalations(out, archive_, R"({"on": "2025-10-13"})"); });
    ASSERT_EQ(2u, escalations.size());
    EXPECT_EQ((std::set<std::string>{"ticket", "deadline", "due", "working_days_overdue", "escalate_to"}), keys(escalations[0]));
    EXPECT_EQ("acknowledge", escalations[0]["deadline"]);
    EXPECT_EQ("2025-10-10", escalations[0]["due"]);
    EXPECT_EQ(2, escalations[0]["working_days_overdue"]);
    EXPECT_EQ(manager_, escalations[0]["escalate_to"]);

    const json open_tickets = ok([&](char** out) { return snowball_feedback_open_tickets(out, archive_, zhang_); });
    EXPECT_EQ(2u, open_tickets.size());
    const json briefing = ok([&](char** out) { return snowball_briefing_get(out, archive_, zhang_, nullptr); });
    ASSERT_TRUE(briefing.contains("open_tickets"));
    EXPECT_EQ(2u, briefing["open_tickets"].size());
    EXPECT_EQ(ticket_keys, keys(briefing["open_tickets"][0]));
    EXPECT_TRUE(briefing.contains("ask_next"));   // the other keys stay
}

TEST_F(FeedbackApi, CategoriesAndSettings) {
    const json defaults = ok([&](char** out) { return snowball_feedback_categories(out, archive_, nullptr); });
    ASSERT_EQ(6u, defaults.size());
    EXPECT_EQ((std::set<std::string>{"key", "label", "builtin"}), keys(defaults[0]));
    EXPECT_EQ("property_quality", defaults[0]["key"]);
    EXPECT_EQ("房屋质量", defaults[0]["label"]);
    const json mine = ok([&](char** out) { return snowball_feedback_add_category(out, archive_, "XH", R"({"key": "parking", "label": "车位"})"); });
    EXPECT_EQ(7u, mine.size());
    EXPECT_EQ(false, mine[6]["builtin"]);
    EXPECT_EQ(7u, ok([&](char** out) { return snowball_feedback_categories(out, archive_, "XH"); }).size());

    const json s = ok([&](char** out) { return snowball_feedback_settings(out, archive_, "XH"); });
    EXPECT_EQ((std::set<std::string>{"site", "deadlines", "escalate_after_days", "follow_up_survey_id", "follow_up_channel",
                                     "follow_up_after_days", "low_rating5", "low_nps", "low_score_severity"}),
              keys(s));
    EXPECT_EQ((std::set<std::string>{"low", "normal", "high", "urgent"}), keys(s["deadlines"]));
    EXPECT_EQ(2, s["deadlines"]["normal"]["acknowledge_days"]);
    EXPECT_EQ(10, s["deadlines"]["normal"]["resolve_days"]);
    EXPECT_EQ(2, s["low_rating5"]);
    EXPECT_EQ(6, s["low_nps"]);
    const json changed = ok([&](char** out) {
        return snowball_feedback_update_settings(out, archive_, "XH",
                                                 R"({"deadlines": {"urgent": {"acknowledge_days": 0, "resolve_days": 1}},
                                                     "low_nps": null, "escalate_after_days": 3, "low_score_severity": "high"})");
    });
    EXPECT_EQ(0, changed["deadlines"]["urgent"]["acknowledge_days"]);
    EXPECT_TRUE(changed["low_nps"].is_null());
    EXPECT_EQ(3, changed["escalate_after_days"]);
    EXPECT_EQ("high", changed["low_score_severity"]);
    EXPECT_EQ(2, changed["low_rating5"]);
    EXPECT_EQ(changed, ok([&](char** out) { return snowball_feedback_settings(out, archive_, "XH"); }));
}

TEST_F(FeedbackApi, SurveysCampaignsResponsesAndStatistics) {
    json survey = ok([&](char** out) {
        return snowball_survey_create(out, archive_, R"({"title": "交付满意度", "questions": [
            {"key": "quality", "text": "房屋质量", "type": "rating5", "topic": "property"},
            {"key": "recommend", "text": "推荐意愿", "type": "nps", "topic": "service"},
            {"key": "heard", "text": "从哪里知道", "type": "single", "topic": "marketing", "options": ["ad", {"key": "friend", "label": "朋友介绍"}]},
            {"key": "liked", "text": "喜欢", "type": "multi", "topic": "property", "options": ["view", "school"]},
            {"key": "comment", "text": "意见", "type": "text"}]})");
    });
    EXPECT_EQ((std::set<std::string>{"id", "uid", "site", "version", "current_version", "title", "questions", "active", "responses",
                                     "created_at", "created_by"}),
              keys(survey));
    EXPECT_TRUE(survey["site"].is_null());
    EXPECT_EQ((std::set<std::string>{"key", "text", "type", "topic", "options"}), keys(survey["questions"][0]));
    EXPECT_EQ("general", survey["questions"][4]["topic"]);
    EXPECT_EQ("朋友介绍", survey["questions"][2]["options"][1]["label"]);
    EXPECT_EQ("ad", survey["questions"][2]["options"][0]["label"]);
    const std::int64_t id = survey["id"].get<std::int64_t>();
    EXPECT_EQ(1u, ok([&](char** out) { return snowball_survey_list(out, archive_, "XH", 0); }).size());

    const json campaign = ok([&](char** out) {
        return snowball_survey_campaign_create(out, archive_,
                                               json({{"survey_id", id}, {"channel", "letter"}, {"name", "年度回访"},
                                                     {"audience", {{"kind", "consultant_customers"}, {"consultant_id", xh_consultant_}}}})
                                                   .dump()
                                                   .c_str());
    });
    EXPECT_EQ((std::set<std::string>{"id", "uid", "survey_id", "version", "site", "name", "channel", "audience", "send_on",
                                     "allow_multiple", "invited", "responded", "response_rate", "created_at", "created_by"}),
              keys(campaign));
    EXPECT_EQ((std::set<std::string>{"kind", "site", "consultant_id", "ticket_id", "customer_ids"}), keys(campaign["audience"]));
    EXPECT_EQ(json::array({zhang_}), campaign["invited"]);
    EXPECT_EQ(0.0, campaign["response_rate"]);
    const std::int64_t campaign_id = campaign["id"].get<std::int64_t>();
    EXPECT_EQ(campaign_id, ok([&](char** out) { return snowball_survey_campaign_get(out, archive_, campaign_id); })["id"]);
    EXPECT_EQ(1u, ok([&](char** out) { return snowball_survey_campaign_list(out, archive_, id); }).size());

    const json response = ok([&](char** out) {
        return snowball_survey_respond(out, archive_,
                                       json({{"survey_id", id}, {"customer_id", zhang_}, {"campaign_id", campaign_id},
                                             {"answers", {{"quality", 5}, {"recommend", 10}, {"heard", "friend"}, {"liked", {"school"}},
                                                          {"comment", nullptr}}},
                                             {"date", "2025-10-08"}})
                                           .dump()
                                           .c_str());
    });
    EXPECT_EQ((std::set<std::string>{"id", "survey_id", "version", "campaign_id", "customer_id", "site", "consultant_id", "channel",
                                     "date", "answers", "complete", "ticket_id", "deal_id", "event", "opened_ticket_id", "recorded_at",
                                     "recorded_by"}),
              keys(response));
    EXPECT_EQ("letter", response["channel"]);
    EXPECT_EQ(false, response["complete"]);
    EXPECT_EQ(json({{"quality", 5}, {"recommend", 10}, {"heard", "friend"}, {"liked", {"school"}}}), response["answers"]);
    const std::int64_t response_id = response["id"].get<std::int64_t>();
    EXPECT_EQ(response, ok([&](char** out) { return snowball_survey_response_get(out, archive_, response_id); }));
    EXPECT_EQ(1.0, ok([&](char** out) { return snowball_survey_campaign_get(out, archive_, campaign_id); })["response_rate"]);

    // A low score by phone: a ticket for the manager.
    const json ids = ok([&](char** out) {
        return snowball_survey_respond_many(
            out, archive_,
            json::array({json({{"survey_id", id}, {"customer_id", zhang_}, {"channel", "phone"}, {"answers", {{"quality", 1}, {"recommend", 3}}},
                               {"date", "2025-11-02"}}),
                         json({{"survey_id", id}, {"customer_id", zhang_}, {"channel", "online"}, {"answers", {{"recommend", 8}}},
                               {"date", "2025-11-03"}})})
                .dump()
                .c_str());
    });
    ASSERT_EQ(2u, ids.size());
    const json low = ok([&](char** out) { return snowball_survey_response_get(out, archive_, ids[0].get<std::int64_t>()); });
    ASSERT_TRUE(low["opened_ticket_id"].is_number_integer());
    const json ticket = ok([&](char** out) { return snowball_feedback_get(out, archive_, low["opened_ticket_id"].get<std::int64_t>()); });
    EXPECT_EQ(manager_, ticket["assignee_id"]);
    EXPECT_EQ(low["id"], ticket["response_id"]);
    const json listed = ok([&](char** out) { return snowball_survey_response_list(out, archive_, json({{"survey_id", id}}).dump().c_str()); });
    EXPECT_EQ(3, listed["total"]);
    EXPECT_EQ(ids[1], listed["items"][0]["id"]);   // newest first

    const json stats = ok([&](char** out) { return snowball_survey_stats(out, archive_, id, nullptr); });
    std::set<std::string> top{"survey_id", "responses", "csat", "csat_answers", "questions", "topics", "trend", "channels"};
    top.insert(nps_keys.begin(), nps_keys.end());
    EXPECT_EQ(top, keys(stats));
    EXPECT_EQ(3, stats["responses"]);
    EXPECT_DOUBLE_EQ(50.0, stats["csat"].get<double>());   // 5 and 1
    EXPECT_DOUBLE_EQ(0.0, stats["nps"].get<double>());     // 10, 3, 8: one promoter, one detractor
    ASSERT_TRUE(stats["nps_ci"].is_array());
    EXPECT_EQ(2u, stats["nps_ci"].size());
    EXPECT_LT(stats["nps_ci"][0].get<double>(), 0.0);
    EXPECT_EQ((json{{"answers", 3}, {"promoters", 1}, {"passives", 1}, {"detractors", 1}}), stats["nps_counts"]);
    std::set<std::string> question{"key", "text", "type", "topic", "answered", "mean", "distribution", "csat"};
    question.insert(nps_keys.begin(), nps_keys.end());
    EXPECT_EQ(question, keys(stats["questions"][0]));
    EXPECT_DOUBLE_EQ(3.0, stats["questions"][0]["mean"].get<double>());
    EXPECT_EQ((json{{"value", "1"}, {"count", 1}}), stats["questions"][0]["distribution"][0]);
    EXPECT_DOUBLE_EQ(7.0, stats["questions"][1]["mean"].get<double>());
    EXPECT_TRUE(stats["questions"][2]["mean"].is_null());
    EXPECT_EQ((json{{"value", "friend"}, {"count", 1}}), stats["questions"][2]["distribution"][1]);
    std::set<std::string> topic{"topic", "answers", "csat"};
    topic.insert(nps_keys.begin(), nps_keys.end());
    EXPECT_EQ(topic, keys(stats["topics"][0]));
    EXPECT_EQ((std::set<std::string>{"month", "responses", "csat", "nps"}), keys(stats["trend"][0]));
    EXPECT_EQ("2025-10", stats["trend"][0]["month"]);
    EXPECT_EQ("2025-11", stats["trend"][1]["month"]);
    EXPECT_EQ((std::set<std::string>{"channel", "responses", "invited", "responded", "rate"}), keys(stats["channels"][0]));
    EXPECT_EQ("letter", stats["channels"][0]["channel"]);
    EXPECT_DOUBLE_EQ(1.0, stats["channels"][0]["rate"].get<double>());
    EXPECT_TRUE(stats["channels"][1]["rate"].is_null());
    const json scoped = ok([&](char** out) {
        return snowball_survey_stats(out, archive_, id, R"({"site": "XH", "from": "2025-11-01", "to": "2025-11-30", "topic": "service"})");
    });
    EXPECT_EQ(2, scoped["responses"]);
    EXPECT_TRUE(scoped["csat"].is_null());
    EXPECT_EQ(1u, scoped["questions"].size());

    // Editing a survey with responses makes version 2.
    survey = ok([&](char** out) {
        return snowball_survey_update(out, archive_, id, R"({"title": "交付满意度（二）", "questions": [
            {"key": "quality", "text": "房屋质量", "type": "rating5", "topic": "property"}]})");
    });
    EXPECT_EQ(2, survey["version"]);
    EXPECT_EQ(1u, survey["questions"].size());
    EXPECT_EQ(5u, ok([&](char** out) { return snowball_survey_get(out, archive_, id, 1); })["questions"].size());
}

} // namespace
