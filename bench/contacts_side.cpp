// The Snowball side of the contact-log benchmarks (bench/bench_contacts.py, docs/BENCHMARKS.md
// "Contacts"), the builder of their archive, and the hand-written SQL the read comparisons measure
// Snowball against.
//
//   contacts_side build <db> <customers> <contacts> <seed>
//       A new archive through Archive::open (the real schema): the site XH, a manager and twelve
//       consultants through the API; then, with plain SQL on the closed file, <customers> customers
//       (60 % prospects, 25 % visitors, 15 % owners; birthdays, tiers, phones), <contacts> contact
//       entries spread over the two years 2024-12-01 … 2026-11-29 with channels, outcomes, grades
//       and planned next contacts, every customer's contact_followups row computed from their latest
//       entry by SQL, the 2026 care tasks of the owners (birthdays and four festivals; done on time,
//       late, skipped, or open) and a few hundred do-not-contact objections. Then the care agenda of
//       the benchmark's day is generated once through the API. Not timed by the benchmark.
//   contacts_side sample <db> <out.tsv> <count> <consultant> <seed>
//       <count> contacts to log on the benchmark's day, in time order: customers of <consultant>
//       who object to nothing, drawn at random, and what each contact was.
//   contacts_side log <db> <sample.tsv> <consultant>
//       Logs the sample through Contacts::log, one call (one transaction) per contact, on a handle
//       acting as the consultant (synchronous=NORMAL). Timed: the calls.
//   contacts_side not_contacted|due|report <db> <runs> [<consultant>]
//       A fresh process on the archive: the Snowball call and the hand-written SQL, alternating,
//       <runs> times each; checks both give the same result and reports the best time of each.
//
// Results are printed as "RESULT key=value" lines.
#include "side_support.hpp"
#include "synthetic_archive.hpp"

#include <snowball/snowball.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace {

using bench::Clock;
using bench::cpu_seconds;
using bench::seconds_since;
using bench::split;
using boost::gregorian::days;
using snowball::Date;

// The benchmark's "today": the day of the due list, of "not contacted in 90 days" and of the
// report's states; the contacts logged in the write comparison happen on it. The generated log
// ends the day before. Fixed, so that every run has the same data and the same answers.
Date bench_day() { return Date(2026, 11, 30); }
Date log_first_day() { return Date(2024, 12, 1); }
Date log_last_day() { return Date(2026, 11, 29); }
Date report_start() { return Date(2026, 1, 1); }
Date report_end() { return Date(2026, 12, 31); }

constexpr const char* kManager[2] = {"周敏", "13957100000"};
constexpr const char* kConsultantList[][2] = {
    {"王芳", "13957100001"}, {"李娜", "13957100002"}, {"张磊", "13957100003"}, {"刘洋", "13957100004"},
    {"陈静", "13957100005"}, {"杨帆", "13957100006"}, {"赵雷", "13957100007"}, {"黄婷", "13957100008"},
    {"吴昊", "13957100009"}, {"周琳", "13957100010"}, {"徐鹏", "13957100011"}, {"孙悦", "13957100012"},
};
constexpr const char* kContactNotes[] = {"客户关心学区划分", "约周末带家人看样板间", "对价格有顾虑，等优惠", "询问公积金贷款",
                                         "已加微信，发了户型图", "想要低楼层", "在比较隔壁楼盘", "家人意见不统一",
                                         "问交房时间", "物业费怎么算", "推荐了朋友来看", "对车位感兴趣"};
constexpr const char* kPurposes[] = {"约看样板间", "确认付款方式", "邀请参加周末活动", "回访购房意向", "介绍新推房源", ""};
constexpr const char* kTimes[] = {"09:30", "10:00", "11:00", "14:00", "15:30", "16:00", "19:00"};
constexpr const char* kSkipReasons[] = {"客户出差", "电话停机", "客户要求勿扰", "已在活动中问候"};
constexpr const char* kGrades[] = {"", "A", "B", "C", "D"};

// ---------------------------------------------------------------------------------------------
// Small helpers

std::string iso(Date d) { return snowball::to_iso(d); }

// Seconds since the epoch of 00:00 China time on `day`.
std::int64_t china_day_start(Date day) { return (day - Date(1970, 1, 1)).days() * std::int64_t{86400} - 8 * 3600; }

std::string utc_text(std::int64_t seconds) {
    const std::int64_t d = seconds / 86400, rest = seconds % 86400;
    const Date day = Date(1970, 1, 1) + days(static_cast<long>(d));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", iso(day).c_str(), static_cast<int>(rest / 3600),
                  static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
    return buf;
}

Date china_date(std::int64_t seconds) { return Date(1970, 1, 1) + days(static_cast<long>((seconds + 8 * 3600) / 86400)); }

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

std::string column_text(sqlite3_stmt* s, int i) {
    const unsigned char* t = sqlite3_column_text(s, i);
    return t ? reinterpret_cast<const char*>(t) : "";
}

