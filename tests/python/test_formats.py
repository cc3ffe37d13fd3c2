"""Formats through Python: vCards out and back in, re-read by a second implementation (Debian's
python3-vobject); the care calendar's iCalendar read by python3-icalendar; CSV tables opened by
Python's csv module in UTF-8 with a BOM and in GB18030; the archive as JSON lines into a new file,
byte for byte; bad input with its line."""

import csv
import datetime
import io
import os
import sys
import unittest

import snowball
from support import ArchiveTestCase

D = datetime.date
DIST_PACKAGES = "/usr/lib/python3/dist-packages"


def debian_module(name):
    """A module from Debian's python3-* packages (the tests run on another interpreter); the test
    that needs it is skipped, loudly, when it is not installed."""
    if DIST_PACKAGES not in sys.path and os.path.isdir(DIST_PACKAGES):
        sys.path.append(DIST_PACKAGES)
    try:
        return __import__(name)
    except ImportError as exc:  # pragma: no cover - the machine has them (Makefile PACKAGES)
        raise unittest.SkipTest("python3-%s is not installed (%s): apt-get install python3-%s" % (name, exc, name))


class FormatsTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        self.ouyang = self.add("欧阳娜娜", channel="visit", gender="female", mobile="139 1234 5678",
                               lunar_birthday=(1985, 8, 15), consultant=self.wang, note="喜欢南向, 安静; 预算300万")
        self.archive.profiles.set(self.ouyang, {"company": "杭州云栖科技有限公司", "position": "技术总监"})
        self.archive.family.add(self.ouyang, relation="spouse", name="司马强", gender="male", phone="13800138000",
                                birthday=D(1983, 2, 1), employer="浙江大学")
        self.zhang = self.add("张伟", mobile="13700137000", birthday=D(1990, 6, 15))
        self.formats = self.archive.formats

    def test_vcards_read_by_vobject(self):
        vobject = debian_module("vobject")
        vcf = self.formats.export_vcard(site="XH")
        cards = list(vobject.readComponents(vcf))
        self.assertEqual(3, len(cards))
        by_uid = {c.uid.value: c for c in cards}
        ouyang = by_uid["urn:snowball:" + self.ouyang.archive_no]
        self.assertEqual("欧阳娜娜", ouyang.fn.value)
        self.assertEqual("欧阳", ouyang.n.value.family)
        self.assertEqual("娜娜", ouyang.n.value.given)
        self.assertEqual(["13912345678"], [t.value for t in ouyang.contents["tel"]])
        self.assertEqual(["cell"], [p.lower() for p in ouyang.tel.params["TYPE"]])
        self.assertEqual("19850929", ouyang.bday.value)   # 八月十五 of 1985
        self.assertEqual("1985-08-15", ouyang.contents["x-snowball-lunar-bday"][0].value)
        self.assertEqual("技术总监", ouyang.title.value)
        self.assertEqual(["杭州云栖科技有限公司"], ouyang.org.value)
        self.assertEqual("喜欢南向, 安静; 预算300万", ouyang.note.value)
        zhang = by_uid["urn:snowball:" + self.zhang.archive_no]
        self.assertEqual("19900615", zhang.bday.value)
        self.assertEqual("张", zhang.n.value.family)
        spouse = [c for c in cards if c.fn.value == "司马强"][0]
        self.assertEqual("司马", spouse.n.value.family)
        self.assertEqual("urn:snowball:" + self.ouyang.archive_no, spouse.related.value)
        self.assertEqual(["spouse"], spouse.related.params["TYPE"])
        for line in vcf.split("\r\n"):
            self.assertLessEqual(len(line.encode("utf-8")), 75, line)

    def test_vcards_round_trip_and_report_bad_cards(self):
        vcf = self.formats.export_vcard(site="XH", customers=[self.ouyang])
        report = self.formats.import_vcard(vcf, site="BJ", consultant=self.li)
        self.assertIsInstance(report, snowball.VcardImportReport)
        self.assertEqual((2, 1, 1, 0), (report.cards, report.filed, report.family, report.skipped))
        copy = self.customers.get(report.outcomes[0].customer_id)
        self.assertEqual(("BJ", "欧阳娜娜", "13912345678"), (copy.site, copy.name, copy.mobile))
        self.assertEqual(self.ouyang.birthday, copy.birthday)
        self.assertEqual(["司马强"], [m.name for m in self.archive.family.list(copy)])
        again = self.formats.import_vcard(vcf.encode("utf-8"), site="BJ")
        self.assertEqual((0, 2), (again.filed, again.matched))

        bad = ("BEGIN:VCARD\r\nFN:李四\r\nTEL;TYPE=cell:99\r\nEND:VCARD\r\n"
               "BEGIN:VCARD\r\nFN:王五\r\nBDAY:19851345\r\nEND:VCARD\r\n")
        path = self.dir / "bad.vcf"
        path.write_text(bad, encoding="utf-8")
        report = self.formats.import_vcard(path, site="XH")
        self.assertEqual(2, report.skipped)
        self.assertEqual([(1, 3, "TEL"), (5, 7, "BDAY")],
                         [(o.line, o.error_line, o.field) for o in report.skipped_cards])
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.formats.import_vcard("no cards here", site="XH")
        self.assertEqual("text", caught.exception.field)

    def test_csv_opens_in_utf8_sig_and_gb18030(self):
        table = self.formats.customer_table(site="XH")
        self.assertIsInstance(table, snowball.Table)
        data = snowball.to_csv(table)
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        self.assertEqual("档案编号", rows[0][0])
        self.assertEqual(3, len(rows))
        by_name = {r[2]: r for r in rows[1:]}
        self.assertEqual("喜欢南向, 安静; 预算300万", by_name["欧阳娜娜"][rows[0].index("备注")])
        gb = snowball.to_csv(table, encoding="gb18030", english_headers=True, path=self.dir / "c.csv")
        self.assertEqual(gb, (self.dir / "c.csv").read_bytes())
        gb_rows = list(csv.reader(io.StringIO(gb.decode("gb18030"), newline="")))
        self.assertEqual("archive_no", gb_rows[0][0])
        self.assertEqual(rows[1:], gb_rows[1:])
        # Plain Python rows: dicts with Chinese headers given, a quote and a line break in a cell.
        plain = snowball.to_csv([{"name": "张伟", "note": "说\"好\"\n明天"}, {"name": "李娜", "note": None}],
                                headers={"name": "姓名", "note": "备注"}, encoding="utf-8")
        self.assertEqual("姓名,备注\r\n张伟,\"说\"\"好\"\"\n明天\"\r\n李娜,\r\n", plain.decode("utf-8"))
        with self.assertRaises(snowball.InvalidArgument):
            snowball.to_csv([{"a": 1}], encoding="latin-1")
        care = self.formats.care_report_table("XH", D(2026, 1, 1), D(2026, 1, 31))
        self.assertEqual("应做关怀", care.columns[5].zh)

    def test_icalendar_read_by_icalendar(self):
        icalendar = debian_module("icalendar")
        past = D(2020, 1, 6)
        li_na = self.add("李娜", consultant=self.wang, birthday=D(1990, 9, 22), first_contact=past, filed_on=past,
                         mobile="13600136000")
        self.customers.record_deal(li_na, unit="3-1-1202", area=89.5, price=1200000, date=D(2024, 5, 11))
        ics = self.archive.calendar.export_ics(D(2026, 9, 20), D(2026, 9, 30), consultant=self.wang)
        cal = icalendar.Calendar.from_ical(ics)
        self.assertEqual("2.0", str(cal["VERSION"]))
        events = list(cal.walk("VEVENT"))
        self.assertGreaterEqual(len(events), 1)
        self.assertEqual(len(events), len({str(e["UID"]) for e in events}))
        birthday = [e for e in events if "李娜" in str(e["SUMMARY"])]
        self.assertTrue(birthday, [str(e["SUMMARY"]) for e in events])
        self.assertEqual(D(2026, 9, 22), birthday[0].decoded("DTSTART"))
        self.assertEqual(D(2026, 9, 23), birthday[0].decoded("DTEND"))
        self.assertIn("客户 李娜", str(birthday[0]["DESCRIPTION"]))

    def test_archive_round_trip_byte_for_byte(self):
        first = self.dir / "first.jsonl"
        self.formats.export_archive(first)
        text = first.read_text(encoding="utf-8")
        self.assertTrue(text.startswith('{"format":"snowball-archive","schema_version":'))
        copy = snowball.open(self.dir / "copy.db")
        self.addCleanup(copy.close)
        report = copy.formats.import_archive(first)
        self.assertIsInstance(report, snowball.ArchiveImportReport)
        self.assertEqual(2, report.tables["customers"])
        self.assertEqual(text, copy.formats.export_archive())
        self.assertEqual("欧阳娜娜", copy.customers.get(self.ouyang.id).name)
        with self.assertRaises(snowball.Conflict):
            copy.formats.import_archive(text=text)
        fresh = snowball.open(self.dir / "fresh.db")
        self.addCleanup(fresh.close)
        header, _, rest = text.partition("\n")
        with self.assertRaises(snowball.VersionError) as caught:
            fresh.formats.import_archive(text='{"format":"snowball-archive","schema_version":1}\n' + rest)
        self.assertEqual("line 1", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            fresh.formats.import_archive(text=header + "\n{oops\n")
        self.assertEqual("line 2", caught.exception.field)
        self.assertEqual(0, fresh.info().customers)


if __name__ == "__main__":
    unittest.main()
