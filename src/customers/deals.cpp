// Deals and their stages (认筹 → 认购 → 签约, 退房/退订): recording, advancing, cancelling, the step
// history, the closed-deal archive, the sites' owner stage; customers lost to a competitor.
#include "snowball/customers.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/enum_names.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "privacy/access.hpp"
#include "customers/customer_records.hpp"
#include "customers/filing.hpp"

#include <array>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace snowball {

using detail::Query;

// ---------------------------------------------------------------------------------------------
// Keys

namespace {

template <class E>
using Name = detail::EnumName<E>;

constexpr std::array<Name<DealStage>, 7> stage_names{{
    {"reservation", DealStage::reservation}, {"认筹", DealStage::reservation},
    {"subscription", DealStage::subscription}, {"认购", DealStage::subscription},
    {"contract", DealStage::contract}, {"签约", DealStage::contract}, {"网签", DealStage::contract},
}};
constexpr std::array<Name<DealStepKind>, 10> step_names{{
    {"reservation", DealStepKind::reservation}, {"认筹", DealStepKind::reservation},
    {"subscription", DealStepKind::subscription}, {"认购", DealStepKind::subscription},
    {"contract", DealStepKind::contract}, {"签约", DealStepKind::contract}, {"网签", DealStepKind::contract},
    {"cancellation", DealStepKind::cancellation}, {"退房", DealStepKind::cancellation}, {"退订", DealStepKind::cancellation},
}};
constexpr std::array<Name<LostReason>, 12> lost_names{{
    {"bought_elsewhere", LostReason::bought_elsewhere}, {"已购他盘", LostReason::bought_elsewhere},
    {"price", LostReason::price}, {"价格", LostReason::price},
    {"location", LostReason::location}, {"位置", LostReason::location},
    {"layout", LostReason::layout}, {"户型", LostReason::layout},
    {"financing", LostReason::financing}, {"贷款", LostReason::financing},
    {"other", LostReason::other}, {"其他", LostReason::other},
}};

} // namespace

const char* to_string(DealStage v) noexcept { return detail::key_of(stage_names, v); }
DealStage parse_deal_stage(std::string_view t, const std::string& f) { return detail::parse_key(stage_names, t, f); }
const char* to_string(DealStepKind v) noexcept { return detail::key_of(step_names, v); }
DealStepKind parse_deal_step_kind(std::string_view t, const std::string& f) { return detail::parse_key(step_names, t, f); }
const char* to_string(LostReason v) noexcept { return detail::key_of(lost_names, v); }
LostReason parse_lost_reason(std::string_view t, const std::string& f) { return detail::parse_key(lost_names, t, f); }

// ---------------------------------------------------------------------------------------------
// Reading deals

