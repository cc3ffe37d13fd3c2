"""The profile benchmarks of `make bench` (docs/BENCHMARKS.md "Profiles"), run by bench/run.py
(`--only profiles`).

  profile_write_vs_sqlite  10 profile fields set for each of 1,000,000 customers: Snowball's
                           Profiles::set_many (10,000 customers per call, one transaction each;
                           bench/profiles_side.cpp) vs a C program writing the same rows on raw SQLite
                           (bench/profiles_sqlite_side.c). Target >= 0.5x raw SQLite's rate.
  briefing_vs_sqlite       the visit briefing by phone on that archive, with family members, visits
                           and deals added: Briefings::by_phone vs the raw indexed lookups it needs,
                           in C. Target: at most 3x raw SQLite's latency (ratio >= 0.333).

Both write sides start from the same file: the archive is built once with Snowball (customers
through Customers::add_many, deals through record_deal) and copied for the raw side. Afterwards
the driver checks that both databases hold the same profile_values and profile_history rows
(timestamps aside), and that both briefing sides found the same customers, family members,
visits, deals and profile fields.

Standard library only. SNOWBALL_BENCH_SCALE (default 1) scales the number of customers, for
trying the driver out quickly; the recorded numbers are at scale 1.
"""
import os
import random
import shutil
import sqlite3

from bench_support import bench_line, fail, remove_db, run_side, say, scale

SEED = 20261127
CUSTOMERS = 1000000
BATCH = 10000              # customers per set_many call / per transaction
BY = 1                     # the consultant recorded as making the changes
FAMILY_PER_CUSTOMER = 1.0  # family members per customer on average (about 63 % have one or more)
VISIT_SHARE = 0.3          # customers with 1-4 visits besides a walk-in's first one
LOOKUPS = 20000
WARMUP = 2000




