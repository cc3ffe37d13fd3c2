// The referral graph as plain values on Boost.Graph, and its analytics as pure functions: no
// database here. The service (referrals.cpp, analytics.cpp) loads the claims and reads the results.
//
// Nodes are the customers that take part in at least one claim, numbered 0..n-1 in ascending
// customer id. Three views share the numbering:
//   up      credited referee → referrer: the PageRank graph (out-degree 0 or 1)
//   down    credited referrer → referees: trees, generations, descendants
//   social  every claim, credited or secondary, in both directions: circles and betweenness
#pragma once

#include "snowball/error.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace snowball::referral_graph {

using Index = std::uint32_t;
inline constexpr Index none = std::numeric_limits<Index>::max();

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                               boost::no_property, Index, Index>;

struct Claim {
    std::int64_t referrer = 0;
    std::int64_t referee = 0;
    bool credited = true;
};

struct Graph {
    std::vector<std::int64_t> ids;   // node → customer id, ascending
    std::vector<Index> parent;       // credited referrer, or none
    std::vector<int> depth;          // generation: 0 for a root
    std::vector<Index> order;        // every node, each after its credited referrer
    Csr up;
    Csr down;
    Csr social;
    std::size_t claims = 0;

    std::size_t size() const { return ids.size(); }
    Index index(std::int64_t customer_id) const;   // none when the customer is not a node
};

// Builds the views. The claims must be what the archive's rules allow (at most one credited claim
// per referee, no cycle, no pair twice); a cycle is reported as an internal error.
Graph build(const std::vector<Claim>& claims);

// The customers referred by `root`, generation by generation (credited), each generation in
// ascending id order; at most `max_generations` generations (0: all).
std::vector<std::vector<Index>> generations(const Graph& g, Index root, int max_generations = 0);

// Per node: descendants (every generation), the closed deals among them, and those deals weighted
// by generation (a descendant of generation g counts decay^(g-1)).
struct Reach {
    std::vector<std::int64_t> descendants;
    std::vector<std::int64_t> descendant_deals;
    std::vector<double> weighted_deals;
};
Reach reach(const Graph& g, const std::vector<int>& deals, double decay);

// Social circles: the connected components of the social view (boost::connected_components).
struct Components {
    std::vector<Index> of;           // node → component, numbered by its smallest node
    Index count = 0;
};
Components components(const Graph& g);

// PageRank as docs/DATA_MODEL.md defines it, on any Boost graph whose vertices are 0..n-1: start at 1/n; each
// step gives every node (1 - alpha)/n, plus alpha × the rank of every node with no out-edge spread
// evenly over all n nodes, plus alpha × rank/out-degree from each in-neighbour; stop once the L1
// change of a step is below `tolerance` and return that step's ranks (networkx's iteration, whose
// convergence test is err < n × tol).
struct PageRank {
    std::vector<double> rank;
    int iterations = 0;
    double change = 0;               // L1 change of the last step
};

template <class G>
PageRank pagerank(const G& g, double alpha = 0.85, double tolerance = 1e-12, int max_iterations = 100000) {
    // Unqualified calls: the graph type's own functions are found by argument-dependent lookup.
    using Vertex = typename boost::graph_traits<G>::vertex_descriptor;
    PageRank r;
    const std::size_t n = num_vertices(g);
    if (n == 0) return r;
    std::vector<double> x(n, 1.0 / static_cast<double>(n)), next(n);
    std::vector<double> share(n);    // alpha / out-degree; 0 for a dangling node
    std::vector<std::size_t> dangling;
    for (std::size_t v = 0; v < n; ++v) {
        const auto degree = out_degree(static_cast<Vertex>(v), g);
        if (degree == 0) dangling.push_back(v);
        else share[v] = alpha / static_cast<double>(degree);
    }
    const double teleport = (1 - alpha) / static_cast<double>(n);
    while (r.iterations < max_iterations) {
        double dangling_sum = 0;
        for (std::size_t v : dangling) dangling_sum += x[v];
        const double base = alpha * dangling_sum / static_cast<double>(n) + teleport;
        std::fill(next.begin(), next.end(), base);
        for (std::size_t v = 0; v < n; ++v) {
            if (share[v] == 0) continue;
            const double give = x[v] * share[v];
            for (auto [e, end] = out_edges(static_cast<Vertex>(v), g); e != end; ++e)
                next[static_cast<std::size_t>(target(*e, g))] += give;
        }
        double change = 0;
        for (std::size_t v = 0; v < n; ++v) change += std::fabs(next[v] - x[v]);
        x.swap(next);
        ++r.iterations;
        r.change = change;
        if (change < tolerance) {
            r.rank = std::move(x);
            return r;
        }
    }
    throw Error(Status::error, "PageRank did not converge in " + std::to_string(max_iterations) + " iterations");
}

// Betweenness centrality on the social view (undirected): for each node v, the sum over unordered
// pairs {s, t} of other nodes of the share of shortest s–t paths through v (a count of pairs, not
// normalised). Brandes' algorithm, one breadth-first search per source, run circle by circle. When
// the exact work (sources × the size of their circle) would exceed `budget`, every circle of more
// than `min_sources` members uses the same fraction of its members as sources, drawn by a fixed
// seed, and its scores are scaled up accordingly; `exact` is then false.
struct BetweennessOptions {
    double budget = 2e8;             // node and arc visits
    std::int64_t min_sources = 32;
    std::uint64_t seed = 20261127;
};
struct Betweenness {
    std::vector<double> score;
    bool exact = true;
    std::int64_t sources = 0;
};
Betweenness betweenness(const Graph& g, const Components& circles, const BetweennessOptions& options = {});

} // namespace snowball::referral_graph
