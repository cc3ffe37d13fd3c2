// The care calendar service: settings, task generation, the agenda, completion, iCalendar export,
// and the working-day calendar with the archive's own updates.
#include "snowball/care.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "calendar/care_json.hpp"
#include "calendar/care_records.hpp"
#include "calendar/ics.hpp"
#include "calendar/work_calendar_store.hpp"
#include "common/birthday_sql.hpp"
#include "common/text.hpp"
#include "snowball/numbering.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <map>
#include <set>

namespace snowball {

using detail::json;
using detail::Query;

namespace {

constexpr int max_window_days = 366;

// ---------------------------------------------------------------------------------------------
// Settings

CareSettings load_settings(detail::Store& store, const Site& site) {
    CareSettings s;
    s.site = site.code;
    s.festivals = calendar::default_festivals();
    s.policy = default_care_policy();
    Query q(store, "SELECT festivals, policy, occasions FROM care_settings WHERE site_id = ?");
    q->bind(1, site.id);
    if (q->executeStep()) {
        if (!q->isColumnNull(0)) {
            s.festivals.clear();
            for (const json& f : json::parse(q->getColumn(0).getString())) s.festivals.push_back(detail::festival_from(f, "festivals"));
        }
        if (!q->isColumnNull(1)) {
            s.policy.clear();
            for (const json& r : json::parse(q->getColumn(1).getString())) s.policy.push_back(detail::rule_from(r, "policy"));
        }
        if (!q->isColumnNull(2)) s.occasions = detail::occasion_settings_from(json::parse(q->getColumn(2).getString()), "occasions");
    }
    return s;
}

// Stores one column of a site's settings (the others keep their value).
void store_setting(detail::Store& store, std::int64_t site_id, const char* column, const std::string& value) {
    Query ensure(store, "INSERT INTO care_settings(site_id, updated_at) VALUES (?, ?) ON CONFLICT (site_id) DO NOTHING");
    ensure->bind(1, site_id);
    ensure->bind(2, text::now_utc());
    ensure->exec();
    SQLite::Statement q(store.db(), std::string("UPDATE care_settings SET ") + column + " = ?, updated_at = ? WHERE site_id = ?");
    q.bind(1, value);
    q.bind(2, text::now_utc());
    q.bind(3, site_id);
    q.exec();
}

template <class T, class F>
std::string json_list(const std::vector<T>& items, F&& to_json) {
    json out = json::array();
    for (const T& item : items) out.push_back(to_json(item));
    return out.dump();
}

// ---------------------------------------------------------------------------------------------
// Generation

struct Scope {
    Site site;
    std::optional<std::int64_t> consultant_id;
};

Scope scope_of(detail::Store& store, const std::string& site, std::optional<std::int64_t> consultant_id) {
    if (consultant_id) {
        const Consultant c = detail::require_consultant(store, *consultant_id, "consultant_id");
        if (!text::trim(site).empty() && numbering::normalize_site_code(site, "site") != c.site)
            throw_invalid("consultant_id", "consultant " + std::to_string(c.id) + " works at site " + c.site + ", not " + site);
        return {detail::require_site(store, c.site, "site"), consultant_id};
    }
    if (text::trim(site).empty()) throw_invalid("site", "is required: name a site or a consultant");
    return {detail::require_site(store, site, "site"), std::nullopt};
}

struct Person {
    std::string name;
    Tier tier = Tier::ordinary;
    Stage stage = Stage::prospect;
    std::string archive_no;
    std::optional<std::int64_t> consultant_id;
};

// name, tier, stage, archive_no, consultant_id from column `first` on.
Person person_from(SQLite::Statement& q, int first) {
    Person p{q.getColumn(first).getString(), parse_tier(q.getColumn(first + 1).getText()),
             parse_stage(q.getColumn(first + 2).getText()), q.getColumn(first + 3).getString(), std::nullopt};
    if (!q.isColumnNull(first + 4)) p.consultant_id = q.getColumn(first + 4).getInt64();
    return p;
}

// The customers of a window's tasks, each once, with their index by id.
struct People {
    std::vector<Person> list;
    std::unordered_map<std::int64_t, std::uint32_t> index;

    std::uint32_t remember(std::int64_t id, Person p) {
        const auto [it, fresh] = index.try_emplace(id, static_cast<std::uint32_t>(list.size()));
        if (fresh) list.push_back(std::move(p));
        return it->second;
    }
    std::optional<std::uint32_t> find(std::int64_t id) const {
        const auto it = index.find(id);
        return it == index.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
    }
};

// Month → the smallest and largest day of the window's dates in that month (a superset that SQL
// narrows by index; the exact days are then computed per record).
using DayRanges = std::map<int, std::pair<int, int>>;

void widen(DayRanges& ranges, int month, int lo, int hi) {
    auto [it, fresh] = ranges.try_emplace(month, lo, hi);
    if (!fresh) {
        it->second.first = std::min(it->second.first, lo);
        it->second.second = std::max(it->second.second, hi);
    }
}

int month_end(Date d) {
    return boost::gregorian::gregorian_calendar::end_of_month_day(d.year(), d.month());
}

// The occasions' titles, as the agenda and the briefing show them.
std::string relation_word(const std::string& relation) {
    if (relation == "spouse") return "配偶";
    if (relation == "father") return "父亲";
    if (relation == "mother") return "母亲";
    if (relation == "child") return "子女";
    return "家人";
}

TaskOccasion birthday_occasion(const std::string& name) {
    return {OccasionKind::birthday, "birthday", name + "生日", std::nullopt, std::nullopt};
}

TaskOccasion family_birthday_occasion(std::int64_t member, const std::string& relation, const std::string& name) {
    return {OccasionKind::family_birthday, "family_birthday", relation_word(relation) + name + "生日", member, std::nullopt};
}

TaskOccasion anniversary_occasion(std::int64_t deal, Date deal_date, Date day) {
    const int years = static_cast<int>(day.year()) - static_cast<int>(deal_date.year());
    return {OccasionKind::deal_anniversary, "anniversary:" + std::to_string(years), "成交" + std::to_string(years) + "周年",
            std::nullopt, deal};
}

TaskOccasion follow_up_occasion(std::int64_t deal, const FollowUpDate& f) {
    const bool months = f.step.back() == 'm';
    const std::string amount = f.step.substr(0, f.step.size() - 1);
    return {OccasionKind::follow_up, "follow_up:" + f.step, "成交后" + amount + (months ? "个月" : "天") + "回访",
            std::nullopt, deal};
}

bool festival_applies(const std::vector<CareRule>& policy, const std::string& key, const Person& p) {
    for (const CareRule& r : policy)
        if (r.occasion == OccasionKind::festival && (r.festival.empty() || r.festival == key) &&
            (!r.tier || *r.tier == p.tier) && (!r.stage || *r.stage == p.stage))
            return true;
    return false;
}

// The festival rules a site keeps switched on.
std::vector<calendar::FestivalRule> enabled_festivals(const CareSettings& settings) {
    std::vector<calendar::FestivalRule> enabled;
    for (const auto& f : settings.festivals)
        if (f.enabled) enabled.push_back(f);
    return enabled;
}

// A stage's bit in a policy's stage mask, in SQL (see Generator::stage_mask).
#define SNOWBALL_STAGE_BIT(column) "(CASE " column " WHEN 'prospect' THEN 1 WHEN 'visitor' THEN 2 ELSE 4 END)"

class Generator {
public:
    Generator(detail::Store& store, const Scope& scope, const CareSettings& settings, Date from, Date to)
        : store_(store), scope_(scope), settings_(settings), from_(from), to_(to) {}

    void run() {
        const int owners = 1 << static_cast<int>(Stage::owner);
        if ((stage_mask(OccasionKind::family_birthday) | stage_mask(OccasionKind::deal_anniversary) |
             stage_mask(OccasionKind::follow_up) | stage_mask(OccasionKind::festival)) & owners)
            load_owners();
        birthdays();
        if (stage_mask(OccasionKind::deal_anniversary) || stage_mask(OccasionKind::follow_up)) deals();
        festivals();
    }

