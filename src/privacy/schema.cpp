// The privacy module's tables (schema version 9): the audit log.
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

} // namespace snowball::detail
