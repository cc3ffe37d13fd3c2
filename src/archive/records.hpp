// Lookups that several services need inside their transactions.
#pragma once

#include "archive/store.hpp"
#include "snowball/archive.hpp"

namespace snowball::detail {

// The site with this code; not_found (naming `field`) when there is none.
Site require_site(Store& store, std::string_view code, const std::string& field);
// The consultant with this id; not_found (naming `field`) when there is none.
Consultant require_consultant(Store& store, std::int64_t id, const std::string& field);
// As require_consultant, for a consultant who must work at `site` (a code): invalid_argument
// naming `field` otherwise.
Consultant require_consultant_at(Store& store, std::int64_t id, const std::string& site, const std::string& field);
// Writes a site's settings document (JSON text) to `table` (site_id, settings, updated_at), the
// row made or replaced: the one shape of every module's per-site settings table.
void save_site_settings(Store& store, const char* table, std::int64_t site_id, const std::string& settings);
// not_found naming `field`: "customer_id: no customer with id 12 on file" (every module's words for it).
[[noreturn]] void throw_no_customer(const std::string& field, std::int64_t id);
// A random 128-bit global identity in hex (consultants, tickets, surveys, campaigns).
std::string new_uid();

} // namespace snowball::detail
