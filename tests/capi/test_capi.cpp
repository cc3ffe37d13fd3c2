// The happy paths of every C function, checking the JSON documents key by key and value by value
// as the header comments describe them.
#include "capi_support.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using capi_test::ArchiveTest;
using capi_test::json;
using capi_test::last_error_text;
using capi_test::Out;
using capi_test::TempDir;

std::set<std::string> keys_of(const json& object) {
    std::set<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it) keys.insert(it.key());
    return keys;
}

const std::set<std::string> customer_keys = {"id",      "archive_no",    "site",  "channel", "name",
                                             "gender",  "mobile",        "phones", "consultant_id", "tier",
                                             "stage",   "first_contact", "note",  "filed_at", "updated_at", "birthday"};
const std::set<std::string> deal_keys = {"id",   "customer_id", "site",          "unit",      "layout",
                                         "area", "price",       "date",          "bought_for", "consultant_id",
                                         "cancelled", "cancel_reason", "recorded_at"};

// UTC timestamps as the library writes them.
bool is_timestamp(const json& value) {
    static const std::regex form(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    return value.is_string() && std::regex_match(value.get<std::string>(), form);
}

// Today in China (UTC+8), the default date of visits, deals and first contacts.
std::string today_in_china() {
    const std::time_t t = std::time(nullptr) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

json parse_number(const std::string& number, const char* format = nullptr) {
    Out out;
    EXPECT_SB_OK(snowball_archive_no_parse(out.ptr(), number.c_str(), format));
    return out.doc();
}

// ---------------------------------------------------------------------------------------------
// Common

TEST(CApi, VersionAndStrings) {
    EXPECT_STREQ(SNOWBALL_VERSION, snowball_version());
    EXPECT_EQ(SNOWBALL_VERSION_NUMBER, snowball_version_number());
    // A string the library returns is the caller's, freed with snowball_string_free.
    char* text = nullptr;
    ASSERT_SB_OK(snowball_phone_normalize(&text, "138 0013 8000"));
    ASSERT_NE(nullptr, text);
    EXPECT_EQ(SNOWBALL_OK, snowball_error_last()->status);
    snowball_string_free(text);
}

// ---------------------------------------------------------------------------------------------
// Opening and the archive

TEST(CApi, OpenCreatesReopensAndReadsOnly) {
    TempDir dir;
    const std::string path = dir.file("office.db");
    snowball_archive* archive = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&archive, path.c_str(),
                                       R"({"create": true, "read_only": false, "busy_timeout_ms": 5000, "synchronous": "normal"})"));
    ASSERT_NE(nullptr, archive);
    Out out;
    ASSERT_SB_OK(snowball_archive_info(out.ptr(), archive));
    json info = out.doc();
    EXPECT_EQ((std::set<std::string>{"path", "schema_version", "library_version", "sites", "consultants", "customers",
                                     "owners"}),
              keys_of(info));
    EXPECT_EQ(path, info["path"]);
    EXPECT_EQ(SNOWBALL_VERSION, info["library_version"]);
    EXPECT_GE(info["schema_version"].get<int>(), 1);
    for (const char* count : {"sites", "consultants", "customers", "owners"}) EXPECT_EQ(0, info[count]) << count;
    ASSERT_SB_OK(snowball_site_add(out.ptr(), archive, R"({"code": "XH", "name": "西湖印象售楼处"})"));
    snowball_archive_free(archive);
    EXPECT_TRUE(std::filesystem::exists(path));

    // Reopened: the site is still there; a second handle on the same file works alongside.
    archive = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&archive, path.c_str(), R"({"create": false})"));
    snowball_archive* reader = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&reader, path.c_str(), R"({"read_only": true})"));
    ASSERT_SB_OK(snowball_site_get(out.ptr(), reader, "XH"));
    EXPECT_EQ("西湖印象售楼处", out.doc()["name"]);
    ASSERT_SB_OK(snowball_archive_info(out.ptr(), reader));
    EXPECT_EQ(1, out.doc()["sites"]);
    ASSERT_SB_OK(snowball_archive_info(out.ptr(), archive));
    EXPECT_EQ(info["schema_version"], out.doc()["schema_version"]);
    snowball_archive_free(reader);
    snowball_archive_free(archive);
}

// ---------------------------------------------------------------------------------------------
// Sites and consultants

TEST_F(ArchiveTest, Sites) {
    const json site = ok([&](char** out) {
        return snowball_site_add(out, archive_, R"({"code": " sh1 ", "name": "上海前滩售楼处"})");
    });
    EXPECT_EQ((std::set<std::string>{"id", "code", "name", "number_format", "created_at"}), keys_of(site));
    EXPECT_GT(site["id"].get<std::int64_t>(), 0);
    EXPECT_EQ("SH1", site["code"]);   // normalised
    EXPECT_EQ("上海前滩售楼处", site["name"]);
    EXPECT_EQ("{site}-{yyyy}{channel}-{seq:5}{check}", site["number_format"]);
    EXPECT_TRUE(is_timestamp(site["created_at"])) << site["created_at"];

    EXPECT_EQ(site, ok([&](char** out) { return snowball_site_get(out, archive_, "sh1"); }));

    const json list = ok([&](char** out) { return snowball_site_list(out, archive_); });
    ASSERT_TRUE(list.is_array());
    ASSERT_EQ(3u, list.size());
    EXPECT_EQ("BJ", list[0]["code"]);   // by code
    EXPECT_EQ("SH1", list[1]["code"]);
    EXPECT_EQ("XH", list[2]["code"]);
    EXPECT_EQ(site, list[1]);

    const json renamed = ok([&](char** out) {
        return snowball_site_update(out, archive_, "SH1", R"({"name": "前滩", "number_format": "{site}-{yy}{channel:ABC}-{seq:3}{check}"})");
    });
    EXPECT_EQ(site["id"], renamed["id"]);
    EXPECT_EQ("前滩", renamed["name"]);
    EXPECT_EQ("{site}-{yy}{channel:ABC}-{seq:3}{check}", renamed["number_format"]);
    EXPECT_EQ(site["created_at"], renamed["created_at"]);
    // An empty update changes nothing.
    EXPECT_EQ(renamed, ok([&](char** out) { return snowball_site_update(out, archive_, "SH1", "{}"); }));

    // The site's format numbers its customers.
    const json c = add_customer({{"site", "SH1"}, {"channel", "visit"}, {"name", "周杰"}, {"filed_on", "2024-06-01"},
                                 {"first_contact", "2024-06-01"}});
    const std::string number = c["archive_no"];
    EXPECT_EQ(0u, number.rfind("SH1-24B-001", 0)) << number;
    EXPECT_EQ(12u, number.size()) << number;   // SH1-24B-001 and the check character
    EXPECT_SB_OK(snowball_archive_no_validate(number.c_str()));
}

TEST_F(ArchiveTest, Consultants) {
    const json chen = ok([&](char** out) {
        return snowball_consultant_add(out, archive_, R"({"site": "xh", "name": "陈静", "phone": "+86 139-0013-9000"})");
    });
    EXPECT_EQ((std::set<std::string>{"id", "uid", "site", "name", "phone", "role", "manager_id", "active", "created_at"}),
              keys_of(chen));
    EXPECT_EQ("XH", chen["site"]);
    EXPECT_EQ("陈静", chen["name"]);
    EXPECT_EQ("13900139000", chen["phone"]);
    EXPECT_EQ(true, chen["active"]);
    EXPECT_TRUE(std::regex_match(chen["uid"].get<std::string>(), std::regex("[0-9a-f]{32}"))) << chen["uid"];
    EXPECT_TRUE(is_timestamp(chen["created_at"]));
    const std::int64_t id = chen["id"];
    EXPECT_EQ(chen, ok([&](char** out) { return snowball_consultant_get(out, archive_, id); }));

    // Lists: by id; the consultant who left only with include_inactive.
    const auto ids = [](const json& list) {
        std::vector<std::int64_t> out;
        for (const json& c : list) out.push_back(c["id"]);
        return out;
    };
    EXPECT_EQ((std::vector<std::int64_t>{xh_consultant_, id}),
              ids(ok([&](char** out) { return snowball_consultant_list(out, archive_, "XH", 0); })));
    EXPECT_EQ((std::vector<std::int64_t>{xh_consultant_, left_consultant_, id}),
              ids(ok([&](char** out) { return snowball_consultant_list(out, archive_, "XH", 1); })));
    EXPECT_EQ((std::vector<std::int64_t>{xh_consultant_, bj_consultant_, id}),
              ids(ok([&](char** out) { return snowball_consultant_list(out, archive_, nullptr, 0); })));
    const json inactive = ok([&](char** out) { return snowball_consultant_get(out, archive_, left_consultant_); });
    EXPECT_EQ(false, inactive["active"]);

    const json updated = ok([&](char** out) {
        return snowball_consultant_update(out, archive_, id, R"({"name": "陈晶", "phone": "010-6552 1234", "active": false})");
    });
    EXPECT_EQ("陈晶", updated["name"]);
    EXPECT_EQ("01065521234", updated["phone"]);
    EXPECT_EQ(false, updated["active"]);
    EXPECT_EQ(chen["uid"], updated["uid"]);
    const json back = ok([&](char** out) { return snowball_consultant_update(out, archive_, id, R"({"active": true})"); });
    EXPECT_EQ(true, back["active"]);
    EXPECT_EQ("陈晶", back["name"]);
}

// ---------------------------------------------------------------------------------------------
// Customers

TEST_F(ArchiveTest, CustomerAddReturnsTheDocumentedDocument) {
    const json input = {{"site", "XH"},
                        {"channel", "call"},
                        {"name", "欧阳娜娜"},
                        {"gender", "female"},
                        {"mobile", "+86 138-0013-8000"},
                        {"phones", json::array({{{"kind", "home"}, {"number", "010-6552 1234"}},
                                                {{"kind", "office"}, {"number", "0086 10 8888 9999"}}})},
                        {"consultant_id", xh_consultant_},
                        {"tier", "vip"},
                        {"first_contact", "2024-03-05"},
                        {"note", "想要三居室\n预算三百万"},
                        {"filed_on", "2024-03-06"}};
    const json c = add_customer(input);
    EXPECT_EQ(customer_keys, keys_of(c));
    EXPECT_GT(c["id"].get<std::int64_t>(), 0);
    EXPECT_EQ("XH", c["site"]);
    EXPECT_EQ("call", c["channel"]);
    EXPECT_EQ("欧阳娜娜", c["name"]);
    EXPECT_EQ("female", c["gender"]);
    EXPECT_EQ("13800138000", c["mobile"]);
    EXPECT_EQ((json::array({{{"kind", "home"}, {"number", "01065521234"}}, {{"kind", "office"}, {"number", "01088889999"}}})),
              c["phones"]);
    EXPECT_EQ(xh_consultant_, c["consultant_id"]);
    EXPECT_EQ("vip", c["tier"]);
    EXPECT_EQ("prospect", c["stage"]);
    EXPECT_EQ("2024-03-05", c["first_contact"]);
    EXPECT_EQ("想要三居室\n预算三百万", c["note"]);
    EXPECT_TRUE(is_timestamp(c["filed_at"]));
    EXPECT_EQ(c["filed_at"], c["updated_at"]);

    // The archive number: the site, the filing year, the channel, the first of its sequence.
    const std::string number = c["archive_no"];
    EXPECT_SB_OK(snowball_archive_no_validate(number.c_str()));
    const json parts = parse_number(number);
    EXPECT_EQ((std::set<std::string>{"text", "site", "channel", "year", "sequence", "check"}), keys_of(parts));
    EXPECT_EQ(number, parts["text"]);
    EXPECT_EQ("XH", parts["site"]);
    EXPECT_EQ("call", parts["channel"]);
    EXPECT_EQ(2024, parts["year"]);
    EXPECT_EQ(1, parts["sequence"]);
    EXPECT_EQ(std::string(1, number.back()), parts["check"]);
    EXPECT_EQ(0u, number.rfind("XH-2024C-00001", 0)) << number;

    EXPECT_EQ(c, ok([&](char** out) { return snowball_customer_get(out, archive_, c["id"].get<std::int64_t>()); }));
    EXPECT_EQ(1, info()["customers"]);
}

