// The profiles' codec: templates as callers get them and as the archive stores them, template
// edits, field values, counts by stage, the profile as the C API gives it.
#include "test_support.hpp"

#include "codec/profiles.hpp"

using namespace snowball;
using namespace snowball::testing;
using snowball::codec::json;

namespace {

json doc(const char* text) { return codec::parse(text, "doc"); }

TEST(ProfilesCodec, ATemplateReadsBackAsItWasWritten) {
    Template t = default_template();
    t.site = "XH";
    t.version = 3;
    t.created_at = "2026-01-02T03:04:05Z";
    t.fields[4].hidden = true;
    t.fields[7].weight = 2.5;
    const json written = t;
    const Template back = codec::read<Template>(written, "definition");
    EXPECT_EQ(written, json(back));
    EXPECT_EQ("XH", back.site);
    EXPECT_TRUE(back.fields[4].hidden);
    EXPECT_EQ(2.5, back.fields[7].weight);
    EXPECT_EQ("gender", back.fields[0].bound_to);
    // The default template has neither site nor time.
    EXPECT_EQ(json(nullptr), json(default_template())["site"]);
    EXPECT_EQ(json(nullptr), json(default_template())["created_at"]);
}

TEST(ProfilesCodec, AStoredTemplateOfEarlierVersionsReads) {
    // Stored before the codec: sections and fields only, labels always objects.
    const Template t = codec::read<Template>(doc(R"({"sections": [{"key": "basic", "label": {"zh": "基本", "zh_hant": "", "en": "Basic"}}],
        "fields": [{"key": "pets", "section": "basic", "number": 0, "label": {"zh": "宠物", "zh_hant": "", "en": ""},
                    "type": "single_choice", "options": [{"key": "cat", "label": {"zh": "猫", "zh_hant": "", "en": "Cat"}}],
                    "help": {"zh": "", "zh_hant": "", "en": ""}, "weight": 2, "sensitivity": "none", "in_briefing": true,
                    "hidden": false, "bound_to": "", "family_link": ""}]})"), "definition");
    ASSERT_EQ(1u, t.fields.size());
    EXPECT_EQ(FieldType::single_choice, t.fields[0].type);
    EXPECT_EQ("Cat", t.fields[0].options[0].label.en);
    EXPECT_EQ(2.0, t.fields[0].weight);
    SB_EXPECT_ERROR(codec::read<Template>(doc(R"({"sections": [], "fields": [], "colour": 1})"), "definition"), invalid_argument,
                    "definition.colour", "not a known key");
}

TEST(ProfilesCodec, TemplateEditsNeedTheKeysOfTheirOp) {
    const auto edit = [](const char* text) { return codec::read<TemplateEdit>(doc(text), "edits[0]"); };
    const TemplateEdit add = edit(R"({"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物"}, "after": "smoking"})");
    EXPECT_EQ(TemplateEdit::Op::add_field, add.op);
    EXPECT_EQ("宠物", add.field.label.zh);   // a plain string is Chinese
    EXPECT_EQ("", add.field.label.en);
    EXPECT_EQ(FieldType::text, add.field.type);   // the default
    EXPECT_EQ(1.0, add.field.weight);
    EXPECT_EQ("smoking", add.after);
    const TemplateEdit brief = edit(R"({"op": "set_in_briefing", "key": "health", "in_briefing": true})");
    EXPECT_TRUE(brief.flag);
    SB_EXPECT_ERROR(edit(R"({"op": "add_field", "key": "pets"})"), invalid_argument, "edits[0].field", "is required");
    SB_EXPECT_ERROR(edit(R"({"op": "rename", "label": "x"})"), invalid_argument, "edits[0].key", "is required");
    SB_EXPECT_ERROR(edit(R"({"op": "set_weight", "key": "health", "weight": null})"), invalid_argument, "edits[0].weight",
                    "is required");
    SB_EXPECT_ERROR(edit(R"({"op": "set_in_briefing", "key": "health"})"), invalid_argument, "edits[0].in_briefing",
                    "is required");
    SB_EXPECT_ERROR(edit(R"({"op": "drop", "key": "health"})"), invalid_argument, "edits[0].op", "add_field, hide");
    SB_EXPECT_ERROR(edit(R"({"op": "rename", "key": "health", "label": {"fr": "Santé"}})"), invalid_argument,
                    "edits[0].label.fr", "not a known key");
    SB_EXPECT_ERROR(edit(R"({"op": "rename", "key": "health", "label": 5})"), invalid_argument, "edits[0].label",
                    "JSON object");
}

TEST(ProfilesCodec, FieldValuesAsJson) {
    const auto values = codec::read<std::map<std::string, FieldValue>>(
        doc(R"({"a": "x", "b": ["wine", "baijiu"], "c": 2.5, "d": true, "e": null})"), "");
    EXPECT_EQ(FieldValue(std::string("x")), values.at("a"));
    EXPECT_EQ(FieldValue(std::vector<std::string>{"wine", "baijiu"}), values.at("b"));
    EXPECT_EQ(FieldValue(2.5), values.at("c"));
    EXPECT_EQ(FieldValue(true), values.at("d"));
    EXPECT_EQ(FieldValue(std::monostate{}), values.at("e"));
    SB_EXPECT_ERROR((codec::read<std::map<std::string, FieldValue>>(doc(R"({"b": ["wine", 1]})"), "")), invalid_argument, "b",
                    "strings only");
    SB_EXPECT_ERROR((codec::read<std::map<std::string, FieldValue>>(doc(R"({"b": {"x": 1}})"), "")), invalid_argument, "b",
                    "must be a string, a list");
    EXPECT_EQ("2026-10-01", json(FieldValue(Date(2026, 10, 1))));
    EXPECT_EQ(json(nullptr), json(FieldValue()));
}

TEST(ProfilesCodec, CountsByStageNameEveryStage) {
    OptionCount o;
    o.key = "wine";
    o.by_stage = {{Stage::owner, 2}};
    EXPECT_EQ((json{{"prospect", 0}, {"visitor", 0}, {"owner", 2}}), json(o)["by_stage"]);
}

TEST(ProfilesCodec, TheProfileInOneLanguage) {
    Profile p;
    p.customer_id = 7;
    p.site = "XH";
    const Template& t = default_template();
    p.sections = t.sections;
    for (const FieldDef& f : t.fields) p.entries.push_back({f, {}, "", std::nullopt, std::nullopt});
    for (ProfileEntry& e : p.entries)
        if (e.field.key == "drinking") {
            e.value = std::vector<std::string>{"baijiu", "wine"};
            e.updated_at = "2026-01-02T03:04:05Z";
            e.updated_by = 4;
        }
    const auto field_of = [](const json& profile, const std::string& key) {
        for (const json& s : profile["sections"])
            for (const json& f : s["fields"])
                if (f["key"] == key) return f;
        return json();
    };
    const json en = codec::view(p, Language::en);
    EXPECT_EQ((json{"baijiu", "wine"}), en["values"]["drinking"]);
    EXPECT_EQ(json(nullptr), en["values"]["health"]);
    EXPECT_EQ(42u, en["values"].size());
    EXPECT_EQ("Basic information", en["sections"][0]["label"]);
    const json drinking = field_of(en, "drinking");
    EXPECT_EQ("Drinking", drinking["label"]);
    EXPECT_EQ("multi_choice", drinking["type"]);
    EXPECT_EQ("Baijiu, Wine", drinking["display"]);
    EXPECT_EQ("2026-01-02T03:04:05Z", drinking["updated_at"]);
    EXPECT_EQ(4, drinking["updated_by"]);
    EXPECT_EQ(json(nullptr), field_of(en, "health")["updated_at"]);
    EXPECT_EQ("health", field_of(en, "health")["sensitivity"]);
    EXPECT_EQ("白酒、红酒", field_of(codec::view(p, Language::zh), "drinking")["display"]);
}

} // namespace
