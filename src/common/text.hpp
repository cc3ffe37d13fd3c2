// Text helpers for UTF-8 input from people, input methods and Excel.
#pragma once

#include "snowball/types.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace snowball::text {

bool is_valid_utf8(std::string_view s) noexcept;
// `s` with each byte that does not start a well-formed UTF-8 sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view s);
std::size_t code_points(std::string_view s) noexcept;
// The bytes of the UTF-8 sequence that `lead` starts (1 for ASCII and for a stray byte).
std::size_t sequence_length(unsigned char lead) noexcept;
// The first `n` characters of a UTF-8 text.
std::string first_characters(std::string_view s, std::size_t n);

// Full-width ASCII forms (U+FF01-U+FF5E, typed with Chinese input methods) and the ideographic
// space U+3000 become their ASCII counterparts; everything else is kept.
std::string to_halfwidth(std::string_view s);

// Removes leading and trailing white space: ASCII, U+00A0, U+3000 and a stray BOM.
std::string_view trim(std::string_view s) noexcept;

std::string upper_ascii(std::string_view s);
std::string lower_ascii(std::string_view s);

enum class Lines { single, multi };

// A person's text input made safe to store: valid UTF-8, trimmed, no control characters (line
// breaks allowed for Lines::multi), at most `max_chars` code points, and not empty when required.
// Throws Error(invalid_argument) naming `field`.
std::string clean(std::string_view value, const std::string& field, std::size_t max_chars,
                  bool required, Lines lines = Lines::single);

// The pairs of a list written by SQL's group_concat(key || ':' || value): "home:0101234,office:0215678"
// → {("home", "0101234"), ("office", "0215678")}. Keys hold no ':' and values no ','.
std::vector<std::pair<std::string_view, std::string_view>> key_value_pairs(std::string_view list);

// `text` with every writing of the phone `digits` (its normal form, e.g. 13912345678 or
// 057188886666) replaced by `with`: the digits may be split by spaces, hyphens, dots, brackets or a
// plus, and preceded by a country code ("+86 139-1234-5678", "0571-8888 6666"). Returns whether
// anything was replaced. Used by erasure to take a person's phones out of other records' free text.
bool redact_phone(std::string& text, std::string_view digits, std::string_view with);
// The same for every number of `phones` (any form) of 7 digits or more — a whole number, never a
// fragment that would also match other numbers.
bool redact_phones(std::string& text, const std::vector<std::string>& phones, std::string_view with);

// A key of the library's vocabularies (field, section, option, action, category, outcome, question
// keys): [a-z][a-z0-9_]*, at most 40 characters.
bool is_key(std::string_view key) noexcept;

// The current time, UTC, ISO 8601 with seconds: 2026-11-27T08:30:00Z.
std::string now_utc();

// Moments as seconds since 1970-01-01T00:00:00Z.
std::int64_t now_seconds();
// "YYYY-MM-DDTHH:MM[:SS]" in China time (UTC+8), or with "Z" or an offset ("+08:00", "-05:00"); a
// space may stand for the "T". Anything else, or a day that does not exist, is invalid_argument
// naming `field`.
std::int64_t parse_moment(std::string_view text, const std::string& field);
// The moment as UTC ISO 8601 with seconds ("2026-11-27T08:30:00Z").
std::string utc_text(std::int64_t seconds);
// The day and the "HH:MM" of a moment in China.
Date china_date(std::int64_t seconds);
std::string china_hh_mm(std::int64_t seconds);
// The day in China of a stored UTC time ("2026-11-27T20:30:00Z" → 2026-11-28).
Date china_date_of(std::string_view utc);
// The first moment of a China day.
std::int64_t china_day_start(Date day);
// A moment a caller gives (parse_moment), now when `text` is empty.
std::int64_t moment_or_now(std::string_view text, const std::string& field);

} // namespace snowball::text
