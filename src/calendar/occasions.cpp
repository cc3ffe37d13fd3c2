// Occasions: pure rules over dates.
#include "snowball/occasions.hpp"

#include "common/text.hpp"
#include "snowball/error.hpp"
#include "snowball/lunar.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>

namespace snowball {

namespace {

constexpr std::pair<std::string_view, OccasionKind> occasion_names[] = {
    {"birthday", OccasionKind::birthday},
    {"family_birthday", OccasionKind::family_birthday},
    {"festival", OccasionKind::festival},
    {"deal_anniversary", OccasionKind::deal_anniversary},
    {"follow_up", OccasionKind::follow_up},
};

int days_in_month(int year, int month) {
    return boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                                  static_cast<unsigned short>(month));
}

Date make_date(int y, int m, int d) {
    return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

// The month and day in year y, 29 February falling on 28 February in a common year.
Date on_day(int y, int m, int d) { return make_date(y, m, std::min(d, days_in_month(y, m))); }

} // namespace

void check_window(Date from, Date to, WindowUse use) {
    if (from.is_special()) throw_invalid("from", "is not a date");
    if (to.is_special()) throw_invalid("to", "is not a date");
    if (to < from) throw_invalid("to", to_iso(to) + " is before from (" + to_iso(from) + ")");
    if (use == WindowUse::dates) return;
    if ((to - from).days() >= max_care_window_days) throw_invalid("to", "the window is longer than a year");
    for (const auto& [day, field] : {std::pair{from, "from"}, std::pair{to, "to"}})
        if (day < calendar::min_date() || day > calendar::max_date())
            throw_invalid(field, "the care calendar covers " + to_iso(calendar::min_date()) + " to " + to_iso(calendar::max_date()));
}

const char* to_string(OccasionKind kind) noexcept {
    for (const auto& [name, value] : occasion_names)
        if (value == kind) return name.data();
    return "";
}

OccasionKind parse_occasion_kind(std::string_view text, const std::string& field) {
    const std::string wanted = text::lower_ascii(text::trim(text));
    for (const auto& [name, value] : occasion_names)
        if (name == wanted) return value;
    throw_invalid(field, "'" + std::string(text) +
                             "' is not one of birthday, family_birthday, festival, deal_anniversary, follow_up");
}

// ---------------------------------------------------------------------------------------------
// Follow-up cadence

std::string to_string(const std::vector<FollowUpStep>& cadence) {
    std::string out;
    for (const FollowUpStep& s : cadence) {
        if (!out.empty()) out += ",";
        out += s.months ? std::to_string(s.months) + "m" : std::to_string(s.days) + "d";
        if (s.repeat) out += "*";
    }
    return out;
}

std::vector<FollowUpStep> parse_cadence(std::string_view input, const std::string& field) {
    std::vector<FollowUpStep> out;
    const std::string s(text::trim(input));
    if (s.empty()) return out;   // no follow-ups
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find(',', start);
        if (end == std::string::npos) end = s.size();
        std::string item(text::trim(std::string_view(s).substr(start, end - start)));
        FollowUpStep step;
        if (!item.empty() && item.back() == '*') {
            step.repeat = true;
            item.pop_back();
        }
        const char unit = item.empty() ? '\0' : item.back();
        int n = 0;
        bool ok = (unit == 'd' || unit == 'm') && item.size() >= 2 && item.size() <= 5;
        for (std::size_t i = 0; ok && i + 1 < item.size(); ++i) {
            ok = item[i] >= '0' && item[i] <= '9';
            n = n * 10 + (item[i] - '0');
        }
        if (!ok || n < 1 || (unit == 'd' && n > 3660) || (unit == 'm' && n > 120))
            throw_invalid(field, "'" + item + "' is not a step such as 7d, 30d or 6m (days up to 3660, months up to 120)");
        (unit == 'd' ? step.days : step.months) = n;
        out.push_back(step);
        start = end + 1;
    }
    for (std::size_t i = 0; i + 1 < out.size(); ++i)
        if (out[i].repeat) throw_invalid(field, "only the last step may repeat ('*')");
    return out;
}

void validate(const OccasionSettings& settings, const std::string& field) {
    for (std::size_t i = 0; i + 1 < settings.follow_up.size(); ++i)
        if (settings.follow_up[i].repeat) throw_invalid(field, "only the last step may repeat");
    for (const FollowUpStep& s : settings.follow_up)
        if ((s.days <= 0) == (s.months <= 0)) throw_invalid(field, "each step is a number of days or of months");
}

Date add_months(Date date, int months) {
    const int total = static_cast<int>(date.year()) * 12 + (static_cast<int>(date.month()) - 1) + months;
    const int y = total / 12, m = total % 12 + 1;
    return on_day(y, m, date.day());
}

// ---------------------------------------------------------------------------------------------
// Occasion dates

