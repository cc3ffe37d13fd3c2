#!/usr/bin/env python3
"""The Python side of `make bench` (docs/BENCHMARKS.md): the same filing job as
bench/sqlite_side.c, with Python's standard sqlite3 module, written the fast way.

    python3 bench/python_side.py import <db> <schema.sql> <data.tsv> <batch>

Same schema as Snowball (extracted from src/archive/schema.cpp by run.py), same rows, same
settings (WAL, synchronous=NORMAL, foreign_keys=ON), one BEGIN IMMEDIATE ... COMMIT per <batch>
customers. Inside its write transaction the script knows the next customer id (it holds the write
lock), so it builds each batch's rows as tuples and writes them with executemany, one prepared
statement per table: the fastest correct use of the module. It computes the archive numbers
itself (the same numbers Snowball gives).

Prints "RESULT key=value" lines. Timed: the filing loop (first BEGIN to last COMMIT), not reading
the data file, not the schema, not closing.
"""
import random
import sqlite3
import sys
import time

SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"
CHANNEL_CODES = {"call": "C", "visit": "V", "lead": "L"}


def char_value(c):
    if "0" <= c <= "9":
        return ord(c) - 48
    if "A" <= c <= "Z":
        return ord(c) - 55
    return 36  # '-'


def prefix_sum(prefix):
    p = 0
    for c in prefix:
        p = ((p + char_value(c)) * 2) % 37
    return p


def load(data_path):
    site = None
    today = None
    consultants = []
    rows = []
    with open(data_path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            tag = fields[0]
            if tag == "#site":
                site = (fields[1], fields[2])
            elif tag == "#today":
                today = fields[1]
            elif tag == "#consultant":
                consultants.append((fields[1], fields[2]))
            elif not tag.startswith("#"):
                rows.append(tuple(fields))
    return site, today, consultants, rows


def now_utc():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def import_archive(db_path, schema_path, data_path, batch):
    (site_code, site_name), today, consultants, rows = load(data_path)
    with open(schema_path, encoding="utf-8") as f:
        schema = f.read()
    year = int(today[:4])

    con = sqlite3.connect(db_path, isolation_level=None, timeout=10.0)  # transactions by hand
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA synchronous = NORMAL")
    con.executescript("BEGIN IMMEDIATE;\n" + schema + "\nCOMMIT;")
    con.execute("BEGIN IMMEDIATE")
    now = now_utc()
    site_id = con.execute(
        "INSERT INTO sites(code, name, number_format, created_at) VALUES (?, ?, ?, ?)",
        (site_code, site_name, "{site}-{yyyy}{channel}-{seq:5}{check}", now),
    ).lastrowid
    consultant_ids = []
    for name, phone in consultants:
        uid = "%032x" % random.getrandbits(128)
        consultant_ids.append(
            con.execute(
                "INSERT INTO consultants(uid, site_id, name, phone, created_at) VALUES (?, ?, ?, ?, ?)",
                (uid, site_id, name, phone, now),
            ).lastrowid
        )
    con.execute("COMMIT")

    # One number sequence per channel: prefix, the check recurrence over the prefix, last number.
    sequences = {}
    for channel, code in CHANNEL_CODES.items():
        prefix = "%s-%04d%s-" % (site_code, year, code)
        sequences[channel] = [prefix, prefix_sum(prefix), 0, False]

    insert_customer = (
        "INSERT INTO customers(id, site_id, archive_no, channel, name, gender, mobile, consultant_id, tier, "
        "stage, first_contact, note, filed_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    insert_phone = "INSERT INTO customer_phones(phone, site_id, customer_id, kind) VALUES (?, ?, ?, ?)"
    insert_visit = "INSERT INTO visits(customer_id, visit_date, consultant_id, recorded_at) VALUES (?, ?, ?, ?)"
    symbols = SYMBOLS

    start = time.perf_counter()
    cpu_start = time.process_time()
    for first in range(0, len(rows), batch):
        con.execute("BEGIN IMMEDIATE")
        now = now_utc()
        next_id = con.execute("SELECT coalesce(max(id), 0) FROM customers").fetchone()[0] + 1
        customers, phones, visits = [], [], []
        for channel, name, gender, mobile, consultant, tier, other_kind, other_phone, note in rows[first:first + batch]:
            seq = sequences[channel]
            seq[2] += 1
            digits = "%05d" % seq[2]
            p = seq[1]
            for d in digits:
                p = ((p + ord(d) - 48) * 2) % 37
            archive_no = seq[0] + digits + symbols[(38 - p) % 37]
            consultant_id = consultant_ids[int(consultant) - 1] if consultant != "0" else None
            cid = next_id
            next_id += 1
            visited = channel == "visit"
            customers.append((cid, site_id, archive_no, channel, name, gender, mobile, consultant_id, tier,
                              "visitor" if visited else "prospect", today, note, now, now))
            phones.append((mobile, site_id, cid, "mobile"))
            if other_phone:
                phones.append((other_phone, site_id, cid, other_kind))
            if visited:
                visits.append((cid, today, consultant_id, now))
        con.executemany(insert_customer, customers)
        con.executemany(insert_phone, phones)
        if visits:
            con.executemany(insert_visit, visits)
        for seq in sequences.values():
            if seq[2] == 0:
                continue
            if seq[3]:
                con.execute("UPDATE number_sequences SET last_seq = ? WHERE scope = ?", (seq[2], seq[0] + "{seq}"))
            else:
                con.execute("INSERT INTO number_sequences(scope, site_id, last_seq) VALUES (?, ?, ?)",
                            (seq[0] + "{seq}", site_id, seq[2]))
                seq[3] = True
        con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    con.close()

    print("RESULT side=python_sqlite3")
    print("RESULT customers=%d" % len(rows))
    print("RESULT batch=%d" % batch)
    print("RESULT seconds=%.6f" % elapsed)
    print("RESULT rate=%.1f" % (len(rows) / elapsed))
    print("RESULT cpu_seconds=%.6f" % cpu)
    print("RESULT python_version=%s" % sys.version.split()[0])
    print("RESULT sqlite_version=%s" % sqlite3.sqlite_version)


def main(argv):
    if len(argv) == 6 and argv[1] == "import":
        import_archive(argv[2], argv[3], argv[4], int(argv[5]))
        return 0
    sys.stderr.write("usage: python_side.py import <db> <schema.sql> <data.tsv> <batch>\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
