// The referral service: registering claims under the rules, reading them, the site's settings and
// the graph cache. Analytics are in analytics.cpp, rewards in rewards.cpp.
#include "snowball/referrals.hpp"

#include "archive/merge_journal.hpp"
#include "archive/records.hpp"
#include "archive/store.hpp"
#include "codec/referrals.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "referrals/referral_store.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>

namespace snowball {

using detail::Query;

// ---------------------------------------------------------------------------------------------
// Shared helpers

namespace detail {

Referral read_referral(SQLite::Statement& s) {
    Referral r;
    r.id = s.getColumn(0).getInt64();
    r.site = s.getColumn(1).getString();
    r.referrer_id = s.getColumn(2).getInt64();
    r.referrer_name = s.getColumn(3).getString();
    r.referrer_archive_no = s.getColumn(4).getString();
    r.referee_id = s.getColumn(5).getInt64();
    r.referee_name = s.getColumn(6).getString();
    r.referee_archive_no = s.getColumn(7).getString();
    r.method = parse_referral_method(s.getColumn(8).getText());
    r.date = parse_date(s.getColumn(9).getText());
    r.credited = s.getColumn(10).getInt() != 0;
    if (!s.isColumnNull(11)) r.consultant_id = s.getColumn(11).getInt64();
    r.note = s.getColumn(12).getString();
    r.recorded_at = s.getColumn(13).getString();
    for (const auto& [kind, count] : text::key_value_pairs(s.getColumn(14).getText()))   // "brochure:3,letter:1"
        r.materials.push_back({parse_material_kind(kind), std::stoi(std::string(count))});
    std::sort(r.materials.begin(), r.materials.end(), [](const Material& a, const Material& b) { return a.kind < b.kind; });
    return r;
}

Referral require_referral(Store& store, std::int64_t id, const std::string& field) {
    Query q(store, SNOWBALL_REFERRAL_SELECT "WHERE r.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, field + ": no referral with id " + std::to_string(id), field);
    return read_referral(*q);
}

void touch_graph(Store& store) {
    Query q(store, "UPDATE archive_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'referral_graph_version'");
    q->exec();
}

std::optional<Site> optional_site(Store& store, std::string_view code, const std::string& field) {
    if (text::trim(code).empty()) return std::nullopt;
    return require_site(store, code, field);
}

ReferralSettings load_settings(Store& store, const Site& site) {
    ReferralSettings s;
    s.site = site.code;
    s.affinities = default_affinities();
    Query q(store, "SELECT affinities, reward_rule FROM referral_settings WHERE site_id = ?");
    q->bind(1, site.id);
    if (q->executeStep()) {
        if (!q->isColumnNull(0)) {
            s.affinities = codec::read<std::vector<AffinityRule>>(codec::parse(q->getColumn(0).getText(), "affinities"),
                                                                  "affinities");
            s.default_affinities = false;
        }
        if (!q->isColumnNull(1))
            s.reward = codec::read<RewardRule>(codec::parse(q->getColumn(1).getText(), "reward_rule"), "reward_rule");
    }
    return s;
}

std::vector<int> closed_deal_counts(Store& store, const referral_graph::Graph& g) {
    std::vector<int> deals(g.size(), 0);
    if (g.size() == 0) return deals;
    Query q(store, "SELECT customer_id, count(*) FROM deals WHERE cancelled = 0 AND stage = 'contract' GROUP BY customer_id");
    while (q->executeStep()) {
        const referral_graph::Index v = g.index(q->getColumn(0).getInt64());
        if (v != referral_graph::none) deals[v] = q->getColumn(1).getInt();
    }
    return deals;
}

Customer require_customer(const Customers& customers, std::int64_t id, const std::string& field) {
    auto c = customers.find(id);
    if (!c) detail::throw_no_customer(field, id);
    return *c;
}

Date day_or_today(const std::optional<Date>& given, const std::string& field) {
    const Date today = today_in_china();
    const Date date = given.value_or(today);
    if (date > today) throw_invalid(field, to_iso(date) + " is in the future (today is " + to_iso(today) + ", China time)");
    return date;
}

Date filing_day(const std::string& filed_at) {
    // "2026-11-27T17:30:00Z" is 2026-11-28 in China (UTC+8).
    const Date utc = parse_date(filed_at.substr(0, 10), "filed_at");
    const int hour = filed_at.size() >= 13 ? std::stoi(filed_at.substr(11, 2)) : 0;
    return hour >= 16 ? utc + boost::gregorian::days(1) : utc;
}

void rethrow_prefixed(const Error& e, const std::string& prefix) {
    if (e.field().empty()) throw e;
    std::string message = e.what();
    if (message.rfind(e.field() + ":", 0) == 0) message = prefix + message;
    throw Error(e.status(), message, prefix + e.field(), e.record_id());
}

Party require_party(detail::Store& store, std::int64_t id, const std::string& field) {
    if (id <= 0) throw_invalid(field, "must be a customer id (a positive integer)");
    Query q(store, "SELECT c.site_id, s.code, c.name, c.archive_no, c.consultant_id, c.filed_at FROM customers c "
                   "JOIN sites s ON s.id = c.site_id WHERE c.id = ? AND c.deleted_at IS NULL");
    q->bind(1, id);
    if (!q->executeStep())
        detail::throw_no_customer(field, id);
    Party p;
    p.site_id = q->getColumn(0).getInt64();
    p.site = q->getColumn(1).getString();
    p.name = q->getColumn(2).getString();
    p.archive_no = q->getColumn(3).getString();
    if (!q->isColumnNull(4)) p.consultant_id = q->getColumn(4).getInt64();
    p.filed = detail::filing_day(q->getColumn(5).getString());
    return p;
}

std::int64_t acting_consultant(Store& store, std::int64_t consultant_id, const std::string& site, const std::string& field) {
    const Consultant c = require_consultant(store, consultant_id, field);
    if (!c.active)
        throw Error(Status::invalid_state, field + ": consultant " + std::to_string(c.id) + " (" + c.name + ") is no longer active",
                    field, c.id);
    if (c.site != site)
        throw_invalid(field, "consultant " + std::to_string(c.id) + " works at site " + c.site + ", not at site " + site);
    return c.id;
}

} // namespace detail

std::shared_ptr<const referral_graph::Graph> Referrals::Cache::graph(detail::Store& store, std::int64_t site_id) {
    Query v(store, "SELECT CAST(value AS INTEGER) FROM archive_meta WHERE key = 'referral_graph_version'");
    const std::int64_t now = v->executeStep() ? v->getColumn(0).getInt64() : 0;
    if (now != version) {
        graphs.clear();
        version = now;
    }
    auto& slot = graphs[site_id];
    if (!slot) {
        std::vector<referral_graph::Claim> claims;
        Query q(store, "SELECT referrer_id, referee_id, credited FROM referrals WHERE ?1 = 0 OR site_id = ?1");
        q->bind(1, site_id);
        while (q->executeStep())
            claims.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getInt64(), q->getColumn(2).getInt() != 0});
        slot = std::make_shared<const referral_graph::Graph>(referral_graph::build(claims));
    }
    return slot;
}

