// Customer profiles (客户信息档案, MISSION §4): the 42-field template in 6 sections, per-site
// templates, typed values with their full change history, family members, completeness and
// distributions for product research.
#pragma once

#include "snowball/privacy.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace snowball {

namespace detail {
class Store;
class Sealing;
class TemplateCache;
}

struct Customer;
class Customers;

struct FamilyMember;

enum class FieldType { text, long_text, single_choice, multi_choice, date, phone, number, yes_no };
// What kind of personal data a field holds, for the privacy rules (consent, masking, erasure).
enum class Sensitivity { none, contact, family, health, minors, whereabouts, financial };
// Label languages: simplified Chinese, traditional Chinese (as the source document reads), English.
enum class Language { zh, zh_hant, en };

const char* to_string(FieldType value) noexcept;
const char* to_string(Sensitivity value) noexcept;
const char* to_string(Language value) noexcept;
FieldType parse_field_type(std::string_view text, const std::string& field = "type");
Sensitivity parse_sensitivity(std::string_view text, const std::string& field = "sensitivity");
Language parse_language(std::string_view text, const std::string& field = "language");

// Text in the three label languages.
struct Label {
    std::string zh;
    std::string zh_hant;
    std::string en;
    const std::string& in(Language language) const;
};

struct FieldOption {
    std::string key;    // [a-z0-9_], stable
    Label label;
};

struct FieldDef {
    std::string key;              // [a-z][a-z0-9_]*, stable across versions and sites
    std::string section;          // a section key
    int number = 0;               // its number in the source template (1-42); 0 for a site's own field
    Label label;
    FieldType type = FieldType::text;
    std::vector<FieldOption> options;   // choice fields
    Label help;                   // the source's notes, e.g. field 8's "highest degree and school"
    double weight = 1;            // its share of the completeness score
    Sensitivity sensitivity = Sensitivity::none;
    bool in_briefing = false;     // shown in the visit briefing
    bool hidden = false;          // hidden at this site; its values and history stay
    // Fields 1, 4, 5, 6 are the customer record's gender and phones: the profile reads and
    // writes them there. Empty for ordinary fields.
    std::string bound_to;         // "gender", "office_phone", "home_phone", "mobile"
    // Fields 11-16 describe family members, who are also records of their own: which family
    // records complete the field for the completeness score ("spouse", "spouse.education",
    // "spouse.interests", "parent", "child", "closest").
    std::string family_link;

    const FieldOption* option(std::string_view key) const;
};

struct Section {
    std::string key;
    Label label;
};

struct Template {
    std::string site;             // empty: the default template
    int version = 0;              // 0: the default template, unchanged
    std::string created_at;
    std::vector<Section> sections;
    std::vector<FieldDef> fields; // display order, hidden fields included

    const FieldDef* field(std::string_view key) const;
    const Section* section(std::string_view key) const;
};

// The 42 fields of MISSION §4 in order, in 6 sections.
const Template& default_template();

// One change to a site's template. Several changes made together become one new version.
struct TemplateEdit {
    enum class Op { add_field, hide, show, rename, move, extend_options, set_weight, set_in_briefing, add_section };
    Op op = Op::hide;
    std::string key;              // the field (or, for add_section, the section)
    FieldDef field;               // add_field: the new field (key, section, label, type, options, ...)
    Label label;                  // rename, add_section
    // add_field: the field it follows (empty: the end of its section); move: the field it follows,
    // whose section it joins (empty: the start of its own section).
    std::string after;
    std::vector<FieldOption> options;   // extend_options
    double weight = 1;            // set_weight
    bool flag = false;            // set_in_briefing
};
const char* to_string(TemplateEdit::Op value) noexcept;
TemplateEdit::Op parse_template_edit_op(std::string_view text, const std::string& field = "op");

struct TemplateVersion {
    int version = 0;
    std::string created_at;
    std::optional<std::int64_t> by;   // the consultant (or manager) who made it
    std::string note;
};

