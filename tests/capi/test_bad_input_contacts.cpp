// Every C function of snowball/contacts.h with NULL for each pointer parameter and with invalid
// arguments: each call returns the right negative status, the thread's last error names the field,
// the out-parameter is NULL afterwards, and nothing is written (the raw database is compared).
// tests/capi/check_coverage.py checks that every declared function is called in a bad-input test.
#include "contacts_fixture.hpp"
#include "test_support.hpp"

#include <climits>
#include <string>

namespace {

using capi_test::json;
using capi_test::last_error_text;
using capi_test::Out;

// The contacts fixture (张伟 at XH, filed in January 2025) with one call logged in October.
class ContactsInput : public capi_test::ContactsTest {
protected:
    void SetUp() override {
        capi_test::ContactsTest::SetUp();
        entry_ = log(zhang_, {{"channel", "phone"}, {"outcome", "reached"}, {"at", "2025-10-01T10:00"}})["id"].get<std::int64_t>();
    }

    std::string raw() const { return snowball::testing::dump_archive(path_); }

    // A valid contact with one key replaced (or added); null removes it.
    static std::string contact_with(const json& changes) {
        json doc = {{"channel", "phone"}, {"outcome", "reached"}, {"at", "2025-10-02T10:00"}};
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (it.value().is_null()) doc.erase(it.key());
            else doc[it.key()] = it.value();
        }
        return doc.dump();
    }

    std::int64_t entry_ = 0;
};

const std::int64_t bad_ids[] = {0, -1, 424242, INT64_MAX};

