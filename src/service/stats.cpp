// Survey statistics: one pass over the answers in scope (in response id order when the survey's
// responses are dense in their id range, which reads both tables sequentially), counted per question,
// per month and per channel; the scores (mean, distribution, CSAT, NPS and its interval) are then
// computed from the counts.
#include "archive/records.hpp"
#include "codec/feedback.hpp"
#include "common/text.hpp"
#include "service/service_records.hpp"
#include "service/survey_records.hpp"

#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <map>
#include <string_view>
#include <unordered_map>

namespace snowball {

using detail::Query;

namespace {

// A question as the statistics see it: the latest version that asks it gives its text and topic;
// its options are those of every version (the latest first).
struct Tallied {
    Question question;
    bool in_scope = true;
    std::vector<std::int64_t> counts;                 // by scale value (0..5, 0..10) or option index
    std::unordered_map<std::string, int> option_index;
    std::int64_t answered = 0;
    std::int64_t sum = 0;
};

// Counters of one month (or of everything): rating5 answers and those 4-5, nps answers by group.
struct Scores {
    std::int64_t rating5 = 0, satisfied = 0;
    std::int64_t promoters = 0, passives = 0, detractors = 0;
    std::int64_t responses = 0;

    void add(QuestionType type, int score) {
        if (type == QuestionType::rating5) {
            ++rating5;
            if (score >= 4) ++satisfied;
        } else if (type == QuestionType::nps) {
            if (score >= 9) ++promoters;
            else if (score >= 7) ++passives;
            else ++detractors;
        }
    }
    std::optional<double> csat() const {
        if (rating5 == 0) return std::nullopt;
        return 100.0 * static_cast<double>(satisfied) / static_cast<double>(rating5);
    }
};

std::vector<Tallied> merged_questions(detail::Store& store, std::int64_t survey_id, std::optional<int> version) {
    Query q(store, "SELECT key, type, topic, text, options FROM survey_questions WHERE survey_id = ?1 AND (?2 IS NULL OR version = ?2) "
                   "ORDER BY version DESC, position");
    q->bind(1, survey_id);
    detail::bind_optional(*q, 2, version);
    std::vector<Tallied> out;
    std::map<std::string, std::size_t> at;
    while (q->executeStep()) {
        const std::string key = q->getColumn(0).getString();
        const std::vector<QuestionOption> options = codec::read_stored_options(q->getColumn(4).getText());
        auto it = at.find(key);
        if (it == at.end()) {
            Tallied t;
            t.question.key = key;
            t.question.type = parse_question_type(q->getColumn(1).getText());
            t.question.topic = q->getColumn(2).getString();
            t.question.text = q->getColumn(3).getString();
            it = at.emplace(key, out.size()).first;
            out.push_back(std::move(t));
        }
        Tallied& t = out[it->second];
        for (const QuestionOption& o : options)
            if (!t.option_index.count(o.key)) {
                t.option_index.emplace(o.key, static_cast<int>(t.question.options.size()));
                t.question.options.push_back(o);
            }
    }
    for (Tallied& t : out) {
        const QuestionType type = t.question.type;
        t.counts.assign(type == QuestionType::nps ? 11 : type == QuestionType::rating5 ? 6 : t.question.options.size(), 0);
    }
    return out;
}

int month_key(const char* iso) {   // "2025-10-08" → 2025 * 12 + 9
    return ((iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0')) * 12 +
           (iso[5] - '0') * 10 + (iso[6] - '0') - 1;
}

// The scan's statement, on the SQLite C API: the hot loop reads its columns without SQLiteCpp's per-column
// objects.
class RawStatement {
public:
    RawStatement(SQLite::Database& db, const char* sql) : db_(db.getHandle()) {
        if (const int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt_, nullptr); rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
    }
    ~RawStatement() { sqlite3_finalize(stmt_); }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;
    sqlite3_stmt* get() const { return stmt_; }
    void check(int rc) const {
        if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
    }
    bool step() const {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw SQLite::Exception(db_, rc);
    }
    const char* text(int column) const { return reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column)); }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

std::string month_text(int key) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", key / 12, key % 12 + 1);
    return buf;
}

// A stored option key that no version lists any more (kept, counted at the end).
int option_slot(Tallied& t, const std::string& key) {
    auto it = t.option_index.find(key);
    if (it != t.option_index.end()) return it->second;
    const int slot = static_cast<int>(t.question.options.size());
    t.option_index.emplace(key, slot);
    t.question.options.push_back({key, key});
    t.counts.push_back(0);
    return slot;
}

} // namespace

SurveyStats Surveys::stats(std::int64_t survey_id, const StatsQuery& query) const {
    if (query.version && *query.version < 1) throw_invalid("version", "must be a version number (1, 2, ...)");
    if (query.from && query.from->is_special()) throw_invalid("from", "is not a date");
    if (query.to && query.to->is_special()) throw_invalid("to", "is not a date");
    if (query.from && query.to && *query.to < *query.from)
        throw_invalid("to", to_iso(*query.to) + " is before from (" + to_iso(*query.from) + ")");
    const std::string topic = text::lower_ascii(text::trim(query.topic));
    return store_.read([&] {
        detail::require_survey(store_, survey_id, query.version.value_or(0), "survey_id", false);
        std::optional<std::int64_t> site_id;
        if (!text::trim(query.site).empty()) site_id = detail::require_site(store_, query.site, "site").id;
        if (query.consultant_id) detail::require_consultant(store_, *query.consultant_id, "consultant_id");
        std::vector<Tallied> questions = merged_questions(store_, survey_id, query.version);
        if (!topic.empty()) {
            std::string topics;
            bool found = false;
            for (Tallied& t : questions) {
                t.in_scope = t.question.topic == topic;
                found = found || t.in_scope;
                if (topics.find(t.question.topic) == std::string::npos) topics += (topics.empty() ? "" : ", ") + t.question.topic;
            }
            if (!found) throw_invalid("topic", "survey " + std::to_string(survey_id) + " asks nothing about '" + topic + "' (topics: " + topics + ")");
        }
        std::unordered_map<std::string_view, std::size_t> by_key;   // views of the keys in `questions`
        for (std::size_t i = 0; i < questions.size(); ++i)
            if (questions[i].in_scope) by_key.emplace(questions[i].question.key, i);

        const std::string from = query.from ? to_iso(*query.from) : std::string("0000-01-01");
        const std::string to = query.to ? to_iso(*query.to) : std::string("9999-12-31");
        Scores all;
        std::map<int, Scores> months;
        std::array<std::int64_t, 3> by_channel{};
        // Where the responses in the period lie: their number and the range of their ids (a scan of the
        // (survey, date) index, which holds the ids).
        std::int64_t candidates = 0, first_id = 0, last_id = 0;
        {
            RawStatement range(store_.db(), "SELECT count(*), min(id), max(id) FROM survey_responses "
                                            "WHERE survey_id = ?1 AND responded_on BETWEEN ?2 AND ?3");
            sqlite3_stmt* s = range.get();
            range.check(sqlite3_bind_int64(s, 1, survey_id));
            range.check(sqlite3_bind_text(s, 2, from.c_str(), -1, SQLITE_TRANSIENT));
            range.check(sqlite3_bind_text(s, 3, to.c_str(), -1, SQLITE_TRANSIENT));
            if (range.step()) {
                candidates = sqlite3_column_int64(s, 0);
                first_id = sqlite3_column_int64(s, 1);
                last_id = sqlite3_column_int64(s, 2);
            }
        }
        // The answers of a response are stored together, by response id. When the survey's responses
        // fill most of their id range (a survey answered in bulk, or the only one), one pass over that
        // range in id order reads both tables sequentially; otherwise (a few responses among many of
        // other surveys) the (survey, date) index finds them one by one. Either way one response's
        // answers come together.
        const bool dense = candidates > 0 && last_id - first_id < 4 * candidates + 1000;
        if (candidates > 0) {
            RawStatement q(store_.db(),
                           dense ? "SELECT r.id, r.responded_on, r.channel, a.question, a.score, a.choice "
                                   "FROM survey_responses r NOT INDEXED CROSS JOIN survey_answers a ON a.response_id = r.id "
                                   "WHERE r.id BETWEEN ?7 AND ?8 AND r.survey_id = ?1 AND r.responded_on BETWEEN ?2 AND ?3 "
                                   "AND (?4 IS NULL OR r.site_id = ?4) AND (?5 IS NULL OR r.consultant_id = ?5) "
                                   "AND (?6 IS NULL OR r.version = ?6) ORDER BY r.id"
                                 : "SELECT r.id, r.responded_on, r.channel, a.question, a.score, a.choice "
                                   "FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id "
                                   "WHERE r.survey_id = ?1 AND r.responded_on BETWEEN ?2 AND ?3 AND (?4 IS NULL OR r.site_id = ?4) "
                                   "AND (?5 IS NULL OR r.consultant_id = ?5) AND (?6 IS NULL OR r.version = ?6) "
                                   "ORDER BY r.responded_on, r.id");
            sqlite3_stmt* s = q.get();
            q.check(sqlite3_bind_int64(s, 1, survey_id));
            q.check(sqlite3_bind_text(s, 2, from.c_str(), -1, SQLITE_TRANSIENT));
            q.check(sqlite3_bind_text(s, 3, to.c_str(), -1, SQLITE_TRANSIENT));
            q.check(site_id ? sqlite3_bind_int64(s, 4, *site_id) : sqlite3_bind_null(s, 4));
            q.check(query.consultant_id ? sqlite3_bind_int64(s, 5, *query.consultant_id) : sqlite3_bind_null(s, 5));
            q.check(query.version ? sqlite3_bind_int(s, 6, *query.version) : sqlite3_bind_null(s, 6));
            if (dense) {
                q.check(sqlite3_bind_int64(s, 7, first_id));
                q.check(sqlite3_bind_int64(s, 8, last_id));
            }
            std::int64_t current = 0;       // the response being read, 0 before the first
            bool counted = false;           // it has an answer in scope, and is counted
            int month = -1;
            Scores* month_scores = nullptr;
            while (q.step()) {
                const std::int64_t id = sqlite3_column_int64(s, 0);
                if (id != current) {
                    current = id;
                    counted = false;
                }
                const auto found = by_key.find(q.text(3));
                if (found == by_key.end()) continue;
                Tallied& t = questions[found->second];
                if (!counted) {
                    counted = true;
                    const char* day = q.text(1);
                    const int m = month_key(day);
                    if (m != month || !month_scores) {
                        month = m;
                        month_scores = &months[m];
                    }
                    ++all.responses;
                    ++month_scores->responses;
                    const char* channel = q.text(2);
                    ++by_channel[channel[0] == 'l' ? 0 : channel[0] == 'p' ? 1 : 2];
                }
                ++t.answered;
                switch (t.question.type) {
                case QuestionType::rating5:
                case QuestionType::nps: {
                    const int score = sqlite3_column_int(s, 4);
                    ++t.counts[static_cast<std::size_t>(score)];
                    t.sum += score;
                    all.add(t.question.type, score);
                    month_scores->add(t.question.type, score);
                    break;
                }
                case QuestionType::single:
                    ++t.counts[static_cast<std::size_t>(option_slot(t, q.text(5)))];
                    break;
                case QuestionType::multi:
                    for (const std::string& key : codec::read_stored_choices(q.text(5)))
                        ++t.counts[static_cast<std::size_t>(option_slot(t, key))];
                    break;
                case QuestionType::text: break;
                }
            }
        }

        SurveyStats out;
        out.survey_id = survey_id;
        out.responses = all.responses;
        out.csat = all.csat();
        out.csat_answers = all.rating5;
        out.nps = nps_score(all.promoters, all.passives, all.detractors);
        std::map<std::string, Scores> topics;
        std::map<std::string, std::int64_t> topic_answers;
        for (Tallied& t : questions) {
            if (!t.in_scope) continue;
            QuestionStats q;
            q.key = t.question.key;
            q.text = t.question.text;
            q.type = t.question.type;
            q.topic = t.question.topic;
            q.answered = t.answered;
            Scores own;
            if (q.type == QuestionType::rating5 || q.type == QuestionType::nps) {
                if (t.answered) q.mean = static_cast<double>(t.sum) / static_cast<double>(t.answered);
                for (std::size_t v = q.type == QuestionType::rating5 ? 1 : 0; v < t.counts.size(); ++v) {
                    q.distribution.push_back({std::to_string(v), t.counts[v]});
                    if (q.type == QuestionType::rating5) {
                        own.rating5 += t.counts[v];
                        if (v >= 4) own.satisfied += t.counts[v];
                    } else {
                        (v >= 9 ? own.promoters : v >= 7 ? own.passives : own.detractors) += t.counts[v];
                    }
                }
                if (q.type == QuestionType::rating5) q.csat = own.csat();
                else q.nps = nps_score(own.promoters, own.passives, own.detractors);
            } else {
                for (std::size_t i = 0; i < t.question.options.size(); ++i) q.distribution.push_back({t.question.options[i].key, t.counts[i]});
            }
            Scores& ts = topics[q.topic];
            ts.rating5 += own.rating5;
            ts.satisfied += own.satisfied;
            ts.promoters += own.promoters;
            ts.passives += own.passives;
            ts.detractors += own.detractors;
            topic_answers[q.topic] += t.answered;
            out.questions.push_back(std::move(q));
        }
        for (const auto& [key, s] : topics)
            out.topics.push_back({key, topic_answers[key], s.csat(), nps_score(s.promoters, s.passives, s.detractors)});
        for (const auto& [key, s] : months) {
            const auto n = nps_score(s.promoters, s.passives, s.detractors);
            out.trend.push_back({month_text(key), s.responses, s.csat(), n ? std::optional<double>(n->nps) : std::nullopt});
        }

        std::array<ChannelStats, 3> channels{};
        for (int i = 0; i < 3; ++i) {
            channels[static_cast<std::size_t>(i)].channel = static_cast<SurveyChannel>(i);
            channels[static_cast<std::size_t>(i)].responses = by_channel[static_cast<std::size_t>(i)];
        }
        Query inv(store_, "SELECT c.channel, count(*), sum(EXISTS (SELECT 1 FROM survey_responses r "
                          "WHERE r.campaign_id = i.campaign_id AND r.customer_id = i.customer_id)) "
                          "FROM survey_campaigns c JOIN survey_invitations i ON i.campaign_id = c.id "
                          "WHERE c.survey_id = ?1 AND c.send_on BETWEEN ?2 AND ?3 AND (?4 IS NULL OR i.site_id = ?4) "
                          "AND (?5 IS NULL OR i.consultant_id = ?5) AND (?6 IS NULL OR c.version = ?6) GROUP BY c.channel");
        inv->bind(1, survey_id);
        inv->bind(2, from);
        inv->bind(3, to);
        detail::bind_optional(*inv, 4, site_id);
        detail::bind_optional(*inv, 5, query.consultant_id);
        detail::bind_optional(*inv, 6, query.version);
        while (inv->executeStep()) {
            ChannelStats& c = channels[static_cast<std::size_t>(parse_survey_channel(inv->getColumn(0).getText()))];
            c.invited = inv->getColumn(1).getInt64();
            c.responded = inv->getColumn(2).getInt64();
            c.rate = response_rate(c.responded, c.invited);
        }
        out.channels.assign(channels.begin(), channels.end());
        return out;
    });
}

} // namespace snowball

