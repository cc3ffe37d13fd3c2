// The sales-desk demo: one day at a sales office, told through the Snowball C++ API.
//
//   sales_desk <archive.db>
//
// It files customers from the three channels, imports a lead list, recognises a caller by phone,
// logs a visit and a deal, shows the closed-deal archive and catches a mistyped archive number,
// then follows a consultant through her day: the contacts she logs, the list of what is due, the
// customers not called for a while and the manager's care report; an agency's registration (报备)
// and the walk-in it is judged for (判客).
#include <snowball/snowball.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace {

void say(const std::string& line) { std::cout << line << '\n'; }

std::string describe(const snowball::Customer& c) {
    return c.name + " (" + c.archive_no + ", " + snowball::to_string(c.channel) + ", " +
           snowball::to_string(c.stage) + (c.mobile.empty() ? "" : ", " + c.mobile) + ")";
}

int run(const std::string& path) {
    using namespace snowball;
    if (std::filesystem::exists(path)) {
        std::cerr << "sales_desk: " << path << " exists; give the demo a new file\n";
        return 2;
    }
    Archive archive = Archive::open(path);
    say("Opened a new archive: " + path + " (schema version " + std::to_string(Archive::schema_version()) + ")");

    const Site site = archive.sites().add({"XH", "西湖印象售楼处", ""});
    say("Site " + site.code + " " + site.name + ", archive numbers like " +
        numbering::render_archive_no(site.number_format, site.code, Channel::call, 2026, 1));
    const Consultant wang = archive.consultants().add({"XH", "王芳", "0571-8888 6601"});
    const Consultant li = archive.consultants().add({"XH", "李娜", ""});
    say("Consultants: " + wang.name + " (#" + std::to_string(wang.id) + "), " + li.name + " (#" + std::to_string(li.id) + ")");

    // Morning: a phone inquiry, a walk-in, a lead.
    NewCustomer call;
    call.site = "XH";
    call.channel = Channel::call;
    call.name = "张伟";
    call.mobile = "+86 138-0013-8000";
    call.consultant_id = wang.id;
    call.tier = Tier::vip;
    call.note = "想要三室，关心学区";
    const Customer zhang = archive.customers().add(call);
    say("Phone inquiry filed: " + describe(zhang));

    NewCustomer walk_in;
    walk_in.site = "XH";
    walk_in.channel = Channel::visit;
    walk_in.name = "刘洋";
    walk_in.gender = Gender::female;
    walk_in.mobile = "139 0571 2233";
    walk_in.phones = {{PhoneKind::office, "(0571) 8765-4321"}};
    walk_in.consultant_id = li.id;
    const Customer liu = archive.customers().add(walk_in);
    say("Walk-in filed:        " + describe(liu));

    // A lead list exported from Excel: UTF-8 with a BOM, one broken row, one phone already on file.
    const std::string csv =
        "\xEF\xBB\xBF姓名,手机,性别,日期,备注\r\n"
        "陈静,13600001111,女,2026/11/20,车展留资\r\n"
        "赵磊,1360000,男,2026/11/21,\r\n"
        "周敏,+86 138 0013 8000,女,2026-11-22,与张伟同号？\r\n"
        "吴强,0086 13700002222,男,2026年11月23日,\"老客户推荐, 想看样板间\"\r\n";
    LeadImportOptions options;
    options.site = "XH";
    options.consultant_id = li.id;
    options.progress = [](const ImportProgress& p) {
        std::cout << "  import progress: " << p.rows_done << "/" << p.rows_total << " rows\n";
        return true;
    };
    const LeadImportReport report = archive.leads().import_data(csv, options);
    say("Lead list imported (" + report.encoding + "): " + std::to_string(report.imported) + " of " +
        std::to_string(report.rows) + " rows filed");
    for (const RejectedRow& row : report.rejected) say("  rejected line " + std::to_string(row.line) + ": " + row.reason);

    // Afternoon: the phone rings.
    const std::string caller = "0086 138 0013 8000";
    if (auto who = archive.customers().by_phone(caller, "XH")) {
        const Consultant owner = archive.consultants().get(*who->consultant_id);
        say("Incoming call from " + caller + ": it is " + who->name + " (" + to_string(who->tier) + "), " +
            owner.name + "'s customer, archive " + who->archive_no);
    }

    // Zhang comes to the site and buys.
    archive.customers().record_visit(zhang.id);
    say("Visit logged: " + describe(archive.customers().get(zhang.id)));
    NewDeal deal;
    deal.unit = "3-1-1201";
    deal.layout = "3室2厅2卫";
    deal.area = 128.5;
    deal.price = 3980000;
    deal.bought_for = "自住";
    deal.stage = DealStage::reservation;   // 认筹, with a deposit: the unit is held, not yet sold
    deal.amount = 50000;
    const Deal reserved = archive.customers().record_deal(zhang.id, deal);
    say("Reservation (认筹) with a deposit of 50000: " + describe(archive.customers().get(zhang.id)));
    DealAdvance signing;
    signing.by = wang.id;
    archive.deals().advance(reserved.id, DealStage::contract, signing);   // 签约: straight to contract
    say("Contract signed (签约): " + describe(archive.customers().get(zhang.id)));
    deal.stage = DealStage::contract;
    deal.amount.reset();

    try {
        Customer other = archive.customers().get(liu.id);
        archive.customers().record_deal(other.id, deal);
    } catch (const Error& e) {
        say("Second sale of the same unit refused: " + std::string(e.what()));
    }

    const Page<ClosedDeal> owners = archive.customers().closed_deals({});
    say("Closed-deal archive: " + std::to_string(owners.total) + " owner(s)");
    for (const ClosedDeal& entry : owners.items)
        std::cout << "  " << entry.customer.name << " " << entry.deal.unit << " " << entry.deal.layout << " "
                  << entry.deal.area << " m², " << std::fixed << std::setprecision(0) << entry.deal.price
                  << " yuan, " << to_iso(entry.deal.date) << std::defaultfloat << "\n";

    // A consultant types an archive number with two characters swapped.
    std::string typo = zhang.archive_no;
    std::swap(typo[typo.size() - 3], typo[typo.size() - 2]); // the last two digits
    say("Is " + typo + " a valid archive number? " + (numbering::is_valid_archive_no(typo) ? "yes" : "no"));
    try {
        numbering::validate_archive_no(typo);
    } catch (const Error& e) {
        say("  " + std::string(e.what()));
    }

    // The profile: filled in as the consultant learns (MISSION §4), every change in the history.
    archive.profiles().set_text(zhang.id, {{"favourite_cuisine", "川菜"}, {"drinking", "红酒"}, {"company", "西湖科技"}},
                                wang.id);
    NewFamilyMember spouse;
    spouse.relation = Relation::spouse;
    spouse.name = "李芳";
    const Date in_a_week = today_in_china() + boost::gregorian::days(7);
    const calendar::LunarDate lunar = calendar::to_lunar(in_a_week);
    spouse.birthday = Birthday{true, 1988, lunar.month, lunar.day, false};   // a lunar birthday next week
    archive.family().add(zhang.id, spouse);

    // He calls again: the briefing tells the consultant what matters, the occasions to come included.
    const auto brief = archive.briefings().by_phone("138 0013 8000", "XH");
    say("Briefing for " + brief->salutation + ": completeness " + std::to_string(static_cast<int>(brief->completeness * 100)) +
        " %, ask next about '" + (brief->ask_next.empty() ? std::string("-") : brief->ask_next.front().label) + "'");
    for (const BriefingItem& item : brief->profile) say("  " + item.label + ": " + item.value);
    for (const UpcomingOccasion& u : brief->upcoming)
        say("  coming up " + to_iso(u.date) + ": " + u.occasion.title +
            (u.actions.empty() ? std::string() : " → " + u.actions.front().label));

    // The care calendar: the month's tasks for 王芳's customers.
    AgendaQuery month;
    month.from = today_in_china();
    month.to = month.from + boost::gregorian::days(30);
    month.consultant_id = wang.id;
    const std::vector<CareTask> tasks = archive.calendar().agenda(month);
    say("Care agenda of 王芳, next 30 days: " + std::to_string(tasks.size()) + " task(s)");
    for (const CareTask& t : tasks)
        say("  " + to_iso(t.date) + " " + t.customer_name + ": " + t.occasions.front().title + " → " + t.actions.front().label +
            " (prepare from " + to_iso(t.prepare_from) + ")");

    // A complaint by phone; the channel never refuses it, and every step is in its history.
    NewTicket complaint;
    complaint.kind = FeedbackKind::complaint;
    complaint.category = "delivery";
    complaint.severity = Severity::high;
    complaint.text = "交房时间一再推迟";
    complaint.phone = "13800138000";
    const Ticket ticket = archive.feedback().open(complaint);
    archive.feedback().transition(ticket.id, TicketStatus::acknowledged, wang.id, "已致电安抚");
    const Ticket now = archive.feedback().get(ticket.id);
    say("Complaint " + now.number + " from " + (now.customer_id ? brief->customer.name : std::string("an unknown caller")) +
        ": " + to_string(now.status) + ", to be resolved by " + to_iso(now.due.resolve) + " (working days)");

    // A satisfaction survey by phone.
    NewSurvey survey;
    survey.title = "交房满意度";
    survey.site = "XH";
    survey.questions = {{"quality", "您对房屋质量满意吗？", QuestionType::rating5, "property", {}},
                        {"recommend", "您向亲友推荐我们的可能性有多大？", QuestionType::nps, "service", {}}};
    const Survey s = archive.surveys().create(survey);
    NewResponse answer;
    answer.survey_id = s.id;
    answer.customer_id = zhang.id;
    answer.channel = SurveyChannel::phone;
    answer.answers = {{"quality", std::int64_t{4}}, {"recommend", std::int64_t{9}}};
    archive.surveys().respond(answer);
    const SurveyStats stats = archive.surveys().stats(s.id);
    say("Survey '" + s.title + "': " + std::to_string(stats.responses) + " response(s), NPS " +
        (stats.nps ? std::to_string(static_cast<int>(stats.nps->nps)) : std::string("-")) + ", CSAT " +
        (stats.csat ? std::to_string(static_cast<int>(*stats.csat)) + " %" : std::string("-")));

    // An old customer brings a new one (老带新).
    NewCustomer friend_of_zhang;
    friend_of_zhang.site = "XH";
    friend_of_zhang.channel = Channel::visit;
    friend_of_zhang.name = "赵敏";
    friend_of_zhang.mobile = "13600136000";
    friend_of_zhang.consultant_id = li.id;
    const Customer zhao = archive.customers().add(friend_of_zhang);
    NewReferral referral;
    referral.referrer_id = zhang.id;
    referral.referee_id = zhao.id;
    referral.method = ReferralMethod::chain;
    referral.materials = {{MaterialKind::brochure, 2}};
    archive.referrals().add(referral);
    const ReferralTree tree = archive.referrals().tree(zhang.id);
    say("Referral tree of " + zhang.name + ": " + std::to_string(tree.descendants) + " customer(s) brought in, first " +
        tree.generations.front().front().name);
    KeyPersonQuery key;
    key.site = "XH";
    key.by = KeyPersonMeasure::pagerank;
    for (const KeyPerson& p : archive.referrals().key_persons(key).people)
        say("  key person by PageRank: " + p.name + " " + std::to_string(p.score));

    // 王芳's day (跟进): her list, the calls she makes, what she plans next.
    const Date today = today_in_china();
    NewContact first_call;
    first_call.channel = ContactChannel::phone;
    first_call.outcome = "reached";
    first_call.intent = "A";
    first_call.note = "想周末带父母来看样板间";
    first_call.next_contact = NextContact{today + boost::gregorian::days(2), "10:00", ContactChannel::visit_office, "陪同父母看房"};
    first_call.by = wang.id;
    archive.contacts().log(liu.id, first_call);   // a colleague's customer she covers: the host vouches for it
    NewContact wechat;
    wechat.channel = ContactChannel::wechat;
    wechat.outcome = "sent";
    wechat.intent = "B";
    wechat.note = "发了户型图";
    archive.contacts().log(zhao.id, wechat);
    for (const Customer& chen : archive.customers().find_by_name("陈静", "XH"))
        archive.contacts().do_not_contact(chen.id, ContactChannel::phone);   // 勿扰: no calls, WeChat is fine
    say("王芳's day: contacts logged; 陈静 asked not to be called");
    for (const ContactEntry& e : archive.contacts().history(liu.id))
        say("  " + liu.name + " " + to_iso(e.day) + " " + to_string(e.channel) + " → " + e.outcome + ", intent " + e.intent +
            (e.next_contact ? ", next " + to_iso(e.next_contact->date) + " " + e.next_contact->time + " " + e.next_contact->purpose
                            : std::string()));
    DueQuery in_two_days;
    in_two_days.on = today + boost::gregorian::days(2);
    in_two_days.site = "XH";
    for (const DueItem& item : archive.contacts().due(in_two_days))
        say("  due " + to_iso(item.due) + ": " + item.customer_name + " (" + to_string(item.kind) + ", " + item.source +
            (item.purpose.empty() ? std::string() : ": " + item.purpose) + ")");
    NotContactedQuery quiet;
    quiet.site = "XH";
    quiet.days = 30;
    quiet.as_of = today + boost::gregorian::days(60);
    const Page<QuietCustomer> not_called = archive.contacts().not_contacted(quiet);
    say("  in 60 days, without a new contact, " + std::to_string(not_called.total) + " customer(s) will not have been contacted for 30 days");
    CareReportQuery month_report;
    month_report.site = "XH";
    month_report.start = today - boost::gregorian::days(today.day() - 1);
    month_report.end = today;
    for (const CareReportRow& r : archive.contacts().care_report(month_report).rows)
        say("  care report " + r.consultant_name + ": " + std::to_string(r.contacts) + " contact(s), " +
            std::to_string(r.tasks_due) + " care task(s) due, " + std::to_string(r.overdue) + " overdue");

    // Outreach (tactics 8 and 9): project news to the owners, and the next festival's greetings as
    // one SMS batch. The library sends nothing itself: the sales system hands it its SMS gateway;
    // here a stand-in that prints what it got.
    int gateway_ids = 0;
    const Sender gateway = [&gateway_ids](const OutgoingMessage& m) {
        std::cout << "  SMS to " << m.to << " (" << m.segments << " SMS): " << m.text << '\n';
        return "gw-" + std::to_string(++gateway_ids);
    };
    archive.outreach().register_sender(ContactChannel::sms, gateway);
    NewNewsItem topping;
    topping.site = "XH";
    topping.kind = NewsKind::progress;
    topping.title = "3号楼主体结构封顶";
    topping.attachments = {"https://example.com/xh/3-topping.jpg"};
    const NewsItem news = archive.outreach().add_news(topping);
    Sending to_owners;
    to_owners.key = "news:" + std::to_string(news.id);
    to_owners.news_id = news.id;
    Recipients site_owners;
    site_owners.scope = AudienceScope::site_owners;
    site_owners.site = "XH";
    to_owners.audience = {site_owners};
    to_owners.text = "{salutation}您好，{site}喜讯：{title}！详询{consultant}。";
    to_owners.at = to_iso(today) + "T10:00";
    say("News to the owners: " + news.title);
    const SendResult news_sent = archive.outreach().send(to_owners);
    say("  sent " + std::to_string(news_sent.sent) + ", skipped " + std::to_string(news_sent.skipped) +
        "; sent again: " + std::to_string(archive.outreach().send(to_owners).sent) + " (never twice)");
    AgendaQuery ahead;
    ahead.from = today;
    ahead.to = today + boost::gregorian::days(120);
    ahead.site = "XH";
    std::optional<Date> festival_day;
    std::string festival_name;
    for (const CareTask& t : archive.calendar().agenda(ahead))
        for (const TaskOccasion& o : t.occasions)
            if (!festival_day && o.kind == OccasionKind::festival) {
                festival_day = t.date;
                festival_name = o.title;
            }
    if (festival_day) {
        GreetingBatch greetings;
        greetings.site = "XH";
        greetings.date = *festival_day;
        greetings.at = to_iso(today) + "T10:00";
        say("Greetings for " + festival_name + " (" + to_iso(*festival_day) + ") as one SMS batch:");
        const SendResult r = archive.outreach().send_greetings(greetings);
        say("  " + std::to_string(r.sent) + " sent, their care tasks done; " + std::to_string(r.skipped) + " left for a call");
    }

    // Tactic 7: a tour of the construction site (工地开放日) for the owners, who bring friends.
    const boost::posix_time::ptime soon = boost::posix_time::second_clock::universal_time() + boost::posix_time::minutes(5);
    NewEvent tour;
    tour.site = "XH";
    tour.kind = "site_tour";
    tour.title = "工地开放日：3号楼钢筋与防水工艺";
    tour.start = boost::posix_time::to_iso_extended_string(soon) + "Z";
    tour.place = "3号楼工地（戴好安全帽）";
    tour.capacity = 20;
    tour.host = wang.id;
    const Event open_day = archive.events().create(tour);
    InviteRequest invitation;
    invitation.audience = {site_owners};
    invitation.channel = ContactChannel::sms;
    say("Site tour " + open_day.title + " on " + to_iso(open_day.date) + " " + open_day.time + ", invitations:");
    const InviteResult invited = archive.events().invite(open_day.id, invitation);
    archive.events().rsvp(open_day.id, zhang.id, RsvpAnswer::yes, 2);
    archive.events().check_in(open_day.id, CheckIn{zhang.id, std::nullopt, "", "", Gender::unknown, "", wang.id});
    CheckIn friend_of_owner;
    friend_of_owner.guest_of = zhang.id;
    friend_of_owner.name = "孙丽";
    friend_of_owner.phone = "137 1234 5678";
    friend_of_owner.gender = Gender::female;
    const CheckInResult guest = archive.events().check_in(open_day.id, friend_of_owner);
    const Customer sun = archive.customers().get(guest.customer_id);
    say("  " + std::to_string(invited.invited) + " owner(s) invited; " + zhang.name + " came with a guest: " + sun.name + " " +
        sun.archive_no + (guest.new_prospect ? ", filed as a prospect" : "") +
        (guest.referral_id ? ", referred by " + zhang.name + " (event_guest)" : ", " + guest.referral_note));
    const EventOutcome tour_outcome = archive.events().outcome(open_day.id);
    say("  outcome: " + std::to_string(tour_outcome.invited) + " invited, " + std::to_string(tour_outcome.attended) + " attended, " +
        std::to_string(tour_outcome.new_prospects) + " new prospect(s)");

    // Registration and protection (报备, 判客): an agency registers a buyer with the phone half hidden,
    // as agents do; the buyer walks in three days later and is judged.
    NewPartner agency;
    agency.site = "XH";
    agency.kind = PartnerKind::agency;
    agency.name = "链家西湖店";
    agency.company = "链家地产";
    const Partner lianjia = archive.registrations().add_partner(agency);
    NewRegistration by_agent;
    by_agent.site = "XH";
    by_agent.phone = "186****7788";
    by_agent.name = "陈先生";
    by_agent.partner_id = lianjia.id;
    by_agent.consultant_id = li.id;
    by_agent.at = to_iso(today_in_china() - boost::gregorian::days(3));
    const Registration registered = archive.registrations().register_customer(by_agent);
    say("Registration " + std::to_string(registered.id) + " by " + lianjia.name + ": " + registered.name + " " + registered.phone +
        ", protected until " + to_iso(registered.expires));
    try {
        NewRegistration late = by_agent;
        late.phone = "18612347788";
        late.partner_id.reset();
        late.consultant_id = wang.id;
        late.at.clear();
        archive.registrations().register_customer(late);
    } catch (const Error& e) {
        say("  " + wang.name + " registers the same buyer later: " + status_name(e.status()) + " (" + e.what() + ")");
    }
    JudgeRequest at_the_door;
    at_the_door.site = "XH";
    at_the_door.phone = "186 1234 7788";
    at_the_door.consultant_id = wang.id;   // who happens to receive him
    const Judgement judged = archive.registrations().judge(at_the_door);
    say("Walk-in 18612347788 judged: " + judged.reason + " -> " + judged.owner_consultant + " with " + judged.owner_partner +
        "; registration now " + to_string(judged.registration->status) + " for " + judged.registration->phone);
    say("  " + judged.explanation);

    // One buyer filed twice: 李娜 files 陈明 at the door; a week later 王芳 files a caller 陈明 from
    // another number ending in the same four digits. The duplicate check finds the pair, the
    // manager merges them, and the second archive number still finds the buyer.
    NewCustomer chen_walk_in;
    chen_walk_in.site = "XH";
    chen_walk_in.channel = Channel::visit;
    chen_walk_in.name = "陈明";
    chen_walk_in.mobile = "18612347788";
    chen_walk_in.consultant_id = li.id;
    const Customer chen = archive.customers().add(chen_walk_in);
    NewCustomer chen_call = chen_walk_in;
    chen_call.channel = Channel::call;
    chen_call.mobile = "135 1234 7788";
    chen_call.consultant_id = wang.id;
    const Customer chen_again = archive.customers().add(chen_call);
    DuplicateQuery dup_query;
    dup_query.site = "XH";
    for (const DuplicateCandidate& d : archive.merges().duplicates(dup_query)) {
        std::ostringstream score;
        score << std::fixed << std::setprecision(2) << d.score;
        std::string why;
        for (const DuplicateReason& r : d.reasons) why += (why.empty() ? "" : "; ") + r.text;
        say("Duplicate candidate " + d.archive_nos[0] + " / " + d.archive_nos[1] + ", score " + score.str() + ": " + why);
    }
    const MergeRecord merged = archive.merges().merge(chen.id, chen_again.id, li.id);
    const Customer found = archive.customers().by_archive_no(merged.merged_archive_no).value();
    say("Merged " + merged.merged_archive_no + " into " + chen.archive_no + "; looking up " + merged.merged_archive_no +
        " finds " + found.name + " " + found.archive_no + " (redirected from " + found.redirected_from.value_or("-") +
        "), phones " + std::to_string(found.phones.size() + 1));

    const ArchiveInfo info = archive.info();
    say("Archive: " + std::to_string(info.customers) + " customers, " + std::to_string(info.owners) + " owner(s), " +
        std::to_string(info.consultants) + " consultants at " + std::to_string(info.sites) + " site(s)");
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: sales_desk <archive.db>\n";
        return 2;
    }
    try {
        return run(argv[1]);
    } catch (const snowball::Error& e) {
        std::cerr << "sales_desk: " << snowball::status_name(e.status()) << ": " << e.what() << '\n';
        return 1;
    }
}
