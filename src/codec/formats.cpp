#include "codec/formats.hpp"

#include "codec/catalogue.hpp"
#include "codec/customers.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(formats)

namespace snowball::codec {

template <>
struct Record<VcardExport> {
    static auto fields() {
        return std::make_tuple(in("site", &VcardExport::site), in("customer_ids", &VcardExport::customer_ids),
                               in("family", &VcardExport::family));
    }
};

template <>
struct Record<VcardImport> {
    static auto fields() {
        return std::make_tuple(required("site", &VcardImport::site), in("channel", &VcardImport::channel),
                               in("consultant_id", &VcardImport::consultant_id), in("dry_run", &VcardImport::dry_run));
    }
};

template <>
struct Record<VcardOutcome> {
    static auto fields() {
        using O = VcardOutcome;
        return std::make_tuple(out("line", &O::line), out("action", &O::action), out("uid", &O::uid),
                               out("customer_id", &O::customer_id), out("family_member_id", &O::family_member_id),
                               out("error_line", &O::error_line), out("field", &O::field), out("reason", &O::reason));
    }
};

template <>
struct Record<VcardImportReport> {
    static auto fields() {
        using R = VcardImportReport;
        return std::make_tuple(out("cards", &R::cards), out("filed", &R::filed), out("matched", &R::matched),
                               out("family", &R::family), out("skipped", &R::skipped), out("outcomes", &R::outcomes),
                               out("dry_run", &R::dry_run));
    }
};

template <>
struct Record<ArchiveImportReport> {
    static auto fields() {
        using R = ArchiveImportReport;
        return std::make_tuple(out("schema_version", &R::schema_version), out("rows", &R::rows), out("tables", &R::tables));
    }
};

template <>
struct Record<Column> {
    static auto fields() { return std::make_tuple(required("key", &Column::key), field("zh", &Column::zh)); }
};

template <>
struct Record<Table> {
    static auto fields() { return std::make_tuple(required("columns", &Table::columns), field("rows", &Table::rows)); }
};

template <>
struct Record<CsvOptions> {
    static auto fields() {
        return std::make_tuple(in("encoding", &CsvOptions::encoding), in("english_headers", &CsvOptions::english_headers),
                               in("header", &CsvOptions::header));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_READER(VcardExport)
SNOWBALL_CODEC_READER(VcardImport)
SNOWBALL_CODEC_WRITER(VcardOutcome)
SNOWBALL_CODEC_WRITER(VcardImportReport)
SNOWBALL_CODEC_WRITER(ArchiveImportReport)
SNOWBALL_CODEC_WRITER(Column)
SNOWBALL_CODEC_READER(Column)
SNOWBALL_CODEC_WRITER(Table)
SNOWBALL_CODEC_READER(Table)
SNOWBALL_CODEC_READER(CsvOptions)
