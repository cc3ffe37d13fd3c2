// The C API's happy paths of snowball/formats.h: vCards out and back in, tables as CSV in both
// encodings, the archive out as JSON lines and into a new file, identical.
#include "capi_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace capi_test;

class Formats : public ArchiveTest {
protected:
    std::string text(const std::function<int(char**)>& call) {
        Out out;
        const int rc = call(out.ptr());
        EXPECT_EQ(SNOWBALL_OK, rc) << last_error_text();
        return out.str() ? out.str() : "";
    }
};

TEST_F(Formats, VcardsOutAndBackIn) {
    const json c = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "欧阳娜娜"}, {"gender", "female"},
                                 {"mobile", "13912345678"}, {"birthday", "lunar:1985-08-15"}});
    const std::string vcf = text([&](char** out) { return snowball_vcard_export(out, archive_, nullptr); });
    EXPECT_NE(vcf.find("UID:urn:snowball:" + c["archive_no"].get<std::string>()), std::string::npos) << vcf;
    EXPECT_NE(vcf.find("N:欧阳;娜娜;;;"), std::string::npos);
    EXPECT_NE(vcf.find("X-SNOWBALL-LUNAR-BDAY:1985-08-15"), std::string::npos);
    const json report = ok([&](char** out) {
        return snowball_vcard_import(out, archive_, vcf.data(), vcf.size(), R"({"site": "BJ", "channel": "lead"})");
    });
    EXPECT_EQ(1, report["filed"]);
    EXPECT_EQ("filed", report["outcomes"][0]["action"]);
    EXPECT_EQ(2, customer_count());
    const json again = ok([&](char** out) {
        return snowball_vcard_import(out, archive_, vcf.data(), vcf.size(), R"({"site": "BJ"})");
    });
    EXPECT_EQ(1, again["matched"]);
    EXPECT_EQ(report["outcomes"][0]["customer_id"], again["outcomes"][0]["customer_id"]);
}

TEST_F(Formats, TablesAsCsv) {
    add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}, {"note", "a,b"}});
    const json table = ok([&](char** out) { return snowball_customer_table(out, archive_, R"({"site": "XH"})"); });
    ASSERT_EQ(1u, table["rows"].size());
    EXPECT_EQ("档案编号", table["columns"][0]["zh"]);
    Out csv;
    size_t size = 0;
    ASSERT_SB_OK(snowball_to_csv(csv.ptr(), &size, table.dump().c_str(), nullptr));
    const std::string utf8(csv.str(), size);
    EXPECT_EQ("\xEF\xBB\xBF档案编号,", utf8.substr(0, 16));
    EXPECT_NE(utf8.find(",\"a,b\","), std::string::npos);
    Out gb;
    ASSERT_SB_OK(snowball_to_csv(gb.ptr(), &size, table.dump().c_str(), R"({"encoding": "gb18030"})"));
    EXPECT_EQ(std::string("\xB5\xB5\xB0\xB8", 4), std::string(gb.str(), 4)) << "档案 in GB18030";
    Out english;
    ASSERT_SB_OK(snowball_to_csv(english.ptr(), &size, table.dump().c_str(),
                                 R"({"encoding": "utf-8", "english_headers": true})"));
    EXPECT_EQ("archive_no,", std::string(english.str(), 11));
    const json care = ok([&](char** out) {
        return snowball_report_care_table(out, archive_, R"({"site": "XH", "start": "2026-01-01", "end": "2026-01-31"})");
    });
    EXPECT_EQ("应做关怀", care["columns"][5]["zh"]);
}

TEST_F(Formats, TheArchiveMovesToANewFileUnchanged) {
    add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    const std::string dump = text([&](char** out) { return snowball_archive_export(out, archive_); });
    const std::string path = dir_.file("backup.jsonl");
    ASSERT_SB_OK(snowball_archive_export_file(archive_, path.c_str()));
    snowball_archive* copy = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&copy, dir_.file("copy.db").c_str(), nullptr));
    Out report;
    ASSERT_SB_OK(snowball_archive_import_file(report.ptr(), copy, path.c_str()));
    EXPECT_EQ(1, report.doc()["tables"]["customers"]);
    Out again;
    ASSERT_SB_OK(snowball_archive_export(again.ptr(), copy));
    EXPECT_EQ(dump, std::string(again.str()));
    Out refused;
    EXPECT_EQ(SNOWBALL_ECONFLICT, snowball_archive_import(refused.ptr(), copy, dump.data(), dump.size()));
    snowball_archive_free(copy);
}

} // namespace
