// The JSON form of profile templates, field values, profiles, their history, completeness,
// distributions and family members. A site's template is stored in the archive in the same form as
// the C API gives it (profile_templates.definition).
#pragma once

#include "codec/label.hpp"
#include "codec/types.hpp"
#include "snowball/profiles.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

SNOWBALL_CODEC_ENUM(FieldType, parse_field_type)
SNOWBALL_CODEC_ENUM(Sensitivity, parse_sensitivity)
SNOWBALL_CODEC_ENUM(Language, parse_language)
SNOWBALL_CODEC_ENUM(Relation, parse_relation)
SNOWBALL_CODEC_ENUM(TemplateEdit::Op, parse_template_edit_op)

// A field's value: a string (text, long text, phone, a single choice's option, a date "YYYY-MM-DD"
// on input), an array of option keys (multiple choice), a number, true/false (yes/no), or null (no
// value; on input: clears the field). Written with dates as ISO text.
template <>
struct nlohmann::adl_serializer<snowball::FieldValue> {
    static void to_json(nlohmann::json& j, const snowball::FieldValue& value);
};
template <>
struct snowball::codec::Reads<snowball::FieldValue> {
    static void read(const nlohmann::json& j, const std::string& field, snowball::FieldValue& value);
};

SNOWBALL_CODEC_BOTH(FieldOption)
// The whole field; a site's own field given by a caller (add_field) leaves out what only the source
// template's fields have (number, bound_to, family_link, hidden: the core refuses them).
SNOWBALL_CODEC_BOTH(FieldDef)
SNOWBALL_CODEC_BOTH(Section)
// Written for callers and stored; read back from storage only.
SNOWBALL_CODEC_BOTH(Template)
SNOWBALL_CODEC_WRITES(TemplateVersion)
// {"op", "key"?, "field"?, "label"?, "after"?, "options"?, "weight"?, "in_briefing"?}: each op
// requires its keys (add_field "field"; the others "key"; set_weight "weight"; set_in_briefing
// "in_briefing").
SNOWBALL_CODEC_READS(TemplateEdit)
SNOWBALL_CODEC_WRITES(HistoryEntry)
SNOWBALL_CODEC_WRITES(EncryptionStatus)
SNOWBALL_CODEC_WRITES(SectionScore)
SNOWBALL_CODEC_WRITES(Completeness)
SNOWBALL_CODEC_WRITES(ConsultantScore)
SNOWBALL_CODEC_WRITES(SiteCompleteness)
SNOWBALL_CODEC_READS(DistributionQuery)
// Counts by stage are written with every stage: {"prospect": n, "visitor": n, "owner": n}.
SNOWBALL_CODEC_WRITES(OptionCount)
SNOWBALL_CODEC_WRITES(Distribution)
SNOWBALL_CODEC_WRITES(ProfileItem)
SNOWBALL_CODEC_WRITES(FamilyMember)
SNOWBALL_CODEC_READS(NewFamilyMember)
SNOWBALL_CODEC_READS(FamilyMemberUpdate)

namespace snowball::codec {

// A profile as the C API gives it: in one language, its fields by section with their labels and
// values for people, and every value by field key.
struct ProfileFieldView {
    std::string key;
    std::string label;
    FieldType type = FieldType::text;
    FieldValue value;
    std::string display;            // display(field, value, language)
    std::string help;
    bool hidden = false;
    Sensitivity sensitivity = Sensitivity::none;
    std::string updated_at;         // empty (null) when never set
    std::optional<std::int64_t> updated_by;
    std::optional<std::string> masked;   // the value withheld from this read: what may be shown
};

struct ProfileSectionView {
    std::string key;
    std::string label;
    std::vector<ProfileFieldView> fields;
};

// {"customer_id", "site", "template_version", "as_of", "values": {key: value}, "sections"}.
struct ProfileView {
    std::int64_t customer_id = 0;
    std::string site;
    int template_version = 0;
    std::optional<Date> as_of;
    std::vector<ProfileSectionView> sections;
};

ProfileView view(const Profile& profile, Language language);

// The options of snowball_profile_get: {"as_of"?, "language"?, "reveal"?, "reason"?}.
struct ProfileOptions {
    std::optional<Date> as_of;
    Language language = Language::zh;
    bool reveal = false;
    std::string reason;
};

// One customer's values in snowball_profile_set_many: {"customer_id", "values": {key: value}}.
struct ProfileValues {
    std::int64_t customer_id = 0;
    std::map<std::string, FieldValue> values;
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITES(codec::ProfileFieldView)
SNOWBALL_CODEC_WRITES(codec::ProfileSectionView)
SNOWBALL_CODEC_WRITES(codec::ProfileView)
SNOWBALL_CODEC_READS(codec::ProfileOptions)
SNOWBALL_CODEC_READS(codec::ProfileValues)
