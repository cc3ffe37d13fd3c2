// The consent ledger (snowball/privacy.hpp, "Consent"): consents and objections with their proof,
// and the one check of each purpose that every module makes before it acts.
#include "archive/merge_journal.hpp"
#include "common/enum_names.hpp"
#include "common/text.hpp"
#include "privacy/access.hpp"
#include "privacy/audit.hpp"
#include "snowball/privacy.hpp"

namespace snowball {

namespace {

template <class E>
using Name = detail::EnumName<E>;

constexpr Name<Purpose> purposes[] = {
    {"service", Purpose::service},     {"服务", Purpose::service},    {"marketing", Purpose::marketing},
    {"营销", Purpose::marketing},      {"referral", Purpose::referral}, {"推荐", Purpose::referral},
    {"research", Purpose::research},   {"研究", Purpose::research},
};
constexpr Name<SensitiveCategory> categories[] = {
    {"health", SensitiveCategory::health},
    {"financial", SensitiveCategory::financial},
    {"whereabouts", SensitiveCategory::whereabouts},
    {"minors", SensitiveCategory::minors},
};

// What the customer may be told a consent is for, in messages.
const char* purpose_words(Purpose p) {
    switch (p) {
    case Purpose::service: return "the service relationship";
    case Purpose::marketing: return "marketing (promotional news and invitations)";
    case Purpose::referral: return "referral work (appearing by name in another customer's referrals)";
    case Purpose::research: return "research (product-design analytics beyond aggregates)";
    }
    return "";
}

Consent read_consent(SQLite::Statement& s) {
    Consent c;
    c.id = s.getColumn(0).getInt64();
    c.customer_id = s.getColumn(1).getInt64();
    c.purpose = parse_purpose(s.getColumn(2).getString());
    c.objection = s.getColumn(3).getInt() != 0;
    c.sensitive = s.getColumn(4).getInt() != 0;
    c.guardian = s.getColumn(5).getString();
    c.scope = s.getColumn(6).getString();
    c.notice_version = s.getColumn(7).getString();
    c.channel = s.getColumn(8).getString();
    c.proof = s.getColumn(9).getString();
    c.recorded_by = s.getColumn(10).getString();
    c.recorded_at = s.getColumn(11).getString();
    if (!s.getColumn(12).isNull()) c.withdrawn_at = s.getColumn(12).getString();
    c.withdrawn_by = s.getColumn(13).getString();
    return c;
}

Consent insert_consent(detail::Store& store, const Consent& c) {
    detail::Query q(store, "INSERT INTO consents(customer_id, purpose, objection, sensitive, guardian, scope, "
                           "notice_version, channel, proof, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    q->bind(1, c.customer_id);
    q->bind(2, to_string(c.purpose));
    q->bind(3, c.objection ? 1 : 0);
    q->bind(4, c.sensitive ? 1 : 0);
    q->bind(5, c.guardian);
    q->bind(6, c.scope);
    q->bind(7, c.notice_version);
    q->bind(8, c.channel);
    q->bind(9, c.proof);
    q->bind(10, c.recorded_by);
    q->bind(11, c.recorded_at);
    q->exec();
    Consent out = c;
    out.id = store.db().getLastInsertRowid();
    return out;
}

bool objected(detail::Store& store, std::int64_t customer_id, Purpose purpose, std::string_view channel) {
    detail::Query q(store, "SELECT 1 FROM consents WHERE customer_id = ? AND purpose = ? AND objection = 1 "
                           "AND withdrawn_at IS NULL AND (channel = '' OR channel = ?) LIMIT 1");
    q->bind(1, customer_id);
    q->bind(2, to_string(purpose));
    q->bind(3, std::string(channel));
    return q->executeStep();
}

bool consented(detail::Store& store, std::int64_t customer_id, Purpose purpose) {
    detail::Query q(store, "SELECT 1 FROM consents WHERE customer_id = ? AND purpose = ? AND objection = 0 "
                           "AND withdrawn_at IS NULL LIMIT 1");
    q->bind(1, customer_id);
    q->bind(2, to_string(purpose));
    return q->executeStep();
}

} // namespace

const char* to_string(Purpose v) noexcept { return detail::key_of(purposes, v); }
Purpose parse_purpose(std::string_view t, const std::string& f) { return detail::parse_key(purposes, t, f); }
const char* to_string(SensitiveCategory v) noexcept { return detail::key_of(categories, v); }

namespace {

// The customer's consents, grants and holds go with them: a guardian's name is personal data too.
// What was consented and withdrawn when stays in the audit log, without the person.
void erase_consents(detail::Store& store, const detail::CustomerErased& e) {
    for (const char* sql : {"DELETE FROM consents WHERE customer_id = ?", "DELETE FROM access_grants WHERE customer_id = ?",
                            "DELETE FROM legal_holds WHERE customer_id = ?"}) {
        detail::Query q(store, sql);
        q->bind(1, e.customer_id);
        q->exec();
    }
}

} // namespace

Consents::Consents(detail::Store& store) : store_(store) {
    store_.events().subscribe<detail::CustomerErased>("privacy", erase_consents);
    // A merge: the merged record's consent ledger becomes the kept record's (every grant and
    // withdrawal stays as given); its access grants and legal hold too, where the kept record
    // has none of its own.
    store_.events().subscribe<detail::CustomersMerged>("privacy", [](detail::Store&, const detail::CustomersMerged& e) {
        const std::string keep = std::to_string(e.keep), merged = std::to_string(e.merged);
        e.journal.move("consents", "customer_id", e.merged, e.keep);
        e.journal.remove("access_grants", "customer_id = " + merged + " AND consultant_id IN (SELECT consultant_id "
                                          "FROM access_grants WHERE customer_id = " + keep + ")");
        e.journal.move("access_grants", "customer_id", e.merged, e.keep);
        e.journal.remove("legal_holds", "customer_id = " + merged + " AND EXISTS (SELECT 1 FROM legal_holds "
                                        "WHERE customer_id = " + keep + ")");
        e.journal.move("legal_holds", "customer_id", e.merged, e.keep);
    });
}

Consent Consents::grant(std::int64_t customer_id, const ConsentGrant& g) {
    return store_.write([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        const Actor actor = detail::acting(store_, g.by);
        detail::require_may_see(store_, store_.actor(), subject, "customer_id");
        if (g.purpose == Purpose::service && !g.sensitive)
            throw_invalid("purpose", "the service relationship needs no consent (PIPL Art. 13(2)); record an objection "
                                     "to a channel with object(), or a sensitive consent with sensitive set");
        Consent c;
        c.customer_id = customer_id;
        c.purpose = g.purpose;
        c.sensitive = g.sensitive;
        c.guardian = text::clean(g.guardian, "guardian", 100, false);
        c.scope = text::clean(g.scope, "scope", 500, false, text::Lines::multi);
        c.notice_version = text::clean(g.notice_version, "notice_version", 50, false);
        c.channel = text::clean(g.channel, "channel", 50, false);
        c.proof = text::clean(g.proof, "proof", 200, false);
        if (!c.guardian.empty() && !c.sensitive)
            throw_invalid("guardian", "a guardian gives the separate consent for a minor's data: set sensitive too");
        c.recorded_by = actor.text();
        c.recorded_at = text::now_utc();
        c = insert_consent(store_, c);
        detail::audit(store_, c.recorded_by, "consent.grant", customer_id,
                      std::string("purpose ") + to_string(c.purpose) + (c.sensitive ? ", sensitive" : "") +
                          (c.guardian.empty() ? "" : ", by a guardian") + ", consent " + std::to_string(c.id));
        return c;
    });
}

Consent Consents::object(std::int64_t customer_id, Purpose purpose, const std::string& channel,
                         std::optional<std::int64_t> by) {
    return store_.write([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        const Actor actor = detail::acting(store_, by);
        detail::require_may_see(store_, store_.actor(), subject, "customer_id");
        Consent c;
        c.customer_id = customer_id;
        c.purpose = purpose;
        c.objection = true;
        c.channel = text::clean(channel, "channel", 50, false);
        c.recorded_by = actor.text();
        c.recorded_at = text::now_utc();
        c = insert_consent(store_, c);
        detail::audit(store_, c.recorded_by, "consent.object", customer_id,
                      std::string("purpose ") + to_string(purpose) + ", channel " + (c.channel.empty() ? "(all)" : c.channel));
        return c;
    });
}

int Consents::withdraw(std::int64_t customer_id, Purpose purpose, std::optional<std::int64_t> by) {
    return store_.write([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        const Actor actor = detail::acting(store_, by);
        detail::require_may_see(store_, store_.actor(), subject, "customer_id");
        detail::Query q(store_, "UPDATE consents SET withdrawn_at = ?, withdrawn_by = ? WHERE customer_id = ? "
                                "AND purpose = ? AND objection = 0 AND withdrawn_at IS NULL");
        q->bind(1, text::now_utc());
        q->bind(2, actor.text());
        q->bind(3, customer_id);
        q->bind(4, to_string(purpose));
        const int n = q->exec();
        detail::audit(store_, actor.text(), "consent.withdraw", customer_id,
                      std::string("purpose ") + to_string(purpose) + ", " + std::to_string(n) + " withdrawn");
        return n;
    });
}

int Consents::lift_objection(std::int64_t customer_id, Purpose purpose, std::optional<std::string> channel,
                             std::optional<std::int64_t> by) {
    return store_.write([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        const Actor actor = detail::acting(store_, by);
        detail::require_may_see(store_, store_.actor(), subject, "customer_id");
        detail::Query q(store_, "UPDATE consents SET withdrawn_at = ?1, withdrawn_by = ?2 WHERE customer_id = ?3 "
                                "AND purpose = ?4 AND objection = 1 AND withdrawn_at IS NULL AND (?5 IS NULL OR channel = ?5)");
        q->bind(1, text::now_utc());
        q->bind(2, actor.text());
        q->bind(3, customer_id);
        q->bind(4, to_string(purpose));
        if (channel) q->bind(5, *channel);
        else q->bind(5);
        const int n = q->exec();
        detail::audit(store_, actor.text(), "consent.lift", customer_id,
                      std::string("purpose ") + to_string(purpose) + ", channel " + (channel ? *channel : "any") + ", " +
                          std::to_string(n) + " lifted");
        return n;
    });
}

std::vector<Consent> Consents::of(std::int64_t customer_id) const {
    return store_.read([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        detail::require_may_see(store_, store_.actor(), subject, "customer_id");
        detail::Query q(store_, "SELECT id, customer_id, purpose, objection, sensitive, guardian, scope, notice_version, "
                                "channel, proof, recorded_by, recorded_at, withdrawn_at, withdrawn_by FROM consents "
                                "WHERE customer_id = ? ORDER BY id");
        q->bind(1, customer_id);
        std::vector<Consent> out;
        while (q->executeStep()) out.push_back(read_consent(*q));
        return out;
    });
}

namespace detail {

bool purpose_allowed(Store& store, std::int64_t customer_id, Purpose purpose, std::string_view channel) {
    if (objected(store, customer_id, purpose, channel)) return false;
    return purpose == Purpose::service || consented(store, customer_id, purpose);
}

} // namespace detail

bool Consents::allows(std::int64_t customer_id, Purpose purpose, std::string_view channel) const {
    return store_.read([&] {
        detail::require_subject(store_, customer_id);
        return detail::purpose_allowed(store_, customer_id, purpose, channel);
    });
}

void Consents::require(std::int64_t customer_id, Purpose purpose, std::string_view channel,
                       const std::string& field) const {
    if (allows(customer_id, purpose, channel)) return;
    throw Error(Status::consent_required,
                field + ": customer " + std::to_string(customer_id) +
                    (purpose == Purpose::service ? " objects to " + std::string(channel.empty() ? "this" : channel) +
                                                       " contact for " + purpose_words(purpose)
                                                 : " has no consent in force for " + std::string(purpose_words(purpose))),
                field);
}

bool Consents::allows_sensitive(std::int64_t customer_id, SensitiveCategory category) const {
    return store_.read([&] {
        detail::require_subject(store_, customer_id);
        return detail::has_sensitive_consent(store_, customer_id, category);
    });
}

void Consents::require_sensitive(std::int64_t customer_id, SensitiveCategory category, const std::string& field) const {
    if (allows_sensitive(customer_id, category)) return;
    throw Error(Status::consent_required,
                field + ": " + to_string(category) + " information needs the customer's separate consent" +
                    (category == SensitiveCategory::minors ? ", given by a guardian," : "") + " and customer " +
                    std::to_string(customer_id) + " has none in force",
                field);
}

// ---------------------------------------------------------------------------------------------
// Masking

namespace {

// The text split into its UTF-8 characters.
std::vector<std::string_view> characters(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
        n = std::min(n, s.size() - i);
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

std::string join(const std::vector<std::string_view>& cs, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to && i < cs.size(); ++i) out += cs[i];
    return out;
}

} // namespace

std::string mask_phone(std::string_view phone) {
    const auto cs = characters(phone);
    if (cs.empty()) return {};
    if (cs.size() <= 4) return std::string(cs.size(), '*');
    const std::size_t head = cs.size() >= 11 ? 3 : 2;
    const std::size_t tail = cs.size() >= 11 ? 4 : 2;
    return join(cs, 0, head) + std::string(cs.size() - head - tail, '*') + join(cs, cs.size() - tail, cs.size());
}

std::string mask_name(std::string_view name) {
    const auto cs = characters(text::trim(name));
    if (cs.empty()) return {};
    if (cs.size() == 1) return "*";
    std::string out(cs[0]);
    for (std::size_t i = 1; i < cs.size(); ++i) out += "*";
    return out;
}

std::string mask_plate(std::string_view plate) {
    const auto cs = characters(text::trim(plate));
    if (cs.size() <= 3) return std::string(masked_value);
    // The province and the city letter (浙A), a separator when written (浙A·), then the last character.
    std::size_t head = 2;
    if (cs[2] == "\xC2\xB7" || cs[2] == "-" || cs[2] == " " || cs[2] == "\xE3\x83\xBB") head = 3;
    if (cs.size() <= head + 1) return std::string(masked_value);
    return join(cs, 0, head) + "****" + std::string(cs.back());
}

std::string mask_address(std::string_view text) {
    const auto cs = characters(text::trim(text));
    if (cs.empty()) return {};
    return join(cs, 0, std::min<std::size_t>(6, cs.size() / 2)) + "****";
}

} // namespace snowball
