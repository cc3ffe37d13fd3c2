#include "snowball/profiles.hpp"

#include "archive/merge_journal.hpp"
#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/text.hpp"
#include "profiles/completeness.hpp"
#include "profiles/history.hpp"
#include "profiles/owners.hpp"
#include "profiles/sealed_values.hpp"
#include "profiles/template_rules.hpp"
#include "profiles/template_store.hpp"
#include "privacy/access.hpp"
#include "privacy/audit.hpp"
#include "snowball/customers.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace snowball {

using detail::Query;

namespace {

// The customer a profile belongs to: its site and the site's newest template version, in one read
// of the customer's row (the hot path of writing profiles), without reading the whole record.
struct Owner {
    std::int64_t site_id;
    std::string site;
    int template_version;
};

Owner owner_of(detail::Store& store, std::int64_t customer_id) {
    Query q(store, "SELECT c.site_id, s.code, " SNOWBALL_NEWEST_TEMPLATE("c.site_id") " FROM customers c "
                   "JOIN sites s ON s.id = c.site_id WHERE c.id = ? AND c.deleted_at IS NULL");
    q->bind(1, customer_id);
    if (!q->executeStep())
        detail::throw_no_customer("customer_id", customer_id);
    return {q->getColumn(0).getInt64(), q->getColumn(1).getString(), q->getColumn(2).getInt()};
}

const Template& template_of(detail::Store& store, detail::TemplateCache& cache, const Owner& owner) {
    return cache.newest(store, owner.site_id, owner.site, owner.template_version);
}

const FieldDef& field_of(const Template& t, const std::string& key) {
    const FieldDef* f = t.field(key);
    if (!f)
        throw Error(Status::invalid_argument,
                    key + ": is not a field of site " + t.site + "'s profile template", key);
    return *f;
}

// The end of a day in China (UTC+8) as a UTC timestamp: history entries before it had happened.
std::string end_of_day_utc(const Date& day) { return to_iso(day) + "T16:00:00Z"; }

using Stored = std::map<std::string, detail::StoredValue>;

// The customer's stored values (fields bound to the customer record aside), by field, sealed ones
// as they are.
Stored stored_values(detail::Store& store, std::int64_t customer_id) {
    Stored stored;
    Query q(store, "SELECT field, value FROM profile_values WHERE customer_id = ?");
    q->bind(1, customer_id);
    while (q->executeStep()) stored.emplace(q->getColumn(0).getString(), *detail::stored_value(*q, 1));
    return stored;
}

// A field's stored value: the customer record's for a bound field, else the profile's.
std::optional<detail::StoredValue> value_of(const FieldDef& f, const Customer& c, const Stored& stored) {
    if (!f.bound_to.empty()) {
        if (auto v = detail::bound_value(c, f.bound_to)) return detail::StoredValue{*v, false};
        return std::nullopt;
    }
    if (auto it = stored.find(f.key); it != stored.end()) return it->second;
    return std::nullopt;
}

// Writes the fields bound to the customer record (gender and phones) there, through the customers'
// service: the record's checks (phone conflicts) and history (CustomerChanged) come with it.
void write_bound(Customers& customers, std::int64_t customer_id, const std::vector<std::pair<const FieldDef*, FieldValue>>& changes,
                 std::optional<std::int64_t> by) {
    const Customer c = detail::customer_on_file(customers, customer_id);
    CustomerUpdate u;
    u.by = by;
    std::vector<Phone> phones = c.phones;
    bool phones_change = false;
    for (const auto& [field, value] : changes) {
        const std::string& b = field->bound_to;
        const std::string* text = std::get_if<std::string>(&value);
        if (b == "gender") u.gender = text ? parse_gender(*text) : Gender::unknown;
        else if (b == "mobile") u.mobile = text ? *text : std::string();
        else if (b == "home_phone" || b == "office_phone") {
            const PhoneKind kind = b == "home_phone" ? PhoneKind::home : PhoneKind::office;
            phones.erase(std::remove_if(phones.begin(), phones.end(), [&](const Phone& p) { return p.kind == kind; }),
                         phones.end());
            if (text) phones.push_back({kind, *text});
            phones_change = true;
        }
    }
    if (phones_change) u.phones = phones;
    try {
        customers.update(customer_id, u);
    } catch (const Error& e) {
        // The record names its other phones by position ("phones[1]"): name the profile field that
        // holds the number instead.
        if (e.field().rfind("phones", 0) != 0) throw;
        const std::string message = e.what();
        for (const auto& [field, value] : changes) {
            const std::string* number = std::get_if<std::string>(&value);
            const std::string& b = field->bound_to;
            if ((b == "home_phone" || b == "office_phone") && number && message.find(*number) != std::string::npos) {
                const std::size_t colon = message.find(": ");
                const std::string reason = colon == std::string::npos ? message : message.substr(colon + 2);
                throw Error(e.status(), field->key + ": " + reason, field->key, e.record_id());
            }
        }
        throw;
    }
}

// Sets the values of one customer, inside the caller's transaction.
void apply(detail::Store& store, detail::TemplateCache& cache, Customers& customers, const Consents& consents,
           const detail::Sealing& sealing, std::int64_t customer_id, const std::map<std::string, FieldValue>& values, std::optional<std::int64_t> by,
           const std::string& now) {
    const Owner owner = owner_of(store, customer_id);
    const Template& t = template_of(store, cache, owner);
    if (!store.acts_as_host()) {
        detail::acting(store, by);   // a consultant's handle writes as that consultant only
        detail::require_may_see(store, store.actor(), detail::require_subject(store, customer_id), "customer_id");
    }
    std::vector<std::pair<const FieldDef*, FieldValue>> changes, bound;
    for (const auto& [key, value] : values) {
        const FieldDef& f = field_of(t, key);
        if (f.hidden)
            throw Error(Status::invalid_state,
                        key + ": is hidden at site " + owner.site + "; show it in the template before setting it", key);
        FieldValue normal = detail::normalize_value(f, value);
        if (const auto category = sensitive_category(f.sensitivity); category && detail::is_set(normal)) {
            consents.require_sensitive(customer_id, *category, key);
            if (sealing.enabled() && !sealing.has_key())
                throw Error(Status::forbidden,
                            key + ": sensitive values of this archive are sealed, and this handle was opened without "
                                  "its encryption key",
                            key, customer_id);
        }
        (f.bound_to.empty() ? changes : bound).emplace_back(&f, std::move(normal));
    }
    if (!bound.empty()) write_bound(customers, customer_id, bound, by);
    if (changes.empty()) return;
    // The customer's stored values, read once: the old values of the history.
    const Stored stored = stored_values(store, customer_id);
    for (const auto& [field, value] : changes) {
        const std::optional<std::string> next = detail::encode_value(*field, value);
        std::optional<detail::StoredValue> previous;
        if (auto it = stored.find(field->key); it != stored.end()) previous = it->second;
        // A sealed value this handle cannot open is only ever cleared (writing one takes the key).
        if (!detail::shut(sealing, previous) && detail::plain(sealing, previous, customer_id, field->key) == next) continue;
        const std::optional<detail::StoredValue> kept = detail::storable(sealing, *field, next, customer_id);
        if (kept) {
            Query q(store, "INSERT INTO profile_values(customer_id, field, value, updated_at, updated_by) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (customer_id, field) DO UPDATE SET "
                           "value = ?3, updated_at = ?4, updated_by = ?5");
            q->bind(1, customer_id);
            q->bindNoCopy(2, field->key);
            detail::bind_stored(*q, 3, kept);
            q->bindNoCopy(4, now);
            detail::bind_optional(*q, 5, by);
            q->exec();
        } else {
            Query q(store, "DELETE FROM profile_values WHERE customer_id = ? AND field = ?");
            q->bind(1, customer_id);
            q->bindNoCopy(2, field->key);
            q->exec();
        }
        // The old value goes into the history as it was stored, sealed if it must be.
        if (previous && !previous->sealed) previous = detail::storable(sealing, *field, previous->data, customer_id);
        detail::record_change(store, customer_id, field->key, previous, kept, by, now);
    }
}

void check_by(detail::Store& store, std::optional<std::int64_t> by) {
    if (by) detail::require_consultant(store, *by, "by");
}

void check_ask_next(int ask_next) {
    if (ask_next < 0 || ask_next > 100) throw_invalid("ask_next", "must be between 0 and 100");
}

detail::FamilyFacts family_facts(detail::Store& store, std::int64_t customer_id) {
    detail::FamilyFacts facts;
    Query q(store, "SELECT relation, education <> '', interests <> '', closest FROM family_members WHERE customer_id = ?");
    q->bind(1, customer_id);
    while (q->executeStep())
        facts.add(parse_relation(q->getColumn(0).getText()), q->getColumn(1).getInt() != 0,
                  q->getColumn(2).getInt() != 0, q->getColumn(3).getInt() != 0);
    return facts;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Templates

Templates::Templates(detail::Store& store) : store_(store), cache_(std::make_unique<detail::TemplateCache>()) {}
Templates::~Templates() = default;

Template Templates::get(std::string_view site, std::optional<int> version) const {
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        if (version) {
            if (*version < 0) throw_invalid("version", "must not be negative");
            return cache_->version(store_, s.id, s.code, *version);
        }
        return cache_->current(store_, s.id, s.code);
    });
}

