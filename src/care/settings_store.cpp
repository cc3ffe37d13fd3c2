#include "care/settings_store.hpp"

#include "care/gifts.hpp"

#include "archive/records.hpp"
#include "codec/care.hpp"
#include "common/text.hpp"

#include <algorithm>

namespace snowball {

namespace detail {

CareSettings load_care_settings(Store& store, const Site& site) {
    CareSettings s;
    s.site = site.code;
    s.festivals = calendar::default_festivals();
    s.policy = default_care_policy();
    Query q(store, "SELECT festivals, policy, occasions, gift_budgets FROM care_settings WHERE site_id = ?");
    q->bind(1, site.id);
    if (q->executeStep()) {
        const auto stored = [&](int column, const char* name) { return codec::parse(q->getColumn(column).getString(), name); };
        if (!q->isColumnNull(0)) s.festivals = codec::read<std::vector<calendar::FestivalRule>>(stored(0, "festivals"), "festivals");
        if (!q->isColumnNull(1)) s.policy = codec::read<std::vector<CareRule>>(stored(1, "policy"), "policy");
        if (!q->isColumnNull(2)) s.occasions = codec::read<OccasionSettings>(stored(2, "occasions"), "occasions");
        if (!q->isColumnNull(3)) s.gift_budgets = codec::read<std::vector<GiftBudget>>(stored(3, "gift_budgets"), "gift_budgets");
    }
    return s;
}

} // namespace detail

namespace {

// Stores one column of a site's settings (the others keep their value).
template <class T>
void store_setting(detail::Store& store, std::int64_t site_id, const char* column, const T& value) {
    detail::Query ensure(store, "INSERT INTO care_settings(site_id, updated_at) VALUES (?, ?) ON CONFLICT (site_id) DO NOTHING");
    ensure->bind(1, site_id);
    ensure->bind(2, text::now_utc());
    ensure->exec();
    SQLite::Statement q(store.db(), std::string("UPDATE care_settings SET ") + column + " = ?, updated_at = ? WHERE site_id = ?");
    q.bind(1, codec::dump(codec::json(value)));
    q.bind(2, text::now_utc());
    q.bind(3, site_id);
    q.exec();
}

} // namespace

void detail::store_gift_budgets(Store& store, std::int64_t site_id, const std::vector<GiftBudget>& budgets) {
    store_setting(store, site_id, "gift_budgets", budgets);
}

CareSettings CareCalendar::settings(std::string_view site) const {
    return store_.read([&] { return detail::load_care_settings(store_, detail::require_site(store_, site, "site")); });
}

CareSettings CareCalendar::set_festivals(std::string_view site, const std::vector<calendar::FestivalRule>& festivals) {
    calendar::validate(festivals);
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        store_setting(store_, s.id, "festivals", festivals);
        return detail::load_care_settings(store_, s);
    });
}

CareSettings CareCalendar::switch_festival(std::string_view site, std::string_view festival, bool enabled) {
    const std::string key = text::clean(festival, "festival", 40, true);
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        std::vector<calendar::FestivalRule> festivals = detail::load_care_settings(store_, s).festivals;
        const auto it = std::find_if(festivals.begin(), festivals.end(), [&](const auto& f) { return f.key == key; });
        if (it == festivals.end())
            throw Error(Status::not_found, "festival: the site has no festival '" + key + "'", "festival");
        it->enabled = enabled;
        store_setting(store_, s.id, "festivals", festivals);
        return detail::load_care_settings(store_, s);
    });
}

CareSettings CareCalendar::add_festival(std::string_view site, const calendar::FestivalRule& festival) {
    calendar::validate(festival);
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        std::vector<calendar::FestivalRule> festivals = detail::load_care_settings(store_, s).festivals;
        if (std::any_of(festivals.begin(), festivals.end(), [&](const auto& f) { return f.key == festival.key; }))
            throw Error(Status::conflict, "key: the site already has a festival '" + festival.key + "'", "key");
        festivals.push_back(festival);
        store_setting(store_, s.id, "festivals", festivals);
        return detail::load_care_settings(store_, s);
    });
}

CareSettings CareCalendar::set_policy(std::string_view site, const std::vector<CareRule>& policy) {
    for (std::size_t i = 0; i < policy.size(); ++i) validate(policy[i], "policy[" + std::to_string(i) + "]");
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        store_setting(store_, s.id, "policy", policy);
        return detail::load_care_settings(store_, s);
    });
}

CareSettings CareCalendar::set_occasion_settings(std::string_view site, const OccasionSettings& settings) {
    validate(settings);
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        store_setting(store_, s.id, "occasions", settings);
        return detail::load_care_settings(store_, s);
    });
}

CareSettings CareCalendar::update_occasion_settings(std::string_view site, const OccasionSettingsUpdate& update) {
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        OccasionSettings settings = detail::load_care_settings(store_, s).occasions;
        if (update.leap_month_birthdays_twice) settings.leap_month_birthdays_twice = *update.leap_month_birthdays_twice;
        if (update.deal_anniversaries) settings.deal_anniversaries = *update.deal_anniversaries;
        if (update.follow_up) settings.follow_up = *update.follow_up;
        validate(settings);
        store_setting(store_, s.id, "occasions", settings);
        return detail::load_care_settings(store_, s);
    });
}

} // namespace snowball
