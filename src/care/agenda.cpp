#include "care/agenda.hpp"

#include "archive/records.hpp"
#include "care/generator.hpp"
#include "care/gifts.hpp"
#include "care/policy.hpp"
#include "care/settings_store.hpp"
#include "care/sql_reader.hpp"
#include "care/task_store.hpp"
#include "codec/calendar.hpp"
#include "common/text.hpp"
#include "snowball/numbering.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

namespace snowball::detail {

namespace {

// ---------------------------------------------------------------------------------------------
// The agenda: generate the window, store what changed, return the window's tasks

// The occasions and actions that generated tasks share, and their stored JSON text.
struct Content {
    std::vector<TaskOccasion> occasions;
    std::vector<TaskAction> actions;
    std::string occasions_text;
    std::string actions_text;
    bool grouped = false;   // festivals only: kept in a group of the site and day
    std::optional<std::int64_t> group;   // its group, once known
};

// A task the facts call for.
struct Made {
    std::int64_t id;
    std::int64_t customer;
    Date day;
    std::size_t content;
    std::uint32_t person;   // in Agenda::people_
};

// A stored row of the window.
struct Row {
    CareTask task;   // without the customer's columns
    std::string occasions_text;
    std::string actions_text;
    bool untouched = false;   // open, with no outcome and no note
    bool called_for = false;
    bool listed = false;
};

// A group's member, as read for the window.
struct Member {
    std::int64_t id;   // its task's
    std::int64_t group;
    std::int64_t customer;
    bool kept;
};

class Agenda {
public:
    Agenda(Store& store, const Scope& scope, Date from, Date to)
        : store_(store), scope_(scope), from_(from), to_(to), now_(text::now_utc()) {}

    std::vector<CareTask> run(bool include_closed) {
        generate();
        read_rows();
        read_members();
        store();
        std::vector<CareTask> out = tasks(include_closed);
        mark_over_budget(store_, settings_, scope_.site.id, out);
        return out;
    }

private:
    // The facts' tasks of the window, by date and customer, each with its content.
    void generate() {
        settings_ = load_care_settings(store_, scope_.site);
        const CareSettings& settings = settings_;
        SqlOccasionReader reader(store_, scope_.site.id, scope_.consultant_id);
        WindowOccasions g = generate_occasions(from_, to_, settings, reader);
        people_ = std::move(g.people);
        // Most tasks share their occasions (a festival) and actions with many others: each distinct
        // set is worked out and written as JSON once.
        struct Actions {
            std::vector<TaskAction> actions;
            std::string text;
        };
        std::unordered_map<std::string, Actions> action_sets;
        // The actions depend on the day, the person's tier and stage and the occasions' kinds.
        const auto actions_of = [&](const std::vector<TaskOccasion>& occasions, const Person& person,
                                    Date day) -> const Actions& {
            std::string kinds = to_iso(day) + '|' + to_string(person.tier) + '|' + to_string(person.stage);
            for (const TaskOccasion& o : occasions) kinds += '|' + std::to_string(static_cast<int>(o.kind)) + o.key;
            auto acts = action_sets.find(kinds);
            if (acts == action_sets.end()) {
                Actions a{actions_for(settings.policy, occasions, person.tier, person.stage, day), {}};
                a.text = actions_text(a.actions);
                acts = action_sets.emplace(std::move(kinds), std::move(a)).first;
            }
            return acts->second;
        };
        const auto add_content = [&](std::vector<TaskOccasion>&& occasions, const Actions& actions) {
            Content content;
            content.grouped = std::all_of(occasions.begin(), occasions.end(),
                                          [](const TaskOccasion& o) { return o.kind == OccasionKind::festival; });
            content.occasions_text = codec::occasions_text(occasions);
            content.actions = actions.actions;
            content.actions_text = actions.text;
            content.occasions = std::move(occasions);
            contents_.push_back(std::move(content));
            return contents_.size() - 1;
        };
        std::size_t greetings = 0;
        for (const auto& customers : g.greeted) greetings += customers.size();
        made_.reserve(g.found.size() + greetings);
        for (auto& [key, occasions] : g.found) {
            const auto& [customer, day] = key;
            const std::uint32_t who = people_.index.at(customer);
            const Person& person = people_.list[who];
            const Actions& acts = actions_of(occasions, person, day);
            if (acts.actions.empty()) continue;
            // A birthday, an anniversary or a follow-up names its person or deal: a content of its own.
            const std::size_t c = add_content(std::move(occasions), acts);
            made_.push_back({task_id_of(customer, day), customer, day, c, who});
        }
        // The festival greetings: one content per day and kind of customer (tier and stage).
        for (std::size_t day = 0; day < g.greeting_days.size(); ++day) {
            const Date date = g.greeting_days[day].date;
            std::map<WindowOccasions::Kind, std::optional<std::size_t>> of_kind;
            for (const auto& [customer, who] : g.greeted[day]) {
                const Person& person = people_.list[who];
                auto [it, fresh] = of_kind.try_emplace(WindowOccasions::kind_of(person));
                if (fresh) {
                    std::vector<TaskOccasion> occasions;
                    for (std::size_t i : g.greetings_of(person)[day]) occasions.push_back(g.greeting_days[day].occasions[i]);
                    const Actions& acts = actions_of(occasions, person, date);
                    if (!acts.actions.empty()) it->second = add_content(std::move(occasions), acts);
                }
                if (it->second) made_.push_back({task_id_of(customer, date), customer, date, *it->second, who});
            }
        }
        std::sort(made_.begin(), made_.end(), [](const Made& a, const Made& b) {
            return a.day != b.day ? a.day < b.day : a.customer < b.customer;
        });
    }

