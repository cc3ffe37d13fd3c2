// Complaints and suggestions (MISSION §2 tactic 5: a channel that is never blocked) and
// satisfaction surveys (tactic 6: by letter or phone, about the property and the service).
//
// Feedback: a ticket is taken in by any channel from anyone — a customer on file, a caller known
// only by a name or a phone, or nobody at all (an anonymous letter). It follows one lifecycle,
// received → acknowledged → in_progress → resolved → closed (reopen: back to in_progress), with
// deadlines counted in statutory working days, and keeps every transition and note in its history.
//
// Surveys: versioned questionnaires, campaigns sent to an audience by letter, phone or online,
// responses with partial answers, and the statistics (mean, distribution, CSAT, NPS with its 95 %
// confidence interval, the trend by month, response rates). The two meet where the loop closes:
// resolving a complaint can schedule a follow-up survey, and a low score opens a ticket for the
// consultant's manager.
#pragma once

#include "snowball/csv.hpp"
#include "snowball/types.hpp"
#include "snowball/workdays.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}
class CareCalendar;
class Customers;

// ---------------------------------------------------------------------------------------------
// Keys

// How feedback reached the site (电话, 书面/信件, 当面, 网上).
enum class FeedbackChannel { phone, letter, face_to_face, online };
enum class FeedbackKind { complaint, suggestion, praise };
enum class Severity { low, normal, high, urgent };
enum class TicketStatus { received, acknowledged, in_progress, resolved, closed };
// How a survey is answered: a letter, a phone call, online.
enum class SurveyChannel { letter, phone, online };
// rating5: 1-5; nps: 0-10 likelihood to recommend; single, multi: options; text: free text.
enum class QuestionType { rating5, nps, single, multi, text };
// Who a campaign invites: the owners of a site, the customers of a consultant, the customer of a
// resolved or closed ticket, or a list of customers.
enum class AudienceKind { site_owners, consultant_customers, ticket, customers };

const char* to_string(FeedbackChannel value) noexcept;
const char* to_string(FeedbackKind value) noexcept;
const char* to_string(Severity value) noexcept;
const char* to_string(TicketStatus value) noexcept;
const char* to_string(SurveyChannel value) noexcept;
const char* to_string(QuestionType value) noexcept;
const char* to_string(AudienceKind value) noexcept;

// The key, case-insensitive, or a Chinese term (电话, 投诉, 紧急, 已受理, 信件, ...). Anything else
// throws Error(invalid_argument) naming `field` and listing the keys.
FeedbackChannel parse_feedback_channel(std::string_view text, const std::string& field = "channel");
FeedbackKind parse_feedback_kind(std::string_view text, const std::string& field = "kind");
Severity parse_severity(std::string_view text, const std::string& field = "severity");
TicketStatus parse_ticket_status(std::string_view text, const std::string& field = "status");
SurveyChannel parse_survey_channel(std::string_view text, const std::string& field = "channel");
QuestionType parse_question_type(std::string_view text, const std::string& field = "type");
AudienceKind parse_audience_kind(std::string_view text, const std::string& field = "kind");

// ---------------------------------------------------------------------------------------------
// The lifecycle and deadlines (pure)

// Whether a ticket may move from one status to another: each step to the next status of
// received → acknowledged → in_progress → resolved → closed, and reopening (resolved or closed →
// in_progress). Everything else — staying, skipping, going back, closing what is not resolved —
// is forbidden: Feedback::transition throws Status::invalid_state naming both statuses.
bool transition_allowed(TicketStatus from, TicketStatus to) noexcept;
// received, acknowledged and in_progress: the ticket is open (its deadlines run). A ticket's JSON
// form carries it as "open".
bool is_open(TicketStatus status) noexcept;

// A ticket number as typed by a person, in the one form numbers are stored in: full-width characters
// made half-width, letters upper case, surrounding blanks trimmed ("ｘｈ-f2025-00001 " → "XH-F2025-00001").
std::string normalize_ticket_number(std::string_view text);

