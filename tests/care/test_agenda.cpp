// The care agenda on a small archive: occasions merged into one task per customer and day,
// idempotent generation, a year of an owner, tasks that follow corrected birthdays and new family
// members, consultant and site scopes, the window's validation, lunar birthdays, and customers or
// deals that give no tasks.
#include "snowball/festivals.hpp"
#include "snowball/workdays.hpp"
#include "care_fixture.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// The agenda on a small archive

// Mid-Autumn 2026 is lunar 2026-08-15 = 2026-09-25; no other default festival falls in 09-20..09-30.
TEST_F(CareTest, FactsTheseTestsRelyOn) {
    EXPECT_EQ(d("2026-09-25"), calendar::to_gregorian({2026, 8, false, 15}));
    const auto days_ = calendar::festivals_between(d("2026-09-20"), d("2026-09-30"), calendar::default_festivals());
    ASSERT_EQ(1u, days_.size());
    EXPECT_EQ("mid_autumn", days_[0].key);
    EXPECT_EQ(d("2026-02-17"), calendar::new_year(2026));
    EXPECT_FALSE(care().work_calendar().is_published(2027)) << "the 2027 arrangement is built in now: update the tests";
}

TEST_F(CareTest, AVipOwnersBirthdayOnMidAutumnIsOneTaskWithEveryAction) {
    const auto zhang = customer("张伟", wang_, Tier::vip, lunar(1980, 8, 15));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto li_na = customer("李娜", wang_, Tier::ordinary, gregorian(1990, 9, 25));
    deal(li_na, "3-1-1202", "2024-05-11");
    const auto zhao = customer("赵六", zhou_, Tier::ordinary, gregorian(1985, 9, 25));     // a prospect
    const auto qian = customer("钱七", zhou_, Tier::ordinary, gregorian(1986, 9, 24));     // a visitor
    archive_.customers().record_visit(qian);
    const auto bj = customer("孙八", li_, Tier::vip, gregorian(1970, 9, 25), "BJ");
    deal(bj, "1-1-101", "2024-05-12");
    const auto vip_prospect = customer("周九", zhou_, Tier::vip, gregorian(1975, 9, 25));
    family(vip_prospect, Relation::spouse, "吴十", gregorian(1976, 9, 26));
    const auto vip_visitor = customer("郑十一", zhou_, Tier::vip, gregorian(1977, 9, 25));
    archive_.customers().record_visit(vip_visitor);

    const auto tasks = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ((Strings{key(zhang, "2026-09-25"), key(li_na, "2026-09-25")}), keys(tasks));
    const CareTask& t = tasks[0];
    EXPECT_GT(t.id, 0);
    EXPECT_EQ("张伟", t.customer_name);
    EXPECT_EQ(archive_.customers().get(zhang).archive_no, t.archive_no);
    EXPECT_EQ("XH", t.site);
    EXPECT_EQ(std::optional<std::int64_t>(wang_), t.consultant_id);
    EXPECT_EQ(d("2026-09-25"), t.date);
    EXPECT_EQ(d("2026-09-23"), t.prepare_from);   // the cake is ordered two days ahead
    EXPECT_EQ((Strings{"birthday:birthday", "festival:mid_autumn"}), occasions(t));
    EXPECT_EQ("张伟生日", t.occasions[0].title);
    EXPECT_EQ("中秋节", t.occasions[1].title);
    EXPECT_FALSE(t.occasions[0].family_member_id);
    EXPECT_EQ((Strings{"flowers_or_cake/gift", "call/phone", "call_or_sms/phone"}), actions(t));
    EXPECT_EQ(2, t.actions[0].lead_days);
    EXPECT_EQ(d("2026-09-23"), t.actions[0].start);
    EXPECT_EQ(d("2026-09-25"), t.actions[1].start);
    EXPECT_EQ(d("2026-09-25"), t.actions[2].start);
    for (const TaskAction& a : t.actions) EXPECT_FALSE(a.label.empty());
    EXPECT_EQ(TaskStatus::open, t.status);
    EXPECT_EQ("", t.outcome);
    EXPECT_EQ("", t.note);
    EXPECT_EQ("", t.done_at);
    EXPECT_FALSE(t.done_by);
    // An ordinary owner: a birthday call and the festival greeting, no gift.
    EXPECT_EQ((Strings{"birthday:birthday", "festival:mid_autumn"}), occasions(tasks[1]));
    EXPECT_EQ((Strings{"call/phone", "call_or_sms/phone"}), actions(tasks[1]));
    EXPECT_EQ(d("2026-09-25"), tasks[1].prepare_from);
    // Prospects and visitors: nothing by default. BJ's customers are BJ's.
    EXPECT_FALSE(task_of(tasks, zhao, "2026-09-25"));
    EXPECT_FALSE(task_of(tasks, qian, "2026-09-24"));
    EXPECT_FALSE(task_of(tasks, vip_prospect, "2026-09-25"));
    EXPECT_FALSE(task_of(tasks, vip_prospect, "2026-09-26"));
    EXPECT_FALSE(task_of(tasks, vip_visitor, "2026-09-25"));
    EXPECT_EQ((Strings{key(bj, "2026-09-25")}), keys(agenda("2026-09-20", "2026-09-30", "BJ")));
    EXPECT_EQ(3, task_rows());
    // get() returns the stored task.
    const CareTask again = care().get(t.id);
    EXPECT_EQ(occasions(t), occasions(again));
    EXPECT_EQ(actions(t), actions(again));
    EXPECT_EQ(t.prepare_from, again.prepare_from);
}

