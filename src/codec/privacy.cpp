#include "codec/privacy.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(privacy)

namespace snowball::codec {

template <>
struct Record<Consent> {
    using C = Consent;
    static auto fields() {
        return std::make_tuple(out("id", &C::id), out("customer_id", &C::customer_id), out("purpose", &C::purpose),
                               out("objection", &C::objection), out("sensitive", &C::sensitive),
                               out("guardian", &C::guardian), out("scope", &C::scope),
                               out("notice_version", &C::notice_version), out("channel", &C::channel),
                               out("proof", &C::proof), out("recorded_by", &C::recorded_by),
                               out("recorded_at", &C::recorded_at), out("withdrawn_at", &C::withdrawn_at),
                               out("withdrawn_by", &C::withdrawn_by));
    }
};

template <>
struct Record<ConsentGrant> {
    using G = ConsentGrant;
    static auto fields() {
        return std::make_tuple(required("purpose", &G::purpose), in("sensitive", &G::sensitive),
                               in("guardian", &G::guardian), in("scope", &G::scope),
                               in("notice_version", &G::notice_version), in("channel", &G::channel),
                               in("proof", &G::proof), in("by", &G::by));
    }
};

template <>
struct Record<RetentionRule> {
    using R = RetentionRule;
    static auto fields() { return std::make_tuple(out("site", &R::site), out("stage", &R::stage), out("days", &R::days)); }
};

template <>
struct Record<LegalHold> {
    using H = LegalHold;
    static auto fields() {
        return std::make_tuple(out("customer_id", &H::customer_id), out("reason", &H::reason),
                               out("held_by", &H::held_by), out("held_at", &H::held_at));
    }
};

template <>
struct Record<SweepReport> {
    using S = SweepReport;
    static auto fields() {
        return std::make_tuple(out("on", &S::on), out("rehearsal", &S::rehearsal), out("erased", &S::erased),
                               out("held", &S::held), out("owners_kept", &S::owners_kept));
    }
};

template <>
struct Record<AuditEntry> {
    using E = AuditEntry;
    static auto fields() {
        return std::make_tuple(out("id", &E::id), out("at", &E::at), out("actor", &E::actor), out("action", &E::action),
                               out("subject_id", &E::subject_id), out("detail", &E::detail), out("prev_hash", &E::prev_hash),
                               out("hash", &E::hash));
    }
};

template <>
struct Record<AuditQuery> {
    using Q = AuditQuery;
    static auto fields() {
        return std::make_tuple(in("subject_id", &Q::subject_id), in("actor", &Q::actor), in("action", &Q::action),
                               in("from", &Q::from), in("to", &Q::to), in("limit", &Q::limit), in("offset", &Q::offset));
    }
};

template <>
struct Record<AuditVerification> {
    using V = AuditVerification;
    static auto fields() {
        return std::make_tuple(out("ok", &V::ok), out("entries", &V::entries), out("first_bad", &V::first_bad),
                               out("problem", &V::problem), out("head", &V::head));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(Consent)
SNOWBALL_CODEC_READER(ConsentGrant)
SNOWBALL_CODEC_WRITER(RetentionRule)
SNOWBALL_CODEC_WRITER(LegalHold)
SNOWBALL_CODEC_WRITER(SweepReport)
SNOWBALL_CODEC_WRITER(AuditEntry)
SNOWBALL_CODEC_READER(AuditQuery)
SNOWBALL_CODEC_WRITER(AuditVerification)
