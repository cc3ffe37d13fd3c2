// Maintenance through the C API: verify's JSON report on a healthy and on a tampered archive, a
// backup through its ".partial" file, the host-only rule.
#include "capi_support.hpp"

#include <SQLiteCpp/Database.h>

#include <filesystem>

namespace {

using capi_test::json;
using capi_test::Out;

class MaintenanceApi : public capi_test::ArchiveTest {};

TEST_F(MaintenanceApi, VerifiesAndFindsATamperedAuditEntry) {
    const json a = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    ASSERT_SB_OK(snowball_customer_remove(archive_, a["id"].get<std::int64_t>()));
    const json healthy = ok([&](char** out) { return snowball_maintenance_verify(out, archive_); });
    EXPECT_TRUE(healthy["ok"].get<bool>());
    EXPECT_EQ(path_, healthy["path"]);
    ASSERT_EQ(4u, healthy["checks"].size());
    EXPECT_EQ("audit_chain", healthy["checks"][3]["name"]);
    EXPECT_EQ(1, healthy["checks"][3]["examined"].get<int>());
    EXPECT_EQ(json::array(), healthy["checks"][3]["problems"]);

    {
        SQLite::Database db(path_, SQLite::OPEN_READWRITE);
        db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'x' WHERE id = 1");
    }
    const json broken = ok([&](char** out) { return snowball_maintenance_verify(out, archive_); });
    EXPECT_FALSE(broken["ok"].get<bool>());
    EXPECT_FALSE(broken["checks"][3]["ok"].get<bool>());
    EXPECT_TRUE(broken["checks"][2]["ok"].get<bool>());
    EXPECT_NE(std::string::npos, broken["checks"][3]["problems"][0].get<std::string>().find("entry 1 was changed"));
}

TEST_F(MaintenanceApi, BacksUp) {
    add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    const std::string copy = dir_.file("copy.db");
    const json made = ok([&](char** out) { return snowball_maintenance_backup(out, archive_, copy.c_str(), 0); });
    EXPECT_EQ(copy, made["path"]);
    EXPECT_EQ(static_cast<std::int64_t>(std::filesystem::file_size(copy)), made["bytes"].get<std::int64_t>());
    EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));
    // The out-parameter may be NULL; replacing takes the flag.
    EXPECT_SB_OK(snowball_maintenance_backup(nullptr, archive_, copy.c_str(), 1));
    snowball_archive* reopened = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&reopened, copy.c_str(), R"({"create": false})"));
    Out out;
    EXPECT_SB_OK(snowball_maintenance_verify(out.ptr(), reopened));
    EXPECT_TRUE(out.doc()["ok"].get<bool>());
    snowball_archive_free(reopened);
}

} // namespace
