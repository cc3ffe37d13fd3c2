// The contact log inside a transaction: entries written and read, the follow-up state kept, the
// sites' settings — shared by the service, its event handlers and its reports.
#pragma once

#include "archive/store.hpp"
#include "snowball/contacts.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snowball::detail {

// A site's settings (the defaults when it has none stored).
ContactSettings load_contact_settings(Store& store, std::int64_t site_id, const std::string& site_code);
const ContactOutcome* find_outcome(const ContactSettings& settings, std::string_view key);
// The grade's position on the site's scale (0: highest); the scale's size when it has no such grade.
std::size_t grade_rank(const ContactSettings& settings, std::string_view grade);
// The interval of the policy for a customer of this grade and stage; nullopt: none.
std::optional<int> policy_days(const ContactSettings& settings, std::string_view grade, Stage stage);

// An entry ready to be written: every value checked by the caller.
struct EntryDraft {
    std::int64_t customer_id = 0;
    std::int64_t site_id = 0;
    std::optional<std::int64_t> consultant_id;
    std::int64_t at = 0;                 // seconds since the epoch
    ContactChannel channel = ContactChannel::phone;
    ContactDirection direction = ContactDirection::out;
    std::optional<int> duration_s;
    std::string outcome;
    bool reached = false;
    std::string note;
    std::string intent;                  // "": unchanged
    std::optional<NextContact> next_contact;
    std::optional<std::int64_t> care_task_id, ticket_id, campaign_id, referral_id, deal_id;
    std::optional<std::int64_t> event_id, delivery_id;   // the event or the delivery it was (outreach)
    bool quiet_hours = false;
    std::optional<std::int64_t> supersedes;
    std::string recorded_by;
};

// Writes the entry and moves the customer's follow-up; returns its id.
std::int64_t insert_entry(Store& store, const EntryDraft& draft, const ContactSettings& settings, Stage stage);
// Recomputes the customer's follow-up state from their entries (after a correction, a late entry,
// a change of the policy).
void refresh_follow_up(Store& store, std::int64_t customer_id, const ContactSettings& settings, Stage stage);
std::optional<ContactEntry> find_entry(Store& store, std::int64_t id);
ContactEntry require_entry(Store& store, std::int64_t id);
std::optional<FollowUp> stored_follow_up(Store& store, std::int64_t customer_id);

// Whose customers a list may show to the handle's actor: a consultant their own (their id is put in
// `consultant_id`), a manager or an administrator their site's, the host any. The site of the list.
Site list_scope(Store& store, std::string_view site_code, std::optional<std::int64_t>& consultant_id);

// Subscribes the contact log's reactions (src/contacts/events.cpp): a visit and a done care task
// write their entries; an erased customer's entries and follow-up go.
void subscribe_contact_events(Store& store);

// The contact channel of a care action's channel ("phone", "sms", "gift", "visit", ...).
ContactChannel channel_of_action(std::string_view action_channel);

} // namespace snowball::detail
