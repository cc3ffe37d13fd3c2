"""The Chinese calendar and the care calendar through Python, with the names the acceptance checks call:
snowball.calendar.to_lunar / to_gregorian / solar_term / festivals, archive.calendar.agenda / export_ics,
the reference vectors (../shared/calendar/vectors.md), working days and task completion."""

import datetime
import inspect
import unittest

import snowball
from snowball import calendar
from support import ArchiveTestCase, today_in_china

D = datetime.date

# vectors.md, "Single days that catch common bugs": Gregorian → (lunar year, month, leap, day).
SINGLE_DAYS = [
    (D(1900, 1, 31), 1900, 1, False, 1),
    (D(1917, 3, 23), 1917, 2, True, 1),
    (D(1933, 7, 22), 1933, 5, True, 30),
    (D(1984, 11, 23), 1984, 10, True, 1),
    (D(1987, 7, 26), 1987, 6, True, 1),
    (D(1987, 8, 24), 1987, 7, False, 1),
    (D(1996, 7, 15), 1996, 5, False, 30),
    (D(1996, 7, 16), 1996, 6, False, 1),
    (D(2013, 6, 8), 2013, 5, False, 1),
    (D(2014, 10, 24), 2014, 9, True, 1),
    (D(2018, 11, 7), 2018, 9, False, 30),
    (D(2020, 5, 23), 2020, 4, True, 1),
    (D(2023, 3, 22), 2023, 2, True, 1),
    (D(2025, 7, 25), 2025, 6, True, 1),
    (D(2027, 2, 6), 2027, 1, False, 1),
    (D(2030, 2, 3), 2030, 1, False, 1),
    (D(2033, 12, 22), 2033, 11, True, 1),
    (D(2034, 1, 19), 2033, 11, True, 29),
    (D(2034, 1, 20), 2033, 12, False, 1),
    (D(2034, 2, 19), 2034, 1, False, 1),
    (D(2060, 4, 30), 2060, 4, False, 1),
    (D(2100, 12, 31), 2100, 12, False, 1),
]

# vectors.md, Qingming.
QINGMING = {1990: 5, 1991: 5, 1992: 4, 1993: 5, 1994: 5, 1995: 5, 1996: 4, 1997: 5, 1998: 5, 1999: 5, 2000: 4,
            2001: 5, 2002: 5, 2003: 5, 2004: 4, 2005: 5, 2006: 5, 2007: 5, 2008: 4, 2009: 4, 2010: 5, 2011: 5,
            2012: 4, 2013: 4, 2014: 5, 2015: 5, 2016: 4, 2017: 4, 2018: 5, 2019: 5, 2020: 4, 2021: 4, 2022: 5,
            2023: 5, 2024: 4, 2025: 4, 2026: 5, 2027: 5, 2028: 4, 2029: 4, 2030: 5, 2031: 5, 2032: 4, 2033: 4,
            2034: 5, 2035: 5, 2036: 4, 2037: 4, 2038: 5, 2039: 5, 2040: 4}

# vectors.md, Chinese New Year 2020-2034 and the leap month of that lunar year.
NEW_YEARS = {2020: (D(2020, 1, 25), 4), 2021: (D(2021, 2, 12), 0), 2022: (D(2022, 2, 1), 0), 2023: (D(2023, 1, 22), 2),
             2024: (D(2024, 2, 10), 0), 2025: (D(2025, 1, 29), 6), 2026: (D(2026, 2, 17), 0),
             2027: (D(2027, 2, 6), 0), 2028: (D(2028, 1, 26), 5), 2033: (D(2033, 1, 31), 11),
             2034: (D(2034, 2, 19), 0)}


