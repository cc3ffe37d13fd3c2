#include "snowball/festivals.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "common/text.hpp"
#include "snowball/error.hpp"

namespace snowball::calendar {

namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using boost::gregorian::gregorian_calendar;

constexpr std::size_t kMaxKeyLength = 32;
constexpr std::size_t kMaxNameLength = 40;
constexpr const char* kWeekdays[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr const char* kSpecForms =
    "gregorian:MM-DD, lunar:MM-DD, lunar_last:MM, weekday:MM-N-DAY (N 1..5 or last, DAY sun..sat) or "
    "solar_term:KEY, once:YYYY-MM-DD or yearly:YYYY-MM-DD";

int days_in_month(int year, int month) {
    return gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year), static_cast<unsigned short>(month));
}

// Throws for the first field of the spec out of range; `field_of` names it ("month" → "date.month").
void check_spec(const FestivalDateSpec& spec, const std::function<std::string(const char*)>& field_of) {
    const auto check = [&](bool ok, const char* field, const std::string& message) {
        if (!ok) throw_invalid(field_of(field), message);
    };
    const int kind = static_cast<int>(spec.kind);
    check(kind >= 0 && kind <= static_cast<int>(FestivalKind::yearly), "kind",
          "not a festival rule kind: " + std::to_string(kind));
    if (spec.kind == FestivalKind::solar_term) {
        const int term = static_cast<int>(spec.term);
        check(term >= 0 && term < 24, "term", "not a solar term: " + std::to_string(term));
        return;
    }
    check(spec.month >= 1 && spec.month <= 12, "month", "month " + std::to_string(spec.month) + " is not 1-12");
    switch (spec.kind) {
    case FestivalKind::gregorian: {
        const int last = days_in_month(2000, spec.month); // a leap year: 02-29 is a festival day
        check(spec.day >= 1 && spec.day <= last, "day",
              "day " + std::to_string(spec.day) + " does not exist in month " + std::to_string(spec.month));
        break;
    }
    case FestivalKind::once:
    case FestivalKind::yearly:
        check(spec.year >= kFirstFestivalYear && spec.year <= kLastFestivalYear, "year",
              "year " + std::to_string(spec.year) + " is not " + std::to_string(kFirstFestivalYear) + "-" +
                  std::to_string(kLastFestivalYear));
        check(spec.day >= 1 && spec.day <= days_in_month(spec.year, spec.month), "day",
              "day " + std::to_string(spec.day) + " does not exist in " + std::to_string(spec.year) + "-" +
                  std::to_string(spec.month));
        break;
    case FestivalKind::lunar:
        check(spec.day >= 1 && spec.day <= 30, "day", "lunar day " + std::to_string(spec.day) + " is not 1-30");
        break;
    case FestivalKind::weekday:
        check((spec.nth >= 1 && spec.nth <= 5) || spec.nth == -1, "nth",
              std::to_string(spec.nth) + " is not 1-5 or -1 (the last)");
        check(spec.weekday >= 0 && spec.weekday <= 6, "weekday",
              "weekday " + std::to_string(spec.weekday) + " is not 0 (Sunday) to 6 (Saturday)");
        break;
    case FestivalKind::lunar_last:
    case FestivalKind::solar_term:
        break;
    }
}