// The sites' templates. The service owns the cache of the templates as read (one per site,
// parsed again only when the site's template changes).
class Templates {
public:
    explicit Templates(detail::Store& store);
    Templates(const Templates&) = delete;
    Templates& operator=(const Templates&) = delete;
    ~Templates();
    // The site's template: its latest version, or the one asked for (0: the default it started from).
    Template get(std::string_view site, std::optional<int> version = std::nullopt) const;
    std::vector<TemplateVersion> versions(std::string_view site) const;
    // Applies the edits in order as one new version; all of them or, on the first bad one, none.
    Template edit(std::string_view site, const std::vector<TemplateEdit>& edits,
                  std::optional<std::int64_t> by = std::nullopt, const std::string& note = {});

private:
    // The profiles read the templates through the cache itself, within their own operations.
    friend class Profiles;
    detail::TemplateCache& cache() const { return *cache_; }

    detail::Store& store_;
    std::unique_ptr<detail::TemplateCache> cache_;
};

// A field's value: text (text, long text, single choice key, phone), several choice keys, a
// date, a number or yes/no. std::monostate is "no value" (clears the field).
using FieldValue = std::variant<std::monostate, std::string, std::vector<std::string>, Date, double, bool>;

// The value as text for people: option labels in `language`, dates ISO, yes/no as 是/否 or yes/no.
std::string display(const FieldDef& field, const FieldValue& value, Language language);

struct ProfileEntry {
    FieldDef field;                    // as the site's template defines it (field.hidden included)
    FieldValue value;                  // std::monostate when masked
    std::string updated_at;            // empty when never set
    std::optional<std::int64_t> updated_by;
    // Set when the value is withheld from this read: what may be shown instead (浙A·****8,
    // 138****8000, ******). A sensitive field's value (health, financial, whereabouts, minors) is
    // masked unless the read reveals it; contact data of a customer the actor may not see, always.
    std::optional<std::string> masked;
};

struct Profile {
    std::int64_t customer_id = 0;
    std::string site;
    int template_version = 0;          // the site template the profile is read with
    std::vector<Section> sections;
    std::vector<ProfileEntry> entries; // template order; a hidden field's entry is flagged by field.hidden
    std::optional<Date> as_of;         // set for a profile as it stood at the end of a day

    const ProfileEntry* entry(std::string_view key) const;
};

struct HistoryEntry {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::string field;
    FieldValue old_value;
    FieldValue new_value;
    bool masked = false;               // the values of a sensitive field, withheld from this read
    std::optional<std::int64_t> by;
    std::string at;                    // UTC, ISO 8601
    // The field's type as the site's template defines it, which the values are read by (a field
    // the template no longer has: text, its values as they were stored).
    FieldType type = FieldType::text;
};

struct SectionScore {
    std::string section;
    double score = 0;                  // 0..1
    int filled = 0;
    int fields = 0;
};

struct Completeness {
    std::int64_t customer_id = 0;
    double score = 0;                  // weighted, 0..1, over the visible fields
    std::vector<SectionScore> sections;
    // The unfilled fields most worth asking about next: heaviest first, then in template order.
    std::vector<std::string> ask_next;
};

struct ConsultantScore {
    std::optional<std::int64_t> consultant_id;   // nullopt: customers without a consultant
    std::string name;
    std::int64_t customers = 0;
    double mean = 0;                  // mean completeness of their customers
    int rank = 0;
};

struct SiteCompleteness {
    std::string site;
    std::int64_t customers = 0;
    double mean = 0;
    std::vector<ConsultantScore> leaderboard;   // best first
};

struct DistributionQuery {
    std::string field;                 // a choice (or yes/no) field
    std::string site;                  // required: templates are per site
    std::optional<Date> from;          // customers whose first contact falls in [from, to]
    std::optional<Date> to;
    Language language = Language::zh;
};

struct OptionCount {
    std::string key;
    std::string label;
    std::map<Stage, std::int64_t> by_stage;
    std::int64_t total = 0;
    double share = 0;                  // of the customers who answered
};

