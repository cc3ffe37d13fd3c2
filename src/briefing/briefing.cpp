#include "snowball/briefing.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/text.hpp"
#include "snowball/lunar.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>

namespace snowball {

namespace {

// Two-character surnames (复姓) that a name may start with.
constexpr std::string_view compound_surnames[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门", "百里", "呼延", "万俟", "闻人", "澹台", "公冶",
    "太史", "申屠", "赫连", "拓跋",
    // As traditional characters write them (the source document is printed in them).
    "歐陽", "諸葛", "長孫", "軒轅", "鍾離", "司馬", "東方", "尉遲", "公孫", "獨孤", "南宮", "西門", "萬俟", "聞人",
    "澹臺", "赫連"};


bool is_cjk(std::string_view s) { return !s.empty() && static_cast<unsigned char>(s[0]) >= 0xE3; }

} // namespace

std::string salutation(const std::string& name, Gender gender, Language language) {
    if (name.empty()) return name;
    const bool chinese = language != Language::en && is_cjk(name);
    // Gender not on file: the full name with both titles, as a sales office writes to a customer it
    // has not met (尊敬的张伟先生/女士); in English the name alone.
    if (gender == Gender::unknown) return chinese ? name + "先生/女士" : name;
    if (!chinese) return (gender == Gender::male ? "Mr. " : "Ms. ") + name;
    std::string surname = text::first_characters(name, 1);
    for (std::string_view compound : compound_surnames)
        // ">=": a customer first filed by the surname alone ("欧阳") is 欧阳先生 too.
        if (name.size() >= compound.size() && name.compare(0, compound.size(), compound) == 0) surname = compound;
    return surname + (gender == Gender::male ? "先生" : "女士");
}

Briefings::Briefings(detail::Store& store, Customers& customers, Consultants& consultants, Family& family,
                     Profiles& profiles, Feedback& feedback, CareCalendar& calendar, Contacts& contacts)
    : store_(store), customers_(customers), consultants_(consultants), family_(family), profiles_(profiles),
      feedback_(feedback), calendar_(calendar), contacts_(contacts) {}

// Inside the caller's read: every part from the public service that owns it.
Briefing Briefings::brief(Customer customer, Language language) const {
    Briefing b;
    const Customer& c = customer;
    b.salutation = salutation(c.name, c.gender, language);
    if (c.consultant_id) b.consultant = consultants_.get(*c.consultant_id);
    b.family = family_.list(c.id);
    Page<Visit> visits = customers_.recent_visits(c.id, 3);
    b.recent_visits = std::move(visits.items);
    b.visit_count = visits.total;
    for (Deal& d : customers_.deals(c.id))
        if (!d.cancelled) b.deals.push_back(std::move(d));
    b.open_tickets = feedback_.open_tickets(c.id);
    const Date today = today_in_china();
    const Date horizon = std::min(today + boost::gregorian::days(upcoming_days), calendar::max_date());
    if (today <= horizon) b.upcoming = calendar_.upcoming(c, b.family, b.deals, today, horizon);
    ProfileSummary profile = profiles_.summary(c, b.family, language);
    b.profile = std::move(profile.shown);
    b.completeness = profile.completeness;
    b.ask_next = std::move(profile.ask_next);
    b.recent_contacts = contacts_.history(c.id, 3);
    b.follow_up = contacts_.follow_up(c.id);
    b.customer = std::move(customer);
    return b;
}

std::optional<Briefing> Briefings::by_phone(std::string_view phone, std::string_view site, Language language) const {
    return store_.read([&]() -> std::optional<Briefing> {
        std::optional<Customer> c = customers_.by_phone(phone, site);
        if (!c) return std::nullopt;
        return brief(std::move(*c), language);
    });
}

Briefing Briefings::for_customer(std::int64_t customer_id, Language language) const {
    return store_.read([&] {
        std::optional<Customer> c = customers_.find(customer_id);
        if (!c)
            detail::throw_no_customer("customer_id", customer_id);
        return brief(std::move(*c), language);
    });
}

} // namespace snowball
