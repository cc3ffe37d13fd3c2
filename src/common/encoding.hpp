// Character encodings of spreadsheets: their files decoded to UTF-8, and UTF-8 written as GB18030
// for the Excel of Chinese Windows, with glibc's iconv.
#pragma once

#include <string>
#include <string_view>

namespace snowball::detail {

struct Decoded {
    std::string text;        // UTF-8, BOM removed
    std::string encoding;    // "utf-8", "gb18030" or "utf-16"
};

// `encoding`: "auto", "utf-8", "gb18030" (also "gbk", "gb2312": GB18030 contains them) or
// "utf-16" (with a BOM, or without one: little- or big-endian from where its NUL bytes stand).
// Auto: a BOM decides; else UTF-16 recognised by its NUL bytes; else text that is valid UTF-8, or mostly so,
// is UTF-8 (its broken lines are reported row by row); else GB18030. Throws invalid_argument
// when the bytes are not in the encoding.
Decoded decode_to_utf8(std::string_view bytes, const std::string& encoding);

// UTF-8 text as GB18030 (which holds every Unicode character). Text that is not valid UTF-8 is
// invalid_argument naming `field`, the byte and the line.
std::string encode_gb18030(std::string_view utf8, const std::string& field);

} // namespace snowball::detail
