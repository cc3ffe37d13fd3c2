#!/usr/bin/env python3
"""The referral-graph benchmark (docs/BENCHMARKS.md): Snowball side by side with graphology (on
Node) and networkx.

    run(build_dir, work_dir) -> list of BENCH lines        (for bench/run.py)
    python3 bench/bench_referrals.py --build build-bench [--customers 1000000] [--dir /tmp] [--keep]

On one synthetic referral forest of 1,000,000 customers (a fixed seed):
  1. bench/referrals_side.cpp builds an archive (the customers written with SQL, every referral
     registered through Referrals::add_many with its rules checked);
  2. a fresh referrals_side process computes PageRank, the descendant counts and the social circles
     through the C++ API, the graph built from the archive;
  3. a fresh Python process computes the same three with networkx (pure Python) the way a networkx
     user would: a DiGraph of referee → referrer edges, networkx.pagerank(alpha=0.85,
     tol=1e-12/n) — networkx 3 needs scipy for it; without scipy the same iteration is networkx's
     own pure-Python _pagerank_python —, len(networkx.ancestors(G, v)) for every node, and
     networkx.weakly_connected_components;
  4. checks that the two agree: every rank within 1e-9, every descendant count and every circle
     equal; and prints
  (before the networkx side: bench/node/graph_peer.cjs computes the same three with graphology,
  graphology-metrics' pagerank, a walk over forEachInNeighbor and graphology-components, checks
  them the same way against Snowball's output, and prints graph_vs_graphology, target ≥ 5×, and
  graph_memory_vs_graphology, target ≤ 1/2 of its memory; skipped without Node and npm.
  SNOWBALL_BENCH_NETWORKX=0 leaves the networkx side out, for a quick run)

    BENCH graph_vs_networkx snowball=<s> networkx=<s> unit=s ratio=<networkx/snowball> target=50 met=<yes|no>
    BENCH graph_memory_vs_networkx snowball=<MB> networkx=<MB> unit=MB ratio=<networkx/snowball> target=5 met=<yes|no>

Timed on each side: from the graph's construction (Snowball: from its archive; networkx: from the
edge list in memory) to the last of the three results. Memory: the peak resident set of each
process (VmHWM / ru_maxrss), whole process.

The networkx side runs as `python3 bench/bench_referrals.py networkx <forest.tsv> <snowball.tsv>`.
Standard library only in the driver; networkx only in the networkx process.
"""
import argparse
import os
import random
import resource
import sys
import time

from bench_support import run_standalone, run_side, say

SEED = 20261127
REFERRED = 0.85        # the share of customers with a referrer
WINDOW = 20000         # a referrer is one of the 20,000 customers filed just before


def generate(path, customers, seed=SEED):
    """The forest: customer i (1-based) is referred with probability REFERRED by a customer filed
    shortly before it; every other customer starts a tree of their own."""
    rng = random.Random(seed)
    referrals = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write("#customers\t%d\n" % customers)
        for i in range(2, customers + 1):
            if rng.random() < REFERRED:
                referrer = rng.randrange(max(1, i - WINDOW), i)
                out.write("%d\t%d\n" % (referrer, i))
                referrals += 1
    return referrals






