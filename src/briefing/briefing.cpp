#include "snowball/briefing.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "calendar/care_records.hpp"
#include "common/text.hpp"
#include "customers/customer_records.hpp"
#include "profiles/completeness.hpp"
#include "profiles/family_records.hpp"
#include "profiles/history.hpp"
#include "profiles/template_rules.hpp"
#include "profiles/template_store.hpp"
#include "service/service_records.hpp"
#include "snowball/lunar.hpp"
#include "snowball/phone.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <set>

namespace snowball {

using detail::Query;

namespace {

// Two-character surnames (复姓) that a name may start with.
constexpr std::string_view compound_surnames[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门", "百里", "呼延", "万俟", "闻人", "澹台", "公冶",
    "太史", "申屠", "赫连", "拓跋",
    // As traditional characters write them (the source document is printed in them).
    "歐陽", "諸葛", "長孫", "軒轅", "鍾離", "司馬", "東方", "尉遲", "公孫", "獨孤", "南宮", "西門", "萬俟", "聞人",
    "澹臺", "赫連"};

// The first character's length in bytes.
std::size_t first_character(std::string_view s) {
    const auto b = static_cast<unsigned char>(s[0]);
    return b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
}

bool is_cjk(std::string_view s) { return !s.empty() && static_cast<unsigned char>(s[0]) >= 0xE3; }

} // namespace

std::string salutation(const std::string& name, Gender gender, Language language) {
    if (gender == Gender::unknown || name.empty()) return name;
    if (language == Language::en || !is_cjk(name)) return (gender == Gender::male ? "Mr. " : "Ms. ") + name;
    std::string surname = name.substr(0, first_character(name));
    for (std::string_view compound : compound_surnames)
        // ">=": a customer first filed by the surname alone ("欧阳") is 欧阳先生 too.
        if (name.size() >= compound.size() && name.compare(0, compound.size(), compound) == 0) surname = compound;
    return surname + (gender == Gender::male ? "先生" : "女士");
}

namespace {

Briefing brief(detail::Store& store, detail::TemplateCache& cache, std::int64_t customer_id, Language language) {
    Briefing b;
    b.customer = detail::require_customer(store, customer_id);
    const Customer& c = b.customer;
    b.salutation = salutation(c.name, c.gender, language);
    if (c.consultant_id) b.consultant = detail::require_consultant(store, *c.consultant_id, "consultant_id");
    b.family = detail::family_of(store, customer_id);
    b.recent_visits = detail::recent_visits(store, customer_id, 3);
    b.visit_count = detail::visit_count(store, customer_id);
    b.deals = detail::closed_deals_of(store, customer_id);
    b.open_tickets = detail::open_tickets_of(store, customer_id);
    const Date today = today_in_china();
    const Date horizon = std::min(today + boost::gregorian::days(upcoming_days), calendar::max_date());
    if (today <= horizon) b.upcoming = detail::upcoming_occasions(store, c, b.family, b.deals, today, horizon);

    const Template& t = cache.current(store, detail::site_id_of(store, customer_id), c.site);
    std::set<std::string> filled;
    std::map<std::string, std::string> stored;
    {
        Query q(store, "SELECT field, value FROM profile_values WHERE customer_id = ?");
        q->bind(1, customer_id);
        while (q->executeStep()) stored[q->getColumn(0).getString()] = q->getColumn(1).getString();
    }
    for (const FieldDef& f : t.fields) {
        std::optional<std::string> value;
        if (!f.bound_to.empty()) value = detail::bound_value(c, f.bound_to);
        else if (auto it = stored.find(f.key); it != stored.end()) value = it->second;
        if (!value) continue;
        filled.insert(f.key);
        if (f.in_briefing && !f.hidden)
            b.profile.push_back({f.key, f.label.in(language), display(f, detail::decode_value(f, value), language)});
    }
    detail::FamilyFacts facts;
    for (const FamilyMember& m : b.family)
        facts.add(m.relation, !m.education.empty(), !m.interests.empty(), m.closest);
    const Completeness score = detail::score(t, filled, facts, customer_id, 3);
    b.completeness = score.score;
    for (const std::string& key : score.ask_next) {
        const FieldDef* f = t.field(key);
        b.ask_next.push_back({key, f->label.in(language), f->help.in(language)});
    }
    return b;
}

} // namespace

std::optional<Briefing> Briefings::by_phone(std::string_view phone, std::string_view site, Language language) const {
    const std::string normal = normalize_phone(phone, "phone").number;
    return store_.read([&]() -> std::optional<Briefing> {
        std::optional<std::int64_t> site_id;
        if (!text::trim(site).empty()) site_id = detail::require_site(store_, site, "site").id;
        const std::vector<std::int64_t> ids = detail::customers_with_phone(store_, normal, site_id);
        if (ids.empty()) return std::nullopt;
        if (ids.size() > 1)
            throw Error(Status::conflict,
                        "phone: " + normal + " is on file at " + std::to_string(ids.size()) + " sites; name the site",
                        "site", ids[0]);
        return brief(store_, cache_, ids[0], language);
    });
}

Briefing Briefings::for_customer(std::int64_t customer_id, Language language) const {
    return store_.read([&] { return brief(store_, cache_, customer_id, language); });
}

} // namespace snowball
