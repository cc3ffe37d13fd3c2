// The Snowball side of the duplicates benchmark (bench/bench_duplicates.py, docs/BENCHMARKS.md
// "Duplicates") and the builder of its archive.
//
//   duplicates_side build <db> <customers> <seed> <truth>
//       A new archive through Archive::open (the real schema): the site XH and six consultants
//       through the API; then, with plain SQL on the closed file, <customers> customers at XH, 2 %
//       of them planted second records of another customer (the same person filed twice), written
//       to <truth> as "older newer kind" lines. Names are drawn from a limited pool of common
//       Chinese surnames and given names (so that people sharing a name are common, as they are);
//       45 % have a birthday on file, 8 % a landline besides the mobile, about half family members
//       (most with a phone); 0.3 % list a spouse who is a customer on file too (a couple filed
//       separately: one's phone is the other's family member's phone, yet two people). The planted
//       second records: 40 % the same name and a new mobile ending in the same 4 digits, 35 % the
//       same name and birthday with a new mobile, 25 % the same name filed with the phone the first
//       record lists for a family member. Not timed.
//   duplicates_side find <db> <out> <runs>
//       Merges::duplicates for the site, <runs> times; the best time is reported. Then writes the
//       candidates of the last run to <out>, one "id id reasons score" line each, in their order
//       (reasons: the sum of family_phone 1, name_phone_tail 2, name_birthday 4).
//
// Results are printed as "RESULT key=value" lines.
#include "side_support.hpp"
#include "synthetic_archive.hpp"

#include <snowball/merge.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

constexpr unsigned long long n_prefixes = std::size(bench::kMobilePrefixes);

// Common surnames, roughly by frequency, and given-name characters, the popular ones first.
const char* const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田",
    "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚",
    "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白",
    "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺",
    "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "欧阳", "上官"};
const char* const given[] = {
    "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "兰", "霞", "平", "刚", "桂", "华", "建", "国", "文", "辉", "玉", "红", "志", "鹏", "飞",
    "宇", "浩", "然", "子", "涵", "梓", "轩", "欣", "怡", "雨", "萱", "晨", "思", "博", "嘉", "琪", "佳",
    "慧", "俊", "婷", "雪", "梅", "海", "燕", "春", "晓", "东", "亮", "斌", "宁", "帅", "凯", "丹", "阳",
    "鑫", "淑", "珍", "琳", "颖", "倩", "云", "峰", "波", "蕾", "瑶", "璐", "诺", "沐", "睿", "泽", "昊",
    "天", "宏", "毅", "立", "新", "振", "家", "乐", "安", "荣", "成", "德", "永", "胜", "金", "林", "欢"};

using bench::Rng;

// Draws an index by weights 1 / (i + 1)^power (at least `floor`): the popular ones first.
class Weighted {
public:
    Weighted(std::size_t n, double power, double floor) {
        double sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            sum += std::max(floor, 1.0 / std::pow(static_cast<double>(i + 1), power));
            cumulative_.push_back(sum);
        }
    }
    std::size_t draw(Rng& rng) const {
        const double x = rng.real() * cumulative_.back();
        return static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin());
    }

private:
    std::vector<double> cumulative_;
};

struct Birthday {
    bool lunar = false;
    int year = 0;   // 0: not known
    int month = 0;
    int day = 0;
};

struct Relative {
    const char* relation;
    std::string name;
    std::string phone;   // may be empty
};

struct Person {
    std::string name;
    const char* gender;
    std::string mobile;
    std::string landline;   // may be empty
    std::optional<Birthday> birthday;
    std::vector<Relative> family;
};

