// A synthetic sales-office archive for the profile, briefing and care-calendar benchmarks
// (bench/profiles_side.cpp, bench/calendar_side.cpp; docs/BENCHMARKS.md).
//
// Everything is a pure function of (seed, customer index), so that an archive can be built in
// steps (the first million, then a second one) and rebuilt identically. The customers are filed
// through the public API (Customers::add_many, 10,000 per call), the deals too
// (Customers::record_deal, one transaction each). The family members and the extra visits, millions
// of rows, are written with plain SQL into the same schema once the customers exist: Family::add
// and Customers::record_visit are one transaction per row, which would take many minutes per
// million, and the rows written are the rows those calls write (same columns and values; the
// timestamps are the time of writing). None of this is timed.
#pragma once

#include <snowball/snowball.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

using snowball::Date;

// SplitMix64: small, fast, and the same on every platform.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t index)
        : state_(seed * 0x9E3779B97F4A7C15ULL ^ (stream + 1) * 0xBF58476D1CE4E5B9ULL ^ (index + 7) * 0x94D049BB133111EBULL) {
        next();
    }
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1))); }
    double real() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return real() < p; }
    template <class T, std::size_t N>
    const T& pick(const T (&items)[N]) { return items[below(N)]; }

private:
    std::uint64_t state_;
};

inline constexpr const char* kSiteCode = "XH";
inline constexpr const char* kSiteName = "西湖印象售楼处";
inline constexpr const char* kConsultants[][2] = {
    {"王芳", "13957100001"}, {"李娜", "13957100002"}, {"张磊", "13957100003"},
    {"刘洋", "13957100004"}, {"陈静", "13957100005"}, {"杨帆", "13957100006"},
};
// The last day of the data: first contacts, visits and deals fall on or before it (the API refuses
// future dates, and a fixed day keeps every run's data the same).
inline Date anchor_day() { return Date(2026, 11, 26); }
inline Date first_day() { return Date(2016, 1, 1); }

inline constexpr const char* kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
    "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "欧阳", "司马", "上官", "诸葛"};
inline constexpr const char* kGiven[] = {
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "兰", "霞",
    "平", "刚", "桂华", "建国", "文辉", "玉红", "志鹏", "飞宇", "浩然", "子涵", "梓轩", "欣怡", "雨萱", "晨", "思博", "嘉琪",
    "佳慧", "俊", "婷", "雪梅", "海燕", "春晓", "东", "亮", "斌", "宁", "帅", "凯", "丹", "阳", "鑫", "淑珍", "琳", "颖"};
inline constexpr const char* kMobilePrefixes[] = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
    "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189"};
inline constexpr const char* kNotes[] = {"关心学区", "想要三室两厅", "预算300万以内", "车展留资", "老客户推荐，想看样板间",
                                         "改善型，已有一套", "首付五成，公积金贷款", "为父母购房，要低楼层"};
inline constexpr const char* kLayouts[] = {"2室1厅1卫", "3室2厅1卫", "3室2厅2卫", "4室2厅2卫", "5室2厅3卫"};
inline constexpr const char* kBoughtFor[] = {"自住", "父母", "子女", "投资", ""};
inline constexpr const char* kEducation[] = {"本科，浙江大学", "硕士，复旦大学", "大专", "本科，杭州师范大学", "博士，清华大学", "高中"};
inline constexpr const char* kInterests[] = {"瑜伽", "钓鱼", "高尔夫", "烘焙", "摄影", "旅游", "书法", "跑步", "茶艺", "钢琴"};
inline constexpr const char* kSchools[] = {"学军小学", "文三街小学", "杭州二中", "保俶塔实验学校", "浙大附中", "求是幼儿园"};

inline std::string random_name(Rng& r) {
    std::string name = r.pick(kSurnames);
    name += r.pick(kGiven);
    if (r.chance(0.6)) name += r.pick(kGiven);
    return name.substr(0, std::min<std::size_t>(name.size(), 12));   // at most 4 CJK characters
}

inline int days_in_month(int year, int month) {
    return boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                                  static_cast<unsigned short>(month));
}

inline Date day_between(Rng& r, Date lo, Date hi) {
    return lo + boost::gregorian::days(static_cast<long>(r.below(static_cast<std::uint64_t>((hi - lo).days() + 1))));
}

