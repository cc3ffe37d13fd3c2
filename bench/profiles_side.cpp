// The Snowball side of the profile and briefing benchmarks of `make bench` (bench/bench_profiles.py,
// docs/BENCHMARKS.md "Profiles"); bench/profiles_sqlite_side.c is its raw-SQLite peer.
//
//   profiles_side build <db> <customers> <seed>
//       A new archive (WAL, synchronous_full = false): the site XH, six consultants, <customers>
//       customers through Customers::add_many (10,000 per call) and the owners' deals (5 %) through
//       Customers::record_deal (bench/synthetic_archive.hpp), and each customer's separate consent to
//       sensitive information (plain SQL). Not timed by the benchmark.
//   profiles_side values <values.tsv> <customers> <seed>
//       Writes 10 profile values for each customer id 1..<customers>: text, long text, single
//       choice, multiple choice and yes/no fields, one line per customer, fields in key order.
//   profiles_side write <db> <values.tsv> <batch> <by>
//       Sets them through Profiles::set_many, <batch> customers per call (one transaction each),
//       recorded as changed by consultant <by>. Timed: the set_many calls only (building each
//       call's FieldValue maps is not).
//   profiles_side populate <db> <family_per_customer> <visit_share> <seed>
//       Adds family members and extra visits with plain SQL (bench/synthetic_archive.hpp says why).
//   profiles_side brief <db> <phones.txt> <warmup>
//       Briefings::by_phone(phone, "XH") for each phone: the mean over one timed loop, then p50/p99
//       from a second pass timing each call.
//
// Results are printed as "RESULT key=value" lines for bench/bench_profiles.py.
#include "side_support.hpp"
#include "synthetic_archive.hpp"

#include <snowball/snowball.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using bench::Clock;
using bench::cpu_seconds;
using bench::seconds_since;
using bench::split;

