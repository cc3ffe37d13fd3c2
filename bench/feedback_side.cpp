// The survey-statistics benchmark (bench/bench_feedback.py, docs/BENCHMARKS.md "Surveys"):
// Surveys::stats side by side with a hand-written SQL aggregate over the same tables.
//
//   feedback_side build <db> <customers> <responses> <batch>
//       A new archive (WAL, synchronous_full = false): the site XH, six consultants, <customers>
//       customers through Customers::add_many (10,000 per call; bench/synthetic_archive.hpp), the
//       low-score tickets switched off (closing the loop is not what this measures), one survey —
//       a 1-5 rating, a 0-10 likelihood to recommend and a single choice of four options — and
//       <responses> responses to it through Surveys::respond_many, <batch> per call: customers
//       drawn at random (so spread over the six consultants and none), days spread over 30 months,
//       the three channels, and each question left unanswered now and then (partial answers).
//       Not timed by the benchmark (the rate is printed for information).
//   feedback_side stats <db> <runs>
//       A fresh process opens the archive and, <runs> times each, alternating, computes
//         snowball  Surveys::stats(survey) through the C++ API: every number of SurveyStats;
//         sql       a hand-written aggregate on a raw SQLite connection to the same file, written
//                   for this survey's three questions: two GROUP BY queries — the answers counted
//                   per month, question and value, the responses per month and channel — in the
//                   fastest form we found (see kAnswersSql), then the same arithmetic in C++
//                   (means, distributions, CSAT, NPS and its 95 % interval, the trend by month).
//       Timed: each computation, best of <runs>. Then checks that both give the same numbers
//       (counts equal, every mean, share and interval within 1e-9) and prints them.
//
// Results are printed as "RESULT key=value" lines.
#include "side_support.hpp"
#include "synthetic_archive.hpp"

#include <snowball/snowball.hpp>

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using bench::Clock;
using bench::cpu_seconds;
using bench::seconds_since;
using snowball::Date;

constexpr std::uint64_t kSeed = 20261127;
constexpr const char* kChoices[] = {"ad", "friend", "web", "event"};
// The responses fall on the days of these 30 months (all in the past, whatever the clock says).
Date first_response_day() { return Date(2024, 1, 1); }
Date last_response_day() { return Date(2026, 6, 30); }

snowball::Question question(const char* key, const char* text, snowball::QuestionType type, const char* topic) {
    snowball::Question q;
    q.key = key;
    q.text = text;
    q.type = type;
    q.topic = topic;
    return q;
}

