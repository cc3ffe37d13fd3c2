// Lead-list import runs: dry runs, all or nothing, progress and cancelling, and importing a file.
#include "snowball/numbering.hpp"

#include "customers/csv.hpp"
#include "common/encoding.hpp"
#include "lead_import_fixture.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;

// ---------------------------------------------------------------------------------------------
// Dry runs, all-or-nothing, progress and cancelling

const std::string mixed_list = "姓名,手机\n甲,13800000001\n乙,bad\n丙,13800000003\n";

TEST_F(LeadImportTest, DryRunWritesNothingButReports) {
    LeadImportOptions o;
    o.dry_run = true;
    const std::string before = dump();
    const auto r = import(mixed_list, o);
    EXPECT_EQ(dump(), before);
    EXPECT_TRUE(r.dry_run);
    EXPECT_EQ(r.rows, 3);
    EXPECT_EQ(r.imported, 0);
    EXPECT_TRUE(r.customer_ids.empty());
    ASSERT_EQ(r.rejected.size(), 1u);
    EXPECT_EQ(r.rejected[0].line, 3);
    EXPECT_EQ(r.columns.size(), 2u);
    // A duplicate inside the file is found in a dry run too.
    const auto r2 = import("姓名,手机\n甲,13800000001\n乙,13800000001\n", o);
    ASSERT_EQ(r2.rejected.size(), 1u);
    EXPECT_EQ(r2.rejected[0].line, 3);
    EXPECT_EQ(dump(), before);
    // The real import afterwards starts the sequence at 1.
    const auto real = import(mixed_list);
    EXPECT_EQ(real.imported, 2);
    EXPECT_EQ(numbering::parse_archive_no(customers().get(real.customer_ids[0]).archive_no).sequence, 1);
}

TEST_F(LeadImportTest, AllOrNothing) {
    LeadImportOptions o;
    o.all_or_nothing = true;
    const std::string before = dump();
    const auto r = import(mixed_list, o);
    EXPECT_EQ(dump(), before);
    EXPECT_EQ(r.imported, 0);
    EXPECT_TRUE(r.customer_ids.empty());
    ASSERT_EQ(r.rejected.size(), 1u);
    EXPECT_EQ(r.rejected[0].line, 3);
    // Without a rejected row, everything is imported.
    const auto ok = import(lead_list, o);
    expect_three_leads(ok);
    EXPECT_EQ(numbering::parse_archive_no(customers().get(ok.customer_ids[0]).archive_no).sequence, 1);
}

std::string many_leads(int n) {
    std::string data = "姓名,手机\n";
    for (int i = 0; i < n; ++i) data += "客户" + std::to_string(i) + "," + std::to_string(13800000000LL + i) + "\n";
    return data;
}

TEST_F(LeadImportTest, ProgressIsReported) {
    std::string data = many_leads(6);
    data += "坏,123\n";   // a seventh row, rejected
    std::vector<ImportProgress> calls;
    LeadImportOptions o;
    o.progress_every = 2;
    o.progress = [&](const ImportProgress& p) {
        calls.push_back(p);
        return true;
    };
    const auto r = import(data, o);
    EXPECT_EQ(r.imported, 6);
    ASSERT_EQ(calls.size(), 4u);   // after rows 2, 4, 6 and at the end
    const std::int64_t done[] = {2, 4, 6, 7};
    for (std::size_t i = 0; i < calls.size(); ++i) {
        EXPECT_EQ(calls[i].rows_done, done[i]);
        EXPECT_EQ(calls[i].rows_total, 7);
        EXPECT_EQ(calls[i].imported + calls[i].rejected, calls[i].rows_done);
    }
    EXPECT_EQ(calls.back().imported, 6);
    EXPECT_EQ(calls.back().rejected, 1);

    // With the default interval, a short file reports once, at the end.
    calls.clear();
    o.progress_every = 1000;
    o.site = "BJ";
    import(many_leads(3), o);
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].rows_done, 3);
    EXPECT_EQ(calls[0].imported, 3);
}

TEST_F(LeadImportTest, CancelWritesNothingAndTakesNoNumber) {
    const std::string before = dump();
    int calls = 0;
    LeadImportOptions o;
    o.progress_every = 10;
    o.progress = [&](const ImportProgress& p) {
        ++calls;
        EXPECT_EQ(p.rows_done, 10 * calls);
        return calls < 3;
    };
    expect_error([&] { import(many_leads(100), o); }, Status::cancelled, "", "cancelled");
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(dump(), before);
    EXPECT_EQ(raw().count("customers"), 0);
    // The next filing gets number 1.
    NewCustomer c;
    c.site = "XH";
    c.channel = Channel::lead;
    c.name = "下一个";
    c.mobile = "13800000001";   // was in the cancelled file
    EXPECT_EQ(numbering::parse_archive_no(customers().add(c).archive_no).sequence, 1);
    // A callback that cancels at the end also leaves nothing.
    o.progress = [](const ImportProgress&) { return false; };
    const std::string after = dump();
    expect_error([&] { import(many_leads(5), o); }, Status::cancelled, "", "nothing was imported");
    EXPECT_EQ(dump(), after);
}

// ---------------------------------------------------------------------------------------------
// Files

TEST_F(LeadImportTest, ImportFile) {
    const std::string path = dir_.file("leads.csv");
    snowball::testing::write_file(path, "\xEF\xBB\xBF" + lead_list);
    LeadImportOptions o;
    o.site = "XH";
    const auto r = archive_.leads().import_file(path, o);
    expect_three_leads(r);
    const std::string gb_path = dir_.file("leads-gbk.csv");
    snowball::testing::write_file(gb_path, encode("姓名,手机\n钱八,13800000008\n", "GB18030"));
    const auto g = archive_.leads().import_file(gb_path, o);
    EXPECT_EQ(g.imported, 1);
    EXPECT_EQ(customers().get(g.customer_ids[0]).name, "钱八");

    const std::string before = dump();
    expect_error([&] { archive_.leads().import_file(dir_.file("missing.csv"), o); }, Status::not_found, "path",
                 "cannot open");
    expect_error([&] { archive_.leads().import_file(dir_.path(), o); }, Status::storage, "path", "cannot read");
    EXPECT_EQ(dump(), before);
}

} // namespace