int build(const std::string& db, std::uint64_t customers, std::uint64_t seed) {
    bench::ArchiveShape shape;
    shape.seed = seed;
    const auto start = Clock::now();
    bench::Filed filed;
    {
        snowball::Archive archive = snowball::Archive::open(db, bench::open_options(true));
        bench::add_site_and_consultants(archive);
        filed = bench::file_customers(archive, shape, 0, customers);
    }
    // Every customer has given the separate consent to sensitive information on paper (the
    // written fields include current_residence, a financial one, which needs it): one ledger entry
    // each, with plain SQL as an import of the office's paper forms would make them.
    {
        bench::RawDb raw(db);
        raw.exec("INSERT INTO consents(customer_id, purpose, sensitive, notice_version, channel, proof, recorded_by, "
                 "recorded_at) SELECT id, 'service', 1, '2026-01', 'paper', 'form', 'host', '2026-01-01T00:00:00Z' "
                 "FROM customers");
    }
    std::printf("RESULT customers=%" PRIu64 "\nRESULT deals=%" PRIu64 "\nRESULT seconds=%.3f\n", filed.customers,
                filed.deals, seconds_since(start));
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Profile values

// The fields set, in key order (the order Profiles::set applies a customer's values in), with the
// type the template gives them.
struct FieldSpec {
    const char* key;
    const char* type;   // text, long_text, single, multi, yes_no
    std::vector<const char*> options;   // choice fields: option keys in template order
};

const std::vector<FieldSpec>& field_specs() {
    static const std::vector<FieldSpec> specs{
        {"cares_about_neighbours", "yes_no", {}},
        {"company", "text", {}},
        {"current_residence", "long_text", {}},
        {"drinking", "multi", {"baijiu", "wine", "beer", "huangjiu", "spirits", "none_tolerant", "none_objects"}},
        {"favourite_cuisine", "multi", {"chinese", "western", "sichuan", "cantonese", "hunan", "jiangzhe", "shandong",
                                        "northeastern", "hotpot", "japanese", "korean", "vegetarian"}},
        {"marital_status", "single", {"single", "married", "divorced", "widowed"}},
        {"native_place", "text", {}},
        {"position", "text", {}},
        {"purchase_reason", "multi", {"first_home", "upgrade", "investment", "school_district", "for_parents",
                                      "for_marriage", "relocation", "other"}},
        {"sociability", "single", {"very_keen", "keen", "average", "not_keen"}},
    };
    return specs;
}

constexpr const char* kPlaces[] = {"浙江杭州", "浙江宁波", "浙江温州", "浙江绍兴", "浙江金华", "江苏苏州", "江苏南京", "上海",
                                   "安徽合肥", "江西上饶", "福建福州", "山东济南", "河南郑州", "湖北武汉", "湖南长沙", "四川成都",
                                   "广东广州", "北京", "黑龙江哈尔滨", "陕西西安"};
constexpr const char* kCompanies[] = {"海康", "恒生", "华数", "银江", "新华", "东方", "锦江", "西子", "之江", "钱塘"};
constexpr const char* kTrades[] = {"科技有限公司", "电子股份有限公司", "贸易有限公司", "建设集团", "医药有限公司", "律师事务所"};
constexpr const char* kStreets[] = {"西湖区文三路", "滨江区江南大道", "上城区解放路", "拱墅区莫干山路", "余杭区文一西路"};
constexpr const char* kPositions[] = {"总经理", "副总经理", "部门经理", "项目经理", "工程师", "教师", "医生", "公务员",
                                      "个体经营", "财务总监", "销售总监", "律师", "自由职业", "退休"};
constexpr const char* kCommunities[] = {"翠苑一区", "嘉绿苑", "金色海岸", "桂花城", "绿城西溪诚园", "万科良渚文化村",
                                        "滨江金色家园", "天阳明珠", "阳光海岸"};
constexpr const char* kFeelings[] = {"已升值，满意", "已升值，但嫌面积小", "未升值，想换学区", "对物业不满意", "离公司太远"};

int values(const std::string& path, std::uint64_t customers, std::uint64_t seed) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << "#fields";
    for (const FieldSpec& f : field_specs()) out << '\t' << f.key << ':' << f.type;
    out << '\n';
    std::string line;
    for (std::uint64_t id = 1; id <= customers; ++id) {
        bench::Rng r(seed, 10, id);
        line = std::to_string(id);
        for (const FieldSpec& f : field_specs()) {
            line += '\t';
            const std::string type = f.type;
            if (type == "yes_no") {
                line += r.chance(0.7) ? "yes" : "no";
            } else if (type == "single") {
                line += f.options[r.below(f.options.size())];
            } else if (type == "multi") {
                // 1 to 3 options, in template order, as Snowball normalises them.
                std::vector<bool> chosen(f.options.size(), false);
                const int n = r.between(1, 3);
                for (int k = 0; k < n; ++k) chosen[r.below(f.options.size())] = true;
                bool first = true;
                for (std::size_t k = 0; k < f.options.size(); ++k)
                    if (chosen[k]) {
                        if (!first) line += ',';
                        line += f.options[k];
                        first = false;
                    }
            } else if (std::string(f.key) == "company") {
                line += std::string("杭州") + r.pick(kCompanies) + r.pick(kTrades) + "，" + r.pick(kStreets) +
                        std::to_string(r.between(1, 999)) + "号";
            } else if (std::string(f.key) == "current_residence") {
                line += std::string(r.pick(kCommunities)) + "，" + std::to_string(r.between(1998, 2024)) + "年购入，" +
                        r.pick(kFeelings);
            } else if (std::string(f.key) == "native_place") {
                line += r.pick(kPlaces);
            } else {
                line += r.pick(kPositions);
            }
        }
        line += '\n';
        out << line;
    }
    std::printf("RESULT customers=%" PRIu64 "\n", customers);
    return 0;
}

