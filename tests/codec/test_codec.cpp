// The codec: one field table per record, one strict reader, the catalogue of records.
#include "test_support.hpp"

#include "codec/archive.hpp"
#include "codec/catalogue.hpp"
#include "codec/customers.hpp"

#include <set>

using namespace snowball;
using namespace snowball::testing;
using snowball::codec::json;

namespace {

TEST(CodecParse, RejectsBadSyntaxAndAKeyGivenTwice) {
    SB_EXPECT_ERROR(codec::parse("{\"a\": 1,", "doc"), invalid_argument, "doc", "not valid JSON");
    SB_EXPECT_ERROR(codec::parse(R"({"name": "张伟", "name": "李娜"})", "doc"), invalid_argument, "doc", "\"name\" twice");
    SB_EXPECT_ERROR(codec::parse(R"([{"a": 1}, {"b": {"c": 1, "c": 2}}])", "doc"), invalid_argument, "doc", "\"c\" twice");
    // The same key in two objects is no repetition.
    EXPECT_NO_THROW(codec::parse(R"([{"a": 1}, {"a": 2, "b": {"a": 3}}])", "doc"));
    SB_EXPECT_ERROR(codec::parse_object("[1]", "doc"), invalid_argument, "doc", "must be a JSON object");
    SB_EXPECT_ERROR(codec::parse("\"\xff\"", "doc"), invalid_argument, "doc", "not valid JSON");
    SB_EXPECT_ERROR(codec::parse(R"({"limit": 1e400})", "doc"), invalid_argument, "doc", "number overflow");
}

TEST(CodecRead, NamesTheKeyAtFaultByItsPath) {
    const json doc = codec::parse(R"({"site": "XH", "channel": "call", "name": "张伟",
                                      "phones": [{"kind": "home", "number": "010 1234 5678"}, {"kind": "car"}]})", "doc");
    SB_EXPECT_ERROR(codec::read<NewCustomer>(doc, "customers[2]"), invalid_argument, "customers[2].phones[1].kind", "car");
    SB_EXPECT_ERROR(codec::read<NewCustomer>(codec::parse(R"({"site": "XH", "channel": "call", "nmae": "张伟"})", "d"), ""),
                    invalid_argument, "nmae", "not a known key");
    SB_EXPECT_ERROR(codec::read<NewCustomer>(codec::parse(R"({"site": "XH", "channel": "call"})", "d"), ""), invalid_argument,
                    "name", "is required");
    SB_EXPECT_ERROR(codec::read<NewCustomer>(codec::parse(R"({"site": "XH", "channel": "call", "name": 5})", "d"), ""),
                    invalid_argument, "name", "must be a string");
    SB_EXPECT_ERROR(codec::read<NewCustomer>(codec::parse(R"({"site": "XH", "channel": "call", "name": "a",
                                                               "consultant_id": 18446744073709551615})", "d"), ""),
                    invalid_argument, "consultant_id", "out of range");
    SB_EXPECT_ERROR(codec::read<CustomerQuery>(codec::parse(R"({"limit": 4294967301})", "d"), ""), invalid_argument, "limit",
                    "out of range");
    // Output-only keys are not input: an id cannot be chosen.
    SB_EXPECT_ERROR(codec::read<NewSite>(codec::parse(R"({"id": 3, "code": "XH", "name": "x"})", "d"), ""), invalid_argument,
                    "id", "not a known key");
}

TEST(CodecRead, NullClearsAnUpdatesValueAndAbsenceKeepsIt) {
    const auto u = codec::read<CustomerUpdate>(codec::parse(R"({"consultant_id": null, "birthday": null, "note": "x"})", "d"), "");
    ASSERT_TRUE(u.consultant_id);
    EXPECT_FALSE(*u.consultant_id);
    ASSERT_TRUE(u.birthday);
    EXPECT_FALSE(*u.birthday);
    EXPECT_FALSE(u.name);
    EXPECT_EQ("x", u.note);
    const auto v = codec::read<CustomerUpdate>(codec::parse(R"({"consultant_id": 4, "birthday": "lunar:--08-15"})", "d"), "");
    EXPECT_EQ(4, **v.consultant_id);
    EXPECT_TRUE((*v.birthday)->lunar);
    EXPECT_EQ(8, (*v.birthday)->month);
}

TEST(CodecRead, BirthdaysFromTextOrObjectAreValidated) {
    const Birthday b = codec::read<Birthday>(codec::parse(R"({"lunar": true, "year": 2023, "month": 2, "day": 29,
                                                              "leap_month": true, "text": "ignored"})", "d"), "birthday");
    EXPECT_EQ("lunar:2023-L02-29", to_string(b));
    SB_EXPECT_ERROR(codec::read<Birthday>(codec::parse(R"({"lunar": false, "month": 2, "day": 30})", "d"), "birthday"),
                    invalid_argument, "birthday", "");
    SB_EXPECT_ERROR(codec::read<Birthday>(codec::parse(R"({"lunar": false, "day": 3})", "d"), "birthday"), invalid_argument,
                    "birthday.month", "is required");
    EXPECT_EQ(json(b)["text"], "lunar:2023-L02-29");
    EXPECT_EQ(json(Birthday{false, 0, 6, 15, false})["year"], json(nullptr));
}

TEST(CodecWrite, EnumsAsKeysDatesAsIsoAndEmptyOptionalsAsNull) {
    Customer c;
    c.id = 3;
    c.channel = Channel::visit;
    c.first_contact = Date(2026, 3, 5);
    c.phones = {{PhoneKind::home, "01012345678"}};
    const json j = c;
    EXPECT_EQ("visit", j["channel"]);
    EXPECT_EQ("2026-03-05", j["first_contact"]);
    EXPECT_EQ(json(nullptr), j["consultant_id"]);
    EXPECT_EQ(json(nullptr), j["birthday"]);
    EXPECT_EQ("home", j["phones"][0]["kind"]);
    Page<Customer> page;
    page.items = {c};
    page.total = 9;
    EXPECT_EQ(9, json(page)["total"]);
    EXPECT_EQ(3, json(page)["items"][0]["id"]);
}

TEST(CodecCatalogue, EveryRecordsSampleCarriesExactlyItsKeys) {
    const auto records = codec::catalogue();
    ASSERT_GE(records.size(), 10u);
    std::set<std::string> names;
    for (const auto& r : records) {
        SCOPED_TRACE(r.name);
        EXPECT_TRUE(names.insert(r.name).second) << "listed twice";
        for (bool engaged : {true, false}) {
            const json sample = r.sample(engaged);
            ASSERT_TRUE(sample.is_object());
            std::vector<std::string> keys;
            for (auto it = sample.begin(); it != sample.end(); ++it) keys.push_back(it.key());
            std::vector<std::string> expected = r.keys;
            std::sort(expected.begin(), expected.end());
            EXPECT_EQ(expected, keys);
        }
        // A filled sample has no null: every optional was filled, so the round trip sees its type.
        const json filled = r.sample(true);
        for (auto it = filled.begin(); it != filled.end(); ++it) EXPECT_FALSE(it->is_null()) << it.key();
    }
    for (const char* name : {"Customer", "Birthday", "Site", "Consultant", "ArchiveNumber", "LeadImportReport"})
        EXPECT_TRUE(names.count(name)) << name;
}

} // namespace