// Distinct phones: mobiles from a counter through a bijection of 8-digit tails, landlines likewise;
// a mobile with a chosen tail is drawn until it is new.
class Phones {
public:
    std::string mobile() {
        for (;;) {
            const unsigned long long k = next_++;
            const unsigned long long tail = ((k / n_prefixes) * 48271ULL + 12345ULL) % 100000000ULL;
            char buf[16];
            std::snprintf(buf, sizeof buf, "%s%08llu", bench::kMobilePrefixes[k % n_prefixes], tail);
            if (used_.insert(buf).second) return buf;
        }
    }
    std::string mobile_ending(const std::string& like) {
        for (;;) {
            std::string m = mobile();
            used_.erase(m);
            m.replace(m.size() - 4, 4, like.substr(like.size() - 4));
            if (used_.insert(m).second) return m;
        }
    }
    std::string landline() {
        const unsigned long long k = landlines_++;
        char buf[16];
        std::snprintf(buf, sizeof buf, "0571%08llu", (k * 69621ULL + 777777ULL) % 100000000ULL);
        used_.insert(buf);
        return buf;
    }

private:
    unsigned long long next_ = 0, landlines_ = 0;
    std::unordered_set<std::string> used_;
};

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), db, "prepare");
    return s;
}

void bind_text(sqlite3_stmt* s, int i, const std::string& v) { sqlite3_bind_text(s, i, v.c_str(), -1, SQLITE_TRANSIENT); }

enum Planted { tail_kind, birthday_kind, family_kind };
const char* const planted_names[] = {"name_phone_tail", "name_birthday", "family_phone"};

