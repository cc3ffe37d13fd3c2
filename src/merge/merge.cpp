// Merging two records of one person, and undoing it (snowball/merge.hpp). The service checks,
// records and audits; every module moves its own rows in its step of CustomersMerged, through the
// journal (archive/merge_journal.hpp), which an undo replays backwards.
#include "snowball/merge.hpp"

#include "archive/events.hpp"
#include "archive/merge_journal.hpp"
#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/paging.hpp"
#include "common/text.hpp"
#include "privacy/access.hpp"
#include "privacy/audit.hpp"
#include "snowball/customers.hpp"
#include "snowball/archive.hpp"

#include <nlohmann/json.hpp>

namespace snowball {

using detail::Query;
using json = nlohmann::json;

namespace {

constexpr const char* merge_select =
    "SELECT m.id, s.code, m.keep_id, m.merged_id, m.merged_no, m.by_id, m.actor, m.at, m.newest_wins, m.counts, "
    "m.notes, m.undone_at, m.undone_by, m.journal_kept FROM customer_merges m JOIN sites s ON s.id = m.site_id ";

MergeRecord read_merge(SQLite::Statement& q) {
    MergeRecord r;
    r.id = q.getColumn(0).getInt64();
    r.site = q.getColumn(1).getString();
    r.keep = q.getColumn(2).getInt64();
    r.merged = q.getColumn(3).getInt64();
    r.merged_archive_no = q.getColumn(4).getString();
    if (!q.isColumnNull(5)) r.by = q.getColumn(5).getInt64();
    r.actor = q.getColumn(6).getString();
    r.at = q.getColumn(7).getString();
    r.newest_wins = q.getColumn(8).getInt() != 0;
    r.counts = json::parse(q.getColumn(9).getString()).get<std::map<std::string, std::int64_t>>();
    r.notes = json::parse(q.getColumn(10).getString()).get<std::vector<std::string>>();
    if (!q.isColumnNull(11)) r.undone_at = q.getColumn(11).getString();
    if (!q.isColumnNull(12)) r.undone_by = q.getColumn(12).getInt64();
    r.undoable = !r.undone_at && q.getColumn(13).getInt() != 0;
    return r;
}

MergeRecord require_merge(detail::Store& store, std::int64_t id) {
    SQLite::Statement q(store.db(), std::string(merge_select) + "WHERE m.id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        throw Error(Status::not_found, "merge_id: no merge with id " + std::to_string(id), "merge_id");
    return read_merge(q);
}

// While a merge or its undo runs: the contact log lets its entries move (schema 16).
class Moving {
public:
    Moving(detail::Store& store, std::int64_t id) : store_(store) {
        Query q(store_, "INSERT INTO merge_moving(merge_id) VALUES (?)");
        q->bind(1, id);
        q->exec();
    }
    void done() {
        Query q(store_, "DELETE FROM merge_moving");
        q->exec();
    }

private:
    detail::Store& store_;
};

std::string total(const std::map<std::string, std::int64_t>& counts) {
    std::int64_t n = 0;
    for (const auto& [table, rows] : counts) n += rows;
    return std::to_string(n);
}

// The merge's erasure step: the journals of the merges into the erased record go (they hold the
// merged record's data, which is the same person's); the merges stay as ids and counts, no longer
// undoable.
void erase_journals(detail::Store& store, const detail::CustomerErased& e) {
    Query j(store, "DELETE FROM merge_journal WHERE merge_id IN (SELECT id FROM customer_merges WHERE keep_id = ?1 "
                   "OR merged_id = ?1)");
    j->bind(1, e.customer_id);
    j->exec();
    Query m(store, "UPDATE customer_merges SET journal_kept = 0 WHERE keep_id = ?1 OR merged_id = ?1");
    m->bind(1, e.customer_id);
    m->exec();
}

} // namespace

Merges::Merges(detail::Store& store, Customers& customers) : store_(store), customers_(customers) {
    store_.events().subscribe<detail::CustomerErased>("merge", erase_journals);
}

MergeRecord Merges::merge(std::int64_t keep, std::int64_t merged, std::optional<std::int64_t> by,
                          const MergeOptions& options) {
    return store_.write([&] {
        if (keep == merged)
            throw_invalid("merge", "customer " + std::to_string(keep) + " cannot be merged with itself");
        const auto on_file = [&](std::int64_t id, const char* field) {
            auto c = customers_.find(id);
            if (!c) throw Error(Status::not_found, std::string(field) + ": no customer with id " + std::to_string(id) + " on file", field);
            return *c;
        };
        const Customer kept = on_file(keep, "keep");
        const Customer gone = on_file(merged, "merge");
        if (kept.site != gone.site)
            throw_invalid("merge", "customer " + std::to_string(merged) + " (" + gone.archive_no + ") is filed at site " +
                                       gone.site + ", customer " + std::to_string(keep) + " (" + kept.archive_no +
                                       ") at site " + kept.site + ": records of two sites are never merged");
        const Actor actor = detail::acting(store_, by);
        detail::require_may_see(store_, store_.actor(), {kept.id, kept.site, kept.consultant_id, to_string(kept.stage)}, "keep");
        detail::require_may_see(store_, store_.actor(), {gone.id, gone.site, gone.consultant_id, to_string(gone.stage)}, "merge");
        if (by) detail::require_consultant_at(store_, *by, kept.site, "by");
        const std::int64_t site_id = detail::require_site(store_, kept.site, "keep").id;
        const std::string at = text::now_utc();

        Query insert(store_, "INSERT INTO customer_merges(site_id, keep_id, merged_id, merged_no, by_id, actor, at, newest_wins) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        insert->bind(1, site_id);
        insert->bind(2, keep);
        insert->bind(3, merged);
        insert->bind(4, gone.archive_no);
        detail::bind_optional(*insert, 5, by);
        insert->bind(6, actor.text());
        insert->bind(7, at);
        insert->bind(8, options.newest_wins ? 1 : 0);
        insert->exec();
        const std::int64_t id = store_.db().getLastInsertRowid();

        Moving moving(store_, id);
        detail::MergeJournal journal(store_, id);
        std::vector<std::pair<std::int64_t, std::int64_t>> care_tasks;
        std::vector<std::string> notes;
        store_.events().publish(store_, detail::CustomersMerged{id, site_id, keep, merged, by, at, options.newest_wins,
                                                                journal, care_tasks, notes});
        moving.done();

        json fingerprint = detail::MergeJournal::fingerprint(store_, keep);
        Query done(store_, "UPDATE customer_merges SET counts = ?, notes = ?, fingerprint = ? WHERE id = ?");
        done->bind(1, json(journal.counts()).dump());
        done->bind(2, json(notes).dump());
        done->bind(3, fingerprint.dump());
        done->bind(4, id);
        done->exec();
        detail::audit(store_, actor.text(), "customer.merge", keep,
                      "merge " + std::to_string(id) + ": customer " + std::to_string(merged) + " into " +
                          std::to_string(keep) + ", " + total(journal.counts()) + " rows");
        return require_merge(store_, id);
    });
}

MergeRecord Merges::undo(std::int64_t merge_id, std::optional<std::int64_t> by) {
    return store_.write([&] {
        const MergeRecord m = require_merge(store_, merge_id);
        const std::string which = "merge " + std::to_string(merge_id);
        if (m.undone_at)
            throw Error(Status::invalid_state, "merge_id: " + which + " was undone already (" + *m.undone_at + ")",
                        "merge_id", merge_id);
        Query kept(store_, "SELECT journal_kept, fingerprint FROM customer_merges WHERE id = ?");
        kept->bind(1, merge_id);
        kept->executeStep();
        if (kept->getColumn(0).getInt() == 0)
            throw Error(Status::invalid_state,
                        "merge_id: " + which + " cannot be undone: its journal went with an erasure of customer " +
                            std::to_string(m.keep),
                        "merge_id", merge_id);
        const json before = json::parse(kept->getColumn(1).getString());
        const Actor actor = detail::acting(store_, by);
        const detail::Subject subject = detail::require_subject(store_, m.keep, "merge_id");
        detail::require_may_see(store_, store_.actor(), subject, "merge_id");
        if (by) detail::require_consultant_at(store_, *by, m.site, "by");
        // Nothing new written to the surviving record: the digest of its rows is what the merge left.
        std::string written;
        for (const auto& [place, digest] : detail::MergeJournal::fingerprint(store_, m.keep))
            if (!before.contains(place) || before.at(place).get<std::string>() != digest)
                written += (written.empty() ? "" : ", ") + place;
        if (!written.empty())
            throw Error(Status::invalid_state,
                        "merge_id: " + which + " cannot be undone: customer " + std::to_string(m.keep) +
                            " was written since the merge (" + written + ")",
                        "merge_id", merge_id);
        Moving moving(store_, merge_id);
        detail::MergeJournal::undo(store_, merge_id);
        moving.done();
        Query q(store_, "UPDATE customer_merges SET undone_at = ?, undone_by = ?, journal_kept = 0 WHERE id = ?");
        q->bind(1, text::now_utc());
        detail::bind_optional(*q, 2, by);
        q->bind(3, merge_id);
        q->exec();
        detail::audit(store_, actor.text(), "customer.merge.undo", m.keep,
                      which + ": customer " + std::to_string(m.merged) + " restored beside " + std::to_string(m.keep));
        return require_merge(store_, merge_id);
    });
}

MergeRecord Merges::get(std::int64_t merge_id) const {
    return store_.read([&] { return require_merge(store_, merge_id); }, false);
}

Page<MergeRecord> Merges::list(const MergeQuery& query) const {
    return store_.read([&] {
        std::optional<std::int64_t> site_id;
        if (!text::trim(query.site).empty()) site_id = detail::require_site(store_, query.site, "site").id;
        const std::string filter = "WHERE (?1 IS NULL OR m.site_id = ?1) AND (?2 IS NULL OR m.keep_id = ?2 OR m.merged_id = ?2) ";
        return detail::read_page<MergeRecord>(
            store_.db(), "SELECT count(*) FROM customer_merges m " + filter,
            std::string(merge_select) + filter + "ORDER BY m.id DESC LIMIT ? OFFSET ?", query.limit, query.offset,
            [&](SQLite::Statement& s) {
                detail::bind_optional(s, 1, site_id);
                detail::bind_optional(s, 2, query.customer_id);
                return 3;
            },
            read_merge);
    });
}

} // namespace snowball
