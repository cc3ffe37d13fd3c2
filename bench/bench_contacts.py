#!/usr/bin/env python3
"""The contact-log benchmarks (docs/BENCHMARKS.md "Contacts"): the contact log and follow-up of
1,000,000 customers with 10,000,000 contacts, Snowball against raw SQLite and hand-written SQL.

    run(build_dir, work_dir) -> list of BENCH lines        (for bench/run.py, `--only contacts`)
    python3 bench/bench_contacts.py --build build-bench [--contacts 10000000] [--customers 1000000]
                                    [--logs 20000] [--runs 3] [--dir /tmp] [--keep]

  contact_log_vs_sqlite  logging contacts one at a time (one transaction each, as a consultant's
                         screen does): Contacts::log on a handle acting as the consultant vs a C
                         program writing the same rows — the contact and the upsert of the
                         customer's follow-up — on a copy of the same archive (bench/contacts_sqlite_side.c).
                         Both at synchronous=NORMAL. Target >= 0.5x raw SQLite's rate.
  not_contacted_vs_sql   the site's owners not contacted in 90 days (the first 1,000 and the total):
                         Contacts::not_contacted vs a hand-written query. Target >= 0.8x.
  due_list_vs_sql        a consultant's list of the day (contacts due, the day's and the overdue care
                         tasks, do-not-contact objections left out): Contacts::due vs one hand-written
                         query. Target >= 0.8x.
  care_report_vs_sql     the monthly care report of a year: Contacts::care_report vs hand-written SQL
                         computing the same numbers. Target >= 0.8x.

The archive is built once (bench/contacts_side.cpp build: the real schema through Archive::open,
the rows by plain SQL) and read by both sides of each read comparison, which run alternately in
one fresh process and must agree (the same ids and total, the same list, every number of every
consultant's month); then it is copied for the raw side of the writes, and the two files must hold
the same new rows afterwards. Sizes: --contacts / --customers (or SNOWBALL_BENCH_CONTACTS,
SNOWBALL_BENCH_CONTACT_CUSTOMERS, or SNOWBALL_BENCH_SCALE); with only --contacts given there are a
tenth as many customers.

Standard library only.
"""
import argparse
import os
import shutil
import sys

from bench_support import bench_line, fail, remove_db, run_side, run_standalone, say, scale

SEED = 20261203
CUSTOMERS = 1000000
CONTACTS = 10000000
LOGS = 20000
CONSULTANT = 2     # 王芳: the archive's first consultant (the manager is 1)
RUNS = 3           # runs of each read side; the best is reported
REPORT_RUNS = 1    # the report: one run of each side (its SQL side alone takes about 2 minutes)