def run(build_dir, work_dir):
    snowball_side = os.path.join(build_dir, "bench", "profiles_side")
    sqlite_side = os.path.join(build_dir, "bench", "profiles_sqlite_side")
    for program in (snowball_side, sqlite_side):
        if not os.access(program, os.X_OK):
            fail("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % program)
    k = scale()
    customers = max(1000, int(CUSTOMERS * k))
    if k != 1:
        say("SNOWBALL_BENCH_SCALE=%g: %d customers instead of %d; not the recorded benchmark" % (k, customers, CUSTOMERS))

    snow_db = os.path.join(work_dir, "snowball.db")
    raw_db = os.path.join(work_dir, "sqlite.db")
    values = os.path.join(work_dir, "values.tsv")
    remove_db(snow_db)
    result = run_side([snowball_side, "build", snow_db, str(customers), str(SEED)])
    say("profiles: filed %s customers (Customers::add_many, 10,000 per call) and %s deals (record_deal) in %.0f s" % (
        result["customers"], result["deals"], float(result["seconds"])))
    for suffix in ("-wal", "-shm"):
        if os.path.exists(snow_db + suffix):
            fail("the archive was not closed cleanly (%s left)" % (snow_db + suffix))
    shutil.copyfile(snow_db, raw_db)
    run_side([snowball_side, "values", values, str(customers), str(SEED)])
    say("profiles: 10 values per customer: text (native_place, company, position), long text (current_residence), "
        "single choice (marital_status, sociability), multiple choice (favourite_cuisine, drinking, purchase_reason: "
        "stored as JSON arrays of option keys) and yes/no (cares_about_neighbours); %d customers per transaction "
        "(per set_many call), by consultant %d" % (BATCH, BY))

    rates = {}
    for side, program, db in (("sqlite", sqlite_side, raw_db), ("snowball", snowball_side, snow_db)):
        r = run_side([program, "write", db, values, str(BATCH), str(BY)])
        if int(r["customers"]) != customers:
            fail("%s set the profiles of %s customers, not %d" % (side, r["customers"], customers))
        rates[side] = float(r["rate"])
        say("profile write %-8s %7.2f s (CPU %7.2f s), %8.0f customers/s, %s values" % (
            side, float(r["seconds"]), float(r["cpu_seconds"]), rates[side], r.get("values", "?")))
    digests = {side: run_side([sqlite_side, "digest", db]) for side, db in (("sqlite", raw_db), ("snowball", snow_db))}
    if digests["sqlite"] != digests["snowball"]:
        fail("the profile rows differ (sqlite %s, snowball %s): not the same work" % (digests["sqlite"], digests["snowball"]))
    if int(digests["snowball"]["values"]) != customers * 10 or int(digests["snowball"]["history"]) != customers * 10:
        fail("expected %d profile values and history rows, found %s and %s" % (
            customers * 10, digests["snowball"]["values"], digests["snowball"]["history"]))
    say("profiles: both databases hold the same %s profile_values rows and %s profile_history rows (ids, customers, "
        "fields, values, old and new values, who; not the timestamps)" % (
            digests["snowball"]["values"], digests["snowball"]["history"]))
    remove_db(raw_db)
    os.remove(values)

    # The briefing: a realistic archive around those profiles.
    r = run_side([snowball_side, "populate", snow_db, str(FAMILY_PER_CUSTOMER), str(VISIT_SHARE), str(SEED)])
    say("briefing archive: added %s family members and %s visits with plain SQL in %.0f s" % (
        r["family_members"], r["visits"], float(r["seconds"])))
    con = sqlite3.connect("file:%s?mode=ro" % snow_db, uri=True)
    try:
        phones = [row[0] for row in con.execute("SELECT phone FROM customer_phones")]
        counts = [con.execute(sql).fetchone()[0] for sql in (
            "SELECT count(*) FROM customers", "SELECT count(*) FROM family_members", "SELECT count(*) FROM visits",
            "SELECT count(*) FROM deals", "SELECT count(*) FROM profile_values")]
    finally:
        con.close()
    rng = random.Random(SEED + 3)
    lookups = max(1000, int(LOOKUPS * min(1.0, k * 10)))
    phones_path = os.path.join(work_dir, "phones.txt")
    with open(phones_path, "w", encoding="ascii") as f:
        for _ in range(lookups):
            f.write(rng.choice(phones) + "\n")
    say("briefing archive: %d customers, %d family members, %d visits, %d deals, %d profile values, %.0f MB; "
        "%d random phones of %d looked up (mobiles and landlines), after %d as a warm-up" % (
            counts[0], counts[1], counts[2], counts[3], counts[4], os.path.getsize(snow_db) / 1e6, lookups, len(phones),
            WARMUP))
    del phones

    latency, found = {}, {}
    for side, program in (("sqlite", sqlite_side), ("snowball", snowball_side)):
        r = run_side([program, "brief", snow_db, phones_path, str(WARMUP)])
        latency[side] = float(r["mean_us"])
        found[side] = (r["found"], r["family"], r["digest"])
        say("briefing %-8s mean %.2f us (CPU %.2f us), p50 %.2f us, p99 %.2f us, %s of %s found, %s family members" % (
            side, latency[side], float(r["cpu_seconds"]) / lookups * 1e6, float(r["p50_us"]), float(r["p99_us"]),
            r["found"], r["lookups"], r["family"]))
    if found["snowball"] != found["sqlite"]:
        fail("the briefings disagree: snowball %s, sqlite %s" % (found["snowball"], found["sqlite"]))
    if found["snowball"][0] != str(lookups):
        fail("not every phone was found")
    say("briefing: both sides found the same customer, other phones, consultant, family members, last visits, "
        "visit count, deals and briefing fields for all %d phones" % lookups)
    remove_db(snow_db)

    return [
        bench_line("profile_write_vs_sqlite", "%.0f" % rates["snowball"], "sqlite", "%.0f" % rates["sqlite"],
                   "customers/s", rates["snowball"] / rates["sqlite"], 0.5),
        bench_line("briefing_vs_sqlite", "%.2f" % latency["snowball"], "sqlite", "%.2f" % latency["sqlite"], "us",
                   latency["sqlite"] / latency["snowball"], 0.333),
    ]
