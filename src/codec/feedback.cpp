#include "codec/feedback.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(feedback)

namespace snowball::codec {

namespace {

constexpr Severity severities[] = {Severity::low, Severity::normal, Severity::high, Severity::urgent};

// The reader of an output-only custom field: never called.
template <class M>
void unread(const json&, const std::string&, M&) {}

// A record's NPS, written flat: "nps", "nps_ci" [low, high], "nps_std_error" (null without answers)
// and "nps_counts" (zeros without answers).
template <class T>
auto nps_fields(std::optional<NpsScore> T::*member) {
    return std::make_tuple(
        custom("nps", member, [](const std::optional<NpsScore>& n) { return n ? json(n->nps) : json(nullptr); },
               unread<std::optional<NpsScore>>, Use::output),
        computed<T>("nps_ci",
                    [member](const T& v) {
                        const auto& n = v.*member;
                        return n ? json::array({n->ci_low, n->ci_high}) : json(nullptr);
                    }),
        computed<T>("nps_std_error",
                    [member](const T& v) {
                        const auto& n = v.*member;
                        return n ? json(n->std_error) : json(nullptr);
                    }),
        computed<T>("nps_counts", [member](const T& v) {
            const auto& n = v.*member;
            return json(n ? NpsCounts{n->answers, n->promoters, n->passives, n->detractors} : NpsCounts{});
        }));
}

// Deadlines by severity: {"low" | "normal" | "high" | "urgent" (or a Chinese term): deadline}.
template <class Put>
void read_deadlines(const json& j, const std::string& field, Put put) {
    if (!j.is_object()) throw_invalid(field, "must be an object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string at = join(field, it.key());
        const Severity severity = parse_severity(it.key(), at);
        put(severity, codec::read<Deadline>(*it, at));
    }
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Samples of the values that are not records of their own

template <>
struct Samples<NpsScore> {
    static NpsScore make(bool) { return {12.5, 1.5, 23.5, 5.5, 7, 4, 1, 2}; }
};
template <>
struct Samples<DueDates> {
    static DueDates make(bool) { return {Date(2026, 1, 2), true, Date(2026, 1, 9), true}; }
};
template <>
struct Samples<std::array<Deadline, 4>> {
    static std::array<Deadline, 4> make(bool) { return {Deadline{3, 15}, Deadline{2, 10}, Deadline{1, 5}, Deadline{1, 3}}; }
};
template <>
struct Samples<Answer> {
    static Answer make(bool) {
        Answer a;
        a.question = "quality";
        a.type = QuestionType::rating5;
        a.score = 4;
        return a;
    }
};

// ---------------------------------------------------------------------------------------------
// Complaints

template <>
struct Record<NpsCounts> {
    static auto fields() {
        return std::make_tuple(out("answers", &NpsCounts::answers), out("promoters", &NpsCounts::promoters),
                               out("passives", &NpsCounts::passives), out("detractors", &NpsCounts::detractors));
    }
};

template <>
struct Record<Deadline> {
    static auto fields() {
        return std::make_tuple(required("acknowledge_days", &Deadline::acknowledge_days), required("resolve_days", &Deadline::resolve_days));
    }
};

template <>
struct Record<Category> {
    static auto fields() {
        return std::make_tuple(required("key", &Category::key), required("label", &Category::label), out("builtin", &Category::builtin));
    }
};

template <>
struct Record<FeedbackSettings> {
    using S = FeedbackSettings;
    static auto fields() {
        return std::make_tuple(
            out("site", &S::site),
            custom("deadlines", &S::deadlines,
                   [](const std::array<Deadline, 4>& deadlines) {
                       json out = json::object();
                       for (Severity s : severities) out[to_string(s)] = deadlines[static_cast<std::size_t>(s)];
                       return out;
                   },
                   // A severity left out keeps its deadline.
                   [](const json& j, const std::string& f, std::array<Deadline, 4>& deadlines) {
                       read_deadlines(j, f, [&](Severity s, const Deadline& d) { deadlines[static_cast<std::size_t>(s)] = d; });
                   }),
            field("escalate_after_days", &S::escalate_after_days), field("follow_up_survey_id", &S::follow_up_survey_id),
            field("follow_up_channel", &S::follow_up_channel), field("follow_up_after_days", &S::follow_up_after_days),
            field("low_rating5", &S::low_rating5), field("low_nps", &S::low_nps), field("low_score_severity", &S::low_score_severity));
    }
};

template <>
struct Record<FeedbackSettingsUpdate> {
    using U = FeedbackSettingsUpdate;
    static auto fields() {
        return std::make_tuple(
            custom("deadlines", &U::deadlines, [](const std::map<Severity, Deadline>&) { return json(nullptr); },
                   [](const json& j, const std::string& f, std::map<Severity, Deadline>& deadlines) {
                       read_deadlines(j, f, [&](Severity s, const Deadline& d) { deadlines[s] = d; });
                   },
                   Use::input),
            in("escalate_after_days", &U::escalate_after_days), in("follow_up_survey_id", &U::follow_up_survey_id),
            in("follow_up_channel", &U::follow_up_channel), in("follow_up_after_days", &U::follow_up_after_days),
            in("low_rating5", &U::low_rating5), in("low_nps", &U::low_nps), in("low_score_severity", &U::low_score_severity));
    }
};

template <>
struct Record<NewTicket> {
    using N = NewTicket;
    static auto fields() {
        return std::make_tuple(required("channel", &N::channel), required("kind", &N::kind), required("category", &N::category),
                               in("severity", &N::severity), required("text", &N::text), in("customer_id", &N::customer_id),
                               in("name", &N::name), in("phone", &N::phone), in("site", &N::site),
                               in("received_on", &N::received_on), in("received_by", &N::received_by),
                               in("assignee_id", &N::assignee_id));
    }
};

template <>
struct Record<Ticket> {
    using T = Ticket;
    static auto fields() {
        return std::make_tuple(
            out("id", &T::id), out("uid", &T::uid), out("number", &T::number), nullable_text("site", &T::site),
            out("channel", &T::channel), out("kind", &T::kind), out("category", &T::category), out("severity", &T::severity),
            out("text", &T::text), out("customer_id", &T::customer_id), out("name", &T::name), out("phone", &T::phone),
            out("status", &T::status), computed<T>("open", [](const T& t) { return is_open(t.status); }),
            out("assignee_id", &T::assignee_id), out("received_on", &T::received_on), out("received_by", &T::received_by),
            custom("acknowledge_due", &T::due, [](const DueDates& d) { return json(d.acknowledge); }, unread<DueDates>, Use::output),
            computed<T>("acknowledge_due_estimated", [](const T& t) { return t.due.acknowledge_estimated; }),
            computed<T>("resolve_due", [](const T& t) { return json(t.due.resolve); }),
            computed<T>("resolve_due_estimated", [](const T& t) { return t.due.resolve_estimated; }),
            out("acknowledged_on", &T::acknowledged_on), out("resolved_on", &T::resolved_on), out("closed_on", &T::closed_on),
            out("resolution", &T::resolution), out("reopened", &T::reopened), out("response_id", &T::response_id),
            out("follow_up_campaign_id", &T::follow_up_campaign_id), out("created_at", &T::created_at),
            out("updated_at", &T::updated_at));
    }
};

template <>
struct Record<TicketEvent> {
    using E = TicketEvent;
    static auto fields() {
        return std::make_tuple(out("id", &E::id), out("ticket_id", &E::ticket_id), out("action", &E::action), out("from", &E::from),
                               out("to", &E::to), out("by", &E::by), out("note", &E::note), out("assignee_id", &E::assignee_id),
                               out("customer_id", &E::customer_id), out("on", &E::on), out("at", &E::at));
    }
};

template <>
struct Record<TicketQuery> {
    using Q = TicketQuery;
    static auto fields() {
        return std::make_tuple(in("site", &Q::site), in("status", &Q::status), in("open_only", &Q::open_only),
                               in("customer_id", &Q::customer_id), in("assignee_id", &Q::assignee_id), in("kind", &Q::kind),
                               in("category", &Q::category), in("severity", &Q::severity), in("from", &Q::from), in("to", &Q::to),
                               in("limit", &Q::limit), in("offset", &Q::offset));
    }
};

template <>
struct Record<OverdueQuery> {
    static auto fields() {
        return std::make_tuple(in("on", &OverdueQuery::on), in("site", &OverdueQuery::site), in("assignee_id", &OverdueQuery::assignee_id));
    }
};

template <>
struct Record<Escalation> {
    using E = Escalation;
    static auto fields() {
        return std::make_tuple(out("ticket", &E::ticket), out("deadline", &E::deadline), out("due", &E::due),
                               out("working_days_overdue", &E::working_days_overdue), out("escalate_to", &E::escalate_to));
    }
};

// ---------------------------------------------------------------------------------------------
// Surveys

template <>
struct Record<QuestionOption> {
    static auto fields() { return std::make_tuple(required("key", &QuestionOption::key), field("label", &QuestionOption::label)); }
};

template <>
struct Record<Question> {
    using Q = Question;
    static auto fields() {
        return std::make_tuple(required("key", &Q::key), required("text", &Q::text), required("type", &Q::type), field("topic", &Q::topic),
                               field("options", &Q::options));
    }
};

template <>
struct Record<Survey> {
    using S = Survey;
    static auto fields() {
        return std::make_tuple(out("id", &S::id), out("uid", &S::uid), nullable_text("site", &S::site), out("version", &S::version),
                               out("current_version", &S::current_version), out("title", &S::title), out("questions", &S::questions),
                               out("active", &S::active), out("responses", &S::responses), out("created_at", &S::created_at),
                               out("created_by", &S::created_by));
    }
};

template <>
struct Record<NewSurvey> {
    static auto fields() {
        return std::make_tuple(required("title", &NewSurvey::title), required("questions", &NewSurvey::questions),
                               in("site", &NewSurvey::site), in("by", &NewSurvey::by));
    }
};

template <>
struct Record<SurveyUpdate> {
    static auto fields() {
        return std::make_tuple(in("title", &SurveyUpdate::title), in("questions", &SurveyUpdate::questions),
                               in("active", &SurveyUpdate::active), in("by", &SurveyUpdate::by));
    }
};

template <>
struct Record<Audience> {
    using A = Audience;
    static auto fields() {
        return std::make_tuple(required("kind", &A::kind), nullable_text("site", &A::site, Use::both),
                               field("consultant_id", &A::consultant_id), field("ticket_id", &A::ticket_id),
                               field("customer_ids", &A::customer_ids));
    }
};

template <>
struct Record<NewCampaign> {
    using N = NewCampaign;
    static auto fields() {
        return std::make_tuple(required("survey_id", &N::survey_id), required("channel", &N::channel), required("audience", &N::audience),
                               in("name", &N::name), in("send_on", &N::send_on), in("allow_multiple", &N::allow_multiple),
                               in("by", &N::by));
    }
};

template <>
struct Record<Campaign> {
    using C = Campaign;
    static auto fields() {
        return std::make_tuple(
            out("id", &C::id), out("uid", &C::uid), out("survey_id", &C::survey_id), out("version", &C::version),
            nullable_text("site", &C::site), out("name", &C::name), out("channel", &C::channel), out("audience", &C::audience),
            out("send_on", &C::send_on), out("allow_multiple", &C::allow_multiple), out("invited", &C::invited),
            out("responded", &C::responded),
            computed<C>("response_rate",
                        [](const C& c) { return response_rate(c.responded, static_cast<std::int64_t>(c.invited.size())); }),
            out("created_at", &C::created_at), out("created_by", &C::created_by));
    }
};

template <>
struct Record<NewResponse> {
    using N = NewResponse;
    static auto fields() {
        return std::make_tuple(required("survey_id", &N::survey_id), required("customer_id", &N::customer_id),
                               required("answers", &N::answers), in("channel", &N::channel), in("campaign_id", &N::campaign_id),
                               in("ticket_id", &N::ticket_id), in("deal_id", &N::deal_id), in("event", &N::event), in("date", &N::date),
                               in("by", &N::by));
    }
};

template <>
struct Record<Response> {
    using R = Response;
    static auto fields() {
        return std::make_tuple(
            out("id", &R::id), out("survey_id", &R::survey_id), out("version", &R::version), out("campaign_id", &R::campaign_id),
            out("customer_id", &R::customer_id), out("site", &R::site), out("consultant_id", &R::consultant_id),
            out("channel", &R::channel), out("date", &R::date),
            custom("answers", &R::answers,
                   [](const std::vector<Answer>& answers) {
                       json out = json::object();
                       for (const Answer& a : answers) out[a.question] = a;
                       return out;
                   },
                   unread<std::vector<Answer>>, Use::output),
            out("complete", &R::complete), out("ticket_id", &R::ticket_id), out("deal_id", &R::deal_id), out("event", &R::event),
            out("opened_ticket_id", &R::opened_ticket_id), out("recorded_at", &R::recorded_at), out("recorded_by", &R::recorded_by));
    }
};

template <>
struct Record<ResponseQuery> {
    using Q = ResponseQuery;
    static auto fields() {
        return std::make_tuple(in("survey_id", &Q::survey_id), in("customer_id", &Q::customer_id), in("campaign_id", &Q::campaign_id),
                               in("limit", &Q::limit), in("offset", &Q::offset));
    }
};

// ---------------------------------------------------------------------------------------------
// Statistics

template <>
struct Record<ValueCount> {
    static auto fields() { return std::make_tuple(out("value", &ValueCount::value), out("count", &ValueCount::count)); }
};

template <>
struct Record<QuestionStats> {
    using Q = QuestionStats;
    static auto fields() {
        return std::tuple_cat(std::make_tuple(out("key", &Q::key), out("text", &Q::text), out("type", &Q::type), out("topic", &Q::topic),
                                              out("answered", &Q::answered), out("mean", &Q::mean),
                                              out("distribution", &Q::distribution), out("csat", &Q::csat)),
                              nps_fields(&Q::nps));
    }
};

template <>
struct Record<TopicStats> {
    using T = TopicStats;
    static auto fields() {
        return std::tuple_cat(std::make_tuple(out("topic", &T::topic), out("answers", &T::answers), out("csat", &T::csat)),
                              nps_fields(&T::nps));
    }
};

template <>
struct Record<MonthStats> {
    using M = MonthStats;
    static auto fields() {
        return std::make_tuple(out("month", &M::month), out("responses", &M::responses), out("csat", &M::csat), out("nps", &M::nps));
    }
};

template <>
struct Record<ChannelStats> {
    using C = ChannelStats;
    static auto fields() {
        return std::make_tuple(out("channel", &C::channel), out("responses", &C::responses), out("invited", &C::invited),
                               out("responded", &C::responded), out("rate", &C::rate));
    }
};

template <>
struct Record<StatsQuery> {
    using Q = StatsQuery;
    static auto fields() {
        return std::make_tuple(in("site", &Q::site), in("consultant_id", &Q::consultant_id), in("topic", &Q::topic), in("from", &Q::from),
                               in("to", &Q::to), in("version", &Q::version));
    }
};

template <>
struct Record<SurveyStats> {
    using S = SurveyStats;
    static auto fields() {
        return std::tuple_cat(std::make_tuple(out("survey_id", &S::survey_id), out("responses", &S::responses), out("csat", &S::csat),
                                              out("csat_answers", &S::csat_answers)),
                              nps_fields(&S::nps),
                              std::make_tuple(out("questions", &S::questions), out("topics", &S::topics), out("trend", &S::trend),
                                              out("channels", &S::channels)));
    }
};

// ---------------------------------------------------------------------------------------------
// What is stored

std::string stored_settings(const FeedbackSettings& settings) {
    json document = settings;
    document.erase("site");   // the row's site_id says which
    return dump(document);
}

FeedbackSettings read_stored_settings(std::string_view text, const std::string& site) {
    FeedbackSettings s = codec::read<FeedbackSettings>(parse(text, "feedback_settings.settings"), "settings");
    s.site = site;
    return s;
}

std::string stored_options(const std::vector<QuestionOption>& options) { return dump(json(options)); }

std::vector<QuestionOption> read_stored_options(std::string_view text) {
    return codec::read<std::vector<QuestionOption>>(parse(text, "survey_questions.options"), "options");
}

std::string stored_choices(const std::vector<std::string>& choices) { return dump(json(choices)); }

std::vector<std::string> read_stored_choices(std::string_view text) {
    return codec::read<std::vector<std::string>>(parse(text, "survey_answers.choice"), "choice");
}

} // namespace snowball::codec

// ---------------------------------------------------------------------------------------------
// Writers and readers

SNOWBALL_CODEC_WRITER(codec::NpsCounts)
SNOWBALL_CODEC_WRITER(Deadline)
SNOWBALL_CODEC_READER(Deadline)
SNOWBALL_CODEC_WRITER(Category)
SNOWBALL_CODEC_READER(Category)
SNOWBALL_CODEC_WRITER(FeedbackSettings)
SNOWBALL_CODEC_READER(FeedbackSettingsUpdate)
SNOWBALL_CODEC_READER(NewTicket)
SNOWBALL_CODEC_WRITER(Ticket)
SNOWBALL_CODEC_WRITER(TicketEvent)
SNOWBALL_CODEC_READER(TicketQuery)
SNOWBALL_CODEC_READER(OverdueQuery)
SNOWBALL_CODEC_WRITER(Escalation)
SNOWBALL_CODEC_WRITER(QuestionOption)
SNOWBALL_CODEC_WRITER(Question)
SNOWBALL_CODEC_READER(Question)
SNOWBALL_CODEC_WRITER(Survey)
SNOWBALL_CODEC_READER(NewSurvey)
SNOWBALL_CODEC_READER(SurveyUpdate)
SNOWBALL_CODEC_WRITER(Audience)
SNOWBALL_CODEC_READER(Audience)
SNOWBALL_CODEC_READER(NewCampaign)
SNOWBALL_CODEC_WRITER(Campaign)
SNOWBALL_CODEC_READER(NewResponse)
SNOWBALL_CODEC_WRITER(Response)
SNOWBALL_CODEC_READER(ResponseQuery)
SNOWBALL_CODEC_WRITER(ValueCount)
SNOWBALL_CODEC_WRITER(QuestionStats)
SNOWBALL_CODEC_WRITER(TopicStats)
SNOWBALL_CODEC_WRITER(MonthStats)
SNOWBALL_CODEC_WRITER(ChannelStats)
SNOWBALL_CODEC_READER(StatsQuery)
SNOWBALL_CODEC_WRITER(SurveyStats)

// Settings read from storage start from the defaults: a key missing keeps its default.
void snowball::codec::Reads<FeedbackSettings>::read(const json& j, const std::string& field, FeedbackSettings& value) {
    value = default_feedback_settings();
    read_fields(j, field, value);
}

// An option given as a plain text is its key and its label.
void snowball::codec::Reads<QuestionOption>::read(const json& j, const std::string& field, QuestionOption& value) {
    if (j.is_string()) {
        value = {j.get<std::string>(), j.get<std::string>()};
        return;
    }
    value = QuestionOption{};
    read_fields(j, field, value);
}

void snowball::codec::Reads<AnswerValue>::read(const json& j, const std::string& field, AnswerValue& value) {
    if (j.is_null()) {
        value = std::monostate{};
    } else if (j.is_number_integer()) {
        value = integer_value(j, field);
    } else if (j.is_number_float()) {
        value = j.get<double>();
    } else if (j.is_string()) {
        value = j.get<std::string>();
    } else if (j.is_array()) {
        std::vector<std::string> keys;
        for (const json& item : j) {
            if (!item.is_string()) throw_invalid(field, "a multiple-choice answer is a list of option keys (texts)");
            keys.push_back(item.get<std::string>());
        }
        value = std::move(keys);
    } else {
        throw_invalid(field, "an answer is a number, a text, a list of texts or null");
    }
}

void nlohmann::adl_serializer<Answer>::to_json(json& j, const Answer& a) {
    switch (a.type) {
    case QuestionType::rating5:
    case QuestionType::nps: j = a.score; return;
    case QuestionType::single: j = a.choices.empty() ? json(nullptr) : json(a.choices.front()); return;
    case QuestionType::multi: j = a.choices; return;
    case QuestionType::text: j = a.text; return;
    }
    j = nullptr;
}
