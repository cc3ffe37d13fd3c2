// What the referral service's files share inside their transactions: reading referrals, the
// settings, the graph cache.
#pragma once

#include "archive/store.hpp"
#include "referrals/graph.hpp"
#include "snowball/archive.hpp"
#include "snowball/referrals.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace snowball {

// The graphs built from the archive, by site id (0: the whole archive). They are rebuilt when the
// archive's referral_graph_version moved (a referral added or removed by this handle or another
// process); a rebuild reads every claim once.
struct Referrals::Cache {
    std::int64_t version = -1;
    std::map<std::int64_t, std::shared_ptr<const referral_graph::Graph>> graphs;

    std::shared_ptr<const referral_graph::Graph> graph(detail::Store& store, std::int64_t site_id);
};

namespace detail {

// The columns read_referral reads.
#define SNOWBALL_REFERRAL_SELECT                                                                              \
    "SELECT r.id, s.code, r.referrer_id, a.name, a.archive_no, r.referee_id, b.name, b.archive_no, r.method, " \
    "r.referral_date, r.credited, r.consultant_id, r.note, r.recorded_at, "                                   \
    "(SELECT group_concat(m.kind || ':' || m.count) FROM referral_materials m WHERE m.referral_id = r.id) "    \
    "FROM referrals r JOIN sites s ON s.id = r.site_id JOIN customers a ON a.id = r.referrer_id "              \
    "JOIN customers b ON b.id = r.referee_id "

Referral read_referral(SQLite::Statement& s);
Referral require_referral(Store& store, std::int64_t id, const std::string& field);
// Moves referral_graph_version: every write to the referrals calls it.
void touch_graph(Store& store);

// The site named (required), or nullopt for an empty code (the whole archive).
std::optional<Site> optional_site(Store& store, std::string_view code, const std::string& field);

ReferralSettings load_settings(Store& store, const Site& site);

// Closed deals per node of the graph.
std::vector<int> closed_deal_counts(Store& store, const referral_graph::Graph& g);

// A customer on file as the referral rules read them: id > 0 (invalid_argument) and not removed
// (not_found), both naming `field`.
struct Party {
    std::int64_t site_id = 0;
    std::string site;
    std::string name;
    std::string archive_no;
    std::optional<std::int64_t> consultant_id;
    Date filed;
};
Party require_party(Store& store, std::int64_t id, const std::string& field);

// A consultant who acts for a customer of `site` (a code): on file, active (invalid_state), of the
// site (invalid_argument), all naming `field`. Returns the id.
std::int64_t acting_consultant(Store& store, std::int64_t consultant_id, const std::string& site, const std::string& field);

// A customer on file (not removed); not_found naming `field` otherwise.
Customer require_customer(const Customers& customers, std::int64_t id, const std::string& field);

// The day given, or today (China time); invalid_argument naming `field` when it is in the future.
Date day_or_today(const std::optional<Date>& given, const std::string& field);

// The China-time day a customer was filed, from its UTC timestamp.
Date filing_day(const std::string& filed_at);

// A customer's occupation as cross cooperation reads it: company (field 3), position (field 33), and
// the industry from the site's own "industry" field or else the keyword table ("" : none).
struct Occupation {
    std::string company;
    std::string position;
    std::string industry;
    std::string matched_by;   // "industry", "company" or "position"
};
// The customers of `site` (or only `customer_id`) whose industry is known, by id.
std::map<std::int64_t, Occupation> occupations(Store& store, const Templates& templates, const Site& site,
                                               std::optional<std::int64_t> customer_id);

// Material handed out (handouts.cpp): matching the customers filed, and the erasure step.
void match_handouts(Store& store, const CustomersFiled& filed);
void erase_handouts(Store& store, const CustomerErased& subject);

// An error about `field` reported about `prefix` + field ("referrals[2].date").
[[noreturn]] void rethrow_prefixed(const Error& e, const std::string& prefix);

} // namespace detail
} // namespace snowball
