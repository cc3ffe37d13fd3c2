// The privacy module's tables: the audit log (schema version 9); the consent ledger, access grants,
// retention rules and legal holds (version 10).
#include "archive/schema.hpp"

namespace snowball::detail {

const char* const privacy_schema = R"sql(
-- Who did what to whose data. Never a personal value: the subject is a customer's id, the detail
-- names fields and counts. Append-only, and each entry's hash covers its content and the previous
-- entry's hash (src/privacy/audit.cpp), so an entry changed or removed by other means is found.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject_id INTEGER,
    detail     TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log(subject_id) WHERE subject_id IS NOT NULL;
CREATE INDEX audit_log_actor ON audit_log(actor, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be removed'); END;
)sql";

const char* const consent_schema = R"sql(
-- The consent ledger (snowball/privacy.hpp): consents given and channels objected to, each with
-- its proof; a withdrawal stamps the entry, which otherwise never changes.
CREATE TABLE consents (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers(id),
    purpose        TEXT NOT NULL CHECK (purpose IN ('service', 'marketing', 'referral', 'research')),
    objection      INTEGER NOT NULL DEFAULT 0 CHECK (objection IN (0, 1)),
    sensitive      INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
    guardian       TEXT NOT NULL DEFAULT '',
    scope          TEXT NOT NULL DEFAULT '',
    notice_version TEXT NOT NULL DEFAULT '',
    channel        TEXT NOT NULL DEFAULT '',
    proof          TEXT NOT NULL DEFAULT '',
    recorded_by    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    withdrawn_at   TEXT,
    withdrawn_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consents_customer ON consents(customer_id, purpose);

-- A consultant allowed to see a customer who is not theirs (granted by a manager or the host).
CREATE TABLE access_grants (
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    consultant_id INTEGER NOT NULL REFERENCES consultants(id),
    granted_by    TEXT NOT NULL,
    granted_at    TEXT NOT NULL,
    PRIMARY KEY (customer_id, consultant_id)
) WITHOUT ROWID;

-- How long a site keeps the customers of one stage after their last contact (PIPL Art. 19).
CREATE TABLE retention_rules (
    site_id INTEGER NOT NULL REFERENCES sites(id),
    stage   TEXT NOT NULL CHECK (stage IN ('prospect', 'visitor', 'owner')),
    days    INTEGER NOT NULL CHECK (days > 0),
    PRIMARY KEY (site_id, stage)
) WITHOUT ROWID;

-- A customer the retention sweep must not erase (a dispute, a court order), until released.
CREATE TABLE legal_holds (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
    reason      TEXT NOT NULL,
    held_by     TEXT NOT NULL,
    held_at     TEXT NOT NULL
);
)sql";

} // namespace snowball::detail
