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

namespace {

// Multi-row INSERT statements: one statement for up to `chunk_rows` rows amortises SQLite's work
// per statement (its program, the statement journal) over the rows of a batch.
constexpr std::size_t chunk_rows = 64;

class MultiInsert {
public:
    MultiInsert(const char* head, int columns) {
        std::string row = "(";
        for (int c = 0; c < columns; ++c) row += c ? ",?" : "?";
        row += ")";
        std::string sql = head;
        for (std::size_t rows = 1; rows <= chunk_rows; ++rows) {
            sql += rows == 1 ? " VALUES " + row : "," + row;
            texts_.push_back(sql);
        }
    }
    // The statement text for `rows` rows; stable, so the store prepares each size once.
    const char* sql(std::size_t rows) const { return texts_[rows - 1].c_str(); }

private:
    std::vector<std::string> texts_;
};

const MultiInsert customer_rows(
    "INSERT INTO customers(id, site_id, archive_no, channel, name, gender, mobile, consultant_id, tier, stage, "
    "first_contact, note, filed_at, updated_at, birth_calendar, birth_year, birth_month, birth_day, birth_leap)",
    19);
const MultiInsert phone_rows("INSERT INTO customer_phones(phone, site_id, customer_id, kind)", 4);
const MultiInsert visit_rows("INSERT INTO visits(customer_id, visit_date, consultant_id, recorded_at)", 4);

bool is_constraint(const SQLite::Exception& e) { return (e.getErrorCode() & 0xFF) == SQLITE_CONSTRAINT; }

} // namespace

