// The archive's facts a message is filled from, per recipient.
#pragma once

#include "archive/store.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace snowball::detail {

struct RecipientFacts {
    std::int64_t customer_id = 0;
    std::int64_t site_id = 0;
    std::string site;
    std::string site_name;
    std::string name;
    Gender gender = Gender::unknown;
    std::string mobile;
    std::string archive_no;
    Stage stage = Stage::prospect;
    bool on_file = true;
    std::optional<std::int64_t> consultant_id;
    std::string consultant;
    std::string consultant_phone;
};

// The columns read_recipient reads, in order, from customers c, sites s and consultants k.
#define SNOWBALL_RECIPIENT_COLUMNS \
    "c.id, c.site_id, s.code, s.name, c.name, c.gender, c.mobile, c.archive_no, c.stage, c.deleted_at IS NULL, k.name, k.phone, c.consultant_id "

RecipientFacts recipient_facts(Store& store, std::int64_t customer_id);
RecipientFacts read_recipient(SQLite::Statement& q);
// Sets {salutation}, {name}, {site}, {consultant}, {consultant_phone}, {archive_no}.
void fill_recipient(std::map<std::string, std::string>& values, const RecipientFacts& facts);

} // namespace snowball::detail
