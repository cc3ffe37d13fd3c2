// Every C function with NULL for each pointer parameter and with invalid arguments: each call
// returns the right negative status, the thread's last error says why (message, field, record),
// the out-parameter is NULL afterwards, and nothing is written. Also the last-error contract
// itself: never NULL, never stale, thread-local. tests/capi/check_coverage.py checks that every
// function the headers declare is called here.
#include "capi_support.hpp"

#include <climits>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

namespace {

using capi_test::ArchiveTest;
using capi_test::json;
using capi_test::last_error_text;
using capi_test::Out;
using capi_test::TempDir;

// A valid number of the default format that nobody has (check character computed by the library).
std::string unused_archive_no() {
    Out out;
    EXPECT_SB_OK(snowball_archive_no_render(out.ptr(), "{site}-{yyyy}{channel}-{seq:5}{check}", "XH", "lead", 2020,
                                            99999));
    return out.str() ? out.str() : "";
}

// The same text with its check character replaced by another valid symbol.
std::string with_wrong_check(std::string number) {
    number.back() = number.back() == '0' ? '1' : '0';
    return number;
}

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

// nlohmann::json refuses to serialise a string that is not UTF-8.
::testing::AssertionResult is_utf8(const char* text) {
    try {
        (void)json(std::string(text)).dump();
        return ::testing::AssertionSuccess();
    } catch (const json::exception&) {
        return ::testing::AssertionFailure() << "not UTF-8: " << text;
    }
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
    };
    for (const auto& [status, name] : names) {
        ASSERT_NE(nullptr, snowball_status_name(status));
        EXPECT_STREQ(name, snowball_status_name(status)) << status;
    }
    for (int unknown : {1, 2, -12, -100, INT_MAX, INT_MIN}) {
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

// ---------------------------------------------------------------------------------------------
// Opening

TEST(ArchiveOpen, NullAndInvalidArguments) {
    TempDir dir;
    const std::string path = dir.file("a.db");
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out", snowball_archive_open(nullptr, path.c_str(), nullptr));
    // The helpers' marker is a char*: set one for the snowball_archive** by hand.
    static char marker_byte;
    snowball_archive* const marker = reinterpret_cast<snowball_archive*>(&marker_byte);
    const auto fails = [&](int status, const char* field, const char* p, const char* options) {
        snowball_archive* handle = marker;
        EXPECT_TRUE(capi_test::failed_as(status, field, false,
                                         [&](char**) { return snowball_archive_open(&handle, p, options); }))
            << "path " << (p ? p : "NULL") << ", options " << (options ? options : "NULL");
        EXPECT_EQ(nullptr, handle);
        if (handle != marker) snowball_archive_free(handle);
    };
    fails(SNOWBALL_EINVALID, "path", nullptr, nullptr);
    fails(SNOWBALL_EINVALID, "path", "", nullptr);
    fails(SNOWBALL_EINVALID, "options_json", path.c_str(), "{");
    fails(SNOWBALL_EINVALID, "options_json", path.c_str(), "[]");
    fails(SNOWBALL_EINVALID, "options_json", path.c_str(), "\"create\"");
    fails(SNOWBALL_EINVALID, "options_json", path.c_str(), "{\"synchronous\": \"\xff\"}");
    fails(SNOWBALL_EINVALID, "craete", path.c_str(), R"({"craete": false})");
    fails(SNOWBALL_EINVALID, "create", path.c_str(), R"({"create": "no"})");
    fails(SNOWBALL_EINVALID, "read_only", path.c_str(), R"({"read_only": 1})");
    fails(SNOWBALL_EINVALID, "synchronous", path.c_str(), R"({"synchronous": "fast"})");
    fails(SNOWBALL_EINVALID, "busy_timeout_ms", path.c_str(), R"({"busy_timeout_ms": -1})");
    fails(SNOWBALL_EINVALID, "busy_timeout_ms", path.c_str(), R"({"busy_timeout_ms": 4294967296})");
    fails(SNOWBALL_EINVALID, "busy_timeout_ms", path.c_str(), R"({"busy_timeout_ms": 18446744073709551615})");
    fails(SNOWBALL_EINVALID, "busy_timeout_ms", path.c_str(), R"({"busy_timeout_ms": 1.5})");
    fails(SNOWBALL_EINVALID, "cache_mib", path.c_str(), R"({"cache_mib": 0})");
    fails(SNOWBALL_EINVALID, "cache_mib", path.c_str(), R"({"cache_mib": "64"})");
    // None of that created the file.
    EXPECT_FALSE(std::filesystem::exists(path));
    fails(SNOWBALL_ENOTFOUND, "path", path.c_str(), R"({"create": false})");
    fails(SNOWBALL_ENOTFOUND, "path", path.c_str(), R"({"read_only": true})");
    EXPECT_FALSE(std::filesystem::exists(path));

    // Files that are not (this version's) archives.
    fails(SNOWBALL_ENOTARCHIVE, "path", dir.write("notes.txt", std::string(4096, 'x')).c_str(), nullptr);
    fails(SNOWBALL_ESTORAGE, "path", dir.file("").c_str(), nullptr); // a directory
    fails(SNOWBALL_ESTORAGE, "path", dir.file("no-such-dir/a.db").c_str(), nullptr);

    // An archive from a newer Snowball: raise its schema version (PRAGMA user_version, bytes
    // 60-63 of the SQLite header) beyond this library's.
    snowball_archive* archive = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&archive, path.c_str(), nullptr));
    snowball_archive_free(archive);
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(60);
        const char newer[4] = {0, 0, 0x03, static_cast<char>(0xE7)}; // 999
        f.write(newer, 4);
    }
    fails(SNOWBALL_EVERSION, "path", path.c_str(), nullptr);
}

TEST(ArchiveOpen, AnotherApplicationsDatabaseIsNotAnArchive) {
    TempDir dir;
    const std::string path = dir.file("a.db");
    snowball_archive* archive = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&archive, path.c_str(), nullptr));
    snowball_archive_free(archive);
    {
        // Another application id (PRAGMA application_id, bytes 68-71).
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(68);
        const char other[4] = {0x12, 0x34, 0x56, 0x78};
        f.write(other, 4);
    }
    archive = nullptr;
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTARCHIVE, "path", snowball_archive_open(&archive, path.c_str(), nullptr));
    EXPECT_EQ(nullptr, archive);
}

TEST_F(ArchiveTest, ReadOnlyArchiveRefusesWrites) {
    snowball_archive* reader = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&reader, path_.c_str(), R"({"read_only": true})"));
    EXPECT_FAILS(SNOWBALL_ESTORAGE, "", snowball_site_add(out, reader, R"({"code": "SH", "name": "上海"})"));
    snowball_archive_free(reader);
    const json sites = ok([&](char** out) { return snowball_site_list(out, archive_); });
    EXPECT_EQ(2u, sites.size());
}

// ---------------------------------------------------------------------------------------------
// Archive, sites, consultants

TEST_F(ArchiveTest, ArchiveInfo) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_archive_info(nullptr, archive_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_archive_info(out, nullptr));
}

