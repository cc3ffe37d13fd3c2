// The C API's happy paths of snowball/profiles.h: the default template, templates edited in versions,
// profiles set, read and recorded, completeness, the leaderboard and distributions, family members
// and the briefing.
#include "capi_support.hpp"
#include "documents.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace {

using namespace capi_test;

// ---------------------------------------------------------------------------------------------
// Profile templates, profiles, family members, the briefing

const std::set<std::string> label_keys = {"zh", "zh_hant", "en"};
const std::set<std::string> template_keys = {"site", "version", "created_at", "sections", "fields"};
const std::set<std::string> field_keys = {"key",    "section",     "number", "label",  "type",     "options",    "help",
                                          "weight", "sensitivity", "in_briefing", "hidden", "bound_to", "family_link"};
const std::set<std::string> member_keys = {"id",        "customer_id", "relation", "name",   "gender",
                                           "birthday",  "phone",       "employer", "education", "interests",
                                           "school",    "closest",     "note",     "created_at", "updated_at"};

json field_of(const json& t, const std::string& key) {
    for (const json& f : t["fields"])
        if (f["key"] == key) return f;
    ADD_FAILURE() << "no field " << key;
    return json();
}

TEST(CApi, TheDefaultTemplate) {
    Out out;
    ASSERT_SB_OK(snowball_template_default(out.ptr()));
    const json t = out.doc();
    EXPECT_EQ(template_keys, keys_of(t));
    EXPECT_TRUE(t["site"].is_null());
    EXPECT_EQ(0, t["version"]);
    EXPECT_TRUE(t["created_at"].is_null());
    ASSERT_EQ(6u, t["sections"].size());
    for (const json& s : t["sections"]) {
        EXPECT_EQ((std::set<std::string>{"key", "label"}), keys_of(s));
        EXPECT_EQ(label_keys, keys_of(s["label"]));
    }
    EXPECT_EQ("family", t["sections"][1]["key"]);
    ASSERT_EQ(42u, t["fields"].size());
    for (std::size_t i = 0; i < 42; ++i) {
        const json& f = t["fields"][i];
        EXPECT_EQ(field_keys, keys_of(f)) << i;
        EXPECT_EQ(static_cast<int>(i) + 1, f["number"]);
        EXPECT_EQ(label_keys, keys_of(f["label"]));
        EXPECT_EQ(label_keys, keys_of(f["help"]));
        EXPECT_FALSE(f["hidden"].get<bool>());
        for (const json& o : f["options"]) {
            EXPECT_EQ((std::set<std::string>{"key", "label"}), keys_of(o));
            EXPECT_EQ(label_keys, keys_of(o["label"]));
        }
    }
    const json education = t["fields"][7];
    EXPECT_EQ("education", education["key"]);
    EXPECT_EQ("教育背景", education["label"]["zh"]);
    EXPECT_EQ("Education", education["label"]["en"]);
    EXPECT_NE(std::string::npos, education["help"]["zh"].get<std::string>().find("是否在意学位"));
    EXPECT_EQ("text", education["type"]);
    const json gender = t["fields"][0];
    EXPECT_EQ("gender", gender["bound_to"]);
    EXPECT_EQ("single_choice", gender["type"]);
    EXPECT_EQ("health", t["fields"][21]["sensitivity"]);
    EXPECT_EQ("whereabouts", t["fields"][34]["sensitivity"]);
    EXPECT_EQ("minors", t["fields"][14]["sensitivity"]);
    EXPECT_EQ("child", t["fields"][14]["family_link"]);
    EXPECT_EQ("multi_choice", t["fields"][27]["type"]);
    EXPECT_EQ(7u, t["fields"][27]["options"].size());
    EXPECT_EQ("yes_no", t["fields"][31]["type"]);
    EXPECT_TRUE(t["fields"][19]["in_briefing"].get<bool>());
    EXPECT_EQ("", t["fields"][19]["bound_to"]);
}

