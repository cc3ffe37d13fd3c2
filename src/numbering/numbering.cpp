#include "snowball/numbering.hpp"

#include "common/text.hpp"
#include "snowball/error.hpp"

#include <cstdio>

namespace snowball::numbering {

namespace {

constexpr int modulus = 37;
constexpr const char* check_symbols = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
constexpr const char* archive_no_field = "archive_no";

// 0-9 → 0-9, A-Z → 10-35, '-' → 36; -1 for anything else.
int value_of(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    if (c == '-') return 36;
    return -1;
}

int check_value_of(char c) noexcept { return c == '*' ? 36 : (c == '-' ? -1 : value_of(c)); }

// ISO 7064 pure-system recurrence with radix 2: after the body, the check value c must make
// (sum + c) ≡ 1 (mod 37). Radix 2 is a primitive root of 37, so every single substitution and
// every adjacent transposition changes the sum.
int body_sum(std::string_view body) {
    int p = 0;
    for (char c : body) {
        const int v = value_of(c);
        if (v < 0) return -1;
        p = ((p + v) * 2) % modulus;
    }
    return p;
}

std::string describe(char c) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F)
        return "a non-ASCII or control character";
    return std::string("'") + c + "'";
}

// Why `text` (normalised) is not a valid number, or empty when it is.
std::string why_invalid(std::string_view text) {
    if (text.size() < 2) return "is too short to be an archive number";
    const std::string_view body = text.substr(0, text.size() - 1);
    for (std::size_t i = 0; i < body.size(); ++i)
        if (value_of(body[i]) < 0)
            return "holds " + describe(body[i]) + " at position " + std::to_string(i + 1) +
                   "; archive numbers use 0-9, A-Z and '-'";
    const char last = text.back();
    if (check_value_of(last) < 0)
        return "ends in " + describe(last) + ", which is not a check character";
    if (check_character(body) != last)
        return "has a wrong check character: a character is mistyped or two are swapped";
    return {};
}

std::string pad(std::int64_t value, int width) {
    std::string digits = std::to_string(value);
    if (static_cast<int>(digits.size()) < width)
        digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    return digits;
}

} // namespace

std::string normalize_archive_no(std::string_view text) {
    return text::upper_ascii(text::trim(text::to_halfwidth(text)));
}

char check_character(std::string_view body) {
    const int sum = body_sum(body);
    if (sum < 0) throw_invalid(archive_no_field, "'" + std::string(body) + "' holds a character outside 0-9, A-Z and '-'");
    return check_symbols[(modulus + 1 - sum) % modulus];
}

bool is_valid_archive_no(std::string_view text) noexcept {
    try {
        return why_invalid(normalize_archive_no(text)).empty();
    } catch (...) {
        return false;
    }
}

void validate_archive_no(std::string_view text) {
    const std::string normal = normalize_archive_no(text);
    const std::string why = why_invalid(normal);
    if (!why.empty()) throw_invalid(archive_no_field, "'" + std::string(text) + "' " + why);
}

