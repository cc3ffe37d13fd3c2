#!/usr/bin/env python3
"""The Python layer's benchmark (docs/BENCHMARKS.md): what a Python user pays per phone lookup
through the bindings, side by side with Python's own sqlite3 module on the same file.

    run(build_dir, work_dir) -> list of BENCH lines        (for bench/run.py)
    python3 bench/bench_python.py --build build-bench [--customers 100000] [--lookups 20000] [--dir /tmp] [--keep]

  1. bench/snowball_side.cpp files the customers (the archive part's generator, a fixed seed) into
     one archive;
  2. a fresh Python process opens it with the `snowball` package (the build's libsnowball_c.so)
     and calls ``archive.customers.by_phone(phone, site="XH")`` for a random sequence of filed
     phones: the C call, its JSON decoded, the Customer dataclass built (dates and timestamps as
     ``datetime``, the other phones as Phone records);
  3. a fresh Python process opens the same file with ``sqlite3`` and does the same lookup the way
     a sqlite3 user would: the query Snowball runs (customer_phones → customers, the site by code,
     the other phones grouped), one prepared statement reused, the row turned into a dict by
     ``sqlite3.Row`` (``dict(row)``) — no type conversion;
  4. checks that both found the same customers (archive number, name and phones of every lookup)
     and prints

    BENCH python_lookup_vs_sqlite3 snowball=<us> python_sqlite3=<us> unit=us ratio=<sqlite3/snowball> target=0.5 met=<yes|no>

Timed: the mean per lookup over all lookups after a warm-up, in one loop (time.perf_counter).
"""
import hashlib
import os
import random
import sys
import time

from bench_support import generate, china_today, remove_db, run_side, say, standalone_main, SITE_CODE

SEED = 20261204
TARGET = 0.5

# The statement Snowball runs for by_phone with a site (src/customers/customer_records.hpp,
# Customers::by_phone), as a sqlite3 user would write it.
LOOKUP_SQL = (
    "SELECT c.id, c.archive_no, s.code AS site, c.channel, c.name, c.gender, c.mobile, "
    "(SELECT group_concat(p.kind || ':' || p.phone) FROM customer_phones p "
    "  WHERE p.customer_id = c.id AND p.phone <> c.mobile) AS phones, "
    "c.consultant_id, c.tier, c.stage, c.first_contact, c.note, c.filed_at, c.updated_at, "
    "c.birth_calendar, c.birth_year, c.birth_month, c.birth_day, c.birth_leap "
    "FROM customers c JOIN sites s ON s.id = c.site_id "
    "WHERE c.id = (SELECT p.customer_id FROM customer_phones p WHERE p.phone = ?1 "
    "AND p.site_id = (SELECT id FROM sites WHERE code = ?2)) AND c.deleted_at IS NULL")


