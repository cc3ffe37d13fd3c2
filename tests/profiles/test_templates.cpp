// Profile templates (MISSION §4): the 42-field default template of the source, and the per-site
// templates edited in versions (add, hide, show, rename, move, extend, weigh, brief), all or
// nothing.
#include "profiles_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// The default template

TEST(DefaultTemplate, HasThe42FieldsOfTheSourceInSixSections) {
    const Template& t = default_template();
    EXPECT_EQ("", t.site);
    EXPECT_EQ(0, t.version);
    ASSERT_EQ(6u, t.sections.size());
    const std::vector<std::string> sections{"basic", "family", "lifestyle", "property", "standing", "self_image"};
    for (std::size_t i = 0; i < sections.size(); ++i) {
        EXPECT_EQ(sections[i], t.sections[i].key);
        EXPECT_FALSE(t.sections[i].label.zh.empty());
        EXPECT_FALSE(t.sections[i].label.zh_hant.empty());
        EXPECT_FALSE(t.sections[i].label.en.empty());
    }
    EXPECT_EQ("基本信息", t.sections[0].label.zh);
    EXPECT_EQ("個人房產狀況", t.sections[3].label.zh_hant);
    EXPECT_EQ("自我認同價值", t.sections[5].label.zh_hant);

    ASSERT_EQ(42u, t.fields.size());
    // The source numbers its sections 1-8, 9-16, 17-25, 26-32, 33-38, 39-42.
    const auto section_of = [](int n) {
        return n <= 8 ? "basic" : n <= 16 ? "family" : n <= 25 ? "lifestyle" : n <= 32 ? "property"
                                                     : n <= 38 ? "standing" : "self_image";
    };
    std::set<std::string> seen;
    const std::regex key_form("[a-z][a-z0-9_]*");
    for (std::size_t i = 0; i < t.fields.size(); ++i) {
        const FieldDef& f = t.fields[i];
        SCOPED_TRACE(f.key);
        EXPECT_EQ(static_cast<int>(i) + 1, f.number);
        EXPECT_TRUE(std::regex_match(f.key, key_form));
        EXPECT_TRUE(seen.insert(f.key).second) << "key twice";
        EXPECT_EQ(section_of(f.number), f.section);
        EXPECT_FALSE(f.label.zh.empty());
        EXPECT_FALSE(f.label.zh_hant.empty());
        EXPECT_FALSE(f.label.en.empty());
        EXPECT_GT(f.weight, 0);
        EXPECT_FALSE(f.hidden);
        const bool choice = f.type == FieldType::single_choice || f.type == FieldType::multi_choice;
        EXPECT_EQ(choice, !f.options.empty()) << "choice fields, and only they, have options";
        std::set<std::string> option_keys;
        for (const FieldOption& o : f.options) {
            EXPECT_TRUE(std::regex_match(o.key, key_form)) << o.key;
            EXPECT_TRUE(option_keys.insert(o.key).second) << o.key;
            EXPECT_FALSE(o.label.zh.empty()) << o.key;
            EXPECT_FALSE(o.label.zh_hant.empty()) << o.key;
            EXPECT_FALSE(o.label.en.empty()) << o.key;
        }
        EXPECT_EQ(&f, t.field(f.key));
    }
    EXPECT_EQ(nullptr, t.field("no_such_field"));
    EXPECT_NE(nullptr, t.section("property"));
    EXPECT_EQ(nullptr, t.section("nope"));

    // Labels as the source prints them (traditional) and in simplified Chinese.
    const std::map<std::string, std::pair<std::string, std::string>> labels{
        {"gender", {"性别", "性別"}},
        {"mobile", {"移动电话", "移動電話"}},
        {"native_place", {"籍贯", "籍貫"}},
        {"closest_family_member", {"家庭中最亲密的人", "家庭中最親密的人"}},
        {"health", {"健康状况", "健康狀況"}},
        {"ideal_residence", {"理想居住状况", "理想居住狀況"}},
        {"plate_number", {"车牌号", "車牌號"}},
        {"independent_minded", {"主见", "主見"}},
    };
    for (const auto& [key, label] : labels) {
        ASSERT_NE(nullptr, t.field(key)) << key;
        EXPECT_EQ(label.first, t.field(key)->label.zh) << key;
        EXPECT_EQ(label.second, t.field(key)->label.zh_hant) << key;
    }
    EXPECT_EQ(1, t.field("gender")->number);
    EXPECT_EQ(6, t.field("mobile")->number);
    EXPECT_EQ(22, t.field("health")->number);
    EXPECT_EQ(28, t.field("ideal_residence")->number);
    EXPECT_EQ(35, t.field("plate_number")->number);
    EXPECT_EQ(42, t.field("independent_minded")->number);
}

