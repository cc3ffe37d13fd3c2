// Every C function of snowball/common.h with NULL and invalid arguments, and the last-error contract
// itself: never NULL, never stale, thread-local, UTF-8 even when the input is not. Every bad-input
// test checks that each call returns the right negative status, the thread's last error says why
// (message, field, record), the out-parameter is NULL afterwards, and nothing is written.
// tests/capi/check_coverage.py checks that every function the headers declare is called in a
// bad-input test.
#include "capi_support.hpp"
#include "bad_input_fixture.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <string>
#include <thread>

namespace {

using namespace capi_test;

// ---------------------------------------------------------------------------------------------
// The last error itself

TEST(LastError, IsNeverNullAndStartsClear) {
    std::thread([] {
        const snowball_error* e = snowball_error_last();
        ASSERT_NE(nullptr, e);
        EXPECT_EQ(SNOWBALL_OK, e->status);
        ASSERT_NE(nullptr, e->message);
        EXPECT_STREQ("", e->message);
        ASSERT_NE(nullptr, e->field);
        EXPECT_STREQ("", e->field);
        EXPECT_EQ(0, e->record_id);
    }).join();
}

TEST(LastError, IsClearedByTheNextSuccessfulCall) {
    Out result;
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_phone_normalize(out, "no digits"));
    ASSERT_NE(nullptr, snowball_error_last());
    EXPECT_STRNE("", snowball_error_last()->message);
    EXPECT_SB_OK(snowball_phone_normalize(result.ptr(), "138 0013 8000"));
    const snowball_error* e = snowball_error_last();
    ASSERT_NE(nullptr, e);
    EXPECT_EQ(SNOWBALL_OK, e->status);
    EXPECT_STREQ("", e->message);
    EXPECT_STREQ("", e->field);
    EXPECT_EQ(0, e->record_id);
}

TEST_F(ArchiveTest, AConflictRecordIdIsNotCarriedIntoTheNextError) {
    const json first = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "mobile",
                 snowball_customer_add(out, archive_, R"({"site":"XH","channel":"call","name":"李四","mobile":"13800138000"})"));
    EXPECT_EQ(first["id"].get<std::int64_t>(), snowball_error_last()->record_id);
    // The next failure is another error, without the old record or field.
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_customer_get(out, archive_, 424242));
    EXPECT_EQ(0, snowball_error_last()->record_id);
}

TEST_F(ArchiveTest, ArchiveFreeClearsTheLastError) {
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_customer_get(out, archive_, 424242));
    snowball_archive_free(nullptr);
    EXPECT_EQ(SNOWBALL_OK, snowball_error_last()->status);
    EXPECT_STREQ("", snowball_error_last()->message);
}

TEST(LastError, IsThreadLocal) {
    // An error here is not seen by another thread...
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_phone_normalize(out, "abc"));
    const std::string mine = snowball_error_last()->message;
    std::thread([] {
        EXPECT_EQ(SNOWBALL_OK, snowball_error_last()->status);
        EXPECT_STREQ("", snowball_error_last()->message);
        // ...and that thread's own error and success do not touch this one.
        Out other;
        EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "text", snowball_archive_no_validate(nullptr));
        EXPECT_SB_OK(snowball_phone_normalize(other.ptr(), "13800138000"));
    }).join();
    EXPECT_EQ(SNOWBALL_EINVALID, snowball_error_last()->status);
    EXPECT_EQ("phone", std::string(snowball_error_last()->field));
    EXPECT_EQ(mine, snowball_error_last()->message);
}

TEST(LastError, MessagesAreUtf8EvenWhenTheInputIsNot) {
    // Messages echo the input; malformed bytes must not reach the caller.
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("XH-\xff\xfe-1"));
    EXPECT_TRUE(is_utf8(snowball_error_last()->message));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("\xe4\xb8"));
    EXPECT_TRUE(is_utf8(snowball_error_last()->message));
    TempDir dir;
    snowball_archive* archive = nullptr;
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "options_json",
                        snowball_archive_open(&archive, dir.file("a.db").c_str(), "{\"synchronous\": \"\xc3\x28\"}"));
    EXPECT_TRUE(is_utf8(snowball_error_last()->message));
}

TEST(Common, StatusNames) {
    const std::pair<int, const char*> names[] = {
        {SNOWBALL_OK, "ok"},
        {SNOWBALL_ERROR, "error"},
        {SNOWBALL_EINVALID, "invalid_argument"},
        {SNOWBALL_ENOTFOUND, "not_found"},
        {SNOWBALL_ECONFLICT, "conflict"},
        {SNOWBALL_EBUSY, "busy"},
        {SNOWBALL_ENOTARCHIVE, "not_archive"},
        {SNOWBALL_EVERSION, "version"},
        {SNOWBALL_ESTORAGE, "storage"},
        {SNOWBALL_ENOMEM, "no_memory"},
        {SNOWBALL_ECANCELLED, "cancelled"},
        {SNOWBALL_ESTATE, "invalid_state"},
        {SNOWBALL_ECONSENT, "consent_required"},
        {SNOWBALL_EFORBIDDEN, "forbidden"},
    };
    for (const auto& [status, name] : names) {
        ASSERT_NE(nullptr, snowball_status_name(status));
        EXPECT_STREQ(name, snowball_status_name(status)) << status;
    }
    for (int unknown : {1, 2, -14, -100, INT_MAX, INT_MIN}) {
        ASSERT_NE(nullptr, snowball_status_name(unknown));
        EXPECT_STREQ("unknown", snowball_status_name(unknown)) << unknown;
    }
}

TEST(Common, FreeFunctionsAcceptNull) {
    snowball_string_free(nullptr);
    snowball_archive_free(nullptr);
    EXPECT_EQ(SNOWBALL_OK, snowball_error_last()->status);
}

TEST(Common, RuntimeVersionMatchesTheHeader) {
    ASSERT_NE(nullptr, snowball_version());
    EXPECT_STREQ(SNOWBALL_VERSION, snowball_version());
    EXPECT_EQ(SNOWBALL_VERSION_NUMBER, snowball_version_number());
    EXPECT_EQ(SNOWBALL_VERSION_MAJOR * 10000 + SNOWBALL_VERSION_MINOR * 100 + SNOWBALL_VERSION_PATCH,
              snowball_version_number());
    const std::string expected = std::to_string(SNOWBALL_VERSION_MAJOR) + "." + std::to_string(SNOWBALL_VERSION_MINOR) +
                                 "." + std::to_string(SNOWBALL_VERSION_PATCH);
    EXPECT_EQ(expected, snowball_version());
}

} // namespace
