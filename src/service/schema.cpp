#include "archive/schema.hpp"

namespace snowball::detail {

// Version 4: complaints and suggestions, satisfaction surveys; consultants get a role and a manager.
// Statuses, kinds and channels are listed with OR (see src/archive/schema.cpp).
const char* const feedback_schema = R"sql(
-- Managers (案场经理) take escalations and the tickets that low survey scores open.
ALTER TABLE consultants ADD COLUMN role TEXT NOT NULL DEFAULT 'consultant' CHECK (role = 'consultant' OR role = 'manager');
ALTER TABLE consultants ADD COLUMN manager_id INTEGER REFERENCES consultants(id);
CREATE INDEX consultants_manager ON consultants(manager_id) WHERE manager_id IS NOT NULL;

-- A site's deadlines, escalation and closing-the-loop settings as JSON; no row: the defaults.
CREATE TABLE feedback_settings (
    site_id    INTEGER PRIMARY KEY REFERENCES sites(id),
    settings   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A site's own feedback categories, beside the six defaults.
CREATE TABLE feedback_categories (
    site_id    INTEGER NOT NULL REFERENCES sites(id),
    key        TEXT NOT NULL,
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (site_id, key)
) WITHOUT ROWID;

-- One complaint, suggestion or praise. site_id NULL: taken in at group level (no site known).
-- number_scope (the site code at intake, '' at group level), year and seq make the number, which
-- never changes, also when a group-level ticket later takes its customer's site.
CREATE TABLE feedback_tickets (
    id                    INTEGER PRIMARY KEY,
    uid                   TEXT NOT NULL UNIQUE,
    number                TEXT NOT NULL UNIQUE,
    number_scope          TEXT NOT NULL,
    year                  INTEGER NOT NULL,
    seq                   INTEGER NOT NULL CHECK (seq > 0),
    site_id               INTEGER REFERENCES sites(id),
    channel               TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'letter' OR channel = 'face_to_face' OR channel = 'online'),
    kind                  TEXT NOT NULL CHECK (kind = 'complaint' OR kind = 'suggestion' OR kind = 'praise'),
    category              TEXT NOT NULL,
    severity              TEXT NOT NULL CHECK (severity = 'low' OR severity = 'normal' OR severity = 'high' OR severity = 'urgent'),
    body                  TEXT NOT NULL,
    customer_id           INTEGER REFERENCES customers(id),
    contact_name          TEXT NOT NULL DEFAULT '',
    contact_phone         TEXT NOT NULL DEFAULT '',
    status                TEXT NOT NULL DEFAULT 'received' CHECK (status = 'received' OR status = 'acknowledged' OR status = 'in_progress' OR status = 'resolved' OR status = 'closed'),
    assignee_id           INTEGER REFERENCES consultants(id),
    received_on           TEXT NOT NULL,
    received_by           INTEGER REFERENCES consultants(id),
    acknowledge_due       TEXT NOT NULL,
    acknowledge_estimated INTEGER NOT NULL CHECK (acknowledge_estimated IN (0, 1)),
    resolve_due           TEXT NOT NULL,
    resolve_estimated     INTEGER NOT NULL CHECK (resolve_estimated IN (0, 1)),
    acknowledged_on       TEXT,
    resolved_on           TEXT,
    closed_on             TEXT,
    resolution            TEXT NOT NULL DEFAULT '',
    reopened              INTEGER NOT NULL DEFAULT 0 CHECK (reopened >= 0),
    response_id           INTEGER REFERENCES survey_responses(id),
    follow_up_campaign_id INTEGER REFERENCES survey_campaigns(id),
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    UNIQUE (number_scope, year, seq)
);
CREATE INDEX feedback_tickets_site ON feedback_tickets(site_id, received_on);
CREATE INDEX feedback_tickets_customer ON feedback_tickets(customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX feedback_tickets_assignee ON feedback_tickets(assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX feedback_tickets_response ON feedback_tickets(response_id) WHERE response_id IS NOT NULL;
-- The overdue and escalation lists read the open tickets only.
CREATE INDEX feedback_tickets_open ON feedback_tickets(resolve_due)
    WHERE status = 'received' OR status = 'acknowledged' OR status = 'in_progress';

-- A ticket's history: every status change, assignment, link and note, with who and when.
CREATE TABLE feedback_events (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES feedback_tickets(id),
    action      TEXT NOT NULL CHECK (action = 'received' OR action = 'acknowledged' OR action = 'in_progress' OR action = 'resolved'
                                     OR action = 'closed' OR action = 'reopened' OR action = 'assigned' OR action = 'linked'
                                     OR action = 'note'),
    from_status TEXT,
    to_status   TEXT,
    by_id       INTEGER REFERENCES consultants(id),
    note        TEXT NOT NULL DEFAULT '',
    assignee_id INTEGER REFERENCES consultants(id),
    customer_id INTEGER REFERENCES customers(id),
    event_on    TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX feedback_events_ticket ON feedback_events(ticket_id, id);

-- A questionnaire; its title and questions are kept per version. site_id NULL: group-wide.
CREATE TABLE surveys (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    site_id    INTEGER REFERENCES sites(id),
    version    INTEGER NOT NULL CHECK (version > 0),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX surveys_site ON surveys(site_id);

CREATE TABLE survey_versions (
    survey_id  INTEGER NOT NULL REFERENCES surveys(id),
    version    INTEGER NOT NULL CHECK (version > 0),
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES consultants(id),
    PRIMARY KEY (survey_id, version)
) WITHOUT ROWID;

-- options: JSON [{"key", "label"}] for single and multi questions.
CREATE TABLE survey_questions (
    survey_id INTEGER NOT NULL,
    version   INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    key       TEXT NOT NULL,
    type      TEXT NOT NULL CHECK (type = 'rating5' OR type = 'nps' OR type = 'single' OR type = 'multi' OR type = 'text'),
    topic     TEXT NOT NULL,
    text      TEXT NOT NULL,
    options   TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (survey_id, version, key),
    FOREIGN KEY (survey_id, version) REFERENCES survey_versions(survey_id, version)
) WITHOUT ROWID;

-- A survey sent by one channel to an audience; the invited customers are listed with the site and
-- consultant they had when invited (the response rates are counted by them).
CREATE TABLE survey_campaigns (
    id                     INTEGER PRIMARY KEY,
    uid                    TEXT NOT NULL UNIQUE,
    survey_id              INTEGER NOT NULL REFERENCES surveys(id),
    version                INTEGER NOT NULL,
    site_id                INTEGER REFERENCES sites(id),
    name                   TEXT NOT NULL DEFAULT '',
    channel                TEXT NOT NULL CHECK (channel = 'letter' OR channel = 'phone' OR channel = 'online'),
    audience               TEXT NOT NULL CHECK (audience = 'site_owners' OR audience = 'consultant_customers' OR audience = 'ticket' OR audience = 'customers'),
    audience_consultant_id INTEGER REFERENCES consultants(id),
    audience_ticket_id     INTEGER REFERENCES feedback_tickets(id),
    send_on                TEXT NOT NULL,
    allow_multiple         INTEGER NOT NULL DEFAULT 0 CHECK (allow_multiple IN (0, 1)),
    created_at             TEXT NOT NULL,
    created_by             INTEGER REFERENCES consultants(id),
    FOREIGN KEY (survey_id, version) REFERENCES survey_versions(survey_id, version)
);
CREATE INDEX survey_campaigns_survey ON survey_campaigns(survey_id, send_on);
CREATE INDEX survey_campaigns_ticket ON survey_campaigns(audience_ticket_id) WHERE audience_ticket_id IS NOT NULL;

CREATE TABLE survey_invitations (
    campaign_id   INTEGER NOT NULL REFERENCES survey_campaigns(id),
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    consultant_id INTEGER REFERENCES consultants(id),
    PRIMARY KEY (campaign_id, customer_id)
) WITHOUT ROWID;

-- A customer's response; site_id and consultant_id are the customer's when they responded, for the
-- statistics by site and consultant.
CREATE TABLE survey_responses (
    id            INTEGER PRIMARY KEY,
    survey_id     INTEGER NOT NULL REFERENCES surveys(id),
    version       INTEGER NOT NULL,
    campaign_id   INTEGER REFERENCES survey_campaigns(id),
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    consultant_id INTEGER REFERENCES consultants(id),
    channel       TEXT NOT NULL CHECK (channel = 'letter' OR channel = 'phone' OR channel = 'online'),
    responded_on  TEXT NOT NULL,
    complete      INTEGER NOT NULL CHECK (complete IN (0, 1)),
    ticket_id     INTEGER REFERENCES feedback_tickets(id),
    deal_id       INTEGER REFERENCES deals(id),
    event         TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL,
    recorded_by   INTEGER REFERENCES consultants(id),
    FOREIGN KEY (survey_id, version) REFERENCES survey_versions(survey_id, version)
);
CREATE INDEX survey_responses_survey ON survey_responses(survey_id, responded_on);
CREATE INDEX survey_responses_customer ON survey_responses(customer_id);
CREATE INDEX survey_responses_campaign ON survey_responses(campaign_id, customer_id) WHERE campaign_id IS NOT NULL;

-- One row per answered question: score for rating5 and nps, choice for single (the option key) and
-- multi (a JSON array of option keys), text for text.
CREATE TABLE survey_answers (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id),
    question    TEXT NOT NULL,
    score       INTEGER,
    choice      TEXT,
    text        TEXT,
    PRIMARY KEY (response_id, question)
) WITHOUT ROWID;
)sql";

// Version 8: an erased person's survey answers stay as anonymous statistics — the response keeps its
// survey, site, consultant, channel, day and scores, without its customer (customer_id NULL).
const char* const surveys_anonymous_schema = R"sql(
CREATE TABLE survey_responses_v8 (
    id            INTEGER PRIMARY KEY,
    survey_id     INTEGER NOT NULL REFERENCES surveys(id),
    version       INTEGER NOT NULL,
    campaign_id   INTEGER REFERENCES survey_campaigns(id),
    customer_id   INTEGER REFERENCES customers(id),   -- NULL: the person was erased
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    consultant_id INTEGER REFERENCES consultants(id),
    channel       TEXT NOT NULL CHECK (channel = 'letter' OR channel = 'phone' OR channel = 'online'),
    responded_on  TEXT NOT NULL,
    complete      INTEGER NOT NULL CHECK (complete IN (0, 1)),
    ticket_id     INTEGER REFERENCES feedback_tickets(id),
    deal_id       INTEGER REFERENCES deals(id),
    event         TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL,
    recorded_by   INTEGER REFERENCES consultants(id),
    FOREIGN KEY (survey_id, version) REFERENCES survey_versions(survey_id, version)
);
INSERT INTO survey_responses_v8 SELECT id, survey_id, version, campaign_id, customer_id, site_id, consultant_id, channel,
    responded_on, complete, ticket_id, deal_id, event, recorded_at, recorded_by FROM survey_responses;
DROP TABLE survey_responses;
ALTER TABLE survey_responses_v8 RENAME TO survey_responses;
CREATE INDEX survey_responses_survey ON survey_responses(survey_id, responded_on);
CREATE INDEX survey_responses_customer ON survey_responses(customer_id);
CREATE INDEX survey_responses_campaign ON survey_responses(campaign_id, customer_id) WHERE campaign_id IS NOT NULL;
)sql";

} // namespace snowball::detail