TEST_F(ArchiveTest, CustomerDefaults) {
    const json c = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "王五"}});
    EXPECT_EQ("unknown", c["gender"]);
    EXPECT_EQ("", c["mobile"]);
    EXPECT_EQ(json::array(), c["phones"]);
    EXPECT_TRUE(c["consultant_id"].is_null());
    EXPECT_EQ("ordinary", c["tier"]);
    EXPECT_EQ("prospect", c["stage"]);
    EXPECT_EQ(today_in_china(), c["first_contact"]);
    EXPECT_EQ("", c["note"]);
    const json parts = parse_number(c["archive_no"]);
    EXPECT_EQ("lead", parts["channel"]);
    EXPECT_EQ(std::stoi(today_in_china().substr(0, 4)), parts["year"]);

    // A walk-in is a visitor from the start, with the first contact as a visit.
    const json walk_in = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "赵六"}, {"first_contact", "2024-05-01"},
                                       {"consultant_id", xh_consultant_}});
    EXPECT_EQ("visitor", walk_in["stage"]);
    const json visits = ok([&](char** out) { return snowball_visit_list(out, archive_, walk_in["id"].get<std::int64_t>()); });
    ASSERT_EQ(1u, visits.size());
    EXPECT_EQ("2024-05-01", visits[0]["date"]);
    EXPECT_EQ(xh_consultant_, visits[0]["consultant_id"]);
}

TEST_F(ArchiveTest, ArchiveNumbersAreGapFreeAndNeverReused) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 3; ++i)
        ids.push_back(add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "客户" + std::to_string(i)},
                                    {"filed_on", "2024-01-02"}, {"first_contact", "2024-01-02"}})["id"]);
    // Another channel, year or site is another sequence.
    const json lead = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "线索"}, {"filed_on", "2024-01-02"},
                                    {"first_contact", "2024-01-02"}});
    EXPECT_EQ(1, parse_number(lead["archive_no"])["sequence"]);
    const json older = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "老客户"}, {"filed_on", "2023-12-31"},
                                     {"first_contact", "2023-12-31"}});
    EXPECT_EQ(1, parse_number(older["archive_no"])["sequence"]);
    EXPECT_EQ(2023, parse_number(older["archive_no"])["year"]);
    const json bj = add_customer({{"site", "BJ"}, {"channel", "call"}, {"name", "北京"}, {"filed_on", "2024-01-02"},
                                  {"first_contact", "2024-01-02"}});
    EXPECT_EQ(1, parse_number(bj["archive_no"])["sequence"]);
    EXPECT_EQ("BJ", parse_number(bj["archive_no"])["site"]);

    // Removing the newest customer retires its number.
    const json third = ok([&](char** out) { return snowball_customer_get(out, archive_, ids[2]); });
    ASSERT_SB_OK(snowball_customer_remove(archive_, ids[2]));
    const json fourth = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "第四位"}, {"filed_on", "2024-01-03"},
                                      {"first_contact", "2024-01-03"}});
    EXPECT_EQ(4, parse_number(fourth["archive_no"])["sequence"]);
    EXPECT_NE(third["archive_no"], fourth["archive_no"]);
    Out out;
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_customer_by_archive_no(out.ptr(), archive_, third["archive_no"].get<std::string>().c_str()));
    for (std::int64_t seq = 1; seq <= 2; ++seq) {
        const json c = ok([&](char** o) { return snowball_customer_get(o, archive_, ids[static_cast<std::size_t>(seq - 1)]); });
        EXPECT_EQ(seq, parse_number(c["archive_no"])["sequence"]);
    }
}

TEST_F(ArchiveTest, AddManyFilesAllInOrder) {
    const json filed = ok([&](char** out) {
        return snowball_customer_add_many(out, archive_, R"([
            {"site": "XH", "channel": "lead", "name": "甲", "mobile": "13700137001", "filed_on": "2024-02-01", "first_contact": "2024-02-01"},
            {"site": "XH", "channel": "lead", "name": "乙", "mobile": "13700137002", "filed_on": "2024-02-01", "first_contact": "2024-02-01"},
            {"site": "BJ", "channel": "call", "name": "丙", "mobile": "13700137001", "filed_on": "2024-02-01", "first_contact": "2024-02-01"}])");
    });
    ASSERT_TRUE(filed.is_array());
    ASSERT_EQ(3u, filed.size());
    EXPECT_EQ("甲", filed[0]["name"]);
    EXPECT_EQ("乙", filed[1]["name"]);
    EXPECT_EQ("丙", filed[2]["name"]);
    for (const json& c : filed) EXPECT_EQ(customer_keys, keys_of(c));
    EXPECT_EQ(1, parse_number(filed[0]["archive_no"])["sequence"]);
    EXPECT_EQ(2, parse_number(filed[1]["archive_no"])["sequence"]);
    EXPECT_EQ("BJ", filed[2]["site"]);
    EXPECT_EQ(3, customer_count());
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_customer_add_many(out, archive_, "[]"); }));
}

TEST_F(ArchiveTest, CustomerUpdate) {
    const json c = add_customer({{"site", "XH"},
                                 {"channel", "call"},
                                 {"name", "张伟"},
                                 {"mobile", "13800138000"},
                                 {"consultant_id", xh_consultant_},
                                 {"phones", json::array({{{"kind", "home"}, {"number", "01065521234"}}})},
                                 {"first_contact", "2024-03-05"}});
    const std::int64_t id = c["id"];
    const json u = ok([&](char** out) {
        return snowball_customer_update(out, archive_, id, R"({"name": "张 伟", "gender": "male", "tier": "vip",
            "note": "改约周六", "first_contact": "2024-03-01", "phones": [{"kind": "other", "number": "0571-8888 9999"}]})");
    });
    EXPECT_EQ(id, u["id"]);
    EXPECT_EQ(c["archive_no"], u["archive_no"]);
    EXPECT_EQ(c["channel"], u["channel"]);
    EXPECT_EQ("张 伟", u["name"]);
    EXPECT_EQ("male", u["gender"]);
    EXPECT_EQ("vip", u["tier"]);
    EXPECT_EQ("改约周六", u["note"]);
    EXPECT_EQ("2024-03-01", u["first_contact"]);
    EXPECT_EQ("13800138000", u["mobile"]);   // untouched
    EXPECT_EQ((json::array({{{"kind", "other"}, {"number", "057188889999"}}})), u["phones"]);
    EXPECT_EQ(xh_consultant_, u["consultant_id"]);
    EXPECT_TRUE(is_timestamp(u["updated_at"]));
    EXPECT_EQ(c["filed_at"], u["filed_at"]);

    // "" clears the mobile, null unassigns the consultant; the old numbers are free again.
    const json cleared =
        ok([&](char** out) { return snowball_customer_update(out, archive_, id, R"({"mobile": "", "consultant_id": null})"); });
    EXPECT_EQ("", cleared["mobile"]);
    EXPECT_TRUE(cleared["consultant_id"].is_null());
    Out out;
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_customer_by_phone(out.ptr(), archive_, "13800138000", "XH"));
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_customer_by_phone(out.ptr(), archive_, "01065521234", "XH"));
    const json other = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李四"}, {"mobile", "13800138000"}});
    EXPECT_NE(id, other["id"]);
    // The found phone now belongs to the other customer.
    const json found = ok([&](char** o) { return snowball_customer_by_phone(o, archive_, "138 0013 8000", "XH"); });
    EXPECT_EQ(other["id"], found["id"]);
}

TEST_F(ArchiveTest, Lookups) {
    const json zhang = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"},
                                     {"phones", json::array({{{"kind", "home"}, {"number", "01065521234"}}})}});
    const json zhang_bj = add_customer({{"site", "BJ"}, {"channel", "visit"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    const json zhao = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "张三丰"}, {"mobile", "13900139000"}});
    add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}});

    // By archive number, also typed in lower case or with full-width characters.
    const std::string number = zhang["archive_no"];
    EXPECT_EQ(zhang, ok([&](char** out) { return snowball_customer_by_archive_no(out, archive_, number.c_str()); }));
    std::string lower = number;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    EXPECT_EQ(zhang["id"], ok([&](char** out) { return snowball_customer_by_archive_no(out, archive_, (" " + lower + " ").c_str()); })["id"]);

    // By phone, in any accepted form; the site picks among sites.
    for (const char* phone : {"13800138000", "+86 138 0013 8000", "0086-138-0013-8000", "8613800138000", "（138）0013 8000"}) {
        const json found = ok([&](char** out) { return snowball_customer_by_phone(out, archive_, phone, "XH"); });
        EXPECT_EQ(zhang["id"], found["id"]) << phone;
    }
    EXPECT_EQ(zhang_bj["id"], ok([&](char** out) { return snowball_customer_by_phone(out, archive_, "13800138000", "bj"); })["id"]);
    EXPECT_EQ(zhang["id"], ok([&](char** out) { return snowball_customer_by_phone(out, archive_, "010-6552-1234", "XH"); })["id"]);
    EXPECT_EQ(zhao["id"], ok([&](char** out) { return snowball_customer_by_phone(out, archive_, "139 0013 9000", nullptr); })["id"]);
    EXPECT_EQ(zhao["id"], ok([&](char** out) { return snowball_customer_by_phone(out, archive_, "139 0013 9000", ""); })["id"]);

    const json both = ok([&](char** out) { return snowball_customer_find_by_phone(out, archive_, "+8613800138000"); });
    ASSERT_EQ(2u, both.size());
    EXPECT_EQ("BJ", both[0]["site"]);   // by site code
    EXPECT_EQ("XH", both[1]["site"]);
    EXPECT_EQ(zhang, both[1]);
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_customer_find_by_phone(out, archive_, "13700137000"); }));

    // By name prefix (Chinese names compare by code point).
    const auto names = [](const json& list) {
        std::vector<std::string> out;
        for (const json& c : list) out.push_back(c["name"]);
        return out;
    };
    EXPECT_EQ((std::vector<std::string>{"张三丰", "张伟"}),
              names(ok([&](char** out) { return snowball_customer_find_by_name(out, archive_, "张", "XH", 10); })));
    EXPECT_EQ(3u, ok([&](char** out) { return snowball_customer_find_by_name(out, archive_, "张", nullptr, 10); }).size());
    EXPECT_EQ(1u, ok([&](char** out) { return snowball_customer_find_by_name(out, archive_, "张", nullptr, 1); }).size());
    EXPECT_EQ((std::vector<std::string>{"李娜"}),
              names(ok([&](char** out) { return snowball_customer_find_by_name(out, archive_, "李娜", nullptr, 1000); })));
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_customer_find_by_name(out, archive_, "王", nullptr, 10); }));
    for (const json& c : ok([&](char** out) { return snowball_customer_find_by_name(out, archive_, "张", nullptr, 10); }))
        EXPECT_EQ(customer_keys, keys_of(c));
}

