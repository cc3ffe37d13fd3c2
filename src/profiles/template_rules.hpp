// The rules of profile templates and field values, as pure functions.
#pragma once

#include "snowball/profiles.hpp"

#include <optional>
#include <string>

namespace snowball::detail {

// Throws invalid_argument (field "template") when a template breaks a rule: keys unique and
// well-formed, every field in a known section, options of choice fields only, unique option keys,
// non-negative weights, known bindings.
void check_template(const Template& t);

// Applies one edit; throws invalid_argument / not_found / conflict naming what is wrong.
void apply_edit(Template& t, const TemplateEdit& edit, const std::string& where);

// Checks a value against its field and brings it to its normal form: option labels become keys,
// phones their normal form, multi-choice keys are de-duplicated in option order. Throws
// invalid_argument naming the field.
FieldValue normalize_value(const FieldDef& field, const FieldValue& value);
// A value given as text, as a form or a spreadsheet holds it; "" clears the field.
FieldValue parse_value_text(const FieldDef& field, const std::string& text);

// The stored text of a (normalised) value; nullopt for no value.
std::optional<std::string> encode_value(const FieldDef& field, const FieldValue& value);
// A stored text back to a value (tolerant: a value written under another version of the
// template still reads).
FieldValue decode_value(const FieldDef& field, const std::optional<std::string>& stored);

bool is_set(const FieldValue& value);

} // namespace snowball::detail
