// Gift records and the sites' monthly gift budgets: recorded, listed, totalled per month and tier;
// the agenda marks the open gift tasks of a tier whose month's budget is spent.
#include "care/gifts.hpp"

#include "archive/records.hpp"
#include "care/settings_store.hpp"
#include "care/task_store.hpp"
#include "common/text.hpp"

#include <cmath>
#include <map>
#include <set>

namespace snowball {

namespace {

constexpr double kMaxGiftCost = 1'000'000;
constexpr double kMaxMonthlyBudget = 100'000'000;
constexpr int kMaxTotalMonths = 36;

// Yuan to fen, refusing what is not a sum of money of that range to the fen.
std::int64_t to_fen(double yuan, double max, const std::string& field) {
    if (!std::isfinite(yuan) || yuan < 0 || yuan > max)
        throw_invalid(field, "a sum of 0 to " + std::to_string(static_cast<long long>(max)) + " yuan");
    const double fen = std::round(yuan * 100);
    if (std::fabs(fen - yuan * 100) > 1e-6) throw_invalid(field, "a sum to the fen (two decimals at most)");
    return static_cast<std::int64_t>(fen);
}

double to_yuan(std::int64_t fen) { return static_cast<double>(fen) / 100; }

std::string month_of(Date day) { return to_iso(day).substr(0, 7); }

const char* gift_columns =
    "SELECT g.id, s.code, g.customer_id, g.task_id, g.tier, g.item, g.cost_fen, g.supplier, g.given_on, g.given_by, g.note, "
    "g.recorded_at FROM care_gifts g JOIN sites s ON s.id = g.site_id ";

Gift gift_from(SQLite::Statement& q) {
    Gift g;
    g.id = q.getColumn(0).getInt64();
    g.site = q.getColumn(1).getString();
    if (!q.isColumnNull(2)) g.customer_id = q.getColumn(2).getInt64();
    if (!q.isColumnNull(3)) g.task_id = q.getColumn(3).getInt64();
    g.tier = parse_tier(q.getColumn(4).getText());
    g.item = q.getColumn(5).getString();
    g.cost = to_yuan(q.getColumn(6).getInt64());
    g.supplier = q.getColumn(7).getString();
    g.given_on = parse_date(q.getColumn(8).getText());
    if (!q.isColumnNull(9)) g.given_by = q.getColumn(9).getInt64();
    g.note = q.getColumn(10).getString();
    g.recorded_at = q.getColumn(11).getString();
    return g;
}

Gift require_gift(detail::Store& store, std::int64_t id) {
    static const std::string sql = std::string(gift_columns) + "WHERE g.id = ?";   // cached by its address
    detail::Query q(store, sql.c_str());
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, "gift_id: no gift " + std::to_string(id), "gift_id");
    return gift_from(*q);
}

// The customer's site and tier, if on file.
struct GiftCustomer {
    std::int64_t site_id;
    std::string site;
    Tier tier;
};
GiftCustomer require_customer(detail::Store& store, std::int64_t id, const std::string& field) {
    detail::Query q(store, "SELECT c.site_id, s.code, c.tier FROM customers c JOIN sites s ON s.id = c.site_id "
                           "WHERE c.id = ? AND c.deleted_at IS NULL");
    q->bind(1, id);
    if (!q->executeStep()) detail::throw_no_customer(field, id);
    return {q->getColumn(0).getInt64(), q->getColumn(1).getString(), parse_tier(q->getColumn(2).getText())};
}

} // namespace

