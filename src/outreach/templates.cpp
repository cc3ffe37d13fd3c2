// News items and message templates: the placeholders, their filling per recipient, the length of an
// SMS, the library's own templates.
#include "outreach/outreach_store.hpp"

#include "archive/records.hpp"
#include "codec/outreach.hpp"
#include "common/enum_names.hpp"
#include "common/text.hpp"
#include "outreach/render.hpp"
#include "privacy/access.hpp"
#include "snowball/briefing.hpp"
#include "snowball/customers.hpp"

#include <algorithm>
#include <array>

namespace snowball {

using detail::Query;

namespace {

template <class E>
using Alias = detail::EnumName<E>;

constexpr std::array<Alias<NewsKind>, 10> news_kind_names{{
    {"progress", NewsKind::progress}, {"工程进度", NewsKind::progress},
    {"delivery", NewsKind::delivery}, {"交房", NewsKind::delivery},
    {"company", NewsKind::company}, {"公司新闻", NewsKind::company},
    {"policy", NewsKind::policy}, {"政策", NewsKind::policy},
    {"other", NewsKind::other}, {"其他", NewsKind::other},
}};
constexpr std::array<Alias<TemplatePurpose>, 14> purpose_names{{
    {"news", TemplatePurpose::news}, {"资讯", TemplatePurpose::news},
    {"festival", TemplatePurpose::festival}, {"节日祝福", TemplatePurpose::festival},
    {"birthday", TemplatePurpose::birthday}, {"生日祝福", TemplatePurpose::birthday},
    {"invitation", TemplatePurpose::invitation}, {"活动邀请", TemplatePurpose::invitation},
    {"reminder", TemplatePurpose::reminder}, {"活动提醒", TemplatePurpose::reminder},
    {"cancellation", TemplatePurpose::cancellation}, {"活动取消", TemplatePurpose::cancellation},
    {"other", TemplatePurpose::other}, {"其他", TemplatePurpose::other},
}};
constexpr std::array<Alias<AudienceScope>, 8> scope_names{{
    {"customers", AudienceScope::customers}, {"site_owners", AudienceScope::site_owners},
    {"site_vips", AudienceScope::site_vips}, {"site_customers", AudienceScope::site_customers},
    {"consultant_customers", AudienceScope::consultant_customers}, {"intent_grade", AudienceScope::intent_grade},
    {"event_attendees", AudienceScope::event_attendees}, {"referral_circle", AudienceScope::referral_circle},
}};
constexpr std::array<Alias<DeliveryStatus>, 7> status_names{{
    {"queued", DeliveryStatus::queued}, {"sending", DeliveryStatus::sending}, {"sent", DeliveryStatus::sent},
    {"delivered", DeliveryStatus::delivered}, {"read", DeliveryStatus::read}, {"failed", DeliveryStatus::failed},
    {"skipped", DeliveryStatus::skipped},
}};

std::string check_attachment(const std::string& a, const std::string& field) {
    std::string v = text::clean(a, field, 500, true);
    // A reference, never the bytes: a URL or a path.
    if (v.rfind("data:", 0) == 0) throw_invalid(field, "is a data URL: the library stores files by reference (a URL or a path)");
    return v;
}

NewsItem read_news(SQLite::Statement& q) {
    NewsItem n;
    n.id = q.getColumn(0).getInt64();
    n.site = q.getColumn(1).getString();
    n.kind = parse_news_kind(q.getColumn(2).getText());
    n.title = q.getColumn(3).getString();
    n.body = q.getColumn(4).getString();
    n.date = parse_date(q.getColumn(5).getText());
    n.attachments = codec::read<std::vector<std::string>>(codec::parse(q.getColumn(6).getText(), "attachments"), "attachments");
    if (!q.isColumnNull(7)) n.by = q.getColumn(7).getInt64();
    n.created_at = q.getColumn(8).getString();
    return n;
}

#define SNOWBALL_NEWS_SELECT \
    "SELECT n.id, s.code, n.kind, n.title, n.body, n.day, n.attachments, n.by_id, n.created_at FROM news_items n JOIN sites s ON s.id = n.site_id "
#define SNOWBALL_TEMPLATE_SELECT                                                                                     \
    "SELECT t.id, ifnull(s.code, ''), t.key, t.purpose, t.channel, t.subject, t.body, t.language, t.created_at, t.updated_at " \
    "FROM message_templates t LEFT JOIN sites s ON s.id = t.site_id "

MessageTemplate read_template(SQLite::Statement& q) {
    MessageTemplate t;
    t.id = q.getColumn(0).getInt64();
    t.site = q.getColumn(1).getString();
    t.key = q.getColumn(2).getString();
    t.purpose = parse_template_purpose(q.getColumn(3).getText());
    t.channel = parse_contact_channel(q.getColumn(4).getText());
    t.subject = q.getColumn(5).getString();
    t.text = q.getColumn(6).getString();
    t.language = q.getColumn(7).getString();
    t.created_at = q.getColumn(8).getString();
    t.updated_at = q.getColumn(9).getString();
    t.placeholders = check_template(t.subject + t.text);
    return t;
}

} // namespace

const char* to_string(NewsKind value) noexcept { return detail::key_of(news_kind_names, value); }
const char* to_string(TemplatePurpose value) noexcept { return detail::key_of(purpose_names, value); }
const char* to_string(AudienceScope value) noexcept { return detail::key_of(scope_names, value); }
const char* to_string(DeliveryStatus value) noexcept { return detail::key_of(status_names, value); }
NewsKind parse_news_kind(std::string_view t, const std::string& f) { return detail::parse_key(news_kind_names, t, f); }
TemplatePurpose parse_template_purpose(std::string_view t, const std::string& f) { return detail::parse_key(purpose_names, t, f); }
AudienceScope parse_audience_scope(std::string_view t, const std::string& f) { return detail::parse_key(scope_names, t, f); }
DeliveryStatus parse_delivery_status(std::string_view t, const std::string& f) { return detail::parse_key(status_names, t, f); }

bool is_delivery_channel(ContactChannel c) noexcept {
    return c == ContactChannel::sms || c == ContactChannel::wechat || c == ContactChannel::letter || c == ContactChannel::email;
}

void detail::require_delivery_channel(ContactChannel channel, const std::string& field) {
    if (!is_delivery_channel(channel))
        throw_invalid(field, std::string("'") + to_string(channel) + "' is not a channel messages are sent on: sms, wechat, letter, email");
}

const std::vector<std::string>& template_placeholders() {
    static const std::vector<std::string> all{"salutation", "name",  "site", "consultant", "consultant_phone", "archive_no", "festival",
                                              "event",      "date",  "time", "place",      "title",            "body",       "link"};
    return all;
}

namespace detail {

// One pass over the text: literal runs and placeholders, each checked.
template <class F>
void scan_template(std::string_view text, const std::string& field, F&& on_part) {
    const auto& known = template_placeholders();
    std::size_t i = 0;
    std::string literal;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
            literal += '{';
            i += 2;
        } else if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
            literal += '}';
            i += 2;
        } else if (c == '}') {
            throw_invalid(field, "a lone '}' at byte " + std::to_string(i) + ": write '}}' for a brace");
        } else if (c == '{') {
            const std::size_t end = text.find('}', i + 1);
            if (end == std::string_view::npos)
                throw_invalid(field, "'{' at byte " + std::to_string(i) + " is not closed: write '{{' for a brace");
            const std::string name(text.substr(i + 1, end - i - 1));
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                std::string names;
                for (const std::string& k : known) names += (names.empty() ? "{" : ", {") + k + "}";
                throw_invalid(field, "unknown placeholder {" + name + "} at byte " + std::to_string(i) + "; known: " + names);
            }
            on_part(std::string_view(literal), &name);
            literal.clear();
            i = end + 1;
        } else {
            literal += c;
            ++i;
        }
    }
    on_part(std::string_view(literal), nullptr);
}

} // namespace detail

