// Duplicates and merge: candidates by phone, name + phone tail, name + birthday; a merge that moves
// everything of one record to the other (proved by walking every table with a customer column);
// the redirect of the merged-away number; undo, exactly, and only while nothing new was written;
// the referral rules; bad input.
#include "test_support.hpp"

#include "snowball/attribution.hpp"
#include "snowball/care.hpp"
#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/events.hpp"
#include "snowball/feedback.hpp"
#include "snowball/merge.hpp"
#include "snowball/outreach.hpp"
#include "snowball/privacy.hpp"
#include "snowball/profiles.hpp"
#include "snowball/referrals.hpp"

#include <chrono>
#include <set>
#include <thread>

using namespace snowball;
using namespace snowball::testing;

namespace {

// The tables that may still name a merged record: its own retired row, the redirect, the merge's
// record, the audit chain.
const std::set<std::string> may_name_merged = {"customer_redirects.from_id", "customer_merges.merged_id",
                                               "audit_log.subject_id"};
// What a merge and its undo add for good (the record, the audit chain) and the counters.
const std::set<std::string> bookkeeping = {"customer_merges", "audit_log", "merge_journal"};

class MergeTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "祥和花园", ""});
        archive_.sites().add({"LY", "绿洲苑", ""});
        li_ = archive_.consultants().add({"XH", "李娜", ""}).id;
        wang_ = archive_.consultants().add({"XH", "王强", ""}).id;
        ly_ = archive_.consultants().add({"LY", "赵敏", ""}).id;
        boss_ = archive_.consultants().add({"XH", "周经理", "", ConsultantRole::manager}).id;
    }

    Customer file(const std::string& name, const std::string& mobile, std::optional<Birthday> birthday = std::nullopt,
                  const std::string& site = "XH", std::optional<std::int64_t> consultant = std::nullopt) {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.mobile = mobile;
        c.birthday = birthday;
        c.consultant_id = consultant ? consultant : (site == "XH" ? std::optional<std::int64_t>(li_) : ly_);
        return archive_.customers().add(c);
    }

    // A record in every part of the archive that can name a customer.
    void everywhere(std::int64_t id, const std::string& tag, const std::string& unit) {
        const Date today = today_in_china();
        NewLostMark lost;   // the deal below ends it; the mark stays in the record
        lost.reason = LostReason::price;
        archive_.customers().mark_lost(id, lost);
        const std::string mobile = archive_.customers().get(id).mobile;
        NewRegistration registered;   // their consultant's registration, linked to the record
        registered.site = "XH";
        registered.phone = mobile;
        registered.consultant_id = li_;
        archive_.registrations().register_customer(registered);
        NewDispute claim;   // a colleague's claim, decided for their consultant: an owner and its history
        claim.customer_id = id;
        claim.consultant_id = wang_;
        claim.note = "先接待";
        Decision decision;
        decision.consultant_id = li_;
        decision.by = boss_;
        archive_.registrations().decide(archive_.registrations().open_dispute(claim).id, decision);
        NewGift flowers;
        flowers.customer_id = id;
        flowers.item = "鲜花";
        flowers.cost = 99;
        archive_.calendar().record_gift(flowers);
        NewApproach approach;
        approach.customer_id = id;
        archive_.referrals().approach(approach);
        NewHandout cards;
        cards.site = "XH";
        cards.kind = MaterialKind::business_card;
        cards.name = tag + "的朋友";
        cards.referrer_id = id;
        archive_.referrals().hand_out(cards);
        ConsentGrant consent;
        consent.purpose = Purpose::service;
        consent.sensitive = true;
        archive_.consents().grant(id, consent);
        archive_.profiles().set_text(id, {{"company", tag + "集团"}, {"native_place", tag}}, li_);
        NewFamilyMember child;
        child.relation = Relation::spouse;
        child.name = tag + "配偶";
        child.birthday = Birthday{false, 1983, today.month(), today.day(), false};
        archive_.family().add(id, child);
        NewVisit visit;
        visit.note = tag;
        archive_.customers().record_visit(id, visit);
        NewDeal deal;
        deal.unit = unit;
        deal.area = 90;
        deal.price = 1000000;
        archive_.customers().record_deal(id, deal);
        NewContact call;
        call.outcome = "reached";
        call.note = tag;
        call.by = li_;
        archive_.contacts().log(id, call);
        NewTicket t;
        t.category = "service";
        t.customer_id = id;
        t.text = tag;
        archive_.feedback().open(t);
        Recipients to;
        to.customer_ids = {id};
        Sending news;
        news.key = "news-topping-out";   // one item for both: their deliveries meet in a merge
        news.audience = {to};
        news.text = "{name}您好";
        news.sender = [](const OutgoingMessage& m) { return "sms-" + std::to_string(m.delivery_id); };
        archive_.outreach().send(news);
    }

    // Care tasks (a birthday of each) and an event both are invited to.
    void shared(std::int64_t a, std::int64_t b) {
        const Date today = today_in_china();
        CareRule everyone;
        everyone.occasion = OccasionKind::birthday;
        everyone.action = "call";
        everyone.channel = "phone";
        everyone.label.zh = "致电祝福";
        archive_.calendar().set_policy("XH", {everyone});
        for (const CareTask& t : archive_.calendar().agenda({today, today + boost::gregorian::days(30), "XH", std::nullopt, true}))
            if (t.customer_id == a || t.customer_id == b) archive_.calendar().complete(t.id, "已致电", "", li_);
        NewEvent party;
        party.site = "XH";
        party.kind = "owner_party";
        party.title = "业主联谊会";
        party.start = to_iso(today) + "T00:00";
        const std::int64_t event = archive_.events().create(party).id;
        Recipients invited;
        invited.customer_ids = {a, b};
        InviteRequest invitation;
        invitation.audience = {invited};
        archive_.events().invite(event, invitation);
        archive_.events().rsvp(event, b, RsvpAnswer::yes, 1);
    }

    // Every row of every table except the merge's own bookkeeping, as text.
    std::string tables() {
        RawDb db = raw();
        std::string out;
        for (const std::string& table : table_names(db)) {
            if (bookkeeping.count(table)) continue;
            out += "[" + table + "]\n";
            std::string order;
            SQLite::Statement n(db.db(), "SELECT count(*) FROM pragma_table_info(?)");
            n.bind(1, table);
            n.executeStep();
            for (int i = 1; i <= n.getColumn(0).getInt(); ++i) order += (i > 1 ? ", " : "") + std::to_string(i);
            SQLite::Statement rows(db.db(), "SELECT * FROM \"" + table + "\" ORDER BY " + order);
            while (rows.executeStep()) {
                for (int i = 0; i < rows.getColumnCount(); ++i)
                    out += (rows.isColumnNull(i) ? std::string("NULL") : rows.getColumn(i).getString()) + "|";
                out += "\n";
            }
        }
        return out;
    }

    // The (table.column, rows) that name `id`, over every column of the schema that names a customer.
    std::vector<std::string> naming(std::int64_t id) {
        RawDb db = raw();
        auto columns = customer_columns(db);
        for (const std::string& table : table_names(db)) {
            SQLite::Statement q(db.db(), "SELECT name FROM pragma_table_info(?) WHERE name IN ('guest_of', 'referrer_id', 'referee_id')");
            q.bind(1, table);
            while (q.executeStep()) columns.emplace_back(table, q.getColumn(0).getString());
        }
        std::vector<std::string> out;
        std::set<std::string> seen;
        for (const auto& [table, column] : columns) {
            if (!seen.insert(table + "." + column).second) continue;
            SQLite::Statement q(db.db(), "SELECT count(*) FROM \"" + table + "\" WHERE \"" + column + "\" = ?");
            q.bind(1, id);
            q.executeStep();
            if (q.getColumn(0).getInt64() > 0) out.push_back(table + "." + column);
        }
        // Care tasks name their customer by id too (customer * 2^17 + day).
        if (db.count("care_tasks", "id / 131072 = " + std::to_string(id)) > 0) out.push_back("care_tasks.id");
        return out;
    }

    std::int64_t li_ = 0, wang_ = 0, ly_ = 0, boss_ = 0;
};

