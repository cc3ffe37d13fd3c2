// Outreach: news items, message templates, sends through the host's sender, receipts, statistics.
#include "documents.hpp"

#include "codec/outreach.hpp"
#include "snowball/outreach.h"

#include <cstring>

using namespace snowball;
using namespace snowball::capi;

namespace {

// The C form of a channel: required, a key or its Chinese term (the core decides which channels
// messages are sent on).
ContactChannel channel_arg(const char* text) { return parse_contact_channel(required_text(text, "channel"), "channel"); }

} // namespace

extern "C" {

int snowball_outreach_register_sender(snowball_archive* archive, const char* channel, snowball_sender_fn fn, void* user) {
    SNOWBALL_API_BEGIN
    Archive& a = archive_of(archive);
    a.outreach().register_sender(channel_arg(channel), sender_from_c(fn, user));
    SNOWBALL_API_END
}

int snowball_outreach_send(char** out_json, snowball_archive* archive, const char* sending_json, snowball_sender_fn fn, void* user) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    Sending s = input<Sending>(sending_json, "sending_json");
    s.sender = sender_from_c(fn, user);
    give_json(out_json, a.outreach().send(s));
    SNOWBALL_API_END
}

int snowball_outreach_retry(char** out_json, snowball_archive* archive, const char* key, snowball_sender_fn fn, void* user,
                            const char* at) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string k = required_text(key, "key");
    give_json(out_json, a.outreach().retry(k, sender_from_c(fn, user), optional_text(at)));
    SNOWBALL_API_END
}

int snowball_outreach_send_greetings(char** out_json, snowball_archive* archive, const char* batch_json, snowball_sender_fn fn,
                                     void* user) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    GreetingBatch b = input<GreetingBatch>(batch_json, "batch_json");
    b.sender = sender_from_c(fn, user);
    give_json(out_json, a.outreach().send_greetings(b));
    SNOWBALL_API_END
}

int snowball_outreach_receipt(char** out_json, snowball_archive* archive, const char* receipt_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.outreach().receipt(input<Receipt>(receipt_json, "receipt_json")));
    SNOWBALL_API_END
}

int snowball_outreach_delivery(char** out_json, snowball_archive* archive, int64_t delivery_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).outreach().delivery(delivery_id));
    SNOWBALL_API_END
}

int snowball_outreach_deliveries(char** out_json, snowball_archive* archive, const char* key, const char* status) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string k = required_text(key, "key");
    std::optional<DeliveryStatus> s;
    if (status) s = parse_delivery_status(status, "status");
    give_json(out_json, a.outreach().deliveries(k, s));
    SNOWBALL_API_END
}

int snowball_outreach_failures(char** out_json, snowball_archive* archive, const char* key) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.outreach().failures(optional_text(key)));
    SNOWBALL_API_END
}

int snowball_outreach_stats(char** out_json, snowball_archive* archive, const char* key) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.outreach().stats(required_text(key, "key")));
    SNOWBALL_API_END
}

int snowball_outreach_items(char** out_json, snowball_archive* archive, const char* site, const char* from, const char* to) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const auto f = optional_date(from, "from"), t = optional_date(to, "to");
    give_json(out_json, a.outreach().items(s, f, t));
    SNOWBALL_API_END
}

int snowball_outreach_received(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.outreach().received(input<ReceivedQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_outreach_settings(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.outreach().settings(required_text(site, "site")));
    SNOWBALL_API_END
}

int snowball_outreach_update_settings(char** out_json, snowball_archive* archive, const char* site, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.outreach().update_settings(s, input<OutreachSettingsUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

int snowball_news_add(char** out_json, snowball_archive* archive, const char* news_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.outreach().add_news(input<NewNewsItem>(news_json, "news_json")));
    SNOWBALL_API_END
}

int snowball_news_get(char** out_json, snowball_archive* archive, int64_t news_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).outreach().news(news_id));
    SNOWBALL_API_END
}

int snowball_news_list(char** out_json, snowball_archive* archive, const char* site, const char* from, const char* to) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    const auto f = optional_date(from, "from"), t = optional_date(to, "to");
    give_json(out_json, a.outreach().news_list(s, f, t));
    SNOWBALL_API_END
}

int snowball_message_template_add(char** out_json, snowball_archive* archive, const char* template_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.outreach().add_template(input<NewMessageTemplate>(template_json, "template_json")));
    SNOWBALL_API_END
}

int snowball_message_template_update(char** out_json, snowball_archive* archive, int64_t template_id, const char* text, const char* subject) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string t = required_text(text, "text");
    give_json(out_json, a.outreach().update_template(template_id, t, optional_text(subject)));
    SNOWBALL_API_END
}

int snowball_message_template_get(char** out_json, snowball_archive* archive, int64_t template_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).outreach().template_of(template_id));
    SNOWBALL_API_END
}

int snowball_message_template_list(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.outreach().templates(optional_text(site)));
    SNOWBALL_API_END
}

int snowball_message_template_render(char** out_json, snowball_archive* archive, const char* text, int64_t customer_id,
                             const char* values_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string t = required_text(text, "text");
    const json values = document_or_empty(values_json, "values_json");
    const auto v = codec::read<std::map<std::string, std::string>>(values, "values_json");
    give_json(out_json, a.outreach().render(t, customer_id, v));
    SNOWBALL_API_END
}

int snowball_message_template_check(char** out_json, const char* text) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, check_template(required_text(text, "text"), "text"));
    SNOWBALL_API_END
}

int snowball_sms_length(char** out_json, const char* text) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, sms_length(required_text(text, "text")));
    SNOWBALL_API_END
}

} // extern "C"
