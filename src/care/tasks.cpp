// A care task's life: looked up, completed, skipped, reopened; the open tasks overdue.
#include "care/task_store.hpp"

#include "archive/records.hpp"
#include "common/text.hpp"

namespace snowball {

namespace {

CareTask close_task(detail::Store& store, std::int64_t id, TaskStatus status, const std::string& outcome,
                    const std::string& note, std::optional<std::int64_t> by) {
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
    return detail::require_task(store, id);
}

} // namespace

CareTask CareCalendar::get(std::int64_t task_id) const {
    return store_.read([&] { return detail::require_task(store_, task_id); }, false);
}

CareTask CareCalendar::complete(std::int64_t task_id, const std::string& outcome, const std::string& note,
                                std::optional<std::int64_t> by) {
    const std::string o = text::clean(outcome, "outcome", 200, true);
    const std::string n = text::clean(note, "note", 2000, false, text::Lines::multi);
    return store_.write([&] { return close_task(store_, task_id, TaskStatus::done, o, n, by); });
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

} // namespace snowball
