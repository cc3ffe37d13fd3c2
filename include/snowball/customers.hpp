// Customers: the archive of everyone who called, visited or came from a lead list (MISSION §1),
// their visits, their deals and the closed-deal archive of owners.
#pragma once

#include "snowball/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

struct Phone {
    PhoneKind kind = PhoneKind::other;
    std::string number;   // normal form (phone.hpp)
    bool operator==(const Phone& other) const { return kind == other.kind && number == other.number; }
};

struct Customer {
    std::int64_t id = 0;
    std::string archive_no;
    std::string site;                          // site code
    Channel channel = Channel::lead;
    std::string name;
    Gender gender = Gender::unknown;
    std::string mobile;                        // normal form; empty when unknown
    std::vector<Phone> phones;                 // other phones (home, office, other)
    std::optional<std::int64_t> consultant_id;
    Tier tier = Tier::ordinary;
    Stage stage = Stage::prospect;
    Date first_contact;
    std::string note;
    std::string filed_at;                      // UTC, ISO 8601
    std::string updated_at;
    std::optional<Birthday> birthday;          // Gregorian or lunar; the care calendar greets on it
    // Set by by_archive_no only: the number asked for when it was merged away (snowball/merge.hpp)
    // and this is the record it was merged into.
    std::optional<std::string> redirected_from;
};

struct NewCustomer {
    std::string site;
    Channel channel = Channel::lead;
    std::string name;
    Gender gender = Gender::unknown;
    std::string mobile;                        // any accepted form; empty when unknown
    std::vector<Phone> phones;                 // other phones, any accepted form
    std::optional<std::int64_t> consultant_id; // must be a consultant of the same site
    Tier tier = Tier::ordinary;
    std::optional<Date> first_contact;         // default: filed_on, else today (China time); never in the future
    std::string note;
    // The day the customer is filed, which picks the year of the archive number. Default today;
    // set it only when moving an older archive in.
    std::optional<Date> filed_on;
    std::optional<Birthday> birthday;
};

// Only the fields that are set change. The channel and the archive number never change; the
// stage follows visits and deals.
struct CustomerUpdate {
    std::optional<std::string> name;
    std::optional<Gender> gender;
    std::optional<std::string> mobile;                      // "" clears it
    std::optional<std::vector<Phone>> phones;               // replaces the other phones
    std::optional<std::optional<std::int64_t>> consultant_id; // {std::nullopt} unassigns
    std::optional<Tier> tier;
    std::optional<Date> first_contact;
    std::optional<std::string> note;
    std::optional<std::optional<Birthday>> birthday;          // {std::nullopt} clears it
    // Who makes the change: recorded in the profile history of the fields the profile shares
    // with the customer record (gender, mobile, home and office phone).
    std::optional<std::int64_t> by;
};

struct CustomerQuery {
    std::string site;                          // empty: every site
    std::optional<Channel> channel;
    std::optional<Stage> stage;
    std::optional<Tier> tier;
    std::optional<std::int64_t> consultant_id;
    std::optional<Date> first_contact_from;    // inclusive
    std::optional<Date> first_contact_to;      // inclusive
    std::string name_prefix;
    int limit = 50;                            // 1..10000
    std::int64_t offset = 0;
};

struct Visit {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    Date date;
    std::optional<std::int64_t> consultant_id;
    std::string note;
    std::string recorded_at;
    VisitPlace place = VisitPlace::sales_office;
};

struct NewVisit {
    std::optional<Date> date;                  // default today; never in the future
    std::optional<std::int64_t> consultant_id; // default: the customer's consultant
    std::string note;
    VisitPlace place = VisitPlace::sales_office;
};

// A deal's stages (MISSION: 认筹 → 认购 → 签约): reservation (认筹, with a deposit), subscription
// (认购), contract (签约). A deal only moves forward; a step may be skipped (straight to contract).
enum class DealStage { reservation, subscription, contract };
const char* to_string(DealStage stage) noexcept;
// The key, or 认筹 / 认购 / 签约 (and 网签).
DealStage parse_deal_stage(std::string_view text, const std::string& field = "stage");
// A step of a deal's history: one of its stages, or its cancellation (退房 / 退订).
enum class DealStepKind { reservation, subscription, contract, cancellation };
const char* to_string(DealStepKind kind) noexcept;
DealStepKind parse_deal_step_kind(std::string_view text, const std::string& field = "step");