TEST_F(ArchiveTest, LookupsThatFindNobodyAreNotFound) {
    add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    Out rendered;
    ASSERT_SB_OK(snowball_archive_no_render(rendered.ptr(), "{site}-{yyyy}{channel}-{seq:5}{check}", "XH", "call", 2020, 1));
    Out out;
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_customer_by_archive_no(out.ptr(), archive_, rendered.str()));
    EXPECT_EQ(nullptr, out.str());
    EXPECT_STRNE("", snowball_error_last()->message);
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_customer_by_phone(out.ptr(), archive_, "13700137000", "XH"));
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_customer_by_phone(out.ptr(), archive_, "13700137000", nullptr));
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_customer_by_phone(out.ptr(), archive_, "13800138000", "BJ"));
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_customer_get(out.ptr(), archive_, 999));
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_deal_get(out.ptr(), archive_, 999));
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_consultant_get(out.ptr(), archive_, 999));
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_site_get(out.ptr(), archive_, "SH"));
}

TEST_F(ArchiveTest, ConflictNamesTheExistingCustomer) {
    const json zhang = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    Out out;
    EXPECT_EQ(SNOWBALL_ECONFLICT,
              snowball_customer_add(out.ptr(), archive_, R"({"site": "XH", "channel": "lead", "name": "张伟", "mobile": "+86 13800138000"})"));
    EXPECT_EQ(zhang["id"], snowball_error_last()->record_id);
    EXPECT_STREQ("mobile", snowball_error_last()->field);
    EXPECT_EQ(nullptr, out.str());
    EXPECT_EQ(1, customer_count());
}

TEST_F(ArchiveTest, ListFiltersAndPages) {
    add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "甲一"}, {"first_contact", "2024-01-10"}, {"tier", "vip"},
                  {"consultant_id", xh_consultant_}});
    add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "甲二"}, {"first_contact", "2024-02-10"}});
    add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "乙三"}, {"first_contact", "2024-03-10"},
                  {"consultant_id", xh_consultant_}});
    add_customer({{"site", "BJ"}, {"channel", "lead"}, {"name", "甲四"}, {"first_contact", "2024-04-10"}});
    add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "丙五"}, {"first_contact", "2024-05-10"}});

    const auto list = [&](const char* query) { return ok([&](char** out) { return snowball_customer_list(out, archive_, query); }); };
    const auto names = [](const json& page) {
        std::vector<std::string> out;
        for (const json& c : page["items"]) out.push_back(c["name"]);
        return out;
    };
    const json all = list(nullptr);
    EXPECT_EQ((std::set<std::string>{"total", "items"}), keys_of(all));
    EXPECT_EQ(5, all["total"]);
    EXPECT_EQ((std::vector<std::string>{"甲一", "甲二", "乙三", "甲四", "丙五"}), names(all));   // by id
    for (const json& c : all["items"]) EXPECT_EQ(customer_keys, keys_of(c));
    EXPECT_EQ(all, list("{}"));

    EXPECT_EQ((std::vector<std::string>{"甲四"}), names(list(R"({"site": "BJ"})")));
    EXPECT_EQ((std::vector<std::string>{"乙三", "丙五"}), names(list(R"({"site": "XH", "channel": "lead"})")));
    EXPECT_EQ((std::vector<std::string>{"甲二"}), names(list(R"({"stage": "visitor"})")));
    EXPECT_EQ((std::vector<std::string>{"甲一"}), names(list(R"({"tier": "vip"})")));
    EXPECT_EQ((std::vector<std::string>{"甲一", "乙三"}),
              names(list(("{\"consultant_id\": " + std::to_string(xh_consultant_) + "}").c_str())));
    EXPECT_EQ((std::vector<std::string>{"甲二", "乙三", "甲四"}),
              names(list(R"({"first_contact_from": "2024-02-10", "first_contact_to": "2024-04-10"})")));
    EXPECT_EQ((std::vector<std::string>{"甲一", "甲二", "甲四"}), names(list(R"({"name_prefix": "甲"})")));
    EXPECT_EQ(0, list(R"({"name_prefix": "丁"})")["total"]);

    // Paging: total counts every match, items hold one page.
    const json page2 = list(R"({"limit": 2, "offset": 2})");
    EXPECT_EQ(5, page2["total"]);
    EXPECT_EQ((std::vector<std::string>{"乙三", "甲四"}), names(page2));
    const json last = list(R"({"limit": 2, "offset": 4})");
    EXPECT_EQ(5, last["total"]);
    EXPECT_EQ((std::vector<std::string>{"丙五"}), names(last));
    const json beyond = list(R"({"limit": 2, "offset": 10})");
    EXPECT_EQ(5, beyond["total"]);
    EXPECT_EQ(json::array(), beyond["items"]);
    const json filtered_page = list(R"({"name_prefix": "甲", "limit": 1, "offset": 1})");
    EXPECT_EQ(3, filtered_page["total"]);
    EXPECT_EQ((std::vector<std::string>{"甲二"}), names(filtered_page));
}

TEST_F(ArchiveTest, Reassign) {
    Out out;
    ASSERT_SB_OK(snowball_consultant_add(out.ptr(), archive_, R"({"site": "XH", "name": "陈静"})"));
    const std::int64_t chen = out.doc()["id"];
    for (const char* name : {"甲", "乙"})
        add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", name}, {"consultant_id", xh_consultant_}});
    const json unassigned = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "丙"}});
    std::int64_t moved = -1;
    ASSERT_SB_OK(snowball_customer_reassign(&moved, archive_, xh_consultant_, chen));
    EXPECT_EQ(2, moved);
    const json mine = ok([&](char** o) {
        return snowball_customer_list(o, archive_, ("{\"consultant_id\": " + std::to_string(chen) + "}").c_str());
    });
    EXPECT_EQ(2, mine["total"]);
    EXPECT_TRUE(ok([&](char** o) { return snowball_customer_get(o, archive_, unassigned["id"].get<std::int64_t>()); })["consultant_id"].is_null());
    ASSERT_SB_OK(snowball_customer_reassign(&moved, archive_, xh_consultant_, chen));
    EXPECT_EQ(0, moved);
}

// ---------------------------------------------------------------------------------------------
// Visits and deals

TEST_F(ArchiveTest, Visits) {
    const json c = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"first_contact", "2024-03-05"},
                                 {"consultant_id", xh_consultant_}});
    const std::int64_t id = c["id"];
    const json second = ok([&](char** out) {
        return snowball_visit_record(out, archive_, id, R"({"date": "2024-04-02", "note": "看了样板间"})");
    });
    EXPECT_EQ((std::set<std::string>{"id", "customer_id", "date", "consultant_id", "note", "recorded_at"}), keys_of(second));
    EXPECT_EQ(id, second["customer_id"]);
    EXPECT_EQ("2024-04-02", second["date"]);
    EXPECT_EQ(xh_consultant_, second["consultant_id"]);   // the customer's consultant by default
    EXPECT_EQ("看了样板间", second["note"]);
    EXPECT_TRUE(is_timestamp(second["recorded_at"]));
    EXPECT_EQ("visitor", ok([&](char** out) { return snowball_customer_get(out, archive_, id); })["stage"]);

    Out out;
    ASSERT_SB_OK(snowball_consultant_add(out.ptr(), archive_, R"({"site": "XH", "name": "陈静"})"));
    const std::int64_t chen = out.doc()["id"];
    const json first = ok([&](char** o) {
        return snowball_visit_record(o, archive_, id, ("{\"date\": \"2024-03-20\", \"consultant_id\": " + std::to_string(chen) + "}").c_str());
    });
    EXPECT_EQ(chen, first["consultant_id"]);
    const json today = ok([&](char** o) { return snowball_visit_record(o, archive_, id, nullptr); });
    EXPECT_EQ(today_in_china(), today["date"]);
    EXPECT_EQ("", today["note"]);

    const json visits = ok([&](char** o) { return snowball_visit_list(o, archive_, id); });
    ASSERT_EQ(3u, visits.size());   // by date
    EXPECT_EQ(first, visits[0]);
    EXPECT_EQ(second, visits[1]);
    EXPECT_EQ(today, visits[2]);
}

TEST_F(ArchiveTest, DealsAndTheClosedDealArchive) {
    const json zhang = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"first_contact", "2024-01-05"},
                                     {"consultant_id", xh_consultant_}});
    const json li = add_customer({{"site", "BJ"}, {"channel", "visit"}, {"name", "李娜"}, {"first_contact", "2024-01-05"}});
    const std::int64_t zid = zhang["id"], lid = li["id"];
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_deal_list(out, archive_, zid); }));

    const json deal = ok([&](char** out) {
        return snowball_deal_record(out, archive_, zid, R"({"unit": "3-1-1201", "layout": "3室2厅2卫", "area": 128.5,
            "price": 3560000, "date": "2024-02-14", "bought_for": "父母"})");
    });
    EXPECT_EQ(deal_keys, keys_of(deal));
    EXPECT_EQ(zid, deal["customer_id"]);
    EXPECT_EQ("XH", deal["site"]);
    EXPECT_EQ("3-1-1201", deal["unit"]);
    EXPECT_EQ("3室2厅2卫", deal["layout"]);
    EXPECT_DOUBLE_EQ(128.5, deal["area"].get<double>());
    EXPECT_DOUBLE_EQ(3560000, deal["price"].get<double>());
    EXPECT_EQ("2024-02-14", deal["date"]);
    EXPECT_EQ("父母", deal["bought_for"]);
    EXPECT_EQ(xh_consultant_, deal["consultant_id"]);
    EXPECT_EQ(false, deal["cancelled"]);
    EXPECT_EQ("", deal["cancel_reason"]);
    EXPECT_TRUE(is_timestamp(deal["recorded_at"]));
    EXPECT_EQ("owner", ok([&](char** out) { return snowball_customer_get(out, archive_, zid); })["stage"]);
    const std::int64_t deal_id = deal["id"];
    EXPECT_EQ(deal, ok([&](char** out) { return snowball_deal_get(out, archive_, deal_id); }));
    EXPECT_EQ(json::array({deal}), ok([&](char** out) { return snowball_deal_list(out, archive_, zid); }));

    const json li_deal = ok([&](char** out) {
        return snowball_deal_record(out, archive_, lid, R"({"unit": "A-0808", "area": 89, "price": 2100000, "date": "2024-03-01"})");
    });
    EXPECT_EQ("BJ", li_deal["site"]);
    EXPECT_TRUE(li_deal["consultant_id"].is_null());
    EXPECT_EQ(2, info()["owners"]);

    // The closed-deal archive: newest first, each with its owner.
    const auto archive = [&](const char* query) { return ok([&](char** out) { return snowball_deal_archive(out, archive_, query); }); };
    const json all = archive(nullptr);
    EXPECT_EQ((std::set<std::string>{"total", "items"}), keys_of(all));
    EXPECT_EQ(2, all["total"]);
    ASSERT_EQ(2u, all["items"].size());
    EXPECT_EQ((std::set<std::string>{"deal", "customer"}), keys_of(all["items"][0]));
    EXPECT_EQ(li_deal, all["items"][0]["deal"]);
    EXPECT_EQ(deal, all["items"][1]["deal"]);
    EXPECT_EQ(zid, all["items"][1]["customer"]["id"]);
    EXPECT_EQ("owner", all["items"][1]["customer"]["stage"]);
    EXPECT_EQ(customer_keys, keys_of(all["items"][1]["customer"]));
    EXPECT_EQ(all, archive("{}"));
    EXPECT_EQ(1, archive(R"({"site": "XH"})")["total"]);
    EXPECT_EQ(deal_id, archive(R"({"site": "XH"})")["items"][0]["deal"]["id"]);
    EXPECT_EQ(1, archive(("{\"consultant_id\": " + std::to_string(xh_consultant_) + "}").c_str())["total"]);
    EXPECT_EQ(1, archive(R"({"from": "2024-02-15"})")["total"]);
    EXPECT_EQ(1, archive(R"({"to": "2024-02-14"})")["total"]);
    EXPECT_EQ(2, archive(R"({"from": "2024-02-14", "to": "2024-03-01"})")["total"]);
    const json page = archive(R"({"limit": 1, "offset": 1})");
    EXPECT_EQ(2, page["total"]);
    ASSERT_EQ(1u, page["items"].size());
    EXPECT_EQ(deal_id, page["items"][0]["deal"]["id"]);

    // A cancelled deal (退房) stays on file; the owner becomes a visitor again.
    const json cancelled = ok([&](char** out) { return snowball_deal_cancel(out, archive_, deal_id, "贷款未批"); });
    EXPECT_EQ(true, cancelled["cancelled"]);
    EXPECT_EQ("贷款未批", cancelled["cancel_reason"]);
    EXPECT_EQ(deal["unit"], cancelled["unit"]);
    EXPECT_EQ(cancelled, ok([&](char** out) { return snowball_deal_get(out, archive_, deal_id); }));
    const json after = ok([&](char** out) { return snowball_customer_get(out, archive_, zid); });
    EXPECT_NE("owner", after["stage"]);
    EXPECT_EQ(1, archive(nullptr)["total"]);
    EXPECT_EQ(2, archive(R"({"include_cancelled": true})")["total"]);
    EXPECT_EQ(1, info()["owners"]);
    // The unit can be sold again.
    const json resold = ok([&](char** out) {
        return snowball_deal_record(out, archive_, zid, R"({"unit": "3-1-1201", "area": 128.5, "price": 3500000})");
    });
    EXPECT_EQ(today_in_china(), resold["date"]);
    EXPECT_EQ(2u, ok([&](char** out) { return snowball_deal_list(out, archive_, zid); }).size());
}

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

