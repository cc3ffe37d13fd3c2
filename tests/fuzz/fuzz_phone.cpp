// Phones as people type them: whatever normalises is one of the three normal forms, normalises again
// to itself (the same customer is found whichever way the number was written), normalize_mobile
// agrees with normalize_phone, and the C API gives the same answer as C++.
#include "fuzz_support.hpp"

#include "snowball/error.hpp"
#include "snowball/phone.hpp"

#include <optional>

namespace {

using snowball::fuzz::require;

std::optional<snowball::PhoneNumber> normalized(std::string_view raw) {
    try {
        return snowball::normalize_phone(raw);
    } catch (const snowball::Error& e) {
        require(e.status() == snowball::Status::invalid_argument && e.what()[0] != '\0',
                "a phone that does not normalise is invalid_argument with a message", e.what());
        return std::nullopt;
    }
}

bool all_digits(std::string_view s) { return s.find_first_not_of("0123456789") == std::string_view::npos; }

void check_normal_form(const snowball::PhoneNumber& p) {
    const std::string& n = p.number;
    require(!(p.mainland_mobile && p.international), "a phone is one kind", n);
    if (p.mainland_mobile)
        require(n.size() == 11 && all_digits(n) && n[0] == '1' && n[1] >= '3', "a mainland mobile has 11 digits, 13-19", n);
    else if (p.international)
        require(n.size() >= 8 && n.size() <= 16 && n[0] == '+' && all_digits(n.substr(1)) && n[1] != '0',
                "an international number is + and 7-15 digits", n);
    else
        require(n.size() >= 10 && n.size() <= 12 && n[0] == '0' && all_digits(n), "a landline is 0, area code, number", n);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string raw(reinterpret_cast<const char*>(data), size);
    const std::optional<snowball::PhoneNumber> phone = normalized(raw);

    std::optional<std::string> mobile;
    try {
        mobile = snowball::normalize_mobile(raw);
    } catch (const snowball::Error& e) {
        require(e.status() == snowball::Status::invalid_argument, "a mobile that does not normalise is invalid_argument");
    }
    require(mobile.has_value() == (phone && (phone->mainland_mobile || phone->international)),
            "normalize_mobile accepts exactly the mobiles and international numbers", raw);

    if (phone) {
        check_normal_form(*phone);
        const std::optional<snowball::PhoneNumber> again = normalized(phone->number);
        require(again && again->number == phone->number && again->mainland_mobile == phone->mainland_mobile &&
                    again->international == phone->international,
                "a normal form normalises to itself", raw + " -> " + phone->number);
        if (mobile) require(*mobile == phone->number, "normalize_mobile gives the same number", raw);
    }

    // The C API reads a C string: the same answer for the text before any NUL.
    if (raw.find('\0') == std::string::npos) {
        snowball::fuzz::Out out;
        const int rc = snowball_phone_normalize(out.ptr(), raw.c_str());
        snowball::fuzz::check_call("snowball_phone_normalize", rc, out.str());
        require((rc == SNOWBALL_OK) == phone.has_value(), "the C API accepts what C++ accepts", raw);
        if (phone) {
            const nlohmann::json doc = nlohmann::json::parse(out.str());
            require(doc.at("number") == phone->number && doc.at("mainland_mobile") == phone->mainland_mobile &&
                        doc.at("international") == phone->international,
                    "the C API gives the C++ result", out.str());
        }
    }
    return 0;
}
