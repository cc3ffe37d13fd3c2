#include "snowball/workdays.hpp"

#include <algorithm>
#include <cstdint>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "common/text.hpp"
#include "snowball/error.hpp"

namespace snowball::calendar {

namespace {

struct BuiltinDay {
    std::int32_t ymd;     // YYYYMMDD
    std::uint8_t holiday; // index into kBuiltinHolidays
    std::uint8_t work;    // 1: a make-up working day
};

#include "holidays_table.inc"

using boost::gregorian::date;
using boost::gregorian::days;

constexpr std::size_t kMaxHolidayLength = 40;
constexpr const char* kLineForm = "expected 'YYYY-MM-DD off|work HOLIDAY'";

// 1900-01-01 is a Monday: day t after it is a weekday when t % 7 < 5.
const date kEpoch(1900, 1, 1);
const date kLast(2100, 12, 31);

bool is_weekend(date d) {
    const int weekday = d.day_of_week().as_number();
    return weekday == 0 || weekday == 6;
}

void check_date(date d, const std::string& field) {
    if (d.is_special()) throw_invalid(field, "not a calendar date");
    if (d < kEpoch || d > kLast)
        throw_invalid(field, to_iso(d) + " is outside the supported range " + to_iso(kEpoch) + ".." + to_iso(kLast));
}

// Mondays..Fridays from kEpoch through d.
long long weekdays_through(date d) {
    const long long t = (d - kEpoch).days() + 1;
    return t / 7 * 5 + std::min<long long>(t % 7, 5);
}

// The k-th (k >= 1) Monday..Friday after d; throws past kLast.
date weekday_after(date d, long long k) {
    const long long target = weekdays_through(d) + k - 1; // 0-based index among the weekdays from kEpoch
    const long long offset = target / 5 * 7 + target % 5;
    if (offset > (kLast - kEpoch).days())
        throw_invalid("n", "the result would be after " + to_iso(kLast) + ", the end of the supported range");
    return kEpoch + days(static_cast<long>(offset));
}

// Whether the day, already within the range, may be stored; names `field` when not.
void check_day(const ArrangedDay& day, const std::string& field) {
    check_date(day.date, field);
    if (day.work && !is_weekend(day.date))
        throw_invalid(field, to_iso(day.date) + " is a " + day.date.day_of_week().as_long_string() +
                                 ": only a Saturday or Sunday can be a make-up working day");
    if (text::clean(day.holiday, field, kMaxHolidayLength, true) != day.holiday || day.holiday.find('#') != std::string::npos)
        throw_invalid(field, "holiday '" + day.holiday + "' must be trimmed text without '#'");
    if (arrangement_year(day) > kLast.year())
        throw_invalid(field, to_iso(day.date) + " belongs to the arrangement of " + std::to_string(arrangement_year(day)) +
                                 ", after the supported range");
}

} // namespace

int arrangement_year(const ArrangedDay& day) {
    const int year = day.date.year();
    return day.date.month() == 12 && day.holiday == "元旦" ? year + 1 : year;
}

std::vector<ArrangedDay> parse_arrangements(std::string_view input) {
    std::vector<std::pair<ArrangedDay, int>> parsed; // with the line number
    int number = 0;
    for (std::size_t start = 0; start <= input.size(); ++number) {
        std::size_t end = input.find('\n', start);
        if (end == std::string_view::npos) end = input.size();
        std::string_view line = input.substr(start, end - start);
        start = end + 1;
        const std::string field = "line " + std::to_string(number + 1);
        // Checked first, as the errors below quote the line.
        if (!text::is_valid_utf8(line)) throw_invalid(field, "is not valid UTF-8");
        line = text::trim(line.substr(0, line.find('#')));
        if (line.empty()) continue;
        const auto bad = [&](const std::string& problem) {
            throw_invalid(field, "'" + std::string(line) + "': " + problem + " (" + kLineForm + ")");
        };
        const std::size_t date_end = line.find_first_of(" \t");
        if (date_end == std::string_view::npos) bad("no day kind and holiday");
        const std::string_view rest = text::trim(line.substr(date_end));
        const std::size_t kind_end = rest.find_first_of(" \t");
        if (kind_end == std::string_view::npos) bad("no holiday");
        const std::string kind = text::lower_ascii(rest.substr(0, kind_end));
        if (kind != "off" && kind != "work") bad("'" + kind + "' is neither off nor work");
        ArrangedDay day{parse_date(line.substr(0, date_end), field), kind == "work",
                        text::clean(rest.substr(kind_end), field, kMaxHolidayLength, true)};
        check_day(day, field);
        parsed.emplace_back(std::move(day), number + 1);
    }
    std::stable_sort(parsed.begin(), parsed.end(),
                     [](const auto& a, const auto& b) { return a.first.date < b.first.date; });
    for (std::size_t i = 1; i < parsed.size(); ++i) {
        if (parsed[i].first.date == parsed[i - 1].first.date)
            throw_invalid("line " + std::to_string(parsed[i].second),
                          to_iso(parsed[i].first.date) + " is already given on line " +
                              std::to_string(parsed[i - 1].second));
    }
    std::vector<ArrangedDay> result;
    result.reserve(parsed.size());
    for (auto& entry : parsed) result.push_back(std::move(entry.first));
    return result;
}

std::string format_arrangements(const std::vector<ArrangedDay>& input) {
    // Sorted by date through indices, so that errors name the caller's index.
    std::vector<std::size_t> order(input.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return input[a].date < input[b].date; });
    std::string out;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const ArrangedDay& day = input[order[k]];
        const std::string field = "days[" + std::to_string(order[k]) + "]";
        check_day(day, field);
        if (k > 0 && day.date == input[order[k - 1]].date) throw_invalid(field, to_iso(day.date) + " is given twice");
        out += to_iso(day.date) + (day.work ? " work " : " off ") + day.holiday + "\n";
    }
    return out;
}