TEST_F(ArchiveTest, TemplatesAreEditedInVersions) {
    const json v0 = ok([&](char** out) { return snowball_template_get(out, archive_, "XH", -1); });
    EXPECT_EQ(template_keys, keys_of(v0));
    EXPECT_EQ("XH", v0["site"]);
    EXPECT_EQ(0, v0["version"]);
    const std::string edits = R"([
        {"op": "add_section", "key": "investment", "label": {"zh": "投资意向", "zh_hant": "投資意向", "en": "Investment"}},
        {"op": "add_field", "after": "car_brand", "field": {"key": "parking", "section": "standing", "label": "车位需求",
         "type": "single_choice", "options": [{"key": "none", "label": "不需要"}, {"key": "one", "label": {"zh": "一个", "en": "One"}}],
         "help": {"zh": "是否需要车位", "en": "Parking?"}, "weight": 2, "sensitivity": "none", "in_briefing": true}},
        {"op": "add_field", "field": {"key": "budget", "section": "investment", "label": "预算", "type": "number"}},
        {"op": "hide", "key": "plate_number"},
        {"op": "rename", "key": "knowledge_of_us", "label": {"zh": "对建业房产的了解"}},
        {"op": "move", "key": "health", "after": "position"},
        {"op": "extend_options", "key": "ideal_residence", "options": [{"key": "school_district", "label": {"zh": "学区", "en": "School district"}}]},
        {"op": "set_weight", "key": "car_brand", "weight": 4},
        {"op": "set_in_briefing", "key": "health", "in_briefing": true}
    ])";
    const json t = ok([&](char** out) {
        return snowball_template_edit(out, archive_, "XH", edits.c_str(), xh_consultant_, "第一版");
    });
    EXPECT_EQ(template_keys, keys_of(t));
    EXPECT_EQ("XH", t["site"]);
    EXPECT_EQ(1, t["version"]);
    EXPECT_TRUE(is_timestamp(t["created_at"]));
    EXPECT_EQ(7u, t["sections"].size());
    EXPECT_EQ(44u, t["fields"].size());
    const json parking = field_of(t, "parking");
    EXPECT_EQ(0, parking["number"]);
    EXPECT_EQ("standing", parking["section"]);
    EXPECT_EQ((json{{"zh", "车位需求"}, {"zh_hant", ""}, {"en", ""}}), parking["label"]);   // a plain string is "zh"
    EXPECT_EQ("One", parking["options"][1]["label"]["en"]);
    EXPECT_EQ(2.0, parking["weight"]);
    EXPECT_TRUE(parking["in_briefing"].get<bool>());
    EXPECT_EQ("Parking?", parking["help"]["en"]);
    EXPECT_EQ("investment", t["fields"].back()["section"]);
    EXPECT_TRUE(field_of(t, "plate_number")["hidden"].get<bool>());
    EXPECT_EQ("对建业房产的了解", field_of(t, "knowledge_of_us")["label"]["zh"]);
    EXPECT_EQ("What they know of our company", field_of(t, "knowledge_of_us")["label"]["en"]);
    EXPECT_EQ("standing", field_of(t, "health")["section"]);
    EXPECT_TRUE(field_of(t, "health")["in_briefing"].get<bool>());
    EXPECT_EQ("school_district", field_of(t, "ideal_residence")["options"][7]["key"]);
    EXPECT_EQ(4.0, field_of(t, "car_brand")["weight"]);

    ok([&](char** out) { return snowball_template_edit(out, archive_, "XH", R"([{"op": "show", "key": "plate_number"}])", 0, nullptr); });
    const json versions = ok([&](char** out) { return snowball_template_versions(out, archive_, "XH"); });
    ASSERT_EQ(3u, versions.size());
    for (const json& v : versions) EXPECT_EQ((std::set<std::string>{"version", "created_at", "by", "note"}), keys_of(v));
    EXPECT_EQ(0, versions[0]["version"]);
    EXPECT_TRUE(versions[0]["by"].is_null());
    EXPECT_EQ(1, versions[1]["version"]);
    EXPECT_EQ(xh_consultant_, versions[1]["by"]);
    EXPECT_EQ("第一版", versions[1]["note"]);
    EXPECT_TRUE(is_timestamp(versions[1]["created_at"]));
    EXPECT_TRUE(versions[2]["by"].is_null());
    EXPECT_EQ("", versions[2]["note"]);
    EXPECT_EQ(t, ok([&](char** out) { return snowball_template_get(out, archive_, "XH", 1); }));
    EXPECT_EQ(2, ok([&](char** out) { return snowball_template_get(out, archive_, "XH", -1); })["version"]);
    EXPECT_EQ(42u, ok([&](char** out) { return snowball_template_get(out, archive_, "XH", 0); })["fields"].size());
    EXPECT_EQ(0, ok([&](char** out) { return snowball_template_get(out, archive_, "BJ", -1); })["version"]);
}

