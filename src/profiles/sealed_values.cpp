#include "profiles/sealed_values.hpp"

#include "profiles/template_store.hpp"

#include <tuple>
#include <utility>
#include <vector>

namespace snowball::detail {

std::optional<StoredValue> stored_value(SQLite::Statement& query, int column) {
    if (query.isColumnNull(column)) return std::nullopt;
    const SQLite::Column c = query.getColumn(column);
    return StoredValue{c.getString(), c.isBlob()};
}

void bind_stored(SQLite::Statement& query, int index, const std::optional<StoredValue>& value) {
    if (!value) query.bind(index);
    else if (value->sealed) query.bind(index, value->data.data(), static_cast<int>(value->data.size()));
    else query.bind(index, value->data);
}

bool shut(const Sealing& sealing, const std::optional<StoredValue>& value) {
    return value && value->sealed && !sealing.has_key();
}

std::optional<std::string> plain(const Sealing& sealing, const std::optional<StoredValue>& value,
                                 std::int64_t customer_id, const std::string& field) {
    if (!value) return std::nullopt;
    if (!value->sealed) return value->data;
    return sealing.open(value->data, customer_id, field);
}

std::optional<StoredValue> storable(const Sealing& sealing, const FieldDef& field, const std::optional<std::string>& text,
                                    std::int64_t customer_id) {
    if (!text) return std::nullopt;
    if (!sealing.enabled() || !sensitive_category(field.sensitivity)) return StoredValue{*text, false};
    return StoredValue{sealing.seal(*text, customer_id, field.key), true};
}

namespace {

// A sealed copy of a value in the clear; a sealed one as it is.
std::optional<StoredValue> sealed(const Sealing& sealing, std::optional<StoredValue> value, std::int64_t customer_id,
                                  const std::string& field) {
    if (value && !value->sealed) value = StoredValue{sealing.seal(value->data, customer_id, field), true};
    return value;
}

} // namespace

std::int64_t seal_values_in_clear(Store& store, TemplateCache& cache, const Sealing& sealing) {
    std::vector<std::pair<std::int64_t, std::string>> sites;
    {
        Query q(store, "SELECT id, code FROM sites ORDER BY id");
        while (q->executeStep()) sites.emplace_back(q->getColumn(0).getInt64(), q->getColumn(1).getString());
    }
    std::int64_t count = 0;
    for (const auto& [site_id, code] : sites) {
        std::vector<std::string> fields;
        for (const FieldDef& f : cache.current(store, site_id, code).fields)
            if (sensitive_category(f.sensitivity) && f.bound_to.empty()) fields.push_back(f.key);
        for (const std::string& field : fields) {
            struct Value {
                std::int64_t customer_id;
                std::optional<StoredValue> value;
            };
            std::vector<Value> values;
            {
                Query q(store, "SELECT v.customer_id, v.value FROM profile_values v JOIN customers c ON c.id = v.customer_id "
                               "WHERE c.site_id = ? AND v.field = ? AND typeof(v.value) = 'text'");
                q->bind(1, site_id);
                q->bind(2, field);
                while (q->executeStep()) values.push_back({q->getColumn(0).getInt64(), stored_value(*q, 1)});
            }
            for (const Value& v : values) {
                Query q(store, "UPDATE profile_values SET value = ? WHERE customer_id = ? AND field = ?");
                bind_stored(*q, 1, sealed(sealing, v.value, v.customer_id, field));
                q->bind(2, v.customer_id);
                q->bind(3, field);
                q->exec();
            }
            count += static_cast<std::int64_t>(values.size());
            struct Change {
                std::int64_t id, customer_id;
                std::optional<StoredValue> old_value, new_value;
            };
            std::vector<Change> changes;
            {
                Query q(store, "SELECT h.id, h.customer_id, h.old_value, h.new_value FROM profile_history h "
                               "JOIN customers c ON c.id = h.customer_id WHERE c.site_id = ? AND h.field = ? "
                               "AND (typeof(h.old_value) = 'text' OR typeof(h.new_value) = 'text')");
                q->bind(1, site_id);
                q->bind(2, field);
                while (q->executeStep())
                    changes.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getInt64(), stored_value(*q, 2), stored_value(*q, 3)});
            }
            for (const Change& c : changes) {
                Query q(store, "UPDATE profile_history SET old_value = ?, new_value = ? WHERE id = ?");
                bind_stored(*q, 1, sealed(sealing, c.old_value, c.customer_id, field));
                bind_stored(*q, 2, sealed(sealing, c.new_value, c.customer_id, field));
                q->bind(3, c.id);
                q->exec();
            }
            count += static_cast<std::int64_t>(changes.size());
        }
    }
    return count;
}