TEST_F(CareTest, GeneratingTwiceStoresNothingTwice) {
    const auto zhang = customer("张伟", wang_, Tier::vip, lunar(1980, 8, 15));
    deal(zhang, "3-1-1201", "2025-08-31");
    const auto li_na = customer("李娜", zhou_, Tier::ordinary, gregorian(1990, 3, 14));
    deal(li_na, "3-1-1202", "2024-02-29");
    const auto first = agenda("2026-01-01", "2026-12-31");
    ASSERT_GT(first.size(), 20u);
    const std::string before = dump();
    const std::int64_t rows = task_rows();
    EXPECT_EQ(static_cast<std::int64_t>(first.size()), rows);
    const auto second = agenda("2026-01-01", "2026-12-31");
    EXPECT_EQ(before, dump());   // not even updated_at changed
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].id, second[i].id);
        EXPECT_EQ(occasions(first[i]), occasions(second[i]));
    }
    // Overlapping windows and the consultant's view find the same stored tasks.
    const auto part = agenda("2026-02-01", "2026-03-31", "", wang_);
    for (const CareTask& t : part) {
        EXPECT_EQ(zhang, t.customer_id);
        const CareTask* same = task_of(first, t.customer_id, to_iso(t.date).c_str());
        ASSERT_NE(nullptr, same) << to_iso(t.date);
        EXPECT_EQ(same->id, t.id);
    }
    EXPECT_EQ(before, dump());
    // Tasks are ordered by date, then customer.
    for (std::size_t i = 1; i < first.size(); ++i)
        EXPECT_TRUE(first[i - 1].date < first[i].date ||
                    (first[i - 1].date == first[i].date && first[i - 1].customer_id < first[i].customer_id));
}

