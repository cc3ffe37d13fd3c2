// Registrations (报备) and judging a walk-in (判客): the rules of snowball/attribution.hpp.
#include "attribution/attribution_store.hpp"

#include "archive/records.hpp"
#include "common/text.hpp"
#include "privacy/access.hpp"
#include "snowball/customers.hpp"
#include "snowball/phone.hpp"

namespace snowball {

using detail::Query;

namespace {

using boost::gregorian::days;

// The registrant of a registration: who the handle lets register, checked against the site.
struct Registrant {
    std::optional<std::int64_t> consultant_id;
    std::optional<std::int64_t> partner_id;
    bool same(const Registration& r) const { return r.consultant_id == consultant_id && r.partner_id == partner_id; }
    bool owns(const detail::Ownership& o) const {
        return consultant_id ? o.consultant_id == consultant_id : (partner_id && o.partner_id == partner_id);
    }
};

std::optional<std::int64_t> customer_with_phone(detail::Store& store, const std::string& phone, std::int64_t site_id) {
    Query q(store, "SELECT p.customer_id FROM customer_phones p JOIN customers c ON c.id = p.customer_id "
                   "WHERE p.phone = ? AND p.site_id = ? AND c.deleted_at IS NULL");
    q->bind(1, phone);
    q->bind(2, site_id);
    if (q->executeStep()) return q->getColumn(0).getInt64();
    return std::nullopt;
}

// The customers on file at the site whose phone a pattern can be.
std::vector<std::int64_t> customers_matching(detail::Store& store, const PhonePattern& p, std::int64_t site_id) {
    if (!p.partial) {
        auto c = customer_with_phone(store, p.text, site_id);
        return c ? std::vector<std::int64_t>{*c} : std::vector<std::int64_t>{};
    }
    std::string upper = p.prefix;
    upper.back() = static_cast<char>(upper.back() + 1);
    Query q(store, "SELECT p.customer_id, p.phone FROM customer_phones p JOIN customers c ON c.id = p.customer_id "
                   "WHERE p.phone >= ? AND p.phone < ? AND p.site_id = ? AND c.deleted_at IS NULL");
    q->bind(1, p.prefix);
    q->bind(2, upper);
    q->bind(3, site_id);
    std::vector<std::int64_t> out;
    while (q->executeStep())
        if (p.matches(q->getColumn(1).getText())) out.push_back(q->getColumn(0).getInt64());
    return out;
}

// The customers whose spouse or close family has this phone (a family member of relation other
// than "other", or the closest), at the site.
std::vector<std::int64_t> family_of_phone(detail::Store& store, const std::string& phone, std::int64_t site_id) {
    Query q(store, "SELECT DISTINCT f.customer_id FROM family_members f JOIN customers c ON c.id = f.customer_id "
                   "WHERE f.phone = ? AND f.phone <> '' AND (f.relation <> 'other' OR f.closest = 1) AND c.site_id = ? "
                   "AND c.deleted_at IS NULL ORDER BY f.customer_id");
    q->bind(1, phone);
    q->bind(2, site_id);
    std::vector<std::int64_t> out;
    while (q->executeStep()) out.push_back(q->getColumn(0).getInt64());
    return out;
}

[[noreturn]] void owned_conflict(detail::Store& store, const std::string& shown, std::optional<std::int64_t> consultant_id,
                                 std::optional<std::int64_t> partner_id, std::optional<Date> until, std::int64_t record_id,
                                 const std::string& what) {
    throw Error(Status::conflict,
                "phone: " + shown + " " + what + " " + detail::owner_words(store, consultant_id, partner_id) +
                    (until ? " until " + to_iso(*until) : std::string()),
                "phone", record_id);
}

Registration insert_registration(detail::Store& store, std::int64_t site_id, const PhonePattern& p, const std::string& name,
                                 RegistrationChannel channel, const Registrant& who, std::optional<std::int64_t> customer_id,
                                 RegistrationStatus status, std::int64_t moment, Date day, Date expires,
                                 std::optional<Date> confirmed_on, const std::string& note) {
    Query q(store, "INSERT INTO registrations(site_id, phone, partial, prefix, suffix, match_key, name, channel, consultant_id, "
                   "partner_id, customer_id, status, registered_at, day, expires, confirmed_on, note, created_by) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q->bind(1, site_id);
    q->bind(2, p.text);
    q->bind(3, p.partial ? 1 : 0);
    q->bind(4, p.prefix);
    q->bind(5, p.suffix);
    q->bind(6, detail::match_key(p));
    q->bind(7, name);
    q->bind(8, to_string(channel));
    detail::bind_optional(*q, 9, who.consultant_id);
    detail::bind_optional(*q, 10, who.partner_id);
    detail::bind_optional(*q, 11, customer_id);
    q->bind(12, to_string(status));
    q->bind(13, text::utc_text(moment));
    q->bind(14, to_iso(day));
    q->bind(15, to_iso(expires));
    if (confirmed_on) q->bind(16, to_iso(*confirmed_on));
    else q->bind(16);
    q->bind(17, note);
    q->bind(18, store.actor().text());
    q->exec();
    return detail::require_registration(store, store.db().getLastInsertRowid(), "id", day);
}

// The judgement's owner in words, from the names it carries.
std::string say_owner(const Judgement& j) {
    std::string out;
    if (j.owner_consultant_id) out = "consultant " + j.owner_consultant + " (" + std::to_string(*j.owner_consultant_id) + ")";
    if (j.owner_partner_id)
        out += (out.empty() ? "" : " with ") + std::string("partner ") + j.owner_partner + " (" + std::to_string(*j.owner_partner_id) + ")";
    return out.empty() ? "nobody" : out;
}

} // namespace

Registrations::Registrations(detail::Store& store, Customers& customers) : store_(store), customers_(customers) {
    detail::subscribe_attribution_events(store_);
}

Registration Registrations::register_customer(const NewRegistration& in) {
    return store_.write([&] {
        const Site site = detail::require_site(store_, in.site, "site");
        const Actor& actor = store_.actor();
        detail::require_actor_site(actor, site.code, "site");
        const PhonePattern p = parse_phone_pattern(in.phone, "phone");
        const std::string name = text::clean(in.name, "name", 50, false);
        const std::string note = text::clean(in.note, "note", 500, false);
        const std::int64_t moment = detail::moment_of(in.at);
        const Date day = text::china_date(moment);

        Registrant who;
        who.consultant_id = in.consultant_id;
        if (actor.kind == ActorKind::consultant) {
            if (in.consultant_id && *in.consultant_id != actor.consultant_id)
                throw Error(Status::forbidden, "consultant_id: " + actor.text() + " registers as itself, not as consultant " +
                                                   std::to_string(*in.consultant_id), "consultant_id");
            if (!in.partner_id) who.consultant_id = actor.consultant_id;
        }
        if (who.consultant_id) detail::require_active_consultant_at(store_, *who.consultant_id, site.code, "consultant_id");
        std::optional<Partner> partner;
        if (in.partner_id) {
            partner = detail::require_partner(store_, *in.partner_id, "partner_id", site.id);
            who.partner_id = partner->id;
        }
        if (!who.consultant_id && !who.partner_id) throw_invalid("consultant_id", "a registration names a consultant or a partner");
        RegistrationChannel channel = RegistrationChannel::phone_inquiry;
        if (partner) channel = static_cast<RegistrationChannel>(static_cast<int>(RegistrationChannel::distributor) +
                                                                static_cast<int>(partner->kind));
        if (in.channel) {
            const bool partner_channel = *in.channel != RegistrationChannel::phone_inquiry && *in.channel != RegistrationChannel::walk_in;
            if (partner_channel != partner.has_value() || (partner && *in.channel != channel))
                throw_invalid("channel", std::string("'") + to_string(*in.channel) + "' is not the channel of this registrant: " +
                                             (partner ? "the partner's kind" : "phone_inquiry or walk_in"));
            channel = *in.channel;
        }

        // First valid registration wins: a matching one of someone else is a conflict; the
        // registrant's own comes back.
        for (const Registration& r : detail::matching_registrations(store_, site.id, p, day)) {
            if (!detail::holds(r, day)) continue;
            if (who.same(r)) return r;
            owned_conflict(store_, p.text, r.consultant_id, r.partner_id, r.expires, r.id, "is registered to");
        }
        // A customer on file inside someone else's protection belongs to them.
        std::optional<detail::Ownership> own;
        const auto customers = customers_matching(store_, p, site.id);
        for (std::int64_t id : customers) {
            const detail::Ownership o = detail::ownership(store_, id, day);
            if (o.holds(day) && !who.owns(o))
                owned_conflict(store_, p.text, o.consultant_id, o.partner_id, o.expires, o.registration_id.value_or(id),
                               "belongs to a customer of");
            if (!p.partial) own = o;
        }
        // So does the spouse or close family of a protected customer.
        const AttributionSettings settings = detail::load_attribution_settings(store_, site.id, site.code);
        if (!p.partial && settings.family_follows && customers.empty())
            for (std::int64_t id : family_of_phone(store_, p.text, site.id)) {
                const detail::Ownership o = detail::ownership(store_, id, day);
                if (o.holds(day) && !who.owns(o))
                    owned_conflict(store_, p.text, o.consultant_id, o.partner_id, o.expires, o.registration_id.value_or(id),
                                   "is family of a customer of");
            }

        const Date expires = day + days(detail::window_days(settings, to_string(channel)));
        Registration r = insert_registration(store_, site.id, p, name, channel, who, own ? std::optional(own->customer_id) : std::nullopt,
                                             RegistrationStatus::active, moment, day, expires, std::nullopt, note);
        // A customer on file nobody protects is the registrant's from now.
        if (own && !own->holds(day)) {
            detail::NewOwner o;
            o.consultant_id = who.consultant_id;
            o.partner_id = who.partner_id;
            o.registration_id = r.id;
            o.source = "registration";
            o.channel = to_string(channel);
            o.since = day;
            o.expires = expires;
            o.reason = "registration";
            o.by = actor.text();
            detail::set_owner(store_, customers_, *own, o);
        }
        return r;
    });
}

Registration Registrations::registration(std::int64_t id) const {
    return store_.read([&] {
        Registration r = detail::require_registration(store_, id, "registration_id", today_in_china());
        detail::require_actor_site(store_.actor(), r.site, "registration_id");
        return r;
    });
}

std::vector<Registration> Registrations::registrations(const RegistrationQuery& query) const {
    return store_.read([&] {
        const Site site = detail::require_site(store_, query.site, "site");
        detail::require_actor_site(store_.actor(), site.code, "site");
        if (query.limit < 1 || query.limit > 10000) throw_invalid("limit", std::to_string(query.limit) + " is out of range 1..10000");
        return detail::query_registrations(store_, query, site.id, query.as_of.value_or(today_in_china()));
    });
}

std::vector<Registration> Registrations::matching(std::string_view site_code, std::string_view phone) const {
    return store_.read([&] {
        const Site site = detail::require_site(store_, site_code, "site");
        detail::require_actor_site(store_.actor(), site.code, "site");
        return detail::matching_registrations(store_, site.id, parse_phone_pattern(phone, "phone"), today_in_china());
    });
}

namespace {

// One judging: decided from the archive as it is; with `apply`, what the visit settles recorded.
struct Judging {
    detail::Store& store;
    Customers& customers;
    const JudgeRequest& request;
    bool apply = false;
    bool needs_write = false;