struct Distribution {
    std::string field;
    std::string label;
    std::vector<OptionCount> options;  // template order
    std::map<Stage, std::int64_t> answered;   // customers with a value, by stage
    std::map<Stage, std::int64_t> customers;  // customers in the cohort, by stage
};

// A profile field as people read it, in one language: its key, its label and a text (its value as
// display() writes it; for a field worth asking about, its help note).
struct ProfileItem {
    std::string key;
    std::string label;
    std::string value;
};

// What the visit briefing shows of a customer's profile.
struct ProfileSummary {
    std::vector<ProfileItem> shown;      // the template's briefing fields that have a value, in order
    double completeness = 0;             // the completeness score (Profiles::completeness)
    std::vector<ProfileItem> ask_next;   // the unfilled fields most worth asking about, with their help notes
};

// A read that reveals sensitive values in full: the actor's role must allow it and the reason is
// recorded in the audit log with the fields revealed (snowball/privacy.hpp).
struct Reveal {
    bool reveal = false;
    std::string reason;                // required when reveal is set
};

// The PIPL category a field's sensitivity names, when it is one that needs a separate consent.
std::optional<SensitiveCategory> sensitive_category(Sensitivity sensitivity);

class Profiles {
public:
    // Subscribes the profiles' reactions: history of the fields bound to the customer record, erasure.
    // The profile of a customer reads and writes the fields bound to the customer record (gender,
    // phones) through `customers`; the sites' templates come from `templates`.
    // Writing a sensitive field needs the customer's separate consent, checked through `consents`.
    // Sensitive values are sealed at rest through `sealing` while the archive has a key in force
    // (OpenOptions::encryption_key): the first open with a key seals the values already stored.
    Profiles(detail::Store& store, Customers& customers, Templates& templates, const Consents& consents,
             detail::Sealing& sealing);

    // Sets (or clears, with std::monostate) the given fields in one transaction, recording each
    // change with who and when. Unknown fields, unknown options, malformed dates or phones: an
    // error, nothing written. Values equal to the current ones are not recorded again. A value for a
    // field of a sensitive category without the customer's separate consent in force (a minor's
    // data: given by a guardian) is consent_required naming the field; a customer the actor may not
    // see is forbidden.
    void set(std::int64_t customer_id, const std::map<std::string, FieldValue>& values,
             std::optional<std::int64_t> by = std::nullopt);
    // Values given as text, as a form or a spreadsheet holds them ("红酒, 白酒", "2026-03-05", "是").
    void set_text(std::int64_t customer_id, const std::map<std::string, std::string>& values,
                  std::optional<std::int64_t> by = std::nullopt);
    // Many customers in one transaction (all or none).
    void set_many(const std::vector<std::pair<std::int64_t, std::map<std::string, FieldValue>>>& updates,
                  std::optional<std::int64_t> by = std::nullopt);

    // The whole profile in template order; with `as_of`, as it stood at the end of that day (China time).
    // Sensitive values are masked unless `reveal` asks for them (and the actor may: see Reveal).
    Profile get(std::int64_t customer_id, std::optional<Date> as_of = std::nullopt, const Reveal& reveal = {}) const;
    // Changes, oldest first; one field's when `field` is given. Sensitive values masked unless revealed.
    std::vector<HistoryEntry> history(std::int64_t customer_id, std::string_view field = {},
                                      const Reveal& reveal = {}) const;

    Completeness completeness(std::int64_t customer_id, int ask_next = 3) const;
    SiteCompleteness site_completeness(std::string_view site) const;
    Distribution distribution(const DistributionQuery& query) const;

    // What the visit briefing shows of the profile of `customer` (a record on file, as
    // Customers::get gives it), whose family members are `family` (as Family::list gives them: they
    // complete the family fields): in `language`, with the `ask_next` fields most worth asking about.
    ProfileSummary summary(const Customer& customer, const std::vector<FamilyMember>& family, Language language,
                           int ask_next = 3) const;

private:
    detail::Store& store_;
    Customers& customers_;
    detail::TemplateCache& cache_;
    const Consents& consents_;
    detail::Sealing& sealing_;
};

