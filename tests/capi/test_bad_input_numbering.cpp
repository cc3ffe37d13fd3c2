// Every C function of snowball/numbering.h with NULL and invalid arguments, without an archive:
// validating, parsing and rendering archive numbers, and normalising phones. tests/capi/check_coverage.py checks that every function the headers declare is called in a
// bad-input test.
#include "capi_support.hpp"
#include "bad_input_fixture.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <string>

namespace {

using namespace capi_test;

// ---------------------------------------------------------------------------------------------
// Numbers without an archive

TEST(Numbering, TheDefaultFormatCannotFail) {
    // No argument to get wrong: it is never NULL, and it renders a number that validates.
    const char* format = snowball_archive_no_default_format();
    ASSERT_NE(nullptr, format);
    EXPECT_STREQ("{site}-{yyyy}{channel}-{seq:5}{check}", format);
    Out rendered;
    ASSERT_SB_OK(snowball_archive_no_render(rendered.ptr(), format, "XH", "visit", 2026, 1));
    EXPECT_SB_OK(snowball_archive_no_validate(rendered.str()));
}

TEST(Numbering, Validate) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "text", snowball_archive_no_validate(nullptr));
    Out rendered;
    ASSERT_SB_OK(snowball_archive_no_render(rendered.ptr(), "{site}-{yyyy}{channel}-{seq:5}{check}", "XH", "call", 2026, 42));
    const std::string good = rendered.str();
    ASSERT_SB_OK(snowball_archive_no_validate(good.c_str()));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate(""));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("X"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate(with_wrong_check(good).c_str()));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("XH_2026C_00042W"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("XH-2026C-00042-"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("西湖-2026C-00042W"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("XH-2026C-\xff"));
    // Every single changed character and every swap of two adjacent different characters is caught.
    const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";
    for (std::size_t i = 0; i < good.size(); ++i) {
        for (char c : alphabet) {
            if (c == good[i] || (i + 1 == good.size() && c == '-')) continue;
            std::string typo = good;
            typo[i] = c;
            EXPECT_NE(SNOWBALL_OK, snowball_archive_no_validate(typo.c_str())) << typo;
        }
        if (i + 1 < good.size() && good[i] != good[i + 1]) {
            std::string swapped = good;
            std::swap(swapped[i], swapped[i + 1]);
            EXPECT_NE(SNOWBALL_OK, snowball_archive_no_validate(swapped.c_str())) << swapped;
        }
    }
}

TEST(Numbering, Parse) {
    Out rendered;
    ASSERT_SB_OK(snowball_archive_no_render(rendered.ptr(), "{site}-{yyyy}{channel}-{seq:5}{check}", "XH", "lead", 2025, 7));
    const std::string good = rendered.str();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_archive_no_parse(nullptr, good.c_str(), nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_archive_no_parse(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_parse(out, "", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_parse(out, with_wrong_check(good).c_str(), nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format", snowball_archive_no_parse(out, good.c_str(), "{seq:5}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format", snowball_archive_no_parse(out, good.c_str(), ""));
    // A valid number of another format.
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_parse(out, good.c_str(), "{site}-{yy}-{seq:8}{check}"));
}

TEST(Numbering, Render) {
    const char* format = "{site}-{yyyy}{channel}-{seq:5}{check}";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out", snowball_archive_no_render(nullptr, format, "XH", "call", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "format", snowball_archive_no_render(out, nullptr, "XH", "call", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_archive_no_render(out, format, nullptr, "call", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", snowball_archive_no_render(out, format, "XH", nullptr, 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", snowball_archive_no_render(out, format, "XH", "phone", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format", snowball_archive_no_render(out, "{site}{seq:5}{check}", "XH", "call", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format", snowball_archive_no_render(out, "{site}-{seq:13}{check}", "XH", "call", 2026, 1));
    // The site code is checked as sites.add checks it, and named after this function's parameter.
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_archive_no_render(out, format, "1X", "call", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_archive_no_render(out, format, "", "call", 2026, 1));
    for (int year : {1899, 10000, 0, -2026, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "year", snowball_archive_no_render(out, format, "XH", "call", year, 1));
    for (std::int64_t sequence : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1000000000000}, INT64_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "sequence", snowball_archive_no_render(out, format, "XH", "call", 2026, sequence));
}

TEST(Numbering, PhoneNormalize) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_phone_normalize(nullptr, "13800138000"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_phone_normalize(out, nullptr));
    for (const char* bad : {"", "   ", "abc", "138-0013-800", "12345678901", "+", "+1 23", "0086", "6552 1234",
                            "010-6552", "13800138000 ext 5", "\xe5\xbc", "1380013800\xff"})
        EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_phone_normalize(out, bad)) << bad;
}

} // namespace