std::vector<std::string> check_template(std::string_view text, const std::string& field) {
    if (!text::is_valid_utf8(text)) throw_invalid(field, "is not valid UTF-8");
    std::vector<std::string> used;
    detail::scan_template(text, field, [&](std::string_view, const std::string* name) {
        if (name && std::find(used.begin(), used.end(), *name) == used.end()) used.push_back(*name);
    });
    return used;
}

std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values, const std::string& field) {
    std::string out;
    out.reserve(text.size() + 32);
    detail::scan_template(text, field, [&](std::string_view literal, const std::string* name) {
        out += literal;
        if (!name) return;
        const auto it = values.find(*name);
        if (it == values.end()) throw_invalid(field, "the placeholder {" + *name + "} has no value for this send");
        out += it->second;
    });
    return out;
}

SmsLength sms_length(std::string_view text) {
    SmsLength l;
    for (std::size_t i = 0; i < text.size(); i += text::sequence_length(static_cast<unsigned char>(text[i]))) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b >= 0x80) l.unicode = true;
        // A character beyond the Basic Multilingual Plane (an emoji) takes two UCS-2 units.
        l.characters += text::sequence_length(b) == 4 ? 2 : 1;
    }
    if (l.characters == 0) return l;
    const int single = l.unicode ? 70 : 160, part = l.unicode ? 67 : 153;
    l.segments = l.characters <= single ? 1 : (l.characters + part - 1) / part;
    return l;
}