TEST_F(CareTest, TheYearOfAnOwnerWithTheDefaultCadence) {
    // An ordinary owner, deal on 31 August 2025, born 29 February 1988 (Gregorian).
    const auto li_na = customer("李娜", wang_, Tier::ordinary, gregorian(1988, 2, 29));
    deal(li_na, "3-1-1202", "2025-08-31");
    std::map<std::string, Strings> by_day;
    for (const CareTask& t : agenda("2025-09-01", "2026-08-31")) {
        ASSERT_EQ(li_na, t.customer_id);
        for (const TaskOccasion& o : t.occasions)
            if (o.kind != OccasionKind::festival) by_day[to_iso(t.date)].push_back(o.key + " " + o.title);
    }
    const std::map<std::string, Strings> expected{
        {"2025-09-07", {"follow_up:7d 成交后7天回访"}},
        {"2025-09-30", {"follow_up:30d 成交后30天回访"}},
        {"2025-11-29", {"follow_up:90d 成交后90天回访"}},
        // Her birthday and the 6-month follow-up share 28 February 2026: one task.
        {"2026-02-28", {"birthday 李娜生日", "follow_up:6m 成交后6个月回访"}},
        {"2026-08-31", {"anniversary:1 成交1周年", "follow_up:12m 成交后12个月回访"}},
    };
    EXPECT_EQ(expected, by_day);
    const auto tasks = agenda("2026-02-28", "2026-02-28");
    ASSERT_EQ(1u, tasks.size());
    EXPECT_EQ((Strings{"call/phone", "follow_up_call/phone"}), actions(tasks[0]));
    const auto year_one = agenda("2026-08-31", "2026-08-31");
    ASSERT_EQ(1u, year_one.size());
    EXPECT_EQ((Strings{"deal_anniversary:anniversary:1", "follow_up:follow_up:12m"}), occasions(year_one[0]));
}

TEST_F(CareTest, AnOpenTaskTakesInANewFamilyMembersBirthday) {
    const auto zhang = customer("张伟", wang_, Tier::vip, lunar(1980, 8, 15));
    deal(zhang, "3-1-1201", "2024-05-10");
    const auto before = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ(1u, before.size());
    const std::int64_t rows = task_rows();
    const auto wife = family(zhang, Relation::spouse, "李娜", gregorian(1982, 9, 25));
    const auto son = family(zhang, Relation::child, "张小明", lunar(0, 8, 12));   // 2026-09-22
    const auto after = agenda("2026-09-20", "2026-09-30");
    ASSERT_EQ((Strings{key(zhang, "2026-09-22"), key(zhang, "2026-09-25")}), keys(after));
    const CareTask& mid_autumn = after[1];
    EXPECT_EQ(before[0].id, mid_autumn.id);   // the same task, not a second one
    EXPECT_EQ((Strings{"birthday:birthday", "family_birthday:family_birthday", "festival:mid_autumn"}),
              occasions(mid_autumn));
    EXPECT_EQ(std::optional<std::int64_t>(wife), mid_autumn.occasions[1].family_member_id);
    EXPECT_EQ("配偶李娜生日", mid_autumn.occasions[1].title);
    // One gift and one call are enough for two birthdays on one day.
    EXPECT_EQ((Strings{"flowers_or_cake/gift", "call/phone", "call_or_sms/phone"}), actions(mid_autumn));
    const CareTask& son_task = after[0];
    EXPECT_EQ((Strings{"family_birthday:family_birthday"}), occasions(son_task));
    EXPECT_EQ(std::optional<std::int64_t>(son), son_task.occasions[0].family_member_id);
    EXPECT_EQ("子女张小明生日", son_task.occasions[0].title);
    EXPECT_EQ((Strings{"flowers_or_cake/gift", "call/phone"}), actions(son_task));
    EXPECT_EQ(d("2026-09-20"), son_task.prepare_from);
    EXPECT_EQ(rows + 1, task_rows());
}

