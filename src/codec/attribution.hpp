// The JSON form of the attribution records: channel partners, registrations (报备), judgements
// (判客), owners, the public pool, disputes, the attribution history and the sites' settings.
#pragma once

#include "codec/types.hpp"
#include "snowball/attribution.hpp"

SNOWBALL_CODEC_ENUM(PartnerKind, parse_partner_kind)
SNOWBALL_CODEC_ENUM(RegistrationChannel, parse_registration_channel)
SNOWBALL_CODEC_ENUM(RegistrationStatus, parse_registration_status)
SNOWBALL_CODEC_ENUM(DisputeStatus, parse_dispute_status)

// {"site", "kind"?, "name", "company"?, "phone"?}.
SNOWBALL_CODEC_READS(NewPartner)
SNOWBALL_CODEC_WRITES(Partner)
// {"kind"?, "name"?, "company"?, "phone"?, "active"?}.
SNOWBALL_CODEC_READS(PartnerUpdate)
// {"site", "phone", "name"?, "consultant_id"?, "partner_id"?, "channel"?, "note"?, "at"?}.
SNOWBALL_CODEC_READS(NewRegistration)
SNOWBALL_CODEC_WRITES(Registration)
// {"site", "consultant_id"?, "partner_id"?, "status"?, "valid_only"?, "as_of"?, "limit"?}.
SNOWBALL_CODEC_READS(RegistrationQuery)
// {"site", "phone", "consultant_id"?, "name"?, "at"?}.
SNOWBALL_CODEC_READS(JudgeRequest)
SNOWBALL_CODEC_WRITES(Judgement)
SNOWBALL_CODEC_WRITES(Attribution)
SNOWBALL_CODEC_WRITES(PoolEntry)
// {"customer_id", "consultant_id"?, "partner_id"?, "registration_id"?, "note"}.
SNOWBALL_CODEC_READS(NewDispute)
// {"consultant_id"?, "partner_id"?, "by", "note"?}.
SNOWBALL_CODEC_READS(Decision)
SNOWBALL_CODEC_WRITES(Dispute)
SNOWBALL_CODEC_WRITES(AttributionChange)
SNOWBALL_CODEC_BOTH(AttributionSettings)
// {"phone_inquiry_days"?, "walk_in_days"?, "distributor_days"?, "agency_days"?, "broker_days"?,
//  "claim_days"?, "family_follows"?}.
SNOWBALL_CODEC_READS(AttributionSettingsUpdate)