std::vector<Customer> Filing::file(const std::vector<CustomerDraft>& drafts, const char* batch) {
    // Where an error points: "mobile", or "customers[2].mobile" in a batch.
    const auto at = [&](std::size_t i, const std::string& field) {
        return batch ? std::string(batch) + "[" + std::to_string(i) + "]." + field : field;
    };
    struct PhoneRow {
        std::size_t draft;
        const std::string* number;
        PhoneKind kind;
        std::string field;
    };
    std::vector<PhoneRow> phones;
    std::map<std::pair<std::int64_t, std::string>, std::size_t> seen;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const CustomerDraft& d = drafts[i];
        const auto add_phone = [&](const std::string& number, PhoneKind kind, const std::string& field) {
            const auto [it, fresh] = seen.emplace(std::make_pair(d.site->id, number), i);
            if (!fresh)
                throw Error(Status::conflict,
                            at(i, field) + ": " + number + " is in " + std::string(batch ? batch : "drafts") + "[" +
                                std::to_string(it->second) + "] of this batch as well",
                            at(i, field));
            phones.push_back({i, &number, kind, field});
        };
        if (!d.mobile.empty()) add_phone(d.mobile, PhoneKind::mobile, "mobile");
        for (std::size_t k = 0; k < d.phones.size(); ++k)
            add_phone(d.phones[k].number, d.phones[k].kind, "phones[" + std::to_string(k) + "]");
    }

    // Numbers and row ids in order. Inside BEGIN IMMEDIATE nobody else writes: the ids follow the
    // largest, as SQLite's own choice would.
    std::int64_t next_id;
    {
        Query q(store_, "SELECT coalesce(max(id), 0) + 1 FROM customers");
        q->executeStep();
        next_id = q->getColumn(0).getInt64();
    }
    std::vector<Customer> out(drafts.size());
    std::vector<std::string> first_contacts(drafts.size());
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const CustomerDraft& d = drafts[i];
        Customer& c = out[i];
        c.id = next_id++;
        c.archive_no = numbers_.next(d.site->id, d.site->code, d.site->format, d.channel, d.filed_on.year());
        c.site = d.site->code;
        c.channel = d.channel;
        c.name = d.name;
        c.gender = d.gender;
        c.mobile = d.mobile;
        c.phones = d.phones;
        std::sort(c.phones.begin(), c.phones.end(), phone_order);
        c.consultant_id = d.consultant_id;
        c.tier = d.tier;
        // A walk-in customer's first visit is the first contact itself.
        c.stage = d.channel == Channel::visit ? Stage::visitor : Stage::prospect;
        c.first_contact = d.first_contact;
        c.note = d.note;
        c.filed_at = now_;
        c.updated_at = now_;
        c.birthday = d.birthday;
        first_contacts[i] = to_iso(d.first_contact);
    }

    // The strings bound below live until the statements ran: bound without a copy.
    for (std::size_t start = 0; start < drafts.size(); start += chunk_rows) {
        const std::size_t rows = std::min(chunk_rows, drafts.size() - start);
        Query q(store_, customer_rows.sql(rows));
        int p = 1;
        for (std::size_t i = start; i < start + rows; ++i) {
            const CustomerDraft& d = drafts[i];
            const Customer& c = out[i];
            q->bind(p++, c.id);
            q->bind(p++, d.site->id);
            q->bindNoCopy(p++, c.archive_no);
            q->bindNoCopy(p++, to_string(d.channel));
            q->bindNoCopy(p++, d.name);
            q->bindNoCopy(p++, to_string(d.gender));
            q->bindNoCopy(p++, d.mobile);
            bind_optional(*q, p++, d.consultant_id);
            q->bindNoCopy(p++, to_string(d.tier));
            q->bindNoCopy(p++, to_string(c.stage));
            q->bindNoCopy(p++, first_contacts[i]);
            q->bindNoCopy(p++, d.note);
            q->bindNoCopy(p++, now_);
            q->bindNoCopy(p++, now_);
            bind_birthday(*q, p, d.birthday);
            p += 5;
        }
        try {
            q->exec();
        } catch (const SQLite::Exception& e) {
            if (!is_constraint(e) || std::string(e.what()).find("archive_no") == std::string::npos) throw;
            // A site's number format changed to one that repeats a number issued before.
            for (std::size_t i = start; i < start + rows; ++i) {
                Query taken(store_, "SELECT 1 FROM customers WHERE archive_no = ?");
                taken->bind(1, out[i].archive_no);
                if (taken->executeStep())
                    throw Error(Status::conflict,
                                "archive number " + out[i].archive_no + " was issued before under another number format "
                                "of site " + drafts[i].site->code + "; choose a format that cannot repeat old numbers",
                                "number_format");
            }
            throw;
        }
    }

    for (std::size_t start = 0; start < phones.size(); start += chunk_rows) {
        const std::size_t rows = std::min(chunk_rows, phones.size() - start);
        Query q(store_, phone_rows.sql(rows));
        int p = 1;
        for (std::size_t r = start; r < start + rows; ++r) {
            q->bindNoCopy(p++, *phones[r].number);
            q->bind(p++, drafts[phones[r].draft].site->id);
            q->bind(p++, out[phones[r].draft].id);
            q->bindNoCopy(p++, to_string(phones[r].kind));
        }
        try {
            q->exec();
        } catch (const SQLite::Exception& e) {
            if (!is_constraint(e)) throw;
            // A phone on file at the site already (the batch's own repeats were caught above).
            for (std::size_t r = start; r < start + rows; ++r) {
                const std::size_t i = phones[r].draft;
                if (auto owner = phone_owner(store_, *phones[r].number, drafts[i].site->id))
                    throw_phone_conflict(at(i, phones[r].field), *phones[r].number, *owner);
            }
            throw;
        }
    }

    std::vector<std::size_t> walk_ins;
    for (std::size_t i = 0; i < drafts.size(); ++i)
        if (drafts[i].channel == Channel::visit) walk_ins.push_back(i);
    for (std::size_t start = 0; start < walk_ins.size(); start += chunk_rows) {
        const std::size_t rows = std::min(chunk_rows, walk_ins.size() - start);
        Query q(store_, visit_rows.sql(rows));
        int p = 1;
        for (std::size_t r = start; r < start + rows; ++r) {
            const std::size_t i = walk_ins[r];
            q->bind(p++, out[i].id);
            q->bindNoCopy(p++, first_contacts[i]);
            bind_optional(*q, p++, drafts[i].consultant_id);
            q->bindNoCopy(p++, now_);
        }
        q->exec();
    }
    numbers_.flush();
    store_.events().publish(store_, CustomersFiled{out});
    return out;
}

} // namespace snowball::detail
