// Registration and protection (报备, 判客, 保护期): every rule of snowball/attribution.hpp, its bad
// input, the access of consultant handles, and two processes registering the same phone at once.
#include "processes.hpp"
#include "test_support.hpp"

#include "snowball/attribution.hpp"
#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/profiles.hpp"

#include <cstring>

using namespace snowball;
using namespace snowball::testing;
using boost::gregorian::days;

namespace {

class AttributionTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "祥和花园", ""});
        archive_.sites().add({"LY", "临溪苑", ""});
        wang_ = archive_.consultants().add({"XH", "王五", ""}).id;
        li_ = archive_.consultants().add({"XH", "李娜", ""}).id;
        zhou_ = archive_.consultants().add({"XH", "周经理", "", ConsultantRole::manager}).id;
        other_site_ = archive_.consultants().add({"LY", "赵六", ""}).id;
        NewPartner agency;
        agency.site = "XH";
        agency.kind = PartnerKind::agency;
        agency.name = "链家";
        agency.company = "链家地产";
        agency.phone = "13900001111";
        lianjia_ = regs().add_partner(agency).id;
    }
    Registrations& regs() { return archive_.registrations(); }
    static std::string at(Date day) { return to_iso(day) + "T10:00"; }
    Date ago(int n) const { return today_ - days(n); }

    Registration reg(const std::string& phone, std::optional<std::int64_t> consultant, std::optional<std::int64_t> partner,
                     Date day, const std::string& name = "张伟") {
        NewRegistration r;
        r.site = "XH";
        r.phone = phone;
        r.name = name;
        r.consultant_id = consultant;
        r.partner_id = partner;
        r.at = at(day);
        return regs().register_customer(r);
    }
    Judgement judge(const std::string& phone, Date day, std::optional<std::int64_t> receiving = std::nullopt) {
        JudgeRequest j;
        j.site = "XH";
        j.phone = phone;
        j.at = at(day);
        j.consultant_id = receiving;
        return regs().judge(j);
    }
    Customer file(const std::string& name, const std::string& mobile, std::optional<std::int64_t> consultant, Date first,
                  Channel channel = Channel::call) {
        NewCustomer c;
        c.site = "XH";
        c.channel = channel;
        c.name = name;
        c.mobile = mobile;
        c.consultant_id = consultant;
        c.first_contact = first;
        return archive_.customers().add(c);
    }
    void contact(std::int64_t customer, std::int64_t by, Date day, const std::string& outcome = "reached") {
        NewContact c;
        c.outcome = outcome;
        c.by = by;
        c.at = at(day);
        archive_.contacts().log(customer, c);
    }

    const Date today_ = today_in_china();
    std::int64_t wang_ = 0, li_ = 0, zhou_ = 0, other_site_ = 0, lianjia_ = 0;
};

TEST_F(AttributionTest, WindowsComeFromTheSiteAndChannel) {
    EXPECT_EQ(ago(10) + days(7), reg("13800138000", wang_, std::nullopt, ago(10)).expires);
    EXPECT_EQ(ago(10) + days(30), reg("13800138001", std::nullopt, lianjia_, ago(10)).expires);
    EXPECT_EQ(RegistrationChannel::agency, regs().matching("XH", "13800138001").at(0).channel);
    AttributionSettingsUpdate u;
    u.phone_inquiry_days = 3;
    u.agency_days = 45;
    EXPECT_EQ(3, regs().update_settings("XH", u).phone_inquiry_days);
    EXPECT_EQ(7, regs().settings("LY").phone_inquiry_days) << "another site keeps its defaults";
    EXPECT_EQ(ago(1) + days(3), reg("13800138002", wang_, std::nullopt, ago(1)).expires);
    EXPECT_EQ(ago(1) + days(45), reg("13800138003", std::nullopt, lianjia_, ago(1)).expires);
    NewRegistration walk;
    walk.site = "XH";
    walk.phone = "13800138004";
    walk.consultant_id = li_;
    walk.channel = RegistrationChannel::walk_in;
    walk.at = to_iso(ago(1));   // a day alone: that day
    EXPECT_EQ(ago(1) + days(15), regs().register_customer(walk).expires);
}

