// Every C function of snowball/customers.h with NULL for each pointer parameter and with invalid
// arguments: filing (malformed JSON, unknown keys, wrong types and values, conflicts, batches),
// reading, removal, updates, lookups, the list, reassignment, visits, deals and the deal archive.
// tests/capi/check_coverage.py checks that every function the headers declare is called in a
// bad-input test.
#include "capi_support.hpp"
#include "bad_input_fixture.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <string>

namespace {

using namespace capi_test;

// ---------------------------------------------------------------------------------------------
// Customers

TEST_F(CustomerInput, AddNullArguments) {
    const char* good = R"({"site": "XH", "channel": "lead", "name": "李娜"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_add(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_add(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, nullptr));
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddMalformedOrMisshapenJson) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, R"({"site": "XH", "channel": )"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, R"({'site': 'XH'})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json",
                 snowball_customer_add(out, archive_, R"([{"site": "XH", "channel": "lead", "name": "李娜"}])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, R"("李娜")"));
    // Invalid UTF-8 inside a JSON string: a lone continuation byte, a truncated sequence, an
    // overlong form, an escaped lone surrogate.
    for (const char* bad : {"\x80", "\xe5\xbc", "\xc0\x80", "\xf4\x90\x80\x80"}) {
        const std::string text = std::string(R"({"site": "XH", "channel": "lead", "name": "李)") + bad + "\"}";
        EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json", snowball_customer_add(out, archive_, text.c_str()));
    }
    EXPECT_FAILS(SNOWBALL_EINVALID, "customer_json",
                 snowball_customer_add(out, archive_, R"({"site": "XH", "channel": "lead", "name": "\ud800"})"));
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddUnknownKeysAreNeverIgnored) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "moblie", add_with(out, "moblie", "13900139000"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", add_with(out, "stage", "owner"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", add_with(out, "archive_no", "XH-2024C-00009X"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "id", add_with(out, "id", 5));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0].nubmer", add_with(out, "phones", json::array({{{"number", "01065521234"}, {"nubmer", "01065521234"}}})));
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddWrongTypes) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add_with(out, "name", 42));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", add_with(out, "site", json::array({"XH"})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", 13900139000LL));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add_with(out, "consultant_id", "1"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add_with(out, "consultant_id", 1.5));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add_with(out, "consultant_id", true));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones", add_with(out, "phones", "01065521234"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0]", add_with(out, "phones", json::array({"01065521234"})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0].number", add_with(out, "phones", json::array({{{"kind", "home"}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", add_with(out, "first_contact", 20240305));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", add_with(out, "note", json::object()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", add_with(out, "tier", 1));
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddUnknownEnumValues) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", add_with(out, "channel", "phone"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", add_with(out, "channel", ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "gender", add_with(out, "gender", "x"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", add_with(out, "tier", "gold"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0].kind",
                 add_with(out, "phones", json::array({{{"kind", "fax"}, {"number", "01065521234"}}})));
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddInvalidValues) {
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", add_with(out, "site", ""));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", add_with(out, "site", "ZZ"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add_with(out, "name", "   "));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add_with(out, "name", std::string(51 * 3, 'a')));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", add_with(out, "name", "李\n娜"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", "12345"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", "1380013800"));      // 10 digits
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", "12800138000"));     // 12x is no mobile
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", "010-65521234"));    // a landline
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", add_with(out, "mobile", "138OO138000"));     // letters O
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0]",
                 add_with(out, "phones", json::array({{{"kind", "home"}, {"number", "6552"}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones[0]",   // the mobile listed again
                 add_with(out, "phones", json::array({{{"kind", "other"}, {"number", "139 0013 9000"}}})));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", add_with(out, "first_contact", "2024-02-30"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", add_with(out, "first_contact", "2024/03/05"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", add_with(out, "first_contact", "2999-01-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", add_with(out, "first_contact", "24-03-05"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "filed_on", add_with(out, "filed_on", "2024-13-01"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", add_with(out, "note", std::string(2001, 'n')));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", add_with(out, "consultant_id", 9999));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add_with(out, "consultant_id", json::parse("9223372036854775808")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", add_with(out, "consultant_id", bj_consultant_));
    EXPECT_FAILS(SNOWBALL_ESTATE, "consultant_id", add_with(out, "consultant_id", left_consultant_));
    EXPECT_EQ(left_consultant_, snowball_error_last()->record_id);
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddAPhoneAlreadyOnFileIsAConflictNamingTheCustomer) {
    for (const char* same : {"13800138000", "+86 138-0013-8000", "0086 13800138000", "138 0013 8000"}) {
        EXPECT_FAILS(SNOWBALL_ECONFLICT, "mobile", add_with(out, "mobile", same));
        EXPECT_EQ(zhang_id_, snowball_error_last()->record_id);
        EXPECT_NE(nullptr, std::strstr(snowball_error_last()->message, zhang_["archive_no"].get<std::string>().c_str()));
    }
    // Also when it is among the other phones.
    json input = {{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"},
                  {"phones", json::array({{{"kind", "office"}, {"number", "13800138000"}}})}};
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "phones[0]", snowball_customer_add(out, archive_, input.dump().c_str()));
    EXPECT_EQ(zhang_id_, snowball_error_last()->record_id);
    expect_nothing_filed();
}

TEST_F(CustomerInput, AddManyIsAllOrNothing) {
    const char* good = R"([{"site": "XH", "channel": "lead", "name": "李娜"}])";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_add_many(nullptr, archive_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_add_many(out, nullptr, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers_json", snowball_customer_add_many(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers_json", snowball_customer_add_many(out, archive_, "[{]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers_json",
                 snowball_customer_add_many(out, archive_, R"({"site": "XH", "channel": "lead", "name": "李娜"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers[1]",
                 snowball_customer_add_many(out, archive_, R"([{"site": "XH", "channel": "lead", "name": "李娜"}, 7])"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers[1].moblie",
                 snowball_customer_add_many(out, archive_,
                                            R"([{"site": "XH", "channel": "lead", "name": "李娜"},
                                                {"site": "XH", "channel": "lead", "name": "周杰", "moblie": "13700137000"}])"));
    // A bad second customer: the first is not filed either.
    EXPECT_FAILS(SNOWBALL_EINVALID, "customers[1].mobile",
                 snowball_customer_add_many(out, archive_,
                                            R"([{"site": "XH", "channel": "lead", "name": "李娜", "mobile": "13900139000"},
                                                {"site": "XH", "channel": "lead", "name": "周杰", "mobile": "1370013"}])"));
    EXPECT_NE(nullptr, std::strstr(snowball_error_last()->message, "customers[1]"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customers[1].site",
                 snowball_customer_add_many(out, archive_,
                                            R"([{"site": "XH", "channel": "lead", "name": "李娜"},
                                                {"site": "ZZ", "channel": "lead", "name": "周杰"}])"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "customers[1].mobile",
                 snowball_customer_add_many(out, archive_,
                                            R"([{"site": "XH", "channel": "lead", "name": "李娜"},
                                                {"site": "XH", "channel": "lead", "name": "周杰", "mobile": "13800138000"}])"));
    EXPECT_EQ(zhang_id_, snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "customers[1].mobile",   // twice in one batch
                 snowball_customer_add_many(out, archive_,
                                            R"([{"site": "XH", "channel": "lead", "name": "李娜", "mobile": "13900139000"},
                                                {"site": "XH", "channel": "lead", "name": "周杰", "mobile": "13900139000"}])"));
    expect_nothing_filed();
}

TEST_F(CustomerInput, GetAndRemove) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_get(nullptr, archive_, zhang_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_get(out, nullptr, zhang_id_));
    for (std::int64_t id : {std::int64_t{0}, std::int64_t{-5}, std::int64_t{424242}, INT64_MAX})
        EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_customer_get(out, archive_, id));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "archive", snowball_customer_remove(nullptr, zhang_id_));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "id", snowball_customer_remove(archive_, 424242));
    // An owner cannot be removed.
    Out deal;
    ASSERT_SB_OK(snowball_deal_record(deal.ptr(), archive_, zhang_id_,
                                      R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-04-01"})"));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ESTATE, "id", snowball_customer_remove(archive_, zhang_id_));
    EXPECT_EQ(zhang_id_, snowball_error_last()->record_id);
    const json still = ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); });
    EXPECT_EQ("张伟", still["name"]);
    EXPECT_EQ("owner", still["stage"]);
    // A removed customer is gone for every lookup.
    ASSERT_SB_OK(snowball_deal_cancel(deal.ptr(), archive_, deal.doc()["id"].get<std::int64_t>(), "退房"));
    ASSERT_SB_OK(snowball_customer_remove(archive_, zhang_id_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_customer_get(out, archive_, zhang_id_));
    EXPECT_FAILS_NO_OUT(SNOWBALL_ENOTFOUND, "id", snowball_customer_remove(archive_, zhang_id_));
}

