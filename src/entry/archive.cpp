// The one entry point: snowball::Archive opens (or creates and migrates) the file and hands out
// the services, each constructed with the services of the modules below it that it uses. The
// modules subscribe to each other's events as they are constructed here, in layer order.
#include "snowball/archive.hpp"

#include "archive/schema.hpp"
#include "archive/sealing.hpp"
#include "archive/store.hpp"
#include "snowball/attribution.hpp"
#include "snowball/briefing.hpp"
#include "snowball/care.hpp"
#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/events.hpp"
#include "snowball/feedback.hpp"
#include "snowball/formats.hpp"
#include "snowball/group.hpp"
#include "snowball/lead_import.hpp"
#include "snowball/maintenance.hpp"
#include "snowball/merge.hpp"
#include "snowball/outreach.hpp"
#include "snowball/privacy.hpp"
#include "snowball/profiles.hpp"
#include "snowball/referrals.hpp"
#include "snowball/rights.hpp"
#include "snowball/version.h"

namespace snowball {

using detail::Query;

// The services in layer order, bottom first: each is constructed after those it uses.
struct Archive::Impl {
    Impl(const std::string& path, const OpenOptions& options)
        : store(path, options),
          group(store),
          sealing(store, options.encryption_key),
          sites(store),
          consultants(store),
          audit(store),
          consents(store),
          customers(store),
          deals(store),
          leads(store),
          templates(store),
          profiles(store, customers, templates, consents, sealing),
          encryption(store, sealing),
          family(store, customers, consents),
          calendar(store),
          feedback(store, customers, calendar),
          surveys(store, customers, calendar),
          referrals(store, customers, templates),
          contacts(store, customers, calendar, consents, feedback, surveys, referrals),
          registrations(store, customers),
          briefings(store, customers, consultants, family, profiles, feedback, calendar, contacts),
          outreach(store, customers, consultants, calendar, contacts, consents, referrals),
          events(store, customers, consultants, contacts, referrals, surveys, outreach),
          merges(store, customers),
          privacy(store, customers, profiles, family, feedback, surveys, referrals, contacts, consents, audit),
          formats(store, customers, family, profiles, templates),
          maintenance(store, audit) {}
    detail::Store store;
    // First after the store: it follows every write transaction of the handle from the start,
    // those the services make while they open included.
    Group group;
    detail::Sealing sealing;
    Sites sites;
    Consultants consultants;
    Audit audit;
    Consents consents;
    Customers customers;
    Deals deals;
    LeadImporter leads;
    Templates templates;
    Profiles profiles;
    Encryption encryption;
    Family family;
    CareCalendar calendar;
    Feedback feedback;
    Surveys surveys;
    Referrals referrals;
    Contacts contacts;
    Registrations registrations;
    Briefings briefings;
    Outreach outreach;
    SiteEvents events;
    Merges merges;
    Privacy privacy;
    Formats formats;
    Maintenance maintenance;
};

Archive Archive::open(const std::string& path, const OpenOptions& options) {
    try {
        try {
            return Archive(std::make_unique<Impl>(path, options));
        } catch (...) {
            detail::rethrow_as_error(path);
        }
    } catch (const Error& e) {
        // Whatever fails while opening is about the file named.
        if (!e.field().empty()) throw;
        throw Error(e.status(), e.what(), "path", e.record_id());
    }
}

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::Archive(Archive&&) noexcept = default;
Archive& Archive::operator=(Archive&&) noexcept = default;
Archive::~Archive() = default;

Sites& Archive::sites() { return impl_->sites; }
Consultants& Archive::consultants() { return impl_->consultants; }
Customers& Archive::customers() { return impl_->customers; }
Deals& Archive::deals() { return impl_->deals; }
LeadImporter& Archive::leads() { return impl_->leads; }
Templates& Archive::templates() { return impl_->templates; }
Profiles& Archive::profiles() { return impl_->profiles; }
Encryption& Archive::encryption() { return impl_->encryption; }
Family& Archive::family() { return impl_->family; }
Briefings& Archive::briefings() { return impl_->briefings; }
CareCalendar& Archive::calendar() { return impl_->calendar; }
Feedback& Archive::feedback() { return impl_->feedback; }
Audit& Archive::audit() { return impl_->audit; }
Consents& Archive::consents() { return impl_->consents; }
Privacy& Archive::privacy() { return impl_->privacy; }
Formats& Archive::formats() { return impl_->formats; }
Maintenance& Archive::maintenance() { return impl_->maintenance; }
Group& Archive::group() { return impl_->group; }
Surveys& Archive::surveys() { return impl_->surveys; }
Referrals& Archive::referrals() { return impl_->referrals; }
Contacts& Archive::contacts() { return impl_->contacts; }
Outreach& Archive::outreach() { return impl_->outreach; }
SiteEvents& Archive::events() { return impl_->events; }
Registrations& Archive::registrations() { return impl_->registrations; }
Merges& Archive::merges() { return impl_->merges; }
const std::string& Archive::path() const { return impl_->store.path(); }
const Actor& Archive::actor() const { return impl_->store.actor(); }

Archive Archive::as(const std::string& actor) const {
    OpenOptions options = impl_->store.options();
    options.actor = actor;
    options.encryption_key = impl_->sealing.key_hex();   // the key in force, after a rotation too
    options.create = false;
    return open(impl_->store.path(), options);
}
int Archive::schema_version() { return detail::latest_schema_version(); }

ArchiveInfo Archive::info() const {
    auto& store = impl_->store;
    return store.read([&] {
        ArchiveInfo info;
        info.path = store.path();
        info.schema_version = store.db().execAndGet("PRAGMA user_version").getInt();
        info.library_version = SNOWBALL_VERSION;
        SQLite::Statement counts(store.db(), R"(SELECT
            (SELECT count(*) FROM sites), (SELECT count(*) FROM consultants),
            (SELECT count(*) FROM customers WHERE deleted_at IS NULL),
            (SELECT count(*) FROM customers WHERE deleted_at IS NULL AND stage = 'owner'))");
        counts.executeStep();
        info.sites = counts.getColumn(0).getInt64();
        info.consultants = counts.getColumn(1).getInt64();
        info.customers = counts.getColumn(2).getInt64();
        info.owners = counts.getColumn(3).getInt64();
        return info;
    });
}

} // namespace snowball
