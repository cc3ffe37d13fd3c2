#include "care/sql_reader.hpp"

#include "common/birthday_sql.hpp"

#include <unordered_map>

namespace snowball::detail {

// A stage's bit in a stage mask (occasion_reader.hpp), in SQL.
#define SNOWBALL_STAGE_BIT(column) "(CASE " column " WHEN 'prospect' THEN 1 WHEN 'visitor' THEN 2 ELSE 4 END)"

namespace {

void visit_deals(SQLite::Statement& q, OccasionReader::Visit<std::int64_t, Date, std::int64_t> visit) {
    while (q.executeStep()) visit(q.getColumn(0).getInt64(), parse_date(q.getColumn(1).getText()), q.getColumn(2).getInt64());
}

void visit_people(SQLite::Statement& q, OccasionReader::Visit<std::int64_t, const Person&> visit) {
    while (q.executeStep()) visit(q.getColumn(0).getInt64(), person_from(q, 1));
}

const char* calendar_name(bool lunar) { return lunar ? "lunar" : "gregorian"; }

} // namespace

Person person_from(SQLite::Statement& q, int first) {
    Person p{q.getColumn(first).getString(), parse_tier(q.getColumn(first + 1).getText()),
             parse_stage(q.getColumn(first + 2).getText()), q.getColumn(first + 3).getString(), std::nullopt};
    if (!q.isColumnNull(first + 4)) p.consultant_id = q.getColumn(first + 4).getInt64();
    return p;
}

void SqlOccasionReader::bind_scope(SQLite::Statement& q, int first) const {
    q.bind(first, site_id_);
    bind_optional(q, first + 1, consultant_id_);
}

void SqlOccasionReader::owners(Visit<std::int64_t, const Person&> visit) {
    // Their own index (schema 7), whose third column is the consultant: one consultant's owners are
    // a range of it (the list of a consultant's day reads theirs, not the site's).
    if (consultant_id_) {
        Query q(store_, "SELECT id, name, tier, stage, archive_no, consultant_id FROM customers INDEXED BY customers_owners "
                        "WHERE site_id = ?1 AND stage = 'owner' AND consultant_id = ?2 AND deleted_at IS NULL");
        q->bind(1, site_id_);
        q->bind(2, *consultant_id_);
        visit_people(*q, visit);
        return;
    }
    Query q(store_, "SELECT id, name, tier, stage, archive_no, consultant_id FROM customers INDEXED BY customers_owners "
                    "WHERE site_id = ?1 AND stage = 'owner' AND deleted_at IS NULL");
    q->bind(1, site_id_);
    visit_people(*q, visit);
}

void SqlOccasionReader::birthdays(bool lunar, const MonthDays& days, int stages,
                                  Visit<std::int64_t, const Person&, const Birthday&> visit) {
    Query c(store_, "SELECT id, name, tier, stage, archive_no, consultant_id, birth_calendar, birth_year, birth_month, birth_day, birth_leap "
                    "FROM customers WHERE birth_calendar = ?1 AND birth_month = ?2 AND birth_day BETWEEN ?3 AND ?4 "
                    "AND site_id = ?5 AND (?6 IS NULL OR consultant_id = ?6) AND deleted_at IS NULL "
                    "AND (?7 & " SNOWBALL_STAGE_BIT("stage") ") <> 0");
    c->bind(1, calendar_name(lunar));
    c->bind(2, days.month);
    c->bind(3, days.first);
    c->bind(4, days.last);
    bind_scope(*c, 5);
    c->bind(7, stages);
    while (c->executeStep()) visit(c->getColumn(0).getInt64(), person_from(*c, 1), *read_birthday(*c, 6));
}

void SqlOccasionReader::customers_of_stage(Stage stage, Visit<std::int64_t> visit) {
    // The stage index alone.
    Query q(store_, "SELECT id FROM customers WHERE site_id = ?1 AND stage = ?2");
    q->bind(1, site_id_);
    q->bind(2, to_string(stage));
    while (q->executeStep()) visit(q->getColumn(0).getInt64());
}

void SqlOccasionReader::family_birthdays(bool lunar, const MonthDays& days, Visit<std::int64_t, std::int64_t> visit) {
    // By index, which holds the customer's id too.
    Query f(store_, "SELECT id, customer_id FROM family_members WHERE birth_calendar = ?1 AND birth_month = ?2 "
                    "AND birth_day BETWEEN ?3 AND ?4");
    f->bind(1, calendar_name(lunar));
    f->bind(2, days.month);
    f->bind(3, days.first);
    f->bind(4, days.last);
    while (f->executeStep()) visit(f->getColumn(0).getInt64(), f->getColumn(1).getInt64());
}

std::optional<OccasionReader::FamilyMember> SqlOccasionReader::family_member(std::int64_t id) {
    Query f(store_, "SELECT name, relation, customer_id, birth_calendar, birth_year, birth_month, birth_day, birth_leap "
                    "FROM family_members WHERE id = ?");
    f->bind(1, id);
    if (!f->executeStep()) return std::nullopt;
    const std::optional<Birthday> birthday = read_birthday(*f, 3);
    if (!birthday) return std::nullopt;
    return FamilyMember{f->getColumn(0).getString(), f->getColumn(1).getString(), f->getColumn(2).getInt64(), *birthday};
}

std::optional<Person> SqlOccasionReader::customer(std::int64_t id, int stages) {
    Query q(store_, "SELECT name, tier, stage, archive_no, consultant_id FROM customers WHERE id = ?1 AND site_id = ?2 "
                    "AND (?3 IS NULL OR consultant_id = ?3) AND deleted_at IS NULL "
                    "AND (?4 & " SNOWBALL_STAGE_BIT("stage") ") <> 0");
    q->bind(1, id);
    bind_scope(*q, 2);
    q->bind(4, stages);
    if (!q->executeStep()) return std::nullopt;
    return person_from(*q, 0);
}

void SqlOccasionReader::deals_on(const MonthDays& days, Visit<std::int64_t, Date, std::int64_t> visit) {
    Query q(store_, "SELECT id, deal_date, customer_id FROM deals WHERE cancelled = 0 AND stage = 'contract' "
                    "AND CAST(substr(deal_date, 6, 2) AS INTEGER) = ?1 "
                    "AND CAST(substr(deal_date, 9, 2) AS INTEGER) BETWEEN ?2 AND ?3 AND site_id = ?4");
    q->bind(1, days.month);
    q->bind(2, days.first);
    q->bind(3, days.last);
    q->bind(4, site_id_);
    visit_deals(*q, visit);
}

void SqlOccasionReader::deals_between(std::optional<Date> from, Date to, Visit<std::int64_t, Date, std::int64_t> visit) {
    Query q(store_, "SELECT id, deal_date, customer_id FROM deals WHERE cancelled = 0 AND stage = 'contract' "
                    "AND deal_date BETWEEN ?1 AND ?2 AND site_id = ?3");
    q->bind(1, from ? to_iso(*from) : std::string("0000-00-00"));
    q->bind(2, to_iso(to));
    q->bind(3, site_id_);
    visit_deals(*q, visit);
}

void SqlOccasionReader::customers(std::optional<Stage> stage, Visit<std::int64_t, const Person&> visit) {
    if (!stage) {
        Query q(store_, "SELECT id, name, tier, stage, archive_no, consultant_id FROM customers WHERE site_id = ?1 "
                        "AND (?2 IS NULL OR consultant_id = ?2) AND deleted_at IS NULL");
        bind_scope(*q, 1);
        visit_people(*q, visit);
        return;
    }
    Query q(store_, "SELECT id, name, tier, stage, archive_no, consultant_id FROM customers WHERE site_id = ?1 "
                    "AND (?2 IS NULL OR consultant_id = ?2) AND stage = ?3 AND deleted_at IS NULL");
    bind_scope(*q, 1);
    q->bind(3, to_string(*stage));
    visit_people(*q, visit);
}

namespace {

// The customers of `scope` (an SQL condition over customers c, bound by `bind` at ?1..?3) meeting an
// audience condition (audience_conditions), one read: a deal in force on a unit of the prefix; a
// profile value, whole or a choice of a multi-choice field's JSON list.
template <class Bind, class Visit>
void for_condition(SQLite::Database& db, const std::string& condition, const std::string& scope, const Bind& bind,
                   const Visit& visit) {
    std::string sql, a, b;
    if (condition.rfind("unit:", 0) == 0) {
        a = condition.substr(5);
        sql = "SELECT DISTINCT c.id FROM customers c JOIN deals d ON d.customer_id = c.id WHERE " + scope +
              " AND d.cancelled = 0 AND substr(d.unit, 1, length(?4)) = ?4";
    } else if (condition.rfind("profile:", 0) == 0) {
        const std::size_t eq = condition.find('=');
        a = condition.substr(8, eq - 8);
        b = condition.substr(eq + 1);
        sql = "SELECT c.id FROM customers c JOIN profile_values v ON v.customer_id = c.id AND v.field = ?4 WHERE " + scope +
              " AND (v.value = ?5 OR (substr(v.value, 1, 1) = '[' AND json_valid(v.value) AND "
              "EXISTS (SELECT 1 FROM json_each(v.value) j WHERE j.value = ?5)))";
    } else {
        return;
    }
    SQLite::Statement q(db, sql);
    bind(q);
    q.bind(4, a);
    if (!b.empty()) q.bind(5, b);
    while (q.executeStep()) visit(q.getColumn(0).getInt64());
}

} // namespace

std::vector<std::string> conditions_met(Store& store, std::int64_t customer_id, const std::vector<std::string>& conditions) {
    std::vector<std::string> met;
    for (const std::string& condition : conditions)
        for_condition(store.db(), condition, "c.id = ?1 AND ?2 IS NULL AND ?3 IS NULL",
                      [&](SQLite::Statement& q) { q.bind(1, customer_id); }, [&](std::int64_t) { met.push_back(condition); });
    return met;
}

void SqlOccasionReader::audience_facts(std::optional<Stage> stage, const std::vector<std::string>& conditions,
                                       Visit<std::int64_t, const CareAudienceFacts&> visit) {
    // Two reads of the scope (by the site and stage index), merged in memory: the customers' own
    // facts, then their family on file (by the family's customer index).
    std::unordered_map<std::int64_t, CareAudienceFacts> facts;
    const std::string scope = "c.site_id = ?1 AND (?2 IS NULL OR c.consultant_id = ?2) AND (?3 IS NULL OR c.stage = ?3) "
                              "AND c.deleted_at IS NULL";
    const auto bind = [&](SQLite::Statement& q) {
        bind_scope(q, 1);
        if (stage) q.bind(3, to_string(*stage));
        else q.bind(3);
    };
    {
        SQLite::Statement q(store_.db(), "SELECT c.id, c.gender, c.birth_year FROM customers c WHERE " + scope +
                                             " AND (c.gender <> 'unknown' OR c.birth_year IS NOT NULL)");
        bind(q);
        while (q.executeStep()) {
            CareAudienceFacts& f = facts[q.getColumn(0).getInt64()];
            f.gender = parse_gender(q.getColumn(1).getText());
            if (!q.isColumnNull(2) && q.getColumn(2).getInt() > 0) f.birth_year = q.getColumn(2).getInt();
        }
    }
    {
        SQLite::Statement q(store_.db(), "SELECT c.id, f.relation FROM customers c JOIN family_members f ON f.customer_id = c.id "
                                         "WHERE " + scope + " AND f.relation IN ('child', 'mother', 'father', 'spouse')");
        bind(q);
        while (q.executeStep()) {
            CareAudienceFacts& f = facts[q.getColumn(0).getInt64()];
            const std::string relation = q.getColumn(1).getString();
            (relation == "child" ? f.child : relation == "mother" ? f.mother : relation == "father" ? f.father : f.spouse) = true;
        }
    }
    for (const std::string& condition : conditions)
        for_condition(store_.db(), condition, scope, bind, [&](std::int64_t id) { facts[id].met.push_back(condition); });
    for (const auto& [id, f] : facts) visit(id, f);
}

} // namespace snowball::detail
