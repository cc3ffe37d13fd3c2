#include "common/chinese_name.hpp"

#include "common/text.hpp"

namespace snowball::text {

namespace {

// Two-character surnames (复姓) that a name may start with.
constexpr std::string_view compound_surnames[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门", "百里", "呼延", "万俟", "闻人", "澹台", "公冶",
    "太史", "申屠", "赫连", "拓跋",
    // As traditional characters write them (the source document is printed in them).
    "歐陽", "諸葛", "長孫", "軒轅", "鍾離", "司馬", "東方", "尉遲", "公孫", "獨孤", "南宮", "西門", "萬俟", "聞人",
    "澹臺", "赫連"};

} // namespace

bool is_chinese_name(std::string_view name) noexcept {
    return !name.empty() && static_cast<unsigned char>(name[0]) >= 0xE3;
}

NameParts split_name(std::string_view name) {
    name = trim(name);
    if (name.empty()) return {};
    if (!is_chinese_name(name)) {
        const std::size_t space = name.find_last_of(' ');
        if (space == std::string_view::npos) return {std::string(name), ""};
        return {std::string(trim(name.substr(space + 1))), std::string(trim(name.substr(0, space)))};
    }
    std::string family = first_characters(name, 1);
    for (std::string_view compound : compound_surnames)
        // ">=": a name that is the compound surname alone ("欧阳") is all surname.
        if (name.size() >= compound.size() && name.compare(0, compound.size(), compound) == 0) family = compound;
    return {family, std::string(trim(name.substr(family.size())))};
}

} // namespace snowball::text
