// Outreach (MISSION §2 tactics 8 and 9): timely information to owners — project progress, delivery
// dates, company news, policy changes — and a call or an SMS on every festival, as news items and
// message templates rendered per recipient and delivered through the host's own senders.
//
// The library sends nothing itself. The host registers a sender per channel (an SMS gateway, a
// WeChat service account, a mail merge); a send renders the message for each recipient, records a
// delivery per recipient and channel, hands the message to the sender and records what came back.
// A delivery is never made twice: one item (its key) reaches one person on one channel once, however
// often the send is repeated. Every delivery made is a contact in the contact log.
#pragma once

#include "snowball/contacts.hpp"
#include "snowball/types.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}
class Customers;
class Consultants;
class CareCalendar;
class Contacts;
class Consents;
class Referrals;

// ---------------------------------------------------------------------------------------------
// News items (资讯)

// 工程进度 project progress, 交房 delivery dates, 公司新闻 company news, 政策 policy changes, 其他.
enum class NewsKind { progress, delivery, company, policy, other };
const char* to_string(NewsKind value) noexcept;
NewsKind parse_news_kind(std::string_view text, const std::string& field = "kind");

struct NewNewsItem {
    std::string site;                       // the site it is about
    NewsKind kind = NewsKind::progress;
    std::string title;                      // 1..100 characters, one line
    std::string body;                       // at most 4000 characters
    std::optional<Date> date;               // the day it is dated; default today (China time)
    std::vector<std::string> attachments;   // images or files by reference: a URL or a path (at most
                                            // 20, each at most 500 characters); never the bytes
    std::optional<std::int64_t> by;         // who wrote it: a consultant of the site
};

struct NewsItem {
    std::int64_t id = 0;
    std::string site;
    NewsKind kind = NewsKind::progress;
    std::string title;
    std::string body;
    Date date;
    std::vector<std::string> attachments;
    std::optional<std::int64_t> by;
    std::string created_at;                 // UTC, ISO 8601
};

// ---------------------------------------------------------------------------------------------
// Message templates

// What a template is for: 资讯 news, 节日祝福 festival greetings, 生日祝福 birthday greetings, 活动邀请
// event invitations, 活动提醒 reminders, 活动取消 a cancelled event, 其他 anything else.
enum class TemplatePurpose { news, festival, birthday, invitation, reminder, cancellation, other };
const char* to_string(TemplatePurpose value) noexcept;
TemplatePurpose parse_template_purpose(std::string_view text, const std::string& field = "purpose");

// The channels a delivery goes through: sms, wechat, letter, email (the contact log's channels).
bool is_delivery_channel(ContactChannel channel) noexcept;

// The placeholders a template may use, each filled per recipient from the archive:
//   {salutation} 张先生 (张伟先生/女士 when the gender is not on file), {name} the full name,
//   {site} the site's name, {consultant} the customer's consultant's name, {consultant_phone},
//   {archive_no}; and from the send: {festival}, {event}, {date}, {time}, {place}, {title} (a
//   news item's title), {body} (its body), {link} (its first attachment).
// "{{" and "}}" stand for literal braces. Anything else in braces is invalid_argument naming
// `field` and the placeholder.
const std::vector<std::string>& template_placeholders();
// The placeholders `text` uses, in order of first use; throws on an unknown one or a lone brace.
std::vector<std::string> check_template(std::string_view text, const std::string& field = "text");
// Fills `text`'s placeholders from `values` (an unknown or missing one throws, naming `field`).
std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values,
                          const std::string& field = "text");

// How many SMS a text takes. Chinese (any character outside 7-bit ASCII): 70 characters in one SMS,
// 67 a segment when longer (the concatenation header takes the rest, as Chinese gateways count);
// plain ASCII: 160, 153 a segment.
struct SmsLength {
    int characters = 0;   // Unicode characters
    int segments = 0;     // 0 for an empty text
    bool unicode = false; // counted as UCS-2 (70/67)
};
SmsLength sms_length(std::string_view text);

