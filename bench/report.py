#!/usr/bin/env python3
"""The benchmark report (docs/BENCHMARKS.md): the results table and the plots, from the results
file bench/run.py keeps.

    python3 bench/report.py [--results docs/bench/results.json] [--doc docs/BENCHMARKS.md] [--plots docs/bench]

Writes, between the marker comments of the document (the prose around them is left as it is):
  - every side-by-side comparison: Snowball's value, the peer's, the ratio against its target, met
    or not, when it was recorded, the load average then and the source's commit;
  - the scaling points: each area's time (or latency) and peak memory at each archive size;
and the plots, with matplotlib (Debian's python3-matplotlib; when the Python running this lacks
it, the script runs itself again with /usr/bin/python3):
  - ratios.png             every comparison's ratio against its target (log scale; > 1 is Snowball ahead);
  - scaling_<area>.png     the area's time and peak memory against the number of customers.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BEGIN, END = "<!-- results:begin (bench/report.py writes this part) -->", "<!-- results:end -->"

# The areas as the scaling part names them, in order, with their titles.
AREAS = [
    ("import", "Filing (Customers::add_many)"),
    ("lookup", "Phone lookup (Customers::by_phone)"),
    ("profiles", "Profile writes (10 fields per customer)"),
    ("agenda", "Care agenda (a site's 30 days)"),
    ("surveys", "Survey statistics"),
    ("graph", "Referral graph analytics"),
    ("contacts", "Contact log (one transaction each)"),
    ("outreach", "Festival outreach (every owner)"),
]


def number(text):
    """A value as the table shows it: thousands separated, at most 3 decimals."""
    try:
        v = float(text)
    except (TypeError, ValueError):
        return str(text)
    if v == int(v):
        return "{:,}".format(int(v))
    if v >= 1000:
        return "{:,.0f}".format(v)
    if v >= 100:
        return "%.1f" % v
    return ("%.3f" % v).rstrip("0").rstrip(".") if v else "0"


def load_text(load):
    return " / ".join("%.2f" % x for x in load) if load else "not recorded"


def table(results):
    lines = []
    comparisons = results.get("comparisons", {})
    if comparisons:
        lines += [
            "### Side by side (the latest value of each comparison)",
            "",
            "| Comparison | Snowball | Peer | Unit | Ratio | Target | Met | Recorded | Load (1/5/15 min) | Source |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name in sorted(comparisons):
            c = comparisons[name]
            lines.append("| `%s` | %s | %s %s | %s | %s | %s | %s | %s | %s | `%s` |" % (
                name, number(c["snowball"]), c["peer"], number(c["peer_value"]), c["unit"], number(c["ratio"]),
                number(c["target"]), "yes" if c["met"] else "**no**", c["recorded"], load_text(c.get("load")),
                c.get("commit", "?")))
        lines.append("")
    scaling = results.get("scaling", {})
    if scaling:
        sizes = sorted({int(n) for points in scaling.values() for n in points})
        lines += [
            "### Scaling (Snowball alone; time or latency, then the timed process's peak memory)",
            "",
            "| Area | Measures | Unit | " + " | ".join("{:,}".format(n) for n in sizes) + " |",
            "|---|---|---|" + "---|" * len(sizes),
        ]
        for area, title in AREAS:
            points = scaling.get(area)
            if not points:
                continue
            first = next(iter(points.values()))
            cells = []
            for n in sizes:
                p = points.get(str(n))
                cells.append("%s; %s MB" % (number(p["value"]), number(p["peak_mb"])) if p else "—")
            lines.append("| %s | %s | %s | %s |" % (title, first.get("measure", area), first["unit"], " | ".join(cells)))
        lines.append("")
        lines.append("Each point was recorded at the time and load below (1-minute load average of a 2-core "
                     "machine shared with other work: above 2 the sides waited for a core):")
        lines.append("")
        for area, title in AREAS:
            points = scaling.get(area)
            if not points:
                continue
            lines.append("- %s: %s" % (title, "; ".join(
                "{:,}: {} (load {:.2f}, {})".format(int(n), p["recorded"], p["load"][0], p["detail"])
                for n, p in sorted(points.items(), key=lambda kv: int(kv[0])))))
        lines.append("")
    images = []
    if comparisons:
        images.append("![Every side-by-side ratio against its target](bench/ratios.png)")
    for area, title in AREAS:
        if area in scaling:
            images.append("![%s: time and memory by archive size](bench/scaling_%s.png)" % (title, area))
    if images:
        lines += ["### Plots", ""] + images + [""]
    return "\n".join(lines)


def write_document(path, text):
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    if BEGIN in doc and END in doc:
        head, rest = doc.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
    else:   # first time: after the document's title line
        first, _, after = doc.partition("\n")
        head, tail = first + "\n\n", "\n" + after
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + BEGIN + "\n\n" + text + "\n" + END + tail)


def plots(results, out_dir):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(out_dir, exist_ok=True)
    written = []
    comparisons = results.get("comparisons", {})
    if comparisons:
        names = sorted(comparisons)
        fig, ax = plt.subplots(figsize=(9, 0.38 * len(names) + 1.6))
        ys = range(len(names))
        ratios = [comparisons[n]["ratio"] for n in names]
        targets = [comparisons[n]["target"] for n in names]
        colours = ["#2e7d32" if comparisons[n]["met"] else "#c62828" for n in names]
        ax.barh(list(ys), ratios, color=colours, height=0.6, label="ratio (green: target met, red: not met)")
        ax.scatter(targets, list(ys), marker="|", s=300, color="black", zorder=3, label="target")
        ax.set_yticks(list(ys))
        ax.set_yticklabels(names, fontsize=8)
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.axvline(1.0, color="grey", linewidth=0.8, linestyle="--")
        ax.set_xlabel("ratio (> 1: Snowball ahead of its peer; log scale)")
        ax.set_title("Side-by-side comparisons against their targets", fontsize=10)
        ax.legend(fontsize=7, loc="lower right")
        fig.tight_layout()
        path = os.path.join(out_dir, "ratios.png")
        fig.savefig(path, dpi=100)
        plt.close(fig)
        written.append(path)
    for area, title in AREAS:
        points = results.get("scaling", {}).get(area)
        if not points:
            continue
        ns = sorted(int(n) for n in points)
        values = [points[str(n)]["value"] for n in ns]
        memory = [points[str(n)]["peak_mb"] for n in ns]
        unit = points[str(ns[0])]["unit"]
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
        left.plot(ns, values, marker="o")
        left.set_ylabel({"s": "seconds", "us": "microseconds"}.get(unit, unit))
        left.set_title("time", fontsize=9)
        right.plot(ns, memory, marker="o", color="#6a1b9a")
        right.set_ylabel("peak resident memory (MB)")
        right.set_title("memory of the timed process", fontsize=9)
        for ax in (left, right):
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_xlabel("customers")
            ax.grid(True, which="both", linewidth=0.3)
        fig.suptitle(title, fontsize=10)
        fig.tight_layout()
        path = os.path.join(out_dir, "scaling_%s.png" % area)
        fig.savefig(path, dpi=100)
        plt.close(fig)
        written.append(path)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", default=os.path.join(ROOT, "docs", "bench", "results.json"))
    parser.add_argument("--doc", default=os.path.join(ROOT, "docs", "BENCHMARKS.md"))
    parser.add_argument("--plots", default=os.path.join(ROOT, "docs", "bench"))
    args = parser.parse_args()
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        system = "/usr/bin/python3"
        if os.path.realpath(sys.executable) != os.path.realpath(system) and os.access(system, os.X_OK):
            os.execv(system, [system] + sys.argv)
        sys.stderr.write("report: matplotlib is missing (Debian: apt-get install python3-matplotlib)\n")
        return 1
    with open(args.results, encoding="utf-8") as f:
        results = json.load(f)
    sys.path.insert(0, HERE)
    from scaling import MEASURES

    for area, points in results.get("scaling", {}).items():
        for p in points.values():
            p.setdefault("measure", MEASURES.get(area, (area,))[0])
    write_document(args.doc, table(results))
    for path in plots(results, args.plots):
        print("report: wrote %s" % os.path.relpath(path, ROOT))
    print("report: wrote the results table of %s" % os.path.relpath(args.doc, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
