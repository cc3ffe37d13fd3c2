// Site tours and owner events (MISSION §2 tactics 7 and 9): 工地开放日 tours of the construction
// site that explain the process and the materials, owner events (业主联谊, 酒会, 圣诞舞会, 业主节) that
// bring old customers to bring new ones, product launches. Events are invited by audience under the
// contact log's do-not-contact rules, answered (RSVP, party size, a waitlist), reminded the day
// before, checked in at the door — and a guest who comes with an attendee is filed as a prospect
// referred by that attendee (method event_guest). Outcomes per event: attendance, new prospects,
// deals within 90 days, survey scores.
#pragma once

#include "snowball/outreach.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}
class Customers;
class Consultants;
class Contacts;
class Referrals;
class Surveys;
class Outreach;

// The built-in kinds: site_tour 工地开放日 (a tour of the construction site), owner_party 业主联谊,
// cocktail 酒会, christmas_ball 圣诞舞会, owner_festival 业主节, product_launch 产品发布会; a site adds
// its own (add_event_kind).
struct EventKind {
    std::string key;       // [a-z][a-z0-9_]*, at most 40
    std::string label;     // what people read
    bool at_construction_site = false;   // attendance is a visit to the construction site
    bool builtin = false;
};
const std::vector<EventKind>& default_event_kinds();

enum class EventStatus { scheduled, cancelled };
const char* to_string(EventStatus value) noexcept;
EventStatus parse_event_status(std::string_view text, const std::string& field = "status");

struct NewEvent {
    std::string site;
    std::string kind = "site_tour";         // a kind of the site
    std::string title;                      // 1..100 characters
    std::string start;                      // "YYYY-MM-DDTHH:MM" China time, or with Z/offset
    std::optional<int> duration_minutes;    // 1..1440; default 120
    std::string place;                      // at most 200 characters
    std::optional<int> capacity;            // people (invited and their party); nullopt: no limit
    std::optional<std::int64_t> host;       // the host consultant, of the site
    std::string description;                // at most 4000 characters
};

// A recurring event (e.g. a tour every second Saturday): its occurrences are events of their own,
// generated for the series' span, each changeable or cancellable on its own.
struct NewEventSeries {
    NewEvent first;                         // the first occurrence; the others keep its weekday and time
    int every_weeks = 2;                    // 1..8
    std::optional<Date> until;              // the last day (inclusive); at most a year after the first
    std::optional<int> count;               // or a number of occurrences, 1..60
};

struct Event {
    std::int64_t id = 0;
    std::string site;
    std::optional<std::int64_t> series_id;
    std::string kind;
    std::string title;
    std::string start;                      // UTC, ISO 8601
    Date date;                              // the day in China
    std::string time;                       // "HH:MM" China time
    int duration_minutes = 120;
    std::string place;
    std::optional<int> capacity;
    std::optional<std::int64_t> host;
    std::string description;
    EventStatus status = EventStatus::scheduled;
    std::string cancel_reason;
    bool changed = false;                   // an occurrence changed apart from its series
    std::int64_t invited = 0;               // invitations, waitlist included
    std::int64_t confirmed_people = 0;      // yes answers with their party
    std::int64_t waitlisted = 0;
    std::string created_at;
};

// Only what is set changes.
struct EventUpdate {
    std::optional<std::string> title;
    std::optional<std::string> start;
    std::optional<int> duration_minutes;
    std::optional<std::string> place;
    std::optional<std::optional<int>> capacity;
    std::optional<std::optional<std::int64_t>> host;
    std::optional<std::string> description;
};

enum class RsvpAnswer { none, yes, no, maybe };
enum class Attendance { unknown, attended, no_show };
const char* to_string(RsvpAnswer value) noexcept;
const char* to_string(Attendance value) noexcept;
RsvpAnswer parse_rsvp_answer(std::string_view text, const std::string& field = "answer");
Attendance parse_attendance(std::string_view text, const std::string& field = "attendance");

struct Invitation {
    std::int64_t event_id = 0;
    std::int64_t customer_id = 0;
    RsvpAnswer answer = RsvpAnswer::none;
    int party = 1;                          // people coming, the customer included
    bool waitlisted = false;                // a yes beyond the capacity, waiting for a place
    int waitlist_position = 0;              // 1 first; 0 when not waitlisted
    Attendance attendance = Attendance::unknown;
    std::optional<std::int64_t> guest_of;   // a walk-in guest: the attendee who brought them
    bool walk_in = false;                   // came without an invitation
    std::string invited_at;
    std::string answered_at;
    std::string reminded_at;
    std::string checked_in_at;
};

