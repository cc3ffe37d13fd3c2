// Profile values as stored: in the clear (TEXT) or sealed (a BLOB, archive/sealing.hpp). The values
// of the fields of a sensitive category are sealed while the archive has a key in force; every
// read and write of profile_values and profile_history goes through these.
#pragma once

#include "archive/sealing.hpp"
#include "archive/store.hpp"
#include "snowball/profiles.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace snowball::detail {

struct StoredValue {
    std::string data;     // the text, or the sealed bytes
    bool sealed = false;
};

// The value in a column (NULL: none).
std::optional<StoredValue> stored_value(SQLite::Statement& query, int column);
void bind_stored(SQLite::Statement& query, int index, const std::optional<StoredValue>& value);

// Whether the value is sealed and this handle cannot open it (no key).
bool shut(const Sealing& sealing, const std::optional<StoredValue>& value);
// The value's text, a sealed value opened (no key: forbidden, naming the field).
std::optional<std::string> plain(const Sealing& sealing, const std::optional<StoredValue>& value,
                                 std::int64_t customer_id, const std::string& field);
// How the text of `field` is stored: sealed when the archive has a key in force and the field is
// of a sensitive category.
std::optional<StoredValue> storable(const Sealing& sealing, const FieldDef& field, const std::optional<std::string>& text,
                                    std::int64_t customer_id);

// Seals every value in the clear of a field of a sensitive category (the values and their history),
// by each site's newest template: when a key is first put in force. Returns how many it sealed.
std::int64_t seal_values_in_clear(Store& store, TemplateCache& cache, const Sealing& sealing);
// Re-seals every sealed value under `next` (a key rotation). Returns how many.
std::int64_t reseal_values(Store& store, const Sealing& sealing, const SealingKey& next);
// How many values and history entries are sealed.
std::int64_t sealed_count(Store& store);

} // namespace snowball::detail
