// What the task generator asks of the archive, as an interface: the customers, birthdays, family
// birthdays and deals of one scope (a site, or one consultant's customers there). The archive's
// implementation reads them by SQL (sql_reader.hpp); a test hands them from memory.
#pragma once

#include "snowball/occasions.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace snowball::detail {

// What a task shows of its customer, and what the policy asks about them.
struct Person {
    std::string name;
    Tier tier = Tier::ordinary;
    Stage stage = Stage::prospect;
    std::string archive_no;
    std::optional<std::int64_t> consultant_id;
    // The festival audiences (by their index among the window's festivals with one) this customer
    // is in: bit 2j themselves, bit 2j+1 on a family member's behalf. Set by the generator.
    std::uint64_t audiences = 0;
};

// A mask of stages: bit 1 << Stage (1 prospect, 2 visitor, 4 owner).
constexpr int stage_bit(Stage stage) { return 1 << static_cast<int>(stage); }
constexpr int every_stage = 7;

// A day range within one month of a calendar: the birthdays or deal days it asks for.
struct MonthDays {
    int month;
    int first;
    int last;   // inclusive
};

class OccasionReader {
public:
    template <class... A>
    using Visit = const std::function<void(A...)>&;

    virtual ~OccasionReader() = default;

    // The customer scope: a consultant's customers only, or the whole site.
    virtual std::optional<std::int64_t> consultant() const = 0;

    // The owners in scope (a reader may give more, the site's: each visit carries the consultant).
    virtual void owners(Visit<std::int64_t, const Person&> visit) = 0;
    // The customers in scope of the stages in `stages` whose birthday, in the lunar calendar or the
    // Gregorian one, falls in the month on a day of the range.
    virtual void birthdays(bool lunar, const MonthDays& days, int stages,
                           Visit<std::int64_t, const Person&, const Birthday&> visit) = 0;
    // The site's customers of one stage, in scope or not: their ids.
    virtual void customers_of_stage(Stage stage, Visit<std::int64_t> visit) = 0;
    // The family members (of any of the site's customers, or of none) whose birthday falls in the
    // month on a day of the range: their ids and their customers'.
    virtual void family_birthdays(bool lunar, const MonthDays& days, Visit<std::int64_t, std::int64_t> visit) = 0;
    // One family member: their name, relation, customer and birthday; nothing if gone.
    struct FamilyMember {
        std::string name;
        std::string relation;
        std::int64_t customer_id = 0;
        Birthday birthday;
    };
    virtual std::optional<FamilyMember> family_member(std::int64_t id) = 0;
    // The customer, if in scope, at the site, not removed and of a stage in `stages`.
    virtual std::optional<Person> customer(std::int64_t id, int stages) = 0;
    // The site's closed deals in force (contracted, not cancelled) dated on the month's days of the
    // range: the deal's id, date (the contract date) and customer.
    virtual void deals_on(const MonthDays& days, Visit<std::int64_t, Date, std::int64_t> visit) = 0;
    // The site's closed deals in force dated in [from, to] (from nullopt: since ever).
    virtual void deals_between(std::optional<Date> from, Date to, Visit<std::int64_t, Date, std::int64_t> visit) = 0;
    // The customers in scope, not removed: all of them, or those of one stage.
    virtual void customers(std::optional<Stage> stage, Visit<std::int64_t, const Person&> visit) = 0;
    // What the festival audiences ask of the same customers (gender, birth year, the family on
    // file, which of `conditions` — audience_conditions keys — they meet): each customer with a fact
    // at most once; the others know nothing an audience asks.
    virtual void audience_facts(std::optional<Stage> stage, const std::vector<std::string>& conditions,
                                Visit<std::int64_t, const CareAudienceFacts&> visit) = 0;
};

} // namespace snowball::detail