TEST_F(AttributionTest, FirstValidRegistrationWinsAndTheOtherIsAConflictNamingTheOwner) {
    const Registration first = reg("13800138000", wang_, std::nullopt, ago(2));
    const auto e = expect_rejected([&] { reg("+86 138-0013-8000", li_, std::nullopt, ago(1)); }, Status::conflict, "phone", "王五");
    ASSERT_TRUE(e);
    EXPECT_EQ(first.id, e->record_id());
    // A partner's partial registration of the same phone conflicts too, and vice versa.
    expect_rejected([&] { reg("138****8000", std::nullopt, lianjia_, ago(1)); }, Status::conflict, "phone", "王五");
    // The same registrant registering again gets their registration back.
    EXPECT_EQ(first.id, reg("13800138000", wang_, std::nullopt, ago(1)).id);
    const Judgement j = judge("13800138000", ago(1));
    EXPECT_EQ("registration", j.reason);
    EXPECT_EQ(wang_, j.owner_consultant_id);
    EXPECT_EQ("王五", j.owner_consultant);
    ASSERT_TRUE(j.registration);
    EXPECT_EQ(first.id, j.registration->id);
    EXPECT_EQ(RegistrationStatus::confirmed, j.registration->status);
    EXPECT_EQ(ago(1), j.registration->confirmed_on);
}

TEST_F(AttributionTest, PartialPhonesMatchByTheirVisibleDigitsAndAreFilledOnTheVisit) {
    const Registration r = reg("138****8000", std::nullopt, lianjia_, ago(5), "刘先生");
    EXPECT_TRUE(r.partial);
    EXPECT_EQ("138****8000", r.phone);
    EXPECT_EQ("unregistered", judge("13811118001", ago(1)).reason) << "another tail";
    EXPECT_EQ("unregistered", judge("13911118000", ago(1)).reason) << "another head";
    const Judgement j = judge("13812348000", ago(1));
    EXPECT_EQ("registration", j.reason);
    EXPECT_EQ(std::nullopt, j.owner_consultant_id);
    EXPECT_EQ(lianjia_, j.owner_partner_id);
    EXPECT_EQ("链家", j.owner_partner);
    ASSERT_TRUE(j.registration);
    EXPECT_FALSE(j.registration->partial);
    EXPECT_EQ("13812348000", j.registration->phone) << "the visit fills the full phone";
    // Confirmed with the full phone, it no longer matches other phones of its pattern.
    EXPECT_EQ("unregistered", judge("13899998000", ago(1)).reason);
    // Other forms of a pattern.
    EXPECT_EQ("139****0001", reg("139 xxxx 0001", wang_, std::nullopt, ago(1)).phone);
    EXPECT_EQ("1391***0002", reg("+86 1391***0002", wang_, std::nullopt, ago(1)).phone);
}

TEST_F(AttributionTest, BadPhonePatternsAreRejected) {
    for (const char* bad : {"13*******00", "13****80000", "138**8**000", "1380013800", "12****8000a", "138****800", "abc", "",
                            "23****8000", "138*****000"})
        expect_rejected([&] { reg(bad, wang_, std::nullopt, ago(1)); }, Status::invalid_argument, "phone");
    expect_rejected([&] { judge("138****8000", ago(1)); }, Status::invalid_argument, "phone", "full phone");
}

