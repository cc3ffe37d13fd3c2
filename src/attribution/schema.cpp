// The attribution tables (schema version 15): channel partners, registrations (报备), the current
// owner of each customer, the public pool (公海), disputes and the attribution history; the sites'
// protection windows. Family members' phones are indexed for judging.
#include "archive/schema.hpp"

namespace snowball::detail {

const char* const attribution_schema = R"sql(
-- Channel partners (分销, 中介, 全民经纪人) of a site.
CREATE TABLE channel_partners (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites(id),
    kind       TEXT NOT NULL CHECK (kind = 'distributor' OR kind = 'agency' OR kind = 'broker'),
    name       TEXT NOT NULL,
    company    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX channel_partners_site ON channel_partners(site_id);

-- A site's protection windows as JSON; no row: the defaults.
CREATE TABLE attribution_settings (
    site_id    INTEGER PRIMARY KEY REFERENCES sites(id),
    settings   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Registrations (报备). `phone` is the full phone or the pattern ("138****8000"); match_key is the
-- first 3 and the last 4 digits of a mainland mobile (full or partial), else the whole phone: the
-- one index a walk-in's phone is judged by. `expires` is the last day of protection before renewals.
CREATE TABLE registrations (
    id            INTEGER PRIMARY KEY,
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    phone         TEXT NOT NULL,
    partial       INTEGER NOT NULL CHECK (partial IN (0, 1)),
    prefix        TEXT NOT NULL,
    suffix        TEXT NOT NULL DEFAULT '',
    match_key     TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    channel       TEXT NOT NULL CHECK (channel = 'phone_inquiry' OR channel = 'walk_in' OR channel = 'distributor'
                                       OR channel = 'agency' OR channel = 'broker'),
    consultant_id INTEGER REFERENCES consultants(id),
    partner_id    INTEGER REFERENCES channel_partners(id),
    customer_id   INTEGER REFERENCES customers(id),
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status = 'active' OR status = 'confirmed' OR status = 'void'),
    registered_at TEXT NOT NULL,
    day           TEXT NOT NULL,
    expires       TEXT NOT NULL,
    confirmed_on  TEXT,
    note          TEXT NOT NULL DEFAULT '',
    created_by    TEXT NOT NULL,
    CHECK (consultant_id IS NOT NULL OR partner_id IS NOT NULL)
);
CREATE INDEX registrations_match ON registrations(site_id, match_key);
CREATE INDEX registrations_customer ON registrations(customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX registrations_consultant ON registrations(consultant_id, day) WHERE consultant_id IS NOT NULL;
CREATE INDEX registrations_partner ON registrations(partner_id, day) WHERE partner_id IS NOT NULL;

-- Who owns a customer now, when set by this module (a confirmed visit, a claim, a decision, a
-- reassignment); a customer without a row is owned by their consultant from their first contact.
CREATE TABLE attributions (
    customer_id     INTEGER PRIMARY KEY REFERENCES customers(id),
    site_id         INTEGER NOT NULL REFERENCES sites(id),
    consultant_id   INTEGER REFERENCES consultants(id),
    partner_id      INTEGER REFERENCES channel_partners(id),
    registration_id INTEGER REFERENCES registrations(id),
    source          TEXT NOT NULL,
    channel         TEXT NOT NULL,
    since           TEXT NOT NULL,
    expires         TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- The public pool (公海): customers whose protection ended, until a consultant claims them.
CREATE TABLE attribution_pool (
    customer_id            INTEGER PRIMARY KEY REFERENCES customers(id),
    site_id                INTEGER NOT NULL REFERENCES sites(id),
    since                  TEXT NOT NULL,
    previous_consultant_id INTEGER REFERENCES consultants(id),
    registration_id        INTEGER REFERENCES registrations(id)
);
CREATE INDEX attribution_pool_site ON attribution_pool(site_id, since);

CREATE TABLE attribution_disputes (
    id                     INTEGER PRIMARY KEY,
    site_id                INTEGER NOT NULL REFERENCES sites(id),
    customer_id            INTEGER NOT NULL REFERENCES customers(id),
    claimant_consultant_id INTEGER REFERENCES consultants(id),
    claimant_partner_id    INTEGER REFERENCES channel_partners(id),
    registration_id        INTEGER REFERENCES registrations(id),
    note                   TEXT NOT NULL,
    status                 TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'decided'),
    winner_consultant_id   INTEGER REFERENCES consultants(id),
    winner_partner_id      INTEGER REFERENCES channel_partners(id),
    decided_by             INTEGER REFERENCES consultants(id),
    decision_note          TEXT NOT NULL DEFAULT '',
    created_at             TEXT NOT NULL,
    created_by             TEXT NOT NULL,
    decided_at             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attribution_disputes_site ON attribution_disputes(site_id, status);
CREATE INDEX attribution_disputes_customer ON attribution_disputes(customer_id);

-- Every change of a customer's owner.
CREATE TABLE attribution_history (
    id                     INTEGER PRIMARY KEY,
    customer_id            INTEGER NOT NULL REFERENCES customers(id),
    site_id                INTEGER NOT NULL REFERENCES sites(id),
    reason                 TEXT NOT NULL,
    consultant_id          INTEGER REFERENCES consultants(id),
    partner_id             INTEGER REFERENCES channel_partners(id),
    previous_consultant_id INTEGER REFERENCES consultants(id),
    previous_partner_id    INTEGER REFERENCES channel_partners(id),
    registration_id        INTEGER REFERENCES registrations(id),
    dispute_id             INTEGER REFERENCES attribution_disputes(id),
    note                   TEXT NOT NULL DEFAULT '',
    at                     TEXT NOT NULL,
    by                     TEXT NOT NULL
);
CREATE INDEX attribution_history_customer ON attribution_history(customer_id, id);

-- Judging finds the family a walk-in's phone belongs to.
CREATE INDEX family_members_phone ON family_members(phone) WHERE phone <> '';
)sql";

} // namespace snowball::detail