// A birthday in [from_year, to_year]; lunar with probability `lunar_share`, taken from a real day so
// that it exists (its leap month included).
inline snowball::Birthday random_birthday(Rng& r, int from_year, int to_year, double lunar_share) {
    const int year = r.between(from_year, to_year);
    const int month = r.between(1, 12);
    const Date day(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                   static_cast<unsigned short>(r.between(1, days_in_month(year, month))));
    snowball::Birthday b;
    if (r.chance(lunar_share)) {
        const snowball::calendar::LunarDate l = snowball::calendar::to_lunar(day);
        b.lunar = true;
        b.year = l.year;
        b.month = l.month;
        b.day = l.day;
        b.leap_month = l.leap;
    } else {
        b.year = year;
        b.month = month;
        b.day = static_cast<int>(day.day());
    }
    if (r.chance(0.1) && !b.leap_month) b.year = 0;   // the year not known
    return b;
}

struct ArchiveShape {
    std::uint64_t seed = 20261127;
    double birthday_share = 0.85;    // customers with a birthday on file
    double lunar_share = 0.25;       // of those, kept in the lunar calendar
    double owner_share = 0.05;       // customers with a closed deal
};

// Customer i (0-based, over the whole archive): its NewCustomer.
inline snowball::NewCustomer make_customer(const ArchiveShape& shape, std::uint64_t i,
                                           const std::vector<std::int64_t>& consultant_ids) {
    Rng r(shape.seed, 1, i);
    snowball::NewCustomer c;
    c.site = kSiteCode;
    const double ch = r.real();
    c.channel = ch < 0.35 ? snowball::Channel::call : ch < 0.60 ? snowball::Channel::visit : snowball::Channel::lead;
    c.name = random_name(r);
    const double g = r.real();
    c.gender = g < 0.45 ? snowball::Gender::male : g < 0.90 ? snowball::Gender::female : snowball::Gender::unknown;
    // A unique mobile: the last 8 digits are a bijection of the index (48271 is prime to 10^8).
    char digits[16];
    std::snprintf(digits, sizeof digits, "%08llu", static_cast<unsigned long long>((i * 48271ULL + 12345678ULL) % 100000000ULL));
    c.mobile = std::string(r.pick(kMobilePrefixes)) + digits;
    if (!(c.channel == snowball::Channel::lead && r.chance(0.3)))
        c.consultant_id = consultant_ids[r.below(consultant_ids.size())];
    c.tier = r.chance(0.03) ? snowball::Tier::vip : snowball::Tier::ordinary;
    if (r.chance(0.12)) {
        char landline[24];
        std::snprintf(landline, sizeof landline, "0571%08llu", static_cast<unsigned long long>(80000000ULL + i % 10000000ULL));
        c.phones.push_back({r.chance(0.5) ? snowball::PhoneKind::home : snowball::PhoneKind::office, landline});
    }
    if (r.chance(0.15)) c.note = r.pick(kNotes);
    c.first_contact = day_between(r, first_day(), anchor_day());
    if (r.chance(shape.birthday_share)) c.birthday = random_birthday(r, 1950, 2002, shape.lunar_share);
    return c;
}

inline bool is_owner(const ArchiveShape& shape, std::uint64_t i) {
    Rng r(shape.seed, 2, i);
    return r.chance(shape.owner_share);
}

// Customer i's deal (when it is an owner): a unit of its own, a day between its first contact and
// the anchor day.
inline snowball::NewDeal make_deal(const ArchiveShape& shape, std::uint64_t i, Date first_contact) {
    Rng r(shape.seed, 3, i);
    snowball::NewDeal d;
    const std::uint64_t building = i / 480 + 1, entrance = i % 480 / 120 + 1, floor = i % 120 / 4 + 1, room = i % 4 + 1;
    d.unit = std::to_string(building) + "-" + std::to_string(entrance) + "-" + std::to_string(floor * 100 + room);
    d.layout = r.pick(kLayouts);
    d.area = 60 + r.between(0, 1400) / 10.0;
    d.price = static_cast<double>(static_cast<long long>(d.area * r.between(20000, 60000)));
    d.date = day_between(r, first_contact, anchor_day());
    d.bought_for = r.pick(kBoughtFor);
    return d;
}

inline std::vector<std::int64_t> add_site_and_consultants(snowball::Archive& archive) {
    archive.sites().add({kSiteCode, kSiteName, ""});
    std::vector<std::int64_t> ids;
    for (const auto& c : kConsultants) ids.push_back(archive.consultants().add({kSiteCode, c[0], c[1]}).id);
    return ids;
}

inline std::vector<std::int64_t> consultant_ids_of(snowball::Archive& archive) {
    std::vector<std::int64_t> ids;
    for (const snowball::Consultant& c : archive.consultants().list(kSiteCode)) ids.push_back(c.id);
    return ids;
}

struct Filed {
    std::uint64_t customers = 0;
    std::uint64_t deals = 0;
};

