// The JSON form of the group view's records (snowball/group.hpp): a site's capture status, its
// fingerprint (read back for GroupView::reconcile), what an ingest did, a reconcile report.
#pragma once

#include "codec/types.hpp"
#include "snowball/group.hpp"

SNOWBALL_CODEC_WRITES(GroupStatus)
SNOWBALL_CODEC_BOTH(GroupTableSum)
SNOWBALL_CODEC_BOTH(GroupChecksums)
SNOWBALL_CODEC_WRITES(GroupIngestReport)
SNOWBALL_CODEC_WRITES(GroupTableDrift)
SNOWBALL_CODEC_WRITES(GroupReconcileReport)