namespace {

// The referrals' part of an erasure: a referral stays as an edge between two nodes of the graph (the
// erased person's node keeps its id and nothing else, so that chains, depths and the site's
// metrics stay right); its note goes, and so do the notes of the reward entries the person is in
// and, as referee, the unit of their deal.
void erase_referrals(detail::Store& store, const detail::CustomerErased& subject) {
    for (const char* sql : {"UPDATE referrals SET note = '' WHERE referrer_id = ?1 OR referee_id = ?1",
                            "UPDATE reward_entries SET note = '', revoke_reason = '' WHERE referrer_id = ?1 OR referee_id = ?1",
                            "UPDATE reward_entries SET unit = '' WHERE referee_id = ?1",
                            // Approaches to them and introductions of them are about them: they go.
                            "DELETE FROM key_person_approaches WHERE customer_id = ?1",
                            "DELETE FROM cooperation_introductions WHERE a_id = ?1 OR b_id = ?1"}) {
        Query q(store, sql);
        q->bind(1, subject.customer_id);
        q->exec();
    }
    detail::erase_handouts(store, subject);
    detail::touch_graph(store);
}

std::vector<std::int64_t> ids_of(detail::Store& store, const std::string& sql) {
    std::vector<std::int64_t> out;
    SQLite::Statement q(store.db(), sql);
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
}

// Points what names referral `from` (rewards, contacts) at referral `to`, and drops `from`.
void fold_referral(detail::MergeJournal& j, std::int64_t from, std::optional<std::int64_t> to) {
    const std::string id = std::to_string(from);
    if (to) {
        j.update("reward_entries", "referral_id", std::to_string(*to), "referral_id = " + id);
        j.update("contacts", "referral_id", std::to_string(*to), "referral_id = " + id);
    } else {
        j.update("contacts", "referral_id", "NULL", "referral_id = " + id);
    }
    j.remove("referral_materials", "referral_id = " + id);
    j.remove("referrals", "id = " + id);
}

// The referrals' part of a merge (docs/DATA_MODEL.md, "Merging"): the merged record's edges become
// the kept record's, both ways, and so do its reward entries. An edge between the two is dropped
// (nobody introduces themselves; kept in the journal) and said in the notes — unless it earned a
// reward, which stops the merge (conflict) until the reward is settled. An edge both had (the
// same referrer, or the same referee) is kept once, the kept record's, and what named the other
// names it. Where both were credited to referrers, the kept record's credit stands and the merged
// one's edge stays uncredited. A merge that would close a cycle (the kept record introduced,
// directly or through others, someone who introduced the merged one) is refused with a conflict
// naming that referral.
void merge_referrals(detail::Store& store, const detail::CustomersMerged& e) {
    detail::MergeJournal& j = e.journal;
    const std::string keep = std::to_string(e.keep), merged = std::to_string(e.merged);
    for (std::int64_t id : ids_of(store, "SELECT id FROM referrals WHERE (referrer_id = " + keep + " AND referee_id = " +
                                             merged + ") OR (referrer_id = " + merged + " AND referee_id = " + keep + ")")) {
        if (!ids_of(store, "SELECT id FROM reward_entries WHERE referral_id = " + std::to_string(id)).empty())
            throw Error(Status::conflict,
                        "merge: referral " + std::to_string(id) + " between customers " + keep + " and " + merged +
                            " earned a reward; revoke and settle it before merging the two records",
                        "merge", id);
        fold_referral(j, id, std::nullopt);
        e.notes.push_back("referral " + std::to_string(id) + " between customers " + keep + " and " + merged +
                          " dropped: nobody introduces themselves");
    }
    // The same edge on both records: the kept record's stays.
    for (const char* side : {"referrer_id", "referee_id"}) {
        const std::string other = std::string(side) == "referrer_id" ? "referee_id" : "referrer_id";
        SQLite::Statement q(store.db(), "SELECT m.id, k.id FROM referrals m JOIN referrals k ON k." + other + " = m." + other +
                                            " AND k." + side + " = " + keep + " WHERE m." + side + " = " + merged);
        std::vector<std::pair<std::int64_t, std::int64_t>> twins;
        while (q.executeStep()) twins.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
        for (const auto& [m, k] : twins) fold_referral(j, m, k);
    }
    if (!ids_of(store, "SELECT id FROM referrals WHERE referee_id = " + keep + " AND credited = 1").empty())
        j.update("referrals", "credited", "0", "referee_id = " + merged + " AND credited = 1");
    j.move("referrals", "referrer_id", e.merged, e.keep);
    j.move("referrals", "referee_id", e.merged, e.keep);
    j.move("reward_entries", "referrer_id", e.merged, e.keep);
    j.move("reward_entries", "referee_id", e.merged, e.keep);
    // Key-person approaches and handed-out materials follow the record.
    j.move("key_person_approaches", "customer_id", e.merged, e.keep);
    j.move("material_handouts", "customer_id", e.merged, e.keep);
    j.move("material_handouts", "referrer_id", e.merged, e.keep);
    // Cooperation introductions: a pair of the two records with each other goes (nobody is
    // introduced to themselves), as does a pair the kept record has too (the kept record's stays);
    // the others name the kept record, the smaller id first, their industries following.
    for (std::int64_t id : ids_of(store, "SELECT m.id FROM cooperation_introductions m WHERE (m.a_id = " + merged +
                                             " OR m.b_id = " + merged + ") AND (m.a_id = " + keep + " OR m.b_id = " + keep +
                                             " OR EXISTS (SELECT 1 FROM cooperation_introductions k WHERE (k.a_id = " + keep +
                                             " OR k.b_id = " + keep + ") AND (k.a_id + k.b_id - " + keep +
                                             ") = (m.a_id + m.b_id - " + merged + ")))")) {
        j.remove("cooperation_introductions", "id = " + std::to_string(id));
        e.notes.push_back("cooperation introduction " + std::to_string(id) + " dropped: it introduced customers " + keep +
                          " and " + merged + " to each other, or one the kept record has too");
    }
    const std::string other = "(a_id + b_id - " + merged + ")";
    j.rewrite("cooperation_introductions",
              {{"a_id", "min(" + keep + ", " + other + ")"},
               {"b_id", "max(" + keep + ", " + other + ")"},
               {"a_industry", "CASE WHEN (" + keep + " < " + other + ") = (a_id = " + merged + ") THEN a_industry ELSE b_industry END"},
               {"b_industry", "CASE WHEN (" + keep + " < " + other + ") = (a_id = " + merged + ") THEN b_industry ELSE a_industry END"}},
              "a_id = " + merged + " OR b_id = " + merged);
    {
        // A cycle through the kept record: a referrer of it that it introduced, directly or not.
        Query q(store, "WITH RECURSIVE down(id) AS (SELECT ?1 UNION SELECT r.referee_id FROM referrals r "
                       "JOIN down ON r.referrer_id = down.id) "
                       "SELECT r.id, r.referrer_id FROM referrals r WHERE r.referee_id = ?1 AND r.referrer_id IN down LIMIT 1");
        q->bind(1, e.keep);
        if (q->executeStep())
            throw Error(Status::conflict,
                        "merge: referral " + q->getColumn(0).getString() + " (customer " + q->getColumn(1).getString() +
                            " introduced customer " + merged + " or " + keep + ") would close a cycle: customer " + keep +
                            " introduced customer " + q->getColumn(1).getString() +
                            " (directly or through others); remove that referral first if the records are one person",
                        "merge", q->getColumn(0).getInt64());
    }
    j.update("archive_meta", "value", "CAST(value AS INTEGER) + 1", "key = 'referral_graph_version'");
}

} // namespace

