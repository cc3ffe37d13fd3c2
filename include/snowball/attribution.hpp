// Registration and protection (报备, 判客, 保护期): who a customer belongs to, settled by rule and
// kept on record — it decides a consultant's commission and a channel partner's fee.
//
// A consultant, or a channel partner (分销 distributor, 中介 agency, 全民经纪人 broker), registers a
// customer before the visit: a name and a phone, full or partial as agents send it (138****8000:
// the visible digits are kept and matched). Each registration is protected for a window of days
// set per site and channel (a consultant's phone inquiry 7, a walk-in 15, a partner's registration
// 30 by default); an effective contact — the registrant consultant's contact with the customer
// whose outcome reached them (ContactOutcome::reached), in the contact log — renews it from that
// contact's day.
//
// Judging a walk-in (判客) says who owns them now:
//   1. the first valid (unexpired) registration wins: the visit credits its registrant (the
//      registration is confirmed, a partial phone filled with the full one, the customer on file
//      linked, the customer's consultant becomes the registrant consultant);
//   2. else a customer on file whose consultant is still inside their protection belongs to them
//      (protection: from the attribution's start — a confirmed visit, a claim, a decision — or the
//      customer's first contact, for the window of its channel, renewed by effective contacts);
//   3. else, when the site lets family follow (the default), the phone of a customer's spouse or
//      close family member (profiles' family members: every relation but "other", or the closest)
//      follows that customer's owner;
//   4. else an expired registration or protection puts the customer into the public pool (公海),
//      where any consultant of the site may claim them;
//   5. else a new walk-in is credited to the receiving consultant when one is named.
// Registering a phone already validly registered or owned by someone else is a conflict naming
// the owner. Every change of owner is kept in the attribution history.
#pragma once

#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/profiles.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

// ---------------------------------------------------------------------------------------------
// Channel partners

// 分销 a distribution company, 中介 a real-estate agency, 全民经纪人 an individual broker.
enum class PartnerKind { distributor, agency, broker };
const char* to_string(PartnerKind value) noexcept;
// The key or its Chinese term (分销, 中介, 全民经纪人); anything else is invalid_argument naming `field`.
PartnerKind parse_partner_kind(std::string_view text, const std::string& field = "kind");

struct NewPartner {
    std::string site;
    PartnerKind kind = PartnerKind::agency;
    std::string name;       // 1..100 characters: the partner (a company's name, or a broker's own)
    std::string company;    // at most 100 characters
    std::string phone;      // any phone; "" none
};

struct Partner {
    std::int64_t id = 0;
    std::string site;
    PartnerKind kind = PartnerKind::agency;
    std::string name;
    std::string company;
    std::string phone;      // normal form
    bool active = true;     // an inactive partner registers no more; their records stay
    std::string created_at;
    std::string updated_at;
};

struct PartnerUpdate {
    std::optional<PartnerKind> kind;
    std::optional<std::string> name;
    std::optional<std::string> company;
    std::optional<std::string> phone;
    std::optional<bool> active;
};

// ---------------------------------------------------------------------------------------------
// Registrations

// How the registration came: a consultant's phone inquiry (来电), a walk-in received (来访), or a
// partner's registration, by the partner's kind.
enum class RegistrationChannel { phone_inquiry, walk_in, distributor, agency, broker };
const char* to_string(RegistrationChannel value) noexcept;
RegistrationChannel parse_registration_channel(std::string_view text, const std::string& field = "channel");

// active: waiting for the visit; confirmed: a visit inside the window credited it; void: set
// aside by a dispute's decision.
enum class RegistrationStatus { active, confirmed, void_ };
const char* to_string(RegistrationStatus value) noexcept;
RegistrationStatus parse_registration_status(std::string_view text, const std::string& field = "status");

// A phone as a registration gives it: a full phone (any form normalize_phone takes), or a mainland
// mobile with its middle hidden: 11 characters, digits and '*' (also 'x', 'X', '＊'), at least the
// first 3 and the last 4 digits visible, one hidden run ("138****8000", "1380***8000").
struct PhonePattern {
    std::string text;        // the normal form: "13800138000" or "138****8000"
    bool partial = false;
    std::string prefix;      // the visible leading digits (the whole phone when full)
    std::string suffix;      // the visible trailing digits ("" when full)
    // Whether a full phone (normal form) matches it.
    bool matches(std::string_view phone) const;
    // Whether two patterns can be the same phone (no visible digit differs).
    bool compatible(const PhonePattern& other) const;
};
// invalid_argument naming `field` when it is neither a phone nor a pattern.
PhonePattern parse_phone_pattern(std::string_view text, const std::string& field = "phone");

