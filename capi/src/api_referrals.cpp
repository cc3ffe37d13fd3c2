// The referral graph at the C boundary: JSON in, the C++ service, JSON out. No rule lives here.
#include "guard.hpp"
#include "json_codec.hpp"

#include "referrals/referral_json.hpp"
#include "snowball/referrals.hpp"

using namespace snowball;
using namespace snowball::capi;

namespace {

using snowball::capi::to_json;   // deals; the records below add their own

json object_or_empty(const char* text, const char* what) { return text ? parse_object(text, what) : json::object(); }

std::optional<std::int64_t> by_from(int64_t by) {
    if (by < 0) throw_invalid("by", "must be a consultant id, or 0");
    return by ? std::optional<std::int64_t>(by) : std::nullopt;
}

json optional_id(const std::optional<std::int64_t>& id) { return id ? json(*id) : json(nullptr); }
json optional_number(const std::optional<double>& x) { return x ? json(*x) : json(nullptr); }

// ---------------------------------------------------------------------------------------------
// Input

std::vector<Material> materials_from(const json* object, const std::string& path) {
    std::vector<Material> out;
    if (!object) return out;
    for (auto it = object->begin(); it != object->end(); ++it) {
        const std::string field = path + it.key();
        const MaterialKind kind = parse_material_kind(it.key(), field);
        if (!it->is_number_integer() || it->get<std::int64_t>() < INT32_MIN || it->get<std::int64_t>() > INT32_MAX)
            throw_invalid(field, "must be a count (an integer)");
        out.push_back({kind, it->get<int>()});
    }
    return out;
}

NewReferral new_referral_from(const json& object, const std::string& path) {
    ObjectReader r(object, path, {"referrer_id", "referee_id", "method", "date", "materials", "consultant_id", "note"});
    NewReferral n;
    const auto id = [&](const char* key) {
        const auto v = r.integer(key);
        if (!v) throw_invalid(r.field(key), "is required");
        return *v;
    };
    n.referrer_id = id("referrer_id");
    n.referee_id = id("referee_id");
    n.method = parse_referral_method(r.required_text("method"), r.field("method"));
    n.date = r.date("date");
    n.materials = materials_from(r.object("materials"), r.field("materials") + ".");
    n.consultant_id = r.integer("consultant_id");
    n.note = r.text("note").value_or("");
    return n;
}

// ---------------------------------------------------------------------------------------------
// Output

json to_json(const Referral& r) {
    json materials = json::object();
    for (const Material& m : r.materials) materials[to_string(m.kind)] = m.count;
    return {{"id", r.id},
            {"site", r.site},
            {"referrer_id", r.referrer_id},
            {"referrer_name", r.referrer_name},
            {"referrer_archive_no", r.referrer_archive_no},
            {"referee_id", r.referee_id},
            {"referee_name", r.referee_name},
            {"referee_archive_no", r.referee_archive_no},
            {"method", to_string(r.method)},
            {"date", to_iso(r.date)},
            {"credited", r.credited},
            {"materials", materials},
            {"consultant_id", optional_id(r.consultant_id)},
            {"note", r.note},
            {"recorded_at", r.recorded_at}};
}

json to_json(const TreeMember& m) {
    return {{"customer_id", m.customer_id}, {"referrer_id", m.referrer_id}, {"generation", m.generation},
            {"name", m.name},               {"archive_no", m.archive_no},   {"site", m.site},
            {"stage", to_string(m.stage)},  {"deals", m.deals}};
}

json to_json(const MonthMetrics& m) {
    char month[8];
    std::snprintf(month, sizeof month, "%04d-%02d", m.year, m.month);
    json materials = json::object();
    for (const auto& [kind, count] : m.materials) materials[to_string(kind)] = count;
    return {{"month", month},
            {"new_customers", m.new_customers},
            {"deals", m.deals},
            {"referred_deals", m.referred_deals},
            {"referral_share", optional_number(m.referral_share)},
            {"referrals", m.referrals},
            {"secondary_claims", m.secondary_claims},
            {"referrers", m.referrers},
            {"mean_chain_depth", optional_number(m.mean_chain_depth)},
            {"growth_factor", optional_number(m.growth_factor)},
            {"materials", materials}};
}

json to_json(const KeyPerson& p) {
    return {{"customer_id", p.customer_id}, {"score", p.score},         {"name", p.name},
            {"archive_no", p.archive_no},   {"site", p.site},           {"referees", p.referees},
            {"descendants", p.descendants}, {"descendant_deals", p.descendant_deals}};
}

json to_json(const Circle& c) {
    return {{"id", c.id},         {"members", c.members}, {"referrals", c.referrals},
            {"owners", c.owners}, {"deals", c.deals},     {"hub", c.hub}};
}

json to_json(const Influence& i) {
    return {{"customer_id", i.customer_id},
            {"referrer_id", optional_id(i.referrer_id)},
            {"generation", i.generation},
            {"referees", i.referees},
            {"descendants", i.descendants},
            {"deals", i.deals},
            {"descendant_deals", i.descendant_deals},
            {"weighted_deals", i.weighted_deals},
            {"circle", i.circle}};
}

json to_json(const RepeatVisitor& v) {
    json days = json::array();
    for (Date d : v.visit_days) days.push_back(to_iso(d));
    return {{"customer_id", v.customer_id},
            {"name", v.name},
            {"archive_no", v.archive_no},
            {"mobile", v.mobile},
            {"consultant_id", optional_id(v.consultant_id)},
            {"tier", to_string(v.tier)},
            {"stage", to_string(v.stage)},
            {"visit_days", days},
            {"last_visit", to_iso(v.last_visit)},
            {"days_since_last", v.days_since_last},
            {"signal",
             {{"score", v.signal.score},
              {"frequency", v.signal.frequency},
              {"recency", v.signal.recency},
              {"acceleration", v.signal.acceleration},
              {"gap_trend", optional_number(v.signal.gap_trend)}}}};
}

json to_json(const CooperationParty& p) {
    return {{"customer_id", p.customer_id}, {"name", p.name},         {"archive_no", p.archive_no},
            {"industry", p.industry},       {"company", p.company},   {"position", p.position},
            {"matched_by", p.matched_by},   {"owner", p.owner},       {"tier", to_string(p.tier)}};
}

json to_json(const CooperationPair& p) {
    return {{"a", to_json(p.a)},       {"b", to_json(p.b)},        {"score", p.score},
            {"weight", p.weight},      {"reason", p.reason},       {"explanation", p.explanation}};
}

json to_json(const ReferralSettings& s) {
    json affinities = json::array();
    for (const AffinityRule& r : s.affinities) affinities.push_back(detail::affinity_json(r));
    return {{"site", s.site}, {"affinities", affinities}, {"default_affinities", s.default_affinities},
            {"reward", detail::reward_rule_json(s.reward)}};
}

json to_json(const RewardCheck& c) {
    json reasons = json::array();
    for (const RewardReason& r : c.reasons) reasons.push_back({{"code", r.code}, {"message", r.message}});
    return {{"deal_id", c.deal_id},
            {"eligible", c.eligible},
            {"reasons", reasons},
            {"referee_id", c.referee_id},
            {"referral_id", optional_id(c.referral_id)},
            {"referrer_id", optional_id(c.referrer_id)},
            {"kind", to_string(c.kind)},
            {"amount", c.amount},
            {"entry_id", optional_id(c.entry_id)}};
}

json to_json(const RewardEntry& e) {
    return {{"id", e.id},
            {"site", e.site},
            {"deal_id", optional_id(e.deal_id)},
            {"unit", e.unit},
            {"deal_date", to_iso(e.deal_date)},
            {"deal_cancelled", e.deal_cancelled},
            {"referral_id", e.referral_id},
            {"referrer_id", e.referrer_id},
            {"referrer_name", e.referrer_name},
            {"referee_id", e.referee_id},
            {"referee_name", e.referee_name},
            {"kind", to_string(e.kind)},
            {"amount", e.amount},
            {"status", to_string(e.status)},
            {"granted_at", e.granted_at},
            {"granted_by", optional_id(e.granted_by)},
            {"note", e.note},
            {"revoked_at", e.revoked_at.empty() ? json(nullptr) : json(e.revoked_at)},
            {"revoked_by", optional_id(e.revoked_by)},
            {"revoke_reason", e.revoke_reason}};
}

json to_json(const RewardTotal& t) {
    return {{"referrer_id", t.referrer_id}, {"name", t.name},   {"archive_no", t.archive_no},
            {"entries", t.entries},         {"points", t.points}, {"property_fee_months", t.property_fee_months},
            {"cash", t.cash}};
}

template <class T>
json list_json(const std::vector<T>& items) {
    json out = json::array();
    for (const T& item : items) out.push_back(to_json(item));
    return out;
}

template <class T>
json page_json(const Page<T>& page) {
    return {{"items", list_json(page.items)}, {"total", page.total}};
}

} // namespace

