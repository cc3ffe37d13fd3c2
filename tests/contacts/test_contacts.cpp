// The contact log and follow-up: entries logged, checked and corrected; the follow-up schedule from
// the plan or the site's policy; the due list; do-not-contact and quiet hours; contact frequency;
// visits and done care tasks writing their entries; the managers' care report and its CSV.
#include "snowball/briefing.hpp"
#include "snowball/care.hpp"
#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/privacy.hpp"
#include "snowball/rights.hpp"

#include "common/text.hpp"
#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

namespace {

// 周敏 manages XH; 王芳 and 赵强 are consultants there; 李强 at BJ.
class ContactsTest : public ServiceOfficeTest {
protected:
    Contacts& contacts() { return archive_.contacts(); }

    std::int64_t customer(const std::string& name, std::optional<std::int64_t> consultant, const std::string& mobile,
                          Date first = Date(2024, 1, 8), const std::string& site = "XH") {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.mobile = mobile;
        c.consultant_id = consultant;
        c.filed_on = first;
        c.first_contact = first;
        return archive_.customers().add(c).id;
    }

    std::int64_t owner(const std::string& name, std::optional<std::int64_t> consultant, const std::string& mobile,
                       const std::string& unit) {
        const std::int64_t id = customer(name, consultant, mobile);
        NewDeal deal;
        deal.unit = unit;
        deal.area = 89;
        deal.price = 1500000;
        deal.date = Date(2024, 3, 1);
        archive_.customers().record_deal(id, deal);
        return id;
    }

    static NewContact call(const std::string& at, const std::string& outcome = "reached") {
        NewContact c;
        c.channel = ContactChannel::phone;
        c.outcome = outcome;
        c.at = at;
        return c;
    }

    const Date today_ = today_in_china();
    // A moment of a day relative to today, China time: "2026-12-01T10:00".
    std::string at(int days_from_today, const std::string& hh_mm = "10:00") const {
        return to_iso(today_ + days(days_from_today)) + "T" + hh_mm;
    }
};

TEST_F(ContactsTest, ALoggedContactIsInTheHistoryNewestFirst) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    NewContact first = call("2024-05-01T10:15", "no_answer");
    first.duration_s = 0;
    const ContactEntry a = contacts().log(zhang, first);
    NewContact second = call("2024-05-02 19:30");
    second.channel = ContactChannel::wechat;
    second.note = "约周六看样板间";
    second.intent = "B";
    const ContactEntry b = contacts().log(zhang, second);

    EXPECT_EQ("2024-05-01T02:15:00Z", a.at);   // China time, stored in UTC
    EXPECT_EQ(Date(2024, 5, 1), a.day);
    EXPECT_EQ(wang_, a.consultant_id);        // a host's entry is the customer's consultant's
    EXPECT_FALSE(a.reached);
    EXPECT_TRUE(b.reached);
    EXPECT_EQ("host", b.recorded_by);
    EXPECT_EQ("", b.intent_before);
    EXPECT_EQ("B", b.intent);
    const auto history = contacts().history(zhang);
    ASSERT_EQ(2u, history.size());
    EXPECT_EQ(b.id, history[0].id);
    EXPECT_EQ(ContactChannel::wechat, history[0].channel);
    EXPECT_EQ("约周六看样板间", history[0].note);
    EXPECT_EQ(a.id, history[1].id);
    EXPECT_EQ(contacts().get(a.id).outcome, "no_answer");
    // A day alone is its noon; tomorrow is still accepted (a clock a little off).
    EXPECT_EQ("2024-05-03T04:00:00Z", contacts().log(zhang, call("2024-05-03")).at);
    EXPECT_EQ(today_ + days(1), contacts().log(zhang, call(at(1, "23:59"))).day);
}

