// The JSON form of customers, visits, deals, lead imports, archive numbers and phones.
#pragma once

#include "codec/types.hpp"
#include "snowball/customers.hpp"
#include "snowball/lead_import.hpp"
#include "snowball/numbering.hpp"
#include "snowball/phone.hpp"

SNOWBALL_CODEC_ENUM(DealStage, parse_deal_stage)
SNOWBALL_CODEC_ENUM(DealStepKind, parse_deal_step_kind)
SNOWBALL_CODEC_ENUM(LostReason, parse_lost_reason)
SNOWBALL_CODEC_BOTH(Phone)
SNOWBALL_CODEC_WRITES(Customer)
SNOWBALL_CODEC_READS(NewCustomer)
SNOWBALL_CODEC_READS(CustomerUpdate)
SNOWBALL_CODEC_READS(CustomerQuery)
SNOWBALL_CODEC_WRITES(Visit)
SNOWBALL_CODEC_READS(NewVisit)
SNOWBALL_CODEC_WRITES(Deal)
SNOWBALL_CODEC_READS(NewDeal)
SNOWBALL_CODEC_READS(DealQuery)
SNOWBALL_CODEC_WRITES(ClosedDeal)
SNOWBALL_CODEC_WRITES(DealStep)
SNOWBALL_CODEC_READS(DealAdvance)
SNOWBALL_CODEC_WRITES(SalesSettings)
SNOWBALL_CODEC_WRITES(LostMark)
SNOWBALL_CODEC_READS(NewLostMark)
SNOWBALL_CODEC_WRITES(LostCount)
SNOWBALL_CODEC_READS(LeadImportOptions)
SNOWBALL_CODEC_WRITES(RejectedRow)
SNOWBALL_CODEC_WRITES(LeadImportReport)
SNOWBALL_CODEC_WRITES(PhoneNumber)

// An archive number's parts: {"text", "site", "channel": key | null, "year": int | null, "sequence",
// "check": one character}.
SNOWBALL_CODEC_WRITES(numbering::ArchiveNumber)