// Picks an index by weight.
template <std::size_t N>
std::size_t weighted(bench::Rng& r, const int (&weights)[N]) {
    int total = 0;
    for (int w : weights) total += w;
    int x = static_cast<int>(r.below(static_cast<std::uint64_t>(total)));
    for (std::size_t i = 0; i < N; ++i) {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    return N - 1;
}

// ---------------------------------------------------------------------------------------------
// The archive

// What the generator keeps of a customer.
struct Person {
    std::int64_t consultant = 0;   // 0: none
    Date first_contact;
    char stage = 'p';              // p(rospect), v(isitor), o(wner)
    bool vip = false;
    bool lunar = false;
    int birth_month = 0, birth_day = 0;   // 0: no birthday on file
    bool birth_leap = false;
    std::string name;
};

const char* stage_name(char s) { return s == 'o' ? "owner" : s == 'v' ? "visitor" : "prospect"; }

std::vector<Person> write_customers(bench::RawDb& db, std::int64_t site, const std::vector<std::int64_t>& consultants,
                                    std::uint64_t count, std::uint64_t seed) {
    std::vector<Person> people(count);
    sqlite3_stmt* ins = db.prepare(
        "INSERT INTO customers(id, site_id, archive_no, channel, name, gender, mobile, consultant_id, tier, stage, first_contact, "
        "note, filed_at, updated_at, birth_calendar, birth_year, birth_month, birth_day, birth_leap) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14, ?15, ?16, ?17, ?18)");
    sqlite3_stmt* phone = db.prepare("INSERT INTO customer_phones(phone, site_id, customer_id, kind) VALUES (?, ?, ?, 'mobile')");
    db.exec("BEGIN");
    for (std::uint64_t i = 0; i < count; ++i) {
        bench::Rng r(seed, 21, i);
        Person& p = people[i];
        const std::int64_t id = static_cast<std::int64_t>(i) + 1;
        char number[32], mobile[24];
        std::snprintf(number, sizeof number, "XH-C%07lld", static_cast<long long>(id));
        std::snprintf(mobile, sizeof mobile, "%s%08llu", r.pick(bench::kMobilePrefixes),
                      static_cast<unsigned long long>((i * 48271ULL + 12345678ULL) % 100000000ULL));
        const double ch = r.real();
        const char* channel = ch < 0.35 ? "call" : ch < 0.60 ? "visit" : "lead";
        p.name = bench::random_name(r);
        const double g = r.real();
        const char* gender = g < 0.45 ? "male" : g < 0.90 ? "female" : "unknown";
        if (r.chance(0.95)) p.consultant = consultants[r.below(consultants.size())];
        p.vip = r.chance(0.03);
        const double st = r.real();
        p.stage = st < 0.60 ? 'p' : st < 0.85 ? 'v' : 'o';
        p.first_contact = r.chance(0.5) ? bench::day_between(r, log_first_day(), log_last_day())
                                        : bench::day_between(r, Date(2019, 1, 1), log_first_day() - days(1));
        sqlite3_bind_int64(ins, 1, id);
        sqlite3_bind_int64(ins, 2, site);
        bench::bind_text(ins, 3, number);
        bench::bind_text(ins, 4, channel);
        bench::bind_text(ins, 5, p.name);
        bench::bind_text(ins, 6, gender);
        bench::bind_text(ins, 7, mobile);
        if (p.consultant) sqlite3_bind_int64(ins, 8, p.consultant);
        else sqlite3_bind_null(ins, 8);
        bench::bind_text(ins, 9, p.vip ? "vip" : "ordinary");
        bench::bind_text(ins, 10, stage_name(p.stage));
        bench::bind_text(ins, 11, iso(p.first_contact));
        bench::bind_text(ins, 12, r.chance(0.1) ? r.pick(bench::kNotes) : "");
        bench::bind_text(ins, 13, iso(p.first_contact) + "T02:00:00Z");
        std::optional<snowball::Birthday> birthday;
        if (r.chance(0.85)) {
            birthday = bench::random_birthday(r, 1950, 2002, 0.25);
            p.lunar = birthday->lunar;
            p.birth_month = birthday->month;
            p.birth_day = birthday->day;
            p.birth_leap = birthday->leap_month;
        }
        bench::bind_birthday(ins, 14, birthday);
        db.step_done(ins);
        bench::bind_text(phone, 1, mobile);
        sqlite3_bind_int64(phone, 2, site);
        sqlite3_bind_int64(phone, 3, id);
        db.step_done(phone);
    }
    db.exec("COMMIT");
    sqlite3_finalize(ins);
    sqlite3_finalize(phone);
    return people;
}

// The contact log: `total` entries over the customers, in time order (ids follow time), each
// customer's grade carried from entry to entry as Contacts::log carries it.
std::uint64_t write_contacts(bench::RawDb& db, std::int64_t site, const std::vector<Person>& people,
                             const std::vector<std::int64_t>& consultants, std::uint64_t total, std::uint64_t seed) {
    const std::size_t n = people.size();
    // How many entries each customer has: a share of the total by a random weight (8 % have none;
    // customers filed within the two years are followed up more), rounded by largest remainder.
    std::vector<double> weight(n);
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        bench::Rng r(seed, 22, i);
        const bool recent = people[i].first_contact >= log_first_day();
        weight[i] = r.chance(0.08) ? 0.0 : -std::log(1.0 - r.real()) * (recent ? 1.6 : 0.4);
        sum += weight[i];
    }
    std::vector<std::uint32_t> count(n);
    std::vector<std::pair<double, std::uint32_t>> remainder(n);
    std::uint64_t given = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double quota = static_cast<double>(total) * weight[i] / sum;
        count[i] = static_cast<std::uint32_t>(quota);
        given += count[i];
        remainder[i] = {quota - count[i], static_cast<std::uint32_t>(i)};
    }
    std::sort(remainder.begin(), remainder.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::uint64_t k = 0; given < total; ++k, ++given) ++count[remainder[k].second];
    remainder = {};

    // When: a day between the customer's first contact (or the log's first day) and the last day,
    // most of a new customer's entries soon after their filing; a time of the working day (China).
    struct Item {
        std::int64_t at;
        std::uint32_t customer;
    };
    std::vector<Item> items;
    items.reserve(total);
    for (std::size_t i = 0; i < n; ++i) {
        if (!count[i]) continue;
        bench::Rng r(seed, 23, i);
        const Date lo = std::max(people[i].first_contact, log_first_day());
        const long span = (log_last_day() - lo).days() + 1;
        const bool recent = people[i].first_contact >= log_first_day();
        for (std::uint32_t k = 0; k < count[i]; ++k) {
            const double u = recent ? std::pow(r.real(), 1.5) : r.real();
            const Date day = lo + days(std::min(span - 1, static_cast<long>(u * static_cast<double>(span))));
            const std::int64_t seconds = 8 * 3600 + static_cast<std::int64_t>(r.below(13 * 3600 + 1800));
            items.push_back({china_day_start(day) + seconds, static_cast<std::uint32_t>(i)});
        }
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.at != b.at ? a.at < b.at : a.customer < b.customer; });

    sqlite3_stmt* ins = db.prepare(
        "INSERT INTO contacts(id, customer_id, site_id, consultant_id, at, day, channel, direction, duration_s, outcome, reached, "
        "note, intent_before, intent, next_on, next_time, next_channel, next_purpose, quiet_hours, recorded_by, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, 0, ?19, ?20)");
    static const char* const channels[] = {"phone", "wechat", "sms", "visit_office", "visit_site", "home_visit", "event", "news",
                                           "letter", "email"};
    static const int channel_weights[] = {40, 25, 10, 8, 2, 2, 4, 5, 2, 2};
    static const char* const call_outcomes[] = {"reached", "no_answer", "busy", "refused", "left_message", "wrong_number"};
    static const int call_weights[] = {60, 18, 7, 4, 7, 4};
    static const int grade_weights[] = {12, 23, 35, 30};   // A B C D
    std::vector<std::uint32_t> seen(n, 0);
    std::vector<std::uint8_t> grade(n, 0);
    const Date cold = bench_day() - days(60);   // a customer whose last entry is older has gone quiet
    db.exec("BEGIN");
    for (std::uint64_t g = 0; g < items.size(); ++g) {
        const Item& it = items[g];
        const Person& p = people[it.customer];
        bench::Rng r(seed, 24, g);
        const bool last = ++seen[it.customer] == count[it.customer];
        const Date day = china_date(it.at);
        const bool gone_quiet = last && day < cold;
        std::int64_t by = p.consultant && r.chance(0.9) ? p.consultant : consultants[r.below(consultants.size())];
        const std::string channel = channels[weighted(r, channel_weights)];
        std::string direction = "out", outcome;
        std::optional<int> duration;
        if (channel == "phone") {
            if (r.chance(0.15)) direction = "in";
            outcome = direction == "in" ? "reached" : call_outcomes[weighted(r, call_weights)];
            if (outcome == "reached") duration = r.between(30, 1200);
        } else if (channel == "wechat") {
            if (r.chance(0.3)) direction = "in";
            outcome = direction == "in" || r.chance(0.3) ? "reached" : "sent";
        } else if (channel == "visit_office" || channel == "visit_site") {
            direction = "in";
            outcome = "reached";
            duration = r.between(900, 7200);
        } else if (channel == "home_visit" || channel == "event") {
            outcome = "reached";
            if (channel == "home_visit") duration = r.between(900, 3600);
        } else {
            outcome = r.chance(0.92) ? "sent" : "undelivered";
        }
        const bool reached = outcome == "reached" || outcome == "sent";
        const std::string before = kGrades[grade[it.customer]];
        if (gone_quiet ? r.chance(0.8) : r.chance(p.stage == 'o' ? 0.05 : 0.3))
            grade[it.customer] = gone_quiet ? 4 : static_cast<std::uint8_t>(1 + weighted(r, grade_weights));
        const std::string after = kGrades[grade[it.customer]];
        const bool planned = r.chance(gone_quiet ? 0.03 : p.stage == 'o' ? 0.1 : 0.3);

        sqlite3_bind_int64(ins, 1, static_cast<std::int64_t>(g) + 1);
        sqlite3_bind_int64(ins, 2, static_cast<std::int64_t>(it.customer) + 1);
        sqlite3_bind_int64(ins, 3, site);
        sqlite3_bind_int64(ins, 4, by);
        bench::bind_text(ins, 5, utc_text(it.at));
        bench::bind_text(ins, 6, iso(day));
        bench::bind_text(ins, 7, channel);
        bench::bind_text(ins, 8, direction);
        if (duration) sqlite3_bind_int(ins, 9, *duration);
        else sqlite3_bind_null(ins, 9);
        bench::bind_text(ins, 10, outcome);
        sqlite3_bind_int(ins, 11, reached ? 1 : 0);
        bench::bind_text(ins, 12, r.chance(0.25) ? r.pick(kContactNotes) : "");
        bench::bind_text(ins, 13, before);
        bench::bind_text(ins, 14, after);
        if (planned) {
            bench::bind_text(ins, 15, iso(day + days(r.between(1, 14))));
            bench::bind_text(ins, 16, r.chance(0.5) ? r.pick(kTimes) : "");
            const double c = r.real();
            if (c < 0.6) sqlite3_bind_null(ins, 17);
            else bench::bind_text(ins, 17, c < 0.85 ? "phone" : "wechat");
            bench::bind_text(ins, 18, r.pick(kPurposes));
        } else {
            sqlite3_bind_null(ins, 15);
            bench::bind_text(ins, 16, "");
            sqlite3_bind_null(ins, 17);
            bench::bind_text(ins, 18, "");
        }
        bench::bind_text(ins, 19, "consultant:" + std::to_string(by));
        bench::bind_text(ins, 20, utc_text(it.at + r.between(5, 900)));
        db.step_done(ins);
    }
    db.exec("COMMIT");
    sqlite3_finalize(ins);
    return items.size();
}

