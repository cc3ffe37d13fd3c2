#include "archive/schema.hpp"

namespace snowball::detail {

// Version 5: the referral graph and the reward ledger.
const char* const referrals_schema = R"sql(
-- One row per claim "referrer introduced referee". The referee's first claim is credited, later
-- claims are secondary; site_id is the referee's site. A pair is claimed once, and never both ways
-- (the service refuses cycles of any length).
CREATE TABLE referrals (
    id            INTEGER PRIMARY KEY,
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    referrer_id   INTEGER NOT NULL REFERENCES customers(id),
    referee_id    INTEGER NOT NULL REFERENCES customers(id),
    method        TEXT NOT NULL CHECK (method = 'chain' OR method = 'key_person' OR method = 'cooperation'
                                       OR method = 'event_guest' OR method = 'observation'),
    referral_date TEXT NOT NULL,
    credited      INTEGER NOT NULL CHECK (credited = 0 OR credited = 1),
    consultant_id INTEGER REFERENCES consultants(id),
    note          TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL,
    CHECK (referrer_id <> referee_id),
    UNIQUE (referee_id, referrer_id)
);
CREATE UNIQUE INDEX referrals_credited ON referrals(referee_id) WHERE credited = 1;
CREATE INDEX referrals_referrer ON referrals(referrer_id);
CREATE INDEX referrals_site_date ON referrals(site_id, referral_date);

-- What the referrer passed on, with counts.
CREATE TABLE referral_materials (
    referral_id INTEGER NOT NULL REFERENCES referrals(id),
    kind        TEXT NOT NULL CHECK (kind = 'brochure' OR kind = 'business_card' OR kind = 'letter'
                                     OR kind = 'invitation'),
    count       INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (referral_id, kind)
) WITHOUT ROWID;

-- A site's affinity table and reward rule as JSON; NULL: the defaults.
CREATE TABLE referral_settings (
    site_id     INTEGER PRIMARY KEY REFERENCES sites(id),
    affinities  TEXT,
    reward_rule TEXT,
    updated_at  TEXT NOT NULL
);

-- The reward ledger (老带新奖励): one entry per rewarded deal, ever; a revoked entry stays. The deal's
-- unit and date are copied so that the entry stays readable if the deal record goes.
CREATE TABLE reward_entries (
    id            INTEGER PRIMARY KEY,
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    deal_id       INTEGER UNIQUE REFERENCES deals(id) ON DELETE SET NULL,
    unit          TEXT NOT NULL,
    deal_date     TEXT NOT NULL,
    referral_id   INTEGER NOT NULL REFERENCES referrals(id),
    referrer_id   INTEGER NOT NULL REFERENCES customers(id),
    referee_id    INTEGER NOT NULL REFERENCES customers(id),
    kind          TEXT NOT NULL CHECK (kind = 'points' OR kind = 'property_fee' OR kind = 'cash'),
    amount        REAL NOT NULL CHECK (amount > 0),
    status        TEXT NOT NULL DEFAULT 'granted' CHECK (status = 'granted' OR status = 'revoked'),
    granted_at    TEXT NOT NULL,
    granted_by    INTEGER REFERENCES consultants(id),
    note          TEXT NOT NULL DEFAULT '',
    revoked_at    TEXT,
    revoked_by    INTEGER REFERENCES consultants(id),
    revoke_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reward_entries_referrer ON reward_entries(referrer_id);
CREATE INDEX reward_entries_referee ON reward_entries(referee_id);
CREATE INDEX reward_entries_site ON reward_entries(site_id, id);
CREATE INDEX reward_entries_referral ON reward_entries(referral_id);

-- Every change to the referrals moves this counter, so that a cached graph (in this process or
-- another) knows when it is stale.
INSERT INTO archive_meta(key, value) VALUES ('referral_graph_version', '0');
)sql";

} // namespace snowball::detail
