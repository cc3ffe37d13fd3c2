// Sales consultants (置业顾问) and managers (案场经理), each working at one site.
#include "snowball/archive.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/text.hpp"
#include "snowball/phone.hpp"

#include <random>

namespace snowball {

using detail::Query;

namespace {

// Columns: id, uid, site code, name, phone, active, created_at, role, manager_id.
Consultant read_consultant(SQLite::Statement& s) {
    Consultant c;
    c.id = s.getColumn(0).getInt64();
    c.uid = s.getColumn(1).getString();
    c.site = s.getColumn(2).getString();
    c.name = s.getColumn(3).getString();
    c.phone = s.getColumn(4).getString();
    c.active = s.getColumn(5).getInt() != 0;
    c.created_at = s.getColumn(6).getString();
    c.role = s.getColumn(7).getString() == "manager" ? ConsultantRole::manager : ConsultantRole::consultant;
    if (!s.isColumnNull(8)) c.manager_id = s.getColumn(8).getInt64();
    return c;
}

} // namespace

namespace detail {

Consultant require_consultant(Store& store, std::int64_t id, const std::string& field) {
    Query q(store, "SELECT c.id, c.uid, s.code, c.name, c.phone, c.active, c.created_at, c.role, c.manager_id "
                   "FROM consultants c JOIN sites s ON s.id = c.site_id WHERE c.id = ?");
    q->bind(1, id);
    if (!q->executeStep())
        throw Error(Status::not_found, field + ": no consultant with id " + std::to_string(id), field);
    return read_consultant(*q);
}

Consultant require_consultant_at(Store& store, std::int64_t id, const std::string& site, const std::string& field) {
    Consultant c = require_consultant(store, id, field);
    if (c.site != site) throw_invalid(field, "consultant " + std::to_string(c.id) + " works at site " + c.site + ", not " + site);
    return c;
}

void save_site_settings(Store& store, const char* table, std::int64_t site_id, const std::string& settings) {
    SQLite::Statement q(store.db(), std::string("INSERT INTO ") + table + "(site_id, settings, updated_at) VALUES (?1, ?2, ?3) "
                                    "ON CONFLICT (site_id) DO UPDATE SET settings = ?2, updated_at = ?3");
    q.bind(1, site_id);
    q.bind(2, settings);
    q.bind(3, text::now_utc());
    q.exec();
}

void throw_no_customer(const std::string& field, std::int64_t id) {
    throw Error(Status::not_found, field + ": no customer with id " + std::to_string(id) + " on file", field);
}

std::string new_uid() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                  static_cast<unsigned long long>(rng()));
    return buf;
}

} // namespace detail

namespace {

std::string consultant_phone(const std::string& raw) {
    return text::trim(raw).empty() ? std::string() : normalize_phone(raw, "phone").number;
}

// A consultant's manager: an active manager of the same site, and not someone they manage (directly
// or through other managers). `self` is 0 for a consultant being added.
void check_manager(detail::Store& store, std::int64_t manager_id, const std::string& site, std::int64_t self) {
    if (manager_id == self) throw_invalid("manager_id", "a consultant cannot be their own manager");
    const Consultant m = detail::require_consultant(store, manager_id, "manager_id");
    const std::string who = "consultant " + std::to_string(manager_id) + " (" + m.name + ")";
    if (m.role != ConsultantRole::manager) throw_invalid("manager_id", who + " is not a manager");
    if (!m.active) throw_invalid("manager_id", who + " has left");
    if (m.site != site) throw_invalid("manager_id", who + " works at site " + m.site + ", not " + site);
    std::optional<std::int64_t> up = manager_id;
    for (int depth = 0; up && depth < 1000; ++depth) {
        if (*up == self) throw_invalid("manager_id", who + " reports to consultant " + std::to_string(self) + ": a cycle");
        up = detail::require_consultant(store, *up, "manager_id").manager_id;
    }
}

} // namespace

const char* to_string(ConsultantRole value) noexcept {
    return value == ConsultantRole::manager ? "manager" : "consultant";
}

