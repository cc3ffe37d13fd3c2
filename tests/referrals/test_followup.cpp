// Key persons, cooperation and chain introduction followed through: key-person candidates before they
// refer anyone (with their reasons and the approaches made, each one an entry of the contact log),
// cooperation introductions that the matcher learns from, and material handed out before the person
// is on file, matched when they are filed.
#include "snowball/contacts.hpp"
#include "snowball/profiles.hpp"

#include "referrals/matching.hpp"
#include "referrals_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace snowball::detail {
std::optional<std::string> partial_mobile(std::string_view raw, const std::string& field);
bool fits(const std::string& pattern, const std::string& number);
}

namespace {

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

bool has_reason(const KeyPersonCandidate& k, const std::string& code) {
    return std::any_of(k.reasons.begin(), k.reasons.end(), [&](const CandidateReason& r) { return r.code == code; });
}

const KeyPersonCandidate* find(const std::vector<KeyPersonCandidate>& list, std::int64_t id) {
    for (const auto& k : list)
        if (k.customer_id == id) return &k;
    return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Pure parts

TEST(Learning, TheFactorMovesWithWhatIntroductionsCameTo) {
    EXPECT_DOUBLE_EQ(1.0, detail::learned_factor({0, 0}));
    EXPECT_DOUBLE_EQ(4.0 / 3.0, detail::learned_factor({1, 0}));
    EXPECT_DOUBLE_EQ(2.0 / 3.0, detail::learned_factor({0, 1}));
    EXPECT_DOUBLE_EQ(1.0, detail::learned_factor({2, 2}));
    EXPECT_DOUBLE_EQ(1.6, detail::learned_factor({3, 0}));
    EXPECT_LT(detail::learned_factor({0, 10}), detail::learned_factor({0, 1}));
    const std::vector<AffinityRule> rules{{"finance", "real_estate", 1.0, "a"}, {"home", "real_estate", 0.5, "b"}};
    const auto learned = detail::learned_rules(rules, {{{"finance", "real_estate"}, {0, 1}}, {{"home", "real_estate"}, {1, 0}}});
    EXPECT_DOUBLE_EQ(2.0 / 3.0, learned[0].weight);
    EXPECT_DOUBLE_EQ(0.5 * 4.0 / 3.0, learned[1].weight);
    // The pair unordered: (real_estate, home) is the same pair.
    EXPECT_DOUBLE_EQ(0.5 * 4.0 / 3.0, detail::learned_rules(rules, {{{"home", "real_estate"}, {1, 0}}})[1].weight);
}

TEST(Learning, AnExcludedPairIsNotProposedButTheNextOneIs) {
    const std::vector<detail::Candidate> c{{1, "finance", 1, -1}, {2, "real_estate", 1.5, -1}, {3, "real_estate", 1, -1}};
    const std::vector<AffinityRule> rules{{"finance", "real_estate", 1.0, "r"}};
    auto all = detail::match_pairs(c, rules, 5);
    ASSERT_EQ(2u, all.size());
    EXPECT_EQ(1u, all[0].b);   // customer 2, the owner
    auto rest = detail::match_pairs(c, rules, 5, {{1, 2}});
    ASSERT_EQ(1u, rest.size());
    EXPECT_EQ(2u, rest[0].b);  // customer 3
}

TEST(PartialPhones, VisibleDigitsAndMasks) {
    EXPECT_EQ("138****8000", detail::partial_mobile("138****8000", "phone"));
    EXPECT_EQ("138****8000", detail::partial_mobile("+86 138-xxxx-8000", "phone"));
    EXPECT_EQ("138****8000", detail::partial_mobile("１３８＊＊＊＊８０００", "phone"));
    EXPECT_EQ(std::nullopt, detail::partial_mobile("13800138000", "phone"));   // a full number: not partial
    SB_EXPECT_ERROR(detail::partial_mobile("13*****8000", "phone"), invalid_argument, "phone", "at least 7 digits");
    SB_EXPECT_ERROR(detail::partial_mobile("138****800", "phone"), invalid_argument, "phone", "11 places");
    SB_EXPECT_ERROR(detail::partial_mobile("238****8000", "phone"), invalid_argument, "phone", "");
    EXPECT_TRUE(detail::fits("138****8000", "13812348000"));
    EXPECT_FALSE(detail::fits("138****8000", "13812348001"));
    EXPECT_FALSE(detail::fits("138****8000", "057188886666"));
}

// ---------------------------------------------------------------------------------------------
// Key-person candidates and approaches

class FollowUpTest : public ReferralsTest {
protected:
    std::int64_t with_mobile(const std::string& name, const std::string& mobile, const std::string& site = "XH") {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.mobile = mobile;
        c.consultant_id = site == "XH" ? wang_ : li_;
        return archive_.customers().add(c).id;
    }
};

TEST_F(FollowUpTest, CandidatesAreScoredFromTheProfileWithReasons) {
    const std::int64_t chair = customer("陈会长"), social = customer("林社交"), plain = customer("周平常"),
                       referrer = customer("吴介绍"), fan = customer("粉丝甲"), fan2 = customer("粉丝乙");
    auto& p = archive_.profiles();
    p.set_text(chair, {{"social_organisations", "台商协会副会长、扶轮社"}, {"position", "董事长"}}, wang_);
    p.set(social, {{"sociability", std::string("very_keen")}, {"position", std::string("职员")}});
    p.set_text(referrer, {{"social_organisations", "商会"}, {"position", "总经理"}}, wang_);
    p.set_text(fan, {{"admired_person", "陈会长"}}, wang_);
    p.set_text(fan2, {{"admired_person", " 陈会长 "}}, wang_);
    refer(referrer, plain);   // referred someone already: a key person, no longer a candidate

    const auto list = referrals().key_person_candidates({"XH", 20, false});
    ASSERT_FALSE(list.empty());
    EXPECT_EQ(nullptr, find(list, referrer));
    EXPECT_EQ(nullptr, find(list, fan));   // nothing in their profile speaks of standing
    // 陈会长: 2 organisations (4) + an office in one (2) + 董事长 (3) + admired by 2 (4) = 13.
    const KeyPersonCandidate* c = find(list, chair);
    ASSERT_NE(nullptr, c);
    EXPECT_EQ(chair, list[0].customer_id);
    EXPECT_DOUBLE_EQ(13, c->score);
    EXPECT_EQ(2, c->admired_by);
    for (const char* code : {"social_organisations", "leads_organisation", "position", "admired_by"})
        EXPECT_TRUE(has_reason(*c, code)) << code;
    EXPECT_FALSE(has_reason(*c, "standing"));
    double sum = 0;
    for (const auto& r : c->reasons) sum += r.points;
    EXPECT_DOUBLE_EQ(c->score, sum);
    // 林社交: very keen (3) + a position that is not senior (1).
    const KeyPersonCandidate* s = find(list, social);
    ASSERT_NE(nullptr, s);
    EXPECT_DOUBLE_EQ(4, s->score);
    // 周平常 was referred: in a circle of 2 (0.5).
    const KeyPersonCandidate* q = find(list, plain);
    ASSERT_NE(nullptr, q);
    EXPECT_EQ(2, q->circle_size);
    EXPECT_DOUBLE_EQ(0.5, q->score);
    for (std::size_t i = 1; i < list.size(); ++i) EXPECT_GE(list[i - 1].score, list[i].score);

    // An owner and VIP stands higher: (4) × 1.75.
    deal(social, "8-801", "2025-03-01");
    CustomerUpdate vip;
    vip.tier = Tier::vip;
    archive_.customers().update(social, vip);
    const auto again = referrals().key_person_candidates({"XH", 20, false});
    const KeyPersonCandidate* s2 = find(again, social);
    ASSERT_NE(nullptr, s2);
    EXPECT_DOUBLE_EQ(7, s2->score);
    EXPECT_TRUE(has_reason(*s2, "standing"));
    const auto owners = referrals().key_person_candidates({"XH", 20, true});
    ASSERT_EQ(1u, owners.size());
    EXPECT_EQ(social, owners[0].customer_id);
    EXPECT_EQ(1u, referrals().key_person_candidates({"XH", 1, false}).size());

    // Family members on file count too.
    NewFamilyMember wife;
    wife.relation = Relation::spouse;
    wife.name = "周太太";
    archive_.family().add(plain, wife);
    EXPECT_DOUBLE_EQ(1.0, find(referrals().key_person_candidates({"XH", 20, false}), plain)->score);

    SB_EXPECT_ERROR(referrals().key_person_candidates({"", 20, false}), invalid_argument, "site", "");
    SB_EXPECT_ERROR(referrals().key_person_candidates({"ZZ", 20, false}), not_found, "site", "");
    SB_EXPECT_ERROR(referrals().key_person_candidates({"XH", 0, false}), invalid_argument, "limit", "");
}

TEST_F(FollowUpTest, AnApproachIsRecordedWithItsContactLogEntry) {
    const std::int64_t chair = customer("陈会长");
    archive_.profiles().set_text(chair, {{"position", "董事长"}}, wang_);
    NewApproach a;
    a.customer_id = chair;
    a.date = today_in_china() - days(2);
    a.channel = ApproachChannel::home_visit;
    a.outcome = ApproachOutcome::interested;
    a.note = "约下周茶叙";
    const Approach made = referrals().approach(a);
    EXPECT_EQ(chair, made.customer_id);
    EXPECT_EQ("XH", made.site);
    EXPECT_EQ(wang_, made.consultant_id);   // the customer's consultant by default
    EXPECT_EQ(ApproachOutcome::interested, made.outcome);
    ASSERT_TRUE(made.contact_id);
    const ContactEntry entry = archive_.contacts().get(*made.contact_id);
    EXPECT_EQ(chair, entry.customer_id);
    EXPECT_EQ(ContactChannel::home_visit, entry.channel);
    EXPECT_EQ("reached", entry.outcome);
    EXPECT_NE(std::string::npos, entry.note.find("约下周茶叙"));
    EXPECT_NE(std::string::npos, entry.note.find("有兴趣"));

    NewApproach b;
    b.customer_id = chair;
    b.outcome = ApproachOutcome::no_answer;
    const Approach second = referrals().approach(b);
    EXPECT_EQ("no_answer", archive_.contacts().get(*second.contact_id).outcome);
    const auto all = referrals().approaches(chair);
    ASSERT_EQ(2u, all.size());
    EXPECT_EQ(made.id, all[0].id);   // by date
    const auto list = referrals().key_person_candidates({"XH", 5, false});
    ASSERT_EQ(1u, list.size());
    ASSERT_EQ(2u, list[0].approaches.size());
    EXPECT_EQ(second.id, list[0].approaches[1].id);

    NewApproach bad = a;
    bad.date = today_in_china() + days(1);
    expect_rejected([&] { referrals().approach(bad); }, Status::invalid_argument, "date", "future");
    bad = a;
    bad.customer_id = 9999;
    expect_rejected([&] { referrals().approach(bad); }, Status::not_found, "customer_id");
    bad = a;
    bad.customer_id = 0;
    expect_rejected([&] { referrals().approach(bad); }, Status::invalid_argument, "customer_id");
    bad = a;
    bad.consultant_id = li_;   // works at BJ
    expect_rejected([&] { referrals().approach(bad); }, Status::invalid_argument, "consultant_id", "BJ");
    bad = a;
    bad.note = std::string(501, 'x');
    expect_rejected([&] { referrals().approach(bad); }, Status::invalid_argument, "note");
    SB_EXPECT_ERROR(referrals().approaches(9999), not_found, "customer_id", "");
}

// ---------------------------------------------------------------------------------------------
// Cooperation introductions and learning

TEST_F(FollowUpTest, IntroductionsAreRecordedOnceAndFollowedUp) {
    const std::int64_t banker = customer("王银行"), agent = customer("赵地产"), other = customer("北京客户", "BJ");
    archive_.profiles().set(banker, {{"company", std::string("招商银行")}});
    archive_.profiles().set(agent, {{"company", std::string("链家地产")}});
    NewIntroduction n;
    n.a_id = agent;   // the larger id first: stored the other way round
    n.b_id = banker;
    n.consultant_id = wang_;
    n.note = "茶叙";
    const Introduction i = referrals().introduce(n);
    EXPECT_EQ(banker, i.a_id);
    EXPECT_EQ("finance", i.a_industry);
    EXPECT_EQ(agent, i.b_id);
    EXPECT_EQ("real_estate", i.b_industry);
    EXPECT_EQ(IntroductionOutcome::pending, i.outcome);
    EXPECT_FALSE(i.outcome_date);

    NewIntroduction again;
    again.a_id = banker;
    again.b_id = agent;
    auto e = expect_rejected([&] { referrals().introduce(again); }, Status::conflict, "b_id", "introduction");
    ASSERT_TRUE(e);
    EXPECT_EQ(i.id, e->record_id());
    again.b_id = banker;
    expect_rejected([&] { referrals().introduce(again); }, Status::invalid_argument, "b_id", "themselves");
    again.b_id = other;
    expect_rejected([&] { referrals().introduce(again); }, Status::invalid_argument, "b_id", "one site");
    again.b_id = 9999;
    expect_rejected([&] { referrals().introduce(again); }, Status::not_found, "b_id");
    again.b_id = agent;
    again.date = today_in_china() + days(1);
    expect_rejected([&] { referrals().introduce(again); }, Status::invalid_argument, "date", "future");

    IntroductionUpdate u;
    u.outcome = IntroductionOutcome::worked;
    u.by = wang_;
    u.note = "已合作一单按揭";
    const Introduction done = referrals().set_introduction_outcome(i.id, u);
    EXPECT_EQ(IntroductionOutcome::worked, done.outcome);
    EXPECT_EQ(today_in_china(), done.outcome_date);
    EXPECT_EQ(wang_, done.outcome_by);
    EXPECT_EQ("已合作一单按揭", done.note);
    u.note.clear();
    u.outcome = IntroductionOutcome::no_result;   // corrected later; the note stays
    EXPECT_EQ("已合作一单按揭", referrals().set_introduction_outcome(i.id, u).note);
    u.date = i.date - days(1);
    expect_rejected([&] { referrals().set_introduction_outcome(i.id, u); }, Status::invalid_argument, "date", "before");
    u.date.reset();
    u.by = li_;
    expect_rejected([&] { referrals().set_introduction_outcome(i.id, u); }, Status::invalid_argument, "by");
    SB_EXPECT_ERROR(referrals().set_introduction_outcome(9999, IntroductionUpdate{}), not_found, "introduction_id", "");

    IntroductionQuery q;
    q.site = "XH";
    EXPECT_EQ(1, referrals().introductions(q).total);
    q.outcome = IntroductionOutcome::worked;
    EXPECT_EQ(0, referrals().introductions(q).total);
    q.outcome = IntroductionOutcome::no_result;
    q.customer_id = agent;
    EXPECT_EQ(1, referrals().introductions(q).total);
    q.site = "";
    SB_EXPECT_ERROR(referrals().introductions(q), invalid_argument, "site", "");
}

TEST_F(FollowUpTest, TheMatcherLearnsWhichPairsWorkedAndDoesNotProposeAPairTwice) {
    // Two bankers, two agents, two decorators; finance–real estate (1.0) and home–real estate (1.0).
    const std::int64_t bank1 = customer("银行甲"), bank2 = customer("银行乙"), agent1 = customer("地产甲"),
                       agent2 = customer("地产乙"), deco1 = customer("装修甲"), deco2 = customer("装修乙");
    auto& p = archive_.profiles();
    for (auto [id, company] : {std::pair{bank1, "工商银行"}, std::pair{bank2, "建设银行"}, std::pair{agent1, "链家地产"},
                               std::pair{agent2, "万科地产"}, std::pair{deco1, "东易日盛装饰"}, std::pair{deco2, "业之峰装饰"}})
        p.set(id, {{"company", std::string(company)}});
    const auto score_of = [&](std::int64_t a, std::int64_t b) -> std::optional<double> {
        for (const auto& pair : referrals().cooperation_pairs("XH", 50))
            if (std::minmax(pair.a.customer_id, pair.b.customer_id) == std::minmax(a, b)) return pair.score;
        return std::nullopt;
    };
    ASSERT_EQ(1.0, score_of(bank2, agent2));
    ASSERT_EQ(1.0, score_of(deco2, agent2));

    // A banker and an agent introduced, and it worked; a decorator and an agent, without result.
    NewIntroduction n;
    n.a_id = bank1;
    n.b_id = agent1;
    IntroductionUpdate worked;
    worked.outcome = IntroductionOutcome::worked;
    referrals().set_introduction_outcome(referrals().introduce(n).id, worked);
    n.a_id = deco1;
    IntroductionUpdate failed;
    failed.outcome = IntroductionOutcome::no_result;
    referrals().set_introduction_outcome(referrals().introduce(n).id, failed);

    EXPECT_EQ(std::nullopt, score_of(bank1, agent1));   // introduced: not proposed again
    EXPECT_EQ(std::nullopt, score_of(deco1, agent1));
    EXPECT_DOUBLE_EQ(4.0 / 3.0, *score_of(bank2, agent2));   // finance–real estate worked: higher
    EXPECT_DOUBLE_EQ(2.0 / 3.0, *score_of(deco2, agent2));   // home–real estate did not: lower
    const auto pairs = referrals().cooperation_pairs("XH", 50);
    ASSERT_FALSE(pairs.empty());
    EXPECT_EQ(1, pairs[0].worked);
    EXPECT_EQ(0, pairs[0].no_result);
    EXPECT_DOUBLE_EQ(4.0 / 3.0, pairs[0].learned);
    EXPECT_DOUBLE_EQ(1.0, pairs[0].weight);   // the rule's own weight
    EXPECT_NE(std::string::npos, pairs[0].explanation.find("1 次有成效"));
    for (std::size_t i = 1; i < pairs.size(); ++i) EXPECT_GE(pairs[i - 1].score, pairs[i].score);

    // A pending introduction teaches nothing.
    n.a_id = bank2;
    n.b_id = deco2;
    referrals().introduce(n);
    EXPECT_DOUBLE_EQ(4.0 / 3.0, *score_of(bank2, agent2));
}

// ---------------------------------------------------------------------------------------------
// Material handed out

TEST_F(FollowUpTest, MaterialIsMatchedWhenThePersonIsFiled) {
    const std::int64_t owner = customer("老业主");
    NewHandout h;
    h.site = "XH";
    h.kind = MaterialKind::brochure;
    h.count = 2;
    h.name = "新朋友";
    h.phone = "139-1234-5678";
    h.referrer_id = owner;
    const Handout full = referrals().hand_out(h);
    EXPECT_EQ("13912345678", full.phone);
    EXPECT_FALSE(full.partial_phone);
    EXPECT_FALSE(full.customer_id);
    EXPECT_EQ("老业主", full.referrer_name);
    h.phone = "137****5678";
    h.referrer_id.reset();
    h.consultant_id = wang_;
    h.kind = MaterialKind::business_card;
    const Handout partial = referrals().hand_out(h);
    EXPECT_TRUE(partial.partial_phone);
    EXPECT_EQ("137****5678", partial.phone);
    h.phone.clear();
    h.name = "只有名字";
    const Handout nameless = referrals().hand_out(h);
    HandoutQuery q;
    q.site = "XH";
    q.matched = false;
    EXPECT_EQ(3, referrals().handouts(q).total);

    // The new customer arrives: the full phone matches, through the referring owner.
    const std::int64_t friend_id = with_mobile("新朋友", "13912345678");
    const Handout matched = referrals().handout(full.id);
    EXPECT_EQ(friend_id, matched.customer_id);
    EXPECT_EQ("新朋友", matched.customer_name);
    EXPECT_FALSE(matched.matched_at.empty());
    EXPECT_TRUE(matched.referral_suggested);   // suggested, not assumed
    EXPECT_TRUE(referrals().of(friend_id).referred_by == std::nullopt);
    const Referral r = refer(owner, friend_id);
    const Handout after = referrals().handout(full.id);
    EXPECT_FALSE(after.referral_suggested);
    EXPECT_EQ(r.id, after.referral_id);

    // A partial phone: its visible digits; a customer filed in a batch.
    NewCustomer a, b;
    a.site = b.site = "XH";
    a.channel = b.channel = Channel::call;
    a.name = "路人";
    a.mobile = "13700005679";   // does not fit
    b.name = "名片客户";
    b.mobile = "13799995678";
    const auto filed = archive_.customers().add_many({a, b});
    EXPECT_EQ(filed[1].id, referrals().handout(partial.id).customer_id);
    EXPECT_FALSE(referrals().handout(partial.id).referral_suggested);   // a consultant's card
    EXPECT_FALSE(referrals().handout(nameless.id).customer_id);
    EXPECT_EQ(1, referrals().handouts(q).total);
    q.matched = true;
    EXPECT_EQ(2, referrals().handouts(q).total);
    q.matched.reset();
    q.referrer_id = owner;
    EXPECT_EQ(1, referrals().handouts(q).total);

    // A full phone on file already: matched at once.
    h.name.clear();
    h.phone = "+86 137 9999 5678";
    EXPECT_EQ(filed[1].id, referrals().hand_out(h).customer_id);
}

TEST_F(FollowUpTest, HandingOutRefusesBadInput) {
    const std::int64_t bj_owner = customer("北京业主", "BJ");
    NewHandout h;
    h.site = "XH";
    h.name = "某人";
    h.consultant_id = wang_;
    NewHandout bad = h;
    bad.name.clear();
    expect_rejected([&] { referrals().hand_out(bad); }, Status::invalid_argument, "name", "to whom");
    bad = h;
    bad.consultant_id.reset();
    expect_rejected([&] { referrals().hand_out(bad); }, Status::invalid_argument, "consultant_id", "who handed");
    bad = h;
    bad.phone = "12345";
    expect_rejected([&] { referrals().hand_out(bad); }, Status::invalid_argument, "phone");
    bad.phone = "1**********";
    expect_rejected([&] { referrals().hand_out(bad); }, Status::invalid_argument, "phone", "at least 7");
    bad = h;
    bad.count = 0;
    expect_rejected([&] { referrals().hand_out(bad); }, Status::invalid_argument, "count");
    bad = h;
    bad.site = "ZZ";
    expect_rejected([&] { referrals().hand_out(bad); }, Status::not_found, "site");
    bad = h;
    bad.consultant_id = li_;
    expect_rejected([&] { referrals().hand_out(bad); }, Status::invalid_argument, "consultant_id", "BJ");
    bad = h;
    bad.referrer_id = bj_owner;
    expect_rejected([&] { referrals().hand_out(bad); }, Status::invalid_argument, "referrer_id", "BJ");
    bad = h;
    bad.date = today_in_china() + days(1);
    expect_rejected([&] { referrals().hand_out(bad); }, Status::invalid_argument, "date", "future");
    SB_EXPECT_ERROR(referrals().handout(9999), not_found, "handout_id", "");
    HandoutQuery q;
    SB_EXPECT_ERROR(referrals().handouts(q), invalid_argument, "site", "");
}

} // namespace