TEST_F(ArchiveTest, ProfilesAreSetReadAndRecorded) {
    const json c = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"gender", "male"},
                                 {"mobile", "13800138000"}, {"consultant_id", xh_consultant_}});
    const std::int64_t id = c["id"];
    ok([&](char** out) {
        return snowball_template_edit(out, archive_, "XH",
                                      R"([{"op": "add_field", "field": {"key": "move_in", "section": "property", "label": {"zh": "入住日期", "en": "Move-in date"}, "type": "date"}},
                                          {"op": "add_field", "field": {"key": "budget", "section": "property", "label": "预算", "type": "number"}}])",
                                      0, nullptr);
    });
    ASSERT_SB_OK(snowball_profile_set(archive_, id,
                                      R"({"drinking": ["红酒", "baijiu", "wine"], "marital_status": "已婚", "cares_about_neighbours": true,
                                          "budget": 300.5, "move_in": "2026-10-01", "position": " 总经理 ", "home_phone": "010-6552 1234"})",
                                      xh_consultant_));
    ASSERT_SB_OK(snowball_profile_set_text(archive_, id, R"({"favourite_cuisine": "川菜、火锅", "car_brand": "宝马"})", 0));

    const json p = ok([&](char** out) { return snowball_profile_get(out, archive_, id, nullptr); });
    EXPECT_EQ((std::set<std::string>{"customer_id", "site", "template_version", "as_of", "values", "sections"}), keys_of(p));
    EXPECT_EQ(id, p["customer_id"]);
    EXPECT_EQ("XH", p["site"]);
    EXPECT_EQ(1, p["template_version"]);
    EXPECT_TRUE(p["as_of"].is_null());
    const json& v = p["values"];
    EXPECT_EQ(44u, v.size());
    EXPECT_EQ((json{"baijiu", "wine"}), v["drinking"]);
    EXPECT_EQ("married", v["marital_status"]);
    EXPECT_EQ(true, v["cares_about_neighbours"]);
    EXPECT_EQ(300.5, v["budget"]);
    EXPECT_EQ("2026-10-01", v["move_in"]);
    EXPECT_EQ("总经理", v["position"]);
    EXPECT_EQ("male", v["gender"]);
    EXPECT_EQ("13800138000", v["mobile"]);
    EXPECT_EQ("01065521234", v["home_phone"]);
    EXPECT_EQ((json{"sichuan", "hotpot"}), v["favourite_cuisine"]);
    EXPECT_TRUE(v["health"].is_null());
    ASSERT_EQ(6u, p["sections"].size());
    const json& basic = p["sections"][0];
    EXPECT_EQ((std::set<std::string>{"key", "label", "fields"}), keys_of(basic));
    EXPECT_EQ("基本信息", basic["label"]);
    const std::set<std::string> entry_keys = {"key", "label", "type", "value", "display", "help", "hidden", "sensitivity",
                                              "updated_at", "updated_by", "masked"};
    std::map<std::string, json> entries;
    for (const json& s : p["sections"])
        for (const json& f : s["fields"]) {
            EXPECT_EQ(entry_keys, keys_of(f));
            entries[f["key"]] = f;
        }
    EXPECT_EQ(44u, entries.size());
    EXPECT_EQ("白酒、红酒", entries["drinking"]["display"]);
    EXPECT_EQ("饮酒", entries["drinking"]["label"]);
    EXPECT_EQ("multi_choice", entries["drinking"]["type"]);
    EXPECT_EQ(xh_consultant_, entries["drinking"]["updated_by"]);
    EXPECT_TRUE(is_timestamp(entries["drinking"]["updated_at"]));
    EXPECT_TRUE(entries["car_brand"]["updated_by"].is_null());
    EXPECT_TRUE(entries["health"]["updated_at"].is_null());
    EXPECT_EQ("health", entries["health"]["sensitivity"]);
    EXPECT_EQ("是", entries["cares_about_neighbours"]["display"]);
    EXPECT_EQ("已婚", entries["marital_status"]["display"]);
    EXPECT_NE(std::string::npos, entries["education"]["help"].get<std::string>().find("学位"));

    // In English, and as of a day.
    const json en = ok([&](char** out) { return snowball_profile_get(out, archive_, id, R"({"language": "en"})"); });
    EXPECT_EQ("Basic information", en["sections"][0]["label"]);
    for (const json& s : en["sections"])
        for (const json& f : s["fields"])
            if (f["key"] == "drinking") {
                EXPECT_EQ("Drinking", f["label"]);
                EXPECT_EQ("Baijiu, Wine", f["display"]);
            }
    const json then = ok([&](char** out) { return snowball_profile_get(out, archive_, id, R"({"as_of": "2020-01-01"})"); });
    EXPECT_EQ("2020-01-01", then["as_of"]);
    for (auto it = then["values"].begin(); it != then["values"].end(); ++it) EXPECT_TRUE(it->is_null()) << it.key();
    const json today = ok([&](char** out) {
        return snowball_profile_get(out, archive_, id, ("{\"as_of\": \"" + today_in_china() + "\", \"language\": \"zh_hant\"}").c_str());
    });
    EXPECT_EQ(p["values"], today["values"]);
    EXPECT_EQ("基本信息", today["sections"][0]["label"]);

    // The history.
    const json h = ok([&](char** out) { return snowball_profile_history(out, archive_, id, nullptr); });
    ASSERT_EQ(9u, h.size());   // 7 values set (home phone included), 2 set as text
    for (const json& e : h) {
        // The field's type comes along, so that a binding converts the values without asking.
        EXPECT_EQ((std::set<std::string>{"id", "field", "type", "old", "new", "by", "at", "masked"}), keys_of(e));
        EXPECT_TRUE(is_timestamp(e["at"]));
    }
    const json drinking = ok([&](char** out) { return snowball_profile_history(out, archive_, id, "drinking"); });
    ASSERT_EQ(1u, drinking.size());
    EXPECT_TRUE(drinking[0]["old"].is_null());
    EXPECT_EQ((json{"baijiu", "wine"}), drinking[0]["new"]);
    EXPECT_EQ(xh_consultant_, drinking[0]["by"]);
    ASSERT_SB_OK(snowball_profile_set(archive_, id, R"({"drinking": null, "budget": 280})", 0));
    const json after = ok([&](char** out) { return snowball_profile_history(out, archive_, id, "drinking"); });
    ASSERT_EQ(2u, after.size());
    EXPECT_EQ((json{"baijiu", "wine"}), after[1]["old"]);
    EXPECT_TRUE(after[1]["new"].is_null());
    EXPECT_TRUE(after[1]["by"].is_null());
    const json budget = ok([&](char** out) { return snowball_profile_history(out, archive_, id, "budget"); });
    EXPECT_EQ(300.5, budget[1]["old"]);
    EXPECT_EQ(280.0, budget[1]["new"]);
    EXPECT_EQ("number", budget[1]["type"]);
    EXPECT_EQ("multi_choice", drinking[0]["type"]);
    // Through the customer record, with `by`.
    ok([&](char** out) {
        return snowball_customer_update(out, archive_, id, ("{\"gender\": \"female\", \"by\": " + std::to_string(xh_consultant_) + "}").c_str());
    });
    const json gender = ok([&](char** out) { return snowball_profile_history(out, archive_, id, "gender"); });
    ASSERT_EQ(1u, gender.size());
    EXPECT_EQ("male", gender[0]["old"]);
    EXPECT_EQ("female", gender[0]["new"]);
    EXPECT_EQ(xh_consultant_, gender[0]["by"]);

    // Many customers at once.
    const json li = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}});
    const std::string updates = "[{\"customer_id\": " + std::to_string(id) + ", \"values\": {\"position\": \"董事长\"}}, " +
                                "{\"customer_id\": " + li["id"].dump() + ", \"values\": {\"marital_status\": \"single\"}}]";
    ASSERT_SB_OK(snowball_profile_set_many(archive_, updates.c_str(), xh_consultant_));
    EXPECT_EQ("董事长", ok([&](char** out) { return snowball_profile_get(out, archive_, id, nullptr); })["values"]["position"]);
    EXPECT_EQ("single", ok([&](char** out) { return snowball_profile_get(out, archive_, li["id"], nullptr); })["values"]["marital_status"]);
}

