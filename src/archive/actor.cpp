// Actors: who an archive handle acts as (snowball/archive.hpp). The form of an actor's name and its
// resolution against the archive's consultants and sites; the rules of what each may see and do are
// the privacy module's (src/privacy/access.*).
#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/text.hpp"
#include "snowball/numbering.hpp"

#include <charconv>

namespace snowball {

const char* to_string(ActorKind value) noexcept {
    switch (value) {
    case ActorKind::host: return "host";
    case ActorKind::site_admin: return "admin";
    case ActorKind::manager: return "manager";
    case ActorKind::consultant: return "consultant";
    }
    return "host";
}

ActorKind parse_actor_kind(std::string_view input, const std::string& field) {
    const std::string v = text::lower_ascii(text::trim(input));
    if (v == "host") return ActorKind::host;
    if (v == "admin") return ActorKind::site_admin;
    if (v == "manager") return ActorKind::manager;
    if (v == "consultant") return ActorKind::consultant;
    throw_invalid(field, "'" + std::string(input) + "' is not one of host, admin, manager, consultant");
}

std::string Actor::text() const {
    switch (kind) {
    case ActorKind::host: return "host";
    case ActorKind::site_admin: return "admin:" + site;
    case ActorKind::manager:
    case ActorKind::consultant: return std::string(to_string(kind)) + ":" + std::to_string(consultant_id);
    }
    return "host";
}

Actor parse_actor(std::string_view input, const std::string& field) {
    const std::string t(text::trim(input));
    Actor actor;
    if (t.empty() || t == "host") return actor;
    const auto colon = t.find(':');
    const std::string kind = colon == std::string::npos ? t : t.substr(0, colon);
    const std::string rest = colon == std::string::npos ? std::string() : std::string(text::trim(t.substr(colon + 1)));
    const auto expected = [&]() -> void {
        throw_invalid(field, "'" + t + "' is not an actor: write host, admin:<site code>, manager:<id> or consultant:<id>");
    };
    if (kind == "admin") {
        if (rest.empty()) expected();
        actor.kind = ActorKind::site_admin;
        actor.site = numbering::normalize_site_code(rest);
        return actor;
    }
    if (kind != "manager" && kind != "consultant") expected();
    actor.kind = kind == "manager" ? ActorKind::manager : ActorKind::consultant;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), actor.consultant_id);
    if (rest.empty() || ec != std::errc() || end != rest.data() + rest.size() || actor.consultant_id <= 0) expected();
    return actor;
}

namespace detail {

Actor resolve_actor(Store& store, const std::string& text) {
    Actor actor = parse_actor(text);
    if (actor.kind == ActorKind::site_admin) {
        actor.site = require_site(store, actor.site, "actor").code;
    } else if (actor.kind != ActorKind::host) {
        const Consultant c = require_consultant(store, actor.consultant_id, "actor");
        const ActorKind role = c.role == ConsultantRole::manager ? ActorKind::manager : ActorKind::consultant;
        if (role != actor.kind)
            throw Error(Status::forbidden,
                        "actor: consultant " + std::to_string(c.id) + " is a " + to_string(c.role) + ", not a " +
                            to_string(actor.kind),
                        "actor");
        if (!c.active)
            throw Error(Status::forbidden, "actor: consultant " + std::to_string(c.id) + " is inactive", "actor");
        actor.site = c.site;
    }
    return actor;
}

} // namespace detail
} // namespace snowball
