// Site tours and owner events: the kinds, events and their recurring series, changes one by one,
// cancellation (the invited told through the outreach), and the module's erasure step.
#include "outreach/events_store.hpp"

#include "archive/events.hpp"
#include "archive/merge_journal.hpp"
#include "archive/records.hpp"
#include "codec/events.hpp"
#include "common/enum_names.hpp"
#include "common/text.hpp"
#include "outreach/outreach_store.hpp"
#include "privacy/access.hpp"

#include <algorithm>
#include <array>

namespace snowball {

using detail::Query;

namespace {

template <class E>
using Alias = detail::EnumName<E>;

constexpr std::array<Alias<EventStatus>, 4> status_names{{
    {"scheduled", EventStatus::scheduled}, {"已安排", EventStatus::scheduled},
    {"cancelled", EventStatus::cancelled}, {"已取消", EventStatus::cancelled},
}};
constexpr std::array<Alias<RsvpAnswer>, 10> answer_names{{
    {"none", RsvpAnswer::none}, {"未回复", RsvpAnswer::none},
    {"yes", RsvpAnswer::yes}, {"参加", RsvpAnswer::yes}, {"是", RsvpAnswer::yes},
    {"no", RsvpAnswer::no}, {"不参加", RsvpAnswer::no}, {"否", RsvpAnswer::no},
    {"maybe", RsvpAnswer::maybe}, {"待定", RsvpAnswer::maybe},
}};
constexpr std::array<Alias<Attendance>, 6> attendance_names{{
    {"unknown", Attendance::unknown}, {"未知", Attendance::unknown},
    {"attended", Attendance::attended}, {"到场", Attendance::attended},
    {"no_show", Attendance::no_show}, {"未到", Attendance::no_show},
}};

#define SNOWBALL_EVENT_SELECT                                                                                            \
    "SELECT e.id, s.code, e.series_id, e.kind, e.title, e.start, e.day, e.time, e.duration_minutes, e.place, e.capacity, " \
    "e.host_id, e.description, e.status, e.cancel_reason, e.changed, e.created_at, e.site_id, e.closed, "                 \
    "(SELECT count(*) FROM event_invitations i WHERE i.event_id = e.id AND i.walk_in = 0), "                             \
    "(SELECT ifnull(sum(i.party), 0) FROM event_invitations i WHERE i.event_id = e.id AND i.answer = 'yes' "              \
    "AND i.waitlist_seq IS NULL), "                                                                                      \
    "(SELECT count(*) FROM event_invitations i WHERE i.event_id = e.id AND i.waitlist_seq IS NOT NULL) "                 \
    "FROM events e JOIN sites s ON s.id = e.site_id "

std::optional<std::int64_t> optional_id(SQLite::Statement& q, int column) {
    if (q.isColumnNull(column)) return std::nullopt;
    return q.getColumn(column).getInt64();
}

detail::EventRow read_event(SQLite::Statement& q) {
    detail::EventRow r;
    Event& e = r.event;
    e.id = q.getColumn(0).getInt64();
    e.site = q.getColumn(1).getString();
    e.series_id = optional_id(q, 2);
    e.kind = q.getColumn(3).getString();
    e.title = q.getColumn(4).getString();
    e.start = q.getColumn(5).getString();
    e.date = parse_date(q.getColumn(6).getText());
    e.time = q.getColumn(7).getString();
    e.duration_minutes = q.getColumn(8).getInt();
    e.place = q.getColumn(9).getString();
    if (!q.isColumnNull(10)) e.capacity = q.getColumn(10).getInt();
    e.host = optional_id(q, 11);
    e.description = q.getColumn(12).getString();
    e.status = parse_event_status(q.getColumn(13).getText());
    e.cancel_reason = q.getColumn(14).getString();
    e.changed = q.getColumn(15).getInt() != 0;
    e.created_at = q.getColumn(16).getString();
    r.site_id = q.getColumn(17).getInt64();
    r.closed = q.getColumn(18).getInt() != 0;
    e.invited = q.getColumn(19).getInt64();
    e.confirmed_people = q.getColumn(20).getInt64();
    e.waitlisted = q.getColumn(21).getInt64();
    return r;
}

std::vector<Event> read_events(SQLite::Statement& q) {
    std::vector<Event> out;
    while (q.executeStep()) out.push_back(read_event(q).event);
    return out;
}

// A handle of a site's administrator, manager or consultant works with its own site's events.
void require_site_actor(detail::Store& store, const std::string& site, const std::string& field) {
    detail::require_actor_site(store.actor(), site, field);
}

// What is given of an event, checked without the archive.
struct CheckedEvent {
    std::string kind;
    std::string title;
    std::int64_t start = 0;
    int duration = 120;
    std::string place;
    std::string description;
};

std::int64_t check_start(const std::string& start, const std::string& field) {
    if (text::trim(start).empty()) throw_invalid(field, "is required: YYYY-MM-DDTHH:MM, China time");
    const std::int64_t at = text::parse_moment(start, field);
    const Date day = text::china_date(at);
    if (day.year() < 2000) throw_invalid(field, "'" + start + "' is before the year 2000");
    if (day > today_in_china() + boost::gregorian::days(3 * 366))
        throw_invalid(field, "'" + start + "' is more than three years ahead");
    return at;
}

void check_duration(int minutes, const std::string& field) {
    if (minutes < 1 || minutes > 1440) throw_invalid(field, std::to_string(minutes) + " is out of range 1..1440 minutes");
}

void check_capacity(const std::optional<int>& capacity, const std::string& field) {
    if (capacity && (*capacity < 1 || *capacity > 100000))
        throw_invalid(field, std::to_string(*capacity) + " is out of range 1..100000 people");
}

CheckedEvent check_event(const NewEvent& e, const std::string& at) {
    const auto f = [&](const char* key) { return at.empty() ? std::string(key) : at + "." + key; };
    CheckedEvent k;
    k.kind = std::string(text::trim(e.kind));
    if (k.kind.empty()) throw_invalid(f("kind"), "is required");
    k.title = text::clean(e.title, f("title"), 100, true);
    k.start = check_start(e.start, f("start"));
    k.duration = e.duration_minutes.value_or(120);
    check_duration(k.duration, f("duration_minutes"));
    k.place = text::clean(e.place, f("place"), 200, false);
    check_capacity(e.capacity, f("capacity"));
    k.description = text::clean(e.description, f("description"), 4000, false, text::Lines::multi);
    return k;
}

// The host must be an active consultant of the event's site.
void check_host(detail::Store& store, std::int64_t host, const std::string& site, const std::string& field) {
    const Consultant c = detail::require_consultant_at(store, host, site, field);
    if (!c.active) throw_invalid(field, "consultant " + std::to_string(c.id) + " has left");
}

const EventKind& require_kind(const std::vector<EventKind>& kinds, const std::string& key, const std::string& site,
                              const std::string& field) {
    for (const EventKind& k : kinds)
        if (k.key == key) return k;
    std::string keys;
    for (const EventKind& k : kinds) keys += (keys.empty() ? "" : ", ") + k.key;
    throw_invalid(field, "'" + key + "' is not an event kind of site " + site + ": " + keys);
}

std::int64_t insert_event(detail::Store& store, const Site& site, std::optional<std::int64_t> series, const CheckedEvent& k,
                          const NewEvent& e, std::int64_t start) {
    Query q(store, "INSERT INTO events(site_id, series_id, kind, title, start, day, time, duration_minutes, place, capacity, "
                   "host_id, description, created_at, created_by) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
    q->bind(1, site.id);
    detail::bind_optional(*q, 2, series);
    q->bind(3, k.kind);
    q->bind(4, k.title);
    q->bind(5, text::utc_text(start));
    q->bind(6, to_iso(text::china_date(start)));
    q->bind(7, text::china_hh_mm(start));
    q->bind(8, k.duration);
    q->bind(9, k.place);
    detail::bind_optional(*q, 10, e.capacity);
    detail::bind_optional(*q, 11, e.host);
    q->bind(12, k.description);
    q->bind(13, text::now_utc());
    q->bind(14, store.actor().text());
    q->exec();
    return store.db().getLastInsertRowid();
}

// The site of a new event or series, its kind and host checked.
Site check_new_event(detail::Store& store, const NewEvent& e, const CheckedEvent& k, const std::string& at) {
    const auto f = [&](const char* key) { return at.empty() ? std::string(key) : at + "." + key; };
    if (text::trim(e.site).empty()) throw_invalid(f("site"), "is required");
    const Site site = detail::require_site(store, e.site, f("site"));
    require_site_actor(store, site.code, f("site"));
    require_kind(detail::site_event_kinds(store, site.id), k.kind, site.code, f("kind"));
    if (e.host) check_host(store, *e.host, site.code, f("host"));
    return site;
}

void erase_invitations(detail::Store& store, const detail::CustomerErased& e) {
    Query del(store, "DELETE FROM event_invitations WHERE customer_id = ?");
    del->bind(1, e.customer_id);
    del->exec();
    Query guests(store, "UPDATE event_invitations SET guest_of = NULL WHERE guest_of = ?");
    guests->bind(1, e.customer_id);
    guests->exec();
}

} // namespace

const char* to_string(EventStatus value) noexcept { return detail::key_of(status_names, value); }
const char* to_string(RsvpAnswer value) noexcept { return detail::key_of(answer_names, value); }
const char* to_string(Attendance value) noexcept { return detail::key_of(attendance_names, value); }
EventStatus parse_event_status(std::string_view t, const std::string& f) { return detail::parse_key(status_names, t, f); }
RsvpAnswer parse_rsvp_answer(std::string_view t, const std::string& f) { return detail::parse_key(answer_names, t, f); }
Attendance parse_attendance(std::string_view t, const std::string& f) { return detail::parse_key(attendance_names, t, f); }

const std::vector<EventKind>& default_event_kinds() {
    static const std::vector<EventKind> all{
        {"site_tour", "工地开放日", true, true},        {"owner_party", "业主联谊", false, true},
        {"cocktail", "酒会", false, true},              {"christmas_ball", "圣诞舞会", false, true},
        {"owner_festival", "业主节", false, true},      {"product_launch", "产品发布会", false, true},
    };
    return all;
}

namespace detail {

std::vector<EventKind> site_event_kinds(Store& store, std::int64_t site_id) {
    std::vector<EventKind> kinds = default_event_kinds();
    Query q(store, "SELECT key, label, at_construction_site FROM event_kinds WHERE site_id = ? ORDER BY key");
    q->bind(1, site_id);
    while (q->executeStep())
        kinds.push_back({q->getColumn(0).getString(), q->getColumn(1).getString(), q->getColumn(2).getInt() != 0, false});
    return kinds;
}

EventRow require_event(Store& store, std::int64_t event_id, const std::string& field) {
    Query q(store, SNOWBALL_EVENT_SELECT "WHERE e.id = ?");
    q->bind(1, event_id);
    if (!q->executeStep()) throw Error(Status::not_found, field + ": no event with id " + std::to_string(event_id), field);
    EventRow r = read_event(*q);
    require_site_actor(store, r.event.site, field);
    for (const EventKind& k : site_event_kinds(store, r.site_id))
        if (k.key == r.event.kind) r.at_construction_site = k.at_construction_site;
    return r;
}

EventRow require_open_event(Store& store, std::int64_t event_id, const std::string& field) {
    EventRow r = require_event(store, event_id, field);
    if (r.event.status == EventStatus::cancelled)
        throw Error(Status::invalid_state, field + ": event " + std::to_string(event_id) + " was cancelled", field);
    return r;
}

std::string event_message(const Outreach& outreach, const std::string& site, TemplatePurpose purpose, ContactChannel channel,
                          const std::string& text) {
    if (!text.empty()) return text;
    // The site's own template first, then a group-wide one, then the library's.
    const MessageTemplate* best = nullptr;
    const std::vector<MessageTemplate> all = outreach.templates(site);
    for (const MessageTemplate& t : all)
        if (t.purpose == purpose && t.channel == channel && (!best || (best->site.empty() && !t.site.empty()))) best = &t;
    if (best) return best->text;
    for (const NewMessageTemplate& t : default_message_templates())
        if (t.purpose == purpose) return t.text;
    throw Error(Status::error, "no message template for " + std::string(to_string(purpose)));
}

Sending event_sending(std::int64_t event_id, const char* what, std::vector<std::int64_t> customers, ContactChannel channel,
                      std::string text, const Sender& sender) {
    Sending s;
    s.key = "event:" + std::to_string(event_id) + ":" + what;
    Recipients r;
    r.scope = AudienceScope::customers;
    r.customer_ids = std::move(customers);
    s.audience = {std::move(r)};
    s.channel = channel;
    s.text = std::move(text);
    s.event_id = event_id;
    s.sender = sender;
    return s;
}

void subscribe_event_erasure(Store& store) {
    store.events().subscribe<CustomerErased>("events", erase_invitations);
    // A merge: the merged record's invitations and the guests it brought become the kept record's;
    // where both were invited to one event, the kept record's invitation stays.
    store.events().subscribe<CustomersMerged>("events", [](Store&, const CustomersMerged& e) {
        const std::string keep = std::to_string(e.keep), merged = std::to_string(e.merged);
        e.journal.remove("event_invitations", "customer_id = " + merged + " AND event_id IN (SELECT event_id FROM "
                                              "event_invitations WHERE customer_id = " + keep + ")");
        e.journal.move("event_invitations", "customer_id", e.merged, e.keep);
        e.journal.move("event_invitations", "guest_of", e.merged, e.keep);
    });
}

} // namespace detail

// ---------------------------------------------------------------------------------------------
// The service

SiteEvents::SiteEvents(detail::Store& store, Customers& customers, Consultants& consultants, Contacts& contacts,
                       Referrals& referrals, Surveys& surveys, Outreach& outreach)
    : store_(store), customers_(customers), consultants_(consultants), contacts_(contacts), referrals_(referrals),
      surveys_(surveys), outreach_(outreach) {
    detail::subscribe_event_erasure(store_);
}

std::vector<EventKind> SiteEvents::kinds(std::string_view site) const {
    return store_.read([&] { return detail::site_event_kinds(store_, detail::require_site(store_, site, "site").id); });
}

std::vector<EventKind> SiteEvents::add_kind(std::string_view site, const EventKind& kind) {
    const std::string key = std::string(text::trim(kind.key));
    if (!text::is_key(key)) throw_invalid("key", "'" + kind.key + "' is not a key: a-z, 0-9 and _, starting with a letter, at most 40");
    const std::string label = text::clean(kind.label, "label", 40, true);
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        require_site_actor(store_, s.code, "site");
        for (const EventKind& k : detail::site_event_kinds(store_, s.id))
            if (k.key == key) throw Error(Status::conflict, "key: site " + s.code + " has the event kind '" + key + "'", "key");
        Query q(store_, "INSERT INTO event_kinds(site_id, key, label, at_construction_site) VALUES (?, ?, ?, ?)");
        q->bind(1, s.id);
        q->bind(2, key);
        q->bind(3, label);
        q->bind(4, kind.at_construction_site ? 1 : 0);
        q->exec();
        return detail::site_event_kinds(store_, s.id);
    });
}

