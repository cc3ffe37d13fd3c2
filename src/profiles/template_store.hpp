// Sites' templates as stored, with a cache: reading a profile costs one index probe to learn the
// site's newest template version, and a parse only when it changed (also by another process).
#pragma once

#include "archive/store.hpp"
#include "snowball/profiles.hpp"

#include <map>

namespace snowball::detail {

class TemplateCache {
public:
    // The site's newest template (the default template, version 0, when it has none of its own).
    const Template& current(Store& store, std::int64_t site_id, const std::string& site_code);
    // One version; 0 is the default template.
    Template version(Store& store, std::int64_t site_id, const std::string& site_code, int version);
    // Stores `t` as the site's next version and returns it.
    Template save(Store& store, std::int64_t site_id, const std::string& site_code, Template t,
                         std::optional<std::int64_t> by, const std::string& note);

private:
    std::map<std::int64_t, Template> cache_;
};

} // namespace snowball::detail
