// The profile tests' fixture: the garden office (tests/support/office_fixtures.hpp) with the
// accessors of the profile services, and the helpers that build template edits and read values.
#pragma once

#include "snowball/briefing.hpp"
#include "snowball/customers.hpp"
#include "snowball/profiles.hpp"

#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace snowball::testing {

using Values = std::map<std::string, FieldValue>;
using Keys = std::vector<std::string>;
using Op = TemplateEdit::Op;

inline FieldValue text(const char* s) { return std::string(s); }
inline FieldValue keys(std::initializer_list<const char*> list) {
    std::vector<std::string> out;
    for (const char* k : list) out.emplace_back(k);
    return out;
}

// The value of a FieldValue alternative, or a test failure.
template <class T>
T as(const FieldValue& v) {
    if (const T* p = std::get_if<T>(&v)) return *p;
    ADD_FAILURE() << "the value holds another alternative (index " << v.index() << ")";
    return T{};
}

inline bool is_empty(const FieldValue& v) { return std::holds_alternative<std::monostate>(v); }

inline std::vector<std::string> field_keys(const Template& t) {
    std::vector<std::string> out;
    for (const FieldDef& f : t.fields) out.push_back(f.key);
    return out;
}

inline std::ptrdiff_t index_of(const Template& t, const std::string& key) {
    const auto k = field_keys(t);
    return std::find(k.begin(), k.end(), key) - k.begin();
}

inline bool is_timestamp(const std::string& s) {
    static const std::regex form(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    return std::regex_match(s, form);
}

inline TemplateEdit edit(Op op, const std::string& key) {
    TemplateEdit e;
    e.op = op;
    e.key = key;
    return e;
}

inline FieldDef own_field(const std::string& key, const std::string& section, FieldType type, const std::string& zh,
                          std::vector<FieldOption> options = {}) {
    FieldDef f;
    f.key = key;
    f.section = section;
    f.type = type;
    f.label = {zh, "", ""};
    f.options = std::move(options);
    return f;
}

inline TemplateEdit add_field(FieldDef f, const std::string& after = {}) {
    TemplateEdit e;
    e.op = Op::add_field;
    e.field = std::move(f);
    e.after = after;
    return e;
}

// Two sites, consultants, customers.
class ProfilesTest : public GardenOfficeTest {
protected:
    Templates& templates() { return archive_.templates(); }
    Profiles& profiles() { return archive_.profiles(); }
    Family& family() { return archive_.family(); }
    Customers& customers() { return archive_.customers(); }
    Briefings& briefings() { return archive_.briefings(); }

    Customer add(const std::string& name, const std::string& mobile = {}, Gender gender = Gender::unknown,
                 const std::string& site = "XH", std::optional<std::int64_t> consultant = std::nullopt,
                 std::optional<Date> first_contact = std::nullopt) {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.mobile = mobile;
        c.gender = gender;
        c.consultant_id = consultant;
        c.first_contact = first_contact;
        const Customer added = customers().add(c);
        // These tests are about values: their customers have given the separate consent to
        // sensitive information (tests/privacy tests the consent rules and the masking).
        consent_to_sensitive(archive_, added.id);
        return added;
    }

    // Reads that reveal sensitive values, as the tests of values need them.
    static inline const Reveal revealed{true, "profile tests"};

    FieldValue value(std::int64_t customer_id, const std::string& key) {
        const Profile p = profiles().get(customer_id, std::nullopt, revealed);
        const ProfileEntry* e = p.entry(key);
        if (!e) {
            ADD_FAILURE() << "no entry " << key;
            return {};
        }
        return e->value;
    }

    // A site template with one field of each type the default lacks: date, phone, number.
    void add_typed_fields(const std::string& site = "XH") {
        templates().edit(site, {add_field(own_field("move_in_date", "property", FieldType::date, "计划入住日期")),
                                add_field(own_field("assistant_phone", "basic", FieldType::phone, "助理电话")),
                                add_field(own_field("budget", "property", FieldType::number, "预算（万元）"))});
    }

    // A writable second connection, to move recorded times into the past.
    void sql(const std::string& statement) {
        SQLite::Database db(path(), SQLite::OPEN_READWRITE);
        db.exec(statement);
    }
};

} // namespace snowball::testing
