// Working days in mainland China: the weekend plus the State Council's yearly holiday arrangement
// (节假日安排, 调休): off-days, some of them on weekdays, and make-up working days on weekends.
//
// There is no formula: the arrangement of a year is published late in the year before. WorkCalendar
// starts from the arrangements compiled into the library (2004..2026, see
// src/calendar/generate_holidays.mjs) and takes newer ones, or corrections, as text (load). A year
// whose arrangement is not known is counted with weekends only, and every counting result says so.
//
// The arrangement of year Y is its notice: its days fall in Y, except that the New Year (元旦) break
// may begin in late December of Y-1 (the 2006, 2007, 2008, 2012 and 2019 notices moved such days). So a
// December day named 元旦 belongs to the next year's arrangement; every other day to its own year's.
// Where two arrangements name the same day, the later one wins. A day counts as published when the
// arrangement of its own year is known (a later notice could still move the last days of December).
//
// Supported days: 1900-01-01..2100-12-31. Outside them, or for a special date, or for bad text, the
// functions throw snowball::Error with Status::invalid_argument; no other exception escapes.
// Const member functions are safe to call concurrently; load() is not.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "snowball/types.hpp"

namespace snowball::calendar {

// One day of an arrangement: an off-day (any day of a holiday break, weekend days included) or a
// make-up working day (a Saturday or Sunday worked in exchange).
struct ArrangedDay {
    Date date;
    bool work = false;   // true: a make-up working day
    std::string holiday; // the holiday it belongs to: "春节", "国庆节、中秋节", ...
};
inline bool operator==(const ArrangedDay& a, const ArrangedDay& b) {
    return a.date == b.date && a.work == b.work && a.holiday == b.holiday;
}
inline bool operator!=(const ArrangedDay& a, const ArrangedDay& b) { return !(a == b); }

// The year whose arrangement (notice) the day belongs to: see above.
int arrangement_year(const ArrangedDay& day);

// Text form of arrangements, one day a line, for updates and storage:
//   # 国务院办公厅关于2027年部分节假日安排的通知      comment lines and trailing "# ..." comments
//   2027-01-01 off 元旦
//   2027-02-07 work 春节
// DATE (YYYY-MM-DD), then "off" or "work" (any case), then the holiday name: trimmed UTF-8 of at most 40
// characters, spaces allowed, no '#'. Fields are separated by spaces or tabs. A "work" day must be a
// Saturday or Sunday, a date may appear once, and every date must be within 1900-01-01..2100-12-31 and
// belong to an arrangement of 1900..2100. Errors name the field "line N" (1-based) and quote the line.
// Returns the days sorted by date.
std::vector<ArrangedDay> parse_arrangements(std::string_view text);
// The text form of the days, one a line, sorted by date: parse_arrangements reads it back. Throws, naming
// "days[i]", for a day parse_arrangements would reject.
std::string format_arrangements(const std::vector<ArrangedDay>& days);

// The result of counting: whether any year involved was not published (so counted with weekends only),
// and which, ascending. The years involved are those of the days counted, from the day after the start
// through the end.
struct WorkdayResult {
    Date date;
    bool estimated = false;
    std::vector<int> unpublished_years;
};
struct WorkdayCount {
    int days = 0;
    bool estimated = false;
    std::vector<int> unpublished_years;
};

// One day: a working day or not, its holiday, whether its year's arrangement is published.
struct WorkingDay {
    Date date;
    bool working = false;
    std::optional<std::string> holiday;
    bool published = false;
};

class WorkCalendar {
public:
    // The compiled-in arrangements.
    WorkCalendar();

    // Parses `text` (parse_arrangements) and, for every arrangement year it names, replaces that year's
    // arrangement with the days given; other years are kept. On any error nothing changes.
    void load(std::string_view text);

    // Whether the arrangement of the Gregorian year is known. Any int is accepted.
    bool is_published(int year) const noexcept;
    std::vector<int> published_years() const; // ascending
    // The days of the arrangement of `year` (empty when not published), sorted by date.
    std::vector<ArrangedDay> arrangement(int year) const;

    // Monday..Friday unless an off-day; Saturday and Sunday only as make-up working days. Uses weekends
    // only in a year not published (check is_published(d.year())).
    bool is_working_day(Date d) const;
    // The holiday of an off-day; nothing for any other day (make-up working days included).
    std::optional<std::string> holiday_name(Date d) const;
    // The three answers about one day.
    WorkingDay day(Date d) const;

    // The n-th working day after `from` (n >= 0): `from` itself does not count, so with n = 1 the next
    // working day, and n = 0 gives `from` whatever it is. A deadline of "3 working days" from a complaint
    // received on 2025-09-30 is add_working_days(2025-09-30, 3) = 2025-10-11 (Oct 1-8 are off and
    // Saturday Oct 11 is a make-up working day). Throws for n < 0 or a result after 2100-12-31.
    WorkdayResult add_working_days(Date from, int n) const;
    // The working days in (from, to]: after `from`, up to and including `to`; negative, counting (to, from],
    // when to < from. working_days_between(d, add_working_days(d, n).date) == n.
    WorkdayCount working_days_between(Date from, Date to) const;

private:
    std::map<int, std::vector<ArrangedDay>> arrangements_; // by arrangement year, days sorted by date
    // Every arranged date once (from the latest arrangement naming it), sorted by date, and the prefix
    // sums of their effect on a count of Mondays..Fridays: -1 an off weekday, +1 a make-up working day.
    std::vector<ArrangedDay> index_;
    std::vector<int> effect_before_; // effect_before_[i]: the sum over index_[0..i)

    void rebuild();
    const ArrangedDay* find(Date d) const;
    int count(Date from, Date to) const; // working days in (from, to], from <= to
    std::vector<int> unpublished(Date from, Date to) const; // years of (from, to] not published
};

} // namespace snowball::calendar
