// The customers profiles and families belong to, looked up through the customers' public service.
#pragma once

#include "snowball/customers.hpp"

#include <cstdint>

namespace snowball::detail {

// The customer on file with this id; not_found naming "customer_id" otherwise.
Customer customer_on_file(const Customers& customers, std::int64_t id);
// As customer_on_file, without reading the record.
void require_on_file(const Customers& customers, std::int64_t id);

} // namespace snowball::detail
