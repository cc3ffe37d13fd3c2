// The C API's happy paths of snowball/calendar.h: the Chinese calendar, festivals and working days
// without an archive; the care calendar's settings, agenda and tasks, and holiday arrangements
// loaded into the archive.
#include "capi_support.hpp"
#include "documents.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace capi_test;

// ---------------------------------------------------------------------------------------------
// The Chinese calendar, festivals, working days

TEST(CApi, LunarConversion) {
    Out out;
    ASSERT_SB_OK(snowball_calendar_to_lunar(out.ptr(), "2020-06-06"));
    const json leap = out.doc();
    EXPECT_EQ((std::set<std::string>{"year", "month", "day", "leap", "month_name", "day_name", "text", "zodiac", "zodiac_en",
                                     "cyclical_year", "solar_term"}),
              keys_of(leap));
    EXPECT_EQ((json{{"year", 2020}, {"month", 4}, {"day", 15}, {"leap", true}, {"month_name", "闰四月"}, {"day_name", "十五"},
                    {"text", "庚子年闰四月十五"}, {"zodiac", "鼠"}, {"zodiac_en", "rat"}, {"cyclical_year", "庚子"},
                    {"solar_term", nullptr}}),
              leap);
    ASSERT_SB_OK(snowball_calendar_to_lunar(out.ptr(), "2026-04-05"));
    EXPECT_EQ((json{{"year", 2026}, {"month", 2}, {"day", 18}, {"leap", false}, {"month_name", "二月"}, {"day_name", "十八"},
                    {"text", "丙午年二月十八"}, {"zodiac", "马"}, {"zodiac_en", "horse"}, {"cyclical_year", "丙午"},
                    {"solar_term", "qingming"}}),
              out.doc());
    // The ends of the range and a lunar year that began in the previous Gregorian year.
    ASSERT_SB_OK(snowball_calendar_to_lunar(out.ptr(), "1900-01-31"));
    EXPECT_EQ(1900, out.doc()["year"]);
    ASSERT_SB_OK(snowball_calendar_to_lunar(out.ptr(), "2034-01-19"));
    EXPECT_EQ((std::vector<int>{2033, 11, 29}),
              (std::vector<int>{out.doc()["year"], out.doc()["month"], out.doc()["day"]}));
    EXPECT_TRUE(out.doc()["leap"].get<bool>());
    ASSERT_SB_OK(snowball_calendar_to_lunar(out.ptr(), "2100-12-31"));
    EXPECT_EQ("十二月", out.doc()["month_name"]);

    ASSERT_SB_OK(snowball_calendar_to_gregorian(out.ptr(), 2020, 4, 15, 1));
    EXPECT_STREQ("2020-06-06", out.str());
    ASSERT_SB_OK(snowball_calendar_to_gregorian(out.ptr(), 2020, 4, 15, 0));
    EXPECT_STREQ("2020-05-07", out.str());
    ASSERT_SB_OK(snowball_calendar_to_gregorian(out.ptr(), 2026, 8, 15, 0));
    EXPECT_STREQ("2026-09-25", out.str());
    ASSERT_SB_OK(snowball_calendar_to_gregorian(out.ptr(), 2100, 12, 1, 0));
    EXPECT_STREQ("2100-12-31", out.str());

    for (const auto& [year, date] : std::vector<std::pair<int, const char*>>{{1992, "1992-04-04"}, {2008, "2008-04-04"},
                                                                            {2026, "2026-04-05"}, {2040, "2040-04-04"}}) {
        ASSERT_SB_OK(snowball_calendar_solar_term(out.ptr(), year, "qingming"));
        EXPECT_STREQ(date, out.str()) << year;
    }
    ASSERT_SB_OK(snowball_calendar_solar_term(out.ptr(), 2026, "lichun"));
    EXPECT_STREQ("2026-02-04", out.str());
}

