// CSV as spreadsheets write it (RFC 4180): quoted cells may hold the delimiter, doubled quotes
// and line breaks; lines end in CRLF or LF.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace snowball::detail {

struct CsvRecord {
    std::int64_t line = 0;             // the line the record starts on, 1-based
    std::vector<std::string> cells;
};

// Splits UTF-8 `text` into records. An unterminated quote is reported as an error record: its
// cells are empty and `error` says why (the rest of the file is still read).
struct CsvFile {
    std::vector<CsvRecord> records;
    std::int64_t unterminated_line = 0;  // the line of a quote that never closes, 0 when none
};

CsvFile parse_csv(std::string_view text, char delimiter);

// The delimiter of a file: of comma, tab and semicolon, the one the header row (outside quotes)
// holds most of; comma when none.
char detect_delimiter(std::string_view text);

} // namespace snowball::detail