TEST_F(MergeTest, DuplicatesByNameAndPhoneTailNameAndBirthdayAndFamilyPhone) {
    const Birthday b{false, 1980, 5, 20, false};
    const Customer a = file("张伟", "13800138000", b);
    const Customer twin = file("张伟", "13911118000", b);          // a new phone, same tail, same birthday
    const Customer tail = file("李雷", "13700007777");
    const Customer tail2 = file("李雷", "13655557777");             // name and tail only
    const Customer bday = file("韩梅梅", "13512345678", Birthday{false, 1990, 1, 2, false});
    const Customer bday2 = file("韩梅梅", "13587654321", Birthday{false, 1990, 1, 2, false});
    const Customer other = file("张伟", "13811112222", Birthday{false, 1981, 5, 20, false});   // another 张伟
    const Customer husband = file("王刚", "13300001111");
    const Customer wife = file("陈红", "13300002222");
    NewFamilyMember spouse;
    spouse.relation = Relation::spouse;
    spouse.name = "王刚";
    spouse.phone = "133 0000 1111";
    archive_.family().add(wife.id, spouse);
    file("张伟", "13800138001", b, "LY");                            // another site: never a candidate

    const auto found = archive_.merges().duplicates({"XH"});
    ASSERT_EQ(4u, found.size());
    EXPECT_EQ((std::vector<std::int64_t>{a.id, twin.id}), found[0].ids);
    EXPECT_EQ((std::vector<std::string>{a.archive_no, twin.archive_no}), found[0].archive_nos);
    EXPECT_DOUBLE_EQ(0.98, found[0].score);
    ASSERT_EQ(2u, found[0].reasons.size());
    EXPECT_EQ("name_phone_tail", found[0].reasons[0].key);
    EXPECT_EQ("name_birthday", found[0].reasons[1].key);
    EXPECT_EQ((std::vector<std::int64_t>{bday.id, bday2.id}), found[1].ids);
    EXPECT_DOUBLE_EQ(0.9, found[1].score);
    EXPECT_EQ((std::vector<std::int64_t>{tail.id, tail2.id}), found[2].ids);
    EXPECT_DOUBLE_EQ(0.8, found[2].score);
    EXPECT_EQ((std::vector<std::int64_t>{husband.id, wife.id}), found[3].ids);
    EXPECT_EQ("family_phone", found[3].reasons[0].key);
    EXPECT_DOUBLE_EQ(0.5, found[3].score);
    for (const auto& c : found) EXPECT_TRUE(std::find(c.ids.begin(), c.ids.end(), other.id) == c.ids.end());

    EXPECT_EQ(2u, archive_.merges().duplicates({"XH", 0.85}).size());
    EXPECT_EQ(1u, archive_.merges().duplicates({"XH", 0, 1}).size());
    SB_EXPECT_ERROR(archive_.merges().duplicates({"XX"}), not_found, "site", "XX");
    SB_EXPECT_ERROR(archive_.merges().duplicates({"XH", 1.5}), invalid_argument, "min_score", "between 0 and 1");
    SB_EXPECT_ERROR(archive_.merges().duplicates({"XH", 0, -1}), invalid_argument, "limit", "negative");
}

