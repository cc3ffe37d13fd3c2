"""The snowball command end to end: the built program run as a user or a script runs it — every
command, --json parsed, the exit codes of docs/CLI.md, --help in Chinese and English, verify on a
tampered archive, the progress bar on a terminal and plain lines elsewhere, the README's example."""

import datetime
import json
import os
import pty
import re
import sqlite3
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("SNOWBALL_SOURCE_DIR", HERE.parents[1])).resolve()
sys.path.insert(0, str(SOURCE_DIR / "bindings" / "python"))

import snowball  # noqa: E402  (the bindings set up what the command does not: consultants, surveys)


def _program() -> Path:
    """The built command: SNOWBALL_CLI (set by CTest), else <build>/src/cli/snowball."""
    named = os.environ.get("SNOWBALL_CLI")
    if named:
        return Path(named)
    build = Path(os.environ.get("SNOWBALL_BUILD_DIR", SOURCE_DIR / "build"))
    return build / "src" / "cli" / "snowball"


PROGRAM = _program()
EXIT = {"ok": 0, "usage": 1, "not_found": 2, "invalid": 3, "conflict": 4, "verify_failed": 5, "refused": 6}


def china_today() -> datetime.date:
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


class CommandTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not PROGRAM.is_file():
            raise AssertionError("the snowball command was not built: %s is missing (build target snowball_cli, "
                                 "or set SNOWBALL_CLI)" % PROGRAM)

    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="snowball-cli-")
        self.addCleanup(self._dir.cleanup)
        self.dir = Path(self._dir.name)
        self.db = str(self.dir / "office.db")

    def run_cli(self, *args, env=None, expect=0):
        environment = dict(os.environ, LANG="C.UTF-8")
        environment.pop("LC_ALL", None)
        environment.pop("LC_MESSAGES", None)
        environment.update(env or {})
        result = subprocess.run([str(PROGRAM), *map(str, args)], capture_output=True, text=True, env=environment,
                                cwd=self.dir, timeout=120)
        if expect is not None:
            self.assertEqual(expect, result.returncode, "snowball %s\nstdout: %s\nstderr: %s"
                             % (" ".join(map(str, args)), result.stdout, result.stderr))
        return result

    def json_of(self, *args, expect=0):
        return json.loads(self.run_cli(*args, "--json", expect=expect).stdout)

    def office(self):
        """init with site XH, then three leads imported from a CSV."""
        self.run_cli("init", self.db, "--site", "XH", "--name", "西湖印象售楼处")
        csv = self.dir / "leads.csv"
        csv.write_text("姓名,手机\n张伟,13800138000\n李娜,13900139000\n王强,13700137000\n", encoding="utf-8")
        report = self.json_of("import", self.db, csv, "--site", "XH")
        self.assertEqual(3, report["imported"])
        return report["customer_ids"]