// How many working days a site allows, counted from the day a ticket is received (that day does not
// count; 0: the same day).
struct Deadline {
    int acknowledge_days = 0;   // 0..60
    int resolve_days = 0;       // acknowledge_days..250
};

// The defaults by severity: urgent 1/3, high 1/5, normal 2/10, low 3/15 working days.
Deadline default_deadline(Severity severity) noexcept;

struct DueDates {
    Date acknowledge;
    bool acknowledge_estimated = false;  // a year involved has no published holiday arrangement
    Date resolve;
    bool resolve_estimated = false;
};
// The due dates of a ticket received on `received` under `deadline`, in working days of `calendar`.
DueDates due_dates(const calendar::WorkCalendar& calendar, Date received, const Deadline& deadline);

// ---------------------------------------------------------------------------------------------
// Feedback records

struct Category {
    std::string key;      // [a-z][a-z0-9_]*, at most 40 characters
    std::string label;    // what people read: 房屋质量
    bool builtin = false; // one of the six defaults
};
// property_quality 房屋质量, service 服务, contract 合同, delivery 交付, property_management 物业管理,
// other 其他.
const std::vector<Category>& default_categories();

struct FeedbackSettings {
    std::string site;                       // the site's code
    std::array<Deadline, 4> deadlines{};    // by Severity (low, normal, high, urgent)
    // An open ticket past a deadline by at least this many working days is on the escalation list.
    int escalate_after_days = 2;            // 1..60
    // Closing the loop, 1: resolving a complaint of a customer on file schedules this survey for
    // them (a campaign whose audience is the ticket), `follow_up_after_days` working days later.
    std::optional<std::int64_t> follow_up_survey_id;
    SurveyChannel follow_up_channel = SurveyChannel::phone;
    int follow_up_after_days = 3;           // 0..60
    // Closing the loop, 2: a response with a 1-5 rating at or below `low_rating5`, or a 0-10 score at
    // or below `low_nps`, opens a complaint for the manager of the customer's consultant.
    std::optional<int> low_rating5 = 2;     // 1..4; nullopt: off
    std::optional<int> low_nps = 6;         // 0..9; nullopt: off
    Severity low_score_severity = Severity::normal;

    const Deadline& deadline(Severity severity) const { return deadlines[static_cast<int>(severity)]; }
};
// The defaults every site starts with (site left empty).
FeedbackSettings default_feedback_settings();

// Only the fields that are set change.
struct FeedbackSettingsUpdate {
    std::map<Severity, Deadline> deadlines;
    std::optional<int> escalate_after_days;
    std::optional<std::optional<std::int64_t>> follow_up_survey_id;   // {nullopt}: no follow-up survey
    std::optional<SurveyChannel> follow_up_channel;
    std::optional<int> follow_up_after_days;
    std::optional<std::optional<int>> low_rating5;                     // {nullopt}: off
    std::optional<std::optional<int>> low_nps;
    std::optional<Severity> low_score_severity;
};

struct NewTicket {
    FeedbackChannel channel = FeedbackChannel::phone;
    FeedbackKind kind = FeedbackKind::complaint;
    std::string category;                         // a default category or one of the site's own
    Severity severity = Severity::normal;
    std::string text;                             // what was said or written (required)
    // Who: a customer on file, or a name and/or a phone, or nobody (an anonymous letter). A phone
    // that is on file for exactly one customer (at the site, when known) links the ticket to them.
    std::optional<std::int64_t> customer_id;
    std::string name;
    std::string phone;
    // The site that takes it: default the customer's; without a customer, the only site of the
    // archive, else none (a group-level ticket, with the default deadlines and categories).
    std::string site;
    std::optional<Date> received_on;              // default today (China); never in the future
    std::optional<std::int64_t> received_by;      // the consultant who took it
    // Default: the customer's consultant, when active.
    std::optional<std::int64_t> assignee_id;
};

