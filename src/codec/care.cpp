#include "codec/care.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(care)

namespace snowball::codec {

namespace {

// A rule's audience: a key, or null, "" or "any" for any.
template <class E, E (*parse)(std::string_view, const std::string&)>
auto audience(const char* key, std::optional<E> CareRule::*member) {
    return custom(
        key, member, [](const std::optional<E>& v) { return json(v); },
        [](const json& j, const std::string& f, std::optional<E>& v) {
            const std::string text = j.is_null() ? std::string() : text_value(j, f);
            if (text.empty() || text == "any") v.reset();
            else v = parse(text, f);
        });
}

} // namespace

template <>
struct Record<CareRule> {
    static auto fields() {
        return std::make_tuple(required("occasion", &CareRule::occasion), field("festival", &CareRule::festival),
                               audience<Tier, parse_tier>("tier", &CareRule::tier),
                               audience<Stage, parse_stage>("stage", &CareRule::stage), required("action", &CareRule::action),
                               required("channel", &CareRule::channel), field("lead_days", &CareRule::lead_days),
                               field("label", &CareRule::label));
    }
};

template <>
struct Record<GiftBudget> {
    static auto fields() {
        return std::make_tuple(required("tier", &GiftBudget::tier), required("monthly", &GiftBudget::monthly));
    }
};

template <>
struct Record<CareSettings> {
    static auto fields() {
        return std::make_tuple(out("site", &CareSettings::site), out("festivals", &CareSettings::festivals),
                               out("policy", &CareSettings::policy), out("occasions", &CareSettings::occasions),
                               out("gift_budgets", &CareSettings::gift_budgets));
    }
};

template <>
struct Record<NewGift> {
    using G = NewGift;
    static auto fields() {
        return std::make_tuple(in("task_id", &G::task_id), in("customer_id", &G::customer_id), required("item", &G::item),
                               required("cost", &G::cost), in("supplier", &G::supplier), in("given_on", &G::given_on),
                               in("given_by", &G::given_by), in("note", &G::note));
    }
};

template <>
struct Record<Gift> {
    using G = Gift;
    static auto fields() {
        return std::make_tuple(out("id", &G::id), out("site", &G::site), out("customer_id", &G::customer_id),
                               out("task_id", &G::task_id), out("tier", &G::tier), out("item", &G::item), out("cost", &G::cost),
                               out("supplier", &G::supplier), out("given_on", &G::given_on), out("given_by", &G::given_by),
                               out("note", &G::note), out("recorded_at", &G::recorded_at));
    }
};

template <>
struct Record<GiftQuery> {
    using Q = GiftQuery;
    static auto fields() {
        return std::make_tuple(required("site", &Q::site), in("from", &Q::from), in("to", &Q::to),
                               in("customer_id", &Q::customer_id), in("task_id", &Q::task_id));
    }
};

template <>
struct Record<GiftTotal> {
    using T = GiftTotal;
    static auto fields() {
        return std::make_tuple(out("month", &T::month), out("tier", &T::tier), out("gifts", &T::gifts), out("cost", &T::cost),
                               out("budget", &T::budget), out("remaining", &T::remaining));
    }
};

template <>
struct Record<OccasionSettingsUpdate> {
    using U = OccasionSettingsUpdate;
    static auto fields() {
        return std::make_tuple(
            in("leap_month_birthdays_twice", &U::leap_month_birthdays_twice), in("deal_anniversaries", &U::deal_anniversaries),
            custom("follow_up", &U::follow_up, [](const std::optional<std::vector<FollowUpStep>>&) { return json(); },
                   [](const json& j, const std::string& f, std::optional<std::vector<FollowUpStep>>& c) {
                       if (j.is_null()) c.reset();
                       else c = parse_cadence(text_value(j, f), f);
                   },
                   Use::input));
    }
};

template <>
struct Record<CareTask> {
    using T = CareTask;
    static auto fields() {
        return std::make_tuple(
            out("id", &T::id), out("customer_id", &T::customer_id), out("customer_name", &T::customer_name),
            out("archive_no", &T::archive_no), out("site", &T::site), out("consultant_id", &T::consultant_id),
            out("date", &T::date), out("prepare_from", &T::prepare_from), out("occasions", &T::occasions),
            out("actions", &T::actions), out("status", &T::status), out("outcome", &T::outcome), out("note", &T::note),
            nullable_text("done_at", &T::done_at), out("done_by", &T::done_by), out("over_budget", &T::over_budget),
            computed<T>("occasion", [](const T& t) { return occasion_kinds(t); }),
            computed<T>("action", [](const T& t) { return action_keys(t); }),
            computed<T>("family_member_ids", [](const T& t) { return family_member_ids(t); }));
    }
};

template <>
struct Record<AgendaQuery> {
    using Q = AgendaQuery;
    static auto fields() {
        return std::make_tuple(required("from", &Q::from), required("to", &Q::to), in("site", &Q::site),
                               in("consultant_id", &Q::consultant_id), in("include_closed", &Q::include_closed));
    }
};

template <>
struct Record<CareOverdueQuery> {
    using Q = CareOverdueQuery;
    static auto fields() { return std::make_tuple(in("on", &Q::on), in("site", &Q::site), in("consultant_id", &Q::consultant_id)); }
};

// One key of the occasion's, beside the date and the actions.
template <class F>
auto occasion_part(const char* key, F get) {
    return custom(
        key, &UpcomingOccasion::occasion, [get](const TaskOccasion& o) { return json(get(o)); },
        [](const json&, const std::string&, TaskOccasion&) {}, Use::output);
}

template <>
struct Record<UpcomingOccasion> {
    static auto fields() {
        return std::make_tuple(out("date", &UpcomingOccasion::date),
                               occasion_part("kind", [](const TaskOccasion& o) { return o.kind; }),
                               occasion_part("key", [](const TaskOccasion& o) { return o.key; }),
                               occasion_part("title", [](const TaskOccasion& o) { return o.title; }),
                               occasion_part("family_member_id", [](const TaskOccasion& o) { return o.family_member_id; }),
                               occasion_part("deal_id", [](const TaskOccasion& o) { return o.deal_id; }),
                               out("actions", &UpcomingOccasion::actions));
    }
};

} // namespace snowball::codec

void snowball::codec::Reads<CareRule>::read(const json& j, const std::string& field, CareRule& value) {
    value = CareRule{};
    read_fields(j, field, value);
    validate(value, field.empty() ? "rule" : field);
}

SNOWBALL_CODEC_WRITER(CareRule)
SNOWBALL_CODEC_WRITER(CareSettings)
SNOWBALL_CODEC_WRITER(GiftBudget)
SNOWBALL_CODEC_READER(GiftBudget)
SNOWBALL_CODEC_READER(NewGift)
SNOWBALL_CODEC_WRITER(Gift)
SNOWBALL_CODEC_READER(GiftQuery)
SNOWBALL_CODEC_WRITER(GiftTotal)
SNOWBALL_CODEC_READER(OccasionSettingsUpdate)
SNOWBALL_CODEC_WRITER(CareTask)
SNOWBALL_CODEC_READER(AgendaQuery)
SNOWBALL_CODEC_READER(CareOverdueQuery)
SNOWBALL_CODEC_WRITER(UpcomingOccasion)
