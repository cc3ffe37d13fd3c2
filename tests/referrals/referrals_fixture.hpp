// The referral tests' fixture: the West Lake office (tests/support/office_fixtures.hpp) with 李强 at
// BJ, and helpers that file customers, referrals and deals and read a tree's generations.
#pragma once

#include "snowball/customers.hpp"
#include "snowball/referrals.hpp"

#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snowball::testing {

// Sites XH 西湖印象 (王芳) and BJ 北京朝阳 (李强).
class ReferralsTest : public WestLakeOfficeTest {
protected:
    void SetUp() override {
        WestLakeOfficeTest::SetUp();
        li_ = archive_.consultants().add({"BJ", "李强", ""}).id;
    }

    Referrals& referrals() { return archive_.referrals(); }

    std::int64_t customer(const std::string& name, const std::string& site = "XH", Tier tier = Tier::ordinary) {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::visit;
        c.name = name;
        c.tier = tier;
        c.consultant_id = site == "XH" ? wang_ : li_;
        c.first_contact = d("2024-01-02");
        return archive_.customers().add(c).id;
    }

    // Files customers "C1".."Cn"; returns their ids.
    std::vector<std::int64_t> customers(int n, const std::string& site = "XH") {
        std::vector<std::int64_t> ids;
        for (int i = 1; i <= n; ++i) ids.push_back(customer("客户" + std::to_string(i), site));
        return ids;
    }

    Referral refer(std::int64_t referrer, std::int64_t referee, ReferralMethod method = ReferralMethod::chain,
                   std::optional<Date> date = std::nullopt) {
        NewReferral r;
        r.referrer_id = referrer;
        r.referee_id = referee;
        r.method = method;
        r.date = date;
        return referrals().add(r);
    }

    std::int64_t deal(std::int64_t customer_id, const std::string& unit, const char* date) {
        NewDeal n;
        n.unit = unit;
        n.area = 89;
        n.price = 2000000;
        n.date = d(date);
        return archive_.customers().record_deal(customer_id, n).id;
    }

    // Another connection changes what only the past could have written: when a customer was filed.
    void filed_on(std::int64_t customer_id, const char* utc) {
        SQLite::Database db(path(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE customers SET filed_at = '" + std::string(utc) + "' WHERE id = " + std::to_string(customer_id));
    }

    std::vector<std::vector<std::int64_t>> ids(const ReferralTree& t) {
        std::vector<std::vector<std::int64_t>> out;
        for (const auto& g : t.generations) {
            out.emplace_back();
            for (const auto& m : g) out.back().push_back(m.customer_id);
        }
        return out;
    }

    std::int64_t li_ = 0;
};

} // namespace snowball::testing
