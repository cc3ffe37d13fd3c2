// Survey statistics checked against an independent computation in this file (by site, consultant,
// topic and period, response rates, versions, a survey among many others' responses), and a
// hand-computed NPS interval.
#include "surveys_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// NPS (pure)

TEST(NpsScore, AHandComputedInterval) {
    // 5 promoters, 3 passives, 2 detractors: NPS = 50 − 20 = 30;
    // Var = [.5·.5 + .2·.8 + 2·.5·.2] / 10 = .061, SE = 24.698 points, 1.96·SE = 48.408.
    const auto s = nps_score(5, 3, 2);
    ASSERT_TRUE(s);
    EXPECT_DOUBLE_EQ(30.0, s->nps);
    EXPECT_NEAR(24.698178, s->std_error, 1e-6);
    EXPECT_NEAR(-18.407540, s->ci_low, 1e-6);
    EXPECT_NEAR(78.407540, s->ci_high, 1e-6);
    EXPECT_EQ(10, s->answers);
    EXPECT_EQ(3, s->passives);
    // Clipped to the scale: 9 promoters and a detractor give 80 ± 37.2.
    const auto high = nps_score(9, 0, 1);
    EXPECT_NEAR(42.812298, high->ci_low, 1e-6);
    EXPECT_DOUBLE_EQ(100.0, high->ci_high);
    const auto all = nps_score(0, 0, 4);
    EXPECT_DOUBLE_EQ(-100.0, all->nps);
    EXPECT_DOUBLE_EQ(-100.0, all->ci_low);
    EXPECT_DOUBLE_EQ(-100.0, all->ci_high);
    EXPECT_FALSE(nps_score(0, 0, 0));
}

// ---------------------------------------------------------------------------------------------
// Statistics against an independent computation

struct Given {
    std::string site;
    std::int64_t consultant = 0;
    std::string date;
    std::string channel;
    std::map<std::string, AnswerValue> answers;
};