    // The window's rows of the scope.
    void read_rows() {
        const char* sql = scope_.consultant_id
            ? "SELECT id, customer_id, task_date, prepare_from, occasions, actions, status, outcome, note, done_at, done_by "
              "FROM care_tasks WHERE site_id = ?1 AND task_date BETWEEN ?2 AND ?3 "
              "AND customer_id IN (SELECT id FROM customers WHERE consultant_id = ?4)"
            : "SELECT id, customer_id, task_date, prepare_from, occasions, actions, status, outcome, note, done_at, done_by "
              "FROM care_tasks WHERE site_id = ?1 AND task_date BETWEEN ?2 AND ?3";
        Query q(store_, sql);
        bind_window(*q);
        while (q->executeStep()) {
            Row r;
            r.task.id = q->getColumn(0).getInt64();
            r.task.customer_id = q->getColumn(1).getInt64();
            r.task.date = parse_date(q->getColumn(2).getText());
            r.task.prepare_from = parse_date(q->getColumn(3).getText());
            r.occasions_text = q->getColumn(4).getString();
            r.actions_text = q->getColumn(5).getString();
            r.task.status = parse_task_status(q->getColumn(6).getText());
            r.task.outcome = q->getColumn(7).getString();
            r.task.note = q->getColumn(8).getString();
            if (!q->isColumnNull(9)) r.task.done_at = q->getColumn(9).getString();
            if (!q->isColumnNull(10)) r.task.done_by = q->getColumn(10).getInt64();
            r.untouched = r.task.status == TaskStatus::open && r.task.outcome.empty() && r.task.note.empty();
            rows_.emplace(r.task.id, std::move(r));
        }
    }

