// The JSON form of the archive's records: opening options, sites, consultants, the archive's summary.
#pragma once

#include "codec/types.hpp"
#include "snowball/archive.hpp"

SNOWBALL_CODEC_ENUM(ConsultantRole, parse_consultant_role)

// {"create"?, "read_only"?, "busy_timeout_ms"?, "synchronous"?: "full" | "normal", "cache_mib"?}
SNOWBALL_CODEC_ENUM(ActorKind, parse_actor_kind)
SNOWBALL_CODEC_WRITES(Actor)
SNOWBALL_CODEC_READS(OpenOptions)
SNOWBALL_CODEC_WRITES(Site)
SNOWBALL_CODEC_READS(NewSite)
SNOWBALL_CODEC_READS(SiteUpdate)
SNOWBALL_CODEC_WRITES(Consultant)
SNOWBALL_CODEC_READS(NewConsultant)
SNOWBALL_CODEC_READS(ConsultantUpdate)
SNOWBALL_CODEC_WRITES(ArchiveInfo)
