// Site tours and owner events inside a transaction: the event rows read, the checks every
// operation starts with, the invitations' waitlist — shared by events.cpp, invitations.cpp and
// outcome.cpp.
#pragma once

#include "archive/store.hpp"
#include "snowball/events.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snowball::detail {

// An event row with what the operations need beside the public record.
struct EventRow {
    Event event;
    std::int64_t site_id = 0;
    bool closed = false;
    bool at_construction_site = false;   // its kind's
};

// The event with this id; not_found naming `field` otherwise. The handle's actor must work at the
// event's site (a site's administrator, manager or consultant; the host any): forbidden otherwise.
EventRow require_event(Store& store, std::int64_t event_id, const std::string& field = "event_id");
// The same, for an operation that changes the event or its invitations: a cancelled event is
// invalid_state (naming `field`).
EventRow require_open_event(Store& store, std::int64_t event_id, const std::string& field = "event_id");
// The site's kinds: the built-in ones, then its own.
std::vector<EventKind> site_event_kinds(Store& store, std::int64_t site_id);

// The invitation of the customer; nullopt when there is none.
std::optional<Invitation> find_invitation(Store& store, std::int64_t event_id, std::int64_t customer_id);
// People with a place (yes answers, not waitlisted, with their party).
std::int64_t confirmed_people(Store& store, std::int64_t event_id);
// Moves waitlisted yes answers up, in the order they came, while their party fits the capacity;
// the customers moved up.
std::vector<std::int64_t> promote_waitlist(Store& store, const Event& event);

// The message of a send about the event: `text` when given, else the site's template of this
// purpose for the channel, else the library's.
std::string event_message(const Outreach& outreach, const std::string& site, TemplatePurpose purpose, ContactChannel channel,
                          const std::string& text);

// A send about the event to these customers, under the key "event:<id>:<what>" (a send repeated
// reaches nobody twice).
Sending event_sending(std::int64_t event_id, const char* what, std::vector<std::int64_t> customers, ContactChannel channel,
                      std::string text, const Sender& sender);

// The erasure step (subscribed by SiteEvents): the person's invitations go; guests they brought
// keep theirs without naming them.
void subscribe_event_erasure(Store& store);

} // namespace snowball::detail
