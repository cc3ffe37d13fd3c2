#include "profiles/owners.hpp"

#include "snowball/error.hpp"

#include <string>

namespace snowball::detail {

namespace {

[[noreturn]] void not_on_file(std::int64_t id) {
    throw Error(Status::not_found, "customer_id: no customer with id " + std::to_string(id) + " on file", "customer_id");
}

} // namespace

Customer customer_on_file(const Customers& customers, std::int64_t id) {
    std::optional<Customer> c = customers.find(id);
    if (!c) not_on_file(id);
    return std::move(*c);
}

void require_on_file(const Customers& customers, std::int64_t id) {
    if (!customers.on_file(id)) not_on_file(id);
}

} // namespace snowball::detail