namespace {

using detail::require_customer;
using detail::site_id_of;

int rank(DealStage s) { return static_cast<int>(s) + 1; }

// An amount as the caller wrote it (2500000, 12.5).
std::string yuan(double value) {
    std::ostringstream out;
    out << std::setprecision(15) << value;
    return out.str();
}

const char* chinese(DealStage s) {
    switch (s) {
    case DealStage::reservation: return "认筹";
    case DealStage::subscription: return "认购";
    case DealStage::contract: return "签约";
    }
    return "";
}

std::string stage_text(DealStage s) { return std::string(to_string(s)) + " (" + chinese(s) + ")"; }

#define SNOWBALL_STEP_OF(step, column)                                                                 \
    "(SELECT " column " FROM deal_steps x WHERE x.deal_id = d.id AND x.step = '" step "')"
#define SNOWBALL_DEAL_SELECT                                                                               \
    "SELECT d.id, d.customer_id, s.code, d.unit, d.layout, d.area, d.price, d.deal_date, d.bought_for, "   \
    "d.consultant_id, d.cancelled, d.cancel_reason, d.recorded_at, d.stage, "                              \
    SNOWBALL_STEP_OF("reservation", "step_date") ", " SNOWBALL_STEP_OF("subscription", "step_date") ", "  \
    SNOWBALL_STEP_OF("contract", "step_date") ", " SNOWBALL_STEP_OF("cancellation", "step_date") ", "     \
    SNOWBALL_STEP_OF("reservation", "amount") ", d.site_id FROM deals d JOIN sites s ON s.id = d.site_id "

std::optional<Date> optional_date(SQLite::Statement& s, int column) {
    if (s.isColumnNull(column)) return std::nullopt;
    return parse_date(s.getColumn(column).getText());
}

Deal read_deal(SQLite::Statement& s) {
    Deal d;
    d.id = s.getColumn(0).getInt64();
    d.customer_id = s.getColumn(1).getInt64();
    d.site = s.getColumn(2).getString();
    d.unit = s.getColumn(3).getString();
    d.layout = s.getColumn(4).getString();
    d.area = s.getColumn(5).getDouble();
    d.price = s.getColumn(6).getDouble();
    d.date = parse_date(s.getColumn(7).getText());
    d.bought_for = s.getColumn(8).getString();
    if (!s.isColumnNull(9)) d.consultant_id = s.getColumn(9).getInt64();
    d.cancelled = s.getColumn(10).getInt() != 0;
    d.cancel_reason = s.getColumn(11).getString();
    d.recorded_at = s.getColumn(12).getString();
    d.stage = parse_deal_stage(s.getColumn(13).getText());
    d.reserved_on = optional_date(s, 14);
    d.subscribed_on = optional_date(s, 15);
    d.contracted_on = optional_date(s, 16);
    d.cancelled_on = optional_date(s, 17);
    if (!s.isColumnNull(18)) d.deposit = s.getColumn(18).getDouble();
    return d;
}

// A deal and its site's id.
struct DealRow {
    Deal deal;
    std::int64_t site_id = 0;
};

DealRow require_deal_row(detail::Store& store, std::int64_t id) {
    Query q(store, SNOWBALL_DEAL_SELECT "WHERE d.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, "deal_id: no deal with id " + std::to_string(id), "deal_id");
    return {read_deal(*q), q->getColumn(19).getInt64()};
}

Deal require_deal(detail::Store& store, std::int64_t id) { return require_deal_row(store, id).deal; }

double checked_amount(double value, const std::string& field, double max, const char* unit) {
    if (!std::isfinite(value) || value <= 0) throw_invalid(field, "must be a positive number of " + std::string(unit));
    if (value > max) throw_invalid(field, "is implausibly large (over " + std::to_string(static_cast<long long>(max)) + " " + unit + ")");
    return value;
}

void insert_step(detail::Store& store, std::int64_t deal_id, DealStepKind step, Date date, std::optional<double> amount,
                 std::optional<std::int64_t> by, const std::string& reason, const std::string& now) {
    Query q(store, "INSERT INTO deal_steps(deal_id, step, step_date, amount, consultant_id, reason, recorded_at) "
                   "VALUES (?,?,?,?,?,?,?)");
    q->bind(1, deal_id);
    q->bind(2, to_string(step));
    q->bind(3, to_iso(date));
    if (amount) q->bind(4, *amount); else q->bind(4);
    detail::bind_optional(*q, 5, by);
    q->bind(6, reason);
    q->bind(7, now);
    q->exec();
}

// Undoes the customer's lost mark in force, if any (they bought after all).
void end_lost_mark(detail::Store& store, std::int64_t customer_id, std::optional<std::int64_t> by, const std::string& now) {
    Query q(store, "UPDATE customer_losses SET undone_at = ?, undone_by = ? WHERE customer_id = ? AND undone_at IS NULL");
    q->bind(1, now);
    detail::bind_optional(*q, 2, by);
    q->bind(3, customer_id);
    q->exec();
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Customers: recording, listing, the closed-deal archive

Deal Customers::record_deal(std::int64_t customer_id, const NewDeal& input) {
    const Date today = today_in_china();
    const std::string unit = text::clean(input.unit, "unit", 50, true);
    const std::string layout = text::clean(input.layout, "layout", 50, false);
    const std::string bought_for = text::clean(input.bought_for, "bought_for", 100, false);
    const double area = checked_amount(input.area, "area", 100000, "m²");
    const double price = checked_amount(input.price, "price", 1e12, "yuan");
    const Date date = detail::checked_past_date(input.date.value_or(today), "date", today);
    std::optional<double> amount;
    if (input.amount) amount = checked_amount(*input.amount, "amount", 1e12, "yuan");
    if (input.stage == DealStage::contract) {
        if (amount && *amount != price)
            throw_invalid("amount", "a contract's amount is its price (" + yuan(price) + "); give the price only");
        amount = price;
    } else if (amount && *amount > price) {
        throw_invalid("amount", "is more than the price (" + yuan(price) + ")");
    }
    return store_.write([&] {
        const Customer c = require_customer(store_, customer_id);
        if (date < c.first_contact)
            throw_invalid("date", to_iso(date) + " is before the customer's first contact (" + to_iso(c.first_contact) +
                                      "); correct the first-contact date first");
        const std::int64_t site_id = site_id_of(store_, customer_id);
        {
            Query sold(store_, "SELECT d.id, c.name, c.archive_no, d.stage FROM deals d JOIN customers c ON c.id = d.customer_id "
                               "WHERE d.site_id = ? AND d.unit = ? AND d.cancelled = 0");
            sold->bind(1, site_id);
            sold->bind(2, unit);
            if (sold->executeStep())
                throw Error(Status::conflict,
                            "unit: " + unit + " is already " +
                                (sold->getColumn(3).getString() == "contract" ? "sold" : "held") + " to " +
                                sold->getColumn(1).getString() + " (" + sold->getColumn(2).getString() + ", deal " +
                                std::to_string(sold->getColumn(0).getInt64()) + ", at " +
                                stage_text(parse_deal_stage(sold->getColumn(3).getText())) + ")",
                            "unit", sold->getColumn(0).getInt64());
        }
        detail::Filing filing(store_);
        const auto consultant = detail::credited_consultant(filing, input.consultant_id, c, site_id);
        std::optional<std::int64_t> by = consultant;
        if (input.by) {
            filing.check_consultant(*input.by, site_id, "by");
            by = input.by;
        }
        const std::string now = text::now_utc();
        Query q(store_, "INSERT INTO deals(customer_id, site_id, unit, layout, area, price, deal_date, bought_for, "
                        "consultant_id, recorded_at, stage) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
        q->bind(1, customer_id);
        q->bind(2, site_id);
        q->bind(3, unit);
        q->bind(4, layout);
        q->bind(5, area);
        q->bind(6, price);
        q->bind(7, to_iso(date));
        q->bind(8, bought_for);
        detail::bind_optional(*q, 9, consultant);
        q->bind(10, now);
        q->bind(11, to_string(input.stage));
        q->exec();
        const std::int64_t id = store_.db().getLastInsertRowid();
        insert_step(store_, id, static_cast<DealStepKind>(input.stage), date, amount, by, "", now);
        end_lost_mark(store_, customer_id, by, now);
        detail::refresh_stage(store_, customer_id, now);
        return require_deal(store_, id);
    });
}

Deal Customers::cancel_deal(std::int64_t deal_id, const std::string& reason) {
    return Deals(store_).cancel(deal_id, reason);
}

Deal Customers::get_deal(std::int64_t deal_id) const {
    return store_.read([&] { return require_deal(store_, deal_id); }, false);
}

std::vector<Deal> Customers::deals(std::int64_t customer_id) const {
    return store_.read([&] {
        detail::require_on_file(store_, customer_id, "customer_id");
        Query q(store_, SNOWBALL_DEAL_SELECT "WHERE d.customer_id = ? ORDER BY d.deal_date, d.id");
        q->bind(1, customer_id);
        std::vector<Deal> out;
        while (q->executeStep()) out.push_back(read_deal(*q));
        return out;
    });
}

Page<ClosedDeal> Customers::closed_deals(const DealQuery& query) const {
    detail::check_page(query.limit, query.offset);
    if (query.from && query.to && *query.from > *query.to) throw_invalid("from", "is after to");
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(query.site).empty()) site_id = detail::require_site(store_, query.site, "site").id;
        // Closed: contracted (a reservation or subscription is not a closed deal, even cancelled).
        constexpr const char* where =
            "WHERE d.stage = 'contract' AND (?1 IS NULL OR d.site_id = ?1) AND (?2 IS NULL OR d.consultant_id = ?2) "
            "AND (?3 IS NULL OR d.deal_date >= ?3) AND (?4 IS NULL OR d.deal_date <= ?4) AND (?5 OR d.cancelled = 0) ";
        const auto bind = [&](SQLite::Statement& s) {
            detail::bind_optional(s, 1, site_id);
            detail::bind_optional(s, 2, query.consultant_id);
            if (query.from) s.bind(3, to_iso(*query.from)); else s.bind(3);
            if (query.to) s.bind(4, to_iso(*query.to)); else s.bind(4);
            s.bind(5, query.include_cancelled ? 1 : 0);
            return 6;
        };
        return detail::read_page<ClosedDeal>(
            store_.db(), std::string("SELECT count(*) FROM deals d ") + where,
            std::string(SNOWBALL_DEAL_SELECT) + where + "ORDER BY d.deal_date DESC, d.id DESC LIMIT ?6 OFFSET ?7",
            query.limit, query.offset, bind, [&](SQLite::Statement& row) {
                Deal d = read_deal(row);
                Customer c = require_customer(store_, d.customer_id);
                return ClosedDeal{std::move(d), std::move(c)};
            });
    });
}

namespace detail {

std::vector<Deal> closed_deals_of(Store& store, std::int64_t customer_id) {
    Query q(store, SNOWBALL_DEAL_SELECT "WHERE d.customer_id = ? AND d.cancelled = 0 AND d.stage = 'contract' "
                   "ORDER BY d.deal_date, d.id");
    q->bind(1, customer_id);
    std::vector<Deal> out;
    while (q->executeStep()) out.push_back(read_deal(*q));
    return out;
}

std::optional<Deal> open_deal_of(Store& store, std::int64_t customer_id) {
    Query q(store, SNOWBALL_DEAL_SELECT "WHERE d.customer_id = ? AND d.cancelled = 0 ORDER BY d.deal_date, d.id LIMIT 1");
    q->bind(1, customer_id);
    if (!q->executeStep()) return std::nullopt;
    return read_deal(*q);
}

} // namespace detail

// ---------------------------------------------------------------------------------------------
// Deals: the stages after the first

Deals::Deals(detail::Store& store) : store_(store) {}

Deal Deals::get(std::int64_t deal_id) const {
    return store_.read([&] { return require_deal(store_, deal_id); }, false);
}

Deal Deals::advance(std::int64_t deal_id, DealStage stage, const DealAdvance& step) {
    const Date today = today_in_china();
    const Date date = detail::checked_past_date(step.date.value_or(today), "date", today);
    std::optional<double> amount;
    if (step.amount) amount = checked_amount(*step.amount, "amount", 1e12, "yuan");
    return store_.write([&] {
        const DealRow row = require_deal_row(store_, deal_id);
        const Deal& d = row.deal;
        detail::Filing filing(store_);
        filing.check_consultant(step.by, row.site_id, "by");
        if (d.cancelled)
            throw Error(Status::invalid_state,
                        "deal_id: deal " + std::to_string(deal_id) + " was cancelled; record a new deal instead", "deal_id",
                        deal_id);
        if (rank(stage) <= rank(d.stage))
            throw Error(Status::invalid_state,
                        "stage: deal " + std::to_string(deal_id) + " is at " + stage_text(d.stage) + " already; a deal " +
                            "only moves forward (reservation → subscription → contract), not to " + stage_text(stage),
                        "stage", deal_id);
        if (date < d.date)
            throw_invalid("date", to_iso(date) + " is before the deal's " + to_string(d.stage) + " step (" + to_iso(d.date) + ")");
        double price = d.price;
        if (stage == DealStage::contract) {
            if (amount) price = *amount;
            amount = price;
        } else if (amount && *amount > d.price) {
            throw_invalid("amount", "is more than the deal's price (" + yuan(d.price) + ")");
        }
        const std::string now = text::now_utc();
        Query q(store_, "UPDATE deals SET stage = ?, deal_date = ?, price = ? WHERE id = ?");
        q->bind(1, to_string(stage));
        q->bind(2, to_iso(date));
        q->bind(3, price);
        q->bind(4, deal_id);
        q->exec();
        insert_step(store_, deal_id, static_cast<DealStepKind>(stage), date, amount, step.by, "", now);
        detail::refresh_stage(store_, d.customer_id, now);
        return require_deal(store_, deal_id);
    });
}

Deal Deals::cancel(std::int64_t deal_id, const std::string& reason, std::optional<std::int64_t> by) {
    const std::string why = text::clean(reason, "reason", 500, true, text::Lines::multi);
    const Date today = today_in_china();
    return store_.write([&] {
        const DealRow row = require_deal_row(store_, deal_id);
        const Deal& d = row.deal;
        if (by) detail::Filing(store_).check_consultant(*by, row.site_id, "by");
        if (d.cancelled)
            throw Error(Status::invalid_state, "deal_id: deal " + std::to_string(deal_id) + " is already cancelled",
                        "deal_id", deal_id);
        const std::string now = text::now_utc();
        Query q(store_, "UPDATE deals SET cancelled = 1, cancel_reason = ?, cancelled_at = ? WHERE id = ?");
        q->bind(1, why);
        q->bind(2, now);
        q->bind(3, deal_id);
        q->exec();
        // A deal dated today in China may be "tomorrow" for a clock behind it: never before its stage.
        insert_step(store_, deal_id, DealStepKind::cancellation, std::max(today, d.date), std::nullopt, by, why, now);
        detail::refresh_stage(store_, d.customer_id, now);
        store_.events().publish(store_, detail::DealCancelled{d.customer_id, deal_id});
        return require_deal(store_, deal_id);
    });
}

std::vector<DealStep> Deals::steps(std::int64_t deal_id) const {
    return store_.read([&] {
        require_deal_row(store_, deal_id);
        Query q(store_, "SELECT id, deal_id, step, step_date, amount, consultant_id, reason, recorded_at FROM deal_steps "
                        "WHERE deal_id = ? ORDER BY step_date, id");
        q->bind(1, deal_id);
        std::vector<DealStep> out;
        while (q->executeStep()) {
            DealStep s;
            s.id = q->getColumn(0).getInt64();
            s.deal_id = q->getColumn(1).getInt64();
            s.step = parse_deal_step_kind(q->getColumn(2).getText());
            s.date = parse_date(q->getColumn(3).getText());
            if (!q->isColumnNull(4)) s.amount = q->getColumn(4).getDouble();
            if (!q->isColumnNull(5)) s.by = q->getColumn(5).getInt64();
            s.reason = q->getColumn(6).getString();
            s.recorded_at = q->getColumn(7).getString();
            out.push_back(std::move(s));
        }
        return out;
    });
}

namespace {

SalesSettings load_sales_settings(detail::Store& store, const Site& site) {
    SalesSettings s;
    s.site = site.code;
    Query q(store, "SELECT owner_stage, updated_at FROM sales_settings WHERE site_id = ?");
    q->bind(1, site.id);
    if (q->executeStep()) {
        s.owner_stage = parse_deal_stage(q->getColumn(0).getText());
        s.updated_at = q->getColumn(1).getString();
    }
    return s;
}

} // namespace

SalesSettings Deals::settings(std::string_view site) const {
    return store_.read([&] { return load_sales_settings(store_, detail::require_site(store_, site, "site")); });
}

SalesSettings Deals::set_owner_stage(std::string_view site, DealStage owner_stage) {
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        detail::require_site_manager(store_.actor(), s.code, "site", "change site " + s.code + "'s sales settings");
        const std::string now = text::now_utc();
        Query q(store_, "INSERT INTO sales_settings(site_id, owner_stage, updated_at) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (site_id) DO UPDATE SET owner_stage = ?2, updated_at = ?3");
        q->bind(1, s.id);
        q->bind(2, to_string(owner_stage));
        q->bind(3, now);
        q->exec();
        // The buyers with an open deal follow the new owner stage now.
        Query who(store_, "SELECT DISTINCT customer_id FROM deals WHERE site_id = ? AND cancelled = 0");
        who->bind(1, s.id);
        std::vector<std::int64_t> buyers;
        while (who->executeStep()) buyers.push_back(who->getColumn(0).getInt64());
        for (std::int64_t id : buyers) detail::refresh_stage(store_, id, now);
        return load_sales_settings(store_, s);
    });
}