    // The tasks of the window: (customer, day) → occasions; a festival greeting on a day with no
    // other occasion of the customer's is in `greeted` instead (most of the window's tasks).
    std::map<std::pair<std::int64_t, Date>, std::vector<TaskOccasion>> found;
    struct FestivalDay {
        Date date;
        std::vector<TaskOccasion> occasions;   // the day's festivals, in the order of the rules
    };
    std::vector<FestivalDay> festival_days;
    // By festival day: the customers greeted (their ids and their index in `people.list`).
    std::vector<std::vector<std::pair<std::int64_t, std::uint32_t>>> greeted;
    People people;   // the customers of the window's tasks

    // By festival day: the festivals of festival_days[day] the policy greets this person on (their
    // indexes); the same for every customer of a tier and stage.
    const std::vector<std::vector<std::size_t>>& greeted_on(const Person& p) {
        auto [it, fresh] = applicable_.try_emplace({static_cast<int>(p.tier), static_cast<int>(p.stage)});
        if (fresh)
            for (const FestivalDay& fd : festival_days) {
                std::vector<std::size_t> which;
                for (std::size_t i = 0; i < fd.occasions.size(); ++i)
                    if (festival_applies(settings_.policy, fd.occasions[i].key, p)) which.push_back(i);
                it->second.push_back(std::move(which));
            }
        return it->second;
    }

private:
    void bind_scope(SQLite::Statement& q, int first) {
        q.bind(first, scope_.site.id);
        detail::bind_optional(q, first + 1, scope_.consultant_id);
    }

    bool in_scope(const Person& p) const { return !scope_.consultant_id || p.consultant_id == scope_.consultant_id; }

    // The site's owners — what the tasks show of them — from their own index (schema 7), read once
    // for the festival greetings, the deals and the families instead of row by row.
    void load_owners() {
        Query q(store_, "SELECT id, name, tier, stage, archive_no, consultant_id FROM customers INDEXED BY customers_owners "
                        "WHERE site_id = ?1 AND stage = 'owner' AND deleted_at IS NULL");
        q->bind(1, scope_.site.id);
        while (q->executeStep()) {
            const std::int64_t id = q->getColumn(0).getInt64();
            owners_.emplace_back(id, people.remember(id, person_from(*q, 1)));
        }
        owners_loaded_ = true;
    }

    // The customer in scope, of a stage in `stages` (a mask), as an index in `people`: known (an
    // owner, or a customer met before), else read when it could be one the owners leave out.
    std::optional<std::uint32_t> customer(std::int64_t id, int stages) {
        if (const auto known = people.find(id)) {
            const Person& p = people.list[*known];
            if (!in_scope(p) || !(stages & (1 << static_cast<int>(p.stage)))) return std::nullopt;
            return known;
        }
        if (owners_loaded_ && !(stages & ~(1 << static_cast<int>(Stage::owner)))) return std::nullopt;
        Query q(store_, "SELECT name, tier, stage, archive_no, consultant_id FROM customers WHERE id = ?1 AND site_id = ?2 "
                        "AND (?3 IS NULL OR consultant_id = ?3) AND deleted_at IS NULL "
                        "AND (?4 & " SNOWBALL_STAGE_BIT("stage") ") <> 0");
        q->bind(1, id);
        bind_scope(*q, 2);
        q->bind(4, stages);
        if (!q->executeStep()) return std::nullopt;
        return people.remember(id, person_from(*q, 0));
    }

    // The customer's own birthday first, then the family's, the deal's occasions, the festivals:
    // the same order whichever calendar each birthday is kept in.
    static int rank(OccasionKind kind) {
        switch (kind) {
        case OccasionKind::birthday: return 0;
        case OccasionKind::family_birthday: return 1;
        case OccasionKind::deal_anniversary: return 2;
        case OccasionKind::follow_up: return 3;
        case OccasionKind::festival: return 4;
        }
        return 5;
    }

    void add(std::int64_t customer, Date day, TaskOccasion occasion) {
        auto& list = found[{customer, day}];
        for (const TaskOccasion& o : list)
            if (o.kind == occasion.kind && o.key == occasion.key && o.family_member_id == occasion.family_member_id &&
                o.deal_id == occasion.deal_id)
                return;
        const auto at = std::find_if(list.begin(), list.end(), [&](const TaskOccasion& o) { return rank(o.kind) > rank(occasion.kind); });
        list.insert(at, std::move(occasion));
    }

    // The stages the policy acts on for occasions of this kind, as a bit mask (1 prospect, 2
    // visitor, 4 owner): the occasions of other customers make no task, so they are not fetched.
    int stage_mask(OccasionKind kind) const {
        int mask = 0;
        for (const CareRule& r : settings_.policy)
            if (r.occasion == kind) mask |= r.stage ? 1 << static_cast<int>(*r.stage) : 7;
        return mask;
    }

    void birthdays() {
        DayRanges gregorian, lunar;
        for (Date d = from_; d <= to_; d += boost::gregorian::days(1)) {
            widen(gregorian, d.month(), d.day(), d.day());
            if (d.month() == 2 && d.day() == 28 && !boost::gregorian::gregorian_calendar::is_leap_year(d.year()))
                widen(gregorian, 2, 29, 29);   // 29 February birthdays fall on 28 February
            if (d < calendar::min_date() || d > calendar::max_date()) continue;
            const calendar::LunarDate l = calendar::to_lunar(d);
            const bool last = l.day == calendar::month_length(l.year, l.month, l.leap);
            widen(lunar, l.month, l.day, last ? 30 : l.day);   // day 30 falls on day 29 in short months
        }
        const bool twice = settings_.occasions.leap_month_birthdays_twice;
        const int own = stage_mask(OccasionKind::birthday), family = stage_mask(OccasionKind::family_birthday);
        // The families of some stages only (owners, by default): the customers of those stages, by
        // the stage index alone (the scope is checked with each candidate's row).
        std::vector<std::int64_t> eligible, family_candidates;
        for (int stage = 0; stage < 3 && family != 7; ++stage) {
            if (!(family & (1 << stage))) continue;
            Query q(store_, "SELECT id FROM customers WHERE site_id = ?1 AND stage = ?2");
            q->bind(1, scope_.site.id);
            q->bind(2, to_string(static_cast<Stage>(stage)));
            while (q->executeStep()) eligible.push_back(q->getColumn(0).getInt64());
        }
        std::sort(eligible.begin(), eligible.end());
        for (const auto& [calendar_name, ranges] : {std::pair{"gregorian", &gregorian}, std::pair{"lunar", &lunar}}) {
            for (const auto& [month, days] : *ranges) {
                Query c(store_, "SELECT id, name, tier, stage, archive_no, consultant_id, birth_calendar, birth_year, birth_month, birth_day, birth_leap "
                                "FROM customers WHERE birth_calendar = ?1 AND birth_month = ?2 AND birth_day BETWEEN ?3 AND ?4 "
                                "AND site_id = ?5 AND (?6 IS NULL OR consultant_id = ?6) AND deleted_at IS NULL "
                                "AND (?7 & " SNOWBALL_STAGE_BIT("stage") ") <> 0");
                c->bind(1, calendar_name);
                c->bind(2, month);
                c->bind(3, days.first);
                c->bind(4, days.second);
                bind_scope(*c, 5);
                c->bind(7, own);
                while (own && c->executeStep()) {
                    const std::int64_t id = c->getColumn(0).getInt64();
                    const Person p = person_from(*c, 1);
                    for (Date d : birthday_dates(*detail::read_birthday(*c, 6), from_, to_, twice)) {
                        people.remember(id, p);
                        add(id, d, birthday_occasion(p.name));
                    }
                }
                // Family birthdays: the candidates by index (which holds the customer's id too).
                if (!family) continue;
                Query f(store_, "SELECT id, customer_id FROM family_members WHERE birth_calendar = ?1 AND birth_month = ?2 "
                                "AND birth_day BETWEEN ?3 AND ?4");
                f->bind(1, calendar_name);
                f->bind(2, month);
                f->bind(3, days.first);
                f->bind(4, days.second);
                while (f->executeStep()) {
                    const std::int64_t customer = f->getColumn(1).getInt64();
                    if (family == 7 || std::binary_search(eligible.begin(), eligible.end(), customer))
                        family_candidates.push_back(f->getColumn(0).getInt64());
                }
            }
        }
        // The candidates' rows, in the order the family members were added.
        std::sort(family_candidates.begin(), family_candidates.end());
        Query f(store_, "SELECT name, relation, customer_id, birth_calendar, birth_year, birth_month, birth_day, birth_leap "
                        "FROM family_members WHERE id = ?");
        for (std::int64_t member : family_candidates) {
            f->bind(1, member);
            if (f->executeStep()) {
                const std::int64_t id = f->getColumn(2).getInt64();
                const std::vector<Date> days = birthday_dates(*detail::read_birthday(*f, 3), from_, to_, twice);
                const std::optional<std::uint32_t> who = days.empty() ? std::nullopt : customer(id, family);
                for (Date d : days) {
                    if (!who) break;
                    add(id, d, family_birthday_occasion(member, f->getColumn(1).getString(), f->getColumn(0).getString()));
                }
            }
            f->reset();
        }
    }