    // The window's groups of the site, and their members of the scope.
    void read_members() {
        {
            Query q(store_, "SELECT id, task_date, occasions, actions FROM care_task_groups "
                            "WHERE task_date BETWEEN ?2 AND ?3 AND site_id = ?1");
            bind_window(*q, false);
            while (q->executeStep())
                groups_.emplace(group_key(parse_date(q->getColumn(1).getText()), q->getColumn(2).getString(),
                                          q->getColumn(3).getString()),
                                q->getColumn(0).getInt64());
        }
        if (groups_.empty()) return;
        const char* sql = scope_.consultant_id
            ? "SELECT m.group_id, m.customer_id, g.task_date FROM care_task_groups g JOIN care_task_members m ON m.group_id = g.id "
              "WHERE g.task_date BETWEEN ?2 AND ?3 AND g.site_id = ?1 "
              // The group's members, each checked against the consultant's customers (`+`: not
              // the other way round, a lookup in every group for each of the consultant's customers).
              "AND +m.customer_id IN (SELECT id FROM customers WHERE consultant_id = ?4)"
            : "SELECT m.group_id, m.customer_id, g.task_date FROM care_task_groups g JOIN care_task_members m ON m.group_id = g.id "
              "WHERE g.task_date BETWEEN ?2 AND ?3 AND g.site_id = ?1";
        Query q(store_, sql);
        bind_window(*q);
        std::string date_text;
        Date date;
        while (q->executeStep()) {
            const std::int64_t customer = q->getColumn(1).getInt64();
            if (date_text != q->getColumn(2).getText()) {   // the rows come group by group
                date_text = q->getColumn(2).getText();
                date = parse_date(date_text);
            }
            members_.push_back({task_id_of(customer, date), q->getColumn(0).getInt64(), customer, false});
        }
        std::sort(members_.begin(), members_.end(), [](const Member& a, const Member& b) { return a.id < b.id; });
    }

    Member* member_of(std::int64_t id) {
        auto it = std::lower_bound(members_.begin(), members_.end(), id, [](const Member& m, std::int64_t i) { return m.id < i; });
        return it != members_.end() && it->id == id ? &*it : nullptr;
    }

