// iCalendar output (the consultants' care agenda in their phone calendars), re-read by a strict
// checker. The input gives the calendar's name and, for up to four events, a day, a summary, a
// description, categories, an alarm and a cancelled flag; texts are separated by 0x1F. Control
// characters other than line breaks and tabs are dropped first: the library refuses them where text
// enters. The checker requires: CRLF line ends only, lines of at most 75 octets, continuation lines
// starting with one space, folds never inside a UTF-8 character (for UTF-8 input), every content
// line NAME[;PARAM]:VALUE, BEGIN/END balanced and properly nested, one VEVENT per event, and each
// text value unescaping to the text given (without its carriage returns).
#include "fuzz_support.hpp"

#include "snowball/ics.hpp"

#include <algorithm>
#include <vector>

namespace {

namespace calendar = snowball::calendar;
using snowball::fuzz::require;

struct Line {
    std::string name;    // the property name, parameters dropped
    std::string value;
};

// The content lines of a document, unfolded, after checking the physical lines.
std::vector<Line> unfold(const std::string& doc, bool utf8) {
    require(doc.size() >= 2 && doc.compare(doc.size() - 2, 2, "\r\n") == 0, "the document ends with CRLF");
    std::vector<std::string> logical;
    std::size_t start = 0;
    while (start < doc.size()) {
        const std::size_t end = doc.find("\r\n", start);
        const std::string physical = doc.substr(start, end - start);
        require(physical.find('\r') == std::string::npos && physical.find('\n') == std::string::npos,
                "line breaks are CRLF only", physical);
        require(physical.size() <= 75, "a line has at most 75 octets", physical);
        if (utf8) require(snowball::fuzz::is_utf8(physical), "a fold never splits a UTF-8 character", physical);
        if (!physical.empty() && physical[0] == ' ') {
            require(!logical.empty(), "a continuation line continues a line", physical);
            require(physical.size() > 1, "a continuation line carries text", doc);
            logical.back() += physical.substr(1);
        } else {
            require(!physical.empty(), "no empty lines", doc);
            logical.push_back(physical);
        }
        start = end + 2;
    }
    std::vector<Line> lines;
    for (const std::string& l : logical) {
        const std::size_t colon = l.find(':');
        require(colon != std::string::npos, "a content line has a ':'", l);
        std::string name = l.substr(0, l.find_first_of(";:"));
        require(!name.empty() && name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == std::string::npos,
                "a property name is upper-case letters, digits and '-'", l);
        lines.push_back({name, l.substr(colon + 1)});
    }
    return lines;
}

// A TEXT value read back: \\ \; \, \n \N unescaped; a bare ';' or ',' or any other escape is wrong.
std::string unescape(const std::string& value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        require(c != ';' && c != ',', "';' and ',' are escaped in text", value);
        if (c != '\\') {
            out += c;
            continue;
        }
        require(i + 1 < value.size(), "an escape is complete", value);
        const char e = value[++i];
        require(e == '\\' || e == ';' || e == ',' || e == 'n' || e == 'N', "only \\\\ \\; \\, \\n are escapes", value);
        out += (e == 'n' || e == 'N') ? '\n' : e;
    }
    return out;
}

std::string without_cr(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
    return s;
}

// The next text of the input, up to a 0x1F, without the control characters the library refuses.
std::string next_text(std::string_view& rest) {
    const std::size_t end = rest.find('\x1F');
    std::string out;
    for (char c : rest.substr(0, end)) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 || c == '\n' || c == '\r' || c == '\t') out += c;
    }
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    snowball::fuzz::Input in(data, size);
    const int count = in.byte() % 5;
    std::vector<calendar::IcsEvent> events(static_cast<std::size_t>(count));
    const snowball::Date first(1900, 1, 1), last(2100, 12, 31);
    for (int i = 0; i < count; ++i) {
        calendar::IcsEvent& e = events[static_cast<std::size_t>(i)];
        const std::uint8_t flags = in.byte();
        e.uid = "care-task-" + std::to_string(i + 1) + "-XH-2026C-0004" + std::to_string(i) + "K@snowball";
        e.date = first + boost::gregorian::days(in.integer(0, (last - first).days()));
        if (flags & 1) e.alarm_days_before = flags >> 4;
        e.cancelled = (flags & 2) != 0;
    }
    const std::string texts = in.rest();
    std::string_view rest = texts;
    const std::string name = next_text(rest);
    bool utf8 = snowball::fuzz::is_utf8(name);
    for (calendar::IcsEvent& e : events) {
        e.summary = next_text(rest);
        e.description = next_text(rest);
        e.categories = next_text(rest);
        utf8 = utf8 && snowball::fuzz::is_utf8(e.summary) && snowball::fuzz::is_utf8(e.description) &&
               snowball::fuzz::is_utf8(e.categories);
    }

    const std::string doc = calendar::ics_calendar(name, events, "20261127T083000Z");
    const std::vector<Line> lines = unfold(doc, utf8);

    std::vector<std::string> open;
    std::size_t event = 0, index = 0;
    const calendar::IcsEvent* current = nullptr;
    for (const Line& l : lines) {
        if (l.name == "BEGIN") {
            require(open.empty() ? l.value == "VCALENDAR" : true, "the document is one VCALENDAR", l.value);
            if (l.value == "VEVENT") {
                require(event < events.size(), "one VEVENT per event");
                current = &events[event++];
            }
            open.push_back(l.value);
        } else if (l.name == "END") {
            require(!open.empty() && open.back() == l.value, "BEGIN and END are balanced", l.value);
            open.pop_back();
            if (l.value == "VEVENT") current = nullptr;
            require(!open.empty() || index + 1 == lines.size(), "nothing follows END:VCALENDAR");
        } else if (l.name == "X-WR-CALNAME") {
            require(unescape(l.value) == without_cr(name), "the calendar's name reads back", l.value);
        } else if (current && l.name == "SUMMARY") {
            require(unescape(l.value) == without_cr(current->summary), "a summary reads back", l.value);
        } else if (current && l.name == "CATEGORIES") {
            require(unescape(l.value) == without_cr(current->categories), "categories read back", l.value);
        } else if (current && l.name == "DESCRIPTION" && open.back() == "VEVENT") {
            require(unescape(l.value) == without_cr(current->description), "a description reads back", l.value);
        }
        ++index;
    }
    require(open.empty() && event == events.size(), "every event is in the document, and the document is closed");
    return 0;
}
