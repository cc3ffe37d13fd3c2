#include "snowball/customers.hpp"

#include "archive/merge_journal.hpp"
#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/text.hpp"
#include "common/birthday_sql.hpp"
#include "common/paging.hpp"
#include "customers/customer_records.hpp"
#include "customers/filing.hpp"
#include "customers/allocator.hpp"
#include "privacy/access.hpp"
#include "privacy/erasure.hpp"
#include "snowball/privacy.hpp"
#include "snowball/numbering.hpp"
#include "snowball/phone.hpp"

#include <algorithm>
#include <cmath>

namespace snowball {

using detail::Query;

namespace detail {

Customer read_customer(SQLite::Statement& s) {
    Customer c;
    c.id = s.getColumn(0).getInt64();
    c.archive_no = s.getColumn(1).getString();
    c.site = s.getColumn(2).getString();
    c.channel = parse_channel(s.getColumn(3).getText());
    c.name = s.getColumn(4).getString();
    c.gender = parse_gender(s.getColumn(5).getText());
    c.mobile = s.getColumn(6).getString();
    if (!s.isColumnNull(7)) {
        for (const auto& [kind, number] : text::key_value_pairs(s.getColumn(7).getText()))
            c.phones.push_back(Phone{parse_phone_kind(kind), std::string(number)});
        std::sort(c.phones.begin(), c.phones.end(), phone_order);
    }
    if (!s.isColumnNull(8)) c.consultant_id = s.getColumn(8).getInt64();
    c.tier = parse_tier(s.getColumn(9).getText());
    c.stage = parse_stage(s.getColumn(10).getText());
    c.first_contact = parse_date(s.getColumn(11).getText());
    c.note = s.getColumn(12).getString();
    c.filed_at = s.getColumn(13).getString();
    c.updated_at = s.getColumn(14).getString();
    c.birthday = read_birthday(s, 15);
    return c;
}

std::optional<Customer> find_customer(Store& store, std::int64_t id) {
    Query q(store, SNOWBALL_CUSTOMER_SELECT "WHERE c.id = ? AND c.deleted_at IS NULL");
    q->bind(1, id);
    if (!q->executeStep()) return std::nullopt;
    return read_customer(*q);
}

Customer require_customer(Store& store, std::int64_t id, const std::string& field) {
    auto c = find_customer(store, id);
    if (!c) detail::throw_no_customer(field, id);
    return *c;
}

std::vector<std::int64_t> customers_with_phone(Store& store, const std::string& phone,
                                               std::optional<std::int64_t> site_id) {
    Query q(store, "SELECT customer_id FROM customer_phones WHERE phone = ?1 AND (?2 IS NULL OR site_id = ?2)");
    q->bind(1, phone);
    bind_optional(*q, 2, site_id);
    std::vector<std::int64_t> out;
    while (q->executeStep()) out.push_back(q->getColumn(0).getInt64());
    return out;
}

bool on_file(Store& store, std::int64_t id) {
    Query q(store, "SELECT 1 FROM customers WHERE id = ? AND deleted_at IS NULL");
    q->bind(1, id);
    return q->executeStep();
}

void require_on_file(Store& store, std::int64_t id, const std::string& field) {
    if (!on_file(store, id))
        detail::throw_no_customer(field, id);
}

std::int64_t site_id_of(Store& store, std::int64_t customer_id) {
    Query q(store, "SELECT site_id FROM customers WHERE id = ?");
    q->bind(1, customer_id);
    q->executeStep();
    return q->getColumn(0).getInt64();
}

// The stage follows the facts: an owner has an open deal at or after the site's owner stage
// (default contract), a visitor a visit.
void refresh_stage(Store& store, std::int64_t customer_id, const std::string& now) {
    Query q(store, "UPDATE customers SET stage = CASE "
                   "WHEN EXISTS (SELECT 1 FROM deals d WHERE d.customer_id = ?1 AND d.cancelled = 0 AND " SNOWBALL_DEAL_RANK("d.stage")
                   " >= " SNOWBALL_OWNER_RANK("customers.site_id") ") THEN 'owner' "
                   "WHEN EXISTS (SELECT 1 FROM visits WHERE customer_id = ?1) THEN 'visitor' "
                   "ELSE 'prospect' END, updated_at = ?2 WHERE id = ?1");
    q->bind(1, customer_id);
    q->bind(2, now);
    q->exec();
}

// The consultant a visit or a deal is credited to: the one named, else the customer's.
std::optional<std::int64_t> credited_consultant(Filing& filing, const std::optional<std::int64_t>& named,
                                                const Customer& customer, std::int64_t site_id) {
    if (!named) return customer.consultant_id;
    filing.check_consultant(*named, site_id, "consultant_id");
    return named;
}

} // namespace detail

namespace {

using detail::find_customer;
using detail::read_customer;
using detail::require_customer;
using detail::site_id_of;
using detail::refresh_stage;
using detail::credited_consultant;

// The bound that ends a prefix range: every string starting with the prefix sorts below it.
std::string prefix_end(const std::string& prefix) { return prefix + "\xF4\x8F\xBF\xBF"; }

} // namespace

// ---------------------------------------------------------------------------------------------
// Filing and records

Customer Customers::add(const NewCustomer& input) {
    return store_.write([&] {
        detail::Filing filing(store_);
        // The phones' primary key finds a clash as the customer is written (the transaction then
        // rolls back): no separate lookup per phone.
        return filing.file({filing.prepare(input)}).front();
    });
}

std::vector<Customer> Customers::add_many(const std::vector<NewCustomer>& inputs) {
    return store_.write([&] {
        detail::Filing filing(store_);
        std::vector<detail::CustomerDraft> drafts;
        drafts.reserve(inputs.size());
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            try {
                drafts.push_back(filing.prepare(inputs[i]));
            } catch (const Error& e) {
                const std::string at = "customers[" + std::to_string(i) + "]";
                throw Error(e.status(), at + "." + e.what(), e.field().empty() ? at : at + "." + e.field(), e.record_id());
            }
        }
        return filing.file(drafts, "customers");
    });
}

