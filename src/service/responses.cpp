// Survey responses: validation against the version answered, the campaign rules, and the low score
// that opens a ticket for the consultant's manager.
#include "archive/records.hpp"
#include "codec/feedback.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "service/service_records.hpp"
#include "service/survey_records.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace snowball {

using detail::Query;

namespace {

struct SurveyHead {
    std::optional<std::int64_t> site_id;
    std::string site;
    int version = 0;
    bool active = true;
    std::string title;
};

// What a batch of responses looks up once.
struct Context {
    std::map<std::int64_t, SurveyHead> surveys;
    std::map<std::pair<std::int64_t, int>, std::vector<Question>> questions;
    std::map<std::int64_t, FeedbackSettings> settings;   // by site id
    std::map<std::int64_t, Site> sites;

    const SurveyHead& survey(detail::Store& store, std::int64_t id) {
        auto it = surveys.find(id);
        if (it != surveys.end()) return it->second;
        const Survey s = detail::require_survey(store, id, 0, "survey_id", false);
        SurveyHead h{std::nullopt, s.site, s.current_version, s.active, s.title};
        if (!s.site.empty()) h.site_id = detail::require_site(store, s.site, "site").id;
        return surveys.emplace(id, std::move(h)).first->second;
    }
    const std::vector<Question>& version(detail::Store& store, std::int64_t survey_id, int version) {
        auto it = questions.find({survey_id, version});
        if (it != questions.end()) return it->second;
        return questions.emplace(std::make_pair(survey_id, version), detail::questions_of(store, survey_id, version)).first->second;
    }
    const Site& site(detail::Store& store, std::int64_t site_id) {
        auto it = sites.find(site_id);
        if (it != sites.end()) return it->second;
        Query q(store, "SELECT code FROM sites WHERE id = ?");
        q->bind(1, site_id);
        q->executeStep();
        return sites.emplace(site_id, detail::require_site(store, q->getColumn(0).getString(), "site")).first->second;
    }
    const FeedbackSettings& settings_of(detail::Store& store, std::int64_t site_id) {
        auto it = settings.find(site_id);
        if (it != settings.end()) return it->second;
        return settings.emplace(site_id, detail::load_feedback_settings(store, site(store, site_id))).first->second;
    }
};

const char* scale(QuestionType type) { return type == QuestionType::nps ? "0..10" : "1..5"; }

// A whole number, also when given as 4.0; the answer's field otherwise.
std::int64_t whole(const AnswerValue& value, const std::string& field, QuestionType type) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
    if (const auto* d = std::get_if<double>(&value))
        if (*d == static_cast<double>(static_cast<std::int64_t>(*d)) && *d > -1e15 && *d < 1e15) return static_cast<std::int64_t>(*d);
    throw_invalid(field, std::string("a ") + to_string(type) + " answer is a whole number " + scale(type));
}

std::string option_list(const Question& q) {
    std::string out;
    for (const QuestionOption& o : q.options) out += (out.empty() ? "" : ", ") + o.key;
    return out;
}

const QuestionOption* find_option(const Question& q, std::string_view key) {
    for (const QuestionOption& o : q.options)
        if (o.key == key) return &o;
    return nullptr;
}

