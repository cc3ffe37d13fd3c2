// Site tours and owner events: kinds, events in China time, series changed one by one,
// invitations under do-not-contact, answers and the waitlist, reminders and cancellation notices
// through the outreach, check-in with walk-ins and guests who become referred prospects, no-shows,
// outcomes, and the erasure of a person's invitations.
#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/events.hpp"
#include "snowball/feedback.hpp"
#include "snowball/outreach.hpp"
#include "snowball/privacy.hpp"
#include "snowball/referrals.hpp"

#include "office_fixtures.hpp"
#include "outbox.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

namespace {

// 周敏 manages XH; 王芳 and 赵强 are consultants there; 李强 at BJ.
class EventsTest : public ServiceOfficeTest {
protected:
    SiteEvents& events() { return archive_.events(); }

    std::int64_t customer(const std::string& name, const std::string& mobile, std::optional<std::int64_t> consultant = {},
                          const std::string& site = "XH") {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.mobile = mobile;
        c.consultant_id = consultant;
        c.filed_on = Date(2024, 1, 8);
        c.first_contact = Date(2024, 1, 8);
        return archive_.customers().add(c).id;
    }

    // A moment relative to today, China time: "2026-12-01T10:00".
    std::string at(int days_from_today, const std::string& hh_mm = "10:00") const {
        return to_iso(today_ + days(days_from_today)) + "T" + hh_mm;
    }

    NewEvent tour(int days_from_today, std::optional<int> capacity = std::nullopt) const {
        NewEvent e;
        e.site = "XH";
        e.kind = "site_tour";
        e.title = "工地开放日";
        e.start = at(days_from_today, days_from_today == 0 ? "00:00" : "09:30");   // today's has begun
        e.place = "3号楼施工现场";
        e.capacity = capacity;
        e.host = wang_;
        return e;
    }

    InviteRequest invite_list(std::vector<std::int64_t> ids) const {
        Recipients r;
        r.scope = AudienceScope::customers;
        r.customer_ids = std::move(ids);
        InviteRequest req;
        req.audience = {r};
        return req;
    }

    std::int64_t event_with(const std::vector<std::int64_t>& invited, int days_from_today = 3, std::optional<int> capacity = {}) {
        const Event e = events().create(tour(days_from_today, capacity));
        events().invite(e.id, invite_list(invited));
        return e.id;
    }

    // A guest the attendee brings to the door.
    CheckInResult bring(std::int64_t event, std::int64_t attendee, const std::string& name, const std::string& phone) {
        CheckIn guest;
        guest.guest_of = attendee;
        guest.name = name;
        guest.phone = phone;
        return events().check_in(event, guest);
    }