const std::vector<NewMessageTemplate>& default_message_templates() {
    static const std::vector<NewMessageTemplate> all{
        {"", "default_news", TemplatePurpose::news, ContactChannel::sms, "", "{salutation}您好，{site}最新资讯：{title}。详询{consultant}。", "zh-Hans"},
        {"", "default_festival", TemplatePurpose::festival, ContactChannel::sms, "",
         "{salutation}您好，{festival}将至，{site}全体同仁祝您和家人节日快乐、阖家幸福！", "zh-Hans"},
        {"", "default_birthday", TemplatePurpose::birthday, ContactChannel::sms, "",
         "{salutation}您好，今天是您的生日，{site}祝您生日快乐、身体健康！{consultant}敬上", "zh-Hans"},
        {"", "default_invitation", TemplatePurpose::invitation, ContactChannel::sms, "",
         "{salutation}您好，诚邀您参加{site}{event}，时间{date} {time}，地点{place}。回复或致电{consultant}确认。", "zh-Hans"},
        {"", "default_reminder", TemplatePurpose::reminder, ContactChannel::sms, "",
         "{salutation}您好，提醒您明天{time}参加{event}，地点{place}。期待您的光临！", "zh-Hans"},
        {"", "default_cancellation", TemplatePurpose::cancellation, ContactChannel::sms, "",
         "{salutation}您好，很抱歉，原定{date}的{event}取消，给您带来不便敬请谅解。详询{consultant}。", "zh-Hans"},
    };
    return all;
}

namespace detail {

// The archive's values for a customer: {salutation}, {name}, {site}, {consultant}, ...
RecipientFacts recipient_facts(Store& store, std::int64_t customer_id) {
    Query q(store, "SELECT " SNOWBALL_RECIPIENT_COLUMNS "FROM customers c JOIN sites s ON s.id = c.site_id "
                   "LEFT JOIN consultants k ON k.id = c.consultant_id WHERE c.id = ?");
    q->bind(1, customer_id);
    if (!q->executeStep()) detail::throw_no_customer("customer_id", customer_id);
    return read_recipient(*q);
}

RecipientFacts read_recipient(SQLite::Statement& q) {
    RecipientFacts f;
    f.customer_id = q.getColumn(0).getInt64();
    f.site_id = q.getColumn(1).getInt64();
    f.site = q.getColumn(2).getString();
    f.site_name = q.getColumn(3).getString();
    f.name = q.getColumn(4).getString();
    f.gender = parse_gender(q.getColumn(5).getText());
    f.mobile = q.getColumn(6).getString();
    f.archive_no = q.getColumn(7).getString();
    f.stage = parse_stage(q.getColumn(8).getText());
    f.on_file = q.getColumn(9).getInt() != 0;
    f.consultant = q.getColumn(10).getString();
    f.consultant_phone = q.getColumn(11).getString();
    if (!q.isColumnNull(12)) f.consultant_id = q.getColumn(12).getInt64();
    return f;
}

void fill_recipient(std::map<std::string, std::string>& values, const RecipientFacts& f) {
    values["salutation"] = salutation(f.name, f.gender);
    values["name"] = f.name;
    values["site"] = f.site_name;
    values["consultant"] = f.consultant;
    values["consultant_phone"] = f.consultant_phone;
    values["archive_no"] = f.archive_no;
}

} // namespace detail

