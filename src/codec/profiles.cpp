#include "codec/profiles.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(profiles)

namespace snowball::codec {

// Counts by stage, with every stage.
template <>
struct Samples<std::map<Stage, std::int64_t>> {
    static std::map<Stage, std::int64_t> make(bool) { return {{Stage::visitor, 7}}; }
};

namespace {

json stage_counts(const std::map<Stage, std::int64_t>& counts) {
    json out = json::object();
    for (Stage s : {Stage::prospect, Stage::visitor, Stage::owner}) {
        const auto it = counts.find(s);
        out[to_string(s)] = it == counts.end() ? 0 : it->second;
    }
    return out;
}

template <class T>
auto by_stage(const char* key, std::map<Stage, std::int64_t> T::*member) {
    return custom(key, member, stage_counts, [](const json&, const std::string&, std::map<Stage, std::int64_t>&) {},
                  Use::output);
}

} // namespace

template <>
struct Record<FieldOption> {
    static auto fields() { return std::make_tuple(required("key", &FieldOption::key), required("label", &FieldOption::label)); }
};

template <>
struct Record<FieldDef> {
    static auto fields() {
        return std::make_tuple(
            required("key", &FieldDef::key), required("section", &FieldDef::section), field("number", &FieldDef::number),
            required("label", &FieldDef::label), field("type", &FieldDef::type), field("options", &FieldDef::options),
            field("help", &FieldDef::help), field("weight", &FieldDef::weight), field("sensitivity", &FieldDef::sensitivity),
            field("in_briefing", &FieldDef::in_briefing), field("hidden", &FieldDef::hidden),
            field("bound_to", &FieldDef::bound_to), field("family_link", &FieldDef::family_link));
    }
};

template <>
struct Record<Section> {
    static auto fields() { return std::make_tuple(required("key", &Section::key), required("label", &Section::label)); }
};

template <>
struct Record<Template> {
    static auto fields() {
        return std::make_tuple(nullable_text("site", &Template::site, Use::both), field("version", &Template::version),
                               nullable_text("created_at", &Template::created_at, Use::both),
                               field("sections", &Template::sections), field("fields", &Template::fields));
    }
};

template <>
struct Record<TemplateVersion> {
    static auto fields() {
        return std::make_tuple(out("version", &TemplateVersion::version), out("created_at", &TemplateVersion::created_at),
                               out("by", &TemplateVersion::by), out("note", &TemplateVersion::note));
    }
};

template <>
struct Record<TemplateEdit> {
    using E = TemplateEdit;
    static auto fields() {
        return std::make_tuple(required("op", &E::op), in("key", &E::key), in("field", &E::field), in("label", &E::label),
                               in("after", &E::after), in("options", &E::options), in("weight", &E::weight),
                               in("in_briefing", &E::flag));
    }
};

template <>
struct Record<HistoryEntry> {
    static auto fields() {
        return std::make_tuple(out("id", &HistoryEntry::id), out("field", &HistoryEntry::field), out("type", &HistoryEntry::type),
                               out("old", &HistoryEntry::old_value), out("new", &HistoryEntry::new_value),
                               out("by", &HistoryEntry::by), out("at", &HistoryEntry::at),
                               out("masked", &HistoryEntry::masked));
    }
};

template <>
struct Record<SectionScore> {
    static auto fields() {
        return std::make_tuple(out("section", &SectionScore::section), out("score", &SectionScore::score),
                               out("filled", &SectionScore::filled), out("fields", &SectionScore::fields));
    }
};

template <>
struct Record<Completeness> {
    static auto fields() {
        return std::make_tuple(out("customer_id", &Completeness::customer_id), out("score", &Completeness::score),
                               out("sections", &Completeness::sections), out("ask_next", &Completeness::ask_next));
    }
};

template <>
struct Record<ConsultantScore> {
    static auto fields() {
        return std::make_tuple(out("rank", &ConsultantScore::rank), out("consultant_id", &ConsultantScore::consultant_id),
                               out("name", &ConsultantScore::name), out("customers", &ConsultantScore::customers),
                               out("mean", &ConsultantScore::mean));
    }
};

template <>
struct Record<SiteCompleteness> {
    static auto fields() {
        return std::make_tuple(out("site", &SiteCompleteness::site), out("customers", &SiteCompleteness::customers),
                               out("mean", &SiteCompleteness::mean), out("leaderboard", &SiteCompleteness::leaderboard));
    }
};

template <>
struct Record<DistributionQuery> {
    static auto fields() {
        return std::make_tuple(required("field", &DistributionQuery::field), required("site", &DistributionQuery::site),
                               in("from", &DistributionQuery::from), in("to", &DistributionQuery::to),
                               in("language", &DistributionQuery::language));
    }
};

template <>
struct Record<OptionCount> {
    static auto fields() {
        return std::make_tuple(out("key", &OptionCount::key), out("label", &OptionCount::label), out("total", &OptionCount::total),
                               out("share", &OptionCount::share), by_stage("by_stage", &OptionCount::by_stage));
    }
};

template <>
struct Record<Distribution> {
    static auto fields() {
        return std::make_tuple(out("field", &Distribution::field), out("label", &Distribution::label),
                               out("options", &Distribution::options), by_stage("answered", &Distribution::answered),
                               by_stage("customers", &Distribution::customers));
    }
};

template <>
struct Record<ProfileItem> {
    static auto fields() {
        return std::make_tuple(out("key", &ProfileItem::key), out("label", &ProfileItem::label), out("value", &ProfileItem::value));
    }
};

template <>
struct Record<FamilyMember> {
    using M = FamilyMember;
    static auto fields() {
        return std::make_tuple(out("id", &M::id), out("customer_id", &M::customer_id), out("relation", &M::relation),
                               out("name", &M::name), out("gender", &M::gender), out("birthday", &M::birthday),
                               out("phone", &M::phone), out("employer", &M::employer), out("education", &M::education),
                               out("interests", &M::interests), out("school", &M::school), out("closest", &M::closest),
                               out("note", &M::note), out("created_at", &M::created_at), out("updated_at", &M::updated_at));
    }
};

template <>
struct Record<NewFamilyMember> {
    using M = NewFamilyMember;
    static auto fields() {
        return std::make_tuple(required("relation", &M::relation), required("name", &M::name), in("gender", &M::gender),
                               in("birthday", &M::birthday), in("phone", &M::phone), in("employer", &M::employer),
                               in("education", &M::education), in("interests", &M::interests), in("school", &M::school),
                               in("closest", &M::closest), in("note", &M::note));
    }
};

template <>
struct Record<FamilyMemberUpdate> {
    using M = FamilyMemberUpdate;
    static auto fields() {
        return std::make_tuple(in("relation", &M::relation), in("name", &M::name), in("gender", &M::gender),
                               in("birthday", &M::birthday), in("phone", &M::phone), in("employer", &M::employer),
                               in("education", &M::education), in("interests", &M::interests), in("school", &M::school),
                               in("closest", &M::closest), in("note", &M::note));
    }
};

template <>
struct Record<ProfileFieldView> {
    using F = ProfileFieldView;
    static auto fields() {
        return std::make_tuple(out("key", &F::key), out("label", &F::label), out("type", &F::type), out("value", &F::value),
                               out("display", &F::display), out("help", &F::help), out("hidden", &F::hidden),
                               out("sensitivity", &F::sensitivity), nullable_text("updated_at", &F::updated_at),
                               out("updated_by", &F::updated_by), out("masked", &F::masked));
    }
};

template <>
struct Record<ProfileSectionView> {
    static auto fields() {
        return std::make_tuple(out("key", &ProfileSectionView::key), out("label", &ProfileSectionView::label),
                               out("fields", &ProfileSectionView::fields));
    }
};

template <>
struct Record<ProfileView> {
    using P = ProfileView;
    static auto fields() {
        return std::make_tuple(out("customer_id", &P::customer_id), out("site", &P::site),
                               out("template_version", &P::template_version), out("as_of", &P::as_of),
                               computed<P>("values",
                                           [](const P& p) {
                                               json values = json::object();
                                               for (const auto& s : p.sections)
                                                   for (const auto& f : s.fields) values[f.key] = f.value;
                                               return values;
                                           }),
                               out("sections", &P::sections));
    }
};

template <>
struct Record<ProfileOptions> {
    static auto fields() {
        return std::make_tuple(in("as_of", &ProfileOptions::as_of), in("language", &ProfileOptions::language),
                               in("reveal", &ProfileOptions::reveal), in("reason", &ProfileOptions::reason));
    }
};

template <>
struct Record<ProfileValues> {
    static auto fields() {
        return std::make_tuple(required("customer_id", &ProfileValues::customer_id), required("values", &ProfileValues::values));
    }
};

ProfileView view(const Profile& profile, Language language) {
    ProfileView v;
    v.customer_id = profile.customer_id;
    v.site = profile.site;
    v.template_version = profile.template_version;
    v.as_of = profile.as_of;
    for (const Section& s : profile.sections) {
        ProfileSectionView section{s.key, s.label.in(language), {}};
        for (const ProfileEntry& e : profile.entries) {
            if (e.field.section != s.key) continue;
            section.fields.push_back({e.field.key, e.field.label.in(language), e.field.type, e.value,
                                      e.masked ? *e.masked : display(e.field, e.value, language),
                                      e.field.help.in(language), e.field.hidden, e.field.sensitivity, e.updated_at,
                                      e.updated_by, e.masked});
        }
        v.sections.push_back(std::move(section));
    }
    return v;
}

template <>
struct Record<EncryptionStatus> {
    using E = EncryptionStatus;
    static auto fields() {
        return std::make_tuple(out("enabled", &E::enabled), out("key_held", &E::key_held), out("key_id", &E::key_id),
                               out("since", &E::since), out("sealed_values", &E::sealed_values),
                               out("keys_retired", &E::keys_retired));
    }
};

} // namespace snowball::codec

