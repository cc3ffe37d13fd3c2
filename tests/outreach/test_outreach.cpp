// Outreach: templates and their placeholders, the length of an SMS, news items, sends to audiences
// through the host's sender — never twice for one item, person and channel; do-not-contact, quiet
// hours, the weekly cap; failures retried up to a limit; a sender that hangs; receipts, statistics,
// the care agenda's greetings as a batch; erasure.
#include "snowball/care.hpp"
#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/outreach.hpp"
#include "snowball/privacy.hpp"
#include "snowball/rights.hpp"

#include "office_fixtures.hpp"
#include "outbox.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

namespace {

class OutreachTest : public ServiceOfficeTest {
protected:
    Outreach& outreach() { return archive_.outreach(); }

    std::int64_t customer(const std::string& name, Gender gender, const std::string& mobile, const std::string& site = "XH",
                          std::optional<std::int64_t> consultant = std::nullopt) {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.gender = gender;
        c.mobile = mobile;
        c.consultant_id = consultant;
        c.filed_on = Date(2024, 1, 8);
        c.first_contact = Date(2024, 1, 8);
        return archive_.customers().add(c).id;
    }

    std::int64_t owner(const std::string& name, Gender gender, const std::string& mobile, const std::string& unit) {
        const std::int64_t id = customer(name, gender, mobile, "XH", wang_);
        NewDeal deal;
        deal.unit = unit;
        deal.area = 89;
        deal.price = 1500000;
        deal.date = Date(2024, 3, 1);
        archive_.customers().record_deal(id, deal);
        return id;
    }

    static Sending sms(const std::string& key, const std::vector<std::int64_t>& ids, const std::string& text) {
        Sending s;
        s.key = key;
        Recipients r;
        r.scope = AudienceScope::customers;
        r.customer_ids = ids;
        s.audience = {r};
        s.channel = ContactChannel::sms;
        s.text = text;
        return s;
    }

