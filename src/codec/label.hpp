// The JSON form of a text in the three label languages (snowball::Label): {"zh", "zh_hant", "en"};
// read from that object (each key optional) or from a text, which is the simplified Chinese one.
// Shared by every record that carries a label (care rules, template fields).
#pragma once

#include "codec/fields.hpp"
#include "snowball/profiles.hpp"

SNOWBALL_CODEC_BOTH(Label)
