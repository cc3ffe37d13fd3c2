// The care calendar (MISSION §2 tactics 4 and 9): timely greetings on festivals and on the
// birthdays of customers and their families, deal anniversaries and the regular follow-up of owners,
// turned into dated care tasks for each consultant.
//
// Occasions are pure facts (a birthday falls on a day); the care policy says what to do about them
// for whom (a VIP's birthday: order flowers or a cake two days ahead, and call). The agenda stores
// one task per customer and day, with every occasion and action of that day merged into it.
#pragma once

#include "snowball/customers.hpp"
#include "snowball/festivals.hpp"
#include "snowball/profiles.hpp"
#include "snowball/types.hpp"
#include "snowball/workdays.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

// ---------------------------------------------------------------------------------------------
// Occasions (pure)

enum class OccasionKind { birthday, family_birthday, festival, deal_anniversary, follow_up };
const char* to_string(OccasionKind kind) noexcept;
OccasionKind parse_occasion_kind(std::string_view text, const std::string& field = "occasion");

// After a deal, the follow-up calls: each step is days or months after the deal date; the last step
// may repeat (every 6 months, for ever). Text form: "7d,30d,90d,6m*".
struct FollowUpStep {
    int days = 0;
    int months = 0;
    bool repeat = false;   // only the last step; repeats its interval after itself
};
std::string to_string(const std::vector<FollowUpStep>& cadence);
std::vector<FollowUpStep> parse_cadence(std::string_view text, const std::string& field = "follow_up");

struct OccasionSettings {
    // Born in a leap month: greet in the regular month of that number (the default), and also in
    // the leap month in the years that have it when this is set.
    bool leap_month_birthdays_twice = false;
    bool deal_anniversaries = true;
    std::vector<FollowUpStep> follow_up{{7, 0, false}, {30, 0, false}, {90, 0, false}, {0, 6, true}};
};

// The days in [from, to] on which a birthday is celebrated. Gregorian: the month and day each year
// (29 February in a common year: 28 February). Lunar: the day of the regular lunar month, each lunar
// year (day 30 in a 29-day month: day 29; a leap-month birthday: the regular month, and the leap
// month too when `twice`). Iterates over lunar years: one Gregorian year may hold two.
std::vector<Date> birthday_dates(const Birthday& birthday, Date from, Date to, bool twice = false);
// The anniversaries of a deal in [from, to] (years 1, 2, ...; 29 February → 28 February).
std::vector<Date> anniversary_dates(Date deal_date, Date from, Date to);
// The follow-up days of a deal in [from, to], each with its step's label ("7d", "6m").
struct FollowUpDate {
    Date date;
    std::string step;
};
std::vector<FollowUpDate> follow_up_dates(Date deal_date, const std::vector<FollowUpStep>& cadence, Date from, Date to);
// months later, the day kept or, past the month's end, the month's last day (never snapping a
// month-end date to later month ends, as Boost's months() does).
Date add_months(Date date, int months);

// ---------------------------------------------------------------------------------------------
// The care policy

// One rule: for an occasion (and, for festivals, optionally one festival) and an audience, an
// action done through a channel, prepared `lead_days` ahead.
struct CareRule {
    OccasionKind occasion = OccasionKind::festival;
    std::string festival;            // festivals only: one festival's key; empty: every festival
    std::optional<Tier> tier;        // nullopt: any
    std::optional<Stage> stage;      // nullopt: any
    std::string action;              // [a-z][a-z0-9_]*: "call", "sms", "call_or_sms", "flowers_or_cake", ...
    std::string channel;             // "phone", "sms", "gift", "visit", "wechat", "letter", "email"
    int lead_days = 0;               // 0..60: when to start preparing
    Label label;                     // what the consultant reads: "订花或蛋糕并致电祝福"
};
// The source's policy: VIP birthdays (theirs or a family member's) → flowers or a cake (two days
// ahead) plus a call; owners' birthdays and their families' → a call; owners on every festival → a
// call or an SMS; deal anniversaries and the follow-up cadence → a call. Prospects and visitors:
// nothing until the site says so.
const std::vector<CareRule>& default_care_policy();
void validate(const CareRule& rule, const std::string& field = "rule");

// ---------------------------------------------------------------------------------------------
// Tasks and the agenda

struct TaskOccasion {
    OccasionKind kind = OccasionKind::birthday;
    std::string key;                 // "birthday", a festival key, "anniversary:3", "follow_up:30d"
    std::string title;               // "张伟生日", "中秋节", "成交3周年", "成交后30天回访"
    std::optional<std::int64_t> family_member_id;
    std::optional<std::int64_t> deal_id;   // anniversaries and follow-ups: the deal they come from
};

