#include "codec/archive.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(archive)

namespace snowball::codec {

template <>
struct Record<OpenOptions> {
    static auto fields() {
        return std::make_tuple(
            in("create", &OpenOptions::create), in("read_only", &OpenOptions::read_only),
            in("busy_timeout_ms", &OpenOptions::busy_timeout_ms),
            custom("synchronous", &OpenOptions::synchronous_full, [](bool full) { return json(full ? "full" : "normal"); },
                   [](const json& j, const std::string& f, bool& full) {
                       const std::string v = text_value(j, f);
                       if (v != "full" && v != "normal") throw_invalid(f, "must be \"full\" or \"normal\"");
                       full = v == "full";
                   },
                   Use::input),
            in("cache_mib", &OpenOptions::cache_mib), in("actor", &OpenOptions::actor),
            in("encryption_key", &OpenOptions::encryption_key));
    }
};

template <>
struct Record<Actor> {
    static auto fields() {
        return std::make_tuple(out("kind", &Actor::kind), out("consultant_id", &Actor::consultant_id),
                               out("site", &Actor::site), computed<Actor>("text", [](const Actor& a) { return json(a.text()); }));
    }
};

template <>
struct Record<Site> {
    static auto fields() {
        return std::make_tuple(out("id", &Site::id), out("code", &Site::code), out("name", &Site::name),
                               out("number_format", &Site::number_format), out("created_at", &Site::created_at));
    }
};

template <>
struct Record<NewSite> {
    static auto fields() {
        return std::make_tuple(required("code", &NewSite::code), required("name", &NewSite::name),
                               in("number_format", &NewSite::number_format));
    }
};

template <>
struct Record<SiteUpdate> {
    static auto fields() { return std::make_tuple(in("name", &SiteUpdate::name), in("number_format", &SiteUpdate::number_format)); }
};

template <>
struct Record<Consultant> {
    static auto fields() {
        return std::make_tuple(out("id", &Consultant::id), out("uid", &Consultant::uid), out("site", &Consultant::site),
                               out("name", &Consultant::name), out("phone", &Consultant::phone),
                               out("active", &Consultant::active), out("created_at", &Consultant::created_at),
                               out("role", &Consultant::role), out("manager_id", &Consultant::manager_id));
    }
};

template <>
struct Record<NewConsultant> {
    static auto fields() {
        return std::make_tuple(required("site", &NewConsultant::site), required("name", &NewConsultant::name),
                               in("phone", &NewConsultant::phone), in("role", &NewConsultant::role),
                               in("manager_id", &NewConsultant::manager_id));
    }
};

template <>
struct Record<ConsultantUpdate> {
    static auto fields() {
        return std::make_tuple(in("name", &ConsultantUpdate::name), in("phone", &ConsultantUpdate::phone),
                               in("active", &ConsultantUpdate::active), in("role", &ConsultantUpdate::role),
                               in("manager_id", &ConsultantUpdate::manager_id));
    }
};

template <>
struct Record<ArchiveInfo> {
    static auto fields() {
        return std::make_tuple(out("path", &ArchiveInfo::path), out("schema_version", &ArchiveInfo::schema_version),
                               out("library_version", &ArchiveInfo::library_version), out("sites", &ArchiveInfo::sites),
                               out("consultants", &ArchiveInfo::consultants), out("customers", &ArchiveInfo::customers),
                               out("owners", &ArchiveInfo::owners));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(Actor)
SNOWBALL_CODEC_READER(OpenOptions)
SNOWBALL_CODEC_WRITER(Site)
SNOWBALL_CODEC_READER(NewSite)
SNOWBALL_CODEC_READER(SiteUpdate)
SNOWBALL_CODEC_WRITER(Consultant)
SNOWBALL_CODEC_READER(NewConsultant)
SNOWBALL_CODEC_READER(ConsultantUpdate)
SNOWBALL_CODEC_WRITER(ArchiveInfo)
