// The referral graph through the C API: every function's happy path, with the JSON documents and
// keys capi/include/snowball/referrals.h and docs/C_API.md promise.
#include "capi_support.hpp"
#include "documents.hpp"

#include <cmath>
#include <set>
#include <string>

namespace {

using capi_test::ArchiveTest;
using capi_test::json;
using capi_test::Out;

// The keys of an object, exactly.
constexpr auto& keys = capi_test::keys_of;

class ReferralApi : public ArchiveTest {
protected:
    std::int64_t customer(const char* name, const char* site = "XH", const char* first_contact = nullptr) {
        json doc = {{"site", site}, {"channel", "visit"}, {"name", name}};
        if (first_contact) doc["first_contact"] = first_contact;
        return add_customer(doc)["id"].get<std::int64_t>();
    }
    json add(std::int64_t referrer, std::int64_t referee, const char* method = "chain", const json& extra = json::object()) {
        json doc = {{"referrer_id", referrer}, {"referee_id", referee}, {"method", method}};
        doc.update(extra);
        return ok([&](char** out) { return snowball_referral_add(out, archive_, doc.dump().c_str()); });
    }
    std::int64_t deal(std::int64_t customer_id, const std::string& unit) {
        const std::string doc = R"({"unit": ")" + unit + R"(", "area": 88, "price": 1800000})";
        return ok([&](char** out) { return snowball_deal_record(out, archive_, customer_id, doc.c_str()); })["id"].get<std::int64_t>();
    }
};

TEST_F(ReferralApi, ReferralsRoundTrip) {
    const std::int64_t zhang = customer("张伟"), li = customer("李娜"), wang = customer("王强"), zhao = customer("赵敏");
    const json r = add(zhang, li, "连锁介绍",
                       {{"materials", {{"brochure", 3}, {"business_card", 1}}}, {"note", "转交楼书"}, {"consultant_id", xh_consultant_}});
    EXPECT_EQ((std::set<std::string>{"id", "site", "referrer_id", "referrer_name", "referrer_archive_no", "referee_id",
                                      "referee_name", "referee_archive_no", "method", "date", "credited", "materials",
                                      "consultant_id", "note", "recorded_at"}),
              keys(r));
    EXPECT_EQ("chain", r["method"]);
    EXPECT_EQ("XH", r["site"]);
    EXPECT_EQ("张伟", r["referrer_name"]);
    EXPECT_EQ("李娜", r["referee_name"]);
    EXPECT_TRUE(r["credited"].get<bool>());
    EXPECT_EQ((json{{"brochure", 3}, {"business_card", 1}}), r["materials"]);
    EXPECT_EQ(xh_consultant_, r["consultant_id"]);
    const std::int64_t id = r["id"].get<std::int64_t>();
    EXPECT_EQ(r, ok([&](char** out) { return snowball_referral_get(out, archive_, id); }));

    const std::string batch = json::array({{{"referrer_id", li}, {"referee_id", wang}, {"method", "key_person"}},
                                           {{"referrer_id", zhao}, {"referee_id", li}, {"method", "event_guest"}}})
                                  .dump();
    const json many = ok([&](char** out) { return snowball_referral_add_many(out, archive_, batch.c_str()); });
    ASSERT_EQ(2u, many.size());
    EXPECT_TRUE(many[0]["credited"].get<bool>());
    EXPECT_FALSE(many[1]["credited"].get<bool>());   // li was introduced by zhang first

    const json page = ok([&](char** out) { return snowball_referral_list(out, archive_, R"({"credited_only": true})"); });
    EXPECT_EQ((std::set<std::string>{"items", "total"}), keys(page));
    EXPECT_EQ(2, page["total"]);
    EXPECT_EQ(1, ok([&](char** out) { return snowball_referral_list(out, archive_, R"({"method": "event_guest", "site": "XH"})"); })["total"]);

    const json of = ok([&](char** out) { return snowball_referral_of_customer(out, archive_, li); });
    EXPECT_EQ((std::set<std::string>{"customer_id", "referred_by", "other_claims", "referred"}), keys(of));
    EXPECT_EQ(zhang, of["referred_by"]["referrer_id"]);
    EXPECT_EQ(1u, of["other_claims"].size());
    EXPECT_EQ(1u, of["referred"].size());
    EXPECT_TRUE(ok([&](char** out) { return snowball_referral_of_customer(out, archive_, zhao); })["referred_by"].is_null());

    ASSERT_SB_OK(snowball_referral_remove(archive_, id));
    const json after = ok([&](char** out) { return snowball_referral_of_customer(out, archive_, li); });
    EXPECT_EQ(zhao, after["referred_by"]["referrer_id"]);   // the secondary claim is credited now

    // Without a method the core's default, chain.
    const std::int64_t sun = customer("孙丽");
    const std::string plain = json{{"referrer_id", wang}, {"referee_id", sun}}.dump();
    EXPECT_EQ("chain", ok([&](char** out) { return snowball_referral_add(out, archive_, plain.c_str()); })["method"]);
}

TEST_F(ReferralApi, TreeMetricsAndRankings) {
    const std::int64_t a = customer("甲"), b = customer("乙"), c = customer("丙"), d = customer("丁");
    add(a, b);
    add(a, c);
    add(b, d, "chain", {{"materials", {{"letter", 2}}}});
    deal(d, "2-201");

    const json tree = ok([&](char** out) { return snowball_referral_tree(out, archive_, a, 0); });
    EXPECT_EQ((std::set<std::string>{"root", "descendants", "generations", "deals"}), keys(tree));
    EXPECT_EQ(3, tree["descendants"]);
    ASSERT_EQ(2u, tree["generations"].size());
    EXPECT_EQ(b, tree["generations"][0][0]["customer_id"]);
    EXPECT_EQ(c, tree["generations"][0][1]["customer_id"]);
    EXPECT_EQ((std::set<std::string>{"customer_id", "referrer_id", "generation", "name", "archive_no", "site", "stage", "deals"}),
              keys(tree["generations"][1][0]));
    EXPECT_EQ("owner", tree["generations"][1][0]["stage"]);
    ASSERT_EQ(1u, tree["deals"].size());
    EXPECT_EQ("2-201", tree["deals"][0]["unit"]);
    EXPECT_EQ(1u, ok([&](char** out) { return snowball_referral_tree(out, archive_, a, 1); })["generations"].size());

    const json month = ok([&](char** out) {
        const std::string q = R"({"site": "XH", "from": ")" + tree["deals"][0]["date"].get<std::string>() + R"(", "to": ")" +
                              tree["deals"][0]["date"].get<std::string>() + R"("})";
        return snowball_referral_metrics(out, archive_, q.c_str());
    });
    ASSERT_EQ(1u, month.size());
    EXPECT_EQ((std::set<std::string>{"month", "new_customers", "deals", "referred_deals", "referral_share", "referrals",
                                     "secondary_claims", "referrers", "mean_chain_depth", "growth_factor", "materials"}),
              keys(month[0]));
    EXPECT_EQ(1, month[0]["deals"]);
    EXPECT_EQ(1, month[0]["referred_deals"]);
    EXPECT_DOUBLE_EQ(1.0, month[0]["referral_share"].get<double>());
    EXPECT_EQ(3, month[0]["referrals"]);
    EXPECT_EQ(2, month[0]["referrers"]);
    EXPECT_NEAR(4.0 / 3.0, month[0]["mean_chain_depth"].get<double>(), 1e-12);
    EXPECT_EQ(2, month[0]["materials"]["letter"]);
    EXPECT_EQ(4, month[0]["new_customers"]);

    // PageRank by hand-checkable facts: four nodes, ranks sum to 1, the root ranks first.
    const json ranks = ok([&](char** out) { return snowball_referral_pagerank(out, archive_, nullptr); });
    ASSERT_EQ(4u, ranks.size());
    double sum = 0;
    for (const json& pair : ranks) sum += pair[1].get<double>();
    EXPECT_NEAR(1.0, sum, 1e-12);
    EXPECT_EQ(a, ranks[0][0]);
    EXPECT_GT(ranks[0][1].get<double>(), ranks[1][1].get<double>());
    EXPECT_DOUBLE_EQ(ranks[2][1].get<double>(), ranks[3][1].get<double>());   // two leaves

    const json by_deals = ok([&](char** out) { return snowball_referral_key_persons(out, archive_, nullptr); });
    EXPECT_EQ((std::set<std::string>{"by", "exact", "nodes", "sources", "people"}), keys(by_deals));
    EXPECT_EQ("descendant_deals", by_deals["by"]);
    ASSERT_EQ(2u, by_deals["people"].size());
    EXPECT_EQ(b, by_deals["people"][0]["customer_id"]);   // d's deal: 1 for b, 0.5 for a
    EXPECT_DOUBLE_EQ(1.0, by_deals["people"][0]["score"].get<double>());
    EXPECT_DOUBLE_EQ(0.5, by_deals["people"][1]["score"].get<double>());
    EXPECT_EQ((std::set<std::string>{"customer_id", "score", "name", "archive_no", "site", "referees", "descendants",
                                     "descendant_deals"}),
              keys(by_deals["people"][0]));
    const json bridges = ok([&](char** out) {
        return snowball_referral_key_persons(out, archive_, R"({"by": "betweenness", "limit": 5, "site": "XH"})");
    });
    EXPECT_TRUE(bridges["exact"].get<bool>());
    ASSERT_EQ(2u, bridges["people"].size());
    EXPECT_EQ(a, bridges["people"][0]["customer_id"]);
    EXPECT_DOUBLE_EQ(2.0, bridges["people"][0]["score"].get<double>());   // a: {b,c}, {c,d}
    EXPECT_DOUBLE_EQ(2.0, bridges["people"][1]["score"].get<double>());   // b: {a,d}, {c,d}

    const json circles = ok([&](char** out) { return snowball_referral_circles(out, archive_, nullptr, 2); });
    ASSERT_EQ(1u, circles.size());
    EXPECT_EQ((std::set<std::string>{"id", "members", "referrals", "owners", "deals", "hub"}), keys(circles[0]));
    EXPECT_EQ(4u, circles[0]["members"].size());
    EXPECT_EQ(a, circles[0]["hub"]);
    EXPECT_EQ(1, circles[0]["owners"]);

    const json influence = ok([&](char** out) { return snowball_referral_influence(out, archive_, "XH"); });
    ASSERT_EQ(4u, influence.size());
    EXPECT_EQ((std::set<std::string>{"customer_id", "referrer_id", "generation", "referees", "descendants", "deals",
                                     "descendant_deals", "weighted_deals", "circle"}),
              keys(influence[0]));
    EXPECT_TRUE(influence[0]["referrer_id"].is_null());
    EXPECT_EQ(3, influence[0]["descendants"]);
    EXPECT_EQ(2, influence[3]["generation"]);
}

