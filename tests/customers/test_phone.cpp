// Phone numbers: one normal form for every way people and spreadsheets write them, and clear
// rejections of what is not a phone number.
#include "snowball/phone.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace snowball;
using snowball::testing::expect_error;

void expect_normal(const std::string& raw, const std::string& normal, bool mobile, bool international) {
    SCOPED_TRACE("input: '" + raw + "'");
    try {
        const PhoneNumber p = normalize_phone(raw);
        EXPECT_EQ(p.number, normal);
        EXPECT_EQ(p.mainland_mobile, mobile);
        EXPECT_EQ(p.international, international);
    } catch (const Error& e) {
        ADD_FAILURE() << "rejected: " << e.what();
    }
}

void expect_mobile(const std::string& raw, const std::string& normal) { expect_normal(raw, normal, true, false); }
void expect_landline(const std::string& raw, const std::string& normal) { expect_normal(raw, normal, false, false); }
void expect_international(const std::string& raw, const std::string& normal) {
    expect_normal(raw, normal, false, true);
}

void expect_rejected(const std::string& raw, const std::string& fragment) {
    SCOPED_TRACE("input: '" + raw + "'");
    expect_error([&] { normalize_phone(raw); }, Status::invalid_argument, "phone", fragment);
}

TEST(PhoneMobile, EveryAcceptedStyle) {
    const std::string n = "13800138000";
    for (const std::string raw : {
             "13800138000",
             "138 0013 8000",
             "138-0013-8000",
             "138.0013.8000",
             "138/0013/8000",
             "(138) 0013 8000",
             "+86 138 0013 8000",
             "+86-138-0013-8000",
             "+8613800138000",
             "(+86) 13800138000",
             "+86 (138) 0013-8000",
             "0086 13800138000",
             "0086-138-0013-8000",
             "008613800138000",
             "86 138 0013 8000",
             "8613800138000",           // Excel dropped the '+'
             "  13800138000  ",
             "\t13800138000\r\n",
             "１３８００１３８０００",     // full-width digits
             "＋８６　１３８－００１３－８０００", // full-width plus, U+3000 spaces, full-width dashes
             "138\xE3\x80\x80" "0013\xE3\x80\x80" "8000", // U+3000 between the groups
             "\xE3\x80\x80" "13800138000\xE3\x80\x80",     // U+3000 around
             "\xC2\xA0" "13800138000",                     // NBSP before
             "（138）0013 8000",        // full-width parentheses
         })
        expect_mobile(raw, n);
}

TEST(PhoneMobile, EveryMobilePrefix) {
    for (char second = '3'; second <= '9'; ++second) {
        const std::string n = std::string("1") + second + "012345678";
        expect_mobile(n, n);
        expect_mobile("+86 " + n, n);
    }
}

TEST(PhoneLandline, WithAreaCodes) {
    expect_landline("010-65521234", "01065521234");
    expect_landline("010 6552 1234", "01065521234");
    expect_landline("(010) 6552-1234", "01065521234");
    expect_landline("01065521234", "01065521234");
    expect_landline("+86 10 6552 1234", "01065521234");       // the trunk 0 is dropped abroad
    expect_landline("+86-10-65521234", "01065521234");
    expect_landline("0086 10 6552 1234", "01065521234");
    expect_landline("+86 (0)10 6552 1234", "01065521234");
    expect_landline("021-6888 8888", "02168888888");
    expect_landline("+86 21 6888 8888", "02168888888");
    expect_landline("0755-8888 1234", "075588881234");
    expect_landline("+86 755 8888 1234", "075588881234");
    expect_landline("0571-8765432", "05718765432");            // 3-digit area code, 7-digit number
    expect_landline("０１０－６５５２１２３４", "01065521234");
}

TEST(PhoneInternational, CountryCodes) {
    expect_international("+852 9123 4567", "+85291234567");
    expect_international("00852 9123 4567", "+85291234567");
    expect_international("+852-9123-4567", "+85291234567");
    expect_international("+1 (415) 555-2671", "+14155552671");
    expect_international("001 415 555 2671", "+14155552671");
    expect_international("+44 20 7946 0958", "+442079460958");
    expect_international("+886 912 345 678", "+886912345678");
    expect_international("＋８５２　９１２３　４５６７", "+85291234567");
    expect_international("+1234567", "+1234567");                  // 7 digits
    expect_international("+123456789012345", "+123456789012345");  // 15 digits
}

