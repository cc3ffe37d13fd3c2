// The contact log and follow-up (跟进记录, MISSION §1 "for later lookup and tracking", §2 tactics
// 3, 8 and 9): every touch with a customer — a call, an SMS, a WeChat message, a letter, a visit at
// the sales office or the construction site, a home visit — recorded with who, when, how, what came
// of it, the customer's intent grade after it and the next contact planned; the follow-up schedule
// that follows from it; the consultant's list of the day; and the manager's reports.
//
// Entries are append-only: a correction is a new entry that supersedes the old one, with who and
// when. Completing a care task and recording a visit write their entries themselves.
#pragma once

#include "snowball/care.hpp"
#include "snowball/csv.hpp"
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"
#include "snowball/privacy.hpp"
#include "snowball/referrals.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

// How the customer was reached: 电话 a call, 短信 an SMS, 微信 WeChat, 信函 a letter, 邮件 an email,
// 案场来访 a visit at the sales office, 工地参观 a visit at the construction site, 上门拜访 a home
// visit, 活动 an event attended, 资讯 news delivered.
enum class ContactChannel { phone, sms, wechat, letter, email, visit_office, visit_site, home_visit, event, news };
enum class ContactDirection { out, in };   // we contacted them; they contacted us

const char* to_string(ContactChannel value) noexcept;
const char* to_string(ContactDirection value) noexcept;
// The key, case-insensitive, or its Chinese term (电话, 短信, 微信, 信函, 邮件, 案场来访, 工地参观,
// 上门拜访, 活动, 资讯; 去电/来电 for the directions); anything else is invalid_argument naming `field`.
ContactChannel parse_contact_channel(std::string_view text, const std::string& field = "channel");
ContactDirection parse_contact_direction(std::string_view text, const std::string& field = "direction");

// What came of a contact. The built-in outcomes: reached (联系上), no_answer (无人接听), busy (占线),
// refused (拒接), wrong_number (空号/错号), left_message (留言), sent (已发送), undelivered (未送达);
// a site adds its own. `reached`: the outcome counts as having reached the customer.
struct ContactOutcome {
    std::string key;     // [a-z][a-z0-9_]*, at most 40
    std::string label;   // what a consultant reads
    bool reached = false;
    bool builtin = false;
};
const std::vector<ContactOutcome>& default_contact_outcomes();

// A grade of the customer's intent to buy (意向等级) and how often a customer of that grade is
// followed up: A every 3 days, B every 7, C every 30, D not at all by default.
struct IntentGrade {
    std::string key;                 // "A", or a site's own: 1-8 letters, digits or _ ; unique per site
    std::string label;               // "高意向"
    std::optional<int> every_days;   // 1..365; nullopt: no follow-up from the policy
};
const std::vector<IntentGrade>& default_intent_grades();

// When a site does not call its customers (免打扰时段): from `from` to `to`, China time, across
// midnight when `from` is later ("21:00" to "09:00").
struct QuietHours {
    std::string from;   // "HH:MM"
    std::string to;     // "HH:MM"
};
// Whether "HH:MM" falls in the quiet hours.
bool in_quiet_hours(const QuietHours& quiet, std::string_view hh_mm);

// A site's follow-up policy and contact settings.
struct ContactSettings {
    std::string site;
    std::vector<IntentGrade> grades;            // the scale, highest intent first
    std::optional<int> owner_every_days;        // owners between contacts, 1..365; nullopt: the care
                                                // calendar's follow-up cadence only
    std::vector<ContactOutcome> outcomes;       // the built-in ones, then the site's own
    std::optional<QuietHours> quiet_hours;      // nullopt: none set
};

// A change of the settings: what is given replaces, the rest stays.
struct ContactSettingsUpdate {
    std::optional<std::vector<IntentGrade>> grades;
    std::optional<std::optional<int>> owner_every_days;
    std::optional<std::optional<QuietHours>> quiet_hours;
};