// Files customers [first, first + count) through Customers::add_many (`batch` per call) and
// records the owners' deals through Customers::record_deal. Returns what was filed.
inline Filed file_customers(snowball::Archive& archive, const ArchiveShape& shape, std::uint64_t first,
                            std::uint64_t count, std::size_t batch = 10000) {
    const std::vector<std::int64_t> consultants = consultant_ids_of(archive);
    Filed filed;
    std::vector<std::pair<std::uint64_t, std::int64_t>> owners;   // index, customer id
    std::vector<snowball::Date> first_contacts;
    for (std::uint64_t start = first; start < first + count; start += batch) {
        const std::uint64_t end = std::min<std::uint64_t>(first + count, start + batch);
        std::vector<snowball::NewCustomer> chunk;
        chunk.reserve(end - start);
        for (std::uint64_t i = start; i < end; ++i) chunk.push_back(make_customer(shape, i, consultants));
        const std::vector<snowball::Customer> done = archive.customers().add_many(chunk);
        for (std::uint64_t i = start; i < end; ++i)
            if (is_owner(shape, i)) owners.push_back({i, done[i - start].id});
        filed.customers += done.size();
    }
    for (const auto& [i, id] : owners) {
        const snowball::NewCustomer c = make_customer(shape, i, consultants);
        archive.customers().record_deal(id, make_deal(shape, i, *c.first_contact));
        ++filed.deals;
    }
    return filed;
}

// ---------------------------------------------------------------------------------------------
// Plain SQL on the archive file (the archive closed): family members and extra visits.

class RawDb {
public:
    explicit RawDb(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = NORMAL");
        exec("PRAGMA foreign_keys = ON");
    }
    ~RawDb() { sqlite3_close_v2(db_); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;
    void exec(const char* sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error(std::string(sql) + ": " + message);
        }
    }
    sqlite3_stmt* prepare(const char* sql) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(db_));
        return s;
    }
    void step_done(sqlite3_stmt* s) {
        if (sqlite3_step(s) != SQLITE_DONE) throw std::runtime_error(std::string("write failed: ") + sqlite3_errmsg(db_));
        sqlite3_reset(s);
    }
    sqlite3* handle() { return db_; }

private:
    sqlite3* db_ = nullptr;
};

inline std::string now_utc() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

inline void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

// A birthday as the birth_calendar, birth_year, birth_month, birth_day and birth_leap columns
// (parameters first .. first + 4) hold it: all NULL but the leap flag when there is none.
inline void bind_birthday(sqlite3_stmt* s, int first, const std::optional<snowball::Birthday>& b) {
    if (b) {
        bind_text(s, first, b->lunar ? "lunar" : "gregorian");
        if (b->year) sqlite3_bind_int(s, first + 1, b->year);
        else sqlite3_bind_null(s, first + 1);
        sqlite3_bind_int(s, first + 2, b->month);
        sqlite3_bind_int(s, first + 3, b->day);
    } else {
        for (int k = first; k <= first + 3; ++k) sqlite3_bind_null(s, k);
    }
    sqlite3_bind_int(s, first + 4, b && b->leap_month ? 1 : 0);
}

// The customers with ids in [first_id, last_id]: id, consultant (0: none), first contact.
struct CustomerRow {
    std::int64_t id;
    std::int64_t consultant;
    std::string first_contact;
};
inline std::vector<CustomerRow> customer_rows(RawDb& db, std::int64_t first_id, std::int64_t last_id) {
    sqlite3_stmt* q = db.prepare("SELECT id, coalesce(consultant_id, 0), first_contact FROM customers WHERE id BETWEEN ? AND ? ORDER BY id");
    sqlite3_bind_int64(q, 1, first_id);
    sqlite3_bind_int64(q, 2, last_id);
    std::vector<CustomerRow> out;
    while (sqlite3_step(q) == SQLITE_ROW)
        out.push_back({sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1),
                       reinterpret_cast<const char*>(sqlite3_column_text(q, 2))});
    sqlite3_finalize(q);
    return out;
}

