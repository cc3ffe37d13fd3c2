// Text helpers: UTF-8 validation, trimming, full-width forms and the cleaning of input fields.
#include "common/text.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace {

using namespace snowball;
using snowball::testing::expect_error;
namespace text = snowball::text;

const std::string ideographic_space = "\xE3\x80\x80"; // U+3000
const std::string nbsp = "\xC2\xA0";                   // U+00A0
const std::string bom = "\xEF\xBB\xBF";                // U+FEFF

TEST(Utf8, Valid) {
    for (const std::string s : {"", "abc", "张三丰", "客户档案 No.1", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80",
                                "\xED\x9F\xBF" /* U+D7FF */, "\xEE\x80\x80" /* U+E000 */, "\xEF\xBF\xBF",
                                "\xF0\x90\x80\x80", "\xF0\x9F\x98\x80" /* emoji */, "\xF4\x8F\xBF\xBF" /* U+10FFFF */})
        EXPECT_TRUE(text::is_valid_utf8(s)) << s;
    EXPECT_TRUE(text::is_valid_utf8(std::string("a\0b", 3))); // NUL is a character (clean() rejects it)
}

TEST(Utf8, Invalid) {
    for (const std::string s : {
             "\x80",                      // lone continuation byte
             "a\xBF" "b",
             "\xFF", "\xFE", "\xC0\x80",  // overlong NUL
             "\xC0\xAF", "\xC1\xBF",      // overlong 2-byte
             "\xE0\x80\xAF", "\xE0\x9F\xBF", // overlong 3-byte
             "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF", // overlong 4-byte
             "\xED\xA0\x80", "\xED\xBF\xBF", "\xED\xAD\xBF\xED\xB0\x80", // surrogates, also as a pair
             "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF7\xBF\xBF\xBF", // above U+10FFFF
             "\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80", // 5- and 6-byte forms
             "\xE5\xBC",                  // 张 truncated
             "\xE5",                      // 张 truncated to its lead byte
             "\xF0\x9F\x98",              // emoji truncated
             "\xE5\xBC" "a",              // truncated then ASCII
             "\xE5\x41\xA0",              // a non-continuation byte inside
             "张三\xE4\xB8",              // valid then truncated at the end
         })
        EXPECT_FALSE(text::is_valid_utf8(s)) << ::testing::PrintToString(s);
}

TEST(Utf8, CodePoints) {
    EXPECT_EQ(text::code_points(""), 0u);
    EXPECT_EQ(text::code_points("abc"), 3u);
    EXPECT_EQ(text::code_points("张三丰"), 3u);
    EXPECT_EQ(text::code_points("a张\xF0\x9F\x98\x80"), 3u);
}

TEST(Trim, AsciiAndUnicodeBlanks) {
    EXPECT_EQ(text::trim(""), "");
    EXPECT_EQ(text::trim("   "), "");
    EXPECT_EQ(text::trim("abc"), "abc");
    EXPECT_EQ(text::trim("  abc  "), "abc");
    EXPECT_EQ(text::trim("\t\r\n\v\f abc \n\r\t"), "abc");
    EXPECT_EQ(text::trim(" a b "), "a b");
    EXPECT_EQ(text::trim(ideographic_space + "张三" + ideographic_space), "张三");
    EXPECT_EQ(text::trim(ideographic_space + ideographic_space), "");
    EXPECT_EQ(text::trim(nbsp + "x" + nbsp), "x");
    EXPECT_EQ(text::trim(bom + "name"), "name");
    EXPECT_EQ(text::trim(bom + " 姓名 " + bom), "姓名");
    EXPECT_EQ(text::trim(" " + nbsp + ideographic_space + "\t张 三" + ideographic_space + nbsp + " "), "张 三");
    // Inner blanks stay.
    EXPECT_EQ(text::trim("张" + ideographic_space + "三"), "张" + ideographic_space + "三");
}

TEST(Trim, KeepsCharactersThatOnlyLookLikeBlanks) {
    // 张 is E5 BC A0: its last byte is NBSP's last byte, but it is no blank.
    EXPECT_EQ(text::trim("张"), "张");
    EXPECT_EQ(text::trim(" 张"), "张");
    EXPECT_EQ(text::trim("张 "), "张");
    // U+2000-U+200B and other characters are not trimmed (only the documented set).
    EXPECT_EQ(text::trim("\xE2\x80\x8B" "a"), "\xE2\x80\x8B" "a");
    // Malformed bytes stop the trimming; they are kept for validation to report.
    EXPECT_EQ(text::trim("\xFF a "), "\xFF a");
    EXPECT_EQ(text::trim(" a \xA0"), "a \xA0");
    EXPECT_EQ(text::trim("\xA0"), "\xA0");
    EXPECT_EQ(text::trim("\xC2"), "\xC2");
}

