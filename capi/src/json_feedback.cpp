// JSON documents of tickets, surveys, campaigns, responses and statistics: a mechanical translation
// of the C++ value types (the settings' form is the core's own, service/service_records.hpp).
#include "json_feedback.hpp"

#include "service/service_records.hpp"
#include "snowball/error.hpp"

namespace snowball::capi {

namespace {

json optional_id(const std::optional<std::int64_t>& id) { return id ? json(*id) : json(nullptr); }
json optional_date(const std::optional<Date>& d) { return d ? json(to_iso(*d)) : json(nullptr); }
json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json null_if_empty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json object_or_empty(const char* text, const char* what) { return text ? parse_object(text, what) : json::object(); }

// The NPS keys of a statistics object: "nps", "nps_ci" [low, high], "nps_std_error", "nps_counts".
void put_nps(json& out, const std::optional<NpsScore>& n) {
    out["nps"] = n ? json(n->nps) : json(nullptr);
    out["nps_ci"] = n ? json::array({n->ci_low, n->ci_high}) : json(nullptr);
    out["nps_std_error"] = n ? json(n->std_error) : json(nullptr);
    out["nps_counts"] = {{"answers", n ? n->answers : 0},
                         {"promoters", n ? n->promoters : 0},
                         {"passives", n ? n->passives : 0},
                         {"detractors", n ? n->detractors : 0}};
}

std::vector<std::int64_t> ids_from(const json* array, const std::string& field) {
    std::vector<std::int64_t> out;
    if (!array) return out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const json& v = (*array)[i];
        if (!v.is_number_integer()) throw_invalid(field + "[" + std::to_string(i) + "]", "must be an integer id");
        out.push_back(v.get<std::int64_t>());
    }
    return out;
}

std::vector<Question> questions_from(const json* array, const std::string& path) {
    std::vector<Question> out;
    if (!array) return out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string at = path + "[" + std::to_string(i) + "]";
        ObjectReader r((*array)[i], at, {"key", "text", "type", "topic", "options"});
        Question q;
        q.key = r.required_text("key");
        q.text = r.required_text("text");
        q.type = parse_question_type(r.required_text("type"), r.field("type"));
        q.topic = r.text("topic").value_or("");
        if (const json* options = r.array("options")) {
            for (std::size_t j = 0; j < options->size(); ++j) {
                const json& o = (*options)[j];
                const std::string ot = r.field("options") + "[" + std::to_string(j) + "]";
                if (o.is_string()) {
                    q.options.push_back({o.get<std::string>(), o.get<std::string>()});
                    continue;
                }
                ObjectReader opt(o, ot, {"key", "label"});
                q.options.push_back({opt.required_text("key"), opt.text("label").value_or("")});
            }
        }
        out.push_back(std::move(q));
    }
    return out;
}

AnswerValue answer_from(const json& v, const std::string& field) {
    if (v.is_null()) return std::monostate{};
    if (v.is_number_integer()) {
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            throw_invalid(field, "is out of range");
        return v.get<std::int64_t>();
    }
    if (v.is_number_float()) return v.get<double>();
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
        std::vector<std::string> out;
        for (const json& item : v) {
            if (!item.is_string()) throw_invalid(field, "a multiple-choice answer is a list of option keys (texts)");
            out.push_back(item.get<std::string>());
        }
        return out;
    }
    throw_invalid(field, "an answer is a number, a text, a list of texts or null");
}

json answer_json(const Answer& a) {
    switch (a.type) {
    case QuestionType::rating5:
    case QuestionType::nps: return a.score ? json(*a.score) : json(nullptr);
    case QuestionType::single: return a.choices.empty() ? json(nullptr) : json(a.choices.front());
    case QuestionType::multi: return json(a.choices);
    case QuestionType::text: return json(a.text);
    }
    return nullptr;
}

