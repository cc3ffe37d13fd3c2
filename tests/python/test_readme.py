"""The README's Python tour is run as written, in an empty directory: a reader who copies it gets
what it shows."""

import os
import re
import tempfile
import unittest

from support import SOURCE_DIR, run_python


class ReadmeTourTest(unittest.TestCase):
    def test_the_python_tour_runs_as_written(self):
        readme = (SOURCE_DIR / "README.md").read_text(encoding="utf-8")
        blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
        self.assertEqual(1, len(blocks), "the README should hold exactly one Python tour")
        with tempfile.TemporaryDirectory(prefix="snowball-readme-") as folder:
            result = run_python(blocks[0], dict(os.environ), folder)
            self.assertEqual(0, result.returncode, result.stderr)
            lines = result.stdout.splitlines()
            # What the tour prints: the salutation and completeness, the list of a day with the
            # planned contact, the care report's CSV, the NPS, the tree and key persons, and the
            # Mid-Autumn festival's lunar date.
            self.assertTrue(lines[0].startswith("张伟"), lines)
            self.assertIn("张伟 contact planned", lines)
            csv = [line for line in lines if line.startswith("\ufeff")]
            self.assertEqual(1, len(csv), lines)
            self.assertTrue(csv[0].startswith("\ufeff案场,开始,结束,顾问编号,顾问"), csv)
            self.assertIn("100.0", lines)
            tree = [line for line in lines if line.startswith("ReferralTree(root=")]
            self.assertEqual(1, len(tree), lines)
            self.assertIn("name='张伟'", tree[0])
            self.assertEqual("LunarDate(year=2026, month=8, day=15, leap=False)", lines[-1])
            self.assertTrue(os.path.exists(os.path.join(folder, "office.db")))


if __name__ == "__main__":
    unittest.main()
