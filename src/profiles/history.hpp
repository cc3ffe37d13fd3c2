// The change history of profile fields, written inside the caller's transaction.
#pragma once

#include "archive/store.hpp"
#include "profiles/sealed_values.hpp"
#include "snowball/customers.hpp"

#include <optional>
#include <string>

namespace snowball::detail {

// Values as stored (a sealed value stays sealed in the history).
void record_change(Store& store, std::int64_t customer_id, const std::string& field,
                   const std::optional<StoredValue>& old_value, const std::optional<StoredValue>& new_value,
                   std::optional<std::int64_t> by, const std::string& at);

// The stored value of a field bound to the customer record ("gender", "mobile", "home_phone",
// "office_phone"); nullopt when the record has none.
std::optional<std::string> bound_value(const Customer& customer, const std::string& binding);

// Records a change for each bound field whose value differs between the two records.
void record_bound_changes(Store& store, const Customer& before, const Customer& after, std::optional<std::int64_t> by,
                          const std::string& at);

} // namespace snowball::detail
