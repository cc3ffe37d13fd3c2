// The customers module's deal stages and lost customers (schema version 14): a deal's stage and
// its step history, the sites' sales settings (the owner step), lost marks. A deal recorded before
// this version was a contract (签约): it gets one contract step (and its cancellation, if any).
#include "archive/schema.hpp"

namespace snowball::detail {

const char* const deals_schema = R"sql(
-- The stage a deal is at; `deal_date` is that stage's date (the contract date once contracted).
-- The unique index deals_site_unit_closed (open deals) holds a unit at every open stage.
ALTER TABLE deals ADD COLUMN stage TEXT NOT NULL DEFAULT 'contract'
    CHECK (stage = 'reservation' OR stage = 'subscription' OR stage = 'contract');

-- Each step of a deal, once each: reservation (认筹, amount = deposit), subscription (认购),
-- contract (签约, amount = the price), cancellation (退房/退订, with its reason).
CREATE TABLE deal_steps (
    id            INTEGER PRIMARY KEY,
    deal_id       INTEGER NOT NULL REFERENCES deals(id),
    step          TEXT NOT NULL CHECK (step = 'reservation' OR step = 'subscription' OR step = 'contract' OR
                                       step = 'cancellation'),
    step_date     TEXT NOT NULL,
    amount        REAL CHECK (amount IS NULL OR amount > 0),
    consultant_id INTEGER REFERENCES consultants(id),
    reason        TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL,
    UNIQUE (deal_id, step)
);
INSERT INTO deal_steps(deal_id, step, step_date, amount, consultant_id, recorded_at)
    SELECT id, 'contract', deal_date, price, consultant_id, recorded_at FROM deals ORDER BY id;
INSERT INTO deal_steps(deal_id, step, step_date, reason, recorded_at)
    SELECT id, 'cancellation', max(deal_date, coalesce(substr(cancelled_at, 1, 10), deal_date)), cancel_reason,
           coalesce(cancelled_at, recorded_at)
    FROM deals WHERE cancelled = 1 ORDER BY id;

-- Anniversaries and follow-ups count from the contract: only contracted deals in force.
DROP INDEX deals_month_day;
CREATE INDEX deals_month_day ON deals(CAST(substr(deal_date, 6, 2) AS INTEGER), CAST(substr(deal_date, 9, 2) AS INTEGER))
    WHERE cancelled = 0 AND stage = 'contract';

-- A site's sales settings; no row: the defaults (a buyer becomes an owner at contract).
CREATE TABLE sales_settings (
    site_id     INTEGER PRIMARY KEY REFERENCES sites(id),
    owner_stage TEXT NOT NULL CHECK (owner_stage = 'reservation' OR owner_stage = 'subscription' OR
                                     owner_stage = 'contract'),
    updated_at  TEXT NOT NULL
);

-- Customers lost (bought elsewhere, ...): one mark in force per customer; undone marks stay.
CREATE TABLE customer_losses (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    reason        TEXT NOT NULL CHECK (reason = 'bought_elsewhere' OR reason = 'price' OR reason = 'location' OR
                                       reason = 'layout' OR reason = 'financing' OR reason = 'other'),
    note          TEXT NOT NULL DEFAULT '',
    competitor    TEXT NOT NULL DEFAULT '',
    lost_on       TEXT NOT NULL,
    consultant_id INTEGER REFERENCES consultants(id),
    recorded_at   TEXT NOT NULL,
    undone_at     TEXT,
    undone_by     INTEGER REFERENCES consultants(id)
);
CREATE UNIQUE INDEX customer_losses_open ON customer_losses(customer_id) WHERE undone_at IS NULL;
CREATE INDEX customer_losses_customer ON customer_losses(customer_id);
CREATE INDEX customer_losses_site ON customer_losses(site_id, reason) WHERE undone_at IS NULL;
)sql";

} // namespace snowball::detail
