// Personal information protection (PIPL): consent, who may see what (actors and masking), and the
// audit log — who did what to whose data, and when. docs/PRIVACY.md maps each PIPL article to the
// calls that serve it.
//
// Consent. Every purpose the archive serves has its lawful basis: `service` is the customer
// relationship itself (PIPL Art. 13(2): care greetings, complaint handling, satisfaction surveys,
// follow-ups) and needs no consent, though the customer may object to any channel of it;
// `marketing`, `referral` and `research` need the customer's consent. Sensitive personal information
// (Art. 28-31: health, financial, whereabouts, and a minor's data) needs a separate consent, and a
// minor's a guardian's. Each check is one call (Consents::allows / require / require_sensitive) that
// every module makes before it acts; a withdrawal is effective at once.
//
// Actors. An Archive handle acts as one actor (snowball/archive.hpp). The host system and a site's
// administrator see everything (an administrator: at their site); a manager sees their site's
// customers; a consultant their own customers and those a manager granted them. A customer the actor
// may not see is read with contact data masked (张*, 138****8000); a sensitive profile value is read
// masked (浙A·****8) unless the read reveals it with a reason, which the actor's role must allow and
// the audit log records.
//
// The audit log.
// Every entry names the actor, the action and the customer it concerns (by id), never the personal
// values themselves. Entries are append-only (the archive refuses to change or delete one) and
// hash-chained: each carries the SHA-256 of its own content and of the entry before it, so that an
// entry altered or removed outside the library is found by verify(). docs/PRIVACY.md maps each
// PIPL article to the calls that serve it.
#pragma once

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

struct AuditEntry {
    std::int64_t id = 0;                       // 1, 2, 3, … without gaps
    std::string at;                            // UTC, ISO 8601
    std::string actor;                         // "host" (the host system), "consultant:12", …
    std::string action;                        // "customer.erase", …
    std::optional<std::int64_t> subject_id;    // the customer concerned
    std::string detail;                        // what was done, without personal values
    std::string prev_hash;                     // the previous entry's hash (the first's: 64 zeros)
    std::string hash;                          // SHA-256 (hex) of this entry and the previous hash
};

struct AuditQuery {
    std::optional<std::int64_t> subject_id;    // entries about one customer
    std::string actor;                         // one actor's entries ("" = everyone's)
    std::string action;                        // one action ("" = every action)
    std::optional<Date> from;                  // UTC day of the entry, inclusive
    std::optional<Date> to;
    int limit = 100;                           // 1..10000
    std::int64_t offset = 0;
};

// The audit chain checked from its first entry to its last.
struct AuditVerification {
    bool ok = true;
    std::int64_t entries = 0;                  // entries checked
    std::optional<std::int64_t> first_bad;     // the first entry whose content or link is wrong
    std::string problem;                       // what is wrong there ("" when ok)
    std::string head;                          // the last entry's hash: keep it outside the archive to
                                               // detect a removal of the newest entries later
};

// ---------------------------------------------------------------------------------------------
// Consent

enum class Purpose { service, marketing, referral, research };
const char* to_string(Purpose value) noexcept;
// The key, or 服务 / 营销 / 推荐 / 研究; anything else is invalid_argument naming `field`.
Purpose parse_purpose(std::string_view text, const std::string& field = "purpose");

// The sensitive categories of personal information (PIPL Art. 28); a profile field's Sensitivity
// names one of them (snowball/profiles.hpp) or an ordinary kind (contact, family).
enum class SensitiveCategory { health, financial, whereabouts, minors };
const char* to_string(SensitiveCategory value) noexcept;

// One entry of the consent ledger: a consent given, or (objection) a channel of the service
// relationship the customer objects to. Entries are never changed except by their withdrawal.
struct Consent {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    Purpose purpose = Purpose::service;
    bool objection = false;        // the customer objects to `channel` (or, "" , to every channel)
    bool sensitive = false;        // the separate consent for sensitive information of this purpose
    std::string guardian;          // who consented for a minor's data (a parent: name and relation)
    std::string scope;             // what the consent covers, as the notice words it
    std::string notice_version;    // the version of the notice text the customer was shown
    std::string channel;           // how it was given (paper form, WeChat, app, in person); the objected channel
    std::string proof;             // where the proof is kept (a form number, a recording id)
    std::string recorded_by;       // the actor who recorded it ("consultant:12", "host")
    std::string recorded_at;       // UTC, ISO 8601
    std::optional<std::string> withdrawn_at;
    std::string withdrawn_by;
    bool in_force() const { return !withdrawn_at.has_value(); }
};