std::vector<TemplateVersion> Templates::versions(std::string_view site) const {
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        std::vector<TemplateVersion> out{{0, s.created_at, std::nullopt, "the default template"}};
        Query q(store_, "SELECT version, created_at, created_by, note FROM profile_templates WHERE site_id = ? ORDER BY version");
        q->bind(1, s.id);
        while (q->executeStep()) {
            TemplateVersion v;
            v.version = q->getColumn(0).getInt();
            v.created_at = q->getColumn(1).getString();
            if (!q->isColumnNull(2)) v.by = q->getColumn(2).getInt64();
            v.note = q->getColumn(3).getString();
            out.push_back(std::move(v));
        }
        return out;
    });
}

Template Templates::edit(std::string_view site, const std::vector<TemplateEdit>& edits, std::optional<std::int64_t> by,
                         const std::string& note) {
    if (edits.empty()) throw_invalid("edits", "names no change");
    const std::string clean_note = text::clean(note, "note", 500, false);
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        check_by(store_, by);
        Template t = cache_->current(store_, s.id, s.code);
        for (std::size_t i = 0; i < edits.size(); ++i) detail::apply_edit(t, edits[i], "edits[" + std::to_string(i) + "]");
        return cache_->save(store_, s.id, s.code, std::move(t), by, clean_note);
    });
}