class SurveyStatsTest : public SurveyTest {
protected:
    void SetUp() override {
        SurveyTest::SetUp();
        low_scores_off();
        survey_ = create();
        std::uint64_t seed = 20251001;
        const auto next = [&](int n) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            return static_cast<int>((seed >> 33) % static_cast<std::uint64_t>(n));
        };
        const std::vector<std::pair<std::int64_t, std::int64_t>> people{{zhang_, wang_}, {chen_, zhao_}, {liu_, wang_}, {sun_, li_}};
        const char* channels[] = {"letter", "phone", "online"};
        const std::vector<std::string> options{"view", "layout", "school"};
        std::vector<NewResponse> batch;
        for (int i = 0; i < 360; ++i) {
            const auto& [customer, consultant] = people[static_cast<std::size_t>(next(4))];
            Given g;
            g.site = customer == sun_ ? "BJ" : "XH";
            g.consultant = consultant;
            char date[32];   // room for any int, so the compiler sees no truncation
            std::snprintf(date, sizeof date, "2025-%02d-%02d", 1 + next(6), 1 + next(28));
            g.date = date;
            g.channel = channels[next(3)];
            if (next(10) < 9) g.answers["quality"] = std::int64_t{1 + next(5)};
            if (next(10) < 8) g.answers["service"] = std::int64_t{1 + next(5)};
            if (next(10) < 9) g.answers["recommend"] = std::int64_t{next(11)};
            if (next(10) < 7) g.answers["heard"] = std::string(next(2) ? "ad" : next(2) ? "friend" : "web");
            if (next(10) < 6) {
                std::vector<std::string> chosen;
                for (const std::string& o : options)
                    if (next(2)) chosen.push_back(o);
                if (!chosen.empty()) g.answers["liked"] = chosen;
            }
            if (next(10) < 3) g.answers["comment"] = std::string("意见") + std::to_string(i);
            if (g.answers.empty()) g.answers["quality"] = std::int64_t{3};
            NewResponse r = answer(survey_.id, customer, g.answers, parse_survey_channel(g.channel));
            r.date = d(g.date.c_str());
            batch.push_back(r);
            given_.push_back(std::move(g));
        }
        EXPECT_EQ(360u, surveys().respond_many(batch).size());
    }

    // The expected statistics, computed here from what was given.
    struct Expected {
        std::int64_t responses = 0;
        std::map<std::string, std::int64_t> answered;
        std::map<std::string, double> sum;
        std::map<std::string, std::map<std::string, std::int64_t>> counts;
        std::int64_t rating5 = 0, satisfied = 0, promoters = 0, passives = 0, detractors = 0;
        std::map<std::string, std::int64_t> month_responses, month_rating5, month_satisfied, month_promoters, month_nps;
        std::map<std::string, std::int64_t> by_channel;
    };

    Expected expected(const std::string& site, std::int64_t consultant, const std::string& topic, const std::string& from,
                      const std::string& to) {
        const std::map<std::string, std::string> topics{{"quality", "property"}, {"service", "service"}, {"recommend", "service"},
                                                        {"heard", "marketing"}, {"liked", "property"}, {"comment", "general"}};
        Expected e;
        for (const Given& g : given_) {
            if (!site.empty() && g.site != site) continue;
            if (consultant && g.consultant != consultant) continue;
            if ((!from.empty() && g.date < from) || (!to.empty() && g.date > to)) continue;
            bool any = false;
            const std::string month = g.date.substr(0, 7);
            for (const auto& [key, value] : g.answers) {
                if (!topic.empty() && topics.at(key) != topic) continue;
                any = true;
                ++e.answered[key];
                if (const auto* score = std::get_if<std::int64_t>(&value)) {
                    e.sum[key] += static_cast<double>(*score);
                    ++e.counts[key][std::to_string(*score)];
                    if (key == "recommend") {
                        ++e.month_nps[month];
                        if (*score >= 9) ++e.promoters, ++e.month_promoters[month];
                        else if (*score >= 7) ++e.passives;
                        else ++e.detractors, --e.month_promoters[month];
                    } else {
                        ++e.rating5;
                        ++e.month_rating5[month];
                        if (*score >= 4) ++e.satisfied, ++e.month_satisfied[month];
                    }
                } else if (const auto* s = std::get_if<std::string>(&value)) {
                    if (key == "heard") ++e.counts[key][*s];
                } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
                    for (const std::string& o : *list) ++e.counts[key][o];
                }
            }
            if (any) {
                ++e.responses;
                ++e.month_responses[month];
                ++e.by_channel[g.channel];
            }
        }
        return e;
    }

    void check(const StatsQuery& query, const std::string& site, std::int64_t consultant, const std::string& topic,
               const std::string& from, const std::string& to) {
        const Expected e = expected(site, consultant, topic, from, to);
        const SurveyStats s = surveys().stats(survey_.id, query);
        ASSERT_GT(e.responses, 10) << "a scope too small to mean anything";
        EXPECT_EQ(e.responses, s.responses);
        for (const QuestionStats& q : s.questions) {
            SCOPED_TRACE(q.key);
            EXPECT_EQ(e.answered.count(q.key) ? e.answered.at(q.key) : 0, q.answered);
            if (q.type == QuestionType::rating5 || q.type == QuestionType::nps) {
                ASSERT_TRUE(q.mean);
                EXPECT_NEAR(e.sum.at(q.key) / static_cast<double>(e.answered.at(q.key)), *q.mean, 1e-12);
                EXPECT_EQ(q.type == QuestionType::nps ? 11u : 5u, q.distribution.size());
            } else {
                EXPECT_FALSE(q.mean);
            }
            std::int64_t total = 0;
            for (const ValueCount& v : q.distribution) {
                const auto& c = e.counts.count(q.key) ? e.counts.at(q.key) : std::map<std::string, std::int64_t>{};
                EXPECT_EQ(c.count(v.value) ? c.at(v.value) : 0, v.count) << v.value;
                total += v.count;
            }
            if (q.type == QuestionType::rating5 || q.type == QuestionType::nps || q.type == QuestionType::single) {
                EXPECT_EQ(q.answered, total);
            }
            if (q.type == QuestionType::rating5) {
                const auto& c = e.counts.at(q.key);
                const double high = static_cast<double>((c.count("4") ? c.at("4") : 0) + (c.count("5") ? c.at("5") : 0));
                EXPECT_NEAR(100.0 * high / static_cast<double>(q.answered), *q.csat, 1e-9);
            }
        }
        if (e.rating5) {
            ASSERT_TRUE(s.csat);
            EXPECT_NEAR(100.0 * static_cast<double>(e.satisfied) / static_cast<double>(e.rating5), *s.csat, 1e-9);
            EXPECT_EQ(e.rating5, s.csat_answers);
        } else {
            EXPECT_FALSE(s.csat);
        }
        const std::int64_t n = e.promoters + e.passives + e.detractors;
        if (n) {
            ASSERT_TRUE(s.nps);
            const double p = static_cast<double>(e.promoters) / static_cast<double>(n);
            const double dd = static_cast<double>(e.detractors) / static_cast<double>(n);
            const double se = 100 * std::sqrt((p * (1 - p) + dd * (1 - dd) + 2 * p * dd) / static_cast<double>(n));
            EXPECT_NEAR(100 * (p - dd), s.nps->nps, 1e-9);
            EXPECT_NEAR(std::max(-100.0, 100 * (p - dd) - 1.96 * se), s.nps->ci_low, 0.01);
            EXPECT_NEAR(std::min(100.0, 100 * (p - dd) + 1.96 * se), s.nps->ci_high, 0.01);
            EXPECT_EQ(e.promoters, s.nps->promoters);
            EXPECT_EQ(e.detractors, s.nps->detractors);
        } else {
            EXPECT_FALSE(s.nps);
        }
        ASSERT_EQ(e.month_responses.size(), s.trend.size());
        for (const MonthStats& m : s.trend) {
            SCOPED_TRACE(m.month);
            EXPECT_EQ(e.month_responses.at(m.month), m.responses);
            if (e.month_rating5.count(m.month)) {
                EXPECT_NEAR(100.0 * static_cast<double>(e.month_satisfied.count(m.month) ? e.month_satisfied.at(m.month) : 0) /
                                static_cast<double>(e.month_rating5.at(m.month)),
                            *m.csat, 1e-9);
            }
            if (e.month_nps.count(m.month)) {
                EXPECT_NEAR(100.0 * static_cast<double>(e.month_promoters.count(m.month) ? e.month_promoters.at(m.month) : 0) /
                                static_cast<double>(e.month_nps.at(m.month)),
                            *m.nps, 1e-9);
            }
        }
        for (const ChannelStats& c : s.channels) {
            const auto it = e.by_channel.find(to_string(c.channel));
            EXPECT_EQ(it == e.by_channel.end() ? 0 : it->second, c.responses) << to_string(c.channel);
        }
    }

    Survey survey_;
    std::vector<Given> given_;
};

