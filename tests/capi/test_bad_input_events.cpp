// Every C function of snowball/events.h with NULL for each pointer parameter and with invalid
// arguments: each call returns the right negative status, the thread's last error names the field,
// the out-parameter is NULL afterwards, and nothing is written (the raw database is compared).
#include "events_fixture.hpp"
#include "test_support.hpp"

#include <climits>
#include <string>

namespace {

using capi_test::json;

class EventsInput : public capi_test::EventsTest {
protected:
    std::string raw() const { return snowball::testing::dump_archive(path_); }

    // A valid event with one key replaced (or added); null removes it.
    std::string event_with(const json& changes) const {
        json doc = {{"site", "XH"}, {"title", "工地开放日"}, {"start", at(5)}};
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (it.value().is_null()) doc.erase(it.key());
            else doc[it.key()] = it.value();
        }
        return doc.dump();
    }
};

const std::int64_t bad_ids[] = {0, -1, 424242, INT64_MAX};

TEST_F(EventsInput, KindsAndCreate) {
    const std::string before = raw();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_kinds(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_kinds(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_event_kinds(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_event_kinds(out, archive_, "NOPE"));

    const char* kind = R"({"key": "tea_party", "label": "品茶会"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_add_kind(nullptr, archive_, "XH", kind));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_add_kind(out, nullptr, "XH", kind));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_event_add_kind(out, archive_, nullptr, kind));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind_json", snowball_event_add_kind(out, archive_, "XH", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind_json", snowball_event_add_kind(out, archive_, "XH", "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key", snowball_event_add_kind(out, archive_, "XH", R"({"key": "Tea", "label": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "label", snowball_event_add_kind(out, archive_, "XH", R"({"key": "tea"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "builtin", snowball_event_add_kind(out, archive_, "XH", R"({"key": "tea", "label": "x", "builtin": true})"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "key", snowball_event_add_kind(out, archive_, "XH", R"({"key": "cocktail", "label": "x"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_event_add_kind(out, archive_, "NOPE", kind));

    const auto try_create = [&](char** out, const std::string& doc) { return snowball_event_create(out, archive_, doc.c_str()); };
    const std::string good = event_with(json::object());
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_create(nullptr, archive_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_create(out, nullptr, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "event_json", snowball_event_create(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "event_json", try_create(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", try_create(out, event_with({{"site", nullptr}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", try_create(out, event_with({{"site", "NOPE"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind", try_create(out, event_with({{"kind", "rave"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "title", try_create(out, event_with({{"title", ""}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "title", try_create(out, event_with({{"title", std::string(101, 'x')}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "start", try_create(out, event_with({{"start", "saturday"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "start", try_create(out, event_with({{"start", "2026-02-30T10:00"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "start", try_create(out, event_with({{"start", "2999-01-01T10:00"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "duration_minutes", try_create(out, event_with({{"duration_minutes", 0}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "capacity", try_create(out, event_with({{"capacity", -1}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "capacity", try_create(out, event_with({{"capacity", "ten"}})));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "host", try_create(out, event_with({{"host", 424242}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "host", try_create(out, event_with({{"host", bj_consultant_}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "host", try_create(out, event_with({{"host", left_consultant_}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "place", try_create(out, event_with({{"place", "\x07"}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "colour", try_create(out, event_with({{"colour", "red"}})));
    EXPECT_EQ(before, raw());
}

TEST_F(EventsInput, SeriesAndUpdates) {
    const std::string before = raw();
    const json first = json::parse(event_with(json::object()));
    const auto try_series = [&](char** out, const json& doc) {
        return snowball_event_create_series(out, archive_, doc.dump().c_str());
    };
    const json good = {{"first", first}, {"count", 3}};
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_create_series(nullptr, archive_, good.dump().c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_create_series(out, nullptr, good.dump().c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "series_json", snowball_event_create_series(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first", try_series(out, json{{"count", 3}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first.title", try_series(out, json{{"first", {{"site", "XH"}, {"start", at(5)}}}, {"count", 3}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "until", try_series(out, json{{"first", first}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "count", try_series(out, json{{"first", first}, {"count", 0}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "every_weeks", try_series(out, json{{"first", first}, {"count", 2}, {"every_weeks", 0}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "until", try_series(out, json{{"first", first}, {"until", "2020-01-01"}}));

    const char* update = R"({"title": "新标题"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_update(nullptr, archive_, event_, update));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_update(out, nullptr, event_, update));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_event_update(out, archive_, event_, nullptr));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "event_id", snowball_event_update(out, archive_, bad, update));
    EXPECT_FAILS(SNOWBALL_EINVALID, "title", snowball_event_update(out, archive_, event_, R"({"title": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "start", snowball_event_update(out, archive_, event_, R"({"start": "soon"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "capacity", snowball_event_update(out, archive_, event_, R"({"capacity": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "host", snowball_event_update(out, archive_, event_, json{{"host", bj_consultant_}}.dump().c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind", snowball_event_update(out, archive_, event_, R"({"kind": "cocktail"})"));
    EXPECT_EQ(before, raw());

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_cancel(nullptr, archive_, event_, "雨", nullptr, 0, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_cancel(out, nullptr, event_, "雨", nullptr, 0, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_event_cancel(out, archive_, event_, nullptr, nullptr, 0, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_event_cancel(out, archive_, event_, " ", nullptr, 0, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", snowball_event_cancel(out, archive_, event_, "雨", "fax", 0, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", snowball_event_cancel(out, archive_, event_, "雨", "phone", 0, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_event_cancel(out, archive_, event_, "雨", nullptr, 424242, nullptr, nullptr));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "event_id", snowball_event_cancel(out, archive_, bad, "雨", nullptr, 0, nullptr, nullptr));
    EXPECT_EQ(before, raw());
    ok([&](char** o) { return snowball_event_cancel(o, archive_, event_, "雨", nullptr, 0, nullptr, nullptr); });
    const std::string cancelled = raw();
    EXPECT_FAILS(SNOWBALL_ESTATE, "event_id", snowball_event_cancel(out, archive_, event_, "雨", nullptr, 0, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ESTATE, "event_id", snowball_event_update(out, archive_, event_, update));
    EXPECT_EQ(cancelled, raw());
}

TEST_F(EventsInput, Reads) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_get(nullptr, archive_, event_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_get(out, nullptr, event_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "event_id", snowball_event_get(out, archive_, bad));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_list(nullptr, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_list(out, nullptr, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_event_list(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_event_list(out, archive_, "{}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_event_list(out, archive_, R"({"site": "NOPE"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_event_list(out, archive_, R"({"site": "XH", "from": "May"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_event_list(out, archive_, R"({"site": "XH", "from": "2026-05-02", "to": "2026-05-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "kind", snowball_event_list(out, archive_, R"({"site": "XH", "kind": "rave"})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_series(nullptr, archive_, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_series(out, nullptr, 1));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "series_id", snowball_event_series(out, archive_, bad));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_invitations(nullptr, archive_, event_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_invitations(out, nullptr, event_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "event_id", snowball_event_invitations(out, archive_, bad));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_outcome(nullptr, archive_, event_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_outcome(out, nullptr, event_));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "event_id", snowball_event_outcome(out, archive_, bad));
}

TEST_F(EventsInput, InvitationsAndAnswers) {
    const std::string before = raw();
    const std::string good = json{{"audience", {{{"scope", "customers"}, {"customer_ids", {zhang_}}}}}}.dump();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_invite(nullptr, archive_, event_, good.c_str(), nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_invite(out, nullptr, event_, good.c_str(), nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "request_json", snowball_event_invite(out, archive_, event_, nullptr, nullptr, nullptr));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "event_id", snowball_event_invite(out, archive_, bad, good.c_str(), nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience", snowball_event_invite(out, archive_, event_, "{}", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience", snowball_event_invite(out, archive_, event_, R"({"audience": []})", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "audience[0].scope",
                 snowball_event_invite(out, archive_, event_, R"({"audience": [{"scope": "everyone"}]})", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel",
                 snowball_event_invite(out, archive_, event_, json{{"audience", json::parse(good)["audience"]}, {"channel", "phone"}}.dump().c_str(), nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text",
                 snowball_event_invite(out, archive_, event_,
                                       json{{"audience", json::parse(good)["audience"]}, {"channel", "sms"}, {"text", "{oops}"}}.dump().c_str(), nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "at",
                 snowball_event_invite(out, archive_, event_, json{{"audience", json::parse(good)["audience"]}, {"at", "now"}}.dump().c_str(), nullptr, nullptr));
    EXPECT_EQ(before, raw());

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_rsvp(nullptr, archive_, event_, zhang_, "yes", 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_rsvp(out, nullptr, event_, zhang_, "yes", 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answer", snowball_event_rsvp(out, archive_, event_, zhang_, nullptr, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answer", snowball_event_rsvp(out, archive_, event_, zhang_, "perhaps", 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "answer", snowball_event_rsvp(out, archive_, event_, zhang_, "none", 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "party", snowball_event_rsvp(out, archive_, event_, zhang_, "yes", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "party", snowball_event_rsvp(out, archive_, event_, zhang_, "yes", INT_MAX));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "event_id", snowball_event_rsvp(out, archive_, bad, zhang_, "yes", 1));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_event_rsvp(out, archive_, event_, bad, "yes", 1));
    EXPECT_FAILS(SNOWBALL_ESTATE, "customer_id", snowball_event_rsvp(out, archive_, event_, zhang_, "yes", 1));   // not invited
    EXPECT_EQ(before, raw());
    invite(event_, {zhang_, li_na_});
    ok([&](char** o) { return snowball_event_rsvp(o, archive_, event_, zhang_, "yes", 2); });
    ok([&](char** o) { return snowball_event_rsvp(o, archive_, event_, li_na_, "yes", 1); });
    const std::string invited = raw();
    // Over the capacity of 3: a party larger than the event, a party that outgrows the places left.
    EXPECT_FAILS(SNOWBALL_EINVALID, "party", snowball_event_rsvp(out, archive_, event_, li_na_, "yes", 4));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "party", snowball_event_rsvp(out, archive_, event_, zhang_, "yes", 3));
    EXPECT_EQ(invited, raw());

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_remind(nullptr, archive_, event_, "sms", nullptr, nullptr, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_remind(out, nullptr, event_, "sms", nullptr, nullptr, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", snowball_event_remind(out, archive_, event_, nullptr, nullptr, nullptr, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", snowball_event_remind(out, archive_, event_, "visit_site", nullptr, nullptr, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_event_remind(out, archive_, event_, "sms", "{", nullptr, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "at", snowball_event_remind(out, archive_, event_, "sms", nullptr, "tomorrow", nullptr, nullptr));
    for (std::int64_t bad : bad_ids)
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "event_id", snowball_event_remind(out, archive_, bad, "sms", nullptr, nullptr, nullptr, nullptr));
    EXPECT_EQ(invited, raw());
}

TEST_F(EventsInput, CheckInCloseAndCampaigns) {
    const std::string before = raw();
    const std::string good = json{{"customer_id", zhang_}}.dump();
    const auto try_in = [&](char** out, const json& doc) { return snowball_event_check_in(out, archive_, event_, doc.dump().c_str()); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_event_check_in(nullptr, archive_, event_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_event_check_in(out, nullptr, event_, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "check_in_json", snowball_event_check_in(out, archive_, event_, nullptr));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS(SNOWBALL_ENOTFOUND, "event_id", snowball_event_check_in(out, archive_, bad, good.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", try_in(out, json::object()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", try_in(out, json{{"customer_id", zhang_}, {"name", "刘洋"}}));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", try_in(out, json{{"customer_id", 424242}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", try_in(out, json{{"name", "刘洋"}, {"guest_of", zhang_}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", try_in(out, json{{"name", "刘洋"}, {"phone", "01065521234"}, {"guest_of", zhang_}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", try_in(out, json{{"phone", "13500135000"}, {"guest_of", zhang_}}));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "guest_of", try_in(out, json{{"name", "刘洋"}, {"phone", "13500135000"}, {"guest_of", 424242}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "guest_of", try_in(out, json{{"customer_id", zhang_}, {"guest_of", zhang_}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "gender", try_in(out, json{{"name", "刘洋"}, {"phone", "13500135000"}, {"gender", "x"}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "at", try_in(out, json{{"customer_id", zhang_}, {"at", "2999-01-01T10:00"}}));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", try_in(out, json{{"customer_id", zhang_}, {"by", bj_consultant_}}));
    EXPECT_EQ(before, raw());

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_count", snowball_event_close(nullptr, archive_, event_));
    std::int64_t count = 7;
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_event_close(&count, nullptr, event_));
    EXPECT_EQ(0, count);
    for (std::int64_t bad : bad_ids) EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "event_id", snowball_event_close(&count, archive_, bad));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ESTATE, "event_id", snowball_event_close(&count, archive_, event_));   // three days ahead

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_event_link_campaign(nullptr, event_, 1));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "event_id", snowball_event_link_campaign(archive_, bad, 1));
    for (std::int64_t bad : bad_ids) EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "campaign_id", snowball_event_link_campaign(archive_, event_, bad));
    EXPECT_EQ(before, raw());
}

} // namespace
