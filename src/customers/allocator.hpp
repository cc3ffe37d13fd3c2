// Allocation of archive numbers inside a write transaction.
//
// Each sequence has a counter row (number_sequences). Inside the caller's BEGIN IMMEDIATE
// transaction the allocator reads a counter once, hands out the following numbers from memory
// and writes the counters back in flush(): so a batch of a million filings touches each counter
// twice, and a rolled-back transaction leaves no gap. Never MAX()+1.
#pragma once

#include "archive/store.hpp"
#include "snowball/numbering.hpp"

#include <map>
#include <string>

namespace snowball::detail {

class NumberAllocator {
public:
    explicit NumberAllocator(Store& store) : store_(store) {}

    // The next number of the sequence (site, channel, year) under `format`.
    std::string next(std::int64_t site_id, const std::string& site_code,
                     const numbering::NumberFormat& format, Channel channel, int year);
    // Writes the counters; call before the transaction commits.
    void flush();

private:
    struct Counter {
        std::int64_t site_id;
        std::int64_t last;
        bool stored;   // a row exists already
        bool dirty;
    };
    Store& store_;
    std::map<std::string, Counter> counters_;
};

} // namespace snowball::detail