TEST_F(MergeTest, NothingNamesTheMergedRecordButItsRetiredRowTheRedirectTheRecordAndTheAudit) {
    const Customer keep = file("张伟", "13800138000");
    const Customer gone = file("张伟", "13911118000", Birthday{false, 1980, 5, 20, false});
    const std::int64_t third = file("林黛玉", "13600002222").id;
    everywhere(keep.id, "甲", "1-1-101");
    everywhere(gone.id, "乙", "1-1-102");
    shared(keep.id, gone.id);
    NewReferral out;
    out.referrer_id = gone.id;
    out.referee_id = third;
    archive_.referrals().add(out);
    NewIntroduction each_other;   // the two records introduced to each other: dropped by the merge
    each_other.a_id = keep.id;
    each_other.b_id = gone.id;
    const std::int64_t self_intro = archive_.referrals().introduce(each_other).id;
    NewIntroduction to_third;     // the merged record's pair with the third: the kept record's now
    to_third.a_id = third;
    to_third.b_id = gone.id;
    const std::int64_t third_intro = archive_.referrals().introduce(to_third).id;
    {
        std::string places;
        for (const std::string& p : naming(gone.id)) places += p + " ";
        ASSERT_GE(naming(gone.id).size(), 22u) << "the merged record must be everywhere before the merge: " << places;
    }
    const std::int64_t contacts = raw().count("contacts", "customer_id = " + std::to_string(gone.id));
    ASSERT_GE(contacts, 3);   // the call, the visit, the message

    const MergeRecord m = archive_.merges().merge(keep.id, gone.id, wang_);
    for (const std::string& place : naming(gone.id))
        if (!may_name_merged.count(place)) ADD_FAILURE() << place << " still names the merged record";
    RawDb db = raw();
    EXPECT_EQ(1, db.count("customers", "id = " + std::to_string(gone.id) + " AND deleted_at IS NOT NULL AND name = '' "
                                       "AND mobile = '' AND archive_no = '" + gone.archive_no + "'"));
    EXPECT_EQ("ok", db.text("PRAGMA integrity_check"));
    EXPECT_EQ(0, db.count("pragma_foreign_key_check"));
    EXPECT_EQ(0, db.count("merge_moving"));

    // Everything of both is under the survivor.
    EXPECT_EQ(2u, archive_.customers().visits(keep.id).size());
    EXPECT_EQ(2u, archive_.customers().deals(keep.id).size());
    EXPECT_EQ(2u, archive_.family().list(keep.id).size());
    const Customer after = archive_.customers().get(keep.id);
    EXPECT_EQ("13800138000", after.mobile);
    ASSERT_EQ(1u, after.phones.size());
    EXPECT_EQ(PhoneKind::other, after.phones[0].kind);
    EXPECT_EQ("13911118000", after.phones[0].number);
    ASSERT_TRUE(after.birthday);   // the survivor had none: it takes the other's
    EXPECT_EQ(5u, after.birthday->month);
    EXPECT_EQ(keep.id, archive_.customers().by_phone("13911118000", "XH")->id);
    EXPECT_EQ(keep.id, archive_.referrals().of(third).referred_by->referrer_id);
    EXPECT_FALSE(archive_.customers().find(gone.id));

    // The sales floor: the lost marks (both ended by the deals), one owner, the gifts, approaches,
    // materials and introductions under the survivor.
    EXPECT_EQ(2u, archive_.customers().lost_marks(keep.id).size());
    EXPECT_EQ(0, db.count("customer_losses", "undone_at IS NULL"));
    EXPECT_EQ(1, db.count("attributions", "customer_id = " + std::to_string(keep.id)));
    EXPECT_EQ(2u, archive_.referrals().approaches(keep.id).size());
    EXPECT_EQ(2, db.count("care_gifts", "customer_id = " + std::to_string(keep.id)));
    EXPECT_EQ(2, db.count("material_handouts", "referrer_id = " + std::to_string(keep.id)));
    SB_EXPECT_ERROR(archive_.referrals().introduction(self_intro), not_found, "introduction_id", "");
    const Introduction moved = archive_.referrals().introduction(third_intro);
    EXPECT_EQ(std::min(keep.id, third), moved.a_id);
    EXPECT_EQ(std::max(keep.id, third), moved.b_id);
    EXPECT_TRUE(std::any_of(m.notes.begin(), m.notes.end(), [&](const std::string& n) {
        return n.find("cooperation introduction " + std::to_string(self_intro) + " dropped") != std::string::npos;
    }));

    // The record of the merge: ids, counts and who; the audit entry without personal data.
    EXPECT_EQ(keep.id, m.keep);
    EXPECT_EQ(gone.id, m.merged);
    EXPECT_EQ(gone.archive_no, m.merged_archive_no);
    EXPECT_EQ(wang_, m.by);
    EXPECT_TRUE(m.undoable);
    EXPECT_EQ(1, m.counts.at("visits"));
    EXPECT_GE(m.counts.at("contacts"), contacts);   // moved, and the care tasks they name renumbered
    EXPECT_EQ(1, db.count("audit_log", "action = 'customer.merge' AND subject_id = " + std::to_string(keep.id) +
                                       " AND instr(detail, '张伟') = 0 AND instr(detail, '13911118000') = 0"));

    // The merged-away number finds the survivor and says so.
    const auto found = archive_.customers().by_archive_no(gone.archive_no);
    ASSERT_TRUE(found);
    EXPECT_EQ(keep.id, found->id);
    EXPECT_EQ(gone.archive_no, found->redirected_from);
    EXPECT_FALSE(archive_.customers().by_archive_no(keep.archive_no)->redirected_from);
    EXPECT_EQ(1, archive_.merges().list({"XH", std::nullopt}).total);
    EXPECT_EQ(1, archive_.merges().list({"", gone.id}).total);
}

