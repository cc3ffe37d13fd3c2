"""Archive numbers and phone numbers through Python."""

import dataclasses
import datetime
import string
import unittest

import snowball
from support import ArchiveTestCase

ALPHABET = string.digits + string.ascii_uppercase + "-"


class ArchiveNumberTest(unittest.TestCase):
    def setUp(self):
        self.number = snowball.render_archive_no(snowball.DEFAULT_NUMBER_FORMAT, "XH", "call", 2026, 42)

    def test_render_and_parse(self):
        self.assertRegex(self.number, r"^XH-2026C-00042[0-9A-Z*]$")
        parts = snowball.parse_archive_no(self.number)
        self.assertIsInstance(parts, snowball.ArchiveNumber)
        self.assertEqual((self.number, "XH", "call", 2026, 42, self.number[-1]),
                         (parts.text, parts.site, parts.channel, parts.year, parts.sequence, parts.check))
        plain = "{site}-{seq:6}{check}"
        other = snowball.render_archive_no(plain, "bj2", "lead", 2026, 7)
        self.assertRegex(other, r"^BJ2-000007.$")
        p = snowball.parse_archive_no(other, plain)
        self.assertEqual(("BJ2", None, None, 7), (p.site, p.channel, p.year, p.sequence))
        with self.assertRaises(snowball.InvalidArgument) as caught:
            snowball.parse_archive_no(other)   # not of the default format
        self.assertEqual("archive_no", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            snowball.render_archive_no(snowball.DEFAULT_NUMBER_FORMAT, "XH", "phone", 2026, 1)
        self.assertEqual("channel", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            snowball.render_archive_no("{seq:5}{check}", "XH", "call", 2026, 1)
        self.assertEqual("number_format", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            snowball.render_archive_no(snowball.DEFAULT_NUMBER_FORMAT, "XH", "call", 2026, 0)
        self.assertEqual("sequence", caught.exception.field)

    def test_validate(self):
        self.assertIs(True, snowball.validate_archive_no(self.number))
        self.assertIs(True, snowball.validate_archive_no(self.number.lower()))
        self.assertIs(True, snowball.validate_archive_no(" " + self.number + " "))
        full_width = "".join(chr(ord(c) + 0xFEE0) if c != "*" else c for c in self.number)
        self.assertIs(True, snowball.validate_archive_no(full_width))
        for bad in ("", "X", "XH_2026C_00042W", self.number + "0", "西湖-2026C-00042W", self.number[:-1] + "-"):
            self.assertIs(False, snowball.validate_archive_no(bad), bad)

    def test_every_typo_and_adjacent_swap_is_caught(self):
        n = self.number
        for i in range(len(n)):
            for c in ALPHABET:
                if c != n[i] and not (i == len(n) - 1 and c == "-"):
                    typo = n[:i] + c + n[i + 1:]
                    self.assertFalse(snowball.validate_archive_no(typo), typo)
            if i + 1 < len(n) and n[i] != n[i + 1]:
                swapped = n[:i] + n[i + 1] + n[i] + n[i + 2:]
                self.assertFalse(snowball.validate_archive_no(swapped), swapped)


class PhoneTest(unittest.TestCase):
    def test_normalize(self):
        mobile = snowball.normalize_phone("+86 138-0013-8000")
        self.assertIsInstance(mobile, snowball.PhoneNumber)
        self.assertEqual(("13800138000", True, False), (mobile.number, mobile.mainland_mobile, mobile.international))
        for same in ("13800138000", "0086 13800138000", "138 0013 8000", "８６１３８００１３８０００"):
            self.assertEqual("13800138000", snowball.normalize_phone(same).number, same)
        self.assertEqual(("01065521234", False, False),
                         dataclasses.astuple(snowball.normalize_phone("(010) 6552-1234")))
        hk = snowball.normalize_phone("+852 9123 4567")
        self.assertEqual(("+85291234567", False, True), (hk.number, hk.mainland_mobile, hk.international))
        for bad in ("", "abc", "12345", "138-0013-800"):
            with self.assertRaises(snowball.InvalidArgument) as caught:
                snowball.normalize_phone(bad)
            self.assertEqual("phone", caught.exception.field)


class FiledNumbersTest(ArchiveTestCase):
    def test_customers_get_valid_numbers_of_their_site(self):
        filed = [self.customers.add(site="XH", channel="visit", name="客户%d" % i, filed_on=datetime.date(2025, 6, 1),
                                    first_contact=datetime.date(2025, 6, 1)) for i in range(3)]
        for seq, c in enumerate(filed, start=1):
            self.assertTrue(snowball.validate_archive_no(c.archive_no))
            parts = snowball.parse_archive_no(c.archive_no)
            self.assertEqual(("XH", "visit", 2025, seq), (parts.site, parts.channel, parts.year, parts.sequence))
            self.assertEqual(c, self.customers.by_archive_no(c.archive_no))
        self.archive.sites.add("SH", "上海", number_format="{site}-{yy}{channel:ABC}-{seq:3}{check}")
        sh = self.customers.add(site="SH", channel="lead", name="周杰", filed_on=datetime.date(2025, 6, 1),
                                first_contact=datetime.date(2025, 6, 1))
        self.assertRegex(sh.archive_no, r"^SH-25C-001.$")
        self.assertTrue(snowball.validate_archive_no(sh.archive_no))
        self.assertEqual(sh, self.customers.by_archive_no(sh.archive_no))


if __name__ == "__main__":
    unittest.main()