struct Ticket {
    std::int64_t id = 0;
    std::string uid;            // global identity (hex)
    std::string number;         // for people: XH-F2025-00001 (site tickets), F2025-00001 (group level)
    std::string site;           // empty: group level
    FeedbackChannel channel = FeedbackChannel::phone;
    FeedbackKind kind = FeedbackKind::complaint;
    std::string category;
    Severity severity = Severity::normal;
    std::string text;
    std::optional<std::int64_t> customer_id;
    std::string name;           // the caller's name as given (or the linked customer's)
    std::string phone;          // normal form, may be empty
    TicketStatus status = TicketStatus::received;
    std::optional<std::int64_t> assignee_id;
    Date received_on;
    std::optional<std::int64_t> received_by;
    DueDates due;
    std::optional<Date> acknowledged_on;
    std::optional<Date> resolved_on;
    std::optional<Date> closed_on;
    std::string resolution;     // the note given when it was resolved
    int reopened = 0;           // how many times
    std::optional<std::int64_t> response_id;           // opened by a low survey score
    std::optional<std::int64_t> follow_up_campaign_id; // the follow-up survey scheduled on resolution
    std::string created_at;
    std::string updated_at;
};

// One entry of a ticket's history.
struct TicketEvent {
    std::int64_t id = 0;
    std::int64_t ticket_id = 0;
    // received, acknowledged, in_progress, resolved, closed, reopened (a status change); assigned,
    // linked (to a customer), note.
    std::string action;
    std::optional<TicketStatus> from;
    std::optional<TicketStatus> to;
    std::optional<std::int64_t> by;
    std::string note;
    std::optional<std::int64_t> assignee_id;   // assigned: to whom (nullopt: unassigned)
    std::optional<std::int64_t> customer_id;   // linked: to whom
    Date on;                    // the day it happened (a transition may be dated back)
    std::string at;             // when it was recorded, UTC
};

struct TicketQuery {
    std::string site;                            // empty: every site and group-level tickets
    std::optional<TicketStatus> status;
    bool open_only = false;                      // received, acknowledged, in_progress
    std::optional<std::int64_t> customer_id;
    std::optional<std::int64_t> assignee_id;
    std::optional<FeedbackKind> kind;
    std::string category;
    std::optional<Severity> severity;
    std::optional<Date> from;                    // received on or after
    std::optional<Date> to;                      // received on or before
    int limit = 50;                              // 1..10000
    std::int64_t offset = 0;
};

// A scope for the overdue and escalation lists.
struct OverdueQuery {
    std::optional<Date> on;                      // default today (China)
    std::string site;
    std::optional<std::int64_t> assignee_id;
};

// An open ticket past a deadline: which one, by how many working days, and to whom it goes.
struct Escalation {
    Ticket ticket;
    std::string deadline;                        // "acknowledge" or "resolve"
    Date due;
    int working_days_overdue = 0;
    // The assignee's manager; else an active manager of the site (the lowest id); else nobody.
    std::optional<std::int64_t> escalate_to;
};

class Feedback {
public:
    // Subscribes the tickets' erasure step. Tickets are taken in for the customers on file
    // (`customers`), with deadlines in the archive's working days (`calendar`).
    Feedback(detail::Store& store, const Customers& customers, const CareCalendar& calendar);

