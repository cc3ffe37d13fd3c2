// The agenda: the window's occasions generated, what changed stored, the window's tasks listed.
#pragma once

#include "archive/store.hpp"
#include "snowball/archive.hpp"
#include "snowball/care.hpp"

#include <optional>
#include <string>
#include <vector>

namespace snowball::detail {

// Whose tasks: a site's, or one consultant's customers' (at the consultant's site).
struct Scope {
    Site site;
    std::optional<std::int64_t> consultant_id;
};
// The scope named by a site or a consultant (both: the consultant must work at the site).
Scope scope_of(Store& store, const std::string& site, std::optional<std::int64_t> consultant_id);

// Generates the tasks of [from, to] (a checked care window) for the scope, stores what changed and
// returns the window's tasks by date and customer (closed ones too with include_closed).
std::vector<CareTask> run_agenda(Store& store, const Scope& scope, Date from, Date to, bool include_closed);

} // namespace snowball::detail
