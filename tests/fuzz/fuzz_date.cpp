// Dates as they cross every boundary ("YYYY-MM-DD") and birthdays in their text form ("1985-06-15",
// "--06-15", "lunar:1985-08-15", "lunar:1985-L04-15"). Properties: a date that parses formats back
// to the same text; a birthday that parses is valid and its text parses back to the same birthday;
// the C API reads a date exactly as C++ does (the lunar date of a day, the working-day calendar).
#include "fuzz_support.hpp"

#include "snowball/error.hpp"
#include "snowball/lunar.hpp"
#include "snowball/types.hpp"

#include <optional>

namespace {

using snowball::fuzz::attempt;
using snowball::fuzz::require;

void check_c_api(const std::string& text, const std::optional<snowball::Date>& date) {
    if (text.find('\0') != std::string::npos) return;
    snowball::fuzz::Out out;
    const int rc = snowball_calendar_to_lunar(out.ptr(), text.c_str());
    snowball::fuzz::check_call("snowball_calendar_to_lunar", rc, out.str());
    const bool in_range =
        date && *date >= snowball::calendar::min_date() && *date <= snowball::calendar::max_date();
    require((rc == SNOWBALL_OK) == in_range, "the C API reads the dates C++ reads", text);
    if (in_range) {
        const snowball::calendar::LunarDate lunar = snowball::calendar::to_lunar(*date);
        const nlohmann::json doc = nlohmann::json::parse(out.str());
        require(doc.at("year") == lunar.year && doc.at("month") == lunar.month && doc.at("day") == lunar.day &&
                    doc.at("leap") == lunar.leap,
                "the C API gives the C++ lunar date", out.str());
    }
    const int workday = snowball_workdays_day(out.ptr(), nullptr, text.c_str());
    snowball::fuzz::check_call("snowball_workdays_day", workday, out.str());
    require(workday != SNOWBALL_OK || date, "the working-day calendar reads only dates", text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);

    const auto date = attempt("date", [&] { return snowball::parse_date(text); });
    if (date) require(snowball::to_iso(*date) == text, "a date formats back to its text", text);

    const auto birthday = attempt("birthday", [&] { return snowball::parse_birthday(text); });
    if (birthday) {
        const bool valid = attempt("validate", [&] { snowball::validate_birthday(*birthday); return true; }).has_value();
        require(valid, "a birthday that parses is valid", text);
        const std::string written = snowball::to_string(*birthday);
        const auto again = attempt("birthday again", [&] { return snowball::parse_birthday(written); });
        require(again && *again == *birthday, "a birthday's text parses back to it", text + " -> " + written);
    }
    check_c_api(text, date);
    return 0;
}