struct NewRegistration {
    std::string site;
    std::string phone;                          // full or partial
    std::string name;                           // at most 50 characters; "" unknown
    // The registrant: a consultant of the site, a partner of the site, or both (a partner
    // registering for a consultant). A consultant handle registers as itself (default).
    std::optional<std::int64_t> consultant_id;
    std::optional<std::int64_t> partner_id;
    // Default: the partner's kind for a partner, else phone_inquiry.
    std::optional<RegistrationChannel> channel;
    std::string note;                           // at most 500 characters
    std::string at;                             // the moment ("YYYY-MM-DD[THH:MM]", China time); "": now
};

struct Registration {
    std::int64_t id = 0;
    std::string site;
    std::string phone;                          // as matched: the full phone, or the pattern
    bool partial = false;                       // still partial (not yet confirmed by a visit)
    std::string name;
    RegistrationChannel channel = RegistrationChannel::phone_inquiry;
    std::optional<std::int64_t> consultant_id;
    std::optional<std::int64_t> partner_id;
    std::optional<std::int64_t> customer_id;    // the customer on file, once linked
    RegistrationStatus status = RegistrationStatus::active;
    std::string registered_at;                  // UTC, ISO 8601
    Date registered_on;                         // its day in China
    Date expires;                               // the last day of its protection, renewals included
    std::optional<Date> renewed_on;             // the effective contact that renewed it
    std::optional<Date> confirmed_on;           // the visit that credited it
    std::string note;
    std::string created_by;                     // the actor who recorded it
};

struct RegistrationQuery {
    std::string site;
    std::optional<std::int64_t> consultant_id;
    std::optional<std::int64_t> partner_id;
    std::optional<RegistrationStatus> status;
    bool valid_only = false;                    // only those whose protection still holds on `as_of`
    std::optional<Date> as_of;                  // default today
    int limit = 100;                            // 1..10000, newest first
};

// ---------------------------------------------------------------------------------------------
// Judging

struct JudgeRequest {
    std::string site;
    std::string phone;                          // the walk-in's full phone
    // The consultant who receives the walk-in: a new walk-in nobody owns is credited to them.
    std::optional<std::int64_t> consultant_id;
    std::string name;                           // the walk-in's name, kept on a new walk-in's registration
    std::string at;                             // the visit's moment; "": now
};

// Why the owner is who they are.
//   registration  a valid registration: the visit credits its registrant
//   protected     a customer on file, inside their consultant's protection
//   family        the spouse or close family of a customer: the same owner
//   pool          an expired registration or protection: the public pool (公海)
//   walk_in       a new walk-in, credited to the receiving consultant
//   unregistered  nobody registered or owns the phone
struct Judgement {
    std::string site;
    std::string phone;
    std::optional<std::int64_t> owner_consultant_id;   // nullopt: the public pool, or nobody
    std::string owner_consultant;                      // their name
    std::optional<std::int64_t> owner_partner_id;
    std::string owner_partner;                         // its name
    std::optional<Registration> registration;          // the registration the judgement rests on
    std::optional<std::int64_t> customer_id;           // the customer on file with the phone
    std::optional<std::int64_t> family_of;             // family: the customer whose family they are
    std::string reason;                                // the key (above)
    std::string explanation;                           // in words, in Chinese and English
    std::optional<Date> expires;                       // the owner's protection's last day (pool: when it ended)
    bool in_pool = false;
};

// ---------------------------------------------------------------------------------------------
// Owners, the public pool, disputes, history

// Who owns a customer on file now.
struct Attribution {
    std::int64_t customer_id = 0;
    std::string site;
    std::optional<std::int64_t> consultant_id;
    std::optional<std::int64_t> partner_id;
    std::optional<std::int64_t> registration_id;
    std::string source;                         // registration, claim, dispute, reassign, filing
    Date since;
    std::optional<Date> expires;                // the protection's last day, renewals included
    bool in_pool = false;
};

struct PoolEntry {
    std::int64_t customer_id = 0;
    std::string site;
    std::string archive_no;
    Date since;                                 // the day the customer went to the pool
    std::optional<std::int64_t> previous_consultant_id;
    std::optional<std::int64_t> registration_id;   // the expired registration, if one
};

enum class DisputeStatus { open, decided };
const char* to_string(DisputeStatus value) noexcept;
DisputeStatus parse_dispute_status(std::string_view text, const std::string& field = "status");

struct NewDispute {
    std::int64_t customer_id = 0;
    // The claimant: a consultant or a partner of the customer's site (one of them).
    std::optional<std::int64_t> consultant_id;
    std::optional<std::int64_t> partner_id;
    std::optional<std::int64_t> registration_id;   // the registration the claim rests on
    std::string note;                              // 1..1000 characters
};

struct Decision {
    // The winner: a consultant and/or a partner of the site.
    std::optional<std::int64_t> consultant_id;
    std::optional<std::int64_t> partner_id;
    std::int64_t by = 0;                           // a manager of the site
    std::string note;                              // at most 1000 characters
};

