#include "archive/schema.hpp"

namespace snowball::detail {

namespace {

// Version 1: sites, consultants, the customer archive, archive-number sequences, visits, deals.
// CHECK constraints list their values with OR rather than IN (...): SQLite 3.40 builds a temporary
// table for an IN list of three or more on every row written, which tripled the cost of filing.
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
    channel       TEXT NOT NULL CHECK (channel = 'call' OR channel = 'visit' OR channel = 'lead'),
    name          TEXT NOT NULL,
    gender        TEXT NOT NULL DEFAULT 'unknown' CHECK (gender = 'unknown' OR gender = 'male' OR gender = 'female'),
    mobile        TEXT NOT NULL DEFAULT '',
    consultant_id INTEGER REFERENCES consultants(id),
    tier          TEXT NOT NULL DEFAULT 'ordinary' CHECK (tier = 'ordinary' OR tier = 'vip'),
    stage         TEXT NOT NULL DEFAULT 'prospect' CHECK (stage = 'prospect' OR stage = 'visitor' OR stage = 'owner'),
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
    kind        TEXT NOT NULL CHECK (kind = 'mobile' OR kind = 'home' OR kind = 'office' OR kind = 'other'),
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

// Version 2: customer profiles (per-site templates, values, history), family members, birthdays.
constexpr const char* v2 = R"sql(
-- Birthdays as five columns, so that the care calendar finds a window's birthdays by index.
ALTER TABLE customers ADD COLUMN birth_calendar TEXT CHECK (birth_calendar = 'gregorian' OR birth_calendar = 'lunar');
ALTER TABLE customers ADD COLUMN birth_year INTEGER;
ALTER TABLE customers ADD COLUMN birth_month INTEGER;
ALTER TABLE customers ADD COLUMN birth_day INTEGER;
ALTER TABLE customers ADD COLUMN birth_leap INTEGER NOT NULL DEFAULT 0;
CREATE INDEX customers_birthday ON customers(birth_calendar, birth_month, birth_day)
    WHERE birth_calendar IS NOT NULL;

-- A site's template, one row per version; a site without a row uses the default template.
CREATE TABLE profile_templates (
    site_id    INTEGER NOT NULL REFERENCES sites(id),
    version    INTEGER NOT NULL CHECK (version > 0),
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES consultants(id),
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (site_id, version)
) WITHOUT ROWID;

-- The current value of each field that has one. Values are kept by field key, so they outlive
-- template changes (a hidden field's values stay).
CREATE TABLE profile_values (
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES consultants(id),
    PRIMARY KEY (customer_id, field)
) WITHOUT ROWID;
CREATE INDEX profile_values_field ON profile_values(field);

-- Every change: who, when, old and new value (NULL: no value).
CREATE TABLE profile_history (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    changed_by  INTEGER REFERENCES consultants(id),
    changed_at  TEXT NOT NULL
);
CREATE INDEX profile_history_customer ON profile_history(customer_id, field);

CREATE TABLE family_members (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers(id),
    relation       TEXT NOT NULL CHECK (relation = 'spouse' OR relation = 'father' OR relation = 'mother' OR relation = 'child' OR relation = 'other'),
    name           TEXT NOT NULL,
    gender         TEXT NOT NULL DEFAULT 'unknown' CHECK (gender = 'unknown' OR gender = 'male' OR gender = 'female'),
    birth_calendar TEXT CHECK (birth_calendar = 'gregorian' OR birth_calendar = 'lunar'),
    birth_year     INTEGER,
    birth_month    INTEGER,
    birth_day      INTEGER,
    birth_leap     INTEGER NOT NULL DEFAULT 0,
    phone          TEXT NOT NULL DEFAULT '',
    employer       TEXT NOT NULL DEFAULT '',
    education      TEXT NOT NULL DEFAULT '',
    interests      TEXT NOT NULL DEFAULT '',
    school         TEXT NOT NULL DEFAULT '',
    closest        INTEGER NOT NULL DEFAULT 0 CHECK (closest IN (0, 1)),
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX family_members_customer ON family_members(customer_id);
CREATE INDEX family_members_birthday ON family_members(birth_calendar, birth_month, birth_day)
    WHERE birth_calendar IS NOT NULL;
)sql";

// Version 3: the care calendar (settings, tasks) and holiday arrangements loaded into the archive.
constexpr const char* v3 = R"sql(
-- A site's care settings as JSON; NULL: the built-in defaults.
CREATE TABLE care_settings (
    site_id    INTEGER PRIMARY KEY REFERENCES sites(id),
    festivals  TEXT,
    policy     TEXT,
    occasions  TEXT,
    updated_at TEXT NOT NULL
);

-- One task per customer and day; occasions and actions as JSON.
CREATE TABLE care_tasks (
    id           INTEGER PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites(id),
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    task_date    TEXT NOT NULL,
    prepare_from TEXT NOT NULL,
    occasions    TEXT NOT NULL,
    actions      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'done' OR status = 'skipped'),
    outcome      TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    done_at      TEXT,
    done_by      INTEGER REFERENCES consultants(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (customer_id, task_date)
);
CREATE INDEX care_tasks_site_date ON care_tasks(site_id, task_date);
CREATE INDEX care_tasks_open ON care_tasks(task_date) WHERE status = 'open';

-- Holiday arrangements published after this library was built (or corrections).
CREATE TABLE holiday_arrangements (
    day       TEXT PRIMARY KEY,
    year      INTEGER NOT NULL,
    work      INTEGER NOT NULL CHECK (work IN (0, 1)),
    holiday   TEXT NOT NULL DEFAULT '',
    loaded_at TEXT NOT NULL
) WITHOUT ROWID;

-- The care calendar finds the owners of a festival by stage, and anniversaries and follow-ups by
-- the month and day of the deal.
CREATE INDEX customers_site_stage ON customers(site_id, stage);
CREATE INDEX deals_month_day ON deals(CAST(substr(deal_date, 6, 2) AS INTEGER), CAST(substr(deal_date, 9, 2) AS INTEGER))
    WHERE cancelled = 0;
)sql";

// Version 6: the care agenda greets the birthdays of some stages only (owners, by default): the
// birthday index holds the site and the stage of the customers on file, so that other customers'
// birthdays are passed over without reading their rows.
constexpr const char* v6 = R"sql(
DROP INDEX customers_birthday;
CREATE INDEX customers_birthday ON customers(birth_calendar, birth_month, birth_day, site_id, stage)
    WHERE birth_calendar IS NOT NULL AND deleted_at IS NULL;
)sql";

// Version 7: a task keeps one id wherever it is stored — the customer's id times 2^17 plus the
// day's number from 1900-01-01 — and the tasks a whole group of customers shares (a festival's
// greeting: the same occasions and actions on the same day) are kept once per site, day and
// content, with the customers as members; a member's task becomes a row of care_tasks once a
// consultant acts on it.
constexpr const char* v7 = R"sql(
-- The care calendar finds the family birthdays of a window by index, and keeps only those of the
-- customers it greets without reading the other rows.
DROP INDEX family_members_birthday;
CREATE INDEX family_members_birthday ON family_members(birth_calendar, birth_month, birth_day, customer_id)
    WHERE birth_calendar IS NOT NULL;

-- The care calendar greets the owners on every festival: their names, tiers and archive numbers
-- by index, without reading their rows. Partial: prospects and visitors — most customers, and every
-- one newly filed — are not in it.
CREATE INDEX customers_owners ON customers(site_id, stage, consultant_id, tier, archive_no, name, deleted_at)
    WHERE stage = 'owner' AND deleted_at IS NULL;

CREATE TABLE care_tasks_v7 (
    id           INTEGER PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites(id),
    customer_id  INTEGER NOT NULL,   -- a customer on file: see care_task_members
    task_date    TEXT NOT NULL,
    prepare_from TEXT NOT NULL,
    occasions    TEXT NOT NULL,
    actions      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'done' OR status = 'skipped'),
    outcome      TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    done_at      TEXT,
    done_by      INTEGER REFERENCES consultants(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
INSERT INTO care_tasks_v7(id, site_id, customer_id, task_date, prepare_from, occasions, actions, status, outcome, note,
                          done_at, done_by, created_at, updated_at)
    SELECT customer_id * 131072 + CAST(julianday(task_date) - julianday('1900-01-01') AS INTEGER), site_id, customer_id,
           task_date, prepare_from, occasions, actions, status, outcome, note, done_at, done_by, created_at, updated_at
    FROM care_tasks;
DROP TABLE care_tasks;
ALTER TABLE care_tasks_v7 RENAME TO care_tasks;
CREATE INDEX care_tasks_site_date ON care_tasks(site_id, task_date);
CREATE INDEX care_tasks_open ON care_tasks(task_date) WHERE status = 'open';

CREATE TABLE care_task_groups (
    id           INTEGER PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites(id),
    task_date    TEXT NOT NULL,
    prepare_from TEXT NOT NULL,
    occasions    TEXT NOT NULL,
    actions      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (task_date, site_id, occasions, actions)
);
-- customer_id (here and in care_tasks) names a customer on file, but is not declared a foreign
-- key: checking it would read the row of every customer with a task (a festival greets tens of
-- thousands at once), rows the agenda otherwise never reads. Customers are never deleted, and
-- removing one's personal data removes its tasks and memberships.
CREATE TABLE care_task_members (
    group_id    INTEGER NOT NULL REFERENCES care_task_groups(id),
    customer_id INTEGER NOT NULL,
    PRIMARY KEY (group_id, customer_id)
) WITHOUT ROWID;
)sql";

} // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all{
        {1, v1},
        {2, v2},
        {3, v3},
        {4, feedback_schema},
        {5, referrals_schema},
        {6, v6},
        {7, v7},
        {8, surveys_anonymous_schema},
        {9, privacy_schema},
        {10, consent_schema},
        {11, sealing_schema},
        {12, contacts_schema},
        {13, outreach_schema},
        {14, deals_schema},
        {15, attribution_schema},
        {16, merge_schema},
        {17, care_gifts_schema},
        {18, referrals_followup_schema},
        {19, group_schema},
    };
    return all;
}

int latest_schema_version() { return migrations().back().version; }

} // namespace snowball::detail