TEST_F(AttributionTest, BadRegistrantsAreRejected) {
    expect_rejected([&] { reg("13800138000", std::nullopt, std::nullopt, ago(1)); }, Status::invalid_argument, "consultant_id");
    expect_rejected([&] { reg("13800138000", 4242, std::nullopt, ago(1)); }, Status::not_found, "consultant_id");
    expect_rejected([&] { reg("13800138000", other_site_, std::nullopt, ago(1)); }, Status::invalid_argument, "consultant_id", "LY");
    expect_rejected([&] { reg("13800138000", std::nullopt, 4242, ago(1)); }, Status::not_found, "partner_id");
    NewPartner theirs;
    theirs.site = "LY";
    theirs.name = "我爱我家";
    const std::int64_t ly_partner = regs().add_partner(theirs).id;
    expect_rejected([&] { reg("13800138000", std::nullopt, ly_partner, ago(1)); }, Status::invalid_argument, "partner_id");
    regs().deactivate_partner(lianjia_);
    expect_rejected([&] { reg("13800138000", std::nullopt, lianjia_, ago(1)); }, Status::invalid_argument, "partner_id", "inactive");
    NewRegistration r;
    r.site = "ZZ";
    r.phone = "13800138000";
    r.consultant_id = wang_;
    expect_rejected([&] { regs().register_customer(r); }, Status::not_found, "site");
    r.site = "XH";
    r.channel = RegistrationChannel::agency;
    expect_rejected([&] { regs().register_customer(r); }, Status::invalid_argument, "channel");
    r.channel.reset();
    r.at = "soon";
    expect_rejected([&] { regs().register_customer(r); }, Status::invalid_argument, "at");
    r.at.clear();
    r.name = std::string(60, 'x');
    expect_rejected([&] { regs().register_customer(r); }, Status::invalid_argument, "name");
    AttributionSettingsUpdate u;
    u.walk_in_days = 0;
    expect_rejected([&] { regs().update_settings("XH", u); }, Status::invalid_argument, "walk_in_days");
    JudgeRequest j;
    j.site = "XH";
    j.phone = "13800138000";
    j.consultant_id = other_site_;
    expect_rejected([&] { regs().judge(j); }, Status::invalid_argument, "consultant_id");
    NewPartner p;
    p.site = "XH";
    expect_rejected([&] { regs().add_partner(p); }, Status::invalid_argument, "name");
    p.name = "x";
    p.phone = "12";
    expect_rejected([&] { regs().add_partner(p); }, Status::invalid_argument, "phone");
    SB_EXPECT_ERROR(regs().partner(4242), not_found, "partner_id", "");
    SB_EXPECT_ERROR(regs().registration(4242), not_found, "registration_id", "");
}

TEST_F(AttributionTest, AnExpiredRegistrationPutsTheCustomerIntoThePoolWhereAnyoneMayClaimThem) {
    const Customer c = file("张伟", "13800138000", wang_, ago(40));
    // Filed 40 days ago by a phone inquiry (7 days), never contacted since: expired.
    const Judgement j = judge("13800138000", ago(1));
    EXPECT_EQ("pool", j.reason);
    EXPECT_TRUE(j.in_pool);
    EXPECT_EQ(std::nullopt, j.owner_consultant_id);
    EXPECT_EQ(ago(40) + days(7), j.expires);
    ASSERT_EQ(1u, regs().pool("XH").size());
    EXPECT_EQ(c.id, regs().pool("XH")[0].customer_id);
    EXPECT_EQ(wang_, regs().pool("XH")[0].previous_consultant_id);
    // Judging again records nothing more.
    const std::string before = dump();
    EXPECT_EQ("pool", judge("13800138000", ago(1)).reason);
    EXPECT_EQ(before, dump());
    // Li claims them: they are Li's now, protected for the claim window.
    const Attribution a = regs().claim(c.id, li_);
    EXPECT_EQ(li_, a.consultant_id);
    EXPECT_FALSE(a.in_pool);
    EXPECT_EQ(today_ + days(15), a.expires);
    EXPECT_EQ(li_, archive_.customers().get(c.id).consultant_id);
    EXPECT_TRUE(regs().pool("XH").empty());
    // Nobody else can claim them now; Wang cannot register them.
    SB_EXPECT_ERROR(regs().claim(c.id, wang_), invalid_state, "customer_id", "");
    expect_rejected([&] { reg("13800138000", wang_, std::nullopt, today_); }, Status::conflict, "phone", "李娜");
    EXPECT_EQ("protected", judge("13800138000", today_).reason);
    const auto h = regs().history(c.id);
    ASSERT_EQ(2u, h.size());
    EXPECT_EQ("pool", h[0].reason);
    EXPECT_EQ(wang_, h[0].previous_consultant_id);
    EXPECT_EQ("claim", h[1].reason);
    EXPECT_EQ(li_, h[1].consultant_id);
}

TEST_F(AttributionTest, AnExpiredRegistrationOfAPhoneNotOnFileIsThePoolAndFreesThePhone) {
    reg("13800138000", wang_, std::nullopt, ago(30));
    const Judgement j = judge("13800138000", ago(1));
    EXPECT_EQ("pool", j.reason);
    EXPECT_EQ(std::nullopt, j.owner_consultant_id);
    ASSERT_TRUE(j.registration);
    EXPECT_EQ(wang_, j.registration->consultant_id);
    EXPECT_EQ(li_, reg("13800138000", li_, std::nullopt, ago(1)).consultant_id) << "an expired registration does not block";
    EXPECT_EQ(li_, judge("13800138000", ago(1)).owner_consultant_id);
}