    Judgement run() {
        const Site site = detail::require_site(store, request.site, "site");
        const Actor& actor = store.actor();
        detail::require_actor_site(actor, site.code, "site");
        const PhonePattern p = parse_phone_pattern(request.phone, "phone");
        if (p.partial) throw_invalid("phone", "judging a walk-in takes their full phone, not a partial one");
        const std::int64_t moment = detail::moment_of(request.at);
        const Date day = text::china_date(moment);
        if (request.consultant_id) detail::require_active_consultant_at(store, *request.consultant_id, site.code, "consultant_id");
        const std::string name = text::clean(request.name, "name", 50, false);

        Judgement j;
        j.site = site.code;
        j.phone = p.text;
        j.customer_id = customer_with_phone(store, p.text, site.id);
        std::optional<detail::Ownership> own;
        if (j.customer_id) own = detail::ownership(store, *j.customer_id, day);

        const auto regs = detail::matching_registrations(store, site.id, p, day);
        const Registration* valid = nullptr;
        const Registration* expired = nullptr;
        for (const Registration& r : regs) {
            if (detail::holds(r, day)) {
                if (!valid) valid = &r;
            } else if (r.status != RegistrationStatus::void_) {
                expired = &r;
            }
        }
        // 1. The first valid registration, unless the customer's protection began before it.
        const bool protected_first = own && own->holds(day) && valid && own->since < valid->registered_on &&
                                     !(own->consultant_id == valid->consultant_id && own->partner_id == valid->partner_id);
        if (valid && !protected_first) return credit(j, *valid, own, day, site);
        // 2. The customer's own protection.
        if (own && own->holds(day)) {
            owner(j, own->consultant_id, own->partner_id);
            j.reason = "protected";
            j.expires = own->expires;
            if (own->registration_id) j.registration = detail::require_registration(store, *own->registration_id, "registration", day);
            j.explanation = "客户已在档，保护期内，归属 " + say_owner(j) + "（至 " + to_iso(*j.expires) +
                            "）/ On file and protected: " + say_owner(j) + " until " + to_iso(*j.expires);
            return j;
        }
        // 3. Family follows the owner.
        const AttributionSettings settings = detail::load_attribution_settings(store, site.id, site.code);
        if (settings.family_follows && !j.customer_id)
            for (std::int64_t id : family_of_phone(store, p.text, site.id)) {
                const detail::Ownership o = detail::ownership(store, id, day);
                if (!o.holds(day)) continue;
                owner(j, o.consultant_id, o.partner_id);
                j.reason = "family";
                j.family_of = id;
                j.expires = o.expires;
                j.explanation = "客户家属，随客户归属 " + say_owner(j) + " / Family of customer " + std::to_string(id) +
                                ": follows " + say_owner(j);
                return j;
            }
        // 4. An expired registration or protection: the public pool.
        if (expired || (own && (own->in_pool || own->consultant_id || own->partner_id))) {
            j.reason = "pool";
            j.in_pool = true;
            if (expired) j.registration = *expired;
            j.expires = own && own->expires ? own->expires : (expired ? std::optional(expired->expires) : std::nullopt);
            if (own && !own->in_pool) {
                needs_write = true;
                if (apply) detail::put_in_pool(store, *own, day, expired ? std::optional(expired->id) : std::nullopt, actor.text());
            }
            j.explanation = std::string("报备或保护期已过，进入公海，任一顾问可认领 / The registration or protection has expired") +
                            (j.expires ? " (" + to_iso(*j.expires) + ")" : std::string()) +
                            ": in the public pool, any consultant of the site may claim them";
            return j;
        }
        // 5. A new walk-in: the receiving consultant's.
        if (request.consultant_id) {
            needs_write = true;
            owner(j, request.consultant_id, std::nullopt);
            j.reason = "walk_in";
            const Date expires = day + days(settings.walk_in_days);
            j.expires = expires;
            if (apply) {
                Registrant who;
                who.consultant_id = request.consultant_id;
                j.registration = insert_registration(store, site.id, p, name, RegistrationChannel::walk_in, who, j.customer_id,
                                                     RegistrationStatus::confirmed, moment, day, expires, day, "");
                if (own) set(*own, *j.registration, day, settings);
            }
            j.explanation = "新客来访，归接待顾问 " + say_owner(j) + " / A new walk-in, received by " + say_owner(j);
            return j;
        }
        j.reason = "unregistered";
        j.explanation = "无人报备，亦无归属 / Nobody registered or owns this phone";
        return j;
    }

