// Archive numbers: the check character (proved exhaustively on samples), normalisation, number
// formats (parse errors, render/match round trips), parse/validate/render and site codes.
#include "snowball/numbering.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::numbering;
using snowball::testing::expect_error;

// Every character a number can hold: the body alphabet and the check symbol '*'.
const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-*";
const std::string check_symbols = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";

std::string with_check(const std::string& body) { return body + check_character(body); }

// Sample numbers: the default format of several sites, unusual formats, and one number ending
// in each of the 37 check symbols.
std::vector<std::string> sample_numbers() {
    std::vector<std::string> out{
        render_archive_no(default_format, "XH", Channel::call, 2026, 42),
        render_archive_no(default_format, "ZZZZZZZZ", Channel::visit, 1999, 99999),
        render_archive_no(default_format, "A1", Channel::lead, 2030, 123456),
        render_archive_no("{site}-{yy}{channel:DLK}{seq:4}{check}", "BJ01", Channel::visit, 2026, 7),
        render_archive_no("{site}-K9-{seq:12}{check}", "Q", Channel::call, 2026, 999999999999LL),
        with_check("--"),
        with_check("0"),
    };
    std::set<char> endings;
    for (const auto& n : out) endings.insert(n.back());
    for (std::int64_t seq = 1; endings.size() < check_symbols.size() && seq < 100000; ++seq) {
        const std::string n = render_archive_no(default_format, "XH", Channel::lead, 2026, seq);
        if (endings.insert(n.back()).second) out.push_back(n);
    }
    EXPECT_EQ(endings.size(), check_symbols.size()) << "some check symbol never appears";
    return out;
}

TEST(CheckCharacter, SamplesAreValid) {
    for (const auto& n : sample_numbers()) {
        EXPECT_TRUE(is_valid_archive_no(n)) << n;
        EXPECT_NO_THROW(validate_archive_no(n)) << n;
    }
}

