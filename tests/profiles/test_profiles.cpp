// Customer profiles (MISSION §4): the 42-field default template, per-site versioned templates,
// typed values and their history, fields bound to the customer record, the profile as of a day,
// completeness and the leaderboard, distributions, family members, birthdays, the salutation and
// the visit briefing, and the migration of a version-1 archive. Every rejected input is checked
// for its status, its field and that nothing was written.
#include "snowball/briefing.hpp"
#include "snowball/customers.hpp"
#include "snowball/lunar.hpp"
#include "snowball/numbering.hpp"
#include "snowball/profiles.hpp"

#include "archive/schema.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using boost::gregorian::days;
using snowball::testing::ArchiveTest;
using snowball::testing::expect_error;

using Values = std::map<std::string, FieldValue>;
using Keys = std::vector<std::string>;
using Op = TemplateEdit::Op;

FieldValue text(const char* s) { return std::string(s); }
FieldValue keys(std::initializer_list<const char*> list) {
    std::vector<std::string> out;
    for (const char* k : list) out.emplace_back(k);
    return out;
}

// The value of a FieldValue alternative, or a test failure.
template <class T>
T as(const FieldValue& v) {
    if (const T* p = std::get_if<T>(&v)) return *p;
    ADD_FAILURE() << "the value holds another alternative (index " << v.index() << ")";
    return T{};
}

bool is_empty(const FieldValue& v) { return std::holds_alternative<std::monostate>(v); }

std::vector<std::string> field_keys(const Template& t) {
    std::vector<std::string> out;
    for (const FieldDef& f : t.fields) out.push_back(f.key);
    return out;
}

std::ptrdiff_t index_of(const Template& t, const std::string& key) {
    const auto k = field_keys(t);
    return std::find(k.begin(), k.end(), key) - k.begin();
}

bool is_timestamp(const std::string& s) {
    static const std::regex form(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    return std::regex_match(s, form);
}

TemplateEdit edit(Op op, const std::string& key) {
    TemplateEdit e;
    e.op = op;
    e.key = key;
    return e;
}

FieldDef own_field(const std::string& key, const std::string& section, FieldType type, const std::string& zh,
                   std::vector<FieldOption> options = {}) {
    FieldDef f;
    f.key = key;
    f.section = section;
    f.type = type;
    f.label = {zh, "", ""};
    f.options = std::move(options);
    return f;
}

TemplateEdit add_field(FieldDef f, const std::string& after = {}) {
    TemplateEdit e;
    e.op = Op::add_field;
    e.field = std::move(f);
    e.after = after;
    return e;
}

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
// The fixture: two sites, consultants, customers

class ProfilesTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "祥和花园", ""});
        archive_.sites().add({"BJ", "北京一期", ""});
        li_ = archive_.consultants().add({"XH", "李娜", ""}).id;
        wang_ = archive_.consultants().add({"XH", "王强", ""}).id;
        zhao_ = archive_.consultants().add({"BJ", "赵敏", ""}).id;
    }

    Templates& templates() { return archive_.templates(); }
    Profiles& profiles() { return archive_.profiles(); }
    Family& family() { return archive_.family(); }
    Customers& customers() { return archive_.customers(); }
    Briefings& briefings() { return archive_.briefings(); }

    Customer add(const std::string& name, const std::string& mobile = {}, Gender gender = Gender::unknown,
                 const std::string& site = "XH", std::optional<std::int64_t> consultant = std::nullopt,
                 std::optional<Date> first_contact = std::nullopt) {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.mobile = mobile;
        c.gender = gender;
        c.consultant_id = consultant;
        c.first_contact = first_contact;
        return customers().add(c);
    }

    FieldValue value(std::int64_t customer_id, const std::string& key) {
        const Profile p = profiles().get(customer_id);
        const ProfileEntry* e = p.entry(key);
        if (!e) {
            ADD_FAILURE() << "no entry " << key;
            return {};
        }
        return e->value;
    }

    // Checks that `f` fails as described and leaves the archive file exactly as it was.
    template <class F>
    std::optional<Error> expect_rejected(F&& f, Status status, const std::string& field, const std::string& fragment = {}) {
        const std::string before = dump();
        auto e = expect_error(std::forward<F>(f), status, field, fragment);
        EXPECT_EQ(dump(), before) << "the archive changed although the operation failed";
        return e;
    }

    // A site template with one field of each type the default lacks: date, phone, number.
    void add_typed_fields(const std::string& site = "XH") {
        templates().edit(site, {add_field(own_field("move_in_date", "property", FieldType::date, "计划入住日期")),
                                add_field(own_field("assistant_phone", "basic", FieldType::phone, "助理电话")),
                                add_field(own_field("budget", "property", FieldType::number, "预算（万元）"))});
    }

    // A writable second connection, to move recorded times into the past.
    void sql(const std::string& statement) {
        SQLite::Database db(path(), SQLite::OPEN_READWRITE);
        db.exec(statement);
    }

    std::int64_t li_ = 0, wang_ = 0, zhao_ = 0;
};

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
    FieldDef bound = own_field("wechat", "basic", FieldType::phone, "微信");
    bound.bound_to = "mobile";
    rejected({add_field(bound)}, Status::invalid_argument, "edits[0].field");
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

// ---------------------------------------------------------------------------------------------
// Typed values

TEST_F(ProfilesTest, ValuesOfEveryTypeAreCheckedAndNormalised) {
    add_typed_fields();
    const Customer c = add("张伟", "13800138000");
    profiles().set(c.id,
                   {{"native_place", text("  浙江 杭州 ")},
                    {"health", text("高血压\n每年体检")},
                    {"marital_status", text("已婚")},
                    {"drinking", keys({"红酒", "baijiu", "紅酒", "Beer", "wine"})},
                    {"sociability", text("KEEN")},
                    {"independent_minded", text("比較有主見")},
                    {"cares_about_neighbours", true},
                    {"move_in_date", text("2026-10-01")},
                    {"assistant_phone", text("+86 139-0013-9000")},
                    {"budget", 350.5}},
                   li_);
    const Profile p = profiles().get(c.id);
    EXPECT_EQ("浙江 杭州", as<std::string>(p.entry("native_place")->value));
    EXPECT_EQ("高血压\n每年体检", as<std::string>(p.entry("health")->value));
    EXPECT_EQ("married", as<std::string>(p.entry("marital_status")->value));
    // Multiple choice: keys, de-duplicated, in option order.
    EXPECT_EQ((Keys{"baijiu", "wine", "beer"}), as<Keys>(p.entry("drinking")->value));
    EXPECT_EQ("keen", as<std::string>(p.entry("sociability")->value));
    EXPECT_EQ("fairly", as<std::string>(p.entry("independent_minded")->value));
    EXPECT_TRUE(as<bool>(p.entry("cares_about_neighbours")->value));
    EXPECT_EQ(Date(2026, 10, 1), as<Date>(p.entry("move_in_date")->value));
    EXPECT_EQ("13900139000", as<std::string>(p.entry("assistant_phone")->value));
    EXPECT_DOUBLE_EQ(350.5, as<double>(p.entry("budget")->value));
    EXPECT_EQ(li_, p.entry("budget")->updated_by);
    EXPECT_TRUE(is_timestamp(p.entry("budget")->updated_at));
    EXPECT_TRUE(is_empty(p.entry("position")->value));
    EXPECT_EQ("", p.entry("position")->updated_at);

    // Typed alternatives are accepted as such; text forms of dates, numbers and yes/no too.
    profiles().set(c.id, {{"move_in_date", Date(2027, 1, 15)},
                          {"budget", text(" 420 ")},
                          {"cares_about_neighbours", text("否")},
                          {"drinking", text("啤酒")}});
    EXPECT_EQ(Date(2027, 1, 15), as<Date>(value(c.id, "move_in_date")));
    EXPECT_DOUBLE_EQ(420, as<double>(value(c.id, "budget")));
    EXPECT_FALSE(as<bool>(value(c.id, "cares_about_neighbours")));
    EXPECT_EQ((Keys{"beer"}), as<Keys>(value(c.id, "drinking")));

    // Display text for people, in each language.
    const Template xh = templates().get("XH");
    const FieldDef& drinking = *xh.field("drinking");
    EXPECT_EQ("白酒、红酒", display(drinking, keys({"baijiu", "wine"}), Language::zh));
    EXPECT_EQ("白酒、紅酒", display(drinking, keys({"baijiu", "wine"}), Language::zh_hant));
    EXPECT_EQ("Baijiu, Wine", display(drinking, keys({"baijiu", "wine"}), Language::en));
    const FieldDef& neighbours = *xh.field("cares_about_neighbours");
    EXPECT_EQ("是", display(neighbours, true, Language::zh));
    EXPECT_EQ("No", display(neighbours, false, Language::en));
    EXPECT_EQ("", display(neighbours, std::monostate{}, Language::zh));
    EXPECT_EQ("已婚", display(*xh.field("marital_status"), text("married"), Language::zh));
    EXPECT_EQ("2026-10-01", display(*xh.field("move_in_date"), Date(2026, 10, 1), Language::en));
}

