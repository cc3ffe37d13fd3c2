// Shared by the C API tests: a temporary directory, an archive fixture, library strings that free
// themselves, and the checks every failed call must pass. Only the C API is used.
#pragma once

#include <snowball.h>

#include "library_text.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>

namespace capi_test {

using nlohmann::json;

// A fresh directory, removed with its contents (tests/support/temp_dir.hpp).
using TempDir = snowball::testing::TempDir;

// A string the library hands back, freed with snowball_string_free.
class Out : public snowball::testing::LibraryText {
public:
    json doc() const { return str() ? json::parse(str()) : json(); }
};

// The calling thread's last error, for failure messages.
inline std::string last_error_text() {
    const snowball_error* e = snowball_error_last();
    return std::string(snowball_status_name(e->status)) + " (" + std::to_string(e->status) + "): " + e->message +
           " [field '" + e->field + "', record " + std::to_string(e->record_id) + "]";
}

#define EXPECT_SB_OK(expr) EXPECT_EQ(SNOWBALL_OK, (expr)) << ::capi_test::last_error_text()
#define ASSERT_SB_OK(expr) ASSERT_EQ(SNOWBALL_OK, (expr)) << ::capi_test::last_error_text()

// What every failed call must show: the status it returned is the expected one, the thread's
// last error repeats it with a message and the field at fault, and the out-parameter, set to a
// marker before the call, is NULL afterwards (`out_used` false: the call has no char** out).
inline ::testing::AssertionResult failed_as(int expected, const char* field, bool out_used,
                                            const std::function<int(char**)>& call) {
    static char marker;
    char* out = &marker;
    const int rc = call(&out);
    const snowball_error* e = snowball_error_last();
    if (rc != expected)
        return ::testing::AssertionFailure() << "returned " << rc << " (" << snowball_status_name(rc) << "), expected "
                                             << expected << " (" << snowball_status_name(expected)
                                             << "); last error: " << last_error_text();
    if (e == nullptr) return ::testing::AssertionFailure() << "snowball_error_last() is NULL";
    if (e->status != rc) return ::testing::AssertionFailure() << "last error status " << e->status << " != " << rc;
    if (e->message == nullptr || e->message[0] == '\0')
        return ::testing::AssertionFailure() << "no message for status " << rc;
    if (e->field == nullptr) return ::testing::AssertionFailure() << "field is NULL";
    if (std::string(e->field) != field)
        return ::testing::AssertionFailure() << "field is '" << e->field << "', expected '" << field
                                             << "'; message: " << e->message;
    if (expected != SNOWBALL_ECONFLICT && expected != SNOWBALL_ESTATE && e->record_id != 0)
        return ::testing::AssertionFailure() << "record_id " << e->record_id << " set for status " << expected;
    if (out_used && out != nullptr) {
        if (out != &marker) snowball_string_free(out);
        return ::testing::AssertionFailure() << "*out is not NULL after the failure";
    }
    return ::testing::AssertionSuccess() << last_error_text();
}

// EXPECT_FAILS(SNOWBALL_EINVALID, "site_json", snowball_site_add(out, archive, "{")): `out` names
// the char** the call writes to.
#define EXPECT_FAILS(status, field, call) \
    EXPECT_TRUE(::capi_test::failed_as((status), (field), true, [&](char** out) -> int { return (call); }))
// For calls without a char** out-parameter (or called with NULL for it).
#define EXPECT_FAILS_NO_OUT(status, field, call) \
    EXPECT_TRUE(::capi_test::failed_as((status), (field), false, [&](char**) -> int { return (call); }))

// A fresh archive with two sites (XH, BJ), a consultant at each and one more at XH who left.
class ArchiveTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = dir_.file("office.db");
        ASSERT_SB_OK(snowball_archive_open(&archive_, path_.c_str(), nullptr));
        Out out;
        ASSERT_SB_OK(snowball_site_add(out.ptr(), archive_, R"({"code": "XH", "name": "西湖印象售楼处"})"));
        ASSERT_SB_OK(snowball_site_add(out.ptr(), archive_, R"({"code": "BJ", "name": "北京朝阳售楼处"})"));
        ASSERT_SB_OK(snowball_consultant_add(out.ptr(), archive_, R"({"site": "XH", "name": "王芳"})"));
        xh_consultant_ = out.doc()["id"].get<std::int64_t>();
        ASSERT_SB_OK(snowball_consultant_add(out.ptr(), archive_, R"({"site": "BJ", "name": "李强"})"));
        bj_consultant_ = out.doc()["id"].get<std::int64_t>();
        ASSERT_SB_OK(snowball_consultant_add(out.ptr(), archive_, R"({"site": "XH", "name": "赵离职"})"));
        left_consultant_ = out.doc()["id"].get<std::int64_t>();
        ASSERT_SB_OK(snowball_consultant_update(out.ptr(), archive_, left_consultant_, R"({"active": false})"));
    }
    void TearDown() override { snowball_archive_free(archive_); }

    // Files a customer; fails the test (and returns null) when the call fails.
    json add_customer(const json& input) {
        Out out;
        const int rc = snowball_customer_add(out.ptr(), archive_, input.dump().c_str());
        EXPECT_EQ(SNOWBALL_OK, rc) << last_error_text() << " for " << input.dump();
        return out.doc();
    }
    // Runs a call that must succeed and returns its JSON document.
    json ok(const std::function<int(char**)>& call) {
        Out out;
        const int rc = call(out.ptr());
        EXPECT_EQ(SNOWBALL_OK, rc) << last_error_text();
        return out.doc();
    }
    json info() {
        return ok([&](char** out) { return snowball_archive_info(out, archive_); });
    }
    std::int64_t customer_count() {
        return ok([&](char** out) { return snowball_customer_list(out, archive_, nullptr); })["total"].get<std::int64_t>();
    }

    TempDir dir_;
    std::string path_;
    snowball_archive* archive_ = nullptr;
    std::int64_t xh_consultant_ = 0;
    std::int64_t bj_consultant_ = 0;
    std::int64_t left_consultant_ = 0;
};

} // namespace capi_test