TEST_F(SurveyStatsTest, EverythingMatchesAnIndependentCount) {
    check({}, "", 0, "", "", "");
}

TEST_F(SurveyStatsTest, BySite) {
    StatsQuery q;
    q.site = "XH";
    check(q, "XH", 0, "", "", "");
}

TEST_F(SurveyStatsTest, ByConsultant) {
    StatsQuery q;
    q.consultant_id = wang_;
    check(q, "", wang_, "", "", "");
}

TEST_F(SurveyStatsTest, ByTopic) {
    StatsQuery q;
    q.topic = "Service";
    check(q, "", 0, "service", "", "");
    const SurveyStats s = surveys().stats(survey_.id, q);
    ASSERT_EQ(2u, s.questions.size());
    EXPECT_EQ("service", s.questions[0].key);
    EXPECT_EQ("recommend", s.questions[1].key);
    ASSERT_EQ(1u, s.topics.size());
    EXPECT_EQ("service", s.topics[0].topic);
    q.topic = "weather";
    expect_error([&] { surveys().stats(survey_.id, q); }, Status::invalid_argument, "topic", "marketing");
}

TEST_F(SurveyStatsTest, ByPeriod) {
    StatsQuery q;
    q.from = d("2025-02-10");
    q.to = d("2025-04-20");
    check(q, "", 0, "", "2025-02-10", "2025-04-20");
    StatsQuery both = q;
    both.site = "XH";
    both.topic = "property";
    check(both, "XH", 0, "property", "2025-02-10", "2025-04-20");
}