// ---------------------------------------------------------------------------------------------
// Lost customers

namespace {

#define SNOWBALL_LOST_SELECT                                                                              \
    "SELECT l.id, l.customer_id, s.code, l.reason, l.note, l.competitor, l.lost_on, l.consultant_id, "    \
    "l.recorded_at, l.undone_at, l.undone_by FROM customer_losses l JOIN sites s ON s.id = l.site_id "

LostMark read_lost(SQLite::Statement& s) {
    LostMark m;
    m.id = s.getColumn(0).getInt64();
    m.customer_id = s.getColumn(1).getInt64();
    m.site = s.getColumn(2).getString();
    m.reason = parse_lost_reason(s.getColumn(3).getText());
    m.note = s.getColumn(4).getString();
    m.competitor = s.getColumn(5).getString();
    m.date = parse_date(s.getColumn(6).getText());
    if (!s.isColumnNull(7)) m.by = s.getColumn(7).getInt64();
    m.recorded_at = s.getColumn(8).getString();
    if (!s.isColumnNull(9)) m.undone_at = s.getColumn(9).getString();
    if (!s.isColumnNull(10)) m.undone_by = s.getColumn(10).getInt64();
    return m;
}

std::optional<LostMark> lost_mark(detail::Store& store, std::int64_t customer_id) {
    Query q(store, SNOWBALL_LOST_SELECT "WHERE l.customer_id = ? AND l.undone_at IS NULL");
    q->bind(1, customer_id);
    if (!q->executeStep()) return std::nullopt;
    return read_lost(*q);
}

LostMark require_lost_mark(detail::Store& store, std::int64_t id) {
    Query q(store, SNOWBALL_LOST_SELECT "WHERE l.id = ?");
    q->bind(1, id);
    q->executeStep();
    return read_lost(*q);
}

} // namespace