TEST_F(ArchiveTest, SiteAdd) {
    const char* good = R"({"code": "SH", "name": "上海"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_site_add(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_site_add(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site_json", snowball_site_add(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site_json", snowball_site_add(out, archive_, R"({"code": "SH", )"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site_json", snowball_site_add(out, archive_, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site_json", snowball_site_add(out, archive_, R"([{"code": "SH"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site_json", snowball_site_add(out, archive_, "{\"code\": \"SH\", \"name\": \"\xe4\xb8\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site_json", snowball_site_add(out, archive_, R"({"code": "SH", "name": "x"} trailing)"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "nmae", snowball_site_add(out, archive_, R"({"code": "SH", "name": "上海", "nmae": "上海"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_site_add(out, archive_, R"({"code": "SH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_site_add(out, archive_, R"({"code": "SH", "name": "  "})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_site_add(out, archive_, R"({"code": "SH", "name": 7})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "code", snowball_site_add(out, archive_, R"({"name": "上海"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "code", snowball_site_add(out, archive_, R"({"code": 12, "name": "上海"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "code", snowball_site_add(out, archive_, R"({"code": "1SH", "name": "上海"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "code", snowball_site_add(out, archive_, R"({"code": "S-H", "name": "上海"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "code", snowball_site_add(out, archive_, R"({"code": "ABCDEFGHI", "name": "上海"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format",
                 snowball_site_add(out, archive_, R"({"code": "SH", "name": "上海", "number_format": "{seq:5}{check}"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format",
                 snowball_site_add(out, archive_, R"({"code": "SH", "name": "上海", "number_format": "{site}-{seq:5}"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format",
                 snowball_site_add(out, archive_, R"({"code": "SH", "name": "上海", "number_format": "{site}-{seq:0}{check}"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format",
                 snowball_site_add(out, archive_, R"({"code": "SH", "name": "上海", "number_format": "{site}_{seq:5}{check}"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format",
                 snowball_site_add(out, archive_, R"({"code": "SH", "name": "上海", "number_format": "{site}-{week}{seq:5}{check}"})"));
    // An existing code (in any case) is a conflict naming the site.
    const json xh = ok([&](char** out) { return snowball_site_get(out, archive_, "XH"); });
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "code", snowball_site_add(out, archive_, R"({"code": "xh", "name": "又一个"})"));
    EXPECT_EQ(xh["id"].get<std::int64_t>(), snowball_error_last()->record_id);
    // Nothing was written.
    const json sites = ok([&](char** out) { return snowball_site_list(out, archive_); });
    ASSERT_EQ(2u, sites.size());
    EXPECT_EQ("BJ", sites[0]["code"]);
    EXPECT_EQ("XH", sites[1]["code"]);
    EXPECT_EQ("西湖印象售楼处", sites[1]["name"]);
}

TEST_F(ArchiveTest, SiteGetAndList) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_site_get(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_site_get(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "code", snowball_site_get(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "code", snowball_site_get(out, archive_, ""));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "code", snowball_site_get(out, archive_, "ZZ"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "code", snowball_site_get(out, archive_, "\xff"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_site_list(nullptr, archive_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_site_list(out, nullptr));
}

TEST_F(ArchiveTest, SiteUpdate) {
    const json before = ok([&](char** out) { return snowball_site_get(out, archive_, "XH"); });
    const char* good = R"({"name": "新名字"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_site_update(nullptr, archive_, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_site_update(out, nullptr, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "code", snowball_site_update(out, archive_, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_site_update(out, archive_, "XH", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_site_update(out, archive_, "XH", "{\"name\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_site_update(out, archive_, "XH", "null"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_site_update(out, archive_, "XH", "{\"name\": \"\xed\xa0\x80\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "nmae", snowball_site_update(out, archive_, "XH", R"({"nmae": "新名字"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "code", snowball_site_update(out, archive_, "XH", R"({"code": "XX"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_site_update(out, archive_, "XH", R"({"name": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_site_update(out, archive_, "XH", R"({"name": ["a"]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format",
                 snowball_site_update(out, archive_, "XH", R"({"number_format": "{site}{seq:5}{check}"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "code", snowball_site_update(out, archive_, "ZZ", good));
    EXPECT_EQ(before, ok([&](char** out) { return snowball_site_get(out, archive_, "XH"); }));
}

TEST_F(ArchiveTest, ConsultantAdd) {
    const char* good = R"({"site": "XH", "name": "陈静"})";
    const json before = ok([&](char** out) { return snowball_consultant_list(out, archive_, nullptr, 1); });
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_consultant_add(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_consultant_add(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_json", snowball_consultant_add(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_json", snowball_consultant_add(out, archive_, "{site: XH}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_json", snowball_consultant_add(out, archive_, "42"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_json",
                 snowball_consultant_add(out, archive_, "{\"site\": \"XH\", \"name\": \"\xc0\xaf\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "nmae", snowball_consultant_add(out, archive_, R"({"site": "XH", "name": "陈静", "nmae": "陈静"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_consultant_add(out, archive_, R"({"name": "陈静"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_consultant_add(out, archive_, R"({"site": " ", "name": "陈静"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_consultant_add(out, archive_, R"({"site": "ZZ", "name": "陈静"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_consultant_add(out, archive_, R"({"site": "XH", "name": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_consultant_add(out, archive_, R"({"site": "XH", "name": null})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name",
                 snowball_consultant_add(out, archive_, R"({"site": "XH", "name": "陈\u0007静"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone",
                 snowball_consultant_add(out, archive_, R"({"site": "XH", "name": "陈静", "phone": "call me"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone",
                 snowball_consultant_add(out, archive_, R"({"site": "XH", "name": "陈静", "phone": 13800138000})"));
    EXPECT_EQ(before, ok([&](char** out) { return snowball_consultant_list(out, archive_, nullptr, 1); }));
}

TEST_F(ArchiveTest, ConsultantGetListUpdate) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_consultant_get(nullptr, archive_, xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_consultant_get(out, nullptr, xh_consultant_));
    for (std::int64_t id : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{9999}, INT64_MAX, INT64_MIN})
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_consultant_get(out, archive_, id));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_consultant_list(nullptr, archive_, "XH", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_consultant_list(out, nullptr, "XH", 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_consultant_list(out, archive_, "ZZ", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_inactive", snowball_consultant_list(out, archive_, "XH", 2));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_inactive", snowball_consultant_list(out, archive_, "XH", -1));

    const json before = ok([&](char** out) { return snowball_consultant_get(out, archive_, xh_consultant_); });
    const char* good = R"({"name": "王芳芳"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_consultant_update(nullptr, archive_, xh_consultant_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_consultant_update(out, nullptr, xh_consultant_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_consultant_update(out, archive_, xh_consultant_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_consultant_update(out, archive_, xh_consultant_, "{,}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", snowball_consultant_update(out, archive_, xh_consultant_, "true"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "actve", snowball_consultant_update(out, archive_, xh_consultant_, R"({"actve": false})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_consultant_update(out, archive_, xh_consultant_, R"({"site": "BJ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "active", snowball_consultant_update(out, archive_, xh_consultant_, R"({"active": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "active", snowball_consultant_update(out, archive_, xh_consultant_, R"({"active": "no"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_consultant_update(out, archive_, xh_consultant_, R"({"name": " "})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_consultant_update(out, archive_, xh_consultant_, R"({"phone": "12"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_consultant_update(out, archive_, 9999, good));
    EXPECT_EQ(before, ok([&](char** out) { return snowball_consultant_get(out, archive_, xh_consultant_); }));
}

// ---------------------------------------------------------------------------------------------
// Customers

class CustomerInput : public ArchiveTest {
protected:
    void SetUp() override {
        ArchiveTest::SetUp();
        zhang_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"},
                               {"first_contact", "2024-03-05"}, {"filed_on", "2024-03-05"}});
        zhang_id_ = zhang_["id"].get<std::int64_t>();
    }

    // customer_add with one key of a valid input replaced (or added).
    int add_with(char** out, const char* key, const json& value) {
        // The scope of the next number expect_nothing_filed() takes: XH, call, 2024.
        json input = {{"site", "XH"},           {"channel", "call"},          {"name", "李娜"},
                      {"mobile", "13900139000"}, {"first_contact", "2024-03-06"}, {"filed_on", "2024-03-06"}};
        input[key] = value;
        const std::string text = input.dump();
        return snowball_customer_add(out, archive_, text.c_str());
    }
    void expect_nothing_filed() {
        EXPECT_EQ(1, customer_count());
        EXPECT_EQ(1, info()["customers"].get<std::int64_t>());
        // The failures took no archive numbers: the next one continues the sequence without a gap.
        const json next = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "下一位"},
                                        {"filed_on", "2024-03-06"}, {"first_contact", "2024-03-06"}});
        Out parsed;
        ASSERT_SB_OK(snowball_archive_no_parse(parsed.ptr(), next["archive_no"].get<std::string>().c_str(), nullptr));
        EXPECT_EQ(2, parsed.doc()["sequence"]);
    }

    json zhang_;
    std::int64_t zhang_id_ = 0;
};

TEST_F(CustomerInput, AddNullArguments) {
    const char* good = R"({"site": "XH", "channel": "lead", "name": "李娜"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_add(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_add(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, nullptr));
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddMalformedOrMisshapenJson) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, R"({"site": "XH", "channel": )"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, R"({'site': 'XH'})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json",
                 snowball_customer_add(out, archive_, R"([{"site": "XH", "channel": "lead", "name": "李娜"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, R"("李娜")"));
    // Invalid UTF-8 inside a JSON string: a lone continuation byte, a truncated sequence, an
    // overlong form, an escaped lone surrogate.
    for (const char* bad : {"\x80", "\xe5\xbc", "\xc0\x80", "\xf4\x90\x80\x80"}) {
        const std::string text = std::string(R"({"site": "XH", "channel": "lead", "name": "李)") + bad + "\"}";
        EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, text.c_str()));
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json",
                 snowball_customer_add(out, archive_, R"({"site": "XH", "channel": "lead", "name": "\ud800"})"));
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddUnknownKeysAreNeverIgnored) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "moblie", add_with(out, "moblie", "13900139000"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", add_with(out, "stage", "owner"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", add_with(out, "archive_no", "XH-2024C-00009X"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "id", add_with(out, "id", 5));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0].nubmer", add_with(out, "phones", json::array({{{"number", "01065521234"}, {"nubmer", "01065521234"}}})));
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddWrongTypes) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add_with(out, "name", 42));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", add_with(out, "site", json::array({"XH"})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", 13900139000LL));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add_with(out, "consultant_id", "1"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add_with(out, "consultant_id", 1.5));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add_with(out, "consultant_id", true));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones", add_with(out, "phones", "01065521234"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0]", add_with(out, "phones", json::array({"01065521234"})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0].number", add_with(out, "phones", json::array({{{"kind", "home"}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", add_with(out, "first_contact", 20240305));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", add_with(out, "note", json::object()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", add_with(out, "tier", 1));
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddUnknownEnumValues) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", add_with(out, "channel", "phone"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", add_with(out, "channel", ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "gender", add_with(out, "gender", "x"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", add_with(out, "tier", "gold"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0].kind",
                 add_with(out, "phones", json::array({{{"kind", "fax"}, {"number", "01065521234"}}})));
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddInvalidValues) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", add_with(out, "site", ""));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", add_with(out, "site", "ZZ"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add_with(out, "name", "   "));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add_with(out, "name", std::string(51 * 3, 'a')));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add_with(out, "name", "李\n娜"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", "12345"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", "1380013800"));      // 10 digits
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", "12800138000"));     // 12x is no mobile
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", "010-65521234"));    // a landline
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", "138OO138000"));     // letters O
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0]",
                 add_with(out, "phones", json::array({{{"kind", "home"}, {"number", "6552"}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0]",   // the mobile listed again
                 add_with(out, "phones", json::array({{{"kind", "other"}, {"number", "139 0013 9000"}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", add_with(out, "first_contact", "2024-02-30"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", add_with(out, "first_contact", "2024/03/05"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", add_with(out, "first_contact", "2999-01-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", add_with(out, "first_contact", "24-03-05"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "filed_on", add_with(out, "filed_on", "2024-13-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", add_with(out, "note", std::string(2001, 'n')));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", add_with(out, "consultant_id", 9999));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add_with(out, "consultant_id", json::parse("9223372036854775808")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add_with(out, "consultant_id", bj_consultant_));
    EXPECT_FAILS(SNOWBALL_ESTATE, "consultant_id", add_with(out, "consultant_id", left_consultant_));
    EXPECT_EQ(left_consultant_, snowball_error_last()->record_id);
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddAPhoneAlreadyOnFileIsAConflictNamingTheCustomer) {
    for (const char* same : {"13800138000", "+86 138-0013-8000", "0086 13800138000", "138 0013 8000"}) {
        EXPECT_FAILS(SNOWBALL_ECONFLICT, "mobile", add_with(out, "mobile", same));
        EXPECT_EQ(zhang_id_, snowball_error_last()->record_id);
        EXPECT_NE(nullptr, std::strstr(snowball_error_last()->message, zhang_["archive_no"].get<std::string>().c_str()));
    }
    // Also when it is among the other phones.
    json input = {{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"},
                  {"phones", json::array({{{"kind", "office"}, {"number", "13800138000"}}})}};
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "phones[0]", snowball_customer_add(out, archive_, input.dump().c_str()));
    EXPECT_EQ(zhang_id_, snowball_error_last()->record_id);
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddManyIsAllOrNothing) {
    const char* good = R"([{"site": "XH", "channel": "lead", "name": "李娜"}])";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_add_many(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_add_many(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers_json", snowball_customer_add_many(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers_json", snowball_customer_add_many(out, archive_, "[{]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers_json",
                 snowball_customer_add_many(out, archive_, R"({"site": "XH", "channel": "lead", "name": "李娜"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers[1]",
                 snowball_customer_add_many(out, archive_, R"([{"site": "XH", "channel": "lead", "name": "李娜"}, 7])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers[1].moblie",
                 snowball_customer_add_many(out, archive_,
                                            R"([{"site": "XH", "channel": "lead", "name": "李娜"},
                                                {"site": "XH", "channel": "lead", "name": "周杰", "moblie": "13700137000"}])"));
    // A bad second customer: the first is not filed either.
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers[1].mobile",
                 snowball_customer_add_many(out, archive_,
                                            R"([{"site": "XH", "channel": "lead", "name": "李娜", "mobile": "13900139000"},
                                                {"site": "XH", "channel": "lead", "name": "周杰", "mobile": "1370013"}])"));
    EXPECT_NE(nullptr, std::strstr(snowball_error_last()->message, "customers[1]"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customers[1].site",
                 snowball_customer_add_many(out, archive_,
                                            R"([{"site": "XH", "channel": "lead", "name": "李娜"},
                                                {"site": "ZZ", "channel": "lead", "name": "周杰"}])"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "customers[1].mobile",
                 snowball_customer_add_many(out, archive_,
                                            R"([{"site": "XH", "channel": "lead", "name": "李娜"},
                                                {"site": "XH", "channel": "lead", "name": "周杰", "mobile": "13800138000"}])"));
    EXPECT_EQ(zhang_id_, snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "customers[1].mobile",   // twice in one batch
                 snowball_customer_add_many(out, archive_,
                                            R"([{"site": "XH", "channel": "lead", "name": "李娜", "mobile": "13900139000"},
                                                {"site": "XH", "channel": "lead", "name": "周杰", "mobile": "13900139000"}])"));
    expect_nothing_filed();
}

TEST_F(CustomerInput, GetAndRemove) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_get(nullptr, archive_, zhang_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_get(out, nullptr, zhang_id_));
    for (std::int64_t id : {std::int64_t{0}, std::int64_t{-5}, std::int64_t{424242}, INT64_MAX})
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_customer_get(out, archive_, id));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_customer_remove(nullptr, zhang_id_));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "id", snowball_customer_remove(archive_, 424242));
    // An owner cannot be removed.
    Out deal;
    ASSERT_SB_OK(snowball_deal_record(deal.ptr(), archive_, zhang_id_,
                                      R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-04-01"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ESTATE, "id", snowball_customer_remove(archive_, zhang_id_));
    EXPECT_EQ(zhang_id_, snowball_error_last()->record_id);
    const json still = ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); });
    EXPECT_EQ("张伟", still["name"]);
    EXPECT_EQ("owner", still["stage"]);
    // A removed customer is gone for every lookup.
    ASSERT_SB_OK(snowball_deal_cancel(deal.ptr(), archive_, deal.doc()["id"].get<std::int64_t>(), "退房"));
    ASSERT_SB_OK(snowball_customer_remove(archive_, zhang_id_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_customer_get(out, archive_, zhang_id_));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "id", snowball_customer_remove(archive_, zhang_id_));
}

TEST_F(CustomerInput, Update) {
    const json other = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}, {"mobile", "13900139000"}});
    const json before = ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); });
    const auto update = [&](char** out, const char* doc) { return snowball_customer_update(out, archive_, zhang_id_, doc); };
    const char* good = R"({"tier": "vip"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_update(nullptr, archive_, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_update(out, nullptr, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "{\"tier\": vip}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "{\"note\": \"\xff\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "moblie", update(out, R"({"moblie": "13700137000"})"));
    // The channel, site, archive number and stage never change through an update.
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", update(out, R"({"channel": "visit"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", update(out, R"({"site": "BJ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", update(out, R"({"archive_no": "XH-2024C-00002X"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", update(out, R"({"stage": "owner"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", update(out, R"({"tier": "gold"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", update(out, R"({"tier": true})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "gender", update(out, R"({"gender": "?"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", update(out, R"({"name": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", update(out, R"({"mobile": "555"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones", update(out, R"({"phones": {"kind": "home"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", update(out, R"({"consultant_id": "王芳"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", update(out, R"({"consultant_id": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", update(out, R"({"first_contact": "2999-12-31"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", update(out, R"({"first_contact": "yesterday"})"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "mobile", update(out, R"({"mobile": "139-0013-9000"})"));
    EXPECT_EQ(other["id"].get<std::int64_t>(), snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_customer_update(out, archive_, 424242, good));
    EXPECT_EQ(before, ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); }));
}

TEST_F(CustomerInput, Lookups) {
    const std::string unused = unused_archive_no();
    ASSERT_FALSE(unused.empty());
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_by_archive_no(nullptr, archive_, unused.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_by_archive_no(out, nullptr, unused.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", snowball_customer_by_archive_no(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", snowball_customer_by_archive_no(out, archive_, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no",
                 snowball_customer_by_archive_no(out, archive_, with_wrong_check(zhang_["archive_no"]).c_str()));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "", snowball_customer_by_archive_no(out, archive_, unused.c_str()));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_by_phone(nullptr, archive_, "13800138000", "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_by_phone(out, nullptr, "13800138000", "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_by_phone(out, archive_, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_by_phone(out, archive_, "", "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_by_phone(out, archive_, "call me", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_by_phone(out, archive_, "138\xff", nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "", snowball_customer_by_phone(out, archive_, "13700137000", "XH"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "", snowball_customer_by_phone(out, archive_, "13700137000", nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "", snowball_customer_by_phone(out, archive_, "13800138000", "BJ"));
    // An unknown site is not "nobody with this phone": the error names the site.
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_customer_by_phone(out, archive_, "13800138000", "ZZ"));
    // On file at two sites, and no site named: a conflict naming one of them.
    const json bj = add_customer({{"site", "BJ"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "site", snowball_customer_by_phone(out, archive_, "13800138000", nullptr));
    const std::int64_t named = snowball_error_last()->record_id;
    EXPECT_TRUE(named == zhang_id_ || named == bj["id"].get<std::int64_t>()) << named;

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_find_by_phone(nullptr, archive_, "13800138000"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_find_by_phone(out, nullptr, "13800138000"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_find_by_phone(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_find_by_phone(out, archive_, "+"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_find_by_phone(out, archive_, "+86 12"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_find_by_name(nullptr, archive_, "张", nullptr, 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_find_by_name(out, nullptr, "张", nullptr, 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "prefix", snowball_customer_find_by_name(out, archive_, nullptr, nullptr, 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "prefix", snowball_customer_find_by_name(out, archive_, " ", nullptr, 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "prefix", snowball_customer_find_by_name(out, archive_, "\xe5\xbc", nullptr, 10));
    for (int limit : {0, -1, 1001, INT_MAX, INT_MIN})
        EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_customer_find_by_name(out, archive_, "张", nullptr, limit));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_customer_find_by_name(out, archive_, "张", "ZZ", 10));
}

TEST_F(CustomerInput, List) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_list(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_list(out, nullptr, nullptr));
    const auto list = [&](char** out, const char* query) { return snowball_customer_list(out, archive_, query); };
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", list(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", list(out, "[\"XH\"]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", list(out, "{\"name_prefix\": \"\xe5\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stie", list(out, R"({"stie": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "page", list(out, R"({"page": 2})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": "10"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 10001})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 4294967297})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 2.5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", list(out, R"({"offset": -1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", list(out, R"({"offset": 18446744073709551615})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", list(out, R"({"channel": "walk-in"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", list(out, R"({"stage": "buyer"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", list(out, R"({"tier": "VVIP"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", list(out, R"({"consultant_id": "1"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact_from", list(out, R"({"first_contact_from": "2024-3-5"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact_to", list(out, R"({"first_contact_to": "2024-04-31"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact_from",
                 list(out, R"({"first_contact_from": "2024-05-01", "first_contact_to": "2024-04-01"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", list(out, R"({"site": "ZZ"})"));
}

TEST_F(CustomerInput, Reassign) {
    ASSERT_SB_OK(snowball_customer_update(Out().ptr(), archive_, zhang_id_,
                                          ("{\"consultant_id\": " + std::to_string(xh_consultant_) + "}").c_str()));
    Out other;
    ASSERT_SB_OK(snowball_consultant_add(other.ptr(), archive_, R"({"site": "XH", "name": "陈静"})"));
    const std::int64_t chen = other.doc()["id"].get<std::int64_t>();

    // The int64_t out-parameter is set to 0 before any failure.
    const auto reassign_fails = [&](int status, const char* field, snowball_archive* a, std::int64_t from,
                                    std::int64_t to) {
        std::int64_t moved = 77;
        EXPECT_TRUE(capi_test::failed_as(status, field, false,
                                         [&](char**) { return snowball_customer_reassign(&moved, a, from, to); }));
        EXPECT_EQ(0, moved);
    };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_moved", snowball_customer_reassign(nullptr, archive_, xh_consultant_, chen));
    reassign_fails(SNOWBALL_EINVALID, "archive", nullptr, xh_consultant_, chen);
    reassign_fails(SNOWBALL_ENOTFOUND, "from_consultant", archive_, 9999, chen);
    reassign_fails(SNOWBALL_ENOTFOUND, "to_consultant", archive_, xh_consultant_, 9999);
    reassign_fails(SNOWBALL_EINVALID, "to_consultant", archive_, xh_consultant_, bj_consultant_);
    reassign_fails(SNOWBALL_ESTATE, "to_consultant", archive_, xh_consultant_, left_consultant_);
    const json still = ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); });
    EXPECT_EQ(xh_consultant_, still["consultant_id"]);
}

TEST_F(CustomerInput, Visits) {
    const auto visit = [&](char** out, const char* doc) { return snowball_visit_record(out, archive_, zhang_id_, doc); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_visit_record(nullptr, archive_, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_visit_record(out, nullptr, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "visit_json", visit(out, "{\"date\": }"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "visit_json", visit(out, "\"2024-04-01\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "visit_json", visit(out, "{\"note\": \"\xf8\x88\x80\x80\x80\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "dtae", visit(out, R"({"dtae": "2024-04-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", visit(out, R"({"date": 20240401})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", visit(out, R"({"date": "2024-04-00"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", visit(out, R"({"date": "2999-04-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", visit(out, R"({"date": "2024-03-04"})"));   // before the first contact
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", visit(out, R"({"consultant_id": "王芳"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", visit(out, R"({"consultant_id": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id",
                 visit(out, ("{\"consultant_id\": " + std::to_string(bj_consultant_) + "}").c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", visit(out, R"({"note": 1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_visit_record(out, archive_, 424242, nullptr));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_visit_list(nullptr, archive_, zhang_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_visit_list(out, nullptr, zhang_id_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_visit_list(out, archive_, 424242));

    // Nothing was logged and the customer is still a prospect.
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_visit_list(out, archive_, zhang_id_); }));
    EXPECT_EQ("prospect", ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); })["stage"]);
}

TEST_F(CustomerInput, Deals) {
    const auto deal = [&](char** out, const char* doc) { return snowball_deal_record(out, archive_, zhang_id_, doc); };
    const char* good = R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-04-01"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_record(nullptr, archive_, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_record(out, nullptr, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deal_json", deal(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deal_json", deal(out, R"({"unit": "3-1-1201",})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deal_json", deal(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deal_json", deal(out, "{\"unit\": \"3-1-1201\xc1\", \"area\": 1, \"price\": 1}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "untt", deal(out, R"({"untt": "3-1-1201", "unit": "3-1-1201", "area": 89.5, "price": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "unit", deal(out, R"({"area": 89.5, "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "unit", deal(out, R"({"unit": "", "area": 89.5, "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "area", deal(out, R"({"unit": "3-1-1201", "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "area", deal(out, R"({"unit": "3-1-1201", "area": "89.5", "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "area", deal(out, R"({"unit": "3-1-1201", "area": 0, "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "area", deal(out, R"({"unit": "3-1-1201", "area": -89.5, "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "area", deal(out, R"({"unit": "3-1-1201", "area": 1e300, "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "price", deal(out, R"({"unit": "3-1-1201", "area": 89.5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "price", deal(out, R"({"unit": "3-1-1201", "area": 89.5, "price": -1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "price", deal(out, R"({"unit": "3-1-1201", "area": 89.5, "price": 1e13})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", deal(out, R"({"unit": "3-1-1201", "area": 89.5, "price": 1, "date": "2999-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", deal(out, R"({"unit": "3-1-1201", "area": 89.5, "price": 1, "date": "01/04/2024"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id",
                 deal(out, R"({"unit": "3-1-1201", "area": 89.5, "price": 1, "consultant_id": 9999})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_deal_record(out, archive_, 424242, good));
    // Nothing recorded: no deal, still a prospect, nobody in the closed-deal archive.
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_deal_list(out, archive_, zhang_id_); }));
    EXPECT_EQ("prospect", ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); })["stage"]);
    EXPECT_EQ(0, ok([&](char** out) { return snowball_deal_archive(out, archive_, nullptr); })["total"]);

    // A unit already sold at the site is a conflict naming the deal.
    const json sold = ok([&](char** out) { return deal(out, good); });
    const json li = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}, {"first_contact", "2024-01-01"}});
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "unit", snowball_deal_record(out, archive_, li["id"].get<std::int64_t>(), good));
    EXPECT_EQ(sold["id"].get<std::int64_t>(), snowball_error_last()->record_id);
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_deal_list(out, archive_, li["id"].get<std::int64_t>()); }));

    const std::int64_t deal_id = sold["id"].get<std::int64_t>();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_cancel(nullptr, archive_, deal_id, "退房"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_cancel(out, nullptr, deal_id, "退房"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_deal_cancel(out, archive_, deal_id, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_deal_cancel(out, archive_, deal_id, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_deal_cancel(out, archive_, deal_id, "\xff"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", snowball_deal_cancel(out, archive_, 424242, "退房"));
    EXPECT_FALSE(ok([&](char** out) { return snowball_deal_get(out, archive_, deal_id); })["cancelled"].get<bool>());
    ASSERT_SB_OK(snowball_deal_cancel(Out().ptr(), archive_, deal_id, "退房"));
    EXPECT_FAILS(SNOWBALL_ESTATE, "deal_id", snowball_deal_cancel(out, archive_, deal_id, "again"));
    EXPECT_EQ(deal_id, snowball_error_last()->record_id);

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_get(nullptr, archive_, deal_id));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_get(out, nullptr, deal_id));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", snowball_deal_get(out, archive_, 424242));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_list(nullptr, archive_, zhang_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_list(out, nullptr, zhang_id_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_deal_list(out, archive_, 424242));
}

TEST_F(CustomerInput, DealArchive) {
    const auto query = [&](char** out, const char* q) { return snowball_deal_archive(out, archive_, q); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_archive(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_archive(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", query(out, "{\"site\": \"XH\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", query(out, "1"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", query(out, "{\"site\": \"\xe4\xb8\xad\xe4\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "form", query(out, R"({"form": "2024-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", query(out, R"({"from": "2024-01-32"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", query(out, R"({"from": "2024-02-01", "to": "2024-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_cancelled", query(out, R"({"include_cancelled": "yes"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", query(out, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", query(out, R"({"limit": 10001})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", query(out, R"({"offset": -3})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", query(out, R"({"consultant_id": [1]})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", query(out, R"({"site": "ZZ"})"));
}

// ---------------------------------------------------------------------------------------------
// Lead import

class LeadInput : public CustomerInput {
protected:
    static constexpr const char* csv = "姓名,手机\n李娜,13900139000\n周杰,13700137000\n";

    int import(char** out, const char* options, const std::string& data = csv) {
        return snowball_lead_import_data(out, archive_, data.data(), data.size(), options, nullptr, nullptr);
    }
};

TEST_F(LeadInput, ImportDataNullArguments) {
    const std::string data = csv;
    const char* options = R"({"site": "XH"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json",
                        snowball_lead_import_data(nullptr, archive_, data.data(), data.size(), options, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive",
                 snowball_lead_import_data(out, nullptr, data.data(), data.size(), options, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "data", snowball_lead_import_data(out, archive_, nullptr, 10, options, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "data", snowball_lead_import_data(out, archive_, nullptr, 0, options, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json",
                 snowball_lead_import_data(out, archive_, data.data(), data.size(), nullptr, nullptr, nullptr));
    expect_nothing_filed();
}

TEST_F(LeadInput, ImportOptions) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json", import(out, "{\"site\" \"XH\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json", import(out, "[\"XH\"]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json", import(out, "{\"site\": \"X\xffH\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "encodign", import(out, R"({"site": "XH", "encodign": "gb18030"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", import(out, R"({"channel": "lead"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", import(out, R"({"site": 1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", import(out, R"({"site": "ZZ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", import(out, R"({"site": "XH", "channel": "web"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "encoding", import(out, R"({"site": "XH", "encoding": "latin-1"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "delimiter", import(out, R"({"site": "XH", "delimiter": "|"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "delimiter", import(out, R"({"site": "XH", "delimiter": ",,"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "delimiter", import(out, R"({"site": "XH", "delimiter": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "progress_every", import(out, R"({"site": "XH", "progress_every": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "progress_every", import(out, R"({"site": "XH", "progress_every": -10})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "dry_run", import(out, R"({"site": "XH", "dry_run": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "all_or_nothing", import(out, R"({"site": "XH", "all_or_nothing": "true"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", import(out, R"({"site": "XH", "consultant_id": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id",
                 import(out, ("{\"site\": \"XH\", \"consultant_id\": " + std::to_string(bj_consultant_) + "}").c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mapping", import(out, R"({"site": "XH", "mapping": ["姓名"]})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mapping.姓名", import(out, R"({"site": "XH", "mapping": {"姓名": 1}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mapping", import(out, R"({"site": "XH", "mapping": {"姓名": "nmae"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mapping", import(out, R"({"site": "XH", "mapping": {"客户": "name"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mapping",   // maps only the mobile: no name column left
                 import(out, R"({"site": "XH", "mapping": {"手机": "mobile"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mapping",
                 import(out, R"({"site": "XH", "mapping": {"姓名": "name", "手机": "name"}})"));
    expect_nothing_filed();
}

TEST_F(LeadInput, ImportUnreadableData) {
    const char* options = R"({"site": "XH"})";
    EXPECT_FAILS(SNOWBALL_EINVALID, "data", import(out, options, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mapping", import(out, options, "手机,备注\n13900139000,x\n"));   // no name column
    // Declared GB18030 but not: a lead byte followed by a byte no GB18030 character has.
    EXPECT_FAILS(SNOWBALL_EINVALID, "encoding", import(out, R"({"site": "XH", "encoding": "gb18030"})", "姓名\n\x81\x20\n"));
    // UTF-16 must carry its byte-order mark.
    EXPECT_FAILS(SNOWBALL_EINVALID, "encoding", import(out, R"({"site": "XH", "encoding": "utf-16"})", csv));
    expect_nothing_filed();
}

TEST_F(LeadInput, ImportFile) {
    const std::string path = dir_.write("leads.csv", csv);
    const char* options = R"({"site": "XH"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json",
                        snowball_lead_import_file(nullptr, archive_, path.c_str(), options, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_lead_import_file(out, nullptr, path.c_str(), options, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "path", snowball_lead_import_file(out, archive_, nullptr, options, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json",
                 snowball_lead_import_file(out, archive_, path.c_str(), nullptr, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json",
                 snowball_lead_import_file(out, archive_, path.c_str(), "{site: XH}", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "siet",
                 snowball_lead_import_file(out, archive_, path.c_str(), R"({"site": "XH", "siet": "XH"})", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "path",
                 snowball_lead_import_file(out, archive_, dir_.file("missing.csv").c_str(), options, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "data",
                 snowball_lead_import_file(out, archive_, dir_.write("empty.csv", "").c_str(), options, nullptr, nullptr));
    expect_nothing_filed();
}

// ---------------------------------------------------------------------------------------------
// Profile templates, profiles, family members, the briefing

class ProfileInput : public CustomerInput {
protected:
    void SetUp() override {
        CustomerInput::SetUp();
        ASSERT_SB_OK(snowball_profile_set(archive_, zhang_id_, R"({"position": "经理", "drinking": ["wine"]})", 0));
    }
    json profile() { return ok([&](char** out) { return snowball_profile_get(out, archive_, zhang_id_, nullptr); }); }
    json history() { return ok([&](char** out) { return snowball_profile_history(out, archive_, zhang_id_, nullptr); }); }
    json versions() { return ok([&](char** out) { return snowball_template_versions(out, archive_, "XH"); }); }
    json family() { return ok([&](char** out) { return snowball_family_list(out, archive_, zhang_id_); }); }
};

TEST(ProfileTemplates, DefaultNullOut) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_template_default(nullptr));
}

TEST_F(ProfileInput, TemplateGetAndVersions) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_template_get(nullptr, archive_, "XH", -1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_template_get(out, nullptr, "XH", -1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_template_get(out, archive_, nullptr, -1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_template_get(out, archive_, "", -1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_template_get(out, archive_, "ZZ", -1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "version", snowball_template_get(out, archive_, "XH", 1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "version", snowball_template_get(out, archive_, "XH", INT_MAX));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_template_versions(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_template_versions(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_template_versions(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_template_versions(out, archive_, "ZZ"));
}

TEST_F(ProfileInput, TemplateEditIsAllOrNothing) {
    const auto edit = [&](char** out, const char* edits) {
        return snowball_template_edit(out, archive_, "XH", edits, 0, nullptr);
    };
    const char* good = R"([{"op": "hide", "key": "health"}])";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_template_edit(nullptr, archive_, "XH", good, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_template_edit(out, nullptr, "XH", good, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_template_edit(out, archive_, nullptr, good, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_template_edit(out, archive_, "ZZ", good, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits_json", edit(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits_json", edit(out, "[{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits_json", edit(out, R"({"op": "hide", "key": "health"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits_json", edit(out, "[{\"op\": \"hide\", \"key\": \"\xff\"}]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits", edit(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0]", edit(out, R"(["hide"])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].op", edit(out, R"([{"key": "health"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].op", edit(out, R"([{"op": "delete", "key": "health"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].kye", edit(out, R"([{"op": "hide", "kye": "health"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].key", edit(out, R"([{"op": "hide"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].key", edit(out, R"([{"op": "hide", "key": 22}])"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "edits[1].key",
                 edit(out, R"([{"op": "hide", "key": "health"}, {"op": "hide", "key": "no_such_field"}])"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "edits[0].after", edit(out, R"([{"op": "move", "key": "health", "after": "nowhere"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field", edit(out, R"([{"op": "add_field"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field", edit(out, R"([{"op": "add_field", "field": "pets"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.type",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "integer"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.label",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "type": "text"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.bound_to",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "text", "bound_to": "mobile"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.section",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "hobbies", "label": "宠物", "type": "text"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.options",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "single_choice"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.options[0].label",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "single_choice", "options": [{"key": "cat"}]}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.weight",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "text", "weight": "heavy"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].field.sensitivity",
                 edit(out, R"([{"op": "add_field", "field": {"key": "pets", "section": "lifestyle", "label": "宠物", "type": "text", "sensitivity": "secret"}}])"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "edits[0].field.key",
                 edit(out, R"([{"op": "add_field", "field": {"key": "mobile", "section": "basic", "label": "手机", "type": "phone"}}])"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "edits[0].options",
                 edit(out, R"([{"op": "extend_options", "key": "ideal_residence", "options": [{"key": "unit_design", "label": "户型"}]}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].options",
                 edit(out, R"([{"op": "extend_options", "key": "ideal_residence", "options": {"key": "x"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].key",
                 edit(out, R"([{"op": "extend_options", "key": "health", "options": [{"key": "ok", "label": "好"}]}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].weight", edit(out, R"([{"op": "set_weight", "key": "health"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].weight", edit(out, R"([{"op": "set_weight", "key": "health", "weight": "2"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].weight", edit(out, R"([{"op": "set_weight", "key": "health", "weight": -1}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].in_briefing", edit(out, R"([{"op": "set_in_briefing", "key": "health"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].in_briefing",
                 edit(out, R"([{"op": "set_in_briefing", "key": "health", "in_briefing": 1}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].label", edit(out, R"([{"op": "add_section", "key": "investment"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "edits[0].label.fr",
                 edit(out, R"([{"op": "add_section", "key": "investment", "label": {"fr": "Investissement"}}])"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "edits[0].key", edit(out, R"([{"op": "add_section", "key": "basic", "label": "基本"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_template_edit(out, archive_, "XH", good, -1, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_template_edit(out, archive_, "XH", good, 9999, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_template_edit(out, archive_, "XH", good, 0, "\xe5\xbc"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note",
                 snowball_template_edit(out, archive_, "XH", good, 0, std::string(501, 'n').c_str()));
    // Nothing was written: still the default template.
    EXPECT_EQ(1u, versions().size());
    const json t = ok([&](char** out) { return snowball_template_get(out, archive_, "XH", -1); });
    EXPECT_EQ(0, t["version"]);
    EXPECT_EQ(42u, t["fields"].size());
    for (const json& f : t["fields"]) EXPECT_FALSE(f["hidden"].get<bool>()) << f["key"];
}

TEST_F(ProfileInput, ProfileSetWritesNothingOnError) {
    const json before = profile();
    const json before_history = history();
    const auto set = [&](const char* values) { return snowball_profile_set(archive_, zhang_id_, values, 0); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_profile_set(nullptr, zhang_id_, "{}", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set(nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set("{\"position\": "));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set(R"(["position", "总经理"])"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set("{\"position\": \"\xc0\xaf\"}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values", set("{}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "favourite_colour", set(R"({"favourite_colour": "红"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "position", set(R"({"position": {"title": "总经理"}})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "position", set(R"({"position": 42})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "drinking", set(R"({"drinking": [1, 2]})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "drinking", set(R"({"drinking": ["wine", "威士忌"]})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "marital_status", set(R"({"marital_status": ["married"]})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "cares_about_neighbours", set(R"({"cares_about_neighbours": "maybe"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "home_phone", set(R"({"home_phone": "6552"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "mobile", set(R"({"mobile": "010-65521234"})"));
    // The third value (in key order) is bad: none of the four is written.
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "drinking",
                        set(R"({"position": "总经理", "car_brand": "宝马", "drinking": "威士忌", "dress_style": "休闲"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "customer_id", snowball_profile_set(archive_, 424242, R"({"position": "x"})", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "by", snowball_profile_set(archive_, zhang_id_, R"({"position": "x"})", -1));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "by", snowball_profile_set(archive_, zhang_id_, R"({"position": "x"})", 9999));
    // A phone another customer has is a conflict naming them.
    const json li = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}, {"mobile", "13900139000"}});
    EXPECT_FAILS_NO_OUT(SNOWBALL_ECONFLICT, "mobile", set(R"({"mobile": "139 0013 9000"})"));
    EXPECT_EQ(li["id"].get<std::int64_t>(), snowball_error_last()->record_id);
    // A hidden field cannot be set.
    ASSERT_SB_OK(snowball_template_edit(Out().ptr(), archive_, "XH", R"([{"op": "hide", "key": "plate_number"}])", 0, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ESTATE, "plate_number", set(R"({"plate_number": "浙A12345"})"));
    EXPECT_EQ(before["values"], profile()["values"]);
    EXPECT_EQ(before_history, history());
    EXPECT_EQ("13800138000", ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); })["mobile"]);
}

TEST_F(ProfileInput, ProfileSetTextAndSetMany) {
    const json before = profile();
    const auto set_text = [&](const char* values) { return snowball_profile_set_text(archive_, zhang_id_, values, 0); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_profile_set_text(nullptr, zhang_id_, "{}", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set_text(nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set_text("[]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values_json", set_text("{\"drinking\": \"\xff\"}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "values", set_text("{}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "cares_about_neighbours", set_text(R"({"cares_about_neighbours": true})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "drinking", set_text(R"({"drinking": ["红酒"]})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "drinking", set_text(R"({"position": "总经理", "drinking": "红酒、威士忌"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "cares_about_neighbours", set_text(R"({"cares_about_neighbours": "也许"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "nope", set_text(R"({"nope": "x"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "customer_id", snowball_profile_set_text(archive_, 424242, R"({"position": "x"})", 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "by", snowball_profile_set_text(archive_, zhang_id_, R"({"position": "x"})", -7));

    const auto many = [&](const std::string& updates) { return snowball_profile_set_many(archive_, updates.c_str(), 0); };
    const std::string id = std::to_string(zhang_id_);
    const std::string good = "[{\"customer_id\": " + id + ", \"values\": {\"position\": \"总经理\"}}]";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_profile_set_many(nullptr, good.c_str(), 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates_json", snowball_profile_set_many(archive_, nullptr, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates_json", many("[{]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates_json", many("{\"customer_id\": " + id + "}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0]", many("[7]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0].customer_id", many(R"([{"values": {"position": "x"}}])"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0].customer_id", many(R"([{"customer_id": "1", "values": {}}])"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0].values", many("[{\"customer_id\": " + id + "}]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0].values", many("[{\"customer_id\": " + id + ", \"values\": [1]}]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[0].vlaues", many("[{\"customer_id\": " + id + ", \"vlaues\": {}}]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "updates[1].drinking",
                        many("[{\"customer_id\": " + id + ", \"values\": {\"position\": \"总经理\"}}, {\"customer_id\": " + id +
                             ", \"values\": {\"drinking\": \"威士忌\"}}]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "updates[1].customer_id",
                        many("[{\"customer_id\": " + id +
                             ", \"values\": {\"position\": \"总经理\"}}, {\"customer_id\": 424242, \"values\": {\"position\": \"x\"}}]"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "by", snowball_profile_set_many(archive_, good.c_str(), 9999));
    EXPECT_EQ(before["values"], profile()["values"]);
}

TEST_F(ProfileInput, ProfileReads) {
    const auto get = [&](char** out, const char* options) { return snowball_profile_get(out, archive_, zhang_id_, options); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_profile_get(nullptr, archive_, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_get(out, nullptr, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_profile_get(out, archive_, 424242, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json", get(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json", get(out, "\"en\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "lang", get(out, R"({"lang": "en"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "language", get(out, R"({"language": "fr"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "language", get(out, R"({"language": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "as_of", get(out, R"({"as_of": "2024-02-30"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "as_of", get(out, R"({"as_of": 20240201})"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_profile_history(nullptr, archive_, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_history(out, nullptr, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_profile_history(out, archive_, 424242, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "field", snowball_profile_history(out, archive_, zhang_id_, "no_such_field"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_profile_completeness(nullptr, archive_, zhang_id_, 3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_completeness(out, nullptr, zhang_id_, 3));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_profile_completeness(out, archive_, 424242, 3));
    for (int ask_next : {-1, 101, INT_MIN, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "ask_next", snowball_profile_completeness(out, archive_, zhang_id_, ask_next));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_profile_site_completeness(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_site_completeness(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_profile_site_completeness(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_profile_site_completeness(out, archive_, "ZZ"));

    const auto distribution = [&](char** out, const char* query) { return snowball_profile_distribution(out, archive_, query); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json",
                        snowball_profile_distribution(nullptr, archive_, R"({"field": "drinking", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_profile_distribution(out, nullptr, R"({"field": "drinking", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", distribution(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", distribution(out, "{\"field\": "));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", distribution(out, "[\"drinking\"]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "feild", distribution(out, R"({"feild": "drinking", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "field", distribution(out, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", distribution(out, R"({"field": "drinking"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", distribution(out, R"({"field": "drinking", "site": "ZZ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "field", distribution(out, R"({"field": "health", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "field", distribution(out, R"({"field": "no_such_field", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", distribution(out, R"({"field": "drinking", "site": "XH", "from": "2024-13-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", distribution(out, R"({"field": "drinking", "site": "XH", "to": 2024})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from",
                 distribution(out, R"({"field": "drinking", "site": "XH", "from": "2024-05-01", "to": "2024-04-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "language", distribution(out, R"({"field": "drinking", "site": "XH", "language": "de"})"));
}

TEST_F(ProfileInput, FamilyMembers) {
    const auto add = [&](char** out, const char* member) { return snowball_family_add(out, archive_, zhang_id_, member); };
    const char* good = R"({"relation": "spouse", "name": "李娜"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_family_add(nullptr, archive_, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_family_add(out, nullptr, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "member_json", add(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "member_json", add(out, "{\"relation\": \"spouse\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "member_json", add(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "member_json", add(out, "{\"relation\": \"spouse\", \"name\": \"\xe6\x9d\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "nmae", add(out, R"({"relation": "spouse", "nmae": "李娜"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "relation", add(out, R"({"name": "李娜"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "relation", add(out, R"({"relation": "cousin", "name": "李娜"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "relation", add(out, R"({"relation": 1, "name": "李娜"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add(out, R"({"relation": "spouse"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add(out, R"({"relation": "spouse", "name": " "})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "gender", add(out, R"({"relation": "spouse", "name": "李娜", "gender": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", add(out, R"({"relation": "spouse", "name": "李娜", "phone": "12"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "closest", add(out, R"({"relation": "spouse", "name": "李娜", "closest": "yes"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "school", add(out, R"({"relation": "spouse", "name": "李娜", "school": ["a"]})"));
    for (const char* birthday : {R"("1985-02-30")", R"("1985/06/15")", R"("--13-01")", R"("lunar:2021-L04-10")",
                                 R"("2999-01-01")", R"(19850615)", R"({"month": 6, "day": 31})",
                                 R"({"lunar": true, "year": 2021, "month": 4, "day": 10, "leap_month": true})",
                                 R"({"lunar": false, "month": 6, "day": 15, "leap_month": true})"}) {
        const std::string member = std::string(R"({"relation": "spouse", "name": "李娜", "birthday": )") + birthday + "}";
        EXPECT_FAILS(SNOWBALL_EINVALID, "birthday", add(out, member.c_str())) << birthday;
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday.month", add(out, R"({"relation": "spouse", "name": "李娜", "birthday": {"day": 15}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday.day", add(out, R"({"relation": "spouse", "name": "李娜", "birthday": {"month": 6}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday.mnoth",
                 add(out, R"({"relation": "spouse", "name": "李娜", "birthday": {"mnoth": 6, "day": 1}})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_family_add(out, archive_, 424242, good));
    EXPECT_EQ(json::array(), family());

    const json wife = ok([&](char** out) { return add(out, good); });
    const std::int64_t id = wife["id"].get<std::int64_t>();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_family_get(nullptr, archive_, id));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_family_get(out, nullptr, id));
    for (std::int64_t bad : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{424242}, INT64_MAX})
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_family_get(out, archive_, bad));

    const auto update = [&](char** out, const char* doc) { return snowball_family_update(out, archive_, id, doc); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_family_update(nullptr, archive_, id, R"({"name": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_family_update(out, nullptr, id, R"({"name": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "{name}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "3"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "id", update(out, R"({"id": 5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_id", update(out, R"({"customer_id": 5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", update(out, R"({"name": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "relation", update(out, R"({"relation": "uncle"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday", update(out, R"({"birthday": "--02-30"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "closest", update(out, R"({"closest": 1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_family_update(out, archive_, 424242, R"({"name": "x"})"));
    EXPECT_EQ(wife, ok([&](char** out) { return snowball_family_get(out, archive_, id); }));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_family_remove(nullptr, id));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "id", snowball_family_remove(archive_, 424242));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_family_list(nullptr, archive_, zhang_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_family_list(out, nullptr, zhang_id_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_family_list(out, archive_, 424242));
    EXPECT_EQ(1u, family().size());
}

TEST_F(ProfileInput, Briefing) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_briefing_by_phone(nullptr, archive_, "13800138000", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_briefing_by_phone(out, nullptr, "13800138000", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_briefing_by_phone(out, archive_, nullptr, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_briefing_by_phone(out, archive_, "", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_briefing_by_phone(out, archive_, "call me", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_briefing_by_phone(out, archive_, "138\xff", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "language", snowball_briefing_by_phone(out, archive_, "13800138000", nullptr, "fr"));
    // Nobody with the phone, and an unknown site, are both "not found" — told apart by the field.
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "phone", snowball_briefing_by_phone(out, archive_, "13700137000", nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "phone", snowball_briefing_by_phone(out, archive_, "13800138000", "BJ", nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_briefing_by_phone(out, archive_, "13800138000", "ZZ", nullptr));
    const json bj = add_customer({{"site", "BJ"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "site", snowball_briefing_by_phone(out, archive_, "13800138000", nullptr, nullptr));
    const std::int64_t named = snowball_error_last()->record_id;
    EXPECT_TRUE(named == zhang_id_ || named == bj["id"].get<std::int64_t>()) << named;

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_briefing_get(nullptr, archive_, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_briefing_get(out, nullptr, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_briefing_get(out, archive_, 424242, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "language", snowball_briefing_get(out, archive_, zhang_id_, "klingon"));
}

TEST_F(CustomerInput, Birthdays) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday", add_with(out, "birthday", "1985-02-30"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday", add_with(out, "birthday", "lunar:2021-L04-10"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday", add_with(out, "birthday", 19850615));
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday.month", add_with(out, "birthday", json{{"day", 15}}));
    expect_nothing_filed();
    const json before = ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); });
    EXPECT_FAILS(SNOWBALL_EINVALID, "birthday",
                 snowball_customer_update(out, archive_, zhang_id_, R"({"birthday": "2999-01-01"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by",
                 snowball_customer_update(out, archive_, zhang_id_, R"({"gender": "female", "by": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by",
                 snowball_customer_update(out, archive_, zhang_id_, R"({"gender": "female", "by": "王芳"})"));
    EXPECT_EQ(before, ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); }));
}

// ---------------------------------------------------------------------------------------------
// The Chinese calendar and working days (no archive needed)

TEST(Calendar, ToLunar) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_calendar_to_lunar(nullptr, "2026-09-25"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_calendar_to_lunar(out, nullptr));
    for (const char* bad : {"", "2026-9-25", "2026/09/25", "2026-02-29", "2026-13-01", "20260925", "2026-09-25T00:00",
                            "1900-01-30", "2101-01-01", "1899-12-31", "0000-01-01", "2026-09-25\xff", "\xe4\xb8"})
        EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_calendar_to_lunar(out, bad)) << bad;
}

TEST(Calendar, ToGregorian) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_date", snowball_calendar_to_gregorian(nullptr, 2026, 8, 15, 0));
    for (int leap : {-1, 2, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "leap", snowball_calendar_to_gregorian(out, 2026, 8, 15, leap)) << leap;
    for (int year : {1899, 2101, 0, -2026, INT_MIN, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "year", snowball_calendar_to_gregorian(out, year, 1, 1, 0)) << year;
    for (int month : {0, 13, -1, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "month", snowball_calendar_to_gregorian(out, 2026, month, 1, 0)) << month;
    // No leap month 4 in 2021; 2023 repeats the 2nd month only.
    EXPECT_FAILS(SNOWBALL_EINVALID, "month", snowball_calendar_to_gregorian(out, 2021, 4, 15, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "month", snowball_calendar_to_gregorian(out, 2023, 3, 1, 1));
    for (int day : {0, 31, -1, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "day", snowball_calendar_to_gregorian(out, 2026, 8, day, 0)) << day;
    // Day 30 of a 29-day month (lunar 2021, 8th month) does not exist.
    EXPECT_FAILS(SNOWBALL_EINVALID, "day", snowball_calendar_to_gregorian(out, 2021, 8, 30, 0));
    // Past the range's end: lunar 2100, 12th month, day 2 is 2101-01-01.
    EXPECT_FAILS(SNOWBALL_EINVALID, "day", snowball_calendar_to_gregorian(out, 2100, 12, 2, 0));
}

TEST(Calendar, SolarTerm) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_date", snowball_calendar_solar_term(nullptr, 2026, "qingming"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_calendar_solar_term(out, 2026, nullptr));
    for (const char* bad : {"", "QingMing", "qing ming", "清明", "tomb_sweeping", "qingming\xff"})
        EXPECT_FAILS(SNOWBALL_EINVALID, "name", snowball_calendar_solar_term(out, 2026, bad)) << bad;
    for (int year : {1899, 2101, 0, INT_MIN, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "year", snowball_calendar_solar_term(out, year, "qingming")) << year;
}

TEST(Calendar, Festivals) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_calendar_festivals(nullptr, 2026));
    for (int year : {1900, 2101, 0, -1, INT_MIN, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "year", snowball_calendar_festivals(out, year)) << year;
}

TEST(Workdays, WithoutAnArchive) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_workdays_add(nullptr, nullptr, "2025-09-30", 3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_add(out, nullptr, nullptr, 3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_add(out, nullptr, "2025-09-31", 3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_add(out, nullptr, "30/09/2025", 3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_add(out, nullptr, "1899-12-31", 3));
    for (int n : {-1, INT_MIN})
        EXPECT_FAILS(SNOWBALL_EINVALID, "n", snowball_workdays_add(out, nullptr, "2025-09-30", n)) << n;
    // A result past 2100-12-31.
    EXPECT_FAILS(SNOWBALL_EINVALID, "n", snowball_workdays_add(out, nullptr, "2100-12-01", 100));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_workdays_between(nullptr, nullptr, "2025-01-01", "2025-12-31"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_workdays_between(out, nullptr, nullptr, "2025-12-31"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_workdays_between(out, nullptr, "2025-01-01", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_workdays_between(out, nullptr, "2025-00-01", "2025-12-31"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_workdays_between(out, nullptr, "2025-01-01", "2025-12-32"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_workdays_between(out, nullptr, "2025-01-01", "2101-01-01"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_workdays_day(nullptr, nullptr, "2025-10-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_day(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_day(out, nullptr, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_day(out, nullptr, "2101-01-01"));

    // Loading needs an archive to load into.
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_workdays_load(nullptr, nullptr, "2027-01-01 off 元旦"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_workdays_load(out, nullptr, "2027-01-01 off 元旦"));
}

// ---------------------------------------------------------------------------------------------
// The care calendar

class CareInput : public ArchiveTest {
protected:
    void SetUp() override {
        ArchiveTest::SetUp();
        zhang_id_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"tier", "vip"},
                                  {"consultant_id", xh_consultant_}, {"birthday", "1980-09-22"},
                                  {"first_contact", "2020-01-06"}, {"filed_on", "2020-01-06"}})["id"];
        ok([&](char** out) {
            return snowball_deal_record(out, archive_, zhang_id_, R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-05-10"})");
        });
        const json tasks = ok([&](char** out) {
            return snowball_care_agenda(out, archive_, R"({"from": "2026-09-20", "to": "2026-09-23", "site": "XH"})");
        });
        EXPECT_EQ(1u, tasks.size());
        task_id_ = tasks.empty() ? 0 : tasks[0]["id"].get<std::int64_t>();
    }

    json settings(const char* site = "XH") {
        return ok([&](char** out) { return snowball_care_settings(out, archive_, site); });
    }
    json task() {
        return ok([&](char** out) { return snowball_care_task_get(out, archive_, task_id_); });
    }

    std::int64_t zhang_id_ = 0;
    std::int64_t task_id_ = 0;
};

TEST_F(CareInput, Settings) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_settings(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_settings(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_settings(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_settings(out, archive_, "ZZ"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_settings(out, archive_, ""));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_settings(out, archive_, "X\xff"));
    EXPECT_TRUE(is_utf8(snowball_error_last()->message));
}

TEST_F(CareInput, SetFestivalsIsAllOrNothing) {
    const json before = settings();
    const auto set = [&](char** out, const char* doc) { return snowball_care_set_festivals(out, archive_, "XH", doc); };
    const char* good = R"([{"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"}])";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_set_festivals(nullptr, archive_, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_set_festivals(out, nullptr, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_set_festivals(out, archive_, nullptr, good));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_set_festivals(out, archive_, "ZZ", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals_json", set(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals_json", set(out, "[{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals_json", set(out, R"({"key": "owners_day"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals_json", set(out, "[{\"key\": \"a\", \"name_zh\": \"\xff\", \"date\": \"gregorian:06-18\"}]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0]", set(out, "[7]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].kye",
                 set(out, R"([{"kye": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].key", set(out, R"([{"name_zh": "业主节", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].key",
                 set(out, R"([{"key": "Owners Day", "name_zh": "业主节", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].key", set(out, R"([{"key": 7, "name_zh": "业主节", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].name_zh", set(out, R"([{"key": "owners_day", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].name_zh",
                 set(out, R"([{"key": "owners_day", "name_zh": " ", "date": "gregorian:06-18"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].date", set(out, R"([{"key": "owners_day", "name_zh": "业主节"}])"));
    for (const char* date : {"gregorian:06-31", "gregorian:13-01", "lunar:08-31", "lunar_last:13", "weekday:05-6-sun",
                             "weekday:05-2-sunday", "solar_term:tomb", "06-18", "easter"}) {
        const std::string doc = std::string(R"([{"key": "owners_day", "name_zh": "业主节", "date": ")") + date + "\"}]";
        EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].date", set(out, doc.c_str())) << date;
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[0].enabled",
                 set(out, R"([{"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18", "enabled": "yes"}])"));
    // The second entry is bad: the first is not stored either. A repeated key is refused.
    EXPECT_FAILS(SNOWBALL_EINVALID, "festivals[1].date",
                 set(out, R"([{"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"},
                              {"key": "open_day", "name_zh": "开放日", "date": "gregorian:02-30"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "key",
                 set(out, R"([{"key": "owners_day", "name_zh": "业主节", "date": "gregorian:06-18"},
                              {"key": "owners_day", "name_zh": "开放日", "date": "gregorian:06-19"}])"));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, SetPolicyIsAllOrNothing) {
    const json before = settings();
    const auto set = [&](char** out, const char* doc) { return snowball_care_set_policy(out, archive_, "XH", doc); };
    const char* good = R"([{"occasion": "festival", "festival": "spring_festival", "stage": "prospect", "action": "sms", "channel": "sms"}])";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_set_policy(nullptr, archive_, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_set_policy(out, nullptr, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_set_policy(out, archive_, nullptr, good));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_set_policy(out, archive_, "ZZ", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy_json", set(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy_json", set(out, "[{]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy_json", set(out, R"({"occasion": "festival"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0]", set(out, R"(["call"])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].ocasion", set(out, R"([{"ocasion": "festival", "action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].occasion", set(out, R"([{"action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].occasion", set(out, R"([{"occasion": "holiday", "action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].tier", set(out, R"([{"occasion": "birthday", "tier": "gold", "action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].stage", set(out, R"([{"occasion": "birthday", "stage": "lead", "action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].action", set(out, R"([{"occasion": "birthday", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].action", set(out, R"([{"occasion": "birthday", "action": "Send SMS", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].channel", set(out, R"([{"occasion": "birthday", "action": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].channel", set(out, R"([{"occasion": "birthday", "action": "sms", "channel": "fax"}])"));
    for (const char* lead : {"-1", "61", "1.5", "\"2\"", "true", "1e10"}) {
        const std::string doc = std::string(R"([{"occasion": "birthday", "action": "sms", "channel": "sms", "lead_days": )") + lead + "}]";
        EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].lead_days", set(out, doc.c_str())) << lead;
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].festival",
                 set(out, R"([{"occasion": "birthday", "festival": "mid_autumn", "action": "sms", "channel": "sms"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].label",
                 set(out, R"([{"occasion": "birthday", "action": "sms", "channel": "sms", "label": "two\nlines"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[0].label.fr",
                 set(out, R"([{"occasion": "birthday", "action": "sms", "channel": "sms", "label": {"fr": "Appel"}}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy[1].channel",
                 set(out, R"([{"occasion": "birthday", "action": "sms", "channel": "sms"},
                              {"occasion": "festival", "action": "call", "channel": "pigeon"}])"));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, SetOccasionsIsAllOrNothing) {
    const json before = settings();
    const auto set = [&](char** out, const char* doc) { return snowball_care_set_occasions(out, archive_, "XH", doc); };
    const char* good = R"({"follow_up": "7d,30d"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_set_occasions(nullptr, archive_, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_set_occasions(out, nullptr, "XH", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_care_set_occasions(out, archive_, nullptr, good));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_care_set_occasions(out, archive_, "ZZ", good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions_json", set(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions_json", set(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions_json", set(out, R"(["7d"])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_ups", set(out, R"({"follow_ups": "7d"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_up", set(out, R"({"follow_up": 7})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_up", set(out, R"({"follow_up": ["7d"]})"));
    for (const char* cadence : {"7", "0d", "6m*,7d", "3661d", "121m", "7d,,30d", "一周"}) {
        const std::string doc = std::string(R"({"follow_up": ")") + cadence + "\"}";
        EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.follow_up", set(out, doc.c_str())) << cadence;
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.leap_month_birthdays_twice", set(out, R"({"leap_month_birthdays_twice": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "occasions.deal_anniversaries", set(out, R"({"deal_anniversaries": "no"})"));
    EXPECT_EQ(before, settings());
}

TEST_F(CareInput, Agenda) {
    const json before = task();
    const auto agenda = [&](char** out, const char* query) { return snowball_care_agenda(out, archive_, query); };
    const char* good = R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_agenda(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_agenda(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", agenda(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", agenda(out, "{\"from\": "));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", agenda(out, R"(["2026-09-20", "2026-09-30"])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", agenda(out, "{\"from\": \"2026-09-20\", \"to\": \"2026-09-30\", \"site\": \"\xff\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "form", agenda(out, R"({"form": "2026-09-20", "to": "2026-09-30", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", agenda(out, R"({"to": "2026-09-30", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", agenda(out, R"({"from": "2026-09-20", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", agenda(out, R"({"from": "2026-09-31", "to": "2026-09-30", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", agenda(out, R"({"from": 20260920, "to": "2026-09-30", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", agenda(out, R"({"from": "2026-09-20", "to": "30.09.2026", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", agenda(out, R"({"from": "2026-09-30", "to": "2026-09-20", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", agenda(out, R"({"from": "2026-01-01", "to": "2027-01-02", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", agenda(out, R"({"from": "1900-01-01", "to": "1900-02-01", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", agenda(out, R"({"from": "2100-12-01", "to": "2101-01-01", "site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30", "site": 1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30", "site": "ZZ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id",
                 agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30", "consultant_id": "王芳"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id",
                 agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30", "consultant_id": 9999})"));
    const std::string other_site = R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH", "consultant_id": )" +
                                   std::to_string(bj_consultant_) + "}";
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", agenda(out, other_site.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_closed",
                 agenda(out, R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH", "include_closed": "yes"})"));
    EXPECT_EQ(before, task());
}

TEST_F(CareInput, TaskGetCompleteSkipReopen) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_task_get(nullptr, archive_, task_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_task_get(out, nullptr, task_id_));
    for (std::int64_t bad : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{424242}, INT64_MAX, INT64_MIN})
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "task_id", snowball_care_task_get(out, archive_, bad)) << bad;

    const json before = task();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_task_complete(nullptr, archive_, task_id_, "已致电", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_task_complete(out, nullptr, task_id_, "已致电", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_care_task_complete(out, archive_, task_id_, nullptr, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_care_task_complete(out, archive_, task_id_, "", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_care_task_complete(out, archive_, task_id_, " \t", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_care_task_complete(out, archive_, task_id_, "a\nb", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "outcome", snowball_care_task_complete(out, archive_, task_id_, "\xe5\xb7", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_care_task_complete(out, archive_, task_id_, "已致电", "\xff", 0));
    const std::string long_note(2001, 'x');
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", snowball_care_task_complete(out, archive_, task_id_, "已致电", long_note.c_str(), 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_care_task_complete(out, archive_, task_id_, "已致电", nullptr, -1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_care_task_complete(out, archive_, task_id_, "已致电", nullptr, 9999));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "task_id", snowball_care_task_complete(out, archive_, 424242, "已致电", nullptr, 0));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_task_skip(nullptr, archive_, task_id_, "出差", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_task_skip(out, nullptr, task_id_, "出差", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_care_task_skip(out, archive_, task_id_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_care_task_skip(out, archive_, task_id_, "", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_care_task_skip(out, archive_, task_id_, "\xff", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_care_task_skip(out, archive_, task_id_, "出差", INT64_MIN));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_care_task_skip(out, archive_, task_id_, "出差", 9999));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "task_id", snowball_care_task_skip(out, archive_, -5, "出差", 0));

    // An open task cannot be reopened.
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_task_reopen(nullptr, archive_, task_id_, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_task_reopen(out, nullptr, task_id_, 0));
    EXPECT_FAILS(SNOWBALL_ESTATE, "task_id", snowball_care_task_reopen(out, archive_, task_id_, 0));
    EXPECT_EQ(task_id_, snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "task_id", snowball_care_task_reopen(out, archive_, 424242, 0));
    EXPECT_EQ(before, task());

    // A done task cannot be completed or skipped again; reopening checks `by`.
    ASSERT_SB_OK(snowball_care_task_complete(Out().ptr(), archive_, task_id_, "已致电", nullptr, xh_consultant_));
    const json done = task();
    EXPECT_FAILS(SNOWBALL_ESTATE, "task_id", snowball_care_task_complete(out, archive_, task_id_, "again", nullptr, 0));
    EXPECT_EQ(task_id_, snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_ESTATE, "task_id", snowball_care_task_skip(out, archive_, task_id_, "again", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_care_task_reopen(out, archive_, task_id_, -1));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_care_task_reopen(out, archive_, task_id_, 9999));
    EXPECT_EQ(done, task());
}

TEST_F(CareInput, Overdue) {
    const auto overdue = [&](char** out, const char* query) { return snowball_care_overdue(out, archive_, query); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_care_overdue(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_overdue(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", overdue(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", overdue(out, "\"2026-10-01\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", overdue(out, R"({"date": "2026-10-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", overdue(out, R"({"on": "2026-10-32"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "on", overdue(out, R"({"on": 20261001})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", overdue(out, R"({"on": "2026-10-01", "site": "ZZ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", overdue(out, R"({"on": "2026-10-01", "site": ["XH"]})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", overdue(out, R"({"on": "2026-10-01", "consultant_id": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", overdue(out, R"({"on": "2026-10-01", "consultant_id": 1.5})"));
}

TEST_F(CareInput, ExportIcs) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_ics", snowball_care_export_ics(nullptr, archive_, "2026-09-20", "2026-09-30", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_care_export_ics(out, nullptr, "2026-09-20", "2026-09-30", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_care_export_ics(out, archive_, nullptr, "2026-09-30", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_export_ics(out, archive_, "2026-09-20", nullptr, xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_care_export_ics(out, archive_, "2026-9-20", "2026-09-30", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_export_ics(out, archive_, "2026-09-20", "2026-09-31", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_export_ics(out, archive_, "2026-09-30", "2026-09-20", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_export_ics(out, archive_, "2026-01-01", "2027-06-01", xh_consultant_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "to", snowball_care_export_ics(out, archive_, "2100-12-01", "2101-01-01", xh_consultant_));
    for (std::int64_t bad : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{9999}, INT64_MAX})
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id",
                     snowball_care_export_ics(out, archive_, "2026-09-20", "2026-09-30", bad)) << bad;
}

TEST_F(CareInput, WorkdaysWithAnArchive) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_add(out, archive_, "2025-13-01", 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "n", snowball_workdays_add(out, archive_, "2025-09-30", -3));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", snowball_workdays_between(out, archive_, "x", "2025-12-31"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", snowball_workdays_day(out, archive_, "2025-02-29"));
    const json published = ok([&](char** out) { return snowball_workdays_day(out, archive_, "2027-02-08"); });
    EXPECT_FALSE(published["published"].get<bool>());
    const auto load = [&](char** out, const char* text) { return snowball_workdays_load(out, archive_, text); };
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", load(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", load(out, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", load(out, "# nothing but a comment\n"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "line 2", load(out, "2027-02-08 off 春节\n2027-02-09 rest 春节\n"));
    EXPECT_NE(std::string::npos, std::string(snowball_error_last()->message).find("rest")) << last_error_text();
    EXPECT_FAILS(SNOWBALL_EINVALID, "line 1", load(out, "2027-02-10 work 春节\n"));   // a Wednesday
    EXPECT_FAILS(SNOWBALL_EINVALID, "line 1", load(out, "2027-02-30 off 春节\n"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "line 1", load(out, "2027-02-08 off \xff\n"));
    EXPECT_TRUE(is_utf8(snowball_error_last()->message));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_workdays_load(nullptr, archive_, "2027-02-08 off 春节\n"));
    EXPECT_EQ(published, ok([&](char** out) { return snowball_workdays_day(out, archive_, "2027-02-08"); }));
}

// ---------------------------------------------------------------------------------------------
// Numbers without an archive

TEST(Numbering, Validate) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "text", snowball_archive_no_validate(nullptr));
    Out rendered;
    ASSERT_SB_OK(snowball_archive_no_render(rendered.ptr(), "{site}-{yyyy}{channel}-{seq:5}{check}", "XH", "call", 2026, 42));
    const std::string good = rendered.str();
    ASSERT_SB_OK(snowball_archive_no_validate(good.c_str()));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate(""));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("X"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate(with_wrong_check(good).c_str()));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("XH_2026C_00042W"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("XH-2026C-00042-"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("西湖-2026C-00042W"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_validate("XH-2026C-\xff"));
    // Every single changed character and every swap of two adjacent different characters is caught.
    const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";
    for (std::size_t i = 0; i < good.size(); ++i) {
        for (char c : alphabet) {
            if (c == good[i] || (i + 1 == good.size() && c == '-')) continue;
            std::string typo = good;
            typo[i] = c;
            EXPECT_NE(SNOWBALL_OK, snowball_archive_no_validate(typo.c_str())) << typo;
        }
        if (i + 1 < good.size() && good[i] != good[i + 1]) {
            std::string swapped = good;
            std::swap(swapped[i], swapped[i + 1]);
            EXPECT_NE(SNOWBALL_OK, snowball_archive_no_validate(swapped.c_str())) << swapped;
        }
    }
}

TEST(Numbering, Parse) {
    Out rendered;
    ASSERT_SB_OK(snowball_archive_no_render(rendered.ptr(), "{site}-{yyyy}{channel}-{seq:5}{check}", "XH", "lead", 2025, 7));
    const std::string good = rendered.str();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_archive_no_parse(nullptr, good.c_str(), nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_archive_no_parse(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_parse(out, "", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_parse(out, with_wrong_check(good).c_str(), nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format", snowball_archive_no_parse(out, good.c_str(), "{seq:5}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format", snowball_archive_no_parse(out, good.c_str(), ""));
    // A valid number of another format.
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", snowball_archive_no_parse(out, good.c_str(), "{site}-{yy}-{seq:8}{check}"));
}

TEST(Numbering, Render) {
    const char* format = "{site}-{yyyy}{channel}-{seq:5}{check}";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out", snowball_archive_no_render(nullptr, format, "XH", "call", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "format", snowball_archive_no_render(out, nullptr, "XH", "call", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_archive_no_render(out, format, nullptr, "call", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", snowball_archive_no_render(out, format, "XH", nullptr, 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", snowball_archive_no_render(out, format, "XH", "phone", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format", snowball_archive_no_render(out, "{site}{seq:5}{check}", "XH", "call", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "number_format", snowball_archive_no_render(out, "{site}-{seq:13}{check}", "XH", "call", 2026, 1));
    // The site code is checked as sites.add checks it, and named after this function's parameter.
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_archive_no_render(out, format, "1X", "call", 2026, 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_archive_no_render(out, format, "", "call", 2026, 1));
    for (int year : {1899, 10000, 0, -2026, INT_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "year", snowball_archive_no_render(out, format, "XH", "call", year, 1));
    for (std::int64_t sequence : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1000000000000}, INT64_MAX})
        EXPECT_FAILS(SNOWBALL_EINVALID, "sequence", snowball_archive_no_render(out, format, "XH", "call", 2026, sequence));
}

TEST(Numbering, PhoneNormalize) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_phone_normalize(nullptr, "13800138000"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_phone_normalize(out, nullptr));
    for (const char* bad : {"", "   ", "abc", "138-0013-800", "12345678901", "+", "+1 23", "0086", "6552 1234",
                            "010-6552", "13800138000 ext 5", "\xe5\xbc", "1380013800\xff"})
        EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_phone_normalize(out, bad)) << bad;
}

} // namespace
