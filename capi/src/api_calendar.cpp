#include "guard.hpp"
#include "json_codec.hpp"

#include "calendar/care_json.hpp"
#include "snowball/care.hpp"
#include "snowball/festivals.hpp"
#include "snowball/lunar.hpp"
#include "snowball/workdays.hpp"

using namespace snowball;
using namespace snowball::capi;

namespace {

Date date_arg(const char* text, const char* name) { return parse_date(required_text(text, name), name); }

// Runs f; an error the engine reports about `field` is reported about this function's `parameter`.
template <class F>
auto naming(const std::string& field, const std::string& parameter, F&& f) {
    try {
        return f();
    } catch (const Error& e) {
        if (e.field() != field) throw;
        std::string message = e.what();
        if (message.rfind(field + ":", 0) == 0) message = parameter + message.substr(field.size());
        throw Error(e.status(), message, parameter, e.record_id());
    }
}

std::optional<std::int64_t> by_from(int64_t by) {
    if (by < 0) throw_invalid("by", "must be a consultant id, or 0");
    return by ? std::optional<std::int64_t>(by) : std::nullopt;
}

json task_json(const CareTask& t) {
    return {{"id", t.id},
            {"customer_id", t.customer_id},
            {"customer_name", t.customer_name},
            {"archive_no", t.archive_no},
            {"site", t.site},
            {"consultant_id", t.consultant_id ? json(*t.consultant_id) : json(nullptr)},
            {"date", to_iso(t.date)},
            {"prepare_from", to_iso(t.prepare_from)},
            {"occasions", detail::occasions_json(t.occasions)},
            {"actions", detail::actions_json(t.actions)},
            {"status", to_string(t.status)},
            {"outcome", t.outcome},
            {"note", t.note},
            {"done_at", t.done_at.empty() ? json(nullptr) : json(t.done_at)},
            {"done_by", t.done_by ? json(*t.done_by) : json(nullptr)}};
}

json tasks_json(const std::vector<CareTask>& tasks) {
    json out = json::array();
    for (const CareTask& t : tasks) out.push_back(task_json(t));
    return out;
}

json settings_json(const CareSettings& s) {
    json festivals = json::array(), policy = json::array();
    for (const auto& f : s.festivals) festivals.push_back(detail::festival_json(f));
    for (const auto& r : s.policy) policy.push_back(detail::rule_json(r));
    return {{"site", s.site}, {"festivals", festivals}, {"policy", policy},
            {"occasions", detail::occasion_settings_json(s.occasions)}};
}

// The archive's working-day calendar, or the built-in one.
calendar::WorkCalendar work_calendar(snowball_archive* archive) {
    return archive ? archive->archive.calendar().work_calendar() : calendar::WorkCalendar();
}

} // namespace

extern "C" {

int snowball_calendar_to_lunar(char** out_json, const char* date) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    const Date d = date_arg(date, "date");
    const calendar::LunarDate l = calendar::to_lunar(d);
    const auto term = calendar::solar_term_on(d);
    give(out_json, dump({{"year", l.year},
                         {"month", l.month},
                         {"day", l.day},
                         {"leap", l.leap},
                         {"month_name", calendar::month_name_zh(l.month, l.leap)},
                         {"day_name", calendar::day_name_zh(l.day)},
                         {"text", calendar::to_string_zh(l)},
                         {"zodiac", calendar::zodiac_zh(l.year)},
                         {"zodiac_en", calendar::zodiac_en(l.year)},
                         {"cyclical_year", calendar::cyclical_year_zh(l.year)},
                         {"solar_term", term ? json(calendar::solar_term_key(*term)) : json(nullptr)}}));
    SNOWBALL_API_END
}

int snowball_calendar_to_gregorian(char** out_date, int year, int month, int day, int leap) {
    SNOWBALL_API_BEGIN
    init_out(out_date, "out_date");
    if (leap != 0 && leap != 1) throw_invalid("leap", "must be 0 or 1");
    // Past the range's end (lunar 2100, 12th month, day 2 on): the day is at fault.
    give(out_date, to_iso(naming("date", "day", [&] { return calendar::to_gregorian({year, month, leap == 1, day}); })));
    SNOWBALL_API_END
}

int snowball_calendar_solar_term(char** out_date, int year, const char* name) {
    SNOWBALL_API_BEGIN
    init_out(out_date, "out_date");
    const std::string key = required_text(name, "name");
    const auto term = naming("term", "name", [&] { return calendar::solar_term_from_key(key); });
    give(out_date, to_iso(calendar::solar_term(year, term)));
    SNOWBALL_API_END
}

int snowball_calendar_festivals(char** out_json, int year) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    std::map<std::string, const calendar::FestivalRule*> rules;
    for (const auto& r : calendar::default_festivals()) rules[r.key] = &r;
    json out = json::array();
    for (const auto& f : calendar::festivals_in(year, calendar::default_festivals()))
        out.push_back({{"key", f.key}, {"date", to_iso(f.date)}, {"name_zh", rules[f.key]->name_zh},
                       {"name_en", rules[f.key]->name_en}});
    give(out_json, dump(out));
    SNOWBALL_API_END
}

int snowball_workdays_add(char** out_json, snowball_archive* archive, const char* date, int n) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    const Date d = date_arg(date, "date");
    const calendar::WorkCalendar c = work_calendar(archive);
    const auto r = naming("from", "date", [&] { return c.add_working_days(d, n); });
    give(out_json, dump({{"date", to_iso(r.date)}, {"estimated", r.estimated}, {"unpublished_years", r.unpublished_years}}));
    SNOWBALL_API_END
}

