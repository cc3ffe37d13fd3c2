#include "archive/merge_journal.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace snowball::detail {

using json = nlohmann::json;

namespace {

struct Shape {
    bool rowid = true;
    std::vector<std::string> key;       // "rowid", or the primary key of a WITHOUT ROWID table
    std::vector<std::string> columns;
};

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

Shape shape_of(Store& store, const std::string& table) {
    Shape s;
    SQLite::Statement sql(store.db(), "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
    sql.bind(1, table);
    if (!sql.executeStep()) throw Error(Status::error, "merge journal: no table " + table);
    std::string text = sql.getColumn(0).getString();
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    s.rowid = text.find("WITHOUT ROWID") == std::string::npos;
    std::vector<std::pair<int, std::string>> pk;
    SQLite::Statement info(store.db(), "SELECT name, pk FROM pragma_table_info(?)");
    info.bind(1, table);
    while (info.executeStep()) {
        s.columns.push_back(info.getColumn(0).getString());
        if (info.getColumn(1).getInt() > 0) pk.emplace_back(info.getColumn(1).getInt(), info.getColumn(0).getString());
    }
    if (s.rowid) {
        s.key = {"rowid"};
    } else {
        std::sort(pk.begin(), pk.end());
        for (auto& [i, name] : pk) s.key.push_back(name);
    }
    return s;
}

std::string hex(const void* data, int size) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    const auto* p = static_cast<const unsigned char*>(data);
    for (int i = 0; i < size; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
    return out;
}

std::string unhex(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) out += char(std::stoi(text.substr(i, 2), nullptr, 16));
    return out;
}

json value_of(SQLite::Column c) {
    if (c.isNull()) return nullptr;
    if (c.isInteger()) return c.getInt64();
    if (c.isFloat()) return c.getDouble();
    if (c.isBlob()) return json{{"blob", hex(c.getBlob(), c.getBytes())}};
    return c.getString();
}

void bind_value(SQLite::Statement& s, int index, const json& v) {
    if (v.is_null()) s.bind(index);
    else if (v.is_number_integer()) s.bind(index, v.get<std::int64_t>());
    else if (v.is_number_float()) s.bind(index, v.get<double>());
    else if (v.is_object()) {
        const std::string bytes = unhex(v.at("blob").get<std::string>());
        s.bind(index, bytes.data(), static_cast<int>(bytes.size()));
    } else s.bind(index, v.get<std::string>());
}

std::string key_columns(const Shape& s) {
    std::string out;
    for (const auto& k : s.key) out += (out.empty() ? "" : ", ") + (k == "rowid" ? k : quoted(k));
    return out;
}

// "a = ? AND b = ?" over the key's columns, in the order of the object.
std::string key_condition(const json& key, std::vector<json>& binds) {
    std::string out;
    for (auto& [name, value] : key.items()) {
        out += (out.empty() ? "" : " AND ") + (name == "rowid" ? name : quoted(name)) + " = ?";
        binds.push_back(value);
    }
    return out;
}

// "INSERT INTO table(a, b) VALUES (?, ?)" for a row given as {column: value}.
std::string insert_sql(const std::string& table, const json& row) {
    std::string names, marks;
    for (auto& [name, value] : row.items()) {
        names += (names.empty() ? "" : ", ") + quoted(name);
        marks += marks.empty() ? "?" : ", ?";
    }
    return "INSERT INTO " + quoted(table) + "(" + names + ") VALUES (" + marks + ")";
}

std::string where(const std::string& condition) { return condition.empty() ? std::string() : " AND (" + condition + ")"; }

std::uint64_t fnv(std::uint64_t h, const std::string& bytes) {
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
    return h;
}

} // namespace

std::int64_t MergeJournal::next_seq() {
    if (seq_ < 0) {
        Query q(store_, "SELECT ifnull(max(seq), 0) FROM merge_journal WHERE merge_id = ?");
        q->bind(1, merge_id_);
        q->executeStep();
        seq_ = q->getColumn(0).getInt64();
    }
    return ++seq_;
}

void MergeJournal::record(const std::string& table, const char* op, const std::string& key, const std::string& data) {
    Query q(store_, "INSERT INTO merge_journal(merge_id, seq, tbl, op, key, data) VALUES (?, ?, ?, ?, ?, ?)");
    q->bind(1, merge_id_);
    q->bind(2, next_seq());
    q->bind(3, table);
    q->bind(4, op);
    q->bind(5, key);
    q->bind(6, data);
    q->exec();
    ++counts_[table];
}

