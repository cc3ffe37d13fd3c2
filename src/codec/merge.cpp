#include "codec/merge.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(merge)

namespace snowball::codec {

template <>
struct Record<DuplicateReason> {
    using R = DuplicateReason;
    static auto fields() { return std::make_tuple(out("key", &R::key), out("text", &R::text)); }
};

template <>
struct Record<DuplicateCandidate> {
    using C = DuplicateCandidate;
    static auto fields() {
        return std::make_tuple(out("ids", &C::ids), out("archive_nos", &C::archive_nos), out("score", &C::score),
                               out("reasons", &C::reasons));
    }
};

template <>
struct Record<DuplicateQuery> {
    using Q = DuplicateQuery;
    static auto fields() {
        return std::make_tuple(required("site", &Q::site), in("min_score", &Q::min_score), in("limit", &Q::limit));
    }
};

template <>
struct Record<MergeOptions> {
    static auto fields() { return std::make_tuple(in("newest_wins", &MergeOptions::newest_wins)); }
};

template <>
struct Record<MergeRecord> {
    using M = MergeRecord;
    static auto fields() {
        return std::make_tuple(out("id", &M::id), out("site", &M::site), out("keep", &M::keep), out("merged", &M::merged),
                               out("merged_archive_no", &M::merged_archive_no), out("by", &M::by), out("actor", &M::actor),
                               out("at", &M::at), out("newest_wins", &M::newest_wins), out("counts", &M::counts),
                               out("notes", &M::notes), out("undone_at", &M::undone_at), out("undone_by", &M::undone_by),
                               out("undoable", &M::undoable));
    }
};

template <>
struct Record<MergeQuery> {
    using Q = MergeQuery;
    static auto fields() {
        return std::make_tuple(in("site", &Q::site), in("customer_id", &Q::customer_id), in("limit", &Q::limit),
                               in("offset", &Q::offset));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(DuplicateReason)
SNOWBALL_CODEC_WRITER(DuplicateCandidate)
SNOWBALL_CODEC_READER(DuplicateQuery)
SNOWBALL_CODEC_READER(MergeOptions)
SNOWBALL_CODEC_WRITER(MergeRecord)
SNOWBALL_CODEC_READER(MergeQuery)
