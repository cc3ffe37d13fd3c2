#!/usr/bin/env python3
"""Scaling (docs/BENCHMARKS.md, "Scaling"): Snowball's own time and memory for each area at several
archive sizes, for `bench/run.py --scaling 10000,100000,1000000[,4000000]`.

    measure(build_dir, work_dir, sizes, areas) -> yields one dict per area and size

For every size N (customers) and area, the area's side program (the same programs as the
side-by-side comparisons, bench/*_side.cpp) builds an archive of N customers (setup, not timed),
then a fresh process does the timed work; its time is what the program reports for that work,
its memory the peak resident set of that process (ru_maxrss from wait4, as GNU time reports it),
whole process:

  import     Customers::add_many of N customers, 10,000 per call            (snowball_side import)
  lookup     Customers::by_phone, 10,000 filed phones, mean per lookup       (snowball_side lookup)
  profiles   10 profile fields of each of the N customers, with history       (profiles_side write)
  agenda     a site's 30-day care agenda, N customers and 2N family members   (calendar_side agenda)
  surveys    Surveys::stats over N responses of N/10 customers                (feedback_side stats)
  graph      PageRank + descendant counts + circles of an N-customer forest   (referrals_side analyse;
             its memory the program's own VmHWM right after the timed work, as graph_vs_* use)
  contacts   contacts logged one transaction each (20,000; N/5 below 100,000 customers) on an
             archive of N customers and 10N contacts, mean per contact        (contacts_side log)
  outreach   a festival SMS to the owners of N customers (about 30 %)         (outreach_side send)

Standard library only.
"""
import os
import shutil
import subprocess
import time

from bench_support import generate, china_today, remove_db, say

AREAS = ["import", "lookup", "profiles", "agenda", "surveys", "graph", "contacts", "outreach"]

# What each area's number is: (what is measured, unit).
MEASURES = {
    "import": ("filing all customers (add_many)", "s"),
    "lookup": ("one phone lookup, mean", "us"),
    "profiles": ("10 profile fields for every customer", "s"),
    "agenda": ("a site's 30-day agenda, first call", "s"),
    "surveys": ("survey statistics over N responses", "s"),
    "graph": ("PageRank + descendants + circles", "s"),
    "contacts": ("logging one contact (its own transaction), mean", "us"),
    "outreach": ("a festival SMS to every owner", "s"),
}


# GNU time (Debian's `time`) reports the peak resident set its child reached, from wait4. It is
# the child of a small process: a side started from this driver directly would inherit, as its
# ru_maxrss, the driver's own peak (Linux keeps the larger of the old and the new image's peak
# across fork and exec), which hides anything smaller — 23 MB and more.
GNU_TIME = "/usr/bin/time"