namespace detail {

std::vector<GiftBudget> checked_budgets(std::vector<GiftBudget> budgets, const std::string& field) {
    std::set<Tier> tiers;
    for (const GiftBudget& b : budgets) {
        to_fen(b.monthly, kMaxMonthlyBudget, field + ".monthly");
        if (!tiers.insert(b.tier).second) throw_invalid(field + ".tier", std::string("tier ") + to_string(b.tier) + " twice");
    }
    std::sort(budgets.begin(), budgets.end(), [](const GiftBudget& a, const GiftBudget& b) { return a.tier < b.tier; });
    return budgets;
}

void mark_over_budget(Store& store, const CareSettings& settings, std::int64_t site_id, std::vector<CareTask>& tasks) {
    if (settings.gift_budgets.empty()) return;
    std::map<Tier, std::int64_t> budget;
    for (const GiftBudget& b : settings.gift_budgets) budget[b.tier] = to_fen(b.monthly, kMaxMonthlyBudget, "monthly");
    // The open gift tasks (few: a tier's birthdays), each with its customer's tier.
    std::map<std::pair<std::string, Tier>, std::int64_t> spent;   // (month, tier) → fen
    std::set<std::string> months;
    std::vector<std::pair<CareTask*, Tier>> gift_tasks;
    for (CareTask& t : tasks) {
        if (t.status != TaskStatus::open) continue;
        if (std::none_of(t.actions.begin(), t.actions.end(), [](const TaskAction& a) { return a.channel == "gift"; })) continue;
        Query q(store, "SELECT tier FROM customers WHERE id = ?");
        q->bind(1, t.customer_id);
        if (!q->executeStep()) continue;
        const Tier tier = parse_tier(q->getColumn(0).getText());
        if (!budget.count(tier)) continue;
        gift_tasks.emplace_back(&t, tier);
        months.insert(month_of(t.date));
    }
    for (const std::string& month : months) {
        Query q(store, "SELECT tier, SUM(cost_fen) FROM care_gifts WHERE site_id = ?1 AND given_on BETWEEN ?2 AND ?3 GROUP BY tier");
        q->bind(1, site_id);
        q->bind(2, month + "-01");
        q->bind(3, month + "-31");
        while (q->executeStep()) spent[{month, parse_tier(q->getColumn(0).getText())}] = q->getColumn(1).getInt64();
    }
    for (const auto& [task, tier] : gift_tasks) {
        const auto s = spent.find({month_of(task->date), tier});
        task->over_budget = s != spent.end() && s->second >= budget.at(tier);
    }
}

// An erased customer's gifts stay in the totals, with nothing of the person.
void erase_customer_gifts(Store& store, std::int64_t customer_id) {
    Query q(store, "UPDATE care_gifts SET customer_id = NULL, task_id = NULL, item = '', supplier = '', note = '' "
                   "WHERE customer_id = ?");
    q->bind(1, customer_id);
    q->exec();
}

} // namespace detail

CareSettings CareCalendar::set_gift_budget(std::string_view site, Tier tier, std::optional<double> monthly) {
    if (static_cast<int>(tier) < 0 || static_cast<int>(tier) > static_cast<int>(Tier::vip)) throw_invalid("tier", "not a tier");
    if (monthly) to_fen(*monthly, kMaxMonthlyBudget, "monthly");
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        std::vector<GiftBudget> budgets = detail::load_care_settings(store_, s).gift_budgets;
        budgets.erase(std::remove_if(budgets.begin(), budgets.end(), [&](const GiftBudget& b) { return b.tier == tier; }),
                      budgets.end());
        if (monthly) budgets.push_back({tier, *monthly});
        detail::store_gift_budgets(store_, s.id, detail::checked_budgets(std::move(budgets), "gift_budgets"));
        return detail::load_care_settings(store_, s);
    });
}

