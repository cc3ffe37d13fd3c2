// The manager's care report: per consultant and period, the care tasks due and what became of
// them, the contacts made by channel and outcome, grade movements, and two states at each period's
// end (prospects without a next contact, owners not contacted in 90 days). As CSV for Excel.
#include "contacts/contact_store.hpp"

#include "archive/records.hpp"
#include "common/text.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_map>

namespace snowball {

using detail::Query;

namespace {

using boost::gregorian::days;

std::vector<std::pair<Date, Date>> periods_of(ReportPeriod period, Date start, Date end) {
    std::vector<std::pair<Date, Date>> out;
    if (period == ReportPeriod::whole) return {{start, end}};
    for (Date d = start; d <= end;) {
        Date last = d;
        if (period == ReportPeriod::week) {
            const int weekday = (d.day_of_week().as_number() + 6) % 7;   // Monday 0
            last = d + days(6 - weekday);
        } else if (period == ReportPeriod::month) {
            last = d.end_of_month();
        }
        if (last > end) last = end;
        out.emplace_back(d, last);
        d = last + days(1);
    }
    return out;
}

// A customer as the report needs them.
struct Person {
    std::int64_t consultant = 0;   // 0: none
    Stage stage = Stage::prospect;
    Date first_contact;
    bool on_file = false;
    // As the log is swept: the day of their latest entry so far, and whether it left a next contact.
    bool contacted = false;
    bool next = false;
    Date last;
    // The period and consultant they were last counted for among the customers contacted.
    std::size_t counted_period = SIZE_MAX;
    std::int64_t counted_by = 0;
};

// The site's customers, found by id: a lookup for every entry of the log, so in a table over their
// range of ids when the ids lie close together (a site's customers mostly do), else hashed.
class People {
public:
    void add(std::int64_t id, const Person& p) {
        ids_.push_back(id);
        list_.push_back(p);
        list_.back().on_file = true;
    }
    void index() {
        if (ids_.empty()) return;
        const auto [lo, hi] = std::minmax_element(ids_.begin(), ids_.end());
        first_ = *lo;
        const std::uint64_t range = static_cast<std::uint64_t>(*hi - *lo) + 1;
        dense_ = range <= 2 * static_cast<std::uint64_t>(ids_.size()) + 4096;
        if (dense_) {
            std::vector<Person> by_id(range);
            for (std::size_t i = 0; i < ids_.size(); ++i) by_id[static_cast<std::size_t>(ids_[i] - first_)] = list_[i];
            list_ = std::move(by_id);
        } else {
            sparse_.reserve(ids_.size());
            for (std::size_t i = 0; i < ids_.size(); ++i) sparse_.emplace(ids_[i], i);
        }
        ids_ = {};
    }
    Person* find(std::int64_t id) {
        if (dense_) {
            if (id < first_ || static_cast<std::uint64_t>(id - first_) >= list_.size()) return nullptr;
            Person& p = list_[static_cast<std::size_t>(id - first_)];
            return p.on_file ? &p : nullptr;
        }
        auto it = sparse_.find(id);
        return it == sparse_.end() ? nullptr : &list_[it->second];
    }
    // Every customer on file (and, in a table, the gaps between them: not on file).
    std::vector<Person>& list() { return list_; }

private:
    std::vector<std::int64_t> ids_;
    std::vector<Person> list_;
    bool dense_ = false;
    std::int64_t first_ = 0;
    std::unordered_map<std::int64_t, std::size_t> sparse_;
};

} // namespace

CareReport Contacts::care_report(const CareReportQuery& query) const {
    if (query.start.is_special()) throw_invalid("start", "is required");
    if (query.end.is_special()) throw_invalid("end", "is required");
    if (query.end < query.start) throw_invalid("end", to_iso(query.end) + " is before start (" + to_iso(query.start) + ")");
    if ((query.end - query.start).days() > 366) throw_invalid("end", "the report covers at most 367 days");
    const Date as_of = query.as_of.value_or(today_in_china());
    return store_.read([&] {
        std::optional<std::int64_t> only = query.consultant_id;
        if (text::trim(query.site).empty()) throw_invalid("site", "is required");
        const Site site = detail::list_scope(store_, query.site, only);
        const ContactSettings settings = detail::load_contact_settings(store_, site.id, site.code);
        CareReport report;
        report.site = site.code;
        report.start = query.start;
        report.end = query.end;
        report.period = query.period;
        report.as_of = as_of;
        const auto periods = periods_of(query.period, query.start, query.end);
        const std::size_t K = periods.size();
        const auto period_of = [&](Date d) -> std::size_t {
            auto it = std::upper_bound(periods.begin(), periods.end(), d,
                                       [](Date v, const std::pair<Date, Date>& p) { return v < p.first; });
            return static_cast<std::size_t>(it - periods.begin()) - 1;
        };
        // The rows: one per period and consultant (0: customers without one), and the totals.
        std::map<std::int64_t, std::string> names;
        {
            Query q(store_, "SELECT id, name FROM consultants WHERE site_id = ? ORDER BY id");
            q->bind(1, site.id);
            while (q->executeStep()) names.emplace(q->getColumn(0).getInt64(), q->getColumn(1).getString());
        }
        std::vector<std::map<std::int64_t, CareReportRow>> rows(K);
        std::vector<std::map<std::int64_t, std::int64_t>> contacted(K);   // distinct customers per consultant
        const auto row = [&](std::size_t k, std::int64_t consultant) -> CareReportRow& {
            auto [it, fresh] = rows[k].try_emplace(consultant);
            if (fresh) {
                it->second.period_start = periods[k].first;
                it->second.period_end = periods[k].second;
                if (consultant) it->second.consultant_id = consultant;
                auto n = names.find(consultant);
                it->second.consultant_name = consultant == 0 ? "未分配" : n == names.end() ? "" : n->second;
            }
            return it->second;
        };
        const auto counted = [&](std::int64_t consultant) { return !only || *only == consultant; };
        for (std::size_t k = 0; k < K; ++k)
            for (const auto& [id, name] : names)
                if (counted(id)) row(k, id);

        // The site's customers: their consultant, stage and first contact.
        People people;
        {
            Query q(store_, "SELECT id, consultant_id, stage, first_contact FROM customers WHERE site_id = ? AND deleted_at IS NULL");
            q->bind(1, site.id);
            while (q->executeStep()) {
                Person p;
                if (!q->isColumnNull(1)) p.consultant = q->getColumn(1).getInt64();
                p.stage = parse_stage(q->getColumn(2).getText());
                p.first_contact = parse_date(q->getColumn(3).getText());
                people.add(q->getColumn(0).getInt64(), p);
            }
            people.index();
        }
        const auto consultant_of = [&](std::int64_t customer) -> std::int64_t {
            const Person* p = people.find(customer);
            return p ? p->consultant : -1;
        };

        // Care tasks, by the customer's consultant.
        for (const CareTaskState& t : calendar_.task_states(site.code, query.start, query.end)) {
            const std::int64_t c = consultant_of(t.customer_id);
            if (c < 0 || !counted(c)) continue;
            CareReportRow& r = row(period_of(t.date), c);
            ++r.tasks_due;
            if (t.status == TaskStatus::done) {
                if (t.closed_on && *t.closed_on <= t.date) ++r.done_on_time;
                else ++r.done_late;
            } else if (t.status == TaskStatus::skipped) {
                ++r.skipped;
                ++r.skip_reasons[t.outcome.empty() ? "—" : t.outcome];
            } else if (t.date < as_of) {
                ++r.overdue;
            }
        }

        // The log, swept in day order up to the last period end that has come: the flows of each
        // period, and the states at each period's end.
        const Date sweep_end = std::min(query.end, as_of);
        std::vector<Date> ends;   // the state days, one per period (nothing for a period not begun)
        for (const auto& p : periods) ends.push_back(std::min(p.second, as_of));
        std::size_t next_end = 0;
        // The state at ends[k], counted per consultant.
        const auto snapshot = [&](std::size_t k) {
            const Date d = ends[k];
            if (periods[k].first > as_of) return;
            const Date window = d - days(89);
            for (const Person& p : people.list()) {
                if (!p.on_file || !counted(p.consultant) || p.first_contact > d) continue;
                if (p.stage == Stage::owner) {
                    const Date last = p.contacted ? std::max(p.last, p.first_contact) : p.first_contact;
                    if (last < window) ++row(k, p.consultant).owners_not_contacted_90;
                } else if (!p.contacted || !p.next) {
                    ++row(k, p.consultant).prospects_without_next;
                }
            }
        };
        {
            Query q(store_, "SELECT customer_id, consultant_id, day, channel, outcome, reached, intent_before, intent, quiet_hours, "
                            "next_on IS NOT NULL FROM contacts WHERE site_id = ? AND day <= ? AND superseded_by IS NULL ORDER BY day");
            q->bind(1, site.id);
            q->bind(2, to_iso(sweep_end));
            const std::string first = to_iso(query.start);
            // The customers a second consultant contacted in the period: (consultant, customer),
            // each counted once when the period is over.
            std::vector<std::pair<std::int64_t, std::int64_t>> others;
            std::size_t others_period = K;
            const auto count_others = [&] {
                std::sort(others.begin(), others.end());
                others.erase(std::unique(others.begin(), others.end()), others.end());
                for (const auto& [by, customer] : others) ++contacted[others_period][by];
                others.clear();
            };
            while (q->executeStep()) {
                const std::string day_text = q->getColumn(2).getString();
                const Date day = parse_date(day_text);
                while (next_end < K && ends[next_end] < day) snapshot(next_end++);
                const std::int64_t customer = q->getColumn(0).getInt64();
                const std::string intent = q->getColumn(7).getString();
                Person* p = people.find(customer);
                if (p) {
                    const bool policy = static_cast<bool>(detail::policy_days(settings, intent, p->stage));
                    p->contacted = true;
                    p->last = day;
                    p->next = q->getColumn(9).getInt() != 0 || policy;
                }
                if (day_text < first) continue;
                const std::int64_t by = q->isColumnNull(1) ? 0 : q->getColumn(1).getInt64();
                if (!counted(by)) continue;
                const std::size_t k = period_of(day);
                CareReportRow& r = row(k, by);
                ++r.contacts;
                const bool reached = q->getColumn(5).getInt() != 0;
                if (reached) ++r.reached;
                // A customer's first contact of the period is marked on them; another consultant's
                // contact of the same period goes to the list of others.
                if (p && p->counted_period != k) {
                    p->counted_period = k;
                    p->counted_by = by;
                    ++contacted[k][by];
                } else if (!p || p->counted_by != by) {
                    if (others_period != k) {
                        if (others_period < K) count_others();
                        others_period = k;
                    }
                    others.emplace_back(by, customer);
                }
                ++r.by_channel[q->getColumn(3).getString()];
                ++r.by_outcome[q->getColumn(4).getString()];
                if (q->getColumn(8).getInt() != 0) ++r.calls_in_quiet_hours;
                const std::string before = q->getColumn(6).getString();
                if (!before.empty() && !intent.empty() && before != intent) ++r.grade_moves[before + "→" + intent];
            }
            if (others_period < K) count_others();
            while (next_end < K) snapshot(next_end++);
        }

        for (std::size_t k = 0; k < K; ++k) {
            CareReportRow total;
            total.period_start = periods[k].first;
            total.period_end = periods[k].second;
            total.consultant_name = "合计";
            total.total = true;
            for (auto& [id, r] : rows[k]) {
                const auto c = contacted[k].find(id);
                r.customers_contacted = c == contacted[k].end() ? 0 : c->second;
                total.tasks_due += r.tasks_due;
                total.done_on_time += r.done_on_time;
                total.done_late += r.done_late;
                total.skipped += r.skipped;
                for (const auto& [key, n] : r.skip_reasons) total.skip_reasons[key] += n;
                total.overdue += r.overdue;
                total.contacts += r.contacts;
                total.reached += r.reached;
                total.customers_contacted += r.customers_contacted;
                for (const auto& [key, n] : r.by_channel) total.by_channel[key] += n;
                for (const auto& [key, n] : r.by_outcome) total.by_outcome[key] += n;
                total.calls_in_quiet_hours += r.calls_in_quiet_hours;
                for (const auto& [key, n] : r.grade_moves) total.grade_moves[key] += n;
                total.prospects_without_next += r.prospects_without_next;
                total.owners_not_contacted_90 += r.owners_not_contacted_90;
                report.rows.push_back(std::move(r));
            }
            report.rows.push_back(std::move(total));
        }
        return report;
    });
}

namespace {

std::string joined(const std::map<std::string, std::int64_t>& counts) {
    std::string out;
    for (const auto& [key, n] : counts) out += (out.empty() ? "" : "; ") + key + ":" + std::to_string(n);
    return out;
}

} // namespace

Table to_table(const CareReport& report) {
    Table t;
    t.columns = {{"site", "案场"},
                 {"start", "开始"},
                 {"end", "结束"},
                 {"consultant_id", "顾问编号"},
                 {"consultant", "顾问"},
                 {"tasks_due", "应做关怀"},
                 {"done_on_time", "按时完成"},
                 {"done_late", "逾期完成"},
                 {"skipped", "跳过"},
                 {"skip_reasons", "跳过原因"},
                 {"overdue", "逾期未做"},
                 {"contacts", "联系次数"},
                 {"reached", "联系上"},
                 {"customers_contacted", "联系客户数"},
                 {"by_channel", "渠道"},
                 {"by_outcome", "结果"},
                 {"calls_in_quiet_hours", "免打扰时段来电"},
                 {"grade_moves", "意向变化"},
                 {"prospects_without_next", "无下次联系的意向客户"},
                 {"owners_not_contacted_90", "90天未联系业主"}};
    for (const CareReportRow& r : report.rows)
        t.rows.push_back({report.site, to_iso(r.period_start), to_iso(r.period_end),
                          r.consultant_id ? std::to_string(*r.consultant_id) : "", r.consultant_name,
                          std::to_string(r.tasks_due), std::to_string(r.done_on_time), std::to_string(r.done_late),
                          std::to_string(r.skipped), joined(r.skip_reasons), std::to_string(r.overdue),
                          std::to_string(r.contacts), std::to_string(r.reached), std::to_string(r.customers_contacted),
                          joined(r.by_channel), joined(r.by_outcome), std::to_string(r.calls_in_quiet_hours),
                          joined(r.grade_moves), std::to_string(r.prospects_without_next),
                          std::to_string(r.owners_not_contacted_90)});
    return t;
}

std::string to_csv(const CareReport& report) { return to_csv(to_table(report), CsvOptions{}); }

} // namespace snowball
