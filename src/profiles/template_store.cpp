#include "profiles/template_store.hpp"

#include "codec/profiles.hpp"
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
    Query q(store, "SELECT " SNOWBALL_NEWEST_TEMPLATE("?"));
    q->bind(1, site_id);
    q->executeStep();
    return newest(store, site_id, site_code, q->getColumn(0).getInt());
}

const Template& TemplateCache::newest(Store& store, std::int64_t site_id, const std::string& site_code, int newest) {
    auto it = cache_.find(site_id);
    if (it == cache_.end() || it->second.version != newest)
        it = cache_.insert_or_assign(site_id, version(store, site_id, site_code, newest)).first;
    return it->second;
}

const Template& TemplateCache::of_site(Store& store, const std::string& site_code, const std::string& field) {
    Query q(store, "SELECT s.id, " SNOWBALL_NEWEST_TEMPLATE("s.id") " FROM sites s WHERE s.code = ?");
    q->bindNoCopy(1, site_code);
    if (!q->executeStep()) throw Error(Status::not_found, field + ": no site with code '" + site_code + "'", field);
    return newest(store, q->getColumn(0).getInt64(), site_code, q->getColumn(1).getInt());
}

Template TemplateCache::version(Store& store, std::int64_t site_id, const std::string& site_code, int version) {
    if (version == 0) return with_identity(default_template(), site_code, 0, "");
    Query q(store, "SELECT definition, created_at FROM profile_templates WHERE site_id = ? AND version = ?");
    q->bind(1, site_id);
    q->bind(2, version);
    if (!q->executeStep())
        throw Error(Status::not_found, "version: site " + site_code + " has no template version " + std::to_string(version),
                    "version");
    const Template stored = codec::read<Template>(codec::parse(q->getColumn(0).getText(), "definition"), "definition");
    return with_identity(stored, site_code, version, q->getColumn(1).getString());
}

Template TemplateCache::save(Store& store, std::int64_t site_id, const std::string& site_code, Template t,
                             std::optional<std::int64_t> by, const std::string& note) {
    check_template(t);
    const int next = current(store, site_id, site_code).version + 1;
    t = with_identity(std::move(t), site_code, next, text::now_utc());
    Query q(store, "INSERT INTO profile_templates(site_id, version, definition, created_at, created_by, note) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
    q->bind(1, site_id);
    q->bind(2, next);
    q->bind(3, codec::dump(codec::json(t)));
    q->bindNoCopy(4, t.created_at);
    bind_optional(*q, 5, by);
    q->bindNoCopy(6, note);
    q->exec();
    // Not cached here: the transaction may still roll back. The next current() reads it.
    return t;
}

} // namespace snowball::detail
