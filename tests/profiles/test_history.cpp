// What a profile remembers: the history of every value (who, when, old and new), the profile as of a
// day, and values that outlive template changes (hidden fields, another handle's edits).
#include "profiles_fixture.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace snowball;
using namespace snowball::testing;

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
        const Profile p = profiles().get(c.id, day, revealed);
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
    const Profile now = profiles().get(c.id, today_in_china(), revealed);
    const Profile current = profiles().get(c.id, std::nullopt, revealed);
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
    const Profile p = profiles().get(c.id, std::nullopt, revealed);
    EXPECT_EQ(t.version, p.template_version);
    ASSERT_NE(nullptr, p.entry("plate_number"));
    EXPECT_TRUE(p.entry("plate_number")->field.hidden);
    EXPECT_EQ("浙A12345", as<std::string>(p.entry("plate_number")->value));
    ASSERT_EQ(1u, profiles().history(c.id, "plate_number", revealed).size());
    EXPECT_EQ("浙A12345", as<std::string>(profiles().history(c.id, "plate_number", revealed)[0].new_value));

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
    const Profile p = profiles().get(c.id, std::nullopt, revealed);
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
    EXPECT_EQ(1, profiles().get(c.id, std::nullopt, revealed).template_version);
    EXPECT_EQ(1, templates().get("XH").version);
    // And the other way round.
    templates().edit("XH", {edit(Op::show, "plate_number")});
    other.profiles().set(c.id, {{"plate_number", text("浙A12345")}});
    EXPECT_EQ("浙A12345", as<std::string>(value(c.id, "plate_number")));
}

} // namespace
