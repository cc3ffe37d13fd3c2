#include "guard.hpp"
#include "json_codec.hpp"

#include "snowball/customers.hpp"

using namespace snowball;
using namespace snowball::capi;

namespace {

template <class T>
json list_json(const std::vector<T>& items) {
    json list = json::array();
    for (const T& item : items) list.push_back(to_json(item));
    return list;
}

json page_json(const Page<Customer>& page) { return {{"total", page.total}, {"items", list_json(page.items)}}; }

json page_json(const Page<ClosedDeal>& page) {
    json items = json::array();
    for (const ClosedDeal& entry : page.items)
        items.push_back({{"deal", to_json(entry.deal)}, {"customer", to_json(entry.customer)}});
    return {{"total", page.total}, {"items", items}};
}

// A lookup that found nobody is SNOWBALL_ENOTFOUND for C callers.
json found_or_throw(const std::optional<Customer>& customer, const std::string& what) {
    if (!customer) throw Error(Status::not_found, "no customer on file with " + what);
    return to_json(*customer);
}

} // namespace

extern "C" {

int snowball_customer_add(char** out_json, snowball_archive* archive, const char* customer_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = parse_object(customer_json, "customer_json");
    give(out_json, dump(to_json(a.customers().add(new_customer_from(doc, "")))));
    SNOWBALL_API_END
}

int snowball_customer_add_many(char** out_json, snowball_archive* archive, const char* customers_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const json doc = parse_json(customers_json, "customers_json");
    if (!doc.is_array()) throw_invalid("customers_json", "must be a JSON array of customers");
    std::vector<NewCustomer> inputs;
    inputs.reserve(doc.size());
    for (std::size_t i = 0; i < doc.size(); ++i)
        inputs.push_back(new_customer_from(doc[i], "customers[" + std::to_string(i) + "]"));
    give(out_json, dump(list_json(a.customers().add_many(inputs))));
    SNOWBALL_API_END
}

int snowball_customer_get(char** out_json, snowball_archive* archive, int64_t id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).customers().get(id))));
    SNOWBALL_API_END
}

int snowball_customer_update(char** out_json, snowball_archive* archive, int64_t id, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.customers().update(id, customer_update_from(update_json)))));
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
    give(out_json, dump(found_or_throw(a.customers().by_archive_no(no), "archive number " + no)));
    SNOWBALL_API_END
}

int snowball_customer_by_phone(char** out_json, snowball_archive* archive, const char* phone, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string p = required_text(phone, "phone");
    give(out_json, dump(found_or_throw(a.customers().by_phone(p, optional_text(site)), "phone " + p)));
    SNOWBALL_API_END
}

int snowball_customer_find_by_phone(char** out_json, snowball_archive* archive, const char* phone) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(list_json(a.customers().find_by_phone(required_text(phone, "phone")))));
    SNOWBALL_API_END
}

int snowball_customer_find_by_name(char** out_json, snowball_archive* archive, const char* prefix, const char* site,
                                   int limit) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string p = required_text(prefix, "prefix");
    give(out_json, dump(list_json(a.customers().find_by_name(p, optional_text(site), limit))));
    SNOWBALL_API_END
}

int snowball_customer_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(page_json(a.customers().list(customer_query_from(query_json)))));
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
    give(out_json, dump(to_json(a.customers().record_visit(customer_id, new_visit_from(visit_json)))));
    SNOWBALL_API_END
}

int snowball_visit_list(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(list_json(archive_of(archive).customers().visits(customer_id))));
    SNOWBALL_API_END
}

int snowball_deal_record(char** out_json, snowball_archive* archive, int64_t customer_id, const char* deal_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.customers().record_deal(customer_id, new_deal_from(deal_json)))));
    SNOWBALL_API_END
}

int snowball_deal_cancel(char** out_json, snowball_archive* archive, int64_t deal_id, const char* reason) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(to_json(a.customers().cancel_deal(deal_id, required_text(reason, "reason")))));
    SNOWBALL_API_END
}

int snowball_deal_get(char** out_json, snowball_archive* archive, int64_t deal_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(to_json(archive_of(archive).customers().get_deal(deal_id))));
    SNOWBALL_API_END
}

int snowball_deal_list(char** out_json, snowball_archive* archive, int64_t customer_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give(out_json, dump(list_json(archive_of(archive).customers().deals(customer_id))));
    SNOWBALL_API_END
}

int snowball_deal_archive(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give(out_json, dump(page_json(a.customers().closed_deals(deal_query_from(query_json)))));
    SNOWBALL_API_END
}

} // extern "C"