// ---------------------------------------------------------------------------------------------
// Profiles

const ProfileEntry* Profile::entry(std::string_view key) const {
    for (const auto& e : entries)
        if (e.field.key == key) return &e;
    return nullptr;
}

namespace {

// The profile's part of an erasure: every value and every change ever recorded.
void erase_profile(detail::Store& store, const detail::CustomerErased& subject) {
    for (const char* sql : {"DELETE FROM profile_values WHERE customer_id = ?", "DELETE FROM profile_history WHERE customer_id = ?"}) {
        Query q(store, sql);
        q->bind(1, subject.customer_id);
        q->exec();
    }
}

std::string sql_text(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// The profile's part of a merge (docs/DATA_MODEL.md, "Merging"). Sealed values are sealed to their
// customer, so the merged record's are sealed anew to the kept one first. Where both records have
// a value of a field, the kept record's stays and the other goes into the kept record's history
// (an entry from the merged value to the kept one, by the merging consultant) — or, with
// newest_wins, the value changed last stays and the older one goes into the history. Then every
// value and every history entry of the merged record becomes the kept record's.
void merge_profile(detail::Store& store, const detail::Sealing& sealing, const detail::CustomersMerged& e) {
    detail::MergeJournal& j = e.journal;
    const std::string keep = std::to_string(e.keep), merged = std::to_string(e.merged);
    {
        std::vector<std::pair<std::string, std::string>> sealed;
        SQLite::Statement q(store.db(), "SELECT field, value FROM profile_values WHERE customer_id = " + merged +
                                            " AND typeof(value) = 'blob'");
        while (q.executeStep())
            sealed.emplace_back(q.getColumn(0).getString(),
                                std::string(static_cast<const char*>(q.getColumn(1).getBlob()), q.getColumn(1).getBytes()));
        for (const auto& [field, data] : sealed)
            j.update_value("profile_values", "value", "customer_id = " + merged + " AND field = " + sql_text(field),
                           sealing.seal(sealing.open(data, e.merged, field), e.keep, field), true);
    }
    {
        struct Sealed {
            std::int64_t id;
            std::string field, column, data;
        };
        std::vector<Sealed> sealed;
        SQLite::Statement q(store.db(), "SELECT id, field, old_value, new_value FROM profile_history WHERE customer_id = " +
                                            merged + " AND (typeof(old_value) = 'blob' OR typeof(new_value) = 'blob')");
        while (q.executeStep())
            for (int c : {2, 3})
                if (q.getColumn(c).isBlob())
                    sealed.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), c == 2 ? "old_value" : "new_value",
                                      std::string(static_cast<const char*>(q.getColumn(c).getBlob()), q.getColumn(c).getBytes())});
        for (const Sealed& s : sealed)
            j.update_value("profile_history", s.column, "id = " + std::to_string(s.id),
                           sealing.seal(sealing.open(s.data, e.merged, s.field), e.keep, s.field), true);
    }
    struct Both {
        std::string field;
        bool merged_wins;
    };
    std::vector<Both> both;
    {
        SQLite::Statement q(store.db(), "SELECT m.field, m.updated_at > k.updated_at FROM profile_values m JOIN profile_values k "
                                            "ON k.field = m.field AND k.customer_id = " + keep + " WHERE m.customer_id = " + merged);
        while (q.executeStep()) both.push_back({q.getColumn(0).getString(), e.newest_wins && q.getColumn(1).getInt() == 1});
    }
    for (const Both& b : both) {
        const std::string winner = b.merged_wins ? merged : keep, loser = b.merged_wins ? keep : merged;
        Query h(store, "INSERT INTO profile_history(customer_id, field, old_value, new_value, changed_by, changed_at) "
                       "SELECT ?1, ?2, (SELECT value FROM profile_values WHERE customer_id = ?3 AND field = ?2), "
                       "(SELECT value FROM profile_values WHERE customer_id = ?4 AND field = ?2), ?5, ?6");
        h->bind(1, e.keep);
        h->bind(2, b.field);
        h->bind(3, static_cast<std::int64_t>(std::stoll(loser)));
        h->bind(4, static_cast<std::int64_t>(std::stoll(winner)));
        detail::bind_optional(*h, 5, e.by);
        h->bind(6, e.at);
        h->exec();
        j.inserted("profile_history", store.db().getLastInsertRowid());
        j.remove("profile_values", "customer_id = " + loser + " AND field = " + sql_text(b.field));
    }
    j.move("profile_values", "customer_id", e.merged, e.keep);
    j.move("profile_history", "customer_id", e.merged, e.keep);
}

} // namespace

