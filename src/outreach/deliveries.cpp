// Deliveries: a send renders the item for each recipient, records one delivery per recipient and
// channel (never two), hands the messages to the host's sender on a worker thread watched by a
// timeout, and records what came back — each delivery made a contact in the contact log.
//
// A send is three steps per batch of recipients, each safe to stop after:
//   1. one write transaction decides every delivery (the rules: sent before, do-not-contact, no
//      address, too long, the weekly cap, quiet hours) and claims the ones to send (`sending`);
//   2. outside any transaction, the sender is called for the claimed ones;
//   3. one write transaction records the answers and logs the contacts.
// A process stopped between 1 and 3 leaves `sending` rows: never handed over again by themselves
// (the sender may have sent them), listed by failures() until a receipt settles them.
#include "outreach/outreach_store.hpp"

#include "archive/events.hpp"
#include "archive/records.hpp"
#include "codec/outreach.hpp"
#include "common/text.hpp"
#include "outreach/render.hpp"
#include "privacy/access.hpp"
#include "snowball/care.hpp"
#include "snowball/customers.hpp"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace snowball {

using detail::Query;

namespace {

constexpr std::size_t batch_size = 5000;

// The placeholders a send may give values for; the rest come from the archive.
bool is_send_value(const std::string& key) {
    static const char* const keys[] = {"festival", "event", "date", "time", "place", "title", "body", "link"};
    return std::any_of(std::begin(keys), std::end(keys), [&](const char* k) { return key == k; });
}

void check_key(const std::string& key, const std::string& field) {
    const bool ok = !key.empty() && key.size() <= 100 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-';
    });
    if (!ok) throw_invalid(field, "'" + key + "' is not an item key: 1-100 of A-Z a-z 0-9 _ . : -");
}

// ---------------------------------------------------------------------------------------------
// The sender, on a worker thread, watched by a timeout

struct Answer {
    enum Kind { sent, failed, timed_out } kind = failed;
    std::string text;   // the message id, or the error
};

struct Run {
    std::mutex mutex;
    std::condition_variable changed;
    Sender sender;
    std::vector<OutgoingMessage> messages;
    std::vector<Answer> answers;
    std::size_t current = 0;                              // the message being handed over
    std::chrono::steady_clock::time_point started;        // when it was
    int generation = 0;                                   // the worker in charge
    bool done = false;
};

Answer call_sender(const Sender& sender, const OutgoingMessage& m) {
    try {
        std::string id = sender(m);
        if (!text::is_valid_utf8(id)) id = text::repair_utf8(id);
        if (text::code_points(id) > 200) return {Answer::failed, "the sender returned a message id longer than 200 characters"};
        return {Answer::sent, id};
    } catch (const std::exception& e) {
        std::string what = e.what();
        if (!text::is_valid_utf8(what)) what = text::repair_utf8(what);
        if (what.size() > 500) what.resize(500);
        return {Answer::failed, what.empty() ? "the sender failed" : what};
    } catch (...) {
        return {Answer::failed, "the sender failed"};
    }
}

void work(std::shared_ptr<Run> run, int generation, std::size_t from) {
    for (std::size_t i = from;; ++i) {
        {
            std::lock_guard<std::mutex> lock(run->mutex);
            if (run->generation != generation) return;   // given up on: another worker goes on
            if (i >= run->messages.size()) {
                run->done = true;
                run->changed.notify_all();
                return;
            }
            run->current = i;
            run->started = std::chrono::steady_clock::now();
        }
        Answer a = call_sender(run->sender, run->messages[i]);
        std::lock_guard<std::mutex> lock(run->mutex);
        if (run->generation != generation) return;   // too late: the delivery stays `sending`
        run->answers[i] = std::move(a);
    }
}

