#include "codec/referrals.hpp"

#include "codec/catalogue.hpp"

#include <cstdio>

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(referrals)

// ---------------------------------------------------------------------------------------------
// Values with a form of their own

void nlohmann::adl_serializer<std::vector<Material>>::to_json(json& j, const std::vector<Material>& materials) {
    j = json::object();
    for (const Material& m : materials) j[to_string(m.kind)] = m.count;
}

void snowball::codec::Reads<std::vector<Material>>::read(const json& j, const std::string& field,
                                                          std::vector<Material>& value) {
    if (!j.is_object()) throw_invalid(field, "must be an object of counts by kind, such as {\"brochure\": 3}");
    value.clear();
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string at = join(field, it.key());
        value.push_back({parse_material_kind(it.key(), at), int32_value(*it, at)});
    }
}

Material snowball::codec::Samples<Material>::make(bool) { return {MaterialKind::business_card, 7}; }

void nlohmann::adl_serializer<std::map<MaterialKind, std::int64_t>>::to_json(json& j,
                                                                             const std::map<MaterialKind, std::int64_t>& counts) {
    j = json::object();
    for (const auto& [kind, count] : counts) j[to_string(kind)] = count;
}

std::map<MaterialKind, std::int64_t> snowball::codec::Samples<std::map<MaterialKind, std::int64_t>>::make(bool) {
    return {{MaterialKind::business_card, 7}};
}

void nlohmann::adl_serializer<NodeScore>::to_json(json& j, const NodeScore& score) {
    j = json::array({score.customer_id, score.score});
}

