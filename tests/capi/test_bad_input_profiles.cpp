// Every C function of snowball/profiles.h with NULL for each pointer parameter and with invalid
// arguments: templates, profiles (nothing written on error), family members, the briefing and
// birthdays. tests/capi/check_coverage.py checks that every function the headers declare is called in a
// bad-input test.
#include "capi_support.hpp"
#include "bad_input_fixture.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <string>

namespace {

using namespace capi_test;

// ---------------------------------------------------------------------------------------------
// Profile templates, profiles, family members, the briefing

class ProfileInput : public CustomerInput {
protected:
    void SetUp() override {
        CustomerInput::SetUp();
        ASSERT_SB_OK(snowball_profile_set(archive_, zhang_id_, R"({"position": "经理", "drinking": ["wine"]})", 0));
    }
    json profile() { return ok([&](char** out) { return snowball_profile_get(out, archive_, zhang_id_, nullptr); }); }
    json history() { return ok([&](char** out) { return snowball_profile_history(out, archive_, zhang_id_, nullptr); }); }
    json versions() { return ok([&](char** out) { return snowball_template_versions(out, archive_, "XH"); }); }
    json family() { return ok([&](char** out) { return snowball_family_list(out, archive_, zhang_id_); }); }
};

TEST(ProfileTemplates, DefaultNullOut) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_template_default(nullptr));
}

