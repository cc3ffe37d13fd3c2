// The C API's happy paths of snowball/numbering.h without an archive: archive numbers and phones.
#include "capi_support.hpp"
#include "documents.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace {

using namespace capi_test;

// ---------------------------------------------------------------------------------------------
// Numbers and phones without an archive

TEST(CApi, ArchiveNumbers) {
    Out out;
    ASSERT_SB_OK(snowball_archive_no_render(out.ptr(), "{site}-{yyyy}{channel}-{seq:5}{check}", "xh", "visit", 2026, 42));
    const std::string number = out.str();
    EXPECT_EQ(0u, number.rfind("XH-2026V-00042", 0)) << number;
    EXPECT_EQ(15u, number.size());
    EXPECT_SB_OK(snowball_archive_no_validate(number.c_str()));
    const json parts = parse_number(number);
    EXPECT_EQ("visit", parts["channel"]);
    EXPECT_EQ(2026, parts["year"]);
    EXPECT_EQ(42, parts["sequence"]);
    // Lower case and full-width input is normalised.
    std::string lower = number;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    EXPECT_SB_OK(snowball_archive_no_validate(lower.c_str()));
    EXPECT_EQ(number, parse_number(lower)["text"]);

    // A format without channel or year: null in the parts.
    const char* plain = "{site}-{seq:8}{check}";
    ASSERT_SB_OK(snowball_archive_no_render(out.ptr(), plain, "BJ2", "lead", 2026, 123456789));
    const std::string grown = out.str();   // outgrew its width
    EXPECT_EQ(0u, grown.rfind("BJ2-123456789", 0)) << grown;
    const json p = parse_number(grown, plain);
    EXPECT_TRUE(p["channel"].is_null());
    EXPECT_TRUE(p["year"].is_null());
    EXPECT_EQ("BJ2", p["site"]);
    EXPECT_EQ(123456789, p["sequence"]);

    // Custom channel codes and a two-digit year.
    ASSERT_SB_OK(snowball_archive_no_render(out.ptr(), "{site}-{yy}{channel:ABC}-{seq:3}{check}", "SH", "lead", 2031, 7));
    const json q = parse_number(out.str(), "{site}-{yy}{channel:ABC}-{seq:3}{check}");
    EXPECT_EQ("lead", q["channel"]);
    EXPECT_EQ(2031, q["year"]);
    EXPECT_EQ(7, q["sequence"]);
    EXPECT_EQ(0u, std::string(out.str()).rfind("SH-31C-007", 0)) << out.str();
}

TEST(CApi, PhoneNormalize) {
    const auto normal = [](const char* phone) {
        Out out;
        EXPECT_SB_OK(snowball_phone_normalize(out.ptr(), phone)) << phone;
        return out.doc();
    };
    const json mobile = normal("+86 138-0013-8000");
    EXPECT_EQ((std::set<std::string>{"number", "mainland_mobile", "international"}), keys_of(mobile));
    EXPECT_EQ("13800138000", mobile["number"]);
    EXPECT_EQ(true, mobile["mainland_mobile"]);
    EXPECT_EQ(false, mobile["international"]);
    for (const char* same : {"13800138000", "138 0013 8000", "0086 13800138000", "８６１３８００１３８０００", "138.0013.8000"})
        EXPECT_EQ("13800138000", normal(same)["number"]) << same;
    const json landline = normal("(010) 6552-1234");
    EXPECT_EQ("01065521234", landline["number"]);
    EXPECT_EQ(false, landline["mainland_mobile"]);
    EXPECT_EQ(false, landline["international"]);
    const json hk = normal("+852 9123 4567");
    EXPECT_EQ("+85291234567", hk["number"]);
    EXPECT_EQ(false, hk["mainland_mobile"]);
    EXPECT_EQ(true, hk["international"]);
}

} // namespace