int build(const std::string& path, long long customers, unsigned long long seed, const std::string& truth_path) {
    using namespace snowball;
    const auto t0 = bench::Clock::now();
    {
        Archive a = Archive::open(path, bench::open_options());
        a.sites().add({"XH", "西湖印象售楼处", ""});
        for (const char* n : {"王芳", "李娜", "张磊", "刘洋", "陈静", "杨帆"}) a.consultants().add({"XH", n, ""});
    }
    Rng rng(seed);
    const Weighted surname(std::size(surnames), 0.8, 0.01), given_char(std::size(given), 0.5, 0.0);
    Phones phones;
    const auto name = [&] {
        std::string n = surnames[surname.draw(rng)];
        n += given[given_char.draw(rng)];
        if (rng.real() < 0.8) n += given[given_char.draw(rng)];
        return n;
    };
    const auto birthday = [&] {
        Birthday b;
        b.lunar = rng.real() < 0.1;
        b.year = rng.real() < 0.05 ? 0 : 1950 + static_cast<int>(rng.below(51));
        b.month = 1 + static_cast<int>(rng.below(12));
        b.day = 1 + static_cast<int>(rng.below(28));
        return b;
    };
    const auto relative = [&](const char* relation, double with_phone) {
        return Relative{relation, name(), rng.real() < with_phone ? phones.mobile() : std::string()};
    };

    // Which records are second records, and of whom: the second filing comes later.
    const long long dups = customers / 50;
    std::vector<long long> original(static_cast<std::size_t>(customers) + 1, 0);   // 0: not a second record
    std::vector<char> taken(static_cast<std::size_t>(customers) + 1, 0);
    for (long long made = 0; made < dups;) {
        const long long d = customers / 10 + 1 + static_cast<long long>(rng.below(static_cast<unsigned long long>(customers - customers / 10)));
        if (taken[d]) continue;
        taken[d] = 1;
        original[d] = -1;
        ++made;
    }
    for (long long d = 1; d <= customers; ++d) {
        if (original[d] != -1) continue;
        for (;;) {
            const long long o = 1 + static_cast<long long>(rng.below(static_cast<unsigned long long>(d - 1)));
            if (taken[o]) continue;
            taken[o] = 1;
            original[d] = o;
            break;
        }
    }

    std::vector<Person> people(static_cast<std::size_t>(customers) + 1);
    for (long long i = 1; i <= customers; ++i) {
        if (original[i]) continue;
        Person& p = people[i];
        p.name = name();
        p.gender = rng.real() < 0.5 ? "male" : "female";
        p.mobile = phones.mobile();
        if (rng.real() < 0.08) p.landline = phones.landline();
        if (rng.real() < 0.45) p.birthday = birthday();
        if (rng.real() < 0.35) p.family.push_back(relative("spouse", 0.8));
        if (rng.real() < 0.15) p.family.push_back(relative(rng.real() < 0.5 ? "child" : "mother", 0.6));
    }
    std::ofstream truth(truth_path);
    long long planted[3] = {0, 0, 0};
    for (long long d = 1; d <= customers; ++d) {
        if (!original[d]) continue;
        Person& o = people[original[d]];
        Person& p = people[d];
        p.name = o.name;
        p.gender = o.gender;
        const double x = rng.real();
        const Planted kind = x < 0.40 ? tail_kind : x < 0.75 ? birthday_kind : family_kind;
        if (kind == tail_kind) {
            p.mobile = phones.mobile_ending(o.mobile);
        } else if (kind == birthday_kind) {
            if (!o.birthday) o.birthday = birthday();
            p.birthday = o.birthday;
            p.mobile = phones.mobile();
        } else {
            const Relative* with_phone = nullptr;
            for (const Relative& r : o.family)
                if (!r.phone.empty()) with_phone = &r;
            if (!with_phone) {
                o.family.push_back(relative("spouse", 1.0));
                with_phone = &o.family.back();
            }
            p.mobile = with_phone->phone;
        }
        ++planted[kind];
        truth << original[d] << ' ' << d << ' ' << planted_names[kind] << '\n';
    }
    // Couples filed separately: one lists the other, a customer too, as their spouse.
    long long couples = 0;
    for (long long made = 0; made < customers * 3 / 1000;) {
        const long long x = 1 + static_cast<long long>(rng.below(static_cast<unsigned long long>(customers)));
        const long long y = 1 + static_cast<long long>(rng.below(static_cast<unsigned long long>(customers)));
        if (x == y || original[x] || original[y]) continue;
        people[x].family.push_back(Relative{"spouse", people[y].name, people[y].mobile});
        ++made;
        ++couples;
    }
    truth.close();
    if (!truth) throw std::runtime_error("cannot write " + truth_path);

    sqlite3* db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db, "open");
    check(sqlite3_exec(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* c = prepare(db, "INSERT INTO customers(id, site_id, archive_no, channel, name, gender, mobile, consultant_id, "
                                  "first_contact, filed_at, updated_at, birth_calendar, birth_year, birth_month, birth_day) "
                                  "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt* ph = prepare(db, "INSERT INTO customer_phones(phone, site_id, customer_id, kind) VALUES (?, 1, ?, ?)");
    sqlite3_stmt* f = prepare(db, "INSERT INTO family_members(customer_id, relation, name, phone, created_at, updated_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?)");
    const Date today = today_in_china();
    long long phone_rows = 0, family_rows = 0;
    for (long long i = 1; i <= customers; ++i) {
        const Person& p = people[i];
        const std::string first = to_iso(today - boost::gregorian::days(static_cast<long>((customers - i) * 1500 / customers)));
        const std::string at = first + "T02:00:00Z";
        char no[32];
        std::snprintf(no, sizeof no, "XH-%08lld", i);
        sqlite3_bind_int64(c, 1, i);
        bind_text(c, 2, no);
        sqlite3_bind_text(c, 3, i % 3 == 0 ? "visit" : i % 3 == 1 ? "call" : "lead", -1, SQLITE_STATIC);
        bind_text(c, 4, p.name);
        sqlite3_bind_text(c, 5, p.gender, -1, SQLITE_STATIC);
        bind_text(c, 6, p.mobile);
        sqlite3_bind_int64(c, 7, 1 + i % 6);
        bind_text(c, 8, first);
        bind_text(c, 9, at);
        bind_text(c, 10, at);
        if (p.birthday) {
            sqlite3_bind_text(c, 11, p.birthday->lunar ? "lunar" : "gregorian", -1, SQLITE_STATIC);
            if (p.birthday->year) sqlite3_bind_int(c, 12, p.birthday->year);
            else sqlite3_bind_null(c, 12);
            sqlite3_bind_int(c, 13, p.birthday->month);
            sqlite3_bind_int(c, 14, p.birthday->day);
        } else {
            for (int k = 11; k <= 14; ++k) sqlite3_bind_null(c, k);
        }
        check(sqlite3_step(c), db, "customer");
        sqlite3_reset(c);
        for (const auto& [number, kind] : {std::pair<const std::string*, const char*>{&p.mobile, "mobile"}, {&p.landline, "home"}}) {
            if (number->empty()) continue;
            bind_text(ph, 1, *number);
            sqlite3_bind_int64(ph, 2, i);
            sqlite3_bind_text(ph, 3, kind, -1, SQLITE_STATIC);
            check(sqlite3_step(ph), db, "phone");
            sqlite3_reset(ph);
            ++phone_rows;
        }
        for (const Relative& r : p.family) {
            sqlite3_bind_int64(f, 1, i);
            sqlite3_bind_text(f, 2, r.relation, -1, SQLITE_STATIC);
            bind_text(f, 3, r.name);
            bind_text(f, 4, r.phone);
            bind_text(f, 5, at);
            bind_text(f, 6, at);
            check(sqlite3_step(f), db, "family member");
            sqlite3_reset(f);
            ++family_rows;
        }
    }
    sqlite3_finalize(c);
    sqlite3_finalize(ph);
    sqlite3_finalize(f);
    check(sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE); ANALYZE", nullptr, nullptr, nullptr), db, "commit");
    sqlite3_close(db);
    std::printf("RESULT customers=%lld\nRESULT phones=%lld\nRESULT family_members=%lld\nRESULT couples=%lld\n", customers,
                phone_rows, family_rows, couples);
    for (int k = 0; k < 3; ++k) std::printf("RESULT planted_%s=%lld\n", planted_names[k], planted[k]);
    std::printf("RESULT seconds=%.1f\n", bench::seconds_since(t0));
    return 0;
}

int find(const std::string& path, const std::string& out_path, int runs) {
    using namespace snowball;
    Archive a = Archive::open(path, bench::open_options(false));
    DuplicateQuery q;
    q.site = "XH";
    std::vector<DuplicateCandidate> found;
    double best = 0;
    for (int run = 0; run < runs; ++run) {
        const auto t0 = bench::Clock::now();
        found = a.merges().duplicates(q);
        const double s = bench::seconds_since(t0);
        std::printf("RESULT run%d_ms=%.1f\n", run + 1, s * 1e3);
        if (run == 0 || s < best) best = s;
    }
    std::FILE* out = std::fopen(out_path.c_str(), "w");
    if (!out) throw std::runtime_error("cannot write " + out_path);
    for (const DuplicateCandidate& c : found) {
        int reasons = 0;
        for (const DuplicateReason& r : c.reasons)
            reasons |= r.key == "family_phone" ? 1 : r.key == "name_phone_tail" ? 2 : r.key == "name_birthday" ? 4 : 0;
        std::fprintf(out, "%lld %lld %d %.3f\n", static_cast<long long>(c.ids[0]), static_cast<long long>(c.ids[1]), reasons, c.score);
    }
    if (std::fclose(out) != 0) throw std::runtime_error("cannot write " + out_path);
    std::printf("RESULT ms=%.1f\nRESULT candidates=%zu\n", best * 1e3, found.size());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    return bench::side_main(argc, argv, "duplicates_side",
                            "usage: duplicates_side build <db> <customers> <seed> <truth> | find <db> <out> <runs>\n",
                            [](const std::vector<std::string>& args) {
                                if (args.size() == 5 && args[0] == "build")
                                    return build(args[1], std::atoll(args[2].c_str()), std::strtoull(args[3].c_str(), nullptr, 10), args[4]);
                                if (args.size() == 4 && args[0] == "find") return find(args[1], args[2], std::atoi(args[3].c_str()));
                                return -1;
                            });
}
