// Channel partners, the owner of a customer, the public pool (公海) and claims, reassignments,
// disputes and their decisions, the attribution history, the sites' settings.
#include "attribution/attribution_store.hpp"

#include "archive/records.hpp"
#include "codec/attribution.hpp"
#include "common/text.hpp"
#include "privacy/access.hpp"
#include "snowball/customers.hpp"
#include "snowball/phone.hpp"

namespace snowball {

using detail::Query;

namespace {

using boost::gregorian::days;

std::string partner_phone(const std::string& raw) {
    return text::trim(raw).empty() ? std::string() : normalize_phone(raw, "phone").number;
}

// What a caller sees: in the pool, nobody's.
Attribution attribution_of(const detail::Ownership& o) {
    Attribution a = o;
    if (a.in_pool) a.consultant_id = a.partner_id = a.registration_id = std::nullopt;
    return a;
}

// A new owner from today's decision of a person (a claim, a reassignment, a dispute's decision):
// protected for the site's claim window.
detail::NewOwner decided_owner(detail::Store& store, const detail::Ownership& before, std::optional<std::int64_t> consultant_id,
                               const std::string& reason, Date day, const std::string& by) {
    const AttributionSettings settings = detail::load_attribution_settings(store, before.site_id, before.site);
    detail::NewOwner o;
    o.consultant_id = consultant_id;
    o.source = reason;
    o.channel = "claim";
    o.since = day;
    o.expires = day + days(settings.claim_days);
    o.reason = reason;
    o.by = by;
    return o;
}

// The manager deciding (`by`): a manager of the site; a handle acting as someone else is forbidden.
void require_deciding_manager(detail::Store& store, std::int64_t by, const std::string& site) {
    const Actor actor = detail::acting(store, by, "by");
    const Consultant m = detail::require_consultant_at(store, by, site, "by");
    if (m.role != ConsultantRole::manager) throw_invalid("by", "consultant " + std::to_string(by) + " is not a manager");
    detail::require_site_manager(store.actor(), site, "by");
    (void)actor;
}

#define SNOWBALL_DISPUTE_SELECT                                                                                            \
    "SELECT d.id, s.code, d.customer_id, d.claimant_consultant_id, d.claimant_partner_id, d.registration_id, d.note, d.status, " \
    "d.winner_consultant_id, d.winner_partner_id, d.decided_by, d.decision_note, d.created_at, d.created_by, d.decided_at "   \
    "FROM attribution_disputes d JOIN sites s ON s.id = d.site_id "

std::optional<std::int64_t> opt_id(SQLite::Statement& q, int i) {
    if (q.isColumnNull(i)) return std::nullopt;
    return q.getColumn(i).getInt64();
}

Dispute read_dispute(SQLite::Statement& q) {
    Dispute d;
    d.id = q.getColumn(0).getInt64();
    d.site = q.getColumn(1).getString();
    d.customer_id = q.getColumn(2).getInt64();
    d.claimant_consultant_id = opt_id(q, 3);
    d.claimant_partner_id = opt_id(q, 4);
    d.registration_id = opt_id(q, 5);
    d.note = q.getColumn(6).getString();
    d.status = parse_dispute_status(q.getColumn(7).getText());
    d.winner_consultant_id = opt_id(q, 8);
    d.winner_partner_id = opt_id(q, 9);
    d.decided_by = opt_id(q, 10);
    d.decision_note = q.getColumn(11).getString();
    d.created_at = q.getColumn(12).getString();
    d.created_by = q.getColumn(13).getString();
    d.decided_at = q.getColumn(14).getString();
    return d;
}

Dispute require_dispute(detail::Store& store, std::int64_t id, const std::string& field) {
    Query q(store, SNOWBALL_DISPUTE_SELECT "WHERE d.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, field + ": no dispute " + std::to_string(id), field);
    return read_dispute(*q);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Partners

Partner Registrations::add_partner(const NewPartner& in) {
    return store_.write([&] {
        const Site site = detail::require_site(store_, in.site, "site");
        detail::require_site_manager(store_.actor(), site.code, "site");
        const std::string name = text::clean(in.name, "name", 100, true);
        const std::string company = text::clean(in.company, "company", 100, false);
        const std::string phone = partner_phone(in.phone);
        const std::string now = text::now_utc();
        Query q(store_, "INSERT INTO channel_partners(site_id, kind, name, company, phone, active, created_at, updated_at) "
                        "VALUES (?,?,?,?,?,1,?,?)");
        q->bind(1, site.id);
        q->bind(2, to_string(in.kind));
        q->bind(3, name);
        q->bind(4, company);
        q->bind(5, phone);
        q->bind(6, now);
        q->bind(7, now);
        q->exec();
        return detail::require_partner(store_, store_.db().getLastInsertRowid(), "id");
    });
}

Partner Registrations::update_partner(std::int64_t id, const PartnerUpdate& u) {
    return store_.write([&] {
        Partner p = detail::require_partner(store_, id, "partner_id");
        detail::require_site_manager(store_.actor(), p.site, "partner_id");
        if (u.kind) p.kind = *u.kind;
        if (u.name) p.name = text::clean(*u.name, "name", 100, true);
        if (u.company) p.company = text::clean(*u.company, "company", 100, false);
        if (u.phone) p.phone = partner_phone(*u.phone);
        if (u.active) p.active = *u.active;
        Query q(store_, "UPDATE channel_partners SET kind = ?, name = ?, company = ?, phone = ?, active = ?, updated_at = ? WHERE id = ?");
        q->bind(1, to_string(p.kind));
        q->bind(2, p.name);
        q->bind(3, p.company);
        q->bind(4, p.phone);
        q->bind(5, p.active ? 1 : 0);
        q->bind(6, text::now_utc());
        q->bind(7, id);
        q->exec();
        return detail::require_partner(store_, id, "partner_id");
    });
}

Partner Registrations::deactivate_partner(std::int64_t id) {
    PartnerUpdate u;
    u.active = false;
    return update_partner(id, u);
}

Partner Registrations::partner(std::int64_t id) const {
    return store_.read([&] {
        Partner p = detail::require_partner(store_, id, "partner_id");
        detail::require_actor_site(store_.actor(), p.site, "partner_id");
        return p;
    });
}

std::vector<Partner> Registrations::partners(std::string_view site_code, bool include_inactive) const {
    return store_.read([&] {
        const Site site = detail::require_site(store_, site_code, "site");
        detail::require_actor_site(store_.actor(), site.code, "site");
        Query q(store_, "SELECT id FROM channel_partners WHERE site_id = ? AND (active = 1 OR ?) ORDER BY id");
        q->bind(1, site.id);
        q->bind(2, include_inactive ? 1 : 0);
        std::vector<std::int64_t> ids;
        while (q->executeStep()) ids.push_back(q->getColumn(0).getInt64());
        q->reset();
        std::vector<Partner> out;
        for (std::int64_t id : ids) out.push_back(detail::require_partner(store_, id, "id"));
        return out;
    });
}

// ---------------------------------------------------------------------------------------------
// Owners and the pool

Attribution Registrations::attribution(std::int64_t customer_id, std::optional<Date> as_of) const {
    return store_.read([&] {
        const detail::Ownership o = detail::ownership(store_, customer_id, as_of.value_or(today_in_china()));
        detail::require_actor_site(store_.actor(), o.site, "customer_id");
        return attribution_of(o);
    });
}

std::vector<PoolEntry> Registrations::pool(std::string_view site_code) const {
    return store_.read([&] {
        const Site site = detail::require_site(store_, site_code, "site");
        detail::require_actor_site(store_.actor(), site.code, "site");
        Query q(store_, "SELECT p.customer_id, c.archive_no, p.since, p.previous_consultant_id, p.registration_id "
                        "FROM attribution_pool p JOIN customers c ON c.id = p.customer_id WHERE p.site_id = ? "
                        "ORDER BY p.since, p.customer_id");
        q->bind(1, site.id);
        std::vector<PoolEntry> out;
        while (q->executeStep()) {
            PoolEntry e;
            e.customer_id = q->getColumn(0).getInt64();
            e.site = site.code;
            e.archive_no = q->getColumn(1).getString();
            e.since = parse_date(q->getColumn(2).getText());
            e.previous_consultant_id = opt_id(*q, 3);
            e.registration_id = opt_id(*q, 4);
            out.push_back(std::move(e));
        }
        return out;
    });
}

std::int64_t Registrations::release_expired(std::string_view site_code, std::optional<Date> as_of) {
    return store_.write([&] {
        const Site site = detail::require_site(store_, site_code, "site");
        detail::require_site_manager(store_.actor(), site.code, "site");
        const Date day = as_of.value_or(today_in_china());
        Query q(store_, "SELECT c.id FROM customers c LEFT JOIN attributions a ON a.customer_id = c.id "
                        "WHERE c.site_id = ? AND c.deleted_at IS NULL AND (c.consultant_id IS NOT NULL OR a.customer_id IS NOT NULL) "
                        "AND c.id NOT IN (SELECT customer_id FROM attribution_pool) ORDER BY c.id");
        q->bind(1, site.id);
        std::vector<std::int64_t> ids;
        while (q->executeStep()) ids.push_back(q->getColumn(0).getInt64());
        q->reset();
        std::int64_t released = 0;
        for (std::int64_t id : ids) {
            const detail::Ownership o = detail::ownership(store_, id, day);
            if (o.holds(day) || !(o.consultant_id || o.partner_id)) continue;
            detail::put_in_pool(store_, o, day, std::nullopt, store_.actor().text());
            ++released;
        }
        return released;
    });
}

Attribution Registrations::claim(std::int64_t customer_id, std::optional<std::int64_t> consultant_id, std::string_view at) {
    return store_.write([&] {
        const Actor& actor = store_.actor();
        const Date day = text::china_date(detail::moment_of(at));
        const detail::Ownership before = detail::ownership(store_, customer_id, day);
        detail::require_actor_site(actor, before.site, "customer_id");
        std::int64_t who = 0;
        if (consultant_id) who = *consultant_id;
        else if (actor.kind == ActorKind::consultant || actor.kind == ActorKind::manager) who = actor.consultant_id;
        else throw_invalid("consultant_id", "the consultant who claims the customer is required");
        if (actor.kind == ActorKind::consultant && who != actor.consultant_id)
            throw Error(Status::forbidden, "consultant_id: " + actor.text() + " claims for itself only", "consultant_id");
        detail::require_active_consultant_at(store_, who, before.site, "consultant_id");
        if (before.holds(day))
            throw Error(Status::invalid_state,
                        "customer_id: customer " + std::to_string(customer_id) + " is not in the public pool: it belongs to " +
                            detail::owner_words(store_, before.consultant_id, before.partner_id) + " until " + to_iso(*before.expires),
                        "customer_id", before.registration_id.value_or(0));
        // A valid registration of someone else for the customer's phones keeps them out of reach.
        Query phones(store_, "SELECT phone FROM customer_phones WHERE customer_id = ?");
        phones->bind(1, customer_id);
        std::vector<std::string> numbers;
        while (phones->executeStep()) numbers.push_back(phones->getColumn(0).getString());
        phones->reset();
        for (const std::string& n : numbers)
            for (const Registration& r : detail::matching_registrations(store_, before.site_id, parse_phone_pattern(n), day))
                if (detail::holds(r, day) && r.consultant_id != who)
                    throw Error(Status::invalid_state,
                                "customer_id: customer " + std::to_string(customer_id) + " is registered to " +
                                    detail::owner_words(store_, r.consultant_id, r.partner_id) + " until " + to_iso(r.expires),
                                "customer_id", r.id);
        const detail::NewOwner o = decided_owner(store_, before, who, "claim", day, actor.text());
        detail::set_owner(store_, customers_, before, o);
        return attribution_of(detail::ownership(store_, customer_id, day));
    });
}

Attribution Registrations::reassign(std::int64_t customer_id, std::int64_t consultant_id, std::int64_t by, const std::string& note) {
    return store_.write([&] {
        const Date day = today_in_china();
        const detail::Ownership before = detail::ownership(store_, customer_id, day);
        require_deciding_manager(store_, by, before.site);
        detail::require_active_consultant_at(store_, consultant_id, before.site, "consultant_id");
        detail::NewOwner o = decided_owner(store_, before, consultant_id, "reassign", day, detail::acting(store_, by, "by").text());
        o.note = text::clean(note, "note", 1000, false);
        detail::set_owner(store_, customers_, before, o);
        return attribution_of(detail::ownership(store_, customer_id, day));
    });
}

// ---------------------------------------------------------------------------------------------
// Disputes

Dispute Registrations::open_dispute(const NewDispute& in) {
    return store_.write([&] {
        const detail::Ownership o = detail::ownership(store_, in.customer_id, today_in_china());
        const Actor& actor = store_.actor();
        detail::require_actor_site(actor, o.site, "customer_id");
        if (!in.consultant_id && !in.partner_id) throw_invalid("consultant_id", "a dispute names its claimant: a consultant or a partner");
        if (in.consultant_id) detail::require_active_consultant_at(store_, *in.consultant_id, o.site, "consultant_id");
        if (in.partner_id) detail::require_partner(store_, *in.partner_id, "partner_id", o.site_id);
        if (actor.kind == ActorKind::consultant && in.consultant_id != actor.consultant_id)
            throw Error(Status::forbidden, "consultant_id: " + actor.text() + " disputes for itself only", "consultant_id");
        if (in.registration_id) {
            const Registration r = detail::require_registration(store_, *in.registration_id, "registration_id", today_in_china());
            if (r.site != o.site) throw_invalid("registration_id", "registration " + std::to_string(r.id) + " is of site " + r.site);
        }
        const std::string note = text::clean(in.note, "note", 1000, true);
        Query q(store_, "INSERT INTO attribution_disputes(site_id, customer_id, claimant_consultant_id, claimant_partner_id, "
                        "registration_id, note, created_at, created_by) VALUES (?,?,?,?,?,?,?,?)");
        q->bind(1, o.site_id);
        q->bind(2, in.customer_id);
        detail::bind_optional(*q, 3, in.consultant_id);
        detail::bind_optional(*q, 4, in.partner_id);
        detail::bind_optional(*q, 5, in.registration_id);
        q->bind(6, note);
        q->bind(7, text::now_utc());
        q->bind(8, actor.text());
        q->exec();
        return require_dispute(store_, store_.db().getLastInsertRowid(), "id");
    });
}

Dispute Registrations::decide(std::int64_t dispute_id, const Decision& decision) {
    return store_.write([&] {
        const Dispute d = require_dispute(store_, dispute_id, "dispute_id");
        require_deciding_manager(store_, decision.by, d.site);
        if (d.status != DisputeStatus::open)
            throw Error(Status::invalid_state, "dispute_id: dispute " + std::to_string(d.id) + " was decided on " + d.decided_at,
                        "dispute_id", d.id);
        if (!decision.consultant_id && !decision.partner_id)
            throw_invalid("consultant_id", "a decision names its winner: a consultant or a partner");
        const Date day = today_in_china();
        const detail::Ownership before = detail::ownership(store_, d.customer_id, day);
        if (decision.consultant_id) detail::require_active_consultant_at(store_, *decision.consultant_id, d.site, "consultant_id");
        if (decision.partner_id) detail::require_partner(store_, *decision.partner_id, "partner_id", before.site_id);
        const std::string note = text::clean(decision.note, "note", 1000, false);
        Query q(store_, "UPDATE attribution_disputes SET status = 'decided', winner_consultant_id = ?, winner_partner_id = ?, "
                        "decided_by = ?, decision_note = ?, decided_at = ? WHERE id = ?");
        detail::bind_optional(*q, 1, decision.consultant_id);
        detail::bind_optional(*q, 2, decision.partner_id);
        q->bind(3, decision.by);
        q->bind(4, note);
        q->bind(5, text::now_utc());
        q->bind(6, d.id);
        q->exec();
        // The loser's registration is set aside; the winner owns the customer from today.
        if (d.registration_id) {
            const Registration r = detail::require_registration(store_, *d.registration_id, "registration_id", day);
            const bool won = r.consultant_id == decision.consultant_id && r.partner_id == decision.partner_id;
            Query v(store_, "UPDATE registrations SET status = ?, customer_id = ifnull(customer_id, ?) WHERE id = ?");
            v->bind(1, won ? (r.status == RegistrationStatus::void_ ? "active" : to_string(r.status)) : "void");
            v->bind(2, d.customer_id);
            v->bind(3, r.id);
            v->exec();
        }
        detail::NewOwner o = decided_owner(store_, before, decision.consultant_id, "dispute", day,
                                           detail::acting(store_, decision.by, "by").text());
        o.partner_id = decision.partner_id;
        o.dispute_id = d.id;
        o.note = note;
        detail::set_owner(store_, customers_, before, o);
        return require_dispute(store_, d.id, "dispute_id");
    });
}

Dispute Registrations::dispute(std::int64_t dispute_id) const {
    return store_.read([&] {
        Dispute d = require_dispute(store_, dispute_id, "dispute_id");
        detail::require_actor_site(store_.actor(), d.site, "dispute_id");
        return d;
    });
}

std::vector<Dispute> Registrations::disputes(std::string_view site_code, std::optional<DisputeStatus> status) const {
    return store_.read([&] {
        const Site site = detail::require_site(store_, site_code, "site");
        detail::require_actor_site(store_.actor(), site.code, "site");
        Query q(store_, SNOWBALL_DISPUTE_SELECT "WHERE d.site_id = ?1 AND (?2 IS NULL OR d.status = ?2) ORDER BY d.id");
        q->bind(1, site.id);
        if (status) q->bind(2, to_string(*status));
        std::vector<Dispute> out;
        while (q->executeStep()) out.push_back(read_dispute(*q));
        return out;
    });
}

// ---------------------------------------------------------------------------------------------
// History and settings

std::vector<AttributionChange> Registrations::history(std::int64_t customer_id) const {
    return store_.read([&] {
        const detail::Subject s = detail::require_subject(store_, customer_id, "customer_id");
        detail::require_actor_site(store_.actor(), s.site, "customer_id");
        Query q(store_, "SELECT h.id, h.customer_id, s.code, h.reason, h.consultant_id, h.partner_id, h.previous_consultant_id, "
                        "h.previous_partner_id, h.registration_id, h.dispute_id, h.note, h.at, h.by FROM attribution_history h "
                        "JOIN sites s ON s.id = h.site_id WHERE h.customer_id = ? ORDER BY h.id");
        q->bind(1, customer_id);
        std::vector<AttributionChange> out;
        while (q->executeStep()) {
            AttributionChange h;
            h.id = q->getColumn(0).getInt64();
            h.customer_id = q->getColumn(1).getInt64();
            h.site = q->getColumn(2).getString();
            h.reason = q->getColumn(3).getString();
            h.consultant_id = opt_id(*q, 4);
            h.partner_id = opt_id(*q, 5);
            h.previous_consultant_id = opt_id(*q, 6);
            h.previous_partner_id = opt_id(*q, 7);
            h.registration_id = opt_id(*q, 8);
            h.dispute_id = opt_id(*q, 9);
            h.note = q->getColumn(10).getString();
            h.at = q->getColumn(11).getString();
            h.by = q->getColumn(12).getString();
            out.push_back(std::move(h));
        }
        return out;
    });
}

AttributionSettings Registrations::settings(std::string_view site_code) const {
    return store_.read([&] {
        const Site s = detail::require_site(store_, site_code, "site");
        detail::require_actor_site(store_.actor(), s.code, "site");
        return detail::load_attribution_settings(store_, s.id, s.code);
    });
}

AttributionSettings Registrations::update_settings(std::string_view site_code, const AttributionSettingsUpdate& u) {
    return store_.write([&] {
        const Site s = detail::require_site(store_, site_code, "site");
        detail::require_site_manager(store_.actor(), s.code, "site");
        AttributionSettings next = detail::load_attribution_settings(store_, s.id, s.code);
        const auto window = [](const std::optional<int>& given, int& into, const char* field) {
            if (!given) return;
            if (*given < 1 || *given > 365) throw_invalid(field, std::to_string(*given) + " days is out of range 1..365");
            into = *given;
        };
        window(u.phone_inquiry_days, next.phone_inquiry_days, "phone_inquiry_days");
        window(u.walk_in_days, next.walk_in_days, "walk_in_days");
        window(u.distributor_days, next.distributor_days, "distributor_days");
        window(u.agency_days, next.agency_days, "agency_days");
        window(u.broker_days, next.broker_days, "broker_days");
        window(u.claim_days, next.claim_days, "claim_days");
        if (u.family_follows) next.family_follows = *u.family_follows;
        detail::save_site_settings(store_, "attribution_settings", s.id, codec::dump(codec::json(next)));
        return next;
    });
}

} // namespace snowball