// A record as the handle's actor may read it: in full, or with the contact data of a customer the
// actor may not see masked (snowball/privacy.hpp, "Actors").
Customer Customers::shown(Customer c) const {
    if (store_.acts_as_host()) return c;
    const detail::Subject subject{c.id, c.site, c.consultant_id, to_string(c.stage)};
    if (detail::may_see(store_, store_.actor(), subject)) return c;
    c.name = mask_name(c.name);
    c.mobile = mask_phone(c.mobile);
    for (Phone& p : c.phones) p.number = mask_phone(p.number);
    if (!c.note.empty()) c.note = std::string(masked_value);
    c.birthday.reset();
    return c;
}

Customer Customers::get(std::int64_t id) const {
    return store_.read([&] { return shown(require_customer(store_, id, "id")); }, false);
}

std::optional<Customer> Customers::find(std::int64_t id) const {
    return store_.read([&]() -> std::optional<Customer> {
        auto c = find_customer(store_, id);
        if (!c) return std::nullopt;
        return shown(std::move(*c));
    }, false);
}

bool Customers::on_file(std::int64_t id) const {
    return store_.read([&] { return detail::on_file(store_, id); }, false);
}

namespace detail {

Customer update_customer(Store& store_, std::int64_t id, const CustomerUpdate& u) {
    {
        const Customer current = require_customer(store_, id, "id");
        if (u.by) require_consultant(store_, *u.by, "by");
        const std::int64_t site_id = site_id_of(store_, id);
        detail::Filing filing(store_);
        const Date today = today_in_china();

        Customer next = current;
        if (u.name) next.name = detail::clean_customer_name(*u.name);
        if (u.gender) next.gender = *u.gender;
        if (u.tier) next.tier = *u.tier;
        if (u.birthday) {
            if (*u.birthday) validate_birthday(**u.birthday);
            next.birthday = *u.birthday;
        }
        if (u.note) next.note = detail::clean_customer_note(*u.note);
        if (u.first_contact) {
            next.first_contact = detail::checked_past_date(*u.first_contact, "first_contact", today);
            Query first(store_, "SELECT min(visit_date) FROM visits WHERE customer_id = ?");
            first->bind(1, id);
            if (first->executeStep() && !first->isColumnNull(0) &&
                parse_date(first->getColumn(0).getText()) < next.first_contact)
                throw_invalid("first_contact", to_iso(next.first_contact) + " is after the customer's first visit (" +
                                                   first->getColumn(0).getString() + ")");
        }
        if (u.consultant_id) {
            if (*u.consultant_id) filing.check_consultant(**u.consultant_id, site_id, "consultant_id");
            next.consultant_id = *u.consultant_id;
        }
        const bool phones_change = u.mobile || u.phones;
        if (u.mobile) next.mobile = text::trim(*u.mobile).empty() ? std::string() : normalize_mobile(*u.mobile, "mobile");
        if (phones_change) {
            next.phones = detail::normalize_phones(u.phones ? *u.phones : current.phones, next.mobile);
            const auto check = [&](const std::string& phone, const std::string& field) {
                auto owner = detail::phone_owner(store_, phone, site_id);
                if (owner && owner->customer_id != id) detail::throw_phone_conflict(field, phone, *owner);
            };
            if (!next.mobile.empty()) check(next.mobile, "mobile");
            for (std::size_t i = 0; i < next.phones.size(); ++i)
                check(next.phones[i].number, "phones[" + std::to_string(i) + "]");
            Query del(store_, "DELETE FROM customer_phones WHERE customer_id = ?");
            del->bind(1, id);
            del->exec();
            detail::insert_phones(store_, id, site_id, next.mobile, next.phones);
        }
        const std::string now = text::now_utc();
        store_.events().publish(store_, detail::CustomerChanged{current, next, u.by, now});
        Query q(store_, "UPDATE customers SET name = ?, gender = ?, mobile = ?, consultant_id = ?, tier = ?, "
                        "first_contact = ?, note = ?, updated_at = ?, birth_calendar = ?, birth_year = ?, "
                        "birth_month = ?, birth_day = ?, birth_leap = ? WHERE id = ?");
        q->bind(1, next.name);
        q->bind(2, to_string(next.gender));
        q->bind(3, next.mobile);
        detail::bind_optional(*q, 4, next.consultant_id);
        q->bind(5, to_string(next.tier));
        q->bind(6, to_iso(next.first_contact));
        q->bind(7, next.note);
        q->bind(8, now);
        bind_birthday(*q, 9, next.birthday);
        q->bind(14, id);
        q->exec();
        return require_customer(store_, id);
    }
}

} // namespace detail