int write(const std::string& db, const std::string& values_path, std::size_t batch, std::int64_t by) {
    using namespace snowball;
    std::ifstream in(values_path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + values_path);
    std::string header;
    std::getline(in, header);
    const std::vector<std::string> columns = split(header, '\t');
    std::vector<std::pair<std::string, std::string>> fields;   // key, type
    for (std::size_t i = 1; i < columns.size(); ++i) {
        const std::size_t colon = columns[i].find(':');
        fields.push_back({columns[i].substr(0, colon), columns[i].substr(colon + 1)});
    }
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(std::move(line));

    Archive archive = Archive::open(db, bench::open_options(false));
    Profiles& profiles = archive.profiles();
    double elapsed = 0, cpu = 0;
    std::size_t customers = 0, values_set = 0;
    for (std::size_t first = 0; first < lines.size(); first += batch) {
        // The call's input, as an application holds it: customer id → field → typed value.
        std::vector<std::pair<std::int64_t, std::map<std::string, FieldValue>>> updates;
        const std::size_t last = std::min(lines.size(), first + batch);
        updates.reserve(last - first);
        for (std::size_t i = first; i < last; ++i) {
            const std::vector<std::string> cells = split(lines[i], '\t');
            if (cells.size() != fields.size() + 1) throw std::runtime_error("malformed values line: " + lines[i]);
            std::map<std::string, FieldValue> v;
            for (std::size_t k = 0; k < fields.size(); ++k) {
                const std::string& type = fields[k].second;
                const std::string& cell = cells[k + 1];
                if (type == "yes_no") v[fields[k].first] = cell == "yes";
                else if (type == "multi") v[fields[k].first] = split(cell, ',');
                else v[fields[k].first] = cell;
            }
            values_set += v.size();
            updates.push_back({std::atoll(cells[0].c_str()), std::move(v)});
        }
        const auto start = Clock::now();
        const double cpu_start = cpu_seconds();
        profiles.set_many(updates, by);
        elapsed += seconds_since(start);
        cpu += cpu_seconds() - cpu_start;
        customers += updates.size();
    }
    std::printf("RESULT side=snowball\nRESULT customers=%zu\nRESULT values=%zu\nRESULT batch=%zu\n", customers, values_set,
                batch);
    std::printf("RESULT seconds=%.6f\nRESULT cpu_seconds=%.6f\nRESULT rate=%.1f\n", elapsed, cpu,
                static_cast<double>(customers) / elapsed);
    return 0;
}

