#include "care/holidays.hpp"

#include "common/text.hpp"
#include "snowball/care.hpp"

#include <set>

namespace snowball {

namespace detail {

calendar::WorkCalendar load_work_calendar(Store& store) {
    std::vector<calendar::ArrangedDay> days;
    Query q(store, "SELECT day, work, holiday FROM holiday_arrangements ORDER BY day");
    while (q->executeStep())
        days.push_back({parse_date(q->getColumn(0).getText()), q->getColumn(1).getInt() != 0, q->getColumn(2).getString()});
    calendar::WorkCalendar calendar;
    if (!days.empty()) calendar.load(calendar::format_arrangements(days));
    return calendar;
}

} // namespace detail

calendar::WorkCalendar CareCalendar::work_calendar() const {
    return store_.read([&] { return detail::load_work_calendar(store_); });
}

std::vector<int> CareCalendar::load_holidays(std::string_view text) {
    const std::vector<calendar::ArrangedDay> days = calendar::parse_arrangements(text);
    if (days.empty()) throw_invalid("text", "holds no arrangement lines");
    std::set<int> years;
    for (const auto& d : days) years.insert(calendar::arrangement_year(d));
    return store_.write([&] {
        const std::string now = text::now_utc();
        for (int year : years) {
            detail::Query del(store_, "DELETE FROM holiday_arrangements WHERE year = ?");
            del->bind(1, year);
            del->exec();
        }
        for (const auto& d : days) {
            detail::Query q(store_, "INSERT INTO holiday_arrangements(day, year, work, holiday, loaded_at) VALUES (?, ?, ?, ?, ?)");
            q->bind(1, to_iso(d.date));
            q->bind(2, calendar::arrangement_year(d));
            q->bind(3, d.work ? 1 : 0);
            q->bind(4, d.holiday);
            q->bind(5, now);
            q->exec();
        }
        return std::vector<int>(years.begin(), years.end());
    });
}

} // namespace snowball