// An invitation round: who, and whether to send it (through the outreach, on `channel`).
struct InviteRequest {
    std::vector<Recipients> audience;
    std::optional<ContactChannel> channel;  // nullopt: invited in person (each logged as an `event`
                                            // contact); else the invitation is sent on it
    std::string text;                       // the message; "": the site's invitation template
    std::string at;
    std::optional<std::int64_t> by;
    Sender sender;
};

struct InviteResult {
    std::int64_t invited = 0;               // new invitations
    std::int64_t already = 0;               // invited before
    std::int64_t skipped = 0;               // do-not-contact, or off file
    std::vector<std::int64_t> skipped_ids;
    SendResult sent;                        // when sent
};

struct RsvpResult {
    Invitation invitation;
    std::vector<std::int64_t> promoted;     // moved up from the waitlist by this answer
};

// A check-in at the door: an invited customer, a customer who walked in, or a guest brought by an
// attendee (`guest_of`), filed as a new prospect when their phone is not on file at the site.
struct CheckIn {
    std::optional<std::int64_t> customer_id;
    std::optional<std::int64_t> guest_of;
    std::string name;                       // a new guest
    std::string phone;
    Gender gender = Gender::unknown;
    std::string at;                         // "": now
    std::optional<std::int64_t> by;         // the consultant at the door
};

struct CheckInResult {
    std::int64_t customer_id = 0;
    bool new_prospect = false;              // filed by this check-in
    std::optional<std::int64_t> referral_id;   // the event_guest referral recorded
    std::string referral_note;              // why none was recorded, when a guest's was refused
    Invitation invitation;
};

struct EventOutcome {
    std::int64_t event_id = 0;
    std::int64_t invited = 0;               // invitations (walk-ins not counted)
    std::int64_t answered_yes = 0;
    std::int64_t attended = 0;              // customers checked in (guests and walk-ins included)
    std::int64_t no_show = 0;
    std::int64_t guests = 0;                // brought by an attendee
    std::int64_t new_prospects = 0;         // filed at the event
    std::optional<double> attendance_rate;  // attended invited ÷ invited
    std::int64_t deals_90d_attendees = 0;   // closed within 90 days of the event by attendees (not guests)
    std::int64_t deals_90d_guests = 0;      // by guests
    std::int64_t survey_responses = 0;      // of the campaigns linked to the event
    std::optional<double> csat;             // % of rating5 answers 4 or 5
    std::optional<double> average_rating;  // mean of the rating5 answers
};

struct EventQuery {
    std::string site;
    std::optional<Date> from;
    std::optional<Date> to;
    std::string kind;
    bool include_cancelled = false;
};

class SiteEvents {
public:
    SiteEvents(detail::Store& store, Customers& customers, Consultants& consultants, Contacts& contacts, Referrals& referrals,
               Surveys& surveys, Outreach& outreach);
    SiteEvents(const SiteEvents&) = delete;
    SiteEvents& operator=(const SiteEvents&) = delete;

    std::vector<EventKind> kinds(std::string_view site) const;
    std::vector<EventKind> add_kind(std::string_view site, const EventKind& kind);

    Event create(const NewEvent& event);
    std::vector<Event> create_series(const NewEventSeries& series);   // the occurrences, by date
    Event get(std::int64_t event_id) const;
    std::vector<Event> list(const EventQuery& query) const;           // by start
    std::vector<Event> series(std::int64_t series_id) const;
    Event update(std::int64_t event_id, const EventUpdate& update);
    // Cancels the event and notifies the invited on `channel` (nullopt: nobody is notified).
    Event cancel(std::int64_t event_id, const std::string& reason, std::optional<ContactChannel> channel = std::nullopt,
                 const Sender& sender = {}, std::optional<std::int64_t> by = std::nullopt);

    InviteResult invite(std::int64_t event_id, const InviteRequest& request);
    RsvpResult rsvp(std::int64_t event_id, std::int64_t customer_id, RsvpAnswer answer, int party = 1);
    std::vector<Invitation> invitations(std::int64_t event_id) const;   // by customer id
    // The day-before reminders: the events of `on + 1` day, sent to those who said yes or maybe.
    SendResult remind(std::int64_t event_id, ContactChannel channel = ContactChannel::sms, const Sender& sender = {},
                      std::string_view text = {}, std::string_view at = {});
    CheckInResult check_in(std::int64_t event_id, const CheckIn& check_in);
    // After the event: everyone invited with a yes who did not check in is a no-show.
    std::int64_t close(std::int64_t event_id);
    // A post-event survey campaign: its responses count in the event's outcome.
    void link_campaign(std::int64_t event_id, std::int64_t campaign_id);
    EventOutcome outcome(std::int64_t event_id) const;

private:
    detail::Store& store_;
    Customers& customers_;
    Consultants& consultants_;
    Contacts& contacts_;
    Referrals& referrals_;
    Surveys& surveys_;
    Outreach& outreach_;
};

} // namespace snowball