Event SiteEvents::create(const NewEvent& event) {
    const CheckedEvent k = check_event(event, "");
    return store_.write([&] {
        const Site site = check_new_event(store_, event, k, "");
        return detail::require_event(store_, insert_event(store_, site, std::nullopt, k, event, k.start)).event;
    });
}

std::vector<Event> SiteEvents::create_series(const NewEventSeries& series) {
    const CheckedEvent k = check_event(series.first, "first");
    if (series.every_weeks < 1 || series.every_weeks > 8)
        throw_invalid("every_weeks", std::to_string(series.every_weeks) + " is out of range 1..8");
    if (series.until.has_value() == series.count.has_value()) throw_invalid("until", "give either until or count");
    const Date first_day = text::china_date(k.start);
    const std::int64_t step = std::int64_t(series.every_weeks) * 7 * 86400;   // China keeps no summer time
    std::vector<std::int64_t> starts;
    if (series.count) {
        if (*series.count < 1 || *series.count > 60) throw_invalid("count", std::to_string(*series.count) + " is out of range 1..60");
        for (int i = 0; i < *series.count; ++i) starts.push_back(k.start + i * step);
    } else {
        if (series.until->is_special()) throw_invalid("until", "is not a day");
        if (*series.until < first_day)
            throw_invalid("until", to_iso(*series.until) + " is before the first occurrence (" + to_iso(first_day) + ")");
        if ((*series.until - first_day).days() > 366)
            throw_invalid("until", to_iso(*series.until) + " is more than a year after the first occurrence");
        for (std::int64_t at = k.start; text::china_date(at) <= *series.until; at += step) starts.push_back(at);
    }
    return store_.write([&] {
        const Site site = check_new_event(store_, series.first, k, "first");
        Query s(store_, "INSERT INTO event_series(site_id, every_weeks, created_at) VALUES (?, ?, ?)");
        s->bind(1, site.id);
        s->bind(2, series.every_weeks);
        s->bind(3, text::now_utc());
        s->exec();
        const std::int64_t series_id = store_.db().getLastInsertRowid();
        for (std::int64_t at : starts) insert_event(store_, site, series_id, k, series.first, at);
        return this->series(series_id);
    });
}