std::vector<Date> birthday_dates(const Birthday& b, Date from, Date to, bool twice) {
    check_window(from, to);
    std::vector<Date> out;
    if (!b.lunar) {
        for (int y = from.year(); y <= to.year(); ++y) {
            if (b.year && y <= b.year) continue;
            const Date d = on_day(y, b.month, b.day);
            if (d >= from && d <= to) out.push_back(d);
        }
        return out;
    }
    // Lunar: one celebration per lunar year (two with `twice` in a year repeating the month).
    const auto lunar_year_of = [](Date d) {
        const Date clamped = std::clamp(d, calendar::min_date(), calendar::max_date());
        return calendar::to_lunar(clamped).year;
    };
    for (int y = lunar_year_of(from) - 1; y <= lunar_year_of(to); ++y) {
        if (y < 1900 || y > 2100 || (b.year && y <= b.year)) continue;
        std::vector<bool> months{false};
        if (b.leap_month && twice && calendar::leap_month(y) == b.month) months.push_back(true);
        for (bool leap : months) {
            const int day = std::min(b.day, calendar::month_length(y, b.month, leap));
            try {
                const Date d = calendar::to_gregorian({y, b.month, leap, day});
                if (d >= from && d <= to) out.push_back(d);
            } catch (const Error&) {
                // beyond the calendar's range (the last days of lunar 2100)
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Date> anniversary_dates(Date deal_date, Date from, Date to) {
    check_window(from, to);
    std::vector<Date> out;
    for (int y = std::max<int>(from.year(), deal_date.year() + 1); y <= to.year(); ++y) {
        const Date d = on_day(y, deal_date.month(), deal_date.day());
        if (d >= from && d <= to) out.push_back(d);
    }
    return out;
}

std::vector<FollowUpDate> follow_up_dates(Date deal_date, const std::vector<FollowUpStep>& cadence, Date from, Date to) {
    check_window(from, to);
    std::vector<FollowUpDate> out;
    const auto label = [](int n, char unit) { return std::to_string(n) + unit; };
    for (const FollowUpStep& s : cadence) {
        if (s.days) {
            for (int k = 1; k == 1 || s.repeat; ++k) {
                const Date d = deal_date + boost::gregorian::days(static_cast<long>(s.days) * k);
                if (d > to) break;
                if (d >= from) out.push_back({d, label(s.days * k, 'd')});
                if (!s.repeat) break;
            }
        } else {
            // Skip ahead to the first multiple that can reach the window.
            const int months_to_from = (static_cast<int>(from.year()) - static_cast<int>(deal_date.year())) * 12 +
                                       static_cast<int>(from.month()) - static_cast<int>(deal_date.month());
            const int first = s.repeat ? std::max(1, months_to_from / s.months - 1) : 1;
            for (int k = first; k == first || s.repeat; ++k) {
                const Date d = add_months(deal_date, s.months * k);
                if (d > to) break;
                if (d >= from) out.push_back({d, label(s.months * k, 'm')});
                if (!s.repeat) break;
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const FollowUpDate& a, const FollowUpDate& b) { return a.date < b.date; });
    return out;
}

// ---------------------------------------------------------------------------------------------
// Audiences

void validate(const CareAudience& a, const std::string& field) {
    if (a.gender && *a.gender != Gender::male && *a.gender != Gender::female)
        throw_invalid(field + ".gender", "an audience's gender is male or female (leave it out for anyone)");
    if (!a.relation.empty() && a.relation != "mother" && a.relation != "father" && a.relation != "spouse")
        throw_invalid(field + ".relation", "'" + (text::is_valid_utf8(a.relation) ? a.relation : std::string("?")) +
                                               "' is not one of mother, father, spouse");
    for (const auto& [age, name] : {std::pair{a.min_age, ".min_age"}, std::pair{a.max_age, ".max_age"}})
        if (age && (*age < 0 || *age > 150)) throw_invalid(field + name, "an age is 0..150, not " + std::to_string(*age));
    if (a.min_age && a.max_age && *a.min_age > *a.max_age)
        throw_invalid(field + ".max_age", "the age band runs from " + std::to_string(*a.min_age) + " down to " +
                                              std::to_string(*a.max_age));
    if (text::clean(a.unit_prefix, field + ".unit_prefix", 20, false) != a.unit_prefix)
        throw_invalid(field + ".unit_prefix", "has leading or trailing white space");
    if (a.profile_field.empty() != a.profile_value.empty())
        throw_invalid(a.profile_field.empty() ? field + ".profile_field" : field + ".profile_value",
                      "a profile condition names a field and a value");
    if (a.profile_field.size() > 40 ||
        !std::all_of(a.profile_field.begin(), a.profile_field.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }))
        throw_invalid(field + ".profile_field", "a field key is at most 40 of a-z, 0-9 and _");
    if (text::clean(a.profile_value, field + ".profile_value", 100, false) != a.profile_value)
        throw_invalid(field + ".profile_value", "has leading or trailing white space");
}

std::vector<std::string> audience_conditions(const CareAudience& a) {
    std::vector<std::string> out;
    if (!a.unit_prefix.empty()) out.push_back("unit:" + a.unit_prefix);
    if (!a.profile_field.empty()) out.push_back("profile:" + a.profile_field + "=" + a.profile_value);
    return out;
}

namespace {

bool meets_conditions(const CareAudience& a, const CareAudienceFacts& f) {
    for (const std::string& c : audience_conditions(a))
        if (std::find(f.met.begin(), f.met.end(), c) == f.met.end()) return false;
    return true;
}

} // namespace

bool audience_includes(const CareAudience& a, const CareAudienceFacts& f, int year) {
    if (!meets_conditions(a, f)) return false;
    if (a.gender && f.gender != *a.gender) return false;
    if (a.children && !f.child) return false;
    if (a.relation == "mother" && !(f.gender == Gender::female && f.child)) return false;
    if (a.relation == "father" && !(f.gender == Gender::male && f.child)) return false;
    if (a.relation == "spouse" && !f.spouse) return false;
    if (a.min_age || a.max_age) {
        if (!f.birth_year) return false;
        const int age = year - *f.birth_year;
        if ((a.min_age && age < *a.min_age) || (a.max_age && age > *a.max_age)) return false;
    }
    return true;
}

bool audience_includes_family(const CareAudience& a, const CareAudienceFacts& f) {
    if (a.children && !f.child) return false;
    if (!meets_conditions(a, f)) return false;
    return (a.relation == "mother" && f.mother) || (a.relation == "father" && f.father);
}

} // namespace snowball
