#include "customers/csv.hpp"

namespace snowball::detail {

CsvFile parse_csv(std::string_view text, char delimiter) {
    CsvFile file;
    CsvRecord record;
    std::string cell;
    std::int64_t line = 1;
    record.line = 1;
    bool quoted = false, cell_started = false;
    std::int64_t quote_line = 0;
    const auto end_cell = [&] {
        record.cells.push_back(std::move(cell));
        cell.clear();
        cell_started = false;
    };
    const auto end_record = [&] {
        end_cell();
        file.records.push_back(std::move(record));
        record = CsvRecord{};
        record.line = line;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"' && !cell_started) {
            quoted = true;
            cell_started = true;
            quote_line = line;
        } else if (c == delimiter) {
            end_cell();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++line;
            end_record();
        } else {
            cell += c;
            cell_started = true;
        }
    }
    if (quoted) file.unterminated_line = quote_line;
    if (cell_started || !cell.empty() || !record.cells.empty()) end_record();
    return file;
}

char detect_delimiter(std::string_view text) {
    std::size_t comma = 0, tab = 0, semicolon = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        comma += c == ',';
        tab += c == '\t';
        semicolon += c == ';';
    }
    if (tab > comma && tab >= semicolon) return '\t';
    if (semicolon > comma) return ';';
    return ',';
}

} // namespace snowball::detail