namespace snowball {

namespace {

std::string fixed(const std::optional<double>& value, int decimals) {
    if (!value) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, *value);
    return buf;
}

} // namespace

Table to_table(const SurveyStats& stats) {
    Table t;
    t.columns = {{"kind", "类别"},      {"key", "项目"},        {"text", "内容"},   {"answers", "回答数"},
                 {"mean", "平均分"},    {"csat", "满意度(%)"},  {"nps", "NPS"},    {"distribution", "分布"},
                 {"invited", "邀请数"}, {"response_rate", "回复率(%)"}};
    const auto nps = [](const std::optional<NpsScore>& s) {
        return s ? std::optional<double>(s->nps) : std::nullopt;
    };
    t.rows.push_back({"survey", std::to_string(stats.survey_id), "", std::to_string(stats.responses), "",
                      fixed(stats.csat, 1), fixed(nps(stats.nps), 1), "", "", ""});
    for (const QuestionStats& q : stats.questions) {
        std::string distribution;
        for (const ValueCount& v : q.distribution)
            distribution += (distribution.empty() ? "" : "; ") + v.value + ":" + std::to_string(v.count);
        t.rows.push_back({"question", q.key, q.text, std::to_string(q.answered), fixed(q.mean, 2), fixed(q.csat, 1),
                          fixed(nps(q.nps), 1), distribution, "", ""});
    }
    for (const TopicStats& s : stats.topics)
        t.rows.push_back({"topic", s.topic, "", std::to_string(s.answers), "", fixed(s.csat, 1), fixed(nps(s.nps), 1),
                          "", "", ""});
    for (const MonthStats& m : stats.trend)
        t.rows.push_back({"month", m.month, "", std::to_string(m.responses), "", fixed(m.csat, 1), fixed(m.nps, 1), "",
                          "", ""});
    for (const ChannelStats& c : stats.channels)
        t.rows.push_back({"channel", to_string(c.channel), "", std::to_string(c.responses), "", "", "", "",
                          std::to_string(c.invited), fixed(c.rate ? std::optional<double>(*c.rate * 100) : std::nullopt, 1)});
    return t;
}

} // namespace snowball
