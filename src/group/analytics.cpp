#include "group/analytics.hpp"

#include "group/pg.hpp"

namespace snowball::detail::group {

namespace {

// The aggregates and the functions that keep them (installed on every connect: all idempotent).
//
// customer_counts: live customers (deleted_at NULL) per site, archive site id, channel and stage,
// moved by the delta of every statement on snowball_sites.customers. Zero rows stay (a handful per
// site); the view skips them.
//
// persons: per phone, the sites where it is on a live record (sorted codes) with each site's
// records and owners — one row per phone, one index probe to know whether a phone is on file
// elsewhere, however many sites the group has. people_several: the persons rows with more than one
// site, as people_at_several_sites shows them.
//
// Kept by deltas: a statement changes one table, and its trigger counts what its rows add or take
// away against the other table as it is (a phone row counts for its site while its customer is
// live; an owner's also as an owner). The deltas wait in a temporary table; settle_people adds them
// up per phone and merges them into persons (INSERT … ON CONFLICT in phone order: ingesters of
// different sites touching one phone take turns on its row, each adding its own site's part to
// what the other committed), at once for a statement of its own (a hand edit), or at the end of
// the ingester's data transaction when snowball.defer_analytics is on.
const char* const aggregates_sql = R"sql(
CREATE TABLE IF NOT EXISTS snowball_group.customer_counts (
    origin_site text NOT NULL,
    site_id     bigint,
    channel     text,
    stage       text,
    customers   bigint NOT NULL,
    CONSTRAINT customer_counts_key UNIQUE NULLS NOT DISTINCT (origin_site, site_id, channel, stage)
);
CREATE TABLE IF NOT EXISTS snowball_group.persons (
    phone   text PRIMARY KEY,
    sites   text[] NOT NULL,
    records bigint[] NOT NULL,
    owners  bigint[] NOT NULL
);
CREATE TABLE IF NOT EXISTS snowball_group.people_several (
    phone           text PRIMARY KEY,
    sites           bigint NOT NULL,
    records         bigint NOT NULL,
    site_codes      text[] NOT NULL,
    owner_somewhere boolean
);

CREATE OR REPLACE FUNCTION snowball_group.deltas_ready() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
    IF to_regclass('pg_temp.snowball_person_deltas') IS NULL THEN
        CREATE TEMP TABLE snowball_person_deltas (origin_site text NOT NULL, phone text NOT NULL,
                                                  records integer NOT NULL, owners integer NOT NULL);
    END IF;
END $f$;

-- How the analytics' statements are planned. A trigger joins a statement's `rows` with the other
-- table in the site's partition, which its statistics say holds `known` rows. When the statement
-- is more than 1,000 rows and a tenth of what the statistics know (a first outbox, a snapshot's
-- worth, or a partition filled in this very transaction whose statistics still say it is empty —
-- the planner would then scan it once per row): hash joins, reading the partition once. Otherwise
-- the planner's own choice, index probes for a few thousand rows into a partition of millions
-- (measured: a 2,000-row statement against a site of 930,000 customers, 0.35 s hash-joined, 0.03 s
-- probed). Always no JIT (compiling costs more than it saves here), and a bundle's worth of phones
-- sorted and hashed in memory, not in batches on disk. planning() sets, planned() restores.
CREATE OR REPLACE FUNCTION snowball_group.planning(rows bigint, known double precision) RETURNS text[]
LANGUAGE plpgsql AS $f$
DECLARE
    was text[] := ARRAY[current_setting('enable_nestloop'), current_setting('jit'), current_setting('work_mem')];
BEGIN
    IF rows > 1000 AND rows * 10 > known THEN
        PERFORM set_config('enable_nestloop', 'off', true);
    END IF;
    PERFORM set_config('jit', 'off', true);
    IF pg_size_bytes(was[3]) < 64 * 1024 * 1024 THEN
        PERFORM set_config('work_mem', '64MB', true);
    END IF;
    RETURN was;
END $f$;
CREATE OR REPLACE FUNCTION snowball_group.planned(was text[]) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
    PERFORM set_config('enable_nestloop', was[1], true);
    PERFORM set_config('jit', was[2], true);
    PERFORM set_config('work_mem', was[3], true);
END $f$;
-- The form of earlier releases (by the statement's rows alone), gone.
DROP FUNCTION IF EXISTS snowball_group.planning(bigint);

-- The rows the statistics know in `parent`'s partitions of `sites` (0 for never analysed).
CREATE OR REPLACE FUNCTION snowball_group.partition_rows(parent text, sites text[]) RETURNS double precision
LANGUAGE sql STABLE AS $f$
    SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = to_regclass('snowball_sites.' || quote_ident(parent))
      AND pg_get_expr(c.relpartbound, c.oid) IN (SELECT format('FOR VALUES IN (%L)', s) FROM unnest(sites) s)
$f$;

-- A persons row with `b`'s records and owners added per site, sites left without records dropped,
-- sorted by site.
CREATE OR REPLACE FUNCTION snowball_group.add_sites(a_sites text[], a_records bigint[], a_owners bigint[],
                                                    b_sites text[], b_records bigint[], b_owners bigint[],
                                                    OUT sites text[], OUT records bigint[], OUT owners bigint[])
LANGUAGE sql IMMUTABLE AS $f$
    SELECT coalesce(array_agg(s ORDER BY s), '{}'), coalesce(array_agg(r ORDER BY s), '{}'),
           coalesce(array_agg(o ORDER BY s), '{}')
    FROM (SELECT s, sum(r) AS r, sum(o) AS o
          FROM (SELECT * FROM unnest(a_sites, a_records, a_owners) UNION ALL
                SELECT * FROM unnest(b_sites, b_records, b_owners)) AS x(s, r, o)
          GROUP BY s HAVING sum(r) > 0) y
$f$;

-- The sites of the rows a statement wrote, as a list of literals (their partitions only are read).
CREATE OR REPLACE FUNCTION snowball_group.site_literals(sites text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT coalesce(string_agg(DISTINCT quote_literal(s), ','), 'NULL') FROM unnest(sites) s
$f$;

CREATE OR REPLACE FUNCTION snowball_group.settle_people() RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
    several text[];
    single text[];
    empty text[];
    settings text[];
BEGIN
    IF to_regclass('pg_temp.snowball_person_deltas') IS NULL THEN
        RETURN;
    END IF;
    settings := snowball_group.planning(0, 0);
    WITH d AS (
        DELETE FROM pg_temp.snowball_person_deltas RETURNING *),
    per_site AS (
        SELECT phone, origin_site, sum(records) AS records, sum(owners) AS owners FROM d
        GROUP BY phone, origin_site HAVING sum(records) <> 0 OR sum(owners) <> 0),
    -- One sort by phone and site feeds the grouping, the arrays (each in site order: an aggregate
    -- takes its rows in the order they come) and the inserts' phone order.
    up AS (
        INSERT INTO snowball_group.persons AS s (phone, sites, records, owners)
        SELECT phone, array_agg(origin_site), array_agg(records), array_agg(owners)
        FROM (SELECT * FROM per_site ORDER BY phone, origin_site) AS sorted GROUP BY phone ORDER BY phone
        ON CONFLICT (phone) DO UPDATE SET (sites, records, owners) = (
            SELECT m.sites, m.records, m.owners
            FROM snowball_group.add_sites(s.sites, s.records, s.owners, excluded.sites, excluded.records, excluded.owners) m)
        RETURNING s.phone, cardinality(s.sites) AS sites)
    -- A phone left at one site or none was at several before only if it lost records; a row with a
    -- site without records is one first seen in a removal.
    SELECT array_agg(phone) FILTER (WHERE sites > 1),
           array_agg(phone) FILTER (WHERE sites <= 1 AND phone IN (SELECT phone FROM per_site WHERE records < 0)),
           array_agg(phone) FILTER (WHERE sites = 0 OR phone IN (SELECT phone FROM per_site WHERE records <= 0))
    INTO several, single, empty FROM up;
    -- Each phone's rows below are written only by the transaction holding its persons row; a new
    -- statement: it reads what an ingester this one waited for committed.
    IF empty IS NOT NULL THEN
        UPDATE snowball_group.persons s SET (sites, records, owners) = (
            SELECT m.sites, m.records, m.owners FROM snowball_group.add_sites(s.sites, s.records, s.owners, '{}', '{}', '{}') m)
        WHERE phone = ANY(empty);
        DELETE FROM snowball_group.persons WHERE phone = ANY(empty) AND cardinality(sites) = 0;
    END IF;
    IF single IS NOT NULL THEN
        DELETE FROM snowball_group.people_several WHERE phone = ANY(single);
    END IF;
    IF several IS NOT NULL THEN
        INSERT INTO snowball_group.people_several AS m (phone, sites, records, site_codes, owner_somewhere)
        SELECT phone, cardinality(sites), (SELECT sum(r) FROM unnest(records) r)::bigint, sites,
               (SELECT sum(o) FROM unnest(owners) o) > 0
        FROM snowball_group.persons WHERE phone = ANY(several)
        ON CONFLICT (phone) DO UPDATE SET sites = excluded.sites, records = excluded.records,
            site_codes = excluded.site_codes, owner_somewhere = excluded.owner_somewhere;
    END IF;
    PERFORM snowball_group.planned(settings);
END $f$;

CREATE OR REPLACE FUNCTION snowball_group.settle_now() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
    IF current_setting('snowball.defer_analytics', true) IS DISTINCT FROM 'on' THEN
        PERFORM snowball_group.settle_people();
    END IF;
END $f$;

-- One trigger function for both tables (transition tables are seen by the trigger's own function
-- only). What a statement's rows count for persons: `plus` (its rows' new state) and `minus` (their
-- old), each a relation called `alias` or NULL, joined with `other` — the other table as it is, read
-- in the sites the statement touched only (`other_site`.origin_site).
CREATE OR REPLACE FUNCTION snowball_group.rows_changed() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
    changed text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT *, 1 AS d FROM new_rows'
                               WHEN 'DELETE' THEN 'SELECT *, -1 AS d FROM old_rows'
                               ELSE 'SELECT *, 1 AS d FROM new_rows UNION ALL SELECT *, -1 FROM old_rows' END;
    plus text := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN 'new_rows' END;
    minus text := CASE WHEN TG_OP IN ('DELETE', 'UPDATE') THEN 'old_rows' END;
    other text := 'customers c';
    alias text := 'p';
    other_site text := 'c';
    sites text;
    site_list text[];
    touched bigint;
    settings text[];
    side text;
    contribution constant text := $q$
        INSERT INTO pg_temp.snowball_person_deltas (origin_site, phone, records, owners)
        SELECT p.origin_site, p.phone, %2$s, %2$s * (c.stage = 'owner')::int
        FROM %1$s %4$s JOIN snowball_sites.%3$s ON p.origin_site = c.origin_site AND p.customer_id = c.id
        WHERE c.deleted_at IS NULL AND p.phone IS NOT NULL AND %5$s.origin_site IN (%6$s)$q$;
BEGIN
    PERFORM snowball_group.deltas_ready();
    IF TG_TABLE_NAME = 'customers' THEN
        EXECUTE format($q$
            INSERT INTO snowball_group.customer_counts AS k (origin_site, site_id, channel, stage, customers)
            SELECT origin_site, site_id, channel, stage, sum(d) FROM (%s) x WHERE deleted_at IS NULL
            GROUP BY origin_site, site_id, channel, stage HAVING sum(d) <> 0
            ON CONFLICT ON CONSTRAINT customer_counts_key DO UPDATE SET customers = k.customers + excluded.customers$q$,
            changed);
        other := 'customer_phones p';
        alias := 'c';
        other_site := 'p';
        IF TG_OP = 'UPDATE' THEN
            -- A person's records change with the customer's stage and removal, not with their name.
            side := 'o.origin_site = n.origin_site AND o.id = n.id AND o.stage IS NOT DISTINCT FROM n.stage '
                    'AND o.deleted_at IS NOT DISTINCT FROM n.deleted_at';
            plus := format('(SELECT * FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE %s))', side);
            minus := format('(SELECT * FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE %s))', side);
        END IF;
    END IF;
    EXECUTE format('SELECT array_agg(DISTINCT origin_site), count(*) FROM (%s) x', changed) INTO site_list, touched;
    sites := snowball_group.site_literals(site_list);
    settings := snowball_group.planning(touched, snowball_group.partition_rows(
        CASE TG_TABLE_NAME WHEN 'customers' THEN 'customer_phones' ELSE 'customers' END, site_list));
    IF plus IS NOT NULL THEN
        EXECUTE format(contribution, plus, '1', other, alias, other_site, sites);
    END IF;
    IF minus IS NOT NULL THEN
        EXECUTE format(contribution, minus, '-1', other, alias, other_site, sites);
    END IF;
    PERFORM snowball_group.planned(settings);
    PERFORM snowball_group.settle_now();
    RETURN NULL;
END $f$;

-- Whether the triggers are installed (until then the aggregates are not kept).
CREATE OR REPLACE FUNCTION snowball_group.analytics_kept() RETURNS boolean LANGUAGE sql STABLE AS $f$
    SELECT EXISTS (SELECT 1 FROM pg_trigger
                   WHERE tgname = 'snowball_analytics_insert' AND tgrelid = to_regclass('snowball_sites.customers'))
$f$;

-- What a site's rows count for persons, `sign` 1 or -1 (around a snapshot, which fires no trigger).
CREATE OR REPLACE FUNCTION snowball_group.site_deltas(p_site text, sign int) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
    settings text[] := snowball_group.planning(1000000, 0);
BEGIN
    PERFORM snowball_group.deltas_ready();
    INSERT INTO pg_temp.snowball_person_deltas (origin_site, phone, records, owners)
    SELECT p.origin_site, p.phone, sign * count(*), sign * count(*) FILTER (WHERE c.stage = 'owner')
    FROM snowball_sites.customer_phones p
    JOIN snowball_sites.customers c ON c.origin_site = p.origin_site AND c.id = p.customer_id
    WHERE p.origin_site = p_site AND c.origin_site = p_site AND c.deleted_at IS NULL AND p.phone IS NOT NULL
    GROUP BY p.origin_site, p.phone;
    PERFORM snowball_group.planned(settings);
END $f$;

-- Before a snapshot TRUNCATEs the site's partitions: what its rows counted for, taken away.
CREATE OR REPLACE FUNCTION snowball_group.before_snapshot(p_site text) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
    IF snowball_group.analytics_kept() THEN
        PERFORM snowball_group.site_deltas(p_site, -1);
    END IF;
END $f$;

-- The ingester's call at the end of its data transaction. After a snapshot (COPY straight into the
-- partitions, no trigger): the site's counts from its rows, and what its rows count for persons.
CREATE OR REPLACE FUNCTION snowball_group.settle_analytics(p_site text, p_snapshot boolean) RETURNS void
LANGUAGE plpgsql AS $f$
BEGIN
    IF NOT snowball_group.analytics_kept() THEN
        RETURN;
    END IF;
    IF p_snapshot THEN
        DELETE FROM snowball_group.customer_counts WHERE origin_site = p_site;
        INSERT INTO snowball_group.customer_counts (origin_site, site_id, channel, stage, customers)
        SELECT origin_site, site_id, channel, stage, count(*) FROM snowball_sites.customers
        WHERE origin_site = p_site AND deleted_at IS NULL
        GROUP BY origin_site, site_id, channel, stage;
        PERFORM snowball_group.site_deltas(p_site, 1);
    END IF;
    PERFORM snowball_group.settle_people();
END $f$;

-- Every aggregate from the sites' rows: when the triggers are installed on a group that already
-- holds rows, and by hand after editing a site's partition directly (which fires no trigger).
CREATE OR REPLACE FUNCTION snowball_group.rebuild_analytics() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
    TRUNCATE snowball_group.customer_counts, snowball_group.persons, snowball_group.people_several;
    INSERT INTO snowball_group.customer_counts (origin_site, site_id, channel, stage, customers)
    SELECT origin_site, site_id, channel, stage, count(*) FROM snowball_sites.customers WHERE deleted_at IS NULL
    GROUP BY origin_site, site_id, channel, stage;
    INSERT INTO snowball_group.persons (phone, sites, records, owners)
    SELECT phone, array_agg(origin_site ORDER BY origin_site), array_agg(records ORDER BY origin_site),
           array_agg(owners ORDER BY origin_site)
    FROM (SELECT p.origin_site, p.phone, count(*) AS records, count(*) FILTER (WHERE c.stage = 'owner') AS owners
          FROM snowball_sites.customer_phones p
          JOIN snowball_sites.customers c ON c.origin_site = p.origin_site AND c.id = p.customer_id
          WHERE c.deleted_at IS NULL AND p.phone IS NOT NULL
          GROUP BY p.origin_site, p.phone) x
    GROUP BY phone;
    INSERT INTO snowball_group.people_several (phone, sites, records, site_codes, owner_somewhere)
    SELECT phone, cardinality(sites), (SELECT sum(r) FROM unnest(records) r)::bigint, sites,
           (SELECT sum(o) FROM unnest(owners) o) > 0
    FROM snowball_group.persons WHERE cardinality(sites) > 1;
END $f$;
)sql";

// Statement-level, with transition tables (one trigger per event: PostgreSQL's rule for them), on
// the partitioned tables: they see the rows of every partition a statement on the parent writes.
std::string triggers_sql() {
    struct Event {
        const char* name;
        const char* referencing;
    };
    const Event events[] = {{"insert", "NEW TABLE AS new_rows"},
                            {"update", "OLD TABLE AS old_rows NEW TABLE AS new_rows"},
                            {"delete", "OLD TABLE AS old_rows"}};
    std::string sql;
    for (const char* table : {"customers", "customer_phones"})
        for (const auto& e : events)
            sql += std::string("CREATE OR REPLACE TRIGGER snowball_analytics_") + e.name + " AFTER " + e.name +
                   " ON snowball_sites." + table + " REFERENCING " + e.referencing +
                   " FOR EACH STATEMENT EXECUTE FUNCTION snowball_group.rows_changed();\n";
    return sql;
}

} // namespace

