"""The customer archive through Python: filing, lookups, visits, deals, listing and bad input."""

import dataclasses
import datetime
import typing
import unittest

import snowball
from support import ArchiveTestCase, today_in_china

D = datetime.date


class FilingTest(ArchiveTestCase):
    def test_customer_record_fields_and_types(self):
        c = self.customers.add(site="XH", channel="call", name="欧阳娜娜", mobile="+86 138-0013-8000",
                               consultant=self.wang, tier="vip", gender="female",
                               phones=[("home", "010-6552 1234"), snowball.Phone("office", "0571 8888 9999")],
                               first_contact=D(2024, 3, 5), note="想要三居室", filed_on=D(2024, 3, 6))
        self.assertIsInstance(c, snowball.Customer)
        self.assertTrue(dataclasses.is_dataclass(c))
        self.assertEqual({"id", "archive_no", "site", "channel", "name", "gender", "mobile", "phones", "consultant_id",
                          "tier", "stage", "first_contact", "note", "filed_at", "updated_at", "birthday", "redirected_from"},
                         {f.name for f in dataclasses.fields(c)})
        self.assertIsInstance(c.id, int)
        self.assertEqual("XH", c.site)
        self.assertEqual("call", c.channel)
        self.assertEqual("欧阳娜娜", c.name)
        self.assertEqual("female", c.gender)
        self.assertEqual("13800138000", c.mobile)
        self.assertEqual([snowball.Phone("home", "01065521234"), snowball.Phone("office", "057188889999")], c.phones)
        self.assertEqual(self.wang.id, c.consultant_id)
        self.assertEqual("vip", c.tier)
        self.assertEqual("prospect", c.stage)
        self.assertEqual(D(2024, 3, 5), c.first_contact)
        self.assertIs(type(c.first_contact), datetime.date)
        self.assertEqual("想要三居室", c.note)
        self.assertUtcTimestamp(c.filed_at)
        self.assertUtcTimestamp(c.updated_at)
        self.assertRegex(c.archive_no, r"^XH-2024C-00001[0-9A-Z*]$")
        self.assertTrue(snowball.validate_archive_no(c.archive_no))
        self.assertEqual(c, self.customers.get(c.id))
        hints = typing.get_type_hints(snowball.Customer)
        self.assertEqual(typing.Optional[datetime.date], hints["first_contact"])
        self.assertEqual(typing.Optional[datetime.datetime], hints["filed_at"])

    def test_defaults(self):
        c = self.customers.add(site="XH", channel="lead", name="王五")
        self.assertEqual(("unknown", "", [], None, "ordinary", "prospect", ""),
                         (c.gender, c.mobile, c.phones, c.consultant_id, c.tier, c.stage, c.note))
        self.assertEqual(today_in_china(), c.first_contact)
        self.assertEqual("lead", snowball.parse_archive_no(c.archive_no).channel)
        walk_in = self.customers.add(site="BJ", channel="visit", name="赵六", first_contact=D(2024, 5, 1))
        self.assertEqual("visitor", walk_in.stage)
        self.assertEqual([D(2024, 5, 1)], [v.date for v in self.customers.visits(walk_in)])

    def test_chinese_names(self):
        for name in ("张伟", "欧阳娜娜", "爱新觉罗·溥仪", "𠮷野家", "Anna 李"):
            c = self.add(name=name, channel="lead")
            self.assertEqual(name, c.name)
            self.assertEqual(name, self.customers.get(c.id).name)
        self.assertEqual(["张伟"], [c.name for c in self.customers.find_by_name("张")])
        self.assertEqual(["欧阳娜娜"], [c.name for c in self.customers.find_by_name("欧阳", site="XH")])
        self.assertEqual(["𠮷野家"], [c.name for c in self.customers.find_by_name("𠮷")])

    def test_numbers_are_sequential_per_site_channel_and_year(self):
        numbers = [self.add(name="客户%d" % i, filed_on=D(2024, 1, 2), first_contact=D(2024, 1, 2)).archive_no
                   for i in range(3)]
        self.assertEqual([1, 2, 3], [snowball.parse_archive_no(n).sequence for n in numbers])
        lead = self.add(name="线索", channel="lead", filed_on=D(2024, 1, 2), first_contact=D(2024, 1, 2))
        self.assertEqual(1, snowball.parse_archive_no(lead.archive_no).sequence)
        # Removed: the number is retired, never issued again.
        removed = self.customers.get(self.customers.by_archive_no(numbers[2]).id)
        self.customers.remove(removed)
        self.assertIsNone(self.customers.by_archive_no(numbers[2]))
        self.assertIsNone(self.customers.find(removed.id))
        nxt = self.add(name="第四位", filed_on=D(2024, 1, 3), first_contact=D(2024, 1, 3))
        self.assertEqual(4, snowball.parse_archive_no(nxt.archive_no).sequence)

    def test_add_many(self):
        filed = self.customers.add_many([
            dict(site="XH", channel="lead", name="甲", mobile="13700137001"),
            dict(site="XH", channel="lead", name="乙", mobile="13700137002", tier="vip"),
        ])
        self.assertEqual(["甲", "乙"], [c.name for c in filed])
        self.assertEqual("vip", filed[1].tier)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.customers.add_many([dict(site="XH", channel="lead", name="丙", mobile="13700137003"),
                                     dict(site="XH", channel="lead", name="丁", mobile="123")])
        self.assertEqual("customers[1].mobile", caught.exception.field)
        self.assertIsNone(self.customers.by_phone("13700137003", site="XH"))  # all or nothing

    def test_keyword_only(self):
        with self.assertRaises(TypeError):
            self.customers.add("XH", "call", "张伟")
        with self.assertRaises(TypeError):
            self.customers.add(site="XH", channel="call", name="张伟", moblie="13800138000")
        c = self.add(mobile="13800138000")
        with self.assertRaises(TypeError):
            self.customers.record_deal(c.id, "3-1-1201", 89.5, 1200000)
        with self.assertRaises(TypeError):
            self.customers.update(c, "张三")
        with self.assertRaises(TypeError):
            self.customers.list("XH")
        with self.assertRaises(TypeError):
            self.customers.record_visit(c.id, D(2024, 1, 1), self.wang)
        with self.assertRaises(TypeError):   # a datetime is not a date
            self.add(name="李四", first_contact=datetime.datetime(2024, 3, 5, 10, 0))
        self.assertEqual(1, self.customers.list().total)

    def test_bad_input_names_the_field(self):
        cases = [
            (dict(channel="phone"), "channel"),
            (dict(channel="来电", tier="gold"), "tier"),
            (dict(gender="x"), "gender"),
            (dict(name=""), "name"),
            (dict(name="a" * 51), "name"),
            (dict(mobile="12345"), "mobile"),
            (dict(mobile="010-65521234"), "mobile"),
            (dict(phones=[("fax", "01065521234")]), "phones[0].kind"),
            (dict(phones=["6552"]), "phones[0]"),
            (dict(first_contact="2024-02-30"), "first_contact"),
            (dict(first_contact=D(2999, 1, 1)), "first_contact"),
            (dict(filed_on="2024/01/01"), "filed_on"),
            (dict(consultant=self.li), "consultant_id"),
            (dict(name=42), "name"),
        ]
        for fields, field in cases:
            with self.subTest(fields=fields):
                with self.assertRaises(snowball.InvalidArgument) as caught:
                    self.add(**dict(dict(name="李娜"), **fields))
                self.assertEqual(field, caught.exception.field)
                self.assertTrue(str(caught.exception))
        with self.assertRaises(snowball.NotFound) as caught:
            self.add(site="ZZ")
        self.assertEqual("site", caught.exception.field)
        with self.assertRaises(snowball.NotFound) as caught:
            self.add(consultant=9999)
        self.assertEqual("consultant_id", caught.exception.field)
        self.assertEqual(0, self.customers.list().total)
        # The channel takes the Chinese terms too.
        self.assertEqual("visit", self.add(channel="来访").channel)

    def test_conflict_names_the_existing_customer(self):
        zhang = self.add(mobile="13800138000")
        for same in ("13800138000", "+86 138 0013 8000", "0086-138-0013-8000"):
            with self.assertRaises(snowball.Conflict) as caught:
                self.add(name="李四", channel="lead", mobile=same)
            self.assertEqual(zhang.id, caught.exception.record_id)
            self.assertEqual("mobile", caught.exception.field)
            self.assertIn(zhang.archive_no, str(caught.exception))
        # Another site may have the same phone.
        self.assertEqual("BJ", self.add(site="BJ", mobile="13800138000").site)
        self.assertEqual(2, self.customers.list().total)


class LookupTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        self.zhang = self.add(mobile="13800138000", phones=[("home", "01065521234")])

    def test_by_phone(self):
        for phone in ("13800138000", "+86 138-0013-8000", "0086 13800138000", "138 0013 8000", "８６１３８００１３８０００"):
            self.assertEqual(self.zhang, self.customers.by_phone(phone), phone)
            self.assertEqual(self.zhang, self.customers.by_phone(phone, site="XH"), phone)
        self.assertEqual(self.zhang.id, self.customers.by_phone("010-6552-1234", site="xh").id)
        self.assertIsNone(self.customers.by_phone("13700137000"))
        self.assertIsNone(self.customers.by_phone("13800138000", site="BJ"))
        with self.assertRaises(snowball.NotFound) as caught:   # a typo in the site is not "no caller"
            self.customers.by_phone("13800138000", site="XJ")
        self.assertEqual("site", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.customers.by_phone("call me")
        self.assertEqual("phone", caught.exception.field)
        # On file at two sites: without a site it is ambiguous.
        bj = self.add(site="BJ", mobile="13800138000")
        with self.assertRaises(snowball.Conflict) as caught:
            self.customers.by_phone("13800138000")
        self.assertIn(caught.exception.record_id, (self.zhang.id, bj.id))
        self.assertEqual(bj, self.customers.by_phone("13800138000", site=self.archive.sites.get("BJ")))
        self.assertEqual(["BJ", "XH"], [c.site for c in self.customers.find_by_phone("+8613800138000")])

    def test_by_archive_no(self):
        self.assertEqual(self.zhang, self.customers.by_archive_no(self.zhang.archive_no))
        self.assertEqual(self.zhang, self.customers.by_archive_no(" " + self.zhang.archive_no.lower() + " "))
        unused = snowball.render_archive_no(snowball.DEFAULT_NUMBER_FORMAT, "XH", "call", 2020, 9)
        self.assertIsNone(self.customers.by_archive_no(unused))
        typo = self.zhang.archive_no[:-1] + ("0" if self.zhang.archive_no[-1] != "0" else "1")
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.customers.by_archive_no(typo)
        self.assertEqual("archive_no", caught.exception.field)

    def test_get_find_update_remove(self):
        self.assertIsNone(self.customers.find(9999))
        with self.assertRaises(snowball.NotFound):
            self.customers.get(9999)
        u = self.customers.update(self.zhang, name="张 伟", tier="vip", note="周六再来", gender="male",
                                  first_contact=D(2024, 1, 1), consultant=self.wang)
        self.assertEqual(("张 伟", "vip", "周六再来", "male", D(2024, 1, 1), self.wang.id),
                         (u.name, u.tier, u.note, u.gender, u.first_contact, u.consultant_id))
        self.assertEqual(self.zhang.archive_no, u.archive_no)
        self.assertEqual(self.zhang.mobile, u.mobile)
        cleared = self.customers.update(u.id, mobile="", consultant=None)
        self.assertEqual("", cleared.mobile)
        self.assertIsNone(cleared.consultant_id)
        self.assertEqual([snowball.Phone("home", "01065521234")], cleared.phones)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.customers.update(u.id, tier="gold")
        self.assertEqual("tier", caught.exception.field)
        self.customers.remove(u.id)
        self.assertIsNone(self.customers.find(u.id))
        with self.assertRaises(snowball.NotFound):
            self.customers.remove(u.id)


class VisitsAndDealsTest(ArchiveTestCase):
    def test_visits(self):
        c = self.add(first_contact=D(2024, 3, 1), consultant=self.wang)
        v = self.customers.record_visit(c.id, D(2024, 3, 9))
        self.assertIsInstance(v, snowball.Visit)
        self.assertEqual((c.id, D(2024, 3, 9), self.wang.id, ""), (v.customer_id, v.date, v.consultant_id, v.note))
        self.assertIs(type(v.date), datetime.date)
        self.assertUtcTimestamp(v.recorded_at)
        self.assertEqual("visitor", self.customers.get(c.id).stage)
        today = self.customers.record_visit(c, note="带父母来看")
        self.assertEqual(today_in_china(), today.date)
        early = self.customers.record_visit(c.id, date=D(2024, 3, 2))
        self.assertEqual([early, v, today], self.customers.visits(c.id))
        for bad, field in ((D(2999, 1, 1), "date"), (D(2024, 2, 1), "date"), ("2024-13-01", "date")):
            with self.assertRaises(snowball.InvalidArgument) as caught:
                self.customers.record_visit(c.id, bad)
            self.assertEqual(field, caught.exception.field)
        with self.assertRaises(snowball.NotFound):
            self.customers.record_visit(9999, D(2024, 3, 9))
        self.assertEqual(3, len(self.customers.visits(c.id)))

    def test_deals_and_closed_deals(self):
        zhang = self.add(first_contact=D(2024, 1, 5), consultant=self.wang)
        li = self.add(name="李娜", site="BJ", channel="visit", first_contact=D(2024, 1, 5))
        deal = self.customers.record_deal(zhang.id, unit="3-1-1201", area=128.5, price=3560000, date=D(2024, 2, 14),
                                          layout="3室2厅2卫", bought_for="父母")
        self.assertIsInstance(deal, snowball.Deal)
        self.assertEqual((zhang.id, "XH", "3-1-1201", "3室2厅2卫", 128.5, 3560000.0, D(2024, 2, 14), "父母", self.wang.id),
                         (deal.customer_id, deal.site, deal.unit, deal.layout, deal.area, deal.price, deal.date,
                          deal.bought_for, deal.consultant_id))
        self.assertIsInstance(deal.price, float)
        self.assertFalse(deal.cancelled)
        self.assertUtcTimestamp(deal.recorded_at)
        self.assertEqual("owner", self.customers.get(zhang.id).stage)
        other = self.customers.record_deal(li, unit="A-0808", area=89, price=2100000, date=D(2024, 3, 1))
        self.assertEqual(deal, self.customers.get_deal(deal.id))
        self.assertEqual([deal], self.customers.deals(zhang))

        page = self.customers.closed_deals()
        self.assertIsInstance(page, snowball.Page)
        self.assertEqual(2, page.total)
        self.assertEqual(2, len(page))
        self.assertTrue(all(isinstance(e, snowball.ClosedDeal) for e in page))
        self.assertEqual([other.id, deal.id], [e.deal.id for e in page])   # newest first
        self.assertEqual([li.id, zhang.id], [e.customer.id for e in page])
        self.assertEqual("owner", page.items[1].customer.stage)
        self.assertEqual([deal.id], [e.deal.id for e in self.customers.closed_deals(site="XH")])
        self.assertEqual([deal.id], [e.deal.id for e in self.customers.closed_deals(consultant=self.wang)])
        self.assertEqual([other.id], [e.deal.id for e in self.customers.closed_deals(start=D(2024, 2, 15))])
        self.assertEqual([deal.id], [e.deal.id for e in self.customers.closed_deals(end=D(2024, 2, 14))])
        one = self.customers.closed_deals(limit=1, offset=1)
        self.assertEqual((2, [deal.id]), (one.total, [e.deal.id for e in one]))

        cancelled = self.customers.cancel_deal(deal, "贷款未批")
        self.assertTrue(cancelled.cancelled)
        self.assertEqual("贷款未批", cancelled.cancel_reason)
        self.assertNotEqual("owner", self.customers.get(zhang.id).stage)
        self.assertEqual(1, self.customers.closed_deals().total)
        self.assertEqual(2, self.customers.closed_deals(include_cancelled=True).total)
        with self.assertRaises(snowball.InvalidState):
            self.customers.cancel_deal(deal.id, "again")

    def test_deal_bad_input(self):
        zhang = self.add(first_contact=D(2024, 1, 5))
        for fields, field in ((dict(area=0), "area"), (dict(area=-1), "area"), (dict(price=-5), "price"),
                              (dict(unit=""), "unit"), (dict(date=D(2999, 1, 1)), "date"),
                              (dict(area="89"), "area")):
            with self.subTest(fields=fields):
                args = dict(unit="3-1-1201", area=89.5, price=1200000, date=D(2024, 2, 1))
                args.update(fields)
                with self.assertRaises(snowball.InvalidArgument) as caught:
                    self.customers.record_deal(zhang.id, **args)
                self.assertEqual(field, caught.exception.field)
        first = self.customers.record_deal(zhang.id, unit="3-1-1201", area=89.5, price=1200000, date=D(2024, 2, 1))
        li = self.add(name="李娜", first_contact=D(2024, 1, 5))
        with self.assertRaises(snowball.Conflict) as caught:
            self.customers.record_deal(li.id, unit="3-1-1201", area=89.5, price=1200000, date=D(2024, 2, 2))
        self.assertEqual(first.id, caught.exception.record_id)
        self.assertEqual([], self.customers.deals(li.id))
        with self.assertRaises(snowball.InvalidState):
            self.customers.remove(zhang)


class ListingTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        self.names = ["客户%02d" % i for i in range(7)]
        for i, name in enumerate(self.names):
            self.add(name=name, channel="lead" if i % 2 else "call", first_contact=D(2024, 1, 1 + i),
                     consultant=self.wang if i < 3 else None)

    def test_list_pages(self):
        page = self.customers.list(limit=3)
        self.assertIsInstance(page, snowball.Page)
        self.assertEqual(7, page.total)
        self.assertEqual(self.names[:3], [c.name for c in page])
        self.assertEqual(self.names[6:], [c.name for c in self.customers.list(limit=3, offset=6)])
        self.assertEqual([], self.customers.list(limit=3, offset=7).items)
        self.assertEqual(7, self.customers.list(limit=3, offset=7).total)
        leads = self.customers.list(channel="lead")
        self.assertEqual((3, [self.names[1], self.names[3], self.names[5]]), (leads.total, [c.name for c in leads]))
        self.assertEqual(3, self.customers.list(consultant=self.wang).total)
        window = self.customers.list(first_contact_from=D(2024, 1, 2), first_contact_to=D(2024, 1, 4))
        self.assertEqual(self.names[1:4], [c.name for c in window])
        self.assertEqual(7, self.customers.list(site="XH", name_prefix="客户").total)
        self.assertEqual(0, self.customers.list(site="BJ").total)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.customers.list(limit=0)
        self.assertEqual("limit", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.customers.list(stage="buyer")
        self.assertEqual("stage", caught.exception.field)

    def test_iter_walks_every_page(self):
        everyone = list(self.customers.iter(page_size=2))
        self.assertEqual(self.names, [c.name for c in everyone])
        self.assertEqual(len({c.id for c in everyone}), 7)
        self.assertEqual([self.names[i] for i in (0, 2, 4, 6)],
                         [c.name for c in self.customers.iter(page_size=3, channel="call")])
        self.assertEqual([], list(self.customers.iter(site="BJ")))

    def test_reassign(self):
        chen = self.archive.consultants.add(site="XH", name="陈静")
        self.assertEqual(3, self.customers.reassign(self.wang, chen))
        self.assertEqual(3, self.customers.list(consultant=chen).total)
        self.assertEqual(0, self.customers.reassign(self.wang.id, chen.id))
        with self.assertRaises(snowball.InvalidArgument):
            self.customers.reassign(chen, self.li)


if __name__ == "__main__":
    unittest.main()
