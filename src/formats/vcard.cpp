// Customers and their family as vCards, and vCards filed as customers (snowball/formats.hpp).
#include "archive/records.hpp"
#include "archive/store.hpp"
#include "formats/vcard.hpp"
#include "snowball/formats.hpp"
#include "snowball/profiles.hpp"

#include <map>

namespace snowball {

namespace {

const std::string uid_prefix = "urn:snowball:";

std::string customer_uid(const Customer& c) { return uid_prefix + c.archive_no; }
std::string member_uid(const Customer& c, const FamilyMember& m) {
    return customer_uid(c) + ":family:" + std::to_string(m.id);
}

// A text field of the profile as shown to this handle's actor ("" when empty or masked).
std::string profile_text(const Profile& profile, std::string_view key) {
    const ProfileEntry* e = profile.entry(key);
    if (!e || e->masked || e->field.hidden) return "";
    const auto* s = std::get_if<std::string>(&e->value);
    return s ? *s : "";
}

// Every customer `what` names, in id order.
std::vector<Customer> chosen(const Customers& customers, const VcardExport& what) {
    if (!what.customer_ids.empty()) {
        std::vector<Customer> out;
        for (std::int64_t id : what.customer_ids) out.push_back(customers.get(id));
        return out;
    }
    std::vector<Customer> out;
    CustomerQuery q;
    q.site = what.site;
    q.limit = 10000;
    for (;;) {
        Page<Customer> page = customers.list(q);
        for (Customer& c : page.items) out.push_back(std::move(c));
        q.offset += static_cast<std::int64_t>(page.items.size());
        if (page.items.empty() || q.offset >= page.total) break;
    }
    return out;
}

} // namespace

std::string Formats::export_vcard(const VcardExport& what) const {
    return store_.read([&] {
        if (!what.site.empty()) detail::require_site(store_, what.site, "site");
        std::string out;
        for (const Customer& c : chosen(customers_, what)) {
            detail::vcard::Person p;
            p.uid = customer_uid(c);
            p.name = c.name;
            p.gender = c.gender;
            p.mobile = c.mobile;
            p.phones = c.phones;
            p.birthday = c.birthday;
            p.note = c.note;
            const Profile profile = profiles_.get(c.id);
            p.org = profile_text(profile, "company");
            p.title = profile_text(profile, "position");
            const std::vector<FamilyMember> family = what.family ? family_.list(c.id) : std::vector<FamilyMember>{};
            for (const FamilyMember& m : family) p.related.emplace_back(detail::vcard::related_type(m.relation), member_uid(c, m));
            detail::vcard::write(out, p);
            for (const FamilyMember& m : family) {
                detail::vcard::Person f;
                f.uid = member_uid(c, m);
                f.name = m.name;
                f.gender = m.gender;
                f.mobile = m.phone;
                f.birthday = m.birthday;
                f.org = m.employer;
                f.note = m.note;
                f.relation = m.relation;
                f.related.emplace_back(detail::vcard::inverse_related_type(m.relation), customer_uid(c));
                detail::vcard::write(out, f);
            }
        }
        return out;
    });
}

VcardImportReport Formats::import_vcard(std::string_view text, const VcardImport& options) {
    const std::vector<detail::vcard::Card> cards = detail::vcard::parse(text);
    if (cards.empty()) throw_invalid("text", "holds no vCard (no line BEGIN:VCARD)");
    return store_.write_if([&] {
        detail::require_site(store_, options.site, "site");
        if (options.consultant_id) detail::require_consultant_at(store_, *options.consultant_id, options.site, "consultant_id");
        const Template tmpl = templates_.get(options.site);
        VcardImportReport report;
        report.cards = static_cast<std::int64_t>(cards.size());
        report.dry_run = options.dry_run;
        report.outcomes.resize(cards.size());
        std::vector<std::optional<detail::vcard::Person>> persons(cards.size());
        std::map<std::string, std::int64_t> customer_of_uid;   // the customers of this file, by UID

        // The customer a RELATED names by archive number; none for a number that is not one.
        const auto customer_numbered = [&](const std::string& number) -> std::optional<Customer> {
            try {
                return customers_.by_archive_no(number);
            } catch (const Error& e) {
                if (e.status() != Status::invalid_argument) throw;
                return std::nullopt;
            }
        };
        const auto skip = [&](std::size_t i, std::int64_t line, std::string field, std::string reason) {
            VcardOutcome& o = report.outcomes[i];
            o.action = VcardAction::skipped;
            o.error_line = line;
            o.field = std::move(field);
            o.reason = std::move(reason);
            o.customer_id.reset();
            o.family_member_id.reset();
        };
        for (std::size_t i = 0; i < cards.size(); ++i) {
            report.outcomes[i].line = cards[i].line;
            detail::vcard::Problem problem;
            persons[i] = detail::vcard::read(cards[i], problem);
            if (persons[i]) report.outcomes[i].uid = persons[i]->uid;
            else skip(i, problem.line, problem.field, problem.reason);
        }
        // Customers first, so that family cards find them wherever they stand in the file.
        for (std::size_t i = 0; i < cards.size(); ++i) {
            if (!persons[i] || persons[i]->relation) continue;
            const detail::vcard::Person& p = *persons[i];
            VcardOutcome& o = report.outcomes[i];
            try {
                store_.write([&] {   // a savepoint: a card that fails leaves nothing behind
                    std::vector<std::string> numbers;
                    if (!p.mobile.empty()) numbers.push_back(p.mobile);
                    for (const Phone& ph : p.phones) numbers.push_back(ph.number);
                    for (const std::string& n : numbers)
                        if (std::optional<Customer> existing = customers_.by_phone(n, options.site)) {
                            o.action = VcardAction::matched;
                            o.customer_id = existing->id;
                            return;
                        }
                    NewCustomer nc;
                    nc.site = options.site;
                    nc.channel = options.channel;
                    nc.name = p.name;
                    nc.gender = p.gender;
                    nc.mobile = p.mobile;
                    nc.phones = p.phones;
                    nc.consultant_id = options.consultant_id;
                    nc.note = p.note;
                    nc.birthday = p.birthday;
                    const Customer c = customers_.add(nc);
                    std::map<std::string, std::string> values;
                    if (!p.org.empty() && tmpl.field("company")) values["company"] = p.org;
                    if (!p.title.empty() && tmpl.field("position")) values["position"] = p.title;
                    if (!values.empty()) profiles_.set_text(c.id, values);
                    o.action = VcardAction::filed;
                    o.customer_id = c.id;
                });
                if (!p.uid.empty()) customer_of_uid[p.uid] = *o.customer_id;
                (o.action == VcardAction::filed ? report.filed : report.matched)++;
            } catch (const Error& e) {
                skip(i, cards[i].line, e.field(), e.what());
            }
        }
        for (std::size_t i = 0; i < cards.size(); ++i) {
            if (!persons[i] || !persons[i]->relation) continue;
            const detail::vcard::Person& p = *persons[i];
            VcardOutcome& o = report.outcomes[i];
            std::optional<std::int64_t> owner;
            for (const auto& [type, uid] : p.related) {
                if (auto it = customer_of_uid.find(uid); it != customer_of_uid.end()) owner = it->second;
                else if (uid.rfind(uid_prefix, 0) == 0)
                    if (auto c = customer_numbered(uid.substr(uid_prefix.size())); c && c->site == options.site) owner = c->id;
                if (owner) break;
            }
            if (!owner) {
                const detail::vcard::Property* related = cards[i].first("RELATED");
                skip(i, related ? related->line : cards[i].line, "RELATED",
                     "a family member's card must be RELATED to a customer of the file or of the site (urn:snowball:<archive number>)");
                continue;
            }
            try {
                store_.write([&] {
                    for (const FamilyMember& m : family_.list(*owner))
                        if (m.name == p.name && m.relation == *p.relation) {   // on file already: an earlier import
                            o.action = VcardAction::matched;
                            o.customer_id = owner;
                            o.family_member_id = m.id;
                            return;
                        }
                    NewFamilyMember m;
                    m.relation = *p.relation;
                    m.name = p.name;
                    m.gender = p.gender;
                    m.birthday = p.birthday;
                    m.phone = !p.mobile.empty() ? p.mobile : p.phones.empty() ? "" : p.phones.front().number;
                    m.employer = p.org;
                    m.note = p.note;
                    const FamilyMember added = family_.add(*owner, m);
                    o.action = VcardAction::family;
                    o.customer_id = owner;
                    o.family_member_id = added.id;
                });
                (o.action == VcardAction::family ? report.family : report.matched)++;
            } catch (const Error& e) {
                skip(i, cards[i].line, e.field(), e.what());
            }
        }
        for (const VcardOutcome& o : report.outcomes) report.skipped += o.action == VcardAction::skipped;
        return std::pair<VcardImportReport, bool>{report, !options.dry_run};
    });
}

} // namespace snowball
