#include "common/encoding.hpp"

#include "common/text.hpp"
#include "snowball/error.hpp"

#include <iconv.h>

#include <cerrno>
#include <memory>

namespace snowball::detail {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// `bytes` in encoding `from` as encoding `to`; bytes that are not a character of `from` are
// invalid_argument naming `field`, their byte and line, and `what` the bytes are.
std::string iconv_convert(std::string_view bytes, const char* from, const char* to, const std::string& field,
                          const std::string& what) {
    iconv_t cd = iconv_open(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw Error(Status::error, std::string("this system's iconv cannot convert ") + from + " to " + to);
    std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::size_t done = 0;
    while (in_left > 0) {
        char* out_ptr = out.data() + done;
        std::size_t out_left = out.size() - done;
        const std::size_t r = iconv(cd, &in, &in_left, &out_ptr, &out_left);
        done = out.size() - out_left;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        const std::size_t at = bytes.size() - in_left;
        std::size_t line = 1;
        for (std::size_t i = 0; i < at; ++i) line += bytes[i] == '\n';
        throw_invalid(field, what + " is not valid " + from + ": byte " + std::to_string(at + 1) +
                                      " (line " + std::to_string(line) + ") " +
                                      (errno == EINVAL ? "starts an incomplete character" : "is not a character"));
    }
    out.resize(done);
    return out;
}

std::string iconv_to_utf8(std::string_view bytes, const char* from) { return iconv_convert(bytes, from, "UTF-8", "encoding", "the file"); }

// Whether text without a BOM reads as UTF-8: all of it, or most of its non-ASCII lines (a file
// damaged on a few lines is still UTF-8; those lines are rejected one by one).
bool reads_as_utf8(std::string_view bytes) {
    if (text::is_valid_utf8(bytes)) return true;
    std::size_t good = 0, bad = 0;
    for (std::size_t start = 0; start < bytes.size();) {
        std::size_t end = bytes.find('\n', start);
        if (end == std::string_view::npos) end = bytes.size();
        const std::string_view line = bytes.substr(start, end - start);
        bool ascii = true;
        for (unsigned char c : line) ascii = ascii && c < 0x80;
        if (!ascii) (text::is_valid_utf8(line) ? good : bad)++;
        start = end + 1;
    }
    return good > bad;
}

// Where UTF-16 without a byte-order mark shows itself: CSV text is mostly ASCII (commas, digits,
// line breaks), each of them a NUL byte beside the character. "le" when the NULs stand at odd
// offsets, "be" at even ones, "" when the bytes do not look like UTF-16.
std::string utf16_order(std::string_view bytes) {
    std::size_t even = 0, odd = 0;
    const std::size_t n = bytes.size() - bytes.size() % 2;
    for (std::size_t i = 0; i < n; ++i)
        if (bytes[i] == '\0') (i % 2 ? odd : even)++;
    const std::size_t pairs = n / 2;
    if (pairs == 0) return "";
    if (odd * 4 >= pairs && even * 20 <= odd) return "le";
    if (even * 4 >= pairs && odd * 20 <= even) return "be";
    return "";
}

// The first byte that is not well-formed UTF-8, as "byte N (line L)".
std::string first_bad_utf8(std::string_view bytes) {
    std::size_t line = 1;
    for (std::size_t start = 0; start < bytes.size();) {
        std::size_t end = bytes.find('\n', start);
        if (end == std::string_view::npos) end = bytes.size();
        for (std::size_t i = start; i < end;) {
            const auto b = static_cast<unsigned char>(bytes[i]);
            const std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
            if (len == 0 || i + len > end || !text::is_valid_utf8(bytes.substr(i, len)))
                return "byte " + std::to_string(i + 1) + " (line " + std::to_string(line) + ")";
            i += len;
        }
        ++line;
        start = end + 1;
    }
    return "";
}

// Bytes that are no text file at all, said plainly: an Excel workbook given for its CSV export, or
// binary data. Empty when the bytes may be text.
std::string not_text(std::string_view bytes) {
    if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4))
        return "the file is a zip archive — an Excel workbook (.xlsx)? Save it from Excel as "
               "\"CSV UTF-8\" and import that";
    if (bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return "the file is an old Excel workbook (.xls), not CSV: save it from Excel as \"CSV UTF-8\" "
               "and import that";
    const std::size_t nul = bytes.find('\0');
    if (nul != std::string_view::npos)
        return "the file holds a NUL byte at byte " + std::to_string(nul + 1) +
               ", which no UTF-8 or GB18030 text has: it is not a CSV text file";
    return "";
}

Decoded utf16(std::string_view bytes, bool bom) {
    if (bom) return {iconv_to_utf8(bytes, "UTF-16"), "utf-16"};
    const std::string order = utf16_order(bytes);
    if (order.empty())
        throw_invalid("encoding", "the file does not start with a UTF-16 byte-order mark and does not read as "
                                  "UTF-16 either (too few NUL bytes beside its characters)");
    return {iconv_to_utf8(bytes, order == "le" ? "UTF-16LE" : "UTF-16BE"), "utf-16"};
}

} // namespace

Decoded decode_to_utf8(std::string_view bytes, const std::string& requested) {
    const std::string enc = text::lower_ascii(text::trim(requested));
    const bool bom8 = bytes.substr(0, 3) == utf8_bom;
    const bool bom16 = bytes.size() >= 2 && ((static_cast<unsigned char>(bytes[0]) == 0xFF &&
                                              static_cast<unsigned char>(bytes[1]) == 0xFE) ||
                                             (static_cast<unsigned char>(bytes[0]) == 0xFE &&
                                              static_cast<unsigned char>(bytes[1]) == 0xFF));
    const bool utf16_asked = enc == "utf-16" || enc == "utf16";
    const bool utf8_asked = enc == "utf-8" || enc == "utf8";
    const bool gb_asked = enc == "gb18030" || enc == "gbk" || enc == "gb2312";
    if (!utf16_asked && !utf8_asked && !gb_asked && enc != "auto")
        throw_invalid("encoding", "'" + requested + "' is not one of auto, utf-8, gb18030, utf-16");
    if (utf16_asked || (enc == "auto" && (bom16 || !utf16_order(bytes).empty()))) return utf16(bytes, bom16);
    if (!bom8)
        if (const std::string why = not_text(bytes); !why.empty()) throw_invalid("encoding", why);
    if (utf8_asked) {
        // Asked for UTF-8: a file that is not (not even mostly) UTF-8 is named as such here, not
        // later as a header that holds no known column.
        if (!bom8 && !reads_as_utf8(bytes))
            throw_invalid("encoding", "the file is not valid UTF-8: " + first_bad_utf8(bytes) +
                                          " is not a character; a file saved by Excel as \"CSV\" in China is "
                                          "usually GB18030 — import it with encoding 'gb18030' or 'auto'");
        return {std::string(bom8 ? bytes.substr(3) : bytes), "utf-8"};
    }
    if (enc == "auto" && (bom8 || reads_as_utf8(bytes)))
        return {std::string(bom8 ? bytes.substr(3) : bytes), "utf-8"};
    return {iconv_to_utf8(bytes, "GB18030"), "gb18030"};
}

std::string encode_gb18030(std::string_view utf8, const std::string& field) {
    return iconv_convert(utf8, "UTF-8", "GB18030", field, "the text");
}

} // namespace snowball::detail
