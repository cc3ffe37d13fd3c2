"""The contact log through Python with the acceptance names: logging and the history newest first,
bad input naming the field, do-not-contact, the list of the day, the customers not contacted for a
while, the manager's care report and its CSV for Excel, and the entries a done care task and a
recorded visit write themselves."""

import datetime
import os
import unittest

import snowball
from support import UTC, ArchiveTestCase, today_in_china

D = datetime.date
DAY = datetime.timedelta(days=1)
CHINA = datetime.timezone(datetime.timedelta(hours=8))


class ContactsTest(ArchiveTestCase):
    """张伟 and 李娜, customers of 王芳 at XH filed 200 days ago; 李娜 bought a flat."""

    def setUp(self):
        super().setUp()
        self.today = today_in_china()
        self.yesterday = self.today - DAY
        filed = self.today - 200 * DAY
        self.zhang = self.add("张伟", consultant=self.wang, mobile="13800138000", first_contact=filed, filed_on=filed)
        self.li_na = self.add("李娜", consultant=self.wang, mobile="13900139000", first_contact=filed, filed_on=filed)
        self.customers.record_deal(self.li_na, unit="3-1-1202", area=89.5, price=1200000, date=filed + 10 * DAY)
        self.contacts = self.archive.contacts

    def at(self, day, hour, minute=0):
        """A moment of a day, China time, as a consultant would give it (naive)."""
        return datetime.datetime(day.year, day.month, day.day, hour, minute)

    def test_two_contacts_read_back_newest_first(self):
        first = self.contacts.log(self.zhang, channel="phone", direction="out", outcome="no_answer",
                                  at=self.at(self.yesterday, 10), by=self.wang.id)
        second = self.contacts.log(self.zhang.id, channel="wechat", outcome="reached", note="发了户型图", intent="A",
                                   at=self.at(self.yesterday, 15, 30), by=self.wang)
        self.assertIsInstance(first, snowball.ContactEntry)
        self.assertIsInstance(first.id, int)
        self.assertNotEqual(first.id, second.id)

        history = self.contacts.history(self.zhang)
        self.assertEqual([second.id, first.id], [e.id for e in history])
        latest, earlier = history
        self.assertEqual(("wechat", "reached"), (latest.channel, latest.outcome))
        self.assertEqual(("phone", "no_answer"), (earlier.channel, earlier.outcome))
        self.assertEqual(self.wang.id, latest.by)
        self.assertEqual(self.wang.id, latest.consultant_id)
        self.assertEqual(self.wang.id, earlier.by)
        # The library keeps UTC: 15:30 in China is 07:30 UTC of the same day.
        self.assertIsInstance(latest.at, datetime.datetime)
        self.assertEqual(UTC, latest.at.tzinfo)
        self.assertEqual(self.at(self.yesterday, 15, 30).replace(tzinfo=CHINA), latest.at)
        self.assertEqual(self.yesterday, latest.day)
        self.assertEqual("发了户型图", latest.note)
        self.assertEqual(("", "A"), (latest.intent_before, latest.intent))
        self.assertTrue(latest.reached)
        self.assertFalse(earlier.reached)
        self.assertIsNone(latest.next_contact)
        self.assertEqual(second, self.contacts.get(second.id))
        self.assertEqual([second.id], [e.id for e in self.contacts.history(self.zhang, limit=1)])

        # An aware datetime is converted; ISO text passes as it is.
        utc = self.contacts.log(self.zhang, channel="sms", outcome="sent",
                                at=datetime.datetime.combine(self.yesterday, datetime.time(12, 0), tzinfo=UTC))
        self.assertEqual(datetime.datetime.combine(self.yesterday, datetime.time(12, 0), tzinfo=UTC), utc.at)
        text = self.contacts.log(self.zhang, channel="电话", direction="in", outcome="reached",
                                 at=self.yesterday.isoformat() + "T21:00", duration_s=120)
        self.assertEqual(("phone", "in", 120), (text.channel, text.direction, text.duration_s))
        self.assertEqual(text.id, self.contacts.history(self.zhang)[0].id)

    def test_a_correction_supersedes_the_entry(self):
        wrong = self.contacts.log(self.zhang, channel="phone", outcome="reached", at=self.at(self.yesterday, 10))
        fixed = self.contacts.correct(wrong, channel="phone", outcome="busy")
        self.assertEqual(wrong.id, fixed.supersedes)
        self.assertEqual(wrong.at, fixed.at)   # the old entry's time unless another is given
        self.assertEqual([fixed.id], [e.id for e in self.contacts.history(self.zhang)])
        self.assertEqual({wrong.id, fixed.id}, {e.id for e in self.contacts.history(self.zhang, include_superseded=True)})
        self.assertEqual(fixed.id, self.contacts.get(wrong.id).superseded_by)
        with self.assertRaises(snowball.Conflict) as raised:
            self.contacts.correct(wrong.id, channel="phone", outcome="no_answer")
        self.assertEqual(fixed.id, raised.exception.record_id)

    def test_bad_input_names_the_field(self):
        cases = [
            (dict(at=datetime.datetime.now(CHINA).replace(tzinfo=None) + 2 * DAY), "at"),
            (dict(at=self.at(self.today - 300 * DAY, 10)), "at"),   # before the customer was filed
            (dict(outcome="happy"), "outcome"),
            (dict(channel="fax"), "channel"),
            (dict(intent="Z"), "intent"),
            (dict(at=self.at(self.yesterday, 10), next_contact=self.yesterday - DAY), "next_contact.date"),
            (dict(next_contact={"date": self.today + DAY, "time": "25:00"}), "next_contact.time"),
        ]
        for changes, field in cases:
            kwargs = dict(channel="phone", outcome="reached")
            kwargs.update(changes)
            with self.subTest(field=field, changes=changes):
                with self.assertRaises(snowball.InvalidArgument) as raised:
                    self.contacts.log(self.zhang, **kwargs)
                self.assertEqual(field, raised.exception.field)
        self.assertEqual([], self.contacts.history(self.zhang))
        with self.assertRaises(snowball.NotFound):
            self.contacts.log(424242, channel="phone", outcome="reached")
        # A consultant of another site did not make a contact with this site's customer.
        with self.assertRaises(snowball.InvalidArgument) as raised:
            self.contacts.log(self.zhang, channel="phone", outcome="reached", by=self.li)
        self.assertEqual("by", raised.exception.field)
        self.assertEqual([], self.contacts.history(self.zhang))
        with self.assertRaises(TypeError):
            self.contacts.log(self.zhang, channel="phone", outcome="reached", at=3)
        # A day alone is that day's noon, China time.
        entry = self.contacts.log(self.zhang, channel="phone", outcome="reached", at=self.yesterday)
        self.assertEqual(self.yesterday, entry.day)

    def test_do_not_contact_refuses_the_channel_and_leaves_the_list_of_the_day(self):
        on = self.today + 2 * DAY
        self.contacts.log(self.zhang, channel="phone", outcome="reached", at=self.at(self.yesterday, 10), next_contact=on)
        self.assertIn(self.zhang.id, [i.customer_id for i in self.contacts.due(on=on, consultant=self.wang)])
        self.assertTrue(self.contacts.may_contact(self.zhang, "phone"))

        consent = self.contacts.do_not_contact(self.zhang, channel="phone", by=self.wang)
        self.assertIsInstance(consent, snowball.Consent)
        self.assertTrue(consent.objection)
        self.assertEqual(("service", "phone"), (consent.purpose, consent.channel))
        self.assertFalse(self.contacts.may_contact(self.zhang, "phone"))
        self.assertTrue(self.contacts.may_contact(self.zhang, channel="sms"))

        with self.assertRaises(snowball.ConsentRequired) as raised:
            self.contacts.log(self.zhang, channel="phone", outcome="reached", by=self.wang)
        self.assertEqual("channel", raised.exception.field)
        self.assertNotIn(self.zhang.id, [i.customer_id for i in self.contacts.due(on=on, consultant=self.wang)])
        # The customer may still call in; an objection to every channel stops all but that.
        self.contacts.log(self.zhang, channel="phone", direction="in", outcome="reached")
        self.contacts.do_not_contact(self.zhang)
        self.assertFalse(self.contacts.may_contact(self.zhang))
        with self.assertRaises(snowball.ConsentRequired):
            self.contacts.log(self.zhang, channel="letter", outcome="sent")
        # The customer agrees again: both objections are lifted.
        self.assertEqual(2, self.contacts.allow_contact(self.zhang, by=self.wang))
        self.assertTrue(self.contacts.may_contact(self.zhang, "phone"))
        self.contacts.log(self.zhang, channel="phone", outcome="reached", by=self.wang)

    def test_the_list_of_the_day_holds_the_planned_contact(self):
        on = self.today + 3 * DAY
        self.contacts.log(self.zhang, channel="phone", outcome="reached", at=self.at(self.yesterday, 10),
                          next_contact={"date": on, "time": "10:30", "channel": "wechat", "purpose": "约看样板间"})
        self.contacts.log(self.li_na, channel="phone", outcome="reached", at=self.at(self.yesterday, 11),
                          next_contact=snowball.NextContact(date=on + DAY))
        due = self.contacts.due(on=on, consultant=self.wang)
        mine = [i for i in due if i.customer_id == self.zhang.id]
        self.assertEqual(1, len(mine), due)
        item = mine[0]
        self.assertIsInstance(item, snowball.DueItem)
        self.assertEqual(("contact", "planned", on, "10:30", "wechat", "约看样板间"),
                         (item.kind, item.source, item.due, item.time, item.channel, item.purpose))
        self.assertEqual(("张伟", self.zhang.archive_no, False), (item.customer_name, item.archive_no, item.overdue))
        self.assertNotIn(self.li_na.id, [i.customer_id for i in due if i.kind == "contact"])   # due the day after
        # The day after, 张伟's is overdue and 李娜's is due; a site's list holds both.
        after = self.contacts.due(on=on + DAY, site="XH")
        self.assertEqual({self.zhang.id: True, self.li_na.id: False},
                         {i.customer_id: i.overdue for i in after if i.kind == "contact"})
        self.assertNotIn(self.zhang.id, [i.customer_id for i in self.contacts.due(on=on + DAY, site="XH",
                                                                                   include_overdue=False)])
        follow = self.contacts.follow_up(self.zhang)
        self.assertEqual((on, "10:30", "wechat", "planned"),
                         (follow.next_on, follow.next_time, follow.next_channel, follow.next_source))

    def test_owners_not_contacted_for_ninety_days(self):
        owner = self.add("王五", consultant=self.wang, mobile="13700137000", first_contact=self.today - 200 * DAY,
                         filed_on=self.today - 200 * DAY)
        self.customers.record_deal(owner, unit="3-1-1203", area=100, price=1500000, date=self.today - 150 * DAY)
        self.contacts.log(self.li_na, channel="phone", outcome="reached", at=self.at(self.yesterday, 10))
        quiet = self.contacts.not_contacted(days=90, site="XH", stage="owner")
        self.assertIsInstance(quiet, list)
        self.assertEqual([owner.id], [q.customer_id for q in quiet])
        self.assertEqual([owner.id], [q.id for q in quiet])
        self.assertEqual(1, quiet.total)
        q = quiet[0]
        self.assertEqual(("王五", owner.archive_no, "owner"), (q.name, q.archive_no, q.stage))
        self.assertIsNone(q.last_contact_day)
        # Every stage: 张伟, never contacted, too; the history takes a quiet customer as a customer.
        self.assertEqual({owner.id, self.zhang.id}, {q.id for q in self.contacts.not_contacted(days=90, site="XH")})
        self.assertEqual([], self.contacts.history(quiet[0]))
        self.assertEqual(0, len(self.contacts.not_contacted(days=90, site="XH", stage="owner", tier="vip")))
        with self.assertRaises(snowball.InvalidArgument) as raised:
            self.contacts.not_contacted(days=0, site="XH")
        self.assertEqual("days", raised.exception.field)

    def test_the_care_report_counts_the_contact_and_writes_csv_for_excel(self):
        self.contacts.log(self.zhang, channel="phone", outcome="reached", at=self.at(self.yesterday, 10), intent="B")
        self.contacts.log(self.li_na, channel="sms", outcome="sent", at=self.at(self.yesterday, 11))
        report = self.archive.reports.care(site="XH", start=self.today - 30 * DAY, end=self.today)
        self.assertIsInstance(report, snowball.CareReport)
        rows = [r for r in report if r.consultant_id == self.wang.id]
        self.assertEqual(1, len(rows))
        wang = rows[0]
        self.assertEqual("王芳", wang.consultant_name)
        self.assertEqual((2, 2, 2), (wang.contacts, wang.reached, wang.customers_contacted))
        self.assertEqual({"phone": 1, "sms": 1}, wang.by_channel)
        self.assertEqual({"reached": 1, "sent": 1}, wang.by_outcome)
        self.assertEqual(wang, report.consultant(self.wang)[0])
        self.assertTrue(report[-1].total)
        self.assertEqual(len(report.rows), len(report))

        csv = report.to_csv()
        self.assertTrue(csv.startswith("\ufeff"), csv[:10])
        self.assertEqual(b"\xef\xbb\xbf", csv.encode("utf-8")[:3])
        header = csv[1:].split("\r\n")[0].split(",")
        self.assertIn("顾问", header)
        self.assertIn("联系次数", header)
        self.assertEqual(len(report) + 1, csv.count("\r\n"))
        self.assertIn("王芳", csv)
        path = self.dir / "care.csv"
        self.assertEqual(csv, report.to_csv(path))
        self.assertEqual(csv.encode("utf-8"), path.read_bytes())

        weeks = self.archive.reports.care("XH", self.today - 13 * DAY, self.today, period="week", consultant=self.wang)
        self.assertTrue(all(r.consultant_id == self.wang.id for r in weeks if not r.total))
        self.assertEqual(2, sum(r.contacts for r in weeks if not r.total))
        with self.assertRaises(snowball.InvalidArgument) as raised:
            self.archive.reports.care(site="XH", start=self.today, end=self.today - DAY)
        self.assertEqual("end", raised.exception.field)

    def test_a_done_care_task_writes_its_contact(self):
        # 赵敏's birthday ten days ago: the owners' birthday call of the default policy.
        day = self.today - 10 * DAY
        if (day.month, day.day) == (2, 29):
            day -= DAY
        owner = self.add("赵敏", consultant=self.wang, birthday=D(1985, day.month, day.day),
                         first_contact=self.today - 400 * DAY, filed_on=self.today - 400 * DAY)
        self.customers.record_deal(owner, unit="5-2-801", area=120, price=2000000, date=self.today - 300 * DAY)
        tasks = [t for t in self.archive.calendar.agenda(day, day, site="XH") if t.customer_id == owner.id]
        self.assertEqual(1, len(tasks), tasks)
        done = self.archive.calendar.complete(tasks[0], "reached", note="祝生日快乐", by=self.wang)
        self.assertEqual("done", done.status)
        entries = [e for e in self.contacts.history(owner) if e.care_task_id == done.id]
        self.assertEqual(1, len(entries))
        self.assertEqual(("phone", "out", "reached", self.wang.id), (entries[0].channel, entries[0].direction,
                                                                      entries[0].outcome, entries[0].by))
        self.assertEqual("祝生日快乐", entries[0].note)

    def test_a_recorded_visit_writes_its_contact(self):
        site_visit = self.customers.record_visit(self.zhang, self.yesterday, place="construction_site", note="看工地")
        self.assertEqual("construction_site", site_visit.place)
        office_visit = self.customers.record_visit(self.li_na, self.yesterday)
        self.assertEqual("sales_office", office_visit.place)
        zhang = self.contacts.history(self.zhang)
        self.assertEqual([("visit_site", "in", self.yesterday, "看工地")],
                         [(e.channel, e.direction, e.day, e.note) for e in zhang])
        self.assertEqual(["visit_office"], [e.channel for e in self.contacts.history(self.li_na)])
        with self.assertRaises(snowball.InvalidArgument) as raised:
            self.customers.record_visit(self.zhang, place="garden")
        self.assertEqual("place", raised.exception.field)
        # The briefing shows the log.
        briefing = self.archive.briefing(customer=self.zhang)
        self.assertEqual([zhang[0].id], [e.id for e in briefing.recent_contacts])
        self.assertEqual(self.yesterday, briefing.follow_up.last_contact_day)

    def test_settings_outcomes_frequency(self):
        settings = self.contacts.settings("XH")
        self.assertEqual(["A", "B", "C", "D"], [g.key for g in settings.grades])
        self.assertEqual(3, settings.grade("A").every_days)
        self.assertTrue(settings.outcome("reached").builtin)
        self.assertIsNone(settings.quiet_hours)
        updated = self.contacts.update_settings("XH", grades=[("A", "高意向", 2), ("B", "中意向", 5), ("C", "低意向")],
                                                owner_every_days=60, quiet_hours=("21:00", "09:00"))
        self.assertEqual([2, 5, None], [g.every_days for g in updated.grades])
        self.assertEqual(60, updated.owner_every_days)
        self.assertEqual(("21:00", "09:00"), (updated.quiet_hours.start, updated.quiet_hours.end))
        added = self.contacts.add_outcome("XH", "booked", "已预约", reached=True)
        self.assertEqual(("booked", "已预约", True, False), (added.outcome("booked").key, added.outcome("booked").label,
                                                             added.outcome("booked").reached, added.outcome("booked").builtin))
        with self.assertRaises(snowball.Conflict):
            self.contacts.add_outcome("XH", "booked", "已预约")
        late = self.contacts.log(self.zhang, channel="phone", outcome="booked", at=self.at(self.yesterday, 22, 30), intent="A")
        self.assertTrue(late.quiet_hours)
        self.assertEqual(self.yesterday + 2 * DAY, self.contacts.follow_up(self.zhang).next_on)   # grade A: every 2 days
        cleared = self.contacts.update_settings("XH", quiet_hours=None)
        self.assertIsNone(cleared.quiet_hours)
        self.assertEqual(60, cleared.owner_every_days)

        freq = self.contacts.frequency(customer=self.zhang)
        self.assertEqual(self.today, freq.as_of)
        self.assertEqual((1, 1, 1), (freq.window(30).contacts, freq.window(30).reached, freq.window(30).customers))
        self.assertEqual({"phone": 1}, freq.window(365).by_channel)
        self.assertEqual(1, self.contacts.frequency(consultant=self.wang).window(90).contacts)
        self.assertEqual(0, self.contacts.frequency(site="XH", as_of=self.today - 60 * DAY).window(30).contacts)


if __name__ == "__main__":
    unittest.main()