int build(const std::string& path, std::uint64_t customers, std::uint64_t responses, std::size_t batch) {
    snowball::Archive archive = snowball::Archive::open(path, bench::open_options(true));
    bench::add_site_and_consultants(archive);
    const auto setup = Clock::now();
    const bench::ArchiveShape shape;
    const bench::Filed filed = bench::file_customers(archive, shape, 0, customers);
    const double filing_seconds = seconds_since(setup);

    snowball::FeedbackSettingsUpdate off;
    off.low_rating5 = std::optional<int>();
    off.low_nps = std::optional<int>();
    archive.feedback().update_settings(bench::kSiteCode, off);

    snowball::NewSurvey s;
    s.title = "交付满意度调查";
    s.site = bench::kSiteCode;
    s.questions = {question("quality", "您对房屋质量的满意度", snowball::QuestionType::rating5, "property"),
                   question("recommend", "您向亲友推荐本项目的可能性", snowball::QuestionType::nps, "service"),
                   question("heard", "您从何得知本项目", snowball::QuestionType::single, "marketing")};
    for (const char* o : kChoices) s.questions.back().options.push_back({o, ""});
    const snowball::Survey survey = archive.surveys().create(s);

    // Customer ids are 1..customers (a new archive files them in order).
    const int days = (last_response_day() - first_response_day()).days() + 1;
    static const int rating_weights[] = {4, 6, 15, 40, 35};                      // 1..5
    static const int nps_weights[] = {2, 1, 1, 2, 2, 4, 6, 12, 20, 25, 25};      // 0..10
    const auto weighted = [](bench::Rng& r, const int* weights, int n) {
        int total = 0;
        for (int i = 0; i < n; ++i) total += weights[i];
        int x = static_cast<int>(r.below(static_cast<std::uint64_t>(total)));
        for (int i = 0; i < n; ++i) {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return n - 1;
    };
    std::uint64_t written = 0, answers = 0;
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    for (std::uint64_t first = 0; first < responses; first += batch) {
        const std::uint64_t end = std::min<std::uint64_t>(responses, first + batch);
        std::vector<snowball::NewResponse> chunk;
        chunk.reserve(end - first);
        for (std::uint64_t k = first; k < end; ++k) {
            bench::Rng r(kSeed, 9, k);
            snowball::NewResponse n;
            n.survey_id = survey.id;
            n.customer_id = static_cast<std::int64_t>(r.below(filed.customers)) + 1;
            n.date = first_response_day() + boost::gregorian::days(static_cast<long>(r.below(static_cast<std::uint64_t>(days))));
            n.channel = static_cast<snowball::SurveyChannel>(r.below(3));
            const bool quality = r.chance(0.95), recommend = r.chance(0.9), heard = r.chance(0.8);
            if (quality || !(recommend || heard)) n.answers["quality"] = std::int64_t{weighted(r, rating_weights, 5) + 1};
            if (recommend) n.answers["recommend"] = std::int64_t{weighted(r, nps_weights, 11)};
            if (heard) n.answers["heard"] = std::string(kChoices[r.below(4)]);
            answers += n.answers.size();
            chunk.push_back(std::move(n));
        }
        written += archive.surveys().respond_many(chunk).size();
    }
    const double elapsed = seconds_since(start), cpu = cpu_seconds() - cpu_start;
    std::printf("RESULT survey_id=%lld\nRESULT customers=%llu\nRESULT deals=%llu\nRESULT filing_seconds=%.3f\n",
                static_cast<long long>(survey.id), static_cast<unsigned long long>(filed.customers),
                static_cast<unsigned long long>(filed.deals), filing_seconds);
    std::printf("RESULT responses=%llu\nRESULT answers=%llu\nRESULT respond_seconds=%.3f\nRESULT respond_cpu_seconds=%.3f\n"
                "RESULT respond_rate=%.1f\n",
                static_cast<unsigned long long>(written), static_cast<unsigned long long>(answers), elapsed, cpu,
                static_cast<double>(written) / elapsed);
    return 0;
}

// ---------------------------------------------------------------------------------------------
// The numbers both sides give, in one shape for the comparison.

struct Nps {
    double nps = 0, low = 0, high = 0;
    std::int64_t promoters = 0, passives = 0, detractors = 0;
};

struct Numbers {
    std::int64_t responses = 0;
    std::int64_t csat_answers = 0;
    std::optional<double> csat;
    std::optional<Nps> nps;
    std::map<std::string, std::int64_t> answered;                       // by question
    std::map<std::string, std::optional<double>> mean;                  // rating5, nps
    std::map<std::string, std::vector<std::pair<std::string, std::int64_t>>> distribution;
    struct Month {
        std::int64_t responses = 0;
        std::optional<double> csat, nps;
    };
    std::map<std::string, Month> trend;
    std::array<std::int64_t, 3> channels{};                             // responses by channel
};

Numbers from_snowball(const snowball::SurveyStats& s) {
    Numbers n;
    n.responses = s.responses;
    n.csat_answers = s.csat_answers;
    n.csat = s.csat;
    if (s.nps) n.nps = Nps{s.nps->nps, s.nps->ci_low, s.nps->ci_high, s.nps->promoters, s.nps->passives, s.nps->detractors};
    for (const snowball::QuestionStats& q : s.questions) {
        n.answered[q.key] = q.answered;
        if (q.type == snowball::QuestionType::rating5 || q.type == snowball::QuestionType::nps) n.mean[q.key] = q.mean;
        for (const snowball::ValueCount& v : q.distribution) n.distribution[q.key].push_back({v.value, v.count});
    }
    for (const snowball::MonthStats& m : s.trend) n.trend[m.month] = {m.responses, m.csat, m.nps};
    for (const snowball::ChannelStats& c : s.channels) n.channels[static_cast<std::size_t>(c.channel)] = c.responses;
    return n;
}

// ---------------------------------------------------------------------------------------------
// The SQL side

class Raw {
public:
    explicit Raw(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
        exec("PRAGMA foreign_keys = ON");
        exec("PRAGMA busy_timeout = 10000");
    }
    ~Raw() { sqlite3_close_v2(db_); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;
    void exec(const char* sql) {
        if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
    }
    sqlite3_stmt* prepare(const char* sql) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(db_));
        return s;
    }
    bool step(sqlite3_stmt* s) {
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(sqlite3_errmsg(db_));
    }

private:
    sqlite3* db_ = nullptr;
};