TEST_F(CareTest, ACorrectedBirthdayRemovesTheStaleOpenTaskButNotACompletedOne) {
    const auto li_na = customer("李娜", wang_, Tier::ordinary, gregorian(1990, 3, 14));
    deal(li_na, "3-1-1202", "2024-05-10");
    const auto first = agenda("2026-03-10", "2026-03-25");
    ASSERT_EQ((Strings{key(li_na, "2026-03-14")}), keys(first));
    const std::int64_t stale = first[0].id;
    set_birthday(li_na, gregorian(1990, 3, 16));
    const auto second = agenda("2026-03-10", "2026-03-25");
    ASSERT_EQ((Strings{key(li_na, "2026-03-16")}), keys(second));
    expect_error([&] { care().get(stale); }, Status::not_found, "task_id", std::to_string(stale));
    EXPECT_EQ(1, task_rows());
    // Done is done: correcting the birthday again leaves the completed task as it was.
    const CareTask done = care().complete(second[0].id, "已致电祝贺", "", wang_);
    set_birthday(li_na, gregorian(1990, 3, 20));
    const auto third = agenda("2026-03-10", "2026-03-25");
    ASSERT_EQ((Strings{key(li_na, "2026-03-16"), key(li_na, "2026-03-20")}), keys(third));
    EXPECT_EQ(done.id, third[0].id);
    EXPECT_EQ(TaskStatus::done, third[0].status);
    EXPECT_EQ((Strings{"birthday:birthday"}), occasions(third[0]));
    EXPECT_EQ(TaskStatus::open, third[1].status);
    // Without closed tasks.
    EXPECT_EQ((Strings{key(li_na, "2026-03-20")}), keys(agenda("2026-03-10", "2026-03-25", "XH", std::nullopt, false)));
    // Tasks outside the window generated are not touched by it.
    set_birthday(li_na, gregorian(1990, 3, 22));
    agenda("2026-03-21", "2026-03-25");
    EXPECT_EQ(TaskStatus::open, care().get(third[1].id).status);
}

TEST_F(CareTest, ConsultantScopeAndSiteScope) {
    const auto zhang = customer("张伟", wang_, Tier::vip, gregorian(1980, 9, 22));
    const auto li_na = customer("李娜", zhou_, Tier::vip, gregorian(1990, 9, 22));
    const auto nobody = customer("无人跟进", std::nullopt, Tier::vip, gregorian(1991, 9, 22));
    deal(zhang, "3-1-1201", "2024-05-10");
    deal(li_na, "3-1-1202", "2024-05-10");
    deal(nobody, "3-1-1203", "2024-05-10");
    // (The window ends before Mid-Autumn: only the birthdays.)
    const auto wang_tasks = agenda("2026-09-20", "2026-09-23", "", wang_);
    EXPECT_EQ((Strings{key(zhang, "2026-09-22")}), keys(wang_tasks));
    EXPECT_EQ((Strings{key(zhang, "2026-09-22")}), keys(agenda("2026-09-20", "2026-09-23", "XH", wang_)));
    EXPECT_EQ((Strings{key(zhang, "2026-09-22")}), keys(agenda("2026-09-20", "2026-09-23", "xh", wang_)));
    EXPECT_EQ((Strings{key(li_na, "2026-09-22")}), keys(agenda("2026-09-20", "2026-09-23", "", zhou_)));
    // The site sees everyone's, the unassigned customer's too.
    const auto site = agenda("2026-09-20", "2026-09-23");
    EXPECT_EQ((Strings{key(zhang, "2026-09-22"), key(li_na, "2026-09-22"), key(nobody, "2026-09-22")}), keys(site));
    EXPECT_EQ(wang_tasks[0].id, site[0].id);
    // A consultant of another site, unknown ones, no scope at all: errors, nothing written.
    const std::string before = dump();
    expect_error([&] { agenda("2026-09-20", "2026-09-23", "XH", li_); }, Status::invalid_argument, "consultant_id", "BJ");
    expect_error([&] { agenda("2026-09-20", "2026-09-23", "", 9999); }, Status::not_found, "consultant_id", "9999");
    expect_error([&] { agenda("2026-09-20", "2026-09-23", "ZZ"); }, Status::not_found, "site", "ZZ");
    expect_error([&] { agenda("2026-09-20", "2026-09-23", ""); }, Status::invalid_argument, "site", "");
    expect_error([&] { agenda("2026-09-20", "2026-09-23", "  "); }, Status::invalid_argument, "site", "");
    EXPECT_EQ(before, dump());
    // The other site's consultant sees their own site only.
    EXPECT_EQ(Strings{}, keys(agenda("2026-09-20", "2026-09-23", "", li_)));
    // A customer handed to another consultant: the task follows the customer.
    CustomerUpdate u;
    u.consultant_id = std::optional<std::int64_t>(zhou_);
    archive_.customers().update(zhang, u);
    EXPECT_EQ(Strings{}, keys(agenda("2026-09-20", "2026-09-23", "", wang_)));
    const auto moved = agenda("2026-09-20", "2026-09-23", "", zhou_);
    ASSERT_EQ(2u, moved.size());
    EXPECT_EQ(wang_tasks[0].id, moved[0].id);
    EXPECT_EQ(std::optional<std::int64_t>(zhou_), moved[0].consultant_id);
}