// The next contact planned in an entry.
struct NextContact {
    Date date;
    std::string time;                        // "HH:MM" China time, or "" (any time of the day)
    std::optional<ContactChannel> channel;   // nullopt: the entry's channel
    std::string purpose;                     // what it is for, at most 200 characters
};

// A contact to log.
struct NewContact {
    ContactChannel channel = ContactChannel::phone;
    ContactDirection direction = ContactDirection::out;
    std::string outcome;              // a key of the site's outcomes; required
    std::string note;                 // at most 2000 characters
    std::string intent;               // the grade after the contact; "": unchanged
    std::optional<NextContact> next_contact;
    // When it happened: "YYYY-MM-DDTHH:MM[:SS]" China time, or with "Z" or an offset; "YYYY-MM-DD"
    // (that day, noon); "": now. Its day is at most tomorrow (China time), never before the
    // customer's first contact.
    std::string at;
    std::optional<int> duration_s;    // calls and visits: seconds, 0..86400
    // Who made it: a consultant of the customer's site. Default: the handle's consultant or manager;
    // for a host handle, the customer's consultant.
    std::optional<std::int64_t> by;
    // What it served.
    std::optional<std::int64_t> care_task_id;
    std::optional<std::int64_t> ticket_id;
    std::optional<std::int64_t> campaign_id;
    std::optional<std::int64_t> referral_id;
    std::optional<std::int64_t> deal_id;
};

struct ContactEntry {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::string site;
    std::optional<std::int64_t> consultant_id;   // who made it
    std::string at;                              // UTC, ISO 8601
    Date day;                                    // the day of `at` in China
    ContactChannel channel = ContactChannel::phone;
    ContactDirection direction = ContactDirection::out;
    std::optional<int> duration_s;
    std::string outcome;
    bool reached = false;                        // the outcome reached the customer
    std::string note;
    std::string intent_before;                   // the grade before the contact ("": none)
    std::string intent;                          // the grade after it ("": none)
    std::optional<NextContact> next_contact;
    std::optional<std::int64_t> care_task_id;
    std::optional<std::int64_t> ticket_id;
    std::optional<std::int64_t> campaign_id;
    std::optional<std::int64_t> referral_id;
    std::optional<std::int64_t> deal_id;
    std::optional<std::int64_t> event_id;        // an event it invited to or was (snowball/events.hpp)
    std::optional<std::int64_t> delivery_id;     // the outreach delivery it was (snowball/outreach.hpp)
    bool quiet_hours = false;                    // an outbound call made inside the site's quiet hours
    std::optional<std::int64_t> supersedes;      // the entry this one corrects
    std::optional<std::int64_t> superseded_by;   // the entry that corrects this one
    std::string recorded_by;                     // the actor who recorded it ("consultant:12", "host")
    std::string recorded_at;                     // UTC, ISO 8601
};

// Where a customer stands in their follow-up.
struct FollowUp {
    std::int64_t customer_id = 0;
    std::optional<std::string> last_contact_at;    // the latest entry's time (UTC)
    std::optional<Date> last_contact_day;
    std::optional<ContactChannel> last_channel;
    std::optional<Date> last_reached_day;          // the latest contact that reached them
    std::string intent;                            // the current grade ("": none)
    // The next contact: planned in the latest entry, else from the site's policy (the grade's
    // interval, or the owners' one, from the latest contact, or from filing when there was none).
    std::optional<Date> next_on;
    std::string next_time;
    std::optional<ContactChannel> next_channel;
    std::string next_purpose;
    std::string next_source;                       // "planned", "policy" or "" (none)
};

// How often a customer, a consultant's customers or a site's were contacted: in the last 30, 90
// and 365 days up to `as_of`, by channel.
struct ContactWindow {
    int days = 0;
    std::int64_t contacts = 0;
    std::int64_t reached = 0;
    std::int64_t customers = 0;                    // distinct customers contacted
    std::map<std::string, std::int64_t> by_channel;
};
struct ContactFrequency {
    Date as_of;
    std::optional<std::string> last_contact_at;
    std::vector<ContactWindow> windows;            // 30, 90, 365 days
};
// One of: a customer; a consultant (the contacts they made); a site.
struct FrequencyQuery {
    std::optional<std::int64_t> customer_id;
    std::optional<std::int64_t> consultant_id;
    std::string site;
    std::optional<Date> as_of;                     // default today, China time
};