struct TaskAction {
    std::string action;
    std::string channel;
    int lead_days = 0;
    Date start;                      // the day to start preparing
    std::string label;
};

enum class TaskStatus { open, done, skipped };
const char* to_string(TaskStatus status) noexcept;

struct CareTask {
    std::int64_t id = 0;              // stable: one customer's task of one day keeps it however stored
    std::int64_t customer_id = 0;
    std::string customer_name;
    std::string archive_no;
    std::string site;
    std::optional<std::int64_t> consultant_id;   // the customer's consultant
    Date date;                        // the occasion day
    Date prepare_from;                // the earliest start of its actions
    std::vector<TaskOccasion> occasions;
    std::vector<TaskAction> actions;
    TaskStatus status = TaskStatus::open;
    std::string outcome;
    std::string note;
    std::string done_at;
    std::optional<std::int64_t> done_by;
};

struct AgendaQuery {
    Date from;
    Date to;                          // inclusive; at most 366 days
    std::string site;                 // a site, or
    std::optional<std::int64_t> consultant_id;   // one consultant's customers (then site may be empty)
    bool include_closed = true;       // done and skipped tasks too
};

// An occasion of the coming weeks: the customer's or a family member's birthday, a deal
// anniversary or follow-up, a festival the site's care policy greets this customer on — with what
// the policy says to do about it.
struct UpcomingOccasion {
    Date date;
    TaskOccasion occasion;
    std::vector<TaskAction> actions;   // empty when the policy asks nothing of this customer
};

// A site's care settings: its festivals (the defaults unless it changed them), its policy, its
// occasion settings.
struct CareSettings {
    std::string site;
    std::vector<calendar::FestivalRule> festivals;
    std::vector<CareRule> policy;
    OccasionSettings occasions;
};

class CareCalendar {
public:
    // Subscribes the calendar's reactions: a cancelled deal's tasks, erasure.
    explicit CareCalendar(detail::Store& store);

    CareSettings settings(std::string_view site) const;
    // Replaces the site's festivals (validated: a site adds its own rules and switches any off).
    CareSettings set_festivals(std::string_view site, const std::vector<calendar::FestivalRule>& festivals);
    CareSettings set_policy(std::string_view site, const std::vector<CareRule>& policy);
    CareSettings set_occasion_settings(std::string_view site, const OccasionSettings& settings);

    // Generates the tasks of the window (idempotent: a task is stored once per customer and day;
    // an open task takes in occasions that appeared since) and returns them by date and customer.
    std::vector<CareTask> agenda(const AgendaQuery& query);
    CareTask get(std::int64_t task_id) const;
    CareTask complete(std::int64_t task_id, const std::string& outcome, const std::string& note = {},
                      std::optional<std::int64_t> by = std::nullopt);
    CareTask skip(std::int64_t task_id, const std::string& reason, std::optional<std::int64_t> by = std::nullopt);
    CareTask reopen(std::int64_t task_id, std::optional<std::int64_t> by = std::nullopt);
    // The customer's occasions in [from, to] (their birthday, the family's, deal anniversaries and
    // follow-ups, the festivals the site's policy greets them on), by date, each with its actions.
    // `family` and `deals` are the customer's (the briefing has them at hand).
    std::vector<UpcomingOccasion> upcoming(const Customer& customer, const std::vector<FamilyMember>& family,
                                           const std::vector<Deal>& deals, Date from, Date to) const;
    // Open tasks dated before `on` (default today, China time), oldest first.
    std::vector<CareTask> overdue(std::optional<Date> on = std::nullopt, std::string_view site = {},
                                  std::optional<std::int64_t> consultant_id = std::nullopt) const;
    // The consultant's agenda of the window as an iCalendar (RFC 5545) document: one all-day event
    // per task; an open task has an alarm on the day preparation starts, a closed one none (a
    // skipped one is STATUS:CANCELLED). Lunar occasions are dated events.
    std::string export_ics(Date from, Date to, std::int64_t consultant_id);

    // The statutory working-day calendar: compiled-in arrangements plus the years loaded into this
    // archive (an update for a new year is loaded once and seen by every process).
    calendar::WorkCalendar work_calendar() const;
    // Loads arrangement text ("2027-01-01 off 元旦" lines) into the archive; returns the years loaded.
    std::vector<int> load_holidays(std::string_view text);

private:
    detail::Store& store_;
};

} // namespace snowball
