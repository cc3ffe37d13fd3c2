// Every C function of snowball/archive.h with NULL for each pointer parameter and with invalid
// arguments: opening (and another application's database), a read-only archive, the archive's info,
// sites and consultants. tests/capi/check_coverage.py checks that every function the headers declare is called in a
// bad-input test.
#include "capi_support.hpp"
#include "bad_input_fixture.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace {

using namespace capi_test;

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
    // A code that cannot be one is bad input, not an unknown site.
    EXPECT_FAILS(SNOWBALL_EINVALID, "code", snowball_site_get(out, archive_, "\xff"));
    // Codes are looked up as they are filed: full-width forms, blanks and case do not matter.
    Out xh;
    EXPECT_SB_OK(snowball_site_get(xh.ptr(), archive_, " \xef\xbc\xb8\xef\xbc\xa8 "));
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

} // namespace
