// Erasure: nothing of an erased person stays in the archive — not in any table or column that can
// hold a customer (ids, phones, names, free text), not in the database file's bytes, not in the
// -wal file — while what the archive keeps as anonymous statistics stays.
#include "test_support.hpp"

#include "snowball/attribution.hpp"
#include "snowball/care.hpp"
#include "snowball/contacts.hpp"
#include "snowball/events.hpp"
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"
#include "snowball/group.hpp"
#include "snowball/profiles.hpp"
#include "snowball/referrals.hpp"

#include <csignal>
#include <filesystem>
#include <map>
#include <set>

#include <sys/wait.h>
#include <unistd.h>

using namespace snowball;
using namespace snowball::testing;

namespace {

// Everything distinctive the archive is given about the person to erase.
const std::string name = "甄嬛";
const std::string mobile = "13912345678";
const std::string home = "057188886666";
const std::string spouse = "果郡王";
const std::string spouse_phone = "13700001111";
const std::string marker = "甄氏绝密ZXQ";   // in every free text about the person
const std::vector<std::string> traces = {name, mobile, home, spouse, spouse_phone, marker, "ZXQ"};

class ErasureTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "祥和花园", ""});
        li_ = archive_.consultants().add({"XH", "李娜", ""}).id;
        manager_ = archive_.consultants().add({"XH", "周经理", "", ConsultantRole::manager}).id;
        // Before the person is on file, they call with a complaint: an unknown caller's ticket.
        NewTicket anonymous;
        anonymous.category = "service";
        anonymous.text = "来电人说：" + marker + "，电话" + mobile;
        anonymous.phone = mobile;
        anonymous.name = name;
        anonymous_ticket_ = archive_.feedback().open(anonymous).id;
    }

    NewCustomer person() const {
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::visit;
        c.name = name;
        c.gender = Gender::female;
        c.mobile = mobile;
        c.phones = {{PhoneKind::home, home}};
        c.consultant_id = li_;
        c.tier = Tier::vip;
        c.note = "客户备注 " + marker;
        c.birthday = Birthday{false, 1985, today_.month(), today_.day(), false};
        return c;
    }

    Customer other(const std::string& who, const std::string& phone) {
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::call;
        c.name = who;
        c.mobile = phone;
        c.consultant_id = li_;
        return archive_.customers().add(c);
    }

    // The person in every part of the archive that can hold them.
    std::int64_t file_the_person_everywhere() {
        // Before they are on file, a brochure and a card are handed to them, to their phone and to
        // the partial phone an agent wrote down: both are matched when they are filed.
        NewHandout brochure;
        brochure.site = "XH";
        brochure.name = name;
        brochure.phone = mobile;
        brochure.consultant_id = li_;
        brochure.note = "楼书给 " + marker;
        archive_.referrals().hand_out(brochure);
        NewHandout card = brochure;
        card.kind = MaterialKind::business_card;
        card.phone = mobile.substr(0, 3) + "****" + mobile.substr(7);
        archive_.referrals().hand_out(card);
        // An agent registered them (报备) by name and phone before they came, with a note.
        NewPartner agent;
        agent.site = "XH";
        agent.name = "链家";
        NewRegistration registration;
        registration.site = "XH";
        registration.phone = mobile;
        registration.name = name;
        registration.partner_id = archive_.registrations().add_partner(agent).id;
        registration.note = "经纪人说 " + marker;
        archive_.registrations().register_customer(registration);
        const Customer p = archive_.customers().add(person());
        // Their visit is judged (the registration credited and linked); a dispute over them.
        JudgeRequest walk_in;
        walk_in.site = "XH";
        walk_in.phone = mobile;
        EXPECT_EQ("registration", archive_.registrations().judge(walk_in).reason);
        NewDispute dispute;
        dispute.customer_id = p.id;
        dispute.consultant_id = li_;
        dispute.note = "李娜说 " + marker;
        archive_.registrations().open_dispute(dispute);
        referee_ = other("林黛玉", "13600002222").id;
        referrer_ = other("薛宝钗", "13500003333").id;

        // The separate consent to sensitive information, given (also) by a guardian named in it.
        ConsentGrant consent;
        consent.purpose = Purpose::service;
        consent.sensitive = true;
        consent.guardian = "监护人" + marker;
        consent.proof = "表" + marker;
        archive_.consents().grant(p.id, consent);
        archive_.profiles().set_text(p.id, {{"company", marker + "集团"}, {"health", "哮喘 " + marker},
                                            {"plate_number", "浙A·ZXQ88"}, {"office_phone", "057187771234"}},
                                     li_);
        archive_.profiles().set_text(p.id, {{"health", "已痊愈 " + marker}}, li_);   // a history entry
        NewFamilyMember wife;
        wife.relation = Relation::spouse;
        wife.name = spouse;
        wife.phone = spouse_phone;
        wife.note = marker;
        wife.birthday = Birthday{false, 1983, today_.month(), today_.day(), false};
        archive_.family().add(p.id, wife);

        NewVisit visit;
        visit.note = "看了样板间 " + marker;
        archive_.customers().record_visit(p.id, visit);
        NewDeal deal;
        deal.unit = "9-9-909";
        deal.area = 99;
        deal.price = 1990000;
        deal.bought_for = marker;
        const Deal d = archive_.customers().record_deal(p.id, deal);
        archive_.customers().cancel_deal(d.id, "退房 " + marker);
        // A deal reserved and cancelled (its steps), and a lost mark whose note and competitor name them.
        NewDeal reserved = deal;
        reserved.unit = "9-9-910";
        reserved.stage = DealStage::reservation;
        reserved.amount = 20000;
        archive_.deals().cancel(archive_.customers().record_deal(p.id, reserved).id, "退订 " + marker);
        NewLostMark lost;
        lost.reason = LostReason::bought_elsewhere;
        lost.note = "去了别的楼盘 " + marker;
        lost.competitor = marker;
        archive_.customers().mark_lost(p.id, lost);

        // Care tasks: the birthdays of the person and the spouse, one completed with a note.
        CareRule everyone;
        everyone.occasion = OccasionKind::birthday;
        everyone.action = "call";
        everyone.channel = "phone";
        everyone.label.zh = "致电祝福";
        CareRule family = everyone;
        family.occasion = OccasionKind::family_birthday;
        archive_.calendar().set_policy("XH", {everyone, family});
        const auto tasks = archive_.calendar().agenda({today_, today_ + boost::gregorian::days(30), "XH", std::nullopt, true});
        EXPECT_FALSE(tasks.empty());
        for (const CareTask& t : tasks)
            if (t.customer_id == p.id) archive_.calendar().complete(t.id, "已致电", "她说 " + marker, li_);
        // A gift for her birthday task, naming her: its cost stays in the site's totals, anonymous.
        for (const CareTask& t : tasks)
            if (t.customer_id == p.id) {
                NewGift gift;
                gift.task_id = t.id;
                gift.item = "给" + name + "的蛋糕";
                gift.cost = 168;
                gift.supplier = "好利来 " + marker;
                gift.note = "送到 " + marker;
                gift.given_by = li_;
                archive_.calendar().record_gift(gift);
                break;
            }

        // Complaints: their own, with a note; a ticket of someone else given with their phone.
        NewTicket own;
        own.category = "property_quality";
        own.customer_id = p.id;
        own.text = name + "投诉漏水 " + marker;
        own_ticket_ = archive_.feedback().open(own).id;
        archive_.feedback().add_note(own_ticket_, "回访 " + name + " " + marker, li_);
        archive_.feedback().link(anonymous_ticket_, p.id, li_);
        archive_.feedback().transition(anonymous_ticket_, TicketStatus::acknowledged, li_, "已联系 " + marker);
        NewTicket theirs;
        theirs.category = "service";
        theirs.customer_id = referee_;
        theirs.phone = mobile;
        theirs.text = "林黛玉的建议";
        others_ticket_ = archive_.feedback().open(theirs).id;

        // A survey with a written answer and the event it named.
        NewSurvey survey;
        survey.title = "满意度";
        survey.questions = {{"score", "总体满意度", QuestionType::rating5, "service", {}},
                            {"words", "您的建议", QuestionType::text, "service", {}}};
        const Survey s = archive_.surveys().create(survey);
        NewCampaign campaign;
        campaign.survey_id = s.id;
        campaign.channel = SurveyChannel::phone;
        campaign.audience.kind = AudienceKind::customers;
        campaign.audience.customer_ids = {p.id, referee_};
        const Campaign c = archive_.surveys().create_campaign(campaign);
        NewResponse response;
        response.survey_id = s.id;
        response.customer_id = p.id;
        response.campaign_id = c.id;
        response.answers = {{"score", std::int64_t{5}}, {"words", marker + " 很好"}};
        response.event = "业主答谢会 " + marker;
        response_ = archive_.surveys().respond(response).id;

        // The referral graph: they were referred and referred someone, with notes; a reward.
        NewReferral in;
        in.referrer_id = referrer_;
        in.referee_id = p.id;
        in.date = today_;
        in.note = "薛宝钗介绍了" + name + " " + marker;
        NewReferral out;
        out.referrer_id = p.id;
        out.referee_id = referee_;
        out.date = today_;
        out.note = name + "介绍了林黛玉 " + marker;
        archive_.referrals().add(in);
        archive_.referrals().add(out);
        // Approached as a key person, introduced to another customer, handing a brochure on.
        NewApproach approach;
        approach.customer_id = p.id;
        approach.note = "拜访 " + marker;
        archive_.referrals().approach(approach);
        NewIntroduction intro;
        intro.a_id = p.id;
        intro.b_id = referee_;
        intro.note = "介绍 " + marker;
        archive_.referrals().introduce(intro);
        NewHandout passed;
        passed.site = "XH";
        passed.name = "她的朋友";
        passed.referrer_id = p.id;
        passed.note = name + "转交 " + marker;
        archive_.referrals().hand_out(passed);
        RewardRule rule;
        rule.enabled = true;
        rule.amount = 1000;
        archive_.referrals().set_reward_rule("XH", rule);
        NewDeal bought;
        bought.unit = "1-1-101";
        bought.area = 88;
        bought.price = 1880000;
        const Deal referee_deal = archive_.customers().record_deal(referee_, bought);
        archive_.referrals().grant_reward(referee_deal.id, manager_, "奖励给" + name + " " + marker);

        // The contact log: a call with a note and a next contact, its correction; another
        // customer's entry that quotes the person's phone.
        NewContact call;
        call.outcome = "reached";
        call.note = "电话回访 " + marker;
        call.intent = "A";
        call.next_contact = NextContact{today_ + boost::gregorian::days(3), "10:00", ContactChannel::wechat, "约看房 " + marker};
        call.by = li_;
        const ContactEntry logged = archive_.contacts().log(p.id, call);
        call.note = "更正：" + marker;
        archive_.contacts().correct(logged.id, call);
        NewContact about;
        about.outcome = "reached";
        about.note = "林黛玉说她表姐的电话是 " + mobile.substr(0, 3) + "-" + mobile.substr(3, 4) + "-" + mobile.substr(7);
        archive_.contacts().log(referee_, about);

        // An owner event: the person invited in person, answering, checked in, bringing a guest.
        NewEvent party;
        party.site = "XH";
        party.kind = "owner_party";
        party.title = "业主联谊会";
        party.start = to_iso(today_) + "T00:00";
        const std::int64_t event = archive_.events().create(party).id;
        Recipients invited;
        invited.customer_ids = {p.id};
        InviteRequest invitation;
        invitation.audience = {invited};
        archive_.events().invite(event, invitation);
        archive_.events().rsvp(event, p.id, RsvpAnswer::yes, 2);
        CheckIn guest;
        guest.guest_of = p.id;
        guest.name = "贾宝玉";
        guest.phone = "13400004444";
        archive_.events().check_in(event, guest);

        // A message sent to the person: its delivery keeps the text as rendered, with their name.
        Sending news;
        news.key = "news-topping-out";
        Recipients to;
        to.customer_ids = {p.id};
        news.audience = {to};
        news.text = "{name}您好，3号楼今日封顶。";
        news.sender = [](const OutgoingMessage& m) { return "sms-" + std::to_string(m.delivery_id); };
        EXPECT_EQ(1, archive_.outreach().send(news).sent);
        return p.id;
    }

    // Every column holding one of the traces: (table.column, trace).
    std::vector<std::pair<std::string, std::string>> traces_in_tables() {
        std::vector<std::pair<std::string, std::string>> found;
        RawDb db = raw();
        for (const auto& [table, column] : columns(db))
            for (const std::string& trace : traces) {
                SQLite::Statement q(db.db(), "SELECT count(*) FROM \"" + table + "\" WHERE instr(CAST(\"" + column +
                                                 "\" AS TEXT), ?) > 0");
                q.bind(1, trace);
                q.executeStep();
                if (q.getColumn(0).getInt64() > 0) found.emplace_back(table + "." + column, trace);
            }
        return found;
    }

    static std::vector<std::pair<std::string, std::string>> columns(RawDb& db) {
        std::vector<std::pair<std::string, std::string>> out;
        for (const std::string& table : table_names(db)) {
            SQLite::Statement q(db.db(), "SELECT name FROM pragma_table_info(?)");
            q.bind(1, table);
            while (q.executeStep()) out.emplace_back(table, q.getColumn(0).getString());
        }
        return out;
    }

    // The traces found in the bytes of the archive's files.
    std::vector<std::string> traces_in_files() {
        std::vector<std::string> found;
        for (const std::string suffix : {"", "-wal", "-shm"}) {
            const std::string file = path() + suffix;
            if (!std::filesystem::exists(file)) continue;
            const std::string bytes = read_file(file);
            for (const std::string& trace : traces)
                if (bytes.find(trace) != std::string::npos) found.push_back("archive.db" + suffix + " holds " + trace);
        }
        return found;
    }

    const Date today_ = today_in_china();
    std::int64_t li_ = 0, manager_ = 0, referee_ = 0, referrer_ = 0;
    std::int64_t anonymous_ticket_ = 0, own_ticket_ = 0, others_ticket_ = 0, response_ = 0;
};

