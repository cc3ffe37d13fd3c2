// The person's rights and retention (snowball/rights.hpp): erasure, the person's copy, retention
// periods, legal holds and the sweep. Every rule of who may do what is the privacy module's.
#include "snowball/rights.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "codec/contacts.hpp"
#include "codec/customers.hpp"
#include "codec/feedback.hpp"
#include "codec/json.hpp"
#include "codec/privacy.hpp"
#include "codec/profiles.hpp"
#include "codec/referrals.hpp"
#include "common/text.hpp"
#include "privacy/access.hpp"
#include "privacy/audit.hpp"
#include "privacy/erasure.hpp"

namespace snowball {

using codec::json;
using detail::Query;

namespace {

// The host, or an administrator of `site`.
void require_admin(const Actor& actor, const std::string& site, const std::string& field) {
    if (actor.kind == ActorKind::host || (actor.kind == ActorKind::site_admin && actor.site == site)) return;
    throw Error(Status::forbidden,
                field + ": " + actor.text() + " may not change retention at site " + site +
                    ": it takes the site's administrator or the host system",
                field);
}

constexpr const char* copy_reason = "the person's copy (PIPL Art. 45)";

} // namespace

Privacy::Privacy(detail::Store& store, Customers& customers, Profiles& profiles, Family& family, Feedback& feedback,
                 Surveys& surveys, Referrals& referrals, Contacts& contacts, Consents& consents, Audit& audit)
    : store_(store), customers_(customers), profiles_(profiles), family_(family), feedback_(feedback),
      surveys_(surveys), referrals_(referrals), contacts_(contacts), consents_(consents), audit_(audit) {}

void Privacy::erase(std::int64_t customer_id, std::optional<std::int64_t> by) { customers_.remove(customer_id, by); }

std::string Privacy::personal_copy(std::int64_t customer_id, std::optional<std::int64_t> by) {
    return store_.write([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        const Actor actor = detail::acting(store_, by);
        detail::require_manager(store_.actor(), subject, "customer_id");
        json doc;
        doc["format"] = "snowball-personal-copy-1";
        doc["generated_at"] = text::now_utc();
        doc["customer"] = customers_.get(customer_id);
        doc["visits"] = customers_.visits(customer_id);
        doc["deals"] = customers_.deals(customer_id);
        const Reveal reveal{true, copy_reason};
        doc["profile"] = codec::view(profiles_.get(customer_id, std::nullopt, reveal), Language::zh);
        doc["profile_history"] = profiles_.history(customer_id, {}, reveal);
        doc["family"] = family_.list(customer_id);
        json tickets = json::array();
        TicketQuery tq;
        tq.customer_id = customer_id;
        tq.limit = 10000;
        for (const Ticket& t : feedback_.list(tq).items) {
            json entry = t;
            entry["history"] = feedback_.history(t.id);
            tickets.push_back(std::move(entry));
        }
        doc["tickets"] = std::move(tickets);
        ResponseQuery rq;
        rq.customer_id = customer_id;
        rq.limit = 10000;
        doc["survey_responses"] = surveys_.responses(rq).items;
        doc["referrals"] = referrals_.of(customer_id);
        doc["contacts"] = contacts_.history(customer_id, 10000, true);
        doc["consents"] = consents_.of(customer_id);
        detail::audit(store_, actor.text(), "privacy.export", customer_id, "the person's copy");
        json audit = json::array();
        AuditQuery aq;
        aq.subject_id = customer_id;
        aq.limit = 10000;
        for (;;) {
            const Page<AuditEntry> page = audit_.list(aq);
            for (const AuditEntry& e : page.items) audit.push_back(e);
            aq.offset += static_cast<std::int64_t>(page.items.size());
            if (page.items.empty() || aq.offset >= page.total) break;
        }
        doc["audit"] = std::move(audit);
        return codec::dump(doc);
    });
}

namespace {

std::string escape_html(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string cell(const json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return escape_html(v.get<std::string>());
    if (v.is_boolean()) return v.get<bool>() ? "是" : "否";
    if (v.is_primitive()) return escape_html(v.dump());
    if (v.is_array() && std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_primitive(); })) {
        std::string out;
        for (const auto& x : v) out += (out.empty() ? "" : "、") + cell(x);
        return out;
    }
    // A nested record: a table of its own.
    std::string out = "<table>";
    if (v.is_object()) {
        for (const auto& [k, x] : v.items()) out += "<tr><th>" + escape_html(k) + "</th><td>" + cell(x) + "</td></tr>";
    } else {
        for (const auto& x : v) out += "<tr><td>" + cell(x) + "</td></tr>";
    }
    return out + "</table>";
}

// The sections of the copy, in the order and with the titles the person reads.
constexpr std::pair<const char*, const char*> sections[] = {
    {"customer", "客户档案"},     {"visits", "来访记录"},       {"deals", "成交记录"},
    {"profile", "客户信息档案"},  {"profile_history", "档案修改记录"}, {"family", "家庭成员"},
    {"tickets", "投诉与建议"},    {"survey_responses", "满意度调查"}, {"referrals", "推荐关系"},    {"contacts", "联系记录"},
    {"consents", "授权同意记录"}, {"audit", "个人信息处理记录"},
};

} // namespace

