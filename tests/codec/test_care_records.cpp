// The calendar's and the care calendar's records in the codec: the stored forms read back, the
// inputs' alternatives (a label as text, a tier "any"), errors named by path, and the agenda's fast
// writer of task occasions equal to the codec's form.
#include "test_support.hpp"

#include "codec/care.hpp"

using namespace snowball;
using namespace snowball::testing;
using snowball::codec::json;

namespace {

TEST(CareRecords, OccasionsTextIsTheCodecsFormWrittenDirectly) {
    const std::vector<TaskOccasion> occasions{
        {OccasionKind::birthday, "birthday", "张伟生日", std::nullopt, std::nullopt},
        {OccasionKind::family_birthday, "family_birthday", "配偶\"王\\五\"\b\f\n\r\t\x01\x1f\x7f生日", 42, std::nullopt},
        {OccasionKind::deal_anniversary, "anniversary:3", "成交3周年", std::nullopt, 9007199254740993},
        {OccasionKind::festival, "mid_autumn", "中秋节", std::nullopt, std::nullopt},
    };
    for (std::size_t n = 0; n <= occasions.size(); ++n) {
        const std::vector<TaskOccasion> some(occasions.begin(), occasions.begin() + static_cast<std::ptrdiff_t>(n));
        const std::string text = codec::occasions_text(some);
        EXPECT_EQ(codec::dump(json(some)), text);
        // And it reads back as it was.
        const auto back = codec::read<std::vector<TaskOccasion>>(codec::parse(text, "occasions"), "occasions");
        ASSERT_EQ(some.size(), back.size());
        for (std::size_t i = 0; i < n; ++i) {
            EXPECT_EQ(some[i].kind, back[i].kind);
            EXPECT_EQ(some[i].title, back[i].title);
            EXPECT_EQ(some[i].family_member_id, back[i].family_member_id);
            EXPECT_EQ(some[i].deal_id, back[i].deal_id);
        }
    }
}

TEST(CareRecords, TaskOccasionsStoredBeforeDealsHadTheirIdReadBack) {
    const auto back = codec::read<std::vector<TaskOccasion>>(
        codec::parse(R"([{"family_member_id": null, "key": "birthday", "kind": "birthday", "title": "张伟生日"}])", "o"), "o");
    ASSERT_EQ(1u, back.size());
    EXPECT_EQ(std::nullopt, back[0].deal_id);
    SB_EXPECT_ERROR(codec::read<std::vector<TaskOccasion>>(codec::parse(R"([{"kind": "wedding"}])", "o"), "occasions"),
                    invalid_argument, "occasions[0].kind", "wedding");
}

TEST(CareRecords, ACareRuleTakesItsLabelAsTextOrObjectAndAnyAudience) {
    const auto rule = [](const char* text) { return codec::read<CareRule>(codec::parse(text, "rule"), "policy[3]"); };
    const CareRule text = rule(R"({"occasion": "festival", "festival": "spring_festival", "tier": "any", "stage": "prospect",
                                   "action": "sms", "channel": "sms", "lead_days": 1, "label": "春节短信问候"})");
    EXPECT_EQ("春节短信问候", text.label.zh);
    EXPECT_EQ("", text.label.en);
    EXPECT_EQ(std::nullopt, text.tier);
    EXPECT_EQ(Stage::prospect, text.stage);
    const CareRule object = rule(R"({"occasion": "birthday", "tier": null, "action": "call", "channel": "phone",
                                     "label": {"zh": "致电", "en": "Call"}})");
    EXPECT_EQ("Call", object.label.en);
    EXPECT_EQ(std::nullopt, object.stage);
    // Written back: the label as an object, an audience of any as null.
    const json written = json(text);
    EXPECT_EQ(json({{"zh", "春节短信问候"}, {"zh_hant", ""}, {"en", ""}}), written["label"]);
    EXPECT_TRUE(written["tier"].is_null());
    EXPECT_EQ(text.label.zh, codec::read<CareRule>(written, "rule").label.zh);
    // Errors by path, the rule's own checks included.
    SB_EXPECT_ERROR(rule(R"({"occasion": "birthday", "action": "call", "channel": "pigeon"})"), invalid_argument,
                    "policy[3].channel", "pigeon");
    SB_EXPECT_ERROR(rule(R"({"occasion": "birthday", "action": "call"})"), invalid_argument, "policy[3].channel", "required");
    SB_EXPECT_ERROR(rule(R"({"occasion": "birthday", "action": "call", "channel": "sms", "label": {"fr": "x"}})"),
                    invalid_argument, "policy[3].label.fr", "not a known key");
    SB_EXPECT_ERROR(rule(R"({"occasion": "birthday", "action": "call", "channel": "sms", "tier": "gold"})"), invalid_argument,
                    "policy[3].tier", "gold");
}

