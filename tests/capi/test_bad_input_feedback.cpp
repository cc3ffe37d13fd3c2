// Every C function of snowball/feedback.h with NULL for each pointer parameter and with invalid
// arguments: each call returns the right negative status, the thread's last error names the field,
// the out-parameter is NULL afterwards, and nothing is written (the raw database is compared).
// tests/capi/check_coverage.py checks that every declared function is called in a bad-input test.
#include "capi_support.hpp"
#include "test_support.hpp"

#include <climits>
#include <string>

namespace {

using capi_test::json;
using capi_test::last_error_text;
using capi_test::Out;

// The C fixture (sites XH and BJ; 王芳 at XH, 李强 at BJ, 赵离职 who left XH) plus a manager, two
// customers, a ticket, a survey, a campaign and a response.
class FeedbackInput : public capi_test::ArchiveTest {
protected:
    void SetUp() override {
        capi_test::ArchiveTest::SetUp();
        manager_ = ok([&](char** out) { return snowball_consultant_add(out, archive_, R"({"site": "XH", "name": "周敏", "role": "manager"})"); })["id"]
                       .get<std::int64_t>();
        zhang_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"},
                               {"consultant_id", xh_consultant_}})["id"]
                     .get<std::int64_t>();
        sun_ = add_customer({{"site", "BJ"}, {"channel", "visit"}, {"name", "孙丽"}, {"mobile", "13600136000"}})["id"].get<std::int64_t>();
        const json t = ok([&](char** out) {
            return snowball_feedback_open(out, archive_, json({{"channel", "phone"}, {"kind", "complaint"}, {"category", "service"},
                                                               {"text", "顾问未回电"}, {"customer_id", zhang_}, {"received_on", "2025-09-30"}})
                                                             .dump()
                                                             .c_str());
        });
        ticket_ = t["id"].get<std::int64_t>();
        const json s = ok([&](char** out) {
            return snowball_survey_create(out, archive_, R"({"title": "满意度", "questions": [
                {"key": "quality", "text": "房屋质量", "type": "rating5", "topic": "property"},
                {"key": "recommend", "text": "推荐意愿", "type": "nps", "topic": "service"},
                {"key": "liked", "text": "喜欢", "type": "multi", "topic": "property", "options": ["view", "school"]}]})");
        });
        survey_ = s["id"].get<std::int64_t>();
        campaign_ = ok([&](char** out) {
                        return snowball_survey_campaign_create(
                            out, archive_,
                            json({{"survey_id", survey_}, {"channel", "letter"}, {"audience", {{"kind", "customers"}, {"customer_ids", {zhang_}}}}})
                                .dump()
                                .c_str());
                    })["id"]
                        .get<std::int64_t>();
        response_ = ok([&](char** out) {
                        return snowball_survey_respond(
                            out, archive_,
                            json({{"survey_id", survey_}, {"customer_id", zhang_}, {"answers", {{"quality", 4}}}, {"campaign_id", campaign_}})
                                .dump()
                                .c_str());
                    })["id"]
                        .get<std::int64_t>();
    }

    std::string raw() const { return snowball::testing::dump_archive(path_); }

    std::int64_t manager_ = 0, zhang_ = 0, sun_ = 0, ticket_ = 0, survey_ = 0, campaign_ = 0, response_ = 0;
};

const std::int64_t bad_ids[] = {0, -1, 424242, INT64_MAX};

