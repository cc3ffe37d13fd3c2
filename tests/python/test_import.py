"""Lead lists (客资) imported from CSV: encodings, paths, the report, progress and cancelling."""

import unittest

import snowball
from support import ArchiveTestCase

CSV = "姓名,手机,备注,来源网站\n李娜,139 0013 9000,想看江景房,安居客\n周杰,12345,,58同城\n王五,13700137002,,\n"


class ImportTest(ArchiveTestCase):
    def assertImportedLiAndWang(self, report):
        self.assertIsInstance(report, snowball.ImportReport)
        self.assertEqual(3, report.rows)
        self.assertEqual(2, report.imported)
        self.assertEqual(2, len(report.customer_ids))
        self.assertEqual({"姓名": "name", "手机": "mobile", "备注": "note"}, report.columns)
        self.assertEqual(["来源网站"], report.ignored_columns)
        self.assertFalse(report.dry_run)
        self.assertEqual(1, len(report.rejected))
        row = report.rejected[0]
        self.assertIsInstance(row, snowball.RejectedRow)
        self.assertEqual((3, "mobile"), (row.line, row.field))
        self.assertIn("手机", row.reason)
        li = self.customers.get(report.customer_ids[0])
        self.assertEqual(("李娜", "13900139000", "想看江景房", "lead", "XH"), (li.name, li.mobile, li.note, li.channel, li.site))
        self.assertEqual("王五", self.customers.get(report.customer_ids[1]).name)
        self.assertEqual(2, self.customers.list().total)

    def test_utf8_with_bom_from_bytes(self):
        report = self.archive.leads.import_csv(b"\xef\xbb\xbf" + CSV.encode("utf-8"), site="XH")
        self.assertEqual("utf-8", report.encoding)
        self.assertImportedLiAndWang(report)

    def test_gb18030_from_bytes(self):
        report = self.archive.leads.import_csv(CSV.encode("gb18030"), site="XH")
        self.assertEqual("gb18030", report.encoding)
        self.assertImportedLiAndWang(report)

    def test_from_a_path(self):
        path = self.dir / "客资.csv"
        path.write_bytes(CSV.encode("gb18030"))
        self.assertImportedLiAndWang(self.archive.leads.import_csv(path, site="XH"))
        # Importing the same list again: every phone is now on file.
        again = self.archive.leads.import_csv(str(path), site="XH", encoding="gb18030")
        self.assertEqual(0, again.imported)
        self.assertEqual([2, 3, 4], [r.line for r in again.rejected])
        self.assertEqual(2, self.customers.list().total)
        with self.assertRaises(snowball.NotFound) as caught:
            self.archive.leads.import_csv(self.dir / "missing.csv", site="XH")
        self.assertEqual("path", caught.exception.field)

    def test_mapping_and_options(self):
        data = "客户\t电话\t顾问\t渠道\n李娜\t13900139000\t王芳\t来访\n周杰\t13700137000\t\t\n".encode("utf-8")
        report = self.archive.leads.import_csv(
            data, site=self.archive.sites.get("XH"), channel="call", delimiter="\t",
            mapping={"客户": "name", "电话": "mobile", "顾问": "consultant", "渠道": "channel"})
        self.assertEqual(2, report.imported, report.rejected)
        li, zhou = (self.customers.get(i) for i in report.customer_ids)
        self.assertEqual(("visit", self.wang.id), (li.channel, li.consultant_id))
        self.assertEqual(("call", None), (zhou.channel, zhou.consultant_id))

    def test_dry_run_and_all_or_nothing_write_nothing(self):
        dry = self.archive.leads.import_csv(CSV.encode(), site="XH", dry_run=True)
        self.assertTrue(dry.dry_run)
        self.assertEqual((3, 0, [], 1), (dry.rows, dry.imported, dry.customer_ids, len(dry.rejected)))
        strict = self.archive.leads.import_csv(CSV.encode(), site="XH", all_or_nothing=True)
        self.assertEqual((0, 1), (strict.imported, len(strict.rejected)))
        self.assertEqual(0, self.customers.list().total)

    def test_bad_options(self):
        for kwargs, error, field in ((dict(site="ZZ"), snowball.NotFound, "site"),
                                     (dict(site="XH", encoding="latin-1"), snowball.InvalidArgument, "encoding"),
                                     (dict(site="XH", delimiter="|"), snowball.InvalidArgument, "delimiter"),
                                     (dict(site="XH", mapping={"姓名": "nmae"}), snowball.InvalidArgument, "mapping"),
                                     (dict(site="XH", progress_every=0), snowball.InvalidArgument, "progress_every"),
                                     (dict(site="XH", channel="web"), snowball.InvalidArgument, "channel")):
            with self.subTest(kwargs=kwargs):
                with self.assertRaises(error) as caught:
                    self.archive.leads.import_csv(CSV.encode(), **kwargs)
                self.assertEqual(field, caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.leads.import_csv(b"", site="XH")
        self.assertEqual("data", caught.exception.field)
        with self.assertRaises(TypeError):
            self.archive.leads.import_csv(CSV.encode(), "XH")
        self.assertEqual(0, self.customers.list().total)


class ProgressTest(ArchiveTestCase):
    ROWS = 7

    def setUp(self):
        super().setUp()
        self.data = ("姓名,手机\n" + "".join("客户%d,1370013700%d\n" % (i, i) for i in range(self.ROWS))).encode()

    def test_progress_is_reported(self):
        seen = []
        report = self.archive.leads.import_csv(self.data, site="XH", progress=seen.append, progress_every=3)
        self.assertEqual(self.ROWS, report.imported)
        self.assertTrue(all(isinstance(p, snowball.ImportProgress) for p in seen))
        self.assertEqual([3, 6, 7], [p.rows_done for p in seen])      # every 3 rows and at the end
        self.assertEqual([self.ROWS] * 3, [p.rows_total for p in seen])
        self.assertEqual([3, 6, 7], [p.imported for p in seen])
        self.assertEqual([0, 0, 0], [p.rejected for p in seen])

    def test_returning_false_cancels(self):
        seen = []

        def stop_after_first(progress):
            seen.append(progress)
            return False

        with self.assertRaises(snowball.Cancelled) as caught:
            self.archive.leads.import_csv(self.data, site="XH", progress=stop_after_first, progress_every=2)
        self.assertIsInstance(caught.exception, snowball.SnowballError)
        self.assertEqual(-10, caught.exception.code)
        self.assertEqual(1, len(seen))
        self.assertEqual(0, self.customers.list().total)
        # Returning None or True goes on.
        report = self.archive.leads.import_csv(self.data, site="XH", progress=lambda p: None, progress_every=2)
        self.assertEqual(self.ROWS, report.imported)

    def test_cancel_at_the_last_call_still_writes_nothing(self):
        calls = []

        def stop_at_end(progress):
            calls.append(progress.rows_done)
            return progress.rows_done < self.ROWS

        with self.assertRaises(snowball.Cancelled):
            self.archive.leads.import_csv(self.data, site="XH", progress=stop_at_end, progress_every=3)
        self.assertEqual([3, 6, 7], calls)
        self.assertEqual(0, self.customers.list().total)
        # No archive number was taken either.
        c = self.customers.add(site="XH", channel="lead", name="下一位")
        self.assertEqual(1, snowball.parse_archive_no(c.archive_no).sequence)

    def test_an_exception_in_the_callback_is_reraised_and_nothing_is_imported(self):
        boom = ValueError("the sales desk closed the window")

        def explode(progress):
            raise boom

        with self.assertRaises(ValueError) as caught:
            self.archive.leads.import_csv(self.data, site="XH", progress=explode, progress_every=2)
        self.assertIs(boom, caught.exception)
        self.assertEqual(0, self.customers.list().total)

        path = self.dir / "leads.csv"
        path.write_bytes(self.data)

        def interrupt(progress):
            raise KeyboardInterrupt

        with self.assertRaises(KeyboardInterrupt):
            self.archive.leads.import_csv(path, site="XH", progress=interrupt)
        self.assertEqual(0, self.customers.list().total)
        # The archive works as before.
        self.assertEqual(self.ROWS, self.archive.leads.import_csv(path, site="XH").imported)


if __name__ == "__main__":
    unittest.main()
