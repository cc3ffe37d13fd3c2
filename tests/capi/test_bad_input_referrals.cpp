// Every C function of the referral graph (capi/include/snowball/referrals.h) with NULL for each
// pointer parameter and with invalid arguments: the right negative status, the last error naming
// the field, the out-parameter NULL afterwards, and nothing written.
#include "capi_support.hpp"

#include <string>

namespace {

using capi_test::ArchiveTest;
using capi_test::json;
using capi_test::Out;

class ReferralInput : public ArchiveTest {
protected:
    void SetUp() override {
        ArchiveTest::SetUp();
        for (const char* name : {"张伟", "李娜", "王强", "赵敏"})
            ids_.push_back(add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", name}})["id"].get<std::int64_t>());
        bj_ = add_customer({{"site", "BJ"}, {"channel", "visit"}, {"name", "北京客户"}})["id"].get<std::int64_t>();
        referral_ = ok([&](char** out) { return snowball_referral_add(out, archive_, referral(ids_[0], ids_[1]).c_str()); })["id"]
                        .get<std::int64_t>();
        deal_ = ok([&](char** out) {
                    return snowball_deal_record(out, archive_, ids_[1], R"({"unit": "1-101", "area": 90, "price": 2000000})");
                })["id"].get<std::int64_t>();
    }

    static std::string referral(std::int64_t referrer, std::int64_t referee, const std::string& extra = {}) {
        return "{\"referrer_id\": " + std::to_string(referrer) + ", \"referee_id\": " + std::to_string(referee) +
               ", \"method\": \"chain\"" + extra + "}";
    }

    // Everything the referral service stores, as the C API shows it.
    json state() {
        json s;
        s["referrals"] = ok([&](char** out) { return snowball_referral_list(out, archive_, nullptr); });
        s["ledger"] = ok([&](char** out) { return snowball_reward_ledger(out, archive_, nullptr); });
        s["settings"] = ok([&](char** out) { return snowball_referral_settings(out, archive_, "XH"); });
        return s;
    }

    std::vector<std::int64_t> ids_;
    std::int64_t bj_ = 0;
    std::int64_t referral_ = 0;
    std::int64_t deal_ = 0;
};

TEST_F(ReferralInput, Add) {
    const json before = state();
    const std::string good = referral(ids_[0], ids_[2]);
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_add(nullptr, archive_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_add(out, nullptr, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referral_json", snowball_referral_add(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referral_json", snowball_referral_add(out, archive_, "{\"referrer_id\": "));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referral_json", snowball_referral_add(out, archive_, "[1, 2]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referer_id",
                 snowball_referral_add(out, archive_, R"({"referer_id": 1, "referee_id": 2, "method": "chain"})"));
    const auto add = [&](char** o, const std::string& doc) { return snowball_referral_add(o, archive_, doc.c_str()); };
    EXPECT_FAILS(SNOWBALL_EINVALID, "referrer_id", add(out, R"({"referee_id": 2, "method": "chain"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referrer_id", add(out, R"({"referrer_id": "1", "referee_id": 2, "method": "chain"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referee_id", add(out, "{\"referrer_id\": " + std::to_string(ids_[0]) + ", \"method\": \"chain\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "method",
                 add(out, "{\"referrer_id\": " + std::to_string(ids_[0]) + ", \"referee_id\": " + std::to_string(ids_[2]) +
                              ", \"method\": \"friend\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "method",
                 add(out, "{\"referrer_id\": " + std::to_string(ids_[0]) + ", \"referee_id\": " + std::to_string(ids_[2]) +
                              ", \"method\": 7}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", add(out, referral(ids_[0], ids_[2], ", \"date\": \"2026-02-30\"")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", add(out, referral(ids_[0], ids_[2], ", \"date\": \"2999-01-01\"")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "materials", add(out, referral(ids_[0], ids_[2], ", \"materials\": [\"brochure\"]")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "materials.flyer", add(out, referral(ids_[0], ids_[2], ", \"materials\": {\"flyer\": 2}")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "materials.brochure", add(out, referral(ids_[0], ids_[2], ", \"materials\": {\"brochure\": \"3\"}")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "materials.brochure", add(out, referral(ids_[0], ids_[2], ", \"materials\": {\"brochure\": 0}")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "materials.letter", add(out, referral(ids_[0], ids_[2], ", \"materials\": {\"letter\": 10001}")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", add(out, referral(ids_[0], ids_[2], ", \"note\": \"\\u0001\"")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referee_id", add(out, referral(ids_[2], ids_[2])));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referee_id", add(out, referral(ids_[1], ids_[0])));   // a cycle
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "referrer_id", add(out, referral(ids_[0], ids_[1])));
    EXPECT_EQ(referral_, snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "referrer_id", add(out, referral(424242, ids_[2])));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "referee_id", add(out, referral(ids_[0], 424242)));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id",
                 add(out, referral(ids_[0], ids_[2], ", \"consultant_id\": " + std::to_string(bj_consultant_))));
    EXPECT_FAILS(SNOWBALL_ESTATE, "consultant_id",
                 add(out, referral(ids_[0], ids_[2], ", \"consultant_id\": " + std::to_string(left_consultant_))));
    EXPECT_EQ(before, state());
}

TEST_F(ReferralInput, AddMany) {
    const json before = state();
    const std::string good = "[" + referral(ids_[0], ids_[2]) + "]";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_add_many(nullptr, archive_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_add_many(out, nullptr, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referrals_json", snowball_referral_add_many(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referrals_json", snowball_referral_add_many(out, archive_, "[{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referrals_json", snowball_referral_add_many(out, archive_, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referrals[0]", snowball_referral_add_many(out, archive_, "[7]"));
    const std::string second_bad = "[" + referral(ids_[0], ids_[2]) + ", " + referral(ids_[3], ids_[3]) + "]";
    EXPECT_FAILS(SNOWBALL_EINVALID, "referrals[1].referee_id", snowball_referral_add_many(out, archive_, second_bad.c_str()));
    const std::string typo = "[" + referral(ids_[0], ids_[2]) + ", {\"referrer\": 1}]";
    EXPECT_FAILS(SNOWBALL_EINVALID, "referrals[1].referrer", snowball_referral_add_many(out, archive_, typo.c_str()));
    EXPECT_EQ(before, state());
}

TEST_F(ReferralInput, GetListOfCustomerRemove) {
    const json before = state();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_get(nullptr, archive_, referral_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_get(out, nullptr, referral_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "referral_id", snowball_referral_get(out, archive_, 424242));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_list(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_list(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_referral_list(out, archive_, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_referral_list(out, archive_, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "sites", snowball_referral_list(out, archive_, R"({"sites": "XH"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_list(out, archive_, R"({"site": "NOPE"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "method", snowball_referral_list(out, archive_, R"({"method": "friend"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_referral_list(out, archive_, R"({"from": "2026-13-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_referral_list(out, archive_, R"({"from": "2026-03-01", "to": "2026-02-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_referral_list(out, archive_, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_referral_list(out, archive_, R"({"limit": 4294967296})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", snowball_referral_list(out, archive_, R"({"offset": -1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "credited_only", snowball_referral_list(out, archive_, R"({"credited_only": 1})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_of_customer(nullptr, archive_, ids_[0]));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_of_customer(out, nullptr, ids_[0]));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_referral_of_customer(out, archive_, 424242));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_referral_remove(nullptr, referral_));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "referral_id", snowball_referral_remove(archive_, 424242));
    EXPECT_EQ(before, state());
}

TEST_F(ReferralInput, Analytics) {
    const json before = state();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_tree(nullptr, archive_, ids_[0], 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_tree(out, nullptr, ids_[0], 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_referral_tree(out, archive_, 424242, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "max_generations", snowball_referral_tree(out, archive_, ids_[0], -1));

    const char* months = R"({"site": "XH", "from": "2025-01-01", "to": "2025-06-30"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_metrics(nullptr, archive_, months));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_metrics(out, nullptr, months));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_referral_metrics(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_referral_metrics(out, archive_, "nope"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_referral_metrics(out, archive_, R"({"from": "2025-01-01", "to": "2025-02-01"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_metrics(out, archive_, R"({"site": "NO", "from": "2025-01-01", "to": "2025-02-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_referral_metrics(out, archive_, R"({"site": "XH", "to": "2025-02-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_referral_metrics(out, archive_, R"({"site": "XH", "from": "2025-02-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_referral_metrics(out, archive_, R"({"site": "XH", "from": "2025-03-01", "to": "2025-02-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_referral_metrics(out, archive_, R"({"site": "XH", "from": "2010-01-01", "to": "2025-02-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "month", snowball_referral_metrics(out, archive_, R"({"site": "XH", "month": "2025-02"})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_pagerank(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_pagerank(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_pagerank(out, archive_, "NOPE"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_key_persons(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_key_persons(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_referral_key_persons(out, archive_, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_referral_key_persons(out, archive_, R"({"by": "degree"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_referral_key_persons(out, archive_, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_referral_key_persons(out, archive_, R"({"limit": 10001})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "decay", snowball_referral_key_persons(out, archive_, R"({"decay": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "decay", snowball_referral_key_persons(out, archive_, R"({"decay": "half"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "measure", snowball_referral_key_persons(out, archive_, R"({"measure": "pagerank"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_key_persons(out, archive_, R"({"site": "NOPE"})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_circles(nullptr, archive_, nullptr, 2));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_circles(out, nullptr, nullptr, 2));
    EXPECT_FAILS(SNOWBALL_EINVALID, "min_size", snowball_referral_circles(out, archive_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_circles(out, archive_, "NOPE", 2));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_influence(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_influence(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_influence(out, archive_, "NOPE"));
    EXPECT_EQ(before, state());
}

TEST_F(ReferralInput, RepeatVisitorsAndCooperation) {
    const char* good = R"({"site": "XH", "since": "2025-01-01"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_repeat_visitors(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_repeat_visitors(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_referral_repeat_visitors(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_referral_repeat_visitors(out, archive_, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_referral_repeat_visitors(out, archive_, R"({"since": "2025-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "since", snowball_referral_repeat_visitors(out, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "since", snowball_referral_repeat_visitors(out, archive_, R"({"site": "XH", "since": "yesterday"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "min_visits",
                 snowball_referral_repeat_visitors(out, archive_, R"({"site": "XH", "since": "2025-01-01", "min_visits": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "until",
                 snowball_referral_repeat_visitors(out, archive_, R"({"site": "XH", "since": "2025-01-01", "until": "2999-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "since",
                 snowball_referral_repeat_visitors(out, archive_, R"({"site": "XH", "since": "2025-01-01", "until": "2024-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit",
                 snowball_referral_repeat_visitors(out, archive_, R"({"site": "XH", "since": "2025-01-01", "limit": -5})"));
    const std::string bj = R"({"site": "XH", "since": "2025-01-01", "consultant_id": )" + std::to_string(bj_consultant_) + "}";
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", snowball_referral_repeat_visitors(out, archive_, bj.c_str()));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id",
                 snowball_referral_repeat_visitors(out, archive_, R"({"site": "XH", "since": "2025-01-01", "consultant_id": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "window",
                 snowball_referral_repeat_visitors(out, archive_, R"({"site": "XH", "since": "2025-01-01", "window": 30})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_cooperation_pairs(nullptr, archive_, "XH", 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_cooperation_pairs(out, nullptr, "XH", 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_referral_cooperation_pairs(out, archive_, nullptr, 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_referral_cooperation_pairs(out, archive_, "", 10));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_cooperation_pairs(out, archive_, "NOPE", 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_referral_cooperation_pairs(out, archive_, "XH", 0));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_industries(nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_classify_industry(nullptr, "中国银行", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "company", snowball_referral_classify_industry(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "company", snowball_referral_classify_industry(out, "无名小店", "自由职业"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_keys(nullptr));
}

TEST_F(ReferralInput, Settings) {
    const json before = state();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_settings(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_settings(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_referral_settings(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_settings(out, archive_, "NOPE"));

    const char* table = R"([{"a": "finance", "b": "legal", "weight": 0.5, "reason": "合作"}])";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_set_affinities(nullptr, archive_, "XH", table));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_set_affinities(out, nullptr, "XH", table));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_referral_set_affinities(out, archive_, nullptr, table));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_set_affinities(out, archive_, "NOPE", table));
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities_json", snowball_referral_set_affinities(out, archive_, "XH", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities_json", snowball_referral_set_affinities(out, archive_, "XH", "[{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities_json", snowball_referral_set_affinities(out, archive_, "XH", "{}"));
    const auto set = [&](char** o, const char* doc) { return snowball_referral_set_affinities(o, archive_, "XH", doc); };
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities[0]", set(out, "[1]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities[0].c", set(out, R"([{"a": "x", "b": "y", "reason": "r", "c": 1}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities[0].a", set(out, R"([{"b": "y", "reason": "r"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities[0].a", set(out, R"([{"a": "金融", "b": "y", "reason": "r"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities[0].weight", set(out, R"([{"a": "x", "b": "y", "weight": 0, "reason": "r"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities[0].weight", set(out, R"([{"a": "x", "b": "y", "weight": "1", "reason": "r"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities[0].reason", set(out, R"([{"a": "x", "b": "y"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "affinities[1]",
                 set(out, R"([{"a": "x", "b": "y", "reason": "r"}, {"a": "y", "b": "x", "reason": "again"}])"));

    const char* rule = R"({"kind": "points", "amount": 1000})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_set_reward_rule(nullptr, archive_, "XH", rule));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_set_reward_rule(out, nullptr, "XH", rule));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_referral_set_reward_rule(out, archive_, nullptr, rule));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_set_reward_rule(out, archive_, "NOPE", rule));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule_json", snowball_referral_set_reward_rule(out, archive_, "XH", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule_json", snowball_referral_set_reward_rule(out, archive_, "XH", "[]"));
    const auto set_rule = [&](char** o, const char* doc) { return snowball_referral_set_reward_rule(o, archive_, "XH", doc); };
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.kind", set_rule(out, R"({"kind": "gold", "amount": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.amount", set_rule(out, R"({"kind": "points"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.amount", set_rule(out, R"({"kind": "points", "amount": -1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.amount", set_rule(out, R"({"kind": "property_fee", "amount": 121})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.methods", set_rule(out, R"({"amount": 1, "methods": "chain"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.methods[0]", set_rule(out, R"({"amount": 1, "methods": ["friend"]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.methods[1]", set_rule(out, R"({"amount": 1, "methods": ["chain", "chain"]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.within_days", set_rule(out, R"({"amount": 1, "within_days": -1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.within_days", set_rule(out, R"({"amount": 1, "within_days": 1.5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.enabled", set_rule(out, R"({"amount": 1, "enabled": "yes"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rule.bonus", set_rule(out, R"({"amount": 1, "bonus": 2})"));
    EXPECT_EQ(before, state());
}

TEST_F(ReferralInput, Rewards) {
    const json before = state();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_reward_check(nullptr, archive_, deal_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_reward_check(out, nullptr, deal_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", snowball_reward_check(out, archive_, 424242));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_reward_grant(nullptr, archive_, deal_, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_reward_grant(out, nullptr, deal_, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", snowball_reward_grant(out, archive_, 424242, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_ESTATE, "deal_id", snowball_reward_grant(out, archive_, deal_, 0, nullptr));   // no rule yet
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_reward_grant(out, archive_, deal_, -1, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_reward_grant(out, archive_, deal_, 0, "\xff"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_reward_settle(nullptr, archive_, "XH", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_reward_settle(out, nullptr, "XH", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_reward_settle(out, archive_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_reward_settle(out, archive_, "NOPE", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_reward_settle(out, archive_, "XH", -3));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_reward_settle(out, archive_, "XH", 9999));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_reward_settle(out, archive_, "XH", bj_consultant_));
    EXPECT_FAILS(SNOWBALL_ESTATE, "by", snowball_reward_settle(out, archive_, "XH", left_consultant_));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_reward_revoke(nullptr, archive_, 1, "错", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_reward_revoke(out, nullptr, 1, "错", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_reward_revoke(out, archive_, 1, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_reward_revoke(out, archive_, 1, " ", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_reward_revoke(out, archive_, 1, "错", -1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "entry_id", snowball_reward_revoke(out, archive_, 424242, "错", 0));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_reward_get(nullptr, archive_, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_reward_get(out, nullptr, 1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "entry_id", snowball_reward_get(out, archive_, 424242));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_reward_ledger(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_reward_ledger(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_reward_ledger(out, archive_, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "status", snowball_reward_ledger(out, archive_, R"({"status": "granted"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_reward_ledger(out, archive_, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", snowball_reward_ledger(out, archive_, R"({"offset": -1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_revoked", snowball_reward_ledger(out, archive_, R"({"include_revoked": "no"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_reward_ledger(out, archive_, R"({"site": "NOPE"})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_reward_totals(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_reward_totals(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_reward_totals(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_reward_totals(out, archive_, "NOPE"));
    EXPECT_EQ(before, state());

    // Granted once: a second grant is a conflict naming the entry; a second revoke a state error.
    ASSERT_SB_OK(snowball_referral_set_reward_rule(Out().ptr(), archive_, "XH", R"({"kind": "points", "amount": 800})"));
    const json entry = ok([&](char** o) { return snowball_reward_grant(o, archive_, deal_, xh_consultant_, "积分"); });
    const std::int64_t entry_id = entry["id"].get<std::int64_t>();
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "deal_id", snowball_reward_grant(out, archive_, deal_, 0, nullptr));
    EXPECT_EQ(entry_id, snowball_error_last()->record_id);
    EXPECT_FAILS_NO_OUT(SNOWBALL_ESTATE, "referral_id", snowball_referral_remove(archive_, referral_));
    EXPECT_EQ(entry_id, snowball_error_last()->record_id);
    ASSERT_SB_OK(snowball_reward_revoke(Out().ptr(), archive_, entry_id, "录入错误", 0));
    EXPECT_FAILS(SNOWBALL_ESTATE, "entry_id", snowball_reward_revoke(out, archive_, entry_id, "again", 0));
    EXPECT_EQ(entry_id, snowball_error_last()->record_id);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Key-person candidates, approaches, introductions, material handed out

class FollowUpInput : public ReferralInput {
protected:
    json followups() {
        json s;
        s["candidates"] = ok([&](char** o) { return snowball_referral_key_person_candidates(o, archive_, R"({"site": "XH"})"); });
        s["approaches"] = ok([&](char** o) { return snowball_referral_approaches(o, archive_, ids_[2]); });
        s["introductions"] = ok([&](char** o) { return snowball_referral_introductions(o, archive_, R"({"site": "XH"})"); });
        s["handouts"] = ok([&](char** o) { return snowball_referral_handouts(o, archive_, R"({"site": "XH"})"); });
        return s;
    }
    std::string pair(std::int64_t a, std::int64_t b, const std::string& extra = {}) const {
        return "{\"a_id\": " + std::to_string(a) + ", \"b_id\": " + std::to_string(b) + extra + "}";
    }
};

TEST_F(FollowUpInput, KeyPersonCandidatesAndApproaches) {
    const json before = followups();
    const char* good = R"({"site": "XH"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_key_person_candidates(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_key_person_candidates(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_referral_key_person_candidates(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_referral_key_person_candidates(out, archive_, "{}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_referral_key_person_candidates(out, archive_, R"({"site": "NOPE"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_referral_key_person_candidates(out, archive_, R"({"site": "XH", "limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "owners_only",
                 snowball_referral_key_person_candidates(out, archive_, R"({"site": "XH", "owners_only": 1})"));

    const std::string approach = "{\"customer_id\": " + std::to_string(ids_[2]) + "}";
    const auto add = [&](char** o, const std::string& doc) { return snowball_referral_approach(o, archive_, doc.c_str()); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_approach(nullptr, archive_, approach.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_approach(out, nullptr, approach.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "approach_json", snowball_referral_approach(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "approach_json", add(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", add(out, "{}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", add(out, R"({"customer_id": 424242})"));
    const std::string id = std::to_string(ids_[2]);
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", add(out, "{\"customer_id\": " + id + ", \"channel\": \"pigeon\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", add(out, "{\"customer_id\": " + id + ", \"outcome\": \"maybe\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", add(out, "{\"customer_id\": " + id + ", \"date\": \"2999-01-01\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id",
                 add(out, "{\"customer_id\": " + id + ", \"consultant_id\": " + std::to_string(bj_consultant_) + "}"));
    EXPECT_FAILS(SNOWBALL_ESTATE, "consultant_id",
                 add(out, "{\"customer_id\": " + id + ", \"consultant_id\": " + std::to_string(left_consultant_) + "}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "notes", add(out, "{\"customer_id\": " + id + ", \"notes\": \"x\"}"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_approaches(nullptr, archive_, ids_[2]));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_approaches(out, nullptr, ids_[2]));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_referral_approaches(out, archive_, 424242));
    EXPECT_EQ(before, followups());
}

TEST_F(FollowUpInput, Introductions) {
    const json before = followups();
    const std::string good = pair(ids_[2], ids_[3]);
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_introduce(nullptr, archive_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_introduce(out, nullptr, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "introduction_json", snowball_referral_introduce(out, archive_, nullptr));
    const auto add = [&](char** o, const std::string& doc) { return snowball_referral_introduce(o, archive_, doc.c_str()); };
    EXPECT_FAILS(SNOWBALL_EINVALID, "introduction_json", add(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "b_id", add(out, "{\"a_id\": 1}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "b_id", add(out, pair(ids_[2], ids_[2])));
    EXPECT_FAILS(SNOWBALL_EINVALID, "b_id", add(out, pair(ids_[2], bj_)));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "a_id", add(out, pair(424242, ids_[2])));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", add(out, pair(ids_[2], ids_[3], ", \"date\": \"2026-02-30\"")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id",
                 add(out, pair(ids_[2], ids_[3], ", \"consultant_id\": " + std::to_string(bj_consultant_))));

    const json made = ok([&](char** o) { return add(o, pair(ids_[0], ids_[3])); });
    const std::int64_t id = made["id"].get<std::int64_t>();
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "b_id", add(out, pair(ids_[3], ids_[0])));
    EXPECT_EQ(id, snowball_error_last()->record_id);
    const json after_made = followups();

    const char* worked = R"({"outcome": "worked"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_introduction_outcome(nullptr, archive_, id, worked));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_introduction_outcome(out, nullptr, id, worked));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome_json", snowball_referral_introduction_outcome(out, archive_, id, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_referral_introduction_outcome(out, archive_, id, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_referral_introduction_outcome(out, archive_, id, R"({"outcome": "great"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "introduction_id", snowball_referral_introduction_outcome(out, archive_, 424242, worked));
    const std::string by_other = "{\"outcome\": \"worked\", \"by\": " + std::to_string(bj_consultant_) + "}";
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_referral_introduction_outcome(out, archive_, id, by_other.c_str()));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_introduction_get(nullptr, archive_, id));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_introduction_get(out, nullptr, id));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "introduction_id", snowball_referral_introduction_get(out, archive_, 424242));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_introductions(nullptr, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_introductions(out, nullptr, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_referral_introductions(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_referral_introductions(out, archive_, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_referral_introductions(out, archive_, R"({"site": "XH", "outcome": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", snowball_referral_introductions(out, archive_, R"({"site": "XH", "offset": -1})"));
    EXPECT_EQ(after_made, followups());
    EXPECT_NE(before, after_made);
}

TEST_F(FollowUpInput, MaterialHandedOut) {
    const json before = followups();
    const std::string by = std::to_string(xh_consultant_);
    const std::string good = R"({"site": "XH", "kind": "brochure", "name": "某人", "consultant_id": )" + by + "}";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_hand_out(nullptr, archive_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_hand_out(out, nullptr, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "handout_json", snowball_referral_hand_out(out, archive_, nullptr));
    const auto add = [&](char** o, const std::string& doc) { return snowball_referral_hand_out(o, archive_, doc.c_str()); };
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind", add(out, R"({"site": "XH", "name": "某人", "consultant_id": )" + by + "}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind", add(out, R"({"site": "XH", "kind": "flyer", "name": "某人", "consultant_id": )" + by + "}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add(out, R"({"site": "XH", "kind": "brochure", "consultant_id": )" + by + "}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone",
                 add(out, R"({"site": "XH", "kind": "brochure", "phone": "138**", "consultant_id": )" + by + "}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add(out, R"({"site": "XH", "kind": "brochure", "name": "某人"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "count",
                 add(out, R"({"site": "XH", "kind": "brochure", "name": "某人", "count": 0, "consultant_id": )" + by + "}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "referrer_id",
                 add(out, R"({"site": "XH", "kind": "brochure", "name": "某人", "referrer_id": 424242})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "referrer_id",
                 add(out, R"({"site": "XH", "kind": "brochure", "name": "某人", "referrer_id": )" + std::to_string(bj_) + "}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", add(out, R"({"site": "NOPE", "kind": "brochure", "name": "某人", "consultant_id": )" + by + "}"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_handout_get(nullptr, archive_, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_handout_get(out, nullptr, 1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "handout_id", snowball_referral_handout_get(out, archive_, 424242));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_referral_handouts(nullptr, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_referral_handouts(out, nullptr, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_referral_handouts(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_referral_handouts(out, archive_, R"({"matched": true})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "matched", snowball_referral_handouts(out, archive_, R"({"site": "XH", "matched": "yes"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_referral_handouts(out, archive_, R"({"site": "XH", "limit": 100000})"));
    EXPECT_EQ(before, followups());
}