TEST_F(ReferralApi, ObservationCooperationAndIndustries) {
    const std::int64_t a = customer("常来", "XH", "2025-12-01"), banker = customer("银行"), agent = customer("中介");
    for (const char* day : {"2026-01-03", "2026-01-10", "2026-01-14"}) {
        const std::string v = R"({"date": ")" + std::string(day) + R"("})";
        ASSERT_SB_OK(snowball_visit_record(Out().ptr(), archive_, a, v.c_str()));
    }
    const json visitors = ok([&](char** out) {
        return snowball_referral_repeat_visitors(out, archive_, R"({"site": "XH", "since": "2026-01-01", "until": "2026-01-20"})");
    });
    ASSERT_EQ(1u, visitors.size());
    EXPECT_EQ((std::set<std::string>{"customer_id", "name", "archive_no", "mobile", "consultant_id", "tier", "stage",
                                     "visit_days", "last_visit", "days_since_last", "signal", "construction_site_days"}),
              keys(visitors[0]));
    EXPECT_EQ(a, visitors[0]["customer_id"]);
    EXPECT_EQ(3u, visitors[0]["visit_days"].size());
    EXPECT_EQ(6, visitors[0]["days_since_last"]);
    EXPECT_EQ((std::set<std::string>{"score", "frequency", "recency", "acceleration", "gap_trend"}), keys(visitors[0]["signal"]));
    EXPECT_NEAR(4.0 / 7.0, visitors[0]["signal"]["gap_trend"].get<double>(), 1e-12);

    ASSERT_SB_OK(snowball_profile_set(archive_, banker, R"({"company": "中国工商银行"})", 0));
    ASSERT_SB_OK(snowball_profile_set(archive_, agent, R"({"company": "链家地产", "position": "店长"})", 0));
    const json pairs = ok([&](char** out) { return snowball_referral_cooperation_pairs(out, archive_, "XH", 5); });
    ASSERT_EQ(1u, pairs.size());
    EXPECT_EQ((std::set<std::string>{"a", "b", "score", "weight", "reason", "explanation", "worked", "no_result", "learned"}), keys(pairs[0]));
    EXPECT_EQ((std::set<std::string>{"customer_id", "name", "archive_no", "industry", "company", "position", "matched_by",
                                     "owner", "tier"}),
              keys(pairs[0]["a"]));
    EXPECT_EQ(banker, pairs[0]["a"]["customer_id"]);
    EXPECT_EQ("real_estate", pairs[0]["b"]["industry"]);

    const json industries = ok([&](char** out) { return snowball_referral_industries(out); });
    EXPECT_GE(industries.size(), 10u);
    EXPECT_EQ((std::set<std::string>{"key", "name_zh", "name_en"}), keys(industries[0]));
    const json found = ok([&](char** out) { return snowball_referral_classify_industry(out, "中国建设银行", nullptr); });
    EXPECT_EQ((json{{"industry", "finance"}, {"keyword", "建设银行"}, {"source", "company"}}), found);
    // Nothing matched: the lookups' "nothing found", naming company.
    Out none;
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_referral_classify_industry(none.ptr(), nullptr, "自由职业"));
    EXPECT_STREQ("company", snowball_error_last()->field);
    EXPECT_EQ(nullptr, none.str());

    const json keys_doc = ok([&](char** out) { return snowball_referral_keys(out); });
    EXPECT_EQ((std::set<std::string>{"methods", "materials", "measures", "reward_kinds", "approach_channels", "approach_outcomes",
                                      "introduction_outcomes"}), keys(keys_doc));
    EXPECT_EQ((json{"chain", "key_person", "cooperation", "event_guest", "observation"}), keys_doc["methods"]);
    EXPECT_EQ((json{"brochure", "business_card", "letter", "invitation"}), keys_doc["materials"]);
    EXPECT_EQ((json{"descendant_deals", "pagerank", "betweenness"}), keys_doc["measures"]);
    EXPECT_EQ((json{"points", "property_fee", "cash"}), keys_doc["reward_kinds"]);
}