Event SiteEvents::get(std::int64_t event_id) const {
    return store_.read([&] { return detail::require_event(store_, event_id).event; });
}

std::vector<Event> SiteEvents::list(const EventQuery& query) const {
    if (text::trim(query.site).empty()) throw_invalid("site", "is required");
    if (query.from && query.to && *query.to < *query.from)
        throw_invalid("to", to_iso(*query.to) + " is before from (" + to_iso(*query.from) + ")");
    return store_.read([&] {
        const Site site = detail::require_site(store_, query.site, "site");
        require_site_actor(store_, site.code, "site");
        const std::string kind = std::string(text::trim(query.kind));
        if (!kind.empty()) require_kind(detail::site_event_kinds(store_, site.id), kind, site.code, "kind");
        Query q(store_, SNOWBALL_EVENT_SELECT "WHERE e.site_id = ?1 AND (?2 IS NULL OR e.day >= ?2) AND (?3 IS NULL OR e.day <= ?3) "
                                              "AND (?4 = '' OR e.kind = ?4) AND (?5 OR e.status = 'scheduled') ORDER BY e.start, e.id");
        q->bind(1, site.id);
        if (query.from) q->bind(2, to_iso(*query.from));
        else q->bind(2);
        if (query.to) q->bind(3, to_iso(*query.to));
        else q->bind(3);
        q->bind(4, kind);
        q->bind(5, query.include_cancelled ? 1 : 0);
        return read_events(*q);
    });
}

