// Sealing: sensitive values encrypted at rest with a key the host supplies (OpenOptions::
// encryption_key), so that a copied archive file does not give them away (PIPL Art. 51).
//
// XChaCha20-Poly1305 (libsodium's IETF AEAD construction): each value gets a random 24-byte nonce,
// and the associated data binds it to its customer and field, so a sealed value moved to another
// customer or field does not open. A sealed value is stored as a BLOB (a version byte, the nonce,
// the ciphertext and its tag); a value in the clear is TEXT, so the two never mix up.
//
// The archive records the key in force by its id (a keyed BLAKE2b hash of a constant: it names
// the key and gives nothing of it away) in `sealing_keys`; one key is in force at a time. A handle
// keeps its key in locked memory (sodium_malloc), wiped when the handle closes.
#pragma once

#include "archive/store.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace snowball::detail {

extern const char* const sealing_schema;   // version 11

// The id of the key in force in the archive ("" when none), as stored now (another handle may have
// rotated it since this one opened).
std::string key_in_force(Store& store);

// A key: 32 bytes in guarded memory.
class SealingKey {
public:
    // From 64 hexadecimal digits; anything else is invalid_argument naming `field` (the key itself
    // never appears in a message).
    static std::unique_ptr<SealingKey> from_hex(const std::string& hex, const std::string& field);
    ~SealingKey();
    SealingKey(const SealingKey&) = delete;
    SealingKey& operator=(const SealingKey&) = delete;

    const unsigned char* bytes() const { return bytes_; }
    // 32 hexadecimal digits that name the key.
    std::string id() const;
    // The key's 64 hexadecimal digits, as OpenOptions::encryption_key takes it.
    std::string hex() const;

private:
    SealingKey();
    unsigned char* bytes_;
};

class Sealing {
public:
    // The handle's key (`hex`: 64 hexadecimal digits, or empty for none), checked against the key in
    // force: another key is invalid_argument ("encryption_key").
    Sealing(Store& store, const std::string& hex);

    // Whether the archive has a key in force (its sensitive values are sealed).
    bool enabled() const { return !key_id_.empty(); }
    // Whether this handle holds a key (the one in force, when enabled()).
    bool has_key() const { return key_ != nullptr; }
    // The id of the key in force ("" when none).
    const std::string& key_id() const { return key_id_; }
    // The handle's key as OpenOptions takes it ("" when none): another handle on the archive (Archive::as)
    // opens with the key in force after a rotation too.
    std::string key_hex() const { return key_ ? key_->hex() : std::string(); }

    // Puts the handle's key in force on an archive that has none (inside the caller's write; the
    // caller seals the values already stored in the same transaction). False when another process
    // did it meanwhile with the same key (another key: invalid_argument).
    bool enable(const std::string& by);

    // `plain` sealed for `field` of customer `customer_id` under the handle's key.
    std::string seal(std::string_view plain, std::int64_t customer_id, std::string_view field) const;
    // The text sealed in `sealed`. Without the key: forbidden; altered, moved or sealed under another
    // key: storage. Both name `field`.
    std::string open(std::string_view sealed, std::int64_t customer_id, std::string_view field) const;

    // Rotation, inside the caller's write: `next` recorded as the key in force (the old one
    // retired), and each sealed value re-sealed under it by reseal(); after the commit, adopt().
    void record_rotation(const SealingKey& next, const std::string& by);
    std::string reseal(const SealingKey& next, std::string_view sealed, std::int64_t customer_id, std::string_view field) const;
    void adopt(std::unique_ptr<SealingKey> next);

private:
    Store& store_;
    std::unique_ptr<SealingKey> key_;
    std::string key_id_;
};

} // namespace snowball::detail
