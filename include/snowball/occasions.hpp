// Occasions (pure): the days on which a birthday, a deal anniversary or a follow-up call falls, and
// what a care task is made of (its occasions and actions). Plain functions over values, no archive;
// the care calendar (snowball/care.hpp) turns them into tasks.
#pragma once

#include "snowball/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

enum class OccasionKind { birthday, family_birthday, festival, deal_anniversary, follow_up };
const char* to_string(OccasionKind kind) noexcept;
OccasionKind parse_occasion_kind(std::string_view text, const std::string& field = "occasion");

// After a deal, the follow-up calls: each step is days or months after the deal date; the last step
// may repeat (every 6 months, for ever). Text form: "7d,30d,90d,6m*".
struct FollowUpStep {
    int days = 0;
    int months = 0;
    bool repeat = false;   // only the last step; repeats its interval after itself
};
std::string to_string(const std::vector<FollowUpStep>& cadence);
std::vector<FollowUpStep> parse_cadence(std::string_view text, const std::string& field = "follow_up");

struct OccasionSettings {
    // Born in a leap month: greet in the regular month of that number (the default), and also in
    // the leap month in the years that have it when this is set.
    bool leap_month_birthdays_twice = false;
    bool deal_anniversaries = true;
    std::vector<FollowUpStep> follow_up{{7, 0, false}, {30, 0, false}, {90, 0, false}, {0, 6, true}};
};
// Each step a number of days or of months, only the last one repeating; errors name `field`.
void validate(const OccasionSettings& settings, const std::string& field = "follow_up");

// The one check of a window [from, to]: both are dates and `to` is not before `from` (errors name
// "from" or "to"). The date rules (birthday_dates, ...) take any such window. The care calendar's
// windows (WindowUse::care) also lie within the lunar calendar's range (1900-01-31 .. 2100-12-31)
// and span at most a year (366 days).
enum class WindowUse { dates, care };
constexpr int max_care_window_days = 366;
void check_window(Date from, Date to, WindowUse use = WindowUse::dates);

// The days in [from, to] on which a birthday is celebrated. Gregorian: the month and day each year
// (29 February in a common year: 28 February). Lunar: the day of the regular lunar month, each lunar
// year (day 30 in a 29-day month: day 29; a leap-month birthday: the regular month, and the leap
// month too when `twice`). Iterates over lunar years: one Gregorian year may hold two.
std::vector<Date> birthday_dates(const Birthday& birthday, Date from, Date to, bool twice = false);
// The anniversaries of a deal in [from, to] (years 1, 2, ...; 29 February → 28 February).
std::vector<Date> anniversary_dates(Date deal_date, Date from, Date to);
// The follow-up days of a deal in [from, to], each with its step's label ("7d", "6m").
struct FollowUpDate {
    Date date;
    std::string step;
};
std::vector<FollowUpDate> follow_up_dates(Date deal_date, const std::vector<FollowUpStep>& cadence, Date from, Date to);
// months later, the day kept or, past the month's end, the month's last day (never snapping a
// month-end date to later month ends, as Boost's months() does).
Date add_months(Date date, int months);

// ---------------------------------------------------------------------------------------------
// Who an occasion is for (a festival's audience): every condition set must hold. The empty
// audience is everyone.
//
//   gender     the customer's gender (female: 妇女节).
//   relation   "mother", "father" or "spouse". A customer is a mother (a father) when she (he) is of
//              that gender and has a child on file among their family members; the customer whose
//              mother (father) is on file is greeted too, on the mother's (father's) behalf: the
//              task is the customer's and its occasion says so ("母亲节·问候母亲", family key
//              "mothers_day:family"), as the consultant calls the customer, who passes the wishes on
//              or brings their mother to the office. "spouse": the customer has a spouse on file.
//              gender and the ages speak of the customer, so they bind only the customer's own
//              greeting, never the one on a family member's behalf.
//   min_age, max_age   the customer's age (whole years) reached in the year the care window starts,
//              from a birthday with its year; a customer of unknown age is left out.
//   children   the customer has a child on file.
//   unit_prefix  the customer has a deal in force (not cancelled) on a unit whose number starts with
//              it: "3-" for building 3's owners, on its 交房日 (once:2027-06-30) and the anniversaries
//              (yearly:2027-06-30), its 入伙 day, ...
//   profile_field, profile_value  the customer's profile holds the value in the field: the whole
//              value as stored, a choice by its key ("favourite_cuisine" = "sichuan", also one of a
//              multi-choice field's choices), "yes"/"no", a date as YYYY-MM-DD. Sealed (sensitive)
//              values are stored sealed and never match.
// unit_prefix and the profile bind the greeting on a family member's behalf too (they pick the customer).
struct CareAudience {
    std::optional<Gender> gender;
    std::string relation;            // "", "mother", "father", "spouse"
    std::optional<int> min_age;      // 0..150
    std::optional<int> max_age;      // 0..150, not below min_age
    bool children = false;
    std::string unit_prefix;         // at most 20 characters
    std::string profile_field;       // a field key; with profile_value
    std::string profile_value;       // at most 100 characters

    bool empty() const {
        return !gender && relation.empty() && !min_age && !max_age && !children && unit_prefix.empty() &&
               profile_field.empty();
    }
};
// Errors name `field` + ".relation", ".min_age", ".max_age", ".gender", ".unit_prefix",
// ".profile_field", ".profile_value".
void validate(const CareAudience& audience, const std::string& field = "audience");

// What the archive knows of a customer for an audience.
struct CareAudienceFacts {
    Gender gender = Gender::unknown;
    std::optional<int> birth_year;
    bool child = false;              // a child on file
    bool mother = false;             // their mother on file
    bool father = false;
    bool spouse = false;
    // The audience conditions on the archive (audience_conditions) the customer meets.
    std::vector<std::string> met;
};
// The conditions of an audience that only the archive can answer, as keys: "unit:3-",
// "profile:hobbies=高尔夫". A reader marks the customers meeting each in CareAudienceFacts::met.
std::vector<std::string> audience_conditions(const CareAudience& audience);
// Whether the customer is in the audience themselves, and whether on a family member's behalf (a
// relation audience: their mother or father on file). `year`: the year ages are reached in.
bool audience_includes(const CareAudience& audience, const CareAudienceFacts& facts, int year);
bool audience_includes_family(const CareAudience& audience, const CareAudienceFacts& facts);

// ---------------------------------------------------------------------------------------------
// What a care task is made of

struct TaskOccasion {
    OccasionKind kind = OccasionKind::birthday;
    std::string key;                 // "birthday", a festival key, "anniversary:3", "follow_up:30d"
    std::string title;               // "张伟生日", "中秋节", "成交3周年", "成交后30天回访"
    std::optional<std::int64_t> family_member_id;
    std::optional<std::int64_t> deal_id;   // anniversaries and follow-ups: the deal they come from
};

struct TaskAction {
    std::string action;
    std::string channel;
    int lead_days = 0;
    Date start;                      // the day to start preparing
    std::string label;
};

} // namespace snowball