TEST_F(ContactsTest, BadInputIsRefusedAndNothingIsWritten) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    const std::int64_t li = customer("李雷", zhao_, "13900139000");
    NewDeal deal;
    deal.unit = "1-1-101";
    deal.area = 90;
    deal.price = 1000000;
    deal.date = Date(2024, 3, 1);
    const Deal lis = archive_.customers().record_deal(li, deal);

    expect_rejected([&] { contacts().log(zhang, call(at(2, "00:00"))); }, Status::invalid_argument, "at", "in the future");
    expect_rejected([&] { contacts().log(zhang, call(to_iso(today_ + days(2)))); }, Status::invalid_argument, "at",
                    "at most tomorrow");
    expect_rejected([&] { contacts().log(zhang, call("2024-13-01T10:00")); }, Status::invalid_argument, "at", "not a time");
    expect_rejected([&] { contacts().log(zhang, call("2023-12-31T10:00")); }, Status::invalid_argument, "at",
                    "before the customer's first contact");
    expect_rejected([&] { contacts().log(zhang, call(at(0), "hung_up")); }, Status::invalid_argument, "outcome",
                    "'hung_up' is not an outcome of site XH");
    expect_rejected([&] { contacts().log(zhang, call(at(0), "")); }, Status::invalid_argument, "outcome", "required");
    NewContact graded = call(at(0));
    graded.intent = "S";
    expect_rejected([&] { contacts().log(zhang, graded); }, Status::invalid_argument, "intent", "'S' is not a grade");
    NewContact early = call("2024-05-02T10:00");
    early.next_contact = NextContact{Date(2024, 5, 1), "", std::nullopt, ""};
    expect_rejected([&] { contacts().log(zhang, early); }, Status::invalid_argument, "next_contact.date",
                    "before the contact (2024-05-02)");
    NewContact late = call(at(0));
    late.next_contact = NextContact{today_ + days(1), "25:00", std::nullopt, ""};
    expect_rejected([&] { contacts().log(zhang, late); }, Status::invalid_argument, "next_contact.time", "HH:MM");
    NewContact long_call = call(at(0));
    long_call.duration_s = 100000;
    expect_rejected([&] { contacts().log(zhang, long_call); }, Status::invalid_argument, "duration_s", "out of range");
    NewContact elsewhere = call(at(0));
    elsewhere.by = li_;
    expect_rejected([&] { contacts().log(zhang, elsewhere); }, Status::invalid_argument, "by", "works at site BJ");
    NewContact about = call(at(0));
    about.deal_id = lis.id;
    expect_rejected([&] { contacts().log(zhang, about); }, Status::invalid_argument, "deal_id", "is not customer");
    expect_rejected([&] { contacts().log(999999, call(at(0))); }, Status::not_found, "customer_id", "no customer");
    EXPECT_EQ(0, raw().count("contacts"));
}

TEST_F(ContactsTest, TheNextContactIsPlannedOrFollowsThePolicyOfTheGrade) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    NewContact graded = call("2024-05-01T10:00");
    graded.intent = "B";
    contacts().log(zhang, graded);
    FollowUp f = contacts().follow_up(zhang);
    EXPECT_EQ(Date(2024, 5, 8), f.next_on);   // B: every 7 days
    EXPECT_EQ("policy", f.next_source);
    EXPECT_EQ("B", f.intent);

    // A contact made outside any plan moves the schedule; the grade carries over.
    NewContact wechat = call("2024-05-04T09:00");
    wechat.channel = ContactChannel::wechat;
    const ContactEntry e = contacts().log(zhang, wechat);
    EXPECT_EQ("B", e.intent_before);
    EXPECT_EQ("B", e.intent);
    EXPECT_EQ(Date(2024, 5, 11), contacts().follow_up(zhang).next_on);

    NewContact planned = call("2024-05-05T11:00");
    planned.intent = "A";
    planned.next_contact = NextContact{Date(2024, 5, 20), "15:00", ContactChannel::visit_office, "带父母看房"};
    contacts().log(zhang, planned);
    f = contacts().follow_up(zhang);
    EXPECT_EQ(Date(2024, 5, 20), f.next_on);
    EXPECT_EQ("planned", f.next_source);
    EXPECT_EQ("15:00", f.next_time);
    EXPECT_EQ(ContactChannel::visit_office, f.next_channel);
    EXPECT_EQ("带父母看房", f.next_purpose);

    // An entry logged late, dated before the latest, does not move the schedule.
    contacts().log(zhang, call("2024-05-03T10:00"));
    f = contacts().follow_up(zhang);
    EXPECT_EQ(Date(2024, 5, 5), f.last_contact_day);
    EXPECT_EQ(Date(2024, 5, 20), f.next_on);

    // Grade D has no interval: no next contact from the policy.
    NewContact cold = call("2024-05-21T10:00");
    cold.intent = "D";
    contacts().log(zhang, cold);
    EXPECT_FALSE(contacts().follow_up(zhang).next_on);
    EXPECT_EQ("", contacts().follow_up(zhang).next_source);
}

