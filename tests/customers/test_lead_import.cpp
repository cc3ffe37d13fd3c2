// Lead-list import: encodings, delimiters, quoting, spreadsheet dates, column mappings, rejected
// rows with their lines and reasons, dry runs, all-or-nothing, progress and cancelling.
#include "snowball/lead_import.hpp"

#include "customers/csv.hpp"
#include "customers/encoding.hpp"
#include "snowball/archive.hpp"
#include "snowball/customers.hpp"
#include "snowball/numbering.hpp"
#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <iconv.h>

#include <string>
#include <vector>

namespace {

using namespace snowball;
using snowball::testing::GardenOfficeTest;
using snowball::testing::expect_error;

// `utf8` in another encoding, by glibc's iconv (as Excel would have written it).
std::string encode(const std::string& utf8, const char* to) {
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error(std::string("iconv cannot write ") + to);
    std::string out(utf8.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    const std::size_t r = iconv(cd, &in, &in_left, &out_ptr, &out_left);
    iconv_close(cd);
    if (r == static_cast<std::size_t>(-1)) throw std::runtime_error(std::string("cannot convert to ") + to);
    out.resize(out.size() - out_left);
    return out;
}

class LeadImportTest : public GardenOfficeTest {
protected:
    LeadImportReport import(const std::string& data, LeadImportOptions options = {}) {
        if (options.site.empty()) options.site = "XH";
        return archive_.leads().import_data(data, options);
    }

    Customers& customers() { return archive_.customers(); }

    // A date of last year, as a spreadsheet might show it (never in the future).
    std::string last_year() const { return std::to_string(today_in_china().year() - 1); }
    Date last_year_on(int month, int day) const {
        return Date(static_cast<unsigned short>(today_in_china().year() - 1), static_cast<unsigned short>(month),
                    static_cast<unsigned short>(day));
    }

    std::vector<std::string> names(const LeadImportReport& r) {
        std::vector<std::string> out;
        for (auto id : r.customer_ids) out.push_back(customers().get(id).name);
        return out;
    }

    template <class F>
    void expect_fails_without_writing(F&& f, Status status, const std::string& field, const std::string& fragment) {
        const std::string before = dump();
        expect_error(std::forward<F>(f), status, field, fragment);
        EXPECT_EQ(dump(), before);
    }
};

const std::string lead_list = "姓名,手机,性别,备注\n张伟,13800000001,男,朋友介绍\n王芳,139 0000 0002,女,\n李四,+86 137-0000-0003,,\n";

void expect_three_leads(const LeadImportReport& r) {
    EXPECT_EQ(r.rows, 3);
    EXPECT_EQ(r.imported, 3);
    EXPECT_TRUE(r.rejected.empty());
    ASSERT_EQ(r.customer_ids.size(), 3u);
    EXPECT_FALSE(r.dry_run);
}

// ---------------------------------------------------------------------------------------------
// Encodings

TEST_F(LeadImportTest, Utf8WithoutBom) {
    const auto r = import(lead_list);
    expect_three_leads(r);
    EXPECT_EQ(r.encoding, "utf-8");
    EXPECT_EQ(names(r), (std::vector<std::string>{"张伟", "王芳", "李四"}));
    const Customer c = customers().get(r.customer_ids[0]);
    EXPECT_EQ(c.mobile, "13800000001");
    EXPECT_EQ(c.gender, Gender::male);
    EXPECT_EQ(c.note, "朋友介绍");
    EXPECT_EQ(c.channel, Channel::lead);
    EXPECT_EQ(c.site, "XH");
    EXPECT_EQ(c.stage, Stage::prospect);
    EXPECT_EQ(c.first_contact, today_in_china());
    EXPECT_EQ(customers().get(r.customer_ids[1]).gender, Gender::female);
    EXPECT_EQ(customers().get(r.customer_ids[2]).mobile, "13700000003");
    // Numbers in file order, one lead sequence.
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(numbering::parse_archive_no(customers().get(r.customer_ids[i]).archive_no).sequence,
                  static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(r.columns, (std::map<std::string, std::string>{
                             {"姓名", "name"}, {"手机", "mobile"}, {"性别", "gender"}, {"备注", "note"}}));
    EXPECT_TRUE(r.ignored_columns.empty());
}

TEST_F(LeadImportTest, Utf8WithBomAndCrLf) {
    std::string data = "\xEF\xBB\xBF";
    for (char c : lead_list) {
        if (c == '\n') data += '\r';
        data += c;
    }
    const auto r = import(data);
    expect_three_leads(r);
    EXPECT_EQ(r.encoding, "utf-8");
    EXPECT_EQ(names(r), (std::vector<std::string>{"张伟", "王芳", "李四"}));
    EXPECT_EQ(r.columns.count("姓名"), 1u);   // the BOM is not part of the first header
}

TEST_F(LeadImportTest, Gb18030) {
    const std::string gb = encode(lead_list, "GB18030");
    ASSERT_NE(gb, lead_list);
    const auto r = import(gb);
    expect_three_leads(r);
    EXPECT_EQ(r.encoding, "gb18030");
    EXPECT_EQ(names(r), (std::vector<std::string>{"张伟", "王芳", "李四"}));
    EXPECT_EQ(customers().get(r.customer_ids[0]).note, "朋友介绍");
    // Named explicitly, also as GBK.
    LeadImportOptions o;
    o.site = "BJ";
    o.encoding = "GBK";
    const auto r2 = import(gb, o);
    EXPECT_EQ(r2.imported, 3);
    EXPECT_EQ(r2.encoding, "gb18030");
    EXPECT_EQ(customers().get(r2.customer_ids[2]).name, "李四");
}

TEST_F(LeadImportTest, Utf16WithBom) {
    const std::string le = "\xFF\xFE" + encode(lead_list, "UTF-16LE");
    const auto r = import(le);
    expect_three_leads(r);
    EXPECT_EQ(r.encoding, "utf-16");
    EXPECT_EQ(names(r), (std::vector<std::string>{"张伟", "王芳", "李四"}));

    // Big-endian, tab-separated: Excel's "Unicode text".
    std::string tsv = lead_list;
    for (char& c : tsv)
        if (c == ',') c = '\t';
    LeadImportOptions o;
    o.site = "BJ";
    const auto r2 = import("\xFE\xFF" + encode(tsv, "UTF-16BE"), o);
    EXPECT_EQ(r2.imported, 3);
    EXPECT_EQ(r2.encoding, "utf-16");
    EXPECT_EQ(customers().get(r2.customer_ids[1]).name, "王芳");
}

TEST_F(LeadImportTest, EncodingErrorsWriteNothing) {
    LeadImportOptions o;
    o.encoding = "utf-16";
    expect_fails_without_writing([&] { import(lead_list, o); }, Status::invalid_argument, "encoding",
                                 "must start with a byte-order mark");
    o.encoding = "latin1";
    expect_fails_without_writing([&] { import(lead_list, o); }, Status::invalid_argument, "encoding",
                                 "'latin1' is not one of auto, utf-8, gb18030, utf-16");
    o.encoding = "gb18030";
    expect_fails_without_writing([&] { import("姓名\n\x81\x20\n", o); }, Status::invalid_argument, "encoding",
                                 "line 2");
}

// ---------------------------------------------------------------------------------------------
// Delimiters and quoting

TEST_F(LeadImportTest, TabAndSemicolonDelimiters) {
    auto r = import("姓名\t手机\t备注\n张伟\t13800000001\t有逗号, 不分列\n");
    EXPECT_EQ(r.imported, 1);
    EXPECT_EQ(customers().get(r.customer_ids[0]).note, "有逗号, 不分列");
    r = import("姓名;手机;备注\n王芳;13800000002;a,b\n");
    EXPECT_EQ(r.imported, 1);
    EXPECT_EQ(customers().get(r.customer_ids[0]).note, "a,b");
    // Named explicitly.
    LeadImportOptions o;
    o.delimiter = ';';
    r = import("姓名;备注\n李四;x,y\n", o);
    EXPECT_EQ(r.imported, 1);
    EXPECT_EQ(customers().get(r.customer_ids[0]).note, "x,y");
    o.delimiter = '|';
    expect_fails_without_writing([&] { import("姓名|备注\n李四|x\n", o); }, Status::invalid_argument, "delimiter",
                                 "must be ',', tab or ';'");
}

TEST_F(LeadImportTest, QuotedCellsKeepLineNumbersRight) {
    const std::string data =
        "姓名,手机,备注\n"                                   // line 1
        "\"张伟\",\"13800000001\",\"说: \"\"要三居\"\", 预算300万\"\n" // line 2
        "\"王芳\",13800000002,\"第一行\n第二行\r\n第三行\"\n"  // lines 3-5
        "李四,1380000000,\n"                                  // line 6: a digit short
        "\"赵,六\",13800000004,\"\"\n"                        // line 7
        "孙七,12345,\"\"\"\"\n";                              // line 8: bad phone
    const auto r = import(data);
    EXPECT_EQ(r.rows, 5);
    EXPECT_EQ(r.imported, 3);
    EXPECT_EQ(names(r), (std::vector<std::string>{"张伟", "王芳", "赵,六"}));
    EXPECT_EQ(customers().get(r.customer_ids[0]).note, "说: \"要三居\", 预算300万");
    EXPECT_EQ(customers().get(r.customer_ids[1]).note, "第一行\n第二行\r\n第三行");
    EXPECT_EQ(customers().get(r.customer_ids[2]).note, "");
    ASSERT_EQ(r.rejected.size(), 2u);
    EXPECT_EQ(r.rejected[0].line, 6);
    EXPECT_EQ(r.rejected[0].field, "mobile");
    EXPECT_NE(r.rejected[0].reason.find("column '手机': '1380000000' has 10 digits"), std::string::npos)
        << r.rejected[0].reason;
    EXPECT_EQ(r.rejected[1].line, 8);
    EXPECT_EQ(r.rejected[1].field, "mobile");
}

TEST_F(LeadImportTest, UnterminatedQuote) {
    const std::string data = "姓名,手机,备注\n张伟,13800000001,ok\n王芳,13800000002,\"never closed\n李四,13800000003,\n";
    const auto r = import(data);
    EXPECT_EQ(r.imported, 1);
    EXPECT_EQ(names(r), (std::vector<std::string>{"张伟"}));
    ASSERT_EQ(r.rejected.size(), 1u);
    EXPECT_EQ(r.rejected[0].line, 3);
    EXPECT_NE(r.rejected[0].reason.find("a quote opened on line 3 is never closed"), std::string::npos)
        << r.rejected[0].reason;
    // Nothing of the broken row was filed.
    EXPECT_FALSE(customers().by_phone("13800000002", "XH").has_value());
    EXPECT_FALSE(customers().by_phone("13800000003", "XH").has_value());
}

TEST_F(LeadImportTest, BlankRowsAreSkipped) {
    const std::string data = "姓名,手机\n\n张伟,13800000001\n,\n  ,\xE3\x80\x80\n王芳,1380000000\n\n";
    const auto r = import(data);
    EXPECT_EQ(r.rows, 2);
    EXPECT_EQ(r.imported, 1);
    ASSERT_EQ(r.rejected.size(), 1u);
    EXPECT_EQ(r.rejected[0].line, 6);
    // A header only: nothing to do.
    const auto empty = import("姓名,手机\n");
    EXPECT_EQ(empty.rows, 0);
    EXPECT_EQ(empty.imported, 0);
}

TEST_F(LeadImportTest, RowsWithMoreCellsThanTheHeader) {
    const auto r = import("姓名,手机\n张伟,13800000001,\n王芳,13800000002,多余\n");
    EXPECT_EQ(r.imported, 1);   // a trailing empty cell is harmless
    ASSERT_EQ(r.rejected.size(), 1u);
    EXPECT_EQ(r.rejected[0].line, 3);
    EXPECT_NE(r.rejected[0].reason.find("has 3 cells; the header has 2"), std::string::npos) << r.rejected[0].reason;
    // An extra cell is not lost because an empty one follows it.
    const auto r2 = import("姓名,手机\n李四,13800000003,多余,\n赵六,13800000004,,,\n");
    EXPECT_EQ(names(r2), (std::vector<std::string>{"赵六"}));
    ASSERT_EQ(r2.rejected.size(), 1u);
    EXPECT_EQ(r2.rejected[0].line, 2);
    EXPECT_NE(r2.rejected[0].reason.find("has 4 cells; the header has 2"), std::string::npos) << r2.rejected[0].reason;
}

// A site whose number format would repeat an old number: the import fails as a whole, writes
// nothing and takes no number (the rows are not to blame).
TEST_F(LeadImportTest, ANumberFormatThatRepeatsOldNumbersFailsTheImport) {
    archive_.sites().update("XH", SiteUpdate{std::nullopt, std::string("{site}-{seq:2}{check}")});
    for (int i = 1; i <= 11; ++i) {
        NewCustomer c;
        c.site = "XH";
        c.name = "客户" + std::to_string(i);
        customers().add(c);
    }
    archive_.sites().update("XH", SiteUpdate{std::nullopt, std::string("{site}-1{seq:1}{check}")});
    expect_fails_without_writing([&] { import(lead_list); }, Status::conflict, "number_format",
                                 "was issued before under another number format");
}

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

// ---------------------------------------------------------------------------------------------
// The CSV reader on its own

TEST(Csv, RecordsAndLines) {
    const auto f = detail::parse_csv("a,b\r\n\"x\"\"y\",\"1\n2\"\n\nlast", ',');
    ASSERT_EQ(f.records.size(), 4u);
    EXPECT_EQ(f.records[0].cells, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(f.records[0].line, 1);
    EXPECT_EQ(f.records[1].cells, (std::vector<std::string>{"x\"y", "1\n2"}));
    EXPECT_EQ(f.records[1].line, 2);
    EXPECT_EQ(f.records[2].line, 4);
    EXPECT_EQ(f.records[3].cells, (std::vector<std::string>{"last"}));
    EXPECT_EQ(f.records[3].line, 5);
    EXPECT_EQ(f.unterminated_line, 0);
    EXPECT_EQ(detail::parse_csv("a\n\"b\nc", ',').unterminated_line, 2);
    EXPECT_EQ(detail::detect_delimiter("a\tb\tc\n1,2,3,4,5"), '\t');
    EXPECT_EQ(detail::detect_delimiter("a;b;c\n"), ';');
    EXPECT_EQ(detail::detect_delimiter("\"a;b;c\",d\n"), ',');
    EXPECT_EQ(detail::detect_delimiter("abc\n"), ',');
}

} // namespace
