#include "archive/sealing.hpp"
#include "privacy/audit.hpp"
#include "profiles/sealed_values.hpp"
#include "snowball/profiles.hpp"

namespace snowball {

using detail::Query;

Encryption::Encryption(detail::Store& store, detail::Sealing& sealing) : store_(store), sealing_(sealing) {}

EncryptionStatus Encryption::status() const {
    return store_.read([&] {
        EncryptionStatus out;
        Query q(store_, "SELECT key_id, since FROM sealing_keys WHERE retired_at IS NULL");
        if (q->executeStep()) {
            out.enabled = true;
            out.key_id = q->getColumn(0).getString();
            out.since = q->getColumn(1).getString();
        }
        out.key_held = out.enabled && sealing_.has_key() && sealing_.key_id() == out.key_id;
        out.sealed_values = detail::sealed_count(store_);
        Query retired(store_, "SELECT count(*) FROM sealing_keys WHERE retired_at IS NOT NULL");
        retired->executeStep();
        out.keys_retired = retired->getColumn(0).getInt64();
        return out;
    });
}

std::int64_t Encryption::rotate(const std::string& new_key) {
    std::unique_ptr<detail::SealingKey> next = detail::SealingKey::from_hex(new_key, "new_key");
    const std::int64_t count = store_.write([&] {
        const Actor& actor = store_.actor();
        if (actor.kind != ActorKind::host)
            throw Error(Status::forbidden, "new_key: " + actor.text() + " may not rotate the encryption key: it takes the host system",
                        "new_key");
        if (!sealing_.enabled())
            throw Error(Status::invalid_state,
                        "new_key: the archive has no key in force; open it with encryption_key to start sealing", "new_key");
        if (!sealing_.has_key())
            throw Error(Status::forbidden, "new_key: rotating takes the key in force: open the archive with it", "new_key");
        // Another handle may have rotated since this one opened.
        if (detail::key_in_force(store_) != sealing_.key_id())
            throw Error(Status::invalid_state, "new_key: the key was rotated by another handle since this one opened", "new_key");
        if (next->id() == sealing_.key_id()) throw_invalid("new_key", "is the key already in force");
        const std::int64_t resealed = detail::reseal_values(store_, sealing_, *next);
        const std::string old_id = sealing_.key_id();
        sealing_.record_rotation(*next, actor.text());
        detail::audit(store_, actor.text(), "encryption.rotate", std::nullopt,
                      "key " + old_id + " -> " + next->id() + "; " + std::to_string(resealed) + " values re-sealed");
        return resealed;
    });
    sealing_.adopt(std::move(next));
    // No page keeps a value under the old key in the log.
    store_.checkpoint();
    return count;
}

} // namespace snowball
