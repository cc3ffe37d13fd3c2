// Deal stages, step history, sales settings, lost customers.
#include "documents.hpp"

#include "codec/customers.hpp"
#include "snowball/deals.h"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_deal_advance(char** out_json, snowball_archive* archive, int64_t deal_id, const char* stage,
                          const char* step_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const DealStage to = parse_deal_stage(required_text(stage, "stage"), "stage");
    give_json(out_json, a.deals().advance(deal_id, to, input<DealAdvance>(step_json, "step_json")));
    SNOWBALL_API_END
}

int snowball_deal_cancel_by(char** out_json, snowball_archive* archive, int64_t deal_id, const char* reason, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.deals().cancel(deal_id, required_text(reason, "reason"), optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_deal_steps(char** out_json, snowball_archive* archive, int64_t deal_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).deals().steps(deal_id));
    SNOWBALL_API_END
}

int snowball_sales_settings(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.deals().settings(required_text(site, "site")));
    SNOWBALL_API_END
}

int snowball_sales_set_owner_stage(char** out_json, snowball_archive* archive, const char* site, const char* owner_stage) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string code = required_text(site, "site");
    const DealStage stage = parse_deal_stage(required_text(owner_stage, "owner_stage"), "owner_stage");
    give_json(out_json, a.deals().set_owner_stage(code, stage));
    SNOWBALL_API_END
}

int snowball_customer_mark_lost(char** out_json, snowball_archive* archive, int64_t customer_id, const char* mark_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().mark_lost(customer_id, input<NewLostMark>(mark_json, "mark_json")));
    SNOWBALL_API_END
}

int snowball_customer_undo_lost(char** out_json, snowball_archive* archive, int64_t customer_id, int64_t by) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().undo_lost(customer_id, optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_customer_lost_marks(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).customers().lost_marks(customer_id));
    SNOWBALL_API_END
}

int snowball_lost_counts(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().lost_counts(required_text(site, "site")));
    SNOWBALL_API_END
}

} // extern "C"
