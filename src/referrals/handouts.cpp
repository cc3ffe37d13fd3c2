// Material handed out before the person is on file (连锁介绍: 楼书, 名片, ...): to a name and/or a
// phone — a full one, or a partial mobile as agents write it (138****8000) — by a consultant and/or
// a referring customer. It is matched when a customer with a phone that fits is filed (the
// customers module publishes CustomersFiled), or at once when the full phone is on file already. A
// match through a referring customer suggests the referral; the user registers it.
#include "snowball/referrals.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "referrals/referral_store.hpp"
#include "snowball/phone.hpp"

#include <algorithm>
#include <set>

namespace snowball {

using detail::Query;

namespace detail {

// A partial mainland mobile: 11 places, '*' for each hidden digit (also written x, X or ＊), at least
// 7 digits shown, the first a 1. Separators and a +86 / 86 prefix are dropped. nullopt: not partial
// (no hidden place); invalid_argument naming `field` when it has hidden places but is no mobile.
std::optional<std::string> partial_mobile(std::string_view raw, const std::string& field) {
    std::string s;
    for (char ch : text::to_halfwidth(raw)) {
        if (ch == ' ' || ch == '-' || ch == '.' || ch == '(' || ch == ')') continue;
        s += (ch == 'x' || ch == 'X') ? '*' : ch;
    }
    if (s.find('*') == std::string::npos) return std::nullopt;
    if (s.rfind("+86", 0) == 0) s.erase(0, 3);
    else if (s.size() == 13 && s.rfind("86", 0) == 0) s.erase(0, 2);
    const auto digits = std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    const bool well_formed = s.size() == 11 && s[0] == '1' && std::all_of(s.begin(), s.end(), [](char c) {
                                 return (c >= '0' && c <= '9') || c == '*';
                             });
    if (!well_formed || digits < 7)
        throw_invalid(field, "a partial phone must be a mainland mobile of 11 places with at least 7 digits shown and '*' "
                             "for the hidden ones, such as 138****8000");
    return s;
}

// Does the partial mobile fit the number (a normal form)?
bool fits(const std::string& pattern, const std::string& number) {
    if (pattern.size() != number.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i)
        if (pattern[i] != '*' && pattern[i] != number[i]) return false;
    return true;
}

namespace {

#define SNOWBALL_HANDOUT_SELECT                                                                                  \
    "SELECT h.id, s.code, h.kind, h.count, h.name, h.phone, h.partial_phone, h.consultant_id, h.referrer_id, "  \
    "r.name, h.handed_on, h.note, h.customer_id, c.name, c.archive_no, h.matched_at, "                          \
    "(SELECT f.id FROM referrals f WHERE f.referrer_id = h.referrer_id AND f.referee_id = h.customer_id), "     \
    "h.recorded_at FROM material_handouts h JOIN sites s ON s.id = h.site_id "                                  \
    "LEFT JOIN customers r ON r.id = h.referrer_id LEFT JOIN customers c ON c.id = h.customer_id "

Handout read_handout(SQLite::Statement& s) {
    Handout h;
    h.id = s.getColumn(0).getInt64();
    h.site = s.getColumn(1).getString();
    h.kind = parse_material_kind(s.getColumn(2).getText());
    h.count = s.getColumn(3).getInt();
    h.name = s.getColumn(4).getString();
    h.phone = s.getColumn(5).getString();
    h.partial_phone = s.getColumn(6).getInt() != 0;
    if (!s.isColumnNull(7)) h.consultant_id = s.getColumn(7).getInt64();
    if (!s.isColumnNull(8)) h.referrer_id = s.getColumn(8).getInt64();
    h.referrer_name = s.getColumn(9).getString();
    h.date = parse_date(s.getColumn(10).getText());
    h.note = s.getColumn(11).getString();
    if (!s.isColumnNull(12)) h.customer_id = s.getColumn(12).getInt64();
    h.customer_name = s.getColumn(13).getString();
    h.customer_archive_no = s.getColumn(14).getString();
    h.matched_at = s.getColumn(15).getString();
    if (!s.isColumnNull(16)) h.referral_id = s.getColumn(16).getInt64();
    h.referral_suggested = h.customer_id && h.referrer_id && !h.referral_id && *h.customer_id != *h.referrer_id;
    h.recorded_at = s.getColumn(17).getString();
    return h;
}

Handout require_handout(Store& store, std::int64_t id, const std::string& field) {
    Query q(store, SNOWBALL_HANDOUT_SELECT "WHERE h.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, field + ": no handout with id " + std::to_string(id), field);
    return read_handout(*q);
}

void link(Store& store, std::int64_t handout_id, std::int64_t customer_id, const std::string& now) {
    Query q(store, "UPDATE material_handouts SET customer_id = ?, matched_at = ? WHERE id = ?");
    q->bind(1, customer_id);
    q->bind(2, now);
    q->bind(3, handout_id);
    q->exec();
}

} // namespace

// Customers filed: each unmatched handout of their site whose phone fits one of theirs is theirs
// (the first customer of the filing that fits, in filing order).
void match_handouts(Store& store, const CustomersFiled& filed) {
    std::set<std::string> codes;
    for (const Customer& c : filed.customers) codes.insert(c.site);
    struct Open {
        std::int64_t id;
        std::string phone;
        bool partial;
        bool taken;
    };
    const std::string now = text::now_utc();
    for (const std::string& code : codes) {
        const std::int64_t site_id = require_site(store, code, "site").id;
        std::vector<Open> open;
        Query q(store, "SELECT id, phone, partial_phone FROM material_handouts WHERE site_id = ? AND customer_id IS NULL "
                       "AND phone <> ''");
        q->bind(1, site_id);
        while (q->executeStep())
            open.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(), q->getColumn(2).getInt() != 0, false});
        if (open.empty()) continue;
        for (const Customer& c : filed.customers) {
            if (c.site != code) continue;
            std::vector<const std::string*> numbers;
            if (!c.mobile.empty()) numbers.push_back(&c.mobile);
            for (const Phone& p : c.phones) numbers.push_back(&p.number);
            for (Open& o : open) {
                if (o.taken) continue;
                const bool match = std::any_of(numbers.begin(), numbers.end(), [&](const std::string* n) {
                    return o.partial ? fits(o.phone, *n) : o.phone == *n;
                });
                if (!match) continue;
                o.taken = true;
                link(store, o.id, c.id, now);
            }
        }
    }
}

// Erasure: a handout matched to the person, or to their phones while unmatched, goes; one they
// handed out as a referrer loses them (and its note, which may speak of them).
void erase_handouts(Store& store, const CustomerErased& subject) {
    {
        Query q(store, "DELETE FROM material_handouts WHERE customer_id = ?");
        q->bind(1, subject.customer_id);
        q->exec();
    }
    {
        Query q(store, "UPDATE material_handouts SET referrer_id = NULL, note = '' WHERE referrer_id = ?");
        q->bind(1, subject.customer_id);
        q->exec();
    }
    if (subject.phones.empty()) return;
    std::vector<std::int64_t> theirs;
    {
        Query q(store, "SELECT id, phone, partial_phone FROM material_handouts WHERE site_id = ? AND customer_id IS NULL "
                       "AND phone <> ''");
        q->bind(1, subject.site_id);
        while (q->executeStep()) {
            const std::string phone = q->getColumn(1).getString();
            const bool partial = q->getColumn(2).getInt() != 0;
            for (const std::string& p : subject.phones)
                if (partial ? fits(phone, p) : phone == p) {
                    theirs.push_back(q->getColumn(0).getInt64());
                    break;
                }
        }
    }
    for (std::int64_t id : theirs) {
        Query q(store, "DELETE FROM material_handouts WHERE id = ?");
        q->bind(1, id);
        q->exec();
    }
}

} // namespace detail

