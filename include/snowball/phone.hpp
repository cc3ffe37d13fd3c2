// Phone numbers: one normal form, so that "+86 138-0013-8000", "0086 13800138000" and
// "138 0013 8000" are recognised as the same customer.
//
// Normal forms:
//   mainland mobile     11 digits, 1[3-9]XXXXXXXXX          13800138000
//   mainland landline   0 + area code + local number        01065521234
//   international       + country code + number (7-15 dig.)  +85291234567
// Accepted on input: spaces (also U+3000 and full-width forms), '-', '.', '(', ')', '/',
// prefixes +86, 0086 and 86 (before an 11-digit mobile), + or 00 for other countries.
#pragma once

#include <string>
#include <string_view>

namespace snowball {

struct PhoneNumber {
    std::string number;            // the normal form
    bool mainland_mobile = false;
    bool international = false;
};

// Throws Error(invalid_argument) naming `field` and saying what is wrong.
PhoneNumber normalize_phone(std::string_view raw, const std::string& field = "phone");

// A customer's mobile: a mainland mobile or an international number (not a landline).
std::string normalize_mobile(std::string_view raw, const std::string& field = "mobile");

} // namespace snowball