extern "C" {

int snowball_referral_add(char** out_json, snowball_archive* archive, const char* referral_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const NewReferral n = new_referral_from(parse_object(referral_json, "referral_json"), "");
    give(out_json, dump(to_json(a.referrals().add(n))));
    SNOWBALL_API_END
}

int snowball_referral_add_many(char** out_json, snowball_archive* archive, const char* referrals_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = parse_json(referrals_json, "referrals_json");
    if (!doc.is_array()) throw_invalid("referrals_json", "must be a JSON array of referrals");
    std::vector<NewReferral> batch;
    for (std::size_t i = 0; i < doc.size(); ++i) batch.push_back(new_referral_from(doc[i], "referrals[" + std::to_string(i) + "]"));
    give(out_json, dump(list_json(a.referrals().add_many(batch))));
    SNOWBALL_API_END
}

int snowball_referral_get(char** out_json, snowball_archive* archive, int64_t referral_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).referrals().get(referral_id))));
    SNOWBALL_API_END
}

int snowball_referral_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = object_or_empty(query_json, "query_json");
    ObjectReader r(doc, "", {"site", "referrer_id", "referee_id", "method", "from", "to", "credited_only", "limit", "offset"});
    ReferralQuery q;
    q.site = r.text("site").value_or("");
    q.referrer_id = r.integer("referrer_id");
    q.referee_id = r.integer("referee_id");
    if (auto m = r.text("method")) q.method = parse_referral_method(*m, "method");
    q.from = r.date("from");
    q.to = r.date("to");
    q.credited_only = r.boolean("credited_only").value_or(false);
    if (auto v = r.int32("limit")) q.limit = *v;
    if (auto v = r.integer("offset")) q.offset = *v;
    give(out_json, dump(page_json(a.referrals().list(q))));
    SNOWBALL_API_END
}

