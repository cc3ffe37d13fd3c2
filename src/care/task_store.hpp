// Stored care tasks: ids, rows, groups and their members.
//
// A task is a row of care_tasks, or — while nobody has acted on it — a member of a group of
// care_task_groups: the tasks whose occasions are festivals only share their occasions and actions
// with every customer the policy greets alike, so they are kept once per site, day and content,
// with the customers in care_task_members. Either way the task has the same id (task_id_of);
// acting on a group's member moves its task to a row (materialize).
#pragma once

#include "archive/store.hpp"
#include "snowball/care.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace snowball::detail {

// A task's id: its customer and day (stable however the task is stored). A customer's tasks are
// the ids [first_task_id(customer), first_task_id(customer + 1)).
std::int64_t task_id_of(std::int64_t customer, Date day);
std::int64_t first_task_id(std::int64_t customer);
// The customer and day of a task id; nothing for a number no task can have.
std::optional<std::pair<std::int64_t, Date>> task_key_of(std::int64_t id);

bool by_date_and_customer(const CareTask& a, const CareTask& b);

// A task's occasions and actions as stored (the codec's JSON).
std::vector<TaskOccasion> stored_occasions(const std::string& text);
std::vector<TaskAction> stored_actions(const std::string& text);
std::string actions_text(const std::vector<TaskAction>& actions);

// The task, from its row or its group; `group` tells which group keeps it (0: a row).
std::optional<CareTask> find_task(Store& store, std::int64_t id, std::int64_t* group = nullptr);
// As find_task; not_found naming "task_id" when there is none.
CareTask require_task(Store& store, std::int64_t id, std::int64_t* group = nullptr);
// Moves a group's member's task to a row of its own (a consultant acts on it).
void materialize(Store& store, std::int64_t group, std::int64_t id, std::int64_t customer);
// The open tasks dated before `day` of a site (or every site) and a consultant's customers (or
// everybody's), by date and customer.
std::vector<CareTask> open_tasks_before(Store& store, Date day, std::optional<std::int64_t> site_id,
                                        std::optional<std::int64_t> consultant_id);

} // namespace snowball::detail