std::int64_t MergeJournal::move(const std::string& table, const std::string& column, std::int64_t from,
                                std::int64_t to, const std::string& condition) {
    const Shape shape = shape_of(store_, table);
    std::vector<json> keys;
    {
        SQLite::Statement sel(store_.db(), "SELECT " + key_columns(shape) + " FROM " + quoted(table) + " WHERE " +
                                               quoted(column) + " = ?" + where(condition));
        sel.bind(1, from);
        while (sel.executeStep()) {
            json key = json::object();
            for (int i = 0; i < sel.getColumnCount(); ++i)
                key[shape.key[i]] = shape.key[i] == column ? json(to) : value_of(sel.getColumn(i));
            keys.push_back(std::move(key));
        }
    }
    if (keys.empty()) return 0;
    SQLite::Statement up(store_.db(), "UPDATE " + quoted(table) + " SET " + quoted(column) + " = ? WHERE " +
                                          quoted(column) + " = ?" + where(condition));
    up.bind(1, to);
    up.bind(2, from);
    up.exec();
    const std::string data = json{{"column", column}, {"from", from}}.dump();
    for (const json& key : keys) record(table, "move", key.dump(), data);
    return static_cast<std::int64_t>(keys.size());
}

std::int64_t MergeJournal::remove(const std::string& table, const std::string& condition) {
    const Shape shape = shape_of(store_, table);
    std::vector<json> rows;
    {
        SQLite::Statement sel(store_.db(), "SELECT * FROM " + quoted(table) + " WHERE " + condition);
        while (sel.executeStep()) {
            json row = json::object();
            for (int i = 0; i < sel.getColumnCount(); ++i) row[sel.getColumnName(i)] = value_of(sel.getColumn(i));
            rows.push_back(std::move(row));
        }
    }
    if (rows.empty()) return 0;
    SQLite::Statement del(store_.db(), "DELETE FROM " + quoted(table) + " WHERE " + condition);
    del.exec();
    for (const json& row : rows) record(table, "remove", "{}", row.dump());
    return static_cast<std::int64_t>(rows.size());
}

std::int64_t MergeJournal::update(const std::string& table, const std::string& column, const std::string& value,
                                  const std::string& condition) {
    const Shape shape = shape_of(store_, table);
    std::vector<std::pair<json, json>> olds;
    {
        SQLite::Statement sel(store_.db(), "SELECT " + key_columns(shape) + ", " + quoted(column) + " FROM " +
                                               quoted(table) + " WHERE (" + condition + ") AND " + quoted(column) +
                                               " IS NOT (" + value + ")");
        while (sel.executeStep()) {
            json key = json::object();
            for (std::size_t i = 0; i < shape.key.size(); ++i) key[shape.key[i]] = value_of(sel.getColumn(int(i)));
            olds.emplace_back(std::move(key), value_of(sel.getColumn(int(shape.key.size()))));
        }
    }
    if (olds.empty()) return 0;
    SQLite::Statement up(store_.db(), "UPDATE " + quoted(table) + " SET " + quoted(column) + " = (" + value +
                                          ") WHERE (" + condition + ") AND " + quoted(column) + " IS NOT (" + value + ")");
    up.exec();
    for (auto& [key, old] : olds) record(table, "update", key.dump(), json{{"column", column}, {"old", old}}.dump());
    return static_cast<std::int64_t>(olds.size());
}

void MergeJournal::update_value(const std::string& table, const std::string& column, const std::string& condition,
                                const std::string& value, bool blob) {
    const Shape shape = shape_of(store_, table);
    json key = json::object();
    json old;
    {
        SQLite::Statement sel(store_.db(), "SELECT " + key_columns(shape) + ", " + quoted(column) + " FROM " +
                                               quoted(table) + " WHERE " + condition);
        if (!sel.executeStep()) return;
        for (std::size_t i = 0; i < shape.key.size(); ++i) key[shape.key[i]] = value_of(sel.getColumn(int(i)));
        old = value_of(sel.getColumn(int(shape.key.size())));
    }
    SQLite::Statement up(store_.db(), "UPDATE " + quoted(table) + " SET " + quoted(column) + " = ? WHERE " + condition);
    if (blob) up.bind(1, value.data(), static_cast<int>(value.size()));
    else up.bind(1, value);
    up.exec();
    record(table, "update", key.dump(), json{{"column", column}, {"old", old}}.dump());
}

std::int64_t MergeJournal::rewrite(const std::string& table, const std::vector<std::pair<std::string, std::string>>& values,
                                   const std::string& condition) {
    std::vector<json> rows;
    {
        std::string extra;
        for (const auto& [column, value] : values) extra += ", (" + value + ")";
        SQLite::Statement sel(store_.db(), "SELECT *" + extra + " FROM " + quoted(table) + " WHERE " + condition);
        const int own = sel.getColumnCount() - static_cast<int>(values.size());
        while (sel.executeStep()) {
            json row = json::object();
            for (int i = 0; i < own; ++i) row[sel.getColumnName(i)] = value_of(sel.getColumn(i));
            for (std::size_t v = 0; v < values.size(); ++v) row[values[v].first] = value_of(sel.getColumn(own + int(v)));
            rows.push_back(std::move(row));
        }
    }
    if (rows.empty()) return 0;
    remove(table, condition);
    for (const json& row : rows) {
        SQLite::Statement ins(store_.db(), insert_sql(table, row));
        int i = 0;
        for (auto& [name, value] : row.items()) bind_value(ins, ++i, value);
        ins.exec();
        inserted(table, store_.db().getLastInsertRowid());
    }
    return static_cast<std::int64_t>(rows.size());
}

