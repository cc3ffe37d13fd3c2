// Changing a customer on file: updates (only the fields set, phones, the consultant, bad input),
// removal and reassignment.
#include "customers_fixture.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

// ---------------------------------------------------------------------------------------------
// Updates

TEST_F(CustomersTest, UpdateChangesOnlyTheFieldsSet) {
    NewCustomer in = make("XH", Channel::call, "张伟", "13800138000");
    in.gender = Gender::male;
    in.consultant_id = li_;
    in.note = "备注";
    in.phones = {{PhoneKind::home, "010-65521234"}};
    in.first_contact = today_ - days(30);
    const Customer before = customers().add(in);

    CustomerUpdate u;
    u.name = "张伟强";
    Customer after = customers().update(before.id, u);
    EXPECT_EQ(after.name, "张伟强");
    EXPECT_EQ(after.gender, Gender::male);
    EXPECT_EQ(after.mobile, "13800138000");
    EXPECT_EQ(after.phones, before.phones);
    EXPECT_EQ(after.consultant_id, li_);
    EXPECT_EQ(after.note, "备注");
    EXPECT_EQ(after.first_contact, before.first_contact);
    EXPECT_EQ(after.archive_no, before.archive_no);
    EXPECT_EQ(after.channel, Channel::call);
    EXPECT_EQ(after.filed_at, before.filed_at);

    u = {};
    u.gender = Gender::female;
    u.tier = Tier::vip;
    u.note = "";
    u.first_contact = today_ - days(40);
    after = customers().update(before.id, u);
    EXPECT_EQ(after.gender, Gender::female);
    EXPECT_EQ(after.tier, Tier::vip);
    EXPECT_EQ(after.note, "");
    EXPECT_EQ(after.first_contact, today_ - days(40));
    EXPECT_EQ(after.name, "张伟强");
    EXPECT_EQ(customers().get(before.id).tier, Tier::vip);
}

TEST_F(CustomersTest, UpdatePhones) {
    NewCustomer in = make("XH", Channel::call, "张伟", "13800138000");
    in.phones = {{PhoneKind::home, "010-65521234"}, {PhoneKind::office, "021-68888888"}};
    const Customer a = customers().add(in);

    // The other phones are replaced as a whole.
    CustomerUpdate u;
    u.phones = std::vector<Phone>{{PhoneKind::other, "0755-8888 1234"}};
    Customer c = customers().update(a.id, u);
    EXPECT_EQ(c.phones, (std::vector<Phone>{{PhoneKind::other, "075588881234"}}));
    EXPECT_EQ(c.mobile, "13800138000");
    EXPECT_FALSE(customers().by_phone("010-65521234", "XH").has_value());
    EXPECT_EQ(customers().by_phone("0755-88881234", "XH").value_or(Customer{}).id, a.id);
    // The freed phone can be filed for somebody else.
    NewCustomer other = make("XH", Channel::call, "邻居");
    other.phones = {{PhoneKind::home, "010-65521234"}};
    const Customer n = customers().add(other);

    // The mobile in another form is still the customer's own: no conflict.
    u = {};
    u.mobile = "+86 138 0013 8000";
    EXPECT_EQ(customers().update(a.id, u).mobile, "13800138000");
    // A new mobile.
    u.mobile = "139-0013-9000";
    c = customers().update(a.id, u);
    EXPECT_EQ(c.mobile, "13900139000");
    EXPECT_EQ(c.phones.size(), 1u);
    EXPECT_FALSE(customers().by_phone("13800138000", "XH").has_value());
    EXPECT_EQ(customers().by_phone("13900139000", "XH").value_or(Customer{}).id, a.id);
    // Cleared.
    u.mobile = "";
    c = customers().update(a.id, u);
    EXPECT_EQ(c.mobile, "");
    EXPECT_FALSE(customers().by_phone("13900139000", "XH").has_value());
    EXPECT_EQ(raw().count("customer_phones", "customer_id = " + std::to_string(a.id)), 1);
    u.phones = std::vector<Phone>{};
    c = customers().update(a.id, u);
    EXPECT_TRUE(c.phones.empty());
    EXPECT_EQ(raw().count("customer_phones", "customer_id = " + std::to_string(a.id)), 0);

    // Another customer's phone is a conflict naming them; nothing changes.
    u = {};
    u.phones = std::vector<Phone>{{PhoneKind::home, "010 6552 1234"}};
    auto e = expect_rejected([&] { customers().update(a.id, u); }, Status::conflict, "phones[0]", "邻居");
    if (e) {
        EXPECT_EQ(e->record_id(), n.id);
    }
    u = {};
    u.mobile = "1380013800";
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "mobile", "has 10 digits");
    u.mobile = "010-12345678";
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "mobile", "is a landline");
    u = {};
    u.mobile = "13700137000";
    u.phones = std::vector<Phone>{{PhoneKind::home, "137 0013 7000"}};
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "phones[0]", "listed twice");
}

TEST_F(CustomersTest, UpdateConsultant) {
    NewCustomer in = make("XH", Channel::call, "张伟");
    in.consultant_id = li_;
    const Customer a = customers().add(in);

    CustomerUpdate u;
    u.consultant_id = std::optional<std::int64_t>(wang_);
    EXPECT_EQ(customers().update(a.id, u).consultant_id, wang_);
    u.consultant_id.emplace(std::nullopt);   // unassign
    EXPECT_FALSE(customers().update(a.id, u).consultant_id.has_value());
    EXPECT_FALSE(customers().get(a.id).consultant_id.has_value());
    u.consultant_id = std::optional<std::int64_t>(li_);
    customers().update(a.id, u);

    u.consultant_id = std::optional<std::int64_t>(zhao_);
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "consultant_id",
                    "works at another site");
    u.consultant_id = std::optional<std::int64_t>(chen_);
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_state, "consultant_id", "no longer active");
    u.consultant_id = std::optional<std::int64_t>(4242);
    expect_rejected([&] { customers().update(a.id, u); }, Status::not_found, "consultant_id", "no consultant with id 4242");
    EXPECT_EQ(customers().get(a.id).consultant_id, li_);
}

