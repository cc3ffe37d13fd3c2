// Lead-list import: reading the rows. Spreadsheet dates, recognised and ignored columns, explicit
// mappings, and rejected rows with their lines and reasons.
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
// Dates

TEST_F(LeadImportTest, SpreadsheetDates) {
    const std::string y = last_year();
    const std::string data = "姓名,登记日期\n"
                             "甲," + y + "-03-05\n"
                             "乙," + y + "/3/5\n"
                             "丙," + y + "年3月5日\n"
                             "丁," + y + "0305\n"
                             "戊," + y + ".3.5\n"
                             "己," + y + "/3/5 14:30\n"
                             "庚," + y + "-03-05 09:05:00\n"
                             "辛,\n";
    const auto r = import(data);
    EXPECT_EQ(r.imported, 8);
    EXPECT_TRUE(r.rejected.empty());
    for (std::size_t i = 0; i < 7; ++i)
        EXPECT_EQ(customers().get(r.customer_ids[i]).first_contact, last_year_on(3, 5)) << i;
    EXPECT_EQ(customers().get(r.customer_ids[7]).first_contact, today_in_china());   // blank: today
    // The archive number's year is the filing year, not the first contact's.
    EXPECT_EQ(*numbering::parse_archive_no(customers().get(r.customer_ids[0]).archive_no).year,
              today_in_china().year());
}

TEST_F(LeadImportTest, BadDatesAreRejectedRows) {
    const std::string y = last_year();
    const std::string next = std::to_string(today_in_china().year() + 1);
    const std::string data = "姓名,日期\n"
                             "甲," + y + "/13/1\n"
                             "乙," + y + "/2/30\n"
                             "丙,3/5/" + y + "\n"
                             "丁,昨天\n"
                             "戊," + next + "/1/1\n"
                             "己," + y + "/3\n"
                             "庚," + y + "/3/5\n";
    const auto r = import(data);
    EXPECT_EQ(r.imported, 1);
    ASSERT_EQ(r.rejected.size(), 6u);
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(r.rejected[i].line, static_cast<std::int64_t>(i + 2));
        EXPECT_EQ(r.rejected[i].field, "first_contact");
        EXPECT_EQ(r.rejected[i].reason.rfind("column '日期': ", 0), 0u) << r.rejected[i].reason;
    }
    EXPECT_NE(r.rejected[0].reason.find("is not a day of the calendar"), std::string::npos) << r.rejected[0].reason;
    EXPECT_NE(r.rejected[1].reason.find("is not a day of the calendar"), std::string::npos) << r.rejected[1].reason;
    EXPECT_NE(r.rejected[2].reason.find("is not a date"), std::string::npos) << r.rejected[2].reason;
    EXPECT_NE(r.rejected[3].reason.find("is not a date"), std::string::npos) << r.rejected[3].reason;
    EXPECT_NE(r.rejected[4].reason.find("is in the future"), std::string::npos) << r.rejected[4].reason;
    EXPECT_NE(r.rejected[5].reason.find("is not a date"), std::string::npos) << r.rejected[5].reason;
}

// ---------------------------------------------------------------------------------------------
// Columns

TEST_F(LeadImportTest, RecognisedHeadersAndIgnoredColumns) {
    const std::string data = "客户姓名,手机号码,联系电话,住宅电话,办公电话,级别,来源,置业顾问,说明,楼盘意向\n"
                             "张伟,13800000001,010-65521234,021-68888888,0755-88881234,贵宾,来访,李娜,备注一,A栋\n"
                             "王芳,,13900000002,,,普通,来电,,备注二,\n";
    const auto r = import(data);
    ASSERT_EQ(r.imported, 2) << (r.rejected.empty() ? "" : r.rejected[0].reason);
    EXPECT_EQ(r.ignored_columns, (std::vector<std::string>{"楼盘意向"}));
    EXPECT_EQ(r.columns.at("客户姓名"), "name");
    EXPECT_EQ(r.columns.at("联系电话"), "phone");
    EXPECT_EQ(r.columns.at("来源"), "channel");
    const Customer a = customers().get(r.customer_ids[0]);
    EXPECT_EQ(a.mobile, "13800000001");
    EXPECT_EQ(a.phones, (std::vector<Phone>{{PhoneKind::home, "02168888888"},
                                            {PhoneKind::office, "075588881234"},
                                            {PhoneKind::other, "01065521234"}}));
    EXPECT_EQ(a.tier, Tier::vip);
    EXPECT_EQ(a.channel, Channel::visit);
    EXPECT_EQ(a.stage, Stage::visitor);
    EXPECT_EQ(customers().visits(a.id).size(), 1u);
    EXPECT_EQ(a.consultant_id, li_);
    EXPECT_EQ(a.note, "备注一");
    // A mobile in the phone column is the customer's mobile.
    const Customer b = customers().get(r.customer_ids[1]);
    EXPECT_EQ(b.mobile, "13900000002");
    EXPECT_TRUE(b.phones.empty());
    EXPECT_EQ(b.channel, Channel::call);
    EXPECT_EQ(b.tier, Tier::ordinary);
    EXPECT_FALSE(b.consultant_id.has_value());
    EXPECT_EQ(numbering::parse_archive_no(a.archive_no).channel, Channel::visit);
    EXPECT_EQ(numbering::parse_archive_no(b.archive_no).channel, Channel::call);
}

