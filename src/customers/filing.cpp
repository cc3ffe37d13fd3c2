#include "customers/filing.hpp"

#include "archive/records.hpp"
#include "common/birthday_sql.hpp"
#include "common/text.hpp"
#include "snowball/phone.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <set>

namespace snowball::detail {

std::string clean_customer_name(std::string_view name) { return text::clean(name, "name", 50, true); }

std::string clean_customer_note(std::string_view note) {
    return text::clean(note, "note", 2000, false, text::Lines::multi);
}

std::vector<Phone> normalize_phones(const std::vector<Phone>& phones, const std::string& mobile) {
    if (phones.size() > 10) throw_invalid("phones", "holds " + std::to_string(phones.size()) + " numbers; the limit is 10");
    std::vector<Phone> out;
    std::set<std::string> seen;
    if (!mobile.empty()) seen.insert(mobile);
    for (std::size_t i = 0; i < phones.size(); ++i) {
        const std::string field = "phones[" + std::to_string(i) + "]";
        Phone p{phones[i].kind, normalize_phone(phones[i].number, field).number};
        if (!seen.insert(p.number).second) throw_invalid(field, p.number + " is listed twice for this customer");
        out.push_back(std::move(p));
    }
    return out;
}

Date checked_past_date(const Date& date, const std::string& field, const Date& today) {
    if (date.is_special()) throw_invalid(field, "is not a date");
    if (date > today) throw_invalid(field, to_iso(date) + " is in the future (today is " + to_iso(today) + " in China)");
    if (date.year() < 1900) throw_invalid(field, to_iso(date) + " is before 1900");
    return date;
}

bool phone_order(const Phone& a, const Phone& b) { return a.kind != b.kind ? a.kind < b.kind : a.number < b.number; }

std::optional<PhoneOwner> phone_owner(Store& store, const std::string& phone, std::int64_t site_id) {
    Query q(store, "SELECT c.id, c.name, c.archive_no FROM customer_phones p "
                   "JOIN customers c ON c.id = p.customer_id WHERE p.phone = ? AND p.site_id = ?");
    q->bind(1, phone);
    q->bind(2, site_id);
    if (!q->executeStep()) return std::nullopt;
    return PhoneOwner{q->getColumn(0).getInt64(), q->getColumn(1).getString(), q->getColumn(2).getString()};
}

void throw_phone_conflict(const std::string& field, const std::string& phone, const PhoneOwner& owner) {
    throw Error(Status::conflict,
                field + ": " + phone + " is already on file for " + owner.name + " (" + owner.archive_no + ")",
                field, owner.customer_id);
}

void insert_phones(Store& store, std::int64_t customer_id, std::int64_t site_id, const std::string& mobile,
                   const std::vector<Phone>& phones) {
    Query q(store, "INSERT INTO customer_phones(phone, site_id, customer_id, kind) VALUES (?, ?, ?, ?)");
    const auto insert = [&](const std::string& number, PhoneKind kind, const std::string& field) {
        q->bindNoCopy(1, number);
        q->bind(2, site_id);
        q->bind(3, customer_id);
        q->bindNoCopy(4, to_string(kind));
        try {
            q->exec();
        } catch (const SQLite::Exception& e) {
            // The phone is on file at the site: name who has it.
            if ((e.getErrorCode() & 0xFF) != SQLITE_CONSTRAINT) throw;
            q->tryReset();
            if (auto owner = phone_owner(store, number, site_id)) throw_phone_conflict(field, number, *owner);
            throw;
        }
        q->reset();
    };
    if (!mobile.empty()) insert(mobile, PhoneKind::mobile, "mobile");
    for (std::size_t i = 0; i < phones.size(); ++i) insert(phones[i].number, phones[i].kind, "phones[" + std::to_string(i) + "]");
}

const SiteNumbering& Filing::site(std::string_view code, const std::string& field) {
    auto it = sites_.find(code);
    if (it != sites_.end()) return it->second;
    const Site s = require_site(store_, code, field);
    SiteNumbering numbering{s.id, s.code, numbering::NumberFormat::parse(s.number_format)};
    return sites_.emplace(std::string(code), std::move(numbering)).first->second;
}

void Filing::check_consultant(std::int64_t consultant_id, std::int64_t site_id, const std::string& field) {
    auto it = consultant_sites_.find(consultant_id);
    if (it == consultant_sites_.end()) {
        const Consultant c = require_consultant(store_, consultant_id, field);
        if (!c.active)
            throw Error(Status::invalid_state,
                        field + ": consultant " + std::to_string(c.id) + " (" + c.name + ") is no longer active", field,
                        c.id);
        it = consultant_sites_.emplace(consultant_id, site(c.site, field).id).first;
    }
    if (it->second != site_id)
        throw_invalid(field, "consultant " + std::to_string(consultant_id) + " works at another site");
}

CustomerDraft Filing::prepare(const NewCustomer& input) {
    CustomerDraft d;
    d.name = clean_customer_name(input.name);
    d.site = &site(input.site, "site");
    d.channel = input.channel;
    d.gender = input.gender;
    d.tier = input.tier;
    if (!text::trim(input.mobile).empty()) d.mobile = normalize_mobile(input.mobile, "mobile");
    d.phones = normalize_phones(input.phones, d.mobile);
    if (input.consultant_id) {
        check_consultant(*input.consultant_id, d.site->id, "consultant_id");
        d.consultant_id = input.consultant_id;
    }
    d.filed_on = checked_past_date(input.filed_on.value_or(today_), "filed_on", today_);
    // Moving an old archive in: without a first-contact date, the filing day stands for it.
    d.first_contact = checked_past_date(input.first_contact.value_or(d.filed_on), "first_contact", today_);
    if (d.filed_on < d.first_contact)
        throw_invalid("filed_on", to_iso(d.filed_on) + " is before the first contact (" + to_iso(d.first_contact) +
                                      "): a customer is filed when or after they first get in touch");
    d.note = clean_customer_note(input.note);
    if (input.birthday) {
        validate_birthday(*input.birthday);
        d.birthday = input.birthday;
    }
    return d;
}

void Filing::check_phones(const CustomerDraft& d) {
    if (!d.mobile.empty())
        if (auto owner = phone_owner(store_, d.mobile, d.site->id)) throw_phone_conflict("mobile", d.mobile, *owner);
    for (std::size_t i = 0; i < d.phones.size(); ++i)
        if (auto owner = phone_owner(store_, d.phones[i].number, d.site->id))
            throw_phone_conflict("phones[" + std::to_string(i) + "]", d.phones[i].number, *owner);
}

Customer Filing::file(const CustomerDraft& d) {
    Customer c;
    c.archive_no = numbers_.next(d.site->id, d.site->code, d.site->format, d.channel, d.filed_on.year());
    const bool visited = d.channel == Channel::visit;
    const std::string first_contact = to_iso(d.first_contact);
    // The strings bound below outlive the statement's execution: bound without a copy.
    Query q(store_, "INSERT INTO customers(site_id, archive_no, channel, name, gender, mobile, consultant_id, tier, "
                    "stage, first_contact, note, filed_at, updated_at, birth_calendar, birth_year, birth_month, "
                    "birth_day, birth_leap) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q->bind(1, d.site->id);
    q->bindNoCopy(2, c.archive_no);
    q->bindNoCopy(3, to_string(d.channel));
    q->bindNoCopy(4, d.name);
    q->bindNoCopy(5, to_string(d.gender));
    q->bindNoCopy(6, d.mobile);
    bind_optional(*q, 7, d.consultant_id);
    q->bindNoCopy(8, to_string(d.tier));
    q->bindNoCopy(9, to_string(visited ? Stage::visitor : Stage::prospect));
    q->bindNoCopy(10, first_contact);
    q->bindNoCopy(11, d.note);
    q->bindNoCopy(12, now_);
    q->bindNoCopy(13, now_);
    bind_birthday(*q, 14, d.birthday);
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if ((e.getErrorCode() & 0xFF) == SQLITE_CONSTRAINT && std::string(e.what()).find("archive_no") != std::string::npos)
            throw Error(Status::conflict,
                        "archive number " + c.archive_no + " was issued before under another number format of site " +
                            d.site->code + "; choose a format that cannot repeat old numbers",
                        "number_format");
        throw;
    }
    c.id = store_.db().getLastInsertRowid();
    insert_phones(store_, c.id, d.site->id, d.mobile, d.phones);
    if (visited) {
        // A walk-in customer's first visit is the first contact itself.
        Query v(store_, "INSERT INTO visits(customer_id, visit_date, consultant_id, recorded_at) VALUES (?, ?, ?, ?)");
        v->bind(1, c.id);
        v->bindNoCopy(2, first_contact);
        bind_optional(*v, 3, d.consultant_id);
        v->bindNoCopy(4, now_);
        v->exec();
    }
    // The record as filed, without reading it back.
    c.site = d.site->code;
    c.channel = d.channel;
    c.name = d.name;
    c.gender = d.gender;
    c.mobile = d.mobile;
    c.phones = d.phones;
    std::sort(c.phones.begin(), c.phones.end(), phone_order);
    c.consultant_id = d.consultant_id;
    c.tier = d.tier;
    c.stage = visited ? Stage::visitor : Stage::prospect;
    c.first_contact = d.first_contact;
    c.note = d.note;
    c.filed_at = now_;
    c.updated_at = now_;
    c.birthday = d.birthday;
    return c;
}

} // namespace snowball::detail
