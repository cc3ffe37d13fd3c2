// The referral graph (MISSION §3, 老带新): old customers bring new ones.
//
// A referral says who introduced whom (referrer → referee), how (the four strategies of the source
// plus guests brought to an owner event), when, and what was passed on. The first registered claim
// on a referee is credited; later claims are kept as secondary. The credited referrals form a forest
// (one referrer per referee, no cycle): the referral graph that the trees, the snowball metrics,
// PageRank, the descendant-deal ranking and the reward ledger read. Every claim, credited or not, is
// a social tie: the social circles and betweenness read those. docs/DATA_MODEL.md defines every
// metric exactly.
#pragma once

#include "snowball/customers.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}
class Templates;

// ---------------------------------------------------------------------------------------------
// Referrals

// chain 连锁介绍, key_person 核心人物, cooperation 交叉合作, event_guest 活动嘉宾 (a guest an owner
// brought to an event), observation 个人观察 (a consultant's own find, credited to the customer who
// came along).
enum class ReferralMethod { chain, key_person, cooperation, event_guest, observation };
const char* to_string(ReferralMethod method) noexcept;
// The key, or a Chinese alias: 连锁介绍, 核心人物, 权威介绍, 交叉合作, 活动嘉宾, 个人观察.
ReferralMethod parse_referral_method(std::string_view text, const std::string& field = "method");

// What the referrer passed on: 楼书/宣传册, 名片, 信函, 邀请函.
enum class MaterialKind { brochure, business_card, letter, invitation };
const char* to_string(MaterialKind kind) noexcept;
MaterialKind parse_material_kind(std::string_view text, const std::string& field = "materials");

struct Material {
    MaterialKind kind = MaterialKind::brochure;
    int count = 0;                         // 1..10000
    bool operator==(const Material& o) const { return kind == o.kind && count == o.count; }
};

struct NewReferral {
    std::int64_t referrer_id = 0;
    std::int64_t referee_id = 0;
    ReferralMethod method = ReferralMethod::chain;
    // The day the referral is registered: default today (China time), never in the future, and on
    // or before the day the referee was filed (a referee must be new to the site).
    std::optional<Date> date;
    std::vector<Material> materials;       // each kind at most once
    // Who registered it: default the referee's consultant; an active consultant of the referee's site.
    std::optional<std::int64_t> consultant_id;
    std::string note;
};

struct Referral {
    std::int64_t id = 0;
    std::string site;                      // the referee's site
    std::int64_t referrer_id = 0;
    std::string referrer_name;
    std::string referrer_archive_no;
    std::int64_t referee_id = 0;
    std::string referee_name;
    std::string referee_archive_no;
    ReferralMethod method = ReferralMethod::chain;
    Date date;
    bool credited = true;                  // false: a secondary claim (someone else was first)
    std::vector<Material> materials;       // in kind order
    std::optional<std::int64_t> consultant_id;
    std::string note;
    std::string recorded_at;               // UTC, ISO 8601
};

struct ReferralQuery {
    std::string site;                      // empty: every site
    std::optional<std::int64_t> referrer_id;
    std::optional<std::int64_t> referee_id;
    std::optional<ReferralMethod> method;
    std::optional<Date> from;              // referral date, inclusive
    std::optional<Date> to;
    bool credited_only = false;
    int limit = 50;                        // 1..10000
    std::int64_t offset = 0;
};

// A customer's place in the graph.
struct CustomerReferrals {
    std::int64_t customer_id = 0;
    std::optional<Referral> referred_by;   // the credited referral
    std::vector<Referral> other_claims;    // secondary claims on this customer
    std::vector<Referral> referred;        // the customers this one introduced (every claim), by date
};

// ---------------------------------------------------------------------------------------------
// Analytics results

struct TreeMember {
    std::int64_t customer_id = 0;
    std::int64_t referrer_id = 0;          // credited referrer (in the previous generation)
    int generation = 0;                    // 1: referred by the root
    std::string name;
    std::string archive_no;
    std::string site;
    Stage stage = Stage::prospect;
    int deals = 0;                         // closed deals
};