// One item of a consultant's list for a day: a contact due (planned, or from the follow-up policy)
// or a care task.
enum class DueKind { contact, care_task };
const char* to_string(DueKind value) noexcept;
DueKind parse_due_kind(std::string_view text, const std::string& field = "kind");

struct DueItem {
    DueKind kind = DueKind::contact;
    Date due;
    bool overdue = false;                          // due before the day asked for
    std::int64_t customer_id = 0;
    std::string customer_name;
    std::string archive_no;
    Tier tier = Tier::ordinary;
    Stage stage = Stage::prospect;
    std::optional<std::int64_t> consultant_id;
    std::string intent;
    std::optional<ContactChannel> channel;         // the planned channel (contacts)
    std::string time;                              // "HH:MM" when planned at a time
    std::string purpose;                           // the plan's purpose; a care task's actions
    std::string source;                            // "planned", "policy" or "care"
    std::optional<std::int64_t> care_task_id;
    std::string occasion;                          // a care task's occasions ("birthday+festival")
    std::optional<Date> last_contact_day;
};

struct DueQuery {
    std::optional<Date> on;                        // default today, China time
    std::optional<std::int64_t> consultant_id;     // one consultant's customers, or
    std::string site;                              // a whole site
    bool include_overdue = true;                   // what fell due earlier and is still pending
};

// A customer not contacted for a while.
struct QuietCustomer {
    std::int64_t customer_id = 0;
    std::string name;
    std::string archive_no;
    Tier tier = Tier::ordinary;
    Stage stage = Stage::prospect;
    std::optional<std::int64_t> consultant_id;
    std::optional<Date> last_contact_day;          // nullopt: never contacted
    std::optional<int> days_since;                 // days since the last contact
};

struct NotContactedQuery {
    std::string site;                              // required
    int days = 90;                                 // not contacted in the last `days` days, 1..3650
    std::optional<Stage> stage;
    std::optional<Tier> tier;
    std::optional<std::int64_t> consultant_id;
    std::optional<Date> as_of;                     // default today, China time
    int limit = 1000;                              // 1..100000
    std::int64_t offset = 0;
};

// ---------------------------------------------------------------------------------------------
// The manager's report

enum class ReportPeriod { whole, day, week, month };
const char* to_string(ReportPeriod value) noexcept;
ReportPeriod parse_report_period(std::string_view text, const std::string& field = "period");

struct CareReportQuery {
    std::string site;                              // required
    Date start;
    Date end;                                      // inclusive, at most 366 days after start
    ReportPeriod period = ReportPeriod::whole;     // one row per consultant and period
    std::optional<std::int64_t> consultant_id;     // one consultant only
    std::optional<Date> as_of;                     // what "overdue" and the states are measured at;
                                                   // default today, China time
};

// One consultant's care work in one period (and, with no consultant, the site's total).
struct CareReportRow {
    Date period_start;
    Date period_end;
    std::optional<std::int64_t> consultant_id;     // nullopt: the site's total
    std::string consultant_name;                   // "合计" for the total, "未分配" for customers without one
    bool total = false;
    // Care tasks of the customers (by their consultant) dated in the period.
    std::int64_t tasks_due = 0;
    std::int64_t done_on_time = 0;                 // done on or before the task's day
    std::int64_t done_late = 0;
    std::int64_t skipped = 0;
    std::map<std::string, std::int64_t> skip_reasons;
    std::int64_t overdue = 0;                      // still open after the task's day
    // Contacts made by the consultant in the period.
    std::int64_t contacts = 0;
    std::int64_t reached = 0;
    std::int64_t customers_contacted = 0;
    std::map<std::string, std::int64_t> by_channel;
    std::map<std::string, std::int64_t> by_outcome;
    std::int64_t calls_in_quiet_hours = 0;
    std::map<std::string, std::int64_t> grade_moves;   // "C→A": how many entries moved a grade so
    // States at the period's end (or `as_of` when earlier), of the consultant's customers today:
    std::int64_t prospects_without_next = 0;       // prospects and visitors with no next contact
    std::int64_t owners_not_contacted_90 = 0;      // owners with no contact in the 90 days before
};