void MergeJournal::inserted(const std::string& table, std::int64_t rowid) {
    const Shape shape = shape_of(store_, table);
    json key = json::object();
    if (shape.rowid) {
        key["rowid"] = rowid;
    } else {
        throw Error(Status::error, "merge journal: " + table + " has no rowid");
    }
    record(table, "insert", key.dump(), "{}");
}

void MergeJournal::undo(Store& store, std::int64_t merge_id) {
    struct Entry {
        std::string table, op, key, data;
    };
    std::vector<Entry> entries;
    {
        Query q(store, "SELECT tbl, op, key, data FROM merge_journal WHERE merge_id = ? ORDER BY seq DESC");
        q->bind(1, merge_id);
        while (q->executeStep())
            entries.push_back({q->getColumn(0).getString(), q->getColumn(1).getString(), q->getColumn(2).getString(),
                               q->getColumn(3).getString()});
    }
    for (const Entry& e : entries) {
        const json key = json::parse(e.key);
        const json data = json::parse(e.data);
        std::vector<json> binds;
        std::string sql;
        if (e.op == "move") {
            binds.push_back(data.at("from"));
            json after = key;
            sql = "UPDATE " + quoted(e.table) + " SET " + quoted(data.at("column").get<std::string>()) + " = ? WHERE " +
                  key_condition(after, binds);
        } else if (e.op == "update") {
            binds.push_back(data.at("old"));
            sql = "UPDATE " + quoted(e.table) + " SET " + quoted(data.at("column").get<std::string>()) + " = ? WHERE " +
                  key_condition(key, binds);
        } else if (e.op == "insert") {
            sql = "DELETE FROM " + quoted(e.table) + " WHERE " + key_condition(key, binds);
        } else {   // remove
            for (auto& [name, value] : data.items()) binds.push_back(value);
            sql = insert_sql(e.table, data);
        }
        SQLite::Statement s(store.db(), sql);
        for (std::size_t i = 0; i < binds.size(); ++i) bind_value(s, int(i) + 1, binds[i]);
        s.exec();
    }
    Query del(store, "DELETE FROM merge_journal WHERE merge_id = ?");
    del->bind(1, merge_id);
    del->exec();
}

std::vector<std::pair<std::string, std::string>> MergeJournal::customer_columns(Store& store) {
    static const char* const own[] = {"merge_journal", "customer_merges", "customer_redirects", "merge_moving",
                                      "audit_log", "customers"};
    std::vector<std::string> tables;
    {
        SQLite::Statement q(store.db(), "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                        "ORDER BY name");
        while (q.executeStep()) tables.push_back(q.getColumn(0).getString());
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& table : tables) {
        if (std::find(std::begin(own), std::end(own), table) != std::end(own)) continue;
        SQLite::Statement keys(store.db(), "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE \"table\" = 'customers' "
                                           "UNION SELECT name FROM pragma_table_info(?1) WHERE name IN "
                                           "('customer_id', 'guest_of', 'referrer_id', 'referee_id')");
        keys.bind(1, table);
        while (keys.executeStep()) out.emplace_back(table, keys.getColumn(0).getString());
    }
    return out;
}

std::map<std::string, std::string> MergeJournal::fingerprint(Store& store, std::int64_t customer_id) {
    auto columns = customer_columns(store);
    columns.emplace_back("customers", "id");
    std::map<std::string, std::string> out;
    for (const auto& [table, column] : columns) {
        SQLite::Statement q(store.db(), "SELECT * FROM " + quoted(table) + " WHERE " + quoted(column) + " = ? ORDER BY 1, 2");
        q.bind(1, customer_id);
        std::uint64_t h = 1469598103934665603ull;
        std::int64_t rows = 0;
        while (q.executeStep()) {
            ++rows;
            for (int i = 0; i < q.getColumnCount(); ++i) {
                const json v = value_of(q.getColumn(i));
                h = fnv(h, v.dump() + "\x1f");
            }
            h = fnv(h, "\x1e");
        }
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, "%lld:%016llx", static_cast<long long>(rows), static_cast<unsigned long long>(h));
        out[table + "." + column] = buffer;
    }
    return out;
}

} // namespace snowball::detail
