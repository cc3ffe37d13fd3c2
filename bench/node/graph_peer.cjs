// The graphology side of the referral-graph benchmark (bench/bench_referrals.py, docs/BENCHMARKS.md):
// the same three results as Snowball's referrals_side and the networkx side, computed the way a
// graphology user would on Node.
//
//   node graph_peer.cjs <forest.tsv> <snowball_graph.tsv>
//
// The graph: a directed graphology Graph of referee → referrer edges (the PageRank graph; built from
// the edge list in memory, as networkx's side is). Then
//   PageRank         graphology-metrics/centrality/pagerank, alpha 0.85, tolerance 1e-12/n (its test
//                    is the same as networkx's: the L1 change below n × tolerance; dangling mass
//                    spread over every node, as networkx and Snowball do);
//   descendant counts for every node, the nodes that reach it, by a walk over graphology's
//                    forEachInNeighbor (what networkx.ancestors does). Not graphology-traversal's
//                    dfsFromNode: it allocates an array of the graph's order on every call, so
//                    calling it for every node is quadratic (a 100,000-node forest did not finish in
//                    5 minutes);
//   circles          graphology-components' connectedComponents (weak, on a directed graph).
// Timed: from the graph's construction to the last of the three. Memory: the process's peak
// resident set (process.resourceUsage().maxRSS), taken before the agreement is checked.
// Then, not timed, every node's rank (within 1e-9), descendant count and circle (its smallest
// member) is checked against Snowball's output. Prints "RESULT key=value" lines.
'use strict';

const fs = require('fs');
const path = require('path');
const Graph = require('graphology');
const pagerank = require('graphology-metrics/centrality/pagerank');
const { connectedComponents } = require('graphology-components');

function main(forestPath, snowballPath) {
  const referees = [];
  const referrers = [];
  for (const line of fs.readFileSync(forestPath, 'utf8').split('\n')) {
    if (line === '' || line[0] === '#') continue;
    const tab = line.indexOf('\t');
    referrers.push(line.slice(0, tab));
    referees.push(line.slice(tab + 1));
  }

  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const graph = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  for (let i = 0; i < referees.length; i++) graph.mergeEdge(referees[i], referrers[i]);
  const n = graph.order;
  const t1 = process.hrtime.bigint();
  const ranks = pagerank(graph, { alpha: 0.85, tolerance: 1e-12 / n, maxIterations: 10000, getEdgeWeight: null });
  const t2 = process.hrtime.bigint();
  const descendants = new Map();
  graph.forEachNode((node) => {
    // networkx.ancestors' walk on graphology's adjacency: every node that reaches this one.
    const seen = new Set([node]);
    const stack = [node];
    while (stack.length > 0) {
      graph.forEachInNeighbor(stack.pop(), (neighbor) => {
        if (!seen.has(neighbor)) {
          seen.add(neighbor);
          stack.push(neighbor);
        }
      });
    }
    descendants.set(node, seen.size - 1); // the node itself is not its own descendant
  });
  const t3 = process.hrtime.bigint();
  const circles = connectedComponents(graph);
  const t4 = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpu0);
  const peakMb = process.resourceUsage().maxRSS / 1024;

  // Not timed: the agreement with Snowball's answers.
  const circleOf = new Map();
  for (const members of circles) {
    let smallest = Infinity;
    for (const v of members) smallest = Math.min(smallest, Number(v));
    for (const v of members) circleOf.set(v, smallest);
  }
  let worst = 0;
  let seen = 0;
  for (const line of fs.readFileSync(snowballPath, 'utf8').split('\n')) {
    if (line === '') continue;
    const [customer, rank, count, circle] = line.split('\t');
    if (!graph.hasNode(customer)) throw new Error(`snowball has node ${customer}, graphology does not`);
    worst = Math.max(worst, Math.abs(ranks[customer] - Number(rank)));
    if (descendants.get(customer) !== Number(count))
      throw new Error(`descendants of ${customer}: graphology ${descendants.get(customer)}, snowball ${count}`);
    if (circleOf.get(customer) !== Number(circle))
      throw new Error(`circle of ${customer}: graphology ${circleOf.get(customer)}, snowball ${circle}`);
    seen++;
  }
  if (seen !== n) throw new Error(`snowball has ${seen} nodes, graphology ${n}`);
  if (!(worst <= 1e-9)) throw new Error(`ranks differ by ${worst} (more than 1e-9)`);

  const s = (a, b) => Number(b - a) / 1e9;
  const version = (name) =>   // (graphology's exports do not include its package.json)
    JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', name, 'package.json'), 'utf8')).version;
  console.log(`RESULT version=graphology ${version('graphology')}, graphology-metrics ${version('graphology-metrics')}, ` +
              `graphology-components ${version('graphology-components')}, Node ${process.versions.node}`);
  console.log(`RESULT nodes=${n}`);
  console.log(`RESULT circles=${circles.length}`);
  console.log(`RESULT build_seconds=${s(t0, t1).toFixed(6)}`);
  console.log(`RESULT pagerank_seconds=${s(t1, t2).toFixed(6)}`);
  console.log(`RESULT descendants_seconds=${s(t2, t3).toFixed(6)}`);
  console.log(`RESULT components_seconds=${s(t3, t4).toFixed(6)}`);
  console.log(`RESULT seconds=${s(t0, t4).toFixed(6)}`);
  console.log(`RESULT cpu_seconds=${((cpu.user + cpu.system) / 1e6).toFixed(6)}`);
  console.log(`RESULT peak_mb=${peakMb.toFixed(1)}`);
  console.log(`RESULT max_rank_difference=${worst.toPrecision(3)}`);
}

if (process.argv.length !== 4) {
  console.error('usage: node graph_peer.cjs <forest.tsv> <snowball_graph.tsv>');
  process.exit(2);
}
main(process.argv[2], process.argv[3]);
