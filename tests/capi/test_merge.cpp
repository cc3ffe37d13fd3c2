// Duplicates and merge through the C API: candidates, a merge, the redirect of the merged-away
// number, the list, the undo.
#include "capi_support.hpp"

namespace {

using capi_test::json;
using capi_test::Out;

class MergeApi : public capi_test::ArchiveTest {};

TEST_F(MergeApi, FindsMergesRedirectsAndUndoes) {
    const json a = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"},
                                 {"birthday", "1980-05-20"}});
    const json b = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "张伟"}, {"mobile", "13911118000"},
                                 {"birthday", "1980-05-20"}});
    const json found = ok([&](char** out) { return snowball_customer_duplicates(out, archive_, R"({"site": "XH"})"); });
    ASSERT_EQ(1u, found.size());
    EXPECT_EQ(json::array({a["id"], b["id"]}), found[0]["ids"]);
    EXPECT_DOUBLE_EQ(0.98, found[0]["score"].get<double>());
    EXPECT_EQ("name_phone_tail", found[0]["reasons"][0]["key"]);

    const json m = ok([&](char** out) {
        return snowball_customer_merge(out, archive_, a["id"].get<std::int64_t>(), b["id"].get<std::int64_t>(), xh_consultant_,
                                       R"({"newest_wins": true})");
    });
    EXPECT_EQ(a["id"], m["keep"]);
    EXPECT_EQ(b["archive_no"], m["merged_archive_no"]);
    EXPECT_EQ(1, m["counts"]["visits"].get<int>());   // the walk-in's first visit
    EXPECT_TRUE(m["undoable"].get<bool>());
    const std::string number = b["archive_no"].get<std::string>();
    const json redirected = ok([&](char** out) { return snowball_customer_by_archive_no(out, archive_, number.c_str()); });
    EXPECT_EQ(a["id"], redirected["id"]);
    EXPECT_EQ(b["archive_no"], redirected["redirected_from"]);
    EXPECT_EQ(1, ok([&](char** out) { return snowball_customer_merge_list(out, archive_, R"({"site": "XH"})"); })["total"]);
    const std::int64_t id = m["id"].get<std::int64_t>();
    EXPECT_EQ(m, ok([&](char** out) { return snowball_customer_merge_get(out, archive_, id); }));

    const json undone = ok([&](char** out) { return snowball_customer_undo_merge(out, archive_, id, xh_consultant_); });
    EXPECT_FALSE(undone["undoable"].get<bool>());
    EXPECT_FALSE(undone["undone_at"].is_null());
    const json back = ok([&](char** out) { return snowball_customer_by_archive_no(out, archive_, number.c_str()); });
    EXPECT_EQ(b["id"], back["id"]);
    EXPECT_TRUE(back["redirected_from"].is_null());
}

} // namespace