TEST(DefaultTemplate, HelpNotesTypesSensitivitiesAndBindings) {
    const Template& t = default_template();
    // Field 8's note: the highest degree and school; do they care about degrees?
    const FieldDef& education = *t.field("education");
    EXPECT_EQ(8, education.number);
    EXPECT_NE(std::string::npos, education.help.zh.find("最高学历"));
    EXPECT_NE(std::string::npos, education.help.zh.find("学位"));
    EXPECT_NE(std::string::npos, education.help.zh_hant.find("最高學歷"));
    EXPECT_NE(std::string::npos, education.help.en.find("degree"));
    EXPECT_NE(std::string::npos, t.field("family_situation")->help.zh_hant.find("收入"));
    EXPECT_NE(std::string::npos, t.field("spouse")->help.zh.find("工作单位"));
    EXPECT_NE(std::string::npos, t.field("children")->help.zh.find("出生日期"));

    // Sensitivity categories for the privacy rules.
    EXPECT_EQ(Sensitivity::health, t.field("health")->sensitivity);                 // 22
    EXPECT_EQ(Sensitivity::whereabouts, t.field("plate_number")->sensitivity);      // 35
    EXPECT_EQ(Sensitivity::minors, t.field("children")->sensitivity);               // 15
    EXPECT_EQ(Sensitivity::financial, t.field("family_situation")->sensitivity);    // 9
    EXPECT_EQ(Sensitivity::financial, t.field("current_residence")->sensitivity);   // 26
    EXPECT_EQ(Sensitivity::financial, t.field("property_investments")->sensitivity);// 27
    for (const char* contact : {"mailing_address", "office_phone", "home_phone", "mobile"})
        EXPECT_EQ(Sensitivity::contact, t.field(contact)->sensitivity) << contact;

    // Fields 1, 4, 5, 6 live in the customer record.
    std::map<int, std::string> bound;
    for (const FieldDef& f : t.fields)
        if (!f.bound_to.empty()) bound[f.number] = f.bound_to;
    EXPECT_EQ((std::map<int, std::string>{{1, "gender"}, {4, "office_phone"}, {5, "home_phone"}, {6, "mobile"}}), bound);
    EXPECT_EQ(FieldType::single_choice, t.field("gender")->type);
    for (const char* phone : {"office_phone", "home_phone", "mobile"}) EXPECT_EQ(FieldType::phone, t.field(phone)->type);

    // Fields 11-16 are completed by family records.
    std::map<int, std::string> links;
    for (const FieldDef& f : t.fields)
        if (!f.family_link.empty()) links[f.number] = f.family_link;
    EXPECT_EQ((std::map<int, std::string>{{11, "spouse"},
                                          {12, "spouse.education"},
                                          {13, "spouse.interests"},
                                          {14, "parent"},
                                          {15, "child"},
                                          {16, "closest"}}),
              links);

    // Field 28: the a-g list of what matters most.
    const FieldDef& ideal = *t.field("ideal_residence");
    EXPECT_EQ(FieldType::multi_choice, ideal.type);
    ASSERT_EQ(7u, ideal.options.size());
    EXPECT_EQ("社区规划", ideal.options[0].label.zh);
    EXPECT_EQ("户型设计", ideal.options[1].label.zh);
    EXPECT_NE(std::string::npos, ideal.options[2].label.zh.find("学校"));
    EXPECT_EQ("绿化景观", ideal.options[4].label.zh);
    EXPECT_EQ("品牌及发展商实力", ideal.options[6].label.zh);
    EXPECT_NE(std::string::npos, ideal.help.zh.find("补充"));   // extendable

    // One field of each type the source needs.
    EXPECT_EQ(FieldType::yes_no, t.field("cares_about_neighbours")->type);
    EXPECT_EQ(FieldType::long_text, t.field("health")->type);
    EXPECT_EQ(FieldType::text, t.field("native_place")->type);
    EXPECT_EQ(FieldType::multi_choice, t.field("drinking")->type);
    // The preferences the briefing shows.
    for (const char* key : {"favourite_cuisine", "drinking", "smoking"}) EXPECT_TRUE(t.field(key)->in_briefing) << key;
    EXPECT_FALSE(t.field("health")->in_briefing);
}

