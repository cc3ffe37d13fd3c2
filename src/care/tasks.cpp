// A care task's life: looked up, completed, skipped, reopened; the open tasks overdue.
#include "care/task_store.hpp"

#include "archive/records.hpp"
#include "common/text.hpp"

#include <algorithm>

namespace snowball {

namespace {

CareTask close_task(detail::Store& store, std::int64_t id, TaskStatus status, const std::string& outcome,
                    const std::string& note, std::optional<std::int64_t> by, bool contact_logged = false) {
    std::int64_t group = 0;
    const CareTask t = detail::require_task(store, id, &group);
    if (t.status != TaskStatus::open)
        throw Error(Status::invalid_state, "task_id: care task " + std::to_string(id) + " is already " + to_string(t.status),
                    "task_id", id);
    if (by) detail::require_consultant(store, *by, "by");
    if (group) detail::materialize(store, group, id, t.customer_id);
    detail::Query q(store, "UPDATE care_tasks SET status = ?, outcome = ?, note = ?, done_at = ?, done_by = ?, updated_at = ? "
                           "WHERE id = ?");
    const std::string now = text::now_utc();
    q->bind(1, to_string(status));
    q->bind(2, outcome);
    q->bind(3, note);
    q->bind(4, now);
    detail::bind_optional(*q, 5, by);
    q->bind(6, now);
    q->bind(7, id);
    q->exec();
    CareTask closed = detail::require_task(store, id);
    if (status == TaskStatus::done) store.events().publish(store, detail::CareTaskDone{closed, by, contact_logged});
    return closed;
}

} // namespace

CareTask CareCalendar::get(std::int64_t task_id) const {
    return store_.read([&] { return detail::require_task(store_, task_id); }, false);
}

CareTask CareCalendar::complete(std::int64_t task_id, const std::string& outcome, const std::string& note,
                                std::optional<std::int64_t> by, bool contact_logged) {
    const std::string o = text::clean(outcome, "outcome", 200, true);
    const std::string n = text::clean(note, "note", 2000, false, text::Lines::multi);
    return store_.write([&] { return close_task(store_, task_id, TaskStatus::done, o, n, by, contact_logged); });
}

CareTask CareCalendar::skip(std::int64_t task_id, const std::string& reason, std::optional<std::int64_t> by) {
    const std::string r = text::clean(reason, "reason", 200, true);
    return store_.write([&] { return close_task(store_, task_id, TaskStatus::skipped, r, "", by); });
}

CareTask CareCalendar::reopen(std::int64_t task_id, std::optional<std::int64_t> by) {
    return store_.write([&] {
        const CareTask t = detail::require_task(store_, task_id);
        if (t.status == TaskStatus::open)
            throw Error(Status::invalid_state, "task_id: care task " + std::to_string(task_id) + " is open", "task_id", task_id);
        if (by) detail::require_consultant(store_, *by, "by");
        // The outcome belonged to the closing; the note stays.
        detail::Query q(store_, "UPDATE care_tasks SET status = 'open', outcome = '', done_at = NULL, done_by = NULL, "
                                "updated_at = ? WHERE id = ?");
        q->bind(1, text::now_utc());
        q->bind(2, task_id);
        q->exec();
        return detail::require_task(store_, task_id);
    });
}

std::vector<CareTask> CareCalendar::overdue(std::optional<Date> on, std::string_view site,
                                            std::optional<std::int64_t> consultant_id) const {
    return overdue(CareOverdueQuery{on, std::string(site), consultant_id});
}

std::vector<CareTask> CareCalendar::overdue(const CareOverdueQuery& query) const {
    const Date day = query.on.value_or(today_in_china());
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(query.site).empty()) site_id = detail::require_site(store_, query.site, "site").id;
        if (query.consultant_id) detail::require_consultant(store_, *query.consultant_id, "consultant_id");
        return detail::open_tasks_before(store_, day, site_id, query.consultant_id);
    });
}

std::vector<CareTaskState> CareCalendar::task_states(std::string_view site, Date from, Date to) const {
    if (from.is_special() || to.is_special()) throw_invalid("from", "is required");
    if (to < from) throw_invalid("to", to_iso(to) + " is before from (" + to_iso(from) + ")");
    if ((to - from).days() > 400) throw_invalid("to", "the window is longer than 400 days");
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        std::vector<CareTaskState> out;
        detail::Query rows(store_, "SELECT id, customer_id, task_date, status, outcome, done_at, done_by FROM care_tasks "
                                   "WHERE site_id = ? AND task_date BETWEEN ? AND ?");
        rows->bind(1, s.id);
        rows->bind(2, to_iso(from));
        rows->bind(3, to_iso(to));
        while (rows->executeStep()) {
            CareTaskState t;
            t.id = rows->getColumn(0).getInt64();
            t.customer_id = rows->getColumn(1).getInt64();
            t.date = parse_date(rows->getColumn(2).getText());
            t.status = parse_task_status(rows->getColumn(3).getText());
            t.outcome = rows->getColumn(4).getString();
            if (!rows->isColumnNull(5)) t.closed_on = text::china_date_of(rows->getColumn(5).getText());
            if (!rows->isColumnNull(6)) t.done_by = rows->getColumn(6).getInt64();
            out.push_back(std::move(t));
        }
        detail::Query members(store_, "SELECT m.customer_id, g.task_date FROM care_task_groups g "
                                      "JOIN care_task_members m ON m.group_id = g.id "
                                      "WHERE g.site_id = ? AND g.task_date BETWEEN ? AND ?");
        members->bind(1, s.id);
        members->bind(2, to_iso(from));
        members->bind(3, to_iso(to));
        while (members->executeStep()) {
            CareTaskState t;
            t.customer_id = members->getColumn(0).getInt64();
            t.date = parse_date(members->getColumn(1).getText());
            t.id = detail::task_id_of(t.customer_id, t.date);
            out.push_back(std::move(t));
        }
        std::sort(out.begin(), out.end(), [](const CareTaskState& a, const CareTaskState& b) {
            return a.date != b.date ? a.date < b.date : a.customer_id < b.customer_id;
        });
        return out;
    });
}

} // namespace snowball