// A deal counts as closed (the closed-deal archive, anniversaries and follow-ups, referral rewards,
// owners' statistics) only at contract and not cancelled. `date` is the date of the deal's current
// stage (its latest step before any cancellation): for a closed deal, the contract date. Each
// stage's own date is in reserved_on / subscribed_on / contracted_on (null: that step was skipped
// or has not come yet); the steps themselves, with amounts and who, are Deals::steps.
struct Deal {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::string site;
    std::string unit;          // e.g. "3-1-1201" (building-entrance-room); unique per site while open
    std::string layout;        // e.g. "3室2厅2卫"
    double area = 0;           // m²
    double price = 0;          // total price, yuan
    Date date;                 // the current stage's date (the contract date once contracted)
    std::string bought_for;    // for whom (self, parents, a child, ...), free text
    std::optional<std::int64_t> consultant_id;
    bool cancelled = false;
    std::string cancel_reason;
    std::string recorded_at;
    DealStage stage = DealStage::contract;
    std::optional<Date> reserved_on;
    std::optional<Date> subscribed_on;
    std::optional<Date> contracted_on;
    std::optional<Date> cancelled_on;
    std::optional<double> deposit;   // the reservation step's amount (认筹金), yuan
};

// One step of a deal: when, how much (the deposit of a reservation, the down payment of a
// subscription, the contract's total price; none for a cancellation), by whom, and for a
// cancellation why.
struct DealStep {
    std::int64_t id = 0;
    std::int64_t deal_id = 0;
    DealStepKind step = DealStepKind::contract;
    Date date;
    std::optional<double> amount;
    std::optional<std::int64_t> by;   // a consultant of the deal's site
    std::string reason;               // cancellation only
    std::string recorded_at;
};

struct NewDeal {
    std::string unit;
    std::string layout;
    double area = 0;
    double price = 0;
    std::optional<Date> date;                  // the first step's date; default today; never in the future
    std::string bought_for;
    std::optional<std::int64_t> consultant_id; // default: the customer's consultant
    DealStage stage = DealStage::contract;     // the stage the deal is recorded at
    // The first step's amount: a reservation's deposit, a subscription's down payment; a contract's
    // is its price (an amount given for a contract must equal the price).
    std::optional<double> amount;
    std::optional<std::int64_t> by;            // who records the step; default: the credited consultant
};

// The next step of a deal (Deals::advance).
struct DealAdvance {
    std::optional<Date> date;                  // default today; not before the previous step, never in the future
    // The step's amount: a subscription's down payment; a contract's total price (it becomes the
    // deal's price; default: the deal's price); a reservation is never a later step.
    std::optional<double> amount;
    std::int64_t by = 0;                       // a consultant of the deal's site
};

// A site's sales settings: the step at which a buyer becomes an owner (default contract). Before it
// they are a visitor with an open deal.
struct SalesSettings {
    std::string site;
    DealStage owner_stage = DealStage::contract;
    std::string updated_at;                    // empty: never changed (the defaults)
};

// Why a prospect or visitor was lost (bought elsewhere, ...).
enum class LostReason { bought_elsewhere, price, location, layout, financing, other };
const char* to_string(LostReason reason) noexcept;
LostReason parse_lost_reason(std::string_view text, const std::string& field = "reason");

// A customer marked lost: they stay on file, but follow-ups and the due list skip them until the
// mark is undone (or they buy after all: recording a deal undoes it).
struct LostMark {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::string site;
    LostReason reason = LostReason::other;
    std::string note;
    std::string competitor;    // the project they bought at, when known
    Date date;
    std::optional<std::int64_t> by;
    std::string recorded_at;
    std::string undone_at;     // empty while in force
    std::optional<std::int64_t> undone_by;
};

struct NewLostMark {
    LostReason reason = LostReason::other;
    std::string note;
    std::string competitor;
    std::optional<Date> date;                  // default today; never in the future
    std::optional<std::int64_t> by;            // a consultant of the customer's site
};

// How many customers of a site are lost now, by reason (for the manager).
struct LostCount {
    LostReason reason = LostReason::other;
    std::int64_t count = 0;
};

struct DealQuery {
    std::string site;
    std::optional<std::int64_t> consultant_id;
    std::optional<Date> from;                  // deal date, inclusive
    std::optional<Date> to;
    bool include_cancelled = false;
    int limit = 50;
    std::int64_t offset = 0;
};

// One entry of the closed-deal archive: the owner and the deal.
struct ClosedDeal {
    Deal deal;
    Customer customer;
};

class Customers {
public:
    // Subscribes the customers' erasure step (see privacy/erasure.hpp).
    explicit Customers(detail::Store& store);

    // Files a customer and gives it its archive number. A phone already on file at the site is
    // a conflict naming the existing customer (Error::record_id is its id).
    Customer add(const NewCustomer& customer);
    // Files many customers in one transaction: all of them or, on the first error, none.
    std::vector<Customer> add_many(const std::vector<NewCustomer>& customers);

