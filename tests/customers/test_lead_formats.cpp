// Lead-list import: what a file may look like. Encodings (UTF-8 with and without a BOM, GB18030,
// UTF-16), delimiters and quoting, blank and overlong rows, a number format that would repeat old
// numbers, and the CSV reader on its own.
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

TEST_F(LeadImportTest, Utf16WithoutBomIsRecognisedByItsNulBytes) {
    // Some exporters write UTF-16 without a byte-order mark; the NULs beside the ASCII commas, digits
    // and line breaks tell the byte order — with "auto" and with "utf-16" asked.
    auto r = import(encode(lead_list, "UTF-16LE"));
    expect_three_leads(r);
    EXPECT_EQ(r.encoding, "utf-16");
    EXPECT_EQ(names(r), (std::vector<std::string>{"张伟", "王芳", "李四"}));
    LeadImportOptions o;
    o.site = "BJ";
    o.encoding = "utf-16";
    const auto r2 = import(encode(lead_list, "UTF-16BE"), o);
    EXPECT_EQ(r2.imported, 3);
    EXPECT_EQ(customers().get(r2.customer_ids[2]).name, "李四");
}

TEST_F(LeadImportTest, AFileInAnotherEncodingThanAskedIsNamedAsSuch) {
    // A GB18030 file imported as UTF-8: the encoding is at fault, not "no column holds the name".
    LeadImportOptions o;
    o.encoding = "utf-8";
    const std::string gb = encode("姓名,手机\n张伟,13800000001\n", "GB18030");
    expect_fails_without_writing([&] { import(gb, o); }, Status::invalid_argument, "encoding",
                                 "the file is not valid UTF-8: byte 1 (line 1) is not a character");
    expect_fails_without_writing([&] { import(gb, o); }, Status::invalid_argument, "encoding", "'gb18030'");
    // A UTF-8 header over GB18030 rows: the first bad byte is named after good multi-byte characters.
    const std::string mixed = "姓名,手机\n" + encode("张伟,1\n王芳,2\n", "GB18030");
    expect_fails_without_writing([&] { import(mixed, o); }, Status::invalid_argument, "encoding",
                                 "byte 15 (line 2)");
}

TEST_F(LeadImportTest, AWorkbookOrBinaryFileIsNoCsv) {
    expect_fails_without_writing([&] { import(std::string("PK\x03\x04\x14\0\x06\0", 8) + "xl/workbook.xml"); },
                                 Status::invalid_argument, "encoding", "Excel workbook (.xlsx)");
    expect_fails_without_writing([&] { import(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10)); },
                                 Status::invalid_argument, "encoding", "old Excel workbook (.xls)");
    // A stray NUL that is no UTF-16 pattern.
    expect_fails_without_writing([&] { import(std::string("姓名,手机\n张伟,138\0\n", 26)); },
                                 Status::invalid_argument, "encoding", "NUL byte at byte 25");
}

TEST_F(LeadImportTest, EncodingErrorsWriteNothing) {
    LeadImportOptions o;
    o.encoding = "utf-16";
    expect_fails_without_writing([&] { import(lead_list, o); }, Status::invalid_argument, "encoding",
                                 "does not read as UTF-16");
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
