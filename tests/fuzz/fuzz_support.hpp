// What the fuzz harnesses share: stopping on a broken property, reading structured values from an
// input, the checks every C API call must pass, and the small archive the C API harnesses write to.
// Harness code only: the library itself never aborts.
#pragma once

#include <snowball.h>

#include "snowball/error.hpp"

#include "library_text.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace snowball::fuzz {

// A property broke: say which, then stop the way libFuzzer records as a crash.
[[noreturn]] inline void fail(const char* property, std::string_view detail = {}) {
    std::fprintf(stderr, "fuzz property failed: %s\n  %.*s\n", property, static_cast<int>(detail.size()),
                 detail.data());
    std::fflush(stderr);
    __builtin_trap();
}

inline void require(bool holds, const char* property, std::string_view detail = {}) {
    if (!holds) fail(property, detail);
}

// What `call` returns, or nullopt when it refuses its input, which it must do with
// Error(invalid_argument) and a message; any other exception escapes and is reported as a crash.
template <class Call>
auto attempt(const char* what, Call call) -> std::optional<decltype(call())> {
    try {
        return call();
    } catch (const snowball::Error& e) {
        require(e.status() == snowball::Status::invalid_argument && e.what()[0] != '\0',
                "refused input is invalid_argument with a message", std::string(what) + ": " + e.what());
        return std::nullopt;
    }
}

// Structured values taken from the front of an input; an exhausted input yields zeros and "".
class Input {
public:
    Input(const std::uint8_t* data, std::size_t size) : text_(reinterpret_cast<const char*>(data), size) {}

    bool empty() const { return text_.empty(); }
    std::uint8_t byte() {
        if (text_.empty()) return 0;
        const auto b = static_cast<std::uint8_t>(text_.front());
        text_.remove_prefix(1);
        return b;
    }
    // lo..hi from four bytes.
    int integer(int lo, int hi) {
        std::uint32_t raw = 0;
        for (int i = 0; i < 4; ++i) raw = (raw << 8) | byte();
        return static_cast<int>(lo + static_cast<std::int64_t>(raw % (static_cast<std::uint64_t>(hi) - lo + 1)));
    }
    // The text up to the next line break (dropped), or the rest.
    std::string line() {
        const std::size_t end = text_.find('\n');
        std::string out(text_.substr(0, end));
        text_.remove_prefix(end == std::string_view::npos ? text_.size() : end + 1);
        return out;
    }
    std::string rest() {
        std::string out(text_);
        text_ = {};
        return out;
    }

private:
    std::string_view text_;
};

// Well-formed UTF-8: no stray continuation byte, no truncated or overlong sequence, no surrogate.
inline bool is_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        const std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n;
    }
    return true;
}

// What every C API call must show: OK with an output that is a JSON document (when `json_out`), or
// a documented error status, repeated by snowball_error_last() with a message, and no output.
// SNOWBALL_ERROR is "internal error, a bug": a property failure too.
inline void check_call(const char* call, int rc, const char* out, bool has_out = true, bool json_out = true) {
    const snowball_error* e = snowball_error_last();
    require(e != nullptr && e->message != nullptr && e->field != nullptr, "snowball_error_last() is complete", call);
    if (rc == SNOWBALL_OK) {
        require(e->status == SNOWBALL_OK, "a success clears the last error", call);
        if (!has_out) return;
        require(out != nullptr, "a success returns its output", call);
        if (json_out) require(nlohmann::json::accept(out), "a success returns a JSON document", std::string(call) + ": " + out);
        return;
    }
    const std::string detail = std::string(call) + ": " + snowball_status_name(rc) + ": " + e->message;
    require(rc < SNOWBALL_OK && rc >= SNOWBALL_EFORBIDDEN, "a failure returns a documented status", detail);
    require(rc != SNOWBALL_ERROR, "no internal error", detail);
    require(e->status == rc, "the last error repeats the status", detail);
    require(e->message[0] != '\0', "a failure has a message", detail);
    require(!has_out || out == nullptr, "a failure returns no output", detail);
}

