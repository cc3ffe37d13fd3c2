#include "codec/outreach.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(outreach)

namespace snowball::codec {

template <>
struct Record<NewNewsItem> {
    using T = NewNewsItem;
    static auto fields() {
        return std::make_tuple(required("site", &T::site), in("kind", &T::kind), required("title", &T::title), in("body", &T::body),
                               in("date", &T::date), in("attachments", &T::attachments), in("by", &T::by));
    }
};

template <>
struct Record<NewsItem> {
    using T = NewsItem;
    static auto fields() {
        return std::make_tuple(out("id", &T::id), out("site", &T::site), out("kind", &T::kind), out("title", &T::title),
                               out("body", &T::body), out("date", &T::date), out("attachments", &T::attachments), out("by", &T::by),
                               out("created_at", &T::created_at));
    }
};

template <>
struct Record<NewMessageTemplate> {
    using T = NewMessageTemplate;
    static auto fields() {
        return std::make_tuple(in("site", &T::site), required("key", &T::key), in("purpose", &T::purpose), in("channel", &T::channel),
                               in("subject", &T::subject), required("text", &T::text), in("language", &T::language));
    }
};

template <>
struct Record<MessageTemplate> {
    using T = MessageTemplate;
    static auto fields() {
        return std::make_tuple(out("id", &T::id), out("site", &T::site), out("key", &T::key), out("purpose", &T::purpose),
                               out("channel", &T::channel), out("subject", &T::subject), out("text", &T::text),
                               out("language", &T::language), out("placeholders", &T::placeholders),
                               out("created_at", &T::created_at), out("updated_at", &T::updated_at));
    }
};

template <>
struct Record<SmsLength> {
    using T = SmsLength;
    static auto fields() {
        return std::make_tuple(out("characters", &T::characters), out("segments", &T::segments), out("unicode", &T::unicode));
    }
};

template <>
struct Record<Recipients> {
    using T = Recipients;
    static auto fields() {
        return std::make_tuple(required("scope", &T::scope), field("site", &T::site), field("consultant_id", &T::consultant_id),
                               field("grade", &T::grade), field("event_id", &T::event_id), field("customer_id", &T::customer_id),
                               field("customer_ids", &T::customer_ids));
    }
};

template <>
struct Record<Delivery> {
    using T = Delivery;
    static auto fields() {
        return std::make_tuple(
            out("id", &T::id), out("key", &T::key), out("customer_id", &T::customer_id), out("site", &T::site),
            out("channel", &T::channel), out("status", &T::status), out("reason", &T::reason), out("text", &T::text),
            out("subject", &T::subject), out("segments", &T::segments), out("message_id", &T::message_id),
            out("attempts", &T::attempts), out("error", &T::error), out("queued_at", &T::queued_at), out("sent_at", &T::sent_at),
            out("delivered_at", &T::delivered_at), out("read_at", &T::read_at), out("contact_id", &T::contact_id),
            out("news_id", &T::news_id), out("event_id", &T::event_id), out("care_task_id", &T::care_task_id));
    }
};

template <>
struct Record<OutgoingMessage> {
    using T = OutgoingMessage;
    static auto fields() {
        return std::make_tuple(out("delivery_id", &T::delivery_id), out("key", &T::key), out("customer_id", &T::customer_id),
                               out("channel", &T::channel), out("to", &T::to), out("subject", &T::subject), out("text", &T::text),
                               out("segments", &T::segments));
    }
};

template <>
struct Record<Sending> {
    using T = Sending;
    static auto fields() {
        return std::make_tuple(required("key", &T::key), required("audience", &T::audience), in("channel", &T::channel),
                               in("text", &T::text), in("template_id", &T::template_id), in("subject", &T::subject),
                               in("values", &T::values), in("news_id", &T::news_id), in("event_id", &T::event_id), in("at", &T::at),
                               in("by", &T::by), in("dry_run", &T::dry_run));
    }
};

template <>
struct Record<SendResult> {
    using T = SendResult;
    static auto fields() {
        return std::make_tuple(out("key", &T::key), out("recipients", &T::recipients), out("sent", &T::sent),
                               out("failed", &T::failed), out("held", &T::held), out("skipped", &T::skipped),
                               out("timed_out", &T::timed_out), out("reasons", &T::reasons), out("deliveries", &T::deliveries));
    }
};

template <>
struct Record<Receipt> {
    using T = Receipt;
    static auto fields() {
        return std::make_tuple(in("delivery_id", &T::delivery_id), in("message_id", &T::message_id), in("channel", &T::channel),
                               required("status", &T::status), in("error", &T::error), in("at", &T::at));
    }
};

template <>
struct Record<DeliveryCounts> {
    using T = DeliveryCounts;
    static auto fields() {
        return std::make_tuple(out("channel", &T::channel), out("recipients", &T::recipients), out("queued", &T::queued),
                               out("sending", &T::sending), out("sent", &T::sent), out("delivered", &T::delivered),
                               out("read", &T::read), out("failed", &T::failed), out("skipped", &T::skipped));
    }
};

template <>
struct Record<ItemStats> {
    using T = ItemStats;
    static auto fields() {
        return std::make_tuple(out("key", &T::key), out("news_id", &T::news_id), out("event_id", &T::event_id),
                               out("created_at", &T::created_at), out("channels", &T::channels), out("total", &T::total));
    }
};

template <>
struct Record<ReceivedQuery> {
    using T = ReceivedQuery;
    static auto fields() {
        return std::make_tuple(required("customer_id", &T::customer_id), in("from", &T::from), in("to", &T::to));
    }
};

template <>
struct Record<OutreachSettings> {
    using T = OutreachSettings;
    static auto fields() {
        return std::make_tuple(field("site", &T::site), field("weekly_cap", &T::weekly_cap), field("max_attempts", &T::max_attempts),
                               field("timeout_ms", &T::timeout_ms), field("max_sms_segments", &T::max_sms_segments));
    }
};

template <>
struct Record<OutreachSettingsUpdate> {
    using T = OutreachSettingsUpdate;
    static auto fields() {
        return std::make_tuple(in("weekly_cap", &T::weekly_cap), in("max_attempts", &T::max_attempts),
                               in("timeout_ms", &T::timeout_ms), in("max_sms_segments", &T::max_sms_segments));
    }
};

template <>
struct Record<GreetingBatch> {
    using T = GreetingBatch;
    static auto fields() {
        return std::make_tuple(required("site", &T::site), required("date", &T::date), in("channel", &T::channel),
                               in("text", &T::text), in("template_id", &T::template_id), in("key", &T::key), in("at", &T::at));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_READER(NewNewsItem)
SNOWBALL_CODEC_WRITER(NewsItem)
SNOWBALL_CODEC_READER(NewMessageTemplate)
SNOWBALL_CODEC_WRITER(MessageTemplate)
SNOWBALL_CODEC_WRITER(SmsLength)
SNOWBALL_CODEC_WRITER(Recipients)
SNOWBALL_CODEC_READER(Recipients)
SNOWBALL_CODEC_WRITER(Delivery)
SNOWBALL_CODEC_WRITER(OutgoingMessage)
SNOWBALL_CODEC_READER(Sending)
SNOWBALL_CODEC_WRITER(SendResult)
SNOWBALL_CODEC_READER(Receipt)
SNOWBALL_CODEC_WRITER(DeliveryCounts)
SNOWBALL_CODEC_WRITER(ItemStats)
SNOWBALL_CODEC_READER(ReceivedQuery)
SNOWBALL_CODEC_WRITER(OutreachSettings)
SNOWBALL_CODEC_READER(OutreachSettings)
SNOWBALL_CODEC_READER(OutreachSettingsUpdate)
SNOWBALL_CODEC_READER(GreetingBatch)