// A customer's referral tree: the descendants by generation along credited referrals, and the
// closed deals among them.
struct ReferralTree {
    std::int64_t root = 0;
    std::vector<std::vector<TreeMember>> generations;   // [0]: generation 1, by customer id
    std::vector<Deal> deals;               // closed deals of the descendants, by date
    std::int64_t descendants = 0;
};

// Snowball metrics of one site and calendar month (docs/DATA_MODEL.md: "The referral graph").
struct MonthMetrics {
    int year = 0;
    int month = 0;
    std::int64_t new_customers = 0;        // filed customers whose first contact is in the month
    std::int64_t deals = 0;                // closed deals dated in the month
    std::int64_t referred_deals = 0;       // ... whose buyer had a credited referral by the deal date
    std::optional<double> referral_share;  // referred_deals / deals
    std::int64_t referrals = 0;            // credited referrals dated in the month
    std::int64_t secondary_claims = 0;     // secondary claims dated in the month
    std::int64_t referrers = 0;            // distinct referrers of the credited referrals
    std::optional<double> mean_chain_depth;   // mean generation of those referees in the forest
    std::optional<double> growth_factor;   // referrals / the previous month's referrals
    std::map<MaterialKind, std::int64_t> materials;   // passed on with the month's claims
};

struct MetricsQuery {
    std::string site;                      // required
    Date from;                             // the months containing from .. to, at most 120
    Date to;
};

// One node of the graph (every customer with a credited referral in or out).
struct NodeScore {
    std::int64_t customer_id = 0;
    double score = 0;
};

enum class KeyPersonMeasure { descendant_deals, pagerank, betweenness };
const char* to_string(KeyPersonMeasure measure) noexcept;
KeyPersonMeasure parse_key_person_measure(std::string_view text, const std::string& field = "by");

struct KeyPersonQuery {
    std::string site;                      // empty: the whole archive
    KeyPersonMeasure by = KeyPersonMeasure::descendant_deals;
    int limit = 10;                        // 1..10000
    double decay = 0.5;                    // descendant_deals: generation g weighs decay^(g-1); (0, 1]
};

struct KeyPerson {
    std::int64_t customer_id = 0;
    double score = 0;
    std::string name;
    std::string archive_no;
    std::string site;
    std::int64_t referees = 0;             // direct (credited)
    std::int64_t descendants = 0;          // all generations (credited)
    std::int64_t descendant_deals = 0;     // closed deals among them, unweighted
};

struct KeyPersonRanking {
    KeyPersonMeasure by = KeyPersonMeasure::descendant_deals;
    std::vector<KeyPerson> people;         // best first; only scores above 0
    // Betweenness is computed exactly up to a work budget and estimated from sampled sources beyond
    // it; `exact` says which, `sources` how many sources were used of `nodes`.
    bool exact = true;
    std::int64_t nodes = 0;
    std::int64_t sources = 0;
};

// A social circle: a connected component of the customers tied by referral claims.
struct Circle {
    std::int64_t id = 0;                   // its smallest customer id
    std::vector<std::int64_t> members;     // ascending
    std::int64_t referrals = 0;            // claims inside it (credited and secondary)
    std::int64_t owners = 0;               // members with a closed deal
    std::int64_t deals = 0;                // closed deals of the members
    std::int64_t hub = 0;                  // the member with the most descendants (ties: smallest id)
};

// Everything the graph knows of one customer: for export and for checking.
struct Influence {
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> referrer_id;   // credited
    int generation = 0;                    // 0: a root (nobody credited with introducing them)
    std::int64_t referees = 0;
    std::int64_t descendants = 0;
    std::int64_t deals = 0;                // own closed deals
    std::int64_t descendant_deals = 0;
    double weighted_deals = 0;             // with decay 0.5
    std::int64_t circle = 0;               // the circle's id
};