std::optional<SensitiveCategory> sensitive_category(Sensitivity s) {
    switch (s) {
    case Sensitivity::health: return SensitiveCategory::health;
    case Sensitivity::financial: return SensitiveCategory::financial;
    case Sensitivity::whereabouts: return SensitiveCategory::whereabouts;
    case Sensitivity::minors: return SensitiveCategory::minors;
    default: return std::nullopt;
    }
}

namespace {

// What a withheld value shows: a plate number and a phone keep their ends, everything else nothing.
std::string masked_text(const FieldDef& f, const FieldValue& v) {
    const std::string* text = std::get_if<std::string>(&v);
    if (text && f.key == "plate_number") return mask_plate(*text);
    if (text && f.type == FieldType::phone) return mask_phone(*text);
    if (text && f.sensitivity == Sensitivity::contact) return mask_address(*text);
    return std::string(masked_value);
}

// How one read treats the values of one customer: which it withholds, and which it reveals (the
// reveal checked once per category and recorded in the audit log by the caller).
class Masking {
public:
    // The host sees every customer: its plain reads look nothing up (the profile read is a hot path).
    Masking(detail::Store& store, std::int64_t customer_id, const Reveal& reveal)
        : store_(store), actor_(store.actor()),
          subject_(store.acts_as_host() && !reveal.reveal ? detail::Subject{customer_id, {}, {}, {}}
                                                           : detail::require_subject(store, customer_id)),
          sees_(store.acts_as_host() || detail::may_see(store, actor_, subject_)), reveal_(reveal) {
        if (reveal_.reveal) {
            detail::require_may_see(store_, actor_, subject_, "customer_id");
            if (text::trim(reveal_.reason).empty())
                throw_invalid("reason", "is required to reveal sensitive values: say why they are needed");
        }
    }
    // Whether the value of `f` is withheld from this read (revealing it when asked, once checked).
    bool withholds(const FieldDef& f) {
        const auto category = sensitive_category(f.sensitivity);
        if (!category) return !sees_ && f.sensitivity == Sensitivity::contact;
        if (!reveal_.reveal) return true;
        if (!checked_.count(*category)) {
            detail::require_reveal(store_, actor_, subject_, *category, reveal_.reason, f.key);
            checked_.insert(*category);
        }
        revealed_.insert(f.key);
        return false;
    }
    // The audit entry of the fields revealed (none: nothing to record).
    void record(const char* action) const {
        if (revealed_.empty()) return;
        std::string fields;
        for (const auto& k : revealed_) fields += (fields.empty() ? "" : ", ") + k;
        detail::audit(store_, actor_.text(), action, subject_.id, "fields " + fields + "; reason: " + reveal_.reason);
    }

private:
    detail::Store& store_;
    const Actor& actor_;
    detail::Subject subject_;
    bool sees_;
    const Reveal& reveal_;
    std::set<SensitiveCategory> checked_;
    std::set<std::string> revealed_;
};

// A read that reveals writes its audit entry: one write transaction; any other read, a snapshot.
template <class F>
auto read_or_audit(detail::Store& store, const Reveal& reveal, F&& body) {
    return reveal.reveal ? store.write(std::forward<F>(body)) : store.read(std::forward<F>(body));
}

} // namespace