TEST_F(CareTest, TheWindowIsValidated) {
    customer("张伟", wang_, Tier::vip, gregorian(1980, 9, 22));
    const std::string before = dump();
    expect_error([&] { agenda("2026-09-30", "2026-09-20"); }, Status::invalid_argument, "to", "before");
    expect_error([&] { agenda("2026-01-01", "2027-01-02"); }, Status::invalid_argument, "to", "year");
    expect_error([&] { agenda("1900-01-01", "1900-02-15"); }, Status::invalid_argument, "from", "1900-01-31");
    expect_error([&] { agenda("2100-12-01", "2101-01-05"); }, Status::invalid_argument, "to", "2100-12-31");
    AgendaQuery special;
    special.site = "XH";
    special.to = d("2026-01-01");
    expect_error([&] { care().agenda(special); }, Status::invalid_argument, "from", "");
    expect_error([&] { care().export_ics(d("2026-09-30"), d("2026-09-20"), wang_); }, Status::invalid_argument, "to", "");
    expect_error([&] { care().export_ics(d("2026-01-01"), d("2027-06-30"), wang_); }, Status::invalid_argument, "to", "");
    EXPECT_EQ(before, dump());
    // A whole leap year is allowed (366 days), as are one day and the calendar's last days.
    EXPECT_NO_THROW(agenda("2028-01-01", "2028-12-31"));
    EXPECT_NO_THROW(agenda("2026-09-22", "2026-09-22"));
    EXPECT_NO_THROW(agenda("2100-06-01", "2100-12-31"));
    // The range starts on 1900-01-31; festival rules start in 1901: birthdays, but no festivals, before.
    const auto early = customer("早期", wang_, Tier::vip, gregorian(0, 2, 15));
    deal(early, "3-1-1201", "2024-05-10");
    EXPECT_EQ((Strings{key(early, "1900-02-15")}), keys(agenda("1900-01-31", "1900-12-31")));
    EXPECT_EQ((Strings{key(early, "1901-01-01")}), keys(agenda("1900-12-01", "1901-01-10")));
}

TEST_F(CareTest, LunarBirthdaysThroughTheAgenda) {
    // Prospects whose birthdays XH greets: their birthdays (and nothing else) give tasks.
    greet_every_birthday();
    const auto day30 = customer("八月三十", wang_, Tier::vip, lunar(0, 8, 30));
    const auto eve = customer("腊月三十", wang_, Tier::vip, lunar(0, 12, 30));
    const auto first = customer("腊月初一", wang_, Tier::vip, lunar(0, 12, 1));
    const auto leap = customer("闰四月", wang_, Tier::vip, lunar(2020, 4, 15, true));
    const auto feb29 = customer("二月廿九", wang_, Tier::vip, gregorian(1988, 2, 29));
    EXPECT_EQ((Strings{key(day30, "2021-10-05")}), keys(agenda("2021-09-25", "2021-10-10")));
    EXPECT_EQ((Strings{key(day30, "2022-09-25")}), keys(agenda("2022-09-20", "2022-09-30")));
    EXPECT_EQ((Strings{key(eve, "2024-02-09")}), keys(agenda("2024-02-01", "2024-02-15")));
    EXPECT_EQ((Strings{key(eve, "2025-01-28")}), keys(agenda("2025-01-20", "2025-02-05")));
    // (Lunar 2021's 12th month has 29 days: the 12/30 birthday is on its last day, 2022-01-31.)
    EXPECT_EQ((Strings{key(first, "2022-01-03"), key(eve, "2022-01-31"), key(feb29, "2022-02-28"), key(leap, "2022-05-15"),
                       key(day30, "2022-09-25"), key(first, "2022-12-23")}),
              keys(agenda("2022-01-01", "2022-12-31")));
    EXPECT_EQ(to_iso(calendar::to_gregorian({2022, 4, false, 15})), "2022-05-15");
    EXPECT_EQ((Strings{key(leap, "2021-05-26")}), keys(agenda("2021-05-01", "2021-06-30")));
    EXPECT_EQ((Strings{key(feb29, "2028-02-29")}), keys(agenda("2028-02-27", "2028-03-01")));
}

