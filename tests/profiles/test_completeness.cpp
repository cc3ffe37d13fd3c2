// How complete profiles are: weighted per section with what to ask next, a full profile, and the
// site's leaderboard of consultants.
#include "profiles_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

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
    consent_to_sensitive(archive_, c.id);   // a minor's record: the guardian's consent
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
    const Profile p = profiles().get(c.id, std::nullopt, revealed);
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

} // namespace
