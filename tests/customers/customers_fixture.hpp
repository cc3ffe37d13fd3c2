// The customer tests' fixture: the garden office (tests/support/office_fixtures.hpp) plus 陈静, who
// left XH, and the helpers that file customers, render archive numbers and build deals.
#pragma once

#include "snowball/archive.hpp"
#include "snowball/customers.hpp"
#include "snowball/numbering.hpp"
#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snowball::testing {

class CustomersTest : public GardenOfficeTest {
protected:
    void SetUp() override {
        GardenOfficeTest::SetUp();
        chen_ = archive_.consultants().add({"XH", "陈静", ""}).id;
        ConsultantUpdate off;
        off.active = false;
        archive_.consultants().update(chen_, off);
    }

    Customers& customers() { return archive_.customers(); }

    static NewCustomer make(const std::string& site, Channel channel, const std::string& name,
                            const std::string& mobile = {}) {
        NewCustomer c;
        c.site = site;
        c.channel = channel;
        c.name = name;
        c.mobile = mobile;
        return c;
    }

    Customer add(const std::string& site, Channel channel, const std::string& name, const std::string& mobile = {}) {
        return customers().add(make(site, channel, name, mobile));
    }

    static std::string number(const std::string& site, Channel channel, int year, std::int64_t seq) {
        return numbering::render_archive_no(numbering::default_format, site, channel, year, seq);
    }

    static std::int64_t seq_of(const std::string& archive_no) {
        return numbering::parse_archive_no(archive_no).sequence;
    }

    NewDeal deal(const std::string& unit, std::optional<Date> date = std::nullopt) {
        NewDeal d;
        d.unit = unit;
        d.layout = "3室2厅2卫";
        d.area = 128.5;
        d.price = 3280000;
        d.date = date;
        d.bought_for = "自住";
        return d;
    }

    const Date today_ = today_in_china();
    const int year_ = today_.year();
    std::int64_t chen_ = 0;
};

inline std::vector<std::int64_t> ids_of(const std::vector<Customer>& list) {
    std::vector<std::int64_t> out;
    for (const auto& c : list) out.push_back(c.id);
    return out;
}

inline std::vector<std::string> names_of(const std::vector<Customer>& list) {
    std::vector<std::string> out;
    for (const auto& c : list) out.push_back(c.name);
    return out;
}

} // namespace snowball::testing
