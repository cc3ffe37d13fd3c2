// Site tours and owner events: what an event brought — attendance, guests and new prospects,
// deals within 90 days among attendees and among guests, and the scores of the survey campaigns
// that followed it.
#include "outreach/events_store.hpp"

#include "archive/records.hpp"
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"

#include <set>

namespace snowball {

using detail::Query;

namespace {

// Closed (contracted) deals of the customer dated (contract date) within [from, to].
bool dealt_within(const Customers& customers, std::int64_t customer_id, Date from, Date to) {
    for (const Deal& d : customers.deals(customer_id))
        if (!d.cancelled && d.stage == DealStage::contract && d.date >= from && d.date <= to) return true;
    return false;
}

} // namespace

void SiteEvents::link_campaign(std::int64_t event_id, std::int64_t campaign_id) {
    store_.write([&] {
        const detail::EventRow row = detail::require_event(store_, event_id);
        const Campaign c = [&] {
            try {
                return surveys_.campaign(campaign_id);
            } catch (const Error& e) {
                if (e.status() != Status::not_found) throw;
                throw Error(Status::not_found, "campaign_id: no survey campaign with id " + std::to_string(campaign_id), "campaign_id");
            }
        }();
        if (!c.site.empty() && c.site != row.event.site)
            throw_invalid("campaign_id", "campaign " + std::to_string(campaign_id) + " is of site " + c.site + ", not " + row.event.site);
        Query q(store_, "INSERT INTO event_campaigns(event_id, campaign_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
        q->bind(1, event_id);
        q->bind(2, campaign_id);
        q->exec();
    });
}

EventOutcome SiteEvents::outcome(std::int64_t event_id) const {
    return store_.read([&] {
        const detail::EventRow row = detail::require_event(store_, event_id);
        EventOutcome o;
        o.event_id = event_id;
        std::int64_t attended_invited = 0;
        std::vector<std::int64_t> attendees, guests;
        {
            Query q(store_, "SELECT customer_id, answer, attendance, guest_of IS NOT NULL, walk_in, filed_here "
                            "FROM event_invitations WHERE event_id = ? ORDER BY customer_id");
            q->bind(1, event_id);
            while (q->executeStep()) {
                const bool walk_in = q->getColumn(4).getInt() != 0;
                const bool guest = q->getColumn(3).getInt() != 0;
                const std::string attendance = q->getColumn(2).getString();
                if (!walk_in) ++o.invited;
                if (q->getColumn(1).getString() == "yes") ++o.answered_yes;
                if (attendance == "no_show") ++o.no_show;
                if (guest) ++o.guests;
                if (q->getColumn(5).getInt() != 0) ++o.new_prospects;
                if (attendance != "attended") continue;
                ++o.attended;
                if (!walk_in) ++attended_invited;
                (guest ? guests : attendees).push_back(q->getColumn(0).getInt64());
            }
        }
        if (o.invited > 0) o.attendance_rate = double(attended_invited) / double(o.invited);
        const Date from = row.event.date, to = row.event.date + boost::gregorian::days(90);
        for (std::int64_t id : attendees) o.deals_90d_attendees += dealt_within(customers_, id, from, to) ? 1 : 0;
        for (std::int64_t id : guests) o.deals_90d_guests += dealt_within(customers_, id, from, to) ? 1 : 0;

        // The linked campaigns' responses, read through the surveys.
        std::vector<std::int64_t> campaigns;
        {
            Query q(store_, "SELECT campaign_id FROM event_campaigns WHERE event_id = ? ORDER BY campaign_id");
            q->bind(1, event_id);
            while (q->executeStep()) campaigns.push_back(q->getColumn(0).getInt64());
        }
        std::int64_t ratings = 0, satisfied = 0, sum = 0;
        for (std::int64_t campaign : campaigns) {
            ResponseQuery query;
            query.campaign_id = campaign;
            query.limit = 10000;
            for (;;) {
                const Page<Response> page = surveys_.responses(query);
                for (const Response& r : page.items) {
                    ++o.survey_responses;
                    for (const Answer& a : r.answers) {
                        if (a.type != QuestionType::rating5 || !a.score) continue;
                        ++ratings;
                        sum += *a.score;
                        if (*a.score >= 4) ++satisfied;
                    }
                }
                query.offset += static_cast<std::int64_t>(page.items.size());
                if (page.items.empty() || query.offset >= page.total) break;
            }
        }
        if (ratings > 0) {
            o.csat = 100.0 * double(satisfied) / double(ratings);
            o.average_rating = double(sum) / double(ratings);
        }
        return o;
    });
}

} // namespace snowball
