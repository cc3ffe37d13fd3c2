// The attribution's erasure step: everything that names the erased person goes — their
// registrations (names, phones: those linked to them and those whose phone is theirs), their owner,
// pool entry, disputes and history. Its merge step: one owner for the one person.
#include "archive/events.hpp"
#include "archive/merge_journal.hpp"
#include "attribution/attribution_store.hpp"

namespace snowball::detail {

namespace {

struct Held {
    bool valid = false;       // still protected on the day of the merge
    std::string since;
    std::string owner;        // "consultant 3 with partner 1", ids only
};

std::optional<Held> held(Store& store, std::int64_t customer_id, const std::string& today) {
    Query q(store, "SELECT expires >= ?2, since, consultant_id, partner_id FROM attributions WHERE customer_id = ?1");
    q->bind(1, customer_id);
    q->bind(2, today);
    if (!q->executeStep()) return std::nullopt;
    Held h{q->getColumn(0).getInt() != 0, q->getColumn(1).getString(), {}};
    if (!q->isColumnNull(2)) h.owner = "consultant " + q->getColumn(2).getString();
    if (!q->isColumnNull(3)) h.owner += (h.owner.empty() ? "" : " with ") + std::string("partner ") + q->getColumn(3).getString();
    return h;
}

// A merge: the merged record's registrations, disputes and history move to the kept record; of two
// owners, the one still protected wins, and of two protected (or two lapsed) the earlier — the rule
// of judging, first valid registration wins; an owned record leaves the public pool. The decision is
// a line of the history (reason "merge") and a note of the merge.
void merge_attribution(Store& store, const CustomersMerged& e) {
    MergeJournal& j = e.journal;
    const std::string k = std::to_string(e.keep), m = std::to_string(e.merged);
    const std::string today = to_iso(today_in_china());
    const std::optional<Held> mine = held(store, e.keep, today), theirs = held(store, e.merged, today);
    std::optional<std::string> decision;
    if (theirs) {
        const bool theirs_win = !mine || (theirs->valid && !mine->valid) ||
                                (theirs->valid == mine->valid && theirs->since < mine->since);
        if (theirs_win) {
            j.remove("attributions", "customer_id = " + k);
            j.rewrite("attributions", {{"customer_id", k}}, "customer_id = " + m);
        } else {
            j.remove("attributions", "customer_id = " + m);
        }
        if (mine)
            decision = "owner after merge " + std::to_string(e.merge_id) + ": " + (theirs_win ? theirs->owner : mine->owner) +
                       (theirs_win ? " (the merged record's" : " (the kept record's") + std::string(", ") +
                       ((theirs_win ? theirs->valid : mine->valid) != (theirs_win ? mine->valid : theirs->valid)
                            ? "the other's protection had lapsed)" : "the earlier)") +
                       " over " + (theirs_win ? mine->owner : theirs->owner);
    }
    // In the pool only while nobody owns the one record: the kept record's pool entry stays, else the merged one's.
    if (theirs || mine || store.db().execAndGet("SELECT count(*) FROM attribution_pool WHERE customer_id = " + k).getInt() > 0)
        j.remove("attribution_pool", "customer_id = " + m);
    else
        j.rewrite("attribution_pool", {{"customer_id", k}}, "customer_id = " + m);
    if (theirs && !mine) j.remove("attribution_pool", "customer_id = " + k);
    j.move("registrations", "customer_id", e.merged, e.keep);
    j.move("attribution_disputes", "customer_id", e.merged, e.keep);
    j.move("attribution_history", "customer_id", e.merged, e.keep);
    if (decision) {
        Query q(store, "INSERT INTO attribution_history(customer_id, site_id, reason, consultant_id, partner_id, note, at, by) "
                       "SELECT customer_id, site_id, 'merge', consultant_id, partner_id, ?2, ?3, ?4 FROM attributions "
                       "WHERE customer_id = ?1");
        q->bind(1, e.keep);
        q->bind(2, *decision);
        q->bind(3, e.at);
        q->bind(4, store.actor().text());
        q->exec();
        j.inserted("attribution_history", store.db().getLastInsertRowid());
        e.notes.push_back(*decision);
    }
}

} // namespace

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
    store.events().subscribe<CustomersMerged>("attribution", merge_attribution);
}

} // namespace snowball::detail