TEST_F(ContactsTest, ACorrectionSupersedesTheEntryWithWhoAndWhen) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    NewContact wrong = call("2024-05-01T10:00");
    wrong.intent = "A";
    const ContactEntry old = contacts().log(zhang, wrong);
    NewContact right = call("", "no_answer");
    right.intent = "C";
    right.by = zhao_;
    const ContactEntry fixed = contacts().correct(old.id, right);
    EXPECT_EQ(old.id, fixed.supersedes);
    EXPECT_EQ(old.at, fixed.at);   // the time stays unless the correction gives one
    EXPECT_EQ(zhao_, fixed.consultant_id);
    EXPECT_EQ(fixed.id, contacts().get(old.id).superseded_by);
    ASSERT_EQ(1u, contacts().history(zhang).size());
    EXPECT_EQ(2u, contacts().history(zhang, 100, true).size());
    const FollowUp f = contacts().follow_up(zhang);
    EXPECT_EQ("C", f.intent);
    EXPECT_FALSE(f.last_reached_day);   // the only reach was corrected away
    EXPECT_EQ(Date(2024, 5, 31), f.next_on);   // C: every 30 days
    SB_EXPECT_ERROR(contacts().correct(old.id, right), conflict, "entry_id", "corrected already");
    // The log is append-only underneath too.
    SQLite::Database db(path(), SQLite::OPEN_READWRITE);
    EXPECT_THROW(db.exec("UPDATE contacts SET outcome = 'busy' WHERE id = " + std::to_string(old.id)), SQLite::Exception);
}

TEST_F(ContactsTest, AVisitAndADoneCareTaskWriteTheirEntries) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    NewVisit office;
    office.date = Date(2024, 5, 1);
    office.note = "看了样板间";
    archive_.customers().record_visit(zhang, office);
    NewVisit site;
    site.date = today_;
    site.place = VisitPlace::construction_site;
    const Visit v = archive_.customers().record_visit(zhang, site);
    EXPECT_EQ(VisitPlace::construction_site, v.place);
    EXPECT_EQ(VisitPlace::sales_office, archive_.customers().visits(zhang).front().place);
    auto history = contacts().history(zhang);
    ASSERT_EQ(2u, history.size());
    EXPECT_EQ(ContactChannel::visit_site, history[0].channel);
    EXPECT_EQ(ContactDirection::in, history[0].direction);
    EXPECT_EQ(ContactChannel::visit_office, history[1].channel);
    EXPECT_EQ(Date(2024, 5, 1), history[1].day);
    EXPECT_EQ("看了样板间", history[1].note);

    // An owner's birthday call, done: its contact, linked to the task.
    const std::int64_t li = owner("李雷", zhao_, "13900139000", "2-2-202");
    CustomerUpdate u;
    u.birthday = std::optional<Birthday>(Birthday{false, 1980, today_.month(), today_.day(), false});
    archive_.customers().update(li, u);
    const auto tasks = archive_.calendar().agenda({today_, today_, "XH", std::nullopt, true});
    std::optional<CareTask> task;
    for (const CareTask& t : tasks)
        if (t.customer_id == li) task = t;
    ASSERT_TRUE(task);
    archive_.calendar().complete(task->id, "reached", "祝福了生日", zhao_);
    history = contacts().history(li);
    ASSERT_EQ(1u, history.size());
    EXPECT_EQ(task->id, history[0].care_task_id);
    EXPECT_EQ(ContactChannel::phone, history[0].channel);
    EXPECT_EQ("reached", history[0].outcome);
    EXPECT_EQ(zhao_, history[0].consultant_id);
    EXPECT_EQ("祝福了生日", history[0].note);
}