NumberFormat NumberFormat::parse(std::string_view pattern) {
    const std::string where = "number_format";
    NumberFormat format;
    format.pattern_ = std::string(pattern);
    bool has_site = false, has_seq = false, has_check = false, has_year = false, has_channel = false;
    for (std::size_t i = 0; i < pattern.size();) {
        if (has_check) throw_invalid(where, "'" + format.pattern_ + "': {check} must come last");
        if (pattern[i] != '{') {
            const char c = pattern[i];
            if (value_of(c) < 0)
                throw_invalid(where, "'" + format.pattern_ + "': literal " + describe(c) +
                                         " is not allowed; use A-Z, 0-9 or '-'");
            if (!format.tokens_.empty() && format.tokens_.back().kind == Token::literal)
                format.tokens_.back().text += c;
            else
                format.tokens_.push_back({Token::literal, std::string(1, c)});
            ++i;
            continue;
        }
        const std::size_t close = pattern.find('}', i);
        if (close == std::string_view::npos)
            throw_invalid(where, "'" + format.pattern_ + "': '{' at position " + std::to_string(i + 1) +
                                     " is not closed");
        const std::string_view token = pattern.substr(i + 1, close - i - 1);
        const auto once = [&](bool& seen, std::string_view name) {
            if (seen) throw_invalid(where, "'" + format.pattern_ + "': {" + std::string(name) + "} appears twice");
            seen = true;
        };
        if (token == "site") {
            once(has_site, "site");
            format.tokens_.push_back({Token::site, {}});
        } else if (token == "channel" || token.substr(0, 8) == "channel:") {
            once(has_channel, "channel");
            std::string codes = token == "channel" ? "CVL" : std::string(token.substr(8));
            if (codes.size() != 3 || value_of(codes[0]) < 0 || value_of(codes[1]) < 0 ||
                value_of(codes[2]) < 0 || codes[0] == '-' || codes[1] == '-' || codes[2] == '-' ||
                codes[0] == codes[1] || codes[1] == codes[2] || codes[0] == codes[2])
                throw_invalid(where, "'" + format.pattern_ +
                                         "': {channel:XYZ} needs three different letters or digits "
                                         "for call, visit and lead");
            format.tokens_.push_back({Token::channel, codes});
        } else if (token == "yyyy" || token == "yy") {
            once(has_year, "year");
            format.tokens_.push_back({token == "yyyy" ? Token::year4 : Token::year2, {}});
        } else if (token.substr(0, 4) == "seq:") {
            once(has_seq, "seq");
            const std::string_view w = token.substr(4);
            int width = 0;
            for (char c : w) width = (c >= '0' && c <= '9' && width < 100) ? width * 10 + (c - '0') : 100;
            if (w.empty() || width < 1 || width > 12)
                throw_invalid(where, "'" + format.pattern_ + "': {seq:N} needs a width N from 1 to 12");
            format.tokens_.push_back({Token::seq, {}, width});
        } else if (token == "check") {
            once(has_check, "check");
            format.tokens_.push_back({Token::check, {}});
        } else {
            throw_invalid(where, "'" + format.pattern_ + "': unknown token {" + std::string(token) +
                                     "}; use {site}, {channel}, {yyyy}, {yy}, {seq:N}, {check}");
        }
        i = close + 1;
    }
    if (!has_site) throw_invalid(where, "'" + format.pattern_ + "' lacks {site}: numbers of different sites would collide");
    if (!has_seq) throw_invalid(where, "'" + format.pattern_ + "' lacks {seq:N}");
    if (!has_check) throw_invalid(where, "'" + format.pattern_ + "' lacks {check} at its end");
    // Numbers start with the site code and a '-': the code has a variable length and site codes
    // may share prefixes (XH, XHB), so only this shape keeps numbers of different sites apart
    // and lets a number be read back.
    if (format.tokens_[0].kind != Token::site)
        throw_invalid(where, "'" + format.pattern_ + "': numbers must start with {site}, so that numbers of "
                                 "different sites can never be equal");
    if (format.tokens_[1].kind != Token::literal || format.tokens_[1].text[0] != '-')
        throw_invalid(where, "'" + format.pattern_ + "': {site} must be followed by '-', so that the site "
                                 "code can be read back");
    return format;
}

std::string NumberFormat::scope(std::string_view site, Channel channel, int year) const {
    std::string out;
    for (const Token& t : tokens_) {
        switch (t.kind) {
        case Token::literal: out += t.text; break;
        case Token::site: out += site; break;
        case Token::channel: out += t.text[static_cast<std::size_t>(channel)]; break;
        case Token::year4: out += pad(year, 4); break;
        case Token::year2: out += pad(year % 100, 2); break;
        case Token::seq: out += "{seq}"; break;
        case Token::check: break;
        }
    }
    return out;
}

std::string NumberFormat::render(std::string_view site, Channel channel, int year,
                                 std::int64_t sequence) const {
    std::string body;
    for (const Token& t : tokens_) {
        switch (t.kind) {
        case Token::literal: body += t.text; break;
        case Token::site: body += site; break;
        case Token::channel: body += t.text[static_cast<std::size_t>(channel)]; break;
        case Token::year4: body += pad(year, 4); break;
        case Token::year2: body += pad(year % 100, 2); break;
        case Token::seq: body += pad(sequence, t.width); break;
        case Token::check: body += check_character(body); break;
        }
    }
    return body;
}

