// Outreach through the C API: a C sender receives each rendered message as JSON and answers with
// an id; a second send of the same key calls it no more; a sender that fails is a failed delivery;
// receipts and statistics (capi/include/snowball/outreach.h).
#include "capi_support.hpp"

#include <cstring>
#include <string>
#include <vector>

namespace {

using capi_test::json;

struct Got {
    std::vector<json> messages;
    bool fail = false;
};

int recording_sender(void* user, const char* message_json, char* id, size_t id_capacity, char* error, size_t error_capacity) {
    Got* got = static_cast<Got*>(user);
    got->messages.push_back(json::parse(message_json));
    if (got->fail) {
        std::strncpy(error, "网关拒绝", error_capacity - 1);
        return 7;
    }
    std::strncpy(id, ("c-" + std::to_string(got->messages.size())).c_str(), id_capacity - 1);
    return 0;
}

class OutreachC : public capi_test::ArchiveTest {
protected:
    std::int64_t customer(const char* name, const char* gender, const char* mobile) {
        return add_customer({{"site", "XH"}, {"channel", "call"}, {"name", name}, {"gender", gender}, {"mobile", mobile}})["id"]
            .get<std::int64_t>();
    }
    json send(const json& doc, Got& got) {
        return ok([&](char** out) { return snowball_outreach_send(out, archive_, doc.dump().c_str(), recording_sender, &got); });
    }
};

TEST_F(OutreachC, ACSenderGetsEachMessageOnceAndItsAnswerIsKept) {
    const std::int64_t zhang = customer("张伟", "male", "13800138000");
    const std::int64_t li = customer("李娜", "female", "13900139000");
    const json doc = {{"key", "spring-2027"},
                      {"audience", {{{"scope", "customers"}, {"customer_ids", {zhang, li}}}}},
                      {"text", "{salutation}您好，{festival}快乐！"},
                      {"values", {{"festival", "春节"}}},
                      {"at", "2026-01-05T10:00"}};
    Got got;
    const json first = send(doc, got);
    EXPECT_EQ(2, first["sent"]);
    ASSERT_EQ(2u, got.messages.size());
    EXPECT_EQ("张先生您好，春节快乐！", got.messages[0]["text"]);
    EXPECT_EQ("13800138000", got.messages[0]["to"]);
    EXPECT_EQ("sms", got.messages[0]["channel"]);
    EXPECT_EQ(1, got.messages[0]["segments"]);
    EXPECT_EQ("c-1", first["deliveries"][0]["message_id"]);

    const json second = send(doc, got);
    EXPECT_EQ(0, second["sent"]);
    EXPECT_EQ(2, second["reasons"]["already_sent"]);
    EXPECT_EQ(2u, got.messages.size());

    // A receipt by the sender's id.
    const json receipt = ok([&](char** out) {
        return snowball_outreach_receipt(out, archive_, R"({"message_id": "c-1", "channel": "sms", "status": "delivered"})");
    });
    EXPECT_EQ("delivered", receipt["status"]);
    const json stats = ok([&](char** out) { return snowball_outreach_stats(out, archive_, "spring-2027"); });
    EXPECT_EQ(2, stats["total"]["sent"]);
    EXPECT_EQ(1, stats["total"]["delivered"]);
}

TEST_F(OutreachC, AFailingCSenderIsAFailedDeliveryWithItsWords) {
    const std::int64_t zhang = customer("张伟", "male", "13800138000");
    Got got;
    got.fail = true;
    const json r = send({{"key", "f1"}, {"audience", {{{"scope", "customers"}, {"customer_ids", {zhang}}}}}, {"text", "您好"},
                         {"at", "2026-01-05T10:00"}},
                        got);
    EXPECT_EQ(1, r["failed"]);
    const json failures = ok([&](char** out) { return snowball_outreach_failures(out, archive_, "f1"); });
    ASSERT_EQ(1u, failures.size());
    EXPECT_EQ("网关拒绝", failures[0]["error"]);
    // A registered sender serves the retry.
    got.fail = false;
    ASSERT_SB_OK(snowball_outreach_register_sender(archive_, "sms", recording_sender, &got));
    const json again = ok([&](char** out) { return snowball_outreach_retry(out, archive_, "f1", nullptr, nullptr, "2026-01-05T10:00"); });
    EXPECT_EQ(1, again["sent"]);
    const json length = ok([&](char** out) { return snowball_sms_length(out, "您好"); });
    EXPECT_EQ(1, length["segments"]);
    const json placeholders = ok([&](char** out) { return snowball_message_template_check(out, "{salutation}{site}"); });
    EXPECT_EQ(json::array({"salutation", "site"}), placeholders);
}

} // namespace
