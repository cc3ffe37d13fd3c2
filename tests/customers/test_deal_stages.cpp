// Deal stages (认筹 → 认购 → 签约), cancellation, the owner stage per site, and lost customers.
#include "customers_fixture.hpp"

#include "snowball/briefing.hpp"
#include "snowball/care.hpp"
#include "snowball/contacts.hpp"
#include "snowball/referrals.hpp"

namespace snowball::testing {
namespace {

using boost::gregorian::days;

class DealStages : public CustomersTest {
protected:
    // A visitor filed two years ago at XH, 李娜's.
    Customer buyer(const std::string& name, const std::string& mobile) {
        NewCustomer in = make("XH", Channel::visit, name, mobile);
        in.filed_on = today_ - days(730);
        in.consultant_id = li_;
        return customers().add(in);
    }
    NewDeal at(DealStage stage, const std::string& unit, Date date, std::optional<double> amount = std::nullopt) {
        NewDeal d = deal(unit, date);
        d.stage = stage;
        d.amount = amount;
        return d;
    }
    DealAdvance step(std::optional<Date> date, std::optional<double> amount = std::nullopt, std::int64_t by = 0) {
        DealAdvance a;
        a.date = date;
        a.amount = amount;
        a.by = by ? by : li_;
        return a;
    }
    Stage stage_of(std::int64_t id) { return customers().get(id).stage; }
    Deals& deals() { return archive_.deals(); }
};

TEST_F(DealStages, AReservationMovesThroughSubscriptionToContract) {
    const Customer c = buyer("张伟", "13800138000");
    const Date reserved = today_ - days(60), subscribed = today_ - days(40), signed_on = today_ - days(20);
    const Deal r = customers().record_deal(c.id, at(DealStage::reservation, "1-1-101", reserved, 50000));
    EXPECT_EQ(DealStage::reservation, r.stage);
    EXPECT_EQ(reserved, r.date);
    EXPECT_EQ(reserved, r.reserved_on);
    EXPECT_EQ(std::nullopt, r.contracted_on);
    ASSERT_TRUE(r.deposit);
    EXPECT_DOUBLE_EQ(50000, *r.deposit);
    EXPECT_EQ(Stage::visitor, stage_of(c.id));   // owners at contract (the default)

    const Deal s = deals().advance(r.id, DealStage::subscription, step(subscribed, 200000, wang_));
    EXPECT_EQ(DealStage::subscription, s.stage);
    EXPECT_EQ(subscribed, s.date);
    EXPECT_EQ(Stage::visitor, stage_of(c.id));

    const Deal k = deals().advance(r.id, DealStage::contract, step(signed_on, 3250000));
    EXPECT_EQ(DealStage::contract, k.stage);
    EXPECT_EQ(signed_on, k.date);
    EXPECT_EQ(signed_on, k.contracted_on);
    EXPECT_EQ(reserved, k.reserved_on);
    EXPECT_EQ(subscribed, k.subscribed_on);
    EXPECT_DOUBLE_EQ(3250000, k.price);   // the contract's amount is the price
    EXPECT_EQ(Stage::owner, stage_of(c.id));

    const std::vector<DealStep> steps = deals().steps(r.id);
    ASSERT_EQ(3u, steps.size());
    EXPECT_EQ(DealStepKind::reservation, steps[0].step);
    EXPECT_DOUBLE_EQ(50000, *steps[0].amount);
    EXPECT_EQ(li_, steps[0].by);
    EXPECT_EQ(DealStepKind::subscription, steps[1].step);
    EXPECT_EQ(wang_, steps[1].by);
    EXPECT_EQ(DealStepKind::contract, steps[2].step);
    EXPECT_DOUBLE_EQ(3250000, *steps[2].amount);
    EXPECT_EQ(signed_on, steps[2].date);
}

TEST_F(DealStages, StepsMoveOnlyForwardAndMaySkip) {
    const Customer c = buyer("张伟", "13800138000");
    const Deal r = customers().record_deal(c.id, at(DealStage::reservation, "1-1-101", today_ - days(30)));
    // Straight to contract.
    const Deal k = deals().advance(r.id, DealStage::contract, step(today_ - days(10)));
    EXPECT_EQ(std::nullopt, k.subscribed_on);
    EXPECT_EQ(2u, deals().steps(r.id).size());
    // Back, or to the same stage: invalid_state, unchanged.
    expect_error([&] { deals().advance(r.id, DealStage::subscription, step(today_)); }, Status::invalid_state, "stage",
                 "only moves forward");
    expect_error([&] { deals().advance(r.id, DealStage::contract, step(today_)); }, Status::invalid_state, "stage",
                 "contract (签约) already");
    EXPECT_EQ(today_ - days(10), deals().get(r.id).date);
}

TEST_F(DealStages, BadStepsAreRefusedNamingTheField) {
    const Customer c = buyer("张伟", "13800138000");
    const Deal r = customers().record_deal(c.id, at(DealStage::reservation, "1-1-101", today_ - days(30), 20000));
    expect_error([&] { deals().advance(r.id, DealStage::subscription, step(today_ - days(31))); }, Status::invalid_argument,
                 "date", "before the deal's reservation step");
    expect_error([&] { deals().advance(r.id, DealStage::subscription, step(today_ + days(1))); }, Status::invalid_argument,
                 "date", "future");
    expect_error([&] { deals().advance(r.id, DealStage::subscription, step(today_, 0.0)); }, Status::invalid_argument,
                 "amount", "positive");
    expect_error([&] { deals().advance(r.id, DealStage::subscription, step(today_, -5.0)); }, Status::invalid_argument,
                 "amount", "positive");
    expect_error([&] { deals().advance(r.id, DealStage::subscription, step(today_, std::nullopt, zhao_)); },
                 Status::invalid_argument, "by", "another site");
    expect_error([&] { deals().advance(r.id, DealStage::subscription, step(today_, std::nullopt, 9999)); },
                 Status::not_found, "by");
    expect_error([&] { deals().advance(424242, DealStage::subscription, step(today_)); }, Status::not_found, "deal_id");
    expect_error([&] { (void)parse_deal_stage("signed"); }, Status::invalid_argument, "stage", "reservation");
    EXPECT_EQ(DealStage::subscription, parse_deal_stage("认购"));
    // Recording: a deposit must be positive; a contract's amount is its price.
    expect_error([&] { customers().record_deal(c.id, at(DealStage::reservation, "1-1-102", today_, 0.0)); },
                 Status::invalid_argument, "amount");
    expect_error([&] { customers().record_deal(c.id, at(DealStage::contract, "1-1-102", today_, 100.0)); },
                 Status::invalid_argument, "amount", "price");
    EXPECT_EQ(1u, deals().steps(r.id).size());
    EXPECT_EQ(1u, customers().deals(c.id).size());
}

TEST_F(DealStages, AUnitIsHeldOnceAtEveryOpenStage) {
    const Customer a = buyer("张伟", "13800138000");
    const Customer b = buyer("李雷", "13900139000");
    const Deal r = customers().record_deal(a.id, at(DealStage::reservation, "2-1-301", today_ - days(5)));
    auto e = expect_error([&] { customers().record_deal(b.id, at(DealStage::contract, "2-1-301", today_)); },
                          Status::conflict, "unit", "held to 张伟");
    if (e) {
        EXPECT_EQ(r.id, e->record_id());
    }
    deals().cancel(r.id, "客户退订", li_);
    EXPECT_NO_THROW(customers().record_deal(b.id, at(DealStage::subscription, "2-1-301", today_)));
}

TEST_F(DealStages, CancellingStepsBackTheOwnerAndPublishesTheStep) {
    const Customer c = buyer("张伟", "13800138000");
    const Deal k = customers().record_deal(c.id, at(DealStage::contract, "1-1-101", today_ - days(3)));
    EXPECT_EQ(Stage::owner, stage_of(c.id));
    const Deal x = deals().cancel(k.id, "退房：资金问题", wang_);
    EXPECT_TRUE(x.cancelled);
    EXPECT_EQ(today_, x.cancelled_on);
    EXPECT_EQ(Stage::visitor, stage_of(c.id));
    const auto steps = deals().steps(k.id);
    ASSERT_EQ(2u, steps.size());
    EXPECT_EQ(DealStepKind::cancellation, steps[1].step);
    EXPECT_EQ("退房：资金问题", steps[1].reason);
    EXPECT_EQ(wang_, steps[1].by);
    EXPECT_EQ(std::nullopt, steps[1].amount);
    expect_error([&] { deals().cancel(k.id, "again"); }, Status::invalid_state, "deal_id", "already cancelled");
    expect_error([&] { deals().advance(k.id, DealStage::contract, step(today_)); }, Status::invalid_state, "deal_id",
                 "cancelled");
    expect_error([&] { deals().cancel(k.id, "x", zhao_); }, Status::invalid_argument, "by", "another site");
}

TEST_F(DealStages, TheOwnerStageIsASiteSetting) {
    EXPECT_EQ(DealStage::contract, deals().settings("XH").owner_stage);
    EXPECT_EQ("", deals().settings("XH").updated_at);
    const Customer c = buyer("张伟", "13800138000");
    const Deal r = customers().record_deal(c.id, at(DealStage::subscription, "1-1-101", today_ - days(3)));
    EXPECT_EQ(Stage::visitor, stage_of(c.id));
    // Owners at subscription: the buyer follows at once.
    EXPECT_EQ(DealStage::subscription, deals().set_owner_stage("XH", DealStage::subscription).owner_stage);
    EXPECT_EQ(Stage::owner, stage_of(c.id));
    EXPECT_EQ(DealStage::contract, deals().settings("BJ").owner_stage);
    // A reservation is still below it; cancelling the subscription makes them a visitor again.
    const Customer d = buyer("李雷", "13900139000");
    customers().record_deal(d.id, at(DealStage::reservation, "1-1-102", today_));
    EXPECT_EQ(Stage::visitor, stage_of(d.id));
    customers().cancel_deal(r.id, "退订");
    EXPECT_EQ(Stage::visitor, stage_of(c.id));
    expect_error([&] { deals().settings("NOPE"); }, Status::not_found, "site");
    // A consultant may not change it.
    Archive as_li = archive_.as("consultant:" + std::to_string(li_));
    expect_error([&] { as_li.deals().set_owner_stage("XH", DealStage::contract); }, Status::forbidden, "site");
}

// A deal counts as closed only at contract: a reservation is not in the closed-deal archive, has no
// anniversary or follow-up, and earns no referral reward.
TEST_F(DealStages, AReservationIsNotAClosedDeal) {
    const Customer referrer = buyer("王老师", "13700137000");
    customers().record_deal(referrer.id, at(DealStage::contract, "9-9-909", today_ - days(700)));
    NewCustomer in = make("XH", Channel::visit, "张伟", "13800138000");
    in.filed_on = today_ - days(400);
    const Customer c = customers().add(in);
    NewReferral ref;
    ref.referrer_id = referrer.id;
    ref.referee_id = c.id;
    ref.date = today_ - days(400);
    archive_.referrals().add(ref);
    RewardRule rule;
    rule.enabled = true;
    rule.amount = 5000;
    archive_.referrals().set_reward_rule("XH", rule);

    // A reservation dated a year ago less five days: its "anniversary" would fall in the briefing's window.
    const Deal r = customers().record_deal(c.id, at(DealStage::reservation, "1-1-101", today_ - days(360), 20000));
    DealQuery q;
    q.site = "XH";
    q.include_cancelled = true;
    for (const ClosedDeal& d : customers().closed_deals(q).items) EXPECT_NE(r.id, d.deal.id);
    const auto anniversaries = [&] {
        int n = 0;
        for (const UpcomingOccasion& o : archive_.briefings().for_customer(c.id).upcoming)
            if (o.occasion.deal_id == r.id) ++n;
        return n;
    };
    EXPECT_EQ(0, anniversaries());
    const RewardCheck check = archive_.referrals().check_reward(r.id);
    EXPECT_FALSE(check.eligible);
    ASSERT_FALSE(check.reasons.empty());
    EXPECT_EQ("deal_not_contracted", check.reasons.front().code);
    EXPECT_TRUE(archive_.referrals().settle_rewards("XH").empty());

    // Contracted (dated a year ago less five days): closed, an anniversary, a reward.
    deals().advance(r.id, DealStage::contract, step(today_ - days(360)));
    bool listed = false;
    for (const ClosedDeal& d : customers().closed_deals(q).items) listed = listed || d.deal.id == r.id;
    EXPECT_TRUE(listed);
    EXPECT_GE(anniversaries(), 1);
    EXPECT_TRUE(archive_.referrals().check_reward(r.id).eligible);
}

TEST_F(DealStages, LostCustomersAreSkippedByFollowUp) {
    const Customer c = buyer("张伟", "13800138000");
    NewLostMark m;
    m.reason = LostReason::bought_elsewhere;
    m.competitor = "万科城";
    m.note = "价格更低";
    m.by = li_;
    const LostMark mark = customers().mark_lost(c.id, m);
    EXPECT_EQ(LostReason::bought_elsewhere, mark.reason);
    EXPECT_EQ("万科城", mark.competitor);
    EXPECT_EQ(today_, mark.date);
    EXPECT_EQ("", mark.undone_at);
    expect_error([&] { customers().mark_lost(c.id, m); }, Status::conflict, "customer_id", "marked lost already");

    NotContactedQuery quiet;
    quiet.site = "XH";
    quiet.days = 1;
    const auto listed = [&] {
        for (const QuietCustomer& q : archive_.contacts().not_contacted(quiet).items)
            if (q.customer_id == c.id) return true;
        return false;
    };
    EXPECT_FALSE(listed());
    ASSERT_EQ(1u, customers().lost_counts("XH").size());
    EXPECT_EQ(1, customers().lost_counts("XH")[0].count);

    const LostMark undone = customers().undo_lost(c.id, wang_);
    EXPECT_NE("", undone.undone_at);
    EXPECT_EQ(wang_, undone.undone_by);
    EXPECT_TRUE(listed());
    EXPECT_TRUE(customers().lost_counts("XH").empty());
    expect_error([&] { customers().undo_lost(c.id); }, Status::invalid_state, "customer_id", "not marked lost");
    EXPECT_EQ(1u, customers().lost_marks(c.id).size());

    // Buying after all ends a mark; a customer with an open deal cannot be lost.
    customers().mark_lost(c.id, m);
    customers().record_deal(c.id, at(DealStage::reservation, "1-1-101", today_));
    EXPECT_NE("", customers().lost_marks(c.id).front().undone_at);
    expect_error([&] { customers().mark_lost(c.id, m); }, Status::invalid_state, "customer_id", "open deal");
    m.by = zhao_;
    const Customer d = buyer("李雷", "13900139000");
    expect_error([&] { customers().mark_lost(d.id, m); }, Status::invalid_argument, "by", "another site");
    m.by = std::nullopt;
    m.date = today_ + days(1);
    expect_error([&] { customers().mark_lost(d.id, m); }, Status::invalid_argument, "date", "future");
    expect_error([&] { (void)parse_lost_reason("cheaper"); }, Status::invalid_argument, "reason", "bought_elsewhere");
}

} // namespace
} // namespace snowball::testing
