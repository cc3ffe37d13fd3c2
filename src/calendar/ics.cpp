#include "snowball/ics.hpp"

#include "common/content_line.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

namespace snowball::calendar {

namespace {

void line(std::string& out, const std::string& content) { text::append_content_line(out, content); }

std::string escape(const std::string& s) { return text::escape_value(s); }

std::string basic(Date d) { return boost::gregorian::to_iso_string(d); }

} // namespace

std::string ics_calendar(const std::string& name, const std::vector<IcsEvent>& events, const std::string& stamp) {
    std::string out;
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Snowball//Care calendar//ZH");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, "X-WR-CALNAME:" + escape(name));
    line(out, "X-WR-TIMEZONE:Asia/Shanghai");
    for (const IcsEvent& e : events) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + e.uid);
        line(out, "DTSTAMP:" + stamp);
        line(out, "DTSTART;VALUE=DATE:" + basic(e.date));
        line(out, "DTEND;VALUE=DATE:" + basic(e.date + boost::gregorian::days(1)));
        line(out, "SUMMARY:" + escape(e.summary));
        if (!e.description.empty()) line(out, "DESCRIPTION:" + escape(e.description));
        if (!e.categories.empty()) line(out, "CATEGORIES:" + escape(e.categories));
        line(out, "TRANSP:TRANSPARENT");
        if (e.cancelled) line(out, "STATUS:CANCELLED");
        if (e.alarm_days_before) {
            line(out, "BEGIN:VALARM");
            line(out, "ACTION:DISPLAY");
            line(out, "DESCRIPTION:" + escape(e.summary));
            // From the all-day event's start (00:00): 09:00 that many days before.
            const int days = *e.alarm_days_before;
            line(out, days > 1   ? "TRIGGER:-P" + std::to_string(days - 1) + "DT15H"
                      : days == 1 ? std::string("TRIGGER:-PT15H")
                                  : std::string("TRIGGER:PT9H"));
            line(out, "END:VALARM");
        }
        line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out;
}

} // namespace snowball::calendar