TEST_F(ContactsTest, TheDueListHoldsPlannedContactsAndCareTasksInOrder) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    const std::int64_t li = customer("李雷", wang_, "13900139000");
    const std::int64_t han = customer("韩梅梅", wang_, "13700137000");
    const std::int64_t other = customer("赵六", zhao_, "13600136000");
    NewContact plan = call(at(-3));
    plan.next_contact = NextContact{today_, "14:00", std::nullopt, "确认认筹"};
    contacts().log(zhang, plan);
    NewContact earlier = call(at(-10));
    earlier.intent = "A";   // due by the policy 7 days ago: overdue
    contacts().log(li, earlier);
    NewContact graded = call(at(-1));
    graded.intent = "C";   // due in 29 days: not on today's list
    contacts().log(han, graded);
    NewContact others = call(at(-2));
    others.next_contact = NextContact{today_, "", std::nullopt, ""};
    contacts().log(other, others);
    // An owner of 王芳's with a birthday today: a care task.
    const std::int64_t wu = owner("吴用", wang_, "13500135000", "3-3-303");
    CustomerUpdate u;
    u.birthday = std::optional<Birthday>(Birthday{false, 1970, today_.month(), today_.day(), false});
    archive_.customers().update(wu, u);

    DueQuery q;
    q.on = today_;
    q.consultant_id = wang_;
    const auto due = contacts().due(q);
    ASSERT_EQ(3u, due.size());
    EXPECT_EQ(li, due[0].customer_id);   // the oldest first
    EXPECT_TRUE(due[0].overdue);
    EXPECT_EQ("policy", due[0].source);
    EXPECT_EQ(zhang, due[1].customer_id);   // a time of the day before the rest of the day
    EXPECT_EQ("planned", due[1].source);
    EXPECT_EQ("14:00", due[1].time);
    EXPECT_EQ("确认认筹", due[1].purpose);
    EXPECT_EQ(DueKind::care_task, due[2].kind);
    EXPECT_EQ(wu, due[2].customer_id);
    EXPECT_EQ(Stage::owner, due[2].stage);
    EXPECT_TRUE(due[2].care_task_id);

    q.include_overdue = false;
    EXPECT_EQ(2u, contacts().due(q).size());
    // The whole site: 赵强's customer too.
    DueQuery site;
    site.on = today_;
    site.site = "XH";
    EXPECT_EQ(4u, contacts().due(site).size());
    // A contact logged today takes the customer off the list.
    contacts().log(li, call(at(0, "08:30")));
    q.include_overdue = true;
    EXPECT_EQ(2u, contacts().due(q).size());
}

TEST_F(ContactsTest, DoNotContactIsHonouredEverywhere) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    NewContact plan = call(at(-1));
    plan.next_contact = NextContact{today_, "", std::nullopt, ""};
    contacts().log(zhang, plan);
    DueQuery q;
    q.on = today_;
    q.consultant_id = wang_;
    ASSERT_EQ(1u, contacts().due(q).size());

    contacts().do_not_contact(zhang, ContactChannel::phone, wang_);
    EXPECT_FALSE(contacts().may_contact(zhang, ContactChannel::phone));
    EXPECT_TRUE(contacts().may_contact(zhang, ContactChannel::wechat));
    EXPECT_TRUE(contacts().due(q).empty());   // the planned call is left out
    expect_rejected([&] { contacts().log(zhang, call(at(0))); }, Status::consent_required, "channel",
                    "asked not to be contacted by phone");
    NewContact wechat = call(at(0));
    wechat.channel = ContactChannel::wechat;
    wechat.next_contact = NextContact{today_ + days(2), "", ContactChannel::phone, ""};
    expect_rejected([&] { contacts().log(zhang, wechat); }, Status::consent_required, "next_contact.channel", "by phone");
    wechat.next_contact->channel = std::nullopt;   // the next one by WeChat too
    contacts().log(zhang, wechat);
    NewContact incoming = call(at(0));
    incoming.direction = ContactDirection::in;   // they may always call us
    contacts().log(zhang, incoming);

    contacts().do_not_contact(zhang, std::nullopt, wang_);   // nothing at all
    NewContact sms = call(at(0));
    sms.channel = ContactChannel::sms;
    SB_EXPECT_ERROR(contacts().log(zhang, sms), consent_required, "channel", "by sms");
    EXPECT_EQ(0, contacts().allow_contact(zhang, ContactChannel::sms, wang_));   // no objection to SMS alone
    EXPECT_FALSE(contacts().may_contact(zhang, ContactChannel::sms));
    EXPECT_EQ(2, contacts().allow_contact(zhang, std::nullopt, wang_));   // the customer agrees again
    EXPECT_TRUE(contacts().may_contact(zhang));
    EXPECT_TRUE(contacts().may_contact(zhang, ContactChannel::phone));
    contacts().log(zhang, call(at(0)));
}

