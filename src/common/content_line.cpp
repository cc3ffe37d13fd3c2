#include "common/content_line.hpp"

namespace snowball::text {

std::string escape_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c != '\r') {
            out += c;
        }
    }
    return out;
}

std::string unescape_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\' || i + 1 == value.size()) {
            out += value[i];
            continue;
        }
        const char next = value[++i];
        out += next == 'n' || next == 'N' ? '\n' : next;
    }
    return out;
}

std::vector<std::string> split_value(std::string_view value, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= value.size(); ++i) {
        if (i < value.size() && value[i] == '\\') {
            ++i;
            continue;
        }
        if (i == value.size() || value[i] == separator) {
            parts.push_back(unescape_value(value.substr(start, i - start)));
            start = i + 1;
        }
    }
    return parts;
}

void append_content_line(std::string& out, std::string_view content) {
    std::size_t start = 0, limit = 75;
    while (content.size() - start > limit) {
        std::size_t cut = start + limit;
        while (cut > start && (static_cast<unsigned char>(content[cut]) & 0xC0) == 0x80) --cut;   // not mid-character
        if (cut == start) cut = start + limit;   // no character starts here (not UTF-8): fold at the limit
        out.append(content.substr(start, cut - start));
        out += "\r\n ";
        start = cut;
        limit = 74;   // the leading space counts
    }
    out.append(content.substr(start));
    out += "\r\n";
}

std::vector<ContentLine> unfold(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<ContentLine> lines;
    std::int64_t number = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view physical = text.substr(start, end - start);
        if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
        ++number;
        start = end + 1;
        if (!physical.empty() && (physical[0] == ' ' || physical[0] == '\t') && !lines.empty()) {
            lines.back().text.append(physical.substr(1));
            continue;
        }
        if (physical.empty()) continue;
        lines.push_back({number, std::string(physical)});
    }
    return lines;
}

} // namespace snowball::text
