#include "snowball/types.hpp"

#include "common/text.hpp"
#include "snowball/error.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <array>
#include <chrono>
#include <ctime>

#include "common/enum_names.hpp"

namespace snowball {

namespace {

template <class E>
using Alias = detail::EnumName<E>;

// One table per enum: the key comes first for each value, then its aliases.
constexpr std::array<Alias<Channel>, 6> channel_names{{
    {"call", Channel::call}, {"来电", Channel::call},
    {"visit", Channel::visit}, {"来访", Channel::visit},
    {"lead", Channel::lead}, {"客资", Channel::lead},
}};
constexpr std::array<Alias<Gender>, 11> gender_names{{
    {"unknown", Gender::unknown}, {"", Gender::unknown}, {"未知", Gender::unknown},
    {"male", Gender::male}, {"m", Gender::male}, {"男", Gender::male}, {"先生", Gender::male},
    {"female", Gender::female}, {"f", Gender::female}, {"女", Gender::female},
    {"女士", Gender::female},
}};
constexpr std::array<Alias<Tier>, 6> tier_names{{
    {"ordinary", Tier::ordinary}, {"普通", Tier::ordinary}, {"", Tier::ordinary},
    {"vip", Tier::vip}, {"贵宾", Tier::vip}, {"重要", Tier::vip},
}};
constexpr std::array<Alias<Stage>, 6> stage_names{{
    {"prospect", Stage::prospect}, {"意向", Stage::prospect},
    {"visitor", Stage::visitor}, {"到访", Stage::visitor},
    {"owner", Stage::owner}, {"业主", Stage::owner},
}};
constexpr std::array<Alias<PhoneKind>, 8> phone_kind_names{{
    {"mobile", PhoneKind::mobile}, {"手机", PhoneKind::mobile},
    {"home", PhoneKind::home}, {"住宅", PhoneKind::home},
    {"office", PhoneKind::office}, {"办公", PhoneKind::office},
    {"other", PhoneKind::other}, {"其他", PhoneKind::other},
}};
constexpr std::array<Alias<VisitPlace>, 6> visit_place_names{{
    {"sales_office", VisitPlace::sales_office}, {"案场", VisitPlace::sales_office}, {"售楼处", VisitPlace::sales_office},
    {"construction_site", VisitPlace::construction_site}, {"工地", VisitPlace::construction_site},
    {"施工现场", VisitPlace::construction_site},
}};

} // namespace

const char* to_string(Channel value) noexcept { return detail::key_of(channel_names, value); }
const char* to_string(Gender value) noexcept { return detail::key_of(gender_names, value); }
const char* to_string(Tier value) noexcept { return detail::key_of(tier_names, value); }
const char* to_string(Stage value) noexcept { return detail::key_of(stage_names, value); }
const char* to_string(PhoneKind value) noexcept { return detail::key_of(phone_kind_names, value); }
const char* to_string(VisitPlace value) noexcept { return detail::key_of(visit_place_names, value); }

Channel parse_channel(std::string_view t, const std::string& f) { return detail::parse_key(channel_names, t, f); }
Gender parse_gender(std::string_view t, const std::string& f) { return detail::parse_key(gender_names, t, f); }
Tier parse_tier(std::string_view t, const std::string& f) { return detail::parse_key(tier_names, t, f); }
Stage parse_stage(std::string_view t, const std::string& f) { return detail::parse_key(stage_names, t, f); }
PhoneKind parse_phone_kind(std::string_view t, const std::string& f) {
    return detail::parse_key(phone_kind_names, t, f);
}
VisitPlace parse_visit_place(std::string_view t, const std::string& f) { return detail::parse_key(visit_place_names, t, f); }

Date parse_date(std::string_view text, const std::string& field) {
    const auto digits = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
        if (y >= 1400 && m >= 1 && m <= 12 && d >= 1 &&
            d <= boost::gregorian::gregorian_calendar::end_of_month_day(
                     static_cast<unsigned short>(y), static_cast<unsigned short>(m)))
            return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                        static_cast<unsigned short>(d));
        if (y >= 0 && m >= 0 && d >= 0)
            throw_invalid(field, "'" + std::string(text) + "' is not a day of the calendar");
    }
    throw_invalid(field, "'" + std::string(text) + "' is not a date in the form YYYY-MM-DD");
}

std::string to_iso(Date date) {
    if (date.is_special()) return boost::gregorian::to_iso_extended_string(date);   // "not-a-date-time"
    // On every filing's path: digits by hand rather than through Boost's stream formatting.
    const auto ymd = date.year_month_day();
    const unsigned y = ymd.year, m = ymd.month, d = ymd.day;
    std::string s = "0000-00-00";
    s[0] = static_cast<char>('0' + y / 1000 % 10);
    s[1] = static_cast<char>('0' + y / 100 % 10);
    s[2] = static_cast<char>('0' + y / 10 % 10);
    s[3] = static_cast<char>('0' + y % 10);
    s[5] = static_cast<char>('0' + m / 10);
    s[6] = static_cast<char>('0' + m % 10);
    s[8] = static_cast<char>('0' + d / 10);
    s[9] = static_cast<char>('0' + d % 10);
    return s;
}

Date today_in_china() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) +
                          8 * 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    return Date(static_cast<unsigned short>(tm.tm_year + 1900),
                static_cast<unsigned short>(tm.tm_mon + 1), static_cast<unsigned short>(tm.tm_mday));
}

} // namespace snowball