    // Takes in a complaint, suggestion or praise; never refuses one for want of a customer.
    Ticket open(const NewTicket& ticket);
    Ticket get(std::int64_t ticket_id) const;                       // not_found
    // The number as a person types it (see normalize_ticket_number); nullopt when no ticket has it.
    std::optional<Ticket> by_number(std::string_view number) const;
    Page<Ticket> list(const TicketQuery& query) const;              // newest first
    // Moves the ticket to `status` (see transition_allowed); `by` is who, `on` the day (default
    // today; not before the ticket was received, not in the future). Resolving stores the note as the
    // resolution and, for a complaint of a customer on file, schedules the site's follow-up survey.
    // Reopening counts, and the resolve deadline starts again from the day of reopening.
    Ticket transition(std::int64_t ticket_id, TicketStatus status, std::int64_t by, const std::string& note = {},
                      std::optional<Date> on = std::nullopt);
    // Assigns to an active consultant or manager of the ticket's site (nullopt: unassigns).
    Ticket assign(std::int64_t ticket_id, std::optional<std::int64_t> assignee_id, std::int64_t by,
                  const std::string& note = {});
    Ticket add_note(std::int64_t ticket_id, const std::string& note, std::int64_t by);
    // Links the ticket to a customer on file (a caller recognised later); a group-level ticket takes
    // the customer's site. A site ticket can only link a customer of its site.
    Ticket link(std::int64_t ticket_id, std::int64_t customer_id, std::int64_t by);
    std::vector<TicketEvent> history(std::int64_t ticket_id) const; // oldest first

    // Open tickets past a deadline on `on` (not yet acknowledged after the acknowledge due date, or not
    // resolved after the resolve due date), the most overdue first.
    std::vector<Ticket> overdue(const OverdueQuery& query = {}) const;
    // Open tickets past a deadline by at least the site's escalate_after_days working days.
    std::vector<Escalation> escalations(const OverdueQuery& query = {}) const;
    // A customer's tickets that are still open, newest first (also in the visit briefing).
    std::vector<Ticket> open_tickets(std::int64_t customer_id) const;

    // The site's categories: the six defaults, then its own. Empty site: the defaults.
    std::vector<Category> categories(std::string_view site = {}) const;
    std::vector<Category> add_category(std::string_view site, const Category& category);

    FeedbackSettings settings(std::string_view site) const;
    FeedbackSettings update_settings(std::string_view site, const FeedbackSettingsUpdate& update);

private:
    detail::Store& store_;
    const Customers& customers_;
    const CareCalendar& calendar_;
};

// ---------------------------------------------------------------------------------------------
// Surveys

struct QuestionOption {
    std::string key;      // what an answer gives: non-empty text, at most 100 characters
    std::string label;    // what people read (default: the key)
};

struct Question {
    std::string key;      // [a-z][a-z0-9_]*, at most 40; within a survey a key keeps its type
    std::string text;
    QuestionType type = QuestionType::rating5;
    std::string topic = "general";   // [a-z][a-z0-9_]*: property, service, ...
    std::vector<QuestionOption> options;   // single and multi only
};

struct Survey {
    std::int64_t id = 0;
    std::string uid;          // global identity (hex)
    std::string site;         // empty: group-wide
    int version = 0;          // the version read (the current one unless asked)
    int current_version = 0;
    std::string title;
    std::vector<Question> questions;
    bool active = true;       // an inactive survey takes no new responses or campaigns
    std::int64_t responses = 0;   // to this version
    std::string created_at;   // of the version
    std::optional<std::int64_t> created_by;
};

struct NewSurvey {
    std::string title;
    std::vector<Question> questions;
    std::string site;         // empty: group-wide (any customer may respond)
    std::optional<std::int64_t> by;
};

// A survey that has responses is never changed: the update becomes its next version, and the
// responses keep theirs. A version without responses is changed in place.
struct SurveyUpdate {
    std::optional<std::string> title;
    std::optional<std::vector<Question>> questions;
    std::optional<bool> active;     // not versioned
    std::optional<std::int64_t> by;
};

struct Audience {
    AudienceKind kind = AudienceKind::site_owners;
    std::string site;                            // site_owners
    std::optional<std::int64_t> consultant_id;   // consultant_customers
    std::optional<std::int64_t> ticket_id;       // ticket
    std::vector<std::int64_t> customer_ids;      // customers
};

struct NewCampaign {
    std::int64_t survey_id = 0;
    SurveyChannel channel = SurveyChannel::letter;
    Audience audience;
    std::string name;
    std::optional<Date> send_on;                 // default today
    bool allow_multiple = false;                 // more than one response per customer
    std::optional<std::int64_t> by;
};