Profiles::Profiles(detail::Store& store, Customers& customers, Templates& templates, const Consents& consents,
                   detail::Sealing& sealing)
    : store_(store), customers_(customers), cache_(templates.cache()), consents_(consents), sealing_(sealing) {
    store_.events().subscribe<detail::CustomerChanged>("profiles", [](detail::Store& s, const detail::CustomerChanged& e) {
        detail::record_bound_changes(s, e.before, e.after, e.by, e.at);
    });
    store_.events().subscribe<detail::CustomerErased>("profiles", erase_profile);
    store_.events().subscribe<detail::CustomersMerged>("profiles", [this](detail::Store& s, const detail::CustomersMerged& e) {
        merge_profile(s, sealing_, e);
    });
    // The first open with a key puts it in force and seals the values already stored, in one
    // transaction; the log is then emptied so that no page keeps them in the clear.
    if (sealing_.has_key() && !sealing_.enabled() && !store_.options().read_only) {
        const bool sealed_now = store_.write([&] {
            if (!sealing_.enable(store_.actor().text())) return false;
            const std::int64_t count = detail::seal_values_in_clear(store_, cache_, sealing_);
            detail::audit(store_, store_.actor().text(), "encryption.enable", std::nullopt,
                          "key " + sealing_.key_id() + "; " + std::to_string(count) + " values sealed");
            return true;
        });
        if (sealed_now) store_.checkpoint();
    }
}

void Profiles::set(std::int64_t customer_id, const std::map<std::string, FieldValue>& values,
                   std::optional<std::int64_t> by) {
    if (values.empty()) throw_invalid("values", "names no field");
    store_.write([&] {
        check_by(store_, by);
        apply(store_, cache_, customers_, consents_, sealing_, customer_id, values, by, text::now_utc());
    });
}

void Profiles::set_text(std::int64_t customer_id, const std::map<std::string, std::string>& values,
                        std::optional<std::int64_t> by) {
    if (values.empty()) throw_invalid("values", "names no field");
    store_.write([&] {
        check_by(store_, by);
        const Template& t = template_of(store_, cache_, owner_of(store_, customer_id));
        std::map<std::string, FieldValue> parsed;
        for (const auto& [key, text] : values) parsed[key] = detail::parse_value_text(field_of(t, key), text);
        apply(store_, cache_, customers_, consents_, sealing_, customer_id, parsed, by, text::now_utc());
    });
}

void Profiles::set_many(const std::vector<std::pair<std::int64_t, std::map<std::string, FieldValue>>>& updates,
                        std::optional<std::int64_t> by) {
    store_.write([&] {
        check_by(store_, by);
        const std::string now = text::now_utc();
        for (std::size_t i = 0; i < updates.size(); ++i) {
            try {
                apply(store_, cache_, customers_, consents_, sealing_, updates[i].first, updates[i].second, by, now);
            } catch (const Error& e) {
                const std::string at = "updates[" + std::to_string(i) + "]";
                throw Error(e.status(), at + "." + e.what(), e.field().empty() ? at : at + "." + e.field(), e.record_id());
            }
        }
    });
}

Profile Profiles::get(std::int64_t customer_id, std::optional<Date> as_of, const Reveal& reveal) const {
    return read_or_audit(store_, reveal, [&] {
        const Customer c = detail::customer_on_file(customers_, customer_id);
        Masking masking(store_, customer_id, reveal);
        const Template& t = cache_.of_site(store_, c.site, "site");
        Profile p;
        p.customer_id = customer_id;
        p.site = c.site;
        p.template_version = t.version;
        p.sections = t.sections;
        struct At {
            std::optional<detail::StoredValue> value;
            std::string at;
            std::optional<std::int64_t> by;
        };
        std::map<std::string, At> stored;
        {
            Query q(store_, "SELECT field, value, updated_at, updated_by FROM profile_values WHERE customer_id = ?");
            q->bind(1, customer_id);
            while (q->executeStep()) {
                At s{detail::stored_value(*q, 1), q->getColumn(2).getString(), std::nullopt};
                if (!q->isColumnNull(3)) s.by = q->getColumn(3).getInt64();
                stored[q->getColumn(0).getString()] = std::move(s);
            }
        }
        for (const FieldDef& f : t.fields)
            if (!f.bound_to.empty()) stored[f.key] = {value_of(f, c, {}), c.updated_at, std::nullopt};

        if (as_of) {
            // Replay the history backwards: the value at the cut-off is the newest change before
            // it, or else the old value of the first change after it.
            const std::string cutoff = end_of_day_utc(*as_of);
            p.as_of = *as_of;
            std::map<std::string, At> then;
            std::set<std::string> decided;
            Query q(store_, "SELECT field, old_value, new_value, changed_at, changed_by FROM profile_history "
                            "WHERE customer_id = ? ORDER BY id");
            q->bind(1, customer_id);
            while (q->executeStep()) {
                const std::string field = q->getColumn(0).getString();
                const std::string at = q->getColumn(3).getString();
                std::optional<std::int64_t> by;
                if (!q->isColumnNull(4)) by = q->getColumn(4).getInt64();
                if (at < cutoff) then[field] = {detail::stored_value(*q, 2), at, by};
                else if (!then.count(field) && !decided.count(field)) then[field] = {detail::stored_value(*q, 1), "", std::nullopt};
                decided.insert(field);
            }
            // Fields never changed since then hold their current value, if the customer was on file.
            for (auto& [key, s] : stored)
                if (!decided.count(key)) then[key] = s;
            // Before the customer was filed there was no profile at all (the record's gender and
            // phones were not known either, whatever their first change says they were before).
            if (c.filed_at >= cutoff) then.clear();
            stored = std::move(then);
        }
        for (const FieldDef& f : t.fields) {
            ProfileEntry e;
            e.field = f;
            if (auto it = stored.find(f.key); it != stored.end()) {
                // A sealed value this handle cannot open is withheld, or (revealed) forbidden.
                const bool closed = detail::shut(sealing_, it->second.value);
                if (!closed) e.value = detail::decode_value(f, detail::plain(sealing_, it->second.value, customer_id, f.key));
                if (closed || detail::is_set(e.value)) {
                    e.updated_at = it->second.at;
                    e.updated_by = it->second.by;
                    if (masking.withholds(f)) {
                        e.masked = closed ? std::string(masked_value) : masked_text(f, e.value);
                        e.value = std::monostate{};
                    } else if (closed) {
                        detail::plain(sealing_, it->second.value, customer_id, f.key);   // forbidden: no key
                    }
                }
            }
            p.entries.push_back(std::move(e));
        }
        masking.record("profile.reveal");
        return p;
    });
}

