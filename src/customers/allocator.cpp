#include "customers/allocator.hpp"

namespace snowball::detail {

std::string NumberAllocator::next(std::int64_t site_id, const std::string& site_code,
                                  const numbering::NumberFormat& format, Channel channel, int year) {
    const std::string scope = format.scope(site_code, channel, year);
    auto it = counters_.find(scope);
    if (it == counters_.end()) {
        Query q(store_, "SELECT last_seq FROM number_sequences WHERE scope = ?");
        q->bind(1, scope);
        Counter counter{site_id, 0, false, false};
        if (q->executeStep()) {
            counter.last = q->getColumn(0).getInt64();
            counter.stored = true;
        }
        it = counters_.emplace(scope, counter).first;
    }
    Counter& counter = it->second;
    ++counter.last;
    counter.dirty = true;
    return format.render(site_code, channel, year, counter.last);
}

void NumberAllocator::flush() {
    for (auto& [scope, counter] : counters_) {
        if (!counter.dirty) continue;
        if (counter.stored) {
            Query q(store_, "UPDATE number_sequences SET last_seq = ? WHERE scope = ?");
            q->bind(1, counter.last);
            q->bind(2, scope);
            q->exec();
        } else {
            Query q(store_, "INSERT INTO number_sequences(scope, site_id, last_seq) VALUES (?, ?, ?)");
            q->bind(1, scope);
            q->bind(2, counter.site_id);
            q->bind(3, counter.last);
            q->exec();
            counter.stored = true;
        }
        counter.dirty = false;
    }
}

} // namespace snowball::detail
