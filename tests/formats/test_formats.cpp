// The formats service: customers and family out as vCards and back in, the lists and reports as
// CSV tables, the whole archive as JSON lines and back, byte for byte.
#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"
#include "snowball/formats.hpp"
#include "snowball/profiles.hpp"

#include "common/encoding.hpp"
#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace snowball;
using namespace snowball::testing;

namespace {

NewCustomer simple(const std::string& name, const std::string& mobile) {
    NewCustomer c;
    c.site = "XH";
    c.channel = Channel::call;
    c.name = name;
    c.mobile = mobile;
    return c;
}

class FormatsTest : public GardenOfficeTest {
protected:
    Formats& formats() { return archive_.formats(); }

    // 欧阳娜娜 with a lunar birthday, a home phone, a company and a position, her husband and son.
    std::int64_t ouyang() {
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::visit;
        c.name = "欧阳娜娜";
        c.gender = Gender::female;
        c.mobile = "139 1234 5678";
        c.phones = {{PhoneKind::home, "0571-88886666"}};
        c.birthday = parse_birthday("lunar:1985-08-15");
        c.note = "喜欢南向, 安静; 预算\\300万";
        c.consultant_id = li_;
        c.filed_on = Date(2024, 1, 8);
        c.first_contact = Date(2024, 1, 8);
        const std::int64_t id = archive_.customers().add(c).id;
        archive_.profiles().set_text(id, {{"company", "杭州云栖科技有限公司"}, {"position", "技术总监"}});
        NewFamilyMember spouse;
        spouse.relation = Relation::spouse;
        spouse.name = "司马强";
        spouse.gender = Gender::male;
        spouse.phone = "13800138000";
        spouse.birthday = parse_birthday("1983-02-01");
        spouse.employer = "浙江大学";
        archive_.family().add(id, spouse);
        NewFamilyMember son;
        son.relation = Relation::child;
        son.name = "司马小明";
        son.gender = Gender::male;
        son.birthday = parse_birthday("2005-09-01");
        archive_.family().add(id, son);
        return id;
    }
};

TEST_F(FormatsTest, ExportsACustomerAndTheirFamilyAsVcards) {
    const std::int64_t id = ouyang();
    const Customer c = archive_.customers().get(id);
    const std::string vcf = formats().export_vcard();
    EXPECT_NE(vcf.find("UID:urn:snowball:" + c.archive_no + "\r\n"), std::string::npos) << vcf;
    EXPECT_NE(vcf.find("FN:欧阳娜娜\r\n"), std::string::npos);
    EXPECT_NE(vcf.find("N:欧阳;娜娜;;;\r\n"), std::string::npos);
    EXPECT_NE(vcf.find("TEL;TYPE=cell:13912345678\r\n"), std::string::npos);
    EXPECT_NE(vcf.find("TEL;TYPE=home:057188886666\r\n"), std::string::npos);
    EXPECT_NE(vcf.find("X-SNOWBALL-LUNAR-BDAY:1985-08-15\r\n"), std::string::npos);
    EXPECT_NE(vcf.find("BDAY:19850929\r\n"), std::string::npos) << "八月十五 of 1985 was 29 September";
    EXPECT_NE(vcf.find("ORG:杭州云栖科技有限公司\r\n"), std::string::npos);
    EXPECT_NE(vcf.find("TITLE:技术总监\r\n"), std::string::npos);
    EXPECT_NE(vcf.find("NOTE:喜欢南向\\, 安静\\; 预算\\\\300万\r\n"), std::string::npos);
    EXPECT_NE(vcf.find("N:司马;强;;;\r\n"), std::string::npos);
    EXPECT_NE(vcf.find("RELATED;TYPE=spouse:urn:snowball:" + c.archive_no + ":family:"), std::string::npos);
    EXPECT_NE(vcf.find("RELATED;TYPE=parent:urn:snowball:" + c.archive_no + "\r\n"), std::string::npos)
        << "the son's card names the customer as his parent";
    EXPECT_NE(vcf.find("X-SNOWBALL-RELATION:child\r\n"), std::string::npos);
    std::size_t cards = 0;
    for (std::size_t at = vcf.find("BEGIN:VCARD"); at != std::string::npos; at = vcf.find("BEGIN:VCARD", at + 1)) ++cards;
    EXPECT_EQ(cards, 3u);
    for (std::size_t start = 0; start < vcf.size();) {
        const std::size_t end = vcf.find("\r\n", start);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - start, 75u);
        start = end + 2;
    }
    const std::string only = formats().export_vcard({"XH", {id}, false});
    EXPECT_EQ(only.find("X-SNOWBALL-RELATION"), std::string::npos);
    EXPECT_EQ(formats().export_vcard({"BJ", {}, true}), "");
}