TEST_F(ArchiveTest, CompletenessLeaderboardAndDistribution) {
    const json a = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"},
                                 {"consultant_id", xh_consultant_}, {"first_contact", "2024-01-10"}});
    const json b = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "李娜"}, {"first_contact", "2024-02-10"}});
    ASSERT_SB_OK(snowball_profile_set(archive_, a["id"], R"({"ideal_residence": ["unit_design", "greenery_landscape"]})", 0));
    ASSERT_SB_OK(snowball_profile_set(archive_, b["id"], R"({"ideal_residence": ["unit_design"]})", 0));

    const json c = ok([&](char** out) { return snowball_profile_completeness(out, archive_, a["id"], 2); });
    EXPECT_EQ((std::set<std::string>{"customer_id", "score", "sections", "ask_next"}), keys_of(c));
    EXPECT_EQ(a["id"], c["customer_id"]);
    EXPECT_GT(c["score"].get<double>(), 0);
    EXPECT_LT(c["score"].get<double>(), 1);
    ASSERT_EQ(6u, c["sections"].size());
    EXPECT_EQ((std::set<std::string>{"section", "score", "filled", "fields"}), keys_of(c["sections"][0]));
    EXPECT_EQ("basic", c["sections"][0]["section"]);
    EXPECT_EQ(1, c["sections"][0]["filled"]);
    EXPECT_EQ(8, c["sections"][0]["fields"]);
    EXPECT_EQ((json{"purchase_reason", "company"}), c["ask_next"]);

    const json s = ok([&](char** out) { return snowball_profile_site_completeness(out, archive_, "XH"); });
    EXPECT_EQ((std::set<std::string>{"site", "customers", "mean", "leaderboard"}), keys_of(s));
    EXPECT_EQ("XH", s["site"]);
    EXPECT_EQ(2, s["customers"]);
    ASSERT_EQ(2u, s["leaderboard"].size());
    const json& first = s["leaderboard"][0];
    EXPECT_EQ((std::set<std::string>{"rank", "consultant_id", "name", "customers", "mean"}), keys_of(first));
    EXPECT_EQ(1, first["rank"]);
    EXPECT_EQ(xh_consultant_, first["consultant_id"]);
    EXPECT_EQ("王芳", first["name"]);
    EXPECT_DOUBLE_EQ(c["score"].get<double>(), first["mean"].get<double>());
    EXPECT_EQ(2, s["leaderboard"][1]["rank"]);
    EXPECT_TRUE(s["leaderboard"][1]["consultant_id"].is_null());
    EXPECT_EQ("", s["leaderboard"][1]["name"]);

    const json d = ok([&](char** out) {
        return snowball_profile_distribution(out, archive_, R"({"field": "ideal_residence", "site": "XH", "language": "en"})");
    });
    EXPECT_EQ((std::set<std::string>{"field", "label", "options", "answered", "customers"}), keys_of(d));
    EXPECT_EQ("ideal_residence", d["field"]);
    EXPECT_EQ("Ideal residence", d["label"]);
    ASSERT_EQ(7u, d["options"].size());
    const json& unit = d["options"][1];
    EXPECT_EQ((std::set<std::string>{"key", "label", "total", "share", "by_stage"}), keys_of(unit));
    EXPECT_EQ("unit_design", unit["key"]);
    EXPECT_EQ("Unit design", unit["label"]);
    EXPECT_EQ(2, unit["total"]);
    EXPECT_EQ(1.0, unit["share"]);
    EXPECT_EQ((json{{"prospect", 1}, {"visitor", 1}, {"owner", 0}}), unit["by_stage"]);
    EXPECT_EQ((json{{"prospect", 1}, {"visitor", 1}, {"owner", 0}}), d["answered"]);
    EXPECT_EQ((json{{"prospect", 1}, {"visitor", 1}, {"owner", 0}}), d["customers"]);
    EXPECT_EQ(0.5, d["options"][4]["share"]);
    const json cohort = ok([&](char** out) {
        return snowball_profile_distribution(out, archive_,
                                             R"({"field": "ideal_residence", "site": "XH", "from": "2024-02-01", "to": "2024-02-28"})");
    });
    EXPECT_EQ(1, cohort["options"][1]["total"]);
    EXPECT_EQ(0, cohort["options"][4]["total"]);
    EXPECT_EQ("户型设计", cohort["options"][1]["label"]);
}