class HelpAndUsageTest(CommandTestCase):
    def test_help_per_command_in_chinese_and_english(self):
        zh = self.run_cli("verify", "--help", "--lang", "zh").stdout
        en = self.run_cli("verify", "--help", "--lang", "en").stdout
        self.assertIn("检查档案", zh)
        self.assertIn("审计链", zh)
        self.assertIn("Check the archive", en)
        self.assertNotIn("检查档案", en)
        for command in ("init", "sites", "import", "export", "find", "briefing", "agenda", "report", "merge",
                        "erase", "verify", "backup"):
            with self.subTest(command=command):
                zh_help = self.run_cli(command, "--help", "--lang", "zh").stdout
                en_help = self.run_cli(command, "--help", "--lang", "en").stdout
                self.assertRegex(zh_help, "[\u4e00-\u9fff]")
                self.assertNotRegex(en_help, "[\u4e00-\u9fff]")
                self.assertIn("ARCHIVE" if command not in ("sites", "report") else "Subcommands", en_help)

    def test_the_language_defaults_from_lang(self):
        self.assertIn("检查档案", self.run_cli("verify", "--help", env={"LANG": "zh_CN.UTF-8"}).stdout)
        self.assertIn("Check the archive", self.run_cli("verify", "--help", env={"LANG": "en_US.UTF-8"}).stdout)
        # --lang wins over LANG.
        self.assertIn("Check the archive", self.run_cli("verify", "--help", "--lang", "en",
                                                        env={"LANG": "zh_CN.UTF-8"}).stdout)

    def test_the_top_level_help_lists_every_command(self):
        out = self.run_cli("--help", "--lang", "en").stdout
        for command in ("init", "sites", "import", "export", "find", "briefing", "agenda", "report", "merge",
                        "erase", "verify", "backup"):
            self.assertIn(command, out)
        self.assertIn("--json", out)

    def test_usage_errors_exit_1(self):
        self.run_cli(expect=EXIT["usage"])
        self.run_cli("frobnicate", expect=EXIT["usage"])
        self.run_cli("verify", expect=EXIT["usage"])                       # ARCHIVE missing
        self.run_cli("find", self.db, expect=EXIT["usage"])                # --phone, --number or --name
        self.run_cli("find", self.db, "--phone", "1", "--name", "张", expect=EXIT["usage"])
        self.run_cli("verify", self.db, "--lang", "fr", expect=EXIT["usage"])
        self.assertFalse(os.path.exists(self.db))


class ArchiveCommandsTest(CommandTestCase):
    def test_init_and_sites(self):
        made = self.json_of("init", self.db, "--site", "XH", "--name", "西湖印象售楼处")
        self.assertEqual(["XH"], [s["code"] for s in made["sites"]])
        self.assertGreater(made["schema_version"], 0)
        # A second init does not touch the file.
        err = self.json_of("init", self.db, expect=EXIT["conflict"])
        self.assertEqual("conflict", err["error"]["status"])
        site = self.json_of("sites", "add", self.db, "BJ", "北京朝阳售楼处", "--number-format", "{site}-{seq:6}{check}")
        self.assertEqual(("BJ", "{site}-{seq:6}{check}"), (site["code"], site["number_format"]))
        self.assertEqual(["BJ", "XH"], [s["code"] for s in self.json_of("sites", "list", self.db)])
        table = self.run_cli("sites", "list", self.db, "--lang", "zh").stdout
        self.assertIn("北京朝阳售楼处", table)
        self.assertIn("代码", table.splitlines()[0])
        # The library's statuses as exit codes, its message on stderr.
        dup = self.run_cli("sites", "add", self.db, "BJ", "again", expect=EXIT["conflict"])
        self.assertIn("BJ", dup.stderr)
        bad = self.json_of("sites", "add", self.db, "b j", "x", expect=EXIT["invalid"])
        self.assertEqual(("invalid_argument", "code"), (bad["error"]["status"], bad["error"]["field"]))

    def test_a_missing_archive_is_not_found_and_not_created(self):
        err = self.json_of("verify", self.dir / "none.db", expect=EXIT["not_found"])
        self.assertEqual("not_found", err["error"]["status"])
        self.assertFalse((self.dir / "none.db").exists())

    def test_verify_a_healthy_archive(self):
        self.office()
        report = self.json_of("verify", self.db)
        self.assertTrue(report["ok"])
        self.assertEqual(["integrity", "foreign_keys", "number_sequences", "audit_chain"],
                         [c["name"] for c in report["checks"]])
        self.assertEqual(3, report["checks"][2]["examined"])
        # The global option before the command too.
        self.assertTrue(json.loads(self.run_cli("--json", "verify", self.db).stdout)["ok"])
        self.assertIn("ok", self.run_cli("verify", self.db).stdout)

    def test_verify_a_tampered_archive(self):
        ids = self.office()
        self.run_cli("erase", self.db, ids[2], "--yes")            # one audit entry
        with sqlite3.connect(self.db) as db:
            db.executescript("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'consultant:9' WHERE id = 1;")
        report = self.json_of("verify", self.db, expect=EXIT["verify_failed"])
        self.assertFalse(report["ok"])
        failed = {c["name"]: c["problems"] for c in report["checks"] if not c["ok"]}
        self.assertEqual(["audit_chain"], list(failed))
        self.assertIn("entry 1 was changed", failed["audit_chain"][0])
        human = self.run_cli("verify", self.db, "--lang", "en", expect=EXIT["verify_failed"]).stdout
        self.assertIn("FAILED  audit_chain", human)

    def test_verify_a_gap_in_the_numbers(self):
        self.office()
        with sqlite3.connect(self.db) as db:
            db.execute("UPDATE number_sequences SET last_seq = last_seq + 2")
        report = self.json_of("verify", self.db, expect=EXIT["verify_failed"])
        numbers = [c for c in report["checks"] if c["name"] == "number_sequences"][0]
        self.assertFalse(numbers["ok"])
        self.assertIn("2 of its numbers 1..5 are on no record (the first: 4)", numbers["problems"][0])

    def test_backup(self):
        self.office()
        copy = self.dir / "copy.db"
        made = self.json_of("backup", self.db, copy)
        self.assertEqual(str(copy), made["path"])
        self.assertEqual(copy.stat().st_size, made["bytes"])
        self.assertFalse(Path(str(copy) + ".partial").exists())
        self.assertTrue(self.json_of("verify", copy)["ok"])
        self.assertEqual(1, len(self.json_of("find", copy, "--name", "张")))
        self.run_cli("backup", self.db, copy, expect=EXIT["conflict"])
        self.run_cli("backup", self.db, copy, "--replace")

    def test_only_the_host_may_verify(self):
        self.office()
        err = self.json_of("--actor", "admin:XH", "verify", self.db, expect=EXIT["refused"])
        self.assertEqual("forbidden", err["error"]["status"])
        self.json_of("--actor", "nobody", "verify", self.db, expect=EXIT["invalid"])