TEST_F(FormatsTest, VcardsRoundTripIntoAnotherSite) {
    const std::int64_t id = ouyang();
    const std::string vcf = formats().export_vcard({"XH", {}, true});
    const VcardImportReport r = formats().import_vcard(vcf, {"BJ", Channel::lead, zhao_, false});
    EXPECT_EQ(r.cards, 3);
    EXPECT_EQ(r.filed, 1);
    EXPECT_EQ(r.family, 2);
    EXPECT_EQ(r.skipped, 0);
    ASSERT_EQ(r.outcomes.size(), 3u);
    ASSERT_TRUE(r.outcomes[0].customer_id);
    const Customer original = archive_.customers().get(id);
    const Customer copy = archive_.customers().get(*r.outcomes[0].customer_id);
    EXPECT_EQ(copy.site, "BJ");
    EXPECT_EQ(copy.name, original.name);
    EXPECT_EQ(copy.gender, original.gender);
    EXPECT_EQ(copy.mobile, original.mobile);
    EXPECT_EQ(copy.phones, original.phones);
    EXPECT_EQ(copy.birthday, original.birthday);
    EXPECT_EQ(copy.note, original.note);
    EXPECT_EQ(copy.consultant_id, zhao_);
    const Profile profile = archive_.profiles().get(copy.id);
    ASSERT_NE(profile.entry("position"), nullptr);
    EXPECT_EQ(std::get<std::string>(profile.entry("position")->value), "技术总监");
    const auto family = archive_.family().list(copy.id);
    ASSERT_EQ(family.size(), 2u);
    EXPECT_EQ(family[0].name, "司马强");
    EXPECT_EQ(family[0].employer, "浙江大学");
    EXPECT_EQ(family[0].phone, "13800138000");
    EXPECT_EQ(to_string(*family[1].birthday), "2005-09-01");

    // The same file again: the customer is matched by phone, the family found on file.
    const VcardImportReport again = formats().import_vcard(vcf, {"BJ", Channel::lead, std::nullopt, false});
    EXPECT_EQ(again.filed, 0);
    EXPECT_EQ(again.matched, 3);
    EXPECT_EQ(again.outcomes[0].action, VcardAction::matched);
    EXPECT_EQ(again.outcomes[0].customer_id, copy.id);
    EXPECT_EQ(archive_.family().list(copy.id).size(), 2u);
}

