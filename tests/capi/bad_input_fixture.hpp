// What the C API's bad-input tests share: a UTF-8 check, an unused archive number and a wrong check
// character, and the fixture with one customer on file (CustomerInput) that the customer, lead and
// profile tests start from.
#pragma once

#include "capi_support.hpp"

#include <cstdint>
#include <string>

namespace capi_test {

// nlohmann::json refuses to serialise a string that is not UTF-8.
inline ::testing::AssertionResult is_utf8(const char* text) {
    try {
        (void)json(std::string(text)).dump();
        return ::testing::AssertionSuccess();
    } catch (const json::exception&) {
        return ::testing::AssertionFailure() << "not UTF-8: " << text;
    }
}

// A valid number of the default format that nobody has (check character computed by the library).
inline std::string unused_archive_no() {
    Out out;
    EXPECT_SB_OK(snowball_archive_no_render(out.ptr(), "{site}-{yyyy}{channel}-{seq:5}{check}", "XH", "lead", 2020,
                                            99999));
    return out.str() ? out.str() : "";
}

// The same text with its check character replaced by another valid symbol.
inline std::string with_wrong_check(std::string number) {
    number.back() = number.back() == '0' ? '1' : '0';
    return number;
}

class CustomerInput : public ArchiveTest {
protected:
    void SetUp() override {
        ArchiveTest::SetUp();
        zhang_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"},
                               {"first_contact", "2024-03-05"}, {"filed_on", "2024-03-05"}});
        zhang_id_ = zhang_["id"].get<std::int64_t>();
    }

    // customer_add with one key of a valid input replaced (or added).
    int add_with(char** out, const char* key, const json& value) {
        // The scope of the next number expect_nothing_filed() takes: XH, call, 2024.
        json input = {{"site", "XH"},           {"channel", "call"},          {"name", "李娜"},
                      {"mobile", "13900139000"}, {"first_contact", "2024-03-06"}, {"filed_on", "2024-03-06"}};
        input[key] = value;
        const std::string text = input.dump();
        return snowball_customer_add(out, archive_, text.c_str());
    }
    void expect_nothing_filed() {
        EXPECT_EQ(1, customer_count());
        EXPECT_EQ(1, info()["customers"].get<std::int64_t>());
        // The failures took no archive numbers: the next one continues the sequence without a gap.
        const json next = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "下一位"},
                                        {"filed_on", "2024-03-06"}, {"first_contact", "2024-03-06"}});
        Out parsed;
        ASSERT_SB_OK(snowball_archive_no_parse(parsed.ptr(), next["archive_no"].get<std::string>().c_str(), nullptr));
        EXPECT_EQ(2, parsed.doc()["sequence"]);
    }

    json zhang_;
    std::int64_t zhang_id_ = 0;
};

} // namespace capi_test