// Every contacted customer's follow-up state, from their latest entry, as Contacts::log leaves it
// with the site's default policy (A every 3 days, B every 7, C every 30, D and owners none): the
// entry's planned next contact, else the policy's interval from its day.
void write_follow_ups(bench::RawDb& db) {
    db.exec(R"sql(
INSERT INTO contact_followups(customer_id, site_id, last_at, last_day, last_channel, last_reached_day, intent, next_on,
                              next_time, next_channel, next_purpose, next_source)
SELECT e.customer_id, e.site_id, e.at, e.day, e.channel,
       (SELECT max(r.day) FROM contacts r WHERE r.customer_id = e.customer_id AND r.reached = 1 AND r.superseded_by IS NULL),
       e.intent,
       CASE WHEN e.next_on IS NOT NULL THEN e.next_on
            WHEN c.stage <> 'owner' AND e.intent = 'A' THEN date(e.day, '+3 days')
            WHEN c.stage <> 'owner' AND e.intent = 'B' THEN date(e.day, '+7 days')
            WHEN c.stage <> 'owner' AND e.intent = 'C' THEN date(e.day, '+30 days') END,
       CASE WHEN e.next_on IS NOT NULL THEN e.next_time ELSE '' END,
       CASE WHEN e.next_on IS NOT NULL THEN coalesce(e.next_channel, e.channel) END,
       CASE WHEN e.next_on IS NOT NULL THEN e.next_purpose ELSE '' END,
       CASE WHEN e.next_on IS NOT NULL THEN 'planned'
            WHEN c.stage <> 'owner' AND e.intent IN ('A', 'B', 'C') THEN 'policy' ELSE '' END
FROM (SELECT customer_id, max(id) AS id FROM contacts WHERE superseded_by IS NULL GROUP BY customer_id) l
JOIN contacts e ON e.id = l.id JOIN customers c ON c.id = e.customer_id
ORDER BY e.customer_id
)sql");
}

std::string occasion_json(const char* kind, const std::string& key, const std::string& title) {
    return std::string("[{\"deal_id\":null,\"family_member_id\":null,\"key\":\"") + key + "\",\"kind\":\"" + kind +
           "\",\"title\":\"" + title + "\"}]";
}

std::string action_json(const char* action, const char* channel, const char* label, int lead, Date start) {
    return std::string("{\"action\":\"") + action + "\",\"channel\":\"" + channel + "\",\"label\":\"" + label +
           "\",\"lead_days\":" + std::to_string(lead) + ",\"start\":\"" + iso(start) + "\"}";
}

std::int64_t task_id(std::int64_t customer, Date day) { return customer << 17 | (day - Date(1900, 1, 1)).days(); }

// The owners' care tasks of 2026 as the default policy asks for them (a call on their birthday,
// flowers or a cake first for a VIP; a call or an SMS on four festivals), stored as rows, as tasks
// a consultant has acted on are: before the benchmark's day mostly done (some late), some skipped,
// a few still open; later ones open. The benchmark's day itself is left to the agenda.
std::uint64_t write_care_tasks(bench::RawDb& db, std::int64_t site, const std::vector<Person>& people, std::uint64_t seed,
                               std::uint64_t* open_overdue) {
    struct Festival {
        const char* key;
        const char* title;
        Date date;
    };
    std::vector<Festival> festivals;
    for (const snowball::calendar::FestivalDate& f : snowball::calendar::festivals_in(2026, snowball::calendar::default_festivals())) {
        if (f.key == "spring_festival") festivals.push_back({"spring_festival", "春节", f.date});
        if (f.key == "dragon_boat") festivals.push_back({"dragon_boat", "端午节", f.date});
        if (f.key == "mid_autumn") festivals.push_back({"mid_autumn", "中秋节", f.date});
        if (f.key == "national_day") festivals.push_back({"national_day", "国庆节", f.date});
    }
    sqlite3_stmt* ins = db.prepare(
        "INSERT OR IGNORE INTO care_tasks(id, site_id, customer_id, task_date, prepare_from, occasions, actions, status, outcome, "
        "note, done_at, done_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '', ?10, ?11, ?12, ?13)");
    std::uint64_t written = 0;
    db.exec("BEGIN");
    const auto write = [&](std::int64_t customer, const Person& p, Date day, const std::string& occasions,
                           const std::string& actions, int lead, bench::Rng& r) {
        if (day == bench_day() || day < report_start() || day > report_end()) return;
        std::string status = "open", outcome;
        std::optional<std::int64_t> done_at;
        if (day < bench_day()) {
            const double u = r.real();
            if (u < 0.025) {
                ++*open_overdue;
            } else if (u < 0.105) {
                status = "skipped";
                outcome = r.pick(kSkipReasons);
                done_at = china_day_start(day) + 9 * 3600 + static_cast<std::int64_t>(r.below(9 * 3600));
            } else {
                status = "done";
                outcome = "已问候";
                const int late = u < 0.205 ? r.between(1, 7) : 0;
                const Date on = std::min(day + days(late), log_last_day());
                done_at = china_day_start(on) + 9 * 3600 + static_cast<std::int64_t>(r.below(9 * 3600));
            }
        }
        const std::string created = utc_text(china_day_start(day - days(30)) + 3600);
        sqlite3_bind_int64(ins, 1, task_id(customer, day));
        sqlite3_bind_int64(ins, 2, site);
        sqlite3_bind_int64(ins, 3, customer);
        bench::bind_text(ins, 4, iso(day));
        bench::bind_text(ins, 5, iso(day - days(lead)));
        bench::bind_text(ins, 6, occasions);
        bench::bind_text(ins, 7, actions);
        bench::bind_text(ins, 8, status);
        bench::bind_text(ins, 9, outcome);
        if (done_at) {
            bench::bind_text(ins, 10, utc_text(*done_at));
            if (p.consultant) sqlite3_bind_int64(ins, 11, p.consultant);
            else sqlite3_bind_null(ins, 11);
        } else {
            sqlite3_bind_null(ins, 10);
            sqlite3_bind_null(ins, 11);
        }
        bench::bind_text(ins, 12, created);
        bench::bind_text(ins, 13, done_at ? utc_text(*done_at) : created);
        db.step_done(ins);
        ++written;
    };
    for (std::size_t i = 0; i < people.size(); ++i) {
        const Person& p = people[i];
        if (p.stage != 'o') continue;
        const std::int64_t customer = static_cast<std::int64_t>(i) + 1;
        bench::Rng r(seed, 25, i);
        if (p.birth_month) {
            std::vector<Date> on;
            if (!p.lunar) {
                if (!(p.birth_month == 2 && p.birth_day == 29)) on.push_back(Date(2026, p.birth_month, p.birth_day));
            } else {
                for (int year : {2025, 2026}) {
                    try {
                        on.push_back(snowball::calendar::to_gregorian({year, p.birth_month, p.birth_leap, p.birth_day}));
                    } catch (const std::exception&) {   // no such day (or leap month) that year
                    }
                }
            }
            for (Date day : on) {
                const std::string occasions = occasion_json("birthday", "birthday", p.name + "生日");
                const std::string call = action_json("call", "phone", "致电祝贺生日", 0, day);
                const std::string actions =
                    p.vip ? "[" + action_json("flowers_or_cake", "gift", "订花或蛋糕，生日当天送达", 2, day - days(2)) + "," + call + "]"
                          : "[" + call + "]";
                write(customer, p, day, occasions, actions, p.vip ? 2 : 0, r);
            }
        }
        for (const Festival& f : festivals)
            write(customer, p, f.date, occasion_json("festival", f.key, f.title),
                  "[" + action_json("call_or_sms", "phone", "节日电话或短信问候", 0, f.date) + "]", 0, r);
    }
    db.exec("COMMIT");
    sqlite3_finalize(ins);
    return written;
}

