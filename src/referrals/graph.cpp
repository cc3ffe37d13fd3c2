#include "referrals/graph.hpp"

#include <boost/graph/connected_components.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <utility>

namespace snowball::referral_graph {

namespace {

using Arc = std::pair<Index, Index>;

Csr csr(const std::vector<Arc>& arcs, std::size_t n) {
    return Csr(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), static_cast<Index>(n));
}

// splitmix64: a small, fully specified generator, so that the sampled sources are the same on every
// platform (std::shuffle's algorithm is not specified).
std::uint64_t next_random(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

} // namespace

Index Graph::index(std::int64_t customer_id) const {
    const auto it = std::lower_bound(ids.begin(), ids.end(), customer_id);
    return it != ids.end() && *it == customer_id ? static_cast<Index>(it - ids.begin()) : none;
}

Graph build(const std::vector<Claim>& claims) {
    Graph g;
    g.claims = claims.size();
    // Customer ids are row ids: a dense table maps them to nodes without sorting.
    std::int64_t max_id = 0;
    for (const Claim& c : claims) {
        if (c.referrer <= 0 || c.referee <= 0) throw Error(Status::error, "referral graph: a claim without a customer");
        max_id = std::max({max_id, c.referrer, c.referee});
    }
    std::vector<Index> node(claims.empty() ? 0 : static_cast<std::size_t>(max_id) + 1, none);
    for (const Claim& c : claims) node[static_cast<std::size_t>(c.referrer)] = node[static_cast<std::size_t>(c.referee)] = 0;
    for (std::size_t id = 0; id < node.size(); ++id) {
        if (node[id] == none) continue;
        if (g.ids.size() >= none) throw Error(Status::error, "referral graph: too many customers");
        node[id] = static_cast<Index>(g.ids.size());
        g.ids.push_back(static_cast<std::int64_t>(id));
    }
    const std::size_t n = g.ids.size();

    g.parent.assign(n, none);
    std::vector<Arc> up, down, social;
    up.reserve(claims.size());
    down.reserve(claims.size());
    social.reserve(2 * claims.size());
    for (const Claim& c : claims) {
        const Index referrer = node[static_cast<std::size_t>(c.referrer)], referee = node[static_cast<std::size_t>(c.referee)];
        if (referrer == referee) throw Error(Status::error, "referral graph: a self-referral");
        social.emplace_back(referrer, referee);
        social.emplace_back(referee, referrer);
        if (!c.credited) continue;
        if (g.parent[referee] != none)
            throw Error(Status::error, "referral graph: customer " + std::to_string(c.referee) + " has two credited referrers");
        g.parent[referee] = referrer;
        up.emplace_back(referee, referrer);
        down.emplace_back(referrer, referee);
    }
    g.up = csr(up, n);
    g.down = csr(down, n);
    g.social = csr(social, n);

    // Breadth-first from the roots: parents before children, and each node's generation.
    g.depth.assign(n, 0);
    g.order.reserve(n);
    for (Index v = 0; v < n; ++v)
        if (g.parent[v] == none) g.order.push_back(v);
    for (std::size_t i = 0; i < g.order.size(); ++i) {
        const Index v = g.order[i];
        for (auto [e, end] = boost::out_edges(v, g.down); e != end; ++e) {
            const Index child = boost::target(*e, g.down);
            g.depth[child] = g.depth[v] + 1;
            g.order.push_back(child);
        }
    }
    if (g.order.size() != n) throw Error(Status::error, "referral graph: the credited referrals form a cycle");
    return g;
}

std::vector<std::vector<Index>> generations(const Graph& g, Index root, int max_generations) {
    std::vector<std::vector<Index>> out;
    std::vector<Index> current{root};
    while (max_generations <= 0 || static_cast<int>(out.size()) < max_generations) {
        std::vector<Index> next;
        for (Index v : current)
            for (auto [e, end] = boost::out_edges(v, g.down); e != end; ++e) next.push_back(boost::target(*e, g.down));
        if (next.empty()) break;
        std::sort(next.begin(), next.end());   // node order is customer-id order
        out.push_back(next);
        current = std::move(next);
    }
    return out;
}

Reach reach(const Graph& g, const std::vector<int>& deals, double decay) {
    const std::size_t n = g.size();
    Reach r;
    r.descendants.assign(n, 0);
    r.descendant_deals.assign(n, 0);
    r.weighted_deals.assign(n, 0);
    // Children before parents: each node hands its subtree up to its referrer.
    for (auto it = g.order.rbegin(); it != g.order.rend(); ++it) {
        const Index v = *it, p = g.parent[v];
        if (p == none) continue;
        r.descendants[p] += 1 + r.descendants[v];
        r.descendant_deals[p] += deals[v] + r.descendant_deals[v];
        r.weighted_deals[p] += deals[v] + decay * r.weighted_deals[v];
    }
    return r;
}

Components components(const Graph& g) {
    Components c;
    c.of.assign(g.size(), 0);
    if (g.size() == 0) return c;
    // The social view holds every tie in both directions, so a search along out-edges finds the
    // undirected components.
    c.count = static_cast<Index>(boost::connected_components(
        g.social, boost::make_iterator_property_map(c.of.begin(), boost::get(boost::vertex_index, g.social))));
    // Number the components by their smallest node: the same numbers whatever the search order.
    std::vector<Index> renumber(c.count, none);
    Index next = 0;
    for (Index& comp : c.of) {
        if (renumber[comp] == none) renumber[comp] = next++;
        comp = renumber[comp];
    }
    return c;
}

Betweenness betweenness(const Graph& g, const Components& circles, const BetweennessOptions& options) {
    const std::size_t n = g.size();
    Betweenness result;
    result.score.assign(n, 0);
    if (n == 0) return result;

    // Members of each circle, and the work of one search in it (its nodes and arcs).
    std::vector<std::vector<Index>> members(circles.count);
    std::vector<double> work(circles.count, 0);
    for (Index v = 0; v < n; ++v) {
        members[circles.of[v]].push_back(v);
        work[circles.of[v]] += 1 + static_cast<double>(boost::out_degree(v, g.social));
    }
    const auto sources_at = [&](double fraction, std::size_t c) -> std::size_t {
        const std::size_t size = members[c].size();
        const auto wanted = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(size)));
        return std::min(size, std::max(static_cast<std::size_t>(options.min_sources), wanted));
    };
    const auto cost = [&](double fraction) {
        double total = 0;
        for (std::size_t c = 0; c < members.size(); ++c)
            if (members[c].size() > 2) total += static_cast<double>(sources_at(fraction, c)) * work[c];
        return total;
    };
    double fraction = 1;
    if (cost(1) > options.budget) {
        double lo = 0, hi = 1;   // the largest fraction within the budget
        for (int i = 0; i < 50; ++i) {
            const double mid = (lo + hi) / 2;
            (cost(mid) <= options.budget ? lo : hi) = mid;
        }
        fraction = lo;
    }

    std::vector<int> dist(n, -1);
    std::vector<double> sigma(n, 0), delta(n, 0);
    std::vector<Index> stack;
    for (std::size_t c = 0; c < members.size(); ++c) {
        std::vector<Index>& all = members[c];
        if (all.size() <= 2) continue;   // no node lies between two others
        const std::size_t k = sources_at(fraction, c);
        if (k < all.size()) {
            result.exact = false;
            // The first k of a partial Fisher–Yates shuffle seeded by the circle's smallest customer.
            std::uint64_t state = options.seed ^ static_cast<std::uint64_t>(g.ids[all.front()]);
            for (std::size_t i = 0; i < k; ++i)
                std::swap(all[i], all[i + next_random(state) % (all.size() - i)]);
        }
        const double scale = static_cast<double>(all.size()) / (2.0 * static_cast<double>(k));
        for (std::size_t i = 0; i < k; ++i) {
            const Index s = all[i];
            ++result.sources;
            stack.clear();
            stack.push_back(s);
            dist[s] = 0;
            sigma[s] = 1;
            for (std::size_t head = 0; head < stack.size(); ++head) {   // breadth-first; `stack` keeps the order
                const Index v = stack[head];
                for (auto [e, end] = boost::out_edges(v, g.social); e != end; ++e) {
                    const Index w = boost::target(*e, g.social);
                    if (dist[w] < 0) {
                        dist[w] = dist[v] + 1;
                        stack.push_back(w);
                    }
                    if (dist[w] == dist[v] + 1) sigma[w] += sigma[v];
                }
            }
            for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
                const Index w = *it;
                for (auto [e, end] = boost::out_edges(w, g.social); e != end; ++e) {
                    const Index v = boost::target(*e, g.social);
                    if (dist[v] == dist[w] - 1) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                }
                if (w != s) result.score[w] += delta[w] * scale;
            }
            for (Index v : stack) {
                dist[v] = -1;
                sigma[v] = 0;
                delta[v] = 0;
            }
        }
    }
    return result;
}

} // namespace snowball::referral_graph
