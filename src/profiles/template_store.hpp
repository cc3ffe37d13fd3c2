// Sites' templates as stored, with a cache: reading a profile costs one index probe to learn the
// site's newest template version, and a parse only when it changed (also by another process).
// A template is stored in its JSON form (codec/profiles.hpp), the one the C API gives.
#pragma once

#include "archive/store.hpp"
#include "snowball/profiles.hpp"

#include <map>

namespace snowball::detail {

// The newest template version of the site whose id is column `site_id` of a query ("ts" for
// max() over no row is NULL: the site uses the default template, version 0).
#define SNOWBALL_NEWEST_TEMPLATE(site_id) \
    "(SELECT max(ts.version) FROM profile_templates ts WHERE ts.site_id = " site_id ")"

class TemplateCache {
public:
    // The site's newest template (the default template, version 0, when it has none of its own).
    const Template& current(Store& store, std::int64_t site_id, const std::string& site_code);
    // The site's template at `newest`, its newest version as the caller read it in the same
    // transaction (SNOWBALL_NEWEST_TEMPLATE).
    const Template& newest(Store& store, std::int64_t site_id, const std::string& site_code, int newest);
    // The newest template of the site with this code (normal form); not_found naming `field` when
    // there is no such site.
    const Template& of_site(Store& store, const std::string& site_code, const std::string& field);
    // One version; 0 is the default template.
    Template version(Store& store, std::int64_t site_id, const std::string& site_code, int version);
    // Stores `t` as the site's next version and returns it.
    Template save(Store& store, std::int64_t site_id, const std::string& site_code, Template t,
                  std::optional<std::int64_t> by, const std::string& note);

private:
    std::map<std::int64_t, Template> cache_;
};

} // namespace snowball::detail
