// Value types shared by the Snowball modules: dates, the customer classification enums and
// their stable keys. Every enum has one key per value ("call", "vip", ...) used alike in C++,
// SQL, JSON, the C API and Python; the parse_* functions also accept the Chinese terms of the
// source document (来电, 来访, 客资, 男, 女, 贵宾, ...) so that Excel lead lists import as they are.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

using Date = boost::gregorian::date;

// How the customer first reached the site (MISSION §1): 来电 phone inquiry, 来访 walk-in visit,
// 客资 lead list.
enum class Channel { call, visit, lead };
enum class Gender { unknown, male, female };
enum class Tier { ordinary, vip };
// prospect → visitor (has visited the site) → owner (has a closed deal).
enum class Stage { prospect, visitor, owner };
enum class PhoneKind { mobile, home, office, other };

const char* to_string(Channel value) noexcept;
const char* to_string(Gender value) noexcept;
const char* to_string(Tier value) noexcept;
const char* to_string(Stage value) noexcept;
const char* to_string(PhoneKind value) noexcept;

// Parsers: the key, case-insensitive, or a documented Chinese alias. Anything else throws
// Error(invalid_argument) naming `field` and the accepted keys.
Channel parse_channel(std::string_view text, const std::string& field = "channel");
Gender parse_gender(std::string_view text, const std::string& field = "gender");
Tier parse_tier(std::string_view text, const std::string& field = "tier");
Stage parse_stage(std::string_view text, const std::string& field = "stage");
PhoneKind parse_phone_kind(std::string_view text, const std::string& field = "kind");

// Dates cross every boundary as ISO 8601 "YYYY-MM-DD". parse_date accepts exactly that form and
// a real calendar day; anything else throws Error(invalid_argument) naming `field`.
Date parse_date(std::string_view text, const std::string& field = "date");
std::string to_iso(Date date);

// Today's date in China (UTC+8), whatever the host's time zone.
Date today_in_china();

// A page of results and the total number of matches (for "page 3 of 20").
template <class T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
};

} // namespace snowball
