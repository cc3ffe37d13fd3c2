// The reward ledger (老带新奖励): a site's rule, the eligibility of a deal, entries (once per deal,
// ever), revocation and the totals per referrer.
#include "snowball/referrals.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "referrals/referral_store.hpp"

#include <algorithm>
#include <cmath>

namespace snowball {

using detail::Query;

namespace {

struct DealFacts {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::int64_t site_id = 0;
    std::string site;
    std::string unit;
    Date date;
    bool cancelled = false;
    std::string stage;
};

DealFacts require_deal(detail::Store& store, std::int64_t id) {
    Query q(store, "SELECT d.id, d.customer_id, d.site_id, s.code, d.unit, d.deal_date, d.cancelled, d.stage FROM deals d "
                   "JOIN sites s ON s.id = d.site_id WHERE d.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, "deal_id: no deal with id " + std::to_string(id), "deal_id");
    return {q->getColumn(0).getInt64(), q->getColumn(1).getInt64(), q->getColumn(2).getInt64(),
            q->getColumn(3).getString(), q->getColumn(4).getString(), parse_date(q->getColumn(5).getText()),
            q->getColumn(6).getInt() != 0, q->getColumn(7).getString()};
}

void reason(RewardCheck& c, const char* code, const std::string& message) { c.reasons.push_back({code, message}); }

// The eligibility of one deal under its site's rule, inside the caller's transaction.
RewardCheck check(detail::Store& store, std::int64_t deal_id) {
    const DealFacts deal = require_deal(store, deal_id);
    const RewardRule rule = detail::load_settings(store, detail::require_site(store, deal.site, "site")).reward;
    RewardCheck c;
    c.deal_id = deal.id;
    c.referee_id = deal.customer_id;
    c.kind = rule.kind;
    c.amount = rule.amount;
    if (deal.cancelled) reason(c, "deal_cancelled", "deal " + std::to_string(deal.id) + " was cancelled");
    // A deal is closed, and rewarded, at contract (签约); its date is then the contract date.
    if (deal.stage != "contract")
        reason(c, "deal_not_contracted", "deal " + std::to_string(deal.id) + " is at " + deal.stage +
                                             ", not contracted (签约) yet; a deal is rewarded once contracted");

    Query r(store, "SELECT r.id, r.referrer_id, r.referral_date, r.method, a.deleted_at IS NOT NULL, b.filed_at "
                   "FROM referrals r JOIN customers a ON a.id = r.referrer_id JOIN customers b ON b.id = r.referee_id "
                   "WHERE r.referee_id = ? AND r.credited = 1");
    r->bind(1, deal.customer_id);
    if (!r->executeStep()) {
        reason(c, "no_credited_referral", "the buyer (customer " + std::to_string(deal.customer_id) +
                                              ") has no credited referrer: nobody is on file as introducing them");
    } else {
        c.referral_id = r->getColumn(0).getInt64();
        c.referrer_id = r->getColumn(1).getInt64();
        const Date referred = parse_date(r->getColumn(2).getText());
        const ReferralMethod method = parse_referral_method(r->getColumn(3).getText());
        if (referred > detail::filing_day(r->getColumn(5).getString()))
            reason(c, "referee_not_new", "the referral was registered after the buyer was filed: they were not new");
        if (deal.date < referred)
            reason(c, "deal_before_referral", "the deal (" + to_iso(deal.date) + ") closed before the referral (" +
                                                  to_iso(referred) + ")");
        else if (rule.within_days > 0 && (deal.date - referred).days() > rule.within_days)
            reason(c, "too_late", "the deal closed " + std::to_string((deal.date - referred).days()) +
                                      " days after the referral; the rule rewards deals within " +
                                      std::to_string(rule.within_days) + " days");
        if (!rule.methods.empty() && std::find(rule.methods.begin(), rule.methods.end(), method) == rule.methods.end())
            reason(c, "method_not_covered", std::string("the rule does not reward referrals by ") + to_string(method));
        if (r->getColumn(4).getInt() != 0)
            reason(c, "referrer_removed", "the referrer (customer " + std::to_string(*c.referrer_id) + ") was removed from the archive");
    }
    if (!rule.enabled) reason(c, "rule_disabled", "site " + deal.site + " has no reward rule switched on");

    Query done(store, "SELECT id FROM reward_entries WHERE deal_id = ?");
    done->bind(1, deal.id);
    if (done->executeStep()) {
        c.entry_id = done->getColumn(0).getInt64();
        reason(c, "already_rewarded", "deal " + std::to_string(deal.id) + " was rewarded already (ledger entry " +
                                          std::to_string(*c.entry_id) + ")");
    } else if (rule.first_deal_only) {
        Query other(store, "SELECT id, deal_id FROM reward_entries WHERE referee_id = ? AND status = 'granted' LIMIT 1");
        other->bind(1, deal.customer_id);
        if (other->executeStep())
            reason(c, "referee_already_rewarded", "a referral reward was granted for this buyer already (ledger entry " +
                                                      std::to_string(other->getColumn(0).getInt64()) +
                                                      "); the rule rewards a buyer's first deal only");
    }
    c.eligible = c.reasons.empty();
    return c;
}

#define SNOWBALL_ENTRY_SELECT                                                                                    \
    "SELECT e.id, s.code, e.deal_id, e.unit, e.deal_date, coalesce(d.cancelled, 0), e.referral_id, e.referrer_id, " \
    "a.name, e.referee_id, b.name, e.kind, e.amount, e.status, e.granted_at, e.granted_by, e.note, e.revoked_at, "  \
    "e.revoked_by, e.revoke_reason FROM reward_entries e JOIN sites s ON s.id = e.site_id "                       \
    "JOIN customers a ON a.id = e.referrer_id JOIN customers b ON b.id = e.referee_id "                           \
    "LEFT JOIN deals d ON d.id = e.deal_id "

RewardEntry read_entry(SQLite::Statement& s) {
    RewardEntry e;
    e.id = s.getColumn(0).getInt64();
    e.site = s.getColumn(1).getString();
    if (!s.isColumnNull(2)) e.deal_id = s.getColumn(2).getInt64();
    e.unit = s.getColumn(3).getString();
    e.deal_date = parse_date(s.getColumn(4).getText());
    e.deal_cancelled = s.getColumn(5).getInt() != 0;
    e.referral_id = s.getColumn(6).getInt64();
    e.referrer_id = s.getColumn(7).getInt64();
    e.referrer_name = s.getColumn(8).getString();
    e.referee_id = s.getColumn(9).getInt64();
    e.referee_name = s.getColumn(10).getString();
    e.kind = parse_reward_kind(s.getColumn(11).getText());
    e.amount = s.getColumn(12).getDouble();
    e.status = parse_reward_status(s.getColumn(13).getText());
    e.granted_at = s.getColumn(14).getString();
    if (!s.isColumnNull(15)) e.granted_by = s.getColumn(15).getInt64();
    e.note = s.getColumn(16).getString();
    e.revoked_at = s.getColumn(17).getString();
    if (!s.isColumnNull(18)) e.revoked_by = s.getColumn(18).getInt64();
    e.revoke_reason = s.getColumn(19).getString();
    return e;
}

RewardEntry require_entry(detail::Store& store, std::int64_t id) {
    Query q(store, SNOWBALL_ENTRY_SELECT "WHERE e.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, "entry_id: no reward entry with id " + std::to_string(id), "entry_id");
    return read_entry(*q);
}

// `by` must be an active consultant of the site.
void check_by(detail::Store& store, const std::optional<std::int64_t>& by, const std::string& site) {
    if (!by) return;
    const Consultant c = detail::require_consultant(store, *by, "by");
    if (!c.active)
        throw Error(Status::invalid_state, "by: consultant " + std::to_string(c.id) + " (" + c.name + ") is no longer active",
                    "by", c.id);
    if (c.site != site) throw_invalid("by", "consultant " + std::to_string(c.id) + " works at site " + c.site + ", not " + site);
}

std::int64_t insert_entry(detail::Store& store, const RewardCheck& c, std::optional<std::int64_t> by, const std::string& note) {
    const DealFacts deal = require_deal(store, c.deal_id);
    Query q(store, "INSERT INTO reward_entries(site_id, deal_id, unit, deal_date, referral_id, referrer_id, referee_id, "
                   "kind, amount, granted_at, granted_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind(1, deal.site_id);
    q->bind(2, deal.id);
    q->bind(3, deal.unit);
    q->bind(4, to_iso(deal.date));
    q->bind(5, *c.referral_id);
    q->bind(6, *c.referrer_id);
    q->bind(7, c.referee_id);
    q->bind(8, to_string(c.kind));
    q->bind(9, c.amount);
    q->bind(10, text::now_utc());
    detail::bind_optional(*q, 11, by);
    q->bind(12, note);
    q->exec();
    return store.db().getLastInsertRowid();
}

} // namespace

void validate(const RewardRule& r, const std::string& field) {
    if (!std::isfinite(r.amount) || r.amount < 0) throw_invalid(field + ".amount", "must be a number of at least 0");
    if (r.enabled && r.amount <= 0) throw_invalid(field + ".amount", "must be above 0 for an enabled rule");
    const double most = r.kind == RewardKind::property_fee ? 120 : 1e9;
    if (r.amount > most)
        throw_invalid(field + ".amount", std::string("is more than ") +
                                             (r.kind == RewardKind::property_fee ? "120 months of property fee" : "1e9"));
    for (std::size_t i = 0; i < r.methods.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (r.methods[k] == r.methods[i])
                throw_invalid(field + ".methods[" + std::to_string(i) + "]",
                              std::string("names ") + to_string(r.methods[i]) + " twice");
    if (r.within_days < 0 || r.within_days > 3660)
        throw_invalid(field + ".within_days", "must be 0 (any time) to 3660 days");
    text::clean(r.note, field + ".note", 500, false, text::Lines::multi);
}

RewardCheck Referrals::check_reward(std::int64_t deal_id) const {
    return store_.read([&] { return check(store_, deal_id); });
}

RewardEntry Referrals::grant_reward(std::int64_t deal_id, std::optional<std::int64_t> by, const std::string& note) {
    const std::string clean_note = text::clean(note, "note", 500, false, text::Lines::multi);
    return store_.write([&] {
        const RewardCheck c = check(store_, deal_id);
        if (c.entry_id)
            throw Error(Status::conflict, "deal_id: " + c.reasons.back().message, "deal_id", *c.entry_id);
        if (!c.eligible)
            throw Error(Status::invalid_state, "deal_id: not eligible for a referral reward (" + c.reasons.front().code +
                                                   "): " + c.reasons.front().message,
                        "deal_id", deal_id);
        check_by(store_, by, require_deal(store_, deal_id).site);
        return require_entry(store_, insert_entry(store_, c, by, clean_note));
    });
}

std::vector<RewardEntry> Referrals::settle_rewards(std::string_view site, std::optional<std::int64_t> by) {
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        check_by(store_, by, s.code);
        // Oldest deal first: with first_deal_only, a buyer's first deal is the one rewarded.
        std::vector<std::int64_t> deals;
        Query q(store_, "SELECT d.id FROM deals d WHERE d.site_id = ? AND d.cancelled = 0 AND d.stage = 'contract' "
                        "AND EXISTS (SELECT 1 FROM referrals r WHERE r.referee_id = d.customer_id AND r.credited = 1) "
                        "AND NOT EXISTS (SELECT 1 FROM reward_entries e WHERE e.deal_id = d.id) ORDER BY d.deal_date, d.id");
        q->bind(1, s.id);
        while (q->executeStep()) deals.push_back(q->getColumn(0).getInt64());
        std::vector<RewardEntry> out;
        for (std::int64_t deal : deals) {
            const RewardCheck c = check(store_, deal);
            if (c.eligible) out.push_back(require_entry(store_, insert_entry(store_, c, by, "")));
        }
        return out;
    });
}

RewardEntry Referrals::revoke_reward(std::int64_t entry_id, const std::string& why, std::optional<std::int64_t> by) {
    const std::string clean_reason = text::clean(why, "reason", 500, true, text::Lines::multi);
    return store_.write([&] {
        const RewardEntry e = require_entry(store_, entry_id);
        if (e.status == RewardStatus::revoked)
            throw Error(Status::invalid_state,
                        "entry_id: reward entry " + std::to_string(entry_id) + " was revoked on " + e.revoked_at,
                        "entry_id", entry_id);
        check_by(store_, by, e.site);
        Query q(store_, "UPDATE reward_entries SET status = 'revoked', revoked_at = ?, revoked_by = ?, revoke_reason = ? "
                        "WHERE id = ?");
        q->bind(1, text::now_utc());
        detail::bind_optional(*q, 2, by);
        q->bind(3, clean_reason);
        q->bind(4, entry_id);
        q->exec();
        return require_entry(store_, entry_id);
    });
}

RewardEntry Referrals::reward(std::int64_t entry_id) const {
    return store_.read([&] { return require_entry(store_, entry_id); }, false);
}

Page<RewardEntry> Referrals::ledger(const LedgerQuery& query) const {
    return store_.read([&] {
        const auto site = detail::optional_site(store_, query.site, "site");
        const std::int64_t site_id = site ? site->id : 0;
#define SNOWBALL_LEDGER_FILTER \
    "WHERE (?1 = 0 OR e.site_id = ?1) AND (?2 IS NULL OR e.referrer_id = ?2) AND (?3 OR e.status = 'granted') "
        const auto bind = [&](SQLite::Statement& s) {
            s.bind(1, site_id);
            detail::bind_optional(s, 2, query.referrer_id);
            s.bind(3, query.include_revoked ? 1 : 0);
            return 4;
        };
        return detail::read_page<RewardEntry>(store_.db(), "SELECT count(*) FROM reward_entries e " SNOWBALL_LEDGER_FILTER,
                                              SNOWBALL_ENTRY_SELECT SNOWBALL_LEDGER_FILTER "ORDER BY e.id LIMIT ?4 OFFSET ?5",
                                              query.limit, query.offset, bind, read_entry);
#undef SNOWBALL_LEDGER_FILTER
    });
}

std::vector<RewardTotal> Referrals::reward_totals(std::string_view site) const {
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        Query q(store_, "SELECT e.referrer_id, a.name, a.archive_no, count(*), "
                        "total(CASE WHEN e.kind = 'points' THEN e.amount END), "
                        "total(CASE WHEN e.kind = 'property_fee' THEN e.amount END), "
                        "total(CASE WHEN e.kind = 'cash' THEN e.amount END) FROM reward_entries e "
                        "JOIN customers a ON a.id = e.referrer_id WHERE e.site_id = ? AND e.status = 'granted' "
                        "GROUP BY e.referrer_id ORDER BY count(*) DESC, e.referrer_id");
        q->bind(1, s.id);
        std::vector<RewardTotal> out;
        while (q->executeStep())
            out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(), q->getColumn(2).getString(),
                           q->getColumn(3).getInt64(), q->getColumn(4).getDouble(), q->getColumn(5).getDouble(),
                           q->getColumn(6).getDouble()});
        return out;
    });
}

} // namespace snowball