    void deals() {
        const OccasionSettings& o = settings_.occasions;
        // Month-day candidates: anniversaries fall on the deal's month and day; a step of M months
        // lands on a deal month congruent modulo M (or 12) and, at a month's end, on later days too.
        DayRanges month_days;
        std::vector<int> month_steps;
        for (const FollowUpStep& s : o.follow_up)
            if (s.months) month_steps.push_back(s.months);
        for (Date d = from_; d <= to_; d += boost::gregorian::days(1)) {
            const int hi = d.day() == month_end(d) ? 31 : static_cast<int>(d.day());
            if (o.deal_anniversaries) widen(month_days, d.month(), d.day(), hi);
            for (int m : month_steps)
                for (int k = 1; k <= 12; ++k) {
                    const int back = ((static_cast<int>(d.month()) - 1 - m * k) % 12 + 12) % 12 + 1;
                    widen(month_days, back, d.day(), hi);
                }
        }
        std::set<std::int64_t> seen;
        const auto consider = [&](SQLite::Statement& q) {
            const std::int64_t deal = q.getColumn(0).getInt64();
            if (!seen.insert(deal).second) return;
            const Date date = parse_date(q.getColumn(1).getText());
            const std::int64_t id = q.getColumn(2).getInt64();
            if (!customer(id, 7)) return;   // removed, or another consultant's
            if (o.deal_anniversaries)
                for (Date d : anniversary_dates(date, from_, to_)) add(id, d, anniversary_occasion(deal, date, d));
            for (const FollowUpDate& f : follow_up_dates(date, o.follow_up, from_, to_))
                add(id, f.date, follow_up_occasion(deal, f));
        };
        for (const auto& [month, days] : month_days) {
            Query q(store_, "SELECT id, deal_date, customer_id FROM deals WHERE cancelled = 0 "
                            "AND CAST(substr(deal_date, 6, 2) AS INTEGER) = ?1 "
                            "AND CAST(substr(deal_date, 9, 2) AS INTEGER) BETWEEN ?2 AND ?3 AND site_id = ?4");
            q->bind(1, month);
            q->bind(2, days.first);
            q->bind(3, days.second);
            q->bind(4, scope_.site.id);
            while (q->executeStep()) consider(*q);
        }
        for (const FollowUpStep& s : o.follow_up) {
            if (!s.days) continue;
            // A fixed number of days: the deals of a shifted window (every deal when it repeats).
            Query q(store_, "SELECT id, deal_date, customer_id FROM deals WHERE cancelled = 0 "
                            "AND deal_date BETWEEN ?1 AND ?2 AND site_id = ?3");
            q->bind(1, s.repeat ? std::string("0000-00-00") : to_iso(from_ - boost::gregorian::days(s.days)));
            q->bind(2, to_iso(to_ - boost::gregorian::days(s.days)));
            q->bind(3, scope_.site.id);
            while (q->executeStep()) consider(*q);
        }
    }

    void festivals() {
        const std::vector<calendar::FestivalRule> enabled = enabled_festivals(settings_);
        // Festival rules start in 1901 (January 1900 belongs to lunar 1899); the agenda's range starts
        // on 1900-01-31, so the first days of the range have birthdays but no festivals.
        const Date first(static_cast<unsigned short>(calendar::kFirstFestivalYear), 1, 1);
        if (enabled.empty() || to_ < first) return;
        const auto days = calendar::festivals_between(std::max(from_, first), to_, enabled);
        if (days.empty()) return;
        std::map<std::string, std::string> names;
        for (const auto& f : enabled) names[f.key] = f.name_zh;
        for (const auto& fd : days) {
            if (festival_days.empty() || festival_days.back().date != fd.date) festival_days.push_back({fd.date, {}});
            festival_days.back().occasions.push_back({OccasionKind::festival, fd.key, names[fd.key], std::nullopt, std::nullopt});
        }
        greeted.resize(festival_days.size());
        // Who the policy greets on festivals: query only those stages.
        std::set<std::optional<Stage>> stages;
        for (const CareRule& r : settings_.policy)
            if (r.occasion == OccasionKind::festival) stages.insert(r.stage);
        if (stages.empty()) return;
        const bool everyone = stages.count(std::nullopt) > 0;
        // One customer's greetings; `index`: in `people`, if known (then `p` is there).
        const auto greet = [&](std::int64_t id, const Person& p, std::optional<std::uint32_t> index) {
            const std::vector<std::vector<std::size_t>>& on = greeted_on(p);
            // The customer's other occasions in the window, if any (most have none).
            const auto mine = found.lower_bound({id, Date(boost::gregorian::min_date_time)});
            const bool other = mine != found.end() && mine->first.first == id;
            for (std::size_t day = 0; day < festival_days.size(); ++day) {
                if (on[day].empty()) continue;
                if (!index) index = people.remember(id, p);
                const FestivalDay& fd = festival_days[day];
                if (other && found.count({id, fd.date}))
                    for (std::size_t i : on[day]) add(id, fd.date, fd.occasions[i]);
                else
                    greeted[day].emplace_back(id, *index);
            }
        };
        const auto visit = [&](SQLite::Statement& q) {
            while (q.executeStep()) greet(q.getColumn(0).getInt64(), person_from(q, 1), std::nullopt);
        };
        if (everyone) {
            Query q(store_, "SELECT id, name, tier, stage, archive_no, consultant_id FROM customers WHERE site_id = ?1 "
                            "AND (?2 IS NULL OR consultant_id = ?2) AND deleted_at IS NULL");
            bind_scope(*q, 1);
            visit(*q);
            return;
        }
        for (const auto& stage : stages) {
            if (*stage == Stage::owner) {
                for (const auto& [id, index] : owners_)   // loaded (run)
                    if (in_scope(people.list[index])) greet(id, people.list[index], index);
                continue;
            }
            Query q(store_, "SELECT id, name, tier, stage, archive_no, consultant_id FROM customers WHERE site_id = ?1 "
                            "AND (?2 IS NULL OR consultant_id = ?2) AND stage = ?3 AND deleted_at IS NULL");
            bind_scope(*q, 1);
            q->bind(3, to_string(*stage));
            visit(*q);
        }
    }

