// The feedback service: intake, the lifecycle, assignment, links, notes, history, deadlines, the
// overdue and escalation lists.
#include "archive/merge_journal.hpp"
#include "archive/records.hpp"
#include "codec/feedback.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "service/service_records.hpp"
#include "snowball/care.hpp"
#include "snowball/customers.hpp"
#include "snowball/phone.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace snowball {

using detail::Query;

namespace {

constexpr std::size_t max_text = 4000;
constexpr std::size_t max_note = 2000;

// The columns read_ticket reads, in order.
#define SNOWBALL_TICKET_SELECT                                                                                        \
    "SELECT t.id, t.uid, t.number, s.code, t.channel, t.kind, t.category, t.severity, t.body, t.customer_id, "       \
    "coalesce(nullif(t.contact_name, ''), c.name, ''), t.contact_phone, t.status, t.assignee_id, t.received_on, "     \
    "t.received_by, t.acknowledge_due, t.acknowledge_estimated, t.resolve_due, t.resolve_estimated, "               \
    "t.acknowledged_on, t.resolved_on, t.closed_on, t.resolution, t.reopened, t.response_id, "                       \
    "t.follow_up_campaign_id, t.created_at, t.updated_at "                                                           \
    "FROM feedback_tickets t LEFT JOIN sites s ON s.id = t.site_id LEFT JOIN customers c ON c.id = t.customer_id "

// The WHERE term that lets SQLite use the partial index of open tickets.
#define SNOWBALL_TICKET_OPEN "(t.status = 'received' OR t.status = 'acknowledged' OR t.status = 'in_progress')"

std::optional<std::int64_t> optional_int(SQLite::Statement& q, int column) {
    if (q.isColumnNull(column)) return std::nullopt;
    return q.getColumn(column).getInt64();
}

std::optional<Date> optional_date(SQLite::Statement& q, int column) {
    if (q.isColumnNull(column)) return std::nullopt;
    return parse_date(q.getColumn(column).getText());
}

Ticket read_ticket(SQLite::Statement& q) {
    Ticket t;
    t.id = q.getColumn(0).getInt64();
    t.uid = q.getColumn(1).getString();
    t.number = q.getColumn(2).getString();
    if (!q.isColumnNull(3)) t.site = q.getColumn(3).getString();
    t.channel = parse_feedback_channel(q.getColumn(4).getText());
    t.kind = parse_feedback_kind(q.getColumn(5).getText());
    t.category = q.getColumn(6).getString();
    t.severity = parse_severity(q.getColumn(7).getText());
    t.text = q.getColumn(8).getString();
    t.customer_id = optional_int(q, 9);
    t.name = q.getColumn(10).getString();
    t.phone = q.getColumn(11).getString();
    t.status = parse_ticket_status(q.getColumn(12).getText());
    t.assignee_id = optional_int(q, 13);
    t.received_on = parse_date(q.getColumn(14).getText());
    t.received_by = optional_int(q, 15);
    t.due.acknowledge = parse_date(q.getColumn(16).getText());
    t.due.acknowledge_estimated = q.getColumn(17).getInt() != 0;
    t.due.resolve = parse_date(q.getColumn(18).getText());
    t.due.resolve_estimated = q.getColumn(19).getInt() != 0;
    t.acknowledged_on = optional_date(q, 20);
    t.resolved_on = optional_date(q, 21);
    t.closed_on = optional_date(q, 22);
    t.resolution = q.getColumn(23).getString();
    t.reopened = q.getColumn(24).getInt();
    t.response_id = optional_int(q, 25);
    t.follow_up_campaign_id = optional_int(q, 26);
    t.created_at = q.getColumn(27).getString();
    t.updated_at = q.getColumn(28).getString();
    return t;
}

std::optional<Site> site_by_id(detail::Store& store, std::optional<std::int64_t> site_id) {
    if (!site_id) return std::nullopt;
    Query q(store, "SELECT code FROM sites WHERE id = ?");
    q->bind(1, *site_id);
    q->executeStep();
    return detail::require_site(store, q->getColumn(0).getString(), "site");
}

std::optional<std::int64_t> ticket_site_id(detail::Store& store, std::int64_t ticket_id) {
    Query q(store, "SELECT site_id FROM feedback_tickets WHERE id = ?");
    q->bind(1, ticket_id);
    q->executeStep();
    return optional_int(*q, 0);
}

// An active consultant of the ticket's site (any site for a group-level ticket).
Consultant require_assignee(detail::Store& store, std::int64_t id, const std::optional<Site>& site, const std::string& field) {
    const Consultant c = detail::require_consultant(store, id, field);
    if (!c.active) throw_invalid(field, "consultant " + std::to_string(id) + " (" + c.name + ") has left");
    if (site && c.site != site->code)
        throw_invalid(field, "consultant " + std::to_string(id) + " works at site " + c.site + ", not " + site->code);
    return c;
}

void record_event(detail::Store& store, std::int64_t ticket_id, const std::string& action, std::optional<TicketStatus> from,
                  std::optional<TicketStatus> to, std::optional<std::int64_t> by, const std::string& note,
                  std::optional<std::int64_t> assignee, std::optional<std::int64_t> customer, Date on) {
    Query q(store, "INSERT INTO feedback_events(ticket_id, action, from_status, to_status, by_id, note, assignee_id, "
                   "customer_id, event_on, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind(1, ticket_id);
    q->bind(2, action);
    if (from) q->bind(3, to_string(*from));
    else q->bind(3);
    if (to) q->bind(4, to_string(*to));
    else q->bind(4);
    detail::bind_optional(*q, 5, by);
    q->bind(6, note);
    detail::bind_optional(*q, 7, assignee);
    detail::bind_optional(*q, 8, customer);
    q->bind(9, to_iso(on));
    q->bind(10, text::now_utc());
    q->exec();
}

// Who does it: every change of a ticket names a consultant or manager.
void require_by(detail::Store& store, std::int64_t by) {
    if (by <= 0) throw_invalid("by", "is required: the consultant or manager who does it");
    detail::require_consultant(store, by, "by");
}

void touch(detail::Store& store, std::int64_t ticket_id) {
    Query q(store, "UPDATE feedback_tickets SET updated_at = ? WHERE id = ?");
    q->bind(1, text::now_utc());
    q->bind(2, ticket_id);
    q->exec();
}

std::string allowed_from(TicketStatus from) {
    std::string out;
    for (TicketStatus to : {TicketStatus::received, TicketStatus::acknowledged, TicketStatus::in_progress,
                            TicketStatus::resolved, TicketStatus::closed})
        if (transition_allowed(from, to)) out += (out.empty() ? "" : " or ") + std::string(to_string(to));
    return out;
}

// The day of the ticket's last status change (its intake included): a transition is not dated before it.
Date last_change(detail::Store& store, std::int64_t ticket_id) {
    Query q(store, "SELECT max(event_on) FROM feedback_events WHERE ticket_id = ? AND (action = 'received' OR to_status IS NOT NULL)");
    q->bind(1, ticket_id);
    q->executeStep();
    return parse_date(q->getColumn(0).getText());
}

// Resolving a complaint of a customer on file schedules the site's follow-up survey once per ticket.
void schedule_follow_up(const detail::Services& s, const Ticket& t, Date resolved, std::int64_t by,
                        const calendar::WorkCalendar& calendar) {
    detail::Store& store = s.store;
    if (t.kind != FeedbackKind::complaint || !t.customer_id || t.follow_up_campaign_id || t.site.empty()) return;
    const Site site = detail::require_site(store, t.site, "site");
    const FeedbackSettings settings = detail::load_feedback_settings(store, site);
    if (!settings.follow_up_survey_id) return;
    Query survey(store, "SELECT active, site_id FROM surveys WHERE id = ?");
    survey->bind(1, *settings.follow_up_survey_id);
    // A survey retired or moved since the settings named it: the ticket is resolved all the same.
    if (!survey->executeStep() || survey->getColumn(0).getInt() == 0 ||
        (!survey->isColumnNull(1) && survey->getColumn(1).getInt64() != site.id))
        return;
    NewCampaign c;
    c.survey_id = *settings.follow_up_survey_id;
    c.channel = settings.follow_up_channel;
    c.audience.kind = AudienceKind::ticket;
    c.audience.ticket_id = t.id;
    c.name = "回访 " + t.number;
    c.send_on = calendar.add_working_days(resolved, settings.follow_up_after_days).date;
    c.by = by;
    const Campaign campaign = detail::create_campaign(s, c);
    Query q(store, "UPDATE feedback_tickets SET follow_up_campaign_id = ? WHERE id = ?");
    q->bind(1, campaign.id);
    q->bind(2, t.id);
    q->exec();
}

struct Missed {
    Ticket ticket;
    std::string deadline;
    Date due;
};

// The open tickets past a deadline on `on`, each with its earliest missed deadline, most overdue first.
std::vector<Missed> missed_deadlines(detail::Store& store, const OverdueQuery& query, Date on) {
    std::optional<std::int64_t> site_id;
    if (!text::trim(query.site).empty()) site_id = detail::require_site(store, query.site, "site").id;
    if (query.assignee_id) detail::require_consultant(store, *query.assignee_id, "assignee_id");
    Query q(store, SNOWBALL_TICKET_SELECT "WHERE " SNOWBALL_TICKET_OPEN " AND (t.resolve_due < ?1 OR "
                                          "(t.status = 'received' AND t.acknowledge_due < ?1)) "
                                          "AND (?2 IS NULL OR t.site_id = ?2) AND (?3 IS NULL OR t.assignee_id = ?3)");
    q->bind(1, to_iso(on));
    detail::bind_optional(*q, 2, site_id);
    detail::bind_optional(*q, 3, query.assignee_id);
    std::vector<Missed> out;
    while (q->executeStep()) {
        Ticket t = read_ticket(*q);
        const bool ack = t.status == TicketStatus::received && t.due.acknowledge < on;
        const bool ack_first = ack && (t.due.acknowledge <= t.due.resolve || !(t.due.resolve < on));
        Missed m{std::move(t), ack_first ? "acknowledge" : "resolve", Date()};
        m.due = ack_first ? m.ticket.due.acknowledge : m.ticket.due.resolve;
        out.push_back(std::move(m));
    }
    std::sort(out.begin(), out.end(), [](const Missed& a, const Missed& b) {
        return a.due != b.due ? a.due < b.due : a.ticket.id < b.ticket.id;
    });
    return out;
}

} // namespace

namespace detail {

Date day_given(std::optional<Date> on, const std::string& field) {
    const Date today = today_in_china();
    if (!on) return today;
    if (on->is_special()) throw_invalid(field, "is not a date");
    if (*on > today) throw_invalid(field, to_iso(*on) + " is in the future");
    if (on->year() < 1990) throw_invalid(field, to_iso(*on) + " is before 1990");
    return *on;
}

Customer require_customer(const Services& s, std::int64_t id, const std::string& field) {
    auto c = s.customers.find(id);
    if (!c) detail::throw_no_customer(field, id);
    return std::move(*c);
}

Ticket require_ticket(Store& store, std::int64_t id, const std::string& field) {
    Query q(store, SNOWBALL_TICKET_SELECT "WHERE t.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, field + ": no ticket with id " + std::to_string(id), field);
    return read_ticket(*q);
}

std::optional<std::int64_t> manager_for(Store& store, std::optional<std::int64_t> consultant_id,
                                        std::optional<std::int64_t> site_id) {
    if (consultant_id) {
        const Consultant c = require_consultant(store, *consultant_id, "consultant_id");
        if (c.manager_id && require_consultant(store, *c.manager_id, "manager_id").active) return c.manager_id;
    }
    if (!site_id) return std::nullopt;
    Query q(store, "SELECT id FROM consultants WHERE site_id = ?1 AND role = 'manager' AND active = 1 "
                   "AND (?2 IS NULL OR id <> ?2) ORDER BY id LIMIT 1");
    q->bind(1, *site_id);
    bind_optional(*q, 2, consultant_id);
    if (!q->executeStep()) return std::nullopt;
    return q->getColumn(0).getInt64();
}

Ticket open_ticket(const Services& s, const NewTicket& input, std::optional<std::int64_t> response_id) {
    Store& store = s.store;
    const std::string body = text::clean(input.text, "text", max_text, true, text::Lines::multi);
    const std::string name = text::clean(input.name, "name", 50, false);
    const std::string phone = text::trim(input.phone).empty() ? std::string() : normalize_phone(input.phone, "phone").number;
    const Date received = detail::day_given(input.received_on, "received_on");

    std::optional<Site> site;
    if (!text::trim(input.site).empty()) site = require_site(store, input.site, "site");
    std::optional<Customer> customer;
    if (input.customer_id) {
        customer = require_customer(s, *input.customer_id, "customer_id");
        if (site && customer->site != site->code)
            throw_invalid("customer_id", "customer " + std::to_string(customer->id) + " is filed at site " + customer->site +
                                             ", not " + site->code);
    } else if (!phone.empty()) {
        // A caller recognised by phone: linked when exactly one customer has it (a site has a phone on
        // file once).
        if (site) {
            customer = s.customers.by_phone(phone, site->code);
        } else if (auto found = s.customers.find_by_phone(phone); found.size() == 1) {
            customer = std::move(found[0]);
        }
    }
    if (!site && customer) site = require_site(store, customer->site, "site");
    if (!site) {
        Query only(store, "SELECT code FROM sites ORDER BY id LIMIT 2");
        std::vector<std::string> codes;
        while (only->executeStep()) codes.push_back(only->getColumn(0).getString());
        if (codes.size() == 1) site = require_site(store, codes[0], "site");
    }

    const std::vector<Category> categories = categories_of(store, site);
    const std::string category = text::lower_ascii(text::trim(input.category));
    if (std::none_of(categories.begin(), categories.end(), [&](const Category& c) { return c.key == category; })) {
        std::string keys;
        for (const Category& c : categories) keys += (keys.empty() ? "" : ", ") + c.key;
        throw_invalid("category", "'" + input.category + "' is not one of " + keys);
    }
    if (input.received_by) require_consultant(store, *input.received_by, "received_by");
    std::optional<std::int64_t> assignee = input.assignee_id;
    if (assignee) require_assignee(store, *assignee, site, "assignee_id");
    else if (customer && customer->consultant_id && require_consultant(store, *customer->consultant_id, "consultant_id").active)
        assignee = customer->consultant_id;

    const FeedbackSettings settings = load_feedback_settings(store, site);
    const DueDates due = due_dates(s.calendar.work_calendar(), received, settings.deadline(input.severity));

    const std::string scope = site ? site->code : std::string();
    const int year = received.year();
    Query next(store, "SELECT coalesce(max(seq), 0) + 1 FROM feedback_tickets WHERE number_scope = ? AND year = ?");
    next->bind(1, scope);
    next->bind(2, year);
    next->executeStep();
    const std::int64_t seq = next->getColumn(0).getInt64();
    char number[64];
    std::snprintf(number, sizeof number, "%s%sF%04d-%05lld", scope.c_str(), scope.empty() ? "" : "-", year,
                  static_cast<long long>(seq));

    const std::string now = text::now_utc();
    Query q(store, "INSERT INTO feedback_tickets(uid, number, number_scope, year, seq, site_id, channel, kind, category, severity, "
                   "body, customer_id, contact_name, contact_phone, assignee_id, received_on, received_by, acknowledge_due, "
                   "acknowledge_estimated, resolve_due, resolve_estimated, response_id, created_at, updated_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?23)");
    q->bind(1, new_uid());
    q->bind(2, std::string(number));
    q->bind(3, scope);
    q->bind(4, year);
    q->bind(5, seq);
    if (site) q->bind(6, site->id);
    else q->bind(6);
    q->bind(7, to_string(input.channel));
    q->bind(8, to_string(input.kind));
    q->bind(9, category);
    q->bind(10, to_string(input.severity));
    q->bind(11, body);
    if (customer) q->bind(12, customer->id);
    else q->bind(12);
    q->bind(13, name);
    q->bind(14, phone);
    bind_optional(*q, 15, assignee);
    q->bind(16, to_iso(received));
    bind_optional(*q, 17, input.received_by);
    q->bind(18, to_iso(due.acknowledge));
    q->bind(19, due.acknowledge_estimated ? 1 : 0);
    q->bind(20, to_iso(due.resolve));
    q->bind(21, due.resolve_estimated ? 1 : 0);
    bind_optional(*q, 22, response_id);
    q->bind(23, now);
    q->exec();
    const std::int64_t id = store.db().getLastInsertRowid();
    const std::string origin = response_id ? "满意度调查低分（答卷 " + std::to_string(*response_id) + "）" : std::string();
    record_event(store, id, "received", std::nullopt, TicketStatus::received, input.received_by, origin, std::nullopt,
                 customer ? std::optional<std::int64_t>(customer->id) : std::nullopt, received);
    if (assignee) record_event(store, id, "assigned", std::nullopt, std::nullopt, input.received_by, "", assignee, std::nullopt, received);
    return require_ticket(store, id);
}

std::vector<Ticket> open_tickets_of(Store& store, std::int64_t customer_id) {
    Query q(store, SNOWBALL_TICKET_SELECT "WHERE t.customer_id = ? AND " SNOWBALL_TICKET_OPEN " ORDER BY t.received_on DESC, t.id DESC");
    q->bind(1, customer_id);
    std::vector<Ticket> out;
    while (q->executeStep()) out.push_back(read_ticket(*q));
    return out;
}

} // namespace detail

namespace {

// Another ticket's free text that quotes one of the person's phones ("邻居 139-1234-5678 投诉噪音")
// keeps its text without that phone: the text, the resolution, and the notes of its history.
void redact_phones_in_texts(detail::Store& store, const std::vector<std::string>& phones) {
    if (phones.empty()) return;
    const auto redact = [&](std::string& value) { return text::redact_phones(value, phones, "[已删除的电话]"); };
    const auto rewrite = [&](const char* select, const char* update, int columns) {
        std::vector<std::pair<std::int64_t, std::vector<std::string>>> changed;
        SQLite::Statement q(store.db(), select);
        while (q.executeStep()) {
            std::vector<std::string> values;
            bool any = false;
            for (int c = 1; c <= columns; ++c) {
                values.push_back(q.getColumn(c).getString());
                any = redact(values.back()) || any;
            }
            if (any) changed.emplace_back(q.getColumn(0).getInt64(), std::move(values));
        }
        SQLite::Statement u(store.db(), update);
        for (const auto& [id, values] : changed) {
            for (int c = 0; c < columns; ++c) u.bind(c + 1, values[static_cast<std::size_t>(c)]);
            u.bind(columns + 1, id);
            u.exec();
            u.reset();
        }
    };
    rewrite("SELECT id, body, resolution FROM feedback_tickets WHERE body <> '' OR resolution <> ''",
            "UPDATE feedback_tickets SET body = ?, resolution = ? WHERE id = ?", 2);
    rewrite("SELECT id, note FROM feedback_events WHERE note <> ''", "UPDATE feedback_events SET note = ? WHERE id = ?", 1);
}

// The tickets' part of an erasure. The person's own tickets, and the tickets of unknown callers who
// gave one of their phones, stay as anonymous statistics (site, channel, kind, category, severity,
// dates, status): without customer, caller, text, resolution or notes. Another customer's ticket
// given with one of their phones keeps everything but that phone.
void erase_tickets(detail::Store& store, const detail::CustomerErased& subject) {
    const std::string phones = codec::dump(codec::json(subject.phones));
    // ?1 the customer, ?2 their phones (a JSON array).
    constexpr const char* theirs = "(SELECT id FROM feedback_tickets WHERE customer_id = ?1 OR "
                                   "(customer_id IS NULL AND contact_phone IN (SELECT value FROM json_each(?2))))";
    const auto run = [&](const std::string& sql, bool with_customer, bool with_phones) {
        SQLite::Statement q(store.db(), sql);
        if (with_customer) q.bind(1, subject.customer_id);
        if (with_phones) q.bind(2, phones);
        q.exec();
    };
    run(std::string("UPDATE feedback_events SET note = '', customer_id = NULL WHERE ticket_id IN ") + theirs, true, true);
    run("UPDATE feedback_events SET customer_id = NULL WHERE customer_id = ?1", true, false);
    run(std::string("UPDATE feedback_tickets SET customer_id = NULL, contact_name = '', contact_phone = '', body = '', "
                    "resolution = '', updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id IN ") + theirs,
        true, true);
    run("UPDATE feedback_tickets SET contact_phone = '' WHERE contact_phone IN (SELECT value FROM json_each(?2))", false, true);
    redact_phones_in_texts(store, subject.phones);
}

} // namespace

Feedback::Feedback(detail::Store& store, const Customers& customers, const CareCalendar& calendar)
    : store_(store), customers_(customers), calendar_(calendar) {
    store_.events().subscribe<detail::CustomerErased>("feedback", erase_tickets);
    // A merge: the merged record's tickets (and the history entries that linked them) become the
    // kept record's.
    store_.events().subscribe<detail::CustomersMerged>("feedback", [](detail::Store&, const detail::CustomersMerged& e) {
        e.journal.move("feedback_tickets", "customer_id", e.merged, e.keep);
        e.journal.move("feedback_events", "customer_id", e.merged, e.keep);
    });
}

Ticket Feedback::open(const NewTicket& ticket) {
    return store_.write([&] { return detail::open_ticket({store_, customers_, calendar_}, ticket); });
}

Ticket Feedback::get(std::int64_t ticket_id) const {
    return store_.read([&] { return detail::require_ticket(store_, ticket_id); }, false);
}

std::optional<Ticket> Feedback::by_number(std::string_view number) const {
    const std::string wanted = normalize_ticket_number(number);
    if (wanted.empty()) throw_invalid("number", "is required");
    return store_.read([&]() -> std::optional<Ticket> {
        Query q(store_, SNOWBALL_TICKET_SELECT "WHERE t.number = ?");
        q->bind(1, wanted);
        if (!q->executeStep()) return std::nullopt;
        return read_ticket(*q);
    }, false);
}

Page<Ticket> Feedback::list(const TicketQuery& query) const {
    const std::string category = text::lower_ascii(text::trim(query.category));
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(query.site).empty()) site_id = detail::require_site(store_, query.site, "site").id;
        if (query.customer_id) detail::require_customer({store_, customers_, calendar_}, *query.customer_id, "customer_id");
        if (query.assignee_id) detail::require_consultant(store_, *query.assignee_id, "assignee_id");
        const auto bind = [&](SQLite::Statement& s) {
            detail::bind_optional(s, 1, site_id);
            if (query.status) s.bind(2, to_string(*query.status));
            else s.bind(2);
            s.bind(3, query.open_only ? 1 : 0);
            detail::bind_optional(s, 4, query.customer_id);
            detail::bind_optional(s, 5, query.assignee_id);
            if (query.kind) s.bind(6, to_string(*query.kind));
            else s.bind(6);
            if (category.empty()) s.bind(7);
            else s.bind(7, category);
            if (query.severity) s.bind(8, to_string(*query.severity));
            else s.bind(8);
            if (query.from) s.bind(9, to_iso(*query.from));
            else s.bind(9);
            if (query.to) s.bind(10, to_iso(*query.to));
            else s.bind(10);
            return 11;
        };
#define SNOWBALL_TICKET_FILTER                                                                                      \
    "WHERE (?1 IS NULL OR t.site_id = ?1) AND (?2 IS NULL OR t.status = ?2) AND (NOT ?3 OR " SNOWBALL_TICKET_OPEN ") " \
    "AND (?4 IS NULL OR t.customer_id = ?4) AND (?5 IS NULL OR t.assignee_id = ?5) AND (?6 IS NULL OR t.kind = ?6) "  \
    "AND (?7 IS NULL OR t.category = ?7) AND (?8 IS NULL OR t.severity = ?8) AND (?9 IS NULL OR t.received_on >= ?9) " \
    "AND (?10 IS NULL OR t.received_on <= ?10) "
        return detail::read_page<Ticket>(store_.db(), "SELECT count(*) FROM feedback_tickets t " SNOWBALL_TICKET_FILTER,
                                         SNOWBALL_TICKET_SELECT SNOWBALL_TICKET_FILTER
                                         "ORDER BY t.received_on DESC, t.id DESC LIMIT ?11 OFFSET ?12",
                                         query.limit, query.offset, bind, read_ticket);
#undef SNOWBALL_TICKET_FILTER
    });
}

