#include "profiles/owners.hpp"

#include "archive/records.hpp"
#include "snowball/error.hpp"

#include <string>

namespace snowball::detail {

Customer customer_on_file(const Customers& customers, std::int64_t id) {
    std::optional<Customer> c = customers.find(id);
    if (!c) throw_no_customer("customer_id", id);
    return std::move(*c);
}

void require_on_file(const Customers& customers, std::int64_t id) {
    if (!customers.on_file(id)) throw_no_customer("customer_id", id);
}

} // namespace snowball::detail
