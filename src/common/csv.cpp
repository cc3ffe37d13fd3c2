// Tables written as CSV for Excel (snowball/csv.hpp).
#include "snowball/csv.hpp"

#include "common/encoding.hpp"
#include "common/text.hpp"
#include "snowball/error.hpp"

namespace snowball {

namespace {

// RFC 4180: a cell holding a comma, a quote or a line break is quoted, its quotes doubled.
void append_cell(std::string& out, const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        out += value;
        return;
    }
    out += '"';
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        append_cell(out, cells[i]);
    }
    out += "\r\n";
}

} // namespace

const char* to_string(CsvEncoding value) noexcept {
    switch (value) {
        case CsvEncoding::utf8_bom: return "utf-8-sig";
        case CsvEncoding::utf8: return "utf-8";
        case CsvEncoding::gb18030: return "gb18030";
    }
    return "utf-8-sig";
}

CsvEncoding parse_csv_encoding(std::string_view text, const std::string& field) {
    const std::string key = text::lower_ascii(text::trim(text));
    if (key == "utf-8-sig" || key == "utf8-sig" || key == "utf8_bom" || key == "utf-8-bom" || key.empty())
        return CsvEncoding::utf8_bom;
    if (key == "utf-8" || key == "utf8") return CsvEncoding::utf8;
    if (key == "gb18030" || key == "gbk") return CsvEncoding::gb18030;
    throw_invalid(field, "'" + std::string(text) + "' is not one of utf-8-sig, utf-8, gb18030");
}

std::string to_csv(const Table& table, const CsvOptions& options) {
    std::string out;
    if (options.encoding == CsvEncoding::utf8_bom) out = "\xEF\xBB\xBF";   // the mark Excel needs to read UTF-8
    if (options.header) {
        std::vector<std::string> header;
        for (const Column& c : table.columns)
            header.push_back(options.english_headers || c.zh.empty() ? c.key : c.zh);
        append_row(out, header);
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const std::vector<std::string>& row = table.rows[r];
        if (row.size() != table.columns.size())
            throw_invalid("rows[" + std::to_string(r) + "]", "has " + std::to_string(row.size()) + " cells for " +
                                                                 std::to_string(table.columns.size()) + " columns");
        for (std::size_t c = 0; c < row.size(); ++c)
            if (!text::is_valid_utf8(row[c]))
                throw_invalid("rows[" + std::to_string(r) + "][" + std::to_string(c) + "]", "is not valid UTF-8");
        append_row(out, row);
    }
    if (options.encoding == CsvEncoding::gb18030) return detail::encode_gb18030(out, "rows");
    return out;
}

} // namespace snowball