def sizes(customers, contacts, logs):
    k = scale()
    env_contacts = os.environ.get("SNOWBALL_BENCH_CONTACTS")
    env_customers = os.environ.get("SNOWBALL_BENCH_CONTACT_CUSTOMERS")
    contacts = contacts or (int(env_contacts) if env_contacts else max(10000, int(CONTACTS * k)))
    if not customers:
        if env_customers:
            customers = int(env_customers)
        elif contacts != CONTACTS or k != 1:
            customers = max(1000, contacts // 10)
        else:
            customers = CUSTOMERS
    logs = logs or min(LOGS, max(1000, contacts // 50))
    return customers, contacts, logs


def run(build_dir, work_dir, customers=None, contacts=None, logs=None, runs=RUNS):
    program = os.path.join(build_dir, "bench", "contacts_side")
    peer = os.path.join(build_dir, "bench", "contacts_sqlite_side")
    for p in (program, peer):
        if not os.access(p, os.X_OK):
            fail("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % p)
    customers, contacts, logs = sizes(customers, contacts, logs)
    if (customers, contacts) != (CUSTOMERS, CONTACTS):
        say("contacts: %d customers and %d contacts instead of %d and %d; not the recorded benchmark" % (
            customers, contacts, CUSTOMERS, CONTACTS))
    os.makedirs(work_dir, exist_ok=True)
    db = os.path.join(work_dir, "contacts.db")
    raw_db = os.path.join(work_dir, "contacts-sqlite.db")
    remove_db(db)
    remove_db(raw_db)

    b = run_side([program, "build", db, str(customers), str(contacts), str(SEED)])
    say("contacts archive: %s customers (%s owners), %s consultants, %s contacts 2024-12-01 .. 2026-11-29, %s follow-up "
        "rows, %s care tasks of 2026 (%s open before 2026-11-30), %s do-not-contact objections; %.0f MB; built by plain "
        "SQL in %s s (customers %s s, contacts %s s, their indexes %s s, follow-ups %s s, tasks %s s), the agenda of "
        "2026-11-30 generated through the API (%s tasks, %s s) (setup, not timed)" % (
            b["customers"], b["owners"], b["consultants"], b["contacts"], b["followups"], b["care_tasks"],
            b["open_overdue_tasks"], b["objections"], os.path.getsize(db) / 1e6, b["seconds"], b["customers_seconds"],
            b["contacts_seconds"], b["index_seconds"], b["followups_seconds"], b["tasks_seconds"], b["agenda_tasks"],
            b["agenda_seconds"]))

    lines = []
    r = run_side([program, "not_contacted", db, str(runs)])
    say("not contacted: owners of XH not contacted in the 90 days to 2026-11-30: %s, the first %s listed (%s never "
        "contacted), the same ids and total on both sides; Contacts::not_contacted runs %s s, the SQL %s s" % (
            r["total"], r["listed"], r["never_contacted_listed"], r["snowball_runs"], r["sql_runs"]))
    lines.append(read_line("not_contacted_vs_sql", r))

    r = run_side([program, "due", db, str(runs), str(CONSULTANT)])
    say("due list of consultant %d for 2026-11-30: %s items for %s customers — %s contacts (%s planned, the rest by "
        "the policy), %s care tasks; %s overdue, %s due that day — the same items in the same order on both sides; "
        "Contacts::due runs %s s (the two care-calendar calls it makes, alone: the day's agenda %.3f s, the open "
        "tasks before the day %.3f s), the SQL %s s" % (
            CONSULTANT, r["items"], r["customers"], r["contacts"], r["planned"], r["care_tasks"], r["overdue"],
            r["due_today"], r["snowball_runs"], float(r["agenda_seconds"]), float(r["overdue_seconds"]), r["sql_runs"]))
    lines.append(read_line("due_list_vs_sql", r))

    r = run_side([program, "report", db, str(min(runs, REPORT_RUNS))])
    say("care report of XH for 2026 by month (as of 2026-11-30): %s rows, %s consultant-months compared, every number "
        "equal: %s care tasks due (%s on time, %s late, %s skipped, %s overdue), %s contacts (%s reached, %s customers "
        "contacted per consultant and month), %s grade moves; at the end of November %s prospects and visitors without "
        "a next contact, %s owners not contacted in 90 days. Contacts::care_report runs %s s, the SQL %s s" % (
            r["rows"], r["compared_rows"], r["tasks_due"], r["done_on_time"], r["done_late"], r["skipped"], r["overdue"],
            r["contacts"], r["reached"], r["customers_contacted"], r["grade_moves"], r["prospects_without_next_nov"],
            r["owners_not_contacted_90_nov"], r["snowball_runs"], r["sql_runs"]))
    lines.append(read_line("care_report_vs_sql", r))

    # The writes: the same contacts logged into the archive and into a copy of it.
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db + suffix) and os.path.getsize(db + suffix) > 0 and suffix == "-wal":
            fail("the archive was not closed cleanly (%s left)" % (db + suffix))
    shutil.copyfile(db, raw_db)
    sample_path = os.path.join(work_dir, "sample.tsv")
    s = run_side([program, "sample", db, sample_path, str(logs), str(CONSULTANT), str(SEED)])
    rates = {}
    first = {}
    for side, command in (("sqlite", [peer, "log", raw_db, sample_path, str(CONSULTANT)]),
                          ("snowball", [program, "log", db, sample_path, str(CONSULTANT)])):
        w = run_side(command)
        if int(w["logged"]) != logs:
            fail("%s logged %s contacts, not %d" % (side, w["logged"], logs))
        rates[side] = float(w["rate"])
        first[side] = w["first_id"]
        say("contact log %-8s %7.2f s (CPU %6.2f s), %7.0f contacts/s" % (
            side, float(w["seconds"]), float(w["cpu_seconds"]), rates[side]))
    if first["sqlite"] != first["snowball"]:
        fail("the sides' first new ids differ (%s, %s)" % (first["sqlite"], first["snowball"]))
    digests = {side: run_side([peer, "digest", path, first[side]]) for side, path in (("sqlite", raw_db), ("snowball", db))}
    if digests["sqlite"] != digests["snowball"]:
        fail("the logged rows differ (sqlite %s, snowball %s): not the same work" % (digests["sqlite"], digests["snowball"]))
    say("contact log: %d contacts of consultant %d's %s customers on 2026-11-30, one transaction each, on an archive "
        "of %s contacts; both files hold the same %s new contact rows and %s follow-up rows (every column but the "
        "time of recording)" % (logs, CONSULTANT, s["customers_of_consultant"], b["contacts"], digests["snowball"]["contacts"],
                                digests["snowball"]["followups"]))
    remove_db(raw_db)
    remove_db(db)
    lines.insert(0, bench_line("contact_log_vs_sqlite", "%.0f" % rates["snowball"], "sqlite", "%.0f" % rates["sqlite"],
                               "contacts/s", rates["snowball"] / rates["sqlite"], 0.5))
    return lines


def read_line(name, r):
    ours, theirs = float(r["snowball_seconds"]), float(r["sql_seconds"])
    return bench_line(name, "%.3f" % ours, "sql", "%.3f" % theirs, "s", theirs / ours, 0.8)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True, help="the CMake build directory with bench/ built")
    parser.add_argument("--contacts", type=int, default=None, help="contacts in the log (default 10,000,000)")
    parser.add_argument("--customers", type=int, default=None,
                        help="customers (default 1,000,000; a tenth of --contacts when only that is given)")
    parser.add_argument("--logs", type=int, default=None, help="contacts logged by each side (default 20,000)")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of each read side; the best is reported")
    parser.add_argument("--dir", default=None, help="where the temporary files go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    return run_standalone("snowball-contacts-", args.dir, args.keep,
                          lambda work: run(args.build, work, args.customers, args.contacts, args.logs, args.runs))


if __name__ == "__main__":
    sys.exit(main())
