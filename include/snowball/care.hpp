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
#include "snowball/occasions.hpp"
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

enum class TaskStatus { open, done, skipped };
const char* to_string(TaskStatus status) noexcept;
TaskStatus parse_task_status(std::string_view text, const std::string& field = "status");

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
    // The agenda's mark on an open task with a gift action (channel "gift") when the gifts given
    // in its month to the customers of its customer's tier already cost the site's budget for that
    // tier or more: the manager decides before the gift is bought. Never stored; false elsewhere.
    bool over_budget = false;
};
// The occasion kinds of the task's day, each once, joined by "+": "birthday", "birthday+festival".
std::string occasion_kinds(const CareTask& task);
// The actions asked, joined by "+": "flowers_or_cake+call", "call_or_sms".
std::string action_keys(const CareTask& task);
// The family members whose birthdays the task is for.
std::vector<std::int64_t> family_member_ids(const CareTask& task);

struct AgendaQuery {
    Date from;
    Date to;                          // inclusive; at most 366 days
    std::string site;                 // a site, or
    std::optional<std::int64_t> consultant_id;   // one consultant's customers (then site may be empty)
    bool include_closed = true;       // done and skipped tasks too
};

// Open tasks dated before a day, of a site, a consultant's customers or every site.
struct CareOverdueQuery {
    std::optional<Date> on;           // nullopt: today, China time
    std::string site;                 // empty: every site
    std::optional<std::int64_t> consultant_id;
};

// A stored task's state, as the managers' reports count it.
struct CareTaskState {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    Date date;                                   // the occasion day
    TaskStatus status = TaskStatus::open;
    std::string outcome;                         // the outcome, or a skipped task's reason
    std::optional<Date> closed_on;               // the day (China time) it was done or skipped
    std::optional<std::int64_t> done_by;
};

// An occasion of the coming weeks: the customer's or a family member's birthday, a deal
// anniversary or follow-up, a festival the site's care policy greets this customer on — with what
// the policy says to do about it.
struct UpcomingOccasion {
    Date date;
    TaskOccasion occasion;
    std::vector<TaskAction> actions;   // empty when the policy asks nothing of this customer
};

// A site's gift budget for the customers of a tier: yuan a month (0 .. 100,000,000).
struct GiftBudget {
    Tier tier = Tier::ordinary;
    double monthly = 0;
};

// A site's care settings: its festivals (the defaults unless it changed them), its policy, its
// occasion settings, its gift budgets (none unless set).
struct CareSettings {
    std::string site;
    std::vector<calendar::FestivalRule> festivals;
    std::vector<CareRule> policy;
    OccasionSettings occasions;
    std::vector<GiftBudget> gift_budgets{};   // by tier, each tier at most once
};

// ---------------------------------------------------------------------------------------------
// Gifts: what was given on care (flowers, a cake), what it cost, from which supplier, for which
// task and customer, by whom and when. Counted against the site's monthly budget of the
// customer's tier (their tier when the gift is recorded).

struct NewGift {
    std::optional<std::int64_t> task_id;       // the care task it was for; its customer's
    std::optional<std::int64_t> customer_id;   // required without a task; with one, must be its customer
    std::string item;                          // required: "鲜花", "生日蛋糕" (at most 100 characters)
    double cost = 0;                           // yuan, 0 .. 1,000,000, to the fen
    std::string supplier;                      // at most 100 characters
    std::optional<Date> given_on;              // default today (China time); never in the future
    std::optional<std::int64_t> given_by;      // a consultant of the customer's site
    std::string note;
};

struct Gift {
    std::int64_t id = 0;
    std::string site;
    std::optional<std::int64_t> customer_id;   // nullopt once the customer is erased
    std::optional<std::int64_t> task_id;
    Tier tier = Tier::ordinary;
    std::string item;
    double cost = 0;
    std::string supplier;
    Date given_on;
    std::optional<std::int64_t> given_by;
    std::string note;
    std::string recorded_at;
};

struct GiftQuery {
    std::string site;                          // required
    std::optional<Date> from;                  // given_on, inclusive
    std::optional<Date> to;
    std::optional<std::int64_t> customer_id;
    std::optional<std::int64_t> task_id;
};

// A month's gifts of a site to the customers of a tier, beside the tier's budget.
struct GiftTotal {
    std::string month;                         // "2027-05"
    Tier tier = Tier::ordinary;
    std::int64_t gifts = 0;
    double cost = 0;
    std::optional<double> budget;              // nullopt: no budget set
    std::optional<double> remaining;           // budget - cost (negative when over); nullopt without a budget
};

// A change to a site's occasion settings: what is given replaces, the rest stays.
struct OccasionSettingsUpdate {
    std::optional<bool> leap_month_birthdays_twice;
    std::optional<bool> deal_anniversaries;
    std::optional<std::vector<FollowUpStep>> follow_up;
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
    // One change each, read and written in one transaction: switches the site's festival `key` on
    // or off (not_found naming "festival" when the site has no such festival), adds a festival of
    // the site's own (its key unused), changes some of the occasion settings.
    CareSettings switch_festival(std::string_view site, std::string_view key, bool enabled);
    CareSettings add_festival(std::string_view site, const calendar::FestivalRule& festival);
    CareSettings update_occasion_settings(std::string_view site, const OccasionSettingsUpdate& update);
    // Sets (or, with nullopt, removes) the site's monthly gift budget for the customers of a tier.
    CareSettings set_gift_budget(std::string_view site, Tier tier, std::optional<double> monthly);

    // Records a gift (validated: item, cost, supplier, given_on, given_by, task_id, customer_id).
    Gift record_gift(const NewGift& gift);
    Gift gift(std::int64_t gift_id) const;
    // The site's gifts, by day given and id.
    std::vector<Gift> gifts(const GiftQuery& query) const;
    // The site's gifts of the months from..to (at most 36), per month and tier (both tiers, each
    // month), with the budget and what remains of it.
    std::vector<GiftTotal> gift_totals(std::string_view site, Date from, Date to) const;

    // Generates the tasks of the window (idempotent: a task is stored once per customer and day;
    // an open task takes in occasions that appeared since) and returns them by date and customer.
    std::vector<CareTask> agenda(const AgendaQuery& query);
    CareTask get(std::int64_t task_id) const;
    // `contact_logged`: the caller has logged the contact the task was (an outreach delivery does);
    // otherwise the contact log writes it.
    CareTask complete(std::int64_t task_id, const std::string& outcome, const std::string& note = {},
                      std::optional<std::int64_t> by = std::nullopt, bool contact_logged = false);
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
    std::vector<CareTask> overdue(const CareOverdueQuery& query) const;
    // The tasks stored for a site's customers dated in [from, to] (at most 400 days) — the rows and
    // the members of shared groups, which are open — by date and customer. Generates nothing: a
    // day the agenda never generated has no tasks yet.
    std::vector<CareTaskState> task_states(std::string_view site, Date from, Date to) const;
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