TEST_F(ReferralApi, SettingsAndTheRewardLedger) {
    const json defaults = ok([&](char** out) { return snowball_referral_settings(out, archive_, "XH"); });
    EXPECT_EQ((std::set<std::string>{"site", "affinities", "default_affinities", "reward"}), keys(defaults));
    EXPECT_TRUE(defaults["default_affinities"].get<bool>());
    EXPECT_EQ((std::set<std::string>{"a", "b", "weight", "reason"}), keys(defaults["affinities"][0]));
    EXPECT_EQ((std::set<std::string>{"enabled", "kind", "amount", "methods", "first_deal_only", "within_days", "note"}),
              keys(defaults["reward"]));
    EXPECT_FALSE(defaults["reward"]["enabled"].get<bool>());

    const json own = ok([&](char** out) {
        return snowball_referral_set_affinities(out, archive_, "XH", R"([{"a": "legal", "b": "home", "weight": 0.7, "reason": "装修合同"}])");
    });
    EXPECT_FALSE(own["default_affinities"].get<bool>());
    EXPECT_EQ(1u, own["affinities"].size());
    EXPECT_TRUE(ok([&](char** out) { return snowball_referral_set_affinities(out, archive_, "XH", "null"); })["default_affinities"].get<bool>());

    const json rule = ok([&](char** out) {
        return snowball_referral_set_reward_rule(out, archive_, "XH",
                                                 R"({"kind": "property_fee", "amount": 12, "methods": ["chain"], "note": "奖励一年物业费"})");
    });
    EXPECT_TRUE(rule["reward"]["enabled"].get<bool>());
    EXPECT_EQ("property_fee", rule["reward"]["kind"]);

    const std::int64_t old = customer("老业主"), fresh = customer("新客户"), other = customer("自来客");
    add(old, fresh);
    const std::int64_t d1 = deal(fresh, "8-801"), d2 = deal(other, "8-802");
    const json check = ok([&](char** out) { return snowball_reward_check(out, archive_, d1); });
    EXPECT_EQ((std::set<std::string>{"deal_id", "eligible", "reasons", "referee_id", "referral_id", "referrer_id", "kind",
                                     "amount", "entry_id"}),
              keys(check));
    EXPECT_TRUE(check["eligible"].get<bool>());
    EXPECT_EQ(old, check["referrer_id"]);
    const json no = ok([&](char** out) { return snowball_reward_check(out, archive_, d2); });
    EXPECT_FALSE(no["eligible"].get<bool>());
    EXPECT_EQ("no_credited_referral", no["reasons"][0]["code"]);
    EXPECT_EQ((std::set<std::string>{"code", "message"}), keys(no["reasons"][0]));

    const json settled = ok([&](char** out) { return snowball_reward_settle(out, archive_, "XH", xh_consultant_); });
    ASSERT_EQ(1u, settled.size());
    const json entry = settled[0];
    EXPECT_EQ((std::set<std::string>{"id", "site", "deal_id", "unit", "deal_date", "deal_cancelled", "referral_id",
                                     "referrer_id", "referrer_name", "referee_id", "referee_name", "kind", "amount",
                                     "status", "granted_at", "granted_by", "note", "revoked_at", "revoked_by",
                                     "revoke_reason"}),
              keys(entry));
    EXPECT_EQ(d1, entry["deal_id"]);
    EXPECT_EQ(12, entry["amount"]);
    EXPECT_EQ("granted", entry["status"]);
    EXPECT_TRUE(entry["revoked_at"].is_null());
    const std::int64_t entry_id = entry["id"].get<std::int64_t>();
    EXPECT_EQ(entry, ok([&](char** out) { return snowball_reward_get(out, archive_, entry_id); }));

    const json totals = ok([&](char** out) { return snowball_reward_totals(out, archive_, "XH"); });
    ASSERT_EQ(1u, totals.size());
    EXPECT_EQ((std::set<std::string>{"referrer_id", "name", "archive_no", "entries", "points", "property_fee_months", "cash"}),
              keys(totals[0]));
    EXPECT_EQ(12, totals[0]["property_fee_months"]);

    const json revoked = ok([&](char** out) { return snowball_reward_revoke(out, archive_, entry_id, "退房", xh_consultant_); });
    EXPECT_EQ("revoked", revoked["status"]);
    EXPECT_EQ("退房", revoked["revoke_reason"]);
    const json ledger = ok([&](char** out) { return snowball_reward_ledger(out, archive_, R"({"site": "XH"})"); });
    EXPECT_EQ(1, ledger["total"]);
    EXPECT_EQ(0, ok([&](char** out) { return snowball_reward_ledger(out, archive_, R"({"include_revoked": false})"); })["total"]);
    EXPECT_TRUE(ok([&](char** out) { return snowball_reward_totals(out, archive_, "XH"); }).empty());
    // Never twice for one deal: a second grant is a conflict.
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "deal_id", snowball_reward_grant(out, archive_, d1, 0, nullptr));
}