std::vector<HistoryEntry> Profiles::history(std::int64_t customer_id, std::string_view field,
                                            const Reveal& reveal) const {
    return read_or_audit(store_, reveal, [&] {
        const Owner owner = owner_of(store_, customer_id);
        Masking masking(store_, customer_id, reveal);
        const Template& t = template_of(store_, cache_, owner);
        if (!field.empty() && !t.field(field))
            throw_invalid("field", "'" + std::string(field) + "' is not a field of site " + owner.site + "'s profile template");
        Query q(store_, "SELECT id, field, old_value, new_value, changed_by, changed_at FROM profile_history "
                        "WHERE customer_id = ?1 AND (?2 IS NULL OR field = ?2) ORDER BY id");
        q->bind(1, customer_id);
        if (field.empty()) q->bind(2);
        else q->bind(2, std::string(field));
        std::vector<HistoryEntry> out;
        while (q->executeStep()) {
            HistoryEntry h;
            h.id = q->getColumn(0).getInt64();
            h.customer_id = customer_id;
            h.field = q->getColumn(1).getString();
            const std::optional<detail::StoredValue> old_value = detail::stored_value(*q, 2), new_value = detail::stored_value(*q, 3);
            const FieldDef* f = t.field(h.field);
            if (f) h.type = f->type;
            // Withheld: a sensitive field's values unless revealed; a sealed value of a field the
            // template no longer has, when this handle cannot open it.
            if (f ? masking.withholds(*f) : detail::shut(sealing_, old_value) || detail::shut(sealing_, new_value)) {
                h.masked = true;
            } else if (f) {
                h.old_value = detail::decode_value(*f, detail::plain(sealing_, old_value, customer_id, h.field));
                h.new_value = detail::decode_value(*f, detail::plain(sealing_, new_value, customer_id, h.field));
            } else {
                if (auto v = detail::plain(sealing_, old_value, customer_id, h.field)) h.old_value = *v;
                if (auto v = detail::plain(sealing_, new_value, customer_id, h.field)) h.new_value = *v;
            }
            if (!q->isColumnNull(4)) h.by = q->getColumn(4).getInt64();
            h.at = q->getColumn(5).getString();
            out.push_back(std::move(h));
        }
        masking.record("profile.history.reveal");
        return out;
    });
}

Completeness Profiles::completeness(std::int64_t customer_id, int ask_next) const {
    check_ask_next(ask_next);
    return store_.read([&] {
        const Customer c = detail::customer_on_file(customers_, customer_id);
        const Template& t = cache_.of_site(store_, c.site, "site");
        const Stored stored = stored_values(store_, customer_id);
        std::vector<bool> filled(t.fields.size());
        for (std::size_t i = 0; i < t.fields.size(); ++i) filled[i] = value_of(t.fields[i], c, stored).has_value();
        return detail::score(t, filled, family_facts(store_, customer_id), customer_id, ask_next);
    });
}

