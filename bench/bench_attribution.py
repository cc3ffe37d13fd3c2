#!/usr/bin/env python3
"""The judging benchmark (docs/BENCHMARKS.md "Attribution"): judging a walk-in by phone (判客) against
1,000,000 customers and 3,000,000 registrations, Snowball against the raw indexed SQL lookups it needs.

    run(build_dir, work_dir) -> list of BENCH lines        (for bench/run.py, `--only attribution`)
    python3 bench/bench_attribution.py --build build-bench [--customers 1000000] [--registrations 3000000]

  judge_vs_sql  Registrations::judge on 30,000 phones (a third customers on file, a third phones only
                registered, a third unknown) vs bench/attribution_sqlite_side.c doing the same SQL
                lookups (site, phone → customer, owner, windows, effective contact, registrations of
                the match key, family, the owner's name) on the same file, each in one read
                transaction. Mean microseconds per walk-in; target: Snowball within 2x (ratio
                sql/snowball >= 0.5).

The archive is built by bench/attribution_side.cpp (`build`): the real schema through the library,
the rows by direct SQL inserts. Standard library only.
"""
import os
import sys

from bench_support import bench_line, fail, remove_db, run_side, say, scale, standalone_main

SEED = 20261203
CUSTOMERS = 1000000
REGISTRATIONS = 3000000
JUDGINGS = 30000


def run(build_dir, work_dir, customers=None, registrations=None):
    program = os.path.join(build_dir, "bench", "attribution_side")
    peer = os.path.join(build_dir, "bench", "attribution_sqlite_side")
    for p in (program, peer):
        if not os.access(p, os.X_OK):
            fail("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % p)
    customers = customers or max(1000, int(CUSTOMERS * scale()))
    registrations = registrations or max(3 * customers, int(REGISTRATIONS * scale()))
    os.makedirs(work_dir, exist_ok=True)
    db = os.path.join(work_dir, "attribution.db")
    remove_db(db)
    b = run_side([program, "build", db, str(customers), str(registrations), str(SEED)])
    say("attribution archive: %s customers, %s registrations; %.0f MB; built in %s s (setup, not timed)" % (
        b["customers"], b["registrations"], os.path.getsize(db) / 1e6, b["seconds"]))
    args = [db, str(JUDGINGS), str(SEED), str(customers), str(registrations)]
    sql = float(run_side([peer, "judge"] + args)["us"])
    snow = run_side([program, "judge"] + args)
    snowball_us = float(snow["us"])
    say("attribution: judged %s" % ", ".join("%s %s" % (k[7:], v) for k, v in sorted(snow.items()) if k.startswith("reason_")))
    remove_db(db)
    return [bench_line("judge_vs_sql", "%.1f" % snowball_us, "sql", "%.1f" % sql, "us", sql / snowball_us, 0.5)]


def main():
    def add(parser):
        parser.add_argument("--customers", type=int, default=None)
        parser.add_argument("--registrations", type=int, default=None)
    return standalone_main(__doc__, "snowball-bench-attribution-", add,
                           lambda args, work: run(args.build, work, args.customers, args.registrations))


if __name__ == "__main__":
    sys.exit(main())
