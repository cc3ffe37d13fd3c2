// Questionnaires (versioned) and campaigns.
#include "archive/merge_journal.hpp"
#include "archive/records.hpp"
#include "privacy/access.hpp"
#include "codec/feedback.hpp"
#include "common/text.hpp"
#include "service/service_records.hpp"
#include "service/survey_records.hpp"

#include <algorithm>
#include <set>

namespace snowball {

using detail::Query;

namespace {

constexpr std::size_t max_questions = 100;

bool has_options(QuestionType type) { return type == QuestionType::single || type == QuestionType::multi; }

// Columns: id, uid, site code, current version, active; then the version's title, created_at, created_by.
Survey read_survey_head(SQLite::Statement& q) {
    Survey s;
    s.id = q.getColumn(0).getInt64();
    s.uid = q.getColumn(1).getString();
    if (!q.isColumnNull(2)) s.site = q.getColumn(2).getString();
    s.current_version = q.getColumn(3).getInt();
    s.active = q.getColumn(4).getInt() != 0;
    return s;
}

// The responses to one version. A survey that has only ever had one version: all of its responses,
// counted in the (survey, date) index alone; otherwise each response's version is read.
std::int64_t count_responses(detail::Store& store, std::int64_t survey_id, int version, int versions) {
    if (versions == 1) {
        Query q(store, "SELECT count(*) FROM survey_responses WHERE survey_id = ?");
        q->bind(1, survey_id);
        q->executeStep();
        return q->getColumn(0).getInt64();
    }
    Query q(store, "SELECT count(*) FROM survey_responses WHERE survey_id = ? AND version = ?");
    q->bind(1, survey_id);
    q->bind(2, version);
    q->executeStep();
    return q->getColumn(0).getInt64();
}

// A version is frozen once it has responses or a campaign was sent with it.
bool frozen(detail::Store& store, std::int64_t survey_id, int version) {
    Query q(store, "SELECT EXISTS (SELECT 1 FROM survey_responses WHERE survey_id = ?1 AND version = ?2) "
                   "OR EXISTS (SELECT 1 FROM survey_campaigns WHERE survey_id = ?1 AND version = ?2)");
    q->bind(1, survey_id);
    q->bind(2, version);
    q->executeStep();
    return q->getColumn(0).getInt() != 0;
}

void insert_questions(detail::Store& store, std::int64_t survey_id, int version, const std::vector<Question>& questions) {
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const Question& qn = questions[i];
        Query q(store, "INSERT INTO survey_questions(survey_id, version, position, key, type, topic, text, options) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        q->bind(1, survey_id);
        q->bind(2, version);
        q->bind(3, static_cast<int>(i));
        q->bind(4, qn.key);
        q->bind(5, to_string(qn.type));
        q->bind(6, qn.topic);
        q->bind(7, qn.text);
        q->bind(8, codec::stored_options(qn.options));
        q->exec();
    }
}

void insert_version(detail::Store& store, std::int64_t survey_id, int version, const std::string& title,
                    const std::vector<Question>& questions, std::optional<std::int64_t> by) {
    Query v(store, "INSERT INTO survey_versions(survey_id, version, title, created_at, created_by) VALUES (?, ?, ?, ?, ?)");
    v->bind(1, survey_id);
    v->bind(2, version);
    v->bind(3, title);
    v->bind(4, text::now_utc());
    detail::bind_optional(*v, 5, by);
    v->exec();
    insert_questions(store, survey_id, version, questions);
}

// Within a survey a key keeps its type across versions: statistics add up a key's answers.
void check_types_kept(detail::Store& store, std::int64_t survey_id, const std::vector<Question>& questions) {
    Query q(store, "SELECT key, type, max(version) FROM survey_questions WHERE survey_id = ? GROUP BY key, type");
    q->bind(1, survey_id);
    while (q->executeStep()) {
        const std::string key = q->getColumn(0).getString();
        const QuestionType type = parse_question_type(q->getColumn(1).getText());
        for (std::size_t i = 0; i < questions.size(); ++i)
            if (questions[i].key == key && questions[i].type != type)
                throw_invalid("questions[" + std::to_string(i) + "].type",
                              "question '" + key + "' was a " + to_string(type) + " question in version " +
                                  std::to_string(q->getColumn(2).getInt()) + "; a key keeps its type (give a new key)");
    }
}

std::vector<std::int64_t> audience_customers(detail::Store& store, const char* sql, std::int64_t id) {
    Query q(store, sql);
    q->bind(1, id);
    std::vector<std::int64_t> out;
    while (q->executeStep()) out.push_back(q->getColumn(0).getInt64());
    return out;
}

Campaign read_campaign(detail::Store& store, std::int64_t id) {
    Query q(store, "SELECT c.id, c.uid, c.survey_id, c.version, s.code, c.name, c.channel, c.audience, c.audience_consultant_id, "
                   "c.audience_ticket_id, c.send_on, c.allow_multiple, c.created_at, c.created_by "
                   "FROM survey_campaigns c LEFT JOIN sites s ON s.id = c.site_id WHERE c.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, "campaign_id: no campaign with id " + std::to_string(id), "campaign_id");
    Campaign c;
    c.id = q->getColumn(0).getInt64();
    c.uid = q->getColumn(1).getString();
    c.survey_id = q->getColumn(2).getInt64();
    c.version = q->getColumn(3).getInt();
    if (!q->isColumnNull(4)) c.site = q->getColumn(4).getString();
    c.name = q->getColumn(5).getString();
    c.channel = parse_survey_channel(q->getColumn(6).getText());
    c.audience.kind = parse_audience_kind(q->getColumn(7).getText());
    if (!q->isColumnNull(8)) c.audience.consultant_id = q->getColumn(8).getInt64();
    if (!q->isColumnNull(9)) c.audience.ticket_id = q->getColumn(9).getInt64();
    c.send_on = parse_date(q->getColumn(10).getText());
    c.allow_multiple = q->getColumn(11).getInt() != 0;
    c.created_at = q->getColumn(12).getString();
    if (!q->isColumnNull(13)) c.created_by = q->getColumn(13).getInt64();
    Query invited(store, "SELECT customer_id FROM survey_invitations WHERE campaign_id = ? ORDER BY customer_id");
    invited->bind(1, id);
    while (invited->executeStep()) c.invited.push_back(invited->getColumn(0).getInt64());
    if (c.audience.kind == AudienceKind::site_owners) c.audience.site = c.site;
    if (c.audience.kind == AudienceKind::customers) c.audience.customer_ids = c.invited;
    Query responded(store, "SELECT count(DISTINCT customer_id) FROM survey_responses WHERE campaign_id = ?");
    responded->bind(1, id);
    responded->executeStep();
    c.responded = responded->getColumn(0).getInt64();
    return c;
}

} // namespace

namespace detail {

std::vector<Question> checked_questions(const std::vector<Question>& input) {
    if (input.empty()) throw_invalid("questions", "a survey asks at least one question");
    if (input.size() > max_questions) throw_invalid("questions", "a survey asks at most 100 questions");
    std::vector<Question> out;
    std::set<std::string> keys;
    for (std::size_t i = 0; i < input.size(); ++i) {
        const std::string at = "questions[" + std::to_string(i) + "]";
        Question q;
        q.key = std::string(text::trim(input[i].key));
        if (!text::is_key(q.key))
            throw_invalid(at + ".key", "'" + input[i].key + "' is not a key: a-z, 0-9 and _, starting with a letter, at most 40");
        if (!keys.insert(q.key).second) throw_invalid(at + ".key", "'" + q.key + "' is asked twice");
        q.text = text::clean(input[i].text, at + ".text", 500, true, text::Lines::multi);
        q.type = input[i].type;
        q.topic = text::lower_ascii(text::trim(input[i].topic));
        if (q.topic.empty()) q.topic = "general";
        if (!text::is_key(q.topic)) throw_invalid(at + ".topic", "'" + input[i].topic + "' is not a key: a-z, 0-9 and _, starting with a letter");
        if (!has_options(q.type)) {
            if (!input[i].options.empty()) throw_invalid(at + ".options", "only single and multi questions have options");
        } else {
            if (input[i].options.size() < 2) throw_invalid(at + ".options", "a choice needs at least two options");
            std::set<std::string> seen;
            for (std::size_t j = 0; j < input[i].options.size(); ++j) {
                const std::string ot = at + ".options[" + std::to_string(j) + "]";
                QuestionOption o;
                o.key = text::clean(input[i].options[j].key, ot + ".key", 100, true);
                o.label = text::clean(input[i].options[j].label, ot + ".label", 100, false);
                if (o.label.empty()) o.label = o.key;
                if (!seen.insert(o.key).second) throw_invalid(ot + ".key", "'" + o.key + "' is listed twice");
                q.options.push_back(std::move(o));
            }
        }
        out.push_back(std::move(q));
    }
    return out;
}

std::vector<Question> questions_of(Store& store, std::int64_t survey_id, int version) {
    Query q(store, "SELECT key, type, topic, text, options FROM survey_questions WHERE survey_id = ? AND version = ? ORDER BY position");
    q->bind(1, survey_id);
    q->bind(2, version);
    std::vector<Question> out;
    while (q->executeStep()) {
        Question qn;
        qn.key = q->getColumn(0).getString();
        qn.type = parse_question_type(q->getColumn(1).getText());
        qn.topic = q->getColumn(2).getString();
        qn.text = q->getColumn(3).getString();
        qn.options = codec::read_stored_options(q->getColumn(4).getText());
        out.push_back(std::move(qn));
    }
    return out;
}

Survey require_survey(Store& store, std::int64_t id, int version, const std::string& field, bool with_count) {
    Query q(store, "SELECT v.id, v.uid, s.code, v.version, v.active FROM surveys v LEFT JOIN sites s ON s.id = v.site_id WHERE v.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, field + ": no survey with id " + std::to_string(id), field);
    Survey s = read_survey_head(*q);
    s.version = version == 0 ? s.current_version : version;
    Query v(store, "SELECT title, created_at, created_by FROM survey_versions WHERE survey_id = ? AND version = ?");
    v->bind(1, id);
    v->bind(2, s.version);
    if (!v->executeStep())
        throw Error(Status::not_found, "version: survey " + std::to_string(id) + " has no version " + std::to_string(version) +
                                           " (versions 1.." + std::to_string(s.current_version) + ")",
                    "version");
    s.title = v->getColumn(0).getString();
    s.created_at = v->getColumn(1).getString();
    if (!v->isColumnNull(2)) s.created_by = v->getColumn(2).getInt64();
    s.questions = questions_of(store, id, s.version);
    if (with_count) s.responses = count_responses(store, id, s.version, s.current_version);
    return s;
}

Campaign create_campaign(const Services& s, const NewCampaign& input) {
    Store& store = s.store;
    const std::string name = text::clean(input.name, "name", 100, false);
    const Survey survey = require_survey(store, input.survey_id, 0, "survey_id", false);
    if (!survey.active)
        throw Error(Status::invalid_state, "survey_id: survey " + std::to_string(survey.id) + " is inactive", "survey_id", survey.id);
    const Date today = today_in_china();
    const Date send_on = input.send_on.value_or(today);
    if (send_on.is_special() || send_on.year() < 1990 || send_on.year() > 2100)
        throw_invalid("send_on", "is not a date between 1990 and 2100");
    if (input.by) require_consultant(store, *input.by, "by");

    const Audience& a = input.audience;
    std::vector<std::int64_t> invited;
    std::optional<std::int64_t> site_id, consultant_id, ticket_id;
    switch (a.kind) {
    case AudienceKind::site_owners: {
        if (text::trim(a.site).empty()) throw_invalid("audience.site", "is required: the owners of which site?");
        site_id = require_site(store, a.site, "audience.site").id;
        invited = audience_customers(store, "SELECT id FROM customers WHERE site_id = ? AND stage = 'owner' AND deleted_at IS NULL ORDER BY id",
                                     *site_id);
        break;
    }
    case AudienceKind::consultant_customers: {
        if (!a.consultant_id) throw_invalid("audience.consultant_id", "is required: the customers of which consultant?");
        const Consultant c = require_consultant(store, *a.consultant_id, "audience.consultant_id");
        consultant_id = c.id;
        site_id = require_site(store, c.site, "site").id;
        invited = audience_customers(store, "SELECT id FROM customers WHERE consultant_id = ? AND deleted_at IS NULL ORDER BY id", c.id);
        break;
    }
    case AudienceKind::ticket: {
        if (!a.ticket_id) throw_invalid("audience.ticket_id", "is required: the customer of which ticket?");
        const Ticket t = require_ticket(store, *a.ticket_id, "audience.ticket_id");
        if (t.status != TicketStatus::resolved && t.status != TicketStatus::closed)
            throw Error(Status::invalid_state, "audience.ticket_id: ticket " + t.number + " is " + to_string(t.status) +
                                                   "; a follow-up survey goes to the customer of a resolved or closed ticket",
                        "audience.ticket_id", t.id);
        if (!t.customer_id) throw_invalid("audience.ticket_id", "ticket " + t.number + " has no customer on file; link one first");
        ticket_id = t.id;
        invited = {*t.customer_id};
        break;
    }
    case AudienceKind::customers: {
        std::set<std::int64_t> unique;
        for (std::size_t i = 0; i < a.customer_ids.size(); ++i) {
            require_customer(s, a.customer_ids[i], "audience.customer_ids[" + std::to_string(i) + "]");
            unique.insert(a.customer_ids[i]);
        }
        invited.assign(unique.begin(), unique.end());
        break;
    }
    }
    // A customer who objects to surveys (the service relationship's "survey" channel, or every
    // channel) is not invited (snowball/privacy.hpp: the one check).
    const std::size_t audience_size = invited.size();
    invited.erase(std::remove_if(invited.begin(), invited.end(),
                                 [&](std::int64_t id) { return !purpose_allowed(store, id, Purpose::service, "survey"); }),
                  invited.end());
    if (invited.empty())
        throw_invalid("audience", audience_size ? "every customer of the audience objects to surveys" : "no customer to invite");

    // The invited customers' sites and consultants, as they are now.
    std::vector<std::pair<std::int64_t, std::optional<std::int64_t>>> placed;
    std::set<std::int64_t> sites;
    std::optional<std::int64_t> survey_site;
    if (!survey.site.empty()) survey_site = require_site(store, survey.site, "site").id;
    for (std::int64_t id : invited) {
        Query q(store, "SELECT site_id, consultant_id FROM customers WHERE id = ?");
        q->bind(1, id);
        q->executeStep();
        const std::int64_t site = q->getColumn(0).getInt64();
        if (survey_site && site != *survey_site)
            throw_invalid("audience", "survey " + std::to_string(survey.id) + " is for site " + survey.site + "; customer " +
                                          std::to_string(id) + " is filed at another site");
        placed.emplace_back(site, q->isColumnNull(1) ? std::nullopt : std::optional<std::int64_t>(q->getColumn(1).getInt64()));
        sites.insert(site);
    }
    if (!site_id && sites.size() == 1) site_id = *sites.begin();

    Query q(store, "INSERT INTO survey_campaigns(uid, survey_id, version, site_id, name, channel, audience, audience_consultant_id, "
                   "audience_ticket_id, send_on, allow_multiple, created_at, created_by) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind(1, new_uid());
    q->bind(2, survey.id);
    q->bind(3, survey.current_version);
    bind_optional(*q, 4, site_id);
    q->bind(5, name);
    q->bind(6, to_string(input.channel));
    q->bind(7, to_string(a.kind));
    bind_optional(*q, 8, consultant_id);
    bind_optional(*q, 9, ticket_id);
    q->bind(10, to_iso(send_on));
    q->bind(11, input.allow_multiple ? 1 : 0);
    q->bind(12, text::now_utc());
    bind_optional(*q, 13, input.by);
    q->exec();
    const std::int64_t id = store.db().getLastInsertRowid();
    for (std::size_t i = 0; i < invited.size(); ++i) {
        Query inv(store, "INSERT INTO survey_invitations(campaign_id, customer_id, site_id, consultant_id) VALUES (?, ?, ?, ?)");
        inv->bind(1, id);
        inv->bind(2, invited[i]);
        inv->bind(3, placed[i].first);
        bind_optional(*inv, 4, placed[i].second);
        inv->exec();
    }
    return read_campaign(store, id);
}

} // namespace detail

namespace {

// The surveys' part of an erasure: the person's responses stay as anonymous statistics — their
// scores and choices, by survey, site, consultant, channel and day — without the person, their
// written answers, the event they named or the deal they were about; their invitations go.
void erase_responses(detail::Store& store, const detail::CustomerErased& subject) {
    for (const char* sql : {
             "UPDATE survey_answers SET text = NULL WHERE text IS NOT NULL AND response_id IN "
             "(SELECT id FROM survey_responses WHERE customer_id = ?1)",
             "DELETE FROM survey_answers WHERE score IS NULL AND choice IS NULL AND text IS NULL AND response_id IN "
             "(SELECT id FROM survey_responses WHERE customer_id = ?1)",
             "UPDATE survey_responses SET customer_id = NULL, event = '', deal_id = NULL WHERE customer_id = ?1",
             "DELETE FROM survey_invitations WHERE customer_id = ?1"}) {
        Query q(store, sql);
        q->bind(1, subject.customer_id);
        q->exec();
    }
}

} // namespace

Surveys::Surveys(detail::Store& store, const Customers& customers, const CareCalendar& calendar)
    : store_(store), customers_(customers), calendar_(calendar) {
    store_.events().subscribe<detail::CustomerErased>("surveys", erase_responses);
    // A merge: the merged record's responses and invitations become the kept record's (an
    // invitation both had to one campaign: the kept record's stays).
    store_.events().subscribe<detail::CustomersMerged>("surveys", [](detail::Store&, const detail::CustomersMerged& e) {
        e.journal.remove("survey_invitations", "customer_id = " + std::to_string(e.merged) + " AND campaign_id IN "
                         "(SELECT campaign_id FROM survey_invitations WHERE customer_id = " + std::to_string(e.keep) + ")");
        e.journal.move("survey_invitations", "customer_id", e.merged, e.keep);
        e.journal.move("survey_responses", "customer_id", e.merged, e.keep);
    });
}

Survey Surveys::create(const NewSurvey& input) {
    const std::string title = text::clean(input.title, "title", 200, true);
    const std::vector<Question> questions = detail::checked_questions(input.questions);
    return store_.write([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(input.site).empty()) site_id = detail::require_site(store_, input.site, "site").id;
        if (input.by) detail::require_consultant(store_, *input.by, "by");
        const std::string now = text::now_utc();
        Query q(store_, "INSERT INTO surveys(uid, site_id, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)");
        q->bind(1, detail::new_uid());
        detail::bind_optional(*q, 2, site_id);
        q->bind(3, now);
        q->bind(4, now);
        q->exec();
        const std::int64_t id = store_.db().getLastInsertRowid();
        insert_version(store_, id, 1, title, questions, input.by);
        return detail::require_survey(store_, id, 0, "survey_id");
    });
}

Survey Surveys::get(std::int64_t survey_id, int version) const {
    if (version < 0) throw_invalid("version", "must be a version number, or 0 for the current one");
    return store_.read([&] { return detail::require_survey(store_, survey_id, version, "survey_id"); });
}

std::vector<Survey> Surveys::list(std::string_view site, bool include_inactive) const {
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(site).empty()) site_id = detail::require_site(store_, site, "site").id;
        Query q(store_, "SELECT id FROM surveys WHERE (?1 IS NULL OR site_id IS NULL OR site_id = ?1) AND (?2 OR active = 1) ORDER BY id");
        detail::bind_optional(*q, 1, site_id);
        q->bind(2, include_inactive ? 1 : 0);
        std::vector<std::int64_t> ids;
        while (q->executeStep()) ids.push_back(q->getColumn(0).getInt64());
        std::vector<Survey> out;
        for (std::int64_t id : ids) out.push_back(detail::require_survey(store_, id, 0, "survey_id"));
        return out;
    });
}