// `per_customer` family members per customer on average (each member's customer drawn at random,
// so some have none and some four or more), as Family::add writes them: relation, name, gender,
// birthday (80 %; parents' in the lunar calendar half the time), spouse's education and interests,
// children's schools, a closest member for some. Returns the number written.
inline std::uint64_t add_family(RawDb& db, const ArchiveShape& shape, std::int64_t first_id, std::int64_t last_id,
                                double per_customer) {
    const std::vector<CustomerRow> customers = customer_rows(db, first_id, last_id);
    if (customers.empty()) return 0;
    const std::uint64_t total = static_cast<std::uint64_t>(per_customer * static_cast<double>(customers.size()) + 0.5);
    std::vector<std::uint8_t> counts(customers.size(), 0);
    Rng draw(shape.seed, 4, static_cast<std::uint64_t>(first_id));
    for (std::uint64_t k = 0; k < total;) {
        std::uint8_t& n = counts[draw.below(customers.size())];
        if (n < 8) {
            ++n;
            ++k;
        }
    }
    const std::string now = now_utc();
    sqlite3_stmt* ins = db.prepare(
        "INSERT INTO family_members(customer_id, relation, name, gender, birth_calendar, birth_year, birth_month, "
        "birth_day, birth_leap, phone, employer, education, interests, school, closest, note, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, '', ?, ?)");
    static const char* const relations[] = {"spouse", "child", "mother", "father", "child", "other", "other", "other"};
    std::uint64_t written = 0;
    db.exec("BEGIN IMMEDIATE");
    for (std::size_t c = 0; c < customers.size(); ++c) {
        for (std::uint8_t j = 0; j < counts[c]; ++j) {
            Rng r(shape.seed, 5, static_cast<std::uint64_t>(customers[c].id) * 16 + j);
            const std::string relation = relations[j];
            const bool parent = relation == "father" || relation == "mother";
            const std::string gender = relation == "father" ? "male" : relation == "mother" ? "female"
                                                                                               : (r.chance(0.5) ? "male" : "female");
            sqlite3_bind_int64(ins, 1, customers[c].id);
            bind_text(ins, 2, relation);
            bind_text(ins, 3, random_name(r));
            bind_text(ins, 4, gender);
            std::optional<snowball::Birthday> birthday;
            if (r.chance(0.8)) {
                const int lo = relation == "spouse" ? 1950 : parent ? 1925 : relation == "child" ? 1975 : 1940;
                const int hi = relation == "spouse" ? 2002 : parent ? 1975 : relation == "child" ? 2024 : 2010;
                birthday = random_birthday(r, lo, hi, parent ? 0.5 : 0.25);
            }
            bind_birthday(ins, 5, birthday);
            const bool spouse = relation == "spouse";
            bind_text(ins, 10, spouse && r.chance(0.5) ? "杭州某科技有限公司" : "");
            bind_text(ins, 11, spouse && r.chance(0.5) ? r.pick(kEducation) : "");
            bind_text(ins, 12, (spouse || relation == "child") && r.chance(0.5) ? r.pick(kInterests) : "");
            bind_text(ins, 13, relation == "child" && r.chance(0.6) ? r.pick(kSchools) : "");
            sqlite3_bind_int(ins, 14, spouse && r.chance(0.4) ? 1 : 0);
            bind_text(ins, 15, now);
            bind_text(ins, 16, now);
            db.step_done(ins);
            if (++written % 200000 == 0) {
                db.exec("COMMIT");
                db.exec("BEGIN IMMEDIATE");
            }
        }
    }
    db.exec("COMMIT");
    sqlite3_finalize(ins);
    return written;
}

// Extra visits, as Customers::record_visit writes them (the customer's consultant, the stage
// raised to visitor): `share` of the customers get 1 to 4 visits between their first contact and the
// anchor day. Returns the number written.
inline std::uint64_t add_visits(RawDb& db, const ArchiveShape& shape, std::int64_t first_id, std::int64_t last_id,
                                double share) {
    const std::vector<CustomerRow> customers = customer_rows(db, first_id, last_id);
    const std::string now = now_utc();
    sqlite3_stmt* ins = db.prepare("INSERT INTO visits(customer_id, visit_date, consultant_id, note, recorded_at) VALUES (?, ?, ?, '', ?)");
    sqlite3_stmt* stage = db.prepare("UPDATE customers SET stage = 'visitor', updated_at = ? WHERE id = ? AND stage = 'prospect'");
    std::uint64_t written = 0, since_commit = 0;
    db.exec("BEGIN IMMEDIATE");
    for (const CustomerRow& c : customers) {
        Rng r(shape.seed, 6, static_cast<std::uint64_t>(c.id));
        if (!r.chance(share)) continue;
        const int n = r.between(1, 4);
        const Date from = snowball::parse_date(c.first_contact);
        for (int k = 0; k < n; ++k) {
            sqlite3_bind_int64(ins, 1, c.id);
            bind_text(ins, 2, snowball::to_iso(day_between(r, from, anchor_day())));
            if (c.consultant) sqlite3_bind_int64(ins, 3, c.consultant);
            else sqlite3_bind_null(ins, 3);
            bind_text(ins, 4, now);
            db.step_done(ins);
            ++written;
            ++since_commit;
        }
        bind_text(stage, 1, now);
        sqlite3_bind_int64(stage, 2, c.id);
        db.step_done(stage);
        if (since_commit >= 200000) {
            since_commit = 0;
            db.exec("COMMIT");
            db.exec("BEGIN IMMEDIATE");
        }
    }
    db.exec("COMMIT");
    sqlite3_finalize(ins);
    sqlite3_finalize(stage);
    return written;
}

} // namespace bench