TEST_F(ProfileInput, TemplateGetAndVersions) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_template_get(nullptr, archive_, "XH", -1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_template_get(out, nullptr, "XH", -1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_template_get(out, archive_, nullptr, -1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_template_get(out, archive_, "", -1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_template_get(out, archive_, "ZZ", -1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "version", snowball_template_get(out, archive_, "XH", 1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "version", snowball_template_get(out, archive_, "XH", INT_MAX));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_template_versions(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_template_versions(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_template_versions(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_template_versions(out, archive_, "ZZ"));
}

TEST_F(ProfileInput, TemplateEditIsAllOrNothing) {
    const auto edit = [&](char** out, const char* edits) {
        return snowball_template_edit(out, archive_, "XH", edits, 0, nullptr);
    };
    const char* good = R"([{"op": "hide", "key": "health"}])";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_template_edit(nullptr, archive_, "XH", good, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_template_edit(out, nullptr, "XH", good, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_template_edit(out, archive_, nullptr, good, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_template_edit(out, archive_, "ZZ", good, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits_json", edit(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits_json", edit(out, "[{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits_json", edit(out, R"({"op": "hide", "key": "health"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits_json", edit(out, "[{\"op\": \"hide\", \"key\": \"\xff\"}]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits", edit(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0]", edit(out, R"(["hide"])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].op", edit(out, R"([{"key": "health"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].op", edit(out, R"([{"op": "delete", "key": "health"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].kye", edit(out, R"([{"op": "hide", "kye": "health"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].key", edit(out, R"([{"op": "hide"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].key", edit(out, R"([{"op": "hide", "key": 22}])"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "edits[1].key",
                 edit(out, R"([{"op": "hide", "key": "health"}, {"op": "hide", "key": "no_such_field"}])"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "edits[0].after", edit(out, R"([{"op": "move", "key": "health", "after": "nowhere"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field", edit(out, R"([{"op": "add_field"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field", edit(out, R"([{"op": "add_field", "field": "pets"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.type",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "integer"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.label",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "type": "text"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.bound_to",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "text", "bound_to": "mobile"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.number",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "number": 43}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.hidden",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "hidden": true}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.colour",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "colour": "red"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.section",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "hobbies", "label": "宠物", "type": "text"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.options",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "single_choice"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.options[0].label",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "single_choice", "options": [{"key": "cat"}]}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.weight",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "text", "weight": "heavy"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.sensitivity",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "text", "sensitivity": "secret"}}])"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "edits[0].field.key",
                 edit(out, R"([{"op": "add_field", "field": {"key": "mobile", "section": "basic", "label": "手机", "type": "phone"}}])"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "edits[0].options",
                 edit(out, R"([{"op": "extend_options", "key": "ideal_residence", "options": [{"key": "unit_design", "label": "户型"}]}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].options",
                 edit(out, R"([{"op": "extend_options", "key": "ideal_residence", "options": {"key": "x"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].key",
                 edit(out, R"([{"op": "extend_options", "key": "health", "options": [{"key": "ok", "label": "好"}]}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].weight", edit(out, R"([{"op": "set_weight", "key": "health"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].weight", edit(out, R"([{"op": "set_weight", "key": "health", "weight": "2"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].weight", edit(out, R"([{"op": "set_weight", "key": "health", "weight": -1}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].in_briefing", edit(out, R"([{"op": "set_in_briefing", "key": "health"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].in_briefing",
                 edit(out, R"([{"op": "set_in_briefing", "key": "health", "in_briefing": 1}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].label", edit(out, R"([{"op": "add_section", "key": "investment"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].label.fr",
                 edit(out, R"([{"op": "add_section", "key": "investment", "label": {"fr": "Investissement"}}])"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "edits[0].key", edit(out, R"([{"op": "add_section", "key": "basic", "label": "基本"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_template_edit(out, archive_, "XH", good, -1, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_template_edit(out, archive_, "XH", good, 9999, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_template_edit(out, archive_, "XH", good, 0, "\xe5\xbc"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note",
                 snowball_template_edit(out, archive_, "XH", good, 0, std::string(501, 'n').c_str()));
    // Nothing was written: still the default template.
    EXPECT_EQ(1u, versions().size());
    const json t = ok([&](char** out) { return snowball_template_get(out, archive_, "XH", -1); });
    EXPECT_EQ(0, t["version"]);
    EXPECT_EQ(42u, t["fields"].size());
    for (const json& f : t["fields"]) EXPECT_FALSE(f["hidden"].get<bool>()) << f["key"];
}

TEST_F(ProfileInput, ProfileSetWritesNothingOnError) {
    const json before = profile();
    const json before_history = history();
    const auto set = [&](const char* values) { return snowball_profile_set(archive_, zhang_id_, values, 0); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_profile_set(nullptr, zhang_id_, "{}", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set(nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set("{\"position\": "));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set(R"(["position", "总经理"])"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set("{\"position\": \"\xc0\xaf\"}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values", set("{}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "favourite_colour", set(R"({"favourite_colour": "红"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "position", set(R"({"position": {"title": "总经理"}})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "position", set(R"({"position": 42})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "drinking", set(R"({"drinking": [1, 2]})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "drinking", set(R"({"drinking": ["wine", "威士忌"]})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "marital_status", set(R"({"marital_status": ["married"]})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "cares_about_neighbours", set(R"({"cares_about_neighbours": "maybe"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "home_phone", set(R"({"home_phone": "6552"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "mobile", set(R"({"mobile": "010-65521234"})"));
    // The third value (in key order) is bad: none of the four is written.
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "drinking",
                        set(R"({"position": "总经理", "car_brand": "宝马", "drinking": "威士忌", "dress_style": "休闲"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "customer_id", snowball_profile_set(archive_, 424242, R"({"position": "x"})", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "by", snowball_profile_set(archive_, zhang_id_, R"({"position": "x"})", -1));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "by", snowball_profile_set(archive_, zhang_id_, R"({"position": "x"})", 9999));
    // A phone another customer has is a conflict naming them.
    const json li = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}, {"mobile", "13900139000"}});
    EXPECT_FAILS_NO_OUT(SNOWBALL_ECONFLICT, "mobile", set(R"({"mobile": "139 0013 9000"})"));
    EXPECT_EQ(li["id"].get<std::int64_t>(), snowball_error_last()->record_id);
    // A hidden field cannot be set.
    ASSERT_SB_OK(snowball_template_edit(Out().ptr(), archive_, "XH", R"([{"op": "hide", "key": "plate_number"}])", 0, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ESTATE, "plate_number", set(R"({"plate_number": "浙A12345"})"));
    EXPECT_EQ(before["values"], profile()["values"]);
    EXPECT_EQ(before_history, history());
    EXPECT_EQ("13800138000", ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); })["mobile"]);
}

TEST_F(ProfileInput, ProfileSetTextAndSetMany) {
    const json before = profile();
    const auto set_text = [&](const char* values) { return snowball_profile_set_text(archive_, zhang_id_, values, 0); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_profile_set_text(nullptr, zhang_id_, "{}", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set_text(nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set_text("[]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set_text("{\"drinking\": \"\xff\"}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values", set_text("{}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "cares_about_neighbours", set_text(R"({"cares_about_neighbours": true})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "drinking", set_text(R"({"drinking": ["红酒"]})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "drinking", set_text(R"({"position": "总经理", "drinking": "红酒、威士忌"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "cares_about_neighbours", set_text(R"({"cares_about_neighbours": "也许"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "nope", set_text(R"({"nope": "x"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "customer_id", snowball_profile_set_text(archive_, 424242, R"({"position": "x"})", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "by", snowball_profile_set_text(archive_, zhang_id_, R"({"position": "x"})", -7));

    const auto many = [&](const std::string& updates) { return snowball_profile_set_many(archive_, updates.c_str(), 0); };
    const std::string id = std::to_string(zhang_id_);
    const std::string good = "[{\"customer_id\": " + id + ", \"values\": {\"position\": \"总经理\"}}]";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_profile_set_many(nullptr, good.c_str(), 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates_json", snowball_profile_set_many(archive_, nullptr, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates_json", many("[{]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates_json", many("{\"customer_id\": " + id + "}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0]", many("[7]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0].customer_id", many(R"([{"values": {"position": "x"}}])"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0].customer_id", many(R"([{"customer_id": "1", "values": {}}])"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0].values", many("[{\"customer_id\": " + id + "}]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0].values", many("[{\"customer_id\": " + id + ", \"values\": [1]}]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0].vlaues", many("[{\"customer_id\": " + id + ", \"vlaues\": {}}]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[1].drinking",
                        many("[{\"customer_id\": " + id + ", \"values\": {\"position\": \"总经理\"}}, {\"customer_id\": " + id +
                             ", \"values\": {\"drinking\": \"威士忌\"}}]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "updates[1].customer_id",
                        many("[{\"customer_id\": " + id +
                             ", \"values\": {\"position\": \"总经理\"}}, {\"customer_id\": 424242, \"values\": {\"position\": \"x\"}}]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "by", snowball_profile_set_many(archive_, good.c_str(), 9999));
    EXPECT_EQ(before["values"], profile()["values"]);
}

TEST_F(ProfileInput, ProfileReads) {
    const auto get = [&](char** out, const char* options) { return snowball_profile_get(out, archive_, zhang_id_, options); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_profile_get(nullptr, archive_, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_get(out, nullptr, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_profile_get(out, archive_, 424242, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json", get(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json", get(out, "\"en\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "lang", get(out, R"({"lang": "en"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "language", get(out, R"({"language": "fr"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "language", get(out, R"({"language": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "as_of", get(out, R"({"as_of": "2024-02-30"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "as_of", get(out, R"({"as_of": 20240201})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_profile_history(nullptr, archive_, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_history(out, nullptr, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_profile_history(out, archive_, 424242, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "field", snowball_profile_history(out, archive_, zhang_id_, "no_such_field"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_profile_completeness(nullptr, archive_, zhang_id_, 3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_completeness(out, nullptr, zhang_id_, 3));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_profile_completeness(out, archive_, 424242, 3));
    for (int ask_next : {101, 1000, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "ask_next", snowball_profile_completeness(out, archive_, zhang_id_, ask_next));
    // A negative ask_next asks for the library's default (3), as a binding that restates no default passes it.
    for (int ask_next : {-1, INT_MIN}) {
        const json c = ok([&](char** out) { return snowball_profile_completeness(out, archive_, zhang_id_, ask_next); });
        EXPECT_EQ(3u, c["ask_next"].size()) << ask_next;
    }

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_profile_site_completeness(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_site_completeness(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_profile_site_completeness(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_profile_site_completeness(out, archive_, "ZZ"));

    const auto distribution = [&](char** out, const char* query) { return snowball_profile_distribution(out, archive_, query); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json",
                        snowball_profile_distribution(nullptr, archive_, R"({"field": "drinking", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_distribution(out, nullptr, R"({"field": "drinking", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", distribution(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", distribution(out, "{\"field\": "));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", distribution(out, "[\"drinking\"]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "feild", distribution(out, R"({"feild": "drinking", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "field", distribution(out, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", distribution(out, R"({"field": "drinking"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", distribution(out, R"({"field": "drinking", "site": "ZZ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "field", distribution(out, R"({"field": "health", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "field", distribution(out, R"({"field": "no_such_field", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", distribution(out, R"({"field": "drinking", "site": "XH", "from": "2024-13-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", distribution(out, R"({"field": "drinking", "site": "XH", "to": 2024})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from",
                 distribution(out, R"({"field": "drinking", "site": "XH", "from": "2024-05-01", "to": "2024-04-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "language", distribution(out, R"({"field": "drinking", "site": "XH", "language": "de"})"));
}

TEST_F(ProfileInput, FamilyMembers) {
    const auto add = [&](char** out, const char* member) { return snowball_family_add(out, archive_, zhang_id_, member); };
    const char* good = R"({"relation": "spouse", "name": "李娜"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_family_add(nullptr, archive_, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_family_add(out, nullptr, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "member_json", add(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "member_json", add(out, "{\"relation\": \"spouse\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "member_json", add(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "member_json", add(out, "{\"relation\": \"spouse\", \"name\": \"\xe6\x9d\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "nmae", add(out, R"({"relation": "spouse", "nmae": "李娜"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "relation", add(out, R"({"name": "李娜"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "relation", add(out, R"({"relation": "cousin", "name": "李娜"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "relation", add(out, R"({"relation": 1, "name": "李娜"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add(out, R"({"relation": "spouse"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add(out, R"({"relation": "spouse", "name": " "})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "gender", add(out, R"({"relation": "spouse", "name": "李娜", "gender": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", add(out, R"({"relation": "spouse", "name": "李娜", "phone": "12"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "closest", add(out, R"({"relation": "spouse", "name": "李娜", "closest": "yes"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "school", add(out, R"({"relation": "spouse", "name": "李娜", "school": ["a"]})"));
    for (const char* birthday : {R"("1985-02-30")", R"("1985/06/15")", R"("--13-01")", R"("lunar:2021-L04-10")",
                                 R"("2999-01-01")", R"(19850615)", R"({"month": 6, "day": 31})",
                                 R"({"lunar": true, "year": 2021, "month": 4, "day": 10, "leap_month": true})",
                                 R"({"lunar": false, "month": 6, "day": 15, "leap_month": true})"}) {
        const std::string member = std::string(R"({"relation": "spouse", "name": "李娜", "birthday": )") + birthday + "}";
        EXPECT_FAILS(SNOWBALL_EINVALID, "birthday", add(out, member.c_str())) << birthday;
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday.month", add(out, R"({"relation": "spouse", "name": "李娜", "birthday": {"day": 15}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday.day", add(out, R"({"relation": "spouse", "name": "李娜", "birthday": {"month": 6}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday.mnoth",
                 add(out, R"({"relation": "spouse", "name": "李娜", "birthday": {"mnoth": 6, "day": 1}})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_family_add(out, archive_, 424242, good));
    EXPECT_EQ(json::array(), family());

    const json wife = ok([&](char** out) { return add(out, good); });
    const std::int64_t id = wife["id"].get<std::int64_t>();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_family_get(nullptr, archive_, id));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_family_get(out, nullptr, id));
    for (std::int64_t bad : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{424242}, INT64_MAX})
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_family_get(out, archive_, bad));

    const auto update = [&](char** out, const char* doc) { return snowball_family_update(out, archive_, id, doc); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_family_update(nullptr, archive_, id, R"({"name": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_family_update(out, nullptr, id, R"({"name": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "{name}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "3"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "id", update(out, R"({"id": 5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", update(out, R"({"customer_id": 5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", update(out, R"({"name": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "relation", update(out, R"({"relation": "uncle"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday", update(out, R"({"birthday": "--02-30"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "closest", update(out, R"({"closest": 1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_family_update(out, archive_, 424242, R"({"name": "x"})"));
    EXPECT_EQ(wife, ok([&](char** out) { return snowball_family_get(out, archive_, id); }));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_family_remove(nullptr, id));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "id", snowball_family_remove(archive_, 424242));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_family_list(nullptr, archive_, zhang_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_family_list(out, nullptr, zhang_id_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_family_list(out, archive_, 424242));
    EXPECT_EQ(1u, family().size());
}

TEST_F(ProfileInput, Briefing) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_briefing_by_phone(nullptr, archive_, "13800138000", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_briefing_by_phone(out, nullptr, "13800138000", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_briefing_by_phone(out, archive_, nullptr, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_briefing_by_phone(out, archive_, "", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_briefing_by_phone(out, archive_, "call me", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_briefing_by_phone(out, archive_, "138\xff", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "language", snowball_briefing_by_phone(out, archive_, "13800138000", nullptr, "fr"));
    // Nobody with the phone, and an unknown site, are both "not found" — told apart by the field.
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "phone", snowball_briefing_by_phone(out, archive_, "13700137000", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "phone", snowball_briefing_by_phone(out, archive_, "13800138000", "BJ", nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_briefing_by_phone(out, archive_, "13800138000", "ZZ", nullptr));
    const json bj = add_customer({{"site", "BJ"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "site", snowball_briefing_by_phone(out, archive_, "13800138000", nullptr, nullptr));
    const std::int64_t named = snowball_error_last()->record_id;
    EXPECT_TRUE(named == zhang_id_ || named == bj["id"].get<std::int64_t>()) << named;

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_briefing_get(nullptr, archive_, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_briefing_get(out, nullptr, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_briefing_get(out, archive_, 424242, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "language", snowball_briefing_get(out, archive_, zhang_id_, "klingon"));
}

TEST_F(CustomerInput, Birthdays) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday", add_with(out, "birthday", "1985-02-30"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday", add_with(out, "birthday", "lunar:2021-L04-10"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday", add_with(out, "birthday", 19850615));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday.month", add_with(out, "birthday", json{{"day", 15}}));
    expect_nothing_filed();
    const json before = ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); });
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday",
                 snowball_customer_update(out, archive_, zhang_id_, R"({"birthday": "2999-01-01"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by",
                 snowball_customer_update(out, archive_, zhang_id_, R"({"gender": "female", "by": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by",
                 snowball_customer_update(out, archive_, zhang_id_, R"({"gender": "female", "by": "王芳"})"));
    EXPECT_EQ(before, ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); }));
}

// Encryption at rest through the C API: the key in the opening options, the status, rotation.
TEST_F(ArchiveTest, EncryptionStatusAndRotation) {
    const std::string key_a(64, 'a'), key_b(64, 'b');
    const std::string with_a = R"({"encryption_key": ")" + key_a + R"("})";
    const std::string with_b = R"({"encryption_key": ")" + key_b + R"("})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_encryption_status(nullptr, archive_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_encryption_status(out, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_encryption_rotate(nullptr, key_b.c_str(), nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "new_key", snowball_encryption_rotate(archive_, nullptr, nullptr));
    // An archive with no key in force has nothing to rotate.
    EXPECT_FAILS_NO_OUT(SNOWBALL_ESTATE, "new_key", snowball_encryption_rotate(archive_, key_b.c_str(), nullptr));
    EXPECT_EQ(false, ok([&](char** o) { return snowball_encryption_status(o, archive_); })["enabled"]);

    snowball_archive* keyed = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&keyed, path_.c_str(), with_a.c_str()));
    const json status = ok([&](char** o) { return snowball_encryption_status(o, keyed); });
    EXPECT_EQ(true, status["enabled"]);
    EXPECT_EQ(true, status["key_held"]);
    EXPECT_EQ(32u, status["key_id"].get<std::string>().size());
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "new_key", snowball_encryption_rotate(keyed, "abc", nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "new_key", snowball_encryption_rotate(keyed, key_a.c_str(), nullptr));
    std::int64_t resealed = -1;
    EXPECT_SB_OK(snowball_encryption_rotate(keyed, key_b.c_str(), &resealed));
    EXPECT_EQ(0, resealed);   // no sensitive value stored yet
    snowball_archive_free(keyed);

    // The old key no longer opens the archive; the message names the option, never the key.
    snowball_archive* again = nullptr;
    EXPECT_EQ(SNOWBALL_EINVALID, snowball_archive_open(&again, path_.c_str(), with_a.c_str()));
    EXPECT_EQ(nullptr, again);
    EXPECT_EQ(std::string::npos, last_error_text().find(key_a));
    EXPECT_NE(std::string::npos, last_error_text().find("encryption_key"));
    EXPECT_EQ(SNOWBALL_EINVALID, snowball_archive_open(&again, path_.c_str(), R"({"encryption_key": 5})"));
    ASSERT_SB_OK(snowball_archive_open(&again, path_.c_str(), with_b.c_str()));
    EXPECT_EQ(1, ok([&](char** o) { return snowball_encryption_status(o, again); })["keys_retired"]);
    snowball_archive_free(again);
}

} // namespace