const char* const analytics_defer_sql = "SELECT set_config('snowball.defer_analytics', 'on', true)";
const char* const analytics_before_snapshot_sql = "SELECT snowball_group.before_snapshot($1)";
const char* const analytics_settle_sql = "SELECT snowball_group.settle_analytics($1, $2::boolean)";


const std::vector<AnalyticsView>& analytics_views() {
    static const std::vector<AnalyticsView> views{
        // From the counts the ingester keeps (customer_counts): a handful of rows per site, whatever
        // the number of customers. The join to the site's sites names the project as it is now.
        {"customers_by_site",
         {"customers", "customer_phones", "sites"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.customers_by_site AS
SELECT k.origin_site, s.code AS project, k.channel, k.stage, sum(k.customers)::bigint AS customers
FROM snowball_group.customer_counts k
JOIN snowball_sites.sites s ON s.origin_site = k.origin_site AND s.id = k.site_id
WHERE k.customers <> 0
GROUP BY k.origin_site, s.code, k.channel, k.stage)sql"},
        // A person is a normalised phone number; each site keeps its own record of them. The links
        // are the group's, over the sites' rows: nothing is merged. people_several holds the phones
        // on file at several sites; their records are read through the phone index.
        {"person_links",
         {"customers", "customer_phones"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.person_links AS
SELECT p.phone AS person, c.origin_site, c.id AS customer_id, c.archive_no, c.stage
FROM snowball_group.people_several m
JOIN snowball_sites.customer_phones p ON p.phone = m.phone
JOIN snowball_sites.customers c ON c.origin_site = p.origin_site AND c.id = p.customer_id
WHERE c.deleted_at IS NULL)sql"},
        {"people_at_several_sites",
         {"customers", "customer_phones"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.people_at_several_sites AS
SELECT m.phone AS person, m.sites, m.records, array_to_string(m.site_codes, ',') AS site_list,
       m.owner_somewhere
FROM snowball_group.people_several m)sql"},
        // A referral at one site whose referrer is on file at another site too: an owner of one
        // project bringing customers to another.
        {"cross_site_referrals",
         {"referrals", "customers", "customer_phones"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.cross_site_referrals AS
SELECT r.origin_site, r.id AS referral_id, r.referrer_id, r.referee_id, r.method, r.referral_date, r.credited,
       l.person AS referrer_person,
       (SELECT string_agg(DISTINCT o.origin_site, ',' ORDER BY o.origin_site) FROM snowball_group.person_links o
        WHERE o.person = l.person AND o.origin_site <> r.origin_site) AS referrer_also_at
FROM snowball_sites.referrals r
JOIN snowball_group.person_links l ON l.origin_site = r.origin_site AND l.customer_id = r.referrer_id)sql"},
        // Key persons across the group: everyone who referred, by credited referrals over all their
        // sites' records (a person without a phone on file counts per site record).
        {"key_persons",
         {"referrals", "customers", "customer_phones"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.key_persons AS
WITH referrers AS (
    SELECT r.origin_site, r.referrer_id, count(*) FILTER (WHERE r.credited = 1) AS credited, count(*) AS referrals
    FROM snowball_sites.referrals r GROUP BY r.origin_site, r.referrer_id),
named AS (
    SELECT coalesce(min(p.phone), f.origin_site || ':' || f.referrer_id) AS person, f.origin_site, f.credited, f.referrals
    FROM referrers f
    JOIN snowball_sites.customers c ON c.origin_site = f.origin_site AND c.id = f.referrer_id AND c.deleted_at IS NULL
    LEFT JOIN snowball_sites.customer_phones p ON p.origin_site = f.origin_site AND p.customer_id = f.referrer_id
    GROUP BY f.origin_site, f.referrer_id, f.credited, f.referrals)
SELECT person, sum(credited) AS credited_referrals, sum(referrals) AS referrals, count(DISTINCT origin_site) AS sites,
       string_agg(DISTINCT origin_site, ',' ORDER BY origin_site) AS site_list
FROM named GROUP BY person)sql"},
        // No foreign keys cross into the group: a referral whose referrer or referee the group does
        // not hold (a site's snapshot not loaded yet, a hand edit) is reported here, never refused.
        {"dangling_referrals",
         {"referrals", "customers"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.dangling_referrals AS
SELECT r.origin_site, r.id AS referral_id, r.referrer_id, r.referee_id,
       NOT EXISTS (SELECT 1 FROM snowball_sites.customers c WHERE c.origin_site = r.origin_site AND c.id = r.referrer_id)
           AS referrer_missing,
       NOT EXISTS (SELECT 1 FROM snowball_sites.customers c WHERE c.origin_site = r.origin_site AND c.id = r.referee_id)
           AS referee_missing
FROM snowball_sites.referrals r
WHERE NOT EXISTS (SELECT 1 FROM snowball_sites.customers c WHERE c.origin_site = r.origin_site AND c.id = r.referrer_id)
   OR NOT EXISTS (SELECT 1 FROM snowball_sites.customers c WHERE c.origin_site = r.origin_site AND c.id = r.referee_id))sql"},
        {"survey_scores",
         {"survey_responses", "survey_answers"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.survey_scores AS
SELECT r.origin_site, r.survey_id, a.question, count(*) AS answers, round(avg(a.score)::numeric, 2) AS mean_score,
       min(a.score) AS lowest, max(a.score) AS highest
FROM snowball_sites.survey_answers a
JOIN snowball_sites.survey_responses r ON r.origin_site = a.origin_site AND r.id = a.response_id
WHERE a.score IS NOT NULL
GROUP BY r.origin_site, r.survey_id, a.question)sql"},
        {"complaint_deadlines",
         {"feedback_tickets"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.complaint_deadlines AS
SELECT t.origin_site, t.id AS ticket_id, t.number, t.kind, t.severity, t.status, t.received_on, t.acknowledge_due,
       t.resolve_due, (t.resolve_due IS NOT NULL AND t.resolve_due < to_char(current_date, 'YYYY-MM-DD')) AS overdue
FROM snowball_sites.feedback_tickets t
WHERE t.status NOT IN ('resolved', 'closed'))sql"},
    };
    return views;
}

const std::vector<AnalyticsIndex>& analytics_indexes() {
    static const std::vector<AnalyticsIndex> indexes{
        {"customer_phones", "CREATE INDEX IF NOT EXISTS customer_phones_phone ON snowball_sites.customer_phones (phone)"},
        {"customer_phones",
         "CREATE INDEX IF NOT EXISTS customer_phones_customer ON snowball_sites.customer_phones (origin_site, customer_id)"},
        {"referrals", "CREATE INDEX IF NOT EXISTS referrals_referrer ON snowball_sites.referrals (origin_site, referrer_id)"},
        {"survey_answers",
         "CREATE INDEX IF NOT EXISTS survey_answers_response ON snowball_sites.survey_answers (origin_site, response_id)"},
        // complaint_deadlines reads the open tickets only: a partial index of exactly those (its
        // predicate is the view's condition, so the planner can use it), kept by PostgreSQL.
        {"feedback_tickets",
         "CREATE INDEX IF NOT EXISTS feedback_tickets_open ON snowball_sites.feedback_tickets (origin_site, id) "
         "WHERE status NOT IN ('resolved', 'closed')"},
    };
    return indexes;
}

void install_analytics(pg::Connection& c, const std::set<std::string>& present) {
    c.exec(aggregates_sql);
    if (present.count("customers") && present.count("customer_phones")) {
        // New triggers on a group that may already hold rows: the aggregates from those rows, in
        // the same transaction (CREATE TRIGGER waits for the tables' writers and holds off new ones).
        auto r = c.exec("SELECT count(*) FROM pg_trigger WHERE tgname = 'snowball_analytics_insert' "
                        "AND tgrelid = 'snowball_sites.customers'::regclass");
        if (r.integer(0, 0) == 0) {
            c.exec(triggers_sql());
            c.exec("SELECT snowball_group.rebuild_analytics()");
        }
    }
    for (const auto& index : analytics_indexes())
        if (present.count(index.table)) c.exec(index.sql);
    for (const auto& view : analytics_views()) {
        bool ready = true;
        for (const char* t : view.tables) ready = ready && present.count(t) > 0;
        if (ready) c.exec(view.sql);
    }
}

} // namespace snowball::detail::group
