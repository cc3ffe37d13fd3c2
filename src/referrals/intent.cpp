// The intent signal of personal observation (个人观察): buyers come back several times before they
// buy, more often as they decide. A pure function of the visit days.
#include "snowball/referrals.hpp"

#include "snowball/error.hpp"

#include <algorithm>
#include <cmath>

namespace snowball {

namespace {

constexpr double frequency_weight = 0.4;
constexpr double recency_weight = 0.35;
constexpr double acceleration_weight = 0.25;
constexpr double recency_half_life_days = 14;

} // namespace

IntentSignal intent_signal(const std::vector<Date>& days, Date as_of) {
    IntentSignal s;
    s.visit_days = static_cast<int>(days.size());
    if (days.empty()) return s;
    for (std::size_t i = 1; i < days.size(); ++i)
        if (!(days[i - 1] < days[i])) throw_invalid("days", "must be distinct days in ascending order");
    if (as_of < days.back()) throw_invalid("as_of", "is before the last visit");

    s.frequency = 1 - 1.0 / static_cast<double>(days.size());
    const auto since_last = static_cast<double>((as_of - days.back()).days());
    s.recency = std::pow(0.5, since_last / recency_half_life_days);
    s.acceleration = 0.5;   // two visit days show no trend
    if (days.size() >= 3) {
        double earlier = 0;
        for (std::size_t i = 1; i + 1 < days.size(); ++i) earlier += static_cast<double>((days[i] - days[i - 1]).days());
        earlier /= static_cast<double>(days.size() - 2);
        const auto last = static_cast<double>((days.back() - days[days.size() - 2]).days());
        s.gap_trend = last / earlier;
        s.acceleration = std::clamp(1 - *s.gap_trend / 2, 0.0, 1.0);
    }
    s.score = frequency_weight * s.frequency + recency_weight * s.recency + acceleration_weight * s.acceleration;
    return s;
}

} // namespace snowball
