#!/usr/bin/env python3
"""The outreach benchmark (docs/BENCHMARKS.md "Outreach"): a festival SMS to every owner of a
1,000,000-customer archive (300,000 owners), Snowball against raw SQLite recording the same deliveries.

    run(build_dir, work_dir) -> list of BENCH lines        (for bench/run.py, `--only outreach`)
    python3 bench/bench_outreach.py --build build-bench [--customers 1000000] [--dir /tmp] [--keep]

  outreach_vs_sqlite         one send of the item: Outreach::send to the owners of XH by SMS, the
                             text rendered per owner ({salutation}, {festival}, {site}), each
                             delivery recorded, handed to a sender that only returns an id, and
                             logged as a contact — vs a C program doing the same selects and
                             inserts on a copy of the archive (bench/outreach_sqlite_side.c), in
                             batches of 5,000 owners, two transactions each (claim, then record).
                             Both at synchronous=NORMAL. Target >= 0.5x raw SQLite's rate.
  outreach_resend_vs_sqlite  the same send again with the same key on each side: nothing is sent
                             (the sender is not called) and nothing new is recorded (the same row
                             counts and digests afterwards) — a check that fails the benchmark —
                             and its rate against the peer's own second run.

The archive is built once (bench/outreach_side.cpp build: the real schema, the customers and the
owners' deals through the API, bench/synthetic_archive.hpp) and copied for the raw side; after the
sends both files must hold the same deliveries (customer, channel, status, text, ...), the same new
contacts and follow-up rows. Size: --customers (or SNOWBALL_BENCH_OUTREACH_CUSTOMERS, or
SNOWBALL_BENCH_SCALE); 30 % of the customers are owners. Both sides run with glibc's heap trim
threshold at 64 MiB (SIDE_ENV says why).

Standard library only.
"""
import os
import shutil
import sys

from bench_support import bench_line, fail, remove_db, run_side, say, scale, standalone_main

SEED = 20261205
CUSTOMERS = 1000000
KEY = "spring-festival-2027"
FESTIVAL = "春节"
TEXT = "{salutation}您好，{festival}将至，{site}全体同仁祝您和家人节日快乐、阖家幸福！"
AT = "2027-02-05T10:00"   # China time, the day before 除夕: daytime, outside any quiet hours
# Both sides' processes keep freed heap memory up to 64 MiB instead of handing it back at once.
# Without it glibc shrinks and regrows the C peer's heap around the small temporary b-tree SQLite
# builds for "status IN ('sent', 'delivered', 'read')" in every weekly-cap count — about 1.4 brk
# calls per recipient, which made the peer 8-10 times slower than the same SQL otherwise runs.
SIDE_ENV = dict(os.environ, MALLOC_TRIM_THRESHOLD_=str(64 << 20))


def sizes(customers):
    env = os.environ.get("SNOWBALL_BENCH_OUTREACH_CUSTOMERS")
    return customers or (int(env) if env else max(1000, int(CUSTOMERS * scale())))