std::string Privacy::personal_copy_html(std::int64_t customer_id, std::optional<std::int64_t> by) {
    const json doc = codec::parse(personal_copy(customer_id, by), "personal copy");
    std::string html = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                       "<title>个人信息副本</title><style>body{font-family:sans-serif;margin:2em}"
                       "table{border-collapse:collapse;margin:.3em 0}th,td{border:1px solid #ccc;padding:.2em .5em;"
                       "text-align:left;vertical-align:top}th{background:#f4f4f4}</style></head><body>\n";
    html += "<h1>个人信息副本</h1>\n<p>依据《个人信息保护法》第四十五条，以下为本档案中关于您的全部个人信息。生成时间：" +
            escape_html(doc.value("generated_at", "")) + "</p>\n";
    for (const auto& [key, title] : sections) {
        html += "<h2>" + std::string(title) + "</h2>\n";
        const json& v = doc.at(key);
        if ((v.is_array() && v.empty()) || v.is_null()) html += "<p>（无）</p>\n";
        else html += cell(v) + "\n";
    }
    return html + "</body></html>\n";
}

void Privacy::grant_access(std::int64_t customer_id, std::int64_t consultant_id, std::optional<std::int64_t> by) {
    store_.write([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        const Actor actor = detail::acting(store_, by);
        detail::require_manager(store_.actor(), subject, "customer_id");
        const Consultant c = detail::require_consultant(store_, consultant_id, "consultant_id");
        if (c.site != subject.site)
            throw_invalid("consultant_id", "consultant " + std::to_string(c.id) + " works at site " + c.site +
                                               ", not at the customer's site " + subject.site);
        Query q(store_, "INSERT INTO access_grants(customer_id, consultant_id, granted_by, granted_at) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (customer_id, consultant_id) DO NOTHING");
        q->bind(1, customer_id);
        q->bind(2, consultant_id);
        q->bind(3, actor.text());
        q->bind(4, text::now_utc());
        q->exec();
        detail::audit(store_, actor.text(), "access.grant", customer_id, "consultant:" + std::to_string(consultant_id));
    });
}

void Privacy::revoke_access(std::int64_t customer_id, std::int64_t consultant_id, std::optional<std::int64_t> by) {
    store_.write([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        const Actor actor = detail::acting(store_, by);
        detail::require_manager(store_.actor(), subject, "customer_id");
        Query q(store_, "DELETE FROM access_grants WHERE customer_id = ? AND consultant_id = ?");
        q->bind(1, customer_id);
        q->bind(2, consultant_id);
        if (q->exec() == 0)
            throw Error(Status::not_found,
                        "consultant_id: consultant " + std::to_string(consultant_id) + " has no access granted to customer " +
                            std::to_string(customer_id),
                        "consultant_id");
        detail::audit(store_, actor.text(), "access.revoke", customer_id, "consultant:" + std::to_string(consultant_id));
    });
}

void Privacy::set_retention(std::string_view site, Stage stage, std::optional<int> days) {
    if (days && (*days < 1 || *days > 36500)) throw_invalid("days", std::to_string(*days) + " is not between 1 and 36500");
    store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        require_admin(store_.actor(), s.code, "site");
        if (days) {
            Query q(store_, "INSERT INTO retention_rules(site_id, stage, days) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT (site_id, stage) DO UPDATE SET days = ?3");
            q->bind(1, s.id);
            q->bind(2, to_string(stage));
            q->bind(3, *days);
            q->exec();
        } else {
            Query q(store_, "DELETE FROM retention_rules WHERE site_id = ? AND stage = ?");
            q->bind(1, s.id);
            q->bind(2, to_string(stage));
            q->exec();
        }
        detail::audit(store_, store_.actor().text(), "retention.set", std::nullopt,
                      "site " + s.code + ", " + to_string(stage) + ": " + (days ? std::to_string(*days) + " days" : "none"));
    });
}

std::vector<RetentionRule> Privacy::retention(std::string_view site) const {
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(site).empty()) site_id = detail::require_site(store_, site, "site").id;
        Query q(store_, "SELECT s.code, r.stage, r.days FROM retention_rules r JOIN sites s ON s.id = r.site_id "
                        "WHERE ?1 IS NULL OR r.site_id = ?1 ORDER BY s.code, r.stage");
        detail::bind_optional(*q, 1, site_id);
        std::vector<RetentionRule> out;
        while (q->executeStep())
            out.push_back({q->getColumn(0).getString(), parse_stage(q->getColumn(1).getString()), q->getColumn(2).getInt()});
        return out;
    });
}