TEST_F(ErasureTest, TheSearchFindsEveryTraceBeforeTheErasure) {
    file_the_person_everywhere();
    // Each trace is stored somewhere before the erasure: its absence afterwards proves something.
    std::set<std::string> seen;
    for (const auto& [place, trace] : traces_in_tables()) seen.insert(trace);
    for (const std::string& trace : traces) EXPECT_TRUE(seen.count(trace)) << trace << " was never stored";
}

TEST_F(ErasureTest, NothingOfThePersonRemainsInAnyTableOrFile) {
    const std::int64_t id = file_the_person_everywhere();
    archive_.customers().remove(id);

    for (const auto& [place, trace] : traces_in_tables()) ADD_FAILURE() << place << " holds " << trace;
    for (const std::string& f : traces_in_files()) ADD_FAILURE() << f;
    // The gift stays counted: the site's totals do not change with the erasure.
    const auto totals = archive_.calendar().gift_totals("XH", today_, today_ + boost::gregorian::days(30));
    std::int64_t gifts = 0;
    double cost = 0;
    for (const GiftTotal& t : totals) gifts += t.gifts, cost += t.cost;
    EXPECT_EQ(1, gifts);
    EXPECT_DOUBLE_EQ(168, cost);

    // The columns that name a customer name them no more, except where the archive keeps an
    // anonymous node: the record itself (its retired number) and the referral graph's edges.
    const std::set<std::string> anonymous_nodes = {"referrals.referrer_id", "referrals.referee_id",
                                                   "reward_entries.referrer_id", "reward_entries.referee_id",
                                                   "audit_log.subject_id"};   // the erasure's own record
    RawDb db = raw();
    const auto named = customer_columns(db);
    EXPECT_GE(named.size(), 12u) << "the walk over the schema found too few customer columns";
    for (const auto& [table, column] : named) {
        SQLite::Statement q(db.db(), "SELECT count(*) FROM \"" + table + "\" WHERE \"" + column + "\" = ?");
        q.bind(1, id);
        q.executeStep();
        const std::int64_t rows = q.getColumn(0).getInt64();
        if (anonymous_nodes.count(table + "." + column)) continue;
        EXPECT_EQ(0, rows) << table << "." << column << " still names the erased customer";
    }
    // The log was copied into the file and emptied.
    EXPECT_EQ(0u, std::filesystem::file_size(path() + "-wal"));
}

