// The care policy: the source's default rules, a rule's validation, what the rules ask of a day;
// the task statuses and what a task holds at a glance.
#include "care/policy.hpp"

#include "common/enum_names.hpp"
#include "common/text.hpp"
#include "snowball/error.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>

namespace snowball {

namespace {

constexpr detail::EnumName<TaskStatus> status_names[] = {
    {"open", TaskStatus::open},
    {"done", TaskStatus::done},
    {"skipped", TaskStatus::skipped},
};

} // namespace

const char* to_string(TaskStatus status) noexcept { return detail::key_of(status_names, status); }

TaskStatus parse_task_status(std::string_view text, const std::string& field) {
    return detail::parse_key(status_names, text, field);
}

std::string occasion_kinds(const CareTask& task) {
    std::vector<OccasionKind> kinds;
    std::string out;
    for (const TaskOccasion& o : task.occasions) {
        if (std::find(kinds.begin(), kinds.end(), o.kind) != kinds.end()) continue;
        kinds.push_back(o.kind);
        out += (out.empty() ? "" : "+") + std::string(to_string(o.kind));
    }
    return out;
}

std::string action_keys(const CareTask& task) {
    std::string out;
    for (const TaskAction& a : task.actions) out += (out.empty() ? "" : "+") + a.action;
    return out;
}

std::vector<std::int64_t> family_member_ids(const CareTask& task) {
    std::vector<std::int64_t> out;
    for (const TaskOccasion& o : task.occasions)
        if (o.family_member_id) out.push_back(*o.family_member_id);
    return out;
}

// ---------------------------------------------------------------------------------------------
// The care policy

const std::vector<CareRule>& default_care_policy() {
    using K = OccasionKind;
    static const std::vector<CareRule> rules{
        // VIP owners' birthdays, theirs or a family member's: flowers or a cake, and a call (MISSION
        // §2.9, the follow-up of closed-deal customers). Prospects and visitors, VIPs too: nothing.
        {K::birthday, "", Tier::vip, Stage::owner, "flowers_or_cake", "gift", 2,
         {"订花或蛋糕，生日当天送达", "訂花或蛋糕，生日當天送達", "Order flowers or a cake for the day"}},
        {K::birthday, "", Tier::vip, Stage::owner, "call", "phone", 0,
         {"致电祝贺生日", "致電祝賀生日", "Call with birthday wishes"}},
        {K::family_birthday, "", Tier::vip, Stage::owner, "flowers_or_cake", "gift", 2,
         {"订花或蛋糕，为家人生日送上祝福", "訂花或蛋糕，為家人生日送上祝福", "Order flowers or a cake for the family member"}},
        {K::family_birthday, "", Tier::vip, Stage::owner, "call", "phone", 0,
         {"致电祝贺家人生日", "致電祝賀家人生日", "Call with birthday wishes for the family member"}},
        // Ordinary owners: a call on their birthdays and their families'.
        {K::birthday, "", Tier::ordinary, Stage::owner, "call", "phone", 0,
         {"致电祝贺生日", "致電祝賀生日", "Call with birthday wishes"}},
        {K::family_birthday, "", Tier::ordinary, Stage::owner, "call", "phone", 0,
         {"致电祝贺家人生日", "致電祝賀家人生日", "Call with birthday wishes for the family member"}},
        // Every owner: a call or an SMS on every festival.
        {K::festival, "", std::nullopt, Stage::owner, "call_or_sms", "phone", 0,
         {"节日电话或短信问候", "節日電話或短信問候", "Festival greeting by call or SMS"}},
        // Regular follow-up of owners.
        {K::deal_anniversary, "", std::nullopt, Stage::owner, "call", "phone", 0,
         {"成交周年回访", "成交周年回訪", "Anniversary call"}},
        {K::follow_up, "", std::nullopt, Stage::owner, "follow_up_call", "phone", 0,
         {"成交客户定期回访", "成交客戶定期回訪", "Follow-up call"}},
    };
    return rules;
}

void validate(const CareRule& r, const std::string& field) {
    if (!text::is_key(r.action)) throw_invalid(field + ".action", "'" + r.action + "' is not an action key ([a-z][a-z0-9_]*)");
    static const std::vector<std::string> channels{"phone", "sms", "gift", "visit", "wechat", "letter", "email"};
    if (std::find(channels.begin(), channels.end(), r.channel) == channels.end())
        throw_invalid(field + ".channel", "'" + r.channel + "' is not one of phone, sms, gift, visit, wechat, letter, email");
    if (r.lead_days < 0 || r.lead_days > 60) throw_invalid(field + ".lead_days", "must be between 0 and 60");
    if (!r.festival.empty() && r.occasion != OccasionKind::festival)
        throw_invalid(field + ".festival", "names a festival on a rule for " + std::string(to_string(r.occasion)));
    if (!r.festival.empty() && !text::is_key(r.festival)) throw_invalid(field + ".festival", "'" + r.festival + "' is not a festival key");
    for (const std::string* l : {&r.label.zh, &r.label.zh_hant, &r.label.en})
        text::clean(*l, field + ".label", 100, false);
}


namespace detail {

std::string festival_key(const TaskOccasion& occasion) {
    const std::size_t colon = occasion.key.find(':');
    return colon == std::string::npos ? occasion.key : occasion.key.substr(0, colon);
}

bool festival_applies(const std::vector<CareRule>& policy, const std::string& key, Tier tier, Stage stage) {
    for (const CareRule& r : policy)
        if (r.occasion == OccasionKind::festival && (r.festival.empty() || r.festival == key) && (!r.tier || *r.tier == tier) &&
            (!r.stage || *r.stage == stage))
            return true;
    return false;
}

std::vector<TaskAction> actions_for(const std::vector<CareRule>& policy, const std::vector<TaskOccasion>& occasions,
                                    Tier tier, Stage stage, Date day) {
    std::vector<TaskAction> out;
    for (const TaskOccasion& o : occasions)
        for (const CareRule& r : policy) {
            if (r.occasion != o.kind || (r.tier && *r.tier != tier) || (r.stage && *r.stage != stage)) continue;
            if (o.kind == OccasionKind::festival && !r.festival.empty() && r.festival != festival_key(o)) continue;
            const bool known = std::any_of(out.begin(), out.end(), [&](const TaskAction& a) {
                return a.action == r.action && a.channel == r.channel;
            });
            if (known) continue;
            out.push_back({r.action, r.channel, r.lead_days, day - boost::gregorian::days(r.lead_days),
                           r.label.in(Language::zh)});
        }
    std::sort(out.begin(), out.end(), [](const TaskAction& a, const TaskAction& b) { return a.start < b.start; });
    return out;
}

} // namespace detail

} // namespace snowball
