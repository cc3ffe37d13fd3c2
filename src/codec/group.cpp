#include "codec/group.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(group)

namespace snowball::codec {

template <>
struct Record<GroupStatus> {
    using S = GroupStatus;
    static auto fields() {
        return std::make_tuple(out("enabled", &S::enabled), out("site", &S::site), out("enabled_at", &S::enabled_at),
                               out("last_seq", &S::last_seq), out("acknowledged", &S::acknowledged),
                               out("pending", &S::pending), out("pending_bytes", &S::pending_bytes),
                               out("schema_version", &S::schema_version));
    }
};

template <>
struct Record<GroupTableSum> {
    using T = GroupTableSum;
    static auto fields() {
        return std::make_tuple(required("table", &T::table), required("columns", &T::columns),
                               required("rows", &T::rows), required("checksum", &T::checksum));
    }
};

template <>
struct Record<GroupChecksums> {
    using C = GroupChecksums;
    static auto fields() {
        return std::make_tuple(required("site", &C::site), required("high_water", &C::high_water),
                               required("tables", &C::tables));
    }
};

template <>
struct Record<GroupIngestReport> {
    using R = GroupIngestReport;
    static auto fields() {
        return std::make_tuple(out("site", &R::site), out("kind", &R::kind), out("entries_applied", &R::entries_applied),
                               out("entries_skipped", &R::entries_skipped), out("rows_written", &R::rows_written),
                               out("rows_updated", &R::rows_updated), out("rows_deleted", &R::rows_deleted),
                               out("high_water", &R::high_water), out("schema_version", &R::schema_version));
    }
};

template <>
struct Record<GroupTableDrift> {
    using D = GroupTableDrift;
    static auto fields() {
        return std::make_tuple(out("table", &D::table), out("site_rows", &D::site_rows), out("group_rows", &D::group_rows),
                               out("same", &D::same));
    }
};

template <>
struct Record<GroupReconcileReport> {
    using R = GroupReconcileReport;
    static auto fields() {
        return std::make_tuple(out("site", &R::site), out("same", &R::same), out("caught_up", &R::caught_up),
                               out("site_high_water", &R::site_high_water), out("group_high_water", &R::group_high_water),
                               out("tables", &R::tables));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(GroupStatus)
SNOWBALL_CODEC_WRITER(GroupTableSum)
SNOWBALL_CODEC_READER(GroupTableSum)
SNOWBALL_CODEC_WRITER(GroupChecksums)
SNOWBALL_CODEC_READER(GroupChecksums)
SNOWBALL_CODEC_WRITER(GroupIngestReport)
SNOWBALL_CODEC_WRITER(GroupTableDrift)
SNOWBALL_CODEC_WRITER(GroupReconcileReport)