TEST_F(ContactsTest, QuietHoursForCalls) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    ContactSettingsUpdate u;
    u.quiet_hours = std::optional<QuietHours>(QuietHours{"21:00", "09:00"});
    EXPECT_EQ("21:00", contacts().update_settings("XH", u).quiet_hours->from);
    NewContact plan = call(at(-1, "10:00"));
    plan.next_contact = NextContact{today_ + days(1), "22:30", std::nullopt, ""};
    expect_rejected([&] { contacts().log(zhang, plan); }, Status::invalid_argument, "next_contact.time",
                    "quiet hours for calls (21:00-09:00)");
    plan.next_contact->time = "08:59";
    SB_EXPECT_ERROR(contacts().log(zhang, plan), invalid_argument, "next_contact.time", "quiet hours");
    plan.next_contact->time = "09:00";
    contacts().log(zhang, plan);
    // A call made in the quiet hours is recorded as it happened, and flagged for the manager.
    EXPECT_TRUE(contacts().log(zhang, call(at(-1, "22:15"))).quiet_hours);
    EXPECT_FALSE(contacts().log(zhang, call(at(-1, "12:00"))).quiet_hours);
    NewContact sms = call(at(-1, "23:00"));
    sms.channel = ContactChannel::sms;
    sms.outcome = "sent";
    EXPECT_FALSE(contacts().log(zhang, sms).quiet_hours);
    CareReportQuery r;
    r.site = "XH";
    r.start = today_ - days(1);
    r.end = today_;
    const CareReport report = contacts().care_report(r);
    EXPECT_EQ(1, report.rows.back().calls_in_quiet_hours);
    EXPECT_TRUE(in_quiet_hours({"12:00", "13:30"}, "12:30"));
    EXPECT_FALSE(in_quiet_hours({"12:00", "13:30"}, "13:30"));
}

TEST_F(ContactsTest, CustomersNotContactedForAWhile) {
    const std::int64_t quiet = owner("张伟", wang_, "13800138000", "1-1-101");
    const std::int64_t recent = owner("李雷", wang_, "13900139000", "1-1-102");
    const std::int64_t old_call = owner("韩梅梅", zhao_, "13700137000", "1-1-103");
    const std::int64_t prospect = customer("赵六", wang_, "13600136000");
    contacts().log(recent, call(at(-1)));
    contacts().log(old_call, call(at(-120)));
    NotContactedQuery q;
    q.site = "XH";
    q.days = 90;
    q.stage = Stage::owner;
    Page<QuietCustomer> page = contacts().not_contacted(q);
    ASSERT_EQ(2, page.total);
    EXPECT_EQ(quiet, page.items[0].customer_id);   // never contacted since filing: the longest first
    EXPECT_FALSE(page.items[0].last_contact_day);
    EXPECT_EQ(old_call, page.items[1].customer_id);
    EXPECT_EQ(120, page.items[1].days_since);
    q.consultant_id = wang_;
    EXPECT_EQ(1, contacts().not_contacted(q).total);
    q.consultant_id.reset();
    q.stage.reset();
    EXPECT_EQ(3, contacts().not_contacted(q).total);   // and the prospect
    q.tier = Tier::vip;
    EXPECT_EQ(0, contacts().not_contacted(q).total);
    (void)prospect;
    // A consultant sees their own customers only; another site's staff none.
    Archive wang = archive_.as("consultant:" + std::to_string(wang_));
    NotContactedQuery mine;
    mine.site = "XH";
    EXPECT_EQ(2, wang.contacts().not_contacted(mine).total);
    Archive li = archive_.as("consultant:" + std::to_string(li_));
    SB_EXPECT_ERROR(li.contacts().not_contacted(mine), forbidden, "site", "works at site BJ");
    SB_EXPECT_ERROR(wang.contacts().log(old_call, call(at(0))), forbidden, "customer_id", "");
    q.days = 0;
    SB_EXPECT_ERROR(contacts().not_contacted(q), invalid_argument, "days", "out of range");
}