// A few hundred customers who asked not to be contacted (on every channel, or on one).
std::uint64_t write_objections(bench::RawDb& db, std::uint64_t customers, std::uint64_t count, std::uint64_t seed) {
    sqlite3_stmt* ins = db.prepare("INSERT INTO consents(customer_id, purpose, objection, channel, recorded_by, recorded_at) "
                                   "VALUES (?, 'service', 1, ?, 'host', ?)");
    static const char* const channels[] = {"", "phone", "sms", "wechat"};
    static const int weights[] = {40, 35, 10, 15};
    db.exec("BEGIN");
    for (std::uint64_t k = 0; k < count; ++k) {
        bench::Rng r(seed, 26, k);
        sqlite3_bind_int64(ins, 1, static_cast<std::int64_t>(r.below(customers)) + 1);
        bench::bind_text(ins, 2, channels[weighted(r, weights)]);
        bench::bind_text(ins, 3, utc_text(china_day_start(bench::day_between(r, log_first_day(), log_last_day())) + 10 * 3600));
        db.step_done(ins);
    }
    db.exec("COMMIT");
    sqlite3_finalize(ins);
    return count;
}

std::int64_t count_of(bench::RawDb& db, const char* sql) {
    sqlite3_stmt* s = db.prepare(sql);
    sqlite3_step(s);
    const std::int64_t n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

int build(const std::string& path, std::uint64_t customers, std::uint64_t contacts, std::uint64_t seed) {
    const auto start = Clock::now();
    std::vector<std::int64_t> consultants;
    std::int64_t site = 0;
    {
        snowball::Archive archive = snowball::Archive::open(path, bench::open_options(true));
        site = archive.sites().add({bench::kSiteCode, bench::kSiteName, ""}).id;
        snowball::NewConsultant m{bench::kSiteCode, kManager[0], kManager[1], snowball::ConsultantRole::manager};
        const std::int64_t manager = archive.consultants().add(m).id;
        for (const auto& c : kConsultantList) {
            snowball::NewConsultant n{bench::kSiteCode, c[0], c[1], snowball::ConsultantRole::consultant, manager};
            consultants.push_back(archive.consultants().add(n).id);
        }
    }
    double t = 0;
    std::printf("RESULT consultants=%zu\n", consultants.size());
    {
        bench::RawDb db(path);
        // Setup only: no rollback journal, no foreign-key checks (the rows are consistent by
        // construction), a large page cache; the archive goes back to WAL at the end.
        db.exec("PRAGMA foreign_keys = OFF");
        db.exec("PRAGMA journal_mode = OFF");
        db.exec("PRAGMA synchronous = OFF");
        db.exec("PRAGMA cache_size = -2000000");
        auto step = Clock::now();
        const std::vector<Person> people = write_customers(db, site, consultants, customers, seed);
        std::printf("RESULT customers=%zu\nRESULT customers_seconds=%.1f\n", people.size(), seconds_since(step));
        std::fflush(stdout);

        // The log's indexes are built after its rows (the same statements as the schema's).
        step = Clock::now();
        std::vector<std::string> indexes;
        {
            sqlite3_stmt* q = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts' "
                                         "AND sql IS NOT NULL ORDER BY name");
            std::vector<std::string> names;
            while (sqlite3_step(q) == SQLITE_ROW) {
                names.push_back(column_text(q, 0));
                indexes.push_back(column_text(q, 1));
            }
            sqlite3_finalize(q);
            for (const std::string& name : names) db.exec(("DROP INDEX " + name).c_str());
        }
        const std::uint64_t written = write_contacts(db, site, people, consultants, contacts, seed);
        const double insert_seconds = seconds_since(step);
        step = Clock::now();
        for (const std::string& sql : indexes) db.exec(sql.c_str());
        std::printf("RESULT contacts=%" PRIu64 "\nRESULT contacts_seconds=%.1f\nRESULT index_seconds=%.1f\n", written,
                    insert_seconds, seconds_since(step));
        std::fflush(stdout);

        step = Clock::now();
        write_follow_ups(db);
        std::printf("RESULT followups=%lld\nRESULT followups_seconds=%.1f\n",
                    static_cast<long long>(count_of(db, "SELECT count(*) FROM contact_followups")), seconds_since(step));
        std::fflush(stdout);

        step = Clock::now();
        std::uint64_t open_overdue = 0;
        const std::uint64_t tasks = write_care_tasks(db, site, people, seed, &open_overdue);
        const std::uint64_t objections = write_objections(db, customers, std::max<std::uint64_t>(20, customers / 2000), seed);
        std::printf("RESULT care_tasks=%" PRIu64 "\nRESULT open_overdue_tasks=%" PRIu64 "\nRESULT objections=%" PRIu64
                    "\nRESULT tasks_seconds=%.1f\n",
                    tasks, open_overdue, objections, seconds_since(step));
        db.exec("PRAGMA journal_mode = WAL");
        t = seconds_since(start);
    }
    {
        // The benchmark day's agenda, generated once (both sides of the due list read it stored).
        snowball::Archive archive = snowball::Archive::open(path, bench::open_options(false));
        const auto step = Clock::now();
        const std::vector<snowball::CareTask> day =
            archive.calendar().agenda({bench_day(), bench_day(), bench::kSiteCode, std::nullopt, true});
        std::printf("RESULT agenda_tasks=%zu\nRESULT agenda_seconds=%.2f\n", day.size(), seconds_since(step));
        // The stored rows read back through the API (their occasions and actions parse).
        std::size_t read = 0;
        for (const snowball::CareTask& task : archive.calendar().overdue(bench_day(), bench::kSiteCode)) {
            if (task.actions.empty() || task.occasions.empty()) throw std::runtime_error("a stored task without actions");
            if (++read >= 1000) break;
        }
        const snowball::ArchiveInfo info = archive.info();
        std::printf("RESULT owners=%lld\n", static_cast<long long>(info.owners));
    }
    std::printf("RESULT seconds=%.1f\nRESULT total_seconds=%.1f\n", t, seconds_since(start));
    return 0;
}

// ---------------------------------------------------------------------------------------------
// The write comparison's input

