// The task generator: the occasions of a window for the customers of a scope, under a site's care
// settings. A pure function over (window, settings) fed by a reader (occasion_reader.hpp), which
// hands it the customers, birthdays, family birthdays and deals it asks for.
#pragma once

#include "care/occasion_reader.hpp"
#include "snowball/care.hpp"

#include <cstdint>
#include <map>
#include <tuple>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace snowball::detail {

// The customers of a window's tasks, each once, with their index by id.
struct People {
    std::vector<Person> list;
    std::unordered_map<std::int64_t, std::uint32_t> index;

    std::uint32_t remember(std::int64_t id, Person p) {
        const auto [it, fresh] = index.try_emplace(id, static_cast<std::uint32_t>(list.size()));
        if (fresh) list.push_back(std::move(p));
        return it->second;
    }
    std::optional<std::uint32_t> find(std::int64_t id) const {
        const auto it = index.find(id);
        return it == index.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
    }
};

// A day of the window with festivals.
struct GreetingDay {
    Date date;
    std::vector<TaskOccasion> occasions;   // the day's festivals, in the order of the rules
    // By occasion: the bit of `Person::audiences` it asks for (none: everyone).
    std::vector<std::optional<int>> audience_bits;
};

// What the window holds.
struct WindowOccasions {
    // (customer, day) → the occasions of the customer's task that day; a festival greeting on a day
    // with no other occasion of the customer's is in `greeted` instead (most of the window's tasks).
    std::map<std::pair<std::int64_t, Date>, std::vector<TaskOccasion>> found;
    std::vector<GreetingDay> greeting_days;
    // By greeting day: the customers greeted (their ids and their index in `people.list`).
    std::vector<std::vector<std::pair<std::int64_t, std::uint32_t>>> greeted;
    People people;   // the customers of the window's tasks
    // By (tier, stage, festival audiences) of the customers greeted, then by greeting day: the
    // indexes of that day's festival occasions the policy greets them on.
    using Kind = std::tuple<int, int, std::uint64_t>;
    std::map<Kind, std::vector<std::vector<std::size_t>>> greetings;

    static Kind kind_of(const Person& p) { return {static_cast<int>(p.tier), static_cast<int>(p.stage), p.audiences}; }
    const std::vector<std::vector<std::size_t>>& greetings_of(const Person& p) const { return greetings.at(kind_of(p)); }
};

// The occasions of [from, to] (a care window: check_window) under the settings.
WindowOccasions generate_occasions(Date from, Date to, const CareSettings& settings, OccasionReader& reader);

// The occasions' titles, as the agenda and the briefing show them.
TaskOccasion birthday_occasion(const std::string& name);
TaskOccasion family_birthday_occasion(std::int64_t member, const std::string& relation, const std::string& name);
TaskOccasion anniversary_occasion(std::int64_t deal, Date deal_date, Date day);
TaskOccasion follow_up_occasion(std::int64_t deal, const FollowUpDate& step);
TaskOccasion festival_occasion(const calendar::FestivalRule& festival);
// The festival greeted on a family member's behalf (a relation audience): "母亲节·问候母亲", key
// "mothers_day:family".
TaskOccasion festival_family_occasion(const calendar::FestivalRule& festival);
// The festival occasions of a customer with these facts on a festival (none when its audience
// leaves them out); `year`: the year ages are reached in.
std::vector<TaskOccasion> festival_occasions_for(const calendar::FestivalRule& festival, const CareAudienceFacts& facts, int year);

// The festival rules a site keeps switched on.
std::vector<calendar::FestivalRule> enabled_festivals(const CareSettings& settings);

} // namespace snowball::detail
