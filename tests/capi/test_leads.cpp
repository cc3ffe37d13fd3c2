// The C API's happy paths of snowball/leads.h: importing lead lists (UTF-8 with a BOM, GB18030 with
// a mapping), dry runs, all or nothing, progress and cancelling from the callback.
#include "capi_support.hpp"
#include "documents.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace {

using namespace capi_test;

// ---------------------------------------------------------------------------------------------
// Lead import

struct ProgressLog {
    std::vector<snowball_import_progress> calls;
    int cancel_at_call = 0;   // 1-based; 0: never
};

int log_progress(const snowball_import_progress* progress, void* payload) {
    auto* log = static_cast<ProgressLog*>(payload);
    log->calls.push_back(*progress);
    return log->cancel_at_call != 0 && static_cast<int>(log->calls.size()) >= log->cancel_at_call ? 1 : 0;
}

const std::set<std::string> report_keys = {"rows", "imported", "rejected", "customer_ids", "encoding", "columns",
                                           "ignored_columns", "dry_run"};

TEST_F(ArchiveTest, ImportUtf8WithBomAndAReportOfRejectedRows) {
    const std::string data = "\xEF\xBB\xBF"
                             "姓名,手机,备注,来源网站\n"
                             "李娜,139 0013 9000,想看江景房,安居客\n"
                             "周杰,12345,,58同城\n"
                             "\n"
                             ",13700137001,,\n"
                             "王五,13700137002,\"多行\n备注\",\n";
    const json report = ok([&](char** out) {
        return snowball_lead_import_data(out, archive_, data.data(), data.size(), R"({"site": "XH"})", nullptr, nullptr);
    });
    EXPECT_EQ(report_keys, keys_of(report));
    EXPECT_EQ(4, report["rows"]);   // the blank line is skipped
    EXPECT_EQ(2, report["imported"]);
    EXPECT_EQ("utf-8", report["encoding"]);
    EXPECT_EQ(false, report["dry_run"]);
    EXPECT_EQ((json{{"姓名", "name"}, {"手机", "mobile"}, {"备注", "note"}}), report["columns"]);
    EXPECT_EQ(json::array({"来源网站"}), report["ignored_columns"]);
    ASSERT_EQ(2u, report["rejected"].size());
    const json bad_mobile = report["rejected"][0];
    EXPECT_EQ((std::set<std::string>{"line", "field", "reason"}), keys_of(bad_mobile));
    EXPECT_EQ(3, bad_mobile["line"]);
    EXPECT_EQ("mobile", bad_mobile["field"]);
    EXPECT_NE(std::string::npos, bad_mobile["reason"].get<std::string>().find("手机")) << bad_mobile["reason"];
    EXPECT_EQ(5, report["rejected"][1]["line"]);
    EXPECT_EQ("name", report["rejected"][1]["field"]);

    ASSERT_EQ(2u, report["customer_ids"].size());
    const json li = ok([&](char** out) { return snowball_customer_get(out, archive_, report["customer_ids"][0].get<std::int64_t>()); });
    EXPECT_EQ("李娜", li["name"]);
    EXPECT_EQ("13900139000", li["mobile"]);
    EXPECT_EQ("想看江景房", li["note"]);
    EXPECT_EQ("lead", li["channel"]);
    EXPECT_EQ("XH", li["site"]);
    const json wang = ok([&](char** out) { return snowball_customer_get(out, archive_, report["customer_ids"][1].get<std::int64_t>()); });
    EXPECT_EQ("王五", wang["name"]);
    EXPECT_EQ("多行\n备注", wang["note"]);
    EXPECT_EQ(2, customer_count());
}

TEST_F(ArchiveTest, ImportGb18030WithAMappingAndOptions) {
    // "客户,电话,顾问\n李娜,13900139000,王芳\n周杰,13700137000,\n" as Chinese Excel writes it.
    const std::string data = "\xBF\xCD\xBB\xA7,\xB5\xE7\xBB\xB0,\xB9\xCB\xCE\xCA\n"
                             "\xC0\xEE\xC4\xC8,13900139000,\xCD\xF5\xB7\xBC\n"
                             "\xD6\xDC\xBD\xDC,13700137000,\n";
    const std::string options = R"({"site": "XH", "channel": "call", "encoding": "auto", "delimiter": ",",
        "mapping": {"客户": "name", "电话": "mobile", "顾问": "consultant"}, "progress_every": 1})";
    const json report = ok([&](char** out) {
        return snowball_lead_import_data(out, archive_, data.data(), data.size(), options.c_str(), nullptr, nullptr);
    });
    EXPECT_EQ("gb18030", report["encoding"]);
    EXPECT_EQ(2, report["imported"]);
    EXPECT_EQ(json::array(), report["rejected"]);
    EXPECT_EQ((json{{"客户", "name"}, {"电话", "mobile"}, {"顾问", "consultant"}}), report["columns"]);
    const json li = ok([&](char** out) { return snowball_customer_get(out, archive_, report["customer_ids"][0].get<std::int64_t>()); });
    EXPECT_EQ("李娜", li["name"]);
    EXPECT_EQ("call", li["channel"]);
    EXPECT_EQ(xh_consultant_, li["consultant_id"]);   // by the consultant's name
    const json zhou = ok([&](char** out) { return snowball_customer_get(out, archive_, report["customer_ids"][1].get<std::int64_t>()); });
    EXPECT_EQ("周杰", zhou["name"]);
    EXPECT_TRUE(zhou["consultant_id"].is_null());
}