TEST_F(ErasureTest, NothingRemainsInTheGroupOutboxEither) {
    // A site of a group: every write waits in the outbox until the group acknowledges it. The
    // entries written while the person was on file are rewritten by the erasure.
    archive_.group().enable("XH-01");
    const std::int64_t id = file_the_person_everywhere();
    auto outbox_traces = [&] {
        std::vector<std::string> found;
        RawDb db = raw();
        SQLite::Statement q(db.db(), "SELECT seq, changeset FROM group_outbox");
        while (q.executeStep()) {
            const auto blob = q.getColumn(1);
            const std::string bytes(static_cast<const char*>(blob.getBlob()), static_cast<std::size_t>(blob.getBytes()));
            for (const std::string& trace : traces)
                if (bytes.find(trace) != std::string::npos)
                    found.push_back("outbox entry " + q.getColumn(0).getString() + " holds " + trace);
        }
        return found;
    };
    EXPECT_GE(outbox_traces().size(), traces.size()) << "the outbox never held the person: the test proves nothing";
    const auto pending = archive_.group().status().pending;

    archive_.customers().remove(id);
    for (const std::string& f : outbox_traces()) ADD_FAILURE() << f;
    for (const auto& [place, trace] : traces_in_tables()) ADD_FAILURE() << place << " holds " << trace;
    for (const std::string& f : traces_in_files()) ADD_FAILURE() << f;
    EXPECT_EQ(pending + 1, archive_.group().status().pending) << "the entries stay, rewritten; the erasure is one more";
}