class LunarCalendarTest(unittest.TestCase):
    def test_the_single_day_vectors(self):
        for day, year, month, leap, lunar_day in SINGLE_DAYS:
            with self.subTest(day=day):
                lunar = calendar.to_lunar(day)
                self.assertIsInstance(lunar, calendar.LunarDate)
                self.assertIs(lunar.__class__, snowball.LunarDate)
                self.assertEqual((year, month, lunar_day, leap), (lunar.year, lunar.month, lunar.day, lunar.leap))
                self.assertIsInstance(lunar.leap, bool)
                back = calendar.to_gregorian(year, month, lunar_day, leap=leap)
                self.assertIsInstance(back, datetime.date)
                self.assertEqual(day, back)
                self.assertEqual(day, calendar.to_gregorian(year, month, lunar_day, leap))

    def test_new_years_and_leap_months(self):
        for year, (first, leap_month) in NEW_YEARS.items():
            with self.subTest(year=year):
                self.assertEqual(calendar.LunarDate(year, 1, 1, False), calendar.to_lunar(first))
                eve = calendar.to_lunar(first - datetime.timedelta(days=1))
                self.assertEqual((year - 1, 12, False), (eve.year, eve.month, eve.leap))
                if leap_month:
                    self.assertEqual(calendar.LunarDate(year, leap_month, 1, True),
                                     calendar.to_lunar(calendar.to_gregorian(year, leap_month, 1, leap=True)))
                    self.assertLess(calendar.to_gregorian(year, leap_month, 1),
                                    calendar.to_gregorian(year, leap_month, 1, leap=True))
                else:
                    for month in range(1, 13):
                        with self.assertRaises(snowball.InvalidArgument):
                            calendar.to_gregorian(year, month, 1, leap=True)

    def test_round_trip_over_three_years(self):
        day = D(2032, 1, 1)
        previous = None
        while day <= D(2034, 12, 31):
            lunar = calendar.to_lunar(day)
            self.assertEqual(day, calendar.to_gregorian(lunar.year, lunar.month, lunar.day, lunar.leap))
            if previous is not None and lunar.day != 1:
                self.assertEqual((previous.year, previous.month, previous.leap, previous.day + 1),
                                 (lunar.year, lunar.month, lunar.leap, lunar.day))
            previous = lunar
            day += datetime.timedelta(days=1)

    def test_qingming_and_other_solar_terms(self):
        for year, day in QINGMING.items():
            with self.subTest(year=year):
                term = calendar.solar_term(year, "qingming")
                self.assertIsInstance(term, datetime.date)
                self.assertEqual(D(year, 4, day), term)
        self.assertEqual(D(2026, 2, 4), calendar.solar_term(2026, "lichun"))
        self.assertEqual(D(2026, 12, 22), calendar.solar_term(2026, "dongzhi"))
        self.assertEqual(D(2026, 1, 5), calendar.solar_term(2026, "xiaohan"))
        for bad in ("QingMing", "清明", "", "tomb_sweeping"):
            with self.subTest(name=bad), self.assertRaises(snowball.InvalidArgument) as caught:
                calendar.solar_term(2026, bad)
            self.assertEqual("name", caught.exception.field)
        for year in (1899, 2101):
            with self.assertRaises(snowball.InvalidArgument):
                calendar.solar_term(year, "qingming")

    def test_out_of_range_dates_are_invalid_arguments(self):
        for day in (D(1900, 1, 30), D(1899, 12, 31), D(2101, 1, 1), D(1, 1, 1), D(9999, 12, 31)):
            with self.subTest(day=day), self.assertRaises(snowball.InvalidArgument) as caught:
                calendar.to_lunar(day)
            self.assertIsInstance(caught.exception, ValueError)
            self.assertEqual("date", caught.exception.field)
        for args in ((1899, 12, 1), (2101, 1, 1), (2100, 12, 2), (2021, 8, 30), (2026, 13, 1), (2026, 0, 1),
                     (2026, 1, 0), (2026, 1, 31)):
            with self.subTest(args=args), self.assertRaises(snowball.InvalidArgument):
                calendar.to_gregorian(*args)
        with self.assertRaises(snowball.InvalidArgument):
            calendar.to_gregorian(2021, 4, 15, leap=True)   # 2021 has no leap month
        with self.assertRaises(TypeError):
            calendar.to_lunar(datetime.datetime(2026, 9, 25, 12, 0))
        with self.assertRaises(TypeError):
            calendar.to_lunar("2026-09-25")

    def test_lunar_info_names(self):
        info = calendar.lunar_info(D(2020, 6, 6))
        self.assertEqual(calendar.LunarDate(2020, 4, 15, True), info.date)
        self.assertEqual(("闰四月", "十五", "庚子年闰四月十五", "鼠", "rat", "庚子"),
                         (info.month_name, info.day_name, info.text, info.zodiac, info.zodiac_en, info.cyclical_year))
        self.assertIsNone(info.solar_term)
        self.assertEqual("qingming", calendar.lunar_info(D(2026, 4, 5)).solar_term)