// The answers checked against the questions, in question order; unanswered questions left out.
std::vector<Answer> checked_answers(const std::vector<Question>& questions, const std::map<std::string, AnswerValue>& given,
                                    std::int64_t survey_id, int version) {
    for (const auto& answer : given) {
        const std::string& key = answer.first;   // a named reference: lambdas capture no structured binding before C++20
        if (std::none_of(questions.begin(), questions.end(), [&](const Question& q) { return q.key == key; }))
            throw_invalid("answers." + key, "survey " + std::to_string(survey_id) + " (version " + std::to_string(version) +
                                                ") has no question '" + key + "'");
    }
    std::vector<Answer> out;
    for (const Question& q : questions) {
        const auto it = given.find(q.key);
        if (it == given.end() || std::holds_alternative<std::monostate>(it->second)) continue;
        const std::string field = "answers." + q.key;
        const AnswerValue& v = it->second;
        Answer a;
        a.question = q.key;
        a.type = q.type;
        switch (q.type) {
        case QuestionType::rating5:
        case QuestionType::nps: {
            const std::int64_t score = whole(v, field, q.type);
            const int hi = q.type == QuestionType::nps ? 10 : 5;
            const int lo = q.type == QuestionType::nps ? 0 : 1;
            if (score < lo || score > hi) throw_invalid(field, std::to_string(score) + " is out of range " + scale(q.type));
            a.score = static_cast<int>(score);
            break;
        }
        case QuestionType::single: {
            const auto* s = std::get_if<std::string>(&v);
            if (!s) throw_invalid(field, "a single-choice answer is one option key (" + option_list(q) + ")");
            const std::string key(text::trim(*s));
            if (!find_option(q, key)) throw_invalid(field, "'" + *s + "' is not an option (" + option_list(q) + ")");
            a.choices = {key};
            break;
        }
        case QuestionType::multi: {
            const auto* list = std::get_if<std::vector<std::string>>(&v);
            if (!list) throw_invalid(field, "a multiple-choice answer is a list of option keys (" + option_list(q) + ")");
            std::set<std::string> chosen;
            for (const std::string& s : *list) {
                const std::string key(text::trim(s));
                if (!find_option(q, key)) throw_invalid(field, "'" + s + "' is not an option (" + option_list(q) + ")");
                if (!chosen.insert(key).second) throw_invalid(field, "'" + key + "' is chosen twice");
            }
            if (chosen.empty()) continue;   // nothing chosen: unanswered
            for (const QuestionOption& o : q.options)
                if (chosen.count(o.key)) a.choices.push_back(o.key);
            break;
        }
        case QuestionType::text: {
            const auto* s = std::get_if<std::string>(&v);
            if (!s) throw_invalid(field, "a text answer is a text");
            a.text = text::clean(*s, field, 2000, false, text::Lines::multi);
            if (a.text.empty()) continue;
            break;
        }
        }
        out.push_back(std::move(a));
    }
    if (out.empty()) throw_invalid("answers", "no question is answered");
    return out;
}

FeedbackChannel ticket_channel(SurveyChannel c) {
    switch (c) {
    case SurveyChannel::letter: return FeedbackChannel::letter;
    case SurveyChannel::phone: return FeedbackChannel::phone;
    case SurveyChannel::online: return FeedbackChannel::online;
    }
    return FeedbackChannel::online;
}

// At most `max_chars` code points of UTF-8 text, cut at a character boundary.
std::string truncated(const std::string& s, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == max_chars) return s.substr(0, i);
    }
    return s;
}

struct Respondent {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::optional<std::int64_t> consultant_id;
};

// A low score opens a complaint for the manager of the customer's consultant (their consultant when
// the site has no manager).
void open_low_score_ticket(const detail::Services& services, Context& ctx, std::int64_t response_id, const Respondent& who,
                           const SurveyHead& survey, const std::vector<Question>& questions, const std::vector<Answer>& answers,
                           SurveyChannel channel, Date date, std::optional<std::int64_t> by) {
    detail::Store& store = services.store;
    const FeedbackSettings& settings = ctx.settings_of(store, who.site_id);
    std::string lows, said;
    const Question* worst = nullptr;
    double worst_share = 2;
    for (const Answer& a : answers) {
        const Question& q = *std::find_if(questions.begin(), questions.end(), [&](const Question& x) { return x.key == a.question; });
        if (a.type == QuestionType::text) said += (said.empty() ? "" : "；") + a.text;
        if (!a.score) continue;
        const bool low = a.type == QuestionType::rating5 ? settings.low_rating5 && *a.score <= *settings.low_rating5
                                                         : settings.low_nps && *a.score <= *settings.low_nps;
        if (!low) continue;
        const int top = a.type == QuestionType::nps ? 10 : 5;
        lows += (lows.empty() ? "" : "；") + q.text + " " + std::to_string(*a.score) + "/" + std::to_string(top);
        const double share = static_cast<double>(*a.score) / top;
        if (share < worst_share) {
            worst_share = share;
            worst = &q;
        }
    }
    if (!worst) return;
    const Site& site = ctx.site(store, who.site_id);
    const std::vector<Category> categories = detail::categories_of(store, site);
    std::string category = worst->topic == "property" ? "property_quality" : worst->topic;
    if (std::none_of(categories.begin(), categories.end(), [&](const Category& c) { return c.key == category; })) category = "other";
    NewTicket t;
    t.channel = ticket_channel(channel);
    t.kind = FeedbackKind::complaint;
    t.category = category;
    t.severity = settings.low_score_severity;
    t.text = truncated("满意度调查《" + survey.title + "》低分：" + lows + (said.empty() ? "" : "。客户留言：" + said), 4000);
    t.customer_id = who.id;
    t.site = site.code;
    t.received_on = date;
    t.received_by = by;
    t.assignee_id = detail::manager_for(store, who.consultant_id, who.site_id);
    detail::open_ticket(services, t, response_id);
}

