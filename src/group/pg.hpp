// A PostgreSQL connection through libpq, as the group view uses it: statements that throw a
// snowball::Error (Status::storage, with PostgreSQL's primary message — never its detail, which
// may quote row values), results freed on scope exit, COPY FROM STDIN.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace snowball::detail::pg {

class Result {
public:
    explicit Result(pg_result* r) : r_(r) {}
    Result(Result&& other) noexcept : r_(other.r_) { other.r_ = nullptr; }
    Result& operator=(Result&&) = delete;
    Result(const Result&) = delete;
    ~Result();

    int rows() const;
    int columns() const;
    bool null(int row, int column) const;
    std::string text(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    // The column's value as PostgreSQL sent it (binary results: network byte order).
    const char* raw(int row, int column) const;
    int length(int row, int column) const;
    unsigned type(int column) const;   // the column's type OID

private:
    pg_result* r_;
};

// A parameter: its text form, or none (SQL NULL).
struct Param {
    bool null = false;
    std::string text;
};

class Connection {
public:
    explicit Connection(const std::string& conninfo);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Result exec(const std::string& sql);
    Result exec(const std::string& sql, const std::vector<Param>& params, bool binary_result = false);
    // The same statement text prepared once per connection, run with `params`.
    Result run_prepared(const std::string& sql, const std::vector<Param>& params);
    // COPY ... FROM STDIN with `data` in COPY's text format.
    void copy_in(const std::string& sql, const std::string& data);
    // Sends `sql` (no result rows) and returns while the server runs it: the caller goes on with
    // its own work. The next call on the connection first waits for it, and throws its error.
    void send(const std::string& sql);
    // Waits for what send() sent; throws its error (once: the connection is then free again).
    void wait();
    // Whether a transaction is open on the connection (or failed and waits for ROLLBACK).
    bool in_transaction() const;

private:
    Result check(pg_result* r, const std::string& what);
    pg_conn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> prepared_;
    std::string pending_;   // what a statement sent and not waited for is (empty: none)
};

// An identifier in double quotes.
std::string ident(const std::string& name);
// A string literal in single quotes (standard_conforming_strings).
std::string literal(const std::string& text);

} // namespace snowball::detail::pg
