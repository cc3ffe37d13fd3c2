// The referral graph at the C boundary: JSON in, the C++ service, JSON out. No rule lives here.
#include "documents.hpp"

#include "codec/referrals.hpp"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_referral_add(char** out_json, snowball_archive* archive, const char* referral_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().add(input<NewReferral>(referral_json, "referral_json")));
    SNOWBALL_API_END
}

int snowball_referral_add_many(char** out_json, snowball_archive* archive, const char* referrals_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const auto inputs = input_list<NewReferral>(referrals_json, "referrals_json", "referrals", "referrals");
    give_json(out_json, a.referrals().add_many(inputs));
    SNOWBALL_API_END
}

int snowball_referral_get(char** out_json, snowball_archive* archive, int64_t referral_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().get(referral_id));
    SNOWBALL_API_END
}

int snowball_referral_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().list(input_or_default<ReferralQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_referral_of_customer(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().of(customer_id));
    SNOWBALL_API_END
}

int snowball_referral_remove(snowball_archive* archive, int64_t referral_id) {
    SNOWBALL_API_BEGIN
    archive_of(archive).referrals().remove(referral_id);
    SNOWBALL_API_END
}

int snowball_referral_tree(char** out_json, snowball_archive* archive, int64_t customer_id, int max_generations) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().tree(customer_id, max_generations));
    SNOWBALL_API_END
}

int snowball_referral_metrics(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().metrics(input<MetricsQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_referral_pagerank(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().pagerank(optional_text(site)));
    SNOWBALL_API_END
}

int snowball_referral_key_persons(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().key_persons(input_or_default<KeyPersonQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_referral_circles(char** out_json, snowball_archive* archive, const char* site, int min_size) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().circles(optional_text(site), min_size));
    SNOWBALL_API_END
}

int snowball_referral_influence(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().influence(optional_text(site)));
    SNOWBALL_API_END
}

int snowball_referral_repeat_visitors(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().repeat_visitors(input<RepeatVisitorQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_referral_cooperation_pairs(char** out_json, snowball_archive* archive, const char* site, int limit) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().cooperation_pairs(required_text(site, "site"), limit));
    SNOWBALL_API_END
}

int snowball_referral_industries(char** out_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, industries());
    SNOWBALL_API_END
}

int snowball_referral_classify_industry(char** out_json, const char* company, const char* position) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    if (!company && !position) throw_invalid("company", "is NULL, and so is position: give at least one");
    give_json(out_json, found(classify_industry(optional_text(company), optional_text(position)), "company",
                              "no keyword of the industry table is in the company or the position"));
    SNOWBALL_API_END
}

int snowball_referral_keys(char** out_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, referral_keys());
    SNOWBALL_API_END
}

int snowball_referral_settings(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().settings(required_text(site, "site")));
    SNOWBALL_API_END
}

int snowball_referral_set_affinities(char** out_json, snowball_archive* archive, const char* site,
                                     const char* affinities_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const json doc = document(affinities_json, "affinities_json");
    if (doc.is_null()) {
        give_json(out_json, a.referrals().reset_affinities(s));
    } else {
        if (!doc.is_array()) throw_invalid("affinities_json", "must be a JSON array of affinity rules, or null");
        give_json(out_json, a.referrals().set_affinities(s, codec::read<std::vector<AffinityRule>>(doc, "affinities")));
    }
    SNOWBALL_API_END
}

int snowball_referral_set_reward_rule(char** out_json, snowball_archive* archive, const char* site, const char* rule_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const json doc = document(rule_json, "rule_json");
    if (!doc.is_object()) throw_invalid("rule_json", "must be a JSON object");
    give_json(out_json, a.referrals().set_reward_rule(s, codec::read<RewardRule>(doc, "rule")));   // errors: "rule.amount"
    SNOWBALL_API_END
}

int snowball_reward_check(char** out_json, snowball_archive* archive, int64_t deal_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().check_reward(deal_id));
    SNOWBALL_API_END
}

int snowball_reward_grant(char** out_json, snowball_archive* archive, int64_t deal_id, int64_t by, const char* note) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().grant_reward(deal_id, optional_consultant(by), optional_text(note)));
    SNOWBALL_API_END
}

int snowball_reward_settle(char** out_json, snowball_archive* archive, const char* site, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.referrals().settle_rewards(s, optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_reward_revoke(char** out_json, snowball_archive* archive, int64_t entry_id, const char* reason, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string why = required_text(reason, "reason");
    give_json(out_json, a.referrals().revoke_reward(entry_id, why, optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_reward_get(char** out_json, snowball_archive* archive, int64_t entry_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().reward(entry_id));
    SNOWBALL_API_END
}

int snowball_reward_ledger(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().ledger(input_or_default<LedgerQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_reward_totals(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().reward_totals(required_text(site, "site")));
    SNOWBALL_API_END
}

int snowball_referral_key_person_candidates(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().key_person_candidates(input<CandidateQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_referral_approach(char** out_json, snowball_archive* archive, const char* approach_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().approach(input<NewApproach>(approach_json, "approach_json")));
    SNOWBALL_API_END
}

int snowball_referral_approaches(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().approaches(customer_id));
    SNOWBALL_API_END
}

int snowball_referral_introduce(char** out_json, snowball_archive* archive, const char* introduction_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().introduce(input<NewIntroduction>(introduction_json, "introduction_json")));
    SNOWBALL_API_END
}

int snowball_referral_introduction_outcome(char** out_json, snowball_archive* archive, int64_t introduction_id,
                                           const char* outcome_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const auto update = input<IntroductionUpdate>(outcome_json, "outcome_json");
    give_json(out_json, a.referrals().set_introduction_outcome(introduction_id, update));
    SNOWBALL_API_END
}

int snowball_referral_introduction_get(char** out_json, snowball_archive* archive, int64_t introduction_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().introduction(introduction_id));
    SNOWBALL_API_END
}

int snowball_referral_introductions(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().introductions(input<IntroductionQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_referral_hand_out(char** out_json, snowball_archive* archive, const char* handout_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().hand_out(input<NewHandout>(handout_json, "handout_json")));
    SNOWBALL_API_END
}

int snowball_referral_handout_get(char** out_json, snowball_archive* archive, int64_t handout_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).referrals().handout(handout_id));
    SNOWBALL_API_END
}

int snowball_referral_handouts(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.referrals().handouts(input<HandoutQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

} // extern "C"
