// Every C function of snowball/formats.h with NULL for each pointer parameter and with invalid
// arguments. tests/capi/check_coverage.py checks that every function the headers declare is called
// in a bad-input test.
#include "capi_support.hpp"
#include "bad_input_fixture.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace capi_test;

class FormatsInput : public CustomerInput {};

TEST_F(FormatsInput, VcardExport) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_vcf", snowball_vcard_export(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_vcard_export(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json", snowball_vcard_export(out, archive_, "{"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_vcard_export(out, archive_, R"({"site": "ZZ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "famliy", snowball_vcard_export(out, archive_, R"({"famliy": true})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "", snowball_vcard_export(out, archive_, R"({"customer_ids": [999]})"));
}

TEST_F(FormatsInput, VcardImport) {
    const std::string vcf = "BEGIN:VCARD\r\nFN:李四\r\nTEL:13700137000\r\nEND:VCARD\r\n";
    const char* options = R"({"site": "XH"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_vcard_import(nullptr, archive_, vcf.data(), vcf.size(), options));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_vcard_import(out, nullptr, vcf.data(), vcf.size(), options));
    EXPECT_FAILS(SNOWBALL_EINVALID, "data", snowball_vcard_import(out, archive_, nullptr, 5, options));
    EXPECT_FAILS(SNOWBALL_EINVALID, "options_json", snowball_vcard_import(out, archive_, vcf.data(), vcf.size(), nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_vcard_import(out, archive_, vcf.data(), vcf.size(), "{}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_vcard_import(out, archive_, vcf.data(), vcf.size(), R"({"site": "ZZ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel",
                 snowball_vcard_import(out, archive_, vcf.data(), vcf.size(), R"({"site": "XH", "channel": "web"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "text", snowball_vcard_import(out, archive_, "hello", 5, options));
    expect_nothing_filed();
}

TEST_F(FormatsInput, ArchiveExportAndImport) {
    const std::string path = dir_.file("x.jsonl");
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_jsonl", snowball_archive_export(nullptr, archive_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_archive_export(out, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_archive_export_file(nullptr, path.c_str()));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "path", snowball_archive_export_file(archive_, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ESTORAGE, "path", snowball_archive_export_file(archive_, dir_.file("no/such/dir/x").c_str()));
    const std::string header = "{\"format\":\"snowball-archive\",\"schema_version\":1}\n";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_archive_import(nullptr, archive_, header.data(), header.size()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_archive_import(out, nullptr, header.data(), header.size()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "data", snowball_archive_import(out, archive_, nullptr, 3));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "", snowball_archive_import(out, archive_, header.data(), header.size()));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_archive_import_file(nullptr, archive_, path.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_archive_import_file(out, nullptr, path.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "path", snowball_archive_import_file(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "path", snowball_archive_import_file(out, archive_, dir_.file("missing.jsonl").c_str()));
    snowball_archive* fresh = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&fresh, dir_.file("fresh.db").c_str(), nullptr));
    EXPECT_FAILS(SNOWBALL_EVERSION, "line 1", snowball_archive_import(out, fresh, header.data(), header.size()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "line 1", snowball_archive_import(out, fresh, "[1]\n", 4));
    snowball_archive_free(fresh);
}

TEST_F(FormatsInput, Tables) {
    size_t size = 0;
    const char* table = R"({"columns": [{"key": "a", "zh": "甲"}], "rows": [["1"]]})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_csv", snowball_to_csv(nullptr, &size, table, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "out_size", snowball_to_csv(out, nullptr, table, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "table_json", snowball_to_csv(out, &size, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "columns", snowball_to_csv(out, &size, R"({"rows": []})", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "rows[0]",
                 snowball_to_csv(out, &size, R"({"columns": [{"key": "a"}], "rows": [["1", "2"]]})", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "encoding", snowball_to_csv(out, &size, table, R"({"encoding": "latin1"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_table(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_table(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", snowball_customer_table(out, archive_, R"({"stage": "buyer"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_survey_stats_table(nullptr, archive_, 1, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_survey_stats_table(out, nullptr, 1, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "survey_id", snowball_survey_stats_table(out, archive_, 999, nullptr));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_report_care_table(nullptr, archive_, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_report_care_table(out, nullptr, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", snowball_report_care_table(out, archive_, nullptr));
}

} // namespace