TEST_F(ProfilesTest, BadValuesAreRejectedAndNothingIsWritten) {
    add_typed_fields();
    const Customer c = add("张伟", "13800138000");
    profiles().set(c.id, {{"position", text("经理")}});
    const auto bad = [&](const Values& values, const std::string& field, const std::string& fragment = {}) {
        SCOPED_TRACE(field);
        expect_rejected([&] { profiles().set(c.id, values, li_); }, Status::invalid_argument, field, fragment);
    };
    bad({{"drinking", text("威士忌")}}, "drinking", "威士忌");
    bad({{"drinking", keys({"wine", "whisky"})}}, "drinking", "whisky");
    bad({{"marital_status", text("engaged")}}, "marital_status", "engaged");
    bad({{"move_in_date", text("2026-02-30")}}, "move_in_date");
    bad({{"move_in_date", text("2026/03/05")}}, "move_in_date");
    bad({{"move_in_date", Date(boost::gregorian::not_a_date_time)}}, "move_in_date");
    bad({{"assistant_phone", text("12345")}}, "assistant_phone");
    bad({{"assistant_phone", text("call me")}}, "assistant_phone");
    bad({{"budget", text("三百万")}}, "budget");
    bad({{"budget", text("12abc")}}, "budget");
    bad({{"budget", std::numeric_limits<double>::infinity()}}, "budget");
    bad({{"budget", std::nan("")}}, "budget");
    bad({{"cares_about_neighbours", text("maybe")}}, "cares_about_neighbours");
    // Wrong kinds of value.
    bad({{"position", 42.0}}, "position");
    bad({{"position", keys({"a"})}}, "position");
    bad({{"marital_status", true}}, "marital_status");
    bad({{"drinking", 1.0}}, "drinking");
    bad({{"move_in_date", 20260305.0}}, "move_in_date");
    bad({{"budget", keys({"1"})}}, "budget");
    bad({{"cares_about_neighbours", 1.0}}, "cares_about_neighbours");
    bad({{"assistant_phone", Date(2026, 1, 1)}}, "assistant_phone");
    bad({{"mobile", true}}, "mobile");
    // Text that breaks the text rules.
    bad({{"position", text(std::string(201, 'x').c_str())}}, "position");
    bad({{"position", text("总\n经理")}}, "position");
    bad({{"position", text("\xe6\x80")}}, "position");
    // Unknown fields.
    bad({{"favourite_colour", text("红")}}, "favourite_colour", "favourite_colour");
    bad({{"", text("x")}}, "");
    expect_rejected([&] { profiles().set(c.id, {}); }, Status::invalid_argument, "values");

    // A batch whose third value (in key order) is bad writes none of the four.
    expect_rejected([&] {
        profiles().set(c.id, {{"car_brand", text("宝马")},
                              {"dress_style", text("休闲")},
                              {"drinking", text("威士忌")},
                              {"position", text("总经理")}});
    }, Status::invalid_argument, "drinking");
    EXPECT_EQ("经理", as<std::string>(value(c.id, "position")));
    EXPECT_TRUE(is_empty(value(c.id, "car_brand")));

    // Unknown customers and consultants.
    expect_rejected([&] { profiles().set(424242, {{"position", text("x")}}); }, Status::not_found, "customer_id");
    expect_rejected([&] { profiles().set(c.id, {{"position", text("x")}}, 9999); }, Status::not_found, "by");
    // A removed customer has no profile to write.
    const Customer gone = add("过客");
    customers().remove(gone.id);
    expect_rejected([&] { profiles().set(gone.id, {{"position", text("x")}}); }, Status::not_found, "customer_id");
    SB_EXPECT_ERROR(profiles().get(gone.id), not_found, "customer_id", "");
}

TEST_F(ProfilesTest, SetManyIsOneTransaction) {
    const Customer a = add("张伟"), b = add("李娜");
    profiles().set_many({{a.id, {{"position", text("经理")}}}, {b.id, {{"position", text("总监")}}}}, wang_);
    EXPECT_EQ("经理", as<std::string>(value(a.id, "position")));
    EXPECT_EQ("总监", as<std::string>(value(b.id, "position")));
    EXPECT_EQ(wang_, profiles().history(b.id)[0].by);
    expect_rejected([&] {
        profiles().set_many({{a.id, {{"position", text("董事长")}}}, {b.id, {{"drinking", text("威士忌")}}}});
    }, Status::invalid_argument, "updates[1].drinking", "updates[1]");
    expect_rejected([&] {
        profiles().set_many({{a.id, {{"position", text("董事长")}}}, {424242, {{"position", text("x")}}}});
    }, Status::not_found, "updates[1].customer_id");
    EXPECT_EQ("经理", as<std::string>(value(a.id, "position")));
}

TEST_F(ProfilesTest, SetTextParsesValuesAsAFormHoldsThem) {
    add_typed_fields();
    const Customer c = add("张伟");
    profiles().set_text(c.id, {{"drinking", "红酒、白酒"},
                               {"favourite_cuisine", "川菜, 粤菜；火锅"},
                               {"cares_about_neighbours", "是"},
                               {"move_in_date", "2026-03-05"},
                               {"budget", "300"},
                               {"marital_status", "離異"},
                               {"position", "总经理"}},
                        li_);
    EXPECT_EQ((Keys{"baijiu", "wine"}), as<Keys>(value(c.id, "drinking")));
    EXPECT_EQ((Keys{"sichuan", "cantonese", "hotpot"}), as<Keys>(value(c.id, "favourite_cuisine")));
    EXPECT_TRUE(as<bool>(value(c.id, "cares_about_neighbours")));
    EXPECT_EQ(Date(2026, 3, 5), as<Date>(value(c.id, "move_in_date")));
    EXPECT_DOUBLE_EQ(300, as<double>(value(c.id, "budget")));
    EXPECT_EQ("divorced", as<std::string>(value(c.id, "marital_status")));
    profiles().set_text(c.id, {{"cares_about_neighbours", "否"}, {"drinking", "wine / beer"}});
    EXPECT_FALSE(as<bool>(value(c.id, "cares_about_neighbours")));
    for (const char* yes : {"yes", "Y", "TRUE", "有", "在意"}) {
        profiles().set_text(c.id, {{"cares_about_neighbours", yes}});
        EXPECT_TRUE(as<bool>(value(c.id, "cares_about_neighbours"))) << yes;
    }
    for (const char* no : {"no", "N", "false", "无", "無", "没有", "沒有", "不在意"}) {
        profiles().set_text(c.id, {{"cares_about_neighbours", no}});
        EXPECT_FALSE(as<bool>(value(c.id, "cares_about_neighbours"))) << no;
    }
    EXPECT_EQ((Keys{"wine", "beer"}), as<Keys>(value(c.id, "drinking")));

    // Option labels that hold separators themselves are still one option, as display() writes them.
    profiles().set_text(c.id, {{"drinking", "不饮酒，不介意别人饮酒"}});
    EXPECT_EQ((Keys{"none_tolerant"}), as<Keys>(value(c.id, "drinking")));
    profiles().set_text(c.id, {{"ideal_residence", "户型设计、周边配套（学校、医院、商场等）"}});
    EXPECT_EQ((Keys{"unit_design", "surrounding_amenities"}), as<Keys>(value(c.id, "ideal_residence")));
    profiles().set_text(c.id, {{"smoking", "Does not smoke, does not mind others"}});
    EXPECT_EQ((Keys{"none_tolerant"}), as<Keys>(value(c.id, "smoking")));
    const Template xh = templates().get("XH");
    const FieldDef& ideal = *xh.field("ideal_residence");
    for (Language language : {Language::zh, Language::zh_hant, Language::en}) {
        const FieldValue all = keys({"community_planning", "unit_design", "surrounding_amenities", "community_facilities",
                                     "greenery_landscape", "product_quality", "brand_strength"});
        profiles().set_text(c.id, {{"ideal_residence", display(ideal, all, language)}});
        EXPECT_EQ(as<Keys>(all), as<Keys>(value(c.id, "ideal_residence"))) << to_string(language);
    }

    // "" clears.
    profiles().set_text(c.id, {{"drinking", ""}, {"budget", "  "}});
    EXPECT_TRUE(is_empty(value(c.id, "drinking")));
    EXPECT_TRUE(is_empty(value(c.id, "budget")));

    expect_rejected([&] { profiles().set_text(c.id, {{"drinking", "红酒、威士忌"}}); }, Status::invalid_argument, "drinking");
    expect_rejected([&] { profiles().set_text(c.id, {{"cares_about_neighbours", "也许"}}); }, Status::invalid_argument,
                    "cares_about_neighbours");
    expect_rejected([&] { profiles().set_text(c.id, {{"move_in_date", "2026年3月5日"}}); }, Status::invalid_argument,
                    "move_in_date");
    expect_rejected([&] { profiles().set_text(c.id, {{"budget", "三百"}}); }, Status::invalid_argument, "budget");
    expect_rejected([&] { profiles().set_text(c.id, {{"nope", "x"}}); }, Status::invalid_argument, "nope");
    expect_rejected([&] { profiles().set_text(c.id, {}); }, Status::invalid_argument, "values");
}

// ---------------------------------------------------------------------------------------------
// Fields bound to the customer record