int populate(const std::string& db, double family_per_customer, double visit_share, std::uint64_t seed) {
    bench::ArchiveShape shape;
    shape.seed = seed;
    const auto start = Clock::now();
    bench::RawDb raw(db);
    sqlite3_stmt* range = raw.prepare("SELECT min(id), max(id) FROM customers");
    sqlite3_step(range);
    const std::int64_t first = sqlite3_column_int64(range, 0), last = sqlite3_column_int64(range, 1);
    sqlite3_finalize(range);
    const std::uint64_t family = bench::add_family(raw, shape, first, last, family_per_customer);
    const std::uint64_t visits = bench::add_visits(raw, shape, first, last, visit_share);
    std::printf("RESULT family_members=%" PRIu64 "\nRESULT visits=%" PRIu64 "\nRESULT seconds=%.3f\n", family, visits,
                seconds_since(start));
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Briefings

// A digest of what a briefing holds, the same as profiles_sqlite_side.c computes from its rows:
// each item's bytes and a '|', a ';' after each briefing.
std::uint64_t add(std::uint64_t h, const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return (h ^ static_cast<unsigned char>('|')) * 1099511628211ULL;
}

std::uint64_t digest(std::uint64_t h, const std::optional<snowball::Briefing>& b) {
    if (!b) return add(h, "-;");
    h = add(h, b->customer.archive_no);
    h = add(h, b->customer.name);
    for (const snowball::Phone& p : b->customer.phones) h = add(h, p.number);
    h = add(h, b->consultant ? b->consultant->name : std::string());
    h = add(h, "F");
    for (const snowball::FamilyMember& m : b->family) h = add(h, m.name);
    h = add(h, "V");
    for (const snowball::Visit& v : b->recent_visits) h = add(h, snowball::to_iso(v.date));
    h = add(h, std::to_string(b->visit_count));
    h = add(h, "D");
    for (const snowball::Deal& d : b->deals) h = add(h, d.unit);
    h = add(h, "P");
    std::vector<std::string> keys;
    for (const snowball::BriefingItem& item : b->profile) keys.push_back(item.key);
    std::sort(keys.begin(), keys.end());
    for (const std::string& k : keys) h = add(h, k);
    return add(h, ";");
}

int brief(const std::string& db, const std::string& phones_path, int warmup) {
    using namespace snowball;
    std::ifstream in(phones_path);
    if (!in) throw std::runtime_error("cannot read " + phones_path);
    std::vector<std::string> phones;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) phones.push_back(line);
    if (phones.empty()) throw std::runtime_error("no phones to look up");
    const std::string site = bench::kSiteCode;

    Archive archive = Archive::open(db, bench::open_options(false));
    Briefings& briefings = archive.briefings();
    for (int i = 0; i < warmup; ++i) (void)briefings.by_phone(phones[static_cast<std::size_t>(i) % phones.size()], site);

    std::uint64_t h = 1469598103934665603ULL;
    std::size_t found = 0, family = 0, profile_items = 0;
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    for (const std::string& phone : phones) {
        const std::optional<Briefing> b = briefings.by_phone(phone, site);
        if (b) {
            ++found;
            family += b->family.size();
            profile_items += b->profile.size();
        }
        h = digest(h, b);
    }
    const double elapsed = seconds_since(start), cpu = cpu_seconds() - cpu_start;

    std::vector<double> each;
    each.reserve(phones.size());
    for (const std::string& phone : phones) {
        const auto t0 = Clock::now();
        (void)briefings.by_phone(phone, site);
        each.push_back(seconds_since(t0));
    }
    std::printf("RESULT side=snowball\nRESULT lookups=%zu\nRESULT found=%zu\nRESULT family=%zu\nRESULT profile_items=%zu\n",
                phones.size(), found, family, profile_items);
    std::printf("RESULT seconds=%.6f\nRESULT cpu_seconds=%.6f\n", elapsed, cpu);
    bench::print_latencies(std::move(each), elapsed, h);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> a(argv + 1, argv + argc);
        if (a.size() == 4 && a[0] == "build") return build(a[1], std::strtoull(a[2].c_str(), nullptr, 10), std::strtoull(a[3].c_str(), nullptr, 10));
        if (a.size() == 4 && a[0] == "values") return values(a[1], std::strtoull(a[2].c_str(), nullptr, 10), std::strtoull(a[3].c_str(), nullptr, 10));
        if (a.size() == 5 && a[0] == "write") {
            const long batch = std::atol(a[3].c_str());
            if (batch < 1) throw std::runtime_error("batch must be positive");
            return write(a[1], a[2], static_cast<std::size_t>(batch), std::atoll(a[4].c_str()));
        }
        if (a.size() == 5 && a[0] == "populate")
            return populate(a[1], std::atof(a[2].c_str()), std::atof(a[3].c_str()), std::strtoull(a[4].c_str(), nullptr, 10));
        if (a.size() == 4 && a[0] == "brief") return brief(a[1], a[2], std::atoi(a[3].c_str()));
        std::cerr << "usage: profiles_side build <db> <customers> <seed>\n"
                     "       profiles_side values <values.tsv> <customers> <seed>\n"
                     "       profiles_side write <db> <values.tsv> <batch> <by>\n"
                     "       profiles_side populate <db> <family_per_customer> <visit_share> <seed>\n"
                     "       profiles_side brief <db> <phones.txt> <warmup>\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "profiles_side: " << e.what() << '\n';
        return 1;
    }
}