// A number of one or two digits; -1 for anything else.
int small_number(std::string_view s) {
    if (s.empty() || s.size() > 2) return -1;
    int value = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = s.find(separator, start);
        parts.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

void check_name(const std::string& name, const std::string& field, bool required) {
    if (text::clean(name, field, kMaxNameLength, required) != name)
        throw_invalid(field, "'" + name + "' has leading or trailing white space");
}

// The regular lunar month's day, clamped to its length; lunar_last takes the length itself.
date lunar_day(int lunar_year, const FestivalDateSpec& spec) {
    const int length = month_length(lunar_year, spec.month, false);
    const int day = spec.kind == FestivalKind::lunar_last ? length : std::min(spec.day, length);
    // Day 1 is within the engine's range for every lunar year it has; later days may pass 2100-12-31,
    // and the caller drops them, as they fall outside any Gregorian year it accepts.
    return to_gregorian({lunar_year, spec.month, false, 1}) + days(day - 1);
}

// Appends the days the spec falls on in the Gregorian year (already checked) to `out`.
void dates_in(int year, const FestivalDateSpec& spec, std::vector<date>& out) {
    switch (spec.kind) {
    case FestivalKind::gregorian:
        if (spec.day <= days_in_month(year, spec.month))
            out.emplace_back(static_cast<unsigned short>(year), static_cast<unsigned short>(spec.month),
                             static_cast<unsigned short>(spec.day));
        return;
    case FestivalKind::lunar:
    case FestivalKind::lunar_last:
        // Lunar year Y starts between January 21 and February 20 of Y, so only lunar years Y-1 and Y
        // have days in Gregorian year Y.
        for (int lunar_year : {year - 1, year}) {
            const date d = lunar_day(lunar_year, spec);
            if (d.year() == year) out.push_back(d);
        }
        return;
    case FestivalKind::weekday: {
        // Computed by hand: Boost's nth_kday_of_month treats `fifth` as "last", which would invent a 5th
        // Sunday in months that have four.
        const date first(static_cast<unsigned short>(year), static_cast<unsigned short>(spec.month), 1);
        const int length = days_in_month(year, spec.month);
        int day;
        if (spec.nth == -1) {
            const int last_weekday = (first.day_of_week().as_number() + length - 1) % 7;
            day = length - (last_weekday - spec.weekday + 7) % 7;
        } else {
            day = 1 + (spec.weekday - first.day_of_week().as_number() + 7) % 7 + 7 * (spec.nth - 1);
        }
        if (day <= length) out.push_back(first + days(day - 1));
        return;
    }
    case FestivalKind::solar_term:
        out.push_back(solar_term(year, spec.term));
        return;
    case FestivalKind::once:
        if (year == spec.year)
            out.emplace_back(static_cast<unsigned short>(year), static_cast<unsigned short>(spec.month),
                             static_cast<unsigned short>(spec.day));
        return;
    case FestivalKind::yearly:
        if (year > spec.year)
            out.emplace_back(static_cast<unsigned short>(year), static_cast<unsigned short>(spec.month),
                             static_cast<unsigned short>(std::min(spec.day, days_in_month(year, spec.month))));
        return;
    }
}

void check_year(int year, const std::string& field = "year") {
    if (year < kFirstFestivalYear || year > kLastFestivalYear)
        throw_invalid(field, "festivals are known for " + std::to_string(kFirstFestivalYear) + ".." +
                                  std::to_string(kLastFestivalYear) + ", not " + std::to_string(year));
}

// The enabled rules' days in the (checked) year, sorted by date and then by rule order.
void collect(int year, const std::vector<FestivalRule>& rules, std::vector<FestivalDate>& out) {
    std::vector<std::pair<date, std::size_t>> found;
    std::vector<date> dates;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (!rules[i].enabled) continue;
        dates.clear();
        dates_in(year, rules[i].date, dates);
        for (const date& d : dates) found.emplace_back(d, i);
    }
    std::sort(found.begin(), found.end());
    for (const auto& [d, i] : found) out.push_back({rules[i].key, d});
}

FestivalRule rule(const char* key, const char* zh, const char* hant, const char* en, const char* spec,
                  CareAudience audience = {}, bool enabled = true) {
    return {key, zh, hant, en, parse_festival_date(spec), enabled, std::move(audience)};
}

CareAudience only(std::optional<Gender> gender, const char* relation, bool children) {
    CareAudience a;
    a.gender = gender;
    a.relation = relation;
    a.children = children;
    return a;
}

} // namespace

const char* to_string(FestivalKind kind) noexcept {
    switch (kind) {
    case FestivalKind::gregorian: return "gregorian";
    case FestivalKind::lunar: return "lunar";
    case FestivalKind::lunar_last: return "lunar_last";
    case FestivalKind::weekday: return "weekday";
    case FestivalKind::solar_term: return "solar_term";
    case FestivalKind::once: return "once";
    case FestivalKind::yearly: return "yearly";
    }
    return "unknown";
}

bool operator==(const FestivalDateSpec& a, const FestivalDateSpec& b) noexcept {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
    case FestivalKind::gregorian:
    case FestivalKind::lunar: return a.month == b.month && a.day == b.day;
    case FestivalKind::lunar_last: return a.month == b.month;
    case FestivalKind::weekday: return a.month == b.month && a.nth == b.nth && a.weekday == b.weekday;
    case FestivalKind::solar_term: return a.term == b.term;
    case FestivalKind::once:
    case FestivalKind::yearly: return a.year == b.year && a.month == b.month && a.day == b.day;
    }
    return false;
}

