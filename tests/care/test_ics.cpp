// The care agenda's iCalendar export: valid RFC 5545 (CRLF, 75-octet lines folded without splitting
// a character, UTF-8, escaped text), and what it holds.
#include "snowball/festivals.hpp"
#include "snowball/ics.hpp"
#include "snowball/workdays.hpp"
#include "care_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

// ---------------------------------------------------------------------------------------------
// iCalendar

bool valid_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

struct IcsEvent {
    std::map<std::string, std::string> props;   // name (with parameters) → value, as written
    std::vector<std::string> alarm;              // the VALARM's lines
};

struct Ics {
    std::vector<std::string> lines;              // unfolded content lines
    std::vector<IcsEvent> events;
};

// Checks the RFC 5545 framing (CRLF, 75 octets, folding, UTF-8, BEGIN/END) and parses the events.
Ics parse_ics(const std::string& text) {
    Ics out;
    EXPECT_TRUE(valid_utf8(text));
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            EXPECT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
        }
        if (text[i] == '\r') {
            EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR at " << i;
        }
    }
    EXPECT_GE(text.size(), 2u);
    EXPECT_EQ("\r\n", text.substr(text.size() - 2));
    std::vector<std::string> physical;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = text.find("\r\n", start);
        if (end == std::string::npos) break;
        physical.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    for (const std::string& line : physical) {
        EXPECT_LE(line.size(), 75u) << line;
        EXPECT_TRUE(valid_utf8(line)) << "folded inside a character: " << line;
        EXPECT_FALSE(line.empty());
        if (!line.empty() && line[0] == ' ') {
            if (out.lines.empty()) {
                ADD_FAILURE() << "a continuation line first";
                continue;
            }
            out.lines.back() += line.substr(1);
        } else {
            out.lines.push_back(line);
        }
    }
    std::vector<std::string> stack;
    IcsEvent* event = nullptr;
    for (const std::string& line : out.lines) {
        const std::size_t colon = line.find(':');
        EXPECT_NE(std::string::npos, colon) << line;
        if (colon == std::string::npos) continue;
        const std::string name = line.substr(0, colon), value = line.substr(colon + 1);
        if (name == "BEGIN") {
            if (stack.empty()) {
                EXPECT_EQ("VCALENDAR", value);
            }
            stack.push_back(value);
            if (value == "VEVENT") {
                out.events.emplace_back();
                event = &out.events.back();
            }
            continue;
        }
        if (name == "END") {
            EXPECT_FALSE(stack.empty());
            if (!stack.empty()) {
                EXPECT_EQ(stack.back(), value);
                stack.pop_back();
            }
            if (value == "VEVENT") event = nullptr;
            continue;
        }
        if (event && !stack.empty() && stack.back() == "VALARM") event->alarm.push_back(line);
        else if (event) {
            EXPECT_FALSE(event->props.count(name)) << "repeated " << name;
            event->props[name] = value;
        }
    }
    EXPECT_TRUE(stack.empty());
    return out;
}

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char c = s[++i];
            out += c == 'n' || c == 'N' ? '\n' : c;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Text values: every ',' ';' and '\' is escaped, and no raw newline.
bool escaped(const std::string& value) {
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\') {
            if (i + 1 >= value.size() || std::string(",;\\nN").find(value[i + 1]) == std::string::npos) return false;
            ++i;
        } else if (value[i] == ',' || value[i] == ';' || value[i] == '\n') {
            return false;
        }
    }
    return true;
}

std::string basic(const char* iso) {
    std::string s = iso;
    s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
    return s;
}

