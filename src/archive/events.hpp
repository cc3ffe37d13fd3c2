// The archive's event hub: how modules react to each other's changes without including each other.
//
// A module publishes an event inside its write transaction; every module that subscribed when the
// archive opened (in its service's constructor) runs its handler in the same transaction, in the
// order of their `Order`, then of subscription. A handler that throws rolls the whole operation
// back. The event types are plain structs declared here, beside the hub, with the record types
// they carry forward-declared: a subscriber includes this header, never the publisher's.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <typeindex>
#include <vector>

namespace snowball {
struct Customer;
struct CareTask;
struct Visit;
}

namespace snowball::detail {

class Store;
class MergeJournal;

// When a handler runs among the subscribers of one event.
enum class Order { first, normal, last };

class Events {
public:
    // `who` names the subscribing module in listings (Events::subscribers) and documents.
    template <class E>
    void subscribe(const char* who, std::function<void(Store&, const E&)> handler, Order order = Order::normal) {
        auto erased = [h = std::move(handler)](Store& store, const void* event) { h(store, *static_cast<const E*>(event)); };
        auto at = entries_.end();
        while (at != entries_.begin() && (at - 1)->order > order) --at;
        entries_.insert(at, Entry{std::type_index(typeid(E)), who, order, std::move(erased)});
    }

    template <class E>
    void publish(Store& store, const E& event) const {
        for (const Entry& e : entries_)
            if (e.type == std::type_index(typeid(E))) e.handler(store, &event);
    }

    // The modules subscribed to E, in the order their handlers run.
    template <class E>
    std::vector<std::string> subscribers() const {
        std::vector<std::string> out;
        for (const Entry& e : entries_)
            if (e.type == std::type_index(typeid(E))) out.emplace_back(e.who);
        return out;
    }

private:
    struct Entry {
        std::type_index type;
        const char* who;
        Order order;
        std::function<void(Store&, const void*)> handler;
    };
    std::vector<Entry> entries_;
};

// ---------------------------------------------------------------------------------------------
// The events

// A customer's personal data is being erased (privacy/erasure.hpp runs it). Every module that keeps
// something of a person subscribes its erasure step; the customers module's own step, which clears
// the record and its phones, runs last.
struct CustomerErased {
    std::int64_t customer_id = 0;
    std::int64_t site_id = 0;
    std::vector<std::string> phones;   // every phone on file for the customer, normal form
};

// Customers were filed (one event per filing: a single customer, a batch, a lead import), after
// their rows and phones were written: material handed out before they were on file is matched.
struct CustomersFiled {
    const std::vector<Customer>& customers;
};

// A closed deal was cancelled (退房): what was planned because of it goes.
struct DealCancelled {
    std::int64_t customer_id = 0;
    std::int64_t deal_id = 0;
};

// A customer record changed (an update, or a profile writing a field bound to the record).
struct CustomerChanged {
    const Customer& before;
    const Customer& after;
    std::optional<std::int64_t> by;   // the consultant who made the change
    const std::string& at;            // UTC, ISO 8601
};

// A visit was recorded: the contact log writes its entry.
struct VisitRecorded {
    const Visit& visit;
};

// A care task was done: the contact log writes the contact it was.
struct CareTaskDone {
    const CareTask& task;
    std::optional<std::int64_t> by;   // the consultant who did it
    bool contact_logged = false;      // the caller logged the contact itself (an outreach delivery)
};

// A module above the contact log reached a customer (an outreach delivery sent, an invitation
// made in person): the contact log writes the entry and puts its id in `*contact_id`.
struct ContactMade {
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> consultant_id;   // who made it
    std::int64_t at = 0;                         // seconds since the epoch
    std::string channel;                         // a contact channel's key ("sms", "event", ...)
    std::string outcome;                         // a built-in outcome ("sent")
    bool inbound = false;                        // the customer came to us (a guest at an event's door)
    std::string note;                            // at most 2000 characters
    std::optional<std::int64_t> care_task_id;
    std::optional<std::int64_t> event_id;
    std::optional<std::int64_t> delivery_id;
    std::int64_t* contact_id = nullptr;          // receives the entry's id
};

// Two records of one person are merged into one (src/merge): every module moves the rows it keeps
// of `merged` to `keep` through the journal (archive/merge_journal.hpp), so that the merge can be
// undone, and says in `notes` what it had to decide (a self-referral dropped). The customers
// module's step, last, retires the merged record and writes the redirect of its archive number.
struct CustomersMerged {
    std::int64_t merge_id = 0;
    std::int64_t site_id = 0;
    std::int64_t keep = 0;
    std::int64_t merged = 0;
    std::optional<std::int64_t> by;   // the consultant who merged them
    std::string at;                   // UTC, ISO 8601
    bool newest_wins = false;         // profile values: the newer of two wins (default: the kept record's)
    MergeJournal& journal;
    // Care task ids renumbered (a task's id encodes its customer): old id -> new id. The care
    // calendar's step, first, fills it; the modules that name care tasks follow it.
    std::vector<std::pair<std::int64_t, std::int64_t>>& care_tasks;
    std::vector<std::string>& notes;
};

} // namespace snowball::detail