struct Campaign {
    std::int64_t id = 0;
    std::string uid;
    std::int64_t survey_id = 0;
    int version = 0;                             // the survey's version sent (its responses use it)
    std::string site;                            // empty: customers of several sites
    std::string name;
    SurveyChannel channel = SurveyChannel::letter;
    Audience audience;
    Date send_on;
    bool allow_multiple = false;
    std::vector<std::int64_t> invited;           // customer ids, ascending
    std::int64_t responded = 0;                  // invited customers who responded (see response_rate)
    std::string created_at;
    std::optional<std::int64_t> created_by;
};

// An answer as given: nothing (unanswered), a whole number (rating5, nps), a number (rejected
// unless whole), a text (single: the option key; text), or texts (multi: option keys).
using AnswerValue = std::variant<std::monostate, std::int64_t, double, std::string, std::vector<std::string>>;

struct NewResponse {
    std::int64_t survey_id = 0;
    std::int64_t customer_id = 0;
    std::map<std::string, AnswerValue> answers;  // by question key; at least one answered
    std::optional<SurveyChannel> channel;        // default the campaign's; required without one
    std::optional<std::int64_t> campaign_id;
    std::optional<std::int64_t> ticket_id;       // one of the customer's tickets
    std::optional<std::int64_t> deal_id;         // one of the customer's deals
    std::string event;                           // an event's id or label (at most 100 characters)
    std::optional<Date> date;                    // default today; never in the future
    std::optional<std::int64_t> by;              // who recorded it (a phone survey's consultant)
};

struct Answer {
    std::string question;
    QuestionType type = QuestionType::rating5;
    std::optional<int> score;                    // rating5, nps
    std::vector<std::string> choices;            // single (one), multi
    std::string text;                            // text
};

struct Response {
    std::int64_t id = 0;
    std::int64_t survey_id = 0;
    int version = 0;
    std::optional<std::int64_t> campaign_id;
    std::int64_t customer_id = 0;
    std::string site;
    std::optional<std::int64_t> consultant_id;   // the customer's consultant when it was given
    SurveyChannel channel = SurveyChannel::letter;
    Date date;
    std::vector<Answer> answers;                 // in question order
    bool complete = false;                       // every question answered
    std::optional<std::int64_t> ticket_id;
    std::optional<std::int64_t> deal_id;
    std::string event;
    std::optional<std::int64_t> opened_ticket_id;   // the ticket its low score opened
    std::string recorded_at;
    std::optional<std::int64_t> recorded_by;
};

struct ResponseQuery {
    std::optional<std::int64_t> survey_id;
    std::optional<std::int64_t> customer_id;
    std::optional<std::int64_t> campaign_id;
    int limit = 50;                              // 1..10000
    std::int64_t offset = 0;
};

// ---------------------------------------------------------------------------------------------
// Statistics (pure)

// NPS = % promoters (9-10) − % detractors (0-6), in points (−100..100). The interval is the Wald
// interval of a difference of two multinomial proportions: Var = [p(1−p) + d(1−d) + 2pd] / n,
// NPS ± 1.959964 · 100 · √Var, clipped to [−100, 100].
struct NpsScore {
    double nps = 0;
    double ci_low = 0;
    double ci_high = 0;
    double std_error = 0;       // in points
    std::int64_t answers = 0;
    std::int64_t promoters = 0;
    std::int64_t passives = 0;
    std::int64_t detractors = 0;
};
// nullopt when there are no answers.
std::optional<NpsScore> nps_score(std::int64_t promoters, std::int64_t passives, std::int64_t detractors);

struct ValueCount {
    std::string value;          // "1".."5", "0".."10", an option key
    std::int64_t count = 0;
};

