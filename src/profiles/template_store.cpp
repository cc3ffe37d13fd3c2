#include "profiles/template_store.hpp"

#include "common/text.hpp"
#include "profiles/template_rules.hpp"

namespace snowball::detail {

namespace {

Template with_identity(Template t, const std::string& site_code, int version, std::string created_at) {
    t.site = site_code;
    t.version = version;
    t.created_at = std::move(created_at);
    return t;
}

} // namespace

const Template& TemplateCache::current(Store& store, std::int64_t site_id, const std::string& site_code) {
    Query q(store, "SELECT version FROM profile_templates WHERE site_id = ? ORDER BY version DESC LIMIT 1");
    q->bind(1, site_id);
    const int newest = q->executeStep() ? q->getColumn(0).getInt() : 0;
    auto it = cache_.find(site_id);
    if (it == cache_.end() || it->second.version != newest)
        it = cache_.insert_or_assign(site_id, version(store, site_id, site_code, newest)).first;
    return it->second;
}

Template TemplateCache::version(Store& store, std::int64_t site_id, const std::string& site_code, int version) {
    if (version == 0) return with_identity(default_template(), site_code, 0, "");
    Query q(store, "SELECT definition, created_at FROM profile_templates WHERE site_id = ? AND version = ?");
    q->bind(1, site_id);
    q->bind(2, version);
    if (!q->executeStep())
        throw Error(Status::not_found, "version: site " + site_code + " has no template version " + std::to_string(version),
                    "version");
    return with_identity(template_from_json(q->getColumn(0).getString()), site_code, version, q->getColumn(1).getString());
}

Template TemplateCache::save(Store& store, std::int64_t site_id, const std::string& site_code, Template t,
                                    std::optional<std::int64_t> by, const std::string& note) {
    check_template(t);
    const int next = current(store, site_id, site_code).version + 1;
    const std::string now = text::now_utc();
    Query q(store, "INSERT INTO profile_templates(site_id, version, definition, created_at, created_by, note) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
    q->bind(1, site_id);
    q->bind(2, next);
    q->bind(3, template_to_json(t));
    q->bind(4, now);
    bind_optional(*q, 5, by);
    q->bind(6, note);
    q->exec();
    // Not cached here: the transaction may still roll back. The next current() reads it.
    return with_identity(std::move(t), site_code, next, now);
}

} // namespace snowball::detail
