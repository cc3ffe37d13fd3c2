// The stable text keys of the library's enums, and their aliases (Chinese words, short forms):
// one table per enum, each value's key first, then its aliases.
#pragma once

#include "common/text.hpp"
#include "snowball/error.hpp"

#include <string>
#include <string_view>

namespace snowball::detail {

template <class E>
struct EnumName {
    std::string_view text;
    E value;
};

// The key of `value` (its first entry); "" when the table lacks it.
template <class Names, class E>
const char* key_of(const Names& names, E value) noexcept {
    for (const auto& n : names)
        if (n.value == value) return n.text.data();
    return "";
}

// The value whose key or alias is `text` (trimmed, ASCII case ignored); otherwise
// invalid_argument about `field`, listing the keys.
template <class Names>
auto parse_key(const Names& names, std::string_view text, const std::string& field) -> decltype(names[0].value) {
    const std::string wanted = text::lower_ascii(text::trim(text));
    for (const auto& n : names)
        if (n.text == wanted) return n.value;
    std::string keys;
    const auto* last = &names[0];
    for (const auto& n : names) {
        if (&n != &names[0] && n.value == last->value) continue;   // each value's key once
        keys += (keys.empty() ? "" : ", ") + (n.text.empty() ? std::string("\"\"") : std::string(n.text));
        last = &n;
    }
    throw_invalid(field, "'" + std::string(text) + "' is not one of " + keys);
}

} // namespace snowball::detail