TEST_F(ContactsInput, Log) {
    const std::string before = raw();
    const auto try_log = [&](char** out, const std::string& doc) { return snowball_contact_log(out, archive_, zhang_, doc.c_str()); };
    const std::string good = contact_with(json::object());
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_log(nullptr, archive_, zhang_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_log(out, nullptr, zhang_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "contact_json", snowball_contact_log(out, archive_, zhang_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "contact_json", try_log(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "contact_json", try_log(out, "[]"));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_contact_log(out, archive_, bad, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "chanel", try_log(out, contact_with({{"chanel", "phone"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", try_log(out, contact_with({{"channel", nullptr}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", try_log(out, contact_with({{"channel", "fax"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", try_log(out, contact_with({{"channel", 1}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "direction", try_log(out, contact_with({{"direction", "sideways"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", try_log(out, contact_with({{"outcome", nullptr}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", try_log(out, contact_with({{"outcome", " "}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", try_log(out, contact_with({{"outcome", "happy"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "intent", try_log(out, contact_with({{"intent", "Z"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", try_log(out, contact_with({{"note", "\x07"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", try_log(out, contact_with({{"note", std::string(2001, 'x')}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "at", try_log(out, contact_with({{"at", "yesterday"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "at", try_log(out, contact_with({{"at", "2025-02-30T10:00"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "at", try_log(out, contact_with({{"at", "2999-01-01T10:00"}})));   // ahead of now
    EXPECT_FAILS(SNOWBALL_EINVALID, "at", try_log(out, contact_with({{"at", "2024-12-31T10:00"}})));   // before the first contact
    EXPECT_FAILS(SNOWBALL_EINVALID, "duration_s", try_log(out, contact_with({{"duration_s", -1}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "duration_s", try_log(out, contact_with({{"duration_s", 86401}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "duration_s", try_log(out, contact_with({{"duration_s", "60"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "next_contact", try_log(out, contact_with({{"next_contact", "2025-10-05"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "next_contact.date", try_log(out, contact_with({{"next_contact", {{"time", "10:00"}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "next_contact.date", try_log(out, contact_with({{"next_contact", {{"date", "2025-10-01"}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "next_contact.date", try_log(out, contact_with({{"next_contact", {{"date", "2030-01-01"}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "next_contact.time",
                 try_log(out, contact_with({{"next_contact", {{"date", "2025-10-05"}, {"time", "25:00"}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "next_contact.channel",
                 try_log(out, contact_with({{"next_contact", {{"date", "2025-10-05"}, {"channel", "fax"}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "next_contact.purpose",
                 try_log(out, contact_with({{"next_contact", {{"date", "2025-10-05"}, {"purpose", std::string(201, 'x')}}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "next_contact.when",
                 try_log(out, contact_with({{"next_contact", {{"date", "2025-10-05"}, {"when", "morning"}}}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", try_log(out, contact_with({{"by", 424242}})));
    // Another site's consultant did not make a contact with this site's customer.
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", try_log(out, contact_with({{"by", bj_consultant_}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "care_task_id", try_log(out, contact_with({{"care_task_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "ticket_id", try_log(out, contact_with({{"ticket_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "campaign_id", try_log(out, contact_with({{"campaign_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "referral_id", try_log(out, contact_with({{"referral_id", 424242}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", try_log(out, contact_with({{"deal_id", 424242}})));
    EXPECT_EQ(before, raw());
    // Quiet hours refuse a call planned inside them.
    ok([&](char** o) { return snowball_contact_update_settings(o, archive_, "XH", R"({"quiet_hours": {"from": "21:00", "to": "09:00"}})"); });
    const std::string settled = raw();
    EXPECT_FAILS(SNOWBALL_EINVALID, "next_contact.time",
                 try_log(out, contact_with({{"next_contact", {{"date", "2025-10-05"}, {"time", "22:00"}}}})));
    EXPECT_EQ(settled, raw());
    ok([&](char** o) { return snowball_contact_update_settings(o, archive_, "XH", R"({"quiet_hours": null})"); });
    // Do-not-contact refuses an outbound call and a call planned.
    ok([&](char** o) { return snowball_contact_do_not_contact(o, archive_, zhang_, "phone", 0); });
    const std::string objected = raw();
    EXPECT_FAILS(SNOWBALL_ECONSENT, "channel", try_log(out, good));
    EXPECT_FAILS(SNOWBALL_ECONSENT, "next_contact.channel",
                 try_log(out, contact_with({{"channel", "sms"}, {"outcome", "sent"}, {"next_contact", {{"date", "2025-10-05"}, {"channel", "phone"}}}})));
    EXPECT_EQ(objected, raw());
}

TEST_F(ContactsInput, Correct) {
    const std::string before = raw();
    const std::string good = contact_with({{"at", nullptr}});
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_correct(nullptr, archive_, entry_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_correct(out, nullptr, entry_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "contact_json", snowball_contact_correct(out, archive_, entry_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "contact_json", snowball_contact_correct(out, archive_, entry_, "7"));
    for (std::int64_t bad : bad_ids)
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "entry_id", snowball_contact_correct(out, archive_, bad, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_contact_correct(out, archive_, entry_, contact_with({{"outcome", "happy"}}).c_str()));
    EXPECT_EQ(before, raw());
    // An entry corrected already: the conflict names the correction.
    const std::int64_t fixed = ok([&](char** o) { return snowball_contact_correct(o, archive_, entry_, good.c_str()); })["id"];
    const std::string corrected = raw();
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "entry_id", snowball_contact_correct(out, archive_, entry_, good.c_str()));
    EXPECT_EQ(fixed, snowball_error_last()->record_id);
    EXPECT_EQ(corrected, raw());
}

TEST_F(ContactsInput, Reads) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_get(nullptr, archive_, entry_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_get(out, nullptr, entry_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "entry_id", snowball_contact_get(out, archive_, bad));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_history(nullptr, archive_, zhang_, 0, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_history(out, nullptr, zhang_, 0, 0));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_contact_history(out, archive_, bad, 0, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_contact_history(out, archive_, zhang_, -1, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_contact_history(out, archive_, zhang_, 10001, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_contact_history(out, archive_, zhang_, INT_MIN, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_superseded", snowball_contact_history(out, archive_, zhang_, 0, 2));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_superseded", snowball_contact_history(out, archive_, zhang_, 0, -1));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_follow_up(nullptr, archive_, zhang_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_follow_up(out, nullptr, zhang_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_contact_follow_up(out, archive_, bad));

    const auto freq = [&](char** out, const char* q) { return snowball_contact_frequency(out, archive_, q); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_frequency(nullptr, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_frequency(out, nullptr, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", freq(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", freq(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", freq(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer", freq(out, R"({"customer": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", freq(out, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", freq(out, json({{"customer_id", zhang_}, {"site", "XH"}}).dump().c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", freq(out, R"({"customer_id": "1"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "as_of", freq(out, R"({"site": "XH", "as_of": "2025-13-01"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", freq(out, R"({"customer_id": 424242})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", freq(out, R"({"consultant_id": 424242})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", freq(out, R"({"site": "NOPE"})"));
}

TEST_F(ContactsInput, TheListOfTheDayAndTheQuietCustomers) {
    const std::string before = raw();
    const auto due = [&](char** out, const char* q) { return snowball_contact_due(out, archive_, q); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_due(nullptr, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_due(out, nullptr, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", due(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", due(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", due(out, "\"XH\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "day", due(out, R"({"day": "2025-10-05", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", due(out, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", due(out, R"({"on": "2025-10-32", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_overdue", due(out, R"({"site": "XH", "include_overdue": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", due(out, R"({"site": "X!"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", due(out, R"({"site": "NOPE"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", due(out, R"({"consultant_id": 424242})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", due(out, json({{"consultant_id", bj_consultant_}, {"site", "XH"}}).dump().c_str()));
    EXPECT_EQ(before, raw());

    const auto quiet = [&](char** out, const char* q) { return snowball_contact_not_contacted(out, archive_, q); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_not_contacted(nullptr, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_not_contacted(out, nullptr, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", quiet(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", quiet(out, "[1]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", quiet(out, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", quiet(out, R"({"site": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "days", quiet(out, R"({"site": "XH", "days": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "days", quiet(out, R"({"site": "XH", "days": 3651})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", quiet(out, R"({"site": "XH", "stage": "buyer"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", quiet(out, R"({"site": "XH", "tier": "gold"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "as_of", quiet(out, R"({"site": "XH", "as_of": "soon"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", quiet(out, R"({"site": "XH", "limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", quiet(out, R"({"site": "XH", "limit": 100001})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", quiet(out, R"({"site": "XH", "offset": -1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", quiet(out, R"({"site": "NOPE"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", quiet(out, R"({"site": "XH", "consultant_id": 424242})"));
}

TEST_F(ContactsInput, DoNotContact) {
    const std::string before = raw();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_do_not_contact(nullptr, archive_, zhang_, "phone", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_do_not_contact(out, nullptr, zhang_, "phone", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", snowball_contact_do_not_contact(out, archive_, zhang_, "fax", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", snowball_contact_do_not_contact(out, archive_, zhang_, "", 0));
    for (std::int64_t by : {std::int64_t{-1}, INT64_MIN})
        EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_contact_do_not_contact(out, archive_, zhang_, "phone", by));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_contact_do_not_contact(out, archive_, zhang_, "phone", 424242));
    for (std::int64_t bad : bad_ids)
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_contact_do_not_contact(out, archive_, bad, nullptr, 0));
    EXPECT_EQ(before, raw());

    int lifted = -1;
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_count", snowball_contact_allow_contact(nullptr, archive_, zhang_, "phone", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_contact_allow_contact(&lifted, nullptr, zhang_, "phone", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "channel", snowball_contact_allow_contact(&lifted, archive_, zhang_, "fax", 0));
    EXPECT_EQ(0, lifted);
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "customer_id", snowball_contact_allow_contact(&lifted, archive_, 424242, nullptr, 0));
    EXPECT_EQ(before, raw());

    int allowed = -1;
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_allowed", snowball_contact_may_contact(nullptr, archive_, zhang_, "phone"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_contact_may_contact(&allowed, nullptr, zhang_, "phone"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "channel", snowball_contact_may_contact(&allowed, archive_, zhang_, "fax"));
    EXPECT_EQ(0, allowed);   // emptied on entry, so a failure never reads as an answer
    for (std::int64_t bad : bad_ids)
        EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "customer_id", snowball_contact_may_contact(&allowed, archive_, bad, nullptr));
}

TEST_F(ContactsInput, Settings) {
    const std::string before = raw();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_settings(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_settings(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_contact_settings(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_contact_settings(out, archive_, "X!"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_contact_settings(out, archive_, "NOPE"));

    const auto update = [&](char** out, const char* doc) { return snowball_contact_update_settings(out, archive_, "XH", doc); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_update_settings(nullptr, archive_, "XH", "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_update_settings(out, nullptr, "XH", "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_contact_update_settings(out, archive_, nullptr, "{}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_contact_update_settings(out, archive_, "NOPE", "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcomes", update(out, R"({"outcomes": []})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "grades", update(out, R"({"grades": []})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "grades[0].key", update(out, R"({"grades": [{"key": "A B", "label": "x"}]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "grades[1].key",
                 update(out, R"({"grades": [{"key": "A", "label": "x"}, {"key": "A", "label": "y"}]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "grades[0].every_days", update(out, R"({"grades": [{"key": "A", "label": "x", "every_days": 0}]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "grades[0].key", update(out, R"({"grades": [{"label": "x"}]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "owner_every_days", update(out, R"({"owner_every_days": 366})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "owner_every_days", update(out, R"({"owner_every_days": "30"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "quiet_hours.from", update(out, R"({"quiet_hours": {"from": "25:00", "to": "09:00"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "quiet_hours.to", update(out, R"({"quiet_hours": {"from": "21:00"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "quiet_hours.to", update(out, R"({"quiet_hours": {"from": "21:00", "to": "21:00"}})"));
    EXPECT_EQ(before, raw());

    const auto add = [&](char** out, const char* doc) { return snowball_contact_add_outcome(out, archive_, "XH", doc); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_contact_add_outcome(nullptr, archive_, "XH", R"({"key": "k", "label": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_contact_add_outcome(out, nullptr, "XH", R"({"key": "k", "label": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_contact_add_outcome(out, archive_, nullptr, R"({"key": "k", "label": "x"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_contact_add_outcome(out, archive_, "NOPE", R"({"key": "k", "label": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome_json", add(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome_json", add(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key", add(out, R"({"label": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key", add(out, R"({"key": "Bad Key", "label": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "label", add(out, R"({"key": "k", "label": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "builtin", add(out, R"({"key": "k", "label": "x", "builtin": true})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reached", add(out, R"({"key": "k", "label": "x", "reached": "yes"})"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "key", add(out, R"({"key": "reached", "label": "联系上"})"));
    EXPECT_EQ(before, raw());
}

TEST_F(ContactsInput, Reports) {
    for (auto fn : {snowball_report_care, snowball_report_care_csv}) {
        const auto report = [&](char** out, const char* q) { return fn(out, archive_, q); };
        EXPECT_FAILS(SNOWBALL_EINVALID, "archive", fn(out, nullptr, R"({"site": "XH", "start": "2025-10-01", "end": "2025-10-31"})"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", report(out, nullptr));
        EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", report(out, "{"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", report(out, "[]"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "site", report(out, R"({"start": "2025-10-01", "end": "2025-10-31"})"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "start", report(out, R"({"site": "XH", "end": "2025-10-31"})"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "end", report(out, R"({"site": "XH", "start": "2025-10-01"})"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "end", report(out, R"({"site": "XH", "start": "2025-10-01", "end": "2025-09-30"})"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "end", report(out, R"({"site": "XH", "start": "2025-01-01", "end": "2026-01-03"})"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "period",
                     report(out, R"({"site": "XH", "start": "2025-10-01", "end": "2025-10-31", "period": "year"})"));
        EXPECT_FAILS(SNOWBALL_EINVALID, "as_of",
                     report(out, R"({"site": "XH", "start": "2025-10-01", "end": "2025-10-31", "as_of": "2025/10/31"})"));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", report(out, R"({"site": "NOPE", "start": "2025-10-01", "end": "2025-10-31"})"));
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id",
                     report(out, R"({"site": "XH", "start": "2025-10-01", "end": "2025-10-31", "consultant_id": 424242})"));
    }
    // The calls above, by name for the coverage check.
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_report_care(nullptr, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_csv", snowball_report_care_csv(nullptr, archive_, R"({"site": "XH"})"));

    // Both forms at once: neither is given when the call fails.
    char* csv = reinterpret_cast<char*>(1);
    EXPECT_FAILS(SNOWBALL_EINVALID, "out_csv", snowball_report_care_with_csv(out, nullptr, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json",
                        snowball_report_care_with_csv(nullptr, &csv, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive",
                 snowball_report_care_with_csv(out, &csv, nullptr, R"({"site": "XH", "start": "2025-10-01", "end": "2025-10-31"})"));
    EXPECT_EQ(nullptr, csv);
    EXPECT_FAILS(SNOWBALL_EINVALID, "end",
                 snowball_report_care_with_csv(out, &csv, archive_, R"({"site": "XH", "start": "2025-10-01", "end": "2025-09-30"})"));
    EXPECT_EQ(nullptr, csv);
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site",
                 snowball_report_care_with_csv(out, &csv, archive_, R"({"site": "NOPE", "start": "2025-10-01", "end": "2025-10-31"})"));
    EXPECT_EQ(nullptr, csv);
}

} // namespace