// ---------------------------------------------------------------------------------------------
// Personal observation (个人观察): prospects who keep coming back

// The intent signal of a prospect's visits (docs/DATA_MODEL.md): frequency 1 - 1/c, recency
// 0.5^(days since the last visit / 14), acceleration 1 - q/2 clamped to [0, 1] where q is the last gap
// over the mean of the earlier gaps (0.5 with fewer than three visit days); score = 0.4 frequency +
// 0.35 recency + 0.25 acceleration.
struct IntentSignal {
    int visit_days = 0;
    double frequency = 0;
    double recency = 0;
    double acceleration = 0;
    std::optional<double> gap_trend;       // q; nullopt with fewer than three visit days
    double score = 0;
};
// `days`: the distinct visit days, ascending; `as_of` on or after the last.
IntentSignal intent_signal(const std::vector<Date>& days, Date as_of);

struct RepeatVisitorQuery {
    std::string site;                      // required
    int min_visits = 2;                    // visit days in the window, 1..1000
    Date since;                            // window start, inclusive
    std::optional<Date> until;             // window end, inclusive; default today (China time)
    std::optional<std::int64_t> consultant_id;   // one consultant's customers only
    int limit = 50;                        // 1..10000
    // Only the visits at this place (the construction site: customers watching the building go
    // up); nullopt: every visit.
    std::optional<VisitPlace> place;
};

struct RepeatVisitor {
    std::int64_t customer_id = 0;
    std::string name;
    std::string archive_no;
    std::string mobile;
    std::optional<std::int64_t> consultant_id;
    Tier tier = Tier::ordinary;
    Stage stage = Stage::prospect;
    std::vector<Date> visit_days;          // in the window, ascending
    Date last_visit;
    int days_since_last = 0;
    IntentSignal signal;
    int construction_site_days = 0;        // of visit_days, the days they came to the construction site
};

// ---------------------------------------------------------------------------------------------
// Cross cooperation (交叉合作)

struct Industry {
    std::string key;                       // [a-z][a-z0-9_]*
    std::string name_zh;
    std::string name_en;
};
// The built-in industries the keyword table classifies into.
const std::vector<Industry>& industries();

struct IndustryMatch {
    std::string industry;                  // a key
    std::string keyword;                   // the keyword found
    std::string source;                    // "company", "position" or "industry" (the site's field)
};
// Classifies an occupation from the company name (field 3) and the position (field 33) with the
// built-in Chinese keyword table: the longest keyword found wins, the company's before the
// position's, then the table's order. nullopt when no keyword matches (the C API's "nothing found":
// SNOWBALL_ENOTFOUND naming "company").
std::optional<IndustryMatch> classify_industry(std::string_view company, std::string_view position);

// Two industries whose businesses complement each other, with the reason a consultant can say.
struct AffinityRule {
    std::string a;                         // industry keys (a site may use its own keys too)
    std::string b;
    double weight = 1;                     // (0, 1]
    std::string reason;                    // "按揭贷款与购房需求互相引荐"
    bool operator==(const AffinityRule& o) const {
        return a == o.a && b == o.b && weight == o.weight && reason == o.reason;
    }
};
const std::vector<AffinityRule>& default_affinities();
void validate(const std::vector<AffinityRule>& rules, const std::string& field = "affinities");

struct CooperationParty {
    std::int64_t customer_id = 0;
    std::string name;
    std::string archive_no;
    std::string industry;
    std::string company;
    std::string position;
    std::string matched_by;                // "industry" (the site's field), "company" or "position"
    bool owner = false;
    Tier tier = Tier::ordinary;
};

