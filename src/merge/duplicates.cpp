// Duplicate candidates (snowball/merge.hpp): a few scans of one site's records, phones and family
// phones, and grouping in memory by sorting keys — never a comparison of every pair of records.
#include "snowball/merge.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "privacy/access.hpp"
#include "snowball/archive.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace snowball {

using detail::Query;

namespace {

enum Reason : unsigned { family_phone = 1, name_phone_tail = 2, name_birthday = 4 };

struct ReasonDef {
    Reason bit;
    const char* key;
    const char* text;
    double weight;
};
constexpr ReasonDef reasons[] = {
    {family_phone, "family_phone", "one record's phone is on file as a family member's phone of the other", 0.5},
    {name_phone_tail, "name_phone_tail", "the same name, with phones ending in the same 4 digits", 0.8},
    {name_birthday, "name_birthday", "the same name and the same birthday", 0.9},
};

struct Rec {
    std::int64_t id;
    std::string archive_no;
};

class Pairs {
public:
    void add(std::uint32_t a, std::uint32_t b, Reason why) {
        if (a == b) return;
        if (a > b) std::swap(a, b);
        found_[std::uint64_t(a) << 32 | b] |= why;
    }
    // Every run of equal keys makes pairs of its members.
    void add_runs(std::vector<std::pair<std::string, std::uint32_t>>& keys, Reason why) {
        std::sort(keys.begin(), keys.end());
        for (std::size_t i = 0; i < keys.size();) {
            std::size_t end = i + 1;
            while (end < keys.size() && keys[end].first == keys[i].first) ++end;
            for (std::size_t x = i; x < end; ++x)
                for (std::size_t y = x + 1; y < end; ++y) add(keys[x].second, keys[y].second, why);
            i = end;
        }
    }
    const std::unordered_map<std::uint64_t, unsigned>& found() const { return found_; }

private:
    std::unordered_map<std::uint64_t, unsigned> found_;
};

} // namespace

std::vector<DuplicateCandidate> Merges::duplicates(const DuplicateQuery& query) const {
    if (!(query.min_score >= 0 && query.min_score <= 1))
        throw_invalid("min_score", std::to_string(query.min_score) + " is not between 0 and 1");
    if (query.limit < 0) throw_invalid("limit", "must not be negative (0: every candidate)");
    return store_.read([&] {
        const Site site = detail::require_site(store_, query.site, "site");
        detail::require_actor_site(store_.actor(), site.code, "site");
        std::vector<Rec> recs;
        std::vector<std::string> names;   // by index of recs
        std::vector<std::pair<std::string, std::uint32_t>> by_birthday, by_tail;
        {
            SQLite::Statement q(store_.db(),
                                "SELECT id, archive_no, name, birth_calendar, birth_year, birth_month, birth_day, birth_leap "
                                "FROM customers WHERE site_id = ? AND deleted_at IS NULL ORDER BY id");
            q.bind(1, site.id);
            while (q.executeStep()) {
                const auto index = static_cast<std::uint32_t>(recs.size());
                recs.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString()});
                names.push_back(q.getColumn(2).getString());
                if (names.back().empty() || q.isColumnNull(3)) continue;
                std::string key = names.back();
                key += '\x1f';
                key += q.getColumn(3).getText();
                for (int c = 4; c <= 7; ++c) {
                    key += '/';
                    key += q.isColumnNull(c) ? std::string("?") : q.getColumn(c).getString();
                }
                by_birthday.emplace_back(std::move(key), index);
            }
        }
        const auto index_of = [&](std::int64_t id) -> std::optional<std::uint32_t> {
            auto it = std::lower_bound(recs.begin(), recs.end(), id, [](const Rec& r, std::int64_t v) { return r.id < v; });
            if (it == recs.end() || it->id != id) return std::nullopt;
            return static_cast<std::uint32_t>(it - recs.begin());
        };
        {
            SQLite::Statement q(store_.db(), "SELECT customer_id, substr(phone, -4) FROM customer_phones WHERE site_id = ?");
            q.bind(1, site.id);
            while (q.executeStep()) {
                const auto index = index_of(q.getColumn(0).getInt64());
                if (!index || names[*index].empty()) continue;
                by_tail.emplace_back(names[*index] + '\x1f' + q.getColumn(1).getText(), *index);
            }
        }
        Pairs pairs;
        pairs.add_runs(by_birthday, name_birthday);
        pairs.add_runs(by_tail, name_phone_tail);
        {
            SQLite::Statement q(store_.db(),
                                "SELECT f.customer_id, p.customer_id FROM family_members f "
                                "JOIN customer_phones p ON p.phone = f.phone AND p.site_id = ?1 "
                                "WHERE f.phone <> '' AND p.customer_id <> f.customer_id");
            q.bind(1, site.id);
            while (q.executeStep()) {
                const auto a = index_of(q.getColumn(0).getInt64()), b = index_of(q.getColumn(1).getInt64());
                if (a && b) pairs.add(*a, *b, family_phone);
            }
        }
        std::vector<DuplicateCandidate> out;
        out.reserve(pairs.found().size());
        for (const auto& [key, mask] : pairs.found()) {
            const Rec& a = recs[key >> 32];
            const Rec& b = recs[key & 0xffffffffu];
            DuplicateCandidate c;
            c.ids = {a.id, b.id};
            c.archive_nos = {a.archive_no, b.archive_no};
            double unlikely = 1;
            for (const ReasonDef& r : reasons)
                if (mask & r.bit) {
                    c.reasons.push_back({r.key, r.text});
                    unlikely *= 1 - r.weight;
                }
            c.score = std::round((1 - unlikely) * 1000) / 1000;
            if (c.score >= query.min_score) out.push_back(std::move(c));
        }
        std::sort(out.begin(), out.end(), [](const DuplicateCandidate& x, const DuplicateCandidate& y) {
            if (x.score != y.score) return x.score > y.score;
            return x.ids < y.ids;
        });
        if (query.limit > 0 && out.size() > static_cast<std::size_t>(query.limit)) out.resize(query.limit);
        return out;
    });
}

} // namespace snowball
