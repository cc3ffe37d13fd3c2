// The outreach's erasure step: an erased customer's deliveries go (their rendered texts name them);
// the items stay for the others.
#include "archive/events.hpp"
#include "archive/merge_journal.hpp"
#include "outreach/outreach_store.hpp"

namespace snowball::detail {

void subscribe_outreach_events(Store& store) {
    store.events().subscribe<CustomerErased>("outreach", [](Store& s, const CustomerErased& e) {
        Query q(s, "DELETE FROM deliveries WHERE customer_id = ?");
        q->bind(1, e.customer_id);
        q->exec();
    });
    // A merge: the merged record's deliveries become the kept record's; where both received an item
    // on one channel, the kept record's delivery stays (one delivery per person, item and channel)
    // and the contact that was the other names it.
    store.events().subscribe<CustomersMerged>("outreach", [](Store& s, const CustomersMerged& e) {
        MergeJournal& j = e.journal;
        std::vector<std::pair<std::int64_t, std::int64_t>> twins;
        {
            Query q(s, "SELECT m.id, k.id FROM deliveries m JOIN deliveries k ON k.item_id = m.item_id "
                       "AND k.channel = m.channel AND k.customer_id = ?2 WHERE m.customer_id = ?1");
            q->bind(1, e.merged);
            q->bind(2, e.keep);
            while (q->executeStep()) twins.emplace_back(q->getColumn(0).getInt64(), q->getColumn(1).getInt64());
        }
        for (const auto& [m, k] : twins) {
            j.update("contacts", "delivery_id", std::to_string(k), "delivery_id = " + std::to_string(m));
            j.remove("deliveries", "id = " + std::to_string(m));
        }
        for (const auto& [from, to] : e.care_tasks)
            j.update("deliveries", "care_task_id", std::to_string(to), "care_task_id = " + std::to_string(from));
        j.move("deliveries", "customer_id", e.merged, e.keep);
    });
}

} // namespace snowball::detail
