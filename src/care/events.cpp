// What the care calendar does when other modules change: a cancelled deal (退房) takes its open
// tasks with it, an erased customer their tasks (and their gifts their names).
#include "archive/events.hpp"
#include "care/gifts.hpp"
#include "archive/merge_journal.hpp"
#include "care/task_store.hpp"
#include "codec/calendar.hpp"

#include <algorithm>

namespace snowball {

namespace {

// Removes the customer's open, untouched tasks made only of that deal's anniversaries and
// follow-ups. (Tasks with other occasions too are put right the next time their window is
// generated; a group's tasks have no deal.)
void drop_deal_tasks(detail::Store& store, const detail::DealCancelled& e) {
    std::vector<std::int64_t> gone;
    {
        detail::Query q(store, "SELECT id, occasions FROM care_tasks WHERE id BETWEEN ?1 AND ?2 AND status = 'open' "
                               "AND outcome = '' AND note = ''");
        q->bind(1, detail::first_task_id(e.customer_id));
        q->bind(2, detail::first_task_id(e.customer_id + 1) - 1);
        while (q->executeStep()) {
            const auto occasions = detail::stored_occasions(q->getColumn(1).getString());
            const bool deal_only = std::all_of(occasions.begin(), occasions.end(),
                                               [&](const TaskOccasion& o) { return o.deal_id == e.deal_id; });
            if (deal_only) gone.push_back(q->getColumn(0).getInt64());
        }
    }
    for (std::int64_t id : gone) {
        detail::Query del(store, "DELETE FROM care_tasks WHERE id = ?");
        del->bind(1, id);
        del->exec();
    }
}

// Removes the customer's care tasks, stored as rows or as members of groups.
void erase_customer_tasks(detail::Store& store, const detail::CustomerErased& e) {
    detail::Query rows(store, "DELETE FROM care_tasks WHERE id BETWEEN ?1 AND ?2");
    rows->bind(1, detail::first_task_id(e.customer_id));
    rows->bind(2, detail::first_task_id(e.customer_id + 1) - 1);
    rows->exec();
    // Each of the site's groups by its key.
    detail::Query members(store, "DELETE FROM care_task_members WHERE customer_id = ?1 AND group_id IN "
                                 "(SELECT id FROM care_task_groups WHERE site_id = (SELECT site_id FROM customers WHERE id = ?1))");
    members->bind(1, e.customer_id);
    members->exec();
    detail::Query empty(store, "DELETE FROM care_task_groups WHERE site_id = (SELECT site_id FROM customers WHERE id = ?1) "
                               "AND NOT EXISTS (SELECT 1 FROM care_task_members WHERE group_id = care_task_groups.id)");
    empty->bind(1, e.customer_id);
    empty->exec();
    detail::erase_customer_gifts(store, e.customer_id);
}

// A merge: the merged record's task rows take the kept record's ids (an id encodes its customer);
// their gifts follow;
// where the kept record has a task of the same day, that one stays and the other goes. Group
// memberships move, unless the kept record is a member of the group already.
void merge_customer_tasks(detail::Store& store, const detail::CustomersMerged& e) {
    const std::int64_t from = detail::first_task_id(e.merged), to = detail::first_task_id(e.keep);
    std::vector<std::int64_t> ids;
    {
        detail::Query q(store, "SELECT id FROM care_tasks WHERE id BETWEEN ?1 AND ?2");
        q->bind(1, from);
        q->bind(2, detail::first_task_id(e.merged + 1) - 1);
        while (q->executeStep()) ids.push_back(q->getColumn(0).getInt64());
    }
    for (std::int64_t id : ids) {
        const std::int64_t next = to + (id - from);
        detail::Query taken(store, "SELECT 1 FROM care_tasks WHERE id = ?");
        taken->bind(1, next);
        if (!taken->executeStep()) {
            detail::Query copy(store, "INSERT INTO care_tasks(id, site_id, customer_id, task_date, prepare_from, occasions, "
                                      "actions, status, outcome, note, done_at, done_by, created_at, updated_at) "
                                      "SELECT ?2, site_id, ?3, task_date, prepare_from, occasions, actions, status, outcome, "
                                      "note, done_at, done_by, created_at, updated_at FROM care_tasks WHERE id = ?1");
            copy->bind(1, id);
            copy->bind(2, next);
            copy->bind(3, e.keep);
            copy->exec();
            e.journal.inserted("care_tasks", next);
        }
        e.journal.remove("care_tasks", "id = " + std::to_string(id));
        e.care_tasks.emplace_back(id, next);
    }
    const std::string keep = std::to_string(e.keep), merged = std::to_string(e.merged);
    e.journal.remove("care_task_members", "customer_id = " + merged +
                                              " AND group_id IN (SELECT group_id FROM care_task_members WHERE customer_id = " +
                                              keep + ")");
    e.journal.move("care_task_members", "customer_id", e.merged, e.keep);
    // Gifts: the merged record's are the kept record's, and name the tasks by their new ids.
    e.journal.move("care_gifts", "customer_id", e.merged, e.keep);
    for (const auto& [old_id, new_id] : e.care_tasks)
        if (old_id != new_id)
            e.journal.update("care_gifts", "task_id", std::to_string(new_id), "task_id = " + std::to_string(old_id));
}

} // namespace

CareCalendar::CareCalendar(detail::Store& store) : store_(store) {
    store_.events().subscribe<detail::DealCancelled>("calendar", drop_deal_tasks);
    store_.events().subscribe<detail::CustomerErased>("calendar", erase_customer_tasks);
    store_.events().subscribe<detail::CustomersMerged>("calendar", merge_customer_tasks, detail::Order::first);
}

} // namespace snowball
