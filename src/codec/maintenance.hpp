// The JSON form of the maintenance reports (snowball/maintenance.hpp): a check, verify's report, a backup.
#pragma once

#include "codec/types.hpp"
#include "snowball/maintenance.hpp"

SNOWBALL_CODEC_WRITES(MaintenanceCheck)
SNOWBALL_CODEC_WRITES(VerifyReport)
SNOWBALL_CODEC_WRITES(BackupReport)