struct CooperationPair {
    CooperationParty a;
    CooperationParty b;
    double score = 0;                      // weight × standing(a) × standing(b)
    double weight = 0;
    std::string reason;                    // the rule's reason
    std::string explanation;               // who, which businesses, why
    // What the site's introductions of this industry pair came to: the rule's weight is multiplied
    // by learned = 2 (worked + 1) / (worked + no_result + 2) — 1 without outcomes, above 1 when they
    // worked, below when they did not.
    std::int64_t worked = 0;
    std::int64_t no_result = 0;
    double learned = 1;
};

// ---------------------------------------------------------------------------------------------
// Key persons before they refer anyone, and the approaches made to them (核心人物)

// How a consultant approached a candidate (the contact log's channels of the same keys): 电话, 短信,
// 微信, 信函, 邮件, 案场来访 (met at the sales office), 上门拜访, 活动 (met at an event).
enum class ApproachChannel { phone, sms, wechat, letter, email, visit_office, home_visit, event };
const char* to_string(ApproachChannel channel) noexcept;
ApproachChannel parse_approach_channel(std::string_view text, const std::string& field = "channel");

// What came of it: 未接通, 已联系, 有兴趣, 同意介绍 (agreed to introduce people), 婉拒.
enum class ApproachOutcome { no_answer, reached, interested, agreed, declined };
const char* to_string(ApproachOutcome outcome) noexcept;
ApproachOutcome parse_approach_outcome(std::string_view text, const std::string& field = "outcome");

struct NewApproach {
    std::int64_t customer_id = 0;
    std::optional<Date> date;              // default today (China time); never in the future
    // Who made it: default the customer's consultant; an active consultant of the customer's site.
    std::optional<std::int64_t> consultant_id;
    ApproachChannel channel = ApproachChannel::phone;
    ApproachOutcome outcome = ApproachOutcome::reached;
    std::string note;                      // at most 500 characters
};

struct Approach {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::string site;
    Date date;
    std::optional<std::int64_t> consultant_id;
    ApproachChannel channel = ApproachChannel::phone;
    ApproachOutcome outcome = ApproachOutcome::reached;
    std::string note;
    std::optional<std::int64_t> contact_id;   // the contact-log entry it wrote (nullopt once that is gone)
    std::string recorded_at;
};

// One part of a candidate's score, with the profile field or the graph fact it comes from
// (docs/DATA_MODEL.md, "Key-person candidates").
struct CandidateReason {
    std::string code;                      // social_organisations, leads_organisation, sociability,
                                           // position, admired_by, circle, family, standing
    double points = 0;                     // added to the score (standing: the factor it is multiplied by)
    std::string message;                   // what a consultant reads: "所属社会组织：台商协会"
};

struct CandidateQuery {
    std::string site;                      // required
    int limit = 20;                        // 1..10000
    bool owners_only = false;
};

// A customer who has referred no one yet but looks like a core figure of a group: score = (points
// from fields 24, 25, 33, 38, their circle and family) × standing (1, + 0.5 owner, + 0.25 VIP).
struct KeyPersonCandidate {
    std::int64_t customer_id = 0;
    std::string name;
    std::string archive_no;
    Stage stage = Stage::prospect;
    Tier tier = Tier::ordinary;
    std::optional<std::int64_t> consultant_id;
    double score = 0;
    std::vector<CandidateReason> reasons;  // in the order of the score's parts
    std::int64_t admired_by = 0;           // customers of the site naming them in field 38
    std::int64_t circle_size = 0;          // members of their social circle (0: in none)
    std::int64_t family_members = 0;       // family members on file
    std::vector<Approach> approaches;      // made so far, by date
};

// ---------------------------------------------------------------------------------------------
// Cooperation introductions (交叉合作, followed through)

// pending 待反馈, worked 有成效, no_result 无结果.
enum class IntroductionOutcome { pending, worked, no_result };
const char* to_string(IntroductionOutcome outcome) noexcept;
IntroductionOutcome parse_introduction_outcome(std::string_view text, const std::string& field = "outcome");