Customer Customers::update(std::int64_t id, const CustomerUpdate& u) {
    return store_.write([&] { return detail::update_customer(store_, id, u); });
}

namespace {

// The customers module's part of an erasure, after every other module's: the phones, visits,
// deals (with their steps) and lost marks go, the record keeps only its retired archive number, channel and dates.
void erase_record(detail::Store& store, const detail::CustomerErased& subject) {
    for (const char* sql : {"DELETE FROM customer_phones WHERE customer_id = ?",
                            "DELETE FROM visits WHERE customer_id = ?",
                            "DELETE FROM deal_steps WHERE deal_id IN (SELECT id FROM deals WHERE customer_id = ?)",
                            "DELETE FROM deals WHERE customer_id = ?",
                            "DELETE FROM customer_losses WHERE customer_id = ?",
                            "UPDATE customers SET name = '', gender = 'unknown', mobile = '', consultant_id = NULL, "
                            "tier = 'ordinary', note = '', stage = 'prospect', birth_calendar = NULL, birth_year = NULL, "
                            "birth_month = NULL, birth_day = NULL, birth_leap = 0, "
                            "deleted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
                            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?"}) {
        Query q(store, sql);
        q->bind(1, subject.customer_id);
        q->exec();
    }
}

// The customers module's part of a merge, after every other module's (docs/DATA_MODEL.md,
// "Merging"): the merged record's phones become the kept record's (its mobile the kept record's
// mobile when that has none, else an other phone), its visits and deals too; the kept record takes
// what it lacks from the other (gender, birthday, consultant, note; VIP when either is; the
// earlier first contact) and its stage follows the facts; the merged record stays as a retired row
// (its archive number taken, nothing personal) and its number redirects to the kept record.
void merge_record(detail::Store& store, const detail::CustomersMerged& e) {
    detail::MergeJournal& j = e.journal;
    const std::string k = std::to_string(e.keep), m = std::to_string(e.merged);
    const std::string self = "id = " + k;
    const auto other = [&](const std::string& column) { return "(SELECT " + column + " FROM customers WHERE id = " + m + ")"; };
    j.update("customers", "mobile", other("mobile"), self + " AND mobile = ''");
    j.update("customer_phones", "kind", "'other'", "customer_id = " + m + " AND kind = 'mobile' AND phone <> " + other("mobile") +
                                                       " OR customer_id = " + m + " AND kind = 'mobile' AND EXISTS "
                                                       "(SELECT 1 FROM customers WHERE id = " + k + " AND mobile <> " +
                                                       other("mobile") + ")");
    j.move("customer_phones", "customer_id", e.merged, e.keep);
    j.move("visits", "customer_id", e.merged, e.keep);
    j.move("deals", "customer_id", e.merged, e.keep);
    j.update("customers", "gender", other("gender"), self + " AND gender = 'unknown'");
    // The calendar last: the others are taken while the kept record's is still unset.
    for (const char* column : {"birth_year", "birth_month", "birth_day", "birth_leap", "birth_calendar"})
        j.update("customers", column, other(column), self + " AND birth_calendar IS NULL AND " + other("birth_calendar") + " IS NOT NULL");
    j.update("customers", "consultant_id", other("consultant_id"), self + " AND consultant_id IS NULL");
    j.update("customers", "note", other("note"), self + " AND note = ''");
    j.update("customers", "tier", "'vip'", self + " AND " + other("tier") + " = 'vip'");
    j.update("customers", "first_contact", other("first_contact"), self + " AND first_contact > " + other("first_contact"));
    j.update("customers", "stage",
             "CASE WHEN EXISTS (SELECT 1 FROM deals WHERE customer_id = " + k + " AND cancelled = 0) THEN 'owner' "
             "WHEN EXISTS (SELECT 1 FROM visits WHERE customer_id = " + k + ") THEN 'visitor' ELSE 'prospect' END", self);
    const std::string at = "'" + e.at + "'";
    j.update("customers", "updated_at", at, self);
    // Lost marks: the merged record's move over. One mark is in force at a time: when both records
    // have one, the merged record's ends with the merge; a buyer is not lost, so a kept record with a
    // deal in force ends its mark as recording a deal does.
    const std::string by = e.by ? std::to_string(*e.by) : "NULL";
    const std::string ended = "undone_at IS NULL AND (customer_id = " + m + " AND EXISTS (SELECT 1 FROM customer_losses k "
                              "WHERE k.customer_id = " + k + " AND k.undone_at IS NULL) OR customer_id IN (" + k + ", " + m +
                              ") AND EXISTS (SELECT 1 FROM deals WHERE customer_id = " + k + " AND cancelled = 0))";
    j.update("customer_losses", "undone_by", by, ended);
    j.update("customer_losses", "undone_at", at, ended);
    j.move("customer_losses", "customer_id", e.merged, e.keep);
    // The merged record retires, as a removed one does.
    const std::string gone = "id = " + m;
    for (const auto& [column, value] : std::vector<std::pair<const char*, std::string>>{
             {"name", "''"}, {"gender", "'unknown'"}, {"mobile", "''"}, {"consultant_id", "NULL"}, {"tier", "'ordinary'"},
             {"note", "''"}, {"stage", "'prospect'"}, {"birth_calendar", "NULL"}, {"birth_year", "NULL"},
             {"birth_month", "NULL"}, {"birth_day", "NULL"}, {"birth_leap", "0"}, {"deleted_at", at}, {"updated_at", at}})
        j.update("customers", column, value, gone);
    Query redirect(store, "INSERT INTO customer_redirects(archive_no, from_id, to_id, merge_id, at) "
                          "SELECT archive_no, id, ?2, ?3, ?4 FROM customers WHERE id = ?1");
    redirect->bind(1, e.merged);
    redirect->bind(2, e.keep);
    redirect->bind(3, e.merge_id);
    redirect->bind(4, e.at);
    redirect->exec();
    j.inserted("customer_redirects", store.db().getLastInsertRowid());
}

} // namespace

Customers::Customers(detail::Store& store) : store_(store) {
    store_.events().subscribe<detail::CustomerErased>("customers", erase_record, detail::Order::last);
    store_.events().subscribe<detail::CustomersMerged>("customers", merge_record, detail::Order::last);
}

void Customers::remove(std::int64_t id, std::optional<std::int64_t> by) {
    store_.write([&] {
        const Customer c = require_customer(store_, id, "id");
        const Actor actor = detail::acting(store_, by);
        detail::require_manager(store_.actor(), detail::Subject{c.id, c.site, c.consultant_id, to_string(c.stage)}, "id");
        if (const auto open = detail::open_deal_of(store_, id))
            throw Error(Status::invalid_state,
                        "id: customer " + std::to_string(id) + " (" + c.archive_no + ") has an open deal (deal " +
                            std::to_string(open->id) + ", at " + to_string(open->stage) +
                            "); cancel the deal before removing the customer",
                        "id", id);
        detail::CustomerErased subject{id, site_id_of(store_, id), {}};
        if (!c.mobile.empty()) subject.phones.push_back(c.mobile);
        for (const Phone& p : c.phones) subject.phones.push_back(p.number);
        detail::erase_customer(store_, subject, actor.text());
    });
    detail::scrub_after_erasure(store_);
}

// ---------------------------------------------------------------------------------------------
// Lookup

std::optional<Customer> Customers::by_archive_no(std::string_view archive_no) const {
    const std::string normal = numbering::normalize_archive_no(archive_no);
    numbering::validate_archive_no(normal);
    return store_.read([&]() -> std::optional<Customer> {
        {
            Query q(store_, SNOWBALL_CUSTOMER_SELECT "WHERE c.archive_no = ? AND c.deleted_at IS NULL");
            q->bind(1, normal);
            if (q->executeStep()) return shown(read_customer(*q));
        }
        // A number merged away: the record it was merged into (a chain of merges followed to its end).
        std::string number = normal;
        for (int hop = 0; hop < 64; ++hop) {
            Query r(store_, "SELECT r.to_id, c.archive_no, c.deleted_at IS NULL FROM customer_redirects r "
                            "JOIN customers c ON c.id = r.to_id WHERE r.archive_no = ?");
            r->bind(1, number);
            if (!r->executeStep()) return std::nullopt;
            if (r->getColumn(2).getInt() == 1) {
                auto c = find_customer(store_, r->getColumn(0).getInt64());
                if (!c) return std::nullopt;
                Customer found = shown(std::move(*c));
                found.redirected_from = normal;
                return found;
            }
            number = r->getColumn(1).getString();
        }
        return std::nullopt;
    });
}

std::vector<Customer> Customers::find_by_phone(std::string_view phone) const {
    const std::string normal = normalize_phone(phone, "phone").number;
    return store_.read([&] {
        std::vector<Customer> out;
        Query q(store_, SNOWBALL_CUSTOMER_SELECT
                "WHERE c.id IN (SELECT customer_id FROM customer_phones WHERE phone = ?) ORDER BY s.code");
        q->bind(1, normal);
        while (q->executeStep()) out.push_back(shown(read_customer(*q)));
        return out;
    }, false);
}

std::optional<Customer> Customers::by_phone(std::string_view phone, std::string_view site) const {
    const std::string normal = normalize_phone(phone, "phone").number;
    if (text::trim(site).empty()) {
        std::vector<Customer> found = find_by_phone(normal);
        if (found.size() > 1) {
            std::string sites;
            for (const auto& c : found) sites += (sites.empty() ? "" : ", ") + c.site;
            throw Error(Status::conflict,
                        "phone: " + normal + " is on file at " + std::to_string(found.size()) + " sites (" + sites +
                            "); name the site",
                        "site", found[0].id);
        }
        if (found.empty()) return std::nullopt;
        return found[0];
    }
    // The hot path of recognising a caller: one statement, so it is its own snapshot; the site is
    // checked separately only when nobody was found (an unknown site is an error, not "nobody").
    const std::string code = numbering::normalize_site_code(site, "site");
    return store_.read([&]() -> std::optional<Customer> {
        {
            Query q(store_, SNOWBALL_CUSTOMER_SELECT
                    "WHERE c.id = (SELECT p.customer_id FROM customer_phones p WHERE p.phone = ?1 "
                    "AND p.site_id = (SELECT id FROM sites WHERE code = ?2))");
            q->bindNoCopy(1, normal);
            q->bindNoCopy(2, code);
            if (q->executeStep()) return shown(read_customer(*q));
        }
        detail::require_site(store_, site, "site");
        return std::nullopt;
    }, false);
}

std::vector<Customer> Customers::find_by_name(std::string_view prefix, std::string_view site, int limit) const {
    const std::string p = text::clean(prefix, "prefix", 50, true);
    detail::check_page(limit, 0, 1000);
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(site).empty()) site_id = detail::require_site(store_, site, "site").id;
        Query q(store_, site_id ? SNOWBALL_CUSTOMER_SELECT
                "WHERE c.site_id = ?1 AND c.name >= ?2 AND c.name < ?3 AND c.deleted_at IS NULL "
                "ORDER BY c.name, c.id LIMIT ?4"
                                : SNOWBALL_CUSTOMER_SELECT
                "WHERE ?1 IS NULL AND c.name >= ?2 AND c.name < ?3 AND c.deleted_at IS NULL "
                "ORDER BY c.name, c.id LIMIT ?4");
        detail::bind_optional(*q, 1, site_id);
        q->bind(2, p);
        q->bind(3, prefix_end(p));
        q->bind(4, limit);
        std::vector<Customer> out;
        while (q->executeStep()) out.push_back(shown(read_customer(*q)));
        return out;
    });
}

