#include "group/pg.hpp"

#include "snowball/error.hpp"

#include <libpq-fe.h>

#include <cstdlib>

namespace snowball::detail::pg {

namespace {

[[noreturn]] void fail(const std::string& what, const char* message) {
    std::string m = message ? message : "unknown error";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    throw Error(Status::storage, "group view: " + what + ": " + m);
}

} // namespace

Result::~Result() {
    if (r_ != nullptr) PQclear(r_);
}
int Result::rows() const { return PQntuples(r_); }
int Result::columns() const { return PQnfields(r_); }
bool Result::null(int row, int column) const { return PQgetisnull(r_, row, column) != 0; }
std::string Result::text(int row, int column) const {
    return std::string(PQgetvalue(r_, row, column), static_cast<std::size_t>(PQgetlength(r_, row, column)));
}
std::int64_t Result::integer(int row, int column) const { return std::strtoll(PQgetvalue(r_, row, column), nullptr, 10); }
const char* Result::raw(int row, int column) const { return PQgetvalue(r_, row, column); }
int Result::length(int row, int column) const { return PQgetlength(r_, row, column); }
unsigned Result::type(int column) const { return PQftype(r_, column); }

Connection::Connection(const std::string& conninfo) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (conn_ == nullptr) throw Error(Status::no_memory, "group view: cannot allocate a PostgreSQL connection");
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string m = PQerrorMessage(conn_);
        PQfinish(conn_);
        conn_ = nullptr;
        fail("cannot connect to PostgreSQL", m.c_str());
    }
    // Notices (e.g. "relation already exists, skipping") are not the host's output.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    check(PQexec(conn_, "SET client_min_messages = warning; SET standard_conforming_strings = on"), "setting up");
}

Connection::~Connection() {
    if (conn_ != nullptr) PQfinish(conn_);
}

Result Connection::check(pg_result* r, const std::string& what) {
    Result result(r);
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) return result;
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    fail(what, primary ? primary : PQerrorMessage(conn_));
}

namespace {

std::string what_of(const std::string& sql) {
    // The statement's first words say what failed, without any value.
    const auto end = sql.find_first_of("(\n");
    return sql.substr(0, std::min<std::size_t>(end == std::string::npos ? sql.size() : end, 80));
}

struct Values {
    explicit Values(const std::vector<Param>& params) {
        for (const auto& p : params) pointers.push_back(p.null ? nullptr : p.text.c_str());
    }
    std::vector<const char*> pointers;
};

} // namespace

Result Connection::exec(const std::string& sql) {
    wait();
    return check(PQexec(conn_, sql.c_str()), what_of(sql));
}

Result Connection::exec(const std::string& sql, const std::vector<Param>& params, bool binary_result) {
    wait();
    Values v(params);
    return check(PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr, v.pointers.data(), nullptr,
                              nullptr, binary_result ? 1 : 0),
                 what_of(sql));
}

Result Connection::run_prepared(const std::string& sql, const std::vector<Param>& params) {
    wait();
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
        const std::string name = "sb" + std::to_string(prepared_.size() + 1);
        check(PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr), what_of(sql));
        it = prepared_.emplace(sql, name).first;
    }
    Values v(params);
    return check(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), v.pointers.data(), nullptr,
                                nullptr, 0),
                 what_of(sql));
}

void Connection::copy_in(const std::string& sql, const std::string& data) {
    wait();
    check(PQexec(conn_, sql.c_str()), what_of(sql));
    std::size_t pos = 0;
    constexpr std::size_t chunk = 1 << 20;
    while (pos < data.size()) {
        const std::size_t n = std::min(chunk, data.size() - pos);
        if (PQputCopyData(conn_, data.data() + pos, static_cast<int>(n)) != 1) fail(what_of(sql), PQerrorMessage(conn_));
        pos += n;
    }
    if (PQputCopyEnd(conn_, nullptr) != 1) fail(what_of(sql), PQerrorMessage(conn_));
    // The COPY's own result, then the end of the command.
    for (pg_result* r; (r = PQgetResult(conn_)) != nullptr;) check(r, what_of(sql));
}

void Connection::send(const std::string& sql) {
    wait();
    if (PQsendQuery(conn_, sql.c_str()) != 1) fail(what_of(sql), PQerrorMessage(conn_));
    pending_ = what_of(sql);
}

void Connection::wait() {
    if (pending_.empty()) return;
    const std::string what = std::move(pending_);
    pending_.clear();
    // Every result read, so the connection is free again; the first failure thrown.
    pg_result* failed = nullptr;
    for (pg_result* r; (r = PQgetResult(conn_)) != nullptr;) {
        const auto status = PQresultStatus(r);
        if (failed == nullptr && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            failed = r;
        else
            PQclear(r);
    }
    if (failed != nullptr) check(failed, what);
}

bool Connection::in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

std::string ident(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + '"';
}

std::string literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + '\'';
}

} // namespace snowball::detail::pg