TEST_F(FormatsTest, ImportReportsBadCardsWithTheirLinesAndFilesTheRest) {
    const std::string vcf = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:张三\r\nTEL;TYPE=cell:13911112222\r\nEND:VCARD\r\n"   // 1-5
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:李四\r\nTEL;TYPE=cell:99\r\nEND:VCARD\r\n"            // 6-10
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:王五\r\nX-SNOWBALL-RELATION:spouse\r\n"
                            "RELATED;TYPE=spouse:urn:snowball:NOPE\r\nEND:VCARD\r\n";                           // 11-16
    const VcardImportReport r = formats().import_vcard(vcf, {"XH", Channel::lead, std::nullopt, false});
    EXPECT_EQ(r.filed, 1);
    EXPECT_EQ(r.skipped, 2);
    EXPECT_EQ(r.outcomes[1].action, VcardAction::skipped);
    EXPECT_EQ(r.outcomes[1].line, 6);
    EXPECT_EQ(r.outcomes[1].error_line, 9);
    EXPECT_EQ(r.outcomes[1].field, "TEL");
    EXPECT_EQ(r.outcomes[2].error_line, 15);
    EXPECT_EQ(r.outcomes[2].field, "RELATED");
    ASSERT_TRUE(archive_.customers().by_phone("13911112222", "XH"));

    // A dry run writes nothing.
    const std::string other = "BEGIN:VCARD\nFN:赵六\nTEL:13933334444\nEND:VCARD\n";
    const VcardImportReport dry = formats().import_vcard(other, {"XH", Channel::lead, std::nullopt, true});
    EXPECT_EQ(dry.filed, 1);
    EXPECT_FALSE(archive_.customers().by_phone("13933334444", "XH"));

    expect_rejected([&] { formats().import_vcard("hello", {"XH", Channel::lead, std::nullopt, false}); },
                    Status::invalid_argument, "text", "no vCard");
    expect_rejected([&] { formats().import_vcard(other, {"ZZ", Channel::lead, std::nullopt, false}); },
                    Status::not_found, "site");
}

TEST_F(FormatsTest, TablesBecomeExcelCsv) {
    ouyang();
    const Table t = formats().customer_table({});
    ASSERT_EQ(t.rows.size(), 1u);
    const std::string csv = to_csv(t);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(csv.substr(3, csv.find("\r\n") - 3),
              "档案编号,案场,姓名,性别,手机,其他电话,来源,阶段,等级,顾问编号,首次接触,生日,备注,建档时间");
    EXPECT_NE(csv.find("\"喜欢南向, 安静; 预算\\300万\""), std::string::npos) << "RFC 4180 quoting";
    CsvOptions english;
    english.english_headers = true;
    english.encoding = CsvEncoding::utf8;
    EXPECT_EQ(to_csv(t, english).substr(0, 10), "archive_no");
    CsvOptions gb;
    gb.encoding = CsvEncoding::gb18030;
    const std::string gb_csv = to_csv(t, gb);
    EXPECT_EQ(detail::decode_to_utf8(gb_csv, "gb18030").text, csv.substr(3));
    EXPECT_NE(gb_csv.substr(0, 8), csv.substr(3, 8)) << "the GB18030 bytes differ from UTF-8";

    Table quotes{{{"a", "甲"}, {"b", "乙"}}, {{"x\"y", "line\nbreak"}}};
    EXPECT_EQ(to_csv(quotes, {CsvEncoding::utf8, false, true}), "甲,乙\r\n\"x\"\"y\",\"line\nbreak\"\r\n");
    Table ragged{{{"a", ""}}, {{"1", "2"}}};
    SB_EXPECT_ERROR(to_csv(ragged), invalid_argument, "rows[0]", "2 cells for 1 columns");
    SB_EXPECT_ERROR(parse_csv_encoding("latin1"), invalid_argument, "encoding", "gb18030");
}

TEST_F(FormatsTest, TheCareReportAndSurveyStatisticsAreTables) {
    CareReport report;
    report.site = "XH";
    report.start = report.end = Date(2026, 1, 1);
    CareReportRow row;
    row.period_start = row.period_end = report.start;
    row.consultant_name = "李娜";
    row.tasks_due = 3;
    row.by_channel = {{"phone", 2}, {"wechat", 1}};
    report.rows.push_back(row);
    const Table t = to_table(report);
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.columns[5].zh, "应做关怀");
    EXPECT_EQ(to_csv(report), to_csv(t));
    EXPECT_NE(to_csv(report).find("李娜,3,"), std::string::npos);

    SurveyStats stats;
    stats.survey_id = 7;
    stats.responses = 10;
    stats.csat = 80;
    QuestionStats q;
    q.key = "overall";
    q.text = "总体满意度";
    q.answered = 10;
    q.mean = 4.25;
    q.distribution = {{"4", 6}, {"5", 4}};
    stats.questions.push_back(q);
    const Table s = to_table(stats);
    ASSERT_EQ(s.rows.size(), 2u);
    EXPECT_EQ(s.rows[1][4], "4.25");
    EXPECT_EQ(s.rows[1][7], "4:6; 5:4");
    EXPECT_EQ(s.rows[0][5], "80.0");
}

