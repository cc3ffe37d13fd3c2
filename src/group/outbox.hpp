// The outbox's erasure step. Entries waiting for the group (not acknowledged yet) hold what the
// archive's rows held after each write — an erased person's name, phones and notes among them, when
// they were written before the erasure. Run in the erasing transaction, after every module's own
// step (just before COMMIT), it rewrites each waiting entry so that it holds nothing the archive
// does not hold any more:
//   - an insert or update of a row that a later entry, or the erasure, deleted is left out (the
//     delete stays: the group removes the row if it ever had it);
//   - an insert or update of a row that is still there writes the row's values as they are now
//     (after the erasure), in the columns it wrote;
//   - deletes stay as they are (a key only), except a delete of a row keyed by the erased person's
//     phone (bundle.hpp, PersonKeyed): it is left out, here and in the erasure's own entry, and the
//     group deletes the person's phone rows by their owner when it applies the erasure.
// Only the rows a later entry or the erasure changed need reading again (the others hold what they
// were written with); when capture is off the erasure's own changes are unknown, and every row
// an entry writes is read again.
// Applied in order after any prefix the group already has, the rewritten entries and the
// erasure's own bring the group to the same rows as the original ones would have: every column an
// entry writes ends at the value the archive holds now. The entries keep their numbers, so the
// group's high-water mark and replays work as before. Entries written as changesets (with old
// values) by earlier builds come out as patchsets.
#pragma once

#include <cstdint>
#include <set>
#include <string>

namespace snowball::detail {
class Store;
}

namespace snowball::detail::group {

// Whom the transaction erases (from its CustomerErased events).
struct Erased {
    std::set<std::int64_t> customers;
    std::set<std::string> phones;     // every phone they had on file, normal form
};

struct OutboxRewrite {
    std::int64_t entries = 0;         // waiting entries rewritten
    std::int64_t changes_dropped = 0; // changes left out
    std::string own_entry;            // the erasing transaction's own patchset, rewritten
};

// Inside the caller's write transaction; `own_entry` is its patchset ("" when capture is off).
OutboxRewrite forget_in_outbox(Store& store, const Erased& erased, const std::string& own_entry);

} // namespace snowball::detail::group
