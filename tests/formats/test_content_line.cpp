// The pure pieces under the formats: content lines (folding, escaping, unfolding) shared by vCard
// and iCalendar, Chinese names split into surname and given name, vCards read into persons.
#include "common/chinese_name.hpp"
#include "common/content_line.hpp"
#include "common/text.hpp"
#include "formats/vcard.hpp"
#include "snowball/ics.hpp"

#include <gtest/gtest.h>

using namespace snowball;

namespace {

std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = text.find("\r\n", start);
        EXPECT_NE(end, std::string::npos) << "a line without CRLF";
        if (end == std::string::npos) break;
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

TEST(ContentLine, FoldsAt75OctetsNeverInsideACharacter) {
    std::string name;
    for (int i = 0; i < 40; ++i) name += "张";   // 120 octets
    std::string out;
    text::append_content_line(out, "FN:" + name);
    const auto lines = physical_lines(out);
    ASSERT_GE(lines.size(), 2u);
    std::string joined;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].size(), 75u) << "line " << i;
        EXPECT_TRUE(text::is_valid_utf8(lines[i])) << "line " << i << " splits a character";
        if (i) {
            ASSERT_EQ(lines[i][0], ' ');
            joined += lines[i].substr(1);
        } else {
            joined += lines[i];
        }
    }
    EXPECT_EQ(joined, "FN:" + name);
    const auto unfolded = text::unfold(out);
    ASSERT_EQ(unfolded.size(), 1u);
    EXPECT_EQ(unfolded[0].text, "FN:" + name);
    EXPECT_EQ(unfolded[0].line, 1);
}

TEST(ContentLine, EscapesAndUnescapesTextValues) {
    const std::string value = "a,b;c\\d\ne";
    EXPECT_EQ(text::escape_value(value), "a\\,b\\;c\\\\d\\ne");
    EXPECT_EQ(text::unescape_value(text::escape_value(value)), value);
    EXPECT_EQ(text::unescape_value("x\\Ny"), "x\ny");
    const auto parts = text::split_value("欧阳;娜\\;娜;;;", ';');
    ASSERT_EQ(parts.size(), 5u);
    EXPECT_EQ(parts[0], "欧阳");
    EXPECT_EQ(parts[1], "娜;娜");
}

TEST(ContentLine, UnfoldsLfAndTabContinuationsAndCountsLines) {
    const auto lines = text::unfold("\xEF\xBB\xBF" "BEGIN:VCARD\nFN:张\n\t三\n\nEND:VCARD\n");
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[1].text, "FN:张三");
    EXPECT_EQ(lines[1].line, 2);
    EXPECT_EQ(lines[2].line, 5);
}

TEST(ContentLine, TheIcalendarWriterFoldsWithTheSameCode) {
    calendar::IcsEvent e;
    e.uid = "u1";
    e.date = Date(2026, 1, 1);
    e.summary = std::string(30, 'x') + "生日，提醒；" + std::string(40, 'y');
    const std::string ics = calendar::ics_calendar("日程", {e}, "20260101T000000Z");
    for (const std::string& l : physical_lines(ics)) EXPECT_LE(l.size(), 75u);
    bool found = false;
    for (const auto& l : text::unfold(ics))
        if (l.text.rfind("SUMMARY:", 0) == 0) {
            found = true;
            EXPECT_EQ(text::unescape_value(l.text.substr(8)), e.summary);
        }
    EXPECT_TRUE(found);
}

TEST(ChineseName, SplitsCompoundSurnames) {
    EXPECT_EQ(text::split_name("欧阳娜娜").family, "欧阳");
    EXPECT_EQ(text::split_name("欧阳娜娜").given, "娜娜");
    EXPECT_EQ(text::split_name("张伟").family, "张");
    EXPECT_EQ(text::split_name("张伟").given, "伟");
    EXPECT_EQ(text::split_name("司马").family, "司马");
    EXPECT_EQ(text::split_name("司马").given, "");
    EXPECT_EQ(text::split_name("諸葛亮").family, "諸葛");
    EXPECT_EQ(text::split_name("Anna Maria Li").family, "Li");
    EXPECT_EQ(text::split_name("Anna Maria Li").given, "Anna Maria");
    EXPECT_EQ(text::split_name("").family, "");
}

