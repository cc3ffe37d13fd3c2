// Key persons before they refer anyone (核心人物, MISSION §3.2): candidates scored from what the
// profile says of their standing among people (fields 24, 25, 33, 38), their social circle and their
// family, and the approaches consultants made to them (each one an entry of the contact log).
#include "snowball/referrals.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "referrals/matching.hpp"
#include "referrals/referral_store.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace snowball {

using detail::Query;

namespace {

// ---------------------------------------------------------------------------------------------
// The score's parts (docs/DATA_MODEL.md, "Key-person candidates")

constexpr double per_organisation = 2;          // field 24, at most 3 organisations counted
constexpr int organisations_counted = 3;
constexpr double leads_organisation = 2;        // field 24 says they hold an office in one
constexpr double per_admirer = 2;               // field 38 of another customer names them, at most 3 counted
constexpr int admirers_counted = 3;
constexpr double per_circle_member = 0.5;       // their social circle, at most 3 points
constexpr double circle_cap = 3;
constexpr double per_family_member = 0.5;       // family members on file, at most 2 points
constexpr double family_cap = 2;

// Field 24's list of organisations: "台商协会、扶轮社，高尔夫球会".
std::vector<std::string> organisations(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    const auto close = [&] {
        const std::string item(text::trim(current));
        if (!item.empty()) out.push_back(item);
        current.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        bool split = false;
        for (const char* sep : {"、", "，", "；", "/", ",", ";", "|"}) {
            const std::size_t n = std::char_traits<char>::length(sep);
            if (text.compare(i, n, sep) == 0) {
                close();
                i += n;
                split = true;
                break;
            }
        }
        if (!split) current += text[i++];
    }
    close();
    return out;
}

// The first word of `words` found in `text`, or nullptr.
const char* first_word(const std::string& text, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (text.find(w) != std::string::npos) return w;
    return nullptr;
}

const char* office_in_organisation(const std::string& text) {
    return first_word(text, {"会长", "主席", "秘书长", "理事", "常委", "委员"});
}

// Field 33: the head of an organisation, a senior role, or any position given.
std::pair<double, const char*> position_points(const std::string& position) {
    const std::string p = text::upper_ascii(text::to_halfwidth(position));
    if (const char* w = first_word(p, {"董事长", "总裁", "总经理", "创始人", "合伙人", "CEO", "老板", "会长", "院长", "校长",
                                       "局长", "行长", "厂长", "所长", "董事", "主席"}))
        return {3, w};
    if (const char* w = first_word(p, {"副总", "总监", "经理", "处长", "科长", "主任", "教授", "主编", "律师", "医师", "主管"}))
        return {2, w};
    return {1, nullptr};
}

// Field 25's options.
std::pair<double, const char*> sociability_points(const std::string& key) {
    if (key == "very_keen") return {3, "非常热衷"};
    if (key == "keen") return {2, "比较热衷"};
    if (key == "average") return {1, "一般"};
    return {0, nullptr};
}

std::string number(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

struct Profile {
    std::string organisations, sociability, position;
};

} // namespace

// ---------------------------------------------------------------------------------------------
// Approaches

namespace detail {

#define SNOWBALL_APPROACH_SELECT                                                                                   \
    "SELECT a.id, a.customer_id, s.code, a.approach_date, a.consultant_id, a.channel, a.outcome, a.note, "        \
    "a.contact_id, a.recorded_at FROM key_person_approaches a "                                                \
    "JOIN sites s ON s.id = a.site_id "

Approach read_approach(SQLite::Statement& s) {
    Approach a;
    a.id = s.getColumn(0).getInt64();
    a.customer_id = s.getColumn(1).getInt64();
    a.site = s.getColumn(2).getString();
    a.date = parse_date(s.getColumn(3).getText());
    if (!s.isColumnNull(4)) a.consultant_id = s.getColumn(4).getInt64();
    a.channel = parse_approach_channel(s.getColumn(5).getText());
    a.outcome = parse_approach_outcome(s.getColumn(6).getText());
    a.note = s.getColumn(7).getString();
    if (!s.isColumnNull(8)) a.contact_id = s.getColumn(8).getInt64();
    a.recorded_at = s.getColumn(9).getString();
    return a;
}

std::vector<Approach> approaches_of(Store& store, std::int64_t customer_id) {
    std::vector<Approach> out;
    Query q(store, SNOWBALL_APPROACH_SELECT "WHERE a.customer_id = ? ORDER BY a.approach_date, a.id");
    q->bind(1, customer_id);
    while (q->executeStep()) out.push_back(read_approach(*q));
    return out;
}

} // namespace detail

namespace {

const char* outcome_words(ApproachOutcome o) {
    switch (o) {
    case ApproachOutcome::no_answer: return "未接通";
    case ApproachOutcome::reached: return "已联系";
    case ApproachOutcome::interested: return "有兴趣";
    case ApproachOutcome::agreed: return "同意介绍";
    case ApproachOutcome::declined: return "婉拒";
    }
    return "";
}

} // namespace

Approach Referrals::approach(const NewApproach& input) {
    const std::string note = text::clean(input.note, "note", 500, false, text::Lines::multi);
    const Date date = detail::day_or_today(input.date, "date");
    return store_.write([&] {
        const detail::Party who = detail::require_party(store_, input.customer_id, "customer_id");
        std::optional<std::int64_t> consultant = who.consultant_id;
        if (input.consultant_id) consultant = detail::acting_consultant(store_, *input.consultant_id, who.site, "consultant_id");
        const std::string now = text::now_utc();
        Query q(store_, "INSERT INTO key_person_approaches(site_id, customer_id, approach_date, consultant_id, channel, outcome, "
                        "note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        q->bind(1, who.site_id);
        q->bind(2, input.customer_id);
        q->bind(3, to_iso(date));
        detail::bind_optional(*q, 4, consultant);
        q->bind(5, to_string(input.channel));
        q->bind(6, to_string(input.outcome));
        q->bind(7, note);
        q->bind(8, now);
        q->exec();
        const std::int64_t id = store_.db().getLastInsertRowid();

        // The contact log's entry: the approach channels are contact channels of the same keys.
        std::int64_t contact_id = 0;
        detail::ContactMade made;
        made.customer_id = input.customer_id;
        made.consultant_id = consultant;
        const std::int64_t seconds = text::now_seconds();
        made.at = text::china_date(seconds) == date ? seconds : text::china_day_start(date) + 12 * 3600;
        made.channel = to_string(input.channel);
        made.outcome = input.outcome == ApproachOutcome::no_answer ? "no_answer" : "reached";
        made.inbound = input.channel == ApproachChannel::visit_office;
        made.note = std::string("核心人物接触（") + outcome_words(input.outcome) + "）" + (note.empty() ? "" : "：" + note);
        made.contact_id = &contact_id;
        store_.events().publish(store_, made);
        if (contact_id != 0) {
            Query link(store_, "UPDATE key_person_approaches SET contact_id = ? WHERE id = ?");
            link->bind(1, contact_id);
            link->bind(2, id);
            link->exec();
        }
        Query back(store_, SNOWBALL_APPROACH_SELECT "WHERE a.id = ?");
        back->bind(1, id);
        back->executeStep();
        return detail::read_approach(*back);
    });
}

std::vector<Approach> Referrals::approaches(std::int64_t customer_id) const {
    return store_.read([&] {
        detail::require_party(store_, customer_id, "customer_id");
        return detail::approaches_of(store_, customer_id);
    });
}

// ---------------------------------------------------------------------------------------------
// Candidates

std::vector<KeyPersonCandidate> Referrals::key_person_candidates(const CandidateQuery& query) const {
    detail::check_page(query.limit, 0);
    return store_.read([&] {
        const Site site = detail::require_site(store_, query.site, "site");

        // The customers of the site who introduced no one yet.
        std::map<std::int64_t, KeyPersonCandidate> people;
        std::map<std::string, std::vector<std::int64_t>> by_name;
        Query c(store_, "SELECT c.id, c.name, c.archive_no, c.stage, c.tier, c.consultant_id FROM customers c "
                        "WHERE c.site_id = ?1 AND c.deleted_at IS NULL AND (?2 = 0 OR c.stage = 'owner') "
                        "AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.referrer_id = c.id)");
        c->bind(1, site.id);
        c->bind(2, query.owners_only ? 1 : 0);
        while (c->executeStep()) {
            KeyPersonCandidate k;
            k.customer_id = c->getColumn(0).getInt64();
            k.name = c->getColumn(1).getString();
            k.archive_no = c->getColumn(2).getString();
            k.stage = parse_stage(c->getColumn(3).getText());
            k.tier = parse_tier(c->getColumn(4).getText());
            if (!c->isColumnNull(5)) k.consultant_id = c->getColumn(5).getInt64();
            if (!k.name.empty()) by_name[k.name].push_back(k.customer_id);
            people.emplace(k.customer_id, std::move(k));
        }

        // Fields 24, 25 and 33 of the candidates; field 38 of every customer of the site (who they
        // admire: a candidate named there is someone people look up to). Sealed values are not read.
        std::map<std::int64_t, Profile> profile;
        Query v(store_, "SELECT v.customer_id, v.field, v.value FROM profile_values v JOIN customers c ON c.id = v.customer_id "
                        "WHERE c.site_id = ? AND c.deleted_at IS NULL AND typeof(v.value) = 'text' AND (v.field = "
                        "'social_organisations' OR v.field = 'sociability' OR v.field = 'position' OR v.field = 'admired_person')");
        v->bind(1, site.id);
        while (v->executeStep()) {
            const std::int64_t id = v->getColumn(0).getInt64();
            const std::string field = v->getColumn(1).getString();
            const std::string value(text::trim(v->getColumn(2).getString()));
            if (field == "admired_person") {
                const auto named = by_name.find(value);
                if (named == by_name.end()) continue;
                for (std::int64_t admired : named->second)
                    if (admired != id) ++people[admired].admired_by;
                continue;
            }
            if (!people.count(id)) continue;
            Profile& p = profile[id];
            (field == "social_organisations" ? p.organisations : field == "sociability" ? p.sociability : p.position) = value;
        }

        Query fam(store_, "SELECT f.customer_id, count(*) FROM family_members f JOIN customers c ON c.id = f.customer_id "
                          "WHERE c.site_id = ? GROUP BY f.customer_id");
        fam->bind(1, site.id);
        while (fam->executeStep()) {
            const auto it = people.find(fam->getColumn(0).getInt64());
            if (it != people.end()) it->second.family_members = fam->getColumn(1).getInt64();
        }

        const auto g = cache_->graph(store_, site.id);
        const auto comps = referral_graph::components(*g);
        std::vector<std::int64_t> circle_size(comps.count, 0);
        for (referral_graph::Index n = 0; n < g->size(); ++n) ++circle_size[comps.of[n]];

        std::vector<KeyPersonCandidate> out;
        for (auto& [id, k] : people) {
            if (k.name.empty()) continue;   // an erased person's retired record
            const Profile& p = profile[id];
            double base = 0;
            const auto reason = [&](const char* code, double points, std::string message) {
                base += points;
                k.reasons.push_back({code, points, std::move(message)});
            };
            if (!p.organisations.empty()) {
                const auto list = organisations(p.organisations);
                const int counted = std::min(static_cast<int>(list.size()), organisations_counted);
                reason("social_organisations", per_organisation * counted, "所属社会组织：" + p.organisations);
                if (const char* office = office_in_organisation(p.organisations))
                    reason("leads_organisation", leads_organisation, std::string("在社会组织中任职（") + office + "）");
            }
            if (const auto [points, words] = sociability_points(p.sociability); points > 0)
                reason("sociability", points, std::string("社交热衷程度：") + words);
            if (!p.position.empty()) {
                const auto [points, word] = position_points(p.position);
                reason("position", points, "职位：" + p.position + (word ? std::string("（") + word + "）" : std::string()));
            }
            if (k.admired_by > 0)
                reason("admired_by", per_admirer * static_cast<double>(std::min<std::int64_t>(k.admired_by, admirers_counted)),
                       std::to_string(k.admired_by) + " 位客户最佩服的人是" + k.name);
            const referral_graph::Index node = g->index(id);
            if (node != referral_graph::none) k.circle_size = circle_size[comps.of[node]];
            if (k.circle_size > 1)
                reason("circle", std::min(circle_cap, per_circle_member * static_cast<double>(k.circle_size - 1)),
                       "所在社交圈 " + std::to_string(k.circle_size) + " 人");
            if (k.family_members > 0)
                reason("family", std::min(family_cap, per_family_member * static_cast<double>(k.family_members)),
                       "家庭成员 " + std::to_string(k.family_members) + " 位在档");
            if (base <= 0) continue;
            const double factor = detail::standing(k.stage == Stage::owner, k.tier);
            if (factor > 1) {
                std::string who = k.stage == Stage::owner ? "业主" : "";
                if (k.tier == Tier::vip) who += who.empty() ? "VIP 客户" : "、VIP";
                k.reasons.push_back({"standing", factor, who + "：得分 × " + number(factor)});
            }
            k.score = base * factor;
            out.push_back(std::move(k));
        }
        std::sort(out.begin(), out.end(), [](const KeyPersonCandidate& a, const KeyPersonCandidate& b) {
            return a.score != b.score ? a.score > b.score : a.customer_id < b.customer_id;
        });
        if (out.size() > static_cast<std::size_t>(query.limit)) out.resize(static_cast<std::size_t>(query.limit));
        for (KeyPersonCandidate& k : out) k.approaches = detail::approaches_of(store_, k.customer_id);
        return out;
    });
}

} // namespace snowball
