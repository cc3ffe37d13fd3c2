// Every C function of snowball/calendar.h with NULL for each pointer parameter and with invalid
// arguments: the Chinese calendar and working days without an archive, and the care calendar
// (settings, festivals, policy, occasions, the agenda, tasks, overdue, iCalendar, working days).
// tests/capi/check_coverage.py checks that every function the headers declare is called in a
// bad-input test.
#include "capi_support.hpp"
#include "bad_input_fixture.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <string>

namespace {

using namespace capi_test;

// ---------------------------------------------------------------------------------------------
// The Chinese calendar and working days (no archive needed)

TEST(Calendar, ToLunar) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_calendar_to_lunar(nullptr, "2026-09-25"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_calendar_to_lunar(out, nullptr));
    for (const char* bad : {"", "2026-9-25", "2026/09/25", "2026-02-29", "2026-13-01", "20260925", "2026-09-25T00:00",
                            "1900-01-30", "2101-01-01", "1899-12-31", "0000-01-01", "2026-09-25\xff", "\xe4\xb8"})
        EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_calendar_to_lunar(out, bad)) << bad;
}

TEST(Calendar, ToGregorian) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_date", snowball_calendar_to_gregorian(nullptr, 2026, 8, 15, 0));
    for (int leap : {-1, 2, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "leap", snowball_calendar_to_gregorian(out, 2026, 8, 15, leap)) << leap;
    for (int year : {1899, 2101, 0, -2026, INT_MIN, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "year", snowball_calendar_to_gregorian(out, year, 1, 1, 0)) << year;
    for (int month : {0, 13, -1, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "month", snowball_calendar_to_gregorian(out, 2026, month, 1, 0)) << month;
    // No leap month 4 in 2021; 2023 repeats the 2nd month only.
    EXPECT_FAILS(SNOWBALL_EINVALID, "month", snowball_calendar_to_gregorian(out, 2021, 4, 15, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "month", snowball_calendar_to_gregorian(out, 2023, 3, 1, 1));
    for (int day : {0, 31, -1, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "day", snowball_calendar_to_gregorian(out, 2026, 8, day, 0)) << day;
    // Day 30 of a 29-day month (lunar 2021, 8th month) does not exist.
    EXPECT_FAILS(SNOWBALL_EINVALID, "day", snowball_calendar_to_gregorian(out, 2021, 8, 30, 0));
    // Past the range's end: lunar 2100, 12th month, day 2 is 2101-01-01.
    EXPECT_FAILS(SNOWBALL_EINVALID, "day", snowball_calendar_to_gregorian(out, 2100, 12, 2, 0));
}

TEST(Calendar, SolarTerm) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_date", snowball_calendar_solar_term(nullptr, 2026, "qingming"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_calendar_solar_term(out, 2026, nullptr));
    for (const char* bad : {"", "QingMing", "qing ming", "清明", "tomb_sweeping", "qingming\xff"})
        EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_calendar_solar_term(out, 2026, bad)) << bad;
    for (int year : {1899, 2101, 0, INT_MIN, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "year", snowball_calendar_solar_term(out, year, "qingming")) << year;
}

TEST(Calendar, Festivals) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_calendar_festivals(nullptr, 2026));
    for (int year : {1900, 2101, 0, -1, INT_MIN, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "year", snowball_calendar_festivals(out, year)) << year;
}

TEST(Workdays, WithoutAnArchive) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_workdays_add(nullptr, nullptr, "2025-09-30", 3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_add(out, nullptr, nullptr, 3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_add(out, nullptr, "2025-09-31", 3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_add(out, nullptr, "30/09/2025", 3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_add(out, nullptr, "1899-12-31", 3));
    for (int n : {-1, INT_MIN})
        EXPECT_FAILS(SNOWBALL_EINVALID, "n", snowball_workdays_add(out, nullptr, "2025-09-30", n)) << n;
    // A result past 2100-12-31.
    EXPECT_FAILS(SNOWBALL_EINVALID, "n", snowball_workdays_add(out, nullptr, "2100-12-01", 100));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_workdays_between(nullptr, nullptr, "2025-01-01", "2025-12-31"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_workdays_between(out, nullptr, nullptr, "2025-12-31"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_workdays_between(out, nullptr, "2025-01-01", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_workdays_between(out, nullptr, "2025-00-01", "2025-12-31"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_workdays_between(out, nullptr, "2025-01-01", "2025-12-32"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_workdays_between(out, nullptr, "2025-01-01", "2101-01-01"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_workdays_day(nullptr, nullptr, "2025-10-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_day(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_day(out, nullptr, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_day(out, nullptr, "2101-01-01"));

    // Loading needs an archive to load into.
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_workdays_load(nullptr, nullptr, "2027-01-01 off 元旦"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_workdays_load(out, nullptr, "2027-01-01 off 元旦"));
}

// ---------------------------------------------------------------------------------------------
// The care calendar

class CareInput : public ArchiveTest {
protected:
    void SetUp() override {
        ArchiveTest::SetUp();
        zhang_id_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"tier", "vip"},
                                  {"consultant_id", xh_consultant_}, {"birthday", "1980-09-22"},
                                  {"first_contact", "2020-01-06"}, {"filed_on", "2020-01-06"}})["id"];
        ok([&](char** out) {
            return snowball_deal_record(out, archive_, zhang_id_, R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-05-10"})");
        });
        const json tasks = ok([&](char** out) {
            return snowball_care_agenda(out, archive_, R"({"from": "2026-09-20", "to": "2026-09-23", "site": "XH"})");
        });
        EXPECT_EQ(1u, tasks.size());
        task_id_ = tasks.empty() ? 0 : tasks[0]["id"].get<std::int64_t>();
    }

    json settings(const char* site = "XH") {
        return ok([&](char** out) { return snowball_care_settings(out, archive_, site); });
    }
    json task() {
        return ok([&](char** out) { return snowball_care_task_get(out, archive_, task_id_); });
    }

    std::int64_t zhang_id_ = 0;
    std::int64_t task_id_ = 0;
};

TEST_F(CareInput, Settings) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_settings(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_settings(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_settings(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_settings(out, archive_, "ZZ"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_settings(out, archive_, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_settings(out, archive_, "X\xff"));
    EXPECT_TRUE(is_utf8(snowball_error_last()->message));
}

TEST_F(CareInput, SetFestivalsIsAllOrNothing) {
    const json before = settings();
    const auto set = [&](char** out, const char* doc) { return snowball_care_set_festivals(out, archive_, "XH", doc); };
    const char* good = R"([{"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"}])";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_set_festivals(nullptr, archive_, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_set_festivals(out, nullptr, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_set_festivals(out, archive_, nullptr, good));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_set_festivals(out, archive_, "ZZ", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals_json", set(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals_json", set(out, "[{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals_json", set(out, R"({"key": "owners_day"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals_json", set(out, "[{\"key\": \"a\", \"name_zh\": \"\xff\", \"date\": \"gregorian:06-18\"}]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0]", set(out, "[7]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].kye",
                 set(out, R"([{"kye": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].key", set(out, R"([{"name_zh": "业主节", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].key",
                 set(out, R"([{"key": "Owners Day", "name_zh": "业主节", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].key", set(out, R"([{"key": 7, "name_zh": "业主节", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].name_zh", set(out, R"([{"key": "owners_day", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].name_zh",
                 set(out, R"([{"key": "owners_day", "name_zh": " ", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].date", set(out, R"([{"key": "owners_day", "name_zh": "业主节"}])"));
    for (const char* date : {"gregorian:06-31", "gregorian:13-01", "lunar:08-31", "lunar_last:13", "weekday:05-6-sun",
                             "weekday:05-2-sunday", "solar_term:tomb", "06-18", "easter"}) {
        const std::string doc = std::string(R"([{"key": "owners_day", "name_zh": "业主节", "date": ")") + date + "\"}]";
        EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].date", set(out, doc.c_str())) << date;
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].enabled",
                 set(out, R"([{"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18", "enabled": "yes"}])"));
    // The second entry is bad: the first is not stored either. A repeated key is refused.
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[1].date",
                 set(out, R"([{"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"},
                              {"key": "open_day", "name_zh": "开放日", "date": "gregorian:02-30"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key",
                 set(out, R"([{"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"},
                              {"key": "owners_day", "name_zh": "开放日", "date": "gregorian:06-19"}])"));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, SetPolicyIsAllOrNothing) {
    const json before = settings();
    const auto set = [&](char** out, const char* doc) { return snowball_care_set_policy(out, archive_, "XH", doc); };
    const char* good = R"([{"occasion": "festival", "festival": "spring_festival", "stage": "prospect", "action": "sms", "channel": "sms"}])";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_set_policy(nullptr, archive_, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_set_policy(out, nullptr, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_set_policy(out, archive_, nullptr, good));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_set_policy(out, archive_, "ZZ", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy_json", set(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy_json", set(out, "[{]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy_json", set(out, R"({"occasion": "festival"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0]", set(out, R"(["call"])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].ocasion", set(out, R"([{"ocasion": "festival", "action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].occasion", set(out, R"([{"action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].occasion", set(out, R"([{"occasion": "holiday", "action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].tier", set(out, R"([{"occasion": "birthday", "tier": "gold", "action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].stage", set(out, R"([{"occasion": "birthday", "stage": "lead", "action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].action", set(out, R"([{"occasion": "birthday", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].action", set(out, R"([{"occasion": "birthday", "action": "Send SMS", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].channel", set(out, R"([{"occasion": "birthday", "action": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].channel", set(out, R"([{"occasion": "birthday", "action": "sms", "channel": "fax"}])"));
    for (const char* lead : {"-1", "61", "1.5", "\"2\"", "true", "1e10"}) {
        const std::string doc = std::string(R"([{"occasion": "birthday", "action": "sms", "channel": "sms", "lead_days": )") + lead + "}]";
        EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].lead_days", set(out, doc.c_str())) << lead;
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].festival",
                 set(out, R"([{"occasion": "birthday", "festival": "mid_autumn", "action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].label",
                 set(out, R"([{"occasion": "birthday", "action": "sms", "channel": "sms", "label": "two\nlines"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].label.fr",
                 set(out, R"([{"occasion": "birthday", "action": "sms", "channel": "sms", "label": {"fr": "Appel"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[1].channel",
                 set(out, R"([{"occasion": "birthday", "action": "sms", "channel": "sms"},
                              {"occasion": "festival", "action": "call", "channel": "pigeon"}])"));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, SetOccasionsIsAllOrNothing) {
    const json before = settings();
    const auto set = [&](char** out, const char* doc) { return snowball_care_set_occasions(out, archive_, "XH", doc); };
    const char* good = R"({"follow_up": "7d,30d"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_set_occasions(nullptr, archive_, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_set_occasions(out, nullptr, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_set_occasions(out, archive_, nullptr, good));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_set_occasions(out, archive_, "ZZ", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions_json", set(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions_json", set(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions_json", set(out, R"(["7d"])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_ups", set(out, R"({"follow_ups": "7d"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_up", set(out, R"({"follow_up": 7})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_up", set(out, R"({"follow_up": ["7d"]})"));
    for (const char* cadence : {"7", "0d", "6m*,7d", "3661d", "121m", "7d,,30d", "一周"}) {
        const std::string doc = std::string(R"({"follow_up": ")") + cadence + "\"}";
        EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_up", set(out, doc.c_str())) << cadence;
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.leap_month_birthdays_twice", set(out, R"({"leap_month_birthdays_twice": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.deal_anniversaries", set(out, R"({"deal_anniversaries": "no"})"));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, FestivalAudiences) {
    const json before = settings();
    const auto add = [&](char** out, const char* doc) { return snowball_care_add_festival(out, archive_, "XH", doc); };
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.relation",
                 add(out, R"({"key": "aunts_day", "name_zh": "姑姑节", "date": "gregorian:06-18", "audience": {"relation": "aunt"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.max_age",
                 add(out, R"({"key": "band", "name_zh": "年龄段", "date": "gregorian:06-18", "audience": {"min_age": 60, "max_age": 40}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.min_age",
                 add(out, R"({"key": "band", "name_zh": "年龄段", "date": "gregorian:06-18", "audience": {"min_age": -3}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.gender",
                 add(out, R"({"key": "band", "name_zh": "年龄段", "date": "gregorian:06-18", "audience": {"gender": "robot"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.children",
                 add(out, R"({"key": "band", "name_zh": "年龄段", "date": "gregorian:06-18", "audience": {"children": "yes"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.unit_prefix",
                 add(out, R"({"key": "band", "name_zh": "交房", "date": "once:2027-06-30", "audience": {"unit_prefix": 3}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.profile_value",
                 add(out, R"({"key": "band", "name_zh": "品鉴", "date": "once:2027-06-30", "audience": {"profile_field": "favourite_cuisine"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date",
                 add(out, R"({"key": "band", "name_zh": "交房", "date": "once:2027-02-30"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience.aunt",
                 add(out, R"({"key": "band", "name_zh": "年龄段", "date": "gregorian:06-18", "audience": {"aunt": true}})"));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, SetGiftBudget) {
    const json before = settings();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_set_gift_budget(nullptr, archive_, "XH", "vip", 100, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_set_gift_budget(out, nullptr, "XH", "vip", 100, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_set_gift_budget(out, archive_, nullptr, "vip", 100, 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_set_gift_budget(out, archive_, "ZZ", "vip", 100, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", snowball_care_set_gift_budget(out, archive_, "XH", nullptr, 100, 0));
    for (const char* tier : {"gold", "VIPÿ", "v i p"})
        EXPECT_FAILS(SNOWBALL_EINVALID, "tier", snowball_care_set_gift_budget(out, archive_, "XH", tier, 100, 0)) << tier;
    for (double monthly : {-0.01, 1e9, 0.001, 1.0 / 0.0})
        EXPECT_FAILS(SNOWBALL_EINVALID, "monthly", snowball_care_set_gift_budget(out, archive_, "XH", "vip", monthly, 0)) << monthly;
    for (int remove : {-1, 2, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "remove", snowball_care_set_gift_budget(out, archive_, "XH", "vip", 100, remove));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, RecordGift) {
    const auto record = [&](char** out, const std::string& doc) { return snowball_care_record_gift(out, archive_, doc.c_str()); };
    const std::string good = R"({"customer_id": )" + std::to_string(zhang_id_) + R"(, "item": "鲜花", "cost": 99})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_record_gift(nullptr, archive_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_record_gift(out, nullptr, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "gift_json", snowball_care_record_gift(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "gift_json", record(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "gift_json", record(out, "{"));
    const std::string who = R"("customer_id": )" + std::to_string(zhang_id_);
    EXPECT_FAILS(SNOWBALL_EINVALID, "cost", record(out, "{" + who + R"(, "item": "鲜花", "cost": -1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "cost", record(out, "{" + who + R"(, "item": "鲜花", "cost": "99"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "cost", record(out, "{" + who + R"(, "item": "鲜花"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "cost", record(out, "{" + who + R"(, "item": "鲜花", "cost": 1.001})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "item", record(out, "{" + who + R"(, "item": "", "cost": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "given_on", record(out, "{" + who + R"(, "item": "花", "cost": 1, "given_on": "2026-02-30"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "given_on", record(out, "{" + who + R"(, "item": "花", "cost": 1, "given_on": "2999-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", record(out, R"({"item": "花", "cost": 1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", record(out, R"({"customer_id": 987654, "item": "花", "cost": 1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "task_id", record(out, R"({"task_id": 1, "item": "花", "cost": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "price", record(out, "{" + who + R"(, "item": "花", "cost": 1, "price": 1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "given_by", record(out, "{" + who + R"(, "item": "花", "cost": 1, "given_by": 424242})"));
    const json none = ok([&](char** out) { return snowball_care_gifts(out, archive_, R"({"site": "XH"})"); });
    EXPECT_TRUE(none.empty());
}

TEST_F(CareInput, GiftGetGiftsAndTotals) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_gift_get(nullptr, archive_, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_gift_get(out, nullptr, 1));
    for (std::int64_t id : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{77}})
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "gift_id", snowball_care_gift_get(out, archive_, id)) << id;

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_gifts(nullptr, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_gifts(out, nullptr, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_care_gifts(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_gifts(out, archive_, "{}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_gifts(out, archive_, R"({"site": "ZZ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_care_gifts(out, archive_, R"({"site": "XH", "from": "May"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to",
                 snowball_care_gifts(out, archive_, R"({"site": "XH", "from": "2026-05-02", "to": "2026-05-01"})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_gift_totals(nullptr, archive_, "XH", "2026-01-01", "2026-02-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_gift_totals(out, nullptr, "XH", "2026-01-01", "2026-02-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_gift_totals(out, archive_, nullptr, "2026-01-01", "2026-02-01"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_gift_totals(out, archive_, "ZZ", "2026-01-01", "2026-02-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_care_gift_totals(out, archive_, "XH", nullptr, "2026-02-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_gift_totals(out, archive_, "XH", "2026-01-01", "2026-02"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_gift_totals(out, archive_, "XH", "2026-02-01", "2026-01-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_gift_totals(out, archive_, "XH", "2024-01-01", "2027-01-01"));
}

TEST_F(CareInput, SwitchFestival) {
    const json before = settings();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_switch_festival(nullptr, archive_, "XH", "mid_autumn", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_switch_festival(out, nullptr, "XH", "mid_autumn", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_switch_festival(out, archive_, nullptr, "mid_autumn", 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_switch_festival(out, archive_, "ZZ", "mid_autumn", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festival", snowball_care_switch_festival(out, archive_, "XH", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festival", snowball_care_switch_festival(out, archive_, "XH", "mid_\xff", 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "festival", snowball_care_switch_festival(out, archive_, "XH", "no_such_festival", 0));
    for (int enabled : {-1, 2, INT_MIN, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "enabled", snowball_care_switch_festival(out, archive_, "XH", "mid_autumn", enabled));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, AddFestival) {
    const json before = settings();
    const auto add = [&](char** out, const char* doc) { return snowball_care_add_festival(out, archive_, "XH", doc); };
    const char* good = R"({"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_add_festival(nullptr, archive_, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_add_festival(out, nullptr, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_add_festival(out, archive_, nullptr, good));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_add_festival(out, archive_, "ZZ", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festival_json", add(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festival_json", add(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festival_json", add(out, R"([{"key": "owners_day"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kye", add(out, R"({"kye": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key", add(out, R"({"key": "Owners Day", "name_zh": "业主节", "date": "gregorian:06-18"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name_zh", add(out, R"({"key": "owners_day", "date": "gregorian:06-18"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", add(out, R"({"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-31"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "enabled",
                 add(out, R"({"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18", "enabled": 1})"));
    // A key the site has already.
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "key", add(out, R"({"key": "mid_autumn", "name_zh": "中秋", "date": "lunar:08-15"})"));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, UpdateOccasions) {
    const json before = settings();
    const auto update = [&](char** out, const char* doc) { return snowball_care_update_occasions(out, archive_, "XH", doc); };
    const char* good = R"({"deal_anniversaries": false})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_update_occasions(nullptr, archive_, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_update_occasions(out, nullptr, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_update_occasions(out, archive_, nullptr, good));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_update_occasions(out, archive_, "ZZ", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, R"(["7d"])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_ups", update(out, R"({"follow_ups": "7d"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_up", update(out, R"({"follow_up": 7})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_up", update(out, R"({"follow_up": "6m*,7d"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.deal_anniversaries", update(out, R"({"deal_anniversaries": "no"})"));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, Agenda) {
    const json before = task();
    const auto agenda = [&](char** out, const char* query) { return snowball_care_agenda(out, archive_, query); };
    const char* good = R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_agenda(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_agenda(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", agenda(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", agenda(out, "{\"from\": "));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", agenda(out, R"(["2026-09-20", "2026-09-30"])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", agenda(out, "{\"from\": \"2026-09-20\", \"to\": \"2026-09-30\", \"site\": \"\xff\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "form", agenda(out, R"({"form": "2026-09-20", "to": "2026-09-30", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", agenda(out, R"({"to": "2026-09-30", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", agenda(out, R"({"from": "2026-09-20", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", agenda(out, R"({"from": "2026-09-31", "to": "2026-09-30", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", agenda(out, R"({"from": 20260920, "to": "2026-09-30", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", agenda(out, R"({"from": "2026-09-20", "to": "30.09.2026", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", agenda(out, R"({"from": "2026-09-30", "to": "2026-09-20", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", agenda(out, R"({"from": "2026-01-01", "to": "2027-01-02", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", agenda(out, R"({"from": "1900-01-01", "to": "1900-02-01", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", agenda(out, R"({"from": "2100-12-01", "to": "2101-01-01", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30", "site": 1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30", "site": "ZZ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id",
                 agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30", "consultant_id": "王芳"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id",
                 agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30", "consultant_id": 9999})"));
    const std::string other_site = R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH", "consultant_id": )" +
                                   std::to_string(bj_consultant_) + "}";
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", agenda(out, other_site.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_closed",
                 agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH", "include_closed": "yes"})"));
    EXPECT_EQ(before, task());
}

TEST_F(CareInput, TaskGetCompleteSkipReopen) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_task_get(nullptr, archive_, task_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_task_get(out, nullptr, task_id_));
    for (std::int64_t bad : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{424242}, INT64_MAX, INT64_MIN})
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "task_id", snowball_care_task_get(out, archive_, bad)) << bad;

    const json before = task();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_task_complete(nullptr, archive_, task_id_, "已致电", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_task_complete(out, nullptr, task_id_, "已致电", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_care_task_complete(out, archive_, task_id_, nullptr, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_care_task_complete(out, archive_, task_id_, "", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_care_task_complete(out, archive_, task_id_, " \t", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_care_task_complete(out, archive_, task_id_, "a\nb", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_care_task_complete(out, archive_, task_id_, "\xe5\xb7", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_care_task_complete(out, archive_, task_id_, "已致电", "\xff", 0));
    const std::string long_note(2001, 'x');
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_care_task_complete(out, archive_, task_id_, "已致电", long_note.c_str(), 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_care_task_complete(out, archive_, task_id_, "已致电", nullptr, -1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_care_task_complete(out, archive_, task_id_, "已致电", nullptr, 9999));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "task_id", snowball_care_task_complete(out, archive_, 424242, "已致电", nullptr, 0));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_task_skip(nullptr, archive_, task_id_, "出差", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_task_skip(out, nullptr, task_id_, "出差", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_care_task_skip(out, archive_, task_id_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_care_task_skip(out, archive_, task_id_, "", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_care_task_skip(out, archive_, task_id_, "\xff", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_care_task_skip(out, archive_, task_id_, "出差", INT64_MIN));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_care_task_skip(out, archive_, task_id_, "出差", 9999));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "task_id", snowball_care_task_skip(out, archive_, -5, "出差", 0));

    // An open task cannot be reopened.
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_task_reopen(nullptr, archive_, task_id_, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_task_reopen(out, nullptr, task_id_, 0));
    EXPECT_FAILS(SNOWBALL_ESTATE, "task_id", snowball_care_task_reopen(out, archive_, task_id_, 0));
    EXPECT_EQ(task_id_, snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "task_id", snowball_care_task_reopen(out, archive_, 424242, 0));
    EXPECT_EQ(before, task());

    // A done task cannot be completed or skipped again; reopening checks `by`.
    ASSERT_SB_OK(snowball_care_task_complete(Out().ptr(), archive_, task_id_, "已致电", nullptr, xh_consultant_));
    const json done = task();
    EXPECT_FAILS(SNOWBALL_ESTATE, "task_id", snowball_care_task_complete(out, archive_, task_id_, "again", nullptr, 0));
    EXPECT_EQ(task_id_, snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_ESTATE, "task_id", snowball_care_task_skip(out, archive_, task_id_, "again", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_care_task_reopen(out, archive_, task_id_, -1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_care_task_reopen(out, archive_, task_id_, 9999));
    EXPECT_EQ(done, task());
}

TEST_F(CareInput, Overdue) {
    const auto overdue = [&](char** out, const char* query) { return snowball_care_overdue(out, archive_, query); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_overdue(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_overdue(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", overdue(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", overdue(out, "\"2026-10-01\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", overdue(out, R"({"date": "2026-10-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", overdue(out, R"({"on": "2026-10-32"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", overdue(out, R"({"on": 20261001})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", overdue(out, R"({"on": "2026-10-01", "site": "ZZ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", overdue(out, R"({"on": "2026-10-01", "site": ["XH"]})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", overdue(out, R"({"on": "2026-10-01", "consultant_id": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", overdue(out, R"({"on": "2026-10-01", "consultant_id": 1.5})"));
}

TEST_F(CareInput, ExportIcs) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_ics", snowball_care_export_ics(nullptr, archive_, "2026-09-20", "2026-09-30", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_export_ics(out, nullptr, "2026-09-20", "2026-09-30", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_care_export_ics(out, archive_, nullptr, "2026-09-30", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_export_ics(out, archive_, "2026-09-20", nullptr, xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_care_export_ics(out, archive_, "2026-9-20", "2026-09-30", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_export_ics(out, archive_, "2026-09-20", "2026-09-31", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_export_ics(out, archive_, "2026-09-30", "2026-09-20", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_export_ics(out, archive_, "2026-01-01", "2027-06-01", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_export_ics(out, archive_, "2100-12-01", "2101-01-01", xh_consultant_));
    for (std::int64_t bad : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{9999}, INT64_MAX})
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id",
                     snowball_care_export_ics(out, archive_, "2026-09-20", "2026-09-30", bad)) << bad;
}

TEST_F(CareInput, WorkdaysWithAnArchive) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_add(out, archive_, "2025-13-01", 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "n", snowball_workdays_add(out, archive_, "2025-09-30", -3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_workdays_between(out, archive_, "x", "2025-12-31"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_day(out, archive_, "2025-02-29"));
    const json published = ok([&](char** out) { return snowball_workdays_day(out, archive_, "2027-02-08"); });
    EXPECT_FALSE(published["published"].get<bool>());
    const auto load = [&](char** out, const char* text) { return snowball_workdays_load(out, archive_, text); };
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", load(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", load(out, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", load(out, "# nothing but a comment\n"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "line 2", load(out, "2027-02-08 off 春节\n2027-02-09 rest 春节\n"));
    EXPECT_NE(std::string::npos, std::string(snowball_error_last()->message).find("rest")) << last_error_text();
    EXPECT_FAILS(SNOWBALL_EINVALID, "line 1", load(out, "2027-02-10 work 春节\n"));   // a Wednesday
    EXPECT_FAILS(SNOWBALL_EINVALID, "line 1", load(out, "2027-02-30 off 春节\n"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "line 1", load(out, "2027-02-08 off \xff\n"));
    EXPECT_TRUE(is_utf8(snowball_error_last()->message));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_workdays_load(nullptr, archive_, "2027-02-08 off 春节\n"));
    EXPECT_EQ(published, ok([&](char** out) { return snowball_workdays_day(out, archive_, "2027-02-08"); }));
}

} // namespace