LostMark Customers::mark_lost(std::int64_t customer_id, const NewLostMark& input) {
    const Date today = today_in_china();
    const std::string note = text::clean(input.note, "note", 500, false, text::Lines::multi);
    const std::string competitor = text::clean(input.competitor, "competitor", 100, false);
    const Date date = detail::checked_past_date(input.date.value_or(today), "date", today);
    return store_.write([&] {
        const Customer c = require_customer(store_, customer_id);
        if (date < c.first_contact)
            throw_invalid("date", to_iso(date) + " is before the customer's first contact (" + to_iso(c.first_contact) + ")");
        const std::int64_t site_id = site_id_of(store_, customer_id);
        if (input.by) detail::Filing(store_).check_consultant(*input.by, site_id, "by");
        if (const auto open = detail::open_deal_of(store_, customer_id))
            throw Error(Status::invalid_state,
                        "customer_id: customer " + std::to_string(customer_id) + " has an open deal (deal " +
                            std::to_string(open->id) + ", at " + stage_text(open->stage) +
                            "); cancel it before marking them lost",
                        "customer_id", open->id);
        if (const auto mark = lost_mark(store_, customer_id))
            throw Error(Status::conflict,
                        "customer_id: customer " + std::to_string(customer_id) + " is marked lost already (since " +
                            to_iso(mark->date) + ", mark " + std::to_string(mark->id) + ")",
                        "customer_id", mark->id);
        Query q(store_, "INSERT INTO customer_losses(customer_id, site_id, reason, note, competitor, lost_on, consultant_id, "
                        "recorded_at) VALUES (?,?,?,?,?,?,?,?)");
        q->bind(1, customer_id);
        q->bind(2, site_id);
        q->bind(3, to_string(input.reason));
        q->bind(4, note);
        q->bind(5, competitor);
        q->bind(6, to_iso(date));
        detail::bind_optional(*q, 7, input.by);
        q->bind(8, text::now_utc());
        q->exec();
        return require_lost_mark(store_, store_.db().getLastInsertRowid());
    });
}

