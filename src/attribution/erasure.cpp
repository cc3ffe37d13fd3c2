// The attribution's erasure step: everything that names the erased person goes — their
// registrations (names, phones: those linked to them and those whose phone is theirs), their owner,
// pool entry, disputes and history.
#include "archive/events.hpp"
#include "attribution/attribution_store.hpp"

namespace snowball::detail {

void subscribe_attribution_events(Store& store) {
    store.events().subscribe<CustomerErased>("attribution", [](Store& s, const CustomerErased& e) {
        // Unlink what refers to their registrations first: disputes and history go with them.
        for (const char* sql : {"DELETE FROM attribution_history WHERE customer_id = ?1",
                                "DELETE FROM attribution_disputes WHERE customer_id = ?1",
                                "DELETE FROM attribution_pool WHERE customer_id = ?1",
                                "DELETE FROM attributions WHERE customer_id = ?1"}) {
            Query q(s, sql);
            q->bind(1, e.customer_id);
            q->exec();
        }
        std::vector<std::int64_t> gone;
        {
            Query q(s, "SELECT id FROM registrations WHERE customer_id = ?");
            q->bind(1, e.customer_id);
            while (q->executeStep()) gone.push_back(q->getColumn(0).getInt64());
        }
        for (const std::string& phone : e.phones) {
            PhonePattern p;
            p.text = phone;
            p.prefix = phone;
            for (const Registration& r : matching_registrations(s, e.site_id, p, today_in_china())) gone.push_back(r.id);
        }
        for (std::int64_t id : gone) {
            for (const char* sql : {"UPDATE attribution_history SET registration_id = NULL WHERE registration_id = ?1",
                                    "UPDATE attribution_disputes SET registration_id = NULL WHERE registration_id = ?1",
                                    "UPDATE attribution_pool SET registration_id = NULL WHERE registration_id = ?1",
                                    "UPDATE attributions SET registration_id = NULL WHERE registration_id = ?1",
                                    "DELETE FROM registrations WHERE id = ?1"}) {
                Query q(s, sql);
                q->bind(1, id);
                q->exec();
            }
        }
    }, Order::first);
}

} // namespace snowball::detail
