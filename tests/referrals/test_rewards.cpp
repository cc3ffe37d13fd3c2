// The reward ledger and the validation of reward rules.
#include "referrals_fixture.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// Rewards

TEST_F(ReferralsTest, TheRewardLedger) {
    const auto c = customers(6);
    const std::int64_t referral = refer(c[0], c[1]).id;
    refer(c[0], c[2], ReferralMethod::event_guest);
    refer(c[3], c[1]);   // a secondary claim earns nothing
    const std::int64_t d1 = deal(c[1], "6-1", to_iso(today_in_china()).c_str());
    const std::int64_t d2 = deal(c[2], "6-2", to_iso(today_in_china()).c_str());
    const std::int64_t d3 = deal(c[1], "6-3", to_iso(today_in_china()).c_str());   // the referee's second unit
    const std::int64_t d4 = deal(c[5], "6-4", to_iso(today_in_china()).c_str());   // not referred

    // No rule yet: not eligible, and it says why.
    RewardCheck check = referrals().check_reward(d1);
    EXPECT_FALSE(check.eligible);
    ASSERT_EQ(1u, check.reasons.size());
    EXPECT_EQ("rule_disabled", check.reasons[0].code);
    EXPECT_EQ(referral, check.referral_id);
    SB_EXPECT_ERROR(referrals().grant_reward(d1), invalid_state, "deal_id", "rule_disabled");

    RewardRule rule;
    rule.enabled = true;
    rule.kind = RewardKind::property_fee;
    rule.amount = 12;
    rule.methods = {ReferralMethod::chain, ReferralMethod::key_person};
    rule.note = "老带新成交，奖励老业主一年物业费";
    const ReferralSettings s = referrals().set_reward_rule("XH", rule);
    EXPECT_TRUE(s.reward.enabled);
    EXPECT_EQ(12, s.reward.amount);

    check = referrals().check_reward(d1);
    EXPECT_TRUE(check.eligible);
    EXPECT_EQ(c[0], check.referrer_id);
    EXPECT_EQ(RewardKind::property_fee, check.kind);
    const std::string before = dump();
    EXPECT_EQ("method_not_covered", referrals().check_reward(d2).reasons.at(0).code);
    EXPECT_EQ("no_credited_referral", referrals().check_reward(d4).reasons.at(0).code);
    SB_EXPECT_ERROR(referrals().grant_reward(d2), invalid_state, "deal_id", "method_not_covered");
    SB_EXPECT_ERROR(referrals().grant_reward(d4), invalid_state, "deal_id", "no_credited_referral");
    SB_EXPECT_ERROR(referrals().grant_reward(d1, li_), invalid_argument, "by", "works at site BJ");
    SB_EXPECT_ERROR(referrals().grant_reward(424242), not_found, "deal_id", "");
    EXPECT_EQ(before, dump());

    const RewardEntry entry = referrals().grant_reward(d1, wang_, "一年物业费");
    EXPECT_EQ(c[0], entry.referrer_id);
    EXPECT_EQ(c[1], entry.referee_id);
    EXPECT_EQ(d1, entry.deal_id);
    EXPECT_EQ("6-1", entry.unit);
    EXPECT_EQ(12, entry.amount);
    EXPECT_EQ(RewardStatus::granted, entry.status);
    EXPECT_EQ(wang_, entry.granted_by);
    // Never twice for one deal; a second deal of the same referee: first deal only.
    const auto twice = expect_error([&] { referrals().grant_reward(d1); }, Status::conflict, "deal_id", "rewarded already");
    ASSERT_TRUE(twice);
    EXPECT_EQ(entry.id, twice->record_id());
    EXPECT_EQ("referee_already_rewarded", referrals().check_reward(d3).reasons.at(0).code);
    SB_EXPECT_ERROR(referrals().remove(referral), invalid_state, "referral_id", "ledger");

    // Revoking: the entry stays, marked; never granted again for that deal.
    SB_EXPECT_ERROR(referrals().revoke_reward(entry.id, ""), invalid_argument, "reason", "");
    const RewardEntry revoked = referrals().revoke_reward(entry.id, "录入错误", wang_);
    EXPECT_EQ(RewardStatus::revoked, revoked.status);
    EXPECT_EQ("录入错误", revoked.revoke_reason);
    SB_EXPECT_ERROR(referrals().revoke_reward(entry.id, "again"), invalid_state, "entry_id", "revoked");
    EXPECT_EQ("already_rewarded", referrals().check_reward(d1).reasons.at(0).code);
    // With the first reward revoked, the referee's second deal may be rewarded: settle finds it.
    rule.methods.clear();
    rule.kind = RewardKind::points;
    rule.amount = 5000;
    referrals().set_reward_rule("XH", rule);
    const auto settled = referrals().settle_rewards("XH", wang_);
    ASSERT_EQ(2u, settled.size());   // d2 (event guest, now covered) and d3
    EXPECT_TRUE(referrals().settle_rewards("XH").empty());
    const auto totals = referrals().reward_totals("XH");
    ASSERT_EQ(1u, totals.size());
    EXPECT_EQ(c[0], totals[0].referrer_id);
    EXPECT_EQ(2, totals[0].entries);
    EXPECT_EQ(10000, totals[0].points);
    EXPECT_EQ(0, totals[0].property_fee_months);   // the revoked entry does not count
    LedgerQuery lq;
    lq.site = "XH";
    EXPECT_EQ(3, referrals().ledger(lq).total);
    lq.include_revoked = false;
    EXPECT_EQ(2, referrals().ledger(lq).total);
    EXPECT_EQ(3, raw().count("reward_entries"));

    // A rewarded deal cancelled afterwards is flagged for the manager.
    archive_.customers().cancel_deal(d3, "退房");
    bool flagged = false;
    lq.include_revoked = true;
    for (const RewardEntry& e : referrals().ledger(lq).items) flagged = flagged || (e.deal_id == d3 && e.deal_cancelled);
    EXPECT_TRUE(flagged);
    EXPECT_EQ("deal_cancelled", referrals().check_reward(d3).reasons.at(0).code);
}

