"""Opening archives, sites, consultants, the archive's lifetime and the exception hierarchy."""

import dataclasses
import gc
import os
import sys
import tempfile
import unittest
from pathlib import Path

import snowball
from support import SOURCE_DIR, ArchiveTestCase, run_python


class OpenTest(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="snowball-py-")
        self.addCleanup(self._dir.cleanup)
        self.dir = Path(self._dir.name)

    def test_open_is_a_context_manager_that_closes(self):
        path = self.dir / "office.db"
        with snowball.open(path) as archive:
            self.assertIsInstance(archive, snowball.Archive)
            self.assertFalse(archive.closed)
            archive.sites.add("XH", "西湖印象售楼处")
        self.assertTrue(archive.closed)
        self.assertTrue(path.exists())
        with snowball.open(str(path), create=False) as again:
            self.assertEqual(["XH"], [s.code for s in again.sites.list()])
            self.assertEqual("西湖印象售楼处", again.sites.get("XH").name)

    def test_the_context_manager_closes_on_an_exception_too(self):
        with self.assertRaises(RuntimeError):
            with snowball.open(self.dir / "a.db") as archive:
                raise RuntimeError("boom")
        self.assertTrue(archive.closed)

    def test_info(self):
        with snowball.open(self.dir / "a.db") as archive:
            info = archive.info()
            self.assertIsInstance(info, snowball.ArchiveInfo)
            self.assertEqual(str(self.dir / "a.db"), info.path)
            self.assertEqual(snowball.library_version(), info.library_version)
            self.assertGreaterEqual(info.schema_version, 1)
            self.assertEqual((0, 0, 0, 0), (info.sites, info.consultants, info.customers, info.owners))
            archive.sites.add("XH", "西湖")
            archive.consultants.add(site="XH", name="王芳")
            archive.customers.add(site="XH", channel="lead", name="张伟")
            info = archive.info()
            self.assertEqual((1, 1, 1, 0), (info.sites, info.consultants, info.customers, info.owners))

    def test_open_options(self):
        path = self.dir / "a.db"
        with self.assertRaises(snowball.NotFound) as caught:
            snowball.open(path, create=False)
        self.assertEqual("path", caught.exception.field)
        self.assertFalse(path.exists())
        with self.assertRaises(snowball.InvalidArgument) as caught:
            snowball.open(path, synchronous="fast")
        self.assertEqual("synchronous", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            snowball.open(path, busy_timeout_ms=-1)
        self.assertEqual("busy_timeout_ms", caught.exception.field)
        with snowball.open(path, synchronous="normal", busy_timeout_ms=100) as archive:
            archive.sites.add("XH", "西湖")
        with snowball.open(path, read_only=True) as reader:
            self.assertEqual("西湖", reader.sites.get("XH").name)
            with self.assertRaises(snowball.StorageError):
                reader.sites.add("BJ", "北京")
        with snowball.open(path) as archive:
            self.assertEqual(["XH"], [s.code for s in archive.sites])

    def test_keyword_only_options(self):
        with self.assertRaises(TypeError):
            snowball.open(self.dir / "a.db", False)

    def test_files_that_are_not_archives(self):
        text = self.dir / "notes.txt"
        text.write_bytes(b"x" * 4096)
        with self.assertRaises(snowball.NotAnArchive) as caught:
            snowball.open(text)
        self.assertIsInstance(caught.exception, snowball.SnowballError)
        self.assertEqual(-6, caught.exception.code)
        self.assertEqual("not_archive", caught.exception.status)
        self.assertIn("notes.txt", str(caught.exception))
        # An archive from a newer Snowball: PRAGMA user_version raised in the SQLite header.
        path = self.dir / "newer.db"
        snowball.open(path).close()
        with open(path, "r+b") as f:
            f.seek(60)
            f.write((999).to_bytes(4, "big"))
        with self.assertRaises(snowball.VersionError):
            snowball.open(path)

    def test_a_closed_archive_raises_invalid_state(self):
        archive = snowball.open(self.dir / "a.db")
        archive.sites.add("XH", "西湖")
        customers = archive.customers
        archive.close()
        archive.close()  # twice is fine
        self.assertTrue(archive.closed)
        self.assertIn("closed", repr(archive))
        for call in (archive.info, archive.sites.list, lambda: archive.sites.add("BJ", "北京"),
                     lambda: customers.add(site="XH", channel="call", name="张伟"),
                     lambda: customers.by_phone("13800138000"), lambda: archive.consultants.list(),
                     lambda: archive.leads.import_csv(b"name\nx\n", site="XH")):
            with self.assertRaises(snowball.InvalidState):
                call()
        self.assertTrue(issubclass(snowball.InvalidState, snowball.SnowballError))

    def test_services_keep_their_archive_alive(self):
        archive = snowball.open(self.dir / "a.db")
        archive.sites.add("XH", "西湖")
        customers = archive.customers
        del archive  # only the service refers to it now
        gc.collect()
        c = customers.add(site="XH", channel="call", name="张伟")
        self.assertEqual(c, customers.get(c.id))

    def test_del_is_safe(self):
        unraisable = []
        old_hook = sys.unraisablehook
        sys.unraisablehook = unraisable.append
        self.addCleanup(setattr, sys, "unraisablehook", old_hook)
        # Dropped without close(): __del__ closes it, and the file opens again.
        archive = snowball.open(self.dir / "a.db")
        archive.sites.add("XH", "西湖")
        del archive
        gc.collect()
        with snowball.open(self.dir / "a.db") as again:
            self.assertEqual(1, len(again.sites.list()))
        # A constructor that failed, and an object whose __init__ never ran.
        (self.dir / "bad.db").write_bytes(b"not a database" * 100)
        with self.assertRaises(snowball.NotAnArchive):
            snowball.open(self.dir / "bad.db")
        half = snowball.Archive.__new__(snowball.Archive)
        del half
        gc.collect()
        self.assertEqual([], unraisable)

    def test_del_at_interpreter_shutdown(self):
        code = (
            "import snowball\n"
            "archive = snowball.open('shutdown.db')\n"
            "archive.sites.add('XH', '西湖')\n"
            "class Holder: pass\n"
            "holder = Holder(); holder.archive = archive; holder.me = holder\n"  # a cycle lives to the end
            "customers = archive.customers\n"
        )
        env = dict(os.environ, PYTHONPATH=str(SOURCE_DIR / "bindings" / "python"))
        result = run_python(code, env, str(self.dir))
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual("", result.stderr)
        with snowball.open(self.dir / "shutdown.db") as archive:
            self.assertEqual(["XH"], [s.code for s in archive.sites])


class AcceptanceNamesTest(unittest.TestCase):
    """The calls of the acceptance checks, spelled exactly as they spell them."""

    def test_the_acceptance_flow(self):
        with tempfile.TemporaryDirectory() as tmp:
            with snowball.open(os.path.join(tmp, "office.db")) as archive:
                self.assertIsInstance(archive, snowball.Archive)
                archive.sites.add("XH", "西湖印象售楼处")
                consultant = archive.consultants.add(site="XH", name="王芳")
                self.assertIsInstance(consultant.id, int)
                c = archive.customers.add(site="XH", channel="call", name="张伟", mobile="138 0013 8000",
                                          consultant=consultant.id, tier="vip")
                self.assertIsInstance(c, snowball.Customer)
                self.assertIsInstance(c.id, int)
                self.assertIs(True, snowball.validate_archive_no(c.archive_no))
                self.assertIs(False, snowball.validate_archive_no(c.archive_no[:-1] + "?"))
                self.assertEqual(c.id, archive.customers.by_phone("+86 13800138000").id)
                self.assertEqual(c.id, archive.customers.by_phone("13800138000", site="XH").id)
                self.assertEqual(c.id, archive.customers.by_archive_no(c.archive_no).id)
                self.assertIsNone(archive.customers.by_phone("13900139000"))
                visit = archive.customers.record_visit(c.id, c.first_contact)   # today: the first contact
                self.assertEqual(c.first_contact, visit.date)
                archive.customers.record_deal(c.id, unit="3-1-1201", area=89.5, price=1200000, date=c.first_contact)
                self.assertEqual("owner", archive.customers.by_archive_no(c.archive_no).stage)
                for wrong, cls in ((lambda: archive.customers.add(site="XH", channel="lead", name="李四",
                                                                  mobile="13800138000"), snowball.Conflict),
                                   (lambda: archive.customers.add(site="XH", channel="fax", name="李四"),
                                    snowball.InvalidArgument),
                                   (lambda: archive.customers.add(site="ZZ", channel="call", name="李四"),
                                    snowball.NotFound)):
                    with self.assertRaises(cls):
                        wrong()
                    self.assertTrue(issubclass(cls, snowball.SnowballError))


class VersionTest(unittest.TestCase):
    def test_versions_agree(self):
        self.assertEqual(snowball.__version__, snowball.library_version())
        self.assertRegex(snowball.__version__, r"^\d+\.\d+\.\d+$")
        self.assertTrue(Path(snowball.LIBRARY_PATH).name.startswith("libsnowball_c.so"))

    def test_exception_hierarchy(self):
        for cls in (snowball.NotFound, snowball.Conflict, snowball.InvalidArgument, snowball.Busy,
                    snowball.NotAnArchive, snowball.VersionError, snowball.StorageError, snowball.Cancelled,
                    snowball.InvalidState):
            self.assertTrue(issubclass(cls, snowball.SnowballError), cls)
        self.assertTrue(issubclass(snowball.SnowballError, Exception))
        self.assertTrue(issubclass(snowball.InvalidArgument, ValueError))
        self.assertTrue(issubclass(snowball.NotFound, LookupError))


class SitesTest(ArchiveTestCase):
    def test_site_record(self):
        site = self.archive.sites.add(" sh1 ", "上海前滩售楼处", number_format="{site}-{yy}{channel:ABC}-{seq:3}{check}")
        self.assertIsInstance(site, snowball.Site)
        self.assertTrue(dataclasses.is_dataclass(site))
        self.assertIsInstance(site.id, int)
        self.assertEqual("SH1", site.code)
        self.assertEqual("上海前滩售楼处", site.name)
        self.assertEqual("{site}-{yy}{channel:ABC}-{seq:3}{check}", site.number_format)
        self.assertUtcTimestamp(site.created_at)
        with self.assertRaises(dataclasses.FrozenInstanceError):
            site.name = "x"
        self.assertEqual(site, self.archive.sites.get("sh1"))
        self.assertEqual(site, self.archive.sites.find("SH1"))
        self.assertIsNone(self.archive.sites.find("ZZ"))
        self.assertEqual(["BJ", "SH1", "XH"], [s.code for s in self.archive.sites.list()])
        self.assertEqual(snowball.DEFAULT_NUMBER_FORMAT, self.archive.sites.get("XH").number_format)

    def test_update(self):
        site = self.archive.sites.update("XH", name="西湖", number_format="{site}-{seq:6}{check}")
        self.assertEqual("西湖", site.name)
        self.assertEqual("{site}-{seq:6}{check}", site.number_format)
        c = self.customers.add(site="XH", channel="lead", name="张伟")
        self.assertRegex(c.archive_no, r"^XH-000001.$")
        with self.assertRaises(TypeError):
            self.archive.sites.update("XH", "西湖")

    def test_bad_input(self):
        for code, field in (("1X", "code"), ("", "code"), ("ABCDEFGHI", "code")):
            with self.assertRaises(snowball.InvalidArgument) as caught:
                self.archive.sites.add(code, "上海")
            self.assertEqual(field, caught.exception.field)
            self.assertEqual(-2, caught.exception.code)
            self.assertEqual("invalid_argument", caught.exception.status)
            self.assertTrue(caught.exception.message)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.sites.add("SH", "上海", number_format="{seq:5}{check}")
        self.assertEqual("number_format", caught.exception.field)
        with self.assertRaises(snowball.Conflict) as caught:
            self.archive.sites.add("xh", "又一个")
        self.assertEqual(self.archive.sites.get("XH").id, caught.exception.record_id)
        with self.assertRaises(snowball.NotFound) as caught:
            self.archive.sites.get("ZZ")
        self.assertEqual("code", caught.exception.field)
        # A text that cannot be a code is bad input, not an unknown site.
        with self.assertRaises(snowball.InvalidArgument):
            self.archive.sites.get("X!")
        self.assertEqual(["BJ", "XH"], [s.code for s in self.archive.sites])

    def test_codes_are_found_as_they_are_filed(self):
        # Typed with a Chinese input method (full-width), in lower case, with blanks: one normal form,
        # on the way in and on every lookup.
        site = self.archive.sites.add("ＳＨ", "上海前滩售楼处")
        self.assertEqual("SH", site.code)
        for typed in ("ＳＨ", "ｓｈ", " sh ", "\u3000SH"):
            with self.subTest(typed=typed):
                self.assertEqual(site, self.archive.sites.get(typed))
                self.assertEqual(site, self.archive.sites.find(typed))
        c = self.customers.add(site="ＸＨ", channel="call", name="张伟", mobile="13800138000")
        self.assertEqual(c, self.customers.by_phone("13800138000", site="ｘｈ"))
        self.assertEqual([c], self.customers.list(site=" ｘｈ").items)
        self.assertIsNone(self.customers.by_phone("13900139000", site="ｘｈ"))
        with self.assertRaises(snowball.NotFound) as caught:
            self.customers.by_phone("13800138000", site="ＺＺ")
        self.assertEqual("site", caught.exception.field)

    def test_the_default_number_format_is_the_librarys(self):
        # Python holds no copy of it: it is read from the library.
        site = self.archive.sites.add("SH", "上海")
        self.assertEqual(site.number_format, snowball.DEFAULT_NUMBER_FORMAT)
        self.assertEqual(snowball.lib.snowball_archive_no_default_format().decode(), snowball.DEFAULT_NUMBER_FORMAT)


class ConsultantsTest(ArchiveTestCase):
    def test_consultant_record(self):
        self.assertIsInstance(self.wang, snowball.Consultant)
        self.assertIsInstance(self.wang.id, int)
        self.assertEqual("XH", self.wang.site)
        self.assertEqual("王芳", self.wang.name)
        self.assertTrue(self.wang.active)
        self.assertRegex(self.wang.uid, r"^[0-9a-f]{32}$")
        self.assertUtcTimestamp(self.wang.created_at)
        chen = self.archive.consultants.add(site=self.archive.sites.get("XH"), name="陈静", phone="+86 139 0013 9000")
        self.assertEqual("13900139000", chen.phone)
        self.assertEqual(chen, self.archive.consultants.get(chen.id))
        self.assertEqual([self.wang.id, chen.id], [c.id for c in self.archive.consultants.list("XH")])
        self.assertEqual([self.wang.id, self.li.id, chen.id], [c.id for c in self.archive.consultants.list()])

    def test_update_and_inactive(self):
        gone = self.archive.consultants.update(self.wang, active=False)
        self.assertFalse(gone.active)
        self.assertEqual([], self.archive.consultants.list("XH"))
        self.assertEqual([self.wang.id], [c.id for c in self.archive.consultants.list("XH", include_inactive=True)])
        with self.assertRaises(snowball.InvalidState):
            self.customers.add(site="XH", channel="call", name="张伟", consultant=self.wang)
        back = self.archive.consultants.update(self.wang.id, name="王芳芳", active=True)
        self.assertEqual("王芳芳", back.name)
        self.assertTrue(back.active)

    def test_bad_input(self):
        with self.assertRaises(TypeError):
            self.archive.consultants.add("XH", "陈静")
        with self.assertRaises(snowball.NotFound) as caught:
            self.archive.consultants.add(site="ZZ", name="陈静")
        self.assertEqual("site", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.consultants.add(site="XH", name=" ")
        self.assertEqual("name", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.consultants.add(site="XH", name="陈静", phone="call me")
        self.assertEqual("phone", caught.exception.field)
        with self.assertRaises(snowball.NotFound):
            self.archive.consultants.get(9999)
        with self.assertRaises(TypeError):
            self.customers.add(site="XH", channel="call", name="张伟", consultant="王芳")
        self.assertEqual(2, len(self.archive.consultants.list()))


if __name__ == "__main__":
    unittest.main()
