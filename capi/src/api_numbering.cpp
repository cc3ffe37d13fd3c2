// Archive numbers and phones, without an archive.
#include "documents.hpp"

#include "codec/customers.hpp"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

const char* snowball_archive_no_default_format(void) { return numbering::default_format; }

int snowball_archive_no_validate(const char* text) {
    SNOWBALL_API_BEGIN
    numbering::validate_archive_no(required_text(text, "text"));
    SNOWBALL_API_END
}

int snowball_archive_no_parse(char** out_json, const char* text, const char* format) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    const std::string t = required_text(text, "text");
    const std::string f = format ? std::string(format) : std::string(numbering::default_format);
    give_json(out_json, numbering::parse_archive_no(t, f));
    SNOWBALL_API_END
}

int snowball_archive_no_render(char** out, const char* format, const char* site, const char* channel, int year,
                               int64_t sequence) {
    SNOWBALL_API_BEGIN
    init_out(out, "out");
    give(out, numbering::render_archive_no(required_text(format, "format"), required_text(site, "site"),
                                           parse_channel(required_text(channel, "channel")), year, sequence));
    SNOWBALL_API_END
}

int snowball_phone_normalize(char** out_json, const char* phone) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, normalize_phone(required_text(phone, "phone")));
    SNOWBALL_API_END
}

} // extern "C"