int write_sample(const std::string& path, const std::string& out_path, std::uint64_t count, std::int64_t consultant,
           std::uint64_t seed) {
    bench::RawDb db(path);
    std::vector<std::int64_t> mine;
    {
        sqlite3_stmt* q = db.prepare("SELECT id FROM customers c WHERE consultant_id = ? AND deleted_at IS NULL AND NOT EXISTS "
                                     "(SELECT 1 FROM consents o WHERE o.customer_id = c.id AND o.objection = 1) ORDER BY id");
        sqlite3_bind_int64(q, 1, consultant);
        while (sqlite3_step(q) == SQLITE_ROW) mine.push_back(sqlite3_column_int64(q, 0));
        sqlite3_finalize(q);
    }
    if (mine.empty()) throw std::runtime_error("the consultant has no customers");
    std::ofstream out(out_path, std::ios::binary);
    out << "#customer\tat\tchannel\tdirection\toutcome\tduration_s\tnote\tintent\tnext_on\tnext_time\tnext_channel\tnext_purpose\n";
    // From 09:00 to 20:00 China time, one after the other.
    const std::int64_t first = china_day_start(bench_day()) + 9 * 3600, span = 11 * 3600;
    static const char* const channels[] = {"phone", "wechat", "sms", "visit_office", "home_visit"};
    static const int channel_weights[] = {55, 25, 8, 10, 2};
    static const char* const call_outcomes[] = {"reached", "no_answer", "busy", "left_message"};
    static const int call_weights[] = {65, 20, 7, 8};
    static const int grade_weights[] = {12, 23, 35, 30};
    for (std::uint64_t k = 0; k < count; ++k) {
        bench::Rng r(seed, 27, k);
        const std::int64_t customer = mine[r.below(mine.size())];
        const std::int64_t at = first + static_cast<std::int64_t>(span * static_cast<double>(k) / static_cast<double>(count));
        const std::string channel = channels[weighted(r, channel_weights)];
        std::string direction = "out", outcome = "reached", duration;
        if (channel == "phone") {
            outcome = call_outcomes[weighted(r, call_weights)];
            if (outcome == "reached") duration = std::to_string(r.between(30, 1200));
        } else if (channel == "wechat" || channel == "sms") {
            outcome = "sent";
        } else {
            if (channel == "visit_office") direction = "in";
            duration = std::to_string(r.between(900, 7200));
        }
        const std::string intent = r.chance(0.35) ? kGrades[1 + weighted(r, grade_weights)] : "";
        out << customer << '\t' << utc_text(at) << '\t' << channel << '\t' << direction << '\t' << outcome << '\t' << duration
            << '\t' << (r.chance(0.4) ? r.pick(kContactNotes) : "") << '\t' << intent << '\t';
        if (r.chance(0.35)) {
            out << iso(bench_day() + days(r.between(1, 14))) << '\t' << (r.chance(0.5) ? r.pick(kTimes) : "") << '\t'
                << (r.chance(0.3) ? "wechat" : "") << '\t' << r.pick(kPurposes);
        } else {
            out << "\t\t\t";
        }
        out << '\n';
    }
    std::printf("RESULT sample=%" PRIu64 "\nRESULT customers_of_consultant=%zu\n", count, mine.size());
    return 0;
}

int log_sample(const std::string& path, const std::string& sample_path, std::int64_t consultant) {
    std::ifstream in(sample_path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + sample_path);
    std::vector<std::pair<std::int64_t, snowball::NewContact>> todo;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> f = split(line, '\t');
        if (f.size() != 12) throw std::runtime_error("malformed sample line: " + line);
        snowball::NewContact c;
        c.at = f[1];
        c.channel = snowball::parse_contact_channel(f[2]);
        c.direction = snowball::parse_contact_direction(f[3]);
        c.outcome = f[4];
        if (!f[5].empty()) c.duration_s = std::atoi(f[5].c_str());
        c.note = f[6];
        c.intent = f[7];
        if (!f[8].empty()) {
            snowball::NextContact n;
            n.date = snowball::parse_date(f[8]);
            n.time = f[9];
            if (!f[10].empty()) n.channel = snowball::parse_contact_channel(f[10]);
            n.purpose = f[11];
            c.next_contact = n;
        }
        todo.emplace_back(std::atoll(f[0].c_str()), std::move(c));
    }
    snowball::OpenOptions options = bench::open_options(false);
    options.actor = "consultant:" + std::to_string(consultant);
    snowball::Archive archive = snowball::Archive::open(path, options);
    snowball::Contacts& contacts = archive.contacts();
    std::int64_t first_id = 0, last_id = 0;
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    for (const auto& [customer, contact] : todo) {
        last_id = contacts.log(customer, contact).id;
        if (!first_id) first_id = last_id;
    }
    const double elapsed = seconds_since(start), cpu = cpu_seconds() - cpu_start;
    std::printf("RESULT side=snowball\nRESULT logged=%zu\nRESULT first_id=%lld\nRESULT last_id=%lld\n", todo.size(),
                static_cast<long long>(first_id), static_cast<long long>(last_id));
    std::printf("RESULT seconds=%.6f\nRESULT cpu_seconds=%.6f\nRESULT rate=%.1f\n", elapsed, cpu,
                static_cast<double>(todo.size()) / elapsed);
    return 0;
}

// ---------------------------------------------------------------------------------------------
// The read comparisons: the SQL side's connection, opened as Snowball opens the archive

class Sql {
public:
    explicit Sql(const std::string& path) {
        check(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr), db_, "open");
        sqlite3_busy_timeout(db_, 10000);
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA foreign_keys = ON");
        exec("PRAGMA secure_delete = ON");
        exec("PRAGMA synchronous = NORMAL");
        exec("PRAGMA cache_size = -65536");
    }
    ~Sql() {
        for (auto& [sql, s] : statements_) sqlite3_finalize(s);
        sqlite3_close_v2(db_);
    }
    Sql(const Sql&) = delete;
    Sql& operator=(const Sql&) = delete;
    void exec(const char* sql) { check(sqlite3_exec(db_, sql, nullptr, nullptr, nullptr), db_, sql); }
    // A prepared statement, kept (reset and unbound) for the next call.
    sqlite3_stmt* statement(const char* sql) {
        auto it = statements_.find(sql);
        if (it == statements_.end()) {
            sqlite3_stmt* s = nullptr;
            check(sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr), db_, sql);
            it = statements_.emplace(sql, s).first;
        }
        sqlite3_reset(it->second);
        sqlite3_clear_bindings(it->second);
        return it->second;
    }
    bool step(sqlite3_stmt* s) {
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) return true;
        check(rc, db_, "step");
        return false;
    }
    sqlite3* handle() { return db_; }

private:
    sqlite3* db_ = nullptr;
    std::map<const char*, sqlite3_stmt*> statements_;
};

void text(sqlite3_stmt* s, int i, const std::string& v) { bench::bind_text(s, i, v); }

// Runs `snowball` and `sql` alternately `runs` times; the best wall time of each (and its CPU).
struct Timing {
    double best = 1e300, best_cpu = 0;
    std::string all;
    void add(double seconds, double cpu) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%s%.3f", all.empty() ? "" : "/", seconds);
        all += buf;
        if (seconds < best) {
            best = seconds;
            best_cpu = cpu;
        }
    }
};

template <class F>
auto timed(Timing& timing, F&& f) {
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    auto result = f();
    timing.add(seconds_since(start), cpu_seconds() - cpu_start);
    return result;
}

void print_timings(const Timing& ours, const Timing& theirs) {
    std::printf("RESULT snowball_seconds=%.6f\nRESULT snowball_cpu_seconds=%.6f\nRESULT snowball_runs=%s\n", ours.best,
                ours.best_cpu, ours.all.c_str());
    std::printf("RESULT sql_seconds=%.6f\nRESULT sql_cpu_seconds=%.6f\nRESULT sql_runs=%s\n", theirs.best, theirs.best_cpu,
                theirs.all.c_str());
}

std::int64_t site_id(Sql& sql) {
    sqlite3_stmt* s = sql.statement("SELECT id FROM sites WHERE code = 'XH'");
    if (!sql.step(s)) throw std::runtime_error("no site XH");
    return sqlite3_column_int64(s, 0);
}

// ---------------------------------------------------------------------------------------------
// Owners not contacted in 90 days

struct Quiet {
    std::int64_t total = 0;
    std::vector<std::pair<std::int64_t, std::string>> items;   // customer, last contact day ("" none)
    bool operator==(const Quiet& o) const { return total == o.total && items == o.items; }
};

// The page and the total in one statement: the window's count over every row that qualifies,
// the rows sorted by their last contact (the log's, else the first contact), the first 1,000.
const char* const kNotContactedSql =
    "SELECT c.id, c.name, c.archive_no, c.tier, c.consultant_id, f.last_day, count(*) OVER () "
    "FROM customers c LEFT JOIN contact_followups f ON f.customer_id = c.id "
    "WHERE c.site_id = ?1 AND c.stage = 'owner' AND c.deleted_at IS NULL AND coalesce(f.last_day, c.first_contact) < ?2 "
    "ORDER BY coalesce(f.last_day, c.first_contact), c.id LIMIT ?3";