    detail::Store& store_;
    const Scope& scope_;
    const CareSettings& settings_;
    Date from_, to_;
    std::map<std::pair<int, int>, std::vector<std::vector<std::size_t>>> applicable_;   // (tier, stage) → by day
    bool owners_loaded_ = false;
    std::vector<std::pair<std::int64_t, std::uint32_t>> owners_;   // the site's owners: id, index in `people`
};

// What the policy says to do about a day's occasions for this person.
std::vector<TaskAction> actions_for(const std::vector<CareRule>& policy, const std::vector<TaskOccasion>& occasions,
                                    const Person& p, Date day) {
    std::vector<TaskAction> out;
    for (const TaskOccasion& o : occasions)
        for (const CareRule& r : policy) {
            if (r.occasion != o.kind || (r.tier && *r.tier != p.tier) || (r.stage && *r.stage != p.stage)) continue;
            if (o.kind == OccasionKind::festival && !r.festival.empty() && r.festival != o.key) continue;
            const bool known = std::any_of(out.begin(), out.end(), [&](const TaskAction& a) {
                return a.action == r.action && a.channel == r.channel;
            });
            if (known) continue;
            out.push_back({r.action, r.channel, r.lead_days, day - boost::gregorian::days(r.lead_days),
                           r.label.in(Language::zh)});
        }
    std::sort(out.begin(), out.end(), [](const TaskAction& a, const TaskAction& b) { return a.start < b.start; });
    return out;
}

// ---------------------------------------------------------------------------------------------
// Stored tasks
//
// A task is a row of care_tasks, or — while nobody has acted on it — a member of a group of
// care_task_groups: the tasks whose occasions are festivals only share their occasions and
// actions with every customer the policy greets alike, so they are kept once per site, day and
// content, with the customers in care_task_members. Either way the task has the same id (see
// task_id_of); acting on a group's member moves its task to a row.

constexpr int day_bits = 17;   // 2^17 days from 1900-01-01 reach beyond 2100-12-31
const Date day_zero(1900, 1, 1);

std::int64_t task_id_of(std::int64_t customer, Date day) {
    if (customer <= 0 || customer >= (std::int64_t{1} << (62 - day_bits)))
        throw Error(Status::invalid_state,
                    "customer_id: customer " + std::to_string(customer) + " is beyond the range of care task ids",
                    "customer_id", customer);
    return customer << day_bits | static_cast<std::int64_t>((day - day_zero).days());
}

// The customer and day of a task id; nothing for a number no task can have.
std::optional<std::pair<std::int64_t, Date>> task_key_of(std::int64_t id) {
    if (id <= 0) return std::nullopt;
    const std::int64_t customer = id >> day_bits;
    const Date day = day_zero + boost::gregorian::days(static_cast<long>(id & ((std::int64_t{1} << day_bits) - 1)));
    if (customer <= 0 || day < calendar::min_date() || day > calendar::max_date()) return std::nullopt;
    return std::pair{customer, day};
}

bool by_date_and_customer(const CareTask& a, const CareTask& b) {
    return a.date != b.date ? a.date < b.date : a.customer_id < b.customer_id;
}

TaskStatus parse_status(const std::string& status) {
    return status == "done" ? TaskStatus::done : status == "skipped" ? TaskStatus::skipped : TaskStatus::open;
}

#define SNOWBALL_TASK_SELECT                                                                                \
    "SELECT t.id, t.customer_id, c.name, c.archive_no, s.code, c.consultant_id, t.task_date, t.prepare_from, "  \
    "t.occasions, t.actions, t.status, t.outcome, t.note, t.done_at, t.done_by FROM care_tasks t "            \
    "JOIN customers c ON c.id = t.customer_id JOIN sites s ON s.id = t.site_id "

// A group's member: its task as the group keeps it (open, untouched).
#define SNOWBALL_MEMBER_SELECT                                                                              \
    "SELECT g.id, m.customer_id, c.name, c.archive_no, s.code, c.consultant_id, g.task_date, g.prepare_from, "  \
    "g.occasions, g.actions FROM care_task_groups g JOIN care_task_members m ON m.group_id = g.id "         \
    "JOIN customers c ON c.id = m.customer_id JOIN sites s ON s.id = g.site_id "

// The customer's columns of SNOWBALL_TASK_SELECT / SNOWBALL_MEMBER_SELECT (1 to 5).
void read_customer_columns(SQLite::Statement& q, CareTask& t) {
    t.customer_id = q.getColumn(1).getInt64();
    t.customer_name = q.getColumn(2).getString();
    t.archive_no = q.getColumn(3).getString();
    t.site = q.getColumn(4).getString();
    if (!q.isColumnNull(5)) t.consultant_id = q.getColumn(5).getInt64();
}

// A task from its row (SNOWBALL_TASK_SELECT).
CareTask read_task(SQLite::Statement& q) {
    CareTask t;
    t.id = q.getColumn(0).getInt64();
    read_customer_columns(q, t);
    t.date = parse_date(q.getColumn(6).getText());
    t.prepare_from = parse_date(q.getColumn(7).getText());
    t.occasions = detail::occasions_from(json::parse(q.getColumn(8).getString()));
    t.actions = detail::actions_from(json::parse(q.getColumn(9).getString()));
    t.status = parse_status(q.getColumn(10).getString());
    t.outcome = q.getColumn(11).getString();
    t.note = q.getColumn(12).getString();
    if (!q.isColumnNull(13)) t.done_at = q.getColumn(13).getString();
    if (!q.isColumnNull(14)) t.done_by = q.getColumn(14).getInt64();
    return t;
}

// Each group's occasions and actions, parsed once: all its members share them.
using ParsedGroups = std::map<std::int64_t, std::pair<std::vector<TaskOccasion>, std::vector<TaskAction>>>;

// A group's member's task (SNOWBALL_MEMBER_SELECT).
CareTask read_member(SQLite::Statement& q, ParsedGroups& parsed) {
    CareTask t;
    read_customer_columns(q, t);
    t.date = parse_date(q.getColumn(6).getText());
    t.id = task_id_of(t.customer_id, t.date);
    t.prepare_from = parse_date(q.getColumn(7).getText());
    const std::int64_t group = q.getColumn(0).getInt64();
    auto it = parsed.find(group);
    if (it == parsed.end())
        it = parsed.emplace(group, std::pair{detail::occasions_from(json::parse(q.getColumn(8).getString())),
                                             detail::actions_from(json::parse(q.getColumn(9).getString()))}).first;
    t.occasions = it->second.first;
    t.actions = it->second.second;
    return t;
}

// The task, from its row or its group; `group` tells which group keeps it (0: a row).
std::optional<CareTask> find_task(detail::Store& store, std::int64_t id, std::int64_t* group = nullptr) {
    if (group) *group = 0;
    const auto key = task_key_of(id);
    if (!key) return std::nullopt;
    {
        Query q(store, SNOWBALL_TASK_SELECT "WHERE t.id = ?");
        q->bind(1, id);
        if (q->executeStep()) return read_task(*q);
    }
    Query q(store, SNOWBALL_MEMBER_SELECT "WHERE g.task_date = ?1 AND m.customer_id = ?2");
    q->bind(1, to_iso(key->second));
    q->bind(2, key->first);
    if (!q->executeStep()) return std::nullopt;
    if (group) *group = q->getColumn(0).getInt64();
    ParsedGroups parsed;
    return read_member(*q, parsed);
}

CareTask require_task(detail::Store& store, std::int64_t id, std::int64_t* group = nullptr) {
    auto t = find_task(store, id, group);
    if (!t) throw Error(Status::not_found, "task_id: no care task with id " + std::to_string(id), "task_id");
    return std::move(*t);
}

// Moves a group's member's task to a row of its own (a consultant acts on it).
void materialize(detail::Store& store, std::int64_t group, std::int64_t id, std::int64_t customer) {
    Query row(store, "INSERT INTO care_tasks(id, site_id, customer_id, task_date, prepare_from, occasions, actions, "
                     "created_at, updated_at) SELECT ?1, site_id, ?2, task_date, prepare_from, occasions, actions, "
                     "created_at, ?3 FROM care_task_groups WHERE id = ?4");
    row->bind(1, id);
    row->bind(2, customer);
    row->bind(3, text::now_utc());
    row->bind(4, group);
    row->exec();
    Query member(store, "DELETE FROM care_task_members WHERE group_id = ? AND customer_id = ?");
    member->bind(1, group);
    member->bind(2, customer);
    member->exec();
    Query empty(store, "DELETE FROM care_task_groups WHERE id = ?1 AND NOT EXISTS "
                       "(SELECT 1 FROM care_task_members WHERE group_id = ?1)");
    empty->bind(1, group);
    empty->exec();
}

void check_window(Date from, Date to) {
    if (from.is_special()) throw_invalid("from", "is not a date");
    if (to.is_special()) throw_invalid("to", "is not a date");
    if (to < from) throw_invalid("to", to_iso(to) + " is before from (" + to_iso(from) + ")");
    if ((to - from).days() >= max_window_days) throw_invalid("to", "the window is longer than a year");
    for (const auto& [day, field] : {std::pair{from, "from"}, std::pair{to, "to"}})
        if (day < calendar::min_date() || day > calendar::max_date())
            throw_invalid(field, "the care calendar covers " + to_iso(calendar::min_date()) + " to " + to_iso(calendar::max_date()));
}

// ---------------------------------------------------------------------------------------------
// The agenda: generate the window, store what changed, return the window's tasks

// The occasions and actions that generated tasks share, and their stored JSON text.
struct Content {
    std::vector<TaskOccasion> occasions;
    std::vector<TaskAction> actions;
    std::string occasions_text;
    std::string actions_text;
    bool grouped = false;   // festivals only: kept in a group of the site and day
    std::optional<std::int64_t> group;   // its group, once known
};

// A task the facts call for.
struct Made {
    std::int64_t id;
    std::int64_t customer;
    Date day;
    std::size_t content;
    std::uint32_t person;   // in Agenda::people_
};

// A stored row of the window.
struct Row {
    CareTask task;   // without the customer's columns
    std::string occasions_text;
    std::string actions_text;
    bool untouched = false;   // open, with no outcome and no note
    bool called_for = false;
    bool listed = false;
};

// A group's member, as read for the window.
struct Member {
    std::int64_t id;   // its task's
    std::int64_t group;
    std::int64_t customer;
    bool kept;
};

class Agenda {
public:
    Agenda(detail::Store& store, const Scope& scope, Date from, Date to)
        : store_(store), scope_(scope), from_(from), to_(to), now_(text::now_utc()) {}