struct ConsentGrant {
    Purpose purpose = Purpose::marketing;
    bool sensitive = false;
    std::string guardian;          // required for the consent that covers a minor's data
    std::string scope;
    std::string notice_version;
    std::string channel;
    std::string proof;
    // The consultant who recorded it, when the host records it on their behalf (an existing `by`).
    std::optional<std::int64_t> by;
};

class Consents {
public:
    // Subscribes the ledger's erasure step.
    explicit Consents(detail::Store& store);
    // Records a consent (or, for service, lifts nothing: service needs none; use object()). A
    // sensitive consent is a separate entry. Audited.
    Consent grant(std::int64_t customer_id, const ConsentGrant& grant);
    // Records that the customer objects to one channel ("" = every channel) of a purpose. Audited.
    Consent object(std::int64_t customer_id, Purpose purpose, const std::string& channel,
                   std::optional<std::int64_t> by = std::nullopt);
    // Lifts the customer's objections to `channel` of a purpose (nullopt: every objection of the
    // purpose, the one to every channel included): they may be contacted that way again. The number
    // lifted (0: there was none). Audited.
    int lift_objection(std::int64_t customer_id, Purpose purpose, std::optional<std::string> channel,
                       std::optional<std::int64_t> by = std::nullopt);
    // Withdraws every consent of the purpose in force (sensitive ones included); effective at once.
    // The number withdrawn (0: there was none). Audited.
    int withdraw(std::int64_t customer_id, Purpose purpose, std::optional<std::int64_t> by = std::nullopt);
    // The ledger of one customer, oldest first, withdrawn entries included.
    std::vector<Consent> of(std::int64_t customer_id) const;

    // The one check of each purpose: may the archive act for `purpose` on this customer through
    // `channel` ("" = any)? service: unless objected; the others: a consent in force, not objected.
    bool allows(std::int64_t customer_id, Purpose purpose, std::string_view channel = {}) const;
    // As allows(), throwing consent_required naming `field` and the missing consent.
    void require(std::int64_t customer_id, Purpose purpose, std::string_view channel, const std::string& field) const;
    // Is there a separate consent in force for sensitive information of this category (for a
    // minor's data: one given by a guardian)?
    bool allows_sensitive(std::int64_t customer_id, SensitiveCategory category) const;
    void require_sensitive(std::int64_t customer_id, SensitiveCategory category, const std::string& field) const;

private:
    detail::Store& store_;
};

// ---------------------------------------------------------------------------------------------
// Masking: how a value is shown to whom may not read it in full. Chinese text is masked by
// characters, never split inside one.

std::string mask_phone(std::string_view phone);   // 13800138000 → 138****8000
std::string mask_name(std::string_view name);     // 张伟 → 张*; 欧阳娜娜 → 欧***
std::string mask_plate(std::string_view plate);   // 浙A·12348 → 浙A·****8
std::string mask_address(std::string_view text);  // the first 6 characters, then ****
inline constexpr std::string_view masked_value = "******";   // a sensitive value, length not shown

// ---------------------------------------------------------------------------------------------
// The audit log

class Audit {
public:
    explicit Audit(detail::Store& store) : store_(store) {}
    // Entries matching the query, oldest first.
    Page<AuditEntry> list(const AuditQuery& query = {}) const;
    // Every entry matching the query (its limit and offset aside), oldest first, as JSON lines: one
    // entry's JSON form per line, with its link (prev_hash) and hash, so that an auditor can check
    // the chain outside the library (docs/DATA_MODEL.md, "The audit log", says how the hash is made).
    std::string export_lines(const AuditQuery& query = {}) const;
    // Recomputes every entry's hash and link. `expected_head`, when given, must be the hash of an
    // entry of the chain (one kept from an earlier verify): entries removed after it are then found.
    AuditVerification verify(const std::string& expected_head = {}) const;

private:
    detail::Store& store_;
};

} // namespace snowball