TEST_F(ProfilesTest, BoundFieldsAreTheCustomerRecord) {
    const Customer c = add("张伟", "13800138000", Gender::male);
    EXPECT_EQ("male", as<std::string>(value(c.id, "gender")));
    EXPECT_EQ("13800138000", as<std::string>(value(c.id, "mobile")));
    EXPECT_TRUE(is_empty(value(c.id, "home_phone")));

    profiles().set(c.id, {{"gender", text("女")},
                          {"mobile", text("139 0013 9000")},
                          {"home_phone", text("010-6552 1234")},
                          {"office_phone", text("021-5049 1234")}},
                   li_);
    const Customer after = customers().get(c.id);
    EXPECT_EQ(Gender::female, after.gender);
    EXPECT_EQ("13900139000", after.mobile);
    ASSERT_EQ(2u, after.phones.size());
    EXPECT_EQ((Phone{PhoneKind::home, "01065521234"}), after.phones[0]);
    EXPECT_EQ((Phone{PhoneKind::office, "02150491234"}), after.phones[1]);
    EXPECT_EQ("female", as<std::string>(value(c.id, "gender")));
    EXPECT_EQ("01065521234", as<std::string>(value(c.id, "home_phone")));
    EXPECT_EQ("02150491234", as<std::string>(value(c.id, "office_phone")));
    // The new numbers recognise the customer; the old mobile does not any more.
    EXPECT_EQ(c.id, customers().by_phone("010 6552 1234", "XH")->id);
    EXPECT_FALSE(customers().by_phone("13800138000", "XH"));

    // Each change is in the profile history, with who made it.
    const auto h = profiles().history(c.id);
    std::map<std::string, HistoryEntry> by_field;
    for (const HistoryEntry& e : h) by_field[e.field] = e;
    ASSERT_EQ(4u, h.size());
    EXPECT_EQ("male", as<std::string>(by_field["gender"].old_value));
    EXPECT_EQ("female", as<std::string>(by_field["gender"].new_value));
    EXPECT_EQ("13800138000", as<std::string>(by_field["mobile"].old_value));
    EXPECT_EQ("13900139000", as<std::string>(by_field["mobile"].new_value));
    EXPECT_TRUE(is_empty(by_field["home_phone"].old_value));
    EXPECT_EQ("01065521234", as<std::string>(by_field["home_phone"].new_value));
    for (const HistoryEntry& e : h) EXPECT_EQ(li_, e.by) << e.field;

    // Changes made through the customer record are recorded too, with `by`.
    CustomerUpdate u;
    u.gender = Gender::male;
    u.by = wang_;
    customers().update(c.id, u);
    CustomerUpdate anonymous;
    anonymous.mobile = "";
    customers().update(c.id, anonymous);
    const auto gender = profiles().history(c.id, "gender");
    ASSERT_EQ(2u, gender.size());
    EXPECT_EQ("male", as<std::string>(gender[1].new_value));
    EXPECT_EQ(wang_, gender[1].by);
    const auto mobile = profiles().history(c.id, "mobile");
    ASSERT_EQ(2u, mobile.size());
    EXPECT_TRUE(is_empty(mobile[1].new_value));
    EXPECT_FALSE(mobile[1].by);
    // Updates that do not touch bound fields record nothing.
    CustomerUpdate note;
    note.note = "喜欢南向";
    note.by = li_;
    customers().update(c.id, note);
    EXPECT_EQ(6u, profiles().history(c.id).size());

    // Clearing through the profile clears the record.
    profiles().set(c.id, {{"gender", std::monostate{}}, {"home_phone", text("")}});
    EXPECT_EQ(Gender::unknown, customers().get(c.id).gender);
    ASSERT_EQ(1u, customers().get(c.id).phones.size());
    EXPECT_EQ(PhoneKind::office, customers().get(c.id).phones[0].kind);
}

TEST_F(ProfilesTest, BoundFieldsKeepThePhoneRules) {
    const Customer c = add("张伟", "13800138000");
    const Customer other = add("李娜", "13900139000");
    CustomerUpdate u;
    u.phones = std::vector<Phone>{{PhoneKind::home, "01065521234"}};
    customers().update(other.id, u);

    auto e = expect_rejected([&] { profiles().set(c.id, {{"mobile", text("139-0013-9000")}}, li_); }, Status::conflict,
                             "mobile", "李娜");
    if (e) {
        EXPECT_EQ(other.id, e->record_id());
    }
    e = expect_rejected([&] { profiles().set(c.id, {{"home_phone", text("010 6552 1234")}}, li_); }, Status::conflict,
                        "home_phone", "李娜");
    if (e) {
        EXPECT_EQ(other.id, e->record_id());
    }
    e = expect_rejected([&] {
        profiles().set(c.id, {{"home_phone", text("02150491234")}, {"office_phone", text("010 6552 1234")}}, li_);
    }, Status::conflict, "office_phone");
    if (e) {
        EXPECT_EQ(other.id, e->record_id());
    }
    // A landline is no mobile; a number twice for one customer is refused.
    expect_rejected([&] { profiles().set(c.id, {{"mobile", text("010-65521234")}}); }, Status::invalid_argument, "mobile");
    expect_rejected([&] { profiles().set(c.id, {{"office_phone", text("13800138000")}}); }, Status::invalid_argument,
                    "office_phone");
    // Through the record, an unknown `by` is refused like everywhere else.
    CustomerUpdate by_nobody;
    by_nobody.gender = Gender::female;
    by_nobody.by = 9999;
    expect_rejected([&] { customers().update(c.id, by_nobody); }, Status::not_found, "by");
    // The same phone at another site is no conflict.
    const Customer bj = add("张伟", "13700137000", Gender::male, "BJ");
    profiles().set(bj.id, {{"home_phone", text("01065521234")}}, zhao_);
    EXPECT_EQ("01065521234", as<std::string>(value(bj.id, "home_phone")));
}

// ---------------------------------------------------------------------------------------------
// History and the profile as of a day

TEST_F(ProfilesTest, HistoryRecordsWhoWhenOldAndNew) {
    const Customer c = add("张伟");
    const Customer other = add("李娜");
    profiles().set(c.id, {{"position", text("经理")}, {"drinking", keys({"wine"})}}, li_);
    profiles().set(c.id, {{"position", text("经理")}}, wang_);   // unchanged: not recorded
    profiles().set(c.id, {{"drinking", keys({"红酒"})}}, wang_);   // the same after normalising
    EXPECT_EQ(2u, profiles().history(c.id).size());
    profiles().set(c.id, {{"position", text("总经理")}}, wang_);
    profiles().set(c.id, {{"drinking", std::monostate{}}});
    profiles().set(other.id, {{"position", text("教师")}}, li_);
    profiles().set(c.id, {{"car_brand", std::monostate{}}});     // clearing nothing: nothing

    const auto all = profiles().history(c.id);
    ASSERT_EQ(4u, all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(c.id, all[i].customer_id);
        EXPECT_TRUE(is_timestamp(all[i].at)) << all[i].at;
        if (i) {
            EXPECT_GT(all[i].id, all[i - 1].id);   // oldest first
            EXPECT_GE(all[i].at, all[i - 1].at);
        }
    }
    EXPECT_EQ("drinking", all[0].field);   // one set, fields in key order
    EXPECT_TRUE(is_empty(all[0].old_value));
    EXPECT_EQ((Keys{"wine"}), as<Keys>(all[0].new_value));
    EXPECT_EQ(li_, all[0].by);
    EXPECT_EQ("position", all[1].field);
    EXPECT_EQ("position", all[2].field);
    EXPECT_EQ("经理", as<std::string>(all[2].old_value));
    EXPECT_EQ("总经理", as<std::string>(all[2].new_value));
    EXPECT_EQ(wang_, all[2].by);
    EXPECT_EQ("drinking", all[3].field);
    EXPECT_EQ((Keys{"wine"}), as<Keys>(all[3].old_value));
    EXPECT_TRUE(is_empty(all[3].new_value));
    EXPECT_FALSE(all[3].by);

    const auto position = profiles().history(c.id, "position");
    ASSERT_EQ(2u, position.size());
    EXPECT_EQ(all[1].id, position[0].id);
    EXPECT_EQ(all[2].id, position[1].id);
    EXPECT_TRUE(profiles().history(c.id, "car_brand").empty());
    EXPECT_EQ(1u, profiles().history(other.id).size());
    SB_EXPECT_ERROR(profiles().history(c.id, "no_such_field"), invalid_argument, "field", "no_such_field");
    SB_EXPECT_ERROR(profiles().history(424242), not_found, "customer_id", "424242");
}

TEST_F(ProfilesTest, TheProfileAsOfADay) {
    const Customer c = add("张伟", "13800138000", Gender::male);
    profiles().set(c.id, {{"position", text("经理")}, {"car_brand", text("大众")}}, li_);
    profiles().set(c.id, {{"position", text("总经理")}}, li_);
    CustomerUpdate u;
    u.gender = Gender::female;   // a correction, made later
    customers().update(c.id, u);
    // Move the record into the past: filed on 2024-01-01 (China), position set on 2024-02-01,
    // promoted on 2024-03-01 at 01:00 China time (still 2024-02-29 in UTC), the gender corrected
    // on 2024-04-01; the car brand set on 2024-02-01.
    sql("UPDATE customers SET filed_at = '2024-01-01T02:00:00Z' WHERE id = " + std::to_string(c.id));
    sql("UPDATE profile_history SET changed_at = '2024-02-01T03:00:00Z' WHERE field IN ('car_brand') OR "
        "(field = 'position' AND old_value IS NULL)");
    sql("UPDATE profile_history SET changed_at = '2024-02-29T17:00:00Z' WHERE field = 'position' AND old_value IS NOT NULL");
    sql("UPDATE profile_history SET changed_at = '2024-04-01T03:00:00Z' WHERE field = 'gender'");

    const auto at = [&](Date day, const std::string& key) {
        const Profile p = profiles().get(c.id, day);
        EXPECT_EQ(day, p.as_of);
        return p.entry(key)->value;
    };
    // Before the customer was filed: nothing, not even the fields of the record.
    for (const char* key : {"position", "car_brand", "gender", "mobile"})
        EXPECT_TRUE(is_empty(at(Date(2023, 12, 31), key))) << key;
    // Filed, nothing learnt yet: only the record's fields as they were.
    EXPECT_TRUE(is_empty(at(Date(2024, 1, 15), "position")));
    EXPECT_EQ("male", as<std::string>(at(Date(2024, 1, 15), "gender")));
    EXPECT_EQ("13800138000", as<std::string>(at(Date(2024, 1, 15), "mobile")));
    // Between the changes: the older value.
    EXPECT_EQ("经理", as<std::string>(at(Date(2024, 2, 1), "position")));
    EXPECT_EQ("经理", as<std::string>(at(Date(2024, 2, 28), "position")));
    // 2024-02-29T17:00Z is 2024-03-01 01:00 in China: after the end of 29 February there.
    EXPECT_EQ("经理", as<std::string>(at(Date(2024, 2, 29), "position")));
    EXPECT_EQ("总经理", as<std::string>(at(Date(2024, 3, 1), "position")));
    EXPECT_EQ("大众", as<std::string>(at(Date(2024, 3, 1), "car_brand")));
    EXPECT_EQ("male", as<std::string>(at(Date(2024, 3, 31), "gender")));
    EXPECT_EQ("female", as<std::string>(at(Date(2024, 4, 1), "gender")));
    // Today: as it is now.
    const Profile now = profiles().get(c.id, today_in_china());
    const Profile current = profiles().get(c.id);
    EXPECT_FALSE(current.as_of);
    for (const ProfileEntry& e : current.entries) EXPECT_EQ(e.value, now.entry(e.field.key)->value) << e.field.key;
}