    std::vector<CareTask> run(bool include_closed) {
        generate();
        read_rows();
        read_members();
        store();
        return tasks(include_closed);
    }

private:
    // The facts' tasks of the window, by date and customer, each with its content.
    void generate() {
        const CareSettings settings = load_settings(store_, scope_.site);
        Generator g(store_, scope_, settings, from_, to_);
        g.run();
        people_ = std::move(g.people);
        // Most tasks share their occasions (a festival) and actions with many others: each distinct
        // set is worked out and written as JSON once.
        struct Actions {
            std::vector<TaskAction> actions;
            std::string text;
        };
        std::unordered_map<std::string, Actions> action_sets;
        // The actions depend on the day, the person's tier and stage and the occasions' kinds.
        const auto actions_of = [&](const std::vector<TaskOccasion>& occasions, const Person& person,
                                    Date day) -> const Actions& {
            std::string kinds = to_iso(day) + '|' + to_string(person.tier) + '|' + to_string(person.stage);
            for (const TaskOccasion& o : occasions) kinds += '|' + std::to_string(static_cast<int>(o.kind)) + o.key;
            auto acts = action_sets.find(kinds);
            if (acts == action_sets.end()) {
                Actions a{actions_for(settings.policy, occasions, person, day), {}};
                a.text = detail::actions_json(a.actions).dump();
                acts = action_sets.emplace(std::move(kinds), std::move(a)).first;
            }
            return acts->second;
        };
        const auto add_content = [&](std::vector<TaskOccasion>&& occasions, const Actions& actions) {
            Content content;
            content.grouped = std::all_of(occasions.begin(), occasions.end(),
                                          [](const TaskOccasion& o) { return o.kind == OccasionKind::festival; });
            content.occasions_text = detail::occasions_text(occasions);
            content.actions = actions.actions;
            content.actions_text = actions.text;
            content.occasions = std::move(occasions);
            contents_.push_back(std::move(content));
            return contents_.size() - 1;
        };
        std::size_t greetings = 0;
        for (const auto& customers : g.greeted) greetings += customers.size();
        made_.reserve(g.found.size() + greetings);
        for (auto& [key, occasions] : g.found) {
            const auto& [customer, day] = key;
            const std::uint32_t who = people_.index.at(customer);
            const Person& person = people_.list[who];
            const Actions& acts = actions_of(occasions, person, day);
            if (acts.actions.empty()) continue;
            // A birthday, an anniversary or a follow-up names its person or deal: a content of its own.
            const std::size_t c = add_content(std::move(occasions), acts);
            made_.push_back({task_id_of(customer, day), customer, day, c, who});
        }
        // The festival greetings: one content per day and kind of customer (tier and stage).
        for (std::size_t day = 0; day < g.festival_days.size(); ++day) {
            const Date date = g.festival_days[day].date;
            std::map<std::pair<int, int>, std::optional<std::size_t>> of_kind;
            for (const auto& [customer, who] : g.greeted[day]) {
                const Person& person = people_.list[who];
                auto [it, fresh] = of_kind.try_emplace({static_cast<int>(person.tier), static_cast<int>(person.stage)});
                if (fresh) {
                    std::vector<TaskOccasion> occasions;
                    for (std::size_t i : g.greeted_on(person)[day]) occasions.push_back(g.festival_days[day].occasions[i]);
                    const Actions& acts = actions_of(occasions, person, date);
                    if (!acts.actions.empty()) it->second = add_content(std::move(occasions), acts);
                }
                if (it->second) made_.push_back({task_id_of(customer, date), customer, date, *it->second, who});
            }
        }
        std::sort(made_.begin(), made_.end(), [](const Made& a, const Made& b) {
            return a.day != b.day ? a.day < b.day : a.customer < b.customer;
        });
    }

    // The window's rows of the scope.
    void read_rows() {
        const char* sql = scope_.consultant_id
            ? "SELECT id, customer_id, task_date, prepare_from, occasions, actions, status, outcome, note, done_at, done_by "
              "FROM care_tasks WHERE site_id = ?1 AND task_date BETWEEN ?2 AND ?3 "
              "AND customer_id IN (SELECT id FROM customers WHERE consultant_id = ?4)"
            : "SELECT id, customer_id, task_date, prepare_from, occasions, actions, status, outcome, note, done_at, done_by "
              "FROM care_tasks WHERE site_id = ?1 AND task_date BETWEEN ?2 AND ?3";
        Query q(store_, sql);
        bind_window(*q);
        while (q->executeStep()) {
            Row r;
            r.task.id = q->getColumn(0).getInt64();
            r.task.customer_id = q->getColumn(1).getInt64();
            r.task.date = parse_date(q->getColumn(2).getText());
            r.task.prepare_from = parse_date(q->getColumn(3).getText());
            r.occasions_text = q->getColumn(4).getString();
            r.actions_text = q->getColumn(5).getString();
            r.task.status = parse_status(q->getColumn(6).getString());
            r.task.outcome = q->getColumn(7).getString();
            r.task.note = q->getColumn(8).getString();
            if (!q->isColumnNull(9)) r.task.done_at = q->getColumn(9).getString();
            if (!q->isColumnNull(10)) r.task.done_by = q->getColumn(10).getInt64();
            r.untouched = r.task.status == TaskStatus::open && r.task.outcome.empty() && r.task.note.empty();
            rows_.emplace(r.task.id, std::move(r));
        }
    }

    // The window's groups of the site, and their members of the scope.
    void read_members() {
        {
            Query q(store_, "SELECT id, task_date, occasions, actions FROM care_task_groups "
                            "WHERE task_date BETWEEN ?2 AND ?3 AND site_id = ?1");
            bind_window(*q, false);
            while (q->executeStep())
                groups_.emplace(group_key(parse_date(q->getColumn(1).getText()), q->getColumn(2).getString(),
                                          q->getColumn(3).getString()),
                                q->getColumn(0).getInt64());
        }
        if (groups_.empty()) return;
        const char* sql = scope_.consultant_id
            ? "SELECT m.group_id, m.customer_id, g.task_date FROM care_task_groups g JOIN care_task_members m ON m.group_id = g.id "
              "WHERE g.task_date BETWEEN ?2 AND ?3 AND g.site_id = ?1 "
              // The group's members, each checked against the consultant's customers (`+`: not
              // the other way round, a lookup in every group for each of the consultant's customers).
              "AND +m.customer_id IN (SELECT id FROM customers WHERE consultant_id = ?4)"
            : "SELECT m.group_id, m.customer_id, g.task_date FROM care_task_groups g JOIN care_task_members m ON m.group_id = g.id "
              "WHERE g.task_date BETWEEN ?2 AND ?3 AND g.site_id = ?1";
        Query q(store_, sql);
        bind_window(*q);
        std::string date_text;
        Date date;
        while (q->executeStep()) {
            const std::int64_t customer = q->getColumn(1).getInt64();
            if (date_text != q->getColumn(2).getText()) {   // the rows come group by group
                date_text = q->getColumn(2).getText();
                date = parse_date(date_text);
            }
            members_.push_back({task_id_of(customer, date), q->getColumn(0).getInt64(), customer, false});
        }
        std::sort(members_.begin(), members_.end(), [](const Member& a, const Member& b) { return a.id < b.id; });
    }

