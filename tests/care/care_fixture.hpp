// The care calendar tests' fixture: the West Lake office (tests/support/office_fixtures.hpp) with
// 周杰 at XH and 李强 at BJ, helpers that file customers, deals, family members and birthdays and
// read the agenda back (the date helpers of the pure occasion rules: occasion_dates.hpp).
#pragma once

#include "snowball/care.hpp"
#include "snowball/customers.hpp"
#include "snowball/lunar.hpp"
#include "snowball/profiles.hpp"

#include "occasion_dates.hpp"
#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace snowball::testing {

// Sites XH 西湖印象 (王芳, 周杰) and BJ 北京朝阳 (李强).
class CareTest : public WestLakeOfficeTest {
protected:
    void SetUp() override {
        WestLakeOfficeTest::SetUp();
        zhou_ = archive_.consultants().add({"XH", "周杰", ""}).id;
        li_ = archive_.consultants().add({"BJ", "李强", ""}).id;
    }

    CareCalendar& care() { return archive_.calendar(); }

    std::int64_t customer(const std::string& name, std::optional<std::int64_t> consultant, Tier tier,
                          std::optional<Birthday> birthday = std::nullopt, const std::string& site = "XH") {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.consultant_id = consultant;
        c.tier = tier;
        c.birthday = birthday;
        c.filed_on = d("2020-01-06");
        c.first_contact = d("2020-01-06");
        return archive_.customers().add(c).id;
    }

    std::int64_t deal(std::int64_t customer_id, const std::string& unit, const char* date) {
        NewDeal n;
        n.unit = unit;
        n.area = 89.5;
        n.price = 1200000;
        n.date = d(date);
        return archive_.customers().record_deal(customer_id, n).id;
    }

    std::int64_t family(std::int64_t customer_id, Relation relation, const std::string& name, Birthday birthday) {
        NewFamilyMember m;
        m.relation = relation;
        m.name = name;
        m.birthday = birthday;
        // A child's record (a minor, or of unknown age) takes the guardian's consent.
        if (relation == Relation::child && !archive_.consents().allows_sensitive(customer_id, SensitiveCategory::minors))
            consent_to_sensitive(archive_, customer_id);
        return archive_.family().add(customer_id, m).id;
    }

    void set_birthday(std::int64_t customer_id, Birthday birthday) {
        CustomerUpdate u;
        u.birthday = std::optional<Birthday>(birthday);
        archive_.customers().update(customer_id, u);
    }

    std::vector<CareTask> agenda(const char* from, const char* to, const std::string& site = "XH",
                                 std::optional<std::int64_t> consultant = std::nullopt, bool include_closed = true) {
        AgendaQuery q;
        q.from = d(from);
        q.to = d(to);
        q.site = site;
        q.consultant_id = consultant;
        q.include_closed = include_closed;
        return care().agenda(q);
    }

    static const CareTask* task_of(const std::vector<CareTask>& tasks, std::int64_t customer_id, const char* date) {
        for (const CareTask& t : tasks)
            if (t.customer_id == customer_id && t.date == d(date)) return &t;
        return nullptr;
    }

    // "birthday:birthday", "festival:mid_autumn", ...
    static Strings occasions(const CareTask& t) {
        Strings out;
        for (const TaskOccasion& o : t.occasions) out.push_back(std::string(to_string(o.kind)) + ":" + o.key);
        return out;
    }
    static Strings actions(const CareTask& t) {
        Strings out;
        for (const TaskAction& a : t.actions) out.push_back(a.action + "/" + a.channel);
        return out;
    }
    // customer id and date of every task: "3 2026-09-25"
    static Strings keys(const std::vector<CareTask>& tasks) {
        Strings out;
        for (const CareTask& t : tasks) out.push_back(std::to_string(t.customer_id) + " " + to_iso(t.date));
        return out;
    }
    static std::string key(std::int64_t customer_id, const char* date) { return std::to_string(customer_id) + " " + date; }

    // The stored tasks: rows, and the members of the groups that keep the festival greetings.
    std::int64_t task_rows() { return raw().count("care_tasks") + raw().count("care_task_members"); }

    // XH also calls its prospects and visitors (VIPs or not) on their and their families' birthdays.
    void greet_every_birthday() {
        std::vector<CareRule> policy = default_care_policy();
        for (OccasionKind k : {OccasionKind::birthday, OccasionKind::family_birthday})
            for (Stage stage : {Stage::prospect, Stage::visitor}) {
                CareRule r;
                r.occasion = k;
                r.stage = stage;
                r.action = "call";
                r.channel = "phone";
                r.label = {"致电祝贺生日", "致電祝賀生日", "Birthday call"};
                policy.push_back(r);
            }
        care().set_policy("XH", policy);
    }

    std::int64_t zhou_ = 0, li_ = 0;
};

} // namespace snowball::testing