TEST(CApi, FestivalsOfAYear) {
    Out out;
    ASSERT_SB_OK(snowball_calendar_festivals(out.ptr(), 2026));
    const json days = out.doc();
    ASSERT_TRUE(days.is_array());
    std::map<std::string, std::string> on;
    std::string previous;
    for (const json& f : days) {
        EXPECT_EQ((std::set<std::string>{"key", "date", "name_zh", "name_en"}), keys_of(f));
        const std::string date = f["date"];
        EXPECT_EQ("2026", date.substr(0, 4));
        EXPECT_LE(previous, date);
        previous = date;
        on[f["key"]] = date;
    }
    EXPECT_EQ("2026-02-16", on["new_years_eve"]);
    EXPECT_EQ("2026-02-17", on["spring_festival"]);
    EXPECT_EQ(0u, on.count("qingming"));   // off by default: a day of mourning
    EXPECT_EQ("2026-05-10", on["mothers_day"]);
    EXPECT_EQ("2026-06-21", on["fathers_day"]);
    EXPECT_EQ("2026-09-25", on["mid_autumn"]);
    EXPECT_EQ("2026-10-01", on["national_day"]);
    for (const json& f : days)
        if (f["key"] == "mid_autumn") {
            EXPECT_EQ("中秋节", f["name_zh"]);
            EXPECT_EQ("Mid-Autumn Festival", f["name_en"]);
        }
    // Laba fell twice in 2022.
    ASSERT_SB_OK(snowball_calendar_festivals(out.ptr(), 2022));
    std::vector<std::string> laba;
    for (const json& f : out.doc())
        if (f["key"] == "laba") laba.push_back(f["date"]);
    EXPECT_EQ((std::vector<std::string>{"2022-01-10", "2022-12-30"}), laba);
}

TEST(CApi, WorkingDaysWithoutAnArchive) {
    Out out;
    ASSERT_SB_OK(snowball_workdays_add(out.ptr(), nullptr, "2025-09-30", 3));
    EXPECT_EQ((json{{"date", "2025-10-11"}, {"estimated", false}, {"unpublished_years", json::array()}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_add(out.ptr(), nullptr, "2025-09-30", 0));
    EXPECT_EQ("2025-09-30", out.doc()["date"]);
    ASSERT_SB_OK(snowball_workdays_between(out.ptr(), nullptr, "2025-09-30", "2025-10-11"));
    EXPECT_EQ((json{{"days", 3}, {"estimated", false}, {"unpublished_years", json::array()}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), nullptr, "2025-10-01"));
    const json holiday = out.doc();
    EXPECT_EQ((std::set<std::string>{"date", "working", "holiday", "published"}), keys_of(holiday));
    EXPECT_EQ("2025-10-01", holiday["date"]);
    EXPECT_FALSE(holiday["working"].get<bool>());
    ASSERT_TRUE(holiday["holiday"].is_string());
    EXPECT_NE(std::string::npos, holiday["holiday"].get<std::string>().find("国庆"));
    EXPECT_TRUE(holiday["published"].get<bool>());
    // A make-up working Sunday.
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), nullptr, "2025-09-28"));
    EXPECT_EQ((json{{"date", "2025-09-28"}, {"working", true}, {"holiday", nullptr}, {"published", true}}), out.doc());
    // A year not published yet: weekends only, and the answer says so.
    ASSERT_SB_OK(snowball_workdays_add(out.ptr(), nullptr, "2099-12-31", 1));
    EXPECT_EQ((json{{"date", "2100-01-01"}, {"estimated", true}, {"unpublished_years", {2100}}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), nullptr, "2099-01-01"));
    EXPECT_FALSE(out.doc()["published"].get<bool>());
    EXPECT_TRUE(out.doc()["working"].get<bool>());   // a Thursday, counted as a working day
}

// ---------------------------------------------------------------------------------------------
// The care calendar

const std::set<std::string> task_keys = {"id",          "customer_id", "customer_name", "archive_no", "site",
                                         "consultant_id", "date",      "prepare_from",  "occasions",  "actions",
                                         "status",      "outcome",     "note",          "done_at",    "done_by",
                                         "occasion",    "action",      "family_member_ids", "over_budget"};