// A string the library returned, freed with snowball_string_free.
using Out = snowball::testing::LibraryText;

// The archive the C API harnesses write to: in memory, with two sites, a manager and a consultant,
// two customers (ids 1 and 2: 张伟 a VIP owner with a deal, 李娜 a visitor he referred), a family
// member, a complaint and a survey. It is made anew every `inputs_per_archive` inputs, so that what
// the inputs file does not pile up; a crash found is replayed on a fresh one.
class SeededArchive {
public:
    static constexpr int inputs_per_archive = 1000;

    // The archive for the next input.
    static snowball_archive* next() {
        static SeededArchive current;
        if (current.archive_ == nullptr || ++current.uses_ >= inputs_per_archive) current.reset();
        return current.archive_;
    }

private:
    SeededArchive() = default;
    ~SeededArchive() { snowball_archive_free(archive_); }

    void reset() {
        snowball_archive_free(archive_);
        archive_ = nullptr;
        uses_ = 0;
        if (snowball_archive_open(&archive_, ":memory:", nullptr) != SNOWBALL_OK)
            fail("the seeded archive opens", snowball_error_last()->message);
        seed();
    }

    void add(const char* what, int rc) {
        if (rc != SNOWBALL_OK) fail("the seeded archive is filled", std::string(what) + ": " + snowball_error_last()->message);
    }

    void seed() {
        Out out;
        snowball_archive* a = archive_;
        add("site XH", snowball_site_add(out.ptr(), a, R"({"code": "XH", "name": "星湖湾"})"));
        add("site SH", snowball_site_add(out.ptr(), a, R"({"code": "SH", "name": "上海滩"})"));
        add("manager", snowball_consultant_add(out.ptr(), a, R"({"site": "XH", "name": "王经理", "role": "manager"})"));
        add("consultant", snowball_consultant_add(out.ptr(), a,
                                                  R"({"site": "XH", "name": "李顾问", "phone": "139 0013 9000", "manager_id": 1})"));
        add("customer 1", snowball_customer_add(out.ptr(), a,
                                                R"({"site": "XH", "channel": "call", "name": "张伟", "mobile": "13800138000",
                                                    "tier": "vip", "consultant_id": 2, "first_contact": "2024-03-05",
                                                    "filed_on": "2024-03-05"})"));
        add("customer 2", snowball_customer_add(out.ptr(), a,
                                                R"({"site": "XH", "channel": "visit", "name": "李娜", "mobile": "+86-139-0013-9001",
                                                    "consultant_id": 2, "first_contact": "2024-04-01", "filed_on": "2024-04-01"})"));
        add("visit", snowball_visit_record(out.ptr(), a, 2, R"({"date": "2024-04-01", "consultant_id": 2})"));
        add("deal", snowball_deal_record(out.ptr(), a, 1,
                                         R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-05-10"})"));
        add("referral", snowball_referral_add(out.ptr(), a, R"({"referrer_id": 1, "referee_id": 2, "date": "2024-04-01"})"));
        add("family", snowball_family_add(out.ptr(), a, 1,
                                          R"({"relation": "spouse", "name": "李娜娜", "birthday": "lunar:1985-08-15"})"));
        add("ticket", snowball_feedback_open(out.ptr(), a,
                                             R"({"channel": "phone", "kind": "complaint", "category": "service",
                                                 "text": "物业维修太慢", "customer_id": 1})"));
        add("survey", snowball_survey_create(out.ptr(), a,
                                             R"({"title": "交房满意度", "site": "XH",
                                                 "questions": [{"key": "overall", "text": "总体满意度", "type": "rating5"}]})"));
    }

    snowball_archive* archive_ = nullptr;
    int uses_ = 0;
};

} // namespace snowball::fuzz