TEST_F(AttributionTest, AnEffectiveContactRenewsTheProtectionFromItsDay) {
    const Customer c = file("张伟", "13800138000", wang_, ago(30));
    EXPECT_EQ(ago(30) + days(7), regs().attribution(c.id).expires);
    contact(c.id, li_, ago(3));                       // another consultant's contact renews nothing
    contact(c.id, wang_, ago(2), "no_answer");        // an outcome that did not reach them neither
    EXPECT_EQ(ago(30) + days(7), regs().attribution(c.id).expires);
    contact(c.id, wang_, ago(4));
    EXPECT_EQ(ago(4) + days(7), regs().attribution(c.id).expires);
    const Judgement j = judge("13800138000", ago(1));
    EXPECT_EQ("protected", j.reason);
    EXPECT_EQ(wang_, j.owner_consultant_id);
    expect_rejected([&] { reg("13800138000", li_, std::nullopt, ago(1)); }, Status::conflict, "phone", "王五");
    // A registration is renewed the same way, once linked to the customer.
    const Customer d = file("李雷", "13700137000", std::nullopt, ago(30));
    const Registration r = reg("13700137000", wang_, std::nullopt, ago(20));
    EXPECT_EQ(d.id, r.customer_id);
    EXPECT_EQ(ago(13), r.expires);
    contact(d.id, wang_, ago(2));
    const Registration renewed = regs().registration(r.id);
    EXPECT_EQ(ago(2) + days(7), renewed.expires);
    EXPECT_EQ(ago(2), renewed.renewed_on);
    EXPECT_EQ("registration", judge("13700137000", ago(1)).reason);
}

TEST_F(AttributionTest, AVisitCreditsTheRegistrantAndLinksTheCustomer) {
    const Customer c = file("张伟", "13800138000", std::nullopt, ago(1), Channel::visit);
    const Registration r = reg("138****8000", li_, lianjia_, ago(3));
    EXPECT_EQ(std::nullopt, r.customer_id) << "a partial phone is linked on the visit, not before";
    const Judgement j = judge("13800138000", ago(1));
    EXPECT_EQ("registration", j.reason);
    EXPECT_EQ(li_, j.owner_consultant_id);
    EXPECT_EQ(lianjia_, j.owner_partner_id);
    EXPECT_EQ(c.id, j.customer_id);
    EXPECT_EQ(c.id, j.registration->customer_id);
    EXPECT_EQ(li_, archive_.customers().get(c.id).consultant_id);
    const Attribution a = regs().attribution(c.id, ago(1));
    EXPECT_EQ(li_, a.consultant_id);
    EXPECT_EQ(lianjia_, a.partner_id);
    EXPECT_EQ(r.id, a.registration_id);
    const auto h = regs().history(c.id);
    ASSERT_EQ(1u, h.size());
    EXPECT_EQ("judge", h[0].reason);
    EXPECT_EQ(r.id, h[0].registration_id);
}

TEST_F(AttributionTest, ACustomerInsideTheirProtectionBelongsToTheirConsultantBeforeALaterRegistration) {
    const Customer c = file("张伟", "13800138000", wang_, ago(2));
    expect_rejected([&] { reg("138****8000", std::nullopt, lianjia_, ago(1)); }, Status::conflict, "phone", "王五");
    const Judgement j = judge("13800138000", ago(1));
    EXPECT_EQ("protected", j.reason);
    EXPECT_EQ(wang_, j.owner_consultant_id);
    EXPECT_EQ(c.id, j.customer_id);
    EXPECT_EQ(ago(2) + days(7), j.expires);
}