TEST_F(ArchiveTest, CareSettingsDocuments) {
    const json s = ok([&](char** out) { return snowball_care_settings(out, archive_, "xh"); });
    EXPECT_EQ((std::set<std::string>{"site", "festivals", "policy", "occasions", "gift_budgets"}), keys_of(s));
    EXPECT_TRUE(s["gift_budgets"].empty());
    EXPECT_EQ("XH", s["site"]);
    std::map<std::string, std::string> dates;
    for (const json& f : s["festivals"]) {
        EXPECT_EQ((std::set<std::string>{"key", "name_zh", "name_zh_hant", "name_en", "date", "enabled", "audience"}), keys_of(f));
        EXPECT_EQ(f["key"] != "qingming", f["enabled"].get<bool>()) << f["key"];
        EXPECT_EQ((std::set<std::string>{"gender", "relation", "min_age", "max_age", "children", "unit_prefix", "profile_field", "profile_value"}), keys_of(f["audience"]));
        dates[f["key"]] = f["date"];
        if (f["key"] == "mothers_day") {
            EXPECT_EQ("mother", f["audience"]["relation"]);
        }
        if (f["key"] == "womens_day") {
            EXPECT_EQ("female", f["audience"]["gender"]);
        }
        if (f["key"] == "mid_autumn") {
            EXPECT_EQ(nullptr, f["audience"]["gender"]);
        }
    }
    EXPECT_EQ("lunar:08-15", dates["mid_autumn"]);
    EXPECT_EQ("gregorian:12-25", dates["christmas"]);
    EXPECT_EQ("lunar_last:12", dates["new_years_eve"]);
    EXPECT_EQ("weekday:05-2-sun", dates["mothers_day"]);
    EXPECT_EQ("solar_term:qingming", dates["qingming"]);
    ASSERT_FALSE(s["policy"].empty());
    bool vip_cake = false;
    for (const json& r : s["policy"]) {
        EXPECT_EQ((std::set<std::string>{"occasion", "festival", "tier", "stage", "action", "channel", "lead_days", "label"}),
                  keys_of(r));
        if (r["occasion"] == "birthday" && r["tier"] == "vip" && r["action"] == "flowers_or_cake") {
            vip_cake = true;
            EXPECT_EQ("owner", r["stage"]);
            EXPECT_EQ("gift", r["channel"]);
            EXPECT_EQ(2, r["lead_days"]);
        }
    }
    EXPECT_TRUE(vip_cake);
    // Prospects and visitors get nothing until the site says so: no default rule names them or any stage.
    for (const json& r : s["policy"]) EXPECT_EQ("owner", r["stage"]) << r.dump();
    EXPECT_EQ((json{{"leap_month_birthdays_twice", false}, {"deal_anniversaries", true}, {"follow_up", "7d,30d,90d,6m*"}}),
              s["occasions"]);

    // A site's own festival, a policy for prospects, its own occasion settings.
    const json festivals = ok([&](char** out) {
        return snowball_care_set_festivals(out, archive_, "XH",
                                           R"([{"key": "owners_day", "name_zh": "业主节", "date": "Gregorian:6-18"},
                                               {"key": "mid_autumn", "name_zh": "中秋节", "date": "lunar:08-15", "enabled": false}])");
    });
    ASSERT_EQ(2u, festivals["festivals"].size());
    EXPECT_EQ((json{{"key", "owners_day"}, {"name_zh", "业主节"}, {"name_zh_hant", ""}, {"name_en", ""},
                    {"date", "gregorian:06-18"}, {"enabled", true}, {"audience", {{"gender", nullptr}, {"relation", ""}, {"min_age", nullptr}, {"max_age", nullptr}, {"children", false},
                                               {"unit_prefix", ""}, {"profile_field", ""}, {"profile_value", ""}}}}),
              festivals["festivals"][0]);
    EXPECT_FALSE(festivals["festivals"][1]["enabled"].get<bool>());
    EXPECT_EQ(s["policy"], festivals["policy"]);
    const json policy = ok([&](char** out) {
        return snowball_care_set_policy(out, archive_, "XH",
                                        R"([{"occasion": "festival", "festival": "owners_day", "tier": "any", "stage": "prospect",
                                             "action": "sms", "channel": "sms", "lead_days": 1, "label": "业主节短信"}])");
    });
    ASSERT_EQ(1u, policy["policy"].size());
    EXPECT_EQ((json{{"occasion", "festival"}, {"festival", "owners_day"}, {"tier", nullptr}, {"stage", "prospect"},
                    {"action", "sms"}, {"channel", "sms"}, {"lead_days", 1},
                    {"label", {{"zh", "业主节短信"}, {"zh_hant", ""}, {"en", ""}}}}),
              policy["policy"][0]);
    EXPECT_EQ(festivals["festivals"], policy["festivals"]);
    const json occasions = ok([&](char** out) {
        return snowball_care_set_occasions(out, archive_, "XH", R"({"follow_up": "14d,3m*"})");
    });
    EXPECT_EQ((json{{"leap_month_birthdays_twice", false}, {"deal_anniversaries", true}, {"follow_up", "14d,3m*"}}),
              occasions["occasions"]);
    EXPECT_EQ(policy["policy"], occasions["policy"]);
    EXPECT_EQ(occasions, ok([&](char** out) { return snowball_care_settings(out, archive_, "XH"); }));
    // BJ is untouched.
    EXPECT_EQ(s["policy"], ok([&](char** out) { return snowball_care_settings(out, archive_, "BJ"); })["policy"]);
}