Ticket Feedback::transition(std::int64_t ticket_id, TicketStatus status, std::int64_t by, const std::string& note,
                            std::optional<Date> on) {
    const std::string n = text::clean(note, "note", max_note, false, text::Lines::multi);
    const Date day = detail::day_given(on, "on");
    return store_.write([&] {
        const Ticket t = detail::require_ticket(store_, ticket_id);
        require_by(store_, by);
        if (!transition_allowed(t.status, status))
            throw Error(Status::invalid_state,
                        "status: ticket " + t.number + " cannot go from " + to_string(t.status) + " to " + to_string(status) +
                            " (from " + to_string(t.status) + " it can go to " + allowed_from(t.status) + ")",
                        "status", t.id);
        const Date since = last_change(store_, t.id);
        if (day < since) throw_invalid("on", to_iso(day) + " is before the ticket's last change (" + to_iso(since) + ")");
        const bool reopening = status == TicketStatus::in_progress && !is_open(t.status);
        const calendar::WorkCalendar calendar = calendar_.work_calendar();
        if (reopening) {
            // The customer is not satisfied: the resolve deadline starts again from today.
            const FeedbackSettings settings = detail::load_feedback_settings(store_, site_by_id(store_, ticket_site_id(store_, t.id)));
            const calendar::WorkdayResult due = calendar.add_working_days(day, settings.deadline(t.severity).resolve_days);
            Query q(store_, "UPDATE feedback_tickets SET status = 'in_progress', reopened = reopened + 1, resolved_on = NULL, "
                            "closed_on = NULL, resolution = '', resolve_due = ?, resolve_estimated = ? WHERE id = ?");
            q->bind(1, to_iso(due.date));
            q->bind(2, due.estimated ? 1 : 0);
            q->bind(3, t.id);
            q->exec();
        } else {
            Query q(store_, "UPDATE feedback_tickets SET status = ?1, "
                            "acknowledged_on = CASE WHEN ?1 = 'acknowledged' THEN ?2 ELSE acknowledged_on END, "
                            "resolved_on = CASE WHEN ?1 = 'resolved' THEN ?2 ELSE resolved_on END, "
                            "resolution = CASE WHEN ?1 = 'resolved' THEN ?3 ELSE resolution END, "
                            "closed_on = CASE WHEN ?1 = 'closed' THEN ?2 ELSE closed_on END WHERE id = ?4");
            q->bind(1, to_string(status));
            q->bind(2, to_iso(day));
            q->bind(3, n);
            q->bind(4, t.id);
            q->exec();
        }
        record_event(store_, t.id, reopening ? "reopened" : to_string(status), t.status, status, by, n, std::nullopt,
                     std::nullopt, day);
        touch(store_, t.id);
        if (status == TicketStatus::resolved)
            schedule_follow_up({store_, customers_, calendar_}, detail::require_ticket(store_, t.id), day, by, calendar);
        return detail::require_ticket(store_, t.id);
    });
}