struct NewIntroduction {
    std::int64_t a_id = 0;                 // two customers of one site (a proposed pair, or any two)
    std::int64_t b_id = 0;
    std::optional<Date> date;              // default today; never in the future
    std::optional<std::int64_t> consultant_id;   // who introduced them: an active consultant of the site
    std::string note;
};

struct IntroductionUpdate {
    IntroductionOutcome outcome = IntroductionOutcome::worked;
    std::optional<Date> date;              // default today; not before the introduction
    std::optional<std::int64_t> by;
    std::string note;                      // replaces the note when given
};

struct Introduction {
    std::int64_t id = 0;
    std::string site;
    std::int64_t a_id = 0;                 // the smaller id of the two
    std::string a_name;
    std::string a_industry;                // as classified when introduced ("" : unknown)
    std::int64_t b_id = 0;
    std::string b_name;
    std::string b_industry;
    Date date;
    std::optional<std::int64_t> consultant_id;
    IntroductionOutcome outcome = IntroductionOutcome::pending;
    std::optional<Date> outcome_date;
    std::optional<std::int64_t> outcome_by;
    std::string note;
    std::string recorded_at;
};

struct IntroductionQuery {
    std::string site;                      // required
    std::optional<std::int64_t> customer_id;   // one of the two
    std::optional<IntroductionOutcome> outcome;
    int limit = 50;
    std::int64_t offset = 0;
};

// ---------------------------------------------------------------------------------------------
// Materials handed out before the person is on file (楼书, 名片, ...)

struct NewHandout {
    std::string site;                      // required
    MaterialKind kind = MaterialKind::brochure;
    int count = 1;                         // 1..10000
    std::string name;                      // to whom: a name and/or a phone; at most 50 characters
    // A phone in any form, or a partial mainland mobile as agents write it ("138****8000": 11
    // places, '*' or 'x' for the hidden digits, at least the first three and last four shown).
    std::string phone;
    std::optional<std::int64_t> consultant_id;   // by a consultant of the site ...
    std::optional<std::int64_t> referrer_id;     // ... and/or by a referring customer of the site
    std::optional<Date> date;              // default today; never in the future
    std::string note;
};

struct Handout {
    std::int64_t id = 0;
    std::string site;
    MaterialKind kind = MaterialKind::brochure;
    int count = 1;
    std::string name;
    std::string phone;                     // the normal form, or the partial mobile with '*'
    bool partial_phone = false;
    std::optional<std::int64_t> consultant_id;
    std::optional<std::int64_t> referrer_id;
    std::string referrer_name;
    Date date;
    std::string note;
    // Matched: the customer filed (or on file) with a phone that fits.
    std::optional<std::int64_t> customer_id;
    std::string customer_name;
    std::string customer_archive_no;
    std::string matched_at;                // UTC, ISO 8601; empty while unmatched
    // Through a referring customer: the referral referrer → customer once registered, else
    // `referral_suggested` (the user registers it: nothing is assumed).
    std::optional<std::int64_t> referral_id;
    bool referral_suggested = false;
    std::string recorded_at;
};

struct HandoutQuery {
    std::string site;                      // required
    std::optional<bool> matched;           // nullopt: both
    std::optional<std::int64_t> referrer_id;
    int limit = 50;
    std::int64_t offset = 0;
};

// ---------------------------------------------------------------------------------------------
// Rewards (老带新奖励)

enum class RewardKind { points, property_fee, cash };   // 积分, 物业费 (months waived), 现金或礼品卡 (yuan)
const char* to_string(RewardKind kind) noexcept;
RewardKind parse_reward_kind(std::string_view text, const std::string& field = "kind");

// A site's rule: on a referee's closed deal, the credited referrer earns `amount` of `kind`.
struct RewardRule {
    bool enabled = false;                  // no rewards until the site sets its rule
    RewardKind kind = RewardKind::points;
    double amount = 0;                     // > 0 when enabled
    std::vector<ReferralMethod> methods;   // the methods rewarded; empty: all
    bool first_deal_only = true;           // one reward per referee, for their first rewarded deal
    int within_days = 0;                   // the deal closes within N days of the referral; 0: any time
    std::string note;                      // the rule as announced: "老带新成交，奖励老业主一年物业费"
};
void validate(const RewardRule& rule, const std::string& field = "rule");