// One change of the settings each, read and written in one call.
TEST_F(ArchiveTest, CareSettingsChangedOneAtATime) {
    const json before = ok([&](char** out) { return snowball_care_settings(out, archive_, "XH"); });
    const json switched = ok([&](char** out) { return snowball_care_switch_festival(out, archive_, "xh", "mid_autumn", 0); });
    std::map<std::string, bool> enabled;
    for (const json& f : switched["festivals"]) enabled[f["key"]] = f["enabled"];
    EXPECT_FALSE(enabled.at("mid_autumn"));
    EXPECT_TRUE(enabled.at("national_day"));
    EXPECT_EQ(before["festivals"].size(), switched["festivals"].size());
    EXPECT_EQ(before["policy"], switched["policy"]);
    const json added = ok([&](char** out) {
        return snowball_care_add_festival(out, archive_, "XH",
                                          R"({"key": "owners_day", "name_zh": "业主节", "name_en": "Owners' Day", "date": "gregorian:06-18"})");
    });
    ASSERT_EQ(before["festivals"].size() + 1, added["festivals"].size());
    EXPECT_EQ((json{{"key", "owners_day"}, {"name_zh", "业主节"}, {"name_zh_hant", ""}, {"name_en", "Owners' Day"},
                    {"date", "gregorian:06-18"}, {"enabled", true}, {"audience", {{"gender", nullptr}, {"relation", ""}, {"min_age", nullptr}, {"max_age", nullptr}, {"children", false},
                                               {"unit_prefix", ""}, {"profile_field", ""}, {"profile_value", ""}}}}),
              added["festivals"].back());
    EXPECT_EQ(false, added["festivals"][0]["key"] == "mid_autumn");
    const json switched_back = ok([&](char** out) { return snowball_care_switch_festival(out, archive_, "XH", "mid_autumn", 1); });
    for (const json& f : switched_back["festivals"]) EXPECT_EQ(f["key"] != "qingming", f["enabled"].get<bool>()) << f["key"];
    const json updated = ok([&](char** out) {
        return snowball_care_update_occasions(out, archive_, "XH", R"({"leap_month_birthdays_twice": true})");
    });
    EXPECT_EQ((json{{"leap_month_birthdays_twice", true}, {"deal_anniversaries", true}, {"follow_up", "7d,30d,90d,6m*"}}),
              updated["occasions"]);
    const json again = ok([&](char** out) { return snowball_care_update_occasions(out, archive_, "XH", R"({"follow_up": "14d"})"); });
    EXPECT_EQ((json{{"leap_month_birthdays_twice", true}, {"deal_anniversaries", true}, {"follow_up", "14d"}}), again["occasions"]);
    EXPECT_EQ(again, ok([&](char** out) { return snowball_care_settings(out, archive_, "XH"); }));
    // BJ is untouched.
    EXPECT_EQ(before["occasions"], ok([&](char** out) { return snowball_care_settings(out, archive_, "BJ"); })["occasions"]);
}

// A site's own occasions through the C API: building 3's 交房日 (once) and its anniversaries
// (yearly), for the owners of its units only.
TEST_F(ArchiveTest, CareOccasionsOfASiteForABuildingsOwners) {
    const auto owner = [&](const char* name, const char* unit) {
        const json c = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", name}, {"consultant_id", xh_consultant_},
                                     {"first_contact", "2020-01-06"}, {"filed_on", "2020-01-06"}});
        const std::int64_t id = c["id"];
        const std::string deal = std::string(R"({"unit": ")") + unit + R"(", "area": 89.5, "price": 1200000, "date": "2024-05-10"})";
        ok([&](char** out) { return snowball_deal_record(out, archive_, id, deal.c_str()); });
        return id;
    };
    const std::int64_t third = owner("张伟", "3-1-1201");
    owner("刘洋", "5-2-0801");
    for (const char* doc : {R"({"key": "handover_b3", "name_zh": "3号楼交房", "date": "once:2026-10-28", "audience": {"unit_prefix": "3-"}})",
                            R"({"key": "handover_b3_yearly", "name_zh": "3号楼交房周年", "date": "yearly:2026-10-28", "audience": {"unit_prefix": "3-"}})"})
        ok([&](char** out) { return snowball_care_add_festival(out, archive_, "XH", doc); });
    for (const char* window : {R"({"from": "2026-10-28", "to": "2026-10-28", "site": "XH"})",
                               R"({"from": "2029-10-28", "to": "2029-10-28", "site": "XH"})"}) {
        const json tasks = ok([&](char** out) { return snowball_care_agenda(out, archive_, window); });
        ASSERT_EQ(1u, tasks.size()) << window;
        EXPECT_EQ(third, tasks[0]["customer_id"].get<std::int64_t>());
        EXPECT_EQ(std::string(window).find("2026") != std::string::npos ? "handover_b3" : "handover_b3_yearly",
                  tasks[0]["occasions"][0]["key"].get<std::string>());
    }
}

