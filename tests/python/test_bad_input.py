"""Bad input that the package once passed on silently, now refused with a clear error: integers
that do not fit the C types, text with an embedded NUL, invisible characters in names, and files
imported in an encoding they are not in."""

import codecs

import snowball
from support import ArchiveTestCase


class IntegersAndTextTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        self.zhang = self.archive.customers.add(site="XH", channel="call", name="张伟", mobile="13800138000")

    def test_an_id_beyond_64_bits_is_refused_not_wrapped(self):
        # ctypes alone would keep the low 64 bits: 2**64 + 1 would be customer 1.
        self.assertEqual(1, self.zhang.id)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.customers.remove(2**64 + 1)
        self.assertIn("out of range", caught.exception.message)
        self.assertIn(str(2**64 + 1), caught.exception.message)
        self.assertEqual("张伟", self.archive.customers.get(1).name)   # still there
        with self.assertRaises(snowball.InvalidArgument):
            self.archive.customers.get(2**70)                           # not id 0
        with self.assertRaises(snowball.InvalidArgument):
            self.archive.customers.get(-(2**63) - 1)
        # The largest id that fits is only not found.
        with self.assertRaises(snowball.NotFound):
            self.archive.customers.get(2**63 - 1)

    def test_a_limit_beyond_32_bits_is_refused_not_wrapped(self):
        self.archive.customers.add(site="XH", channel="call", name="张敏", mobile="13800138001")
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.customers.find_by_name("张", limit=2**32 + 1)     # ctypes alone: limit 1
        self.assertIn("32-bit", caught.exception.message)
        self.assertEqual(2, len(self.archive.customers.find_by_name("张", limit=10)))

    def test_a_path_with_a_nul_is_refused_and_opens_nothing(self):
        with self.assertRaises(snowball.InvalidArgument) as caught:
            snowball.open(self.dir / "a\x00b.db")
        self.assertIn("NUL", caught.exception.message)
        self.assertFalse((self.dir / "a").exists())
        with self.assertRaises(snowball.InvalidArgument):
            self.archive.customers.by_phone("138\x0000138000", site="XH")

    def test_a_nul_inside_a_document_value_is_a_control_character(self):
        # Inside JSON the NUL travels escaped; the core refuses it as a control character.
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.customers.add(site="XH", channel="call", name="王\x00芳", mobile="13800138002")
        self.assertEqual("name", caught.exception.field)

    def test_invisible_characters_in_a_name_are_refused(self):
        for name in ("张\u202e伟", "张\u200b伟", "\u2066张伟\u2069"):
            with self.assertRaises(snowball.InvalidArgument) as caught:
                self.archive.customers.add(site="XH", channel="call", name=name, mobile="13900139000")
            self.assertEqual("name", caught.exception.field)
            self.assertIn("which is not shown", caught.exception.message)
        self.assertEqual(1, len(self.archive.customers.find_by_name("张")))


class ImportEncodingTest(ArchiveTestCase):
    LEADS = "姓名,手机\n陈静,13600001111\n赵磊,13600002222\n"

    def test_a_gb18030_file_imported_as_utf8_names_the_encoding(self):
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.leads.import_csv(self.LEADS.encode("gb18030"), site="XH", encoding="utf-8")
        self.assertEqual("encoding", caught.exception.field)
        self.assertIn("not valid UTF-8", caught.exception.message)
        self.assertIn("gb18030", caught.exception.message)
        self.assertEqual(0, self.archive.customers.list(site="XH").total)

    def test_utf16_without_a_bom_is_read(self):
        for codec in ("utf-16-le", "utf-16-be"):
            data = self.LEADS.encode(codec)
            self.assertFalse(data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE))
            site = "XH" if codec == "utf-16-le" else "BJ"
            report = self.archive.leads.import_csv(data, site=site)
            self.assertEqual(2, report.imported, codec)
            self.assertEqual("utf-16", report.encoding)