Handout Referrals::hand_out(const NewHandout& input) {
    const std::string name = text::clean(input.name, "name", 50, false);
    const std::string note = text::clean(input.note, "note", 500, false, text::Lines::multi);
    std::string phone;
    bool partial = false;
    if (!text::trim(input.phone).empty()) {
        if (auto pattern = detail::partial_mobile(input.phone, "phone")) {
            phone = *pattern;
            partial = true;
        } else {
            phone = normalize_phone(input.phone, "phone").number;
        }
    }
    if (name.empty() && phone.empty()) throw_invalid("name", "say to whom it was handed: a name, a phone, or both");
    if (input.count < 1 || input.count > 10000)
        throw_invalid("count", std::to_string(input.count) + " is not between 1 and 10000");
    if (!input.consultant_id && !input.referrer_id)
        throw_invalid("consultant_id", "say who handed it out: a consultant of the site (consultant_id), a referring "
                                       "customer (referrer_id), or both");
    const Date date = detail::day_or_today(input.date, "date");
    return store_.write([&] {
        const Site site = detail::require_site(store_, input.site, "site");
        std::optional<std::int64_t> consultant;
        if (input.consultant_id) consultant = detail::acting_consultant(store_, *input.consultant_id, site.code, "consultant_id");
        if (input.referrer_id) {
            const detail::Party r = detail::require_party(store_, *input.referrer_id, "referrer_id");
            if (r.site_id != site.id)
                throw_invalid("referrer_id", "customer " + std::to_string(*input.referrer_id) + " is at site " + r.site +
                                                 ", not at site " + site.code);
        }
        const std::string now = text::now_utc();
        Query q(store_, "INSERT INTO material_handouts(site_id, kind, count, name, phone, partial_phone, consultant_id, "
                        "referrer_id, handed_on, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        q->bind(1, site.id);
        q->bind(2, to_string(input.kind));
        q->bind(3, input.count);
        q->bind(4, name);
        q->bind(5, phone);
        q->bind(6, partial ? 1 : 0);
        detail::bind_optional(*q, 7, consultant);
        detail::bind_optional(*q, 8, input.referrer_id);
        q->bind(9, to_iso(date));
        q->bind(10, note);
        q->bind(11, now);
        q->exec();
        const std::int64_t id = store_.db().getLastInsertRowid();
        if (!partial && !phone.empty()) {
            // Someone on file already has the phone at the site: theirs at once.
            Query owner(store_, "SELECT p.customer_id FROM customer_phones p JOIN customers c ON c.id = p.customer_id "
                                "WHERE p.phone = ? AND p.site_id = ? AND c.deleted_at IS NULL");
            owner->bind(1, phone);
            owner->bind(2, site.id);
            if (owner->executeStep()) detail::link(store_, id, owner->getColumn(0).getInt64(), now);
        }
        return detail::require_handout(store_, id, "id");
    });
}

Handout Referrals::handout(std::int64_t handout_id) const {
    return store_.read([&] { return detail::require_handout(store_, handout_id, "handout_id"); }, false);
}

Page<Handout> Referrals::handouts(const HandoutQuery& query) const {
    return store_.read([&] {
        const Site site = detail::require_site(store_, query.site, "site");
        const auto bind = [&](SQLite::Statement& s) {
            s.bind(1, site.id);
            if (query.matched) s.bind(2, *query.matched ? 1 : 0);
            else s.bind(2);
            detail::bind_optional(s, 3, query.referrer_id);
            return 4;
        };
#define SNOWBALL_HANDOUT_FILTER                                                                           \
    "WHERE h.site_id = ?1 AND (?2 IS NULL OR (h.customer_id IS NOT NULL) = ?2) "                            \
    "AND (?3 IS NULL OR h.referrer_id = ?3) "
        return detail::read_page<Handout>(
            store_.db(), "SELECT count(*) FROM material_handouts h " SNOWBALL_HANDOUT_FILTER,
            SNOWBALL_HANDOUT_SELECT SNOWBALL_HANDOUT_FILTER "ORDER BY h.handed_on DESC, h.id DESC LIMIT ?4 OFFSET ?5", query.limit,
            query.offset, bind, detail::read_handout);
#undef SNOWBALL_HANDOUT_FILTER
    });
}

} // namespace snowball
