// The JSON form of the formats' records: vCard export and import, tables and their CSV options,
// the archive import's report.
#pragma once

#include "codec/types.hpp"
#include "snowball/csv.hpp"
#include "snowball/formats.hpp"

SNOWBALL_CODEC_ENUM(VcardAction, parse_vcard_action)
SNOWBALL_CODEC_ENUM(CsvEncoding, parse_csv_encoding)
// {"site"?, "customer_ids"?, "family"?}.
SNOWBALL_CODEC_READS(VcardExport)
// {"site", "channel"?, "consultant_id"?, "dry_run"?}.
SNOWBALL_CODEC_READS(VcardImport)
SNOWBALL_CODEC_WRITES(VcardOutcome)
SNOWBALL_CODEC_WRITES(VcardImportReport)
SNOWBALL_CODEC_WRITES(ArchiveImportReport)
// {"key", "zh"}.
SNOWBALL_CODEC_BOTH(Column)
// {"columns": [column], "rows": [[text]]}.
SNOWBALL_CODEC_BOTH(Table)
// {"encoding"?: "utf-8-sig" | "utf-8" | "gb18030", "english_headers"?, "header"?}.
SNOWBALL_CODEC_READS(CsvOptions)