json audience_json(const Audience& a) {
    return {{"kind", to_string(a.kind)},
            {"site", null_if_empty(a.site)},
            {"consultant_id", optional_id(a.consultant_id)},
            {"ticket_id", optional_id(a.ticket_id)},
            {"customer_ids", a.customer_ids}};
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Output

json to_json(const Ticket& t) {
    return {{"id", t.id},
            {"uid", t.uid},
            {"number", t.number},
            {"site", null_if_empty(t.site)},
            {"channel", to_string(t.channel)},
            {"kind", to_string(t.kind)},
            {"category", t.category},
            {"severity", to_string(t.severity)},
            {"text", t.text},
            {"customer_id", optional_id(t.customer_id)},
            {"name", t.name},
            {"phone", t.phone},
            {"status", to_string(t.status)},
            {"assignee_id", optional_id(t.assignee_id)},
            {"received_on", to_iso(t.received_on)},
            {"received_by", optional_id(t.received_by)},
            {"acknowledge_due", to_iso(t.due.acknowledge)},
            {"acknowledge_due_estimated", t.due.acknowledge_estimated},
            {"resolve_due", to_iso(t.due.resolve)},
            {"resolve_due_estimated", t.due.resolve_estimated},
            {"acknowledged_on", optional_date(t.acknowledged_on)},
            {"resolved_on", optional_date(t.resolved_on)},
            {"closed_on", optional_date(t.closed_on)},
            {"resolution", t.resolution},
            {"reopened", t.reopened},
            {"response_id", optional_id(t.response_id)},
            {"follow_up_campaign_id", optional_id(t.follow_up_campaign_id)},
            {"created_at", t.created_at},
            {"updated_at", t.updated_at}};
}

json to_json(const TicketEvent& e) {
    return {{"id", e.id},
            {"ticket_id", e.ticket_id},
            {"action", e.action},
            {"from", e.from ? json(to_string(*e.from)) : json(nullptr)},
            {"to", e.to ? json(to_string(*e.to)) : json(nullptr)},
            {"by", optional_id(e.by)},
            {"note", e.note},
            {"assignee_id", optional_id(e.assignee_id)},
            {"customer_id", optional_id(e.customer_id)},
            {"on", to_iso(e.on)},
            {"at", e.at}};
}

json to_json(const Escalation& e) {
    return {{"ticket", to_json(e.ticket)},
            {"deadline", e.deadline},
            {"due", to_iso(e.due)},
            {"working_days_overdue", e.working_days_overdue},
            {"escalate_to", optional_id(e.escalate_to)}};
}

json to_json(const Category& c) { return {{"key", c.key}, {"label", c.label}, {"builtin", c.builtin}}; }

json to_json(const Question& q) {
    return {{"key", q.key}, {"text", q.text}, {"type", to_string(q.type)}, {"topic", q.topic}, {"options", detail::options_json(q.options)}};
}

json to_json(const Survey& s) {
    json questions = json::array();
    for (const Question& q : s.questions) questions.push_back(to_json(q));
    return {{"id", s.id},
            {"uid", s.uid},
            {"site", null_if_empty(s.site)},
            {"version", s.version},
            {"current_version", s.current_version},
            {"title", s.title},
            {"questions", questions},
            {"active", s.active},
            {"responses", s.responses},
            {"created_at", s.created_at},
            {"created_by", optional_id(s.created_by)}};
}

json to_json(const Campaign& c) {
    return {{"id", c.id},
            {"uid", c.uid},
            {"survey_id", c.survey_id},
            {"version", c.version},
            {"site", null_if_empty(c.site)},
            {"name", c.name},
            {"channel", to_string(c.channel)},
            {"audience", audience_json(c.audience)},
            {"send_on", to_iso(c.send_on)},
            {"allow_multiple", c.allow_multiple},
            {"invited", c.invited},
            {"responded", c.responded},
            {"created_at", c.created_at},
            {"created_by", optional_id(c.created_by)}};
}

json to_json(const Response& r) {
    json answers = json::object();
    for (const Answer& a : r.answers) answers[a.question] = answer_json(a);
    return {{"id", r.id},
            {"survey_id", r.survey_id},
            {"version", r.version},
            {"campaign_id", optional_id(r.campaign_id)},
            {"customer_id", r.customer_id},
            {"site", r.site},
            {"consultant_id", optional_id(r.consultant_id)},
            {"channel", to_string(r.channel)},
            {"date", to_iso(r.date)},
            {"answers", answers},
            {"complete", r.complete},
            {"ticket_id", optional_id(r.ticket_id)},
            {"deal_id", optional_id(r.deal_id)},
            {"event", r.event},
            {"opened_ticket_id", optional_id(r.opened_ticket_id)},
            {"recorded_at", r.recorded_at},
            {"recorded_by", optional_id(r.recorded_by)}};
}

json to_json(const SurveyStats& s) {
    json out = {{"survey_id", s.survey_id}, {"responses", s.responses}, {"csat", optional_number(s.csat)},
                {"csat_answers", s.csat_answers}};
    put_nps(out, s.nps);
    json questions = json::array();
    for (const QuestionStats& q : s.questions) {
        json distribution = json::array();
        for (const ValueCount& v : q.distribution) distribution.push_back({{"value", v.value}, {"count", v.count}});
        json j = {{"key", q.key},         {"text", q.text},     {"type", to_string(q.type)},           {"topic", q.topic},
                  {"answered", q.answered}, {"mean", optional_number(q.mean)}, {"distribution", distribution},
                  {"csat", optional_number(q.csat)}};
        put_nps(j, q.nps);
        questions.push_back(std::move(j));
    }
    out["questions"] = questions;
    json topics = json::array();
    for (const TopicStats& t : s.topics) {
        json j = {{"topic", t.topic}, {"answers", t.answers}, {"csat", optional_number(t.csat)}};
        put_nps(j, t.nps);
        topics.push_back(std::move(j));
    }
    out["topics"] = topics;
    json trend = json::array();
    for (const MonthStats& m : s.trend)
        trend.push_back({{"month", m.month}, {"responses", m.responses}, {"csat", optional_number(m.csat)}, {"nps", optional_number(m.nps)}});
    out["trend"] = trend;
    json channels = json::array();
    for (const ChannelStats& c : s.channels)
        channels.push_back({{"channel", to_string(c.channel)}, {"responses", c.responses}, {"invited", c.invited},
                            {"responded", c.responded}, {"rate", optional_number(c.rate)}});
    out["channels"] = channels;
    return out;
}

// ---------------------------------------------------------------------------------------------
// Input

NewTicket new_ticket_from(const char* text) {
    const json doc = parse_object(text, "ticket_json");
    ObjectReader r(doc, "", {"channel", "kind", "category", "severity", "text", "customer_id", "name", "phone", "site",
                             "received_on", "received_by", "assignee_id"});
    NewTicket t;
    t.channel = parse_feedback_channel(r.required_text("channel"), "channel");
    t.kind = parse_feedback_kind(r.required_text("kind"), "kind");
    t.category = r.required_text("category");
    if (auto v = r.text("severity")) t.severity = parse_severity(*v, "severity");
    t.text = r.required_text("text");
    t.customer_id = r.integer("customer_id");
    t.name = r.text("name").value_or("");
    t.phone = r.text("phone").value_or("");
    t.site = r.text("site").value_or("");
    t.received_on = r.date("received_on");
    t.received_by = r.integer("received_by");
    t.assignee_id = r.integer("assignee_id");
    return t;
}

TicketQuery ticket_query_from(const char* text) {
    const json doc = object_or_empty(text, "query_json");
    ObjectReader r(doc, "", {"site", "status", "open_only", "customer_id", "assignee_id", "kind", "category", "severity", "from",
                             "to", "limit", "offset"});
    TicketQuery q;
    q.site = r.text("site").value_or("");
    if (auto v = r.text("status")) q.status = parse_ticket_status(*v, "status");
    if (auto v = r.boolean("open_only")) q.open_only = *v;
    q.customer_id = r.integer("customer_id");
    q.assignee_id = r.integer("assignee_id");
    if (auto v = r.text("kind")) q.kind = parse_feedback_kind(*v, "kind");
    q.category = r.text("category").value_or("");
    if (auto v = r.text("severity")) q.severity = parse_severity(*v, "severity");
    q.from = r.date("from");
    q.to = r.date("to");
    if (auto v = r.int32("limit")) q.limit = *v;
    if (auto v = r.integer("offset")) q.offset = *v;
    return q;
}

OverdueQuery overdue_query_from(const char* text) {
    const json doc = object_or_empty(text, "query_json");
    ObjectReader r(doc, "", {"on", "site", "assignee_id"});
    OverdueQuery q;
    q.on = r.date("on");
    q.site = r.text("site").value_or("");
    q.assignee_id = r.integer("assignee_id");
    return q;
}

Category category_from(const char* text) {
    const json doc = parse_object(text, "category_json");
    ObjectReader r(doc, "", {"key", "label"});
    Category c;
    c.key = r.required_text("key");
    c.label = r.required_text("label");
    return c;
}

FeedbackSettingsUpdate settings_update_from(const char* text) {
    const json doc = parse_object(text, "settings_json");
    ObjectReader r(doc, "", {"deadlines", "escalate_after_days", "follow_up_survey_id", "follow_up_channel", "follow_up_after_days",
                             "low_rating5", "low_nps", "low_score_severity"});
    FeedbackSettingsUpdate u;
    if (const json* deadlines = r.object("deadlines")) {
        for (auto it = deadlines->begin(); it != deadlines->end(); ++it) {
            const std::string at = "deadlines." + it.key();
            const Severity severity = parse_severity(it.key(), at);
            ObjectReader d(*it, at, {"acknowledge_days", "resolve_days"});
            const auto ack = d.int32("acknowledge_days");
            const auto resolve = d.int32("resolve_days");
            if (!ack) throw_invalid(d.field("acknowledge_days"), "is required");
            if (!resolve) throw_invalid(d.field("resolve_days"), "is required");
            u.deadlines[severity] = {*ack, *resolve};
        }
    }
    u.escalate_after_days = r.int32("escalate_after_days");
    u.follow_up_survey_id = r.nullable_integer("follow_up_survey_id");
    if (auto v = r.text("follow_up_channel")) u.follow_up_channel = parse_survey_channel(*v, "follow_up_channel");
    u.follow_up_after_days = r.int32("follow_up_after_days");
    for (const auto& [key, target] : {std::pair{"low_rating5", &u.low_rating5}, std::pair{"low_nps", &u.low_nps}}) {
        if (const auto v = r.nullable_integer(key)) {
            if (*v && (**v < INT32_MIN || **v > INT32_MAX)) throw_invalid(key, "is out of range");
            *target = *v ? std::optional<int>(static_cast<int>(**v)) : std::nullopt;
        }
    }
    if (auto v = r.text("low_score_severity")) u.low_score_severity = parse_severity(*v, "low_score_severity");
    return u;
}

NewSurvey new_survey_from(const char* text) {
    const json doc = parse_object(text, "survey_json");
    ObjectReader r(doc, "", {"title", "questions", "site", "by"});
    NewSurvey s;
    s.title = r.required_text("title");
    const json* questions = r.array("questions");
    if (!questions) throw_invalid("questions", "is required");
    s.questions = questions_from(questions, "questions");
    s.site = r.text("site").value_or("");
    s.by = r.integer("by");
    return s;
}

SurveyUpdate survey_update_from(const char* text) {
    const json doc = parse_object(text, "update_json");
    ObjectReader r(doc, "", {"title", "questions", "active", "by"});
    SurveyUpdate u;
    u.title = r.text("title");
    if (const json* questions = r.array("questions")) u.questions = questions_from(questions, "questions");
    u.active = r.boolean("active");
    u.by = r.integer("by");
    return u;
}

NewCampaign new_campaign_from(const char* text) {
    const json doc = parse_object(text, "campaign_json");
    ObjectReader r(doc, "", {"survey_id", "channel", "audience", "name", "send_on", "allow_multiple", "by"});
    NewCampaign c;
    const auto survey = r.integer("survey_id");
    if (!survey) throw_invalid("survey_id", "is required");
    c.survey_id = *survey;
    c.channel = parse_survey_channel(r.required_text("channel"), "channel");
    const json* audience = r.object("audience");
    if (!audience) throw_invalid("audience", "is required");
    ObjectReader a(*audience, "audience", {"kind", "site", "consultant_id", "ticket_id", "customer_ids"});
    c.audience.kind = parse_audience_kind(a.required_text("kind"), "audience.kind");
    c.audience.site = a.text("site").value_or("");
    c.audience.consultant_id = a.integer("consultant_id");
    c.audience.ticket_id = a.integer("ticket_id");
    c.audience.customer_ids = ids_from(a.array("customer_ids"), "audience.customer_ids");
    c.name = r.text("name").value_or("");
    c.send_on = r.date("send_on");
    if (auto v = r.boolean("allow_multiple")) c.allow_multiple = *v;
    c.by = r.integer("by");
    return c;
}

NewResponse new_response_from(const json& object, const std::string& path) {
    ObjectReader r(object, path, {"survey_id", "customer_id", "answers", "channel", "campaign_id", "ticket_id", "deal_id", "event",
                                  "date", "by"});
    NewResponse n;
    const auto survey = r.integer("survey_id");
    if (!survey) throw_invalid(r.field("survey_id"), "is required");
    n.survey_id = *survey;
    const auto customer = r.integer("customer_id");
    if (!customer) throw_invalid(r.field("customer_id"), "is required");
    n.customer_id = *customer;
    const json* answers = r.object("answers");
    if (!answers) throw_invalid(r.field("answers"), "is required: {question key: answer}");
    for (auto it = answers->begin(); it != answers->end(); ++it)
        n.answers[it.key()] = answer_from(*it, r.field("answers") + "." + it.key());
    if (auto v = r.text("channel")) n.channel = parse_survey_channel(*v, r.field("channel"));
    n.campaign_id = r.integer("campaign_id");
    n.ticket_id = r.integer("ticket_id");
    n.deal_id = r.integer("deal_id");
    n.event = r.text("event").value_or("");
    n.date = r.date("date");
    n.by = r.integer("by");
    return n;
}

ResponseQuery response_query_from(const char* text) {
    const json doc = object_or_empty(text, "query_json");
    ObjectReader r(doc, "", {"survey_id", "customer_id", "campaign_id", "limit", "offset"});
    ResponseQuery q;
    q.survey_id = r.integer("survey_id");
    q.customer_id = r.integer("customer_id");
    q.campaign_id = r.integer("campaign_id");
    if (auto v = r.int32("limit")) q.limit = *v;
    if (auto v = r.integer("offset")) q.offset = *v;
    return q;
}

StatsQuery stats_query_from(const char* text) {
    const json doc = object_or_empty(text, "query_json");
    ObjectReader r(doc, "", {"site", "consultant_id", "topic", "from", "to", "version"});
    StatsQuery q;
    q.site = r.text("site").value_or("");
    q.consultant_id = r.integer("consultant_id");
    q.topic = r.text("topic").value_or("");
    q.from = r.date("from");
    q.to = r.date("to");
    q.version = r.int32("version");
    return q;
}

} // namespace snowball::capi