class FestivalsTest(unittest.TestCase):
    def test_the_festivals_of_a_gregorian_year(self):
        days = calendar.festivals(2026)
        self.assertIsInstance(days, list)
        for item in days:
            self.assertIsInstance(item, tuple)
            self.assertEqual(2, len(item))
            self.assertIsInstance(item[0], str)
            self.assertIsInstance(item[1], datetime.date)
            self.assertEqual(2026, item[1].year)
        self.assertEqual(sorted(d for _, d in days), [d for _, d in days])
        on = dict(days)
        self.assertEqual(D(2026, 1, 1), on["new_year"])
        self.assertEqual(D(2026, 2, 16), on["new_years_eve"])    # the last day of month 12 (29 days)
        self.assertEqual(D(2026, 2, 17), on["spring_festival"])
        self.assertEqual(D(2026, 3, 3), on["lantern"])
        self.assertNotIn("qingming", on)   # a day of mourning: not greeted by default
        self.assertEqual(D(2026, 5, 1), on["labour_day"])
        self.assertEqual(D(2026, 5, 10), on["mothers_day"])
        self.assertEqual(D(2026, 6, 19), on["dragon_boat"])
        self.assertEqual(D(2026, 6, 21), on["fathers_day"])
        self.assertEqual(D(2026, 8, 19), on["qixi"])
        self.assertEqual(D(2026, 9, 25), on["mid_autumn"])
        self.assertEqual(D(2026, 10, 1), on["national_day"])
        self.assertEqual(D(2026, 12, 25), on["christmas"])
        self.assertEqual(D(2024, 5, 12), dict(calendar.festivals(2024))["mothers_day"])
        self.assertEqual(D(2025, 6, 15), dict(calendar.festivals(2025))["fathers_day"])
        # New Year's Eve is the last day of month 12: the 30th in lunar 2023 (2024-02-09).
        self.assertEqual(D(2024, 2, 9), dict(calendar.festivals(2024))["new_years_eve"])

    def test_a_lunar_festival_can_fall_twice_or_not_at_all(self):
        laba = [d for key, d in calendar.festivals(2022) if key == "laba"]
        self.assertEqual([D(2022, 1, 10), D(2022, 12, 30)], laba)
        # Lunar 2023 repeats its 2nd month: its Laba is 2024-01-18, and none falls in 2023.
        self.assertNotIn("laba", dict(calendar.festivals(2023)))
        self.assertEqual(D(2024, 1, 18), dict(calendar.festivals(2024))["laba"])
        # Lunar 2033's 12th month follows the leap 11th month: its New Year's Eve is 2034-02-18.
        self.assertEqual(D(2034, 2, 18), dict(calendar.festivals(2034))["new_years_eve"])

    def test_years_outside_the_rules(self):
        for year in (1900, 2101):
            with self.assertRaises(snowball.InvalidArgument):
                calendar.festivals(year)


class WorkingDaysTest(unittest.TestCase):
    def test_national_day_2025(self):
        result = calendar.add_working_days(D(2025, 9, 30), 3)
        self.assertEqual(D(2025, 10, 11), result.date)    # Oct 1-8 off, Saturday Oct 11 worked
        self.assertFalse(result.estimated)
        self.assertEqual([], result.unpublished_years)
        self.assertEqual(D(2025, 9, 30), calendar.add_working_days(D(2025, 9, 30), 0).date)
        self.assertEqual(D(2025, 10, 9), calendar.add_working_days(D(2025, 9, 30), 1).date)
        self.assertEqual(3, calendar.working_days_between(D(2025, 9, 30), D(2025, 10, 11)).days)
        for day in (D(2025, 10, 1), D(2025, 10, 8)):
            info = calendar.working_day(day)
            self.assertFalse(info.working)
            self.assertIn("国庆", info.holiday)
            self.assertTrue(info.published)
        for day in (D(2025, 9, 28), D(2025, 10, 11)):   # make-up working weekend days
            self.assertTrue(calendar.is_working_day(day), day)
            self.assertIsNone(calendar.working_day(day).holiday)
        # Spring Festival and Labour Day 2025.
        self.assertFalse(calendar.is_working_day(D(2025, 2, 4)))
        self.assertTrue(calendar.is_working_day(D(2025, 1, 26)))
        self.assertTrue(calendar.is_working_day(D(2025, 2, 8)))
        self.assertTrue(calendar.is_working_day(D(2025, 4, 27)))
        self.assertFalse(calendar.is_working_day(D(2025, 5, 5)))

    def test_an_unpublished_year_falls_back_to_weekends_and_says_so(self):
        result = calendar.add_working_days(D(2099, 12, 31), 1)
        self.assertEqual(D(2100, 1, 1), result.date)
        self.assertTrue(result.estimated)
        self.assertEqual([2100], result.unpublished_years)
        self.assertFalse(calendar.working_day(D(2099, 6, 1)).published)
        with self.assertRaises(snowball.InvalidArgument):
            calendar.add_working_days(D(2025, 9, 30), -1)


class CareCalendarTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        past = D(2020, 1, 6)
        # A VIP owner born on Mid-Autumn (lunar 8/15), an ordinary owner, a prospect, a BJ owner.
        self.zhang = self.add("张伟", consultant=self.wang, tier="vip", lunar_birthday=(1980, 8, 15), first_contact=past,
                              filed_on=past)
        self.customers.record_deal(self.zhang, unit="3-1-1201", area=89.5, price=1200000, date=D(2024, 5, 10))
        self.li_na = self.add("李娜", consultant=self.wang, birthday=D(1990, 9, 22), first_contact=past, filed_on=past)
        self.customers.record_deal(self.li_na, unit="3-1-1202", area=89.5, price=1200000, date=D(2024, 5, 11))
        self.zhao = self.add("赵六", birthday=D(1985, 9, 22), first_contact=past, filed_on=past)
        self.sun = self.add("孙八", site="BJ", consultant=self.li, tier="vip", birthday=D(1970, 9, 22), first_contact=past,
                            filed_on=past)
        self.customers.record_deal(self.sun, unit="1-1-101", area=120, price=3000000, date=D(2024, 5, 12))
        self.care = self.archive.calendar

    def test_agenda_with_the_acceptance_names(self):
        tasks = self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="XH")
        self.assertEqual([(D(2026, 9, 22), self.li_na.id), (D(2026, 9, 25), self.zhang.id), (D(2026, 9, 25), self.li_na.id)],
                         [(t.date, t.customer_id) for t in tasks])
        for t in tasks:
            self.assertIsInstance(t, snowball.CareTask)
            self.assertIsInstance(t.date, datetime.date)
            self.assertIsInstance(t.occasion, str)
            self.assertIsInstance(t.action, str)
            self.assertEqual(self.wang.id, t.consultant_id)
            self.assertEqual("XH", t.site)
            self.assertEqual("open", t.status)
        birthday, mid_autumn, festival = tasks
        self.assertEqual([], mid_autumn.family_member_ids)
        self.assertEqual("birthday", birthday.occasion)
        self.assertEqual("call", birthday.action)
        # One task for the VIP's birthday on Mid-Autumn: the cake two days ahead, the call, the greeting.
        self.assertEqual("birthday+festival", mid_autumn.occasion)
        self.assertEqual("flowers_or_cake+call+call_or_sms", mid_autumn.action)
        self.assertEqual(D(2026, 9, 23), mid_autumn.prepare_from)
        self.assertEqual(["张伟生日", "中秋节"], [o.title for o in mid_autumn.occasions])
        self.assertEqual(["gift", "phone", "phone"], [a.channel for a in mid_autumn.actions])
        self.assertEqual([2, 0, 0], [a.lead_days for a in mid_autumn.actions])
        self.assertEqual(D(2026, 9, 23), mid_autumn.actions[0].start)
        self.assertEqual("festival", festival.occasion)
        self.assertEqual("call_or_sms", festival.action)
        # Positional site and consultant, as the acceptance signature reads.
        self.assertEqual([t.id for t in tasks], [t.id for t in self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), "XH")])
        mine = self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), None, self.wang)
        self.assertEqual([t.id for t in tasks], [t.id for t in mine])
        self.assertEqual([t.id for t in tasks], [t.id for t in self.care.agenda(D(2026, 9, 20), D(2026, 9, 30),
                                                                                  consultant=self.wang.id)])
        # Generating again stores nothing twice.
        self.assertEqual(tasks, self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="XH"))
        # The prospect gets nothing by default; BJ's owner is BJ's.
        self.assertNotIn(self.zhao.id, [t.customer_id for t in tasks])
        bj = self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="BJ")
        self.assertEqual([(D(2026, 9, 22), "birthday", "flowers_or_cake+call"), (D(2026, 9, 25), "festival", "call_or_sms")],
                         [(t.date, t.occasion, t.action) for t in bj])
        self.assertEqual(inspect.signature(self.care.agenda).parameters["site"].default, None)
        self.assertEqual(inspect.signature(self.care.agenda).parameters["consultant"].default, None)

    def test_agenda_errors(self):
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.care.agenda(D(2026, 9, 30), D(2026, 9, 20), site="XH")
        self.assertEqual("to", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.care.agenda(D(2026, 1, 1), D(2027, 1, 2), site="XH")
        self.assertEqual("to", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.care.agenda(D(2100, 12, 1), D(2101, 1, 1), site="XH")
        self.assertEqual("to", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.care.agenda(D(2026, 9, 20), D(2026, 9, 30))
        self.assertEqual("site", caught.exception.field)
        with self.assertRaises(snowball.NotFound):
            self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="ZZ")
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="XH", consultant=self.li)
        self.assertEqual("consultant_id", caught.exception.field)
        with self.assertRaises(TypeError):
            self.care.agenda(datetime.datetime(2026, 9, 20), D(2026, 9, 30), site="XH")

    def test_complete_skip_reopen_and_overdue(self):
        tasks = self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="XH")
        first, second, third = tasks
        overdue = self.care.overdue(D(2026, 10, 1), site="XH")
        self.assertEqual([t.id for t in tasks], [t.id for t in overdue])   # oldest first
        self.assertEqual([first.id], [t.id for t in self.care.overdue(D(2026, 9, 25), site="XH")])
        self.assertEqual([], self.care.overdue(D(2026, 9, 22), site="XH"))

        done = self.care.complete(first, "已致电祝贺", note="客户很高兴\n约了下周看房", by=self.wang)
        self.assertEqual("done", done.status)
        self.assertEqual("已致电祝贺", done.outcome)
        self.assertEqual("客户很高兴\n约了下周看房", done.note)
        self.assertEqual(self.wang.id, done.done_by)
        self.assertUtcTimestamp(done.done_at)
        self.assertEqual(done, self.care.get(first.id))
        with self.assertRaises(snowball.InvalidState) as caught:
            self.care.complete(first, "again")
        self.assertEqual("task_id", caught.exception.field)
        self.assertEqual(first.id, caught.exception.record_id)

        skipped = self.care.skip(second.id, "客户出国")
        self.assertEqual(("skipped", "客户出国"), (skipped.status, skipped.outcome))
        self.assertIsNone(skipped.done_by)
        self.assertEqual([third.id], [t.id for t in self.care.overdue(D(2026, 10, 1), site="XH")])
        self.assertEqual([third.id], [t.id for t in self.care.overdue(D(2026, 10, 1), consultant=self.wang)])
        self.assertEqual([third.id], [t.id for t in self.care.overdue(D(2026, 10, 1))])   # BJ has generated nothing

        reopened = self.care.reopen(second, by=self.wang)
        self.assertEqual("open", reopened.status)
        self.assertIsNone(reopened.done_at)
        self.assertIsNone(reopened.done_by)
        with self.assertRaises(snowball.InvalidState):
            self.care.reopen(second)
        with self.assertRaises(snowball.NotFound) as caught:
            self.care.get(424242)
        self.assertEqual("task_id", caught.exception.field)
        with self.assertRaises(snowball.NotFound):
            self.care.complete(424242, "x")
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.care.complete(third, "")
        self.assertEqual("outcome", caught.exception.field)
        with self.assertRaises(snowball.NotFound) as caught:
            self.care.complete(third, "ok", by=9999)
        self.assertEqual("by", caught.exception.field)
        self.assertEqual("open", self.care.get(third.id).status)
        # The festival greeting, kept with the site's other greetings until acted on, keeps its id.
        greeted = self.care.complete(third, "已发短信")
        self.assertEqual((third.id, "done", "festival"), (greeted.id, greeted.status, greeted.occasion))
        again = {t.id: t for t in self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="XH")}
        self.assertEqual(sorted(t.id for t in tasks), sorted(again))
        self.assertEqual(("done", "已发短信"), (again[third.id].status, again[third.id].outcome))
        # Without a day: today in China.
        today = today_in_china()
        self.assertTrue(all(t.date < today for t in self.care.overdue()))

    def test_export_ics(self):
        ics = self.care.export_ics(D(2026, 9, 20), D(2026, 9, 30), consultant=self.wang)
        self.assertIsInstance(ics, str)
        self.assertTrue(ics.startswith("BEGIN:VCALENDAR\r\n"))
        self.assertTrue(ics.endswith("END:VCALENDAR\r\n"))
        self.assertNotIn("\n", ics.replace("\r\n", ""))
        for line in ics.split("\r\n"):
            self.assertLessEqual(len(line.encode("utf-8")), 75, line)
        unfolded = ics.replace("\r\n ", "")
        lines = unfolded.split("\r\n")
        self.assertEqual(3, lines.count("BEGIN:VEVENT"))
        self.assertEqual(3, lines.count("END:VEVENT"))
        self.assertEqual(lines.count("BEGIN:VALARM"), lines.count("END:VALARM"))
        self.assertEqual(["20260922", "20260925", "20260925"],
                         [l.split(":", 1)[1] for l in lines if l.startswith("DTSTART;VALUE=DATE:")])
        self.assertEqual(["20260923", "20260926", "20260926"],
                         [l.split(":", 1)[1] for l in lines if l.startswith("DTEND;VALUE=DATE:")])
        self.assertIn("TRIGGER:-P1DT15H", lines)   # the cake, two days ahead at 09:00
        self.assertNotIn("RRULE", ics)
        self.assertNotIn("赵六", ics)
        self.assertEqual(3, len({l for l in lines if l.startswith("UID:")}))
        self.assertTrue(any("张伟生日" in l and l.startswith("SUMMARY:") for l in lines))
        self.assertEqual(ics.count("BEGIN:VEVENT"),
                         self.care.export_ics(D(2026, 9, 20), D(2026, 9, 30), consultant=self.wang.id).count("BEGIN:VEVENT"))
        with self.assertRaises(snowball.NotFound):
            self.care.export_ics(D(2026, 9, 20), D(2026, 9, 30), consultant=9999)
        with self.assertRaises(snowball.InvalidArgument):
            self.care.export_ics(D(2026, 9, 30), D(2026, 9, 20), consultant=self.wang)

    def test_site_settings_change_the_agenda(self):
        # The project's owners' day, and Mid-Autumn switched off.
        self.care.add_festival("XH", "owners_day", "gregorian:06-18", "业主节", name_en="Owners' Day")
        self.care.switch_festival("XH", "mid_autumn", False)
        june = self.care.agenda(D(2026, 6, 16), D(2026, 6, 18), site="XH")
        self.assertEqual([(D(2026, 6, 18), self.zhang.id, "festival"), (D(2026, 6, 18), self.li_na.id, "festival")],
                         [(t.date, t.customer_id, t.occasion) for t in june])
        self.assertEqual("owners_day", june[0].occasions[0].key)
        september = self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="XH")
        self.assertEqual(["birthday", "birthday"], [t.occasion for t in september])
        with self.assertRaises(snowball.NotFound) as caught:
            self.care.switch_festival("XH", "no_such_festival", False)
        self.assertEqual("festival", caught.exception.field)
        # Prospects get an SMS on Spring Festival at XH.
        policy = list(self.care.settings("XH").policy)
        policy.append({"occasion": "festival", "festival": "spring_festival", "stage": "prospect", "action": "sms",
                       "channel": "sms", "lead_days": 1, "label": "春节短信问候"})
        added = self.care.set_policy("XH", policy).policy[-1]
        self.assertEqual(calendar.CareRule("festival", "spring_festival", None, "prospect", "sms", "sms", 1,
                                           snowball.records.Label("春节短信问候", "", "")), added)
        spring = self.care.agenda(D(2026, 2, 17), D(2026, 2, 17), site="XH")
        self.assertEqual({self.zhang.id: "call_or_sms", self.li_na.id: "call_or_sms", self.zhao.id: "sms"},
                         {t.customer_id: t.action for t in spring})
        self.assertEqual(D(2026, 2, 16), [t for t in spring if t.customer_id == self.zhao.id][0].prepare_from)
        # The follow-up cadence and leap-month birthdays are settings too.
        settings = self.care.set_occasions("XH", follow_up="14d", leap_month_birthdays_twice=True)
        self.assertEqual(calendar.OccasionSettings(leap_month_birthdays_twice=True, deal_anniversaries=True,
                                                   follow_up="14d"), settings.occasions)
        # One setting changed, the others kept (one call: read and written in one transaction).
        settings = self.care.set_occasions("XH", deal_anniversaries=False)
        self.assertEqual(calendar.OccasionSettings(leap_month_birthdays_twice=True, deal_anniversaries=False,
                                                   follow_up="14d"), settings.occasions)
        self.assertEqual(settings, self.care.settings("XH"))
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.care.set_occasions("XH", follow_up="every week")
        self.assertEqual("occasions.follow_up", caught.exception.field)
        self.assertEqual(settings, self.care.settings("XH"))
        # A festival of the site's own twice is a conflict; the settings are records.
        with self.assertRaises(snowball.Conflict) as caught:
            self.care.add_festival("XH", "owners_day", "gregorian:06-19", "业主节")
        self.assertEqual("key", caught.exception.field)
        owners_day = [f for f in settings.festivals if f.key == "owners_day"]
        self.assertEqual([calendar.FestivalRule("owners_day", "业主节", "", "Owners' Day", "gregorian:06-18", True)],
                         owners_day)
        self.assertIsInstance(self.care.settings("BJ"), calendar.CareSettings)
        self.assertEqual(["qingming"], [f.key for f in self.care.settings("BJ").festivals if not f.enabled])

    def test_a_sites_own_dates_for_a_buildings_owners(self):
        # 交房日 of building 3 (zhang's and li_na's units; not sun's 1-1-101) and its anniversaries.
        settings = self.care.add_festival("XH", "handover_b3", "once:2026-10-28", "3号楼交房",
                                          audience=calendar.CareAudience(unit_prefix="3-"))
        self.assertEqual("3-", [f for f in settings.festivals if f.key == "handover_b3"][0].audience.unit_prefix)
        self.care.add_festival("XH", "handover_b3_yearly", "yearly:2026-10-28", "3号楼交房周年", audience={"unit_prefix": "3-"})
        self.assertEqual([(self.zhang.id, "handover_b3"), (self.li_na.id, "handover_b3")],
                         [(t.customer_id, t.occasions[0].key) for t in self.care.agenda(D(2026, 10, 28), D(2026, 10, 28), site="XH")])
        self.assertEqual([(self.zhang.id, "handover_b3_yearly"), (self.li_na.id, "handover_b3_yearly")],
                         [(t.customer_id, t.occasions[0].key) for t in self.care.agenda(D(2028, 10, 28), D(2028, 10, 28), site="XH")])
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.care.add_festival("XH", "tasting", "once:2026-11-05", "品鉴会", audience={"profile_field": "favourite_cuisine"})
        self.assertEqual("audience.profile_value", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.care.add_festival("XH", "tasting", "once:2026-02-30", "品鉴会")
        self.assertEqual("date", caught.exception.field)

    def test_festival_audiences_and_qingming_off(self):
        settings = self.care.settings("XH")
        festivals = {f.key: f for f in settings.festivals}
        self.assertFalse(festivals["qingming"].enabled)
        self.assertEqual("mother", festivals["mothers_day"].audience.relation)
        self.assertEqual("female", festivals["womens_day"].audience.gender)
        self.assertTrue(festivals["childrens_day"].audience.children)
        self.assertEqual(calendar.CareAudience(), festivals["mid_autumn"].audience)
        # 李娜 is a woman with a child on file; 张伟's mother is on file.
        self.customers.update(self.li_na, gender="female")
        self.customers.update(self.zhang, gender="male")
        self.archive.consents.grant(self.li_na, "service", sensitive=True, guardian="李娜（母亲）")
        self.archive.family.add(self.li_na, relation="child", name="李小宝", birthday=D(2015, 3, 3))
        self.archive.family.add(self.zhang, relation="mother", name="张母", birthday=D(1950, 2, 2))
        tasks = self.care.agenda(D(2026, 5, 10), D(2026, 5, 10), site="XH")
        keys = sorted((t.customer_id, [o.key for o in t.occasions if o.kind == "festival"],
                       [o.title for o in t.occasions if o.kind == "festival"]) for t in tasks)
        self.assertEqual(sorted([(self.li_na.id, ["mothers_day"], ["母亲节"]),
                                 (self.zhang.id, ["mothers_day:family"], ["母亲节·问候母亲"])]), keys)
        women = self.care.agenda(D(2026, 3, 8), D(2026, 3, 8), site="XH")
        self.assertEqual([self.li_na.id], [t.customer_id for t in women])
        self.assertEqual([], self.care.agenda(D(2026, 4, 5), D(2026, 4, 5), site="XH"))
        # A site's own festival for owners of 40 and over: 张伟 (born 1980) is 46 in 2026, 李娜 (1990) 36.
        self.care.set_festivals("XH", list(settings.festivals) + [
            {"key": "owners_tea", "name_zh": "业主茶话会", "date": "gregorian:10-20", "audience": {"min_age": 40}}])
        tea = self.care.agenda(D(2026, 10, 20), D(2026, 10, 20), site="XH")
        self.assertEqual([(self.zhang.id, "owners_tea")], [(t.customer_id, t.occasions[0].key) for t in tea])
        with self.assertRaises(snowball.InvalidArgument) as raised:
            self.care.set_festivals("XH", [{"key": "x_day", "name_zh": "某节", "date": "gregorian:01-02",
                                            "audience": {"relation": "aunt"}}])
        self.assertIn("audience.relation", raised.exception.field)

    def test_gifts_budgets_and_the_agenda(self):
        tasks = self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="XH")
        birthday = next(t for t in tasks if t.customer_id == self.zhang.id and t.date == D(2026, 9, 25))
        self.assertIn("gift", [a.channel for a in birthday.actions])
        self.assertFalse(birthday.over_budget)
        settings = self.care.set_gift_budget("XH", "vip", 200)
        self.assertEqual([calendar.GiftBudget(tier="vip", monthly=200.0)], settings.gift_budgets)
        gift = self.care.record_gift("生日蛋糕", 168.8, task=birthday, supplier="好利来", given_on=D(2026, 9, 24),
                                     by=self.wang, note="提前一天送到")
        self.assertIsInstance(gift, calendar.Gift)
        self.assertEqual((self.zhang.id, birthday.id, "vip", 168.8, "好利来", D(2026, 9, 24), self.wang.id),
                         (gift.customer_id, gift.task_id, gift.tier, gift.cost, gift.supplier, gift.given_on, gift.given_by))
        self.assertEqual(gift, self.care.gift(gift.id))
        self.assertFalse(self.care.get(birthday.id).over_budget)   # the agenda marks; get does not
        self.assertFalse(next(t for t in self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="XH")
                              if t.id == birthday.id).over_budget)
        self.care.record_gift("鲜花", 50, customer=self.zhang, given_on=D(2026, 9, 25))
        marked = next(t for t in self.care.agenda(D(2026, 9, 20), D(2026, 9, 30), site="XH") if t.id == birthday.id)
        self.assertTrue(marked.over_budget)
        totals = self.care.gift_totals("XH", D(2026, 9, 1), D(2026, 10, 31))
        self.assertEqual([("2026-09", "ordinary"), ("2026-09", "vip"), ("2026-10", "ordinary"), ("2026-10", "vip")],
                         [(t.month, t.tier) for t in totals])
        self.assertEqual((2, 218.8, 200.0), (totals[1].gifts, totals[1].cost, totals[1].budget))
        self.assertAlmostEqual(-18.8, totals[1].remaining)
        self.assertIsNone(totals[0].budget)
        self.assertEqual(2, len(self.care.gifts("XH", D(2026, 9, 1), D(2026, 9, 30))))
        self.assertEqual([gift], self.care.gifts("XH", task=birthday))
        self.assertEqual([], self.care.gifts("BJ"))
        self.assertEqual([], self.care.set_gift_budget("XH", "vip", None).gift_budgets)
        for bad, field in ((dict(item="花", cost=-1, customer=self.zhang), "cost"),
                           (dict(item="花", cost=1), "customer_id"),
                           (dict(item="", cost=1, customer=self.zhang), "item")):
            with self.subTest(field=field):
                with self.assertRaises(snowball.InvalidArgument) as raised:
                    self.care.record_gift(**bad)
                self.assertEqual(field, raised.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as raised:
            self.care.set_gift_budget("XH", "gold", 100)
        self.assertEqual("tier", raised.exception.field)
        with self.assertRaises(snowball.NotFound):
            self.care.gift(424242)

    def test_working_days_loaded_into_the_archive(self):
        self.assertFalse(calendar.working_day(D(2027, 2, 8), archive=self.archive).published)
        self.assertEqual([2027], self.care.load_holidays("2027-02-08 off 春节\n2027-02-20 work 春节\n"))
        day = calendar.working_day(D(2027, 2, 8), archive=self.archive)
        self.assertEqual((False, "春节", True), (day.working, day.holiday, day.published))
        result = self.care.add_working_days(D(2027, 2, 5), 1)
        self.assertEqual(D(2027, 2, 9), result.date)
        self.assertFalse(result.estimated)
        self.assertFalse(calendar.working_day(D(2027, 2, 8)).published)   # the built-in calendar alone
        with snowball.open(self.path) as second:
            self.assertTrue(calendar.is_working_day(D(2027, 2, 20), archive=second))
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.care.load_holidays("2027-02-08 off 春节\n2027-02-10 work 春节\n")
        self.assertEqual("line 2", caught.exception.field)
        self.assertTrue(calendar.is_working_day(D(2027, 2, 20), archive=self.archive))


if __name__ == "__main__":
    unittest.main()