// ---------------------------------------------------------------------------------------------
// Profile templates, profiles, family members, the briefing

const std::set<std::string> label_keys = {"zh", "zh_hant", "en"};
const std::set<std::string> template_keys = {"site", "version", "created_at", "sections", "fields"};
const std::set<std::string> field_keys = {"key",    "section",     "number", "label",  "type",     "options",    "help",
                                          "weight", "sensitivity", "in_briefing", "hidden", "bound_to", "family_link"};
const std::set<std::string> member_keys = {"id",        "customer_id", "relation", "name",   "gender",
                                           "birthday",  "phone",       "employer", "education", "interests",
                                           "school",    "closest",     "note",     "created_at", "updated_at"};

json field_of(const json& t, const std::string& key) {
    for (const json& f : t["fields"])
        if (f["key"] == key) return f;
    ADD_FAILURE() << "no field " << key;
    return json();
}

TEST(CApi, TheDefaultTemplate) {
    Out out;
    ASSERT_SB_OK(snowball_template_default(out.ptr()));
    const json t = out.doc();
    EXPECT_EQ(template_keys, keys_of(t));
    EXPECT_TRUE(t["site"].is_null());
    EXPECT_EQ(0, t["version"]);
    EXPECT_TRUE(t["created_at"].is_null());
    ASSERT_EQ(6u, t["sections"].size());
    for (const json& s : t["sections"]) {
        EXPECT_EQ((std::set<std::string>{"key", "label"}), keys_of(s));
        EXPECT_EQ(label_keys, keys_of(s["label"]));
    }
    EXPECT_EQ("family", t["sections"][1]["key"]);
    ASSERT_EQ(42u, t["fields"].size());
    for (std::size_t i = 0; i < 42; ++i) {
        const json& f = t["fields"][i];
        EXPECT_EQ(field_keys, keys_of(f)) << i;
        EXPECT_EQ(static_cast<int>(i) + 1, f["number"]);
        EXPECT_EQ(label_keys, keys_of(f["label"]));
        EXPECT_EQ(label_keys, keys_of(f["help"]));
        EXPECT_FALSE(f["hidden"].get<bool>());
        for (const json& o : f["options"]) {
            EXPECT_EQ((std::set<std::string>{"key", "label"}), keys_of(o));
            EXPECT_EQ(label_keys, keys_of(o["label"]));
        }
    }
    const json education = t["fields"][7];
    EXPECT_EQ("education", education["key"]);
    EXPECT_EQ("教育背景", education["label"]["zh"]);
    EXPECT_EQ("Education", education["label"]["en"]);
    EXPECT_NE(std::string::npos, education["help"]["zh"].get<std::string>().find("是否在意学位"));
    EXPECT_EQ("text", education["type"]);
    const json gender = t["fields"][0];
    EXPECT_EQ("gender", gender["bound_to"]);
    EXPECT_EQ("single_choice", gender["type"]);
    EXPECT_EQ("health", t["fields"][21]["sensitivity"]);
    EXPECT_EQ("whereabouts", t["fields"][34]["sensitivity"]);
    EXPECT_EQ("minors", t["fields"][14]["sensitivity"]);
    EXPECT_EQ("child", t["fields"][14]["family_link"]);
    EXPECT_EQ("multi_choice", t["fields"][27]["type"]);
    EXPECT_EQ(7u, t["fields"][27]["options"].size());
    EXPECT_EQ("yes_no", t["fields"][31]["type"]);
    EXPECT_TRUE(t["fields"][19]["in_briefing"].get<bool>());
    EXPECT_EQ("", t["fields"][19]["bound_to"]);
}

TEST_F(ArchiveTest, TemplatesAreEditedInVersions) {
    const json v0 = ok([&](char** out) { return snowball_template_get(out, archive_, "XH", -1); });
    EXPECT_EQ(template_keys, keys_of(v0));
    EXPECT_EQ("XH", v0["site"]);
    EXPECT_EQ(0, v0["version"]);
    const std::string edits = R"([
        {"op": "add_section", "key": "investment", "label": {"zh": "投资意向", "zh_hant": "投資意向", "en": "Investment"}},
        {"op": "add_field", "after": "car_brand", "field": {"key": "parking", "section": "standing", "label": "车位需求",
         "type": "single_choice", "options": [{"key": "none", "label": "不需要"}, {"key": "one", "label": {"zh": "一个", "en": "One"}}],
         "help": {"zh": "是否需要车位", "en": "Parking?"}, "weight": 2, "sensitivity": "none", "in_briefing": true}},
        {"op": "add_field", "field": {"key": "budget", "section": "investment", "label": "预算", "type": "number"}},
        {"op": "hide", "key": "plate_number"},
        {"op": "rename", "key": "knowledge_of_us", "label": {"zh": "对建业房产的了解"}},
        {"op": "move", "key": "health", "after": "position"},
        {"op": "extend_options", "key": "ideal_residence", "options": [{"key": "school_district", "label": {"zh": "学区", "en": "School district"}}]},
        {"op": "set_weight", "key": "car_brand", "weight": 4},
        {"op": "set_in_briefing", "key": "health", "in_briefing": true}
    ])";
    const json t = ok([&](char** out) {
        return snowball_template_edit(out, archive_, "XH", edits.c_str(), xh_consultant_, "第一版");
    });
    EXPECT_EQ(template_keys, keys_of(t));
    EXPECT_EQ("XH", t["site"]);
    EXPECT_EQ(1, t["version"]);
    EXPECT_TRUE(is_timestamp(t["created_at"]));
    EXPECT_EQ(7u, t["sections"].size());
    EXPECT_EQ(44u, t["fields"].size());
    const json parking = field_of(t, "parking");
    EXPECT_EQ(0, parking["number"]);
    EXPECT_EQ("standing", parking["section"]);
    EXPECT_EQ((json{{"zh", "车位需求"}, {"zh_hant", ""}, {"en", ""}}), parking["label"]);   // a plain string is "zh"
    EXPECT_EQ("One", parking["options"][1]["label"]["en"]);
    EXPECT_EQ(2.0, parking["weight"]);
    EXPECT_TRUE(parking["in_briefing"].get<bool>());
    EXPECT_EQ("Parking?", parking["help"]["en"]);
    EXPECT_EQ("investment", t["fields"].back()["section"]);
    EXPECT_TRUE(field_of(t, "plate_number")["hidden"].get<bool>());
    EXPECT_EQ("对建业房产的了解", field_of(t, "knowledge_of_us")["label"]["zh"]);
    EXPECT_EQ("What they know of our company", field_of(t, "knowledge_of_us")["label"]["en"]);
    EXPECT_EQ("standing", field_of(t, "health")["section"]);
    EXPECT_TRUE(field_of(t, "health")["in_briefing"].get<bool>());
    EXPECT_EQ("school_district", field_of(t, "ideal_residence")["options"][7]["key"]);
    EXPECT_EQ(4.0, field_of(t, "car_brand")["weight"]);

    ok([&](char** out) { return snowball_template_edit(out, archive_, "XH", R"([{"op": "show", "key": "plate_number"}])", 0, nullptr); });
    const json versions = ok([&](char** out) { return snowball_template_versions(out, archive_, "XH"); });
    ASSERT_EQ(3u, versions.size());
    for (const json& v : versions) EXPECT_EQ((std::set<std::string>{"version", "created_at", "by", "note"}), keys_of(v));
    EXPECT_EQ(0, versions[0]["version"]);
    EXPECT_TRUE(versions[0]["by"].is_null());
    EXPECT_EQ(1, versions[1]["version"]);
    EXPECT_EQ(xh_consultant_, versions[1]["by"]);
    EXPECT_EQ("第一版", versions[1]["note"]);
    EXPECT_TRUE(is_timestamp(versions[1]["created_at"]));
    EXPECT_TRUE(versions[2]["by"].is_null());
    EXPECT_EQ("", versions[2]["note"]);
    EXPECT_EQ(t, ok([&](char** out) { return snowball_template_get(out, archive_, "XH", 1); }));
    EXPECT_EQ(2, ok([&](char** out) { return snowball_template_get(out, archive_, "XH", -1); })["version"]);
    EXPECT_EQ(42u, ok([&](char** out) { return snowball_template_get(out, archive_, "XH", 0); })["fields"].size());
    EXPECT_EQ(0, ok([&](char** out) { return snowball_template_get(out, archive_, "BJ", -1); })["version"]);
}

