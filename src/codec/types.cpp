#include "codec/types.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(types)

void nlohmann::adl_serializer<boost::gregorian::date>::to_json(json& j, const boost::gregorian::date& d) {
    j = d.is_special() ? json(nullptr) : json(to_iso(d));
}

namespace snowball::codec {

template <>
struct Record<Birthday> {
    static auto fields() {
        return std::make_tuple(
            field("lunar", &Birthday::lunar),
            custom("year", &Birthday::year, [](int y) { return y ? json(y) : json(nullptr); },
                   [](const json& j, const std::string& f, int& y) { y = j.is_null() ? 0 : int32_value(j, f); }),
            required("month", &Birthday::month), required("day", &Birthday::day), field("leap_month", &Birthday::leap_month),
            computed<Birthday>("text", [](const Birthday& b) { return to_string(b); }));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(Birthday)

void snowball::codec::Reads<Birthday>::read(const json& j, const std::string& field, Birthday& value) {
    if (j.is_string()) {
        value = parse_birthday(j.get<std::string>(), field);
        return;
    }
    // The text every output carries is accepted back, but the numbers decide.
    json numbers = j;
    if (numbers.is_object()) numbers.erase("text");
    value = Birthday{};
    read_fields(numbers, field, value);
    validate_birthday(value, field);
}
