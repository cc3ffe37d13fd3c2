#include "care/task_store.hpp"

#include "codec/calendar.hpp"
#include "common/text.hpp"
#include "snowball/lunar.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <map>

namespace snowball::detail {

namespace {

constexpr int day_bits = 17;   // 2^17 days from 1900-01-01 reach beyond 2100-12-31
const Date day_zero(1900, 1, 1);

#define SNOWBALL_TASK_SELECT                                                                                \
    "SELECT t.id, t.customer_id, c.name, c.archive_no, s.code, c.consultant_id, t.task_date, t.prepare_from, "  \
    "t.occasions, t.actions, t.status, t.outcome, t.note, t.done_at, t.done_by FROM care_tasks t "            \
    "JOIN customers c ON c.id = t.customer_id JOIN sites s ON s.id = t.site_id "

// A group's member: its task as the group keeps it (open, untouched).
#define SNOWBALL_MEMBER_SELECT                                                                              \
    "SELECT g.id, m.customer_id, c.name, c.archive_no, s.code, c.consultant_id, g.task_date, g.prepare_from, "  \
    "g.occasions, g.actions FROM care_task_groups g JOIN care_task_members m ON m.group_id = g.id "         \
    "JOIN customers c ON c.id = m.customer_id JOIN sites s ON s.id = g.site_id "

// The customer's columns of SNOWBALL_TASK_SELECT / SNOWBALL_MEMBER_SELECT (1 to 5).
void read_customer_columns(SQLite::Statement& q, CareTask& t) {
    t.customer_id = q.getColumn(1).getInt64();
    t.customer_name = q.getColumn(2).getString();
    t.archive_no = q.getColumn(3).getString();
    t.site = q.getColumn(4).getString();
    if (!q.isColumnNull(5)) t.consultant_id = q.getColumn(5).getInt64();
}

// A task from its row (SNOWBALL_TASK_SELECT).
CareTask read_task(SQLite::Statement& q) {
    CareTask t;
    t.id = q.getColumn(0).getInt64();
    read_customer_columns(q, t);
    t.date = parse_date(q.getColumn(6).getText());
    t.prepare_from = parse_date(q.getColumn(7).getText());
    t.occasions = stored_occasions(q.getColumn(8).getString());
    t.actions = stored_actions(q.getColumn(9).getString());
    t.status = parse_task_status(q.getColumn(10).getText());
    t.outcome = q.getColumn(11).getString();
    t.note = q.getColumn(12).getString();
    if (!q.isColumnNull(13)) t.done_at = q.getColumn(13).getString();
    if (!q.isColumnNull(14)) t.done_by = q.getColumn(14).getInt64();
    return t;
}

// Each group's occasions and actions, parsed once: all its members share them.
using ParsedGroups = std::map<std::int64_t, std::pair<std::vector<TaskOccasion>, std::vector<TaskAction>>>;

// A group's member's task (SNOWBALL_MEMBER_SELECT).
CareTask read_member(SQLite::Statement& q, ParsedGroups& parsed) {
    CareTask t;
    read_customer_columns(q, t);
    t.date = parse_date(q.getColumn(6).getText());
    t.id = task_id_of(t.customer_id, t.date);
    t.prepare_from = parse_date(q.getColumn(7).getText());
    const std::int64_t group = q.getColumn(0).getInt64();
    auto it = parsed.find(group);
    if (it == parsed.end())
        it = parsed.emplace(group, std::pair{stored_occasions(q.getColumn(8).getString()),
                                             stored_actions(q.getColumn(9).getString())}).first;
    t.occasions = it->second.first;
    t.actions = it->second.second;
    return t;
}

} // namespace

std::int64_t task_id_of(std::int64_t customer, Date day) {
    if (customer <= 0 || customer >= (std::int64_t{1} << (62 - day_bits)))
        throw Error(Status::invalid_state,
                    "customer_id: customer " + std::to_string(customer) + " is beyond the range of care task ids",
                    "customer_id", customer);
    return customer << day_bits | static_cast<std::int64_t>((day - day_zero).days());
}

std::int64_t first_task_id(std::int64_t customer) { return task_id_of(customer, day_zero); }

std::optional<std::pair<std::int64_t, Date>> task_key_of(std::int64_t id) {
    if (id <= 0) return std::nullopt;
    const std::int64_t customer = id >> day_bits;
    const Date day = day_zero + boost::gregorian::days(static_cast<long>(id & ((std::int64_t{1} << day_bits) - 1)));
    if (customer <= 0 || day < calendar::min_date() || day > calendar::max_date()) return std::nullopt;
    return std::pair{customer, day};
}

bool by_date_and_customer(const CareTask& a, const CareTask& b) {
    return a.date != b.date ? a.date < b.date : a.customer_id < b.customer_id;
}

std::vector<TaskOccasion> stored_occasions(const std::string& text) {
    return codec::read<std::vector<TaskOccasion>>(codec::parse(text, "occasions"), "occasions");
}

std::vector<TaskAction> stored_actions(const std::string& text) {
    return codec::read<std::vector<TaskAction>>(codec::parse(text, "actions"), "actions");
}

std::string actions_text(const std::vector<TaskAction>& actions) { return codec::dump(codec::json(actions)); }

std::optional<CareTask> find_task(Store& store, std::int64_t id, std::int64_t* group) {
    if (group) *group = 0;
    const auto key = task_key_of(id);
    if (!key) return std::nullopt;
    {
        Query q(store, SNOWBALL_TASK_SELECT "WHERE t.id = ?");
        q->bind(1, id);
        if (q->executeStep()) return read_task(*q);
    }
    Query q(store, SNOWBALL_MEMBER_SELECT "WHERE g.task_date = ?1 AND m.customer_id = ?2");
    q->bind(1, to_iso(key->second));
    q->bind(2, key->first);
    if (!q->executeStep()) return std::nullopt;
    if (group) *group = q->getColumn(0).getInt64();
    ParsedGroups parsed;
    return read_member(*q, parsed);
}

CareTask require_task(Store& store, std::int64_t id, std::int64_t* group) {
    auto t = find_task(store, id, group);
    if (!t) throw Error(Status::not_found, "task_id: no care task with id " + std::to_string(id), "task_id");
    return std::move(*t);
}

void materialize(Store& store, std::int64_t group, std::int64_t id, std::int64_t customer) {
    Query row(store, "INSERT INTO care_tasks(id, site_id, customer_id, task_date, prepare_from, occasions, actions, "
                     "created_at, updated_at) SELECT ?1, site_id, ?2, task_date, prepare_from, occasions, actions, "
                     "created_at, ?3 FROM care_task_groups WHERE id = ?4");
    row->bind(1, id);
    row->bind(2, customer);
    row->bind(3, text::now_utc());
    row->bind(4, group);
    row->exec();
    Query member(store, "DELETE FROM care_task_members WHERE group_id = ? AND customer_id = ?");
    member->bind(1, group);
    member->bind(2, customer);
    member->exec();
    Query empty(store, "DELETE FROM care_task_groups WHERE id = ?1 AND NOT EXISTS "
                       "(SELECT 1 FROM care_task_members WHERE group_id = ?1)");
    empty->bind(1, group);
    empty->exec();
}

std::vector<CareTask> open_tasks_before(Store& store, Date day, std::optional<std::int64_t> site_id,
                                        std::optional<std::int64_t> consultant_id) {
    std::vector<CareTask> out;
    {
        Query q(store, SNOWBALL_TASK_SELECT "WHERE t.status = 'open' AND t.task_date < ?1 AND (?2 IS NULL OR t.site_id = ?2) "
                                            "AND (?3 IS NULL OR c.consultant_id = ?3)");
        q->bind(1, to_iso(day));
        bind_optional(*q, 2, site_id);
        bind_optional(*q, 3, consultant_id);
        while (q->executeStep()) out.push_back(read_task(*q));
    }
    {
        Query q(store, SNOWBALL_MEMBER_SELECT "WHERE g.task_date < ?1 AND (?2 IS NULL OR g.site_id = ?2) "
                                              "AND (?3 IS NULL OR c.consultant_id = ?3)");
        q->bind(1, to_iso(day));
        bind_optional(*q, 2, site_id);
        bind_optional(*q, 3, consultant_id);
        ParsedGroups parsed;
        while (q->executeStep()) out.push_back(read_member(*q, parsed));
    }
    std::sort(out.begin(), out.end(), by_date_and_customer);
    return out;
}

} // namespace snowball::detail