Ticket Feedback::assign(std::int64_t ticket_id, std::optional<std::int64_t> assignee_id, std::int64_t by,
                        const std::string& note) {
    const std::string n = text::clean(note, "note", max_note, false, text::Lines::multi);
    return store_.write([&] {
        const Ticket t = detail::require_ticket(store_, ticket_id);
        require_by(store_, by);
        if (t.status == TicketStatus::closed)
            throw Error(Status::invalid_state, "ticket_id: ticket " + t.number + " is closed; reopen it first", "ticket_id", t.id);
        if (assignee_id) require_assignee(store_, *assignee_id, site_by_id(store_, ticket_site_id(store_, t.id)), "assignee_id");
        Query q(store_, "UPDATE feedback_tickets SET assignee_id = ? WHERE id = ?");
        detail::bind_optional(*q, 1, assignee_id);
        q->bind(2, t.id);
        q->exec();
        record_event(store_, t.id, "assigned", std::nullopt, std::nullopt, by, n, assignee_id, std::nullopt, today_in_china());
        touch(store_, t.id);
        return detail::require_ticket(store_, t.id);
    });
}

Ticket Feedback::add_note(std::int64_t ticket_id, const std::string& note, std::int64_t by) {
    const std::string n = text::clean(note, "note", max_note, true, text::Lines::multi);
    return store_.write([&] {
        const Ticket t = detail::require_ticket(store_, ticket_id);
        require_by(store_, by);
        record_event(store_, t.id, "note", std::nullopt, std::nullopt, by, n, std::nullopt, std::nullopt, today_in_china());
        touch(store_, t.id);
        return detail::require_ticket(store_, t.id);
    });
}