class CustomerCommandsTest(CommandTestCase):
    def test_import_reports_rejected_rows_with_exit_3(self):
        self.run_cli("init", self.db, "--site", "XH", "--name", "西湖印象售楼处")
        csv = self.dir / "leads.csv"
        csv.write_text("姓名,手机\n张伟,13800138000\n,13900139000\n李娜,13700137000\n", encoding="utf-8")
        dry = self.json_of("import", self.db, csv, "--site", "XH", "--dry-run", expect=EXIT["invalid"])
        self.assertEqual((3, 0, True), (dry["rows"], dry["imported"], dry["dry_run"]))
        result = self.run_cli("import", self.db, csv, "--site", "XH", "--json", expect=EXIT["invalid"])
        report = json.loads(result.stdout)
        self.assertEqual((3, 2), (report["rows"], report["imported"]))
        self.assertEqual([3], [r["line"] for r in report["rejected"]])
        # Not a terminal: plain progress lines on stderr, nothing redrawn.
        self.assertIn("rows 3/3", result.stderr)
        self.assertNotIn("\r", result.stderr)
        human = self.run_cli("import", self.db, csv, "--site", "XH", "--lang", "en", expect=EXIT["invalid"]).stdout
        self.assertIn("line 2", human)   # now 张伟's phone is on file
        self.run_cli("import", self.db, self.dir / "none.csv", "--site", "XH", expect=EXIT["not_found"])

    def test_import_draws_a_progress_bar_on_a_terminal(self):
        self.run_cli("init", self.db, "--site", "XH", "--name", "西湖印象售楼处")
        csv = self.dir / "leads.csv"
        csv.write_text("姓名,手机\n" + "".join("客户%d,139%08d\n" % (i, i) for i in range(1200)), encoding="utf-8")
        master, slave = pty.openpty()
        try:
            result = subprocess.run([str(PROGRAM), "import", self.db, str(csv), "--site", "XH", "--lang", "en"],
                                    stdout=subprocess.PIPE, stderr=slave, text=True, timeout=120)
            os.close(slave)
            drawn = b""
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                drawn += chunk
        finally:
            os.close(master)
        self.assertEqual(0, result.returncode, result.stdout)
        text = drawn.decode("utf-8")
        self.assertIn("\r[", text)
        self.assertIn("] 1200/1200 rows", text)
        self.assertIn("imported 1200", result.stdout)

    def test_find_by_phone_number_and_name(self):
        ids = self.office()
        by_phone = self.json_of("find", self.db, "--phone", "138-0013-8000")
        self.assertEqual([ids[0]], [c["id"] for c in by_phone])
        number = by_phone[0]["archive_no"]
        self.assertEqual([ids[0]], [c["id"] for c in self.json_of("find", self.db, "--number", number.lower())])
        self.assertEqual([ids[1]], [c["id"] for c in self.json_of("find", self.db, "--name", "李")])
        table = self.run_cli("find", self.db, "--name", "张", "--lang", "zh").stdout
        self.assertIn("档案编号", table)
        self.assertIn(number, table)
        self.assertEqual([], self.json_of("find", self.db, "--phone", "13600136000", expect=EXIT["not_found"]))
        unused = snowball.render_archive_no(snowball.DEFAULT_NUMBER_FORMAT, "XH", "lead", 2026, 99999)
        self.run_cli("find", self.db, "--number", unused, expect=EXIT["not_found"])
        bad = self.json_of("find", self.db, "--number", unused[:-1] + ("A" if unused[-1] != "A" else "B"),
                           expect=EXIT["invalid"])
        self.assertEqual("archive_no", bad["error"]["field"])

    def test_merge_and_undo(self):
        self.office()
        with snowball.open(self.db) as archive:
            twin = archive.customers.add(site="XH", channel="call", name="张伟", mobile="13811118000").id
            keep = archive.customers.by_phone("13800138000").id
            number = archive.customers.get(twin).archive_no
        merged = self.json_of("merge", self.db, keep, number)
        self.assertEqual((keep, twin, number), (merged["keep"], merged["merged"], merged["merged_archive_no"]))
        self.assertEqual([keep], [c["id"] for c in self.json_of("find", self.db, "--number", number)])
        undone = self.json_of("merge", self.db, "--undo", merged["id"])
        self.assertIsNotNone(undone["undone_at"])
        self.assertEqual([twin], [c["id"] for c in self.json_of("find", self.db, "--number", number)])
        self.json_of("merge", self.db, "--undo", merged["id"], expect=EXIT["conflict"])
        self.run_cli("merge", self.db, keep, expect=EXIT["usage"])
        self.json_of("merge", self.db, keep, keep, expect=EXIT["invalid"])
        unused = snowball.render_archive_no(snowball.DEFAULT_NUMBER_FORMAT, "XH", "call", 2026, 99999)
        self.json_of("merge", self.db, keep, unused, expect=EXIT["not_found"])
        self.assertTrue(self.json_of("verify", self.db)["ok"])

    def test_erase(self):
        ids = self.office()
        self.run_cli("erase", self.db, ids[1], expect=EXIT["usage"])       # --yes is needed
        self.assertEqual([ids[1]], [c["id"] for c in self.json_of("find", self.db, "--phone", "13900139000")])
        self.assertEqual({"erased": ids[1]}, self.json_of("erase", self.db, ids[1], "--yes"))
        self.json_of("find", self.db, "--phone", "13900139000", expect=EXIT["not_found"])
        self.json_of("erase", self.db, 4242, "--yes", expect=EXIT["not_found"])
        # The erased person's number stays taken: the sequences are still whole.
        self.assertTrue(self.json_of("verify", self.db)["ok"])