Referrals::Referrals(detail::Store& store, Customers& customers, Templates& templates)
    : store_(store), customers_(customers), templates_(templates), cache_(std::make_unique<Cache>()) {
    store_.events().subscribe<detail::CustomerErased>("referrals", erase_referrals);
    store_.events().subscribe<detail::CustomersFiled>("referrals", detail::match_handouts);
    store_.events().subscribe<detail::CustomersMerged>("referrals", merge_referrals);
}
Referrals::~Referrals() = default;

// ---------------------------------------------------------------------------------------------
// Registering

namespace {

constexpr int max_material_count = 10000;

using detail::Party;
using detail::require_party;

std::string who(const Party& p, std::int64_t id) {
    return p.name + " (" + p.archive_no + ", customer " + std::to_string(id) + ")";
}

// Checks one claim against the archive and writes it; the caller's transaction holds it all.
std::int64_t insert_referral(detail::Store& store, const NewReferral& input, Date today, const std::string& now) {
    const std::string note = text::clean(input.note, "note", 500, false, text::Lines::multi);
    std::vector<Material> materials = input.materials;
    std::sort(materials.begin(), materials.end(), [](const Material& a, const Material& b) { return a.kind < b.kind; });
    for (std::size_t i = 0; i < materials.size(); ++i) {
        const std::string field = std::string("materials.") + to_string(materials[i].kind);
        if (i > 0 && materials[i].kind == materials[i - 1].kind) throw_invalid(field, "is given twice");
        if (materials[i].count < 1 || materials[i].count > max_material_count)
            throw_invalid(field, "count " + std::to_string(materials[i].count) + " is not between 1 and " +
                                     std::to_string(max_material_count));
    }
    if (input.referrer_id == input.referee_id && input.referrer_id > 0)
        throw_invalid("referee_id", "customer " + std::to_string(input.referee_id) + " cannot refer themselves");
    const Date date = input.date.value_or(today);
    if (date > today) throw_invalid("date", to_iso(date) + " is in the future (today is " + to_iso(today) + ", China time)");

    const Party referrer = require_party(store, input.referrer_id, "referrer_id");
    const Party referee = require_party(store, input.referee_id, "referee_id");
    if (date > referee.filed)
        throw_invalid("date", who(referee, input.referee_id) + " was filed on " + to_iso(referee.filed) +
                                  "; a referral registered on " + to_iso(date) +
                                  " comes too late: the referee must be new to the site (registered on or before "
                                  "the day they were filed). Give the date of the introduction if it was earlier.");
    {
        Query same(store, "SELECT id FROM referrals WHERE referee_id = ? AND referrer_id = ?");
        same->bind(1, input.referee_id);
        same->bind(2, input.referrer_id);
        if (same->executeStep()) {
            const std::int64_t existing = same->getColumn(0).getInt64();
            throw Error(Status::conflict,
                        "referrer_id: " + who(referrer, input.referrer_id) + " is already on file as introducing " +
                            who(referee, input.referee_id) + " (referral " + std::to_string(existing) + ")",
                        "referrer_id", existing);
        }
    }
    {
        // A cycle: the referee introduced the referrer, directly or through others (any claim).
        Query up(store, "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT r.referrer_id FROM referrals r "
                        "JOIN up ON r.referee_id = up.id) SELECT 1 FROM up WHERE id = ?2 LIMIT 1");
        up->bind(1, input.referrer_id);
        up->bind(2, input.referee_id);
        if (up->executeStep())
            throw_invalid("referee_id", who(referee, input.referee_id) + " introduced " + who(referrer, input.referrer_id) +
                                            " (directly or through others): this referral would close a cycle");
    }
    std::optional<std::int64_t> consultant = referee.consultant_id;
    if (input.consultant_id) consultant = detail::acting_consultant(store, *input.consultant_id, referee.site, "consultant_id");
    Query credited(store, "SELECT 1 FROM referrals WHERE referee_id = ? AND credited = 1");
    credited->bind(1, input.referee_id);
    const bool first = !credited->executeStep();

    Query q(store, "INSERT INTO referrals(site_id, referrer_id, referee_id, method, referral_date, credited, "
                   "consultant_id, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind(1, referee.site_id);
    q->bind(2, input.referrer_id);
    q->bind(3, input.referee_id);
    q->bind(4, to_string(input.method));
    q->bind(5, to_iso(date));
    q->bind(6, first ? 1 : 0);
    detail::bind_optional(*q, 7, consultant);
    q->bind(8, note);
    q->bind(9, now);
    q->exec();
    const std::int64_t id = store.db().getLastInsertRowid();
    for (const Material& m : materials) {
        Query mq(store, "INSERT INTO referral_materials(referral_id, kind, count) VALUES (?, ?, ?)");
        mq->bind(1, id);
        mq->bind(2, to_string(m.kind));
        mq->bind(3, m.count);
        mq->exec();
    }
    return id;
}

} // namespace

Referral Referrals::add(const NewReferral& referral) {
    return store_.write([&] {
        const std::int64_t id = insert_referral(store_, referral, today_in_china(), text::now_utc());
        detail::touch_graph(store_);
        return detail::require_referral(store_, id, "id");
    });
}

std::vector<Referral> Referrals::add_many(const std::vector<NewReferral>& referrals) {
    return store_.write([&] {
        const Date today = today_in_china();
        const std::string now = text::now_utc();
        std::vector<std::int64_t> ids;
        ids.reserve(referrals.size());
        for (std::size_t i = 0; i < referrals.size(); ++i) {
            try {
                ids.push_back(insert_referral(store_, referrals[i], today, now));
            } catch (const Error& e) {
                detail::rethrow_prefixed(e, "referrals[" + std::to_string(i) + "].");
            }
        }
        if (!ids.empty()) detail::touch_graph(store_);
        std::vector<Referral> out;
        out.reserve(ids.size());
        for (std::int64_t id : ids) out.push_back(detail::require_referral(store_, id, "id"));
        return out;
    });
}

Referral Referrals::get(std::int64_t id) const {
    return store_.read([&] { return detail::require_referral(store_, id, "referral_id"); }, false);
}

Page<Referral> Referrals::list(const ReferralQuery& query) const {
    if (query.from && query.to && *query.from > *query.to) throw_invalid("from", "is after to");
    return store_.read([&] {
        const auto site = detail::optional_site(store_, query.site, "site");
        std::optional<std::string> method, from, to;
        if (query.method) method = to_string(*query.method);
        if (query.from) from = to_iso(*query.from);
        if (query.to) to = to_iso(*query.to);
        const auto bind = [&](SQLite::Statement& s) {
            s.bind(1, site ? site->id : 0);
            detail::bind_optional(s, 2, query.referrer_id);
            detail::bind_optional(s, 3, query.referee_id);
            detail::bind_optional(s, 4, method);
            detail::bind_optional(s, 5, from);
            detail::bind_optional(s, 6, to);
            s.bind(7, query.credited_only ? 1 : 0);
            return 8;
        };
#define SNOWBALL_REFERRAL_FILTER                                                                                  \
    "WHERE (?1 = 0 OR r.site_id = ?1) AND (?2 IS NULL OR r.referrer_id = ?2) AND (?3 IS NULL OR r.referee_id = ?3) " \
    "AND (?4 IS NULL OR r.method = ?4) AND (?5 IS NULL OR r.referral_date >= ?5) AND (?6 IS NULL OR r.referral_date <= ?6) " \
    "AND (?7 = 0 OR r.credited = 1) "
        return detail::read_page<Referral>(
            store_.db(), "SELECT count(*) FROM referrals r " SNOWBALL_REFERRAL_FILTER,
            SNOWBALL_REFERRAL_SELECT SNOWBALL_REFERRAL_FILTER "ORDER BY r.referral_date, r.id LIMIT ?8 OFFSET ?9", query.limit,
            query.offset, bind, detail::read_referral);
#undef SNOWBALL_REFERRAL_FILTER
    });
}

CustomerReferrals Referrals::of(std::int64_t customer_id) const {
    return store_.read([&] {
        detail::require_customer(customers_, customer_id, "customer_id");
        CustomerReferrals out;
        out.customer_id = customer_id;
        Query in(store_, SNOWBALL_REFERRAL_SELECT "WHERE r.referee_id = ? ORDER BY r.id");
        in->bind(1, customer_id);
        while (in->executeStep()) {
            Referral r = detail::read_referral(*in);
            if (r.credited) out.referred_by = std::move(r);
            else out.other_claims.push_back(std::move(r));
        }
        Query by(store_, SNOWBALL_REFERRAL_SELECT "WHERE r.referrer_id = ? ORDER BY r.referral_date, r.id");
        by->bind(1, customer_id);
        while (by->executeStep()) out.referred.push_back(detail::read_referral(*by));
        return out;
    });
}

void Referrals::remove(std::int64_t referral_id) {
    store_.write([&] {
        const Referral r = detail::require_referral(store_, referral_id, "referral_id");
        Query rewarded(store_, "SELECT id FROM reward_entries WHERE referral_id = ? ORDER BY id LIMIT 1");
        rewarded->bind(1, referral_id);
        if (rewarded->executeStep())
            throw Error(Status::invalid_state,
                        "referral_id: referral " + std::to_string(referral_id) + " has a reward in the ledger (entry " +
                            std::to_string(rewarded->getColumn(0).getInt64()) + "); it stays on file",
                        "referral_id", rewarded->getColumn(0).getInt64());
        for (const char* sql : {"DELETE FROM referral_materials WHERE referral_id = ?", "DELETE FROM referrals WHERE id = ?"}) {
            Query q(store_, sql);
            q->bind(1, referral_id);
            q->exec();
        }
        if (r.credited) {
            // The first registration wins: the earliest remaining claim is credited now.
            Query promote(store_, "UPDATE referrals SET credited = 1 WHERE id = (SELECT id FROM referrals "
                                  "WHERE referee_id = ? ORDER BY id LIMIT 1)");
            promote->bind(1, r.referee_id);
            promote->exec();
        }
        detail::touch_graph(store_);
    });
}

// ---------------------------------------------------------------------------------------------
// Settings

namespace {

void store_setting(detail::Store& store, std::int64_t site_id, const char* column, const std::optional<std::string>& value) {
    Query ensure(store, "INSERT INTO referral_settings(site_id, updated_at) VALUES (?, ?) ON CONFLICT (site_id) DO NOTHING");
    ensure->bind(1, site_id);
    ensure->bind(2, text::now_utc());
    ensure->exec();
    SQLite::Statement q(store.db(), std::string("UPDATE referral_settings SET ") + column + " = ?, updated_at = ? WHERE site_id = ?");
    detail::bind_optional(q, 1, value);
    q.bind(2, text::now_utc());
    q.bind(3, site_id);
    q.exec();
}

std::vector<AffinityRule> cleaned(const std::vector<AffinityRule>& rules) {
    std::vector<AffinityRule> out = rules;
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].a = text::lower_ascii(text::trim(out[i].a));
        out[i].b = text::lower_ascii(text::trim(out[i].b));
        out[i].reason = text::clean(out[i].reason, "affinities[" + std::to_string(i) + "].reason", 200, true);
    }
    validate(out, "affinities");
    return out;
}

} // namespace

ReferralSettings Referrals::settings(std::string_view site) const {
    return store_.read([&] { return detail::load_settings(store_, detail::require_site(store_, site, "site")); });
}

ReferralSettings Referrals::set_affinities(std::string_view site, const std::vector<AffinityRule>& rules) {
    const std::vector<AffinityRule> table = cleaned(rules);
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        store_setting(store_, s.id, "affinities", codec::dump(codec::json(table)));
        return detail::load_settings(store_, s);
    });
}

ReferralSettings Referrals::reset_affinities(std::string_view site) {
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        store_setting(store_, s.id, "affinities", std::nullopt);
        return detail::load_settings(store_, s);
    });
}

ReferralSettings Referrals::set_reward_rule(std::string_view site, const RewardRule& rule) {
    RewardRule r = rule;
    r.note = text::clean(r.note, "rule.note", 500, false, text::Lines::multi);
    validate(r, "rule");
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        store_setting(store_, s.id, "reward_rule", codec::dump(codec::json(r)));
        return detail::load_settings(store_, s);
    });
}

} // namespace snowball