TEST_F(ContactsTest, ContactFrequencyByWindowAndChannel) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    const std::int64_t li = customer("李雷", zhao_, "13900139000");
    contacts().log(zhang, call(at(-5)));
    NewContact sms = call(at(-40));
    sms.channel = ContactChannel::sms;
    sms.outcome = "sent";
    contacts().log(zhang, sms);
    contacts().log(zhang, call(at(-200), "no_answer"));
    contacts().log(zhang, call(at(-400)));
    contacts().log(li, call(at(-1)));
    FrequencyQuery q;
    q.customer_id = zhang;
    const ContactFrequency f = contacts().frequency(q);
    ASSERT_EQ(3u, f.windows.size());
    EXPECT_EQ(1, f.windows[0].contacts);
    EXPECT_EQ(2, f.windows[1].contacts);
    EXPECT_EQ(1, f.windows[1].by_channel.at("sms"));
    EXPECT_EQ(3, f.windows[2].contacts);
    EXPECT_EQ(2, f.windows[2].reached);
    EXPECT_TRUE(f.last_contact_at);
    FrequencyQuery site;
    site.site = "XH";
    EXPECT_EQ(2, contacts().frequency(site).windows[0].customers);
    FrequencyQuery consultant;
    consultant.consultant_id = zhao_;
    EXPECT_EQ(1, contacts().frequency(consultant).windows[2].contacts);
    SB_EXPECT_ERROR(contacts().frequency(FrequencyQuery{}), invalid_argument, "customer_id", "give one of");
}

TEST_F(ContactsTest, TheCareReportPerConsultantAndMonth) {
    const std::int64_t zhang = owner("张伟", wang_, "13800138000", "1-1-101");
    const std::int64_t li = owner("李雷", wang_, "13900139000", "1-1-102");
    const std::int64_t han = owner("韩梅梅", zhao_, "13700137000", "1-1-103");
    const std::int64_t prospect = customer("赵六", wang_, "13600136000");
    // Birthday calls for the three owners, a week ago.
    CareRule birthday;
    birthday.occasion = OccasionKind::birthday;
    birthday.action = "call";
    birthday.channel = "phone";
    birthday.label.zh = "致电祝福";
    archive_.calendar().set_policy("XH", {birthday});
    const Date day = today_ - days(7);
    for (std::int64_t id : {zhang, li, han}) {
        CustomerUpdate u;
        u.birthday = std::optional<Birthday>(Birthday{false, 1980, day.month(), day.day(), false});
        archive_.customers().update(id, u);
    }
    std::map<std::int64_t, std::int64_t> task_of;
    for (const CareTask& t : archive_.calendar().agenda({day, day, "XH", std::nullopt, true})) task_of[t.customer_id] = t.id;
    ASSERT_EQ(3u, task_of.size());
    archive_.calendar().complete(task_of[zhang], "reached", "", wang_);   // done today: late
    archive_.calendar().skip(task_of[li], "客户出国", wang_);
    // 韩梅梅's stays open: overdue.
    NewContact graded = call(at(-3));
    graded.intent = "C";
    contacts().log(prospect, graded);
    graded.intent = "A";
    graded.at = at(-2);
    graded.channel = ContactChannel::wechat;
    contacts().log(prospect, graded);

    CareReportQuery q;
    q.site = "XH";
    q.start = today_ - days(10);
    q.end = today_;
    const CareReport report = contacts().care_report(q);
    ASSERT_EQ(4u, report.rows.size());   // 周敏, 王芳, 赵强, the total
    const CareReportRow* wang = nullptr;
    const CareReportRow* zhao = nullptr;
    for (const CareReportRow& r : report.rows) {
        if (r.consultant_id == wang_) wang = &r;
        if (r.consultant_id == zhao_) zhao = &r;
    }
    ASSERT_TRUE(wang && zhao);
    EXPECT_EQ("王芳", wang->consultant_name);
    EXPECT_EQ(2, wang->tasks_due);
    EXPECT_EQ(0, wang->done_on_time);
    EXPECT_EQ(1, wang->done_late);
    EXPECT_EQ(1, wang->skipped);
    EXPECT_EQ(1, wang->skip_reasons.at("客户出国"));
    EXPECT_EQ(1, zhao->tasks_due);
    EXPECT_EQ(1, zhao->overdue);
    EXPECT_EQ(3, wang->contacts);   // the done task's call and the two logged
    EXPECT_EQ(2, wang->customers_contacted);
    EXPECT_EQ(2, wang->by_channel.at("phone"));
    EXPECT_EQ(1, wang->by_channel.at("wechat"));
    EXPECT_EQ(3, wang->by_outcome.at("reached"));
    EXPECT_EQ(1, wang->grade_moves.at("C→A"));
    // At the end: 王芳's prospect has the policy's next contact (A); 李雷 was never contacted
    // except by the skipped task's day... owners filed in 2024 with no contact in 90 days: 李雷.
    EXPECT_EQ(0, wang->prospects_without_next);
    EXPECT_EQ(1, wang->owners_not_contacted_90);
    EXPECT_EQ(1, zhao->owners_not_contacted_90);
    const CareReportRow& total = report.rows.back();
    EXPECT_TRUE(total.total);
    EXPECT_EQ("合计", total.consultant_name);
    EXPECT_EQ(3, total.tasks_due);
    EXPECT_EQ(3, total.contacts);

    // By day: one row per day and consultant, and a total per day.
    q.period = ReportPeriod::day;
    const CareReport daily = contacts().care_report(q);
    EXPECT_EQ(11u * 4u, daily.rows.size());
    q.period = ReportPeriod::month;
    q.consultant_id = zhao_;
    for (const CareReportRow& r : contacts().care_report(q).rows)
        if (!r.total) {
            EXPECT_EQ(zhao_, r.consultant_id);
        }

    const std::string csv = to_csv(report);
    EXPECT_EQ(0u, csv.rfind("\xEF\xBB\xBF案场,开始,结束,顾问编号,顾问,应做关怀", 0));
    EXPECT_NE(std::string::npos, csv.find("王芳"));
    EXPECT_NE(std::string::npos, csv.find("\r\n"));
    EXPECT_NE(std::string::npos, csv.find("客户出国:1"));

    q.end = q.start - days(1);
    SB_EXPECT_ERROR(contacts().care_report(q), invalid_argument, "end", "before start");
    q.end = q.start + days(400);
    SB_EXPECT_ERROR(contacts().care_report(q), invalid_argument, "end", "at most 367 days");
}