class FormatCommandsTest(CommandTestCase):
    def test_export_vcard_to_stdout_and_import_it_elsewhere(self):
        self.office()
        number = self.json_of("find", self.db, "--phone", "13800138000")[0]["archive_no"]
        cards = self.run_cli("export", self.db, "--format", "vcard").stdout
        self.assertEqual(3, cards.count("BEGIN:VCARD"))
        self.assertIn("UID:urn:snowball:" + number, cards)
        self.assertIn("FN:张伟", cards)
        vcf = self.dir / "cards.vcf"
        self.run_cli("export", self.db, "--format", "vcard", "--out", vcf)
        written = vcf.read_bytes().decode("utf-8")
        self.assertIn("\r\n", written)                      # vCard lines end in CRLF
        self.assertEqual(cards, written.replace("\r\n", "\n"))   # stdout read as text: the same cards
        other = str(self.dir / "other.db")
        self.run_cli("init", other, "--site", "BJ", "--name", "北京朝阳售楼处")
        report = self.json_of("import", other, vcf, "--site", "BJ")
        self.assertEqual((3, 3, 0), (report["cards"], report["filed"], report["skipped"]))
        self.assertEqual(["张伟"], [c["name"] for c in self.json_of("find", other, "--phone", "13800138000")])
        # The same cards again: matched by phone, nothing filed twice.
        again = self.json_of("import", other, vcf, "--site", "BJ")
        self.assertEqual((0, 3), (again["filed"], again["matched"]))

    def test_export_csv_in_gb18030(self):
        self.office()
        out = self.dir / "customers.csv"
        self.run_cli("export", self.db, "--format", "csv", "--encoding", "gb18030", "--out", out)
        text = out.read_bytes().decode("gb18030")
        self.assertIn("张伟", text)
        self.assertIn("13800138000", text)
        utf8 = self.run_cli("export", self.db, "--format", "csv", "--site", "XH").stdout
        self.assertTrue(utf8.startswith("\ufeff"))
        self.json_of("export", self.db, "--format", "csv", "--encoding", "latin1", expect=EXIT["invalid"])
        self.run_cli("export", self.db, "--format", "pdf", expect=EXIT["usage"])

    def test_the_archive_as_json_lines_round_trips(self):
        self.office()
        lines = self.dir / "office.jsonl"
        self.run_cli("export", self.db, "--format", "jsonl", "--out", lines)
        moved = str(self.dir / "moved.db")
        self.run_cli("init", moved)
        loaded = self.json_of("import", moved, lines)
        self.assertGreater(loaded["rows"], 3)
        self.assertEqual(lines.read_bytes(), self.run_cli("export", moved, "--format", "jsonl").stdout.encode("utf-8"))
        self.assertTrue(self.json_of("verify", moved)["ok"])
        # Only into an empty archive.
        self.json_of("import", moved, lines, expect=EXIT["conflict"])