// ---------------------------------------------------------------------------------------------
// Hidden fields

TEST_F(ProfilesTest, AHiddenFieldKeepsItsValuesAndHistoryButCannotBeSet) {
    const Customer c = add("张伟");
    profiles().set(c.id, {{"plate_number", text("浙A12345")}, {"position", text("经理")}}, li_);
    const double before = profiles().completeness(c.id).score;
    const Template t = templates().edit("XH", {edit(Op::hide, "plate_number")});
    const Profile p = profiles().get(c.id);
    EXPECT_EQ(t.version, p.template_version);
    ASSERT_NE(nullptr, p.entry("plate_number"));
    EXPECT_TRUE(p.entry("plate_number")->field.hidden);
    EXPECT_EQ("浙A12345", as<std::string>(p.entry("plate_number")->value));
    ASSERT_EQ(1u, profiles().history(c.id, "plate_number").size());
    EXPECT_EQ("浙A12345", as<std::string>(profiles().history(c.id, "plate_number")[0].new_value));

    expect_rejected([&] { profiles().set(c.id, {{"plate_number", text("浙B54321")}}, li_); }, Status::invalid_state,
                    "plate_number", "hidden");
    expect_rejected([&] { profiles().set(c.id, {{"plate_number", std::monostate{}}}, li_); }, Status::invalid_state,
                    "plate_number");
    expect_rejected([&] { profiles().set_text(c.id, {{"position", "总经理"}, {"plate_number", "x"}}, li_); },
                    Status::invalid_state, "plate_number");
    EXPECT_EQ("经理", as<std::string>(value(c.id, "position")));
    // The hidden field no longer counts for completeness, filled or not.
    EXPECT_NE(before, profiles().completeness(c.id).score);
    for (const auto& key : profiles().completeness(c.id, 100).ask_next) EXPECT_NE("plate_number", key);
    // Shown again, it can be set.
    templates().edit("XH", {edit(Op::show, "plate_number")});
    profiles().set(c.id, {{"plate_number", text("浙B54321")}}, li_);
    EXPECT_EQ("浙B54321", as<std::string>(value(c.id, "plate_number")));
    EXPECT_DOUBLE_EQ(before, profiles().completeness(c.id).score);
}

TEST_F(ProfilesTest, ValuesOutliveTemplateChanges) {
    const Customer c = add("张伟");
    profiles().set(c.id, {{"drinking", keys({"wine"})}, {"health", text("良好")}});
    TemplateEdit extend = edit(Op::extend_options, "drinking");
    extend.options = {{"sake", {"清酒", "清酒", "Sake"}}};
    TemplateEdit move = edit(Op::move, "health");
    move.after = "position";
    TemplateEdit rename = edit(Op::rename, "health");
    rename.label = {"身体状况", "", "Physical condition"};
    templates().edit("XH", {extend, move, rename});
    profiles().set(c.id, {{"drinking", keys({"wine", "清酒"})}});
    const Profile p = profiles().get(c.id);
    EXPECT_EQ((Keys{"wine", "sake"}), as<Keys>(p.entry("drinking")->value));
    EXPECT_EQ("良好", as<std::string>(p.entry("health")->value));
    EXPECT_EQ("身体状况", p.entry("health")->field.label.zh);
    EXPECT_EQ("standing", p.entry("health")->field.section);
    // Entries in the site's template order.
    const Template t = templates().get("XH");
    ASSERT_EQ(t.fields.size(), p.entries.size());
    for (std::size_t i = 0; i < t.fields.size(); ++i) EXPECT_EQ(t.fields[i].key, p.entries[i].field.key);
    EXPECT_EQ(t.sections.size(), p.sections.size());
    // The other site knows no sake.
    const Customer bj = add("赵六", "", Gender::unknown, "BJ");
    expect_rejected([&] { profiles().set(bj.id, {{"drinking", text("sake")}}); }, Status::invalid_argument, "drinking");
}

TEST_F(ProfilesTest, AnotherHandlesTemplateEditIsSeenAtOnce) {
    const Customer c = add("张伟");
    profiles().set(c.id, {{"position", text("经理")}});   // this handle has read (and cached) the template
    Archive other = Archive::open(path());
    other.templates().edit("XH", {edit(Op::hide, "plate_number"),
                                  add_field(own_field("pets", "lifestyle", FieldType::text, "宠物"))});
    expect_rejected([&] { profiles().set(c.id, {{"plate_number", text("浙A12345")}}); }, Status::invalid_state,
                    "plate_number");
    profiles().set(c.id, {{"pets", text("一只猫")}});
    EXPECT_EQ("一只猫", as<std::string>(value(c.id, "pets")));
    EXPECT_EQ(1, profiles().get(c.id).template_version);
    EXPECT_EQ(1, templates().get("XH").version);
    // And the other way round.
    templates().edit("XH", {edit(Op::show, "plate_number")});
    other.profiles().set(c.id, {{"plate_number", text("浙A12345")}});
    EXPECT_EQ("浙A12345", as<std::string>(value(c.id, "plate_number")));
}

// ---------------------------------------------------------------------------------------------
// Completeness

double total_weight(const Template& t) {
    double sum = 0;
    for (const FieldDef& f : t.fields)
        if (!f.hidden) sum += f.weight;
    return sum;
}

TEST_F(ProfilesTest, CompletenessIsWeightedPerSectionAndSaysWhatToAskNext) {
    const Template& d = default_template();
    const Customer c = add("张伟", "13800138000");
    Completeness s = profiles().completeness(c.id);
    EXPECT_EQ(c.id, s.customer_id);
    EXPECT_DOUBLE_EQ(d.field("mobile")->weight / total_weight(d), s.score);
    ASSERT_EQ(6u, s.sections.size());
    EXPECT_EQ("basic", s.sections[0].section);
    EXPECT_EQ(8, s.sections[0].fields);
    EXPECT_EQ(1, s.sections[0].filled);
    double basic = 0;
    for (const FieldDef& f : d.fields)
        if (f.section == "basic") basic += f.weight;
    EXPECT_DOUBLE_EQ(d.field("mobile")->weight / basic, s.sections[0].score);
    EXPECT_EQ(0, s.sections[5].filled);
    EXPECT_EQ(4, s.sections[5].fields);
    // Heaviest first, then in template order.
    EXPECT_EQ((Keys{"ideal_residence", "purchase_reason", "company"}), s.ask_next);
    EXPECT_EQ(5u, profiles().completeness(c.id, 5).ask_next.size());
    EXPECT_TRUE(profiles().completeness(c.id, 0).ask_next.empty());
    SB_EXPECT_ERROR(profiles().completeness(c.id, -1), invalid_argument, "ask_next", "");
    SB_EXPECT_ERROR(profiles().completeness(c.id, 101), invalid_argument, "ask_next", "");
    SB_EXPECT_ERROR(profiles().completeness(424242), not_found, "customer_id", "");

    profiles().set(c.id, {{"ideal_residence", keys({"unit_design"})}, {"health", text("良好")}});
    s = profiles().completeness(c.id);
    EXPECT_DOUBLE_EQ((3 + 3 + 1) / total_weight(d), s.score);
    EXPECT_EQ((Keys{"purchase_reason", "company", "marital_status"}), s.ask_next);

    // Family records complete fields 11-16.
    NewFamilyMember spouse;
    spouse.relation = Relation::spouse;
    spouse.name = "李娜";
    spouse.education = "硕士";
    family().add(c.id, spouse);
    s = profiles().completeness(c.id);
    EXPECT_DOUBLE_EQ((3 + 3 + 1 + 2 + 1) / total_weight(d), s.score);   // spouse, spouse_education
    EXPECT_EQ(2, s.sections[1].filled);
    NewFamilyMember child;
    child.relation = Relation::child;
    child.name = "张小宝";
    child.closest = true;
    family().add(c.id, child);
    NewFamilyMember mother;
    mother.relation = Relation::mother;
    mother.name = "王秀英";
    family().add(c.id, mother);
    s = profiles().completeness(c.id, 100);
    EXPECT_EQ(5, s.sections[1].filled);   // + parents, children, closest
    for (const char* key : {"spouse", "spouse_education", "parents", "children", "closest_family_member"})
        EXPECT_EQ(s.ask_next.end(), std::find(s.ask_next.begin(), s.ask_next.end(), key)) << key;
    EXPECT_NE(s.ask_next.end(), std::find(s.ask_next.begin(), s.ask_next.end(), "spouse_interests"));

    // Weights and hidden fields are the site's.
    TemplateEdit zero = edit(Op::set_weight, "ideal_residence");
    zero.weight = 0;
    templates().edit("XH", {zero, edit(Op::hide, "health")});
    const Template t = templates().get("XH");
    s = profiles().completeness(c.id, 100);
    EXPECT_DOUBLE_EQ((3 + 2 + 1 + 1 + 2 + 1) / total_weight(t), s.score);
    EXPECT_EQ(8, s.sections[2].fields);   // 17-25 without health
    EXPECT_EQ(s.ask_next.end(), std::find(s.ask_next.begin(), s.ask_next.end(), "health"));
}

