// The lead-import tests' fixture: the garden office (tests/support/office_fixtures.hpp) with helpers
// that import into XH, name the customers a report filed and check that a failure wrote nothing;
// a three-lead list, and text in another encoding as Excel would have written it.
#pragma once

#include "snowball/archive.hpp"
#include "snowball/customers.hpp"
#include "snowball/lead_import.hpp"

#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <iconv.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace snowball::testing {

// `utf8` in another encoding, by glibc's iconv (as Excel would have written it).
inline std::string encode(const std::string& utf8, const char* to) {
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error(std::string("iconv cannot write ") + to);
    std::string out(utf8.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    const std::size_t r = iconv(cd, &in, &in_left, &out_ptr, &out_left);
    iconv_close(cd);
    if (r == static_cast<std::size_t>(-1)) throw std::runtime_error(std::string("cannot convert to ") + to);
    out.resize(out.size() - out_left);
    return out;
}

class LeadImportTest : public GardenOfficeTest {
protected:
    LeadImportReport import(const std::string& data, LeadImportOptions options = {}) {
        if (options.site.empty()) options.site = "XH";
        return archive_.leads().import_data(data, options);
    }

    Customers& customers() { return archive_.customers(); }

    // A date of last year, as a spreadsheet might show it (never in the future).
    std::string last_year() const { return std::to_string(today_in_china().year() - 1); }
    Date last_year_on(int month, int day) const {
        return Date(static_cast<unsigned short>(today_in_china().year() - 1), static_cast<unsigned short>(month),
                    static_cast<unsigned short>(day));
    }

    std::vector<std::string> names(const LeadImportReport& r) {
        std::vector<std::string> out;
        for (auto id : r.customer_ids) out.push_back(customers().get(id).name);
        return out;
    }

    template <class F>
    void expect_fails_without_writing(F&& f, Status status, const std::string& field, const std::string& fragment) {
        const std::string before = dump();
        expect_error(std::forward<F>(f), status, field, fragment);
        EXPECT_EQ(dump(), before);
    }
};

inline const std::string lead_list = "姓名,手机,性别,备注\n张伟,13800000001,男,朋友介绍\n王芳,139 0000 0002,女,\n李四,+86 137-0000-0003,,\n";

inline void expect_three_leads(const LeadImportReport& r) {
    EXPECT_EQ(r.rows, 3);
    EXPECT_EQ(r.imported, 3);
    EXPECT_TRUE(r.rejected.empty());
    ASSERT_EQ(r.customer_ids.size(), 3u);
    EXPECT_FALSE(r.dry_run);
}

} // namespace snowball::testing
