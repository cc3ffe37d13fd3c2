// Audiences: who an item or an invitation goes to, resolved to the customers on file.
#include "outreach/outreach_store.hpp"

#include "archive/records.hpp"
#include "common/text.hpp"
#include "snowball/contacts.hpp"
#include "privacy/access.hpp"
#include "snowball/referrals.hpp"

#include <algorithm>
#include <set>

namespace snowball::detail {

namespace {

// A handle's actor addresses the customers it may see: a consultant their own, a manager or an
// administrator their site's, the host any.
void require_site_scope(Store& store, const Site& site, const std::string& field) {
    require_actor_site(store.actor(), site.code, field);
}

void collect(Store& store, const char* sql, std::int64_t a, const std::string& b, std::set<std::int64_t>& out,
             std::optional<std::int64_t> only_consultant) {
    Query q(store, sql);
    q->bind(1, a);
    if (!b.empty()) q->bind(2, b);
    while (q->executeStep()) {
        if (only_consultant && (q->isColumnNull(1) || q->getColumn(1).getInt64() != *only_consultant)) continue;
        out.insert(q->getColumn(0).getInt64());
    }
}

} // namespace

std::vector<std::int64_t> resolve_audience(Store& store, Referrals& referrals, Contacts& contacts,
                                           const std::vector<Recipients>& audience, const std::string& field) {
    if (audience.empty()) throw_invalid(field, "is empty: name who the item goes to");
    if (audience.size() > 50) throw_invalid(field, "at most 50 parts");
    std::set<std::int64_t> out;
    const Actor& actor = store.actor();
    // A consultant's handle reaches their own customers only.
    const std::optional<std::int64_t> own =
        actor.kind == ActorKind::consultant ? std::optional<std::int64_t>(actor.consultant_id) : std::nullopt;
    for (std::size_t i = 0; i < audience.size(); ++i) {
        const Recipients& r = audience[i];
        const std::string at = field + "[" + std::to_string(i) + "]";
        const auto site_of = [&] {
            const Site s = require_site(store, r.site, at + ".site");
            require_site_scope(store, s, at + ".site");
            return s;
        };
        switch (r.scope) {
        case AudienceScope::customers: {
            if (r.customer_ids.empty()) throw_invalid(at + ".customer_ids", "is empty");
            if (r.customer_ids.size() > 1000000) throw_invalid(at + ".customer_ids", "at most 1,000,000 customers");
            for (std::size_t k = 0; k < r.customer_ids.size(); ++k) {
                const std::string where = at + ".customer_ids[" + std::to_string(k) + "]";
                const Subject s = require_subject(store, r.customer_ids[k], where);
                require_may_see(store, actor, s, where);
                out.insert(s.id);
            }
            break;
        }
        case AudienceScope::site_owners:
            collect(store, "SELECT id, consultant_id FROM customers WHERE site_id = ? AND stage = 'owner' AND deleted_at IS NULL",
                    site_of().id, "", out, own);
            break;
        case AudienceScope::site_vips:
            collect(store, "SELECT id, consultant_id FROM customers WHERE site_id = ? AND tier = 'vip' AND deleted_at IS NULL",
                    site_of().id, "", out, own);
            break;
        case AudienceScope::site_customers:
            collect(store, "SELECT id, consultant_id FROM customers WHERE site_id = ? AND deleted_at IS NULL", site_of().id, "", out, own);
            break;
        case AudienceScope::consultant_customers: {
            if (!r.consultant_id) throw_invalid(at + ".consultant_id", "is required for the scope consultant_customers");
            const Consultant c = require_consultant(store, *r.consultant_id, at + ".consultant_id");
            if (own && *own != c.id)
                throw Error(Status::forbidden, at + ".consultant_id: " + actor.text() + " may address their own customers only",
                            at + ".consultant_id");
            require_site_scope(store, require_site(store, c.site, at + ".consultant_id"), at + ".consultant_id");
            collect(store, "SELECT id, consultant_id FROM customers WHERE consultant_id = ? AND deleted_at IS NULL", c.id, "", out,
                    std::nullopt);
            break;
        }
        case AudienceScope::intent_grade: {
            const Site s = site_of();
            const std::string grade(text::trim(r.grade));
            const ContactSettings settings = contacts.settings(s.code);
            const bool known = std::any_of(settings.grades.begin(), settings.grades.end(),
                                           [&](const IntentGrade& g) { return g.key == grade; });
            if (!known) {
                std::string keys;
                for (const IntentGrade& g : settings.grades) keys += (keys.empty() ? "" : ", ") + g.key;
                throw_invalid(at + ".grade", "'" + r.grade + "' is not a grade of site " + s.code + ": " + keys);
            }
            collect(store, "SELECT c.id, c.consultant_id FROM contact_followups f JOIN customers c ON c.id = f.customer_id "
                           "WHERE f.site_id = ?1 AND f.intent = ?2 AND c.stage <> 'owner' AND c.deleted_at IS NULL",
                    s.id, grade, out, own);
            break;
        }
        case AudienceScope::event_attendees: {
            if (!r.event_id) throw_invalid(at + ".event_id", "is required for the scope event_attendees");
            Query e(store, "SELECT s.code FROM events e JOIN sites s ON s.id = e.site_id WHERE e.id = ?");
            e->bind(1, *r.event_id);
            if (!e->executeStep())
                throw Error(Status::not_found, at + ".event_id: no event with id " + std::to_string(*r.event_id), at + ".event_id");
            require_site_scope(store, require_site(store, e->getColumn(0).getString(), at + ".event_id"), at + ".event_id");
            collect(store, "SELECT c.id, c.consultant_id FROM event_invitations i JOIN customers c ON c.id = i.customer_id "
                           "WHERE i.event_id = ? AND i.attendance = 'attended' AND c.deleted_at IS NULL",
                    *r.event_id, "", out, own);
            break;
        }
        case AudienceScope::referral_circle: {
            if (!r.customer_id) throw_invalid(at + ".customer_id", "is required for the scope referral_circle");
            const Subject s = require_subject(store, *r.customer_id, at + ".customer_id");
            require_may_see(store, actor, s, at + ".customer_id");
            bool found = false;
            for (const Circle& c : referrals.circles(s.site, 2)) {
                if (!std::binary_search(c.members.begin(), c.members.end(), s.id)) continue;
                for (std::int64_t m : c.members) {
                    const Subject member = require_subject(store, m, at + ".customer_id");
                    if (!own || member.consultant_id == own) out.insert(m);
                }
                found = true;
                break;
            }
            if (!found) out.insert(s.id);   // a customer tied to nobody is a circle of one
            break;
        }
        }
    }
    return {out.begin(), out.end()};
}

} // namespace snowball::detail
