// Many writers filing into one archive (tests/archive/test_concurrency.cpp, the load test in
// tests/reliability/): each filing's phone tells who filed it, and the archive must end up with
// exactly the filings made, numbered 1..n in one sequence without a duplicate or a gap.
#pragma once

#include "snowball/customers.hpp"
#include "snowball/numbering.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace snowball::testing {

// A mobile no other filing uses: worker w, filing i.
inline std::string mobile_of(int worker, int i) { return std::to_string(13000000000LL + worker * 10000000LL + i); }

// Filing i of worker w, a caller at site XH.
inline NewCustomer filing(int worker, int i) {
    NewCustomer c;
    c.site = "XH";
    c.channel = Channel::call;
    c.name = "客户" + std::to_string(worker) + "-" + std::to_string(i);
    c.mobile = mobile_of(worker, i);
    return c;
}

// Everything the archive holds must be exactly `expected` customers numbered 1..expected in the
// one sequence, each with its own phone.
inline void expect_complete_sequence(const std::string& path, int expected) {
    RawDb db(path);
    EXPECT_EQ(db.count("customers"), expected);
    EXPECT_EQ(db.integer("SELECT count(DISTINCT archive_no) FROM customers"), expected);
    EXPECT_EQ(db.count("customer_phones"), expected);
    EXPECT_EQ(db.integer("SELECT count(DISTINCT phone) FROM customer_phones"), expected);
    EXPECT_EQ(db.count("number_sequences"), 1);
    EXPECT_EQ(db.integer("SELECT last_seq FROM number_sequences"), expected);

    std::vector<std::int64_t> sequences;
    std::set<std::string> scopes;
    SQLite::Statement s(db.db(), "SELECT archive_no FROM customers");
    while (s.executeStep()) {
        const auto n = numbering::parse_archive_no(s.getColumn(0).getString());
        sequences.push_back(n.sequence);
        scopes.insert(n.site + "/" + std::to_string(*n.year) + "/" + to_string(*n.channel));
    }
    EXPECT_EQ(scopes.size(), 1u);
    std::sort(sequences.begin(), sequences.end());
    ASSERT_EQ(sequences.size(), static_cast<std::size_t>(expected));
    std::int64_t missing_or_duplicate = 0;
    for (std::size_t i = 0; i < sequences.size(); ++i)
        if (sequences[i] != static_cast<std::int64_t>(i + 1)) ++missing_or_duplicate;
    EXPECT_EQ(missing_or_duplicate, 0) << "sequence numbers are not exactly 1.." << expected;
    EXPECT_EQ(sequences.front(), 1);
    EXPECT_EQ(sequences.back(), expected);
}

} // namespace snowball::testing
