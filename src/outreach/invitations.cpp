// Site tours and owner events: invitations by audience under do-not-contact, answers and the
// waitlist, the day-before reminders, check-in at the door (walk-ins, and guests who become
// prospects referred by the attendee who brought them), and closing an event.
#include "outreach/events_store.hpp"

#include "archive/events.hpp"
#include "archive/records.hpp"
#include "common/text.hpp"
#include "outreach/outreach_store.hpp"
#include "privacy/access.hpp"
#include "snowball/customers.hpp"
#include "snowball/phone.hpp"
#include "snowball/referrals.hpp"

#include <algorithm>

namespace snowball {

using detail::Query;

namespace {

#define SNOWBALL_INVITATION_SELECT                                                                                     \
    "SELECT i.event_id, i.customer_id, i.answer, i.party, i.waitlist_seq, i.attendance, i.guest_of, i.walk_in, "        \
    "i.invited_at, i.answered_at, i.reminded_at, i.checked_in_at, CASE WHEN i.waitlist_seq IS NULL THEN 0 ELSE "       \
    "(SELECT count(*) FROM event_invitations w WHERE w.event_id = i.event_id AND w.waitlist_seq <= i.waitlist_seq) END " \
    "FROM event_invitations i "

Invitation read_invitation(SQLite::Statement& q) {
    Invitation v;
    v.event_id = q.getColumn(0).getInt64();
    v.customer_id = q.getColumn(1).getInt64();
    v.answer = parse_rsvp_answer(q.getColumn(2).getText());
    v.party = q.getColumn(3).getInt();
    v.waitlisted = !q.isColumnNull(4);
    v.attendance = parse_attendance(q.getColumn(5).getText());
    if (!q.isColumnNull(6)) v.guest_of = q.getColumn(6).getInt64();
    v.walk_in = q.getColumn(7).getInt() != 0;
    v.invited_at = q.getColumn(8).getString();
    v.answered_at = q.getColumn(9).getString();
    v.reminded_at = q.getColumn(10).getString();
    v.checked_in_at = q.getColumn(11).getString();
    v.waitlist_position = q.getColumn(12).getInt();
    return v;
}

// A moment given by the caller ("" now); at most a day ahead.
std::int64_t moment_at_most_tomorrow(std::string_view at, const std::string& field) {
    const std::int64_t t = text::moment_or_now(at, field);
    if (text::china_date(t) > today_in_china() + boost::gregorian::days(1))
        throw_invalid(field, "'" + std::string(at) + "' is in the future");
    return t;
}

// `by` names a consultant of the event's site.
void require_site_consultant(detail::Store& store, std::int64_t id, const std::string& site, const std::string& field) {
    detail::require_consultant_at(store, id, site, field);
}

detail::EventRow require_event_not_closed(detail::Store& store, std::int64_t event_id) {
    detail::EventRow row = detail::require_open_event(store, event_id);
    if (row.closed)
        throw Error(Status::invalid_state, "event_id: event " + std::to_string(event_id) + " is closed", "event_id");
    return row;
}

// What the contact log says of an event: 「title」 on its day at its time.
std::string event_words(const Event& e) { return "「" + e.title + "」（" + to_iso(e.date) + " " + e.time + "）"; }

// A contact of the event in the customer's log (written by the contact log).
void log_event_contact(detail::Store& store, const detail::EventRow& row, const detail::Subject& subject,
                       std::optional<std::int64_t> consultant, std::int64_t at, ContactChannel channel, ContactDirection direction,
                       const std::string& note) {
    detail::ContactMade m;
    m.customer_id = subject.id;
    m.consultant_id = consultant ? consultant : subject.consultant_id;
    m.at = at;
    m.channel = to_string(channel);
    m.inbound = direction == ContactDirection::in;
    m.outcome = m.inbound ? "reached" : "sent";
    m.note = note;
    m.event_id = row.event.id;
    store.events().publish(store, m);
}

} // namespace

namespace detail {

std::optional<Invitation> find_invitation(Store& store, std::int64_t event_id, std::int64_t customer_id) {
    Query q(store, SNOWBALL_INVITATION_SELECT "WHERE i.event_id = ? AND i.customer_id = ?");
    q->bind(1, event_id);
    q->bind(2, customer_id);
    if (!q->executeStep()) return std::nullopt;
    return read_invitation(*q);
}

std::int64_t confirmed_people(Store& store, std::int64_t event_id) {
    Query q(store, "SELECT ifnull(sum(party), 0) FROM event_invitations WHERE event_id = ? AND answer = 'yes' AND waitlist_seq IS NULL");
    q->bind(1, event_id);
    q->executeStep();
    return q->getColumn(0).getInt64();
}

std::vector<std::int64_t> promote_waitlist(Store& store, const Event& event) {
    std::vector<std::int64_t> promoted;
    if (event.status == EventStatus::cancelled) return promoted;
    for (;;) {
        std::int64_t customer = 0, party = 0;
        {
            Query q(store, "SELECT customer_id, party FROM event_invitations WHERE event_id = ? AND waitlist_seq IS NOT NULL "
                           "ORDER BY waitlist_seq LIMIT 1");
            q->bind(1, event.id);
            if (!q->executeStep()) break;
            customer = q->getColumn(0).getInt64();
            party = q->getColumn(1).getInt64();
        }
        // In order: the first in line moves up when their party fits, and nobody passes them.
        if (event.capacity && confirmed_people(store, event.id) + party > *event.capacity) break;
        Query u(store, "UPDATE event_invitations SET waitlist_seq = NULL WHERE event_id = ? AND customer_id = ?");
        u->bind(1, event.id);
        u->bind(2, customer);
        u->exec();
        promoted.push_back(customer);
    }
    return promoted;
}

} // namespace detail

InviteResult SiteEvents::invite(std::int64_t event_id, const InviteRequest& request) {
    if (request.audience.empty()) throw_invalid("audience", "is required: who is invited");
    if (request.channel) detail::require_delivery_channel(*request.channel, "channel");
    if (!request.text.empty()) check_template(request.text, "text");
    const std::int64_t at = moment_at_most_tomorrow(request.at, "at");
    InviteResult result;
    std::vector<std::int64_t> to_send;   // everyone of the audience invited: a send already made skips them
    std::string site;
    store_.write([&] {
        const detail::EventRow row = require_event_not_closed(store_, event_id);
        site = row.event.site;
        if (row.event.date < today_in_china())
            throw Error(Status::invalid_state, "event_id: event " + std::to_string(event_id) + " was on " + to_iso(row.event.date),
                        "event_id");
        detail::acting(store_, request.by);
        if (request.by) require_site_consultant(store_, *request.by, site, "by");
        const std::string channel = request.channel ? to_string(*request.channel) : to_string(ContactChannel::event);
        const std::string note = "邀请参加活动" + event_words(row.event);
        for (std::int64_t id : detail::resolve_audience(store_, referrals_, contacts_, request.audience, "audience")) {
            const detail::Subject subject = detail::require_subject(store_, id);
            // Customers of other sites (a referral circle may reach them) and those who object are left out.
            if (subject.site != site || !detail::purpose_allowed(store_, id, Purpose::service, channel)) {
                ++result.skipped;
                result.skipped_ids.push_back(id);
                continue;
            }
            if (const auto existing = detail::find_invitation(store_, event_id, id)) {
                ++result.already;
                if (!existing->walk_in) to_send.push_back(id);
                continue;
            }
            Query q(store_, "INSERT INTO event_invitations(event_id, customer_id, invited_at) VALUES (?, ?, ?)");
            q->bind(1, event_id);
            q->bind(2, id);
            q->bind(3, text::utc_text(at));
            q->exec();
            ++result.invited;
            to_send.push_back(id);
            if (!request.channel) log_event_contact(store_, row, subject, request.by, at, ContactChannel::event, ContactDirection::out, note);
        }
    });
    if (!request.channel || to_send.empty()) return result;
    // The sending is the outreach's own operation: each delivery is recorded (and logged as a
    // contact) whatever the sender does, and a send repeated reaches nobody twice.
    Sending s = detail::event_sending(event_id, "invitation", to_send, *request.channel,
                                      detail::event_message(outreach_, site, TemplatePurpose::invitation, *request.channel,
                                                            request.text),
                                      request.sender);
    s.at = request.at;
    s.by = request.by;
    result.sent = outreach_.send(s);
    return result;
}

RsvpResult SiteEvents::rsvp(std::int64_t event_id, std::int64_t customer_id, RsvpAnswer answer, int party) {
    if (answer == RsvpAnswer::none) throw_invalid("answer", "give yes, no or maybe");
    if (party < 1 || party > 20) throw_invalid("party", std::to_string(party) + " is out of range 1..20 people");
    return store_.write([&] {
        const detail::EventRow row = require_event_not_closed(store_, event_id);
        const Event& e = row.event;
        detail::require_subject(store_, customer_id);
        const auto before = detail::find_invitation(store_, event_id, customer_id);
        if (!before)
            throw Error(Status::invalid_state,
                        "customer_id: customer " + std::to_string(customer_id) + " is not invited to event " + std::to_string(event_id),
                        "customer_id");
        const std::int64_t confirmed = detail::confirmed_people(store_, event_id);
        const bool had_place = before->answer == RsvpAnswer::yes && !before->waitlisted;
        // ?3 the answer, ?4 the party, ?5: 0 keep the place in line, 1 leave the line, 2 join its end.
        int line = 1;
        if (answer == RsvpAnswer::yes) {
            if (e.capacity && party > *e.capacity)
                throw_invalid("party", std::to_string(party) + " people are more than event " + std::to_string(event_id) +
                                           "'s capacity (" + std::to_string(*e.capacity) + ")");
            if (had_place) {
                if (e.capacity && confirmed - before->party + party > *e.capacity)
                    throw Error(Status::conflict,
                                "party: event " + std::to_string(event_id) + " has " +
                                    std::to_string(*e.capacity - confirmed + before->party) + " places for this party",
                                "party");
            } else if (before->waitlisted) {
                line = 0;
            } else {
                Query waiting(store_, "SELECT count(*) FROM event_invitations WHERE event_id = ? AND waitlist_seq IS NOT NULL");
                waiting->bind(1, event_id);
                waiting->executeStep();
                const bool fits = !e.capacity || (waiting->getColumn(0).getInt64() == 0 && confirmed + party <= *e.capacity);
                line = fits ? 1 : 2;
            }
        }
        Query q(store_, "UPDATE event_invitations SET answer = ?3, party = ?4, answered_at = ?6, waitlist_seq = CASE ?5 "
                        "WHEN 0 THEN waitlist_seq WHEN 1 THEN NULL ELSE (SELECT ifnull(max(waitlist_seq), 0) + 1 FROM "
                        "event_invitations WHERE event_id = ?1) END WHERE event_id = ?1 AND customer_id = ?2");
        q->bind(1, event_id);
        q->bind(2, customer_id);
        q->bind(3, to_string(answer));
        q->bind(4, party);
        q->bind(5, line);
        q->bind(6, text::now_utc());
        q->exec();
        RsvpResult out;
        // A no, a maybe or a smaller party frees places.
        out.promoted = detail::promote_waitlist(store_, e);
        out.invitation = *detail::find_invitation(store_, event_id, customer_id);
        return out;
    });
}

std::vector<Invitation> SiteEvents::invitations(std::int64_t event_id) const {
    return store_.read([&] {
        detail::require_event(store_, event_id);
        Query q(store_, SNOWBALL_INVITATION_SELECT "WHERE i.event_id = ? ORDER BY i.customer_id");
        q->bind(1, event_id);
        std::vector<Invitation> out;
        while (q->executeStep()) out.push_back(read_invitation(*q));
        return out;
    });
}

SendResult SiteEvents::remind(std::int64_t event_id, ContactChannel channel, const Sender& sender, std::string_view text,
                              std::string_view at) {
    detail::require_delivery_channel(channel, "channel");
    const std::string message(text);
    if (!message.empty()) check_template(message, "text");
    const std::int64_t when = moment_at_most_tomorrow(at, "at");
    std::vector<std::int64_t> coming;
    const Event e = store_.read([&] {
        const detail::EventRow row = require_event_not_closed(store_, event_id);
        if (text::parse_moment(row.event.start, "start") <= when)
            throw Error(Status::invalid_state, "event_id: event " + std::to_string(event_id) + " has begun", "event_id");
        Query q(store_, "SELECT customer_id FROM event_invitations WHERE event_id = ? AND answer IN ('yes', 'maybe') "
                        "AND waitlist_seq IS NULL ORDER BY customer_id");
        q->bind(1, event_id);
        while (q->executeStep()) coming.push_back(q->getColumn(0).getInt64());
        return row.event;
    });
    SendResult result;
    result.key = "event:" + std::to_string(event_id) + ":reminder";
    if (coming.empty()) return result;
    Sending s = detail::event_sending(event_id, "reminder", coming, channel,
                                      detail::event_message(outreach_, e.site, TemplatePurpose::reminder, channel, message), sender);
    s.at = std::string(at);
    result = outreach_.send(s);
    store_.write([&] {
        Query q(store_, "UPDATE event_invitations SET reminded_at = ? WHERE event_id = ? AND customer_id = ?");
        const std::string now = text::now_utc();
        for (const Delivery& d : result.deliveries) {
            if (d.status == DeliveryStatus::skipped || d.status == DeliveryStatus::failed) continue;
            q->bind(1, now);
            q->bind(2, event_id);
            q->bind(3, d.customer_id);
            q->exec();
            q->reset();
        }
    });
    return result;
}

CheckInResult SiteEvents::check_in(std::int64_t event_id, const CheckIn& c) {
    const std::string name = text::clean(c.name, "name", 50, false);
    const std::string given_phone = std::string(text::trim(c.phone));
    const bool guest_data = !name.empty() || !given_phone.empty();
    if (c.customer_id && guest_data) throw_invalid("customer_id", "give customer_id, or a guest's name and phone, not both");
    if (!c.customer_id && !guest_data) throw_invalid("customer_id", "give customer_id, or a guest's name and phone");
    std::string phone;
    if (guest_data) {
        if (name.empty()) throw_invalid("name", "a guest's name is required");
        if (given_phone.empty()) throw_invalid("phone", "a guest's mobile is required");
        phone = normalize_mobile(given_phone, "phone");
    }
    if (c.customer_id && c.guest_of && *c.customer_id == *c.guest_of)
        throw_invalid("guest_of", "a customer is not their own guest");
    const std::int64_t at = moment_at_most_tomorrow(c.at, "at");
    if (text::china_date(at) > today_in_china()) throw_invalid("at", "'" + c.at + "' is in the future");
    return store_.write([&] {
        const detail::EventRow row = detail::require_open_event(store_, event_id);
        const Event& e = row.event;
        detail::acting(store_, c.by);
        if (c.by) require_site_consultant(store_, *c.by, e.site, "by");
        const VisitPlace place = row.at_construction_site ? VisitPlace::construction_site : VisitPlace::sales_office;
        const std::string came = "参加活动" + event_words(e);
        const auto of_site = [&](std::int64_t id, const std::string& field) {
            const detail::Subject s = detail::require_subject(store_, id, field);
            if (s.site != e.site)
                throw_invalid(field, "customer " + std::to_string(id) + " is a customer of site " + s.site + ", not " + e.site);
            return s;
        };
        // Marks the customer present: their invitation, or a walk-in's row; and the visit it was.
        const auto attend = [&](std::int64_t id, const std::optional<std::int64_t>& guest_of, bool filed_here) {
            const auto inv = detail::find_invitation(store_, event_id, id);
            if (inv && inv->attendance == Attendance::attended)
                throw Error(Status::conflict, "customer_id: customer " + std::to_string(id) + " checked in at " + inv->checked_in_at,
                            "customer_id", id);
            Query q(store_, "INSERT INTO event_invitations(event_id, customer_id, attendance, guest_of, walk_in, filed_here, "
                            "checked_in_at) VALUES (?1, ?2, 'attended', ?3, 1, ?4, ?5) ON CONFLICT (event_id, customer_id) DO "
                            "UPDATE SET attendance = 'attended', guest_of = ifnull(guest_of, ?3), checked_in_at = ?5");
            q->bind(1, event_id);
            q->bind(2, id);
            detail::bind_optional(*q, 3, guest_of);
            q->bind(4, filed_here ? 1 : 0);
            q->bind(5, text::utc_text(at));
            q->exec();
            if (filed_here) return;   // filed as a walk-in: the filing is their first visit
            NewVisit v;
            v.date = text::china_date(at);
            v.consultant_id = c.by;
            v.note = came;
            v.place = place;
            customers_.record_visit(id, v);
        };

        CheckInResult out;
        std::optional<detail::Subject> attendee;
        if (c.guest_of) {
            attendee = of_site(*c.guest_of, "guest_of");
            // The attendee who brings a guest is at the door too.
            const auto inv = detail::find_invitation(store_, event_id, *c.guest_of);
            if (!inv || inv->attendance != Attendance::attended) attend(*c.guest_of, std::nullopt, false);
        }
        if (c.customer_id) {
            of_site(*c.customer_id, "customer_id");
            out.customer_id = *c.customer_id;
        } else if (const auto known = customers_.by_phone(phone, e.site)) {
            out.customer_id = known->id;
            if (c.guest_of && known->id == *c.guest_of) throw_invalid("phone", "is the phone of guest_of: a customer is not their own guest");
        } else {
            NewCustomer n;
            n.site = e.site;
            n.channel = Channel::visit;
            n.name = name;
            n.gender = c.gender;
            n.mobile = phone;
            // The consultant of the attendee who brought them, else the event's host.
            n.consultant_id = attendee && attendee->consultant_id ? attendee->consultant_id : e.host ? e.host : c.by;
            n.first_contact = text::china_date(at);
            n.note = "活动嘉宾：" + e.title + "（" + to_iso(e.date) + "）";
            out.customer_id = customers_.add(n).id;
            out.new_prospect = true;
        }
        attend(out.customer_id, c.guest_of, out.new_prospect);
        if (out.new_prospect)
            log_event_contact(store_, row, detail::require_subject(store_, out.customer_id), c.by ? c.by : e.host, at,
                              place == VisitPlace::construction_site ? ContactChannel::visit_site : ContactChannel::visit_office,
                              ContactDirection::in, came);
        if (c.guest_of) {
            NewReferral r;
            r.referrer_id = *c.guest_of;
            r.referee_id = out.customer_id;
            r.method = ReferralMethod::event_guest;
            r.note = "活动嘉宾：" + e.title;
            try {
                out.referral_id = referrals_.add(r).id;
            } catch (const Error& refused) {
                // The guest stays checked in; the referral rules decide whether they were referred.
                if (refused.status() != Status::invalid_argument && refused.status() != Status::conflict) throw;
                out.referral_note = std::string("no referral recorded: ") + refused.what();
            }
        }
        out.invitation = *detail::find_invitation(store_, event_id, out.customer_id);
        return out;
    });
}

std::int64_t SiteEvents::close(std::int64_t event_id) {
    return store_.write([&] {
        const detail::EventRow row = detail::require_open_event(store_, event_id);
        if (text::parse_moment(row.event.start, "start") > text::now_seconds())
            throw Error(Status::invalid_state, "event_id: event " + std::to_string(event_id) + " has not begun", "event_id");
        Query q(store_, "UPDATE event_invitations SET attendance = 'no_show' WHERE event_id = ? AND answer = 'yes' "
                        "AND waitlist_seq IS NULL AND attendance = 'unknown'");
        q->bind(1, event_id);
        q->exec();
        const std::int64_t no_shows = store_.db().getChanges();
        Query c(store_, "UPDATE events SET closed = 1 WHERE id = ?");
        c->bind(1, event_id);
        c->exec();
        return no_shows;
    });
}

} // namespace snowball
