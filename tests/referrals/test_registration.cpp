// Registering referrals: what reads back, methods and materials with their Chinese aliases, the
// first registration credited and later claims secondary, every rule refusing bad input with
// nothing written, removal, the tree of generations, and another handle seeing new referrals.
#include "referrals_fixture.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

// ---------------------------------------------------------------------------------------------
// The service

TEST_F(ReferralsTest, ARegisteredReferralReadsBackWithEverything) {
    const std::int64_t zhang = customer("张伟"), li = customer("李娜");
    NewReferral n;
    n.referrer_id = zhang;
    n.referee_id = li;
    n.method = ReferralMethod::key_person;
    n.materials = {{MaterialKind::letter, 1}, {MaterialKind::brochure, 3}};
    n.note = "业主会上介绍";
    const Referral r = referrals().add(n);
    EXPECT_GT(r.id, 0);
    EXPECT_EQ("XH", r.site);
    EXPECT_EQ(zhang, r.referrer_id);
    EXPECT_EQ("张伟", r.referrer_name);
    EXPECT_EQ(li, r.referee_id);
    EXPECT_EQ("李娜", r.referee_name);
    EXPECT_FALSE(r.referee_archive_no.empty());
    EXPECT_EQ(ReferralMethod::key_person, r.method);
    EXPECT_EQ(today_in_china(), r.date);
    EXPECT_TRUE(r.credited);
    EXPECT_EQ((std::vector<Material>{{MaterialKind::brochure, 3}, {MaterialKind::letter, 1}}), r.materials);
    EXPECT_EQ(wang_, r.consultant_id);   // the referee's consultant registered it
    EXPECT_EQ("业主会上介绍", r.note);
    EXPECT_EQ(r.materials, referrals().get(r.id).materials);
    EXPECT_EQ(1, raw().count("referrals"));
    EXPECT_EQ(2, raw().count("referral_materials"));
    EXPECT_EQ("key_person", raw().text("SELECT method FROM referrals"));
}

TEST_F(ReferralsTest, MethodsAndMaterialsHaveKeysAndChineseAliases) {
    EXPECT_EQ(ReferralMethod::chain, parse_referral_method("连锁介绍"));
    EXPECT_EQ(ReferralMethod::key_person, parse_referral_method("权威介绍"));
    EXPECT_EQ(ReferralMethod::cooperation, parse_referral_method("交叉合作"));
    EXPECT_EQ(ReferralMethod::event_guest, parse_referral_method("EVENT_GUEST"));
    EXPECT_EQ(ReferralMethod::observation, parse_referral_method("个人观察"));
    EXPECT_EQ(MaterialKind::business_card, parse_material_kind("名片"));
    for (auto m : {ReferralMethod::chain, ReferralMethod::key_person, ReferralMethod::cooperation,
                   ReferralMethod::event_guest, ReferralMethod::observation})
        EXPECT_EQ(m, parse_referral_method(to_string(m)));
    SB_EXPECT_ERROR(parse_referral_method("friend"), invalid_argument, "method",
                    "chain, key_person, cooperation, event_guest, observation");
}

TEST_F(ReferralsTest, TheFirstRegistrationIsCreditedLaterClaimsAreSecondary) {
    const auto c = customers(3);
    EXPECT_TRUE(refer(c[0], c[2]).credited);
    const Referral second = refer(c[1], c[2], ReferralMethod::event_guest);
    EXPECT_FALSE(second.credited);
    const CustomerReferrals of = referrals().of(c[2]);
    ASSERT_TRUE(of.referred_by);
    EXPECT_EQ(c[0], of.referred_by->referrer_id);
    ASSERT_EQ(1u, of.other_claims.size());
    EXPECT_EQ(c[1], of.other_claims[0].referrer_id);
    EXPECT_EQ(1u, referrals().of(c[0]).referred.size());
    EXPECT_EQ(1, raw().count("referrals", "credited = 1"));
    // The tree follows the credited referrer only; the circle holds every claim.
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[2]}}), ids(referrals().tree(c[0])));
    EXPECT_TRUE(referrals().tree(c[1]).generations.empty());
    const auto circles = referrals().circles();
    ASSERT_EQ(1u, circles.size());
    EXPECT_EQ(c, circles[0].members);
    EXPECT_EQ(2, circles[0].referrals);
}