TEST_F(ArchiveTest, FamilyMembers) {
    const json c = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}});
    const std::int64_t id = c["id"];
    const json wife = ok([&](char** out) {
        return snowball_family_add(out, archive_, id,
                                   R"({"relation": "配偶", "name": "李娜", "gender": "female", "birthday": "lunar:1986-08-15",
                                       "phone": "139 0013 9000", "employer": "浙江大学", "education": "博士", "interests": "瑜伽",
                                       "closest": true, "note": "喜欢安静"})");
    });
    EXPECT_EQ(member_keys, keys_of(wife));
    EXPECT_EQ(id, wife["customer_id"]);
    EXPECT_EQ("spouse", wife["relation"]);
    EXPECT_EQ("13900139000", wife["phone"]);
    EXPECT_EQ((json{{"lunar", true}, {"year", 1986}, {"month", 8}, {"day", 15}, {"leap_month", false}, {"text", "lunar:1986-08-15"}}),
              wife["birthday"]);
    EXPECT_TRUE(wife["closest"].get<bool>());
    EXPECT_TRUE(is_timestamp(wife["created_at"]));
    const json consent = ok([&](char** out) {   // a child's record: the guardian's consent
        return snowball_consent_grant(out, archive_, id, R"({"purpose": "service", "sensitive": true, "guardian": "张伟（父亲）"})");
    });
    EXPECT_EQ("张伟（父亲）", consent["guardian"]);
    const json son = ok([&](char** out) {
        return snowball_family_add(out, archive_, id,
                                   R"({"relation": "child", "name": "张小宝", "birthday": {"month": 2, "day": 29}, "school": "学军小学"})");
    });
    EXPECT_EQ((json{{"lunar", false}, {"year", nullptr}, {"month", 2}, {"day", 29}, {"leap_month", false}, {"text", "--02-29"}}),
              son["birthday"]);
    EXPECT_EQ("unknown", son["gender"]);
    EXPECT_FALSE(son["closest"].get<bool>());
    const json father = ok([&](char** out) {
        return snowball_family_add(out, archive_, id,
                                   R"({"relation": "father", "name": "张建国", "birthday": {"lunar": true, "year": 2020, "month": 4, "day": 1, "leap_month": true}})");
    });
    EXPECT_EQ("lunar:2020-L04-01", father["birthday"]["text"]);

    EXPECT_EQ(wife, ok([&](char** out) { return snowball_family_get(out, archive_, wife["id"]); }));
    const json list = ok([&](char** out) { return snowball_family_list(out, archive_, id); });
    ASSERT_EQ(3u, list.size());
    EXPECT_EQ("李娜", list[0]["name"]);
    EXPECT_EQ("张建国", list[1]["name"]);
    EXPECT_EQ("张小宝", list[2]["name"]);

    const json updated = ok([&](char** out) {
        return snowball_family_update(out, archive_, son["id"], R"({"closest": true, "birthday": null, "interests": "钢琴"})");
    });
    EXPECT_EQ(member_keys, keys_of(updated));
    EXPECT_TRUE(updated["birthday"].is_null());
    EXPECT_TRUE(updated["closest"].get<bool>());
    EXPECT_EQ("钢琴", updated["interests"]);
    EXPECT_EQ("学军小学", updated["school"]);
    EXPECT_FALSE(ok([&](char** out) { return snowball_family_get(out, archive_, wife["id"]); })["closest"].get<bool>());
    ASSERT_SB_OK(snowball_family_remove(archive_, father["id"]));
    EXPECT_EQ(2u, ok([&](char** out) { return snowball_family_list(out, archive_, id); }).size());
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_family_get(Out().ptr(), archive_, father["id"]));

    // The customer's own birthday travels in the customer document.
    const json born = ok([&](char** out) {
        return snowball_customer_update(out, archive_, id, R"({"birthday": {"lunar": true, "month": 8, "day": 15}})");
    });
    EXPECT_EQ("lunar:--08-15", born["birthday"]["text"]);
    EXPECT_TRUE(born["birthday"]["year"].is_null());
    EXPECT_TRUE(ok([&](char** out) { return snowball_customer_update(out, archive_, id, R"({"birthday": null})"); })["birthday"].is_null());
}

