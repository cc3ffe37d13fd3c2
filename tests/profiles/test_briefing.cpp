// The salutation and the visit briefing by phone.
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
    EXPECT_EQ("张伟先生/女士", salutation("张伟", Gender::unknown));   // not "张伟": too curt for a letter
    EXPECT_EQ("欧阳娜娜先生/女士", salutation("欧阳娜娜", Gender::unknown));
    EXPECT_EQ("张伟", salutation("张伟", Gender::unknown, Language::en));
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
    consent_to_sensitive(archive_, c.id);
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
    consent_to_sensitive(archive_, c.id);   // a minor's record: the guardian's consent
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
    EXPECT_EQ("张伟先生/女士", at_bj.salutation);
    EXPECT_TRUE(at_bj.family.empty());
    EXPECT_TRUE(at_bj.profile.empty());
    EXPECT_TRUE(at_bj.recent_visits.empty());
    EXPECT_EQ(0, at_bj.visit_count);
    EXPECT_TRUE(at_bj.deals.empty());
    ASSERT_TRUE(at_bj.consultant);
    EXPECT_EQ(zhao_, at_bj.consultant->id);
}

} // namespace
