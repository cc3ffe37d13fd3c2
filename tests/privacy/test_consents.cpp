// Consent, actors and masking through the C++ API: the rules of snowball/privacy.hpp.
#include "test_support.hpp"

#include "snowball/customers.hpp"
#include "snowball/privacy.hpp"
#include "snowball/profiles.hpp"
#include "snowball/rights.hpp"

namespace {

using namespace snowball;
using namespace snowball::testing;

TEST(Masking, KeepsTheEndsAndNeverSplitsACharacter) {
    EXPECT_EQ("138****8000", mask_phone("13800138000"));
    EXPECT_EQ("05****66", mask_phone("05718866"));
    EXPECT_EQ("***", mask_phone("110"));
    EXPECT_EQ("", mask_phone(""));
    EXPECT_EQ("张*", mask_name("张伟"));
    EXPECT_EQ("欧***", mask_name("欧阳娜娜"));
    EXPECT_EQ("*", mask_name("伟"));
    EXPECT_EQ("浙A·****8", mask_plate("浙A·12348"));
    EXPECT_EQ("浙A****5", mask_plate("浙A12345"));
    EXPECT_EQ("******", mask_plate("浙A"));
    EXPECT_EQ("杭州市西湖区****", mask_address("杭州市西湖区文三路100号"));
    EXPECT_EQ("杭****", mask_address("杭州"));
}

TEST(Actors, ParseTheirFormsAndRefuseOthers) {
    EXPECT_EQ(ActorKind::host, parse_actor("").kind);
    EXPECT_EQ("host", parse_actor("host").text());
    EXPECT_EQ("consultant:12", parse_actor(" consultant:12 ").text());
    EXPECT_EQ("manager:3", parse_actor("manager:3").text());
    EXPECT_EQ("admin:XH", parse_actor("admin:xh").text());
    for (const char* bad : {"boss", "consultant:", "consultant:x", "consultant:-1", "manager:0", "admin:", "consultant:1x"})
        SB_EXPECT_ERROR(parse_actor(bad), invalid_argument, "actor", "is not an actor");
}

class ConsentTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "祥和花园", ""});
        archive_.sites().add({"BJ", "北京一期", ""});
        wang_ = archive_.consultants().add({"XH", "王芳", ""}).id;
        li_ = archive_.consultants().add({"BJ", "李强", ""}).id;
        NewConsultant m{"XH", "周经理", "", ConsultantRole::manager};
        manager_ = archive_.consultants().add(m).id;
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::call;
        c.name = "甄嬛";
        c.mobile = "13912345678";
        c.consultant_id = wang_;
        zhen_ = archive_.customers().add(c).id;
    }
    std::int64_t wang_ = 0, li_ = 0, manager_ = 0, zhen_ = 0;
};

TEST_F(ConsentTest, APurposeIsAllowedByItsBasis) {
    Consents& consents = archive_.consents();
    EXPECT_TRUE(consents.allows(zhen_, Purpose::service));
    EXPECT_FALSE(consents.allows(zhen_, Purpose::marketing));
    SB_EXPECT_ERROR(consents.require(zhen_, Purpose::research, {}, "send"), consent_required, "send", "research");
    ConsentGrant g;
    g.purpose = Purpose::marketing;
    g.by = wang_;
    const Consent c = consents.grant(zhen_, g);
    EXPECT_EQ("consultant:" + std::to_string(wang_), c.recorded_by);
    EXPECT_TRUE(consents.allows(zhen_, Purpose::marketing, "wechat"));
    consents.object(zhen_, Purpose::marketing, "sms");
    EXPECT_FALSE(consents.allows(zhen_, Purpose::marketing, "sms"));
    EXPECT_TRUE(consents.allows(zhen_, Purpose::marketing, "wechat"));
    EXPECT_EQ(1, consents.withdraw(zhen_, Purpose::marketing));
    EXPECT_FALSE(consents.allows(zhen_, Purpose::marketing, "wechat"));
    EXPECT_EQ(0, consents.withdraw(zhen_, Purpose::marketing));
    // Sensitive categories: a separate consent; a minor's data only with a guardian's.
    EXPECT_FALSE(consents.allows_sensitive(zhen_, SensitiveCategory::health));
    ConsentGrant s;
    s.purpose = Purpose::service;
    s.sensitive = true;
    consents.grant(zhen_, s);
    EXPECT_TRUE(consents.allows_sensitive(zhen_, SensitiveCategory::health));
    EXPECT_FALSE(consents.allows_sensitive(zhen_, SensitiveCategory::minors));
    SB_EXPECT_ERROR(archive_.profiles().set(zhen_, {{"children", std::string("女儿")}}), consent_required, "children",
                    "guardian");
    EXPECT_EQ(3u, consents.of(zhen_).size());   // the marketing consent, the objection, the sensitive one
}

