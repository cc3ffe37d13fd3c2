// Every C function of snowball/outreach.h with NULL for each pointer parameter and with invalid
// arguments: each call returns the right negative status, the thread's last error names the field,
// the out-parameter is NULL afterwards, and nothing is written (the raw database is compared).
#include "capi_support.hpp"
#include "test_support.hpp"

#include <climits>
#include <cstring>
#include <string>

namespace {

using capi_test::json;
using capi_test::Out;

int ok_sender(void*, const char*, char* id, size_t capacity, char*, size_t) {
    std::strncpy(id, "ok", capacity);
    return 0;
}

class OutreachInput : public capi_test::ArchiveTest {
protected:
    void SetUp() override {
        capi_test::ArchiveTest::SetUp();
        zhang_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"gender", "male"}, {"mobile", "13800138000"}})["id"]
                     .get<std::int64_t>();
        const json sending = {{"key", "k1"}, {"audience", {{{"scope", "customers"}, {"customer_ids", {zhang_}}}}},
                              {"text", "{salutation}您好"}, {"at", "2026-01-05T10:00"}};
        const json sent = ok([&](char** out) { return snowball_outreach_send(out, archive_, sending.dump().c_str(), ok_sender, nullptr); });
        delivery_ = sent["deliveries"][0]["id"].get<std::int64_t>();
        news_ = ok([&](char** out) { return snowball_news_add(out, archive_, R"({"site": "XH", "title": "开盘"})"); })["id"].get<std::int64_t>();
        template_ = ok([&](char** out) {
                        return snowball_message_template_add(out, archive_, R"({"site": "XH", "key": "t1", "text": "{salutation}"})");
                    })["id"].get<std::int64_t>();
    }
    std::string raw() const { return snowball::testing::dump_archive(path_); }
    std::string sending_with(const json& changes) const {
        json doc = {{"key", "k2"}, {"audience", {{{"scope", "customers"}, {"customer_ids", {zhang_}}}}}, {"text", "您好"}};
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (it.value().is_null()) doc.erase(it.key());
            else doc[it.key()] = it.value();
        }
        return doc.dump();
    }
    std::int64_t zhang_ = 0, delivery_ = 0, news_ = 0, template_ = 0;
};

const std::int64_t bad_ids[] = {0, -1, 424242, INT64_MAX};

