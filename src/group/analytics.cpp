#include "group/analytics.hpp"

namespace snowball::detail::group {

const std::vector<AnalyticsView>& analytics_views() {
    static const std::vector<AnalyticsView> views{
        {"customers_by_site",
         {"customers", "sites"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.customers_by_site AS
SELECT c.origin_site, s.code AS project, c.channel, c.stage, count(*) AS customers
FROM snowball_sites.customers c
JOIN snowball_sites.sites s ON s.origin_site = c.origin_site AND s.id = c.site_id
WHERE c.deleted_at IS NULL
GROUP BY c.origin_site, s.code, c.channel, c.stage)sql"},
        // A person is a normalised phone number; each site keeps its own record of them. The links
        // are the group's, over the sites' rows: nothing is merged.
        {"person_links",
         {"customers", "customer_phones"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.person_links AS
SELECT p.phone AS person, c.origin_site, c.id AS customer_id, c.archive_no, c.stage
FROM snowball_sites.customer_phones p
JOIN snowball_sites.customers c ON c.origin_site = p.origin_site AND c.id = p.customer_id
WHERE c.deleted_at IS NULL
  AND p.phone IN (SELECT q.phone FROM snowball_sites.customer_phones q
                  JOIN snowball_sites.customers d ON d.origin_site = q.origin_site AND d.id = q.customer_id
                  WHERE d.deleted_at IS NULL
                  GROUP BY q.phone HAVING count(DISTINCT q.origin_site) > 1))sql"},
        {"people_at_several_sites",
         {"customers", "customer_phones"},
         R"sql(CREATE OR REPLACE VIEW snowball_group.people_at_several_sites AS
SELECT person, count(DISTINCT origin_site) AS sites, count(*) AS records,
       string_agg(DISTINCT origin_site, ',' ORDER BY origin_site) AS site_list,
       bool_or(stage = 'owner') AS owner_somewhere
FROM snowball_group.person_links
GROUP BY person)sql"},
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
    };
    return indexes;
}

} // namespace snowball::detail::group