Survey Surveys::update(std::int64_t survey_id, const SurveyUpdate& update) {
    std::optional<std::string> title;
    if (update.title) title = text::clean(*update.title, "title", 200, true);
    std::optional<std::vector<Question>> questions;
    if (update.questions) questions = detail::checked_questions(*update.questions);
    return store_.write([&] {
        const Survey current = detail::require_survey(store_, survey_id, 0, "survey_id", false);
        if (update.by) detail::require_consultant(store_, *update.by, "by");
        if (questions) check_types_kept(store_, survey_id, *questions);
        const std::string now = text::now_utc();
        if (update.active) {
            Query q(store_, "UPDATE surveys SET active = ?, updated_at = ? WHERE id = ?");
            q->bind(1, *update.active ? 1 : 0);
            q->bind(2, now);
            q->bind(3, survey_id);
            q->exec();
        }
        if (title || questions) {
            const std::string t = title.value_or(current.title);
            const std::vector<Question>& qs = questions ? *questions : current.questions;
            if (frozen(store_, survey_id, current.current_version)) {
                insert_version(store_, survey_id, current.current_version + 1, t, qs, update.by);
                Query q(store_, "UPDATE surveys SET version = version + 1, updated_at = ? WHERE id = ?");
                q->bind(1, now);
                q->bind(2, survey_id);
                q->exec();
            } else {
                Query del(store_, "DELETE FROM survey_questions WHERE survey_id = ? AND version = ?");
                del->bind(1, survey_id);
                del->bind(2, current.current_version);
                del->exec();
                Query v(store_, "UPDATE survey_versions SET title = ? WHERE survey_id = ? AND version = ?");
                v->bind(1, t);
                v->bind(2, survey_id);
                v->bind(3, current.current_version);
                v->exec();
                insert_questions(store_, survey_id, current.current_version, qs);
                Query q(store_, "UPDATE surveys SET updated_at = ? WHERE id = ?");
                q->bind(1, now);
                q->bind(2, survey_id);
                q->exec();
            }
        }
        return detail::require_survey(store_, survey_id, 0, "survey_id");
    });
}

Campaign Surveys::create_campaign(const NewCampaign& campaign) {
    return store_.write([&] { return detail::create_campaign({store_, customers_, calendar_}, campaign); });
}

Campaign Surveys::campaign(std::int64_t campaign_id) const {
    return store_.read([&] { return read_campaign(store_, campaign_id); });
}

std::vector<Campaign> Surveys::campaigns(std::int64_t survey_id) const {
    return store_.read([&] {
        detail::require_survey(store_, survey_id, 0, "survey_id", false);
        Query q(store_, "SELECT id FROM survey_campaigns WHERE survey_id = ? ORDER BY send_on, id");
        q->bind(1, survey_id);
        std::vector<std::int64_t> ids;
        while (q->executeStep()) ids.push_back(q->getColumn(0).getInt64());
        std::vector<Campaign> out;
        for (std::int64_t id : ids) out.push_back(read_campaign(store_, id));
        return out;
    });
}

} // namespace snowball