TEST_F(CareTest, TheIcsExportIsValidRfc5545) {
    const auto zhang = customer("张伟", wang_, Tier::vip, lunar(1980, 8, 15));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto li_na = customer("李娜", wang_, Tier::ordinary, gregorian(1990, 9, 22));
    deal(li_na, "3-1-1202", "2024-05-11");
    const auto other = customer("赵六", zhou_, Tier::vip, gregorian(1990, 9, 22));   // not wang's
    family(zhang, Relation::mother, "王秀英", lunar(0, 8, 20));   // lunar 2026-08-20 = 2026-09-30
    // A site festival and a policy label with characters iCalendar escapes.
    auto festivals = calendar::default_festivals();
    calendar::FestivalRule own;
    own.key = "owners_day";
    own.name_zh = "业主节,感恩;回馈\\";
    own.date = calendar::parse_festival_date("gregorian:09-21");
    festivals.push_back(own);
    care().set_festivals("XH", festivals);
    std::vector<CareRule> policy = default_care_policy();
    CareRule visit;
    visit.occasion = OccasionKind::festival;
    visit.festival = "owners_day";
    visit.stage = Stage::owner;
    visit.action = "visit_with_gift";
    visit.channel = "visit";
    visit.lead_days = 7;
    visit.label = {"上门拜访,带礼品;提前一周预约，确认业主在家、准备伴手礼和业主节邀请函", "", "Visit"};
    policy.push_back(visit);
    care().set_policy("XH", policy);

    const std::string ics = care().export_ics(d("2026-09-20"), d("2026-09-30"), wang_);
    const auto tasks = agenda("2026-09-20", "2026-09-30", "", wang_);
    ASSERT_EQ((Strings{key(zhang, "2026-09-21"), key(li_na, "2026-09-21"), key(li_na, "2026-09-22"),
                       key(zhang, "2026-09-25"), key(li_na, "2026-09-25"), key(zhang, "2026-09-30")}),
              keys(tasks));
    EXPECT_EQ(std::string::npos, ics.find("赵六"));
    (void)other;
    const Ics doc = parse_ics(ics);
    ASSERT_FALSE(doc.lines.empty());
    EXPECT_EQ("BEGIN:VCALENDAR", doc.lines.front());
    EXPECT_EQ("END:VCALENDAR", doc.lines.back());
    EXPECT_NE(doc.lines.end(), std::find(doc.lines.begin(), doc.lines.end(), "VERSION:2.0"));
    EXPECT_NE(doc.lines.end(), std::find_if(doc.lines.begin(), doc.lines.end(),
                                            [](const std::string& l) { return l.rfind("PRODID:", 0) == 0; }));
    EXPECT_EQ(std::string::npos, ics.find("RRULE"));
    // Some line was long enough to be folded, and folding kept characters whole (checked above).
    EXPECT_NE(std::string::npos, ics.find("\r\n "));
    ASSERT_EQ(tasks.size(), doc.events.size());
    std::set<std::string> uids;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        SCOPED_TRACE(i);
        const CareTask& t = tasks[i];
        const IcsEvent& e = doc.events[i];
        ASSERT_TRUE(e.props.count("UID"));
        EXPECT_TRUE(uids.insert(e.props.at("UID")).second);
        EXPECT_NE(std::string::npos, e.props.at("UID").find(std::to_string(t.id)));
        ASSERT_TRUE(e.props.count("DTSTAMP"));
        EXPECT_TRUE(std::regex_match(e.props.at("DTSTAMP"), std::regex(R"(\d{8}T\d{6}Z)"))) << e.props.at("DTSTAMP");
        EXPECT_EQ(basic(to_iso(t.date).c_str()), e.props.at("DTSTART;VALUE=DATE"));
        EXPECT_EQ(basic(to_iso(t.date + days(1)).c_str()), e.props.at("DTEND;VALUE=DATE"));
        ASSERT_TRUE(e.props.count("SUMMARY"));
        for (const auto& [name, value] : e.props)
            if (name == "SUMMARY" || name == "DESCRIPTION") {
                EXPECT_TRUE(escaped(value)) << name << ":" << value;
            }
        const std::string summary = unescape(e.props.at("SUMMARY"));
        EXPECT_NE(std::string::npos, summary.find(t.customer_name)) << summary;
        for (const TaskOccasion& o : t.occasions) EXPECT_NE(std::string::npos, summary.find(o.title)) << summary;
        ASSERT_TRUE(e.props.count("DESCRIPTION"));
        const std::string description = unescape(e.props.at("DESCRIPTION"));
        for (const TaskAction& a : t.actions) EXPECT_NE(std::string::npos, description.find(a.label)) << description;
        // The alarm rings at 09:00 on the day preparation starts.
        const long lead = (t.date - t.prepare_from).days();
        const std::string trigger = lead == 0 ? "TRIGGER:PT9H" : lead == 1 ? "TRIGGER:-PT15H"
                                                                           : "TRIGGER:-P" + std::to_string(lead - 1) + "DT15H";
        EXPECT_NE(e.alarm.end(), std::find(e.alarm.begin(), e.alarm.end(), trigger)) << trigger;
        EXPECT_NE(e.alarm.end(), std::find(e.alarm.begin(), e.alarm.end(), "ACTION:DISPLAY"));
        EXPECT_NE(e.alarm.end(), std::find_if(e.alarm.begin(), e.alarm.end(),
                                              [](const std::string& l) { return l.rfind("DESCRIPTION:", 0) == 0; }));
    }
    // The owners' day: escaped name, a visit a week ahead (alarm 7 days before at 09:00).
    const IcsEvent& owners = doc.events[0];
    EXPECT_NE(std::string::npos, owners.props.at("SUMMARY").find("业主节\\,感恩\\;回馈\\\\"));
    EXPECT_NE(std::string::npos, unescape(owners.props.at("DESCRIPTION")).find("上门拜访,带礼品;提前一周预约"));
    EXPECT_NE(owners.alarm.end(), std::find(owners.alarm.begin(), owners.alarm.end(), "TRIGGER:-P6DT15H"));
    EXPECT_NE(std::string::npos, owners.props.at("DESCRIPTION").find("\\n"));
    // The lunar birthday on Mid-Autumn is a dated event with a two-day alarm for the cake.
    const IcsEvent& birthday = doc.events[3];
    EXPECT_EQ("20260925", birthday.props.at("DTSTART;VALUE=DATE"));
    EXPECT_NE(birthday.alarm.end(), std::find(birthday.alarm.begin(), birthday.alarm.end(), "TRIGGER:-P1DT15H"));
    // The mother's lunar birthday too.
    EXPECT_EQ(basic("2026-09-30"), doc.events[5].props.at("DTSTART;VALUE=DATE"));
    EXPECT_NE(std::string::npos, unescape(doc.events[5].props.at("SUMMARY")).find("母亲王秀英生日"));
    // A festival call alone: the alarm on the day.
    const IcsEvent& festival = doc.events[4];
    EXPECT_NE(festival.alarm.end(), std::find(festival.alarm.begin(), festival.alarm.end(), "TRIGGER:PT9H"));
    // Exporting again gives the same events (same UIDs).
    const Ics again = parse_ics(care().export_ics(d("2026-09-20"), d("2026-09-30"), wang_));
    ASSERT_EQ(doc.events.size(), again.events.size());
    for (std::size_t i = 0; i < doc.events.size(); ++i) EXPECT_EQ(doc.events[i].props.at("UID"), again.events[i].props.at("UID"));
    // A task done stays, without its alarm; a task skipped is cancelled, without an alarm either.
    care().complete(tasks[0].id, "已上门");
    care().skip(tasks[4].id, "客户出国");
    const Ics closed = parse_ics(care().export_ics(d("2026-09-20"), d("2026-09-30"), wang_));
    ASSERT_EQ(doc.events.size(), closed.events.size());
    for (std::size_t i = 0; i < closed.events.size(); ++i) {
        SCOPED_TRACE(i);
        const IcsEvent& e = closed.events[i];
        EXPECT_EQ(doc.events[i].props.at("UID"), e.props.at("UID"));
        EXPECT_EQ(i == 0 || i == 4, e.alarm.empty());
        EXPECT_EQ(i == 4, e.props.count("STATUS") && e.props.at("STATUS") == "CANCELLED");
    }
    EXPECT_NE(std::string::npos, unescape(closed.events[0].props.at("DESCRIPTION")).find("已完成：已上门"));
    EXPECT_NE(std::string::npos, unescape(closed.events[4].props.at("DESCRIPTION")).find("已跳过：客户出国"));
    // A consultant with nothing to do: an empty but valid calendar.
    const Ics empty = parse_ics(care().export_ics(d("2026-09-20"), d("2026-09-30"), li_));
    EXPECT_TRUE(empty.events.empty());
    EXPECT_EQ("BEGIN:VCALENDAR", empty.lines.front());
    expect_error([&] { care().export_ics(d("2026-09-20"), d("2026-09-30"), 9999); }, Status::not_found, "consultant_id", "");
}