Ticket Feedback::link(std::int64_t ticket_id, std::int64_t customer_id, std::int64_t by) {
    return store_.write([&] {
        const Ticket t = detail::require_ticket(store_, ticket_id);
        require_by(store_, by);
        const Customer c = detail::require_customer({store_, customers_, calendar_}, customer_id, "customer_id");
        if (!t.site.empty() && c.site != t.site)
            throw_invalid("customer_id", "customer " + std::to_string(c.id) + " is filed at site " + c.site + ", ticket " +
                                             t.number + " belongs to site " + t.site);
        if (t.customer_id == c.id) return t;
        const Site site = detail::require_site(store_, c.site, "site");
        // An unassigned ticket goes to the customer's consultant, as at intake.
        std::optional<std::int64_t> assignee = t.assignee_id;
        if (!assignee && c.consultant_id && detail::require_consultant(store_, *c.consultant_id, "consultant_id").active)
            assignee = c.consultant_id;
        Query q(store_, "UPDATE feedback_tickets SET customer_id = ?, site_id = ?, assignee_id = ? WHERE id = ?");
        q->bind(1, c.id);
        q->bind(2, site.id);
        detail::bind_optional(*q, 3, assignee);
        q->bind(4, t.id);
        q->exec();
        const Date today = today_in_china();
        record_event(store_, t.id, "linked", std::nullopt, std::nullopt, by,
                     t.customer_id ? "previously customer " + std::to_string(*t.customer_id) : std::string(), std::nullopt, c.id,
                     today);
        if (assignee != t.assignee_id)
            record_event(store_, t.id, "assigned", std::nullopt, std::nullopt, by, "", assignee, std::nullopt, today);
        touch(store_, t.id);
        return detail::require_ticket(store_, t.id);
    });
}

