"""What the benchmark's driver (run.py), its parts (bench_*.py) and the scaling part (scaling.py)
share: the generated data set, running a side program and reading its RESULT lines, the BENCH line,
the results file. Standard library only."""
import argparse
import datetime
import hashlib
import os
import platform
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCHEMA_SOURCE = os.path.join(ROOT, "src", "archive", "schema.cpp")

SITE_CODE = "XH"  # the lookup programs look up at this site
SITE_NAME = "西湖印象售楼处"
CONSULTANTS = [
    ("王芳", "13957100001"), ("李娜", "13957100002"), ("张磊", "13957100003"),
    ("刘洋", "13957100004"), ("陈静", "13957100005"), ("杨帆", "13957100006"),
]

# Common surnames, roughly by frequency (the first ones weigh more), a few compound ones.
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
                "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
SURNAMES += ["欧阳", "司马", "上官", "诸葛"]
SURNAME_WEIGHTS = [max(1.0, 100.0 / (i + 1) ** 0.8) for i in range(len(SURNAMES) - 4)] + [0.3] * 4
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉玉红志鹏飞宇浩然子涵梓轩欣怡雨萱晨思博嘉琪"
         "佳慧俊婷雪梅海燕春晓东亮斌宁帅凯丹阳鑫淑珍琳颖磊倩云峰波蕾瑶璐一诺沐睿泽昊天宏毅立新振家乐安")
NOTES = ["关心学区", "想要三室两厅", "预算300万以内", "车展留资", "老客户推荐，想看样板间", "改善型，已有一套",
         "首付五成，公积金贷款", "为父母购房，要低楼层", "关注地铁口距离", "周末带家人来看"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150",
                   "151", "152", "153", "155", "156", "157", "158", "159", "166", "171", "173", "175", "176",
                   "177", "178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191",
                   "193", "195", "196", "197", "198", "199"]


def say(message):
    """One line of the benchmark's account."""
    print("bench: " + message)
    sys.stdout.flush()


def fail(message):
    sys.stderr.write("bench: " + message + "\n")
    sys.exit(1)


def china_today():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date().isoformat()


