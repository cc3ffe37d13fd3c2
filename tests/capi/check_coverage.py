"""Fails when a function declared in the C headers is not called in the bad-input tests.

Usage: check_coverage.py <capi/include> <test file> [<test file> ...]
"""

import pathlib
import re
import sys

include_dir, test_files = pathlib.Path(sys.argv[1]), [pathlib.Path(p) for p in sys.argv[2:]]
declared = set()
for header in include_dir.rglob("*.h"):
    declared.update(re.findall(r"SNOWBALL_EXTERN\([^)]*\)\s*(snowball_\w+)\s*\(", header.read_text()))
tested = set()
for test_file in test_files:
    tested.update(re.findall(r"\b(snowball_\w+)\s*\(", test_file.read_text()))
missing = sorted(declared - tested)
print("%d functions declared, %d called by %s" % (len(declared), len(declared & tested),
                                                 ", ".join(p.name for p in test_files)))
if not declared:
    sys.exit("no declarations found: the pattern no longer matches the headers")
if missing:
    sys.exit("not exercised with NULL/invalid arguments: " + ", ".join(missing))