TEST_F(SurveyStatsTest, TopicsAndDistributionsAreComplete) {
    const SurveyStats s = surveys().stats(survey_.id);
    std::vector<std::string> topics;
    for (const TopicStats& t : s.topics) topics.push_back(t.topic);
    EXPECT_EQ((std::vector<std::string>{"general", "marketing", "property", "service"}), topics);
    const TopicStats& service = s.topics[3];
    ASSERT_TRUE(service.nps);
    EXPECT_DOUBLE_EQ(s.nps->nps, service.nps->nps);   // the only nps question is about service
    EXPECT_EQ(s.questions[0].answered + s.questions[4].answered, s.topics[2].answers);
    ASSERT_EQ(6u, s.questions.size());
    EXPECT_EQ("1", s.questions[0].distribution.front().value);
    EXPECT_EQ("0", s.questions[2].distribution.front().value);
    EXPECT_EQ((std::vector<std::string>{"ad", "friend", "web"}),
              (std::vector<std::string>{s.questions[3].distribution[0].value, s.questions[3].distribution[1].value,
                                        s.questions[3].distribution[2].value}));
    EXPECT_TRUE(s.questions[5].distribution.empty());
    EXPECT_FALSE(s.questions[5].csat);
    EXPECT_EQ(6u, s.trend.size());
    EXPECT_EQ("2025-01", s.trend.front().month);
    EXPECT_EQ("2025-06", s.trend.back().month);
    ASSERT_EQ(3u, s.channels.size());
    EXPECT_EQ(SurveyChannel::letter, s.channels[0].channel);
    EXPECT_FALSE(s.channels[0].rate);   // no campaign
}

TEST_F(SurveyStatsTest, ResponseRatesPerChannel) {
    NewCampaign c;
    c.survey_id = survey_.id;
    c.channel = SurveyChannel::letter;
    c.audience.kind = AudienceKind::customers;
    c.audience.customer_ids = {zhang_, chen_, liu_, sun_};
    c.send_on = d("2025-07-01");
    const Campaign letters = surveys().create_campaign(c);
    c.channel = SurveyChannel::phone;
    c.audience.customer_ids = {zhang_, sun_};
    const Campaign calls = surveys().create_campaign(c);
    for (const auto& [campaign, customer] : std::vector<std::pair<std::int64_t, std::int64_t>>{
             {letters.id, zhang_}, {letters.id, liu_}, {letters.id, sun_}, {calls.id, sun_}}) {
        NewResponse r = answer(survey_.id, customer, {{"quality", std::int64_t{5}}}, std::nullopt);
        r.campaign_id = campaign;
        r.date = d("2025-07-05");
        surveys().respond(r);
    }
    SurveyStats s = surveys().stats(survey_.id);
    EXPECT_EQ(4, s.channels[0].invited);
    EXPECT_EQ(3, s.channels[0].responded);
    EXPECT_DOUBLE_EQ(0.75, *s.channels[0].rate);
    EXPECT_EQ(2, s.channels[1].invited);
    EXPECT_EQ(1, s.channels[1].responded);
    EXPECT_DOUBLE_EQ(0.5, *s.channels[1].rate);
    EXPECT_EQ(0, s.channels[2].invited);
    // Scoped to a site: the invitations of its customers.
    StatsQuery q;
    q.site = "BJ";
    s = surveys().stats(survey_.id, q);
    EXPECT_EQ(1, s.channels[0].invited);
    EXPECT_DOUBLE_EQ(1.0, *s.channels[1].rate);
    // Campaigns sent outside the period do not count.
    q = {};
    q.to = d("2025-06-30");
    EXPECT_EQ(0, surveys().stats(survey_.id, q).channels[0].invited);
    // A campaign of version 1 only, asked for version 1.
    q = {};
    q.version = 1;
    EXPECT_EQ(4, surveys().stats(survey_.id, q).channels[0].invited);
}

