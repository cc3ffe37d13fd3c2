#include "archive/schema.hpp"

namespace snowball::detail {

namespace {

// Version 1: sites, consultants, the customer archive, archive-number sequences, visits, deals.
constexpr const char* v1 = R"sql(
CREATE TABLE archive_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sites (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    number_format TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE consultants (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    site_id    INTEGER NOT NULL REFERENCES sites(id),
    name       TEXT NOT NULL,
    phone      TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
);
CREATE INDEX consultants_site ON consultants(site_id);

-- One row per archive-number sequence; last_seq only ever grows, so numbers are never reused.
CREATE TABLE number_sequences (
    scope    TEXT PRIMARY KEY,
    site_id  INTEGER NOT NULL REFERENCES sites(id),
    last_seq INTEGER NOT NULL CHECK (last_seq >= 0)
) WITHOUT ROWID;

-- A removed customer keeps its row (deleted_at set, personal data cleared) so that its archive
-- number stays taken.
CREATE TABLE customers (
    id            INTEGER PRIMARY KEY,
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    archive_no    TEXT NOT NULL UNIQUE,
    channel       TEXT NOT NULL CHECK (channel IN ('call', 'visit', 'lead')),
    name          TEXT NOT NULL,
    gender        TEXT NOT NULL DEFAULT 'unknown' CHECK (gender IN ('unknown', 'male', 'female')),
    mobile        TEXT NOT NULL DEFAULT '',
    consultant_id INTEGER REFERENCES consultants(id),
    tier          TEXT NOT NULL DEFAULT 'ordinary' CHECK (tier IN ('ordinary', 'vip')),
    stage         TEXT NOT NULL DEFAULT 'prospect' CHECK (stage IN ('prospect', 'visitor', 'owner')),
    first_contact TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    filed_at      TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX customers_site_name ON customers(site_id, name);
CREATE INDEX customers_site_first_contact ON customers(site_id, first_contact);
CREATE INDEX customers_consultant ON customers(consultant_id);

-- Every phone of every customer, mobile included: the site-wide uniqueness rule and the
-- recognition-by-phone index. Keyed by phone first so that a lookup without a site is indexed.
CREATE TABLE customer_phones (
    phone       TEXT NOT NULL,
    site_id     INTEGER NOT NULL REFERENCES sites(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    kind        TEXT NOT NULL CHECK (kind IN ('mobile', 'home', 'office', 'other')),
    PRIMARY KEY (phone, site_id)
) WITHOUT ROWID;
CREATE INDEX customer_phones_customer ON customer_phones(customer_id);

CREATE TABLE visits (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    visit_date    TEXT NOT NULL,
    consultant_id INTEGER REFERENCES consultants(id),
    note          TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL
);
CREATE INDEX visits_customer ON visits(customer_id, visit_date);

CREATE TABLE deals (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    unit          TEXT NOT NULL,
    layout        TEXT NOT NULL DEFAULT '',
    area          REAL NOT NULL CHECK (area > 0),
    price         REAL NOT NULL CHECK (price > 0),
    deal_date     TEXT NOT NULL,
    bought_for    TEXT NOT NULL DEFAULT '',
    consultant_id INTEGER REFERENCES consultants(id),
    cancelled     INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    cancel_reason TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL,
    cancelled_at  TEXT
);
-- A unit is sold once at a time: a second closed deal on it is a conflict.
CREATE UNIQUE INDEX deals_site_unit_closed ON deals(site_id, unit) WHERE cancelled = 0;
CREATE INDEX deals_customer ON deals(customer_id);
CREATE INDEX deals_site_date ON deals(site_id, deal_date);
)sql";

} // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all{
        {1, v1},
    };
    return all;
}

int latest_schema_version() { return migrations().back().version; }

} // namespace snowball::detail