WorkCalendar::WorkCalendar() {
    for (const BuiltinDay& b : kBuiltinDays) {
        ArrangedDay day{date(static_cast<unsigned short>(b.ymd / 10000), static_cast<unsigned short>(b.ymd / 100 % 100),
                             static_cast<unsigned short>(b.ymd % 100)),
                        b.work != 0, kBuiltinHolidays[b.holiday]};
        arrangements_[arrangement_year(day)].push_back(std::move(day));
    }
    rebuild();
}

void WorkCalendar::load(std::string_view text) {
    std::map<int, std::vector<ArrangedDay>> given;
    for (ArrangedDay& day : parse_arrangements(text)) given[arrangement_year(day)].push_back(std::move(day));
    WorkCalendar next(*this);
    for (auto& [year, days] : given) next.arrangements_[year] = std::move(days);
    next.rebuild();
    *this = std::move(next);
}

void WorkCalendar::rebuild() {
    // Arrangements in ascending year order, so after a stable sort by date the last of equal dates is
    // the latest arrangement's.
    std::vector<const ArrangedDay*> all;
    for (const auto& [year, days] : arrangements_)
        for (const ArrangedDay& day : days) all.push_back(&day);
    std::stable_sort(all.begin(), all.end(), [](const auto* a, const auto* b) { return a->date < b->date; });
    index_.clear();
    effect_before_.assign(1, 0);
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (i + 1 < all.size() && all[i + 1]->date == all[i]->date) continue;
        const ArrangedDay& day = *all[i];
        const int effect = day.work ? 1 : is_weekend(day.date) ? 0 : -1;
        index_.push_back(day);
        effect_before_.push_back(effect_before_.back() + effect);
    }
}

const ArrangedDay* WorkCalendar::find(Date d) const {
    const auto it = std::lower_bound(index_.begin(), index_.end(), d,
                                     [](const ArrangedDay& day, Date value) { return day.date < value; });
    return it != index_.end() && it->date == d ? &*it : nullptr;
}

int WorkCalendar::count(Date from, Date to) const {
    const auto after = [&](Date d) {
        return std::upper_bound(index_.begin(), index_.end(), d,
                                [](Date value, const ArrangedDay& day) { return value < day.date; }) -
               index_.begin();
    };
    const long long weekdays = weekdays_through(to) - weekdays_through(from);
    return static_cast<int>(weekdays + effect_before_[after(to)] - effect_before_[after(from)]);
}

std::vector<int> WorkCalendar::unpublished(Date from, Date to) const {
    std::vector<int> years;
    if (from < to)
        for (int year = (from + days(1)).year(); year <= to.year(); ++year)
            if (!is_published(year)) years.push_back(year);
    return years;
}

bool WorkCalendar::is_published(int year) const noexcept { return arrangements_.count(year) != 0; }

std::vector<int> WorkCalendar::published_years() const {
    std::vector<int> years;
    for (const auto& entry : arrangements_) years.push_back(entry.first);
    return years;
}

std::vector<ArrangedDay> WorkCalendar::arrangement(int year) const {
    const auto it = arrangements_.find(year);
    return it == arrangements_.end() ? std::vector<ArrangedDay>{} : it->second;
}

bool WorkCalendar::is_working_day(Date d) const {
    check_date(d, "date");
    const ArrangedDay* day = find(d);
    return day ? day->work : !is_weekend(d);
}

std::optional<std::string> WorkCalendar::holiday_name(Date d) const {
    check_date(d, "date");
    const ArrangedDay* day = find(d);
    if (!day || day->work) return std::nullopt;
    return day->holiday;
}

WorkdayResult WorkCalendar::add_working_days(Date from, int n) const {
    check_date(from, "from");
    if (n < 0) throw_invalid("n", std::to_string(n) + " is negative");
    if (n == 0) return {from, false, {}};
    // An upper bound: step over n weekdays, then over as many more as the off weekdays on the way ate.
    Date hi = from;
    for (int found = 0; found < n; found = count(from, hi)) hi = weekday_after(hi, n - found);
    // The first day with n working days in (from, day]: count only grows, by at most 1 a day.
    Date lo = from;
    while ((hi - lo).days() > 1) {
        const Date mid = lo + days((hi - lo).days() / 2);
        (count(from, mid) >= n ? hi : lo) = mid;
    }
    std::vector<int> years = unpublished(from, hi);
    const bool estimated = !years.empty();
    return {hi, estimated, std::move(years)};
}

WorkdayCount WorkCalendar::working_days_between(Date from, Date to) const {
    check_date(from, "from");
    check_date(to, "to");
    const bool forward = from <= to;
    const Date a = forward ? from : to;
    const Date b = forward ? to : from;
    std::vector<int> years = unpublished(a, b);
    const bool estimated = !years.empty();
    return {forward ? count(a, b) : -count(a, b), estimated, std::move(years)};
}

WorkingDay WorkCalendar::day(Date d) const {
    return {d, is_working_day(d), holiday_name(d), is_published(d.year())};
}

} // namespace snowball::calendar
