// Tables for spreadsheets: any list or report as rows of text under labelled columns, written as
// CSV that Excel opens as it is (RFC 4180 quoting, CRLF lines, UTF-8 with a byte-order mark, or
// GB18030 for older Chinese Excel), with Chinese headers by default.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace snowball {

struct Column {
    std::string key;   // stable, [a-z0-9_]: the header in English
    std::string zh;    // the header in Chinese (the key when empty)
};

struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> rows;   // each as many cells as there are columns
};

enum class CsvEncoding { utf8_bom, utf8, gb18030 };
const char* to_string(CsvEncoding value) noexcept;
// "utf-8-sig"/"utf8_bom" (the default: UTF-8 with a byte-order mark), "utf-8", "gb18030" (also
// "gbk"); anything else is invalid_argument naming `field`.
CsvEncoding parse_csv_encoding(std::string_view text, const std::string& field = "encoding");

struct CsvOptions {
    CsvEncoding encoding = CsvEncoding::utf8_bom;
    bool english_headers = false;   // the column keys instead of the Chinese headers
    bool header = true;             // false: the rows only
};

// The table as CSV bytes. A row with another number of cells than columns is invalid_argument
// naming "rows" and the row; text that GB18030 cannot hold (never: it covers all of Unicode) or
// that is not UTF-8 is invalid_argument naming the row and the column.
std::string to_csv(const Table& table, const CsvOptions& options = {});

} // namespace snowball