    Outbox box_;
    // Today at 10:00 China time: outside any quiet hours.
    const std::string morning_ = to_iso(today_in_china()) + "T10:00";
};

TEST(TemplatesTest, PlaceholdersAreCheckedAndFilled) {
    EXPECT_EQ((std::vector<std::string>{"salutation", "festival"}), check_template("{salutation}您好，{festival}快乐！{salutation}"));
    const std::map<std::string, std::string> v{{"salutation", "张先生"}, {"festival", "中秋节"}};
    EXPECT_EQ("张先生您好，中秋节快乐！{礼}", fill_template("{salutation}您好，{festival}快乐！{{礼}}", v));
    expect_error([] { check_template("{salutaton}您好"); }, Status::invalid_argument, "text", "unknown placeholder {salutaton}");
    expect_error([] { check_template("您好{salutation"); }, Status::invalid_argument, "text", "is not closed");
    expect_error([] { check_template("您好}"); }, Status::invalid_argument, "text", "a lone '}'");
    expect_error([&] { fill_template("{event}", v); }, Status::invalid_argument, "text", "{event} has no value");
}

TEST(TemplatesTest, AnSmsIsSeventyChineseCharactersThenSixtySevenASegment) {
    const auto chinese = [](int n) {
        std::string s;
        for (int i = 0; i < n; ++i) s += "中";
        return s;
    };
    EXPECT_EQ(0, sms_length("").segments);
    EXPECT_EQ(1, sms_length(chinese(70)).segments);
    EXPECT_EQ(70, sms_length(chinese(70)).characters);
    EXPECT_EQ(2, sms_length(chinese(71)).segments);
    EXPECT_EQ(2, sms_length(chinese(134)).segments);
    EXPECT_EQ(3, sms_length(chinese(135)).segments);
    EXPECT_TRUE(sms_length("a中").unicode);
    EXPECT_EQ(1, sms_length(std::string(160, 'a')).segments);
    EXPECT_EQ(2, sms_length(std::string(161, 'a')).segments);
    EXPECT_FALSE(sms_length("abc").unicode);
    EXPECT_EQ(2, sms_length("😀").characters);   // two UCS-2 units
}

TEST_F(OutreachTest, ASendRendersPerRecipientAndNeverSendsTwice) {
    const std::int64_t zhang = customer("张伟", Gender::male, "13800138000");
    const std::int64_t ouyang = customer("欧阳娜", Gender::female, "13900139000");
    const std::int64_t lin = customer("林可", Gender::unknown, "13700137000");
    Sending s = sms("autumn-2026", {zhang, ouyang, lin}, "{salutation}您好，{festival}快乐！{site}");
    s.values = {{"festival", "中秋节"}};
    s.sender = box_.sender();
    s.at = morning_;
    const SendResult first = outreach().send(s);
    EXPECT_EQ(3, first.recipients);
    EXPECT_EQ(3, first.sent);
    EXPECT_EQ(0, first.skipped);
    ASSERT_EQ(3u, box_.size());
    EXPECT_EQ("张先生您好，中秋节快乐！西湖印象售楼处", box_.sent[0].text);
    EXPECT_EQ("欧阳女士您好，中秋节快乐！西湖印象售楼处", box_.sent[1].text);
    EXPECT_EQ("林可先生/女士您好，中秋节快乐！西湖印象售楼处", box_.sent[2].text);
    EXPECT_EQ("13800138000", box_.sent[0].to);
    EXPECT_EQ(1, box_.sent[0].segments);

    // The delivery is recorded with the sender's id, and is a contact in the log.
    const std::vector<Delivery> sent = outreach().deliveries("autumn-2026");
    ASSERT_EQ(3u, sent.size());
    EXPECT_EQ(DeliveryStatus::sent, sent[0].status);
    EXPECT_EQ("m" + std::to_string(sent[0].id), sent[0].message_id);
    ASSERT_TRUE(sent[0].contact_id);
    const ContactEntry entry = archive_.contacts().get(*sent[0].contact_id);
    EXPECT_EQ(ContactChannel::sms, entry.channel);
    EXPECT_EQ("sent", entry.outcome);
    EXPECT_EQ(sent[0].id, entry.delivery_id);

    // Again with the same key: nothing is sent, nothing new is recorded.
    const std::string before = dump();
    const SendResult second = outreach().send(s);
    EXPECT_EQ(0, second.sent);
    EXPECT_EQ(3, second.skipped);
    EXPECT_EQ(3, second.reasons.at("already_sent"));
    EXPECT_EQ(3u, box_.size());
    EXPECT_EQ(before, dump());

    // A new recipient of the same item gets it; the others still not again.
    const std::int64_t chen = customer("陈静", Gender::female, "13600136000");
    s.audience.front().customer_ids.push_back(chen);
    const SendResult third = outreach().send(s);
    EXPECT_EQ(1, third.sent);
    EXPECT_EQ(4u, box_.size());
    EXPECT_EQ(chen, box_.sent[3].customer_id);
}

TEST_F(OutreachTest, DoNotContactNoPhoneAndTooLongAreSkippedWithTheirReason) {
    const std::int64_t zhang = customer("张伟", Gender::male, "13800138000");
    const std::int64_t quiet = customer("李娜", Gender::female, "13900139000");
    const std::int64_t nophone = customer("王强", Gender::male, "");
    archive_.contacts().do_not_contact(quiet, ContactChannel::sms);
    Sending s = sms("news-1", {zhang, quiet, nophone}, "{salutation}您好，样板间开放。");
    s.sender = box_.sender();
    s.at = morning_;
    const SendResult r = outreach().send(s);
    EXPECT_EQ(1, r.sent);
    EXPECT_EQ(2, r.skipped);
    EXPECT_EQ(1, r.reasons.at("do_not_contact"));
    EXPECT_EQ(1, r.reasons.at("no_address"));
    ASSERT_EQ(1u, box_.size());
    EXPECT_EQ(zhang, box_.sent[0].customer_id);
    // A letter reaches the customer who objects to SMS only.
    Sending letter = sms("news-1", {quiet}, "{salutation}您好");
    letter.channel = ContactChannel::letter;
    letter.sender = box_.sender();
    EXPECT_EQ(1, outreach().send(letter).sent);

    OutreachSettingsUpdate u;
    u.max_sms_segments = 1;
    outreach().update_settings("XH", u);
    std::string long_text;
    for (int i = 0; i < 71; ++i) long_text += "长";
    Sending too_long = sms("news-2", {zhang}, long_text);
    too_long.sender = box_.sender();
    too_long.at = morning_;
    const SendResult t = outreach().send(too_long);
    EXPECT_EQ(1, t.reasons.at("too_long"));
}

TEST_F(OutreachTest, QuietHoursHoldMessagesUntilALaterSend) {
    const std::int64_t zhang = customer("张伟", Gender::male, "13800138000");
    ContactSettingsUpdate quiet;
    quiet.quiet_hours = QuietHours{"21:00", "09:00"};
    archive_.contacts().update_settings("XH", quiet);
    Sending s = sms("greeting", {zhang}, "{salutation}晚上好");
    s.sender = box_.sender();
    s.at = to_iso(today_in_china()) + "T22:30";
    const SendResult night = outreach().send(s);
    EXPECT_EQ(0, night.sent);
    EXPECT_EQ(1, night.held);
    EXPECT_EQ(0u, box_.size());
    EXPECT_EQ(DeliveryStatus::queued, outreach().deliveries("greeting").front().status);
    EXPECT_EQ("quiet_hours", outreach().deliveries("greeting").front().reason);
    const SendResult morning = outreach().retry("greeting", box_.sender(), morning_);
    EXPECT_EQ(1, morning.sent);
    EXPECT_EQ(1u, box_.size());
}

TEST_F(OutreachTest, FailuresAreRetriedUpToTheLimitAndListed) {
    const std::int64_t zhang = customer("张伟", Gender::male, "13800138000");
    const std::int64_t li = customer("李娜", Gender::female, "13900139000");
    OutreachSettingsUpdate u;
    u.max_attempts = 2;
    outreach().update_settings("XH", u);
    auto calls = std::make_shared<std::atomic<int>>(0);
    Sending s = sms("launch", {zhang, li}, "{salutation}您好");
    s.at = morning_;
    s.sender = [calls, li](const OutgoingMessage& m) -> std::string {
        ++*calls;
        if (m.customer_id == li) throw std::runtime_error("gateway: 余额不足");
        return "ok";
    };
    const SendResult r = outreach().send(s);
    EXPECT_EQ(1, r.sent);
    EXPECT_EQ(1, r.failed);
    const std::vector<Delivery> failed = outreach().failures("launch");
    ASSERT_EQ(1u, failed.size());
    EXPECT_EQ(li, failed[0].customer_id);
    EXPECT_EQ("gateway: 余额不足", failed[0].error);
    EXPECT_EQ(1, failed[0].attempts);

    EXPECT_EQ(1, outreach().retry("launch", s.sender, morning_).failed);   // the second and last attempt
    const SendResult third = outreach().retry("launch", s.sender, morning_);
    EXPECT_EQ(0, third.failed);
    EXPECT_EQ(1, third.reasons.at("attempts"));
    EXPECT_EQ(3, calls->load());   // 张伟 once, 李娜 twice
    EXPECT_EQ(2, outreach().failures("launch").front().attempts);
}

TEST_F(OutreachTest, ASenderThreadThatHangsLeavesItsDeliverySendingAndTheRestGoOn) {
    const std::int64_t zhang = customer("张伟", Gender::male, "13800138000");
    const std::int64_t li = customer("李娜", Gender::female, "13900139000");
    const std::int64_t chen = customer("陈静", Gender::female, "13600136000");
    OutreachSettingsUpdate u;
    u.timeout_ms = 100;
    outreach().update_settings("XH", u);
    auto released = std::make_shared<std::atomic<bool>>(false);
    Sending s = sms("hang", {zhang, li, chen}, "{salutation}您好");
    s.at = morning_;
    s.sender = [released, li](const OutgoingMessage& m) -> std::string {
        if (m.customer_id == li)
            for (int i = 0; i < 300 && !*released; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return "id-" + std::to_string(m.customer_id);
    };
    const auto started = std::chrono::steady_clock::now();
    const SendResult r = outreach().send(s);
    const auto took = std::chrono::steady_clock::now() - started;
    *released = true;
    EXPECT_EQ(2, r.sent);
    EXPECT_EQ(1, r.timed_out);
    EXPECT_LT(took, std::chrono::milliseconds(2500)) << "the handle waited for the hung sender";
    const Delivery hung = outreach().deliveries("hang", DeliveryStatus::sending).at(0);
    EXPECT_EQ(li, hung.customer_id);
    EXPECT_NE(std::string::npos, hung.error.find("no answer within 100 ms"));
    // Never handed over again by itself: the sender may have sent it.
    const SendResult again = outreach().send(s);
    EXPECT_EQ(0, again.sent);
    EXPECT_EQ(1, again.reasons.at("sending"));
    // A receipt settles it.
    Receipt rc;
    rc.delivery_id = hung.id;
    rc.status = DeliveryStatus::delivered;
    EXPECT_EQ(DeliveryStatus::delivered, outreach().receipt(rc).status);
    EXPECT_TRUE(outreach().failures("hang").empty());
}

TEST_F(OutreachTest, ReceiptsMoveTheStatusAndTheStatisticsCountThem) {
    const std::int64_t zhang = customer("张伟", Gender::male, "13800138000");
    const std::int64_t li = customer("李娜", Gender::female, "13900139000");
    const std::int64_t nophone = customer("王强", Gender::male, "");
    Sending s = sms("stats", {zhang, li, nophone}, "{salutation}您好");
    s.sender = box_.sender();
    s.at = morning_;
    outreach().send(s);
    Receipt delivered;
    delivered.message_id = box_.sent[0].delivery_id ? "m" + std::to_string(box_.sent[0].delivery_id) : "";
    delivered.channel = ContactChannel::sms;
    delivered.status = DeliveryStatus::delivered;
    outreach().receipt(delivered);
    Receipt read = delivered;
    read.status = DeliveryStatus::read;
    outreach().receipt(read);
    outreach().receipt(delivered);   // late: does not undo the read
    Receipt failed;
    failed.delivery_id = box_.sent[1].delivery_id;
    failed.status = DeliveryStatus::failed;
    failed.error = "用户关机";
    outreach().receipt(failed);

    const ItemStats st = outreach().stats("stats");
    EXPECT_EQ(3, st.total.recipients);
    EXPECT_EQ(1, st.total.sent);
    EXPECT_EQ(1, st.total.delivered);
    EXPECT_EQ(1, st.total.read);
    EXPECT_EQ(1, st.total.failed);
    EXPECT_EQ(1, st.total.skipped);
    ASSERT_EQ(1u, st.channels.size());
    EXPECT_EQ(ContactChannel::sms, st.channels[0].channel);

    expect_error([&] { Receipt r; r.message_id = "nope"; r.channel = ContactChannel::sms; outreach().receipt(r); },
                 Status::not_found, "message_id");
    expect_error([&] { Receipt r; r.delivery_id = box_.sent[0].delivery_id; r.status = DeliveryStatus::skipped; outreach().receipt(r); },
                 Status::invalid_argument, "status");
    ReceivedQuery q;
    q.customer_id = zhang;
    ASSERT_EQ(1u, outreach().received(q).size());
    EXPECT_EQ("stats", outreach().received(q)[0].key);
}

TEST_F(OutreachTest, TheWeeklyCapRefusesMoreThanTheSiteAllows) {
    const std::int64_t zhang = customer("张伟", Gender::male, "13800138000");
    OutreachSettingsUpdate u;
    u.weekly_cap = 2;
    outreach().update_settings("XH", u);
    for (const char* key : {"w1", "w2", "w3"}) {
        Sending s = sms(key, {zhang}, "{salutation}您好");
        s.sender = box_.sender();
        s.at = morning_;
        outreach().send(s);
    }
    EXPECT_EQ(2u, box_.size());
    EXPECT_EQ("weekly_cap", outreach().deliveries("w3").front().reason);
}

TEST_F(OutreachTest, BadInputFailsBeforeAnythingIsRecorded) {
    const std::int64_t zhang = customer("张伟", Gender::male, "13800138000");
    Sending s = sms("bad", {zhang}, "{salutation}您好，{festivl}快乐");
    s.sender = box_.sender();
    expect_rejected([&] { outreach().send(s); }, Status::invalid_argument, "text", "unknown placeholder {festivl}");
    s.text = "{festival}快乐";
    expect_rejected([&] { outreach().send(s); }, Status::invalid_argument, "text", "give values.festival");
    s.values = {{"salutation", "x"}};
    expect_rejected([&] { outreach().send(s); }, Status::invalid_argument, "values.salutation");
    s.values = {{"festival", "春节"}};
    s.key = "bad key";
    expect_rejected([&] { outreach().send(s); }, Status::invalid_argument, "key");
    s.key = "bad";
    s.channel = ContactChannel::phone;
    expect_rejected([&] { outreach().send(s); }, Status::invalid_argument, "channel");
    s.channel = ContactChannel::sms;
    s.audience.front().customer_ids = {zhang, 999999};
    expect_rejected([&] { outreach().send(s); }, Status::not_found, "audience[0].customer_ids[1]");
    s.audience.front().customer_ids = {zhang};
    s.sender = nullptr;
    expect_rejected([&] { outreach().send(s); }, Status::invalid_argument, "sender", "no sender registered for channel sms");
    EXPECT_EQ(0u, box_.size());
    expect_error([&] { outreach().stats("bad"); }, Status::not_found, "key");
    // A registered sender serves every send of its channel.
    outreach().register_sender(ContactChannel::sms, box_.sender());
    s.at = morning_;
    EXPECT_EQ(1, outreach().send(s).sent);
    // A dry run renders and records nothing.
    s.key = "dry";
    s.dry_run = true;
    const std::string before = dump();
    const SendResult dry = outreach().send(s);
    ASSERT_EQ(1u, dry.deliveries.size());
    EXPECT_EQ("春节快乐", dry.deliveries[0].text);
    EXPECT_EQ(before, dump());
}

TEST_F(OutreachTest, AudiencesResolveToTheCustomersOnFile) {
    const std::int64_t a = owner("张伟", Gender::male, "13800138000", "1-1-101");
    const std::int64_t b = owner("李娜", Gender::female, "13900139000", "1-1-102");
    const std::int64_t prospect = customer("王强", Gender::male, "13700137000", "XH", zhao_);
    customer("刘洋", Gender::male, "13600136000", "BJ", li_);
    Sending s;
    s.key = "owners";
    Recipients owners;
    owners.scope = AudienceScope::site_owners;
    owners.site = "XH";
    Recipients zhao;
    zhao.scope = AudienceScope::consultant_customers;
    zhao.consultant_id = zhao_;
    s.audience = {owners, zhao};
    s.text = "{salutation}您好";
    s.sender = box_.sender();
    s.at = morning_;
    s.dry_run = true;
    const SendResult r = outreach().send(s);
    EXPECT_EQ(3, r.recipients);
    std::vector<std::int64_t> ids;
    for (const Delivery& d : r.deliveries) ids.push_back(d.customer_id);
    EXPECT_EQ((std::vector<std::int64_t>{a, b, prospect}), ids);

    // A consultant's handle reaches their own customers only.
    Archive wang = archive_.as("consultant:" + std::to_string(wang_));
    s.audience = {owners};
    EXPECT_EQ(2, wang.outreach().send(s).recipients);   // both owners are 王芳's
    s.audience = {zhao};
    expect_error([&] { wang.outreach().send(s); }, Status::forbidden, "audience[0].consultant_id");
    Recipients grade;
    grade.scope = AudienceScope::intent_grade;
    grade.site = "XH";
    grade.grade = "Z";
    s.audience = {grade};
    expect_error([&] { outreach().send(s); }, Status::invalid_argument, "audience[0].grade", "not a grade of site XH");
}

TEST_F(OutreachTest, NewsItemsAreSentWithTheirTitleAndLink) {
    const std::int64_t zhang = owner("张伟", Gender::male, "13800138000", "1-1-101");
    NewNewsItem n;
    n.site = "XH";
    n.kind = NewsKind::progress;
    n.title = "3号楼封顶";
    n.body = "3号楼于今日顺利封顶。";
    n.attachments = {"https://example.com/xh/3-topping.jpg"};
    const NewsItem item = outreach().add_news(n);
    EXPECT_EQ(today_in_china(), item.date);
    EXPECT_EQ(1u, outreach().news_list("XH").size());
    Sending s = sms("news:" + std::to_string(item.id), {zhang}, "{salutation}您好，{title}！详见{link}");
    s.news_id = item.id;
    s.sender = box_.sender();
    s.at = morning_;
    outreach().send(s);
    ASSERT_EQ(1u, box_.size());
    EXPECT_EQ("张先生您好，3号楼封顶！详见https://example.com/xh/3-topping.jpg", box_.sent[0].text);
    EXPECT_EQ(item.id, outreach().stats(s.key).news_id);

    n.attachments = {"data:image/png;base64,AAAA"};
    expect_rejected([&] { outreach().add_news(n); }, Status::invalid_argument, "attachments[0]", "by reference");
    n.attachments.clear();
    n.title = "";
    expect_rejected([&] { outreach().add_news(n); }, Status::invalid_argument, "title");
}

TEST_F(OutreachTest, TemplatesAreStoredPerSiteAndChecked) {
    NewMessageTemplate t;
    t.site = "XH";
    t.key = "autumn";
    t.purpose = TemplatePurpose::festival;
    t.text = "{salutation}您好，{festival}快乐！";
    const MessageTemplate stored = outreach().add_template(t);
    EXPECT_EQ((std::vector<std::string>{"salutation", "festival"}), stored.placeholders);
    EXPECT_EQ("zh-Hans", stored.language);
    expect_rejected([&] { outreach().add_template(t); }, Status::conflict, "key");
    t.key = "broken";
    t.text = "{who}";
    expect_rejected([&] { outreach().add_template(t); }, Status::invalid_argument, "text", "unknown placeholder {who}");
    t.text = "x";
    t.channel = ContactChannel::visit_office;
    expect_rejected([&] { outreach().add_template(t); }, Status::invalid_argument, "channel");
    EXPECT_EQ("{salutation}中秋", outreach().update_template(stored.id, "{salutation}中秋").text);
    const std::int64_t zhang = customer("张伟", Gender::male, "13800138000");
    EXPECT_EQ("张先生中秋", outreach().render(outreach().template_of(stored.id).text, zhang));

    Sending s = sms("tpl", {zhang}, "");
    s.text.clear();
    s.template_id = stored.id;
    s.sender = box_.sender();
    s.at = morning_;
    EXPECT_EQ(1, outreach().send(s).sent);
    EXPECT_EQ("张先生中秋", box_.sent.at(0).text);
}

TEST_F(OutreachTest, TheFestivalGreetingsGoOutAsOneBatchAndCloseTheirTasks) {
    const std::int64_t zhang = owner("张伟", Gender::male, "13800138000", "1-1-101");
    const std::int64_t li = owner("李娜", Gender::female, "13900139000", "1-1-102");
    archive_.contacts().do_not_contact(li, ContactChannel::sms);
    // 中秋节 2026 falls on 2026-09-25; the default policy greets owners with a call or an SMS.
    const Date autumn(2026, 9, 25);
    GreetingBatch b;
    b.site = "XH";
    b.date = autumn;
    b.sender = box_.sender();
    b.at = morning_;
    const SendResult r = outreach().send_greetings(b);
    EXPECT_EQ(2, r.recipients);
    EXPECT_EQ(1, r.sent);
    EXPECT_EQ(1, r.reasons.at("do_not_contact"));
    ASSERT_EQ(1u, box_.size());
    EXPECT_EQ(zhang, box_.sent[0].customer_id);
    EXPECT_NE(std::string::npos, box_.sent[0].text.find("中秋节")) << box_.sent[0].text;
    EXPECT_EQ(0u, box_.sent[0].text.find("张先生您好"));

    // 张伟's task is done, its one contact the SMS; 李娜's stays open for a call.
    AgendaQuery q;
    q.from = autumn;
    q.to = autumn;
    q.site = "XH";
    for (const CareTask& t : archive_.calendar().agenda(q))
        EXPECT_EQ(t.customer_id == zhang ? TaskStatus::done : TaskStatus::open, t.status) << t.customer_name;
    const std::vector<ContactEntry> log = archive_.contacts().history(zhang);
    ASSERT_EQ(1u, log.size());
    EXPECT_EQ(ContactChannel::sms, log[0].channel);
    EXPECT_TRUE(log[0].care_task_id);
    EXPECT_TRUE(log[0].delivery_id);
    // Again: nothing more.
    EXPECT_EQ(0, outreach().send_greetings(b).sent);
    EXPECT_EQ(1u, box_.size());
}

TEST_F(OutreachTest, ErasureTakesTheDeliveriesOfThePerson) {
    const std::int64_t zhang = customer("张伟", Gender::male, "13800138000");
    const std::int64_t li = customer("李娜", Gender::female, "13900139000");
    Sending s = sms("erase", {zhang, li}, "{salutation}您好");
    s.sender = box_.sender();
    s.at = morning_;
    outreach().send(s);
    archive_.privacy().erase(zhang);
    const std::vector<Delivery> left = outreach().deliveries("erase");
    ASSERT_EQ(1u, left.size());
    EXPECT_EQ(li, left[0].customer_id);
    RawDb db = raw();
    SQLite::Statement q(db.db(), "SELECT count(*) FROM deliveries WHERE body LIKE '%张%'");
    q.executeStep();
    EXPECT_EQ(0, q.getColumn(0).getInt());
}

} // namespace