int snowball_workdays_between(char** out_json, snowball_archive* archive, const char* from, const char* to) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    const Date f = date_arg(from, "from"), t = date_arg(to, "to");
    const auto r = work_calendar(archive).working_days_between(f, t);
    give(out_json, dump({{"days", r.days}, {"estimated", r.estimated}, {"unpublished_years", r.unpublished_years}}));
    SNOWBALL_API_END
}

int snowball_workdays_day(char** out_json, snowball_archive* archive, const char* date) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    const Date d = date_arg(date, "date");
    const calendar::WorkCalendar c = work_calendar(archive);
    const auto holiday = c.holiday_name(d);
    give(out_json, dump({{"date", to_iso(d)},
                         {"working", c.is_working_day(d)},
                         {"holiday", holiday ? json(*holiday) : json(nullptr)},
                         {"published", c.is_published(d.year())}}));
    SNOWBALL_API_END
}

int snowball_workdays_load(char** out_json, snowball_archive* archive, const char* text) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(a.calendar().load_holidays(required_text(text, "text"))));
    SNOWBALL_API_END
}

int snowball_care_settings(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(settings_json(a.calendar().settings(required_text(site, "site")))));
    SNOWBALL_API_END
}

int snowball_care_set_festivals(char** out_json, snowball_archive* archive, const char* site, const char* festivals_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const json doc = parse_json(festivals_json, "festivals_json");
    if (!doc.is_array()) throw_invalid("festivals_json", "must be a JSON array of festival rules");
    std::vector<calendar::FestivalRule> rules;
    for (std::size_t i = 0; i < doc.size(); ++i) rules.push_back(detail::festival_from(doc[i], "festivals[" + std::to_string(i) + "]"));
    give(out_json, dump(settings_json(a.calendar().set_festivals(s, rules))));
    SNOWBALL_API_END
}

int snowball_care_set_policy(char** out_json, snowball_archive* archive, const char* site, const char* policy_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const json doc = parse_json(policy_json, "policy_json");
    if (!doc.is_array()) throw_invalid("policy_json", "must be a JSON array of care rules");
    std::vector<CareRule> rules;
    for (std::size_t i = 0; i < doc.size(); ++i) rules.push_back(detail::rule_from(doc[i], "policy[" + std::to_string(i) + "]"));
    give(out_json, dump(settings_json(a.calendar().set_policy(s, rules))));
    SNOWBALL_API_END
}

int snowball_care_set_occasions(char** out_json, snowball_archive* archive, const char* site, const char* occasions_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const OccasionSettings o = detail::occasion_settings_from(parse_object(occasions_json, "occasions_json"), "occasions");
    give(out_json, dump(settings_json(a.calendar().set_occasion_settings(s, o))));
    SNOWBALL_API_END
}

int snowball_care_agenda(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = parse_object(query_json, "query_json");
    ObjectReader r(doc, "", {"from", "to", "site", "consultant_id", "include_closed"});
    AgendaQuery q;
    const auto from = r.date("from"), to = r.date("to");
    if (!from) throw_invalid("from", "is required");
    if (!to) throw_invalid("to", "is required");
    q.from = *from;
    q.to = *to;
    q.site = r.text("site").value_or("");
    q.consultant_id = r.integer("consultant_id");
    q.include_closed = r.boolean("include_closed").value_or(true);
    give(out_json, dump(tasks_json(a.calendar().agenda(q))));
    SNOWBALL_API_END
}

int snowball_care_task_get(char** out_json, snowball_archive* archive, int64_t task_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(task_json(archive_of(archive).calendar().get(task_id))));
    SNOWBALL_API_END
}

int snowball_care_task_complete(char** out_json, snowball_archive* archive, int64_t task_id, const char* outcome,
                                const char* note, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string o = required_text(outcome, "outcome");
    give(out_json, dump(task_json(a.calendar().complete(task_id, o, optional_text(note), by_from(by)))));
    SNOWBALL_API_END
}

int snowball_care_task_skip(char** out_json, snowball_archive* archive, int64_t task_id, const char* reason, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string r = required_text(reason, "reason");
    give(out_json, dump(task_json(a.calendar().skip(task_id, r, by_from(by)))));
    SNOWBALL_API_END
}

int snowball_care_task_reopen(char** out_json, snowball_archive* archive, int64_t task_id, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(task_json(a.calendar().reopen(task_id, by_from(by)))));
    SNOWBALL_API_END
}

int snowball_care_overdue(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = query_json ? parse_object(query_json, "query_json") : json::object();
    ObjectReader r(doc, "", {"on", "site", "consultant_id"});
    const auto on = r.date("on");
    const std::string site = r.text("site").value_or("");
    const auto consultant = r.integer("consultant_id");
    give(out_json, dump(tasks_json(a.calendar().overdue(on, site, consultant))));
    SNOWBALL_API_END
}

int snowball_care_export_ics(char** out_ics, snowball_archive* archive, const char* from, const char* to,
                             int64_t consultant_id) {
    SNOWBALL_API_BEGIN
    init_out(out_ics, "out_ics");
    Archive& a = archive_of(archive);
    const Date f = date_arg(from, "from"), t = date_arg(to, "to");
    give(out_ics, a.calendar().export_ics(f, t, consultant_id));
    SNOWBALL_API_END
}

} // extern "C"