ProfileSummary Profiles::summary(const Customer& c, const std::vector<FamilyMember>& family, Language language,
                                 int ask_next) const {
    check_ask_next(ask_next);
    return store_.read([&] {
        const Template& t = cache_.of_site(store_, c.site, "site");
        const Stored stored = stored_values(store_, c.id);
        std::optional<bool> seen;
        const auto sees = [&] {
            if (!seen) seen = detail::may_see(store_, store_.actor(), detail::require_subject(store_, c.id));
            return *seen;
        };
        ProfileSummary out;
        std::vector<bool> filled(t.fields.size());
        for (std::size_t i = 0; i < t.fields.size(); ++i) {
            const FieldDef& f = t.fields[i];
            const std::optional<detail::StoredValue> value = value_of(f, c, stored);
            if (!value) continue;
            filled[i] = true;
            if (f.in_briefing && !f.hidden) {
                // A sealed value this handle cannot open shows masked.
                if (detail::shut(sealing_, value)) {
                    out.shown.push_back({f.key, f.label.in(language), std::string(masked_value)});
                    continue;
                }
                const FieldValue v = detail::decode_value(f, detail::plain(sealing_, value, c.id, f.key));
                // A sensitive value serves the visit it briefs (the service relationship) when the
                // customer's separate consent is in force and the actor may see them; else masked.
                const auto category = sensitive_category(f.sensitivity);
                const bool shown = !category || (sees() && detail::has_sensitive_consent(store_, c.id, *category));
                out.shown.push_back({f.key, f.label.in(language), shown ? display(f, v, language) : masked_text(f, v)});
            }
        }
        detail::FamilyFacts facts;
        for (const FamilyMember& m : family) facts.add(m.relation, !m.education.empty(), !m.interests.empty(), m.closest);
        const Completeness score = detail::score(t, filled, facts, c.id, ask_next);
        out.completeness = score.score;
        for (const std::string& key : score.ask_next) {
            const FieldDef* f = t.field(key);
            out.ask_next.push_back({key, f->label.in(language), f->help.in(language)});
        }
        return out;
    });
}

SiteCompleteness Profiles::site_completeness(std::string_view site) const {
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        const Template& t = cache_.current(store_, s.id, s.code);
        // Each customer's filled fields (by their place in the template), streamed in customer
        // order from four indexed reads.
        struct Row {
            std::int64_t id;
            std::optional<std::int64_t> consultant;
            std::vector<bool> filled;
            detail::FamilyFacts family;
            // The bound fields' keys are their bindings (gender, mobile, home_phone, office_phone).
            void fill(const std::map<std::string, std::size_t, std::less<>>& place, std::string_view key) {
                if (auto it = place.find(key); it != place.end()) filled[it->second] = true;
            }
        };
        std::map<std::string, std::size_t, std::less<>> place;
        for (std::size_t i = 0; i < t.fields.size(); ++i) place.emplace(t.fields[i].key, i);
        std::vector<Row> rows;
        std::map<std::int64_t, std::size_t> index;
        {
            Query q(store_, "SELECT id, consultant_id, gender, mobile FROM customers "
                            "WHERE site_id = ? AND deleted_at IS NULL ORDER BY id");
            q->bind(1, s.id);
            while (q->executeStep()) {
                Row r{q->getColumn(0).getInt64(), std::nullopt, std::vector<bool>(t.fields.size()), {}};
                if (!q->isColumnNull(1)) r.consultant = q->getColumn(1).getInt64();
                if (q->getColumn(2).getString() != "unknown") r.fill(place, "gender");
                if (!q->getColumn(3).getString().empty()) r.fill(place, "mobile");
                index[r.id] = rows.size();
                rows.push_back(std::move(r));
            }
        }
        const auto each = [&](const char* sql, auto&& add) {
            Query q(store_, sql);
            q->bind(1, s.id);
            while (q->executeStep()) {
                auto it = index.find(q->getColumn(0).getInt64());
                if (it != index.end()) add(rows[it->second], *q);
            }
        };
        each("SELECT customer_id, kind FROM customer_phones WHERE site_id = ? AND kind IN ('home', 'office')",
             [&](Row& r, SQLite::Statement& q) { r.fill(place, q.getColumn(1).getString() + "_phone"); });
        each("SELECT v.customer_id, v.field FROM profile_values v JOIN customers c ON c.id = v.customer_id "
             "WHERE c.site_id = ?",
             [&](Row& r, SQLite::Statement& q) { r.fill(place, q.getColumn(1).getText()); });
        each("SELECT f.customer_id, f.relation, f.education <> '', f.interests <> '', f.closest FROM family_members f "
             "JOIN customers c ON c.id = f.customer_id WHERE c.site_id = ?",
             [](Row& r, SQLite::Statement& q) {
                 r.family.add(parse_relation(q.getColumn(1).getText()), q.getColumn(2).getInt() != 0,
                              q.getColumn(3).getInt() != 0, q.getColumn(4).getInt() != 0);
             });

        SiteCompleteness out;
        out.site = s.code;
        std::map<std::optional<std::int64_t>, std::pair<std::int64_t, double>> by_consultant;
        double sum = 0;
        for (const Row& r : rows) {
            const double v = detail::score(t, r.filled, r.family, r.id, 0).score;
            sum += v;
            auto& [n, total] = by_consultant[r.consultant];
            ++n;
            total += v;
        }
        out.customers = static_cast<std::int64_t>(rows.size());
        out.mean = rows.empty() ? 0 : sum / static_cast<double>(rows.size());
        for (const auto& [id, agg] : by_consultant) {
            ConsultantScore cs;
            cs.consultant_id = id;
            if (id) cs.name = detail::require_consultant(store_, *id, "consultant_id").name;
            cs.customers = agg.first;
            cs.mean = agg.second / static_cast<double>(agg.first);
            out.leaderboard.push_back(std::move(cs));
        }
        std::stable_sort(out.leaderboard.begin(), out.leaderboard.end(), [](const ConsultantScore& a, const ConsultantScore& b) {
            return a.mean != b.mean ? a.mean > b.mean : a.customers > b.customers;
        });
        for (std::size_t i = 0; i < out.leaderboard.size(); ++i) out.leaderboard[i].rank = static_cast<int>(i) + 1;
        return out;
    });
}

