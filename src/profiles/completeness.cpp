#include "profiles/completeness.hpp"

#include <algorithm>

namespace snowball::detail {

void FamilyFacts::add(Relation relation, bool has_education, bool has_interests, bool is_closest) {
    if (relation == Relation::spouse) {
        spouse = true;
        spouse_education = spouse_education || has_education;
        spouse_interests = spouse_interests || has_interests;
    }
    parent = parent || relation == Relation::father || relation == Relation::mother;
    child = child || relation == Relation::child;
    closest = closest || is_closest;
}

bool FamilyFacts::satisfies(const std::string& link) const {
    if (link == "spouse") return spouse;
    if (link == "spouse.education") return spouse_education;
    if (link == "spouse.interests") return spouse_interests;
    if (link == "parent") return parent;
    if (link == "child") return child;
    if (link == "closest") return closest;
    return false;
}

Completeness score(const Template& t, const std::vector<bool>& filled, const FamilyFacts& family,
                   std::int64_t customer_id, int ask_next) {
    Completeness c;
    c.customer_id = customer_id;
    double total = 0, got = 0;
    // The unfilled fields worth asking about, by their place in the template.
    std::vector<std::size_t> open;
    for (const Section& s : t.sections) c.sections.push_back({s.key, 0, 0, 0});
    std::vector<double> section_total(t.sections.size()), section_got(t.sections.size());
    std::size_t at = 0;   // the field's section: most often the previous field's
    for (std::size_t i = 0; i < t.fields.size(); ++i) {
        const FieldDef& f = t.fields[i];
        if (f.hidden) continue;
        const bool is_filled = filled[i] || (!f.family_link.empty() && family.satisfies(f.family_link));
        if (at >= t.sections.size() || t.sections[at].key != f.section)
            at = static_cast<std::size_t>(
                std::find_if(t.sections.begin(), t.sections.end(), [&](const Section& x) { return x.key == f.section; }) -
                t.sections.begin());
        total += f.weight;
        section_total[at] += f.weight;
        ++c.sections[at].fields;
        if (is_filled) {
            got += f.weight;
            section_got[at] += f.weight;
            ++c.sections[at].filled;
        } else if (f.weight > 0) {
            open.push_back(i);
        }
    }
    c.score = total > 0 ? got / total : 0;
    for (std::size_t s = 0; s < c.sections.size(); ++s)
        c.sections[s].score = section_total[s] > 0 ? section_got[s] / section_total[s] : 0;
    std::stable_sort(open.begin(), open.end(),
                     [&](std::size_t a, std::size_t b) { return t.fields[a].weight > t.fields[b].weight; });
    for (std::size_t i = 0; i < open.size() && static_cast<int>(i) < ask_next; ++i)
        c.ask_next.push_back(t.fields[open[i]].key);
    return c;
}

} // namespace snowball::detail