TEST_F(LeadImportTest, APhoneColumnBeforeTheMobileColumnKeepsBothNumbers) {
    const auto r = import("姓名,联系电话,手机\n张伟,13900000002,13800000001\n王芳,13900000003,\n");
    ASSERT_EQ(r.imported, 2) << (r.rejected.empty() ? "" : r.rejected[0].reason);
    const Customer a = customers().get(r.customer_ids[0]);
    EXPECT_EQ(a.mobile, "13800000001");
    EXPECT_EQ(a.phones, (std::vector<Phone>{{PhoneKind::other, "13900000002"}}));
    const auto by_other_phone = customers().by_phone("13900000002", "XH");
    ASSERT_TRUE(by_other_phone.has_value());
    EXPECT_EQ(by_other_phone->id, a.id);
    const Customer b = customers().get(r.customer_ids[1]);
    EXPECT_EQ(b.mobile, "13900000003");
    EXPECT_TRUE(b.phones.empty());
}

TEST_F(LeadImportTest, ExplicitMapping) {
    const std::string data = "Kunde,Handy,Datum,Egal,姓名\n张伟,13800000001," + last_year() + "/3/5,x,不是名字\n";
    LeadImportOptions o;
    o.mapping = {{"Kunde", "name"}, {" handy ", "mobile"}, {"Datum", "first_contact"}, {"姓名", "ignore"}};
    o.channel = Channel::call;
    o.consultant_id = wang_;
    const auto r = import(data, o);
    ASSERT_EQ(r.imported, 1);
    const Customer c = customers().get(r.customer_ids[0]);
    EXPECT_EQ(c.name, "张伟");
    EXPECT_EQ(c.mobile, "13800000001");
    EXPECT_EQ(c.first_contact, last_year_on(3, 5));
    EXPECT_EQ(c.channel, Channel::call);
    EXPECT_EQ(c.consultant_id, wang_);
    // With a mapping, only the mapped columns are read; the recognised header 姓名 was told to be ignored.
    EXPECT_EQ(r.ignored_columns, (std::vector<std::string>{"Egal", "姓名"}));
    EXPECT_EQ(r.columns, (std::map<std::string, std::string>{
                             {"Kunde", "name"}, {"Handy", "mobile"}, {"Datum", "first_contact"}}));
}

TEST_F(LeadImportTest, MappingErrorsWriteNothing) {
    const std::string data = "Kunde,Handy,姓名\n张伟,13800000001,王芳\n";
    LeadImportOptions o;
    o.mapping = {{"Kunde", "customer_name"}};
    expect_fails_without_writing([&] { import(data, o); }, Status::invalid_argument, "mapping",
                                 "'customer_name' (for column 'Kunde') is not a field");
    o.mapping = {{"Kunde", "name"}, {"Telefon", "mobile"}};
    expect_fails_without_writing([&] { import(data, o); }, Status::invalid_argument, "mapping",
                                 "column 'Telefon' is not in the file's header row");
    o.mapping = {{"Kunde", "name"}, {"姓名", "name"}};
    expect_fails_without_writing([&] { import(data, o); }, Status::invalid_argument, "mapping", "two columns map to name");
    o.mapping = {{"Handy", "mobile"}};
    expect_fails_without_writing([&] { import(data, o); }, Status::invalid_argument, "mapping",
                                 "no column holds the customer's name");
    o.mapping.clear();
    EXPECT_NO_THROW(import("客户,手机\n张伟,13800000001\n", o));   // 客户 is a name header
    expect_fails_without_writing([&] { import("Kunde,Handy\n张伟,13800000001\n", o); }, Status::invalid_argument,
                                 "mapping", "no column holds the customer's name");
    expect_fails_without_writing([&] { import("姓名,名字\n张伟,张伟\n", o); }, Status::invalid_argument, "mapping",
                                 "two columns map to name (the second is '名字')");
    expect_fails_without_writing([&] { import("", o); }, Status::invalid_argument, "data", "the file is empty");
    o.site = "SH";
    expect_fails_without_writing([&] { import(lead_list, o); }, Status::not_found, "site", "no site with code 'SH'");
    o.site = "XH";
    o.consultant_id = zhao_;
    expect_fails_without_writing([&] { import(lead_list, o); }, Status::invalid_argument, "consultant_id",
                                 "works at another site");
    o.consultant_id.reset();
    o.progress_every = 0;
    expect_fails_without_writing([&] { import(lead_list, o); }, Status::invalid_argument, "progress_every",
                                 "at least 1");
}