TEST(CheckCharacter, EverySingleSubstitutionIsDetected) {
    std::int64_t checked = 0;
    for (const auto& number : sample_numbers()) {
        for (std::size_t pos = 0; pos < number.size(); ++pos) {
            for (char c : alphabet) {
                if (c == number[pos]) continue;
                std::string wrong = number;
                wrong[pos] = c;
                EXPECT_FALSE(is_valid_archive_no(wrong)) << number << " → " << wrong;
                EXPECT_THROW(validate_archive_no(wrong), Error) << wrong;
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 10000);
}

TEST(CheckCharacter, EveryAdjacentSwapIsDetected) {
    std::int64_t checked = 0;
    for (const auto& number : sample_numbers()) {
        for (std::size_t pos = 0; pos + 1 < number.size(); ++pos) {
            if (number[pos] == number[pos + 1]) continue;
            std::string swapped = number;
            std::swap(swapped[pos], swapped[pos + 1]);
            EXPECT_FALSE(is_valid_archive_no(swapped)) << number << " → " << swapped;
            ++checked;
        }
    }
    EXPECT_GT(checked, 300);
}

// Beyond the samples: every body of two characters and every swap in it, the check included.
TEST(CheckCharacter, AllTwoCharacterBodies) {
    const std::string body_alphabet = alphabet.substr(0, 37);
    for (char a : body_alphabet)
        for (char b : body_alphabet) {
            const std::string n = with_check(std::string{a, b});
            ASSERT_TRUE(is_valid_archive_no(n)) << n;
            for (std::size_t pos = 0; pos < 3; ++pos)
                for (char c : alphabet) {
                    if (c == n[pos]) continue;
                    std::string wrong = n;
                    wrong[pos] = c;
                    ASSERT_FALSE(is_valid_archive_no(wrong)) << n << " → " << wrong;
                }
            for (std::size_t pos = 0; pos < 2; ++pos) {
                if (n[pos] == n[pos + 1]) continue;
                std::string swapped = n;
                std::swap(swapped[pos], swapped[pos + 1]);
                ASSERT_FALSE(is_valid_archive_no(swapped)) << n << " → " << swapped;
            }
        }
}

TEST(CheckCharacter, KnownValuesAndSymbols) {
    // MOD 37-2 by hand: "0" sums to 0, so the check value is 1.
    EXPECT_EQ(check_character("0"), '1');
    EXPECT_EQ(check_character(""), '1');
    // The check symbol for value 36 is '*', never '-'.
    std::set<char> seen;
    for (std::int64_t seq = 1; seq < 5000; ++seq)
        seen.insert(check_character("XH-2026C-" + std::to_string(seq)));
    EXPECT_TRUE(seen.count('*'));
    EXPECT_FALSE(seen.count('-'));
    EXPECT_EQ(seen.size(), 37u);
}

TEST(CheckCharacter, RejectsCharactersOutsideTheAlphabet) {
    expect_error([] { check_character("XH_1"); }, Status::invalid_argument, "archive_no", "outside 0-9, A-Z");
    expect_error([] { check_character("xh-1"); }, Status::invalid_argument, "archive_no", "outside");
    expect_error([] { check_character("XH*1"); }, Status::invalid_argument, "archive_no", "outside");
}

TEST(Normalisation, CaseFullWidthAndBlanks) {
    const std::string n = render_archive_no(default_format, "XH", Channel::call, 2026, 42);
    EXPECT_EQ(normalize_archive_no("xh-2026c-00042" + std::string(1, static_cast<char>(std::tolower(n.back())))), n);
    EXPECT_EQ(normalize_archive_no("  " + n + "\t\n"), n);
    EXPECT_EQ(normalize_archive_no("\xE3\x80\x80" + n + "\xE3\x80\x80"), n); // U+3000 ideographic space
    EXPECT_EQ(normalize_archive_no("\xC2\xA0" + n), n);                       // NBSP
    // ＸＨ－２０２６ typed with a Chinese input method.
    EXPECT_EQ(normalize_archive_no("ＸＨ－２０２６"), "XH-2026");
    EXPECT_EQ(normalize_archive_no("ｘｈ－２０２６ｃ"), "XH-2026C");

    std::string full_width;
    for (char c : n) {
        const char32_t cp = static_cast<char32_t>(c) + 0xFEE0;
        full_width += static_cast<char>(0xE0 | (cp >> 12));
        full_width += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        full_width += static_cast<char>(0x80 | (cp & 0x3F));
    }
    EXPECT_EQ(normalize_archive_no(full_width), n);
    EXPECT_TRUE(is_valid_archive_no(full_width));
    EXPECT_TRUE(is_valid_archive_no(" " + n + " "));
    std::string lower = n;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(is_valid_archive_no(lower));
    EXPECT_EQ(parse_archive_no(lower).text, n);
    EXPECT_EQ(parse_archive_no(full_width).text, n);
}

TEST(Normalisation, InvalidInputIsNotANumber) {
    EXPECT_FALSE(is_valid_archive_no(""));
    EXPECT_FALSE(is_valid_archive_no("   "));
    EXPECT_FALSE(is_valid_archive_no("X"));
    EXPECT_FALSE(is_valid_archive_no("\xFF\xFE"));
    EXPECT_FALSE(is_valid_archive_no("张三"));
    const std::string n = render_archive_no(default_format, "XH", Channel::call, 2026, 42);
    EXPECT_FALSE(is_valid_archive_no(n.substr(0, 5) + " " + n.substr(5))); // inner blank
    EXPECT_FALSE(is_valid_archive_no(n + n.back()));
}

// ---------------------------------------------------------------------------------------------
// NumberFormat::parse

void expect_bad_format(const std::string& pattern, const std::string& fragment) {
    SCOPED_TRACE(pattern);
    auto e = expect_error([&] { NumberFormat::parse(pattern); }, Status::invalid_argument, "number_format", fragment);
    if (e) {
        EXPECT_NE(std::string(e->what()).find(pattern), std::string::npos) << "message should quote the pattern: " << e->what();
    }
}

TEST(NumberFormatParse, AcceptsGoodFormats) {
    for (const char* p : {default_format, "{site}-{seq:1}{check}", "{site}-{yy}{channel:DLK}{seq:4}{check}",
                          "{site}-K9-{seq:12}{check}", "{site}-{channel}-{seq:6}-{yyyy}{check}",
                          "{site}-{seq:3}{yyyy}{check}", "{site}--{seq:3}{check}"}) {
        EXPECT_NO_THROW(NumberFormat::parse(p)) << p;
        EXPECT_EQ(NumberFormat::parse(p).pattern(), p);
    }
}

TEST(NumberFormatParse, RequiredTokens) {
    expect_bad_format("", "lacks {site}");
    expect_bad_format("{seq:5}{check}", "lacks {site}");
    expect_bad_format("{yyyy}-{seq:5}{check}", "lacks {site}");
    expect_bad_format("{site}-{check}", "lacks {seq:N}");
    expect_bad_format("{site}-{yyyy}{channel}{check}", "lacks {seq:N}");
    expect_bad_format("{site}-{seq:5}", "lacks {check}");
    expect_bad_format("{site}-{yyyy}{channel}-{seq:5}", "lacks {check}");
}

TEST(NumberFormatParse, CheckMustBeLast) {
    expect_bad_format("{site}-{seq:5}{check}X", "{check} must come last");
    expect_bad_format("{site}-{seq:5}{check}-", "{check} must come last");
    expect_bad_format("{site}-{check}{seq:5}", "{check} must come last");
    expect_bad_format("{site}-{seq:5}{check}{yy}", "{check} must come last");
    expect_bad_format("{site}-{seq:5}{check}{check}", "{check} must come last");
}

TEST(NumberFormatParse, UnknownTokensAndBraces) {
    expect_bad_format("{site}-{foo}{seq:5}{check}", "unknown token {foo}");
    expect_bad_format("{site}-{SITE}{seq:5}{check}", "unknown token {SITE}");
    expect_bad_format("{site}-{}{seq:5}{check}", "unknown token {}");
    expect_bad_format("{site}-{yyy}{seq:5}{check}", "unknown token {yyy}");
    expect_bad_format("{site}-{seq}{check}", "unknown token {seq}");
    expect_bad_format("{site}-{seq:5}{check", "is not closed");
}

TEST(NumberFormatParse, SequenceWidth) {
    for (const char* p : {"{site}-{seq:0}{check}", "{site}-{seq:13}{check}", "{site}-{seq:}{check}",
                          "{site}-{seq:x}{check}", "{site}-{seq:-1}{check}", "{site}-{seq:100}{check}",
                          "{site}-{seq:5a}{check}", "{site}-{seq: 5}{check}", "{site}-{seq:99999999999}{check}"})
        expect_bad_format(p, "{seq:N} needs a width N from 1 to 12");
    EXPECT_NO_THROW(NumberFormat::parse("{site}-{seq:12}{check}"));
    EXPECT_NO_THROW(NumberFormat::parse("{site}-{seq:01}{check}"));
}

TEST(NumberFormatParse, Literals) {
    expect_bad_format("{site}_{seq:5}{check}", "literal '_' is not allowed");
    expect_bad_format("{site}-x{seq:5}{check}", "literal 'x' is not allowed");
    expect_bad_format("{site}- {seq:5}{check}", "literal ' ' is not allowed");
    expect_bad_format("{site}-{seq:5}}{check}", "literal '}' is not allowed");
    expect_bad_format("{site}-*{seq:5}{check}", "literal '*' is not allowed");
    expect_bad_format("{site}-号{seq:5}{check}", "is not allowed");
}

TEST(NumberFormatParse, SiteMustBeFollowedByDash) {
    expect_bad_format("{site}{seq:5}{check}", "{site} must be followed by '-'");
    expect_bad_format("{site}X-{seq:5}{check}", "{site} must be followed by '-'");
    expect_bad_format("{site}{yyyy}-{seq:5}{check}", "{site} must be followed by '-'");
    expect_bad_format("{site}{channel}-{seq:5}{check}", "{site} must be followed by '-'");
}

// A literal or token before {site} would let two sites render the same number: K{site} at site
// KX and {site} at site KKX both give "KKX-...".
TEST(NumberFormatParse, SiteMustComeFirst) {
    expect_bad_format("{seq:5}-{site}-{check}", "must start with {site}");
    expect_bad_format("K9-{site}-{seq:12}{check}", "must start with {site}");
    expect_bad_format("K{site}-{seq:3}{check}", "must start with {site}");
    expect_bad_format("{channel}{site}-{seq:6}{check}", "must start with {site}");
    expect_bad_format("{yyyy}{site}-{seq:3}{check}", "must start with {site}");
}

TEST(NumberFormatParse, DuplicateTokens) {
    expect_bad_format("{site}-{site}-{seq:5}{check}", "{site} appears twice");
    expect_bad_format("{site}-{seq:5}{seq:5}{check}", "{seq} appears twice");
    expect_bad_format("{site}-{channel}{channel}{seq:5}{check}", "{channel} appears twice");
    expect_bad_format("{site}-{channel}{channel:ABC}{seq:5}{check}", "{channel} appears twice");
    expect_bad_format("{site}-{yyyy}{yyyy}{seq:5}{check}", "appears twice");
    expect_bad_format("{site}-{yyyy}{yy}{seq:5}{check}", "appears twice");
}

TEST(NumberFormatParse, ChannelCodes) {
    EXPECT_NO_THROW(NumberFormat::parse("{site}-{channel:DLK}{seq:4}{check}"));
    EXPECT_NO_THROW(NumberFormat::parse("{site}-{channel:123}{seq:4}{check}"));
    for (const char* p : {"{site}-{channel:}{seq:4}{check}", "{site}-{channel:AB}{seq:4}{check}",
                          "{site}-{channel:ABCD}{seq:4}{check}", "{site}-{channel:AAB}{seq:4}{check}",
                          "{site}-{channel:ABA}{seq:4}{check}", "{site}-{channel:ABB}{seq:4}{check}",
                          "{site}-{channel:A-B}{seq:4}{check}", "{site}-{channel:abc}{seq:4}{check}",
                          "{site}-{channel:A*B}{seq:4}{check}", "{site}-{channel:来访客}{seq:4}{check}"})
        expect_bad_format(p, "{channel:XYZ} needs three different letters or digits");
    expect_bad_format("{site}-{channelABC}{seq:4}{check}", "unknown token {channelABC}");
}

// ---------------------------------------------------------------------------------------------
// render / match

struct RoundTrip {
    std::string format;
    std::string site;
    Channel channel;
    int year;
    std::int64_t sequence;
    std::string expected_body;   // the number without its check character
};

TEST(NumberFormatRender, RoundTrips) {
    const std::vector<RoundTrip> cases{
        {default_format, "XH", Channel::call, 2026, 42, "XH-2026C-00042"},
        {default_format, "XH", Channel::visit, 2026, 1, "XH-2026V-00001"},
        {default_format, "XH", Channel::lead, 2027, 99999, "XH-2027L-99999"},
        {default_format, "XH", Channel::lead, 2027, 100000, "XH-2027L-100000"},         // outgrew its width
        {default_format, "ZZZZZZZZ", Channel::call, 1999, 1234567, "ZZZZZZZZ-1999C-1234567"},
        {"{site}-{yy}{channel:DLK}{seq:4}{check}", "BJ01", Channel::call, 2026, 7, "BJ01-26D0007"},
        {"{site}-{yy}{channel:DLK}{seq:4}{check}", "BJ01", Channel::visit, 2009, 12, "BJ01-09L0012"},
        {"{site}-{yy}{channel:DLK}{seq:4}{check}", "BJ01", Channel::lead, 2100, 123456, "BJ01-00K123456"},
        {"{site}-K9-{seq:3}{check}", "Q", Channel::call, 2026, 5, "Q-K9-005"},
        {"{site}-{yyyy}-{seq:3}{check}", "XH", Channel::visit, 2026, 5, "XH-2026-005"},
        {"{site}-{channel:123}-{seq:2}{check}", "XH", Channel::lead, 2026, 5, "XH-3-05"},
        {"{site}-{seq:1}{check}", "A", Channel::call, 2026, 1, "A-1"},
        {"{site}-{seq:1}{check}", "A", Channel::call, 2026, 999999999999LL, "A-999999999999"},
        {"{site}-{channel}-{seq:6}-{yyyy}{check}", "XH", Channel::visit, 2026, 42, "XH-V-000042-2026"},
        {"{site}-{seq:2}{yy}{check}", "XH", Channel::call, 2026, 12345, "XH-1234526"},   // outgrew, year after
        {"{site}-{seq:3}0{channel}{check}", "XH", Channel::lead, 2026, 7, "XH-0070L"},
        {"{site}--{seq:3}{check}", "XH", Channel::lead, 2026, 7, "XH--007"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.format + " " + c.expected_body);
        const NumberFormat f = NumberFormat::parse(c.format);
        const std::string n = f.render(c.site, c.channel, c.year, c.sequence);
        EXPECT_EQ(n, c.expected_body + check_character(c.expected_body));
        EXPECT_EQ(render_archive_no(c.format, c.site, c.channel, c.year, c.sequence), n);
        EXPECT_TRUE(is_valid_archive_no(n));

        const auto m = f.match(n);
        ASSERT_TRUE(m.has_value());
        EXPECT_EQ(m->text, n);
        EXPECT_EQ(m->site, c.site);
        EXPECT_EQ(m->sequence, c.sequence);
        EXPECT_EQ(m->check, n.back());
        const bool has_channel = c.format.find("{channel") != std::string::npos;
        ASSERT_EQ(m->channel.has_value(), has_channel);
        if (has_channel) {
            EXPECT_EQ(*m->channel, c.channel);
        }
        const bool has_year = c.format.find("{yy") != std::string::npos;
        ASSERT_EQ(m->year.has_value(), has_year);
        if (has_year) {
            const bool two_digits = c.format.find("{yy}") != std::string::npos;
            EXPECT_EQ(*m->year, two_digits ? 2000 + c.year % 100 : c.year);
        }

        const ArchiveNumber parsed = parse_archive_no(n, c.format);
        EXPECT_EQ(parsed.text, n);
        EXPECT_EQ(parsed.site, c.site);
        EXPECT_EQ(parsed.sequence, c.sequence);
        // Lower case and blanks read the same.
        std::string lower = n;
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        const auto m2 = f.match("  " + lower + " ");
        ASSERT_TRUE(m2.has_value());
        EXPECT_EQ(m2->text, n);
        EXPECT_EQ(m2->sequence, c.sequence);
    }
}

TEST(NumberFormatRender, Scope) {
    const NumberFormat f = NumberFormat::parse(default_format);
    EXPECT_EQ(f.scope("XH", Channel::call, 2026), "XH-2026C-{seq}");
    EXPECT_EQ(f.scope("XH", Channel::visit, 2026), "XH-2026V-{seq}");
    EXPECT_EQ(f.scope("XH", Channel::call, 2027), "XH-2027C-{seq}");
    EXPECT_EQ(NumberFormat::parse("{site}-{yy}{channel:DLK}{seq:4}{check}").scope("BJ", Channel::lead, 2026),
              "BJ-26K{seq}");
    EXPECT_EQ(NumberFormat::parse("{site}-{seq:4}{check}").scope("BJ", Channel::lead, 2026), "BJ-{seq}");
    EXPECT_EQ(NumberFormat::parse("{site}-{seq:4}-{yyyy}{check}").scope("BJ", Channel::lead, 2026), "BJ-{seq}-2026");
}

std::string lower_case(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

TEST(NumberFormatMatch, RejectsNumbersOfOtherShapes) {
    const NumberFormat f = NumberFormat::parse(default_format);
    const NumberFormat dlk = NumberFormat::parse("{site}-{yy}{channel:DLK}{seq:4}{check}");
    // Valid check characters, wrong shape.
    for (const std::string body : {"XH-2026X-00042",      // unknown channel code
                                   "XH2026C-00042",       // no dash after the site
                                   "XH-2026C00042",       // missing literal
                                   "XH-2026C-0042",       // fewer digits than the width
                                   "XH-2026C-000042",     // a leading zero beyond the width
                                   "XH-2026C-00000",      // sequence 0
                                   "XH-202C-00042",       // short year
                                   "XH-20X6C-00042",      // letter in the year
                                   "1H-2026C-00042",      // site code starts with a digit
                                   "ABCDEFGHI-2026C-00042", // site code too long
                                   "-2026C-00042",        // no site code
                                   "XH-2026C-0004A",      // letter in the sequence
                                   "XH-2026C-",           // no sequence
                                   "XH-2026C-1234567890123456789"}) { // absurdly long sequence
        const std::string n = with_check(body);
        EXPECT_FALSE(f.match(n).has_value()) << n;
        auto e = expect_error([&] { parse_archive_no(n); }, Status::invalid_argument, "archive_no",
                              "does not fit the number format " + std::string(default_format));
    }
    // A number of one format does not fit another.
    const std::string n = f.render("XH", Channel::call, 2026, 42);
    EXPECT_FALSE(dlk.match(n).has_value());
    const std::string d = dlk.render("XH", Channel::call, 2026, 42);
    EXPECT_FALSE(f.match(d).has_value());
    EXPECT_TRUE(dlk.match(d).has_value());
    // C is not a code of {channel:DLK}.
    EXPECT_FALSE(dlk.match(with_check("XH-26C0042")).has_value());
    // A wrong check character.
    std::string wrong = n;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    EXPECT_FALSE(f.match(wrong).has_value());
    EXPECT_FALSE(f.match("").has_value());
    EXPECT_FALSE(f.match(lower_case(wrong)).has_value());
}

// ---------------------------------------------------------------------------------------------
// validate_archive_no / parse_archive_no / render_archive_no / normalize_site_code

TEST(ValidateArchiveNo, Messages) {
    const std::string n = render_archive_no(default_format, "XH", Channel::call, 2026, 42);
    EXPECT_NO_THROW(validate_archive_no(n));
    EXPECT_NO_THROW(validate_archive_no(lower_case(n)));
    expect_error([] { validate_archive_no(""); }, Status::invalid_argument, "archive_no", "too short");
    expect_error([] { validate_archive_no("X"); }, Status::invalid_argument, "archive_no", "too short");
    expect_error([] { validate_archive_no("XH_2026C-00042K"); }, Status::invalid_argument, "archive_no",
                 "holds '_' at position 3");
    expect_error([] { validate_archive_no("XH 2026C-00042K"); }, Status::invalid_argument, "archive_no",
                 "holds ' ' at position 3");
    expect_error([] { validate_archive_no("XH*2026C-00042K"); }, Status::invalid_argument, "archive_no",
                 "holds '*' at position 3");
    expect_error([] { validate_archive_no("张三-1"); }, Status::invalid_argument, "archive_no",
                 "non-ASCII or control character at position 1");
    expect_error([] { validate_archive_no("XH-2026C-00042-"); }, Status::invalid_argument, "archive_no",
                 "ends in '-', which is not a check character");
    expect_error([] { validate_archive_no("XH-2026C-00042."); }, Status::invalid_argument, "archive_no",
                 "ends in '.'");
    std::string wrong = n;
    std::swap(wrong[4], wrong[5]);
    auto e = expect_error([&] { validate_archive_no(wrong); }, Status::invalid_argument, "archive_no",
                          "wrong check character");
    if (e) {
        EXPECT_NE(std::string(e->what()).find(wrong), std::string::npos) << "names the input: " << e->what();
    }
}

TEST(ParseArchiveNo, DefaultAndExplicitFormat) {
    const std::string n = render_archive_no(default_format, "XH", Channel::visit, 2026, 42);
    const ArchiveNumber a = parse_archive_no(n);
    EXPECT_EQ(a.text, n);
    EXPECT_EQ(a.site, "XH");
    ASSERT_TRUE(a.channel);
    EXPECT_EQ(*a.channel, Channel::visit);
    ASSERT_TRUE(a.year);
    EXPECT_EQ(*a.year, 2026);
    EXPECT_EQ(a.sequence, 42);
    EXPECT_EQ(a.check, n.back());

    const std::string fmt = "{site}-{seq:3}{check}";
    const std::string m = render_archive_no(fmt, "bj", Channel::call, 2026, 7);
    EXPECT_EQ(m.substr(0, 6), "BJ-007");
    const ArchiveNumber b = parse_archive_no(m, fmt);
    EXPECT_EQ(b.site, "BJ");
    EXPECT_FALSE(b.channel.has_value());
    EXPECT_FALSE(b.year.has_value());
    EXPECT_EQ(b.sequence, 7);

    // The check is validated before the format.
    std::string wrong = n;
    wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
    expect_error([&] { parse_archive_no(wrong); }, Status::invalid_argument, "archive_no", "wrong check character");
    expect_error([&] { parse_archive_no(m); }, Status::invalid_argument, "archive_no", "does not fit the number format");
    // A broken format is reported as such.
    expect_error([&] { parse_archive_no(n, "{site}{seq:3}{check}"); }, Status::invalid_argument, "number_format",
                 "must be followed by '-'");
}

TEST(RenderArchiveNo, ArgumentChecks) {
    EXPECT_EQ(render_archive_no(default_format, " xh ", Channel::call, 2026, 1).substr(0, 14), "XH-2026C-00001");
    expect_error([] { render_archive_no("{site}-{seq:3}", "XH", Channel::call, 2026, 1); }, Status::invalid_argument,
                 "number_format", "lacks {check}");
    expect_error([] { render_archive_no(default_format, "", Channel::call, 2026, 1); }, Status::invalid_argument,
                 "site", "required");
    expect_error([] { render_archive_no(default_format, "1X", Channel::call, 2026, 1); }, Status::invalid_argument,
                 "site", "not a site code");
    expect_error([] { render_archive_no(default_format, "X-H", Channel::call, 2026, 1); }, Status::invalid_argument,
                 "site", "not a site code");
    expect_error([] { render_archive_no(default_format, "XH", Channel::call, 1899, 1); }, Status::invalid_argument,
                 "year", "between 1900 and 9999");
    expect_error([] { render_archive_no(default_format, "XH", Channel::call, 10000, 1); }, Status::invalid_argument,
                 "year", "between 1900 and 9999");
    expect_error([] { render_archive_no(default_format, "XH", Channel::call, 2026, 0); }, Status::invalid_argument,
                 "sequence", "between 1 and 999999999999");
    expect_error([] { render_archive_no(default_format, "XH", Channel::call, 2026, -5); }, Status::invalid_argument,
                 "sequence", "between 1 and");
    expect_error([] { render_archive_no(default_format, "XH", Channel::call, 2026, 1000000000000LL); },
                 Status::invalid_argument, "sequence", "between 1 and");
    EXPECT_NO_THROW(render_archive_no(default_format, "XH", Channel::call, 1900, 999999999999LL));
    EXPECT_NO_THROW(render_archive_no(default_format, "XH", Channel::call, 9999, 1));
}

TEST(NormalizeSiteCode, Rules) {
    EXPECT_EQ(normalize_site_code("XH"), "XH");
    EXPECT_EQ(normalize_site_code("xh"), "XH");
    EXPECT_EQ(normalize_site_code("  bj01\t"), "BJ01");
    EXPECT_EQ(normalize_site_code("A"), "A");
    EXPECT_EQ(normalize_site_code("ABCDEFGH"), "ABCDEFGH");
    EXPECT_EQ(normalize_site_code("z9z9z9z9"), "Z9Z9Z9Z9");
    expect_error([] { normalize_site_code(""); }, Status::invalid_argument, "code", "required");
    expect_error([] { normalize_site_code("   "); }, Status::invalid_argument, "code", "required");
    for (const char* bad : {"ABCDEFGHI", "1AB", "A-B", "A B", "A_B", "祥和", "A\xFF", "-AB", "AB-"})
        expect_error([&] { normalize_site_code(bad); }, Status::invalid_argument, "code",
                     "1-8 letters and digits, starting with a letter");
}

} // namespace
