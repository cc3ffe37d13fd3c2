// The care calendar's tables of schema version 17: gift records and the sites' monthly gift budgets;
// the festival lists sites stored before festivals had audiences get the built-in audiences.
#include "archive/schema.hpp"

namespace snowball::detail {

const char* const care_gifts_schema = R"sql(
-- A gift given on care (flowers, a cake): what, its cost in fen, its supplier, for which customer
-- and care task, by whom, on which day. The customer's tier at the time counts it against that
-- tier's budget. An erased customer's gift stays in the site's totals, anonymous (customer, task,
-- item, supplier and note cleared).
CREATE TABLE care_gifts (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id),
    customer_id INTEGER REFERENCES customers(id),
    task_id     INTEGER,
    tier        TEXT NOT NULL CHECK (tier = 'ordinary' OR tier = 'vip'),
    item        TEXT NOT NULL,
    cost_fen    INTEGER NOT NULL CHECK (cost_fen >= 0),
    supplier    TEXT NOT NULL DEFAULT '',
    given_on    TEXT NOT NULL,
    given_by    INTEGER REFERENCES consultants(id),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX care_gifts_site_day ON care_gifts(site_id, given_on);
CREATE INDEX care_gifts_customer ON care_gifts(customer_id) WHERE customer_id IS NOT NULL;

-- A site's monthly gift budget per tier, as JSON ([{"tier", "monthly"}]); NULL: none.
ALTER TABLE care_settings ADD COLUMN gift_budgets TEXT;

-- The festival lists stored before festivals had audiences: the built-in festivals of those keys
-- get their built-in audience (a site's own choices, enabled or not, stay as stored).
UPDATE care_settings SET festivals = (
    SELECT json_group_array(CASE
        WHEN json_type(f.value, '$.audience') IS NOT NULL THEN json(f.value)
        WHEN json_extract(f.value, '$.key') = 'womens_day' THEN json_set(f.value, '$.audience',
            json('{"gender":"female","relation":"","min_age":null,"max_age":null,"children":false}'))
        WHEN json_extract(f.value, '$.key') = 'mothers_day' THEN json_set(f.value, '$.audience',
            json('{"gender":null,"relation":"mother","min_age":null,"max_age":null,"children":false}'))
        WHEN json_extract(f.value, '$.key') = 'fathers_day' THEN json_set(f.value, '$.audience',
            json('{"gender":null,"relation":"father","min_age":null,"max_age":null,"children":false}'))
        WHEN json_extract(f.value, '$.key') = 'childrens_day' THEN json_set(f.value, '$.audience',
            json('{"gender":null,"relation":"","min_age":null,"max_age":null,"children":true}'))
        ELSE json(f.value) END)
    FROM json_each(care_settings.festivals) AS f)
WHERE festivals IS NOT NULL;
)sql";

} // namespace snowball::detail