TEST_F(MergeTest, UndoRestoresBothRecordsExactly) {
    const Customer keep = file("张伟", "13800138000");
    const Customer gone = file("张伟", "13911118000");
    const std::int64_t third = file("林黛玉", "13600002222").id;
    everywhere(keep.id, "甲", "1-1-101");
    everywhere(gone.id, "乙", "1-1-102");
    shared(keep.id, gone.id);
    NewReferral in;
    in.referrer_id = third;
    in.referee_id = gone.id;
    archive_.referrals().add(in);
    const std::string before = tables();

    const MergeRecord m = archive_.merges().merge(keep.id, gone.id, wang_);
    EXPECT_NE(before, tables());
    const MergeRecord undone = archive_.merges().undo(m.id, wang_);
    EXPECT_EQ(before, tables());
    EXPECT_TRUE(undone.undone_at);
    EXPECT_FALSE(undone.undoable);
    EXPECT_EQ(0, raw().count("merge_journal"));
    EXPECT_EQ("13911118000", archive_.customers().get(gone.id).mobile);
    EXPECT_FALSE(archive_.customers().by_archive_no(gone.archive_no)->redirected_from);
    EXPECT_EQ(gone.id, archive_.customers().by_archive_no(gone.archive_no)->id);
    EXPECT_EQ(gone.id, archive_.referrals().of(third).referred.at(0).referee_id);
    EXPECT_EQ(1, raw().count("audit_log", "action = 'customer.merge.undo'"));
    SB_EXPECT_ERROR(archive_.merges().undo(m.id, wang_), invalid_state, "merge_id", "undone already");
    // A merge again after the undo works as the first did.
    archive_.merges().merge(keep.id, gone.id, wang_);
    EXPECT_EQ(keep.id, archive_.customers().by_archive_no(gone.archive_no)->id);
}