// ---------------------------------------------------------------------------------------------
// The service: news and templates

NewsItem Outreach::add_news(const NewNewsItem& item) {
    const std::string title = text::clean(item.title, "title", 100, true);
    const std::string body = text::clean(item.body, "body", 4000, false, text::Lines::multi);
    if (item.attachments.size() > 20) throw_invalid("attachments", "at most 20 references");
    std::vector<std::string> attachments;
    for (std::size_t i = 0; i < item.attachments.size(); ++i)
        attachments.push_back(check_attachment(item.attachments[i], "attachments[" + std::to_string(i) + "]"));
    const Date day = item.date.value_or(today_in_china());
    if (day.is_special()) throw_invalid("date", "is not a date");
    return store_.write([&] {
        const Site site = detail::require_site(store_, item.site, "site");
        const Actor actor = detail::acting(store_, item.by);
        detail::require_actor_site(actor, site.code, "site");
        std::optional<std::int64_t> by = item.by;
        if (!by && (actor.kind == ActorKind::consultant || actor.kind == ActorKind::manager)) by = actor.consultant_id;
        if (by) detail::require_consultant_at(store_, *by, site.code, "by");
        Query q(store_, "INSERT INTO news_items(site_id, kind, title, body, day, attachments, by_id, created_at) VALUES (?,?,?,?,?,?,?,?)");
        q->bind(1, site.id);
        q->bind(2, to_string(item.kind));
        q->bind(3, title);
        q->bind(4, body);
        q->bind(5, to_iso(day));
        q->bind(6, codec::dump(codec::json(attachments)));
        detail::bind_optional(*q, 7, by);
        q->bind(8, text::now_utc());
        q->exec();
        return news(store_.db().getLastInsertRowid());
    });
}

NewsItem Outreach::news(std::int64_t news_id) const {
    return store_.read([&] {
        Query q(store_, SNOWBALL_NEWS_SELECT "WHERE n.id = ?");
        q->bind(1, news_id);
        if (!q->executeStep()) throw Error(Status::not_found, "news_id: no news item with id " + std::to_string(news_id), "news_id");
        return read_news(*q);
    });
}

std::vector<NewsItem> Outreach::news_list(std::string_view site, std::optional<Date> from, std::optional<Date> to) const {
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        Query q(store_, SNOWBALL_NEWS_SELECT "WHERE n.site_id = ?1 AND n.day BETWEEN ?2 AND ?3 ORDER BY n.day DESC, n.id DESC");
        q->bind(1, s.id);
        q->bind(2, from ? to_iso(*from) : std::string("0000-00-00"));
        q->bind(3, to ? to_iso(*to) : std::string("9999-99-99"));
        std::vector<NewsItem> out;
        while (q->executeStep()) out.push_back(read_news(*q));
        return out;
    });
}

namespace {

struct CheckedTemplate {
    std::string key, subject, text, language;
};

CheckedTemplate check_new_template(const NewMessageTemplate& t) {
    CheckedTemplate c;
    c.key = std::string(text::trim(t.key));
    if (!text::is_key(c.key)) throw_invalid("key", "'" + t.key + "' is not a key: a-z, 0-9 and _, starting with a letter, at most 40");
    detail::require_delivery_channel(t.channel);
    c.subject = text::clean(t.subject, "subject", 200, false);
    c.text = text::clean(t.text, "text", 4000, true, text::Lines::multi);
    check_template(c.subject, "subject");
    check_template(c.text, "text");
    c.language = std::string(text::trim(t.language));
    if (c.language.empty()) c.language = "zh-Hans";
    if (c.language.size() > 35) throw_invalid("language", "'" + c.language + "' is not a language tag");
    return c;
}

} // namespace

