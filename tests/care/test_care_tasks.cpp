// Acting on care tasks and how they are kept: complete, skip and reopen, the overdue list, a
// cancelled deal's open tasks, festival greetings kept once per site and day, the occasions' JSON
// text, and the tasks of an older archive through the schema 7 migration.
#include "snowball/festivals.hpp"
#include "snowball/workdays.hpp"
#include "care_fixture.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

// ---------------------------------------------------------------------------------------------
// Completing, skipping, reopening; the overdue list

TEST_F(CareTest, CompleteSkipAndReopen) {
    const auto zhang = customer("张伟", wang_, Tier::vip, lunar(1980, 8, 15));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto li_na = customer("李娜", wang_, Tier::ordinary, gregorian(1990, 9, 25));
    deal(li_na, "3-1-1202", "2024-05-11");
    const auto tasks = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ(2u, tasks.size());
    const std::int64_t a = tasks[0].id, b = tasks[1].id;

    const CareTask done = care().complete(a, "  已送蛋糕并致电  ", "客户很高兴\n下次送花", wang_);
    EXPECT_EQ(TaskStatus::done, done.status);
    EXPECT_EQ("已送蛋糕并致电", done.outcome);
    EXPECT_EQ("客户很高兴\n下次送花", done.note);
    EXPECT_TRUE(std::regex_match(done.done_at, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"))) << done.done_at;
    EXPECT_EQ(std::optional<std::int64_t>(wang_), done.done_by);
    EXPECT_EQ(occasions(tasks[0]), occasions(done));
    const CareTask read = care().get(a);
    EXPECT_EQ(TaskStatus::done, read.status);
    EXPECT_EQ(done.outcome, read.outcome);
    EXPECT_EQ(done.note, read.note);

    const CareTask skipped = care().skip(b, "客户出国，联系不上");
    EXPECT_EQ(TaskStatus::skipped, skipped.status);
    EXPECT_EQ("客户出国，联系不上", skipped.outcome);
    EXPECT_FALSE(skipped.done_by);
    EXPECT_FALSE(skipped.done_at.empty());

    // Closed tasks refuse to be closed again, and nothing is written.
    std::string before = dump();
    auto e = expect_error([&] { care().complete(a, "again"); }, Status::invalid_state, "task_id", "done");
    if (e) {
        EXPECT_EQ(a, e->record_id());
    }
    expect_error([&] { care().skip(a, "again"); }, Status::invalid_state, "task_id", "done");
    expect_error([&] { care().complete(b, "again"); }, Status::invalid_state, "task_id", "skipped");
    // Bad input and unknown records.
    expect_error([&] { care().complete(424242, "x"); }, Status::not_found, "task_id", "424242");
    expect_error([&] { care().skip(424242, "x"); }, Status::not_found, "task_id", "424242");
    expect_error([&] { care().reopen(424242); }, Status::not_found, "task_id", "424242");
    expect_error([&] { care().get(424242); }, Status::not_found, "task_id", "424242");
    EXPECT_EQ(before, dump());

    // Reopened: open again, without who and when; then it can be completed again.
    const CareTask reopened = care().reopen(a, zhou_);
    EXPECT_EQ(TaskStatus::open, reopened.status);
    EXPECT_EQ("", reopened.done_at);
    EXPECT_FALSE(reopened.done_by);
    expect_error([&] { care().reopen(a); }, Status::invalid_state, "task_id", "open");
    before = dump();
    expect_error([&] { care().complete(a, ""); }, Status::invalid_argument, "outcome", "");
    expect_error([&] { care().complete(a, "   "); }, Status::invalid_argument, "outcome", "");
    expect_error([&] { care().complete(a, "两行\n结果"); }, Status::invalid_argument, "outcome", "");
    expect_error([&] { care().complete(a, std::string(201, 'x')); }, Status::invalid_argument, "outcome", "");
    expect_error([&] { care().complete(a, "ok", std::string(2001, 'x')); }, Status::invalid_argument, "note", "");
    expect_error([&] { care().complete(a, "ok", "\xff"); }, Status::invalid_argument, "note", "");
    expect_error([&] { care().complete(a, "ok", "", 9999); }, Status::not_found, "by", "9999");
    expect_error([&] { care().skip(a, ""); }, Status::invalid_argument, "reason", "");
    expect_error([&] { care().skip(a, "x", 9999); }, Status::not_found, "by", "9999");
    expect_error([&] { care().reopen(b, 9999); }, Status::not_found, "by", "9999");
    EXPECT_EQ(before, dump());
    const CareTask again = care().complete(a, "已补送鲜花", "", zhou_);
    EXPECT_EQ(TaskStatus::done, again.status);
    EXPECT_EQ("已补送鲜花", again.outcome);
    EXPECT_EQ(std::optional<std::int64_t>(zhou_), again.done_by);
    // Regeneration leaves closed tasks as they are.
    const auto regenerated = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ(2u, regenerated.size());
    EXPECT_EQ(TaskStatus::done, regenerated[0].status);
    EXPECT_EQ("已补送鲜花", regenerated[0].outcome);
    EXPECT_EQ(TaskStatus::skipped, regenerated[1].status);
}

TEST_F(CareTest, OverdueListsOpenTasksBeforeADayOldestFirst) {
    const auto zhang = customer("张伟", wang_, Tier::vip, gregorian(1980, 9, 22));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto li_na = customer("李娜", zhou_, Tier::ordinary, gregorian(1990, 9, 21));
    deal(li_na, "3-1-1202", "2024-05-11");
    const auto sun = customer("孙八", li_, Tier::vip, gregorian(1970, 9, 21), "BJ");
    deal(sun, "1-1-101", "2024-05-12");
    ASSERT_EQ(4u, agenda("2026-09-20", "2026-09-30").size());   // 21st, 22nd, and Mid-Autumn for both
    ASSERT_EQ(2u, agenda("2026-09-20", "2026-09-30", "BJ").size());
    const auto ids = [](const std::vector<CareTask>& tasks) { return keys(tasks); };
    // Before 25 September: the birthdays, oldest first, every site.
    EXPECT_EQ((Strings{key(li_na, "2026-09-21"), key(sun, "2026-09-21"), key(zhang, "2026-09-22")}),
              ids(care().overdue(d("2026-09-25"))));
    EXPECT_EQ((Strings{key(li_na, "2026-09-21"), key(zhang, "2026-09-22")}), ids(care().overdue(d("2026-09-25"), "XH")));
    EXPECT_EQ((Strings{key(zhang, "2026-09-22")}), ids(care().overdue(d("2026-09-25"), "", wang_)));
    EXPECT_EQ((Strings{key(zhang, "2026-09-22")}), ids(care().overdue(d("2026-09-25"), "XH", wang_)));
    // The day itself is not overdue.
    EXPECT_EQ((Strings{key(li_na, "2026-09-21"), key(sun, "2026-09-21")}), ids(care().overdue(d("2026-09-22"))));
    EXPECT_EQ(Strings{}, ids(care().overdue(d("2026-09-21"))));
    EXPECT_EQ(6u, care().overdue(d("2026-10-01")).size());
    // Closed tasks are not overdue.
    const auto open = care().overdue(d("2026-09-25"), "XH");
    care().complete(open[0].id, "已致电");
    care().skip(open[1].id, "出差");
    EXPECT_EQ(Strings{}, ids(care().overdue(d("2026-09-25"), "XH")));
    // Without a day: today, in China; these tasks are in the past or the future of it, as it may be.
    const auto today = today_in_china();
    for (const CareTask& t : care().overdue()) EXPECT_LT(t.date, today);
    expect_error([&] { care().overdue(d("2026-09-25"), "ZZ"); }, Status::not_found, "site", "ZZ");
    expect_error([&] { care().overdue(d("2026-09-25"), "", 9999); }, Status::not_found, "consultant_id", "9999");
}

// A cancelled deal takes its open follow-ups with it at once: the overdue list does not wait for
// the window to be generated again; the other deal's tasks stay.
TEST_F(CareTest, CancellingADealDropsItsOpenTasksAtOnce) {
    const auto zhang = customer("张伟", wang_, Tier::ordinary);
    const auto kept = deal(zhang, "3-1-1201", "2025-03-10");
    const auto cancelled = deal(zhang, "3-1-1202", "2025-03-12");
    const auto tasks = agenda("2026-03-01", "2026-03-31");
    std::map<std::string, std::optional<std::int64_t>> deal_of;
    for (const CareTask& t : tasks)
        for (const TaskOccasion& o : t.occasions)
            if (o.kind == OccasionKind::deal_anniversary) deal_of[to_iso(t.date)] = o.deal_id;
    EXPECT_EQ(std::optional<std::int64_t>(kept), deal_of["2026-03-10"]);
    EXPECT_EQ(std::optional<std::int64_t>(cancelled), deal_of["2026-03-12"]);
    const auto deal_days = [&] {
        Strings out;
        for (const CareTask& t : care().overdue(d("2027-01-01"), "XH"))
            if (t.occasions.front().kind != OccasionKind::festival) out.push_back(to_iso(t.date));
        return out;
    };
    EXPECT_EQ((Strings{"2026-03-10", "2026-03-12"}), deal_days());
    archive_.customers().cancel_deal(cancelled, "退房");
    EXPECT_EQ(Strings{"2026-03-10"}, deal_days());
}

// Reopening takes the outcome back (it belonged to the closing); the note stays.
TEST_F(CareTest, ReopeningClearsTheOutcomeAndKeepsTheNote) {
    const auto zhang = customer("张伟", wang_, Tier::vip, gregorian(1980, 9, 25));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto tasks = agenda("2026-09-25", "2026-09-25");
    ASSERT_EQ(1u, tasks.size());
    care().complete(tasks[0].id, "已送花", "客户喜欢百合");
    const CareTask reopened = care().reopen(tasks[0].id);
    EXPECT_EQ(TaskStatus::open, reopened.status);
    EXPECT_EQ("", reopened.outcome);
    EXPECT_EQ("客户喜欢百合", reopened.note);
}

// ---------------------------------------------------------------------------------------------
// How tasks are kept: a festival greeting shared by many customers is stored once per site, day
// and content; acting on one customer's greeting gives it a row of its own, under the same id.

TEST_F(CareTest, FestivalGreetingsAreKeptOncePerDayAndActingOnOneGivesItARow) {
    const auto zhang = customer("张伟", wang_, Tier::ordinary);
    const auto li_na = customer("李娜", wang_, Tier::ordinary);
    const auto zhao = customer("赵六", zhou_, Tier::ordinary);
    const auto cancelled = deal(li_na, "3-1-1202", "2024-05-11");
    for (auto [c, unit] : {std::pair{zhang, "3-1-1201"}, std::pair{zhao, "3-1-1203"}}) deal(c, unit, "2024-05-10");
    const auto groups = [&] { return raw().count("care_task_groups"); };
    const auto rows = [&] { return raw().count("care_tasks"); };
    const auto members = [&] { return raw().count("care_task_members"); };

    // Mid-Autumn 2026 (25 September): one group of three members, no row.
    const auto first = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ((Strings{key(zhang, "2026-09-25"), key(li_na, "2026-09-25"), key(zhao, "2026-09-25")}), keys(first));
    EXPECT_EQ(1, groups());
    EXPECT_EQ(3, members());
    EXPECT_EQ(0, rows());
    // A task's id: the customer's id times 2^17 plus the day's number from 1900-01-01.
    for (const CareTask& t : first) EXPECT_EQ(t.customer_id * 131072 + (t.date - d("1900-01-01")).days(), t.id);
    const CareTask got = care().get(first[1].id);
    EXPECT_EQ(li_na, got.customer_id);
    EXPECT_EQ("李娜", got.customer_name);
    EXPECT_EQ(wang_, got.consultant_id);
    EXPECT_EQ("XH", got.site);
    EXPECT_EQ(Strings{"festival:mid_autumn"}, occasions(got));
    EXPECT_EQ(Strings{"call_or_sms/phone"}, actions(got));
    EXPECT_EQ(TaskStatus::open, got.status);
    // A day without a task, or a customer without one, is not found.
    expect_error([&] { care().get(first[1].id + 1); }, Status::not_found, "task_id");
    expect_error([&] { care().get((zhao + 1) * 131072 + (d("2026-09-25") - d("1900-01-01")).days()); },
                 Status::not_found, "task_id");

    // Completing Zhang's greeting gives it a row with the same id; the group keeps the others.
    const CareTask done = care().complete(first[0].id, "已发短信", "回复了谢谢");
    EXPECT_EQ(first[0].id, done.id);
    EXPECT_EQ(TaskStatus::done, done.status);
    EXPECT_EQ(Strings{"festival:mid_autumn"}, occasions(done));
    EXPECT_EQ(1, rows());
    EXPECT_EQ(2, members());
    auto again = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ(keys(first), keys(again));
    for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].id, again[i].id);
    EXPECT_EQ(TaskStatus::done, again[0].status);
    EXPECT_EQ("已发短信", again[0].outcome);
    EXPECT_EQ("回复了谢谢", again[0].note);
    EXPECT_EQ(zhang, again[0].customer_id);
    EXPECT_EQ(2u, agenda("2026-09-20", "2026-09-30", "XH", std::nullopt, false).size());
    const std::string stored = dump();
    agenda("2026-09-20", "2026-09-30");
    EXPECT_EQ(stored, dump());   // generating again stores nothing

    // Li Na's birthday on the festival: her task has both occasions, in a row of its own, same id.
    set_birthday(li_na, gregorian(1990, 9, 25));
    again = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ(keys(first), keys(again));
    EXPECT_EQ(first[1].id, again[1].id);
    EXPECT_EQ((Strings{"birthday:birthday", "festival:mid_autumn"}), occasions(again[1]));
    EXPECT_EQ(2, rows());
    EXPECT_EQ(1, members());
    // Corrected to another day: the untouched row goes, and she is a member of the group again.
    set_birthday(li_na, gregorian(1990, 3, 14));
    again = agenda("2026-09-20", "2026-09-30");
    EXPECT_EQ(Strings{"festival:mid_autumn"}, occasions(again[1]));
    EXPECT_EQ(1, rows());
    EXPECT_EQ(2, members());

    // One consultant's agenda leaves the other consultants' greetings as they are.
    const std::string before = dump();
    EXPECT_EQ((Strings{key(zhao, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30", "", zhou_)));
    EXPECT_EQ((Strings{key(zhang, "2026-09-25"), key(li_na, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30", "", wang_)));
    EXPECT_EQ(before, dump());

    // Overdue: the open greetings, whether a group or a row keeps them.
    EXPECT_EQ((Strings{key(li_na, "2026-09-25"), key(zhao, "2026-09-25")}), keys(care().overdue(d("2026-10-01"), "XH")));
    EXPECT_EQ((Strings{key(zhao, "2026-09-25")}), keys(care().overdue(d("2026-10-01"), "", zhou_)));
    const CareTask skipped = care().skip(first[2].id, "出差");
    EXPECT_EQ(TaskStatus::skipped, skipped.status);
    EXPECT_EQ(first[2].id, skipped.id);
    EXPECT_EQ(TaskStatus::open, care().reopen(first[2].id).status);
    EXPECT_EQ(first[2].id, care().get(first[2].id).id);
    EXPECT_EQ(2, rows());
    EXPECT_EQ(1, members());
    EXPECT_EQ((Strings{key(li_na, "2026-09-25"), key(zhao, "2026-09-25")}), keys(care().overdue(d("2026-10-01"), "XH")));

    // Li Na's only deal cancelled: a visitor, no greeting. Zhao's reopened greeting has nothing
    // of anyone's acting left (no outcome, no note): it goes back to the group.
    archive_.customers().cancel_deal(cancelled, "退房");
    EXPECT_EQ((Strings{key(zhang, "2026-09-25"), key(zhao, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30")));
    expect_error([&] { care().get(first[1].id); }, Status::not_found, "task_id");
    EXPECT_EQ(1, members());
    EXPECT_EQ(1, rows());
    // Its last member acted on, the group goes.
    care().complete(first[2].id, "已致电");
    EXPECT_EQ(0, members());
    EXPECT_EQ(0, groups());
    EXPECT_EQ(2, rows());
    EXPECT_EQ(first[2].id, agenda("2026-09-20", "2026-09-30")[1].id);
}

TEST_F(CareTest, RemovingACustomerTakesItsFestivalGreetingsOutOfTheirGroups) {
    // XH greets prospects on every festival too.
    std::vector<CareRule> policy = default_care_policy();
    CareRule r;
    r.occasion = OccasionKind::festival;
    r.stage = Stage::prospect;
    r.action = "sms";
    r.channel = "sms";
    policy.push_back(r);
    care().set_policy("XH", policy);
    const auto zhang = customer("张伟", wang_, Tier::ordinary);
    const auto li_na = customer("李娜", wang_, Tier::ordinary);
    const auto tasks = agenda("2026-09-20", "2026-10-05");   // Mid-Autumn, National Day
    ASSERT_EQ((Strings{key(zhang, "2026-09-25"), key(li_na, "2026-09-25"), key(zhang, "2026-10-01"), key(li_na, "2026-10-01")}),
              keys(tasks));
    EXPECT_EQ(2, raw().count("care_task_groups"));
    EXPECT_EQ(4, raw().count("care_task_members"));
    archive_.customers().remove(zhang);
    EXPECT_EQ(2, raw().count("care_task_members"));
    expect_error([&] { care().get(tasks[0].id); }, Status::not_found, "task_id");
    EXPECT_EQ(li_na, care().get(tasks[1].id).customer_id);
    EXPECT_EQ((Strings{key(li_na, "2026-09-25"), key(li_na, "2026-10-01")}), keys(care().overdue(d("2026-10-31"), "XH")));
    archive_.customers().remove(li_na);
    EXPECT_EQ(0, raw().count("care_task_members"));
    EXPECT_EQ(0, raw().count("care_task_groups"));
    EXPECT_EQ(Strings{}, keys(agenda("2026-09-20", "2026-10-05")));
}

// An archive of schema 6 — task rows numbered in order, no groups — opened by this version: every
// task keeps its customer, day, status and outcome under its computed id, and the next agenda
// moves the untouched festival greeting into a group.
TEST(CareMigration, Schema7KeepsTheTasksOfAnOlderArchive) {
    snowball::testing::TempDir dir;
    const std::string path = dir.file("archive.db");
    std::int64_t zhang = 0;
    {
        Archive a = Archive::open(path);
        a.sites().add({"XH", "西湖印象", ""});
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::call;
        c.name = "张伟";
        c.consultant_id = a.consultants().add({"XH", "王芳", ""}).id;
        c.filed_on = d("2020-01-06");
        c.first_contact = d("2020-01-06");
        zhang = a.customers().add(c).id;
        NewDeal deal;
        deal.unit = "3-1-1201";
        deal.area = 89.5;
        deal.price = 1200000;
        deal.date = d("2024-05-10");
        a.customers().record_deal(zhang, deal);
    }
    const std::string greeting = R"([{"deal_id":null,"family_member_id":null,"key":"%s","kind":"festival","title":"%s"}])";
    const std::string call = R"([{"action":"call_or_sms","channel":"phone","label":"节日电话或短信问候","lead_days":0,"start":"%s"}])";
    const auto fill = [](std::string text, const std::string& a, const std::string& b) {
        text.replace(text.find("%s"), 2, a);
        if (!b.empty()) text.replace(text.find("%s"), 2, b);
        return text;
    };
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.exec("DROP TABLE group_outbox; DROP TABLE group_settings; "   // schema 19
                "DROP TABLE material_handouts; DROP TABLE cooperation_introductions; "
                "DROP TABLE key_person_approaches; "   // schema 18
                "DROP TABLE attribution_history; DROP TABLE attribution_disputes; DROP TABLE attribution_pool; "
                "DROP TABLE attributions; DROP TABLE registrations; DROP TABLE attribution_settings; "
                "DROP TABLE channel_partners; DROP INDEX family_members_phone; "   // schema 15
                "DROP TABLE care_gifts; ALTER TABLE care_settings DROP COLUMN gift_budgets; "   // schema 17
                "DROP TRIGGER contacts_merge_only; DROP TABLE customer_redirects; DROP TABLE merge_moving; DROP TABLE merge_journal; "
                "DROP TABLE customer_merges; "   // schema 16
                "DROP TABLE customer_losses; DROP TABLE sales_settings; DROP TABLE deal_steps; "
                "DROP INDEX deals_month_day; ALTER TABLE deals DROP COLUMN stage; "
                "CREATE INDEX deals_month_day ON deals(CAST(substr(deal_date, 6, 2) AS INTEGER), "
                "CAST(substr(deal_date, 9, 2) AS INTEGER)) WHERE cancelled = 0; "   // schema 14
                "DROP TABLE event_campaigns; DROP TABLE event_invitations; DROP TABLE events; DROP TABLE event_series; "
                "DROP TABLE event_kinds; DROP TABLE deliveries; DROP TABLE outreach_items; DROP TABLE message_templates; "
                "DROP TABLE news_items; DROP TABLE outreach_settings; "   // schema 13
                "DROP TABLE contact_followups; DROP TABLE contacts; DROP TABLE contact_settings; "
                "ALTER TABLE visits DROP COLUMN place; "   // schema 12
                "DROP TABLE sealing_keys; "   // schema 11
                "DROP TABLE consents; DROP TABLE access_grants; DROP TABLE retention_rules; "   // schema 10
                "DROP TABLE legal_holds; DROP TABLE audit_log; "   // schema 9
                "DROP TABLE care_task_members; DROP TABLE care_task_groups; DROP TABLE care_tasks; "
                "DROP INDEX customers_owners; DROP INDEX family_members_birthday; "
                "CREATE INDEX family_members_birthday ON family_members(birth_calendar, birth_month, birth_day) "
                "WHERE birth_calendar IS NOT NULL; "
                "CREATE TABLE care_tasks (id INTEGER PRIMARY KEY, site_id INTEGER NOT NULL REFERENCES sites(id), "
                "customer_id INTEGER NOT NULL REFERENCES customers(id), task_date TEXT NOT NULL, prepare_from TEXT NOT NULL, "
                "occasions TEXT NOT NULL, actions TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', "
                "outcome TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', done_at TEXT, "
                "done_by INTEGER REFERENCES consultants(id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
                "UNIQUE (customer_id, task_date)); "
                "PRAGMA user_version = 6;");
        SQLite::Statement q(db, "INSERT INTO care_tasks(id, site_id, customer_id, task_date, prepare_from, occasions, actions, "
                                "status, outcome, note, done_at, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                "'2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z')");
        const auto row = [&](int id, const char* day, const char* key, const char* title, const char* status,
                             const char* outcome, const char* note) {
            q.bind(1, id);
            q.bind(2, zhang);
            q.bind(3, day);
            q.bind(4, day);
            q.bind(5, fill(greeting, key, title));
            q.bind(6, fill(call, day, ""));
            q.bind(7, status);
            q.bind(8, outcome);
            q.bind(9, note);
            if (*outcome) q.bind(10, "2026-09-25T02:00:00Z");
            else q.bind(10);
            q.exec();
            q.reset();
        };
        row(1, "2026-09-25", "mid_autumn", "中秋节", "done", "已致电", "问候了家人");
        row(2, "2026-10-01", "national_day", "国庆节", "open", "", "");
    }
    Archive a = Archive::open(path);
    EXPECT_EQ(Archive::schema_version(), a.info().schema_version);
    const auto id_of = [&](const char* day) { return zhang * 131072 + (d(day) - d("1900-01-01")).days(); };
    const CareTask done = a.calendar().get(id_of("2026-09-25"));
    EXPECT_EQ(zhang, done.customer_id);
    EXPECT_EQ(TaskStatus::done, done.status);
    EXPECT_EQ("已致电", done.outcome);
    EXPECT_EQ("问候了家人", done.note);
    EXPECT_EQ("中秋节", done.occasions.at(0).title);
    EXPECT_EQ(TaskStatus::open, a.calendar().get(id_of("2026-10-01")).status);
    expect_error([&] { a.calendar().get(1); }, Status::not_found, "task_id");
    // The agenda finds both where they are; the untouched greeting joins its day's group.
    AgendaQuery q;
    q.from = d("2026-09-20");
    q.to = d("2026-10-05");
    q.site = "XH";
    const std::vector<CareTask> tasks = a.calendar().agenda(q);
    ASSERT_EQ(2u, tasks.size());
    EXPECT_EQ(id_of("2026-09-25"), tasks[0].id);
    EXPECT_EQ(TaskStatus::done, tasks[0].status);
    EXPECT_EQ(id_of("2026-10-01"), tasks[1].id);
    EXPECT_EQ(TaskStatus::open, tasks[1].status);
    snowball::testing::RawDb raw(path);
    EXPECT_EQ(1, raw.count("care_tasks"));
    EXPECT_EQ(1, raw.count("care_task_members"));
    EXPECT_EQ(1, raw.integer("SELECT count(*) FROM sqlite_master WHERE name = 'customers_owners'"));
}

} // namespace
