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

// Version 18: key persons approached before they refer anyone, cooperation introductions followed
// through, material handed out before the person is on file.
const char* const referrals_followup_schema = R"sql(
-- An approach to a key-person candidate (核心人物): who, when, how, what came of it; contact_id is
-- the contact-log entry it wrote.
CREATE TABLE key_person_approaches (
    id            INTEGER PRIMARY KEY,
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    approach_date TEXT NOT NULL,
    consultant_id INTEGER REFERENCES consultants(id),
    channel       TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'sms' OR channel = 'wechat' OR channel = 'letter'
                                       OR channel = 'email' OR channel = 'visit_office' OR channel = 'home_visit'
                                       OR channel = 'event'),
    outcome       TEXT NOT NULL CHECK (outcome = 'no_answer' OR outcome = 'reached' OR outcome = 'interested'
                                       OR outcome = 'agreed' OR outcome = 'declined'),
    note          TEXT NOT NULL DEFAULT '',
    contact_id    INTEGER,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX key_person_approaches_customer ON key_person_approaches(customer_id, approach_date);
CREATE INDEX key_person_approaches_site ON key_person_approaches(site_id);

-- Two customers introduced to each other (交叉合作), the smaller id first, each pair once; their
-- industries as classified then (what the matcher learns on) and what came of it.
CREATE TABLE cooperation_introductions (
    id              INTEGER PRIMARY KEY,
    site_id         INTEGER NOT NULL REFERENCES sites(id),
    a_id            INTEGER NOT NULL REFERENCES customers(id),
    b_id            INTEGER NOT NULL REFERENCES customers(id),
    a_industry      TEXT NOT NULL DEFAULT '',
    b_industry      TEXT NOT NULL DEFAULT '',
    introduced_on   TEXT NOT NULL,
    consultant_id   INTEGER REFERENCES consultants(id),
    outcome         TEXT NOT NULL DEFAULT 'pending' CHECK (outcome = 'pending' OR outcome = 'worked' OR outcome = 'no_result'),
    outcome_on      TEXT,
    outcome_by      INTEGER REFERENCES consultants(id),
    note            TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL,
    CHECK (a_id < b_id),
    UNIQUE (a_id, b_id)
);
CREATE INDEX cooperation_introductions_b ON cooperation_introductions(b_id);
CREATE INDEX cooperation_introductions_site ON cooperation_introductions(site_id, introduced_on);

-- Material handed out (楼书, 名片, ...) to someone not on file yet: a name and/or a phone (normal form,
-- or a partial mobile with '*'), by a consultant and/or a referring customer; customer_id once matched.
CREATE TABLE material_handouts (
    id            INTEGER PRIMARY KEY,
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    kind          TEXT NOT NULL CHECK (kind = 'brochure' OR kind = 'business_card' OR kind = 'letter'
                                       OR kind = 'invitation'),
    count         INTEGER NOT NULL CHECK (count > 0),
    name          TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    partial_phone INTEGER NOT NULL DEFAULT 0 CHECK (partial_phone = 0 OR partial_phone = 1),
    consultant_id INTEGER REFERENCES consultants(id),
    referrer_id   INTEGER REFERENCES customers(id),
    handed_on     TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    customer_id   INTEGER REFERENCES customers(id),
    matched_at    TEXT,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX material_handouts_unmatched ON material_handouts(site_id, phone) WHERE customer_id IS NULL;
CREATE INDEX material_handouts_site ON material_handouts(site_id, id);
CREATE INDEX material_handouts_customer ON material_handouts(customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX material_handouts_referrer ON material_handouts(referrer_id) WHERE referrer_id IS NOT NULL;
)sql";

} // namespace snowball::detail