class CareCommandsTest(CommandTestCase):
    def setUp(self):
        super().setUp()
        self.ids = self.office()
        self.today = china_today()
        with snowball.open(self.db) as archive:
            self.wang = archive.consultants.add(site="XH", name="王芳").id
            soon = self.today + datetime.timedelta(days=3)
            archive.customers.update(self.ids[0], consultant=self.wang, gender="male",
                                     birthday=datetime.date(1985, soon.month, min(soon.day, 28)))
            # An owner: the care policy greets owners on their birthdays.
            archive.customers.record_deal(self.ids[0], unit="3-1-1201", area=89.5, price=1200000, date=self.today)

    def test_briefing(self):
        b = self.json_of("briefing", self.db, "--phone", "13800138000", "--lang", "zh")
        self.assertEqual("张先生", b["salutation"])
        self.assertEqual("王芳", b["consultant"]["name"])
        en = self.json_of("briefing", self.db, "--customer", self.ids[0], "--lang", "en")
        self.assertEqual((b["customer"]["id"], "Mr. 张伟"), (en["customer"]["id"], en["salutation"]))
        self.assertIn("张先生", self.run_cli("briefing", self.db, "--phone", "13800138000", "--lang", "zh").stdout)
        err = self.json_of("briefing", self.db, "--phone", "13600136000", expect=EXIT["not_found"])
        self.assertEqual("phone", err["error"]["field"])

    def test_agenda_as_a_table_json_and_ics(self):
        birthday = self.today + datetime.timedelta(days=3)
        if birthday.day > 28:
            self.skipTest("the birthday was moved to day 28 of the month: not within the week")
        tasks = self.json_of("agenda", self.db, "--site", "XH")
        self.assertIn((self.ids[0], birthday.isoformat()), [(t["customer_id"], t["date"]) for t in tasks])
        table = self.run_cli("agenda", self.db, "--site", "XH", "--lang", "zh").stdout
        self.assertIn("张伟", table)
        self.assertIn("日期", table.splitlines()[0])
        ics = self.dir / "wang.ics"
        self.run_cli("agenda", self.db, "--consultant", self.wang, "--ics", ics)
        text = ics.read_text(encoding="utf-8")
        self.assertTrue(text.startswith("BEGIN:VCALENDAR"))
        self.assertIn("DTSTART;VALUE=DATE:" + birthday.strftime("%Y%m%d"), text)
        self.run_cli("agenda", self.db, "--site", "XH", "--ics", ics, expect=EXIT["usage"])
        self.run_cli("agenda", self.db, expect=EXIT["usage"])
        self.json_of("agenda", self.db, "--site", "XH", "--from", "2026-13-01", expect=EXIT["invalid"])

    def test_contact_report_with_csv(self):
        csv = self.dir / "report.csv"
        report = self.json_of("report", "contacts", self.db, "--site", "XH", "--csv", csv)
        self.assertEqual("XH", report["site"])
        self.assertTrue(report["rows"][-1]["total"])
        self.assertTrue(csv.read_bytes().startswith("\ufeff案场".encode("utf-8")))
        self.assertIn("顾问", self.run_cli("report", "contacts", self.db, "--site", "XH", "--lang", "zh").stdout)
        self.json_of("report", "contacts", self.db, "--site", "ZZ", expect=EXIT["not_found"])

    def test_survey_report(self):
        with snowball.open(self.db) as archive:
            survey = archive.surveys.create("交付满意度调查", questions=[
                {"key": "quality", "text": "房屋质量满意度", "type": "rating5", "topic": "property"},
                {"key": "recommend", "text": "推荐的可能性", "type": "nps", "topic": "service"}])
            archive.surveys.respond(survey.id, self.ids[0], answers={"quality": 5, "recommend": 10}, channel="online")
            archive.surveys.respond(survey.id, self.ids[1], answers={"quality": 3, "recommend": 6}, channel="online")
        stats = self.json_of("report", "survey", self.db, "--survey", survey.id)
        self.assertEqual(2, stats["responses"])
        self.assertEqual(50.0, stats["csat"])
        self.assertIn("房屋质量满意度", self.run_cli("report", "survey", self.db, "--survey", survey.id).stdout)
        self.json_of("report", "survey", self.db, "--survey", 999, expect=EXIT["not_found"])


class ReadmeExampleTest(CommandTestCase):
    def test_the_readme_shell_example_runs_as_written_twice(self):
        readme = (SOURCE_DIR / "README.md").read_text(encoding="utf-8")
        blocks = re.findall(r"```bash\n(.*?)```", readme, re.S)
        self.assertEqual(1, len(blocks), "the README should hold one shell example of the command")
        env = dict(os.environ, PATH=str(PROGRAM.parent) + os.pathsep + os.environ.get("PATH", ""), LANG="C.UTF-8")
        for run in range(2):
            with self.subTest(run=run):
                result = subprocess.run(["bash", "-e", "-c", blocks[0]], capture_output=True, text=True, env=env,
                                        cwd=self.dir, timeout=120)
                self.assertEqual(0, result.returncode, result.stdout + result.stderr)
                self.assertIn('"ok": true', result.stdout)
                self.assertIn("13800138000", result.stdout)


if __name__ == "__main__":
    unittest.main()