TEST_F(ProfilesTest, AFullProfileIsComplete) {
    const Customer c = add("张伟", "13800138000", Gender::male);
    Values values;
    for (const FieldDef& f : default_template().fields) {
        if (f.key == "mobile" || f.key == "gender") continue;
        switch (f.type) {
        case FieldType::single_choice: values[f.key] = f.options.front().key; break;
        case FieldType::multi_choice: values[f.key] = Keys{f.options.back().key}; break;
        case FieldType::yes_no: values[f.key] = true; break;
        case FieldType::phone: values[f.key] = std::string(f.key == "home_phone" ? "01065521234" : "02150491234"); break;
        default: values[f.key] = std::string("已知");
        }
    }
    profiles().set(c.id, values, li_);
    const Completeness s = profiles().completeness(c.id);
    EXPECT_DOUBLE_EQ(1.0, s.score);
    EXPECT_TRUE(s.ask_next.empty());
    for (const SectionScore& sec : s.sections) {
        EXPECT_DOUBLE_EQ(1.0, sec.score) << sec.section;
        EXPECT_EQ(sec.fields, sec.filled) << sec.section;
    }
    const Profile p = profiles().get(c.id);
    for (const ProfileEntry& e : p.entries) EXPECT_FALSE(is_empty(e.value)) << e.field.key;
}

TEST_F(ProfilesTest, SiteCompletenessRanksTheConsultants) {
    const double total = total_weight(default_template());
    const Customer a = add("甲", "13800000001", Gender::unknown, "XH", li_);
    const Customer b = add("乙", "", Gender::unknown, "XH", li_);
    const Customer c = add("丙", "13800000003", Gender::male, "XH", wang_);
    const Customer d = add("丁", "", Gender::unknown, "XH");
    const Customer gone = add("戊", "13800000005", Gender::male, "XH", wang_);
    add("己", "13800000006", Gender::male, "BJ", zhao_);
    customers().remove(gone.id);
    profiles().set(a.id, {{"ideal_residence", keys({"unit_design"})}, {"company", text("杭州某公司")}});   // 3 + 3 + 2
    profiles().set(b.id, {{"position", text("教师")}, {"native_place", text("杭州")}});                  // 2 + 1
    CustomerUpdate home;
    home.phones = std::vector<Phone>{{PhoneKind::home, "057188001234"}};
    customers().update(c.id, home);                                                                    // 3 + 1 + 1
    NewFamilyMember spouse;
    spouse.relation = Relation::spouse;
    spouse.name = "某某";
    family().add(d.id, spouse);                                                                        // 2

    const auto score = [&](const Customer& x) { return profiles().completeness(x.id).score; };
    EXPECT_DOUBLE_EQ(8 / total, score(a));
    EXPECT_DOUBLE_EQ(3 / total, score(b));
    EXPECT_DOUBLE_EQ(5 / total, score(c));
    EXPECT_DOUBLE_EQ(2 / total, score(d));

    const SiteCompleteness s = profiles().site_completeness("xh");
    EXPECT_EQ("XH", s.site);
    EXPECT_EQ(4, s.customers);
    EXPECT_NEAR((8 + 3 + 5 + 2) / total / 4, s.mean, 1e-12);
    ASSERT_EQ(3u, s.leaderboard.size());
    // 李娜 (8 + 3) / 2 = 5.5, 王强 5, then the customers nobody looks after.
    EXPECT_EQ(li_, s.leaderboard[0].consultant_id);
    EXPECT_EQ("李娜", s.leaderboard[0].name);
    EXPECT_EQ(2, s.leaderboard[0].customers);
    EXPECT_NEAR(5.5 / total, s.leaderboard[0].mean, 1e-12);
    EXPECT_EQ(1, s.leaderboard[0].rank);
    EXPECT_EQ(wang_, s.leaderboard[1].consultant_id);
    EXPECT_EQ("王强", s.leaderboard[1].name);
    EXPECT_EQ(1, s.leaderboard[1].customers);
    EXPECT_NEAR(5 / total, s.leaderboard[1].mean, 1e-12);
    EXPECT_EQ(2, s.leaderboard[1].rank);
    EXPECT_FALSE(s.leaderboard[2].consultant_id);
    EXPECT_EQ("", s.leaderboard[2].name);
    EXPECT_EQ(1, s.leaderboard[2].customers);
    EXPECT_NEAR(2 / total, s.leaderboard[2].mean, 1e-12);
    EXPECT_EQ(3, s.leaderboard[2].rank);
    // One more field for 王强's customer puts him first.
    profiles().set(c.id, {{"native_place", text("杭州")}});
    const SiteCompleteness again = profiles().site_completeness("XH");
    EXPECT_EQ(wang_, again.leaderboard[0].consultant_id);
    EXPECT_EQ(1, again.leaderboard[0].rank);
    EXPECT_NEAR(6 / total, again.leaderboard[0].mean, 1e-12);
    // The site score agrees with the customers' own scores.
    for (const ConsultantScore& cs : again.leaderboard) EXPECT_GT(cs.mean, 0);

    const SiteCompleteness empty_site = [&] {
        archive_.sites().add({"SH", "上海", ""});
        return profiles().site_completeness("SH");
    }();
    EXPECT_EQ(0, empty_site.customers);
    EXPECT_EQ(0, empty_site.mean);
    EXPECT_TRUE(empty_site.leaderboard.empty());
    SB_EXPECT_ERROR(profiles().site_completeness("ZZ"), not_found, "site", "ZZ");
}

// ---------------------------------------------------------------------------------------------
// Distributions

TEST_F(ProfilesTest, DistributionsOfChoiceFieldsBySiteCohortAndStage) {
    const Customer owner = add("业主", "13800000001", Gender::male, "XH", li_, Date(2024, 1, 10));
    const Customer visitor = add("访客", "13800000002", Gender::female, "XH", li_, Date(2024, 2, 10));
    const Customer prospect = add("潜客", "13800000003", Gender::female, "XH", li_, Date(2024, 3, 10));
    const Customer silent = add("沉默", "13800000004", Gender::unknown, "XH", li_, Date(2024, 3, 11));
    const Customer bj = add("北京", "13800000005", Gender::male, "BJ", zhao_, Date(2024, 1, 10));
    NewDeal deal;
    deal.unit = "1-1-101";
    deal.area = 90;
    deal.price = 1000000;
    deal.date = Date(2024, 2, 1);
    customers().record_deal(owner.id, deal);
    NewVisit visit;
    visit.date = Date(2024, 2, 11);
    customers().record_visit(visitor.id, visit);
    profiles().set(owner.id, {{"ideal_residence", keys({"unit_design", "brand_strength"})},
                              {"marital_status", text("married")},
                              {"cares_about_neighbours", true}});
    profiles().set(visitor.id, {{"ideal_residence", keys({"unit_design", "greenery_landscape"})},
                                {"marital_status", text("single")},
                                {"cares_about_neighbours", true}});
    profiles().set(prospect.id, {{"ideal_residence", keys({"unit_design"})}, {"cares_about_neighbours", false}});
    profiles().set(bj.id, {{"ideal_residence", keys({"community_planning"})}});

    DistributionQuery q;
    q.field = "ideal_residence";
    q.site = "XH";
    Distribution d = profiles().distribution(q);
    EXPECT_EQ("ideal_residence", d.field);
    EXPECT_EQ("理想居住状况", d.label);
    ASSERT_EQ(7u, d.options.size());   // every option, in template order, zeros included
    EXPECT_EQ("community_planning", d.options[0].key);
    EXPECT_EQ(0, d.options[0].total);   // BJ's answer is not counted
    EXPECT_EQ(0, d.options[0].share);
    const OptionCount& unit = d.options[1];
    EXPECT_EQ("unit_design", unit.key);
    EXPECT_EQ("户型设计", unit.label);
    EXPECT_EQ(3, unit.total);
    EXPECT_DOUBLE_EQ(1.0, unit.share);
    EXPECT_EQ(1, unit.by_stage.at(Stage::owner));
    EXPECT_EQ(1, unit.by_stage.at(Stage::visitor));
    EXPECT_EQ(1, unit.by_stage.at(Stage::prospect));
    EXPECT_EQ(1, d.options[4].total);   // greenery
    EXPECT_NEAR(1.0 / 3, d.options[4].share, 1e-12);
    EXPECT_EQ(1, d.options[6].by_stage.at(Stage::owner));   // brand
    EXPECT_EQ(0u, d.options[6].by_stage.count(Stage::prospect));
    EXPECT_EQ(1, d.answered.at(Stage::owner));
    EXPECT_EQ(1, d.answered.at(Stage::visitor));
    EXPECT_EQ(1, d.answered.at(Stage::prospect));
    EXPECT_EQ(1, d.customers.at(Stage::owner));
    EXPECT_EQ(1, d.customers.at(Stage::visitor));
    EXPECT_EQ(2, d.customers.at(Stage::prospect));   // the silent one is in the cohort
    (void)silent;

    // A cohort by first contact.
    q.from = Date(2024, 2, 1);
    q.to = Date(2024, 3, 10);
    d = profiles().distribution(q);
    EXPECT_EQ(2, d.options[1].total);
    EXPECT_EQ(0u, d.options[1].by_stage.count(Stage::owner));
    EXPECT_EQ(0, d.options[6].total);
    EXPECT_EQ(0u, d.customers.count(Stage::owner));
    EXPECT_EQ(1, d.customers.at(Stage::prospect));
    q.from.reset();
    q.to.reset();

    // Single choice, in English.
    q.field = "marital_status";
    q.language = Language::en;
    d = profiles().distribution(q);
    EXPECT_EQ("Marital status", d.label);
    ASSERT_EQ(4u, d.options.size());
    EXPECT_EQ("Single", d.options[0].label);
    EXPECT_EQ(1, d.options[0].total);
    EXPECT_DOUBLE_EQ(0.5, d.options[0].share);
    EXPECT_EQ(1, d.options[1].total);
    EXPECT_EQ(0u, d.answered.count(Stage::prospect));

    // Yes/no.
    q.field = "cares_about_neighbours";
    q.language = Language::zh;
    d = profiles().distribution(q);
    ASSERT_EQ(2u, d.options.size());
    EXPECT_EQ("yes", d.options[0].key);
    EXPECT_EQ("是", d.options[0].label);
    EXPECT_EQ(2, d.options[0].total);
    EXPECT_EQ("no", d.options[1].key);
    EXPECT_EQ(1, d.options[1].total);
    EXPECT_NEAR(2.0 / 3, d.options[0].share, 1e-12);

    // Gender, from the customer record.
    q.field = "gender";
    d = profiles().distribution(q);
    ASSERT_EQ(2u, d.options.size());
    EXPECT_EQ(1, d.options[0].total);   // male
    EXPECT_EQ(2, d.options[1].total);   // female
    EXPECT_EQ(1, d.options[1].by_stage.at(Stage::prospect));

    // An option a site adds is counted like the others.
    TemplateEdit extend = edit(Op::extend_options, "ideal_residence");
    extend.options = {{"school_district", {"学区", "學區", "School district"}}};
    templates().edit("XH", {extend});
    profiles().set(prospect.id, {{"ideal_residence", keys({"school_district", "unit_design"})}});
    q.field = "ideal_residence";
    d = profiles().distribution(q);
    ASSERT_EQ(8u, d.options.size());
    EXPECT_EQ("school_district", d.options[7].key);
    EXPECT_EQ(1, d.options[7].total);

    // Bad queries.
    q.field = "health";
    SB_EXPECT_ERROR(profiles().distribution(q), invalid_argument, "field", "health");
    q.field = "no_such_field";
    SB_EXPECT_ERROR(profiles().distribution(q), invalid_argument, "field", "no_such_field");
    q.field = "drinking";
    q.site = "ZZ";
    SB_EXPECT_ERROR(profiles().distribution(q), not_found, "site", "ZZ");
    q.site = "XH";
    q.from = Date(2024, 3, 1);
    q.to = Date(2024, 2, 1);
    SB_EXPECT_ERROR(profiles().distribution(q), invalid_argument, "from", "");
}

