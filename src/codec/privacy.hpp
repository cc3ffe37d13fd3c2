// The JSON form of the privacy records: consents, retention, legal holds, sweeps, audit entries,
// their query, the chain's verification.
#pragma once

#include "codec/types.hpp"
#include "snowball/privacy.hpp"
#include "snowball/rights.hpp"

SNOWBALL_CODEC_ENUM(Purpose, parse_purpose)
SNOWBALL_CODEC_WRITES(Consent)
SNOWBALL_CODEC_READS(ConsentGrant)
SNOWBALL_CODEC_WRITES(RetentionRule)
SNOWBALL_CODEC_WRITES(LegalHold)
SNOWBALL_CODEC_WRITES(SweepReport)
SNOWBALL_CODEC_WRITES(AuditEntry)
SNOWBALL_CODEC_READS(AuditQuery)
SNOWBALL_CODEC_WRITES(AuditVerification)
