// What the events' C tests share: the contacts fixture (张伟, a customer of 王芳 at XH) plus 李娜,
// a site tour three days ahead, and moments relative to today in China.
#pragma once

#include "contacts_fixture.hpp"

#include <cstdint>
#include <ctime>
#include <string>

namespace capi_test {

class EventsTest : public ContactsTest {
protected:
    void SetUp() override {
        ContactsTest::SetUp();
        li_na_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "李娜"}, {"mobile", "13900139000"},
                               {"consultant_id", xh_consultant_}, {"first_contact", "2025-01-06"}, {"filed_on", "2025-01-06"}})["id"]
                     .get<std::int64_t>();
        event_ = create({{"site", "XH"}, {"title", "工地开放日"}, {"start", at(3)}, {"capacity", 3}, {"host", xh_consultant_}})["id"]
                     .get<std::int64_t>();
    }

    // "YYYY-MM-DDTHH:MM" of a day relative to today, China time.
    static std::string at(int days_from_today, const char* hh_mm = "09:30") {
        const std::time_t t = std::time(nullptr) + 8 * 3600 + std::time_t(days_from_today) * 86400;
        std::tm tm{};
        gmtime_r(&t, &tm);
        char day[16];
        std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
        return std::string(day) + "T" + hh_mm;
    }

    json create(const json& event) {
        return ok([&](char** out) { return snowball_event_create(out, archive_, event.dump().c_str()); });
    }
    json invite(std::int64_t event, const json& ids) {
        const json request = {{"audience", {{{"scope", "customers"}, {"customer_ids", ids}}}}};
        return ok([&](char** out) { return snowball_event_invite(out, archive_, event, request.dump().c_str(), nullptr, nullptr); });
    }

    std::int64_t li_na_ = 0;
    std::int64_t event_ = 0;
};

} // namespace capi_test