int snowball_referral_of_customer(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    const CustomerReferrals c = archive_of(archive).referrals().of(customer_id);
    give(out_json, dump({{"customer_id", c.customer_id},
                         {"referred_by", c.referred_by ? to_json(*c.referred_by) : json(nullptr)},
                         {"other_claims", list_json(c.other_claims)},
                         {"referred", list_json(c.referred)}}));
    SNOWBALL_API_END
}

int snowball_referral_remove(snowball_archive* archive, int64_t referral_id) {
    SNOWBALL_API_BEGIN
    archive_of(archive).referrals().remove(referral_id);
    SNOWBALL_API_END
}

int snowball_referral_tree(char** out_json, snowball_archive* archive, int64_t customer_id, int max_generations) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    const ReferralTree t = archive_of(archive).referrals().tree(customer_id, max_generations);
    json generations = json::array();
    for (const auto& g : t.generations) generations.push_back(list_json(g));
    give(out_json, dump({{"root", t.root}, {"descendants", t.descendants}, {"generations", generations},
                         {"deals", list_json(t.deals)}}));
    SNOWBALL_API_END
}

int snowball_referral_metrics(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = parse_object(query_json, "query_json");
    ObjectReader r(doc, "", {"site", "from", "to"});
    MetricsQuery q;
    q.site = r.required_text("site");
    const auto from = r.date("from"), to = r.date("to");
    if (!from) throw_invalid("from", "is required");
    if (!to) throw_invalid("to", "is required");
    q.from = *from;
    q.to = *to;
    give(out_json, dump(list_json(a.referrals().metrics(q))));
    SNOWBALL_API_END
}

int snowball_referral_pagerank(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    json out = json::array();
    for (const NodeScore& s : archive_of(archive).referrals().pagerank(optional_text(site)))
        out.push_back(json::array({s.customer_id, s.score}));
    give(out_json, dump(out));
    SNOWBALL_API_END
}

int snowball_referral_key_persons(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = object_or_empty(query_json, "query_json");
    ObjectReader r(doc, "", {"site", "by", "limit", "decay"});
    KeyPersonQuery q;
    q.site = r.text("site").value_or("");
    if (auto by = r.text("by")) q.by = parse_key_person_measure(*by, "by");
    if (auto v = r.int32("limit")) q.limit = *v;
    if (auto v = r.number("decay")) q.decay = *v;
    const KeyPersonRanking k = a.referrals().key_persons(q);
    give(out_json, dump({{"by", to_string(k.by)}, {"exact", k.exact}, {"nodes", k.nodes}, {"sources", k.sources},
                         {"people", list_json(k.people)}}));
    SNOWBALL_API_END
}

int snowball_referral_circles(char** out_json, snowball_archive* archive, const char* site, int min_size) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(list_json(archive_of(archive).referrals().circles(optional_text(site), min_size))));
    SNOWBALL_API_END
}

