// Customers, visits, deals and the closed-deal archive.
#include "documents.hpp"

#include "codec/customers.hpp"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_customer_add(char** out_json, snowball_archive* archive, const char* customer_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().add(input<NewCustomer>(customer_json, "customer_json")));
    SNOWBALL_API_END
}

int snowball_customer_add_many(char** out_json, snowball_archive* archive, const char* customers_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const auto inputs = input_list<NewCustomer>(customers_json, "customers_json", "customers", "customers");
    give_json(out_json, a.customers().add_many(inputs));
    SNOWBALL_API_END
}

int snowball_customer_get(char** out_json, snowball_archive* archive, int64_t id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).customers().get(id));
    SNOWBALL_API_END
}

int snowball_customer_update(char** out_json, snowball_archive* archive, int64_t id, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().update(id, input<CustomerUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

int snowball_customer_remove(snowball_archive* archive, int64_t id) {
    SNOWBALL_API_BEGIN
    archive_of(archive).customers().remove(id);
    SNOWBALL_API_END
}

int snowball_customer_by_archive_no(char** out_json, snowball_archive* archive, const char* archive_no) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string no = required_text(archive_no, "archive_no");
    give_json(out_json, found(a.customers().by_archive_no(no), "archive_no", "no customer on file has the archive number " + no));
    SNOWBALL_API_END
}

int snowball_customer_by_phone(char** out_json, snowball_archive* archive, const char* phone, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string p = required_text(phone, "phone");
    give_json(out_json, found(a.customers().by_phone(p, optional_text(site)), "phone", "no customer on file has the phone " + p));
    SNOWBALL_API_END
}

int snowball_customer_find_by_phone(char** out_json, snowball_archive* archive, const char* phone) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().find_by_phone(required_text(phone, "phone")));
    SNOWBALL_API_END
}

int snowball_customer_find_by_name(char** out_json, snowball_archive* archive, const char* prefix, const char* site,
                                   int limit) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string p = required_text(prefix, "prefix");
    give_json(out_json, limit == 0 ? a.customers().find_by_name(p, optional_text(site))
                                   : a.customers().find_by_name(p, optional_text(site), limit));
    SNOWBALL_API_END
}

int snowball_customer_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().list(input_or_default<CustomerQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_customer_reassign(int64_t* out_moved, snowball_archive* archive, int64_t from_consultant,
                               int64_t to_consultant) {
    SNOWBALL_API_BEGIN
    init_out(out_moved, "out_moved");
    *out_moved = archive_of(archive).customers().reassign(from_consultant, to_consultant);
    SNOWBALL_API_END
}

int snowball_visit_record(char** out_json, snowball_archive* archive, int64_t customer_id, const char* visit_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().record_visit(customer_id, input_or_default<NewVisit>(visit_json, "visit_json")));
    SNOWBALL_API_END
}

int snowball_visit_list(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).customers().visits(customer_id));
    SNOWBALL_API_END
}

int snowball_deal_record(char** out_json, snowball_archive* archive, int64_t customer_id, const char* deal_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().record_deal(customer_id, input<NewDeal>(deal_json, "deal_json")));
    SNOWBALL_API_END
}

int snowball_deal_cancel(char** out_json, snowball_archive* archive, int64_t deal_id, const char* reason) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().cancel_deal(deal_id, required_text(reason, "reason")));
    SNOWBALL_API_END
}

int snowball_deal_get(char** out_json, snowball_archive* archive, int64_t deal_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).customers().get_deal(deal_id));
    SNOWBALL_API_END
}

int snowball_deal_list(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).customers().deals(customer_id));
    SNOWBALL_API_END
}

int snowball_deal_archive(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.customers().closed_deals(input_or_default<DealQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

} // extern "C"