TEST_F(ReferralsTest, RewardRulesAreValidated) {
    RewardRule r;
    r.enabled = true;
    r.amount = 0;
    SB_EXPECT_ERROR(referrals().set_reward_rule("XH", r), invalid_argument, "rule.amount", "above 0");
    r.amount = 121;
    r.kind = RewardKind::property_fee;
    SB_EXPECT_ERROR(referrals().set_reward_rule("XH", r), invalid_argument, "rule.amount", "120 months");
    r.amount = 6;
    r.methods = {ReferralMethod::chain, ReferralMethod::chain};
    SB_EXPECT_ERROR(referrals().set_reward_rule("XH", r), invalid_argument, "rule.methods[1]", "twice");
    r.methods.clear();
    r.within_days = -1;
    SB_EXPECT_ERROR(referrals().set_reward_rule("XH", r), invalid_argument, "rule.within_days", "");
    r.within_days = 30;
    SB_EXPECT_ERROR(referrals().set_reward_rule("NOPE", r), not_found, "site", "");
    EXPECT_EQ(0, raw().count("referral_settings"));
    EXPECT_EQ(30, referrals().set_reward_rule("XH", r).reward.within_days);
    EXPECT_FALSE(referrals().settings("BJ").reward.enabled);   // the default: no reward

    // within_days: a deal closed too long after the referral is not rewarded.
    const auto c = customers(2);
    refer(c[0], c[1], ReferralMethod::chain, d("2024-01-02"));
    const std::int64_t late = deal(c[1], "7-1", "2024-03-01");
    EXPECT_EQ("too_late", referrals().check_reward(late).reasons.at(0).code);
}

} // namespace
