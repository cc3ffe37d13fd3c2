// Follow-up: the consultant's list of a day (contacts due and care tasks in one list) and the
// customers not contacted for a while.
#include "contacts/contact_store.hpp"

#include "archive/records.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "privacy/access.hpp"

#include <algorithm>
#include <array>

namespace snowball {

using detail::Query;

// Customers marked lost (Customers::mark_lost) are not followed up: not due, not "not contacted".
#define SNOWBALL_NOT_LOST \
    "AND NOT EXISTS (SELECT 1 FROM customer_losses l WHERE l.customer_id = c.id AND l.undone_at IS NULL)"

namespace detail {

// Whose customers a list may show to the handle's actor: a consultant their own, a manager or an
// administrator their site's, the host any. Returns the site and, for a consultant, forces their id.
Site list_scope(Store& store, std::string_view site_code, std::optional<std::int64_t>& consultant_id) {
    std::optional<Site> site;
    if (consultant_id) {
        const Consultant c = require_consultant(store, *consultant_id, "consultant_id");
        site = require_site(store, c.site, "site");
        if (!text::trim(site_code).empty() && site->code != text::upper_ascii(text::trim(site_code)))
            throw_invalid("consultant_id", "consultant " + std::to_string(c.id) + " works at site " + c.site);
    } else {
        if (text::trim(site_code).empty()) throw_invalid("site", "give a site or a consultant");
        site = require_site(store, site_code, "site");
    }
    const Actor& actor = store.actor();
    if (actor.kind == ActorKind::consultant) {
        if (consultant_id && *consultant_id != actor.consultant_id)
            throw Error(Status::forbidden,
                        "consultant_id: " + actor.text() + " may list their own customers only, not consultant " +
                            std::to_string(*consultant_id) + "'s",
                        "consultant_id");
        consultant_id = actor.consultant_id;
    }
    require_actor_site(actor, site->code, "site");
    return *site;
}

} // namespace detail

std::vector<DueItem> Contacts::due(const DueQuery& query) {
    const Date day = query.on.value_or(today_in_china());
    return store_.write([&] {
        std::optional<std::int64_t> consultant = query.consultant_id;
        const Site site = detail::list_scope(store_, query.site, consultant);
        const ContactSettings settings = detail::load_contact_settings(store_, site.id, site.code);
        std::vector<DueItem> items;
        const auto allowed = [&](std::int64_t customer, std::optional<ContactChannel> channel) {
            return detail::purpose_allowed(store_, customer, Purpose::service, channel ? to_string(*channel) : "");
        };
        // Contacts due: planned, or by the policy.
        {
            const char* by_consultant =
                "SELECT f.customer_id, f.next_on, f.next_time, f.next_channel, f.next_purpose, f.next_source, f.intent, f.last_day, "
                "c.name, c.archive_no, c.tier, c.stage, c.consultant_id "
                "FROM customers c JOIN contact_followups f ON f.customer_id = c.id "
                "WHERE c.consultant_id = ?1 AND c.deleted_at IS NULL AND f.next_on BETWEEN ?2 AND ?3 " SNOWBALL_NOT_LOST;
            const char* by_site =
                "SELECT f.customer_id, f.next_on, f.next_time, f.next_channel, f.next_purpose, f.next_source, f.intent, f.last_day, "
                "c.name, c.archive_no, c.tier, c.stage, c.consultant_id "
                "FROM contact_followups f JOIN customers c ON c.id = f.customer_id "
                "WHERE f.site_id = ?1 AND f.next_on BETWEEN ?2 AND ?3 AND c.deleted_at IS NULL " SNOWBALL_NOT_LOST;
            Query q(store_, consultant ? by_consultant : by_site);
            q->bind(1, consultant ? *consultant : site.id);
            q->bind(2, query.include_overdue ? std::string("0000-00-00") : to_iso(day));
            q->bind(3, to_iso(day));
            while (q->executeStep()) {
                DueItem i;
                i.kind = DueKind::contact;
                i.customer_id = q->getColumn(0).getInt64();
                i.due = parse_date(q->getColumn(1).getText());
                i.overdue = i.due < day;
                i.time = q->getColumn(2).getString();
                if (!q->isColumnNull(3)) i.channel = parse_contact_channel(q->getColumn(3).getText());
                i.purpose = q->getColumn(4).getString();
                i.source = q->getColumn(5).getString();
                i.intent = q->getColumn(6).getString();
                i.last_contact_day = parse_date(q->getColumn(7).getText());
                i.customer_name = q->getColumn(8).getString();
                i.archive_no = q->getColumn(9).getString();
                i.tier = parse_tier(q->getColumn(10).getText());
                i.stage = parse_stage(q->getColumn(11).getText());
                if (!q->isColumnNull(12)) i.consultant_id = q->getColumn(12).getInt64();
                items.push_back(std::move(i));
            }
        }
        // Care tasks: the day's agenda and, when asked, the open tasks of the days before.
        std::vector<CareTask> tasks = calendar_.agenda({day, day, consultant ? std::string() : site.code, consultant, false});
        if (query.include_overdue) {
            std::vector<CareTask> late = calendar_.overdue(CareOverdueQuery{day, site.code, consultant});
            tasks.insert(tasks.end(), late.begin(), late.end());
        }
        for (const CareTask& t : tasks) {
            DueItem i;
            i.kind = DueKind::care_task;
            i.due = t.date;
            i.overdue = t.date < day;
            i.customer_id = t.customer_id;
            i.customer_name = t.customer_name;
            i.archive_no = t.archive_no;
            i.consultant_id = t.consultant_id;
            if (!t.actions.empty()) i.channel = detail::channel_of_action(t.actions.front().channel);
            i.purpose = action_keys(t);
            i.source = "care";
            i.care_task_id = t.id;
            i.occasion = occasion_kinds(t);
            items.push_back(std::move(i));
        }
        // The customers' facts the care tasks lack, the do-not-contact rule, and lost customers.
        std::vector<DueItem> kept;
        kept.reserve(items.size());
        for (DueItem& i : items) {
            if (!allowed(i.customer_id, i.channel)) continue;
            if (i.kind == DueKind::care_task) {
                Query lost(store_, "SELECT 1 FROM customer_losses WHERE customer_id = ? AND undone_at IS NULL");
                lost->bind(1, i.customer_id);
                if (lost->executeStep()) continue;
                Query c(store_, "SELECT c.tier, c.stage, f.intent, f.last_day FROM customers c "
                                "LEFT JOIN contact_followups f ON f.customer_id = c.id WHERE c.id = ?");
                c->bind(1, i.customer_id);
                if (c->executeStep()) {
                    i.tier = parse_tier(c->getColumn(0).getText());
                    i.stage = parse_stage(c->getColumn(1).getText());
                    if (!c->isColumnNull(2)) i.intent = c->getColumn(2).getString();
                    if (!c->isColumnNull(3)) i.last_contact_day = parse_date(c->getColumn(3).getText());
                }
            }
            kept.push_back(std::move(i));
        }
        std::sort(kept.begin(), kept.end(), [&](const DueItem& a, const DueItem& b) {
            if (a.due != b.due) return a.due < b.due;
            const bool at_a = !a.time.empty(), at_b = !b.time.empty();
            if (at_a != at_b) return at_a;
            if (a.time != b.time) return a.time < b.time;
            if (a.kind != b.kind) return a.kind == DueKind::care_task;
            const std::size_t ra = detail::grade_rank(settings, a.intent), rb = detail::grade_rank(settings, b.intent);
            if (ra != rb) return ra < rb;
            if (a.tier != b.tier) return a.tier == Tier::vip;
            return a.customer_id < b.customer_id;
        });
        return kept;
    });
}

Page<QuietCustomer> Contacts::not_contacted(const NotContactedQuery& query) const {
    if (query.days < 1 || query.days > 3650) throw_invalid("days", std::to_string(query.days) + " is out of range 1..3650");
    detail::check_page(query.limit, query.offset, 100000);
    const Date as_of = query.as_of.value_or(today_in_china());
    const std::string cutoff = to_iso(as_of - boost::gregorian::days(query.days - 1));
    return store_.read([&] {
        std::optional<std::int64_t> consultant = query.consultant_id;
        const Site site = detail::list_scope(store_, query.site, consultant);
        if (text::trim(query.site).empty()) throw_invalid("site", "is required");
        // The last contact: the latest entry of the log, or the first contact when there is none.
        // ?1 site, ?2 stage, ?3 tier, ?4 consultant, ?5 the first day of the window, ?6 limit, ?7 offset.
        // Only the filters given are in the statement, so that the planner seeks the site's customers
        // of the stage (or the consultant's) by index, which an "?2 IS NULL OR" term prevents; the
        // page and the total come in one pass over the rows (the window counts them before LIMIT).
        struct Statements {
            std::string count, list;
        };
        static const std::array<Statements, 8> statements = [] {
            std::array<Statements, 8> all;
            for (int shape = 0; shape < 8; ++shape) {
                const std::string where = std::string("FROM customers c LEFT JOIN contact_followups f ON f.customer_id = c.id "
                                                      "WHERE c.site_id = ?1 AND c.deleted_at IS NULL ") +
                                          (shape & 1 ? "AND c.stage = ?2 " : "") + (shape & 2 ? "AND c.tier = ?3 " : "") +
                                          (shape & 4 ? "AND c.consultant_id = ?4 " : "") +
                                          "AND coalesce(f.last_day, c.first_contact) < ?5 " SNOWBALL_NOT_LOST " ";
                all[static_cast<std::size_t>(shape)] = {
                    "SELECT count(*) " + where,
                    "SELECT c.id, c.name, c.archive_no, c.tier, c.stage, c.consultant_id, f.last_day, count(*) OVER () " + where +
                        "ORDER BY coalesce(f.last_day, c.first_contact), c.id LIMIT ?6 OFFSET ?7"};
            }
            return all;
        }();
        const Statements& sql = statements[(query.stage ? 1u : 0u) | (query.tier ? 2u : 0u) | (consultant ? 4u : 0u)];
        const auto bind = [&](SQLite::Statement& s) {
            s.bind(1, site.id);
            if (query.stage) s.bind(2, to_string(*query.stage));
            if (query.tier) s.bind(3, to_string(*query.tier));
            if (consultant) s.bind(4, *consultant);
            s.bind(5, cutoff);
        };
        Page<QuietCustomer> page;
        Query q(store_, sql.list.c_str());
        bind(*q);
        q->bind(6, query.limit);
        q->bind(7, query.offset);
        while (q->executeStep()) {
            page.total = q->getColumn(7).getInt64();
            QuietCustomer c;
            c.customer_id = q->getColumn(0).getInt64();
            c.name = q->getColumn(1).getString();
            c.archive_no = q->getColumn(2).getString();
            c.tier = parse_tier(q->getColumn(3).getText());
            c.stage = parse_stage(q->getColumn(4).getText());
            if (!q->isColumnNull(5)) c.consultant_id = q->getColumn(5).getInt64();
            if (!q->isColumnNull(6)) {
                c.last_contact_day = parse_date(q->getColumn(6).getText());
                c.days_since = static_cast<int>((as_of - *c.last_contact_day).days());
            }
            page.items.push_back(std::move(c));
        }
        if (page.items.empty() && query.offset > 0) {   // a page past the end: the total alone
            Query n(store_, sql.count.c_str());
            bind(*n);
            n->executeStep();
            page.total = n->getColumn(0).getInt64();
        }
        return page;
    });
}

} // namespace snowball
