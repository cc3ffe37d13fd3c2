#include "codec/maintenance.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(maintenance)

namespace snowball::codec {

template <>
struct Record<MaintenanceCheck> {
    using C = MaintenanceCheck;
    static auto fields() {
        return std::make_tuple(out("name", &C::name), out("ok", &C::ok), out("examined", &C::examined),
                               out("problems", &C::problems));
    }
};

template <>
struct Record<VerifyReport> {
    using R = VerifyReport;
    static auto fields() { return std::make_tuple(out("ok", &R::ok), out("path", &R::path), out("checks", &R::checks)); }
};

template <>
struct Record<BackupReport> {
    using R = BackupReport;
    static auto fields() {
        return std::make_tuple(out("path", &R::path), out("pages", &R::pages), out("bytes", &R::bytes),
                               out("schema_version", &R::schema_version));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(MaintenanceCheck)
SNOWBALL_CODEC_WRITER(VerifyReport)
SNOWBALL_CODEC_WRITER(BackupReport)
