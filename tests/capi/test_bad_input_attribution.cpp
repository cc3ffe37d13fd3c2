// Every C function of snowball/attribution.h with NULL for each pointer parameter and with invalid
// arguments: each call returns the right negative status, the thread's last error names the field,
// the out-parameter is NULL afterwards, and nothing is written (the raw database is compared).
#include "capi_support.hpp"
#include "test_support.hpp"

#include <climits>
#include <string>

namespace {

using capi_test::json;

class AttributionInput : public capi_test::ArchiveTest {
protected:
    void SetUp() override {
        capi_test::ArchiveTest::SetUp();
        customer_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"},
                                  {"consultant_id", xh_consultant_}})["id"].get<std::int64_t>();
        partner_ = ok([&](char** out) { return snowball_partner_add(out, archive_, R"({"site": "XH", "name": "链家"})"); })["id"]
                       .get<std::int64_t>();
        const json reg = {{"site", "XH"}, {"phone", "139****0000"}, {"partner_id", partner_}};
        registration_ = ok([&](char** out) { return snowball_registration_add(out, archive_, reg.dump().c_str()); })["id"]
                            .get<std::int64_t>();
        const json dispute = {{"customer_id", customer_}, {"partner_id", partner_}, {"note", "先报备"}};
        dispute_ = ok([&](char** out) { return snowball_dispute_open(out, archive_, dispute.dump().c_str()); })["id"]
                       .get<std::int64_t>();
    }
    std::string raw() const { return snowball::testing::dump_archive(path_); }
    std::int64_t customer_ = 0, partner_ = 0, registration_ = 0, dispute_ = 0;
};

const std::int64_t bad_ids[] = {0, -1, 424242, INT64_MAX};

