#include "snowball/profiles.hpp"

#include "archive/merge_journal.hpp"
#include "archive/store.hpp"
#include "common/birthday_sql.hpp"
#include "common/text.hpp"
#include "profiles/owners.hpp"
#include "snowball/customers.hpp"
#include "snowball/phone.hpp"
#include "snowball/privacy.hpp"

namespace snowball {

using detail::Query;

namespace {

struct RelationName {
    std::string_view key;
    Relation value;
};

// The key of each relation first, then the words consultants write (simplified and traditional).
constexpr RelationName relation_names[] = {
    {"spouse", Relation::spouse}, {"father", Relation::father}, {"mother", Relation::mother},
    {"child", Relation::child},   {"other", Relation::other},
    {"配偶", Relation::spouse},   {"妻子", Relation::spouse},   {"丈夫", Relation::spouse},
    {"爱人", Relation::spouse},   {"愛人", Relation::spouse},   {"老公", Relation::spouse},
    {"老婆", Relation::spouse},   {"太太", Relation::spouse},   {"先生", Relation::spouse},
    {"父亲", Relation::father},   {"父親", Relation::father},   {"爸爸", Relation::father},
    {"母亲", Relation::mother},   {"母親", Relation::mother},   {"妈妈", Relation::mother},
    {"媽媽", Relation::mother},   {"子女", Relation::child},    {"儿子", Relation::child},
    {"兒子", Relation::child},    {"女儿", Relation::child},    {"女兒", Relation::child},
    {"孩子", Relation::child},    {"其他", Relation::other},
};

#define SNOWBALL_FAMILY_SELECT                                                                              \
    "SELECT id, customer_id, relation, name, gender, phone, employer, education, interests, school, closest, " \
    "note, created_at, updated_at, birth_calendar, birth_year, birth_month, birth_day, birth_leap FROM family_members "

FamilyMember read_member(SQLite::Statement& s) {
    FamilyMember m;
    m.id = s.getColumn(0).getInt64();
    m.customer_id = s.getColumn(1).getInt64();
    m.relation = parse_relation(s.getColumn(2).getText());
    m.name = s.getColumn(3).getString();
    m.gender = parse_gender(s.getColumn(4).getText());
    m.phone = s.getColumn(5).getString();
    m.employer = s.getColumn(6).getString();
    m.education = s.getColumn(7).getString();
    m.interests = s.getColumn(8).getString();
    m.school = s.getColumn(9).getString();
    m.closest = s.getColumn(10).getInt() != 0;
    m.note = s.getColumn(11).getString();
    m.created_at = s.getColumn(12).getString();
    m.updated_at = s.getColumn(13).getString();
    m.birthday = detail::read_birthday(s, 14);
    return m;
}

FamilyMember require_member(detail::Store& store, std::int64_t id) {
    Query q(store, SNOWBALL_FAMILY_SELECT "WHERE id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, "id: no family member with id " + std::to_string(id), "id");
    return read_member(*q);
}

// Checks and normalises a member's fields in place.
void clean(FamilyMember& m) {
    m.name = text::clean(m.name, "name", 50, true);
    if (m.birthday) validate_birthday(*m.birthday);
    m.phone = text::trim(m.phone).empty() ? std::string() : normalize_phone(m.phone, "phone").number;
    m.employer = text::clean(m.employer, "employer", 200, false);
    m.education = text::clean(m.education, "education", 200, false);
    m.interests = text::clean(m.interests, "interests", 500, false);
    m.school = text::clean(m.school, "school", 200, false);
    m.note = text::clean(m.note, "note", 2000, false, text::Lines::multi);
}

void write(detail::Store& store, const FamilyMember& m, const std::string& now) {
    // Only one closest family member: naming a new one releases the old.
    if (m.closest) {
        Query q(store, "UPDATE family_members SET closest = 0 WHERE customer_id = ? AND id <> ?");
        q->bind(1, m.customer_id);
        q->bind(2, m.id);
        q->exec();
    }
    Query q(store, "UPDATE family_members SET relation = ?, name = ?, gender = ?, phone = ?, employer = ?, "
                   "education = ?, interests = ?, school = ?, closest = ?, note = ?, updated_at = ?, birth_calendar = ?, "
                   "birth_year = ?, birth_month = ?, birth_day = ?, birth_leap = ? WHERE id = ?");
    q->bind(1, to_string(m.relation));
    q->bind(2, m.name);
    q->bind(3, to_string(m.gender));
    q->bind(4, m.phone);
    q->bind(5, m.employer);
    q->bind(6, m.education);
    q->bind(7, m.interests);
    q->bind(8, m.school);
    q->bind(9, m.closest ? 1 : 0);
    q->bind(10, m.note);
    q->bind(11, now);
    detail::bind_birthday(*q, 12, m.birthday);
    q->bind(17, m.id);
    q->exec();
}

} // namespace

const char* to_string(Relation value) noexcept {
    for (const auto& r : relation_names)
        if (r.value == value) return r.key.data();
    return "";
}

Relation parse_relation(std::string_view text, const std::string& field) {
    const std::string wanted = text::lower_ascii(text::trim(text));
    for (const auto& r : relation_names)
        if (r.key == wanted) return r.value;
    throw_invalid(field, "'" + std::string(text) + "' is not one of spouse, father, mother, child, other (or 配偶, 父亲, ...)");
}

namespace {

// Whether the member is a child who may be under 14 today: their age known only from a birthday with
// its year (a lunar year begins in January or February of the same Gregorian year, so 15 years
// apart is 14 certainly turned).
bool may_be_minor(const FamilyMember& m) {
    if (m.relation != Relation::child) return false;
    if (!m.birthday || m.birthday->year == 0) return true;
    const Date today = today_in_china();
    const int years = static_cast<int>(today.year()) - m.birthday->year;
    if (m.birthday->lunar) return years < 15;
    const bool had_birthday = static_cast<int>(today.month()) * 100 + static_cast<int>(today.day()) >=
                              m.birthday->month * 100 + m.birthday->day;
    return (had_birthday ? years : years - 1) < 14;
}

void require_guardian(const Consents& consents, const FamilyMember& m) {
    if (may_be_minor(m) && !consents.allows_sensitive(m.customer_id, SensitiveCategory::minors))
        throw Error(Status::consent_required,
                    "relation: a child under 14, or of unknown age, is a minor: their record needs the customer's "
                    "separate consent given by a guardian, and customer " + std::to_string(m.customer_id) +
                        " has none in force",
                    "relation", m.customer_id);
}

} // namespace

Family::Family(detail::Store& store, Customers& customers, const Consents& consents)
    : store_(store), customers_(customers), consents_(consents) {
    // The family's part of an erasure: its members are people too.
    store_.events().subscribe<detail::CustomerErased>("family", [](detail::Store& s, const detail::CustomerErased& e) {
        Query q(s, "DELETE FROM family_members WHERE customer_id = ?");
        q->bind(1, e.customer_id);
        q->exec();
    });
    // A merge: the merged record's family members become the kept record's.
    store_.events().subscribe<detail::CustomersMerged>("family", [](detail::Store&, const detail::CustomersMerged& e) {
        e.journal.move("family_members", "customer_id", e.merged, e.keep);
    });
}

FamilyMember Family::add(std::int64_t customer_id, const NewFamilyMember& input) {
    FamilyMember m;
    m.customer_id = customer_id;
    m.relation = input.relation;
    m.name = input.name;
    m.gender = input.gender;
    m.birthday = input.birthday;
    m.phone = input.phone;
    m.employer = input.employer;
    m.education = input.education;
    m.interests = input.interests;
    m.school = input.school;
    m.closest = input.closest;
    m.note = input.note;
    clean(m);
    return store_.write([&] {
        detail::require_on_file(customers_, customer_id);
        require_guardian(consents_, m);
        const std::string now = text::now_utc();
        Query q(store_, "INSERT INTO family_members(customer_id, relation, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
        q->bind(1, customer_id);
        q->bind(2, to_string(m.relation));
        q->bind(3, m.name);
        q->bind(4, now);
        q->bind(5, now);
        q->exec();
        m.id = store_.db().getLastInsertRowid();
        write(store_, m, now);
        return require_member(store_, m.id);
    });
}

FamilyMember Family::get(std::int64_t id) const {
    return store_.read([&] { return require_member(store_, id); }, false);
}

FamilyMember Family::update(std::int64_t id, const FamilyMemberUpdate& u) {
    return store_.write([&] {
        FamilyMember m = require_member(store_, id);
        if (u.relation) m.relation = *u.relation;
        if (u.name) m.name = *u.name;
        if (u.gender) m.gender = *u.gender;
        if (u.birthday) m.birthday = *u.birthday;
        if (u.phone) m.phone = *u.phone;
        if (u.employer) m.employer = *u.employer;
        if (u.education) m.education = *u.education;
        if (u.interests) m.interests = *u.interests;
        if (u.school) m.school = *u.school;
        if (u.closest) m.closest = *u.closest;
        if (u.note) m.note = *u.note;
        clean(m);
        require_guardian(consents_, m);
        write(store_, m, text::now_utc());
        return require_member(store_, id);
    });
}

void Family::remove(std::int64_t id) {
    store_.write([&] {
        require_member(store_, id);
        Query q(store_, "DELETE FROM family_members WHERE id = ?");
        q->bind(1, id);
        q->exec();
    });
}

std::vector<FamilyMember> Family::list(std::int64_t customer_id) const {
    return store_.read([&] {
        Query q(store_, SNOWBALL_FAMILY_SELECT
                "WHERE customer_id = ? ORDER BY CASE relation WHEN 'spouse' THEN 0 WHEN 'father' THEN 1 "
                "WHEN 'mother' THEN 2 WHEN 'child' THEN 3 ELSE 4 END, id");
        q->bind(1, customer_id);
        std::vector<FamilyMember> out;
        while (q->executeStep()) out.push_back(read_member(*q));
        // Erasure removes a customer's family: members found prove the customer is on file.
        if (out.empty()) detail::require_on_file(customers_, customer_id);
        return out;
    });
}

} // namespace snowball
