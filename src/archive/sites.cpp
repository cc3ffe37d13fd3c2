// Sales sites (案场): each has a code that every archive number carries.
#include "snowball/archive.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/text.hpp"
#include "snowball/numbering.hpp"

namespace snowball {

using detail::Query;

namespace {

Site read_site(SQLite::Statement& s) {
    Site site;
    site.id = s.getColumn(0).getInt64();
    site.code = s.getColumn(1).getString();
    site.name = s.getColumn(2).getString();
    site.number_format = s.getColumn(3).getString();
    site.created_at = s.getColumn(4).getString();
    return site;
}

// A code as typed (full-width forms, blanks, lower case) is looked up in its one normal form.
std::optional<Site> find_site(detail::Store& store, std::string_view code, const std::string& field = "code") {
    Query q(store, "SELECT id, code, name, number_format, created_at FROM sites WHERE code = ?");
    q->bind(1, numbering::normalize_site_code(code, field));
    if (!q->executeStep()) return std::nullopt;
    return read_site(*q);
}

} // namespace

namespace detail {

Site require_site(Store& store, std::string_view code, const std::string& field) {
    if (text::trim(code).empty()) throw_invalid(field, "is required: name the site by its code");
    auto site = find_site(store, code, field);
    if (!site) throw Error(Status::not_found, field + ": no site with code '" + std::string(code) + "'", field);
    return *site;
}

} // namespace detail

Site Sites::add(const NewSite& input) {
    const std::string code = numbering::normalize_site_code(input.code);
    const std::string name = text::clean(input.name, "name", 100, true);
    const std::string format = input.number_format.empty() ? numbering::default_format : input.number_format;
    numbering::NumberFormat::parse(format);
    return store_.write([&] {
        if (const auto existing = find_site(store_, code))
            throw Error(Status::conflict, "code: a site with code '" + code + "' already exists", "code", existing->id);
        Query q(store_, "INSERT INTO sites(code, name, number_format, created_at) VALUES (?, ?, ?, ?)");
        q->bind(1, code);
        q->bind(2, name);
        q->bind(3, format);
        q->bind(4, text::now_utc());
        q->exec();
        return *find_site(store_, code);
    });
}

Site Sites::get(std::string_view code) const {
    return store_.read([&] { return detail::require_site(store_, code, "code"); }, false);
}

std::optional<Site> Sites::find(std::string_view code) const {
    return store_.read([&] { return find_site(store_, code); }, false);
}

std::vector<Site> Sites::list() const {
    return store_.read([&] {
        std::vector<Site> out;
        Query q(store_, "SELECT id, code, name, number_format, created_at FROM sites ORDER BY code");
        while (q->executeStep()) out.push_back(read_site(*q));
        return out;
    }, false);
}

Site Sites::update(std::string_view code, const SiteUpdate& update) {
    std::optional<std::string> name, format;
    if (update.name) name = text::clean(*update.name, "name", 100, true);
    if (update.number_format) format = numbering::NumberFormat::parse(*update.number_format).pattern();
    return store_.write([&] {
        const Site site = detail::require_site(store_, code, "code");
        Query q(store_, "UPDATE sites SET name = coalesce(?, name), number_format = coalesce(?, number_format) "
                        "WHERE id = ?");
        detail::bind_optional(*q, 1, name);
        detail::bind_optional(*q, 2, format);
        q->bind(3, site.id);
        q->exec();
        return *find_site(store_, site.code);
    });
}

} // namespace snowball