    Member* member_of(std::int64_t id) {
        auto it = std::lower_bound(members_.begin(), members_.end(), id, [](const Member& m, std::int64_t i) { return m.id < i; });
        return it != members_.end() && it->id == id ? &*it : nullptr;
    }

    // Writes what changed: new tasks, open tasks whose occasions or actions changed, and the
    // untouched tasks the facts no longer call for (a birthday corrected, a deal cancelled) go.
    void store() {
        Query insert_row(store_, "INSERT INTO care_tasks(id, site_id, customer_id, task_date, prepare_from, occasions, "
                                 "actions, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
        Query update_row(store_, "UPDATE care_tasks SET prepare_from = ?2, occasions = ?3, actions = ?4, updated_at = ?5 "
                                 "WHERE id = ?1");
        Query delete_row(store_, "DELETE FROM care_tasks WHERE id = ?");
        std::map<std::int64_t, std::vector<std::int64_t>> joining;   // group → the customers it gains
        std::vector<const Made*> fresh;                               // the tasks new rows keep
        for (const Made& m : made_) {
            const Content& c = contents_[m.content];
            Member* member = member_of(m.id);
            auto row = rows_.find(m.id);
            if (row != rows_.end() && c.grouped && row->second.untouched) {
                // Nobody acted on it: the greeting goes back to its group (the row's occasions were
                // the customer's own, such as a birthday since corrected).
                delete_row->bind(1, m.id);
                delete_row->exec();
                delete_row->reset();
                rows_.erase(row);
                row = rows_.end();
            }
            if (row != rows_.end()) {
                // A row stays the task's home; an open one takes the facts' occasions and actions.
                Row& r = row->second;
                r.called_for = true;
                if (r.task.status == TaskStatus::open && (r.occasions_text != c.occasions_text || r.actions_text != c.actions_text)) {
                    update_row->bind(1, m.id);
                    update_row->bind(2, to_iso(c.actions.front().start));
                    update_row->bindNoCopy(3, c.occasions_text);
                    update_row->bindNoCopy(4, c.actions_text);
                    update_row->bindNoCopy(5, now_);
                    update_row->exec();
                    update_row->reset();
                    r.occasions_text = c.occasions_text;
                    r.actions_text = c.actions_text;
                    r.task.prepare_from = c.actions.front().start;
                }
                continue;
            }
            if (c.grouped) {
                const std::int64_t group = group_of(m.content, m.day);
                if (member && member->group == group)
                    member->kept = true;
                else
                    joining[group].push_back(m.customer);
                continue;
            }
            fresh.push_back(&m);
        }
        // New rows by id: the table's order (the customer, then the day).
        std::sort(fresh.begin(), fresh.end(), [](const Made* a, const Made* b) { return a->id < b->id; });
        for (const Made* m : fresh) {
            const Content& c = contents_[m->content];
            const std::string date = to_iso(m->day);
            const std::string prepare = to_iso(c.actions.front().start);
            insert_row->bind(1, m->id);
            insert_row->bind(2, scope_.site.id);
            insert_row->bind(3, m->customer);
            insert_row->bindNoCopy(4, date);
            insert_row->bindNoCopy(5, prepare);
            insert_row->bindNoCopy(6, c.occasions_text);
            insert_row->bindNoCopy(7, c.actions_text);
            insert_row->bindNoCopy(8, now_);
            insert_row->exec();
            insert_row->reset();
        }
        for (auto it = rows_.begin(); it != rows_.end();) {
            if (it->second.called_for || !it->second.untouched) {
                ++it;
                continue;
            }
            delete_row->bind(1, it->first);
            delete_row->exec();
            delete_row->reset();
            it = rows_.erase(it);
        }
        // A group's new members in one statement: the customers as a JSON array.
        Query join(store_, "INSERT INTO care_task_members(group_id, customer_id) SELECT ?1, value FROM json_each(?2)");
        for (const auto& [group, customers] : joining) {
            std::string list = "[";
            char number[24];
            for (std::int64_t customer : customers) {
                const auto end = std::to_chars(number, number + sizeof number, customer).ptr;
                if (list.size() > 1) list += ',';
                list.append(number, end);
            }
            list += ']';
            join->bind(1, group);
            join->bindNoCopy(2, list);
            join->exec();
            join->reset();
        }
        // Members whose task moved (to a row, another group) or is no longer called for.
        bool dropped = false;
        Query drop(store_, "DELETE FROM care_task_members WHERE group_id = ? AND customer_id = ?");
        for (const Member& member : members_) {
            if (member.kept) continue;
            drop->bind(1, member.group);
            drop->bind(2, member.customer);
            drop->exec();
            drop->reset();
            dropped = true;
        }
        if (dropped) {
            Query empty(store_, "DELETE FROM care_task_groups WHERE task_date BETWEEN ?2 AND ?3 AND site_id = ?1 AND NOT EXISTS "
                                "(SELECT 1 FROM care_task_members WHERE group_id = care_task_groups.id)");
            bind_window(*empty, false);
            empty->exec();
        }
    }

    // The window's tasks by date and customer: those the facts call for, and the rows kept
    // although they no longer do (closed, or with a note).
    std::vector<CareTask> tasks(bool include_closed) {
        std::vector<CareTask> out;
        out.reserve(made_.size());
        for (const Made& m : made_) {
            const Content& c = contents_[m.content];
            auto row = rows_.find(m.id);
            if (row != rows_.end()) {
                Row& r = row->second;
                r.listed = true;
                if (!include_closed && r.task.status != TaskStatus::open) continue;
                out.push_back(row_task(r, &c));
                continue;
            }
            CareTask& t = out.emplace_back();
            t.id = m.id;
            t.customer_id = m.customer;
            t.date = m.day;
            t.prepare_from = c.actions.front().start;
            t.occasions = c.occasions;
            t.actions = c.actions;
            with_customer(t, m.person);
        }
        // The rows nothing calls for now, merged in.
        const std::size_t called_for = out.size();
        for (auto& [id, r] : rows_)
            if (!r.listed && (include_closed || r.task.status == TaskStatus::open)) out.push_back(row_task(r, nullptr));
        std::sort(out.begin() + static_cast<std::ptrdiff_t>(called_for), out.end(), by_date_and_customer);
        std::inplace_merge(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(called_for), out.end(), by_date_and_customer);
        return out;
    }

    // A row's task: an open one as the facts have it now (`c`), a closed one as it was closed.
    CareTask row_task(Row& r, const Content* c) {
        CareTask t = std::move(r.task);
        if (c && t.status == TaskStatus::open) {
            t.occasions = c->occasions;
            t.actions = c->actions;
            t.prepare_from = c->actions.front().start;
        } else {
            t.occasions = detail::occasions_from(json::parse(r.occasions_text));
            t.actions = detail::actions_from(json::parse(r.actions_text));
        }
        with_customer(t);
        return t;
    }

    // The customer's columns, known from generating, else (a row nothing calls for now) read.
    void with_customer(CareTask& t, std::optional<std::uint32_t> known = std::nullopt) {
        if (!known) known = people_.find(t.customer_id);
        if (!known) {
            Query c(store_, "SELECT name, tier, stage, archive_no, consultant_id FROM customers WHERE id = ?");
            c->bind(1, t.customer_id);
            // Always found: customers are never deleted.
            known = people_.remember(t.customer_id, c->executeStep() ? person_from(*c, 0) : Person{});
        }
        const Person& p = people_.list[*known];
        t.customer_name = p.name;
        t.archive_no = p.archive_no;
        t.consultant_id = p.consultant_id;
        t.site = scope_.site.code;
    }

    static std::string group_key(Date day, const std::string& occasions, const std::string& actions) {
        return to_iso(day) + '\x1e' + occasions + '\x1e' + actions;
    }

    // The site's group of the day for the content, made when new.
    std::int64_t group_of(std::size_t content, Date day) {
        Content& c = contents_[content];
        if (c.group) return *c.group;
        std::string key = group_key(day, c.occasions_text, c.actions_text);
        auto it = groups_.find(key);
        if (it != groups_.end()) return *(c.group = it->second);
        Query q(store_, "INSERT INTO care_task_groups(site_id, task_date, prepare_from, occasions, actions, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?)");
        q->bind(1, scope_.site.id);
        q->bind(2, to_iso(day));
        q->bind(3, to_iso(c.actions.front().start));
        q->bind(4, c.occasions_text);
        q->bind(5, c.actions_text);
        q->bind(6, now_);
        q->exec();
        return *(c.group = groups_.emplace(std::move(key), store_.db().getLastInsertRowid()).first->second);
    }

    void bind_window(SQLite::Statement& q, bool with_consultant = true) {
        q.bind(1, scope_.site.id);
        q.bind(2, to_iso(from_));
        q.bind(3, to_iso(to_));
        if (with_consultant && scope_.consultant_id) q.bind(4, *scope_.consultant_id);
    }

    detail::Store& store_;
    const Scope& scope_;
    Date from_, to_;
    std::string now_;
    People people_;
    std::vector<Content> contents_;
    std::vector<Made> made_;
    std::unordered_map<std::int64_t, Row> rows_;
    std::vector<Member> members_;   // by id
    std::unordered_map<std::string, std::int64_t> groups_;
};


CareTask close_task(detail::Store& store, std::int64_t id, const char* status, const std::string& outcome,
                    const std::string& note, std::optional<std::int64_t> by) {
    std::int64_t group = 0;
    const CareTask t = require_task(store, id, &group);
    if (t.status != TaskStatus::open)
        throw Error(Status::invalid_state, "task_id: care task " + std::to_string(id) + " is already " + to_string(t.status),
                    "task_id", id);
    if (by) detail::require_consultant(store, *by, "by");
    if (group) materialize(store, group, id, t.customer_id);
    Query q(store, "UPDATE care_tasks SET status = ?, outcome = ?, note = ?, done_at = ?, done_by = ?, updated_at = ? "
                   "WHERE id = ?");
    const std::string now = text::now_utc();
    q->bind(1, status);
    q->bind(2, outcome);
    q->bind(3, note);
    q->bind(4, now);
    detail::bind_optional(*q, 5, by);
    q->bind(6, now);
    q->bind(7, id);
    q->exec();
    return require_task(store, id);
}
} // namespace

const char* to_string(TaskStatus status) noexcept {
    switch (status) {
    case TaskStatus::open: return "open";
    case TaskStatus::done: return "done";
    case TaskStatus::skipped: return "skipped";
    }
    return "";
}

// ---------------------------------------------------------------------------------------------

CareCalendar::CareCalendar(detail::Store& store) : store_(store) {
    store_.events().subscribe<detail::DealCancelled>("calendar", [](detail::Store& s, const detail::DealCancelled& e) {
        detail::drop_deal_tasks(s, e.customer_id, e.deal_id);
    });
    store_.events().subscribe<detail::CustomerErased>("calendar", [](detail::Store& s, const detail::CustomerErased& e) {
        detail::remove_customer_tasks(s, e.customer_id);
    });
}

CareSettings CareCalendar::settings(std::string_view site) const {
    return store_.read([&] { return load_settings(store_, detail::require_site(store_, site, "site")); });
}

CareSettings CareCalendar::set_festivals(std::string_view site, const std::vector<calendar::FestivalRule>& festivals) {
    calendar::validate(festivals);
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        store_setting(store_, s.id, "festivals", json_list(festivals, detail::festival_json));
        return load_settings(store_, s);
    });
}

