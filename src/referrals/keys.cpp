// The stable keys of the referral module's enums, and their Chinese aliases.
#include "snowball/referrals.hpp"

#include "snowball/error.hpp"

#include "common/enum_names.hpp"
#include "common/text.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace snowball {

namespace {

template <class E>
using Name = detail::EnumName<E>;

// Each value's key first, then its aliases.
constexpr std::array<Name<ReferralMethod>, 12> method_names{{
    {"chain", ReferralMethod::chain}, {"连锁介绍", ReferralMethod::chain},
    {"key_person", ReferralMethod::key_person}, {"核心人物", ReferralMethod::key_person},
    {"权威介绍", ReferralMethod::key_person},
    {"cooperation", ReferralMethod::cooperation}, {"交叉合作", ReferralMethod::cooperation},
    {"event_guest", ReferralMethod::event_guest}, {"活动嘉宾", ReferralMethod::event_guest},
    {"活动来宾", ReferralMethod::event_guest},
    {"observation", ReferralMethod::observation}, {"个人观察", ReferralMethod::observation},
}};
constexpr std::array<Name<MaterialKind>, 10> material_names{{
    {"brochure", MaterialKind::brochure}, {"楼书", MaterialKind::brochure}, {"宣传册", MaterialKind::brochure},
    {"business_card", MaterialKind::business_card}, {"名片", MaterialKind::business_card},
    {"letter", MaterialKind::letter}, {"信函", MaterialKind::letter},
    {"invitation", MaterialKind::invitation}, {"邀请函", MaterialKind::invitation}, {"请柬", MaterialKind::invitation},
}};
constexpr std::array<Name<KeyPersonMeasure>, 3> measure_names{{
    {"descendant_deals", KeyPersonMeasure::descendant_deals},
    {"pagerank", KeyPersonMeasure::pagerank},
    {"betweenness", KeyPersonMeasure::betweenness},
}};
constexpr std::array<Name<RewardKind>, 7> reward_kind_names{{
    {"points", RewardKind::points}, {"积分", RewardKind::points},
    {"property_fee", RewardKind::property_fee}, {"物业费", RewardKind::property_fee},
    {"cash", RewardKind::cash}, {"现金", RewardKind::cash}, {"礼品卡", RewardKind::cash},
}};
constexpr std::array<Name<RewardStatus>, 2> reward_status_names{{
    {"granted", RewardStatus::granted}, {"revoked", RewardStatus::revoked},
}};

constexpr std::array<Name<ApproachChannel>, 16> approach_channel_names{{
    {"phone", ApproachChannel::phone}, {"电话", ApproachChannel::phone},
    {"sms", ApproachChannel::sms}, {"短信", ApproachChannel::sms},
    {"wechat", ApproachChannel::wechat}, {"微信", ApproachChannel::wechat},
    {"letter", ApproachChannel::letter}, {"信函", ApproachChannel::letter},
    {"email", ApproachChannel::email}, {"邮件", ApproachChannel::email},
    {"visit_office", ApproachChannel::visit_office}, {"案场来访", ApproachChannel::visit_office},
    {"home_visit", ApproachChannel::home_visit}, {"上门拜访", ApproachChannel::home_visit},
    {"event", ApproachChannel::event}, {"活动", ApproachChannel::event},
}};
constexpr std::array<Name<ApproachOutcome>, 10> approach_outcome_names{{
    {"no_answer", ApproachOutcome::no_answer}, {"未接通", ApproachOutcome::no_answer},
    {"reached", ApproachOutcome::reached}, {"已联系", ApproachOutcome::reached},
    {"interested", ApproachOutcome::interested}, {"有兴趣", ApproachOutcome::interested},
    {"agreed", ApproachOutcome::agreed}, {"同意介绍", ApproachOutcome::agreed},
    {"declined", ApproachOutcome::declined}, {"婉拒", ApproachOutcome::declined},
}};
constexpr std::array<Name<IntroductionOutcome>, 6> introduction_outcome_names{{
    {"pending", IntroductionOutcome::pending}, {"待反馈", IntroductionOutcome::pending},
    {"worked", IntroductionOutcome::worked}, {"有成效", IntroductionOutcome::worked},
    {"no_result", IntroductionOutcome::no_result}, {"无结果", IntroductionOutcome::no_result},
}};

// The values of a table in its order, each once.
template <class E, std::size_t N>
std::vector<E> values_of(const std::array<Name<E>, N>& names) {
    std::vector<E> out;
    for (const auto& n : names)
        if (std::find(out.begin(), out.end(), n.value) == out.end()) out.push_back(n.value);
    return out;
}

} // namespace

const char* to_string(ReferralMethod v) noexcept { return detail::key_of(method_names, v); }
const char* to_string(MaterialKind v) noexcept { return detail::key_of(material_names, v); }
const char* to_string(KeyPersonMeasure v) noexcept { return detail::key_of(measure_names, v); }
const char* to_string(RewardKind v) noexcept { return detail::key_of(reward_kind_names, v); }
const char* to_string(RewardStatus v) noexcept { return detail::key_of(reward_status_names, v); }
const char* to_string(ApproachChannel v) noexcept { return detail::key_of(approach_channel_names, v); }
const char* to_string(ApproachOutcome v) noexcept { return detail::key_of(approach_outcome_names, v); }
const char* to_string(IntroductionOutcome v) noexcept { return detail::key_of(introduction_outcome_names, v); }

ReferralMethod parse_referral_method(std::string_view t, const std::string& f) { return detail::parse_key(method_names, t, f); }
MaterialKind parse_material_kind(std::string_view t, const std::string& f) { return detail::parse_key(material_names, t, f); }
KeyPersonMeasure parse_key_person_measure(std::string_view t, const std::string& f) {
    return detail::parse_key(measure_names, t, f);
}
RewardKind parse_reward_kind(std::string_view t, const std::string& f) { return detail::parse_key(reward_kind_names, t, f); }
RewardStatus parse_reward_status(std::string_view t, const std::string& f) {
    return detail::parse_key(reward_status_names, t, f);
}

ApproachChannel parse_approach_channel(std::string_view t, const std::string& f) {
    return detail::parse_key(approach_channel_names, t, f);
}
ApproachOutcome parse_approach_outcome(std::string_view t, const std::string& f) {
    return detail::parse_key(approach_outcome_names, t, f);
}
IntroductionOutcome parse_introduction_outcome(std::string_view t, const std::string& f) {
    return detail::parse_key(introduction_outcome_names, t, f);
}

const ReferralKeys& referral_keys() {
    static const ReferralKeys keys{values_of(method_names), values_of(material_names), values_of(measure_names),
                                   values_of(reward_kind_names),    values_of(approach_channel_names),
                                   values_of(approach_outcome_names), values_of(introduction_outcome_names)};
    return keys;
}

} // namespace snowball
