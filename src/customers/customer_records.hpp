// Customer records inside a transaction, for the services that build on them (until they use the
// public service, Customers).
#pragma once

#include "archive/store.hpp"
#include "snowball/customers.hpp"

#include <optional>
#include <string>
#include <vector>

namespace snowball::detail {

// The columns read_customer reads, in order; the other phones come along in the same statement.
#define SNOWBALL_CUSTOMER_SELECT                                                                          \
    "SELECT c.id, c.archive_no, s.code, c.channel, c.name, c.gender, c.mobile, "                         \
    "(SELECT group_concat(p.kind || ':' || p.phone) FROM customer_phones p "                             \
    "  WHERE p.customer_id = c.id AND p.phone <> c.mobile), "                                            \
    "c.consultant_id, c.tier, c.stage, c.first_contact, c.note, c.filed_at, c.updated_at, "             \
    "c.birth_calendar, c.birth_year, c.birth_month, c.birth_day, c.birth_leap "                          \
    "FROM customers c JOIN sites s ON s.id = c.site_id "

// A deal stage's rank in SQL (reservation 1, subscription 2, contract 3), and the rank of the owner
// stage of a site (its sales settings; default contract).
#define SNOWBALL_DEAL_RANK(column) \
    "(CASE " column " WHEN 'reservation' THEN 1 WHEN 'subscription' THEN 2 ELSE 3 END)"
#define SNOWBALL_OWNER_RANK(site_column)                                                               \
    "coalesce((SELECT " SNOWBALL_DEAL_RANK("o.owner_stage") " FROM sales_settings o WHERE o.site_id = " \
    site_column "), 3)"

Customer read_customer(SQLite::Statement& s);
std::optional<Customer> find_customer(Store& store, std::int64_t id);
Customer require_customer(Store& store, std::int64_t id, const std::string& field = "customer_id");
// Whether the customer is on file, without reading the record; require_on_file throws as
// require_customer does.
bool on_file(Store& store, std::int64_t id);
void require_on_file(Store& store, std::int64_t id, const std::string& field = "customer_id");
std::int64_t site_id_of(Store& store, std::int64_t customer_id);
// The customers on file with this phone (normal form), at one site or at any.
std::vector<std::int64_t> customers_with_phone(Store& store, const std::string& phone,
                                               std::optional<std::int64_t> site_id);
// The customer's contracted deals in force (closed deals), by date.
std::vector<Deal> closed_deals_of(Store& store, std::int64_t customer_id);
// The customer's first open (not cancelled) deal at any stage, if any.
std::optional<Deal> open_deal_of(Store& store, std::int64_t customer_id);
// The stage follows the facts (an open deal at the site's owner stage or later, a visit).
void refresh_stage(Store& store, std::int64_t customer_id, const std::string& now);
class Filing;
// The consultant a visit or a deal is credited to: the one named (checked), else the customer's.
std::optional<std::int64_t> credited_consultant(Filing& filing, const std::optional<std::int64_t>& named,
                                                const Customer& customer, std::int64_t site_id);
// Customers::update inside the caller's transaction.
Customer update_customer(Store& store, std::int64_t id, const CustomerUpdate& update);

} // namespace snowball::detail