struct Dispute {
    std::int64_t id = 0;
    std::string site;
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> claimant_consultant_id;
    std::optional<std::int64_t> claimant_partner_id;
    std::optional<std::int64_t> registration_id;
    std::string note;
    DisputeStatus status = DisputeStatus::open;
    std::optional<std::int64_t> winner_consultant_id;
    std::optional<std::int64_t> winner_partner_id;
    std::optional<std::int64_t> decided_by;
    std::string decision_note;
    std::string created_at;
    std::string created_by;
    std::string decided_at;
};

// One change of a customer's owner. reason: registration, judge, pool, claim, dispute, reassign.
struct AttributionChange {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::string site;
    std::string reason;
    std::optional<std::int64_t> consultant_id;            // the new owner (none: the pool)
    std::optional<std::int64_t> partner_id;
    std::optional<std::int64_t> previous_consultant_id;
    std::optional<std::int64_t> previous_partner_id;
    std::optional<std::int64_t> registration_id;
    std::optional<std::int64_t> dispute_id;
    std::string note;
    std::string at;                                       // UTC, ISO 8601
    std::string by;                                       // the actor ("consultant:12", "host")
};

// A site's protection windows (days, 1..365) and whether family follows the owner.
struct AttributionSettings {
    std::string site;
    int phone_inquiry_days = 7;
    int walk_in_days = 15;
    int distributor_days = 30;
    int agency_days = 30;
    int broker_days = 30;
    int claim_days = 15;                 // a claim from the pool, a dispute's decision, a reassignment
    bool family_follows = true;
};
struct AttributionSettingsUpdate {
    std::optional<int> phone_inquiry_days;
    std::optional<int> walk_in_days;
    std::optional<int> distributor_days;
    std::optional<int> agency_days;
    std::optional<int> broker_days;
    std::optional<int> claim_days;
    std::optional<bool> family_follows;
};

class Registrations {
public:
    // Subscribes the module's erasure step. The customers' consultant changes through `customers`;
    // family members' phones (profiles) and effective contacts (the contact log) are read in the
    // judging's own snapshot.
    Registrations(detail::Store& store, Customers& customers);
    Registrations(const Registrations&) = delete;
    Registrations& operator=(const Registrations&) = delete;

    // Partners: the site's manager, administrator or the host.
    Partner add_partner(const NewPartner& partner);
    Partner update_partner(std::int64_t partner_id, const PartnerUpdate& update);
    Partner deactivate_partner(std::int64_t partner_id);
    Partner partner(std::int64_t partner_id) const;
    std::vector<Partner> partners(std::string_view site, bool include_inactive = false) const;   // by id

    // Registers a customer (报备). conflict when a valid registration or a protected customer of
    // someone else matches the phone: the message names the owner, Error::record_id is the
    // registration (or, for a customer owned without one, the customer). The same registrant
    // registering a matching phone again gets their registration back.
    Registration register_customer(const NewRegistration& registration);
    Registration registration(std::int64_t registration_id) const;
    std::vector<Registration> registrations(const RegistrationQuery& query) const;
    // The registrations whose pattern matches a full phone at a site, oldest first.
    std::vector<Registration> matching(std::string_view site, std::string_view phone) const;

    // Judges a walk-in (判客) and records what the visit settles (see the header's comment).
    Judgement judge(const JudgeRequest& request);

    // Who owns a customer now (a read; nothing is recorded).
    Attribution attribution(std::int64_t customer_id, std::optional<Date> as_of = std::nullopt) const;

    // The public pool of a site, oldest first.
    std::vector<PoolEntry> pool(std::string_view site) const;
    // Puts every customer of the site whose protection ended before `as_of` (default today) into
    // the pool; returns how many went. The site's manager, administrator or the host.
    std::int64_t release_expired(std::string_view site, std::optional<Date> as_of = std::nullopt);
    // A consultant takes a customer from the pool: they become its consultant (default: the
    // handle's consultant). invalid_state when the customer is still owned (naming the owner).
    Attribution claim(std::int64_t customer_id, std::optional<std::int64_t> consultant_id = std::nullopt,
                      std::string_view at = {});
    // A manager gives a customer to a consultant (and partner).
    Attribution reassign(std::int64_t customer_id, std::int64_t consultant_id, std::int64_t by,
                         const std::string& note = {});

    Dispute open_dispute(const NewDispute& dispute);
    // Decides a dispute: the winner becomes the customer's owner, the decision is kept.
    Dispute decide(std::int64_t dispute_id, const Decision& decision);
    Dispute dispute(std::int64_t dispute_id) const;
    std::vector<Dispute> disputes(std::string_view site, std::optional<DisputeStatus> status = std::nullopt) const;

    // Every change of owner of the customer, oldest first.
    std::vector<AttributionChange> history(std::int64_t customer_id) const;

    AttributionSettings settings(std::string_view site) const;
    AttributionSettings update_settings(std::string_view site, const AttributionSettingsUpdate& update);

private:
    detail::Store& store_;
    Customers& customers_;
};

} // namespace snowball
