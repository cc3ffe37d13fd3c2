"""Dependencies run one way: fails when a file includes a module above its own, or another
module's internals.

Usage: check_layers.py <source root>
       check_layers.py --self-test     (proves the check finds what it must, on a made-up tree)

The rule (docs/DESIGN.md, "Layers"): a module of src/ includes src/common, the storage core
(src/archive), the codec headers and public headers (include/snowball) of the modules at or below
its own layer, and its own files; never another module's internals, never a module above it. The
codec includes public headers and src/common only. The C API (capi/src) includes public headers,
the codec and its own files, never a module's internals.
"""

import pathlib
import re
import sys

# Bottom to top. A module's public headers are listed beside it.
LAYERS = [
    ("common", ["types.hpp", "error.hpp", "phone.hpp", "csv.hpp", "version.h"]),
    ("numbering", ["numbering.hpp"]),
    ("calendar", ["lunar.hpp", "festivals.hpp", "workdays.hpp", "occasions.hpp", "ics.hpp"]),
    ("archive", ["archive.hpp"]),
    ("privacy", ["privacy.hpp"]),
    ("customers", ["customers.hpp", "lead_import.hpp"]),
    ("profiles", ["profiles.hpp"]),
    ("care", ["care.hpp"]),
    ("service", ["feedback.hpp"]),
    ("referrals", ["referrals.hpp"]),
    ("contacts", ["contacts.hpp"]),
    ("attribution", ["attribution.hpp"]),
    ("briefing", ["briefing.hpp"]),
    ("outreach", ["outreach.hpp", "events.hpp"]),
    ("merge", ["merge.hpp"]),
    ("rights", ["rights.hpp"]),
    ("formats", ["formats.hpp"]),
    ("maintenance", ["maintenance.hpp"]),
    ("group", ["group.hpp"]),
    ("entry", ["snowball.hpp"]),
    ("cli", []),   # the snowball command: every public header, the codec for --json
]
LEVEL = {name: i for i, (name, _) in enumerate(LAYERS)}
HEADER_LEVEL = {h: i for i, (_, headers) in enumerate(LAYERS) for h in headers}
# The storage core every module stands on: its internal headers are open to all above it.
SHARED_INTERNALS = {"common", "archive"}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def module_of(path: pathlib.Path, src: pathlib.Path) -> str:
    return path.relative_to(src).parts[0]


def check(root: pathlib.Path) -> list:
    problems = []
    src = root / "src"
    for path in sorted(src.rglob("*.[ch]pp")):
        module = module_of(path, src)
        for target in INCLUDE.findall(path.read_text(encoding="utf-8")):
            where = "%s includes %s" % (path.relative_to(root), target)
            first = target.split("/")[0]
            if target.startswith("snowball/"):
                header = target.split("/", 1)[1]
                level = HEADER_LEVEL.get(header)
                if level is None:
                    problems.append(where + ": a public header missing from the layer table")
                elif module != "codec" and level > LEVEL.get(module, -1):
                    problems.append(where + ": a public header of the layer above (%s)" % LAYERS[level][0])
            elif "/" not in target:
                continue   # a file beside this one
            elif first == module:
                continue
            elif module == "codec":
                if first not in ("codec", "common"):
                    problems.append(where + ": the codec includes public headers and src/common only")
            elif first == "codec":
                record_module = target.split("/")[1].split(".")[0]
                if record_module in LEVEL and LEVEL[record_module] > LEVEL.get(module, -1):
                    problems.append(where + ": the records of a module above this one")
            elif first in SHARED_INTERNALS and LEVEL[first] <= LEVEL.get(module, -1):
                continue
            elif first == "privacy" and LEVEL["privacy"] < LEVEL.get(module, -1):
                continue
            else:
                problems.append(where + ": another module's internals (%s)" % first)
    capi = root / "capi" / "src"
    for path in sorted(capi.rglob("*.[ch]pp")):
        for target in INCLUDE.findall(path.read_text(encoding="utf-8")):
            first = target.split("/")[0]
            if "/" not in target or first in ("snowball", "codec"):
                continue
            problems.append("%s includes %s: the C API includes public headers and the codec only"
                            % (path.relative_to(root), target))
    return problems


def self_test() -> int:
    """A tiny tree with one include of each forbidden kind and one of each allowed kind."""
    import tempfile
    files = {
        "src/common/text.hpp": '#include "care/agenda.hpp"\n',               # upward internals
        "src/customers/customers.cpp": ('#include "archive/store.hpp"\n'      # shared core: fine
                                        '#include "snowball/numbering.hpp"\n' # below: fine
                                        '#include "snowball/care.hpp"\n'      # public, above
                                        '#include "profiles/profiles.hpp"\n'  # internals, above
                                        '#include "codec/referrals.hpp"\n'),  # records, above
        "src/codec/care.cpp": '#include "care/agenda.hpp"\n',                 # codec on internals
        "capi/src/api_care.cpp": ('#include "snowball/care.hpp"\n'            # public: fine
                                  '#include "care/agenda.hpp"\n'),            # internals
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        found = check(root)
    expected = 6
    for p in found:
        print("found as it should:", p)
    if len(found) != expected:
        print("SELF-TEST FAILED: %d problem(s) found, %d expected" % (len(found), expected))
        return 1
    print("self-test passed: %d of %d forbidden includes found, none of the allowed" % (len(found), expected))
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    found = check(pathlib.Path(sys.argv[1]))
    for p in found:
        print(p)
    print("%d include(s) against the layers" % len(found))
    sys.exit(1 if found else 0)