TEST_F(OutreachInput, SendsAndRetries) {
    const std::string before = raw();
    const auto send = [&](char** out, const std::string& doc) { return snowball_outreach_send(out, archive_, doc.c_str(), ok_sender, nullptr); };
    const std::string good = sending_with(json::object());
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_outreach_send(nullptr, archive_, good.c_str(), ok_sender, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_outreach_send(out, nullptr, good.c_str(), ok_sender, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "sending_json", snowball_outreach_send(out, archive_, nullptr, ok_sender, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "sending_json", send(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key", send(out, sending_with({{"key", nullptr}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key", send(out, sending_with({{"key", "a b"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience", send(out, sending_with({{"audience", json::array()}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience[0].scope", send(out, sending_with({{"audience", {{{"scope", "everyone"}}}}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "audience[0].site", send(out, sending_with({{"audience", {{{"scope", "site_owners"}, {"site", "ZZ"}}}}})));
    for (std::int64_t bad : bad_ids)
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "audience[0].customer_ids[0]",
                     send(out, sending_with({{"audience", {{{"scope", "customers"}, {"customer_ids", {bad}}}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", send(out, sending_with({{"text", "{nope}"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", send(out, sending_with({{"text", "{festival}"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", send(out, sending_with({{"text", nullptr}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "values.name", send(out, sending_with({{"values", {{"name", "x"}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", send(out, sending_with({{"channel", "phone"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "at", send(out, sending_with({{"at", "soon"}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "template_id", send(out, sending_with({{"text", nullptr}, {"template_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "news_id", send(out, sending_with({{"news_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "event_id", send(out, sending_with({{"event_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "sender", snowball_outreach_send(out, archive_, good.c_str(), nullptr, nullptr));

    EXPECT_FAILS(SNOWBALL_EINVALID, "key", snowball_outreach_retry(out, archive_, nullptr, ok_sender, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "key", snowball_outreach_retry(out, archive_, "nope", ok_sender, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "at", snowball_outreach_retry(out, archive_, "k1", ok_sender, nullptr, "soon"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_outreach_retry(out, nullptr, "k1", ok_sender, nullptr, nullptr));

    EXPECT_FAILS(SNOWBALL_EINVALID, "batch_json", snowball_outreach_send_greetings(out, archive_, nullptr, ok_sender, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_outreach_send_greetings(out, archive_, R"({"site": "XH"})", ok_sender, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site",
                 snowball_outreach_send_greetings(out, archive_, R"({"site": "ZZ", "date": "2026-09-25"})", ok_sender, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "sender",
                 snowball_outreach_send_greetings(out, archive_, R"({"site": "XH", "date": "2026-09-25"})", nullptr, nullptr));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "channel", snowball_outreach_register_sender(archive_, nullptr, ok_sender, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "channel", snowball_outreach_register_sender(archive_, "phone", ok_sender, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_outreach_register_sender(nullptr, "sms", ok_sender, nullptr));
    EXPECT_EQ(before, raw());
}

TEST_F(OutreachInput, ReceiptsAndReads) {
    const std::string before = raw();
    EXPECT_FAILS(SNOWBALL_EINVALID, "receipt_json", snowball_outreach_receipt(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "status", snowball_outreach_receipt(out, archive_, R"({"delivery_id": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "status", snowball_outreach_receipt(out, archive_, R"({"delivery_id": 1, "status": "queued"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "delivery_id", snowball_outreach_receipt(out, archive_, R"({"status": "read"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "delivery_id", snowball_outreach_receipt(out, archive_, R"({"delivery_id": 424242, "status": "read"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "message_id",
                 snowball_outreach_receipt(out, archive_, R"({"message_id": "zz", "channel": "sms", "status": "read"})"));
    for (std::int64_t bad : bad_ids) {
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "delivery_id", snowball_outreach_delivery(out, archive_, bad));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "news_id", snowball_news_get(out, archive_, bad));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "template_id", snowball_message_template_get(out, archive_, bad));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "template_id", snowball_message_template_update(out, archive_, bad, "x", nullptr));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_message_template_render(out, archive_, "x", bad, nullptr));
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "key", snowball_outreach_deliveries(out, archive_, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "key", snowball_outreach_deliveries(out, archive_, "nope", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "status", snowball_outreach_deliveries(out, archive_, "k1", "lost"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "key", snowball_outreach_failures(out, archive_, "nope"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_outreach_failures(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key", snowball_outreach_stats(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "key", snowball_outreach_stats(out, archive_, "nope"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_outreach_items(out, archive_, nullptr, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_outreach_items(out, archive_, "XH", "2026-13-01", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_outreach_received(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", snowball_outreach_received(out, archive_, "{}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_outreach_received(out, archive_, R"({"customer_id": 424242})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_outreach_settings(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_outreach_settings(out, archive_, "ZZ"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_outreach_update_settings(out, archive_, "XH", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "weekly_cap", snowball_outreach_update_settings(out, archive_, "XH", R"({"weekly_cap": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "timeout_ms", snowball_outreach_update_settings(out, archive_, "XH", R"({"timeout_ms": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "max_attempts", snowball_outreach_update_settings(out, archive_, "XH", R"({"max_attempts": 11})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "news_json", snowball_news_add(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "title", snowball_news_add(out, archive_, R"({"site": "XH", "title": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind", snowball_news_add(out, archive_, R"({"site": "XH", "title": "x", "kind": "gossip"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_news_list(out, archive_, nullptr, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_news_list(out, archive_, "XH", nullptr, "tomorrow"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "template_json", snowball_message_template_add(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "key",
                 snowball_message_template_add(out, archive_, R"({"site": "XH", "key": "t1", "text": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_message_template_add(out, archive_, R"({"key": "t2", "text": "{x}"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_message_template_update(out, archive_, template_, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_message_template_update(out, archive_, template_, "{x}", nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_message_template_list(out, archive_, "ZZ"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_message_template_render(out, archive_, nullptr, zhang_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "values_json", snowball_message_template_render(out, archive_, "x", zhang_, "["));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_message_template_check(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_message_template_check(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_sms_length(out, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_sms_length(nullptr, "x"));
    EXPECT_EQ(before, raw());
}

} // namespace
