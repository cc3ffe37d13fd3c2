// A site's care settings as stored (care_settings: festivals, policy and occasion settings, each a
// JSON column in the codec's form; NULL: the defaults).
#pragma once

#include "archive/store.hpp"
#include "snowball/archive.hpp"
#include "snowball/care.hpp"

namespace snowball::detail {

CareSettings load_care_settings(Store& store, const Site& site);

} // namespace snowball::detail