def run(build_dir, work_dir, customers=None):
    """Runs the benchmark in work_dir (which it leaves behind); returns the BENCH lines."""
    customers = customers or int(os.environ.get("SNOWBALL_BENCH_REFERRAL_CUSTOMERS", "1000000"))
    program = os.path.join(build_dir, "bench", "referrals_side")
    if not os.access(program, os.X_OK):
        raise RuntimeError("%s is missing: build with -DSNOWBALL_BUILD_BENCH=ON" % program)
    os.makedirs(work_dir, exist_ok=True)
    forest = os.path.join(work_dir, "forest.tsv")
    db = os.path.join(work_dir, "referrals.db")
    ours = os.path.join(work_dir, "snowball_graph.tsv")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)

    t = time.perf_counter()
    referrals = generate(forest, customers)
    say("referral forest: %d customers, %d referrals (seed %d) in %.1f s" % (customers, referrals, SEED,
                                                                            time.perf_counter() - t))
    built = run_side([program, "build", db, forest, "10000"])
    say("archive: customers written in %s s (SQL, setup); %s referrals registered through Referrals::add_many in "
        "%s s (CPU %s s), %.0f referrals/s" % (built["setup_seconds"], built["referrals"], built["register_seconds"],
                                               built["register_cpu_seconds"], float(built["register_rate"])))
    snow = run_side([program, "analyse", db, ours])
    say("snowball: %s nodes, %s circles; PageRank %.3f s (graph built from the archive first), descendants %.3f s, "
        "circles %.3f s; total %.3f s (CPU %.3f s); graph rebuild alone %.3f s; peak memory %s MB" % (
            snow["nodes"], snow["circles"], float(snow["pagerank_seconds"]), float(snow["influence_seconds"]),
            float(snow["circles_seconds"]), float(snow["seconds"]), float(snow["cpu_seconds"]),
            float(snow["rebuild_seconds"]), snow["peak_mb"]))
    lines = graphology_lines(build_dir, forest, ours, snow)
    if os.environ.get("SNOWBALL_BENCH_NETWORKX", "1") == "0":
        say("networkx skipped (SNOWBALL_BENCH_NETWORKX=0)")
        return lines
    peer = run_side([sys.executable, os.path.abspath(__file__), "networkx", forest, ours])
    say("networkx %s (%s): build %.2f s, PageRank %.2f s (%s), ancestors %.2f s, components %.2f s; total %.2f s "
        "(CPU %.2f s); peak memory %s MB" % (
            peer["version"], peer["pagerank_function"], float(peer["build_seconds"]), float(peer["pagerank_seconds"]),
            peer["pagerank_note"], float(peer["descendants_seconds"]), float(peer["components_seconds"]),
            float(peer["seconds"]), float(peer["cpu_seconds"]), peer["peak_mb"]))
    say("both sides agree: %s nodes, largest rank difference %s, descendant counts and %s circles equal" % (
        peer["nodes"], peer["max_rank_difference"], peer["circles"]))

    seconds_snowball, seconds_peer = float(snow["seconds"]), float(peer["seconds"])
    mb_snowball, mb_peer = float(snow["peak_mb"]), float(peer["peak_mb"])
    speed = seconds_peer / seconds_snowball
    memory = mb_peer / mb_snowball
    return lines + [
        "BENCH graph_vs_networkx snowball=%.3f networkx=%.3f unit=s ratio=%.1f target=50 met=%s" % (
            seconds_snowball, seconds_peer, speed, "yes" if speed >= 50 else "no"),
        "BENCH graph_memory_vs_networkx snowball=%.1f networkx=%.1f unit=MB ratio=%.1f target=5 met=%s" % (
            mb_snowball, mb_peer, memory, "yes" if memory >= 5 else "no"),
    ]


def graphology_lines(build_dir, forest, ours, snow):
    """The graphology comparison (bench/node/graph_peer.cjs on Node): its BENCH lines, or a
    "skipped" account when Node or the npm packages are not there."""
    from bench_calendar import node_peers

    cache, why_not = node_peers(build_dir)
    if cache is None:
        say("skipped graph_vs_graphology: %s" % why_not)
        return []
    # A heap large enough for the graph: Node's default limit would stop it, not time it.
    peer = run_side(["node", "--max-old-space-size=16384", os.path.join(cache, "graph_peer.cjs"), forest, ours])
    say("graphology (%s): build %.2f s, PageRank %.2f s, descendants %.2f s, components %.2f s; total %.2f s "
        "(CPU %.2f s); peak memory %s MB" % (
            peer["version"], float(peer["build_seconds"]), float(peer["pagerank_seconds"]),
            float(peer["descendants_seconds"]), float(peer["components_seconds"]), float(peer["seconds"]),
            float(peer["cpu_seconds"]), peer["peak_mb"]))
    say("snowball and graphology agree: %s nodes, largest rank difference %s, descendant counts and %s circles "
        "equal" % (peer["nodes"], peer["max_rank_difference"], peer["circles"]))
    seconds_snowball, seconds_peer = float(snow["seconds"]), float(peer["seconds"])
    mb_snowball, mb_peer = float(snow["peak_mb"]), float(peer["peak_mb"])
    speed, memory = seconds_peer / seconds_snowball, mb_peer / mb_snowball
    return [
        "BENCH graph_vs_graphology snowball=%.3f graphology=%.3f unit=s ratio=%.2f target=5 met=%s" % (
            seconds_snowball, seconds_peer, speed, "yes" if speed >= 5 else "no"),
        "BENCH graph_memory_vs_graphology snowball=%.1f graphology=%.1f unit=MB ratio=%.2f target=2 met=%s" % (
            mb_snowball, mb_peer, memory, "yes" if memory >= 2 else "no"),
    ]


