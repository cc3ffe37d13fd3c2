// Who may see and do what: the rules of snowball/privacy.hpp ("Actors"), in one place.
#include "privacy/access.hpp"

#include "archive/records.hpp"

namespace snowball::detail {

Subject require_subject(Store& store, std::int64_t customer_id, const std::string& field) {
    Query q(store, "SELECT c.id, s.code, c.consultant_id, c.stage FROM customers c JOIN sites s ON s.id = c.site_id "
                   "WHERE c.id = ? AND c.deleted_at IS NULL");
    q->bind(1, customer_id);
    if (!q->executeStep())
        detail::throw_no_customer(field, customer_id);
    Subject s;
    s.id = q->getColumn(0).getInt64();
    s.site = q->getColumn(1).getString();
    if (!q->getColumn(2).isNull()) s.consultant_id = q->getColumn(2).getInt64();
    s.stage = q->getColumn(3).getString();
    return s;
}

Actor acting(Store& store, std::optional<std::int64_t> by, const std::string& field) {
    const Actor& handle = store.actor();
    if (!by) return handle;
    if (handle.kind == ActorKind::host) {
        const Consultant c = require_consultant(store, *by, field);
        Actor a;
        a.kind = c.role == ConsultantRole::manager ? ActorKind::manager : ActorKind::consultant;
        a.consultant_id = c.id;
        a.site = c.site;
        return a;
    }
    if ((handle.kind == ActorKind::consultant || handle.kind == ActorKind::manager) && handle.consultant_id == *by)
        return handle;
    throw Error(Status::forbidden,
                field + ": this archive acts as " + handle.text() + "; it cannot act for consultant " + std::to_string(*by),
                field);
}

namespace {

bool granted(Store& store, std::int64_t consultant_id, std::int64_t customer_id) {
    Query q(store, "SELECT 1 FROM access_grants WHERE customer_id = ? AND consultant_id = ?");
    q->bind(1, customer_id);
    q->bind(2, consultant_id);
    return q->executeStep();
}

} // namespace

bool may_see(Store& store, const Actor& actor, const Subject& subject) {
    switch (actor.kind) {
    case ActorKind::host: return true;
    case ActorKind::site_admin:
    case ActorKind::manager: return actor.site == subject.site;
    case ActorKind::consultant:
        return (subject.consultant_id && *subject.consultant_id == actor.consultant_id) ||
               granted(store, actor.consultant_id, subject.id);
    }
    return false;
}

void require_may_see(Store& store, const Actor& actor, const Subject& subject, const std::string& field) {
    if (!may_see(store, actor, subject))
        throw Error(Status::forbidden,
                    field + ": " + actor.text() + " may not see customer " + std::to_string(subject.id) +
                        (actor.kind == ActorKind::consultant ? " (another consultant's customer; a manager can grant access)"
                                                             : " (a customer of another site)"),
                    field);
}

void require_actor_site(const Actor& actor, const std::string& site, const std::string& field) {
    if (actor.kind == ActorKind::host || actor.site == site) return;
    throw Error(Status::forbidden, field + ": " + actor.text() + " works at site " + actor.site + ", not " + site, field);
}

void require_site_manager(const Actor& actor, const std::string& site, const std::string& field, const std::string& what) {
    if (actor.kind == ActorKind::host) return;
    require_actor_site(actor, site, field);
    if (actor.kind == ActorKind::consultant)
        throw Error(Status::forbidden,
                    field + ": " + actor.text() + " may not " + what + ": it takes the site's manager or administrator", field);
}

void require_manager(const Actor& actor, const Subject& subject, const std::string& field) {
    const bool ok = actor.kind == ActorKind::host ||
                    ((actor.kind == ActorKind::site_admin || actor.kind == ActorKind::manager) && actor.site == subject.site);
    if (!ok)
        throw Error(Status::forbidden,
                    field + ": " + actor.text() + " may not do this for customer " + std::to_string(subject.id) +
                        ": it takes the site's manager or administrator, or the host system",
                    field);
}

bool has_sensitive_consent(Store& store, std::int64_t customer_id, SensitiveCategory category) {
    Query q(store, "SELECT 1 FROM consents WHERE customer_id = ? AND sensitive = 1 AND objection = 0 "
                   "AND withdrawn_at IS NULL AND (? = 0 OR guardian <> '') LIMIT 1");
    q->bind(1, customer_id);
    q->bind(2, category == SensitiveCategory::minors ? 1 : 0);
    return q->executeStep();
}

void require_reveal(Store& store, const Actor& actor, const Subject& subject, SensitiveCategory category,
                    const std::string& reason, const std::string& field) {
    require_may_see(store, actor, subject, field);
    if (reason.empty()) throw_invalid("reason", "is required to reveal a sensitive value: say why it is needed");
    if (actor.kind == ActorKind::consultant && !has_sensitive_consent(store, subject.id, category))
        throw Error(Status::consent_required,
                    field + ": customer " + std::to_string(subject.id) + " has no consent in force for " +
                        to_string(category) + " information; a consultant cannot read it until the consent is given again",
                    field);
}

} // namespace snowball::detail