TEST_F(ErasureTest, NothingRemainsAfterAKillRightAfterTheCallReturns) {
    // Another process of the host erases the person and is killed (kill -9) the moment the call
    // returns: no clean close, no later checkpoint. The files must already be clean.
    const std::int64_t id = file_the_person_everywhere();
    int ready[2];
    ASSERT_EQ(0, pipe(ready));
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        char done = 'e';
        try {
            Archive other = Archive::open(path());
            other.customers().remove(id);
            done = 'y';
        } catch (...) {
        }
        if (write(ready[1], &done, 1) != 1) _exit(3);
        pause();   // killed here, the archive still open
        _exit(0);
    }
    char done = 0;
    ASSERT_EQ(1, read(ready[0], &done, 1));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    close(ready[0]);
    close(ready[1]);
    ASSERT_EQ('y', done) << "the erasure failed in the child process";
    ASSERT_TRUE(WIFSIGNALED(status));

    for (const std::string& f : traces_in_files()) ADD_FAILURE() << f << " after a kill -9";
    // The archive opens and is sound, with the person gone.
    for (const auto& [place, trace] : traces_in_tables()) ADD_FAILURE() << place << " holds " << trace;
    RawDb db = raw();
    EXPECT_EQ("ok", db.text("PRAGMA integrity_check"));
    EXPECT_EQ(0, db.count("pragma_foreign_key_check"));
    EXPECT_EQ(1, db.count("audit_log", "action = 'customer.erase' AND subject_id = " + std::to_string(id)));
}

