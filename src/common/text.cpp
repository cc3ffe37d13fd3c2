#include "common/text.hpp"

#include "snowball/error.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace snowball::text {

namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when it is malformed (overlong
// forms, surrogates and code points above U+10FFFF are malformed too).
std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& cp) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len;
    char32_t min;
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
    else return 0;
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_space(char32_t cp) noexcept {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF;
}

} // namespace

bool is_valid_utf8(std::string_view s) noexcept {
    char32_t cp;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_sequence(s, i, cp);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string repair_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    char32_t cp;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_sequence(s, i, cp);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::size_t code_points(std::string_view s) noexcept {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::size_t sequence_length(unsigned char lead) noexcept {
    return (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
}

std::string first_characters(std::string_view s, std::size_t n) {
    std::size_t i = 0;
    for (std::size_t k = 0; k < n && i < s.size(); ++k) i += sequence_length(static_cast<unsigned char>(s[i]));
    return std::string(s.substr(0, std::min(i, s.size())));
}

std::string to_halfwidth(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    char32_t cp;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = utf8_sequence(s, i, cp);
        if (len == 0) { // keep malformed bytes as they are; validation reports them
            out += s[i++];
            continue;
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
        else if (cp == 0x3000) cp = ' ';
        append_utf8(out, cp);
        i += len;
    }
    return out;
}

std::string_view trim(std::string_view s) noexcept {
    char32_t cp;
    std::size_t begin = 0;
    while (begin < s.size()) {
        const std::size_t len = utf8_sequence(s, begin, cp);
        if (len == 0 || !is_space(cp)) break;
        begin += len;
    }
    std::size_t end = s.size();
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        const std::size_t len = utf8_sequence(s, start, cp);
        if (len != end - start || !is_space(cp)) break;
        end = start;
    }
    return s.substr(begin, end - begin);
}

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

namespace {

// Characters that change how text is shown without being seen: the bidirectional embeddings,
// overrides and isolates (a name that displays reversed, "Trojan Source") are refused everywhere;
// the zero-width characters and the soft hyphen (two names that look the same but are not) in
// single-line fields such as names, codes and phones — free text keeps them (emoji sequences,
// text pasted from documents).
const char* invisible_kind(char32_t cp, Lines lines) noexcept {
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
        cp == 0x061C)
        return "a right-to-left or left-to-right control";
    const bool zero_width = cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF ||
                            cp == 0x180E || cp == 0x00AD;
    if (zero_width && lines == Lines::single) return "a zero-width character";
    return nullptr;
}

std::string code_point_name(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

} // namespace

std::string clean(std::string_view value, const std::string& field, std::size_t max_chars,
                  bool required, Lines lines) {
    if (!is_valid_utf8(value)) throw_invalid(field, "is not valid UTF-8");
    const std::string_view trimmed = trim(value);
    std::size_t n = 0;
    for (std::size_t i = 0; i < trimmed.size(); ++n) {
        char32_t cp = 0;
        const std::size_t len = utf8_sequence(trimmed, i, cp);   // valid: checked above
        const bool line_break = cp == '\n' || cp == '\r' || cp == '\t';
        // C0 controls, DEL and the C1 controls U+0080-U+009F.
        if ((cp < 0x20 && !(lines == Lines::multi && line_break)) || (cp >= 0x7F && cp < 0xA0))
            throw_invalid(field, "contains a control character (" + code_point_name(cp) + ") at character " +
                                     std::to_string(n + 1));
        if (const char* kind = invisible_kind(cp, lines))
            throw_invalid(field, std::string("contains ") + kind + " (" + code_point_name(cp) +
                                     "), which is not shown, at character " + std::to_string(n + 1));
        i += len;
    }
    if (required && trimmed.empty()) throw_invalid(field, "is required and must not be blank");
    if (n > max_chars)
        throw_invalid(field, "is " + std::to_string(n) + " characters long; the limit is " +
                                 std::to_string(max_chars));
    return std::string(trimmed);
}

std::vector<std::pair<std::string_view, std::string_view>> key_value_pairs(std::string_view list) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    for (std::size_t start = 0; start < list.size();) {
        const std::size_t end = std::min(list.find(',', start), list.size());
        const std::string_view item = list.substr(start, end - start);
        const std::size_t colon = std::min(item.find(':'), item.size());
        out.emplace_back(item.substr(0, colon), item.substr(std::min(colon + 1, item.size())));
        start = end + 1;
    }
    return out;
}

bool redact_phone(std::string& text, std::string_view digits, std::string_view with) {
    if (digits.empty()) return false;
    const auto separator = [](char c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+'; };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    bool replaced = false;
    std::string out;
    std::size_t copied = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (!digit(text[i])) {
            ++i;
            continue;
        }
        // A run of digits and separators; its digits with where each stands.
        std::string run_digits;
        std::vector<std::size_t> at;
        std::size_t end = i;
        while (end < text.size() && (digit(text[end]) || separator(text[end]))) {
            if (digit(text[end])) {
                run_digits += text[end];
                at.push_back(end);
            }
            ++end;
        }
        for (std::size_t from = run_digits.find(digits); from != std::string::npos;
             from = run_digits.find(digits, from + digits.size())) {
            const std::size_t first = at[from], last = at[from + digits.size() - 1];
            out.append(text, copied, first - copied);
            out.append(with);
            copied = last + 1;
            replaced = true;
        }
        i = end;
    }
    if (!replaced) return false;
    out.append(text, copied, std::string::npos);
    text = std::move(out);
    return true;
}

bool redact_phones(std::string& text, const std::vector<std::string>& phones, std::string_view with) {
    bool any = false;
    for (const std::string& phone : phones) {
        std::string digits;
        for (char c : phone)
            if (c >= '0' && c <= '9') digits += c;
        if (digits.size() >= 7) any = redact_phone(text, digits, with) || any;
    }
    return any;
}

bool is_key(std::string_view key) noexcept {
    if (key.empty() || key.size() > 40 || key[0] < 'a' || key[0] > 'z') return false;
    return std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string now_utc() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

namespace {

constexpr std::int64_t china_offset = 8 * 3600;

// Days since 1970-01-01 of a proleptic Gregorian day (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

const Date epoch(1970, 1, 1);

} // namespace

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t parse_moment(std::string_view text, const std::string& field) {
    const std::string_view t = trim(text);
    const auto bad = [&]() -> std::int64_t {
        throw_invalid(field, "'" + std::string(t) + "' is not a time: YYYY-MM-DDTHH:MM[:SS], China time, or with Z or an offset");
    };
    const auto num = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (i >= t.size() || t[i] < '0' || t[i] > '9') return -1;
            v = v * 10 + (t[i] - '0');
        }
        return v;
    };
    if (t.size() < 16 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') || t[13] != ':') return bad();
    const int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2);
    std::size_t at = 16;
    int sec = 0;
    if (at < t.size() && t[at] == ':') {
        sec = num(at + 1, 2);
        at += 3;
        if (at < t.size() && t[at] == '.') {   // fractions of a second are dropped
            ++at;
            while (at < t.size() && t[at] >= '0' && t[at] <= '9') ++at;
        }
    }
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return bad();
    if (d > boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(mo)))
        return bad();
    std::int64_t offset = china_offset;
    if (at < t.size()) {
        if (t[at] == 'Z' && at + 1 == t.size()) offset = 0;
        else if ((t[at] == '+' || t[at] == '-') && (t.size() - at == 6 || t.size() - at == 5)) {
            const bool colon = t.size() - at == 6;
            if (colon && t[at + 3] != ':') return bad();
            const int oh = num(at + 1, 2), om = num(at + (colon ? 4 : 3), 2);
            if (oh < 0 || oh > 14 || om < 0 || om > 59) return bad();
            offset = (t[at] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else
            return bad();
    }
    return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + sec - offset;
}

std::string utc_text(std::int64_t seconds) {
    const std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    const std::int64_t rest = seconds - days * 86400;
    const Date day = epoch + boost::gregorian::date_duration(days);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(day.year()), static_cast<int>(day.month()),
                  static_cast<int>(day.day()), static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                  static_cast<int>(rest % 60));
    return buf;
}

Date china_date(std::int64_t seconds) {
    const std::int64_t local = seconds + china_offset;
    const std::int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    return epoch + boost::gregorian::date_duration(days);
}

std::string china_hh_mm(std::int64_t seconds) {
    std::int64_t rest = (seconds + china_offset) % 86400;
    if (rest < 0) rest += 86400;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60));
    return buf;
}

Date china_date_of(std::string_view utc) { return china_date(parse_moment(utc, "time")); }

std::int64_t china_day_start(Date day) { return (day - epoch).days() * std::int64_t{86400} - china_offset; }

std::int64_t moment_or_now(std::string_view text, const std::string& field) {
    return trim(text).empty() ? now_seconds() : parse_moment(trim(text), field);
}

} // namespace snowball::text