TEST_F(FeedbackInput, Open) {
    const std::string before = raw();
    const auto open = [&](char** out, const char* doc) { return snowball_feedback_open(out, archive_, doc); };
    const char* good = R"({"channel": "phone", "kind": "complaint", "category": "service", "text": "投诉"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_open(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_open(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "ticket_json", open(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "ticket_json", open(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "ticket_json", open(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "chanel", open(out, R"({"chanel": "phone", "kind": "complaint", "category": "service", "text": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", open(out, R"({"kind": "complaint", "category": "service", "text": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", open(out, R"({"channel": "fax", "kind": "complaint", "category": "service", "text": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", open(out, R"({"channel": 1, "kind": "complaint", "category": "service", "text": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind", open(out, R"({"channel": "phone", "kind": "rant", "category": "service", "text": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "category", open(out, R"({"channel": "phone", "kind": "complaint", "text": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "category", open(out, R"({"channel": "phone", "kind": "complaint", "category": "noise", "text": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "severity",
                 open(out, R"({"channel": "phone", "kind": "complaint", "category": "service", "severity": "fatal", "text": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", open(out, R"({"channel": "phone", "kind": "complaint", "category": "service"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", open(out, R"({"channel": "phone", "kind": "complaint", "category": "service", "text": " "})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text",
                 open(out, "{\"channel\": \"phone\", \"kind\": \"complaint\", \"category\": \"service\", \"text\": \"\\u0007\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id",
                 open(out, R"({"channel": "phone", "kind": "complaint", "category": "service", "text": "x", "customer_id": "1"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id",
                 open(out, R"({"channel": "phone", "kind": "complaint", "category": "service", "text": "x", "customer_id": 424242})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone",
                 open(out, R"({"channel": "phone", "kind": "complaint", "category": "service", "text": "x", "phone": "12"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "received_on",
                 open(out, R"({"channel": "phone", "kind": "complaint", "category": "service", "text": "x", "received_on": "2025-02-30"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "received_on",
                 open(out, R"({"channel": "phone", "kind": "complaint", "category": "service", "text": "x", "received_on": "2999-01-01"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site",
                 open(out, R"({"channel": "phone", "kind": "complaint", "category": "service", "text": "x", "site": "NOPE"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "received_by",
                 open(out, R"({"channel": "phone", "kind": "complaint", "category": "service", "text": "x", "received_by": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "assignee_id",
                 open(out, json({{"channel", "phone"}, {"kind", "complaint"}, {"category", "service"}, {"text", "x"},
                                 {"customer_id", zhang_}, {"assignee_id", bj_consultant_}})
                               .dump()
                               .c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "assignee_id",
                 open(out, json({{"channel", "phone"}, {"kind", "complaint"}, {"category", "service"}, {"text", "x"},
                                 {"customer_id", zhang_}, {"assignee_id", left_consultant_}})
                               .dump()
                               .c_str()));
    EXPECT_EQ(before, raw());
}

TEST_F(FeedbackInput, ReadsAndLists) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_get(nullptr, archive_, ticket_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_get(out, nullptr, ticket_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "ticket_id", snowball_feedback_get(out, archive_, bad));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_by_number(nullptr, archive_, "XH-F2025-00001"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_by_number(out, nullptr, "XH-F2025-00001"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number", snowball_feedback_by_number(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number", snowball_feedback_by_number(out, archive_, " "));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "number", snowball_feedback_by_number(out, archive_, "XH-F2025-00009"));

    const auto list = [&](char** out, const char* q) { return snowball_feedback_list(out, archive_, q); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_list(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_list(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", list(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", list(out, "7"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stauts", list(out, R"({"stauts": "received"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "status", list(out, R"({"status": "done"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "open_only", list(out, R"({"open_only": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind", list(out, R"({"kind": "rant"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "severity", list(out, R"({"severity": "fatal"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", list(out, R"({"from": "2025-9-1"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 10001})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", list(out, R"({"offset": -1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", list(out, R"({"site": "NOPE"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", list(out, R"({"customer_id": 424242})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "assignee_id", list(out, R"({"assignee_id": 424242})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_history(nullptr, archive_, ticket_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_history(out, nullptr, ticket_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "ticket_id", snowball_feedback_history(out, archive_, bad));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_open_tickets(nullptr, archive_, zhang_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_open_tickets(out, nullptr, zhang_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_feedback_open_tickets(out, archive_, bad));

    for (auto fn : {snowball_feedback_overdue, snowball_feedback_escalations}) {
        const auto call = [&](char** out, const char* q) { return fn(out, archive_, q); };
        EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", fn(nullptr, archive_, nullptr));
        EXPECT_FAILS(SNOWBALL_EINVALID, "archive", fn(out, nullptr, nullptr));
        EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", call(out, "{"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", call(out, "[]"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "day", call(out, R"({"day": "2025-10-10"})"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "on", call(out, R"({"on": "2025-10-32"})"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "on", call(out, R"({"on": 20251010})"));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", call(out, R"({"site": "NOPE"})"));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "assignee_id", call(out, R"({"assignee_id": 424242})"));
    }
    // The calls snowball_feedback_overdue and snowball_feedback_escalations above, by name for the coverage check.
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", snowball_feedback_overdue(out, archive_, R"({"on": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", snowball_feedback_escalations(out, archive_, R"({"on": "x"})"));
}

TEST_F(FeedbackInput, Transitions) {
    const std::string before = raw();
    const auto move = [&](char** out, std::int64_t id, const char* status, std::int64_t by, const char* note, const char* on) {
        return snowball_feedback_transition(out, archive_, id, status, by, note, on);
    };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json",
                        snowball_feedback_transition(nullptr, archive_, ticket_, "acknowledged", xh_consultant_, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive",
                 snowball_feedback_transition(out, nullptr, ticket_, "acknowledged", xh_consultant_, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "status", move(out, ticket_, nullptr, xh_consultant_, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "status", move(out, ticket_, "done", xh_consultant_, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "status", move(out, ticket_, "", xh_consultant_, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", move(out, ticket_, "acknowledged", xh_consultant_, nullptr, "2025-02-29"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", move(out, ticket_, "acknowledged", xh_consultant_, nullptr, "2025-09-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", move(out, ticket_, "acknowledged", xh_consultant_, nullptr, "2999-09-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", move(out, ticket_, "acknowledged", xh_consultant_, "\xff", nullptr));
    for (std::int64_t by : {std::int64_t{0}, std::int64_t{-3}, INT64_MIN})
        EXPECT_FAILS(SNOWBALL_EINVALID, "by", move(out, ticket_, "acknowledged", by, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", move(out, ticket_, "acknowledged", 9999, nullptr, nullptr));
    for (std::int64_t bad : bad_ids)
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "ticket_id", move(out, bad, "acknowledged", xh_consultant_, nullptr, nullptr));
    // Forbidden moves: invalid state, naming both statuses and the ticket.
    for (const char* to : {"received", "in_progress", "resolved", "closed"}) {
        EXPECT_FAILS(SNOWBALL_ESTATE, "status", move(out, ticket_, to, xh_consultant_, nullptr, nullptr));
        EXPECT_EQ(ticket_, snowball_error_last()->record_id);
        EXPECT_NE(std::string::npos, std::string(snowball_error_last()->message).find(std::string("from received to ") + to));
    }
    EXPECT_EQ(before, raw());
}

TEST_F(FeedbackInput, AssignNoteLink) {
    const std::string before = raw();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_assign(nullptr, archive_, ticket_, manager_, manager_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_assign(out, nullptr, ticket_, manager_, manager_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "assignee_id", snowball_feedback_assign(out, archive_, ticket_, -1, manager_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "assignee_id", snowball_feedback_assign(out, archive_, ticket_, 9999, manager_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "assignee_id", snowball_feedback_assign(out, archive_, ticket_, bj_consultant_, manager_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "assignee_id", snowball_feedback_assign(out, archive_, ticket_, left_consultant_, manager_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_feedback_assign(out, archive_, ticket_, manager_, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_feedback_assign(out, archive_, ticket_, manager_, manager_, "\xc3"));
    for (std::int64_t bad : bad_ids)
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "ticket_id", snowball_feedback_assign(out, archive_, bad, manager_, manager_, nullptr));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_note(nullptr, archive_, ticket_, "已回电", manager_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_note(out, nullptr, ticket_, "已回电", manager_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_feedback_note(out, archive_, ticket_, nullptr, manager_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_feedback_note(out, archive_, ticket_, "", manager_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_feedback_note(out, archive_, ticket_, "已回电", -1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_feedback_note(out, archive_, ticket_, "已回电", 9999));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "ticket_id", snowball_feedback_note(out, archive_, bad, "x", manager_));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_link(nullptr, archive_, ticket_, zhang_, manager_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_link(out, nullptr, ticket_, zhang_, manager_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_feedback_link(out, archive_, ticket_, bad, manager_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", snowball_feedback_link(out, archive_, ticket_, sun_, manager_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_feedback_link(out, archive_, ticket_, zhang_, 0));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "ticket_id", snowball_feedback_link(out, archive_, bad, zhang_, manager_));
    EXPECT_EQ(before, raw());
}

TEST_F(FeedbackInput, CategoriesAndSettings) {
    const std::string before = raw();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_categories(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_categories(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_feedback_categories(out, archive_, "NOPE"));

    const auto add = [&](char** out, const char* doc) { return snowball_feedback_add_category(out, archive_, "XH", doc); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_add_category(nullptr, archive_, "XH", R"({"key": "parking", "label": "车位"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_add_category(out, nullptr, "XH", R"({"key": "parking", "label": "车位"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_feedback_add_category(out, archive_, nullptr, R"({"key": "parking", "label": "车位"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_feedback_add_category(out, archive_, "NOPE", R"({"key": "parking", "label": "车位"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_feedback_add_category(out, archive_, "", R"({"key": "parking", "label": "车位"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "category_json", add(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "category_json", add(out, "\"parking\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "label", add(out, R"({"key": "parking"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key", add(out, R"({"label": "车位"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key", add(out, R"({"key": "停车", "label": "车位"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "colour", add(out, R"({"key": "parking", "label": "车位", "colour": "red"})"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "key", add(out, R"({"key": "delivery", "label": "交付"})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_settings(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_settings(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_feedback_settings(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_feedback_settings(out, archive_, "NOPE"));

    const auto set = [&](char** out, const char* doc) { return snowball_feedback_update_settings(out, archive_, "XH", doc); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_feedback_update_settings(nullptr, archive_, "XH", "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_feedback_update_settings(out, nullptr, "XH", "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_feedback_update_settings(out, archive_, nullptr, "{}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_feedback_update_settings(out, archive_, "NOPE", "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "settings_json", set(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "settings_json", set(out, "{]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", set(out, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deadlines", set(out, R"({"deadlines": [1, 5]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deadlines.fatal", set(out, R"({"deadlines": {"fatal": {"acknowledge_days": 1, "resolve_days": 2}}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deadlines.high.resolve_days", set(out, R"({"deadlines": {"high": {"acknowledge_days": 1}}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deadlines.high.resolve_days",
                 set(out, R"({"deadlines": {"high": {"acknowledge_days": 4, "resolve_days": 2}}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deadlines.high.acknowledge_days",
                 set(out, R"({"deadlines": {"high": {"acknowledge_days": -1, "resolve_days": 2}}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deadlines.high.days", set(out, R"({"deadlines": {"high": {"days": 1}}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "escalate_after_days", set(out, R"({"escalate_after_days": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "escalate_after_days", set(out, R"({"escalate_after_days": 1.5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "follow_up_after_days", set(out, R"({"follow_up_after_days": 61})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "follow_up_channel", set(out, R"({"follow_up_channel": "face_to_face"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "follow_up_survey_id", set(out, R"({"follow_up_survey_id": 424242})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "low_rating5", set(out, R"({"low_rating5": 5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "low_rating5", set(out, R"({"low_rating5": "2"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "low_nps", set(out, R"({"low_nps": 10})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "low_nps", set(out, R"({"low_nps": 4294967297})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "low_score_severity", set(out, R"({"low_score_severity": "fatal"})"));
    EXPECT_EQ(before, raw());
}

TEST_F(FeedbackInput, Surveys) {
    const std::string before = raw();
    const auto create = [&](char** out, const char* doc) { return snowball_survey_create(out, archive_, doc); };
    const char* good = R"({"title": "t", "questions": [{"key": "a", "text": "A", "type": "rating5"}]})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_create(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_create(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "survey_json", create(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "survey_json", create(out, "[1]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "title", create(out, R"({"questions": [{"key": "a", "text": "A", "type": "rating5"}]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "questions", create(out, R"({"title": "t"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "questions", create(out, R"({"title": "t", "questions": {}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "questions", create(out, R"({"title": "t", "questions": []})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "questions[0]", create(out, R"({"title": "t", "questions": ["a"]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "questions[0].kye", create(out, R"({"title": "t", "questions": [{"kye": "a", "text": "A", "type": "nps"}]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "questions[0].type", create(out, R"({"title": "t", "questions": [{"key": "a", "text": "A", "type": "stars"}]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "questions[0].type", create(out, R"({"title": "t", "questions": [{"key": "a", "text": "A"}]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "questions[0].options[0]",
                 create(out, R"({"title": "t", "questions": [{"key": "a", "text": "A", "type": "single", "options": [1, 2]}]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "questions[0].options",
                 create(out, R"({"title": "t", "questions": [{"key": "a", "text": "A", "type": "single", "options": ["only"]}]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", create(out, R"({"title": "t", "by": "me", "questions": [{"key": "a", "text": "A", "type": "nps"}]})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", create(out, R"({"title": "t", "site": "NOPE", "questions": [{"key": "a", "text": "A", "type": "nps"}]})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_get(nullptr, archive_, survey_, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_get(out, nullptr, survey_, 0));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "survey_id", snowball_survey_get(out, archive_, bad, 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "version", snowball_survey_get(out, archive_, survey_, 2));
    EXPECT_FAILS(SNOWBALL_EINVALID, "version", snowball_survey_get(out, archive_, survey_, -1));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_list(nullptr, archive_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_list(out, nullptr, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_inactive", snowball_survey_list(out, archive_, nullptr, 2));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_survey_list(out, archive_, "NOPE", 0));

    const auto update = [&](char** out, const char* doc) { return snowball_survey_update(out, archive_, survey_, doc); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_update(nullptr, archive_, survey_, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_update(out, nullptr, survey_, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", update(out, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "title", update(out, R"({"title": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "active", update(out, R"({"active": "no"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "questions[0].type",
                 update(out, R"({"questions": [{"key": "quality", "text": "Q", "type": "nps"}]})"));   // a key keeps its type
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "survey_id", snowball_survey_update(out, archive_, bad, R"({"title": "x"})"));
    EXPECT_EQ(before, raw());
}

TEST_F(FeedbackInput, Campaigns) {
    const std::string before = raw();
    const auto create = [&](char** out, const std::string& doc) { return snowball_survey_campaign_create(out, archive_, doc.c_str()); };
    const auto with = [&](json doc) {
        json base = {{"survey_id", survey_}, {"channel", "phone"}, {"audience", {{"kind", "site_owners"}, {"site", "XH"}}}};
        base.update(doc);
        return base.dump();
    };
    const std::string good = with(json::object());
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_campaign_create(nullptr, archive_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_campaign_create(out, nullptr, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "campaign_json", snowball_survey_campaign_create(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "campaign_json", create(out, "null"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "survey_id", create(out, R"({"channel": "phone", "audience": {"kind": "site_owners", "site": "XH"}})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "survey_id", create(out, with({{"survey_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", create(out, with({{"channel", "sms"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience", create(out, with({{"audience", nullptr}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience", create(out, with({{"audience", "owners"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.kind", create(out, with({{"audience", {{"kind", "everyone"}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.sitee", create(out, with({{"audience", {{"kind", "site_owners"}, {"sitee", "XH"}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.site", create(out, with({{"audience", {{"kind", "site_owners"}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience", create(out, with({{"audience", {{"kind", "site_owners"}, {"site", "BJ"}}}})));   // no owners
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.customer_ids[1]",
                 create(out, with({{"audience", {{"kind", "customers"}, {"customer_ids", {zhang_, "x"}}}}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "audience.customer_ids[0]",
                 create(out, with({{"audience", {{"kind", "customers"}, {"customer_ids", {424242}}}}})));
    EXPECT_FAILS(SNOWBALL_ESTATE, "audience.ticket_id", create(out, with({{"audience", {{"kind", "ticket"}, {"ticket_id", ticket_}}}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "audience.consultant_id",
                 create(out, with({{"audience", {{"kind", "consultant_customers"}, {"consultant_id", 424242}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "send_on", create(out, with({{"send_on", "soon"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "allow_multiple", create(out, with({{"allow_multiple", 1}})));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_campaign_get(nullptr, archive_, campaign_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_campaign_get(out, nullptr, campaign_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "campaign_id", snowball_survey_campaign_get(out, archive_, bad));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_campaign_list(nullptr, archive_, survey_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_campaign_list(out, nullptr, survey_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "survey_id", snowball_survey_campaign_list(out, archive_, bad));
    EXPECT_EQ(before, raw());
}

TEST_F(FeedbackInput, Responses) {
    const std::string before = raw();
    const auto respond = [&](char** out, const std::string& doc) { return snowball_survey_respond(out, archive_, doc.c_str()); };
    const auto with = [&](json doc) {
        json base = {{"survey_id", survey_}, {"customer_id", sun_}, {"channel", "online"}, {"answers", {{"quality", 5}}}};
        base.update(doc);
        return base.dump();
    };
    const std::string good = with(json::object());
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_respond(nullptr, archive_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_respond(out, nullptr, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "response_json", snowball_survey_respond(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "response_json", respond(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "survey_id", respond(out, R"({"customer_id": 1, "answers": {}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", respond(out, with({{"customer_id", nullptr}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers", respond(out, with({{"answers", nullptr}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers", respond(out, with({{"answers", {5}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers", respond(out, with({{"answers", json::object()}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers.quality", respond(out, with({{"answers", {{"quality", true}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers.quality", respond(out, with({{"answers", {{"quality", 6}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers.quality", respond(out, with({{"answers", {{"quality", 3.5}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers.quality", respond(out, with({{"answers", {{"quality", {{"score", 3}}}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers.quality", respond(out, with({{"answers", {{"quality", 18446744073709551615ULL}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers.recommend", respond(out, with({{"answers", {{"recommend", 11}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers.liked", respond(out, with({{"answers", {{"liked", {"view", 2}}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers.liked", respond(out, with({{"answers", {{"liked", {"pool"}}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answers.mood", respond(out, with({{"answers", {{"quality", 5}, {"mood", 3}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", respond(out, with({{"channel", nullptr}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", respond(out, with({{"channel", "face_to_face"}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "survey_id", respond(out, with({{"survey_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", respond(out, with({{"customer_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "campaign_id", respond(out, with({{"campaign_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", respond(out, with({{"campaign_id", campaign_}})));   // 孙丽 was not invited
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "campaign_id", respond(out, with({{"customer_id", zhang_}, {"campaign_id", campaign_}})));
    EXPECT_EQ(response_, snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_EINVALID, "ticket_id", respond(out, with({{"ticket_id", ticket_}})));   // 张伟's ticket
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", respond(out, with({{"deal_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", respond(out, with({{"date", "2025/10/01"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "event", respond(out, with({{"event", 7}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", respond(out, with({{"by", 424242}})));

    const auto many = [&](char** out, const std::string& doc) { return snowball_survey_respond_many(out, archive_, doc.c_str()); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_respond_many(nullptr, archive_, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_respond_many(out, nullptr, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "responses_json", snowball_survey_respond_many(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "responses_json", many(out, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "responses[1]", many(out, "[" + good + ", 3]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "responses[0].survey_id", many(out, R"([{"customer_id": 1, "answers": {}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "responses[1].answers.quality", many(out, "[" + good + ", " + with({{"answers", {{"quality", 0}}}}) + "]"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "responses[1].customer_id", many(out, "[" + good + ", " + with({{"customer_id", 424242}}) + "]"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_response_get(nullptr, archive_, response_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_response_get(out, nullptr, response_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "response_id", snowball_survey_response_get(out, archive_, bad));

    const auto list = [&](char** out, const char* q) { return snowball_survey_response_list(out, archive_, q); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_response_list(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_response_list(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", list(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "survey", list(out, R"({"survey": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", list(out, R"({"offset": -2})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "survey_id", list(out, R"({"survey_id": 424242})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", list(out, R"({"customer_id": 424242})"));
    EXPECT_EQ(before, raw());
}

TEST_F(FeedbackInput, Stats) {
    const auto stats = [&](char** out, const char* q) { return snowball_survey_stats(out, archive_, survey_, q); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_stats(nullptr, archive_, survey_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_stats(out, nullptr, survey_, nullptr));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "survey_id", snowball_survey_stats(out, archive_, bad, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", stats(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", stats(out, "\"XH\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "start", stats(out, R"({"start": "2025-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", stats(out, R"({"from": "2025-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", stats(out, R"({"from": "2025-05-01", "to": "2025-04-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "topic", stats(out, R"({"topic": "weather"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "version", stats(out, R"({"version": 0})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "version", stats(out, R"({"version": 2})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", stats(out, R"({"site": "NOPE"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", stats(out, R"({"consultant_id": 424242})"));
}

} // namespace