struct CareReport {
    std::string site;
    Date start;
    Date end;
    ReportPeriod period = ReportPeriod::whole;
    Date as_of;
    std::vector<CareReportRow> rows;               // by period, then consultant; the total last
};
// The report as a table (one row per report row, snowball/csv.hpp), and as CSV for Excel: UTF-8
// with a byte-order mark, CRLF lines, Chinese headers.
Table to_table(const CareReport& report);
std::string to_csv(const CareReport& report);

// ---------------------------------------------------------------------------------------------

class Contacts {
public:
    // Subscribes the contact log's reactions: a completed care task and a recorded visit write
    // their entries, an erased customer's entries go.
    Contacts(detail::Store& store, Customers& customers, CareCalendar& calendar, Consents& consents,
             Feedback& feedback, Surveys& surveys, Referrals& referrals);

    // Logs a contact and moves the customer's follow-up. invalid_argument for a bad value (naming
    // it), consent_required when the customer objects to an outbound contact on that channel or a
    // next contact planned on an objected channel, forbidden for a customer the actor may not see.
    ContactEntry log(std::int64_t customer_id, const NewContact& contact);
    // Corrects an entry: a new entry (the customer's, with the values given) that supersedes it.
    // conflict when it was corrected already (naming the correction).
    ContactEntry correct(std::int64_t entry_id, const NewContact& contact);
    ContactEntry get(std::int64_t entry_id) const;
    // The customer's entries, newest first; superseded ones only when asked.
    std::vector<ContactEntry> history(std::int64_t customer_id, int limit = 100, bool include_superseded = false) const;
    FollowUp follow_up(std::int64_t customer_id) const;
    ContactFrequency frequency(const FrequencyQuery& query) const;

    // The list of the day: contacts due (planned or by the policy) and care tasks (the care
    // calendar's agenda of the day, generated as needed, and its overdue tasks), in one list by due
    // day, then time, care tasks before contacts, then grade; customers who object to the channel
    // (or to every channel) are left out, and so are customers marked lost (Customers::mark_lost).
    std::vector<DueItem> due(const DueQuery& query);
    // Customers not contacted for a while (customers marked lost are left out).
    Page<QuietCustomer> not_contacted(const NotContactedQuery& query) const;

    // Do-not-contact (勿扰): the customer objects to being contacted on `channel` (nullopt: any
    // channel). Recorded in the consent ledger as an objection of the service purpose.
    Consent do_not_contact(std::int64_t customer_id, std::optional<ContactChannel> channel,
                           std::optional<std::int64_t> by = std::nullopt);
    // The customer may be contacted on `channel` again (nullopt: on every channel): lifts the
    // objections recorded by do_not_contact. The number lifted.
    int allow_contact(std::int64_t customer_id, std::optional<ContactChannel> channel,
                      std::optional<std::int64_t> by = std::nullopt);
    // Whether a contact on `channel` (nullopt: any) is allowed.
    bool may_contact(std::int64_t customer_id, std::optional<ContactChannel> channel = std::nullopt) const;

    ContactSettings settings(std::string_view site) const;
    ContactSettings update_settings(std::string_view site, const ContactSettingsUpdate& update);
    // Adds an outcome of the site's own (its key unused).
    ContactSettings add_outcome(std::string_view site, const ContactOutcome& outcome);

    CareReport care_report(const CareReportQuery& query) const;

private:
    ContactEntry write_entry(std::int64_t customer_id, const NewContact& contact, std::optional<std::int64_t> supersedes);

    detail::Store& store_;
    Customers& customers_;
    CareCalendar& calendar_;
    Consents& consents_;
    Feedback& feedback_;
    Surveys& surveys_;
    Referrals& referrals_;
};

} // namespace snowball