# ---------------------------------------------------------------------------------------------
# The networkx side (its own process, so that its memory is its own)


def networkx_side(forest, snowball_output):
    import networkx as nx

    edges = []
    with open(forest, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            referrer, referee = line.split("\t")
            edges.append((int(referee), int(referrer)))   # the PageRank graph: referee → referrer

    cpu0 = time.process_time()
    t0 = time.perf_counter()
    graph = nx.DiGraph()
    graph.add_edges_from(edges)
    n = graph.number_of_nodes()
    t1 = time.perf_counter()
    settings = dict(alpha=0.85, tol=1e-12 / n, max_iter=10000)
    try:
        ranks = nx.pagerank(graph, **settings)
        function, note = "networkx.pagerank", "scipy"
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        ranks = _pagerank_python(graph, **settings)
        function, note = "networkx _pagerank_python", "pure Python, scipy absent"
    t2 = time.perf_counter()
    descendants = {v: len(nx.ancestors(graph, v)) for v in graph}   # who reaches v: v's descendants
    t3 = time.perf_counter()
    circles = list(nx.weakly_connected_components(graph))
    t4 = time.perf_counter()
    cpu = time.process_time() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

    # Not timed: the agreement with Snowball's answers.
    circle_of = {}
    for members in circles:
        smallest = min(members)
        for v in members:
            circle_of[v] = smallest
    worst = 0.0
    seen = 0
    with open(snowball_output, encoding="utf-8") as f:
        for line in f:
            customer, rank, count, circle = line.split("\t")
            v = int(customer)
            worst = max(worst, abs(ranks[v] - float(rank)))
            if descendants[v] != int(count):
                raise SystemExit("descendants of %d: networkx %d, snowball %s" % (v, descendants[v], count))
            if circle_of[v] != int(circle):
                raise SystemExit("circle of %d: networkx %d, snowball %s" % (v, circle_of[v], circle))
            seen += 1
    if seen != n:
        raise SystemExit("snowball has %d nodes, networkx %d" % (seen, n))
    if worst > 1e-9:
        raise SystemExit("ranks differ by %g (more than 1e-9)" % worst)

    print("RESULT version=%s" % nx.__version__)
    print("RESULT pagerank_function=%s" % function)
    print("RESULT pagerank_note=%s" % note)
    print("RESULT nodes=%d" % n)
    print("RESULT circles=%d" % len(circles))
    print("RESULT build_seconds=%.6f" % (t1 - t0))
    print("RESULT pagerank_seconds=%.6f" % (t2 - t1))
    print("RESULT descendants_seconds=%.6f" % (t3 - t2))
    print("RESULT components_seconds=%.6f" % (t4 - t3))
    print("RESULT seconds=%.6f" % (t4 - t0))
    print("RESULT cpu_seconds=%.6f" % cpu)
    print("RESULT peak_mb=%.1f" % peak_mb)
    print("RESULT max_rank_difference=%.3g" % worst)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "networkx":
        networkx_side(sys.argv[2], sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True, help="the CMake build directory with bench/ built")
    parser.add_argument("--customers", type=int, default=None, help="customers in the forest (default 1,000,000)")
    parser.add_argument("--dir", default=None, help="where the temporary files go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    return run_standalone("snowball-referrals-", args.dir, args.keep, lambda work: run(args.build, work, args.customers))


if __name__ == "__main__":
    sys.exit(main())
