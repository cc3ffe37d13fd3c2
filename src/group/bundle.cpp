#include "group/bundle.hpp"

#include "snowball/error.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <charconv>
#include <cmath>
#include <cstring>

namespace snowball::detail::group {

namespace {

constexpr std::string_view magic = "SNOWBALL-GROUP-BUNDLE 1\n";

[[noreturn]] void bad(const std::string& what) {
    throw Error(Status::invalid_argument, "bundle: " + what, "bundle");
}

bool contains(const std::string& upper, const char* part) { return upper.find(part) != std::string::npos; }

std::uint64_t fnv(std::uint64_t h, std::string_view bytes) {
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

std::string hex16(std::uint64_t v) {
    static const char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 15];
    return out;
}

// The next line of `bytes` from `pos` (without its '\n'); pos moves past it.
std::string_view line(std::string_view bytes, std::size_t& pos, const char* what) {
    const std::size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) bad(std::string("it ends before ") + what + " (cut short in transit?)");
    std::string_view l = bytes.substr(pos, end - pos);
    pos = end + 1;
    return l;
}

std::int64_t number(std::string_view text, const char* what) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v < 0) bad(std::string("a bad ") + what);
    return v;
}

std::vector<std::string_view> words(std::string_view l) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < l.size()) {
        const std::size_t j = l.find(' ', i);
        out.push_back(l.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
        if (j == std::string_view::npos) break;
        i = j + 1;
    }
    return out;
}

} // namespace

bool captured(std::string_view table) noexcept {
    return table.substr(0, 6) != "group_" && table.substr(0, 7) != "sqlite_" && table != "sealing_keys";
}

PgType pg_type(std::string_view declared) noexcept {
    std::string upper;
    for (char c : declared) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (contains(upper, "INT")) return PgType::bigint;
    if (contains(upper, "REAL") || contains(upper, "FLOA") || contains(upper, "DOUB")) return PgType::float8;
    return PgType::text;
}

const char* pg_type_name(PgType type) noexcept {
    switch (type) {
    case PgType::bigint: return "bigint";
    case PgType::float8: return "double precision";
    case PgType::text: return "text";
    }
    return "text";
}

namespace {

std::string shortest(double r) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, r);
    return ec == std::errc() ? std::string(buf, p) : std::string("0");
}

} // namespace

Value to_group(PgType type, sqlite3_value* value, const std::string& table, const std::string& column) {
    Value v;
    const int kind = sqlite3_value_type(value);
    if (kind == SQLITE_NULL) return v;
    auto wrong = [&](const char* what) -> Value {
        throw Error(Status::invalid_argument, "table " + table + ", column " + column + ": " + what +
                                                  " where the group stores " + pg_type_name(type), "bundle");
    };
    switch (type) {
    case PgType::bigint:
        if (kind == SQLITE_INTEGER) {
            v.kind = Value::Kind::integer;
            v.i = sqlite3_value_int64(value);
            return v;
        }
        if (kind == SQLITE_FLOAT) {
            const double r = sqlite3_value_double(value);
            if (std::nearbyint(r) == r && std::fabs(r) < 9.2e18) {
                v.kind = Value::Kind::integer;
                v.i = static_cast<std::int64_t>(r);
                return v;
            }
            return wrong("a fraction");
        }
        return wrong(kind == SQLITE_TEXT ? "text" : "a blob");
    case PgType::float8:
        if (kind == SQLITE_INTEGER || kind == SQLITE_FLOAT) {
            v.kind = Value::Kind::real;
            v.r = sqlite3_value_double(value);
            if (!std::isfinite(v.r)) return wrong("an infinite number");
            return v;
        }
        return wrong(kind == SQLITE_TEXT ? "text" : "a blob");
    case PgType::text:
        break;
    }
    v.kind = Value::Kind::text;
    if (kind == SQLITE_INTEGER) {
        v.t = std::to_string(sqlite3_value_int64(value));
    } else if (kind == SQLITE_FLOAT) {
        v.t = shortest(sqlite3_value_double(value));
    } else if (kind == SQLITE_TEXT) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(value));
        v.t.assign(p, static_cast<std::size_t>(sqlite3_value_bytes(value)));
        if (v.t.find('\0') != std::string::npos) return wrong("text with a NUL character");
    } else {
        static const char digits[] = "0123456789abcdef";
        const auto* p = static_cast<const unsigned char*>(sqlite3_value_blob(value));
        const int n = sqlite3_value_bytes(value);
        v.t = "\\x";
        for (int i = 0; i < n; ++i) {
            v.t += digits[p[i] >> 4];
            v.t += digits[p[i] & 15];
        }
    }
    return v;
}

