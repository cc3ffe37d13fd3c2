// The contact log through the C API: logging and reading back, the follow-up, the list of the day,
// the customers not contacted, do-not-contact, the settings and the care report with its CSV, and
// every documented key of the documents (capi/include/snowball/contacts.h, docs/C_API.md).
#include "contacts_fixture.hpp"
#include "documents.hpp"

#include <set>
#include <string>

namespace {

using capi_test::json;
using capi_test::last_error_text;
using capi_test::Out;

constexpr auto& keys = capi_test::keys_of;

const std::set<std::string> entry_keys{"id", "customer_id", "site", "consultant_id", "at", "day", "channel", "direction",
                                       "duration_s", "outcome", "reached", "note", "intent_before", "intent", "next_contact",
                                       "care_task_id", "ticket_id", "campaign_id", "referral_id", "deal_id", "event_id", "delivery_id", "quiet_hours",
                                       "supersedes", "superseded_by", "recorded_by", "recorded_at"};
const std::set<std::string> follow_up_keys{"customer_id", "last_contact_at", "last_contact_day", "last_channel", "last_reached_day",
                                           "intent", "next_on", "next_time", "next_channel", "next_purpose", "next_source"};
const std::set<std::string> due_keys{"kind", "due", "overdue", "customer_id", "customer_name", "archive_no", "tier", "stage",
                                     "consultant_id", "intent", "channel", "time", "purpose", "source", "care_task_id", "occasion",
                                     "last_contact_day"};
const std::set<std::string> row_keys{"period_start", "period_end", "consultant_id", "consultant_name", "total", "tasks_due",
                                     "done_on_time", "done_late", "skipped", "skip_reasons", "overdue", "contacts", "reached",
                                     "customers_contacted", "by_channel", "by_outcome", "calls_in_quiet_hours", "grade_moves",
                                     "prospects_without_next", "owners_not_contacted_90"};

// 张伟 (the shared fixture's), who is called, and 李娜, filed the day after, who is not.
class ContactsApi : public capi_test::ContactsTest {
protected:
    void SetUp() override {
        capi_test::ContactsTest::SetUp();
        li_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "李娜"}, {"mobile", "13900139000"},
                            {"consultant_id", xh_consultant_}, {"first_contact", "2025-01-07"}, {"filed_on", "2025-01-07"}})["id"]
                  .get<std::int64_t>();
    }

    std::int64_t li_ = 0;
};