std::vector<TicketEvent> Feedback::history(std::int64_t ticket_id) const {
    return store_.read([&] {
        detail::require_ticket(store_, ticket_id);
        Query q(store_, "SELECT id, ticket_id, action, from_status, to_status, by_id, note, assignee_id, customer_id, event_on, at "
                        "FROM feedback_events WHERE ticket_id = ? ORDER BY id");
        q->bind(1, ticket_id);
        std::vector<TicketEvent> out;
        while (q->executeStep()) {
            TicketEvent e;
            e.id = q->getColumn(0).getInt64();
            e.ticket_id = q->getColumn(1).getInt64();
            e.action = q->getColumn(2).getString();
            if (!q->isColumnNull(3)) e.from = parse_ticket_status(q->getColumn(3).getText());
            if (!q->isColumnNull(4)) e.to = parse_ticket_status(q->getColumn(4).getText());
            e.by = optional_int(*q, 5);
            e.note = q->getColumn(6).getString();
            e.assignee_id = optional_int(*q, 7);
            e.customer_id = optional_int(*q, 8);
            e.on = parse_date(q->getColumn(9).getText());
            e.at = q->getColumn(10).getString();
            out.push_back(std::move(e));
        }
        return out;
    });
}

std::vector<Ticket> Feedback::overdue(const OverdueQuery& query) const {
    const Date on = query.on ? *query.on : today_in_china();
    if (on.is_special()) throw_invalid("on", "is not a date");
    return store_.read([&] {
        std::vector<Ticket> out;
        for (Missed& m : missed_deadlines(store_, query, on)) out.push_back(std::move(m.ticket));
        return out;
    });
}