struct ReferralSettings {
    std::string site;
    std::vector<AffinityRule> affinities;  // the defaults until the site sets its own
    bool default_affinities = true;
    RewardRule reward;
};

struct RewardReason {
    std::string code;                      // deal_cancelled, no_credited_referral, ... (docs)
    std::string message;
};

struct RewardCheck {
    std::int64_t deal_id = 0;
    bool eligible = false;
    std::vector<RewardReason> reasons;     // why not; empty when eligible
    std::int64_t referee_id = 0;
    std::optional<std::int64_t> referral_id;
    std::optional<std::int64_t> referrer_id;
    RewardKind kind = RewardKind::points;
    double amount = 0;
    std::optional<std::int64_t> entry_id;  // the ledger entry, when the deal was rewarded already
};

enum class RewardStatus { granted, revoked };
const char* to_string(RewardStatus status) noexcept;
RewardStatus parse_reward_status(std::string_view text, const std::string& field = "status");

struct RewardEntry {
    std::int64_t id = 0;
    std::string site;
    std::optional<std::int64_t> deal_id;   // nullopt once the deal record was removed
    std::string unit;
    Date deal_date;
    bool deal_cancelled = false;           // the deal was cancelled after the reward: revoke it?
    std::int64_t referral_id = 0;
    std::int64_t referrer_id = 0;
    std::string referrer_name;
    std::int64_t referee_id = 0;
    std::string referee_name;
    RewardKind kind = RewardKind::points;
    double amount = 0;
    RewardStatus status = RewardStatus::granted;
    std::string granted_at;
    std::optional<std::int64_t> granted_by;
    std::string note;
    std::string revoked_at;
    std::optional<std::int64_t> revoked_by;
    std::string revoke_reason;
};

struct LedgerQuery {
    std::string site;                      // empty: every site
    std::optional<std::int64_t> referrer_id;
    bool include_revoked = true;
    int limit = 50;
    std::int64_t offset = 0;
};

// A referrer's rewards (granted entries only).
struct RewardTotal {
    std::int64_t referrer_id = 0;
    std::string name;
    std::string archive_no;
    std::int64_t entries = 0;
    double points = 0;
    double property_fee_months = 0;
    double cash = 0;
};

// The keys of the module's enums, each in its enum's order: what a form offers to choose from.
struct ReferralKeys {
    std::vector<ReferralMethod> methods;
    std::vector<MaterialKind> materials;
    std::vector<KeyPersonMeasure> measures;
    std::vector<RewardKind> reward_kinds;
    std::vector<ApproachChannel> approach_channels;
    std::vector<ApproachOutcome> approach_outcomes;
    std::vector<IntroductionOutcome> introduction_outcomes;
};
const ReferralKeys& referral_keys();

// ---------------------------------------------------------------------------------------------

class Referrals {
public:
    // Built on the customers (the people of the graph, their deals) and the site templates (the
    // site's own "industry" field, for cross cooperation); subscribes the referrals' erasure step.
    Referrals(detail::Store& store, Customers& customers, Templates& templates);
    ~Referrals();
    Referrals(const Referrals&) = delete;
    Referrals& operator=(const Referrals&) = delete;

    // Registers a claim. No self-referral, no cycle (over every claim), the referee new to the site
    // (invalid_argument naming the field); the same pair twice is a conflict naming the referral.
    // The referee's first claim is credited, later ones are secondary.
    Referral add(const NewReferral& referral);
    // Many claims in one transaction (an import): all of them or, on the first error, none; errors
    // name "referrals[i].field".
    std::vector<Referral> add_many(const std::vector<NewReferral>& referrals);
    Referral get(std::int64_t id) const;
    Page<Referral> list(const ReferralQuery& query) const;
    CustomerReferrals of(std::int64_t customer_id) const;
    // Withdraws a claim registered in error. When it was credited, the referee's earliest remaining
    // claim becomes credited. A referral with a reward in the ledger cannot be removed (invalid_state).
    void remove(std::int64_t referral_id);

