// The C API's happy paths (snowball/common.h, snowball/archive.h): the version and strings, opening,
// sites and consultants, and one handle shared between threads; the JSON documents checked key by
// key and value by value as the header comments describe them.
#include "capi_support.hpp"
#include "documents.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace capi_test;

// ---------------------------------------------------------------------------------------------
// Common

TEST(CApi, VersionAndStrings) {
    EXPECT_STREQ(SNOWBALL_VERSION, snowball_version());
    EXPECT_EQ(SNOWBALL_VERSION_NUMBER, snowball_version_number());
    // A string the library returns is the caller's, freed with snowball_string_free.
    char* text = nullptr;
    ASSERT_SB_OK(snowball_phone_normalize(&text, "138 0013 8000"));
    ASSERT_NE(nullptr, text);
    EXPECT_EQ(SNOWBALL_OK, snowball_error_last()->status);
    snowball_string_free(text);
}

// ---------------------------------------------------------------------------------------------
// Opening and the archive

TEST(CApi, OpenCreatesReopensAndReadsOnly) {
    TempDir dir;
    const std::string path = dir.file("office.db");
    snowball_archive* archive = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&archive, path.c_str(),
                                       R"({"create": true, "read_only": false, "busy_timeout_ms": 5000, "synchronous": "normal"})"));
    ASSERT_NE(nullptr, archive);
    Out out;
    ASSERT_SB_OK(snowball_archive_info(out.ptr(), archive));
    json info = out.doc();
    EXPECT_EQ((std::set<std::string>{"path", "schema_version", "library_version", "sites", "consultants", "customers",
                                     "owners"}),
              keys_of(info));
    EXPECT_EQ(path, info["path"]);
    EXPECT_EQ(SNOWBALL_VERSION, info["library_version"]);
    EXPECT_GE(info["schema_version"].get<int>(), 1);
    for (const char* count : {"sites", "consultants", "customers", "owners"}) EXPECT_EQ(0, info[count]) << count;
    ASSERT_SB_OK(snowball_site_add(out.ptr(), archive, R"({"code": "XH", "name": "西湖印象售楼处"})"));
    snowball_archive_free(archive);
    EXPECT_TRUE(std::filesystem::exists(path));

    // Reopened: the site is still there; a second handle on the same file works alongside.
    archive = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&archive, path.c_str(), R"({"create": false})"));
    snowball_archive* reader = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&reader, path.c_str(), R"({"read_only": true})"));
    ASSERT_SB_OK(snowball_site_get(out.ptr(), reader, "XH"));
    EXPECT_EQ("西湖印象售楼处", out.doc()["name"]);
    ASSERT_SB_OK(snowball_archive_info(out.ptr(), reader));
    EXPECT_EQ(1, out.doc()["sites"]);
    ASSERT_SB_OK(snowball_archive_info(out.ptr(), archive));
    EXPECT_EQ(info["schema_version"], out.doc()["schema_version"]);
    snowball_archive_free(reader);
    snowball_archive_free(archive);
}

// ---------------------------------------------------------------------------------------------
// Sites and consultants

TEST_F(ArchiveTest, Sites) {
    const json site = ok([&](char** out) {
        return snowball_site_add(out, archive_, R"({"code": " sh1 ", "name": "上海前滩售楼处"})");
    });
    EXPECT_EQ((std::set<std::string>{"id", "code", "name", "number_format", "created_at"}), keys_of(site));
    EXPECT_GT(site["id"].get<std::int64_t>(), 0);
    EXPECT_EQ("SH1", site["code"]);   // normalised
    EXPECT_EQ("上海前滩售楼处", site["name"]);
    EXPECT_EQ("{site}-{yyyy}{channel}-{seq:5}{check}", site["number_format"]);
    EXPECT_TRUE(is_timestamp(site["created_at"])) << site["created_at"];

    EXPECT_EQ(site, ok([&](char** out) { return snowball_site_get(out, archive_, "sh1"); }));

    const json list = ok([&](char** out) { return snowball_site_list(out, archive_); });
    ASSERT_TRUE(list.is_array());
    ASSERT_EQ(3u, list.size());
    EXPECT_EQ("BJ", list[0]["code"]);   // by code
    EXPECT_EQ("SH1", list[1]["code"]);
    EXPECT_EQ("XH", list[2]["code"]);
    EXPECT_EQ(site, list[1]);

    const json renamed = ok([&](char** out) {
        return snowball_site_update(out, archive_, "SH1", R"({"name": "前滩", "number_format": "{site}-{yy}{channel:ABC}-{seq:3}{check}"})");
    });
    EXPECT_EQ(site["id"], renamed["id"]);
    EXPECT_EQ("前滩", renamed["name"]);
    EXPECT_EQ("{site}-{yy}{channel:ABC}-{seq:3}{check}", renamed["number_format"]);
    EXPECT_EQ(site["created_at"], renamed["created_at"]);
    // An empty update changes nothing.
    EXPECT_EQ(renamed, ok([&](char** out) { return snowball_site_update(out, archive_, "SH1", "{}"); }));

    // The site's format numbers its customers.
    const json c = add_customer({{"site", "SH1"}, {"channel", "visit"}, {"name", "周杰"}, {"filed_on", "2024-06-01"},
                                 {"first_contact", "2024-06-01"}});
    const std::string number = c["archive_no"];
    EXPECT_EQ(0u, number.rfind("SH1-24B-001", 0)) << number;
    EXPECT_EQ(12u, number.size()) << number;   // SH1-24B-001 and the check character
    EXPECT_SB_OK(snowball_archive_no_validate(number.c_str()));
}

