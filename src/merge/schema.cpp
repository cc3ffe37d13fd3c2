// The merge's tables (schema version 16): the record of each merge, its journal, the marker that
// lets a merge move contact-log entries, and the customers module's redirects of archive numbers
// merged away.
#include "archive/schema.hpp"

namespace snowball::detail {

const char* const merge_schema = R"sql(
-- One row per merge: who, when, which records, the rows touched per table (JSON), what the merge
-- decided (JSON list), and the digest of the surviving record's rows right after it (JSON), which an
-- undo compares. Ids and counts only: nothing personal.
CREATE TABLE customer_merges (
    id           INTEGER PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites(id),
    keep_id      INTEGER NOT NULL REFERENCES customers(id),
    merged_id    INTEGER NOT NULL REFERENCES customers(id),
    merged_no    TEXT NOT NULL,
    by_id        INTEGER REFERENCES consultants(id),
    actor        TEXT NOT NULL,
    at           TEXT NOT NULL,
    newest_wins  INTEGER NOT NULL DEFAULT 0 CHECK (newest_wins IN (0, 1)),
    counts       TEXT NOT NULL DEFAULT '{}',
    notes        TEXT NOT NULL DEFAULT '[]',
    fingerprint  TEXT NOT NULL DEFAULT '{}',
    undone_at    TEXT,
    undone_by    INTEGER REFERENCES consultants(id),
    journal_kept INTEGER NOT NULL DEFAULT 1 CHECK (journal_kept IN (0, 1))
);
CREATE INDEX customer_merges_keep ON customer_merges(keep_id);
CREATE INDEX customer_merges_merged ON customer_merges(merged_id);
CREATE INDEX customer_merges_site ON customer_merges(site_id, id);

-- What a merge did, row by row (archive/merge_journal.hpp): key and data as JSON. It holds the
-- merged record's data until the merge can no longer be undone (an erasure of the survivor).
CREATE TABLE merge_journal (
    merge_id INTEGER NOT NULL REFERENCES customer_merges(id),
    seq      INTEGER NOT NULL,
    tbl      TEXT NOT NULL,
    op       TEXT NOT NULL CHECK (op = 'move' OR op = 'remove' OR op = 'update' OR op = 'insert'),
    key      TEXT NOT NULL,
    data     TEXT NOT NULL,
    PRIMARY KEY (merge_id, seq)
) WITHOUT ROWID;

-- A row while a merge (or its undo) runs, inside its transaction only: the contact log lets a
-- merge move its entries to the surviving record, and nothing else.
CREATE TABLE merge_moving (
    merge_id INTEGER PRIMARY KEY
);
DROP TRIGGER contacts_append_only;
CREATE TRIGGER contacts_append_only BEFORE UPDATE OF id, site_id, consultant_id, at, day, channel, direction,
    duration_s, outcome, reached, intent_before, intent, next_on, next_time, next_channel, next_purpose,
    ticket_id, campaign_id, deal_id, quiet_hours, supersedes, recorded_by, recorded_at, event_id
    ON contacts
BEGIN SELECT RAISE(ABORT, 'the contact log is append-only: correct an entry with a new one'); END;
CREATE TRIGGER contacts_merge_only BEFORE UPDATE OF customer_id, care_task_id, referral_id, delivery_id ON contacts
    WHEN NOT EXISTS (SELECT 1 FROM merge_moving)
BEGIN SELECT RAISE(ABORT, 'the contact log is append-only: correct an entry with a new one (only a merge of two records moves an entry)'); END;

-- The customers module's: an archive number merged away and the record it now names.
CREATE TABLE customer_redirects (
    id         INTEGER PRIMARY KEY,
    archive_no TEXT NOT NULL UNIQUE,
    from_id    INTEGER NOT NULL REFERENCES customers(id),
    to_id      INTEGER NOT NULL REFERENCES customers(id),
    merge_id   INTEGER NOT NULL REFERENCES customer_merges(id),
    at         TEXT NOT NULL
);
CREATE INDEX customer_redirects_to ON customer_redirects(to_id);

)sql";

} // namespace snowball::detail
