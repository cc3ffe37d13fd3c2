// What the contact log does when other modules change: a recorded visit and a done care task are
// contacts; an erased customer's entries and follow-up go, and their phones leave other entries'
// notes.
#include "archive/events.hpp"
#include "archive/merge_journal.hpp"
#include "archive/records.hpp"
#include "common/text.hpp"
#include "contacts/contact_store.hpp"
#include "snowball/care.hpp"
#include "snowball/customers.hpp"

namespace snowball::detail {

namespace {

struct CustomerFacts {
    std::int64_t site_id = 0;
    std::string site;
    Stage stage = Stage::prospect;
};

CustomerFacts facts_of(Store& store, std::int64_t customer_id) {
    Query q(store, "SELECT c.site_id, s.code, c.stage FROM customers c JOIN sites s ON s.id = c.site_id WHERE c.id = ?");
    q->bind(1, customer_id);
    q->executeStep();
    return {q->getColumn(0).getInt64(), q->getColumn(1).getString(), parse_stage(q->getColumn(2).getText())};
}

// A visit is a contact the customer made: at the sales office or the construction site, on the day
// of the visit (now when it is today, else noon of that day).
void log_visit(Store& store, const VisitRecorded& e) {
    const CustomerFacts c = facts_of(store, e.visit.customer_id);
    const ContactSettings settings = load_contact_settings(store, c.site_id, c.site);
    EntryDraft d;
    d.customer_id = e.visit.customer_id;
    d.site_id = c.site_id;
    d.consultant_id = e.visit.consultant_id;
    const std::int64_t now = text::now_seconds();
    d.at = text::china_date(now) == e.visit.date ? now : text::china_day_start(e.visit.date) + 12 * 3600;
    d.channel = e.visit.place == VisitPlace::construction_site ? ContactChannel::visit_site : ContactChannel::visit_office;
    d.direction = ContactDirection::in;
    d.outcome = "reached";
    d.reached = true;
    d.note = e.visit.note;
    d.recorded_by = store.actor().text();
    insert_entry(store, d, settings, c.stage);
}

// A done care task is the contact it asked for: its first action's channel, its outcome when that
// is one of the site's outcomes (else "reached", with the outcome's words in the note).
void log_care_task(Store& store, const CareTaskDone& e) {
    if (e.contact_logged) return;
    const CareTask& t = e.task;
    const CustomerFacts c = facts_of(store, t.customer_id);
    const ContactSettings settings = load_contact_settings(store, c.site_id, c.site);
    EntryDraft d;
    d.customer_id = t.customer_id;
    d.site_id = c.site_id;
    d.consultant_id = e.by ? e.by : t.consultant_id;
    d.at = text::now_seconds();
    d.channel = channel_of_action(t.actions.empty() ? std::string_view("phone") : std::string_view(t.actions.front().channel));
    d.direction = ContactDirection::out;
    const ContactOutcome* outcome = find_outcome(settings, t.outcome);
    d.outcome = outcome ? outcome->key : (d.channel == ContactChannel::phone || d.channel == ContactChannel::home_visit ? "reached" : "sent");
    d.reached = true;
    if (outcome) d.reached = outcome->reached;
    d.note = outcome || t.outcome.empty() ? t.note : t.outcome + (t.note.empty() ? "" : "；" + t.note);
    d.care_task_id = t.id;
    d.recorded_by = store.actor().text();
    insert_entry(store, d, settings, c.stage);
}

// A contact another module made: the entry as it says, the customer's stage and site from the archive.
void log_made(Store& store, const ContactMade& e) {
    const CustomerFacts c = facts_of(store, e.customer_id);
    const ContactSettings settings = load_contact_settings(store, c.site_id, c.site);
    EntryDraft d;
    d.customer_id = e.customer_id;
    d.site_id = c.site_id;
    d.consultant_id = e.consultant_id;
    d.at = e.at;
    d.channel = parse_contact_channel(e.channel);
    d.direction = e.inbound ? ContactDirection::in : ContactDirection::out;
    const ContactOutcome* outcome = find_outcome(settings, e.outcome);
    d.outcome = outcome ? outcome->key : "sent";
    d.reached = outcome ? outcome->reached : true;
    d.note = e.note;
    d.care_task_id = e.care_task_id;
    d.event_id = e.event_id;
    d.delivery_id = e.delivery_id;
    d.recorded_by = store.actor().text();
    const std::int64_t id = insert_entry(store, d, settings, c.stage);
    if (e.contact_id) *e.contact_id = id;
}

void erase_contacts(Store& store, const CustomerErased& e) {
    Query follow(store, "DELETE FROM contact_followups WHERE customer_id = ?");
    follow->bind(1, e.customer_id);
    follow->exec();
    // One statement: corrections and the entries they supersede go together.
    Query rest(store, "DELETE FROM contacts WHERE customer_id = ?");
    rest->bind(1, e.customer_id);
    rest->exec();
    // Another customer's note that quotes one of the person's phones keeps its text without it.
    if (e.phones.empty()) return;
    std::vector<std::pair<std::int64_t, std::string>> changed;
    {
        Query q(store, "SELECT id, note FROM contacts WHERE site_id = ? AND note GLOB '*[0-9]*'");
        q->bind(1, e.site_id);
        while (q->executeStep()) {
            std::string note = q->getColumn(1).getString();
            if (text::redact_phones(note, e.phones, "[已删除的电话]")) changed.emplace_back(q->getColumn(0).getInt64(), std::move(note));
        }
    }
    for (const auto& [id, note] : changed) {
        Query u(store, "UPDATE contacts SET note = ? WHERE id = ?");
        u->bind(1, note);
        u->bind(2, id);
        u->exec();
    }
}

// The contact log's part of a merge: the merged record's entries become the kept record's (the
// log stays append-only otherwise: schema 16 lets only a merge move an entry), the care tasks they
// name follow their new ids; of two follow-up states the later contact's stays.
void merge_contacts(Store& store, const CustomersMerged& e) {
    MergeJournal& j = e.journal;
    const std::string keep = std::to_string(e.keep), merged = std::to_string(e.merged);
    for (const auto& [from, to] : e.care_tasks)
        j.update("contacts", "care_task_id", std::to_string(to), "care_task_id = " + std::to_string(from));
    j.move("contacts", "customer_id", e.merged, e.keep);
    Query later(store, "SELECT (SELECT last_at FROM contact_followups WHERE customer_id = ?1) > "
                       "(SELECT last_at FROM contact_followups WHERE customer_id = ?2)");
    later->bind(1, e.merged);
    later->bind(2, e.keep);
    if (later->executeStep() && !later->isColumnNull(0) && later->getColumn(0).getInt() == 1)
        j.remove("contact_followups", "customer_id = " + keep);
    j.remove("contact_followups", "customer_id = " + merged + " AND EXISTS (SELECT 1 FROM contact_followups k "
                                  "WHERE k.customer_id = " + keep + ")");
    j.move("contact_followups", "customer_id", e.merged, e.keep);
}

} // namespace

void subscribe_contact_events(Store& store) {
    store.events().subscribe<CustomersMerged>("contacts", merge_contacts);
    store.events().subscribe<VisitRecorded>("contacts", log_visit);
    store.events().subscribe<CareTaskDone>("contacts", log_care_task);
    store.events().subscribe<ContactMade>("contacts", log_made);
    store.events().subscribe<CustomerErased>("contacts", erase_contacts);
}

} // namespace snowball::detail
