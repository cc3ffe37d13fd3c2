// Every C function of snowball/merge.h with NULL for each pointer parameter and with invalid
// arguments: each call returns the right negative status, the thread's last error names the field,
// the out-parameter is NULL afterwards, and nothing is written (the raw database is compared).
#include "capi_support.hpp"
#include "test_support.hpp"

#include <climits>
#include <string>

namespace {

using capi_test::json;
using capi_test::Out;

class MergeInput : public capi_test::ArchiveTest {
protected:
    void SetUp() override {
        capi_test::ArchiveTest::SetUp();
        keep_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}})["id"].get<std::int64_t>();
        twin_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13911118000"}})["id"].get<std::int64_t>();
        other_site_ = add_customer({{"site", "BJ"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13911118000"}})["id"].get<std::int64_t>();
    }
    std::string raw() const { return snowball::testing::dump_archive(path_); }
    std::int64_t keep_ = 0, twin_ = 0, other_site_ = 0;
};

TEST_F(MergeInput, Duplicates) {
    const std::string before = raw();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_duplicates(nullptr, archive_, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_duplicates(out, nullptr, R"({"site": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_customer_duplicates(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_customer_duplicates(out, archive_, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_customer_duplicates(out, archive_, "{}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_customer_duplicates(out, archive_, R"({"site": "XX"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "min_score", snowball_customer_duplicates(out, archive_, R"({"site": "XH", "min_score": 2})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "min_score", snowball_customer_duplicates(out, archive_, R"({"site": "XH", "min_score": "high"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_customer_duplicates(out, archive_, R"({"site": "XH", "limit": -1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "sites", snowball_customer_duplicates(out, archive_, R"({"site": "XH", "sites": 1})"));
    EXPECT_EQ(before, raw());
}

TEST_F(MergeInput, Merge) {
    const std::string before = raw();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_merge(nullptr, archive_, keep_, twin_, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_merge(out, nullptr, keep_, twin_, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "merge", snowball_customer_merge(out, archive_, keep_, keep_, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "merge", snowball_customer_merge(out, archive_, keep_, 424242, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "keep", snowball_customer_merge(out, archive_, -1, twin_, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "keep", snowball_customer_merge(out, archive_, INT64_MAX, twin_, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "merge", snowball_customer_merge(out, archive_, keep_, other_site_, 0, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", snowball_customer_merge(out, archive_, keep_, twin_, 424242, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_customer_merge(out, archive_, keep_, twin_, bj_consultant_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json", snowball_customer_merge(out, archive_, keep_, twin_, 0, "["));
    EXPECT_FAILS(SNOWBALL_EINVALID, "newest_wins", snowball_customer_merge(out, archive_, keep_, twin_, 0, R"({"newest_wins": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "policy", snowball_customer_merge(out, archive_, keep_, twin_, 0, R"({"policy": "x"})"));
    EXPECT_EQ(before, raw());
}

TEST_F(MergeInput, UndoGetAndList) {
    const json m = ok([&](char** out) { return snowball_customer_merge(out, archive_, keep_, twin_, xh_consultant_, nullptr); });
    const std::int64_t id = m["id"].get<std::int64_t>();
    ok([&](char** out) { return snowball_visit_record(out, archive_, keep_, nullptr); });
    const std::string before = raw();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_undo_merge(nullptr, archive_, id, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_undo_merge(out, nullptr, id, 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "merge_id", snowball_customer_undo_merge(out, archive_, 424242, 0));
    EXPECT_FAILS(SNOWBALL_ESTATE, "merge_id", snowball_customer_undo_merge(out, archive_, id, 0));   // a visit since
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_merge_get(nullptr, archive_, id));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_merge_get(out, nullptr, id));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "merge_id", snowball_customer_merge_get(out, archive_, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_merge_list(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_merge_list(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_customer_merge_list(out, archive_, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_customer_merge_list(out, archive_, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_customer_merge_list(out, archive_, R"({"site": "XX"})"));
    EXPECT_EQ(before, raw());
}

} // namespace