TEST_F(ReferralsTest, EveryRuleRefusesBadInputAndWritesNothing) {
    const auto c = customers(4);
    const std::int64_t bj = customer("北京客户", "BJ");
    refer(c[0], c[1]);
    refer(c[1], c[2]);
    const std::int64_t removed = customer("已删除");
    archive_.customers().remove(removed);
    const std::int64_t old = customer("老客户");
    filed_on(old, "2025-03-01T02:00:00Z");
    const std::int64_t left = archive_.consultants().add({"XH", "离职", ""}).id;
    ConsultantUpdate leaves;
    leaves.active = false;
    archive_.consultants().update(left, leaves);
    const std::string before = dump();

    const auto bad = [&](NewReferral r, Status status, const std::string& field, const std::string& fragment) {
        SCOPED_TRACE(field + " / " + fragment);
        expect_error([&] { referrals().add(r); }, status, field, fragment);
        expect_error([&] { referrals().add_many({r}); }, status, "referrals[0]." + field, fragment);
        EXPECT_EQ(before, dump());
    };
    NewReferral base;
    base.referrer_id = c[0];
    base.referee_id = c[3];
    NewReferral r = base;
    r.referee_id = c[0];
    bad(r, Status::invalid_argument, "referee_id", "cannot refer themselves");
    r = base;
    r.referrer_id = c[2];
    r.referee_id = c[0];   // c0 → c1 → c2 → c0
    bad(r, Status::invalid_argument, "referee_id", "cycle");
    r.referrer_id = c[1];   // c0 → c1 → c0
    bad(r, Status::invalid_argument, "referee_id", "cycle");
    r = base;
    r.referee_id = c[1];   // the same pair twice
    {
        const auto e = expect_error([&] { referrals().add(r); }, Status::conflict, "referrer_id", "already on file");
        ASSERT_TRUE(e);
        EXPECT_EQ(raw().integer("SELECT id FROM referrals WHERE referee_id = " + std::to_string(c[1])), e->record_id());
    }
    r = base;
    r.referee_id = old;    // filed last year: not new
    bad(r, Status::invalid_argument, "date", "must be new to the site");
    r = base;
    r.date = today_in_china() + days(1);
    bad(r, Status::invalid_argument, "date", "in the future");
    r = base;
    r.referrer_id = 424242;
    bad(r, Status::not_found, "referrer_id", "no customer with id 424242");
    r = base;
    r.referee_id = removed;
    bad(r, Status::not_found, "referee_id", "no customer");
    r = base;
    r.referee_id = 0;
    bad(r, Status::invalid_argument, "referee_id", "customer id");
    r = base;
    r.materials = {{MaterialKind::brochure, 0}};
    bad(r, Status::invalid_argument, "materials.brochure", "between 1 and 10000");
    r.materials = {{MaterialKind::letter, 10001}};
    bad(r, Status::invalid_argument, "materials.letter", "between 1 and 10000");
    r.materials = {{MaterialKind::letter, 1}, {MaterialKind::letter, 2}};
    bad(r, Status::invalid_argument, "materials.letter", "twice");
    r = base;
    r.consultant_id = li_;
    bad(r, Status::invalid_argument, "consultant_id", "works at site BJ");
    r.consultant_id = left;
    bad(r, Status::invalid_state, "consultant_id", "no longer active");
    r.consultant_id = 9999;
    bad(r, Status::not_found, "consultant_id", "");
    r = base;
    r.note = std::string(501, 'x');
    bad(r, Status::invalid_argument, "note", "");
    r = base;
    r.note = "bad\x01";
    bad(r, Status::invalid_argument, "note", "");

    // A batch is all or nothing: the second claim's error names it, the first is not kept.
    NewReferral fine = base;
    NewReferral self = base;
    self.referee_id = c[3];
    self.referrer_id = c[3];
    SB_EXPECT_ERROR(referrals().add_many({fine, self}), invalid_argument, "referrals[1].referee_id", "themselves");
    EXPECT_EQ(before, dump());
    // A cycle inside the batch itself.
    NewReferral back = base;
    back.referrer_id = c[3];
    back.referee_id = c[0];
    SB_EXPECT_ERROR(referrals().add_many({fine, back}), invalid_argument, "referrals[1].referee_id", "cycle");
    EXPECT_EQ(before, dump());

    // Across sites a referral is fine: the referee's site is the referral's.
    NewReferral cross = base;
    cross.referee_id = bj;
    EXPECT_EQ("BJ", referrals().add(cross).site);
    // An older introduction date makes an old customer's referral acceptable.
    NewReferral dated = base;
    dated.referee_id = old;
    dated.date = d("2025-03-01");
    EXPECT_TRUE(referrals().add(dated).credited);
}

