// The C API's happy paths of snowball/customers.h: filing, defaults, archive numbers, batches,
// updates, lookups, conflicts, the list, reassignment, visits, deals and the closed-deal archive.
#include "capi_support.hpp"
#include "documents.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace capi_test;

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
        return snowball_visit_record(out, archive_, id, R"({"date": "2024-04-02", "note": "看了样板间", "place": "construction_site"})");
    });
    EXPECT_EQ((std::set<std::string>{"id", "customer_id", "date", "consultant_id", "note", "recorded_at", "place"}), keys_of(second));
    EXPECT_EQ("construction_site", second["place"]);
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

} // namespace