// Hands every message to the sender, one at a time; a call that takes longer than `timeout` is
// given up on (its worker left to finish alone, its answer dropped) and a new worker goes on.
std::vector<Answer> hand_over(const Sender& sender, std::vector<OutgoingMessage> messages, std::chrono::milliseconds timeout) {
    auto run = std::make_shared<Run>();
    run->sender = sender;
    run->messages = std::move(messages);
    run->answers.resize(run->messages.size());
    if (run->messages.empty()) return {};
    std::unique_lock<std::mutex> lock(run->mutex);
    run->started = std::chrono::steady_clock::now();
    std::thread(work, run, 0, 0).detach();
    while (!run->done) {
        const std::size_t watched = run->current;
        const auto deadline = run->started + timeout;
        if (run->changed.wait_until(lock, deadline) == std::cv_status::no_timeout) continue;
        if (run->done || run->current != watched || std::chrono::steady_clock::now() < run->started + timeout) continue;
        run->answers[watched] = {Answer::timed_out, "the sender gave no answer within " + std::to_string(timeout.count()) + " ms"};
        ++run->generation;
        if (watched + 1 >= run->messages.size()) break;
        run->current = watched + 1;
        run->started = std::chrono::steady_clock::now();
        std::thread(work, run, run->generation, watched + 1).detach();
    }
    return run->answers;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The store side

namespace detail {

OutreachSettings load_outreach_settings(Store& store, std::int64_t site_id, const std::string& site_code) {
    OutreachSettings s;
    Query q(store, "SELECT settings FROM outreach_settings WHERE site_id = ?");
    q->bind(1, site_id);
    if (q->executeStep()) s = codec::read<OutreachSettings>(codec::parse(q->getColumn(0).getText(), "settings"), "settings");
    s.site = site_code;
    return s;
}

} // namespace detail

namespace {

#define SNOWBALL_DELIVERY_SELECT                                                                                          \
    "SELECT d.id, i.key, d.customer_id, s.code, d.channel, d.status, d.reason, d.body, d.subject, d.segments, d.message_id, " \
    "d.attempts, d.error, d.queued_at, d.sent_at, d.delivered_at, d.read_at, d.contact_id, i.news_id, i.event_id, "       \
    "d.care_task_id FROM deliveries d JOIN outreach_items i ON i.id = d.item_id JOIN sites s ON s.id = d.site_id "

Delivery read_delivery(SQLite::Statement& q) {
    Delivery d;
    d.id = q.getColumn(0).getInt64();
    d.key = q.getColumn(1).getString();
    d.customer_id = q.getColumn(2).getInt64();
    d.site = q.getColumn(3).getString();
    d.channel = parse_contact_channel(q.getColumn(4).getText());
    d.status = parse_delivery_status(q.getColumn(5).getText());
    d.reason = q.getColumn(6).getString();
    d.text = q.getColumn(7).getString();
    d.subject = q.getColumn(8).getString();
    d.segments = q.getColumn(9).getInt();
    d.message_id = q.getColumn(10).getString();
    d.attempts = q.getColumn(11).getInt();
    d.error = q.getColumn(12).getString();
    d.queued_at = q.getColumn(13).getString();
    d.sent_at = q.getColumn(14).getString();
    d.delivered_at = q.getColumn(15).getString();
    d.read_at = q.getColumn(16).getString();
    if (!q.isColumnNull(17)) d.contact_id = q.getColumn(17).getInt64();
    if (!q.isColumnNull(18)) d.news_id = q.getColumn(18).getInt64();
    if (!q.isColumnNull(19)) d.event_id = q.getColumn(19).getInt64();
    if (!q.isColumnNull(20)) d.care_task_id = q.getColumn(20).getInt64();
    return d;
}

Delivery require_delivery(detail::Store& store, std::int64_t id, const std::string& field) {
    Query q(store, SNOWBALL_DELIVERY_SELECT "WHERE d.id = ?");
    q->bind(1, id);
    if (!q->executeStep()) throw Error(Status::not_found, field + ": no delivery with id " + std::to_string(id), field);
    return read_delivery(*q);
}

struct Item {
    std::int64_t id = 0;
    std::string key;
    std::optional<std::int64_t> news_id;
    std::optional<std::int64_t> event_id;
};

std::optional<Item> find_item(detail::Store& store, std::string_view key) {
    Query q(store, "SELECT id, key, news_id, event_id FROM outreach_items WHERE key = ?");
    q->bind(1, std::string(key));
    if (!q->executeStep()) return std::nullopt;
    Item i;
    i.id = q->getColumn(0).getInt64();
    i.key = q->getColumn(1).getString();
    if (!q->isColumnNull(2)) i.news_id = q->getColumn(2).getInt64();
    if (!q->isColumnNull(3)) i.event_id = q->getColumn(3).getInt64();
    return i;
}

Item require_item(detail::Store& store, std::string_view key) {
    if (auto i = find_item(store, key)) return *i;
    throw Error(Status::not_found, "key: no item sent with key '" + std::string(key) + "'", "key");
}

// One recipient's delivery as the rules decide it.
struct Candidate {
    detail::RecipientFacts who;
    std::string text;
    std::string subject;
    std::optional<std::int64_t> care_task_id;
    bool capped = true;   // the weekly cap applies (care greetings are exempt)
    // The item's delivery to the customer on the channel so far, if any. One sent before (or handed
    // over without an answer) is settled: nothing is rendered for it.
    struct Existing {
        std::int64_t id = 0;
        DeliveryStatus status = DeliveryStatus::queued;
        int attempts = 0;
        bool settled() const {
            return status == DeliveryStatus::sent || status == DeliveryStatus::delivered || status == DeliveryStatus::read ||
                   status == DeliveryStatus::sending;
        }
    };
    std::optional<Existing> existing;
};

// What a batch decided: the messages to hand over, beside their delivery rows.
struct Claimed {
    std::vector<OutgoingMessage> messages;
    std::vector<Candidate> candidates;   // in the messages' order
};

// The per-site facts a batch needs, read once.
struct SiteRules {
    OutreachSettings outreach;
    std::optional<QuietHours> quiet_hours;
};

class Batch {
public:
    Batch(detail::Store& store, Contacts& contacts, const Item& item, ContactChannel channel, std::int64_t at, SendResult& result,
          bool dry_run)
        : store_(store), contacts_(contacts), item_(item), channel_(channel), at_(at), day_(text::china_date(at)), hh_mm_(text::china_hh_mm(at)),
          result_(result), dry_run_(dry_run) {}

    const SiteRules& rules(std::int64_t site_id, const std::string& code) {
        auto it = rules_.find(site_id);
        if (it == rules_.end())
            it = rules_.emplace(site_id, SiteRules{detail::load_outreach_settings(store_, site_id, code),
                                                   contacts_.settings(code).quiet_hours}).first;
        return it->second;
    }

    // Decides and records the candidate's delivery; returns whether it is to be handed over now.
    bool decide(const Candidate& c, Claimed& claimed) {
        std::optional<std::int64_t> id;
        int attempts = 0;
        if (c.existing) {
            id = c.existing->id;
            attempts = c.existing->attempts;
            const DeliveryStatus status = c.existing->status;
            if (status == DeliveryStatus::sent || status == DeliveryStatus::delivered || status == DeliveryStatus::read)
                return skip_only("already_sent", *id);
            if (status == DeliveryStatus::sending) return skip_only("sending", *id);
        }
        const SiteRules& r = rules(c.who.site_id, c.who.site);
        if (c.existing && c.existing->status == DeliveryStatus::failed && attempts >= r.outreach.max_attempts)
            return skip_only("attempts", *id);
        const auto reason = [&]() -> std::string {
            if (!c.who.on_file) return "off_file";
            if (!detail::purpose_allowed(store_, c.who.customer_id, Purpose::service, to_string(channel_))) return "do_not_contact";
            if ((channel_ == ContactChannel::sms || channel_ == ContactChannel::wechat) && c.who.mobile.empty()) return "no_address";
            if (channel_ == ContactChannel::sms && sms_length(c.text).segments > r.outreach.max_sms_segments) return "too_long";
            if (c.capped && r.outreach.weekly_cap && received_this_week(c.who.customer_id) >= *r.outreach.weekly_cap)
                return "weekly_cap";
            return "";
        }();
        DeliveryStatus status = DeliveryStatus::sending;
        if (!reason.empty()) status = DeliveryStatus::skipped;
        else if ((channel_ == ContactChannel::sms || channel_ == ContactChannel::wechat) && r.quiet_hours &&
                 in_quiet_hours(*r.quiet_hours, hh_mm_))
            status = DeliveryStatus::queued;
        const std::string why = status == DeliveryStatus::queued ? "quiet_hours" : reason;
        const int segments = channel_ == ContactChannel::sms ? sms_length(c.text).segments : 0;
        const int tries = attempts + (status == DeliveryStatus::sending ? 1 : 0);
        if (id) {
            Query u(store_, "UPDATE deliveries SET status = ?, reason = ?, body = ?, subject = ?, segments = ?, attempts = ? WHERE id = ?");
            u->bind(1, to_string(status));
            u->bind(2, why);
            u->bind(3, c.text);
            u->bind(4, c.subject);
            u->bind(5, segments);
            u->bind(6, tries);
            u->bind(7, *id);
            u->exec();
        } else {
            Query ins(store_, "INSERT INTO deliveries(item_id, customer_id, site_id, channel, status, reason, subject, body, segments, "
                              "attempts, queued_at, care_task_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
            ins->bind(1, item_.id);
            ins->bind(2, c.who.customer_id);
            ins->bind(3, c.who.site_id);
            ins->bind(4, to_string(channel_));
            ins->bind(5, to_string(status));
            ins->bind(6, why);
            ins->bind(7, c.subject);
            ins->bind(8, c.text);
            ins->bind(9, segments);
            ins->bind(10, tries);
            ins->bind(11, now_);
            detail::bind_optional(*ins, 12, c.care_task_id);
            ins->exec();
            id = store_.db().getLastInsertRowid();
        }
        if (status == DeliveryStatus::skipped) {
            ++result_.skipped;
            ++result_.reasons[why];
        } else if (status == DeliveryStatus::queued) {
            ++result_.held;
        }
        if (dry_run_ || status != DeliveryStatus::sending) {
            touched_.push_back(*id);
            return false;
        }
        OutgoingMessage m;
        m.delivery_id = *id;
        m.key = item_.key;
        m.customer_id = c.who.customer_id;
        m.channel = channel_;
        if (channel_ == ContactChannel::sms || channel_ == ContactChannel::wechat) m.to = c.who.mobile;
        m.subject = c.subject;
        m.text = c.text;
        m.segments = segments;
        claimed.messages.push_back(std::move(m));
        claimed.candidates.push_back(c);
        return true;
    }

    // Records the sender's answers: a sent message is a contact.
    void record(const Claimed& claimed, const std::vector<Answer>& answers, std::optional<std::int64_t> by) {
        const std::string sent_at = text::now_utc();
        const std::int64_t sent_seconds = text::now_seconds();
        for (std::size_t i = 0; i < answers.size(); ++i) {
            const OutgoingMessage& m = claimed.messages[i];
            const Candidate& c = claimed.candidates[i];
            const Answer& a = answers[i];
            touched_.push_back(m.delivery_id);
            if (a.kind == Answer::timed_out) {
                ++result_.timed_out;
                Query u(store_, "UPDATE deliveries SET error = ? WHERE id = ?");
                u->bind(1, a.text);
                u->bind(2, m.delivery_id);
                u->exec();
                continue;
            }
            if (a.kind == Answer::failed) {
                ++result_.failed;
                Query u(store_, "UPDATE deliveries SET status = 'failed', error = ? WHERE id = ?");
                u->bind(1, a.text);
                u->bind(2, m.delivery_id);
                u->exec();
                continue;
            }
            ++result_.sent;
            std::optional<std::int64_t> contact;
            // A customer erased while the message was on its way keeps no trace in the log.
            if (on_file(c.who.customer_id)) contact = log_contact(c, m, by, sent_seconds);
            Query u(store_, "UPDATE deliveries SET status = 'sent', message_id = ?, error = '', sent_at = ?, sent_day = ?, "
                            "contact_id = ? WHERE id = ?");
            u->bind(1, a.text);
            u->bind(2, sent_at);
            u->bind(3, to_iso(text::china_date(sent_seconds)));
            detail::bind_optional(*u, 4, contact);
            u->bind(5, m.delivery_id);
            u->exec();
        }
    }

    const std::vector<std::int64_t>& touched() const { return touched_; }

    // How long the sender may take a message: the shortest timeout of the batch's sites.
    std::chrono::milliseconds timeout() const {
        int ms = 0;
        for (const auto& entry : rules_) {
            const int site_ms = entry.second.outreach.timeout_ms;
            ms = ms == 0 ? site_ms : std::min(ms, site_ms);
        }
        return std::chrono::milliseconds(ms == 0 ? OutreachSettings{}.timeout_ms : ms);
    }

private:
    bool skip_only(const std::string& why, std::int64_t id) {
        ++result_.skipped;
        ++result_.reasons[why];
        touched_.push_back(id);
        return false;
    }

    bool on_file(std::int64_t customer_id) {
        Query q(store_, "SELECT 1 FROM customers WHERE id = ? AND deleted_at IS NULL");
        q->bind(1, customer_id);
        return q->executeStep();
    }

    std::int64_t received_this_week(std::int64_t customer_id) {
        Query q(store_, "SELECT count(*) FROM deliveries WHERE customer_id = ? AND sent_day BETWEEN ? AND ? "
                        "AND status IN ('sent', 'delivered', 'read')");
        q->bind(1, customer_id);
        q->bind(2, to_iso(day_ - boost::gregorian::days(6)));
        q->bind(3, to_iso(day_));
        q->executeStep();
        return q->getColumn(0).getInt64();
    }

    std::int64_t log_contact(const Candidate& c, const OutgoingMessage& m, std::optional<std::int64_t> by, std::int64_t at) {
        std::int64_t id = 0;
        detail::ContactMade e;
        e.customer_id = c.who.customer_id;
        const Actor& actor = store_.actor();
        if (by) e.consultant_id = by;
        else if (actor.kind == ActorKind::consultant || actor.kind == ActorKind::manager) e.consultant_id = actor.consultant_id;
        else e.consultant_id = c.who.consultant_id;
        e.at = at;
        e.channel = to_string(m.channel);
        e.outcome = "sent";
        e.note = text::first_characters(m.subject.empty() ? m.text : m.subject, 2000);
        e.care_task_id = c.care_task_id;
        e.event_id = item_.event_id;
        e.delivery_id = m.delivery_id;
        e.contact_id = &id;
        store_.events().publish(store_, e);
        return id;
    }

    detail::Store& store_;
    Contacts& contacts_;
    const Item& item_;
    ContactChannel channel_;
    std::int64_t at_;
    Date day_;
    std::string hh_mm_;
    SendResult& result_;
    bool dry_run_;
    std::string now_ = text::now_utc();
    std::unordered_map<std::int64_t, SiteRules> rules_;
    std::vector<std::int64_t> touched_;
};

} // namespace

// ---------------------------------------------------------------------------------------------
// The service

Outreach::Outreach(detail::Store& store, Customers& customers, Consultants& consultants, CareCalendar& calendar, Contacts& contacts,
                   Consents& consents, Referrals& referrals)
    : store_(store), customers_(customers), consultants_(consultants), calendar_(calendar), contacts_(contacts), consents_(consents),
      referrals_(referrals) {
    detail::subscribe_outreach_events(store_);
}

void Outreach::register_sender(ContactChannel channel, Sender sender) {
    detail::require_delivery_channel(channel);
    std::lock_guard<std::mutex> lock(senders_mutex_);
    if (sender) senders_[channel] = std::move(sender);
    else senders_.erase(channel);
}

Sender Outreach::sender_for(ContactChannel channel, const Sender& given) const {
    if (given) return given;
    std::lock_guard<std::mutex> lock(senders_mutex_);
    const auto it = senders_.find(channel);
    return it == senders_.end() ? Sender{} : it->second;
}

namespace {

// The item's deliveries to these customers on the channel so far, by customer: one statement a
// batch, so that a repeated send costs a lookup per recipient and renders nothing already sent.
std::unordered_map<std::int64_t, Candidate::Existing> existing_of(detail::Store& store, std::int64_t item_id, ContactChannel channel,
                                                                 const std::vector<std::int64_t>& customers, std::size_t from,
                                                                 std::size_t to) {
    std::unordered_map<std::int64_t, Candidate::Existing> out;
    std::string ids = "[";
    for (std::size_t i = from; i < to; ++i) ids += (i == from ? "" : ",") + std::to_string(customers[i]);
    ids += "]";
    Query q(store, "SELECT customer_id, id, status, attempts FROM deliveries WHERE item_id = ?1 AND channel = ?2 "
                   "AND customer_id IN (SELECT value FROM json_each(?3))");
    q->bind(1, item_id);
    q->bind(2, to_string(channel));
    q->bind(3, ids);
    while (q->executeStep())
        out.emplace(q->getColumn(0).getInt64(), Candidate::Existing{q->getColumn(1).getInt64(),
                                                                    parse_delivery_status(q->getColumn(2).getText()),
                                                                    q->getColumn(3).getInt()});
    return out;
}

// The three steps over every batch of the customers; `make` builds the candidate of the i-th one
// inside the batch's write transaction (the rules read the archive as it is then).
SendResult deliver(detail::Store& store_, Contacts& contacts, const std::string& key, ContactChannel channel, std::int64_t at,
                   const Sender& sender, bool dry_run, std::optional<std::int64_t> by, const std::vector<std::int64_t>& customers,
                   const std::function<Candidate(std::size_t)>& make, const std::function<Item()>& item_of) {
    const std::size_t total = customers.size();
    SendResult result;
    result.key = key;
    std::vector<std::int64_t> touched;
    for (std::size_t from = 0; from < total || (from == 0 && total == 0); from += batch_size) {
        const std::size_t to = std::min(total, from + batch_size);
        Claimed claimed;
        Item item;
        std::chrono::milliseconds timeout{};
        std::vector<std::int64_t> decided = store_.write_if([&] {
            item = item_of();
            const auto existing = existing_of(store_, item.id, channel, customers, from, to);
            Batch batch(store_, contacts, item, channel, at, result, dry_run);
            for (std::size_t i = from; i < to; ++i) {
                const auto it = existing.find(customers[i]);
                Candidate c;
                if (it == existing.end() || !it->second.settled()) c = make(i);
                else c.who.customer_id = customers[i];
                if (it != existing.end()) c.existing = it->second;
                batch.decide(c, claimed);
            }
            std::vector<std::int64_t> ids = batch.touched();
            timeout = batch.timeout();
            if (dry_run) {
                for (std::int64_t id : ids) result.deliveries.push_back(require_delivery(store_, id, "delivery_id"));
            }
            return std::pair<std::vector<std::int64_t>, bool>{ids, !dry_run};
        });
        touched.insert(touched.end(), decided.begin(), decided.end());
        if (dry_run || claimed.messages.empty()) {
            if (total == 0) break;
            continue;
        }
        const std::vector<Answer> answers = hand_over(sender, claimed.messages, timeout);
        store_.write([&] {
            Batch batch(store_, contacts, item, channel, at, result, false);
            batch.record(claimed, answers, by);
            touched.insert(touched.end(), batch.touched().begin(), batch.touched().end());
        });
        if (total == 0) break;
    }
    if (!dry_run) {
        store_.read([&] {
            std::sort(touched.begin(), touched.end());
            touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
            if (touched.size() <= 10000)
                for (std::int64_t id : touched) result.deliveries.push_back(require_delivery(store_, id, "delivery_id"));
        });
    }
    return result;
}

} // namespace

SendResult Outreach::send(const Sending& s) {
    const std::string key(text::trim(s.key));
    check_key(key, "key");
    detail::require_delivery_channel(s.channel);
    if (!text::trim(s.text).empty() && s.template_id) throw_invalid("text", "give the text or a template_id, not both");
    if (text::trim(s.text).empty() && !s.template_id) throw_invalid("text", "is required: the message, or a template_id");
    for (const auto& [k, v] : s.values) {
        if (!is_send_value(k))
            throw_invalid("values." + k, "is not a value a send gives: festival, event, date, time, place, title, body, link "
                                         "(the others come from the archive)");
        text::clean(v, "values." + k, 500, false);
    }
    const std::int64_t at = text::moment_or_now(s.at, "at");
    const Sender sender = sender_for(s.channel, s.sender);
    if (!sender && !s.dry_run) throw_invalid("sender", std::string("no sender registered for channel ") + to_string(s.channel));

    // What is fixed for the whole send: the text, the values, the audience — checked before anything
    // is recorded (an unknown placeholder fails the send, not a recipient).
    std::string body = text::clean(s.text, "text", 4000, false, text::Lines::multi);
    std::string subject = text::clean(s.subject, "subject", 200, false);
    std::map<std::string, std::string> values = s.values;
    std::vector<std::int64_t> recipients;
    store_.read([&] {
        if (s.template_id) {
            const MessageTemplate t = template_of(*s.template_id);
            if (t.channel != s.channel)
                throw_invalid("template_id", "template '" + t.key + "' is for " + to_string(t.channel) + ", not " + to_string(s.channel));
            body = t.text;
            subject = t.subject;
        }
        if (s.news_id) {
            const NewsItem n = news(*s.news_id);
            values.emplace("title", n.title);
            values.emplace("body", n.body);
            values.emplace("date", to_iso(n.date));
            values.emplace("link", n.attachments.empty() ? "" : n.attachments.front());
        }
        if (s.event_id) {
            Query e(store_, "SELECT title, day, time, place FROM events WHERE id = ?");
            e->bind(1, *s.event_id);
            if (!e->executeStep()) throw Error(Status::not_found, "event_id: no event with id " + std::to_string(*s.event_id), "event_id");
            values.emplace("event", e->getColumn(0).getString());
            values.emplace("date", e->getColumn(1).getString());
            values.emplace("time", e->getColumn(2).getString());
            values.emplace("place", e->getColumn(3).getString());
        }
        recipients = detail::resolve_audience(store_, referrals_, contacts_, s.audience, "audience");
        if (s.by) detail::acting(store_, s.by);
    });
    for (const std::string& p : check_template(body, "text"))
        if (is_send_value(p) && !values.count(p)) throw_invalid("text", "the placeholder {" + p + "} has no value: give values." + p);
    for (const std::string& p : check_template(subject, "subject"))
        if (is_send_value(p) && !values.count(p)) throw_invalid("subject", "the placeholder {" + p + "} has no value: give values." + p);

    const auto item_of = [&] {
        if (auto found = find_item(store_, key)) return *found;
        Query q(store_, "INSERT INTO outreach_items(key, news_id, event_id, created_at, created_by) VALUES (?,?,?,?,?)");
        q->bind(1, key);
        detail::bind_optional(*q, 2, s.news_id);
        detail::bind_optional(*q, 3, s.event_id);
        q->bind(4, text::now_utc());
        q->bind(5, store_.actor().text());
        q->exec();
        return Item{store_.db().getLastInsertRowid(), key, s.news_id, s.event_id};
    };
    std::map<std::string, std::string> filled = values;
    const auto make = [&](std::size_t i) {
        Candidate c;
        c.who = detail::recipient_facts(store_, recipients[i]);
        detail::fill_recipient(filled, c.who);
        c.text = fill_template(body, filled, "text");
        c.subject = fill_template(subject, filled, "subject");
        return c;
    };
    SendResult r = deliver(store_, contacts_, key, s.channel, at, sender, s.dry_run, s.by, recipients, make, item_of);
    r.recipients = static_cast<std::int64_t>(recipients.size());
    return r;
}

SendResult Outreach::retry(std::string_view key_text, const Sender& given, std::string_view at_text) {
    const std::string key(text::trim(key_text));
    check_key(key, "key");
    const std::int64_t at = text::moment_or_now(at_text, "at");
    struct Open {
        std::int64_t customer_id;
        ContactChannel channel;
    };
    std::vector<Open> open;
    Item item;
    store_.read([&] {
        item = require_item(store_, key);
        Query q(store_, "SELECT d.customer_id, d.channel FROM deliveries d WHERE d.item_id = ? AND d.status IN ('failed', 'queued') "
                        "ORDER BY d.channel, d.customer_id");
        q->bind(1, item.id);
        while (q->executeStep()) open.push_back({q->getColumn(0).getInt64(), parse_contact_channel(q->getColumn(1).getText())});
    });
    SendResult all;
    all.key = key;
    // One pass per channel: each has its own sender.
    for (ContactChannel channel : {ContactChannel::sms, ContactChannel::wechat, ContactChannel::letter, ContactChannel::email}) {
        std::vector<std::int64_t> customers;
        for (const Open& o : open)
            if (o.channel == channel) customers.push_back(o.customer_id);
        if (customers.empty()) continue;
        const Sender sender = sender_for(channel, given);
        if (!sender) throw_invalid("sender", std::string("no sender registered for channel ") + to_string(channel));
        const auto make = [&](std::size_t i) {
            Query q(store_, "SELECT body, subject, care_task_id FROM deliveries WHERE item_id = ? AND customer_id = ? AND channel = ?");
            q->bind(1, item.id);
            q->bind(2, customers[i]);
            q->bind(3, to_string(channel));
            q->executeStep();
            Candidate c;
            c.who = detail::recipient_facts(store_, customers[i]);
            c.text = q->getColumn(0).getString();
            c.subject = q->getColumn(1).getString();
            if (!q->isColumnNull(2)) {
                c.care_task_id = q->getColumn(2).getInt64();
                c.capped = false;
            }
            return c;
        };
        const SendResult r = deliver(store_, contacts_, key, channel, at, sender, false, std::nullopt, customers, make, [&] { return item; });
        all.recipients += static_cast<std::int64_t>(customers.size());
        all.sent += r.sent;
        all.failed += r.failed;
        all.held += r.held;
        all.skipped += r.skipped;
        all.timed_out += r.timed_out;
        for (const auto& [k, v] : r.reasons) all.reasons[k] += v;
        all.deliveries.insert(all.deliveries.end(), r.deliveries.begin(), r.deliveries.end());
    }
    if (all.sent > 0) complete_greetings(all.deliveries);
    return all;
}

// A care task whose greeting went out is done: its contact is the delivery's.
void Outreach::complete_greetings(const std::vector<Delivery>& deliveries) {
    for (const Delivery& d : deliveries) {
        if (!d.care_task_id || d.status != DeliveryStatus::sent) continue;
        store_.write([&] {
            const CareTask t = calendar_.get(*d.care_task_id);
            if (t.status == TaskStatus::open) calendar_.complete(t.id, "sent", d.text, std::nullopt, true);
        });
    }
}

SendResult Outreach::send_greetings(const GreetingBatch& b) {
    if (b.date.is_special()) throw_invalid("date", "is required");
    detail::require_delivery_channel(b.channel);
    if (!text::trim(b.text).empty() && b.template_id) throw_invalid("text", "give the text or a template_id, not both");
    const std::string key = text::trim(b.key).empty() ? "greetings:" + text::upper_ascii(text::trim(b.site)) + ":" + to_iso(b.date)
                                                      : std::string(text::trim(b.key));
    check_key(key, "key");
    const std::int64_t at = text::moment_or_now(b.at, "at");
    const Sender sender = sender_for(b.channel, b.sender);
    if (!sender) throw_invalid("sender", std::string("no sender registered for channel ") + to_string(b.channel));
    std::string given = text::clean(b.text, "text", 4000, false, text::Lines::multi);
    if (!given.empty()) check_template(given, "text");

    // The day's greeting tasks: open, each action an SMS (or a call or an SMS).
    std::vector<CareTask> tasks;
    std::string festival_text, birthday_text;
    store_.write([&] {
        const Site site = detail::require_site(store_, b.site, "site");
        AgendaQuery q;
        q.from = b.date;
        q.to = b.date;
        q.site = site.code;
        q.include_closed = false;
        for (CareTask& t : calendar_.agenda(q)) {
            if (t.status != TaskStatus::open || t.actions.empty()) continue;
            const bool by_message = std::all_of(t.actions.begin(), t.actions.end(), [&](const TaskAction& a) {
                return a.action == "sms" || a.action == "call_or_sms" || a.channel == "sms" || a.channel == to_string(b.channel);
            });
            if (by_message) tasks.push_back(std::move(t));
        }
        if (b.template_id) {
            const MessageTemplate t = template_of(*b.template_id);
            if (t.channel != b.channel)
                throw_invalid("template_id", "template '" + t.key + "' is for " + to_string(t.channel) + ", not " + to_string(b.channel));
            festival_text = birthday_text = t.text;
        } else if (!given.empty()) {
            festival_text = birthday_text = given;
        } else {
            const auto pick = [&](TemplatePurpose purpose) {
                for (const MessageTemplate& t : templates(site.code))
                    if (t.purpose == purpose && t.channel == b.channel && t.site == site.code) return t.text;
                for (const MessageTemplate& t : templates(site.code))
                    if (t.purpose == purpose && t.channel == b.channel) return t.text;
                for (const NewMessageTemplate& t : default_message_templates())
                    if (t.purpose == purpose) return t.text;
                return std::string();
            };
            festival_text = pick(TemplatePurpose::festival);
            birthday_text = pick(TemplatePurpose::birthday);
        }
    });
    const auto item_of = [&] {
        if (auto found = find_item(store_, key)) return *found;
        Query q(store_, "INSERT INTO outreach_items(key, created_at, created_by) VALUES (?,?,?)");
        q->bind(1, key);
        q->bind(2, text::now_utc());
        q->bind(3, store_.actor().text());
        q->exec();
        return Item{store_.db().getLastInsertRowid(), key, std::nullopt, std::nullopt};
    };
    std::vector<std::int64_t> customers;
    for (const CareTask& t : tasks) customers.push_back(t.customer_id);
    const auto make = [&](std::size_t i) {
        const CareTask& t = tasks[i];
        std::string festivals, others;
        bool birthday = false;
        for (const TaskOccasion& o : t.occasions) {
            if (o.kind == OccasionKind::festival) festivals += (festivals.empty() ? "" : "、") + o.title;
            else others += (others.empty() ? "" : "、") + o.title;
            if (o.kind == OccasionKind::birthday || o.kind == OccasionKind::family_birthday) birthday = true;
        }
        std::map<std::string, std::string> values{{"festival", festivals.empty() ? others : festivals}, {"date", to_iso(t.date)}};
        Candidate c;
        c.who = detail::recipient_facts(store_, t.customer_id);
        detail::fill_recipient(values, c.who);
        c.text = fill_template(birthday && festivals.empty() ? birthday_text : festival_text, values, "text");
        c.care_task_id = t.id;
        c.capped = false;
        return c;
    };
    SendResult r = deliver(store_, contacts_, key, b.channel, at, sender, false, std::nullopt, customers, make, item_of);
    r.recipients = static_cast<std::int64_t>(tasks.size());
    complete_greetings(r.deliveries);
    return r;
}

Delivery Outreach::receipt(const Receipt& rc) {
    if (rc.status != DeliveryStatus::sent && rc.status != DeliveryStatus::delivered && rc.status != DeliveryStatus::read &&
        rc.status != DeliveryStatus::failed)
        throw_invalid("status", std::string("'") + to_string(rc.status) + "' is not a receipt: sent, delivered, read or failed");
    if (!rc.delivery_id && (text::trim(rc.message_id).empty() || !rc.channel))
        throw_invalid("delivery_id", "name the delivery: its delivery_id, or message_id with channel");
    const std::string error = text::clean(rc.error, "error", 500, false);
    const std::string at = text::trim(rc.at).empty() ? text::now_utc() : text::utc_text(text::parse_moment(text::trim(rc.at), "at"));
    return store_.write([&] {
        std::int64_t id = 0;
        if (rc.delivery_id) {
            id = require_delivery(store_, *rc.delivery_id, "delivery_id").id;
        } else {
            Query q(store_, "SELECT id FROM deliveries WHERE channel = ? AND message_id = ? ORDER BY id DESC LIMIT 1");
            q->bind(1, to_string(*rc.channel));
            q->bind(2, std::string(text::trim(rc.message_id)));
            if (!q->executeStep())
                throw Error(Status::not_found, "message_id: no " + std::string(to_string(*rc.channel)) + " delivery with message id '" +
                                                   std::string(text::trim(rc.message_id)) + "'",
                            "message_id");
            id = q->getColumn(0).getInt64();
        }
        const Delivery d = require_delivery(store_, id, "delivery_id");
        if (d.status == DeliveryStatus::skipped || d.status == DeliveryStatus::queued)
            throw Error(Status::invalid_state,
                        "delivery_id: delivery " + std::to_string(id) + " is " + to_string(d.status) + ": it was never handed over",
                        "delivery_id", id);
        // Receipts may come out of order: a read message was delivered; a later "delivered" does not
        // undo a "read".
        DeliveryStatus next = rc.status;
        if (d.status == DeliveryStatus::read && next == DeliveryStatus::delivered) next = DeliveryStatus::read;
        if ((d.status == DeliveryStatus::delivered || d.status == DeliveryStatus::read) && next == DeliveryStatus::sent) next = d.status;
        Query u(store_, "UPDATE deliveries SET status = ?1, error = CASE WHEN ?1 = 'failed' THEN ?2 ELSE error END, "
                        "delivered_at = CASE WHEN ?1 IN ('delivered', 'read') AND delivered_at = '' THEN ?3 ELSE delivered_at END, "
                        "read_at = CASE WHEN ?1 = 'read' AND read_at = '' THEN ?3 ELSE read_at END, "
                        "sent_at = CASE WHEN ?1 <> 'failed' AND sent_at = '' THEN ?3 ELSE sent_at END, "
                        "sent_day = CASE WHEN ?1 <> 'failed' AND sent_day IS NULL THEN ?4 ELSE sent_day END WHERE id = ?5");
        u->bind(1, to_string(next));
        u->bind(2, error.empty() ? std::string("the channel reported a failure") : error);
        u->bind(3, at);
        u->bind(4, to_iso(text::china_date_of(at)));
        u->bind(5, id);
        u->exec();
        return require_delivery(store_, id, "delivery_id");
    });
}

Delivery Outreach::delivery(std::int64_t delivery_id) const {
    return store_.read([&] {
        Delivery d = require_delivery(store_, delivery_id, "delivery_id");
        detail::require_may_see(store_, store_.actor(), detail::require_subject(store_, d.customer_id), "delivery_id");
        return d;
    });
}

std::vector<Delivery> Outreach::deliveries(std::string_view key, std::optional<DeliveryStatus> status) const {
    return store_.read([&] {
        const Item item = require_item(store_, text::trim(key));
        Query q(store_, SNOWBALL_DELIVERY_SELECT "WHERE d.item_id = ?1 AND (?2 IS NULL OR d.status = ?2) ORDER BY d.customer_id, d.channel");
        q->bind(1, item.id);
        if (status) q->bind(2, to_string(*status));
        else q->bind(2);
        std::vector<Delivery> out;
        while (q->executeStep()) out.push_back(read_delivery(*q));
        return out;
    });
}

std::vector<Delivery> Outreach::failures(std::string_view key) const {
    return store_.read([&] {
        std::optional<Item> item;
        if (!text::trim(key).empty()) item = require_item(store_, text::trim(key));
        Query q(store_, SNOWBALL_DELIVERY_SELECT "WHERE d.status IN ('failed', 'sending') AND (?1 IS NULL OR d.item_id = ?1) "
                                                 "ORDER BY d.queued_at, d.id");
        if (item) q->bind(1, item->id);
        else q->bind(1);
        std::vector<Delivery> out;
        while (q->executeStep()) out.push_back(read_delivery(*q));
        return out;
    });
}

namespace {

void count(DeliveryCounts& s, const std::string& status, std::int64_t n) {
    s.recipients += n;
    if (status == "queued") s.queued += n;
    else if (status == "sending") s.sending += n;
    else if (status == "failed") s.failed += n;
    else if (status == "skipped") s.skipped += n;
    else {
        s.sent += n;   // sent, delivered, read: the sender took them
        if (status == "delivered" || status == "read") s.delivered += n;
        if (status == "read") s.read += n;
    }
}

ItemStats item_stats(detail::Store& store, const Item& item, const std::string& created_at) {
    ItemStats s;
    s.key = item.key;
    s.news_id = item.news_id;
    s.event_id = item.event_id;
    s.created_at = created_at;
    Query q(store, "SELECT channel, status, count(*) FROM deliveries WHERE item_id = ? GROUP BY channel, status ORDER BY channel");
    q->bind(1, item.id);
    while (q->executeStep()) {
        const ContactChannel channel = parse_contact_channel(q->getColumn(0).getText());
        if (s.channels.empty() || s.channels.back().channel != channel) {
            s.channels.emplace_back();
            s.channels.back().channel = channel;
        }
        const std::string status = q->getColumn(1).getString();
        count(s.channels.back(), status, q->getColumn(2).getInt64());
        if (s.channels.size() == 1 && s.total.recipients == 0) s.total.channel = channel;
        count(s.total, status, q->getColumn(2).getInt64());
    }
    return s;
}

} // namespace

ItemStats Outreach::stats(std::string_view key) const {
    return store_.read([&] {
        const Item item = require_item(store_, text::trim(key));
        Query q(store_, "SELECT created_at FROM outreach_items WHERE id = ?");
        q->bind(1, item.id);
        q->executeStep();
        return item_stats(store_, item, q->getColumn(0).getString());
    });
}

std::vector<ItemStats> Outreach::items(std::string_view site, std::optional<Date> from, std::optional<Date> to) const {
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        Query q(store_, "SELECT i.id, i.key, i.news_id, i.event_id, i.created_at FROM outreach_items i "
                        "WHERE EXISTS (SELECT 1 FROM deliveries d WHERE d.item_id = i.id AND d.site_id = ?1) "
                        "AND substr(i.created_at, 1, 10) BETWEEN ?2 AND ?3 ORDER BY i.created_at, i.id");
        q->bind(1, s.id);
        q->bind(2, from ? to_iso(*from) : std::string("0000-00-00"));
        q->bind(3, to ? to_iso(*to) : std::string("9999-99-99"));
        std::vector<ItemStats> out;
        while (q->executeStep()) {
            Item item;
            item.id = q->getColumn(0).getInt64();
            item.key = q->getColumn(1).getString();
            if (!q->isColumnNull(2)) item.news_id = q->getColumn(2).getInt64();
            if (!q->isColumnNull(3)) item.event_id = q->getColumn(3).getInt64();
            out.push_back(item_stats(store_, item, q->getColumn(4).getString()));
        }
        return out;
    });
}

