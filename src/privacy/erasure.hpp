// Erasing a person (PIPL Art. 47, the right to deletion): the one path by which a customer's
// personal data leaves the archive.
//
// Every module that keeps something of a person subscribes its own erasure step to the
// CustomerErased event when the archive opens (archive/events.hpp); erase_customer runs them all in
// the caller's write transaction, so that an erasure is complete or does not happen. What stays
// is anonymous: the customer's row keeps only its retired archive number, channel and dates; a
// survey answer stays without its person; a referral stays as an edge between two anonymous
// nodes; a complaint stays as a dated, categorised ticket without caller, text or notes
// (docs/DATA_MODEL.md, "Erasure").
#pragma once

#include "archive/events.hpp"
#include "archive/store.hpp"

namespace snowball::detail {

// Runs every module's erasure step for `subject`, inside the caller's write transaction, and records
// the erasure in the audit log as done by `actor` (default: the handle's actor).
void erase_customer(Store& store, const CustomerErased& subject, const std::string& actor = {});

// After the erasing transaction has committed: copies the log into the database file and empties
// it, so that no earlier version of an erased page stays in the -wal file (deleted content is
// overwritten with zeros as it is deleted: PRAGMA secure_delete). Best effort: another process
// reading the archive at that moment keeps the log until its own next checkpoint. Called inside an
// operation under way (an erasure nested in a sweep) it does nothing: the outer operation calls it
// after its own commit.
void scrub_after_erasure(Store& store);

} // namespace snowball::detail