// ---------------------------------------------------------------------------------------------
// Rejected rows

TEST_F(LeadImportTest, RejectedRowsWithLineAndReason) {
    NewCustomer existing;
    existing.site = "XH";
    existing.channel = Channel::call;
    existing.name = "老客户";
    existing.mobile = "13900000009";
    const Customer old = customers().add(existing);
    // Another site's customer with the same phone is no duplicate here.
    existing.site = "BJ";
    existing.mobile = "13900000008";
    customers().add(existing);
    NewConsultant twin{"XH", "王强", ""};
    archive_.consultants().add(twin);   // now two consultants are called 王强

    const std::string data =
        "姓名,手机,置业顾问,性别\n"          // 1
        "张伟,13800000001,李娜,男\n"          // 2 ok
        "错号,138-0000-001,,\n"               // 3 bad phone
        "重复,+86 138 0000 0001,,\n"          // 4 duplicate of line 2
        "老的,139 0000 0009,,\n"              // 5 duplicate of the archive
        "生人,13800000005,张三,\n"            // 6 unknown consultant
        "两个,13800000006,王强,\n"            // 7 ambiguous consultant
        "怪,13800000007,,不详\n"              // 8 bad gender
        ",13800000010,,\n"                    // 9 no name
        "北京也有,13900000008,,\n"            // 10 ok: the phone is on file at another site only
        "座机,010-65521234,,\n";              // 11 a landline is not a mobile
    const auto r = import(data);
    EXPECT_EQ(r.rows, 10);
    EXPECT_EQ(r.imported, 2);
    EXPECT_EQ(names(r), (std::vector<std::string>{"张伟", "北京也有"}));
    EXPECT_EQ(customers().get(r.customer_ids[0]).consultant_id, li_);
    ASSERT_EQ(r.rejected.size(), 8u);
    const auto expect_row = [&](std::size_t i, std::int64_t line, const std::string& field, const std::string& fragment) {
        SCOPED_TRACE("rejected[" + std::to_string(i) + "]");
        EXPECT_EQ(r.rejected[i].line, line);
        EXPECT_EQ(r.rejected[i].field, field);
        EXPECT_NE(r.rejected[i].reason.find(fragment), std::string::npos) << r.rejected[i].reason;
    };
    expect_row(0, 3, "mobile", "column '手机': '138-0000-001' has 10 digits");
    expect_row(1, 4, "mobile", "is already on file for 张伟");
    expect_row(1, 4, "mobile", "filed from line 2 of this file");
    expect_row(2, 5, "mobile", "13900000009 is already on file for 老客户 (" + old.archive_no + ")");
    expect_row(3, 6, "consultant", "column '置业顾问': no active consultant called '张三' at site XH");
    expect_row(4, 7, "consultant", "2 consultants at site XH are called '王强'");
    expect_row(5, 8, "gender", "column '性别': '不详' is not one of");
    expect_row(6, 9, "name", "column '姓名': is required");
    expect_row(7, 11, "mobile", "is a landline");
    EXPECT_EQ(archive_.info().customers, 4);
}

TEST_F(LeadImportTest, InvalidUtf8InOneRow) {
    const std::string data = "姓名,手机,备注\n张伟,13800000001,好\n王\xFF芳,13800000002,\n李四,13800000003,坏\xE4\xB8\n"
                             "赵六,13800000004,好\n";
    const auto r = import(data);
    EXPECT_EQ(r.encoding, "utf-8");
    EXPECT_EQ(r.rows, 4);
    EXPECT_EQ(names(r), (std::vector<std::string>{"张伟", "赵六"}));
    ASSERT_EQ(r.rejected.size(), 2u);
    EXPECT_EQ(r.rejected[0].line, 3);
    EXPECT_EQ(r.rejected[0].field, "name");
    EXPECT_NE(r.rejected[0].reason.find("column '姓名': is not valid UTF-8"), std::string::npos) << r.rejected[0].reason;
    EXPECT_EQ(r.rejected[1].line, 4);
    EXPECT_EQ(r.rejected[1].field, "note");
    EXPECT_FALSE(customers().by_phone("13800000002", "XH").has_value());
    EXPECT_FALSE(customers().by_phone("13800000003", "XH").has_value());
    // Gap-free numbering: the rejected rows took no number.
    EXPECT_EQ(numbering::parse_archive_no(customers().get(r.customer_ids[1]).archive_no).sequence, 2);
}

} // namespace