TEST_F(ArchiveTest, Consultants) {
    const json chen = ok([&](char** out) {
        return snowball_consultant_add(out, archive_, R"({"site": "xh", "name": "陈静", "phone": "+86 139-0013-9000"})");
    });
    EXPECT_EQ((std::set<std::string>{"id", "uid", "site", "name", "phone", "role", "manager_id", "active", "created_at"}),
              keys_of(chen));
    EXPECT_EQ("XH", chen["site"]);
    EXPECT_EQ("陈静", chen["name"]);
    EXPECT_EQ("13900139000", chen["phone"]);
    EXPECT_EQ(true, chen["active"]);
    EXPECT_TRUE(std::regex_match(chen["uid"].get<std::string>(), std::regex("[0-9a-f]{32}"))) << chen["uid"];
    EXPECT_TRUE(is_timestamp(chen["created_at"]));
    const std::int64_t id = chen["id"];
    EXPECT_EQ(chen, ok([&](char** out) { return snowball_consultant_get(out, archive_, id); }));

    // Lists: by id; the consultant who left only with include_inactive.
    const auto ids = [](const json& list) {
        std::vector<std::int64_t> out;
        for (const json& c : list) out.push_back(c["id"]);
        return out;
    };
    EXPECT_EQ((std::vector<std::int64_t>{xh_consultant_, id}),
              ids(ok([&](char** out) { return snowball_consultant_list(out, archive_, "XH", 0); })));
    EXPECT_EQ((std::vector<std::int64_t>{xh_consultant_, left_consultant_, id}),
              ids(ok([&](char** out) { return snowball_consultant_list(out, archive_, "XH", 1); })));
    EXPECT_EQ((std::vector<std::int64_t>{xh_consultant_, bj_consultant_, id}),
              ids(ok([&](char** out) { return snowball_consultant_list(out, archive_, nullptr, 0); })));
    const json inactive = ok([&](char** out) { return snowball_consultant_get(out, archive_, left_consultant_); });
    EXPECT_EQ(false, inactive["active"]);

    const json updated = ok([&](char** out) {
        return snowball_consultant_update(out, archive_, id, R"({"name": "陈晶", "phone": "010-6552 1234", "active": false})");
    });
    EXPECT_EQ("陈晶", updated["name"]);
    EXPECT_EQ("01065521234", updated["phone"]);
    EXPECT_EQ(false, updated["active"]);
    EXPECT_EQ(chen["uid"], updated["uid"]);
    const json back = ok([&](char** out) { return snowball_consultant_update(out, archive_, id, R"({"active": true})"); });
    EXPECT_EQ(true, back["active"]);
    EXPECT_EQ("陈晶", back["name"]);
}

// ---------------------------------------------------------------------------------------------
// One handle shared between threads (the header: calls on it are serialised).

TEST_F(ArchiveTest, OneHandleSharedByFourThreadsFilesWithoutDuplicatesOrGaps) {
    constexpr int threads = 4, per_thread = 50;
    std::vector<std::vector<std::string>> numbers(threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                const json input = {{"site", "XH"}, {"channel", "lead"}, {"name", "客户" + std::to_string(t * 1000 + i)},
                                    {"filed_on", "2024-07-01"}, {"first_contact", "2024-07-01"}};
                char* text = nullptr;
                const int rc = snowball_customer_add(&text, archive_, input.dump().c_str());
                if (rc != SNOWBALL_OK) {
                    ADD_FAILURE() << last_error_text();
                    continue;
                }
                numbers[static_cast<std::size_t>(t)].push_back(json::parse(text)["archive_no"]);
                snowball_string_free(text);
            }
        });
    for (auto& w : workers) w.join();
    std::set<std::int64_t> sequences;
    for (const auto& list : numbers)
        for (const std::string& n : list) sequences.insert(parse_number(n)["sequence"].get<std::int64_t>());
    ASSERT_EQ(static_cast<std::size_t>(threads * per_thread), sequences.size());   // no duplicate
    EXPECT_EQ(1, *sequences.begin());                                             // no gap
    EXPECT_EQ(threads * per_thread, *sequences.rbegin());
}

} // namespace