TEST_F(ContactsApi, ALoggedCallReadsBackNewestFirstAndMovesTheFollowUp) {
    const json first = log(zhang_, {{"channel", "phone"}, {"outcome", "no_answer"}, {"at", "2025-10-01T10:00"}});
    EXPECT_EQ(entry_keys, keys(first));
    EXPECT_EQ("2025-10-01T02:00:00Z", first["at"]);   // China time in, UTC out
    EXPECT_EQ("2025-10-01", first["day"]);
    EXPECT_EQ(xh_consultant_, first["consultant_id"]);   // a host handle: the customer's consultant
    EXPECT_EQ("out", first["direction"]);
    EXPECT_EQ(false, first["reached"]);
    EXPECT_TRUE(first["next_contact"].is_null());
    EXPECT_EQ("host", first["recorded_by"]);
    EXPECT_TRUE(capi_test::is_timestamp(first["recorded_at"]));

    const json second = log(zhang_, {{"channel", "电话"},
                                     {"outcome", "reached"},
                                     {"note", "对三居室感兴趣"},
                                     {"intent", "A"},
                                     {"duration_s", 300},
                                     {"at", "2025-10-02T15:30:00+08:00"},
                                     {"next_contact", {{"date", "2025-10-05"}, {"time", "10:00"}, {"channel", "wechat"}, {"purpose", "发户型图"}}}});
    EXPECT_EQ("phone", second["channel"]);
    EXPECT_EQ(true, second["reached"]);
    EXPECT_EQ("", second["intent_before"]);
    EXPECT_EQ("A", second["intent"]);
    EXPECT_EQ(300, second["duration_s"]);
    EXPECT_EQ((std::set<std::string>{"date", "time", "channel", "purpose"}), keys(second["next_contact"]));
    EXPECT_EQ("wechat", second["next_contact"]["channel"]);
    const std::int64_t id = second["id"].get<std::int64_t>();
    EXPECT_EQ(second, ok([&](char** out) { return snowball_contact_get(out, archive_, id); }));

    const json history = ok([&](char** out) { return snowball_contact_history(out, archive_, zhang_, 0, 0); });
    ASSERT_EQ(2u, history.size());
    EXPECT_EQ(id, history[0]["id"]);
    EXPECT_EQ(first["id"], history[1]["id"]);
    EXPECT_EQ(1u, ok([&](char** out) { return snowball_contact_history(out, archive_, zhang_, 1, 0); }).size());

    const json f = ok([&](char** out) { return snowball_contact_follow_up(out, archive_, zhang_); });
    EXPECT_EQ(follow_up_keys, keys(f));
    EXPECT_EQ("2025-10-05", f["next_on"]);
    EXPECT_EQ("10:00", f["next_time"]);
    EXPECT_EQ("wechat", f["next_channel"]);
    EXPECT_EQ("planned", f["next_source"]);
    EXPECT_EQ("2025-10-02", f["last_reached_day"]);
    EXPECT_EQ("A", f["intent"]);
    const json never = ok([&](char** out) { return snowball_contact_follow_up(out, archive_, li_); });
    EXPECT_TRUE(never["last_contact_at"].is_null());
    EXPECT_EQ("", never["next_source"]);

    // A correction supersedes: the history shows it in the old entry's place, both when asked.
    const json fixed = ok([&](char** out) {
        return snowball_contact_correct(out, archive_, first["id"].get<std::int64_t>(), R"({"channel": "phone", "outcome": "busy"})");
    });
    EXPECT_EQ(first["id"], fixed["supersedes"]);
    EXPECT_EQ(first["at"], fixed["at"]);
    EXPECT_EQ(2u, ok([&](char** out) { return snowball_contact_history(out, archive_, zhang_, 0, 0); }).size());
    const json all = ok([&](char** out) { return snowball_contact_history(out, archive_, zhang_, 0, 1); });
    ASSERT_EQ(3u, all.size());
    EXPECT_EQ(fixed["id"], ok([&](char** out) { return snowball_contact_get(out, archive_, first["id"].get<std::int64_t>()); })["superseded_by"]);

    const json freq = ok([&](char** out) {
        return snowball_contact_frequency(out, archive_, json({{"customer_id", zhang_}, {"as_of", "2025-10-10"}}).dump().c_str());
    });
    EXPECT_EQ((std::set<std::string>{"as_of", "last_contact_at", "windows"}), keys(freq));
    ASSERT_EQ(3u, freq["windows"].size());
    EXPECT_EQ((std::set<std::string>{"days", "contacts", "reached", "customers", "by_channel"}), keys(freq["windows"][0]));
    EXPECT_EQ(30, freq["windows"][0]["days"]);
    EXPECT_EQ(2, freq["windows"][0]["contacts"]);   // the superseded entry is not counted
    EXPECT_EQ(1, freq["windows"][0]["reached"]);
    EXPECT_EQ(2, freq["windows"][0]["by_channel"]["phone"]);
}

TEST_F(ContactsApi, TheListOfTheDayAndTheQuietCustomers) {
    log(zhang_, {{"channel", "phone"}, {"outcome", "reached"}, {"at", "2025-10-01T10:00"}, {"next_contact", {{"date", "2025-10-05"}}}});
    const json due = ok([&](char** out) {
        return snowball_contact_due(out, archive_, json({{"on", "2025-10-05"}, {"consultant_id", xh_consultant_}}).dump().c_str());
    });
    ASSERT_EQ(1u, due.size());
    EXPECT_EQ(due_keys, keys(due[0]));
    EXPECT_EQ("contact", due[0]["kind"]);
    EXPECT_EQ(zhang_, due[0]["customer_id"]);
    EXPECT_EQ("张伟", due[0]["customer_name"]);
    EXPECT_EQ("planned", due[0]["source"]);
    EXPECT_EQ("phone", due[0]["channel"]);   // the entry's channel when the plan names none
    EXPECT_EQ(false, due[0]["overdue"]);
    // The next day it is overdue, unless overdue items are left out.
    const json later = ok([&](char** out) { return snowball_contact_due(out, archive_, R"({"on": "2025-10-06", "site": "XH"})"); });
    ASSERT_EQ(1u, later.size());
    EXPECT_EQ(true, later[0]["overdue"]);
    EXPECT_EQ(0u, ok([&](char** out) {
                      return snowball_contact_due(out, archive_, R"({"on": "2025-10-06", "site": "XH", "include_overdue": false})");
                  }).size());

    const json quiet = ok([&](char** out) {
        return snowball_contact_not_contacted(out, archive_, R"({"site": "XH", "days": 90, "as_of": "2025-10-05"})");
    });
    EXPECT_EQ((std::set<std::string>{"items", "total"}), keys(quiet));
    EXPECT_EQ(1, quiet["total"]);
    ASSERT_EQ(1u, quiet["items"].size());
    EXPECT_EQ((std::set<std::string>{"customer_id", "name", "archive_no", "tier", "stage", "consultant_id", "last_contact_day",
                                     "days_since"}),
              keys(quiet["items"][0]));
    EXPECT_EQ(li_, quiet["items"][0]["customer_id"]);
    EXPECT_TRUE(quiet["items"][0]["last_contact_day"].is_null());
    // Owners only: neither is one.
    EXPECT_EQ(0, ok([&](char** out) {
                     return snowball_contact_not_contacted(out, archive_, R"({"site": "XH", "stage": "owner", "as_of": "2025-10-05"})");
                 })["total"]);
}