def run(build_dir, work_dir, customers=None):
    program = os.path.join(build_dir, "bench", "outreach_side")
    peer = os.path.join(build_dir, "bench", "outreach_sqlite_side")
    for p in (program, peer):
        if not os.access(p, os.X_OK):
            fail("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % p)
    customers = sizes(customers)
    if customers != CUSTOMERS:
        say("outreach: %d customers instead of %d; not the recorded benchmark" % (customers, CUSTOMERS))
    os.makedirs(work_dir, exist_ok=True)
    db = os.path.join(work_dir, "outreach.db")
    raw_db = os.path.join(work_dir, "outreach-sqlite.db")
    remove_db(db)
    remove_db(raw_db)

    b = run_side([program, "build", db, str(customers), str(SEED)])
    say("outreach archive: %s customers, %s owners (%s deals), %s do-not-contact objections; %.0f MB; built through the "
        "API in %s s (filing %s s) (setup, not timed)" % (
            b["customers"], b["owners"], b["deals"], b["objections"], os.path.getsize(db) / 1e6, b["seconds"],
            b["filing_seconds"]))
    if os.path.exists(db + "-wal") and os.path.getsize(db + "-wal") > 0:
        fail("the archive was not closed cleanly (%s left)" % (db + "-wal"))
    shutil.copyfile(db, raw_db)

    send = {"sqlite": [peer, "send", raw_db, KEY, TEXT, FESTIVAL, AT],
            "snowball": [program, "send", db, KEY, TEXT, FESTIVAL, AT]}
    paths = {"sqlite": raw_db, "snowball": db}
    first, rates = {}, {}
    for side in ("sqlite", "snowball"):
        r = first[side] = run_side(send[side], SIDE_ENV)
        if int(r["recipients"]) != int(b["owners"]):
            fail("%s sent to %s recipients, not the %s owners" % (side, r["recipients"], b["owners"]))
        if int(r["sender_calls"]) != int(r["sent"]):
            fail("%s: %s sender calls for %s messages sent" % (side, r["sender_calls"], r["sent"]))
        rates[side] = float(r["rate"])
        say("outreach send %-8s %7.2f s (CPU %6.2f s), %8.0f deliveries/s: %s sent, %s skipped (%s)" % (
            side, float(r["seconds"]), float(r["cpu_seconds"]), rates[side], r["sent"], r["skipped"], reasons(r)))
    if (first["sqlite"]["sent"], first["sqlite"]["skipped"]) != (first["snowball"]["sent"], first["snowball"]["skipped"]):
        fail("the sides sent %s/%s and skipped %s/%s: not the same work" % (
            first["sqlite"]["sent"], first["snowball"]["sent"], first["sqlite"]["skipped"], first["snowball"]["skipped"]))
    digests = {side: run_side([peer, "digest", path]) for side, path in paths.items()}
    if digests["sqlite"] != digests["snowball"]:
        fail("the recorded rows differ (sqlite %s, snowball %s): not the same work" % (digests["sqlite"], digests["snowball"]))
    d = digests["snowball"]
    say("outreach: both files hold the same %s deliveries (customer, channel, status, reason, text, segments, attempts, "
        "message id, contact), the same %s new contacts and %s follow-up rows (every column but the times)" % (
            d["deliveries"], d["contacts"], d["followups"]))

    # The same item again: nothing sent, nothing new recorded, on either side.
    again, resend = {}, {}
    for side in ("sqlite", "snowball"):
        r = again[side] = run_side(send[side], SIDE_ENV)
        after = run_side([peer, "digest", paths[side]])
        if int(r["sent"]) != 0 or int(r["sender_calls"]) != 0:
            fail("%s: the second send sent %s messages (%s sender calls)" % (side, r["sent"], r["sender_calls"]))
        if after != digests[side]:
            fail("%s: the second send changed the recorded rows (%s, before %s)" % (side, after, digests[side]))
        resend[side] = float(r["rate"])
        say("outreach resend %-8s %7.2f s (CPU %6.2f s), %8.0f recipients/s: %s skipped (%s), 0 sender calls" % (
            side, float(r["seconds"]), float(r["cpu_seconds"]), resend[side], r["skipped"], reasons(r)))
    say("check: the second send of %s sent nothing (the sender was not called) and recorded nothing new "
        "(%s deliveries, %s contacts, the same digests) on both sides: yes" % (KEY, d["deliveries"], d["all_contacts"]))
    remove_db(raw_db)
    remove_db(db)
    return [bench_line("outreach_vs_sqlite", "%.0f" % rates["snowball"], "sqlite", "%.0f" % rates["sqlite"],
                       "deliveries/s", rates["snowball"] / rates["sqlite"], 0.5),
            bench_line("outreach_resend_vs_sqlite", "%.0f" % resend["snowball"], "sqlite", "%.0f" % resend["sqlite"],
                       "recipients/s", resend["snowball"] / resend["sqlite"], 0.5)]


def reasons(r):
    found = ["%s %s" % (k[len("reason_"):], v) for k, v in sorted(r.items()) if k.startswith("reason_")]
    return ", ".join(found) or "none"


def main():
    return standalone_main(__doc__, "snowball-outreach-", lambda parser: parser.add_argument(
        "--customers", type=int, default=None, help="customers (default 1,000,000; 30 %% owners)"),
        lambda args, work: run(args.build, work, args.customers))


if __name__ == "__main__":
    sys.exit(main())
