#include "privacy/erasure.hpp"

namespace snowball::detail {

void erase_customer(Store& store, const CustomerErased& subject) {
    store.write([&] { store.events().publish(store, subject); });
}

void scrub_after_erasure(Store& store) { store.checkpoint(); }

} // namespace snowball::detail
