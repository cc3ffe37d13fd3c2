// Feedback settings (deadlines, escalation, closing the loop) and categories, per site.
#include "archive/records.hpp"
#include "codec/feedback.hpp"
#include "common/text.hpp"
#include "service/service_records.hpp"

#include <algorithm>

namespace snowball {

using detail::Query;

namespace {

constexpr Severity all_severities[] = {Severity::low, Severity::normal, Severity::high, Severity::urgent};

void check_range(int value, int lo, int hi, const std::string& field) {
    if (value < lo || value > hi)
        throw_invalid(field, std::to_string(value) + " is out of range " + std::to_string(lo) + ".." + std::to_string(hi));
}

void validate(const FeedbackSettings& s) {
    for (Severity v : all_severities) {
        const std::string at = std::string("deadlines.") + to_string(v);
        check_range(s.deadline(v).acknowledge_days, 0, 60, at + ".acknowledge_days");
        check_range(s.deadline(v).resolve_days, s.deadline(v).acknowledge_days, 250, at + ".resolve_days");
    }
    check_range(s.escalate_after_days, 1, 60, "escalate_after_days");
    check_range(s.follow_up_after_days, 0, 60, "follow_up_after_days");
    if (s.low_rating5) check_range(*s.low_rating5, 1, 4, "low_rating5");
    if (s.low_nps) check_range(*s.low_nps, 0, 9, "low_nps");
}

} // namespace

namespace detail {

FeedbackSettings load_feedback_settings(Store& store, const std::optional<Site>& site) {
    if (!site) return default_feedback_settings();
    Query q(store, "SELECT settings FROM feedback_settings WHERE site_id = ?");
    q->bind(1, site->id);
    if (!q->executeStep()) {
        FeedbackSettings s = default_feedback_settings();
        s.site = site->code;
        return s;
    }
    return codec::read_stored_settings(q->getColumn(0).getText(), site->code);
}

std::vector<Category> categories_of(Store& store, const std::optional<Site>& site) {
    std::vector<Category> out = default_categories();
    if (!site) return out;
    Query q(store, "SELECT key, label FROM feedback_categories WHERE site_id = ? ORDER BY created_at, key");
    q->bind(1, site->id);
    while (q->executeStep()) out.push_back({q->getColumn(0).getString(), q->getColumn(1).getString(), false});
    return out;
}

} // namespace detail

std::vector<Category> Feedback::categories(std::string_view site) const {
    return store_.read([&] {
        std::optional<Site> s;
        if (!text::trim(site).empty()) s = detail::require_site(store_, site, "site");
        return detail::categories_of(store_, s);
    });
}

std::vector<Category> Feedback::add_category(std::string_view site, const Category& category) {
    const std::string key = std::string(text::trim(category.key));
    if (!text::is_key(key)) throw_invalid("key", "'" + category.key + "' is not a key: a-z, 0-9 and _, starting with a letter, at most 40");
    const std::string label = text::clean(category.label, "label", 50, true);
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        for (const Category& c : detail::categories_of(store_, s))
            if (c.key == key) throw Error(Status::conflict, "key: the site already has the category '" + key + "'", "key");
        Query q(store_, "INSERT INTO feedback_categories(site_id, key, label, created_at) VALUES (?, ?, ?, ?)");
        q->bind(1, s.id);
        q->bind(2, key);
        q->bind(3, label);
        q->bind(4, text::now_utc());
        q->exec();
        return detail::categories_of(store_, s);
    });
}

FeedbackSettings Feedback::settings(std::string_view site) const {
    return store_.read([&] { return detail::load_feedback_settings(store_, detail::require_site(store_, site, "site")); });
}

FeedbackSettings Feedback::update_settings(std::string_view site, const FeedbackSettingsUpdate& update) {
    return store_.write([&] {
        const Site s = detail::require_site(store_, site, "site");
        FeedbackSettings next = detail::load_feedback_settings(store_, s);
        for (const auto& [severity, deadline] : update.deadlines) next.deadlines[static_cast<int>(severity)] = deadline;
        if (update.escalate_after_days) next.escalate_after_days = *update.escalate_after_days;
        if (update.follow_up_survey_id) next.follow_up_survey_id = *update.follow_up_survey_id;
        if (update.follow_up_channel) next.follow_up_channel = *update.follow_up_channel;
        if (update.follow_up_after_days) next.follow_up_after_days = *update.follow_up_after_days;
        if (update.low_rating5) next.low_rating5 = *update.low_rating5;
        if (update.low_nps) next.low_nps = *update.low_nps;
        if (update.low_score_severity) next.low_score_severity = *update.low_score_severity;
        validate(next);
        if (update.follow_up_survey_id && *update.follow_up_survey_id) {
            Query q(store_, "SELECT site_id, active FROM surveys WHERE id = ?");
            q->bind(1, *next.follow_up_survey_id);
            if (!q->executeStep())
                throw Error(Status::not_found, "follow_up_survey_id: no survey with id " + std::to_string(*next.follow_up_survey_id),
                            "follow_up_survey_id");
            if (!q->isColumnNull(0) && q->getColumn(0).getInt64() != s.id)
                throw_invalid("follow_up_survey_id", "survey " + std::to_string(*next.follow_up_survey_id) + " belongs to another site");
            if (q->getColumn(1).getInt() == 0)
                throw_invalid("follow_up_survey_id", "survey " + std::to_string(*next.follow_up_survey_id) + " is inactive");
        }
        detail::save_site_settings(store_, "feedback_settings", s.id, codec::stored_settings(next));
        return next;
    });
}

} // namespace snowball