std::vector<Delivery> Outreach::received(const ReceivedQuery& query) const {
    const Date to = query.to.value_or(today_in_china());
    const Date from = query.from.value_or(to - boost::gregorian::days(30));
    if (from > to) throw_invalid("from", to_iso(from) + " is after to (" + to_iso(to) + ")");
    return store_.read([&] {
        detail::require_may_see(store_, store_.actor(), detail::require_subject(store_, query.customer_id), "customer_id");
        Query q(store_, SNOWBALL_DELIVERY_SELECT "WHERE d.customer_id = ? AND d.sent_day BETWEEN ? AND ? ORDER BY d.sent_at, d.id");
        q->bind(1, query.customer_id);
        q->bind(2, to_iso(from));
        q->bind(3, to_iso(to));
        std::vector<Delivery> out;
        while (q->executeStep()) out.push_back(read_delivery(*q));
        return out;
    });
}

OutreachSettings Outreach::settings(std::string_view site) const {
    return store_.read([&] {
        const Site s = detail::require_site(store_, site, "site");
        return detail::load_outreach_settings(store_, s.id, s.code);
    });
}

OutreachSettings Outreach::update_settings(std::string_view site, const OutreachSettingsUpdate& u) {
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        detail::require_site_manager(store_.actor(), s.code, "site", "change site " + s.code + "'s outreach settings");
        OutreachSettings next = detail::load_outreach_settings(store_, s.id, s.code);
        if (u.weekly_cap) next.weekly_cap = *u.weekly_cap;
        if (u.max_attempts) next.max_attempts = *u.max_attempts;
        if (u.timeout_ms) next.timeout_ms = *u.timeout_ms;
        if (u.max_sms_segments) next.max_sms_segments = *u.max_sms_segments;
        if (next.weekly_cap && (*next.weekly_cap < 1 || *next.weekly_cap > 100))
            throw_invalid("weekly_cap", std::to_string(*next.weekly_cap) + " is out of range 1..100 (null: no cap)");
        if (next.max_attempts < 1 || next.max_attempts > 10)
            throw_invalid("max_attempts", std::to_string(next.max_attempts) + " is out of range 1..10");
        if (next.timeout_ms < 10 || next.timeout_ms > 600000)
            throw_invalid("timeout_ms", std::to_string(next.timeout_ms) + " is out of range 10..600000");
        if (next.max_sms_segments < 1 || next.max_sms_segments > 10)
            throw_invalid("max_sms_segments", std::to_string(next.max_sms_segments) + " is out of range 1..10");
        detail::save_site_settings(store_, "outreach_settings", s.id, codec::dump(codec::json(next)));
        return next;
    });
}

} // namespace snowball
