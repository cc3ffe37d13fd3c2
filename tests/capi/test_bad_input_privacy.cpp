// Every C function of snowball/privacy.h with NULL for each pointer parameter and with invalid
// arguments: the right negative status, the last error naming the field, the out-parameter NULL.
#include "capi_support.hpp"

#include <string>

namespace {

using capi_test::ArchiveTest;
using capi_test::json;
using capi_test::Out;

class AuditInput : public ArchiveTest {
protected:
    void SetUp() override {
        ArchiveTest::SetUp();
        const auto id = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "甄嬛"}, {"mobile", "13912345678"}})["id"]
                            .get<std::int64_t>();
        ASSERT_EQ(SNOWBALL_OK, snowball_customer_remove(archive_, id));
    }
};

TEST_F(AuditInput, List) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_audit_list(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_audit_list(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_audit_list(out, archive_, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_audit_list(out, archive_, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "subject", snowball_audit_list(out, archive_, R"({"subject": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "subject_id", snowball_audit_list(out, archive_, R"({"subject_id": "1"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_audit_list(out, archive_, R"({"from": "2026-13-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to",
                 snowball_audit_list(out, archive_, R"({"from": "2026-12-02", "to": "2026-12-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_audit_list(out, archive_, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", snowball_audit_list(out, archive_, R"({"offset": -1})"));
    const json page = ok([&](char** o) { return snowball_audit_list(o, archive_, nullptr); });
    EXPECT_EQ(page["total"], 1);
    EXPECT_EQ(page["items"][0]["action"], "customer.erase");
}

TEST_F(AuditInput, Export) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_lines", snowball_audit_export(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_audit_export(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_audit_export(out, archive_, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_audit_export(out, archive_, R"({"from": "2026-12-02", "to": "2026-12-01"})"));
    Out lines;
    ASSERT_SB_OK(snowball_audit_export(lines.ptr(), archive_, R"({"action": "customer.erase"})"));
    const std::string text = lines.str() ? lines.str() : "";
    ASSERT_FALSE(text.empty());
    EXPECT_EQ('\n', text.back());
    const json entry = json::parse(text);
    EXPECT_EQ(entry["action"], "customer.erase");
    EXPECT_EQ(64u, entry["prev_hash"].get<std::string>().size());
}

TEST_F(AuditInput, Verify) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_audit_verify(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_audit_verify(out, nullptr, nullptr));
    // A head that is no entry's: a result saying so, not an error.
    const json v = ok([&](char** o) { return snowball_audit_verify(o, archive_, "00ff"); });
    EXPECT_EQ(v["ok"], false);
    EXPECT_EQ(v["first_bad"], 2);
    const json good = ok([&](char** o) { return snowball_audit_verify(o, archive_, nullptr); });
    EXPECT_EQ(good["ok"], true);
    EXPECT_EQ(good["first_bad"], nullptr);
    EXPECT_EQ(good["entries"], 1);
    const std::string head = good["head"];
    EXPECT_EQ(ok([&](char** o) { return snowball_audit_verify(o, archive_, head.c_str()); })["ok"], true);
}

} // namespace

namespace {

// A customer of consultant 王芳 at XH, and a manager of XH.
class ConsentInput : public ArchiveTest {
protected:
    void SetUp() override {
        ArchiveTest::SetUp();
        customer_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "甄嬛"}, {"mobile", "13912345678"},
                                  {"consultant_id", xh_consultant_}})["id"]
                        .get<std::int64_t>();
        manager_ = ok([&](char** o) {
                       return snowball_consultant_add(o, archive_, R"({"site": "XH", "name": "周经理", "role": "manager"})");
                   })["id"]
                       .get<std::int64_t>();
    }
    std::int64_t customer_ = 0;
    std::int64_t manager_ = 0;
};

TEST_F(ConsentInput, Grant) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_consent_grant(nullptr, archive_, customer_, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_consent_grant(out, nullptr, customer_, R"({"purpose": "marketing"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "grant_json", snowball_consent_grant(out, archive_, customer_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "purpose", snowball_consent_grant(out, archive_, customer_, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "purpose", snowball_consent_grant(out, archive_, customer_, R"({"purpose": "spam"})"));
    // The service relationship needs no consent (Art. 13(2)); a guardian gives a sensitive consent.
    EXPECT_FAILS(SNOWBALL_EINVALID, "purpose", snowball_consent_grant(out, archive_, customer_, R"({"purpose": "service"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "guardian",
                 snowball_consent_grant(out, archive_, customer_, R"({"purpose": "marketing", "guardian": "父亲"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_consent_grant(out, archive_, 999, R"({"purpose": "marketing"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_consent_grant(out, archive_, customer_, R"({"purpose": "营销", "by": 999})"));
    const json c = ok([&](char** o) {
        return snowball_consent_grant(o, archive_, customer_,
                                      R"({"purpose": "营销", "notice_version": "2026-01", "channel": "paper", "by": 1})");
    });
    EXPECT_EQ(c["purpose"], "marketing");
    EXPECT_EQ(c["recorded_by"], "consultant:1");
    EXPECT_EQ(c["withdrawn_at"], nullptr);
}

TEST_F(ConsentInput, ObjectWithdrawListAllows) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_consent_object(nullptr, archive_, customer_, "service", "sms", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_consent_object(out, nullptr, customer_, "service", "sms", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "purpose", snowball_consent_object(out, archive_, customer_, nullptr, "sms", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_consent_object(out, archive_, customer_, "service", "sms", -1));
    int n = -1;
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_count", snowball_consent_withdraw(nullptr, archive_, customer_, "marketing", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_consent_withdraw(&n, nullptr, customer_, "marketing", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "purpose", snowball_consent_withdraw(&n, archive_, customer_, "x", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "customer_id", snowball_consent_withdraw(&n, archive_, 999, "marketing", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_consent_list(nullptr, archive_, customer_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_consent_list(out, nullptr, customer_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_consent_list(out, archive_, 999));
    int allowed = -1;
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_allowed", snowball_consent_allows(nullptr, archive_, customer_, "service", nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_consent_allows(&allowed, nullptr, customer_, "service", nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "purpose", snowball_consent_allows(&allowed, archive_, customer_, "", nullptr));

    // The checks: service unless objected; marketing only with a consent in force.
    ASSERT_SB_OK(snowball_consent_allows(&allowed, archive_, customer_, "service", "sms"));
    EXPECT_EQ(1, allowed);
    ASSERT_SB_OK(snowball_consent_allows(&allowed, archive_, customer_, "marketing", nullptr));
    EXPECT_EQ(0, allowed);
    ok([&](char** o) { return snowball_consent_grant(o, archive_, customer_, R"({"purpose": "marketing"})"); });
    ASSERT_SB_OK(snowball_consent_allows(&allowed, archive_, customer_, "marketing", "wechat"));
    EXPECT_EQ(1, allowed);
    const json objection = ok([&](char** o) { return snowball_consent_object(o, archive_, customer_, "service", "sms", 0); });
    EXPECT_EQ(objection["objection"], true);
    ASSERT_SB_OK(snowball_consent_allows(&allowed, archive_, customer_, "service", "sms"));
    EXPECT_EQ(0, allowed);
    ASSERT_SB_OK(snowball_consent_allows(&allowed, archive_, customer_, "service", "phone"));
    EXPECT_EQ(1, allowed);
    ASSERT_SB_OK(snowball_consent_withdraw(&n, archive_, customer_, "marketing", 0));
    EXPECT_EQ(1, n);
    ASSERT_SB_OK(snowball_consent_allows(&allowed, archive_, customer_, "marketing", nullptr));
    EXPECT_EQ(0, allowed);
    EXPECT_EQ(2u, ok([&](char** o) { return snowball_consent_list(o, archive_, customer_); }).size());
}

TEST_F(ConsentInput, ActorsHandles) {
    snowball_archive* as = nullptr;
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out", snowball_archive_as(nullptr, archive_, "host"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_archive_as(&as, nullptr, "host"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "actor", snowball_archive_as(&as, archive_, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "actor", snowball_archive_as(&as, archive_, "boss"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "actor", snowball_archive_as(&as, archive_, "consultant:999"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EFORBIDDEN, "actor", snowball_archive_as(&as, archive_, "manager:1"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "actor", snowball_archive_as(&as, archive_, "admin:ZZ"));
    EXPECT_EQ(nullptr, as);
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_archive_actor(nullptr, archive_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_archive_actor(out, nullptr));
    EXPECT_EQ(ok([&](char** o) { return snowball_archive_actor(o, archive_); })["text"], "host");

    // The other site's consultant sees the customer masked and may not write their profile.
    const std::string other = "consultant:" + std::to_string(bj_consultant_);
    ASSERT_SB_OK(snowball_archive_as(&as, archive_, other.c_str()));
    const json me = ok([&](char** o) { return snowball_archive_actor(o, as); });
    EXPECT_EQ(me["kind"], "consultant");
    EXPECT_EQ(me["site"], "BJ");
    const json seen = ok([&](char** o) { return snowball_customer_get(o, as, customer_); });
    EXPECT_EQ(seen["name"], "甄*");
    EXPECT_EQ(seen["mobile"], "139****5678");
    EXPECT_FAILS_NO_OUT(SNOWBALL_EFORBIDDEN, "customer_id",
                        snowball_profile_set(as, customer_, R"({"position": "经理"})", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EFORBIDDEN, "id", snowball_privacy_erase(as, customer_, 0));
    snowball_archive_free(as);
}

TEST_F(ConsentInput, RightsAndRetention) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_privacy_erase(nullptr, customer_, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "id", snowball_privacy_erase(archive_, 999, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out", snowball_privacy_export(nullptr, archive_, customer_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_privacy_export(out, nullptr, customer_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "format", snowball_privacy_export(out, archive_, customer_, "pdf", 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_privacy_export(out, archive_, 999, nullptr, 0));
    const json copy = ok([&](char** o) { return snowball_privacy_export(o, archive_, customer_, "json", 0); });
    EXPECT_EQ(copy["customer"]["name"], "甄嬛");
    EXPECT_EQ(copy["format"], "snowball-personal-copy-1");
    Out html;
    ASSERT_SB_OK(snowball_privacy_export(html.ptr(), archive_, customer_, "html", 0));
    EXPECT_NE(std::string(html.str()).find("甄嬛"), std::string::npos);

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_retention_set(nullptr, "XH", "prospect", 30));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "site", snowball_retention_set(archive_, nullptr, "prospect", 30));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "stage", snowball_retention_set(archive_, "XH", "lead", 30));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "days", snowball_retention_set(archive_, "XH", "prospect", -1));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "days", snowball_retention_set(archive_, "XH", "prospect", 40000));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "site", snowball_retention_set(archive_, "ZZ", "prospect", 30));
    ASSERT_SB_OK(snowball_retention_set(archive_, "XH", "prospect", 30));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_retention_list(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_retention_list(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_retention_list(out, archive_, "ZZ"));
    EXPECT_EQ(ok([&](char** o) { return snowball_retention_list(o, archive_, "XH"); })[0]["days"], 30);

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_legal_hold(nullptr, archive_, customer_, "诉讼", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_legal_hold(out, nullptr, customer_, "诉讼", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_legal_hold(out, archive_, customer_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_legal_hold(out, archive_, customer_, " ", 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_legal_hold(out, archive_, 999, "诉讼", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_legal_release(nullptr, customer_, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "customer_id", snowball_legal_release(archive_, customer_, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_legal_holds(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_legal_holds(out, nullptr, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_retention_sweep(nullptr, archive_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_retention_sweep(out, nullptr, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", snowball_retention_sweep(out, archive_, "2026-02-30", 0));

    // The customer's first contact is today: far in the future, past 30 days, the sweep finds them.
    ok([&](char** o) { return snowball_legal_hold(o, archive_, customer_, "诉讼中", 0); });
    EXPECT_EQ(1u, ok([&](char** o) { return snowball_legal_holds(o, archive_, "XH"); }).size());
    const json held = ok([&](char** o) { return snowball_retention_sweep(o, archive_, "2099-01-01", 0); });
    EXPECT_EQ(held["held"], json::array({customer_}));
    EXPECT_TRUE(held["erased"].empty());
    ASSERT_SB_OK(snowball_legal_release(archive_, customer_, 0));
    const json rehearsal = ok([&](char** o) { return snowball_retention_sweep(o, archive_, "2099-01-01", 1); });
    EXPECT_EQ(rehearsal["erased"], json::array({customer_}));
    EXPECT_EQ(ok([&](char** o) { return snowball_customer_get(o, archive_, customer_); })["name"], "甄嬛");
    const json swept = ok([&](char** o) { return snowball_retention_sweep(o, archive_, "2099-01-01", 0); });
    EXPECT_EQ(swept["erased"], json::array({customer_}));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_customer_get(out, archive_, customer_));
}

TEST_F(ConsentInput, AccessGrants) {
    const std::int64_t colleague =
        ok([&](char** o) { return snowball_consultant_add(o, archive_, R"({"site": "XH", "name": "陈同事"})"); })["id"];
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_access_grant(nullptr, customer_, colleague, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "customer_id", snowball_access_grant(archive_, 999, colleague, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "consultant_id", snowball_access_grant(archive_, customer_, 999, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "consultant_id", snowball_access_grant(archive_, customer_, bj_consultant_, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_access_revoke(nullptr, customer_, colleague, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "consultant_id", snowball_access_revoke(archive_, customer_, colleague, 0));

    const std::string as_colleague = "consultant:" + std::to_string(colleague);
    snowball_archive* as = nullptr;
    ASSERT_SB_OK(snowball_archive_as(&as, archive_, as_colleague.c_str()));
    EXPECT_EQ(ok([&](char** o) { return snowball_customer_get(o, as, customer_); })["name"], "甄*");
    EXPECT_FAILS_NO_OUT(SNOWBALL_EFORBIDDEN, "customer_id", snowball_access_grant(as, customer_, colleague, 0));
    ASSERT_SB_OK(snowball_access_grant(archive_, customer_, colleague, manager_));
    EXPECT_EQ(ok([&](char** o) { return snowball_customer_get(o, as, customer_); })["name"], "甄嬛");
    ASSERT_SB_OK(snowball_access_revoke(archive_, customer_, colleague, 0));
    EXPECT_EQ(ok([&](char** o) { return snowball_customer_get(o, as, customer_); })["name"], "甄*");
    snowball_archive_free(as);
}

TEST_F(ConsentInput, RevealedHistory) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json",
                        snowball_profile_history_revealed(nullptr, archive_, customer_, nullptr, "投诉核实"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_history_revealed(out, nullptr, customer_, nullptr, "投诉核实"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_profile_history_revealed(out, archive_, customer_, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_profile_history_revealed(out, archive_, customer_, nullptr, " "));
    ok([&](char** o) { return snowball_consent_grant(o, archive_, customer_, R"({"purpose": "service", "sensitive": true})"); });
    ASSERT_SB_OK(snowball_profile_set(archive_, customer_, R"({"plate_number": "浙A·12348"})", 0));
    const json masked = ok([&](char** o) { return snowball_profile_history(o, archive_, customer_, "plate_number"); });
    EXPECT_EQ(masked[0]["masked"], true);
    EXPECT_EQ(masked[0]["new"], nullptr);
    const json shown =
        ok([&](char** o) { return snowball_profile_history_revealed(o, archive_, customer_, "plate_number", "违章通知"); });
    EXPECT_EQ(shown[0]["new"], "浙A·12348");
    const json profile = ok([&](char** o) { return snowball_profile_get(o, archive_, customer_, nullptr); });
    EXPECT_EQ(profile["values"]["plate_number"], nullptr);
    bool found = false;
    for (const auto& s : profile["sections"])
        for (const auto& f : s["fields"])
            if (f["key"] == "plate_number") {
                found = true;
                EXPECT_EQ(f["masked"], "浙A·****8");
                EXPECT_EQ(f["display"], "浙A·****8");
            }
    EXPECT_TRUE(found);
}

} // namespace
