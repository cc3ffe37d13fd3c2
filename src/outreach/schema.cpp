// The outreach and events tables (schema version 13): news items, message templates, the items sent
// and their deliveries, the sites' outreach settings; events, their series, invitations and the
// survey campaigns that follow them. Contacts learn which delivery or event they were.
#include "archive/schema.hpp"

namespace snowball::detail {

const char* const outreach_schema = R"sql(
-- A contact made by a delivery or for an event.
ALTER TABLE contacts ADD COLUMN event_id INTEGER;
ALTER TABLE contacts ADD COLUMN delivery_id INTEGER;
DROP TRIGGER contacts_append_only;
CREATE TRIGGER contacts_append_only BEFORE UPDATE OF id, customer_id, site_id, consultant_id, at, day, channel, direction,
    duration_s, outcome, reached, intent_before, intent, next_on, next_time, next_channel, next_purpose, care_task_id,
    ticket_id, campaign_id, referral_id, deal_id, quiet_hours, supersedes, recorded_by, recorded_at, event_id, delivery_id
    ON contacts
BEGIN SELECT RAISE(ABORT, 'the contact log is append-only: correct an entry with a new one'); END;

-- A site's outreach settings as JSON; no row: the defaults.
CREATE TABLE outreach_settings (
    site_id    INTEGER PRIMARY KEY REFERENCES sites(id),
    settings   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- News items (资讯): attachments are references (URLs or paths) as a JSON array, never bytes.
CREATE TABLE news_items (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id),
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    day         TEXT NOT NULL,
    attachments TEXT NOT NULL DEFAULT '[]',
    by_id       INTEGER REFERENCES consultants(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX news_items_site_day ON news_items(site_id, day);

-- Message templates: a site's own (site_id) or group-wide (NULL); keys unique per site.
CREATE TABLE message_templates (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER REFERENCES sites(id),
    key        TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    channel    TEXT NOT NULL,
    subject    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    language   TEXT NOT NULL DEFAULT 'zh-Hans',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX message_templates_key ON message_templates(ifnull(site_id, 0), key);

-- One row per item sent (its key): what makes a send idempotent.
CREATE TABLE outreach_items (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    news_id    INTEGER REFERENCES news_items(id),
    event_id   INTEGER,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

-- A delivery: one item to one customer on one channel, never twice.
CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES outreach_items(id),
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    site_id      INTEGER NOT NULL REFERENCES sites(id),
    channel      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped')),
    reason       TEXT NOT NULL DEFAULT '',
    subject      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    segments     INTEGER NOT NULL DEFAULT 0,
    message_id   TEXT NOT NULL DEFAULT '',
    attempts     INTEGER NOT NULL DEFAULT 0,
    error        TEXT NOT NULL DEFAULT '',
    queued_at    TEXT NOT NULL,
    sent_at      TEXT NOT NULL DEFAULT '',
    sent_day     TEXT,
    delivered_at TEXT NOT NULL DEFAULT '',
    read_at      TEXT NOT NULL DEFAULT '',
    contact_id   INTEGER,
    care_task_id INTEGER,
    UNIQUE (item_id, customer_id, channel)
);
CREATE INDEX deliveries_customer_sent ON deliveries(customer_id, sent_day) WHERE sent_day IS NOT NULL;
CREATE INDEX deliveries_message ON deliveries(channel, message_id) WHERE message_id <> '';
CREATE INDEX deliveries_open ON deliveries(status) WHERE status IN ('queued', 'sending', 'failed');

-- A site's own event kinds (the built-in ones come from the library).
CREATE TABLE event_kinds (
    site_id               INTEGER NOT NULL REFERENCES sites(id),
    key                   TEXT NOT NULL,
    label                 TEXT NOT NULL,
    at_construction_site  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, key)
);

CREATE TABLE event_series (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id),
    every_weeks INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);

-- Events: `start` UTC ISO 8601, `day` and `time` in China.
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    site_id          INTEGER NOT NULL REFERENCES sites(id),
    series_id        INTEGER REFERENCES event_series(id),
    kind             TEXT NOT NULL,
    title            TEXT NOT NULL,
    start            TEXT NOT NULL,
    day              TEXT NOT NULL,
    time             TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    place            TEXT NOT NULL DEFAULT '',
    capacity         INTEGER,
    host_id          INTEGER REFERENCES consultants(id),
    description      TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    cancel_reason    TEXT NOT NULL DEFAULT '',
    changed          INTEGER NOT NULL DEFAULT 0,
    closed           INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL
);
CREATE INDEX events_site_day ON events(site_id, day);
CREATE INDEX events_series ON events(series_id) WHERE series_id IS NOT NULL;

-- Who was invited, what they answered, whether they came; walk-ins and guests too.
CREATE TABLE event_invitations (
    event_id      INTEGER NOT NULL REFERENCES events(id),
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    answer        TEXT NOT NULL DEFAULT 'none' CHECK (answer IN ('none', 'yes', 'no', 'maybe')),
    party         INTEGER NOT NULL DEFAULT 1 CHECK (party >= 1),
    waitlist_seq  INTEGER,
    attendance    TEXT NOT NULL DEFAULT 'unknown' CHECK (attendance IN ('unknown', 'attended', 'no_show')),
    guest_of      INTEGER REFERENCES customers(id),
    walk_in       INTEGER NOT NULL DEFAULT 0,
    filed_here    INTEGER NOT NULL DEFAULT 0,
    invited_at    TEXT NOT NULL DEFAULT '',
    answered_at   TEXT NOT NULL DEFAULT '',
    reminded_at   TEXT NOT NULL DEFAULT '',
    checked_in_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, customer_id)
);
CREATE INDEX event_invitations_customer ON event_invitations(customer_id);
CREATE INDEX event_invitations_guest_of ON event_invitations(guest_of) WHERE guest_of IS NOT NULL;

-- A post-event survey campaign: its responses are the event's.
CREATE TABLE event_campaigns (
    event_id    INTEGER NOT NULL REFERENCES events(id),
    campaign_id INTEGER NOT NULL REFERENCES survey_campaigns(id),
    PRIMARY KEY (event_id, campaign_id)
);
)sql";

} // namespace snowball::detail