TEST_F(ArchiveTest, CareAgendaTasksAndTheirCompletion) {
    const json zhang = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "张伟"}, {"tier", "vip"},
                                     {"consultant_id", xh_consultant_}, {"birthday", "lunar:1980-08-15"},
                                     {"first_contact", "2020-01-06"}, {"filed_on", "2020-01-06"}});
    const std::int64_t zhang_id = zhang["id"];
    ok([&](char** out) {
        return snowball_deal_record(out, archive_, zhang_id, R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-05-10"})");
    });
    const json wife = ok([&](char** out) {
        return snowball_family_add(out, archive_, zhang_id, R"({"relation": "spouse", "name": "李娜", "birthday": "1982-09-22"})");
    });
    const json tasks = ok([&](char** out) {
        return snowball_care_agenda(out, archive_, R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH"})");
    });
    ASSERT_EQ(2u, tasks.size());
    for (const json& t : tasks) EXPECT_EQ(task_keys, keys_of(t));
    const json& family_day = tasks[0];
    EXPECT_EQ(zhang_id, family_day["customer_id"]);
    EXPECT_EQ("张伟", family_day["customer_name"]);
    EXPECT_EQ(zhang["archive_no"], family_day["archive_no"]);
    EXPECT_EQ("XH", family_day["site"]);
    EXPECT_EQ(xh_consultant_, family_day["consultant_id"]);
    EXPECT_EQ("2026-09-22", family_day["date"]);
    EXPECT_EQ("2026-09-20", family_day["prepare_from"]);
    EXPECT_EQ((json::array({{{"kind", "family_birthday"}, {"key", "family_birthday"}, {"title", "配偶李娜生日"},
                             {"family_member_id", wife["id"]}, {"deal_id", nullptr}}})),
              family_day["occasions"]);
    ASSERT_EQ(2u, family_day["actions"].size());
    for (const json& a : family_day["actions"])
        EXPECT_EQ((std::set<std::string>{"action", "channel", "lead_days", "start", "label"}), keys_of(a));
    EXPECT_EQ("flowers_or_cake", family_day["actions"][0]["action"]);
    EXPECT_EQ("gift", family_day["actions"][0]["channel"]);
    EXPECT_EQ(2, family_day["actions"][0]["lead_days"]);
    EXPECT_EQ("2026-09-20", family_day["actions"][0]["start"]);
    EXPECT_EQ("call", family_day["actions"][1]["action"]);
    EXPECT_EQ("open", family_day["status"]);
    EXPECT_EQ("", family_day["outcome"]);
    EXPECT_EQ("", family_day["note"]);
    EXPECT_TRUE(family_day["done_at"].is_null());
    EXPECT_TRUE(family_day["done_by"].is_null());
    const json& mid_autumn = tasks[1];
    EXPECT_EQ("2026-09-25", mid_autumn["date"]);
    std::vector<std::string> kinds, actions;
    for (const json& o : mid_autumn["occasions"]) kinds.push_back(o["kind"].get<std::string>() + ":" + o["key"].get<std::string>());
    for (const json& a : mid_autumn["actions"]) actions.push_back(a["action"]);
    EXPECT_EQ((std::vector<std::string>{"birthday:birthday", "festival:mid_autumn"}), kinds);
    EXPECT_EQ((std::vector<std::string>{"flowers_or_cake", "call", "call_or_sms"}), actions);
    EXPECT_TRUE(mid_autumn["occasions"][0]["family_member_id"].is_null());

    // The same again: the same tasks; the consultant's view; without closed tasks.
    EXPECT_EQ(tasks, ok([&](char** out) {
                  return snowball_care_agenda(out, archive_, R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH"})");
              }));
    const std::string mine = R"({"from": "2026-09-20", "to": "2026-09-30", "consultant_id": )" + std::to_string(xh_consultant_) + "}";
    EXPECT_EQ(tasks, ok([&](char** out) { return snowball_care_agenda(out, archive_, mine.c_str()); }));
    const std::int64_t first = tasks[0]["id"], second = tasks[1]["id"];
    EXPECT_EQ(tasks[0], ok([&](char** out) { return snowball_care_task_get(out, archive_, first); }));

    const json done = ok([&](char** out) {
        return snowball_care_task_complete(out, archive_, first, "已送花并致电", "她喜欢百合", xh_consultant_);
    });
    EXPECT_EQ(task_keys, keys_of(done));
    EXPECT_EQ("done", done["status"]);
    EXPECT_EQ("已送花并致电", done["outcome"]);
    EXPECT_EQ("她喜欢百合", done["note"]);
    EXPECT_TRUE(is_timestamp(done["done_at"]));
    EXPECT_EQ(xh_consultant_, done["done_by"]);
    const json skipped = ok([&](char** out) { return snowball_care_task_skip(out, archive_, second, "客户出国", 0); });
    EXPECT_EQ("skipped", skipped["status"]);
    EXPECT_EQ("客户出国", skipped["outcome"]);
    EXPECT_TRUE(skipped["done_by"].is_null());
    const std::string open_only = R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH", "include_closed": false})";
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_care_agenda(out, archive_, open_only.c_str()); }));
    const json reopened = ok([&](char** out) { return snowball_care_task_reopen(out, archive_, second, xh_consultant_); });
    EXPECT_EQ("open", reopened["status"]);
    EXPECT_TRUE(reopened["done_at"].is_null());
    EXPECT_TRUE(reopened["done_by"].is_null());
    const json completed_without_note = ok([&](char** out) {
        return snowball_care_task_complete(out, archive_, second, "已致电", nullptr, 0);
    });
    EXPECT_EQ("done", completed_without_note["status"]);
    EXPECT_TRUE(completed_without_note["done_by"].is_null());
    ok([&](char** out) { return snowball_care_task_reopen(out, archive_, second, 0); });

    // Overdue: open tasks before the day, oldest first; the query may be NULL (today).
    const json overdue = ok([&](char** out) { return snowball_care_overdue(out, archive_, R"({"on": "2026-10-01"})"); });
    ASSERT_EQ(1u, overdue.size());
    EXPECT_EQ(second, overdue[0]["id"]);
    EXPECT_EQ(task_keys, keys_of(overdue[0]));
    const std::string scoped = R"({"on": "2026-10-01", "site": "XH", "consultant_id": )" + std::to_string(xh_consultant_) + "}";
    EXPECT_EQ(overdue, ok([&](char** out) { return snowball_care_overdue(out, archive_, scoped.c_str()); }));
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_care_overdue(out, archive_, R"({"on": "2026-09-25"})"); }));
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_care_overdue(out, archive_, R"({"on": "2026-10-01", "site": "BJ"})"); }));
    const json today = ok([&](char** out) { return snowball_care_overdue(out, archive_, nullptr); });
    EXPECT_EQ(today_in_china() > "2026-09-25" ? 1u : 0u, today.size());

    // The consultant's calendar.
    Out ics;
    ASSERT_SB_OK(snowball_care_export_ics(ics.ptr(), archive_, "2026-09-20", "2026-09-30", xh_consultant_));
    const std::string text = ics.str();
    EXPECT_EQ(0u, text.find("BEGIN:VCALENDAR\r\n"));
    EXPECT_EQ(text.size() - std::string("END:VCALENDAR\r\n").size(), text.rfind("END:VCALENDAR\r\n"));
    EXPECT_NE(std::string::npos, text.find("DTSTART;VALUE=DATE:20260922\r\n"));
    EXPECT_NE(std::string::npos, text.find("DTSTART;VALUE=DATE:20260925\r\n"));
    EXPECT_NE(std::string::npos, text.find("TRIGGER:-P1DT15H\r\n"));
    EXPECT_EQ(std::string::npos, text.find("RRULE"));
    ASSERT_SB_OK(snowball_care_export_ics(ics.ptr(), archive_, "2026-09-20", "2026-09-30", bj_consultant_));
    EXPECT_EQ(std::string::npos, std::string(ics.str()).find("BEGIN:VEVENT"));
}