struct NewMessageTemplate {
    std::string site;                       // "": every site
    std::string key;                        // [a-z][a-z0-9_]*, at most 40; unique per site
    TemplatePurpose purpose = TemplatePurpose::other;
    ContactChannel channel = ContactChannel::sms;   // sms, wechat, letter or email
    std::string subject;                    // email and letter: the subject line (placeholders too)
    std::string text;                       // 1..4000 characters; sms: at most the site's segments
                                            // when rendered
    std::string language = "zh-Hans";       // Simplified Chinese by default
};

struct MessageTemplate {
    std::int64_t id = 0;
    std::string site;
    std::string key;
    TemplatePurpose purpose = TemplatePurpose::other;
    ContactChannel channel = ContactChannel::sms;
    std::string subject;
    std::string text;
    std::string language;
    std::vector<std::string> placeholders;  // used by subject and text
    std::string created_at;
    std::string updated_at;
};

// The library's own templates, one per purpose and channel sms (key "default_<purpose>"), used
// when a send names a purpose without a template of the site's.
const std::vector<NewMessageTemplate>& default_message_templates();

// ---------------------------------------------------------------------------------------------
// Audiences

// Who an item or an invitation goes to: 业主 the owners of a site, VIP customers, a consultant's
// customers, the prospects of an intent grade, the attendees of an earlier event, a referral
// circle (everyone tied to a customer by referrals), a hand-picked list, or a whole site.
enum class AudienceScope { customers, site_owners, site_vips, site_customers, consultant_customers, intent_grade,
                           event_attendees, referral_circle };
const char* to_string(AudienceScope value) noexcept;
AudienceScope parse_audience_scope(std::string_view text, const std::string& field = "scope");

struct Recipients {
    AudienceScope scope = AudienceScope::customers;
    std::string site;                            // site_owners, site_vips, site_customers, intent_grade
    std::optional<std::int64_t> consultant_id;   // consultant_customers
    std::string grade;                           // intent_grade: prospects (not owners) of this grade
    std::optional<std::int64_t> event_id;        // event_attendees: who attended that event
    std::optional<std::int64_t> customer_id;     // referral_circle: the circle of this customer
    std::vector<std::int64_t> customer_ids;      // customers
};

// ---------------------------------------------------------------------------------------------
// Deliveries

// queued: recorded, waiting (the site's quiet hours, or not yet handed over); sending: handed to
// the sender, no answer yet (a sender that timed out, or a process that stopped meanwhile — never
// handed over again by itself); sent: the sender took it (its message id kept); delivered, read:
// the channel's receipts; failed: the sender refused or threw (tried again up to the site's
// attempts); skipped: not sent, for the reason given.
enum class DeliveryStatus { queued, sending, sent, delivered, read, failed, skipped };
const char* to_string(DeliveryStatus value) noexcept;
DeliveryStatus parse_delivery_status(std::string_view text, const std::string& field = "status");

// Why a delivery was not made: do_not_contact (the customer objects to the channel or to service
// contacts), weekly_cap (the site's cap of deliveries a week reached), no_address (no mobile for an
// SMS or WeChat), too_long (more SMS segments than the site allows), attempts (failed as often as
// the site allows), off_file (the customer was removed or erased).
struct Delivery {
    std::int64_t id = 0;
    std::string key;                        // the item's key
    std::int64_t customer_id = 0;
    std::string site;
    ContactChannel channel = ContactChannel::sms;
    DeliveryStatus status = DeliveryStatus::queued;
    std::string reason;                     // skipped, queued: why
    std::string text;                       // as rendered for the recipient
    std::string subject;
    int segments = 0;                       // sms
    std::string message_id;                 // the sender's id
    int attempts = 0;
    std::string error;                      // the last failure, as the sender said it
    std::string queued_at;                  // UTC, ISO 8601
    std::string sent_at;
    std::string delivered_at;
    std::string read_at;
    std::optional<std::int64_t> contact_id;   // the contact-log entry of the delivery
    std::optional<std::int64_t> news_id;
    std::optional<std::int64_t> event_id;
    std::optional<std::int64_t> care_task_id;
};

