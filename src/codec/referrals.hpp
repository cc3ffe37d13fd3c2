// The JSON form of the referral graph's records (snowball/referrals.hpp): referrals, the analytics'
// answers, personal observation, cross cooperation, the site's settings (also their stored form in
// referral_settings) and the reward ledger.
#pragma once

#include "codec/customers.hpp"
#include "snowball/referrals.hpp"

#include <cstdint>
#include <map>
#include <vector>

SNOWBALL_CODEC_ENUM(ReferralMethod, parse_referral_method)
SNOWBALL_CODEC_ENUM(MaterialKind, parse_material_kind)
SNOWBALL_CODEC_ENUM(KeyPersonMeasure, parse_key_person_measure)
SNOWBALL_CODEC_ENUM(RewardKind, parse_reward_kind)
SNOWBALL_CODEC_ENUM(RewardStatus, parse_reward_status)
SNOWBALL_CODEC_ENUM(ApproachChannel, parse_approach_channel)
SNOWBALL_CODEC_ENUM(ApproachOutcome, parse_approach_outcome)
SNOWBALL_CODEC_ENUM(IntroductionOutcome, parse_introduction_outcome)

// The materials passed on with a referral: one object {kind: count} ({"brochure": 3, "letter": 1}),
// not a list of Material records; read from the same object, each kind named by its key or alias
// ("materials.brochure" in errors).
template <>
struct nlohmann::adl_serializer<std::vector<snowball::Material>> {
    static void to_json(nlohmann::json& j, const std::vector<snowball::Material>& materials);
};
template <>
struct snowball::codec::Reads<std::vector<snowball::Material>> {
    static void read(const nlohmann::json& j, const std::string& field, std::vector<snowball::Material>& value);
};
template <>
struct snowball::codec::Samples<snowball::Material> {
    static snowball::Material make(bool engaged);
};

// A month's materials: the same object {kind: count}.
template <>
struct nlohmann::adl_serializer<std::map<snowball::MaterialKind, std::int64_t>> {
    static void to_json(nlohmann::json& j, const std::map<snowball::MaterialKind, std::int64_t>& counts);
};
template <>
struct snowball::codec::Samples<std::map<snowball::MaterialKind, std::int64_t>> {
    static std::map<snowball::MaterialKind, std::int64_t> make(bool engaged);
};

// A PageRank score: the pair [customer_id, score] (docs/C_API.md: compact, as the graph may hold a
// million customers). A pair has no keys, so NodeScore has no field table and no Python record.
template <>
struct nlohmann::adl_serializer<snowball::NodeScore> {
    static void to_json(nlohmann::json& j, const snowball::NodeScore& score);
};

SNOWBALL_CODEC_READS(NewReferral)
SNOWBALL_CODEC_WRITES(Referral)
SNOWBALL_CODEC_READS(ReferralQuery)
SNOWBALL_CODEC_WRITES(CustomerReferrals)
SNOWBALL_CODEC_WRITES(TreeMember)
SNOWBALL_CODEC_WRITES(ReferralTree)
// "month": "YYYY-MM" (from its year and month).
SNOWBALL_CODEC_WRITES(MonthMetrics)
SNOWBALL_CODEC_READS(MetricsQuery)
SNOWBALL_CODEC_READS(KeyPersonQuery)
SNOWBALL_CODEC_WRITES(KeyPerson)
SNOWBALL_CODEC_WRITES(KeyPersonRanking)
SNOWBALL_CODEC_WRITES(Circle)
SNOWBALL_CODEC_WRITES(Influence)
SNOWBALL_CODEC_WRITES(IntentSignal)
SNOWBALL_CODEC_READS(RepeatVisitorQuery)
SNOWBALL_CODEC_WRITES(RepeatVisitor)
SNOWBALL_CODEC_WRITES(Industry)
SNOWBALL_CODEC_WRITES(IndustryMatch)
// Stored in referral_settings.affinities (an array of rules) and given by callers.
SNOWBALL_CODEC_BOTH(AffinityRule)
// Stored in referral_settings.reward_rule and given by callers. A rule given is switched on unless
// it says "enabled": false (docs/C_API.md); the other keys default as RewardRule does.
SNOWBALL_CODEC_BOTH(RewardRule)
SNOWBALL_CODEC_WRITES(CooperationParty)
SNOWBALL_CODEC_WRITES(CooperationPair)
SNOWBALL_CODEC_WRITES(ReferralSettings)
SNOWBALL_CODEC_WRITES(RewardReason)
SNOWBALL_CODEC_WRITES(RewardCheck)
SNOWBALL_CODEC_WRITES(RewardEntry)
SNOWBALL_CODEC_READS(LedgerQuery)
SNOWBALL_CODEC_WRITES(RewardTotal)
SNOWBALL_CODEC_WRITES(ReferralKeys)
// Key-person candidates and approaches, cooperation introductions, material handed out.
SNOWBALL_CODEC_READS(NewApproach)
SNOWBALL_CODEC_WRITES(Approach)
SNOWBALL_CODEC_WRITES(CandidateReason)
SNOWBALL_CODEC_READS(CandidateQuery)
SNOWBALL_CODEC_WRITES(KeyPersonCandidate)
SNOWBALL_CODEC_READS(NewIntroduction)
SNOWBALL_CODEC_READS(IntroductionUpdate)
SNOWBALL_CODEC_WRITES(Introduction)
SNOWBALL_CODEC_READS(IntroductionQuery)
SNOWBALL_CODEC_READS(NewHandout)
SNOWBALL_CODEC_WRITES(Handout)
SNOWBALL_CODEC_READS(HandoutQuery)