def run(build_dir, work_dir, customers=None, lookups=None, warmup=2000):
    """Runs the benchmark in work_dir (which it leaves behind); returns the BENCH lines."""
    customers = customers or int(os.environ.get("SNOWBALL_BENCH_PYTHON_CUSTOMERS", "100000"))
    lookups = lookups or int(os.environ.get("SNOWBALL_BENCH_PYTHON_LOOKUPS", "20000"))
    program = os.path.join(build_dir, "bench", "snowball_side")
    library = os.path.join(build_dir, "capi", "libsnowball_c.so")
    for path in (program, library):
        if not os.path.exists(path):
            raise RuntimeError("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % path)
    os.makedirs(work_dir, exist_ok=True)
    data = os.path.join(work_dir, "customers.tsv")
    db = os.path.join(work_dir, "python.db")
    phones_path = os.path.join(work_dir, "phones.txt")
    remove_db(db)
    phones = generate(customers, SEED, china_today(), data)
    rng = random.Random(SEED + 1)
    with open(phones_path, "w", encoding="utf-8") as f:
        for _ in range(lookups):
            f.write(rng.choice(phones) + "\n")
    built = run_side([program, "import", db, data, "10000"])
    say("python layer: %s customers filed through Customers::add_many in %s s (setup); %d lookups after %d "
        "warm-up ones" % (built["customers"], built["seconds"], lookups, warmup))

    env = dict(os.environ, SNOWBALL_LIBRARY=os.path.abspath(library))
    bindings = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bindings", "python")
    env["PYTHONPATH"] = bindings + os.pathsep + env.get("PYTHONPATH", "")
    me = os.path.abspath(__file__)
    ours = run_side([sys.executable, me, "snowball", db, phones_path, str(warmup)], env=env)
    theirs = run_side([sys.executable, me, "sqlite3", db, phones_path, str(warmup)])
    for side, result in (("snowball", ours), ("sqlite3", theirs)):
        say("python %-8s mean %.2f us per lookup (CPU %.2f us), %s of %s found, peak memory %s MB" % (
            side, float(result["mean_us"]), float(result["cpu_us"]), result["found"], result["lookups"],
            result["peak_mb"]))
    if (ours["found"], ours["digest"]) != (theirs["found"], theirs["digest"]):
        raise RuntimeError("the Python lookups disagree: snowball found %s (%s), sqlite3 %s (%s)" % (
            ours["found"], ours["digest"], theirs["found"], theirs["digest"]))
    if int(ours["found"]) != lookups:
        raise RuntimeError("not every filed phone was found through the bindings")
    say("both found the same %s customers (archive number, name, phones)" % ours["found"])
    us_ours, us_theirs = float(ours["mean_us"]), float(theirs["mean_us"])
    ratio = us_theirs / us_ours
    say("python layer on CPU time (what a loaded machine does not inflate): sqlite3 %.2f us / snowball %.2f us = "
        "%.3f" % (float(theirs["cpu_us"]), float(ours["cpu_us"]), float(theirs["cpu_us"]) / float(ours["cpu_us"])))
    return ["BENCH python_lookup_vs_sqlite3 snowball=%.2f python_sqlite3=%.2f unit=us ratio=%.3f target=%g met=%s" % (
        us_ours, us_theirs, ratio, TARGET, "yes" if ratio >= TARGET else "no")]


# ---------------------------------------------------------------------------------------------
# The two sides (each its own process)


def _timed(lookup, key, phones, warmup):
    """Runs lookup(phone) -> a record or None over the phones (timed), then key(record) -> (archive_no,
    name, sorted phones) for the agreement (not timed); prints RESULTs."""
    import resource

    for i in range(warmup):
        lookup(phones[i % len(phones)])
    digest = hashlib.sha256()
    found = 0
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    results = [lookup(p) for p in phones]
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    for r in results:   # not timed
        found += r is not None
        digest.update(repr(None if r is None else key(r)).encode("utf-8"))
    print("RESULT lookups=%d" % len(phones))
    print("RESULT found=%d" % found)
    print("RESULT digest=%s" % digest.hexdigest()[:16])
    print("RESULT mean_us=%.3f" % (seconds / len(phones) * 1e6))
    print("RESULT cpu_us=%.3f" % (cpu / len(phones) * 1e6))
    print("RESULT peak_mb=%.1f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0))


def _read_phones(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def snowball_side(db, phones_path, warmup):
    import snowball

    phones = _read_phones(phones_path)
    with snowball.Archive(db, create=False) as archive:
        by_phone = archive.customers.by_phone

        def lookup(phone):
            return by_phone(phone, site=SITE_CODE)

        def key(c):
            assert isinstance(c, snowball.Customer) and c.filed_at.tzinfo is not None, c
            return c.archive_no, c.name, sorted([c.mobile] + [p.number for p in c.phones])

        _timed(lookup, key, phones, warmup)


def sqlite3_side(db, phones_path, warmup):
    import sqlite3

    phones = _read_phones(phones_path)
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    con.row_factory = sqlite3.Row

    def lookup(phone):
        row = con.execute(LOOKUP_SQL, (phone, SITE_CODE)).fetchone()
        return None if row is None else dict(row)

    def key(c):
        others = [p.split(":", 1)[1] for p in c["phones"].split(",")] if c["phones"] else []
        return c["archive_no"], c["name"], sorted([c["mobile"]] + others)

    _timed(lookup, key, phones, warmup)
    con.close()


def main():
    if len(sys.argv) == 5 and sys.argv[1] in ("snowball", "sqlite3"):
        side = snowball_side if sys.argv[1] == "snowball" else sqlite3_side
        side(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return 0

    def options(parser):
        parser.add_argument("--customers", type=int, default=None, help="customers filed (default 100,000)")
        parser.add_argument("--lookups", type=int, default=None, help="timed lookups (default 20,000)")

    return standalone_main(__doc__, "snowball-python-", options,
                           lambda args, work: run(args.build, work, args.customers, args.lookups))

if __name__ == "__main__":
    sys.exit(main())
