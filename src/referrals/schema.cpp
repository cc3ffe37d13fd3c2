#include "archive/schema.hpp"

namespace snowball::detail {

// Version 5: the referral graph and the reward ledger.
const char* const referrals_schema = R"sql(
)sql";

} // namespace snowball::detail