TEST(VcardCards, APersonSurvivesWritingAndReading) {
    detail::vcard::Person p;
    p.uid = "urn:snowball:XH-2026-00001";
    p.name = "欧阳娜娜";
    p.gender = Gender::female;
    p.mobile = "13912345678";
    p.phones = {{PhoneKind::home, "057188886666"}, {PhoneKind::office, "01065521234"}};
    p.birthday = parse_birthday("lunar:2020-L04-15");
    p.org = "杭州某某科技有限公司，滨江区";
    p.title = "总监";
    p.note = "喜欢安静;\n要求南向";
    p.related = {{"spouse", "urn:snowball:XH-2026-00001:family:3"}};
    std::string out;
    detail::vcard::write(out, p);
    EXPECT_NE(out.find("N:欧阳;娜娜;;;\r\n"), std::string::npos) << out;
    EXPECT_NE(out.find("X-SNOWBALL-LUNAR-BDAY:2020-L04-15\r\n"), std::string::npos) << out;
    EXPECT_NE(out.find("BDAY:20200606\r\n"), std::string::npos) << "a lunar birthday with its year has its Gregorian day";
    const auto cards = detail::vcard::parse(out);
    ASSERT_EQ(cards.size(), 1u);
    detail::vcard::Problem problem;
    const auto back = detail::vcard::read(cards[0], problem);
    ASSERT_TRUE(back) << problem.reason;
    EXPECT_EQ(back->uid, p.uid);
    EXPECT_EQ(back->name, p.name);
    EXPECT_EQ(back->gender, p.gender);
    EXPECT_EQ(back->mobile, p.mobile);
    EXPECT_EQ(back->phones, p.phones);
    EXPECT_EQ(back->birthday, p.birthday);
    EXPECT_EQ(back->org, p.org);
    EXPECT_EQ(back->title, p.title);
    EXPECT_EQ(back->note, p.note);
    EXPECT_EQ(back->related, p.related);
}

TEST(VcardCards, ReadsOtherApplicationsCards) {
    const std::string text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Li;Anna;;;\r\nitem1.TEL;TYPE=\"WORK,VOICE\":+86 571-8888-6666\r\n"
                             "TEL;CELL:tel:+86-139-1234-5678\r\nBDAY:--0615\r\nEND:VCARD\r\n";
    const auto cards = detail::vcard::parse(text);
    ASSERT_EQ(cards.size(), 1u);
    detail::vcard::Problem problem;
    const auto p = detail::vcard::read(cards[0], problem);
    ASSERT_TRUE(p) << problem.reason;
    EXPECT_EQ(p->name, "Anna Li");
    EXPECT_EQ(p->mobile, "13912345678");
    ASSERT_EQ(p->phones.size(), 1u);
    EXPECT_EQ(p->phones[0].kind, PhoneKind::office);
    ASSERT_TRUE(p->birthday);
    EXPECT_EQ(to_string(*p->birthday), "--06-15");
}

TEST(VcardCards, SaysWhichLineIsWrong) {
    const std::string text = "BEGIN:VCARD\nVERSION:4.0\nFN:张三\nTEL;TYPE=cell:12345\nEND:VCARD\n"
                             "BEGIN:VCARD\nFN:李四\nBDAY:19851345\nEND:VCARD\n"
                             "BEGIN:VCARD\nFN:王五\nthis is no property\nEND:VCARD\n"
                             "BEGIN:VCARD\nFN:赵六\n";
    const auto cards = detail::vcard::parse(text);
    ASSERT_EQ(cards.size(), 4u);
    detail::vcard::Problem problem;
    EXPECT_FALSE(detail::vcard::read(cards[0], problem));
    EXPECT_EQ(problem.line, 4);
    EXPECT_EQ(problem.field, "TEL");
    EXPECT_FALSE(detail::vcard::read(cards[1], problem));
    EXPECT_EQ(problem.line, 8);
    EXPECT_EQ(problem.field, "BDAY");
    EXPECT_FALSE(detail::vcard::read(cards[2], problem));
    EXPECT_EQ(problem.line, 12);
    EXPECT_FALSE(detail::vcard::read(cards[3], problem));
    EXPECT_EQ(problem.line, 14);
    EXPECT_NE(problem.reason.find("END:VCARD"), std::string::npos);
}

} // namespace