    Customer get(std::int64_t id) const;                        // throws not_found
    std::optional<Customer> find(std::int64_t id) const;
    // Whether a customer with this id is on file (not removed), without reading the record.
    bool on_file(std::int64_t id) const;
    Customer update(std::int64_t id, const CustomerUpdate& update);
    // Removes a customer from the archive: their personal data is erased from every part of the
    // archive (profile, family, visits, care tasks, complaints, survey answers, referrals: see
    // docs/DATA_MODEL.md, "Erasure"), the archive number stays retired. Owners with a closed deal
    // cannot be removed (invalid_state).
    // The site's manager or administrator, or the host, may do it (`by` names the consultant for
    // whom a host handle acts); it is audited as done by them.
    void remove(std::int64_t id, std::optional<std::int64_t> by = std::nullopt);

    // A number merged into another record (snowball/merge.hpp) finds that record, with
    // `redirected_from` set to the number asked for.
    std::optional<Customer> by_archive_no(std::string_view archive_no) const;
    // The customer with this phone at `site`. With no site: the only customer with the phone
    // in the whole archive; a conflict when several sites have it on file.
    std::optional<Customer> by_phone(std::string_view phone, std::string_view site = {}) const;
    // Every customer with this phone, one per site at most.
    std::vector<Customer> find_by_phone(std::string_view phone) const;
    // Customers whose name starts with `prefix` (Chinese names compare by code point).
    std::vector<Customer> find_by_name(std::string_view prefix, std::string_view site = {},
                                       int limit = 20) const;
    Page<Customer> list(const CustomerQuery& query) const;

    // Moves every customer of one consultant to another of the same site (a consultant
    // leaving); returns how many moved.
    std::int64_t reassign(std::int64_t from_consultant, std::int64_t to_consultant);

    // Visits, logged one by one. The first visit turns a prospect into a visitor. Each visit is also
    // an entry of the contact log (snowball/contacts.hpp).
    Visit record_visit(std::int64_t customer_id, const NewVisit& visit = {});
    std::vector<Visit> visits(std::int64_t customer_id) const;   // by date
    // The customer's latest visits, newest first, at most `limit` (1..100), and in `total` how many
    // visits they made in all (what the visit briefing shows).
    Page<Visit> recent_visits(std::int64_t customer_id, int limit = 3) const;

    // Records a deal at its first stage (default contract). At the site's owner stage (default
    // contract) or later the customer becomes an owner. A unit is held by one open deal at a time.
    Deal record_deal(std::int64_t customer_id, const NewDeal& deal);
    // A cancelled deal (退房 / 退订) stays on file; an owner with no open deal at or after the
    // site's owner stage is a visitor again. Deals::cancel with `by` and a date.
    Deal cancel_deal(std::int64_t deal_id, const std::string& reason);
    Deal get_deal(std::int64_t deal_id) const;
    std::vector<Deal> deals(std::int64_t customer_id) const;     // by date
    // The closed-deal archive: contracted deals (and, with include_cancelled, cancelled ones that
    // had been contracted), by contract date.
    Page<ClosedDeal> closed_deals(const DealQuery& query) const;

    // Lost customers (bought elsewhere, ...). A customer with an open deal cannot be lost
    // (invalid_state); one already lost is a conflict. Undoing a mark keeps it on file, undone.
    LostMark mark_lost(std::int64_t customer_id, const NewLostMark& mark);
    LostMark undo_lost(std::int64_t customer_id, std::optional<std::int64_t> by = std::nullopt);
    // The customer's lost marks, newest first: the one in force (if any) has no undone_at.
    std::vector<LostMark> lost_marks(std::int64_t customer_id) const;
    // The site's customers lost now, by reason (reasons with none are left out), most first.
    std::vector<LostCount> lost_counts(std::string_view site) const;

private:
    // The record as the handle's actor may read it (contact data masked for a customer it may not see).
    Customer shown(Customer c) const;

    detail::Store& store_;
};

// A deal's stages after it is recorded (Customers::record_deal): advance, cancel, the step history,
// and the sites' sales settings.
class Deals {
public:
    explicit Deals(detail::Store& store);

    Deal get(std::int64_t deal_id) const;                      // throws not_found
    // Moves an open deal forward to `stage` (steps may be skipped). Moving back or to the stage it
    // is at is invalid_state; a cancelled deal cannot move. The customer becomes an owner when the
    // deal reaches the site's owner stage.
    Deal advance(std::int64_t deal_id, DealStage stage, const DealAdvance& step);
    // Cancels an open deal (退房 / 退订) with a reason, dated today; publishes DealCancelled.
    Deal cancel(std::int64_t deal_id, const std::string& reason, std::optional<std::int64_t> by = std::nullopt);
    // The deal's steps, in order.
    std::vector<DealStep> steps(std::int64_t deal_id) const;

    SalesSettings settings(std::string_view site) const;
    // The site's manager or administrator, or the host, may change it; the stages of the site's
    // customers with open deals follow at once.
    SalesSettings set_owner_stage(std::string_view site, DealStage owner_stage);

private:
    detail::Store& store_;
};

} // namespace snowball