std::string pg_text(const Value& value) {
    switch (value.kind) {
    case Value::Kind::null: return {};
    case Value::Kind::integer: return std::to_string(value.i);
    case Value::Kind::real: return shortest(value.r);
    case Value::Kind::text: return value.t;
    }
    return {};
}

void RowHash::bytes(const void* p, std::size_t n) {
    h_ = fnv(h_, std::string_view(static_cast<const char*>(p), n));
}

void RowHash::add(const Value& value) {
    const char tag = "nirt"[static_cast<int>(value.kind)];
    bytes(&tag, 1);
    unsigned char le[8];
    auto put = [&](std::uint64_t x) {
        for (int i = 0; i < 8; ++i, x >>= 8) le[i] = static_cast<unsigned char>(x & 0xFF);
        bytes(le, 8);
    };
    switch (value.kind) {
    case Value::Kind::null: break;
    case Value::Kind::integer: put(static_cast<std::uint64_t>(value.i)); break;
    case Value::Kind::real: {
        std::uint64_t bits = 0;
        const double r = value.r == 0 ? 0.0 : value.r;   // -0 and 0 are one value
        std::memcpy(&bits, &r, 8);
        put(bits);
        break;
    }
    case Value::Kind::text:
        put(value.t.size());
        bytes(value.t.data(), value.t.size());
        break;
    }
}

std::uint64_t RowHash::done() const noexcept {
    // splitmix64's finaliser: rows that differ in one bit differ in about half the bits of the sum.
    std::uint64_t z = h_ + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

const std::vector<PersonKeyed>& person_keyed_tables() {
    static const std::vector<PersonKeyed> tables{{"customer_phones", "phone", "customer_id"}};
    return tables;
}

std::string quoted(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + '"';
}

std::vector<Table> captured_tables(sqlite3* db) {
    std::vector<Table> tables;
    sqlite3_stmt* list = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &list,
                           nullptr) != SQLITE_OK)
        throw Error(Status::storage, std::string("group: cannot list the archive's tables: ") + sqlite3_errmsg(db));
    while (sqlite3_step(list) == SQLITE_ROW) {
        std::string name(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
        if (captured(name)) tables.push_back(Table{name, {}});
    }
    sqlite3_finalize(list);
    for (auto& table : tables) {
        sqlite3_stmt* info = nullptr;
        const std::string sql = "SELECT name, type, pk FROM pragma_table_info(?1)";
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &info, nullptr) != SQLITE_OK)
            throw Error(Status::storage, std::string("group: cannot read the table's columns: ") + sqlite3_errmsg(db));
        sqlite3_bind_text(info, 1, table.name.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(info) == SQLITE_ROW)
            table.columns.push_back(Column{reinterpret_cast<const char*>(sqlite3_column_text(info, 0)),
                                           reinterpret_cast<const char*>(sqlite3_column_text(info, 1)),
                                           sqlite3_column_int(info, 2)});
        sqlite3_finalize(info);
    }
    return tables;
}