// ---------------------------------------------------------------------------------------------
// Family members and birthdays

TEST_F(ProfilesTest, FamilyMembersAreRecordsOfTheirOwn) {
    const Customer c = add("张伟", "13800138000", Gender::male);
    NewFamilyMember child;
    child.relation = Relation::child;
    child.name = " 张小宝 ";
    child.birthday = parse_birthday("2015-09-01");
    child.school = "杭州学军小学";
    child.interests = "钢琴";
    const FamilyMember kid = family().add(c.id, child);
    NewFamilyMember spouse;
    spouse.relation = parse_relation("配偶");
    spouse.name = "李娜";
    spouse.gender = Gender::female;
    spouse.birthday = parse_birthday("lunar:1986-08-15");
    spouse.phone = "139 0013 9000";
    spouse.employer = "浙江大学";
    spouse.education = "博士";
    spouse.interests = "瑜伽";
    spouse.closest = true;
    spouse.note = "喜欢安静";
    const FamilyMember wife = family().add(c.id, spouse);
    NewFamilyMember father;
    father.relation = parse_relation("父亲");
    father.name = "张建国";
    father.birthday = parse_birthday("lunar:--03-03");
    family().add(c.id, father);
    NewFamilyMember other;
    other.relation = Relation::other;
    other.name = "小王";
    family().add(c.id, other);
    NewFamilyMember mother;
    mother.relation = Relation::mother;
    mother.name = "王秀英";
    family().add(c.id, mother);

    EXPECT_GT(wife.id, 0);
    EXPECT_EQ(c.id, wife.customer_id);
    EXPECT_EQ(Relation::spouse, wife.relation);
    EXPECT_EQ("张小宝", kid.name);
    EXPECT_EQ("13900139000", wife.phone);
    EXPECT_EQ(Gender::female, wife.gender);
    ASSERT_TRUE(wife.birthday);
    EXPECT_TRUE(wife.birthday->lunar);
    EXPECT_EQ(1986, wife.birthday->year);
    EXPECT_EQ(8, wife.birthday->month);
    EXPECT_EQ(15, wife.birthday->day);
    EXPECT_TRUE(is_timestamp(wife.created_at));
    EXPECT_EQ(wife.created_at, wife.updated_at);
    const FamilyMember read = family().get(wife.id);
    EXPECT_EQ("浙江大学", read.employer);
    EXPECT_EQ("博士", read.education);
    EXPECT_EQ("瑜伽", read.interests);
    EXPECT_EQ("喜欢安静", read.note);
    EXPECT_TRUE(read.closest);
    EXPECT_EQ(wife.birthday, read.birthday);
    EXPECT_EQ((Birthday{false, 2015, 9, 1, false}), *family().get(kid.id).birthday);

    // Spouse, parents, children, others.
    std::vector<std::string> names;
    for (const FamilyMember& m : family().list(c.id)) names.push_back(m.name);
    EXPECT_EQ((std::vector<std::string>{"李娜", "张建国", "王秀英", "张小宝", "小王"}), names);

    // One closest member: naming another releases the first.
    FamilyMemberUpdate closest;
    closest.closest = true;
    closest.school = "杭州学军中学";
    const FamilyMember updated = family().update(kid.id, closest);
    EXPECT_TRUE(updated.closest);
    EXPECT_EQ("杭州学军中学", updated.school);
    EXPECT_EQ("钢琴", updated.interests);
    EXPECT_FALSE(family().get(wife.id).closest);
    int closest_count = 0;
    for (const FamilyMember& m : family().list(c.id)) closest_count += m.closest;
    EXPECT_EQ(1, closest_count);

    FamilyMemberUpdate clear;
    clear.birthday = std::optional<Birthday>();
    clear.relation = Relation::other;
    EXPECT_FALSE(family().update(wife.id, clear).birthday);
    EXPECT_EQ(Relation::other, family().get(wife.id).relation);

    family().remove(wife.id);
    SB_EXPECT_ERROR(family().get(wife.id), not_found, "id", "");
    SB_EXPECT_ERROR(family().remove(wife.id), not_found, "id", "");
    EXPECT_EQ(4u, family().list(c.id).size());
    EXPECT_TRUE(family().list(add("李四").id).empty());
}

TEST_F(ProfilesTest, FamilyMemberInputIsChecked) {
    const Customer c = add("张伟");
    const auto rejected = [&](const NewFamilyMember& m, Status status, const std::string& field,
                              std::int64_t customer = 0) {
        expect_rejected([&] { family().add(customer ? customer : c.id, m); }, status, field);
    };
    NewFamilyMember m;
    m.relation = Relation::spouse;
    m.name = "李娜";
    rejected(m, Status::not_found, "customer_id", 424242);
    NewFamilyMember no_name = m;
    no_name.name = "  ";
    rejected(no_name, Status::invalid_argument, "name");
    NewFamilyMember bad_phone = m;
    bad_phone.phone = "12";
    rejected(bad_phone, Status::invalid_argument, "phone");
    NewFamilyMember long_school = m;
    long_school.school = std::string(201, 'x');
    rejected(long_school, Status::invalid_argument, "school");
    NewFamilyMember bad_birthday = m;
    bad_birthday.birthday = Birthday{false, 1990, 2, 30, false};
    rejected(bad_birthday, Status::invalid_argument, "birthday");

    const FamilyMember wife = family().add(c.id, m);
    FamilyMemberUpdate u;
    u.name = "";
    expect_rejected([&] { family().update(wife.id, u); }, Status::invalid_argument, "name");
    FamilyMemberUpdate future;
    future.birthday = Birthday{false, today_in_china().year() + 1, 1, 1, false};
    expect_rejected([&] { family().update(wife.id, future); }, Status::invalid_argument, "birthday");
    expect_rejected([&] { family().update(424242, FamilyMemberUpdate{}); }, Status::not_found, "id");
    SB_EXPECT_ERROR(family().list(424242), not_found, "customer_id", "");

    EXPECT_EQ(Relation::spouse, parse_relation("SPOUSE"));
    EXPECT_EQ(Relation::mother, parse_relation("母亲"));
    EXPECT_EQ(Relation::child, parse_relation("子女"));
    EXPECT_EQ(Relation::other, parse_relation("其他"));
    for (Relation r : {Relation::spouse, Relation::father, Relation::mother, Relation::child, Relation::other})
        EXPECT_EQ(r, parse_relation(to_string(r)));
    SB_EXPECT_ERROR(parse_relation("cousin"), invalid_argument, "relation", "cousin");
}

TEST(Birthdays, TextFormsRoundTrip) {
    for (const char* text : {"1985-06-15", "--06-15", "--02-29", "2024-02-29", "lunar:1985-08-15", "lunar:--08-15",
                             "lunar:2020-L04-15", "lunar:--L04-15", "lunar:--12-30"}) {
        const Birthday b = parse_birthday(text);
        EXPECT_EQ(text, to_string(b));
        EXPECT_EQ(b, parse_birthday(to_string(b)));
    }
    const Birthday leap = parse_birthday("lunar:2020-L04-15");
    EXPECT_TRUE(leap.lunar);
    EXPECT_TRUE(leap.leap_month);
    EXPECT_EQ(2020, leap.year);
    EXPECT_EQ(4, leap.month);
    EXPECT_EQ(15, leap.day);
    const Birthday no_year = parse_birthday(" --06-15 ");
    EXPECT_FALSE(no_year.lunar);
    EXPECT_EQ(0, no_year.year);
    for (const char* bad : {"", "abc", "1985-6-15", "1985/06/15", "19850615", "--6-15", "lunar:", "lunar:1985-13-01",
                            "lunar:1985-00-10", "lunar:--08-31", "--02-30", "--13-01", "2023-02-29", "1899-12-31",
                            "1985-L06-15", "lunar:1985-X04-15", "1985-06-15x"})
        SB_EXPECT_ERROR(parse_birthday(bad, "member.birthday"), invalid_argument, "member.birthday", "");
}

