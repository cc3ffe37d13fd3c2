"""snowball group end to end: two sites' archives captured, their snapshot and outbox bundles written
by the command, applied by `snowball group ingest` to a PostgreSQL server of the test's own, replayed
without effect, acknowledged, reconciled (exit 0), and after a hand edit in the group reconciled
again (exit 5); changes before the snapshot exit 4."""

import os
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "python"))

from pg_support import server, stop_server  # noqa: E402
from test_cli import EXIT, CommandTestCase  # noqa: E402

setUpModule = server       # noqa: N816 - unittest's names
tearDownModule = stop_server   # noqa: N816


class GroupCommandTest(CommandTestCase):
    def test_two_sites_into_the_group(self):
        db = "cli_" + self._testMethodName.lower()
        server().psql("CREATE DATABASE " + db)
        conninfo = server().conninfo(db)
        ids = self.office()    # XH, three customers filed before capture
        other = str(self.dir / "other.db")
        self.run_cli("init", other, "--site", "BJ", "--name", "北京朝阳售楼处")
        status = self.json_of("group", "enable", self.db, "XH-01")
        self.assertEqual((True, "XH-01", 0), (status["enabled"], status["site"], status["pending"]))
        self.json_of("group", "enable", other, "BJ-01")
        self.run_cli("erase", self.db, ids[0], "--yes")           # captured: one entry
        self.assertEqual(1, self.json_of("group", "status", self.db)["pending"])

        outbox = self.dir / "xh-1.bundle"
        self.run_cli("group", "outbox", self.db, "--out", outbox)
        # Changes before the group has the site's snapshot: refused, exit 4.
        self.run_cli("group", "ingest", "--db", conninfo, outbox, expect=EXIT["conflict"])
        for archive, name in ((self.db, "xh"), (other, "bj")):
            self.run_cli("group", "snapshot", archive, "--out", self.dir / (name + ".snapshot"))
        # The snapshot includes the erasure: the outbox entry after it is a replay.
        reports = self.json_of("group", "ingest", "--db", conninfo, self.dir / "xh.snapshot", self.dir / "bj.snapshot",
                               outbox)
        self.assertEqual(["snapshot", "snapshot", "changes"], [r["kind"] for r in reports])
        self.assertEqual((0, 1, 1), (reports[2]["entries_applied"], reports[2]["entries_skipped"], reports[2]["high_water"]))
        self.assertEqual(1, self.json_of("group", "acknowledge", self.db, "1")["removed"])
        report = self.json_of("group", "reconcile", self.db, "--db", conninfo)
        self.assertTrue(report["same"], report)
        self.assertIn("The group matches the site", self.run_cli("group", "reconcile", self.db, "--db", conninfo,
                                                                  "--lang", "en").stdout)
        self.assertEqual("2", server().psql("SELECT count(*) FROM snowball_sites.customers "
                                           "WHERE origin_site = 'XH-01' AND deleted_at IS NULL", db))
        server().psql("DELETE FROM snowball_sites.customer_phones WHERE origin_site = 'XH-01'", db)
        report = self.json_of("group", "reconcile", self.db, "--db", conninfo, expect=EXIT["verify_failed"])
        self.assertEqual(["customer_phones"], [t["table"] for t in report["tables"] if not t["same"]])

    def test_help_and_bad_input(self):
        self.assertIn("PostgreSQL", self.run_cli("group", "ingest", "--help", "--lang", "en").stdout)
        self.assertIn("集团", self.run_cli("group", "--help", "--lang", "zh").stdout)
        self.office()
        self.run_cli("group", "enable", self.db, "西湖", expect=EXIT["invalid"])
        self.run_cli("group", "outbox", self.db, "--out", self.dir / "x", expect=EXIT["conflict"])   # never enabled
        bad = self.dir / "bad.bundle"
        bad.write_bytes(b"not a bundle")
        self.run_cli("group", "ingest", "--db", server().conninfo(), bad, expect=EXIT["invalid"])
        self.run_cli("group", "ingest", "--db", "host=127.0.0.1 port=1 connect_timeout=2", bad,
                     expect=EXIT["archive_unusable"] if "archive_unusable" in EXIT else 8)


if __name__ == "__main__":
    unittest.main()