TEST_F(CareTest, RemovedCustomersGetNoTasks) {
    greet_every_birthday();   // owners cannot be removed: prospects with tasks
    const auto zhang = customer("张伟", wang_, Tier::vip, gregorian(1980, 9, 22));
    const auto li_na = customer("李娜", wang_, Tier::vip, gregorian(1990, 9, 23));
    family(li_na, Relation::spouse, "王五", gregorian(1988, 9, 24));
    ASSERT_EQ((Strings{key(zhang, "2026-09-22"), key(li_na, "2026-09-23"), key(li_na, "2026-09-24")}),
              keys(agenda("2026-09-20", "2026-09-30")));
    const auto done = agenda("2026-09-20", "2026-09-30")[1];
    care().complete(done.id, "已送花", "她喜欢百合");
    archive_.customers().remove(zhang);
    archive_.customers().remove(li_na);
    // Nothing of theirs is listed: not in the agenda, not as overdue, not even the completed task.
    EXPECT_EQ(Strings{}, keys(agenda("2026-09-20", "2026-09-30")));
    EXPECT_EQ(Strings{}, keys(care().overdue(d("2026-10-31"), "XH")));
    EXPECT_EQ(Strings{}, keys(care().overdue(d("2026-10-31"))));
    // Removing a customer deletes personal data: the task titles and notes hold it.
    EXPECT_EQ(0, task_rows());
    EXPECT_EQ(std::string::npos, dump().find("百合"));
    EXPECT_EQ(std::string::npos, dump().find("张伟生日"));
}

TEST_F(CareTest, CancelledDealsGiveNoAnniversariesOrFollowUps) {
    const auto zhang = customer("张伟", wang_, Tier::ordinary);
    const auto kept = deal(zhang, "3-1-1201", "2025-03-10");
    const auto cancelled = deal(zhang, "3-1-1202", "2025-03-12");
    Strings before;
    for (const CareTask& t : agenda("2026-03-01", "2026-03-31"))
        for (const TaskOccasion& o : t.occasions)
            if (o.kind != OccasionKind::festival) before.push_back(to_iso(t.date) + " " + o.key);
    EXPECT_EQ((Strings{"2026-03-10 anniversary:1", "2026-03-10 follow_up:12m", "2026-03-12 anniversary:1",
                       "2026-03-12 follow_up:12m"}),
              before);
    archive_.customers().cancel_deal(cancelled, "退房");
    Strings after;
    for (const CareTask& t : agenda("2026-03-01", "2026-03-31"))
        for (const TaskOccasion& o : t.occasions)
            if (o.kind != OccasionKind::festival) after.push_back(to_iso(t.date) + " " + o.key);
    EXPECT_EQ((Strings{"2026-03-10 anniversary:1", "2026-03-10 follow_up:12m"}), after);
    // The last deal cancelled: a visitor again, and no owner's festivals either.
    archive_.customers().cancel_deal(kept, "退房");
    EXPECT_EQ(Strings{}, keys(agenda("2026-03-01", "2026-03-31")));
    EXPECT_EQ(0, task_rows());
}

} // namespace
