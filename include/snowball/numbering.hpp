// Archive numbers (档案编号): every customer gets one when filed (MISSION §1).
//
// A site's format is a pattern of tokens and literal characters, for example the default
//     {site}-{yyyy}{channel}-{seq:5}{check}    →    XH-2026C-00042K
// Tokens:
//   {site}           the site code (required: numbers of several sites never collide)
//   {channel}        C, V or L for call, visit, lead; {channel:XYZ} names the three codes
//   {yyyy} / {yy}    the year the customer was filed (China time)
//   {seq:N}          the sequence number, zero-padded to at least N digits (required, 1..12)
//   {check}          the check character (required, last)
// Literal characters: A-Z, 0-9 and '-'. A number starts with {site} followed by '-': numbers of
// different sites can never be equal, and a number can always be read back into its parts.
//
// Each distinct rendering of the non-sequence tokens (say "XH-2026C-") is one sequence: its
// numbers run 1, 2, 3, ... without gaps and are never reused, not even after a removal.
//
// The check character is ISO 7064 MOD 37-2 style over the alphabet 0-9 A-Z '-' (values 0..36,
// radix 2, modulus 37): it catches every single wrong character and every swap of two adjacent
// characters, separators included. Its symbols are 0-9, A-Z and '*' for the value 36.
#pragma once

#include "snowball/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace snowball::numbering {

inline constexpr const char* default_format = "{site}-{yyyy}{channel}-{seq:5}{check}";

// What a number says.
struct ArchiveNumber {
    std::string text;                 // normalised: upper case, ASCII
    std::string site;
    std::optional<Channel> channel;   // when the format has {channel}
    std::optional<int> year;          // when the format has {yyyy} or {yy} (yy: 2000 + yy)
    std::int64_t sequence = 0;
    char check = 0;
};

class NumberFormat {
public:
    // Throws Error(invalid_argument, field "number_format") saying what is wrong with `pattern`.
    static NumberFormat parse(std::string_view pattern);

    const std::string& pattern() const { return pattern_; }
    // The sequence a number with these parts belongs to, e.g. "XH-2026C-{seq}".
    std::string scope(std::string_view site, Channel channel, int year) const;
    // The full number, check character included.
    std::string render(std::string_view site, Channel channel, int year, std::int64_t sequence) const;
    // Parses `text` against this format (text is normalised first); nullopt when it does not
    // fit the format or its check character is wrong.
    std::optional<ArchiveNumber> match(std::string_view text) const;

private:
    struct Token {
        enum Kind { literal, site, channel, year4, year2, seq, check } kind;
        std::string text;   // literal text, or the three channel codes
        int width = 0;      // seq width
    };
    std::string pattern_;
    std::vector<Token> tokens_;
};

// A site code as numbers carry it: 1-8 letters and digits starting with a letter, upper case
// (full-width input is accepted). Throws Error(invalid_argument) naming `field` for anything else.
std::string normalize_site_code(std::string_view code, const std::string& field = "code");

// The number `format` gives these parts, after checking them: a preview for whoever chooses a
// site's format. Throws invalid_argument.
std::string render_archive_no(std::string_view format, std::string_view site, Channel channel, int year,
                              std::int64_t sequence);

// Upper case, full-width forms (from Chinese input methods) to ASCII, surrounding blanks removed.
std::string normalize_archive_no(std::string_view text);

// The check character for `body` (the number without its last character). Throws
// invalid_argument when body holds a character outside 0-9 A-Z '-'.
char check_character(std::string_view body);

// True when `text`, normalised, consists of allowed characters and ends in the right check
// character. Needs no format: every Snowball number is self-checking.
bool is_valid_archive_no(std::string_view text) noexcept;

// As is_valid_archive_no, but throws Error(invalid_argument, field "archive_no") saying why.
void validate_archive_no(std::string_view text);

// Validates and splits `text` by `format` (a site's format; the default when omitted). Throws
// invalid_argument saying why it is not a number of that format.
ArchiveNumber parse_archive_no(std::string_view text, std::string_view format = default_format);

} // namespace snowball::numbering