std::vector<Event> SiteEvents::series(std::int64_t series_id) const {
    return store_.read([&] {
        Query q(store_, SNOWBALL_EVENT_SELECT "WHERE e.series_id = ? ORDER BY e.start, e.id");
        q->bind(1, series_id);
        std::vector<Event> out = read_events(*q);
        if (out.empty()) throw Error(Status::not_found, "series_id: no event series with id " + std::to_string(series_id), "series_id");
        require_site_actor(store_, out.front().site, "series_id");
        return out;
    });
}

Event SiteEvents::update(std::int64_t event_id, const EventUpdate& u) {
    std::optional<std::string> title, place, description;
    std::optional<std::int64_t> start;
    if (u.title) title = text::clean(*u.title, "title", 100, true);
    if (u.start) start = check_start(*u.start, "start");
    if (u.duration_minutes) check_duration(*u.duration_minutes, "duration_minutes");
    if (u.place) place = text::clean(*u.place, "place", 200, false);
    if (u.capacity) check_capacity(*u.capacity, "capacity");
    if (u.description) description = text::clean(*u.description, "description", 4000, false, text::Lines::multi);
    return store_.write([&] {
        const detail::EventRow row = detail::require_open_event(store_, event_id);
        Event e = row.event;
        if (u.host && *u.host) check_host(store_, **u.host, e.site, "host");
        if (title) e.title = *title;
        if (start) {
            e.start = text::utc_text(*start);
            e.date = text::china_date(*start);
            e.time = text::china_hh_mm(*start);
        }
        if (u.duration_minutes) e.duration_minutes = *u.duration_minutes;
        if (place) e.place = *place;
        if (u.capacity) e.capacity = *u.capacity;
        if (u.host) e.host = *u.host;
        if (description) e.description = *description;
        Query q(store_, "UPDATE events SET title = ?2, start = ?3, day = ?4, time = ?5, duration_minutes = ?6, place = ?7, "
                        "capacity = ?8, host_id = ?9, description = ?10, changed = (series_id IS NOT NULL) WHERE id = ?1");
        q->bind(1, event_id);
        q->bind(2, e.title);
        q->bind(3, e.start);
        q->bind(4, to_iso(e.date));
        q->bind(5, e.time);
        q->bind(6, e.duration_minutes);
        q->bind(7, e.place);
        detail::bind_optional(*q, 8, e.capacity);
        detail::bind_optional(*q, 9, e.host);
        q->bind(10, e.description);
        q->exec();
        // A larger capacity (or none) makes room for the waitlist.
        detail::promote_waitlist(store_, e);
        return detail::require_event(store_, event_id).event;
    });
}

