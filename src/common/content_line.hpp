// Content lines as vCard (RFC 6350) and iCalendar (RFC 5545) share them: text values escaped,
// lines folded at 75 octets (never inside a UTF-8 character) and unfolded again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace snowball::text {

// Backslash, semicolon and comma escaped with a backslash, a line break as "\n" (CR dropped).
std::string escape_value(std::string_view value);
// The inverse: "\n" and "\N" become a line break, "\\", "\;", "\," their character; any other
// escaped character stands for itself.
std::string unescape_value(std::string_view value);
// The components of a structured value (N: family;given;...) or the items of a list (a,b):
// split at each `separator` not escaped by a backslash, each part unescaped.
std::vector<std::string> split_value(std::string_view value, char separator);

// Appends `content` as one content line: CRLF-terminated, folded so that no line is longer than
// 75 octets (continuation lines begin with a space).
void append_content_line(std::string& out, std::string_view content);

struct ContentLine {
    std::int64_t line = 0;   // the physical line it starts on, 1-based
    std::string text;        // unfolded, without its line end
};
// Unfolds `text` (CRLF or LF line ends; a line that begins with a space or a tab continues the one
// before). Empty lines are left out. A UTF-8 byte-order mark at the start is skipped.
std::vector<ContentLine> unfold(std::string_view text);

} // namespace snowball::text
