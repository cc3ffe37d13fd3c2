// Cooperation introductions (交叉合作, followed through): who was introduced to whom, by whom, and what
// came of it. The matcher (analytics.cpp, cooperation_pairs) reads them: a pair introduced is not
// proposed again, and each industry pair's outcomes move its rule's weight (matching.hpp).
#include "snowball/referrals.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "referrals/referral_store.hpp"

#include <algorithm>

namespace snowball {

using detail::Query;

namespace {

#define SNOWBALL_INTRODUCTION_SELECT                                                                           \
    "SELECT i.id, s.code, i.a_id, a.name, i.a_industry, i.b_id, b.name, i.b_industry, i.introduced_on, "       \
    "i.consultant_id, i.outcome, i.outcome_on, i.outcome_by, i.note, i.recorded_at FROM cooperation_introductions i " \
    "JOIN sites s ON s.id = i.site_id JOIN customers a ON a.id = i.a_id JOIN customers b ON b.id = i.b_id "

Introduction read_introduction(SQLite::Statement& s) {
    Introduction i;
    i.id = s.getColumn(0).getInt64();
    i.site = s.getColumn(1).getString();
    i.a_id = s.getColumn(2).getInt64();
    i.a_name = s.getColumn(3).getString();
    i.a_industry = s.getColumn(4).getString();
    i.b_id = s.getColumn(5).getInt64();
    i.b_name = s.getColumn(6).getString();
    i.b_industry = s.getColumn(7).getString();
    i.date = parse_date(s.getColumn(8).getText());
    if (!s.isColumnNull(9)) i.consultant_id = s.getColumn(9).getInt64();
    i.outcome = parse_introduction_outcome(s.getColumn(10).getText());
    if (!s.isColumnNull(11)) i.outcome_date = parse_date(s.getColumn(11).getText());
    if (!s.isColumnNull(12)) i.outcome_by = s.getColumn(12).getInt64();
    i.note = s.getColumn(13).getString();
    i.recorded_at = s.getColumn(14).getString();
    return i;
}

Introduction require_introduction(detail::Store& store, std::int64_t id, const std::string& field) {
    Query q(store, SNOWBALL_INTRODUCTION_SELECT "WHERE i.id = ?");
    q->bind(1, id);
    if (!q->executeStep())
        throw Error(Status::not_found, field + ": no introduction with id " + std::to_string(id), field);
    return read_introduction(*q);
}

} // namespace

Introduction Referrals::introduce(const NewIntroduction& input) {
    const std::string note = text::clean(input.note, "note", 500, false, text::Lines::multi);
    const Date date = detail::day_or_today(input.date, "date");
    if (input.a_id == input.b_id && input.a_id > 0)
        throw_invalid("b_id", "customer " + std::to_string(input.b_id) + " cannot be introduced to themselves");
    return store_.write([&] {
        const detail::Party a = detail::require_party(store_, input.a_id, "a_id");
        const detail::Party b = detail::require_party(store_, input.b_id, "b_id");
        if (a.site_id != b.site_id)
            throw_invalid("b_id", "customer " + std::to_string(input.b_id) + " is at site " + b.site + ", customer " +
                                      std::to_string(input.a_id) + " at site " + a.site + ": introductions are within one site");
        std::optional<std::int64_t> consultant;
        if (input.consultant_id) consultant = detail::acting_consultant(store_, *input.consultant_id, a.site, "consultant_id");
        const auto [lo, hi] = std::minmax(input.a_id, input.b_id);
        {
            Query same(store_, "SELECT id FROM cooperation_introductions WHERE a_id = ? AND b_id = ?");
            same->bind(1, lo);
            same->bind(2, hi);
            if (same->executeStep()) {
                const std::int64_t existing = same->getColumn(0).getInt64();
                throw Error(Status::conflict,
                            "b_id: customers " + std::to_string(lo) + " and " + std::to_string(hi) +
                                " were introduced already (introduction " + std::to_string(existing) + ")",
                            "b_id", existing);
            }
        }
        const Site site = detail::require_site(store_, a.site, "site");
        const auto industry = [&](std::int64_t id) {
            const auto known = detail::occupations(store_, templates_, site, id);
            return known.empty() ? std::string() : known.begin()->second.industry;
        };
        Query q(store_, "INSERT INTO cooperation_introductions(site_id, a_id, b_id, a_industry, b_industry, introduced_on, "
                        "consultant_id, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        q->bind(1, a.site_id);
        q->bind(2, lo);
        q->bind(3, hi);
        q->bind(4, industry(lo));
        q->bind(5, industry(hi));
        q->bind(6, to_iso(date));
        detail::bind_optional(*q, 7, consultant);
        q->bind(8, note);
        q->bind(9, text::now_utc());
        q->exec();
        return require_introduction(store_, store_.db().getLastInsertRowid(), "id");
    });
}

Introduction Referrals::set_introduction_outcome(std::int64_t introduction_id, const IntroductionUpdate& update) {
    const std::string note = text::clean(update.note, "note", 500, false, text::Lines::multi);
    const Date date = detail::day_or_today(update.date, "date");
    return store_.write([&] {
        const Introduction i = require_introduction(store_, introduction_id, "introduction_id");
        if (date < i.date)
            throw_invalid("date", to_iso(date) + " is before the introduction (" + to_iso(i.date) + ")");
        std::optional<std::int64_t> by;
        if (update.by) by = detail::acting_consultant(store_, *update.by, i.site, "by");
        const bool pending = update.outcome == IntroductionOutcome::pending;
        Query q(store_, "UPDATE cooperation_introductions SET outcome = ?, outcome_on = ?, outcome_by = ?, "
                        "note = CASE WHEN ? = '' THEN note ELSE ? END WHERE id = ?");
        q->bind(1, to_string(update.outcome));
        if (pending) q->bind(2);
        else q->bind(2, to_iso(date));
        if (pending) q->bind(3);
        else detail::bind_optional(*q, 3, by);
        q->bind(4, note);
        q->bind(5, note);
        q->bind(6, introduction_id);
        q->exec();
        return require_introduction(store_, introduction_id, "introduction_id");
    });
}

Introduction Referrals::introduction(std::int64_t introduction_id) const {
    return store_.read([&] { return require_introduction(store_, introduction_id, "introduction_id"); }, false);
}

Page<Introduction> Referrals::introductions(const IntroductionQuery& query) const {
    return store_.read([&] {
        const Site site = detail::require_site(store_, query.site, "site");
        std::optional<std::string> outcome;
        if (query.outcome) outcome = to_string(*query.outcome);
        const auto bind = [&](SQLite::Statement& s) {
            s.bind(1, site.id);
            detail::bind_optional(s, 2, query.customer_id);
            detail::bind_optional(s, 3, outcome);
            return 4;
        };
#define SNOWBALL_INTRODUCTION_FILTER \
    "WHERE i.site_id = ?1 AND (?2 IS NULL OR i.a_id = ?2 OR i.b_id = ?2) AND (?3 IS NULL OR i.outcome = ?3) "
        return detail::read_page<Introduction>(
            store_.db(), "SELECT count(*) FROM cooperation_introductions i " SNOWBALL_INTRODUCTION_FILTER,
            SNOWBALL_INTRODUCTION_SELECT SNOWBALL_INTRODUCTION_FILTER "ORDER BY i.introduced_on DESC, i.id DESC LIMIT ?4 OFFSET ?5",
            query.limit, query.offset, bind, read_introduction);
#undef SNOWBALL_INTRODUCTION_FILTER
    });
}

} // namespace snowball
