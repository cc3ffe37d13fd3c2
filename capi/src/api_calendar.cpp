// The Chinese calendar, festivals, working days and the care calendar.
#include "documents.hpp"

#include "codec/care.hpp"
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

// An occasion-settings document (T: the settings or a change of them); errors name its keys as the
// settings' ("occasions.follow_up").
template <class T>
T occasions_input(const char* text, const char* name) {
    const json doc = document(text, name);
    if (!doc.is_object()) throw_invalid(name, "must be a JSON object");
    return codec::read<T>(doc, "occasions");
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
    give_json(out_json, calendar::lunar_day(date_arg(date, "date")));
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
    give_json(out_json, calendar::festival_days_in(year, calendar::default_festivals()));
    SNOWBALL_API_END
}

int snowball_workdays_add(char** out_json, snowball_archive* archive, const char* date, int n) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    const Date d = date_arg(date, "date");
    const calendar::WorkCalendar c = work_calendar(archive);
    give_json(out_json, naming("from", "date", [&] { return c.add_working_days(d, n); }));
    SNOWBALL_API_END
}

int snowball_workdays_between(char** out_json, snowball_archive* archive, const char* from, const char* to) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    const Date f = date_arg(from, "from"), t = date_arg(to, "to");
    give_json(out_json, work_calendar(archive).working_days_between(f, t));
    SNOWBALL_API_END
}

int snowball_workdays_day(char** out_json, snowball_archive* archive, const char* date) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    const Date d = date_arg(date, "date");
    give_json(out_json, work_calendar(archive).day(d));
    SNOWBALL_API_END
}

int snowball_workdays_load(char** out_json, snowball_archive* archive, const char* text) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.calendar().load_holidays(required_text(text, "text")));
    SNOWBALL_API_END
}

int snowball_care_settings(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.calendar().settings(required_text(site, "site")));
    SNOWBALL_API_END
}

int snowball_care_set_festivals(char** out_json, snowball_archive* archive, const char* site, const char* festivals_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const auto rules = input_list<calendar::FestivalRule>(festivals_json, "festivals_json", "festivals", "festival rules");
    give_json(out_json, a.calendar().set_festivals(s, rules));
    SNOWBALL_API_END
}

int snowball_care_switch_festival(char** out_json, snowball_archive* archive, const char* site, const char* festival,
                                  int enabled) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const std::string key = required_text(festival, "festival");
    if (enabled != 0 && enabled != 1) throw_invalid("enabled", "must be 0 or 1");
    give_json(out_json, a.calendar().switch_festival(s, key, enabled == 1));
    SNOWBALL_API_END
}

int snowball_care_add_festival(char** out_json, snowball_archive* archive, const char* site, const char* festival_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.calendar().add_festival(s, input<calendar::FestivalRule>(festival_json, "festival_json")));
    SNOWBALL_API_END
}

int snowball_care_set_policy(char** out_json, snowball_archive* archive, const char* site, const char* policy_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const auto rules = input_list<CareRule>(policy_json, "policy_json", "policy", "care rules");
    give_json(out_json, a.calendar().set_policy(s, rules));
    SNOWBALL_API_END
}

int snowball_care_set_occasions(char** out_json, snowball_archive* archive, const char* site, const char* occasions_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.calendar().set_occasion_settings(s, occasions_input<OccasionSettings>(occasions_json, "occasions_json")));
    SNOWBALL_API_END
}

int snowball_care_update_occasions(char** out_json, snowball_archive* archive, const char* site, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.calendar().update_occasion_settings(s, occasions_input<OccasionSettingsUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

int snowball_care_set_gift_budget(char** out_json, snowball_archive* archive, const char* site, const char* tier,
                                  double monthly, int remove) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const Tier t = parse_tier(required_text(tier, "tier"), "tier");
    if (remove != 0 && remove != 1) throw_invalid("remove", "must be 0 or 1");
    give_json(out_json, a.calendar().set_gift_budget(s, t, remove ? std::nullopt : std::optional<double>(monthly)));
    SNOWBALL_API_END
}

int snowball_care_record_gift(char** out_json, snowball_archive* archive, const char* gift_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.calendar().record_gift(input<NewGift>(gift_json, "gift_json")));
    SNOWBALL_API_END
}

int snowball_care_gift_get(char** out_json, snowball_archive* archive, int64_t gift_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).calendar().gift(gift_id));
    SNOWBALL_API_END
}

int snowball_care_gifts(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.calendar().gifts(input<GiftQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_care_gift_totals(char** out_json, snowball_archive* archive, const char* site, const char* from, const char* to) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const Date f = date_arg(from, "from"), t = date_arg(to, "to");
    give_json(out_json, a.calendar().gift_totals(s, f, t));
    SNOWBALL_API_END
}

int snowball_care_agenda(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.calendar().agenda(input<AgendaQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_care_task_get(char** out_json, snowball_archive* archive, int64_t task_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).calendar().get(task_id));
    SNOWBALL_API_END
}

int snowball_care_task_complete(char** out_json, snowball_archive* archive, int64_t task_id, const char* outcome,
                                const char* note, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string o = required_text(outcome, "outcome");
    give_json(out_json, a.calendar().complete(task_id, o, optional_text(note), optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_care_task_skip(char** out_json, snowball_archive* archive, int64_t task_id, const char* reason, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string r = required_text(reason, "reason");
    give_json(out_json, a.calendar().skip(task_id, r, optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_care_task_reopen(char** out_json, snowball_archive* archive, int64_t task_id, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.calendar().reopen(task_id, optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_care_overdue(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.calendar().overdue(input_or_default<CareOverdueQuery>(query_json, "query_json")));
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