def extract_schema(path):
    """The DDL Snowball applies, every migration in order, as the library writes it."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    blocks = re.findall(r'R"sql\((.*?)\)sql"', source, re.S)
    if not blocks:
        fail("no schema found in " + path)
    return "\n".join(blocks)


def generate(count, seed, today, data_path):
    """Writes the customers to data_path (TSV); returns the list of every phone filed."""
    rng = random.Random(seed)
    mobiles = set()
    landlines = set()
    phones = []
    surname_cum = []
    total = 0.0
    for w in SURNAME_WEIGHTS:
        total += w
        surname_cum.append(total)
    with open(data_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("#snowball-bench-data\t1\n")
        out.write("#site\t%s\t%s\n" % (SITE_CODE, SITE_NAME))
        out.write("#today\t%s\n" % today)
        for name, phone in CONSULTANTS:
            out.write("#consultant\t%s\t%s\n" % (name, phone))
        out.write("#channel\tname\tgender\tmobile\tconsultant\ttier\tother_kind\tother_phone\tnote\n")
        choices = rng.choices
        for _ in range(count):
            surname = choices(SURNAMES, cum_weights=surname_cum)[0]
            given = "".join(choices(GIVEN, k=1 if rng.random() < 0.3 else 2))
            r = rng.random()
            channel = "call" if r < 0.35 else ("visit" if r < 0.60 else "lead")
            r = rng.random()
            gender = "male" if r < 0.45 else ("female" if r < 0.90 else "unknown")
            while True:
                mobile = rng.choice(MOBILE_PREFIXES) + "%08d" % rng.randrange(100000000)
                if mobile not in mobiles:
                    break
            mobiles.add(mobile)
            phones.append(mobile)
            consultant = 0 if (channel == "lead" and rng.random() < 0.3) else rng.randint(1, len(CONSULTANTS))
            tier = "vip" if rng.random() < 0.03 else "ordinary"
            other_kind = other_phone = ""
            if rng.random() < 0.12:
                while True:
                    other_phone = "0571%08d" % rng.randrange(80000000, 90000000)
                    if other_phone not in landlines:
                        break
                landlines.add(other_phone)
                phones.append(other_phone)
                other_kind = "home" if rng.random() < 0.5 else "office"
            note = rng.choice(NOTES) if rng.random() < 0.15 else ""
            out.write("\t".join((channel, surname + given, gender, mobile, str(consultant), tier,
                                 other_kind, other_phone, note)) + "\n")
    return phones


def run_side(command, env=None):
    """Runs one side (in `env`, default this process's environment); returns its RESULT values."""
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    if proc.returncode != 0:
        fail("%s failed (exit %d):\n%s%s" % (" ".join(command), proc.returncode, proc.stdout, proc.stderr))
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            key, _, value = line[7:].partition("=")
            results[key] = value
    return results


def run_standalone(prefix, parent, keep, produce):
    """A module run on its own: prints the lines produce(work) yields, `work` a new temporary
    directory under `parent` (removed unless `keep`); returns the exit status."""
    work = tempfile.mkdtemp(prefix=prefix, dir=parent)
    try:
        for line in produce(work):
            print(line)
        return 0
    except RuntimeError as e:
        sys.stderr.write("bench: %s\n" % e)
        return 1
    finally:
        if keep:
            print("bench: kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)


def standalone_main(doc, prefix, add_arguments, produce):
    """A module's own command line: --build, the module's options (add_arguments(parser)), --dir and
    --keep; runs produce(args, work) as run_standalone does and returns the exit status."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--build", required=True, help="the CMake build directory with bench/ built")
    add_arguments(parser)
    parser.add_argument("--dir", default=None, help="where the temporary files go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    return run_standalone(prefix, args.dir, args.keep, lambda work: produce(args, work))


# SNOWBALL_BENCH_SCALE (default 1) scales the modules' archives, for trying a driver out quickly.
def scale():
    try:
        value = float(os.environ.get("SNOWBALL_BENCH_SCALE", "1"))
    except ValueError:
        fail("SNOWBALL_BENCH_SCALE must be a number")
    if value <= 0:
        fail("SNOWBALL_BENCH_SCALE must be positive")
    return value


# Every BENCH line this run printed, with the load average when it was printed (for --results).
RECORDED = []


def emit(line):
    """Prints one line of the run; a BENCH line is also kept for the results file."""
    print(line)
    sys.stdout.flush()
    if line.startswith("BENCH "):
        RECORDED.append((line, os.getloadavg()))


def parse_bench_line(line):
    """A BENCH line as a dict: name, snowball, peer, peer_value, unit, ratio, target, met."""
    words = line.split()
    entry = {"name": words[1]}
    pairs = [w.partition("=") for w in words[2:]]
    entry["snowball"] = pairs[0][2]
    entry["peer"], entry["peer_value"] = pairs[1][0], pairs[1][2]
    for key, _, value in pairs[2:]:
        entry[key] = value   # unit, ratio, target, met (a later target= wins, as it is the ratio's)
    entry["ratio"], entry["target"] = float(entry["ratio"]), float(entry["target"])
    entry["met"] = entry["met"] == "yes"
    return entry


def source_commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True).stdout.strip() or "?"
    except OSError:
        return "?"


def save_results(path, comparisons=(), scaling=()):
    """Merges this run's comparisons and scaling points into the results file (JSON), each dated,
    with the machine's load average and the source's commit; an earlier value of the same name (or
    area and size) is replaced."""
    import json

    try:
        with open(path, encoding="utf-8") as f:
            results = json.load(f)
    except (OSError, ValueError):
        results = {}
    results.setdefault("comparisons", {})
    results.setdefault("scaling", {})
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    common = {"recorded": stamp, "commit": source_commit(), "machine": machine_description()}
    for line, load in comparisons:
        entry = parse_bench_line(line)
        entry.update(common, load=[round(x, 2) for x in load])
        results["comparisons"][entry.pop("name")] = entry
    for point in scaling:
        entry = dict(point, **common)
        results["scaling"].setdefault(entry.pop("area"), {})[str(entry.pop("customers"))] = entry
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    say("results written to %s" % path)


# One comparison's line: ratio > 1 means Snowball is better.
def bench_line(name, value, peer, peer_value, unit, ratio, target):
    return "BENCH %s snowball=%s %s=%s unit=%s ratio=%.3f target=%g met=%s" % (
        name, value, peer, peer_value, unit, ratio, target, "yes" if ratio >= target else "no")


def remove_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


# The rows every side must have written the same (ids included; not the timestamps and consultant
# uids, which differ by nature).
DIGEST_QUERIES = [
    "SELECT code, name, number_format FROM sites ORDER BY id",
    "SELECT id, site_id, name, phone, active FROM consultants ORDER BY id",
    "SELECT id, site_id, archive_no, channel, name, gender, mobile, consultant_id, tier, stage, first_contact, "
    "note, deleted_at FROM customers ORDER BY id",
    "SELECT phone, site_id, customer_id, kind FROM customer_phones ORDER BY phone, site_id",
    "SELECT id, customer_id, visit_date, consultant_id, note FROM visits ORDER BY id",
    "SELECT scope, site_id, last_seq FROM number_sequences ORDER BY scope",
]


def table_digest(path):
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        h = hashlib.sha256()
        counts = []
        for query in DIGEST_QUERIES:
            n = 0
            for row in con.execute(query):
                h.update(repr(row).encode("utf-8"))
                n += 1
            h.update(b"\0")
            counts.append(n)
        return h.hexdigest(), counts
    finally:
        con.close()


def median(values):
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def machine_description():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d cores, %s %s" % (cpu, os.cpu_count() or 0, platform.system(), platform.release())
