#include "profiles/history.hpp"

namespace snowball::detail {

void record_change(Store& store, std::int64_t customer_id, const std::string& field,
                   const std::optional<StoredValue>& old_value, const std::optional<StoredValue>& new_value,
                   std::optional<std::int64_t> by, const std::string& at) {
    Query q(store, "INSERT INTO profile_history(customer_id, field, old_value, new_value, changed_by, changed_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
    q->bind(1, customer_id);
    // The strings outlive the statement's run: bound without a copy.
    q->bindNoCopy(2, field);
    bind_stored(*q, 3, old_value);
    bind_stored(*q, 4, new_value);
    bind_optional(*q, 5, by);
    q->bindNoCopy(6, at);
    q->exec();
}

std::optional<std::string> bound_value(const Customer& c, const std::string& binding) {
    if (binding == "gender") {
        if (c.gender == Gender::unknown) return std::nullopt;
        return std::string(to_string(c.gender));
    }
    if (binding == "mobile") return c.mobile.empty() ? std::nullopt : std::optional<std::string>(c.mobile);
    const PhoneKind kind = binding == "home_phone" ? PhoneKind::home : PhoneKind::office;
    for (const Phone& p : c.phones)   // phones come sorted: the first of the kind stands for it
        if (p.kind == kind) return p.number;
    return std::nullopt;
}

void record_bound_changes(Store& store, const Customer& before, const Customer& after, std::optional<std::int64_t> by,
                          const std::string& at) {
    for (const char* binding : {"gender", "office_phone", "home_phone", "mobile"}) {
        const auto old_value = bound_value(before, binding);
        const auto new_value = bound_value(after, binding);
        if (old_value == new_value) continue;
        // The record's fields (gender, phones) are never sealed.
        const auto in_clear = [](const std::optional<std::string>& v) {
            return v ? std::optional<StoredValue>(StoredValue{*v, false}) : std::nullopt;
        };
        record_change(store, before.id, binding, in_clear(old_value), in_clear(new_value), by, at);
    }
}

} // namespace snowball::detail
