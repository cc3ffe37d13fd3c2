"""The calendar benchmarks of `make bench` (docs/BENCHMARKS.md "The care calendar"), run by
bench/run.py (`--only calendar`).

  lunar_vs_lunarjs     Gregorian -> lunar conversions per second on the same random dates:
                       snowball::calendar::to_lunar (bench/calendar_side.cpp) vs the npm package
                       lunar-javascript on Node (bench/node/lunar_peer.cjs). Target >= 500x.
  lunar_vs_solarlunar  the same vs the table-driven npm package solarlunar. Target >= 30x.
  agenda_1m            a 30-day care agenda of the whole site over 1,000,000 customers and
                       2,000,000 family members (CareCalendar::agenda), against the 1 s target.
                       Then the same agenda for one consultant, over a 60-day window, and over an
                       archive twice as large (2,000,000 customers, 4,000,000 family members).

The Node peers need Node.js and npm: the pinned packages of bench/node/package.json are installed
once into <build>/bench/node-peers (npm's registry must be reachable the first time). Without node
or npm, or when the install fails, the two lunar comparisons are skipped with a "bench: skipped"
line; the rest runs.

Standard library only. SNOWBALL_BENCH_SCALE (default 1) scales the archive, for trying the driver
out quickly; the recorded numbers are at scale 1.
"""
import glob
import datetime
import json
import os
import random
import shutil
import sqlite3
import subprocess

from bench_support import bench_line, fail, median, remove_db, run_side, say, scale

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261127

LUNAR_DATES = 10000          # random dates, the same for every side
LUNAR_MIN_SECONDS = 2.0      # each side converts pass after pass for at least this long
FIRST_DAY = datetime.date(1900, 1, 31)   # the range all three convert
LAST_DAY = datetime.date(2100, 12, 31)
# Days on which solarlunar's table disagrees with the Hong Kong Observatory tables that
# lunar-javascript and Snowball follow (checked day by day over 1900-2100): lunar 1933's leap
# month and 2097's seventh month start a day apart.
SOLARLUNAR_KNOWN = [(datetime.date(1933, 7, 22), datetime.date(1933, 8, 20)),
                    (datetime.date(2097, 8, 7), datetime.date(2097, 9, 5))]

CUSTOMERS = 1000000
FAMILY_PER_CUSTOMER = 2.0
OWNER_SHARE = 0.05
# The Spring Festival month: 腊八 (2027-01-15), 除夕 (02-05) and 春节 (02-06) fall in it, the
# busiest 30 days of the care calendar.
WINDOW_FROM = "2027-01-15"
WINDOW_TO = "2027-02-13"
WINDOW_TO_X2 = "2027-03-15"  # 60 days: 元宵节 and 妇女节 come in too
# For information, a quieter month: only 清明 (2027-04-05) falls in it.
QUIET_FROM, QUIET_TO = "2027-03-20", "2027-04-18"
CONSULTANT = "1"