CareSettings CareCalendar::set_policy(std::string_view site, const std::vector<CareRule>& policy) {
    for (std::size_t i = 0; i < policy.size(); ++i) validate(policy[i], "policy[" + std::to_string(i) + "]");
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        store_setting(store_, s.id, "policy", json_list(policy, detail::rule_json));
        return load_settings(store_, s);
    });
}

CareSettings CareCalendar::set_occasion_settings(std::string_view site, const OccasionSettings& settings) {
    for (std::size_t i = 0; i + 1 < settings.follow_up.size(); ++i)
        if (settings.follow_up[i].repeat) throw_invalid("follow_up", "only the last step may repeat");
    for (const FollowUpStep& s : settings.follow_up)
        if ((s.days <= 0) == (s.months <= 0)) throw_invalid("follow_up", "each step is a number of days or of months");
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        store_setting(store_, s.id, "occasions", detail::occasion_settings_json(settings).dump());
        return load_settings(store_, s);
    });
}

std::vector<CareTask> CareCalendar::agenda(const AgendaQuery& query) {
    check_window(query.from, query.to);
    return store_.write([&] {
        const Scope scope = scope_of(store_, query.site, query.consultant_id);
        return Agenda(store_, scope, query.from, query.to).run(query.include_closed);
    });
}

CareTask CareCalendar::get(std::int64_t task_id) const {
    return store_.read([&] { return require_task(store_, task_id); }, false);
}

CareTask CareCalendar::complete(std::int64_t task_id, const std::string& outcome, const std::string& note,
                                std::optional<std::int64_t> by) {
    const std::string o = text::clean(outcome, "outcome", 200, true);
    const std::string n = text::clean(note, "note", 2000, false, text::Lines::multi);
    return store_.write([&] { return close_task(store_, task_id, "done", o, n, by); });
}

CareTask CareCalendar::skip(std::int64_t task_id, const std::string& reason, std::optional<std::int64_t> by) {
    const std::string r = text::clean(reason, "reason", 200, true);
    return store_.write([&] { return close_task(store_, task_id, "skipped", r, "", by); });
}

CareTask CareCalendar::reopen(std::int64_t task_id, std::optional<std::int64_t> by) {
    return store_.write([&] {
        const CareTask t = require_task(store_, task_id);
        if (t.status == TaskStatus::open)
            throw Error(Status::invalid_state, "task_id: care task " + std::to_string(task_id) + " is open", "task_id", task_id);
        if (by) detail::require_consultant(store_, *by, "by");
        // The outcome belonged to the closing; the note stays.
        Query q(store_, "UPDATE care_tasks SET status = 'open', outcome = '', done_at = NULL, done_by = NULL, "
                        "updated_at = ? WHERE id = ?");
        q->bind(1, text::now_utc());
        q->bind(2, task_id);
        q->exec();
        return require_task(store_, task_id);
    });
}

std::vector<CareTask> CareCalendar::overdue(std::optional<Date> on, std::string_view site,
                                            std::optional<std::int64_t> consultant_id) const {
    const Date day = on.value_or(today_in_china());
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(site).empty()) site_id = detail::require_site(store_, site, "site").id;
        if (consultant_id) detail::require_consultant(store_, *consultant_id, "consultant_id");
        std::vector<CareTask> out;
        {
            Query q(store_, SNOWBALL_TASK_SELECT "WHERE t.status = 'open' AND t.task_date < ?1 AND (?2 IS NULL OR t.site_id = ?2) "
                                                 "AND (?3 IS NULL OR c.consultant_id = ?3)");
            q->bind(1, to_iso(day));
            detail::bind_optional(*q, 2, site_id);
            detail::bind_optional(*q, 3, consultant_id);
            while (q->executeStep()) out.push_back(read_task(*q));
        }
        {
            Query q(store_, SNOWBALL_MEMBER_SELECT "WHERE g.task_date < ?1 AND (?2 IS NULL OR g.site_id = ?2) "
                                                   "AND (?3 IS NULL OR c.consultant_id = ?3)");
            q->bind(1, to_iso(day));
            detail::bind_optional(*q, 2, site_id);
            detail::bind_optional(*q, 3, consultant_id);
            ParsedGroups parsed;
            while (q->executeStep()) out.push_back(read_member(*q, parsed));
        }
        std::sort(out.begin(), out.end(), by_date_and_customer);
        return out;
    });
}

