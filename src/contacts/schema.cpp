// The contact log's tables (schema version 12): every contact, each customer's follow-up state, the
// sites' contact settings; visits record where they took place.
#include "archive/schema.hpp"

namespace snowball::detail {

const char* const contacts_schema = R"sql(
-- Where a visit took place: the sales office or the construction site.
ALTER TABLE visits ADD COLUMN place TEXT NOT NULL DEFAULT 'sales_office'
    CHECK (place = 'sales_office' OR place = 'construction_site');

-- A site's follow-up policy, outcomes and quiet hours as JSON; no row: the defaults.
CREATE TABLE contact_settings (
    site_id    INTEGER PRIMARY KEY REFERENCES sites(id),
    settings   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The contact log (跟进记录): append-only. `at` is UTC ISO 8601, `day` its day in China. A correction
-- is a new row whose `supersedes` names the old one, which gets `superseded_by`: the only change a
-- row ever sees, beside erasure taking a phone out of a note.
CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    consultant_id INTEGER REFERENCES consultants(id),
    at            TEXT NOT NULL,
    day           TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'sms' OR channel = 'wechat' OR channel = 'letter'
                                       OR channel = 'email' OR channel = 'visit_office' OR channel = 'visit_site'
                                       OR channel = 'home_visit' OR channel = 'event' OR channel = 'news'),
    direction     TEXT NOT NULL CHECK (direction = 'out' OR direction = 'in'),
    duration_s    INTEGER CHECK (duration_s >= 0),
    outcome       TEXT NOT NULL,
    reached       INTEGER NOT NULL CHECK (reached IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    intent_before TEXT NOT NULL DEFAULT '',
    intent        TEXT NOT NULL DEFAULT '',
    next_on       TEXT,
    next_time     TEXT NOT NULL DEFAULT '',
    next_channel  TEXT,
    next_purpose  TEXT NOT NULL DEFAULT '',
    care_task_id  INTEGER,
    ticket_id     INTEGER REFERENCES feedback_tickets(id),
    campaign_id   INTEGER REFERENCES survey_campaigns(id),
    referral_id   INTEGER REFERENCES referrals(id),
    deal_id       INTEGER REFERENCES deals(id),
    quiet_hours   INTEGER NOT NULL DEFAULT 0 CHECK (quiet_hours IN (0, 1)),
    supersedes    INTEGER REFERENCES contacts(id),
    superseded_by INTEGER REFERENCES contacts(id),
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX contacts_customer ON contacts(customer_id, at);
CREATE INDEX contacts_site_day ON contacts(site_id, day);
CREATE INDEX contacts_consultant_day ON contacts(consultant_id, day) WHERE consultant_id IS NOT NULL;
CREATE TRIGGER contacts_append_only BEFORE UPDATE OF id, customer_id, site_id, consultant_id, at, day, channel, direction,
    duration_s, outcome, reached, intent_before, intent, next_on, next_time, next_channel, next_purpose, care_task_id,
    ticket_id, campaign_id, referral_id, deal_id, quiet_hours, supersedes, recorded_by, recorded_at ON contacts
BEGIN SELECT RAISE(ABORT, 'the contact log is append-only: correct an entry with a new one'); END;

-- Where each contacted customer stands: the latest contact, the grade, the next contact due (planned
-- in the latest entry, or from the site's policy). Kept by every write of the log.
CREATE TABLE contact_followups (
    customer_id      INTEGER PRIMARY KEY REFERENCES customers(id),
    site_id          INTEGER NOT NULL REFERENCES sites(id),
    last_at          TEXT NOT NULL,
    last_day         TEXT NOT NULL,
    last_channel     TEXT NOT NULL,
    last_reached_day TEXT,
    intent           TEXT NOT NULL DEFAULT '',
    next_on          TEXT,
    next_time        TEXT NOT NULL DEFAULT '',
    next_channel     TEXT,
    next_purpose     TEXT NOT NULL DEFAULT '',
    next_source      TEXT NOT NULL DEFAULT '' CHECK (next_source = '' OR next_source = 'planned' OR next_source = 'policy')
);
CREATE INDEX contact_followups_next ON contact_followups(site_id, next_on) WHERE next_on IS NOT NULL;
CREATE INDEX contact_followups_last ON contact_followups(site_id, last_day);
)sql";

} // namespace snowball::detail