TEST_F(ContactsTest, ASiteHasItsOwnScaleOutcomesAndIntervals) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    const std::int64_t wu = owner("吴用", wang_, "13500135000", "3-3-303");
    ContactSettingsUpdate u;
    u.grades = std::vector<IntentGrade>{{"H", "热", 2}, {"W", "温", 10}, {"X", "冷", std::nullopt}};
    u.owner_every_days = std::optional<int>(90);
    contacts().update_settings("XH", u);
    const ContactSettings added = contacts().add_outcome("XH", {"appointment", "已约到访", true, false});
    EXPECT_EQ("appointment", added.outcomes.back().key);
    EXPECT_FALSE(added.outcomes.back().builtin);
    EXPECT_TRUE(added.outcomes.front().builtin);
    SB_EXPECT_ERROR(contacts().add_outcome("XH", {"appointment", "重复", true, false}), conflict, "key", "has the outcome");
    SB_EXPECT_ERROR(contacts().add_outcome("XH", {"Bad Key", "x", true, false}), invalid_argument, "key", "not a key");

    NewContact hot = call("2024-06-01T10:00", "appointment");
    hot.intent = "H";
    EXPECT_TRUE(contacts().log(zhang, hot).reached);
    EXPECT_EQ(Date(2024, 6, 3), contacts().follow_up(zhang).next_on);
    contacts().log(wu, call("2024-06-01T10:00"));
    EXPECT_EQ(Date(2024, 8, 30), contacts().follow_up(wu).next_on);   // owners: every 90 days
    // A new interval moves the policy's next contacts.
    u.grades = std::vector<IntentGrade>{{"H", "热", 5}, {"W", "温", 10}, {"X", "冷", std::nullopt}};
    u.owner_every_days.reset();
    contacts().update_settings("XH", u);
    EXPECT_EQ(Date(2024, 6, 6), contacts().follow_up(zhang).next_on);
    EXPECT_EQ(Date(2024, 8, 30), contacts().follow_up(wu).next_on);   // the owners' interval was not given: it stays
    ContactSettingsUpdate no_owners;
    no_owners.owner_every_days = std::optional<int>();
    contacts().update_settings("XH", no_owners);
    EXPECT_FALSE(contacts().follow_up(wu).next_on);   // the care calendar's cadence alone
    EXPECT_EQ(Date(2024, 6, 6), contacts().follow_up(zhang).next_on);
    // The old scale's grades are gone.
    NewContact old_grade = call("2024-06-02T10:00");
    old_grade.intent = "A";
    SB_EXPECT_ERROR(contacts().log(zhang, old_grade), invalid_argument, "intent", "H, W, X");
    EXPECT_EQ("reached", contacts().settings("BJ").outcomes.front().key);   // another site keeps the defaults
    EXPECT_EQ("A", contacts().settings("BJ").grades.front().key);

    ContactSettingsUpdate bad;
    bad.grades = std::vector<IntentGrade>{{"H", "热", 0}};
    SB_EXPECT_ERROR(contacts().update_settings("XH", bad), invalid_argument, "grades[0].every_days", "out of range");
    bad.grades = std::vector<IntentGrade>{{"H", "热", 2}, {"H", "又热", 3}};
    SB_EXPECT_ERROR(contacts().update_settings("XH", bad), invalid_argument, "grades[1].key", "twice");
    bad.grades = std::vector<IntentGrade>{};
    SB_EXPECT_ERROR(contacts().update_settings("XH", bad), invalid_argument, "grades", "at least one");
    ContactSettingsUpdate quiet;
    quiet.quiet_hours = std::optional<QuietHours>(QuietHours{"9pm", "09:00"});
    SB_EXPECT_ERROR(contacts().update_settings("XH", quiet), invalid_argument, "quiet_hours.from", "HH:MM");
}