std::int64_t reseal_values(Store& store, const Sealing& sealing, const SealingKey& next) {
    constexpr int batch = 2000;
    const auto resealed = [&](std::optional<StoredValue> value, std::int64_t customer_id, const std::string& field) {
        if (value && value->sealed) value->data = sealing.reseal(next, value->data, customer_id, field);
        return value;
    };
    std::int64_t count = 0;
    // The values, in key order, a batch at a time (each batch read before it is written).
    std::int64_t after_customer = -1;
    std::string after_field;
    for (;;) {
        std::vector<std::pair<std::int64_t, std::string>> keys;
        std::vector<std::optional<StoredValue>> values;
        {
            Query q(store, "SELECT customer_id, field, value FROM profile_values WHERE typeof(value) = 'blob' "
                           "AND (customer_id, field) > (?, ?) ORDER BY customer_id, field LIMIT ?");
            q->bind(1, after_customer);
            q->bind(2, after_field);
            q->bind(3, batch);
            while (q->executeStep()) {
                keys.emplace_back(q->getColumn(0).getInt64(), q->getColumn(1).getString());
                values.push_back(stored_value(*q, 2));
            }
        }
        if (keys.empty()) break;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            Query q(store, "UPDATE profile_values SET value = ? WHERE customer_id = ? AND field = ?");
            bind_stored(*q, 1, resealed(values[i], keys[i].first, keys[i].second));
            q->bind(2, keys[i].first);
            q->bind(3, keys[i].second);
            q->exec();
        }
        count += static_cast<std::int64_t>(keys.size());
        std::tie(after_customer, after_field) = keys.back();
    }
    // The history, in id order.
    std::int64_t after_id = 0;
    for (;;) {
        struct Change {
            std::int64_t id, customer_id;
            std::string field;
            std::optional<StoredValue> old_value, new_value;
        };
        std::vector<Change> changes;
        {
            Query q(store, "SELECT id, customer_id, field, old_value, new_value FROM profile_history WHERE id > ? "
                           "AND (typeof(old_value) = 'blob' OR typeof(new_value) = 'blob') ORDER BY id LIMIT ?");
            q->bind(1, after_id);
            q->bind(2, batch);
            while (q->executeStep())
                changes.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getInt64(), q->getColumn(2).getString(),
                                   stored_value(*q, 3), stored_value(*q, 4)});
        }
        if (changes.empty()) break;
        for (const Change& c : changes) {
            Query q(store, "UPDATE profile_history SET old_value = ?, new_value = ? WHERE id = ?");
            bind_stored(*q, 1, resealed(c.old_value, c.customer_id, c.field));
            bind_stored(*q, 2, resealed(c.new_value, c.customer_id, c.field));
            q->bind(3, c.id);
            q->exec();
        }
        count += static_cast<std::int64_t>(changes.size());
        after_id = changes.back().id;
    }
    return count;
}

std::int64_t sealed_count(Store& store) {
    Query q(store, "SELECT (SELECT count(*) FROM profile_values WHERE typeof(value) = 'blob') + "
                   "(SELECT count(*) FROM profile_history WHERE typeof(old_value) = 'blob' OR typeof(new_value) = 'blob')");
    q->executeStep();
    return q->getColumn(0).getInt64();
}

} // namespace snowball::detail