TEST_F(ArchiveTest, TheBriefing) {
    const json c = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "欧阳娜娜"}, {"gender", "female"},
                                 {"mobile", "13800138000"}, {"consultant_id", xh_consultant_}, {"tier", "vip"},
                                 {"first_contact", "2024-03-01"}});
    const std::int64_t id = c["id"];
    // Health information needs the customer's separate consent: refused without it, nothing written.
    EXPECT_EQ(SNOWBALL_ECONSENT, snowball_profile_set(archive_, id, R"({"drinking": ["wine"], "health": "良好"})", 0));
    ok([&](char** o) { return snowball_consent_grant(o, archive_, id, R"({"purpose": "service", "sensitive": true})"); });
    ASSERT_SB_OK(snowball_profile_set(archive_, id, R"({"favourite_cuisine": ["cantonese"], "drinking": ["wine"], "health": "良好"})", 0));
    ok([&](char** out) { return snowball_family_add(out, archive_, id, R"({"relation": "spouse", "name": "王强"})"); });
    ok([&](char** out) { return snowball_visit_record(out, archive_, id, R"({"date": "2024-03-10"})"); });
    ok([&](char** out) {
        return snowball_deal_record(out, archive_, id, R"({"unit": "3-1-1201", "area": 120, "price": 3000000, "date": "2024-03-20"})");
    });

    const json b = ok([&](char** out) { return snowball_briefing_by_phone(out, archive_, "+86 138 0013 8000", nullptr, nullptr); });
    EXPECT_EQ((std::set<std::string>{"customer", "salutation", "consultant", "family", "profile", "recent_visits", "visit_count",
                                     "deals", "completeness", "ask_next", "open_tickets", "upcoming", "recent_contacts",
                                     "follow_up"}),
              keys_of(b));
    EXPECT_EQ(customer_keys, keys_of(b["customer"]));
    EXPECT_EQ(id, b["customer"]["id"]);
    EXPECT_EQ("vip", b["customer"]["tier"]);
    EXPECT_EQ("owner", b["customer"]["stage"]);
    EXPECT_EQ("欧阳女士", b["salutation"]);
    EXPECT_EQ("王芳", b["consultant"]["name"]);
    ASSERT_EQ(1u, b["family"].size());
    EXPECT_EQ(member_keys, keys_of(b["family"][0]));
    EXPECT_EQ("王强", b["family"][0]["name"]);
    ASSERT_EQ(2u, b["profile"].size());
    EXPECT_EQ((json{{"key", "favourite_cuisine"}, {"label", "最偏爱的菜式"}, {"value", "粤菜"}}), b["profile"][0]);
    EXPECT_EQ((json{{"key", "drinking"}, {"label", "饮酒"}, {"value", "红酒"}}), b["profile"][1]);
    ASSERT_EQ(2u, b["recent_visits"].size());
    EXPECT_EQ("2024-03-10", b["recent_visits"][0]["date"]);
    EXPECT_EQ("2024-03-01", b["recent_visits"][1]["date"]);
    EXPECT_EQ(2, b["visit_count"]);
    ASSERT_EQ(1u, b["deals"].size());
    EXPECT_EQ(deal_keys, keys_of(b["deals"][0]));
    const json score = ok([&](char** out) { return snowball_profile_completeness(out, archive_, id, 3); });
    EXPECT_EQ(score["score"], b["completeness"]);
    ASSERT_EQ(3u, b["ask_next"].size());
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ((std::set<std::string>{"key", "label", "value"}), keys_of(b["ask_next"][i]));
        EXPECT_EQ(score["ask_next"][i], b["ask_next"][i]["key"]);
    }
    EXPECT_EQ("理想居住状况", b["ask_next"][0]["label"]);

    const json en = ok([&](char** out) { return snowball_briefing_get(out, archive_, id, "en"); });
    EXPECT_EQ("Ms. 欧阳娜娜", en["salutation"]);
    EXPECT_EQ("Cantonese", en["profile"][0]["value"]);
    EXPECT_EQ("Ideal residence", en["ask_next"][0]["label"]);
    const json at_site = ok([&](char** out) { return snowball_briefing_by_phone(out, archive_, "13800138000", "XH", "zh_hant"); });
    EXPECT_EQ("粵菜", at_site["profile"][0]["value"]);
    EXPECT_EQ("最偏愛的菜式", at_site["profile"][0]["label"]);

    const json other = add_customer({{"site", "BJ"}, {"channel", "call"}, {"name", "李四"}, {"mobile", "13900139000"}});
    const json plain = ok([&](char** out) { return snowball_briefing_by_phone(out, archive_, "13900139000", nullptr, nullptr); });
    EXPECT_EQ("李四先生/女士", plain["salutation"]);   // gender not on file
    EXPECT_TRUE(plain["consultant"].is_null());
    EXPECT_EQ(json::array(), plain["family"]);
    EXPECT_EQ(json::array(), plain["profile"]);
    EXPECT_EQ(json::array(), plain["recent_visits"]);
    EXPECT_EQ(0, plain["visit_count"]);
    EXPECT_EQ(json::array(), plain["deals"]);
    EXPECT_EQ(other["id"], plain["customer"]["id"]);
}

} // namespace