TEST(PhoneRejected, Mobiles) {
    expect_rejected("1380013800", "has 10 digits starting with 13");
    expect_rejected("138001380001", "has 12 digits starting with 13");
    expect_rejected("138 0013 800", "a mainland mobile number has 11 digits");
    expect_rejected("12345678901", "starting with 12");
    expect_rejected("11012345678", "starting with 11");
    expect_rejected("10012345678", "starting with 10");
    expect_rejected("1", "has 1 digits starting with 1");
    expect_rejected("+86 12345678901", "starting with 12");
    // A mobile missing a digit after +86 is not a landline with an area code 13.
    expect_rejected("+86 138 0013 800", "has 10 digits starting with 13");
    expect_rejected("0086 1380013800", "has 10 digits starting with 13");
    expect_rejected("+86 138001380001", "has 12 digits starting with 13");
}

TEST(PhoneRejected, Landlines) {
    expect_rejected("65521234", "lacks an area code");
    expect_rejected("6552-1234", "lacks an area code; write landlines with theirs");
    expect_rejected("2345678", "lacks an area code");
    expect_rejected("010-123", "is not a mainland landline");
    expect_rejected("010-655212345678", "is not a mainland landline");
    // Area codes that start with 1 are 10 (Beijing) only.
    expect_rejected("0138 0013 800", "is not a mainland landline");
    expect_rejected("011-65521234", "is not a mainland landline");
}

TEST(PhoneRejected, International) {
    expect_rejected("+852 123", "is not an international number");
    expect_rejected("+1234567890123456", "is not an international number");
    expect_rejected("+0 123 4567", "is not an international number");
    expect_rejected("000123456789", "is not an international number");
}

TEST(PhoneRejected, NotPhoneNumbers) {
    expect_rejected("", "is empty");
    expect_rejected("   ", "is empty");
    expect_rejected("\xE3\x80\x80", "is empty");
    expect_rejected("138abc00138", "holds 'a'");
    expect_rejected("138 0013 8000 ext 12", "holds 'e'");
    expect_rejected("138#0013", "holds '#'");
    expect_rejected("手机13800138000", "a character that is not a digit");
    expect_rejected("138+0013 8000", "holds '+'");
    expect_rejected("++86 13800138000", "holds '+'");
    expect_rejected("---", "holds no digits");
    expect_rejected("+", "holds no digits");
    expect_rejected("+86", "holds no number after the country code");
    expect_rejected("0086", "holds no number after the country code");
    expect_rejected("\xFF\xFE" "13800138000", "is not valid UTF-8");
    expect_rejected("1380013800\xC0", "is not valid UTF-8");
    expect_rejected("\xED\xA0\x80", "is not valid UTF-8");
}

TEST(PhoneRejected, NamesTheFieldAndQuotesTheInput) {
    auto e = expect_error([] { normalize_phone(" 1380013800 ", "phones[2]"); }, Status::invalid_argument, "phones[2]",
                          "phones[2]: '1380013800' has 10 digits");
    e = expect_error([] { normalize_mobile("abc", "customer.mobile"); }, Status::invalid_argument, "customer.mobile",
                     "'abc'");
}

TEST(NormalizeMobile, MobilesAndInternationalNumbers) {
    EXPECT_EQ(normalize_mobile("+86 138-0013-8000"), "13800138000");
    EXPECT_EQ(normalize_mobile("８６１３８００１３８０００"), "13800138000");
    EXPECT_EQ(normalize_mobile("+852 9123 4567"), "+85291234567");
    EXPECT_EQ(normalize_mobile("00852 9123 4567"), "+85291234567");
}

TEST(NormalizeMobile, RejectsLandlines) {
    for (const std::string raw : {"010-65521234", "+86 10 6552 1234", "0755-8888 1234", "０２１－６８８８８８８８"})
        expect_error([&] { normalize_mobile(raw); }, Status::invalid_argument, "mobile", "is a landline");
    expect_error([] { normalize_mobile("010-65521234", "phone"); }, Status::invalid_argument, "phone",
                 "'010-65521234' is a landline; file it among the other phones");
    expect_error([] { normalize_mobile("1380013800"); }, Status::invalid_argument, "mobile", "has 10 digits");
    expect_error([] { normalize_mobile(""); }, Status::invalid_argument, "mobile", "is empty");
}

} // namespace
