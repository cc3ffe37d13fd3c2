// Pages of results (Page<T>: the items of one page and the total number of matches), read by one
// rule everywhere: the limit and offset are checked alike, the matches counted, then one page read.
#pragma once

#include "snowball/error.hpp"
#include "snowball/types.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <string>

namespace snowball::detail {

// A limit of 1..max and an offset of 0 or more; invalid_argument naming "limit" or "offset".
inline void check_page(int limit, std::int64_t offset, int max = 10000) {
    if (limit < 1 || limit > max) throw_invalid("limit", std::to_string(limit) + " is not between 1 and " + std::to_string(max));
    if (offset < 0) throw_invalid("offset", "must not be negative");
}

// Counts the matches with `count_sql`, then reads one page with `rows_sql`, whose last two
// parameters are the LIMIT and the OFFSET. `bind(statement)` binds the filters both statements
// share and returns the index of the next parameter; `read(statement)` makes an item of a row.
template <class T, class Bind, class Read>
Page<T> read_page(SQLite::Database& db, const std::string& count_sql, const std::string& rows_sql, int limit,
                  std::int64_t offset, Bind&& bind, Read&& read) {
    check_page(limit, offset);
    Page<T> page;
    SQLite::Statement count(db, count_sql);
    bind(count);
    count.executeStep();
    page.total = count.getColumn(0).getInt64();
    SQLite::Statement rows(db, rows_sql);
    const int next = bind(rows);
    rows.bind(next, limit);
    rows.bind(next + 1, offset);
    while (rows.executeStep()) page.items.push_back(read(rows));
    return page;
}

} // namespace snowball::detail
