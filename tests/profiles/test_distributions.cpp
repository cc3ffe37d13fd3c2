// Distributions of the choice fields by site, cohort and stage.
#include "profiles_fixture.hpp"

#include <gtest/gtest.h>


namespace {

using namespace snowball;
using namespace snowball::testing;

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

} // namespace
