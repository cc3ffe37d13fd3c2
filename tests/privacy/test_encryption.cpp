// Encryption of the sensitive profile values at rest (snowball/profiles.hpp, Encryption): what a
// copied archive file gives away, what a handle without the key may do, and key rotation.
#include "test_support.hpp"

#include "snowball/customers.hpp"
#include "snowball/privacy.hpp"
#include "snowball/profiles.hpp"
#include "snowball/rights.hpp"

#include <SQLiteCpp/Database.h>

#include <filesystem>

namespace {

using namespace snowball;
using namespace snowball::testing;

const std::string key_a(64, 'a');
const std::string key_b = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef";

OpenOptions with_key(const std::string& key) {
    OpenOptions o;
    o.encryption_key = key;
    return o;
}

// The bytes of the archive's files (the database, its log and the shared memory index).
std::string file_bytes(const std::string& path) {
    std::string all;
    for (const char* suffix : {"", "-wal", "-shm"})
        if (std::filesystem::exists(path + suffix)) all += read_file(path + suffix);
    return all;
}

constexpr const char* health = "高血压，二〇二五年做过心脏搭桥";
constexpr const char* plate = "浙A·12348";
constexpr const char* birthplace = "浙江省绍兴市上虞区";

class EncryptionTest : public ::testing::Test {
protected:
    void SetUp() override {
        Archive a = open(with_key(key_a));
        a.sites().add({"XH", "祥和花园", ""});
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::call;
        c.name = "甄嬛";
        c.mobile = "13912345678";
        zhen_ = a.customers().add(c).id;
        consent_to_sensitive(a, zhen_);
        a.profiles().set(zhen_, {{"health", std::string(health)}, {"plate_number", std::string(plate)},
                                 {"native_place", std::string(birthplace)}});
    }
    Archive open(const OpenOptions& options = {}) { return Archive::open(path_, options); }