TEST_F(ArchiveTest, ProfilesAreSetReadAndRecorded) {
    const json c = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"gender", "male"},
                                 {"mobile", "13800138000"}, {"consultant_id", xh_consultant_}});
    const std::int64_t id = c["id"];
    ok([&](char** out) {
        return snowball_template_edit(out, archive_, "XH",
                                      R"([{"op": "add_field", "field": {"key": "move_in", "section": "property", "label": {"zh": "入住日期", "en": "Move-in date"}, "type": "date"}},
                                          {"op": "add_field", "field": {"key": "budget", "section": "property", "label": "预算", "type": "number"}}])",
                                      0, nullptr);
    });
    ASSERT_SB_OK(snowball_profile_set(archive_, id,
                                      R"({"drinking": ["红酒", "baijiu", "wine"], "marital_status": "已婚", "cares_about_neighbours": true,
                                          "budget": 300.5, "move_in": "2026-10-01", "position": " 总经理 ", "home_phone": "010-6552 1234"})",
                                      xh_consultant_));
    ASSERT_SB_OK(snowball_profile_set_text(archive_, id, R"({"favourite_cuisine": "川菜、火锅", "car_brand": "宝马"})", 0));

    const json p = ok([&](char** out) { return snowball_profile_get(out, archive_, id, nullptr); });
    EXPECT_EQ((std::set<std::string>{"customer_id", "site", "template_version", "as_of", "values", "sections"}), keys_of(p));
    EXPECT_EQ(id, p["customer_id"]);
    EXPECT_EQ("XH", p["site"]);
    EXPECT_EQ(1, p["template_version"]);
    EXPECT_TRUE(p["as_of"].is_null());
    const json& v = p["values"];
    EXPECT_EQ(44u, v.size());
    EXPECT_EQ((json{"baijiu", "wine"}), v["drinking"]);
    EXPECT_EQ("married", v["marital_status"]);
    EXPECT_EQ(true, v["cares_about_neighbours"]);
    EXPECT_EQ(300.5, v["budget"]);
    EXPECT_EQ("2026-10-01", v["move_in"]);
    EXPECT_EQ("总经理", v["position"]);
    EXPECT_EQ("male", v["gender"]);
    EXPECT_EQ("13800138000", v["mobile"]);
    EXPECT_EQ("01065521234", v["home_phone"]);
    EXPECT_EQ((json{"sichuan", "hotpot"}), v["favourite_cuisine"]);
    EXPECT_TRUE(v["health"].is_null());
    ASSERT_EQ(6u, p["sections"].size());
    const json& basic = p["sections"][0];
    EXPECT_EQ((std::set<std::string>{"key", "label", "fields"}), keys_of(basic));
    EXPECT_EQ("基本信息", basic["label"]);
    const std::set<std::string> entry_keys = {"key", "label", "type", "value", "display", "help", "hidden", "sensitivity",
                                              "updated_at", "updated_by"};
    std::map<std::string, json> entries;
    for (const json& s : p["sections"])
        for (const json& f : s["fields"]) {
            EXPECT_EQ(entry_keys, keys_of(f));
            entries[f["key"]] = f;
        }
    EXPECT_EQ(44u, entries.size());
    EXPECT_EQ("白酒、红酒", entries["drinking"]["display"]);
    EXPECT_EQ("饮酒", entries["drinking"]["label"]);
    EXPECT_EQ("multi_choice", entries["drinking"]["type"]);
    EXPECT_EQ(xh_consultant_, entries["drinking"]["updated_by"]);
    EXPECT_TRUE(is_timestamp(entries["drinking"]["updated_at"]));
    EXPECT_TRUE(entries["car_brand"]["updated_by"].is_null());
    EXPECT_TRUE(entries["health"]["updated_at"].is_null());
    EXPECT_EQ("health", entries["health"]["sensitivity"]);
    EXPECT_EQ("是", entries["cares_about_neighbours"]["display"]);
    EXPECT_EQ("已婚", entries["marital_status"]["display"]);
    EXPECT_NE(std::string::npos, entries["education"]["help"].get<std::string>().find("学位"));

    // In English, and as of a day.
    const json en = ok([&](char** out) { return snowball_profile_get(out, archive_, id, R"({"language": "en"})"); });
    EXPECT_EQ("Basic information", en["sections"][0]["label"]);
    for (const json& s : en["sections"])
        for (const json& f : s["fields"])
            if (f["key"] == "drinking") {
                EXPECT_EQ("Drinking", f["label"]);
                EXPECT_EQ("Baijiu, Wine", f["display"]);
            }
    const json then = ok([&](char** out) { return snowball_profile_get(out, archive_, id, R"({"as_of": "2020-01-01"})"); });
    EXPECT_EQ("2020-01-01", then["as_of"]);
    for (auto it = then["values"].begin(); it != then["values"].end(); ++it) EXPECT_TRUE(it->is_null()) << it.key();
    const json today = ok([&](char** out) {
        return snowball_profile_get(out, archive_, id, ("{\"as_of\": \"" + today_in_china() + "\", \"language\": \"zh_hant\"}").c_str());
    });
    EXPECT_EQ(p["values"], today["values"]);
    EXPECT_EQ("基本信息", today["sections"][0]["label"]);

    // The history.
    const json h = ok([&](char** out) { return snowball_profile_history(out, archive_, id, nullptr); });
    ASSERT_EQ(9u, h.size());   // 7 values set (home phone included), 2 set as text
    for (const json& e : h) {
        EXPECT_EQ((std::set<std::string>{"id", "field", "old", "new", "by", "at"}), keys_of(e));
        EXPECT_TRUE(is_timestamp(e["at"]));
    }
    const json drinking = ok([&](char** out) { return snowball_profile_history(out, archive_, id, "drinking"); });
    ASSERT_EQ(1u, drinking.size());
    EXPECT_TRUE(drinking[0]["old"].is_null());
    EXPECT_EQ((json{"baijiu", "wine"}), drinking[0]["new"]);
    EXPECT_EQ(xh_consultant_, drinking[0]["by"]);
    ASSERT_SB_OK(snowball_profile_set(archive_, id, R"({"drinking": null, "budget": 280})", 0));
    const json after = ok([&](char** out) { return snowball_profile_history(out, archive_, id, "drinking"); });
    ASSERT_EQ(2u, after.size());
    EXPECT_EQ((json{"baijiu", "wine"}), after[1]["old"]);
    EXPECT_TRUE(after[1]["new"].is_null());
    EXPECT_TRUE(after[1]["by"].is_null());
    const json budget = ok([&](char** out) { return snowball_profile_history(out, archive_, id, "budget"); });
    EXPECT_EQ(300.5, budget[1]["old"]);
    EXPECT_EQ(280.0, budget[1]["new"]);
    // Through the customer record, with `by`.
    ok([&](char** out) {
        return snowball_customer_update(out, archive_, id, ("{\"gender\": \"female\", \"by\": " + std::to_string(xh_consultant_) + "}").c_str());
    });
    const json gender = ok([&](char** out) { return snowball_profile_history(out, archive_, id, "gender"); });
    ASSERT_EQ(1u, gender.size());
    EXPECT_EQ("male", gender[0]["old"]);
    EXPECT_EQ("female", gender[0]["new"]);
    EXPECT_EQ(xh_consultant_, gender[0]["by"]);

    // Many customers at once.
    const json li = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}});
    const std::string updates = "[{\"customer_id\": " + std::to_string(id) + ", \"values\": {\"position\": \"董事长\"}}, " +
                                "{\"customer_id\": " + li["id"].dump() + ", \"values\": {\"marital_status\": \"single\"}}]";
    ASSERT_SB_OK(snowball_profile_set_many(archive_, updates.c_str(), xh_consultant_));
    EXPECT_EQ("董事长", ok([&](char** out) { return snowball_profile_get(out, archive_, id, nullptr); })["values"]["position"]);
    EXPECT_EQ("single", ok([&](char** out) { return snowball_profile_get(out, archive_, li["id"], nullptr); })["values"]["marital_status"]);
}

TEST_F(ArchiveTest, CompletenessLeaderboardAndDistribution) {
    const json a = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"},
                                 {"consultant_id", xh_consultant_}, {"first_contact", "2024-01-10"}});
    const json b = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "李娜"}, {"first_contact", "2024-02-10"}});
    ASSERT_SB_OK(snowball_profile_set(archive_, a["id"], R"({"ideal_residence": ["unit_design", "greenery_landscape"]})", 0));
    ASSERT_SB_OK(snowball_profile_set(archive_, b["id"], R"({"ideal_residence": ["unit_design"]})", 0));

    const json c = ok([&](char** out) { return snowball_profile_completeness(out, archive_, a["id"], 2); });
    EXPECT_EQ((std::set<std::string>{"customer_id", "score", "sections", "ask_next"}), keys_of(c));
    EXPECT_EQ(a["id"], c["customer_id"]);
    EXPECT_GT(c["score"].get<double>(), 0);
    EXPECT_LT(c["score"].get<double>(), 1);
    ASSERT_EQ(6u, c["sections"].size());
    EXPECT_EQ((std::set<std::string>{"section", "score", "filled", "fields"}), keys_of(c["sections"][0]));
    EXPECT_EQ("basic", c["sections"][0]["section"]);
    EXPECT_EQ(1, c["sections"][0]["filled"]);
    EXPECT_EQ(8, c["sections"][0]["fields"]);
    EXPECT_EQ((json{"purchase_reason", "company"}), c["ask_next"]);

    const json s = ok([&](char** out) { return snowball_profile_site_completeness(out, archive_, "XH"); });
    EXPECT_EQ((std::set<std::string>{"site", "customers", "mean", "leaderboard"}), keys_of(s));
    EXPECT_EQ("XH", s["site"]);
    EXPECT_EQ(2, s["customers"]);
    ASSERT_EQ(2u, s["leaderboard"].size());
    const json& first = s["leaderboard"][0];
    EXPECT_EQ((std::set<std::string>{"rank", "consultant_id", "name", "customers", "mean"}), keys_of(first));
    EXPECT_EQ(1, first["rank"]);
    EXPECT_EQ(xh_consultant_, first["consultant_id"]);
    EXPECT_EQ("王芳", first["name"]);
    EXPECT_DOUBLE_EQ(c["score"].get<double>(), first["mean"].get<double>());
    EXPECT_EQ(2, s["leaderboard"][1]["rank"]);
    EXPECT_TRUE(s["leaderboard"][1]["consultant_id"].is_null());
    EXPECT_EQ("", s["leaderboard"][1]["name"]);

    const json d = ok([&](char** out) {
        return snowball_profile_distribution(out, archive_, R"({"field": "ideal_residence", "site": "XH", "language": "en"})");
    });
    EXPECT_EQ((std::set<std::string>{"field", "label", "options", "answered", "customers"}), keys_of(d));
    EXPECT_EQ("ideal_residence", d["field"]);
    EXPECT_EQ("Ideal residence", d["label"]);
    ASSERT_EQ(7u, d["options"].size());
    const json& unit = d["options"][1];
    EXPECT_EQ((std::set<std::string>{"key", "label", "total", "share", "by_stage"}), keys_of(unit));
    EXPECT_EQ("unit_design", unit["key"]);
    EXPECT_EQ("Unit design", unit["label"]);
    EXPECT_EQ(2, unit["total"]);
    EXPECT_EQ(1.0, unit["share"]);
    EXPECT_EQ((json{{"prospect", 1}, {"visitor", 1}, {"owner", 0}}), unit["by_stage"]);
    EXPECT_EQ((json{{"prospect", 1}, {"visitor", 1}, {"owner", 0}}), d["answered"]);
    EXPECT_EQ((json{{"prospect", 1}, {"visitor", 1}, {"owner", 0}}), d["customers"]);
    EXPECT_EQ(0.5, d["options"][4]["share"]);
    const json cohort = ok([&](char** out) {
        return snowball_profile_distribution(out, archive_,
                                             R"({"field": "ideal_residence", "site": "XH", "from": "2024-02-01", "to": "2024-02-28"})");
    });
    EXPECT_EQ(1, cohort["options"][1]["total"]);
    EXPECT_EQ(0, cohort["options"][4]["total"]);
    EXPECT_EQ("户型设计", cohort["options"][1]["label"]);
}

