// Duplicates and merge: one person filed twice, found and made one record again (issue 15, item 3).
//
// Candidates are found within one site by the phones on file (a customer's phone that another
// customer lists as a family member's), by the same name with phones ending in the same four
// digits, and by the same name and birthday; each with a score and its reasons. A merge moves
// everything of one record (visits, deals, contacts, profile values and their history, family,
// referrals both ways, tickets, survey responses, care tasks, invitations, deliveries, consents,
// phones) to the other, which survives; the merged record stays as a retired row whose archive
// number redirects to the survivor (Customers::by_archive_no). Every row moved is kept in a
// journal, so that a merge can be undone while nothing new was written to the surviving record.
// docs/DATA_MODEL.md, "Merging", has the rules.
#pragma once

#include "snowball/types.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}
class Customers;

// Why two records may be one person. Keys: "family_phone" (one's phone is the other's family
// member's phone), "name_phone_tail" (the same name, phones ending in the same 4 digits),
// "name_birthday" (the same name and birthday).
struct DuplicateReason {
    std::string key;
    std::string text;   // readable, in English; no personal data (the records speak for themselves)
};

// Two records that may be one person. `score` is between 0 and 1: each reason has a weight
// (family_phone 0.5, name_phone_tail 0.8, name_birthday 0.9) and the reasons combine as
// independent evidence, 1 - (1 - w1)(1 - w2)...
struct DuplicateCandidate {
    std::vector<std::int64_t> ids;            // two customer ids, the older record (lower id) first
    std::vector<std::string> archive_nos;     // their archive numbers, in the same order
    double score = 0;
    std::vector<DuplicateReason> reasons;
};

struct DuplicateQuery {
    std::string site;                         // required: candidates never cross sites
    double min_score = 0;                     // 0..1
    int limit = 0;                            // 0: every candidate; else the best `limit`
};

struct MergeOptions {
    // Profile values both records have: by default the surviving record's value stays and the
    // other goes into its history; with newest_wins the value changed last stays.
    bool newest_wins = false;
};

// A merge as recorded: who, when, which records, how many rows of each table moved.
struct MergeRecord {
    std::int64_t id = 0;
    std::string site;
    std::int64_t keep = 0;                    // the surviving record
    std::int64_t merged = 0;                  // the record merged away (retired)
    std::string merged_archive_no;            // redirects to the surviving record
    std::optional<std::int64_t> by;
    std::string actor;                        // the actor the merge was done as
    std::string at;                           // UTC, ISO 8601
    bool newest_wins = false;
    std::map<std::string, std::int64_t> counts;   // rows touched per table
    std::vector<std::string> notes;           // what the merge decided (a self-referral dropped)
    std::optional<std::string> undone_at;
    std::optional<std::int64_t> undone_by;
    bool undoable = false;                    // not undone, and its journal kept (an erasure of the survivor empties it)
};

struct MergeQuery {
    std::string site;                         // empty: every site
    std::optional<std::int64_t> customer_id;  // merges the customer took part in (either side)
    int limit = 50;                           // 1..10000
    std::int64_t offset = 0;
};

class Merges {
public:
    // Subscribes the merge's erasure step: erasing a surviving record empties the journals of the
    // merges into it (they hold the merged record's data).
    Merges(detail::Store& store, Customers& customers);

    // Duplicate candidates at a site, best first. A few scans of the site's records and phones,
    // grouped in memory: fit for a million customers.
    std::vector<DuplicateCandidate> duplicates(const DuplicateQuery& query) const;

    // Merges `merged` into `keep` in one transaction. Both must be on file at one site (a
    // cross-site merge is refused: invalid_argument naming "merge"); `keep` != `merged`. The handle's
    // actor must see both records; `by` names the consultant (host handles) as elsewhere. A merge
    // that would close a referral cycle is refused (conflict naming the referral). Audited as
    // "customer.merge" with ids and counts only.
    MergeRecord merge(std::int64_t keep, std::int64_t merged, std::optional<std::int64_t> by = std::nullopt,
                      const MergeOptions& options = {});

    // Restores both records exactly as they were before the merge. Refused (invalid_state naming
    // "merge_id") when the merge was undone already, when its journal is gone, or when anything
    // was written to the surviving record since the merge (the message names the tables).
    MergeRecord undo(std::int64_t merge_id, std::optional<std::int64_t> by = std::nullopt);

    MergeRecord get(std::int64_t merge_id) const;   // not_found
    Page<MergeRecord> list(const MergeQuery& query = {}) const;

private:
    detail::Store& store_;
    Customers& customers_;
};

} // namespace snowball