Event SiteEvents::cancel(std::int64_t event_id, const std::string& reason, std::optional<ContactChannel> channel,
                         const Sender& sender, std::optional<std::int64_t> by) {
    const std::string why = text::clean(reason, "reason", 500, true);
    if (channel) detail::require_delivery_channel(*channel);
    // Who is told: everyone invited who did not say no (the waitlist too).
    std::vector<std::int64_t> told;
    const Event cancelled = store_.write([&] {
        const detail::EventRow row = detail::require_open_event(store_, event_id);
        if (by) check_host(store_, *by, row.event.site, "by");
        Query q(store_, "UPDATE events SET status = 'cancelled', cancel_reason = ? WHERE id = ?");
        q->bind(1, why);
        q->bind(2, event_id);
        q->exec();
        Query who(store_, "SELECT customer_id FROM event_invitations WHERE event_id = ? AND walk_in = 0 AND answer <> 'no' "
                          "ORDER BY customer_id");
        who->bind(1, event_id);
        while (who->executeStep()) told.push_back(who->getColumn(0).getInt64());
        return detail::require_event(store_, event_id).event;
    });
    if (!channel || told.empty()) return cancelled;
    // The notice is the outreach's own operation: its deliveries are recorded whatever the sender does.
    std::string reason_text;
    for (char c : why) reason_text += c == '{' ? "{{" : c == '}' ? "}}" : std::string(1, c);
    const std::string text =
        detail::event_message(outreach_, cancelled.site, TemplatePurpose::cancellation, *channel, "") + "（" + reason_text + "）";
    Sending s = detail::event_sending(event_id, "cancelled", told, *channel, text, sender);
    s.by = by;
    outreach_.send(s);
    return cancelled;
}

} // namespace snowball
