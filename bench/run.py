#!/usr/bin/env python3
"""The driver of `make bench` (docs/BENCHMARKS.md).

    python3 bench/run.py --build build-bench [--customers 1000000] [--batch 10000]
                         [--lookups 100000] [--warmup 5000] [--runs 1] [--dir /tmp] [--keep]
                         [--only archive,contacts,outreach,duplicates,...] [--contacts 10000000]
                         [--outreach-customers 1000000] [--results docs/bench/results.json]
    python3 bench/run.py --build build-bench --scaling 10000,100000,1000000[,4000000] [--areas import,lookup,...]

In one run, on this machine, from one generated data set:
  1. files the customers three ways, one after the other, each into a fresh database:
       sqlite          bench/sqlite_side.c: plain C on the SQLite C API
       snowball        bench/snowball_side.cpp: Snowball's C++ API, Customers::add_many
       python_sqlite3  bench/python_side.py: Python's sqlite3 module
  2. checks that the three databases hold the same rows (a digest of every table involved);
  3. looks up the same random sequence of filed phones in the Snowball archive
     (Customers::by_phone) and in the raw-SQLite database (a prepared statement), and checks that
     both found the same customers;
  4. prints one BENCH line per comparison (ratio > 1: Snowball is better).

Standard library only. Exit status 0 when the benchmark ran (whether or not a target is met),
1 when something failed or the sides disagreed.
"""
import argparse
import datetime
import glob
import importlib
import os
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from bench_support import (HERE, RECORDED, ROOT, SCHEMA_SOURCE, china_today, emit, extract_schema, fail, generate,
                           machine_description, median, remove_db, run_side, save_results, table_digest)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True, help="the CMake build directory with bench/ built")
    parser.add_argument("--customers", type=int, default=1000000)
    parser.add_argument("--batch", type=int, default=10000, help="customers per transaction (per add_many call)")
    parser.add_argument("--lookups", type=int, default=100000)
    parser.add_argument("--warmup", type=int, default=5000, help="lookups before the timed ones")
    parser.add_argument("--runs", type=int, default=1, help="runs of each side; the median is reported")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--dir", default=None, help="where the temporary databases go (default: the system temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--only", default="", help="comma-separated parts to run: archive and the names of the "
                        "bench/bench_<name>.py modules (default: all)")
    parser.add_argument("--contacts", type=int, default=None, help="the contact-log part's contacts (default "
                        "10,000,000, with a tenth as many customers): smaller for a quick check")
    parser.add_argument("--outreach-customers", type=int, default=None, help="the outreach part's customers (default "
                        "1,000,000, 30 %% of them owners): smaller for a quick check")
    parser.add_argument("--scaling", default="", help="comma-separated archive sizes (customers), e.g. "
                        "10000,100000,1000000,4000000: measure every area's time and memory at each size "
                        "(bench/scaling.py) instead of the comparisons")
    parser.add_argument("--areas", default="", help="with --scaling: the areas to measure (default all: %s)" %
                        "import,lookup,profiles,agenda,surveys,graph,contacts,outreach")
    parser.add_argument("--results", default=os.path.join(ROOT, "docs", "bench", "results.json"),
                        help="the results file this run's numbers are merged into, for bench/report.py "
                        "(default docs/bench/results.json; '' for none)")
    args = parser.parse_args()
    if args.contacts is not None:
        if args.contacts < 1000:
            fail("--contacts must be at least 1000")
        os.environ["SNOWBALL_BENCH_CONTACTS"] = str(args.contacts)
    if args.outreach_customers is not None:
        if args.outreach_customers < 1000:
            fail("--outreach-customers must be at least 1000")
        os.environ["SNOWBALL_BENCH_OUTREACH_CUSTOMERS"] = str(args.outreach_customers)
    parts = set(filter(None, args.only.split(",")))
    if args.customers < 1 or args.batch < 1 or args.lookups < 1 or args.warmup < 0 or args.runs < 1:
        fail("--customers, --batch, --lookups, --runs must be positive, --warmup not negative")

    snowball_side = os.path.join(args.build, "bench", "snowball_side")
    sqlite_side = os.path.join(args.build, "bench", "sqlite_side")
    python_side = os.path.join(HERE, "python_side.py")
    for program in (snowball_side, sqlite_side):
        if not os.access(program, os.X_OK):
            fail("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % program)

    if args.scaling:
        return scaling_main(args)

    work = tempfile.mkdtemp(prefix="snowball-bench-", dir=args.dir)
    try:
        print("bench: %s; %s; load average %s" % (
            machine_description(), datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            " ".join("%.2f" % x for x in os.getloadavg())))
        print("bench: SQLite %s (Python's sqlite3: %s), Python %s; databases in %s" % (
            run_side_version(sqlite_side), sqlite3.sqlite_version, platform.python_version(), work))
        if not parts or "archive" in parts:
            archive_benchmark(args, work, snowball_side, sqlite_side, python_side)
        # The other modules' benchmarks: bench/bench_<name>.py, each with run(build_dir, work_dir)
        # returning its BENCH lines.
        sys.path.insert(0, HERE)
        for module_path in sorted(glob.glob(os.path.join(HERE, "bench_*.py"))):
            name = os.path.basename(module_path)[len("bench_"):-len(".py")]
            if parts and name not in parts:
                continue
            module = importlib.import_module("bench_" + name)
            part_dir = os.path.join(work, name)
            os.makedirs(part_dir, exist_ok=True)
            for line in module.run(args.build, part_dir):
                emit(line)
            shutil.rmtree(part_dir, ignore_errors=True)
        return 0
    finally:
        if args.results and RECORDED:   # also what the parts before a failing one printed
            save_results(args.results, comparisons=RECORDED)
        if args.keep:
            print("bench: kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)


def archive_benchmark(args, work, snowball_side, sqlite_side, python_side):
    """Filing and phone lookup: Snowball vs raw SQLite (C) and Python's sqlite3."""
    today = china_today()
    schema_path = os.path.join(work, "schema.sql")
    with open(schema_path, "w", encoding="utf-8") as f:
        f.write(extract_schema(SCHEMA_SOURCE))
    data_path = os.path.join(work, "customers.tsv")
    t = time.perf_counter()
    phones = generate(args.customers, args.seed, today, data_path)
    lookup_rng = random.Random(args.seed + 1)
    phones_path = os.path.join(work, "phones.txt")
    with open(phones_path, "w", encoding="utf-8") as f:
        for _ in range(args.lookups):
            f.write(lookup_rng.choice(phones) + "\n")
    print("bench: generated %d customers (%d phones) and %d lookups in %.1f s; %d customers per transaction "
          "(per add_many call), %d run(s) of each side" % (
              args.customers, len(phones), args.lookups, time.perf_counter() - t, args.batch, args.runs))
    del phones
    sys.stdout.flush()

    dbs = {side: os.path.join(work, side + ".db") for side in ("sqlite", "snowball", "python_sqlite3")}
    commands = {
        "sqlite": [sqlite_side, "import", dbs["sqlite"], schema_path, data_path, str(args.batch)],
        "snowball": [snowball_side, "import", dbs["snowball"], data_path, str(args.batch)],
        "python_sqlite3": [sys.executable, python_side, "import", dbs["python_sqlite3"], schema_path, data_path,
                           str(args.batch)],
    }
    rates = {side: [] for side in commands}
    for run in range(args.runs):
        for side, command in commands.items():
            remove_db(dbs[side])
            result = run_side(command)
            if int(result["customers"]) != args.customers:
                fail("%s filed %s customers, not %d" % (side, result["customers"], args.customers))
            rates[side].append(float(result["rate"]))
            print("bench: import %-14s run %d: %7.2f s (CPU %7.2f s), %8.0f customers/s" % (
                side, run + 1, float(result["seconds"]), float(result["cpu_seconds"]), float(result["rate"])))
            sys.stdout.flush()

    digests = {side: table_digest(path) for side, path in dbs.items()}
    reference = digests["snowball"]
    for side, digest in digests.items():
        if digest != reference:
            fail("the %s database differs from Snowball's (rows per table %s vs %s): not the same work" % (
                side, digest[1], reference[1]))
    print("bench: all three databases hold the same rows (sites, consultants, customers, customer_phones, "
          "visits, number_sequences: %s)" % ", ".join(str(n) for n in reference[1]))
    remove_db(dbs["python_sqlite3"])

    lookups = {"snowball": [], "sqlite": []}
    found = {}
    for run in range(args.runs):
        for side, program in (("sqlite", sqlite_side), ("snowball", snowball_side)):
            result = run_side([program, "lookup", dbs[side], phones_path, str(args.warmup)])
            lookups[side].append(float(result["mean_us"]))
            found.setdefault(side, set()).add((result["found"], result["digest"]))
            print("bench: lookup %-8s run %d: mean %.2f us (CPU %.2f us), p50 %.2f us, p99 %.2f us, %s of %s found" % (
                side, run + 1, float(result["mean_us"]), float(result["cpu_seconds"]) / args.lookups * 1e6,
                float(result["p50_us"]), float(result["p99_us"]), result["found"], result["lookups"]))
            sys.stdout.flush()
    if found["snowball"] != found["sqlite"] or len(found["snowball"]) != 1:
        fail("the lookups disagree: snowball %s, sqlite %s" % (found["snowball"], found["sqlite"]))
    if next(iter(found["snowball"]))[0] != str(args.lookups):
        fail("not every filed phone was found")
    print("bench: both sides found the same customers for all %d lookups" % args.lookups)

    import_snowball = median(rates["snowball"])
    import_sqlite = median(rates["sqlite"])
    import_python = median(rates["python_sqlite3"])
    lookup_snowball = median(lookups["snowball"])
    lookup_sqlite = median(lookups["sqlite"])
    lines = [
        ("import_vs_sqlite", "%.0f" % import_snowball, "sqlite", "%.0f" % import_sqlite, "customers/s",
         import_snowball / import_sqlite, 0.5),
        ("import_vs_python", "%.0f" % import_snowball, "python_sqlite3", "%.0f" % import_python, "customers/s",
         import_snowball / import_python, 1.0),
        ("lookup_vs_sqlite", "%.2f" % lookup_snowball, "sqlite", "%.2f" % lookup_sqlite, "us",
         lookup_sqlite / lookup_snowball, 0.5),
    ]
    for name, value, peer, peer_value, unit, ratio, target in lines:
        # import_vs_python must be faster (ratio > 1); the others at least the target ratio.
        met = ratio > target if name == "import_vs_python" else ratio >= target
        emit("BENCH %s snowball=%s %s=%s unit=%s ratio=%.3f target=%g met=%s" % (
            name, value, peer, peer_value, unit, ratio, target, "yes" if met else "no"))


def scaling_main(args):
    """--scaling: every area at every size (bench/scaling.py); the points go to the results file."""
    sys.path.insert(0, HERE)
    import scaling

    try:
        sizes = [int(x) for x in args.scaling.split(",") if x.strip()]
    except ValueError:
        fail("--scaling takes customer counts separated by commas, such as 10000,100000")
    if not sizes or min(sizes) < 1000:
        fail("--scaling sizes must be at least 1000 customers")
    areas = [a for a in args.areas.split(",") if a] or scaling.AREAS
    unknown = sorted(set(areas) - set(scaling.AREAS))
    if unknown:
        fail("unknown areas %s (known: %s)" % (", ".join(unknown), ", ".join(scaling.AREAS)))
    work = tempfile.mkdtemp(prefix="snowball-scaling-", dir=args.dir)
    points = []
    try:
        print("bench: scaling %s; %s; %s; load average %s" % (
            ", ".join(str(n) for n in sizes), machine_description(),
            datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            " ".join("%.2f" % x for x in os.getloadavg())))
        for point in scaling.measure(args.build, work, sizes, areas):
            points.append(point)
            if args.results:   # kept as they come: a long run stopped half-way keeps its points
                save_results(args.results, scaling=[point])
        return 0
    except RuntimeError as e:
        fail(str(e))
    finally:
        if args.keep:
            print("bench: kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)


def run_side_version(sqlite_side):
    """The SQLite library the C side links (it reports it on an empty import)."""
    try:
        out = subprocess.run([sqlite_side, "version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True).stdout.strip()
        return out or "?"
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