// What the sender receives: one rendered message for one recipient.
struct OutgoingMessage {
    std::int64_t delivery_id = 0;           // unique: a sender may use it to refuse a duplicate itself
    std::string key;
    std::int64_t customer_id = 0;
    ContactChannel channel = ContactChannel::sms;
    std::string to;                         // sms, wechat: the mobile (normal form); else ""
    std::string subject;
    std::string text;
    int segments = 0;
};

// A sender returns the message id its channel gave (any text, at most 200 characters; "" is
// accepted) or throws to report a failure; the exception's message is kept as the error. It is
// called on a worker thread, one message at a time; a call that does not return within the site's
// timeout leaves its delivery `sending` and the rest of the batch goes on on a new worker — so a
// sender that hangs may be called again while its hung call still runs: make it safe for that.
using Sender = std::function<std::string(const OutgoingMessage&)>;

// One send: an audience × a template (or a text), for one item.
struct Sending {
    std::string key;                        // the item: [A-Za-z0-9_.:-], 1..100; required
    std::vector<Recipients> audience;       // the union of these
    ContactChannel channel = ContactChannel::sms;
    std::string text;                       // the template's text, or
    std::optional<std::int64_t> template_id;   // a stored template (its channel must match)
    std::string subject;                    // with text, for email and letter
    std::map<std::string, std::string> values;   // {festival}, {event}, {date}, ... for this send
    std::optional<std::int64_t> news_id;    // the item is this news: {title}, {body}, {link}, {date}
    std::optional<std::int64_t> event_id;   // the item is about this event: {event}, {date}, {time}, {place}
    std::string at;                         // the moment of the send (quiet hours, the weekly cap):
                                            // "YYYY-MM-DDTHH:MM" China time or with Z/offset; "": now
    std::optional<std::int64_t> by;         // who sends: a consultant of the recipients' site
    Sender sender;                          // this send's sender; empty: the one registered for the channel
    bool dry_run = false;                   // render and check, record nothing, send nothing
};

struct SendResult {
    std::string key;
    std::int64_t recipients = 0;            // distinct customers of the audience
    std::int64_t sent = 0;                  // handed over and accepted in this call
    std::int64_t failed = 0;                // the sender refused or threw in this call
    std::int64_t held = 0;                  // queued: quiet hours (sent by a later send or flush)
    std::int64_t skipped = 0;               // not sent in this call for any other reason
    std::int64_t timed_out = 0;             // left `sending`: no answer within the timeout
    std::map<std::string, std::int64_t> reasons;   // why skipped: "already_sent", "do_not_contact",
                                                   // "weekly_cap", "no_address", "too_long", "attempts"
    std::vector<Delivery> deliveries;       // what this call touched (a dry run: as it would be)
};

// A delivery receipt from the channel.
struct Receipt {
    std::optional<std::int64_t> delivery_id;   // the delivery, or
    std::string message_id;                 // the sender's id (with `channel`)
    std::optional<ContactChannel> channel;
    DeliveryStatus status = DeliveryStatus::delivered;   // delivered, read, failed, sent
    std::string error;                      // failed: what the channel said
    std::string at;                         // when; "": now
};

struct DeliveryCounts {
    ContactChannel channel = ContactChannel::sms;
    std::int64_t recipients = 0;
    std::int64_t queued = 0, sending = 0, sent = 0, delivered = 0, read = 0, failed = 0, skipped = 0;
};
// Sent counts everything the sender took (sent, delivered, read); delivered counts delivered and read.
struct ItemStats {
    std::string key;
    std::optional<std::int64_t> news_id;
    std::optional<std::int64_t> event_id;
    std::string created_at;
    std::vector<DeliveryCounts> channels;     // by channel
    DeliveryCounts total;                     // over the channels (channel: the first)
};

// What one customer received in a period.
struct ReceivedQuery {
    std::int64_t customer_id = 0;
    std::optional<Date> from;               // default 30 days before `to`
    std::optional<Date> to;                 // default today
};