std::int64_t record_response(const detail::Services& services, Context& ctx, const NewResponse& input) {
    detail::Store& store = services.store;
    const SurveyHead& survey = ctx.survey(store, input.survey_id);
    if (!survey.active)
        throw Error(Status::invalid_state, "survey_id: survey " + std::to_string(input.survey_id) + " is inactive", "survey_id",
                    input.survey_id);
    Respondent who;
    {
        Query q(store, "SELECT id, site_id, consultant_id FROM customers WHERE id = ? AND deleted_at IS NULL");
        q->bind(1, input.customer_id);
        if (!q->executeStep())
            detail::throw_no_customer("customer_id", input.customer_id);
        who.id = q->getColumn(0).getInt64();
        who.site_id = q->getColumn(1).getInt64();
        if (!q->isColumnNull(2)) who.consultant_id = q->getColumn(2).getInt64();
    }
    if (survey.site_id && *survey.site_id != who.site_id)
        throw_invalid("customer_id", "survey " + std::to_string(input.survey_id) + " is for site " + survey.site + "; customer " +
                                         std::to_string(who.id) + " is filed at another site");
    int version = survey.version;
    std::optional<SurveyChannel> channel = input.channel;
    if (input.campaign_id) {
        Query c(store, "SELECT survey_id, version, channel, allow_multiple FROM survey_campaigns WHERE id = ?");
        c->bind(1, *input.campaign_id);
        if (!c->executeStep())
            throw Error(Status::not_found, "campaign_id: no campaign with id " + std::to_string(*input.campaign_id), "campaign_id");
        if (c->getColumn(0).getInt64() != input.survey_id)
            throw_invalid("campaign_id", "campaign " + std::to_string(*input.campaign_id) + " sends survey " +
                                             std::to_string(c->getColumn(0).getInt64()) + ", not " + std::to_string(input.survey_id));
        version = c->getColumn(1).getInt();
        if (!channel) channel = parse_survey_channel(c->getColumn(2).getText());
        const bool multiple = c->getColumn(3).getInt() != 0;
        Query invited(store, "SELECT 1 FROM survey_invitations WHERE campaign_id = ? AND customer_id = ?");
        invited->bind(1, *input.campaign_id);
        invited->bind(2, who.id);
        if (!invited->executeStep())
            throw_invalid("customer_id", "customer " + std::to_string(who.id) + " was not invited by campaign " +
                                             std::to_string(*input.campaign_id));
        if (!multiple) {
            Query earlier(store, "SELECT id FROM survey_responses WHERE campaign_id = ? AND customer_id = ? LIMIT 1");
            earlier->bind(1, *input.campaign_id);
            earlier->bind(2, who.id);
            if (earlier->executeStep())
                throw Error(Status::conflict, "campaign_id: customer " + std::to_string(who.id) + " has already responded to campaign " +
                                                  std::to_string(*input.campaign_id) + " (one response per customer)",
                            "campaign_id", earlier->getColumn(0).getInt64());
        }
    }
    if (!channel) throw_invalid("channel", "is required for a response outside a campaign (letter, phone or online)");
    if (input.ticket_id) {
        const Ticket t = detail::require_ticket(store, *input.ticket_id, "ticket_id");
        if (t.customer_id != who.id)
            throw_invalid("ticket_id", "ticket " + t.number + " is not customer " + std::to_string(who.id) + "'s");
    }
    if (input.deal_id) {
        Query d(store, "SELECT customer_id FROM deals WHERE id = ?");
        d->bind(1, *input.deal_id);
        if (!d->executeStep()) throw Error(Status::not_found, "deal_id: no deal with id " + std::to_string(*input.deal_id), "deal_id");
        if (d->getColumn(0).getInt64() != who.id)
            throw_invalid("deal_id", "deal " + std::to_string(*input.deal_id) + " is not customer " + std::to_string(who.id) + "'s");
    }
    const std::string event = text::clean(input.event, "event", 100, false);
    const Date date = detail::day_given(input.date, "date");
    if (input.by) detail::require_consultant(store, *input.by, "by");
    const std::vector<Question>& questions = ctx.version(store, input.survey_id, version);
    const std::vector<Answer> answers = checked_answers(questions, input.answers, input.survey_id, version);

    Query q(store, "INSERT INTO survey_responses(survey_id, version, campaign_id, customer_id, site_id, consultant_id, channel, "
                   "responded_on, complete, ticket_id, deal_id, event, recorded_at, recorded_by) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind(1, input.survey_id);
    q->bind(2, version);
    detail::bind_optional(*q, 3, input.campaign_id);
    q->bind(4, who.id);
    q->bind(5, who.site_id);
    detail::bind_optional(*q, 6, who.consultant_id);
    q->bind(7, to_string(*channel));
    q->bind(8, to_iso(date));
    q->bind(9, answers.size() == questions.size() ? 1 : 0);
    detail::bind_optional(*q, 10, input.ticket_id);
    detail::bind_optional(*q, 11, input.deal_id);
    q->bind(12, event);
    q->bind(13, text::now_utc());
    detail::bind_optional(*q, 14, input.by);
    q->exec();
    const std::int64_t id = store.db().getLastInsertRowid();
    for (const Answer& a : answers) {
        Query ins(store, "INSERT INTO survey_answers(response_id, question, score, choice, text) VALUES (?, ?, ?, ?, ?)");
        ins->bind(1, id);
        ins->bind(2, a.question);
        detail::bind_optional(*ins, 3, a.score);
        if (a.type == QuestionType::single) ins->bind(4, a.choices.front());
        else if (a.type == QuestionType::multi) ins->bind(4, codec::stored_choices(a.choices));
        else ins->bind(4);
        if (a.type == QuestionType::text) ins->bind(5, a.text);
        else ins->bind(5);
        ins->exec();
    }
    open_low_score_ticket(services, ctx, id, who, survey, questions, answers, *channel, date, input.by);
    return id;
}

Response read_response(detail::Store& store, std::int64_t id) {
    Query q(store, "SELECT r.id, r.survey_id, r.version, r.campaign_id, r.customer_id, s.code, r.consultant_id, r.channel, "
                   "r.responded_on, r.complete, r.ticket_id, r.deal_id, r.event, r.recorded_at, r.recorded_by, "
                   "(SELECT min(t.id) FROM feedback_tickets t WHERE t.response_id = r.id) "
                   "FROM survey_responses r JOIN sites s ON s.id = r.site_id WHERE r.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, "response_id: no response with id " + std::to_string(id), "response_id");
    const auto opt = [&](int column) {
        return q->isColumnNull(column) ? std::nullopt : std::optional<std::int64_t>(q->getColumn(column).getInt64());
    };
    Response r;
    r.id = q->getColumn(0).getInt64();
    r.survey_id = q->getColumn(1).getInt64();
    r.version = q->getColumn(2).getInt();
    r.campaign_id = opt(3);
    r.customer_id = q->getColumn(4).getInt64();
    r.site = q->getColumn(5).getString();
    r.consultant_id = opt(6);
    r.channel = parse_survey_channel(q->getColumn(7).getText());
    r.date = parse_date(q->getColumn(8).getText());
    r.complete = q->getColumn(9).getInt() != 0;
    r.ticket_id = opt(10);
    r.deal_id = opt(11);
    r.event = q->getColumn(12).getString();
    r.recorded_at = q->getColumn(13).getString();
    r.recorded_by = opt(14);
    r.opened_ticket_id = opt(15);
    Query a(store, "SELECT a.question, q.type, a.score, a.choice, a.text FROM survey_answers a "
                   "JOIN survey_questions q ON q.survey_id = ?1 AND q.version = ?2 AND q.key = a.question "
                   "WHERE a.response_id = ?3 ORDER BY q.position");
    a->bind(1, r.survey_id);
    a->bind(2, r.version);
    a->bind(3, r.id);
    while (a->executeStep()) {
        Answer x;
        x.question = a->getColumn(0).getString();
        x.type = parse_question_type(a->getColumn(1).getText());
        if (!a->isColumnNull(2)) x.score = a->getColumn(2).getInt();
        if (x.type == QuestionType::single) x.choices = {a->getColumn(3).getString()};
        if (x.type == QuestionType::multi) x.choices = codec::read_stored_choices(a->getColumn(3).getText());
        if (x.type == QuestionType::text) x.text = a->getColumn(4).getString();
        r.answers.push_back(std::move(x));
    }
    return r;
}

} // namespace

Response Surveys::respond(const NewResponse& response) {
    return store_.write([&] {
        Context ctx;
        return read_response(store_, record_response({store_, customers_, calendar_}, ctx, response));
    });
}

std::vector<std::int64_t> Surveys::respond_many(const std::vector<NewResponse>& responses) {
    return store_.write([&] {
        Context ctx;
        std::vector<std::int64_t> ids;
        ids.reserve(responses.size());
        for (std::size_t i = 0; i < responses.size(); ++i) {
            try {
                ids.push_back(record_response({store_, customers_, calendar_}, ctx, responses[i]));
            } catch (const Error& e) {
                // Which response: "responses[3].answers.q1".
                const std::string at = "responses[" + std::to_string(i) + "]";
                throw Error(e.status(), at + "." + e.what(), e.field().empty() ? at : at + "." + e.field(), e.record_id());
            }
        }
        return ids;
    });
}

Response Surveys::response(std::int64_t response_id) const {
    return store_.read([&] { return read_response(store_, response_id); });
}

Page<Response> Surveys::responses(const ResponseQuery& query) const {
    return store_.read([&] {
        if (query.survey_id) detail::require_survey(store_, *query.survey_id, 0, "survey_id", false);
        if (query.customer_id) detail::require_customer({store_, customers_, calendar_}, *query.customer_id, "customer_id");
        const auto bind = [&](SQLite::Statement& s) {
            detail::bind_optional(s, 1, query.survey_id);
            detail::bind_optional(s, 2, query.customer_id);
            detail::bind_optional(s, 3, query.campaign_id);
            return 4;
        };
#define SNOWBALL_RESPONSE_FILTER \
    "WHERE (?1 IS NULL OR survey_id = ?1) AND (?2 IS NULL OR customer_id = ?2) AND (?3 IS NULL OR campaign_id = ?3) "
        // The ids of the page first, then each response whole (its answers come from another table).
        const Page<std::int64_t> ids = detail::read_page<std::int64_t>(
            store_.db(), "SELECT count(*) FROM survey_responses " SNOWBALL_RESPONSE_FILTER,
            "SELECT id FROM survey_responses " SNOWBALL_RESPONSE_FILTER "ORDER BY responded_on DESC, id DESC LIMIT ?4 OFFSET ?5",
            query.limit, query.offset, bind, [](SQLite::Statement& row) { return row.getColumn(0).getInt64(); });
#undef SNOWBALL_RESPONSE_FILTER
        Page<Response> page;
        page.total = ids.total;
        for (std::int64_t id : ids.items) page.items.push_back(read_response(store_, id));
        return page;
    });
}

} // namespace snowball