Gift CareCalendar::record_gift(const NewGift& g) {
    const std::string item = text::clean(g.item, "item", 100, true);
    const std::string supplier = text::clean(g.supplier, "supplier", 100, false);
    const std::string note = text::clean(g.note, "note", 2000, false, text::Lines::multi);
    const std::int64_t fen = to_fen(g.cost, kMaxGiftCost, "cost");
    const Date today = today_in_china();
    const Date given_on = g.given_on.value_or(today);
    if (given_on.is_special()) throw_invalid("given_on", "is not a date");
    if (given_on > today) throw_invalid("given_on", to_iso(given_on) + " is in the future");
    if (!g.task_id && !g.customer_id) throw_invalid("customer_id", "a gift is for a customer or a care task: give one");
    return store_.write([&] {
        std::int64_t customer = g.customer_id.value_or(0);
        if (g.task_id) {
            const CareTask task = detail::require_task(store_, *g.task_id);
            if (g.customer_id && *g.customer_id != task.customer_id)
                throw_invalid("task_id", "care task " + std::to_string(*g.task_id) + " is not customer " +
                                             std::to_string(*g.customer_id) + "'s");
            customer = task.customer_id;
        }
        const GiftCustomer c = require_customer(store_, customer, "customer_id");
        if (g.given_by) detail::require_consultant_at(store_, *g.given_by, c.site, "given_by");
        detail::Query q(store_, "INSERT INTO care_gifts(site_id, customer_id, task_id, tier, item, cost_fen, supplier, given_on, "
                                "given_by, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        q->bind(1, c.site_id);
        q->bind(2, customer);
        detail::bind_optional(*q, 3, g.task_id);
        q->bind(4, to_string(c.tier));
        q->bind(5, item);
        q->bind(6, fen);
        q->bind(7, supplier);
        q->bind(8, to_iso(given_on));
        detail::bind_optional(*q, 9, g.given_by);
        q->bind(10, note);
        q->bind(11, text::now_utc());
        q->exec();
        return require_gift(store_, store_.db().getLastInsertRowid());
    });
}

Gift CareCalendar::gift(std::int64_t gift_id) const {
    return store_.read([&] { return require_gift(store_, gift_id); });
}

std::vector<Gift> CareCalendar::gifts(const GiftQuery& query) const {
    for (const auto& [day, field] : {std::pair{query.from, "from"}, std::pair{query.to, "to"}})
        if (day && day->is_special()) throw_invalid(field, "is not a date");
    if (query.from && query.to && *query.to < *query.from) throw_invalid("to", "is before from");
    return store_.read([&] {
        const Site s = detail::require_site(store_, query.site, "site");
        static const std::string sql = std::string(gift_columns) +
                                       "WHERE g.site_id = ?1 AND g.given_on BETWEEN ?2 AND ?3 AND (?4 IS NULL OR g.customer_id = ?4) "
                                       "AND (?5 IS NULL OR g.task_id = ?5) ORDER BY g.given_on, g.id";
        detail::Query q(store_, sql.c_str());
        q->bind(1, s.id);
        q->bind(2, query.from ? to_iso(*query.from) : std::string("0000-00-00"));
        q->bind(3, query.to ? to_iso(*query.to) : std::string("9999-99-99"));
        detail::bind_optional(*q, 4, query.customer_id);
        detail::bind_optional(*q, 5, query.task_id);
        std::vector<Gift> out;
        while (q->executeStep()) out.push_back(gift_from(*q));
        return out;
    });
}

std::vector<GiftTotal> CareCalendar::gift_totals(std::string_view site, Date from, Date to) const {
    check_window(from, to);
    const int first = static_cast<int>(from.year()) * 12 + static_cast<int>(from.month()) - 1;
    const int last = static_cast<int>(to.year()) * 12 + static_cast<int>(to.month()) - 1;
    if (last - first >= kMaxTotalMonths) throw_invalid("to", "the totals cover at most " + std::to_string(kMaxTotalMonths) + " months");
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        const CareSettings settings = detail::load_care_settings(store_, s);
        std::map<std::pair<std::string, Tier>, std::pair<std::int64_t, std::int64_t>> sums;   // count, fen
        detail::Query q(store_, "SELECT substr(given_on, 1, 7), tier, COUNT(*), SUM(cost_fen) FROM care_gifts "
                                "WHERE site_id = ?1 AND given_on BETWEEN ?2 AND ?3 GROUP BY 1, 2");
        q->bind(1, s.id);
        q->bind(2, month_of(from) + "-01");
        q->bind(3, month_of(to) + "-31");
        while (q->executeStep())
            sums[{q->getColumn(0).getString(), parse_tier(q->getColumn(1).getText())}] = {q->getColumn(2).getInt64(),
                                                                                          q->getColumn(3).getInt64()};
        std::vector<GiftTotal> out;
        for (int m = first; m <= last; ++m) {
            const std::string month = (m / 12 < 1000 ? std::string("0") : "") + std::to_string(m / 12) + "-" +
                                      (m % 12 + 1 < 10 ? "0" : "") + std::to_string(m % 12 + 1);
            for (Tier tier : {Tier::ordinary, Tier::vip}) {
                GiftTotal t;
                t.month = month;
                t.tier = tier;
                const auto sum = sums.find({month, tier});
                std::int64_t fen = 0;
                if (sum != sums.end()) {
                    t.gifts = sum->second.first;
                    fen = sum->second.second;
                }
                t.cost = to_yuan(fen);
                for (const GiftBudget& b : settings.gift_budgets)
                    if (b.tier == tier) {
                        t.budget = b.monthly;
                        t.remaining = to_yuan(to_fen(b.monthly, kMaxMonthlyBudget, "monthly") - fen);
                    }
                out.push_back(std::move(t));
            }
        }
        return out;
    });
}

} // namespace snowball