TEST(Halfwidth, FullWidthFormsAndIdeographicSpace) {
    EXPECT_EQ(text::to_halfwidth("ＡＢＣｘｙｚ０１２９"), "ABCxyz0129");
    EXPECT_EQ(text::to_halfwidth("！"), "!");        // U+FF01, first of the range
    EXPECT_EQ(text::to_halfwidth("～"), "~");        // U+FF5E, last of the range
    EXPECT_EQ(text::to_halfwidth("＋８６　１３８－００１３"), "+86 138-0013");
    EXPECT_EQ(text::to_halfwidth("（０１０）"), "(010)");
    EXPECT_EQ(text::to_halfwidth(ideographic_space), " ");
    // Outside the range: kept.
    EXPECT_EQ(text::to_halfwidth("｟"), "｟");        // U+FF5F
    EXPECT_EQ(text::to_halfwidth("\xEF\xBC\x80"), "\xEF\xBC\x80"); // U+FF00
    EXPECT_EQ(text::to_halfwidth("张三丰，你好。"), "张三丰,你好。"); // ， is U+FF0C; 。 is not full-width ASCII
    EXPECT_EQ(text::to_halfwidth("abc 123"), "abc 123");
    EXPECT_EQ(text::to_halfwidth(""), "");
    // Malformed bytes are kept as they are.
    EXPECT_EQ(text::to_halfwidth("\xFF" "Ａ\xE5\xBC"), "\xFF" "A\xE5\xBC");
}

TEST(Case, AsciiOnly) {
    EXPECT_EQ(text::upper_ascii("abcXYZ09-张"), "ABCXYZ09-张");
    EXPECT_EQ(text::lower_ascii("ABCxyz09-张"), "abcxyz09-张");
}

TEST(Clean, TrimsAndKeepsValidText) {
    EXPECT_EQ(text::clean("  张三丰  ", "name", 50, true), "张三丰");
    EXPECT_EQ(text::clean(ideographic_space + "张三" + nbsp, "name", 50, true), "张三");
    EXPECT_EQ(text::clean("", "note", 10, false), "");
    EXPECT_EQ(text::clean("   ", "note", 10, false), "");
    // Line breaks around a single-line value are blanks and trimmed away.
    EXPECT_EQ(text::clean("\n张三\r\n", "name", 50, true), "张三");
}

TEST(Clean, Required) {
    expect_error([] { text::clean("", "name", 50, true); }, Status::invalid_argument, "name",
                 "name: is required and must not be blank");
    expect_error([] { text::clean(" \t" + ideographic_space + bom, "name", 50, true); }, Status::invalid_argument,
                 "name", "is required");
}

TEST(Clean, LengthCountsCodePointsAfterTrimming) {
    std::string fifty;
    for (int i = 0; i < 50; ++i) fifty += "张";
    EXPECT_EQ(text::clean(fifty, "name", 50, true), fifty);
    EXPECT_EQ(text::clean("  " + fifty + ideographic_space, "name", 50, true), fifty);
    expect_error([&] { text::clean(fifty + "三", "name", 50, true); }, Status::invalid_argument, "name",
                 "is 51 characters long; the limit is 50");
    expect_error([] { text::clean(std::string(11, 'a'), "note", 10, false); }, Status::invalid_argument, "note",
                 "is 11 characters long; the limit is 10");
    EXPECT_EQ(text::clean(std::string(10, 'a'), "note", 10, false), std::string(10, 'a'));
}