TEST_F(CareTest, IcsFoldingNeverSplitsACharacter) {
    // Labels of every length from 20 to 60 characters, mixing 1-, 3- and 4-byte characters, so that
    // the 75-octet boundary falls at every offset inside a character.
    const auto owner = customer("张伟", wang_, Tier::ordinary);
    deal(owner, "3-1-1201", "2024-05-10");
    std::vector<CareRule> policy;
    auto festivals = calendar::default_festivals();
    for (auto& f : festivals) f.enabled = false;
    for (int n = 0; n < 40; ++n) {
        calendar::FestivalRule f;
        f.key = "day_" + std::to_string(n);
        f.name_zh = std::string(static_cast<std::size_t>(n % 7), 'a') + "节日";
        f.date = calendar::parse_festival_date("gregorian:07-" + std::to_string(1 + n % 28));
        festivals.push_back(f);
        CareRule r;
        r.occasion = OccasionKind::festival;
        r.festival = f.key;
        r.action = "greet_" + std::to_string(n);
        r.channel = "wechat";
        std::string label(static_cast<std::size_t>(n % 4), 'x');
        for (int k = 0; k < 20 + n % 30; ++k) label += k % 5 == 4 ? "\xF0\x9F\x8E\x82" : "问";   // 🎂 and 问
        r.label.zh = label;
        policy.push_back(r);
    }
    care().set_festivals("XH", festivals);
    care().set_policy("XH", policy);
    const std::string ics = care().export_ics(d("2026-07-01"), d("2026-07-31"), wang_);
    const Ics doc = parse_ics(ics);
    EXPECT_EQ(28u, doc.events.size());
    // Unfolded, every label is there whole.
    std::string all;
    for (const auto& l : doc.lines) all += unescape(l) + "\n";
    for (const CareRule& r : policy) EXPECT_NE(std::string::npos, all.find(r.label.zh)) << r.label.zh;
}

TEST(IcsText, TextThatIsNotUtf8StillFoldsAndEnds) {
    // A run of more than 75 bytes none of which starts a UTF-8 character: folding used to look for a
    // character boundary forever (found by the fuzz harness tests/fuzz/fuzz_ics.cpp).
    calendar::IcsEvent event;
    event.uid = "care-task-1-XH-2026C-00042K@snowball";
    event.date = boost::gregorian::date(2026, 9, 25);
    event.summary = std::string(200, '\x80');
    const std::string ics = calendar::ics_calendar("日程", {event}, "20261127T083000Z");
    std::size_t start = 0, lines = 0;
    while (start < ics.size()) {
        const std::size_t end = ics.find("\r\n", start);
        ASSERT_NE(std::string::npos, end);
        EXPECT_LE(end - start, 75u);
        start = end + 2;
        ++lines;
    }
    EXPECT_GT(lines, 10u);
}

} // namespace