void nlohmann::adl_serializer<FieldValue>::to_json(json& j, const FieldValue& value) {
    std::visit(
        [&](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::monostate>) j = nullptr;
            else j = v;
        },
        value);
}

void snowball::codec::Reads<FieldValue>::read(const json& j, const std::string& field, FieldValue& value) {
    if (j.is_null()) value = std::monostate{};
    else if (j.is_string()) value = j.get<std::string>();
    else if (j.is_boolean()) value = j.get<bool>();
    else if (j.is_number()) value = j.get<double>();
    else if (j.is_array()) {
        std::vector<std::string> keys;
        for (const json& item : j) {
            if (!item.is_string()) throw_invalid(field, "a list of options holds strings only");
            keys.push_back(item.get<std::string>());
        }
        value = std::move(keys);
    } else {
        throw_invalid(field, "must be a string, a list, a number, true/false or null");
    }
}

SNOWBALL_CODEC_WRITER(FieldOption)
SNOWBALL_CODEC_READER(FieldOption)
SNOWBALL_CODEC_WRITER(FieldDef)
SNOWBALL_CODEC_READER(FieldDef)
SNOWBALL_CODEC_WRITER(Section)
SNOWBALL_CODEC_READER(Section)
SNOWBALL_CODEC_WRITER(Template)
SNOWBALL_CODEC_READER(Template)
SNOWBALL_CODEC_WRITER(TemplateVersion)
SNOWBALL_CODEC_WRITER(HistoryEntry)
SNOWBALL_CODEC_WRITER(SectionScore)
SNOWBALL_CODEC_WRITER(Completeness)
SNOWBALL_CODEC_WRITER(ConsultantScore)
SNOWBALL_CODEC_WRITER(SiteCompleteness)
SNOWBALL_CODEC_READER(DistributionQuery)
SNOWBALL_CODEC_WRITER(OptionCount)
SNOWBALL_CODEC_WRITER(Distribution)
SNOWBALL_CODEC_WRITER(ProfileItem)
SNOWBALL_CODEC_WRITER(FamilyMember)
SNOWBALL_CODEC_READER(NewFamilyMember)
SNOWBALL_CODEC_READER(FamilyMemberUpdate)
SNOWBALL_CODEC_WRITER(codec::ProfileFieldView)
SNOWBALL_CODEC_WRITER(codec::ProfileSectionView)
SNOWBALL_CODEC_WRITER(codec::ProfileView)
SNOWBALL_CODEC_READER(codec::ProfileOptions)
SNOWBALL_CODEC_READER(codec::ProfileValues)

// Each edit requires the keys its op reads.
void snowball::codec::Reads<TemplateEdit>::read(const json& j, const std::string& field, TemplateEdit& value) {
    read_fields(j, field, value);
    const auto need = [&](const char* key) {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null()) throw_invalid(join(field, key), "is required");
    };
    using Op = TemplateEdit::Op;
    if (value.op == Op::add_field) need("field");
    else need("key");
    if (value.op == Op::set_weight) need("weight");
    if (value.op == Op::set_in_briefing) need("in_briefing");
}
SNOWBALL_CODEC_WRITER(EncryptionStatus)