TEST_F(ArchiveTest, FamilyMembers) {
    const json c = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}});
    const std::int64_t id = c["id"];
    const json wife = ok([&](char** out) {
        return snowball_family_add(out, archive_, id,
                                   R"({"relation": "配偶", "name": "李娜", "gender": "female", "birthday": "lunar:1986-08-15",
                                       "phone": "139 0013 9000", "employer": "浙江大学", "education": "博士", "interests": "瑜伽",
                                       "closest": true, "note": "喜欢安静"})");
    });
    EXPECT_EQ(member_keys, keys_of(wife));
    EXPECT_EQ(id, wife["customer_id"]);
    EXPECT_EQ("spouse", wife["relation"]);
    EXPECT_EQ("13900139000", wife["phone"]);
    EXPECT_EQ((json{{"lunar", true}, {"year", 1986}, {"month", 8}, {"day", 15}, {"leap_month", false}, {"text", "lunar:1986-08-15"}}),
              wife["birthday"]);
    EXPECT_TRUE(wife["closest"].get<bool>());
    EXPECT_TRUE(is_timestamp(wife["created_at"]));
    const json son = ok([&](char** out) {
        return snowball_family_add(out, archive_, id,
                                   R"({"relation": "child", "name": "张小宝", "birthday": {"month": 2, "day": 29}, "school": "学军小学"})");
    });
    EXPECT_EQ((json{{"lunar", false}, {"year", nullptr}, {"month", 2}, {"day", 29}, {"leap_month", false}, {"text", "--02-29"}}),
              son["birthday"]);
    EXPECT_EQ("unknown", son["gender"]);
    EXPECT_FALSE(son["closest"].get<bool>());
    const json father = ok([&](char** out) {
        return snowball_family_add(out, archive_, id,
                                   R"({"relation": "father", "name": "张建国", "birthday": {"lunar": true, "year": 2020, "month": 4, "day": 1, "leap_month": true}})");
    });
    EXPECT_EQ("lunar:2020-L04-01", father["birthday"]["text"]);

    EXPECT_EQ(wife, ok([&](char** out) { return snowball_family_get(out, archive_, wife["id"]); }));
    const json list = ok([&](char** out) { return snowball_family_list(out, archive_, id); });
    ASSERT_EQ(3u, list.size());
    EXPECT_EQ("李娜", list[0]["name"]);
    EXPECT_EQ("张建国", list[1]["name"]);
    EXPECT_EQ("张小宝", list[2]["name"]);

    const json updated = ok([&](char** out) {
        return snowball_family_update(out, archive_, son["id"], R"({"closest": true, "birthday": null, "interests": "钢琴"})");
    });
    EXPECT_EQ(member_keys, keys_of(updated));
    EXPECT_TRUE(updated["birthday"].is_null());
    EXPECT_TRUE(updated["closest"].get<bool>());
    EXPECT_EQ("钢琴", updated["interests"]);
    EXPECT_EQ("学军小学", updated["school"]);
    EXPECT_FALSE(ok([&](char** out) { return snowball_family_get(out, archive_, wife["id"]); })["closest"].get<bool>());
    ASSERT_SB_OK(snowball_family_remove(archive_, father["id"]));
    EXPECT_EQ(2u, ok([&](char** out) { return snowball_family_list(out, archive_, id); }).size());
    EXPECT_EQ(SNOWBALL_ENOTFOUND, snowball_family_get(Out().ptr(), archive_, father["id"]));

    // The customer's own birthday travels in the customer document.
    const json born = ok([&](char** out) {
        return snowball_customer_update(out, archive_, id, R"({"birthday": {"lunar": true, "month": 8, "day": 15}})");
    });
    EXPECT_EQ("lunar:--08-15", born["birthday"]["text"]);
    EXPECT_TRUE(born["birthday"]["year"].is_null());
    EXPECT_TRUE(ok([&](char** out) { return snowball_customer_update(out, archive_, id, R"({"birthday": null})"); })["birthday"].is_null());
}

TEST_F(ArchiveTest, TheBriefing) {
    const json c = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "欧阳娜娜"}, {"gender", "female"},
                                 {"mobile", "13800138000"}, {"consultant_id", xh_consultant_}, {"tier", "vip"},
                                 {"first_contact", "2024-03-01"}});
    const std::int64_t id = c["id"];
    ASSERT_SB_OK(snowball_profile_set(archive_, id, R"({"favourite_cuisine": ["cantonese"], "drinking": ["wine"], "health": "良好"})", 0));
    ok([&](char** out) { return snowball_family_add(out, archive_, id, R"({"relation": "spouse", "name": "王强"})"); });
    ok([&](char** out) { return snowball_visit_record(out, archive_, id, R"({"date": "2024-03-10"})"); });
    ok([&](char** out) {
        return snowball_deal_record(out, archive_, id, R"({"unit": "3-1-1201", "area": 120, "price": 3000000, "date": "2024-03-20"})");
    });

    const json b = ok([&](char** out) { return snowball_briefing_by_phone(out, archive_, "+86 138 0013 8000", nullptr, nullptr); });
    EXPECT_EQ((std::set<std::string>{"customer", "salutation", "consultant", "family", "profile", "recent_visits", "visit_count",
                                     "deals", "completeness", "ask_next", "open_tickets", "upcoming"}),
              keys_of(b));
    EXPECT_EQ(customer_keys, keys_of(b["customer"]));
    EXPECT_EQ(id, b["customer"]["id"]);
    EXPECT_EQ("vip", b["customer"]["tier"]);
    EXPECT_EQ("owner", b["customer"]["stage"]);
    EXPECT_EQ("欧阳女士", b["salutation"]);
    EXPECT_EQ("王芳", b["consultant"]["name"]);
    ASSERT_EQ(1u, b["family"].size());
    EXPECT_EQ(member_keys, keys_of(b["family"][0]));
    EXPECT_EQ("王强", b["family"][0]["name"]);
    ASSERT_EQ(2u, b["profile"].size());
    EXPECT_EQ((json{{"key", "favourite_cuisine"}, {"label", "最偏爱的菜式"}, {"value", "粤菜"}}), b["profile"][0]);
    EXPECT_EQ((json{{"key", "drinking"}, {"label", "饮酒"}, {"value", "红酒"}}), b["profile"][1]);
    ASSERT_EQ(2u, b["recent_visits"].size());
    EXPECT_EQ("2024-03-10", b["recent_visits"][0]["date"]);
    EXPECT_EQ("2024-03-01", b["recent_visits"][1]["date"]);
    EXPECT_EQ(2, b["visit_count"]);
    ASSERT_EQ(1u, b["deals"].size());
    EXPECT_EQ(deal_keys, keys_of(b["deals"][0]));
    const json score = ok([&](char** out) { return snowball_profile_completeness(out, archive_, id, 3); });
    EXPECT_EQ(score["score"], b["completeness"]);
    ASSERT_EQ(3u, b["ask_next"].size());
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ((std::set<std::string>{"key", "label", "value"}), keys_of(b["ask_next"][i]));
        EXPECT_EQ(score["ask_next"][i], b["ask_next"][i]["key"]);
    }
    EXPECT_EQ("理想居住状况", b["ask_next"][0]["label"]);

    const json en = ok([&](char** out) { return snowball_briefing_get(out, archive_, id, "en"); });
    EXPECT_EQ("Ms. 欧阳娜娜", en["salutation"]);
    EXPECT_EQ("Cantonese", en["profile"][0]["value"]);
    EXPECT_EQ("Ideal residence", en["ask_next"][0]["label"]);
    const json at_site = ok([&](char** out) { return snowball_briefing_by_phone(out, archive_, "13800138000", "XH", "zh_hant"); });
    EXPECT_EQ("粵菜", at_site["profile"][0]["value"]);
    EXPECT_EQ("最偏愛的菜式", at_site["profile"][0]["label"]);

    const json other = add_customer({{"site", "BJ"}, {"channel", "call"}, {"name", "李四"}, {"mobile", "13900139000"}});
    const json plain = ok([&](char** out) { return snowball_briefing_by_phone(out, archive_, "13900139000", nullptr, nullptr); });
    EXPECT_EQ("李四", plain["salutation"]);
    EXPECT_TRUE(plain["consultant"].is_null());
    EXPECT_EQ(json::array(), plain["family"]);
    EXPECT_EQ(json::array(), plain["profile"]);
    EXPECT_EQ(json::array(), plain["recent_visits"]);
    EXPECT_EQ(0, plain["visit_count"]);
    EXPECT_EQ(json::array(), plain["deals"]);
    EXPECT_EQ(other["id"], plain["customer"]["id"]);
}

// ---------------------------------------------------------------------------------------------
// Numbers and phones without an archive

TEST(CApi, ArchiveNumbers) {
    Out out;
    ASSERT_SB_OK(snowball_archive_no_render(out.ptr(), "{site}-{yyyy}{channel}-{seq:5}{check}", "xh", "visit", 2026, 42));
    const std::string number = out.str();
    EXPECT_EQ(0u, number.rfind("XH-2026V-00042", 0)) << number;
    EXPECT_EQ(15u, number.size());
    EXPECT_SB_OK(snowball_archive_no_validate(number.c_str()));
    const json parts = parse_number(number);
    EXPECT_EQ("visit", parts["channel"]);
    EXPECT_EQ(2026, parts["year"]);
    EXPECT_EQ(42, parts["sequence"]);
    // Lower case and full-width input is normalised.
    std::string lower = number;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    EXPECT_SB_OK(snowball_archive_no_validate(lower.c_str()));
    EXPECT_EQ(number, parse_number(lower)["text"]);

    // A format without channel or year: null in the parts.
    const char* plain = "{site}-{seq:8}{check}";
    ASSERT_SB_OK(snowball_archive_no_render(out.ptr(), plain, "BJ2", "lead", 2026, 123456789));
    const std::string grown = out.str();   // outgrew its width
    EXPECT_EQ(0u, grown.rfind("BJ2-123456789", 0)) << grown;
    const json p = parse_number(grown, plain);
    EXPECT_TRUE(p["channel"].is_null());
    EXPECT_TRUE(p["year"].is_null());
    EXPECT_EQ("BJ2", p["site"]);
    EXPECT_EQ(123456789, p["sequence"]);

    // Custom channel codes and a two-digit year.
    ASSERT_SB_OK(snowball_archive_no_render(out.ptr(), "{site}-{yy}{channel:ABC}-{seq:3}{check}", "SH", "lead", 2031, 7));
    const json q = parse_number(out.str(), "{site}-{yy}{channel:ABC}-{seq:3}{check}");
    EXPECT_EQ("lead", q["channel"]);
    EXPECT_EQ(2031, q["year"]);
    EXPECT_EQ(7, q["sequence"]);
    EXPECT_EQ(0u, std::string(out.str()).rfind("SH-31C-007", 0)) << out.str();
}

TEST(CApi, PhoneNormalize) {
    const auto normal = [](const char* phone) {
        Out out;
        EXPECT_SB_OK(snowball_phone_normalize(out.ptr(), phone)) << phone;
        return out.doc();
    };
    const json mobile = normal("+86 138-0013-8000");
    EXPECT_EQ((std::set<std::string>{"number", "mainland_mobile", "international"}), keys_of(mobile));
    EXPECT_EQ("13800138000", mobile["number"]);
    EXPECT_EQ(true, mobile["mainland_mobile"]);
    EXPECT_EQ(false, mobile["international"]);
    for (const char* same : {"13800138000", "138 0013 8000", "0086 13800138000", "８６１３８００１３８０００", "138.0013.8000"})
        EXPECT_EQ("13800138000", normal(same)["number"]) << same;
    const json landline = normal("(010) 6552-1234");
    EXPECT_EQ("01065521234", landline["number"]);
    EXPECT_EQ(false, landline["mainland_mobile"]);
    EXPECT_EQ(false, landline["international"]);
    const json hk = normal("+852 9123 4567");
    EXPECT_EQ("+85291234567", hk["number"]);
    EXPECT_EQ(false, hk["mainland_mobile"]);
    EXPECT_EQ(true, hk["international"]);
}

// ---------------------------------------------------------------------------------------------
// The Chinese calendar, festivals, working days

