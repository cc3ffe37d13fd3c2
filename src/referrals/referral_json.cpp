#include "referrals/referral_json.hpp"

#include "calendar/care_json.hpp"
#include "common/text.hpp"
#include "snowball/error.hpp"

#include <cmath>

namespace snowball::detail {

namespace {

const json* member(const json& j, const char* key) {
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
}

std::string text_at(const json& j, const char* key, const std::string& field, bool required) {
    const json* v = member(j, key);
    if (!v) {
        if (required) throw_invalid(field + "." + key, "is required");
        return {};
    }
    if (!v->is_string()) throw_invalid(field + "." + key, "must be a string");
    return v->get<std::string>();
}

double number_at(const json& j, const char* key, const std::string& field, double fallback) {
    const json* v = member(j, key);
    if (!v) return fallback;
    if (!v->is_number()) throw_invalid(field + "." + key, "must be a number");
    return v->get<double>();
}

bool flag_at(const json& j, const char* key, const std::string& field, bool fallback) {
    const json* v = member(j, key);
    if (!v) return fallback;
    if (!v->is_boolean()) throw_invalid(field + "." + key, "must be true or false");
    return v->get<bool>();
}

int int_at(const json& j, const char* key, const std::string& field, int fallback) {
    const json* v = member(j, key);
    if (!v) return fallback;
    if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<std::uint64_t>() > INT32_MAX) ||
        v->get<std::int64_t>() < INT32_MIN || v->get<std::int64_t>() > INT32_MAX)
        throw_invalid(field + "." + key, "must be an integer");
    return v->get<int>();
}

} // namespace

json affinity_json(const AffinityRule& r) {
    return {{"a", r.a}, {"b", r.b}, {"weight", r.weight}, {"reason", r.reason}};
}

AffinityRule affinity_from(const json& j, const std::string& field) {
    only_keys(j, field, {"a", "b", "weight", "reason"});
    AffinityRule r;
    r.a = text::lower_ascii(text::trim(text_at(j, "a", field, true)));
    r.b = text::lower_ascii(text::trim(text_at(j, "b", field, true)));
    r.weight = number_at(j, "weight", field, 1);
    r.reason = text::clean(text_at(j, "reason", field, true), field + ".reason", 200, true);
    return r;
}

std::vector<AffinityRule> affinities_from(const json& j, const std::string& field) {
    if (!j.is_array()) throw_invalid(field, "must be a JSON array of affinity rules");
    std::vector<AffinityRule> rules;
    for (std::size_t i = 0; i < j.size(); ++i) rules.push_back(affinity_from(j[i], field + "[" + std::to_string(i) + "]"));
    validate(rules, field);
    return rules;
}

json reward_rule_json(const RewardRule& r) {
    json methods = json::array();
    for (ReferralMethod m : r.methods) methods.push_back(to_string(m));
    return {{"enabled", r.enabled},   {"kind", to_string(r.kind)},
            {"amount", r.amount},     {"methods", methods},
            {"first_deal_only", r.first_deal_only}, {"within_days", r.within_days},
            {"note", r.note}};
}

RewardRule reward_rule_from(const json& j, const std::string& field) {
    only_keys(j, field, {"enabled", "kind", "amount", "methods", "first_deal_only", "within_days", "note"});
    RewardRule r;
    r.enabled = flag_at(j, "enabled", field, true);
    if (const json* kind = member(j, "kind")) {
        if (!kind->is_string()) throw_invalid(field + ".kind", "must be a string");
        r.kind = parse_reward_kind(kind->get<std::string>(), field + ".kind");
    }
    r.amount = number_at(j, "amount", field, 0);
    if (const json* methods = member(j, "methods")) {
        if (!methods->is_array()) throw_invalid(field + ".methods", "must be an array of method keys");
        for (std::size_t i = 0; i < methods->size(); ++i) {
            const std::string at = field + ".methods[" + std::to_string(i) + "]";
            if (!(*methods)[i].is_string()) throw_invalid(at, "must be a method key");
            r.methods.push_back(parse_referral_method((*methods)[i].get<std::string>(), at));
        }
    }
    r.first_deal_only = flag_at(j, "first_deal_only", field, true);
    r.within_days = int_at(j, "within_days", field, 0);
    r.note = text::clean(text_at(j, "note", field, false), field + ".note", 500, false, text::Lines::multi);
    validate(r, field);
    return r;
}

} // namespace snowball::detail

namespace snowball {

void validate(const RewardRule& r, const std::string& field) {
    if (!std::isfinite(r.amount) || r.amount < 0) throw_invalid(field + ".amount", "must be a number of at least 0");
    if (r.enabled && r.amount <= 0) throw_invalid(field + ".amount", "must be above 0 for an enabled rule");
    const double most = r.kind == RewardKind::property_fee ? 120 : 1e9;
    if (r.amount > most)
        throw_invalid(field + ".amount", std::string("is more than ") +
                                             (r.kind == RewardKind::property_fee ? "120 months of property fee" : "1e9"));
    for (std::size_t i = 0; i < r.methods.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (r.methods[k] == r.methods[i])
                throw_invalid(field + ".methods[" + std::to_string(i) + "]",
                              std::string("names ") + to_string(r.methods[i]) + " twice");
    if (r.within_days < 0 || r.within_days > 3660)
        throw_invalid(field + ".within_days", "must be 0 (any time) to 3660 days");
    text::clean(r.note, field + ".note", 500, false, text::Lines::multi);
}

} // namespace snowball