TEST(Birthdays, TheChineseCalendarDecides) {
    ASSERT_EQ(4, calendar::leap_month(2020));   // 2020 had a leap fourth month (闰四月)
    ASSERT_EQ(0, calendar::leap_month(2021));
    validate_birthday({true, 2020, 4, 15, true});
    validate_birthday({true, 0, 6, 15, true});   // without a year it cannot be checked
    SB_EXPECT_ERROR(validate_birthday({true, 2021, 4, 15, true}), invalid_argument, "birthday", "does not exist");
    SB_EXPECT_ERROR(validate_birthday({true, 2020, 5, 15, true}), invalid_argument, "birthday", "does not exist");
    // Day 30 of a 29-day lunar month: refused when the year is known, accepted without it.
    int short_month = 0;
    for (int m = 1; m <= 12 && !short_month; ++m)
        if (calendar::month_length(2020, m, false) == 29) short_month = m;
    ASSERT_NE(0, short_month);
    SB_EXPECT_ERROR(validate_birthday({true, 2020, short_month, 30, false}), invalid_argument, "birthday", "");
    validate_birthday({true, 2020, short_month, 29, false});
    validate_birthday({true, 0, short_month, 30, false});
    // 29 February without a year is a real birthday; with a year only in a leap year.
    validate_birthday({false, 0, 2, 29, false});
    validate_birthday({false, 2000, 2, 29, false});
    SB_EXPECT_ERROR(validate_birthday({false, 1900, 2, 29, false}), invalid_argument, "birthday", "");
    SB_EXPECT_ERROR(validate_birthday({false, 1990, 4, 31, false}), invalid_argument, "birthday", "");
    SB_EXPECT_ERROR(validate_birthday({false, 1990, 6, 15, true}), invalid_argument, "birthday", "leap");
    SB_EXPECT_ERROR(validate_birthday({false, 1990, 0, 15, false}), invalid_argument, "birthday", "");
    SB_EXPECT_ERROR(validate_birthday({false, 1899, 6, 15, false}), invalid_argument, "birthday", "");
    // Nobody is born in the future.
    const Date today = today_in_china();
    SB_EXPECT_ERROR(validate_birthday({false, today.year() + 1, 1, 1, false}), invalid_argument, "birthday", "");
    const Date tomorrow = today + days(1);
    if (tomorrow.year() == today.year())
        SB_EXPECT_ERROR(validate_birthday({false, tomorrow.year(), tomorrow.month(), tomorrow.day(), false}),
                        invalid_argument, "birthday", "future");
    validate_birthday({false, today.year(), today.month(), today.day(), false});
    const calendar::LunarDate next_month = calendar::to_lunar(today + days(40));
    if (next_month.year <= today.year())
        SB_EXPECT_ERROR(validate_birthday({true, next_month.year, next_month.month, next_month.day, next_month.leap}),
                        invalid_argument, "birthday", "future");
}

TEST_F(ProfilesTest, CustomerBirthdays) {
    // A year with a leap sixth month, and the seventh month that year had no leap.
    int year = 1950;
    while (calendar::leap_month(year) != 6) ++year;
    ASSERT_LT(year, 2020);
    NewCustomer n;
    n.site = "XH";
    n.channel = Channel::visit;
    n.name = "张伟";
    n.birthday = Birthday{true, year, 6, 10, true};
    const std::string before = dump();
    NewCustomer bad = n;
    bad.birthday = Birthday{true, year, 7, 10, true};
    expect_error([&] { customers().add(bad); }, Status::invalid_argument, "birthday");
    EXPECT_EQ(before, dump());
    const Customer c = customers().add(n);
    ASSERT_TRUE(c.birthday);
    EXPECT_EQ("lunar:" + std::to_string(year) + "-L06-10", to_string(*c.birthday));
    EXPECT_EQ(c.birthday, customers().get(c.id).birthday);

    CustomerUpdate u;
    u.birthday = parse_birthday("--02-29");
    EXPECT_EQ("--02-29", to_string(*customers().update(c.id, u).birthday));
    CustomerUpdate wrong;
    wrong.birthday = Birthday{false, 1980, 2, 30, false};
    expect_rejected([&] { customers().update(c.id, wrong); }, Status::invalid_argument, "birthday");
    CustomerUpdate clear;
    clear.birthday = std::optional<Birthday>();
    EXPECT_FALSE(customers().update(c.id, clear).birthday);
    EXPECT_FALSE(customers().get(c.id).birthday);
}

TEST_F(ProfilesTest, RemovingACustomerRemovesTheirProfileAndFamily) {
    NewCustomer n;
    n.site = "XH";
    n.channel = Channel::call;
    n.name = "张伟";
    n.mobile = "13800138000";
    n.birthday = parse_birthday("1980-05-06");
    const Customer c = customers().add(n);
    const Customer keep = add("李娜", "13900139000");
    profiles().set(c.id, {{"health", text("糖尿病")}, {"position", text("经理")}});
    profiles().set(keep.id, {{"health", text("良好")}});
    NewFamilyMember child;
    child.relation = Relation::child;
    child.name = "张小宝";
    child.birthday = parse_birthday("2015-09-01");
    family().add(c.id, child);
    customers().remove(c.id);
    const std::string id = std::to_string(c.id);
    auto db = raw();
    EXPECT_EQ(0, db.count("profile_values", "customer_id = " + id));
    EXPECT_EQ(0, db.count("profile_history", "customer_id = " + id));
    EXPECT_EQ(0, db.count("family_members", "customer_id = " + id));
    EXPECT_EQ(0, db.count("customers", "id = " + id + " AND birth_calendar IS NOT NULL"));
    EXPECT_EQ(1, db.count("profile_values", "customer_id = " + std::to_string(keep.id)));
    SB_EXPECT_ERROR(family().list(c.id), not_found, "customer_id", "");
}

// ---------------------------------------------------------------------------------------------
// The salutation and the briefing

TEST(Salutation, SurnameAndTitle) {
    EXPECT_EQ("张先生", salutation("张伟", Gender::male));
    EXPECT_EQ("李女士", salutation("李娜", Gender::female));
    EXPECT_EQ("欧阳女士", salutation("欧阳娜娜", Gender::female));
    EXPECT_EQ("司马先生", salutation("司马光", Gender::male));
    EXPECT_EQ("诸葛先生", salutation("诸葛亮", Gender::male));
    EXPECT_EQ("歐陽先生", salutation("歐陽修", Gender::male, Language::zh_hant));
    // Traditional characters, as the source document writes them.
    EXPECT_EQ("司馬先生", salutation("司馬光", Gender::male, Language::zh_hant));
    EXPECT_EQ("東方女士", salutation("東方不敗", Gender::female));
    EXPECT_EQ("西門先生", salutation("西門慶", Gender::male));
    // Filed by the surname alone, as on a first call.
    EXPECT_EQ("欧阳先生", salutation("欧阳", Gender::male));
    EXPECT_EQ("王女士", salutation("王", Gender::female));
    EXPECT_EQ("张伟", salutation("张伟", Gender::unknown));
    EXPECT_EQ("欧阳娜娜", salutation("欧阳娜娜", Gender::unknown));
    EXPECT_EQ("Mr. John Smith", salutation("John Smith", Gender::male, Language::en));
    EXPECT_EQ("Ms. Mary Lee", salutation("Mary Lee", Gender::female));
    EXPECT_EQ("Ms. 李娜", salutation("李娜", Gender::female, Language::en));
    EXPECT_EQ("John", salutation("John", Gender::unknown, Language::en));
    EXPECT_EQ("", salutation("", Gender::male));
}

