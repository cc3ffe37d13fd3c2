// Archive numbers (档案编号) and their formats. The input is a format (first line; empty: the
// default), a number as someone typed it (second line), then a site code (third line) and bytes
// for the channel, year and sequence of a number to render. Properties:
//   - normalising is idempotent; is_valid_archive_no agrees with validate_archive_no;
//   - a number that parses is valid, ends in its check character, and renders back to its text
//     from its parts (a number can always be read back into its parts, and only one way);
//   - a number rendered from parts parses back into the same parts.
#include "fuzz_support.hpp"

#include "snowball/error.hpp"
#include "snowball/numbering.hpp"

#include <optional>

namespace {

namespace numbering = snowball::numbering;
using snowball::fuzz::attempt;
using snowball::fuzz::require;

void check_number(const std::string& pattern, const std::string& text) {
    const std::string normal = numbering::normalize_archive_no(text);
    require(numbering::normalize_archive_no(normal) == normal, "normalising is idempotent", text);
    const bool valid = numbering::is_valid_archive_no(text);
    require(valid == attempt("validate", [&] { numbering::validate_archive_no(text); return true; }).has_value(),
            "is_valid_archive_no agrees with validate_archive_no", text);

    const auto format = attempt("format", [&] { return numbering::NumberFormat::parse(pattern); });
    if (!format) return;
    const auto parts = attempt("parse", [&] { return numbering::parse_archive_no(text, pattern); });
    const auto matched = format->match(text);
    require(parts.has_value() == matched.has_value(), "parse_archive_no agrees with NumberFormat::match", text);
    if (!parts) return;
    require(valid, "a number that parses is valid", text);
    require(parts->text == normal && parts->check == normal.back(), "a parsed number keeps its normal text", text);
    require(numbering::check_character(normal.substr(0, normal.size() - 1)) == parts->check,
            "a parsed number ends in its check character", text);
    const std::string again = format->render(parts->site, parts->channel.value_or(snowball::Channel::lead),
                                             parts->year.value_or(2026), parts->sequence);
    require(again == normal, "a parsed number renders back to its text", normal + " -> " + again);
}

void check_render(const std::string& pattern, const std::string& site, snowball::fuzz::Input& in) {
    const auto channel = static_cast<snowball::Channel>(in.byte() % 3);
    const int year = in.integer(1890, 2210);
    const std::int64_t sequence = static_cast<std::int64_t>(in.integer(0, 999999)) * 1000000 + in.integer(0, 999999);
    const auto number = attempt("render", [&] { return numbering::render_archive_no(pattern, site, channel, year, sequence); });
    if (!number) return;
    const auto parts = attempt("parse rendered", [&] { return numbering::parse_archive_no(*number, pattern); });
    require(parts.has_value(), "a rendered number parses", pattern + ": " + *number);
    require(parts->site == numbering::normalize_site_code(site) && parts->sequence == sequence,
            "a rendered number parses back into its site and sequence", *number);
    const std::string& p = parts->text;
    require(!parts->channel || *parts->channel == channel, "a rendered number keeps its channel", p);
    require(!parts->year || *parts->year % 100 == year % 100, "a rendered number keeps its year", p);
    require(numbering::is_valid_archive_no(*number), "a rendered number is valid", p);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    snowball::fuzz::Input in(data, size);
    std::string pattern = in.line();
    if (pattern.empty()) pattern = numbering::default_format;
    const std::string text = in.line();
    const std::string site = in.line();
    check_number(pattern, text);
    check_render(pattern, site, in);
    return 0;
}
