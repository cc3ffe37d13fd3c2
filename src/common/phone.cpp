#include "snowball/phone.hpp"

#include "common/text.hpp"
#include "snowball/error.hpp"

namespace snowball {

namespace {

bool is_mainland_mobile(std::string_view d) {
    return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

} // namespace

PhoneNumber normalize_phone(std::string_view raw, const std::string& field) {
    if (!text::is_valid_utf8(raw)) throw_invalid(field, "is not valid UTF-8");
    const std::string input(text::trim(raw));
    const std::string half = text::to_halfwidth(input);
    if (half.empty()) throw_invalid(field, "is empty");

    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < half.size(); ++i) {
        const char c = half[i];
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c == '+' && digits.empty() && !plus) {
            plus = true;
        } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') {
            continue;
        } else {
            const std::string what = static_cast<unsigned char>(c) < 0x80 ? "'" + std::string(1, c) + "'"
                                                                           : std::string("a character that is not a digit");
            throw_invalid(field, "'" + input + "' holds " + what +
                                     "; a phone number has digits, spaces, '-', '(' and ')' only");
        }
    }
    if (digits.empty()) throw_invalid(field, "'" + input + "' holds no digits");

    // Country prefixes: +86 / 0086 / 86 before a mobile are mainland China.
    bool international = false;
    if (plus || digits.rfind("00", 0) == 0) {
        if (!plus) digits.erase(0, 2);
        if (digits.rfind("86", 0) == 0) {
            digits.erase(0, 2);
            if (digits.empty()) throw_invalid(field, "'" + input + "' holds no number after the country code");
            // +86 10 6552 1234: the trunk 0 of a landline is dropped abroad. Area codes are 10 or
            // start with 2-9, so digits starting 11-19 are a (possibly mistyped) mobile.
            if (digits[0] != '0' && (digits[0] != '1' || digits.rfind("10", 0) == 0))
                digits.insert(0, "0");
        } else {
            international = true;
        }
    } else if (digits.size() == 13 && digits.rfind("86", 0) == 0 && is_mainland_mobile(digits.substr(2))) {
        digits.erase(0, 2); // "8613800138000": Excel dropped the '+'
    }

    PhoneNumber out;
    if (international) {
        if (digits.size() < 7 || digits.size() > 15 || digits[0] == '0')
            throw_invalid(field, "'" + input + "' is not an international number (+country code and 7-15 digits)");
        out.number = "+" + digits;
        out.international = true;
        return out;
    }
    if (digits[0] == '1') {
        if (!is_mainland_mobile(digits))
            throw_invalid(field, "'" + input + "' has " + std::to_string(digits.size()) +
                                     " digits starting with 1" + (digits.size() > 1 ? std::string(1, digits[1]) : "") +
                                     "; a mainland mobile number has 11 digits starting 13-19");
        out.number = digits;
        out.mainland_mobile = true;
        return out;
    }
    if (digits[0] == '0') {
        // 0 + area code (10, or 2-3 digits starting 2-9) + local number (7-8 digits).
        if (digits.size() < 10 || digits.size() > 12 || digits[1] == '0' || (digits[1] == '1' && digits[2] != '0'))
            throw_invalid(field, "'" + input + "' is not a mainland landline (0, area code and a 7-8 digit number)");
        out.number = digits;
        return out;
    }
    throw_invalid(field, "'" + input + "' lacks an area code; write landlines with theirs, e.g. 010-65521234");
}

std::string normalize_mobile(std::string_view raw, const std::string& field) {
    PhoneNumber p = normalize_phone(raw, field);
    if (!p.mainland_mobile && !p.international)
        throw_invalid(field, "'" + std::string(text::trim(raw)) +
                                 "' is a landline; file it among the other phones");
    return p.number;
}

} // namespace snowball