struct QuestionStats {
    std::string key;
    std::string text;
    QuestionType type = QuestionType::rating5;
    std::string topic;
    std::int64_t answered = 0;
    std::optional<double> mean;             // rating5, nps
    std::vector<ValueCount> distribution;   // every scale value or option, zeros included
    std::optional<double> csat;             // rating5: % of answers 4-5
    std::optional<NpsScore> nps;            // nps
};

struct TopicStats {
    std::string topic;
    std::int64_t answers = 0;
    std::optional<double> csat;             // over the topic's rating5 answers
    std::optional<NpsScore> nps;            // over the topic's nps answers
};

struct MonthStats {
    std::string month;                      // "2025-10"
    std::int64_t responses = 0;
    std::optional<double> csat;
    std::optional<double> nps;
};

// The share of invited customers who responded, 0..1; nullopt without invitations. A campaign's
// JSON form carries it as "response_rate"; a channel's statistics as "rate".
std::optional<double> response_rate(std::int64_t responded, std::int64_t invited) noexcept;

struct ChannelStats {
    SurveyChannel channel = SurveyChannel::letter;
    std::int64_t responses = 0;             // responses given through the channel
    std::int64_t invited = 0;               // invitations of the survey's campaigns on the channel
    std::int64_t responded = 0;             // of them, those who responded to their campaign
    std::optional<double> rate;             // response_rate(responded, invited)
};

struct StatsQuery {
    std::string site;                       // responses of the site's customers
    std::optional<std::int64_t> consultant_id;   // of the consultant's customers
    std::string topic;                      // only the questions of this topic
    std::optional<Date> from;               // responses on or after (campaigns sent on or after)
    std::optional<Date> to;
    std::optional<int> version;             // one version only
};

struct SurveyStats {
    std::int64_t survey_id = 0;
    std::int64_t responses = 0;             // responses in scope with at least one answer in scope
    std::optional<double> csat;             // % of rating5 answers that are 4 or 5
    std::int64_t csat_answers = 0;
    std::optional<NpsScore> nps;            // over every nps answer in scope
    std::vector<QuestionStats> questions;   // the current version's order, then retired questions
    std::vector<TopicStats> topics;         // by topic key
    std::vector<MonthStats> trend;          // by month
    std::vector<ChannelStats> channels;     // letter, phone, online
};

// The statistics as a table (snowball/csv.hpp): one row per question, then one per topic, month and
// channel, the kind of row in the first column.
Table to_table(const SurveyStats& stats);

class Surveys {
public:
    // Subscribes the responses' erasure step. Campaigns and responses are for the customers on file
    // (`customers`); a low score opens a ticket with deadlines in working days (`calendar`).
    Surveys(detail::Store& store, const Customers& customers, const CareCalendar& calendar);

    Survey create(const NewSurvey& survey);
    // version 0: the current one.
    Survey get(std::int64_t survey_id, int version = 0) const;
    // The surveys of a site and the group-wide ones (every survey when `site` is empty), by id.
    std::vector<Survey> list(std::string_view site = {}, bool include_inactive = false) const;
    Survey update(std::int64_t survey_id, const SurveyUpdate& update);

    Campaign create_campaign(const NewCampaign& campaign);
    Campaign campaign(std::int64_t campaign_id) const;
    std::vector<Campaign> campaigns(std::int64_t survey_id) const;   // by send date

    // Records one response; answers are validated against the version answered (the campaign's, else
    // the current one): an unknown question, an out-of-range score or an unknown option is
    // invalid_argument naming "answers.<key>", and nothing is written.
    Response respond(const NewResponse& response);
    // Many responses in one transaction: all or none. Returns their ids.
    std::vector<std::int64_t> respond_many(const std::vector<NewResponse>& responses);
    Response response(std::int64_t response_id) const;
    Page<Response> responses(const ResponseQuery& query) const;

    SurveyStats stats(std::int64_t survey_id, const StatsQuery& query = {}) const;

private:
    detail::Store& store_;
    const Customers& customers_;
    const CareCalendar& calendar_;
};

} // namespace snowball
