// Who may see and do what (snowball/privacy.hpp, "Actors"): the rules in one place. The modules
// above ask these functions inside their own operations; they never decide for themselves.
#pragma once

#include "archive/store.hpp"
#include "snowball/privacy.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace snowball::detail {

// The facts about a customer the rules need.
struct Subject {
    std::int64_t id = 0;
    std::string site;
    std::optional<std::int64_t> consultant_id;
    std::string stage;
};

// The customer on file with this id; not_found naming `field` otherwise.
Subject require_subject(Store& store, std::int64_t customer_id, const std::string& field = "customer_id");

// The actor a call is recorded as: the handle's actor; for a host handle given `by` (a consultant's
// id, as the existing `by` arguments name who did something), that consultant or manager. What the
// call may do is always decided by the handle's actor (the host system vouches for the `by` it
// names). A handle opened as a consultant or manager given another `by` is forbidden: one handle,
// one actor.
Actor acting(Store& store, std::optional<std::int64_t> by, const std::string& field = "by");

// May the actor see this customer in full (name, phones, address, the profile)?
bool may_see(Store& store, const Actor& actor, const Subject& subject);
// As may_see, throwing forbidden (naming `field`) when not.
void require_may_see(Store& store, const Actor& actor, const Subject& subject, const std::string& field);
// May the actor manage the customer's personal data as a whole (erase it, hand out the person's
// copy, hold it, grant others access): the host, the site's administrator and manager.
void require_manager(const Actor& actor, const Subject& subject, const std::string& field);
// Does the handle's actor work at this site (a code)? The host works at every site; anyone else
// is forbidden, naming `field`.
void require_actor_site(const Actor& actor, const std::string& site, const std::string& field);
// May the actor change what belongs to a whole site (its settings, its owners' attribution): the
// host, the site's administrator and manager; anyone else is forbidden, naming `field`, the message
// saying what they may not do ("change site XH's sales settings").
void require_site_manager(const Actor& actor, const std::string& site, const std::string& field,
                          const std::string& what = "do this");
// May the actor read a sensitive value of this category in full, given a reason? The actor must
// see the customer and give a reason; a consultant also needs the customer's separate consent in
// force (a withdrawal makes sensitive fields unreadable for consultants at once).
void require_reveal(Store& store, const Actor& actor, const Subject& subject, SensitiveCategory category,
                    const std::string& reason, const std::string& field);

// The check of a purpose for a customer known to be on file, inside the caller's operation
// (Consents::allows is the public form): service unless objected, the others with a consent.
bool purpose_allowed(Store& store, std::int64_t customer_id, Purpose purpose, std::string_view channel);

// Whether the customer has a consent in force for sensitive information of this category.
bool has_sensitive_consent(Store& store, std::int64_t customer_id, SensitiveCategory category);

} // namespace snowball::detail