    TempDir dir_;
    std::string path_ = dir_.file("archive.db");
    std::int64_t zhen_ = 0;
};

TEST_F(EncryptionTest, ACopiedFileHoldsNoSensitiveValueButTheOrdinaryOnes) {
    // Two changes of the health field: its history holds the old value too.
    {
        Archive a = open(with_key(key_a));
        a.profiles().set(zhen_, {{"health", std::string("血压已控制")}});
        ASSERT_EQ(2u, a.profiles().history(zhen_, "health", {true, "复诊提醒"}).size());
    }
    const std::string bytes = file_bytes(path_);
    EXPECT_EQ(std::string::npos, bytes.find(health));
    EXPECT_EQ(std::string::npos, bytes.find("血压已控制"));
    EXPECT_EQ(std::string::npos, bytes.find("12348"));
    // Phones, names and the ordinary fields are not sealed: lookups need them.
    EXPECT_NE(std::string::npos, bytes.find(birthplace));
    EXPECT_NE(std::string::npos, bytes.find("13912345678"));
    RawDb raw(path_);
    EXPECT_EQ(2, raw.integer("SELECT count(*) FROM profile_values WHERE typeof(value) = 'blob'"));
    EXPECT_EQ(1, raw.integer("SELECT count(*) FROM profile_values WHERE typeof(value) = 'text'"));
}

TEST_F(EncryptionTest, TheKeyHolderReadsAsBefore) {
    Archive a = open(with_key(key_a));
    const Profile p = a.profiles().get(zhen_, std::nullopt, {true, "复诊提醒"});
    EXPECT_EQ(std::string(health), std::get<std::string>(p.entry("health")->value));
    EXPECT_EQ(std::string(plate), std::get<std::string>(p.entry("plate_number")->value));
    // Masked reads keep the ends of the plate number, as without encryption.
    const Profile masked = a.profiles().get(zhen_);
    EXPECT_EQ("浙A·****8", masked.entry("plate_number")->masked.value_or(""));
    EXPECT_EQ(std::string(masked_value), masked.entry("health")->masked.value_or(""));
    const EncryptionStatus s = a.encryption().status();
    EXPECT_TRUE(s.enabled);
    EXPECT_TRUE(s.key_held);
    EXPECT_EQ(32u, s.key_id.size());
    EXPECT_EQ(4, s.sealed_values);   // health and plate number, and the history entries of their first values
}

TEST_F(EncryptionTest, AnotherKeyDoesNotOpenTheArchiveAndNeverAppearsInTheMessage) {
    auto e = expect_error([&] { open(with_key(key_b)); }, Status::invalid_argument, "encryption_key", "is not the key");
    ASSERT_TRUE(e);
    EXPECT_EQ(std::string::npos, std::string(e->what()).find(key_b));
    expect_error([&] { open(with_key("abc")); }, Status::invalid_argument, "encryption_key", "64 hexadecimal digits");
    expect_error([&] { open(with_key(std::string(64, 'g'))); }, Status::invalid_argument, "encryption_key", "64 hexadecimal");
}

TEST_F(EncryptionTest, WithoutTheKeyValuesShowMaskedAndCannotBeRevealedOrWritten) {
    Archive a = open();
    EXPECT_FALSE(a.encryption().status().key_held);
    const Profile p = a.profiles().get(zhen_);
    EXPECT_EQ(std::string(masked_value), p.entry("health")->masked.value_or(""));
    EXPECT_EQ(std::string(masked_value), p.entry("plate_number")->masked.value_or(""));   // no ends without the key
    EXPECT_EQ(std::string(birthplace), std::get<std::string>(p.entry("native_place")->value));
    expect_error([&] { a.profiles().get(zhen_, std::nullopt, {true, "复诊提醒"}); }, Status::forbidden, "health",
                 "without the archive's encryption key");
    expect_error([&] { a.profiles().set(zhen_, {{"health", std::string("好")}}); }, Status::forbidden, "health",
                 "without its encryption key");
    // The ordinary fields are written as always, and a sealed value may be cleared (its history keeps it sealed).
    a.profiles().set(zhen_, {{"native_place", std::string("江苏苏州")}, {"health", std::monostate{}}});
    const auto h = a.profiles().history(zhen_, "health");
    ASSERT_EQ(2u, h.size());
    EXPECT_TRUE(h[1].masked);
    Archive keyed = open(with_key(key_a));
    const auto revealed = keyed.profiles().history(zhen_, "health", {true, "复诊提醒"});
    EXPECT_EQ(std::string(health), std::get<std::string>(revealed[1].old_value));
    EXPECT_TRUE(std::holds_alternative<std::monostate>(revealed[1].new_value));
}

TEST_F(EncryptionTest, ASealedValueMovedToAnotherCustomerDoesNotOpen) {
    NewCustomer c;
    c.site = "XH";
    c.channel = Channel::call;
    c.name = "沈眉庄";
    std::int64_t shen = 0;
    {
        Archive a = open(with_key(key_a));
        shen = a.customers().add(c).id;
    }
    {
        SQLite::Database raw(path_, SQLite::OPEN_READWRITE);
        raw.exec("INSERT INTO profile_values(customer_id, field, value, updated_at) SELECT " + std::to_string(shen) +
                      ", field, value, updated_at FROM profile_values WHERE customer_id = " + std::to_string(zhen_) +
                      " AND field = 'health'");
    }
    Archive a = open(with_key(key_a));
    expect_error([&] { a.profiles().get(shen, std::nullopt, {true, "核对"}); }, Status::storage, "health", "altered or moved");
}

TEST_F(EncryptionTest, TheFirstOpenWithAKeySealsTheValuesAlreadyStored) {
    TempDir dir;
    const std::string path = dir.file("plain.db");
    std::int64_t id = 0;
    {
        Archive a = Archive::open(path);
        a.sites().add({"XH", "祥和花园", ""});
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::call;
        c.name = "安陵容";
        id = a.customers().add(c).id;
        consent_to_sensitive(a, id);
        a.profiles().set(id, {{"health", std::string(health)}});
        a.profiles().set(id, {{"health", std::string("康复中的慢性胃炎")}});
        EXPECT_FALSE(a.encryption().status().enabled);
    }
    ASSERT_NE(std::string::npos, file_bytes(path).find("康复中的慢性胃炎"));
    {
        OpenOptions o = with_key(key_b);
        Archive a = Archive::open(path, o);
        const EncryptionStatus s = a.encryption().status();
        EXPECT_TRUE(s.enabled);
        EXPECT_EQ(3, s.sealed_values);   // the value and its two history entries
        EXPECT_EQ("康复中的慢性胃炎",
                  std::get<std::string>(a.profiles().get(id, std::nullopt, {true, "核对"}).entry("health")->value));
        EXPECT_EQ(1, a.audit().list([] { AuditQuery q; q.action = "encryption.enable"; return q; }()).total);
    }
    const std::string bytes = file_bytes(path);
    EXPECT_EQ(std::string::npos, bytes.find("康复中的慢性胃炎"));
    EXPECT_EQ(std::string::npos, bytes.find(health));
}

TEST_F(EncryptionTest, RotationReSealsEverythingUnderTheNewKey) {
    {
        Archive a = open(with_key(key_a));
        a.profiles().set(zhen_, {{"health", std::string("血压已控制")}});
        const std::string old_id = a.encryption().status().key_id;
        EXPECT_EQ(5, a.encryption().rotate(key_b));   // two values and three history entries
        const EncryptionStatus s = a.encryption().status();
        EXPECT_NE(old_id, s.key_id);
        EXPECT_TRUE(s.key_held);
        EXPECT_EQ(1, s.keys_retired);
        // The handle goes on with the new key, and so do the handles it opens for other actors.
        EXPECT_EQ("血压已控制", std::get<std::string>(a.profiles().get(zhen_, std::nullopt, {true, "复诊"}).entry("health")->value));
        a.consultants().add({"XH", "王芳", ""});
        EXPECT_TRUE(a.as("admin:XH").encryption().status().key_held);
        SB_EXPECT_ERROR(a.encryption().rotate(key_b), invalid_argument, "new_key", "already in force");
        SB_EXPECT_ERROR(a.encryption().rotate("xyz"), invalid_argument, "new_key", "64 hexadecimal digits");
    }
    expect_error([&] { open(with_key(key_a)); }, Status::invalid_argument, "encryption_key", "is not the key");
    Archive a = open(with_key(key_b));
    const auto h = a.profiles().history(zhen_, "health", {true, "复诊"});
    ASSERT_EQ(2u, h.size());
    EXPECT_EQ(std::string(health), std::get<std::string>(h[1].old_value));
    EXPECT_EQ(std::string(plate), std::get<std::string>(a.profiles().get(zhen_, std::nullopt, {true, "复诊"}).entry("plate_number")->value));
}

TEST_F(EncryptionTest, OnlyTheHostHoldingTheKeyRotates) {
    Archive a = open(with_key(key_a));
    a.consultants().add({"XH", "王芳", ""});
    Archive admin = a.as("admin:XH");
    SB_EXPECT_ERROR(admin.encryption().rotate(key_b), forbidden, "new_key", "host system");
    Archive keyless = open();
    SB_EXPECT_ERROR(keyless.encryption().rotate(key_b), forbidden, "new_key", "key in force");
    TempDir dir;
    Archive plain = Archive::open(dir.file("plain.db"));
    SB_EXPECT_ERROR(plain.encryption().rotate(key_b), invalid_state, "new_key", "no key in force");
}

} // namespace
