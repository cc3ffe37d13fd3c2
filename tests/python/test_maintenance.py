"""archive.maintenance: verify() on a healthy archive and on tampered ones (a gap in the numbers, a
changed audit entry), backup() through a ".partial" file, also while another connection writes."""

import sqlite3
import threading
import unittest
from pathlib import Path

import snowball
from support import ArchiveTestCase


class MaintenanceTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        self.ids = [self.archive.customers.add(site="XH", channel="call", name="客户%d" % i,
                                               mobile="1391234%04d" % i).id for i in range(4)]
        self.archive.customers.remove(self.ids[3])

    def test_a_healthy_archive(self):
        report = self.archive.maintenance.verify()
        self.assertIsInstance(report, snowball.VerifyReport)
        self.assertTrue(report.ok)
        self.assertEqual(["integrity", "foreign_keys", "number_sequences", "audit_chain"],
                         [c.name for c in report.checks])
        self.assertEqual(4, report.check("number_sequences").examined)
        self.assertEqual(1, report.check("audit_chain").examined)
        self.assertTrue(all(c.ok and c.problems == [] for c in report.checks))

    def test_a_gap_and_a_tampered_entry_are_found(self):
        with sqlite3.connect(self.path) as db:
            db.execute("UPDATE number_sequences SET last_seq = last_seq + 1")
        report = self.archive.maintenance.verify()
        self.assertFalse(report.ok)
        self.assertEqual(["number_sequences"], [c.name for c in report.checks if not c.ok])
        self.assertIn("1..5 are on no record (the first: 5)", report.check("number_sequences").problems[0])
        with sqlite3.connect(self.path) as db:
            db.execute("UPDATE number_sequences SET last_seq = last_seq - 1")
            db.executescript("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'x' WHERE id = 1;")
        report = self.archive.maintenance.verify()
        self.assertEqual(["audit_chain"], [c.name for c in report.checks if not c.ok])

    def test_backup(self):
        copy = self.dir / "copy.db"
        made = self.archive.maintenance.backup(copy)
        self.assertIsInstance(made, snowball.BackupReport)
        self.assertEqual((str(copy), copy.stat().st_size), (made.path, made.bytes))
        self.assertFalse(Path(str(copy) + ".partial").exists())
        with self.assertRaises(snowball.Conflict) as caught:
            self.archive.maintenance.backup(copy)
        self.assertEqual("destination", caught.exception.field)
        self.archive.maintenance.backup(str(copy), replace=True)
        with snowball.open(copy, create=False) as restored:
            self.assertTrue(restored.maintenance.verify().ok)
            self.assertEqual(3, restored.info().customers)

    def test_a_backup_while_another_connection_writes(self):
        stop = threading.Event()
        written = []

        def writer():
            with snowball.open(self.path) as other:
                i = 0
                while not stop.is_set() and i < 5000:
                    other.customers.add(site="BJ", channel="visit", name="访客%d" % i, mobile="1370000%04d" % i)
                    written.append(i)
                    i += 1

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            while len(written) < 10 and thread.is_alive():
                pass
            copies = []
            for n in range(3):
                copies.append(self.dir / ("copy%d.db" % n))
                self.archive.maintenance.backup(copies[-1])
        finally:
            stop.set()
            thread.join()
        self.assertGreaterEqual(len(written), 10)
        counts = []
        for copy in copies:
            with snowball.open(copy, create=False) as restored:
                self.assertTrue(restored.maintenance.verify().ok)
                counts.append(restored.info().customers)
        self.assertEqual(sorted(counts), counts)
        self.assertGreater(counts[0], 3)

    def test_only_the_host(self):
        with self.archive.as_actor("admin:XH") as admin:
            with self.assertRaises(snowball.Forbidden):
                admin.maintenance.verify()


if __name__ == "__main__":
    unittest.main()