def measured(command, env=None):
    """Runs one side; returns (its RESULT values, its peak resident set in MB)."""
    import tempfile

    if not os.access(GNU_TIME, os.X_OK):
        raise RuntimeError("%s is missing (Debian: apt-get install time): it measures the sides' peak memory" % GNU_TIME)
    with tempfile.NamedTemporaryFile("r", prefix="snowball-maxrss-", suffix=".txt") as usage:
        proc = subprocess.run([GNU_TIME, "-f", "%M", "-o", usage.name] + command, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
        if proc.returncode != 0:
            raise RuntimeError("%s failed (exit %d):\n%s%s" % (" ".join(command), proc.returncode, proc.stdout,
                                                                proc.stderr))
        kb = int(usage.read().strip().splitlines()[-1])
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            key, _, value = line[7:].partition("=")
            results[key] = value
    return results, kb / 1024.0


def program(build_dir, name):
    path = os.path.join(build_dir, "bench", name)
    if not os.access(path, os.X_OK):
        raise RuntimeError("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % path)
    return path


def measure(build_dir, work_dir, sizes, areas=None):
    """Yields {area, customers, value, unit, seconds, peak_mb, detail} for every size and area."""
    areas = areas or AREAS
    for n in sizes:
        for area in areas:
            d = os.path.join(work_dir, "%s-%d" % (area, n))
            os.makedirs(d, exist_ok=True)
            t = time.perf_counter()
            try:
                value, seconds, peak_mb, detail = AREA_RUNNERS[area](build_dir, d, n)
            finally:
                shutil.rmtree(d, ignore_errors=True)
            load = os.getloadavg()
            say("scaling %-8s %9d customers: %s %s, peak memory %.1f MB (%s; %.0f s with its setup; load %.2f)" % (
                area, n, _fmt(value), MEASURES[area][1], peak_mb, detail, time.perf_counter() - t, load[0]))
            yield {"area": area, "customers": n, "value": value, "unit": MEASURES[area][1], "seconds": seconds,
                   "peak_mb": round(peak_mb, 1), "detail": detail, "load": [round(x, 2) for x in load]}


def _fmt(value):
    return "%.3f" % value if value < 100 else "%.0f" % value


# ---------------------------------------------------------------------------------------------
# The areas: each returns (value, seconds, peak MB of the timed process, a short account)


def _archive(build_dir, d, n, lookups=10000):
    """The archive part's data and archive: (snowball_side, db, phones path, import RESULTs, peak MB)."""
    import random

    side = program(build_dir, "snowball_side")
    data, db, phones_path = os.path.join(d, "customers.tsv"), os.path.join(d, "archive.db"), os.path.join(d, "phones.txt")
    phones = generate(n, 20261127, china_today(), data)
    rng = random.Random(20261128)
    with open(phones_path, "w", encoding="utf-8") as f:
        for _ in range(lookups):
            f.write(rng.choice(phones) + "\n")
    r, mb = measured([side, "import", db, data, "10000"])
    return side, db, phones_path, r, mb


def area_import(build_dir, d, n):
    _, _, _, r, mb = _archive(build_dir, d, n)
    return float(r["seconds"]), float(r["seconds"]), mb, "%.0f customers/s" % float(r["rate"])


def area_lookup(build_dir, d, n):
    side, db, phones, _, _ = _archive(build_dir, d, n)
    r, mb = measured([side, "lookup", db, phones, "2000"])
    return float(r["mean_us"]), float(r["seconds"]), mb, "p99 %s us" % r["p99_us"]


def area_profiles(build_dir, d, n):
    import bench_profiles as p

    side = program(build_dir, "profiles_side")
    db, values = os.path.join(d, "profiles.db"), os.path.join(d, "values.tsv")
    measured([side, "build", db, str(n), str(p.SEED)])
    measured([side, "values", values, str(n), str(p.SEED)])
    r, mb = measured([side, "write", db, values, str(p.BATCH), str(p.BY)])
    return float(r["seconds"]), float(r["seconds"]), mb, "%.0f customers/s" % float(r["rate"])


def area_agenda(build_dir, d, n):
    import bench_calendar as c

    side = program(build_dir, "calendar_side")
    db = os.path.join(d, "agenda.db")
    measured([side, "build", db, "0", str(n), str(c.FAMILY_PER_CUSTOMER), str(c.OWNER_SHARE), str(c.SEED)])
    r, mb = measured([side, "agenda", db, c.WINDOW_FROM, c.WINDOW_TO, "site", "1"])
    return float(r["call1_seconds"]), float(r["call1_seconds"]), mb, "%s tasks" % r["call1_tasks"]


def area_surveys(build_dir, d, n):
    side = program(build_dir, "feedback_side")
    db = os.path.join(d, "surveys.db")
    measured([side, "build", db, str(max(1000, n // 10)), str(n), "10000"])
    # One process runs Surveys::stats and the SQL aggregate it is compared with: its peak memory
    # is the larger of the two.
    r, mb = measured([side, "stats", db, "1"])
    return float(r["snowball_seconds"]), float(r["snowball_seconds"]), mb, "%s responses, %s answers" % (
        r["responses"], r["answers"])


def area_graph(build_dir, d, n):
    import bench_referrals as g

    side = program(build_dir, "referrals_side")
    forest, db, out = os.path.join(d, "forest.tsv"), os.path.join(d, "referrals.db"), os.path.join(d, "graph.tsv")
    referrals = g.generate(forest, n)
    measured([side, "build", db, forest, "10000"])
    r, _ = measured([side, "analyse", db, out])
    # The program's own peak (VmHWM) right after the timed work: after it, the same process opens a
    # second handle that rebuilds the graph (the rebuild timing), which the whole-process peak
    # would count too (350 MB instead of 247 MB at 1,000,000 customers).
    return float(r["seconds"]), float(r["seconds"]), float(r["peak_mb"]), "%d referrals, %s circles; memory: " \
        "VmHWM after the timed work" % (referrals, r["circles"])


def area_contacts(build_dir, d, n):
    import bench_contacts as c

    side = program(build_dir, "contacts_side")
    db, sample = os.path.join(d, "contacts.db"), os.path.join(d, "sample.tsv")
    logs = min(c.LOGS, max(1000, n // 5))
    measured([side, "build", db, str(n), str(10 * n), str(c.SEED)])
    measured([side, "sample", db, sample, str(logs), str(c.CONSULTANT), str(c.SEED)])
    r, mb = measured([side, "log", db, sample, str(c.CONSULTANT)])
    return float(r["seconds"]) / int(r["logged"]) * 1e6, float(r["seconds"]), mb, \
        "%s contacts logged, %.0f/s, on %d contacts" % (r["logged"], float(r["rate"]), 10 * n)


def area_outreach(build_dir, d, n):
    import bench_outreach as o

    side = program(build_dir, "outreach_side")
    db = os.path.join(d, "outreach.db")
    b, _ = measured([side, "build", db, str(n), str(o.SEED)])
    r, mb = measured([side, "send", db, o.KEY, o.TEXT, o.FESTIVAL, o.AT], o.SIDE_ENV)
    return float(r["seconds"]), float(r["seconds"]), mb, "%s sent to %s owners, %.0f/s" % (
        r["sent"], b["owners"], float(r["rate"]))


AREA_RUNNERS = {
    "import": area_import, "lookup": area_lookup, "profiles": area_profiles, "agenda": area_agenda,
    "surveys": area_surveys, "graph": area_graph, "contacts": area_contacts, "outreach": area_outreach,
}
