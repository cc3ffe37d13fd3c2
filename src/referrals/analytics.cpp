// Analytics over the referral graph: trees, snowball metrics, PageRank, key persons, circles, the
// per-customer table, personal observation and cross cooperation. The computations are the pure
// functions of graph.hpp, intent.cpp and matching.hpp; this file loads their inputs and names the
// customers in their results.
#include "snowball/referrals.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "referrals/matching.hpp"
#include "referrals/referral_store.hpp"
#include "snowball/profiles.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <numeric>
#include <set>
#include <unordered_map>

namespace snowball {

using detail::Query;
using referral_graph::Graph;
using referral_graph::Index;
using referral_graph::none;

namespace {

std::int64_t site_id_or_all(detail::Store& store, std::string_view site) {
    const auto s = detail::optional_site(store, site, "site");
    return s ? s->id : 0;
}

struct Named {
    std::string name;
    std::string archive_no;
    std::string site;
    Stage stage = Stage::prospect;
};

Named named(detail::Store& store, std::int64_t customer_id) {
    Query q(store, "SELECT c.name, c.archive_no, s.code, c.stage FROM customers c JOIN sites s ON s.id = c.site_id "
                   "WHERE c.id = ?");
    q->bind(1, customer_id);
    Named n;
    if (q->executeStep())
        n = {q->getColumn(0).getString(), q->getColumn(1).getString(), q->getColumn(2).getString(),
             parse_stage(q->getColumn(3).getText())};
    return n;
}

// The `limit` nodes with the highest positive scores, best first (ties: smaller customer id).
std::vector<Index> top(const Graph& g, const std::vector<double>& score, int limit) {
    std::vector<Index> nodes;
    for (Index v = 0; v < g.size(); ++v)
        if (score[v] > 0) nodes.push_back(v);
    const auto better = [&](Index a, Index b) { return score[a] != score[b] ? score[a] > score[b] : a < b; };
    const std::size_t keep = std::min(nodes.size(), static_cast<std::size_t>(limit));
    std::partial_sort(nodes.begin(), nodes.begin() + static_cast<std::ptrdiff_t>(keep), nodes.end(), better);
    nodes.resize(keep);
    return nodes;
}

// The closed deals of a customer of the graph, by date. Read by id: a removed customer (whose node
// stays in the graph) has none, and Customers::deals would not find them.
std::vector<Deal> closed_deals(detail::Store& store, const Customers& customers, std::int64_t customer_id) {
    std::vector<std::int64_t> ids;
    Query q(store, "SELECT id FROM deals WHERE customer_id = ? AND cancelled = 0 AND stage = 'contract' ORDER BY deal_date, id");
    q->bind(1, customer_id);
    while (q->executeStep()) ids.push_back(q->getColumn(0).getInt64());
    std::vector<Deal> out;
    out.reserve(ids.size());
    for (std::int64_t id : ids) out.push_back(customers.get_deal(id));
    return out;
}

Date month_start(Date d) { return Date(d.year(), d.month(), 1); }

} // namespace

// ---------------------------------------------------------------------------------------------
// Trees

ReferralTree Referrals::tree(std::int64_t customer_id, int max_generations) const {
    if (max_generations < 0 || max_generations > 1000) throw_invalid("max_generations", "must be 0 (all) to 1000");
    return store_.read([&] {
        detail::require_customer(customers_, customer_id, "customer_id");
        ReferralTree t;
        t.root = customer_id;
        const auto g = cache_->graph(store_, 0);
        const Index root = g->index(customer_id);
        if (root == none) return t;
        for (const auto& generation : referral_graph::generations(*g, root, max_generations)) {
            std::vector<TreeMember> members;
            members.reserve(generation.size());
            for (Index v : generation) {
                TreeMember m;
                m.customer_id = g->ids[v];
                m.referrer_id = g->ids[g->parent[v]];
                m.generation = static_cast<int>(t.generations.size()) + 1;
                const Named n = named(store_, m.customer_id);
                m.name = n.name;
                m.archive_no = n.archive_no;
                m.site = n.site;
                m.stage = n.stage;
                for (Deal& d : closed_deals(store_, customers_, m.customer_id)) {
                    ++m.deals;
                    t.deals.push_back(std::move(d));
                }
                members.push_back(std::move(m));
            }
            t.descendants += static_cast<std::int64_t>(members.size());
            t.generations.push_back(std::move(members));
        }
        std::sort(t.deals.begin(), t.deals.end(),
                  [](const Deal& a, const Deal& b) { return a.date != b.date ? a.date < b.date : a.id < b.id; });
        return t;
    });
}

// ---------------------------------------------------------------------------------------------
// Snowball metrics

std::vector<MonthMetrics> Referrals::metrics(const MetricsQuery& query) const {
    if (query.from.is_special() || query.to.is_special()) throw_invalid("from", "from and to are required");
    if (query.from > query.to) throw_invalid("from", "is after to");
    const Date first = month_start(query.from), last_start = month_start(query.to);
    const int months = (last_start.year() - first.year()) * 12 + (last_start.month() - first.month()) + 1;
    if (months > 120) throw_invalid("to", "the range holds " + std::to_string(months) + " months; at most 120");
    const Date before = first - boost::gregorian::months(1);   // the growth factor of the first month
    const Date end = last_start.end_of_month();
    const auto slot = [&](Date d) {   // -1: the month before the range
        return (d.year() - first.year()) * 12 + (static_cast<int>(d.month()) - static_cast<int>(first.month()));
    };

    return store_.read([&] {
        const Site site = detail::require_site(store_, query.site, "site");
        std::vector<MonthMetrics> out(static_cast<std::size_t>(months));
        for (int i = 0; i < months; ++i) {
            const Date m = first + boost::gregorian::months(i);
            out[static_cast<std::size_t>(i)].year = m.year();
            out[static_cast<std::size_t>(i)].month = m.month();
        }
        const auto at = [&](int s) -> MonthMetrics* { return s >= 0 && s < months ? &out[static_cast<std::size_t>(s)] : nullptr; };

        Query fresh(store_, "SELECT substr(first_contact, 1, 7) || '-01', count(*) FROM customers WHERE site_id = ? "
                            "AND first_contact BETWEEN ? AND ? AND deleted_at IS NULL GROUP BY 1");
        fresh->bind(1, site.id);
        fresh->bind(2, to_iso(first));
        fresh->bind(3, to_iso(end));
        while (fresh->executeStep())
            if (MonthMetrics* m = at(slot(parse_date(fresh->getColumn(0).getText())))) m->new_customers = fresh->getColumn(1).getInt64();

        Query deals(store_, "SELECT d.deal_date, EXISTS (SELECT 1 FROM referrals r WHERE r.referee_id = d.customer_id "
                            "AND r.credited = 1 AND r.referral_date <= d.deal_date) FROM deals d "
                            "WHERE d.site_id = ? AND d.cancelled = 0 AND d.stage = 'contract' AND d.deal_date BETWEEN ? AND ?");
        deals->bind(1, site.id);
        deals->bind(2, to_iso(first));
        deals->bind(3, to_iso(end));
        while (deals->executeStep()) {
            if (MonthMetrics* m = at(slot(parse_date(deals->getColumn(0).getText())))) {
                ++m->deals;
                m->referred_deals += deals->getColumn(1).getInt();
            }
        }

        const auto g = cache_->graph(store_, 0);
        std::vector<std::int64_t> previous(static_cast<std::size_t>(months) + 1, 0);   // credited referrals, from `before`
        std::vector<std::set<std::int64_t>> referrers(static_cast<std::size_t>(months));
        std::vector<double> depth_sum(static_cast<std::size_t>(months), 0);
        Query claims(store_, "SELECT referral_date, referrer_id, referee_id, credited FROM referrals "
                             "WHERE site_id = ? AND referral_date BETWEEN ? AND ?");
        claims->bind(1, site.id);
        claims->bind(2, to_iso(before));
        claims->bind(3, to_iso(end));
        while (claims->executeStep()) {
            const int s = slot(parse_date(claims->getColumn(0).getText()));
            const bool credited = claims->getColumn(3).getInt() != 0;
            if (credited) ++previous[static_cast<std::size_t>(s + 1)];
            MonthMetrics* m = at(s);
            if (!m) continue;
            if (!credited) {
                ++m->secondary_claims;
                continue;
            }
            ++m->referrals;
            referrers[static_cast<std::size_t>(s)].insert(claims->getColumn(1).getInt64());
            depth_sum[static_cast<std::size_t>(s)] += g->depth[g->index(claims->getColumn(2).getInt64())];
        }

        Query materials(store_, "SELECT r.referral_date, m.kind, m.count FROM referrals r JOIN referral_materials m "
                                "ON m.referral_id = r.id WHERE r.site_id = ? AND r.referral_date BETWEEN ? AND ?");
        materials->bind(1, site.id);
        materials->bind(2, to_iso(first));
        materials->bind(3, to_iso(end));
        while (materials->executeStep())
            if (MonthMetrics* m = at(slot(parse_date(materials->getColumn(0).getText()))))
                m->materials[parse_material_kind(materials->getColumn(1).getText())] += materials->getColumn(2).getInt64();

        for (int i = 0; i < months; ++i) {
            MonthMetrics& m = out[static_cast<std::size_t>(i)];
            if (m.deals > 0) m.referral_share = static_cast<double>(m.referred_deals) / static_cast<double>(m.deals);
            m.referrers = static_cast<std::int64_t>(referrers[static_cast<std::size_t>(i)].size());
            if (m.referrals > 0) m.mean_chain_depth = depth_sum[static_cast<std::size_t>(i)] / static_cast<double>(m.referrals);
            const std::int64_t earlier = previous[static_cast<std::size_t>(i)];
            if (earlier > 0) m.growth_factor = static_cast<double>(m.referrals) / static_cast<double>(earlier);
        }
        return out;
    });
}

// ---------------------------------------------------------------------------------------------
// Rankings, circles, the per-customer table

std::vector<NodeScore> Referrals::pagerank(std::string_view site) const {
    return store_.read([&] {
        const auto g = cache_->graph(store_, site_id_or_all(store_, site));
        const auto pr = referral_graph::pagerank(g->up);
        std::vector<NodeScore> out(g->size());
        for (Index v = 0; v < g->size(); ++v) out[v] = {g->ids[v], pr.rank[v]};
        return out;
    });
}

KeyPersonRanking Referrals::key_persons(const KeyPersonQuery& query) const {
    detail::check_page(query.limit, 0);
    if (!(query.decay > 0 && query.decay <= 1)) throw_invalid("decay", "must be above 0 and at most 1");
    return store_.read([&] {
        const auto g = cache_->graph(store_, site_id_or_all(store_, query.site));
        const std::vector<int> deals = detail::closed_deal_counts(store_, *g);
        const referral_graph::Reach reach = referral_graph::reach(*g, deals, query.decay);
        KeyPersonRanking ranking;
        ranking.by = query.by;
        ranking.nodes = static_cast<std::int64_t>(g->size());
        std::vector<double> score;
        switch (query.by) {
        case KeyPersonMeasure::descendant_deals: score = reach.weighted_deals; break;
        case KeyPersonMeasure::pagerank: score = referral_graph::pagerank(g->up).rank; break;
        case KeyPersonMeasure::betweenness: {
            auto b = referral_graph::betweenness(*g, referral_graph::components(*g));
            ranking.exact = b.exact;
            ranking.sources = b.sources;
            score = std::move(b.score);
            break;
        }
        }
        for (Index v : top(*g, score, query.limit)) {
            KeyPerson p;
            p.customer_id = g->ids[v];
            p.score = score[v];
            const Named n = named(store_, p.customer_id);
            p.name = n.name;
            p.archive_no = n.archive_no;
            p.site = n.site;
            p.referees = static_cast<std::int64_t>(boost::out_degree(v, g->down));
            p.descendants = reach.descendants[v];
            p.descendant_deals = reach.descendant_deals[v];
            ranking.people.push_back(std::move(p));
        }
        return ranking;
    });
}

std::vector<Circle> Referrals::circles(std::string_view site, int min_size) const {
    if (min_size < 1) throw_invalid("min_size", "must be at least 1");
    return store_.read([&] {
        const auto g = cache_->graph(store_, site_id_or_all(store_, site));
        const std::vector<int> deals = detail::closed_deal_counts(store_, *g);
        const auto reach = referral_graph::reach(*g, deals, 0.5);
        const auto comps = referral_graph::components(*g);
        std::vector<Circle> all(comps.count);
        for (Index v = 0; v < g->size(); ++v) {
            Circle& c = all[comps.of[v]];
            if (c.members.empty()) {
                c.id = g->ids[v];   // nodes ascend with customer ids: the first is the smallest
                c.hub = g->ids[v];
            } else if (reach.descendants[v] > reach.descendants[g->index(c.hub)]) {
                c.hub = g->ids[v];
            }
            c.members.push_back(g->ids[v]);
            c.referrals += static_cast<std::int64_t>(boost::out_degree(v, g->social));
            c.owners += deals[v] > 0 ? 1 : 0;
            c.deals += deals[v];
        }
        std::vector<Circle> out;
        for (Circle& c : all) {
            c.referrals /= 2;   // every tie is held in both directions
            if (static_cast<std::int64_t>(c.members.size()) >= min_size) out.push_back(std::move(c));
        }
        std::stable_sort(out.begin(), out.end(), [](const Circle& a, const Circle& b) { return a.members.size() > b.members.size(); });
        return out;
    });
}

std::vector<Influence> Referrals::influence(std::string_view site) const {
    return store_.read([&] {
        const auto g = cache_->graph(store_, site_id_or_all(store_, site));
        const std::vector<int> deals = detail::closed_deal_counts(store_, *g);
        const auto reach = referral_graph::reach(*g, deals, 0.5);
        const auto comps = referral_graph::components(*g);
        std::vector<std::int64_t> circle_id(comps.count, 0);
        for (Index v = g->size(); v-- > 0;) circle_id[comps.of[v]] = g->ids[v];   // the smallest member
        std::vector<Influence> out(g->size());
        for (Index v = 0; v < g->size(); ++v) {
            Influence& i = out[v];
            i.customer_id = g->ids[v];
            if (g->parent[v] != none) i.referrer_id = g->ids[g->parent[v]];
            i.generation = g->depth[v];
            i.referees = static_cast<std::int64_t>(boost::out_degree(v, g->down));
            i.descendants = reach.descendants[v];
            i.deals = deals[v];
            i.descendant_deals = reach.descendant_deals[v];
            i.weighted_deals = reach.weighted_deals[v];
            i.circle = circle_id[comps.of[v]];
        }
        return out;
    });
}

// ---------------------------------------------------------------------------------------------
// Personal observation

std::vector<RepeatVisitor> Referrals::repeat_visitors(const RepeatVisitorQuery& query) const {
    if (query.min_visits < 1 || query.min_visits > 1000) throw_invalid("min_visits", "must be between 1 and 1000");
    detail::check_page(query.limit, 0);
    const Date today = today_in_china();
    if (query.since.is_special()) throw_invalid("since", "is required");
    const Date until = query.until.value_or(today);
    if (until > today) throw_invalid("until", to_iso(until) + " is in the future");
    if (query.since > until) throw_invalid("since", "is after until (" + to_iso(until) + ")");
    return store_.read([&] {
        const Site site = detail::require_site(store_, query.site, "site");
        if (query.consultant_id) {
            const Consultant c = detail::require_consultant(store_, *query.consultant_id, "consultant_id");
            if (c.site != site.code)
                throw_invalid("consultant_id", "consultant " + std::to_string(c.id) + " works at site " + c.site);
        }
        // Every visit day in the window of the site's customers without a closed deal.
        Query q(store_, "SELECT v.customer_id, v.visit_date, max(v.place = 'construction_site') "
                        "FROM customers c JOIN visits v ON v.customer_id = c.id "
                        "WHERE c.site_id = ?1 AND c.stage <> 'owner' AND c.deleted_at IS NULL "
                        "AND (?2 IS NULL OR c.consultant_id = ?2) AND v.visit_date BETWEEN ?3 AND ?4 "
                        "AND (?5 IS NULL OR v.place = ?5) "
                        "GROUP BY v.customer_id, v.visit_date ORDER BY v.customer_id, v.visit_date");
        q->bind(1, site.id);
        detail::bind_optional(*q, 2, query.consultant_id);
        q->bind(3, to_iso(query.since));
        q->bind(4, to_iso(until));
        if (query.place) q->bind(5, to_string(*query.place));
        else q->bind(5);
        std::vector<RepeatVisitor> found;
        std::int64_t current = 0;
        std::vector<Date> days;
        int at_construction_site = 0;
        const auto close = [&] {
            if (current != 0 && static_cast<int>(days.size()) >= query.min_visits) {
                RepeatVisitor r;
                r.customer_id = current;
                r.construction_site_days = at_construction_site;
                r.visit_days = days;
                r.last_visit = days.back();
                r.days_since_last = static_cast<int>((until - days.back()).days());
                r.signal = intent_signal(days, until);
                found.push_back(std::move(r));
            }
            days.clear();
            at_construction_site = 0;
        };
        while (q->executeStep()) {
            const std::int64_t id = q->getColumn(0).getInt64();
            if (id != current) {
                close();
                current = id;
            }
            days.push_back(parse_date(q->getColumn(1).getText()));
            if (q->getColumn(2).getInt() != 0) ++at_construction_site;
        }
        close();
        std::sort(found.begin(), found.end(), [](const RepeatVisitor& a, const RepeatVisitor& b) {
            if (a.signal.score != b.signal.score) return a.signal.score > b.signal.score;
            if (a.last_visit != b.last_visit) return a.last_visit > b.last_visit;
            return a.customer_id < b.customer_id;
        });
        if (found.size() > static_cast<std::size_t>(query.limit)) found.resize(static_cast<std::size_t>(query.limit));
        for (RepeatVisitor& r : found) {
            const Customer c = customers_.get(r.customer_id);
            r.name = c.name;
            r.archive_no = c.archive_no;
            r.mobile = c.mobile;
            r.consultant_id = c.consultant_id;
            r.tier = c.tier;
            r.stage = c.stage;
        }
        return found;
    });
}

// ---------------------------------------------------------------------------------------------
// Cross cooperation

namespace {

const std::string& industry_name(const std::string& key) {
    for (const Industry& i : industries())
        if (i.key == key) return i.name_zh;
    return key;   // a site's own industry key
}

// The industry a site's own "industry" field gives: an option whose key is a built-in industry, or
// whose label (or, for a text field, whose text) the keyword table classifies; else the option's
// key itself, which the site's own affinity rules may name.
std::optional<std::string> from_industry_field(const FieldDef& field, const std::string& stored) {
    const std::string value(text::trim(stored));
    if (value.empty()) return std::nullopt;
    for (const Industry& i : industries())
        if (i.key == value) return value;
    if (const FieldOption* option = field.option(value)) {
        if (auto m = classify_industry(option->label.zh, option->label.en)) return m->industry;
        return option->key;
    }
    if (auto m = classify_industry(value, {})) return m->industry;
    return std::nullopt;
}

std::string describe(const CooperationParty& p) {
    std::string work = p.company;
    if (!p.position.empty()) work += (work.empty() ? "" : "，") + p.position;
    return p.name + "（" + (work.empty() ? std::string() : work + "，") + industry_name(p.industry) + "）";
}

} // namespace

namespace detail {

std::map<std::int64_t, Occupation> occupations(Store& store, const Templates& templates, const Site& site,
                                               std::optional<std::int64_t> customer_id) {
    const Template t = templates.get(site.code);
    const FieldDef* industry_field = t.field("industry");
    struct Facts {
        std::string company, position, industry;
    };
    std::map<std::int64_t, Facts> facts;
    Query values(store, "SELECT v.customer_id, v.field, v.value FROM profile_values v JOIN customers c "
                        "ON c.id = v.customer_id WHERE c.site_id = ?1 AND c.deleted_at IS NULL "
                        "AND (?2 IS NULL OR v.customer_id = ?2) "
                        "AND (v.field = 'company' OR v.field = 'position' OR v.field = 'industry') "
                        "AND typeof(v.value) = 'text'");   // a sealed value (a site's sensitive field) is not read
    values->bind(1, site.id);
    bind_optional(*values, 2, customer_id);
    while (values->executeStep()) {
        Facts& f = facts[values->getColumn(0).getInt64()];
        const std::string field = values->getColumn(1).getString();
        (field == "company" ? f.company : field == "position" ? f.position : f.industry) = values->getColumn(2).getString();
    }
    std::map<std::int64_t, Occupation> out;
    for (const auto& [id, f] : facts) {
        Occupation o;
        o.company = f.company;
        o.position = f.position;
        if (industry_field && !industry_field->hidden) {
            if (auto key = from_industry_field(*industry_field, f.industry)) {
                o.industry = *key;
                o.matched_by = "industry";
            }
        }
        if (o.industry.empty()) {
            const auto m = classify_industry(f.company, f.position);
            if (!m) continue;
            o.industry = m->industry;
            o.matched_by = m->source;
        }
        out.emplace(id, std::move(o));
    }
    return out;
}

} // namespace detail

std::vector<CooperationPair> Referrals::cooperation_pairs(std::string_view site, int limit) const {
    detail::check_page(limit, 0);
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        const ReferralSettings settings = detail::load_settings(store_, s);
        const auto found = detail::occupations(store_, templates_, s, std::nullopt);

        // The site's introductions: the pairs made already, and what each industry pair came to.
        std::set<std::pair<std::int64_t, std::int64_t>> introduced;
        std::map<std::pair<std::string, std::string>, detail::PairHistory> history;
        Query intro(store_, "SELECT a_id, b_id, a_industry, b_industry, outcome FROM cooperation_introductions WHERE site_id = ?");
        intro->bind(1, s.id);
        while (intro->executeStep()) {
            introduced.emplace(intro->getColumn(0).getInt64(), intro->getColumn(1).getInt64());
            const std::string a = intro->getColumn(2).getString(), b = intro->getColumn(3).getString();
            const IntroductionOutcome outcome = parse_introduction_outcome(intro->getColumn(4).getText());
            if (a.empty() || b.empty() || outcome == IntroductionOutcome::pending) continue;
            detail::PairHistory& h = history[std::minmax(a, b)];
            ++(outcome == IntroductionOutcome::worked ? h.worked : h.no_result);
        }
        const std::vector<AffinityRule> rules = detail::learned_rules(settings.affinities, history);

        const auto g = cache_->graph(store_, 0);
        const auto comps = referral_graph::components(*g);
        std::vector<detail::Candidate> candidates;
        std::vector<CooperationParty> parties;
        for (const auto& [id, o] : found) {   // by id
            CooperationParty p;
            p.industry = o.industry;
            p.matched_by = o.matched_by;
            const Customer c = customers_.get(id);
            p.customer_id = id;
            p.name = c.name;
            p.archive_no = c.archive_no;
            p.company = o.company;
            p.position = o.position;
            p.owner = c.stage == Stage::owner;
            p.tier = c.tier;
            const Index v = g->index(id);
            candidates.push_back({id, p.industry, detail::standing(p.owner, p.tier),
                                  v == none ? -1 : static_cast<std::int64_t>(comps.of[v])});
            parties.push_back(std::move(p));
        }

        std::vector<CooperationPair> out;
        for (const detail::Match& m : detail::match_pairs(candidates, rules, static_cast<std::size_t>(limit), introduced)) {
            const AffinityRule& rule = settings.affinities[m.rule];
            CooperationPair pair;
            pair.a = parties[m.a];
            pair.b = parties[m.b];
            pair.score = m.score;
            pair.weight = rule.weight;
            pair.reason = rule.reason;
            pair.explanation = describe(pair.a) + "与" + describe(pair.b) + "：" + pair.reason;
            const auto h = history.find(std::minmax(rule.a, rule.b));
            if (h != history.end()) {
                pair.worked = h->second.worked;
                pair.no_result = h->second.no_result;
                pair.explanation += "（本案场此类介绍：" + std::to_string(pair.worked) + " 次有成效，" +
                                    std::to_string(pair.no_result) + " 次无结果）";
            }
            pair.learned = detail::learned_factor({pair.worked, pair.no_result});
            out.push_back(std::move(pair));
        }
        return out;
    });
}

} // namespace snowball