// A site's outreach settings.
struct OutreachSettings {
    std::string site;
    std::optional<int> weekly_cap = 3;      // deliveries a customer gets in 7 days (all channels); nullopt: no cap
    int max_attempts = 3;                   // tries per delivery, 1..10
    int timeout_ms = 10000;                 // a sender's answer, 10..600000
    int max_sms_segments = 3;               // 1..10
};
struct OutreachSettingsUpdate {
    std::optional<std::optional<int>> weekly_cap;
    std::optional<int> max_attempts;
    std::optional<int> timeout_ms;
    std::optional<int> max_sms_segments;
};

// The care agenda's greetings as a batch (tactic 9: a call or an SMS on every festival): the open
// tasks of a site's day whose first action is an SMS or a call-or-SMS, each rendered with the
// occasion ({festival} names it) and sent; a task sent is done, its contact the delivery's.
struct GreetingBatch {
    std::string site;
    Date date;
    ContactChannel channel = ContactChannel::sms;
    std::string text;                       // the template's text, or
    std::optional<std::int64_t> template_id;   // default: the site's festival/birthday template
    std::string key;                        // default "greetings:<site>:<date>"
    std::string at;
    Sender sender;
};

class Outreach {
public:
    Outreach(detail::Store& store, Customers& customers, Consultants& consultants, CareCalendar& calendar, Contacts& contacts,
             Consents& consents, Referrals& referrals);
    Outreach(const Outreach&) = delete;
    Outreach& operator=(const Outreach&) = delete;

    // News.
    NewsItem add_news(const NewNewsItem& item);
    NewsItem news(std::int64_t news_id) const;
    std::vector<NewsItem> news_list(std::string_view site, std::optional<Date> from = std::nullopt,
                                    std::optional<Date> to = std::nullopt) const;   // newest first

    // Templates.
    MessageTemplate add_template(const NewMessageTemplate& t);
    MessageTemplate update_template(std::int64_t template_id, const std::string& text, const std::string& subject = {});
    MessageTemplate template_of(std::int64_t template_id) const;
    // The site's own templates and the group-wide ones, by key.
    std::vector<MessageTemplate> templates(std::string_view site = {}) const;
    // The template rendered for one customer with the send's values (records nothing).
    std::string render(std::string_view text, std::int64_t customer_id, const std::map<std::string, std::string>& values = {}) const;

    // Senders, per channel, for this handle. An empty function removes the channel's sender.
    void register_sender(ContactChannel channel, Sender sender);

    // Sends an item: see Sending. Idempotent on `key`: a delivery sent once is never sent again; a
    // failed one is tried again (up to the site's attempts), a held one goes when the quiet hours end.
    SendResult send(const Sending& sending);
    // Tries the item's failed and held deliveries again (the same rules as a send).
    SendResult retry(std::string_view key, const Sender& sender = {}, std::string_view at = {});
    SendResult send_greetings(const GreetingBatch& batch);

    Delivery receipt(const Receipt& receipt);
    Delivery delivery(std::int64_t delivery_id) const;
    // The item's deliveries, by customer id; `status` filters.
    std::vector<Delivery> deliveries(std::string_view key, std::optional<DeliveryStatus> status = std::nullopt) const;
    // Failed and timed-out deliveries (all items when `key` is empty), oldest first.
    std::vector<Delivery> failures(std::string_view key = {}) const;
    ItemStats stats(std::string_view key) const;
    std::vector<ItemStats> items(std::string_view site, std::optional<Date> from = std::nullopt,
                                 std::optional<Date> to = std::nullopt) const;
    // What the customer was sent in the period, oldest first (the flood check reads the same).
    std::vector<Delivery> received(const ReceivedQuery& query) const;

    OutreachSettings settings(std::string_view site) const;
    OutreachSettings update_settings(std::string_view site, const OutreachSettingsUpdate& update);

private:
    detail::Store& store_;
    Customers& customers_;
    Consultants& consultants_;
    CareCalendar& calendar_;
    Contacts& contacts_;
    Consents& consents_;
    Referrals& referrals_;
    mutable std::mutex senders_mutex_;
    std::map<ContactChannel, Sender> senders_;

    Sender sender_for(ContactChannel channel, const Sender& given) const;
    void complete_greetings(const std::vector<Delivery>& deliveries);
};

} // namespace snowball
