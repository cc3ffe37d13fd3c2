// Capture at a site: off until switched on; then every write transaction that changes what the
// group receives leaves exactly one outbox entry, in the same transaction (a failed operation
// leaves none); bundles decode; acknowledging prunes; only the host may do any of it.
#include "test_support.hpp"

#include "group/bundle.hpp"
#include "snowball/customers.hpp"
#include "snowball/group.hpp"

using namespace snowball;
using namespace snowball::testing;
namespace g = snowball::detail::group;

namespace {

class CaptureTest : public ArchiveTest {
protected:
    void SetUp() override { archive_.sites().add({"XH", "祥和花园", ""}); }

    std::int64_t file(int i) {
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::call;
        c.name = "客户" + std::to_string(i);
        c.mobile = "1391234" + std::to_string(1000 + i);
        return archive_.customers().add(c).id;
    }
};

TEST_F(CaptureTest, OffUntilSwitchedOn) {
    file(1);
    auto s = archive_.group().status();
    EXPECT_FALSE(s.enabled);
    EXPECT_EQ(s.pending, 0);
    EXPECT_EQ(s.last_seq, 0);
    expect_error([&] { archive_.group().outbox(); }, Status::invalid_state, "", "never switched on");
}

TEST_F(CaptureTest, EachWriteIsOneEntryInItsOwnTransaction) {
    auto s = archive_.group().enable("XH-01");
    EXPECT_TRUE(s.enabled);
    EXPECT_EQ(s.site, "XH-01");
    EXPECT_EQ(s.pending, 0);   // switching on is not itself sent
    const auto a = file(1);
    file(2);
    s = archive_.group().status();
    EXPECT_EQ(s.pending, 2);
    EXPECT_EQ(s.last_seq, 2);
    EXPECT_GT(s.pending_bytes, 0);

    // A write that fails leaves no entry: its changes and its entry roll back together.
    NewCustomer again;
    again.site = "XH";
    again.channel = Channel::call;
    again.name = "重复";
    again.mobile = "13912341001";
    EXPECT_THROW(archive_.customers().add(again), Error);
    EXPECT_EQ(archive_.group().status().pending, 2);

    const g::Bundle b = g::decode(archive_.group().outbox());
    EXPECT_EQ(b.site, "XH-01");
    EXPECT_EQ(b.kind, "changes");
    EXPECT_EQ(b.high_water, 2);
    ASSERT_EQ(b.entries.size(), 2u);
    EXPECT_EQ(b.entries[0].seq, 1);
    EXPECT_EQ(b.entries[1].seq, 2);
    EXPECT_EQ(b.schema_version, Archive::schema_version());
    bool customers = false, outbox = false, keys = false;
    for (const auto& t : b.tables) {
        customers |= t.name == "customers";
        outbox |= t.name == "group_outbox";
        keys |= t.name == "sealing_keys";
    }
    EXPECT_TRUE(customers);
    EXPECT_FALSE(outbox) << "the outbox is not sent to the group";
    EXPECT_FALSE(keys) << "the sealed fields' keys never leave the site";

    // Only what comes after `after`, at most max_entries.
    const g::Bundle later = g::decode(archive_.group().outbox(1, 10));
    ASSERT_EQ(later.entries.size(), 1u);
    EXPECT_EQ(later.entries[0].seq, 2);
    const g::Bundle none = g::decode(archive_.group().outbox(2));
    EXPECT_TRUE(none.entries.empty());
    EXPECT_EQ(none.high_water, 2);

    // Acknowledged entries go; numbering goes on after them.
    EXPECT_EQ(archive_.group().acknowledge(1), 1);
    expect_error([&] { archive_.group().acknowledge(3); }, Status::invalid_argument, "up_to", "last entry is 2");
    EXPECT_EQ(archive_.group().acknowledge(2), 1);
    archive_.customers().remove(a);
    s = archive_.group().status();
    EXPECT_EQ(s.pending, 1);
    EXPECT_EQ(s.last_seq, 3);
    EXPECT_EQ(s.acknowledged, 2);

    // Switched off: writes are not captured; what is pending stays.
    archive_.group().disable();
    file(3);
    EXPECT_EQ(archive_.group().status().pending, 1);
}

TEST_F(CaptureTest, EveryHandleOfTheArchiveCaptures) {
    Archive other = Archive::open(path());   // opened before capture is switched on
    archive_.group().enable("XH");
    NewCustomer c;
    c.site = "XH";
    c.channel = Channel::visit;
    c.name = "别的窗口";
    c.mobile = "13800001111";
    other.customers().add(c);
    EXPECT_EQ(archive_.group().status().pending, 1);
}

TEST_F(CaptureTest, SiteCodesAndRenaming) {
    expect_rejected([&] { archive_.group().enable(""); }, Status::invalid_argument, "site");
    expect_rejected([&] { archive_.group().enable("祥和"); }, Status::invalid_argument, "site", "letters, digits");
    expect_rejected([&] { archive_.group().enable(std::string(33, 'A')); }, Status::invalid_argument, "site");
    archive_.group().enable("XH");
    file(1);
    expect_rejected([&] { archive_.group().enable("XH2"); }, Status::conflict, "site", "acknowledge them");
    archive_.group().acknowledge(1);
    EXPECT_EQ(archive_.group().enable("XH2").site, "XH2");
}

TEST_F(CaptureTest, OnlyTheHost) {
    const auto m = archive_.consultants().add({"XH", "周敏", "", ConsultantRole::manager});
    Archive manager = archive_.as("manager:" + std::to_string(m.id));
    expect_error([&] { manager.group().enable("XH"); }, Status::forbidden, "actor");
    expect_error([&] { manager.group().outbox(); }, Status::forbidden, "actor");
    expect_error([&] { manager.group().snapshot(); }, Status::forbidden, "actor");
    expect_error([&] { manager.group().checksums(); }, Status::forbidden, "actor");
    expect_error([&] { manager.group().acknowledge(0); }, Status::forbidden, "actor");
}

TEST(GroupBundle, DamagedBundlesAreRefusedSayingWhat) {
    g::Bundle b;
    b.site = "S1";
    b.kind = "changes";
    b.schema_version = 19;
    b.high_water = 2;
    b.tables.push_back(g::Table{"t", {g::Column{"id", "INTEGER", 1}}});
    b.entries.push_back(g::Entry{1, 19, "abc"});
    b.entries.push_back(g::Entry{2, 19, std::string("d\0e\nf", 5)});
    const std::string bytes = g::encode(b);
    const g::Bundle back = g::decode(bytes);
    ASSERT_EQ(back.entries.size(), 2u);
    EXPECT_EQ(back.entries[1].changeset, std::string("d\0e\nf", 5));

    auto refused = [](const std::string& text, const std::string& fragment) {
        expect_error([&] { g::decode(text); }, Status::invalid_argument, "bundle", fragment);
    };
    refused("hello", "does not start");
    refused(bytes.substr(0, bytes.size() - 30), "cut short");
    std::string flipped = bytes;
    flipped[flipped.find("abc")] = 'x';
    refused(flipped, "checksum");
    refused(bytes + "x", "follow its END");
    std::string bad_site = bytes;
    bad_site.replace(bad_site.find("\"S1\""), 4, "\"S 1\"");
    expect_error([&] { g::decode(bad_site); }, Status::invalid_argument, "bundle.site");
}

} // namespace