// The same formulas as the issue states them: CSAT = % of 1-5 answers that are 4 or 5; NPS = %
// promoters (9-10) − % detractors (0-6), its 95 % interval the normal approximation of a difference
// of two multinomial proportions.
std::optional<Nps> nps_of(std::int64_t promoters, std::int64_t passives, std::int64_t detractors) {
    const std::int64_t n = promoters + passives + detractors;
    if (n == 0) return std::nullopt;
    const double p = static_cast<double>(promoters) / static_cast<double>(n);
    const double d = static_cast<double>(detractors) / static_cast<double>(n);
    const double nps = 100 * (p - d);
    const double se = 100 * std::sqrt((p * (1 - p) + d * (1 - d) + 2 * p * d) / static_cast<double>(n));
    return Nps{nps, std::max(-100.0, nps - 1.959963984540054 * se), std::min(100.0, nps + 1.959963984540054 * se), promoters,
               passives, detractors};
}

std::optional<double> csat_of(std::int64_t satisfied, std::int64_t answers) {
    if (answers == 0) return std::nullopt;
    return 100.0 * static_cast<double>(satisfied) / static_cast<double>(answers);
}

// The answers counted per month, question and value. The archive holds this one survey, so the join
// reads both tables in rowid order (NOT INDEXED, CROSS JOIN: responses outside, their answers, stored
// by response id, inside), then sorts the rows into groups: 3.7 s here against 5.9 s for the same
// counts read in the order of the (survey_id, responded_on) index and grouped per day without a sort
// (both measured on this data set).
constexpr const char* kAnswersSql =
    "SELECT substr(r.responded_on, 1, 7), a.question, a.score, a.choice, count(*) "
    "FROM survey_responses r NOT INDEXED CROSS JOIN survey_answers a ON a.response_id = r.id "
    "WHERE r.survey_id = ?1 GROUP BY 1, 2, 3, 4";
// The responses per month and channel (every response has at least one answer), likewise in rowid
// order (0.7 s against 2.2 s by the index).
constexpr const char* kResponsesSql =
    "SELECT substr(responded_on, 1, 7), count(*), sum(channel = 'letter'), sum(channel = 'phone'), sum(channel = 'online') "
    "FROM survey_responses NOT INDEXED WHERE survey_id = ?1 GROUP BY 1";