TEST(CApi, LunarConversion) {
    Out out;
    ASSERT_SB_OK(snowball_calendar_to_lunar(out.ptr(), "2020-06-06"));
    const json leap = out.doc();
    EXPECT_EQ((std::set<std::string>{"year", "month", "day", "leap", "month_name", "day_name", "text", "zodiac", "zodiac_en",
                                     "cyclical_year", "solar_term"}),
              keys_of(leap));
    EXPECT_EQ((json{{"year", 2020}, {"month", 4}, {"day", 15}, {"leap", true}, {"month_name", "闰四月"}, {"day_name", "十五"},
                    {"text", "庚子年闰四月十五"}, {"zodiac", "鼠"}, {"zodiac_en", "rat"}, {"cyclical_year", "庚子"},
                    {"solar_term", nullptr}}),
              leap);
    ASSERT_SB_OK(snowball_calendar_to_lunar(out.ptr(), "2026-04-05"));
    EXPECT_EQ((json{{"year", 2026}, {"month", 2}, {"day", 18}, {"leap", false}, {"month_name", "二月"}, {"day_name", "十八"},
                    {"text", "丙午年二月十八"}, {"zodiac", "马"}, {"zodiac_en", "horse"}, {"cyclical_year", "丙午"},
                    {"solar_term", "qingming"}}),
              out.doc());
    // The ends of the range and a lunar year that began in the previous Gregorian year.
    ASSERT_SB_OK(snowball_calendar_to_lunar(out.ptr(), "1900-01-31"));
    EXPECT_EQ(1900, out.doc()["year"]);
    ASSERT_SB_OK(snowball_calendar_to_lunar(out.ptr(), "2034-01-19"));
    EXPECT_EQ((std::vector<int>{2033, 11, 29}),
              (std::vector<int>{out.doc()["year"], out.doc()["month"], out.doc()["day"]}));
    EXPECT_TRUE(out.doc()["leap"].get<bool>());
    ASSERT_SB_OK(snowball_calendar_to_lunar(out.ptr(), "2100-12-31"));
    EXPECT_EQ("十二月", out.doc()["month_name"]);

    ASSERT_SB_OK(snowball_calendar_to_gregorian(out.ptr(), 2020, 4, 15, 1));
    EXPECT_STREQ("2020-06-06", out.str());
    ASSERT_SB_OK(snowball_calendar_to_gregorian(out.ptr(), 2020, 4, 15, 0));
    EXPECT_STREQ("2020-05-07", out.str());
    ASSERT_SB_OK(snowball_calendar_to_gregorian(out.ptr(), 2026, 8, 15, 0));
    EXPECT_STREQ("2026-09-25", out.str());
    ASSERT_SB_OK(snowball_calendar_to_gregorian(out.ptr(), 2100, 12, 1, 0));
    EXPECT_STREQ("2100-12-31", out.str());

    for (const auto& [year, date] : std::vector<std::pair<int, const char*>>{{1992, "1992-04-04"}, {2008, "2008-04-04"},
                                                                            {2026, "2026-04-05"}, {2040, "2040-04-04"}}) {
        ASSERT_SB_OK(snowball_calendar_solar_term(out.ptr(), year, "qingming"));
        EXPECT_STREQ(date, out.str()) << year;
    }
    ASSERT_SB_OK(snowball_calendar_solar_term(out.ptr(), 2026, "lichun"));
    EXPECT_STREQ("2026-02-04", out.str());
}

TEST(CApi, FestivalsOfAYear) {
    Out out;
    ASSERT_SB_OK(snowball_calendar_festivals(out.ptr(), 2026));
    const json days = out.doc();
    ASSERT_TRUE(days.is_array());
    std::map<std::string, std::string> on;
    std::string previous;
    for (const json& f : days) {
        EXPECT_EQ((std::set<std::string>{"key", "date", "name_zh", "name_en"}), keys_of(f));
        const std::string date = f["date"];
        EXPECT_EQ("2026", date.substr(0, 4));
        EXPECT_LE(previous, date);
        previous = date;
        on[f["key"]] = date;
    }
    EXPECT_EQ("2026-02-16", on["new_years_eve"]);
    EXPECT_EQ("2026-02-17", on["spring_festival"]);
    EXPECT_EQ("2026-04-05", on["qingming"]);
    EXPECT_EQ("2026-05-10", on["mothers_day"]);
    EXPECT_EQ("2026-06-21", on["fathers_day"]);
    EXPECT_EQ("2026-09-25", on["mid_autumn"]);
    EXPECT_EQ("2026-10-01", on["national_day"]);
    for (const json& f : days)
        if (f["key"] == "mid_autumn") {
            EXPECT_EQ("中秋节", f["name_zh"]);
            EXPECT_EQ("Mid-Autumn Festival", f["name_en"]);
        }
    // Laba fell twice in 2022.
    ASSERT_SB_OK(snowball_calendar_festivals(out.ptr(), 2022));
    std::vector<std::string> laba;
    for (const json& f : out.doc())
        if (f["key"] == "laba") laba.push_back(f["date"]);
    EXPECT_EQ((std::vector<std::string>{"2022-01-10", "2022-12-30"}), laba);
}

TEST(CApi, WorkingDaysWithoutAnArchive) {
    Out out;
    ASSERT_SB_OK(snowball_workdays_add(out.ptr(), nullptr, "2025-09-30", 3));
    EXPECT_EQ((json{{"date", "2025-10-11"}, {"estimated", false}, {"unpublished_years", json::array()}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_add(out.ptr(), nullptr, "2025-09-30", 0));
    EXPECT_EQ("2025-09-30", out.doc()["date"]);
    ASSERT_SB_OK(snowball_workdays_between(out.ptr(), nullptr, "2025-09-30", "2025-10-11"));
    EXPECT_EQ((json{{"days", 3}, {"estimated", false}, {"unpublished_years", json::array()}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), nullptr, "2025-10-01"));
    const json holiday = out.doc();
    EXPECT_EQ((std::set<std::string>{"date", "working", "holiday", "published"}), keys_of(holiday));
    EXPECT_EQ("2025-10-01", holiday["date"]);
    EXPECT_FALSE(holiday["working"].get<bool>());
    ASSERT_TRUE(holiday["holiday"].is_string());
    EXPECT_NE(std::string::npos, holiday["holiday"].get<std::string>().find("国庆"));
    EXPECT_TRUE(holiday["published"].get<bool>());
    // A make-up working Sunday.
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), nullptr, "2025-09-28"));
    EXPECT_EQ((json{{"date", "2025-09-28"}, {"working", true}, {"holiday", nullptr}, {"published", true}}), out.doc());
    // A year not published yet: weekends only, and the answer says so.
    ASSERT_SB_OK(snowball_workdays_add(out.ptr(), nullptr, "2099-12-31", 1));
    EXPECT_EQ((json{{"date", "2100-01-01"}, {"estimated", true}, {"unpublished_years", {2100}}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), nullptr, "2099-01-01"));
    EXPECT_FALSE(out.doc()["published"].get<bool>());
    EXPECT_TRUE(out.doc()["working"].get<bool>());   // a Thursday, counted as a working day
}

// ---------------------------------------------------------------------------------------------
// The care calendar

const std::set<std::string> task_keys = {"id",          "customer_id", "customer_name", "archive_no", "site",
                                         "consultant_id", "date",      "prepare_from",  "occasions",  "actions",
                                         "status",      "outcome",     "note",          "done_at",    "done_by"};

TEST_F(ArchiveTest, CareSettingsDocuments) {
    const json s = ok([&](char** out) { return snowball_care_settings(out, archive_, "xh"); });
    EXPECT_EQ((std::set<std::string>{"site", "festivals", "policy", "occasions"}), keys_of(s));
    EXPECT_EQ("XH", s["site"]);
    std::map<std::string, std::string> dates;
    for (const json& f : s["festivals"]) {
        EXPECT_EQ((std::set<std::string>{"key", "name_zh", "name_zh_hant", "name_en", "date", "enabled"}), keys_of(f));
        EXPECT_TRUE(f["enabled"].get<bool>());
        dates[f["key"]] = f["date"];
    }
    EXPECT_EQ("lunar:08-15", dates["mid_autumn"]);
    EXPECT_EQ("gregorian:12-25", dates["christmas"]);
    EXPECT_EQ("lunar_last:12", dates["new_years_eve"]);
    EXPECT_EQ("weekday:05-2-sun", dates["mothers_day"]);
    EXPECT_EQ("solar_term:qingming", dates["qingming"]);
    ASSERT_FALSE(s["policy"].empty());
    bool vip_cake = false;
    for (const json& r : s["policy"]) {
        EXPECT_EQ((std::set<std::string>{"occasion", "festival", "tier", "stage", "action", "channel", "lead_days", "label"}),
                  keys_of(r));
        if (r["occasion"] == "birthday" && r["tier"] == "vip" && r["action"] == "flowers_or_cake") {
            vip_cake = true;
            EXPECT_EQ("owner", r["stage"]);
            EXPECT_EQ("gift", r["channel"]);
            EXPECT_EQ(2, r["lead_days"]);
        }
    }
    EXPECT_TRUE(vip_cake);
    // Prospects and visitors get nothing until the site says so: no default rule names them or any stage.
    for (const json& r : s["policy"]) EXPECT_EQ("owner", r["stage"]) << r.dump();
    EXPECT_EQ((json{{"leap_month_birthdays_twice", false}, {"deal_anniversaries", true}, {"follow_up", "7d,30d,90d,6m*"}}),
              s["occasions"]);

    // A site's own festival, a policy for prospects, its own occasion settings.
    const json festivals = ok([&](char** out) {
        return snowball_care_set_festivals(out, archive_, "XH",
                                           R"([{"key": "owners_day", "name_zh": "业主节", "date": "Gregorian:6-18"},
                                               {"key": "mid_autumn", "name_zh": "中秋节", "date": "lunar:08-15", "enabled": false}])");
    });
    ASSERT_EQ(2u, festivals["festivals"].size());
    EXPECT_EQ((json{{"key", "owners_day"}, {"name_zh", "业主节"}, {"name_zh_hant", ""}, {"name_en", ""},
                    {"date", "gregorian:06-18"}, {"enabled", true}}),
              festivals["festivals"][0]);
    EXPECT_FALSE(festivals["festivals"][1]["enabled"].get<bool>());
    EXPECT_EQ(s["policy"], festivals["policy"]);
    const json policy = ok([&](char** out) {
        return snowball_care_set_policy(out, archive_, "XH",
                                        R"([{"occasion": "festival", "festival": "owners_day", "tier": "any", "stage": "prospect",
                                             "action": "sms", "channel": "sms", "lead_days": 1, "label": "业主节短信"}])");
    });
    ASSERT_EQ(1u, policy["policy"].size());
    EXPECT_EQ((json{{"occasion", "festival"}, {"festival", "owners_day"}, {"tier", nullptr}, {"stage", "prospect"},
                    {"action", "sms"}, {"channel", "sms"}, {"lead_days", 1},
                    {"label", {{"zh", "业主节短信"}, {"zh_hant", ""}, {"en", ""}}}}),
              policy["policy"][0]);
    EXPECT_EQ(festivals["festivals"], policy["festivals"]);
    const json occasions = ok([&](char** out) {
        return snowball_care_set_occasions(out, archive_, "XH", R"({"follow_up": "14d,3m*"})");
    });
    EXPECT_EQ((json{{"leap_month_birthdays_twice", false}, {"deal_anniversaries", true}, {"follow_up", "14d,3m*"}}),
              occasions["occasions"]);
    EXPECT_EQ(policy["policy"], occasions["policy"]);
    EXPECT_EQ(occasions, ok([&](char** out) { return snowball_care_settings(out, archive_, "XH"); }));
    // BJ is untouched.
    EXPECT_EQ(s["policy"], ok([&](char** out) { return snowball_care_settings(out, archive_, "BJ"); })["policy"]);
}