TEST_F(ConsentTest, EachActorSeesWhatTheirRoleAllows) {
    ConsentGrant s;
    s.purpose = Purpose::service;
    s.sensitive = true;
    archive_.consents().grant(zhen_, s);
    archive_.profiles().set(zhen_, {{"health", std::string("哮喘")}, {"mailing_address", std::string("杭州市西湖区文三路100号")}});

    Archive own = archive_.as("consultant:" + std::to_string(wang_));
    Archive other = archive_.as("consultant:" + std::to_string(li_));
    Archive boss = archive_.as("manager:" + std::to_string(manager_));
    Archive admin = archive_.as("admin:XH");
    EXPECT_EQ("甄嬛", own.customers().get(zhen_).name);
    EXPECT_EQ("甄嬛", boss.customers().get(zhen_).name);
    const Customer masked = other.customers().get(zhen_);
    EXPECT_EQ("甄*", masked.name);
    EXPECT_EQ("139****5678", masked.mobile);
    EXPECT_EQ("杭州市西湖区****", *other.profiles().get(zhen_).entry("mailing_address")->masked);
    EXPECT_EQ("******", *own.profiles().get(zhen_).entry("health")->masked);
    SB_EXPECT_ERROR(other.profiles().get(zhen_, std::nullopt, Reveal{true, "好奇"}), forbidden, "customer_id", "may not see");
    SB_EXPECT_ERROR(own.profiles().get(zhen_, std::nullopt, Reveal{true, ""}), invalid_argument, "reason", "required");
    EXPECT_EQ("哮喘", std::get<std::string>(own.profiles().get(zhen_, std::nullopt, Reveal{true, "回访"}).entry("health")->value));
    archive_.consents().withdraw(zhen_, Purpose::service);
    SB_EXPECT_ERROR(own.profiles().get(zhen_, std::nullopt, Reveal{true, "回访"}), consent_required, "health", "consent");
    EXPECT_EQ("哮喘", std::get<std::string>(boss.profiles().get(zhen_, std::nullopt, Reveal{true, "法务"}).entry("health")->value));
    SB_EXPECT_ERROR(own.privacy().erase(zhen_), forbidden, "id", "manager");
    SB_EXPECT_ERROR(own.privacy().personal_copy(zhen_), forbidden, "customer_id", "manager");
    SB_EXPECT_ERROR(own.privacy().sweep(), forbidden, "actor", "administrator");
    SB_EXPECT_ERROR(own.profiles().set(zhen_, {{"position", std::string("经理")}}, li_), forbidden, "by", "cannot act for");
    SB_EXPECT_ERROR(boss.privacy().set_retention("XH", Stage::prospect, 30), forbidden, "site", "administrator");
    admin.privacy().set_retention("XH", Stage::prospect, 30);
    SB_EXPECT_ERROR(archive_.as("manager:" + std::to_string(wang_)), forbidden, "actor", "not a manager");

    // Every reveal is in the audit log, with the fields and the reason, as done by the actor.
    AuditQuery q;
    q.action = "profile.reveal";
    const auto reveals = archive_.audit().list(q).items;
    ASSERT_EQ(2u, reveals.size());
    EXPECT_EQ("consultant:" + std::to_string(wang_), reveals[0].actor);
    EXPECT_EQ("fields health; reason: 回访", reveals[0].detail);
    EXPECT_EQ("manager:" + std::to_string(manager_), reveals[1].actor);
    boss.privacy().erase(zhen_);
    EXPECT_FALSE(archive_.customers().find(zhen_));
    EXPECT_TRUE(archive_.audit().verify().ok);
}

} // namespace
