#!/usr/bin/env python3
"""The survey-statistics benchmark (docs/BENCHMARKS.md "Surveys"): Surveys::stats side by
side with a hand-written SQL aggregate computing the same numbers.

    run(build_dir, work_dir) -> list of BENCH lines        (for bench/run.py)
    python3 bench/bench_feedback.py --build build-bench [--responses 1000000] [--customers 100000]
                                    [--runs 3] [--dir /tmp] [--keep]

  1. bench/feedback_side.cpp builds an archive: one site, six consultants, 100,000 customers filed
     through Customers::add_many, one survey (a 1-5 rating, a 0-10 likelihood to recommend, a single
     choice of four options) and 1,000,000 responses through Surveys::respond_many, spread over 30
     months, the consultants' customers and the three channels, with partial answers (not timed);
  2. a fresh feedback_side process computes the statistics both ways, alternating, 3 times each:
     Surveys::stats through the C++ API, and two GROUP BY queries on a raw SQLite connection to the
     same file plus the same arithmetic (per-question mean and distribution, CSAT, NPS with its 95 %
     interval, the trend by month, responses per channel); it stops unless both give the same
     numbers, and reports the best time of each side;
  3. prints

    BENCH survey_stats_vs_sql snowball=<s> sql=<s> unit=s ratio=<sql/snowball> target=0.8 met=<yes|no>

Standard library only.
"""
import argparse
import os
import sys

from bench_support import run_standalone, remove_db, run_side, say

TARGET = 0.8






def run(build_dir, work_dir, responses=None, customers=None, runs=3):
    """Runs the benchmark in work_dir (which it leaves behind); returns the BENCH lines."""
    responses = responses or int(os.environ.get("SNOWBALL_BENCH_SURVEY_RESPONSES", "1000000"))
    customers = customers or int(os.environ.get("SNOWBALL_BENCH_SURVEY_CUSTOMERS", "100000"))
    program = os.path.join(build_dir, "bench", "feedback_side")
    if not os.access(program, os.X_OK):
        raise RuntimeError("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % program)
    os.makedirs(work_dir, exist_ok=True)
    db = os.path.join(work_dir, "surveys.db")
    remove_db(db)

    built = run_side([program, "build", db, str(customers), str(responses), "10000"])
    say("survey archive: %s customers (and %s deals) filed through Customers::add_many in %s s; %s responses, "
        "%s answers, recorded through Surveys::respond_many in %s s (CPU %s s), %.0f responses/s (setup, not timed)" % (
            built["customers"], built["deals"], built["filing_seconds"], built["responses"], built["answers"],
            built["respond_seconds"], built["respond_cpu_seconds"], float(built["respond_rate"])))
    stats = run_side([program, "stats", db, str(runs)])
    say("both sides agree on %s responses, %s answers, %s months: CSAT %.3f %%, NPS %.3f [%.3f, %.3f], means %.4f "
        "(1-5) and %.4f (0-10)" % (
            stats["responses"], stats["answers"], stats["months"], float(stats["csat"]), float(stats["nps"]),
            float(stats["nps_low"]), float(stats["nps_high"]), float(stats["mean_quality"]),
            float(stats["mean_recommend"])))
    say("Surveys::stats runs %s s (best CPU %s s); SQL aggregate runs %s s (best CPU %s s)" % (
        stats["snowball_runs"], stats["snowball_cpu_seconds"], stats["sql_runs"], stats["sql_cpu_seconds"]))

    ours, theirs = float(stats["snowball_seconds"]), float(stats["sql_seconds"])
    ratio = theirs / ours
    return ["BENCH survey_stats_vs_sql snowball=%.3f sql=%.3f unit=s ratio=%.3f target=%g met=%s" % (
        ours, theirs, ratio, TARGET, "yes" if ratio >= TARGET else "no")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True, help="the CMake build directory with bench/ built")
    parser.add_argument("--responses", type=int, default=None, help="responses to the survey (default 1,000,000)")
    parser.add_argument("--customers", type=int, default=None, help="customers who respond (default 100,000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each side; the best is reported")
    parser.add_argument("--dir", default=None, help="where the temporary files go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    return run_standalone("snowball-surveys-", args.dir, args.keep, lambda work: run(args.build, work, args.responses, args.customers, args.runs))


if __name__ == "__main__":
    sys.exit(main())