TEST_F(ArchiveTest, CareAgendaTasksAndTheirCompletion) {
    const json zhang = add_customer({{"site", "XH"}, {"channel", "visit"}, {"name", "张伟"}, {"tier", "vip"},
                                     {"consultant_id", xh_consultant_}, {"birthday", "lunar:1980-08-15"},
                                     {"first_contact", "2020-01-06"}, {"filed_on", "2020-01-06"}});
    const std::int64_t zhang_id = zhang["id"];
    ok([&](char** out) {
        return snowball_deal_record(out, archive_, zhang_id, R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-05-10"})");
    });
    const json wife = ok([&](char** out) {
        return snowball_family_add(out, archive_, zhang_id, R"({"relation": "spouse", "name": "李娜", "birthday": "1982-09-22"})");
    });
    const json tasks = ok([&](char** out) {
        return snowball_care_agenda(out, archive_, R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH"})");
    });
    ASSERT_EQ(2u, tasks.size());
    for (const json& t : tasks) EXPECT_EQ(task_keys, keys_of(t));
    const json& family_day = tasks[0];
    EXPECT_EQ(zhang_id, family_day["customer_id"]);
    EXPECT_EQ("张伟", family_day["customer_name"]);
    EXPECT_EQ(zhang["archive_no"], family_day["archive_no"]);
    EXPECT_EQ("XH", family_day["site"]);
    EXPECT_EQ(xh_consultant_, family_day["consultant_id"]);
    EXPECT_EQ("2026-09-22", family_day["date"]);
    EXPECT_EQ("2026-09-20", family_day["prepare_from"]);
    EXPECT_EQ((json::array({{{"kind", "family_birthday"}, {"key", "family_birthday"}, {"title", "配偶李娜生日"},
                             {"family_member_id", wife["id"]}, {"deal_id", nullptr}}})),
              family_day["occasions"]);
    ASSERT_EQ(2u, family_day["actions"].size());
    for (const json& a : family_day["actions"])
        EXPECT_EQ((std::set<std::string>{"action", "channel", "lead_days", "start", "label"}), keys_of(a));
    EXPECT_EQ("flowers_or_cake", family_day["actions"][0]["action"]);
    EXPECT_EQ("gift", family_day["actions"][0]["channel"]);
    EXPECT_EQ(2, family_day["actions"][0]["lead_days"]);
    EXPECT_EQ("2026-09-20", family_day["actions"][0]["start"]);
    EXPECT_EQ("call", family_day["actions"][1]["action"]);
    EXPECT_EQ("open", family_day["status"]);
    EXPECT_EQ("", family_day["outcome"]);
    EXPECT_EQ("", family_day["note"]);
    EXPECT_TRUE(family_day["done_at"].is_null());
    EXPECT_TRUE(family_day["done_by"].is_null());
    const json& mid_autumn = tasks[1];
    EXPECT_EQ("2026-09-25", mid_autumn["date"]);
    std::vector<std::string> kinds, actions;
    for (const json& o : mid_autumn["occasions"]) kinds.push_back(o["kind"].get<std::string>() + ":" + o["key"].get<std::string>());
    for (const json& a : mid_autumn["actions"]) actions.push_back(a["action"]);
    EXPECT_EQ((std::vector<std::string>{"birthday:birthday", "festival:mid_autumn"}), kinds);
    EXPECT_EQ((std::vector<std::string>{"flowers_or_cake", "call", "call_or_sms"}), actions);
    EXPECT_TRUE(mid_autumn["occasions"][0]["family_member_id"].is_null());

    // The same again: the same tasks; the consultant's view; without closed tasks.
    EXPECT_EQ(tasks, ok([&](char** out) {
                  return snowball_care_agenda(out, archive_, R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH"})");
              }));
    const std::string mine = R"({"from": "2026-09-20", "to": "2026-09-30", "consultant_id": )" + std::to_string(xh_consultant_) + "}";
    EXPECT_EQ(tasks, ok([&](char** out) { return snowball_care_agenda(out, archive_, mine.c_str()); }));
    const std::int64_t first = tasks[0]["id"], second = tasks[1]["id"];
    EXPECT_EQ(tasks[0], ok([&](char** out) { return snowball_care_task_get(out, archive_, first); }));

    const json done = ok([&](char** out) {
        return snowball_care_task_complete(out, archive_, first, "已送花并致电", "她喜欢百合", xh_consultant_);
    });
    EXPECT_EQ(task_keys, keys_of(done));
    EXPECT_EQ("done", done["status"]);
    EXPECT_EQ("已送花并致电", done["outcome"]);
    EXPECT_EQ("她喜欢百合", done["note"]);
    EXPECT_TRUE(is_timestamp(done["done_at"]));
    EXPECT_EQ(xh_consultant_, done["done_by"]);
    const json skipped = ok([&](char** out) { return snowball_care_task_skip(out, archive_, second, "客户出国", 0); });
    EXPECT_EQ("skipped", skipped["status"]);
    EXPECT_EQ("客户出国", skipped["outcome"]);
    EXPECT_TRUE(skipped["done_by"].is_null());
    const std::string open_only = R"({"from": "2026-09-20", "to": "2026-09-30", "site": "XH", "include_closed": false})";
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_care_agenda(out, archive_, open_only.c_str()); }));
    const json reopened = ok([&](char** out) { return snowball_care_task_reopen(out, archive_, second, xh_consultant_); });
    EXPECT_EQ("open", reopened["status"]);
    EXPECT_TRUE(reopened["done_at"].is_null());
    EXPECT_TRUE(reopened["done_by"].is_null());
    const json completed_without_note = ok([&](char** out) {
        return snowball_care_task_complete(out, archive_, second, "已致电", nullptr, 0);
    });
    EXPECT_EQ("done", completed_without_note["status"]);
    EXPECT_TRUE(completed_without_note["done_by"].is_null());
    ok([&](char** out) { return snowball_care_task_reopen(out, archive_, second, 0); });

    // Overdue: open tasks before the day, oldest first; the query may be NULL (today).
    const json overdue = ok([&](char** out) { return snowball_care_overdue(out, archive_, R"({"on": "2026-10-01"})"); });
    ASSERT_EQ(1u, overdue.size());
    EXPECT_EQ(second, overdue[0]["id"]);
    EXPECT_EQ(task_keys, keys_of(overdue[0]));
    const std::string scoped = R"({"on": "2026-10-01", "site": "XH", "consultant_id": )" + std::to_string(xh_consultant_) + "}";
    EXPECT_EQ(overdue, ok([&](char** out) { return snowball_care_overdue(out, archive_, scoped.c_str()); }));
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_care_overdue(out, archive_, R"({"on": "2026-09-25"})"); }));
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_care_overdue(out, archive_, R"({"on": "2026-10-01", "site": "BJ"})"); }));
    const json today = ok([&](char** out) { return snowball_care_overdue(out, archive_, nullptr); });
    EXPECT_EQ(today_in_china() > "2026-09-25" ? 1u : 0u, today.size());

    // The consultant's calendar.
    Out ics;
    ASSERT_SB_OK(snowball_care_export_ics(ics.ptr(), archive_, "2026-09-20", "2026-09-30", xh_consultant_));
    const std::string text = ics.str();
    EXPECT_EQ(0u, text.find("BEGIN:VCALENDAR\r\n"));
    EXPECT_EQ(text.size() - std::string("END:VCALENDAR\r\n").size(), text.rfind("END:VCALENDAR\r\n"));
    EXPECT_NE(std::string::npos, text.find("DTSTART;VALUE=DATE:20260922\r\n"));
    EXPECT_NE(std::string::npos, text.find("DTSTART;VALUE=DATE:20260925\r\n"));
    EXPECT_NE(std::string::npos, text.find("TRIGGER:-P1DT15H\r\n"));
    EXPECT_EQ(std::string::npos, text.find("RRULE"));
    ASSERT_SB_OK(snowball_care_export_ics(ics.ptr(), archive_, "2026-09-20", "2026-09-30", bj_consultant_));
    EXPECT_EQ(std::string::npos, std::string(ics.str()).find("BEGIN:VEVENT"));
}

TEST_F(ArchiveTest, HolidayArrangementsLoadedIntoTheArchive) {
    Out out;
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), archive_, "2027-02-08"));
    EXPECT_EQ((json{{"date", "2027-02-08"}, {"working", true}, {"holiday", nullptr}, {"published", false}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_add(out.ptr(), archive_, "2027-02-05", 1));
    EXPECT_EQ((json{{"date", "2027-02-08"}, {"estimated", true}, {"unpublished_years", {2027}}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_load(out.ptr(), archive_, "# 2027 (test data)\n2027-02-08 off 春节\n2027-02-20 work 春节\n"));
    EXPECT_EQ(json::array({2027}), out.doc());
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), archive_, "2027-02-08"));
    EXPECT_EQ((json{{"date", "2027-02-08"}, {"working", false}, {"holiday", "春节"}, {"published", true}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_add(out.ptr(), archive_, "2027-02-05", 1));
    EXPECT_EQ((json{{"date", "2027-02-09"}, {"estimated", false}, {"unpublished_years", json::array()}}), out.doc());
    ASSERT_SB_OK(snowball_workdays_between(out.ptr(), archive_, "2027-02-05", "2027-02-20"));
    EXPECT_EQ((json{{"days", 10}, {"estimated", false}, {"unpublished_years", json::array()}}), out.doc());
    // Without the archive: the built-in years only.
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), nullptr, "2027-02-08"));
    EXPECT_FALSE(out.doc()["published"].get<bool>());
    // Another handle on the same file.
    snowball_archive* second = nullptr;
    ASSERT_SB_OK(snowball_archive_open(&second, path_.c_str(), nullptr));
    ASSERT_SB_OK(snowball_workdays_day(out.ptr(), second, "2027-02-20"));
    EXPECT_EQ((json{{"date", "2027-02-20"}, {"working", true}, {"holiday", nullptr}, {"published", true}}), out.doc());
    snowball_archive_free(second);
}

// ---------------------------------------------------------------------------------------------
// One handle shared between threads (the header: calls on it are serialised).

TEST_F(ArchiveTest, OneHandleSharedByFourThreadsFilesWithoutDuplicatesOrGaps) {
    constexpr int threads = 4, per_thread = 50;
    std::vector<std::vector<std::string>> numbers(threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                const json input = {{"site", "XH"}, {"channel", "lead"}, {"name", "客户" + std::to_string(t * 1000 + i)},
                                    {"filed_on", "2024-07-01"}, {"first_contact", "2024-07-01"}};
                char* text = nullptr;
                const int rc = snowball_customer_add(&text, archive_, input.dump().c_str());
                if (rc != SNOWBALL_OK) {
                    ADD_FAILURE() << last_error_text();
                    continue;
                }
                numbers[static_cast<std::size_t>(t)].push_back(json::parse(text)["archive_no"]);
                snowball_string_free(text);
            }
        });
    for (auto& w : workers) w.join();
    std::set<std::int64_t> sequences;
    for (const auto& list : numbers)
        for (const std::string& n : list) sequences.insert(parse_number(n)["sequence"].get<std::int64_t>());
    ASSERT_EQ(static_cast<std::size_t>(threads * per_thread), sequences.size());   // no duplicate
    EXPECT_EQ(1, *sequences.begin());                                             // no gap
    EXPECT_EQ(threads * per_thread, *sequences.rbegin());
}

} // namespace
