"""Fails when a function declared in the C headers is not called in the bad-input test.

Usage: check_coverage.py <capi/include> <test_capi_bad_input.cpp>
"""

import pathlib
import re
import sys

include_dir, test_file = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
declared = set()
for header in include_dir.rglob("*.h"):
    declared.update(re.findall(r"SNOWBALL_EXTERN\([^)]*\)\s*(snowball_\w+)\s*\(", header.read_text()))
tested = set(re.findall(r"\b(snowball_\w+)\s*\(", test_file.read_text()))
missing = sorted(declared - tested)
print("%d functions declared, %d called by %s" % (len(declared), len(declared & tested), test_file.name))
if not declared:
    sys.exit("no declarations found: the pattern no longer matches the headers")
if missing:
    sys.exit("not exercised with NULL/invalid arguments: " + ", ".join(missing))
