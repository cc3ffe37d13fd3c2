"""Site tours and owner events through Python with the acceptance names: an event created with a
datetime, invitations (a list and audiences), answers over the capacity waiting in line, check-in
with a guest filed as a prospect referred by the attendee, a guest already on file, a no-show, the
outcome, cancellation notices and a series changed one occurrence at a time; bad input naming the
field."""

import datetime
import unittest

import snowball
from support import ArchiveTestCase, today_in_china

DAY = datetime.timedelta(days=1)


class EventsTest(ArchiveTestCase):
    """张伟 (an owner) and 李娜, customers of 王芳 at XH; a tour of the construction site."""

    def setUp(self):
        super().setUp()
        self.today = today_in_china()
        filed = self.today - 200 * DAY
        self.zhang = self.add("张伟", consultant=self.wang, mobile="13800138000", first_contact=filed, filed_on=filed)
        self.li_na = self.add("李娜", consultant=self.wang, mobile="13900139000", first_contact=filed, filed_on=filed)
        self.customers.record_deal(self.zhang, unit="3-1-1202", area=89.5, price=1200000, date=filed + 10 * DAY)
        self.events = self.archive.events

    def when(self, days, hour=9, minute=30):
        day = self.today + days * DAY
        return datetime.datetime(day.year, day.month, day.day, hour, minute)

    def tour(self, days=3, **fields):
        fields.setdefault("capacity", None)
        return self.events.create(site="XH", kind="site_tour", title="工地开放日", start=self.when(days),
                                  host=self.wang.id, **fields)

    def test_the_acceptance_path(self):
        # Today, early: the event has begun, so it can be closed at the end.
        event = self.events.create(site="XH", kind="owner_party", title="业主联谊会", start=self.when(0, 0, 0),
                                   capacity=None, host=self.wang)
        self.assertIsInstance(event.id, int)
        self.assertEqual((self.today, "00:00"), (event.date, event.time))

        invited = self.events.invite(event.id, customers=[self.zhang.id, self.li_na.id])
        self.assertEqual(2, invited.invited)
        self.events.rsvp(event.id, self.zhang.id, answer="yes", party=2)
        self.events.rsvp(event.id, self.li_na.id, answer="yes")

        came = self.events.check_in(event.id, customer=self.zhang.id)
        self.assertEqual(self.zhang.id, came.customer_id)
        self.assertEqual(self.zhang.id, came.id)
        guest = self.events.check_in(event.id, guest_of=self.zhang.id, name="刘洋", phone="13500135000")
        self.assertTrue(guest.new_prospect)
        liu = self.customers.get(guest.customer_id)
        self.assertEqual(("刘洋", "visit"), (liu.name, liu.channel))
        # The result stands for the customer checked in.
        self.assertEqual(("刘洋", "visitor", liu.archive_no), (guest.name, guest.stage, guest.archive_no))   # came: a visit
        self.assertEqual(liu, guest.customer)
        with self.assertRaises(AttributeError):
            guest.no_such_field
        referral = self.archive.referrals.get(guest.referral_id)
        self.assertEqual((self.zhang.id, liu.id, "event_guest"), (referral.referrer_id, referral.referee_id, referral.method))

        self.assertEqual(1, self.events.close(event.id))   # 李娜 said yes and did not come
        outcome = self.events.outcome(event.id)
        self.assertEqual(2, outcome.invited)
        self.assertEqual(2, outcome.attended)
        self.assertEqual(1, outcome.new_prospects)
        self.assertEqual(1, outcome.no_show)
        self.assertEqual(1, outcome.guests)
        self.assertAlmostEqual(0.5, outcome.attendance_rate)
        no_show = [i for i in self.events.invitations(event.id) if i.customer_id == self.li_na.id][0]
        self.assertEqual("no_show", no_show.attendance)

    def test_a_guest_already_on_file_is_checked_in_not_filed_again(self):
        event = self.tour(0)
        chen = self.add("陈静", mobile="13600136000", first_contact=self.today - 30 * DAY,
                        filed_on=self.today - 30 * DAY)
        self.events.invite(event, customers=[self.zhang])
        # 张伟 introduced 陈静 before: the referral rules refuse the same pair twice.
        self.archive.referrals.add(self.zhang, chen)
        result = self.events.check_in(event, guest_of=self.zhang, name="陈静", phone="136 0013 6000")
        self.assertEqual(chen.id, result.customer_id)
        self.assertFalse(result.new_prospect)
        self.assertIsNone(result.referral_id)
        self.assertIn("no referral", result.referral_note)
        self.assertEqual(0, self.events.outcome(event).new_prospects)

    def test_over_the_capacity_a_yes_waits_in_line(self):
        event = self.tour(capacity=2)
        third = self.add("王静", mobile="13700137000")
        self.events.invite(event.id, customers=[self.zhang, self.li_na, third])
        self.assertFalse(self.events.rsvp(event.id, self.zhang, "yes", party=2).invitation.waitlisted)
        waiting = self.events.rsvp(event.id, self.li_na, "yes").invitation
        self.assertTrue(waiting.waitlisted)
        self.assertEqual(1, waiting.waitlist_position)
        self.assertFalse(self.events.rsvp(event.id, third, "maybe").invitation.waitlisted)
        freed = self.events.rsvp(event.id, self.zhang, "yes", party=1)
        self.assertEqual([self.li_na.id], freed.promoted)
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.events.rsvp(event.id, third, "yes", party=3)
        self.assertEqual("party", e.exception.field)
        with self.assertRaises(snowball.Conflict) as e:
            self.events.rsvp(event.id, self.zhang, "yes", party=2)
        self.assertEqual("party", e.exception.field)

    def test_audiences_and_do_not_contact(self):
        event = self.tour()
        self.archive.contacts.do_not_contact(self.li_na)
        owners = self.events.invite(event, owners_of="XH")
        self.assertEqual((1, 0), (owners.invited, owners.skipped))
        everyone = self.events.invite(event, customers_of="XH")
        self.assertEqual((0, 1, 1), (everyone.invited, everyone.already, everyone.skipped))
        self.assertEqual([self.li_na.id], everyone.skipped_ids)
        entry = self.archive.contacts.history(self.zhang)[0]
        self.assertEqual(("event", "sent", event.id), (entry.channel, entry.outcome, entry.event_id))
        with self.assertRaises(TypeError):
            self.events.invite(event)

    def test_cancellation_tells_the_invited_through_the_sender(self):
        event = self.tour()
        self.events.invite(event, customers=[self.zhang, self.li_na])
        self.events.rsvp(event, self.li_na, "no")
        got = []

        def gateway(customer_id, channel, text):
            got.append((customer_id, channel, text))
            return "gw-%d" % len(got)

        cancelled = self.events.cancel(event, "台风预警", channel="sms", sender=gateway)
        self.assertEqual(("cancelled", "台风预警"), (cancelled.status, cancelled.cancel_reason))
        self.assertEqual([self.zhang.id], [c for c, _, _ in got])
        self.assertIn("台风预警", got[0][2])
        with self.assertRaises(snowball.InvalidState):
            self.events.rsvp(event, self.zhang, "yes")

    def test_a_series_is_changed_one_occurrence_at_a_time(self):
        all_ = self.events.create_series(site="XH", title="双周工地开放日", start=self.when(2), every_weeks=2, count=3)
        self.assertEqual([self.today + (2 + 14 * i) * DAY for i in range(3)], [e.date for e in all_])
        moved = self.events.update(all_[1], start=self.when(17, 14, 0), place="样板区")
        self.assertTrue(moved.changed)
        after = self.events.series(all_[0].series_id)
        self.assertEqual([False, True, False], [e.changed for e in after])
        self.assertEqual("14:00", after[1].time)
        self.assertEqual(3, len(self.events.list("XH", start=self.today)))

    def test_kinds_and_bad_input(self):
        self.assertEqual("site_tour", self.events.kinds("XH")[0].key)
        self.assertEqual("tea_party", self.events.add_kind("XH", "tea_party", "品茶会")[-1].key)
        # A start as ISO text.
        self.assertEqual("19:30", self.events.create(site="XH", kind="tea_party", title="品茶会",
                                                     start=(self.today + DAY).isoformat() + "T19:30").time)
        with self.assertRaises(snowball.NotFound) as e:
            self.events.get(424242)
        self.assertEqual("event_id", e.exception.field)
        with self.assertRaises(snowball.NotFound):
            self.events.invite(424242, customers=[self.zhang])
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.events.create(site="XH", kind="rave", title="x", start=self.when(1))
        self.assertEqual("kind", e.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.events.create(site="XH", title="x", start="next Saturday")
        self.assertEqual("start", e.exception.field)
        event = self.tour()
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.events.rsvp(event, self.zhang, "perhaps")
        self.assertEqual("answer", e.exception.field)
        with self.assertRaises(snowball.InvalidState):
            self.events.rsvp(event, self.zhang, "yes")   # not invited
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.events.check_in(event, guest_of=self.zhang, name="刘洋")
        self.assertEqual("phone", e.exception.field)
        with self.assertRaises(snowball.InvalidState):
            self.events.close(event)   # three days ahead


if __name__ == "__main__":
    unittest.main()
