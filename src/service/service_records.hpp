// The service module inside a transaction: what Feedback and Surveys share. Closing the loop crosses
// the two services (a resolved complaint schedules a survey, a low score opens a ticket) within one
// transaction, so these work on the Store and on the public services of the modules below, whose
// calls join the operation under way (archive/store.hpp).
#pragma once

#include "archive/store.hpp"
#include "snowball/archive.hpp"
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball::detail {

// What the module's operations stand on: the archive's store, the customers on file, the care
// calendar (for the archive's working days).
struct Services {
    Store& store;
    const Customers& customers;
    const CareCalendar& calendar;
};

// A customer on file, or not_found naming `field`.
Customer require_customer(const Services& s, std::int64_t id, const std::string& field = "customer_id");

// A site's settings (the defaults when it has none); a group-level ticket (no site) uses the defaults.
FeedbackSettings load_feedback_settings(Store& store, const std::optional<Site>& site);

// The categories a ticket of the site may take: the defaults, then the site's own.
std::vector<Category> categories_of(Store& store, const std::optional<Site>& site);

Ticket require_ticket(Store& store, std::int64_t id, const std::string& field = "ticket_id");
// Feedback::open inside the caller's transaction; `response_id`: the survey response whose low score
// opens it.
Ticket open_ticket(const Services& s, const NewTicket& input, std::optional<std::int64_t> response_id = std::nullopt);
// A customer's open tickets, newest first (Feedback::open_tickets without the customer's check).
std::vector<Ticket> open_tickets_of(Store& store, std::int64_t customer_id);
// Who takes what a consultant cannot: their manager; else an active manager of the site (the lowest
// id); else nobody.
std::optional<std::int64_t> manager_for(Store& store, std::optional<std::int64_t> consultant_id,
                                        std::optional<std::int64_t> site_id);

// A day given for something that happened (default today, China): not in the future, not before 1990.
Date day_given(std::optional<Date> on, const std::string& field);

// Surveys::create_campaign inside the caller's transaction.
Campaign create_campaign(const Services& s, const NewCampaign& input);

} // namespace snowball::detail
