// The JSON form of the privacy records: audit entries, their query, the chain's verification.
#pragma once

#include "codec/types.hpp"
#include "snowball/privacy.hpp"

SNOWBALL_CODEC_WRITES(AuditEntry)
SNOWBALL_CODEC_READS(AuditQuery)
SNOWBALL_CODEC_WRITES(AuditVerification)
