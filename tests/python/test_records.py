"""Every record the library writes round-trips C++ → JSON → Python dataclass → JSON with no key lost
or added, and reading a record is strict: the layers cannot drift apart unnoticed."""

import dataclasses
import datetime
import json
import os
import subprocess
import unittest

import snowball
from snowball._support import RECORDS, Record, to_datetime
from snowball.outreach import Recipients
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


class FastReadingTest(unittest.TestCase):
    """from_json fills a record's __dict__ directly and reads the library's timestamps with
    datetime.fromisoformat: what it builds must be what the dataclass's own __init__ and strptime
    build, for every record the library writes."""

    @classmethod
    def setUpClass(cls):
        cls.records = catalogue()

    @staticmethod
    def through_init(cls, data):
        """The record as calling the class builds it (the way from_json worked before)."""
        return cls(**{attribute: (read(data[key]) if read else data[key])
                      for attribute, (key, read, _) in zip(cls._attributes, cls._fields_spec())})

    def test_every_record_is_the_one_its_init_builds(self):
        checked = 0
        for name, entry in sorted(self.records.items()):
            cls = RECORDS.get(name)
            if cls is None:
                continue
            for which in ("filled", "empty"):
                with self.subTest(record=name, sample=which):
                    fast = cls.from_json(entry[which])
                    slow = self.through_init(cls, entry[which])
                    self.assertIs(type(fast), cls)
                    self.assertEqual(slow, fast)
                    self.assertEqual(repr(slow), repr(fast))
                    self.assertEqual(vars(slow), vars(fast))
                    self.assertEqual(fast, dataclasses.replace(fast))
                    if dataclasses.fields(cls):
                        with self.assertRaises(dataclasses.FrozenInstanceError):
                            setattr(fast, dataclasses.fields(cls)[0].name, None)
                    checked += 1
        self.assertGreaterEqual(checked, 20)

    def test_a_customer_reads_to_python_types(self):
        sample = self.records["Customer"]["filled"]
        customer = snowball.Customer.from_json(sample)
        self.assertIs(type(customer.filed_at), datetime.datetime)
        self.assertIs(customer.filed_at.tzinfo, datetime.timezone.utc)
        self.assertEqual(sample["filed_at"], customer.filed_at.strftime("%Y-%m-%dT%H:%M:%SZ"))
        self.assertIs(type(customer.first_contact), datetime.date)
        self.assertTrue(all(type(p) is snowball.Phone for p in customer.phones))
        self.assertIsNot(customer.phones, sample["phones"])   # the record does not share the document's list
        self.assertEqual(sample, customer.to_json())

    def test_a_record_with_post_init_still_runs_it(self):
        recipients = Recipients.from_json(
            {"scope": "customers", "site": "", "consultant_id": None, "grade": "", "event_id": None,
             "customer_id": None, "customer_ids": (3, 1)})
        self.assertEqual([3, 1], recipients.customer_ids)
        self.assertIs(type(recipients.customer_ids), list)

    def test_timestamps_read_as_strptime_reads_them(self):
        def reference(text):
            try:
                return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
            except ValueError:
                return ValueError

        def fast(text):
            try:
                return to_datetime(text)
            except ValueError:
                return ValueError

        texts = ["2026-12-04T13:45:01Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "9999-12-31T23:59:59Z",
                 "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-04T24:00:00Z", "2026-12-04T13:60:00Z",
                 "2026-12-04 13:45:01Z", "2026-12-04T13:45:01", "2026-12-04T13:45:01+00:00", "2026-12-04T13:45:01.5Z",
                 "2026-12-04T13:45:01z", "20261204T134501Z", "２０２６-12-04T13:45:01Z", "2026-12-04T13:45:01Z\n",
                 "2026-12-0４T13:45:01Z", "garbage"]
        for text in texts:
            with self.subTest(text=text):
                self.assertEqual(reference(text), fast(text))
                if reference(text) is not ValueError:
                    self.assertIs(datetime.timezone.utc, fast(text).tzinfo)
        self.assertIsNone(to_datetime(None))
        self.assertIsNone(to_datetime(""))


if __name__ == "__main__":
    unittest.main()
