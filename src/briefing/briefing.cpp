#include "snowball/briefing.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/chinese_name.hpp"
#include "common/text.hpp"
#include "snowball/lunar.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>

namespace snowball {

std::string salutation(const std::string& name, Gender gender, Language language) {
    if (name.empty()) return name;
    const bool chinese = language != Language::en && text::is_chinese_name(name);
    // Gender not on file: the full name with both titles, as a sales office writes to a customer it
    // has not met (尊敬的张伟先生/女士); in English the name alone.
    if (gender == Gender::unknown) return chinese ? name + "先生/女士" : name;
    if (!chinese) return (gender == Gender::male ? "Mr. " : "Ms. ") + name;
    // A customer first filed by the surname alone ("欧阳") is 欧阳先生 too.
    return text::split_name(name).family + (gender == Gender::male ? "先生" : "女士");
}

Briefings::Briefings(detail::Store& store, Customers& customers, Consultants& consultants, Family& family,
                     Profiles& profiles, Feedback& feedback, CareCalendar& calendar, Contacts& contacts)
    : store_(store), customers_(customers), consultants_(consultants), family_(family), profiles_(profiles),
      feedback_(feedback), calendar_(calendar), contacts_(contacts) {}

// Inside the caller's read: every part from the public service that owns it.
Briefing Briefings::brief(Customer customer, Language language) const {
    Briefing b;
    const Customer& c = customer;
    b.salutation = salutation(c.name, c.gender, language);
    if (c.consultant_id) b.consultant = consultants_.get(*c.consultant_id);
    b.family = family_.list(c.id);
    Page<Visit> visits = customers_.recent_visits(c.id, 3);
    b.recent_visits = std::move(visits.items);
    b.visit_count = visits.total;
    for (Deal& d : customers_.deals(c.id))
        if (!d.cancelled) b.deals.push_back(std::move(d));
    b.open_tickets = feedback_.open_tickets(c.id);
    const Date today = today_in_china();
    const Date horizon = std::min(today + boost::gregorian::days(upcoming_days), calendar::max_date());
    if (today <= horizon) b.upcoming = calendar_.upcoming(c, b.family, b.deals, today, horizon);
    ProfileSummary profile = profiles_.summary(c, b.family, language);
    b.profile = std::move(profile.shown);
    b.completeness = profile.completeness;
    b.ask_next = std::move(profile.ask_next);
    b.recent_contacts = contacts_.history(c.id, 3);
    b.follow_up = contacts_.follow_up(c.id);
    b.customer = std::move(customer);
    return b;
}

std::optional<Briefing> Briefings::by_phone(std::string_view phone, std::string_view site, Language language) const {
    return store_.read([&]() -> std::optional<Briefing> {
        std::optional<Customer> c = customers_.by_phone(phone, site);
        if (!c) return std::nullopt;
        return brief(std::move(*c), language);
    });
}

Briefing Briefings::for_customer(std::int64_t customer_id, Language language) const {
    return store_.read([&] {
        std::optional<Customer> c = customers_.find(customer_id);
        if (!c)
            detail::throw_no_customer("customer_id", customer_id);
        return brief(std::move(*c), language);
    });
}

} // namespace snowball