TEST_F(ContactsApi, DoNotContactRefusesTheChannelAndLeavesTheListOfTheDay) {
    log(zhang_, {{"channel", "phone"}, {"outcome", "reached"}, {"at", "2025-10-01T10:00"}, {"next_contact", {{"date", "2025-10-05"}}}});
    int allowed = -1;
    ASSERT_SB_OK(snowball_contact_may_contact(&allowed, archive_, zhang_, "phone"));
    EXPECT_EQ(1, allowed);
    const json consent = ok([&](char** out) { return snowball_contact_do_not_contact(out, archive_, zhang_, "phone", xh_consultant_); });
    EXPECT_EQ("service", consent["purpose"]);
    EXPECT_EQ(true, consent["objection"]);
    EXPECT_EQ("phone", consent["channel"]);
    ASSERT_SB_OK(snowball_contact_may_contact(&allowed, archive_, zhang_, "phone"));
    EXPECT_EQ(0, allowed);
    ASSERT_SB_OK(snowball_contact_may_contact(&allowed, archive_, zhang_, "sms"));
    EXPECT_EQ(1, allowed);

    // The planned call leaves the list of the day; an SMS planned instead comes back to it.
    EXPECT_EQ(0u, ok([&](char** o) { return snowball_contact_due(o, archive_, R"({"on": "2025-10-05", "site": "XH"})"); }).size());

    Out out;
    EXPECT_EQ(SNOWBALL_ECONSENT, snowball_contact_log(out.ptr(), archive_, zhang_, R"({"channel": "phone", "outcome": "reached"})"));
    EXPECT_STREQ("channel", snowball_error_last()->field);
    EXPECT_EQ(SNOWBALL_ECONSENT, snowball_contact_log(out.ptr(), archive_, zhang_,
                                                      R"({"channel": "sms", "outcome": "sent", "at": "2025-10-03T09:00",
                                                          "next_contact": {"date": "2025-10-05", "channel": "phone"}})"));
    EXPECT_STREQ("next_contact.channel", snowball_error_last()->field);
    // They may still call in.
    EXPECT_SB_OK(snowball_contact_log(out.ptr(), archive_, zhang_,
                                      R"({"channel": "phone", "direction": "in", "outcome": "reached", "at": "2025-10-03T09:00",
                                          "next_contact": {"date": "2025-10-05", "channel": "sms"}})"));
    const json due = ok([&](char** o) { return snowball_contact_due(o, archive_, R"({"on": "2025-10-05", "site": "XH"})"); });
    ASSERT_EQ(1u, due.size());
    EXPECT_EQ("sms", due[0]["channel"]);
}

TEST_F(ContactsApi, SettingsOutcomesAndQuietHours) {
    const json s = ok([&](char** out) { return snowball_contact_settings(out, archive_, "XH"); });
    EXPECT_EQ((std::set<std::string>{"site", "grades", "owner_every_days", "outcomes", "quiet_hours"}), keys(s));
    ASSERT_EQ(4u, s["grades"].size());
    EXPECT_EQ((std::set<std::string>{"key", "label", "every_days"}), keys(s["grades"][0]));
    EXPECT_EQ(3, s["grades"][0]["every_days"]);
    EXPECT_EQ((std::set<std::string>{"key", "label", "reached", "builtin"}), keys(s["outcomes"][0]));
    EXPECT_TRUE(s["quiet_hours"].is_null());

    const json u = ok([&](char** out) {
        return snowball_contact_update_settings(out, archive_, "XH", R"({"quiet_hours": {"from": "21:00", "to": "09:00"}, "owner_every_days": 60})");
    });
    EXPECT_EQ("21:00", u["quiet_hours"]["from"]);
    EXPECT_EQ(60, u["owner_every_days"]);
    const json o = ok([&](char** out) {
        return snowball_contact_add_outcome(out, archive_, "XH", R"({"key": "visited_booth", "label": "到展位", "reached": true})");
    });
    EXPECT_EQ("visited_booth", o["outcomes"].back()["key"]);
    EXPECT_EQ(false, o["outcomes"].back()["builtin"]);

    // A call at 22:30 China time is inside the quiet hours; the site's own outcome is accepted.
    const json late = log(zhang_, {{"channel", "phone"}, {"outcome", "visited_booth"}, {"at", "2025-10-01T22:30"}});
    EXPECT_EQ(true, late["quiet_hours"]);
    EXPECT_EQ(true, late["reached"]);
    const json cleared = ok([&](char** out) { return snowball_contact_update_settings(out, archive_, "XH", R"({"quiet_hours": null})"); });
    EXPECT_TRUE(cleared["quiet_hours"].is_null());
    EXPECT_EQ(60, cleared["owner_every_days"]);
}