TEST_F(ArchiveTest, GiftsTotalsAndTheBudgetThroughTheCApi) {
    const json zhang = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "张伟"}, {"tier", "vip"},
                                     {"consultant_id", xh_consultant_}, {"birthday", "1980-09-22"},
                                     {"first_contact", "2020-01-06"}, {"filed_on", "2020-01-06"}});
    const std::int64_t zhang_id = zhang["id"];
    ok([&](char** out) {
        return snowball_deal_record(out, archive_, zhang_id, R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-05-10"})");
    });
    const char* window = R"({"from": "2026-09-20", "to": "2026-09-23", "site": "XH"})";
    json tasks = ok([&](char** out) { return snowball_care_agenda(out, archive_, window); });
    ASSERT_EQ(1u, tasks.size());
    EXPECT_FALSE(tasks[0]["over_budget"].get<bool>());
    const json settings = ok([&](char** out) { return snowball_care_set_gift_budget(out, archive_, "XH", "vip", 100, 0); });
    EXPECT_EQ(json::parse(R"([{"tier": "vip", "monthly": 100.0}])"), settings["gift_budgets"]);
    const std::string doc = R"({"task_id": )" + std::to_string(tasks[0]["id"].get<std::int64_t>()) +
                            R"(, "item": "鲜花", "cost": 120.5, "supplier": "花店", "given_on": "2026-09-21", "given_by": )" +
                            std::to_string(xh_consultant_) + "}";
    const json gift = ok([&](char** out) { return snowball_care_record_gift(out, archive_, doc.c_str()); });
    EXPECT_EQ((std::set<std::string>{"id", "site", "customer_id", "task_id", "tier", "item", "cost", "supplier", "given_on",
                                     "given_by", "note", "recorded_at"}),
              keys_of(gift));
    EXPECT_EQ(zhang_id, gift["customer_id"]);
    EXPECT_EQ("vip", gift["tier"]);
    EXPECT_EQ(120.5, gift["cost"]);
    EXPECT_EQ(gift, ok([&](char** out) { return snowball_care_gift_get(out, archive_, gift["id"].get<std::int64_t>()); }));
    EXPECT_EQ(json::array({gift}), ok([&](char** out) { return snowball_care_gifts(out, archive_, R"({"site": "XH"})"); }));
    tasks = ok([&](char** out) { return snowball_care_agenda(out, archive_, window); });
    EXPECT_TRUE(tasks[0]["over_budget"].get<bool>());
    const json totals = ok([&](char** out) { return snowball_care_gift_totals(out, archive_, "XH", "2026-09-01", "2026-09-30"); });
    EXPECT_EQ(json::parse(R"([{"month": "2026-09", "tier": "ordinary", "gifts": 0, "cost": 0.0, "budget": null, "remaining": null},
                               {"month": "2026-09", "tier": "vip", "gifts": 1, "cost": 120.5, "budget": 100.0, "remaining": -20.5}])"),
              totals);
    ok([&](char** out) { return snowball_care_set_gift_budget(out, archive_, "XH", "vip", 0, 1); });
    tasks = ok([&](char** out) { return snowball_care_agenda(out, archive_, window); });
    EXPECT_FALSE(tasks[0]["over_budget"].get<bool>());
}

