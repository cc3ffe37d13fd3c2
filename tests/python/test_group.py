"""The group view from Python: capture at two sites, their snapshots and outboxes applied to a
PostgreSQL server of the test's own, replays skipped, reconcile equal, erasure carried over, and the
errors a host meets (changes before the snapshot, a damaged bundle, a closed view)."""

import unittest

import snowball
from pg_support import server, stop_server
from support import ArchiveTestCase

setUpModule = server       # noqa: N816 - unittest's names
tearDownModule = stop_server   # noqa: N816


class GroupTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        self.db = "py_" + self._testMethodName.lower()
        server().psql("CREATE DATABASE " + self.db)
        self.view = snowball.GroupView(server().conninfo(self.db))
        self.addCleanup(self.view.close)

    def file(self, archive, n, start=0):
        return [archive.customers.add(site="XH", name="客户%d" % i, mobile="139%08d" % i, channel="call")
                for i in range(start, start + n)]

    def sync(self, archive, site):
        mark = self.view.high_water(site)
        if mark is None:
            mark = self.view.ingest(archive.group.snapshot()).high_water
        report = self.view.ingest(archive.group.outbox(after=mark))
        if report.high_water > archive.group.status().acknowledged:
            archive.group.acknowledge(report.high_water)
        return report

    def test_capture_ingest_reconcile(self):
        status = self.archive.group.enable("XH-01")
        self.assertTrue(status.enabled)
        self.assertEqual("XH-01", status.site)
        self.assertIsNone(self.view.high_water("XH-01"))
        first = self.view.ingest(self.archive.group.snapshot())
        self.assertEqual("snapshot", first.kind)
        self.file(self.archive, 5)
        self.file(self.archive, 5, 5)
        status = self.archive.group.status()
        self.assertEqual((10, 10), (status.pending, status.last_seq))   # one entry per filing
        bundle = self.archive.group.outbox()
        self.assertIsInstance(bundle, bytes)
        self.assertTrue(bundle.startswith(b"SNOWBALL-GROUP-BUNDLE 1\n"))
        report = self.view.ingest(bundle)
        self.assertEqual((10, 0, 10), (report.entries_applied, report.entries_skipped, report.high_water))
        again = self.view.ingest(bytearray(bundle))
        self.assertEqual((0, 10), (again.entries_applied, again.entries_skipped))
        self.assertEqual(10, self.archive.group.acknowledge(report.high_water))
        self.assertEqual(0, self.archive.group.status().pending)
        result = self.view.reconcile(self.archive.group.checksums())
        self.assertTrue(result.same, result.drifted())
        self.assertEqual(["XH-01"], self.view.sites())
        self.assertEqual("10", server().psql("SELECT count(*) FROM snowball_sites.customers", self.db))

    def test_two_sites_and_an_erasure(self):
        other_path = self.dir / "other.db"
        other = snowball.open(other_path)
        self.addCleanup(other.close)
        other.sites.add("XH", "另一个售楼处")
        self.archive.group.enable("A")
        other.group.enable("B")
        mine = self.file(self.archive, 3)
        self.file(other, 4)
        self.sync(self.archive, "A")
        self.sync(other, "B")
        self.assertEqual("7", server().psql("SELECT count(*) FROM snowball_sites.customers", self.db))
        self.archive.customers.remove(mine[0].id)
        self.sync(self.archive, "A")
        self.assertEqual("0", server().psql("SELECT count(*) FROM snowball_sites.customers WHERE origin_site = 'A' AND name = '客户0'", self.db))
        for archive in (self.archive, other):
            self.assertTrue(self.view.reconcile(archive.group.checksums()).same)
        # Someone edits the group's copy: reconcile names the table.
        server().psql("UPDATE snowball_sites.customers SET name = 'x' WHERE origin_site = 'B' AND id = 1", self.db)
        drifted = self.view.reconcile(other.group.checksums()).drifted()
        self.assertEqual(["customers"], [t.table for t in drifted])

    def test_errors_a_host_meets(self):
        self.archive.group.enable("XH")
        self.file(self.archive, 2)
        with self.assertRaises(snowball.InvalidState) as caught:
            self.view.ingest(self.archive.group.outbox())
        self.assertIn("snapshot", str(caught.exception))
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.view.ingest(b"SNOWBALL-GROUP-BUNDLE 1\n{}\n")
        self.assertEqual("bundle", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.group.enable("西湖")
        self.assertEqual("site", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument):
            self.archive.group.acknowledge(99)
        with self.assertRaises(snowball.NotFound):
            self.view.ingest_file(self.dir / "missing.bundle")
        path = self.dir / "first.bundle"
        path.write_bytes(self.archive.group.snapshot())
        self.assertEqual("snapshot", self.view.ingest_file(path).kind)
        with self.assertRaises(snowball.StorageError):
            snowball.GroupView("host=127.0.0.1 port=1 dbname=none connect_timeout=2")
        self.view.close()
        with self.assertRaises(snowball.InvalidState):
            self.view.sites()


if __name__ == "__main__":
    unittest.main()