Quiet not_contacted_sql(Sql& sql, std::int64_t site, const std::string& cutoff, int limit) {
    Quiet q;
    sql.exec("BEGIN");
    sqlite3_stmt* s = sql.statement(kNotContactedSql);
    sqlite3_bind_int64(s, 1, site);
    text(s, 2, cutoff);
    sqlite3_bind_int(s, 3, limit);
    while (sql.step(s)) {
        q.items.emplace_back(sqlite3_column_int64(s, 0), column_text(s, 5));
        q.total = sqlite3_column_int64(s, 6);
    }
    sqlite3_reset(s);
    sql.exec("COMMIT");
    return q;
}

int not_contacted(const std::string& path, int runs) {
    snowball::Archive archive = snowball::Archive::open(path, bench::open_options(false));
    Sql sql(path);
    const std::int64_t site = site_id(sql);
    snowball::NotContactedQuery query;
    query.site = bench::kSiteCode;
    query.days = 90;
    query.stage = snowball::Stage::owner;
    query.as_of = bench_day();
    query.limit = 1000;
    const std::string cutoff = iso(bench_day() - days(89));
    Timing ours, theirs;
    Quiet a, b;
    for (int run = 0; run < runs; ++run) {
        const snowball::Page<snowball::QuietCustomer> page = timed(ours, [&] { return archive.contacts().not_contacted(query); });
        a = Quiet{};
        a.total = page.total;
        for (const snowball::QuietCustomer& c : page.items)
            a.items.emplace_back(c.customer_id, c.last_contact_day ? iso(*c.last_contact_day) : "");
        b = timed(theirs, [&] { return not_contacted_sql(sql, site, cutoff, query.limit); });
        if (!(a == b))
            throw std::runtime_error("not contacted: the sides disagree (Snowball " + std::to_string(a.total) + " owners, " +
                                     std::to_string(a.items.size()) + " listed; SQL " + std::to_string(b.total) + ", " +
                                     std::to_string(b.items.size()) + ")");
    }
    std::size_t never = 0;
    for (const auto& item : a.items) never += item.second.empty();
    std::printf("RESULT total=%lld\nRESULT listed=%zu\nRESULT never_contacted_listed=%zu\nRESULT first=%lld\nRESULT last_day=%s\n",
                static_cast<long long>(a.total), a.items.size(), never, a.items.empty() ? 0LL : static_cast<long long>(a.items[0].first),
                a.items.empty() ? "" : a.items.back().second.c_str());
    print_timings(ours, theirs);
    return 0;
}

// ---------------------------------------------------------------------------------------------
// The consultant's list of the day

// One item as both sides give it: kind (0 care task, 1 contact), customer, due day, task id.
using Due = std::tuple<int, std::int64_t, std::string, std::int64_t>;

// The contacts due (planned or by the policy) of the consultant's customers, their care tasks of
// the day and before that are still open (rows and members of shared groups), the customers who
// object to the item's channel (or to every channel) left out; in Contacts::due's order.
const char* const kDueSql = R"sql(
WITH items(kind, due, customer_id, time, channel, purpose, source, task_id, intent, last_day) AS (
    SELECT 1, f.next_on, f.customer_id, f.next_time, coalesce(f.next_channel, ''), f.next_purpose, f.next_source, NULL,
           f.intent, f.last_day
    FROM customers c JOIN contact_followups f ON f.customer_id = c.id
    WHERE c.consultant_id = ?1 AND c.deleted_at IS NULL AND f.next_on <= ?3
  UNION ALL
    SELECT 0, t.task_date, t.customer_id, '', json_extract(t.actions, '$[0].channel'), t.actions, 'care', t.id, NULL, NULL
    FROM care_tasks t INDEXED BY care_tasks_open JOIN customers c ON c.id = t.customer_id
    WHERE c.consultant_id = ?1 AND t.site_id = ?2 AND t.status = 'open' AND t.task_date <= ?3
  UNION ALL
    SELECT 0, g.task_date, m.customer_id, '', json_extract(g.actions, '$[0].channel'), g.actions, 'care', NULL, NULL, NULL
    FROM care_task_groups g JOIN care_task_members m ON m.group_id = g.id JOIN customers c ON c.id = m.customer_id
    WHERE c.consultant_id = ?1 AND g.site_id = ?2 AND g.task_date <= ?3
),
channelled AS (
    SELECT *, CASE WHEN kind = 1 THEN channel
                   WHEN channel IS NULL THEN ''
                   WHEN channel IN ('sms', 'wechat', 'letter', 'email') THEN channel
                   WHEN channel IN ('visit', 'gift') THEN 'home_visit' ELSE 'phone' END AS contact_channel
    FROM items
)
SELECT i.kind, i.customer_id, i.due, i.task_id, i.time, c.name, c.archive_no, c.tier, c.stage,
       CASE WHEN i.kind = 1 THEN i.intent ELSE f.intent END AS grade,
       CASE WHEN i.kind = 1 THEN i.last_day ELSE f.last_day END
FROM channelled i JOIN customers c ON c.id = i.customer_id LEFT JOIN contact_followups f ON i.kind = 0 AND f.customer_id = i.customer_id
WHERE NOT EXISTS (SELECT 1 FROM consents o WHERE o.customer_id = i.customer_id AND o.purpose = 'service' AND o.objection = 1
                  AND o.withdrawn_at IS NULL AND (o.channel = '' OR o.channel = i.contact_channel))
ORDER BY i.due, i.time = '', i.time, i.kind,
         CASE coalesce(grade, '') WHEN 'A' THEN 0 WHEN 'B' THEN 1 WHEN 'C' THEN 2 WHEN 'D' THEN 3 ELSE 4 END,
         c.tier <> 'vip', i.customer_id
)sql";

std::vector<Due> due_sql(Sql& sql, std::int64_t consultant, std::int64_t site, const std::string& on) {
    std::vector<Due> out;
    sql.exec("BEGIN");
    sqlite3_stmt* s = sql.statement(kDueSql);
    sqlite3_bind_int64(s, 1, consultant);
    sqlite3_bind_int64(s, 2, site);
    text(s, 3, on);
    while (sql.step(s)) {
        const int kind = sqlite3_column_int(s, 0);
        const std::int64_t customer = sqlite3_column_int64(s, 1);
        std::string due = column_text(s, 2);
        // A member's task id is its customer's and day's.
        const std::int64_t id = kind == 1 ? 0 : sqlite3_column_type(s, 3) == SQLITE_NULL
                                                    ? task_id(customer, snowball::parse_date(due))
                                                    : sqlite3_column_int64(s, 3);
        out.emplace_back(kind, customer, std::move(due), id);
    }
    sqlite3_reset(s);
    sql.exec("COMMIT");
    return out;
}

int due(const std::string& path, int runs, std::int64_t consultant) {
    snowball::Archive archive = snowball::Archive::open(path, bench::open_options(false));
    Sql sql(path);
    const std::int64_t site = site_id(sql);
    snowball::DueQuery query;
    query.on = bench_day();
    query.consultant_id = consultant;
    Timing ours, theirs;
    std::vector<Due> a, b;
    std::size_t contacts = 0, overdue = 0, planned = 0;
    for (int run = 0; run < runs; ++run) {
        const std::vector<snowball::DueItem> items = timed(ours, [&] { return archive.contacts().due(query); });
        a.clear();
        contacts = overdue = planned = 0;
        for (const snowball::DueItem& i : items) {
            const bool contact = i.kind == snowball::DueKind::contact;
            a.emplace_back(contact ? 1 : 0, i.customer_id, iso(i.due), contact ? 0 : i.care_task_id.value_or(-1));
            contacts += contact;
            overdue += i.overdue;
            planned += i.source == "planned";
        }
        b = timed(theirs, [&] { return due_sql(sql, consultant, site, iso(bench_day())); });
        if (a != b) {
            std::size_t k = 0;
            while (k < a.size() && k < b.size() && a[k] == b[k]) ++k;
            throw std::runtime_error("due list: the sides disagree (Snowball " + std::to_string(a.size()) + " items, SQL " +
                                     std::to_string(b.size()) + "; first difference at item " + std::to_string(k) + ")");
        }
    }
    // For the account: the two calls of the care calendar that Contacts::due makes, alone (the
    // day's agenda, generated again, and the open tasks before the day).
    Timing agenda, late;
    for (int run = 0; run < runs; ++run) {
        timed(agenda, [&] { return archive.calendar().agenda({bench_day(), bench_day(), "", consultant, false}); });
        timed(late, [&] { return archive.calendar().overdue(snowball::CareOverdueQuery{bench_day(), bench::kSiteCode, consultant}); });
    }
    std::set<std::int64_t> customers;
    for (const Due& d : a) customers.insert(std::get<1>(d));
    std::printf("RESULT agenda_seconds=%.6f\nRESULT overdue_seconds=%.6f\n", agenda.best, late.best);
    std::printf("RESULT items=%zu\nRESULT contacts=%zu\nRESULT planned=%zu\nRESULT care_tasks=%zu\nRESULT overdue=%zu\n"
                "RESULT customers=%zu\nRESULT due_today=%zu\n",
                a.size(), contacts, planned, a.size() - contacts, overdue, customers.size(), a.size() - overdue);
    print_timings(ours, theirs);
    return 0;
}

