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
std::vector<Deal> closed_deals_of(Store& store, std::int64_t customer_id);
// Customers::update inside the caller's transaction.
Customer update_customer(Store& store, std::int64_t id, const CustomerUpdate& update);

} // namespace snowball::detail