int snowball_referral_influence(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(list_json(archive_of(archive).referrals().influence(optional_text(site)))));
    SNOWBALL_API_END
}

int snowball_referral_repeat_visitors(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = parse_object(query_json, "query_json");
    ObjectReader r(doc, "", {"site", "since", "min_visits", "until", "consultant_id", "limit"});
    RepeatVisitorQuery q;
    q.site = r.required_text("site");
    const auto since = r.date("since");
    if (!since) throw_invalid("since", "is required");
    q.since = *since;
    if (auto v = r.int32("min_visits")) q.min_visits = *v;
    q.until = r.date("until");
    q.consultant_id = r.integer("consultant_id");
    if (auto v = r.int32("limit")) q.limit = *v;
    give(out_json, dump(list_json(a.referrals().repeat_visitors(q))));
    SNOWBALL_API_END
}

int snowball_referral_cooperation_pairs(char** out_json, snowball_archive* archive, const char* site, int limit) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(list_json(a.referrals().cooperation_pairs(required_text(site, "site"), limit))));
    SNOWBALL_API_END
}

int snowball_referral_industries(char** out_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    json out = json::array();
    for (const Industry& i : industries()) out.push_back({{"key", i.key}, {"name_zh", i.name_zh}, {"name_en", i.name_en}});
    give(out_json, dump(out));
    SNOWBALL_API_END
}

int snowball_referral_classify_industry(char** out_json, const char* company, const char* position) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    if (!company && !position) throw_invalid("company", "is NULL, and so is position: give at least one");
    const auto m = classify_industry(optional_text(company), optional_text(position));
    give(out_json, dump(m ? json{{"industry", m->industry}, {"keyword", m->keyword}, {"source", m->source}} : json(nullptr)));
    SNOWBALL_API_END
}

int snowball_referral_settings(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.referrals().settings(required_text(site, "site")))));
    SNOWBALL_API_END
}

int snowball_referral_set_affinities(char** out_json, snowball_archive* archive, const char* site,
                                     const char* affinities_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const json doc = parse_json(affinities_json, "affinities_json");
    if (doc.is_null()) {
        give(out_json, dump(to_json(a.referrals().reset_affinities(s))));
    } else {
        if (!doc.is_array()) throw_invalid("affinities_json", "must be a JSON array of affinity rules, or null");
        give(out_json, dump(to_json(a.referrals().set_affinities(s, detail::affinities_from(doc, "affinities")))));
    }
    SNOWBALL_API_END
}

int snowball_referral_set_reward_rule(char** out_json, snowball_archive* archive, const char* site, const char* rule_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const RewardRule rule = detail::reward_rule_from(parse_object(rule_json, "rule_json"), "rule");
    give(out_json, dump(to_json(a.referrals().set_reward_rule(s, rule))));
    SNOWBALL_API_END
}

int snowball_reward_check(char** out_json, snowball_archive* archive, int64_t deal_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).referrals().check_reward(deal_id))));
    SNOWBALL_API_END
}

int snowball_reward_grant(char** out_json, snowball_archive* archive, int64_t deal_id, int64_t by, const char* note) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.referrals().grant_reward(deal_id, by_from(by), optional_text(note)))));
    SNOWBALL_API_END
}

int snowball_reward_settle(char** out_json, snowball_archive* archive, const char* site, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give(out_json, dump(list_json(a.referrals().settle_rewards(s, by_from(by)))));
    SNOWBALL_API_END
}

int snowball_reward_revoke(char** out_json, snowball_archive* archive, int64_t entry_id, const char* reason, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string why = required_text(reason, "reason");
    give(out_json, dump(to_json(a.referrals().revoke_reward(entry_id, why, by_from(by)))));
    SNOWBALL_API_END
}

int snowball_reward_get(char** out_json, snowball_archive* archive, int64_t entry_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).referrals().reward(entry_id))));
    SNOWBALL_API_END
}

int snowball_reward_ledger(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = object_or_empty(query_json, "query_json");
    ObjectReader r(doc, "", {"site", "referrer_id", "include_revoked", "limit", "offset"});
    LedgerQuery q;
    q.site = r.text("site").value_or("");
    q.referrer_id = r.integer("referrer_id");
    q.include_revoked = r.boolean("include_revoked").value_or(true);
    if (auto v = r.int32("limit")) q.limit = *v;
    if (auto v = r.integer("offset")) q.offset = *v;
    give(out_json, dump(page_json(a.referrals().ledger(q))));
    SNOWBALL_API_END
}

int snowball_reward_totals(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(list_json(a.referrals().reward_totals(required_text(site, "site")))));
    SNOWBALL_API_END
}

} // extern "C"
