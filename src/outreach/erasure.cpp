// The outreach's erasure step: an erased customer's deliveries go (their rendered texts name them);
// the items stay for the others.
#include "archive/events.hpp"
#include "outreach/outreach_store.hpp"

namespace snowball::detail {

void subscribe_outreach_events(Store& store) {
    store.events().subscribe<CustomerErased>("outreach", [](Store& s, const CustomerErased& e) {
        Query q(s, "DELETE FROM deliveries WHERE customer_id = ?");
        q->bind(1, e.customer_id);
        q->exec();
    });
}

} // namespace snowball::detail
