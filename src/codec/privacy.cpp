#include "codec/privacy.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(privacy)

namespace snowball::codec {

template <>
struct Record<AuditEntry> {
    using E = AuditEntry;
    static auto fields() {
        return std::make_tuple(out("id", &E::id), out("at", &E::at), out("actor", &E::actor), out("action", &E::action),
                               out("subject_id", &E::subject_id), out("detail", &E::detail), out("hash", &E::hash));
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

SNOWBALL_CODEC_WRITER(AuditEntry)
SNOWBALL_CODEC_READER(AuditQuery)
SNOWBALL_CODEC_WRITER(AuditVerification)
