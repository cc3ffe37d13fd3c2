// What the C API's happy-path tests share: the keys of a JSON object, the documented keys of the
// customer and deal documents, the library's timestamps, today in China, and a parsed archive
// number.
#pragma once

#include "capi_support.hpp"

#include <ctime>
#include <regex>
#include <set>
#include <string>

namespace capi_test {

// The keys of an object, exactly.
inline std::set<std::string> keys_of(const json& object) {
    std::set<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it) keys.insert(it.key());
    return keys;
}

inline const std::set<std::string> customer_keys = {"id",      "archive_no",    "site",  "channel", "name",
                                                    "gender",  "mobile",        "phones", "consultant_id", "tier",
                                                    "stage",   "first_contact", "note",  "filed_at", "updated_at", "birthday",
                                                    "redirected_from"};
inline const std::set<std::string> deal_keys = {"id",   "customer_id", "site",          "unit",      "layout",
                                                "area", "price",       "date",          "bought_for", "consultant_id",
                                                "cancelled", "cancel_reason", "recorded_at", "stage", "reserved_on",
                                                "subscribed_on", "contracted_on", "cancelled_on", "deposit"};

// UTC timestamps as the library writes them.
inline bool is_timestamp(const json& value) {
    static const std::regex form(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    return value.is_string() && std::regex_match(value.get<std::string>(), form);
}

// Today in China (UTC+8), the default date of visits, deals and first contacts.
inline std::string today_in_china() {
    const std::time_t t = std::time(nullptr) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

inline json parse_number(const std::string& number, const char* format = nullptr) {
    Out out;
    EXPECT_SB_OK(snowball_archive_no_parse(out.ptr(), number.c_str(), format));
    return out.doc();
}

} // namespace capi_test