TEST_F(ReferralApi, KeyPersonsIntroductionsAndMaterialFollowedThrough) {
    const std::int64_t chair = customer("陈会长"), banker = customer("王银行"), agent = customer("赵地产");
    ASSERT_SB_OK(snowball_profile_set(archive_, chair, R"({"social_organisations": "台商协会会长", "position": "董事长"})", 0));
    ASSERT_SB_OK(snowball_profile_set(archive_, banker, R"({"company": "招商银行"})", 0));
    ASSERT_SB_OK(snowball_profile_set(archive_, agent, R"({"company": "链家地产"})", 0));

    const std::string approach = "{\"customer_id\": " + std::to_string(chair) +
                                 R"(, "channel": "上门拜访", "outcome": "interested", "note": "约茶叙"})";
    const json a = ok([&](char** out) { return snowball_referral_approach(out, archive_, approach.c_str()); });
    EXPECT_EQ((std::set<std::string>{"id", "customer_id", "site", "date", "consultant_id", "channel", "outcome", "note",
                                      "contact_id", "recorded_at"}),
              keys(a));
    EXPECT_EQ("home_visit", a["channel"]);
    EXPECT_TRUE(a["contact_id"].is_number_integer());
    EXPECT_EQ(json::array({a}), ok([&](char** out) { return snowball_referral_approaches(out, archive_, chair); }));
    const json candidates =
        ok([&](char** out) { return snowball_referral_key_person_candidates(out, archive_, R"({"site": "XH", "limit": 5})"); });
    ASSERT_FALSE(candidates.empty());
    EXPECT_EQ(chair, candidates[0]["customer_id"]);
    EXPECT_EQ((std::set<std::string>{"customer_id", "name", "archive_no", "stage", "tier", "consultant_id", "score", "reasons",
                                      "admired_by", "circle_size", "family_members", "approaches"}),
              keys(candidates[0]));
    EXPECT_EQ((std::set<std::string>{"code", "points", "message"}), keys(candidates[0]["reasons"][0]));
    EXPECT_EQ(json::array({a}), candidates[0]["approaches"]);

    const std::string pair = "{\"a_id\": " + std::to_string(agent) + ", \"b_id\": " + std::to_string(banker) + "}";
    const json i = ok([&](char** out) { return snowball_referral_introduce(out, archive_, pair.c_str()); });
    EXPECT_EQ((std::set<std::string>{"id", "site", "a_id", "a_name", "a_industry", "b_id", "b_name", "b_industry", "date",
                                      "consultant_id", "outcome", "outcome_date", "outcome_by", "note", "recorded_at"}),
              keys(i));
    EXPECT_EQ(banker, i["a_id"]);
    EXPECT_EQ("pending", i["outcome"]);
    EXPECT_TRUE(i["outcome_date"].is_null());
    const std::int64_t id = i["id"].get<std::int64_t>();
    const json done =
        ok([&](char** out) { return snowball_referral_introduction_outcome(out, archive_, id, R"({"outcome": "有成效"})"); });
    EXPECT_EQ("worked", done["outcome"]);
    EXPECT_EQ(done, ok([&](char** out) { return snowball_referral_introduction_get(out, archive_, id); }));
    const json page = ok([&](char** out) { return snowball_referral_introductions(out, archive_, R"({"site": "XH", "outcome": "worked"})"); });
    EXPECT_EQ(1, page["total"]);
    EXPECT_EQ(done, page["items"][0]);
    const json pairs = ok([&](char** out) { return snowball_referral_cooperation_pairs(out, archive_, "XH", 10); });
    for (const auto& p : pairs) EXPECT_FALSE(p["a"]["customer_id"] == banker && p["b"]["customer_id"] == agent);

    const std::string handout = R"({"site": "XH", "kind": "名片", "phone": "138****8000", "referrer_id": )" +
                                std::to_string(chair) + "}";
    const json h = ok([&](char** out) { return snowball_referral_hand_out(out, archive_, handout.c_str()); });
    EXPECT_EQ((std::set<std::string>{"id", "site", "kind", "count", "name", "phone", "partial_phone", "consultant_id",
                                      "referrer_id", "referrer_name", "date", "note", "customer_id", "customer_name",
                                      "customer_archive_no", "matched_at", "referral_id", "referral_suggested", "recorded_at"}),
              keys(h));
    EXPECT_EQ("business_card", h["kind"]);
    EXPECT_TRUE(h["partial_phone"].get<bool>());
    EXPECT_TRUE(h["matched_at"].is_null());
    const std::int64_t newcomer = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "新客"}, {"mobile", "13812348000"}})["id"]
                                      .get<std::int64_t>();
    const std::int64_t hid = h["id"].get<std::int64_t>();
    const json matched = ok([&](char** out) { return snowball_referral_handout_get(out, archive_, hid); });
    EXPECT_EQ(newcomer, matched["customer_id"]);
    EXPECT_TRUE(matched["referral_suggested"].get<bool>());
    const json listed = ok([&](char** out) { return snowball_referral_handouts(out, archive_, R"({"site": "XH", "matched": true})"); });
    EXPECT_EQ(1, listed["total"]);
    EXPECT_EQ(matched, listed["items"][0]);
}

} // namespace