TEST_F(ReferralsTest, TheNewRuleUsesTheFilingDayInChina) {
    const auto c = customers(3);
    // Filed at 17:00 UTC on 1 March = 2 March, 01:00 in China: a referral dated 2 March is in time.
    filed_on(c[1], "2025-03-01T17:00:00Z");
    EXPECT_NO_THROW(refer(c[0], c[1], ReferralMethod::chain, d("2025-03-02")));
    filed_on(c[2], "2025-03-01T15:59:59Z");   // still 1 March in China
    SB_EXPECT_ERROR(refer(c[0], c[2], ReferralMethod::chain, d("2025-03-02")), invalid_argument, "date", "2025-03-01");
}

TEST_F(ReferralsTest, RemovingTheCreditedClaimCreditsTheNextOne) {
    const auto c = customers(4);
    const Referral first = refer(c[0], c[3]);
    const Referral second = refer(c[1], c[3]);
    refer(c[2], c[3]);
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[3]}}), ids(referrals().tree(c[0])));
    referrals().remove(first.id);
    EXPECT_TRUE(referrals().get(second.id).credited);
    EXPECT_EQ(1, raw().count("referrals", "credited = 1"));
    EXPECT_TRUE(referrals().tree(c[0]).generations.empty());   // the cached graph followed
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[3]}}), ids(referrals().tree(c[1])));
    SB_EXPECT_ERROR(referrals().remove(first.id), not_found, "referral_id", "no referral");
}

TEST_F(ReferralsTest, TheTreeListsGenerationsAndTheirDeals) {
    const auto c = customers(7);
    refer(c[0], c[1]);
    refer(c[0], c[2]);
    refer(c[1], c[3]);
    refer(c[1], c[4]);
    refer(c[4], c[5]);
    refer(c[6], c[5]);   // secondary: not in c6's tree
    deal(c[3], "1-1-101", "2025-05-01");
    deal(c[5], "1-1-102", "2025-04-01");
    deal(c[0], "1-1-103", "2025-03-01");   // the root's own deal is not among the descendants'
    const ReferralTree t = referrals().tree(c[0]);
    EXPECT_EQ(c[0], t.root);
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[1], c[2]}, {c[3], c[4]}, {c[5]}}), ids(t));
    EXPECT_EQ(5, t.descendants);
    ASSERT_EQ(2u, t.deals.size());
    EXPECT_EQ("1-1-102", t.deals[0].unit);   // by date
    EXPECT_EQ("1-1-101", t.deals[1].unit);
    EXPECT_EQ(c[1], t.generations[1][0].referrer_id);
    EXPECT_EQ(1, t.generations[1][0].deals);
    EXPECT_EQ(Stage::owner, t.generations[1][0].stage);
    EXPECT_EQ(3, t.generations[2][0].generation);
    EXPECT_EQ("客户6", t.generations[2][0].name);
    EXPECT_EQ(2u, referrals().tree(c[0], 2).generations.size());
    EXPECT_TRUE(referrals().tree(c[6]).generations.empty());
    SB_EXPECT_ERROR(referrals().tree(424242), not_found, "customer_id", "");
    SB_EXPECT_ERROR(referrals().tree(c[0], -1), invalid_argument, "max_generations", "");
}

TEST_F(ReferralsTest, AnotherHandleSeesNewReferralsAtOnce) {
    const auto c = customers(3);
    refer(c[0], c[1]);
    Archive other = Archive::open(path());
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[1]}}), ids(other.referrals().tree(c[0])));
    refer(c[1], c[2]);   // through the first handle: the other's cached graph is stale now
    EXPECT_EQ((std::vector<std::vector<std::int64_t>>{{c[1]}, {c[2]}}), ids(other.referrals().tree(c[0])));
    EXPECT_EQ(3u, other.referrals().pagerank().size());
}

} // namespace