TEST_F(AttributionTest, FamilyFollowsTheOwnerUnlessTheSiteSaysNo) {
    const Customer c = file("张伟", "13800138000", wang_, ago(2));
    NewFamilyMember wife;
    wife.relation = Relation::spouse;
    wife.name = "王芳";
    wife.phone = "13900139000";
    archive_.family().add(c.id, wife);
    NewFamilyMember friend_;
    friend_.relation = Relation::other;
    friend_.name = "老刘";
    friend_.phone = "13600136000";
    archive_.family().add(c.id, friend_);
    const Judgement j = judge("13900139000", ago(1));
    EXPECT_EQ("family", j.reason);
    EXPECT_EQ(wang_, j.owner_consultant_id);
    EXPECT_EQ(c.id, j.family_of);
    EXPECT_EQ("unregistered", judge("13600136000", ago(1)).reason) << "'other' is not close family";
    expect_rejected([&] { reg("13900139000", li_, std::nullopt, ago(1)); }, Status::conflict, "phone", "王五");
    AttributionSettingsUpdate off;
    off.family_follows = false;
    regs().update_settings("XH", off);
    EXPECT_EQ("unregistered", judge("13900139000", ago(1)).reason);
    EXPECT_EQ(li_, reg("13900139000", li_, std::nullopt, ago(1)).consultant_id);
}

TEST_F(AttributionTest, ANewWalkInIsCreditedToTheReceivingConsultant) {
    const Judgement j = judge("13800138000", ago(1), li_);
    EXPECT_EQ("walk_in", j.reason);
    EXPECT_EQ(li_, j.owner_consultant_id);
    ASSERT_TRUE(j.registration);
    EXPECT_EQ(RegistrationChannel::walk_in, j.registration->channel);
    EXPECT_EQ(ago(1) + days(15), j.expires);
    EXPECT_EQ("registration", judge("13800138000", today_, wang_).reason) << "the walk-in's registration holds";
    EXPECT_EQ(li_, judge("13800138000", today_, wang_).owner_consultant_id);
}

TEST_F(AttributionTest, DisputesAreDecidedByAManagerAndTheDecisionChangesTheOwner) {
    const Customer c = file("张伟", "13800138000", std::nullopt, ago(1), Channel::visit);
    const Registration r = reg("13800138000", wang_, std::nullopt, ago(1));
    NewDispute d;
    d.customer_id = c.id;
    d.consultant_id = li_;
    d.note = "客户说是李娜先接待的";
    const Dispute opened = regs().open_dispute(d);
    EXPECT_EQ(DisputeStatus::open, opened.status);
    Decision bad;
    bad.consultant_id = li_;
    bad.by = wang_;   // not a manager
    expect_rejected([&] { regs().decide(opened.id, bad); }, Status::invalid_argument, "by", "manager");
    Decision decision;
    decision.consultant_id = li_;
    decision.by = zhou_;
    decision.note = "查监控，李娜先接待";
    const Dispute decided = regs().decide(opened.id, decision);
    EXPECT_EQ(DisputeStatus::decided, decided.status);
    EXPECT_EQ(li_, decided.winner_consultant_id);
    EXPECT_EQ(zhou_, decided.decided_by);
    EXPECT_EQ("查监控，李娜先接待", decided.decision_note);
    EXPECT_EQ(li_, regs().attribution(c.id).consultant_id);
    EXPECT_EQ(li_, archive_.customers().get(c.id).consultant_id);
    SB_EXPECT_ERROR(regs().decide(opened.id, decision), invalid_state, "dispute_id", "");
    const auto h = regs().history(c.id);
    ASSERT_EQ(2u, h.size());
    EXPECT_EQ("registration", h[0].reason);
    EXPECT_EQ(r.id, h[0].registration_id);
    EXPECT_EQ("dispute", h[1].reason);
    EXPECT_EQ(wang_, h[1].previous_consultant_id);
    EXPECT_EQ(opened.id, h[1].dispute_id);
    EXPECT_EQ("manager:" + std::to_string(zhou_), h[1].by);
    ASSERT_EQ(1u, regs().disputes("XH", DisputeStatus::decided).size());
    EXPECT_TRUE(regs().disputes("XH", DisputeStatus::open).empty());
    NewDispute empty;
    empty.customer_id = c.id;
    empty.consultant_id = li_;
    expect_rejected([&] { regs().open_dispute(empty); }, Status::invalid_argument, "note");
    empty.note = "x";
    empty.consultant_id = other_site_;
    expect_rejected([&] { regs().open_dispute(empty); }, Status::invalid_argument, "consultant_id");
    // A manager's reassignment is a change of owner too.
    EXPECT_EQ(wang_, regs().reassign(c.id, wang_, zhou_, "调岗").consultant_id);
    EXPECT_EQ("reassign", regs().history(c.id).back().reason);
    SB_EXPECT_ERROR(regs().reassign(c.id, li_, li_), invalid_argument, "by", "");
}

