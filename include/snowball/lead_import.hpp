// Bulk import of a lead list (客资) from a CSV file as Excel exports it.
//
// Encodings: UTF-8 with or without BOM, GB18030 (which includes GBK, what Chinese Excel writes
// for "CSV"), UTF-16 with BOM (Excel's "Unicode text"); "auto" detects them. Delimiters: comma,
// tab or semicolon, detected from the header row. Quoted cells may hold delimiters, quotes and
// line breaks (RFC 4180).
//
// Every valid row is filed in one transaction; every invalid row is reported with its line and
// the reason, and nothing of it is written. A row is never half-imported, and a failure of the
// import itself (cancel, I/O, disk full) leaves the archive as it was.
#pragma once

#include "snowball/types.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

struct ImportProgress {
    std::int64_t rows_done = 0;
    std::int64_t rows_total = 0;
    std::int64_t imported = 0;
    std::int64_t rejected = 0;
};

struct LeadImportOptions {
    std::string site;                         // required: the site the leads are filed at
    Channel channel = Channel::lead;          // for rows without a channel column
    // CSV header → field key. Keys: name, mobile, home_phone, office_phone, phone (other),
    // gender, tier, first_contact, note, consultant (a consultant's name at the site),
    // channel, ignore. Empty: common Chinese and English headers are recognised (姓名, 手机, ...).
    std::map<std::string, std::string> mapping;
    std::string encoding = "auto";            // auto, utf-8, gb18030, utf-16
    char delimiter = 0;                       // 0: detect
    std::optional<std::int64_t> consultant_id; // for rows without a consultant
    bool dry_run = false;                     // check every row, write nothing
    bool all_or_nothing = false;              // any rejected row: import nothing
    // Called every `progress_every` rows and at the end; return false to cancel (nothing is
    // imported, the import throws Error(cancelled)).
    std::function<bool(const ImportProgress&)> progress;
    std::int64_t progress_every = 1000;
};

struct RejectedRow {
    std::int64_t line = 0;    // the file line the row starts on (the header is line 1)
    std::string field;        // the column's field key, when one column is at fault
    std::string reason;
};

struct LeadImportReport {
    std::int64_t rows = 0;                    // data rows read (blank rows skipped)
    std::int64_t imported = 0;                // filed (0 for a dry run or an all-or-nothing failure)
    std::vector<RejectedRow> rejected;
    std::vector<std::int64_t> customer_ids;   // the customers filed, in file order
    std::string encoding;                     // the encoding read
    std::map<std::string, std::string> columns; // header → field key used
    std::vector<std::string> ignored_columns; // headers not imported
    bool dry_run = false;
};

class LeadImporter {
public:
    explicit LeadImporter(detail::Store& store) : store_(store) {}
    LeadImportReport import_file(const std::string& path, const LeadImportOptions& options);
    LeadImportReport import_data(std::string_view data, const LeadImportOptions& options);

private:
    detail::Store& store_;
};

} // namespace snowball