ConsultantRole parse_consultant_role(std::string_view input, const std::string& field) {
    const std::string v = text::lower_ascii(text::trim(input));
    if (v == "consultant" || v == "置业顾问" || v == "顾问") return ConsultantRole::consultant;
    if (v == "manager" || v == "经理" || v == "案场经理") return ConsultantRole::manager;
    throw_invalid(field, "'" + std::string(input) + "' is not one of consultant, manager");
}

Consultant Consultants::add(const NewConsultant& input) {
    const std::string name = text::clean(input.name, "name", 50, true);
    const std::string phone = consultant_phone(input.phone);
    return store_.write([&] {
        const Site site = detail::require_site(store_, input.site, "site");
        if (input.manager_id) check_manager(store_, *input.manager_id, site.code, 0);
        Query q(store_, "INSERT INTO consultants(uid, site_id, name, phone, created_at, role, manager_id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)");
        q->bind(1, detail::new_uid());
        q->bind(2, site.id);
        q->bind(3, name);
        q->bind(4, phone);
        q->bind(5, text::now_utc());
        q->bind(6, to_string(input.role));
        detail::bind_optional(*q, 7, input.manager_id);
        q->exec();
        return detail::require_consultant(store_, store_.db().getLastInsertRowid(), "id");
    });
}

Consultant Consultants::get(std::int64_t id) const {
    return store_.read([&] { return detail::require_consultant(store_, id, "id"); }, false);
}

std::vector<Consultant> Consultants::list(std::string_view site, bool include_inactive) const {
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(site).empty()) site_id = detail::require_site(store_, site, "site").id;
        Query q(store_, "SELECT c.id, c.uid, s.code, c.name, c.phone, c.active, c.created_at, c.role, c.manager_id "
                        "FROM consultants c JOIN sites s ON s.id = c.site_id "
                        "WHERE (?1 IS NULL OR c.site_id = ?1) AND (?2 OR c.active) ORDER BY c.id");
        detail::bind_optional(*q, 1, site_id);
        q->bind(2, include_inactive ? 1 : 0);
        std::vector<Consultant> out;
        while (q->executeStep()) out.push_back(read_consultant(*q));
        return out;
    });
}

Consultant Consultants::update(std::int64_t id, const ConsultantUpdate& update) {
    std::optional<std::string> name, phone;
    if (update.name) name = text::clean(*update.name, "name", 50, true);
    if (update.phone) phone = consultant_phone(*update.phone);
    return store_.write([&] {
        const Consultant current = detail::require_consultant(store_, id, "id");
        if (update.manager_id && *update.manager_id) check_manager(store_, **update.manager_id, current.site, id);
        if (update.role == ConsultantRole::consultant && current.role == ConsultantRole::manager) {
            Query reports(store_, "SELECT count(*) FROM consultants WHERE manager_id = ?");
            reports->bind(1, id);
            reports->executeStep();
            if (const std::int64_t n = reports->getColumn(0).getInt64())
                throw Error(Status::invalid_state, "role: consultant " + std::to_string(id) + " manages " + std::to_string(n) +
                                                       " consultant(s); give them another manager first", "role", id);
        }
        Query q(store_, "UPDATE consultants SET name = coalesce(?1, name), phone = coalesce(?2, phone), "
                        "active = coalesce(?3, active), role = coalesce(?4, role), "
                        "manager_id = CASE WHEN ?5 THEN ?6 ELSE manager_id END WHERE id = ?7");
        detail::bind_optional(*q, 1, name);
        detail::bind_optional(*q, 2, phone);
        if (update.active) q->bind(3, *update.active ? 1 : 0);
        else q->bind(3);
        if (update.role) q->bind(4, to_string(*update.role));
        else q->bind(4);
        q->bind(5, update.manager_id ? 1 : 0);
        if (update.manager_id) detail::bind_optional(*q, 6, *update.manager_id);
        else q->bind(6);
        q->bind(7, id);
        q->exec();
        return detail::require_consultant(store_, id, "id");
    });
}

} // namespace snowball
