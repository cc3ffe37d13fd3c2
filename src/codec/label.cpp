#include "codec/label.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(label)

namespace snowball::codec {

template <>
struct Record<Label> {
    static auto fields() { return std::make_tuple(field("zh", &Label::zh), field("zh_hant", &Label::zh_hant), field("en", &Label::en)); }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(Label)

void snowball::codec::Reads<Label>::read(const json& j, const std::string& field, Label& value) {
    value = Label{};
    if (j.is_string()) value.zh = j.get<std::string>();
    else read_fields(j, field, value);
}
