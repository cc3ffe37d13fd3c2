// The group module's tables (schema version 19): whether capture is on and under which site code,
// and the outbox of captured changes waiting for the group view.
#include "archive/schema.hpp"

namespace snowball::detail {

const char* const group_schema = R"sql(
-- One row once capture was first switched on.
CREATE TABLE group_settings (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    site         TEXT NOT NULL,
    enabled      INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    enabled_at   TEXT NOT NULL,
    acknowledged INTEGER NOT NULL DEFAULT 0   -- entries up to this seq were pruned
);
-- One captured write transaction each: SQLite's changeset of it, in the schema version it was
-- written under. AUTOINCREMENT: a seq is never used twice, even after pruning.
CREATE TABLE group_outbox (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    schema_version INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    changeset      BLOB NOT NULL
);
)sql";

} // namespace snowball::detail