TEST_F(ContactsTest, TheBriefingShowsTheLastContactsAndTheNextOne) {
    const std::int64_t zhang = customer("张伟", wang_, "13800138000");
    for (int i = 5; i >= 1; --i) contacts().log(zhang, call(at(-i)));
    NewContact plan = call(at(0, "08:00"));
    plan.next_contact = NextContact{today_ + days(2), "10:00", std::nullopt, "送资料"};
    contacts().log(zhang, plan);
    const Briefing b = archive_.briefings().for_customer(zhang);
    ASSERT_EQ(3u, b.recent_contacts.size());
    EXPECT_EQ(today_, b.recent_contacts[0].day);
    EXPECT_EQ(today_ + days(2), b.follow_up.next_on);
    EXPECT_EQ("送资料", b.follow_up.next_purpose);
}

TEST_F(ContactsTest, ReachingACustomerRestartsTheirRetentionPeriod) {
    const std::int64_t kept = customer("张伟", wang_, "13800138000", Date(2020, 1, 6));
    const std::int64_t tried = customer("李雷", wang_, "13900139000", Date(2020, 1, 6));
    const std::int64_t gone = customer("韩梅梅", wang_, "13700137000", Date(2020, 1, 6));
    archive_.privacy().set_retention("XH", Stage::prospect, 365);
    contacts().log(kept, call(at(-30)));
    contacts().log(tried, call(at(-30), "no_answer"));   // never reached: no longer a reason to keep them
    (void)gone;
    const SweepReport report = archive_.privacy().sweep(today_, true);
    EXPECT_EQ((std::vector<std::int64_t>{tried, gone}), report.erased);
}

TEST_F(ContactsTest, TimesAreReadInChinaTimeUnlessAnOffsetIsGiven) {
    EXPECT_EQ("2024-05-01T02:15:00Z", text::utc_text(text::parse_moment("2024-05-01T10:15", "at")));
    EXPECT_EQ("2024-05-01T10:15:30Z", text::utc_text(text::parse_moment("2024-05-01T10:15:30Z", "at")));
    EXPECT_EQ("2024-05-01T15:15:00Z", text::utc_text(text::parse_moment("2024-05-01T10:15-05:00", "at")));
    EXPECT_EQ(Date(2024, 5, 2), text::china_date(text::parse_moment("2024-05-01T16:00Z", "at")));
    EXPECT_EQ("00:00", text::china_hh_mm(text::parse_moment("2024-05-01T16:00Z", "at")));
    SB_EXPECT_ERROR(text::parse_moment("2024-02-30T10:00", "at"), invalid_argument, "at", "not a time");
    SB_EXPECT_ERROR(text::parse_moment("2024-05-01T10:00+8", "at"), invalid_argument, "at", "not a time");
    SB_EXPECT_ERROR(text::parse_moment("yesterday", "at"), invalid_argument, "at", "not a time");
}

} // namespace