    void owner(Judgement& j, std::optional<std::int64_t> consultant_id, std::optional<std::int64_t> partner_id) {
        j.owner_consultant_id = consultant_id;
        j.owner_partner_id = partner_id;
        j.owner_consultant = detail::consultant_name(store, consultant_id);
        j.owner_partner = detail::partner_name(store, partner_id);
    }

    void set(const detail::Ownership& own, const Registration& r, Date day, const AttributionSettings& settings) {
        detail::NewOwner o;
        o.consultant_id = r.consultant_id;
        o.partner_id = r.partner_id;
        o.registration_id = r.id;
        o.source = "registration";
        o.channel = to_string(r.channel);
        o.since = day;
        o.expires = std::max(r.expires, day + days(detail::window_days(settings, o.channel)));
        o.reason = "judge";
        o.note = "visit " + to_iso(day);
        o.by = store.actor().text();
        detail::set_owner(store, customers, own, o);
    }

    // The visit inside the window credits the registrant.
    Judgement credit(Judgement& j, const Registration& r, const std::optional<detail::Ownership>& own, Date day, const Site& site) {
        owner(j, r.consultant_id, r.partner_id);
        j.reason = "registration";
        j.registration = r;
        const bool settled = r.status == RegistrationStatus::confirmed && !r.partial && r.customer_id == j.customer_id &&
                             (!own || (own->registration_id == r.id && !own->in_pool));
        if (!settled) {
            needs_write = true;
            if (apply) {
                const AttributionSettings settings = detail::load_attribution_settings(store, site.id, site.code);
                const Date expires = std::max(r.expires, day + days(detail::window_days(settings, to_string(r.channel))));
                Query q(store, "UPDATE registrations SET status = 'confirmed', confirmed_on = ifnull(confirmed_on, ?1), phone = ?2, "
                               "partial = 0, prefix = ?2, suffix = '', customer_id = ifnull(?3, customer_id), expires = ?4 WHERE id = ?5");
                q->bind(1, to_iso(day));
                q->bind(2, j.phone);
                detail::bind_optional(*q, 3, j.customer_id);
                q->bind(4, to_iso(expires));
                q->bind(5, r.id);
                q->exec();
                j.registration = detail::require_registration(store, r.id, "registration", day);
                if (own) set(*own, *j.registration, day, settings);
            }
        }
        j.expires = j.registration->expires;
        j.explanation = "报备有效，来访计入报备人 " + say_owner(j) + "（" + to_iso(r.registered_on) + " 报备，保护至 " +
                        to_iso(*j.expires) + "）/ A valid registration of " + to_iso(r.registered_on) + ": the visit credits " +
                        say_owner(j) + ", protected until " + to_iso(*j.expires);
        return j;
    }
};

} // namespace

Judgement Registrations::judge(const JudgeRequest& request) {
    // A read decides; a write follows only when the visit settles something new (a first visit, a
    // customer into the pool, a new walk-in), and decides again inside its own transaction.
    Judging first{store_, customers_, request};
    Judgement j = store_.read([&] { return first.run(); });
    if (!first.needs_write) return j;
    return store_.write([&] {
        Judging again{store_, customers_, request, true};
        return again.run();
    });
}

} // namespace snowball