TEST(Clean, ControlCharacters) {
    for (const std::string& s : {std::string("a\x01" "b"), std::string("a\0b", 3), std::string("a\x1F" "b"),
                                std::string("a\x7F" "b"), std::string("a\x1B[31mb"),
                                std::string("a\xC2\x80" "b"), std::string("a\xC2\x9F" "b")})  // C1: U+0080, U+009F
        expect_error([&] { text::clean(s, "name", 50, true); }, Status::invalid_argument, "name",
                     "contains a control character");
    // U+00A0 just after the C1 block is no control character (and is trimmed at the ends).
    EXPECT_EQ(text::clean("a\xC2\xA0" "b", "name", 50, true), "a\xC2\xA0" "b");
    // Line breaks and tabs inside a single-line value are not allowed...
    for (const std::string s : {"张\n三", "张\r三", "张\t三"})
        expect_error([&] { text::clean(s, "name", 50, true); }, Status::invalid_argument, "name",
                     "contains a control character");
    // ...but are in a multi-line one; other control characters are still not.
    EXPECT_EQ(text::clean("第一行\n第二行\r\n\t第三行 ", "note", 100, false, text::Lines::multi),
              "第一行\n第二行\r\n\t第三行");
    expect_error([] { text::clean("a\nb\x07", "note", 100, false, text::Lines::multi); }, Status::invalid_argument,
                 "note", "contains a control character");
    expect_error([] { text::clean(std::string("a\n\0", 3) + "b", "note", 100, false, text::Lines::multi); },
                 Status::invalid_argument, "note", "contains a control character");
}

TEST(Clean, InvisibleCharactersAreRefusedWhereTheyCouldDeceive) {
    // A right-to-left override makes "张三" display as another text; refused in every field, with
    // the character and its place named.
    expect_error([] { text::clean("张\u202E三", "name", 50, true); }, Status::invalid_argument, "name",
                 "contains a right-to-left or left-to-right control (U+202E), which is not shown, at character 2");
    for (const std::string s : {"a\u202Ab", "a\u2066b", "a\u2069b", "a\u200Fb", "a\u061Cb"})
        expect_error([&] { text::clean(s, "note", 50, false, text::Lines::multi); }, Status::invalid_argument, "note",
                     "right-to-left or left-to-right control");
    // Zero-width characters: two names that look alike but are not — refused in single-line fields.
    for (const std::string s : {"张\u200B三", "张\u200C三", "张\u200D三", "张\u2060三", "张\uFEFF三", "张\u00AD三"})
        expect_error([&] { text::clean(s, "name", 50, true); }, Status::invalid_argument, "name",
                     "a zero-width character");
    // Free text keeps them: an emoji sequence joined by ZWJ, a soft hyphen pasted from a document.
    const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467 全家来访";
    EXPECT_EQ(text::clean(family, "note", 100, false, text::Lines::multi), family);
    EXPECT_EQ(text::clean("co\u00ADoperation", "note", 100, false, text::Lines::multi), "co\u00ADoperation");
    // The control characters' message names them and their place too.
    expect_error([] { text::clean("张三\x1B", "name", 50, true); }, Status::invalid_argument, "name",
                 "contains a control character (U+001B) at character 3");
}

TEST(RedactPhone, EveryWritingOfTheNumberGoesTheRestStays) {
    std::string t = "电话13912345678，或 +86 139-1234-5678、139 1234 5678；座机 0571-8888 6666";
    EXPECT_TRUE(text::redact_phone(t, "13912345678", "[X]"));
    EXPECT_EQ(t, "电话[X]，或 +86 [X]、[X]；座机 0571-8888 6666");
    EXPECT_TRUE(text::redact_phone(t, "057188886666", "[X]"));
    EXPECT_EQ(t, "电话[X]，或 +86 [X]、[X]；座机 [X]");
    // Other numbers, and the digits split by words, stay.
    std::string other = "订单 1391234 号，5678 元；13912345679";
    EXPECT_FALSE(text::redact_phone(other, "13912345678", "[X]"));
    EXPECT_EQ(other, "订单 1391234 号，5678 元；13912345679");
    std::string empty;
    EXPECT_FALSE(text::redact_phone(empty, "13912345678", "[X]"));
    EXPECT_FALSE(text::redact_phone(t, "", "[X]"));
}

TEST(Clean, InvalidUtf8) {
    for (const std::string s : {"\xFF", "张\xE4\xB8", "\xC0\xAF", "\xED\xA0\x80"})
        expect_error([&] { text::clean(s, "name", 50, true); }, Status::invalid_argument, "name",
                     "name: is not valid UTF-8");
    expect_error([] { text::clean("\xFF", "note", 50, false, text::Lines::multi); }, Status::invalid_argument, "note",
                 "is not valid UTF-8");
}

TEST(NowUtc, Iso8601) {
    const std::string now = text::now_utc();
    EXPECT_TRUE(std::regex_match(now, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"))) << now;
}

} // namespace