    const Date today_ = today_in_china();
};

TEST_F(EventsTest, TheBuiltInKindsAndASitesOwn) {
    const std::vector<EventKind> kinds = events().kinds("XH");
    ASSERT_EQ(6u, kinds.size());
    EXPECT_EQ("site_tour", kinds[0].key);
    EXPECT_EQ("工地开放日", kinds[0].label);
    EXPECT_TRUE(kinds[0].at_construction_site);
    EXPECT_TRUE(kinds[0].builtin);
    EXPECT_EQ("christmas_ball", kinds[3].key);

    const auto more = events().add_kind("XH", {"tea_party", "品茶会", false, true});
    ASSERT_EQ(7u, more.size());
    EXPECT_EQ("tea_party", more.back().key);
    EXPECT_FALSE(more.back().builtin);
    EXPECT_EQ(6u, events().kinds("BJ").size());   // a site's own kinds are its own
    SB_EXPECT_ERROR(events().add_kind("XH", {"tea_party", "again"}), conflict, "key", "tea_party");
    SB_EXPECT_ERROR(events().add_kind("XH", {"site_tour", "again"}), conflict, "key", "site_tour");
    SB_EXPECT_ERROR(events().add_kind("XH", {"Tea Party", "x"}), invalid_argument, "key", "not a key");
    SB_EXPECT_ERROR(events().add_kind("XH", {"x", ""}), invalid_argument, "label", "");
    SB_EXPECT_ERROR(events().kinds("NOPE"), not_found, "site", "");

    NewEvent e = tour(5);
    e.kind = "tea_party";
    EXPECT_EQ("tea_party", events().create(e).kind);
    e.site = "BJ";
    e.host = li_;
    SB_EXPECT_ERROR(events().create(e), invalid_argument, "kind", "tea_party");
}

TEST_F(EventsTest, AnEventIsGivenInChinaTimeAndStoredInUtc) {
    NewEvent n = tour(0);
    n.start = "2026-12-24T19:30";
    n.kind = "christmas_ball";
    n.title = "圣诞舞会";
    n.capacity = 80;
    n.description = "业主及家属，着正装";
    const Event e = events().create(n);
    EXPECT_GT(e.id, 0);
    EXPECT_EQ("2026-12-24T11:30:00Z", e.start);
    EXPECT_EQ(Date(2026, 12, 24), e.date);
    EXPECT_EQ("19:30", e.time);
    EXPECT_EQ(120, e.duration_minutes);
    EXPECT_EQ(std::optional<int>(80), e.capacity);
    EXPECT_EQ(std::optional<std::int64_t>(wang_), e.host);
    EXPECT_EQ(EventStatus::scheduled, e.status);
    EXPECT_FALSE(e.series_id);
    EXPECT_EQ(e.start, events().get(e.id).start);
    // Late evening in China is the next day's early morning nowhere else: the China day is kept.
    n.start = "2026-12-31T16:30Z";
    EXPECT_EQ(Date(2027, 1, 1), events().create(n).date);

    SB_EXPECT_ERROR(events().get(424242), not_found, "event_id", "no event");
    NewEvent bad = tour(1);
    bad.title = " ";
    SB_EXPECT_ERROR(events().create(bad), invalid_argument, "title", "");
    bad = tour(1);
    bad.start = "next Saturday";
    SB_EXPECT_ERROR(events().create(bad), invalid_argument, "start", "not a time");
    bad.start = "";
    SB_EXPECT_ERROR(events().create(bad), invalid_argument, "start", "required");
    bad = tour(1, 0);
    SB_EXPECT_ERROR(events().create(bad), invalid_argument, "capacity", "out of range");
    bad = tour(1);
    bad.host = li_;
    SB_EXPECT_ERROR(events().create(bad), invalid_argument, "host", "BJ");
    bad.host = 424242;
    SB_EXPECT_ERROR(events().create(bad), not_found, "host", "");
    bad = tour(1);
    bad.site = "NOPE";
    SB_EXPECT_ERROR(events().create(bad), not_found, "site", "");
    bad = tour(1);
    bad.duration_minutes = 0;
    SB_EXPECT_ERROR(events().create(bad), invalid_argument, "duration_minutes", "");
}

TEST_F(EventsTest, ASeriesIsChangedOneOccurrenceAtATime) {
    NewEventSeries s;
    s.first = tour(2);
    s.every_weeks = 2;
    s.count = 4;
    const std::vector<Event> all = events().create_series(s);
    ASSERT_EQ(4u, all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(today_ + days(2 + 14 * static_cast<int>(i)), all[i].date);
        EXPECT_EQ("09:30", all[i].time);
        EXPECT_EQ(all[0].series_id, all[i].series_id);
        EXPECT_FALSE(all[i].changed);
    }
    ASSERT_TRUE(all[0].series_id);

    EventUpdate u;
    u.start = at(17, "14:00");
    u.place = "样板区";
    const Event moved = events().update(all[1].id, u);
    EXPECT_TRUE(moved.changed);
    EXPECT_EQ(today_ + days(17), moved.date);
    EXPECT_EQ("14:00", moved.time);
    EXPECT_EQ("样板区", moved.place);
    const std::vector<Event> after = events().series(*all[0].series_id);
    EXPECT_FALSE(after[0].changed);
    EXPECT_TRUE(after[1].changed);
    EXPECT_EQ("3号楼施工现场", after[2].place);
    // A cancelled occurrence stays in its series; the others go on.
    events().cancel(after[2].id, "暴雨预警");
    EXPECT_EQ(EventStatus::cancelled, events().series(*all[0].series_id)[2].status);
    EventQuery q;
    q.site = "XH";
    EXPECT_EQ(3u, events().list(q).size());
    q.include_cancelled = true;
    EXPECT_EQ(4u, events().list(q).size());
    SB_EXPECT_ERROR(events().update(after[2].id, u), invalid_state, "event_id", "cancelled");

    // Until a day: every week from the first to that day.
    s.count.reset();
    s.every_weeks = 1;
    s.until = today_ + days(2 + 21);
    EXPECT_EQ(4u, events().create_series(s).size());
    s.count = 3;
    SB_EXPECT_ERROR(events().create_series(s), invalid_argument, "until", "either");
    s.until.reset();
    s.count = 61;
    SB_EXPECT_ERROR(events().create_series(s), invalid_argument, "count", "");
    s.count = 2;
    s.every_weeks = 9;
    SB_EXPECT_ERROR(events().create_series(s), invalid_argument, "every_weeks", "");
    s.every_weeks = 2;
    s.count.reset();
    s.until = today_ + days(500);
    SB_EXPECT_ERROR(events().create_series(s), invalid_argument, "until", "a year");
    SB_EXPECT_ERROR(events().series(424242), not_found, "series_id", "");
}

TEST_F(EventsTest, InvitationsInPersonAreContactsAndHonourDoNotContact) {
    const std::int64_t zhang = customer("张伟", "13800138000", wang_);
    const std::int64_t li = customer("李娜", "13900139000", wang_);
    const std::int64_t quiet = customer("王静", "13700137000", zhao_);
    const std::int64_t elsewhere = customer("赵北", "13600136000", li_, "BJ");
    archive_.contacts().do_not_contact(quiet, std::nullopt);
    const Event e = events().create(tour(3));

    InviteRequest req = invite_list({zhang, li, quiet, elsewhere});
    req.by = zhao_;
    const InviteResult r = events().invite(e.id, req);
    EXPECT_EQ(2, r.invited);
    EXPECT_EQ(0, r.already);
    EXPECT_EQ(2, r.skipped);
    EXPECT_EQ((std::vector<std::int64_t>{quiet, elsewhere}), r.skipped_ids);
    EXPECT_EQ(2, events().get(e.id).invited);

    const std::vector<ContactEntry> logged = archive_.contacts().history(zhang);
    ASSERT_EQ(1u, logged.size());
    EXPECT_EQ(ContactChannel::event, logged[0].channel);
    EXPECT_EQ("sent", logged[0].outcome);
    EXPECT_EQ(std::optional<std::int64_t>(e.id), logged[0].event_id);
    EXPECT_EQ(std::optional<std::int64_t>(zhao_), logged[0].consultant_id);
    EXPECT_NE(std::string::npos, logged[0].note.find("工地开放日"));
    EXPECT_TRUE(archive_.contacts().history(quiet).empty());

    // A second round adds nobody twice.
    const InviteResult again = events().invite(e.id, invite_list({zhang, li}));
    EXPECT_EQ(0, again.invited);
    EXPECT_EQ(2, again.already);
    EXPECT_EQ(1u, archive_.contacts().history(zhang).size());

    const std::vector<Invitation> list = events().invitations(e.id);
    ASSERT_EQ(2u, list.size());
    EXPECT_EQ(zhang, list[0].customer_id);
    EXPECT_EQ(RsvpAnswer::none, list[0].answer);
    EXPECT_FALSE(list[0].invited_at.empty());

    SB_EXPECT_ERROR(events().invite(424242, invite_list({zhang})), not_found, "event_id", "");
    SB_EXPECT_ERROR(events().invite(e.id, InviteRequest{}), invalid_argument, "audience", "");
    req = invite_list({zhang});
    req.channel = ContactChannel::phone;
    SB_EXPECT_ERROR(events().invite(e.id, req), invalid_argument, "channel", "");
    req.channel = ContactChannel::sms;
    req.text = "{salutation}您好，{nope}";
    SB_EXPECT_ERROR(events().invite(e.id, req), invalid_argument, "text", "nope");
}

TEST_F(EventsTest, InvitationsSentOnAChannelGoThroughTheOutreachOnce) {
    const std::int64_t zhang = customer("张伟", "13800138000", wang_);
    const std::int64_t li = customer("李娜", "13900139000", wang_);
    archive_.contacts().do_not_contact(li, ContactChannel::sms);
    const Event e = events().create(tour(3));
    Outbox box;
    InviteRequest req = invite_list({zhang, li});
    req.channel = ContactChannel::sms;
    req.text = "{salutation}您好，诚邀您参加{date}的{event}。";
    req.sender = box.sender();
    const InviteResult r = events().invite(e.id, req);
    EXPECT_EQ(1, r.invited);
    EXPECT_EQ(std::vector<std::int64_t>{li}, r.skipped_ids);
    EXPECT_EQ(1, r.sent.sent);
    EXPECT_EQ("event:" + std::to_string(e.id) + ":invitation", r.sent.key);
    EXPECT_EQ(std::vector<std::int64_t>{zhang}, box.customers());
    EXPECT_NE(std::string::npos, box.sent[0].text.find("工地开放日"));
    // Repeated, nobody gets it twice.
    const InviteResult again = events().invite(e.id, req);
    EXPECT_EQ(0, again.sent.sent);
    EXPECT_EQ(1u, box.sent.size());
}

TEST_F(EventsTest, OwnersOfTheSiteAreAnAudience) {
    const std::int64_t owner = customer("张伟", "13800138000", wang_);
    customer("李娜", "13900139000", wang_);
    NewDeal d;
    d.unit = "1-1-101";
    d.area = 90;
    d.price = 1000000;
    archive_.customers().record_deal(owner, d);
    const Event e = events().create(tour(3));
    Recipients owners;
    owners.scope = AudienceScope::site_owners;
    owners.site = "XH";
    InviteRequest req;
    req.audience = {owners};
    EXPECT_EQ(1, events().invite(e.id, req).invited);
    EXPECT_EQ(owner, events().invitations(e.id).at(0).customer_id);
}

TEST_F(EventsTest, AYesBeyondTheCapacityWaitsAndMovesUpWhenAPlaceFrees) {
    const std::int64_t a = customer("甲", "13800000001"), b = customer("乙", "13800000002");
    const std::int64_t c = customer("丙", "13800000003"), d = customer("丁", "13800000004");
    const std::int64_t ev = event_with({a, b, c, d}, 3, 4);

    EXPECT_FALSE(events().rsvp(ev, a, RsvpAnswer::yes, 2).invitation.waitlisted);
    EXPECT_FALSE(events().rsvp(ev, b, RsvpAnswer::yes, 2).invitation.waitlisted);
    const RsvpResult third = events().rsvp(ev, c, RsvpAnswer::yes, 1);
    EXPECT_TRUE(third.invitation.waitlisted);
    EXPECT_EQ(1, third.invitation.waitlist_position);
    const RsvpResult fourth = events().rsvp(ev, d, RsvpAnswer::yes, 2);
    EXPECT_EQ(2, fourth.invitation.waitlist_position);
    Event e = events().get(ev);
    EXPECT_EQ(4, e.confirmed_people);
    EXPECT_EQ(2, e.waitlisted);

    // A smaller party frees one place: the first in line fits, the second does not pass them.
    const RsvpResult smaller = events().rsvp(ev, a, RsvpAnswer::yes, 1);
    EXPECT_EQ(std::vector<std::int64_t>{c}, smaller.promoted);
    EXPECT_EQ(1, events().invitations(ev)[3].waitlist_position);   // 丁 is first now
    // A no frees two.
    const RsvpResult no = events().rsvp(ev, b, RsvpAnswer::no);
    EXPECT_EQ(std::vector<std::int64_t>{d}, no.promoted);
    e = events().get(ev);
    EXPECT_EQ(4, e.confirmed_people);
    EXPECT_EQ(0, e.waitlisted);

    // A confirmed party may not outgrow the places left; a party larger than the event never fits.
    SB_EXPECT_ERROR(events().rsvp(ev, a, RsvpAnswer::yes, 2), conflict, "party", "places");
    SB_EXPECT_ERROR(events().rsvp(ev, b, RsvpAnswer::yes, 5), invalid_argument, "party", "capacity");
    SB_EXPECT_ERROR(events().rsvp(ev, b, RsvpAnswer::yes, 0), invalid_argument, "party", "");
    SB_EXPECT_ERROR(events().rsvp(ev, b, RsvpAnswer::none), invalid_argument, "answer", "");
    // A larger capacity moves the line up.
    EXPECT_TRUE(events().rsvp(ev, b, RsvpAnswer::yes, 2).invitation.waitlisted);
    EventUpdate u;
    u.capacity = std::optional<int>(6);
    EXPECT_EQ(6, events().update(ev, u).confirmed_people);
    EXPECT_FALSE(events().invitations(ev)[1].waitlisted);

    const std::int64_t stranger = customer("戊", "13800000005");
    SB_EXPECT_ERROR(events().rsvp(ev, stranger, RsvpAnswer::yes), invalid_state, "customer_id", "not invited");
    SB_EXPECT_ERROR(events().rsvp(ev, 424242, RsvpAnswer::yes), not_found, "customer_id", "");
    SB_EXPECT_ERROR(events().rsvp(424242, a, RsvpAnswer::yes), not_found, "event_id", "");
}

TEST_F(EventsTest, CheckInRecordsAVisitAndClosingMarksTheNoShows) {
    const std::int64_t zhang = customer("张伟", "13800138000", wang_);
    const std::int64_t li = customer("李娜", "13900139000", wang_);
    const std::int64_t walker = customer("王走", "13700137000", zhao_);
    const std::int64_t ev = event_with({zhang, li}, 0);
    events().rsvp(ev, zhang, RsvpAnswer::yes, 2);
    events().rsvp(ev, li, RsvpAnswer::yes);

    CheckIn in;
    in.customer_id = zhang;
    in.by = zhao_;
    const CheckInResult r = events().check_in(ev, in);
    EXPECT_EQ(zhang, r.customer_id);
    EXPECT_FALSE(r.new_prospect);
    EXPECT_EQ(Attendance::attended, r.invitation.attendance);
    EXPECT_FALSE(r.invitation.walk_in);
    const std::vector<Visit> visits = archive_.customers().visits(zhang);
    ASSERT_EQ(1u, visits.size());
    EXPECT_EQ(VisitPlace::construction_site, visits[0].place);
    EXPECT_NE(std::string::npos, visits[0].note.find("工地开放日"));
    EXPECT_EQ(ContactChannel::visit_site, archive_.contacts().history(zhang)[0].channel);
    SB_EXPECT_ERROR(events().check_in(ev, in), conflict, "customer_id", "checked in");

    // Not invited: a walk-in.
    in.customer_id = walker;
    const CheckInResult w = events().check_in(ev, in);
    EXPECT_TRUE(w.invitation.walk_in);
    EXPECT_EQ(Attendance::attended, w.invitation.attendance);

    const std::int64_t no_shows = events().close(ev);
    EXPECT_EQ(1, no_shows);
    EXPECT_EQ(Attendance::no_show, events().invitations(ev)[1].attendance);
    const EventOutcome o = events().outcome(ev);
    EXPECT_EQ(2, o.invited);
    EXPECT_EQ(2, o.answered_yes);
    EXPECT_EQ(2, o.attended);
    EXPECT_EQ(1, o.no_show);
    ASSERT_TRUE(o.attendance_rate);
    EXPECT_DOUBLE_EQ(0.5, *o.attendance_rate);

    CheckIn none;
    SB_EXPECT_ERROR(events().check_in(ev, none), invalid_argument, "customer_id", "");
    none.customer_id = customer("赵北", "13600136000", li_, "BJ");
    SB_EXPECT_ERROR(events().check_in(ev, none), invalid_argument, "customer_id", "BJ");
    SB_EXPECT_ERROR(events().check_in(424242, in), not_found, "event_id", "");
    const Event later = events().create(tour(5));
    SB_EXPECT_ERROR(events().close(later.id), invalid_state, "event_id", "not begun");
}

TEST_F(EventsTest, AGuestIsFiledAsAProspectReferredByTheAttendee) {
    const std::int64_t zhang = customer("张伟", "13800138000", wang_);
    const std::int64_t ev = event_with({zhang}, 0);
    events().rsvp(ev, zhang, RsvpAnswer::yes, 2);

    // 张伟 brings 刘洋; 张伟 is checked in with them.
    CheckIn guest;
    guest.guest_of = zhang;
    guest.name = "刘洋";
    guest.phone = "+86 135-0013-5000";
    guest.gender = Gender::male;
    const CheckInResult r = events().check_in(ev, guest);
    EXPECT_TRUE(r.new_prospect);
    ASSERT_TRUE(r.referral_id);
    EXPECT_TRUE(r.referral_note.empty());
    EXPECT_EQ(std::optional<std::int64_t>(zhang), r.invitation.guest_of);
    const Customer liu = archive_.customers().get(r.customer_id);
    EXPECT_EQ("刘洋", liu.name);
    EXPECT_EQ("13500135000", liu.mobile);
    EXPECT_EQ(Channel::visit, liu.channel);
    EXPECT_EQ(std::optional<std::int64_t>(wang_), liu.consultant_id);   // the attendee's consultant
    EXPECT_NE(std::string::npos, liu.note.find("工地开放日"));
    const Referral ref = archive_.referrals().get(*r.referral_id);
    EXPECT_EQ(zhang, ref.referrer_id);
    EXPECT_EQ(liu.id, ref.referee_id);
    EXPECT_EQ(ReferralMethod::event_guest, ref.method);
    EXPECT_EQ(Attendance::attended, events().invitations(ev)[0].attendance);   // 张伟 too
    EXPECT_EQ(std::optional<std::int64_t>(ev), archive_.contacts().history(liu.id).at(0).event_id);

    // A guest whose phone is a customer of the site already: checked in, not filed again, and no
    // second referral (the referral rules refuse the same pair twice), said why.
    const std::int64_t known = customer("陈静", "13600136000", zhao_);
    NewReferral earlier;
    earlier.referrer_id = zhang;
    earlier.referee_id = known;
    archive_.referrals().add(earlier);
    guest.name = "陈静";
    guest.phone = "136 0013 6000";
    const CheckInResult k = events().check_in(ev, guest);
    EXPECT_EQ(known, k.customer_id);
    EXPECT_FALSE(k.new_prospect);
    EXPECT_FALSE(k.referral_id);
    EXPECT_FALSE(k.referral_note.empty());
    EXPECT_TRUE(k.invitation.walk_in);
    EXPECT_EQ(1u, archive_.customers().visits(known).size());

    const EventOutcome o = events().outcome(ev);
    EXPECT_EQ(3, o.attended);
    EXPECT_EQ(2, o.guests);
    EXPECT_EQ(1, o.new_prospects);

    guest.phone = "12345";
    SB_EXPECT_ERROR(events().check_in(ev, guest), invalid_argument, "phone", "");
    guest.phone = "";
    SB_EXPECT_ERROR(events().check_in(ev, guest), invalid_argument, "phone", "");
    guest.phone = "13100131000";
    guest.guest_of = 424242;
    SB_EXPECT_ERROR(events().check_in(ev, guest), not_found, "guest_of", "");
}

TEST_F(EventsTest, CancellationNotifiesEveryoneInvitedWhoDidNotSayNo) {
    const std::int64_t yes = customer("甲", "13800000001"), no = customer("乙", "13800000002");
    const std::int64_t maybe = customer("丙", "13800000003"), silent = customer("丁", "13800000004");
    const std::int64_t ev = event_with({yes, no, maybe, silent});
    events().rsvp(ev, yes, RsvpAnswer::yes);
    events().rsvp(ev, no, RsvpAnswer::no);
    events().rsvp(ev, maybe, RsvpAnswer::maybe);
    Outbox box;
    const Event e = events().cancel(ev, "台风预警，活动取消", ContactChannel::sms, box.sender());
    EXPECT_EQ(EventStatus::cancelled, e.status);
    EXPECT_EQ("台风预警，活动取消", e.cancel_reason);
    EXPECT_EQ((std::vector<std::int64_t>{yes, maybe, silent}), box.customers());
    EXPECT_NE(std::string::npos, box.sent[0].text.find("台风预警"));
    EXPECT_EQ(3, archive_.outreach().stats("event:" + std::to_string(ev) + ":cancelled").total.sent);

    SB_EXPECT_ERROR(events().cancel(ev, "again"), invalid_state, "event_id", "cancelled");
    SB_EXPECT_ERROR(events().rsvp(ev, yes, RsvpAnswer::no), invalid_state, "event_id", "cancelled");
    SB_EXPECT_ERROR(events().cancel(events().create(tour(4)).id, " "), invalid_argument, "reason", "");
    // Without a channel nobody is told.
    const std::int64_t quiet = event_with({yes});
    events().cancel(quiet, "场地调整");
    EXPECT_EQ(3u, box.sent.size());
}

TEST_F(EventsTest, RemindersGoTheDayBeforeToYesAndMaybe) {
    const std::int64_t yes = customer("甲", "13800000001"), no = customer("乙", "13800000002");
    const std::int64_t maybe = customer("丙", "13800000003");
    const std::int64_t ev = event_with({yes, no, maybe}, 1);
    events().rsvp(ev, yes, RsvpAnswer::yes);
    events().rsvp(ev, no, RsvpAnswer::no);
    events().rsvp(ev, maybe, RsvpAnswer::maybe);
    Outbox box;
    const SendResult r = events().remind(ev, ContactChannel::sms, box.sender(), "{salutation}，明天{time}{event}见。");
    EXPECT_EQ("event:" + std::to_string(ev) + ":reminder", r.key);
    EXPECT_EQ(2, r.sent);
    EXPECT_EQ((std::vector<std::int64_t>{yes, maybe}), box.customers());
    const std::vector<Invitation> list = events().invitations(ev);
    EXPECT_FALSE(list[0].reminded_at.empty());
    EXPECT_TRUE(list[1].reminded_at.empty());
    EXPECT_EQ(0, events().remind(ev, ContactChannel::sms, box.sender(), "{salutation}，明天{time}{event}见。").sent);
    SB_EXPECT_ERROR(events().remind(ev, ContactChannel::phone, box.sender()), invalid_argument, "channel", "");
}

TEST_F(EventsTest, TheOutcomeCountsDealsWithin90DaysAndTheLinkedSurveys) {
    const std::int64_t zhang = customer("张伟", "13800138000", wang_);
    const std::int64_t ev = event_with({zhang}, 0);
    const std::int64_t liu = bring(ev, zhang, "刘洋", "13500135000").customer_id;
    NewDeal d;
    d.unit = "2-1-201";
    d.area = 90;
    d.price = 1200000;
    archive_.customers().record_deal(liu, d);

    Question q;
    q.key = "overall";
    q.text = "您对本次活动满意吗？";
    NewSurvey s;
    s.title = "活动回访";
    s.questions = {q};
    s.site = "XH";
    const Survey survey = archive_.surveys().create(s);
    NewCampaign c;
    c.survey_id = survey.id;
    c.channel = SurveyChannel::phone;
    c.audience.kind = AudienceKind::customers;
    c.audience.customer_ids = {zhang, liu};
    c.name = "工地开放日回访";
    const Campaign campaign = archive_.surveys().create_campaign(c);
    events().link_campaign(ev, campaign.id);
    events().link_campaign(ev, campaign.id);   // once is enough
    for (auto [who, score] : {std::pair<std::int64_t, std::int64_t>{zhang, 5}, {liu, 3}}) {
        NewResponse r;
        r.survey_id = survey.id;
        r.campaign_id = campaign.id;
        r.customer_id = who;
        r.answers["overall"] = score;
        archive_.surveys().respond(r);
    }
    const EventOutcome o = events().outcome(ev);
    EXPECT_EQ(0, o.deals_90d_attendees);
    EXPECT_EQ(1, o.deals_90d_guests);
    EXPECT_EQ(2, o.survey_responses);
    ASSERT_TRUE(o.csat);
    EXPECT_DOUBLE_EQ(50.0, *o.csat);
    ASSERT_TRUE(o.average_rating);
    EXPECT_DOUBLE_EQ(4.0, *o.average_rating);
    SB_EXPECT_ERROR(events().link_campaign(ev, 424242), not_found, "campaign_id", "");
    SB_EXPECT_ERROR(events().outcome(424242), not_found, "event_id", "");
}

TEST_F(EventsTest, AnErasedPersonLeavesNoInvitationAndNoGuestLink) {
    const std::int64_t zhang = customer("张伟", "13800138000", wang_);
    const std::int64_t ev = event_with({zhang}, 0);
    const std::int64_t liu = bring(ev, zhang, "刘洋", "13500135000").customer_id;
    archive_.customers().remove(zhang);
    const std::vector<Invitation> left = events().invitations(ev);
    ASSERT_EQ(1u, left.size());
    EXPECT_EQ(liu, left[0].customer_id);
    EXPECT_FALSE(left[0].guest_of);
}

TEST_F(EventsTest, AConsultantOfAnotherSiteCannotSeeTheEvent) {
    const Event e = events().create(tour(3));
    Archive other = archive_.as("consultant:" + std::to_string(li_));
    SB_EXPECT_ERROR(other.events().get(e.id), forbidden, "event_id", "BJ");
    NewEvent n = tour(3);
    SB_EXPECT_ERROR(other.events().create(n), forbidden, "site", "");
}

} // namespace