Distribution Profiles::distribution(const DistributionQuery& query) const {
    if (query.from && query.to && *query.from > *query.to) throw_invalid("from", "is after to");
    return store_.read([&] {
        const Site s = detail::require_site(store_, query.site, "site");
        const Template& t = cache_.current(store_, s.id, s.code);
        if (!t.field(query.field))
            throw_invalid("field", "'" + query.field + "' is not a field of site " + s.code + "'s profile template");
        const FieldDef& f = *t.field(query.field);
        if (f.type != FieldType::single_choice && f.type != FieldType::multi_choice && f.type != FieldType::yes_no)
            throw_invalid("field", query.field + " is a " + to_string(f.type) + " field; distributions are of choice and yes/no fields");
        Distribution d;
        d.field = f.key;
        d.label = f.label.in(query.language);
        // The options to count, in template order.
        std::vector<FieldOption> options = f.options;
        if (f.type == FieldType::yes_no)
            options = {{"yes", {"是", "是", "Yes"}}, {"no", {"否", "否", "No"}}};
        std::map<std::string, std::size_t> slot;
        for (const FieldOption& o : options) {
            slot[o.key] = d.options.size();
            d.options.push_back({o.key, o.label.in(query.language), {}, 0, 0});
        }
        const std::string from = query.from ? to_iso(*query.from) : "0000-00-00";
        const std::string to = query.to ? to_iso(*query.to) : "9999-99-99";
        {
            Query q(store_, "SELECT stage, count(*) FROM customers WHERE site_id = ? AND deleted_at IS NULL "
                            "AND first_contact BETWEEN ? AND ? GROUP BY stage");
            q->bind(1, s.id);
            q->bind(2, from);
            q->bind(3, to);
            while (q->executeStep()) d.customers[parse_stage(q->getColumn(0).getText())] = q->getColumn(1).getInt64();
        }
        const auto count = [&](Stage stage, const FieldValue& v) {
            std::vector<std::string> keys;
            if (auto list = std::get_if<std::vector<std::string>>(&v)) keys = *list;
            else if (auto text = std::get_if<std::string>(&v)) keys = {*text};
            else if (auto yes = std::get_if<bool>(&v)) keys = {*yes ? "yes" : "no"};
            if (keys.empty()) return;
            ++d.answered[stage];
            for (const auto& k : keys)
                if (auto it = slot.find(k); it != slot.end()) {
                    ++d.options[it->second].by_stage[stage];
                    ++d.options[it->second].total;
                }
        };
        if (f.bound_to == "gender") {
            Query q(store_, "SELECT stage, gender FROM customers WHERE site_id = ? AND deleted_at IS NULL "
                            "AND first_contact BETWEEN ? AND ? AND gender <> 'unknown'");
            q->bind(1, s.id);
            q->bind(2, from);
            q->bind(3, to);
            while (q->executeStep()) count(parse_stage(q->getColumn(0).getText()), q->getColumn(1).getString());
        } else {
            Query q(store_, "SELECT c.stage, v.value, v.customer_id FROM profile_values v JOIN customers c ON c.id = v.customer_id "
                            "WHERE v.field = ? AND c.site_id = ? AND c.deleted_at IS NULL AND c.first_contact BETWEEN ? AND ?");
            q->bind(1, f.key);
            q->bind(2, s.id);
            q->bind(3, from);
            q->bind(4, to);
            while (q->executeStep())
                count(parse_stage(q->getColumn(0).getText()),
                      detail::decode_value(f, detail::plain(sealing_, detail::stored_value(*q, 1), q->getColumn(2).getInt64(), f.key)));
        }
        std::int64_t answered = 0;
        for (const auto& [stage, n] : d.answered) answered += n;
        for (auto& o : d.options) o.share = answered ? static_cast<double>(o.total) / static_cast<double>(answered) : 0;
        return d;
    });
}

} // namespace snowball