// One person, one owner: of two owners the one still protected wins (else the earlier); the
// decision is in the history and the merge's notes, and undone with it.
TEST_F(MergeTest, OneOwnerForOnePersonTheProtectedOneWins) {
    const Customer keep = file("张伟", "13800138000");
    const Customer gone = file("张伟", "13911118000");
    const auto decide_for = [&](std::int64_t customer, std::int64_t consultant, std::int64_t claimant) {
        NewDispute claim;
        claim.customer_id = customer;
        claim.consultant_id = claimant;
        claim.note = "归属争议";
        Decision d;
        d.consultant_id = consultant;
        d.by = boss_;
        archive_.registrations().decide(archive_.registrations().open_dispute(claim).id, d);
    };
    decide_for(keep.id, li_, wang_);
    decide_for(gone.id, wang_, li_);
    {   // the kept record's protection lapsed in January
        SQLite::Database db(archive_.path(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE attributions SET since = '2026-01-01', expires = '2026-01-16' WHERE customer_id = " +
                std::to_string(keep.id));
    }
    const std::string before = tables();
    const MergeRecord m = archive_.merges().merge(keep.id, gone.id, li_);
    const Attribution a = archive_.registrations().attribution(keep.id);
    EXPECT_EQ(wang_, a.consultant_id);
    EXPECT_EQ(1, raw().count("attributions"));
    const std::vector<AttributionChange> h = archive_.registrations().history(keep.id);
    ASSERT_FALSE(h.empty());
    EXPECT_EQ("merge", h.back().reason);
    EXPECT_EQ(wang_, h.back().consultant_id);
    EXPECT_NE(std::string::npos, h.back().note.find("lapsed")) << h.back().note;
    ASSERT_EQ(1u, m.notes.size());
    EXPECT_EQ(h.back().note, m.notes[0]);
    EXPECT_EQ(std::string::npos, m.notes[0].find("张伟"));
    archive_.merges().undo(m.id, li_);
    EXPECT_EQ(before, tables());
    EXPECT_EQ(li_, archive_.registrations().attribution(keep.id, Date(2026, 1, 10)).consultant_id);

    // Both protected: the kept record's (the earlier, or the same day) stays.
    const Customer k2 = file("李雷", "13700007777");
    const Customer g2 = file("李雷", "13655557777");
    decide_for(k2.id, li_, wang_);
    decide_for(g2.id, wang_, li_);
    archive_.merges().merge(k2.id, g2.id, li_);
    EXPECT_EQ(li_, archive_.registrations().attribution(k2.id).consultant_id);
}

// Lost marks: one in force at a time; the merged record's ends when the kept record has one.
TEST_F(MergeTest, OneLostMarkInForce) {
    const Customer keep = file("张伟", "13800138000");
    const Customer gone = file("张伟", "13911118000");
    NewLostMark price;
    price.reason = LostReason::price;
    archive_.customers().mark_lost(keep.id, price);
    NewLostMark elsewhere;
    elsewhere.reason = LostReason::bought_elsewhere;
    elsewhere.competitor = "绿城";
    archive_.customers().mark_lost(gone.id, elsewhere);
    archive_.merges().merge(keep.id, gone.id, wang_);
    const std::vector<LostMark> marks = archive_.customers().lost_marks(keep.id);
    ASSERT_EQ(2u, marks.size());
    EXPECT_EQ(1, std::count_if(marks.begin(), marks.end(), [](const LostMark& l) { return l.undone_at.empty(); }));
    for (const LostMark& l : marks)
        if (l.undone_at.empty()) EXPECT_EQ(LostReason::price, l.reason);
        else EXPECT_EQ(wang_, l.undone_by);
}

TEST_F(MergeTest, UndoIsRefusedOnceSomethingNewWasWrittenToTheSurvivor) {
    const Customer keep = file("张伟", "13800138000");
    const Customer gone = file("张伟", "13911118000");
    const MergeRecord m = archive_.merges().merge(keep.id, gone.id);
    archive_.customers().record_visit(keep.id);
    const std::string before = dump();
    SB_EXPECT_ERROR(archive_.merges().undo(m.id), invalid_state, "merge_id", "visits.customer_id");
    EXPECT_EQ(before, dump());

    const Customer k2 = file("李雷", "13700007777");
    const Customer g2 = file("李雷", "13655557777");
    const MergeRecord m2 = archive_.merges().merge(k2.id, g2.id);
    CustomerUpdate u;
    u.note = "新备注";
    archive_.customers().update(k2.id, u);
    SB_EXPECT_ERROR(archive_.merges().undo(m2.id), invalid_state, "merge_id", "customers.id");
}

TEST_F(MergeTest, ProfileValuesTheSurvivorsWinsAndTheOtherGoesIntoHistoryOrTheNewest) {
    const Customer keep = file("张伟", "13800138000");
    const Customer gone = file("张伟", "13911118000");
    archive_.profiles().set_text(keep.id, {{"company", "甲公司"}}, li_);
    archive_.profiles().set_text(gone.id, {{"company", "乙公司"}, {"native_place", "网球"}}, li_);
    archive_.merges().merge(keep.id, gone.id, wang_);
    const Profile p = archive_.profiles().get(keep.id);
    EXPECT_EQ("甲公司", std::get<std::string>(p.entry("company")->value));
    EXPECT_EQ("网球", std::get<std::string>(p.entry("native_place")->value));
    RawDb db = raw();
    EXPECT_EQ(1, db.count("profile_history", "customer_id = " + std::to_string(keep.id) +
                                             " AND field = 'company' AND old_value = '乙公司' AND new_value = '甲公司' "
                                             "AND changed_by = " + std::to_string(wang_)));
    // The history of both: each record's own entries are the survivor's now.
    EXPECT_EQ(2, db.count("profile_history", "customer_id = " + std::to_string(keep.id) + " AND field = 'company' AND old_value IS NULL"));

    const Customer k2 = file("李雷", "13700007777");
    const Customer g2 = file("李雷", "13655557777");
    archive_.profiles().set_text(k2.id, {{"company", "旧公司"}}, li_);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));   // changed at a later second
    archive_.profiles().set_text(g2.id, {{"company", "新公司"}}, li_);
    MergeOptions newest;
    newest.newest_wins = true;
    const MergeRecord m = archive_.merges().merge(k2.id, g2.id, wang_, newest);
    EXPECT_TRUE(m.newest_wins);
    EXPECT_EQ("新公司", std::get<std::string>(archive_.profiles().get(k2.id).entry("company")->value));
}

