#include "snowball/formats.hpp"

#include "snowball/error.hpp"

namespace snowball {

const char* to_string(VcardAction value) noexcept {
    switch (value) {
        case VcardAction::filed: return "filed";
        case VcardAction::matched: return "matched";
        case VcardAction::family: return "family";
        case VcardAction::skipped: return "skipped";
    }
    return "skipped";
}

VcardAction parse_vcard_action(std::string_view text, const std::string& field) {
    for (VcardAction a : {VcardAction::filed, VcardAction::matched, VcardAction::family, VcardAction::skipped})
        if (text == to_string(a)) return a;
    throw_invalid(field, "'" + std::string(text) + "' is not one of filed, matched, family, skipped");
}

Formats::Formats(detail::Store& store, Customers& customers, Family& family, Profiles& profiles, Templates& templates)
    : store_(store), customers_(customers), family_(family), profiles_(profiles), templates_(templates) {}

} // namespace snowball