TEST_F(ProfilesTest, TheBriefingByPhone) {
    NewCustomer n;
    n.site = "XH";
    n.channel = Channel::visit;
    n.name = "欧阳伟";
    n.gender = Gender::male;
    n.mobile = "13800138000";
    n.phones = {{PhoneKind::home, "010-65521234"}};
    n.consultant_id = li_;
    n.tier = Tier::vip;
    n.first_contact = Date(2024, 1, 5);
    n.filed_on = Date(2024, 1, 5);
    const Customer c = customers().add(n);
    profiles().set(c.id, {{"favourite_cuisine", keys({"sichuan", "hotpot"})},
                          {"drinking", keys({"wine"})},
                          {"smoking", keys({"none_objects"})},
                          {"health", text("高血压")},            // not a briefing field
                          {"position", text("总经理")},
                          {"plate_number", text("浙A12345")}},   // not a briefing field
                   li_);
    NewFamilyMember spouse;
    spouse.relation = Relation::spouse;
    spouse.name = "李娜";
    family().add(c.id, spouse);
    NewFamilyMember child;
    child.relation = Relation::child;
    child.name = "欧阳小宝";
    family().add(c.id, child);
    for (int day : {10, 20, 6, 15}) {
        NewVisit v;
        v.date = Date(2024, 2, day);
        v.note = "第" + std::to_string(day) + "日";
        customers().record_visit(c.id, v);
    }
    NewDeal deal;
    deal.unit = "3-1-1201";
    deal.area = 128.5;
    deal.price = 3280000;
    deal.date = Date(2024, 3, 1);
    customers().record_deal(c.id, deal);
    deal.unit = "3-1-1202";
    deal.date = Date(2024, 3, 2);
    const Deal cancelled = customers().record_deal(c.id, deal);
    customers().cancel_deal(cancelled.id, "换房");

    const std::optional<Briefing> b = briefings().by_phone("+86 138-0013-8000");
    ASSERT_TRUE(b);
    EXPECT_EQ(c.id, b->customer.id);
    EXPECT_EQ("欧阳伟", b->customer.name);
    EXPECT_EQ(Tier::vip, b->customer.tier);
    EXPECT_EQ(Stage::owner, b->customer.stage);
    EXPECT_EQ("欧阳先生", b->salutation);
    ASSERT_TRUE(b->consultant);
    EXPECT_EQ("李娜", b->consultant->name);
    ASSERT_EQ(2u, b->family.size());
    EXPECT_EQ("李娜", b->family[0].name);
    EXPECT_EQ("欧阳小宝", b->family[1].name);
    // Only briefing fields with a value, in template order, as text for people.
    std::vector<std::string> items;
    for (const BriefingItem& i : b->profile) items.push_back(i.key);
    EXPECT_EQ((std::vector<std::string>{"favourite_cuisine", "drinking", "smoking", "position"}), items);
    EXPECT_EQ("最偏爱的菜式", b->profile[0].label);
    EXPECT_EQ("川菜、火锅", b->profile[0].value);
    EXPECT_EQ("红酒", b->profile[1].value);
    EXPECT_EQ("不抽烟，反对别人抽烟", b->profile[2].value);
    EXPECT_EQ("总经理", b->profile[3].value);
    // The last three visits, newest first, and how many there were.
    ASSERT_EQ(3u, b->recent_visits.size());
    EXPECT_EQ(Date(2024, 2, 20), b->recent_visits[0].date);
    EXPECT_EQ(Date(2024, 2, 15), b->recent_visits[1].date);
    EXPECT_EQ(Date(2024, 2, 10), b->recent_visits[2].date);
    EXPECT_EQ(5, b->visit_count);   // a walk-in: filing logged the first visit
    // Closed deals only.
    ASSERT_EQ(1u, b->deals.size());
    EXPECT_EQ("3-1-1201", b->deals[0].unit);
    // Completeness and what to ask, with the help notes.
    EXPECT_DOUBLE_EQ(profiles().completeness(c.id).score, b->completeness);
    const Completeness s = profiles().completeness(c.id);
    ASSERT_EQ(s.ask_next.size(), b->ask_next.size());
    for (std::size_t i = 0; i < s.ask_next.size(); ++i) EXPECT_EQ(s.ask_next[i], b->ask_next[i].key);
    EXPECT_EQ("ideal_residence", b->ask_next[0].key);
    EXPECT_EQ("理想居住状况", b->ask_next[0].label);
    EXPECT_NE(std::string::npos, b->ask_next[0].value.find("关注"));

    // Any of the customer's phones, with or without the site.
    ASSERT_TRUE(briefings().by_phone("010 6552 1234", "XH"));
    EXPECT_EQ(c.id, briefings().by_phone("010 6552 1234", "XH")->customer.id);
    // In English.
    const Briefing en = *briefings().by_phone("13800138000", "XH", Language::en);
    EXPECT_EQ("Mr. 欧阳伟", en.salutation);
    EXPECT_EQ("Favourite cuisine", en.profile[0].label);
    EXPECT_EQ("Sichuan, Hot pot", en.profile[0].value);
    EXPECT_EQ("Wine", en.profile[1].value);

    // A site's template decides what the briefing shows.
    TemplateEdit off = edit(Op::set_in_briefing, "position");
    TemplateEdit on = edit(Op::set_in_briefing, "plate_number");
    on.flag = true;
    templates().edit("XH", {off, on, edit(Op::hide, "drinking")});
    items.clear();
    for (const BriefingItem& i : briefings().for_customer(c.id).profile) items.push_back(i.key);
    EXPECT_EQ((std::vector<std::string>{"favourite_cuisine", "smoking", "plate_number"}), items);

    // Unknown phones, unknown sites, bad phones.
    EXPECT_FALSE(briefings().by_phone("13700137000"));
    EXPECT_FALSE(briefings().by_phone("13800138000", "BJ"));
    SB_EXPECT_ERROR(briefings().by_phone("13800138000", "ZZ"), not_found, "site", "ZZ");
    SB_EXPECT_ERROR(briefings().by_phone("call me"), invalid_argument, "phone", "");
    SB_EXPECT_ERROR(briefings().for_customer(424242), not_found, "customer_id", "");

    // The same phone at two sites: name the site.
    const Customer bj = add("张伟", "13800138000", Gender::unknown, "BJ", zhao_);
    SB_EXPECT_ERROR(briefings().by_phone("13800138000"), conflict, "site", "2 sites");
    const Briefing at_bj = *briefings().by_phone("13800138000", "BJ");
    EXPECT_EQ(bj.id, at_bj.customer.id);
    EXPECT_EQ("张伟", at_bj.salutation);
    EXPECT_TRUE(at_bj.family.empty());
    EXPECT_TRUE(at_bj.profile.empty());
    EXPECT_TRUE(at_bj.recent_visits.empty());
    EXPECT_EQ(0, at_bj.visit_count);
    EXPECT_TRUE(at_bj.deals.empty());
    ASSERT_TRUE(at_bj.consultant);
    EXPECT_EQ(zhao_, at_bj.consultant->id);
}

// ---------------------------------------------------------------------------------------------
// Migration from schema version 1

TEST(Migration, AVersion1ArchiveMigratesAndKeepsItsCustomers) {
    snowball::testing::TempDir dir;
    const std::string path = dir.file("v1.db");
    const std::string number = numbering::render_archive_no(numbering::default_format, "XH", Channel::call, 2024, 1);
    {
        // A file as Snowball with schema version 1 wrote it.
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        ASSERT_EQ(1, detail::migrations().at(0).version);
        db.exec(detail::migrations().at(0).sql);
        db.exec("PRAGMA user_version = 1");
        db.exec("PRAGMA application_id = " + std::to_string(detail::application_id));
        db.exec("INSERT INTO archive_meta(key, value) VALUES ('created_at', '2024-01-01T00:00:00Z')");
        db.exec("INSERT INTO sites(id, code, name, number_format, created_at) VALUES "
                "(1, 'XH', '祥和花园', '{site}-{yyyy}{channel}-{seq:5}{check}', '2024-01-01T00:00:00Z')");
        db.exec("INSERT INTO consultants(id, uid, site_id, name, created_at) VALUES "
                "(1, 'a1b2c3d4e5f60718', 1, '李娜', '2024-01-01T00:00:00Z')");
        db.exec("INSERT INTO customers(id, site_id, archive_no, channel, name, gender, mobile, consultant_id, "
                "first_contact, filed_at, updated_at) VALUES (1, 1, '" + number +
                "', 'call', '张伟', 'male', '13800138000', 1, '2024-01-02', '2024-01-02T02:00:00Z', "
                "'2024-01-02T02:00:00Z')");
        db.exec("INSERT INTO customer_phones(phone, site_id, customer_id, kind) VALUES ('13800138000', 1, 1, 'mobile')");
        db.exec("INSERT INTO visits(customer_id, visit_date, consultant_id, recorded_at) VALUES "
                "(1, '2024-01-03', 1, '2024-01-03T02:00:00Z')");
    }
    Archive archive = Archive::open(path);
    EXPECT_EQ(static_cast<int>(detail::migrations().size()), Archive::schema_version());   // every migration ran
    EXPECT_EQ(Archive::schema_version(), archive.info().schema_version);
    EXPECT_EQ(1, archive.info().customers);
    const Customer c = archive.customers().get(1);
    EXPECT_EQ("张伟", c.name);
    EXPECT_EQ(number, c.archive_no);
    EXPECT_EQ(Gender::male, c.gender);
    EXPECT_FALSE(c.birthday);
    EXPECT_EQ(Stage::prospect, c.stage);
    EXPECT_EQ(1u, archive.customers().visits(1).size());
    // The new tables work for the old customers.
    archive.profiles().set(1, {{"position", std::string("经理")}}, 1);
    NewFamilyMember spouse;
    spouse.relation = Relation::spouse;
    spouse.name = "李娜";
    spouse.birthday = parse_birthday("lunar:--08-15");
    archive.family().add(1, spouse);
    CustomerUpdate u;
    u.birthday = parse_birthday("1980-05-06");
    archive.customers().update(1, u);
    const std::optional<Briefing> b = archive.briefings().by_phone("13800138000");
    ASSERT_TRUE(b);
    EXPECT_EQ("张先生", b->salutation);
    EXPECT_EQ(1u, b->family.size());
    EXPECT_EQ(1, b->visit_count);
    EXPECT_EQ("经理", std::get<std::string>(archive.profiles().get(1).entry("position")->value));
    EXPECT_EQ(1u, archive.templates().versions("XH").size());
    snowball::testing::RawDb raw(path);
    EXPECT_EQ(Archive::schema_version(), raw.integer("PRAGMA user_version"));
    EXPECT_EQ(detail::application_id, raw.integer("PRAGMA application_id"));
    EXPECT_EQ(1, raw.count("profile_values"));
    // Reopening does not migrate again.
    // New customers are filed as before.
    NewCustomer n;
    n.site = "XH";
    n.channel = Channel::visit;
    n.name = "李四";
    n.mobile = "13900139000";
    const Customer added = archive.customers().add(n);
    EXPECT_NE(number, added.archive_no);
    Archive again = Archive::open(path);
    EXPECT_EQ(2, again.info().customers);
    EXPECT_EQ("1980-05-06", to_string(*again.customers().get(1).birthday));
}

} // namespace

namespace {

// Consultants write relations as they speak: 妻子, 老公, 父親, 儿子 ...
TEST(Relations, EverydayWordsInBothScripts) {
    using snowball::Relation;
    EXPECT_EQ(snowball::parse_relation("spouse"), Relation::spouse);
    EXPECT_EQ(snowball::parse_relation(" Spouse "), Relation::spouse);
    for (const char* w : {"配偶", "妻子", "丈夫", "爱人", "愛人", "老公", "老婆"})
        EXPECT_EQ(snowball::parse_relation(w), Relation::spouse) << w;
    for (const char* w : {"父亲", "父親", "爸爸"}) EXPECT_EQ(snowball::parse_relation(w), Relation::father) << w;
    for (const char* w : {"母亲", "母親", "妈妈", "媽媽"}) EXPECT_EQ(snowball::parse_relation(w), Relation::mother) << w;
    for (const char* w : {"子女", "儿子", "女兒", "孩子"}) EXPECT_EQ(snowball::parse_relation(w), Relation::child) << w;
    try {
        snowball::parse_relation("邻居");
        ADD_FAILURE() << "a neighbour is not a relation";
    } catch (const snowball::Error& e) {
        EXPECT_EQ(e.status(), snowball::Status::invalid_argument);
        EXPECT_EQ(e.field(), "relation");
    }
}

} // namespace
