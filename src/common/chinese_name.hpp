// Chinese personal names: the surname (姓) and the given name (名), with the two-character
// surnames (复姓) known, as a greeting (欧阳先生) and a vCard's N (欧阳;娜娜) need them.
#pragma once

#include <string>
#include <string_view>

namespace snowball::text {

// Whether the name is written in Chinese characters (its first character is CJK).
bool is_chinese_name(std::string_view name) noexcept;

struct NameParts {
    std::string family;   // 姓; for a name in Latin letters its last word
    std::string given;    // 名; for a name in Latin letters the words before the last
};
// A Chinese name: the compound surname it starts with (a name that is only the surname, 欧阳, is
// all surname), else its first character; the rest is the given name. A name in Latin letters
// ("Anna Li"): the last word is the family name. Empty: both empty.
NameParts split_name(std::string_view name);

} // namespace snowball::text
