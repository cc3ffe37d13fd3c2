// Personal information protection at the C boundary: JSON in, the C++ service, JSON out.
#include "documents.hpp"

#include "codec/privacy.hpp"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_audit_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.audit().list(input_or_default<AuditQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_audit_verify(char** out_json, snowball_archive* archive, const char* expected_head) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.audit().verify(optional_text(expected_head)));
    SNOWBALL_API_END
}

} // extern "C"
