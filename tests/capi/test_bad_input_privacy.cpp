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
