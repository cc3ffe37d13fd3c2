"""The README's Python tour and the integration guide's Python program are run as written, in an
empty directory and then a second time on the archive the first run left: a reader who copies them
gets what they show, and a reader who runs them again is not met by an error."""

import os
import re
import tempfile
import unittest

from support import SOURCE_DIR, run_python


def python_blocks(document: str):
    text = (SOURCE_DIR / document).read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


class ReadmeTourTest(unittest.TestCase):
    def run_twice(self, code: str):
        """The stdout of two runs of ``code`` in one new folder; the folder's archive must exist."""
        outputs = []
        with tempfile.TemporaryDirectory(prefix="snowball-readme-") as folder:
            for run in (1, 2):
                result = run_python(code, dict(os.environ), folder)
                self.assertEqual(0, result.returncode, "run %d: %s" % (run, result.stderr))
                self.assertTrue(os.path.exists(os.path.join(folder, "office.db")))
                outputs.append(result.stdout)
        return outputs

    def check_tour_output(self, lines, run):
        # What the tour prints: the salutation and completeness, the list of a day with the
        # planned contact, the care report's CSV, the NPS, the tree and key persons, and the
        # Mid-Autumn festival's lunar date.
        self.assertTrue(lines[0].startswith("张伟"), (run, lines))
        self.assertIn("张伟 contact planned", lines)
        csv = [line for line in lines if line.startswith("\ufeff")]
        self.assertEqual(1, len(csv), lines)
        self.assertTrue(csv[0].startswith("\ufeff案场,开始,结束,顾问编号,顾问"), csv)
        self.assertIn("100.0", lines)
        tree = [line for line in lines if line.startswith("ReferralTree(root=")]
        self.assertEqual(1, len(tree), lines)
        self.assertIn("name='张伟'", tree[0])
        self.assertEqual("LunarDate(year=2026, month=8, day=15, leap=False)", lines[-1])

    def test_the_python_tour_runs_as_written_twice_in_a_row(self):
        blocks = python_blocks("README.md")
        self.assertEqual(1, len(blocks), "the README should hold exactly one Python tour")
        outputs = [out.splitlines() for out in self.run_twice(blocks[0])]
        for run, lines in enumerate(outputs, 1):
            self.check_tour_output(lines, run)
        # The second run found what the first one filed: the same greeting and completeness.
        self.assertEqual(outputs[0][0], outputs[1][0])
        with_sent = [line for line in outputs[1] if re.fullmatch(r"\d+ \d+", line)]
        self.assertEqual(["0 1"], with_sent, "the same key again sends nothing: %s" % outputs[1])

    def test_the_integration_guide_program_runs_as_written_twice_in_a_row(self):
        blocks = python_blocks("docs/INTEGRATING.md")
        self.assertEqual(1, len(blocks), "the guide should hold exactly one Python program")
        printed = [out.strip() for out in self.run_twice(blocks[0])]
        number, salutation = printed[0].split()
        self.assertRegex(number, r"^XH-\d{4}C-\d{5}[0-9A-Z]$")
        self.assertEqual("张伟先生/女士", salutation)   # no gender on file: both titles
        self.assertEqual(printed[0], printed[1])


if __name__ == "__main__":
    unittest.main()
