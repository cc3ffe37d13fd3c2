"""Shared by the Python tests: an archive in a temporary directory with two sites and consultants."""

import datetime
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import snowball

SOURCE_DIR = Path(os.environ.get("SNOWBALL_SOURCE_DIR", Path(__file__).resolve().parents[2])).resolve()
UTC = datetime.timezone.utc


def today_in_china() -> datetime.date:
    """The library's "today": the date in China (UTC+8), whatever the host's time zone."""
    return (datetime.datetime.now(UTC) + datetime.timedelta(hours=8)).date()


def run_python(code: str, env: dict, cwd: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=120)


class ArchiveTestCase(unittest.TestCase):
    """A fresh archive: sites XH and BJ, consultant 王芳 at XH, 李强 at BJ."""

    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="snowball-py-")
        self.addCleanup(self._dir.cleanup)
        self.dir = Path(self._dir.name)
        self.path = self.dir / "office.db"
        self.archive = snowball.open(self.path)
        self.addCleanup(self.archive.close)
        self.archive.sites.add("XH", "西湖印象售楼处")
        self.archive.sites.add("BJ", "北京朝阳售楼处")
        self.wang = self.archive.consultants.add(site="XH", name="王芳")
        self.li = self.archive.consultants.add(site="BJ", name="李强")
        self.customers = self.archive.customers

    def add(self, name="张伟", **fields):
        """Files a customer at XH by phone inquiry unless told otherwise."""
        fields.setdefault("site", "XH")
        fields.setdefault("channel", "call")
        return self.customers.add(name=name, **fields)

    def assertUtcTimestamp(self, value):
        self.assertIsInstance(value, datetime.datetime)
        self.assertEqual(UTC, value.tzinfo)
        self.assertEqual(datetime.timedelta(0), value.utcoffset())
        now = datetime.datetime.now(UTC)
        self.assertLess(abs((now - value).total_seconds()), 3600, value)