TEST_F(ErasureTest, AnotherTicketQuotingTheirPhonesLosesThePhonesOnly) {
    const std::int64_t id = file_the_person_everywhere();
    // A neighbour complains and quotes the person's numbers as people write them.
    NewTicket neighbour;
    neighbour.category = "service";
    neighbour.customer_id = referrer_;
    neighbour.text = "楼上住户 +86 139-1234-5678 深夜噪音，家里电话 (0571) 8888-6666";
    const std::int64_t ticket = archive_.feedback().open(neighbour).id;
    archive_.feedback().add_note(ticket, "已致电 139 1234 5678 未接", li_);
    archive_.customers().remove(id);

    const Ticket after = archive_.feedback().get(ticket);
    EXPECT_EQ(after.text, "楼上住户 +86 [已删除的电话] 深夜噪音，家里电话 ([已删除的电话]");
    EXPECT_EQ(after.customer_id, referrer_);   // the neighbour's ticket stays theirs
    const auto history = archive_.feedback().history(ticket);
    bool note_seen = false;
    for (const auto& e : history)
        if (e.note.find("未接") != std::string::npos) {
            note_seen = true;
            EXPECT_EQ(e.note, "已致电 [已删除的电话] 未接");
        }
    EXPECT_TRUE(note_seen);
    // Another customer's contact entry quoting the phone keeps its note without it.
    const auto entries = archive_.contacts().history(referee_);
    ASSERT_EQ(1u, entries.size());
    EXPECT_EQ("林黛玉说她表姐的电话是 [已删除的电话]", entries[0].note);
    SB_EXPECT_ERROR(archive_.contacts().history(id, 100, true), not_found, "customer_id", "no customer");
}

