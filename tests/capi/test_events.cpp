// Site tours and owner events through the C API: an event in China time, a series, invitations
// in person, answers and the waitlist, check-in with a guest filed as a referred prospect, closing
// and the outcome.
#include "events_fixture.hpp"

namespace {

using capi_test::json;

using EventsApi = capi_test::EventsTest;

TEST_F(EventsApi, AnEventFromInvitationToOutcome) {
    const json e = ok([&](char** out) { return snowball_event_get(out, archive_, event_); });
    EXPECT_EQ("site_tour", e["kind"]);
    EXPECT_EQ("09:30", e["time"]);
    EXPECT_EQ(at(3).substr(0, 10), e["date"]);
    EXPECT_EQ(3, e["capacity"]);
    EXPECT_EQ("scheduled", e["status"]);

    const json invited = invite(event_, {zhang_, li_na_});
    EXPECT_EQ(2, invited["invited"]);
    EXPECT_EQ(json::array(), invited["skipped_ids"]);

    json r = ok([&](char** out) { return snowball_event_rsvp(out, archive_, event_, zhang_, "yes", 2); });
    EXPECT_EQ("yes", r["invitation"]["answer"]);
    EXPECT_EQ(false, r["invitation"]["waitlisted"]);
    r = ok([&](char** out) { return snowball_event_rsvp(out, archive_, event_, li_na_, "参加", 2); });
    EXPECT_EQ(true, r["invitation"]["waitlisted"]);
    EXPECT_EQ(1, r["invitation"]["waitlist_position"]);
    r = ok([&](char** out) { return snowball_event_rsvp(out, archive_, event_, zhang_, "yes", 1); });
    EXPECT_EQ(json::array({li_na_}), r["promoted"]);

    const json list = ok([&](char** out) { return snowball_event_invitations(out, archive_, event_); });
    ASSERT_EQ(2u, list.size());
    EXPECT_EQ(nullptr, list[0]["checked_in_at"]);

    const json query = {{"site", "XH"}};
    EXPECT_EQ(1u, ok([&](char** out) { return snowball_event_list(out, archive_, query.dump().c_str()); }).size());
    const json kinds = ok([&](char** out) { return snowball_event_kinds(out, archive_, "XH"); });
    EXPECT_EQ(6u, kinds.size());
}

TEST_F(EventsApi, AGuestAtTheDoorBecomesAReferredProspect) {
    const std::int64_t today = create({{"site", "XH"}, {"kind", "owner_party"}, {"title", "业主联谊会"}, {"start", at(0, "00:00")}})["id"];
    invite(today, {zhang_});
    ok([&](char** out) { return snowball_event_rsvp(out, archive_, today, zhang_, "yes", 2); });
    const json guest = {{"guest_of", zhang_}, {"name", "刘洋"}, {"phone", "13500135000"}};
    const json in = ok([&](char** out) { return snowball_event_check_in(out, archive_, today, guest.dump().c_str()); });
    EXPECT_EQ(true, in["new_prospect"]);
    EXPECT_TRUE(in["referral_id"].is_number());
    EXPECT_EQ(zhang_, in["invitation"]["guest_of"]);
    const json referral = ok([&](char** out) { return snowball_referral_get(out, archive_, in["referral_id"].get<std::int64_t>()); });
    EXPECT_EQ("event_guest", referral["method"]);

    std::int64_t no_shows = -1;
    ASSERT_SB_OK(snowball_event_close(&no_shows, archive_, today));
    EXPECT_EQ(0, no_shows);   // 张伟 came with their guest
    const json o = ok([&](char** out) { return snowball_event_outcome(out, archive_, today); });
    EXPECT_EQ(1, o["invited"]);
    EXPECT_EQ(2, o["attended"]);
    EXPECT_EQ(1, o["new_prospects"]);
    EXPECT_EQ(1.0, o["attendance_rate"]);
}

TEST_F(EventsApi, ASeriesAndItsChangedOccurrence) {
    const json series = {{"first", {{"site", "XH"}, {"title", "双周工地开放日"}, {"start", at(1)}}}, {"every_weeks", 2}, {"count", 3}};
    const json all = ok([&](char** out) { return snowball_event_create_series(out, archive_, series.dump().c_str()); });
    ASSERT_EQ(3u, all.size());
    const std::int64_t series_id = all[0]["series_id"];
    const json changed = ok([&](char** out) {
        return snowball_event_update(out, archive_, all[1]["id"].get<std::int64_t>(), R"({"place": "样板区", "capacity": null})");
    });
    EXPECT_EQ(true, changed["changed"]);
    const json again = ok([&](char** out) { return snowball_event_series(out, archive_, series_id); });
    EXPECT_EQ(false, again[0]["changed"]);
    EXPECT_EQ("样板区", again[1]["place"]);
    const json cancelled = ok([&](char** out) {
        return snowball_event_cancel(out, archive_, all[2]["id"].get<std::int64_t>(), "春节停工", nullptr, 0, nullptr, nullptr);
    });
    EXPECT_EQ("cancelled", cancelled["status"]);
}

} // namespace