// ---------------------------------------------------------------------------------------------
// The monthly care report

// One row's numbers, keyed by period and consultant (0: none).
struct Numbers {
    std::int64_t tasks_due = 0, done_on_time = 0, done_late = 0, skipped = 0, overdue = 0;
    std::int64_t contacts = 0, reached = 0, customers = 0, quiet = 0;
    std::map<std::string, std::int64_t> skip_reasons, by_channel, by_outcome, grade_moves;
    std::int64_t prospects_without_next = 0, owners_not_contacted_90 = 0;
    bool empty() const {
        return !tasks_due && !contacts && !customers && !prospects_without_next && !owners_not_contacted_90 && by_channel.empty() &&
               by_outcome.empty() && grade_moves.empty() && skip_reasons.empty();
    }
    auto tie() const {
        return std::tie(tasks_due, done_on_time, done_late, skipped, overdue, contacts, reached, customers, quiet, skip_reasons,
                        by_channel, by_outcome, grade_moves, prospects_without_next, owners_not_contacted_90);
    }
    bool operator==(const Numbers& o) const { return tie() == o.tie(); }
};
using Report = std::map<std::pair<std::string, std::int64_t>, Numbers>;   // ("2026-03", consultant)

Report from_api(const snowball::CareReport& r) {
    Report out;
    for (const snowball::CareReportRow& row : r.rows) {
        if (row.total) continue;
        Numbers n;
        n.tasks_due = row.tasks_due;
        n.done_on_time = row.done_on_time;
        n.done_late = row.done_late;
        n.skipped = row.skipped;
        n.overdue = row.overdue;
        n.skip_reasons = row.skip_reasons;
        n.contacts = row.contacts;
        n.reached = row.reached;
        n.customers = row.customers_contacted;
        n.quiet = row.calls_in_quiet_hours;
        n.by_channel = row.by_channel;
        n.by_outcome = row.by_outcome;
        n.grade_moves = row.grade_moves;
        n.prospects_without_next = row.prospects_without_next;
        n.owners_not_contacted_90 = row.owners_not_contacted_90;
        if (!n.empty()) out[{iso(row.period_start).substr(0, 7), row.consultant_id.value_or(0)}] = n;
    }
    return out;
}

// Care tasks per consultant, month and status (a skipped task's reason kept), tasks kept as
// group members (open) apart.
const char* const kTasksSql = R"sql(
SELECT coalesce(c.consultant_id, 0), substr(t.task_date, 1, 7), t.status, CASE WHEN t.status = 'skipped' THEN t.outcome END,
       count(*), sum(date(t.done_at, '+8 hours') <= t.task_date), sum(t.task_date < ?4)
FROM care_tasks t JOIN customers c ON c.id = t.customer_id
WHERE t.site_id = ?1 AND t.task_date BETWEEN ?2 AND ?3 AND c.site_id = ?1 AND c.deleted_at IS NULL
GROUP BY 1, 2, 3, 4
)sql";
const char* const kMemberTasksSql = R"sql(
SELECT coalesce(c.consultant_id, 0), substr(g.task_date, 1, 7), count(*), sum(g.task_date < ?4)
FROM care_task_groups g JOIN care_task_members m ON m.group_id = g.id JOIN customers c ON c.id = m.customer_id
WHERE g.site_id = ?1 AND g.task_date BETWEEN ?2 AND ?3 AND c.site_id = ?1 AND c.deleted_at IS NULL
GROUP BY 1, 2
)sql";
// The contacts each consultant made per month: by channel and outcome, the customers contacted,
// the grade moves.
const char* const kFlowsSql = R"sql(
SELECT coalesce(consultant_id, 0), substr(day, 1, 7), channel, outcome, count(*), sum(reached), sum(quiet_hours)
FROM contacts WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 AND superseded_by IS NULL
GROUP BY 1, 2, 3, 4
)sql";
const char* const kCustomersSql = R"sql(
SELECT b, m, count(*) FROM (
    SELECT DISTINCT coalesce(consultant_id, 0) AS b, substr(day, 1, 7) AS m, customer_id
    FROM contacts WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 AND superseded_by IS NULL)
GROUP BY 1, 2
)sql";
const char* const kMovesSql = R"sql(
SELECT coalesce(consultant_id, 0), substr(day, 1, 7), intent_before, intent, count(*)
FROM contacts WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 AND superseded_by IS NULL
     AND intent_before <> '' AND intent <> '' AND intent_before <> intent
GROUP BY 1, 2, 3, 4
)sql";
// The states at each month's end (or today, when earlier; the months begun by today): every
// customer's latest entry at that day — their follow-up spans from each entry to the next (by day,
// then id), and from their filing to their first entry — tells whether a prospect or visitor is
// left without a next contact (no contact planned, a grade without a follow-up interval, or no
// entry at all) and whether an owner has gone 90 days without one. ?1 site, ?2 the first day of
// the report, ?3 its last day or today when earlier.
const char* const kStatesSql = R"sql(
WITH RECURSIVE months(first, d) AS (
    SELECT ?2, min(date(?2, 'start of month', '+1 month', '-1 day'), ?3)
    UNION ALL
    SELECT date(first, 'start of month', '+1 month'), min(date(first, 'start of month', '+2 months', '-1 day'), ?3)
    FROM months WHERE date(first, 'start of month', '+1 month') <= ?3
),
events(customer_id, day, id, next, consultant, stage) AS (
    SELECT customer_id, day, id, next_on IS NOT NULL OR intent IN ('A', 'B', 'C'), NULL, NULL
    FROM contacts WHERE site_id = ?1 AND superseded_by IS NULL AND day <= ?3
  UNION ALL
    SELECT id, first_contact, -1, 0, coalesce(consultant_id, 0), stage
    FROM customers WHERE site_id = ?1 AND deleted_at IS NULL AND first_contact <= ?3
),
spans AS (
    SELECT day, next, first_value(consultant) OVER w AS consultant, first_value(stage) OVER w AS stage,
           lead(day) OVER w AS until
    FROM events WINDOW w AS (PARTITION BY customer_id ORDER BY day, id)
)
SELECT s.consultant, substr(m.first, 1, 7), sum(s.stage <> 'owner' AND NOT s.next),
       sum(s.stage = 'owner' AND m.d >= date(s.day, '+90 days'))
FROM spans s JOIN months m ON m.d >= s.day AND (s.until IS NULL OR m.d < s.until)
WHERE s.stage IS NOT NULL
GROUP BY 1, 2
)sql";

