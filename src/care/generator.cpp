#include "care/generator.hpp"

#include "care/policy.hpp"
#include "snowball/festivals.hpp"
#include "snowball/lunar.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace snowball::detail {

namespace {

// Month → the smallest and largest day of the window's dates in that month (a superset that the
// reader narrows by index; the exact days are then computed per record).
using DayRanges = std::map<int, std::pair<int, int>>;

void widen(DayRanges& ranges, int month, int lo, int hi) {
    auto [it, fresh] = ranges.try_emplace(month, lo, hi);
    if (!fresh) {
        it->second.first = std::min(it->second.first, lo);
        it->second.second = std::max(it->second.second, hi);
    }
}

int month_end(Date d) { return boost::gregorian::gregorian_calendar::end_of_month_day(d.year(), d.month()); }

std::string relation_word(const std::string& relation) {
    if (relation == "spouse") return "配偶";
    if (relation == "father") return "父亲";
    if (relation == "mother") return "母亲";
    if (relation == "child") return "子女";
    return "家人";
}

// The customer's own birthday first, then the family's, the deal's occasions, the festivals: the
// same order whichever calendar each birthday is kept in.
int rank(OccasionKind kind) {
    switch (kind) {
    case OccasionKind::birthday: return 0;
    case OccasionKind::family_birthday: return 1;
    case OccasionKind::deal_anniversary: return 2;
    case OccasionKind::follow_up: return 3;
    case OccasionKind::festival: return 4;
    }
    return 5;
}

class Generator {
public:
    Generator(Date from, Date to, const CareSettings& settings, OccasionReader& reader)
        : from_(from), to_(to), settings_(settings), reader_(reader), consultant_(reader.consultant()) {}

    WindowOccasions run() && {
        const int owners = stage_bit(Stage::owner);
        if ((stage_mask(OccasionKind::family_birthday) | stage_mask(OccasionKind::deal_anniversary) |
             stage_mask(OccasionKind::follow_up) | stage_mask(OccasionKind::festival)) & owners)
            load_owners();
        birthdays();
        if (stage_mask(OccasionKind::deal_anniversary) || stage_mask(OccasionKind::follow_up)) deals();
        festivals();
        return std::move(out_);
    }

private:
    bool in_scope(const Person& p) const { return !consultant_ || p.consultant_id == consultant_; }

    // The site's owners, read once for the festival greetings, the deals and the families.
    void load_owners() {
        reader_.owners([&](std::int64_t id, const Person& p) { owners_.emplace_back(id, out_.people.remember(id, p)); });
        owners_loaded_ = true;
    }

    // The customer in scope, of a stage in `stages` (a mask), as an index in `people`: known (an
    // owner, or a customer met before), else asked for when it could be one the owners leave out.
    std::optional<std::uint32_t> customer(std::int64_t id, int stages) {
        if (const auto known = out_.people.find(id)) {
            const Person& p = out_.people.list[*known];
            if (!in_scope(p) || !(stages & stage_bit(p.stage))) return std::nullopt;
            return known;
        }
        if (owners_loaded_ && !(stages & ~stage_bit(Stage::owner))) return std::nullopt;
        std::optional<Person> p = reader_.customer(id, stages);
        if (!p) return std::nullopt;
        return out_.people.remember(id, std::move(*p));
    }

    void add(std::int64_t customer, Date day, TaskOccasion occasion) {
        auto& list = out_.found[{customer, day}];
        for (const TaskOccasion& o : list)
            if (o.kind == occasion.kind && o.key == occasion.key && o.family_member_id == occasion.family_member_id &&
                o.deal_id == occasion.deal_id)
                return;
        const auto at = std::find_if(list.begin(), list.end(), [&](const TaskOccasion& o) { return rank(o.kind) > rank(occasion.kind); });
        list.insert(at, std::move(occasion));
    }