TEST_F(FormatsTest, TheArchiveRoundTripsThroughJsonLinesByteForByte) {
    const std::int64_t id = ouyang();
    NewDeal deal;
    deal.unit = "3-1-1201";
    deal.area = 89.37;
    deal.price = 1523456.78;
    deal.date = Date(2025, 3, 1);
    archive_.customers().record_deal(id, deal);
    archive_.customers().remove(archive_.customers().add(simple("临时", "13700001111")).id);
    const std::string first = formats().export_archive();
    EXPECT_EQ(first.rfind("{\"format\":\"snowball-archive\",\"schema_version\":" + std::to_string(Archive::schema_version()) + "}\n", 0), 0u)
        << first.substr(0, 200);

    TempDir other;
    Archive copy = Archive::open(other.file("copy.db"));
    const ArchiveImportReport r = copy.formats().import_archive(first);
    EXPECT_EQ(r.schema_version, Archive::schema_version());
    EXPECT_EQ(r.tables.at("customers"), 2);
    EXPECT_EQ(copy.formats().export_archive(), first);
    EXPECT_EQ(copy.customers().get(id).name, "欧阳娜娜");
    EXPECT_DOUBLE_EQ(copy.customers().deals(id).at(0).area, 89.37);

    // Through files, into a third archive, again identical.
    const std::string path = other.file("backup.jsonl");
    copy.formats().export_archive(path);
    Archive third = Archive::open(other.file("third.db"));
    third.formats().import_archive_file(path);
    EXPECT_EQ(third.formats().export_archive(), first);
    // Numbers given once are never given again: the next customer gets a new number.
    const Customer next = third.customers().add(simple("新客户", "13700002222"));
    EXPECT_NE(next.archive_no, archive_.customers().get(id).archive_no);
}

TEST_F(FormatsTest, ArchiveImportRefusesWhatItCannotTake) {
    ouyang();
    const std::string dump = formats().export_archive();
    expect_rejected([&] { formats().import_archive(dump); }, Status::conflict, "", "not empty");

    TempDir other;
    Archive fresh = Archive::open(other.file("fresh.db"));
    std::string wrong = dump;
    const std::string version = "\"schema_version\":" + std::to_string(Archive::schema_version());
    wrong.replace(wrong.find(version), version.size(), "\"schema_version\":1");
    SB_EXPECT_ERROR(fresh.formats().import_archive(wrong), version, "line 1", "schema version 1");
    std::string broken = dump;
    broken.insert(broken.find('\n', broken.find('\n') + 1) + 1, "{not json\n");
    SB_EXPECT_ERROR(fresh.formats().import_archive(broken), invalid_argument, "line 3", "not JSON");
    SB_EXPECT_ERROR(fresh.formats().import_archive("{\"table\":\"sites\",\"row\":{}}\n"), invalid_argument,
                    "line 1", "header");
    SB_EXPECT_ERROR(fresh.formats().import_archive(dump.substr(0, dump.find('\n') + 1) +
                                                   "{\"table\":\"nope\",\"row\":{\"a\":1}}\n"),
                    invalid_argument, "line 2", "'nope'");
    EXPECT_EQ(fresh.info().customers, 0) << "a failed import leaves nothing behind";
    fresh.formats().import_archive(dump);
    EXPECT_EQ(fresh.info().customers, 1);

    Archive consultant = archive_.as("consultant:" + std::to_string(li_));
    SB_EXPECT_ERROR(consultant.formats().export_archive(), forbidden, "actor", "host");
}

} // namespace