Numbers sql_stats(Raw& db, std::int64_t survey_id) {
    struct Counts {
        std::array<std::int64_t, 6> quality{};     // 1..5
        std::array<std::int64_t, 11> recommend{};  // 0..10
        std::array<std::int64_t, 4> heard{};
        std::int64_t responses = 0;
    };
    std::map<std::string, Counts> months;
    Numbers n;
    {
        sqlite3_stmt* q = db.prepare(kAnswersSql);
        sqlite3_bind_int64(q, 1, survey_id);
        while (db.step(q)) {
            Counts& month = months[reinterpret_cast<const char*>(sqlite3_column_text(q, 0))];
            const char* key = reinterpret_cast<const char*>(sqlite3_column_text(q, 1));
            const std::int64_t count = sqlite3_column_int64(q, 4);
            if (std::strcmp(key, "quality") == 0) {
                month.quality.at(static_cast<std::size_t>(sqlite3_column_int(q, 2))) += count;
            } else if (std::strcmp(key, "recommend") == 0) {
                month.recommend.at(static_cast<std::size_t>(sqlite3_column_int(q, 2))) += count;
            } else if (std::strcmp(key, "heard") == 0) {
                const char* choice = reinterpret_cast<const char*>(sqlite3_column_text(q, 3));
                std::size_t v = 0;
                while (v < 4 && std::strcmp(choice, kChoices[v]) != 0) ++v;
                month.heard.at(v) += count;
            } else {
                throw std::runtime_error(std::string("an answer to an unknown question: ") + key);
            }
        }
        sqlite3_finalize(q);
    }
    {
        sqlite3_stmt* q = db.prepare(kResponsesSql);
        sqlite3_bind_int64(q, 1, survey_id);
        while (db.step(q)) {
            months[reinterpret_cast<const char*>(sqlite3_column_text(q, 0))].responses += sqlite3_column_int64(q, 1);
            for (int c = 0; c < 3; ++c) n.channels[static_cast<std::size_t>(c)] += sqlite3_column_int64(q, 2 + c);
        }
        sqlite3_finalize(q);
    }
    Counts all;
    for (const auto& [key, m] : months) {
        for (std::size_t v = 0; v < m.quality.size(); ++v) all.quality[v] += m.quality[v];
        for (std::size_t v = 0; v < m.recommend.size(); ++v) all.recommend[v] += m.recommend[v];
        for (std::size_t v = 0; v < m.heard.size(); ++v) all.heard[v] += m.heard[v];
        all.responses += m.responses;
        const std::int64_t rated = m.quality[1] + m.quality[2] + m.quality[3] + m.quality[4] + m.quality[5];
        std::int64_t promoters = m.recommend[9] + m.recommend[10], passives = m.recommend[7] + m.recommend[8], detractors = 0;
        for (std::size_t v = 0; v <= 6; ++v) detractors += m.recommend[v];
        const auto nps = nps_of(promoters, passives, detractors);
        n.trend[key] = {m.responses, csat_of(m.quality[4] + m.quality[5], rated),
                        nps ? std::optional<double>(nps->nps) : std::nullopt};
    }
    n.responses = all.responses;
    std::int64_t rated = 0, sum = 0, nps_answers = 0, nps_sum = 0, heard = 0;
    for (int v = 1; v <= 5; ++v) {
        rated += all.quality[static_cast<std::size_t>(v)];
        sum += v * all.quality[static_cast<std::size_t>(v)];
        n.distribution["quality"].push_back({std::to_string(v), all.quality[static_cast<std::size_t>(v)]});
    }
    for (int v = 0; v <= 10; ++v) {
        nps_answers += all.recommend[static_cast<std::size_t>(v)];
        nps_sum += v * all.recommend[static_cast<std::size_t>(v)];
        n.distribution["recommend"].push_back({std::to_string(v), all.recommend[static_cast<std::size_t>(v)]});
    }
    for (std::size_t v = 0; v < 4; ++v) {
        heard += all.heard[v];
        n.distribution["heard"].push_back({kChoices[v], all.heard[v]});
    }
    n.answered = {{"quality", rated}, {"recommend", nps_answers}, {"heard", heard}};
    n.mean["quality"] = rated ? std::optional<double>(static_cast<double>(sum) / static_cast<double>(rated)) : std::nullopt;
    n.mean["recommend"] =
        nps_answers ? std::optional<double>(static_cast<double>(nps_sum) / static_cast<double>(nps_answers)) : std::nullopt;
    n.csat_answers = rated;
    n.csat = csat_of(all.quality[4] + all.quality[5], rated);
    std::int64_t detractors = 0;
    for (std::size_t v = 0; v <= 6; ++v) detractors += all.recommend[v];
    n.nps = nps_of(all.recommend[9] + all.recommend[10], all.recommend[7] + all.recommend[8], detractors);
    return n;
}

// ---------------------------------------------------------------------------------------------

bool close(const std::optional<double>& a, const std::optional<double>& b) {
    if (!a || !b) return !a && !b;
    return std::fabs(*a - *b) <= 1e-9 * std::max(1.0, std::fabs(*a));
}

// "" when both sides agree, else what differs first.
std::string difference(const Numbers& a, const Numbers& b) {
    if (a.responses != b.responses) return "responses";
    if (a.csat_answers != b.csat_answers || !close(a.csat, b.csat)) return "csat";
    if (a.nps.has_value() != b.nps.has_value()) return "nps";
    if (a.nps && (!close(a.nps->nps, b.nps->nps) || !close(a.nps->low, b.nps->low) || !close(a.nps->high, b.nps->high) ||
                  a.nps->promoters != b.nps->promoters || a.nps->passives != b.nps->passives ||
                  a.nps->detractors != b.nps->detractors))
        return "nps";
    if (a.answered != b.answered) return "answered";
    if (a.distribution != b.distribution) return "distribution";
    if (a.mean.size() != b.mean.size()) return "means";
    for (const auto& [key, mean] : a.mean)
        if (!b.mean.count(key) || !close(mean, b.mean.at(key))) return "mean of " + key;
    if (a.trend.size() != b.trend.size()) return "trend";
    for (const auto& [month, m] : a.trend) {
        const auto it = b.trend.find(month);
        if (it == b.trend.end() || it->second.responses != m.responses || !close(m.csat, it->second.csat) ||
            !close(m.nps, it->second.nps))
            return "trend " + month;
    }
    if (a.channels != b.channels) return "channels";
    return "";
}