TEST_F(ArchiveTest, HolidayArrangementsLoadedIntoTheArchive) {
    Out out;
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), archive_, "2027-02-08"));
    EXPECT_EQ((json{{"date", "2027-02-08"}, {"working", true}, {"holiday", nullptr}, {"published", false}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_add(out.ptr(), archive_, "2027-02-05", 1));
    EXPECT_EQ((json{{"date", "2027-02-08"}, {"estimated", true}, {"unpublished_years", {2027}}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_load(out.ptr(), archive_, "# 2027 (test data)\n2027-02-08 off 春节\n2027-02-20 work 春节\n"));
    EXPECT_EQ(json::array({2027}), out.doc());
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), archive_, "2027-02-08"));
    EXPECT_EQ((json{{"date", "2027-02-08"}, {"working", false}, {"holiday", "春节"}, {"published", true}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_add(out.ptr(), archive_, "2027-02-05", 1));
    EXPECT_EQ((json{{"date", "2027-02-09"}, {"estimated", false}, {"unpublished_years", json::array()}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_between(out.ptr(), archive_, "2027-02-05", "2027-02-20"));
    EXPECT_EQ((json{{"days", 10}, {"estimated", false}, {"unpublished_years", json::array()}}), out.doc());
    // Without the archive: the built-in years only.
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), nullptr, "2027-02-08"));
    EXPECT_FALSE(out.doc()["published"].get<bool>());
    // Another handle on the same file.
    snowball_archive* second = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&second, path_.c_str(), nullptr));
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), second, "2027-02-20"));
    EXPECT_EQ((json{{"date", "2027-02-20"}, {"working", true}, {"holiday", nullptr}, {"published", true}}), out.doc());
    snowball_archive_free(second);
}

} // namespace
