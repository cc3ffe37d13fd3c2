#!/usr/bin/env python3
"""The duplicates benchmark (docs/BENCHMARKS.md "Duplicates"): the duplicate candidates of a site of
1,000,000 customers with 2 % planted second records, Snowball against a hand-written SQL self-join,
with the precision and recall of the candidates against the planted pairs.

    run(build_dir, work_dir) -> list of BENCH lines        (for bench/run.py, `--only duplicates`)
    python3 bench/bench_duplicates.py --build build-bench [--customers 1000000]

  duplicates_vs_sql  Merges::duplicates for the site (every candidate, best first, with reasons and
                     score) vs bench/duplicates_sqlite_side.c computing the same candidates with one
                     SQL query (three self-joins, grouped by pair, scored, sorted) on the same file,
                     with the index its joins need created beforehand. Best of 3 runs each, in
                     milliseconds; target: Snowball at least as fast (ratio sql/snowball >= 1).
                     Both sides must return the same candidates, reasons and scores in the same
                     order (checked).

The archive is built by bench/duplicates_side.cpp (`build`): the real schema through the library,
the rows by direct SQL inserts; it writes the planted pairs (older record, newer record, kind) to a
file. Precision: the share of candidates that are planted pairs (people who share a name and a
phone tail or birthday by chance, and couples filed separately who list each other's phone, count
against it); recall: the share of planted pairs found. Standard library only.
"""
import os
import sys

from bench_support import bench_line, fail, remove_db, run_side, say, scale, standalone_main

SEED = 20261204
CUSTOMERS = 1000000
RUNS = 3
REASONS = {1: "family_phone", 2: "name_phone_tail", 4: "name_birthday"}


def read_truth(path):
    truth = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            older, newer, kind = line.split()
            truth[(int(older), int(newer))] = kind
    return truth


def read_candidates(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def account(side, lines, truth, min_score=0.0):
    """Precision and recall of one side's candidates (those scoring at least min_score)."""
    found = {}
    for line in lines:
        a, b, reasons, score = line.split()
        if float(score) >= min_score:
            found[(int(a), int(b))] = int(reasons)
    hits = sum(1 for pair in found if pair in truth)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth) if truth else 0.0
    say("duplicates: %s, candidates scoring >= %.1f: %d, %d of them planted pairs: precision %.4f, recall %.4f" % (
        side, min_score, len(found), hits, precision, recall))
    return found, precision, recall


def breakdown(found, truth):
    """Recall by planted kind, and the candidates that are not planted pairs by their reasons."""
    kinds = {}
    for pair, kind in truth.items():
        total, hit = kinds.get(kind, (0, 0))
        kinds[kind] = (total + 1, hit + (pair in found))
    say("duplicates: recall by planted kind: %s" % ", ".join(
        "%s %d/%d" % (kind, hit, total) for kind, (total, hit) in sorted(kinds.items())))
    false = {}
    for pair, reasons in found.items():
        if pair not in truth:
            key = "+".join(REASONS[bit] for bit in sorted(REASONS) if reasons & bit)
            false[key] = false.get(key, 0) + 1
    say("duplicates: candidates that are not planted pairs, by reasons: %s" % (
        ", ".join("%s %d" % item for item in sorted(false.items())) or "none"))


def run(build_dir, work_dir, customers=None):
    program = os.path.join(build_dir, "bench", "duplicates_side")
    peer = os.path.join(build_dir, "bench", "duplicates_sqlite_side")
    for p in (program, peer):
        if not os.access(p, os.X_OK):
            fail("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % p)
    customers = customers or max(1000, int(CUSTOMERS * scale()))
    os.makedirs(work_dir, exist_ok=True)
    db = os.path.join(work_dir, "duplicates.db")
    truth_path = os.path.join(work_dir, "planted.txt")
    remove_db(db)
    b = run_side([program, "build", db, str(customers), str(SEED), truth_path])
    say("duplicates archive: %s customers (%s phones, %s family members, %s couples filed separately), planted "
        "second records: %s name_phone_tail, %s name_birthday, %s family_phone; %.0f MB; built in %s s "
        "(setup, not timed)" % (
            b["customers"], b["phones"], b["family_members"], b["couples"], b["planted_name_phone_tail"],
            b["planted_name_birthday"], b["planted_family_phone"], os.path.getsize(db) / 1e6, b["seconds"]))
    index = run_side([peer, "index", db])
    say("duplicates: the SQL peer's index on customers (site, name, birthday) and ANALYZE: %s s (not timed)" % index["seconds"])
    outputs = {side: os.path.join(work_dir, "candidates-%s.txt" % side) for side in ("snowball", "sql")}
    snow = run_side([program, "find", db, outputs["snowball"], str(RUNS)])
    sql = run_side([peer, "find", db, outputs["sql"], str(RUNS)])
    for side, result in (("snowball", snow), ("sql", sql)):
        say("duplicates: %s runs %s ms: %s candidates" % (
            side, " ".join(result["run%d_ms" % (r + 1)] for r in range(RUNS)), result["candidates"]))
    lines = {side: read_candidates(path) for side, path in outputs.items()}
    if lines["snowball"] != lines["sql"]:
        first = next((i for i, (x, y) in enumerate(zip(lines["snowball"], lines["sql"])) if x != y),
                     min(len(lines["snowball"]), len(lines["sql"])))
        fail("the sides' candidates differ (snowball %d, sql %d; first at line %d: %r vs %r)" % (
            len(lines["snowball"]), len(lines["sql"]), first + 1,
            lines["snowball"][first] if first < len(lines["snowball"]) else None,
            lines["sql"][first] if first < len(lines["sql"]) else None))
    say("duplicates: both sides found the same %d candidates with the same reasons, scores and order" % len(lines["sql"]))
    truth = read_truth(truth_path)
    found, _, _ = account("snowball", lines["snowball"], truth)
    account("sql", lines["sql"], truth)
    account("snowball", lines["snowball"], truth, 0.8)
    breakdown(found, truth)
    remove_db(db)
    snowball_ms, sql_ms = float(snow["ms"]), float(sql["ms"])
    return [bench_line("duplicates_vs_sql", "%.1f" % snowball_ms, "sql", "%.1f" % sql_ms, "ms", sql_ms / snowball_ms, 1)]


def main():
    def add(parser):
        parser.add_argument("--customers", type=int, default=None)
    return standalone_main(__doc__, "snowball-bench-duplicates-", add, lambda args, work: run(args.build, work, args.customers))


if __name__ == "__main__":
    sys.exit(main())
