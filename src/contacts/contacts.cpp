// The contact log: entries logged and corrected, the customers' follow-up state, contact
// frequency, do-not-contact, the sites' contact settings.
#include "contacts/contact_store.hpp"

#include "archive/records.hpp"
#include "codec/contacts.hpp"
#include "common/enum_names.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "privacy/access.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace snowball {

using detail::Query;

namespace {

template <class E>
using Alias = detail::EnumName<E>;

constexpr std::array<Alias<ContactChannel>, 27> channel_names{{
    {"phone", ContactChannel::phone}, {"call", ContactChannel::phone}, {"电话", ContactChannel::phone},
    {"sms", ContactChannel::sms}, {"短信", ContactChannel::sms},
    {"wechat", ContactChannel::wechat}, {"微信", ContactChannel::wechat},
    {"letter", ContactChannel::letter}, {"信函", ContactChannel::letter}, {"信件", ContactChannel::letter},
    {"email", ContactChannel::email}, {"邮件", ContactChannel::email}, {"电子邮件", ContactChannel::email},
    {"visit_office", ContactChannel::visit_office}, {"案场来访", ContactChannel::visit_office}, {"来访", ContactChannel::visit_office},
    {"visit_site", ContactChannel::visit_site}, {"工地参观", ContactChannel::visit_site}, {"工地", ContactChannel::visit_site},
    {"home_visit", ContactChannel::home_visit}, {"上门拜访", ContactChannel::home_visit}, {"上门", ContactChannel::home_visit},
    {"家访", ContactChannel::home_visit},
    {"event", ContactChannel::event}, {"活动", ContactChannel::event},
    {"news", ContactChannel::news}, {"资讯", ContactChannel::news},
}};
constexpr std::array<Alias<ContactDirection>, 6> direction_names{{
    {"out", ContactDirection::out}, {"去电", ContactDirection::out}, {"outbound", ContactDirection::out},
    {"in", ContactDirection::in}, {"来电", ContactDirection::in}, {"inbound", ContactDirection::in},
}};
constexpr std::array<Alias<DueKind>, 2> due_kind_names{{{"contact", DueKind::contact}, {"care_task", DueKind::care_task}}};
constexpr std::array<Alias<ReportPeriod>, 8> period_names{{
    {"whole", ReportPeriod::whole}, {"整体", ReportPeriod::whole},
    {"day", ReportPeriod::day}, {"日", ReportPeriod::day},
    {"week", ReportPeriod::week}, {"周", ReportPeriod::week},
    {"month", ReportPeriod::month}, {"月", ReportPeriod::month},
}};

bool is_hh_mm(std::string_view t) {
    return t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
           std::isdigit(static_cast<unsigned char>(t[1])) && std::isdigit(static_cast<unsigned char>(t[3])) &&
           std::isdigit(static_cast<unsigned char>(t[4])) && (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
}

bool is_grade_key(std::string_view key) {
    if (key.empty() || key.size() > 8) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

void validate_settings(const ContactSettings& s) {
    if (s.grades.empty()) throw_invalid("grades", "a site needs at least one grade");
    if (s.grades.size() > 20) throw_invalid("grades", "at most 20 grades");
    std::set<std::string> keys;
    for (std::size_t i = 0; i < s.grades.size(); ++i) {
        const IntentGrade& g = s.grades[i];
        const std::string at = "grades[" + std::to_string(i) + "]";
        if (!is_grade_key(g.key)) throw_invalid(at + ".key", "'" + g.key + "' is not a grade: 1-8 letters, digits or _");
        if (!keys.insert(g.key).second) throw_invalid(at + ".key", "the grade '" + g.key + "' is listed twice");
        text::clean(g.label, at + ".label", 20, false);
        if (g.every_days && (*g.every_days < 1 || *g.every_days > 365))
            throw_invalid(at + ".every_days", std::to_string(*g.every_days) + " is out of range 1..365");
    }
    if (s.owner_every_days && (*s.owner_every_days < 1 || *s.owner_every_days > 365))
        throw_invalid("owner_every_days", std::to_string(*s.owner_every_days) + " is out of range 1..365");
    if (s.quiet_hours) {
        if (!is_hh_mm(s.quiet_hours->from)) throw_invalid("quiet_hours.from", "'" + s.quiet_hours->from + "' is not HH:MM");
        if (!is_hh_mm(s.quiet_hours->to)) throw_invalid("quiet_hours.to", "'" + s.quiet_hours->to + "' is not HH:MM");
        if (s.quiet_hours->from == s.quiet_hours->to) throw_invalid("quiet_hours.to", "is the same time as from");
    }
}

void store_settings(detail::Store& store, std::int64_t site_id, const ContactSettings& s) {
    // Only the site's own outcomes are stored; the built-in ones come from the library.
    ContactSettings kept = s;
    kept.outcomes.erase(std::remove_if(kept.outcomes.begin(), kept.outcomes.end(), [](const ContactOutcome& o) { return o.builtin; }),
                        kept.outcomes.end());
    // "builtin" is written for callers but never read (nobody may declare an outcome built in), so
    // the stored copy leaves it out, or the site's settings could not be read back.
    codec::json doc = codec::json(kept);
    for (codec::json& o : doc["outcomes"]) o.erase("builtin");
    detail::save_site_settings(store, "contact_settings", site_id, codec::dump(doc));
}

std::optional<std::int64_t> optional_id(SQLite::Statement& s, int column) {
    if (s.isColumnNull(column)) return std::nullopt;
    return s.getColumn(column).getInt64();
}

#define SNOWBALL_ENTRY_SELECT                                                                                         \
    "SELECT e.id, e.customer_id, s.code, e.consultant_id, e.at, e.day, e.channel, e.direction, e.duration_s, e.outcome, " \
    "e.reached, e.note, e.intent_before, e.intent, e.next_on, e.next_time, e.next_channel, e.next_purpose, "           \
    "e.care_task_id, e.ticket_id, e.campaign_id, e.referral_id, e.deal_id, e.quiet_hours, e.supersedes, "             \
    "e.superseded_by, e.recorded_by, e.recorded_at, e.event_id, e.delivery_id FROM contacts e JOIN sites s ON s.id = e.site_id "

ContactEntry read_entry(SQLite::Statement& q) {
    ContactEntry e;
    e.id = q.getColumn(0).getInt64();
    e.customer_id = q.getColumn(1).getInt64();
    e.site = q.getColumn(2).getString();
    e.consultant_id = optional_id(q, 3);
    e.at = q.getColumn(4).getString();
    e.day = parse_date(q.getColumn(5).getText());
    e.channel = parse_contact_channel(q.getColumn(6).getText());
    e.direction = parse_contact_direction(q.getColumn(7).getText());
    if (!q.isColumnNull(8)) e.duration_s = q.getColumn(8).getInt();
    e.outcome = q.getColumn(9).getString();
    e.reached = q.getColumn(10).getInt() != 0;
    e.note = q.getColumn(11).getString();
    e.intent_before = q.getColumn(12).getString();
    e.intent = q.getColumn(13).getString();
    if (!q.isColumnNull(14)) {
        NextContact n;
        n.date = parse_date(q.getColumn(14).getText());
        n.time = q.getColumn(15).getString();
        if (!q.isColumnNull(16)) n.channel = parse_contact_channel(q.getColumn(16).getText());
        n.purpose = q.getColumn(17).getString();
        e.next_contact = n;
    }
    e.care_task_id = optional_id(q, 18);
    e.ticket_id = optional_id(q, 19);
    e.campaign_id = optional_id(q, 20);
    e.referral_id = optional_id(q, 21);
    e.deal_id = optional_id(q, 22);
    e.quiet_hours = q.getColumn(23).getInt() != 0;
    e.supersedes = optional_id(q, 24);
    e.superseded_by = optional_id(q, 25);
    e.recorded_by = q.getColumn(26).getString();
    e.recorded_at = q.getColumn(27).getString();
    e.event_id = optional_id(q, 28);
    e.delivery_id = optional_id(q, 29);
    return e;
}

// The follow-up row's values after an entry: what the entry planned, else the policy's interval
// from the entry's day.
struct NextDue {
    std::optional<Date> on;
    std::string time;
    std::optional<ContactChannel> channel;
    std::string purpose;
    std::string source;
};

NextDue next_due(const ContactSettings& settings, Date day, const std::optional<NextContact>& planned, ContactChannel channel,
                 std::string_view grade, Stage stage) {
    NextDue n;
    if (planned) {
        n.on = planned->date;
        n.time = planned->time;
        n.channel = planned->channel.value_or(channel);
        n.purpose = planned->purpose;
        n.source = "planned";
    } else if (const auto every = detail::policy_days(settings, grade, stage)) {
        n.on = day + boost::gregorian::days(*every);
        n.source = "policy";
    }
    return n;
}

void write_follow_up(detail::Store& store, std::int64_t customer_id, std::int64_t site_id, const std::string& last_at,
                     Date last_day, ContactChannel last_channel, const std::optional<Date>& last_reached,
                     const std::string& intent, const NextDue& next) {
    Query q(store, "INSERT INTO contact_followups(customer_id, site_id, last_at, last_day, last_channel, last_reached_day, intent, "
                   "next_on, next_time, next_channel, next_purpose, next_source) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) "
                   "ON CONFLICT (customer_id) DO UPDATE SET site_id = ?2, last_at = ?3, last_day = ?4, last_channel = ?5, "
                   "last_reached_day = ?6, intent = ?7, next_on = ?8, next_time = ?9, next_channel = ?10, next_purpose = ?11, "
                   "next_source = ?12");
    q->bind(1, customer_id);
    q->bind(2, site_id);
    q->bind(3, last_at);
    q->bind(4, to_iso(last_day));
    q->bind(5, to_string(last_channel));
    if (last_reached) q->bind(6, to_iso(*last_reached));
    else q->bind(6);
    q->bind(7, intent);
    if (next.on) q->bind(8, to_iso(*next.on));
    else q->bind(8);
    q->bind(9, next.time);
    if (next.channel) q->bind(10, to_string(*next.channel));
    else q->bind(10);
    q->bind(11, next.purpose);
    q->bind(12, next.source);
    q->exec();
}

} // namespace

const char* to_string(ContactChannel value) noexcept { return detail::key_of(channel_names, value); }
const char* to_string(ContactDirection value) noexcept { return detail::key_of(direction_names, value); }
const char* to_string(DueKind value) noexcept { return detail::key_of(due_kind_names, value); }
const char* to_string(ReportPeriod value) noexcept { return detail::key_of(period_names, value); }
ContactChannel parse_contact_channel(std::string_view t, const std::string& f) { return detail::parse_key(channel_names, t, f); }
ContactDirection parse_contact_direction(std::string_view t, const std::string& f) {
    return detail::parse_key(direction_names, t, f);
}
DueKind parse_due_kind(std::string_view t, const std::string& f) { return detail::parse_key(due_kind_names, t, f); }
ReportPeriod parse_report_period(std::string_view t, const std::string& f) { return detail::parse_key(period_names, t, f); }

const std::vector<ContactOutcome>& default_contact_outcomes() {
    static const std::vector<ContactOutcome> all{
        {"reached", "联系上", true, true},      {"no_answer", "无人接听", false, true},   {"busy", "占线", false, true},
        {"refused", "拒接", false, true},       {"wrong_number", "空号/错号", false, true}, {"left_message", "留言", false, true},
        {"sent", "已发送", true, true},         {"undelivered", "未送达", false, true},
    };
    return all;
}

const std::vector<IntentGrade>& default_intent_grades() {
    static const std::vector<IntentGrade> all{
        {"A", "高意向", 3}, {"B", "中意向", 7}, {"C", "低意向", 30}, {"D", "无意向", std::nullopt}};
    return all;
}

bool in_quiet_hours(const QuietHours& quiet, std::string_view hh_mm) {
    if (quiet.from < quiet.to) return hh_mm >= quiet.from && hh_mm < quiet.to;
    return hh_mm >= quiet.from || hh_mm < quiet.to;   // across midnight
}

namespace detail {

ContactSettings load_contact_settings(Store& store, std::int64_t site_id, const std::string& site_code) {
    ContactSettings s;
    Query q(store, "SELECT settings FROM contact_settings WHERE site_id = ?");
    q->bind(1, site_id);
    if (q->executeStep()) s = codec::read<ContactSettings>(codec::parse(q->getColumn(0).getText(), "settings"), "settings");
    else s.grades = default_intent_grades();
    s.site = site_code;
    std::vector<ContactOutcome> outcomes = default_contact_outcomes();
    for (ContactOutcome& o : s.outcomes) {
        o.builtin = false;
        outcomes.push_back(o);
    }
    s.outcomes = std::move(outcomes);
    return s;
}

const ContactOutcome* find_outcome(const ContactSettings& settings, std::string_view key) {
    for (const ContactOutcome& o : settings.outcomes)
        if (o.key == key) return &o;
    return nullptr;
}

std::size_t grade_rank(const ContactSettings& settings, std::string_view grade) {
    for (std::size_t i = 0; i < settings.grades.size(); ++i)
        if (settings.grades[i].key == grade) return i;
    return settings.grades.size();
}

std::optional<int> policy_days(const ContactSettings& settings, std::string_view grade, Stage stage) {
    if (stage == Stage::owner) return settings.owner_every_days;
    for (const IntentGrade& g : settings.grades)
        if (g.key == grade) return g.every_days;
    return std::nullopt;
}

std::optional<FollowUp> stored_follow_up(Store& store, std::int64_t customer_id) {
    Query q(store, "SELECT last_at, last_day, last_channel, last_reached_day, intent, next_on, next_time, next_channel, "
                   "next_purpose, next_source FROM contact_followups WHERE customer_id = ?");
    q->bind(1, customer_id);
    if (!q->executeStep()) return std::nullopt;
    FollowUp f;
    f.customer_id = customer_id;
    f.last_contact_at = q->getColumn(0).getString();
    f.last_contact_day = parse_date(q->getColumn(1).getText());
    f.last_channel = parse_contact_channel(q->getColumn(2).getText());
    if (!q->isColumnNull(3)) f.last_reached_day = parse_date(q->getColumn(3).getText());
    f.intent = q->getColumn(4).getString();
    if (!q->isColumnNull(5)) f.next_on = parse_date(q->getColumn(5).getText());
    f.next_time = q->getColumn(6).getString();
    if (!q->isColumnNull(7)) f.next_channel = parse_contact_channel(q->getColumn(7).getText());
    f.next_purpose = q->getColumn(8).getString();
    f.next_source = q->getColumn(9).getString();
    return f;
}

std::int64_t insert_entry(Store& store, const EntryDraft& d, const ContactSettings& settings, Stage stage) {
    const std::string at = text::utc_text(d.at);
    const Date day = text::china_date(d.at);
    const std::optional<FollowUp> before = stored_follow_up(store, d.customer_id);
    // The latest entry so far: the follow-up moves on from this one. An entry dated before it (a
    // contact logged late) takes its place in the history, and the state is recomputed.
    const bool latest = !before || !before->last_contact_at || at >= *before->last_contact_at;
    std::string intent_before;
    if (latest && before) {
        intent_before = before->intent;
    } else if (!latest) {
        Query q(store, "SELECT intent FROM contacts WHERE customer_id = ? AND at <= ? AND superseded_by IS NULL "
                       "ORDER BY at DESC, id DESC LIMIT 1");
        q->bind(1, d.customer_id);
        q->bind(2, at);
        if (q->executeStep()) intent_before = q->getColumn(0).getString();
    }
    const std::string intent = d.intent.empty() ? intent_before : d.intent;
    Query q(store, "INSERT INTO contacts(customer_id, site_id, consultant_id, at, day, channel, direction, duration_s, outcome, "
                   "reached, note, intent_before, intent, next_on, next_time, next_channel, next_purpose, care_task_id, ticket_id, "
                   "campaign_id, referral_id, deal_id, quiet_hours, supersedes, recorded_by, recorded_at, event_id, delivery_id) "
                   "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28)");
    q->bind(1, d.customer_id);
    q->bind(2, d.site_id);
    bind_optional(*q, 3, d.consultant_id);
    q->bind(4, at);
    q->bind(5, to_iso(day));
    q->bind(6, to_string(d.channel));
    q->bind(7, to_string(d.direction));
    bind_optional(*q, 8, d.duration_s);
    q->bind(9, d.outcome);
    q->bind(10, d.reached ? 1 : 0);
    q->bind(11, d.note);
    q->bind(12, intent_before);
    q->bind(13, intent);
    if (d.next_contact) {
        q->bind(14, to_iso(d.next_contact->date));
        q->bind(15, d.next_contact->time);
        if (d.next_contact->channel) q->bind(16, to_string(*d.next_contact->channel));
        else q->bind(16);
        q->bind(17, d.next_contact->purpose);
    } else {
        q->bind(14);
        q->bind(15, "");
        q->bind(16);
        q->bind(17, "");
    }
    bind_optional(*q, 18, d.care_task_id);
    bind_optional(*q, 19, d.ticket_id);
    bind_optional(*q, 20, d.campaign_id);
    bind_optional(*q, 21, d.referral_id);
    bind_optional(*q, 22, d.deal_id);
    q->bind(23, d.quiet_hours ? 1 : 0);
    bind_optional(*q, 24, d.supersedes);
    q->bind(25, d.recorded_by);
    q->bind(26, text::now_utc());
    bind_optional(*q, 27, d.event_id);
    bind_optional(*q, 28, d.delivery_id);
    q->exec();
    const std::int64_t id = store.db().getLastInsertRowid();
    if (d.supersedes) {
        // A correction: the caller marks the old entry, then recomputes the state.
    } else if (latest) {
        std::optional<Date> reached = before ? before->last_reached_day : std::nullopt;
        if (d.reached && (!reached || day > *reached)) reached = day;
        write_follow_up(store, d.customer_id, d.site_id, at, day, d.channel, reached, intent,
                        next_due(settings, day, d.next_contact, d.channel, intent, stage));
    } else {
        refresh_follow_up(store, d.customer_id, settings, stage);
    }
    return id;
}

void refresh_follow_up(Store& store, std::int64_t customer_id, const ContactSettings& settings, Stage stage) {
    Query q(store, SNOWBALL_ENTRY_SELECT "WHERE e.customer_id = ? AND e.superseded_by IS NULL ORDER BY e.at DESC, e.id DESC LIMIT 1");
    q->bind(1, customer_id);
    if (!q->executeStep()) {
        Query del(store, "DELETE FROM contact_followups WHERE customer_id = ?");
        del->bind(1, customer_id);
        del->exec();
        return;
    }
    const ContactEntry last = read_entry(*q);
    std::optional<Date> reached;
    Query r(store, "SELECT max(day) FROM contacts WHERE customer_id = ? AND reached = 1 AND superseded_by IS NULL");
    r->bind(1, customer_id);
    if (r->executeStep() && !r->isColumnNull(0)) reached = parse_date(r->getColumn(0).getText());
    Query s(store, "SELECT site_id FROM contacts WHERE id = ?");
    s->bind(1, last.id);
    s->executeStep();
    write_follow_up(store, customer_id, s->getColumn(0).getInt64(), last.at, last.day, last.channel, reached, last.intent,
                    next_due(settings, last.day, last.next_contact, last.channel, last.intent, stage));
}

std::optional<ContactEntry> find_entry(Store& store, std::int64_t id) {
    Query q(store, SNOWBALL_ENTRY_SELECT "WHERE e.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) return std::nullopt;
    return read_entry(*q);
}

ContactEntry require_entry(Store& store, std::int64_t id) {
    if (auto e = find_entry(store, id)) return *e;
    throw Error(Status::not_found, "entry_id: no contact entry with id " + std::to_string(id), "entry_id");
}

ContactChannel channel_of_action(std::string_view c) {
    if (c == "sms") return ContactChannel::sms;
    if (c == "wechat") return ContactChannel::wechat;
    if (c == "letter") return ContactChannel::letter;
    if (c == "email") return ContactChannel::email;
    if (c == "visit" || c == "gift") return ContactChannel::home_visit;
    return ContactChannel::phone;
}

} // namespace detail

// ---------------------------------------------------------------------------------------------
// The service

namespace {

// Everything of a NewContact that can be checked without the archive.
struct Checked {
    std::string outcome;
    std::string note;
    std::string intent;
    std::optional<NextContact> next;
    std::int64_t at = 0;
};

Checked check_contact(const NewContact& c) {
    Checked k;
    k.outcome = std::string(text::trim(c.outcome));
    if (k.outcome.empty()) throw_invalid("outcome", "is required");
    k.note = text::clean(c.note, "note", 2000, false, text::Lines::multi);
    k.intent = std::string(text::trim(c.intent));
    const std::int64_t now = text::now_seconds();
    const std::string_view given = text::trim(c.at);
    if (given.empty()) k.at = now;
    else if (given.size() == 10) k.at = text::china_day_start(parse_date(given, "at")) + 12 * 3600;   // a day: its noon
    else k.at = text::parse_moment(given, "at");
    // A clock a little off, or a contact logged for tomorrow's first hours, is let through: the
    // day of the contact is at most tomorrow, China time.
    if (text::china_date(k.at) > text::china_date(now) + boost::gregorian::days(1))
        throw_invalid("at", "'" + c.at + "' is in the future: a contact is logged when it has happened (at most tomorrow)");
    if (c.duration_s && (*c.duration_s < 0 || *c.duration_s > 86400))
        throw_invalid("duration_s", std::to_string(*c.duration_s) + " is out of range 0..86400");
    if (c.next_contact) {
        NextContact n = *c.next_contact;
        if (n.date.is_special()) throw_invalid("next_contact.date", "is required");
        n.time = std::string(text::trim(n.time));
        if (!n.time.empty() && !is_hh_mm(n.time)) throw_invalid("next_contact.time", "'" + n.time + "' is not HH:MM");
        n.purpose = text::clean(n.purpose, "next_contact.purpose", 200, false);
        const Date day = text::china_date(k.at);
        if (n.date < day)
            throw_invalid("next_contact.date", to_iso(n.date) + " is before the contact (" + to_iso(day) + ")");
        if ((n.date - day).days() > 3 * 366) throw_invalid("next_contact.date", to_iso(n.date) + " is more than three years ahead");
        k.next = n;
    }
    return k;
}

} // namespace

Contacts::Contacts(detail::Store& store, Customers& customers, CareCalendar& calendar, Consents& consents, Feedback& feedback,
                   Surveys& surveys, Referrals& referrals)
    : store_(store), customers_(customers), calendar_(calendar), consents_(consents), feedback_(feedback), surveys_(surveys),
      referrals_(referrals) {
    detail::subscribe_contact_events(store_);
}

ContactEntry Contacts::log(std::int64_t customer_id, const NewContact& contact) {
    return write_entry(customer_id, contact, std::nullopt);
}

ContactEntry Contacts::write_entry(std::int64_t customer_id, const NewContact& contact, std::optional<std::int64_t> supersedes) {
    const Checked k = check_contact(contact);
    return store_.write([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        const Actor actor = detail::acting(store_, contact.by);
        // What the call may do is the handle's actor's to decide; `by` names who made the contact.
        detail::require_may_see(store_, store_.actor(), subject, "customer_id");
        const Site site = detail::require_site(store_, subject.site, "site");
        const ContactSettings settings = detail::load_contact_settings(store_, site.id, site.code);

        detail::EntryDraft d;
        d.customer_id = customer_id;
        d.site_id = site.id;
        d.at = k.at;
        d.channel = contact.channel;
        d.direction = contact.direction;
        d.duration_s = contact.duration_s;
        d.note = k.note;
        d.next_contact = k.next;
        d.supersedes = supersedes;
        d.recorded_by = actor.text();
        // Who made it: `by`, else the actor's own record, else the customer's consultant.
        if (contact.by) d.consultant_id = contact.by;
        else if (actor.kind == ActorKind::consultant || actor.kind == ActorKind::manager) d.consultant_id = actor.consultant_id;
        else d.consultant_id = subject.consultant_id;
        if (contact.by) detail::require_consultant_at(store_, *contact.by, site.code, "by");
        const ContactOutcome* outcome = detail::find_outcome(settings, k.outcome);
        if (!outcome) {
            std::string keys;
            for (const ContactOutcome& o : settings.outcomes) keys += (keys.empty() ? "" : ", ") + o.key;
            throw_invalid("outcome", "'" + k.outcome + "' is not an outcome of site " + site.code + ": " + keys);
        }
        d.outcome = outcome->key;
        d.reached = outcome->reached;
        if (!k.intent.empty()) {
            if (detail::grade_rank(settings, k.intent) == settings.grades.size()) {
                std::string keys;
                for (const IntentGrade& g : settings.grades) keys += (keys.empty() ? "" : ", ") + g.key;
                throw_invalid("intent", "'" + k.intent + "' is not a grade of site " + site.code + ": " + keys);
            }
            d.intent = k.intent;
        }
        {
            Query first(store_, "SELECT first_contact FROM customers WHERE id = ?");
            first->bind(1, customer_id);
            first->executeStep();
            const Date filed = parse_date(first->getColumn(0).getText());
            if (text::china_date(k.at) < filed)
                throw_invalid("at", to_iso(text::china_date(k.at)) + " is before the customer's first contact (" + to_iso(filed) + ")");
        }
        // Do-not-contact: an outbound contact, or a next one planned, on a channel the customer
        // objects to.
        if (contact.direction == ContactDirection::out &&
            !detail::purpose_allowed(store_, customer_id, Purpose::service, to_string(contact.channel)))
            throw Error(Status::consent_required,
                        std::string("channel: customer ") + std::to_string(customer_id) + " asked not to be contacted by " +
                            to_string(contact.channel),
                        "channel");
        if (k.next) {
            const ContactChannel planned = k.next->channel.value_or(contact.channel);
            if (!detail::purpose_allowed(store_, customer_id, Purpose::service, to_string(planned)))
                throw Error(Status::consent_required,
                            std::string("next_contact.channel: customer ") + std::to_string(customer_id) +
                                " asked not to be contacted by " + to_string(planned),
                            "next_contact.channel");
            if (planned == ContactChannel::phone && settings.quiet_hours && !k.next->time.empty() &&
                in_quiet_hours(*settings.quiet_hours, k.next->time))
                throw_invalid("next_contact.time", k.next->time + " is in site " + site.code + "'s quiet hours for calls (" +
                                                       settings.quiet_hours->from + "-" + settings.quiet_hours->to + ")");
        }
        d.quiet_hours = contact.channel == ContactChannel::phone && contact.direction == ContactDirection::out &&
                        settings.quiet_hours && in_quiet_hours(*settings.quiet_hours, text::china_hh_mm(k.at));
        // What it served: each must be the customer's.
        const auto wrong = [&](const char* field, const std::string& what) {
            throw_invalid(field, what + " is not customer " + std::to_string(customer_id) + "'s");
        };
        if (contact.care_task_id) {
            const CareTask t = [&] {
                try {
                    return calendar_.get(*contact.care_task_id);
                } catch (const Error& e) {
                    // The care calendar names its own parameter, task_id; the caller gave care_task_id.
                    if (e.status() != Status::not_found || e.field() != "task_id") throw;
                    throw Error(Status::not_found, "care_task_id: no care task with id " + std::to_string(*contact.care_task_id),
                                "care_task_id");
                }
            }();
            if (t.customer_id != customer_id) wrong("care_task_id", "care task " + std::to_string(t.id));
            d.care_task_id = t.id;
        }
        if (contact.ticket_id) {
            const Ticket t = feedback_.get(*contact.ticket_id);
            if (t.customer_id && *t.customer_id != customer_id) wrong("ticket_id", "ticket " + t.number);
            d.ticket_id = t.id;
        }
        if (contact.campaign_id) {
            const Campaign c = surveys_.campaign(*contact.campaign_id);
            d.campaign_id = c.id;
        }
        if (contact.referral_id) {
            const Referral r = referrals_.get(*contact.referral_id);
            if (r.referrer_id != customer_id && r.referee_id != customer_id) wrong("referral_id", "referral " + std::to_string(r.id));
            d.referral_id = r.id;
        }
        if (contact.deal_id) {
            const Deal deal = customers_.get_deal(*contact.deal_id);
            if (deal.customer_id != customer_id) wrong("deal_id", "deal " + std::to_string(deal.id));
            d.deal_id = deal.id;
        }
        const Stage stage = parse_stage(subject.stage);
        const std::int64_t id = detail::insert_entry(store_, d, settings, stage);
        if (supersedes) {
            Query mark(store_, "UPDATE contacts SET superseded_by = ? WHERE id = ?");
            mark->bind(1, id);
            mark->bind(2, *supersedes);
            mark->exec();
            detail::refresh_follow_up(store_, customer_id, settings, stage);
        }
        return detail::require_entry(store_, id);
    });
}

ContactEntry Contacts::correct(std::int64_t entry_id, const NewContact& contact) {
    return store_.write([&] {
        const ContactEntry old = detail::require_entry(store_, entry_id);
        if (old.superseded_by)
            throw Error(Status::conflict,
                        "entry_id: entry " + std::to_string(entry_id) + " was corrected already by entry " +
                            std::to_string(*old.superseded_by),
                        "entry_id", *old.superseded_by);
        NewContact c = contact;
        if (!c.by && store_.acts_as_host()) c.by = old.consultant_id;
        if (text::trim(c.at).empty()) c.at = old.at;
        // The correction is checked as any entry, then takes the old one's place.
        return write_entry(old.customer_id, c, entry_id);
    });
}

ContactEntry Contacts::get(std::int64_t entry_id) const {
    return store_.read([&] {
        ContactEntry e = detail::require_entry(store_, entry_id);
        detail::require_may_see(store_, store_.actor(), detail::require_subject(store_, e.customer_id), "entry_id");
        return e;
    });
}

std::vector<ContactEntry> Contacts::history(std::int64_t customer_id, int limit, bool include_superseded) const {
    detail::check_page(limit, 0, 10000);
    return store_.read([&] {
        detail::require_may_see(store_, store_.actor(), detail::require_subject(store_, customer_id), "customer_id");
        Query q(store_, SNOWBALL_ENTRY_SELECT "WHERE e.customer_id = ?1 AND (?2 OR e.superseded_by IS NULL) "
                                              "ORDER BY e.at DESC, e.id DESC LIMIT ?3");
        q->bind(1, customer_id);
        q->bind(2, include_superseded ? 1 : 0);
        q->bind(3, limit);
        std::vector<ContactEntry> out;
        while (q->executeStep()) out.push_back(read_entry(*q));
        return out;
    });
}

FollowUp Contacts::follow_up(std::int64_t customer_id) const {
    return store_.read([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        detail::require_may_see(store_, store_.actor(), subject, "customer_id");
        if (auto f = detail::stored_follow_up(store_, customer_id)) return *f;
        FollowUp none;
        none.customer_id = customer_id;
        return none;
    });
}

ContactFrequency Contacts::frequency(const FrequencyQuery& query) const {
    const int given = (query.customer_id ? 1 : 0) + (query.consultant_id ? 1 : 0) + (text::trim(query.site).empty() ? 0 : 1);
    if (given != 1) throw_invalid("customer_id", "give one of customer_id, consultant_id and site");
    const Date as_of = query.as_of.value_or(today_in_china());
    return store_.read([&] {
        // ?1 customer, ?2 consultant, ?3 site, ?4 first day, ?5 last day.
        const char* sql = nullptr;
        std::int64_t key = 0;
        if (query.customer_id) {
            detail::require_may_see(store_, store_.actor(), detail::require_subject(store_, *query.customer_id), "customer_id");
            sql = "SELECT customer_id, day, channel, reached, at FROM contacts WHERE customer_id = ?1 AND day BETWEEN ?2 AND ?3 "
                  "AND superseded_by IS NULL";
            key = *query.customer_id;
        } else if (query.consultant_id) {
            detail::require_consultant(store_, *query.consultant_id, "consultant_id");
            sql = "SELECT customer_id, day, channel, reached, at FROM contacts WHERE consultant_id = ?1 AND day BETWEEN ?2 AND ?3 "
                  "AND superseded_by IS NULL";
            key = *query.consultant_id;
        } else {
            key = detail::require_site(store_, query.site, "site").id;
            sql = "SELECT customer_id, day, channel, reached, at FROM contacts WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 "
                  "AND superseded_by IS NULL";
        }
        ContactFrequency f;
        f.as_of = as_of;
        const int spans[] = {30, 90, 365};
        std::vector<std::set<std::int64_t>> people(3);
        for (int days : spans) {
            ContactWindow w;
            w.days = days;
            f.windows.push_back(w);
        }
        Query q(store_, sql);
        q->bind(1, key);
        q->bind(2, to_iso(as_of - boost::gregorian::days(364)));
        q->bind(3, to_iso(as_of));
        std::string last;
        while (q->executeStep()) {
            const Date day = parse_date(q->getColumn(1).getText());
            const std::string channel = q->getColumn(2).getString();
            const bool reached = q->getColumn(3).getInt() != 0;
            const std::string at = q->getColumn(4).getString();
            if (at > last) last = at;
            for (std::size_t i = 0; i < 3; ++i) {
                if ((as_of - day).days() >= spans[i]) continue;
                ContactWindow& w = f.windows[i];
                ++w.contacts;
                if (reached) ++w.reached;
                ++w.by_channel[channel];
                people[i].insert(q->getColumn(0).getInt64());
            }
        }
        for (std::size_t i = 0; i < 3; ++i) f.windows[i].customers = static_cast<std::int64_t>(people[i].size());
        if (query.customer_id) {
            if (auto fu = detail::stored_follow_up(store_, *query.customer_id)) f.last_contact_at = fu->last_contact_at;
        } else if (!last.empty()) {
            f.last_contact_at = last;
        }
        return f;
    });
}

Consent Contacts::do_not_contact(std::int64_t customer_id, std::optional<ContactChannel> channel, std::optional<std::int64_t> by) {
    return consents_.object(customer_id, Purpose::service, channel ? to_string(*channel) : "", by);
}

int Contacts::allow_contact(std::int64_t customer_id, std::optional<ContactChannel> channel, std::optional<std::int64_t> by) {
    return consents_.lift_objection(customer_id, Purpose::service,
                                    channel ? std::optional<std::string>(to_string(*channel)) : std::nullopt, by);
}

bool Contacts::may_contact(std::int64_t customer_id, std::optional<ContactChannel> channel) const {
    return consents_.allows(customer_id, Purpose::service, channel ? to_string(*channel) : "");
}

ContactSettings Contacts::settings(std::string_view site) const {
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        return detail::load_contact_settings(store_, s.id, s.code);
    });
}

ContactSettings Contacts::update_settings(std::string_view site, const ContactSettingsUpdate& update) {
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        ContactSettings next = detail::load_contact_settings(store_, s.id, s.code);
        if (update.grades) {
            next.grades = *update.grades;
            for (IntentGrade& g : next.grades) {
                g.key = std::string(text::trim(g.key));
                g.label = std::string(text::trim(g.label));
            }
        }
        if (update.owner_every_days) next.owner_every_days = *update.owner_every_days;
        if (update.quiet_hours) next.quiet_hours = *update.quiet_hours;
        validate_settings(next);
        store_settings(store_, s.id, next);
        // The policy's next contacts follow the new intervals, counted from each customer's latest
        // contact (planned ones stay): set-wise, a site may have a million customers.
        Query clear(store_, "UPDATE contact_followups SET next_on = NULL, next_time = '', next_channel = NULL, next_purpose = '', "
                            "next_source = '' WHERE site_id = ? AND next_source <> 'planned'");
        clear->bind(1, s.id);
        clear->exec();
        // ?1 site, ?2 days, ?3 grade (NULL: the owners).
        Query set(store_, "UPDATE contact_followups SET next_on = date(last_day, '+' || ?2 || ' days'), next_source = 'policy' "
                          "WHERE site_id = ?1 AND next_source = '' AND (CASE WHEN ?3 IS NULL THEN 1 ELSE intent = ?3 END) "
                          "AND (customer_id IN (SELECT id FROM customers WHERE site_id = ?1 AND stage = 'owner')) = (?3 IS NULL)");
        for (const IntentGrade& g : next.grades) {
            if (!g.every_days) continue;
            set->bind(1, s.id);
            set->bind(2, *g.every_days);
            set->bind(3, g.key);
            set->exec();
            set->reset();
        }
        if (next.owner_every_days) {
            set->bind(1, s.id);
            set->bind(2, *next.owner_every_days);
            set->bind(3);
            set->exec();
        }
        return next;
    });
}

ContactSettings Contacts::add_outcome(std::string_view site, const ContactOutcome& outcome) {
    const std::string key = std::string(text::trim(outcome.key));
    if (!text::is_key(key)) throw_invalid("key", "'" + outcome.key + "' is not a key: a-z, 0-9 and _, starting with a letter, at most 40");
    const std::string label = text::clean(outcome.label, "label", 20, true);
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        ContactSettings next = detail::load_contact_settings(store_, s.id, s.code);
        if (detail::find_outcome(next, key)) throw Error(Status::conflict, "key: site " + s.code + " has the outcome '" + key + "'", "key");
        next.outcomes.push_back({key, label, outcome.reached, false});
        store_settings(store_, s.id, next);
        return detail::load_contact_settings(store_, s.id, s.code);
    });
}

} // namespace snowball