TEST_F(MergeTest, ASelfReferralIsDroppedAndReportedACycleIsRefused) {
    const Customer keep = file("张伟", "13800138000");
    const Customer gone = file("张伟", "13911118000");
    NewReferral r;
    r.referrer_id = gone.id;
    r.referee_id = keep.id;
    const std::int64_t edge = archive_.referrals().add(r).id;
    const MergeRecord m = archive_.merges().merge(keep.id, gone.id);
    ASSERT_EQ(1u, m.notes.size());
    EXPECT_NE(std::string::npos, m.notes[0].find("referral " + std::to_string(edge))) << m.notes[0];
    EXPECT_NE(std::string::npos, m.notes[0].find("dropped"));
    EXPECT_EQ(0, raw().count("referrals"));
    archive_.merges().undo(m.id);
    EXPECT_EQ(1, raw().count("referrals", "id = " + std::to_string(edge)));

    // a introduced b, b introduced c; merging c into a would make a introduce itself through b.
    const Customer a = file("甲", "13300000001");
    const Customer b = file("乙", "13300000002");
    const Customer c = file("丙", "13300000003");
    NewReferral ab;
    ab.referrer_id = a.id;
    ab.referee_id = b.id;
    archive_.referrals().add(ab);
    NewReferral bc;
    bc.referrer_id = b.id;
    bc.referee_id = c.id;
    const std::int64_t closing = archive_.referrals().add(bc).id;
    const std::string before = dump();
    SB_EXPECT_ERROR(archive_.merges().merge(a.id, c.id), conflict, "merge", "referral " + std::to_string(closing));
    EXPECT_EQ(before, dump());
}