TEST_F(AttributionTest, ReleaseExpiredSweepsTheSite) {
    const Customer old = file("张伟", "13800138000", wang_, ago(40));
    file("李雷", "13700137000", wang_, ago(2));
    EXPECT_EQ(1, regs().release_expired("XH"));
    ASSERT_EQ(1u, regs().pool("XH").size());
    EXPECT_EQ(old.id, regs().pool("XH")[0].customer_id);
    EXPECT_EQ(0, regs().release_expired("XH"));
    EXPECT_TRUE(regs().attribution(old.id).in_pool);
}

TEST_F(AttributionTest, AConsultantHandleActsOnlyAtItsSiteAndAsItself) {
    Archive wang = archive_.as("consultant:" + std::to_string(wang_));
    Archive zhao = archive_.as("consultant:" + std::to_string(other_site_));
    NewRegistration r;
    r.site = "XH";
    r.phone = "13800138000";
    EXPECT_EQ(wang_, wang.registrations().register_customer(r).consultant_id) << "the handle registers as itself";
    r.phone = "13800138001";
    r.consultant_id = li_;
    SB_EXPECT_ERROR(wang.registrations().register_customer(r), forbidden, "consultant_id", "");
    r.consultant_id.reset();
    SB_EXPECT_ERROR(zhao.registrations().register_customer(r), forbidden, "site", "");
    JudgeRequest j;
    j.site = "XH";
    j.phone = "13800138000";
    SB_EXPECT_ERROR(zhao.registrations().judge(j), forbidden, "site", "");
    EXPECT_EQ(wang_, wang.registrations().judge(j).owner_consultant_id);
    NewPartner p;
    p.site = "XH";
    p.name = "x";
    SB_EXPECT_ERROR(wang.registrations().add_partner(p), forbidden, "site", "");
    SB_EXPECT_ERROR(zhao.registrations().pool("XH"), forbidden, "site", "");
}

TEST_F(AttributionTest, SchemaVersionIsFifteenOrLater) {
    EXPECT_GE(Archive::schema_version(), 15);
    RawDb db = raw();
    EXPECT_EQ("registrations", db.text("SELECT name FROM sqlite_master WHERE name = 'registrations'"));
}

// Two processes register the same phone at once, round after round: exactly one wins each round,
// the other gets a conflict naming the winner.
TEST(AttributionRace, TwoProcessesRegisteringTheSamePhoneExactlyOneWins) {
    TempDir dir;
    const std::string path = dir.file("race.db");
    std::int64_t ids[2] = {0, 0};
    {
        Archive a = Archive::open(path);
        a.sites().add({"XH", "祥和花园", ""});
        ids[0] = a.consultants().add({"XH", "王五", ""}).id;
        ids[1] = a.consultants().add({"XH", "李娜", ""}).id;
    }
    const int rounds = 60;
    const char* names[2] = {"王五", "李娜"};
    run_processes(2, [&](int w) {
        Archive a = Archive::open(path);
        int wins = 0;
        for (int i = 0; i < rounds; ++i) {
            NewRegistration r;
            r.site = "XH";
            r.phone = "1380000" + std::to_string(1000 + i);
            r.consultant_id = ids[w];
            try {
                a.registrations().register_customer(r);
                ++wins;
            } catch (const Error& e) {
                if (e.status() != Status::conflict || std::strstr(e.what(), names[1 - w]) == nullptr || e.record_id() == 0) {
                    std::fprintf(stderr, "worker %d: unexpected %s\n", w, e.what());
                    return 1;
                }
            }
        }
        std::fprintf(stderr, "worker %d won %d of %d\n", w, wins, rounds);
        return 0;
    });
    Archive a = Archive::open(path);
    for (int i = 0; i < rounds; ++i) {
        const auto m = a.registrations().matching("XH", "1380000" + std::to_string(1000 + i));
        EXPECT_EQ(1u, m.size()) << "round " << i;
    }
}

} // namespace