LostMark Customers::undo_lost(std::int64_t customer_id, std::optional<std::int64_t> by) {
    return store_.write([&] {
        detail::require_on_file(store_, customer_id, "customer_id");
        if (by) detail::Filing(store_).check_consultant(*by, site_id_of(store_, customer_id), "by");
        const auto mark = lost_mark(store_, customer_id);
        if (!mark)
            throw Error(Status::invalid_state, "customer_id: customer " + std::to_string(customer_id) + " is not marked lost",
                        "customer_id", customer_id);
        end_lost_mark(store_, customer_id, by, text::now_utc());
        return require_lost_mark(store_, mark->id);
    });
}

std::vector<LostMark> Customers::lost_marks(std::int64_t customer_id) const {
    return store_.read([&] {
        detail::require_on_file(store_, customer_id, "customer_id");
        Query q(store_, SNOWBALL_LOST_SELECT "WHERE l.customer_id = ? ORDER BY l.id DESC");
        q->bind(1, customer_id);
        std::vector<LostMark> out;
        while (q->executeStep()) out.push_back(read_lost(*q));
        return out;
    });
}

std::vector<LostCount> Customers::lost_counts(std::string_view site) const {
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        Query q(store_, "SELECT reason, count(*) FROM customer_losses WHERE site_id = ? AND undone_at IS NULL "
                        "GROUP BY reason ORDER BY count(*) DESC, reason");
        q->bind(1, s.id);
        std::vector<LostCount> out;
        while (q->executeStep())
            out.push_back({parse_lost_reason(q->getColumn(0).getText()), q->getColumn(1).getInt64()});
        return out;
    });
}

} // namespace snowball
