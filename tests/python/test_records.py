"""Every record the library writes round-trips C++ → JSON → Python dataclass → JSON with no key lost
or added, and reading a record is strict: the layers cannot drift apart unnoticed."""

import json
import os
import subprocess
import unittest

import snowball
from snowball._support import RECORDS, Record
from snowball.errors import VersionError

SAMPLES = os.environ.get("SNOWBALL_CODEC_SAMPLES", "")


def catalogue():
    if not SAMPLES or not os.path.exists(SAMPLES):
        raise AssertionError("SNOWBALL_CODEC_SAMPLES must name the built tests/codec print_samples program "
                             "(ctest sets it); got %r" % SAMPLES)
    return json.loads(subprocess.run([SAMPLES], check=True, capture_output=True, text=True).stdout)


class RecordsRoundTripTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.records = catalogue()

    def test_the_catalogue_is_not_empty(self):
        self.assertGreaterEqual(len(self.records), 10)

    def test_every_record_has_its_dataclass_with_the_same_keys(self):
        for name, entry in sorted(self.records.items()):
            with self.subTest(record=name):
                cls = RECORDS.get(name)
                self.assertIsNotNone(cls, "no Python record class mirrors %s" % name)
                self.assertEqual(sorted(entry["keys"]), sorted(f for f, _, _ in cls._fields_spec()))

    def test_every_record_round_trips(self):
        for name, entry in sorted(self.records.items()):
            cls = RECORDS.get(name)
            if cls is None:
                continue  # reported by the test above
            for which in ("filled", "empty"):
                with self.subTest(record=name, sample=which):
                    sample = entry[which]
                    record = cls.from_json(sample)
                    self.assertIsInstance(record, cls)
                    self.assertEqual(sample, record.to_json())

    def test_a_python_record_mirrors_a_library_record(self):
        # The other way round: no Python record class stands for a record the library does not write.
        for name in sorted(RECORDS):
            with self.subTest(record=name):
                self.assertIn(name, self.records, "%s mirrors no record of the library" % name)


class StrictReadingTest(unittest.TestCase):
    def test_a_missing_or_unknown_key_is_a_version_error(self):
        sample = {"id": 1, "code": "XH", "name": "祥和", "number_format": "{site}-{seq:5}{check}",
                  "created_at": "2026-01-02T03:04:05Z"}
        self.assertEqual("XH", snowball.Site.from_json(sample).code)
        for broken in ({k: v for k, v in sample.items() if k != "name"}, dict(sample, moblie="1")):
            with self.subTest(keys=sorted(broken)):
                with self.assertRaises(VersionError) as raised:
                    snowball.Site.from_json(broken)
                self.assertIn("Site", str(raised.exception))

    def test_records_are_records(self):
        for cls in RECORDS.values():
            self.assertTrue(issubclass(cls, Record))


if __name__ == "__main__":
    unittest.main()