std::vector<Escalation> Feedback::escalations(const OverdueQuery& query) const {
    const Date on = query.on ? *query.on : today_in_china();
    if (on.is_special()) throw_invalid("on", "is not a date");
    return store_.read([&] {
        const calendar::WorkCalendar calendar = calendar_.work_calendar();
        std::map<std::string, int> after;   // by site code
        std::vector<Escalation> out;
        for (Missed& m : missed_deadlines(store_, query, on)) {
            auto it = after.find(m.ticket.site);
            if (it == after.end()) {
                std::optional<Site> site;
                if (!m.ticket.site.empty()) site = detail::require_site(store_, m.ticket.site, "site");
                it = after.emplace(m.ticket.site, detail::load_feedback_settings(store_, site).escalate_after_days).first;
            }
            const int late = calendar.working_days_between(m.due, on).days;
            if (late < it->second) continue;
            Escalation e;
            e.deadline = m.deadline;
            e.due = m.due;
            e.working_days_overdue = late;
            e.escalate_to = detail::manager_for(store_, m.ticket.assignee_id, ticket_site_id(store_, m.ticket.id));
            e.ticket = std::move(m.ticket);
            out.push_back(std::move(e));
        }
        return out;
    });
}

std::vector<Ticket> Feedback::open_tickets(std::int64_t customer_id) const {
    return store_.read([&] {
        detail::require_customer({store_, customers_, calendar_}, customer_id, "customer_id");
        return detail::open_tickets_of(store_, customer_id);
    });
}

} // namespace snowball
