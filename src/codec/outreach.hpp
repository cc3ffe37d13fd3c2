// The JSON form of the outreach records: news items, message templates, audiences, sends and their
// results, deliveries and receipts, statistics and the sites' settings.
#pragma once

#include "codec/contacts.hpp"
#include "codec/types.hpp"
#include "snowball/outreach.hpp"

SNOWBALL_CODEC_ENUM(NewsKind, parse_news_kind)
SNOWBALL_CODEC_ENUM(TemplatePurpose, parse_template_purpose)
SNOWBALL_CODEC_ENUM(AudienceScope, parse_audience_scope)
SNOWBALL_CODEC_ENUM(DeliveryStatus, parse_delivery_status)

// {"site", "kind"?, "title", "body"?, "date"?, "attachments"?, "by"?}.
SNOWBALL_CODEC_READS(NewNewsItem)
SNOWBALL_CODEC_WRITES(NewsItem)
// {"site"?, "key", "purpose"?, "channel"?, "subject"?, "text", "language"?}.
SNOWBALL_CODEC_READS(NewMessageTemplate)
SNOWBALL_CODEC_WRITES(MessageTemplate)
SNOWBALL_CODEC_WRITES(SmsLength)
// {"scope", "site"?, "consultant_id"?, "grade"?, "event_id"?, "customer_id"?, "customer_ids"?}.
SNOWBALL_CODEC_BOTH(Recipients)
SNOWBALL_CODEC_WRITES(Delivery)
SNOWBALL_CODEC_WRITES(OutgoingMessage)
// {"key", "audience", "channel"?, "text"?, "template_id"?, "subject"?, "values"?, "news_id"?,
//  "event_id"?, "at"?, "by"?, "dry_run"?}; the sender is handed over beside it.
SNOWBALL_CODEC_READS(Sending)
SNOWBALL_CODEC_WRITES(SendResult)
// {"delivery_id"? | "message_id"+"channel", "status", "error"?, "at"?}.
SNOWBALL_CODEC_READS(Receipt)
SNOWBALL_CODEC_WRITES(DeliveryCounts)
SNOWBALL_CODEC_WRITES(ItemStats)
// {"customer_id", "from"?, "to"?}.
SNOWBALL_CODEC_READS(ReceivedQuery)
SNOWBALL_CODEC_BOTH(OutreachSettings)
// {"weekly_cap"? (null: no cap), "max_attempts"?, "timeout_ms"?, "max_sms_segments"?}.
SNOWBALL_CODEC_READS(OutreachSettingsUpdate)
// {"site", "date", "channel"?, "text"?, "template_id"?, "key"?, "at"?}.
SNOWBALL_CODEC_READS(GreetingBatch)
