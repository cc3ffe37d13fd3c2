// The test sender of the outreach and events tests: keeps every message it was handed, in order,
// and answers with the id "m<delivery id>".
#pragma once

#include "snowball/outreach.hpp"

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace snowball::testing {

struct Outbox {
    std::mutex mutex;
    std::vector<OutgoingMessage> sent;

    Sender sender() {
        return [this](const OutgoingMessage& m) {
            std::lock_guard<std::mutex> lock(mutex);
            sent.push_back(m);
            return "m" + std::to_string(m.delivery_id);
        };
    }
    std::size_t size() {
        std::lock_guard<std::mutex> lock(mutex);
        return sent.size();
    }
    // The customers messaged, ascending.
    std::vector<std::int64_t> customers() {
        std::lock_guard<std::mutex> lock(mutex);
        std::vector<std::int64_t> out;
        for (const OutgoingMessage& m : sent) out.push_back(m.customer_id);
        std::sort(out.begin(), out.end());
        return out;
    }
};

} // namespace snowball::testing