int stats(const std::string& path, int runs) {
    snowball::Archive archive = snowball::Archive::open(path, bench::open_options(false));
    const std::vector<snowball::Survey> surveys = archive.surveys().list(bench::kSiteCode);
    if (surveys.size() != 1) throw std::runtime_error("expected one survey in " + path);
    const std::int64_t survey_id = surveys.front().id;
    Raw raw(path);

    double best_snowball = 1e300, best_sql = 1e300, cpu_snowball = 0, cpu_sql = 0;
    std::vector<double> snowball_runs, sql_runs;
    Numbers ours, theirs;
    for (int run = 0; run < runs; ++run) {
        // Alternating, so that neither side always comes first after the other warmed the cache.
        for (int side = 0; side < 2; ++side) {
            const bool snowball_side = (side == 0) == (run % 2 == 0);
            const double cpu0 = cpu_seconds();
            const auto t = Clock::now();
            if (snowball_side) {
                const snowball::SurveyStats s = archive.surveys().stats(survey_id);
                const double elapsed = seconds_since(t);
                ours = from_snowball(s);
                snowball_runs.push_back(elapsed);
                if (elapsed < best_snowball) {
                    best_snowball = elapsed;
                    cpu_snowball = cpu_seconds() - cpu0;
                }
            } else {
                theirs = sql_stats(raw, survey_id);
                const double elapsed = seconds_since(t);
                sql_runs.push_back(elapsed);
                if (elapsed < best_sql) {
                    best_sql = elapsed;
                    cpu_sql = cpu_seconds() - cpu0;
                }
            }
        }
    }
    const std::string differs = difference(ours, theirs);
    if (!differs.empty()) throw std::runtime_error("Surveys::stats and the SQL aggregate disagree: " + differs);

    std::printf("RESULT survey_id=%lld\nRESULT responses=%lld\nRESULT answers=%lld\n", static_cast<long long>(survey_id),
                static_cast<long long>(ours.responses),
                static_cast<long long>(ours.answered["quality"] + ours.answered["recommend"] + ours.answered["heard"]));
    std::printf("RESULT csat=%.6f\nRESULT nps=%.6f\nRESULT nps_low=%.6f\nRESULT nps_high=%.6f\n", *ours.csat, ours.nps->nps,
                ours.nps->low, ours.nps->high);
    std::printf("RESULT mean_quality=%.6f\nRESULT mean_recommend=%.6f\nRESULT months=%zu\n", *ours.mean["quality"],
                *ours.mean["recommend"], ours.trend.size());
    std::printf("RESULT snowball_seconds=%.6f\nRESULT sql_seconds=%.6f\n", best_snowball, best_sql);
    std::printf("RESULT snowball_cpu_seconds=%.6f\nRESULT sql_cpu_seconds=%.6f\n", cpu_snowball, cpu_sql);
    const auto list = [](const std::vector<double>& v) {
        std::string out;
        for (double x : v) out += (out.empty() ? "" : "/") + std::to_string(x).substr(0, 5);
        return out;
    };
    std::printf("RESULT snowball_runs=%s\nRESULT sql_runs=%s\n", list(snowball_runs).c_str(), list(sql_runs).c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() == 5 && args[0] == "build")
            return build(args[1], std::strtoull(args[2].c_str(), nullptr, 10), std::strtoull(args[3].c_str(), nullptr, 10),
                         static_cast<std::size_t>(std::atol(args[4].c_str())));
        if (args.size() == 3 && args[0] == "stats") return stats(args[1], std::max(1, std::atoi(args[2].c_str())));
        std::cerr << "usage: feedback_side build <db> <customers> <responses> <batch>\n"
                     "       feedback_side stats <db> <runs>\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "feedback_side: " << e.what() << "\n";
        return 1;
    }
}
