// Family members inside a transaction, for the services that build on them.
#pragma once

#include "archive/store.hpp"
#include "snowball/profiles.hpp"

#include <vector>

namespace snowball::detail {

// A customer's family: spouse, parents, children, others.
std::vector<FamilyMember> family_of(Store& store, std::int64_t customer_id);

} // namespace snowball::detail
