// The survey tests' fixture: the service office (tests/support/office_fixtures.hpp) with four
// customers, three of them owners, and helpers that create the delivery questionnaire and answer it.
#pragma once

#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"

#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snowball::testing {

inline Question q(const char* key, QuestionType type, const char* topic, std::vector<std::string> options = {}) {
    Question x;
    x.key = key;
    x.text = std::string("问题 ") + key;
    x.type = type;
    x.topic = topic;
    for (const std::string& o : options) x.options.push_back({o, o + " 的说明"});
    return x;
}

inline std::vector<Question> delivery_questions() {
    return {q("quality", QuestionType::rating5, "property"),
            q("service", QuestionType::rating5, "service"),
            q("recommend", QuestionType::nps, "service"),
            q("heard", QuestionType::single, "marketing", {"ad", "friend", "web"}),
            q("liked", QuestionType::multi, "property", {"view", "layout", "school"}),
            q("comment", QuestionType::text, "general")};
}

// Sites XH (manager 周敏; 王芳 reports to 周敏; 赵强) and BJ (李强). Owners 张伟, 陈静 at XH; 刘洋 a
// prospect at XH; 孙丽 an owner at BJ.
class SurveyTest : public ServiceOfficeTest {
protected:
    void SetUp() override {
        ServiceOfficeTest::SetUp();
        zhang_ = customer("XH", "张伟", "13800138000", wang_, "1-1-101");
        chen_ = customer("XH", "陈静", "13900139000", zhao_, "1-1-102");
        liu_ = customer("XH", "刘洋", "13700137000", wang_, nullptr);
        sun_ = customer("BJ", "孙丽", "13600136000", li_, "8-2-1501");
    }

    std::int64_t customer(const char* site, const char* name, const char* mobile, std::optional<std::int64_t> consultant,
                          const char* unit) {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::visit;
        c.name = name;
        c.mobile = mobile;
        c.consultant_id = consultant;
        c.first_contact = d("2024-03-01");
        c.filed_on = d("2024-03-01");
        const std::int64_t id = archive_.customers().add(c).id;
        if (unit) {
            NewDeal deal;
            deal.unit = unit;
            deal.area = 89;
            deal.price = 2100000;
            deal.date = d("2024-06-01");
            deals_[id] = archive_.customers().record_deal(id, deal).id;
        }
        return id;
    }

    Survey create(const char* site = "") {
        NewSurvey s;
        s.title = "交付满意度调查";
        s.questions = delivery_questions();
        s.site = site;
        return archive_.surveys().create(s);
    }

    NewResponse answer(std::int64_t survey, std::int64_t customer, std::map<std::string, AnswerValue> answers,
                       std::optional<SurveyChannel> channel = SurveyChannel::phone) {
        NewResponse r;
        r.survey_id = survey;
        r.customer_id = customer;
        r.answers = std::move(answers);
        r.channel = channel;
        return r;
    }

    void low_scores_off() {
        for (const char* site : {"XH", "BJ"}) {
            FeedbackSettingsUpdate u;
            u.low_rating5 = std::optional<int>();
            u.low_nps = std::optional<int>();
            archive_.feedback().update_settings(site, u);
        }
    }

    Surveys& surveys() { return archive_.surveys(); }

    std::int64_t zhang_ = 0, chen_ = 0, liu_ = 0, sun_ = 0;
    std::map<std::int64_t, std::int64_t> deals_;
};

} // namespace snowball::testing