TEST_F(ContactsApi, TheCareReportAndItsCsvForExcel) {
    log(zhang_, {{"channel", "phone"}, {"outcome", "reached"}, {"at", "2025-10-01T10:00"}, {"intent", "B"}});
    log(li_, {{"channel", "sms"}, {"outcome", "sent"}, {"at", "2025-10-02T10:00"}});
    const char* query = R"({"site": "XH", "start": "2025-10-01", "end": "2025-10-31", "as_of": "2025-10-31"})";
    const json r = ok([&](char** out) { return snowball_report_care(out, archive_, query); });
    EXPECT_EQ((std::set<std::string>{"site", "start", "end", "period", "as_of", "rows"}), keys(r));
    EXPECT_EQ("whole", r["period"]);
    ASSERT_FALSE(r["rows"].empty());
    const json* wang = nullptr;
    for (const json& row : r["rows"]) {
        EXPECT_EQ(row_keys, keys(row));
        if (row["consultant_id"] == xh_consultant_) wang = &row;
    }
    ASSERT_NE(nullptr, wang);
    EXPECT_EQ("王芳", (*wang)["consultant_name"]);
    EXPECT_EQ(2, (*wang)["contacts"]);
    EXPECT_EQ(2, (*wang)["customers_contacted"]);
    EXPECT_EQ(1, (*wang)["by_channel"]["sms"]);
    EXPECT_EQ(true, r["rows"].back()["total"]);
    EXPECT_EQ(2, r["rows"].back()["contacts"]);

    Out csv;
    ASSERT_SB_OK(snowball_report_care_csv(csv.ptr(), archive_, query));
    const std::string text = csv.str();
    EXPECT_EQ(0u, text.rfind("\xEF\xBB\xBF", 0)) << "no UTF-8 byte-order mark";
    EXPECT_NE(std::string::npos, text.find("顾问"));
    EXPECT_NE(std::string::npos, text.find("王芳"));
    EXPECT_NE(std::string::npos, text.find("\r\n"));
    // One line per row, and the header.
    std::size_t lines = 0;
    for (std::size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at + 2)) ++lines;
    EXPECT_EQ(r["rows"].size() + 1, lines);

    // Both forms of one run: the same report.
    Out both_json, both_csv;
    ASSERT_SB_OK(snowball_report_care_with_csv(both_json.ptr(), both_csv.ptr(), archive_, query));
    EXPECT_EQ(r, json::parse(both_json.str()));
    EXPECT_EQ(text, both_csv.str());
}

TEST_F(ContactsApi, AVisitAtTheConstructionSiteIsAnEntry) {
    const json v = ok([&](char** out) {
        return snowball_visit_record(out, archive_, zhang_, R"({"date": "2025-10-02", "place": "construction_site", "note": "看工地"})");
    });
    EXPECT_EQ("construction_site", v["place"]);
    const json history = ok([&](char** out) { return snowball_contact_history(out, archive_, zhang_, 0, 0); });
    ASSERT_EQ(1u, history.size());
    EXPECT_EQ("visit_site", history[0]["channel"]);
    EXPECT_EQ("in", history[0]["direction"]);
    EXPECT_EQ("2025-10-02", history[0]["day"]);
    EXPECT_EQ("看工地", history[0]["note"]);
    const json b = ok([&](char** out) { return snowball_briefing_get(out, archive_, zhang_, nullptr); });
    ASSERT_EQ(1u, b["recent_contacts"].size());
    EXPECT_EQ(entry_keys, keys(b["recent_contacts"][0]));
    EXPECT_EQ(follow_up_keys, keys(b["follow_up"]));
}

} // namespace