MessageTemplate Outreach::add_template(const NewMessageTemplate& t) {
    const CheckedTemplate c = check_new_template(t);
    return store_.write([&] {
        std::optional<Site> site;
        if (!text::trim(t.site).empty()) site = detail::require_site(store_, t.site, "site");
        const Actor& actor = store_.actor();
        if (actor.kind != ActorKind::host && (!site || actor.site != site->code))
            throw Error(Status::forbidden, "site: " + actor.text() + " may add templates of site " + actor.site + " only", "site");
        Query dup(store_, "SELECT id FROM message_templates WHERE ifnull(site_id, 0) = ? AND key = ?");
        dup->bind(1, site ? site->id : 0);
        dup->bind(2, c.key);
        if (dup->executeStep())
            throw Error(Status::conflict, "key: the template '" + c.key + "' exists" + (site ? " at site " + site->code : ""), "key",
                        dup->getColumn(0).getInt64());
        const std::string now = text::now_utc();
        Query q(store_, "INSERT INTO message_templates(site_id, key, purpose, channel, subject, body, language, created_at, updated_at) "
                        "VALUES (?,?,?,?,?,?,?,?,?)");
        if (site) q->bind(1, site->id);
        else q->bind(1);
        q->bind(2, c.key);
        q->bind(3, to_string(t.purpose));
        q->bind(4, to_string(t.channel));
        q->bind(5, c.subject);
        q->bind(6, c.text);
        q->bind(7, c.language);
        q->bind(8, now);
        q->bind(9, now);
        q->exec();
        return template_of(store_.db().getLastInsertRowid());
    });
}

MessageTemplate Outreach::update_template(std::int64_t template_id, const std::string& text, const std::string& subject) {
    const std::string body = text::clean(text, "text", 4000, true, text::Lines::multi);
    const std::string subj = text::clean(subject, "subject", 200, false);
    check_template(body, "text");
    check_template(subj, "subject");
    return store_.write([&] {
        const MessageTemplate old = template_of(template_id);
        const Actor& actor = store_.actor();
        if (actor.kind != ActorKind::host && actor.site != old.site)
            throw Error(Status::forbidden, "template_id: " + actor.text() + " may change templates of site " + actor.site + " only",
                        "template_id");
        Query q(store_, "UPDATE message_templates SET body = ?, subject = ?, updated_at = ? WHERE id = ?");
        q->bind(1, body);
        q->bind(2, subj);
        q->bind(3, text::now_utc());
        q->bind(4, template_id);
        q->exec();
        return template_of(template_id);
    });
}

MessageTemplate Outreach::template_of(std::int64_t template_id) const {
    return store_.read([&] {
        Query q(store_, SNOWBALL_TEMPLATE_SELECT "WHERE t.id = ?");
        q->bind(1, template_id);
        if (!q->executeStep())
            throw Error(Status::not_found, "template_id: no message template with id " + std::to_string(template_id), "template_id");
        return read_template(*q);
    });
}

std::vector<MessageTemplate> Outreach::templates(std::string_view site) const {
    return store_.read([&] {
        std::int64_t site_id = 0;
        if (!text::trim(site).empty()) site_id = detail::require_site(store_, site, "site").id;
        Query q(store_, SNOWBALL_TEMPLATE_SELECT "WHERE t.site_id IS NULL OR t.site_id = ? ORDER BY t.key, t.site_id IS NULL");
        q->bind(1, site_id);
        std::vector<MessageTemplate> out;
        while (q->executeStep()) out.push_back(read_template(*q));
        return out;
    });
}

std::string Outreach::render(std::string_view text, std::int64_t customer_id, const std::map<std::string, std::string>& values) const {
    check_template(text, "text");
    return store_.read([&] {
        const detail::Subject subject = detail::require_subject(store_, customer_id);
        detail::require_may_see(store_, store_.actor(), subject, "customer_id");
        std::map<std::string, std::string> all = values;
        detail::fill_recipient(all, detail::recipient_facts(store_, customer_id));
        return fill_template(text, all, "text");
    });
}

} // namespace snowball
