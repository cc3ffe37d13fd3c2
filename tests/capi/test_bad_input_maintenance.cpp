// Every C function of snowball/maintenance.h with NULL for each pointer parameter and with invalid
// arguments: each call returns the right negative status, the thread's last error names the field,
// the out-parameter is NULL afterwards, and nothing is written (the raw database is compared).
#include "capi_support.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <string>

namespace {

using capi_test::Out;

class MaintenanceInput : public capi_test::ArchiveTest {
protected:
    std::string raw() const { return snowball::testing::dump_archive(path_); }
};

TEST_F(MaintenanceInput, Verify) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_maintenance_verify(nullptr, archive_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_maintenance_verify(out, nullptr));
    snowball_archive* manager = nullptr;
    Out made;
    ASSERT_SB_OK(snowball_consultant_add(made.ptr(), archive_, R"({"site": "XH", "name": "周敏", "role": "manager"})"));
    const std::string actor = "manager:" + std::to_string(made.doc()["id"].get<std::int64_t>());
    ASSERT_SB_OK(snowball_archive_as(&manager, archive_, actor.c_str()));
    EXPECT_FAILS(SNOWBALL_EFORBIDDEN, "actor", snowball_maintenance_verify(out, manager));
    EXPECT_FAILS(SNOWBALL_EFORBIDDEN, "actor", snowball_maintenance_backup(out, manager, dir_.file("m.db").c_str(), 0));
    snowball_archive_free(manager);
}

TEST_F(MaintenanceInput, Backup) {
    const std::string before = raw();
    const std::string copy = dir_.file("copy.db");
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_maintenance_backup(out, nullptr, copy.c_str(), 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "destination", snowball_maintenance_backup(out, archive_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "destination", snowball_maintenance_backup(out, archive_, "", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "destination", snowball_maintenance_backup(out, archive_, path_.c_str(), 1));
    EXPECT_FAILS(SNOWBALL_ESTORAGE, "destination",
                 snowball_maintenance_backup(out, archive_, dir_.file("no/such/dir/copy.db").c_str(), 0));
    snowball::testing::write_file(copy, "an earlier copy");
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "destination", snowball_maintenance_backup(out, archive_, copy.c_str(), 0));
    EXPECT_EQ("an earlier copy", snowball::testing::read_file(copy));
    EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));
    EXPECT_EQ(before, raw());
}

} // namespace