Report report_sql(Sql& sql, std::int64_t site, Date start, Date end, Date as_of) {
    Report out;
    const std::string first = iso(start), last = iso(end), today = iso(as_of), sweep_end = iso(std::min(end, as_of));
    // A statement of the report: ?1 the site, ?2 .. ?3 the days it covers.
    const auto query = [&](const char* statement, const std::string& to) {
        sqlite3_stmt* s = sql.statement(statement);
        sqlite3_bind_int64(s, 1, site);
        text(s, 2, first);
        text(s, 3, to);
        return s;
    };
    sql.exec("BEGIN");
    {
        sqlite3_stmt* s = query(kTasksSql, last);
        text(s, 4, today);
        while (sql.step(s)) {
            Numbers& n = out[{column_text(s, 1), sqlite3_column_int64(s, 0)}];
            const std::string status = column_text(s, 2);
            const std::int64_t count = sqlite3_column_int64(s, 4);
            n.tasks_due += count;
            if (status == "done") {
                const std::int64_t on_time = sqlite3_column_int64(s, 5);
                n.done_on_time += on_time;
                n.done_late += count - on_time;
            } else if (status == "skipped") {
                n.skipped += count;
                const std::string reason = column_text(s, 3);
                n.skip_reasons[reason.empty() ? "—" : reason] += count;
            } else {
                n.overdue += sqlite3_column_int64(s, 6);
            }
        }
        s = query(kMemberTasksSql, last);
        text(s, 4, today);
        while (sql.step(s)) {
            Numbers& n = out[{column_text(s, 1), sqlite3_column_int64(s, 0)}];
            n.tasks_due += sqlite3_column_int64(s, 2);
            n.overdue += sqlite3_column_int64(s, 3);
        }
    }
    if (start <= as_of) {
        sqlite3_stmt* s = query(kFlowsSql, sweep_end);
        while (sql.step(s)) {
            Numbers& n = out[{column_text(s, 1), sqlite3_column_int64(s, 0)}];
            const std::int64_t count = sqlite3_column_int64(s, 4);
            n.contacts += count;
            n.reached += sqlite3_column_int64(s, 5);
            n.quiet += sqlite3_column_int64(s, 6);
            n.by_channel[column_text(s, 2)] += count;
            n.by_outcome[column_text(s, 3)] += count;
        }
        s = query(kCustomersSql, sweep_end);
        while (sql.step(s)) out[{column_text(s, 1), sqlite3_column_int64(s, 0)}].customers += sqlite3_column_int64(s, 2);
        s = query(kMovesSql, sweep_end);
        while (sql.step(s))
            out[{column_text(s, 1), sqlite3_column_int64(s, 0)}].grade_moves[column_text(s, 2) + "→" + column_text(s, 3)] +=
                sqlite3_column_int64(s, 4);
        s = query(kStatesSql, sweep_end);
        while (sql.step(s)) {
            Numbers& n = out[{column_text(s, 1), sqlite3_column_int64(s, 0)}];
            n.prospects_without_next += sqlite3_column_int64(s, 2);
            n.owners_not_contacted_90 += sqlite3_column_int64(s, 3);
        }
    }
    sql.exec("COMMIT");
    for (auto it = out.begin(); it != out.end();) it = it->second.empty() ? out.erase(it) : std::next(it);
    return out;
}

std::string describe(const Report::key_type& key, const Numbers& n) {
    std::ostringstream o;
    o << key.first << " consultant " << key.second << ": tasks " << n.tasks_due << " (on time " << n.done_on_time << ", late "
      << n.done_late << ", skipped " << n.skipped << ", overdue " << n.overdue << "), contacts " << n.contacts << " (reached "
      << n.reached << ", customers " << n.customers << ", grade moves " << n.grade_moves.size() << " kinds), without next "
      << n.prospects_without_next << ", owners not contacted " << n.owners_not_contacted_90;
    return o.str();
}

int report(const std::string& path, int runs) {
    snowball::Archive archive = snowball::Archive::open(path, bench::open_options(false));
    Sql sql(path);
    const std::int64_t site = site_id(sql);
    snowball::CareReportQuery query;
    query.site = bench::kSiteCode;
    query.start = report_start();
    query.end = report_end();
    query.period = snowball::ReportPeriod::month;
    query.as_of = bench_day();
    Timing ours, theirs;
    Report a, b;
    snowball::CareReport last_report;
    for (int run = 0; run < runs; ++run) {
        last_report = timed(ours, [&] { return archive.contacts().care_report(query); });
        a = from_api(last_report);
        b = timed(theirs, [&] { return report_sql(sql, site, query.start, query.end, bench_day()); });
        if (a != b) {
            std::string what = "care report: the sides disagree";
            for (const auto& [key, n] : a) {
                auto it = b.find(key);
                if (it == b.end() || !(it->second == n)) {
                    what += "\n  Snowball " + describe(key, n) + "\n  SQL      " + (it == b.end() ? "(none)" : describe(key, it->second));
                    break;
                }
            }
            for (const auto& [key, n] : b)
                if (!a.count(key)) {
                    what += "\n  only SQL " + describe(key, n);
                    break;
                }
            throw std::runtime_error(what);
        }
    }
    // What the report says, summed over the months: the site's totals, and the states at the end
    // of the benchmark's month.
    snowball::CareReportRow sum;
    std::int64_t moves = 0;
    for (const snowball::CareReportRow& row : last_report.rows) {
        if (!row.total) continue;
        sum.tasks_due += row.tasks_due;
        sum.done_on_time += row.done_on_time;
        sum.done_late += row.done_late;
        sum.skipped += row.skipped;
        sum.overdue += row.overdue;
        sum.contacts += row.contacts;
        sum.reached += row.reached;
        sum.customers_contacted += row.customers_contacted;
        for (const auto& [kind, n] : row.grade_moves) moves += n;
        if (row.period_start.month() == bench_day().month()) sum.prospects_without_next = row.prospects_without_next;
        if (row.period_start.month() == bench_day().month()) sum.owners_not_contacted_90 = row.owners_not_contacted_90;
    }
    std::printf("RESULT rows=%zu\nRESULT compared_rows=%zu\nRESULT tasks_due=%lld\nRESULT done_on_time=%lld\nRESULT done_late=%lld\n"
                "RESULT skipped=%lld\nRESULT overdue=%lld\nRESULT contacts=%lld\nRESULT reached=%lld\nRESULT customers_contacted=%lld\n"
                "RESULT grade_moves=%lld\nRESULT prospects_without_next_nov=%lld\nRESULT owners_not_contacted_90_nov=%lld\n",
                last_report.rows.size(), a.size(), static_cast<long long>(sum.tasks_due), static_cast<long long>(sum.done_on_time),
                static_cast<long long>(sum.done_late), static_cast<long long>(sum.skipped), static_cast<long long>(sum.overdue),
                static_cast<long long>(sum.contacts), static_cast<long long>(sum.reached),
                static_cast<long long>(sum.customers_contacted), static_cast<long long>(moves),
                static_cast<long long>(sum.prospects_without_next), static_cast<long long>(sum.owners_not_contacted_90));
    print_timings(ours, theirs);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        const auto number = [&](std::size_t i) { return std::strtoull(args[i].c_str(), nullptr, 10); };
        if (args.size() == 5 && args[0] == "build") return build(args[1], number(2), number(3), number(4));
        if (args.size() == 6 && args[0] == "sample")
            return write_sample(args[1], args[2], number(3), static_cast<std::int64_t>(number(4)), number(5));
        if (args.size() == 4 && args[0] == "log") return log_sample(args[1], args[2], static_cast<std::int64_t>(number(3)));
        if (args.size() == 3 && args[0] == "not_contacted") return not_contacted(args[1], std::max(1, std::atoi(args[2].c_str())));
        if (args.size() == 4 && args[0] == "due")
            return due(args[1], std::max(1, std::atoi(args[2].c_str())), static_cast<std::int64_t>(number(3)));
        if (args.size() == 3 && args[0] == "report") return report(args[1], std::max(1, std::atoi(args[2].c_str())));
        std::cerr << "usage: contacts_side build <db> <customers> <contacts> <seed>\n"
                     "       contacts_side sample <db> <out.tsv> <count> <consultant> <seed>\n"
                     "       contacts_side log <db> <sample.tsv> <consultant>\n"
                     "       contacts_side not_contacted <db> <runs>\n"
                     "       contacts_side due <db> <runs> <consultant>\n"
                     "       contacts_side report <db> <runs>\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "contacts_side: " << e.what() << "\n";
        return 1;
    }
}
