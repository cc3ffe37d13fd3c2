// The whole archive as JSON lines, and back (snowball/formats.hpp): every table's rows as they are
// stored, so that a backup holds exactly what the file held (sealed values stay sealed).
#include "archive/store.hpp"
#include "common/file.hpp"
#include "snowball/formats.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace snowball {

namespace {

using nlohmann::json;

constexpr const char* format_name = "snowball-archive";

void require_host(const detail::Store& store, const char* what) {
    store.require_host(std::string("make ") + what, "it holds every record of the archive; only the host system may");
}

std::string quoted(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// The tables of the archive, by name: the schema's, and sqlite_sequence (the AUTOINCREMENT
// counters, so that a number or an id given once is never given again after a move).
std::vector<std::string> tables(SQLite::Database& db) {
    std::vector<std::string> out;
    SQLite::Statement q(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                            "(name NOT LIKE 'sqlite\\_%' ESCAPE '\\' OR name = 'sqlite_sequence') ORDER BY name");
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

struct TableInfo {
    std::vector<std::string> columns;
    std::string order;   // ORDER BY: the primary key, else every column
};

TableInfo table_info(SQLite::Database& db, const std::string& table) {
    TableInfo info;
    std::vector<std::pair<int, std::string>> key;
    SQLite::Statement q(db, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
    q.bind(1, table);
    while (q.executeStep()) {
        info.columns.push_back(q.getColumn(0).getString());
        if (q.getColumn(1).getInt() > 0) key.emplace_back(q.getColumn(1).getInt(), info.columns.back());
    }
    std::sort(key.begin(), key.end());
    std::vector<std::string> order;
    for (const auto& k : key) order.push_back(k.second);
    if (order.empty()) order = info.columns;
    for (const std::string& c : order) info.order += (info.order.empty() ? "" : ", ") + quoted(c);
    return info;
}

std::string hex(const void* data, int size) {
    static const char digits[] = "0123456789abcdef";
    const auto* p = static_cast<const unsigned char*>(data);
    std::string out;
    out.reserve(static_cast<std::size_t>(size) * 2);
    for (int i = 0; i < size; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
    return out;
}

std::string unhex(const std::string& text, const std::string& field) {
    const auto value = [&](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw_invalid(field, "a $blob holds a character that is not a hexadecimal digit");
    };
    if (text.size() % 2) throw_invalid(field, "a $blob has an odd number of hexadecimal digits");
    std::string out(text.size() / 2, '\0');
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(value(text[2 * i]) * 16 + value(text[2 * i + 1]));
    return out;
}

void write_dump(detail::Store& store, std::ostream& out) {
    SQLite::Database& db = store.db();
    // Keys in a fixed order (the header's, "table" before "row", a row's columns as the schema has them).
    nlohmann::ordered_json header;
    header["format"] = format_name;
    header["schema_version"] = Archive::schema_version();
    out << header.dump() << '\n';
    for (const std::string& table : tables(db)) {
        const TableInfo info = table_info(db, table);
        std::string columns;
        for (const std::string& c : info.columns) columns += (columns.empty() ? "" : ", ") + quoted(c);
        SQLite::Statement q(db, "SELECT " + columns + " FROM " + quoted(table) + " ORDER BY " + info.order);
        while (q.executeStep()) {
            nlohmann::ordered_json row = nlohmann::ordered_json::object();
            for (int i = 0; i < static_cast<int>(info.columns.size()); ++i) {
                const SQLite::Column c = q.getColumn(i);
                nlohmann::ordered_json& v = row[info.columns[static_cast<std::size_t>(i)]];
                if (c.isInteger()) v = c.getInt64();
                else if (c.isFloat()) v = c.getDouble();
                else if (c.isText()) v = c.getString();
                else if (c.isBlob()) v["$blob"] = hex(c.getBlob(), c.getBytes());
            }
            nlohmann::ordered_json line;
            line["table"] = table;
            line["row"] = std::move(row);
            out << line.dump() << '\n';
        }
    }
}

} // namespace

std::string Formats::export_archive() const {
    require_host(store_, "an archive export");
    return store_.read([&] {
        std::ostringstream out;
        write_dump(store_, out);
        return out.str();
    });
}

void Formats::export_archive(const std::string& path) const {
    require_host(store_, "an archive export");
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) throw Error(Status::storage, "cannot write " + path, "path");
    store_.read([&] { write_dump(store_, file); });
    file.flush();
    if (!file) throw Error(Status::storage, "could not write all of " + path + " (disk full?)", "path");
}

ArchiveImportReport Formats::import_archive_file(const std::string& path) {
    return import_archive(file::read_all(path));
}

ArchiveImportReport Formats::import_archive(std::string_view jsonl) {
    require_host(store_, "an archive import");
    return store_.write([&] {
        SQLite::Database& db = store_.db();
        ArchiveImportReport report;
        {
            SQLite::Statement q(db, "SELECT (SELECT count(*) FROM sites), (SELECT count(*) FROM customers)");
            q.executeStep();
            if (q.getColumn(0).getInt64() > 0 || q.getColumn(1).getInt64() > 0)
                throw Error(Status::conflict, "the archive " + store_.path() + " is not empty (" +
                                                  std::to_string(q.getColumn(0).getInt64()) + " sites, " +
                                                  std::to_string(q.getColumn(1).getInt64()) +
                                                  " customers): import into a new archive file");
        }
        // Rows reference rows of tables further down the file: the foreign keys are checked at the commit.
        db.exec("PRAGMA defer_foreign_keys = ON");
        std::set<std::string> known;
        for (const std::string& t : tables(db)) known.insert(t);
        std::set<std::string> cleared;
        std::map<std::string, std::unique_ptr<SQLite::Statement>> inserts;   // by table and columns
        std::vector<json> sequences;   // sqlite_sequence last: inserting rows moves the counters
        std::int64_t number = 0;
        bool header = false;
        for (std::size_t start = 0; start < jsonl.size();) {
            std::size_t end = jsonl.find('\n', start);
            if (end == std::string_view::npos) end = jsonl.size();
            const std::string_view text = jsonl.substr(start, end - start);
            start = end + 1;
            ++number;
            const std::string where = "line " + std::to_string(number);
            if (text.empty() || text == "\r") continue;
            json line;
            try {
                line = json::parse(text);
            } catch (const json::exception& e) {
                throw_invalid(where, std::string("is not JSON: ") + e.what());
            }
            if (!line.is_object()) throw_invalid(where, "is not a JSON object");
            if (!header) {
                if (line.value("format", std::string()) != format_name)
                    throw_invalid(where, "is not the header of a Snowball archive export (\"format\":\"snowball-archive\")");
                const auto version = line.find("schema_version");
                if (version == line.end() || !version->is_number_integer()) throw_invalid(where, "the header has no schema_version");
                report.schema_version = version->get<int>();
                if (report.schema_version != Archive::schema_version())
                    throw Error(Status::version,
                                "the export is of schema version " + std::to_string(report.schema_version) +
                                    " and this library writes version " + std::to_string(Archive::schema_version()) +
                                    ": import it with the Snowball version that exported it",
                                where);
                header = true;
                continue;
            }
            const auto table = line.find("table");
            const auto row = line.find("row");
            if (table == line.end() || !table->is_string() || row == line.end() || !row->is_object())
                throw_invalid(where, "a row line is {\"table\": name, \"row\": {column: value}}");
            const std::string name = table->get<std::string>();
            if (!known.count(name)) throw_invalid(where, "the table '" + name + "' is not in this archive's schema");
            if (name == "sqlite_sequence") {
                sequences.push_back(std::move(*row));
                ++report.tables[name];
                ++report.rows;
                continue;
            }
            if (cleared.insert(name).second) db.exec("DELETE FROM " + quoted(name));   // what a new file starts with
            std::string columns, marks;
            for (const auto& item : row->items()) {
                columns += (columns.empty() ? "" : ", ") + quoted(item.key());
                marks += marks.empty() ? "?" : ", ?";
            }
            try {
                std::unique_ptr<SQLite::Statement>& prepared = inserts[name + "(" + columns + ")"];
                if (!prepared)
                    prepared = std::make_unique<SQLite::Statement>(
                        db, "INSERT INTO " + quoted(name) + "(" + columns + ") VALUES(" + marks + ")");
                SQLite::Statement& insert = *prepared;
                insert.reset();
                insert.clearBindings();
                int i = 1;
                for (const auto& item : row->items()) {
                    const json& v = item.value();
                    if (v.is_null()) insert.bind(i);
                    else if (v.is_number_integer()) insert.bind(i, v.get<std::int64_t>());
                    else if (v.is_number()) insert.bind(i, v.get<double>());
                    else if (v.is_string()) insert.bind(i, v.get<std::string>());
                    else if (v.is_object() && v.contains("$blob") && v["$blob"].is_string()) {
                        const std::string bytes = unhex(v["$blob"].get<std::string>(), where);
                        insert.bind(i, bytes.data(), static_cast<int>(bytes.size()));
                    } else {
                        throw_invalid(where, "the value of '" + item.key() + "' is not null, a number, a text or {\"$blob\": hex}");
                    }
                    ++i;
                }
                insert.exec();
            } catch (const SQLite::Exception& e) {
                throw_invalid(where, std::string("cannot be stored in '") + name + "': " + e.what());
            }
            ++report.tables[name];
            ++report.rows;
        }
        if (!header) throw_invalid("line 1", "the text is empty: an archive export starts with its header line");
        if (known.count("sqlite_sequence")) db.exec("DELETE FROM sqlite_sequence");
        for (const json& s : sequences) {
            SQLite::Statement insert(db, "INSERT INTO sqlite_sequence(name, seq) VALUES(?, ?)");
            insert.bind(1, s.value("name", std::string()));
            insert.bind(2, s.value("seq", std::int64_t{0}));
            insert.exec();
        }
        return report;
    });
}

} // namespace snowball