TEST(CareRecords, AFestivalRuleIsValidatedAndItsErrorsNamedByPath) {
    const auto festival = [](const char* text, const std::string& path) {
        return codec::read<calendar::FestivalRule>(codec::parse(text, "f"), path);
    };
    const auto owners_day = festival(R"({"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"})", "");
    EXPECT_TRUE(owners_day.enabled);
    EXPECT_EQ("gregorian:06-18", json(owners_day)["date"]);
    SB_EXPECT_ERROR(festival(R"({"key": "Owners Day", "name_zh": "业主节", "date": "gregorian:06-18"})", "festivals[2]"),
                    invalid_argument, "festivals[2].key", "");
    SB_EXPECT_ERROR(festival(R"({"key": "x", "name_zh": "业主节", "date": "gregorian:02-30"})", ""), invalid_argument, "date", "day 30");
    SB_EXPECT_ERROR(festival(R"({"key": "x", "name_zh": "业主节", "date": "someday"})", "festivals[0]"), invalid_argument,
                    "festivals[0].date", "");
    SB_EXPECT_ERROR(festival(R"({"key": "x", "date": "gregorian:06-18"})", "festivals[0]"), invalid_argument,
                    "festivals[0].name_zh", "required");
}

TEST(CareRecords, OccasionSettingsAndTheirUpdate) {
    const auto settings = codec::read<OccasionSettings>(codec::parse(R"({"follow_up": "14d"})", "o"), "occasions");
    EXPECT_TRUE(settings.deal_anniversaries);
    EXPECT_EQ("14d", to_string(settings.follow_up));
    EXPECT_EQ(json({{"leap_month_birthdays_twice", false}, {"deal_anniversaries", true}, {"follow_up", "14d"}}), json(settings));
    SB_EXPECT_ERROR(codec::read<OccasionSettings>(codec::parse(R"({"follow_up": "every week"})", "o"), "occasions"),
                    invalid_argument, "occasions.follow_up", "every week");
    const auto update = codec::read<OccasionSettingsUpdate>(codec::parse(R"({"deal_anniversaries": false})", "u"), "");
    EXPECT_EQ(false, update.deal_anniversaries);
    EXPECT_EQ(std::nullopt, update.leap_month_birthdays_twice);
    EXPECT_EQ(std::nullopt, update.follow_up);
    const auto none = codec::read<OccasionSettingsUpdate>(codec::parse(R"({"follow_up": ""})", "u"), "").follow_up;
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

TEST(CareRecords, ATaskCarriesWhatItsDayHoldsAtAGlance) {
    CareTask t;
    t.occasions = {{OccasionKind::birthday, "birthday", "张伟生日", std::nullopt, std::nullopt},
                   {OccasionKind::family_birthday, "family_birthday", "配偶生日", 12, std::nullopt},
                   {OccasionKind::family_birthday, "family_birthday", "子女生日", 13, std::nullopt},
                   {OccasionKind::festival, "mid_autumn", "中秋节", std::nullopt, std::nullopt}};
    t.actions = {{"flowers_or_cake", "gift", 2, d("2026-09-23"), "订花"}, {"call", "phone", 0, d("2026-09-25"), "致电"}};
    const json j = json(t);
    EXPECT_EQ("birthday+family_birthday+festival", j["occasion"]);
    EXPECT_EQ("flowers_or_cake+call", j["action"]);
    EXPECT_EQ(json({12, 13}), j["family_member_ids"]);
    EXPECT_TRUE(j["done_at"].is_null());
    EXPECT_EQ("open", j["status"]);
}

TEST(CareRecords, QueriesReadStrictly) {
    const auto q = codec::read<AgendaQuery>(codec::parse(R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH"})", "q"), "");
    EXPECT_TRUE(q.include_closed);
    EXPECT_EQ(d("2026-09-20"), q.from);
    SB_EXPECT_ERROR(codec::read<AgendaQuery>(codec::parse(R"({"to": "2026-09-30"})", "q"), ""), invalid_argument, "from", "required");
    SB_EXPECT_ERROR(codec::read<CareOverdueQuery>(codec::parse(R"({"day": "2026-09-30"})", "q"), ""), invalid_argument, "day",
                    "not a known key");
}

} // namespace
