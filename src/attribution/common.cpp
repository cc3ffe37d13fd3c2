// The attribution module's shared rules: the names of its enums, phone patterns, the sites'
// windows, registrations read with their renewals, a customer's protection, a change of owner.
#include "attribution/attribution_store.hpp"

#include "archive/records.hpp"
#include "codec/attribution.hpp"
#include "common/enum_names.hpp"
#include "common/text.hpp"
#include "privacy/access.hpp"
#include "snowball/customers.hpp"
#include "snowball/phone.hpp"

#include <array>

namespace snowball {

using detail::Query;

namespace {

template <class E>
using Alias = detail::EnumName<E>;

constexpr std::array<Alias<PartnerKind>, 7> partner_kind_names{{
    {"distributor", PartnerKind::distributor}, {"分销", PartnerKind::distributor},
    {"agency", PartnerKind::agency}, {"中介", PartnerKind::agency},
    {"broker", PartnerKind::broker}, {"全民经纪人", PartnerKind::broker}, {"经纪人", PartnerKind::broker},
}};
constexpr std::array<Alias<RegistrationChannel>, 9> channel_names{{
    {"phone_inquiry", RegistrationChannel::phone_inquiry}, {"来电", RegistrationChannel::phone_inquiry},
    {"walk_in", RegistrationChannel::walk_in}, {"来访", RegistrationChannel::walk_in},
    {"distributor", RegistrationChannel::distributor}, {"分销", RegistrationChannel::distributor},
    {"agency", RegistrationChannel::agency}, {"中介", RegistrationChannel::agency},
    {"broker", RegistrationChannel::broker},
}};
constexpr std::array<Alias<RegistrationStatus>, 3> status_names{{
    {"active", RegistrationStatus::active}, {"confirmed", RegistrationStatus::confirmed}, {"void", RegistrationStatus::void_},
}};
constexpr std::array<Alias<DisputeStatus>, 2> dispute_names{{
    {"open", DisputeStatus::open}, {"decided", DisputeStatus::decided},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

} // namespace

const char* to_string(PartnerKind v) noexcept { return detail::key_of(partner_kind_names, v); }
const char* to_string(RegistrationChannel v) noexcept { return detail::key_of(channel_names, v); }
const char* to_string(RegistrationStatus v) noexcept { return detail::key_of(status_names, v); }
const char* to_string(DisputeStatus v) noexcept { return detail::key_of(dispute_names, v); }
PartnerKind parse_partner_kind(std::string_view t, const std::string& f) { return detail::parse_key(partner_kind_names, t, f); }
RegistrationChannel parse_registration_channel(std::string_view t, const std::string& f) { return detail::parse_key(channel_names, t, f); }
RegistrationStatus parse_registration_status(std::string_view t, const std::string& f) { return detail::parse_key(status_names, t, f); }
DisputeStatus parse_dispute_status(std::string_view t, const std::string& f) { return detail::parse_key(dispute_names, t, f); }

bool PhonePattern::matches(std::string_view phone) const {
    if (!partial) return phone == text;
    return phone.size() == text.size() && phone.substr(0, prefix.size()) == prefix &&
           phone.substr(phone.size() - suffix.size()) == suffix;
}

bool PhonePattern::compatible(const PhonePattern& other) const {
    if (!partial && !other.partial) return text == other.text;
    if (!partial) return other.matches(text);
    if (!other.partial) return matches(other.text);
    if (text.size() != other.text.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (is_digit(text[i]) && is_digit(other.text[i]) && text[i] != other.text[i]) return false;
    return true;
}

PhonePattern parse_phone_pattern(std::string_view raw, const std::string& field) {
    const std::string half = text::to_halfwidth(text::trim(raw));
    std::string masked;   // digits and '*', separators dropped
    bool hidden = false;
    for (char c : half) {
        if (c == '*' || c == 'x' || c == 'X') {
            masked += '*';
            hidden = true;
        } else if (is_digit(c)) {
            masked += c;
        } else if (c != ' ' && c != '-') {
            masked += c;   // left for normalize_phone to judge
        }
    }
    PhonePattern p;
    if (!hidden) {
        p.text = normalize_phone(raw, field).number;
        p.prefix = p.text;
        return p;
    }
    // +86 / 86 before a partial mobile.
    if (masked.rfind("+86", 0) == 0) masked.erase(0, 3);
    else if (masked.size() == 13 && masked.rfind("86", 0) == 0) masked.erase(0, 2);
    const auto bad = [&](const std::string& why) -> PhonePattern {
        throw_invalid(field, "'" + std::string(raw) + "' is not a phone nor a partial mobile like 138****8000: " + why);
    };
    if (masked.size() != 11) return bad("a partial mobile has 11 characters");
    for (char c : masked)
        if (!is_digit(c) && c != '*') return bad("only digits and * (or x) may appear");
    if (masked[0] != '1' || !is_digit(masked[1]) || masked[1] < '3') return bad("a mainland mobile starts with 13-19");
    const std::size_t first = masked.find('*'), last = masked.rfind('*');
    for (std::size_t i = first; i <= last; ++i)
        if (masked[i] != '*') return bad("the hidden digits must be one run");
    if (first < 3) return bad("the first 3 digits must be visible");
    if (masked.size() - last - 1 < 4) return bad("the last 4 digits must be visible");
    p.text = masked;
    p.partial = true;
    p.prefix = masked.substr(0, first);
    p.suffix = masked.substr(last + 1);
    return p;
}

namespace detail {

std::string match_key(const PhonePattern& p) {
    const bool mobile = p.text.size() == 11 && p.text[0] == '1';
    if (!mobile) return p.text;
    return p.text.substr(0, 3) + p.text.substr(7, 4);
}

AttributionSettings load_attribution_settings(Store& store, std::int64_t site_id, const std::string& site_code) {
    AttributionSettings s;
    Query q(store, "SELECT settings FROM attribution_settings WHERE site_id = ?");
    q->bind(1, site_id);
    if (q->executeStep()) s = codec::read<AttributionSettings>(codec::parse(q->getColumn(0).getText(), "settings"), "settings");
    s.site = site_code;
    return s;
}

int window_days(const AttributionSettings& s, std::string_view channel) {
    if (channel == "phone_inquiry") return s.phone_inquiry_days;
    if (channel == "walk_in") return s.walk_in_days;
    if (channel == "distributor") return s.distributor_days;
    if (channel == "agency") return s.agency_days;
    if (channel == "broker") return s.broker_days;
    return s.claim_days;
}

std::optional<Date> last_effective_contact(Store& store, std::int64_t customer_id, std::int64_t consultant_id, Date from, Date to) {
    Query q(store, "SELECT max(day) FROM contacts WHERE customer_id = ? AND consultant_id = ? AND reached = 1 "
                   "AND superseded_by IS NULL AND day >= ? AND day <= ?");
    q->bind(1, customer_id);
    q->bind(2, consultant_id);
    q->bind(3, to_iso(from));
    q->bind(4, to_iso(to));
    if (q->executeStep() && !q->isColumnNull(0)) return parse_date(q->getColumn(0).getText());
    return std::nullopt;
}

namespace {

#define SNOWBALL_REGISTRATION_SELECT                                                                                     \
    "SELECT r.id, s.code, r.phone, r.partial, r.name, r.channel, r.consultant_id, r.partner_id, r.customer_id, r.status, " \
    "r.registered_at, r.day, r.expires, r.confirmed_on, r.note, r.created_by, r.site_id, r.prefix, r.suffix "           \
    "FROM registrations r JOIN sites s ON s.id = r.site_id "

struct SettingsCache {
    std::int64_t site_id = 0;
    AttributionSettings settings;
    bool loaded = false;
    const AttributionSettings& get(Store& store, std::int64_t id, const std::string& code) {
        if (!loaded || site_id != id) {
            settings = load_attribution_settings(store, id, code);
            site_id = id;
            loaded = true;
        }
        return settings;
    }
};

Registration read_registration(Store& store, SQLite::Statement& q, Date as_of, SettingsCache& cache, PhonePattern* pattern) {
    Registration r;
    r.id = q.getColumn(0).getInt64();
    r.site = q.getColumn(1).getString();
    r.phone = q.getColumn(2).getString();
    r.partial = q.getColumn(3).getInt() != 0;
    r.name = q.getColumn(4).getString();
    r.channel = parse_registration_channel(q.getColumn(5).getText());
    if (!q.isColumnNull(6)) r.consultant_id = q.getColumn(6).getInt64();
    if (!q.isColumnNull(7)) r.partner_id = q.getColumn(7).getInt64();
    if (!q.isColumnNull(8)) r.customer_id = q.getColumn(8).getInt64();
    r.status = parse_registration_status(q.getColumn(9).getText());
    r.registered_at = q.getColumn(10).getString();
    r.registered_on = parse_date(q.getColumn(11).getText());
    r.expires = parse_date(q.getColumn(12).getText());
    if (!q.isColumnNull(13)) r.confirmed_on = parse_date(q.getColumn(13).getText());
    r.note = q.getColumn(14).getString();
    r.created_by = q.getColumn(15).getString();
    const std::int64_t site_id = q.getColumn(16).getInt64();
    if (pattern) {
        pattern->text = r.phone;
        pattern->partial = r.partial;
        pattern->prefix = q.getColumn(17).getString();
        pattern->suffix = q.getColumn(18).getString();
    }
    // An effective contact of the registrant consultant with the customer renews it from its day.
    if (r.consultant_id && r.customer_id && r.status != RegistrationStatus::void_ && as_of >= r.registered_on) {
        if (auto e = last_effective_contact(store, *r.customer_id, *r.consultant_id, r.registered_on, as_of)) {
            const Date renewed = *e + boost::gregorian::days(window_days(cache.get(store, site_id, r.site), to_string(r.channel)));
            if (renewed > r.expires) {
                r.expires = renewed;
                r.renewed_on = *e;
            }
        }
    }
    return r;
}

} // namespace

Registration require_registration(Store& store, std::int64_t id, const std::string& field, Date as_of) {
    Query q(store, SNOWBALL_REGISTRATION_SELECT "WHERE r.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, field + ": no registration " + std::to_string(id), field);
    SettingsCache cache;
    return read_registration(store, *q, as_of, cache, nullptr);
}

std::vector<Registration> matching_registrations(Store& store, std::int64_t site_id, const PhonePattern& pattern, Date as_of) {
    Query q(store, SNOWBALL_REGISTRATION_SELECT "WHERE r.site_id = ? AND r.match_key = ? AND r.status <> 'void' "
                                                "ORDER BY r.registered_at, r.id");
    q->bind(1, site_id);
    q->bind(2, match_key(pattern));
    std::vector<Registration> out;
    SettingsCache cache;
    while (q->executeStep()) {
        PhonePattern theirs;
        Registration r = read_registration(store, *q, as_of, cache, &theirs);
        if (theirs.compatible(pattern)) out.push_back(std::move(r));
    }
    return out;
}

std::vector<Registration> query_registrations(Store& store, const RegistrationQuery& query, std::int64_t site_id, Date as_of) {
    Query q(store, SNOWBALL_REGISTRATION_SELECT "WHERE r.site_id = ?1 AND (?2 IS NULL OR r.consultant_id = ?2) "
                                                "AND (?3 IS NULL OR r.partner_id = ?3) AND (?4 IS NULL OR r.status = ?4) "
                                                "ORDER BY r.registered_at DESC, r.id DESC");
    q->bind(1, site_id);
    bind_optional(*q, 2, query.consultant_id);
    bind_optional(*q, 3, query.partner_id);
    if (query.status) q->bind(4, to_string(*query.status));
    std::vector<Registration> out;
    SettingsCache cache;
    while (q->executeStep() && static_cast<int>(out.size()) < query.limit) {
        Registration r = read_registration(store, *q, as_of, cache, nullptr);
        if (!query.valid_only || holds(r, as_of)) out.push_back(std::move(r));
    }
    return out;
}

Ownership ownership(Store& store, std::int64_t customer_id, Date as_of, const std::string& field) {
    Query c(store, "SELECT c.site_id, s.code, c.consultant_id, c.channel, c.first_contact, a.consultant_id, a.partner_id, "
                   "a.registration_id, a.source, a.channel, a.since, a.expires, p.since "
                   "FROM customers c JOIN sites s ON s.id = c.site_id LEFT JOIN attributions a ON a.customer_id = c.id "
                   "LEFT JOIN attribution_pool p ON p.customer_id = c.id WHERE c.id = ? AND c.deleted_at IS NULL");
    c->bind(1, customer_id);
    if (!c->executeStep()) detail::throw_no_customer(field, customer_id);
    Ownership o;
    o.customer_id = customer_id;
    o.site_id = c->getColumn(0).getInt64();
    o.site = c->getColumn(1).getString();
    if (!c->isColumnNull(12)) {
        o.in_pool = true;
        o.since = parse_date(c->getColumn(12).getText());
        o.source = "pool";
        return o;
    }
    std::string channel;
    Date base;
    if (!c->isColumnNull(8)) {
        if (!c->isColumnNull(5)) o.consultant_id = c->getColumn(5).getInt64();
        if (!c->isColumnNull(6)) o.partner_id = c->getColumn(6).getInt64();
        if (!c->isColumnNull(7)) o.registration_id = c->getColumn(7).getInt64();
        o.source = c->getColumn(8).getString();
        channel = c->getColumn(9).getString();
        o.since = parse_date(c->getColumn(10).getText());
        base = parse_date(c->getColumn(11).getText());
    } else {
        if (!c->isColumnNull(2)) o.consultant_id = c->getColumn(2).getInt64();
        const std::string filed = c->getColumn(3).getString();
        channel = filed == "visit" ? "walk_in" : "phone_inquiry";
        o.source = "filing";
        o.since = parse_date(c->getColumn(4).getText());
        base = o.since;
    }
    if (!o.consultant_id && !o.partner_id) return o;
    const AttributionSettings settings = load_attribution_settings(store, o.site_id, o.site);
    const int days = window_days(settings, channel);
    if (o.source == "filing") base = o.since + boost::gregorian::days(days);
    o.expires = base;
    if (o.consultant_id && as_of >= o.since)
        if (auto e = last_effective_contact(store, customer_id, *o.consultant_id, o.since, as_of))
            if (*e + boost::gregorian::days(days) > *o.expires) o.expires = *e + boost::gregorian::days(days);
    return o;
}

std::string consultant_name(Store& store, std::optional<std::int64_t> id) {
    if (!id) return {};
    Query q(store, "SELECT name FROM consultants WHERE id = ?");
    q->bind(1, *id);
    return q->executeStep() ? q->getColumn(0).getString() : std::string();
}

std::string partner_name(Store& store, std::optional<std::int64_t> id) {
    if (!id) return {};
    Query q(store, "SELECT name FROM channel_partners WHERE id = ?");
    q->bind(1, *id);
    return q->executeStep() ? q->getColumn(0).getString() : std::string();
}

std::string owner_words(Store& store, std::optional<std::int64_t> consultant_id, std::optional<std::int64_t> partner_id) {
    std::string out;
    if (consultant_id) out = "consultant " + consultant_name(store, consultant_id) + " (" + std::to_string(*consultant_id) + ")";
    if (partner_id) {
        if (!out.empty()) out += " with ";
        out += "partner " + partner_name(store, partner_id) + " (" + std::to_string(*partner_id) + ")";
    }
    return out.empty() ? "nobody" : out;
}

void add_history(Store& store, const AttributionChange& h, std::int64_t site_id) {
    Query q(store, "INSERT INTO attribution_history(customer_id, site_id, reason, consultant_id, partner_id, previous_consultant_id, "
                   "previous_partner_id, registration_id, dispute_id, note, at, by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    q->bind(1, h.customer_id);
    q->bind(2, site_id);
    q->bind(3, h.reason);
    bind_optional(*q, 4, h.consultant_id);
    bind_optional(*q, 5, h.partner_id);
    bind_optional(*q, 6, h.previous_consultant_id);
    bind_optional(*q, 7, h.previous_partner_id);
    bind_optional(*q, 8, h.registration_id);
    bind_optional(*q, 9, h.dispute_id);
    q->bind(10, h.note);
    q->bind(11, text::now_utc());
    q->bind(12, h.by);
    q->exec();
}

void set_owner(Store& store, Customers& customers, const Ownership& before, const NewOwner& o) {
    Query a(store, "INSERT INTO attributions(customer_id, site_id, consultant_id, partner_id, registration_id, source, channel, since, "
                   "expires, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) ON CONFLICT (customer_id) DO UPDATE SET "
                   "consultant_id = ?3, partner_id = ?4, registration_id = ?5, source = ?6, channel = ?7, since = ?8, expires = ?9, "
                   "updated_at = ?10");
    a->bind(1, before.customer_id);
    a->bind(2, before.site_id);
    bind_optional(*a, 3, o.consultant_id);
    bind_optional(*a, 4, o.partner_id);
    bind_optional(*a, 5, o.registration_id);
    a->bind(6, o.source);
    a->bind(7, o.channel);
    a->bind(8, to_iso(o.since));
    a->bind(9, to_iso(o.expires));
    a->bind(10, text::now_utc());
    a->exec();
    Query p(store, "DELETE FROM attribution_pool WHERE customer_id = ?");
    p->bind(1, before.customer_id);
    p->exec();
    if (o.consultant_id) {
        Query c(store, "SELECT consultant_id FROM customers WHERE id = ?");
        c->bind(1, before.customer_id);
        c->executeStep();
        const bool same = !c->isColumnNull(0) && c->getColumn(0).getInt64() == *o.consultant_id;
        c->reset();
        if (!same) {
            CustomerUpdate u;
            u.consultant_id = std::optional<std::int64_t>(*o.consultant_id);
            customers.update(before.customer_id, u);
        }
    }
    const bool was_owner = !before.in_pool && before.consultant_id == o.consultant_id && before.partner_id == o.partner_id;
    if (was_owner && o.reason == "judge") return;   // a visit that changes no owner is no change of owner
    AttributionChange h;
    h.customer_id = before.customer_id;
    h.reason = o.reason;
    h.consultant_id = o.consultant_id;
    h.partner_id = o.partner_id;
    h.previous_consultant_id = before.in_pool ? std::nullopt : before.consultant_id;
    h.previous_partner_id = before.in_pool ? std::nullopt : before.partner_id;
    h.registration_id = o.registration_id;
    h.dispute_id = o.dispute_id;
    h.note = o.note;
    h.by = o.by;
    add_history(store, h, before.site_id);
}

void put_in_pool(Store& store, const Ownership& before, Date day, std::optional<std::int64_t> registration_id, const std::string& by) {
    if (before.in_pool) return;
    Query q(store, "INSERT INTO attribution_pool(customer_id, site_id, since, previous_consultant_id, registration_id) VALUES (?,?,?,?,?)");
    q->bind(1, before.customer_id);
    q->bind(2, before.site_id);
    q->bind(3, to_iso(day));
    bind_optional(*q, 4, before.consultant_id);
    bind_optional(*q, 5, registration_id);
    q->exec();
    AttributionChange h;
    h.customer_id = before.customer_id;
    h.reason = "pool";
    h.previous_consultant_id = before.consultant_id;
    h.previous_partner_id = before.partner_id;
    h.registration_id = registration_id;
    h.note = before.expires ? "protection ended " + to_iso(*before.expires) : "no owner";
    h.by = by;
    add_history(store, h, before.site_id);
}

std::int64_t moment_of(std::string_view at) {
    if (at.size() == 10) return text::moment_or_now(std::string(at) + "T12:00", "at");
    return text::moment_or_now(at, "at");
}

Consultant require_active_consultant_at(Store& store, std::int64_t id, const std::string& site, const std::string& field) {
    Consultant c = require_consultant_at(store, id, site, field);
    if (!c.active) throw_invalid(field, "consultant " + std::to_string(id) + " is inactive");
    return c;
}

Partner require_partner(Store& store, std::int64_t id, const std::string& field, std::optional<std::int64_t> site_id) {
    Query q(store, "SELECT p.id, s.code, p.kind, p.name, p.company, p.phone, p.active, p.created_at, p.updated_at, p.site_id "
                   "FROM channel_partners p JOIN sites s ON s.id = p.site_id WHERE p.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, field + ": no channel partner " + std::to_string(id), field);
    Partner p;
    p.id = q->getColumn(0).getInt64();
    p.site = q->getColumn(1).getString();
    p.kind = parse_partner_kind(q->getColumn(2).getText());
    p.name = q->getColumn(3).getString();
    p.company = q->getColumn(4).getString();
    p.phone = q->getColumn(5).getString();
    p.active = q->getColumn(6).getInt() != 0;
    p.created_at = q->getColumn(7).getString();
    p.updated_at = q->getColumn(8).getString();
    if (site_id) {
        if (q->getColumn(9).getInt64() != *site_id)
            throw_invalid(field, "channel partner " + std::to_string(id) + " works for site " + p.site + ", not this one");
        if (!p.active) throw_invalid(field, "channel partner " + std::to_string(id) + " is inactive");
    }
    return p;
}

} // namespace detail
} // namespace snowball