std::string encode(const Bundle& bundle) {
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& t : bundle.tables) {
        nlohmann::json columns = nlohmann::json::array();
        for (const auto& c : t.columns) columns.push_back({c.name, c.declared, c.pk});
        tables.push_back({{"name", t.name}, {"columns", std::move(columns)}});
    }
    const nlohmann::json header{{"site", bundle.site},
                                {"kind", bundle.kind},
                                {"schema_version", bundle.schema_version},
                                {"high_water", bundle.high_water},
                                {"created_at", bundle.created_at},
                                {"tables", std::move(tables)}};
    std::string out(magic);
    out += header.dump();
    out += '\n';
    std::uint64_t h = 1469598103934665603ULL;
    for (const auto& e : bundle.entries) {
        out += std::to_string(e.seq) + ' ' + std::to_string(e.schema_version) + ' ' +
               std::to_string(e.changeset.size()) + '\n';
        out += e.changeset;
        h = fnv(h, e.changeset);
    }
    out += "END " + std::to_string(bundle.entries.size()) + ' ' + hex16(h) + '\n';
    return out;
}

Bundle decode(std::string_view bytes) {
    if (bytes.substr(0, magic.size()) != magic) bad("it does not start with \"SNOWBALL-GROUP-BUNDLE 1\"");
    std::size_t pos = magic.size();
    Bundle b;
    try {
        const auto header = nlohmann::json::parse(line(bytes, pos, "its header"));
        b.site = header.at("site").get<std::string>();
        b.kind = header.at("kind").get<std::string>();
        b.schema_version = header.at("schema_version").get<int>();
        b.high_water = header.at("high_water").get<std::int64_t>();
        b.created_at = header.value("created_at", "");
        for (const auto& t : header.at("tables")) {
            Table table{t.at("name").get<std::string>(), {}};
            for (const auto& c : t.at("columns"))
                table.columns.push_back(Column{c.at(0).get<std::string>(), c.at(1).get<std::string>(), c.at(2).get<int>()});
            if (table.columns.empty()) bad("table " + table.name + " has no columns");
            b.tables.push_back(std::move(table));
        }
    } catch (const nlohmann::json::exception& e) {
        bad(std::string("its header is not what a bundle's header holds: ") + e.what());
    }
    check_site(b.site, "bundle.site");
    if (b.kind != "changes" && b.kind != "snapshot") bad("kind \"" + b.kind + "\" is neither changes nor snapshot");
    if (b.schema_version < 1 || b.high_water < 0) bad("a bad schema version or high-water mark in its header");
    std::uint64_t h = 1469598103934665603ULL;
    for (;;) {
        const std::string_view l = line(bytes, pos, "its END line");
        const auto w = words(l);
        if (!w.empty() && w[0] == "END") {
            if (w.size() != 3) bad("a bad END line");
            if (number(w[1], "entry count") != static_cast<std::int64_t>(b.entries.size()))
                bad("its END line counts " + std::string(w[1]) + " entries, it holds " + std::to_string(b.entries.size()));
            if (w[2] != hex16(h)) bad("its checksum does not match its entries (damaged in transit?)");
            if (pos != bytes.size()) bad("bytes follow its END line");
            return b;
        }
        if (w.size() != 3) bad("a bad entry line after entry " + std::to_string(b.entries.size()));
        Entry e;
        e.seq = number(w[0], "entry seq");
        e.schema_version = static_cast<int>(number(w[1], "entry schema version"));
        const auto size = static_cast<std::size_t>(number(w[2], "entry size"));
        if (bytes.size() - pos < size) bad("entry " + std::string(w[0]) + " is cut short (damaged in transit?)");
        e.changeset.assign(bytes.substr(pos, size));
        pos += size;
        h = fnv(h, e.changeset);
        if (b.kind == "changes" && !b.entries.empty() && e.seq <= b.entries.back().seq)
            bad("entry " + std::to_string(e.seq) + " is not after entry " + std::to_string(b.entries.back().seq));
        b.entries.push_back(std::move(e));
    }
}

void check_site(const std::string& site, const std::string& field) {
    if (site.empty() || site.size() > 32)
        throw_invalid(field, "a site code has 1 to 32 characters");
    for (char c : site)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            throw_invalid(field, "a site code has letters, digits, '-' and '_' only");
}

} // namespace snowball::detail::group