TEST(DefaultTemplate, EnumNamesAndLabels) {
    for (FieldType type : {FieldType::text, FieldType::long_text, FieldType::single_choice, FieldType::multi_choice,
                           FieldType::date, FieldType::phone, FieldType::number, FieldType::yes_no})
        EXPECT_EQ(type, parse_field_type(to_string(type)));
    for (Sensitivity s : {Sensitivity::none, Sensitivity::contact, Sensitivity::family, Sensitivity::health,
                          Sensitivity::minors, Sensitivity::whereabouts, Sensitivity::financial})
        EXPECT_EQ(s, parse_sensitivity(to_string(s)));
    EXPECT_EQ(Language::zh_hant, parse_language("zh-TW"));
    EXPECT_EQ(Language::zh, parse_language("zh-Hans"));
    EXPECT_EQ(Language::en, parse_language(" EN "));
    SB_EXPECT_ERROR(parse_language("fr"), invalid_argument, "language", "fr");
    SB_EXPECT_ERROR(parse_field_type("integer", "fields[0].type"), invalid_argument, "fields[0].type", "integer");
    SB_EXPECT_ERROR(parse_sensitivity("secret"), invalid_argument, "sensitivity", "secret");

    const Label l{"微信", "", "WeChat"};
    EXPECT_EQ("微信", l.in(Language::zh));
    EXPECT_EQ("WeChat", l.in(Language::en));
    EXPECT_EQ("微信", l.in(Language::zh_hant));   // falls back
    const Label en_only{"", "", "Budget"};
    EXPECT_EQ("Budget", en_only.in(Language::zh));
}

// ---------------------------------------------------------------------------------------------
// Per-site templates

TEST_F(ProfilesTest, ASiteStartsFromTheDefaultTemplate) {
    const Template t = templates().get("XH");
    EXPECT_EQ("XH", t.site);
    EXPECT_EQ(0, t.version);
    EXPECT_EQ(field_keys(default_template()), field_keys(t));
    const auto versions = templates().versions("xh");
    ASSERT_EQ(1u, versions.size());
    EXPECT_EQ(0, versions[0].version);
    EXPECT_FALSE(versions[0].by);
    EXPECT_EQ(field_keys(default_template()), field_keys(templates().get("XH", 0)));
    SB_EXPECT_ERROR(templates().get("ZZ"), not_found, "site", "ZZ");
    SB_EXPECT_ERROR(templates().get("XH", 1), not_found, "version", "1");
    SB_EXPECT_ERROR(templates().get("XH", -1), invalid_argument, "version", "negative");
    SB_EXPECT_ERROR(templates().versions("ZZ"), not_found, "site", "ZZ");
}