    // Analytics. `site` empty: the whole archive; else the referrals whose referee is at the site.
    ReferralTree tree(std::int64_t customer_id, int max_generations = 0) const;   // 0: all
    std::vector<MonthMetrics> metrics(const MetricsQuery& query) const;
    // PageRank exactly as defined in docs/DATA_MODEL.md, by customer id.
    std::vector<NodeScore> pagerank(std::string_view site = {}) const;
    KeyPersonRanking key_persons(const KeyPersonQuery& query) const;
    // Circles of at least `min_size` members, largest first.
    std::vector<Circle> circles(std::string_view site = {}, int min_size = 2) const;
    std::vector<Influence> influence(std::string_view site = {}) const;   // by customer id

    std::vector<RepeatVisitor> repeat_visitors(const RepeatVisitorQuery& query) const;
    // Pairs not introduced yet, scored by the affinity rules as the site's introductions taught them.
    std::vector<CooperationPair> cooperation_pairs(std::string_view site, int limit = 20) const;

    // Key persons before they refer anyone: customers of the site who referred no one, with a score
    // above 0, best first, each with its reasons and the approaches made.
    std::vector<KeyPersonCandidate> key_person_candidates(const CandidateQuery& query) const;
    // Records an approach and its contact-log entry (one transaction).
    Approach approach(const NewApproach& approach);
    std::vector<Approach> approaches(std::int64_t customer_id) const;   // by date

    // Records that two customers were introduced to each other: a pair once (conflict naming the
    // introduction), both at one site, not the same person.
    Introduction introduce(const NewIntroduction& introduction);
    Introduction set_introduction_outcome(std::int64_t introduction_id, const IntroductionUpdate& update);
    Introduction introduction(std::int64_t introduction_id) const;
    Page<Introduction> introductions(const IntroductionQuery& query) const;   // newest first

    // Records material handed out to someone not on file yet; matched at once when the phone (a full
    // one) is on file at the site, else when a customer is filed with a phone that fits.
    Handout hand_out(const NewHandout& handout);
    Handout handout(std::int64_t handout_id) const;
    Page<Handout> handouts(const HandoutQuery& query) const;   // newest first

    ReferralSettings settings(std::string_view site) const;
    ReferralSettings set_affinities(std::string_view site, const std::vector<AffinityRule>& rules);
    ReferralSettings reset_affinities(std::string_view site);   // back to the defaults
    ReferralSettings set_reward_rule(std::string_view site, const RewardRule& rule);

    RewardCheck check_reward(std::int64_t deal_id) const;
    // Grants the reward of an eligible deal: conflict (naming the entry) when the deal was rewarded,
    // invalid_state (naming the first reason) when it is not eligible.
    RewardEntry grant_reward(std::int64_t deal_id, std::optional<std::int64_t> by = std::nullopt,
                             const std::string& note = {});
    // Grants every eligible deal of the site not yet rewarded; returns the new entries.
    std::vector<RewardEntry> settle_rewards(std::string_view site, std::optional<std::int64_t> by = std::nullopt);
    RewardEntry revoke_reward(std::int64_t entry_id, const std::string& reason,
                              std::optional<std::int64_t> by = std::nullopt);
    RewardEntry reward(std::int64_t entry_id) const;
    Page<RewardEntry> ledger(const LedgerQuery& query) const;
    std::vector<RewardTotal> reward_totals(std::string_view site) const;   // most entries first

private:
    struct Cache;
    detail::Store& store_;
    Customers& customers_;
    Templates& templates_;
    std::unique_ptr<Cache> cache_;
};

} // namespace snowball
