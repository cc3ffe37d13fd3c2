// Writing to the audit log (snowball/privacy.hpp): the modules record what they did to a person's
// data through this one function, inside their own write transaction, so that an operation and its
// audit entry are written together or not at all.
#pragma once

#include "archive/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace snowball::detail {

// The actor of calls made without one: the host system that linked the library.
inline constexpr std::string_view host_actor = "host";

// Appends an entry to the chain. Must run inside a write transaction of `store`. `detail` must hold
// no personal value (field keys, counts, a reason the caller gave are fine; names and phones not).
void audit(Store& store, std::string_view actor, std::string_view action, std::optional<std::int64_t> subject_id,
           std::string_view detail = {});

// The link of the first entry: the hash before any.
const std::string& genesis_hash();

// The hash of an entry's content chained to the previous entry's hash (SHA-256, hex).
std::string audit_hash(std::int64_t id, std::string_view at, std::string_view actor, std::string_view action,
                       std::optional<std::int64_t> subject_id, std::string_view detail, std::string_view previous);

} // namespace snowball::detail