TEST_F(CustomersTest, UpdateRejectsBadInput) {
    const Customer a = add("XH", Channel::call, "张伟");
    CustomerUpdate u;
    u.name = " ";
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "name", "required");
    u.name = std::string(51, 'x');
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "name", "the limit is 50");
    u = {};
    u.note = "\x1b";
    expect_rejected([&] { customers().update(a.id, u); }, Status::invalid_argument, "note", "control character");
    u = {};
    u.name = "王芳";
    expect_rejected([&] { customers().update(a.id + 100, u); }, Status::not_found, "id", "no customer with id");
    customers().remove(a.id);
    expect_rejected([&] { customers().update(a.id, u); }, Status::not_found, "id", "no customer with id");
}

// ---------------------------------------------------------------------------------------------
// Removal

TEST_F(CustomersTest, Remove) {
    NewCustomer in = make("XH", Channel::visit, "张伟", "13800138000");
    in.phones = {{PhoneKind::home, "010-65521234"}};
    in.note = "私人备注";
    in.consultant_id = li_;
    const Customer a = customers().add(in);
    const Deal d = customers().record_deal(a.id, deal("1-1-101"));

    // A customer with an open deal cannot be removed.
    auto e = expect_rejected([&] { customers().remove(a.id); }, Status::invalid_state, "id", "has an open deal");
    if (e) {
        EXPECT_EQ(e->record_id(), a.id);
    }
    customers().cancel_deal(d.id, "退房");
    customers().remove(a.id);

    expect_error([&] { customers().get(a.id); }, Status::not_found, "id", "no customer with id");
    EXPECT_FALSE(customers().find(a.id).has_value());
    EXPECT_FALSE(customers().by_phone("13800138000", "XH").has_value());
    EXPECT_FALSE(customers().by_phone("13800138000").has_value());
    EXPECT_FALSE(customers().by_phone("010-65521234", "XH").has_value());
    EXPECT_TRUE(customers().find_by_phone("13800138000").empty());
    EXPECT_FALSE(customers().by_archive_no(a.archive_no).has_value());
    EXPECT_TRUE(customers().find_by_name("张").empty());
    EXPECT_EQ(customers().list(CustomerQuery{}).total, 0);
    expect_error([&] { customers().visits(a.id); }, Status::not_found, "customer_id", "no customer");
    expect_rejected([&] { customers().remove(a.id); }, Status::not_found, "id", "no customer with id");

    // Personal data and phones are gone; the number stays taken.
    auto db = raw();
    EXPECT_EQ(db.count("customers", "id = " + std::to_string(a.id) + " AND name = '' AND mobile = '' AND note = '' "
                                     "AND consultant_id IS NULL AND deleted_at IS NOT NULL AND archive_no = '" +
                                     a.archive_no + "'"),
              1);
    EXPECT_EQ(db.count("customer_phones"), 0);
    EXPECT_EQ(db.count("visits"), 0);
    EXPECT_EQ(db.count("deals"), 0);

    // The phone can be filed again; the new customer gets a new number.
    const Customer b = add("XH", Channel::visit, "张伟", "+86 138 0013 8000");
    EXPECT_NE(b.archive_no, a.archive_no);
    EXPECT_EQ(seq_of(b.archive_no), 2);
    EXPECT_EQ(customers().by_phone("13800138000").value_or(Customer{}).id, b.id);
    EXPECT_EQ(archive_.info().customers, 1);
}

// ---------------------------------------------------------------------------------------------
// Reassignment

TEST_F(CustomersTest, Reassign) {
    std::vector<std::int64_t> of_li;
    for (int i = 0; i < 3; ++i) {
        NewCustomer in = make("XH", Channel::call, "客户" + std::to_string(i));
        in.consultant_id = li_;
        of_li.push_back(customers().add(in).id);
    }
    NewCustomer in = make("XH", Channel::call, "王的客户");
    in.consultant_id = wang_;
    const std::int64_t of_wang = customers().add(in).id;
    customers().remove(of_li[2]);

    EXPECT_EQ(customers().reassign(li_, wang_), 2);
    EXPECT_EQ(customers().get(of_li[0]).consultant_id, wang_);
    EXPECT_EQ(customers().get(of_li[1]).consultant_id, wang_);
    EXPECT_EQ(customers().get(of_wang).consultant_id, wang_);
    EXPECT_EQ(customers().reassign(li_, wang_), 0);

    expect_rejected([&] { customers().reassign(wang_, zhao_); }, Status::invalid_argument, "to_consultant",
                    "works at another site");
    expect_rejected([&] { customers().reassign(wang_, chen_); }, Status::invalid_state, "to_consultant", "no longer active");
    expect_rejected([&] { customers().reassign(wang_, 9999); }, Status::not_found, "to_consultant", "no consultant");
    expect_rejected([&] { customers().reassign(9999, wang_); }, Status::not_found, "from_consultant", "no consultant");
    // A consultant who left hands over their customers (that is what reassign is for).
    ConsultantUpdate off;
    off.active = false;
    archive_.consultants().update(wang_, off);
    EXPECT_EQ(customers().reassign(wang_, li_), 3);
}

} // namespace