TEST_F(ArchiveTest, ImportDryRunAndAllOrNothingWriteNothing) {
    const std::string data = "name,mobile\nLi Na,13900139000\nZhou,12345\n";
    const json dry = ok([&](char** out) {
        return snowball_lead_import_data(out, archive_, data.data(), data.size(), R"({"site": "XH", "dry_run": true})", nullptr, nullptr);
    });
    EXPECT_EQ(true, dry["dry_run"]);
    EXPECT_EQ(2, dry["rows"]);
    EXPECT_EQ(0, dry["imported"]);
    EXPECT_EQ(1u, dry["rejected"].size());
    EXPECT_EQ(json::array(), dry["customer_ids"]);
    const json strict = ok([&](char** out) {
        return snowball_lead_import_data(out, archive_, data.data(), data.size(), R"({"site": "XH", "all_or_nothing": true})", nullptr, nullptr);
    });
    EXPECT_EQ(0, strict["imported"]);
    EXPECT_EQ(1u, strict["rejected"].size());
    EXPECT_EQ(0, customer_count());
    // Nor did they take archive numbers.
    const json next = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "下一位"}});
    EXPECT_EQ(1, parse_number(next["archive_no"])["sequence"]);
}

TEST_F(ArchiveTest, ImportFileReportsProgress) {
    std::string data = "姓名,手机\n";
    for (int i = 0; i < 5; ++i) data += "客户" + std::to_string(i) + ",1370013700" + std::to_string(i) + "\n";
    const std::string path = dir_.write("leads.csv", data);
    ProgressLog log;
    const json report = ok([&](char** out) {
        return snowball_lead_import_file(out, archive_, path.c_str(), R"({"site": "XH", "progress_every": 2})", log_progress, &log);
    });
    EXPECT_EQ(5, report["imported"]);
    // Every 2 rows and once at the end.
    ASSERT_EQ(3u, log.calls.size());
    const std::int64_t done[] = {2, 4, 5};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(done[i], log.calls[i].rows_done);
        EXPECT_EQ(5, log.calls[i].rows_total);
        EXPECT_EQ(done[i], log.calls[i].imported);
        EXPECT_EQ(0, log.calls[i].rejected);
    }
    EXPECT_EQ(5, customer_count());
}

TEST_F(ArchiveTest, ImportCancelledFromTheCallbackWritesNothing) {
    std::string data = "姓名,手机\n";
    for (int i = 0; i < 6; ++i) data += "客户" + std::to_string(i) + ",1370013700" + std::to_string(i) + "\n";
    for (int cancel_at : {1, 2}) {   // at the first call (row 3), and at the last (row 6: every row read)
        ProgressLog log;
        log.cancel_at_call = cancel_at;
        Out out;
        EXPECT_EQ(SNOWBALL_ECANCELLED,
                  snowball_lead_import_data(out.ptr(), archive_, data.data(), data.size(), R"({"site": "XH", "progress_every": 3})",
                                            log_progress, &log))
            << last_error_text();
        EXPECT_EQ(SNOWBALL_ECANCELLED, snowball_error_last()->status);
        EXPECT_STRNE("", snowball_error_last()->message);
        EXPECT_EQ(nullptr, out.str());
        EXPECT_EQ(static_cast<std::size_t>(cancel_at), log.calls.size());
        EXPECT_EQ(0, customer_count());
    }
    const std::string path = dir_.write("leads.csv", data);
    ProgressLog log;
    log.cancel_at_call = 1;
    Out out;
    EXPECT_EQ(SNOWBALL_ECANCELLED, snowball_lead_import_file(out.ptr(), archive_, path.c_str(), R"({"site": "XH"})", log_progress, &log));
    EXPECT_EQ(1u, log.calls.size());
    EXPECT_EQ(6, log.calls[0].rows_done);
    EXPECT_EQ(0, customer_count());
    // The cancelled imports took no numbers.
    const json next = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "下一位"}});
    EXPECT_EQ(1, parse_number(next["archive_no"])["sequence"]);
}

} // namespace