TEST_F(MergeTest, BadInput) {
    const Customer keep = file("张伟", "13800138000");
    const Customer gone = file("张伟", "13911118000");
    const Customer removed = file("王五", "13700001234");
    archive_.customers().remove(removed.id);
    const Customer elsewhere = file("张伟", "13800138000", std::nullopt, "LY");
    const std::string before = dump();
    SB_EXPECT_ERROR(archive_.merges().merge(keep.id, keep.id), invalid_argument, "merge", "with itself");
    SB_EXPECT_ERROR(archive_.merges().merge(keep.id, 999999), not_found, "merge", "999999");
    SB_EXPECT_ERROR(archive_.merges().merge(999999, keep.id), not_found, "keep", "999999");
    SB_EXPECT_ERROR(archive_.merges().merge(keep.id, removed.id), not_found, "merge", std::to_string(removed.id));
    SB_EXPECT_ERROR(archive_.merges().merge(keep.id, elsewhere.id), invalid_argument, "merge", "two sites");
    SB_EXPECT_ERROR(archive_.merges().merge(keep.id, gone.id, ly_), invalid_argument, "by", "");
    SB_EXPECT_ERROR(archive_.merges().undo(12345), not_found, "merge_id", "12345");
    SB_EXPECT_ERROR(archive_.merges().get(12345), not_found, "merge_id", "12345");
    SB_EXPECT_ERROR(archive_.merges().list({"XH", std::nullopt, 0}), invalid_argument, "limit", "");
    EXPECT_EQ(before, dump());
    // A merged record cannot be merged again, nor kept.
    archive_.merges().merge(keep.id, gone.id);
    SB_EXPECT_ERROR(archive_.merges().merge(keep.id, gone.id), not_found, "merge", "");
    SB_EXPECT_ERROR(archive_.merges().merge(gone.id, keep.id), not_found, "keep", "");
}

TEST_F(MergeTest, TheContactLogStaysAppendOnlyOutsideAMerge) {
    const Customer keep = file("张伟", "13800138000");
    const Customer gone = file("张伟", "13911118000");
    NewContact call;
    call.outcome = "reached";
    archive_.contacts().log(gone.id, call);
    SQLite::Database db(path(), SQLite::OPEN_READWRITE);
    EXPECT_THROW(db.exec("UPDATE contacts SET customer_id = " + std::to_string(keep.id)), SQLite::Exception);
    EXPECT_THROW(db.exec("UPDATE contacts SET outcome = 'missed'"), SQLite::Exception);
}

TEST_F(MergeTest, ErasingTheSurvivorTakesTheJournalAndTheUndo) {
    const Customer keep = file("张伟", "13800138000");
    const Customer gone = file("张伟", "13911118000");
    archive_.profiles().set_text(gone.id, {{"company", "乙公司ZXQ"}}, li_);
    const MergeRecord m = archive_.merges().merge(keep.id, gone.id);
    EXPECT_GT(raw().count("merge_journal"), 0);
    archive_.customers().remove(keep.id);
    RawDb db = raw();
    EXPECT_EQ(0, db.count("merge_journal"));
    EXPECT_EQ(0, db.count("customers", "instr(name, '张伟') > 0"));
    EXPECT_FALSE(archive_.merges().get(m.id).undoable);
    SB_EXPECT_ERROR(archive_.merges().undo(m.id), invalid_state, "merge_id", "erasure");
    EXPECT_FALSE(archive_.customers().by_archive_no(gone.archive_no));
}

} // namespace
