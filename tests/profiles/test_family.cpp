// Family members and birthdays: members as records of their own, their input checks, birthday text
// forms and the Chinese calendar, customers' birthdays, removal, and relations as consultants write
// them.
#include "snowball/lunar.hpp"
#include "snowball/numbering.hpp"
#include "profiles_fixture.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

// ---------------------------------------------------------------------------------------------
// Family members and birthdays

TEST_F(ProfilesTest, AChildsRecordTakesTheGuardiansConsent) {
    // A customer filed without any consent (the fixture's add() gives the sensitive one).
    NewCustomer n;
    n.site = "XH";
    n.channel = Channel::call;
    n.name = "欧阳锋";
    const std::int64_t id = customers().add(n).id;
    NewFamilyMember child;
    child.relation = Relation::child;
    child.name = "欧阳克";
    child.birthday = parse_birthday("2015-09-01");
    // A child under 14 is a minor (PIPL Art. 31): nothing is written.
    expect_rejected([&] { family().add(id, child); }, Status::consent_required, "relation", "given by a guardian");
    NewFamilyMember grown = child;
    grown.birthday = parse_birthday("1990-03-01");
    const FamilyMember adult = family().add(id, grown);   // an adult child needs none
    // Of unknown age (no birth year), or made younger: a minor again.
    FamilyMemberUpdate u;
    u.birthday = std::optional<Birthday>(parse_birthday("--03-01"));
    expect_rejected([&] { family().update(adult.id, u); }, Status::consent_required, "relation", "unknown age");
    NewFamilyMember no_birthday = child;
    no_birthday.birthday.reset();
    SB_EXPECT_ERROR(family().add(id, no_birthday), consent_required, "relation", "guardian");
    // A consent without a guardian is not enough; with one, the record is filed.
    ConsentGrant g;
    g.purpose = Purpose::service;
    g.sensitive = true;
    archive_.consents().grant(id, g);
    SB_EXPECT_ERROR(family().add(id, child), consent_required, "relation", "guardian");
    consent_to_sensitive(archive_, id);
    EXPECT_EQ("欧阳克", family().add(id, child).name);
    EXPECT_EQ(2u, family().list(id).size());
}

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
    consent_to_sensitive(archive_, c.id);
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