TEST_F(AttributionInput, Partners) {
    const std::string before = raw();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_partner_add(nullptr, archive_, R"({"site": "XH", "name": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_partner_add(out, nullptr, R"({"site": "XH", "name": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "partner_json", snowball_partner_add(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "partner_json", snowball_partner_add(out, archive_, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_partner_add(out, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind", snowball_partner_add(out, archive_, R"({"site": "XH", "name": "x", "kind": "bank"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_partner_add(out, archive_, R"({"site": "XH", "name": "x", "phone": "12"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_partner_add(out, archive_, R"({"site": "ZZ", "name": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_partner_update(out, archive_, partner_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_partner_update(out, archive_, partner_, R"({"name": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_partner_update(out, nullptr, partner_, "{}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_partner_deactivate(nullptr, archive_, partner_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_partner_deactivate(out, nullptr, partner_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_partner_get(out, nullptr, partner_));
    for (std::int64_t bad : bad_ids) {
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "partner_id", snowball_partner_update(out, archive_, bad, "{}"));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "partner_id", snowball_partner_deactivate(out, archive_, bad));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "partner_id", snowball_partner_get(out, archive_, bad));
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_partner_list(out, archive_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_partner_list(out, archive_, "ZZ", 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_partner_list(out, nullptr, "XH", 0));
    EXPECT_EQ(before, raw());
}

TEST_F(AttributionInput, RegistrationsAndJudging) {
    const std::string before = raw();
    const auto add = [&](char** out, const json& doc) { return snowball_registration_add(out, archive_, doc.dump().c_str()); };
    const json good = {{"site", "XH"}, {"phone", "13700137000"}, {"consultant_id", xh_consultant_}};
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_registration_add(nullptr, archive_, good.dump().c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_registration_add(out, nullptr, good.dump().c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "registration_json", snowball_registration_add(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", add(out, json{{"site", "XH"}, {"consultant_id", xh_consultant_}}));
    for (const char* bad : {"138**8**000", "13*******00", "1380013800", "phone"})
        EXPECT_FAILS(SNOWBALL_EINVALID, "phone", add(out, json{{"site", "XH"}, {"phone", bad}, {"consultant_id", xh_consultant_}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add(out, json{{"site", "XH"}, {"phone", "13700137000"}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add(out, json{{"site", "XH"}, {"phone", "13700137000"}, {"consultant_id", bj_consultant_}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add(out, json{{"site", "XH"}, {"phone", "13700137000"}, {"consultant_id", left_consultant_}}));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "partner_id", add(out, json{{"site", "XH"}, {"phone", "13700137000"}, {"partner_id", 424242}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", add(out, json{{"site", "XH"}, {"phone", "13700137000"}, {"consultant_id", xh_consultant_}, {"channel", "tv"}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "at", add(out, json{{"site", "XH"}, {"phone", "13700137000"}, {"consultant_id", xh_consultant_}, {"at", "soon"}}));
    // Owned by someone else: a conflict naming the owner, with the registration's id.
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "phone", add(out, json{{"site", "XH"}, {"phone", "13900000000"}, {"consultant_id", xh_consultant_}}));
    EXPECT_EQ(registration_, snowball_error_last()->record_id);
    EXPECT_NE(std::string::npos, std::string(snowball_error_last()->message).find("链家"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "phone", add(out, json{{"site", "XH"}, {"phone", "13800138000"}, {"partner_id", partner_}}));

    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_registration_get(out, nullptr, registration_));
    for (std::int64_t bad : bad_ids)
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "registration_id", snowball_registration_get(out, archive_, bad));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_registration_list(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_registration_list(out, archive_, R"({"site": "XH", "limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "status", snowball_registration_list(out, archive_, R"({"site": "XH", "status": "old"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_registration_list(out, nullptr, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_registration_matching(out, archive_, nullptr, "13900000000"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_registration_matching(out, archive_, "XH", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_registration_matching(out, archive_, "XH", "12"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_registration_matching(out, nullptr, "XH", "13900000000"));

    EXPECT_FAILS(SNOWBALL_EINVALID, "request_json", snowball_registration_judge(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_registration_judge(out, nullptr, R"({"site": "XH", "phone": "13900000000"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_registration_judge(out, archive_, R"({"site": "XH", "phone": "139****0000"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_registration_judge(out, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_registration_judge(out, archive_, R"({"site": "ZZ", "phone": "13900000000"})"));
    const json other = {{"site", "XH"}, {"phone", "13600136000"}, {"consultant_id", bj_consultant_}};
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", snowball_registration_judge(out, archive_, other.dump().c_str()));
    EXPECT_EQ(before, raw());
}

TEST_F(AttributionInput, OwnersPoolDisputesHistorySettings) {
    const std::string before = raw();
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_attribution_get(out, nullptr, customer_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "as_of", snowball_attribution_get(out, archive_, customer_, "tomorrow"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_attribution_pool(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_attribution_pool(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_attribution_release_expired(out, archive_, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "as_of", snowball_attribution_release_expired(out, archive_, "XH", "x"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_attribution_release_expired(out, nullptr, "XH", nullptr));
    // The customer is still their consultant's: not in the pool.
    EXPECT_FAILS(SNOWBALL_ESTATE, "customer_id", snowball_attribution_claim(out, archive_, customer_, xh_consultant_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", snowball_attribution_claim(out, archive_, customer_, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", snowball_attribution_claim(out, archive_, customer_, bj_consultant_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "at", snowball_attribution_claim(out, archive_, customer_, xh_consultant_, "soon"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_attribution_claim(out, nullptr, customer_, xh_consultant_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_attribution_reassign(out, archive_, customer_, xh_consultant_, xh_consultant_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_attribution_reassign(out, archive_, customer_, xh_consultant_, 424242, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_attribution_reassign(out, nullptr, customer_, xh_consultant_, 1, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_attribution_history(out, nullptr, customer_));
    for (std::int64_t bad : bad_ids) {
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_attribution_get(out, archive_, bad, nullptr));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_attribution_claim(out, archive_, bad, xh_consultant_, nullptr));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_attribution_reassign(out, archive_, bad, xh_consultant_, 1, nullptr));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_attribution_history(out, archive_, bad));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "dispute_id", snowball_dispute_get(out, archive_, bad));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "dispute_id", snowball_dispute_decide(out, archive_, bad, R"({"by": 1, "consultant_id": 1})"));
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_attribution_settings(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_attribution_settings(out, archive_, "ZZ"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_attribution_settings(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_attribution_update_settings(out, archive_, "XH", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "agency_days", snowball_attribution_update_settings(out, archive_, "XH", R"({"agency_days": 400})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "family_follows", snowball_attribution_update_settings(out, archive_, "XH", R"({"family_follows": 3})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_attribution_update_settings(out, archive_, nullptr, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_attribution_update_settings(out, nullptr, "XH", "{}"));

    EXPECT_FAILS(SNOWBALL_EINVALID, "dispute_json", snowball_dispute_open(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_dispute_open(out, archive_, (json{{"customer_id", customer_}, {"partner_id", partner_}}).dump().c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", snowball_dispute_open(out, archive_, (json{{"customer_id", customer_}, {"note", "x"}}).dump().c_str()));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_dispute_open(out, archive_, R"({"customer_id": 424242, "note": "x", "partner_id": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_dispute_open(out, nullptr, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "decision_json", snowball_dispute_decide(out, archive_, dispute_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_dispute_decide(out, archive_, dispute_, R"({"consultant_id": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_dispute_decide(out, archive_, dispute_, (json{{"by", xh_consultant_}, {"partner_id", partner_}}).dump().c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_dispute_decide(out, nullptr, dispute_, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_dispute_get(out, nullptr, dispute_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_dispute_list(out, archive_, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "status", snowball_dispute_list(out, archive_, "XH", "closed"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_dispute_list(out, nullptr, "XH", nullptr));
    EXPECT_EQ(before, raw());
}

} // namespace