Page<Customer> Customers::list(const CustomerQuery& query) const {
    detail::check_page(query.limit, query.offset);
    if (query.first_contact_from && query.first_contact_to && *query.first_contact_from > *query.first_contact_to)
        throw_invalid("first_contact_from", "is after first_contact_to");
    std::optional<std::string> name_prefix;
    if (!text::trim(query.name_prefix).empty()) name_prefix = text::clean(query.name_prefix, "name_prefix", 50, true);
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(query.site).empty()) site_id = detail::require_site(store_, query.site, "site").id;
        // Only the filters in use enter the statement, so that SQLite can pick the matching index.
        std::string where = "WHERE c.deleted_at IS NULL ";
        std::vector<std::string> values;   // bound in order, as text
        std::vector<std::int64_t> ids;     // bound after them
        const auto text_filter = [&](const char* clause, const std::string& value) {
            where += clause;
            values.push_back(value);
        };
        if (query.channel) text_filter("AND c.channel = ? ", to_string(*query.channel));
        if (query.stage) text_filter("AND c.stage = ? ", to_string(*query.stage));
        if (query.tier) text_filter("AND c.tier = ? ", to_string(*query.tier));
        if (query.first_contact_from) text_filter("AND c.first_contact >= ? ", to_iso(*query.first_contact_from));
        if (query.first_contact_to) text_filter("AND c.first_contact <= ? ", to_iso(*query.first_contact_to));
        if (name_prefix) {
            text_filter("AND c.name >= ? ", *name_prefix);
            text_filter("AND c.name < ? ", prefix_end(*name_prefix));
        }
        if (site_id) {
            where += "AND c.site_id = ? ";
            ids.push_back(*site_id);
        }
        if (query.consultant_id) {
            where += "AND c.consultant_id = ? ";
            ids.push_back(*query.consultant_id);
        }
        const auto bind = [&](SQLite::Statement& s) {
            int i = 1;
            for (const auto& v : values) s.bind(i++, v);
            for (auto v : ids) s.bind(i++, v);
            return i;
        };
        return detail::read_page<Customer>(store_.db(), "SELECT count(*) FROM customers c " + where,
                                           SNOWBALL_CUSTOMER_SELECT + where + "ORDER BY c.id LIMIT ? OFFSET ?", query.limit,
                                           query.offset, bind,
                                           [&](SQLite::Statement& s) { return shown(read_customer(s)); });
    });
}