TEST_F(ProfilesTest, EditsAddHideShowRenameMoveExtendWeighAndBrief) {
    // Add a field after another.
    FieldDef parking = own_field("parking", "standing", FieldType::single_choice, "车位需求",
                                 {{"none", {"不需要", "不需要", "None"}}, {"one", {"一个", "一個", "One"}},
                                  {"two", {"两个", "兩個", "Two"}}});
    parking.help = {"是否需要车位", "", "Do they need a parking space?"};
    parking.weight = 2;
    parking.sensitivity = Sensitivity::none;
    parking.in_briefing = true;
    Template t = templates().edit("XH", {add_field(parking, "car_brand")}, li_, "车位是本项目的卖点");
    EXPECT_EQ(1, t.version);
    EXPECT_EQ("XH", t.site);
    EXPECT_TRUE(is_timestamp(t.created_at)) << t.created_at;
    ASSERT_EQ(43u, t.fields.size());
    EXPECT_EQ(index_of(t, "car_brand") + 1, index_of(t, "parking"));
    const FieldDef& added = *t.field("parking");
    EXPECT_EQ(0, added.number);
    EXPECT_EQ("standing", added.section);
    EXPECT_EQ(3u, added.options.size());
    EXPECT_EQ(2, added.weight);
    EXPECT_TRUE(added.in_briefing);
    EXPECT_EQ("是否需要车位", added.help.zh);

    // Without `after`, a new field goes to the end of its section.
    t = templates().edit("XH", {add_field(own_field("pets", "lifestyle", FieldType::text, "宠物"))});
    EXPECT_EQ(2, t.version);
    EXPECT_EQ(index_of(t, "sociability") + 1, index_of(t, "pets"));
    EXPECT_EQ("current_residence", t.fields[static_cast<std::size_t>(index_of(t, "pets")) + 1].key);

    // Hide and show.
    t = templates().edit("XH", {edit(Op::hide, "plate_number")});
    EXPECT_TRUE(t.field("plate_number")->hidden);
    EXPECT_EQ(44u, t.fields.size());   // hidden fields stay in the template
    t = templates().edit("XH", {edit(Op::show, "plate_number")});
    EXPECT_FALSE(t.field("plate_number")->hidden);

    // Rename: only the labels given change.
    TemplateEdit rename = edit(Op::rename, "knowledge_of_us");
    rename.label = {"对建业房产的了解", "", ""};
    t = templates().edit("XH", {rename});
    EXPECT_EQ("对建业房产的了解", t.field("knowledge_of_us")->label.zh);
    EXPECT_EQ("對我公司的了解", t.field("knowledge_of_us")->label.zh_hant);
    EXPECT_EQ("What they know of our company", t.field("knowledge_of_us")->label.en);

    // Move across sections: the field joins the section of the one it follows.
    TemplateEdit move = edit(Op::move, "health");
    move.after = "position";
    t = templates().edit("XH", {move});
    EXPECT_EQ("standing", t.field("health")->section);
    EXPECT_EQ(index_of(t, "position") + 1, index_of(t, "health"));
    // Without `after`: to the start of its own section.
    TemplateEdit to_start = edit(Op::move, "mobile");
    t = templates().edit("XH", {to_start});
    EXPECT_EQ("mobile", t.fields[0].key);
    EXPECT_EQ("gender", t.fields[1].key);

    // Field 28's list is extendable.
    TemplateEdit extend = edit(Op::extend_options, "ideal_residence");
    extend.options = {{"property_management", {"物业服务", "物業服務", "Property management"}},
                      {"school_district", {"学区", "學區", "School district"}}};
    t = templates().edit("XH", {extend});
    const FieldDef& ideal = *t.field("ideal_residence");
    ASSERT_EQ(9u, ideal.options.size());
    EXPECT_EQ("brand_strength", ideal.options[6].key);
    EXPECT_EQ("property_management", ideal.options[7].key);
    EXPECT_EQ("school_district", ideal.options[8].key);

    // Weight and the briefing flag.
    TemplateEdit weigh = edit(Op::set_weight, "car_brand");
    weigh.weight = 5;
    TemplateEdit brief = edit(Op::set_in_briefing, "health");
    brief.flag = true;
    t = templates().edit("XH", {weigh, brief});
    EXPECT_EQ(5, t.field("car_brand")->weight);
    EXPECT_TRUE(t.field("health")->in_briefing);

    // A section of the site's own, and a field in it (at the end of the template).
    TemplateEdit section = edit(Op::add_section, "investment");
    section.label = {"投资意向", "投資意向", "Investment plans"};
    t = templates().edit("XH", {section, add_field(own_field("target_yield", "investment", FieldType::number, "目标收益率"))});
    ASSERT_EQ(7u, t.sections.size());
    EXPECT_EQ("investment", t.sections[6].key);
    EXPECT_EQ("投資意向", t.sections[6].label.zh_hant);
    EXPECT_EQ("target_yield", t.fields.back().key);
    EXPECT_EQ("investment", t.fields.back().section);

    // Every edit made a version; each stays readable as it was.
    const auto versions = templates().versions("XH");
    ASSERT_EQ(11u, versions.size());
    for (std::size_t i = 0; i < versions.size(); ++i) EXPECT_EQ(static_cast<int>(i), versions[i].version);
    EXPECT_EQ(li_, versions[1].by);
    EXPECT_EQ("车位是本项目的卖点", versions[1].note);
    EXPECT_FALSE(versions[2].by);
    EXPECT_TRUE(is_timestamp(versions[10].created_at));
    EXPECT_EQ(10, templates().get("XH").version);
    EXPECT_EQ(43u, templates().get("XH", 1).fields.size());
    EXPECT_EQ(nullptr, templates().get("XH", 1).field("pets"));
    EXPECT_TRUE(templates().get("XH", 3).field("plate_number")->hidden);
    EXPECT_FALSE(templates().get("XH", 4).field("plate_number")->hidden);
    EXPECT_EQ(field_keys(default_template()), field_keys(templates().get("XH", 0)));

    // The other site is untouched.
    EXPECT_EQ(0, templates().get("BJ").version);
    EXPECT_EQ(field_keys(default_template()), field_keys(templates().get("BJ")));
    EXPECT_EQ(1u, templates().versions("BJ").size());
}

