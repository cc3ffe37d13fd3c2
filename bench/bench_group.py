#!/usr/bin/env python3
"""The group view's benchmark (docs/BENCHMARKS.md "The group view"): three sites of --customers
customers each, filed with capture on, their bundles applied to a PostgreSQL 15 server the
benchmark starts for itself (127.0.0.1, a free port, a temporary folder).

    run(build_dir, work_dir) -> list of BENCH lines        (for bench/run.py, `--only group`)
    python3 bench/bench_group.py --build build-bench [--customers 100000] [--dir /tmp] [--keep]

  capture_overhead          filing the customers (Customers::add_many, 10,000 per call) with capture
                            on, against the same filing with capture off, each in a fresh process on
                            a new archive: the rate on ÷ the rate off. Target >= 0.6.
  group_apply_rows_per_s    one GroupView applying the three sites' outbox bundles (every filing
                            transaction an entry) after their snapshots: rows written, changed or
                            deleted per second. Target >= 50,000 rows/s (the peer column is the
                            target itself).
  group_analytics_vs_files  customers per site, project, channel and stage, people on file at
                            several sites, open complaints: the group's views on PostgreSQL (which
                            read the aggregates the ingester keeps in its data transaction, paid for
                            in group_apply_rows_per_s) against a C++ program reading every site's
                            file with SQLite. Both answers are compared, counts and a digest of
                            every row (a mismatch fails the benchmark). Target >= 10x.

Standard library only; PostgreSQL's initdb and pg_ctl from Debian's postgresql-15.
"""
import os
import shutil
import sys

from bench_support import bench_line, fail, run_side, say, scale, standalone_main

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "python"))
CUSTOMERS = 100000
SITES = ("SH01", "SH02", "BJ01")


def run(build_dir, work_dir, customers=None):
    from pg_support import TempPostgres   # tests/python/pg_support.py: the same server the tests start
    program = os.path.join(build_dir, "bench", "group_side")
    if not os.access(program, os.X_OK):
        fail("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % program)
    n = customers or max(1000, int(CUSTOMERS * scale()))
    lines = []
    os.sync()   # each timed filing starts with nothing of the previous step left to write back
    off = run_side([program, "file", os.path.join(work_dir, "off.db"), str(n), "0", "OFF"])
    archives = []
    on_rates = []
    for site in SITES:
        path = os.path.join(work_dir, site + ".db")
        os.sync()
        r = run_side([program, "file", path, str(n), "1", site])
        on_rates.append(float(r["rate"]))
        archives.append(path)
        say("%s: %s customers filed with capture on at %.0f/s, %s outbox entries" % (site, r["customers"], float(r["rate"]),
                                                                                   r["pending"]))
    on = sorted(on_rates)[len(on_rates) // 2]
    ratio = on / float(off["rate"])
    say("filing %d customers: %.0f/s with capture off, %.0f/s with it on (median of %d sites)" % (
        n, float(off["rate"]), on, len(SITES)))
    lines.append(bench_line("capture_overhead", "%.0f" % on, "capture_off", "%.0f" % float(off["rate"]),
                            "customers/s", ratio, 0.6))

    server = TempPostgres()
    try:
        server.psql("CREATE DATABASE grp")
        conninfo = server.conninfo("grp")
        snapshots, outboxes = [], []
        for site, path in zip(SITES, archives):
            d = os.path.join(work_dir, site)
            os.makedirs(d, exist_ok=True)
            # The snapshot of an archive with capture switched on after its site was added: then the
            # outbox holds every filing, and applying it is the measured work.
            r = run_side([program, "bundles", path, d])
            snapshots.append(os.path.join(d, "snapshot.bundle"))
            outboxes.append(os.path.join(d, "outbox.bundle"))
        # The snapshots carry the same rows the outboxes do: applied first, they would leave the
        # outboxes nothing to do. The measured run applies a snapshot of the empty state instead:
        # the first outbox entries start from the site row alone.
        empty = []
        for site in SITES:
            d = os.path.join(work_dir, site + "-empty")
            os.makedirs(d, exist_ok=True)
            path = os.path.join(d, "archive.db")
            run_side([program, "file", path, "0", "1", site])
            run_side([program, "bundles", path, d])
            empty.append(os.path.join(d, "snapshot.bundle"))
        run_side([program, "apply", conninfo] + empty)
        # The files written just before (archives, bundles: hundreds of megabytes) reach the disk
        # now, not while the apply is timed.
        os.sync()
        applied = run_side([program, "apply", conninfo] + outboxes)
        rate = float(applied["rate"])
        say("applied %s rows of %d sites' outboxes in %s s with one ingester" % (applied["rows"], len(SITES),
                                                                              applied["seconds"]))
        lines.append(bench_line("group_apply_rows_per_s", "%.0f" % rate, "goal", "50000", "rows/s", rate / 50000, 1.0))
        snap = run_side([program, "apply", conninfo] + snapshots)
        say("the same sites' snapshots: %s rows in %s s (%.0f rows/s)" % (snap["rows"], snap["seconds"], float(snap["rate"])))

        files = run_side([program, "files-analytics"] + archives)
        views = run_side([program, "pg-analytics", conninfo])
        for key in ("groups", "customers", "people", "open_complaints", "groups_digest", "people_digest"):
            if files[key] != views[key]:
                fail("group_analytics_vs_files: the files say %s=%s, the group's views %s" % (key, files[key], views[key]))
        ratio = float(files["seconds"]) / float(views["seconds"])
        say("analytics over %s customers: %s s from the site files, %s s from the group's views (same answers: %s "
            "groups, %s people at several sites)" % (files["customers"], files["seconds"], views["seconds"], files["groups"],
                                                      files["people"]))
        lines.append(bench_line("group_analytics_vs_files", views["seconds"], "files", files["seconds"], "s", ratio, 10.0))
    finally:
        server.stop()
    return lines


def main():
    def add_arguments(parser):
        parser.add_argument("--customers", type=int, default=None, help="customers per site (default %d)" % CUSTOMERS)

    return standalone_main(__doc__, "snowball-bench-group-", add_arguments,
                           lambda args, work: run(args.build, work, args.customers))


if __name__ == "__main__":
    sys.exit(main())