TEST_F(SurveyStatsTest, StatisticsOfOneVersionAndAcrossVersions) {
    std::vector<Question> v2 = delivery_questions();
    v2.insert(v2.begin(), q("parking", QuestionType::rating5, "property"));
    SurveyUpdate u;
    u.questions = v2;
    surveys().update(survey_.id, u);
    surveys().respond(answer(survey_.id, zhang_, {{"parking", std::int64_t{2}}, {"quality", std::int64_t{5}}}));
    StatsQuery one;
    one.version = 2;
    const SurveyStats s2 = surveys().stats(survey_.id, one);
    EXPECT_EQ(1, s2.responses);
    EXPECT_EQ("parking", s2.questions[0].key);
    EXPECT_DOUBLE_EQ(50.0, *s2.csat);
    const SurveyStats all = surveys().stats(survey_.id);
    EXPECT_EQ(361, all.responses);
    EXPECT_EQ("parking", all.questions[0].key);   // the current version's order
    EXPECT_EQ(1, all.questions[0].answered);
    one.version = 1;
    EXPECT_EQ(360, surveys().stats(survey_.id, one).responses);
    one.version = 3;
    expect_error([&] { surveys().stats(survey_.id, one); }, Status::not_found, "version");
    StatsQuery bad;
    bad.from = d("2025-05-01");
    bad.to = d("2025-04-01");
    expect_error([&] { surveys().stats(survey_.id, bad); }, Status::invalid_argument, "to", "before from");
    bad = {};
    bad.site = "NOPE";
    expect_error([&] { surveys().stats(survey_.id, bad); }, Status::not_found, "site");
    expect_error([&] { surveys().stats(999); }, Status::not_found, "survey_id");
}

// Surveys::stats reads a survey's responses in id order when they fill most of their id range, else
// through the (survey, date) index. Here the survey under test has a few responses after thousands
// of another survey's: the same numbers, counted the other way.
TEST_F(SurveyStatsTest, ASurveyWithFewResponsesAmongManyOthersCountsTheSame) {
    const Survey other = create();
    std::vector<NewResponse> many;
    for (int i = 0; i < 2400; ++i) {
        NewResponse r = answer(other.id, i % 2 ? zhang_ : sun_, {{"quality", std::int64_t{1 + i % 5}}}, SurveyChannel::online);
        r.date = d("2025-03-15");
        many.push_back(r);
    }
    ASSERT_EQ(2400u, surveys().respond_many(many).size());
    for (int i = 0; i < 5; ++i) {
        Given g;
        g.site = "XH";
        g.consultant = zhao_;
        g.date = "2025-06-2" + std::to_string(i);
        g.channel = "letter";
        g.answers["recommend"] = std::int64_t{2 * i};
        g.answers["heard"] = std::string("web");
        NewResponse r = answer(survey_.id, chen_, g.answers, SurveyChannel::letter);
        r.date = d(g.date.c_str());
        surveys().respond(r);
        given_.push_back(std::move(g));
    }
    check({}, "", 0, "", "", "");
    StatsQuery q;
    q.site = "XH";
    q.from = d("2025-03-01");
    check(q, "XH", 0, "", "2025-03-01", "");
    const SurveyStats theirs = surveys().stats(other.id);
    EXPECT_EQ(2400, theirs.responses);
    EXPECT_DOUBLE_EQ(40.0, *theirs.csat);   // 4 and 5: two of every five
    EXPECT_EQ(2400, surveys().get(other.id).responses);
    EXPECT_EQ(365, surveys().get(survey_.id).responses);
}

} // namespace