std::int64_t Customers::reassign(std::int64_t from_consultant, std::int64_t to_consultant) {
    return store_.write([&] {
        const Consultant from = detail::require_consultant(store_, from_consultant, "from_consultant");
        detail::Filing filing(store_);
        const std::int64_t site_id = detail::require_site(store_, from.site, "site").id;
        filing.check_consultant(to_consultant, site_id, "to_consultant");
        Query q(store_, "UPDATE customers SET consultant_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                        "WHERE consultant_id = ? AND deleted_at IS NULL");
        q->bind(1, to_consultant);
        q->bind(2, from_consultant);
        return static_cast<std::int64_t>(q->exec());
    });
}

// ---------------------------------------------------------------------------------------------
// Visits

namespace {

Visit read_visit(SQLite::Statement& s) {
    Visit v;
    v.id = s.getColumn(0).getInt64();
    v.customer_id = s.getColumn(1).getInt64();
    v.date = parse_date(s.getColumn(2).getText());
    if (!s.isColumnNull(3)) v.consultant_id = s.getColumn(3).getInt64();
    v.note = s.getColumn(4).getString();
    v.recorded_at = s.getColumn(5).getString();
    v.place = parse_visit_place(s.getColumn(6).getText());
    return v;
}

} // namespace

Visit Customers::record_visit(std::int64_t customer_id, const NewVisit& input) {
    const Date today = today_in_china();
    const Date date = detail::checked_past_date(input.date.value_or(today), "date", today);
    const std::string note = detail::clean_customer_note(input.note);
    return store_.write([&] {
        const Customer c = require_customer(store_, customer_id);
        if (date < c.first_contact)
            throw_invalid("date", to_iso(date) + " is before the customer's first contact (" + to_iso(c.first_contact) +
                                      "); correct the first-contact date first");
        detail::Filing filing(store_);
        const auto consultant = credited_consultant(filing, input.consultant_id, c, site_id_of(store_, customer_id));
        const std::string now = text::now_utc();
        Query q(store_, "INSERT INTO visits(customer_id, visit_date, consultant_id, note, recorded_at, place) VALUES (?,?,?,?,?,?)");
        q->bind(1, customer_id);
        q->bind(2, to_iso(date));
        detail::bind_optional(*q, 3, consultant);
        q->bind(4, note);
        q->bind(5, now);
        q->bind(6, to_string(input.place));
        q->exec();
        const std::int64_t id = store_.db().getLastInsertRowid();
        refresh_stage(store_, customer_id, now);
        Query r(store_, "SELECT id, customer_id, visit_date, consultant_id, note, recorded_at, place FROM visits WHERE id = ?");
        r->bind(1, id);
        r->executeStep();
        const Visit visit = read_visit(*r);
        store_.events().publish(store_, detail::VisitRecorded{visit});
        return visit;
    });
}

std::vector<Visit> Customers::visits(std::int64_t customer_id) const {
    return store_.read([&] {
        detail::require_on_file(store_, customer_id, "customer_id");
        Query q(store_, "SELECT id, customer_id, visit_date, consultant_id, note, recorded_at, place FROM visits "
                        "WHERE customer_id = ? ORDER BY visit_date, id");
        q->bind(1, customer_id);
        std::vector<Visit> out;
        while (q->executeStep()) out.push_back(read_visit(*q));
        return out;
    });
}

Page<Visit> Customers::recent_visits(std::int64_t customer_id, int limit) const {
    detail::check_page(limit, 0, 100);
    return store_.read([&] {
        Page<Visit> page;
        Query count(store_, "SELECT count(*) FROM visits WHERE customer_id = ?");
        count->bind(1, customer_id);
        count->executeStep();
        page.total = count->getColumn(0).getInt64();
        // Erasure removes a customer's visits: visits found prove the customer is on file.
        if (page.total == 0) detail::require_on_file(store_, customer_id, "customer_id");
        Query q(store_, "SELECT id, customer_id, visit_date, consultant_id, note, recorded_at, place FROM visits "
                        "WHERE customer_id = ? ORDER BY visit_date DESC, id DESC LIMIT ?");
        q->bind(1, customer_id);
        q->bind(2, limit);
        while (q->executeStep()) page.items.push_back(read_visit(*q));
        return page;
    });
}

} // namespace snowball
