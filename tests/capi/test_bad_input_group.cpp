// Every C function of snowball/group.h with NULL for each pointer parameter and with invalid
// arguments: each call returns the right negative status, the thread's last error names the field,
// the out-parameter is NULL afterwards, and nothing is written (the raw database is compared).
#include "capi_support.hpp"
#include "test_support.hpp"

#include <string>

namespace {

using capi_test::Out;

class GroupInput : public capi_test::ArchiveTest {
protected:
    std::string raw() const { return snowball::testing::dump_archive(path_); }
};

TEST_F(GroupInput, AtASite) {
    const std::string before = raw();
    char* bundle = nullptr;
    size_t size = 0;
    int64_t removed = 0;
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_group_status(nullptr, archive_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_group_status(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_group_enable(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_group_enable(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_group_enable(out, archive_, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_group_enable(out, archive_, "西湖"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_group_disable(out, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_bundle", snowball_group_outbox(nullptr, &size, archive_, 0, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_size", snowball_group_outbox(&bundle, nullptr, archive_, 0, 0));
    EXPECT_EQ(nullptr, bundle);
    EXPECT_FAILS_NO_OUT(SNOWBALL_ESTATE, "", snowball_group_outbox(&bundle, &size, archive_, 0, 0));   // never enabled
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_group_snapshot(&bundle, &size, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_bundle", snowball_group_snapshot(nullptr, &size, archive_));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_group_acknowledge(&removed, nullptr, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "up_to", snowball_group_acknowledge(&removed, archive_, 5));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "up_to", snowball_group_acknowledge(nullptr, archive_, -1));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_group_checksums(nullptr, archive_));
    EXPECT_FAILS(SNOWBALL_ESTATE, "", snowball_group_checksums(out, archive_));
    EXPECT_EQ(before, raw());
    ASSERT_SB_OK(snowball_group_enable(nullptr, archive_, "XH"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "after", snowball_group_outbox(&bundle, &size, archive_, -1, 0));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "max_entries", snowball_group_outbox(&bundle, &size, archive_, 0, -3));
    EXPECT_EQ(nullptr, bundle);
}

TEST_F(GroupInput, AtTheGroup) {
    snowball_group_view* view = nullptr;
    int64_t mark = 0;
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_view", snowball_group_view_connect(nullptr, "host=127.0.0.1"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ESTORAGE, "", snowball_group_view_connect(&view, "host=127.0.0.1 port=1 connect_timeout=2"));
    EXPECT_EQ(nullptr, view);
    EXPECT_FAILS(SNOWBALL_EINVALID, "bundle", snowball_group_view_ingest(out, nullptr, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "view", snowball_group_view_ingest(out, nullptr, "x", 1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "view", snowball_group_view_ingest_file(out, nullptr, "f.bundle"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_high_water", snowball_group_view_high_water(nullptr, nullptr, "XH"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "view", snowball_group_view_high_water(&mark, nullptr, "XH"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_group_view_reconcile(nullptr, nullptr, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "view", snowball_group_view_reconcile(out, nullptr, "{}"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_group_view_sites(nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "view", snowball_group_view_sites(out, nullptr));
    snowball_group_view_free(nullptr);   // allowed
}

} // namespace
