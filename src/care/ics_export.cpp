// A consultant's agenda as an iCalendar document.
#include "archive/records.hpp"
#include "care/agenda.hpp"
#include "common/text.hpp"
#include "snowball/ics.hpp"

#include <cstdio>

namespace snowball {

namespace {

calendar::IcsEvent task_event(const CareTask& t) {
    calendar::IcsEvent e;
    e.uid = "care-task-" + std::to_string(t.id) + "-" + t.archive_no + "@snowball";
    e.date = t.date;
    std::string what;
    for (const TaskOccasion& o : t.occasions) what += (what.empty() ? "" : "、") + o.title;
    e.summary = what + "：" + t.customer_name;
    std::string description = "客户 " + t.customer_name + "（" + t.archive_no + "）";
    for (const TaskAction& a : t.actions)
        description += "\n" + a.label + (a.lead_days ? "（提前" + std::to_string(a.lead_days) + "天准备，" + to_iso(a.start) + "起）"
                                                     : std::string());
    if (t.status != TaskStatus::open) description += "\n已" + std::string(t.status == TaskStatus::done ? "完成" : "跳过") + "：" + t.outcome;
    e.description = description;
    e.categories = "客户关怀";
    // A closed task stays in the calendar, without an alarm; a skipped one is cancelled.
    if (t.status == TaskStatus::open) e.alarm_days_before = (t.date - t.prepare_from).days();
    e.cancelled = t.status == TaskStatus::skipped;
    return e;
}

} // namespace

std::string CareCalendar::export_ics(Date from, Date to, std::int64_t consultant_id) {
    check_window(from, to, WindowUse::care);
    return store_.write([&] {
        const detail::Scope scope = detail::scope_of(store_, "", consultant_id);
        const Consultant c = detail::require_consultant(store_, consultant_id, "consultant_id");
        std::vector<calendar::IcsEvent> events;
        for (const CareTask& t : detail::run_agenda(store_, scope, from, to, true)) events.push_back(task_event(t));
        char stamp[20];
        const std::string now = text::now_utc();   // 2026-11-27T08:30:00Z → 20261127T083000Z
        std::snprintf(stamp, sizeof stamp, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", now.c_str(), now.c_str() + 5, now.c_str() + 8,
                      now.c_str() + 11, now.c_str() + 14, now.c_str() + 17);
        return calendar::ics_calendar(c.name + " 客户关怀日程", events, stamp);
    });
}

} // namespace snowball