std::string CareCalendar::export_ics(Date from, Date to, std::int64_t consultant_id) {
    check_window(from, to);
    return store_.write([&] {
        const Scope scope = scope_of(store_, "", consultant_id);
        const Consultant c = detail::require_consultant(store_, consultant_id, "consultant_id");
        std::vector<detail::IcsEvent> events;
        for (const CareTask& t : Agenda(store_, scope, from, to).run(true)) {
            detail::IcsEvent e;
            e.uid = "care-task-" + std::to_string(t.id) + "-" + t.archive_no + "@snowball";
            e.date = t.date;
            std::string what;
            for (const TaskOccasion& o : t.occasions) what += (what.empty() ? "" : "、") + o.title;
            e.summary = what + "：" + t.customer_name;
            std::string description = "客户 " + t.customer_name + "（" + t.archive_no + "）";
            for (const TaskAction& a : t.actions)
                description += "\n" + a.label + (a.lead_days ? "（提前" + std::to_string(a.lead_days) + "天准备，" +
                                                                   to_iso(a.start) + "起）"
                                                             : std::string());
            if (t.status != TaskStatus::open) description += "\n已" + std::string(t.status == TaskStatus::done ? "完成" : "跳过") + "：" + t.outcome;
            e.description = description;
            e.categories = "客户关怀";
            // A closed task stays in the calendar, without an alarm; a skipped one is cancelled.
            if (t.status == TaskStatus::open) e.alarm_days_before = (t.date - t.prepare_from).days();
            e.cancelled = t.status == TaskStatus::skipped;
            events.push_back(std::move(e));
        }
        char stamp[20];
        const std::string now = text::now_utc();   // 2026-11-27T08:30:00Z → 20261127T083000Z
        std::snprintf(stamp, sizeof stamp, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", now.c_str(), now.c_str() + 5, now.c_str() + 8,
                      now.c_str() + 11, now.c_str() + 14, now.c_str() + 17);
        return detail::ics_calendar(c.name + " 客户关怀日程", events, stamp);
    });
}

namespace detail {

std::vector<UpcomingOccasion> upcoming_occasions(Store& store, const Customer& c, const std::vector<FamilyMember>& family,
                                                 const std::vector<Deal>& deals, Date from, Date to) {
    const CareSettings settings = load_settings(store, require_site(store, c.site, "site"));
    const Person p{c.name, c.tier, c.stage, c.archive_no, c.consultant_id};
    std::map<Date, std::vector<TaskOccasion>> days;
    const bool twice = settings.occasions.leap_month_birthdays_twice;
    if (c.birthday)
        for (Date d : birthday_dates(*c.birthday, from, to, twice)) days[d].push_back(birthday_occasion(c.name));
    for (const FamilyMember& m : family)
        if (m.birthday)
            for (Date d : birthday_dates(*m.birthday, from, to, twice))
                days[d].push_back(family_birthday_occasion(m.id, to_string(m.relation), m.name));
    for (const Deal& deal : deals) {
        if (deal.cancelled) continue;
        if (settings.occasions.deal_anniversaries)
            for (Date d : anniversary_dates(deal.date, from, to)) days[d].push_back(anniversary_occasion(deal.id, deal.date, d));
        for (const FollowUpDate& f : follow_up_dates(deal.date, settings.occasions.follow_up, from, to))
            days[f.date].push_back(follow_up_occasion(deal.id, f));
    }
    const std::vector<calendar::FestivalRule> enabled = enabled_festivals(settings);
    const Date first(static_cast<unsigned short>(calendar::kFirstFestivalYear), 1, 1);
    if (!enabled.empty() && to >= first && from <= calendar::max_date())
        for (const auto& fd : calendar::festivals_between(std::max(from, first), std::min(to, calendar::max_date()), enabled))
            if (festival_applies(settings.policy, fd.key, p))
                for (const auto& f : enabled)
                    if (f.key == fd.key)
                        days[fd.date].push_back({OccasionKind::festival, fd.key, f.name_zh, std::nullopt, std::nullopt});
    std::vector<UpcomingOccasion> out;
    for (const auto& [day, occasions] : days)
        for (const TaskOccasion& o : occasions) out.push_back({day, o, actions_for(settings.policy, {o}, p, day)});
    return out;
}

void drop_deal_tasks(Store& store, std::int64_t customer_id, std::int64_t deal_id) {
    std::vector<std::int64_t> gone;
    {
        // A customer's task ids are one range (see task_id_of); a group's tasks have no deal.
        Query q(store, "SELECT id, occasions FROM care_tasks WHERE id BETWEEN ?1 AND ?2 AND status = 'open' "
                       "AND outcome = '' AND note = ''");
        q->bind(1, task_id_of(customer_id, day_zero));
        q->bind(2, task_id_of(customer_id + 1, day_zero) - 1);
        while (q->executeStep()) {
            const auto occasions = occasions_from(json::parse(q->getColumn(1).getString()));
            const bool deal_only = std::all_of(occasions.begin(), occasions.end(),
                                               [&](const TaskOccasion& o) { return o.deal_id == deal_id; });
            if (deal_only) gone.push_back(q->getColumn(0).getInt64());
        }
    }
    for (std::int64_t id : gone) {
        Query del(store, "DELETE FROM care_tasks WHERE id = ?");
        del->bind(1, id);
        del->exec();
    }
}

void remove_customer_tasks(Store& store, std::int64_t customer_id) {
    Query rows(store, "DELETE FROM care_tasks WHERE id BETWEEN ?1 AND ?2");
    rows->bind(1, task_id_of(customer_id, day_zero));
    rows->bind(2, task_id_of(customer_id + 1, day_zero) - 1);
    rows->exec();
    // Each of the site's groups by its key.
    Query members(store, "DELETE FROM care_task_members WHERE customer_id = ?1 AND group_id IN "
                         "(SELECT id FROM care_task_groups WHERE site_id = (SELECT site_id FROM customers WHERE id = ?1))");
    members->bind(1, customer_id);
    members->exec();
    Query empty(store, "DELETE FROM care_task_groups WHERE site_id = (SELECT site_id FROM customers WHERE id = ?1) "
                       "AND NOT EXISTS (SELECT 1 FROM care_task_members WHERE group_id = care_task_groups.id)");
    empty->bind(1, customer_id);
    empty->exec();
}

calendar::WorkCalendar load_work_calendar(Store& store) {
    std::vector<calendar::ArrangedDay> days;
    Query q(store, "SELECT day, work, holiday FROM holiday_arrangements ORDER BY day");
    while (q->executeStep())
        days.push_back({parse_date(q->getColumn(0).getText()), q->getColumn(1).getInt() != 0, q->getColumn(2).getString()});
    calendar::WorkCalendar calendar;
    if (!days.empty()) calendar.load(calendar::format_arrangements(days));
    return calendar;
}

} // namespace detail

std::vector<UpcomingOccasion> CareCalendar::upcoming(const Customer& customer, const std::vector<FamilyMember>& family,
                                                     const std::vector<Deal>& deals, Date from, Date to) const {
    return store_.read([&] { return detail::upcoming_occasions(store_, customer, family, deals, from, to); });
}

calendar::WorkCalendar CareCalendar::work_calendar() const {
    return store_.read([&] { return detail::load_work_calendar(store_); });
}

std::vector<int> CareCalendar::load_holidays(std::string_view text) {
    const std::vector<calendar::ArrangedDay> days = calendar::parse_arrangements(text);
    if (days.empty()) throw_invalid("text", "holds no arrangement lines");
    std::set<int> years;
    for (const auto& d : days) years.insert(calendar::arrangement_year(d));
    return store_.write([&] {
        const std::string now = text::now_utc();
        for (int year : years) {
            Query del(store_, "DELETE FROM holiday_arrangements WHERE year = ?");
            del->bind(1, year);
            del->exec();
        }
        for (const auto& d : days) {
            Query q(store_, "INSERT INTO holiday_arrangements(day, year, work, holiday, loaded_at) VALUES (?, ?, ?, ?, ?)");
            q->bind(1, to_iso(d.date));
            q->bind(2, calendar::arrangement_year(d));
            q->bind(3, d.work ? 1 : 0);
            q->bind(4, d.holiday);
            q->bind(5, now);
            q->exec();
        }
        return std::vector<int>(years.begin(), years.end());
    });
}

} // namespace snowball