TEST_F(ProfilesTest, EditsAreAllOrNothingAndNameTheBadOne) {
    templates().edit("XH", {edit(Op::hide, "health")});
    const auto rejected = [&](const std::vector<TemplateEdit>& edits, Status status, const std::string& field,
                              const std::string& fragment = {}) {
        expect_rejected([&] { templates().edit("XH", edits); }, status, field, fragment);
        EXPECT_EQ(2u, templates().versions("XH").size());
    };
    TemplateEdit rename_unknown = edit(Op::rename, "no_such_field");
    rename_unknown.label = {"x", "", ""};
    rejected({edit(Op::hide, "plate_number"), rename_unknown}, Status::not_found, "edits[1].key", "no_such_field");
    EXPECT_FALSE(templates().get("XH").field("plate_number")->hidden);

    // Keys that exist (hidden ones included) are conflicts.
    rejected({add_field(own_field("mobile", "basic", FieldType::phone, "手机"))}, Status::conflict, "edits[0].field.key");
    rejected({add_field(own_field("health", "lifestyle", FieldType::text, "健康"))}, Status::conflict, "edits[0].field.key",
             "hidden");
    TemplateEdit existing_option = edit(Op::extend_options, "ideal_residence");
    existing_option.options = {{"unit_design", {"户型", "", ""}}};
    rejected({existing_option}, Status::conflict, "edits[0].options", "unit_design");
    TemplateEdit existing_section = edit(Op::add_section, "basic");
    existing_section.label = {"基本", "", ""};
    rejected({existing_section}, Status::conflict, "edits[0].key");
    // The same new key twice in one batch: the second is the conflict.
    rejected({add_field(own_field("pets", "lifestyle", FieldType::text, "宠物")),
              add_field(own_field("pets", "lifestyle", FieldType::text, "宠物"))},
             Status::conflict, "edits[1].field.key");

    // Malformed fields and edits.
    rejected({add_field(own_field("Pets", "lifestyle", FieldType::text, "宠物"))}, Status::invalid_argument,
             "edits[0].field.key");
    rejected({add_field(own_field("pets", "hobbies", FieldType::text, "宠物"))}, Status::invalid_argument,
             "edits[0].field.section");
    rejected({add_field(own_field("pets", "lifestyle", FieldType::text, ""))}, Status::invalid_argument,
             "edits[0].field.label");
    rejected({add_field(own_field("pets", "lifestyle", FieldType::single_choice, "宠物"))}, Status::invalid_argument,
             "edits[0].field.options");
    rejected({add_field(own_field("pets", "lifestyle", FieldType::text, "宠物", {{"cat", {"猫", "", ""}}}))},
             Status::invalid_argument, "edits[0].field.options");
    rejected({add_field(own_field("pets", "lifestyle", FieldType::single_choice, "宠物",
                                  {{"cat", {"猫", "", ""}}, {"cat", {"猫猫", "", ""}}}))},
             Status::invalid_argument, "edits[0].field.options[1].key");
    rejected({add_field(own_field("pets", "lifestyle", FieldType::text, "宠物"), "position")}, Status::invalid_argument,
             "edits[0].after", "another section");
    // What only the source template's fields have, named by its key (the stored form of a field
    // carries them, so the C API reads them too).
    FieldDef bound = own_field("wechat", "basic", FieldType::phone, "微信");
    bound.bound_to = "mobile";
    rejected({add_field(bound)}, Status::invalid_argument, "edits[0].field.bound_to");
    FieldDef linked = own_field("in_laws", "family", FieldType::text, "岳父母");
    linked.family_link = "parent";
    rejected({add_field(linked)}, Status::invalid_argument, "edits[0].field.family_link");
    FieldDef numbered = own_field("pets", "lifestyle", FieldType::text, "宠物");
    numbered.number = 43;
    rejected({add_field(numbered)}, Status::invalid_argument, "edits[0].field.number");
    FieldDef hidden = own_field("pets", "lifestyle", FieldType::text, "宠物");
    hidden.hidden = true;
    rejected({add_field(hidden)}, Status::invalid_argument, "edits[0].field.hidden", "hide");
    TemplateEdit not_choice = edit(Op::extend_options, "health");
    not_choice.options = {{"ok", {"好", "", ""}}};
    rejected({not_choice}, Status::invalid_argument, "edits[0].key", "not a choice field");
    TemplateEdit bound_options = edit(Op::extend_options, "gender");   // the record knows male and female only
    bound_options.options = {{"other", {"其他", "其他", "Other"}}};
    rejected({bound_options}, Status::invalid_argument, "edits[0].key", "customer record");
    TemplateEdit no_options = edit(Op::extend_options, "ideal_residence");
    rejected({no_options}, Status::invalid_argument, "edits[0].options");
    TemplateEdit bad_option = edit(Op::extend_options, "ideal_residence");
    bad_option.options = {{"Bad Key", {"坏", "", ""}}};
    rejected({bad_option}, Status::invalid_argument, "edits[0].options[7].key");
    for (double w : {-1.0, 101.0, std::nan("")}) {
        TemplateEdit weigh = edit(Op::set_weight, "car_brand");
        weigh.weight = w;
        rejected({weigh}, Status::invalid_argument, "edits[0].weight");
    }
    TemplateEdit move_self = edit(Op::move, "car_brand");
    move_self.after = "car_brand";
    rejected({move_self}, Status::invalid_argument, "edits[0].after");
    TemplateEdit move_after_unknown = edit(Op::move, "car_brand");
    move_after_unknown.after = "nowhere";
    rejected({move_after_unknown}, Status::not_found, "edits[0].after", "nowhere");
    rejected({add_field(own_field("pets", "lifestyle", FieldType::text, "宠物"), "nowhere")}, Status::not_found,
             "edits[0].after", "nowhere");
    rejected({edit(Op::show, "nope")}, Status::not_found, "edits[0].key");
    TemplateEdit bad_section = edit(Op::add_section, "2nd");
    bad_section.label = {"第二", "", ""};
    rejected({bad_section}, Status::invalid_argument, "edits[0].key");

    expect_rejected([&] { templates().edit("XH", {}); }, Status::invalid_argument, "edits");
    expect_rejected([&] { templates().edit("ZZ", {edit(Op::hide, "health")}); }, Status::not_found, "site");
    expect_rejected([&] { templates().edit("XH", {edit(Op::hide, "plate_number")}, 9999); }, Status::not_found, "by");
    EXPECT_EQ(2u, templates().versions("XH").size());
}

} // namespace