// Encryption of the sensitive profile values at rest (PIPL Art. 51): the values of the fields of
// a sensitive category (health, financial, whereabouts, minors) and their history are sealed with
// XChaCha20-Poly1305 under a key the host supplies (OpenOptions::encryption_key) and never stores
// in the archive, so a copied file does not give them away. Phones, names and the other fields stay
// in the clear: lookups and lists need them (docs/PRIVACY.md).
struct EncryptionStatus {
    bool enabled = false;            // the archive has a key in force: its sensitive values are sealed
    bool key_held = false;           // this handle holds that key (it can read and write them)
    std::string key_id;              // names the key in force (32 hex digits derived from it; not the key)
    std::string since;               // when that key was put in force (UTC, ISO 8601)
    std::int64_t sealed_values = 0;  // values and history entries sealed
    std::int64_t keys_retired = 0;   // keys replaced by rotations
};

class Encryption {
public:
    Encryption(detail::Store& store, detail::Sealing& sealing);

    EncryptionStatus status() const;
    // Re-seals every sealed value under `new_key` (64 hexadecimal digits) in one transaction and puts
    // it in force; this handle uses it at once, other handles must be opened again with it (with the
    // old key an open is invalid_argument). The host only (it holds the keys), with this handle
    // holding the key in force; audited by the keys' ids. Returns how many values were re-sealed.
    std::int64_t rotate(const std::string& new_key);

private:
    detail::Store& store_;
    detail::Sealing& sealing_;
};

// Family members (MISSION §2 tactic 4: birthdays of the customer *and family members*).
enum class Relation { spouse, father, mother, child, other };
const char* to_string(Relation value) noexcept;
Relation parse_relation(std::string_view text, const std::string& field = "relation");

struct FamilyMember {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    Relation relation = Relation::other;
    std::string name;
    Gender gender = Gender::unknown;
    std::optional<Birthday> birthday;
    std::string phone;         // normal form
    std::string employer;
    std::string education;
    std::string interests;
    std::string school;
    bool closest = false;      // field 16: the customer's closest family member
    std::string note;
    std::string created_at;
    std::string updated_at;
};

struct NewFamilyMember {
    Relation relation = Relation::other;
    std::string name;
    Gender gender = Gender::unknown;
    std::optional<Birthday> birthday;
    std::string phone;
    std::string employer;
    std::string education;
    std::string interests;
    std::string school;
    bool closest = false;
    std::string note;
};

struct FamilyMemberUpdate {
    std::optional<Relation> relation;
    std::optional<std::string> name;
    std::optional<Gender> gender;
    std::optional<std::optional<Birthday>> birthday;   // {std::nullopt} clears it
    std::optional<std::string> phone;
    std::optional<std::string> employer;
    std::optional<std::string> education;
    std::optional<std::string> interests;
    std::optional<std::string> school;
    std::optional<bool> closest;
    std::optional<std::string> note;
};

class Family {
public:
    // Subscribes the family's erasure step. The customers a family belongs to are looked up in
    // `customers`. A child under 14 — or of unknown age: a birthday without its year, or none — is a
    // minor (PIPL Art. 31): filing or changing their record needs the customer's separate consent
    // given by a guardian (Consents::grant with `guardian`), checked through `consents`; without it,
    // consent_required naming "relation", nothing written.
    Family(detail::Store& store, Customers& customers, const Consents& consents);
    FamilyMember add(std::int64_t customer_id, const NewFamilyMember& member);
    FamilyMember get(std::int64_t id) const;
    FamilyMember update(std::int64_t id, const FamilyMemberUpdate& update);
    void remove(std::int64_t id);
    std::vector<FamilyMember> list(std::int64_t customer_id) const;   // spouse, parents, children, others

private:
    detail::Store& store_;
    Customers& customers_;
    const Consents& consents_;
};

} // namespace snowball
