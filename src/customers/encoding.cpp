#include "customers/encoding.hpp"

#include "common/text.hpp"
#include "snowball/error.hpp"

#include <iconv.h>

#include <cerrno>
#include <memory>

namespace snowball::detail {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

std::string iconv_to_utf8(std::string_view bytes, const char* from) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw Error(Status::error, std::string("this system's iconv cannot read ") + from);
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
        throw_invalid("encoding", std::string("the file is not valid ") + from + ": byte " + std::to_string(at + 1) +
                                      " (line " + std::to_string(line) + ") " +
                                      (errno == EINVAL ? "starts an incomplete character" : "is not a character"));
    }
    out.resize(done);
    return out;
}

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

} // namespace

Decoded decode_to_utf8(std::string_view bytes, const std::string& requested) {
    const std::string enc = text::lower_ascii(text::trim(requested));
    const bool bom8 = bytes.substr(0, 3) == utf8_bom;
    const bool bom16 = bytes.size() >= 2 && ((static_cast<unsigned char>(bytes[0]) == 0xFF &&
                                              static_cast<unsigned char>(bytes[1]) == 0xFE) ||
                                             (static_cast<unsigned char>(bytes[0]) == 0xFE &&
                                              static_cast<unsigned char>(bytes[1]) == 0xFF));
    if (enc == "utf-16" || enc == "utf16" || (enc == "auto" && bom16)) {
        if (!bom16) throw_invalid("encoding", "a UTF-16 file must start with a byte-order mark");
        return {iconv_to_utf8(bytes, "UTF-16"), "utf-16"};
    }
    if (enc == "utf-8" || enc == "utf8" || (enc == "auto" && (bom8 || reads_as_utf8(bytes))))
        return {std::string(bom8 ? bytes.substr(3) : bytes), "utf-8"};
    if (enc == "gb18030" || enc == "gbk" || enc == "gb2312" || enc == "auto")
        return {iconv_to_utf8(bytes, "GB18030"), "gb18030"};
    throw_invalid("encoding", "'" + requested + "' is not one of auto, utf-8, gb18030, utf-16");
}

} // namespace snowball::detail