def run(build_dir, work_dir):
    side = os.path.join(build_dir, "bench", "calendar_side")
    if not os.access(side, os.X_OK):
        fail("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % side)
    lines = lunar_benchmarks(side, build_dir, work_dir)
    lines += agenda_benchmarks(side, work_dir)
    return lines


# ---------------------------------------------------------------------------------------------
# Lunar conversion

def write_dates(path, dates):
    with open(path, "w", encoding="ascii") as f:
        for d in dates:
            f.write(d.isoformat() + "\n")


def read_codes(path):
    with open(path, encoding="ascii") as f:
        return [int(line) for line in f if line.strip()]


def node_peers(build_dir):
    """The directory with the Node peers installed, or (None, why not)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return None, "Node.js not found (node and npm are needed for the npm peers)"
    cache = os.path.join(os.path.abspath(build_dir), "bench", "node-peers")
    os.makedirs(cache, exist_ok=True)
    with open(os.path.join(HERE, "node", "package.json"), encoding="utf-8") as f:
        wanted = json.load(f)["dependencies"]
    shutil.copy(os.path.join(HERE, "node", "package.json"), os.path.join(cache, "package.json"))
    for script in glob.glob(os.path.join(HERE, "node", "*.cjs")):   # the peers' programs
        shutil.copy(script, os.path.join(cache, os.path.basename(script)))

    def installed():
        for name, version in wanted.items():
            try:
                with open(os.path.join(cache, "node_modules", name, "package.json"), encoding="utf-8") as f:
                    if json.load(f).get("version") != version:
                        return False
            except (OSError, ValueError):
                return False
        return True

    if not installed():
        say("installing the Node peers (%s) into %s" % (
            ", ".join("%s@%s" % kv for kv in wanted.items()), cache))
        proc = subprocess.run([npm, "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
                               "--loglevel=error"] + ["%s@%s" % kv for kv in wanted.items()],
                              cwd=cache, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0 or not installed():
            tail = " ".join(proc.stdout.strip().splitlines()[-3:])
            return None, "npm install failed (exit %d): %s" % (proc.returncode, tail)
    return cache, None


def lunar_run(command, label):
    result = run_side(command)
    say("lunar %-10s %9.0f conversions/s (%s passes over %s dates in %.2f s, CPU %.2f s)" % (
        label, float(result["rate"]), result["passes"], result["dates"], float(result["seconds"]),
        float(result["cpu_seconds"])))
    return result


def compare_lunar(dates, reference, other, label, known=()):
    """Checks that `other` gave the same lunar dates as Snowball; returns the days that differ
    within the known ranges."""
    if len(reference) != len(dates) or len(other) != len(dates):
        fail("lunar %s: %d results for %d dates" % (label, len(other), len(dates)))
    tolerated = []
    for d, a, b in zip(dates, reference, other):
        if a == b:
            continue
        if any(lo <= d <= hi for lo, hi in known):
            tolerated.append(d)
            continue
        fail("lunar: Snowball and %s disagree on %s: %d vs %d (year*100000 + month*1000 + leap*100 + day)" % (
            label, d.isoformat(), a, b))
    return tolerated


def lunar_benchmarks(side, build_dir, work_dir):
    rng = random.Random(SEED)
    lo, hi = FIRST_DAY.toordinal(), LAST_DAY.toordinal()
    dates = [datetime.date.fromordinal(rng.randint(lo, hi)) for _ in range(LUNAR_DATES)]
    dates_path = os.path.join(work_dir, "dates.txt")
    write_dates(dates_path, dates)
    # Also consecutive days (every day of 2020-2029), where lunar-javascript's cache of the last
    # lunar year it computed helps it: shown for information.
    first = datetime.date(2020, 1, 1).toordinal()
    days = [datetime.date.fromordinal(first + i) for i in range(datetime.date(2030, 1, 1).toordinal() - first)]
    days_path = os.path.join(work_dir, "days.txt")
    write_dates(days_path, days)
    say("lunar conversion: %d random dates between %s and %s, the same for every side; each side converts "
        "them pass after pass for at least %g s after a warm-up" % (LUNAR_DATES, FIRST_DAY, LAST_DAY, LUNAR_MIN_SECONDS))

    results = {}
    for name, path in (("random", dates_path), ("days", days_path)):
        out = os.path.join(work_dir, "snowball-%s.txt" % name)
        results[("snowball", name)] = (lunar_run([side, "lunar", path, str(LUNAR_MIN_SECONDS), out],
                                                 "snowball" if name == "random" else "snowball (consecutive days)"),
                                       read_codes(out))
    cache, why_not = node_peers(build_dir)
    if cache is None:
        say("skipped lunar_vs_lunarjs and lunar_vs_solarlunar: " + why_not)
        return []
    node = shutil.which("node")
    version = subprocess.run([node, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    for peer in ("lunarjs", "solarlunar"):
        for name, path in (("random", dates_path), ("days", days_path)):
            out = os.path.join(work_dir, "%s-%s.txt" % (peer, name))
            result = lunar_run([node, os.path.join(cache, "lunar_peer.cjs"), peer, path, str(LUNAR_MIN_SECONDS), out],
                               peer if name == "random" else peer + " (consecutive days)")
            results[(peer, name)] = (result, read_codes(out))
    say("Node %s, lunar-javascript %s, solarlunar %s" % (
        version, results[("lunarjs", "random")][0]["version"], results[("solarlunar", "random")][0]["version"]))

    for name, list_ in (("random", dates), ("days", days)):
        reference = results[("snowball", name)][1]
        compare_lunar(list_, reference, results[("lunarjs", name)][1], "lunar-javascript")
        tolerated = compare_lunar(list_, reference, results[("solarlunar", name)][1], "solarlunar", SOLARLUNAR_KNOWN)
        if name == "random":
            say("lunar: lunar-javascript gave the same lunar date as Snowball for all %d dates; solarlunar for all "
                "but %d, each on a day where its table is known to differ (1933-07-22..08-20, 2097-08-07..09-05)" % (
                    len(list_), len(tolerated)))
    rate = {key: float(value[0]["rate"]) for key, value in results.items()}
    say("lunar, consecutive days 2020-2029 (information): snowball %.0f/s, lunar-javascript %.0f/s (%.0fx), "
        "solarlunar %.0f/s (%.0fx)" % (
            rate[("snowball", "days")], rate[("lunarjs", "days")], rate[("snowball", "days")] / rate[("lunarjs", "days")],
            rate[("solarlunar", "days")], rate[("snowball", "days")] / rate[("solarlunar", "days")]))
    s = rate[("snowball", "random")]
    return [
        bench_line("lunar_vs_lunarjs", "%.0f" % s, "lunarjs", "%.0f" % rate[("lunarjs", "random")], "conversions/s",
                   s / rate[("lunarjs", "random")], 500),
        bench_line("lunar_vs_solarlunar", "%.0f" % s, "solarlunar", "%.0f" % rate[("solarlunar", "random")],
                   "conversions/s", s / rate[("solarlunar", "random")], 30),
    ]


# ---------------------------------------------------------------------------------------------
# The care agenda

def clear_tasks(db):
    """Forgets the stored care tasks, so that the next agenda generates its window afresh."""
    con = sqlite3.connect(db)
    try:
        for table in ("care_tasks", "care_task_members", "care_task_groups"):
            con.execute("DELETE FROM %s" % table)
        con.commit()
    finally:
        con.close()


def archive_counts(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        one = lambda sql: con.execute(sql).fetchone()[0]
        return {
            "customers": one("SELECT count(*) FROM customers"),
            "family": one("SELECT count(*) FROM family_members"),
            "owners": one("SELECT count(*) FROM customers WHERE stage = 'owner'"),
            "vip_owners": one("SELECT count(*) FROM customers WHERE stage = 'owner' AND tier = 'vip'"),
            "birthdays": one("SELECT count(*) FROM customers WHERE birth_calendar IS NOT NULL"),
            "lunar": one("SELECT count(*) FROM customers WHERE birth_calendar = 'lunar'"),
            "family_birthdays": one("SELECT count(*) FROM family_members WHERE birth_calendar IS NOT NULL"),
            "consultant": one("SELECT count(*) FROM customers WHERE consultant_id = %d" % int(CONSULTANT)),
            "bytes": os.path.getsize(db),
        }
    finally:
        con.close()


def build(side, db, first, count):
    result = run_side([side, "build", db, str(first), str(count), str(FAMILY_PER_CUSTOMER), str(OWNER_SHARE), str(SEED)])
    say("agenda archive: filed customers %d..%d (add_many, 10,000 per call) and %s deals (record_deal) in %.0f s; "
        "%s family members with plain SQL; %.0f s in all" % (
            first + 1, first + count, result["deals"], float(result["filing_seconds"]), result["family_members"],
            float(result["seconds"])))


def agenda(side, db, window_to, scope, calls, label, window_from=WINDOW_FROM):
    clear_tasks(db)
    result = run_side([side, "agenda", db, window_from, window_to, scope, str(calls)])
    kinds = ", ".join("%s %s" % (k[len("occasions_"):], v) for k, v in sorted(result.items()) if k.startswith("occasions_"))
    text = "agenda %-22s %s..%s: %7.3f s (CPU %.3f s), %s tasks (%s)" % (
        label, window_from, window_to, float(result["call1_seconds"]), float(result["call1_cpu_seconds"]),
        result["call1_tasks"], kinds)
    if calls > 1:
        if result["call2_tasks"] != result["call1_tasks"] or result["call2_digest"] != result["call1_digest"]:
            fail("the agenda's second call returned other tasks than its first (%s vs %s)" % (
                result["call2_tasks"], result["call1_tasks"]))
        text += "; called again (tasks stored): %.3f s" % float(result["call2_seconds"])
    say(text)
    if int(result["call1_tasks"]) == 0:
        fail("the agenda %s returned no task" % label)
    return float(result["call1_seconds"]), int(result["call1_tasks"]), float(result["call1_cpu_seconds"])


def agenda_benchmarks(side, work_dir):
    k = scale()
    customers = max(1000, int(CUSTOMERS * k))
    db = os.path.join(work_dir, "agenda.db")
    remove_db(db)
    if k != 1:
        say("SNOWBALL_BENCH_SCALE=%g: %d customers instead of %d; the agenda lines are not the recorded benchmark" % (
            k, customers, CUSTOMERS))
    build(side, db, 0, customers)
    c = archive_counts(db)
    say("agenda archive: %d customers (%d with a birthday, %d of them lunar), %d family members (%d with a "
        "birthday), %d owners (%d VIP), 6 consultants (consultant %s: %d customers), %.0f MB" % (
            c["customers"], c["birthdays"], c["lunar"], c["family"], c["family_birthdays"], c["owners"],
            c["vip_owners"], CONSULTANT, c["consultant"], c["bytes"] / 1e6))
    say("agenda: CareCalendar::agenda in a fresh process, the archive's stored tasks deleted first, so that "
        "each first call generates and stores its window's tasks and returns them; default festivals and policy")

    site_1m, tasks_1m, cpu_1m = agenda(side, db, WINDOW_TO, "site", 2, "site, 30 days")
    site_again, _, cpu_again = agenda(side, db, WINDOW_TO, "site", 1, "site, 30 days (again)")
    site_1m, cpu_1m = median([site_1m, site_again]), median([cpu_1m, cpu_again])
    consultant_1m, consultant_tasks, _ = agenda(side, db, WINDOW_TO, CONSULTANT, 2, "consultant %s, 30 days" % CONSULTANT)
    agenda(side, db, QUIET_TO, "site", 1, "site, 30 days, 1 festival", QUIET_FROM)
    window_x2, tasks_window_x2, cpu_window_x2 = agenda(side, db, WINDOW_TO_X2, "site", 1, "site, 60 days")

    build(side, db, customers, customers)
    c2 = archive_counts(db)
    say("agenda archive doubled: %d customers, %d family members, %d owners, %.0f MB" % (
        c2["customers"], c2["family"], c2["owners"], c2["bytes"] / 1e6))
    archive_x2, tasks_archive_x2, cpu_archive_x2 = agenda(side, db, WINDOW_TO, "site", 1, "site, 30 days, 2x archive")
    remove_db(db)

    say("agenda_1m: the median of 2 first calls, %.3f s (CPU %.3f s) for %d tasks (%.1f us per task); one "
        "consultant's agenda (%d tasks): %.3f s" % (
            site_1m, cpu_1m, tasks_1m, site_1m / tasks_1m * 1e6, consultant_tasks, consultant_1m))
    say("agenda growth, window x2 (60 days): wall time x%.2f, CPU time x%.2f, tasks x%.2f" % (
        window_x2 / site_1m, cpu_window_x2 / cpu_1m, tasks_window_x2 / tasks_1m))
    say("agenda growth, archive x2 (%d customers, %d family members, the same mix): wall time x%.2f, CPU time x%.2f, "
        "tasks x%.2f" % (c2["customers"], c2["family"], archive_x2 / site_1m, cpu_archive_x2 / cpu_1m,
                         tasks_archive_x2 / tasks_1m))
    say("agenda CPU time per task: %.1f us (30 days), %.1f us (60 days), %.1f us (2x archive)" % (
        cpu_1m / tasks_1m * 1e6, cpu_window_x2 / tasks_window_x2 * 1e6, cpu_archive_x2 / tasks_archive_x2 * 1e6))
    return [
        bench_line("agenda_1m", "%.3f" % site_1m, "target", "1", "s", 1.0 / site_1m, 1),
        bench_line("agenda_1m_consultant", "%.3f" % consultant_1m, "target", "1", "s", 1.0 / consultant_1m, 1),
    ]
