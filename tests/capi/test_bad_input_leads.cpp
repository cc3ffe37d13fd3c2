// Every C function of snowball/leads.h with NULL for each pointer parameter and with invalid
// arguments: imports from memory and from a file, their options, unreadable data. tests/capi/check_coverage.py checks that every function the headers declare is called in a
// bad-input test.
#include "capi_support.hpp"
#include "bad_input_fixture.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace capi_test;

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

} // namespace
