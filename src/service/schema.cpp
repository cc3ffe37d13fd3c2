#include "archive/schema.hpp"

namespace snowball::detail {

// Version 4: complaints and suggestions, satisfaction surveys.
const char* const feedback_schema = R"sql(
)sql";

} // namespace snowball::detail