    // Writes what changed: new tasks, open tasks whose occasions or actions changed, and the
    // untouched tasks the facts no longer call for (a birthday corrected, a deal cancelled) go.
    void store() {
        Query insert_row(store_, "INSERT INTO care_tasks(id, site_id, customer_id, task_date, prepare_from, occasions, "
                                 "actions, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
        Query update_row(store_, "UPDATE care_tasks SET prepare_from = ?2, occasions = ?3, actions = ?4, updated_at = ?5 "
                                 "WHERE id = ?1");
        Query delete_row(store_, "DELETE FROM care_tasks WHERE id = ?");
        std::map<std::int64_t, std::vector<std::int64_t>> joining;   // group → the customers it gains
        std::vector<const Made*> fresh;                               // the tasks new rows keep
        for (const Made& m : made_) {
            const Content& c = contents_[m.content];
            Member* member = member_of(m.id);
            auto row = rows_.find(m.id);
            if (row != rows_.end() && c.grouped && row->second.untouched) {
                // Nobody acted on it: the greeting goes back to its group (the row's occasions were
                // the customer's own, such as a birthday since corrected).
                delete_row->bind(1, m.id);
                delete_row->exec();
                delete_row->reset();
                rows_.erase(row);
                row = rows_.end();
            }
            if (row != rows_.end()) {
                // A row stays the task's home; an open one takes the facts' occasions and actions.
                Row& r = row->second;
                r.called_for = true;
                if (r.task.status == TaskStatus::open && (r.occasions_text != c.occasions_text || r.actions_text != c.actions_text)) {
                    update_row->bind(1, m.id);
                    update_row->bind(2, to_iso(c.actions.front().start));
                    update_row->bindNoCopy(3, c.occasions_text);
                    update_row->bindNoCopy(4, c.actions_text);
                    update_row->bindNoCopy(5, now_);
                    update_row->exec();
                    update_row->reset();
                    r.occasions_text = c.occasions_text;
                    r.actions_text = c.actions_text;
                    r.task.prepare_from = c.actions.front().start;
                }
                continue;
            }
            if (c.grouped) {
                const std::int64_t group = group_of(m.content, m.day);
                if (member && member->group == group)
                    member->kept = true;
                else
                    joining[group].push_back(m.customer);
                continue;
            }
            fresh.push_back(&m);
        }
        // New rows by id: the table's order (the customer, then the day).
        std::sort(fresh.begin(), fresh.end(), [](const Made* a, const Made* b) { return a->id < b->id; });
        for (const Made* m : fresh) {
            const Content& c = contents_[m->content];
            const std::string date = to_iso(m->day);
            const std::string prepare = to_iso(c.actions.front().start);
            insert_row->bind(1, m->id);
            insert_row->bind(2, scope_.site.id);
            insert_row->bind(3, m->customer);
            insert_row->bindNoCopy(4, date);
            insert_row->bindNoCopy(5, prepare);
            insert_row->bindNoCopy(6, c.occasions_text);
            insert_row->bindNoCopy(7, c.actions_text);
            insert_row->bindNoCopy(8, now_);
            insert_row->exec();
            insert_row->reset();
        }
        for (auto it = rows_.begin(); it != rows_.end();) {
            if (it->second.called_for || !it->second.untouched) {
                ++it;
                continue;
            }
            delete_row->bind(1, it->first);
            delete_row->exec();
            delete_row->reset();
            it = rows_.erase(it);
        }
        // A group's new members in one statement: the customers as a JSON array.
        Query join(store_, "INSERT INTO care_task_members(group_id, customer_id) SELECT ?1, value FROM json_each(?2)");
        for (const auto& [group, customers] : joining) {
            std::string list = "[";
            char number[24];
            for (std::int64_t customer : customers) {
                const auto end = std::to_chars(number, number + sizeof number, customer).ptr;
                if (list.size() > 1) list += ',';
                list.append(number, end);
            }
            list += ']';
            join->bind(1, group);
            join->bindNoCopy(2, list);
            join->exec();
            join->reset();
        }
        // Members whose task moved (to a row, another group) or is no longer called for.
        bool dropped = false;
        Query drop(store_, "DELETE FROM care_task_members WHERE group_id = ? AND customer_id = ?");
        for (const Member& member : members_) {
            if (member.kept) continue;
            drop->bind(1, member.group);
            drop->bind(2, member.customer);
            drop->exec();
            drop->reset();
            dropped = true;
        }
        if (dropped) {
            Query empty(store_, "DELETE FROM care_task_groups WHERE task_date BETWEEN ?2 AND ?3 AND site_id = ?1 AND NOT EXISTS "
                                "(SELECT 1 FROM care_task_members WHERE group_id = care_task_groups.id)");
            bind_window(*empty, false);
            empty->exec();
        }
    }

    // The window's tasks by date and customer: those the facts call for, and the rows kept
    // although they no longer do (closed, or with a note).
    std::vector<CareTask> tasks(bool include_closed) {
        std::vector<CareTask> out;
        out.reserve(made_.size());
        for (const Made& m : made_) {
            const Content& c = contents_[m.content];
            auto row = rows_.find(m.id);
            if (row != rows_.end()) {
                Row& r = row->second;
                r.listed = true;
                if (!include_closed && r.task.status != TaskStatus::open) continue;
                out.push_back(row_task(r, &c));
                continue;
            }
            CareTask& t = out.emplace_back();
            t.id = m.id;
            t.customer_id = m.customer;
            t.date = m.day;
            t.prepare_from = c.actions.front().start;
            t.occasions = c.occasions;
            t.actions = c.actions;
            with_customer(t, m.person);
        }
        // The rows nothing calls for now, merged in.
        const std::size_t called_for = out.size();
        for (auto& [id, r] : rows_)
            if (!r.listed && (include_closed || r.task.status == TaskStatus::open)) out.push_back(row_task(r, nullptr));
        std::sort(out.begin() + static_cast<std::ptrdiff_t>(called_for), out.end(), by_date_and_customer);
        std::inplace_merge(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(called_for), out.end(), by_date_and_customer);
        return out;
    }

    // A row's task: an open one as the facts have it now (`c`), a closed one as it was closed.
    CareTask row_task(Row& r, const Content* c) {
        CareTask t = std::move(r.task);
        if (c && t.status == TaskStatus::open) {
            t.occasions = c->occasions;
            t.actions = c->actions;
            t.prepare_from = c->actions.front().start;
        } else {
            t.occasions = stored_occasions(r.occasions_text);
            t.actions = stored_actions(r.actions_text);
        }
        with_customer(t);
        return t;
    }

    // The customer's columns, known from generating, else (a row nothing calls for now) read.
    void with_customer(CareTask& t, std::optional<std::uint32_t> known = std::nullopt) {
        if (!known) known = people_.find(t.customer_id);
        if (!known) {
            Query c(store_, "SELECT name, tier, stage, archive_no, consultant_id FROM customers WHERE id = ?");
            c->bind(1, t.customer_id);
            // Always found: customers are never deleted.
            known = people_.remember(t.customer_id, c->executeStep() ? person_from(*c, 0) : Person{});
        }
        const Person& p = people_.list[*known];
        t.customer_name = p.name;
        t.archive_no = p.archive_no;
        t.consultant_id = p.consultant_id;
        t.site = scope_.site.code;
    }

    static std::string group_key(Date day, const std::string& occasions, const std::string& actions) {
        return to_iso(day) + '\x1e' + occasions + '\x1e' + actions;
    }

    // The site's group of the day for the content, made when new.
    std::int64_t group_of(std::size_t content, Date day) {
        Content& c = contents_[content];
        if (c.group) return *c.group;
        std::string key = group_key(day, c.occasions_text, c.actions_text);
        auto it = groups_.find(key);
        if (it != groups_.end()) return *(c.group = it->second);
        Query q(store_, "INSERT INTO care_task_groups(site_id, task_date, prepare_from, occasions, actions, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?)");
        q->bind(1, scope_.site.id);
        q->bind(2, to_iso(day));
        q->bind(3, to_iso(c.actions.front().start));
        q->bind(4, c.occasions_text);
        q->bind(5, c.actions_text);
        q->bind(6, now_);
        q->exec();
        return *(c.group = groups_.emplace(std::move(key), store_.db().getLastInsertRowid()).first->second);
    }

    void bind_window(SQLite::Statement& q, bool with_consultant = true) {
        q.bind(1, scope_.site.id);
        q.bind(2, to_iso(from_));
        q.bind(3, to_iso(to_));
        if (with_consultant && scope_.consultant_id) q.bind(4, *scope_.consultant_id);
    }

    Store& store_;
    const Scope& scope_;
    Date from_, to_;
    std::string now_;
    CareSettings settings_;
    People people_;
    std::vector<Content> contents_;
    std::vector<Made> made_;
    std::unordered_map<std::int64_t, Row> rows_;
    std::vector<Member> members_;   // by id
    std::unordered_map<std::string, std::int64_t> groups_;
};


} // namespace

Scope scope_of(Store& store, const std::string& site, std::optional<std::int64_t> consultant_id) {
    if (consultant_id) {
        const Consultant c = require_consultant(store, *consultant_id, "consultant_id");
        if (!text::trim(site).empty() && numbering::normalize_site_code(site, "site") != c.site)
            throw_invalid("consultant_id", "consultant " + std::to_string(c.id) + " works at site " + c.site + ", not " + site);
        return {require_site(store, c.site, "site"), consultant_id};
    }
    if (text::trim(site).empty()) throw_invalid("site", "is required: name a site or a consultant");
    return {require_site(store, site, "site"), std::nullopt};
}

std::vector<CareTask> run_agenda(Store& store, const Scope& scope, Date from, Date to, bool include_closed) {
    return Agenda(store, scope, from, to).run(include_closed);
}

} // namespace snowball::detail

namespace snowball {

std::vector<CareTask> CareCalendar::agenda(const AgendaQuery& query) {
    check_window(query.from, query.to, WindowUse::care);
    return store_.write([&] {
        return detail::run_agenda(store_, detail::scope_of(store_, query.site, query.consultant_id), query.from, query.to,
                                  query.include_closed);
    });
}

} // namespace snowball
