#include "codec/customers.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(customers)

namespace snowball::codec {

template <>
struct Record<Phone> {
    static auto fields() { return std::make_tuple(field("kind", &Phone::kind), required("number", &Phone::number)); }
};

template <>
struct Record<Customer> {
    static auto fields() {
        return std::make_tuple(
            out("id", &Customer::id), out("archive_no", &Customer::archive_no), out("site", &Customer::site),
            out("channel", &Customer::channel), out("name", &Customer::name), out("gender", &Customer::gender),
            out("mobile", &Customer::mobile), out("phones", &Customer::phones), out("consultant_id", &Customer::consultant_id),
            out("tier", &Customer::tier), out("stage", &Customer::stage), out("first_contact", &Customer::first_contact),
            out("note", &Customer::note), out("filed_at", &Customer::filed_at), out("updated_at", &Customer::updated_at),
            out("birthday", &Customer::birthday), out("redirected_from", &Customer::redirected_from));
    }
};

template <>
struct Record<NewCustomer> {
    static auto fields() {
        return std::make_tuple(
            required("site", &NewCustomer::site), required("channel", &NewCustomer::channel), required("name", &NewCustomer::name),
            in("gender", &NewCustomer::gender), in("mobile", &NewCustomer::mobile), in("phones", &NewCustomer::phones),
            in("consultant_id", &NewCustomer::consultant_id), in("tier", &NewCustomer::tier),
            in("first_contact", &NewCustomer::first_contact), in("note", &NewCustomer::note),
            in("filed_on", &NewCustomer::filed_on), in("birthday", &NewCustomer::birthday));
    }
};

template <>
struct Record<CustomerUpdate> {
    static auto fields() {
        return std::make_tuple(
            in("name", &CustomerUpdate::name), in("gender", &CustomerUpdate::gender), in("mobile", &CustomerUpdate::mobile),
            in("phones", &CustomerUpdate::phones), in("consultant_id", &CustomerUpdate::consultant_id),
            in("tier", &CustomerUpdate::tier), in("first_contact", &CustomerUpdate::first_contact),
            in("note", &CustomerUpdate::note), in("birthday", &CustomerUpdate::birthday), in("by", &CustomerUpdate::by));
    }
};

template <>
struct Record<CustomerQuery> {
    static auto fields() {
        return std::make_tuple(
            in("site", &CustomerQuery::site), in("channel", &CustomerQuery::channel), in("stage", &CustomerQuery::stage),
            in("tier", &CustomerQuery::tier), in("consultant_id", &CustomerQuery::consultant_id),
            in("first_contact_from", &CustomerQuery::first_contact_from), in("first_contact_to", &CustomerQuery::first_contact_to),
            in("name_prefix", &CustomerQuery::name_prefix), in("limit", &CustomerQuery::limit), in("offset", &CustomerQuery::offset));
    }
};

template <>
struct Record<Visit> {
    static auto fields() {
        return std::make_tuple(out("id", &Visit::id), out("customer_id", &Visit::customer_id), out("date", &Visit::date),
                               out("consultant_id", &Visit::consultant_id), out("note", &Visit::note),
                               out("recorded_at", &Visit::recorded_at), out("place", &Visit::place));
    }
};

template <>
struct Record<NewVisit> {
    static auto fields() {
        return std::make_tuple(in("date", &NewVisit::date), in("consultant_id", &NewVisit::consultant_id), in("note", &NewVisit::note),
                               in("place", &NewVisit::place));
    }
};

template <>
struct Record<Deal> {
    static auto fields() {
        return std::make_tuple(out("id", &Deal::id), out("customer_id", &Deal::customer_id), out("site", &Deal::site),
                               out("unit", &Deal::unit), out("layout", &Deal::layout), out("area", &Deal::area),
                               out("price", &Deal::price), out("date", &Deal::date), out("bought_for", &Deal::bought_for),
                               out("consultant_id", &Deal::consultant_id), out("cancelled", &Deal::cancelled),
                               out("cancel_reason", &Deal::cancel_reason), out("recorded_at", &Deal::recorded_at),
                               out("stage", &Deal::stage), out("reserved_on", &Deal::reserved_on),
                               out("subscribed_on", &Deal::subscribed_on), out("contracted_on", &Deal::contracted_on),
                               out("cancelled_on", &Deal::cancelled_on), out("deposit", &Deal::deposit));
    }
};

template <>
struct Record<NewDeal> {
    static auto fields() {
        return std::make_tuple(required("unit", &NewDeal::unit), in("layout", &NewDeal::layout), required("area", &NewDeal::area),
                               required("price", &NewDeal::price), in("date", &NewDeal::date),
                               in("bought_for", &NewDeal::bought_for), in("consultant_id", &NewDeal::consultant_id),
                               in("stage", &NewDeal::stage), in("amount", &NewDeal::amount), in("by", &NewDeal::by));
    }
};

template <>
struct Record<DealStep> {
    using T = DealStep;
    static auto fields() {
        return std::make_tuple(out("id", &T::id), out("deal_id", &T::deal_id), out("step", &T::step), out("date", &T::date),
                               out("amount", &T::amount), out("by", &T::by), out("reason", &T::reason),
                               out("recorded_at", &T::recorded_at));
    }
};

template <>
struct Record<DealAdvance> {
    using T = DealAdvance;
    static auto fields() { return std::make_tuple(in("date", &T::date), in("amount", &T::amount), required("by", &T::by)); }
};

template <>
struct Record<SalesSettings> {
    using T = SalesSettings;
    static auto fields() {
        return std::make_tuple(out("site", &T::site), out("owner_stage", &T::owner_stage), out("updated_at", &T::updated_at));
    }
};

template <>
struct Record<LostMark> {
    using T = LostMark;
    static auto fields() {
        return std::make_tuple(out("id", &T::id), out("customer_id", &T::customer_id), out("site", &T::site),
                               out("reason", &T::reason), out("note", &T::note), out("competitor", &T::competitor),
                               out("date", &T::date), out("by", &T::by), out("recorded_at", &T::recorded_at),
                               out("undone_at", &T::undone_at), out("undone_by", &T::undone_by));
    }
};

template <>
struct Record<NewLostMark> {
    using T = NewLostMark;
    static auto fields() {
        return std::make_tuple(required("reason", &T::reason), in("note", &T::note), in("competitor", &T::competitor),
                               in("date", &T::date), in("by", &T::by));
    }
};

template <>
struct Record<LostCount> {
    using T = LostCount;
    static auto fields() { return std::make_tuple(out("reason", &T::reason), out("count", &T::count)); }
};

template <>
struct Record<DealQuery> {
    static auto fields() {
        return std::make_tuple(in("site", &DealQuery::site), in("consultant_id", &DealQuery::consultant_id),
                               in("from", &DealQuery::from), in("to", &DealQuery::to),
                               in("include_cancelled", &DealQuery::include_cancelled), in("limit", &DealQuery::limit),
                               in("offset", &DealQuery::offset));
    }
};

template <>
struct Record<ClosedDeal> {
    static auto fields() { return std::make_tuple(out("deal", &ClosedDeal::deal), out("customer", &ClosedDeal::customer)); }
};

template <>
struct Record<LeadImportOptions> {
    static auto fields() {
        return std::make_tuple(
            required("site", &LeadImportOptions::site), in("channel", &LeadImportOptions::channel),
            in("mapping", &LeadImportOptions::mapping), in("encoding", &LeadImportOptions::encoding),
            custom("delimiter", &LeadImportOptions::delimiter, [](char c) { return json(std::string(c ? 1 : 0, c)); },
                   [](const json& j, const std::string& f, char& c) {
                       const std::string v = text_value(j, f);
                       if (v.size() != 1) throw_invalid(f, "must be one character: \",\", \"\\t\" or \";\"");
                       c = v[0];
                   },
                   Use::input),
            in("consultant_id", &LeadImportOptions::consultant_id), in("dry_run", &LeadImportOptions::dry_run),
            in("all_or_nothing", &LeadImportOptions::all_or_nothing), in("progress_every", &LeadImportOptions::progress_every));
    }
};

template <>
struct Record<RejectedRow> {
    static auto fields() {
        return std::make_tuple(out("line", &RejectedRow::line), out("field", &RejectedRow::field), out("reason", &RejectedRow::reason));
    }
};

template <>
struct Record<LeadImportReport> {
    static auto fields() {
        return std::make_tuple(out("rows", &LeadImportReport::rows), out("imported", &LeadImportReport::imported),
                               out("rejected", &LeadImportReport::rejected), out("customer_ids", &LeadImportReport::customer_ids),
                               out("encoding", &LeadImportReport::encoding), out("columns", &LeadImportReport::columns),
                               out("ignored_columns", &LeadImportReport::ignored_columns),
                               out("dry_run", &LeadImportReport::dry_run));
    }
};

template <>
struct Record<PhoneNumber> {
    static auto fields() {
        return std::make_tuple(out("number", &PhoneNumber::number), out("mainland_mobile", &PhoneNumber::mainland_mobile),
                               out("international", &PhoneNumber::international));
    }
};

template <>
struct Record<numbering::ArchiveNumber> {
    using N = numbering::ArchiveNumber;
    static auto fields() {
        return std::make_tuple(out("text", &N::text), out("site", &N::site), out("channel", &N::channel), out("year", &N::year),
                               out("sequence", &N::sequence),
                               custom("check", &N::check, [](char c) { return json(std::string(1, c ? c : '0')); },
                                      [](const json&, const std::string&, char&) {}, Use::output));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(Phone)
SNOWBALL_CODEC_READER(Phone)
SNOWBALL_CODEC_WRITER(Customer)
SNOWBALL_CODEC_READER(NewCustomer)
SNOWBALL_CODEC_READER(CustomerUpdate)
SNOWBALL_CODEC_READER(CustomerQuery)
SNOWBALL_CODEC_WRITER(Visit)
SNOWBALL_CODEC_READER(NewVisit)
SNOWBALL_CODEC_WRITER(Deal)
SNOWBALL_CODEC_READER(NewDeal)
SNOWBALL_CODEC_READER(DealQuery)
SNOWBALL_CODEC_WRITER(ClosedDeal)
SNOWBALL_CODEC_WRITER(DealStep)
SNOWBALL_CODEC_READER(DealAdvance)
SNOWBALL_CODEC_WRITER(SalesSettings)
SNOWBALL_CODEC_WRITER(LostMark)
SNOWBALL_CODEC_READER(NewLostMark)
SNOWBALL_CODEC_WRITER(LostCount)
SNOWBALL_CODEC_READER(LeadImportOptions)
SNOWBALL_CODEC_WRITER(RejectedRow)
SNOWBALL_CODEC_WRITER(LeadImportReport)
SNOWBALL_CODEC_WRITER(PhoneNumber)
SNOWBALL_CODEC_WRITER(numbering::ArchiveNumber)

