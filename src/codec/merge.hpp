// The JSON form of duplicates and merges (snowball/merge.hpp): candidates and their reasons, the
// query for them, the merge's options and record, the list query.
#pragma once

#include "codec/types.hpp"
#include "snowball/merge.hpp"

SNOWBALL_CODEC_WRITES(DuplicateReason)
SNOWBALL_CODEC_WRITES(DuplicateCandidate)
SNOWBALL_CODEC_READS(DuplicateQuery)
SNOWBALL_CODEC_READS(MergeOptions)
SNOWBALL_CODEC_WRITES(MergeRecord)
SNOWBALL_CODEC_READS(MergeQuery)