TEST_F(CustomerInput, Update) {
    const json other = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}, {"mobile", "13900139000"}});
    const json before = ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); });
    const auto update = [&](char** out, const char* doc) { return snowball_customer_update(out, archive_, zhang_id_, doc); };
    const char* good = R"({"tier": "vip"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_update(nullptr, archive_, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_update(out, nullptr, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "{\"tier\": vip}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "update_json", update(out, "{\"note\": \"\xff\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "moblie", update(out, R"({"moblie": "13700137000"})"));
    // The channel, site, archive number and stage never change through an update.
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", update(out, R"({"channel": "visit"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", update(out, R"({"site": "BJ"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", update(out, R"({"archive_no": "XH-2024C-00002X"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", update(out, R"({"stage": "owner"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", update(out, R"({"tier": "gold"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", update(out, R"({"tier": true})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "gender", update(out, R"({"gender": "?"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "name", update(out, R"({"name": ""})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mobile", update(out, R"({"mobile": "555"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phones", update(out, R"({"phones": {"kind": "home"}})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", update(out, R"({"consultant_id": "王芳"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", update(out, R"({"consultant_id": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", update(out, R"({"first_contact": "2999-12-31"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact", update(out, R"({"first_contact": "yesterday"})"));
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "mobile", update(out, R"({"mobile": "139-0013-9000"})"));
    EXPECT_EQ(other["id"].get<std::int64_t>(), snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "id", snowball_customer_update(out, archive_, 424242, good));
    EXPECT_EQ(before, ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); }));
}

TEST_F(CustomerInput, Lookups) {
    const std::string unused = unused_archive_no();
    ASSERT_FALSE(unused.empty());
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_by_archive_no(nullptr, archive_, unused.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_by_archive_no(out, nullptr, unused.c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", snowball_customer_by_archive_no(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no", snowball_customer_by_archive_no(out, archive_, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive_no",
                 snowball_customer_by_archive_no(out, archive_, with_wrong_check(zhang_["archive_no"]).c_str()));
    // Nobody found: SNOWBALL_ENOTFOUND naming the argument that matched nothing.
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "archive_no", snowball_customer_by_archive_no(out, archive_, unused.c_str()));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_by_phone(nullptr, archive_, "13800138000", "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_by_phone(out, nullptr, "13800138000", "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_by_phone(out, archive_, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_by_phone(out, archive_, "", "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_by_phone(out, archive_, "call me", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_by_phone(out, archive_, "138\xff", nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "phone", snowball_customer_by_phone(out, archive_, "13700137000", "XH"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "phone", snowball_customer_by_phone(out, archive_, "13700137000", nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "phone", snowball_customer_by_phone(out, archive_, "13800138000", "BJ"));
    // An unknown site is not "nobody with this phone": the error names the site.
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_customer_by_phone(out, archive_, "13800138000", "ZZ"));
    // On file at two sites, and no site named: a conflict naming one of them.
    const json bj = add_customer({{"site", "BJ"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"}});
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "site", snowball_customer_by_phone(out, archive_, "13800138000", nullptr));
    const std::int64_t named = snowball_error_last()->record_id;
    EXPECT_TRUE(named == zhang_id_ || named == bj["id"].get<std::int64_t>()) << named;

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_find_by_phone(nullptr, archive_, "13800138000"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_find_by_phone(out, nullptr, "13800138000"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_find_by_phone(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_find_by_phone(out, archive_, "+"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "phone", snowball_customer_find_by_phone(out, archive_, "+86 12"));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_find_by_name(nullptr, archive_, "张", nullptr, 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_find_by_name(out, nullptr, "张", nullptr, 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "prefix", snowball_customer_find_by_name(out, archive_, nullptr, nullptr, 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "prefix", snowball_customer_find_by_name(out, archive_, " ", nullptr, 10));
    EXPECT_FAILS(SNOWBALL_EINVALID, "prefix", snowball_customer_find_by_name(out, archive_, "\xe5\xbc", nullptr, 10));
    for (int limit : {-1, 1001, INT_MAX, INT_MIN})
        EXPECT_FAILS(SNOWBALL_EINVALID, "limit", snowball_customer_find_by_name(out, archive_, "张", nullptr, limit));
    // 0: the library's default limit (20).
    Out found;
    EXPECT_SB_OK(snowball_customer_find_by_name(found.ptr(), archive_, "张", nullptr, 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_customer_find_by_name(out, archive_, "张", "ZZ", 10));
}

TEST_F(CustomerInput, List) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_list(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_list(out, nullptr, nullptr));
    const auto list = [&](char** out, const char* query) { return snowball_customer_list(out, archive_, query); };
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", list(out, "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", list(out, "[\"XH\"]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", list(out, "{\"name_prefix\": \"\xe5\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stie", list(out, R"({"stie": "XH"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "page", list(out, R"({"page": 2})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": "10"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 10001})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 4294967297})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", list(out, R"({"limit": 2.5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", list(out, R"({"offset": -1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", list(out, R"({"offset": 18446744073709551615})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "channel", list(out, R"({"channel": "walk-in"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", list(out, R"({"stage": "buyer"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "tier", list(out, R"({"tier": "VVIP"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", list(out, R"({"consultant_id": "1"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact_from", list(out, R"({"first_contact_from": "2024-3-5"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact_to", list(out, R"({"first_contact_to": "2024-04-31"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "first_contact_from",
                 list(out, R"({"first_contact_from": "2024-05-01", "first_contact_to": "2024-04-01"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", list(out, R"({"site": "ZZ"})"));
}

TEST_F(CustomerInput, Reassign) {
    ASSERT_SB_OK(snowball_customer_update(Out().ptr(), archive_, zhang_id_,
                                          ("{\"consultant_id\": " + std::to_string(xh_consultant_) + "}").c_str()));
    Out other;
    ASSERT_SB_OK(snowball_consultant_add(other.ptr(), archive_, R"({"site": "XH", "name": "陈静"})"));
    const std::int64_t chen = other.doc()["id"].get<std::int64_t>();

    // The int64_t out-parameter is set to 0 before any failure.
    const auto reassign_fails = [&](int status, const char* field, snowball_archive* a, std::int64_t from,
                                    std::int64_t to) {
        std::int64_t moved = 77;
        EXPECT_TRUE(capi_test::failed_as(status, field, false,
                                         [&](char**) { return snowball_customer_reassign(&moved, a, from, to); }));
        EXPECT_EQ(0, moved);
    };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_moved", snowball_customer_reassign(nullptr, archive_, xh_consultant_, chen));
    reassign_fails(SNOWBALL_EINVALID, "archive", nullptr, xh_consultant_, chen);
    reassign_fails(SNOWBALL_ENOTFOUND, "from_consultant", archive_, 9999, chen);
    reassign_fails(SNOWBALL_ENOTFOUND, "to_consultant", archive_, xh_consultant_, 9999);
    reassign_fails(SNOWBALL_EINVALID, "to_consultant", archive_, xh_consultant_, bj_consultant_);
    reassign_fails(SNOWBALL_ESTATE, "to_consultant", archive_, xh_consultant_, left_consultant_);
    const json still = ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); });
    EXPECT_EQ(xh_consultant_, still["consultant_id"]);
}

TEST_F(CustomerInput, Visits) {
    const auto visit = [&](char** out, const char* doc) { return snowball_visit_record(out, archive_, zhang_id_, doc); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_visit_record(nullptr, archive_, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_visit_record(out, nullptr, zhang_id_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "visit_json", visit(out, "{\"date\": }"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "visit_json", visit(out, "\"2024-04-01\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "visit_json", visit(out, "{\"note\": \"\xf8\x88\x80\x80\x80\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "dtae", visit(out, R"({"dtae": "2024-04-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", visit(out, R"({"date": 20240401})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", visit(out, R"({"date": "2024-04-00"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", visit(out, R"({"date": "2999-04-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", visit(out, R"({"date": "2024-03-04"})"));   // before the first contact
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", visit(out, R"({"consultant_id": "王芳"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id", visit(out, R"({"consultant_id": 9999})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id",
                 visit(out, ("{\"consultant_id\": " + std::to_string(bj_consultant_) + "}").c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "note", visit(out, R"({"note": 1})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_visit_record(out, archive_, 424242, nullptr));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_visit_list(nullptr, archive_, zhang_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_visit_list(out, nullptr, zhang_id_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_visit_list(out, archive_, 424242));

    // Nothing was logged and the customer is still a prospect.
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_visit_list(out, archive_, zhang_id_); }));
    EXPECT_EQ("prospect", ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); })["stage"]);
}

TEST_F(CustomerInput, Deals) {
    const auto deal = [&](char** out, const char* doc) { return snowball_deal_record(out, archive_, zhang_id_, doc); };
    const char* good = R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-04-01"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_record(nullptr, archive_, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_record(out, nullptr, zhang_id_, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deal_json", deal(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deal_json", deal(out, R"({"unit": "3-1-1201",})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deal_json", deal(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "deal_json", deal(out, "{\"unit\": \"3-1-1201\xc1\", \"area\": 1, \"price\": 1}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "untt", deal(out, R"({"untt": "3-1-1201", "unit": "3-1-1201", "area": 89.5, "price": 1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "unit", deal(out, R"({"area": 89.5, "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "unit", deal(out, R"({"unit": "", "area": 89.5, "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "area", deal(out, R"({"unit": "3-1-1201", "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "area", deal(out, R"({"unit": "3-1-1201", "area": "89.5", "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "area", deal(out, R"({"unit": "3-1-1201", "area": 0, "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "area", deal(out, R"({"unit": "3-1-1201", "area": -89.5, "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "area", deal(out, R"({"unit": "3-1-1201", "area": 1e300, "price": 1200000})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "price", deal(out, R"({"unit": "3-1-1201", "area": 89.5})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "price", deal(out, R"({"unit": "3-1-1201", "area": 89.5, "price": -1})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "price", deal(out, R"({"unit": "3-1-1201", "area": 89.5, "price": 1e13})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", deal(out, R"({"unit": "3-1-1201", "area": 89.5, "price": 1, "date": "2999-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", deal(out, R"({"unit": "3-1-1201", "area": 89.5, "price": 1, "date": "01/04/2024"})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "consultant_id",
                 deal(out, R"({"unit": "3-1-1201", "area": 89.5, "price": 1, "consultant_id": 9999})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_deal_record(out, archive_, 424242, good));
    // Nothing recorded: no deal, still a prospect, nobody in the closed-deal archive.
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_deal_list(out, archive_, zhang_id_); }));
    EXPECT_EQ("prospect", ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); })["stage"]);
    EXPECT_EQ(0, ok([&](char** out) { return snowball_deal_archive(out, archive_, nullptr); })["total"]);

    // A unit already sold at the site is a conflict naming the deal.
    const json sold = ok([&](char** out) { return deal(out, good); });
    const json li = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}, {"first_contact", "2024-01-01"}});
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "unit", snowball_deal_record(out, archive_, li["id"].get<std::int64_t>(), good));
    EXPECT_EQ(sold["id"].get<std::int64_t>(), snowball_error_last()->record_id);
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_deal_list(out, archive_, li["id"].get<std::int64_t>()); }));

    const std::int64_t deal_id = sold["id"].get<std::int64_t>();
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_cancel(nullptr, archive_, deal_id, "退房"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_cancel(out, nullptr, deal_id, "退房"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_deal_cancel(out, archive_, deal_id, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_deal_cancel(out, archive_, deal_id, ""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_deal_cancel(out, archive_, deal_id, "\xff"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", snowball_deal_cancel(out, archive_, 424242, "退房"));
    EXPECT_FALSE(ok([&](char** out) { return snowball_deal_get(out, archive_, deal_id); })["cancelled"].get<bool>());
    ASSERT_SB_OK(snowball_deal_cancel(Out().ptr(), archive_, deal_id, "退房"));
    EXPECT_FAILS(SNOWBALL_ESTATE, "deal_id", snowball_deal_cancel(out, archive_, deal_id, "again"));
    EXPECT_EQ(deal_id, snowball_error_last()->record_id);

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_get(nullptr, archive_, deal_id));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_get(out, nullptr, deal_id));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", snowball_deal_get(out, archive_, 424242));
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_list(nullptr, archive_, zhang_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_list(out, nullptr, zhang_id_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_deal_list(out, archive_, 424242));
}

TEST_F(CustomerInput, DealArchive) {
    const auto query = [&](char** out, const char* q) { return snowball_deal_archive(out, archive_, q); };
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_archive(nullptr, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_archive(out, nullptr, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", query(out, "{\"site\": \"XH\""));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", query(out, "1"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "query_json", query(out, "{\"site\": \"\xe4\xb8\xad\xe4\"}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "form", query(out, R"({"form": "2024-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", query(out, R"({"from": "2024-01-32"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "from", query(out, R"({"from": "2024-02-01", "to": "2024-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "include_cancelled", query(out, R"({"include_cancelled": "yes"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", query(out, R"({"limit": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "limit", query(out, R"({"limit": 10001})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "offset", query(out, R"({"offset": -3})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "consultant_id", query(out, R"({"consultant_id": [1]})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", query(out, R"({"site": "ZZ"})"));
}

} // namespace
