// The archive: one SQLite database file holding one sales organisation's customer records.
//
// snowball::Archive opens (or creates and migrates) the file and hands out the domain services.
// Threading: an Archive may be shared between threads; its operations are serialised by an
// internal mutex. For parallel work open one Archive per thread or process: SQLite's locking,
// WAL and BEGIN IMMEDIATE keep several handles on one file consistent.
#pragma once

#include "snowball/types.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

class Customers;
class Deals;
class LeadImporter;
class Templates;
class Profiles;
class Encryption;
class Family;
class Briefings;
class CareCalendar;
class Feedback;
class Surveys;
class Audit;
class Consents;
class Privacy;
class Referrals;
class Contacts;
class Outreach;
class SiteEvents;
class Registrations;
class Merges;
class Formats;
class Maintenance;
class Group;

// Who is calling. An Archive handle acts as one actor, chosen when it is opened (OpenOptions::actor,
// Archive::as); every operation of the handle is done, checked and audited as that actor. A handle
// opened without one acts as the host system: it may do everything, as every call did before actors
// existed. The rules of who may see and do what are in snowball/privacy.hpp.
enum class ActorKind {
    host,          // the host system that linked the library ("host")
    site_admin,    // a site's administrator ("admin:XH"): everything at their site
    manager,       // a manager (案场经理, "manager:3"): their site's customers
    consultant,    // a sales consultant (置业顾问, "consultant:12"): their own customers
};
const char* to_string(ActorKind value) noexcept;
ActorKind parse_actor_kind(std::string_view text, const std::string& field = "kind");

struct Actor {
    ActorKind kind = ActorKind::host;
    std::int64_t consultant_id = 0;   // manager and consultant: their consultant record
    std::string site;                 // site_admin: the site; manager and consultant: their site
    // "host", "admin:XH", "manager:3", "consultant:12": as audit entries name the actor.
    std::string text() const;
};
// The actor named by `text` (the forms of Actor::text(); "" is the host). Checks the form only:
// opening an archive as the actor checks that the consultant or site exists.
Actor parse_actor(std::string_view text, const std::string& field = "actor");

struct OpenOptions {
    bool create = true;        // create the file when it does not exist
    bool read_only = false;    // open without write access (no migrations are applied)
    int busy_timeout_ms = 10000; // how long to wait for another process's write lock
    // FULL: every commit reaches the disk before it returns (the default, for records that
    // must not be lost); NORMAL: faster, a power cut may lose the last commits, never corrupts.
    bool synchronous_full = true;
    // SQLite's page cache of this handle, in MiB (pages are kept as they are read, up to this):
    // the care agenda and the statistics read the same pages again within one operation.
    int cache_mib = 64;
    // The actor this handle acts as (Actor::text() forms); "" or "host": the host system. A manager
    // or consultant must be an active consultant record of that role; an administrator's site must exist.
    std::string actor;
    // The key that seals the sensitive profile values at rest (health, financial, whereabouts,
    // minors): 64 hexadecimal digits (32 bytes), kept by the host, never stored in the archive.
    // The first open of an archive with a key seals the values already there; from then on the
    // archive opens with that key or with none (sealed values then read masked, and revealing or
    // writing one is forbidden). Empty: no key. Profiles::encryption() rotates it.
    std::string encryption_key;
};

struct Site {
    std::int64_t id = 0;
    std::string code;          // 1-8 upper-case letters and digits, starting with a letter
    std::string name;
    std::string number_format; // archive-number format, see numbering.hpp
    std::string created_at;    // UTC, ISO 8601
};

struct NewSite {
    std::string code;
    std::string name;
    std::string number_format; // empty: numbering::default_format
};

struct SiteUpdate {
    std::optional<std::string> name;
    std::optional<std::string> number_format;
};

class Sites {
public:
    explicit Sites(detail::Store& store) : store_(store) {}
    Site add(const NewSite& site);
    Site get(std::string_view code) const;               // throws not_found
    std::optional<Site> find(std::string_view code) const;
    std::vector<Site> list() const;                      // ordered by code
    Site update(std::string_view code, const SiteUpdate& update);

private:
    detail::Store& store_;
};

// A consultant's role: a sales consultant (置业顾问) or a manager (案场经理), who is the manager of
// consultants and takes the escalations and the tickets opened by low survey scores.
enum class ConsultantRole { consultant, manager };
const char* to_string(ConsultantRole value) noexcept;
// "consultant" (置业顾问, 顾问) or "manager" (经理, 案场经理); anything else is invalid_argument naming `field`.
ConsultantRole parse_consultant_role(std::string_view text, const std::string& field = "role");

