#include "privacy/erasure.hpp"

#include "privacy/audit.hpp"

namespace snowball::detail {

void erase_customer(Store& store, const CustomerErased& subject, const std::string& actor) {
    store.write([&] {
        store.events().publish(store, subject);
        // The record of the erasure itself: who, when, whose id — nothing else of the person.
        audit(store, actor.empty() ? store.actor().text() : actor, "customer.erase", subject.customer_id,
              std::to_string(subject.phones.size()) + " phones");
    });
}

void scrub_after_erasure(Store& store) {
    // Inside a larger operation (a retention sweep) the operation scrubs once, after its commit.
    if (!store.in_operation()) store.checkpoint();
}

} // namespace snowball::detail