std::string to_string(const FestivalDateSpec& spec) {
    check_spec(spec, [](const char* field) { return std::string("date.") + field; });
    const auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    const std::string kind = to_string(spec.kind);
    switch (spec.kind) {
    case FestivalKind::gregorian:
    case FestivalKind::lunar: return kind + ":" + two(spec.month) + "-" + two(spec.day);
    case FestivalKind::lunar_last: return kind + ":" + two(spec.month);
    case FestivalKind::weekday:
        return kind + ":" + two(spec.month) + "-" + (spec.nth == -1 ? "last" : std::to_string(spec.nth)) + "-" +
               kWeekdays[spec.weekday];
    case FestivalKind::solar_term: return kind + ":" + solar_term_key(spec.term);
    case FestivalKind::once:
    case FestivalKind::yearly: return kind + ":" + std::to_string(spec.year) + "-" + two(spec.month) + "-" + two(spec.day);
    }
    return kind;
}

FestivalDateSpec parse_festival_date(std::string_view input, const std::string& field) {
    // Checked first, as the errors below quote the input.
    if (!text::is_valid_utf8(input)) throw_invalid(field, "is not valid UTF-8");
    const std::string s = text::lower_ascii(text::trim(input));
    const auto bad = [&]() {
        throw_invalid(field, "'" + std::string(input) + "' is not a festival date (" + kSpecForms + ")");
    };
    const auto number = [&](std::string_view digits) {
        const int value = small_number(digits);
        if (value < 0) bad();
        return value;
    };
    const std::size_t colon = s.find(':');
    if (colon == std::string::npos) bad();
    const std::string kind = s.substr(0, colon);
    const std::string_view rest = std::string_view(s).substr(colon + 1);
    const std::vector<std::string_view> parts = split(rest, '-');
    FestivalDateSpec spec;
    if (kind == "gregorian" || kind == "lunar") {
        spec.kind = kind == "lunar" ? FestivalKind::lunar : FestivalKind::gregorian;
        if (parts.size() != 2) bad();
        spec.month = number(parts[0]);
        spec.day = number(parts[1]);
    } else if (kind == "lunar_last") {
        spec.kind = FestivalKind::lunar_last;
        if (parts.size() != 1) bad();
        spec.month = number(parts[0]);
    } else if (kind == "weekday") {
        spec.kind = FestivalKind::weekday;
        if (parts.size() != 3) bad();
        spec.month = number(parts[0]);
        spec.nth = parts[1] == "last" ? -1 : number(parts[1]);
        const auto* day = std::find(std::begin(kWeekdays), std::end(kWeekdays), parts[2]);
        if (day == std::end(kWeekdays)) bad();
        spec.weekday = static_cast<int>(day - std::begin(kWeekdays));
    } else if (kind == "once" || kind == "yearly") {
        spec.kind = kind == "once" ? FestivalKind::once : FestivalKind::yearly;
        if (parts.size() != 3 || parts[0].size() != 4) bad();
        spec.year = 0;
        for (char c : parts[0]) {
            if (c < '0' || c > '9') bad();
            spec.year = spec.year * 10 + (c - '0');
        }
        spec.month = number(parts[1]);
        spec.day = number(parts[2]);
    } else if (kind == "solar_term") {
        spec.kind = FestivalKind::solar_term;
        try {
            spec.term = solar_term_from_key(rest);
        } catch (const Error&) {
            throw_invalid(field, "'" + std::string(input) + "': unknown solar term (lichun, qingming, ...)");
        }
    } else {
        bad();
    }
    check_spec(spec, [&](const char*) { return field; });
    return spec;
}

void validate(const FestivalRule& rule) {
    const bool key_ok = !rule.key.empty() && rule.key.size() <= kMaxKeyLength && rule.key[0] >= 'a' &&
                        rule.key[0] <= 'z' && std::all_of(rule.key.begin(), rule.key.end(), [](char c) {
                            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                        });
    if (!key_ok)
        throw_invalid("key", (text::is_valid_utf8(rule.key) ? "'" + rule.key + "'" : std::string("the key")) +
                                 " is not a festival key: a lower-case letter, then letters, digits " +
                                 "or _, at most " + std::to_string(kMaxKeyLength) + " characters");
    check_name(rule.name_zh, "name_zh", true);
    check_name(rule.name_zh_hant, "name_zh_hant", false);
    check_name(rule.name_en, "name_en", false);
    check_spec(rule.date, [](const char* field) { return std::string("date.") + field; });
    validate(rule.audience, "audience");
}