    // The stages the policy acts on for occasions of this kind, as a mask: the occasions of other
    // customers make no task, so they are not asked for.
    int stage_mask(OccasionKind kind) const {
        int mask = 0;
        for (const CareRule& r : settings_.policy)
            if (r.occasion == kind) mask |= r.stage ? stage_bit(*r.stage) : every_stage;
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
        // The families of some stages only (owners, by default): the customers of those stages (the
        // scope is checked with each candidate).
        std::vector<std::int64_t> eligible, family_candidates;
        for (int stage = 0; stage < 3 && family != every_stage; ++stage)
            if (family & (1 << stage))
                reader_.customers_of_stage(static_cast<Stage>(stage), [&](std::int64_t id) { eligible.push_back(id); });
        std::sort(eligible.begin(), eligible.end());
        for (const auto& [is_lunar, ranges] : {std::pair{false, &gregorian}, std::pair{true, &lunar}}) {
            for (const auto& [month, days] : *ranges) {
                const MonthDays range{month, days.first, days.second};
                if (own)
                    reader_.birthdays(is_lunar, range, own, [&](std::int64_t id, const Person& p, const Birthday& b) {
                        for (Date d : birthday_dates(b, from_, to_, twice)) {
                            out_.people.remember(id, p);
                            add(id, d, birthday_occasion(p.name));
                        }
                    });
                if (!family) continue;
                reader_.family_birthdays(is_lunar, range, [&](std::int64_t member, std::int64_t customer) {
                    if (family == every_stage || std::binary_search(eligible.begin(), eligible.end(), customer))
                        family_candidates.push_back(member);
                });
            }
        }
        // The candidates, in the order the family members were added.
        std::sort(family_candidates.begin(), family_candidates.end());
        for (std::int64_t member : family_candidates) {
            const auto m = reader_.family_member(member);
            if (!m) continue;
            const std::vector<Date> days = birthday_dates(m->birthday, from_, to_, twice);
            if (days.empty() || !customer(m->customer_id, family)) continue;
            for (Date d : days) add(m->customer_id, d, family_birthday_occasion(member, m->relation, m->name));
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
        const auto consider = [&](std::int64_t deal, Date date, std::int64_t id) {
            if (!seen.insert(deal).second) return;
            if (!customer(id, every_stage)) return;   // removed, or another consultant's
            if (o.deal_anniversaries)
                for (Date d : anniversary_dates(date, from_, to_)) add(id, d, anniversary_occasion(deal, date, d));
            for (const FollowUpDate& f : follow_up_dates(date, o.follow_up, from_, to_)) add(id, f.date, follow_up_occasion(deal, f));
        };
        for (const auto& [month, days] : month_days) reader_.deals_on({month, days.first, days.second}, consider);
        for (const FollowUpStep& s : o.follow_up) {
            if (!s.days) continue;
            // A fixed number of days: the deals of a shifted window (every deal when it repeats).
            const std::optional<Date> since = s.repeat ? std::nullopt : std::optional<Date>(from_ - boost::gregorian::days(s.days));
            reader_.deals_between(since, to_ - boost::gregorian::days(s.days), consider);
        }
    }

    // By greeting day: the festivals of that day the policy greets this person on (their indexes);
    // the same for every customer of a tier and stage.
    const std::vector<std::vector<std::size_t>>& greeted_on(const Person& p) {
        auto [it, fresh] = out_.greetings.try_emplace(WindowOccasions::kind_of(p));
        if (fresh)
            for (const GreetingDay& day : out_.greeting_days) {
                std::vector<std::size_t> which;
                for (std::size_t i = 0; i < day.occasions.size(); ++i) {
                    const std::optional<int> bit = day.audience_bits[i];
                    if (bit && !(p.audiences >> *bit & 1)) continue;
                    if (festival_applies(settings_.policy, festival_key(day.occasions[i]), p.tier, p.stage)) which.push_back(i);
                }
                it->second.push_back(std::move(which));
            }
        return it->second;
    }

    // The audiences (Person::audiences) of the customer with these facts.
    std::uint64_t audiences_of(const CareAudienceFacts& facts) const {
        std::uint64_t bits = 0;
        for (std::size_t j = 0; j < audiences_.size(); ++j) {
            if (audience_includes(*audiences_[j], facts, from_.year())) bits |= std::uint64_t{1} << (2 * j);
            if (audience_includes_family(*audiences_[j], facts)) bits |= std::uint64_t{1} << (2 * j + 1);
        }
        return bits;
    }

    void festivals() {
        const std::vector<calendar::FestivalRule> enabled = enabled_festivals(settings_);
        // Festival rules start in 1901 (January 1900 belongs to lunar 1899); the agenda's range starts
        // on 1900-01-31, so the first days of the range have birthdays but no festivals.
        const Date first(static_cast<unsigned short>(calendar::kFirstFestivalYear), 1, 1);
        if (enabled.empty() || to_ < first) return;
        const auto days = calendar::festivals_between(std::max(from_, first), to_, enabled);
        if (days.empty()) return;
        std::map<std::string, const calendar::FestivalRule*> rules;
        for (const auto& f : enabled) rules[f.key] = &f;
        // The audiences of the window's festivals, each with its bits in Person::audiences.
        std::map<std::string, int> audience_of;
        for (const auto& fd : days) {
            const calendar::FestivalRule& rule = *rules[fd.key];
            if (rule.audience.empty() || audience_of.count(fd.key)) continue;
            audience_of[fd.key] = static_cast<int>(audiences_.size());
            audiences_.push_back(&rule.audience);
        }
        auto& greeting_days = out_.greeting_days;
        for (const auto& fd : days) {
            if (greeting_days.empty() || greeting_days.back().date != fd.date) greeting_days.push_back({fd.date, {}, {}});
            GreetingDay& day = greeting_days.back();
            const calendar::FestivalRule& rule = *rules[fd.key];
            const auto j = audience_of.find(fd.key);
            day.occasions.push_back(festival_occasion(rule));
            day.audience_bits.push_back(j == audience_of.end() ? std::nullopt : std::optional<int>(2 * j->second));
            if (j != audience_of.end() && (rule.audience.relation == "mother" || rule.audience.relation == "father")) {
                day.occasions.push_back(festival_family_occasion(rule));
                day.audience_bits.push_back(2 * j->second + 1);
            }
        }
        out_.greeted.resize(greeting_days.size());
        // Who the policy greets on festivals: ask for only those stages.
        std::set<std::optional<Stage>> stages;
        for (const CareRule& r : settings_.policy)
            if (r.occasion == OccasionKind::festival) stages.insert(r.stage);
        if (stages.empty()) return;
        // What the audiences ask of the customers greeted, read at once for the stages greeted.
        std::unordered_map<std::int64_t, std::uint64_t> audiences;
        if (!audiences_.empty()) {
            const auto keep = [&](std::int64_t id, const CareAudienceFacts& facts) {
                if (const std::uint64_t bits = audiences_of(facts)) audiences[id] = bits;
            };
            std::vector<std::string> conditions;
            for (const CareAudience* a : audiences_)
                for (std::string& c : audience_conditions(*a))
                    if (std::find(conditions.begin(), conditions.end(), c) == conditions.end()) conditions.push_back(std::move(c));
            if (stages.count(std::nullopt)) reader_.audience_facts(std::nullopt, conditions, keep);
            else
                for (const auto& stage : stages) reader_.audience_facts(stage, conditions, keep);
        }
        const std::uint64_t nobody = audiences_of(CareAudienceFacts{});
        // One customer's greetings; `index`: in `people`, if known (then `p` is there).
        const auto greet = [&](std::int64_t id, const Person& person, std::optional<std::uint32_t> index) {
            Person p = person;
            const auto bits = audiences.find(id);
            p.audiences = bits == audiences.end() ? nobody : bits->second;
            if (index) out_.people.list[*index].audiences = p.audiences;
            const std::vector<std::vector<std::size_t>>& on = greeted_on(p);
            // The customer's other occasions in the window, if any (most have none).
            const auto mine = out_.found.lower_bound({id, Date(boost::gregorian::min_date_time)});
            const bool other = mine != out_.found.end() && mine->first.first == id;
            for (std::size_t day = 0; day < greeting_days.size(); ++day) {
                if (on[day].empty()) continue;
                if (!index) {
                    index = out_.people.remember(id, p);
                    out_.people.list[*index].audiences = p.audiences;   // a customer met before (a birthday)
                }
                const GreetingDay& gd = greeting_days[day];
                if (other && out_.found.count({id, gd.date}))
                    for (std::size_t i : on[day]) add(id, gd.date, gd.occasions[i]);
                else
                    out_.greeted[day].emplace_back(id, *index);
            }
        };
        const auto visit = [&](std::int64_t id, const Person& p) { greet(id, p, std::nullopt); };
        if (stages.count(std::nullopt)) {
            reader_.customers(std::nullopt, visit);
            return;
        }
        for (const auto& stage : stages) {
            if (*stage == Stage::owner) {
                for (const auto& [id, index] : owners_)   // loaded (run)
                    if (in_scope(out_.people.list[index])) greet(id, out_.people.list[index], index);
                continue;
            }
            reader_.customers(stage, visit);
        }
    }

    Date from_, to_;
    const CareSettings& settings_;
    OccasionReader& reader_;
    std::optional<std::int64_t> consultant_;
    WindowOccasions out_;
    bool owners_loaded_ = false;
    std::vector<std::pair<std::int64_t, std::uint32_t>> owners_;   // the site's owners: id, index in `people`
    std::vector<const CareAudience*> audiences_;   // the window's festival audiences (of settings_)
};

} // namespace

WindowOccasions generate_occasions(Date from, Date to, const CareSettings& settings, OccasionReader& reader) {
    return Generator(from, to, settings, reader).run();
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

TaskOccasion festival_occasion(const calendar::FestivalRule& festival) {
    return {OccasionKind::festival, festival.key, festival.name_zh, std::nullopt, std::nullopt};
}

TaskOccasion festival_family_occasion(const calendar::FestivalRule& festival) {
    return {OccasionKind::festival, festival.key + ":family",
            festival.name_zh + "·问候" + (festival.audience.relation == "mother" ? "母亲" : "父亲"), std::nullopt, std::nullopt};
}

std::vector<TaskOccasion> festival_occasions_for(const calendar::FestivalRule& festival, const CareAudienceFacts& facts, int year) {
    std::vector<TaskOccasion> out;
    if (audience_includes(festival.audience, facts, year)) out.push_back(festival_occasion(festival));
    if (!festival.audience.empty() && audience_includes_family(festival.audience, facts))
        out.push_back(festival_family_occasion(festival));
    return out;
}


std::vector<calendar::FestivalRule> enabled_festivals(const CareSettings& settings) {
    std::vector<calendar::FestivalRule> enabled;
    for (const auto& f : settings.festivals)
        if (f.enabled) enabled.push_back(f);
    return enabled;
}

} // namespace snowball::detail