namespace snowball::codec {

namespace {

std::string month_text(const MonthMetrics& m) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", m.year, m.month);
    return text;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Referrals

template <>
struct Record<NewReferral> {
    using R = NewReferral;
    static auto fields() {
        return std::make_tuple(required("referrer_id", &R::referrer_id), required("referee_id", &R::referee_id),
                               in("method", &R::method), in("date", &R::date), in("materials", &R::materials),
                               in("consultant_id", &R::consultant_id), in("note", &R::note));
    }
};

template <>
struct Record<Referral> {
    using R = Referral;
    static auto fields() {
        return std::make_tuple(out("id", &R::id), out("site", &R::site), out("referrer_id", &R::referrer_id),
                               out("referrer_name", &R::referrer_name), out("referrer_archive_no", &R::referrer_archive_no),
                               out("referee_id", &R::referee_id), out("referee_name", &R::referee_name),
                               out("referee_archive_no", &R::referee_archive_no), out("method", &R::method),
                               out("date", &R::date), out("credited", &R::credited), out("materials", &R::materials),
                               out("consultant_id", &R::consultant_id), out("note", &R::note),
                               out("recorded_at", &R::recorded_at));
    }
};

template <>
struct Record<ReferralQuery> {
    using Q = ReferralQuery;
    static auto fields() {
        return std::make_tuple(in("site", &Q::site), in("referrer_id", &Q::referrer_id), in("referee_id", &Q::referee_id),
                               in("method", &Q::method), in("from", &Q::from), in("to", &Q::to),
                               in("credited_only", &Q::credited_only), in("limit", &Q::limit), in("offset", &Q::offset));
    }
};

template <>
struct Record<CustomerReferrals> {
    using C = CustomerReferrals;
    static auto fields() {
        return std::make_tuple(out("customer_id", &C::customer_id), out("referred_by", &C::referred_by),
                               out("other_claims", &C::other_claims), out("referred", &C::referred));
    }
};

// ---------------------------------------------------------------------------------------------
// Analytics

template <>
struct Record<TreeMember> {
    using M = TreeMember;
    static auto fields() {
        return std::make_tuple(out("customer_id", &M::customer_id), out("referrer_id", &M::referrer_id),
                               out("generation", &M::generation), out("name", &M::name), out("archive_no", &M::archive_no),
                               out("site", &M::site), out("stage", &M::stage), out("deals", &M::deals));
    }
};

template <>
struct Record<ReferralTree> {
    using T = ReferralTree;
    static auto fields() {
        return std::make_tuple(out("root", &T::root), out("descendants", &T::descendants),
                               out("generations", &T::generations), out("deals", &T::deals));
    }
};

template <>
struct Record<MonthMetrics> {
    using M = MonthMetrics;
    static auto fields() {
        return std::make_tuple(computed<M>("month", month_text), out("new_customers", &M::new_customers),
                               out("deals", &M::deals), out("referred_deals", &M::referred_deals),
                               out("referral_share", &M::referral_share), out("referrals", &M::referrals),
                               out("secondary_claims", &M::secondary_claims), out("referrers", &M::referrers),
                               out("mean_chain_depth", &M::mean_chain_depth), out("growth_factor", &M::growth_factor),
                               out("materials", &M::materials));
    }
};

template <>
struct Record<MetricsQuery> {
    static auto fields() {
        return std::make_tuple(required("site", &MetricsQuery::site), required("from", &MetricsQuery::from),
                               required("to", &MetricsQuery::to));
    }
};

template <>
struct Record<KeyPersonQuery> {
    using Q = KeyPersonQuery;
    static auto fields() {
        return std::make_tuple(in("site", &Q::site), in("by", &Q::by), in("limit", &Q::limit), in("decay", &Q::decay));
    }
};

template <>
struct Record<KeyPerson> {
    using P = KeyPerson;
    static auto fields() {
        return std::make_tuple(out("customer_id", &P::customer_id), out("score", &P::score), out("name", &P::name),
                               out("archive_no", &P::archive_no), out("site", &P::site), out("referees", &P::referees),
                               out("descendants", &P::descendants), out("descendant_deals", &P::descendant_deals));
    }
};

template <>
struct Record<KeyPersonRanking> {
    using K = KeyPersonRanking;
    static auto fields() {
        return std::make_tuple(out("by", &K::by), out("exact", &K::exact), out("nodes", &K::nodes),
                               out("sources", &K::sources), out("people", &K::people));
    }
};

template <>
struct Record<Circle> {
    static auto fields() {
        return std::make_tuple(out("id", &Circle::id), out("members", &Circle::members), out("referrals", &Circle::referrals),
                               out("owners", &Circle::owners), out("deals", &Circle::deals), out("hub", &Circle::hub));
    }
};

template <>
struct Record<Influence> {
    using I = Influence;
    static auto fields() {
        return std::make_tuple(out("customer_id", &I::customer_id), out("referrer_id", &I::referrer_id),
                               out("generation", &I::generation), out("referees", &I::referees),
                               out("descendants", &I::descendants), out("deals", &I::deals),
                               out("descendant_deals", &I::descendant_deals), out("weighted_deals", &I::weighted_deals),
                               out("circle", &I::circle));
    }
};

// ---------------------------------------------------------------------------------------------
// Personal observation

// The visit days are the repeat visitor's: the signal carries its numbers only.
template <>
struct Record<IntentSignal> {
    using S = IntentSignal;
    static auto fields() {
        return std::make_tuple(out("score", &S::score), out("frequency", &S::frequency), out("recency", &S::recency),
                               out("acceleration", &S::acceleration), out("gap_trend", &S::gap_trend));
    }
};

template <>
struct Record<RepeatVisitorQuery> {
    using Q = RepeatVisitorQuery;
    static auto fields() {
        return std::make_tuple(required("site", &Q::site), required("since", &Q::since), in("min_visits", &Q::min_visits),
                               in("until", &Q::until), in("consultant_id", &Q::consultant_id), in("limit", &Q::limit),
                               in("place", &Q::place));
    }
};

template <>
struct Record<RepeatVisitor> {
    using V = RepeatVisitor;
    static auto fields() {
        return std::make_tuple(out("customer_id", &V::customer_id), out("name", &V::name), out("archive_no", &V::archive_no),
                               out("mobile", &V::mobile), out("consultant_id", &V::consultant_id), out("tier", &V::tier),
                               out("stage", &V::stage), out("visit_days", &V::visit_days), out("last_visit", &V::last_visit),
                               out("days_since_last", &V::days_since_last), out("signal", &V::signal),
                               out("construction_site_days", &V::construction_site_days));
    }
};

// ---------------------------------------------------------------------------------------------
// Cross cooperation and the site's settings

template <>
struct Record<Industry> {
    static auto fields() {
        return std::make_tuple(out("key", &Industry::key), out("name_zh", &Industry::name_zh), out("name_en", &Industry::name_en));
    }
};

template <>
struct Record<IndustryMatch> {
    static auto fields() {
        return std::make_tuple(out("industry", &IndustryMatch::industry), out("keyword", &IndustryMatch::keyword),
                               out("source", &IndustryMatch::source));
    }
};

template <>
struct Record<AffinityRule> {
    static auto fields() {
        return std::make_tuple(required("a", &AffinityRule::a), required("b", &AffinityRule::b),
                               field("weight", &AffinityRule::weight), required("reason", &AffinityRule::reason));
    }
};

template <>
struct Record<RewardRule> {
    using R = RewardRule;
    static auto fields() {
        return std::make_tuple(field("enabled", &R::enabled), field("kind", &R::kind), field("amount", &R::amount),
                               field("methods", &R::methods), field("first_deal_only", &R::first_deal_only),
                               field("within_days", &R::within_days), field("note", &R::note));
    }
};

template <>
struct Record<CooperationParty> {
    using P = CooperationParty;
    static auto fields() {
        return std::make_tuple(out("customer_id", &P::customer_id), out("name", &P::name), out("archive_no", &P::archive_no),
                               out("industry", &P::industry), out("company", &P::company), out("position", &P::position),
                               out("matched_by", &P::matched_by), out("owner", &P::owner), out("tier", &P::tier));
    }
};

template <>
struct Record<CooperationPair> {
    using P = CooperationPair;
    static auto fields() {
        return std::make_tuple(out("a", &P::a), out("b", &P::b), out("score", &P::score), out("weight", &P::weight),
                               out("reason", &P::reason), out("explanation", &P::explanation), out("worked", &P::worked),
                               out("no_result", &P::no_result), out("learned", &P::learned));
    }
};

template <>
struct Record<ReferralSettings> {
    using S = ReferralSettings;
    static auto fields() {
        return std::make_tuple(out("site", &S::site), out("affinities", &S::affinities),
                               out("default_affinities", &S::default_affinities), out("reward", &S::reward));
    }
};

// ---------------------------------------------------------------------------------------------
// Rewards

template <>
struct Record<RewardReason> {
    static auto fields() { return std::make_tuple(out("code", &RewardReason::code), out("message", &RewardReason::message)); }
};

template <>
struct Record<RewardCheck> {
    using C = RewardCheck;
    static auto fields() {
        return std::make_tuple(out("deal_id", &C::deal_id), out("eligible", &C::eligible), out("reasons", &C::reasons),
                               out("referee_id", &C::referee_id), out("referral_id", &C::referral_id),
                               out("referrer_id", &C::referrer_id), out("kind", &C::kind), out("amount", &C::amount),
                               out("entry_id", &C::entry_id));
    }
};

template <>
struct Record<RewardEntry> {
    using E = RewardEntry;
    static auto fields() {
        return std::make_tuple(out("id", &E::id), out("site", &E::site), out("deal_id", &E::deal_id), out("unit", &E::unit),
                               out("deal_date", &E::deal_date), out("deal_cancelled", &E::deal_cancelled),
                               out("referral_id", &E::referral_id), out("referrer_id", &E::referrer_id),
                               out("referrer_name", &E::referrer_name), out("referee_id", &E::referee_id),
                               out("referee_name", &E::referee_name), out("kind", &E::kind), out("amount", &E::amount),
                               out("status", &E::status), out("granted_at", &E::granted_at), out("granted_by", &E::granted_by),
                               out("note", &E::note), nullable_text("revoked_at", &E::revoked_at),
                               out("revoked_by", &E::revoked_by), out("revoke_reason", &E::revoke_reason));
    }
};

template <>
struct Record<LedgerQuery> {
    using Q = LedgerQuery;
    static auto fields() {
        return std::make_tuple(in("site", &Q::site), in("referrer_id", &Q::referrer_id),
                               in("include_revoked", &Q::include_revoked), in("limit", &Q::limit), in("offset", &Q::offset));
    }
};

template <>
struct Record<RewardTotal> {
    using T = RewardTotal;
    static auto fields() {
        return std::make_tuple(out("referrer_id", &T::referrer_id), out("name", &T::name), out("archive_no", &T::archive_no),
                               out("entries", &T::entries), out("points", &T::points),
                               out("property_fee_months", &T::property_fee_months), out("cash", &T::cash));
    }
};

template <>
struct Record<ReferralKeys> {
    using K = ReferralKeys;
    static auto fields() {
        return std::make_tuple(out("methods", &K::methods), out("materials", &K::materials), out("measures", &K::measures),
                               out("reward_kinds", &K::reward_kinds), out("approach_channels", &K::approach_channels),
                               out("approach_outcomes", &K::approach_outcomes),
                               out("introduction_outcomes", &K::introduction_outcomes));
    }
};

// ---------------------------------------------------------------------------------------------
// Key-person candidates and approaches

template <>
struct Record<NewApproach> {
    using A = NewApproach;
    static auto fields() {
        return std::make_tuple(required("customer_id", &A::customer_id), in("date", &A::date),
                               in("consultant_id", &A::consultant_id), in("channel", &A::channel),
                               in("outcome", &A::outcome), in("note", &A::note));
    }
};

template <>
struct Record<Approach> {
    using A = Approach;
    static auto fields() {
        return std::make_tuple(out("id", &A::id), out("customer_id", &A::customer_id), out("site", &A::site),
                               out("date", &A::date), out("consultant_id", &A::consultant_id), out("channel", &A::channel),
                               out("outcome", &A::outcome), out("note", &A::note), out("contact_id", &A::contact_id),
                               out("recorded_at", &A::recorded_at));
    }
};

template <>
struct Record<CandidateReason> {
    using R = CandidateReason;
    static auto fields() {
        return std::make_tuple(out("code", &R::code), out("points", &R::points), out("message", &R::message));
    }
};

template <>
struct Record<CandidateQuery> {
    using Q = CandidateQuery;
    static auto fields() {
        return std::make_tuple(required("site", &Q::site), in("limit", &Q::limit), in("owners_only", &Q::owners_only));
    }
};

template <>
struct Record<KeyPersonCandidate> {
    using K = KeyPersonCandidate;
    static auto fields() {
        return std::make_tuple(out("customer_id", &K::customer_id), out("name", &K::name), out("archive_no", &K::archive_no),
                               out("stage", &K::stage), out("tier", &K::tier), out("consultant_id", &K::consultant_id),
                               out("score", &K::score), out("reasons", &K::reasons), out("admired_by", &K::admired_by),
                               out("circle_size", &K::circle_size), out("family_members", &K::family_members),
                               out("approaches", &K::approaches));
    }
};

// ---------------------------------------------------------------------------------------------
// Cooperation introductions

template <>
struct Record<NewIntroduction> {
    using I = NewIntroduction;
    static auto fields() {
        return std::make_tuple(required("a_id", &I::a_id), required("b_id", &I::b_id), in("date", &I::date),
                               in("consultant_id", &I::consultant_id), in("note", &I::note));
    }
};

template <>
struct Record<IntroductionUpdate> {
    using U = IntroductionUpdate;
    static auto fields() {
        return std::make_tuple(required("outcome", &U::outcome), in("date", &U::date), in("by", &U::by), in("note", &U::note));
    }
};

template <>
struct Record<Introduction> {
    using I = Introduction;
    static auto fields() {
        return std::make_tuple(out("id", &I::id), out("site", &I::site), out("a_id", &I::a_id), out("a_name", &I::a_name),
                               out("a_industry", &I::a_industry), out("b_id", &I::b_id), out("b_name", &I::b_name),
                               out("b_industry", &I::b_industry), out("date", &I::date),
                               out("consultant_id", &I::consultant_id), out("outcome", &I::outcome),
                               out("outcome_date", &I::outcome_date), out("outcome_by", &I::outcome_by),
                               out("note", &I::note), out("recorded_at", &I::recorded_at));
    }
};

template <>
struct Record<IntroductionQuery> {
    using Q = IntroductionQuery;
    static auto fields() {
        return std::make_tuple(required("site", &Q::site), in("customer_id", &Q::customer_id), in("outcome", &Q::outcome),
                               in("limit", &Q::limit), in("offset", &Q::offset));
    }
};

// ---------------------------------------------------------------------------------------------
// Material handed out

template <>
struct Record<NewHandout> {
    using H = NewHandout;
    static auto fields() {
        return std::make_tuple(required("site", &H::site), required("kind", &H::kind), in("count", &H::count),
                               in("name", &H::name), in("phone", &H::phone), in("consultant_id", &H::consultant_id),
                               in("referrer_id", &H::referrer_id), in("date", &H::date), in("note", &H::note));
    }
};

template <>
struct Record<Handout> {
    using H = Handout;
    static auto fields() {
        return std::make_tuple(out("id", &H::id), out("site", &H::site), out("kind", &H::kind), out("count", &H::count),
                               out("name", &H::name), out("phone", &H::phone), out("partial_phone", &H::partial_phone),
                               out("consultant_id", &H::consultant_id), out("referrer_id", &H::referrer_id),
                               out("referrer_name", &H::referrer_name), out("date", &H::date), out("note", &H::note),
                               out("customer_id", &H::customer_id), out("customer_name", &H::customer_name),
                               out("customer_archive_no", &H::customer_archive_no),
                               nullable_text("matched_at", &H::matched_at), out("referral_id", &H::referral_id),
                               out("referral_suggested", &H::referral_suggested), out("recorded_at", &H::recorded_at));
    }
};

template <>
struct Record<HandoutQuery> {
    using Q = HandoutQuery;
    static auto fields() {
        return std::make_tuple(required("site", &Q::site), in("matched", &Q::matched), in("referrer_id", &Q::referrer_id),
                               in("limit", &Q::limit), in("offset", &Q::offset));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_READER(NewReferral)
SNOWBALL_CODEC_WRITER(Referral)
SNOWBALL_CODEC_READER(ReferralQuery)
SNOWBALL_CODEC_WRITER(CustomerReferrals)
SNOWBALL_CODEC_WRITER(TreeMember)
SNOWBALL_CODEC_WRITER(ReferralTree)
SNOWBALL_CODEC_WRITER(MonthMetrics)
SNOWBALL_CODEC_READER(MetricsQuery)
SNOWBALL_CODEC_READER(KeyPersonQuery)
SNOWBALL_CODEC_WRITER(KeyPerson)
SNOWBALL_CODEC_WRITER(KeyPersonRanking)
SNOWBALL_CODEC_WRITER(Circle)
SNOWBALL_CODEC_WRITER(Influence)
SNOWBALL_CODEC_WRITER(IntentSignal)
SNOWBALL_CODEC_READER(RepeatVisitorQuery)
SNOWBALL_CODEC_WRITER(RepeatVisitor)
SNOWBALL_CODEC_WRITER(Industry)
SNOWBALL_CODEC_WRITER(IndustryMatch)
SNOWBALL_CODEC_WRITER(AffinityRule)
SNOWBALL_CODEC_READER(AffinityRule)
SNOWBALL_CODEC_WRITER(RewardRule)
SNOWBALL_CODEC_WRITER(CooperationParty)
SNOWBALL_CODEC_WRITER(CooperationPair)
SNOWBALL_CODEC_WRITER(ReferralSettings)
SNOWBALL_CODEC_WRITER(RewardReason)
SNOWBALL_CODEC_WRITER(RewardCheck)
SNOWBALL_CODEC_WRITER(RewardEntry)
SNOWBALL_CODEC_READER(LedgerQuery)
SNOWBALL_CODEC_WRITER(RewardTotal)
SNOWBALL_CODEC_WRITER(ReferralKeys)
SNOWBALL_CODEC_READER(NewApproach)
SNOWBALL_CODEC_WRITER(Approach)
SNOWBALL_CODEC_WRITER(CandidateReason)
SNOWBALL_CODEC_READER(CandidateQuery)
SNOWBALL_CODEC_WRITER(KeyPersonCandidate)
SNOWBALL_CODEC_READER(NewIntroduction)
SNOWBALL_CODEC_READER(IntroductionUpdate)
SNOWBALL_CODEC_WRITER(Introduction)
SNOWBALL_CODEC_READER(IntroductionQuery)
SNOWBALL_CODEC_READER(NewHandout)
SNOWBALL_CODEC_WRITER(Handout)
SNOWBALL_CODEC_READER(HandoutQuery)

// A rule given is switched on unless it says otherwise: the rule a site sets is meant to pay.
void snowball::codec::Reads<RewardRule>::read(const json& j, const std::string& field, RewardRule& value) {
    value = RewardRule{};
    value.enabled = true;
    read_fields(j, field, value);
}