void validate(const std::vector<FestivalRule>& rules) {
    std::set<std::string> keys;
    std::size_t with_audience = 0;
    for (const FestivalRule& rule : rules) {
        validate(rule);
        if (!keys.insert(rule.key).second) throw_invalid("key", "festival key '" + rule.key + "' is used twice");
        if (!rule.audience.empty() && ++with_audience > kMaxAudienceFestivals)
            throw_invalid("audience", "at most " + std::to_string(kMaxAudienceFestivals) + " festivals have an audience");
    }
}

const std::vector<FestivalRule>& default_festivals() {
    static const std::vector<FestivalRule> rules = {
        rule("new_year", "元旦", "元旦", "New Year's Day", "gregorian:01-01"),
        rule("spring_festival", "春节", "春節", "Spring Festival", "lunar:01-01"),
        rule("lantern", "元宵节", "元宵節", "Lantern Festival", "lunar:01-15"),
        // Sales offices hold 三八/女神节 events (flowers, afternoon tea) and greet their women customers:
        // many buying decisions are made or shared by women.
        rule("womens_day", "妇女节", "婦女節", "International Women's Day", "gregorian:03-08",
             only(Gender::female, "", false)),
        // A day of mourning and tomb-sweeping: no greeting by default. A site that keeps in touch on it
        // switches it on and words its policy's label for it (清明时节，问候安康).
        rule("qingming", "清明节", "清明節", "Qingming Festival", "solar_term:qingming", {}, false),
        rule("labour_day", "劳动节", "勞動節", "Labour Day", "gregorian:05-01"),
        // Mothers among the customers, and the customers whose mother is on file (occasions.hpp).
        rule("mothers_day", "母亲节", "母親節", "Mother's Day", "weekday:05-2-sun", only(std::nullopt, "mother", false)),
        // Family days for owners' children (六一 parent-child events) are a staple of sales-office and
        // community events. Teachers' Day is left out: it is not a customer occasion.
        rule("childrens_day", "儿童节", "兒童節", "Children's Day", "gregorian:06-01", only(std::nullopt, "", true)),
        rule("fathers_day", "父亲节", "父親節", "Father's Day", "weekday:06-3-sun", only(std::nullopt, "father", false)),
        rule("dragon_boat", "端午节", "端午節", "Dragon Boat Festival", "lunar:05-05"),
        rule("qixi", "七夕", "七夕", "Qixi Festival", "lunar:07-07"),
        rule("mid_autumn", "中秋节", "中秋節", "Mid-Autumn Festival", "lunar:08-15"),
        rule("national_day", "国庆节", "國慶節", "National Day", "gregorian:10-01"),
        rule("double_ninth", "重阳节", "重陽節", "Double Ninth Festival", "lunar:09-09"),
        rule("laba", "腊八节", "臘八節", "Laba Festival", "lunar:12-08"),
        rule("christmas", "圣诞节", "聖誕節", "Christmas Day", "gregorian:12-25"),
        rule("new_years_eve", "除夕", "除夕", "Chinese New Year's Eve", "lunar_last:12"),
    };
    return rules;
}

std::vector<FestivalDate> festivals_in(int gregorian_year, const std::vector<FestivalRule>& rules) {
    validate(rules);
    check_year(gregorian_year);
    std::vector<FestivalDate> out;
    collect(gregorian_year, rules, out);
    return out;
}

std::vector<FestivalDate> festivals_between(Date from, Date to, const std::vector<FestivalRule>& rules) {
    validate(rules);
    for (const auto& [d, field] : {std::pair{from, "from"}, std::pair{to, "to"}}) {
        if (d.is_special()) throw_invalid(field, "not a calendar date");
        check_year(d.year(), field);
    }
    if (from > to) throw_invalid("to", to_iso(to) + " is before " + to_iso(from));
    std::vector<FestivalDate> out;
    for (int year = from.year(); year <= to.year(); ++year) {
        std::vector<FestivalDate> in_year;
        collect(year, rules, in_year);
        for (FestivalDate& f : in_year)
            if (f.date >= from && f.date <= to) out.push_back(std::move(f));
    }
    return out;
}

std::vector<FestivalDay> festival_days_in(int gregorian_year, const std::vector<FestivalRule>& rules) {
    std::vector<FestivalDay> out;
    for (const FestivalDate& f : festivals_in(gregorian_year, rules)) {
        const auto rule = std::find_if(rules.begin(), rules.end(), [&](const FestivalRule& r) { return r.key == f.key; });
        out.push_back({f.key, f.date, rule->name_zh, rule->name_en});
    }
    return out;
}

} // namespace snowball::calendar
