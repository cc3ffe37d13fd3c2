// The group view through the C API, against a PostgreSQL server of the test's own: capture on, the
// snapshot and outbox bundles (bytes with NULs, a pointer and a size) applied, a replay skipped,
// the high-water mark, reconcile from the site's checksums JSON, the sites.
#include "capi_support.hpp"
#include "postgres.hpp"
#include "test_support.hpp"

namespace {

using capi_test::json;
using capi_test::Out;

struct Bytes {
    char* data = nullptr;
    size_t size = 0;
    ~Bytes() { snowball_string_free(data); }
    std::string str() const { return std::string(data, size); }
};

class GroupApi : public capi_test::ArchiveTest {
protected:
    static snowball::testing::TempPostgres& server() {
        static snowball::testing::TempPostgres pg;
        return pg;
    }
};

TEST_F(GroupApi, CaptureIngestReconcile) {
    if (!server().ok()) GTEST_SKIP() << "PostgreSQL cannot run here, so the group view is not tested: " << server().why();
    ASSERT_TRUE(server().psql("CREATE DATABASE capi_group"));
    const json status = ok([&](char** out) { return snowball_group_enable(out, archive_, "XH-01"); });
    EXPECT_TRUE(status["enabled"].get<bool>());
    EXPECT_EQ("XH-01", status["site"]);

    snowball_group_view* view = nullptr;
    ASSERT_SB_OK(snowball_group_view_connect(&view, server().conninfo("capi_group").c_str()));
    Bytes snapshot;
    ASSERT_SB_OK(snowball_group_snapshot(&snapshot.data, &snapshot.size, archive_));
    EXPECT_NE(snapshot.str().find('\0'), std::string::npos) << "a bundle holds NUL bytes";
    const json first = ok([&](char** out) { return snowball_group_view_ingest(out, view, snapshot.data, snapshot.size); });
    EXPECT_EQ("snapshot", first["kind"]);

    add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "李娜"}, {"mobile", "13900139000"}});
    Bytes bundle;
    ASSERT_SB_OK(snowball_group_outbox(&bundle.data, &bundle.size, archive_, 0, 0));
    const json applied = ok([&](char** out) { return snowball_group_view_ingest(out, view, bundle.data, bundle.size); });
    EXPECT_EQ(2, applied["entries_applied"].get<int>());
    EXPECT_EQ(2, applied["high_water"].get<int>());
    const json replay = ok([&](char** out) { return snowball_group_view_ingest(out, view, bundle.data, bundle.size); });
    EXPECT_EQ(2, replay["entries_skipped"].get<int>());
    int64_t mark = 0;
    ASSERT_SB_OK(snowball_group_view_high_water(&mark, view, "XH-01"));
    EXPECT_EQ(2, mark);
    int64_t unknown = 7;
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "site", snowball_group_view_high_water(&unknown, view, "NOPE"));
    EXPECT_EQ(0, unknown);
    int64_t removed = 0;
    ASSERT_SB_OK(snowball_group_acknowledge(&removed, archive_, mark));
    EXPECT_EQ(2, removed);

    const json sums = ok([&](char** out) { return snowball_group_checksums(out, archive_); });
    EXPECT_EQ(2, sums["high_water"].get<int>());
    const json report = ok([&](char** out) { return snowball_group_view_reconcile(out, view, sums.dump().c_str()); });
    EXPECT_TRUE(report["same"].get<bool>()) << report.dump();
    json tampered = sums;
    for (auto& t : tampered["tables"])
        if (t["table"] == "customers") t["checksum"] = t["checksum"].get<std::uint64_t>() + 1;
    const json drift = ok([&](char** out) { return snowball_group_view_reconcile(out, view, tampered.dump().c_str()); });
    EXPECT_FALSE(drift["same"].get<bool>());
    EXPECT_FAILS(SNOWBALL_EINVALID, "tables[0].checksum",
                 snowball_group_view_reconcile(out, view, R"({"site": "XH-01", "high_water": 0, "tables": [{"table": "t", "columns": [], "rows": 0, "checksum": -1}]})"));
    const json sites = ok([&](char** out) { return snowball_group_view_sites(out, view); });
    EXPECT_EQ(json::array({"XH-01"}), sites);
    const std::string file = dir_.file("x.bundle");
    snowball::testing::write_file(file, bundle.str());
    const json from_file = ok([&](char** out) { return snowball_group_view_ingest_file(out, view, file.c_str()); });
    EXPECT_EQ(2, from_file["entries_skipped"].get<int>());
    std::string damaged = bundle.str();
    damaged[damaged.size() - 3] ^= 1;   // the END line's checksum
    EXPECT_FAILS(SNOWBALL_EINVALID, "bundle", snowball_group_view_ingest(out, view, damaged.data(), damaged.size()));
    snowball_group_view_free(view);
}

} // namespace