TEST_F(ErasureTest, AnonymousStatisticsStay) {
    const std::int64_t id = file_the_person_everywhere();
    const auto stats_before = archive_.surveys().stats(archive_.surveys().response(response_).survey_id, {});
    archive_.customers().remove(id);

    // The record keeps its retired number and nothing personal.
    RawDb db = raw();
    EXPECT_EQ(1, db.count("customers", "id = " + std::to_string(id) + " AND deleted_at IS NOT NULL AND name = '' "
                                       "AND mobile = '' AND note = '' AND birth_calendar IS NULL"));
    EXPECT_FALSE(archive_.customers().find(id));
    // The survey answer stays, without its person and its words; the statistics are unchanged.
    const Response r = archive_.surveys().response(response_);
    EXPECT_EQ(0, r.customer_id);
    EXPECT_EQ("", r.event);
    ASSERT_EQ(1u, r.answers.size());
    EXPECT_EQ(5, r.answers[0].score);
    const auto stats_after = archive_.surveys().stats(r.survey_id, {});
    EXPECT_EQ(stats_before.responses, stats_after.responses);
    EXPECT_EQ(stats_before.csat, stats_after.csat);
    // The tickets stay as dated, categorised tickets without caller, text or notes.
    for (std::int64_t ticket : {own_ticket_, anonymous_ticket_}) {
        const Ticket t = archive_.feedback().get(ticket);
        EXPECT_FALSE(t.customer_id);
        EXPECT_EQ("", t.text);
        EXPECT_EQ("", t.name);
        EXPECT_EQ("", t.phone);
        EXPECT_FALSE(t.category.empty());
        for (const TicketEvent& e : archive_.feedback().history(ticket)) EXPECT_EQ("", e.note);
    }
    // Someone else's ticket loses only the person's phone.
    const Ticket others = archive_.feedback().get(others_ticket_);
    EXPECT_EQ("林黛玉的建议", others.text);
    EXPECT_EQ(referee_, others.customer_id);
    EXPECT_EQ("", others.phone);
    // The referrals stay as edges between anonymous nodes; the reward stays with its amount.
    const CustomerReferrals of = archive_.referrals().of(referee_);
    ASSERT_TRUE(of.referred_by);
    EXPECT_EQ(id, of.referred_by->referrer_id);
    EXPECT_EQ("", of.referred_by->referrer_name);
    EXPECT_EQ("", of.referred_by->note);
    EXPECT_EQ(1, db.count("reward_entries", "referrer_id = " + std::to_string(id) + " AND amount = 1000 AND note = ''"));
    // The others are untouched.
    EXPECT_EQ("林黛玉", archive_.customers().get(referee_).name);
    EXPECT_EQ("薛宝钗", archive_.customers().get(referrer_).name);
}

TEST_F(ErasureTest, AFailingStepLeavesEverythingAsItWas) {
    const std::int64_t id = file_the_person_everywhere();
    // A buyer cannot be erased while a deal stands (at any stage): nothing is erased either.
    NewDeal deal;
    deal.unit = "2-2-202";
    deal.area = 100;
    deal.price = 2000000;
    archive_.customers().record_deal(id, deal);
    const std::string before = dump();
    SB_EXPECT_ERROR(archive_.customers().remove(id), invalid_state, "id", "has an open deal");
    EXPECT_EQ(before, dump());
}

} // namespace