std::optional<ArchiveNumber> NumberFormat::match(std::string_view input) const {
    const std::string text = normalize_archive_no(input);
    if (!why_invalid(text).empty()) return std::nullopt;
    ArchiveNumber out;
    out.text = text;
    out.check = text.back();
    const std::string_view body = std::string_view(text).substr(0, text.size() - 1);

    // Tokens before {seq} are read from the front, tokens after it from the back; {seq} takes
    // the digits in between (it may have outgrown its width).
    std::size_t seq_index = 0;
    while (tokens_[seq_index].kind != Token::seq) ++seq_index;
    std::size_t front = 0, back = body.size();

    const auto is_site_code = [](std::string_view s) {
        if (s.empty() || s.size() > 8 || s[0] < 'A' || s[0] > 'Z') return false;
        for (char c : s)
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
        return true;
    };
    const auto read_digits = [](std::string_view s, std::size_t n, int& value) {
        if (s.size() < n) return false;
        value = 0;
        for (std::size_t k = 0; k < n; ++k) {
            if (s[k] < '0' || s[k] > '9') return false;
            value = value * 10 + (s[k] - '0');
        }
        return true;
    };
    const auto read_token = [&](const Token& t, std::string_view s, std::size_t& used) {
        int v = 0;
        switch (t.kind) {
        case Token::literal:
            used = t.text.size();
            return s.substr(0, used) == t.text;
        case Token::channel:
            if (s.empty()) return false;
            used = 1;
            for (std::size_t k = 0; k < 3; ++k)
                if (s[0] == t.text[k]) { out.channel = static_cast<Channel>(k); return true; }
            return false;
        case Token::year4:
            used = 4;
            if (!read_digits(s, 4, v)) return false;
            out.year = v;
            return true;
        case Token::year2:
            used = 2;
            if (!read_digits(s, 2, v)) return false;
            out.year = 2000 + v;
            return true;
        default:
            return false;
        }
    };

    for (std::size_t i = 0; i < seq_index; ++i) {
        const Token& t = tokens_[i];
        std::size_t used = 0;
        if (t.kind == Token::site) {
            // The site code runs up to the literal that parse() made sure follows it.
            const std::string_view rest = body.substr(front);
            used = rest.find('-');
            if (used == std::string_view::npos || !is_site_code(rest.substr(0, used))) return std::nullopt;
            out.site = std::string(rest.substr(0, used));
        } else if (!read_token(t, body.substr(front), used)) {
            return std::nullopt;
        }
        front += used;
    }
    for (std::size_t i = tokens_.size(); i-- > seq_index + 1;) {
        const Token& t = tokens_[i];
        if (t.kind == Token::check) continue;
        std::size_t used = t.kind == Token::literal ? t.text.size()
                           : t.kind == Token::channel ? 1
                           : t.kind == Token::year4   ? 4
                           : t.kind == Token::year2   ? 2
                                                      : 0;
        if (back < front + used || !read_token(t, body.substr(back - used, used), used)) return std::nullopt;
        back -= used;
    }
    const std::string_view seq = body.substr(front, back - front);
    const int width = tokens_[seq_index].width;
    if (static_cast<int>(seq.size()) < width || seq.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    for (char c : seq) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    // A number that outgrew its width has no leading zero beyond the width.
    if (static_cast<int>(seq.size()) > width && seq[0] == '0') return std::nullopt;
    if (value < 1) return std::nullopt;
    out.sequence = value;
    return out;
}

std::string normalize_site_code(std::string_view code, const std::string& field) {
    const std::string c = text::upper_ascii(text::trim(text::to_halfwidth(code)));
    if (c.empty()) throw_invalid(field, "is required");
    bool ok = c.size() <= 8 && c[0] >= 'A' && c[0] <= 'Z';
    for (char ch : c) ok = ok && ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'));
    if (!ok)
        throw_invalid(field, "'" + std::string(code) +
                                 "' is not a site code: 1-8 letters and digits, starting with a letter");
    return c;
}

std::string render_archive_no(std::string_view format, std::string_view site, Channel channel, int year,
                              std::int64_t sequence) {
    const NumberFormat f = NumberFormat::parse(format);
    const std::string code = normalize_site_code(site, "site");
    if (year < 1900 || year > 9999) throw_invalid("year", "must be between 1900 and 9999");
    if (sequence < 1 || sequence > 999999999999LL) throw_invalid("sequence", "must be between 1 and 999999999999");
    return f.render(code, channel, year, sequence);
}

ArchiveNumber parse_archive_no(std::string_view text, std::string_view format) {
    validate_archive_no(text);
    const NumberFormat f = NumberFormat::parse(format);
    auto parts = f.match(text);
    if (!parts)
        throw_invalid(archive_no_field, "'" + std::string(text) + "' does not fit the number format " + f.pattern());
    return *parts;
}

} // namespace snowball::numbering