LegalHold Privacy::hold(std::int64_t customer_id, const std::string& reason, std::optional<std::int64_t> by) {
    const std::string why = text::clean(reason, "reason", 500, true, text::Lines::multi);
    return store_.write([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        const Actor actor = detail::acting(store_, by);
        detail::require_manager(store_.actor(), subject, "customer_id");
        LegalHold h{customer_id, why, actor.text(), text::now_utc()};
        Query q(store_, "INSERT INTO legal_holds(customer_id, reason, held_by, held_at) VALUES (?1, ?2, ?3, ?4) "
                        "ON CONFLICT (customer_id) DO UPDATE SET reason = ?2, held_by = ?3, held_at = ?4");
        q->bind(1, customer_id);
        q->bind(2, h.reason);
        q->bind(3, h.held_by);
        q->bind(4, h.held_at);
        q->exec();
        detail::audit(store_, actor.text(), "retention.hold", customer_id, "reason: " + h.reason);
        return h;
    });
}

void Privacy::release(std::int64_t customer_id, std::optional<std::int64_t> by) {
    store_.write([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        const Actor actor = detail::acting(store_, by);
        detail::require_manager(store_.actor(), subject, "customer_id");
        Query q(store_, "DELETE FROM legal_holds WHERE customer_id = ?");
        q->bind(1, customer_id);
        if (q->exec() == 0)
            throw Error(Status::not_found, "customer_id: customer " + std::to_string(customer_id) + " is not held",
                        "customer_id");
        detail::audit(store_, actor.text(), "retention.release", customer_id);
    });
}

std::vector<LegalHold> Privacy::holds(std::string_view site) const {
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(site).empty()) site_id = detail::require_site(store_, site, "site").id;
        Query q(store_, "SELECT h.customer_id, h.reason, h.held_by, h.held_at FROM legal_holds h "
                        "JOIN customers c ON c.id = h.customer_id WHERE ?1 IS NULL OR c.site_id = ?1 ORDER BY h.customer_id");
        detail::bind_optional(*q, 1, site_id);
        std::vector<LegalHold> out;
        while (q->executeStep())
            out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(), q->getColumn(2).getString(),
                           q->getColumn(3).getString()});
        return out;
    });
}

SweepReport Privacy::sweep(std::optional<Date> on, bool rehearsal) {
    SweepReport report;
    report.on = on ? *on : today_in_china();
    report.rehearsal = rehearsal;
    const Actor& actor = store_.actor();
    if (actor.kind != ActorKind::host && actor.kind != ActorKind::site_admin)
        throw Error(Status::forbidden, "actor: " + actor.text() + " may not sweep: it takes a site's administrator or the host",
                    "actor");
    store_.write_if([&] {
        // The customers past their period: the latest of first contact, visits, deals and the day
        // the contact log last reached them is their last contact; the period is their site's for
        // their stage.
        Query q(store_, R"(
            SELECT c.id, c.stage, EXISTS (SELECT 1 FROM legal_holds h WHERE h.customer_id = c.id)
            FROM customers c
            JOIN sites s ON s.id = c.site_id
            JOIN retention_rules r ON r.site_id = c.site_id AND r.stage = c.stage
            WHERE c.deleted_at IS NULL AND (?2 = '' OR s.code = ?2)
              AND date(max(c.first_contact,
                           coalesce((SELECT max(v.visit_date) FROM visits v WHERE v.customer_id = c.id), ''),
                           coalesce((SELECT max(d.deal_date) FROM deals d WHERE d.customer_id = c.id), ''),
                           coalesce((SELECT f.last_reached_day FROM contact_followups f WHERE f.customer_id = c.id), '')),
                       '+' || r.days || ' days') < ?1
            ORDER BY c.id)");
        q->bind(1, to_iso(report.on));
        q->bind(2, actor.kind == ActorKind::site_admin ? actor.site : std::string());
        std::vector<std::int64_t> due;
        while (q->executeStep()) {
            const std::int64_t id = q->getColumn(0).getInt64();
            if (q->getColumn(2).getInt()) report.held.push_back(id);
            else if (q->getColumn(1).getString() == "owner") report.owners_kept.push_back(id);
            else due.push_back(id);
        }
        q->reset();
        for (std::int64_t id : due) {
            if (!rehearsal) customers_.remove(id);
            report.erased.push_back(id);
        }
        detail::audit(store_, actor.text(), rehearsal ? "retention.rehearse" : "retention.sweep", std::nullopt,
                      "on " + to_iso(report.on) + ": " + std::to_string(report.erased.size()) + " erased, " +
                          std::to_string(report.held.size()) + " held, " + std::to_string(report.owners_kept.size()) +
                          " owners kept");
        return std::pair<int, bool>{0, true};
    });
    if (!rehearsal && !report.erased.empty()) detail::scrub_after_erasure(store_);
    return report;
}

} // namespace snowball
