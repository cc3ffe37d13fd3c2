#include "care/upcoming.hpp"

#include "archive/records.hpp"
#include "care/generator.hpp"
#include "care/policy.hpp"
#include "care/settings_store.hpp"
#include "care/sql_reader.hpp"
#include "snowball/lunar.hpp"

#include <algorithm>
#include <map>

namespace snowball {

namespace detail {

std::vector<UpcomingOccasion> upcoming_occasions(Store& store, const Customer& c, const std::vector<FamilyMember>& family,
                                                 const std::vector<Deal>& deals, Date from, Date to) {
    check_window(from, to);
    const CareSettings settings = load_care_settings(store, require_site(store, c.site, "site"));
    std::map<Date, std::vector<TaskOccasion>> days;
    const bool twice = settings.occasions.leap_month_birthdays_twice;
    if (c.birthday)
        for (Date d : birthday_dates(*c.birthday, from, to, twice)) days[d].push_back(birthday_occasion(c.name));
    for (const FamilyMember& m : family)
        if (m.birthday)
            for (Date d : birthday_dates(*m.birthday, from, to, twice))
                days[d].push_back(family_birthday_occasion(m.id, to_string(m.relation), m.name));
    for (const Deal& deal : deals) {
        // Anniversaries and follow-ups count from the contract: a reservation or subscription has none.
        if (deal.cancelled || deal.stage != DealStage::contract) continue;
        if (settings.occasions.deal_anniversaries)
            for (Date d : anniversary_dates(deal.date, from, to)) days[d].push_back(anniversary_occasion(deal.id, deal.date, d));
        for (const FollowUpDate& f : follow_up_dates(deal.date, settings.occasions.follow_up, from, to))
            days[f.date].push_back(follow_up_occasion(deal.id, f));
    }
    const std::vector<calendar::FestivalRule> enabled = enabled_festivals(settings);
    CareAudienceFacts facts;
    facts.gender = c.gender;
    if (c.birthday && c.birthday->year) facts.birth_year = c.birthday->year;
    for (const FamilyMember& m : family) {
        facts.child = facts.child || m.relation == Relation::child;
        facts.mother = facts.mother || m.relation == Relation::mother;
        facts.father = facts.father || m.relation == Relation::father;
        facts.spouse = facts.spouse || m.relation == Relation::spouse;
    }
    std::vector<std::string> conditions;
    for (const auto& f : enabled)
        for (std::string& k : audience_conditions(f.audience)) conditions.push_back(std::move(k));
    if (!conditions.empty()) facts.met = conditions_met(store, c.id, conditions);
    const Date first(static_cast<unsigned short>(calendar::kFirstFestivalYear), 1, 1);
    if (!enabled.empty() && to >= first && from <= calendar::max_date())
        for (const auto& fd : calendar::festivals_between(std::max(from, first), std::min(to, calendar::max_date()), enabled))
            if (festival_applies(settings.policy, fd.key, c.tier, c.stage))
                for (const auto& f : enabled)
                    if (f.key == fd.key)
                        for (TaskOccasion& o : festival_occasions_for(f, facts, from.year())) days[fd.date].push_back(std::move(o));
    std::vector<UpcomingOccasion> out;
    for (const auto& [day, occasions] : days)
        for (const TaskOccasion& o : occasions) out.push_back({day, o, actions_for(settings.policy, {o}, c.tier, c.stage, day)});
    return out;
}

} // namespace detail

std::vector<UpcomingOccasion> CareCalendar::upcoming(const Customer& customer, const std::vector<FamilyMember>& family,
                                                     const std::vector<Deal>& deals, Date from, Date to) const {
    return store_.read([&] { return detail::upcoming_occasions(store_, customer, family, deals, from, to); });
}

} // namespace snowball
