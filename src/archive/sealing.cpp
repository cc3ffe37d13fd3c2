#include "archive/sealing.hpp"

#include "common/text.hpp"

#include <sodium.h>

#include <new>

namespace snowball::detail {

const char* const sealing_schema = R"sql(
-- The keys that have sealed the archive's sensitive values (src/archive/sealing.hpp), by id only:
-- the key itself is the host's and never stored. The one without retired_at is in force.
CREATE TABLE sealing_keys (
    key_id     TEXT PRIMARY KEY,
    since      TEXT NOT NULL,
    since_by   TEXT NOT NULL,
    retired_at TEXT
) WITHOUT ROWID;
CREATE UNIQUE INDEX sealing_keys_in_force ON sealing_keys((1)) WHERE retired_at IS NULL;
)sql";

namespace {

constexpr unsigned char format_version = 1;
constexpr std::size_t key_bytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t nonce_bytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t tag_bytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(key_bytes == 32);

void ready() {
    if (sodium_init() < 0) throw Error(Status::error, "libsodium could not be initialised");
}

// What a sealed value is bound to: its customer and field.
std::string associated(std::int64_t customer_id, std::string_view field) {
    return "snowball/v1/" + std::to_string(customer_id) + "/" + std::string(field);
}

std::string seal_with(const SealingKey& key, std::string_view plain, std::int64_t customer_id, std::string_view field) {
    const std::string ad = associated(customer_id, field);
    std::string out(1 + nonce_bytes + plain.size() + tag_bytes, '\0');
    auto* bytes = reinterpret_cast<unsigned char*>(out.data());
    bytes[0] = format_version;
    randombytes_buf(bytes + 1, nonce_bytes);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(bytes + 1 + nonce_bytes, &written,
                                               reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                                               reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
                                               bytes + 1, key.bytes());
    out.resize(1 + nonce_bytes + written);
    return out;
}

std::string open_with(const SealingKey& key, std::string_view sealed, std::int64_t customer_id, std::string_view field) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(sealed.data());
    const std::string ad = associated(customer_id, field);
    if (sealed.size() >= 1 + nonce_bytes + tag_bytes && bytes[0] == format_version) {
        std::string out(sealed.size() - 1 - nonce_bytes - tag_bytes, '\0');
        unsigned long long written = 0;
        if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &written, nullptr,
                                                       bytes + 1 + nonce_bytes, sealed.size() - 1 - nonce_bytes,
                                                       reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
                                                       bytes + 1, key.bytes()) == 0) {
            out.resize(written);
            return out;
        }
    }
    throw Error(Status::storage,
                std::string(field) + ": the sealed value of customer " + std::to_string(customer_id) +
                    " does not open: it was altered or moved, or sealed under another key",
                std::string(field), customer_id);
}

} // namespace

std::string key_in_force(Store& store) {
    // An archive opened read-only keeps its schema: one older than version 11 has no keys.
    Query table(store, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sealing_keys'");
    if (!table->executeStep()) return {};
    Query q(store, "SELECT key_id FROM sealing_keys WHERE retired_at IS NULL");
    return q->executeStep() ? q->getColumn(0).getString() : std::string();
}

namespace {

void check_key(const SealingKey& key, const std::string& in_force) {
    if (key.id() != in_force)
        throw Error(Status::invalid_argument,
                    "encryption_key: is not the key this archive is sealed with (the key in force has id " + in_force + ")",
                    "encryption_key");
}

} // namespace

SealingKey::SealingKey() : bytes_(static_cast<unsigned char*>(sodium_malloc(key_bytes))) {
    if (bytes_ == nullptr) throw std::bad_alloc();
}

SealingKey::~SealingKey() { sodium_free(bytes_); }

std::unique_ptr<SealingKey> SealingKey::from_hex(const std::string& hex, const std::string& field) {
    ready();
    std::unique_ptr<SealingKey> key(new SealingKey);
    std::size_t length = 0;
    if (hex.size() != 2 * key_bytes ||
        sodium_hex2bin(key->bytes_, key_bytes, hex.data(), hex.size(), nullptr, &length, nullptr) != 0 || length != key_bytes)
        throw_invalid(field, "must be 64 hexadecimal digits (a 32-byte key)");
    return key;
}

std::string SealingKey::id() const {
    static constexpr char label[] = "snowball sealing key id";
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(label), sizeof label - 1, bytes_,
                       key_bytes);
    char hex[2 * sizeof digest + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

std::string SealingKey::hex() const {
    char out[2 * key_bytes + 1];
    sodium_bin2hex(out, sizeof out, bytes_, key_bytes);
    std::string text(out, 2 * key_bytes);
    sodium_memzero(out, sizeof out);
    return text;
}

Sealing::Sealing(Store& store, const std::string& hex) : store_(store) {
    if (!hex.empty()) key_ = SealingKey::from_hex(hex, "encryption_key");
    store_.read([&] { key_id_ = key_in_force(store_); });
    if (key_ && enabled()) check_key(*key_, key_id_);
}

bool Sealing::enable(const std::string& by) {
    key_id_ = key_in_force(store_);
    if (enabled()) {
        check_key(*key_, key_id_);
        return false;
    }
    Query q(store_, "INSERT INTO sealing_keys(key_id, since, since_by) VALUES (?, ?, ?)");
    key_id_ = key_->id();
    q->bind(1, key_id_);
    q->bind(2, text::now_utc());
    q->bind(3, by);
    q->exec();
    return true;
}

std::string Sealing::seal(std::string_view plain, std::int64_t customer_id, std::string_view field) const {
    return seal_with(*key_, plain, customer_id, field);
}

std::string Sealing::open(std::string_view sealed, std::int64_t customer_id, std::string_view field) const {
    if (!key_)
        throw Error(Status::forbidden,
                    std::string(field) + ": is sealed, and this handle was opened without the archive's encryption key",
                    std::string(field), customer_id);
    return open_with(*key_, sealed, customer_id, field);
}

void Sealing::record_rotation(const SealingKey& next, const std::string& by) {
    const std::string now = text::now_utc();
    {
        Query q(store_, "UPDATE sealing_keys SET retired_at = ? WHERE retired_at IS NULL");
        q->bind(1, now);
        q->exec();
    }
    Query q(store_, "INSERT INTO sealing_keys(key_id, since, since_by) VALUES (?, ?, ?) "
                    "ON CONFLICT (key_id) DO UPDATE SET since = excluded.since, since_by = excluded.since_by, retired_at = NULL");
    q->bind(1, next.id());
    q->bind(2, now);
    q->bind(3, by);
    q->exec();
}

std::string Sealing::reseal(const SealingKey& next, std::string_view sealed, std::int64_t customer_id,
                            std::string_view field) const {
    return seal_with(next, open(sealed, customer_id, field), customer_id, field);
}

void Sealing::adopt(std::unique_ptr<SealingKey> next) {
    key_id_ = next->id();
    key_ = std::move(next);
}

} // namespace snowball::detail
