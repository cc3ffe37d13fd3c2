// Profile values: every field type checked and normalised, bad values rejected with nothing written,
// set-many as one transaction, text as a form holds it, and the fields bound to the customer record.
#include "profiles_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

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
    const Profile p = profiles().get(c.id, std::nullopt, revealed);
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
    SB_EXPECT_ERROR(profiles().get(gone.id, std::nullopt, revealed), not_found, "customer_id", "");
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

} // namespace