struct Consultant {
    std::int64_t id = 0;
    std::string uid;           // global identity (hex), survives merging archives
    std::string site;          // site code
    std::string name;
    std::string phone;         // normalised, may be empty
    bool active = true;        // a consultant who left stays on file, inactive
    std::string created_at;
    ConsultantRole role = ConsultantRole::consultant;
    std::optional<std::int64_t> manager_id;   // their manager: a manager of the same site
};

struct NewConsultant {
    std::string site;
    std::string name;
    std::string phone;
    ConsultantRole role = ConsultantRole::consultant;
    // An active manager of the same site.
    std::optional<std::int64_t> manager_id = std::nullopt;
};

struct ConsultantUpdate {
    std::optional<std::string> name;
    std::optional<std::string> phone;
    std::optional<bool> active;
    // A manager who still manages consultants cannot become a consultant (invalid_state).
    std::optional<ConsultantRole> role;
    std::optional<std::optional<std::int64_t>> manager_id;   // {std::nullopt}: no manager
};

class Consultants {
public:
    explicit Consultants(detail::Store& store) : store_(store) {}
    Consultant add(const NewConsultant& consultant);
    Consultant get(std::int64_t id) const;               // throws not_found
    // The consultants of one site (all sites when `site` is empty), ordered by id.
    std::vector<Consultant> list(std::string_view site = {}, bool include_inactive = false) const;
    Consultant update(std::int64_t id, const ConsultantUpdate& update);

private:
    detail::Store& store_;
};

struct ArchiveInfo {
    std::string path;
    int schema_version = 0;
    std::string library_version;
    std::int64_t sites = 0;
    std::int64_t consultants = 0;
    std::int64_t customers = 0;  // on file (not removed)
    std::int64_t owners = 0;
};

class Archive {
public:
    // Opens the archive at `path`, creating it when allowed, and applies pending migrations.
    // Throws not_archive for a file that is not a Snowball archive, version for one written by
    // a newer Snowball, not_found when it is missing and create is false.
    static Archive open(const std::string& path, const OpenOptions& options = {});

    Archive(Archive&&) noexcept;
    Archive& operator=(Archive&&) noexcept;
    ~Archive();

    Sites& sites();
    Consultants& consultants();
    Customers& customers();
    Deals& deals();             // deal stages, cancellations, the sales settings (snowball/customers.hpp)
    LeadImporter& leads();
    Templates& templates();
    Profiles& profiles();
    Encryption& encryption();   // the sensitive values' key: status, rotation (snowball/profiles.hpp)
    Family& family();
    Briefings& briefings();
    CareCalendar& calendar();   // the care calendar
    Feedback& feedback();       // complaints, suggestions, praise
    Surveys& surveys();         // satisfaction surveys
    Referrals& referrals();     // the referral graph
    Contacts& contacts();       // the contact log and follow-up (snowball/contacts.hpp)
    Outreach& outreach();       // news, message templates, deliveries (snowball/outreach.hpp)
    Merges& merges();           // duplicate candidates, merging two records, undoing it (snowball/merge.hpp)
    SiteEvents& events();       // site tours and owner events (snowball/events.hpp)
    Registrations& registrations();   // 报备, 判客, protection, the public pool (snowball/attribution.hpp)
    Audit& audit();             // the audit log (snowball/privacy.hpp)
    Consents& consents();       // the consent ledger (snowball/privacy.hpp)
    Privacy& privacy();         // the person's rights: erasure, their copy, retention (snowball/rights.hpp)
    Formats& formats();         // vCard, CSV tables, the whole archive as JSON lines (snowball/formats.hpp)
    Maintenance& maintenance(); // verifying the file, online backup (snowball/maintenance.hpp)
    Group& group();             // change capture for the group view (snowball/group.hpp)

    ArchiveInfo info() const;
    const std::string& path() const;
    // The actor this handle acts as.
    const Actor& actor() const;
    // Another handle on the same file with the same options, acting as `actor` (a second
    // connection: a server keeps one per signed-in consultant, or opens one per request).
    Archive as(const std::string& actor) const;

    // The schema version this library writes (PRAGMA user_version).
    static int schema_version();

private:
    struct Impl;
    explicit Archive(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace snowball
